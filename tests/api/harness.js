'use strict';
/*
 * The API test harness: starts `tuyengiao serve` on a free port over a fresh
 * demo database, and gives tests a small HTTP client that keeps the session
 * cookie and the CSRF token.
 *
 *   const h = require('./harness');
 *   let srv;
 *   before(async () => { srv = await h.start(); });
 *   after(() => srv.stop());
 *   h.test('behaviour', async () => {
 *     const admin = await srv.login('admin', h.PASSWORD);
 *     const r = await admin.post('/api/v1/units', {...});
 *   });
 *
 * The binary comes from $TG_BIN (default build/tuyengiao, relative to the
 * repository root) so the same suite runs under AddressSanitizer. The
 * server's stderr is kept and attached to any failing test made with
 * h.test(); stop() fails when the server did not exit cleanly (a crash, or a
 * sanitizer report at exit).
 *
 * With $TG_PG_ADMIN_URL set (the maintenance URL of a throwaway PostgreSQL
 * cluster, see tests/pg/pgcluster.sh) each start() creates a fresh database
 * tg_<random> there with psql and runs the server with --db on its URL;
 * stop() drops it.
 */
const { spawn, execFile, execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const nodeTest = require('node:test');

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.resolve(ROOT, process.env.TG_BIN || 'build/tuyengiao');
const PASSWORD = 'Demo@2026';
const API = '/api/v1';
const STDERR_KEEP = 64 * 1024;
const START_TIMEOUT_MS = 20000;

/* Every server this process started, so a failing test can show their
 * stderr. */
const servers = [];

/* Never leave a server behind, whatever happens to this process. */
process.on('exit', () => {
	for (const s of servers) {
		try { s.child.kill('SIGKILL'); } catch { /* gone */ }
		try { fs.rmSync(s.dir, { recursive: true, force: true }); } catch { /* ignore */ }
		if (s.pgName) dropPgSync(s.pgName);
	}
});

/* PostgreSQL: a fresh database per server (see the header). */
const PG_ADMIN = process.env.TG_PG_ADMIN_URL || '';

function pgUrl(name) {
	return PG_ADMIN.replace(/^(postgres(?:ql)?:\/\/[^/?]*)\/[^?]*/, `$1/${name}`);
}

function createPg() {
	const name = `tg_${crypto.randomBytes(6).toString('hex')}`;
	execFileSync('psql', [PG_ADMIN, '-qAtc', `CREATE DATABASE ${name}`], { stdio: 'pipe' });
	return name;
}

function dropPgSync(name) {
	try {
		execFileSync('psql', [PG_ADMIN, '-qAtc', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`],
			{ stdio: 'pipe' });
	} catch { /* the cluster is removed afterwards anyway */ }
}

function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.unref();
		s.on('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

function run(args, opts) {
	return new Promise((resolve, reject) => {
		execFile(BIN, args, { cwd: ROOT, ...opts }, (err, stdout, stderr) => {
			if (err) {
				err.message += `\n${BIN} ${args.join(' ')}\nstdout:\n${stdout}\nstderr:\n${stderr}`;
				reject(err);
			} else resolve({ stdout, stderr });
		});
	});
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/*
 * Start a server over a fresh demo database.
 *   opts.loginLimit  pass --login-limit N (default: the server's defaults)
 *   opts.args        extra `serve` arguments, or a function of the
 *                    database URL returning them (or a promise of them),
 *                    called once the demo data is loaded
 * Returns { base, port, dir, db, login(), tryLogin(), anon(), stop(),
 * stderr(), stdout() }.
 */
async function start(opts = {}) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-api-'));
	const pgName = PG_ADMIN ? createPg() : null;
	const db = pgName ? pgUrl(pgName) : path.join(dir, 'tuyengiao.db');
	try {
		await run(['demo', '--db', db]);
	} catch (e) {
		if (pgName) dropPgSync(pgName);
		throw e;
	}

	if (typeof opts.args === 'function') {
		try {
			opts = { ...opts, args: await opts.args(db) };
		} catch (e) {
			fs.rmSync(dir, { recursive: true, force: true });
			if (pgName) dropPgSync(pgName);
			throw e;
		}
	}
	let lastErr;
	for (let attempt = 0; attempt < 3; attempt++) {
		const port = await freePort();
		try {
			const srv = await launch(dir, db, port, opts);
			srv.pgName = pgName;
			return srv;
		} catch (e) {
			lastErr = e; /* the port may have been taken meanwhile */
		}
	}
	fs.rmSync(dir, { recursive: true, force: true });
	if (pgName) dropPgSync(pgName);
	throw lastErr;
}

async function launch(dir, db, port, opts) {
	const args = ['serve', '--db', db, '--listen', `127.0.0.1:${port}`,
		'--web-root', path.join(ROOT, 'web'),
		'--files-dir', path.join(dir, 'files')];
	if (opts.loginLimit) args.push('--login-limit', String(opts.loginLimit));
	if (opts.args) args.push(...opts.args);

	const child = spawn(BIN, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
	let stdout = '';
	let stderr = '';
	let exited = null;
	const exitPromise = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			resolve(exited);
		});
	});
	child.stdout.on('data', (d) => { stdout += d; });
	child.stderr.on('data', (d) => {
		stderr += d;
		if (stderr.length > STDERR_KEEP) stderr = stderr.slice(-STDERR_KEEP);
	});

	const base = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + START_TIMEOUT_MS;
	for (;;) {
		if (exited)
			throw new Error(`server exited during start-up (${JSON.stringify(exited)})\n${stdout}\n${stderr}`);
		if (stdout.includes('\n') || stdout.includes('http://')) {
			try {
				const r = await fetch(`${base}${API}/health`);
				if (r.status === 200) {
					await r.arrayBuffer();
					break;
				}
			} catch { /* not ready yet */ }
		}
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`server did not become ready\n${stdout}\n${stderr}`);
		}
		await sleep(25);
	}

	const srv = {
		base,
		port,
		dir,
		db,
		child,
		stderr: () => stderr,
		stdout: () => stdout,
		exitStatus: () => exited,
		anon: () => new Client(base),
		login: (u, p = PASSWORD) => login(base, u, p),
		tryLogin: (u, p = PASSWORD) => new Client(base).login(u, p),
		async stop() {
			const i = servers.indexOf(srv);
			if (i >= 0) servers.splice(i, 1);
			if (!exited) {
				child.kill('SIGTERM');
				const t = setTimeout(() => child.kill('SIGKILL'), 10000);
				await exitPromise;
				clearTimeout(t);
			}
			fs.rmSync(dir, { recursive: true, force: true });
			if (srv.pgName) dropPgSync(srv.pgName);
			if (exited.code !== 0)
				throw new Error(`server exited uncleanly (${JSON.stringify(exited)}); stderr:\n${stderr}`);
		},
	};
	servers.push(srv);
	return srv;
}

/* A session-keeping JSON client. */
class Client {
	constructor(base) {
		this.base = base;
		this.cookie = null; /* the tg_session value */
		this.csrf = null;
		this.user = null;
	}

	/*
	 * One request. `body`: an object (sent as JSON), a string or Buffer
	 * (sent as is), or undefined. opts.csrf: false omits the X-CSRF-Token
	 * header, a string sends that instead of the session's token.
	 * opts.headers: extra headers. Returns { status, headers, text, body }
	 * where body is the parsed JSON when the answer is JSON.
	 */
	async request(method, url, body, opts = {}) {
		const headers = { ...(opts.headers || {}) };
		if (this.cookie && !('Cookie' in headers)) headers.Cookie = `tg_session=${this.cookie}`;
		if (method !== 'GET' && method !== 'HEAD') {
			const token = opts.csrf === undefined || opts.csrf === true ? this.csrf : opts.csrf;
			if (token) headers['X-CSRF-Token'] = token;
		}
		let payload;
		if (body !== undefined) {
			payload = Buffer.isBuffer(body) || typeof body === 'string' ? body : JSON.stringify(body);
			if (!('Content-Type' in headers)) headers['Content-Type'] = 'application/json';
		}
		const res = await fetch(this.base + url, { method, headers, body: payload, redirect: 'manual' });
		const text = await res.text();
		let parsed;
		if ((res.headers.get('content-type') || '').includes('application/json')) {
			try { parsed = JSON.parse(text); } catch { parsed = undefined; }
		}
		const out = { status: res.status, headers: res.headers, text, body: parsed };
		const setCookie = res.headers.get('set-cookie');
		if (setCookie && opts.keepCookie !== false) {
			const m = /(?:^|,\s*)tg_session=([^;]*)/.exec(setCookie);
			if (m) this.cookie = m[1] || null;
		}
		return out;
	}

	get(url, opts) { return this.request('GET', url, undefined, opts); }
	post(url, body, opts) { return this.request('POST', url, body, opts); }
	patch(url, body, opts) { return this.request('PATCH', url, body, opts); }
	put(url, body, opts) { return this.request('PUT', url, body, opts); }
	del(url, opts) { return this.request('DELETE', url, undefined, opts); }

	/* POST /login; on 200 keeps the user and CSRF token. Returns the
	 * response. */
	async login(username, password) {
		const r = await this.post(`${API}/login`, { username, password });
		if (r.status === 200) {
			this.csrf = r.body.csrf_token;
			this.user = r.body.user;
		}
		return r;
	}
}

/* Log in and return the client; throws unless the login succeeds. */
async function login(base, username, password = PASSWORD) {
	if (typeof base === 'object' && base.base) base = base.base;
	const c = new Client(base);
	const r = await c.login(username, password);
	if (r.status !== 200)
		throw new Error(`login ${username} failed: ${r.status} ${r.text}`);
	return c;
}

/* node:test's test(), attaching the servers' stderr to a failure. */
function test(name, opts, fn) {
	if (typeof opts === 'function') {
		fn = opts;
		opts = {};
	}
	return nodeTest.test(name, opts, async (t) => {
		try {
			await fn(t);
		} catch (err) {
			for (const s of servers) {
				const tail = s.stderr().trim();
				if (s.exitStatus()) t.diagnostic(`server ${s.base} has exited: ${JSON.stringify(s.exitStatus())}`);
				if (!tail) continue;
				t.diagnostic(`server ${s.base} stderr:`);
				for (const line of tail.split('\n')) t.diagnostic(`  ${line}`);
			}
			throw err;
		}
	});
}

/* --- helpers shared by the test files ------------------------------------ */

/* Every unit the client can see, as a Map code -> unit, via level search. */
async function unitMap(client) {
	const levels = await client.get(`${API}/levels`);
	if (levels.status !== 200) throw new Error(`levels: ${levels.status}`);
	const map = new Map();
	for (const l of levels.body.items) {
		for (let offset = 0; ; offset += 500) {
			const r = await client.get(`${API}/units?level=${encodeURIComponent(l.code)}&limit=500&offset=${offset}`);
			if (r.status !== 200) throw new Error(`units level=${l.code}: ${r.status} ${r.text}`);
			for (const u of r.body.items) map.set(u.code, u);
			if (offset + 500 >= r.body.total) break;
		}
	}
	return map;
}

/* The number of units the client sees (the sum over levels). */
async function unitCount(client) {
	const levels = await client.get(`${API}/levels`);
	let n = 0;
	for (const l of levels.body.items) {
		const r = await client.get(`${API}/units?level=${encodeURIComponent(l.code)}&limit=1`);
		n += r.body.total;
	}
	return n;
}

async function userCount(admin) {
	const r = await admin.get(`${API}/users?limit=1`);
	if (r.status !== 200) throw new Error(`users: ${r.status} ${r.text}`);
	return r.body.total;
}

async function auditTotal(reader) {
	const r = await reader.get(`${API}/audit?limit=1`);
	if (r.status !== 200) throw new Error(`audit: ${r.status} ${r.text}`);
	return r.body.total;
}

/* The id of the newest audit row the reader sees (0 if none). */
async function lastAuditId(reader) {
	const r = await reader.get(`${API}/audit?limit=1`);
	if (r.status !== 200) throw new Error(`audit: ${r.status} ${r.text}`);
	return r.body.items.length ? r.body.items[0].id : 0;
}

/* Audit rows newer than `id`, oldest first. */
async function auditSince(reader, id, filter = '') {
	const r = await reader.get(`${API}/audit?limit=500${filter ? `&${filter}` : ''}`);
	if (r.status !== 200) throw new Error(`audit: ${r.status} ${r.text}`);
	return r.body.items.filter((row) => row.id > id).reverse();
}

/* Everything that a refused request must leave unchanged. */
async function snapshot(admin) {
	return {
		units: await unitCount(admin),
		users: await userCount(admin),
		writes: (await admin.get(`${API}/audit?limit=1&entity=unit`)).body.total +
			(await admin.get(`${API}/audit?limit=1&entity=user`)).body.total,
		audit: await auditTotal(admin),
	};
}

/* A message in Vietnamese: it has at least one Vietnamese letter. */
const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

/* Assert an error answer: status, the error shape, optionally the field
 * and code, and a Vietnamese message. */
function assertError(assert, r, status, { field, code } = {}) {
	assert.equal(r.status, status, `expected ${status}, got ${r.status}: ${r.text}`);
	assert.ok(r.body && r.body.error, `error body expected: ${r.text}`);
	const e = r.body.error;
	assert.equal(typeof e.code, 'string');
	assert.equal(typeof e.message, 'string');
	assert.ok('field' in e, `error.field missing: ${r.text}`);
	assert.match(e.message, VIETNAMESE, `message not Vietnamese: ${e.message}`);
	if (field !== undefined) assert.equal(e.field, field, `field: ${r.text}`);
	if (code !== undefined) assert.equal(e.code, code, `code: ${r.text}`);
	return e;
}

/* A raw HTTP/1.1 request, for what fetch() would normalise (paths with
 * "..", odd methods). Returns { status, headers, body }. */
function rawRequest(port, requestText) {
	return new Promise((resolve, reject) => {
		const sock = net.connect(port, '127.0.0.1');
		const chunks = [];
		sock.setTimeout(5000, () => sock.destroy(new Error('raw request timed out')));
		sock.on('error', reject);
		sock.on('data', (d) => chunks.push(d));
		sock.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			const [head, ...rest] = text.split('\r\n\r\n');
			const lines = head.split('\r\n');
			const status = Number((lines[0] || '').split(' ')[1]);
			const headers = {};
			for (const l of lines.slice(1)) {
				const i = l.indexOf(':');
				if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
			}
			resolve({ status, headers, body: rest.join('\r\n\r\n') });
		});
		sock.write(requestText);
	});
}

module.exports = {
	API,
	PASSWORD,
	ROOT,
	BIN,
	VIETNAMESE,
	Client,
	start,
	login,
	test,
	unitMap,
	unitCount,
	userCount,
	auditTotal,
	lastAuditId,
	auditSince,
	snapshot,
	assertError,
	rawRequest,
	sleep,
};
