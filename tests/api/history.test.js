'use strict';
/*
 * /history-projects: create, read, update, delete, validation naming the
 * field (nothing changes), scope, audit; the share of grassroots units of
 * a subtree that have published their Party history, recomputed from the
 * unit tree (also after a new commune is added); the demo figures in
 * /rollup and in the drafted report.
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
const rollup = async (client, code, period) => {
	const r = await client.get(`${API}/rollup?unit=${id(code)}&period=${period}`);
	assert.equal(r.status, 200, r.text);
	return r.body;
};

h.test('demo: Long Giang 2023 has 100% of its wards and communes with a published history, 5/7 in 2022', async () => {
	const y23 = await rollup(admin, 'SH-LG', '2023');
	const hist = y23.totals.history;
	assert.equal(hist.grassroots.ratio_text, '7/7');
	assert.equal(hist.grassroots.rounded_text, '100%');
	assert.deepEqual(hist.reprinted_units, ['Đảng ủy phường Mỹ Phước', 'Đảng ủy phường Phú Giang', 'Đảng ủy phường Hòa Thịnh']);
	assert.equal(hist.published, 2);
	const y22 = await rollup(admin, 'SH-LG', '2022');
	assert.equal(y22.totals.history.grassroots.ratio_text, '5/7');
	assert.equal(y22.totals.history.grassroots.rate_text, '71,43%');
	/* Per child: each ward is 1/1 or 0/1, and the children add up. */
	const kids = y22.children.map((c) => c.figures.history.grassroots);
	assert.equal(kids.reduce((s, g) => s + g.numerator, 0), 5);
	assert.equal(kids.reduce((s, g) => s + g.denominator, 0), 7);
});

h.test('demo: the province in 2024 published Kỳ Hoa and Kỳ Liên, compiles Kỳ Nam, and reads 9/12', async () => {
	const d = await rollup(admin, 'SH', '2024');
	const hist = d.totals.history;
	assert.deepEqual(hist.published_units, ['Đảng ủy xã Kỳ Hoa', 'Đảng ủy phường Kỳ Liên']);
	assert.deepEqual(hist.compiling_units, ['Đảng ủy xã Kỳ Nam']);
	assert.equal(hist.grassroots.text, '9/12, đạt 75%');
	const kn = d.children.find((c) => c.unit.code === 'SH-KN');
	assert.equal(kn.figures.history.grassroots.ratio_text, '0/1');
	assert.equal(kn.figures.history.compiling, 1);
	const cov = await admin.get(`${API}/history-projects/coverage?unit=${id('SH')}&date=2024-12-31`);
	assert.equal(cov.status, 200, cov.text);
	assert.equal(cov.body.share.ratio_text, '9/12');
	const missing = cov.body.units.filter((u) => !u.published_on).map((u) => u.code).sort();
	assert.deepEqual(missing, ['SH-KN', 'SH-KP', 'SH-SL']);
	assert.equal(cov.body.units.find((u) => u.code === 'SH-KN').compiling, true);
});

h.test('demo: the drafted reports state the histories in the seeds\' words', async () => {
	const r = await admin.post(`${API}/reports`, { unit_id: id('SH'), period: '2024' });
	assert.equal(r.status, 201, r.text);
	const text = r.body.results.join('\n');
	assert.match(text, /Đã chỉ đạo biên soạn và xuất bản lịch sử đảng bộ xã Kỳ Hoa, phường Kỳ Liên; đang chỉ đạo biên soạn lịch sử đảng bộ xã Kỳ Nam\./);
	assert.match(text, /Có 09\/12 đảng bộ phường, xã đã xuất bản lịch sử Đảng của đơn vị, đạt 75%/);
	const lg = await admin.post(`${API}/reports`, { unit_id: id('SH-LG'), period: '2023' });
	assert.equal(lg.status, 201, lg.text);
	const t2 = lg.body.results.join('\n');
	assert.match(t2, /100% các đảng bộ phường, xã đã xuất bản lịch sử Đảng của đơn vị; một số đơn vị đã tái bản như phường Mỹ Phước, Phú Giang, Hòa Thịnh\./);
});

