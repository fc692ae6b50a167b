/*
 * End-to-end: the roll-up page shows the demo city's 2022-H1 conferences
 * as "8.196/8.272, đạt 99%" with the exact rate available, and a
 * conference entered at a cell through the activities page changes the
 * province's figures on the next roll-up.
 *
 * The section "Ấn phẩm, thẩm định, lịch sử, khen thưởng": for Thành ủy
 * Long Giang in 2023, 125 collectives and 91 officials commended and the
 * history published in 7/7 grassroots committees (100%); in 2022-H1,
 * 2.400 posts and 395.580 shares and follows on the units' own channels;
 * for the provincial Ban in 2024, 48 issues of bulletins (36 + 12), 73
 * drafts answered and 52 weekly press reports. Each figure of the table
 * by child adds up, with the unit's own row, to the total in the foot.
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
  const rows = page.locator('.rollup-children tbody tr');
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

/* The outputs section of a roll-up: the totals table and the table by child. */
async function outputs(p, unit, period) {
  await p.goto(`${env.base}/#/rollup?unit=${unit}&period=${period}`);
  const panel = p.locator('.rollup-outputs-panel');
  await panel.locator('.rollup-outputs').waitFor();
  const figure = (key) => panel.locator(`.rollup-outputs tr[data-figure="${key}"]`);
  return {
    panel,
    figure,
    value: async (key) => (await figure(key).locator('td').first().textContent()).trim(),
    detail: async (key) => (await figure(key).locator('td').nth(1).textContent()).trim(),
  };
}

/* Column `i` (0 = the first figure) of every body row and of the foot, as numbers. */
async function childColumn(panel, i) {
  const num = (s) => Number(s.trim().replace(/\./g, ''));
  const table = panel.locator('.rollup-outputs-children');
  const cells = await table.locator('tbody tr').evaluateAll((rows, k) => rows.map((r) => r.querySelectorAll('td')[k].textContent), i);
  const foot = await table.locator('tfoot td').nth(i).textContent();
  return { rows: cells.map(num), total: num(foot) };
}

test('Long Giang 2023: 125 collectives and 91 officials commended, history published in 7/7', async () => {
  const p = await env.newPage();
  await env.login(p, 'thanhuy');
  const o = await outputs(p, unitId('SH-LG'), '2023');
  assert.equal(await o.panel.getByRole('heading', { level: 2 }).textContent(), 'Ấn phẩm, thẩm định, lịch sử, khen thưởng');
  assert.equal(await o.value('commendations.collective'), '125');
  assert.equal(await o.value('commendations.individual'), '91');
  const hist = o.figure('history').locator('td.rate');
  assert.equal((await hist.textContent()).trim(), '7/7, đạt 100%');
  assert.equal(await hist.getAttribute('data-exact'), '100,0000%');
  assert.match(await p.locator('.rollup-summary').textContent(),
    /7\/7 đảng bộ cơ sở đã xuất bản lịch sử Đảng bộ, đạt 100%\..*125 tập thể, 91 cá nhân được biểu dương, khen thưởng\./s);
  /* by child: seven wards and communes, the city's own row, the total */
  const table = o.panel.locator('.rollup-outputs-children');
  assert.equal(await table.locator('tbody tr[data-unit-id]').count(), 7);
  assert.match(await table.locator('tbody tr.rollup-own').textContent(), /Thành ủy Long Giang/);
  assert.equal((await table.locator('tfoot td.rate').textContent()).trim(), '7/7, đạt 100%');
  for (const [col, total] of [[7, 125], [8, 91]]) {
    const c = await childColumn(o.panel, col);
    assert.equal(c.total, total);
    assert.equal(c.rows.reduce((a, b) => a + b, 0), total, `column ${col} adds up`);
  }
  await p.context().close();
});

test('Long Giang 2022-H1: 2.400 posts and 395.580 shares and follows on its own channels', async () => {
  const p = await env.newPage();
  await env.login(p, 'thanhuy');
  const o = await outputs(p, unitId('SH-LG'), '2022-H1');
  assert.equal(await o.value('outreach.posts'), '2.400');
  assert.equal(await o.value('outreach.shares_and_followers'), '395.580');
  assert.equal(await o.detail('outreach.shares_and_followers'), '330.000 lượt chia sẻ, 65.580 lượt theo dõi');
  /* the history share from the summed counts, not an average of the children's rates */
  const hist = o.figure('history').locator('td.rate');
  assert.equal((await hist.textContent()).trim(), '4/7, đạt 57%');
  assert.equal(await hist.getAttribute('data-exact'), '57,1429%');
  for (const [col, total] of [[9, 2400], [10, 395580]]) {
    const c = await childColumn(o.panel, col);
    assert.equal(c.total, total);
    assert.equal(c.rows.reduce((a, b) => a + b, 0), total, `column ${col} adds up`);
  }
  await p.context().close();
});

test('the provincial Ban 2024: 48 issues of bulletins, 73 drafts answered, 52 weekly press reports', async () => {
  const p = await env.newPage();
  await env.login(p, 'chuyenvien');
  const o = await outputs(p, unitId('SH-BTGDV'), '2024');
  assert.equal(await o.value('publications.bulletin'), '48');
  assert.match(await o.detail('publications.bulletin'), /^18\.540 bản in \(Thông tin tổng hợp: 36 số; Thông tin an ninh tư tưởng: 12 số\)$/);
  assert.equal(await o.value('publications'), '61');
  assert.equal(await o.detail('publications'), '55.540 bản in');
  assert.equal(await o.value('appraisals'), '73');
  assert.equal(await o.detail('appraisals'), 'nhận 73, đang xử lý 0, bình quân 5,9 ngày');
  assert.equal(await o.value('press_reports'), '52');
  assert.match(await p.locator('.rollup-summary').textContent(), /52 báo cáo công tác báo chí hàng tuần\./);
  /* the Ban's own work: its own row and the total carry it, its cell none */
  const table = o.panel.locator('.rollup-outputs-children');
  const own = await table.locator('tbody tr.rollup-own td').allTextContents();
  assert.deepEqual(own.slice(0, 6).map((s) => s.trim()), ['61', '55.540', '52', '73', '0', '5,9']);
  const foot = await table.locator('tfoot td').allTextContents();
  assert.deepEqual(foot.slice(0, 6).map((s) => s.trim()), ['61', '55.540', '52', '73', '0', '5,9']);
  await p.context().close();
});

test('no Content-Security-Policy violation and no script error', () => {
  assert.deepEqual(env.cspErrors, [], env.cspErrors.join('\n'));
  assert.deepEqual(pageErrors, [], pageErrors.join('\n'));
});
