/*
 * End-to-end: the city leader drafts the 2022-H1 report on the "Báo cáo"
 * page, sees the figures worded ("321 hội nghị", "8.196/8.272"), writes
 * part II, submits it (the page then shows it locked), and the province's
 * admin sees Long Giang in the submission status of its lower units.
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
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-e2e-reports-'));
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


async function login(user) {
  await page.goto(`${base}/#/login`);
  await page.getByLabel('Tên đăng nhập').fill(user);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForFunction(() => location.hash === '#/');
}

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
  await page.goto(`${base}/#/reports`);
  await page.getByRole('button', { name: 'Xem', exact: true }).click();
  const row = page.locator('tr[data-state]', { hasText: 'Thành ủy Long Giang' });
  await row.waitFor();
  assert.equal(await row.getAttribute('data-state'), 'late');
  assert.match(await row.textContent(), /thanhuy/);
  const missing = await page.locator('tr[data-state="missing"]').count();
  assert.ok(missing > 0);
  assert.deepEqual(pageErrors, []);
});
