'use strict';
/*
 * Health, the OpenAPI document against the route table, security headers,
 * and the static web UI (content types, ETag/304, no way out of the root).
 */
const { before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');

const { API, test } = h;
let srv;
let admin;

/*
 * The routes of the API contract, as "METHOD path" under /api/v1: these
 * must always be in the table. The table itself grows with every module,
 * so the exact comparison is against the table as written in
 * src/http/router.c, read by routerTable().
 */
const CORE_ROUTES = [
	'GET /health',
	'GET /openapi.json',
	'POST /login',
	'POST /logout',
	'GET /session',
	'GET /levels',
	'POST /levels',
	'PATCH /levels/{id}',
	'GET /units',
	'POST /units',
	'GET /units/{id}',
	'PATCH /units/{id}',
	'DELETE /units/{id}',
	'GET /users',
	'POST /users',
	'GET /users/{id}',
	'PATCH /users/{id}',
	'DELETE /users/{id}',
	'GET /audit',
];
const CORE_PUBLIC = ['GET /health', 'GET /openapi.json', 'POST /login'];

/* The `routes[]` table of src/http/router.c: { route: public? }. */
function routerTable() {
	const src = fs.readFileSync(path.join(h.ROOT, 'src', 'http', 'router.c'), 'utf8');
	const start = src.indexOf('routes[] = {');
	assert.ok(start >= 0, 'routes[] not found in router.c');
	const body = src.slice(start, src.indexOf('};', start));
	const table = new Map();
	const re = /\{\s*M_([A-Z]+),\s*"\/api\/v1([^"]*)",\s*\w+,\s*([^,]+),\s*([^,]+),/g;
	for (const m of body.matchAll(re)) {
		const key = `${m[1]} ${m[2]}`;
		assert.equal(table.has(key), false, `duplicate route ${key}`);
		table.set(key, /R_PUBLIC/.test(m[4]));
	}
	assert.ok(table.size >= CORE_ROUTES.length, `parsed only ${table.size} routes`);
	return table;
}

let TABLE; /* routerTable() */

before(async () => {
	TABLE = routerTable();
	srv = await h.start();
	admin = await srv.login('admin');
});

after(async () => {
	await srv?.stop();
});

function assertSecurityHeaders(r, what) {
	const csp = r.headers.get('content-security-policy');
	assert.ok(csp, `${what}: no CSP`);
	assert.equal(csp.includes('unsafe-inline'), false, `${what}: ${csp}`);
	assert.equal(csp.includes('unsafe-eval'), false, `${what}: ${csp}`);
	assert.match(csp, /frame-ancestors 'none'/, what);
	assert.match(csp, /default-src 'self'/, what);
	assert.match(csp, /script-src 'self'(;|$)/, what);
	assert.match(csp, /object-src 'none'/, what);
	assert.equal(r.headers.get('x-content-type-options'), 'nosniff', what);
	assert.equal(r.headers.get('x-frame-options'), 'DENY', what);
	assert.ok(r.headers.get('referrer-policy'), `${what}: no Referrer-Policy`);
}

test('GET /health is {"status":"ok"} without a session', async () => {
	const r = await srv.anon().get(`${API}/health`);
	assert.equal(r.status, 200);
	assert.deepEqual(r.body, { status: 'ok' });
	assert.match(r.headers.get('content-type'), /^application\/json/);
	const head = await fetch(`${srv.base}${API}/health`, { method: 'HEAD' });
	assert.equal(head.status, 200);
});

