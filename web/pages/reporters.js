/*
 * #/reporters: reporters (báo cáo viên) in two panels.
 *
 * - The roster of the user's subtree: name, position, unit, dates on the
 *   roster, and how many reporter conferences each spoke at in a date range
 *   (the current year by default); add, correct, delete (only a reporter
 *   who never spoke) in a dialog.
 * - Reporter conferences (hội nghị báo cáo viên), newest first: date, unit,
 *   topics, reporters present, audience, and which reporters of the roster
 *   spoke (no more than the number present); add, correct, delete.
 * Contributors enter for their own unit; viewers read.
 */
import { h, replace, uid } from '../dom.js';
import { t } from '../i18n/index.js';
import * as api from '../api.js';
import { formatInt, formatDate } from '../format.js';
import { field, Form } from '../components/form.js';
import { openDialog, confirmDialog, alertDialog } from '../components/dialog.js';
import { unitField, canEnter } from '../components/unitfield.js';
import { loading, empty, errorBox, errorMessage, tableWrap, setTitle, pager, toast } from '../components/ui.js';

const PAGE = 50;
const isInt = (v) => /^\d+$/.test(String(v).trim());

/* A set of checkboxes behaving as one Form field (value: the checked ids). */
function checkboxField({ name, label, options, checked = [], hint }) {
  const id = uid(`f-${name}`);
  const errId = `${id}-error`;
  const boxes = options.map((o) => {
    const bid = uid(`${name}-opt`);
    const box = h('input', { type: 'checkbox', id: bid, value: String(o.value), checked: checked.includes(o.value) });
    return { box, el: h('div', { class: 'check' }, box, h('label', { for: bid }, o.label, o.meta ? h('span', { class: 'cell-sub' }, o.meta) : null)) };
  });
  const error = h('p', { id: errId, class: 'field-error', hidden: true });
  const legend = h('legend', null, label);
  const group = h('fieldset', { class: 'checks', 'aria-describedby': errId }, legend,
    hint ? h('p', { class: 'hint' }, hint) : null,
    boxes.length ? boxes.map((b) => b.el) : h('p', { class: 'hint' }, t('reporter.noRoster')));
  const el = h('div', { class: 'field field-wide', dataset: { field: name } }, group, error);
  return {
    name, label, required: false, choice: true, el,
    input: boxes.length ? boxes[0].box : group,
    error,
    value: () => boxes.filter((b) => b.box.checked).map((b) => Number(b.box.value)),
    setError(msg) { error.textContent = msg; error.hidden = false; el.classList.add('has-error'); },
    clearError() { error.textContent = ''; error.hidden = true; el.classList.remove('has-error'); },
  };
}

function reporterDialog({ ctx, r, onDone }) {
  const editing = !!r;
  let dlg;
  const unit = unitField({
    user: ctx.user, label: t('reporter.unit'), wide: true,
    value: r ? { id: r.unit_id, name: r.unit_name, code: r.unit_code } : null,
  });
  const fields = [
    field({ name: 'name', label: t('reporter.name'), value: r ? r.name : '', required: true, attrs: { maxlength: '200', autocomplete: 'off' } }),
    field({ name: 'position', label: t('reporter.position'), value: r ? r.position : '', attrs: { maxlength: '200' } }),
    unit.field,
    field({ name: 'valid_from', label: t('reporter.validFrom'), type: 'date', value: r ? r.valid_from : '', required: true }),
    field({ name: 'valid_to', label: t('reporter.validTo'), type: 'date', value: r ? r.valid_to : '', hint: t('reporter.validToHint') }),
  ];
  const cancel = h('button', { type: 'button', class: 'btn', onclick: () => dlg.close() }, t('common.cancel'));
  const form = new Form({
    fields, submitLabel: editing ? t('common.save') : t('reporter.create'), extraButtons: [cancel],
    onSubmit: async (v) => {
      const body = { name: v.name, position: v.position || null, unit_id: v.unit_id, valid_from: v.valid_from, valid_to: v.valid_to || null };
      if (editing) await api.updateReporter(r.id, body);
      else await api.createReporter(body);
      toast(t('reporter.saved', { name: v.name }));
      dlg.close();
      onDone();
    },
  });
  dlg = openDialog({ title: editing ? t('reporter.editTitle', { name: r.name }) : t('reporter.createTitle'), body: form.el, wide: true });
}

