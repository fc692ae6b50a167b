'use strict';
/*
 * The live roll-up: the demo city's published figures come out exactly,
 * a value entered is in the next roll-up, scoping, and merges/moves in the
 * middle of a period keep the totals (nothing twice, nothing dropped).
 */
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
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

async function rollup(client, code, from, to) {
	const r = await client.get(`${API}/rollup?unit=${id(code)}&from=${from}&to=${to}`);
	assert.equal(r.status, 200, r.text);
	return r.body;
}

h.test('demo city 2022-H1: 321 conferences 8.196/8.272, 2.526 non-members; 148 activities 8.199/8.257', async () => {
	const d = await rollup(admin, 'SH-LG', '2022-01-01', '2022-06-30');
	const s = d.totals.activities.study;
	assert.equal(s.count, 321);
	assert.equal(s.members.numerator, 8196);
	assert.equal(s.members.denominator, 8272);
	assert.equal(s.non_members, 2526);
	assert.equal(s.members.ratio_text, '8.196/8.272');
	assert.equal(s.members.rounded_text, '99%');
	assert.equal(s.members.text, '8.196/8.272, đạt 99%');
	assert.ok(Math.abs(s.members.rate - (100 * 8196) / 8272) < 1e-9);
	const p = d.totals.activities.political;
	assert.equal(p.count, 148);
	assert.equal(p.members.ratio_text, '8.199/8.257');
	/* The same by period key, and the children add up to the totals. */
	const byKey = await admin.get(`${API}/rollup?unit=${id('SH-LG')}&period=2022-H1`);
	assert.equal(byKey.status, 200);
	assert.equal(byKey.body.period, '2022-H1');
	assert.deepEqual(byKey.body.totals, d.totals);
	let n = 0, num = 0;
	for (const c of d.children) {
		n += c.figures.activities.study.count;
		num += c.figures.activities.study.members.numerator;
	}
	assert.equal(d.children.length, 7);
	assert.equal(n + d.own.activities.study.count, 321);
	assert.equal(num + d.own.activities.study.members.numerator, 8196);
});

h.test('demo city 2023: 11 classes, 551 trainees; 117/120 areas; 17.279/18.121 households', async () => {
	const d = await rollup(admin, 'SH-LG', '2023-01-01', '2023-12-31');
	assert.equal(d.totals.classes.all.count, 11);
	assert.equal(d.totals.classes.all.enrolled, 551);
	const ind = Object.fromEntries(d.totals.indicators.map((i) => [i.code, i]));
	assert.equal(ind['KDC-VH'].value.ratio_text, '117/120');
	assert.equal(ind['HO-GDVH'].value.ratio_text, '17.279/18.121');
	/* The rate comes from the sums (the seed's "95,45%" is a typo for this). */
	assert.equal(ind['HO-GDVH'].value.rate_text, '95,35%');
	assert.equal(d.totals.reporter_conferences.count, 12);
	/* The province sees the same figures for the city's subtree. */
	const prov = await rollup(admin, 'SH', '2023-01-01', '2023-12-31');
	assert.equal(prov.totals.classes.all.enrolled, 551);
});

h.test('a rate is computed from sums, never averaged', async () => {
	const ind = await admin.post(`${API}/indicators`, {
		code: 'TEST-AVG', name: 'Chỉ tiêu thử', numerator_label: 'Đạt',
		denominator_label: 'Tổng', period_type: 'quarter', level: 'chibo',
	});
	assert.equal(ind.status, 201, ind.text);
	for (const [code, num, den] of [['SH-KH-CB01', 1, 1], ['SH-KH-CB02', 1, 99]]) {
		const r = await admin.post(`${API}/indicator-values`, {
			indicator_id: ind.body.id, unit_id: id(code), period: '2024-Q1', numerator: num, denominator: den,
		});
		assert.equal(r.status, 201, r.text);
	}
	const d = await rollup(admin, 'SH-KH', '2024-01-01', '2024-03-31');
	const v = d.totals.indicators.find((i) => i.code === 'TEST-AVG').value;
	assert.equal(v.numerator, 2);
	assert.equal(v.denominator, 100);
	assert.equal(v.rate_text, '2,00%'); /* not (100% + 1,01%) / 2 */
});

