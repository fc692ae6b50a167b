'use strict';
/*
 * Implementation tasks over HTTP: assigning a document to many communes at
 * once, the inbox of a receiving unit, its status updates (done with a date
 * and a one-line result), the matrix of units x tasks, the due-soon and
 * overdue lists, the deadline rule, scoping (a commune never sees a
 * neighbour's assignment; assignment outside the subtree is 404) and roles.
 */
const assert = require('node:assert/strict');
const { before, after, describe } = require('node:test');
const h = require('./harness');

const API = h.API;
let srv, spec, units, doc05;

const COMMUNES = ['SH-LG-MP', 'SH-LG-PG', 'SH-LG-HT', 'SH-LG-VX', 'SH-LG-LC', 'SH-LG-MHH',
	'SH-LG-TG', 'SH-KH', 'SH-KL', 'SH-KN', 'SH-KP', 'SH-SL'];

function today(offset = 0) {
	const d = new Date(Date.now() + 7 * 3600e3 + offset * 86400e3);
	return d.toISOString().slice(0, 10);
}

before(async () => {
	srv = await h.start();
	spec = await srv.login('chuyenvien');
	units = await h.unitMap(spec);
	const r = await spec.get(`${API}/documents?q=05-NQ/TU`);
	doc05 = r.body.items.find((d) => d.symbol === '05-NQ/TU');
});
after(() => srv.stop());

async function assign(title, codes, deadline = today(3), extra = {}) {
	return spec.post(`${API}/tasks`, {
		document_id: doc05.id, title, deadline,
		unit_ids: codes.map((c) => units.get(c).id), ...extra,
	});
}

