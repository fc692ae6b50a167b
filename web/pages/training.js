/*
 * #/classes: political theory training classes (lớp bồi dưỡng lý luận
 * chính trị) of the user's subtree, newest first, filtered by kind and
 * start date; add, correct and delete in a dialog (unit, kind, title,
 * start and end dates, trainees enrolled and completed, note).
 * Contributors enter for their own unit; viewers read.
 */
import { h, replace, uid } from '../dom.js';
import { t } from '../i18n/index.js';
import * as api from '../api.js';
import { formatInt, formatDate, formatRate } from '../format.js';
import { field, Form } from '../components/form.js';
import { openDialog, confirmDelete } from '../components/dialog.js';
import { unitField, canEnter } from '../components/unitfield.js';
import { loading, empty, errorBox, tableWrap, setTitle, pager, toast } from '../components/ui.js';

export const CLASS_KINDS = ['new_members', 'prospective', 'elementary', 'thematic', 'refresher'];
const PAGE = 50;
const isInt = (v) => /^\d+$/.test(String(v).trim());

function classDialog({ ctx, c, onDone }) {
  const editing = !!c;
  let dlg;
  const unit = unitField({
    user: ctx.user, label: t('class.unit'), wide: true,
    value: c ? { id: c.unit_id, name: c.unit_name, code: c.unit_code } : null,
  });
  const fields = [
    unit.field,
    field({ name: 'kind', label: t('class.kind'), type: 'select', value: c ? c.kind : 'new_members', options: CLASS_KINDS.map((k) => ({ value: k, label: t(`class.kind.${k}`) })) }),
    field({ name: 'title', label: t('class.titleField'), value: c ? c.title : '', wide: true, attrs: { maxlength: '300' } }),
    field({ name: 'start_date', label: t('class.start'), type: 'date', value: c ? c.start_date : '', required: true }),
    field({ name: 'end_date', label: t('class.end'), type: 'date', value: c ? c.end_date : '', required: true }),
    field({ name: 'enrolled', label: t('class.enrolled'), type: 'number', value: c ? c.enrolled : '', required: true, attrs: { min: 0, inputmode: 'numeric' } }),
    field({ name: 'completed', label: t('class.completed'), type: 'number', value: c ? c.completed : '', attrs: { min: 0, inputmode: 'numeric' } }),
    field({ name: 'note', label: t('class.note'), value: c ? c.note : '', wide: true, attrs: { maxlength: '2000' } }),
  ];
  const cancel = h('button', { type: 'button', class: 'btn', onclick: () => dlg.close() }, t('common.cancel'));
  const form = new Form({
    fields, submitLabel: editing ? t('common.save') : t('class.create'), extraButtons: [cancel],
    onSubmit: async (v) => {
      if (!isInt(v.enrolled)) throw { field: 'enrolled', message: t('validation.wholeNumber') };
      if (v.completed !== '' && !isInt(v.completed)) throw { field: 'completed', message: t('validation.wholeNumber') };
      if (v.end_date < v.start_date) throw { field: 'end_date', message: t('class.endBeforeStart') };
      const body = {
        unit_id: v.unit_id, kind: v.kind, title: v.title || null, start_date: v.start_date, end_date: v.end_date,
        enrolled: Number(v.enrolled), note: v.note || null,
      };
      if (v.completed !== '') body.completed = Number(v.completed);
      if (editing) await api.updateClass(c.id, body);
      else await api.createClass(body);
      toast(t('class.saved'));
      dlg.close();
      onDone();
    },
  });
  dlg = openDialog({ title: editing ? t('class.editTitle') : t('class.createTitle'), body: form.el, wide: true });
}

