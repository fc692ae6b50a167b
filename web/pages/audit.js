/*
 * #/audit (leaders and admins): who did what, when, from where. Filters by
 * entity, action, user and date range; each row opens to show what changed
 * (a field-by-field table and the full before / after records as JSON text).
 * "Xuất CSV" downloads the same filtered list from the server.
 */
import { h, replace, uid } from '../dom.js';
import { t, has } from '../i18n/index.js';
import * as api from '../api.js';
import { formatDateTime } from '../format.js';
import { field } from '../components/form.js';
import { loading, empty, errorBox, tableWrap, setTitle, pager } from '../components/ui.js';

const PAGE = 50;
/* Every entity and action the server audits (audit_record in src/domain). */
const ENTITIES = ['unit', 'level', 'user', 'session', 'term', 'document', 'attachment', 'task', 'task_assignment',
  'activity', 'reporter', 'reporter_conference', 'class', 'indicator', 'indicator_value', 'opinion_topic',
  'opinion_report', 'hotspot', 'report', 'report_deadline', 'publication', 'appraisal', 'history_project',
  'commendation', 'outreach', 'import', 'request'];
const ACTIONS = ['create', 'update', 'delete', 'import', 'login', 'login_failed', 'logout', 'lockout', 'login_locked',
  'unlock', 'password_change', 'reauth_failed', 'session_end', 'denied'];

const label = (prefix, code) => (code && has(`${prefix}.${code}`) ? t(`${prefix}.${code}`) : code || '—');

function valueText(v) {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

function jsonText(v) {
  if (v === null || v === undefined) return '—';
  return JSON.stringify(v, null, 2);
}

/* The fields whose value differs between before and after, in a stable order. */
export function changedFields(before, after) {
  const b = before && typeof before === 'object' ? before : {};
  const a = after && typeof after === 'object' ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => ({ key: k, before: b[k], after: a[k] }));
}

function changeView(entry) {
  const changes = changedFields(entry.before, entry.after);
  const parts = [];
  if (changes.length && entry.before && entry.after) {
    parts.push(h('table', { class: 'diff-table' },
      h('caption', null, t('audit.changedFields')),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('audit.field')),
        h('th', { scope: 'col' }, t('audit.before')),
        h('th', { scope: 'col' }, t('audit.after')))),
      h('tbody', null, changes.map((c) => h('tr', null,
        h('th', { scope: 'row' }, c.key),
        h('td', { class: 'diff-old' }, valueText(c.before)),
        h('td', { class: 'diff-new' }, valueText(c.after)))))));
  }
  parts.push(h('div', { class: 'diff-json' },
    h('div', null, h('h4', null, t('audit.before')), h('pre', null, jsonText(entry.before))),
    h('div', null, h('h4', null, t('audit.after')), h('pre', null, jsonText(entry.after)))));
  return parts;
}

