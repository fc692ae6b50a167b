/*
 * #/commendations: collectives and officials commended (biểu dương, khen
 * thưởng) in the user's subtree, newest first, with the counts by kind
 * of what is listed; filters by kind, award and date; add, correct and
 * delete in a dialog. An official is recorded by name and position only.
 * Contributors enter for their own unit; viewers read.
 */
import { h, replace, uid } from '../dom.js';
import { t } from '../i18n/index.js';
import * as api from '../api.js';
import { formatInt, formatDate } from '../format.js';
import { field, Form } from '../components/form.js';
import { openDialog, confirmDelete } from '../components/dialog.js';
import { unitField, canEnter } from '../components/unitfield.js';
import { loading, empty, errorBox, tableWrap, setTitle, pager, toast } from '../components/ui.js';

export const KINDS = ['collective', 'individual'];
export const AWARDS = ['bang_khen_tw', 'bang_khen_tinh_uy', 'bang_khen_ubnd_tinh', 'giay_khen_ban',
  'giay_khen_huyen', 'giay_khen_co_so', 'bieu_duong', 'other'];
const PAGE = 50;

function commendationDialog({ ctx, c, onDone }) {
  const editing = !!c;
  let dlg;
  const unit = unitField({
    user: ctx.user, label: t('commendation.unit'), wide: true,
    value: c ? { id: c.unit_id, name: c.unit_name, code: c.unit_code } : null,
  });
  const fields = [
    unit.field,
    field({ name: 'kind', label: t('commendation.kind'), type: 'select', value: c ? c.kind : 'collective', options: KINDS.map((k) => ({ value: k, label: t(`commendation.kind.${k}`) })) }),
    field({ name: 'recipient', label: t('commendation.recipient'), value: c ? c.recipient : '', required: true, wide: true, attrs: { maxlength: '300' } }),
    field({ name: 'position', label: t('commendation.position'), value: c ? c.position : '', wide: true, hint: t('commendation.positionHint'), attrs: { maxlength: '200' } }),
    field({ name: 'award', label: t('commendation.award'), type: 'select', value: c ? c.award : 'bieu_duong', options: AWARDS.map((k) => ({ value: k, label: t(`commendation.award.${k}`) })) }),
    field({ name: 'awarded_on', label: t('commendation.date'), type: 'date', value: c ? c.awarded_on : '', required: true }),
    field({ name: 'decision_ref', label: t('commendation.decision'), value: c ? c.decision_ref : '', attrs: { maxlength: '64' } }),
    field({ name: 'reason', label: t('commendation.reason'), value: c ? c.reason : '', required: true, wide: true, attrs: { maxlength: '1000' } }),
  ];
  const cancel = h('button', { type: 'button', class: 'btn', onclick: () => dlg.close() }, t('common.cancel'));
  const form = new Form({
    fields, submitLabel: editing ? t('common.save') : t('commendation.create'), extraButtons: [cancel],
    onSubmit: async (v) => {
      const body = {
        unit_id: v.unit_id, kind: v.kind, recipient: v.recipient, position: v.position || null,
        award: v.award, reason: v.reason, awarded_on: v.awarded_on, decision_ref: v.decision_ref || null,
      };
      if (editing) await api.updateCommendation(c.id, body);
      else await api.createCommendation(body);
      toast(t('commendation.saved'));
      dlg.close();
      onDone();
    },
  });
  dlg = openDialog({ title: editing ? t('commendation.editTitle') : t('commendation.createTitle'), body: form.el, wide: true });
}

