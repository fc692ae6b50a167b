/*
 * #/activities: study conferences and political activities of the user's
 * subtree (newest first), filtered by unit (with its subtree), kind and
 * dates; the entry form (unit, date, kind, form, subject, document, members
 * present / expected, non-members, note) on the page, and the same form in
 * a dialog to correct or delete a row.
 *
 * Contributors enter for their own unit only: they see it fixed. Viewers
 * only read. Errors from the server appear next to the field they name
 * (error.field), in Vietnamese.
 */
import { h, replace, uid } from '../dom.js';
import { t } from '../i18n/index.js';
import * as api from '../api.js';
import { formatInt, formatDate, formatRate } from '../format.js';
import { field, Form } from '../components/form.js';
import { openDialog, confirmDelete } from '../components/dialog.js';
import { unitPicker } from '../components/unitpicker.js';
import { unitField, canEnter } from '../components/unitfield.js';
import { loading, empty, errorBox, tableWrap, setTitle, pager, toast } from '../components/ui.js';

const KINDS = ['study', 'political', 'flag_salute', 'seminar'];
const FORMS = ['in_person', 'online', 'hybrid'];
const PAGE = 50;

/* "" stays "" (the required check catches it); digits become a number. */
export function numberOrEmpty(v) {
  if (v === '' || v === null || v === undefined) return v;
  return /^-?\d+$/.test(String(v).trim()) ? Number(v) : v;
}

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/* The fields of an activity; `a` fills them for an edit. */
function activityFields(ctx, a) {
  const unit = unitField({
    user: ctx.user, label: t('activity.unit'), wide: true,
    value: a ? { id: a.unit_id, name: a.unit_name, code: a.unit_code } : null,
  });
  return [
    unit.field,
    field({ name: 'date', label: t('activity.date'), type: 'date', value: a ? a.date : today(), required: true, attrs: { max: today() } }),
    field({ name: 'kind', label: t('activity.kind'), type: 'select', value: a ? a.kind : 'study', options: KINDS.map((k) => ({ value: k, label: t(`activity.kind.${k}`) })) }),
    field({ name: 'form', label: t('activity.form'), type: 'select', value: a ? a.form : 'in_person', options: FORMS.map((k) => ({ value: k, label: t(`activity.form.${k}`) })) }),
    field({ name: 'title', label: t('activity.titleField'), value: a ? a.title : '', wide: true, attrs: { maxlength: '300' } }),
    field({ name: 'document_ref', label: t('activity.documentRef'), value: a ? a.document_ref : '', hint: t('activity.documentRefHint'), attrs: { maxlength: '64' } }),
    field({ name: 'members_present', label: t('activity.present'), type: 'number', value: a ? a.members_present : '', required: true, attrs: { min: 0, inputmode: 'numeric' } }),
    field({ name: 'members_expected', label: t('activity.expected'), type: 'number', value: a ? a.members_expected : '', required: true, attrs: { min: 0, inputmode: 'numeric' } }),
    field({ name: 'non_members', label: t('activity.nonMembers'), type: 'number', value: a ? a.non_members : '0', attrs: { min: 0, inputmode: 'numeric' } }),
    field({ name: 'note', label: t('activity.note'), value: a ? a.note : '', wide: true, attrs: { maxlength: '2000' } }),
  ];
}

/* The live attendance rate under the two counts. */
function attendanceOutput(form) {
  const out = h('p', { class: 'live-rate', 'aria-live': 'polite' });
  const p = form.byName.members_present.input;
  const e = form.byName.members_expected.input;
  const update = () => {
    const n = numberOrEmpty(p.value);
    const d = numberOrEmpty(e.value);
    out.textContent = Number.isInteger(n) && Number.isInteger(d) && d > 0
      ? t('activity.liveRate', { ratio: `${formatInt(n)}/${formatInt(d)}`, rate: formatRate(n, d, 2) })
      : '';
  };
  p.addEventListener('input', update);
  e.addEventListener('input', update);
  update();
  form.byName.members_expected.el.after(out);
  return update;
}

function toBody(v, editing) {
  const body = { ...v };
  for (const k of ['members_present', 'members_expected', 'non_members']) body[k] = numberOrEmpty(body[k]);
  if (body.non_members === '') body.non_members = 0;
  for (const k of ['title', 'document_ref', 'note']) {
    if (!body[k]) {
      if (editing) body[k] = null;
      else delete body[k];
    }
  }
  return body;
}

