/*
 * #/outreach: the units' own official pages and channels (fanpage, Zalo
 * OA, website, …) with the posts, shares and followers each reported for
 * a period, as aggregate counts: nothing about anyone else's account.
 * Filters by channel kind and dates; add, correct and delete in a dialog.
 * Contributors enter for their own unit; viewers read.
 */
import { h, replace, uid } from '../dom.js';
import { t } from '../i18n/index.js';
import * as api from '../api.js';
import { formatInt } from '../format.js';
import { field, Form } from '../components/form.js';
import { openDialog, confirmDelete } from '../components/dialog.js';
import { unitField, canEnter } from '../components/unitfield.js';
import { loading, empty, errorBox, tableWrap, setTitle, pager, toast } from '../components/ui.js';

export const CHANNELS = ['facebook', 'zalo', 'website', 'youtube', 'tiktok', 'other'];
const PAGE = 50;
const isInt = (v) => /^\d+$/.test(String(v).trim());

function entryDialog({ ctx, o, onDone }) {
  const editing = !!o;
  let dlg;
  const unit = unitField({
    user: ctx.user, label: t('outreach.unit'), wide: true,
    value: o ? { id: o.unit_id, name: o.unit_name, code: o.unit_code } : null,
  });
  const num = (name, label) => field({ name, label, type: 'number', value: o ? o[name] : '', required: true, attrs: { min: 0, inputmode: 'numeric' } });
  const fields = [
    unit.field,
    field({ name: 'channel_kind', label: t('outreach.kind'), type: 'select', value: o ? o.channel_kind : 'facebook', options: CHANNELS.map((k) => ({ value: k, label: t(`outreach.kind.${k}`) })) }),
    field({ name: 'channel_name', label: t('outreach.name'), value: o ? o.channel_name : '', required: true, wide: true, attrs: { maxlength: '200' } }),
    field({ name: 'period', label: t('outreach.period'), value: o ? o.period : '', required: true, hint: t('outreach.periodHint'), attrs: { maxlength: '32' } }),
    num('posts', t('outreach.posts')),
    num('shares', t('outreach.shares')),
    num('followers', t('outreach.followers')),
    field({ name: 'note', label: t('outreach.note'), value: o ? o.note : '', wide: true, attrs: { maxlength: '1000' } }),
  ];
  const cancel = h('button', { type: 'button', class: 'btn', onclick: () => dlg.close() }, t('common.cancel'));
  const form = new Form({
    fields, submitLabel: editing ? t('common.save') : t('outreach.create'), extraButtons: [cancel],
    onSubmit: async (v) => {
      for (const k of ['posts', 'shares', 'followers'])
        if (!isInt(v[k])) throw { field: k, message: t('validation.wholeNumber') };
      const body = {
        unit_id: v.unit_id, channel_kind: v.channel_kind, channel_name: v.channel_name, period: v.period,
        posts: Number(v.posts), shares: Number(v.shares), followers: Number(v.followers), note: v.note || null,
      };
      if (editing) await api.updateOutreach(o.id, body);
      else await api.createOutreach(body);
      toast(t('outreach.saved'));
      dlg.close();
      onDone();
    },
  });
  dlg = openDialog({ title: editing ? t('outreach.editTitle') : t('outreach.createTitle'), body: form.el, wide: true });
}

export function mount(container, ctx) {
  setTitle(t('outreach.title'));
  const writer = canEnter(ctx.user);
  const filter = { channel_kind: '', from: '', to: '' };
  let offset = 0;
  let req = 0;
  let destroyed = false;
  const list = h('div', { class: 'results', 'aria-live': 'polite' }, loading());

  const ids = { kind: uid('out-kind'), from: uid('out-from'), to: uid('out-to') };
  const kindSel = h('select', { id: ids.kind },
    h('option', { value: '' }, t('common.all')), CHANNELS.map((k) => h('option', { value: k }, t(`outreach.kind.${k}`))));
  const fromIn = h('input', { id: ids.from, type: 'date' });
  const toIn = h('input', { id: ids.to, type: 'date' });
  const filters = h('form', { class: 'filters', role: 'search', novalidate: true, 'aria-label': t('outreach.filters') },
    h('div', { class: 'field' }, h('label', { for: ids.kind }, t('outreach.kind')), kindSel),
    h('div', { class: 'field' }, h('label', { for: ids.from }, t('common.from')), fromIn),
    h('div', { class: 'field' }, h('label', { for: ids.to }, t('common.to')), toIn),
    h('div', { class: 'filter-actions' }, h('button', { type: 'submit', class: 'btn' }, t('common.filter'))));
  filters.addEventListener('submit', (ev) => {
    ev.preventDefault();
    Object.assign(filter, { channel_kind: kindSel.value, from: fromIn.value, to: toIn.value });
    offset = 0;
    load();
  });

  const add = writer ? h('button', {
    type: 'button', class: 'btn btn-primary', dataset: { action: 'create-outreach' },
    onclick: () => entryDialog({ ctx, onDone: load }),
  }, t('outreach.add')) : null;
  container.appendChild(h('section', { class: 'page page-outreach' },
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, t('outreach.title')), add),
    h('p', { class: 'hint' }, t('outreach.privacy')),
    h('div', { class: 'panel' }, filters, list)));

  function remove(o) {
    return confirmDelete({
      title: t('outreach.deleteTitle'), message: t('outreach.deleteConfirm', { name: o.channel_name, period: o.period }),
      del: () => api.deleteOutreach(o.id), done: t('outreach.deleted'), after: load,
    });
  }

  function row(o) {
    const btn = (label, action, onclick, cls) => h('button', {
      type: 'button', class: ['btn', 'btn-small', cls], dataset: { action }, onclick, 'aria-label': `${label}: ${o.channel_name} ${o.period}`,
    }, label);
    return h('tr', { dataset: { outreachId: String(o.id) } },
      h('td', null, o.channel_name, h('span', { class: 'cell-sub' }, t(`outreach.kind.${o.channel_kind}`))),
      h('td', null, o.unit_name),
      h('td', { class: 'nowrap' }, o.period),
      h('td', { class: 'num' }, formatInt(o.posts)),
      h('td', { class: 'num' }, formatInt(o.shares)),
      h('td', { class: 'num' }, formatInt(o.followers)),
      writer ? h('td', { class: 'row-actions' },
        btn(t('common.edit'), 'edit', () => entryDialog({ ctx, o, onDone: load })),
        btn(t('common.delete'), 'delete', () => remove(o), 'btn-danger-outline')) : null);
  }

  async function load() {
    const mine = ++req;
    replace(list, loading());
    try {
      const r = await api.listOutreach({ ...filter, limit: PAGE, offset });
      if (mine !== req || destroyed) return;
      if (!r.items.length) {
        replace(list, empty(t('outreach.none')));
        return;
      }
      replace(list, tableWrap(t('outreach.title'), h('table', { class: 'data-table' },
        h('caption', { class: 'visually-hidden' }, t('outreach.title')),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('outreach.name')), h('th', { scope: 'col' }, t('outreach.unit')),
          h('th', { scope: 'col' }, t('outreach.period')), h('th', { scope: 'col', class: 'num' }, t('outreach.posts')),
          h('th', { scope: 'col', class: 'num' }, t('outreach.shares')), h('th', { scope: 'col', class: 'num' }, t('outreach.followers')),
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
