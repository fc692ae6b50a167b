'use strict';
/*
 * Appraisals and comments on other bodies' drafts (issue 9): create, read,
 * update, delete with filters, the link to the document register,
 * validation naming the field in Vietnamese and changing nothing, subtree
 * scope, audit; received, answered, pending and days to answer rolled up
 * over a subtree (the average computed as days / answered, exactly).
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
const apr = (over = {}) => ({
	unit_id: id('SH-KH'), kind: 'comment', title: 'Dự thảo Kế hoạch phát triển du lịch cộng đồng',
	sender: 'UBND xã Kỳ Hoa', received_on: '2025-04-01', answered_on: '2025-04-08', ...over,
});
const total = async (client, q = '') => (await client.get(`${API}/appraisals?limit=1${q}`)).body.total;

h.test('appraisals: create, get, list with filters, answer, link a document, delete, audited', async () => {
	const spec = await srv.login('xa.kyhoa');
	const a0 = await h.lastAuditId(admin);
	const r = await spec.post(`${API}/appraisals`, apr({ answered_on: null }));
	assert.equal(r.status, 201, r.text);
	assert.equal(r.body.status, 'pending');
	assert.equal(r.body.answered_on, null);
	assert.equal(r.body.days_to_answer, null);
	assert.deepEqual((await spec.get(`${API}/appraisals/${r.body.id}`)).body, r.body);
	assert.equal(await total(spec, '&status=pending'), 1);
	assert.equal(await total(spec, '&status=answered'), 0);
	assert.equal(await total(spec, '&kind=appraisal'), 0);
	assert.equal(await total(spec, '&from=2025-04-01&to=2025-04-01'), 1);
	assert.equal(await total(spec, '&from=2025-04-02'), 0);
	/* answered a week later: 7 days */
	const u = await spec.patch(`${API}/appraisals/${r.body.id}`, { answered_on: '2025-04-08' });
	assert.equal(u.status, 200, u.text);
	assert.equal(u.body.status, 'answered');
	assert.equal(u.body.days_to_answer, 7);
	assert.equal(await total(spec, '&status=answered'), 1);
	/* linked to a document of the unit's register */
	const doc = await spec.post(`${API}/documents`, {
		direction: 'in', symbol: 'Số: 45/KH-UBND', issued_on: '2025-03-30', unit_id: id('SH-KH'),
		summary: 'Dự thảo Kế hoạch phát triển du lịch cộng đồng', issuer_text: 'UBND xã Kỳ Hoa',
	});
	assert.equal(doc.status, 201, doc.text);
	const linked = await spec.patch(`${API}/appraisals/${r.body.id}`, { document_id: doc.body.id });
	assert.equal(linked.status, 200, linked.text);
	assert.equal(linked.body.document_id, doc.body.id);
	assert.equal(linked.body.document_symbol, doc.body.symbol);
	assert.equal(await total(spec, `&document_id=${doc.body.id}`), 1);
	/* clearing the answer makes it pending again */
	const back = await spec.patch(`${API}/appraisals/${r.body.id}`, { answered_on: null });
	assert.equal(back.body.status, 'pending');
	assert.equal(back.body.days_to_answer, null);
	assert.equal((await spec.del(`${API}/appraisals/${r.body.id}`)).status, 200);
	assert.equal((await spec.get(`${API}/appraisals/${r.body.id}`)).status, 404);
	const rows = await h.auditSince(admin, a0, 'entity=appraisal');
	assert.deepEqual(rows.map((x) => x.action), ['create', 'update', 'update', 'update', 'delete']);
	assert.equal(rows[1].after.days_to_answer, 7);
});

h.test('appraisals: every bad input is a 400 naming the field in Vietnamese, and changes nothing', async () => {
	const spec = await srv.login('xa.kyhoa');
	const provDoc = (await admin.get(`${API}/documents?unit=${id('SH')}&limit=1`)).body.items.find((d) => d.unit_code === 'SH');
	assert.ok(provDoc, 'a document of the province');
	const n0 = await total(admin);
	const audit0 = await h.auditTotal(admin);
	const cases = [
		[{ kind: 'review' }, 'kind'],
		[{ title: '' }, 'title'],
		[{ title: 'x'.repeat(1001) }, 'title'],
		[{ sender: ' ' }, 'sender'],
		[{ received_on: '2025-02-29' }, 'received_on'],
		[{ received_on: '2999-01-01', answered_on: null }, 'received_on'],
		[{ answered_on: '2025-03-31' }, 'answered_on'], /* before it was received */
		[{ answered_on: '2999-01-01' }, 'answered_on'],
		[{ document_id: 987654 }, 'document_id'],
		[{ document_id: provDoc.id }, 'document_id'], /* outside the commune's register */
		[{ received_on: '2019-06-01', answered_on: null }, 'unit_id'],
		[{ secret: 'x' }, 'secret'],
	];
	for (const [over, field] of cases) {
		const e = h.assertError(assert, await spec.post(`${API}/appraisals`, apr(over)), 400, { field });
		assert.ok(e.message.length > 10, e.message);
	}
	for (const field of ['unit_id', 'kind', 'title', 'sender', 'received_on']) {
		const body = apr();
		delete body[field];
		h.assertError(assert, await spec.post(`${API}/appraisals`, body), 400, { field });
	}
	h.assertError(assert, await spec.get(`${API}/appraisals?status=late`), 400, { field: 'status' });
	h.assertError(assert, await spec.get(`${API}/appraisals?to=tomorrow`), 400, { field: 'to' });
	/* a refused update changes nothing */
	const r = await spec.post(`${API}/appraisals`, apr());
	h.assertError(assert, await spec.patch(`${API}/appraisals/${r.body.id}`, { received_on: '2025-04-10' }), 400, { field: 'answered_on' });
	assert.equal((await spec.get(`${API}/appraisals/${r.body.id}`)).body.received_on, '2025-04-01');
	assert.equal((await spec.del(`${API}/appraisals/${r.body.id}`)).status, 200);
	assert.equal(await total(admin), n0);
	assert.equal(await h.auditTotal(admin), audit0 + 2);
});

