'use strict';
/*
 * The document register over HTTP: symbol parsing and validation, incoming
 * and outgoing registration, automatic numbering per issuer/type/term with
 * 8 concurrent writers, accent-insensitive search, filters, attachments
 * (streamed upload, type by content, size limit, truncated bodies, no
 * orphan files, Vietnamese file names), code tables, terms, scoping and
 * roles, and the audit of every write.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { before, after, describe } = require('node:test');
const h = require('./harness');

const API = h.API;
let srv;
let spec; /* chuyenvien: specialist at SH */

before(async () => {
	srv = await h.start({ args: ['--max-upload-mib', '1'] });
	spec = await srv.login('chuyenvien');
});
after(() => srv.stop());

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 'x'), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 1)]);

async function upload(client, docId, name, buf, type = 'application/octet-stream') {
	const fd = new FormData();
	fd.append('note', 'x');
	fd.append('file', new Blob([buf], { type }), name);
	const res = await fetch(`${srv.base}${API}/documents/${docId}/attachments`, {
		method: 'POST',
		headers: { Cookie: `tg_session=${client.cookie}`, 'X-CSRF-Token': client.csrf },
		body: fd,
	});
	const text = await res.text();
	let body;
	try { body = JSON.parse(text); } catch { body = undefined; }
	return { status: res.status, text, body, headers: res.headers };
}

function filesOnDisk() {
	const root = path.join(srv.dir, 'files');
	const out = [];
	const walk = (d) => {
		if (!fs.existsSync(d)) return;
		for (const e of fs.readdirSync(d, { withFileTypes: true })) {
			const p = path.join(d, e.name);
			if (e.isDirectory()) walk(p); else out.push(path.relative(root, p));
		}
	};
	walk(root);
	return out.sort();
}

async function createIn(client, symbol, extra = {}) {
	return client.post(`${API}/documents`, {
		direction: 'in', symbol, issued_on: '2026-01-10',
		summary: `Văn bản thử ${symbol}`, ...extra,
	});
}

describe('number and symbol', () => {
	h.test('parse-symbol answers the parse or a Vietnamese error', async () => {
		let r = await spec.get(`${API}/documents/parse-symbol?s=${encodeURIComponent('Số: 05-nq/tu')}`);
		assert.equal(r.status, 200);
		assert.deepEqual({ ...r.body }, { ok: true, style: 'party', number: 5, type: 'NQ', issuer: 'TU', suffix: '', symbol: '05-NQ/TU' });
		r = await spec.get(`${API}/documents/parse-symbol?s=${encodeURIComponent('24/KH-BTGTU')}`);
		assert.equal(r.body.style, 'state');
		assert.equal(r.body.symbol, '24/KH-BTGTU');
		for (const [s, needle] of [['05-XY/TU', 'XY'], ['05-NQ/ZZZ', 'ZZZ'], ['05-NQ', '/'], ['abc', 'số'], ['05–NQ/TU', '–']]) {
			r = await spec.get(`${API}/documents/parse-symbol?s=${encodeURIComponent(s)}`);
			assert.equal(r.status, 200);
			assert.equal(r.body.ok, false, s);
			assert.match(r.body.error.message, h.VIETNAMESE);
			assert.ok(r.body.error.message.includes(needle), `${s}: ${r.body.error.message}`);
		}
	});

	h.test('a bad symbol is refused with 400 on field symbol, nothing written', async () => {
		const before = (await spec.get(`${API}/documents?limit=1`)).body.total;
		for (const s of ['05-XX/TU', '05-NQ/QQQ', '0-NQ/TU', '05 NQ/TU', '', 'NQ-05/TU']) {
			const r = await createIn(spec, s);
			h.assertError(assert, r, 400, { field: 'symbol' });
		}
		assert.equal((await spec.get(`${API}/documents?limit=1`)).body.total, before);
	});

	h.test('state-style symbols are for incoming documents only, kept as written', async () => {
		let r = await createIn(spec, 'Số: 383/KH-UBND', { issuer_text: 'UBND tỉnh Sơn Hà', issued_on: '2026-02-01' });
		assert.equal(r.status, 201, r.text);
		assert.equal(r.body.symbol, '383/KH-UBND');
		assert.equal(r.body.state_style, true);
		assert.equal(r.body.issuer_name, 'UBND tỉnh Sơn Hà');
		r = await spec.post(`${API}/documents`, { direction: 'out', symbol: '24/KH-BTGTU', issued_on: '2026-01-10', summary: 'x' });
		h.assertError(assert, r, 400, { field: 'symbol' });
	});
});

