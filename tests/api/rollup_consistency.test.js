'use strict';
/*
 * The maintained roll-up aggregates always equal a full recount: a seeded
 * random mix of writes through the API (activities, reporter conferences,
 * classes, indicator values, opinion reports, hot spots: create, edit
 * amounts, dates and units, move hot spots through their statuses,
 * delete) with unit moves and merges in between, and after every step
 * `tuyengiao rollup-check` compares the aggregate tables with a recount
 * from the records (and, every few steps, every unit's roll-up read from
 * them with the live roll-up over ranges cutting months). Any difference
 * fails. TG_SEED picks another sequence.
 */
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const path = require('node:path');
const { before, after } = require('node:test');
const h = require('./harness');

const API = h.API;
const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.resolve(ROOT, process.env.TG_BIN || 'build/tuyengiao');
const SEED = Number(process.env.TG_SEED || 20261123);
const STEPS = 90;

let srv, admin, units;

before(async () => {
	srv = await h.start();
	admin = await srv.login('admin');
	units = [...(await h.unitMap(admin)).values()];
});
after(() => srv.stop());

/* mulberry32: a small seeded generator, so a failure can be replayed. */
function rng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function check(full) {
	const args = ['rollup-check', '--db', srv.db];
	if (!full) args.push('--tables-only');
	return new Promise((resolve) => {
		execFile(BIN, args, { cwd: ROOT }, (err, stdout, stderr) =>
			resolve({ code: err ? err.code : 0, out: `${stdout}${stderr}` }));
	});
}

/*
 * Writes at once (16 at a time) into the cells of one commune in one month,
 * so that every transaction changes the same aggregate rows: creations
 * (which PostgreSQL runs side by side), updates and deletions (which run
 * alone). Every acknowledged write is in the roll-up, and the aggregates
 * equal a recount.
 */
h.test('concurrent writes: every acknowledged one is counted, aggregates equal a recount', async () => {
	const commune = units.find((c) => c.level === 'coso'
		&& units.filter((u) => u.parent_id === c.id && u.level === 'chibo').length >= 3);
	assert.ok(commune, 'a commune with three cells');
	const cells = units.filter((u) => u.parent_id === commune.id && u.level === 'chibo');
	const rollup = `${API}/rollup?unit=${commune.id}&from=2024-03-01&to=2024-03-31`;
	const figures = async () => {
		const r = await admin.get(rollup);
		assert.equal(r.status, 200, r.text);
		const a = r.body.totals.activities.all;
		return [a.count, a.members.numerator, a.members.denominator];
	};
	const [count0, present0, expected0] = await figures();
	let n = 0;
	const body = () => {
		n++;
		return { unit_id: cells[n % cells.length].id, date: `2024-03-${String(1 + n % 28).padStart(2, '0')}`,
			kind: 'study', members_expected: 20 + n % 7, members_present: 15 + n % 5, non_members: n % 3 };
	};
	/* the records as acknowledged: id → [present, expected] */
	const kept = new Map();
	const keep = (r) => kept.set(r.body.id, [r.body.members_present, r.body.members_expected]);
	const first = [];
	for (let i = 0; i < 20; i++) {
		const r = await admin.post(`${API}/activities`, body());
		assert.equal(r.status, 201, r.text);
		keep(r);
		first.push(r.body.id);
	}
	const jobs = [];
	for (let i = 0; i < 100; i++) jobs.push(['create']);
	first.slice(0, 15).forEach((id, i) => jobs.push(['update', id, 10 + i % 5]));
	first.slice(15).forEach((id) => jobs.push(['delete', id]));
	/* interleaved: every seventh job an update or deletion */
	const order = jobs.map((j, i) => [(i * 7919) % jobs.length, j]).sort((a, b) => a[0] - b[0]).map((x) => x[1]);
	const run = async ([what, id, present]) => {
		if (what === 'create') {
			const r = await admin.post(`${API}/activities`, body());
			assert.equal(r.status, 201, r.text);
			keep(r);
		} else if (what === 'update') {
			const r = await admin.patch(`${API}/activities/${id}`, { members_present: present });
			assert.equal(r.status, 200, r.text);
			keep(r);
		} else {
			const r = await admin.del(`${API}/activities/${id}`);
			assert.ok(r.status === 200 || r.status === 204, `${r.status} ${r.text}`);
			kept.delete(id);
		}
	};
	let next = 0;
	await Promise.all(Array.from({ length: 16 }, async () => {
		while (next < order.length) await run(order[next++]);
	}));
	const sums = [...kept.values()].reduce((s, [p, e]) => [s[0] + p, s[1] + e], [0, 0]);
	assert.deepEqual(await figures(), [count0 + 115, present0 + sums[0], expected0 + sums[1]]);
	const c = await check(true);
	assert.equal(c.code, 0, c.out);
});

