/*
 * End-to-end test of the publications page: the real server on a fresh
 * demo database, driven through headless Chromium with playwright-core
 * (the same setup as tests/e2e/study.test.js).
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
 * - no Content-Security-Policy violation and no script error.
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
const ARTIFACTS = path.join(ROOT, 'build', 'artifacts');
const PASSWORD = 'Demo@2026';

let tmp;
let server;
let serverLog = '';
let base;
let browser;
const cspErrors = [];
const pageErrors = [];

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url, ms) {
  const deadline = Date.now() + ms;
  let last = '';
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}:\n${serverLog}`);
    try {
      const r = await fetch(url);
      if (r.status === 200) return;
      last = `status ${r.status}`;
    } catch (e) {
      last = e.message;
    }
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`server not healthy after ${ms} ms (${last}):\n${serverLog}`);
}

before(async () => {
  assert.ok(fs.existsSync(BIN), `${BIN} does not exist: run make first (or set TG_BIN)`);
  assert.ok(fs.existsSync(CHROMIUM), `${CHROMIUM} does not exist: apt-get install chromium`);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-e2e-pub-'));
  const db = path.join(tmp, 't.db');
  execFileSync(BIN, ['demo', '--db', db], { cwd: ROOT, stdio: 'pipe' });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout.on('data', (d) => { serverLog += d; });
  server.stderr.on('data', (d) => { serverLog += d; });
  await waitHealthy(`${base}/api/v1/health`, 15000);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});

after(async () => {
  if (browser) await browser.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((res) => server.once('exit', res));
    server.kill('SIGTERM');
    const timer = setTimeout(() => server.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function newPage(viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const p = await context.newPage();
  p.setDefaultTimeout(10000);
  p.on('console', (msg) => {
    const text = msg.text();
    if (/Content[- ]Security[- ]Policy|Refused to (apply|execute|load|connect|evaluate)/i.test(text)) cspErrors.push(text);
  });
  p.on('pageerror', (err) => pageErrors.push(String(err && err.stack ? err.stack : err)));
  await p.exposeFunction('__tgCspViolation', (d) => cspErrors.push(`securitypolicyviolation: ${d}`));
  await p.addInitScript(() => document.addEventListener('securitypolicyviolation',
    (e) => window.__tgCspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`)));
  return p;
}

async function login(p, username) {
  await p.goto(`${base}/#/login`);
  await p.getByLabel('Tên đăng nhập').fill(username);
  await p.getByLabel('Mật khẩu').fill(PASSWORD);
  await p.getByRole('button', { name: 'Đăng nhập' }).click();
  await p.waitForFunction(() => location.hash === '#/'); /* the dashboard */
}

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
  await page.screenshot({ path: path.join(ARTIFACTS, 'e2e-publications.png'), fullPage: true });

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
  await page.goto(`${base}/#/dashboard?unit=${ban}&period=2024`);
  const kpi = (k) => page.locator(`.kpi[data-kpi="${k}"]`);
  await kpi('publications').waitFor();
  assert.equal((await kpi('publications').locator('.kpi-value').textContent()).trim(), '61');
  assert.match(await kpi('publications').textContent(), /55\.540 bản in/);
  assert.equal((await kpi('appraisals').locator('.kpi-value').textContent()).trim(), '73');
  assert.match(await kpi('appraisals').textContent(), /bình quân 5,9 ngày/);
  assert.equal((await kpi('press_reports').locator('.kpi-value').textContent()).trim(), '52');
  await page.context().close();
});

test('no Content-Security-Policy violation and no script error', () => {
  assert.deepEqual(cspErrors, [], cspErrors.join('\n'));
  assert.deepEqual(pageErrors, [], pageErrors.join('\n'));
});