export function mount(container, ctx) {
  setTitle(t('class.title'));
  const writer = canEnter(ctx.user);
  const filter = { kind: '', from: '', to: '' };
  let offset = 0;
  let req = 0;
  let destroyed = false;
  const list = h('div', { class: 'results', 'aria-live': 'polite' }, loading());

  const kindId = uid('cls-kind');
  const fromId = uid('cls-from');
  const toId = uid('cls-to');
  const kindSel = h('select', { id: kindId },
    h('option', { value: '' }, t('common.all')), CLASS_KINDS.map((k) => h('option', { value: k }, t(`class.kind.${k}`))));
  const fromIn = h('input', { id: fromId, type: 'date' });
  const toIn = h('input', { id: toId, type: 'date' });
  const filters = h('form', { class: 'filters', role: 'search', novalidate: true, 'aria-label': t('class.filters') },
    h('div', { class: 'field' }, h('label', { for: kindId }, t('class.kind')), kindSel),
    h('div', { class: 'field' }, h('label', { for: fromId }, t('class.startFrom')), fromIn),
    h('div', { class: 'field' }, h('label', { for: toId }, t('class.startTo')), toIn),
    h('div', { class: 'filter-actions' }, h('button', { type: 'submit', class: 'btn' }, t('common.filter'))));
  filters.addEventListener('submit', (ev) => {
    ev.preventDefault();
    Object.assign(filter, { kind: kindSel.value, from: fromIn.value, to: toIn.value });
    offset = 0;
    load();
  });
  kindSel.addEventListener('change', () => { filter.kind = kindSel.value; offset = 0; load(); });

  const add = writer ? h('button', {
    type: 'button', class: 'btn btn-primary', dataset: { action: 'create-class' },
    onclick: () => classDialog({ ctx, onDone: load }),
  }, t('class.add')) : null;
  container.appendChild(h('section', { class: 'page page-classes' },
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, t('class.title')), add),
    h('div', { class: 'panel' }, filters, list)));

  function remove(c) {
    return confirmDelete({
      title: t('class.deleteTitle'), message: t('class.deleteConfirm', { title: c.title || t(`class.kind.${c.kind}`), unit: c.unit_name }),
      del: () => api.deleteClass(c.id), done: t('class.deleted'), after: load,
    });
  }

  function row(c) {
    const name = c.title || t(`class.kind.${c.kind}`);
    const btn = (label, action, onclick, cls) => h('button', {
      type: 'button', class: ['btn', 'btn-small', cls], dataset: { action }, onclick, 'aria-label': `${label}: ${name}`,
    }, label);
    return h('tr', { dataset: { classId: String(c.id) } },
      h('td', null, name, h('span', { class: 'cell-sub' }, t(`class.kind.${c.kind}`))),
      h('td', null, c.unit_name),
      h('td', { class: 'nowrap' }, `${formatDate(c.start_date)} – ${formatDate(c.end_date)}`),
      h('td', { class: 'num' }, formatInt(c.enrolled)),
      h('td', { class: 'num', title: t('rollup.exact', { rate: formatRate(c.completed, c.enrolled, 2) }) },
        `${formatInt(c.completed)} (${formatRate(c.completed, c.enrolled, 0)})`),
      writer ? h('td', { class: 'row-actions' },
        btn(t('common.edit'), 'edit', () => classDialog({ ctx, c, onDone: load })),
        btn(t('common.delete'), 'delete', () => remove(c), 'btn-danger-outline')) : null);
  }

  async function load() {
    const mine = ++req;
    replace(list, loading());
    try {
      const r = await api.listClasses({ kind: filter.kind, from: filter.from, to: filter.to, limit: PAGE, offset });
      if (mine !== req || destroyed) return;
      if (!r.items.length) {
        replace(list, empty(t('class.none')));
        return;
      }
      replace(list, tableWrap(t('class.title'), h('table', { class: 'data-table' },
        h('caption', { class: 'visually-hidden' }, t('class.title')),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('class.titleField')), h('th', { scope: 'col' }, t('class.unit')),
          h('th', { scope: 'col' }, t('class.dates')), h('th', { scope: 'col', class: 'num' }, t('class.enrolled')),
          h('th', { scope: 'col', class: 'num' }, t('class.completed')),
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
