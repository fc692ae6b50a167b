'use strict';
/*
 * Publications (issue 9): create, read, update, delete with filters and
 * paging, validation naming the field in Vietnamese and changing nothing,
 * roles and subtree scope, audit; issues and copies rolled up over a
 * subtree; weekly press reports in the reports module; and the demo year
 * of the provincial Ban (seed 001's figures) out of /api/v1/rollup and out
 * of the drafted report.
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

const id = (code) => {
	const u = units.get(code);
	if (!u) throw new Error(`no unit ${code}`);
	return u.id;
};
const pub = (over = {}) => ({
	unit_id: id('SH-LG'), kind: 'bulletin', series: 'Bản tin Long Giang', issue_no: 7,
	issued_on: '2025-03-05', copies: 1200, distribution: 'Các đảng bộ phường, xã', ...over,
});
const total = async (client, q = '') => (await client.get(`${API}/publications?limit=1${q}`)).body.total;

h.test('publications: create, get, list with filters and paging, update, delete, audited', async () => {
	const a0 = await h.lastAuditId(admin);
	const r = await admin.post(`${API}/publications`, pub());
	assert.equal(r.status, 201, r.text);
	assert.equal(r.body.unit_code, 'SH-LG');
	assert.equal(r.body.series, 'Bản tin Long Giang');
	assert.equal(r.body.copies, 1200);
	assert.equal(r.body.issue_no, 7);
	assert.equal(r.body.title, '');
	assert.deepEqual((await admin.get(`${API}/publications/${r.body.id}`)).body, r.body);
	/* filters: unit, kind, series, date range */
	let l = await admin.get(`${API}/publications?unit_id=${id('SH-LG')}&kind=bulletin&series=${encodeURIComponent('Bản tin Long Giang')}&from=2025-03-01&to=2025-03-31`);
	assert.equal(l.status, 200, l.text);
	assert.equal(l.body.total, 1);
	assert.equal(l.body.items[0].id, r.body.id);
	assert.equal(await total(admin, `&unit_id=${id('SH-LG')}&kind=handbook`), 0);
	assert.equal(await total(admin, `&unit_id=${id('SH-LG')}&from=2025-03-06`), 0);
	/* paging over the demo Ban's 61 issues of 2024, newest first */
	const ban = id('SH-BTGDV');
	const p1 = await admin.get(`${API}/publications?unit_id=${ban}&from=2024-01-01&to=2024-12-31&limit=5&offset=0`);
	const p2 = await admin.get(`${API}/publications?unit_id=${ban}&from=2024-01-01&to=2024-12-31&limit=5&offset=5`);
	assert.equal(p1.body.total, 61);
	assert.equal(p1.body.items.length, 5);
	assert.equal(p2.body.items.length, 5);
	assert.equal(p1.body.items[0].issued_on, '2024-12-25');
	assert.ok(p1.body.items[4].issued_on >= p2.body.items[0].issued_on);
	assert.ok(!p1.body.items.some((x) => p2.body.items.some((y) => y.id === x.id)));
	/* update; title and issue number can be cleared */
	const u = await admin.patch(`${API}/publications/${r.body.id}`, { copies: 1500, title: 'Chào mừng Đại hội', issue_no: null });
	assert.equal(u.status, 200, u.text);
	assert.equal(u.body.copies, 1500);
	assert.equal(u.body.title, 'Chào mừng Đại hội');
	assert.equal(u.body.issue_no, null);
	assert.equal(u.body.series, 'Bản tin Long Giang');
	assert.equal((await admin.del(`${API}/publications/${r.body.id}`)).status, 200);
	assert.equal((await admin.get(`${API}/publications/${r.body.id}`)).status, 404);
	const rows = await h.auditSince(admin, a0, 'entity=publication');
	assert.deepEqual(rows.map((x) => x.action), ['create', 'update', 'delete']);
	assert.equal(rows[1].before.copies, 1200);
	assert.equal(rows[1].after.copies, 1500);
});

