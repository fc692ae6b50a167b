/*
 * End-to-end: the admin's import page. A CSV of units with one bad row is
 * checked (dry run): the error table shows the line and the column and
 * "Nhập" stays disabled; nothing was written. The corrected file is
 * checked, then imported, and the new unit exists. Menu entry for admins
 * only.
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
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-e2e-imports-'));
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


const unitCount = (code) => execFileSync('sqlite3', [db, `SELECT COUNT(*) FROM units WHERE code = '${code}'`]).toString().trim();

async function choose(name, text) {
  await page.getByLabel('Tệp (CSV UTF-8 hoặc XLSX, tối đa 10 MiB)').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
}

test('an admin checks a CSV, sees the bad line and column, then imports the corrected file', async () => {
  await page.goto(`${base}/#/login`);
  await page.getByLabel('Tên đăng nhập').fill('admin');
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForFunction(() => location.hash === '#/');
  await page.locator('a.nav-link[data-route="imports"]').click();
  await page.getByRole('heading', { name: 'Nhập dữ liệu từ tệp CSV, XLSX' }).waitFor();
  await page.getByLabel('Loại dữ liệu').selectOption('units');

  await choose('donvi.csv', 'code;name;parent_code;level\nSH-KH-CB61;Chi bộ thôn 61;SH-KH;chibo\nSH-KH-CB62;Chi bộ thôn 62;SH-ZZ;chibo\n');
  await page.getByRole('button', { name: 'Kiểm tra (chưa ghi)' }).click();
  const row = page.locator('table.import-errors tbody tr');
  await row.first().waitFor();
  assert.equal(await row.count(), 1);
  const cells = (await row.first().locator('td').allTextContents()).map((s) => s.trim());
  assert.equal(cells[0], '3');
  assert.equal(cells[1], 'parent_code');
  assert.match(cells[2], /SH-ZZ/);
  assert.match(await page.locator('[data-role="summary"]').textContent(), /Kiểm tra 2 dòng: sẽ tạo mới 1, cập nhật 0; 1 dòng lỗi/);
  assert.equal(await page.getByRole('button', { name: 'Nhập', exact: true }).isDisabled(), true);
  assert.equal(unitCount('SH-KH-CB61'), '0');

  await choose('donvi.csv', 'code;name;parent_code;level\nSH-KH-CB61;Chi bộ thôn 61;SH-KH;chibo\n');
  assert.equal(await page.getByRole('button', { name: 'Nhập', exact: true }).isDisabled(), true, 'a new file needs a new check');
  await page.getByRole('button', { name: 'Kiểm tra (chưa ghi)' }).click();
  await page.getByText('Không có dòng lỗi. Bấm "Nhập" để ghi.').waitFor();
  assert.equal(unitCount('SH-KH-CB61'), '0');
  await page.getByRole('button', { name: 'Nhập', exact: true }).click();
  await page.getByText('Đã ghi vào hệ thống.').waitFor();
  assert.match(await page.locator('[data-role="summary"]').textContent(), /tạo mới 1/);
  assert.equal(unitCount('SH-KH-CB61'), '1');
  assert.deepEqual(pageErrors, []);
});

test('the import page is not offered to a leader', async () => {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.waitForFunction(() => location.hash.startsWith('#/login'));
  await page.getByLabel('Tên đăng nhập').fill('truongban');
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForFunction(() => location.hash === '#/');
  assert.equal(await page.locator('a.nav-link[data-route="imports"]').count(), 0);
  assert.deepEqual(pageErrors, []);
});
