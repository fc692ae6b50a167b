/*
 * #/login: user name and password. Bad credentials (401) and too many
 * attempts (429) come back with the server's Vietnamese message, shown
 * above the button and announced.
 */
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import * as api from '../api.js';
import { field, Form } from '../components/form.js';
import { setTitle } from '../components/ui.js';

export function mount(container, ctx) {
  setTitle(t('login.title'));
  const username = field({
    name: 'username', label: t('login.username'), required: true,
    attrs: { autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false' },
  });
  const password = field({
    name: 'password', label: t('login.password'), type: 'password', required: true,
    attrs: { autocomplete: 'current-password' },
  });
  const form = new Form({
    fields: [username, password],
    submitLabel: t('login.submit'),
    className: 'login-form',
    onSubmit: async (v) => {
      const user = await api.login(v.username, password.input.value);
      ctx.onLogin(user);
    },
  });
  /* The password is sent as typed: no trimming. */
  password.value = () => password.input.value;

  container.appendChild(h('section', { class: 'login-card' },
    h('img', { src: '/favicon.svg', alt: '', class: 'login-mark', width: '56', height: '56' }),
    h('p', { class: 'login-app' }, t('app.name')),
    h('h1', { tabindex: '-1' }, t('login.title')),
    form.el));
  username.input.focus();
  return { managesFocus: true };
}
