'use strict';
/*
 * /commendations: collectives and officials (name and position only)
 * commended by a unit; create, read, update, delete, validation naming
 * the field (nothing changes), scope, audit; counts by kind rolled up
 * over a subtree; the demo city's 125 collectives and 91 individuals in
 * /rollup and the drafted report.
 */
const assert = require('node:assert/strict');
const { before, after } = require('node:test');
const h = require('./harness');

const API = h.API;
let srv, admin, units;

before(async () => {
	srv = await h.start();
	admin = await srv.login('admin');
	units = await h.unitMap(admin);
});
after(() => srv.stop());

const id = (code) => units.get(code).id;
const person = (over = {}) => ({
	unit_id: id('SH-KH'), kind: 'individual', recipient: 'Trần Văn Tài', position: 'Bí thư Chi bộ ấp Hoa Lợi',
	award: 'giay_khen_co_so', reason: 'Tiêu biểu trong học tập và làm theo Bác', awarded_on: '2025-05-19', ...over,
});

h.test('demo: Long Giang 2023, 125 collectives and 91 individuals, in the roll-up and the report', async () => {
	const r = await admin.get(`${API}/rollup?unit=${id('SH-LG')}&period=2023`);
	assert.equal(r.status, 200, r.text);
	const c = r.body.totals.commendations;
	assert.equal(c.collective, 125);
	assert.equal(c.individual, 91);
	assert.equal(c.total, 216);
	/* The children add up to the totals (nothing at the city itself is
	 * lost: own + children). */
	const kids = r.body.children.reduce((s, k) => s + k.figures.commendations.total, 0);
	assert.equal(kids + r.body.own.commendations.total, 216);
	const byAward = Object.values(c.by_award).reduce((s, a) => s + a.collective + a.individual, 0);
	assert.equal(byAward, 216);
	const list = await admin.get(`${API}/commendations?unit_id=${id('SH-LG')}&from=2023-01-01&to=2023-12-31&limit=1`);
	assert.equal(list.body.total, r.body.own.commendations.total); /* the city's own Giấy khen */
	assert.equal(list.body.total, 43);
	const rep = await admin.post(`${API}/reports`, { unit_id: id('SH-LG'), period: '2023' });
	assert.equal(rep.status, 201, rep.text);
	assert.ok(rep.body.results.includes('Toàn đảng bộ có 125 tập thể, 91 cá nhân được biểu dương, khen thưởng.'), rep.body.results.join('\n'));
	/* Another year, another subtree: honest, smaller figures. */
	const kh = await admin.get(`${API}/rollup?unit=${id('SH-KH')}&period=2024`);
	assert.deepEqual([kh.body.totals.commendations.collective, kh.body.totals.commendations.individual], [2, 1]);
});

h.test('commendations: create, get, filter, update, delete, audited; the roll-up follows', async () => {
	const a0 = await h.lastAuditId(admin);
	const before = (await admin.get(`${API}/rollup?unit=${id('SH')}&period=2025`)).body.totals.commendations;
	const r = await admin.post(`${API}/commendations`, person());
	assert.equal(r.status, 201, r.text);
	assert.equal(r.body.position, 'Bí thư Chi bộ ấp Hoa Lợi');
	assert.deepEqual((await admin.get(`${API}/commendations/${r.body.id}`)).body, r.body);
	const c = await admin.post(`${API}/commendations`, person({ kind: 'collective', recipient: 'Chi bộ ấp Kỳ Lộc', position: null, award: 'bieu_duong' }));
	assert.equal(c.status, 201, c.text);
	assert.equal(c.body.position, '');
	const l = await admin.get(`${API}/commendations?unit_id=${id('SH-KH')}&kind=individual&from=2025-01-01&to=2025-12-31`);
	assert.deepEqual(l.body.items.map((x) => x.id), [r.body.id]);
	assert.equal((await admin.get(`${API}/commendations?award=bieu_duong&from=2025-01-01`)).body.total, 1);
	const after = (await admin.get(`${API}/rollup?unit=${id('SH')}&period=2025`)).body.totals.commendations;
	assert.equal(after.individual, before.individual + 1);
	assert.equal(after.collective, before.collective + 1);
	const u = await admin.patch(`${API}/commendations/${r.body.id}`, { award: 'bang_khen_tinh_uy', decision_ref: '1520-QĐ/TU' });
	assert.equal(u.status, 200, u.text);
	assert.equal(u.body.award, 'bang_khen_tinh_uy');
	/* Switching to a collective needs the position cleared. */
	h.assertError(assert, await admin.patch(`${API}/commendations/${r.body.id}`, { kind: 'collective' }), 400, { field: 'position' });
	assert.equal((await admin.del(`${API}/commendations/${r.body.id}`)).status, 200);
	assert.equal((await admin.del(`${API}/commendations/${c.body.id}`)).status, 200);
	assert.equal((await admin.get(`${API}/commendations/${r.body.id}`)).status, 404);
	const rows = await h.auditSince(admin, a0, 'entity=commendation');
	assert.deepEqual(rows.map((x) => x.action), ['create', 'create', 'update', 'delete', 'delete']);
});

