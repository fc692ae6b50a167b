'use strict';
/*
 * /opinion-topics, /opinion-reports (with /stats), /opinion-digest and the
 * opinion figures of /rollup: filing, editing rights, every refusal as a
 * 400/404 naming the field with nothing written, the privacy rule,
 * merging topics, aggregates and scoping, audit.
 */
const assert = require('node:assert/strict');
const { before, after } = require('node:test');
const h = require('./harness');

const API = h.API;
let srv, admin, units, topics;

before(async () => {
	srv = await h.start();
	admin = await srv.login('admin');
	units = await h.unitMap(admin);
	const t = await admin.get(`${API}/opinion-topics`);
	topics = new Map(t.body.items.map((x) => [x.code, x]));
});
after(() => srv.stop());

const id = (code) => units.get(code).id;
const topic = (code) => topics.get(code).id;
const rep = (over = {}) => ({
	unit_id: id('SH-LG-MP'), topic_id: topic('DD'), period_type: 'day', period: '2026-11-18',
	summary: 'Người dân quan tâm phương án bồi thường giải phóng mặt bằng tuyến đường mới.',
	share_agree: 60, share_concerned: 30, share_disagree: 10, intensity: 'high',
	recommendation: 'Đề nghị tổ chức đối thoại, công khai phương án bồi thường.', ...over,
});
const total = async (client = admin) => (await client.get(`${API}/opinion-reports?limit=1`)).body.total;

h.test('topics: the seeded tree with codes; admins edit it, others read', async () => {
	for (const code of ['DD', 'MT', 'YT', 'GD', 'GC', 'HT', 'ASXH', 'ANTT', 'XDD', 'CS'])
		assert.ok(topics.has(code), `topic ${code}`);
	assert.equal(topics.get('DD').name, 'Đất đai, giải phóng mặt bằng');
	const viewer = await srv.login('xem');
	assert.equal((await viewer.get(`${API}/opinion-topics`)).status, 200);
	h.assertError(assert, await viewer.post(`${API}/opinion-topics`, { code: 'X', name: 'X' }), 403);
	const sub = await admin.post(`${API}/opinion-topics`, { code: 'DD-TDC', name: 'Tái định cư', parent_id: topic('DD') });
	assert.equal(sub.status, 201, sub.text);
	assert.equal(sub.body.parent_id, topic('DD'));
	h.assertError(assert, await admin.post(`${API}/opinion-topics`, { code: 'DD', name: 'Trùng' }), 409, { field: 'code' });
	h.assertError(assert, await admin.post(`${API}/opinion-topics`, { code: 'dd x', name: 'Sai mã' }), 400, { field: 'code' });
	h.assertError(assert, await admin.patch(`${API}/opinion-topics/${topic('DD')}`, { parent_id: sub.body.id }), 400, { field: 'parent_id' });
	const ren = await admin.patch(`${API}/opinion-topics/${sub.body.id}`, { name: 'Tái định cư, bố trí đất ở' });
	assert.equal(ren.status, 200, ren.text);
});

h.test('topics: merging keeps history and counts the reports under the survivor', async () => {
	const old = await admin.post(`${API}/opinion-topics`, { code: 'RAC', name: 'Rác thải sinh hoạt' });
	assert.equal(old.status, 201, old.text);
	const r = await admin.post(`${API}/opinion-reports`, rep({ topic_id: old.body.id, unit_id: id('SH-KH'), period: '2026-11-17', intensity: 'medium' }));
	assert.equal(r.status, 201, r.text);
	const m = await admin.post(`${API}/opinion-topics/${old.body.id}/merge`, { into: topic('MT') });
	assert.equal(m.status, 200, m.text);
	assert.equal(m.body.merged_into, topic('MT'));
	assert.equal(m.body.active, false);
	/* the report keeps its topic, and is found under the survivor */
	const g = await admin.get(`${API}/opinion-reports/${r.body.id}`);
	assert.equal(g.body.topic_id, old.body.id);
	assert.equal(g.body.topic_merged_into, topic('MT'));
	const byMt = await admin.get(`${API}/opinion-reports?topic_id=${topic('MT')}&unit_id=${id('SH-KH')}&from=2026-11-17&to=2026-11-17`);
	assert.deepEqual(byMt.body.items.map((x) => x.id), [r.body.id]);
	const st = await admin.get(`${API}/opinion-reports/stats?unit=${id('SH-KH')}&from=2026-11-17&to=2026-11-17`);
	assert.equal(st.status, 200, st.text);
	assert.deepEqual(st.body.topics.map((t) => t.code), ['MT']);
	/* no new report on a merged topic; no merging twice */
	h.assertError(assert, await admin.post(`${API}/opinion-reports`, rep({ topic_id: old.body.id, period: '2026-11-16' })), 400, { field: 'topic_id' });
	h.assertError(assert, await admin.post(`${API}/opinion-topics/${old.body.id}/merge`, { into: topic('YT') }), 400, { field: 'into' });
	assert.equal((await admin.del(`${API}/opinion-reports/${r.body.id}`)).status, 200);
});