h.test('a conference entered at a cell is in the next roll-up of the province', async () => {
	const beforeR = await rollup(admin, 'SH', '2022-01-01', '2022-06-30');
	const cell = await srv.login('chibo.01');
	const r = await cell.post(`${API}/activities`, {
		unit_id: id('SH-LG-MP-CB01'), date: '2022-03-15', kind: 'study', form: 'in_person',
		document_ref: '01-KL/TW', members_present: 40, members_expected: 46, non_members: 3,
	});
	assert.equal(r.status, 201, r.text);
	const afterR = await rollup(admin, 'SH', '2022-01-01', '2022-06-30');
	const b = beforeR.totals.activities.study, a = afterR.totals.activities.study;
	assert.equal(a.count, b.count + 1);
	assert.equal(a.members.numerator, b.members.numerator + 40);
	assert.equal(a.members.denominator, b.members.denominator + 46);
	assert.equal(a.non_members, b.non_members + 3);
	const del = await cell.del(`${API}/activities/${r.body.id}`);
	assert.equal(del.status, 200);
	assert.deepEqual((await rollup(admin, 'SH', '2022-01-01', '2022-06-30')).totals, beforeR.totals);
});

h.test('roll-up scope: outside the subtree is 404; bad ranges are 400 naming the field', async () => {
	const kh = await srv.login('xa.kyhoa');
	h.assertError(assert, await kh.get(`${API}/rollup?unit=${id('SH-LG')}&from=2022-01-01&to=2022-06-30`), 404);
	const own = await kh.get(`${API}/rollup?from=2022-01-01&to=2022-06-30`);
	assert.equal(own.status, 200);
	assert.equal(own.body.unit.code, 'SH-KH');
	h.assertError(assert, await admin.get(`${API}/rollup?unit=${id('SH')}&from=2022-13-01&to=2022-06-30`), 400, { field: 'from' });
	h.assertError(assert, await admin.get(`${API}/rollup?unit=${id('SH')}&from=2022-07-01&to=2022-06-30`), 400, { field: 'to' });
	h.assertError(assert, await admin.get(`${API}/rollup?unit=${id('SH')}&period=2022-H3`), 400, { field: 'period' });
	h.assertError(assert, await admin.get(`${API}/rollup?unit=${id('SH')}&from=2022-01-01`), 400, { field: 'to' });
});

h.test('not yet studied: the cells of the city without a conference on 01-KL/TW', async () => {
	const r = await admin.get(`${API}/rollup/not-studied?unit=${id('SH-LG')}&document_ref=${encodeURIComponent('01-KL/TW')}&from=2022-01-01&to=2022-06-30`);
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.total, r.body.items.length);
	const codes = r.body.items.map((u) => u.code);
	assert.ok(codes.includes('SH-LG-TG-CB07'), codes.join(','));
	assert.ok(codes.includes('SH-LG-TG-CB08'));
	assert.ok(!codes.includes('SH-LG-MP-CB01'));
	const wards = await admin.get(`${API}/rollup/not-studied?unit=${id('SH-LG')}&document_ref=01-KL%2FTW&level=coso`);
	assert.equal(wards.body.total, 0);
	h.assertError(assert, await admin.get(`${API}/rollup/not-studied?unit=${id('SH-LG')}`), 400, { field: 'document_id' });
});

h.test('the demo merge of Tân Giang into Mỹ Hòa Hưng keeps history', async () => {
	const hist = await admin.get(`${API}/units/${id('SH-LG-TG')}/history`);
	assert.equal(hist.status, 200);
	assert.equal(hist.body.merged_into, id('SH-LG-MHH'));
	assert.equal(hist.body.merged_on, '2025-07-01');
	/* 2022 figures of Tân Giang's cells stay Tân Giang's. */
	const d = await rollup(admin, 'SH-LG', '2022-01-01', '2022-06-30');
	const tg = d.children.find((c) => c.unit.code === 'SH-LG-TG');
	assert.ok(tg.figures.activities.all.count > 0);
	assert.equal(tg.unit.merged_into, id('SH-LG-MHH'));
	const mhh = await rollup(admin, 'SH-LG-MHH', '2022-01-01', '2022-06-30');
	assert.equal(mhh.totals.activities.all.count,
		d.children.find((c) => c.unit.code === 'SH-LG-MHH').figures.activities.all.count);
	/* Entering for the merged commune after the merge is refused. */
	const r = await admin.post(`${API}/activities`, {
		unit_id: id('SH-LG-TG'), date: '2025-08-01', kind: 'study', members_present: 1, members_expected: 1,
	});
	const e = h.assertError(assert, r, 400, { field: 'unit_id' });
	assert.match(e.message, /sáp nhập/);
});