h.test('publications: every bad input is a 400 naming the field in Vietnamese, and changes nothing', async () => {
	const n0 = await total(admin);
	const audit0 = await h.auditTotal(admin);
	const cases = [
		[{ kind: 'magazine' }, 'kind'],
		[{ series: '' }, 'series'],
		[{ series: 'x'.repeat(201) }, 'series'],
		[{ copies: -1 }, 'copies'],
		[{ copies: 'nhiều' }, 'copies'],
		[{ copies: 20000001 }, 'copies'],
		[{ issue_no: 0 }, 'issue_no'],
		[{ issued_on: '2024-02-30' }, 'issued_on'],
		[{ issued_on: '2999-01-01' }, 'issued_on'],
		[{ issued_on: '2019-01-01' }, 'unit_id'], /* before the unit existed */
		[{ unit_id: 'x' }, 'unit_id'],
		[{ distribution: 'x'.repeat(2001) }, 'distribution'],
		[{ surprise: 1 }, 'surprise'],
	];
	for (const [over, field] of cases)
		h.assertError(assert, await admin.post(`${API}/publications`, pub(over)), 400, { field });
	for (const field of ['unit_id', 'kind', 'series', 'issued_on', 'copies']) {
		const body = pub();
		delete body[field];
		h.assertError(assert, await admin.post(`${API}/publications`, body), 400, { field });
	}
	/* an update refused leaves the record as it was */
	const r = await admin.post(`${API}/publications`, pub());
	h.assertError(assert, await admin.patch(`${API}/publications/${r.body.id}`, { copies: -5 }), 400, { field: 'copies' });
	assert.equal((await admin.get(`${API}/publications/${r.body.id}`)).body.copies, 1200);
	h.assertError(assert, await admin.get(`${API}/publications?from=2024-13-01`), 400, { field: 'from' });
	assert.equal((await admin.del(`${API}/publications/${r.body.id}`)).status, 200);
	assert.equal(await total(admin), n0);
	assert.equal(await h.auditTotal(admin), audit0 + 2); /* the create and delete above */
});

h.test('publications: outside the subtree is 404; viewers read only; contributors enter for their own unit', async () => {
	const city = await srv.login('thanhuy');
	const mine = await city.post(`${API}/publications`, pub({ unit_id: id('SH-LG-MP') }));
	assert.equal(mine.status, 201, mine.text);
	const theirs = (await admin.get(`${API}/publications?unit_id=${id('SH-BTGDV')}&limit=1`)).body.items[0];
	h.assertError(assert, await city.get(`${API}/publications/${theirs.id}`), 404);
	h.assertError(assert, await city.patch(`${API}/publications/${theirs.id}`, { copies: 1 }), 404);
	h.assertError(assert, await city.del(`${API}/publications/${theirs.id}`), 404);
	h.assertError(assert, await city.post(`${API}/publications`, pub({ unit_id: id('SH-KH') })), 404);
	h.assertError(assert, await city.get(`${API}/publications?unit_id=${id('SH-BTGDV')}`), 404);
	assert.equal((await admin.get(`${API}/publications/${theirs.id}`)).body.copies, theirs.copies);
	const seen = await city.get(`${API}/publications?limit=500`);
	assert.ok(seen.body.items.every((p) => p.unit_code.startsWith('SH-LG')), 'the city sees only its subtree');
	assert.equal(seen.body.total, 1);
	const viewer = await srv.login('xem');
	assert.equal((await viewer.get(`${API}/publications/${mine.body.id}`)).status, 200);
	h.assertError(assert, await viewer.post(`${API}/publications`, pub()), 403);
	const cell = await srv.login('chibo.01');
	assert.equal((await cell.post(`${API}/publications`, pub({ unit_id: id('SH-LG-MP-CB01'), kind: 'thematic', series: 'Thông tin chuyên đề' }))).status, 201);
	h.assertError(assert, await cell.post(`${API}/publications`, pub({ unit_id: id('SH-LG-MP-CB02') })), 404);
	assert.equal((await city.del(`${API}/publications/${mine.body.id}`)).status, 200);
});

