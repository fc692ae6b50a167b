/*
 * The "Phiên đăng nhập" table: the active sessions of one account (when
 * signed in, last active, address, browser, which one is this), with a
 * button to end each and, for an admin, all of them. The same table serves
 * the user's own account page and the admin's users page; the caller gives
 * the loading and ending functions. Tokens never reach the browser: the
 * API lists sessions by their number only.
 */
import { h, replace } from '../dom.js';
import { t } from '../i18n/index.js';
import { formatDateTime, formatInt } from '../format.js';
import { confirmDialog, alertDialog } from './dialog.js';
import { loading, empty, errorBox, errorMessage, tableWrap, toast } from './ui.js';

/*
 * opts: load() → {items}; end(id); endAll() → {sessions_ended} (optional);
 * onEndedCurrent() when the session in use was ended (signed out).
 * Returns { el, reload }.
 */
export function sessionsPanel({ load, end, endAll, onEndedCurrent }) {
  const body = h('div', { class: 'sessions-body', 'aria-live': 'polite' });
  const endAllBtn = endAll ? h('button', {
    type: 'button', class: 'btn btn-small btn-danger-outline', dataset: { action: 'end-all-sessions' },
    onclick: async () => {
      try {
        const r = await endAll();
        toast(t('sessions.endedAll', { count: formatInt(r.sessions_ended) }));
        reload();
      } catch (err) {
        alertDialog({ title: t('error.title'), message: errorMessage(err) });
      }
    },
  }, t('sessions.endAll')) : null;
  const el = h('section', { class: 'sessions-panel' },
    h('p', { class: 'hint' }, t('sessions.intro')), body,
    endAllBtn ? h('div', { class: 'form-actions' }, endAllBtn) : null);

  async function endOne(s) {
    if (s.current) {
      const ok = await confirmDialog({
        title: t('sessions.title'), message: t('sessions.endCurrentConfirm'),
        confirmLabel: t('sessions.end'), danger: true,
      });
      if (!ok) return;
    }
    try {
      await end(s.id);
      toast(t('sessions.ended'));
      if (s.current && onEndedCurrent) onEndedCurrent();
      else reload();
    } catch (err) {
      alertDialog({ title: t('error.title'), message: errorMessage(err) });
    }
  }

  function render(items) {
    if (endAllBtn) endAllBtn.disabled = !items.length;
    if (!items.length) {
      replace(body, empty(t('sessions.none')));
      return;
    }
    const table = h('table', { class: 'data-table sessions-table' },
      h('caption', { class: 'visually-hidden' }, t('sessions.title')),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('sessions.browser')),
        h('th', { scope: 'col' }, t('sessions.ip')),
        h('th', { scope: 'col' }, t('sessions.created')),
        h('th', { scope: 'col' }, t('sessions.lastSeen')),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('common.actions'))))),
      h('tbody', null, items.map((s) => h('tr', { dataset: { sessionId: String(s.id) }, class: s.current ? 'is-current' : null },
        h('td', null, s.user_agent || t('sessions.unknownBrowser'),
          s.current ? h('span', { class: 'status status-on session-current' }, t('sessions.current')) : null),
        h('td', null, h('span', { class: 'mono' }, s.ip)),
        h('td', null, formatDateTime(s.created_at)),
        h('td', null, formatDateTime(s.last_seen)),
        h('td', { class: 'row-actions' },
          h('button', {
            type: 'button', class: 'btn btn-small', dataset: { action: 'end-session' },
            'aria-label': `${t('sessions.end')}: ${s.user_agent || t('sessions.unknownBrowser')}`,
            onclick: () => endOne(s),
          }, t('sessions.end')))))));
    replace(body, tableWrap(t('sessions.title'), table));
  }

  async function reload() {
    replace(body, loading());
    try {
      const r = await load();
      render(r.items || []);
    } catch (err) {
      replace(body, errorBox(err, reload));
    }
  }

  return { el, reload };
}
