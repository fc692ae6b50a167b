/*
 * End-to-end test of documents and tasks in the web UI (issue 3): the real
 * server on a fresh demo database, headless Chromium through playwright-core
 * (the set-up of tests/e2e/harness.js).
 *
 *   node --test tests/e2e/documents.test.js     (TG_BIN overrides build/tuyengiao)
 *
 * As the province specialist (chuyenvien): register the incoming resolution
 * 05-NQ/TU (a bad symbol is refused next to the field as it is typed), attach
 * a small PDF (a text file is refused), find it by typing "nghi quyet" without
 * diacritics (the words come back highlighted), and assign a task to three
 * communes in one action; register an outgoing plan, which gets its number by
 * itself. As the commune specialist (xa.kyhoa): mark the task done with a
 * date and a result. As chuyenvien again: the matrix says 1/3 done.
 * CSP violations and page errors fail the run. Screenshot:
 * build/artifacts/e2e-documents.png.
 */
'use strict';

const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const h = require('./harness');

const SUMMARY = 'Nghị quyết Hội nghị lần thứ năm Ban Chấp hành Đảng bộ tỉnh về công tác chính trị, tư tưởng (bản đăng ký thử nghiệm)';
const TASK = 'Tổ chức học tập, quán triệt Nghị quyết 05-NQ/TU (thử nghiệm e2e)';
const COMMUNES = ['SH-KH', 'SH-KL', 'SH-KN'];
const RESULT = 'Đã tổ chức hội nghị quán triệt, 96% đảng viên tham dự';

/* A minimal PDF: the server checks the type by content ("%PDF-"). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n'
  + '2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

const env = h.setup({ name: 'documents' });
const { newPage, login, logout, cspErrors, pageErrors } = env;
let page;
let docId = null;

/* YYYY-MM-DD in Vietnam time, `days` from today. */
function vnDate(days = 0) {
  return new Date(Date.now() + 7 * 3600 * 1000 + days * 86400 * 1000).toISOString().slice(0, 10);
}

before(async () => {
  page = await newPage();
});

const dialog = () => page.locator('dialog[open]');
const fieldIn = (scope, name) => scope.locator(`.field[data-field="${name}"]`);

test('the navigation has Văn bản and Nhiệm vụ in the group "Văn bản, nhiệm vụ"', async () => {
  await login(page, 'chuyenvien');
  const nav = page.locator('.app-nav');
  await nav.locator('a.nav-link[href="#/documents"]').first().waitFor();
  await nav.locator('a.nav-link[href="#/tasks"]').first().waitFor();
  await nav.locator('a.nav-link[href="#/documents"]').first().click();
  await page.waitForFunction(() => location.hash.startsWith('#/documents'));
  await page.getByRole('heading', { level: 1, name: 'Văn bản' }).waitFor();
  await page.locator('.doc-table tbody tr').first().waitFor();
});