h.test('a merge in the middle of a period preserves the totals', async () => {
	const kn = id('SH-KN'), kh = id('SH-KH'), cell = id('SH-KN-CB01');
	const mk = (date, present) => admin.post(`${API}/activities`, {
		unit_id: cell, date, kind: 'political', members_present: present, members_expected: 39,
	});
	assert.equal((await mk('2024-03-10', 30)).status, 201);
	const beforeProv = await rollup(admin, 'SH', '2024-01-01', '2024-06-30');
	const m = await admin.post(`${API}/units/${kn}/merge`, { into: kh, date: '2024-04-01' });
	assert.equal(m.status, 200, m.text);
	assert.equal(m.body.valid_to, '2024-03-31');
	assert.equal((await mk('2024-05-10', 35)).status, 201);
	const prov = await rollup(admin, 'SH', '2024-01-01', '2024-06-30');
	const p = prov.totals.activities.political;
	assert.equal(p.count, beforeProv.totals.activities.political.count + 1);
	assert.equal(p.members.numerator, beforeProv.totals.activities.political.members.numerator + 35);
	/* Before the merge under Kỳ Nam, after it under Kỳ Hoa. */
	const knR = await rollup(admin, 'SH-KN', '2024-01-01', '2024-06-30');
	const khR = await rollup(admin, 'SH-KH', '2024-01-01', '2024-06-30');
	assert.equal(knR.totals.activities.political.members.numerator, 30);
	assert.equal(khR.totals.activities.political.members.numerator, 35);
	const kids = Object.fromEntries(prov.children.map((c) => [c.unit.code, c.figures.activities.political.count]));
	assert.equal(kids['SH-KN'], 1);
	assert.equal(kids['SH-KH'], 1);
	/* The cell is now under Kỳ Hoa in the current tree. */
	const u = await admin.get(`${API}/units/${cell}`);
	assert.equal(u.body.parent_id, kh);
	/* Merging again is a conflict; into itself is refused. */
	h.assertError(assert, await admin.post(`${API}/units/${kn}/merge`, { into: kh, date: '2024-05-01' }), 409);
	h.assertError(assert, await admin.post(`${API}/units/${kh}/merge`, { into: kh, date: '2024-05-01' }), 400, { field: 'into' });
	h.assertError(assert, await admin.post(`${API}/units/${kh}/merge`, { into: id('SH-SL'), date: '2999-01-01' }), 400, { field: 'date' });
});

h.test('a move with a date: before under the old parent, after under the new', async () => {
	const cell = id('SH-SL-CB01');
	const mk = (date) => admin.post(`${API}/activities`, {
		unit_id: cell, date, kind: 'seminar', members_present: 10, members_expected: 12,
	});
	assert.equal((await mk('2023-02-01')).status, 201);
	assert.equal((await mk('2023-08-01')).status, 201);
	const mv = await admin.post(`${API}/units/${cell}/move`, { parent_id: id('SH-KP'), date: '2023-07-01' });
	assert.equal(mv.status, 200, mv.text);
	assert.equal(mv.body.history.links.length, 2);
	const sl = await rollup(admin, 'SH-SL', '2023-01-01', '2023-12-31');
	const kp = await rollup(admin, 'SH-KP', '2023-01-01', '2023-12-31');
	const prov = await rollup(admin, 'SH', '2023-01-01', '2023-12-31');
	assert.equal(sl.totals.activities.seminar.count, 1);
	assert.equal(kp.totals.activities.seminar.count, 1);
	assert.equal(prov.totals.activities.seminar.count, 2);
	h.assertError(assert, await admin.post(`${API}/units/${cell}/move`, { parent_id: id('SH-SL'), date: '2023-01-01' }), 400, { field: 'date' });
	h.assertError(assert, await admin.post(`${API}/units/${cell}/move`, { parent_id: cell, date: '2024-01-01' }), 400, { field: 'parent_id' });
	/* A move through PATCH (today) keeps the history consistent too. */
	const back = await admin.patch(`${API}/units/${cell}`, { parent_id: id('SH-SL') });
	assert.equal(back.status, 200, back.text);
	const prov2 = await rollup(admin, 'SH', '2023-01-01', '2023-12-31');
	assert.equal(prov2.totals.activities.seminar.count, 2);
});