h.test('reports: a collaborator files this week\'s report; read, list, update, delete, audited', async () => {
	const a0 = await h.lastAuditId(admin);
	const ward = await srv.login('phuong.myphuoc');
	const r = await ward.post(`${API}/opinion-reports`, rep());
	assert.equal(r.status, 201, r.text);
	assert.equal(r.body.unit_code, 'SH-LG-MP');
	assert.equal(r.body.topic_code, 'DD');
	assert.equal(r.body.period, '2026-11-18');
	assert.equal(r.body.share_not_expressed, 0);
	assert.equal(r.body.author_id, ward.user.id);
	assert.deepEqual((await admin.get(`${API}/opinion-reports/${r.body.id}`)).body, r.body);
	const mine = await ward.get(`${API}/opinion-reports?mine=1`);
	assert.deepEqual(mine.body.items.map((x) => x.id), [r.body.id]);
	const u = await ward.patch(`${API}/opinion-reports/${r.body.id}`, { share_agree: 50, intensity: 'medium' });
	assert.equal(u.status, 200, u.text);
	assert.equal(u.body.share_not_expressed, 10);
	/* week and month keys */
	const w = await ward.post(`${API}/opinion-reports`, rep({ period_type: 'month', period: '2026-10', topic_id: topic('CS') }));
	assert.equal(w.status, 201, w.text);
	assert.equal(w.body.period_start, '2026-10-01');
	assert.equal(w.body.period_end, '2026-10-31');
	h.assertError(assert, await ward.post(`${API}/opinion-reports`, rep({ period_type: 'month', period: '2026-10', topic_id: topic('CS') })), 409);
	assert.equal((await ward.del(`${API}/opinion-reports/${w.body.id}`)).status, 200);
	const rows = await h.auditSince(admin, a0, 'entity=opinion_report');
	assert.deepEqual(rows.map((x) => x.action), ['create', 'update', 'create', 'delete']);
	assert.equal((await ward.del(`${API}/opinion-reports/${r.body.id}`)).status, 200);
});

h.test('reports: every bad input is a 400/404 naming the field, in Vietnamese, and writes nothing', async () => {
	const n0 = await total();
	const a0 = await h.auditTotal(admin);
	const cases = [
		[{ share_agree: 101 }, 'share_agree'],
		[{ share_concerned: -1 }, 'share_concerned'],
		[{ share_agree: 70, share_concerned: 30, share_disagree: 10 }, 'share_disagree'],
		[{ topic_id: 999999 }, 'topic_id'],
		[{ period_type: 'week', period: '2026-11' }, 'period'],
		[{ period_type: 'month', period: '2026-W47' }, 'period'],
		[{ period_type: 'day', period: '2026-02-30' }, 'period'],
		[{ period_type: 'quarter', period: '2026-Q3' }, 'period_type'],
		[{ period: '2999-01-01' }, 'period'],
		[{ intensity: 'extreme' }, 'intensity'],
		[{ summary: '' }, 'summary'],
		[{ summary: 'Ông A, số điện thoại 0912345678, phản đối' }, 'summary'],
		[{ summary: 'CCCD 079203001234 khiếu nại' }, 'summary'],
		[{ summary: 'gọi +84 912 345 678' }, 'summary'],
		[{ recommendation: 'liên hệ nguyenvana@gmail.com' }, 'recommendation'],
		[{ recommendation: 'xem https://facebook.com/nguyenvana' }, 'recommendation'],
		[{ citizen_name: 'Nguyễn Văn A' }, 'citizen_name'],
		[{ unit_id: 'x' }, 'unit_id'],
	];
	for (const [over, field] of cases) {
		const e = h.assertError(assert, await admin.post(`${API}/opinion-reports`, rep(over)), 400, { field });
		if (field === 'summary' && over.summary)
			assert.match(e.message, /không nêu thông tin nhận diện/);
	}
	/* plausible look-alikes pass */
	const ok = await admin.post(`${API}/opinion-reports`, rep({
		unit_id: id('SH-KN'), period: '2026-11-19',
		summary: 'Quán triệt 05-NQ/TU; hỗ trợ 1.500.000 đồng mỗi hộ từ ngày 15/06/2022; 8.199 lượt người.',
	}));
	assert.equal(ok.status, 201, ok.text);
	assert.equal((await admin.del(`${API}/opinion-reports/${ok.body.id}`)).status, 200);
	/* outside the subtree: 404; a contributor only for their own unit */
	const kh = await srv.login('xa.kyhoa');
	h.assertError(assert, await kh.post(`${API}/opinion-reports`, rep()), 404);
	const cell = await srv.login('chibo.01');
	h.assertError(assert, await cell.post(`${API}/opinion-reports`, rep()), 404);
	const ward = await srv.login('phuong.myphuoc');
	h.assertError(assert, await ward.post(`${API}/opinion-reports`, rep({ unit_id: id('SH-LG-MP-CB02') })), 403);
	const viewer = await srv.login('xem');
	h.assertError(assert, await viewer.post(`${API}/opinion-reports`, rep()), 403);
	assert.equal(await total(), n0);
	/* refused accesses are audited, writes are not */
	const rows = await h.auditSince(admin, 0, 'entity=opinion_report');
	assert.ok(rows.every((x) => x.action !== 'create' || x.entity_id), 'no stray create');
	assert.ok((await h.auditTotal(admin)) >= a0);
});

