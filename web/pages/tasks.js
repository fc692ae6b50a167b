/*
 * #/tasks, #/tasks/{view}: implementation tasks (triển khai, đôn đốc).
 *
 *   #/tasks/inbox     the assignments of the user's own unit: mark one in
 *                     progress, or done with a date and a one-line result
 *   #/tasks/matrix    units × tasks given by the user's subtree, coloured by
 *                     state, with a legend and "1/3 hoàn thành" per task;
 *                     ?document=ID limits it to one document's tasks
 *   #/tasks/due       open assignments due in the next 7 days, and those
 *                     already overdue
 *
 * "overdue" is derived by the server (`state`), never stored; the page only
 * shows it. Also exports the state chip and labels the documents page uses.
 */
import { h, replace } from '../dom.js';
import { t } from '../i18n/index.js';
import * as api from '../api.js';
import { formatInt, formatDate } from '../format.js';
import { field, Form } from '../components/form.js';
import { openDialog } from '../components/dialog.js';
import { loading, empty, errorBox, tableWrap, setTitle, pager, toast } from '../components/ui.js';

export const STATES = ['done', 'in_progress', 'not_started', 'overdue'];
export const KINDS = ['task', 'so_ket', 'tong_ket'];
const VIEWS = ['inbox', 'matrix', 'due'];
const PAGE = 50;
const DUE_DAYS = 7;
const WRITERS = ['admin', 'leader', 'specialist', 'contributor'];

export const kindLabel = (k) => (KINDS.includes(k) ? t(`tasks.kind.${k}`) : k || '');
export const stateLabel = (s) => (STATES.includes(s) ? t(`tasks.state.${s}`) : s || '');

/* A coloured status label; the colour is never the only cue (the text says it). */
export function stateChip(state, extra) {
  return h('span', { class: ['state-chip', `state-${STATES.includes(state) ? state : 'none'}`] },
    stateLabel(state), extra ? h('span', { class: 'visually-hidden' }, ` ${extra}`) : null);
}

/* The colours' meaning; with `counts` ({done: 18, …}) the number of each. */
export function legend(counts) {
  return h('div', { class: 'state-legend' },
    h('span', { class: 'legend-title', 'aria-hidden': 'true' }, t('tasks.legend')),
    h('ul', { 'aria-label': t('tasks.legend') },
      STATES.map((s) => h('li', null, stateChip(s),
        counts ? h('span', { class: 'num legend-count' }, formatInt(counts[s] ?? 0)) : null))));
}

/* "1/3 hoàn thành" */
export const doneOf = (done, assigned) => t('tasks.doneOf', { done: formatInt(done ?? 0), assigned: formatInt(assigned ?? 0) });

/* Today in Vietnam (UTC+7) as YYYY-MM-DD: the server's "today" for deadlines. */
export function todayVn() {
  return new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
}

/* ------------------------------------------------------------- dialogs */

/* Done: the date (not after today) and a one-line result. */
function doneDialog(a, onDone) {
  let dlg;
  const date = field({ name: 'done_date', label: t('tasks.doneDate'), type: 'date', required: true, value: todayVn(), attrs: { max: todayVn() } });
  const result = field({ name: 'result', label: t('tasks.result'), required: true, wide: true, hint: t('tasks.resultHint'), attrs: { maxlength: '500' } });
  const cancel = h('button', { type: 'button', class: 'btn', onclick: () => dlg.close() }, t('common.cancel'));
  const form = new Form({
    fields: [date, result],
    submitLabel: t('tasks.markDone'),
    extraButtons: [cancel],
    className: 'done-form',
    onSubmit: async (v) => {
      if (v.done_date > todayVn()) throw { field: 'done_date', message: t('tasks.doneFuture') };
      const saved = await api.updateAssignment(a.task_id, a.id, { status: 'done', done_date: v.done_date, result: v.result.replace(/\s+/g, ' ') });
      toast(t('tasks.markedDone', { title: a.title }));
      dlg.close();
      onDone(saved);
    },
  });
  dlg = openDialog({
    title: t('tasks.doneTitle'),
    body: [h('p', { class: 'dialog-message' }, a.title), form.el],
  });
  result.input.focus();
}

/* ---------------------------------------------------------------- inbox */

class Inbox {
  constructor(page) {
    this.page = page;
    this.offset = 0;
    this.status = 'open';
    const id = 'inbox-status';
    this.select = h('select', { id, onchange: () => { this.status = this.select.value; this.offset = 0; this.load(); } },
      ['open', 'done', ''].map((s) => h('option', { value: s, selected: s === this.status }, t(`tasks.inboxFilter.${s || 'all'}`))));
    this.list = h('div', { class: 'inbox-list', 'aria-live': 'polite' });
    this.el = h('div', null,
      h('p', { class: 'lead' }, t('tasks.inboxIntro', { unit: page.user.unit_name || '' })),
      h('div', { class: 'filters filters-inline' },
        h('div', { class: 'field' }, h('label', { for: id }, t('tasks.show')), this.select)),
      this.list);
  }

