/*
 * #/users (admin only): the accounts of the admin's subtree, filtered by
 * unit and by text; create, edit (full name, unit, role), disable / enable,
 * reset the password, delete; lift a lockout after failed sign-ins; see and
 * end an account's sessions ("Phiên đăng nhập"). An admin cannot disable or
 * delete their own account from here (they would lock themselves out
 * mid-session), nor reset their own password: that is on #/account, with
 * the current password.
 */
import { h, replace, uid, debounce } from '../dom.js';
import { t } from '../i18n/index.js';
import * as api from '../api.js';
import { formatDate, formatDateTime } from '../format.js';
import { field, Form } from '../components/form.js';
import { openDialog, confirmDialog, alertDialog } from '../components/dialog.js';
import { unitPicker } from '../components/unitpicker.js';
import { sessionsPanel } from '../components/sessions.js';
import { loading, empty, errorBox, errorMessage, tableWrap, toast, setTitle, pager } from '../components/ui.js';

export const ROLES = ['admin', 'leader', 'specialist', 'contributor', 'viewer'];
const PAGE = 50;
const MIN_PASSWORD = 12;

function roleOptions(withEmpty) {
  const opts = ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }));
  return withEmpty ? [{ value: '', label: t('users.chooseRole') }, ...opts] : opts;
}

/* Timestamps may come as a date or a full UTC time. */
function formatWhen(s) {
  if (!s) return '—';
  return s.length > 10 ? formatDateTime(s) : formatDate(s);
}

function checkPassword(password, confirm) {
  /* Characters, not UTF-16 units, as the server counts them. */
  if ([...password].length < MIN_PASSWORD) {
    throw { field: 'password', message: t('users.passwordShort', { min: MIN_PASSWORD }) };
  }
  if (password !== confirm) throw { field: 'password_confirm', message: t('users.passwordMismatch') };
}

function passwordFields() {
  const password = field({
    name: 'password', label: t('users.password'), type: 'password', required: true,
    hint: t('users.passwordHint', { min: MIN_PASSWORD }), attrs: { autocomplete: 'new-password' },
  });
  const confirm = field({
    name: 'password_confirm', label: t('users.passwordConfirm'), type: 'password', required: true,
    attrs: { autocomplete: 'new-password' },
  });
  password.value = () => password.input.value;
  confirm.value = () => confirm.input.value;
  return [password, confirm];
}

