'use strict';
/*
 * User accounts: admin only, scoped to the admin's subtree, password policy,
 * disabling, and never a password or hash in any answer.
 */
const { before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const { API, PASSWORD, test } = h;
let srv;
let admin;
let units;

const id = (code) => units.get(code).id;

before(async () => {
	srv = await h.start();
	admin = await srv.login('admin');
	units = await h.unitMap(admin);
});

after(async () => {
	await srv?.stop();
});

async function userByName(username, client = admin) {
	const r = await client.get(`${API}/users?q=${encodeURIComponent(username)}&limit=500`);
	assert.equal(r.status, 200, r.text);
	return r.body.items.find((u) => u.username === username);
}

async function createUser(body, client = admin) {
	const r = await client.post(`${API}/users`, { full_name: 'Người Kiểm Thử', role: 'viewer', password: 'Kiem@2026-dai', ...body });
	assert.equal(r.status, 201, r.text);
	return r.body;
}

const USER_KEYS = ['created_at', 'disabled', 'full_name', 'id', 'locked_until', 'role', 'unit_code', 'unit_id', 'unit_name', 'username'];

test('GET /users lists the demo accounts with their units, and no password or hash', async () => {
	const r = await admin.get(`${API}/users?limit=500`);
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.total, r.body.items.length);
	const names = r.body.items.map((u) => u.username);
	for (const n of ['admin', 'truongban', 'chuyenvien', 'thanhuy', 'phuong.myphuoc', 'xa.kyhoa', 'chibo.01', 'xem'])
		assert.ok(names.includes(n), n);
	const p = r.body.items.find((u) => u.username === 'phuong.myphuoc');
	assert.equal(p.role, 'contributor');
	assert.equal(p.unit_code, 'SH-LG-MP');
	assert.equal(p.unit_id, id('SH-LG-MP'));
	assert.equal(p.disabled, false);
	for (const u of r.body.items) {
		assert.ok(USER_KEYS.every((k) => k in u), JSON.stringify(u));
		assert.ok(!Object.keys(u).some((k) => /pass|hash/i.test(k)), JSON.stringify(u));
	}
	assert.equal(r.text.includes('$argon2'), false);
	assert.equal(r.text.includes(PASSWORD), false);
});

test('GET /users filters by unit_id and by an accent-insensitive q, with paging', async () => {
	let r = await admin.get(`${API}/users?unit_id=${id('SH')}&limit=500`);
	assert.ok(r.body.items.length >= 4);
	assert.ok(r.body.items.every((u) => u.unit_code === 'SH'));
	r = await admin.get(`${API}/users?q=${encodeURIComponent('vo thi ngoc han')}`);
	assert.deepEqual(r.body.items.map((u) => u.username), ['phuong.myphuoc']);
	r = await admin.get(`${API}/users?q=${encodeURIComponent('Đặng Quốc')}`);
	assert.deepEqual(r.body.items.map((u) => u.username), ['chibo.01']);
	const p1 = await admin.get(`${API}/users?limit=2`);
	const p2 = await admin.get(`${API}/users?limit=2&offset=2`);
	assert.equal(p1.body.items.length, 2);
	assert.equal(p2.body.items.length, 2);
	assert.equal(p1.body.total, p2.body.total);
	assert.equal(p1.body.items.some((u) => p2.body.items.some((v) => v.id === u.id)), false);
	h.assertError(assert, await admin.get(`${API}/users?unit_id=x`), 400, { field: 'unit_id' });
	h.assertError(assert, await admin.get(`${API}/users?limit=1000`), 400, { field: 'limit' });
});

test('an admin creates a user (201) who can then sign in with that password', async () => {
	const u = await createUser({ username: 'nguyen.van.a', full_name: 'Nguyễn Văn A', unit_id: id('SH-KN'), role: 'specialist', password: 'Mat-khau-2026' });
	assert.deepEqual(Object.keys(u).sort(), USER_KEYS);
	assert.equal(u.username, 'nguyen.van.a');
	assert.equal(u.full_name, 'Nguyễn Văn A');
	assert.equal(u.role, 'specialist');
	assert.equal(u.unit_id, id('SH-KN'));
	assert.equal(u.unit_code, 'SH-KN');
	assert.equal(u.unit_name, 'Đảng ủy xã Kỳ Nam');
	assert.equal(u.disabled, false);
	const got = await admin.get(`${API}/users/${u.id}`);
	assert.equal(got.status, 200);
	assert.deepEqual(got.body, u);
	const c = await srv.login('nguyen.van.a', 'Mat-khau-2026');
	assert.equal(c.user.unit_code, 'SH-KN');
	assert.equal(c.user.role, 'specialist');
});