h.test('history projects: create, get, list with filters, update the stage, delete, audited', async () => {
	const a0 = await h.lastAuditId(admin);
	const body = { unit_id: id('SH'), subject_unit_id: id('SH-SL'), title: 'Lịch sử Đảng bộ xã Sơn Lâm', stage: 'compiling', started_on: '2025-03-01' };
	const r = await admin.post(`${API}/history-projects`, body);
	assert.equal(r.status, 201, r.text);
	assert.equal(r.body.subject_code, 'SH-SL');
	assert.equal(r.body.published_on, null);
	assert.deepEqual((await admin.get(`${API}/history-projects/${r.body.id}`)).body, r.body);
	const l = await admin.get(`${API}/history-projects?subject_unit_id=${id('SH-SL')}`);
	assert.equal(l.body.total, 1);
	assert.equal((await admin.get(`${API}/history-projects?stage=reprinted`)).body.total, 3);
	assert.equal((await admin.get(`${API}/history-projects?from=2024-01-01&to=2024-12-31`)).body.total, 2);
	const before = await rollup(admin, 'SH', '2025');
	const u = await admin.patch(`${API}/history-projects/${r.body.id}`, { stage: 'published', published_on: '2025-10-20' });
	assert.equal(u.status, 200, u.text);
	assert.equal(u.body.stage, 'published');
	const after = await rollup(admin, 'SH', '2025');
	assert.equal(after.totals.history.grassroots.numerator, before.totals.history.grassroots.numerator + 1);
	assert.ok(after.totals.history.published_units.includes('Đảng ủy xã Sơn Lâm'));
	assert.equal((await admin.del(`${API}/history-projects/${r.body.id}`)).status, 200);
	assert.equal((await admin.get(`${API}/history-projects/${r.body.id}`)).status, 404);
	const rows = await h.auditSince(admin, a0, 'entity=history_project');
	assert.deepEqual(rows.map((x) => x.action), ['create', 'update', 'delete']);
	assert.equal(rows[1].before.stage, 'compiling');
	assert.equal(rows[1].after.stage, 'published');
});

h.test('history projects: every validation is a 400 naming the field, in Vietnamese, and changes nothing', async () => {
	const n0 = (await admin.get(`${API}/history-projects?limit=1`)).body.total;
	const a0 = await h.auditTotal(admin);
	const ok = { unit_id: id('SH'), subject_unit_id: id('SH-SL'), stage: 'published', started_on: '2024-01-01', published_on: '2024-06-01' };
	const cases = [
		[{ stage: 'printed' }, 'stage'],
		[{ stage: 'compiling', published_on: null, started_on: null }, 'started_on'],
		[{ stage: 'compiling' }, 'published_on'],
		[{ published_on: null }, 'published_on'],
		[{ published_on: '2023-12-01' }, 'published_on'], /* before the start */
		[{ published_on: '2999-01-01' }, 'published_on'],
		[{ published_on: '2024-02-30' }, 'published_on'],
		[{ stage: 'reprinted' }, 'reprinted_on'],
		[{ reprinted_on: '2024-07-01' }, 'reprinted_on'], /* not reprinted */
		[{ stage: 'reprinted', reprinted_on: '2024-05-01' }, 'reprinted_on'],
		[{ subject_unit_id: id('SH-KN'), unit_id: id('SH-KH') }, 'subject_unit_id'], /* not below the director */
		[{ title: 'x'.repeat(301) }, 'title'],
		[{ unit_id: 'SH' }, 'unit_id'],
		[{ secret: 1 }, 'secret'],
	];
	for (const [over, field] of cases)
		h.assertError(assert, await admin.post(`${API}/history-projects`, { ...ok, ...over }), 400, { field });
	const missing = { ...ok };
	delete missing.subject_unit_id;
	h.assertError(assert, await admin.post(`${API}/history-projects`, missing), 400, { field: 'subject_unit_id' });
	assert.equal((await admin.get(`${API}/history-projects?limit=1`)).body.total, n0);
	assert.equal(await h.auditTotal(admin), a0);
});