  async load() {
    replace(this.list, loading());
    try {
      const r = await api.taskInbox({ status: this.status, limit: PAGE, offset: this.offset });
      if (this.page.destroyed) return;
      const items = r.items || [];
      if (!items.length) {
        replace(this.list, empty(t('tasks.inboxEmpty')));
        return;
      }
      const canWrite = WRITERS.includes(this.page.user.role);
      const rows = items.map((a) => h('tr', { dataset: { assignment: String(a.id) } },
        h('td', { class: 'nowrap' }, formatDate(a.deadline)),
        h('td', null,
          h('span', { class: 'task-title' }, a.title),
          h('span', { class: 'task-meta' }, kindLabel(a.kind)),
          a.result ? h('span', { class: 'task-result' }, a.result) : null),
        h('td', null, a.document_id
          ? h('a', { href: `#/documents/${a.document_id}`, title: a.document_summary || '' }, a.document_symbol || t('tasks.document'))
          : '—'),
        h('td', { class: 'hide-narrow' }, a.given_by_unit_name || ''),
        h('td', null, stateChip(a.state), a.state === 'done' && a.done_date ? h('span', { class: 'task-meta' }, formatDate(a.done_date)) : null),
        h('td', { class: 'row-actions' }, canWrite ? this.actions(a) : null)));
      const table = h('table', { class: 'data-table inbox-table' },
        h('caption', { class: 'visually-hidden' }, t('tasks.inbox')),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('tasks.deadline')),
          h('th', { scope: 'col' }, t('tasks.task')),
          h('th', { scope: 'col' }, t('tasks.document')),
          h('th', { scope: 'col', class: 'hide-narrow' }, t('tasks.givenBy')),
          h('th', { scope: 'col' }, t('tasks.status')),
          h('th', { scope: 'col' }, t('common.actions')))),
        h('tbody', null, rows));
      replace(this.list, tableWrap(t('tasks.inbox'), table),
        pager({ total: r.total || 0, offset: this.offset, limit: PAGE, count: items.length, onPage: (o) => { this.offset = o; this.load(); } }));
    } catch (err) {
      if (!this.page.destroyed) replace(this.list, errorBox(err, () => this.load()));
    }
  }

  actions(a) {
    const out = [];
    if (a.status === 'not_started') {
      out.push(h('button', {
        type: 'button', class: 'btn btn-small', dataset: { action: 'progress' },
        onclick: async (ev) => {
          ev.target.disabled = true;
          try {
            await api.updateAssignment(a.task_id, a.id, { status: 'in_progress', result: a.result || '' });
            toast(t('tasks.markedProgress', { title: a.title }));
            this.load();
          } catch (err) {
            ev.target.disabled = false;
            toast(err.message || t('error.unknown'), 'error');
          }
        },
      }, t('tasks.markProgress')));
    }
    if (a.status !== 'done') {
      out.push(h('button', {
        type: 'button', class: 'btn btn-small btn-primary', dataset: { action: 'done' },
        onclick: () => doneDialog(a, () => this.load()),
      }, t('tasks.markDone')));
    }
    return out;
  }
}

/* --------------------------------------------------------------- matrix */

class Matrix {
  constructor(page, documentId) {
    this.page = page;
    this.documentId = documentId;
    this.body = h('div', { 'aria-live': 'polite' });
    this.el = h('div', null, this.body);
  }

  async load() {
    replace(this.body, loading());
    try {
      const m = await api.taskMatrix({ document_id: this.documentId || undefined });
      if (this.page.destroyed) return;
      this.render(m);
    } catch (err) {
      if (!this.page.destroyed) replace(this.body, errorBox(err, () => this.load()));
    }
  }

  render(m) {
    const tasks = m.tasks || [];
    const units = m.units || [];
    const head = [];
    if (this.documentId) {
      const sym = tasks.length ? tasks[0].document_symbol : '';
      head.push(h('p', { class: 'matrix-scope' },
        t('tasks.matrixOfDocument', { symbol: sym || `#${this.documentId}` }), ' ',
        h('a', { href: '#/tasks/matrix' }, t('tasks.matrixAll'))));
    }
    if (!tasks.length || !units.length) {
      replace(this.body, head, empty(t('tasks.matrixEmpty')));
      return;
    }
    const cells = new Map();
    for (const c of m.cells || []) cells.set(`${c.task_id}:${c.unit_id}`, c);

    const table = h('table', { class: 'data-table matrix-table' },
      h('caption', { class: 'visually-hidden' }, t('tasks.matrixCaption')),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col', class: 'matrix-unit' }, t('tasks.unit')),
        tasks.map((tk) => h('th', { scope: 'col', class: 'matrix-task', dataset: { task: String(tk.id) } },
          h('span', { class: 'matrix-task-title', title: tk.title }, tk.title),
          h('span', { class: 'task-meta' },
            tk.document_id ? h('a', { href: `#/documents/${tk.document_id}` }, tk.document_symbol) : null,
            tk.document_id ? ' · ' : null,
            kindLabel(tk.kind)),
          h('span', { class: 'task-meta' }, t('tasks.deadlineShort', { date: formatDate(tk.deadline) })),
          h('span', { class: 'matrix-done' }, doneOf(tk.done, tk.assigned)))))),
      h('tbody', null, units.map((u) => h('tr', { dataset: { unit: String(u.id) } },
        h('th', { scope: 'row', class: 'matrix-unit' }, u.name, h('span', { class: 'task-meta' }, u.code)),
        tasks.map((tk) => {
          const c = cells.get(`${tk.id}:${u.id}`);
          if (!c) return h('td', { class: 'matrix-cell matrix-none' }, h('span', { 'aria-label': t('tasks.notAssigned') }, '·'));
          const tip = [stateLabel(c.state), c.done_date ? formatDate(c.done_date) : '', c.result || ''].filter(Boolean).join(' — ');
          return h('td', { class: ['matrix-cell', `cell-${c.state}`], title: tip, dataset: { state: c.state } },
            stateChip(c.state),
            c.state === 'done' && c.done_date ? h('span', { class: 'task-meta' }, formatDate(c.done_date)) : null);
        })))));
    replace(this.body, head, legend(m.summary || {}), tableWrap(t('tasks.matrixCaption'), table));
  }
}

