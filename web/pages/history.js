/*
 * #/history: Party-history projects (biên soạn lịch sử Đảng bộ) of the
 * user's subtree: whose history, directing unit, stage and dates; the
 * share of grassroots organisations of the user's unit that have
 * published theirs (from the unit tree, today); filters by stage and
 * publication date; add, correct and delete in a dialog. Viewers read.
 */
import { h, replace, uid } from '../dom.js';
import { t } from '../i18n/index.js';
import * as api from '../api.js';
import { formatDate } from '../format.js';
import { field, Form } from '../components/form.js';
import { openDialog, confirmDelete } from '../components/dialog.js';
import { unitField, canEnter } from '../components/unitfield.js';
import { loading, empty, errorBox, errorMessage, tableWrap, setTitle, pager, toast } from '../components/ui.js';

export const STAGES = ['planned', 'compiling', 'published', 'reprinted'];
const PAGE = 50;

function projectDialog({ ctx, p, onDone }) {
  const editing = !!p;
  let dlg;
  const unit = unitField({
    user: ctx.user, label: t('history.unit'), wide: true,
    value: p ? { id: p.unit_id, name: p.unit_name, code: p.unit_code } : null,
  });
  const subject = unitField({
    user: ctx.user, name: 'subject_unit_id', label: t('history.subject'), wide: true,
    value: p ? { id: p.subject_unit_id, name: p.subject_name, code: p.subject_code } : null,
  });
  const fields = [
    subject.field,
    unit.field,
    field({ name: 'title', label: t('history.titleField'), value: p ? p.title : '', wide: true, attrs: { maxlength: '300' } }),
    field({ name: 'stage', label: t('history.stage'), type: 'select', value: p ? p.stage : 'compiling', options: STAGES.map((s) => ({ value: s, label: t(`history.stage.${s}`) })) }),
    field({ name: 'started_on', label: t('history.started'), type: 'date', value: p ? p.started_on : '' }),
    field({ name: 'published_on', label: t('history.published'), type: 'date', value: p ? p.published_on : '' }),
    field({ name: 'reprinted_on', label: t('history.reprinted'), type: 'date', value: p ? p.reprinted_on : '' }),
    field({ name: 'note', label: t('history.note'), value: p ? p.note : '', wide: true, attrs: { maxlength: '2000' } }),
  ];
  const cancel = h('button', { type: 'button', class: 'btn', onclick: () => dlg.close() }, t('common.cancel'));
  const form = new Form({
    fields, submitLabel: editing ? t('common.save') : t('history.create'), extraButtons: [cancel],
    onSubmit: async (v) => {
      const body = {
        unit_id: v.unit_id, subject_unit_id: v.subject_unit_id, title: v.title || null, stage: v.stage,
        started_on: v.started_on || null, published_on: v.published_on || null,
        reprinted_on: v.reprinted_on || null, note: v.note || null,
      };
      if (editing) await api.updateHistoryProject(p.id, body);
      else await api.createHistoryProject(body);
      toast(t('history.saved'));
      dlg.close();
      onDone();
    },
  });
  dlg = openDialog({ title: editing ? t('history.editTitle') : t('history.createTitle'), body: form.el, wide: true });
}

export function mount(container, ctx) {
  setTitle(t('history.title'));
  const writer = canEnter(ctx.user);
  const filter = { stage: '', from: '', to: '' };
  let offset = 0;
  let req = 0;
  let destroyed = false;
  const list = h('div', { class: 'results', 'aria-live': 'polite' }, loading());
  const share = h('p', { class: 'summary', dataset: { role: 'history-share' } });

  const stageId = uid('hp-stage');
  const fromId = uid('hp-from');
  const toId = uid('hp-to');
  const stageSel = h('select', { id: stageId },
    h('option', { value: '' }, t('common.all')), STAGES.map((s) => h('option', { value: s }, t(`history.stage.${s}`))));
  const fromIn = h('input', { id: fromId, type: 'date' });
  const toIn = h('input', { id: toId, type: 'date' });
  const filters = h('form', { class: 'filters', role: 'search', novalidate: true, 'aria-label': t('history.filters') },
    h('div', { class: 'field' }, h('label', { for: stageId }, t('history.stage')), stageSel),
    h('div', { class: 'field' }, h('label', { for: fromId }, t('history.publishedFrom')), fromIn),
    h('div', { class: 'field' }, h('label', { for: toId }, t('history.publishedTo')), toIn),
    h('div', { class: 'filter-actions' }, h('button', { type: 'submit', class: 'btn' }, t('common.filter'))));
  filters.addEventListener('submit', (ev) => {
    ev.preventDefault();
    Object.assign(filter, { stage: stageSel.value, from: fromIn.value, to: toIn.value });
    offset = 0;
    load();
  });
  stageSel.addEventListener('change', () => { filter.stage = stageSel.value; offset = 0; load(); });

  const add = writer ? h('button', {
    type: 'button', class: 'btn btn-primary', dataset: { action: 'create-history' },
    onclick: () => projectDialog({ ctx, onDone: load }),
  }, t('history.add')) : null;
  container.appendChild(h('section', { class: 'page page-history' },
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, t('history.title')), add),
    h('div', { class: 'panel' }, share, filters, list)));

  async function loadShare() {
    try {
      const c = await api.historyCoverage({ unit: ctx.user.unit_id });
      if (destroyed) return;
      share.textContent = c.share.denominator
        ? t('history.share', { text: c.share.text, unit: ctx.user.unit_name || '' })
        : t('history.noGrassroots');
    } catch (err) {
      share.textContent = errorMessage(err);
    }
  }

  function remove(p) {
    return confirmDelete({
      title: t('history.deleteTitle'), message: t('history.deleteConfirm', { name: p.subject_name }),
      del: () => api.deleteHistoryProject(p.id), done: t('history.deleted'), after: load,
    });
  }

  function row(p) {
    const btn = (label, action, onclick, cls) => h('button', {
      type: 'button', class: ['btn', 'btn-small', cls], dataset: { action }, onclick, 'aria-label': `${label}: ${p.subject_name}`,
    }, label);
    return h('tr', { dataset: { historyId: String(p.id) } },
      h('td', null, p.subject_name, p.title ? h('span', { class: 'cell-sub' }, p.title) : null),
      h('td', null, p.unit_name),
      h('td', null, t(`history.stage.${p.stage}`)),
      h('td', { class: 'nowrap' }, formatDate(p.started_on)),
      h('td', { class: 'nowrap' }, formatDate(p.published_on)),
      h('td', { class: 'nowrap' }, formatDate(p.reprinted_on)),
      writer ? h('td', { class: 'row-actions' },
        btn(t('common.edit'), 'edit', () => projectDialog({ ctx, p, onDone: load })),
        btn(t('common.delete'), 'delete', () => remove(p), 'btn-danger-outline')) : null);
  }

  async function load() {
    const mine = ++req;
    replace(list, loading());
    loadShare();
    try {
      const r = await api.listHistoryProjects({ ...filter, limit: PAGE, offset });
      if (mine !== req || destroyed) return;
      if (!r.items.length) {
        replace(list, empty(t('history.none')));
        return;
      }
      replace(list, tableWrap(t('history.title'), h('table', { class: 'data-table' },
        h('caption', { class: 'visually-hidden' }, t('history.title')),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('history.subject')), h('th', { scope: 'col' }, t('history.unit')),
          h('th', { scope: 'col' }, t('history.stage')), h('th', { scope: 'col' }, t('history.started')),
          h('th', { scope: 'col' }, t('history.published')), h('th', { scope: 'col' }, t('history.reprinted')),
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
