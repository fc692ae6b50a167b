'use strict';
/*
 * Durability on kill -9. Several clients create activities, documents and
 * indicator values (and update activities they created) while the server
 * is killed with SIGKILL at a random moment, twenty times over the same
 * database. Afterwards:
 *   - every write that was answered 2xx is there, exactly as answered;
 *   - every acknowledged create has its audit row, and every row the test
 *     created (acknowledged or cut off in flight) has one: a write is
 *     either whole, with its audit, or absent;
 *   - SQLite: PRAGMA integrity_check says ok and foreign_key_check finds
 *     nothing; PostgreSQL: every constraint is validated and amcheck finds
 *     every B-tree index consistent with its table.
 *
 * With $TG_PG_ADMIN_URL (the suite's PostgreSQL run) the same happens on a
 * fresh PostgreSQL database made for this file: the server is killed and
 * restarted on the same database, and the checks read it with psql.
 */
const { before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn, execFile, execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const h = require('./harness');

const { API } = h;
/* The suite's PostgreSQL run: a database of our own on that cluster. */
const PG_ADMIN = process.env.TG_PG_ADMIN_URL || '';
const ON_PG = Boolean(PG_ADMIN);
let pgName = null;
const ROUNDS = Number(process.env.TG_CRASH_ROUNDS || 20);
const CLIENTS = 4;

let dir;
let db;
let child = null;

function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.on('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

/* Start `serve` over the test database; resolves with the base URL. */
async function serve() {
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	let stderr = '';
	let exited = null;
	child = spawn(h.BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--threads', '4',
		'--web-root', path.join(h.ROOT, 'web'), '--files-dir', path.join(dir, 'files')],
	{ cwd: h.ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
	child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-8192); });
	child.on('exit', (code, signal) => { exited = { code, signal }; });
	const deadline = Date.now() + 20000;
	for (;;) {
		if (exited) throw new Error(`server exited at start-up ${JSON.stringify(exited)}\n${stderr}`);
		try {
			const r = await fetch(`${base}${API}/health`);
			await r.arrayBuffer();
			if (r.status === 200) return base;
		} catch { /* not yet */ }
		if (Date.now() > deadline) throw new Error(`server not ready\n${stderr}`);
		await h.sleep(20);
	}
}

function kill9() {
	return new Promise((resolve) => {
		if (!child || child.exitCode !== null || child.signalCode) return resolve();
		child.once('exit', () => resolve());
		child.kill('SIGKILL');
	});
}

before(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-crash-'));
	if (ON_PG) {
		pgName = `tg_crash_${crypto.randomBytes(5).toString('hex')}`;
		execFileSync('psql', [PG_ADMIN, '-qAtc', `CREATE DATABASE ${pgName}`], { stdio: 'pipe' });
		db = PG_ADMIN.replace(/^(postgres(?:ql)?:\/\/[^/?]*)\/[^?]*/, `$1/${pgName}`);
	} else {
		db = path.join(dir, 'tuyengiao.db');
	}
	execFileSync(h.BIN, ['demo', '--db', db], { cwd: h.ROOT, stdio: 'ignore' });
});

after(async () => {
	await kill9();
	if (dir) fs.rmSync(dir, { recursive: true, force: true });
	if (pgName) {
		try {
			execFileSync('psql', [PG_ADMIN, '-qAtc', `DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`], { stdio: 'pipe' });
		} catch { /* the cluster is removed afterwards anyway */ }
	}
});

/* One query on the test database (sqlite3 CLI or psql), its rows as text:
 * one line per row. */
function sql(query) {
	const [cmd, args] = ON_PG ? ['psql', [db, '-qAtX', '-v', 'ON_ERROR_STOP=1', '-c', query]]
		: ['sqlite3', ['-readonly', db, query]];
	return new Promise((resolve, reject) => {
		execFile(cmd, args, { maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
			if (err) reject(new Error(`${err.message}\n${stderr}`));
			else resolve(stdout.trim());
		});
	});
}