test('a user created disabled cannot sign in', async () => {
	const u = await createUser({ username: 'tao.da.khoa', unit_id: id('SH-KN'), disabled: true });
	assert.equal(u.disabled, true);
	assert.equal((await new h.Client(srv.base).login('tao.da.khoa', 'Kiem@2026-dai')).status, 401);
});

test('a duplicate username is 409 on field username', async () => {
	const n = await h.userCount(admin);
	h.assertError(assert, await admin.post(`${API}/users`, { username: 'xem', full_name: 'Trùng', unit_id: id('SH'), role: 'viewer', password: 'Trung@2026-dai' }), 409, { field: 'username' });
	assert.equal(await h.userCount(admin), n);
});

test('the password policy: at least 12 characters, no composition rules, not common, not the username (400 on field password)', async () => {
	const n = await h.userCount(admin);
	const base = { username: 'mat.khau.yeu', full_name: 'Mật khẩu yếu', unit_id: id('SH-KN'), role: 'viewer' };
	for (const password of ['Ab1@', 'Demo@2026', 'Abc@12345ab', 'password1234', 'Qwerty123456', 'mat.khau.yeu', '', 'x'.repeat(129) + '1']) {
		const r = await admin.post(`${API}/users`, { ...base, password });
		h.assertError(assert, r, 400, { field: 'password' });
	}
	const xem = await userByName('xem');
	h.assertError(assert, await admin.patch(`${API}/users/${xem.id}`, { password: 'chuanhe' }), 400, { field: 'password' });
	h.assertError(assert, await admin.patch(`${API}/users/${xem.id}`, { password: '123456789012' }), 400, { field: 'password' });
	assert.equal(await h.userCount(admin), n);
	await srv.login('xem'); /* the old password still works */
	/* Only lower-case letters, 12 of them, passes; so do 64 characters of
	 * any script. */
	for (const password of ['hoasentrangx', 'Hoa sen trắng nở giữa đầm lầy, '.repeat(2) + 'ồồ']) {
		const ok = await createUser({ ...base, password });
		await srv.login(base.username, password);
		assert.equal((await admin.del(`${API}/users/${ok.id}`)).status, 200);
	}
});

test('usernames are lower-case unaccented letters, digits and . _ -; roles are the five known ones', async () => {
	const n = await h.userCount(admin);
	const base = { full_name: 'Sai', unit_id: id('SH-KN'), role: 'viewer', password: 'Sai@20261-dai' };
	for (const username of ['Hoa.Tran', 'trần', 'a b', 'ab', 'x'.repeat(65), 'a/b']) {
		h.assertError(assert, await admin.post(`${API}/users`, { ...base, username }), 400, { field: 'username' });
	}
	for (const role of ['root', 'Admin', '', 'leader ']) {
		h.assertError(assert, await admin.post(`${API}/users`, { ...base, username: 'vai.tro', role }), 400, { field: 'role' });
	}
	h.assertError(assert, await admin.post(`${API}/users`, { ...base, username: 'khong.don.vi', unit_id: 999999 }), 400, { field: 'unit_id' });
	assert.equal(await h.userCount(admin), n);
});

