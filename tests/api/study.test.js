'use strict';
/*
 * /activities, /reporters, /reporter-conferences, /classes: create, read,
 * update, delete, validation naming the field, roles and subtree scope,
 * audit.
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
const act = (over = {}) => ({
	unit_id: id('SH-LG-MP-CB01'), date: '2024-03-05', kind: 'study', form: 'hybrid',
	document_ref: '05-NQ/TU', members_present: 40, members_expected: 46, non_members: 2,
	note: 'Hội nghị học tập', ...over,
});

h.test('activities: create, get, list with filters, update, delete, audited', async () => {
	const a0 = await h.lastAuditId(admin);
	const r = await admin.post(`${API}/activities`, act());
	assert.equal(r.status, 201, r.text);
	assert.equal(r.body.unit_code, 'SH-LG-MP-CB01');
	assert.equal(r.body.document_ref, '05-NQ/TU');
	const g = await admin.get(`${API}/activities/${r.body.id}`);
	assert.deepEqual(g.body, r.body);
	const l = await admin.get(`${API}/activities?document_ref=05-NQ%2FTU&from=2024-01-01&to=2024-12-31`);
	assert.equal(l.body.total, 1);
	assert.equal(l.body.items[0].id, r.body.id);
	const all = await admin.get(`${API}/activities?kind=political&limit=5`);
	assert.equal(all.body.total, 148);
	assert.equal(all.body.items.length, 5);
	const u = await admin.patch(`${API}/activities/${r.body.id}`, { members_present: 46 });
	assert.equal(u.status, 200, u.text);
	assert.equal(u.body.members_present, 46);
	h.assertError(assert, await admin.patch(`${API}/activities/${r.body.id}`, { members_expected: 10 }), 400, { field: 'members_present' });
	assert.equal((await admin.del(`${API}/activities/${r.body.id}`)).status, 200);
	assert.equal((await admin.get(`${API}/activities/${r.body.id}`)).status, 404);
	const rows = await h.auditSince(admin, a0, 'entity=activity');
	assert.deepEqual(rows.map((x) => x.action), ['create', 'update', 'delete']);
});

h.test('activities: every validation is a 400 naming the field and changes nothing', async () => {
	const n0 = (await admin.get(`${API}/activities?limit=1`)).body.total;
	const cases = [
		[{ members_present: 50 }, 'members_present'],
		[{ members_present: -1 }, 'members_present'],
		[{ non_members: -3 }, 'non_members'],
		[{ date: '2999-01-01' }, 'date'],
		[{ date: '2024-02-30' }, 'date'],
		[{ kind: 'party' }, 'kind'],
		[{ form: 'radio' }, 'form'],
		[{ unit_id: 'x' }, 'unit_id'],
		[{ surprise: 1 }, 'surprise'],
		[{ date: '2019-01-01' }, 'unit_id'], /* before the unit existed */
		[{ document_id: 999999 }, 'document_id'],
	];
	for (const [over, field] of cases)
		h.assertError(assert, await admin.post(`${API}/activities`, act(over)), 400, { field });
	const missing = act();
	delete missing.members_expected;
	h.assertError(assert, await admin.post(`${API}/activities`, missing), 400, { field: 'members_expected' });
	assert.equal((await admin.get(`${API}/activities?limit=1`)).body.total, n0);
});

h.test('activities: contributors enter for their own unit only; viewers read; outside is 404', async () => {
	const cell = await srv.login('chibo.01');
	assert.equal((await cell.post(`${API}/activities`, act())).status, 201);
	h.assertError(assert, await cell.post(`${API}/activities`, act({ unit_id: id('SH-LG-MP-CB02') })), 404);
	const ward = await srv.login('phuong.myphuoc');
	h.assertError(assert, await ward.post(`${API}/activities`, act({ unit_id: id('SH-LG-MP-CB02') })), 403);
	assert.equal((await ward.post(`${API}/activities`, act({ unit_id: id('SH-LG-MP') }))).status, 201);
	h.assertError(assert, await cell.post(`${API}/activities`, act({ unit_id: id('SH-KH-CB01') })), 404);
	const viewer = await srv.login('xem');
	h.assertError(assert, await viewer.post(`${API}/activities`, act()), 403);
	assert.equal((await viewer.get(`${API}/activities?limit=1`)).status, 200);
	const kh = await srv.login('xa.kyhoa');
	const mine = await kh.get(`${API}/activities?limit=1`);
	assert.equal(mine.body.total, 0); /* nothing of Long Giang leaks */
	const lg = await admin.get(`${API}/activities?unit_id=${id('SH-LG-MP-CB03')}&limit=1`);
	h.assertError(assert, await kh.get(`${API}/activities/${lg.body.items[0].id}`), 404);
	h.assertError(assert, await kh.get(`${API}/activities?unit_id=${id('SH-LG')}`), 404);
	h.assertError(assert, await kh.del(`${API}/activities/${lg.body.items[0].id}`), 404);
});