function userFormDialog({ mode, user, defaultUnit, onDone }) {
  const isEdit = mode === 'edit';
  let dlg;
  const fields = [];
  let username = null;
  if (isEdit) {
    fields.push(field({ name: 'username', type: 'static', label: t('users.username'), value: user.username }));
  } else {
    username = field({
      name: 'username', label: t('users.username'), required: true,
      hint: t('users.usernameHint'),
      attrs: { autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', maxlength: '64' },
    });
    fields.push(username);
  }
  const fullName = field({
    name: 'full_name', label: t('users.fullName'), required: true,
    value: isEdit ? user.full_name : '', attrs: { autocomplete: 'off', maxlength: '200' },
  });
  const startUnit = isEdit ? { id: user.unit_id, name: user.unit_name, code: user.unit_code } : defaultUnit;
  const picker = unitPicker({ value: startUnit || null });
  const unit = field({
    name: 'unit_id', label: t('users.unit'), required: true,
    control: picker.el, input: picker.input, getValue: picker.getValue, wide: true,
  });
  const role = field({
    name: 'role', label: t('users.role'), type: 'select', required: true,
    value: isEdit ? user.role : '', options: roleOptions(true),
  });
  fields.push(fullName, unit, role);
  if (!isEdit) fields.push(...passwordFields());

  const cancel = h('button', { type: 'button', class: 'btn', onclick: () => dlg.close() }, t('common.cancel'));
  const form = new Form({
    fields,
    submitLabel: isEdit ? t('common.save') : t('users.create'),
    extraButtons: [cancel],
    className: 'user-form',
    onSubmit: async (v) => {
      let saved;
      if (isEdit) {
        const changes = {};
        if (v.full_name !== user.full_name) changes.full_name = v.full_name;
        if (v.unit_id !== user.unit_id) changes.unit_id = v.unit_id;
        if (v.role !== user.role) changes.role = v.role;
        if (!Object.keys(changes).length) {
          dlg.close();
          toast(t('common.noChanges'));
          return;
        }
        saved = await api.updateUser(user.id, changes);
        toast(t('users.saved', { name: v.full_name }));
      } else {
        checkPassword(v.password, v.password_confirm);
        saved = await api.createUser({
          username: v.username, full_name: v.full_name, unit_id: v.unit_id, role: v.role, password: v.password,
        });
        toast(t('users.created', { name: v.username }));
      }
      dlg.close();
      onDone(saved);
    },
  });
  dlg = openDialog({
    title: isEdit ? t('users.editTitle', { name: user.username }) : t('users.createTitle'),
    body: form.el,
    wide: true,
  });
  (username || fullName).input.focus();
}

function resetPasswordDialog({ user }) {
  let dlg;
  const cancel = h('button', { type: 'button', class: 'btn', onclick: () => dlg.close() }, t('common.cancel'));
  const form = new Form({
    fields: passwordFields(),
    submitLabel: t('users.resetPassword'),
    extraButtons: [cancel],
    onSubmit: async (v) => {
      checkPassword(v.password, v.password_confirm);
      await api.updateUser(user.id, { password: v.password });
      toast(t('users.passwordReset', { name: user.username }));
      dlg.close();
    },
  });
  dlg = openDialog({
    title: t('users.resetTitle', { name: user.username }),
    body: [h('p', null, t('users.resetIntro', { name: user.full_name || user.username })), form.el],
  });
  form.fields[0].input.focus();
}

function sessionsDialog({ user }) {
  const panel = sessionsPanel({
    load: () => api.userSessions(user.id),
    end: (sid) => api.endUserSession(user.id, sid),
    endAll: () => api.endUserSessions(user.id),
  });
  openDialog({ title: t('users.sessionsTitle', { name: user.username }), body: panel.el, wide: true });
  panel.reload();
}

class UsersPage {
  constructor(ctx) {
    this.ctx = ctx;
    this.me = ctx.user;
    this.filter = { unit: null, q: '' };
    this.offset = 0;
    this.req = 0;
    this.destroyed = false;

    const qId = uid('users-q');
    this.picker = unitPicker({ onChange: (u) => { this.filter.unit = u; this.reload(); } });
    const unitId = uid('users-unit');
    this.picker.input.id = unitId;
    this.q = h('input', { id: qId, type: 'search', autocomplete: 'off', placeholder: t('users.searchPlaceholder') });
    this.typed = debounce(() => { this.filter.q = this.q.value.trim().normalize('NFC'); this.reload(); }, 300);
    this.q.addEventListener('input', this.typed);
    const filters = h('form', { class: 'filters', role: 'search', novalidate: true },
      h('div', { class: 'field' }, h('label', { for: unitId }, t('users.filterUnit')), this.picker.el),
      h('div', { class: 'field' }, h('label', { for: qId }, t('users.filterText')), this.q),
      h('div', { class: 'filter-actions' },
        h('button', { type: 'submit', class: 'btn' }, t('common.filter')),
        h('button', { type: 'button', class: 'btn', onclick: () => this.resetFilters() }, t('common.clearFilters'))));
    filters.addEventListener('submit', (ev) => {
      ev.preventDefault();
      this.typed.cancel();
      this.filter.q = this.q.value.trim().normalize('NFC');
      this.reload();
    });

    this.results = h('div', { class: 'results', 'aria-live': 'polite' });
    this.el = h('section', { class: 'page page-users' },
      h('div', { class: 'page-head' },
        h('h1', { tabindex: '-1' }, t('users.title')),
        h('button', { type: 'button', class: 'btn btn-primary', dataset: { action: 'create-user' }, onclick: () => this.create() }, t('users.add'))),
      h('div', { class: 'panel' }, filters, this.results));
  }

  resetFilters() {
    this.typed.cancel();
    this.q.value = '';
    this.filter.q = '';
    if (this.filter.unit) this.picker.setValue(null); /* reloads through onChange */
    else this.reload();
  }

  reload() {
    this.offset = 0;
    this.load();
  }

  async load() {
    const mine = ++this.req;
    replace(this.results, loading());
    try {
      const r = await api.listUsers({
        unit_id: this.filter.unit ? this.filter.unit.id : '',
        q: this.filter.q, limit: PAGE, offset: this.offset,
      });
      if (mine !== this.req || this.destroyed) return;
      this.render(r.items || [], r.total || 0);
    } catch (err) {
      if (mine !== this.req || this.destroyed) return;
      replace(this.results, errorBox(err, () => this.load()));
    }
  }

  render(items, total) {
    if (!items.length) {
      const filtered = this.filter.unit || this.filter.q;
      replace(this.results, empty(filtered ? t('users.noneFiltered') : t('users.none')));
      return;
    }
    const table = h('table', { class: 'data-table' },
      h('caption', { class: 'visually-hidden' }, t('users.title')),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('users.username')),
        h('th', { scope: 'col' }, t('users.fullName')),
        h('th', { scope: 'col' }, t('users.unit')),
        h('th', { scope: 'col' }, t('users.role')),
        h('th', { scope: 'col' }, t('users.status')),
        h('th', { scope: 'col' }, t('users.createdAt')),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('common.actions'))))),
      h('tbody', null, items.map((u) => this.row(u))));
    replace(this.results,
      tableWrap(t('users.title'), table),
      pager({ total, offset: this.offset, limit: PAGE, count: items.length, onPage: (o) => { this.offset = o; this.load(); } }));
  }

  row(u) {
    const self = u.id === this.me.id;
    const btn = (label, action, onclick, cls) =>
      h('button', { type: 'button', class: ['btn', 'btn-small', cls], dataset: { action }, onclick, 'aria-label': `${label}: ${u.username}` }, label);
    return h('tr', { dataset: { userId: String(u.id) }, class: u.disabled ? 'is-disabled' : null },
      h('td', null, h('span', { class: 'mono' }, u.username)),
      h('td', null, u.full_name),
      h('td', null, u.unit_name || u.unit_code || '—'),
      h('td', null, t(`role.${u.role}`)),
      h('td', null, h('span', { class: ['status', u.disabled ? 'status-off' : 'status-on'] },
        u.disabled ? t('users.disabled') : t('users.active')),
      u.locked_until ? h('span', { class: 'status status-off user-locked', title: t('users.lockedHint') },
        t('users.lockedUntil', { time: formatDateTime(u.locked_until) })) : null),
      h('td', null, formatWhen(u.created_at)),
      h('td', { class: 'row-actions' },
        btn(t('common.edit'), 'edit', () => this.edit(u)),
        self ? null : btn(t('users.resetPassword'), 'reset-password', () => resetPasswordDialog({ user: u })),
        u.locked_until ? btn(t('users.unlock'), 'unlock', () => this.unlock(u)) : null,
        btn(t('users.sessions'), 'sessions', () => sessionsDialog({ user: u })),
        self ? null : btn(u.disabled ? t('users.enable') : t('users.disable'), u.disabled ? 'enable' : 'disable', () => this.toggleDisabled(u)),
        self ? null : btn(t('common.delete'), 'delete', () => this.remove(u), 'btn-danger-outline')));
  }

  create() {
    userFormDialog({ mode: 'create', defaultUnit: this.filter.unit, onDone: () => this.load() });
  }

  edit(u) {
    userFormDialog({ mode: 'edit', user: u, onDone: () => this.load() });
  }

  async toggleDisabled(u) {
    const disable = !u.disabled;
    const ok = await confirmDialog({
      title: disable ? t('users.disableTitle') : t('users.enableTitle'),
      message: t(disable ? 'users.disableConfirm' : 'users.enableConfirm', { name: u.full_name, username: u.username }),
      confirmLabel: disable ? t('users.disable') : t('users.enable'),
      danger: disable,
    });
    if (!ok) return;
    try {
      await api.updateUser(u.id, { disabled: disable });
      toast(t(disable ? 'users.disabledDone' : 'users.enabledDone', { name: u.username }));
      this.load();
    } catch (err) {
      alertDialog({ title: t('error.title'), message: errorMessage(err) });
    }
  }

  async unlock(u) {
    try {
      await api.unlockUser(u.id);
      toast(t('users.unlocked', { name: u.username }));
      this.load();
    } catch (err) {
      alertDialog({ title: t('error.title'), message: errorMessage(err) });
    }
  }

  async remove(u) {
    const ok = await confirmDialog({
      title: t('users.deleteTitle'),
      message: t('users.deleteConfirm', { name: u.full_name, username: u.username }),
      confirmLabel: t('common.delete'),
      danger: true,
    });
    if (!ok) return;
    try {
      await api.deleteUser(u.id);
      toast(t('users.deleted', { name: u.username }));
      this.load();
    } catch (err) {
      alertDialog({ title: t('error.title'), message: errorMessage(err) });
    }
  }

  destroy() {
    this.destroyed = true;
    this.typed.cancel();
  }
}

export function mount(container, ctx) {
  setTitle(t('users.title'));
  const page = new UsersPage(ctx);
  container.appendChild(page.el);
  page.load();
  return { destroy: () => page.destroy() };
}