/* The database's own consistency checks; a list of what is wrong. */
async function integrity() {
	const fails = [];
	if (!ON_PG) {
		const ok = await sql('PRAGMA integrity_check');
		if (ok !== 'ok') fails.push(`integrity_check: ${ok}`);
		const fk = await sql('PRAGMA foreign_key_check');
		if (fk !== '') fails.push(`foreign_key_check: ${fk.slice(0, 300)}`);
		return fails;
	}
	/* Every foreign key, check and unique constraint holds for every row
	 * (none was added NOT VALID or left unvalidated). */
	const unvalidated = await sql("SELECT conrelid::regclass || '.' || conname FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND NOT convalidated");
	if (unvalidated !== '') fails.push(`constraints not validated: ${unvalidated}`);
	/* amcheck: each B-tree index matches its table, every heap tuple is
	 * indexed (heapallindexed) and the heap itself is sound;
	 * bt_index_check() raises an error on the first inconsistency. */
	await sql('CREATE EXTENSION IF NOT EXISTS amcheck');
	try {
		const n = Number(await sql(`SELECT count(bt_index_check(c.oid, true)) FROM pg_index i
			JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
			JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE am.amname = 'btree' AND n.nspname = 'public' AND i.indisvalid`));
		if (!(n > 10)) fails.push(`bt_index_check checked only ${n} indexes`);
	} catch (e) {
		fails.push(`bt_index_check: ${e.message.slice(0, 300)}`);
	}
	const heap = await sql(`SELECT c.relname || ': ' || v.msg FROM pg_class c
		JOIN pg_namespace n ON n.oid = c.relnamespace, verify_heapam(c.oid) v
		WHERE c.relkind = 'r' AND n.nspname = 'public'`);
	if (heap !== '') fails.push(`verify_heapam: ${heap.slice(0, 300)}`);
	return fails;
}

