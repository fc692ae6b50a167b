'use strict';
/*
 * Hardening (issue 8 part 7, OWASP ASVS 4.0 level 2):
 *   - TLS: `serve --tls-cert --tls-key` with a self-signed certificate made
 *     here with openssl; sign-in over https gives a Secure cookie, plain
 *     HTTP to that port fails, bad certificate or key files are refused
 *     with a clear message;
 *   - account lockout (V2.2): 5 failures lock the name for 15 minutes, the
 *     same answers whether the account exists, audit rows, kept in the
 *     database (a second server process sees it), admin unlock;
 *   - sessions (V3): list and end one's own, an admin lists and ends
 *     anyone's in their subtree; changing a password needs the current one
 *     and ends the other sessions;
 *   - the server's output and the audit rows never hold a password, a
 *     session token or a CSRF token.
 */
const { before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn, execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const https = require('node:https');
const os = require('node:os');
const path = require('node:path');
const h = require('./harness');

const { API, PASSWORD, test } = h;
const NEW_PW = 'Hoa sen trắng 2026';
let srv;
let admin;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-hard-'));

before(async () => {
	srv = await h.start();
	admin = await srv.login('admin');
});

after(async () => {
	await srv?.stop();
	fs.rmSync(tmp, { recursive: true, force: true });
});

async function userId(name) {
	const r = await admin.get(`${API}/users?q=${encodeURIComponent(name)}&limit=50`);
	const u = r.body.items.find((x) => x.username === name);
	assert.ok(u, `no user ${name}`);
	return u.id;
}

async function unitId(code) {
	const r = await admin.get(`${API}/units?q=${encodeURIComponent(code)}&limit=500`);
	return r.body.items.find((u) => u.code === code).id;
}

async function createUser(username, password, unit = 'SH-KN', role = 'viewer') {
	const r = await admin.post(`${API}/users`, { username, full_name: `Thử ${username}`, unit_id: await unitId(unit), role, password });
	assert.equal(r.status, 201, r.text);
	return r.body;
}

/* Every audit row in the database, as text (SQLite file or PostgreSQL). */
function auditText(db) {
	const sql = 'SELECT * FROM audit ORDER BY id';
	if (/^postgres(ql)?:/.test(db)) return execFileSync('psql', [db, '-qAtc', sql], { encoding: 'utf8', maxBuffer: 1 << 30 });
	return execFileSync('sqlite3', [db, sql], { encoding: 'utf8', maxBuffer: 1 << 30 });
}

/* Run `serve` with extra arguments on `db`; resolves when it prints its
 * address, or with its exit code and output when it stops first. */
function serve(db, args) {
	return new Promise((resolve) => {
		const child = spawn(h.BIN, ['serve', '--db', db, '--web-root', path.join(h.ROOT, 'web'),
			'--files-dir', path.join(tmp, 'files'), ...args], { cwd: h.ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		let err = '';
		let done = false;
		child.stdout.on('data', (d) => {
			out += d;
			if (!done && out.includes('://')) { done = true; resolve({ child, out: () => out, err: () => err }); }
		});
		child.stderr.on('data', (d) => { err += d; });
		child.on('exit', (code) => { if (!done) { done = true; resolve({ code, out, err }); } });
	});
}

async function stopChild(child) {
	if (child.exitCode !== null) return;
	const gone = new Promise((r) => child.on('exit', r));
	child.kill('SIGTERM');
	await gone;
}

/* --- TLS ---------------------------------------------------------------- */

function makeCert(name, cn = '127.0.0.1') {
	const key = path.join(tmp, `${name}-key.pem`);
	const cert = path.join(tmp, `${name}-cert.pem`);
	execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert,
		'-days', '2', '-subj', `/CN=${cn}`, '-addext', `subjectAltName=IP:${cn}`], { stdio: 'pipe' });
	return { key, cert };
}

/* An https request that trusts only `ca` (the test's own certificate). */
function httpsRequest(port, ca, method, url, body, headers = {}) {
	return new Promise((resolve, reject) => {
		const payload = body === undefined ? undefined : JSON.stringify(body);
		const req = https.request({ host: '127.0.0.1', port, method, path: url, ca,
			headers: { ...headers, ...(payload ? { 'Content-Type': 'application/json' } : {}) } }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (d) => { text += d; });
			res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text,
				body: /json/.test(res.headers['content-type'] || '') ? JSON.parse(text) : undefined,
				cipher: req.socket?.getCipher?.() }));
		});
		req.on('error', reject);
		req.end(payload);
	});
}

