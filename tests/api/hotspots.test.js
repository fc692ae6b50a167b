'use strict';
/*
 * /hotspots: the demo's 15 cases in every status, opening a case from an
 * opinion report, the status machine (only the allowed transitions, a
 * reopen needs a reason, resolving needs its summary), the dated
 * timeline, the counts by topic and unit, roles, scope, privacy, audit.
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
	topics = new Map(t.body.items.map((x) => [x.code, x.id]));
});
after(() => srv.stop());

const id = (code) => units.get(code).id;
const spot = (over = {}) => ({
	unit_id: id('SH-LG-MP'), topic_id: topics.get('DD'), title: 'Khiếu nại giá bồi thường dự án đường ven sông',
	opened_on: '2026-11-02', severity: 'high', lead_agency: 'UBND phường Mỹ Phước',
	coordinating_units: ['Mặt trận Tổ quốc phường', 'Phòng Tài nguyên và Môi trường'], ...over,
});
const count = async () => (await admin.get(`${API}/hotspots?limit=1`)).body.total;

h.test('demo: 15 hot spots in every status, 10 resolved in 2026', async () => {
	const all = await admin.get(`${API}/hotspots?limit=100`);
	assert.equal(all.body.total, 15);
	const by = {};
	for (const x of all.body.items) by[x.status] = (by[x.status] || 0) + 1;
	assert.deepEqual(by, { detected: 2, handling: 3, resolved: 4, closed: 6 });
	const st = await admin.get(`${API}/hotspots/stats?unit=${id('SH')}&period=2026`);
	assert.equal(st.status, 200, st.text);
	assert.equal(st.body.resolved, 10);
	assert.equal(st.body.open, 5);
	assert.equal(st.body.opened, 14);
	assert.equal(st.body.text, 'đã phối hợp giải quyết 10 vụ việc');
	assert.equal(st.body.longest_days_to_resolve, 78);
	assert.ok(st.body.average_days_to_resolve > 10);
	assert.equal(st.body.by_topic.reduce((s, t) => s + t.resolved, 0), 10);
	assert.equal(st.body.by_unit.reduce((s, t) => s + t.resolved, 0), 10);
	const dd = st.body.by_topic.find((t) => t.code === 'DD');
	assert.ok(dd.opened >= 5);
	const closed = all.body.items.find((x) => x.status === 'closed');
	const full = await admin.get(`${API}/hotspots/${closed.id}`);
	assert.deepEqual(full.body.timeline.map((x) => x.status_to || x.kind),
		['detected', 'handling', 'action', 'resolved', 'closed']);
	assert.ok(full.body.coordinating_units.length >= 1);
	const kh = await srv.login('xa.kyhoa');
	const mine = await kh.get(`${API}/hotspots?limit=100`);
	assert.ok(mine.body.items.every((x) => x.unit_code.startsWith('SH-KH')));
	h.assertError(assert, await kh.get(`${API}/hotspots/${closed.id}`), 404);
	h.assertError(assert, await kh.get(`${API}/hotspots/stats?unit=${id('SH-LG')}`), 404);
});

h.test('a specialist opens a hot spot from a concern and handles it to the end, audited', async () => {
	const a0 = await h.lastAuditId(admin);
	const spec = await srv.login('chuyenvien');
	const ward = await srv.login('phuong.myphuoc');
	const rep = await ward.post(`${API}/opinion-reports`, {
		unit_id: id('SH-LG-MP'), topic_id: topics.get('DD'), period_type: 'day', period: '2026-11-01',
		summary: 'Nhiều hộ băn khoăn về giá bồi thường.', share_agree: 60, share_concerned: 30, share_disagree: 10,
		intensity: 'high', recommendation: 'Đề nghị đối thoại.',
	});
	assert.equal(rep.status, 201, rep.text);
	const c = await spec.post(`${API}/hotspots`, spot({ report_id: rep.body.id }));
	assert.equal(c.status, 201, c.text);
	const hs = c.body;
	assert.equal(hs.status, 'detected');
	assert.equal(hs.report_id, rep.body.id);
	assert.deepEqual(hs.coordinating_units, ['Mặt trận Tổ quốc phường', 'Phòng Tài nguyên và Môi trường']);
	assert.equal(hs.timeline.length, 1);
	const url = `${API}/hotspots/${hs.id}`;
	/* forbidden transitions */
	h.assertError(assert, await spec.post(`${url}/status`, { status: 'resolved', date: '2026-11-03', resolution: 'x' }), 400, { field: 'status' });
	h.assertError(assert, await spec.post(`${url}/status`, { status: 'closed', date: '2026-11-03' }), 400, { field: 'status' });
	h.assertError(assert, await spec.post(`${url}/status`, { status: 'open' }), 400, { field: 'status' });
	h.assertError(assert, await spec.patch(url, { status: 'closed' }), 400, { field: 'status' });
	let r = await spec.post(`${url}/status`, { status: 'handling', date: '2026-11-03', note: 'Giao UBND phường chủ trì' });
	assert.equal(r.status, 200, r.text);
	h.assertError(assert, await spec.post(`${url}/actions`, { date: '2026-11-01', note: 'trước ngày phát hiện' }), 400, { field: 'date' });
	h.assertError(assert, await spec.post(`${url}/actions`, { date: '2999-01-01', note: 'tương lai' }), 400, { field: 'date' });
	h.assertError(assert, await spec.post(`${url}/actions`, { date: '2026-11-04', note: 'Gọi ông B số 0912345678' }), 400, { field: 'note' });
	r = await spec.post(`${url}/actions`, { date: '2026-11-05', note: 'Tổ chức đối thoại với các hộ' });
	assert.equal(r.status, 201, r.text);
	h.assertError(assert, await spec.post(`${url}/status`, { status: 'resolved', date: '2026-11-04', resolution: 'Xong' }), 400, { field: 'date' });
	h.assertError(assert, await spec.post(`${url}/status`, { status: 'resolved', date: '2026-11-10' }), 400, { field: 'resolution' });
	r = await spec.post(`${url}/status`, { status: 'resolved', date: '2026-11-10', resolution: 'Điều chỉnh đơn giá, các hộ đồng thuận.' });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.resolved_on, '2026-11-10');
	assert.equal(r.body.days_to_resolve, 8);
	r = await spec.post(`${url}/status`, { status: 'closed', date: '2026-11-12' });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.closed_on, '2026-11-12');
	h.assertError(assert, await spec.post(`${url}/actions`, { date: '2026-11-13', note: 'sau khi kết thúc' }), 400);
	/* reopen needs a reason */
	h.assertError(assert, await spec.post(`${url}/status`, { status: 'handling', date: '2026-11-15' }), 400, { field: 'reason' });
	r = await spec.post(`${url}/status`, { status: 'handling', date: '2026-11-15', reason: 'Phát sinh khiếu nại mới' });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.resolved_on, null);
	assert.equal(r.body.days_to_resolve, null);
	assert.deepEqual(r.body.timeline.map((x) => x.status_to || x.kind),
		['detected', 'handling', 'action', 'resolved', 'closed', 'handling']);
	assert.equal(r.body.timeline[5].note, 'Phát sinh khiếu nại mới');
	const u = await spec.patch(url, { severity: 'medium', coordinating_units: ['Công an phường'] });
	assert.equal(u.status, 200, u.text);
	assert.deepEqual(u.body.coordinating_units, ['Công an phường']);
	const rows = await h.auditSince(admin, a0, 'entity=hotspot');
	assert.deepEqual(rows.map((x) => x.action), ['create', 'update', 'update', 'update', 'update', 'update', 'update']);
	assert.equal((await spec.del(url)).status, 200);
	assert.equal((await spec.get(url)).status, 404);
});

