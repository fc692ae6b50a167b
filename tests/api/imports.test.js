'use strict';
/*
 * Imports from CSV and XLSX, through POST /api/v1/imports/{kind} and the
 * `tuyengiao import` command: good files are written with their audit
 * rows; a file with bad rows reports each by line and column and writes
 * nothing; a dry run reports the same counts and writes nothing. XLSX
 * files are made here with openpyxl (Debian's python3-openpyxl).
 */
const assert = require('node:assert/strict');
const { before, after } = require('node:test');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const h = require('./harness');

const API = h.API;
let srv, admin, tmp;

before(async () => {
	srv = await h.start();
	admin = await srv.login('admin');
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-imp-'));
});
after(async () => {
	await srv.stop();
	fs.rmSync(tmp, { recursive: true, force: true });
});

async function upload(client, kind, name, buf, { dryRun = false, csrf = true } = {}) {
	const fd = new FormData();
	fd.append('file', new Blob([buf]), name);
	const headers = { Cookie: `tg_session=${client.cookie}` };
	if (csrf) headers['X-CSRF-Token'] = client.csrf;
	const res = await fetch(`${srv.base}${API}/imports/${kind}${dryRun ? '?dry_run=1' : ''}`, { method: 'POST', headers, body: fd });
	const text = await res.text();
	let body;
	try { body = JSON.parse(text); } catch { body = undefined; }
	return { status: res.status, text, body };
}

/* An XLSX file from rows (arrays); a cell {date: 'YYYY-MM-DD'} is written
 * as a real Excel date. */
function xlsx(rows) {
	const file = path.join(tmp, `f${Math.random().toString(36).slice(2)}.xlsx`);
	const py = `
import json, sys, datetime, openpyxl
wb = openpyxl.Workbook(); ws = wb.active
for row in json.loads(sys.argv[2]):
    ws.append([datetime.date.fromisoformat(c['date']) if isinstance(c, dict) else c for c in row])
wb.save(sys.argv[1])
`;
	execFileSync('/usr/bin/python3', ['-c', py, file, JSON.stringify(rows)]);
	return fs.readFileSync(file);
}

async function unitByCode(code) {
	const r = await admin.get(`${API}/units?q=${encodeURIComponent(code)}&limit=50`);
	return r.body.items.find((u) => u.code === code);
}

h.test('units from CSV with ";": a dry run writes nothing, the import creates them under their parents with audit rows', async () => {
	const csv = '\uFEFFcode;name;parent_code;level;members\r\n' +
		'SH-KH-CB81;"Chi bộ thôn 81; xóm ""Đông""";SH-KH;chibo;12\r\n' +
		'\r\n' +
		'SH-KH-CB82;Chi bộ thôn 82;SH-KH;chibo;7\r\n';
	const before = await h.snapshot(admin);
	const dry = await upload(admin, 'units', 'donvi.csv', Buffer.from(csv), { dryRun: true });
	assert.equal(dry.status, 200, dry.text);
	assert.deepEqual({ ...dry.body, errors: dry.body.errors.length }, { kind: 'units', dry_run: true, rows: 2, created: 2, updated: 0, errors: 0, errors_total: 0, committed: false });
	assert.deepEqual(await h.snapshot(admin), before, 'a dry run changed something');
	assert.equal(await unitByCode('SH-KH-CB81'), undefined);

	const last = await h.lastAuditId(admin);
	const r = await upload(admin, 'units', 'donvi.csv', Buffer.from(csv));
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.committed, true);
	assert.equal(r.body.created, 2);
	const u = await unitByCode('SH-KH-CB81');
	assert.equal(u.name, 'Chi bộ thôn 81; xóm "Đông"');
	assert.equal(u.parent_id, (await unitByCode('SH-KH')).id);
	const rows = await h.auditSince(admin, last);
	assert.deepEqual(rows.map((a) => `${a.action} ${a.entity}`), ['create unit', 'create unit', 'import import']);
	assert.ok(rows.every((a) => a.username === 'admin'));

	/* Again: the same codes are updated, not duplicated. */
	const again = await upload(admin, 'units', 'donvi.csv', Buffer.from(csv.replace('Chi bộ thôn 82', 'Chi bộ thôn 82 mới')));
	assert.equal(again.body.created, 0);
	assert.equal(again.body.updated, 2);
	assert.equal((await unitByCode('SH-KH-CB82')).name, 'Chi bộ thôn 82 mới');
});

