'use strict';
/*
 * Periodic reports (issue 6): drafting from the roll-up with the number
 * from the outgoing register, free text kept across regeneration, exports,
 * submission and reopening, the upper unit's status view, deadlines, and
 * the bad inputs (period syntax, period not ended, outside the subtree,
 * submitting twice).
 */
const assert = require('node:assert/strict');
const { before, after } = require('node:test');
const h = require('./harness');

const API = h.API;
let srv, admin, city, units, report;

before(async () => {
	srv = await h.start();
	admin = await srv.login('admin');
	city = await srv.login('thanhuy');
	units = await h.unitMap(admin);
});
after(() => srv.stop());

const id = (code) => units.get(code).id;

h.test('the city leader drafts 2022-H1: header, number, date and the figures in sentences', async () => {
	const since = await h.lastAuditId(admin);
	const r = await city.post(`${API}/reports`, { unit_id: id('SH-LG'), period: '2022-H1' });
	assert.equal(r.status, 201, r.text);
	report = r.body;
	assert.equal(report.kind, 'half');
	assert.equal(report.status, 'draft');
	assert.equal(report.provisional, false);
	assert.match(report.symbol, /^\d{2,}-BC\/ThU$/);
	assert.equal(report.header_committee, 'ĐẢNG BỘ TỈNH SƠN HÀ');
	assert.equal(report.header_unit, 'THÀNH ỦY LONG GIANG');
	assert.equal(report.place_date, 'Long Giang, ngày 15 tháng 6 năm 2022');
	assert.equal(report.period_text, '6 tháng đầu năm 2022');
	const text = report.results.join('\n');
	assert.match(text, /Đã tổ chức 321 hội nghị học tập/);
	assert.match(text, /với 8\.196\/8\.272 đảng viên tham dự, đạt 99%/);
	assert.match(text, /148 hoạt động chính trị, kỷ niệm các ngày lễ lớn, với 8\.199\/8\.257/);
	assert.doesNotMatch(text, /(^|\s)0 /);
	assert.equal(report.figures.totals.activities.study.count, 321);
	/* The number is a real outgoing document of type BC. */
	const doc = await city.get(`${API}/documents/${report.document_id}`);
	assert.equal(doc.status, 200);
	assert.equal(doc.body.symbol, report.symbol);
	const rows = await h.auditSince(admin, since);
	assert.ok(rows.some((x) => x.entity === 'report' && x.action === 'create' && x.entity_id === report.id));
});

h.test('bad input: period syntax, twice the same period, outside the subtree, unknown fields', async () => {
	h.assertError(assert, await city.post(`${API}/reports`, { unit_id: id('SH-LG'), period: '2022-H3' }), 400, { field: 'period' });
	h.assertError(assert, await city.post(`${API}/reports`, { unit_id: id('SH-LG'), period: '2022-01-01..2022-06-30' }), 400, { field: 'period' });
	h.assertError(assert, await city.post(`${API}/reports`, { unit_id: id('SH-LG'), period: '2022-H1' }), 409);
	h.assertError(assert, await city.post(`${API}/reports`, { unit_id: id('SH-KH'), period: '2022-H1' }), 404);
	h.assertError(assert, await city.get(`${API}/reports/status?unit=${id('SH')}&period=2022-H1`), 404);
	h.assertError(assert, await city.post(`${API}/reports`, { unit_id: id('SH-LG'), period: '2022', bogus: 1 }), 400);
	const viewer = await srv.login('xem');
	assert.equal((await viewer.get(`${API}/reports/${report.id}`)).status, 200);
	h.assertError(assert, await viewer.post(`${API}/reports`, { unit_id: id('SH'), period: '2022' }), 403);
});

h.test('free text is saved and survives regenerating the figures', async () => {
	const p = await city.patch(`${API}/reports/${report.id}`, {
		limits_text: 'Một số cơ sở tổ chức hội nghị còn chậm.',
		tasks_text: 'Thứ nhất, …\nThứ hai, …',
		signer: 'Lê Minh Tuấn',
	});
	assert.equal(p.status, 200, p.text);
	assert.equal(p.body.limits_text, 'Một số cơ sở tổ chức hội nghị còn chậm.');
	const g = await city.post(`${API}/reports/${report.id}/regenerate`, {});
	assert.equal(g.status, 200, g.text);
	assert.equal(g.body.limits_text, 'Một số cơ sở tổ chức hội nghị còn chậm.');
	assert.equal(g.body.tasks_text, 'Thứ nhất, …\nThứ hai, …');
	assert.equal(g.body.figures.totals.activities.study.count, 321);
});

