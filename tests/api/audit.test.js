'use strict';
/*
 * The audit trail: one row per create, update and delete with before and
 * after; failed logins and refusals; filters, CSV export and scoping.
 */
const { before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const { API, test } = h;
let srv;
let admin;
let units;

const id = (code) => units.get(code).id;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const ROW_KEYS = ['action', 'after', 'at', 'before', 'entity', 'entity_id', 'id', 'ip', 'unit_id', 'user_id', 'username'];

before(async () => {
	srv = await h.start();
	admin = await srv.login('admin');
	units = await h.unitMap(admin);
});

after(async () => {
	await srv?.stop();
});

/* Run `write` and return the audit rows it added (all of them). */
async function rowsOf(write) {
	const since = await h.lastAuditId(admin);
	const result = await write();
	const rows = await h.auditSince(admin, since);
	return { result, rows };
}

function assertRow(row, { action, entity, entityId, unitId }) {
	assert.deepEqual(Object.keys(row).sort(), ROW_KEYS);
	assert.equal(row.action, action);
	assert.equal(row.entity, entity);
	if (entityId !== undefined) assert.equal(row.entity_id, entityId);
	if (unitId !== undefined) assert.equal(row.unit_id, unitId);
	assert.equal(row.username, 'admin');
	assert.equal(row.user_id, admin.user.id);
	assert.equal(row.ip, '127.0.0.1');
	assert.match(row.at, ISO);
}

function assertNoSecrets(rows, ...passwords) {
	const text = JSON.stringify(rows);
	for (const p of passwords) assert.equal(text.includes(p), false, `password ${p} in audit`);
	assert.equal(text.includes('$argon2'), false, 'hash in audit');
	assert.equal(/password_hash|"password"/.test(text), false, 'password field in audit');
}

test('creating a unit writes one audit row: action create, before null, after the new unit', async () => {
	const { result: r, rows } = await rowsOf(() => admin.post(`${API}/units`, {
		code: 'SH-KN-A1', name: 'Chi bộ ấp Nhật Ký', level: 'chibo', parent_id: id('SH-KN'), members: 11,
	}));
	assert.equal(r.status, 201, r.text);
	assert.equal(rows.length, 1, JSON.stringify(rows));
	assertRow(rows[0], { action: 'create', entity: 'unit', entityId: r.body.id, unitId: r.body.id });
	assert.equal(rows[0].before, null);
	assert.equal(rows[0].after.code, 'SH-KN-A1');
	assert.equal(rows[0].after.name, 'Chi bộ ấp Nhật Ký');
	assert.equal(rows[0].after.parent_id, id('SH-KN'));
	assert.equal(rows[0].after.own_members, 11);
});

test('updating a unit writes one row with the old values before and the new after', async () => {
	const cb = id('SH-KN-CB02');
	const { result: r, rows } = await rowsOf(() => admin.patch(`${API}/units/${cb}`, { name: 'Chi bộ ấp Nam Thạnh Mới', members: 50 }));
	assert.equal(r.status, 200, r.text);
	assert.equal(rows.length, 1, JSON.stringify(rows));
	assertRow(rows[0], { action: 'update', entity: 'unit', entityId: cb, unitId: cb });
	assert.equal(rows[0].before.name, 'Chi bộ ấp Nam Thạnh');
	assert.equal(rows[0].before.own_members, 45);
	assert.equal(rows[0].after.name, 'Chi bộ ấp Nam Thạnh Mới');
	assert.equal(rows[0].after.own_members, 50);
	assert.equal(rows[0].before.code, rows[0].after.code);
});

test('moving a unit writes one update row with the old and new parent_id', async () => {
	const cb = id('SH-KN-CB03');
	const { result: r, rows } = await rowsOf(() => admin.patch(`${API}/units/${cb}`, { parent_id: id('SH-KP') }));
	assert.equal(r.status, 200, r.text);
	assert.equal(rows.length, 1, JSON.stringify(rows));
	assertRow(rows[0], { action: 'update', entity: 'unit', entityId: cb });
	assert.equal(rows[0].before.parent_id, id('SH-KN'));
	assert.equal(rows[0].after.parent_id, id('SH-KP'));
});

test('deleting a unit writes one row: before the unit, after null', async () => {
	const made = await admin.post(`${API}/units`, { code: 'SH-KN-A2', name: 'Chi bộ tạm', level: 'chibo', parent_id: id('SH-KN') });
	assert.equal(made.status, 201, made.text);
	const { result: r, rows } = await rowsOf(() => admin.del(`${API}/units/${made.body.id}`));
	assert.equal(r.status, 200, r.text);
	assert.equal(rows.length, 1, JSON.stringify(rows));
	assertRow(rows[0], { action: 'delete', entity: 'unit', entityId: made.body.id });
	assert.equal(rows[0].before.code, 'SH-KN-A2');
	assert.equal(rows[0].before.name, 'Chi bộ tạm');
	assert.equal(rows[0].after, null);
	/* Still readable by entity and id. */
	const byId = await admin.get(`${API}/audit?entity=unit&entity_id=${made.body.id}&action=delete`);
	assert.equal(byId.body.total, 1);
});

test('the audit rows of a deleted unit stay readable (its create row is not lost)', async () => {
	const made = await admin.post(`${API}/units`, { code: 'SH-KN-A3', name: 'Chi bộ xóa sau', level: 'chibo', parent_id: id('SH-KN') });
	assert.equal(made.status, 201, made.text);
	assert.equal((await admin.patch(`${API}/units/${made.body.id}`, { name: 'Chi bộ xóa sau (sửa)' })).status, 200);
	assert.equal((await admin.del(`${API}/units/${made.body.id}`)).status, 200);
	const r = await admin.get(`${API}/audit?entity=unit&entity_id=${made.body.id}&limit=500`);
	const mine = r.body.items.filter((x) => (x.after || x.before || {}).code === 'SH-KN-A3');
	assert.deepEqual(mine.map((x) => x.action).sort(), ['create', 'delete', 'update']);
});

test('the id of a deleted unit or user is not given to a new one, so entity_id names one entity in the trail', async () => {
	const a = await admin.post(`${API}/units`, { code: 'SH-KN-A4', name: 'Chi bộ A4', level: 'chibo', parent_id: id('SH-KN') });
	assert.equal(a.status, 201, a.text);
	assert.equal((await admin.del(`${API}/units/${a.body.id}`)).status, 200);
	const b = await admin.post(`${API}/units`, { code: 'SH-KN-A5', name: 'Chi bộ A5', level: 'chibo', parent_id: id('SH-KN') });
	assert.equal(b.status, 201, b.text);
	assert.equal((await admin.del(`${API}/units/${b.body.id}`)).status, 200);
	assert.notEqual(b.body.id, a.body.id);
	const u1 = await admin.post(`${API}/users`, { username: 'tam.thoi.1', full_name: 'Tạm 1', unit_id: id('SH-KN'), role: 'viewer', password: 'TamThoi@2026' });
	assert.equal((await admin.del(`${API}/users/${u1.body.id}`)).status, 200);
	const u2 = await admin.post(`${API}/users`, { username: 'tam.thoi.2', full_name: 'Tạm 2', unit_id: id('SH-KN'), role: 'viewer', password: 'TamThoi@2026' });
	assert.equal((await admin.del(`${API}/users/${u2.body.id}`)).status, 200);
	assert.notEqual(u2.body.id, u1.body.id);
});

test('creating a user writes one row with the account after, and never the password or its hash', async () => {
	const pw = 'NhatKy#2026-dai';
	const { result: r, rows } = await rowsOf(() => admin.post(`${API}/users`, {
		username: 'nhat.ky', full_name: 'Người Nhật Ký', unit_id: id('SH-KN'), role: 'specialist', password: pw,
	}));
	assert.equal(r.status, 201, r.text);
	assert.equal(rows.length, 1, JSON.stringify(rows));
	assertRow(rows[0], { action: 'create', entity: 'user', entityId: r.body.id, unitId: id('SH-KN') });
	assert.equal(rows[0].before, null);
	assert.equal(rows[0].after.username, 'nhat.ky');
	assert.equal(rows[0].after.role, 'specialist');
	assert.equal(rows[0].after.unit_id, id('SH-KN'));
	assertNoSecrets(rows, pw);
});

test('updating a user writes one row with before and after; a password reset shows only that it changed', async () => {
	const u = (await admin.get(`${API}/users?q=nhat.ky`)).body.items[0];
	let { result: r, rows } = await rowsOf(() => admin.patch(`${API}/users/${u.id}`, { full_name: 'Người Nhật Ký Mới', role: 'leader' }));
	assert.equal(r.status, 200, r.text);
	assert.equal(rows.length, 1, JSON.stringify(rows));
	assertRow(rows[0], { action: 'update', entity: 'user', entityId: u.id, unitId: id('SH-KN') });
	assert.equal(rows[0].before.full_name, 'Người Nhật Ký');
	assert.equal(rows[0].before.role, 'specialist');
	assert.equal(rows[0].after.full_name, 'Người Nhật Ký Mới');
	assert.equal(rows[0].after.role, 'leader');

	const pw = 'DoiMatKhau#2026';
	({ result: r, rows } = await rowsOf(() => admin.patch(`${API}/users/${u.id}`, { password: pw })));
	assert.equal(r.status, 200, r.text);
	assert.equal(rows.length, 1, JSON.stringify(rows));
	assertRow(rows[0], { action: 'update', entity: 'user', entityId: u.id });
	assert.equal(rows[0].after.password_changed, true);
	assertNoSecrets(rows, pw, 'NhatKy#2026-dai');
	/* The whole trail, JSON and CSV, holds no password either. */
	const all = await admin.get(`${API}/audit?limit=500`);
	assertNoSecrets(all.body.items, pw, 'NhatKy#2026-dai', h.PASSWORD);
	const csv = await admin.get(`${API}/audit?format=csv`);
	assert.equal(csv.text.includes(pw), false);
	assert.equal(csv.text.includes('$argon2'), false);
});

test('moving a user to another unit records both units', async () => {
	const u = (await admin.get(`${API}/users?q=nhat.ky`)).body.items[0];
	const { result: r, rows } = await rowsOf(() => admin.patch(`${API}/users/${u.id}`, { unit_id: id('SH-KP') }));
	assert.equal(r.status, 200, r.text);
	assert.equal(rows.length, 1);
	assert.equal(rows[0].before.unit_id, id('SH-KN'));
	assert.equal(rows[0].after.unit_id, id('SH-KP'));
});

test('deleting a user writes one row: before the account, after null', async () => {
	const u = (await admin.get(`${API}/users?q=nhat.ky`)).body.items[0];
	const { result: r, rows } = await rowsOf(() => admin.del(`${API}/users/${u.id}`));
	assert.equal(r.status, 200, r.text);
	assert.equal(rows.length, 1, JSON.stringify(rows));
	assertRow(rows[0], { action: 'delete', entity: 'user', entityId: u.id });
	assert.equal(rows[0].before.username, 'nhat.ky');
	assert.equal(rows[0].after, null);
	assertNoSecrets(rows);
});

test('refused writes add no create/update/delete rows', async () => {
	const writes = async () => (await admin.get(`${API}/audit?entity=unit&limit=1`)).body.total +
		(await admin.get(`${API}/audit?entity=user&limit=1`)).body.total;
	const n = await writes();
	await admin.post(`${API}/units`, { code: 'SH-KN', name: 'Trùng', level: 'chibo', parent_id: id('SH-KN') });
	await admin.patch(`${API}/units/${id('SH-KN')}`, { level: 'tinh' });
	await admin.del(`${API}/units/${id('SH-KN')}`);
	await admin.post(`${API}/users`, { username: 'xem', full_name: 'Trùng', unit_id: id('SH'), role: 'viewer', password: 'Trung@2026-dai' });
	await admin.patch(`${API}/users/${admin.user.id}`, { disabled: true });
	assert.equal(await writes(), n);
});

test('a failed login is recorded as login_failed with the attempted username and address', async () => {
	const { rows } = await rowsOf(() => new h.Client(srv.base).login('truongban', 'Sai-matkhau-1'));
	assert.equal(rows.length, 1, JSON.stringify(rows));
	assert.equal(rows[0].action, 'login_failed');
	assert.equal(rows[0].username, 'truongban');
	assert.equal(rows[0].ip, '127.0.0.1');
	assertNoSecrets(rows, 'Sai-matkhau-1');
	const f = await admin.get(`${API}/audit?action=login_failed&user=truongban`);
	assert.ok(f.body.total >= 1);
	assert.ok(f.body.items.every((x) => x.action === 'login_failed' && x.username === 'truongban'));
});

test('an out-of-subtree write by a lower admin is recorded as denied and changes nothing', async () => {
	const c = await admin.post(`${API}/users`, { username: 'qt.longgiang', full_name: 'Quản trị Long Giang', unit_id: id('SH-LG'), role: 'admin', password: 'LongGiang@2026' });
	assert.equal(c.status, 201, c.text);
	const lg = await srv.login('qt.longgiang', 'LongGiang@2026');
	const { result: r, rows } = await rowsOf(() => lg.patch(`${API}/units/${id('SH-KH')}`, { name: 'Chiếm' }));
	h.assertError(assert, r, 404);
	assert.equal(rows.length, 1, JSON.stringify(rows));
	assert.equal(rows[0].action, 'denied');
	assert.equal(rows[0].username, 'qt.longgiang');
	assert.equal(rows[0].unit_id, id('SH-LG'));
	assert.equal(rows[0].after.reason, 'scope');
	assert.equal(rows[0].after.method, 'PATCH');
	assert.equal(rows[0].after.path, `${API}/units/${id('SH-KH')}`);
	assert.equal((await admin.get(`${API}/units/${id('SH-KH')}`)).body.name, 'Đảng ủy xã Kỳ Hoa');
});

test('filters: entity, action, user, entity_id', async () => {
	let r = await admin.get(`${API}/audit?entity=user&limit=500`);
	assert.ok(r.body.total > 0);
	assert.ok(r.body.items.every((x) => x.entity === 'user'));
	r = await admin.get(`${API}/audit?action=update&entity=unit&limit=500`);
	assert.ok(r.body.total >= 2);
	assert.ok(r.body.items.every((x) => x.action === 'update' && x.entity === 'unit'));
	r = await admin.get(`${API}/audit?user=system&limit=1`);
	assert.ok(r.body.total >= 115, 'the demo load is audited as system');
	assert.equal(r.body.items[0].username, 'system');
	r = await admin.get(`${API}/audit?entity=unit&entity_id=${id('SH-KN-CB02')}`);
	assert.ok(r.body.items.length >= 2);
	assert.ok(r.body.items.every((x) => x.entity_id === id('SH-KN-CB02') && x.entity === 'unit'));
	r = await admin.get(`${API}/audit?user=khong.ai`);
	assert.deepEqual(r.body, { items: [], total: 0 });
});

test('filters: from/to are inclusive days; rows are newest first; limit/offset page', async () => {
	const newest = (await admin.get(`${API}/audit?limit=1`)).body.items[0];
	const today = newest.at.slice(0, 10);
	const all = await admin.get(`${API}/audit?limit=1`);
	let r = await admin.get(`${API}/audit?from=${today}&to=${today}&limit=1`);
	assert.equal(r.body.total, all.body.total);
	r = await admin.get(`${API}/audit?to=2000-01-01`);
	assert.deepEqual(r.body, { items: [], total: 0 });
	r = await admin.get(`${API}/audit?from=2199-01-01`);
	assert.equal(r.body.total, 0);
	const p1 = await admin.get(`${API}/audit?limit=5`);
	const p2 = await admin.get(`${API}/audit?limit=5&offset=5`);
	assert.equal(p1.body.items.length, 5);
	assert.equal(p2.body.items.length, 5);
	const ids = [...p1.body.items, ...p2.body.items].map((x) => x.id);
	assert.deepEqual(ids, [...ids].sort((a, b) => b - a));
	assert.equal(new Set(ids).size, 10);
});

test('bad audit parameters are 400 naming the parameter', async () => {
	h.assertError(assert, await admin.get(`${API}/audit?from=2024-13-01`), 400, { field: 'from' });
	h.assertError(assert, await admin.get(`${API}/audit?to=hôm-nay`), 400, { field: 'to' });
	h.assertError(assert, await admin.get(`${API}/audit?format=xml`), 400, { field: 'format' });
	h.assertError(assert, await admin.get(`${API}/audit?limit=0`), 400, { field: 'limit' });
	h.assertError(assert, await admin.get(`${API}/audit?offset=-1`), 400, { field: 'offset' });
	h.assertError(assert, await admin.get(`${API}/audit?entity_id=abc`), 400, { field: 'entity_id' });
});

test('format=csv exports the filtered trail as UTF-8 CSV with a header row', async () => {
	const json = await admin.get(`${API}/audit?entity=unit&action=update&limit=500`);
	const r = await admin.get(`${API}/audit?entity=unit&action=update&format=csv`);
	assert.equal(r.status, 200);
	assert.match(r.headers.get('content-type'), /^text\/csv/);
	assert.match(r.headers.get('content-disposition') || '', /attachment/);
	assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
	const text = r.text.replace(/^\uFEFF/, '');
	const lines = text.split('\r\n').filter((l) => l.length);
	assert.match(lines[0], /^id,at,/);
	for (const col of ['action', 'entity', 'entity_id', 'before', 'after', 'username'])
		assert.ok(lines[0].split(',').includes(col), col);
	/* One line per row (no value in these rows holds a line break). */
	assert.equal(lines.length - 1, json.body.total);
	assert.ok(text.includes('Chi bộ ấp Nam Thạnh Mới'), 'Vietnamese text survives');
	assert.ok(lines.slice(1).every((l) => l.includes('"update"') && l.includes('"unit"')));
});

test('a CSV cell that a spreadsheet would run as a formula is quoted', async () => {
	/* A failed login records the name as typed: anyone can choose it. */
	const bad = await srv.tryLogin('=1+2*cmd', 'Sai-mat-khau1');
	assert.equal(bad.status, 401);
	const r = await admin.get(`${API}/audit?action=login_failed&format=csv`);
	assert.equal(r.status, 200);
	assert.ok(r.text.includes(`"'=1+2*cmd"`), r.text);
	assert.equal(r.text.includes('"=1+2*cmd"'), false);
});

test('a leader below the root reads only the audit rows of their subtree', async () => {
	const t = await srv.login('thanhuy');
	/* Something happens in SH-LG and outside it. */
	assert.equal((await admin.patch(`${API}/units/${id('SH-LG-PG-CB02')}`, { members: 42 })).status, 200);
	assert.equal((await admin.patch(`${API}/units/${id('SH-KH-CB02')}`, { members: 52 })).status, 200);
	const r = await t.get(`${API}/audit?limit=500`);
	assert.equal(r.status, 200, r.text);
	const lg = await h.unitMap(t);
	const inside = new Set([...lg.values()].map((u) => u.id));
	assert.ok(r.body.items.length > 0);
	for (const row of r.body.items)
		assert.ok(inside.has(row.unit_id), `row outside SH-LG: ${JSON.stringify(row)}`);
	assert.ok(r.body.items.some((x) => x.entity_id === id('SH-LG-PG-CB02')));
	assert.ok(!r.body.items.some((x) => x.entity_id === id('SH-KH-CB02') && x.entity === 'unit'));
	assert.ok(!r.body.items.some((x) => x.username === 'system' && x.entity === 'level'));
	const csv = await t.get(`${API}/audit?format=csv`);
	assert.equal(csv.text.includes('Chi bộ ấp Hoa Thạnh'), false, 'SH-KH-CB02 must not leak through CSV');
});

test('the audit trail is read only: POST/PATCH/DELETE are 405', async () => {
	for (const m of ['POST', 'PUT', 'PATCH', 'DELETE']) {
		const r = await admin.request(m, `${API}/audit`, m === 'DELETE' ? undefined : {});
		h.assertError(assert, r, 405);
		assert.equal(r.headers.get('allow'), 'GET');
	}
	h.assertError(assert, await admin.get(`${API}/audit/1`), 404);
});
