/*
 * End-to-end: the city leader drafts the 2022-H1 report on the "Báo cáo"
 * page, sees the figures worded ("321 hội nghị", "8.196/8.272"), writes
 * part II, submits it (the page then shows it locked), and the province's
 * admin sees Long Giang in the submission status of its lower units.
 */
'use strict';

const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const env = h.setup({ name: 'reports' });
const { pageErrors } = env;
let page;

before(async () => {
  page = await env.newPage();
});

const login = (user) => env.login(page, user);

test('the city leader drafts, edits and submits the half-year report', async () => {
  await login('thanhuy');
  await page.getByRole('link', { name: 'Báo cáo', exact: true }).click();
  await page.waitForFunction(() => location.hash === '#/reports');
  await page.getByRole('button', { name: 'Lập dự thảo' }).click();
  await page.getByText('Đã lập dự thảo báo cáo.').waitFor();
  const results = page.locator('.report-results');
  await results.waitFor();
  const text = await results.textContent();
  assert.match(text, /Đã tổ chức 321 hội nghị/);
  assert.match(text, /8\.196\/8\.272 đảng viên tham dự, đạt 99%/);
  assert.match(await page.locator('.report-header').textContent(), /ĐẢNG CỘNG SẢN VIỆT NAM/);
  await page.getByLabel('Hạn chế, nguyên nhân').fill('Một số cơ sở báo cáo còn chậm.');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await page.getByText('Đã lưu.').waitFor();
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await page.getByText('Đã gửi báo cáo lên cấp trên.').waitFor();
  await page.locator('.report-state[data-status="submitted"]').waitFor();
  assert.equal(await page.getByLabel('Hạn chế, nguyên nhân').inputValue(), 'Một số cơ sở báo cáo còn chậm.');
  assert.equal(await page.getByLabel('Hạn chế, nguyên nhân').isDisabled(), true);
  assert.equal(await page.getByRole('button', { name: 'Gửi báo cáo' }).count(), 0);
  const docx = page.getByRole('link', { name: 'Tải DOCX' });
  assert.match(await docx.getAttribute('href'), /\/api\/v1\/reports\/\d+\/export\?format=docx/);
  assert.deepEqual(pageErrors, []);
});

test('the province sees which lower units submitted', async () => {
  await page.context().clearCookies();
  await login('admin');
  await page.goto(`${env.base}/#/reports`);
  await page.getByRole('button', { name: 'Xem', exact: true }).click();
  const row = page.locator('tr[data-state]', { hasText: 'Thành ủy Long Giang' });
  await row.waitFor();
  assert.equal(await row.getAttribute('data-state'), 'late');
  assert.match(await row.textContent(), /thanhuy/);
  const missing = await page.locator('tr[data-state="missing"]').count();
  assert.ok(missing > 0);
  assert.deepEqual(pageErrors, []);
});
