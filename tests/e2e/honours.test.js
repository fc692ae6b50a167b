/*
 * End-to-end test of the pages of Party-history projects, commendations
 * and the units' own channels: the real server on a fresh demo database,
 * driven through headless Chromium with playwright-core (the setup of
 * tests/e2e/study.test.js).
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
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-e2e-honours-'));
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
  await page.screenshot({ path: path.join(ARTIFACTS, 'e2e-honours.png'), fullPage: true });
  await page.context().close();
});

test('no Content-Security-Policy violation and no script error', () => {
  assert.deepEqual(cspErrors, []);
  assert.deepEqual(pageErrors, []);
});