h.test('roll-up: issues and copies summed over the subtree, per child and own; handbook per month only when every month has one issue of the same run', async () => {
	const made = [];
	const add = async (over) => {
		const r = await admin.post(`${API}/publications`, pub(over));
		assert.equal(r.status, 201, r.text);
		made.push(r.body.id);
	};
	/* Ky Hoa (a commune directly under the province) and one of its cells,
	 * in the first quarter of 2025 */
	const kh = units.get('SH-KH');
	const cellCode = [...units.keys()].find((c) => c.startsWith('SH-KH-CB'));
	await add({ unit_id: kh.id, issued_on: '2025-01-10', copies: 300, series: 'Bản tin Kỳ Hoa' });
	await add({ unit_id: kh.id, issued_on: '2025-02-10', copies: 300, series: 'Bản tin Kỳ Hoa' });
	await add({ unit_id: id(cellCode), issued_on: '2025-03-10', copies: 120, series: 'Bản tin chi bộ' });
	for (const m of ['01', '02', '03'])
		await add({ unit_id: kh.id, kind: 'handbook', series: 'Sổ tay tuyên truyền viên', issued_on: `2025-${m}-03`, copies: 500 });
	const q = async (code, from, to) => {
		const r = await admin.get(`${API}/rollup?unit=${id(code)}&from=${from}&to=${to}`);
		assert.equal(r.status, 200, r.text);
		return r.body;
	};
	const d = await q('SH-KH', '2025-01-01', '2025-03-31');
	assert.deepEqual(d.totals.publications.bulletin, { issues: 3, copies: 720 });
	assert.deepEqual(d.totals.publications.handbook, { issues: 3, copies: 1500 });
	assert.deepEqual(d.totals.publications.all, { issues: 6, copies: 2220 });
	assert.deepEqual(d.own.publications.bulletin, { issues: 2, copies: 600 });
	const child = d.children.find((c) => c.unit.code === cellCode);
	assert.deepEqual(child.figures.publications.bulletin, { issues: 1, copies: 120 });
	const hb = d.totals.publications.series.find((s) => s.series === 'Sổ tay tuyên truyền viên');
	assert.equal(hb.monthly, true);
	assert.equal(hb.copies_per_issue, 500);
	/* over the half year, three issues in six months are not "per month" */
	const half = await q('SH-KH', '2025-01-01', '2025-06-30');
	assert.equal(half.totals.publications.series.find((s) => s.series === 'Sổ tay tuyên truyền viên').monthly, false);
	/* the province's totals include the commune's */
	const prov = await q('SH', '2025-01-01', '2025-03-31');
	assert.ok(prov.totals.publications.all.issues >= 6);
	const khRow = prov.children.find((c) => c.unit.code === 'SH-KH');
	assert.deepEqual(khRow.figures.publications.all, { issues: 6, copies: 2220 });
	/* a publication deleted leaves the roll-up */
	assert.equal((await admin.del(`${API}/publications/${made.pop()}`)).status, 200);
	assert.equal((await q('SH-KH', '2025-01-01', '2025-03-31')).totals.publications.handbook.issues, 2);
	for (const x of made) await admin.del(`${API}/publications/${x}`);
});