h.test('a file with bad rows: every error by line and column, in Vietnamese, and nothing written', async () => {
	const csv = 'code,name,parent_code,level,members\n' +
		'SH-KH-CB83,Chi bộ thôn 83,SH-KH,chibo,5\n' +   /* good */
		'SH-KH-CB84,Chi bộ thôn 84,SH-XX,chibo,5\n' +   /* line 3: no such parent */
		'SH-KH-CB85,"Chi bộ\nhai dòng",SH-KH,chibo,nhiều\n' + /* line 4-5: members */
		'SH-KH-CB86,,SH-KH,chibo,1\n' +                /* line 6: no name */
		'SH-KH-CB87,Chi bộ thôn 87,SH-KH-CB83,chibo,1\n'; /* line 7: level not below parent's */
	const before = await h.snapshot(admin);
	const r = await upload(admin, 'units', 'loi.csv', Buffer.from(csv));
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.committed, false);
	assert.equal(r.body.rows, 5);
	assert.equal(r.body.errors_total, 4);
	const byLine = Object.fromEntries(r.body.errors.map((e) => [e.line, e]));
	assert.deepEqual(Object.keys(byLine).map(Number), [3, 4, 6, 7]);
	assert.equal(byLine[3].column, 'parent_code');
	assert.match(byLine[3].message, /SH-XX/);
	assert.equal(byLine[4].column, 'members');
	assert.equal(byLine[6].column, 'name');
	assert.equal(byLine[7].column, 'level');
	for (const e of r.body.errors) assert.match(e.message, h.VIETNAMESE);
	/* The good row was not written either. */
	assert.equal(await unitByCode('SH-KH-CB83'), undefined);
	assert.deepEqual(await h.snapshot(admin), before);
});

h.test('units outside the importer\'s subtree read as missing, and only admins may import', async () => {
	const units = await h.unitMap(admin);
	assert.ok(units.get('SH-LG-MP'), 'demo unit SH-LG-MP');
	/* A commune admin (Kỳ Hòa) cannot hang a unit under another commune. */
	const r0 = await admin.post(`${API}/users`, { username: 'qt.kh.imp', full_name: 'QT Kỳ Hòa', unit_id: units.get('SH-KH').id, role: 'admin', password: 'Nhập dữ liệu Kỳ Hòa 2026' });
	assert.equal(r0.status, 201, r0.text);
	const local = await srv.login('qt.kh.imp', 'Nhập dữ liệu Kỳ Hòa 2026');
	const csv = 'code,name,parent_code,level\nSH-KH-CB88,Chi bộ 88,SH-LG-MP,chibo\nSH-KH-CB89,Chi bộ 89,SH-XX,chibo\n';
	const r = await upload(local, 'units', 'u.csv', Buffer.from(csv));
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.errors.length, 2);
	/* The same words for a unit elsewhere and for no unit at all. */
	assert.equal(r.body.errors[0].message.replace('SH-LG-MP', 'X'), r.body.errors[1].message.replace('SH-XX', 'X'));
	const leader = await srv.login('truongban');
	h.assertError(assert, await upload(leader, 'units', 'u.csv', Buffer.from(csv)), 403);
	h.assertError(assert, await upload(admin, 'units', 'u.csv', Buffer.from(csv), { csrf: false }), 403);
});

h.test('users from XLSX: accounts created with a password that works; a bad role is reported by line and column', async () => {
	const file = xlsx([
		['Tên đăng nhập', 'Họ và tên', 'Mã đơn vị', 'Vai trò', 'Mật khẩu'],
		['cb.nhap1', 'Nguyễn Văn Nhập', 'SH-KH', 'specialist', 'Nhập liệu @2026x'],
		['cb.nhap2', 'Trần Thị Hai', 'SH-KH', 'viewer', 'Nhập liệu @2026y'],
	]);
	const dry = await upload(admin, 'users', 'taikhoan.xlsx', file, { dryRun: true });
	assert.equal(dry.status, 200, dry.text);
	assert.equal(dry.body.created, 2);
	assert.equal((await srv.tryLogin('cb.nhap1', 'Nhập liệu @2026x')).status, 401);
	const r = await upload(admin, 'users', 'taikhoan.xlsx', file);
	assert.equal(r.body.committed, true, r.text);
	const c = await srv.tryLogin('cb.nhap1', 'Nhập liệu @2026x');
	assert.equal(c.status, 200);
	assert.equal(c.body.user.unit_code, 'SH-KH');
	assert.equal(c.body.user.role, 'specialist');

	const bad = xlsx([
		['username', 'full_name', 'unit_code', 'role', 'password'],
		['cb.nhap3', 'Lê Văn Ba', 'SH-KH', 'specialist', 'Nhập liệu @2026z'],
		[],
		['cb.nhap4', 'Lê Văn Bốn', 'SH-KH', 'sếp', 'Nhập liệu @2026z'],
		['cb.nhap5', 'Lê Văn Năm', 'SH-KH', 'viewer', '123'],
	]);
	const rb = await upload(admin, 'users', 'loi.xlsx', bad);
	assert.equal(rb.body.committed, false);
	assert.deepEqual(rb.body.errors.map((e) => [e.line, e.column]), [[4, 'role'], [5, 'password']]);
	assert.equal((await srv.tryLogin('cb.nhap3', 'Nhập liệu @2026z')).status, 401);
});

