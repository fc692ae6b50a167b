'use strict';
/*
 * The authorisation matrix, generated from the route table of
 * src/http/router.c at test time, so that a new route cannot escape it.
 *
 * Every route is called as anonymous and as each role (with and without
 * the CSRF header on state changes), and the answer is checked against
 * what the table says:
 *   - anonymous: 401, except public routes;
 *   - a state change without X-CSRF-Token: 403 (except R_NO_CSRF);
 *   - a role the route does not list: 403;
 *   - otherwise neither 401 nor 403;
 * and every 403 to a signed-in caller is in the audit trail ("denied").
 * Calls that pass authorisation are made harmless: POST and PATCH carry an
 * empty or invalid body, DELETE aims at an id that does not exist, and
 * logout uses a throw-away session.
 *
 * Then the subtree: users below the root (a city leader, a commune
 * specialist, a ward contributor, and a commune admin and viewer created
 * here) call every {id} route with an id inside their subtree (never
 * 401/403/404 for reads: 200) and with ids outside it, guessed across
 * every collection: always 404, never 200.
 */
const { before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');

const { API, test } = h;

const ROLE = { ROLE_ADMIN: 1, ROLE_LEADER: 2, ROLE_SPECIALIST: 4, ROLE_CONTRIBUTOR: 8, ROLE_VIEWER: 16 };
const ROLE_NAME = { admin: 1, leader: 2, specialist: 4, contributor: 8, viewer: 16 };

/* Evaluate a roles expression of router.c ("ANY", "(ROLE_ADMIN |
 * ROLE_LEADER)", "WRITERS | ROLE_CONTRIBUTOR", "0") with its #defines. */
function rolesOf(expr, defines) {
	let bits = 0;
	for (const tok of expr.replace(/[()]/g, ' ').split('|').map((s) => s.trim()).filter(Boolean)) {
		if (/^\d+$/.test(tok)) bits |= Number(tok);
		else if (tok in ROLE) bits |= ROLE[tok];
		else if (tok === 'ROLES_ANY') bits |= 31;
		else if (tok === 'ROLES_LEADERS') bits |= ROLE.ROLE_ADMIN | ROLE.ROLE_LEADER;
		else if (tok === 'ROLES_ADMIN') bits |= ROLE.ROLE_ADMIN;
		else if (tok in defines) bits |= rolesOf(defines[tok], defines);
		else throw new Error(`unknown roles token ${tok} in router.c`);
	}
	return bits;
}

/* The routes[] table: [{ method, pattern, roles, public, noCsrf }]. */
function routeTable() {
	const src = fs.readFileSync(path.join(h.ROOT, 'src', 'http', 'router.c'), 'utf8');
	const defines = {};
	for (const f of [path.join('src', 'http', 'http.h'), path.join('src', 'http', 'router.c')]) {
		const text = fs.readFileSync(path.join(h.ROOT, f), 'utf8');
		for (const m of text.matchAll(/^#define\s+(\w+)\s+(\(?[A-Z_ |()]+)$/gm)) defines[m[1]] = m[2].trim();
	}
	const start = src.indexOf('routes[] = {');
	assert.ok(start >= 0, 'routes[] not found in router.c');
	const body = src.slice(start, src.indexOf('\n};', start));
	const out = [];
	const re = /\{\s*M_([A-Z]+),\s*"(\/api\/v1[^"]*)",\s*\w+,\s*([^,]+),\s*([^,]+),/g;
	for (const m of body.matchAll(re)) {
		out.push({
			method: m[1],
			pattern: m[2],
			roles: rolesOf(m[3], defines),
			public: /R_PUBLIC/.test(m[4]),
			noCsrf: /R_NO_CSRF/.test(m[4]),
		});
	}
	/* Every row of the table was understood. */
	const rows = (body.match(/\{\s*M_[A-Z]+\s*,/g) || []).length;
	assert.equal(out.length, rows, 'a route row of router.c was not parsed');
	assert.ok(out.length >= 20, `parsed only ${out.length} routes`);
	return out;
}

let srv;
let ROUTES;
const actors = {}; /* name -> { client, role bits } */
const scoped = {}; /* subtree users: name -> client */

const MISSING_ID = 987654321;

before(async () => {
	ROUTES = routeTable();
	srv = await h.start();
	const roleUsers = { admin: 'admin', leader: 'truongban', specialist: 'chuyenvien', contributor: 'phuong.myphuoc', viewer: 'xem' };
	for (const [role, user] of Object.entries(roleUsers))
		actors[role] = { client: await srv.login(user), bits: ROLE_NAME[role], user };
	/* A commune admin and a ward viewer, below the root. */
	const admin = actors.admin.client;
	const units = await h.unitMap(admin);
	for (const [username, code, role] of [['qt.kyhoa', 'SH-KH', 'admin'], ['xem.myphuoc', 'SH-LG-MP', 'viewer']]) {
		const r = await admin.post(`${API}/users`, { username, full_name: `Kiểm thử ${username}`, unit_id: units.get(code).id, role, password: 'KiemThu@2026-dai' });
		assert.equal(r.status, 201, r.text);
	}
	for (const u of ['thanhuy', 'xa.kyhoa', 'phuong.myphuoc', 'chibo.01'])
		scoped[u] = await srv.login(u);
	for (const u of ['qt.kyhoa', 'xem.myphuoc'])
		scoped[u] = await srv.login(u, 'KiemThu@2026-dai');
});

after(async () => {
	await srv?.stop();
});

/* A harmless call of route `rt` with {id}s replaced by `ids`. */
function callRoute(client, rt, ids, opts = {}) {
	let i = 0;
	const url = rt.pattern.replace(/\{id\}/g, () => String(ids[Math.min(i++, ids.length - 1)]));
	const body = rt.method === 'POST' || rt.method === 'PATCH' || rt.method === 'PUT' ? {} : undefined;
	return client.request(rt.method, url, body, opts);
}

test('every route x role x CSRF answers as the route table says', async (t) => {
	let checked = 0;
	let refused = 0; /* 403s to signed-in callers: each must be audited */
	const fails = [];
	const expect = (cond, what) => { checked++; if (!cond) fails.push(what); };
	const deniedTotal = async () => (await actors.admin.client.get(`${API}/audit?action=denied&limit=1`)).body.total;
	const denied0 = await deniedTotal();
	for (const rt of ROUTES) {
		const stateChange = rt.method !== 'GET';
		/* ids: a real unit-free id would be ideal; a missing one is
		 * harmless for every method and still shows authorisation
		 * passed (404 after the role check). */
		const ids = [rt.method === 'GET' ? 1 : MISSING_ID, MISSING_ID];
		const key = `${rt.method} ${rt.pattern}`;
		/* anonymous */
		const anon = srv.anon();
		const ra = await callRoute(anon, rt, ids);
		if (rt.public) expect(ra.status !== 401 && ra.status !== 403, `${key} anonymous: ${ra.status} (public route)`);
		else expect(ra.status === 401, `${key} anonymous: ${ra.status}, expected 401`);
		for (const [role, a] of Object.entries(actors)) {
			let client = a.client;
			const logout = rt.pattern === `${API}/logout`;
			if (logout) client = await srv.login(a.user); /* a throw-away session */
			const allowed = rt.public || (rt.roles & a.bits) !== 0;
			if (stateChange && !rt.public && !rt.noCsrf) {
				const r = await callRoute(client, rt, ids, { csrf: false });
				expect(r.status === 403, `${key} as ${role} without CSRF: ${r.status}, expected 403`);
				const w = await callRoute(client, rt, ids, { csrf: 'x'.repeat(43) });
				expect(w.status === 403, `${key} as ${role} with a wrong CSRF token: ${w.status}, expected 403`);
				refused += (r.status === 403) + (w.status === 403);
			}
			const r = await callRoute(client, rt, ids);
			if (!allowed && r.status === 403) refused++;
			if (allowed) expect(r.status !== 401 && r.status !== 403, `${key} as ${role}: ${r.status} ${r.text.slice(0, 200)}`);
			else expect(r.status === 403, `${key} as ${role}: ${r.status}, expected 403`);
			if (r.status >= 500) fails.push(`${key} as ${role}: ${r.status} ${r.text.slice(0, 200)}`);
		}
	}
	/* Every refusal (CSRF, role) was written to the audit trail. */
	const denied = (await deniedTotal()) - denied0;
	expect(denied >= refused, `${refused} refusals (403) but ${denied} "denied" audit rows`);
	/* The sessions used above are still alive (logout only ended its own). */
	for (const a of Object.values(actors)) assert.equal((await a.client.get(`${API}/session`)).status, 200);
	t.diagnostic(`authorisation matrix: ${ROUTES.length} routes x ${Object.keys(actors).length + 1} callers (anonymous + ${Object.keys(actors).join(', ')}), ${checked} answers checked, ${refused} refusals all audited`);
	console.log(`# authz matrix: ${ROUTES.length} routes x ${Object.keys(actors).length + 1} callers, ${checked} answers checked`);
	assert.deepEqual(fails, []);
});

/* Every id of a list, all pages. */
async function allIds(client, coll) {
	const ids = new Set();
	for (let offset = 0; ; offset += 500) {
		const r = await client.get(`${API}/${coll}?limit=500&offset=${offset}`);
		if (r.status !== 200) return null;
		for (const it of r.body.items) ids.add(it.id);
		if (offset + 500 >= r.body.total || r.body.items.length === 0) break;
	}
	return ids;
}

/* Ids the client sees of a collection (units: every level). */
async function visibleIds(client, coll) {
	if (coll === 'units') return new Set([...(await h.unitMap(client)).values()].map((u) => u.id));
	return allIds(client, coll);
}

test('{id} routes: inside the subtree answer, outside is 404 for every collection, never 200', async (t) => {
	const admin = actors.admin.client;
	const fails = [];
	let checked = 0;
	/* Collections with an {id} route, from the table. */
	const colls = new Map(); /* coll -> routes with {id} as first segment after it */
	for (const rt of ROUTES) {
		const m = /^\/api\/v1\/([a-z-]+)\/\{id\}/.exec(rt.pattern);
		if (!m) continue;
		if (!colls.has(m[1])) colls.set(m[1], []);
		colls.get(m[1]).push(rt);
	}
	const everyone = {};
	for (const coll of colls.keys()) everyone[coll] = await visibleIds(admin, coll);
	let outsideTotal = 0;
	for (const [name, client] of Object.entries(scoped)) {
		const me = (await client.get(`${API}/session`)).body.user;
		const bits = ROLE_NAME[me.role];
		for (const [coll, rts] of colls) {
			const all = everyone[coll];
			if (!all) continue; /* no list for this collection */
			const mine = await visibleIds(client, coll);
			if (!mine) continue;
			for (const id of mine) if (!all.has(id)) fails.push(`${coll}: ${name} sees ${id} which admin does not`);
			const outside = [...all].filter((id) => !mine.has(id));
			/* Global collections (levels, document types, issuers, indicator
			 * definitions) have no outside. */
			const inside = [...mine].slice(0, 3);
			for (const rt of rts) {
				const allowed = (rt.roles & bits) !== 0;
				const key = `${rt.method} ${rt.pattern}`;
				if (rt.pattern.endsWith('/logout')) continue;
				/* Inside: the route answers (a read: 200). Writes only for
				 * GET, so the data stays as it is. */
				if (rt.method === 'GET' && allowed) {
					for (const id of inside) {
						const r = await callRoute(client, rt, [id, MISSING_ID]);
						checked++;
						const simple = rt.pattern === `${API}/${coll}/{id}`;
						if (simple ? r.status !== 200 : [401, 403].includes(r.status) || r.status >= 500)
							fails.push(`${key} id ${id} inside ${name}'s subtree: ${r.status} ${r.text.slice(0, 160)}`);
					}
				}
				/* Outside: 404 whatever the method (a refused write
				 * changes nothing), never 2xx. Every id of GET /coll/{id}; a sample
				 * for the others. */
				if (!allowed) continue;
				const sample = rt.pattern === `${API}/${coll}/{id}` && rt.method === 'GET' ? outside : outside.filter((_, i) => i % 25 === 0).slice(0, 8);
				/* A write with an empty body may be refused (400) before
				 * the lookup: that is fine as long as an id that does not
				 * exist gets the very same answer (no oracle). */
				const absent = rt.method === 'GET' || !sample.length ? 404 : (await callRoute(client, rt, [MISSING_ID, MISSING_ID])).status;
				for (const id of sample) {
					const r = await callRoute(client, rt, [id, MISSING_ID]);
					checked++;
					outsideTotal++;
					if (r.status !== 404 && (r.status !== absent || r.status < 400))
						fails.push(`${key} id ${id} outside ${name}'s subtree: ${r.status} (absent id: ${absent}) ${r.text.slice(0, 160)}`);
				}
			}
		}
	}
	t.diagnostic(`subtree: ${Object.keys(scoped).length} users below the root, ${checked} {id} answers checked, ${outsideTotal} outside the subtree`);
	console.log(`# authz subtree: ${Object.keys(scoped).length} users, ${checked} {id} answers checked (${outsideTotal} outside)`);
	assert.deepEqual(fails.slice(0, 60), []);
});