h.test('commendations: every validation is a 400 naming the field, in Vietnamese, and changes nothing', async () => {
	const n0 = (await admin.get(`${API}/commendations?limit=1`)).body.total;
	const a0 = await h.auditTotal(admin);
	const cases = [
		[{ kind: 'family' }, 'kind'],
		[{ award: 'medal' }, 'award'],
		[{ position: '' }, 'position'], /* an official needs a position */
		[{ kind: 'collective' }, 'position'], /* a collective has none */
		[{ recipient: '   ' }, 'recipient'],
		[{ reason: '' }, 'reason'],
		[{ awarded_on: '2999-01-01' }, 'awarded_on'],
		[{ awarded_on: '2025-02-29' }, 'awarded_on'],
		[{ awarded_on: '2019-01-01' }, 'unit_id'], /* before the unit existed */
		[{ recipient: 'x'.repeat(301) }, 'recipient'],
		[{ phone: '0900000000' }, 'phone'], /* no personal data beyond name and position */
		[{ address: 'Ấp Hoa Lợi' }, 'address'],
	];
	for (const [over, field] of cases)
		h.assertError(assert, await admin.post(`${API}/commendations`, person(over)), 400, { field });
	const missing = person();
	delete missing.awarded_on;
	h.assertError(assert, await admin.post(`${API}/commendations`, missing), 400, { field: 'awarded_on' });
	assert.equal((await admin.get(`${API}/commendations?limit=1`)).body.total, n0);
	assert.equal(await h.auditTotal(admin), a0);
});

h.test('commendations: outside the subtree is 404; contributors enter for their own unit; viewers read', async () => {
	const kh = await srv.login('xa.kyhoa');
	const lg = await admin.get(`${API}/commendations?unit_id=${id('SH-LG-MP')}&limit=1`);
	const other = lg.body.items[0].id;
	h.assertError(assert, await kh.get(`${API}/commendations/${other}`), 404);
	h.assertError(assert, await kh.patch(`${API}/commendations/${other}`, { reason: 'x' }), 404);
	h.assertError(assert, await kh.del(`${API}/commendations/${other}`), 404);
	h.assertError(assert, await kh.get(`${API}/commendations?unit_id=${id('SH-LG')}`), 404);
	h.assertError(assert, await kh.post(`${API}/commendations`, person({ unit_id: id('SH-LG-MP') })), 404);
	const mine = await kh.get(`${API}/commendations?limit=500`);
	assert.ok(mine.body.items.every((x) => x.unit_code === 'SH-KH'));
	assert.equal(mine.body.total, 3);
	const ward = await srv.login('phuong.myphuoc');
	h.assertError(assert, await ward.post(`${API}/commendations`, person({ unit_id: id('SH-LG-MP-CB01') })), 403);
	const w = await ward.post(`${API}/commendations`, person({ unit_id: id('SH-LG-MP'), position: 'Bí thư Chi bộ khóm Đông An' }));
	assert.equal(w.status, 201, w.text);
	const viewer = await srv.login('xem');
	h.assertError(assert, await viewer.post(`${API}/commendations`, person()), 403);
	assert.equal((await viewer.get(`${API}/commendations/${w.body.id}`)).status, 200);
});
