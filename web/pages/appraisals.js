/*
 * #/appraisals: drafts and projects other bodies sent for comment or
 * appraisal (tham gia ý kiến, thẩm định) in the user's subtree, newest
 * first, filtered by kind, status (pending, answered) and date received;
 * add, answer, correct and delete in a dialog (unit, kind, title, sender,
 * received and answered dates, the linked document of the register,
 * chosen by searching its number, symbol or summary, and a note).
 * A linked document is listed by its number and symbol, as a link to it.
 * Contributors enter for their own unit; viewers read.
 */
import { h, replace, uid } from '../dom.js';
import { t } from '../i18n/index.js';
import * as api from '../api.js';
import { formatInt, formatDate } from '../format.js';
import { field, Form } from '../components/form.js';
import { openDialog, confirmDelete } from '../components/dialog.js';
import { unitField, canEnter } from '../components/unitfield.js';
import { docPicker, docLabel } from '../components/docpicker.js';
import { loading, empty, errorBox, tableWrap, setTitle, pager, toast } from '../components/ui.js';

export const APR_KINDS = ['comment', 'appraisal'];
const PAGE = 50;

function aprDialog({ ctx, a, onDone }) {
  const editing = !!a;
  let dlg;
  const unit = unitField({
    user: ctx.user, label: t('apr.unit'), wide: true,
    value: a ? { id: a.unit_id, name: a.unit_name, code: a.unit_code } : null,
  });
  const doc = docPicker({ value: a && a.document_id ? { id: a.document_id, symbol: a.document_symbol } : null });
  const fields = [
    unit.field,
    field({ name: 'kind', label: t('apr.kind'), type: 'select', value: a ? a.kind : 'comment', options: APR_KINDS.map((k) => ({ value: k, label: t(`apr.kind.${k}`) })) }),
    field({ name: 'title', label: t('apr.titleField'), value: a ? a.title : '', required: true, wide: true, attrs: { maxlength: '1000' } }),
    field({ name: 'sender', label: t('apr.sender'), value: a ? a.sender : '', required: true, wide: true, attrs: { maxlength: '300' } }),
    field({ name: 'received_on', label: t('apr.received'), type: 'date', value: a ? a.received_on : '', required: true }),
    field({ name: 'answered_on', label: t('apr.answered'), type: 'date', value: a && a.answered_on ? a.answered_on : '', hint: t('apr.answeredHint') }),
    field({ name: 'document_id', label: t('apr.document'), control: doc.el, input: doc.input, getValue: doc.getValue, hint: t('apr.documentHint'), wide: true }),
    field({ name: 'note', label: t('apr.note'), value: a ? a.note : '', wide: true, attrs: { maxlength: '2000' } }),
  ];
  const cancel = h('button', { type: 'button', class: 'btn', onclick: () => dlg.close() }, t('common.cancel'));
  const form = new Form({
    fields, submitLabel: editing ? t('common.save') : t('apr.create'), extraButtons: [cancel],
    onSubmit: async (v) => {
      if (v.answered_on && v.answered_on < v.received_on) throw { field: 'answered_on', message: t('apr.answeredBeforeReceived') };
      /* text typed but no document chosen from the list: say so, do not drop the link */
      if (!v.document_id && doc.input.value.trim()) throw { field: 'document_id', message: t('apr.documentChoose') };
      const body = {
        unit_id: v.unit_id, kind: v.kind, title: v.title, sender: v.sender, received_on: v.received_on,
        answered_on: v.answered_on || null, document_id: v.document_id || null,
        note: v.note || null,
      };
      if (editing) await api.updateAppraisal(a.id, body);
      else await api.createAppraisal(body);
      toast(t('apr.saved'));
      dlg.close();
      onDone();
    },
  });
  dlg = openDialog({ title: editing ? t('apr.editTitle') : t('apr.createTitle'), body: form.el, wide: true });
}

