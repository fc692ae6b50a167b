/*
 * Small shared pieces of every page: loading / empty / error states, the
 * pager under a table, a scrollable table wrapper, status toasts, and the
 * formatting of an API error for a person.
 */
import { h, replace } from '../dom.js';
import { t } from '../i18n/index.js';
import { formatInt } from '../format.js';

export function loading(text) {
  return h('p', { class: 'state state-loading', role: 'status' },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }), text || t('common.loading'));
}

export function empty(text) {
  return h('p', { class: 'state state-empty' }, text);
}

/* An error box with the message and, if retry is given, a "Thử lại" button. */
export function errorBox(err, retry) {
  return h('div', { class: 'state state-error', role: 'alert' },
    h('p', null, errorMessage(err)),
    retry ? h('button', { type: 'button', class: 'btn btn-small', onclick: retry }, t('common.retry')) : null);
}

export function errorMessage(err) {
  if (!err) return t('error.unknown');
  if (err.message) return err.message;
  return t('error.unknown');
}

/* A horizontally scrollable, keyboard-focusable region around a wide table. */
export function tableWrap(label, table) {
  return h('div', { class: 'table-wrap', role: 'region', 'aria-label': label, tabindex: '0' }, table);
}

/*
 * "Hiển thị 1–50 trên 1.234" with previous / next buttons.
 * onPage(newOffset) is called when one is pressed.
 */
export function pager({ total, offset, limit, count, onPage }) {
  if (!total) return null;
  const from = offset + 1;
  const to = offset + count;
  const prev = h('button', {
    type: 'button', class: 'btn btn-small', disabled: offset <= 0,
    onclick: () => onPage(Math.max(0, offset - limit)),
  }, t('pager.prev'));
  const next = h('button', {
    type: 'button', class: 'btn btn-small', disabled: to >= total,
    onclick: () => onPage(offset + limit),
  }, t('pager.next'));
  return h('nav', { class: 'pager', 'aria-label': t('pager.label') },
    h('span', { class: 'pager-summary' },
      t('pager.summary', { from: formatInt(from), to: formatInt(to), total: formatInt(total) })),
    h('span', { class: 'pager-buttons' }, prev, next));
}

/* Toasts: short confirmations ("Đã lưu") read out by screen readers. */
let toastRegion = null;

export function toastHost() {
  toastRegion = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' });
  return toastRegion;
}

export function toast(message, kind = 'ok') {
  if (!toastRegion) return;
  const el = h('p', { class: ['toast', `toast-${kind}`] }, message);
  toastRegion.appendChild(el);
  setTimeout(() => el.remove(), 5000);
}

/* Sets the document title to "<page> — <app>". */
export function setTitle(page) {
  document.title = page ? `${page} — ${t('app.short')}` : t('app.short');
}

export { replace };