async function conferenceDialog({ ctx, conf, onDone }) {
  const editing = !!conf;
  let full = conf;
  let roster = [];
  try {
    const [c, rr] = await Promise.all([
      editing ? api.getReporterConference(conf.id) : Promise.resolve(null),
      api.listReporters({ limit: 200 }),
    ]);
    if (c) full = c;
    roster = rr.items || [];
  } catch (err) {
    alertDialog({ title: t('error.title'), message: errorMessage(err) });
    return;
  }
  let dlg;
  const unit = unitField({
    user: ctx.user, label: t('reporter.confUnit'), wide: true,
    value: full ? { id: full.unit_id, name: full.unit_name, code: full.unit_code } : null,
  });
  const speakers = checkboxField({
    name: 'reporter_ids', label: t('reporter.speakers'), hint: t('reporter.speakersHint'),
    options: roster.map((r) => ({ value: r.id, label: r.name, meta: [r.position, r.unit_name].filter(Boolean).join(', ') })),
    checked: full && full.reporter_ids ? full.reporter_ids : [],
  });
  const fields = [
    unit.field,
    field({ name: 'date', label: t('reporter.confDate'), type: 'date', value: full ? full.date : '', required: true }),
    field({ name: 'topics', label: t('reporter.topics'), value: full ? full.topics : '', required: true, wide: true, attrs: { maxlength: '4000' } }),
    field({ name: 'reporters_present', label: t('reporter.present'), type: 'number', value: full ? full.reporters_present : '', required: true, attrs: { min: 0, inputmode: 'numeric' } }),
    field({ name: 'audience', label: t('reporter.audience'), type: 'number', value: full ? full.audience : '', required: true, attrs: { min: 0, inputmode: 'numeric' } }),
    speakers,
    field({ name: 'note', label: t('reporter.note'), value: full ? full.note : '', wide: true, attrs: { maxlength: '2000' } }),
  ];
  const cancel = h('button', { type: 'button', class: 'btn', onclick: () => dlg.close() }, t('common.cancel'));
  const form = new Form({
    fields, submitLabel: editing ? t('common.save') : t('reporter.confCreate'), extraButtons: [cancel],
    onSubmit: async (v) => {
      for (const k of ['reporters_present', 'audience']) {
        if (!isInt(v[k])) throw { field: k, message: t('validation.wholeNumber') };
      }
      if (v.reporter_ids.length > Number(v.reporters_present)) {
        throw { field: 'reporter_ids', message: t('reporter.tooManySpeakers', { count: formatInt(v.reporters_present) }) };
      }
      const body = {
        unit_id: v.unit_id, date: v.date, topics: v.topics, reporters_present: Number(v.reporters_present),
        audience: Number(v.audience), reporter_ids: v.reporter_ids, note: v.note || null,
      };
      if (editing) await api.updateReporterConference(conf.id, body);
      else await api.createReporterConference(body);
      toast(t('reporter.confSaved'));
      dlg.close();
      onDone();
    },
  });
  dlg = openDialog({ title: editing ? t('reporter.confEditTitle', { date: formatDate(full.date) }) : t('reporter.confCreateTitle'), body: form.el, wide: true });
}