describe('tasks', () => {
	h.test('one action assigns a task to twelve communes; each sees it in its inbox and marks it done', async () => {
		const t = await assign('Tổ chức học tập Nghị quyết 05-NQ/TU trước hạn', COMMUNES);
		assert.equal(t.status, 201, t.text);
		assert.equal(t.body.assignments.length, 12);
		for (const a of t.body.assignments) { assert.equal(a.status, 'not_started'); assert.equal(a.state, 'not_started'); }

		const mp = await srv.login('phuong.myphuoc'); /* contributor of SH-LG-MP */
		const inbox = await mp.get(`${API}/tasks/inbox?status=open`);
		const mine = inbox.body.items.find((a) => a.task_id === t.body.id);
		assert.ok(mine, inbox.text);
		assert.equal(mine.unit_code, 'SH-LG-MP');
		const done = await mp.patch(`${API}/tasks/${t.body.id}/assignments/${mine.id}`, {
			status: 'done', done_date: today(), result: 'Đã tổ chức hội nghị, 98% đảng viên tham dự',
		});
		assert.equal(done.status, 200, done.text);
		assert.equal(done.body.state, 'done');
		/* The specialist's matrix shows 1/12 done. */
		const m = await spec.get(`${API}/tasks/matrix?task_id=${t.body.id}`);
		assert.equal(m.status, 200);
		assert.equal(m.body.tasks.length, 1);
		assert.equal(m.body.tasks[0].done, 1);
		assert.equal(m.body.tasks[0].assigned, 12);
		assert.equal(m.body.units.length, 12);
		assert.equal(m.body.cells.filter((c) => c.state === 'done').length, 1);
	});

	h.test('a commune sees only its own assignment, never a neighbour\'s', async () => {
		const t = await assign('Nhiệm vụ riêng tư', ['SH-KH', 'SH-KL']);
		const kh = await srv.login('xa.kyhoa');
		const g = await kh.get(`${API}/tasks/${t.body.id}`);
		assert.equal(g.status, 200);
		assert.deepEqual(g.body.assignments.map((a) => a.unit_code), ['SH-KH']);
		/* Nor the neighbour's progress in the counts. */
		assert.equal(g.body.assigned, 1);
		const listed = (await kh.get(`${API}/tasks?limit=500`)).body.items.find((x) => x.id === t.body.id);
		assert.ok(listed);
		assert.equal(listed.assigned, 1);
		const other = t.body.assignments.find((a) => a.unit_code === 'SH-KL');
		h.assertError(assert, await kh.patch(`${API}/tasks/${t.body.id}/assignments/${other.id}`, { status: 'in_progress' }), 404);
		const mp = await srv.login('phuong.myphuoc');
		h.assertError(assert, await mp.get(`${API}/tasks/${t.body.id}`), 404);
		const list = await mp.get(`${API}/tasks?limit=500`);
		assert.ok(!list.body.items.some((x) => x.id === t.body.id));
		const m = await kh.get(`${API}/tasks/matrix`);
		assert.ok(!m.body.cells.some((c) => c.task_id === t.body.id));
	});

	h.test('assigning outside the subtree is 404; deadline before the document is 400', async () => {
		const kh = await srv.login('xa.kyhoa');
		const r = await kh.post(`${API}/tasks`, { title: 'x', deadline: today(5), unit_ids: [units.get('SH-KL').id] });
		h.assertError(assert, r, 404);
		const early = await assign('Quá sớm', ['SH-KH'], '2020-01-01');
		h.assertError(assert, early, 400, { field: 'deadline' });
		h.assertError(assert, await assign('Rỗng', []), 400, { field: 'unit_ids' });
		h.assertError(assert, await assign('Loại sai', ['SH-KH'], today(5), { kind: 'khac' }), 400, { field: 'kind' });
	});

	h.test('status rules: done needs a date not in the future and a one-line result', async () => {
		const t = await assign('Kiểm tra trạng thái', ['SH-KN']);
		const a = t.body.assignments[0];
		const url = `${API}/tasks/${t.body.id}/assignments/${a.id}`;
		h.assertError(assert, await spec.patch(url, { status: 'done', result: 'x' }), 400, { field: 'done_date' });
		h.assertError(assert, await spec.patch(url, { status: 'done', done_date: today(2), result: 'x' }), 400, { field: 'done_date' });
		h.assertError(assert, await spec.patch(url, { status: 'done', done_date: today() }), 400, { field: 'result' });
		h.assertError(assert, await spec.patch(url, { status: 'done', done_date: today(), result: 'a\nb' }), 400, { field: 'result' });
		h.assertError(assert, await spec.patch(url, { status: 'finished' }), 400, { field: 'status' });
		const p = await spec.patch(url, { status: 'in_progress', result: 'Đang chuẩn bị' });
		assert.equal(p.status, 200, p.text);
		assert.equal(p.body.state, 'in_progress');
		const viewer = await srv.login('xem');
		h.assertError(assert, await viewer.patch(url, { status: 'not_started' }), 403);
		h.assertError(assert, await viewer.post(`${API}/tasks`, { title: 'x', deadline: today(), unit_ids: [units.get('SH-KN').id] }), 403);
	});

	h.test('overdue is derived from the deadline; due-soon lists the next 7 days', async () => {
		const late = await assign('Đã quá hạn', ['SH-SL'], today(-2));
		assert.equal(late.status, 201, late.text);
		assert.equal(late.body.assignments[0].state, 'overdue');
		assert.equal(late.body.assignments[0].status, 'not_started');
		const soon = await assign('Sắp đến hạn', ['SH-SL'], today(4));
		const far = await assign('Còn xa', ['SH-SL'], today(40));
		const due = await spec.get(`${API}/tasks/due-soon`);
		assert.equal(due.status, 200);
		const ids = due.body.items.map((a) => a.task_id);
		assert.ok(ids.includes(soon.body.id));
		assert.ok(!ids.includes(far.body.id));
		assert.ok(!ids.includes(late.body.id));
		for (const a of due.body.items) assert.ok(a.deadline >= today() && a.deadline <= today(7));
		const od = await spec.get(`${API}/tasks/due-soon?overdue=1`);
		assert.ok(od.body.items.some((a) => a.task_id === late.body.id));
		for (const a of od.body.items) assert.equal(a.state, 'overdue');
		/* The demo has every state. */
		const m = await spec.get(`${API}/tasks/matrix`);
		for (const k of ['done', 'in_progress', 'not_started', 'overdue']) assert.ok(m.body.summary[k] > 0, k);
	});

	h.test('review milestones are dated tasks; the document shows its tasks; edits are audited', async () => {
		const admin = await srv.login('admin');
		const since = await h.lastAuditId(admin);
		const t = await assign('Sơ kết 1 năm', ['SH-KH'], today(100), { kind: 'so_ket' });
		assert.equal(t.body.kind, 'so_ket');
		const d = await spec.get(`${API}/documents/${doc05.id}`);
		assert.ok(d.body.tasks.some((x) => x.id === t.body.id && x.kind === 'so_ket'));
		const u = await spec.patch(`${API}/tasks/${t.body.id}`, { title: 'Sơ kết 1 năm (sửa)', add_unit_ids: [units.get('SH-KL').id] });
		assert.equal(u.status, 200, u.text);
		assert.equal(u.body.assignments.length, 2);
		assert.equal((await spec.del(`${API}/tasks/${t.body.id}`)).status, 200);
		const rows = await h.auditSince(admin, since, 'entity=task');
		assert.deepEqual(rows.map((r) => r.action), ['create', 'update', 'delete']);
	});
});