h.test('aggregates equal a full recount after every write, move and merge', async () => {
	const rnd = rng(SEED);
	const pick = (a) => a[Math.floor(rnd() * a.length)];
	const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
	const pad = (n) => String(n).padStart(2, '0');
	const day = () => `${int(2022, 2023)}-${pad(int(1, 12))}-${pad(int(1, 28))}`;
	const byLevel = (lv) => units.filter((u) => u.level === lv);
	const cells = byLevel('chibo');
	const bases = byLevel('coso');
	const parents = [...byLevel('huyen'), ...byLevel('tinh')];
	const entry = () => pick(rnd() < 0.8 ? cells : bases);
	const done = {};
	const ok = (what, r) => {
		if (r.status >= 200 && r.status < 300) done[what] = (done[what] || 0) + 1;
		else assert.ok(r.status >= 400 && r.status < 500, `${what}: ${r.status} ${r.text}`);
		return r.status < 300;
	};

	const ind = await admin.post(`${API}/indicators`, {
		code: 'RC-MONTH', name: 'Chỉ tiêu tháng', numerator_label: 'Đạt',
		denominator_label: 'Giao', period_type: 'month',
	});
	assert.equal(ind.status, 201, ind.text);

	const topics = (await admin.get(`${API}/opinion-topics`)).body.items
		.filter((t) => t.active && !t.merged_into).map((t) => t.id);
	assert.ok(topics.length >= 3, 'opinion topics');

	const made = []; /* [collection, id] of the records this test created */
	const bodies = {
		activities: () => {
			const expected = int(1, 40);
			return { unit_id: entry().id, date: day(), kind: pick(['study', 'political', 'flag_salute', 'seminar']),
				members_expected: expected, members_present: int(0, expected), non_members: int(0, 9) };
		},
		'reporter-conferences': () => ({ unit_id: entry().id, date: day(), topics: 'Thời sự',
			reporters_present: int(1, 5), audience: int(10, 200) }),
		classes: () => {
			const start = day();
			const enrolled = int(1, 60);
			return { unit_id: entry().id, kind: pick(['new_members', 'prospective', 'elementary', 'thematic', 'refresher']),
				start_date: start, end_date: start, enrolled, completed: int(0, enrolled) };
		},
		'opinion-reports': () => {
			const agree = int(0, 100);
			const concerned = int(0, 100 - agree);
			return { unit_id: entry().id, topic_id: pick(topics), period_type: 'day', period: day(),
				summary: 'Nhân dân quan tâm giá điện, nước sinh hoạt.', share_agree: agree,
				share_concerned: concerned, share_disagree: int(0, 100 - agree - concerned),
				intensity: pick(['low', 'medium', 'high']), recommendation: '' };
		},
		hotspots: () => ({ unit_id: entry().id, topic_id: pick(topics), title: 'Khiếu nại giá bồi thường',
			opened_on: day(), severity: pick(['low', 'medium', 'high']), lead_agency: 'UBND xã' }),
		'indicator-values': () => {
			const den = int(1, 50);
			return { indicator_id: ind.body.id, unit_id: entry().id,
				period: `${int(2022, 2023)}-${pad(int(1, 12))}`, numerator: int(0, den), denominator: den };
		},
	};

	/* a hot spot's next status, dated after every earlier one (and after
	 * every opening of the mix) */
	let statusDays = 0;
	const nextStatus = { detected: 'handling', handling: 'resolved', resolved: 'closed', closed: 'handling' };
	const statusChange = async (id) => {
		const cur = (await admin.get(`${API}/hotspots/${id}`)).body;
		const date = new Date(Date.UTC(2024, 0, 1 + statusDays++)).toISOString().slice(0, 10);
		return admin.post(`${API}/hotspots/${id}/status`, { status: nextStatus[cur.status], date,
			note: 'Theo dõi', reason: 'Phát sinh lại', resolution: 'Đã giải quyết' });
	};

	for (let step = 0; step < STEPS; step++) {
		const x = rnd();
		let what;
		if (x < 0.45 || made.length < 5) {
			const coll = pick(Object.keys(bodies));
			what = `create ${coll}`;
			const r = await admin.post(`${API}/${coll}`, bodies[coll]());
			if (ok(what, r)) made.push([coll, r.body.id]);
		} else if (x < 0.65) {
			const [coll, id] = pick(made);
			what = `edit ${coll}`;
			if (coll === 'hotspots' && rnd() < 0.6) {
				what = 'status hotspots';
				ok(what, await statusChange(id));
				const c = await check(false);
				assert.equal(c.code, 0, `seed ${SEED}, step ${step} (${what}):\n${c.out}`);
				continue;
			}
			const b = bodies[coll]();
			/* a value keeps its unit and period; the others may move */
			if (coll === 'indicator-values') {
				delete b.indicator_id; delete b.unit_id; delete b.period;
			} else if (rnd() < 0.5) delete b.unit_id;
			ok(what, await admin.patch(`${API}/${coll}/${id}`, b));
		} else if (x < 0.78) {
			const i = Math.floor(rnd() * made.length);
			const [coll, id] = made[i];
			what = `delete ${coll}`;
			if (ok(what, await admin.del(`${API}/${coll}/${id}`))) made.splice(i, 1);
		} else if (x < 0.93) {
			const moveCell = rnd() < 0.5;
			const u = pick(moveCell ? cells : bases);
			/* another parent than its present one */
			const now = (await admin.get(`${API}/units/${u.id}`)).body.parent_id;
			const to = pick((moveCell ? bases : parents).filter((p) => p.id !== u.id && p.id !== now));
			what = `move ${u.level}`;
			ok(what, await admin.post(`${API}/units/${u.id}/move`, { parent_id: to.id, date: day() }));
		} else {
			const u = pick(cells);
			const into = pick(cells.filter((c) => c.id !== u.id));
			what = 'merge';
			if (ok(what, await admin.post(`${API}/units/${u.id}/merge`, { into: into.id, date: `2023-12-${pad(int(1, 28))}` })))
				cells.splice(cells.indexOf(u), 1);
		}
		const full = step % 10 === 9 || step === STEPS - 1;
		const c = await check(full);
		assert.equal(c.code, 0, `seed ${SEED}, step ${step} (${what}):\n${c.out}`);
		assert.match(c.out, /0 hàng tổng hợp lệch, 0 số liệu tổng hợp lệch/);
	}
	/* an opinion report edited in every figure it counts by, whatever
	 * the mix did: date, topic, intensity and shares (its unit stays) */
	const o = await admin.post(`${API}/opinion-reports`, { ...bodies['opinion-reports'](), period: '2022-03-15' });
	assert.equal(o.status, 201, o.text);
	const moved = await admin.patch(`${API}/opinion-reports/${o.body.id}`, {
		period: '2023-11-30', topic_id: topics.find((t) => t !== o.body.topic_id),
		intensity: o.body.intensity === 'high' ? 'low' : 'high', share_agree: 5, share_concerned: 6, share_disagree: 7,
	});
	assert.equal(moved.status, 200, moved.text);
	let c = await check(true);
	assert.equal(c.code, 0, `opinion report edited:\n${c.out}`);
	assert.equal((await admin.del(`${API}/opinion-reports/${o.body.id}`)).status, 200);
	c = await check(false);
	assert.equal(c.code, 0, `opinion report deleted:\n${c.out}`);
	/* a hot spot through every status, then moved to another unit and
	 * reopened (the states on a day, the days to resolve) */
	const spot = await admin.post(`${API}/hotspots`, { ...bodies.hotspots(), unit_id: cells[0].id, opened_on: '2022-03-15' });
	assert.equal(spot.status, 201, spot.text);
	for (const st of ['handling', 'resolved', 'closed', 'handling', 'resolved']) {
		const r = await statusChange(spot.body.id);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.body.status, st);
		c = await check(st === 'resolved');
		assert.equal(c.code, 0, `hot spot ${st}:\n${c.out}`);
	}
	const edited = await admin.patch(`${API}/hotspots/${spot.body.id}`, { opened_on: '2021-06-01', severity: 'low' });
	assert.equal(edited.status, 200, edited.text);
	c = await check(true);
	assert.equal(c.code, 0, `hot spot edited:\n${c.out}`);
	/* its unit moved between its opening and its resolution */
	const cell = (await admin.get(`${API}/units/${cells[0].id}`)).body;
	const base = bases.find((b) => b.id !== cell.parent_id);
	const mv = await admin.post(`${API}/units/${cells[0].id}/move`, { parent_id: base.id, date: '2022-01-10' });
	assert.equal(mv.status, 200, mv.text);
	c = await check(true);
	assert.equal(c.code, 0, `hot spot's unit moved:\n${c.out}`);
	assert.equal((await admin.del(`${API}/hotspots/${spot.body.id}`)).status, 200);
	c = await check(false);
	assert.equal(c.code, 0, `hot spot deleted:\n${c.out}`);
	if (process.env.TG_DEBUG) console.log(JSON.stringify(done));
	/* the mix really exercised every kind of change */
	for (const k of ['create activities', 'create classes', 'create reporter-conferences',
		'create indicator-values', 'create opinion-reports', 'create hotspots', 'status hotspots', 'move chibo', 'move coso', 'merge'])
		assert.ok(done[k] >= 1, `no successful ${k} in ${JSON.stringify(done)}`);
	assert.ok(Object.keys(done).filter((k) => k.startsWith('edit')).length >= 2, JSON.stringify(done));
	assert.ok(Object.keys(done).filter((k) => k.startsWith('delete')).length >= 2, JSON.stringify(done));
});