class AuditPage {
  constructor(ctx) {
    this.ctx = ctx;
    this.offset = 0;
    this.req = 0;
    this.destroyed = false;
    this.applied = {};

    this.entity = field({
      name: 'entity', label: t('audit.entity'), type: 'select',
      options: [{ value: '', label: t('common.all') }, ...ENTITIES.map((e) => ({ value: e, label: t(`entity.${e}`) }))],
    });
    this.action = field({
      name: 'action', label: t('audit.action'), type: 'select',
      options: [{ value: '', label: t('common.all') }, ...ACTIONS.map((a) => ({ value: a, label: t(`action.${a}`) }))],
    });
    this.user = field({ name: 'user', label: t('audit.user'), attrs: { autocomplete: 'off', placeholder: t('audit.userPlaceholder') } });
    this.from = field({ name: 'from', label: t('audit.from'), type: 'date' });
    this.to = field({ name: 'to', label: t('audit.to'), type: 'date' });
    this.fields = [this.entity, this.action, this.user, this.from, this.to];

    this.csv = h('a', { class: 'btn', href: api.auditCsvUrl({}), download: 'nhat-ky.csv', dataset: { action: 'csv' } }, t('audit.exportCsv'));
    const form = h('form', { class: 'filters', role: 'search', novalidate: true },
      this.fields.map((f) => f.el),
      h('div', { class: 'filter-actions' },
        h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.filter')),
        h('button', { type: 'button', class: 'btn', onclick: () => this.clear() }, t('common.clearFilters'))));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      this.apply();
    });

    this.results = h('div', { class: 'results', 'aria-live': 'polite' });
    this.el = h('section', { class: 'page page-audit' },
      h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, t('audit.title')), this.csv),
      h('div', { class: 'panel' }, form, this.results));
  }

  values() {
    return {
      entity: this.entity.value(),
      action: this.action.value(),
      user: this.user.value(),
      from: this.from.value(),
      to: this.to.value(),
    };
  }

  apply() {
    for (const f of this.fields) f.clearError();
    const v = this.values();
    if (v.from && v.to && v.from > v.to) {
      this.to.setError(t('audit.rangeInvalid'));
      this.to.input.focus();
      return;
    }
    this.applied = v;
    this.offset = 0;
    this.load();
  }

  clear() {
    for (const f of this.fields) {
      f.input.value = '';
      f.clearError();
    }
    this.apply();
  }

  async load() {
    const mine = ++this.req;
    this.csv.href = api.auditCsvUrl(this.applied);
    replace(this.results, loading());
    try {
      const r = await api.listAudit({ ...this.applied, limit: PAGE, offset: this.offset });
      if (mine !== this.req || this.destroyed) return;
      this.render(r.items || [], r.total || 0);
    } catch (err) {
      if (mine !== this.req || this.destroyed) return;
      if (err.field && this.fields.some((f) => f.name === err.field)) {
        this.fields.find((f) => f.name === err.field).setError(err.message);
      }
      replace(this.results, errorBox(err, () => this.load()));
    }
  }

  render(items, total) {
    if (!items.length) {
      replace(this.results, empty(t('audit.none')));
      return;
    }
    const table = h('table', { class: 'data-table audit-table' },
      h('caption', { class: 'visually-hidden' }, t('audit.title')),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('audit.time')),
        h('th', { scope: 'col' }, t('audit.user')),
        h('th', { scope: 'col' }, t('audit.ip')),
        h('th', { scope: 'col' }, t('audit.action')),
        h('th', { scope: 'col' }, t('audit.entity')),
        h('th', { scope: 'col', class: 'num' }, t('audit.entityId')),
        h('th', { scope: 'col' }, t('audit.details')))),
      items.map((e) => this.rows(e)));
    replace(this.results,
      tableWrap(t('audit.title'), table),
      pager({ total, offset: this.offset, limit: PAGE, count: items.length, onPage: (o) => { this.offset = o; this.load(); } }));
  }

  /* One <tbody> per entry: the entry's row and its (hidden) change row. */
  rows(e) {
    const hasChange = (e.before !== null && e.before !== undefined) || (e.after !== null && e.after !== undefined);
    const detailId = uid('audit-detail');
    let detail = null;
    let toggle = '—';
    if (hasChange) {
      detail = h('tr', { id: detailId, class: 'audit-detail', hidden: true },
        h('td', { colspan: '7' }));
      toggle = h('button', {
        type: 'button', class: 'btn btn-small', 'aria-expanded': 'false', 'aria-controls': detailId,
        dataset: { action: 'toggle-detail' },
        onclick: (ev) => {
          const btn = ev.currentTarget;
          const open = btn.getAttribute('aria-expanded') !== 'true';
          if (open && !detail.firstChild.firstChild) detail.firstChild.append(...changeView(e));
          detail.hidden = !open;
          btn.setAttribute('aria-expanded', open ? 'true' : 'false');
          btn.textContent = open ? t('audit.hideChanges') : t('audit.showChanges');
        },
      }, t('audit.showChanges'));
    }
    return h('tbody', { dataset: { auditId: String(e.id), entity: e.entity || '', action: e.action || '', entityId: String(e.entity_id ?? '') } },
      h('tr', null,
        h('td', { class: 'nowrap' }, h('time', { datetime: e.at || '' }, formatDateTime(e.at))),
        h('td', null, e.username || (e.user_id ? `#${e.user_id}` : '—')),
        h('td', { class: 'mono' }, e.ip || '—'),
        h('td', null, h('span', { class: ['action', `action-${e.action}`] }, label('action', e.action))),
        h('td', null, label('entity', e.entity)),
        h('td', { class: 'num' }, e.entity_id === null || e.entity_id === undefined ? '—' : String(e.entity_id)),
        h('td', null, toggle)),
      detail);
  }

  destroy() {
    this.destroyed = true;
  }
}

export function mount(container, ctx) {
  setTitle(t('audit.title'));
  const page = new AuditPage(ctx);
  container.appendChild(page.el);
  page.load();
  return { destroy: () => page.destroy() };
}