test('PATCH changes full_name, role and unit; the username cannot change', async () => {
	const u = await createUser({ username: 'doi.thong.tin', unit_id: id('SH-KN') });
	let r = await admin.patch(`${API}/users/${u.id}`, { full_name: 'Tên Mới', role: 'leader', unit_id: id('SH-KP') });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.full_name, 'Tên Mới');
	assert.equal(r.body.role, 'leader');
	assert.equal(r.body.unit_code, 'SH-KP');
	assert.equal(r.body.username, 'doi.thong.tin');
	assert.equal('password_changed' in r.body, false);
	h.assertError(assert, await admin.patch(`${API}/users/${u.id}`, { username: 'ten.khac' }), 400, { field: 'username' });
	h.assertError(assert, await admin.patch(`${API}/users/${u.id}`, { role: 'superuser' }), 400, { field: 'role' });
	h.assertError(assert, await admin.patch(`${API}/users/${u.id}`, { unit_id: 999999 }), 400, { field: 'unit_id' });
	r = await admin.get(`${API}/users/${u.id}`);
	assert.equal(r.body.username, 'doi.thong.tin');
	assert.equal(r.body.role, 'leader');
	assert.equal(r.body.unit_code, 'SH-KP');
});

test('disabling a user ends their sessions: their next request is 401', async () => {
	const u = await createUser({ username: 'se.bi.khoa', unit_id: id('SH-KN'), role: 'specialist' });
	const a = await srv.login('se.bi.khoa', 'Kiem@2026-dai');
	const b = await srv.login('se.bi.khoa', 'Kiem@2026-dai');
	assert.equal((await a.get(`${API}/session`)).status, 200);
	const r = await admin.patch(`${API}/users/${u.id}`, { disabled: true });
	assert.equal(r.status, 200, r.text);
	h.assertError(assert, await a.get(`${API}/session`), 401);
	h.assertError(assert, await b.get(`${API}/units`), 401);
	h.assertError(assert, await new h.Client(srv.base).login('se.bi.khoa', 'Kiem@2026-dai'), 401);
	/* The admin's own session is untouched. */
	assert.equal((await admin.get(`${API}/session`)).status, 200);
});

test('an admin cannot disable, demote, move or delete their own account', async () => {
	const me = admin.user.id;
	h.assertError(assert, await admin.patch(`${API}/users/${me}`, { disabled: true }), 400, { field: 'disabled' });
	h.assertError(assert, await admin.patch(`${API}/users/${me}`, { role: 'viewer' }), 400, { field: 'role' });
	h.assertError(assert, await admin.patch(`${API}/users/${me}`, { unit_id: id('SH-KH') }), 400, { field: 'unit_id' });
	h.assertError(assert, await admin.del(`${API}/users/${me}`), 400);
	const r = await admin.get(`${API}/users/${me}`);
	assert.equal(r.body.role, 'admin');
	assert.equal(r.body.disabled, false);
	/* Their own name they may change. */
	assert.equal((await admin.patch(`${API}/users/${me}`, { full_name: 'Quản trị hệ thống' })).status, 200);
});

test('DELETE removes a user: their sessions end, later reads are 404, and the username is free again', async () => {
	const u = await createUser({ username: 'se.bi.xoa', unit_id: id('SH-KN') });
	const c = await srv.login('se.bi.xoa', 'Kiem@2026-dai');
	const r = await admin.del(`${API}/users/${u.id}`);
	assert.equal(r.status, 200, r.text);
	h.assertError(assert, await c.get(`${API}/session`), 401);
	h.assertError(assert, await admin.get(`${API}/users/${u.id}`), 404);
	h.assertError(assert, await admin.del(`${API}/users/${u.id}`), 404);
	h.assertError(assert, await admin.patch(`${API}/users/${u.id}`, { full_name: 'x' }), 404);
	assert.equal((await new h.Client(srv.base).login('se.bi.xoa', 'Kiem@2026-dai')).status, 401);
	const again = await createUser({ username: 'se.bi.xoa', unit_id: id('SH-KN') });
	assert.equal(again.username, 'se.bi.xoa');
});

