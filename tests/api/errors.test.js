'use strict';
/*
 * Bad input: every malformed request gets 400/404/405/413 with
 * {"error": {code, message, field}}, a Vietnamese message, the field named
 * where there is one, and nothing written.
 */
const { before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const { API, test } = h;
let srv;
let admin;
let units;
let xem; /* a user to PATCH */

const id = (code) => units.get(code).id;

before(async () => {
	srv = await h.start();
	admin = await srv.login('admin');
	units = await h.unitMap(admin);
	xem = (await admin.get(`${API}/users?q=xem`)).body.items.find((u) => u.username === 'xem');
});

after(async () => {
	await srv?.stop();
});

const goodUnit = () => ({ code: 'SH-KH-CB40', name: 'Chi bộ ấp Hợp Lệ', short_name: 'Ấp Hợp Lệ', level: 'chibo', parent_id: id('SH-KH'), valid_from: '2025-01-01', members: 10 });
const goodUser = () => ({ username: 'hop.le', full_name: 'Người Hợp Lệ', unit_id: id('SH-KH'), role: 'viewer', password: 'HopLe@2026-dai' });

/*
 * Send each case and check the answer, then that nothing changed: unit and
 * user counts, the create/update/delete rows of the audit trail (and the
 * whole trail: bad input is not a refusal, so no "denied" row either), and
 * the target's stored form.
 */
async function expectRejected(cases, { target } = {}) {
	const before = await h.snapshot(admin);
	const targetBefore = target ? (await admin.get(target)).body : null;
	for (const c of cases) {
		const r = await admin.request(c.method, c.url, c.body, c.opts);
		try {
			h.assertError(assert, r, c.status, { field: c.field, code: c.code });
		} catch (e) {
			e.message = `${c.name}: ${e.message}`;
			throw e;
		}
	}
	const afterSnap = await h.snapshot(admin);
	assert.deepEqual(afterSnap, before, 'nothing may be written');
	if (target) assert.deepEqual((await admin.get(target)).body, targetBefore);
}

/* --- units ---------------------------------------------------------------- */

test('POST /units with malformed JSON is 400 and writes nothing', async () => {
	const url = `${API}/units`;
	await expectRejected([
		{ name: 'truncated', method: 'POST', url, body: '{"code": "SH-KH-CB40", "name": ', status: 400, code: 'invalid' },
		{ name: 'trailing comma', method: 'POST', url, body: '{"code": "SH-KH-CB40",}', status: 400 },
		{ name: 'single quotes', method: 'POST', url, body: "{'code': 'SH-KH-CB40'}", status: 400 },
		{ name: 'not JSON', method: 'POST', url, body: 'code=SH-KH-CB40&name=x', status: 400 },
		{ name: 'empty body', method: 'POST', url, body: '', status: 400 },
		{ name: 'no body', method: 'POST', url, body: undefined, status: 400 },
		{ name: 'array', method: 'POST', url, body: JSON.stringify([goodUnit()]), status: 400 },
		{ name: 'string', method: 'POST', url, body: '"SH-KH-CB40"', status: 400 },
		{ name: 'null', method: 'POST', url, body: 'null', status: 400 },
		{ name: 'number', method: 'POST', url, body: '42', status: 400 },
		{ name: 'two objects', method: 'POST', url, body: JSON.stringify(goodUnit()) + JSON.stringify(goodUnit()), status: 400 },
		{ name: 'duplicate key', method: 'POST', url, body: JSON.stringify(goodUnit()).replace('{', '{"code":"SH-KH-CB41",'), status: 400 },
	]);
});

test('POST /units with wrong types is 400 naming the field', async () => {
	const url = `${API}/units`;
	const bad = (patch) => ({ ...goodUnit(), ...patch });
	await expectRejected([
		{ name: 'name: 5', method: 'POST', url, body: bad({ name: 5 }), status: 400, field: 'name' },
		{ name: 'name: []', method: 'POST', url, body: bad({ name: ['a'] }), status: 400, field: 'name' },
		{ name: 'name: {}', method: 'POST', url, body: bad({ name: {} }), status: 400, field: 'name' },
		{ name: 'name: true', method: 'POST', url, body: bad({ name: true }), status: 400, field: 'name' },
		{ name: 'code: 12', method: 'POST', url, body: bad({ code: 12 }), status: 400, field: 'code' },
		{ name: 'members: "x"', method: 'POST', url, body: bad({ members: 'x' }), status: 400, field: 'members' },
		{ name: 'members: "10"', method: 'POST', url, body: bad({ members: '10' }), status: 400, field: 'members' },
		{ name: 'members: 1.5', method: 'POST', url, body: bad({ members: 1.5 }), status: 400, field: 'members' },
		{ name: 'members: -1', method: 'POST', url, body: bad({ members: -1 }), status: 400, field: 'members' },
		{ name: 'members: huge', method: 'POST', url, body: bad({ members: 1e12 }), status: 400, field: 'members' },
		{ name: 'members: null', method: 'POST', url, body: bad({ members: null }), status: 400, field: 'members' },
		{ name: 'parent_id: "5"', method: 'POST', url, body: bad({ parent_id: String(id('SH-KH')) }), status: 400, field: 'parent_id' },
		{ name: 'parent_id: 0', method: 'POST', url, body: bad({ parent_id: 0 }), status: 400, field: 'parent_id' },
		{ name: 'parent_id: -3', method: 'POST', url, body: bad({ parent_id: -3 }), status: 400, field: 'parent_id' },
		{ name: 'parent_id: 1.5', method: 'POST', url, body: bad({ parent_id: 1.5 }), status: 400, field: 'parent_id' },
		{ name: 'level: 4', method: 'POST', url, body: bad({ level: 4 }), status: 400, field: 'level' },
		{ name: 'valid_from: 20250101', method: 'POST', url, body: bad({ valid_from: 20250101 }), status: 400, field: 'valid_from' },
		{ name: 'valid_from: "2025-1-1"', method: 'POST', url, body: bad({ valid_from: '2025-1-1' }), status: 400, field: 'valid_from' },
		{ name: 'short_name: 0', method: 'POST', url, body: bad({ short_name: 0 }), status: 400, field: 'short_name' },
	]);
});

test('POST /units with unknown or missing fields is 400 naming the field', async () => {
	const url = `${API}/units`;
	const without = (k) => { const b = goodUnit(); delete b[k]; return b; };
	await expectRejected([
		{ name: 'unknown field', method: 'POST', url, body: { ...goodUnit(), colour: 'đỏ' }, status: 400, field: 'colour' },
		{ name: 'id in body', method: 'POST', url, body: { ...goodUnit(), id: 5 }, status: 400, field: 'id' },
		{ name: 'path in body', method: 'POST', url, body: { ...goodUnit(), path: '/1/' }, status: 400, field: 'path' },
		{ name: 'own_members', method: 'POST', url, body: { ...goodUnit(), own_members: 3 }, status: 400, field: 'own_members' },
		{ name: 'no code', method: 'POST', url, body: without('code'), status: 400, field: 'code' },
		{ name: 'no name', method: 'POST', url, body: without('name'), status: 400, field: 'name' },
		{ name: 'no level', method: 'POST', url, body: without('level'), status: 400, field: 'level' },
		{ name: 'no parent_id', method: 'POST', url, body: without('parent_id'), status: 400, field: 'parent_id' },
		{ name: 'name null', method: 'POST', url, body: { ...goodUnit(), name: null }, status: 400, field: 'name' },
		{ name: 'empty object', method: 'POST', url, body: {}, status: 400 },
	]);
});

test('POST /units with empty, blank or over-long strings is 400 naming the field', async () => {
	const url = `${API}/units`;
	const bad = (patch) => ({ ...goodUnit(), ...patch });
	await expectRejected([
		{ name: 'name of 201 chars', method: 'POST', url, body: bad({ name: 'a'.repeat(201) }), status: 400, field: 'name' },
		{ name: 'name of 201 Vietnamese chars', method: 'POST', url, body: bad({ name: 'ệ'.repeat(201) }), status: 400, field: 'name' },
		{ name: 'empty name', method: 'POST', url, body: bad({ name: '' }), status: 400, field: 'name' },
		{ name: 'blank name', method: 'POST', url, body: bad({ name: '   \t ' }), status: 400, field: 'name' },
		{ name: 'short_name of 101 chars', method: 'POST', url, body: bad({ short_name: 'b'.repeat(101) }), status: 400, field: 'short_name' },
		{ name: 'code of 33 chars', method: 'POST', url, body: bad({ code: 'C'.repeat(33) }), status: 400, field: 'code' },
		{ name: 'NUL inside name', method: 'POST', url, body: bad({ name: 'Chi bộ\u0000ẩn' }), status: 400, field: 'name' },
	]);
});

test('bad UTF-8 bytes inside a string value are 400 naming the field', async () => {
	const url = `${API}/units`;
	const withBytes = (field, bytes) => {
		const marker = 'XXMARKERXX';
		const json = JSON.stringify({ ...goodUnit(), [field]: `Chi bộ ${marker}` });
		const [a, b] = json.split(marker);
		return Buffer.concat([Buffer.from(a, 'utf8'), Buffer.from(bytes), Buffer.from(b, 'utf8')]);
	};
	await expectRejected([
		{ name: 'lone 0xff', method: 'POST', url, body: withBytes('name', [0xff]), status: 400, field: 'name' },
		{ name: 'truncated sequence', method: 'POST', url, body: withBytes('name', [0xe1, 0xbb]), status: 400, field: 'name' },
		{ name: 'overlong slash', method: 'POST', url, body: withBytes('name', [0xc0, 0xaf]), status: 400, field: 'name' },
		{ name: 'UTF-16 surrogate', method: 'POST', url, body: withBytes('short_name', [0xed, 0xa0, 0x80]), status: 400, field: 'short_name' },
		{ name: 'latin-1 ư', method: 'POST', url, body: withBytes('short_name', [0xf0]), status: 400, field: 'short_name' },
	]);
});

test('PATCH /units/{id} with bad input is 400 and leaves the unit unchanged', async () => {
	const url = `${API}/units/${id('SH-KH-CB05')}`;
	await expectRejected([
		{ name: 'malformed', method: 'PATCH', url, body: '{"name": "x"', status: 400 },
		{ name: 'name: 5', method: 'PATCH', url, body: { name: 5 }, status: 400, field: 'name' },
		{ name: 'members: "x"', method: 'PATCH', url, body: { members: 'x' }, status: 400, field: 'members' },
		{ name: 'unknown field', method: 'PATCH', url, body: { name: 'Hợp lệ', bogus: 1 }, status: 400, field: 'bogus' },
		{ name: 'name of 201', method: 'PATCH', url, body: { name: 'n'.repeat(201) }, status: 400, field: 'name' },
		{ name: 'name null', method: 'PATCH', url, body: { name: null }, status: 400, field: 'name' },
		{ name: 'code null', method: 'PATCH', url, body: { code: null }, status: 400, field: 'code' },
		{ name: 'empty code', method: 'PATCH', url, body: { code: '' }, status: 400, field: 'code' },
		{ name: 'bad utf-8', method: 'PATCH', url, body: Buffer.concat([Buffer.from('{"name":"Chi b'), Buffer.from([0xfe]), Buffer.from('"}')]), status: 400, field: 'name' },
		{ name: 'valid change with a bad field after it', method: 'PATCH', url, body: { name: 'Tên đúng', members: 'nhiều' }, status: 400, field: 'members' },
	], { target: url });
});

/* --- users ---------------------------------------------------------------- */

test('POST /users with bad input is 400 naming the field and writes nothing', async () => {
	const url = `${API}/users`;
	const bad = (patch) => ({ ...goodUser(), ...patch });
	const without = (k) => { const b = goodUser(); delete b[k]; return b; };
	await expectRejected([
		{ name: 'malformed', method: 'POST', url, body: '{"username":"hop.le",', status: 400 },
		{ name: 'username: 5', method: 'POST', url, body: bad({ username: 5 }), status: 400, field: 'username' },
		{ name: 'full_name: []', method: 'POST', url, body: bad({ full_name: [] }), status: 400, field: 'full_name' },
		{ name: 'unit_id: "1"', method: 'POST', url, body: bad({ unit_id: '1' }), status: 400, field: 'unit_id' },
		{ name: 'role: 1', method: 'POST', url, body: bad({ role: 1 }), status: 400, field: 'role' },
		{ name: 'password: 12345678', method: 'POST', url, body: bad({ password: 12345678 }), status: 400, field: 'password' },
		{ name: 'disabled: "yes"', method: 'POST', url, body: bad({ disabled: 'yes' }), status: 400, field: 'disabled' },
		{ name: 'unknown field', method: 'POST', url, body: bad({ email: 'a@b.vn' }), status: 400, field: 'email' },
		{ name: 'password_hash smuggled', method: 'POST', url, body: bad({ password_hash: '$argon2id$...' }), status: 400, field: 'password_hash' },
		{ name: 'no username', method: 'POST', url, body: without('username'), status: 400, field: 'username' },
		{ name: 'no full_name', method: 'POST', url, body: without('full_name'), status: 400, field: 'full_name' },
		{ name: 'no unit_id', method: 'POST', url, body: without('unit_id'), status: 400, field: 'unit_id' },
		{ name: 'no role', method: 'POST', url, body: without('role'), status: 400, field: 'role' },
		{ name: 'no password', method: 'POST', url, body: without('password'), status: 400, field: 'password' },
		{ name: 'full_name of 201', method: 'POST', url, body: bad({ full_name: 'Đ'.repeat(201) }), status: 400, field: 'full_name' },
		{ name: 'password of 129', method: 'POST', url, body: bad({ password: 'a1'.repeat(65) }), status: 400, field: 'password' },
		{ name: 'short password', method: 'POST', url, body: bad({ password: 'Ab@1' }), status: 400, field: 'password' },
		{ name: 'bad utf-8 in full_name', method: 'POST', url, body: Buffer.concat([Buffer.from(JSON.stringify(bad({ full_name: 'MARK' })).split('MARK')[0]), Buffer.from([0xc3, 0x28]), Buffer.from(JSON.stringify(bad({ full_name: 'MARK' })).split('MARK')[1])]), status: 400, field: 'full_name' },
	]);
});

test('PATCH /users/{id} with bad input is 400 and leaves the account unchanged', async () => {
	const url = `${API}/users/${xem.id}`;
	await expectRejected([
		{ name: 'malformed', method: 'PATCH', url, body: '{', status: 400 },
		{ name: 'disabled: 1', method: 'PATCH', url, body: { disabled: 1 }, status: 400, field: 'disabled' },
		{ name: 'role: null', method: 'PATCH', url, body: { role: null }, status: 400, field: 'role' },
		{ name: 'full_name: 5', method: 'PATCH', url, body: { full_name: 5 }, status: 400, field: 'full_name' },
		{ name: 'unknown field', method: 'PATCH', url, body: { is_admin: true }, status: 400, field: 'is_admin' },
		{ name: 'username change', method: 'PATCH', url, body: { username: 'admin2' }, status: 400, field: 'username' },
		{ name: 'weak password', method: 'PATCH', url, body: { password: 'password' }, status: 400, field: 'password' },
		{ name: 'role ok but unit bad', method: 'PATCH', url, body: { role: 'admin', unit_id: 'SH' }, status: 400, field: 'unit_id' },
	], { target: url });
	await srv.login('xem');
});

/* --- size ----------------------------------------------------------------- */

test('a body over 1 MiB is 413 and writes nothing, before and after sign-in', async () => {
	const big = Buffer.alloc(2 * 1024 * 1024, 'a');
	const json = Buffer.from(JSON.stringify({ ...goodUnit(), name: 'x'.repeat(2 * 1024 * 1024) }));
	await expectRejected([
		{ name: '2 MiB of bytes', method: 'POST', url: `${API}/units`, body: big, status: 413, code: 'too_large' },
		{ name: '2 MiB JSON', method: 'POST', url: `${API}/units`, body: json, status: 413, code: 'too_large' },
		{ name: '2 MiB PATCH', method: 'PATCH', url: `${API}/units/${id('SH-KH')}`, body: json, status: 413 },
		{ name: '2 MiB user', method: 'POST', url: `${API}/users`, body: json, status: 413 },
	]);
	const anon = srv.anon();
	h.assertError(assert, await anon.post(`${API}/login`, big), 413);
	/* Just over the limit, too; and the server still answers afterwards. */
	const over = Buffer.alloc(1024 * 1024 + 1, ' ');
	h.assertError(assert, await admin.post(`${API}/units`, over), 413);
	assert.equal((await admin.get(`${API}/session`)).status, 200);
});

test('a body just under 1 MiB is parsed (and refused only for its content)', async () => {
	const name = 'x'.repeat(1024 * 1024 - 300);
	const r = await admin.post(`${API}/units`, { ...goodUnit(), name });
	h.assertError(assert, r, 400, { field: 'name' });
});

/* --- routing -------------------------------------------------------------- */

test('unknown API routes are 404 JSON errors, signed in or not', async () => {
	for (const c of [admin, srv.anon()]) {
		for (const url of ['/api/v1/khong-co', '/api/v1', '/api', '/api/v2/units', '/api/v1/units/1/children', '/api/v1/units/', '/api/v1/UNITS']) {
			const r = await c.get(url);
			h.assertError(assert, r, 404, { code: 'not_found' });
			assert.equal(r.body.error.field, null);
			assert.match(r.headers.get('content-type'), /^application\/json/);
		}
	}
});

test('a wrong method on a known route is 405 with an Allow header', async () => {
	const cases = [
		['PUT', `${API}/units`, 'GET, POST'],
		['DELETE', `${API}/units`, 'GET, POST'],
		['POST', `${API}/units/${id('SH-KH')}`, 'GET, PATCH, DELETE'],
		['PUT', `${API}/units/${id('SH-KH')}`, 'GET, PATCH, DELETE'],
		['DELETE', `${API}/health`, 'GET'],
		['POST', `${API}/health`, 'GET'],
		['GET', `${API}/login`, 'POST'],
		['GET', `${API}/logout`, 'POST'],
		['PATCH', `${API}/levels`, 'GET, POST'],
		['POST', `${API}/audit`, 'GET'],
		['PATCH', `${API}/users`, 'GET, POST'],
	];
	for (const [m, url, allow] of cases) {
		for (const c of [admin, srv.anon()]) {
			const r = await c.request(m, url, m === 'GET' || m === 'DELETE' ? undefined : {});
			h.assertError(assert, r, 405, { code: 'method_not_allowed' });
			const got = r.headers.get('allow').split(/,\s*/).sort();
			assert.deepEqual(got, allow.split(/,\s*/).sort(), `${m} ${url}`);
		}
	}
	/* An unknown method. */
	const raw = await h.rawRequest(srv.port, `BREW ${API}/units HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
	assert.ok([400, 405, 501].includes(raw.status), String(raw.status));
});

test('404 for an id that does not exist, on every /{id} route', async () => {
	const before = await h.snapshot(admin);
	for (const [m, url, body] of [
		['GET', `${API}/units/999999`],
		['PATCH', `${API}/units/999999`, { name: 'x' }],
		['DELETE', `${API}/units/999999`],
		['GET', `${API}/users/999999`],
		['PATCH', `${API}/users/999999`, { full_name: 'x' }],
		['DELETE', `${API}/users/999999`],
		['PATCH', `${API}/levels/999999`, { name: 'x' }],
	]) {
		h.assertError(assert, await admin.request(m, url, body), 404, { code: 'not_found' });
	}
	const afterSnap = await h.snapshot(admin);
	assert.equal(afterSnap.units, before.units);
	assert.equal(afterSnap.writes, before.writes);
});

test('errors have the shape {"error": {code, message, field}} with field null when no field applies', async () => {
	const r = await admin.post(`${API}/units`, '{');
	assert.deepEqual(Object.keys(r.body), ['error']);
	assert.deepEqual(Object.keys(r.body.error).sort(), ['code', 'field', 'message']);
	const e = (await admin.get(`${API}/units/999999`)).body.error;
	assert.equal(e.field, null);
	assert.equal(e.code, 'not_found');
	const f = (await admin.post(`${API}/units`, { ...goodUnit(), name: 5 })).body.error;
	assert.equal(f.field, 'name');
	assert.equal(f.code, 'invalid');
	assert.match(f.message, /Tên đơn vị|name/);
});