h.test('hot spots: bad input, roles and scope refused with nothing written', async () => {
	const n0 = await count();
	const cases = [
		[{ severity: 'extreme' }, 'severity'],
		[{ topic_id: 999999 }, 'topic_id'],
		[{ opened_on: '2999-01-01' }, 'opened_on'],
		[{ opened_on: '2026-13-01' }, 'opened_on'],
		[{ title: '' }, 'title'],
		[{ title: 'Hộ ông A, CCCD 079203001234' }, 'title'],
		[{ lead_agency: 'liên hệ a@b.vn' }, 'lead_agency'],
		[{ coordinating_units: 'Công an' }, 'coordinating_units'],
		[{ coordinating_units: ['facebook.com/nguyenvana'] }, 'coordinating_units'],
		[{ report_id: 999999 }, 'report_id'],
		[{ citizen_phone: '0912345678' }, 'citizen_phone'],
	];
	for (const [over, field] of cases)
		h.assertError(assert, await admin.post(`${API}/hotspots`, spot(over)), 400, { field });
	const ward = await srv.login('phuong.myphuoc');
	h.assertError(assert, await ward.post(`${API}/hotspots`, spot()), 403);
	const viewer = await srv.login('xem');
	h.assertError(assert, await viewer.post(`${API}/hotspots`, spot()), 403);
	const kh = await srv.login('xa.kyhoa');
	h.assertError(assert, await kh.post(`${API}/hotspots`, spot()), 404);
	assert.equal(await count(), n0);
	h.assertError(assert, await admin.get(`${API}/hotspots?status=open`), 400, { field: 'status' });
	const open = await admin.get(`${API}/hotspots?status=handling`);
	assert.equal(open.body.total, 3);
	const spotKh = open.body.items.find((x) => !x.unit_code.startsWith('SH-KH'));
	h.assertError(assert, await kh.post(`${API}/hotspots/${spotKh.id}/status`, { status: 'resolved', resolution: 'x' }), 404);
	h.assertError(assert, await viewer.post(`${API}/hotspots/${spotKh.id}/actions`, { date: '2026-11-20', note: 'x' }), 403);
});
