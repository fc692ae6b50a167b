/*
 * #/account (every role): the signed-in user's own account. Change the
 * password (the current one is asked first; the other sessions end), and
 * "Phiên đăng nhập": where the account is signed in, each session can be
 * ended.
 */
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import * as api from '../api.js';
import { formatInt } from '../format.js';
import { field, Form } from '../components/form.js';
import { sessionsPanel } from '../components/sessions.js';
import { toast, setTitle } from '../components/ui.js';

const MIN_PASSWORD = 12;

function passwordForm(onChanged) {
  const current = field({
    name: 'current_password', label: t('account.currentPassword'), type: 'password', required: true,
    attrs: { autocomplete: 'current-password' },
  });
  const fresh = field({
    name: 'new_password', label: t('account.newPassword'), type: 'password', required: true,
    hint: t('users.passwordHint', { min: MIN_PASSWORD }), attrs: { autocomplete: 'new-password' },
  });
  const confirm = field({
    name: 'new_password_confirm', label: t('account.newPasswordConfirm'), type: 'password', required: true,
    attrs: { autocomplete: 'new-password' },
  });
  for (const f of [current, fresh, confirm]) f.value = () => f.input.value;
  const form = new Form({
    fields: [current, fresh, confirm],
    submitLabel: t('account.change'),
    className: 'password-form',
    onSubmit: async (v) => {
      /* Characters, not UTF-16 units, as the server counts them. */
      if ([...v.new_password].length < MIN_PASSWORD)
        throw { field: 'new_password', message: t('users.passwordShort', { min: MIN_PASSWORD }) };
      if (v.new_password !== v.new_password_confirm)
        throw { field: 'new_password_confirm', message: t('users.passwordMismatch') };
      const r = await api.changePassword({ current_password: v.current_password, new_password: v.new_password });
      for (const f of [current, fresh, confirm]) f.input.value = '';
      toast(t('account.changed', { count: formatInt(r.sessions_ended) }));
      onChanged();
    },
  });
  return form.el;
}

export function mount(container, ctx) {
  setTitle(t('account.title'));
  const sessions = sessionsPanel({
    load: () => api.mySessions(),
    end: (id) => api.endMySession(id),
    onEndedCurrent: () => { location.hash = '#/login'; location.reload(); },
  });
  const u = ctx.user;
  container.appendChild(h('section', { class: 'page page-account' },
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, t('account.title'))),
    h('div', { class: 'panel' },
      h('p', null, h('strong', null, u.full_name || u.username), ' · ',
        h('span', { class: 'mono' }, u.username), ' · ', t(`role.${u.role}`), ' · ', u.unit_name || '')),
    h('div', { class: 'panel' },
      h('h2', null, t('account.passwordTitle')),
      h('p', { class: 'hint' }, t('account.passwordIntro')),
      passwordForm(() => sessions.reload())),
    h('div', { class: 'panel', dataset: { section: 'sessions' } },
      h('h2', null, t('sessions.title')), sessions.el)));
  sessions.reload();
  return {};
}