h.test('appraisals: outside the subtree is 404, viewers cannot write', async () => {
	const spec = await srv.login('xa.kyhoa');
	const theirs = (await admin.get(`${API}/appraisals?unit_id=${id('SH-BTGDV')}&limit=1`)).body.items[0];
	assert.ok(theirs, 'the demo Ban has appraisals');
	h.assertError(assert, await spec.get(`${API}/appraisals/${theirs.id}`), 404);
	h.assertError(assert, await spec.patch(`${API}/appraisals/${theirs.id}`, { answered_on: null }), 404);
	h.assertError(assert, await spec.del(`${API}/appraisals/${theirs.id}`), 404);
	h.assertError(assert, await spec.post(`${API}/appraisals`, apr({ unit_id: id('SH-LG') })), 404);
	h.assertError(assert, await spec.get(`${API}/appraisals?unit_id=${id('SH-BTGDV')}`), 404);
	assert.equal(await total(spec), 0);
	assert.equal((await admin.get(`${API}/appraisals/${theirs.id}`)).body.answered_on, theirs.answered_on);
	h.assertError(assert, await (await srv.login('xem')).post(`${API}/appraisals`, apr()), 403);
});

h.test('roll-up: received, answered, pending and days to answer over a subtree; the average is days / answered', async () => {
	const kh = id('SH-KH');
	const cell = [...units.keys()].find((c) => c.startsWith('SH-KH-CB'));
	const made = [];
	const add = async (over) => {
		const r = await admin.post(`${API}/appraisals`, apr(over));
		assert.equal(r.status, 201, r.text);
		made.push(r.body.id);
	};
	await add({ received_on: '2025-05-02', answered_on: '2025-05-05' }); /* 3 days */
	await add({ kind: 'appraisal', received_on: '2025-05-10', answered_on: '2025-05-14' }); /* 4 */
	await add({ unit_id: id(cell), received_on: '2025-05-20', answered_on: '2025-05-24' }); /* 4 */
	await add({ received_on: '2025-05-28', answered_on: '2025-06-03' }); /* answered after May */
	await add({ received_on: '2025-04-25', answered_on: '2025-05-02' }); /* received before May: 7 */
	await add({ received_on: '2025-05-30', answered_on: null });
	const r = await admin.get(`${API}/rollup?unit=${kh}&from=2025-05-01&to=2025-05-31`);
	assert.equal(r.status, 200, r.text);
	const all = r.body.totals.appraisals.all;
	assert.equal(all.received, 5);
	assert.equal(all.answered, 4);
	assert.equal(all.pending, 2);
	assert.equal(all.days_total, 18);
	assert.equal(all.avg_days, 18 / 4);
	assert.equal(all.avg_days_text, '4,5');
	assert.equal(r.body.totals.appraisals.appraisal.answered, 1);
	const child = r.body.children.find((c) => c.unit.code === cell);
	assert.equal(child.figures.appraisals.all.answered, 1);
	assert.equal(r.body.own.appraisals.all.answered, 3);
	/* the province sees the commune's figures as one of its children */
	const prov = await admin.get(`${API}/rollup?unit=${id('SH')}&from=2025-05-01&to=2025-05-31`);
	assert.deepEqual(prov.body.children.find((c) => c.unit.code === 'SH-KH').figures.appraisals, r.body.totals.appraisals);
	/* in the drafted report of the month */
	const rep = await admin.post(`${API}/reports`, { unit_id: kh, period: '2025-05' });
	assert.equal(rep.status, 201, rep.text);
	assert.ok(rep.body.results.includes('Tham gia ý kiến, thẩm định 04 văn bản, đề án do các ban, sở, ngành, cơ quan, đơn vị đề nghị (tham gia ý kiến 03, thẩm định 01); thời gian trả lời bình quân 4,5 ngày; còn 02 văn bản đang nghiên cứu, cho ý kiến.'), rep.body.results.join('\n'));
	for (const x of made) await admin.del(`${API}/appraisals/${x}`);
	const after = await admin.get(`${API}/rollup?unit=${kh}&from=2025-05-01&to=2025-05-31`);
	assert.equal(after.body.totals.appraisals.all.received, 0);
	assert.equal(after.body.totals.appraisals.all.avg_days, null);
});