h.test('classes: create, validate, list, roll-up of trainee-times', async () => {
	const body = { unit_id: id('SH-KH'), kind: 'new_members', title: 'Lớp đảng viên mới', start_date: '2024-04-01', end_date: '2024-04-05', enrolled: 30, completed: 29 };
	const r = await admin.post(`${API}/classes`, body);
	assert.equal(r.status, 201, r.text);
	h.assertError(assert, await admin.post(`${API}/classes`, { ...body, completed: 31 }), 400, { field: 'completed' });
	h.assertError(assert, await admin.post(`${API}/classes`, { ...body, end_date: '2024-03-01' }), 400, { field: 'end_date' });
	h.assertError(assert, await admin.post(`${API}/classes`, { ...body, kind: 'x' }), 400, { field: 'kind' });
	const l = await admin.get(`${API}/classes?unit_id=${id('SH-KH')}`);
	assert.equal(l.body.total, 1);
	const ru = await admin.get(`${API}/rollup?unit=${id('SH-KH')}&period=2024`);
	assert.equal(ru.body.totals.classes.new_members.enrolled, 30);
	assert.equal((await admin.patch(`${API}/classes/${r.body.id}`, { enrolled: 35 })).body.enrolled, 35);
	assert.equal((await admin.del(`${API}/classes/${r.body.id}`)).status, 200);
});

h.test('the roll-up counts the reporters on the roster: per child, the unit\'s own, and in total', async () => {
	const roster = async (code) => {
		const r = await admin.get(`${API}/rollup?unit=${id(code)}&period=2024`);
		assert.equal(r.status, 200, r.text);
		const kids = r.body.children.map((c) => [c.unit.code, c.figures.reporters.count]);
		const own = r.body.own.reporters.count;
		/* the children and the unit's own add up to the total */
		assert.equal(kids.reduce((s, k) => s + k[1], own), r.body.totals.reporters.count);
		return { total: r.body.totals.reporters.count, own, kids: Object.fromEntries(kids) };
	};
	const r0 = await roster('SH'); /* the root: the _ALL statements */
	const kh0 = await roster('SH-KH');
	const add = async (unit, from, to) => {
		const r = await admin.post(`${API}/reporters`, { unit_id: id(unit), name: `Báo cáo viên ${from}`, valid_from: from, ...(to ? { valid_to: to } : {}) });
		assert.equal(r.status, 201, r.text);
		return r.body.id;
	};
	const ids = [
		await add('SH-KH', '2024-03-01'),
		await add('SH', '2024-01-01', '2024-06-30'),
		await add('SH-KH', '2025-01-01'), /* not yet on the 2024 roster */
	];
	const r1 = await roster('SH');
	assert.equal(r1.total, r0.total + 2);
	assert.equal(r1.own, r0.own + 1);
	assert.equal(r1.kids['SH-KH'], r0.kids['SH-KH'] + 1);
	assert.equal((await roster('SH-KH')).total, kh0.total + 1);
	for (const x of ids)
		assert.equal((await admin.del(`${API}/reporters/${x}`)).status, 200);
	assert.deepEqual(await roster('SH'), r0);
});

h.test('reporters and reporter conferences: counts per reporter and per unit', async () => {
	const rep = await admin.post(`${API}/reporters`, { unit_id: id('SH-KH'), name: 'Huỳnh Văn Phúc', position: 'Phó Bí thư Đảng ủy xã', valid_from: '2024-01-01' });
	assert.equal(rep.status, 201, rep.text);
	h.assertError(assert, await admin.post(`${API}/reporters`, { unit_id: id('SH-KH'), name: 'A', valid_from: '2024-01-01', valid_to: '2023-01-01' }), 400, { field: 'valid_to' });
	const conf = { unit_id: id('SH-KH'), date: '2024-02-05', topics: 'Định hướng tuyên truyền tháng 2', reporters_present: 3, audience: 120, reporter_ids: [rep.body.id] };
	const c = await admin.post(`${API}/reporter-conferences`, conf);
	assert.equal(c.status, 201, c.text);
	assert.deepEqual(c.body.reporter_ids, [rep.body.id]);
	h.assertError(assert, await admin.post(`${API}/reporter-conferences`, { ...conf, reporters_present: 0 }), 400, { field: 'reporter_ids' });
	h.assertError(assert, await admin.post(`${API}/reporter-conferences`, { ...conf, audience: -1 }), 400, { field: 'audience' });
	const list = await admin.get(`${API}/reporters?unit_id=${id('SH-KH')}&from=2024-01-01&to=2024-12-31`);
	assert.equal(list.body.items[0].conferences, 1);
	const byRep = await admin.get(`${API}/reporter-conferences?reporter_id=${rep.body.id}`);
	assert.equal(byRep.body.total, 1);
	const ru = await admin.get(`${API}/rollup?unit=${id('SH')}&period=2024-Q1`);
	const kh = ru.body.children.find((x) => x.unit.code === 'SH-KH');
	assert.equal(kh.figures.reporter_conferences.count, 1);
	assert.equal(kh.figures.reporter_conferences.audience, 120);
	h.assertError(assert, await admin.del(`${API}/reporters/${rep.body.id}`), 409);
	assert.equal((await admin.del(`${API}/reporter-conferences/${c.body.id}`)).status, 200);
	assert.equal((await admin.del(`${API}/reporters/${rep.body.id}`)).status, 200);
	const lg = await srv.login('xa.kyhoa');
	h.assertError(assert, await lg.get(`${API}/reporters?unit_id=${id('SH-LG')}`), 404);
});