describe('outgoing numbering', () => {
	h.test('outgoing plans number themselves per issuer, type and term', async () => {
		const mk = (type, issued_on = '2026-06-01') => spec.post(`${API}/documents`, {
			direction: 'out', type, issuer: 'BTGDVTU', issued_on, summary: `Kế hoạch ${type}`,
		});
		const a = await mk('KH');
		assert.equal(a.status, 201, a.text);
		const m = /^(\d+)-KH\/BTGDVTU$/.exec(a.body.symbol);
		assert.ok(m, a.body.symbol);
		assert.ok(m[1].length >= 2);
		const b = await mk('KH');
		assert.equal(b.body.number, a.body.number + 1);
		assert.equal(b.body.symbol, `${String(a.body.number + 1).padStart(2, '0')}-KH/BTGDVTU`);
		assert.equal(b.body.term_name, '2025-2030');
		/* Another type starts its own series; the old term has its own. */
		const c = await mk('TTr');
		assert.equal(c.body.symbol, '01-TTr/BTGDVTU');
		const old = await mk('TTr', '2023-05-05');
		assert.equal(old.body.symbol, '01-TTr/BTGDVTU');
		assert.equal(old.body.term_name, '2020-2025');
	});

	h.test('a duplicate number for the same issuer, type and term is 409', async () => {
		const a = await spec.post(`${API}/documents`, { direction: 'out', type: 'TB', issuer: 'TU', issued_on: '2026-03-01', summary: 'Thông báo' });
		assert.equal(a.status, 201, a.text);
		const r = await spec.post(`${API}/documents`, { direction: 'out', symbol: a.body.symbol, issued_on: '2026-03-02', summary: 'Trùng số' });
		h.assertError(assert, r, 409, { field: 'symbol' });
		/* The same number in the previous term is fine. */
		const ok = await spec.post(`${API}/documents`, { direction: 'out', symbol: a.body.symbol, issued_on: '2024-03-02', summary: 'Nhiệm kỳ trước' });
		assert.equal(ok.status, 201, ok.text);
	});

	h.test('8 concurrent writers get 1..N with no gap or duplicate', async () => {
		const clients = await Promise.all(Array.from({ length: 8 }, () => srv.login('chuyenvien')));
		const per = 5;
		const results = await Promise.all(clients.map(async (cl, i) => {
			const out = [];
			for (let k = 0; k < per; k++) {
				const r = await cl.post(`${API}/documents`, {
					direction: 'out', type: 'ĐA', issuer: 'BTGDVTU', issued_on: '2026-04-01',
					summary: `Đề án ${i}-${k}`,
				});
				assert.equal(r.status, 201, r.text);
				out.push(r.body.number);
			}
			return out;
		}));
		const all = results.flat().sort((x, y) => x - y);
		assert.deepEqual(all, Array.from({ length: 8 * per }, (_, i) => i + 1));
	});

	h.test('outgoing without a term covering the date is refused', async () => {
		const r = await spec.post(`${API}/documents`, { direction: 'out', type: 'KH', issuer: 'BTGDVTU', issued_on: '2019-01-01', summary: 'x' });
		h.assertError(assert, r, 400, { field: 'issued_on' });
	});
});