h.test('indicator values from XLSX: created, then updated in place; numerator above denominator is refused', async () => {
	const file = (num) => xlsx([
		['indicator_code', 'unit_code', 'period', 'numerator', 'denominator', 'note'],
		['KDC-VH', 'SH-KH', 2024, num, 20, 'nhập từ tệp'],
		['HO-GDVH', 'SH-KH', '2024', 300, 320, null],
	]);
	const r = await upload(admin, 'indicator-values', 'chitieu.xlsx', file(18));
	assert.equal(r.status, 200, r.text);
	assert.deepEqual([r.body.created, r.body.updated, r.body.committed], [2, 0, true], r.text);
	const list = async () => (await admin.get(`${API}/indicator-values?unit_id=${(await unitByCode('SH-KH')).id}&period=2024`)).body.items;
	const pick = (vals) => Object.fromEntries(vals.map((v) => [v.indicator_code, [v.numerator, v.denominator, v.note || '']]));
	let vals = await list();
	assert.deepEqual(pick(vals), { 'KDC-VH': [18, 20, 'nhập từ tệp'], 'HO-GDVH': [300, 320, ''] });
	const r2 = await upload(admin, 'indicator-values', 'chitieu.xlsx', file(19));
	assert.deepEqual([r2.body.created, r2.body.updated], [0, 2], r2.text);
	vals = await list();
	assert.deepEqual(pick(vals), { 'KDC-VH': [19, 20, 'nhập từ tệp'], 'HO-GDVH': [300, 320, ''] });
	const r3 = await upload(admin, 'indicator-values', 'chitieu.xlsx', file(25));
	assert.equal(r3.body.committed, false);
	assert.deepEqual(r3.body.errors.map((e) => [e.line, e.column]), [[2, 'numerator']]);
	assert.deepEqual(pick(await list())['KDC-VH'], [19, 20, 'nhập từ tệp']);
});

h.test('unreadable files are refused as a whole: missing column, unknown column, unclosed quote, not a spreadsheet', async () => {
	const before = await h.snapshot(admin);
	const cases = [
		['name,level\nA,chibo\n', /code/],
		['code,name,colour\nA,B,red\n', /colour/],
		['code,name\nA,"B\n', /ngoặc kép/],
		['code,name\n', /không có dòng dữ liệu/],
	];
	for (const [text, re] of cases) {
		const r = await upload(admin, 'units', 'x.csv', Buffer.from(text));
		const e = h.assertError(assert, r, 400, { field: 'file' });
		assert.match(e.message, re);
	}
	const broken = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 7)]);
	h.assertError(assert, await upload(admin, 'units', 'x.xlsx', broken), 400, { field: 'file' });
	h.assertError(assert, await admin.post(`${API}/imports/units`, {}), 400, { field: 'file' });
	assert.deepEqual(await h.snapshot(admin), before);
});

h.test('the CLI: errors on stderr by line and column, exit 1 and nothing written; --dry-run; then the import', async () => {
	const db = srv.db;
	const file = path.join(tmp, 'cli.csv');
	fs.writeFileSync(file, 'code;name;parent_code;level\nSH-KH-CB71;Chi bộ 71;SH-KH;chibo\nSH-KH-CB72;Chi bộ 72;SH-YY;chibo\n');
	let out;
	try {
		execFileSync(h.BIN, ['import', 'units', file, '--db', db], { encoding: 'utf8', stdio: 'pipe' });
		assert.fail('exit 0 with a bad row');
	} catch (e) {
		assert.equal(e.status, 1, e.stderr);
		assert.match(e.stderr, /dòng 3, cột parent_code: .*SH-YY/);
	}
	assert.equal(await unitByCode('SH-KH-CB71'), undefined);
	fs.writeFileSync(file, 'code;name;parent_code;level\nSH-KH-CB71;Chi bộ 71;SH-KH;chibo\n');
	out = execFileSync(h.BIN, ['import', 'units', file, '--dry-run', '--db', db], { encoding: 'utf8' });
	assert.match(out, /1 tạo mới/);
	assert.equal(await unitByCode('SH-KH-CB71'), undefined);
	const last = await h.lastAuditId(admin);
	out = execFileSync(h.BIN, ['import', 'units', file, '--as', 'admin', '--db', db], { encoding: 'utf8' });
	assert.match(out, /Đã ghi/);
	assert.ok(await unitByCode('SH-KH-CB71'));
	const rows = await h.auditSince(admin, last);
	assert.deepEqual(rows.map((a) => `${a.action} ${a.entity} ${a.username}`), ['create unit admin', 'import import admin']);
});