h.test('reports: editable by the author and by leaders/admins of the subtree only', async () => {
	const ward = await srv.login('phuong.myphuoc');
	const r = await ward.post(`${API}/opinion-reports`, rep({ topic_id: topic('YT'), period: '2026-11-20' }));
	assert.equal(r.status, 201, r.text);
	const spec = await srv.login('chuyenvien');
	h.assertError(assert, await spec.patch(`${API}/opinion-reports/${r.body.id}`, { intensity: 'low' }), 403);
	h.assertError(assert, await spec.del(`${API}/opinion-reports/${r.body.id}`), 403);
	const city = await srv.login('thanhuy');
	assert.equal((await city.patch(`${API}/opinion-reports/${r.body.id}`, { intensity: 'low' })).status, 200);
	const kh = await srv.login('xa.kyhoa');
	h.assertError(assert, await kh.get(`${API}/opinion-reports/${r.body.id}`), 404);
	h.assertError(assert, await kh.patch(`${API}/opinion-reports/${r.body.id}`, { intensity: 'low' }), 404);
	assert.equal((await kh.get(`${API}/opinion-reports?limit=1`)).body.items.every((x) => x.unit_code.startsWith('SH-KH')), true);
	h.assertError(assert, await kh.get(`${API}/opinion-reports?unit_id=${id('SH-LG')}`), 404);
	h.assertError(assert, await ward.patch(`${API}/opinion-reports/${r.body.id}`, { unit_id: id('SH-LG-PG') }), 400, { field: 'unit_id' });
	h.assertError(assert, await ward.patch(`${API}/opinion-reports/${r.body.id}`, { summary: 'zalo.me/0912345678' }), 400, { field: 'summary' });
	assert.equal((await admin.del(`${API}/opinion-reports/${r.body.id}`)).status, 200);
});

h.test('reports: frozen once the unit\'s periodic report covering them is submitted, editable again after a reopen', async () => {
	const made = await admin.post(`${API}/opinion-reports`, rep({ unit_id: id('SH-KN'), period: '2026-10-14' }));
	assert.equal(made.status, 201, made.text);
	const url = `${API}/opinion-reports/${made.body.id}`;
	assert.equal((await admin.patch(url, { intensity: 'medium' })).status, 200);
	const monthly = await admin.post(`${API}/reports`, { unit_id: id('SH-KN'), period: '2026-10' });
	assert.equal(monthly.status, 201, monthly.text);
	const sub = await admin.post(`${API}/reports/${monthly.body.id}/submit`, {});
	assert.equal(sub.status, 200, sub.text);
	const before = await admin.get(url);
	h.assertError(assert, await admin.patch(url, { intensity: 'low' }), 409);
	h.assertError(assert, await admin.del(url), 409);
	assert.deepEqual((await admin.get(url)).body, before.body, 'nothing changed');
	/* A report of another unit or another month does not freeze it. */
	const other = await admin.post(`${API}/opinion-reports`, rep({ unit_id: id('SH-KN'), period: '2026-11-03' }));
	assert.equal(other.status, 201, other.text);
	assert.equal((await admin.patch(`${API}/opinion-reports/${other.body.id}`, { intensity: 'low' })).status, 200);
	const re = await admin.post(`${API}/reports/${monthly.body.id}/reopen`, { reason: 'Bổ sung số liệu dư luận' });
	assert.equal(re.status, 200, re.text);
	assert.equal((await admin.patch(url, { intensity: 'low' })).status, 200);
});