describe('search and filters', () => {
	h.test('accent-insensitive search finds the resolution, d matches đ', async () => {
		let r = await spec.get(`${API}/documents?q=${encodeURIComponent('nghi quyet chinh tri tu tuong')}`);
		assert.equal(r.status, 200);
		assert.ok(r.body.items.some((d) => d.symbol === '05-NQ/TU'), r.text);
		r = await spec.get(`${API}/documents?q=${encodeURIComponent('NGHỊ QUYẾT Chính Trị')}`);
		assert.ok(r.body.items.some((d) => d.symbol === '05-NQ/TU'));
		r = await spec.get(`${API}/documents?q=${encodeURIComponent('dai hoi dang bo')}`);
		assert.ok(r.body.total >= 1);
		for (const d of r.body.items) assert.ok(/Đại hội|đại hội|Đảng bộ/.test(d.summary + d.tags.join(' ')), d.summary);
		r = await spec.get(`${API}/documents?q=${encodeURIComponent('05-NQ/TU')}`);
		assert.equal(r.body.items[0].symbol, '05-NQ/TU');
		r = await spec.get(`${API}/documents?q=${encodeURIComponent('khongcotu')}`);
		assert.equal(r.body.total, 0);
	});

	h.test('filters: type, issuer, date range, direction, unit, paging, sort', async () => {
		let r = await spec.get(`${API}/documents?type=KL&limit=100`);
		assert.ok(r.body.total >= 2);
		for (const d of r.body.items) assert.equal(d.type, 'KL');
		r = await spec.get(`${API}/documents?issuer=TW&direction=in&limit=100`);
		for (const d of r.body.items) { assert.equal(d.issuer, 'TW'); assert.equal(d.direction, 'in'); }
		r = await spec.get(`${API}/documents?from=2026-01-01&to=2026-01-31&sort=date_asc&limit=100`);
		for (const d of r.body.items) assert.ok(d.issued_on >= '2026-01-01' && d.issued_on <= '2026-01-31');
		const dates = r.body.items.map((d) => d.issued_on);
		assert.deepEqual(dates, [...dates].sort());
		r = await spec.get(`${API}/documents?limit=2&offset=1`);
		assert.equal(r.body.items.length, 2);
		assert.ok(r.body.total > 30);
		h.assertError(assert, await spec.get(`${API}/documents?sort=bogus`), 400, { field: 'sort' });
		h.assertError(assert, await spec.get(`${API}/documents?from=2026-13-01`), 400, { field: 'from' });
	});
});

describe('scoping and roles', () => {
	h.test('a commune sees its own documents and those assigned to it, never a neighbour\'s', async () => {
		const kh = await srv.login('xa.kyhoa'); /* specialist of SH-KH */
		const mp = await srv.login('phuong.myphuoc'); /* contributor of SH-LG-MP */
		const own = await kh.post(`${API}/documents`, { direction: 'in', symbol: '31-KH/ĐU', issued_on: '2026-03-03', summary: 'Kế hoạch riêng của xã Kỳ Hoa' });
		assert.equal(own.status, 201, own.text);
		h.assertError(assert, await mp.get(`${API}/documents/${own.body.id}`), 404);
		const list = await mp.get(`${API}/documents?limit=500`);
		assert.ok(!list.body.items.some((d) => d.id === own.body.id));
		assert.ok(!list.body.items.some((d) => d.unit_code === 'SH-KH'));
		/* Not editable by the province's subtree sibling either. */
		h.assertError(assert, await mp.patch(`${API}/documents/${own.body.id}`, { summary: 'x' }), 403);
		/* The province resolution reaches the commune through its task. */
		const q = await mp.get(`${API}/documents?q=05-NQ/TU`);
		assert.ok(q.body.items.some((d) => d.symbol === '05-NQ/TU'), q.text);
	});

	h.test('viewers and contributors cannot register documents', async () => {
		const viewer = await srv.login('xem');
		h.assertError(assert, await createIn(viewer, '77-NQ/TU'), 403);
		const contrib = await srv.login('phuong.myphuoc');
		h.assertError(assert, await createIn(contrib, '77-NQ/TU'), 403);
	});

	h.test('a unit outside the subtree is 404', async () => {
		const kh = await srv.login('xa.kyhoa');
		const units = await h.unitMap(spec);
		const r = await kh.post(`${API}/documents`, { direction: 'in', symbol: '78-NQ/TU', issued_on: '2026-01-01', summary: 'x', unit_id: units.get('SH-KL').id });
		h.assertError(assert, r, 404);
	});
});