test('with --tls-cert and --tls-key the server speaks HTTPS only: sign-in sets a Secure HttpOnly SameSite=Strict cookie, plain HTTP fails', async () => {
	const { key, cert } = makeCert('good');
	const db = path.join(tmp, 'tls.db');
	execFileSync(h.BIN, ['demo', '--db', db], { stdio: 'pipe' });
	const port = await freePort();
	const s = await serve(db, ['--listen', `127.0.0.1:${port}`, '--tls-cert', cert, '--tls-key', key]);
	assert.ok(s.child, `server did not start: ${s.code} ${s.err}`);
	try {
		assert.match(s.out(), new RegExp(`https://127\\.0\\.0\\.1:${port}/`));
		const ca = fs.readFileSync(cert);
		const login = await httpsRequest(port, ca, 'POST', `${API}/login`, { username: 'admin', password: PASSWORD });
		assert.equal(login.status, 200, login.text);
		const sc = login.headers['set-cookie'][0];
		assert.match(sc, /^tg_session=[0-9a-f]{64};/);
		assert.match(sc, /;\s*Secure/);
		assert.match(sc, /;\s*HttpOnly/);
		assert.match(sc, /;\s*SameSite=Strict/);
		const token = /tg_session=([0-9a-f]+)/.exec(sc)[1];
		const who = await httpsRequest(port, ca, 'GET', `${API}/session`, undefined, { Cookie: `tg_session=${token}` });
		assert.equal(who.status, 200);
		assert.equal(who.body.user.username, 'admin');
		const out = await httpsRequest(port, ca, 'POST', `${API}/logout`, undefined,
			{ Cookie: `tg_session=${token}`, 'X-CSRF-Token': login.body.csrf_token });
		assert.match(out.headers['set-cookie'][0], /tg_session=;.*Secure/);
		/* Plain HTTP to the TLS port gets no HTTP answer. */
		await assert.rejects(fetch(`http://127.0.0.1:${port}${API}/health`));
		/* A client that does not trust the certificate refuses it. */
		await assert.rejects(httpsRequest(port, undefined, 'GET', `${API}/health`));
	} finally {
		await stopChild(s.child);
	}
	assert.equal(s.child.exitCode, 0, s.err());
});

test('bad TLS files are refused at start-up with a message naming the problem (exit 2)', async () => {
	const a = makeCert('a');
	const b = makeCert('b');
	const db = path.join(tmp, 'tlsbad.db');
	const text = path.join(tmp, 'note.txt');
	fs.writeFileSync(text, 'không phải chứng chỉ\n');
	const cases = [
		[['--tls-cert', a.cert, '--tls-key', b.key], /không khớp/],
		[['--tls-cert', path.join(tmp, 'missing.pem'), '--tls-key', a.key], /--tls-cert: không đọc được tệp/],
		[['--tls-cert', a.cert, '--tls-key', path.join(tmp, 'missing.pem')], /--tls-key: không đọc được tệp/],
		[['--tls-cert', text, '--tls-key', a.key], /--tls-cert: .*không phải tệp PEM/],
		[['--tls-cert', a.cert, '--tls-key', a.cert], /--tls-key: .*không phải tệp PEM chứa khóa riêng/],
		[['--tls-cert', a.cert], /cần cả --tls-cert và --tls-key/],
	];
	for (const [args, message] of cases) {
		const port = await freePort();
		const r = await serve(db, ['--listen', `127.0.0.1:${port}`, ...args]);
		if (r.child) {
			await stopChild(r.child);
			assert.fail(`started with ${args.join(' ')}`);
		}
		assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
		assert.match(r.err, message);
	}
});

function freePort() {
	return new Promise((resolve) => {
		const s = require('node:net').createServer();
		s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
	});
}

/* --- lockout -------------------------------------------------------------- */