export function mount(container, ctx) {
  setTitle(t('commendation.title'));
  const writer = canEnter(ctx.user);
  const filter = { kind: '', award: '', from: '', to: '' };
  let offset = 0;
  let req = 0;
  let destroyed = false;
  const list = h('div', { class: 'results', 'aria-live': 'polite' }, loading());
  const summary = h('p', { class: 'summary', dataset: { role: 'commendation-counts' } });

  const ids = { kind: uid('cm-kind'), award: uid('cm-award'), from: uid('cm-from'), to: uid('cm-to') };
  const kindSel = h('select', { id: ids.kind },
    h('option', { value: '' }, t('common.all')), KINDS.map((k) => h('option', { value: k }, t(`commendation.kind.${k}`))));
  const awardSel = h('select', { id: ids.award },
    h('option', { value: '' }, t('common.all')), AWARDS.map((k) => h('option', { value: k }, t(`commendation.award.${k}`))));
  const fromIn = h('input', { id: ids.from, type: 'date' });
  const toIn = h('input', { id: ids.to, type: 'date' });
  const filters = h('form', { class: 'filters', role: 'search', novalidate: true, 'aria-label': t('commendation.filters') },
    h('div', { class: 'field' }, h('label', { for: ids.kind }, t('commendation.kind')), kindSel),
    h('div', { class: 'field' }, h('label', { for: ids.award }, t('commendation.award')), awardSel),
    h('div', { class: 'field' }, h('label', { for: ids.from }, t('common.from')), fromIn),
    h('div', { class: 'field' }, h('label', { for: ids.to }, t('common.to')), toIn),
    h('div', { class: 'filter-actions' }, h('button', { type: 'submit', class: 'btn' }, t('common.filter'))));
  filters.addEventListener('submit', (ev) => {
    ev.preventDefault();
    Object.assign(filter, { kind: kindSel.value, award: awardSel.value, from: fromIn.value, to: toIn.value });
    offset = 0;
    load();
  });

  const add = writer ? h('button', {
    type: 'button', class: 'btn btn-primary', dataset: { action: 'create-commendation' },
    onclick: () => commendationDialog({ ctx, onDone: load }),
  }, t('commendation.add')) : null;
  container.appendChild(h('section', { class: 'page page-commendations' },
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, t('commendation.title')), add),
    h('div', { class: 'panel' }, filters, summary, list)));

  function remove(c) {
    return confirmDelete({
      title: t('commendation.deleteTitle'), message: t('commendation.deleteConfirm', { name: c.recipient }),
      del: () => api.deleteCommendation(c.id), done: t('commendation.deleted'), after: load,
    });
  }

  function row(c) {
    const btn = (label, action, onclick, cls) => h('button', {
      type: 'button', class: ['btn', 'btn-small', cls], dataset: { action }, onclick, 'aria-label': `${label}: ${c.recipient}`,
    }, label);
    return h('tr', { dataset: { commendationId: String(c.id) } },
      h('td', null, c.recipient, c.position ? h('span', { class: 'cell-sub' }, c.position) : null),
      h('td', null, t(`commendation.kind.${c.kind}`)),
      h('td', null, t(`commendation.award.${c.award}`), c.decision_ref ? h('span', { class: 'cell-sub' }, c.decision_ref) : null),
      h('td', { class: 'nowrap' }, formatDate(c.awarded_on)),
      h('td', null, c.unit_name),
      h('td', null, c.reason),
      writer ? h('td', { class: 'row-actions' },
        btn(t('common.edit'), 'edit', () => commendationDialog({ ctx, c, onDone: load })),
        btn(t('common.delete'), 'delete', () => remove(c), 'btn-danger-outline')) : null);
  }

  async function counts() {
    const q = { ...filter, limit: 1 };
    const [col, ind] = await Promise.all([
      filter.kind === 'individual' ? { total: 0 } : api.listCommendations({ ...q, kind: 'collective' }),
      filter.kind === 'collective' ? { total: 0 } : api.listCommendations({ ...q, kind: 'individual' }),
    ]);
    return t('commendation.counts', { collective: formatInt(col.total), individual: formatInt(ind.total) });
  }

  async function load() {
    const mine = ++req;
    replace(list, loading());
    try {
      const [r, text] = await Promise.all([api.listCommendations({ ...filter, limit: PAGE, offset }), counts()]);
      if (mine !== req || destroyed) return;
      summary.textContent = text;
      if (!r.items.length) {
        replace(list, empty(t('commendation.none')));
        return;
      }
      replace(list, tableWrap(t('commendation.title'), h('table', { class: 'data-table' },
        h('caption', { class: 'visually-hidden' }, t('commendation.title')),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('commendation.recipient')), h('th', { scope: 'col' }, t('commendation.kind')),
          h('th', { scope: 'col' }, t('commendation.award')), h('th', { scope: 'col' }, t('commendation.date')),
          h('th', { scope: 'col' }, t('commendation.unit')), h('th', { scope: 'col' }, t('commendation.reason')),
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