test('GET /openapi.json is an OpenAPI 3.0.3 document listing exactly the routes of the table', async () => {
	const r = await srv.anon().get(`${API}/openapi.json`);
	assert.equal(r.status, 200);
	const doc = r.body;
	assert.equal(doc.openapi, '3.0.3');
	assert.equal(typeof doc.info.title, 'string');
	assert.equal(typeof doc.info.version, 'string');
	assert.deepEqual(doc.servers, [{ url: '/api/v1' }]);
	const listed = [];
	for (const [p, item] of Object.entries(doc.paths)) {
		assert.ok(p.startsWith('/'), p);
		for (const [m, op] of Object.entries(item)) {
			listed.push(`${m.toUpperCase()} ${p}`);
			assert.equal(typeof op.summary, 'string', `${m} ${p}`);
			assert.ok(op.responses && Object.keys(op.responses).length, `${m} ${p}: responses`);
			if (p.includes('{id}'))
				assert.ok((op.parameters || []).some((x) => x.name === 'id' && x.in === 'path' && x.required), `${m} ${p}: id parameter`);
			const key = `${m.toUpperCase()} ${p}`;
			const pub = TABLE.get(key);
			if (m !== 'get' && !pub)
				assert.ok((op.parameters || []).some((x) => x.name === 'X-CSRF-Token' && x.in === 'header'), `${key}: X-CSRF-Token`);
			if (pub) assert.deepEqual(op.security, [], `${key}: public`);
		}
	}
	assert.deepEqual(listed.sort(), [...TABLE.keys()].sort());
	for (const r of CORE_ROUTES) assert.ok(TABLE.has(r), `contract route ${r} missing from the table`);
	for (const r of CORE_PUBLIC) assert.equal(TABLE.get(r), true, `${r} must be public`);
	assert.deepEqual([...TABLE].filter(([, pub]) => pub).map(([r]) => r).sort(), [...CORE_PUBLIC].sort(),
		'no other route may be public');
	/* operationIds are unique. */
	const ids = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
	assert.equal(new Set(ids).size, ids.length);
	/* The error schema matches what the server sends. */
	const err = doc.components.schemas.Error;
	assert.deepEqual(err.required, ['error']);
	assert.deepEqual(Object.keys(err.properties.error.properties).sort(), ['code', 'field', 'message']);
	assert.equal(doc.components.securitySchemes.session.in, 'cookie');
	assert.equal(doc.components.securitySchemes.session.name, 'tg_session');
});

test('every route of the OpenAPI document exists on the server (neither 404 nor 405); others do not', async () => {
	const doc = (await srv.anon().get(`${API}/openapi.json`)).body;
	const anon = srv.anon();
	const methods = ['GET', 'POST', 'PATCH', 'DELETE', 'PUT'];
	for (const [p, item] of Object.entries(doc.paths)) {
		const url = API + p.replaceAll('{id}', '1');
		const listed = Object.keys(item).map((m) => m.toUpperCase());
		for (const method of listed) {
			/* Without a session the non-public routes stop at 401, after
			 * routing: nothing is changed by this walk. */
			const body = method === 'POST' || method === 'PATCH' ? {} : undefined;
			const r = await anon.request(method, url, body);
			assert.ok(![404, 405].includes(r.status), `${method} ${url}: ${r.status} ${r.text}`);
			if (!TABLE.get(`${method} ${p}`)) assert.equal(r.status, 401, `${method} ${url}: ${r.text}`);
		}
		/* A method the document does not list for this path: 405. */
		for (const method of methods.filter((m) => !listed.includes(m) && !(m === 'GET' && listed.includes('GET')))) {
			const r = await anon.request(method, url, method === 'GET' || method === 'DELETE' ? undefined : {});
			assert.equal(r.status, 405, `${method} ${url}: ${r.text}`);
			const allow = r.headers.get('allow').split(/,\s*/).sort();
			assert.deepEqual(allow, [...listed].sort(), `${method} ${url}: Allow`);
		}
	}
	/* Paths that are not listed do not exist. */
	for (const url of ['/khong-co', '/units/1/children', '/users/1/devices', '/levels/1/units', '/audit/1', '/units/1/2', '/health/x', '/openapi.yaml']) {
		assert.equal(Object.keys(doc.paths).includes(url), false, url);
		const r = await anon.get(API + url);
		assert.equal(r.status, 404, `GET ${url}: ${r.status}`);
	}
});

test('JSON answers carry the security headers and Cache-Control: no-store', async () => {
	for (const [what, r] of [
		['health', await srv.anon().get(`${API}/health`)],
		['units', await admin.get(`${API}/units`)],
		['401', await srv.anon().get(`${API}/units`)],
		['404', await admin.get(`${API}/khong-co`)],
		['405', await admin.request('PUT', `${API}/units`, {})],
		['400', await admin.post(`${API}/units`, '{')],
		['csv', await admin.get(`${API}/audit?format=csv&limit=1`)],
	]) {
		assertSecurityHeaders(r, what);
		assert.equal(r.headers.get('cache-control'), 'no-store', what);
	}
});