/* ----------------------------------------------------- due soon, overdue */

class Due {
  constructor(page) {
    this.page = page;
    this.soon = h('div', { 'aria-live': 'polite' });
    this.late = h('div', { 'aria-live': 'polite' });
    this.el = h('div', null,
      h('h2', null, t('tasks.dueSoonTitle', { days: formatInt(DUE_DAYS) })), this.soon,
      h('h2', null, t('tasks.overdueTitle')), this.late);
  }

  load() {
    this.loadList(this.soon, { days: DUE_DAYS }, t('tasks.dueSoonEmpty'), t('tasks.dueSoonTitle', { days: formatInt(DUE_DAYS) }));
    this.loadList(this.late, { overdue: 1 }, t('tasks.overdueEmpty'), t('tasks.overdueTitle'));
  }

  async loadList(box, query, emptyText, caption) {
    replace(box, loading());
    try {
      const r = await api.tasksDueSoon(query);
      if (this.page.destroyed) return;
      const items = r.items || [];
      if (!items.length) {
        replace(box, empty(emptyText));
        return;
      }
      const table = h('table', { class: 'data-table' },
        h('caption', { class: 'visually-hidden' }, caption),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('tasks.deadline')),
          h('th', { scope: 'col' }, t('tasks.unit')),
          h('th', { scope: 'col' }, t('tasks.task')),
          h('th', { scope: 'col' }, t('tasks.document')),
          h('th', { scope: 'col' }, t('tasks.status')))),
        h('tbody', null, items.map((a) => h('tr', null,
          h('td', { class: 'nowrap' }, formatDate(a.deadline)),
          h('td', null, a.unit_name, h('span', { class: 'task-meta' }, a.unit_code || '')),
          h('td', null, a.title, h('span', { class: 'task-meta' }, kindLabel(a.kind))),
          h('td', null, a.document_id ? h('a', { href: `#/documents/${a.document_id}` }, a.document_symbol) : '—'),
          h('td', null, stateChip(a.state))))));
      replace(box, tableWrap(caption, table),
        h('p', { class: 'hint' }, t('tasks.count', { count: formatInt(r.total ?? items.length) })));
    } catch (err) {
      if (!this.page.destroyed) replace(box, errorBox(err, () => this.loadList(box, query, emptyText, caption)));
    }
  }
}

/* ----------------------------------------------------------------- page */

class TasksPage {
  constructor(container) {
    this.container = container;
    this.destroyed = false;
  }

  render(ctx) {
    this.user = ctx.user;
    const view = VIEWS.includes(ctx.params.view) ? ctx.params.view : 'inbox';
    const doc = ctx.query.get('document');
    setTitle(t(`tasks.view.${view}`));
    const tabs = h('nav', { class: 'tabs', 'aria-label': t('tasks.views') },
      h('ul', null, VIEWS.map((v) => h('li', null,
        h('a', { href: `#/tasks/${v}`, class: 'tab', 'aria-current': v === view ? 'page' : false }, t(`tasks.view.${v}`))))));
    let part;
    if (view === 'matrix') part = new Matrix(this, doc && /^\d+$/.test(doc) ? Number(doc) : null);
    else if (view === 'due') part = new Due(this);
    else part = new Inbox(this);
    replace(this.container,
      h('section', { class: 'page page-tasks' },
        h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, t('tasks.title'))),
        tabs,
        h('div', { class: 'panel' }, part.el)));
    part.load();
  }

  destroy() {
    this.destroyed = true;
  }
}

export function mount(container, ctx) {
  const page = new TasksPage(container);
  page.render(ctx);
  return {
    update: (next) => {
      page.render(next);
      const h1 = container.querySelector('h1');
      if (h1) h1.focus({ preventScroll: true });
    },
    destroy: () => page.destroy(),
  };
}