test('an admin of SH-KH sees and manages only the users of SH-KH; SH-KL\'s users are 404 and untouched', async () => {
	await createUser({ username: 'qt.xa.kyhoa', full_name: 'Quản trị xã Kỳ Hoa', unit_id: id('SH-KH'), role: 'admin', password: 'KyHoa@2026-dai' });
	const kl = await createUser({ username: 'cv.kylien', full_name: 'Chuyên viên Kỳ Liên', unit_id: id('SH-KL'), role: 'specialist', password: 'KyLien@2026-dai' });
	const klCell = await createUser({ username: 'cb.kylien', full_name: 'Bí thư chi bộ Kỳ Liên', unit_id: id('SH-KL-CB01'), role: 'contributor', password: 'KyLien@2026-dai' });
	const kh = await srv.login('qt.xa.kyhoa', 'KyHoa@2026-dai');
	const snap = await h.snapshot(admin);

	/* Lists hold only SH-KH's subtree. */
	const list = await kh.get(`${API}/users?limit=500`);
	assert.equal(list.status, 200);
	const names = list.body.items.map((u) => u.username).sort();
	assert.ok(names.includes('xa.kyhoa') && names.includes('qt.xa.kyhoa'), names.join(' '));
	assert.ok(list.body.items.every((u) => u.unit_code === 'SH-KH' || u.unit_code.startsWith('SH-KH-')), names.join(' '));
	assert.equal(list.body.total, list.body.items.length);
	assert.equal((await kh.get(`${API}/users?q=kylien`)).body.total, 0);
	assert.equal((await kh.get(`${API}/users?q=admin`)).body.total, 0);

	/* Every route on SH-KL's users answers 404. */
	for (const target of [kl, klCell]) {
		h.assertError(assert, await kh.get(`${API}/users/${target.id}`), 404);
		h.assertError(assert, await kh.patch(`${API}/users/${target.id}`, { full_name: 'Chiếm quyền' }), 404);
		h.assertError(assert, await kh.patch(`${API}/users/${target.id}`, { disabled: true }), 404);
		h.assertError(assert, await kh.patch(`${API}/users/${target.id}`, { password: 'Chiem@2026-dai' }), 404);
		h.assertError(assert, await kh.del(`${API}/users/${target.id}`), 404);
	}
	/* The province admin, too. */
	h.assertError(assert, await kh.patch(`${API}/users/${admin.user.id}`, { role: 'viewer' }), 404);
	/* It cannot create users outside SH-KH, nor move its own users out. */
	h.assertError(assert, await kh.post(`${API}/users`, { username: 'lan.sang', full_name: 'Lấn sang', unit_id: id('SH-KL'), role: 'admin', password: 'LanSang@2026' }), 400, { field: 'unit_id' });
	h.assertError(assert, await kh.post(`${API}/users`, { username: 'len.tinh', full_name: 'Lên tỉnh', unit_id: id('SH'), role: 'admin', password: 'LenTinh@2026' }), 400, { field: 'unit_id' });
	const xaKyhoa = list.body.items.find((u) => u.username === 'xa.kyhoa');
	h.assertError(assert, await kh.patch(`${API}/users/${xaKyhoa.id}`, { unit_id: id('SH-KL') }), 400, { field: 'unit_id' });

	const after = await h.snapshot(admin);
	assert.equal(after.users, snap.users);
	assert.equal(after.writes, snap.writes);
	const klNow = (await admin.get(`${API}/users/${kl.id}`)).body;
	assert.deepEqual(klNow, kl);
	assert.equal((await admin.get(`${API}/users/${xaKyhoa.id}`)).body.unit_code, 'SH-KH');
	await srv.login('cv.kylien', 'KyLien@2026-dai');

	/* Inside SH-KH it manages users normally. */
	const own = await kh.post(`${API}/users`, { username: 'ca.kyhoa', full_name: 'Chi bộ ấp Kỳ Hoa', unit_id: id('SH-KH-CB01'), role: 'contributor', password: 'CaKyHoa@2026' });
	assert.equal(own.status, 201, own.text);
	assert.equal((await kh.patch(`${API}/users/${own.body.id}`, { role: 'viewer' })).status, 200);
	assert.equal((await kh.del(`${API}/users/${own.body.id}`)).status, 200);
});

test('a users filter on an outside unit_id returns none of that unit\'s users (404 or empty)', async () => {
	const kh = await srv.login('qt.xa.kyhoa', 'KyHoa@2026-dai');
	const r = await kh.get(`${API}/users?unit_id=${id('SH-KL')}`);
	/* Either refused like any outside id, or empty: never SH-KL's users. */
	assert.ok(r.status === 404 || (r.status === 200 && r.body.total === 0), r.text);
	assert.equal(r.text.includes('kylien'), false);
});