test('GET / is the UI page as text/html with the security headers and no inline script', async () => {
	const r = await fetch(`${srv.base}/`);
	assert.equal(r.status, 200);
	assert.match(r.headers.get('content-type'), /^text\/html/);
	assertSecurityHeaders(r, 'index');
	const html = await r.text();
	assert.match(html, /<html lang="vi">/);
	/* CSP forbids inline script, so every script must be a file. */
	const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
	assert.ok(scripts.length > 0);
	for (const s of scripts) {
		assert.match(s[0], /\bsrc="/);
		assert.equal(s[1].trim(), '');
	}
	assert.equal(/\son[a-z]+=/i.test(html), false, 'no inline event handlers');
	const idx = await fetch(`${srv.base}/index.html`);
	assert.equal(idx.status, 200);
	assert.equal(await idx.text(), html);
});

test('static files have their content types', async () => {
	for (const [p, type] of [
		['/app.js', /^text\/javascript/],
		['/style.css', /^text\/css/],
		['/favicon.svg', /^image\/svg\+xml/],
		['/pages/units.js', /^text\/javascript/],
		['/i18n/vi.js', /^text\/javascript/],
	]) {
		const r = await fetch(srv.base + p);
		assert.equal(r.status, 200, p);
		assert.match(r.headers.get('content-type'), type, p);
		assertSecurityHeaders(r, p);
		await r.arrayBuffer();
	}
});

test('static files have an ETag; If-None-Match with it answers 304 with no body', async () => {
	const r = await fetch(`${srv.base}/app.js`);
	const etag = r.headers.get('etag');
	const body = await r.text();
	assert.ok(etag && /^"[^"]+"$/.test(etag), etag);
	assert.ok(body.length > 0);
	assert.match(r.headers.get('cache-control') || '', /no-cache/);
	const again = await fetch(`${srv.base}/app.js`, { headers: { 'If-None-Match': etag } });
	assert.equal(again.status, 304);
	assert.equal(again.headers.get('etag'), etag);
	assert.equal(await again.text(), '');
	const stale = await fetch(`${srv.base}/app.js`, { headers: { 'If-None-Match': '"0-0"' } });
	assert.equal(stale.status, 200);
	assert.equal(await stale.text(), body);
	/* Another file has another tag. */
	const css = await fetch(`${srv.base}/style.css`);
	assert.notEqual(css.headers.get('etag'), etag);
	await css.arrayBuffer();
	/* The index too. */
	const idx = await fetch(`${srv.base}/`);
	const itag = idx.headers.get('etag');
	await idx.arrayBuffer();
	assert.equal((await fetch(`${srv.base}/`, { headers: { 'If-None-Match': itag } })).status, 304);
});

test('paths that would leave the web root, or reach hidden or unknown files, are 404', async () => {
	const paths = [
		'/../etc/passwd',
		'/../../../../etc/passwd',
		'/%2e%2e/etc/passwd',
		'/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
		'/pages/../../Makefile',
		'/..%2fMakefile',
		'/.git/config',
		'/.env',
		'//etc/passwd',
		'/\\..\\Makefile',
		'/pages/.hidden.js',
		'/khong-co.html',
		'/pages',
		'/Makefile',
		'/package.json.bak',
	];
	for (const p of paths) {
		const r = await h.rawRequest(srv.port, `GET ${p} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
		assert.ok([400, 404].includes(r.status), `${p}: ${r.status}`);
		assert.equal(r.body.includes('root:'), false, p);
		assert.equal(r.body.includes('tuyengiao — build'), false, p);
	}
	/* fetch() normalises dots away: that must land inside the root. */
	const r = await fetch(`${srv.base}/pages/../app.js`);
	assert.equal(r.status, 200);
	await r.arrayBuffer();
});

test('a wrong method on a static path is 405 with Allow: GET, HEAD', async () => {
	for (const m of ['POST', 'PUT', 'DELETE']) {
		const r = await fetch(`${srv.base}/app.js`, { method: m });
		assert.equal(r.status, 405, m);
		assert.equal(r.headers.get('allow'), 'GET, HEAD');
		await r.arrayBuffer();
	}
});

test('the server exits cleanly after a burst of concurrent first requests', async () => {
	/* Each round: a cold pool, many requests at once so the worker
	 * threads open their connections concurrently, then SIGTERM. */
	const failures = [];
	for (let round = 0; round < 5; round++) {
		const s = await h.start({ args: ['--threads', '8'] });
		const rs = await Promise.all(Array.from({ length: 16 }, () => new h.Client(s.base).login('xem', h.PASSWORD)));
		assert.deepEqual(rs.map((r) => r.status), rs.map(() => 200));
		try {
			await s.stop();
		} catch (e) {
			failures.push(e.message.split('\n').slice(0, 12).join('\n'));
		}
	}
	assert.deepEqual(failures, []);
});
