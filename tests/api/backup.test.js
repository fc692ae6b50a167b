'use strict';
/*
 * `tuyengiao backup` / `restore`, on SQLite and, in the suite's PostgreSQL
 * run ($TG_PG_ADMIN_URL), on PostgreSQL (pg_dump / pg_restore): an online
 * backup taken while clients keep writing is a consistent snapshot holding
 * everything acknowledged before it started; a backup of a quiet database
 * restores to an identical database (every table, row by row; on
 * PostgreSQL the sequences too) and identical attachment files, which a
 * server then serves and writes to; the CLI refuses bad arguments,
 * overwriting, and a backup of the other backend; a password in a
 * PostgreSQL URL never shows in the output.
 */
const { before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFile, execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const h = require('./harness');

const { API } = h;
const PG_ADMIN = process.env.TG_PG_ADMIN_URL || '';
const ON_PG = Boolean(PG_ADMIN);
/* PostgreSQL databases this file made (dropped at the end). */
const pgMade = [];
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

/* One query on a database (a SQLite file with the sqlite3 CLI, or a
 * PostgreSQL URL with psql): its output, a line per row. */
function sql(db, query) {
	const pg = /^postgres(ql)?:/.test(db);
	const [cmd, args] = pg ? ['psql', [db, '-qAtX', '-v', 'ON_ERROR_STOP=1', '-c', query]]
		: ['sqlite3', ['-readonly', db, query]];
	return new Promise((resolve, reject) => {
		execFile(cmd, args, { maxBuffer: 256 << 20 }, (err, stdout, stderr) => {
			if (err) reject(new Error(`${err.message}\n${stderr}`));
			else resolve(stdout);
		});
	});
}

/* A fresh, empty PostgreSQL database on the suite's cluster: its URL. */
function newPgDb() {
	const name = `tg_bk_${crypto.randomBytes(5).toString('hex')}`;
	execFileSync('psql', [PG_ADMIN, '-qAtc', `CREATE DATABASE ${name}`], { stdio: 'pipe' });
	pgMade.push(name);
	return PG_ADMIN.replace(/^(postgres(?:ql)?:\/\/[^/?]*)\/[^?]*/, `$1/${name}`);
}

/* The tables of a database, sorted. */
async function tables(db) {
	const q = ON_PG ? "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
		: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
	return (await sql(db, q)).trim().split('\n');
}

/* Every row of a table as text, in a stable order. */
function tableText(db, t) {
	return sql(db, ON_PG ? `COPY (SELECT * FROM "${t}" x ORDER BY x::text) TO STDOUT` : `.dump "${t}"`);
}

/* What the database itself says is wrong with it (empty: nothing). */
async function integrity(db) {
	if (ON_PG)
		return (await sql(db, "SELECT conname FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND NOT convalidated")).trim();
	const ok = (await sql(db, 'PRAGMA integrity_check')).trim();
	const fk = (await sql(db, 'PRAGMA foreign_key_check')).trim();
	return (ok === 'ok' ? '' : ok) + fk;
}

/* --files-dir for the CLI: needed on PostgreSQL, which has no directory
 * beside its database; SQLite uses the default (files/ beside the file). */
const filesOpt = (dir) => (ON_PG ? ['--files-dir', dir] : []);

/* A database to restore into: a fresh PostgreSQL database, or a file in
 * `dir` (made). */
function restoreTarget(dir) {
	fs.mkdirSync(dir, { recursive: true });
	return ON_PG ? newPgDb() : `sqlite:${path.join(dir, 'tuyengiao.db')}`;
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
	for (const name of pgMade) {
		try {
			execFileSync('psql', [PG_ADMIN, '-qAtc', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], { stdio: 'pipe' });
		} catch { /* the cluster is removed afterwards anyway */ }
	}
});