test('5 failed sign-ins lock the name for 15 minutes with a Vietnamese message; an unknown name gets the very same answers', async () => {
	await createUser('khoa.tam', 'Khoa tạm thời 2026');
	const since = await h.lastAuditId(admin);
	const answers = { known: [], unknown: [] };
	for (let i = 0; i < 7; i++) {
		for (const [kind, name] of [['known', 'khoa.tam'], ['unknown', 'khong.ai.ca']]) {
			const r = await new h.Client(srv.base).login(name, `Sai mật khẩu ${i}`);
			answers[kind].push([r.status, r.body.error.code, r.body.error.message]);
		}
	}
	assert.deepEqual(answers.known, answers.unknown);
	assert.deepEqual(answers.known.map((x) => x[0]), [401, 401, 401, 401, 401, 429, 429]);
	/* Even the right password is refused now, and no cookie is set. */
	const r = await new h.Client(srv.base).login('khoa.tam', 'Khoa tạm thời 2026');
	const e = h.assertError(assert, r, 429, { code: 'account_locked' });
	assert.match(e.message, /tạm thời bị khóa/);
	assert.match(e.message, /15 phút/);
	assert.equal(r.headers.get('set-cookie'), null);
	/* The trail: each failure, the lockout, each refused attempt. */
	const rows = await h.auditSince(admin, since);
	const count = (action, name) => rows.filter((x) => x.action === action && x.username === name).length;
	assert.equal(count('login_failed', 'khoa.tam'), 5);
	assert.equal(count('lockout', 'khoa.tam'), 1);
	assert.equal(count('lockout', 'khong.ai.ca'), 1);
	assert.equal(count('login_locked', 'khoa.tam'), 3);
	const lock = rows.find((x) => x.action === 'lockout' && x.username === 'khoa.tam');
	assert.equal(lock.after.minutes, 15);
	/* The admin sees when the lock ends. */
	const u = (await admin.get(`${API}/users/${await userId('khoa.tam')}`)).body;
	assert.match(u.locked_until, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
	const minutes = (Date.parse(u.locked_until) - Date.now()) / 60000;
	assert.ok(minutes > 14 && minutes <= 15.1, `locked for ${minutes} minutes`);
	/* Another account from the same address still signs in. */
	await srv.login('truongban');
});

test('a lockout is kept in the database: a second server process on the same database refuses the locked name too', async () => {
	await createUser('khoa.benvung', 'Khoa bền vững 2026');
	for (let i = 0; i < 5; i++) assert.equal((await new h.Client(srv.base).login('khoa.benvung', 'Sai@2026-sai')).status, 401);
	const port = await freePort();
	const s = await serve(srv.db, ['--listen', `127.0.0.1:${port}`]);
	assert.ok(s.child, `second server did not start: ${s.err}`);
	try {
		let r;
		for (let i = 0; i < 100; i++) {
			try { r = await new h.Client(`http://127.0.0.1:${port}`).login('khoa.benvung', 'Khoa bền vững 2026'); break; } catch { await h.sleep(50); }
		}
		h.assertError(assert, r, 429, { code: 'account_locked' });
		assert.equal((await new h.Client(`http://127.0.0.1:${port}`).login('xem', PASSWORD)).status, 200);
	} finally {
		await stopChild(s.child);
	}
});

test('a success resets the count: 4 failures, a success, 4 failures never lock', async () => {
	await createUser('dem.lai', 'Đếm lại từ đầu 2026');
	for (let round = 0; round < 2; round++) {
		for (let i = 0; i < 4; i++) assert.equal((await new h.Client(srv.base).login('dem.lai', 'Sai@2026-sai')).status, 401);
		await srv.login('dem.lai', 'Đếm lại từ đầu 2026');
	}
	assert.equal((await admin.get(`${API}/users/${await userId('dem.lai')}`)).body.locked_until, null);
});

test('an admin unlocks an account (audited); an admin of a commune cannot unlock outside it (404); others get 403', async () => {
	await createUser('mo.khoa', 'Mở khóa giúp tôi 2026', 'SH-KN');
	await createUser('qt.kyhoa.h', 'Quản trị Kỳ Hoa 2026', 'SH-KH', 'admin');
	for (let i = 0; i < 5; i++) await new h.Client(srv.base).login('mo.khoa', 'Sai@2026-sai');
	h.assertError(assert, await new h.Client(srv.base).login('mo.khoa', 'Mở khóa giúp tôi 2026'), 429);
	const id = await userId('mo.khoa');
	const commune = await srv.login('qt.kyhoa.h', 'Quản trị Kỳ Hoa 2026');
	h.assertError(assert, await commune.post(`${API}/users/${id}/unlock`), 404);
	h.assertError(assert, await (await srv.login('thanhuy')).post(`${API}/users/${id}/unlock`), 403);
	h.assertError(assert, await new h.Client(srv.base).login('mo.khoa', 'Mở khóa giúp tôi 2026'), 429);
	const since = await h.lastAuditId(admin);
	const r = await admin.post(`${API}/users/${id}/unlock`);
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.locked_until, null);
	const rows = await h.auditSince(admin, since, 'action=unlock');
	assert.equal(rows.length, 1);
	assert.match(rows[0].before.locked_until, /Z$/);
	await srv.login('mo.khoa', 'Mở khóa giúp tôi 2026');
});

