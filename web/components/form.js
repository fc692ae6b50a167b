/*
 * Forms with labelled fields and per-field error messages.
 *
 * field() builds label + control + hint + error slot, wired with for/id and
 * aria-describedby; Form ties fields to a <form>, checks required fields in
 * Vietnamese before anything is sent, and shows an ApiError next to the
 * field its `field` names (or above the buttons when it names none we have).
 * Native browser validation is off (novalidate): its bubbles are neither in
 * our language nor next to the field.
 */
import { h, uid } from '../dom.js';
import { t } from '../i18n/index.js';
import { errorMessage } from './ui.js';

/*
 * opts: name, label, type ('text', 'password', 'number', 'date', 'select',
 * 'static'), value, required, options ([{value, label}] for select), hint,
 * attrs (extra attributes of the input), control + input (a ready-made
 * control such as the unit picker, and its focusable input).
 */
export function field(opts) {
  const id = uid(`f-${opts.name}`);
  const errId = `${id}-error`;
  const hintId = `${id}-hint`;
  let input;
  let control;
  if (opts.control) {
    control = opts.control;
    input = opts.input;
    input.id = id;
  } else if (opts.type === 'select') {
    input = h('select', { id, name: opts.name, ...opts.attrs },
      (opts.options || []).map((o) => h('option', { value: o.value, selected: String(o.value) === String(opts.value ?? '') }, o.label)));
    control = input;
  } else if (opts.type === 'static') {
    input = h('output', { id, class: 'static-value' }, opts.value ?? '');
    control = input;
  } else {
    input = h('input', {
      id, name: opts.name, type: opts.type || 'text',
      value: opts.value === null || opts.value === undefined ? '' : String(opts.value),
      ...opts.attrs,
    });
    control = input;
  }
  if (opts.required && opts.type !== 'static') input.setAttribute('aria-required', 'true');
  const describedBy = [opts.hint ? hintId : null, errId].filter(Boolean).join(' ');
  input.setAttribute('aria-describedby', describedBy);

  const label = h('label', { for: id },
    opts.label,
    opts.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null);
  const error = h('p', { id: errId, class: 'field-error', hidden: true });
  const el = h('div', { class: ['field', opts.wide && 'field-wide'], dataset: { field: opts.name } },
    label, control,
    opts.hint ? h('p', { id: hintId, class: 'hint' }, opts.hint) : null,
    error);

  return {
    name: opts.name,
    label: opts.label,
    required: !!opts.required,
    choice: opts.type === 'select' || !!opts.control,
    el,
    input,
    error,
    value() {
      if (opts.getValue) return opts.getValue();
      /* NFC: some Vietnamese keyboards type combining marks. */
      return typeof input.value === 'string' ? input.value.trim().normalize('NFC') : input.value;
    },
    setError(msg) {
      error.textContent = msg;
      error.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      el.classList.add('has-error');
    },
    clearError() {
      error.textContent = '';
      error.hidden = true;
      input.removeAttribute('aria-invalid');
      el.classList.remove('has-error');
    },
  };
}

export class Form {
  /*
   * fields: the field() objects; onSubmit(values) is awaited and may throw
   * an ApiError, which is then shown. submitLabel names the main button;
   * extraButtons are placed after it (e.g. Cancel).
   */
  constructor({ fields, onSubmit, submitLabel, extraButtons = [], className }) {
    this.fields = fields;
    this.byName = Object.fromEntries(fields.map((f) => [f.name, f]));
    this.onSubmit = onSubmit;
    this.formError = h('div', { class: 'form-error', role: 'alert', hidden: true });
    this.submit = h('button', { type: 'submit', class: 'btn btn-primary' }, submitLabel || t('common.save'));
    this.el = h('form', { class: ['form', className], novalidate: true },
      h('div', { class: 'form-grid' }, fields.map((f) => f.el)),
      this.formError,
      h('div', { class: 'form-actions' }, this.submit, extraButtons));
    this.el.addEventListener('submit', (ev) => {
      ev.preventDefault();
      this.run();
    });
    this.busy = false;
  }

  values() {
    const out = {};
    for (const f of this.fields) out[f.name] = f.value();
    return out;
  }

  clearErrors() {
    for (const f of this.fields) f.clearError();
    this.formError.textContent = '';
    this.formError.hidden = true;
  }

  /* Required fields left empty get a message; returns true if all are filled. */
  checkRequired() {
    let first = null;
    for (const f of this.fields) {
      if (!f.required) continue;
      const v = f.value();
      if (v === '' || v === null || v === undefined) {
        f.setError(t(f.choice ? 'validation.choose' : 'validation.required', { field: f.label }));
        if (!first) first = f;
      }
    }
    if (first) first.input.focus();
    return !first;
  }

  /* Shows an error: next to its field when it names one of ours. */
  showError(err) {
    const f = err && err.field ? this.byName[err.field] : null;
    if (f) {
      f.setError(errorMessage(err));
      f.input.focus();
    } else {
      this.formError.textContent = errorMessage(err);
      this.formError.hidden = false;
    }
  }

  setFieldError(name, message) {
    const f = this.byName[name];
    if (f) f.setError(message);
    else this.showError({ message });
  }

  setBusy(busy) {
    this.busy = busy;
    this.submit.disabled = busy;
    this.el.setAttribute('aria-busy', busy ? 'true' : 'false');
  }

  async run() {
    if (this.busy) return;
    this.clearErrors();
    if (!this.checkRequired()) return;
    this.setBusy(true);
    try {
      await this.onSubmit(this.values(), this);
    } catch (err) {
      if (err && err.name === 'AbortError') return;
      this.showError(err);
    } finally {
      this.setBusy(false);
    }
  }
}