h.test('aggregates: volume, intensity, weighted shares, trend and top localities over a subtree', async () => {
	const st = await admin.get(`${API}/opinion-reports/stats?unit=${id('SH-LG')}&from=2026-11-09&to=2026-11-22`);
	assert.equal(st.status, 200, st.text);
	const d = st.body;
	assert.equal(d.previous_from, '2026-10-26');
	assert.equal(d.shares.weighting, 'reports');
	assert.equal(d.reports, d.intensity.low + d.intensity.medium + d.intensity.high);
	assert.equal(d.topics.reduce((s, t) => s + t.reports, 0), d.reports);
	const dd = d.topics.find((t) => t.code === 'DD');
	assert.equal(dd.trend, 'up');
	assert.ok(dd.reports >= 9 && dd.change > 0, JSON.stringify(dd));
	assert.ok(dd.intensity.high >= 9);
	assert.ok(dd.localities.length > 0 && dd.localities.every((u) => u.code.startsWith('SH-LG-')));
	const s = dd.shares;
	assert.ok(Math.abs(s.agree + s.concerned + s.disagree + s.not_expressed - 100) < 0.5);
	assert.ok(d.series.length >= 2);
	const kh = await srv.login('xa.kyhoa');
	h.assertError(assert, await kh.get(`${API}/opinion-reports/stats?unit=${id('SH-LG')}`), 404);
	h.assertError(assert, await admin.get(`${API}/opinion-reports/stats?from=2026-12-01&to=2026-01-01`), 400, { field: 'to' });
});

h.test('digest: the week and the four before it, rising and high-intensity topics, recommendations', async () => {
	const r = await admin.get(`${API}/opinion-digest?unit=${id('SH')}&week=2026-W47`);
	assert.equal(r.status, 200, r.text);
	const d = r.body;
	assert.deepEqual(d.weeks, ['2026-W43', '2026-W44', '2026-W45', '2026-W46', '2026-W47']);
	assert.equal(d.from, '2026-11-16');
	assert.equal(d.to, '2026-11-22');
	assert.match(d.title, /tuần 47\/2026/);
	assert.deepEqual(d.rising.map((t) => t.code), ['DD']);
	const dd = d.rising[0];
	assert.equal(dd.weeks.length, 5);
	assert.ok(dd.weeks[4] > dd.weeks[0]);
	assert.ok(d.high_intensity.length >= 6);
	assert.ok(d.high_intensity.every((x) => x.intensity === 'high'));
	assert.ok(d.recommendations.length >= 6);
	assert.equal(d.recommendations[0].intensity, 'high');
	assert.equal(d.reports, d.topics.reduce((s, t) => s + t.reports, 0));
	/* a commune elsewhere sees none of that rise */
	const kh = await srv.login('xa.kyhoa');
	const own = await kh.get(`${API}/opinion-digest?week=2026-W47`);
	assert.equal(own.status, 200);
	assert.equal(own.body.unit.code, 'SH-KH');
	assert.deepEqual(own.body.rising, []);
	h.assertError(assert, await kh.get(`${API}/opinion-digest?unit=${id('SH-LG')}&week=2026-W47`), 404);
	h.assertError(assert, await admin.get(`${API}/opinion-digest?week=2026-11`), 400, { field: 'week' });
	h.assertError(assert, await admin.get(`${API}/opinion-digest?week=2026-W60`), 400, { field: 'week' });
});

h.test('roll-up: opinion reports and hot spots of the year, children adding up to the totals', async () => {
	const r = await admin.get(`${API}/rollup?unit=${id('SH')}&period=2026`);
	assert.equal(r.status, 200, r.text);
	const t = r.body.totals;
	assert.ok(t.opinion.reports > 900);
	assert.equal(t.opinion.shares.weighting, 'reports');
	assert.equal(t.hotspots.resolved, 10);
	assert.equal(t.hotspots.open, 5);
	assert.deepEqual(t.hotspots.by_status, { detected: 2, handling: 3, resolved: 4, closed: 6 });
	assert.ok(t.hotspots.average_days_to_resolve > 0);
	assert.ok(t.hotspots.longest_days_to_resolve >= t.hotspots.average_days_to_resolve);
	let n = r.body.own.opinion.reports, res = r.body.own.hotspots.resolved;
	for (const c of r.body.children) {
		n += c.figures.opinion.reports;
		res += c.figures.hotspots.resolved;
	}
	assert.equal(n, t.opinion.reports);
	assert.equal(res, 10);
	const lg = r.body.children.find((c) => c.unit.code === 'SH-LG');
	assert.equal(lg.figures.opinion.topics[0].code !== undefined, true);
	/* a report filed now is in the next roll-up */
	const add = await admin.post(`${API}/opinion-reports`, rep({ unit_id: id('SH-SL'), period: '2026-11-21' }));
	assert.equal(add.status, 201, add.text);
	const r2 = await admin.get(`${API}/rollup?unit=${id('SH')}&period=2026`);
	assert.equal(r2.body.totals.opinion.reports, t.opinion.reports + 1);
	assert.equal(r2.body.totals.opinion.intensity.high, t.opinion.intensity.high + 1);
	assert.equal((await admin.del(`${API}/opinion-reports/${add.body.id}`)).status, 200);
});
