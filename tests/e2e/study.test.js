/*
 * End-to-end test of the study pages: the real server on a fresh demo
 * database, driven through headless Chromium with playwright-core (the
 * set-up of tests/e2e/harness.js).
 *
 *   node --test tests/e2e/          (TG_BIN overrides build/tuyengiao)
 *
 * - admin opens the roll-up, picks "Thành ủy Long Giang" (SH-LG) and
 *   "6 tháng đầu năm" 2022 with the pickers, and reads "321 hội nghị …
 *   8.196/8.272 đảng viên tham dự, đạt 99%" with the exact rate in the
 *   title; a click on a child row drills down; screenshot
 *   build/artifacts/e2e-rollup.png;
 * - chibo.01 (a contributor of one cell) enters an indicator value: the
 *   unit is fixed, the rate shows as they type, a numerator above the
 *   denominator is refused by the server next to the numerator field, and
 *   a correct value is saved and then found again for the same period;
 * - no Content-Security-Policy violation and no script error.
 */
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const h = require('./harness');

const env = h.setup({ name: 'study' });
const { newPage, login, cspErrors, pageErrors } = env;

test('admin reads the city roll-up for the first half of 2022 and drills down', async () => {
  const page = await newPage();
  await login(page, 'admin');
  await page.getByRole('link', { name: 'Số liệu tổng hợp' }).click();
  await page.waitForFunction(() => location.hash.startsWith('#/rollup'));
  await page.locator('.rollup-title').waitFor(); /* the default roll-up (own unit, this year) */

  const form = page.locator('.rollup-form');
  const combo = form.getByRole('combobox', { name: 'Đơn vị' });
  await combo.fill('SH-LG');
  await form.getByRole('option').filter({ hasText: 'Thành ủy Long Giang' }).first().click();
  await form.getByLabel('Kỳ').selectOption({ label: '6 tháng đầu năm' });
  await form.getByLabel('Năm').fill('2022');
  await form.getByRole('button', { name: 'Xem' }).click();
  await page.waitForFunction(() => /period=2022-H1/.test(location.hash) && /unit=\d+/.test(location.hash));

  const title = page.locator('.rollup-title');
  await title.filter({ hasText: 'Thành ủy Long Giang — 6 tháng đầu năm 2022' }).waitFor();
  const study = page.locator('.rollup-summary li').first();
  const text = await study.textContent();
  assert.match(text, /^321 hội nghị/);
  assert.match(text, /8\.196\/8\.272 đảng viên tham dự, đạt 99%/);
  assert.match(await study.getAttribute('title'), /99,0812%/);

  /* The table says the same, with the exact rate in the title. */
  const cell = page.locator('.rollup-table tbody tr[data-kind="study"] td.rate');
  assert.equal((await cell.textContent()).trim(), '8.196/8.272, đạt 99%');
  assert.equal(await cell.getAttribute('data-exact'), '99,0812%');
  assert.match(await page.locator('.rollup-summary').textContent(), /148 buổi sinh hoạt chính trị chuyên đề, 8\.199\/8\.257/);
  await page.screenshot({ path: path.join(h.ARTIFACTS, 'e2e-rollup.png'), fullPage: true });

  /* Drill down: a click anywhere on a child's row opens its roll-up, same period. */
  const rows = page.locator('.rollup-children tbody tr');
  assert.equal(await rows.count(), 7);
  const child = rows.filter({ hasText: 'Đảng ủy phường Mỹ Phước' });
  const childId = await child.getAttribute('data-unit-id');
  await child.locator('td').first().click();
  await page.waitForFunction((id) => location.hash.includes(`unit=${id}`) && location.hash.includes('period=2022-H1'), childId);
  await title.filter({ hasText: 'Đảng ủy phường Mỹ Phước — 6 tháng đầu năm 2022' }).waitFor();
  await page.locator('.rollup-up').click();
  await title.filter({ hasText: 'Thành ủy Long Giang' }).waitFor();
  await page.context().close();
});

test('a contributor enters an indicator value; numerator above denominator is refused at the field', async () => {
  const page = await newPage();
  await login(page, 'chibo.01');
  await page.getByRole('link', { name: 'Chỉ tiêu' }).click();
  await page.waitForFunction(() => location.hash === '#/indicators');
  const entry = page.locator('.indicator-entry');
  await entry.locator('form').waitFor();

  /* The contributor's own unit is fixed, not a picker. */
  const unit = entry.locator('.field[data-field="unit_id"]');
  assert.match(await unit.textContent(), /Chi bộ khóm Phước Thạnh 1/);
  assert.equal(await unit.locator('input').count(), 0);

  await entry.getByLabel('Chỉ tiêu').selectOption({ label: 'HO-GDVH — Hộ gia đình đạt danh hiệu "Gia đình văn hóa"' });
  assert.equal(await entry.getByLabel('Kỳ').inputValue(), 'year', 'a yearly indicator takes a year');
  await entry.getByLabel('Năm').fill('2024');
  await entry.getByLabel('Năm').dispatchEvent('change');
  /* The labels come from the definition. */
  const num = entry.getByLabel('Hộ đạt danh hiệu Gia đình văn hóa');
  const den = entry.getByLabel('Tổng số hộ');
  await num.fill('50');
  await den.fill('40');
  const rate = entry.locator('.live-rate');
  assert.equal(await rate.textContent(), '50/40, đạt 125,00%');
  assert.match(await rate.getAttribute('class'), /is-over/);

  await entry.getByRole('button', { name: 'Lưu số liệu' }).click();
  const err = entry.locator('.field[data-field="numerator"] .field-error');
  await err.waitFor({ state: 'visible' });
  assert.match(await err.textContent(), /Tử số \(50\) không được lớn hơn mẫu số \(40\)/);
  assert.equal(await num.getAttribute('aria-invalid'), 'true');
  assert.ok(await num.evaluate((el) => el === document.activeElement), 'focus moves to the numerator');

  await num.fill('36');
  assert.equal(await rate.textContent(), '36/40, đạt 90,00%');
  await entry.getByRole('button', { name: 'Lưu số liệu' }).click();
  await page.getByText('Đã lưu số liệu chỉ tiêu.').waitFor();
  assert.ok(await err.isHidden(), 'the error is cleared');
  await entry.locator('.entry-state').filter({ hasText: 'lưu sẽ cập nhật' }).waitFor();
  await page.screenshot({ path: path.join(h.ARTIFACTS, 'e2e-indicator.png'), fullPage: true });
  await page.context().close();
});

test('no Content-Security-Policy violation and no script error', () => {
  assert.deepEqual(cspErrors, [], cspErrors.join('\n'));
  assert.deepEqual(pageErrors, [], pageErrors.join('\n'));
});
