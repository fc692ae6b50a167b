'use strict';
/*
 * /indicators and /indicator-values: definitions (admins only), values
 * with their rules, and completeness / timeliness per period.
 */
const assert = require('node:assert/strict');
const { before, after } = require('node:test');
const h = require('./harness');

const API = h.API;
let srv, admin, units, kdc;

before(async () => {
	srv = await h.start();
	admin = await srv.login('admin');
	units = await h.unitMap(admin);
	const list = await admin.get(`${API}/indicators`);
	kdc = list.body.items.find((i) => i.code === 'KDC-VH');
});
after(() => srv.stop());

const id = (code) => units.get(code).id;

h.test('definitions: admins create and update; others may not; bad input is 400', async () => {
	const def = { code: 'DV-MOI', name: 'Kết nạp đảng viên mới', numerator_label: 'Đã kết nạp', denominator_label: 'Chỉ tiêu giao', period_type: 'month', target_hundredths: 10000, deadline_days: 5 };
	const r = await admin.post(`${API}/indicators`, def);
	assert.equal(r.status, 201, r.text);
	assert.equal(r.body.target_text, '100,00%');
	h.assertError(assert, await admin.post(`${API}/indicators`, def), 409, { field: 'code' });
	h.assertError(assert, await admin.post(`${API}/indicators`, { ...def, code: 'X1', period_type: 'decade' }), 400, { field: 'period_type' });
	h.assertError(assert, await admin.post(`${API}/indicators`, { ...def, code: 'X2', level: 'nope' }), 400, { field: 'level' });
	const leader = await srv.login('truongban');
	h.assertError(assert, await leader.post(`${API}/indicators`, { ...def, code: 'X3' }), 403);
	const u = await admin.patch(`${API}/indicators/${r.body.id}`, { name: 'Kết nạp đảng viên' });
	assert.equal(u.body.name, 'Kết nạp đảng viên');
	assert.equal((await admin.del(`${API}/indicators/${r.body.id}`)).status, 200);
	h.assertError(assert, await admin.del(`${API}/indicators/${kdc.id}`), 409);
});

h.test('values: numerator <= denominator, period of the right type, one per unit and period', async () => {
	const base = { indicator_id: kdc.id, unit_id: id('SH-KH'), period: '2024', numerator: 10, denominator: 12 };
	h.assertError(assert, await admin.post(`${API}/indicator-values`, { ...base, numerator: 13 }), 400, { field: 'numerator' });
	h.assertError(assert, await admin.post(`${API}/indicator-values`, { ...base, numerator: -1 }), 400, { field: 'numerator' });
	h.assertError(assert, await admin.post(`${API}/indicator-values`, { ...base, numerator: 1.5 }), 400, { field: 'numerator' });
	h.assertError(assert, await admin.post(`${API}/indicator-values`, { ...base, period: '2024-Q1' }), 400, { field: 'period' });
	h.assertError(assert, await admin.post(`${API}/indicator-values`, { ...base, period: 'năm ngoái' }), 400, { field: 'period' });
	h.assertError(assert, await admin.post(`${API}/indicator-values`, { ...base, period: '2099' }), 400, { field: 'period' });
	h.assertError(assert, await admin.post(`${API}/indicator-values`, { ...base, entered_on: '2024-01-01' }), 400, { field: 'entered_on' });
	const r = await admin.post(`${API}/indicator-values`, base);
	assert.equal(r.status, 201, r.text);
	assert.equal(r.body.rate.ratio_text, '10/12');
	h.assertError(assert, await admin.post(`${API}/indicator-values`, base), 409, { field: 'period' });
	const u = await admin.patch(`${API}/indicator-values/${r.body.id}`, { numerator: 12 });
	assert.equal(u.body.numerator, 12);
	h.assertError(assert, await admin.patch(`${API}/indicator-values/${r.body.id}`, { denominator: 11 }), 400, { field: 'numerator' });
	const l = await admin.get(`${API}/indicator-values?indicator_id=${kdc.id}&period=2024`);
	assert.equal(l.body.total, 1);
	/* Scope and roles. */
	const kh = await srv.login('xa.kyhoa');
	h.assertError(assert, await kh.post(`${API}/indicator-values`, { ...base, unit_id: id('SH-LG-MP'), period: '2023' }), 404);
	const viewer = await srv.login('xem');
	h.assertError(assert, await viewer.patch(`${API}/indicator-values/${r.body.id}`, { numerator: 1 }), 403);
	/* A merged unit cannot report a period ending after its merge. */
	const tg = await admin.post(`${API}/indicator-values`, { ...base, unit_id: id('SH-LG-TG'), period: '2025' });
	h.assertError(assert, tg, 400, { field: 'unit_id' });
	assert.equal((await admin.post(`${API}/indicator-values`, { ...base, unit_id: id('SH-LG-TG'), period: '2024' })).status, 201);
});

h.test('completeness and timeliness for the demo city, 2023 and 2025', async () => {
	const r = await admin.get(`${API}/indicators/${kdc.id}/completeness?unit=${id('SH-LG')}&period=2023`);
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.expected, 7);
	assert.equal(r.body.entered, 7);
	assert.equal(r.body.missing_count, 0);
	assert.equal(r.body.deadline, '2024-01-15');
	assert.equal(r.body.late_count, 1);
	assert.equal(r.body.late[0].code, 'SH-LG-MHH');
	/* 2025: Tân Giang merged on 2025-07-01, six communes expected. */
	const p = await admin.get(`${API}/indicators/${kdc.id}/completeness?unit=${id('SH-LG')}&period=2025`);
	assert.equal(p.body.expected, 6);
	assert.equal(p.body.missing_count, 6);
	assert.ok(!p.body.missing.some((u) => u.code === 'SH-LG-TG'));
	const v = await admin.post(`${API}/indicator-values`, { indicator_id: kdc.id, unit_id: id('SH-LG-MP'), period: '2025', numerator: 20, denominator: 20 });
	assert.equal(v.status, 201, v.text);
	const q = await admin.get(`${API}/indicators/${kdc.id}/completeness?unit=${id('SH-LG')}&period=2025`);
	assert.equal(q.body.missing_count, 5);
	assert.equal(q.body.late_count, 1); /* entered today, long after 2026-01-15 */
	h.assertError(assert, await admin.get(`${API}/indicators/${kdc.id}/completeness?unit=${id('SH-LG')}&period=2025-Q1`), 400, { field: 'period' });
	const kh = await srv.login('xa.kyhoa');
	h.assertError(assert, await kh.get(`${API}/indicators/${kdc.id}/completeness?unit=${id('SH-LG')}&period=2023`), 404);
});
