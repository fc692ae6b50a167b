/*
 * End-to-end test of the publications page: the real server on a fresh
 * demo database, driven through headless Chromium with playwright-core
 * (the set-up of tests/e2e/harness.js).
 *
 *   node --test tests/e2e/publications.test.js   (TG_BIN overrides build/tuyengiao)
 *
 * - the province's specialist opens "Ấn phẩm", sees the demo Ban's
 *   handbook issues printed at "3.000" copies, adds an issue of a handbook
 *   for the city through the dialog (unit picker, kind, series, number,
 *   date, copies): a date in the future is refused by the server next to
 *   the date field, then the issue is saved and listed with its copies as
 *   "12.500" and its date as 02/06/2025; the kind filter keeps it;
 * - the dashboard of the Ban for 2024 shows the publications, appraisals
 *   and weekly press reports cards;
 * - an appraisal linked, through the dialog's search of the register, to
 *   Nghị quyết 35-NQ/TW is listed with "35-NQ/TW" as a link that opens
 *   the document;
 * - no Content-Security-Policy violation and no script error.
 */
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const h = require('./harness');

const env = h.setup({ name: 'publications' });
const { newPage, login, cspErrors, pageErrors } = env;

test('a specialist adds a publication and sees it listed with Vietnamese numbers', async () => {
  const page = await newPage();
  await login(page, 'chuyenvien');
  await page.getByRole('link', { name: 'Ấn phẩm' }).click();
  await page.waitForFunction(() => location.hash === '#/publications');
  const list = page.locator('.page-publications .results');
  /* the demo Ban's monthly handbook, 3.000 copies an issue */
  await page.getByLabel('Loại ấn phẩm').selectOption({ label: 'Sổ tay' });
  const demoRow = list.locator('tbody tr').filter({ hasText: 'Sổ tay Sinh hoạt chi bộ số 12' });
  await demoRow.waitFor();
  assert.equal((await demoRow.locator('td[data-col="copies"]').textContent()).trim(), '3.000');

  await page.locator('[data-action="create-publication"]').click();
  const dlg = page.getByRole('dialog');
  const combo = dlg.getByRole('combobox', { name: 'Đơn vị phát hành' });
  await combo.fill('SH-LG');
  await dlg.getByRole('option').filter({ hasText: 'Thành ủy Long Giang' }).first().click();
  await dlg.getByLabel('Loại ấn phẩm').selectOption({ label: 'Sổ tay' });
  await dlg.getByLabel('Tên ấn phẩm').fill('Sổ tay tuyên truyền viên');
  await dlg.getByLabel('Số phát hành').fill('3');
  await dlg.getByLabel('Ngày phát hành').fill(`${new Date().getFullYear() + 1}-06-02`); /* next year */
  await dlg.getByLabel('Số bản in').fill('12500');
  await dlg.getByLabel('Nơi phát hành').fill('Các chi bộ khóm, ấp');
  await dlg.getByRole('button', { name: 'Thêm ấn phẩm' }).click();
  const err = dlg.locator('.field[data-field="issued_on"] .field-error');
  await err.waitFor({ state: 'visible' });
  assert.match(await err.textContent(), /Ngày phát hành không được sau ngày hôm nay/);

  await dlg.getByLabel('Ngày phát hành').fill('2025-06-02');
  await dlg.getByRole('button', { name: 'Thêm ấn phẩm' }).click();
  await page.getByText('Đã lưu ấn phẩm.').waitFor();
  const row = list.locator('tbody tr').filter({ hasText: 'Sổ tay tuyên truyền viên số 3' });
  await row.waitFor();
  assert.equal((await row.locator('td[data-col="copies"]').textContent()).trim(), '12.500');
  assert.match(await row.textContent(), /02\/06\/2025/);
  assert.match(await row.textContent(), /Thành ủy Long Giang/);
  assert.match(await list.locator('.summary').textContent(), /13 số ấn phẩm/);
  await page.screenshot({ path: path.join(h.ARTIFACTS, 'e2e-publications.png'), fullPage: true });

  /* the same through the API: saved once, for the city */
  const saved = await page.evaluate(async () => (await fetch('/api/v1/publications?series=' + encodeURIComponent('Sổ tay tuyên truyền viên'))).json());
  assert.equal(saved.total, 1);
  assert.equal(saved.items[0].copies, 12500);
  assert.equal(saved.items[0].unit_code, 'SH-LG');
  await page.context().close();
});

