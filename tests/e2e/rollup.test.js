/*
 * End-to-end: the roll-up page shows the demo city's 2022-H1 conferences
 * as "8.196/8.272, đạt 99%" with the exact rate available, and a
 * conference entered at a cell through the activities page changes the
 * province's figures on the next roll-up.
 */
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.resolve(ROOT, process.env.TG_BIN || 'build/tuyengiao');
const CHROMIUM = process.env.TG_CHROMIUM || '/usr/bin/chromium';
const PASSWORD = 'Demo@2026';

let tmp, server, browser, page, base, db;
const pageErrors = [];

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url, ms) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.status === 200) return;
    } catch { /* not yet */ }
    if (Date.now() > end) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
}

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-e2e-rollup-'));
  db = path.join(tmp, 't.db');
  execFileSync(BIN, ['demo', '--db', db], { cwd: ROOT, stdio: 'pipe' });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--web-root', path.join(ROOT, 'web')],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  await waitHealthy(`${base}/api/v1/health`, 15000);
  browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  page = await context.newPage();
  page.setDefaultTimeout(10000);
  page.on('pageerror', (err) => pageErrors.push(String(err)));
});

after(async () => {
  if (browser) await browser.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((res) => server.once('exit', res));
    server.kill('SIGTERM');
    await exited;
  }
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const unitId = (code) => execFileSync('sqlite3', [db, `SELECT id FROM units WHERE code = '${code}'`]).toString().trim();

async function studyCell(unit) {
  await page.goto(`${base}/#/rollup?unit=${unit}&period=2022-H1`);
  const cell = page.locator('.rollup-table tbody tr').first().locator('td.rate');
  await cell.waitFor();
  return { text: (await cell.textContent()).trim(), exact: await cell.getAttribute('data-exact'), title: await cell.getAttribute('title') };
}

test('the demo city shows 8.196/8.272, đạt 99% with the exact rate', async () => {
  await page.goto(`${base}/#/login`);
  await page.getByLabel('Tên đăng nhập').fill('admin');
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForFunction(() => location.hash === '#/'); /* the dashboard */
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
  await page.goto(`${base}/#/activities`);
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
