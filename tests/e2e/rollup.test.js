/*
 * End-to-end: the roll-up page shows the demo city's 2022-H1 conferences
 * as "8.196/8.272, đạt 99%" with the exact rate available, and a
 * conference entered at a cell through the activities page changes the
 * province's figures on the next roll-up.
 */
'use strict';

const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const env = h.setup({ name: 'rollup' });
const { pageErrors } = env;
let page;

before(async () => {
  page = await env.newPage();
});

const unitId = (code) => env.sql(`SELECT id FROM units WHERE code = '${code}'`);

async function studyCell(unit) {
  await page.goto(`${env.base}/#/rollup?unit=${unit}&period=2022-H1`);
  const cell = page.locator('.rollup-table tbody tr').first().locator('td.rate');
  await cell.waitFor();
  return { text: (await cell.textContent()).trim(), exact: await cell.getAttribute('data-exact'), title: await cell.getAttribute('title') };
}

test('the demo city shows 8.196/8.272, đạt 99% with the exact rate', async () => {
  await env.login(page, 'admin');
  const c = await studyCell(unitId('SH-LG'));
  assert.equal(c.text, '8.196/8.272, đạt 99%');
  assert.equal(c.exact, '99,0812%');
  assert.match(c.title, /99,0812%/);
  /* Drill down: the children table lists the seven wards and communes. */
  const rows = page.locator('table').nth(1).locator('tbody tr');
  assert.equal(await rows.count(), 7);
});

test('a conference entered at a cell changes the province rate', async () => {
  const prov = unitId('SH');
  const beforeC = await studyCell(prov);
  await page.goto(`${env.base}/#/activities`);
  const picker = page.getByRole('combobox', { name: 'Đơn vị' });
  await picker.fill('SH-LG-MP-CB01');
  await page.locator('.picker-option').first().click();
  await page.getByLabel('Ngày tổ chức').fill('2022-03-15');
  await page.getByLabel('Số đảng viên tham dự').fill('10');
  await page.getByLabel('Tổng số đảng viên').fill('46');
  await page.getByRole('button', { name: 'Lưu' }).click();
  await page.getByText('Đã lưu.').waitFor();
  const afterC = await studyCell(prov);
  assert.notEqual(afterC.exact, beforeC.exact);
  assert.match(afterC.text, /^8\.206\/8\.318, đạt 99%$/);
  assert.deepEqual(pageErrors, []);
});
