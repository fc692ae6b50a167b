'use strict';
/*
 * The browser test harness: the real server on a fresh demo database,
 * driven through headless Chromium with playwright-core.
 *
 *   const h = require('./harness');
 *   const env = h.setup({ name: 'honours' });
 *   test('behaviour', async () => {
 *     const page = await env.newPage();
 *     await env.login(page, 'thanhuy');
 *     ...
 *     await page.context().close();
 *   });
 *   test('no Content-Security-Policy violation and no script error', () => {
 *     assert.deepEqual(env.cspErrors, []);
 *     assert.deepEqual(env.pageErrors, []);
 *   });
 *
 * setup() registers a before() hook that checks that the binary and
 * Chromium exist, loads `tuyengiao demo` into a temporary database
 * (tg-e2e-<name>-XXXXXX), starts `tuyengiao serve` on a free port, waits
 * for /api/v1/health (the server's output is shown if it does not come
 * up), launches headless Chromium and creates build/artifacts/ for the
 * screenshots; and an after() hook that closes the browser, stops the
 * server (SIGTERM, SIGKILL after 5 s) and removes the directory.
 * newPage() waits for that set-up, so a file's own before() hook can open
 * its page with it.
 *
 * Options of setup():
 *   name      names the temporary directory
 *   viewport  the default viewport of newPage() (1280x900)
 *
 * The returned env has, once before() has run, base (the server's URL),
 * db, tmp and browser, and:
 *   newPage(options)  a page in a new browser context (vi-VN,
 *                     Asia/Ho_Chi_Minh, the default viewport; options are
 *                     more browser-context options such as viewport or
 *                     isMobile), 10 s default timeout, that reports to
 *                     env.cspErrors every console message about the
 *                     Content-Security-Policy (and any "Refused to ...")
 *                     and every securitypolicyviolation event, and to
 *                     env.pageErrors every uncaught page error
 *   login(page, username, password = PASSWORD)
 *                     through the login page; waits for the dashboard (#/)
 *   logout(page)      the "Đăng xuất" button; waits for #/login
 *   sql(query)        the output of sqlite3 on the database, trimmed
 *
 * The binary comes from $TG_BIN (default build/tuyengiao, relative to the
 * repository root), Chromium from $TG_CHROMIUM (default /usr/bin/chromium).
 */
const { before, after } = require('node:test');
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
const START_TIMEOUT_MS = 15000;
const LOG_KEEP = 64 * 1024; /* the end of the server's output, for errors */

/* Console messages that report a blocked resource or script. */
const CSP_MESSAGE = /Content[- ]Security[- ]Policy|Refused to/i;

/* Never leave a server behind, whatever happens to this process. */
const servers = [];
process.on('exit', () => {
  for (const s of servers) {
    if (s.exitCode === null) try { s.kill('SIGKILL'); } catch { /* gone */ }
  }
});

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

async function waitHealthy(server, url, ms, log) {
  const deadline = Date.now() + ms;
  let last = '';
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}:\n${log()}`);
    try {
      const r = await fetch(url);
      if (r.status === 200) return;
      last = `status ${r.status}`;
    } catch (e) {
      last = e.message;
    }
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`server not healthy after ${ms} ms (${last}):\n${log()}`);
}

function setup(opts = {}) {
  const name = opts.name || 'test';
  const viewport = opts.viewport || { width: 1280, height: 900 };
  let server;
  let serverLog = '';

  const env = {
    base: null,
    db: null,
    tmp: null,
    browser: null,
    cspErrors: [],
    pageErrors: [],

    async newPage(options = {}) {
      await start();
      const context = await env.browser.newContext({
        viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', ...options,
      });
      const p = await context.newPage();
      p.setDefaultTimeout(10000);
      p.on('console', (msg) => {
        const text = msg.text();
        if (CSP_MESSAGE.test(text)) env.cspErrors.push(text);
      });
      p.on('pageerror', (err) => env.pageErrors.push(String(err && err.stack ? err.stack : err)));
      /* Belt and braces: the DOM event too, not only the console text. */
      await p.exposeFunction('__tgCspViolation', (d) => env.cspErrors.push(`securitypolicyviolation: ${d}`));
      await p.addInitScript(() => document.addEventListener('securitypolicyviolation',
        (e) => window.__tgCspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`)));
      return p;
    },

    async login(p, username, password = PASSWORD) {
      await p.goto(`${env.base}/#/login`);
      await p.getByLabel('Tên đăng nhập').fill(username);
      await p.getByLabel('Mật khẩu').fill(password);
      await p.getByRole('button', { name: 'Đăng nhập' }).click();
      await p.waitForFunction(() => location.hash === '#/'); /* the dashboard */
    },

    async logout(p) {
      await p.getByRole('button', { name: 'Đăng xuất' }).click();
      await p.waitForFunction(() => location.hash === '#/login');
    },

    sql(query) {
      return execFileSync('sqlite3', [env.db, query]).toString().trim();
    },
  };

  /* Once, whichever asks first: node 20 starts a file's top-level before()
   * hooks together, without waiting for the previous one. */
  let started = null;
  function start() {
    if (!started) started = launch();
    return started;
  }

  async function launch() {
    assert.ok(fs.existsSync(BIN), `${BIN} does not exist: run make first (or set TG_BIN)`);
    assert.ok(fs.existsSync(CHROMIUM), `${CHROMIUM} does not exist: apt-get install chromium`);
    env.tmp = fs.mkdtempSync(path.join(os.tmpdir(), `tg-e2e-${name}-`));
    env.db = path.join(env.tmp, 't.db');
    execFileSync(BIN, ['demo', '--db', env.db], { cwd: ROOT, stdio: 'pipe' });
    const port = await freePort();
    env.base = `http://127.0.0.1:${port}`;
    server = spawn(BIN, ['serve', '--db', env.db, '--listen', `127.0.0.1:${port}`,
      '--web-root', path.join(ROOT, 'web')], {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    });
    servers.push(server);
    const keep = (d) => { serverLog = (serverLog + d).slice(-LOG_KEEP); };
    server.stdout.on('data', keep);
    server.stderr.on('data', keep);
    await waitHealthy(server, `${env.base}/api/v1/health`, START_TIMEOUT_MS, () => serverLog);
    env.browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  }

  before(() => start());

  after(async () => {
    if (env.browser) await env.browser.close();
    if (server && server.exitCode === null) {
      const exited = new Promise((res) => server.once('exit', res));
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    if (env.tmp) fs.rmSync(env.tmp, { recursive: true, force: true });
  });

  return env;
}

module.exports = { setup, ROOT, BIN, CHROMIUM, ARTIFACTS, PASSWORD };
