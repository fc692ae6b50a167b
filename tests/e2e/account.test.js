/*
 * End-to-end: "Tài khoản của tôi" and the sessions section of the users
 * page, through headless Chromium. A user signed in twice (a second
 * browser context) sees both sessions on #/account, ends the other one,
 * changes the password with the current one; the admin sees the account's
 * sessions in the users page and lifts a lockout. CSP violations and page
 * errors fail the run.
 */
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const NEW_PW = 'Một cụm từ mới dài 2026';

const env = h.setup({ name: 'account', viewport: { width: 1280, height: 860 } });
const { cspErrors, pageErrors } = env;

async function signedIn(username, password) {
  const p = await env.newPage();
  await env.login(p, username, password);
  return p;
}

test('a user ends another session and changes the password on "Tài khoản của tôi"', async () => {
  const p = await signedIn('xem');
  const other = await signedIn('xem');
  await p.locator('a.user-name').click();
  await p.waitForFunction(() => location.hash === '#/account');
  await p.getByRole('heading', { name: 'Tài khoản của tôi' }).waitFor();
  const rows = p.locator('.sessions-table tbody tr');
  await rows.nth(1).waitFor();
  assert.equal(await rows.count(), 2);
  assert.equal(await p.locator('.sessions-table tr.is-current').count(), 1);
  assert.match(await p.locator('.sessions-table tr.is-current').textContent(), /Phiên này/);
  await p.locator('.sessions-table tbody tr:not(.is-current)').getByRole('button', { name: /^Kết thúc/ }).click();
  await p.locator('.sessions-table tbody tr').nth(1).waitFor({ state: 'detached' });
  const r = await other.evaluate(async () => (await fetch('/api/v1/session')).status);
  assert.equal(r, 401, 'the other browser was signed out');

  /* A wrong current password is shown next to its field. */
  await p.locator('input[name="current_password"]').fill('Không đúng 2026');
  await p.locator('input[name="new_password"]').fill(NEW_PW);
  await p.locator('input[name="new_password_confirm"]').fill(NEW_PW);
  await p.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await p.locator('.field[data-field="current_password"] .field-error').filter({ hasText: 'không đúng' }).waitFor();
  await p.locator('input[name="current_password"]').fill(h.PASSWORD);
  await p.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await p.locator('.toast').filter({ hasText: 'Đã đổi mật khẩu' }).waitFor();
  await (await signedIn('xem', NEW_PW)).context().close();
  await p.context().close();
  await other.context().close();
  assert.deepEqual(cspErrors, []);
  assert.deepEqual(pageErrors, []);
});

test('the admin sees an account\'s sessions and lifts a lockout on the users page', async () => {
  for (let i = 0; i < 5; i++)
    await fetch(`${env.base}/api/v1/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'chuyenvien', password: `Sai ${i} lần nữa` }) });
  const cv = await signedIn('truongban');
  const p = await signedIn('admin');
  await p.evaluate(() => { location.hash = '#/users'; });
  const row = (name) => p.locator('.page-users tbody tr').filter({ has: p.locator('.mono', { hasText: new RegExp(`^${name.replace('.', '\\.')}$`) }) });
  await row('chuyenvien').locator('.user-locked').waitFor();
  assert.match(await row('chuyenvien').textContent(), /Tạm khóa đến/);
  await row('chuyenvien').getByRole('button', { name: /^Gỡ tạm khóa/ }).click();
  await row('chuyenvien').locator('.user-locked').waitFor({ state: 'detached' });
  await (await signedIn('chuyenvien')).context().close();

  await row('truongban').getByRole('button', { name: /^Phiên đăng nhập/ }).click();
  const dlg = p.locator('dialog[open]');
  await dlg.locator('.sessions-table tbody tr').first().waitFor();
  await dlg.getByRole('button', { name: 'Kết thúc tất cả' }).click();
  await dlg.getByText('Không có phiên đăng nhập nào đang hoạt động.').waitFor();
  assert.equal(await cv.evaluate(async () => (await fetch('/api/v1/session')).status), 401);
  await cv.context().close();
  await p.context().close();
  assert.deepEqual(cspErrors, []);
  assert.deepEqual(pageErrors, []);
});