/* --- sessions ------------------------------------------------------------- */

test('a user lists their own sessions (times, address, browser, which is current; never a token) and ends one', async () => {
	await createUser('nhieu.phien', 'Nhiều phiên đăng nhập');
	const a = new h.Client(srv.base);
	const b = new h.Client(srv.base);
	await a.request('POST', `${API}/login`, { username: 'nhieu.phien', password: 'Nhiều phiên đăng nhập' }, { headers: { 'User-Agent': 'TrinhDuyet-A/1.0 (X11; Linux)' } })
		.then((r) => { a.csrf = r.body.csrf_token; });
	await b.request('POST', `${API}/login`, { username: 'nhieu.phien', password: 'Nhiều phiên đăng nhập' }, { headers: { 'User-Agent': 'TrinhDuyet-B/2.0' } })
		.then((r) => { b.csrf = r.body.csrf_token; });
	const r = await a.get(`${API}/account/sessions`);
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.total, 2);
	const mine = r.body.items.find((s) => s.current);
	const other = r.body.items.find((s) => !s.current);
	assert.equal(mine.user_agent, 'TrinhDuyet-A/1.0 (X11; Linux)');
	assert.equal(other.user_agent, 'TrinhDuyet-B/2.0');
	assert.equal(mine.ip, '127.0.0.1');
	assert.match(mine.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
	assert.match(mine.last_seen, /Z$/);
	assert.deepEqual(Object.keys(mine).sort(), ['created_at', 'current', 'id', 'ip', 'last_seen', 'user_agent']);
	for (const secret of [a.cookie, b.cookie, a.csrf, b.csrf]) assert.equal(r.text.includes(secret), false);
	/* End the other one: it is signed out, this one is not. */
	const since = await h.lastAuditId(admin);
	assert.equal((await a.del(`${API}/account/sessions/${other.id}`)).status, 200);
	h.assertError(assert, await b.get(`${API}/session`), 401);
	assert.equal((await a.get(`${API}/session`)).status, 200);
	assert.equal((await a.get(`${API}/account/sessions`)).body.total, 1);
	assert.equal((await h.auditSince(admin, since, 'action=session_end')).length, 1);
	/* Ending it again, or a session of someone else, is 404. */
	h.assertError(assert, await a.del(`${API}/account/sessions/${other.id}`), 404);
	const adminSessions = (await admin.get(`${API}/account/sessions`)).body.items;
	h.assertError(assert, await a.del(`${API}/account/sessions/${adminSessions[0].id}`), 404);
	assert.equal((await admin.get(`${API}/session`)).status, 200);
	/* Ending one's current session signs out and clears the cookie. */
	const end = await a.del(`${API}/account/sessions/${mine.id}`);
	assert.equal(end.status, 200);
	assert.match(end.headers.get('set-cookie'), /tg_session=;.*Max-Age=0/);
	h.assertError(assert, await a.get(`${API}/session`), 401);
});