describe('register, update, delete', () => {
	h.test('create, get, patch, delete are audited; delete keeps the audit trail', async () => {
		const admin = await srv.login('admin');
		const since = await h.lastAuditId(admin);
		const c = await createIn(spec, '91-CT/TU', { signer: 'Bí thư', text: 'Nội dung đầy đủ', tags: ['kỷ luật'] });
		assert.equal(c.status, 201, c.text);
		const g = await spec.get(`${API}/documents/${c.body.id}`);
		assert.equal(g.body.text, 'Nội dung đầy đủ');
		assert.deepEqual(g.body.attachments, []);
		const p = await spec.patch(`${API}/documents/${c.body.id}`, { summary: 'Chỉ thị đã sửa về kỷ cương' });
		assert.equal(p.status, 200, p.text);
		assert.equal(p.body.summary, 'Chỉ thị đã sửa về kỷ cương');
		const s = await spec.get(`${API}/documents?q=da%20sua%20ky%20cuong`);
		assert.ok(s.body.items.some((d) => d.id === c.body.id));
		assert.equal((await spec.del(`${API}/documents/${c.body.id}`)).status, 200);
		h.assertError(assert, await spec.get(`${API}/documents/${c.body.id}`), 404);
		const rows = await h.auditSince(admin, since, 'entity=document');
		assert.deepEqual(rows.map((x) => x.action), ['create', 'update', 'delete']);
	});

	h.test('a document with tasks cannot be deleted (409)', async () => {
		const r = await spec.get(`${API}/documents?q=05-NQ/TU`);
		const doc = r.body.items.find((d) => d.symbol === '05-NQ/TU');
		h.assertError(assert, await spec.del(`${API}/documents/${doc.id}`), 409);
	});

	h.test('unknown fields and missing summary are 400', async () => {
		h.assertError(assert, await createIn(spec, '92-NQ/TU', { colour: 'red' }), 400, { field: 'colour' });
		h.assertError(assert, await spec.post(`${API}/documents`, { direction: 'in', symbol: '92-NQ/TU', issued_on: '2026-01-01' }), 400, { field: 'summary' });
		h.assertError(assert, await createIn(spec, '92-NQ/TU', { direction: 'sideways' }), 400, { field: 'direction' });
	});
});