export function mount(container, ctx) {
  setTitle(t('apr.title'));
  const writer = canEnter(ctx.user);
  const filter = { kind: '', status: '', from: '', to: '' };
  let offset = 0;
  let req = 0;
  let destroyed = false;
  const list = h('div', { class: 'results', 'aria-live': 'polite' }, loading());

  const ids = { kind: uid('apr-kind'), status: uid('apr-status'), from: uid('apr-from'), to: uid('apr-to') };
  const kindSel = h('select', { id: ids.kind },
    h('option', { value: '' }, t('common.all')), APR_KINDS.map((k) => h('option', { value: k }, t(`apr.kind.${k}`))));
  const statusSel = h('select', { id: ids.status },
    h('option', { value: '' }, t('common.all')), ['pending', 'answered'].map((s) => h('option', { value: s }, t(`apr.status.${s}`))));
  const fromIn = h('input', { id: ids.from, type: 'date' });
  const toIn = h('input', { id: ids.to, type: 'date' });
  const filters = h('form', { class: 'filters', role: 'search', novalidate: true, 'aria-label': t('apr.filters') },
    h('div', { class: 'field' }, h('label', { for: ids.kind }, t('apr.kind')), kindSel),
    h('div', { class: 'field' }, h('label', { for: ids.status }, t('apr.status')), statusSel),
    h('div', { class: 'field' }, h('label', { for: ids.from }, t('apr.from')), fromIn),
    h('div', { class: 'field' }, h('label', { for: ids.to }, t('apr.to')), toIn),
    h('div', { class: 'filter-actions' }, h('button', { type: 'submit', class: 'btn' }, t('common.filter'))));
  const apply = () => {
    Object.assign(filter, { kind: kindSel.value, status: statusSel.value, from: fromIn.value, to: toIn.value });
    offset = 0;
    load();
  };
  filters.addEventListener('submit', (ev) => { ev.preventDefault(); apply(); });
  kindSel.addEventListener('change', apply);
  statusSel.addEventListener('change', apply);

  const add = writer ? h('button', {
    type: 'button', class: 'btn btn-primary', dataset: { action: 'create-appraisal' },
    onclick: () => aprDialog({ ctx, onDone: load }),
  }, t('apr.add')) : null;
  container.appendChild(h('section', { class: 'page page-appraisals' },
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, t('apr.title')), add),
    h('div', { class: 'panel' }, filters, list)));

  function remove(a) {
    return confirmDelete({
      title: t('apr.deleteTitle'), message: t('apr.deleteConfirm', { title: a.title, unit: a.unit_name }),
      del: () => api.deleteAppraisal(a.id), done: t('apr.deleted'), after: load,
    });
  }

  function row(a) {
    const btn = (text, action, onclick, cls) => h('button', {
      type: 'button', class: ['btn', 'btn-small', cls], dataset: { action }, onclick, 'aria-label': `${text}: ${a.title}`,
    }, text);
    return h('tr', { dataset: { appraisalId: String(a.id) } },
      h('td', null, a.title, h('span', { class: 'cell-sub' }, t(`apr.kind.${a.kind}`),
        a.document_id ? [' · ', h('a', { href: `#/documents/${a.document_id}`, dataset: { documentId: String(a.document_id) } },
          docLabel({ id: a.document_id, symbol: a.document_symbol }))] : null)),
      h('td', null, a.sender),
      h('td', null, a.unit_name),
      h('td', { class: 'nowrap' }, formatDate(a.received_on)),
      h('td', { class: 'nowrap' }, a.answered_on
        ? `${formatDate(a.answered_on)} (${t('apr.days', { n: formatInt(a.days_to_answer) })})`
        : h('span', { class: 'badge badge-warn' }, t('apr.status.pending'))),
      writer ? h('td', { class: 'row-actions' },
        btn(t('common.edit'), 'edit', () => aprDialog({ ctx, a, onDone: load })),
        btn(t('common.delete'), 'delete', () => remove(a), 'btn-danger-outline')) : null);
  }

  async function load() {
    const mine = ++req;
    replace(list, loading());
    try {
      const r = await api.listAppraisals({ ...filter, limit: PAGE, offset });
      if (mine !== req || destroyed) return;
      if (!r.items.length) {
        replace(list, empty(t('apr.none')));
        return;
      }
      replace(list, tableWrap(t('apr.title'), h('table', { class: 'data-table' },
        h('caption', { class: 'visually-hidden' }, t('apr.title')),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('apr.titleField')), h('th', { scope: 'col' }, t('apr.sender')),
          h('th', { scope: 'col' }, t('apr.unit')), h('th', { scope: 'col' }, t('apr.received')),
          h('th', { scope: 'col' }, t('apr.answered')),
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