test('an admin lists and ends the sessions of an account in their subtree; outside it is 404, other roles 403', async () => {
	await createUser('bi.ket.thuc', 'Bị kết thúc phiên 2026', 'SH-KN');
	const c1 = await srv.login('bi.ket.thuc', 'Bị kết thúc phiên 2026');
	const c2 = await srv.login('bi.ket.thuc', 'Bị kết thúc phiên 2026');
	const id = await userId('bi.ket.thuc');
	const list = await admin.get(`${API}/users/${id}/sessions`);
	assert.equal(list.status, 200, list.text);
	assert.equal(list.body.total, 2);
	assert.ok(list.body.items.every((s) => s.current === false));
	assert.equal(list.text.includes(c1.cookie) || list.text.includes(c1.csrf), false);
	/* A commune admin (SH-KH) cannot see or end them; a leader gets 403. */
	const commune = await srv.login('qt.kyhoa.h', 'Quản trị Kỳ Hoa 2026');
	h.assertError(assert, await commune.get(`${API}/users/${id}/sessions`), 404);
	h.assertError(assert, await commune.del(`${API}/users/${id}/sessions/${list.body.items[0].id}`), 404);
	h.assertError(assert, await commune.del(`${API}/users/${id}/sessions`), 404);
	const leader = await srv.login('thanhuy');
	h.assertError(assert, await leader.get(`${API}/users/${id}/sessions`), 403);
	assert.equal((await c1.get(`${API}/session`)).status, 200);
	/* End one, then the rest. */
	const sid1 = (await c1.get(`${API}/account/sessions`)).body.items.find((s) => s.current).id;
	assert.equal((await admin.del(`${API}/users/${id}/sessions/${sid1}`)).status, 200);
	h.assertError(assert, await c1.get(`${API}/session`), 401);
	assert.equal((await c2.get(`${API}/session`)).status, 200);
	const all = await admin.del(`${API}/users/${id}/sessions`);
	assert.equal(all.status, 200);
	assert.equal(all.body.sessions_ended, 1);
	h.assertError(assert, await c2.get(`${API}/session`), 401);
	assert.equal((await admin.get(`${API}/users/${id}/sessions`)).body.total, 0);
	assert.equal((await admin.get(`${API}/session`)).status, 200, 'the admin stays signed in');
});

test('changing one\'s password needs the current one, follows the policy, and ends the other sessions only', async () => {
	await createUser('doi.mk', 'Mật khẩu cũ 2026');
	const a = await srv.login('doi.mk', 'Mật khẩu cũ 2026');
	const b = await srv.login('doi.mk', 'Mật khẩu cũ 2026');
	const url = `${API}/account/password`;
	h.assertError(assert, await a.post(url, { current_password: 'Sai@2026-sai', new_password: NEW_PW }), 400, { field: 'current_password' });
	h.assertError(assert, await a.post(url, { current_password: 'Mật khẩu cũ 2026', new_password: 'ngắn' }), 400, { field: 'new_password' });
	h.assertError(assert, await a.post(url, { current_password: 'Mật khẩu cũ 2026', new_password: 'doi.mk' }), 400, { field: 'new_password' });
	h.assertError(assert, await a.post(url, { current_password: 'Mật khẩu cũ 2026', new_password: 'password1234' }), 400, { field: 'new_password' });
	h.assertError(assert, await a.post(url, { new_password: NEW_PW }), 400, { field: 'current_password' });
	h.assertError(assert, await a.post(url, { current_password: 'Mật khẩu cũ 2026', new_password: NEW_PW }, { csrf: false }), 403);
	assert.equal((await b.get(`${API}/session`)).status, 200, 'nothing changed yet');
	const since = await h.lastAuditId(admin);
	const r = await a.post(url, { current_password: 'Mật khẩu cũ 2026', new_password: NEW_PW });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.sessions_ended, 1);
	assert.equal((await a.get(`${API}/session`)).status, 200);
	h.assertError(assert, await b.get(`${API}/session`), 401);
	assert.equal((await new h.Client(srv.base).login('doi.mk', 'Mật khẩu cũ 2026')).status, 401);
	await srv.login('doi.mk', NEW_PW);
	const rows = await h.auditSince(admin, since, 'action=password_change');
	assert.equal(rows.length, 1);
	assert.equal(rows[0].after.password_changed, true);
});