describe('attachments', () => {
	h.test('upload a PDF with a Vietnamese name, download it, found by its name', async () => {
		const d = await createIn(spec, '93-NQ/TU');
		const name = 'Nghị quyết 93 bản gốc.pdf';
		const u = await upload(spec, d.body.id, name, PDF, 'application/pdf');
		assert.equal(u.status, 201, u.text);
		assert.equal(u.body.mime, 'application/pdf');
		assert.equal(u.body.size, PDF.length);
		assert.equal(u.body.filename, name);
		const res = await fetch(`${srv.base}${API}/documents/${d.body.id}/attachments/${u.body.id}`, { headers: { Cookie: `tg_session=${spec.cookie}` } });
		assert.equal(res.status, 200);
		assert.equal(res.headers.get('content-type'), 'application/pdf');
		const cd = res.headers.get('content-disposition');
		assert.ok(cd.includes(`filename*=UTF-8''${encodeURIComponent(name).replace(/[!'()*]/g, (ch) => '%' + ch.charCodeAt(0).toString(16).toUpperCase())}`), cd);
		assert.ok(Buffer.from(await res.arrayBuffer()).equals(PDF));
		const s = await spec.get(`${API}/documents?q=${encodeURIComponent('ban goc')}`);
		assert.ok(s.body.items.some((x) => x.id === d.body.id), s.text);
		/* Same content again: stored once on disk. */
		const u2 = await upload(spec, d.body.id, 'copy.pdf', PDF, 'application/pdf');
		assert.equal(u2.status, 201);
		assert.equal(u2.body.sha256, u.body.sha256);
		const files = filesOnDisk().filter((f) => !f.startsWith('tmp'));
		assert.equal(files.filter((f) => f.endsWith(u.body.sha256)).length, 1);
		const g = await spec.get(`${API}/documents/${d.body.id}`);
		assert.equal(g.body.attachments.length, 2);
	});

	h.test('type is checked by content; PNG accepted, disguised text refused', async () => {
		const d = await createIn(spec, '94-NQ/TU');
		const ok = await upload(spec, d.body.id, 'anh.png', PNG, 'image/png');
		assert.equal(ok.status, 201, ok.text);
		assert.equal(ok.body.mime, 'image/png');
		const bad = await upload(spec, d.body.id, 'fake.pdf', Buffer.from('hello, not a pdf'), 'application/pdf');
		h.assertError(assert, bad, 400, { field: 'file' });
		const zip = await upload(spec, d.body.id, 'x.docx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200)]));
		h.assertError(assert, zip, 400, { field: 'file' });
		assert.deepEqual(filesOnDisk().filter((f) => f.startsWith('tmp/')), []);
	});

	h.test('over the limit is 413, truncated multipart is 400, nothing left on disk', async () => {
		const d = await createIn(spec, '95-NQ/TU');
		const before = filesOnDisk();
		const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1024 * 1024 + 10, 'a')]);
		const r = await upload(spec, d.body.id, 'lon.pdf', big, 'application/pdf');
		h.assertError(assert, r, 413);
		const boundary = '----tgboundary';
		const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cut.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 truncated body without the closing boundary`;
		const t = await spec.post(`${API}/documents/${d.body.id}/attachments`, body, { headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` } });
		h.assertError(assert, t, 400, { field: 'file' });
		const none = await spec.post(`${API}/documents/${d.body.id}/attachments`, { a: 1 });
		h.assertError(assert, none, 400, { field: 'file' });
		/* A part without Content-Disposition has no name (fuzz_multipart
		 * found the server crashing on it): ignored like any other field. */
		const nameless = `--${boundary}\r\nContent-Type: text/plain\r\n\r\nno name\r\n--${boundary}--\r\n`;
		const n = await spec.post(`${API}/documents/${d.body.id}/attachments`, nameless, { headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` } });
		h.assertError(assert, n, 400, { field: 'file' });
		assert.equal((await spec.get(`${API}/health`)).status, 200);
		assert.deepEqual(filesOnDisk(), before);
		const g = await spec.get(`${API}/documents/${d.body.id}`);
		assert.equal(g.body.attachments.length, 0);
	});

	h.test('uploading to a document outside the subtree is 404 and leaves no file', async () => {
		const kh = await srv.login('xa.kyhoa');
		const d = await createIn(spec, '96-NQ/TU');
		const before = filesOnDisk();
		const r = await upload(kh, d.body.id, 'x.pdf', PDF, 'application/pdf');
		h.assertError(assert, r, 404);
		assert.deepEqual(filesOnDisk(), before);
	});
});

describe('uploads from strangers', () => {
	h.test('a body is streamed to disk only for a signed-in user with the CSRF token', async () => {
		/* With a 5 MiB upload limit, a 2 MiB upload that is streamed would be
		 * written to a temporary file before the router refuses it (401,
		 * 403). Without a session or token it must instead go to the 1 MiB
		 * JSON buffer and be refused as too large, touching no disk. */
		const big = await h.start({ args: ['--max-upload-mib', '5'] });
		try {
			const sp = await big.login('chuyenvien');
			const d = await sp.post(`${API}/documents`, { direction: 'in', symbol: '97-NQ/TU', issued_on: '2026-01-10', summary: 'Nghị quyết thử tải lên' });
			assert.equal(d.status, 201, d.text);
			const send = (headers) => {
				const fd = new FormData();
				fd.append('file', new Blob([Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2 << 20, 'a')])], { type: 'application/pdf' }), 'x.pdf');
				return fetch(`${big.base}${API}/documents/${d.body.id}/attachments`, { method: 'POST', headers, body: fd });
			};
			assert.equal((await send({})).status, 413, 'anonymous');
			assert.equal((await send({ Cookie: `tg_session=${sp.cookie}` })).status, 413, 'no CSRF token');
			const ok = await send({ Cookie: `tg_session=${sp.cookie}`, 'X-CSRF-Token': sp.csrf });
			assert.equal(ok.status, 201, await ok.text());
		} finally {
			await big.stop();
		}
	});
});

describe('code tables and terms', () => {
	h.test('admins add and edit types and issuers; the parser uses them', async () => {
		const admin = await srv.login('admin');
		let r = await spec.get(`${API}/document-types`);
		assert.ok(r.body.items.some((t) => t.code === 'QĐ'));
		r = await spec.get(`${API}/issuers`);
		assert.ok(r.body.items.some((t) => t.code === 'BTGDVTU'));
		h.assertError(assert, await spec.post(`${API}/document-types`, { code: 'XYZ', name: 'x' }), 403);
		r = await admin.post(`${API}/issuers`, { code: 'BDVHU', name: 'Ban Dân vận Huyện ủy' });
		assert.equal(r.status, 201, r.text);
		r = await spec.get(`${API}/documents/parse-symbol?s=07-KH/BDVHU`);
		assert.equal(r.body.ok, true);
		h.assertError(assert, await admin.post(`${API}/issuers`, { code: 'BDVHU', name: 'dup' }), 409, { field: 'code' });
		h.assertError(assert, await admin.post(`${API}/document-types`, { code: 'A-B', name: 'x' }), 400, { field: 'code' });
		const t = await admin.post(`${API}/document-types`, { code: 'CĐ', name: 'Chuyên đề' });
		assert.equal(t.status, 201);
		const off = await admin.patch(`${API}/document-types/${t.body.id}`, { active: false });
		assert.equal(off.body.active, false);
		r = await spec.get(`${API}/documents/parse-symbol?s=07-CĐ/TU`);
		assert.equal(r.body.ok, false);
	});

	h.test('terms: listed for the user, created by admin, overlap refused', async () => {
		const admin = await srv.login('admin');
		let r = await spec.get(`${API}/terms`);
		assert.ok(r.body.items.some((t) => t.name === '2020-2025' && t.start_date === '2020-10-15' && t.end_date === '2025-09-30'));
		assert.ok(r.body.items.some((t) => t.name === '2025-2030' && t.start_date === '2025-10-01'));
		const units = await h.unitMap(admin);
		r = await admin.post(`${API}/terms`, { unit_id: units.get('SH-LG').id, name: '2025-2030', start_date: '2025-09-01', end_date: '2030-08-31' });
		assert.equal(r.status, 201, r.text);
		r = await admin.post(`${API}/terms`, { unit_id: units.get('SH-LG').id, name: 'chồng', start_date: '2026-01-01' });
		h.assertError(assert, r, 409);
		r = await admin.post(`${API}/terms`, { unit_id: units.get('SH-LG').id, name: 'ngược', start_date: '2040-01-01', end_date: '2039-01-01' });
		h.assertError(assert, r, 400, { field: 'end_date' });
		h.assertError(assert, await spec.post(`${API}/terms`, { unit_id: units.get('SH-LG').id, name: 'x', start_date: '2031-01-01' }), 403);
	});
});
