'use strict';
/*
 * `tuyengiao backup` / `restore`: an online backup taken while clients
 * keep writing is a consistent snapshot holding everything acknowledged
 * before it started; a backup of a quiet database restores to an
 * identical database (every table, by .dump) and identical attachment
 * files, which a server then serves; the CLI refuses bad arguments and
 * overwriting.
 */
const { before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const h = require('./harness');

const { API } = h;
/* The suite's PostgreSQL run ($TG_PG_ADMIN_URL): backup/restore are SQLite-only (PostgreSQL refusal is checked on the SQLite run). */
const ON_PG = Boolean(process.env.TG_PG_ADMIN_URL);
let srv;
let admin;
let units;
let tmp;

function cli(args) {
	return new Promise((resolve) => {
		execFile(h.BIN, args, { cwd: h.ROOT }, (err, stdout, stderr) => {
			resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
		});
	});
}

function sql(db, query) {
	return new Promise((resolve, reject) => {
		execFile('sqlite3', ['-readonly', db, query], { maxBuffer: 256 << 20 }, (err, stdout, stderr) => {
			if (err) reject(new Error(`${err.message}\n${stderr}`));
			else resolve(stdout);
		});
	});
}

/* { relative path: sha256 } of a files/ tree, tmp/ excluded. */
function tree(root) {
	const out = {};
	const walk = (dir, rel) => {
		if (!fs.existsSync(dir)) return;
		for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
			const r = rel ? `${rel}/${e.name}` : e.name;
			if (!rel && e.name === 'tmp') continue;
			if (e.isDirectory()) walk(path.join(dir, e.name), r);
			else out[r] = crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, e.name))).digest('hex');
		}
	};
	walk(root, '');
	return out;
}

async function upload(client, docId, name, buf) {
	const fd = new FormData();
	fd.append('file', new Blob([buf], { type: 'application/pdf' }), name);
	const res = await fetch(`${srv.base}${API}/documents/${docId}/attachments`, {
		method: 'POST',
		headers: { Cookie: `tg_session=${client.cookie}`, 'X-CSRF-Token': client.csrf },
		body: fd,
	});
	return { status: res.status, text: await res.text() };
}

const pdf = (i) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(`tệp ${i} `.repeat(50 + i)), Buffer.from('\n%%EOF\n')]);

before(async () => {
	if (ON_PG) return;
	srv = await h.start();
	admin = await srv.login('admin');
	units = await h.unitMap(admin);
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-backup-'));
	/* A few documents with attachments. */
	for (let i = 0; i < 3; i++) {
		const d = await admin.post(`${API}/documents`, { direction: 'in', symbol: `${700 + i}/KH-UBND`, issued_on: '2025-03-01', summary: `Sao lưu ${i}` });
		assert.equal(d.status, 201, d.text);
		const u = await upload(admin, d.body.id, `tep-${i}.pdf`, pdf(i));
		assert.equal(u.status, 201, u.text);
	}
});