test('wrong current passwords count towards the lockout', async () => {
	await createUser('doan.mk', 'Đoán mật khẩu 2026');
	const a = await srv.login('doan.mk', 'Đoán mật khẩu 2026');
	for (let i = 0; i < 5; i++)
		h.assertError(assert, await a.post(`${API}/account/password`, { current_password: `Sai ${i} lần rồi`, new_password: NEW_PW }), 400, { field: 'current_password' });
	h.assertError(assert, await a.post(`${API}/account/password`, { current_password: 'Đoán mật khẩu 2026', new_password: NEW_PW }), 429, { code: 'account_locked' });
	h.assertError(assert, await new h.Client(srv.base).login('doan.mk', 'Đoán mật khẩu 2026'), 429);
});

test('an admin cannot reset their own password without the current one; resetting another\'s ends all their sessions', async () => {
	const me = admin.user.id;
	h.assertError(assert, await admin.patch(`${API}/users/${me}`, { password: 'Quản trị mới 2026' }), 400, { field: 'password' });
	await srv.login('admin');
	await createUser('dat.lai', 'Đặt lại mật khẩu 2026');
	const c1 = await srv.login('dat.lai', 'Đặt lại mật khẩu 2026');
	const c2 = await srv.login('dat.lai', 'Đặt lại mật khẩu 2026');
	const id = await userId('dat.lai');
	assert.equal((await admin.patch(`${API}/users/${id}`, { password: 'Mật khẩu do quản trị đặt' })).status, 200);
	h.assertError(assert, await c1.get(`${API}/session`), 401);
	h.assertError(assert, await c2.get(`${API}/session`), 401);
	assert.equal((await admin.get(`${API}/users/${id}/sessions`)).body.total, 0);
});

/* --- secrets stay out of logs --------------------------------------------- */

test('the server output and the audit rows hold no password, session token or CSRF token', async () => {
	const secrets = [];
	const pw1 = `Bí mật ${crypto.randomBytes(6).toString('hex')}`;
	const pw2 = `Mới bí mật ${crypto.randomBytes(6).toString('hex')}`;
	const wrong = `Sai bí mật ${crypto.randomBytes(6).toString('hex')}`;
	secrets.push(pw1, pw2, wrong, PASSWORD);
	await createUser('bi.mat', pw1);
	/* Bad passwords, for an account and for no account. */
	await new h.Client(srv.base).login('bi.mat', wrong);
	await new h.Client(srv.base).login('khong.co.bi.mat', wrong);
	/* Good logins, requests with the cookie and the CSRF header, refused
	 * requests with a wrong token, a password change, a reset. */
	const c = await srv.login('bi.mat', pw1);
	const other = await srv.login('bi.mat', pw1);
	secrets.push(c.cookie, c.csrf, other.cookie, other.csrf);
	await c.get(`${API}/units`);
	await c.get(`${API}/account/sessions`);
	await c.post(`${API}/units`, { code: 'X' });
	await c.post(`${API}/units`, { code: 'X' }, { csrf: other.csrf });
	await c.post(`${API}/account/password`, { current_password: wrong, new_password: pw2 });
	const ch = await c.post(`${API}/account/password`, { current_password: pw1, new_password: pw2 });
	assert.equal(ch.status, 200, ch.text);
	const pw3 = `Đặt lại bí mật ${crypto.randomBytes(6).toString('hex')}`;
	secrets.push(pw3);
	assert.equal((await admin.patch(`${API}/users/${await userId('bi.mat')}`, { password: pw3 })).status, 200);
	const d = await srv.login('bi.mat', pw3);
	secrets.push(d.cookie, d.csrf, admin.cookie, admin.csrf);
	/* The session tokens as the database keeps them (SHA-256) must not be
	 * in the audit either. */
	for (const t of [c.cookie, other.cookie, d.cookie]) secrets.push(crypto.createHash('sha256').update(t).digest('hex'));
	assert.equal((await d.post(`${API}/logout`)).status, 200);

	const output = srv.stdout() + srv.stderr();
	const audit = auditText(srv.db);
	assert.ok(audit.includes('bi.mat') && audit.includes('login_failed') && audit.includes('password_change'), 'the audit rows were read');
	for (const s of secrets) {
		assert.ok(s && s.length >= 9, 'a secret to look for');
		assert.equal(output.includes(s), false, `server output holds a secret (${s.slice(0, 4)}…)`);
		assert.equal(audit.includes(s), false, `audit rows hold a secret (${s.slice(0, 4)}…)`);
	}
});
