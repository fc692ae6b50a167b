/*
 * #/publications: the issues a committee compiles and prints (bản tin,
 * thông tin chuyên đề, sổ tay, sách) in the user's subtree, newest first,
 * filtered by kind, series name and date of issue; add, correct and delete
 * in a dialog (unit, kind, series, title, issue number, date, copies,
 * distribution, note). Contributors enter for their own unit; viewers read.
 */
import { h, replace, uid } from '../dom.js';
import { t } from '../i18n/index.js';
import * as api from '../api.js';
import { formatInt, formatDate } from '../format.js';
import { field, Form } from '../components/form.js';
import { openDialog, confirmDelete } from '../components/dialog.js';
import { unitField, canEnter } from '../components/unitfield.js';
import { loading, empty, errorBox, tableWrap, setTitle, pager, toast } from '../components/ui.js';

export const PUB_KINDS = ['bulletin', 'thematic', 'handbook', 'book'];
const PAGE = 50;
const isInt = (v) => /^\d+$/.test(String(v).trim());

function pubDialog({ ctx, p, onDone }) {
  const editing = !!p;
  let dlg;
  const unit = unitField({
    user: ctx.user, label: t('pub.unit'), wide: true,
    value: p ? { id: p.unit_id, name: p.unit_name, code: p.unit_code } : null,
  });
  const fields = [
    unit.field,
    field({ name: 'kind', label: t('pub.kind'), type: 'select', value: p ? p.kind : 'bulletin', options: PUB_KINDS.map((k) => ({ value: k, label: t(`pub.kind.${k}`) })) }),
    field({ name: 'series', label: t('pub.series'), value: p ? p.series : '', required: true, wide: true, hint: t('pub.seriesHint'), attrs: { maxlength: '200', list: 'pub-series-list' } }),
    field({ name: 'title', label: t('pub.titleField'), value: p ? p.title : '', wide: true, attrs: { maxlength: '500' } }),
    field({ name: 'issue_no', label: t('pub.issueNo'), type: 'number', value: p && p.issue_no !== null ? p.issue_no : '', attrs: { min: 1, inputmode: 'numeric' } }),
    field({ name: 'issued_on', label: t('pub.issuedOn'), type: 'date', value: p ? p.issued_on : '', required: true }),
    field({ name: 'copies', label: t('pub.copies'), type: 'number', value: p ? p.copies : '', required: true, attrs: { min: 0, inputmode: 'numeric' } }),
    field({ name: 'distribution', label: t('pub.distribution'), value: p ? p.distribution : '', wide: true, attrs: { maxlength: '2000' } }),
    field({ name: 'note', label: t('pub.note'), value: p ? p.note : '', wide: true, attrs: { maxlength: '2000' } }),
  ];
  const cancel = h('button', { type: 'button', class: 'btn', onclick: () => dlg.close() }, t('common.cancel'));
  const form = new Form({
    fields, submitLabel: editing ? t('common.save') : t('pub.create'), extraButtons: [cancel],
    onSubmit: async (v) => {
      if (!isInt(v.copies)) throw { field: 'copies', message: t('validation.wholeNumber') };
      if (v.issue_no !== '' && !isInt(v.issue_no)) throw { field: 'issue_no', message: t('validation.wholeNumber') };
      const body = {
        unit_id: v.unit_id, kind: v.kind, series: v.series, title: v.title || null,
        issue_no: v.issue_no === '' ? null : Number(v.issue_no), issued_on: v.issued_on,
        copies: Number(v.copies), distribution: v.distribution || null, note: v.note || null,
      };
      if (editing) await api.updatePublication(p.id, body);
      else await api.createPublication(body);
      toast(t('pub.saved'));
      dlg.close();
      onDone();
    },
  });
  dlg = openDialog({ title: editing ? t('pub.editTitle') : t('pub.createTitle'), body: form.el, wide: true });
}