test('an incoming 05-NQ/TU is registered; a bad symbol is refused next to the field as it is typed', async () => {
  await page.getByRole('button', { name: 'Vào sổ văn bản đến' }).click();
  const d = dialog();
  const symbol = fieldIn(d, 'symbol');
  await symbol.locator('input').fill('05-NQX/TU');
  await symbol.locator('.field-error').filter({ hasText: 'NQX' }).waitFor();
  await symbol.locator('input').fill('05-NQ/TU');
  await symbol.locator('.symbol-info').filter({ hasText: 'Nghị quyết' }).waitFor();
  assert.equal(await symbol.locator('.field-error').isHidden(), true);
  await fieldIn(d, 'issued_on').locator('input').fill(vnDate(-3));
  await fieldIn(d, 'summary').locator('textarea').fill(SUMMARY);
  await fieldIn(d, 'signer').locator('input').fill('Bí thư Tỉnh ủy');
  await fieldIn(d, 'tags').locator('input').fill('chính trị tư tưởng, nghị quyết');
  await d.getByRole('button', { name: 'Vào sổ' }).click();
  await page.waitForFunction(() => /^#\/documents\/\d+$/.test(location.hash));
  docId = Number((await page.evaluate(() => location.hash)).split('/').pop());
  await page.locator('#doc-title').filter({ hasText: '05-NQ/TU' }).waitFor();
  await page.locator('.facts').filter({ hasText: SUMMARY }).waitFor();
});

test('a PDF is attached (a text file is refused with the reason) and can be downloaded', async () => {
  const upload = page.locator('.upload-form');
  await upload.locator('input[type=file]').setInputFiles({ name: 'ghi-chu.txt', mimeType: 'text/plain', buffer: Buffer.from('không phải PDF\n') });
  await upload.getByRole('button', { name: 'Tải lên' }).click();
  await upload.locator('.field-error').filter({ hasText: 'không được chấp nhận' }).waitFor();

  await upload.locator('input[type=file]').setInputFiles({ name: 'Nghị quyết 05-NQ-TU.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.locator('.upload-form').getByRole('button', { name: 'Tải lên' }).click();
  const link = page.locator('.attachment-list a').filter({ hasText: 'Nghị quyết 05-NQ-TU.pdf' });
  await link.waitFor();
  const href = await link.getAttribute('href');
  const body = await page.evaluate(async (u) => {
    const r = await fetch(u, { credentials: 'same-origin' }); /* test-side check of the download */
    return { type: r.headers.get('content-type'), text: await r.text() };
  }, href);
  assert.equal(body.type, 'application/pdf');
  assert.ok(body.text.startsWith('%PDF-1.4'));
});

test('typing "nghi quyet chinh tri tu tuong" without diacritics finds it, words highlighted', async () => {
  await page.locator('.app-nav a.nav-link[href="#/documents"]').first().click();
  await page.waitForFunction(() => location.hash.startsWith('#/documents') && !/\/\d+$/.test(location.hash));
  const q = page.getByLabel('Tìm văn bản');
  await q.fill('nghi quyet');
  const row = page.locator(`.doc-table tbody tr[data-document-id="${docId}"]`);
  await row.waitFor();
  await q.fill('nghi quyet chinh tri tu tuong');
  await page.waitForFunction(() => location.hash.includes('chinh'));
  /* The answer to the full query: its last word highlighted. */
  await row.locator('.doc-summary mark').filter({ hasText: /^tưởng$/ }).first().waitFor();
  const marks = await row.locator('.doc-summary mark').allTextContents();
  assert.ok(marks.includes('Nghị'), `marks: ${marks.join('|')}`);
  assert.ok(marks.includes('quyết'), `marks: ${marks.join('|')}`);
  assert.ok(marks.includes('tư') && marks.includes('tưởng'), `marks: ${marks.join('|')}`);
  await page.locator('.search-count').filter({ hasText: 'mức độ phù hợp' }).waitFor();
  await row.locator('a.doc-symbol').click();
  await page.waitForFunction((id) => location.hash === `#/documents/${id}`, docId);
});

test('a task goes to three communes in one action', async () => {
  await page.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
  const d = dialog();
  await fieldIn(d, 'title').locator('input').fill(TASK);
  await fieldIn(d, 'deadline').locator('input').fill(vnDate(20));
  const list = d.locator('.checklist');
  await list.locator('label[data-code="SH-KH"]').waitFor();
  /* The "select all" of the commune level is offered: 12 communes and wards. */
  await d.locator('[data-action="select-all"]').filter({ hasText: 'xã, phường' }).waitFor();
  for (const code of COMMUNES) await list.locator(`label[data-code="${code}"] input`).check();
  await d.locator('.checklist-count').filter({ hasText: 'Đã chọn 3 đơn vị' }).waitFor();
  await d.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
  await dialog().waitFor({ state: 'detached' });
  const item = page.locator('.task-item').filter({ hasText: TASK });
  await item.filter({ hasText: '0/3 hoàn thành' }).waitFor();
  assert.equal(await item.locator('.assignment-chips li').count(), 3);
});

test('an outgoing plan gets its number by itself', async () => {
  await page.getByRole('button', { name: 'Vào sổ văn bản đi' }).click();
  const d = dialog();
  await fieldIn(d, 'type').locator('select').selectOption('KH');
  await fieldIn(d, 'issuer').locator('select').selectOption('BTGDVTU');
  await fieldIn(d, 'summary').locator('textarea').fill('Kế hoạch học tập, quán triệt Nghị quyết 05-NQ/TU');
  await d.getByRole('button', { name: 'Vào sổ' }).click();
  const notice = page.locator('.notice').filter({ hasText: /\d{2,}-KH\/BTGDVTU/ });
  await notice.waitFor();
  const symbol = (await notice.textContent()).match(/\d{2,}-KH\/BTGDVTU/)[0];
  await page.locator('#doc-title').filter({ hasText: symbol }).waitFor();
});

test('the commune marks the task done with a date and a result', async () => {
  await logout(page);
  await login(page, 'xa.kyhoa');
  await page.locator('.app-nav a.nav-link[href="#/tasks"]').first().click();
  await page.waitForFunction(() => location.hash.startsWith('#/tasks'));
  const row = page.locator('.inbox-table tbody tr').filter({ hasText: TASK });
  await row.waitFor();
  await row.getByRole('button', { name: 'Đang thực hiện' }).click();
  await row.locator('.state-chip').filter({ hasText: 'Đang thực hiện' }).waitFor();
  await row.getByRole('button', { name: 'Báo cáo hoàn thành' }).click();
  const d = dialog();
  await fieldIn(d, 'done_date').locator('input').fill(vnDate(0));
  await fieldIn(d, 'result').locator('input').fill(RESULT);
  await d.getByRole('button', { name: 'Báo cáo hoàn thành' }).click();
  await dialog().waitFor({ state: 'detached' });
  await row.waitFor({ state: 'detached' }); /* the open list no longer has it */
  await page.getByLabel('Hiển thị').selectOption('done');
  const done = page.locator('.inbox-table tbody tr').filter({ hasText: TASK });
  await done.locator('.state-chip').filter({ hasText: 'Đã hoàn thành' }).waitFor();
  await done.filter({ hasText: RESULT }).waitFor();
});

test('the province sees 1/3 done in the matrix and the due-soon list', async () => {
  await logout(page);
  await login(page, 'chuyenvien');
  await page.goto(`${env.base}/#/tasks/matrix?document=${docId}`);
  const head = page.locator('.matrix-table thead th.matrix-task').filter({ hasText: TASK });
  await head.filter({ hasText: '1/3 hoàn thành' }).waitFor();
  const taskId = await head.getAttribute('data-task');
  const rowOf = (name) => page.locator('.matrix-table tbody tr').filter({ hasText: name });
  await rowOf('Kỳ Hoa').locator(`td.cell-done`).first().waitFor();
  assert.equal(await page.locator(`.matrix-table td.matrix-cell[data-state]`).count(), 3);
  assert.ok(taskId);
  await page.locator('.state-legend').waitFor();
  await page.screenshot({ path: path.join(h.ARTIFACTS, 'e2e-documents.png'), fullPage: true });

  await page.getByRole('link', { name: 'Sắp đến hạn, quá hạn' }).click();
  await page.waitForFunction(() => location.hash === '#/tasks/due');
  await page.getByRole('heading', { name: /Đến hạn trong 7 ngày tới/ }).waitFor();
  await page.getByRole('heading', { name: 'Đã quá hạn' }).waitFor();
  await page.locator('.page-tasks table').first().waitFor();
});

test('no Content-Security-Policy violation and no page error', () => {
  assert.deepEqual(cspErrors, []);
  assert.deepEqual(pageErrors, []);
});
