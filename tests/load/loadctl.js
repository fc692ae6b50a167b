'use strict';
/*
 * The set-up and the read-back of `make load` (scripts/load.sh).
 *
 *   node tests/load/loadctl.js setup BASE RUN
 *       logs in as admin, creates the weekly indicators the load writes
 *       values of (LOAD-RUN-1..8), and prints KEY=VALUE lines for
 *       tests/load/mixed.lua: LOAD_COOKIE, LOAD_CSRF, LOAD_ROOT,
 *       LOAD_CELLS, LOAD_INDICATORS.
 *   node tests/load/loadctl.js check BASE RUN IDS_FILE INFLIGHT
 *       reads every activity and every value of the load's indicators
 *       back through the API (paged lists), and checks that each write
 *       wrk saw acknowledged (IDS_FILE: "kind id thread n" per line) is
 *       there with its own note, and that no more rows carry the run's
 *       marker than the writes left in flight when wrk stopped
 *       (INFLIGHT). Prints "CHECK key=value" lines; exits 1 on a loss.
 */
const fs = require('node:fs');

const API = '/api/v1';
const PASSWORD = process.env.LOAD_PASSWORD || 'Demo@2026';
const INDICATORS = 8;

async function login(base) {
	const r = await fetch(`${base}${API}/login`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ username: 'admin', password: PASSWORD }),
	});
	const body = await r.json();
	if (r.status !== 200) throw new Error(`login: ${r.status} ${JSON.stringify(body)}`);
	const m = /tg_session=([^;]*)/.exec(r.headers.get('set-cookie') || '');
	if (!m) throw new Error('login: no session cookie');
	return { base, cookie: m[1], csrf: body.csrf_token, unit: body.user.unit_id };
}

async function call(s, method, url, body) {
	const headers = { Cookie: `tg_session=${s.cookie}` };
	if (method !== 'GET') {
		headers['X-CSRF-Token'] = s.csrf;
		headers['Content-Type'] = 'application/json';
	}
	const r = await fetch(`${s.base}${API}${url}`, { method, headers, body: body && JSON.stringify(body) });
	const text = await r.text();
	if (r.status < 200 || r.status >= 300) throw new Error(`${method} ${url}: ${r.status} ${text}`);
	return JSON.parse(text);
}

/* Every item of a paged list. */
async function all(s, url) {
	const items = [];
	for (let offset = 0; ; offset += 500) {
		const page = await call(s, 'GET', `${url}${url.includes('?') ? '&' : '?'}limit=500&offset=${offset}`);
		items.push(...page.items);
		if (offset + 500 >= page.total) return items;
	}
}

async function setup(base, run) {
	const s = await login(base);
	/* Cells that existed over all of 2021-2025 (values go to its weeks). */
	const cells = (await all(s, '/units?level=chibo'))
		.filter((u) => (u.valid_from || '') <= '2021-01-01' && !u.valid_to).map((u) => u.id);
	if (cells.length < 10) throw new Error(`only ${cells.length} cells: not the demo province?`);
	const inds = [];
	for (let i = 1; i <= INDICATORS; i++) {
		const ind = await call(s, 'POST', '/indicators', {
			code: `LOAD-${run}-${i}`, name: `Chỉ tiêu kiểm thử tải ${i}`, numerator_label: 'Đạt',
			denominator_label: 'Tổng', period_type: 'week', deadline_days: 5, level: 'chibo',
		});
		inds.push(ind.id);
	}
	console.log(`LOAD_COOKIE=${s.cookie}`);
	console.log(`LOAD_CSRF=${s.csrf}`);
	console.log(`LOAD_ROOT=${s.unit}`);
	console.log(`LOAD_CELLS=${cells.join(',')}`);
	console.log(`LOAD_INDICATORS=${inds.join(',')}`);
}

async function check(base, run, idsFile, inflight) {
	const s = await login(base);
	const marker = `load-${run} `;
	const found = new Map(); /* "kind id" -> note */
	const started = Date.now();
	for (const a of await all(s, '/activities'))
		if ((a.note || '').startsWith(marker)) found.set(`activity ${a.id}`, a.note);
	const inds = (await all(s, '/indicators')).filter((i) => i.code.startsWith(`LOAD-${run}-`));
	for (const ind of inds)
		for (const v of await all(s, `/indicator-values?indicator_id=${ind.id}`))
			if ((v.note || '').startsWith(marker)) found.set(`indicator_value ${v.id}`, v.note);
	const lines = fs.readFileSync(idsFile, 'utf8').split('\n').filter(Boolean);
	const lost = [];
	for (const line of lines) {
		const [kind, id, t, n] = line.split(' ');
		const note = found.get(`${kind} ${id}`);
		if (note !== `${marker}t${t} n${n}`) lost.push(`${kind} ${id} (t${t} n${n}): ${note === undefined ? 'missing' : `note is "${note}"`}`);
		found.delete(`${kind} ${id}`);
	}
	const extra = found.size;
	console.log(`CHECK acked=${lines.length} read_back=${lines.length - lost.length} lost=${lost.length} unacked_applied=${extra} inflight=${inflight} seconds=${((Date.now() - started) / 1000).toFixed(1)}`);
	for (const l of lost.slice(0, 20)) console.log(`CHECK lost ${l}`);
	if (lost.length || extra > inflight) {
		if (extra > inflight) console.log(`CHECK ${extra} rows carry the marker without an acknowledged write, more than the ${inflight} in flight`);
		process.exit(1);
	}
}

const [cmd, base, run, ...rest] = process.argv.slice(2);
(cmd === 'setup' ? setup(base, run) : cmd === 'check' ? check(base, run, rest[0], Number(rest[1] || 0)) : Promise.reject(new Error('usage: loadctl.js setup|check BASE RUN …')))
	.catch((e) => { console.error(`loadctl: ${e.message}`); process.exit(2); });