export function mount(container, ctx) {
  setTitle(t('pub.title'));
  const writer = canEnter(ctx.user);
  const filter = { kind: '', series: '', from: '', to: '' };
  let offset = 0;
  let req = 0;
  let destroyed = false;
  const list = h('div', { class: 'results', 'aria-live': 'polite' }, loading());

  const kindId = uid('pub-kind');
  const seriesId = uid('pub-series');
  const fromId = uid('pub-from');
  const toId = uid('pub-to');
  const kindSel = h('select', { id: kindId },
    h('option', { value: '' }, t('common.all')), PUB_KINDS.map((k) => h('option', { value: k }, t(`pub.kind.${k}`))));
  const seriesIn = h('input', { id: seriesId, type: 'text', maxlength: '200', list: 'pub-series-list' });
  const fromIn = h('input', { id: fromId, type: 'date' });
  const toIn = h('input', { id: toId, type: 'date' });
  const filters = h('form', { class: 'filters', role: 'search', novalidate: true, 'aria-label': t('pub.filters') },
    h('div', { class: 'field' }, h('label', { for: kindId }, t('pub.kind')), kindSel),
    h('div', { class: 'field' }, h('label', { for: seriesId }, t('pub.series')), seriesIn),
    h('div', { class: 'field' }, h('label', { for: fromId }, t('pub.from')), fromIn),
    h('div', { class: 'field' }, h('label', { for: toId }, t('pub.to')), toIn),
    h('div', { class: 'filter-actions' }, h('button', { type: 'submit', class: 'btn' }, t('common.filter'))));
  filters.addEventListener('submit', (ev) => {
    ev.preventDefault();
    Object.assign(filter, { kind: kindSel.value, series: seriesIn.value.trim(), from: fromIn.value, to: toIn.value });
    offset = 0;
    load();
  });
  kindSel.addEventListener('change', () => { filter.kind = kindSel.value; offset = 0; load(); });

  /* The series names already used, offered when typing one. */
  const seriesList = h('datalist', { id: 'pub-series-list' },
    ['Thông tin tổng hợp', 'Thông tin an ninh tư tưởng', 'Thông tin chuyên đề', 'Sổ tay Sinh hoạt chi bộ'].map((s) => h('option', { value: s })));
  const add = writer ? h('button', {
    type: 'button', class: 'btn btn-primary', dataset: { action: 'create-publication' },
    onclick: () => pubDialog({ ctx, onDone: load }),
  }, t('pub.add')) : null;
  container.appendChild(h('section', { class: 'page page-publications' },
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, t('pub.title')), add),
    h('div', { class: 'panel' }, filters, list), seriesList));

  function remove(p) {
    return confirmDelete({
      title: t('pub.deleteTitle'), message: t('pub.deleteConfirm', { name: label(p), unit: p.unit_name }),
      del: () => api.deletePublication(p.id), done: t('pub.deleted'), after: load,
    });
  }

  function label(p) {
    return p.issue_no !== null ? t('pub.issueOf', { series: p.series, no: formatInt(p.issue_no) }) : p.series;
  }

  function row(p) {
    const name = label(p);
    const btn = (text, action, onclick, cls) => h('button', {
      type: 'button', class: ['btn', 'btn-small', cls], dataset: { action }, onclick, 'aria-label': `${text}: ${name}`,
    }, text);
    return h('tr', { dataset: { publicationId: String(p.id) } },
      h('td', null, name, h('span', { class: 'cell-sub' }, p.title ? `${t(`pub.kind.${p.kind}`)} · ${p.title}` : t(`pub.kind.${p.kind}`))),
      h('td', null, p.unit_name),
      h('td', { class: 'nowrap' }, formatDate(p.issued_on)),
      h('td', { class: 'num', dataset: { col: 'copies' } }, formatInt(p.copies)),
      h('td', null, p.distribution),
      writer ? h('td', { class: 'row-actions' },
        btn(t('common.edit'), 'edit', () => pubDialog({ ctx, p, onDone: load })),
        btn(t('common.delete'), 'delete', () => remove(p), 'btn-danger-outline')) : null);
  }

  async function load() {
    const mine = ++req;
    replace(list, loading());
    try {
      const r = await api.listPublications({ ...filter, limit: PAGE, offset });
      if (mine !== req || destroyed) return;
      if (!r.items.length) {
        replace(list, empty(t('pub.none')));
        return;
      }
      const copies = r.items.reduce((s, p) => s + p.copies, 0);
      replace(list, tableWrap(t('pub.title'), h('table', { class: 'data-table' },
        h('caption', { class: 'visually-hidden' }, t('pub.title')),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('pub.series')), h('th', { scope: 'col' }, t('pub.unit')),
          h('th', { scope: 'col' }, t('pub.issuedOn')), h('th', { scope: 'col', class: 'num' }, t('pub.copies')),
          h('th', { scope: 'col' }, t('pub.distribution')),
          writer ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('common.actions'))) : null)),
        h('tbody', null, r.items.map(row)))),
      h('p', { class: 'summary' }, t('pub.summary', { issues: formatInt(r.total), copies: formatInt(copies), shown: formatInt(r.items.length) })),
      pager({ total: r.total, offset, limit: PAGE, count: r.items.length, onPage: (o) => { offset = o; load(); } }));
    } catch (err) {
      if (mine !== req || destroyed) return;
      replace(list, errorBox(err, load));
    }
  }
  load();
  return { destroy() { destroyed = true; } };
}
