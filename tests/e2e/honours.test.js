/*
 * End-to-end test of the pages of Party-history projects, commendations
 * and the units' own channels: the real server on a fresh demo database,
 * driven through headless Chromium with playwright-core (the set-up of
 * tests/e2e/harness.js).
 *
 * - phuong.myphuoc (a ward contributor) enters the June 2025 figures of
 *   the ward's fanpage through the dialog: a period that has not begun is
 *   refused by the server next to the period field; the corrected entry
 *   is listed with Vietnamese number formatting (12.345 lượt chia sẻ);
 * - thanhuy (the city's leader) reads on the history page that 100% of
 *   the city's wards and communes have published their Party history,
 *   and on the commendations page, for 2023, "125 tập thể, 91 cá nhân";
 *   screenshot build/artifacts/e2e-honours.png;
 * - no Content-Security-Policy violation and no script error.
 */
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const h = require('./harness');

const env = h.setup({ name: 'honours' });
const { newPage, login, cspErrors, pageErrors } = env;

test('a ward contributor enters its fanpage figures and sees them listed, formatted', async () => {
  const page = await newPage();
  await login(page, 'phuong.myphuoc');
  await page.getByRole('link', { name: 'Tuyên truyền trên trang, kênh của đơn vị' }).click();
  await page.waitForFunction(() => location.hash === '#/outreach');
  await page.getByRole('button', { name: 'Nhập số liệu' }).click();
  const dlg = page.getByRole('dialog');
  await dlg.getByLabel('Tên trang, kênh').fill('Đảng ủy phường Mỹ Phước');
  await dlg.locator('[data-field="period"] input').fill(`${new Date().getFullYear() + 1}-06`);
  await dlg.getByLabel('Tin bài').fill('1234');
  await dlg.getByLabel('Lượt chia sẻ').fill('12345');
  await dlg.getByLabel('Lượt theo dõi').fill('6789');
  await dlg.getByRole('button', { name: 'Lưu số liệu' }).click();
  const err = dlg.locator('[data-field="period"] .field-error');
  await err.waitFor({ state: 'visible' });
  assert.match(await err.textContent(), /chưa bắt đầu/);
  await dlg.locator('[data-field="period"] input').fill('2025-06');
  await dlg.getByRole('button', { name: 'Lưu số liệu' }).click();
  await dlg.waitFor({ state: 'detached' });
  const row = page.locator('tr', { hasText: '2025-06' });
  await row.waitFor();
  const text = await row.textContent();
  assert.match(text, /Đảng ủy phường Mỹ Phước/);
  assert.match(text, /1\.234/);
  assert.match(text, /12\.345/);
  assert.match(text, /6\.789/);
  await page.context().close();
});

test('the city leader reads 100% of histories published and 125 collectives, 91 individuals commended in 2023', async () => {
  const page = await newPage();
  await login(page, 'thanhuy');
  await page.getByRole('link', { name: 'Biên soạn lịch sử Đảng bộ' }).click();
  await page.waitForFunction(() => location.hash === '#/history');
  const share = page.locator('[data-role="history-share"]');
  await share.waitFor(); /* the page's module loads on the first visit */
  await page.waitForFunction(() => /100%/.test(document.querySelector('[data-role="history-share"]').textContent));
  assert.match(await share.textContent(), /đạt 100%/);
  await page.locator('tr', { hasText: 'Đảng ủy phường Mỹ Phước' }).first().waitFor();
  assert.match(await page.locator('tr', { hasText: 'Đảng ủy phường Mỹ Phước' }).first().textContent(), /Đã tái bản.*19\/08\/2021.*02\/09\/2023/);

  await page.getByRole('link', { name: 'Biểu dương, khen thưởng' }).click();
  await page.waitForFunction(() => location.hash === '#/commendations');
  await page.getByLabel('Từ ngày').fill('2023-01-01');
  await page.getByLabel('Đến ngày').fill('2023-12-31');
  await page.getByRole('button', { name: 'Lọc' }).click();
  await page.waitForFunction(() => /125 tập thể, 91 cá nhân/.test(document.querySelector('[data-role="commendation-counts"]').textContent));
  await page.screenshot({ path: path.join(h.ARTIFACTS, 'e2e-honours.png'), fullPage: true });
  await page.context().close();
});

test('no Content-Security-Policy violation and no script error', () => {
  assert.deepEqual(cspErrors, []);
  assert.deepEqual(pageErrors, []);
});