export function mount(container, ctx) {
  setTitle(t('activity.title'));
  const writer = canEnter(ctx.user);
  const filter = { unit: null, kind: '', from: '', to: '' };
  let offset = 0;
  let req = 0;
  let destroyed = false;
  const list = h('div', { class: 'results', 'aria-live': 'polite' }, loading());
  const section = h('section', { class: 'page page-activities' }, h('h1', { tabindex: '-1' }, t('activity.title')));

  if (writer) {
    let form;
    const fields = activityFields(ctx, null);
    form = new Form({
      fields, submitLabel: t('activity.save'), className: 'activity-form',
      onSubmit: async (v) => {
        await api.createActivity(toBody(v, false));
        toast(t('activity.saved'));
        for (const k of ['members_present', 'members_expected', 'title', 'note']) form.byName[k].input.value = '';
        form.byName.non_members.input.value = '0';
        refreshRate();
        offset = 0;
        load();
      },
    });
    const refreshRate = attendanceOutput(form);
    section.appendChild(h('details', { class: 'entry panel', open: true },
      h('summary', null, t('activity.new')), form.el));
  }

  /* Filters: the unit picker is labelled "Trong phạm vi" (with its subtree). */
  const unitId = uid('act-unit');
  const kindId = uid('act-kind');
  const fromId = uid('act-from');
  const toId = uid('act-to');
  const picker = unitPicker({ onChange: (u) => { filter.unit = u; reload(); } });
  picker.input.id = unitId;
  const kindSel = h('select', { id: kindId, onchange: () => { filter.kind = kindSel.value; reload(); } },
    h('option', { value: '' }, t('common.all')),
    KINDS.map((k) => h('option', { value: k }, t(`activity.kind.${k}`))));
  const fromIn = h('input', { id: fromId, type: 'date' });
  const toIn = h('input', { id: toId, type: 'date' });
  const rangeErr = h('p', { class: 'field-error', role: 'alert', hidden: true });
  const filters = h('form', { class: 'filters', role: 'search', novalidate: true, 'aria-label': t('activity.filters') },
    h('div', { class: 'field' }, h('label', { for: unitId }, t('activity.filterUnit')), picker.el),
    h('div', { class: 'field' }, h('label', { for: kindId }, t('activity.kind')), kindSel),
    h('div', { class: 'field' }, h('label', { for: fromId }, t('common.from')), fromIn),
    h('div', { class: 'field' }, h('label', { for: toId }, t('common.to')), toIn, rangeErr),
    h('div', { class: 'filter-actions' },
      h('button', { type: 'submit', class: 'btn' }, t('common.filter')),
      h('button', { type: 'button', class: 'btn', onclick: clearFilters }, t('common.clearFilters'))));
  filters.addEventListener('submit', (ev) => {
    ev.preventDefault();
    rangeErr.hidden = true;
    if (fromIn.value && toIn.value && fromIn.value > toIn.value) {
      rangeErr.textContent = t('period.rangeInvalid');
      rangeErr.hidden = false;
      toIn.focus();
      return;
    }
    filter.from = fromIn.value;
    filter.to = toIn.value;
    reload();
  });
  function clearFilters() {
    kindSel.value = '';
    fromIn.value = '';
    toIn.value = '';
    rangeErr.hidden = true;
    Object.assign(filter, { kind: '', from: '', to: '' });
    if (filter.unit) picker.setValue(null);
    else reload();
  }

  section.appendChild(h('div', { class: 'panel' }, h('h2', null, t('activity.list')), filters, list));
  container.appendChild(section);

  function reload() {
    offset = 0;
    load();
  }

  function editDialog(a) {
    let dlg;
    const fields = activityFields(ctx, a);
    const cancel = h('button', { type: 'button', class: 'btn', onclick: () => dlg.close() }, t('common.cancel'));
    const form = new Form({
      fields, submitLabel: t('activity.save'), extraButtons: [cancel],
      onSubmit: async (v) => {
        await api.updateActivity(a.id, toBody(v, true));
        toast(t('activity.saved'));
        dlg.close();
        load();
      },
    });
    attendanceOutput(form);
    dlg = openDialog({ title: t('activity.editTitle', { date: formatDate(a.date), unit: a.unit_name }), body: form.el, wide: true });
  }

  function remove(a) {
    return confirmDelete({
      title: t('activity.deleteTitle'),
      message: t('activity.deleteConfirm', { date: formatDate(a.date), unit: a.unit_name }),
      del: () => api.deleteActivity(a.id), done: t('activity.deleted'), after: load,
    });
  }

  function row(a) {
    const btn = (label, action, onclick, cls) => h('button', {
      type: 'button', class: ['btn', 'btn-small', cls], dataset: { action }, onclick,
      'aria-label': `${label}: ${formatDate(a.date)} ${a.unit_name}`,
    }, label);
    return h('tr', { dataset: { activityId: String(a.id) } },
      h('td', { class: 'nowrap' }, formatDate(a.date)),
      h('td', null, a.unit_name),
      h('td', null, t(`activity.kind.${a.kind}`)),
      h('td', null, a.title || '', a.document_ref ? h('span', { class: 'badge' }, a.document_ref) : null),
      h('td', { class: 'num nowrap', title: t('rollup.exact', { rate: formatRate(a.members_present, a.members_expected, 2) }) },
        `${formatInt(a.members_present)}/${formatInt(a.members_expected)}`),
      h('td', { class: 'num' }, formatInt(a.non_members)),
      writer ? h('td', { class: 'row-actions' },
        btn(t('common.edit'), 'edit', () => editDialog(a)),
        btn(t('common.delete'), 'delete', () => remove(a), 'btn-danger-outline')) : null);
  }

  async function load() {
    const mine = ++req;
    replace(list, loading());
    try {
      const r = await api.listActivities({
        unit_id: filter.unit ? filter.unit.id : '', kind: filter.kind, from: filter.from, to: filter.to,
        limit: PAGE, offset,
      });
      if (mine !== req || destroyed) return;
      if (!r.items.length) {
        replace(list, empty(t('activity.none')));
        return;
      }
      const heads = ['activity.date', 'activity.unit', 'activity.kind', 'activity.subject', 'activity.attendance', 'activity.nonMembers'];
      replace(list, tableWrap(t('activity.list'), h('table', { class: 'data-table' },
        h('caption', { class: 'visually-hidden' }, t('activity.list')),
        h('thead', null, h('tr', null, heads.map((k, i) => h('th', { scope: 'col', class: i >= 4 ? 'num' : null }, t(k))),
          writer ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('common.actions'))) : null)),
        h('tbody', null, r.items.map(row)))),
      pager({ total: r.total, offset, limit: PAGE, count: r.items.length, onPage: (o) => { offset = o; load(); } }));
    } catch (err) {
      if (mine !== req || destroyed) return;
      replace(list, errorBox(err, load));
    }
  }
  load();
  return { destroy() { destroyed = true; } };
}