h.test('weekly press reports: a category of reports, one per unit and week, counted when submitted', async () => {
	const city = await srv.login('thanhuy');
	const lg = id('SH-LG');
	const r = await city.post(`${API}/reports`, { unit_id: lg, period: '2025-W10', category: 'press' });
	assert.equal(r.status, 201, r.text);
	assert.equal(r.body.category, 'press');
	assert.equal(r.body.kind, 'week');
	assert.match(r.body.title, /^Báo cáo công tác báo chí tuần 10 năm 2025/);
	assert.ok(r.body.figures.totals, 'the week\'s figures are beside the text');
	h.assertError(assert, await city.post(`${API}/reports`, { unit_id: lg, period: '2025-W10', category: 'press' }), 409);
	h.assertError(assert, await city.post(`${API}/reports`, { unit_id: lg, period: '2025-03', category: 'press' }), 400, { field: 'period' });
	h.assertError(assert, await city.post(`${API}/reports`, { unit_id: lg, period: '2025-W11', category: 'radio' }), 400, { field: 'category' });
	h.assertError(assert, await city.get(`${API}/reports?category=radio`), 400, { field: 'category' });
	/* the periodic weekly report of the same week is another report */
	const w = await city.post(`${API}/reports`, { unit_id: lg, period: '2025-W10' });
	assert.equal(w.status, 201, w.text);
	assert.equal(w.body.category, 'periodic');
	const summary = 'Trong tuần, báo chí đăng 45 tin, bài về thành phố.';
	const p = await city.patch(`${API}/reports/${r.body.id}`, { results_text: summary });
	assert.equal(p.status, 200, p.text);
	assert.equal(p.body.results_text, summary);
	const l = await city.get(`${API}/reports?category=press&unit_id=${lg}`);
	assert.deepEqual(l.body.items.map((x) => x.id), [r.body.id]);
	const week = async () => (await city.get(`${API}/rollup?unit=${lg}&from=2025-03-03&to=2025-03-09`)).body.totals.press_reports;
	assert.deepEqual(await week(), { count: 1, submitted: 0 });
	assert.equal((await city.post(`${API}/reports/${r.body.id}/submit`, {})).status, 200);
	assert.deepEqual(await week(), { count: 1, submitted: 1 });
	/* the province's submission status of periodic reports ignores it */
	const st = await admin.get(`${API}/reports/status?unit=${id('SH')}&period=2025-W10`);
	assert.equal(st.status, 200, st.text);
	assert.equal(st.body.items.find((x) => x.unit.code === 'SH-LG').state, 'draft');
	/* the drafted yearly report of the city counts it */
	const y = await city.post(`${API}/reports`, { unit_id: lg, period: '2025' });
	assert.ok(y.body.results.includes('Xây dựng 01 báo cáo công tác báo chí hàng tuần.'), y.body.results.join('\n'));
});

h.test('demo year 2024 of the provincial Ban: seed 001\'s figures out of /api/v1/rollup and the drafted report', async () => {
	for (const code of ['SH-BTGDV', 'SH']) {
		const r = await admin.get(`${API}/rollup?unit=${id(code)}&period=2024`);
		assert.equal(r.status, 200, r.text);
		const t = r.body.totals;
		const series = Object.fromEntries(t.publications.series.map((s) => [s.series, s]));
		assert.equal(series['Thông tin tổng hợp'].issues, 36);
		assert.equal(series['Thông tin an ninh tư tưởng'].issues, 12);
		const hb = series['Sổ tay Sinh hoạt chi bộ'];
		assert.equal(hb.issues, 12);
		assert.equal(hb.copies, 36000);
		assert.equal(hb.copies_per_issue, 3000);
		assert.equal(hb.monthly, true);
		assert.equal(t.appraisals.all.answered, 73);
		assert.equal(t.appraisals.all.received, 73);
		assert.equal(t.appraisals.all.pending, 0);
		assert.equal(t.press_reports.submitted, 52);
	}
	const ban = id('SH-BTGDV');
	const press = await admin.get(`${API}/reports?unit_id=${ban}&category=press&status=submitted&limit=100`);
	assert.equal(press.body.total, 52);
	assert.deepEqual(press.body.items.map((x) => x.period).sort().slice(0, 2), ['2024-W01', '2024-W02']);
	assert.ok(press.body.items.every((x) => /^\d+-BC\/BTGDVTU$/.test(x.symbol)), 'numbered under the Ban\'s issuer');
	const r = await admin.post(`${API}/reports`, { unit_id: ban, period: '2024' });
	assert.equal(r.status, 201, r.text);
	const text = r.body.results.join('\n');
	assert.match(text, /Xây dựng 52 báo cáo công tác báo chí hàng tuần\./);
	assert.match(text, /Biên soạn, biên tập 36 số Thông tin tổng hợp, 12 số Thông tin an ninh tư tưởng; phát hành 3\.000 cuốn Sổ tay Sinh hoạt chi bộ\/tháng/);
	assert.match(text, /Tham gia ý kiến, thẩm định 73 văn bản, đề án do các ban, sở, ngành, cơ quan, đơn vị đề nghị/);
	/* the same sentences in the exported text */
	const txt = await admin.get(`${API}/reports/${r.body.id}/export?format=txt`);
	assert.equal(txt.status, 200);
	assert.match(txt.text, /36 số Thông tin tổng hợp/);
	assert.match(txt.text, /52 báo cáo công tác báo chí hàng tuần/);
});