after(async () => {
	await srv?.stop();
	if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

h.test('an online backup under concurrent writes is consistent and holds everything acknowledged before it', { skip: ON_PG && 'SQLite only' }, async () => {
	const cell = units.get('SH-LG-MP-CB01').id;
	const acked = [];
	let stop = false;
	let k = 0;
	const writer = async () => {
		while (!stop) {
			const i = k++;
			const r = await admin.post(`${API}/activities`, {
				unit_id: cell, date: '2025-01-15', kind: 'study', form: 'in_person',
				members_present: i % 30, members_expected: 30, note: `backup-load ${i}`,
			});
			if (r.status === 201) acked.push({ id: r.body.id, at: Date.now() });
		}
	};
	const writers = [writer(), writer(), writer()];
	await h.sleep(300);
	const startedAt = Date.now();
	const before = acked.filter((w) => w.at < startedAt).map((w) => w.id);
	const out = path.join(tmp, 'online');
	const r = await cli(['backup', '--db', srv.db, '-o', out]);
	await h.sleep(200);
	stop = true;
	await Promise.all(writers);
	assert.equal(r.code, 0, r.stderr);
	const bdb = path.join(out, 'tuyengiao.db');
	assert.equal((await sql(bdb, 'PRAGMA integrity_check')).trim(), 'ok');
	assert.equal((await sql(bdb, 'PRAGMA foreign_key_check')).trim(), '');
	const inBackup = new Set((await sql(bdb, "SELECT id FROM activities WHERE note LIKE 'backup-load %'")).trim().split('\n').filter(Boolean).map(Number));
	for (const id of before) assert.ok(inBackup.has(id), `activity ${id} acknowledged before the backup is missing from it`);
	/* A snapshot: each activity in it has its audit row, nothing half. */
	const missing = (await sql(bdb, "SELECT a.id FROM activities a WHERE a.note LIKE 'backup-load %' AND NOT EXISTS (SELECT 1 FROM audit WHERE entity = 'activity' AND entity_id = a.id AND action = 'create')")).trim();
	assert.equal(missing, '');
	assert.ok(before.length > 0 && acked.length > before.length, `writes went on during the backup (${before.length} before, ${acked.length} in all)`);
	/* The attachments came along. */
	assert.deepEqual(tree(path.join(out, 'files')), tree(path.join(srv.dir, 'files')));
	console.log(`# backup: online under load, ${before.length} writes acknowledged before it all present, ${acked.length - before.length} more during/after`);
});

h.test('backup then restore round-trips every table and every attachment file; the restored copy serves', { skip: ON_PG && 'SQLite only' }, async () => {
	const out = path.join(tmp, 'quiet');
	const r = await cli(['backup', '--db', srv.db, '-o', out]);
	assert.equal(r.code, 0, r.stderr);
	assert.match(r.stdout, /3 tệp đính kèm/);
	const dest = path.join(tmp, 'restored');
	fs.mkdirSync(dest);
	const rdb = path.join(dest, 'tuyengiao.db');
	const rr = await cli(['restore', '--db', `sqlite:${rdb}`, '-i', out]);
	assert.equal(rr.code, 0, rr.stderr);
	/* The live database is quiet now: identical dumps, table by table. */
	const tables = (await sql(srv.db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).trim().split('\n');
	assert.ok(tables.length > 10);
	for (const t of tables) {
		const a = await sql(srv.db, `.dump "${t}"`);
		const b = await sql(rdb, `.dump "${t}"`);
		assert.ok(a === b, `table ${t} differs after restore`);
	}
	assert.equal((await sql(rdb, 'PRAGMA integrity_check')).trim(), 'ok');
	const files = tree(path.join(dest, 'files'));
	assert.equal(Object.keys(files).length, 3);
	assert.deepEqual(files, tree(path.join(srv.dir, 'files')));
	/* A server on the restored copy serves the data and the files. */
	const port = await new Promise((resolve) => {
		const n = require('node:net').createServer();
		n.listen(0, '127.0.0.1', () => { const p = n.address().port; n.close(() => resolve(p)); });
	});
	const child = require('node:child_process').spawn(h.BIN, ['serve', '--db', rdb, '--listen', `127.0.0.1:${port}`,
		'--web-root', path.join(h.ROOT, 'web')], { cwd: h.ROOT, stdio: 'ignore' });
	try {
		const base = `http://127.0.0.1:${port}`;
		for (let i = 0; ; i++) {
			try { if ((await fetch(`${base}${API}/health`)).status === 200) break; } catch { /* not yet */ }
			assert.ok(i < 400, 'restored server did not start');
			await h.sleep(25);
		}
		const a2 = await h.login(base, 'admin');
		const docs = await a2.get(`${API}/documents?q=${encodeURIComponent('Sao lưu')}&limit=10`);
		assert.equal(docs.status, 200, docs.text);
		let served = 0;
		for (const d of docs.body.items) {
			const g = await a2.get(`${API}/documents/${d.id}`);
			for (const att of g.body.attachments || []) {
				const res = await fetch(`${base}${API}/documents/${d.id}/attachments/${att.id}`, { headers: { Cookie: `tg_session=${a2.cookie}` } });
				assert.equal(res.status, 200);
				const buf = Buffer.from(await res.arrayBuffer());
				assert.ok(buf.subarray(0, 8).toString() === '%PDF-1.4', 'attachment content');
				served++;
			}
		}
		assert.equal(served, 3, 'the restored server serves the 3 attachments');
	} finally {
		await new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGTERM'); });
	}
	console.log(`# backup: round trip of ${tables.length} tables and ${Object.keys(files).length} attachment files identical`);
});

h.test('backup and restore refuse bad arguments, overwriting, and PostgreSQL', { skip: ON_PG && 'SQLite only' }, async () => {
	for (const cmd of ['backup', 'restore']) {
		const help = await cli([cmd, '--help']);
		assert.equal(help.code, 0);
		assert.match(help.stdout, new RegExp(`tuyengiao ${cmd}`));
		const bad = await cli([cmd, '--db', srv.db, '--khong-co']);
		assert.equal(bad.code, 2);
		assert.match(bad.stderr, /--khong-co/);
		const none = await cli([cmd, '--db', srv.db]);
		assert.equal(none.code, 2);
		assert.match(none.stderr, cmd === 'backup' ? /-o/ : /-i/);
		const pg = await cli([cmd, '--db', 'postgresql://localhost/khongco', cmd === 'backup' ? '-o' : '-i', path.join(tmp, `pg-${cmd}`)]);
		assert.equal(pg.code, 2);
		assert.match(pg.stderr, /PostgreSQL/);
	}
	/* Into a directory that has data: refused, nothing changed. */
	fs.mkdirSync(path.join(tmp, 'full'));
	fs.writeFileSync(path.join(tmp, 'full', 'x'), 'x');
	const full = await cli(['backup', '--db', srv.db, '-o', path.join(tmp, 'full')]);
	assert.equal(full.code, 2);
	assert.deepEqual(fs.readdirSync(path.join(tmp, 'full')), ['x']);
	/* Restore over a database with data: refused without --force. */
	const out = path.join(tmp, 'quiet');
	const before = fs.readFileSync(srv.db).length;
	const over = await cli(['restore', '--db', srv.db, '-i', out]);
	assert.equal(over.code, 2);
	assert.match(over.stderr, /--force/);
	assert.equal(fs.readFileSync(srv.db).length, before);
	/* Not a backup. */
	const notb = await cli(['restore', '--db', path.join(tmp, 'new.db'), '-i', path.join(tmp, 'full')]);
	assert.equal(notb.code, 2);
	assert.equal(fs.existsSync(path.join(tmp, 'new.db')), false);
});
