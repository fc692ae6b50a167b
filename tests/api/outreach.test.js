'use strict';
/*
 * /outreach: a unit's own pages and channels, aggregate posts, shares and
 * followers per period; create, read, update, delete, validation naming
 * the field (nothing changes), overlapping periods refused, scope, audit;
 * sums over a subtree (followers: each channel's latest figure); the demo
 * city's 2.400 posts and 395.580 shares and followers in 2022-H1.
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
const entry = (over = {}) => ({
	unit_id: id('SH-KP'), channel_kind: 'facebook', channel_name: 'Đảng ủy xã Kỳ Phong', period: '2025-03',
	posts: 40, shares: 1200, followers: 3000, ...over,
});
const rollup = async (code, period) => (await admin.get(`${API}/rollup?unit=${id(code)}&period=${period}`)).body;

h.test('demo: Long Giang 2022-H1, 2.400 posts and 395.580 shares and followers, in the roll-up and the report', async () => {
	const d = await rollup('SH-LG', '2022-H1');
	const o = d.totals.outreach;
	assert.equal(o.posts, 2400);
	assert.equal(o.shares_and_followers, 395580);
	assert.equal(o.shares + o.followers, 395580);
	assert.equal(o.channels, 12);
	/* Followers are each channel's June figure, not six months added. */
	const june = await admin.get(`${API}/outreach?unit_id=${id('SH-LG')}&from=2022-06-01&to=2022-06-30`);
	const may = await admin.get(`${API}/outreach?unit_id=${id('SH-LG')}&from=2022-05-01&to=2022-05-31`);
	const cityOwn = d.own.outreach;
	assert.equal(cityOwn.followers, june.body.items.reduce((s, x) => s + x.followers, 0));
	assert.ok(may.body.items.reduce((s, x) => s + x.followers, 0) < cityOwn.followers);
	const kids = d.children.reduce((s, c) => s + c.figures.outreach.posts, 0);
	assert.equal(kids + cityOwn.posts, 2400);
	const rep = await admin.post(`${API}/reports`, { unit_id: id('SH-LG'), period: '2022-H1' });
	assert.equal(rep.status, 201, rep.text);
	assert.match(rep.body.results.join('\n'), /2\.400 lượt tin bài, có 395\.580 lượt chia sẻ và theo dõi/);
	/* The province adds Kỳ Hoa's fanpage: honest, larger sums. */
	const sh = await rollup('SH', '2022-H1');
	assert.equal(sh.totals.outreach.posts, 2500);
	assert.equal(sh.totals.outreach.shares_and_followers, 395580 + 6500 + 2180);
});

h.test('outreach: create, get, filter, update, delete, audited; sums follow', async () => {
	const a0 = await h.lastAuditId(admin);
	const r = await admin.post(`${API}/outreach`, entry());
	assert.equal(r.status, 201, r.text);
	assert.equal(r.body.period_start, '2025-03-01');
	assert.equal(r.body.period_end, '2025-03-31');
	assert.deepEqual((await admin.get(`${API}/outreach/${r.body.id}`)).body, r.body);
	const r2 = await admin.post(`${API}/outreach`, entry({ period: '2025-04', posts: 35, shares: 900, followers: 3100 }));
	assert.equal(r2.status, 201, r2.text);
	const z = await admin.post(`${API}/outreach`, entry({ channel_kind: 'zalo', channel_name: 'Xã Kỳ Phong', period: '2025-Q2', posts: 10, shares: 50, followers: 700 }));
	assert.equal(z.status, 201, z.text);
	const l = await admin.get(`${API}/outreach?unit_id=${id('SH-KP')}&channel_kind=facebook`);
	assert.deepEqual(l.body.items.map((x) => x.period), ['2025-04', '2025-03']);
	const kp = (await rollup('SH-KP', '2025-H1')).totals.outreach;
	assert.deepEqual([kp.entries, kp.channels, kp.posts, kp.shares, kp.followers], [3, 2, 85, 2150, 3100 + 700]);
	const q1 = (await rollup('SH-KP', '2025-Q1')).totals.outreach;
	assert.deepEqual([q1.posts, q1.followers], [40, 3000]);
	const u = await admin.patch(`${API}/outreach/${r.body.id}`, { posts: 45 });
	assert.equal(u.status, 200, u.text);
	assert.equal(u.body.posts, 45);
	assert.equal((await rollup('SH', '2025-H1')).totals.outreach.posts, 90);
	for (const x of [r, r2, z]) assert.equal((await admin.del(`${API}/outreach/${x.body.id}`)).status, 200);
	assert.equal((await admin.get(`${API}/outreach/${r.body.id}`)).status, 404);
	const rows = await h.auditSince(admin, a0, 'entity=outreach');
	assert.deepEqual(rows.map((x) => x.action), ['create', 'create', 'create', 'update', 'delete', 'delete', 'delete']);
});