test('the dashboard of the provincial Ban for 2024 shows its publications, appraisals and press reports', async () => {
  const page = await newPage();
  await login(page, 'admin');
  const ban = await page.evaluate(async () => (await (await fetch('/api/v1/units?q=SH-BTGDV')).json()).items.find((u) => u.code === 'SH-BTGDV').id);
  await page.goto(`${env.base}/#/dashboard?unit=${ban}&period=2024`);
  const kpi = (k) => page.locator(`.kpi[data-kpi="${k}"]`);
  await kpi('publications').waitFor();
  assert.equal((await kpi('publications').locator('.kpi-value').textContent()).trim(), '61');
  assert.match(await kpi('publications').textContent(), /55\.540 bản in/);
  assert.equal((await kpi('appraisals').locator('.kpi-value').textContent()).trim(), '73');
  assert.match(await kpi('appraisals').textContent(), /bình quân 5,9 ngày/);
  assert.equal((await kpi('press_reports').locator('.kpi-value').textContent()).trim(), '52');
  await page.context().close();
});

test('an appraisal linked to a document of the register lists its number as a link to it', async () => {
  const page = await newPage();
  await login(page, 'chuyenvien');
  await page.getByRole('link', { name: 'Thẩm định, góp ý' }).click();
  await page.waitForFunction(() => location.hash === '#/appraisals');
  const first = page.locator('.page-appraisals tbody tr').first();
  await first.waitFor();
  const id = await first.getAttribute('data-appraisal-id');
  const row = page.locator(`.page-appraisals tbody tr[data-appraisal-id="${id}"]`);
  await row.locator('[data-action="edit"]').click();
  const dlg = page.getByRole('dialog');
  /* search the register by number and symbol, choose with the keyboard */
  const combo = dlg.getByRole('combobox', { name: 'Văn bản trong sổ văn bản' });
  await combo.fill('35-NQ');
  await dlg.locator('.picker-option').filter({ hasText: 'Nghị quyết của Bộ Chính trị' }).waitFor();
  await combo.press('ArrowDown');
  await combo.press('Enter');
  assert.equal(await combo.inputValue(), '35-NQ/TW');
  await dlg.getByRole('button', { name: 'Lưu' }).click();
  await page.getByText('Đã lưu.').waitFor();

  const doc = await page.evaluate(async () => (await (await fetch('/api/v1/documents?q=35-NQ')).json()).items.find((d) => d.symbol === '35-NQ/TW'));
  const saved = await page.evaluate(async (i) => (await fetch(`/api/v1/appraisals/${i}`)).json(), id);
  assert.equal(saved.document_id, doc.id);
  const link = row.getByRole('link', { name: '35-NQ/TW' });
  await link.waitFor();
  assert.equal(await link.getAttribute('href'), `#/documents/${doc.id}`);
  await link.click();
  await page.waitForFunction((d) => location.hash === `#/documents/${d}`, doc.id);
  await page.getByRole('heading', { name: '35-NQ/TW' }).first().waitFor();

  /* the dialog shows the link by its number, and a typed text that matches nothing is refused */
  await page.goBack();
  await row.locator('[data-action="edit"]').click();
  assert.equal(await combo.inputValue(), '35-NQ/TW');
  await combo.fill('không có văn bản này');
  await dlg.getByText('Không tìm thấy văn bản phù hợp.').waitFor();
  await dlg.getByRole('button', { name: 'Lưu' }).click();
  assert.match(await dlg.locator('.field[data-field="document_id"] .field-error').textContent(), /Chọn một văn bản trong danh sách/);
  await dlg.getByRole('button', { name: 'Hủy' }).click();
  await page.context().close();
});

test('no Content-Security-Policy violation and no script error', () => {
  assert.deepEqual(cspErrors, [], cspErrors.join('\n'));
  assert.deepEqual(pageErrors, [], pageErrors.join('\n'));
});