h.test('an answer served again from memory is never older than the last write, by the server or by another process', async () => {
	const url = `${API}/rollup?unit=${id('SH-KH')}&period=2021`;
	const first = await admin.get(url);
	assert.equal(first.status, 200, first.text);
	const again = await admin.get(url);
	assert.equal(again.text, first.text);
	const count = (b) => b.totals.activities.study.count;
	/* A write through the API is in the next answer. */
	const cell = [...units.values()].find((u) => u.code.startsWith('SH-KH-') && u.level === 'chibo');
	assert.ok(cell, 'a cell of Kỳ Hoa');
	const w = await admin.post(`${API}/activities`, {
		unit_id: cell.id, date: '2021-03-05', kind: 'study', form: 'in_person', document_ref: '05-NQ/TU',
		members_present: 10, members_expected: 12, non_members: 0, note: 'bộ nhớ đệm',
	});
	assert.equal(w.status, 201, w.text);
	const after = await admin.get(url);
	assert.equal(count(after.body), count(first.body) + 1);
	/* A unit imported by the command line, another process, is in the
	 * next answer too (the current year, as the unit starts today). */
	const now = await admin.get(`${API}/rollup?unit=${id('SH-KH')}`);
	assert.equal(now.status, 200, now.text);
	const file = path.join(os.tmpdir(), `tg-rollup-cache-${process.pid}.csv`);
	fs.writeFileSync(file, 'code,name,parent_code,level\nSH-KH-CB98,Chi bộ Bộ nhớ đệm,SH-KH,chibo\n');
	try {
		execFileSync(h.BIN, ['import', 'units', file, '--db', srv.db], { stdio: 'pipe' });
	} finally {
		fs.rmSync(file, { force: true });
	}
	const later = await admin.get(`${API}/rollup?unit=${id('SH-KH')}`);
	assert.equal(later.body.children.length, now.body.children.length + 1);
	assert.ok(later.body.children.some((c) => c.unit.code === 'SH-KH-CB98'));
	/* Scope is checked before the memory is: a commune sees nothing of
	 * another, even for an answer just computed for the admin. */
	const other = await srv.login('xa.kyhoa');
	h.assertError(assert, await other.get(`${API}/rollup?unit=${id('SH-LG')}&period=2021`), 404);
	await admin.get(`${API}/rollup?unit=${id('SH-LG')}&period=2021`);
	h.assertError(assert, await other.get(`${API}/rollup?unit=${id('SH-LG')}&period=2021`), 404);
});

/* GET `url` with node:http, which (unlike fetch) leaves the body as sent. */
function getRaw(client, url, acceptEncoding) {
	const http = require('node:http');
	return new Promise((resolve, reject) => {
		const headers = { Cookie: `tg_session=${client.cookie}` };
		if (acceptEncoding !== undefined) headers['Accept-Encoding'] = acceptEncoding;
		http.get(client.base + url, { headers }, (res) => {
			const chunks = [];
			res.on('data', (d) => chunks.push(d));
			res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
		}).on('error', reject);
	});
}

h.test('answers go gzipped to the clients that take gzip, the same JSON; never one that carries the CSRF token', async () => {
	const zlib = require('node:zlib');
	const url = `${API}/rollup?unit=${id('SH-LG')}&period=2022-H1`;
	const plain = await getRaw(admin, url, 'identity');
	assert.equal(plain.status, 200);
	assert.equal(plain.headers['content-encoding'], undefined);
	assert.equal(plain.headers.vary, 'Accept-Encoding');
	const json = JSON.parse(plain.body.toString('utf8'));
	assert.equal(json.totals.activities.study.count, 321);
	/* computed, then served again from memory: gzip both times */
	for (const ae of ['gzip, deflate, br', 'br;q=1, gzip;q=0.5']) {
		const z = await getRaw(admin, url, ae);
		assert.equal(z.status, 200);
		assert.equal(z.headers['content-encoding'], 'gzip');
		assert.equal(z.headers.vary, 'Accept-Encoding');
		assert.ok(z.body.length * 4 < plain.body.length, `${z.body.length} vs ${plain.body.length}`);
		assert.deepEqual(JSON.parse(zlib.gunzipSync(z.body).toString('utf8')), json);
	}
	const refused = await getRaw(admin, url, 'gzip;q=0, *;q=1');
	assert.equal(refused.headers['content-encoding'], undefined);
	assert.deepEqual(JSON.parse(refused.body.toString('utf8')), json);
	/* any JSON answer of some size: a list */
	const list = await getRaw(admin, `${API}/activities?limit=200`, 'gzip');
	assert.equal(list.status, 200);
	assert.equal(list.headers['content-encoding'], 'gzip');
	assert.ok(JSON.parse(zlib.gunzipSync(list.body).toString('utf8')).items.length > 0);
	/* the session answer holds the CSRF token: never compressed */
	const s = await getRaw(admin, `${API}/session`, 'gzip');
	assert.equal(s.status, 200);
	assert.equal(s.headers['content-encoding'], undefined);
	assert.equal(JSON.parse(s.body.toString('utf8')).csrf_token, admin.csrf);
});