h.test('outreach: every validation is a 400 (409 for a period already counted) naming the field, and changes nothing', async () => {
	const first = await admin.post(`${API}/outreach`, entry({ period: '2025-06' }));
	assert.equal(first.status, 201, first.text);
	const n0 = (await admin.get(`${API}/outreach?limit=1`)).body.total;
	const a0 = await h.auditTotal(admin);
	const cases = [
		[{ channel_kind: 'myspace' }, 'channel_kind'],
		[{ channel_name: '' }, 'channel_name'],
		[{ period: '2025-13' }, 'period'],
		[{ period: '2025-01-01..2025-02-01' }, 'period'],
		[{ period: '2999' }, 'period'],
		[{ posts: -1 }, 'posts'],
		[{ shares: 1.5 }, 'shares'],
		[{ followers: 'nhiều' }, 'followers'],
		[{ period: '2019-05' }, 'unit_id'], /* before the unit existed */
		[{ account: 'nguoi.dan.123' }, 'account'], /* nothing about anyone's account */
	];
	for (const [over, field] of cases)
		h.assertError(assert, await admin.post(`${API}/outreach`, entry(over)), 400, { field });
	h.assertError(assert, await admin.post(`${API}/outreach`, entry({ period: '2025-06' })), 409, { field: 'period' });
	h.assertError(assert, await admin.post(`${API}/outreach`, entry({ period: '2025-Q2' })), 409, { field: 'period' });
	h.assertError(assert, await admin.post(`${API}/outreach`, entry({ period: '2025-W24' })), 409, { field: 'period' });
	assert.equal((await admin.get(`${API}/outreach?limit=1`)).body.total, n0);
	assert.equal(await h.auditTotal(admin), a0);
	assert.equal((await admin.del(`${API}/outreach/${first.body.id}`)).status, 200);
});

h.test('outreach: outside the subtree is 404; contributors enter for their own unit; viewers read', async () => {
	const kh = await srv.login('xa.kyhoa');
	const lg = await admin.get(`${API}/outreach?unit_id=${id('SH-LG')}&limit=1`);
	const other = lg.body.items[0].id;
	h.assertError(assert, await kh.get(`${API}/outreach/${other}`), 404);
	h.assertError(assert, await kh.patch(`${API}/outreach/${other}`, { posts: 1 }), 404);
	h.assertError(assert, await kh.del(`${API}/outreach/${other}`), 404);
	h.assertError(assert, await kh.get(`${API}/outreach?unit_id=${id('SH-LG')}`), 404);
	h.assertError(assert, await kh.get(`${API}/rollup?unit=${id('SH-LG')}&period=2022-H1`), 404);
	const mine = await kh.get(`${API}/outreach`);
	assert.deepEqual(mine.body.items.map((x) => x.period), ['2022-Q2', '2022-Q1']);
	const ward = await srv.login('phuong.myphuoc');
	h.assertError(assert, await ward.post(`${API}/outreach`, entry({ unit_id: id('SH-LG') })), 404);
	h.assertError(assert, await ward.post(`${API}/outreach`, entry({ unit_id: id('SH-LG-MP-CB01') })), 403);
	const w = await ward.post(`${API}/outreach`, entry({ unit_id: id('SH-LG-MP'), channel_name: 'Đảng ủy phường Mỹ Phước' }));
	assert.equal(w.status, 201, w.text);
	const viewer = await srv.login('xem');
	h.assertError(assert, await viewer.post(`${API}/outreach`, entry()), 403);
	assert.equal((await viewer.get(`${API}/outreach/${w.body.id}`)).status, 200);
});