export function mount(container, ctx) {
  setTitle(t('reporter.title'));
  const writer = canEnter(ctx.user);
  let destroyed = false;
  /* Conferences are counted over all time until a range is chosen. */
  const range = { from: '', to: '' };
  let confOffset = 0;

  const rosterOut = h('div', { 'aria-live': 'polite' }, loading());
  const confOut = h('div', { 'aria-live': 'polite' }, loading());

  const fromId = uid('rep-from');
  const toId = uid('rep-to');
  const fromIn = h('input', { id: fromId, type: 'date', value: range.from });
  const toIn = h('input', { id: toId, type: 'date', value: range.to });
  const rangeForm = h('form', { class: 'filters', novalidate: true, 'aria-label': t('reporter.countRange') },
    h('div', { class: 'field' }, h('label', { for: fromId }, t('common.from')), fromIn),
    h('div', { class: 'field' }, h('label', { for: toId }, t('common.to')), toIn),
    h('div', { class: 'filter-actions' }, h('button', { type: 'submit', class: 'btn' }, t('reporter.count'))));
  rangeForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    range.from = fromIn.value;
    range.to = toIn.value;
    loadRoster();
    confOffset = 0;
    loadConferences();
  });

  const addReporter = writer ? h('button', {
    type: 'button', class: 'btn btn-primary', dataset: { action: 'create-reporter' },
    onclick: () => reporterDialog({ ctx, onDone: loadRoster }),
  }, t('reporter.add')) : null;
  const addConf = writer ? h('button', {
    type: 'button', class: 'btn btn-primary', dataset: { action: 'create-conference' },
    onclick: () => conferenceDialog({ ctx, onDone: () => { loadConferences(); loadRoster(); } }),
  }, t('reporter.confAdd')) : null;

  container.appendChild(h('section', { class: 'page page-reporters' },
    h('h1', { tabindex: '-1' }, t('reporter.title')),
    h('div', { class: 'panel' }, rangeForm,
      h('div', { class: 'page-head' }, h('h2', null, t('reporter.roster')), addReporter), rosterOut),
    h('div', { class: 'panel' },
      h('div', { class: 'page-head' }, h('h2', null, t('reporter.conferences')), addConf), confOut)));

  const btn = (label, action, name, onclick, cls) => h('button', {
    type: 'button', class: ['btn', 'btn-small', cls], dataset: { action }, onclick, 'aria-label': `${label}: ${name}`,
  }, label);

  async function act(fn, message, reload) {
    try {
      await fn();
      toast(message);
      reload();
    } catch (err) {
      alertDialog({ title: t('error.title'), message: errorMessage(err) });
    }
  }

  async function loadRoster() {
    replace(rosterOut, loading());
    try {
      const r = await api.listReporters({ from: range.from, to: range.to, limit: 200 });
      if (destroyed) return;
      if (!r.items.length) {
        replace(rosterOut, empty(t('reporter.none')));
        return;
      }
      const total = r.items.reduce((s, x) => s + (x.conferences || 0), 0);
      replace(rosterOut,
        h('p', { class: 'hint' }, range.from || range.to
          ? t('reporter.rosterSummary', {
            count: formatInt(r.total), conferences: formatInt(total),
            from: range.from ? formatDate(range.from) : '…', to: range.to ? formatDate(range.to) : '…',
          })
          : t('reporter.rosterSummaryAll', { count: formatInt(r.total), conferences: formatInt(total) })),
        tableWrap(t('reporter.roster'), h('table', { class: 'data-table' },
          h('caption', { class: 'visually-hidden' }, t('reporter.roster')),
          h('thead', null, h('tr', null,
            h('th', { scope: 'col' }, t('reporter.name')), h('th', { scope: 'col' }, t('reporter.position')),
            h('th', { scope: 'col' }, t('reporter.unit')), h('th', { scope: 'col' }, t('reporter.onRoster')),
            h('th', { scope: 'col', class: 'num' }, t('reporter.conferencesCount')),
            writer ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('common.actions'))) : null)),
          h('tbody', null, r.items.map((x) => h('tr', { dataset: { reporterId: String(x.id) }, class: x.valid_to ? 'is-disabled' : null },
            h('td', null, x.name), h('td', null, x.position || ''), h('td', null, x.unit_name),
            h('td', { class: 'nowrap' }, x.valid_to ? `${formatDate(x.valid_from)} – ${formatDate(x.valid_to)}` : t('reporter.since', { date: formatDate(x.valid_from) })),
            h('td', { class: 'num' }, formatInt(x.conferences || 0)),
            writer ? h('td', { class: 'row-actions' },
              btn(t('common.edit'), 'edit', x.name, () => reporterDialog({ ctx, r: x, onDone: loadRoster })),
              btn(t('common.delete'), 'delete', x.name, async () => {
                const ok = await confirmDialog({ title: t('reporter.deleteTitle'), message: t('reporter.deleteConfirm', { name: x.name }), confirmLabel: t('common.delete'), danger: true });
                if (ok) act(() => api.deleteReporter(x.id), t('reporter.deleted', { name: x.name }), loadRoster);
              }, 'btn-danger-outline')) : null))))));
    } catch (err) {
      if (!destroyed) replace(rosterOut, errorBox(err, loadRoster));
    }
  }

  async function loadConferences() {
    replace(confOut, loading());
    try {
      const r = await api.listReporterConferences({ from: range.from, to: range.to, limit: PAGE, offset: confOffset });
      if (destroyed) return;
      if (!r.items.length) {
        replace(confOut, empty(t('reporter.confNone')));
        return;
      }
      replace(confOut, tableWrap(t('reporter.conferences'), h('table', { class: 'data-table' },
        h('caption', { class: 'visually-hidden' }, t('reporter.conferences')),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('reporter.confDate')), h('th', { scope: 'col' }, t('reporter.confUnit')),
          h('th', { scope: 'col' }, t('reporter.topics')), h('th', { scope: 'col', class: 'num' }, t('reporter.present')),
          h('th', { scope: 'col', class: 'num' }, t('reporter.audience')),
          writer ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('common.actions'))) : null)),
        h('tbody', null, r.items.map((c) => h('tr', { dataset: { conferenceId: String(c.id) } },
          h('td', { class: 'nowrap' }, formatDate(c.date)), h('td', null, c.unit_name), h('td', null, c.topics),
          h('td', { class: 'num' }, formatInt(c.reporters_present)), h('td', { class: 'num' }, formatInt(c.audience)),
          writer ? h('td', { class: 'row-actions' },
            btn(t('common.edit'), 'edit', formatDate(c.date), () => conferenceDialog({ ctx, conf: c, onDone: () => { loadConferences(); loadRoster(); } })),
            btn(t('common.delete'), 'delete', formatDate(c.date), async () => {
              const ok = await confirmDialog({ title: t('reporter.confDeleteTitle'), message: t('reporter.confDeleteConfirm', { date: formatDate(c.date), unit: c.unit_name }), confirmLabel: t('common.delete'), danger: true });
              if (ok) act(() => api.deleteReporterConference(c.id), t('reporter.confDeleted'), () => { loadConferences(); loadRoster(); });
            }, 'btn-danger-outline')) : null))))),
      pager({ total: r.total, offset: confOffset, limit: PAGE, count: r.items.length, onPage: (o) => { confOffset = o; loadConferences(); } }));
    } catch (err) {
      if (!destroyed) replace(confOut, errorBox(err, loadConferences));
    }
  }

  loadRoster();
  loadConferences();
  return { destroy() { destroyed = true; } };
}