h.test('an online backup under concurrent writes is consistent and holds everything acknowledged before it', async () => {
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
	const r = await cli(['backup', '--db', srv.db, '-o', out, ...filesOpt(path.join(srv.dir, 'files'))]);
	await h.sleep(200);
	stop = true;
	await Promise.all(writers);
	assert.equal(r.code, 0, r.stderr);
	/* The snapshot, readable: the SQLite file itself, or on PostgreSQL
	 * the dump restored into a fresh database. */
	let bdb = path.join(out, 'tuyengiao.db');
	if (ON_PG) {
		assert.ok(fs.statSync(path.join(out, 'tuyengiao.pgdump')).size > 0);
		assert.equal(fs.existsSync(bdb), false);
		bdb = restoreTarget(path.join(tmp, 'online-restored'));
		const rr = await cli(['restore', '--db', bdb, '-i', out, '--files-dir', path.join(tmp, 'online-restored', 'files')]);
		assert.equal(rr.code, 0, rr.stderr);
	}
	assert.equal(await integrity(bdb), '');
	const inBackup = new Set((await sql(bdb, "SELECT id FROM activities WHERE note LIKE 'backup-load %'")).trim().split('\n').filter(Boolean).map(Number));
	for (const id of before) assert.ok(inBackup.has(id), `activity ${id} acknowledged before the backup is missing from it`);
	/* A snapshot: each activity in it has its audit row, nothing half. */
	const missing = (await sql(bdb, "SELECT a.id FROM activities a WHERE a.note LIKE 'backup-load %' AND NOT EXISTS (SELECT 1 FROM audit WHERE entity = 'activity' AND entity_id = a.id AND action = 'create')")).trim();
	assert.equal(missing, '');
	assert.ok(before.length > 0 && acked.length > before.length, `writes went on during the backup (${before.length} before, ${acked.length} in all)`);
	/* The attachments came along. */
	assert.deepEqual(tree(path.join(out, 'files')), tree(path.join(srv.dir, 'files')));
	console.log(`# backup (${ON_PG ? 'PostgreSQL' : 'SQLite'}): online under load, ${before.length} writes acknowledged before it all present, ${acked.length - before.length} more during/after`);
});

h.test('backup then restore round-trips every table and every attachment file; the restored copy serves', async () => {
	const out = path.join(tmp, 'quiet');
	const r = await cli(['backup', '--db', srv.db, '-o', out, ...filesOpt(path.join(srv.dir, 'files'))]);
	assert.equal(r.code, 0, r.stderr);
	assert.match(r.stdout, /3 tệp đính kèm/);
	const dest = path.join(tmp, 'restored');
	const rdb = restoreTarget(dest);
	const rr = await cli(['restore', '--db', rdb, '-i', out, ...filesOpt(path.join(dest, 'files'))]);
	assert.equal(rr.code, 0, rr.stderr);
	const target = rdb.replace(/^sqlite:/, '');
	/* The live database is quiet now: identical tables, row by row. */
	const names = await tables(srv.db);
	assert.ok(names.length > 10);
	assert.deepEqual(await tables(target), names);
	for (const t of names) {
		const a = await tableText(srv.db, t);
		const b = await tableText(target, t);
		assert.ok(a === b, `table ${t} differs after restore`);
	}
	if (ON_PG) {
		const seq = 'SELECT sequencename, last_value FROM pg_sequences ORDER BY 1';
		assert.equal(await sql(target, seq), await sql(srv.db, seq));
	}
	assert.equal(await integrity(target), '');
	const files = tree(path.join(dest, 'files'));
	assert.equal(Object.keys(files).length, 3);
	assert.deepEqual(files, tree(path.join(srv.dir, 'files')));
	/* A server on the restored copy serves the data and the files, and
	 * takes new writes. */
	const port = await new Promise((resolve) => {
		const n = require('node:net').createServer();
		n.listen(0, '127.0.0.1', () => { const p = n.address().port; n.close(() => resolve(p)); });
	});
	let stderr = '';
	const child = require('node:child_process').spawn(h.BIN, ['serve', '--db', target, '--listen', `127.0.0.1:${port}`,
		'--web-root', path.join(h.ROOT, 'web'), '--files-dir', path.join(dest, 'files')], { cwd: h.ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
	child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-8192); });
	const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
	try {
		const base = `http://127.0.0.1:${port}`;
		for (let i = 0; ; i++) {
			try { if ((await fetch(`${base}${API}/health`)).status === 200) break; } catch { /* not yet */ }
			assert.ok(i < 400, `restored server did not start: ${stderr}`);
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
		/* New rows get fresh ids (the sequences came along). */
		const d = await a2.post(`${API}/documents`, { direction: 'in', symbol: '900/KH-UBND', issued_on: '2025-03-02', summary: 'Sau phục hồi' });
		assert.equal(d.status, 201, d.text);
		assert.ok(d.body.id > Math.max(...docs.body.items.map((x) => x.id)));
	} finally {
		child.kill('SIGTERM');
	}
	const ex = await exited;
	assert.equal(ex.code, 0, `restored server exited uncleanly ${JSON.stringify(ex)}: ${stderr}`);
	console.log(`# backup (${ON_PG ? 'PostgreSQL' : 'SQLite'}): round trip of ${names.length} tables and ${Object.keys(files).length} attachment files identical`);
});