h.test('exports: HTML print view links its stylesheet, DOCX and XLSX are zip files', async () => {
	const html = await city.get(`${API}/reports/${report.id}/export?format=html`);
	assert.equal(html.status, 200);
	assert.match(html.headers.get('content-type'), /text\/html/);
	assert.match(html.text, /<link rel="stylesheet" href="\/report-print.css">/);
	assert.match(html.text, /ĐẢNG CỘNG SẢN VIỆT NAM/);
	assert.match(html.text, /8\.196\/8\.272/);
	assert.doesNotMatch(html.text, /style=|<script/);
	for (const f of ['docx', 'xlsx']) {
		const r = await city.get(`${API}/reports/${report.id}/export?format=${f}`);
		assert.equal(r.status, 200, f);
		assert.match(r.headers.get('content-disposition'), new RegExp(`bao-cao-SH-LG-2022-H1\\.${f}`));
		assert.equal(r.text.slice(0, 2), 'PK');
	}
	h.assertError(assert, await city.get(`${API}/reports/${report.id}/export?format=pdf`), 400, { field: 'format' });
});

h.test('submission locks the report; twice is refused; a leader reopens it with a reason', async () => {
	const spec = await srv.login('chuyenvien');
	h.assertError(assert, await spec.post(`${API}/reports/${report.id}/submit`, {}), 403);
	const s = await city.post(`${API}/reports/${report.id}/submit`, {});
	assert.equal(s.status, 200, s.text);
	assert.equal(s.body.status, 'submitted');
	assert.equal(s.body.submitted_by, 'thanhuy');
	h.assertError(assert, await city.post(`${API}/reports/${report.id}/submit`, {}), 409, { code: 'already_submitted' });
	h.assertError(assert, await city.patch(`${API}/reports/${report.id}`, { limits_text: 'x' }), 409);
	/* The province sees it: SH-LG submitted (late: the deadline is long past), the others missing. */
	const st = await admin.get(`${API}/reports/status?unit=${id('SH')}&kind=half&period=2022-H1`);
	assert.equal(st.status, 200, st.text);
	assert.equal(st.body.deadline, '2022-07-07');
	const lg = st.body.items.find((x) => x.unit.code === 'SH-LG');
	assert.equal(lg.state, 'late');
	assert.equal(lg.report_id, report.id);
	const kh = st.body.items.find((x) => x.unit.code === 'SH-KH');
	assert.equal(kh.state, 'missing');
	assert.equal(kh.overdue, true);
	assert.equal(st.body.counts.late, 1);
	h.assertError(assert, await admin.get(`${API}/reports/status?unit=${id('SH')}&kind=year&period=2022-H1`), 400, { field: 'kind' });

	h.assertError(assert, await city.post(`${API}/reports/${report.id}/reopen`, {}), 400);
	const since = await h.lastAuditId(admin);
	const o = await city.post(`${API}/reports/${report.id}/reopen`, { reason: 'Bổ sung số liệu lớp bồi dưỡng' });
	assert.equal(o.status, 200, o.text);
	assert.equal(o.body.status, 'draft');
	assert.equal(o.body.reopen_reason, 'Bổ sung số liệu lớp bồi dưỡng');
	const rows = await h.auditSince(admin, since);
	assert.ok(rows.some((x) => x.entity === 'report' && x.action === 'update'));
	h.assertError(assert, await city.post(`${API}/reports/${report.id}/reopen`, { reason: 'lần nữa' }), 409);
});

h.test('a period not ended yet is a provisional draft that cannot be submitted', async () => {
	const r = await city.post(`${API}/reports`, { unit_id: id('SH-LG'), period: '2199' });
	assert.equal(r.status, 201, r.text);
	assert.equal(r.body.provisional, true);
	h.assertError(assert, await city.post(`${API}/reports/${r.body.id}/submit`, {}), 409, { code: 'period_not_ended' });
	assert.equal((await city.del(`${API}/reports/${r.body.id}`)).status, 200);
	assert.equal((await city.get(`${API}/reports/${r.body.id}`)).status, 404);
});

h.test('deadlines per kind: everyone reads, only admins change', async () => {
	const l = await city.get(`${API}/report-deadlines`);
	assert.equal(l.status, 200);
	assert.deepEqual(l.body.items.map((x) => x.kind).sort(), ['half', 'month', 'nine_months', 'quarter', 'week', 'year']);
	h.assertError(assert, await city.patch(`${API}/report-deadlines`, { kind: 'half', days: 10 }), 403);
	h.assertError(assert, await admin.patch(`${API}/report-deadlines`, { kind: 'fortnight', days: 10 }), 400, { field: 'kind' });
	const u = await admin.patch(`${API}/report-deadlines`, { kind: 'half', days: 10 });
	assert.equal(u.status, 200, u.text);
	const st = await admin.get(`${API}/reports/status?unit=${id('SH')}&period=2022-H1`);
	assert.equal(st.body.deadline, '2022-07-10');
});

h.test('list filters by period and status within the subtree', async () => {
	const l = await admin.get(`${API}/reports?period=2022-H1`);
	assert.equal(l.status, 200);
	assert.equal(l.body.total, 1);
	assert.equal(l.body.items[0].unit_code, 'SH-LG');
	assert.ok(!('figures' in l.body.items[0]));
	const k = await (await srv.login('xa.kyhoa')).get(`${API}/reports`);
	assert.equal(k.body.total, 0);
});