h.test(`${ROUNDS} kills -9 under concurrent writes lose nothing acknowledged`, { timeout: 240000 }, async (t) => {
	const started = Date.now();
	let base = await serve();
	let admin = await h.login(base, 'admin');
	const units = await h.unitMap(admin);
	const cells = [...units.values()].filter((u) => u.level === 'chibo').map((u) => u.id);
	const wards = [...units.values()].filter((u) => u.level === 'coso').map((u) => u.id);
	/* A monthly indicator entered by the cells: many (unit, month) slots. */
	const ind = await admin.post(`${API}/indicators`, { code: 'CRASH-M', name: 'Chỉ tiêu kiểm thử', numerator_label: 'Đạt', denominator_label: 'Tổng', period_type: 'month', deadline_days: 5, level: 'chibo' });
	assert.equal(ind.status, 201, ind.text);
	const inds = [ind.body];
	const wardsUnused = wards.length;
	assert.ok(cells.length > 10 && wardsUnused > 3, 'demo data');

	/* Every write attempted: { kind, body, status, id, expect }. */
	const writes = [];
	let seq = 0;
	let ivSlot = 0;
	const tag = `crash-${process.pid}`;

	async function one(client, round) {
		const k = seq++;
		const pick = k % 4;
		let w;
		if (pick === 0 || pick === 1) {
			const body = {
				unit_id: cells[k % cells.length], date: `2024-${String(1 + (k % 12)).padStart(2, '0')}-${String(1 + (k % 28)).padStart(2, '0')}`,
				kind: 'study', form: 'in_person', title: `Hội nghị ${k}`, members_present: k % 40,
				members_expected: 40, non_members: k % 3, note: `${tag} ${k} r${round}`,
			};
			w = { kind: 'activity', method: 'POST', url: `${API}/activities`, body };
		} else if (pick === 2) {
			const body = {
				direction: 'in', symbol: `${100000 + k}/KH-UBND`, issued_on: '2025-02-10',
				summary: `Văn bản kiểm thử ${tag} ${k}`,
			};
			w = { kind: 'document', method: 'POST', url: `${API}/documents`, body };
		} else {
			/* A fresh (indicator, ward, year) each time. */
			const slot = ivSlot++;
			const ind = inds[slot % inds.length];
			const unit = cells[slot % cells.length];
			const month = Math.floor(slot / cells.length); /* 0.. from 2021-01 */
			const period = `${2021 + Math.floor(month / 12) % 5}-${String(1 + (month % 12)).padStart(2, '0')}`;
			const body = { indicator_id: ind.id, unit_id: unit, period, numerator: k % 10, denominator: 10, note: `${tag} ${k}` };
			w = { kind: 'indicator_value', method: 'POST', url: `${API}/indicator-values`, body };
		}
		/* Now and then update an activity created earlier (acknowledged). */
		const done = writes.filter((x) => x.kind === 'activity' && x.status === 201 && !x.updating);
		if (k % 7 === 6 && done.length) {
			const target = done[k % done.length];
			target.updating = true; /* one update per activity, so its outcome is known */
			const upd = { members_present: 39, note: `${tag} upd ${k}` };
			w = { kind: 'activity_update', method: 'PATCH', url: `${API}/activities/${target.id}`, body: upd, target };
		}
		writes.push(w);
		try {
			const r = await client.request(w.method, w.url, w.body);
			w.status = r.status;
			if (r.status >= 200 && r.status < 300) {
				w.id = r.body.id;
				w.answer = r.body;
				if (w.target) {
					w.target.updated = w;
				}
			}
		} catch (e) {
			w.status = 'cut'; /* killed in flight: either outcome is fine */
			if (w.target) w.target.maybe = w;
		}
	}

	let killsSurvived = 0;
	for (let round = 0; round < ROUNDS; round++) {
		if (round > 0) {
			base = await serve();
			admin = await h.login(base, 'admin');
		}
		let stop = false;
		const loops = Array.from({ length: CLIENTS }, async () => {
			while (!stop) await one(admin, round);
		});
		await h.sleep(300 + Math.floor(Math.random() * 700));
		await kill9();
		stop = true;
		await Promise.all(loops);
		killsSurvived++;
	}
	/* Restart once more and check everything. */
	base = await serve();
	admin = await h.login(base, 'admin');
	const fails = [];
	const acked = writes.filter((w) => typeof w.status === 'number' && w.status >= 200 && w.status < 300);
	const cut = writes.filter((w) => w.status === 'cut').length;
	const refused = writes.filter((w) => typeof w.status === 'number' && w.status >= 300);
	for (const w of refused) if (w.status >= 500) fails.push(`${w.method} ${w.url}: ${w.status}`);
	const why = {};
	for (const w of refused) why[`${w.kind} ${w.status}`] = (why[`${w.kind} ${w.status}`] || 0) + 1;
	const urlOf = { activity: 'activities', document: 'documents', indicator_value: 'indicator-values' };
	for (const w of acked) {
		if (w.kind === 'activity_update') continue;
		const g = await admin.get(`${API}/${urlOf[w.kind]}/${w.id}`);
		if (g.status !== 200) {
			fails.push(`${w.kind} ${w.id} acknowledged (201) but GET answers ${g.status}`);
			continue;
		}
		/* As created, or as last updated (acknowledged update). */
		const want = w.updated ? { ...w.body, ...w.updated.body } : w.body;
		/* An update cut off in flight may or may not have been applied,
		 * but entirely or not at all. */
		const alt = w.maybe ? { ...want, ...w.maybe.body } : want;
		const same = (o) => Object.entries(o).every(([f, v]) => (w.kind === 'document' && f === 'symbol') || g.body[f] === v);
		if (!same(want) && !same(alt))
			fails.push(`${w.kind} ${w.id}: ${JSON.stringify(g.body)} is neither ${JSON.stringify(want)} nor ${JSON.stringify(alt)}`);
	}
	/* Audit: every acknowledged create has its row; every row this test
	 * created (even one whose answer was cut off) has one too. */
	const audited = new Set((await sql("SELECT entity || ':' || entity_id FROM audit WHERE action = 'create' AND entity IN ('activity','document','indicator_value')")).split('\n'));
	for (const w of acked)
		if (w.kind !== 'activity_update' && !audited.has(`${w.kind}:${w.id}`)) fails.push(`${w.kind} ${w.id}: acknowledged without an audit row`);
	const created = [
		...(await sql(`SELECT 'activity:' || id FROM activities WHERE note LIKE '${tag} %'`)).split('\n'),
		...(await sql(`SELECT 'document:' || id FROM documents WHERE summary LIKE '%${tag} %'`)).split('\n'),
		...(await sql(`SELECT 'indicator_value:' || id FROM indicator_values WHERE note LIKE '${tag} %'`)).split('\n'),
	].filter(Boolean);
	for (const key of created) if (!audited.has(key)) fails.push(`${key}: in the database without its audit row (half applied)`);
	/* Acknowledged updates have their audit row too. */
	const updAudited = Number(await sql("SELECT count(*) FROM audit WHERE action = 'update' AND entity = 'activity'"));
	const updAcked = acked.filter((w) => w.kind === 'activity_update').length;
	if (updAudited < updAcked) fails.push(`${updAcked} acknowledged updates but ${updAudited} audit rows`);
	fails.push(...await integrity());
	await kill9();
	const msg = `crash (${ON_PG ? 'PostgreSQL' : 'SQLite'}): ${killsSurvived} kills -9 survived, ${writes.length} writes sent, ${acked.length} acknowledged and checked, ${cut} cut in flight, ${refused.length} refused ${JSON.stringify(why)}, ${created.length} rows created, ${((Date.now() - started) / 1000).toFixed(1)} s`;
	t.diagnostic(msg);
	console.log(`# ${msg}`);
	assert.ok(acked.length > ROUNDS, `too few acknowledged writes: ${msg}`);
	assert.deepEqual(fails.slice(0, 40), []);
});