h.test('backup and restore refuse bad arguments, overwriting, a backup of the other backend, and never show a password', async () => {
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
	}
	/* An unreachable PostgreSQL: pg_dump fails, said so, no dump left,
	 * and the password is in no message. */
	const secret = 'MatKhau-bi-mat-42';
	const unreachable = await cli(['backup', '--db', `postgresql://tg:${secret}@127.0.0.1:1/khongco`, '-o', path.join(tmp, 'pg-down')]);
	assert.equal(unreachable.code, 1, unreachable.stderr);
	assert.match(unreachable.stderr, /pg_dump/);
	assert.ok(!`${unreachable.stdout}${unreachable.stderr}`.includes(secret), 'password shown');
	assert.deepEqual(fs.readdirSync(path.join(tmp, 'pg-down')), []);
	/* A backup restores only into its own backend. */
	const out = path.join(tmp, 'quiet');
	const other = ON_PG ? path.join(tmp, 'other.db') : 'postgresql://127.0.0.1:1/khongco';
	const cross = await cli(['restore', '--db', other, '-i', out]);
	assert.equal(cross.code, 2);
	assert.match(cross.stderr, ON_PG ? /PostgreSQL/ : /SQLite/);
	if (ON_PG) assert.equal(fs.existsSync(other), false);
	/* Into a directory that has data: refused, nothing changed. */
	fs.mkdirSync(path.join(tmp, 'full'));
	fs.writeFileSync(path.join(tmp, 'full', 'x'), 'x');
	const full = await cli(['backup', '--db', srv.db, '-o', path.join(tmp, 'full')]);
	assert.equal(full.code, 2);
	assert.deepEqual(fs.readdirSync(path.join(tmp, 'full')), ['x']);
	/* Restore over a database with data: refused without --force. */
	const users = 'SELECT count(*) FROM users';
	const usersBefore = await sql(srv.db, users);
	const sizeBefore = ON_PG ? 0 : fs.readFileSync(srv.db).length;
	const over = await cli(['restore', '--db', srv.db, '-i', out, ...filesOpt(path.join(tmp, 'over-files'))]);
	assert.equal(over.code, 2);
	assert.match(over.stderr, /--force/);
	assert.equal(await sql(srv.db, users), usersBefore);
	if (!ON_PG) assert.equal(fs.readFileSync(srv.db).length, sizeBefore);
	/* Not a backup. */
	const fresh = ON_PG ? newPgDb() : path.join(tmp, 'new.db');
	const notb = await cli(['restore', '--db', fresh, '-i', path.join(tmp, 'full'), ...filesOpt(path.join(tmp, 'nb-files'))]);
	assert.equal(notb.code, 2);
	if (ON_PG) assert.equal((await sql(fresh, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).trim(), '0');
	else assert.equal(fs.existsSync(fresh), false);
	if (ON_PG) {
		/* A password in the URL (trust authentication ignores it) goes to
		 * pg_dump in its environment: the backup works, nothing shows it. */
		const withPw = srv.db.replace(/^postgresql:\/\/postgres@/, `postgresql://postgres:${secret}@`);
		assert.notEqual(withPw, srv.db);
		const pw = await cli(['backup', '--db', withPw, '-o', path.join(tmp, 'pw'), '--files-dir', path.join(srv.dir, 'files')]);
		assert.equal(pw.code, 0, pw.stderr);
		assert.ok(!`${pw.stdout}${pw.stderr}`.includes(secret), 'password shown');
	}
});