h.test('history projects: outside the subtree is 404; viewers read only', async () => {
	const kh = await srv.login('xa.kyhoa');
	const lgList = await admin.get(`${API}/history-projects?unit_id=${id('SH-LG')}&limit=1`);
	const lgId = lgList.body.items[0].id;
	h.assertError(assert, await kh.get(`${API}/history-projects/${lgId}`), 404);
	h.assertError(assert, await kh.patch(`${API}/history-projects/${lgId}`, { title: 'x' }), 404);
	h.assertError(assert, await kh.del(`${API}/history-projects/${lgId}`), 404);
	h.assertError(assert, await kh.get(`${API}/history-projects?unit_id=${id('SH-LG')}`), 404);
	h.assertError(assert, await kh.get(`${API}/history-projects/coverage?unit=${id('SH-LG')}`), 404);
	/* A commune cannot record the history of a unit outside it. */
	h.assertError(assert, await kh.post(`${API}/history-projects`, { unit_id: id('SH-KH'), subject_unit_id: id('SH-KN'), stage: 'planned' }), 404);
	const own = await kh.post(`${API}/history-projects`, { unit_id: id('SH-KH'), subject_unit_id: id('SH-KH'), stage: 'planned', title: 'Tái bản lần thứ nhất' });
	assert.equal(own.status, 201, own.text);
	const mine = await kh.get(`${API}/history-projects`);
	assert.deepEqual(mine.body.items.map((x) => x.unit_code), ['SH-KH']);
	const viewer = await srv.login('xem');
	assert.equal((await viewer.get(`${API}/history-projects?limit=1`)).status, 200);
	h.assertError(assert, await viewer.post(`${API}/history-projects`, { unit_id: id('SH'), subject_unit_id: id('SH'), stage: 'planned' }), 403);
	assert.equal((await kh.del(`${API}/history-projects/${own.body.id}`)).status, 200);
});

h.test('the share comes from the tree: a new commune lowers it, its published history restores it', async () => {
	const date = '2023-12-31';
	const share = async () => (await admin.get(`${API}/history-projects/coverage?unit=${id('SH-LG')}&date=${date}`)).body.share;
	assert.equal((await share()).ratio_text, '7/7');
	const u = await admin.post(`${API}/units`, { code: 'SH-LG-TH', name: 'Đảng ủy xã Tân Hội', short_name: 'X. Tân Hội', level: 'coso', parent_id: id('SH-LG'), valid_from: '2023-06-01' });
	assert.equal(u.status, 201, u.text);
	assert.equal((await share()).ratio_text, '7/8');
	const ru = await admin.get(`${API}/rollup?unit=${id('SH-LG')}&period=2023`);
	assert.equal(ru.body.totals.history.grassroots.text, '7/8, đạt 88%');
	/* Before the commune existed, the city was still complete. */
	const early = await admin.get(`${API}/history-projects/coverage?unit=${id('SH-LG')}&date=2023-05-31`);
	assert.equal(early.body.share.ratio_text, '7/7');
	const p = await admin.post(`${API}/history-projects`, { unit_id: id('SH-LG'), subject_unit_id: u.body.id, stage: 'published', published_on: '2023-11-15' });
	assert.equal(p.status, 201, p.text);
	assert.equal((await share()).ratio_text, '8/8');
	const ru2 = await admin.get(`${API}/rollup?unit=${id('SH-LG')}&period=2023`);
	assert.equal(ru2.body.totals.history.grassroots.rounded_text, '100%');
	assert.ok(ru2.body.totals.history.published_units.includes('Đảng ủy xã Tân Hội'));
	h.assertError(assert, await admin.get(`${API}/history-projects/coverage?unit=${id('SH-LG')}&date=2023-13-01`), 400, { field: 'date' });
});
