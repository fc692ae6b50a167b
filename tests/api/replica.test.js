'use strict';
/*
 * serve --db-read against a real streaming replica: a hot standby of the
 * throwaway cluster (tests/pg/pgcluster.sh replica, pg_basebackup -R) that
 * logs every statement with its application_name and database. Shows:
 *   - the roll-up, dashboard and statistics routes (x-read-replica in the
 *     OpenAPI document) are answered from the replica: their statements
 *     appear in the replica's log under application_name tuyengiao-read;
 *   - with WAL replay paused on the replica, the roll-up lags a write while
 *     the record just written is read back from the primary at once, and
 *     the roll-up catches up when replay resumes;
 *   - write routes (and the session check) never reach the replica: not one
 *     statement of the server in its log while they run;
 *   - a refused roll-up outside the user's subtree is audited on the
 *     primary;
 *   - writes refused by the replica are handled: `serve --db` naming it
 *     stops at start with a clear message, and when the replica stops,
 *     roll-ups are answered by the primary;
 *   - --db-read with a SQLite --db is refused (this one runs on SQLite too).
 * The rest needs the PostgreSQL pass of scripts/run-tests.sh
 * ($TG_PG_ADMIN_URL, run as root) and is skipped, with that reason, on
 * SQLite.
 */
const assert = require('node:assert/strict');
const { execFile, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { before, after } = require('node:test');
const h = require('./harness');

const API = h.API;
const ADMIN_URL = process.env.TG_PG_ADMIN_URL || '';
const SKIP = ADMIN_URL ? false
	: 'needs the PostgreSQL pass (TG_PG_ADMIN_URL, see scripts/run-tests.sh): a streaming replica is made from that cluster';
const CLUSTER = path.join(h.ROOT, 'tests', 'pg', 'pgcluster.sh');

/* The routes served by the replica: a route newly flagged R_REPLICA must
 * be added here with a request that reaches its handler. */
const REPLICA_ROUTES = [
	'/indicators/{id}/completeness',
	'/hotspots/stats',
	'/opinion-digest',
	'/opinion-reports/stats',
	'/reports/status',
	'/rollup',
	'/rollup/not-studied',
	'/tasks/due-soon',
];

let dir, replicaAdmin, replicaLog, srv, admin, units, dbName, readUrl;

const psql = (url, sql) => execFileSync('psql', [url, '-qAtc', sql], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const onDb = (url, name) => url.replace(/^(postgres(?:ql)?:\/\/[^/?]*)\/[^?]*/, `$1/${name}`);
const primary = (sql) => psql(onDb(ADMIN_URL, dbName), sql);
const replica = (sql) => psql(onDb(replicaAdmin, dbName), sql);
const id = (code) => units.get(code).id;

/* Wait until the replica has replayed everything the primary wrote. */
async function caughtUp() {
	const lsn = psql(ADMIN_URL, 'SELECT pg_current_wal_lsn()');
	const deadline = Date.now() + 20000;
	while (psql(replicaAdmin, `SELECT pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn`) !== 't') {
		if (Date.now() > deadline) throw new Error(`replica did not reach ${lsn}`);
		await h.sleep(50);
	}
}

/* The server's statements on the replica (its log lines for this
 * database under application_name tuyengiao-read) from byte `from`. */
function serverLines(from = 0) {
	const text = fs.readFileSync(replicaLog, 'utf8').slice(from);
	return text.split('\n').filter((l) => l.includes(`app=tuyengiao-read db=${dbName} `));
}
const logSize = () => fs.statSync(replicaLog).size;

before(async () => {
	if (SKIP) return;
	dir = decodeURIComponent(/[?&]host=([^&]+)/.exec(ADMIN_URL)[1]);
	[replicaAdmin, replicaLog] = execFileSync(CLUSTER, ['replica', dir], { encoding: 'utf8' }).trim().split('\n');
	srv = await h.start({
		args: async (db) => {
			dbName = /^postgres(?:ql)?:\/\/[^/?]*\/([^?]*)/.exec(db)[1];
			readUrl = onDb(replicaAdmin, dbName);
			await caughtUp(); /* the demo data is there before the server starts */
			return ['--db-read', readUrl];
		},
	});
	admin = await srv.login('admin');
	units = await h.unitMap(admin);
});

after(async () => {
	if (SKIP) return;
	try {
		psql(replicaAdmin, 'SELECT pg_wal_replay_resume()');
	} catch { /* stopped already */ }
	if (srv) await srv.stop();
	if (dir) execFileSync(CLUSTER, ['replica-stop', dir]);
});

const activity = (over = {}) => ({
	unit_id: id('SH-LG-MP-CB01'), date: '2022-03-05', kind: 'study', form: 'hybrid',
	document_ref: '05-NQ/TU', members_present: 40, members_expected: 46, non_members: 2,
	note: 'Hội nghị học tập (bản sao đọc)', ...over,
});

async function studyCount() {
	const r = await admin.get(`${API}/rollup?unit=${id('SH-LG')}&period=2022-H1`);
	assert.equal(r.status, 200, r.text);
	return r.body.totals.activities.study.count;
}

h.test('roll-up, dashboard and statistics routes are answered by the replica', { skip: SKIP }, async () => {
	const doc = (await admin.get(`${API}/openapi.json`)).body;
	const flagged = [];
	for (const [p, item] of Object.entries(doc.paths))
		for (const [m, op] of Object.entries(item))
			if (op['x-read-replica']) {
				assert.equal(m, 'get', `${m} ${p} is flagged for the replica: only reads may be`);
				flagged.push(p);
			}
	assert.deepEqual(flagged.sort(), [...REPLICA_ROUTES].sort());

	const ind = (await admin.get(`${API}/indicators`)).body.items[0];
	const lg = id('SH-LG');
	const requests = {
		'/indicators/{id}/completeness': `/indicators/${ind.id}/completeness?unit=${lg}&period=2023`,
		'/hotspots/stats': `/hotspots/stats?unit=${lg}&period=2023`,
		'/opinion-digest': `/opinion-digest?unit=${lg}&week=2023-W10`,
		'/opinion-reports/stats': `/opinion-reports/stats?unit=${lg}&period=2023`,
		'/reports/status': `/reports/status?unit=${lg}&kind=month&period=2023-03`,
		'/rollup': `/rollup?unit=${lg}&period=2022-H1`,
		'/rollup/not-studied': `/rollup/not-studied?unit=${lg}&document_ref=05-NQ%2FTU`,
		'/tasks/due-soon': '/tasks/due-soon?overdue=1',
	};
	for (const route of REPLICA_ROUTES) {
		const from = logSize();
		const r = await admin.get(API + requests[route]);
		assert.equal(r.status, 200, `${route}: ${r.text}`);
		const lines = serverLines(from).filter((l) => / LOG: +execute /.test(l));
		assert.ok(lines.length > 0, `${route}: no statement on the replica`);
	}
	/* The demo city's published figure, read from the replica. */
	assert.equal(await studyCount(), 321);
	/* The pools are told apart in pg_stat_activity: the read pool is
	 * connected to the replica only, the primary's pool to the primary. */
	assert.ok(Number(replica(`SELECT count(*) FROM pg_stat_activity WHERE datname = '${dbName}' AND application_name = 'tuyengiao-read'`)) >= 1);
	assert.equal(replica(`SELECT count(*) FROM pg_stat_activity WHERE datname = '${dbName}' AND application_name = 'tuyengiao'`), '0');
	assert.ok(Number(primary(`SELECT count(*) FROM pg_stat_activity WHERE datname = '${dbName}' AND application_name = 'tuyengiao'`)) >= 1);
	assert.equal(primary(`SELECT count(*) FROM pg_stat_activity WHERE datname = '${dbName}' AND application_name = 'tuyengiao-read'`), '0');
	assert.equal(replica('SELECT pg_is_in_recovery()'), 't');
});

h.test('with replay paused the roll-up lags, while the record just written is read from the primary', { skip: SKIP }, async () => {
	await caughtUp();
	const n0 = await studyCount();
	replica('SELECT pg_wal_replay_pause()');
	try {
		const c = await admin.post(`${API}/activities`, activity());
		assert.equal(c.status, 201, c.text);
		/* Read-after-write: on the primary, at once. */
		const g = await admin.get(`${API}/activities/${c.body.id}`);
		assert.equal(g.status, 200, g.text);
		assert.deepEqual(g.body, c.body);
		assert.equal(primary(`SELECT count(*) FROM activities WHERE id = ${c.body.id}`), '1');
		/* The replica has not replayed it: the roll-up is the old one. */
		assert.equal(replica(`SELECT count(*) FROM activities WHERE id = ${c.body.id}`), '0');
		assert.equal(await studyCount(), n0);
	} finally {
		replica('SELECT pg_wal_replay_resume()');
	}
	const deadline = Date.now() + 10000;
	let n;
	while ((n = await studyCount()) !== n0 + 1 && Date.now() < deadline) await h.sleep(50);
	assert.equal(n, n0 + 1);
});

h.test('write routes and the session check never reach the replica', { skip: SKIP }, async () => {
	const from = logSize();
	const cell = await srv.login('chibo.01');
	const c = await cell.post(`${API}/activities`, activity({ members_present: 30 }));
	assert.equal(c.status, 201, c.text);
	const u = await cell.patch(`${API}/activities/${c.body.id}`, { members_present: 31 });
	assert.equal(u.status, 200, u.text);
	assert.equal((await cell.get(`${API}/activities/${c.body.id}`)).body.members_present, 31);
	assert.equal((await cell.get(`${API}/activities?limit=5`)).status, 200);
	assert.equal((await cell.del(`${API}/activities/${c.body.id}`)).status, 200);
	assert.equal((await cell.get(`${API}/activities/${c.body.id}`)).status, 404);
	assert.equal((await cell.post(`${API}/logout`)).status, 200);
	assert.deepEqual(serverLines(from), []);
	/* The check can fail: a roll-up right after does reach the replica. */
	await studyCount();
	assert.ok(serverLines(from).length > 0);
	/* Nothing the server ever sent the replica wrote or failed. */
	const all = serverLines();
	assert.ok(all.length > 0);
	for (const l of all) {
		assert.doesNotMatch(l, /\b(INSERT|UPDATE|DELETE|CREATE|ALTER|DROP)\b/, l);
		assert.doesNotMatch(l, /\b(ERROR|FATAL):/, l);
	}
});

h.test('a roll-up refused outside the subtree is audited on the primary', { skip: SKIP }, async () => {
	const cell = await srv.login('chibo.01');
	const a0 = await h.lastAuditId(admin);
	const from = logSize();
	const r = await cell.get(`${API}/rollup?unit=${id('SH-KH')}&period=2022-H1`);
	h.assertError(assert, r, 404);
	const rows = await h.auditSince(admin, a0, 'action=denied');
	assert.equal(rows.length, 1, JSON.stringify(rows));
	assert.equal(rows[0].username, 'chibo.01');
	assert.equal(rows[0].after.reason, 'scope');
	assert.equal(rows[0].after.path, `${API}/rollup`);
	assert.equal(primary(`SELECT count(*) FROM audit WHERE id = ${rows[0].id} AND action = 'denied'`), '1');
	/* The scope check itself ran on the replica; the audit row did not. */
	const lines = serverLines(from);
	assert.ok(lines.length > 0);
	assert.ok(lines.every((l) => !/INSERT/.test(l)));
});

h.test('serve --db naming the replica stops at start with a clear message', { skip: SKIP }, async () => {
	const res = await new Promise((resolve) => {
		execFile(h.BIN, ['serve', '--db', readUrl, '--listen', '127.0.0.1:1'], { timeout: 20000 },
			(err, stdout, stderr) => resolve({ code: err ? err.code : 0, stderr }));
	});
	assert.equal(res.code, 1, res.stderr);
	assert.match(res.stderr, /chỉ đọc/);
	assert.match(res.stderr, /--db phải là máy chủ chính/);
	assert.doesNotMatch(res.stderr, /migration .* failed/);
});

h.test('when the replica stops, roll-ups are answered by the primary', { skip: SKIP }, async () => {
	await caughtUp();
	const n0 = await studyCount();
	execFileSync(CLUSTER, ['replica-stop', dir]);
	const c = await admin.post(`${API}/activities`, activity({ members_present: 20 }));
	assert.equal(c.status, 201, c.text);
	/* Fresh figures at once: the primary answered, not a stale replica. */
	assert.equal(await studyCount(), n0 + 1);
	assert.equal(await studyCount(), n0 + 1);
	assert.match(srv.stderr(), /--db-read/);
});

h.test('--db-read is refused when --db is SQLite, and must be a PostgreSQL URL', async () => {
	const run = (args) => new Promise((resolve) => {
		execFile(h.BIN, ['serve', ...args, '--listen', '127.0.0.1:1'], { timeout: 10000 },
			(err, stdout, stderr) => resolve({ code: err ? err.code : 0, stderr }));
	});
	let r = await run(['--db', '/nonexistent/tg.db', '--db-read', 'postgresql://u@/x?host=/tmp']);
	assert.equal(r.code, 2, r.stderr);
	assert.match(r.stderr, /--db-read chỉ dùng được khi --db là PostgreSQL/);
	r = await run(['--db', 'postgresql://u@/x?host=/nonexistent', '--db-read', '/tmp/replica.db']);
	assert.equal(r.code, 2, r.stderr);
	assert.match(r.stderr, /--db-read phải là địa chỉ PostgreSQL/);
});
