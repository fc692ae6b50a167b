/*
 * End-to-end: the admin's import page. A CSV of units with one bad row is
 * checked (dry run): the error table shows the line and the column and
 * "Nhập" stays disabled; nothing was written. The corrected file is
 * checked, then imported, and the new unit exists. Menu entry for admins
 * only.
 */
'use strict';

const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const env = h.setup({ name: 'imports' });
const { pageErrors } = env;
let page;

before(async () => {
  page = await env.newPage();
});

const unitCount = (code) => env.sql(`SELECT COUNT(*) FROM units WHERE code = '${code}'`);

async function choose(name, text) {
  await page.getByLabel('Tệp (CSV UTF-8 hoặc XLSX, tối đa 10 MiB)').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
}

test('an admin checks a CSV, sees the bad line and column, then imports the corrected file', async () => {
  await env.login(page, 'admin');
  await page.locator('a.nav-link[data-route="imports"]').click();
  await page.getByRole('heading', { name: 'Nhập dữ liệu từ tệp CSV, XLSX' }).waitFor();
  await page.getByLabel('Loại dữ liệu').selectOption('units');

  await choose('donvi.csv', 'code;name;parent_code;level\nSH-KH-CB61;Chi bộ thôn 61;SH-KH;chibo\nSH-KH-CB62;Chi bộ thôn 62;SH-ZZ;chibo\n');
  await page.getByRole('button', { name: 'Kiểm tra (chưa ghi)' }).click();
  const row = page.locator('table.import-errors tbody tr');
  await row.first().waitFor();
  assert.equal(await row.count(), 1);
  const cells = (await row.first().locator('td').allTextContents()).map((s) => s.trim());
  assert.equal(cells[0], '3');
  assert.equal(cells[1], 'parent_code');
  assert.match(cells[2], /SH-ZZ/);
  assert.match(await page.locator('[data-role="summary"]').textContent(), /Kiểm tra 2 dòng: sẽ tạo mới 1, cập nhật 0; 1 dòng lỗi/);
  assert.equal(await page.getByRole('button', { name: 'Nhập', exact: true }).isDisabled(), true);
  assert.equal(unitCount('SH-KH-CB61'), '0');

  await choose('donvi.csv', 'code;name;parent_code;level\nSH-KH-CB61;Chi bộ thôn 61;SH-KH;chibo\n');
  assert.equal(await page.getByRole('button', { name: 'Nhập', exact: true }).isDisabled(), true, 'a new file needs a new check');
  await page.getByRole('button', { name: 'Kiểm tra (chưa ghi)' }).click();
  await page.getByText('Không có dòng lỗi. Bấm "Nhập" để ghi.').waitFor();
  assert.equal(unitCount('SH-KH-CB61'), '0');
  await page.getByRole('button', { name: 'Nhập', exact: true }).click();
  await page.getByText('Đã ghi vào hệ thống.').waitFor();
  assert.match(await page.locator('[data-role="summary"]').textContent(), /tạo mới 1/);
  assert.equal(unitCount('SH-KH-CB61'), '1');
  assert.deepEqual(pageErrors, []);
});

test('the import page is not offered to a leader', async () => {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.waitForFunction(() => location.hash.startsWith('#/login'));
  await env.login(page, 'truongban');
  assert.equal(await page.locator('a.nav-link[data-route="imports"]').count(), 0);
  assert.deepEqual(pageErrors, []);
});
