'use strict';
/*
 * Sign-in, sessions, CSRF, login rate limiting and role checks.
 */
const { before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const { API, PASSWORD, test } = h;
let srv;
let admin;

before(async () => {
	srv = await h.start(); /* default limits: 5 failures per account */
	admin = await srv.login('admin');
});

after(async () => {
	await srv?.stop();
});

async function createUser(username, role = 'viewer', unitCode = 'SH', password = 'Khoa@2026x-dai') {
	const units = await admin.get(`${API}/units`);
	let unitId = units.body.items[0].id;
	if (unitCode !== 'SH') {
		const r = await admin.get(`${API}/units?q=${encodeURIComponent(unitCode)}&limit=500`);
		unitId = r.body.items.find((u) => u.code === unitCode).id;
	}
	const r = await admin.post(`${API}/users`, {
		username, full_name: `Kiểm thử ${username}`, unit_id: unitId, role, password,
	});
	assert.equal(r.status, 201, r.text);
	return r.body;
}

/* --- login ---------------------------------------------------------------- */

test('login with the right password returns the user, a CSRF token and an HttpOnly SameSite=Strict session cookie', async () => {
	const c = new h.Client(srv.base);
	const r = await c.login('admin', PASSWORD);
	assert.equal(r.status, 200, r.text);
	const { user, csrf_token } = r.body;
	assert.match(csrf_token, /^[0-9a-f]{32,}$/);
	assert.equal(user.username, 'admin');
	assert.equal(user.role, 'admin');
	assert.equal(user.unit_code, 'SH');
	assert.equal(user.unit_name, 'Tỉnh ủy Sơn Hà');
	assert.equal(user.at_root, true);
	assert.equal(typeof user.id, 'number');
	assert.equal(typeof user.unit_id, 'number');
	assert.equal(typeof user.full_name, 'string');
	assert.equal(JSON.stringify(r.body).includes(PASSWORD), false);
	assert.equal(JSON.stringify(r.body).includes(c.cookie), false, 'the session token travels only in the cookie');

	const sc = r.headers.get('set-cookie');
	assert.match(sc, /^tg_session=[0-9a-f]{32,};/);
	assert.match(sc, /;\s*HttpOnly/i);
	assert.match(sc, /;\s*SameSite=Strict/i);
	assert.match(sc, /;\s*Path=\//);
	assert.equal(r.headers.get('cache-control'), 'no-store');
});

test('login of a user below the root reports at_root false and the unit', async () => {
	const c = await srv.login('phuong.myphuoc');
	assert.equal(c.user.role, 'contributor');
	assert.equal(c.user.unit_code, 'SH-LG-MP');
	assert.equal(c.user.unit_name, 'Đảng ủy phường Mỹ Phước');
	assert.equal(c.user.at_root, false);
});

test('login with a wrong password or an unknown user is 401 with no cookie', async () => {
	for (const [u, p] of [['truongban', 'Sai@2026'], ['khong.ton.tai', PASSWORD]]) {
		const c = new h.Client(srv.base);
		const r = await c.login(u, p);
		h.assertError(assert, r, 401, { code: 'bad_credentials' });
		assert.equal(r.headers.get('set-cookie'), null);
		assert.equal(c.cookie, null);
	}
});

test('a failed login is written to the audit trail as login_failed, without the password', async () => {
	const since = await h.lastAuditId(admin);
	const r = await new h.Client(srv.base).login('chuyenvien', 'Nham@2026');
	assert.equal(r.status, 401);
	const rows = await h.auditSince(admin, since);
	const failed = rows.filter((x) => x.action === 'login_failed');
	assert.equal(failed.length, 1, JSON.stringify(rows));
	assert.equal(failed[0].username, 'chuyenvien');
	assert.equal(failed[0].ip, '127.0.0.1');
	assert.equal(JSON.stringify(rows).includes('Nham@2026'), false);
});

test('login with malformed or incomplete bodies is 400, not 401', async () => {
	const c = new h.Client(srv.base);
	h.assertError(assert, await c.post(`${API}/login`, '{"username":'), 400);
	h.assertError(assert, await c.post(`${API}/login`, { username: 'admin' }), 400, { field: 'password' });
	h.assertError(assert, await c.post(`${API}/login`, { username: 5, password: PASSWORD }), 400, { field: 'username' });
	h.assertError(assert, await c.post(`${API}/login`, { username: 'admin', password: PASSWORD, remember: true }), 400, { field: 'remember' });
	assert.equal(c.cookie, null);
});

test('login needs no CSRF token', async () => {
	const c = new h.Client(srv.base);
	const r = await c.post(`${API}/login`, { username: 'xem', password: PASSWORD }, { csrf: false });
	assert.equal(r.status, 200, r.text);
});

/* --- session -------------------------------------------------------------- */

test('GET /session returns the same user and CSRF token as the login', async () => {
	const c = await srv.login('thanhuy');
	const r = await c.get(`${API}/session`);
	assert.equal(r.status, 200, r.text);
	assert.deepEqual(r.body.user, c.user);
	assert.equal(r.body.csrf_token, c.csrf);
});

test('without a session cookie every non-public route answers 401', async () => {
	const anon = srv.anon();
	for (const [m, url] of [
		['GET', `${API}/session`],
		['GET', `${API}/units`],
		['GET', `${API}/units/1`],
		['GET', `${API}/users`],
		['GET', `${API}/audit`],
		['GET', `${API}/levels`],
		['POST', `${API}/logout`],
		['POST', `${API}/units`],
		['PATCH', `${API}/units/1`],
		['DELETE', `${API}/users/1`],
	]) {
		const r = await anon.request(m, url, m === 'GET' || m === 'DELETE' ? undefined : {});
		h.assertError(assert, r, 401, { code: 'unauthenticated' });
	}
});

test('a forged or malformed session cookie is 401', async () => {
	const anon = srv.anon();
	for (const cookie of ['0'.repeat(64), 'abc', '', 'x'.repeat(4000)]) {
		anon.cookie = cookie;
		const r = await anon.get(`${API}/session`);
		assert.equal(r.status, 401, `cookie ${cookie.slice(0, 10)}: ${r.text}`);
	}
});

test('logout ends the session: the old cookie is refused afterwards and the cookie is cleared', async () => {
	const c = await srv.login('chuyenvien');
	const cookie = c.cookie;
	assert.equal((await c.get(`${API}/session`)).status, 200);
	const r = await c.post(`${API}/logout`);
	assert.equal(r.status, 200, r.text);
	assert.match(r.headers.get('set-cookie'), /tg_session=;.*Max-Age=0/);
	const stale = srv.anon();
	stale.cookie = cookie;
	stale.csrf = c.csrf;
	h.assertError(assert, await stale.get(`${API}/session`), 401);
	h.assertError(assert, await stale.get(`${API}/units`), 401);
	h.assertError(assert, await stale.post(`${API}/logout`), 401);
});

test('logout of one session leaves the user\'s other sessions alive', async () => {
	const a = await srv.login('xem');
	const b = await srv.login('xem');
	assert.notEqual(a.cookie, b.cookie);
	assert.notEqual(a.csrf, b.csrf);
	assert.equal((await a.post(`${API}/logout`)).status, 200);
	assert.equal((await a.get(`${API}/session`)).status, 401);
	assert.equal((await b.get(`${API}/session`)).status, 200);
});

test('logout needs the CSRF token', async () => {
	const c = await srv.login('xem');
	h.assertError(assert, await c.post(`${API}/logout`, undefined, { csrf: false }), 403, { code: 'csrf' });
	assert.equal((await c.get(`${API}/session`)).status, 200, 'still signed in');
});

test('disabling a user ends their sessions and blocks new logins; enabling lets them back in', async () => {
	const u = await createUser('tam.khoa', 'specialist');
	const c = await srv.login('tam.khoa', 'Khoa@2026x-dai');
	assert.equal((await c.get(`${API}/units`)).status, 200);
	const r = await admin.patch(`${API}/users/${u.id}`, { disabled: true });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.disabled, true);
	h.assertError(assert, await c.get(`${API}/units`), 401);
	h.assertError(assert, await new h.Client(srv.base).login('tam.khoa', 'Khoa@2026x-dai'), 401);
	assert.equal((await admin.patch(`${API}/users/${u.id}`, { disabled: false })).status, 200);
	await srv.login('tam.khoa', 'Khoa@2026x-dai');
});

test('a password reset ends the user\'s sessions; only the new password works', async () => {
	const u = await createUser('doi.matkhau', 'viewer');
	const c = await srv.login('doi.matkhau', 'Khoa@2026x-dai');
	const r = await admin.patch(`${API}/users/${u.id}`, { password: 'Moi#2026pw-dai' });
	assert.equal(r.status, 200, r.text);
	assert.equal('password' in r.body, false);
	h.assertError(assert, await c.get(`${API}/session`), 401);
	assert.equal((await new h.Client(srv.base).login('doi.matkhau', 'Khoa@2026x-dai')).status, 401);
	await srv.login('doi.matkhau', 'Moi#2026pw-dai');
});

/* --- CSRF ----------------------------------------------------------------- */

test('state changes without X-CSRF-Token are 403 and change nothing', async () => {
	const units = await h.unitMap(admin);
	const kh = units.get('SH-KH');
	const cb = units.get('SH-KH-CB01');
	const xem = (await admin.get(`${API}/users?q=xem`)).body.items.find((x) => x.username === 'xem');
	const beforeSnap = await h.snapshot(admin);
	const attempts = [
		['POST', `${API}/units`, { code: 'SH-KH-CSRF', name: 'Chi bộ CSRF', level: 'chibo', parent_id: kh.id }],
		['PATCH', `${API}/units/${cb.id}`, { name: 'Đổi tên bởi CSRF' }],
		['DELETE', `${API}/units/${cb.id}`, undefined],
		['POST', `${API}/users`, { username: 'csrf.user', full_name: 'CSRF', unit_id: kh.id, role: 'admin', password: 'Csrf@2026x-dai' }],
		['PATCH', `${API}/users/${xem.id}`, { role: 'admin' }],
		['DELETE', `${API}/users/${xem.id}`, undefined],
		['POST', `${API}/levels`, { code: 'csrf', name: 'CSRF', rank: 9 }],
	];
	for (const [m, url, body] of attempts) {
		const r = await admin.request(m, url, body, { csrf: false });
		const e = h.assertError(assert, r, 403, { code: 'csrf' });
		assert.match(e.message, /CSRF/);
	}
	const afterSnap = await h.snapshot(admin);
	assert.equal(afterSnap.units, beforeSnap.units);
	assert.equal(afterSnap.users, beforeSnap.users);
	assert.equal(afterSnap.writes, beforeSnap.writes);
	assert.equal((await admin.get(`${API}/units/${cb.id}`)).body.name, cb.name);
	assert.equal((await admin.get(`${API}/users/${xem.id}`)).body.role, 'viewer');
});

test('a wrong CSRF token, or another session\'s token, is 403', async () => {
	const other = await srv.login('admin');
	const kh = (await h.unitMap(admin)).get('SH-KH');
	const body = { name: 'Không được đổi' };
	for (const token of ['0'.repeat(64), other.csrf, admin.csrf.slice(0, -1), admin.csrf + '0', admin.csrf.toUpperCase()]) {
		if (token === admin.csrf) continue;
		h.assertError(assert, await admin.patch(`${API}/units/${kh.id}`, body, { csrf: token }), 403, { code: 'csrf' });
	}
	assert.equal((await admin.get(`${API}/units/${kh.id}`)).body.name, 'Đảng ủy xã Kỳ Hoa');
});

test('a CSRF refusal is recorded in the audit trail as denied', async () => {
	const since = await h.lastAuditId(admin);
	await admin.post(`${API}/units`, { code: 'X' }, { csrf: false });
	const rows = await h.auditSince(admin, since, 'action=denied');
	assert.equal(rows.length, 1, JSON.stringify(rows));
	assert.equal(rows[0].username, 'admin');
	assert.equal(rows[0].after?.reason, 'csrf');
});

/* --- roles ---------------------------------------------------------------- */

test('viewer and specialist cannot create units (403 forbidden), even with a valid CSRF token', async () => {
	const kh = (await h.unitMap(admin)).get('SH-KH');
	const before = await h.unitCount(admin);
	for (const name of ['xem', 'chuyenvien', 'xa.kyhoa', 'truongban', 'chibo.01']) {
		const c = await srv.login(name);
		const r = await c.post(`${API}/units`, { code: `SH-KH-R${name.length}`, name: 'Chi bộ thử', level: 'chibo', parent_id: kh.id });
		h.assertError(assert, r, 403, { code: 'forbidden' });
		h.assertError(assert, await c.patch(`${API}/units/${kh.id}`, { name: 'x' }), 403, { code: 'forbidden' });
		h.assertError(assert, await c.del(`${API}/units/${kh.id}`), 403, { code: 'forbidden' });
	}
	assert.equal(await h.unitCount(admin), before);
});

test('every role can read units and levels', async () => {
	for (const name of ['xem', 'chuyenvien', 'truongban', 'chibo.01']) {
		const c = await srv.login(name);
		assert.equal((await c.get(`${API}/units`)).status, 200);
		assert.equal((await c.get(`${API}/levels`)).status, 200);
	}
});

test('leaders and admins can read the audit trail; specialist, contributor and viewer get 403', async () => {
	for (const name of ['truongban', 'thanhuy', 'admin']) {
		const c = await srv.login(name);
		const r = await c.get(`${API}/audit`);
		assert.equal(r.status, 200, `${name}: ${r.text}`);
		assert.ok(Array.isArray(r.body.items));
	}
	for (const name of ['chuyenvien', 'phuong.myphuoc', 'xem']) {
		const c = await srv.login(name);
		h.assertError(assert, await c.get(`${API}/audit`), 403, { code: 'forbidden' });
		h.assertError(assert, await c.get(`${API}/audit?format=csv`), 403);
	}
});

test('only admins manage users: a leader gets 403 on every /users route', async () => {
	const c = await srv.login('truongban');
	h.assertError(assert, await c.get(`${API}/users`), 403, { code: 'forbidden' });
	h.assertError(assert, await c.get(`${API}/users/1`), 403);
	h.assertError(assert, await c.post(`${API}/users`, { username: 'x.y.z', full_name: 'X', unit_id: 1, role: 'admin', password: 'Abc@12345-dai' }), 403);
	h.assertError(assert, await c.patch(`${API}/users/1`, { full_name: 'X' }), 403);
	h.assertError(assert, await c.del(`${API}/users/1`), 403);
});

test('a role refusal is recorded in the audit trail as denied', async () => {
	const c = await srv.login('xem');
	const since = await h.lastAuditId(admin);
	await c.get(`${API}/users`);
	const rows = await h.auditSince(admin, since, 'action=denied');
	assert.equal(rows.length, 1, JSON.stringify(rows));
	assert.equal(rows[0].username, 'xem');
	assert.equal(rows[0].after?.reason, 'role');
});

/* --- rate limiting -------------------------------------------------------- */

test('after 5 failed logins for one username, even the right password gets 429 (locked); other accounts are unaffected', async () => {
	await createUser('gioi.han', 'viewer');
	for (let i = 0; i < 5; i++) {
		const r = await new h.Client(srv.base).login('gioi.han', `Sai@2026-${i}`);
		h.assertError(assert, r, 401, { code: 'bad_credentials' });
	}
	const r = await new h.Client(srv.base).login('gioi.han', 'Khoa@2026x-dai');
	const e = h.assertError(assert, r, 429, { code: 'account_locked' });
	assert.match(e.message, /15 phút/);
	assert.equal(r.headers.get('set-cookie'), null);
	/* Another account from the same address still signs in. */
	await srv.login('truongban');
});

test('--login-limit sets the number of failures allowed per account', async () => {
	const s2 = await h.start({ loginLimit: 2 });
	try {
		for (let i = 0; i < 2; i++)
			assert.equal((await new h.Client(s2.base).login('xem', 'Sai@2026')).status, 401);
		h.assertError(assert, await new h.Client(s2.base).login('xem', PASSWORD), 429);
		/* A success resets nothing for the blocked account, and does not
		 * block another. */
		await s2.login('truongban');
	} finally {
		await s2.stop();
	}
});
