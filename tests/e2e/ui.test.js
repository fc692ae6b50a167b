/*
 * End-to-end test of the web UI: the real server on a fresh demo database,
 * driven through headless Chromium with playwright-core.
 *
 *   node --test tests/e2e/          (TG_BIN overrides build/tuyengiao)
 *
 * The set-up (tests/e2e/harness.js): `tuyengiao demo` into a temporary
 * database, `tuyengiao serve` on a free port, wait for /api/v1/health,
 * launch Chromium. The tests run in order on one page (each builds on
 * the previous): log in, expand the tree, add a unit
 * under the province (first with an empty name, then with a bad code),
 * rename it, find its creation in the audit log, search, move it, add a
 * user to it, fail to delete it; then the role-limited views, the language
 * switch and the phone layout. Every console message about the Content-Security-Policy and every
 * uncaught page error fails the run. Screenshots go to build/artifacts/.
 */
'use strict';

const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const h = require('./harness');

const NEW_CODE = 'SH-E2E';
const NEW_NAME = 'Đảng ủy xã Thử Nghiệm';
const RENAMED = 'Đảng ủy xã Thử Nghiệm Mới';

const env = h.setup({ name: 'ui', viewport: { width: 1280, height: 860 } });
const { newPage, logout, cspErrors, pageErrors } = env;
let page;
let newUnitId = null;

before(async () => {
  page = await newPage();
});

async function login(p, username, password) {
  await env.login(p, username, password);
  /* The dashboard is the landing page; these tests start on the units page. */
  await p.evaluate(() => { location.hash = '#/units'; });
  await p.waitForFunction(() => location.hash === '#/units');
}

const navLabels = (p) => p.locator('.app-nav .nav-link').allTextContents();
/* The navigation as [group title, [link labels]] pairs, in order. */
const navGroups = (p) => p.locator('.app-nav .nav-group').evaluateAll((groups) => groups.map((g) => [
  g.querySelector('.nav-group-title').textContent,
  [...g.querySelectorAll('.nav-link')].map((a) => a.textContent)]));
const NAV_FOR_ALL = [
  ['Tổng hợp', ['Tổng quan', 'Số liệu tổng hợp', 'Báo cáo']],
  ['Văn bản, nhiệm vụ', ['Văn bản', 'Nhiệm vụ']],
  ['Ấn phẩm, thẩm định', ['Ấn phẩm', 'Thẩm định, góp ý']],
  ['Học tập, bồi dưỡng', ['Hội nghị, sinh hoạt chính trị', 'Báo cáo viên', 'Lớp bồi dưỡng', 'Chỉ tiêu']],
  ['Dư luận, điểm nóng', ['Báo cáo dư luận xã hội', 'Tổng hợp dư luận tuần', 'Điểm nóng, vụ việc']],
  ['Lịch sử Đảng, khen thưởng, truyền thông', ['Biên soạn lịch sử Đảng bộ', 'Biểu dương, khen thưởng', 'Tuyên truyền trên trang, kênh của đơn vị']],
];
const rootNode = () => page.locator('.tree > .tree-node').filter({ hasText: 'Tỉnh ủy Sơn Hà' }).first();
const dialog = () => page.locator('dialog[open]');
const fieldError = (name) => dialog().locator(`.field[data-field="${name}"] .field-error`);

test('a wrong password is refused with a message', async () => {
  await page.goto(`${env.base}/`);
  await page.waitForFunction(() => location.hash === '#/login');
  assert.equal(await page.locator('h1').textContent(), 'Đăng nhập');
  await page.getByLabel('Tên đăng nhập').fill('admin');
  await page.getByLabel('Mật khẩu').fill('sai-mat-khau-1');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  const err = page.locator('.form-error');
  await err.waitFor({ state: 'visible' });
  assert.ok((await err.textContent()).trim().length > 0);
  assert.equal(await page.evaluate(() => location.hash), '#/login');
});

test('admin logs in and sees the header, the navigation and the province', async () => {
  await login(page, 'admin');
  const header = page.locator('.app-header');
  await header.getByText('Tỉnh ủy Sơn Hà').waitFor();
  assert.match(await header.textContent(), /Quản trị/);
  assert.deepEqual(await navGroups(page), [...NAV_FOR_ALL, ['Quản trị', ['Đơn vị', 'Người dùng', 'Nhập dữ liệu từ tệp', 'Nhật ký hệ thống']]]);
  assert.equal(await page.locator('.app-nav .nav-link[aria-current="page"]').textContent(), 'Đơn vị');
  assert.ok(await page.locator('.nav-toggle').isHidden(), 'no menu button on a wide screen');
  await rootNode().waitFor();
  await page.locator('.detail-panel h2').filter({ hasText: 'Tỉnh ủy Sơn Hà' }).waitFor();
});

test('the province expands to its units', async () => {
  const toggle = rootNode().locator(':scope > .tree-row > .tree-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  const children = rootNode().locator(':scope > .tree-children > .tree-node');
  await children.first().waitFor();
  assert.ok(await children.count() > 1);
  await rootNode().locator('.tree-children').getByText('Thành ủy Long Giang').waitFor();

  /* Collapsing and expanding again by keyboard. */
  await rootNode().locator(':scope > .tree-row > .tree-link').focus();
  await page.keyboard.press('ArrowLeft');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((el) => el.getAttribute('aria-expanded') === 'true', await toggle.elementHandle());
});

test('an empty name is refused next to the field, in Vietnamese', async () => {
  await rootNode().locator(':scope > .tree-row > .tree-link').click();
  await page.locator('.detail-panel h2').filter({ hasText: 'Tỉnh ủy Sơn Hà' }).waitFor();
  await page.getByRole('button', { name: 'Thêm đơn vị trực thuộc' }).click();
  await dialog().waitFor();
  assert.match(await dialog().locator('h2').textContent(), /Thêm đơn vị trực thuộc/);

  await dialog().getByLabel('Mã đơn vị').fill(NEW_CODE);
  await dialog().locator('select[name="level"]').selectOption('coso');
  await dialog().getByRole('button', { name: 'Thêm đơn vị' }).click();

  const err = fieldError('name');
  await err.waitFor({ state: 'visible' });
  assert.equal(await err.textContent(), 'Trường này không được để trống.');
  const input = dialog().getByLabel('Tên đơn vị');
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  assert.ok((await input.getAttribute('aria-describedby')).includes(await err.getAttribute('id')));
  assert.ok(await input.evaluate((el) => el === document.activeElement), 'focus moves to the bad field');
});

test('a code the server refuses is shown next to the code field', async () => {
  await dialog().getByLabel('Tên đơn vị').fill(NEW_NAME);
  await dialog().getByLabel('Mã đơn vị').fill('SH E2E');
  await dialog().getByRole('button', { name: 'Thêm đơn vị' }).click();
  const err = fieldError('code');
  await err.waitFor({ state: 'visible' });
  assert.match(await err.textContent(), /Mã đơn vị/);
  assert.ok(await fieldError('name').isHidden(), 'the earlier error is cleared');
});

test('a child unit of the province is created and appears in the tree', async () => {
  await dialog().getByLabel('Mã đơn vị').fill(NEW_CODE);
  await dialog().getByRole('button', { name: 'Thêm đơn vị' }).click();
  await dialog().waitFor({ state: 'detached' });
  await page.waitForFunction(() => /^#\/units\/\d+$/.test(location.hash));
  newUnitId = Number((await page.evaluate(() => location.hash)).split('/').pop());
  await page.locator('.detail-panel h2').filter({ hasText: NEW_NAME }).waitFor();
  const facts = await page.locator('.detail-panel .facts').textContent();
  assert.match(facts, new RegExp(NEW_CODE));
  assert.match(facts, /Đảng bộ cơ sở/);
  const node = rootNode().locator(`.tree-children .tree-node[data-unit-id="${newUnitId}"]`);
  await node.waitFor();
  assert.match(await node.textContent(), new RegExp(NEW_NAME));
  assert.equal(await node.locator('.tree-link').getAttribute('aria-current'), 'true');
  assert.match(await page.locator('.breadcrumb').textContent(), /Tỉnh ủy Sơn Hà/);
});

test('the new unit is renamed (after a reload: the CSRF token comes from /session)', async () => {
  await page.reload();
  await page.locator('.detail-panel h2').filter({ hasText: NEW_NAME }).waitFor();
  await page.locator('.detail-panel').getByRole('button', { name: 'Sửa', exact: true }).click();
  await dialog().waitFor();
  const name = dialog().getByLabel('Tên đơn vị');
  assert.equal(await name.inputValue(), NEW_NAME);
  await name.fill(RENAMED);
  await dialog().getByRole('button', { name: 'Lưu' }).click();
  await dialog().waitFor({ state: 'detached' });
  await page.locator('.detail-panel h2').filter({ hasText: RENAMED }).waitFor();
  const label = page.locator(`.tree-node[data-unit-id="${newUnitId}"] .tree-name`);
  await page.waitForFunction((el) => el.textContent.includes('Mới'), await label.elementHandle());
  await page.locator('.toast').first().waitFor();
  await page.screenshot({ path: path.join(h.ARTIFACTS, 'e2e-units.png'), fullPage: true });
});

test('the audit log shows the creation of the unit with its data', async () => {
  await page.getByRole('link', { name: 'Nhật ký hệ thống' }).click();
  await page.waitForFunction(() => location.hash === '#/audit');
  await page.locator('.audit-table').waitFor();
  await page.getByLabel('Đối tượng').selectOption('unit');
  await page.getByLabel('Thao tác').selectOption('create');
  await page.getByRole('button', { name: 'Lọc', exact: true }).click();
  const entry = page.locator(`tbody[data-entity="unit"][data-action="create"][data-entity-id="${newUnitId}"]`);
  await entry.waitFor();
  const row = await entry.locator('tr').first().textContent();
  assert.match(row, /admin/);
  assert.match(row, /Thêm mới/);
  assert.match(row, /\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
  await entry.getByRole('button', { name: 'Xem' }).click();
  const after = entry.locator('.diff-json pre').nth(1);
  await after.waitFor();
  assert.match(await after.textContent(), new RegExp(NEW_CODE));

  const csv = await page.getByRole('link', { name: 'Xuất CSV' }).getAttribute('href');
  assert.match(csv, /^\/api\/v1\/audit\?/);
  assert.match(csv, /format=csv/);
  assert.match(csv, /entity=unit/);
  assert.match(csv, /action=create/);
  const res = await page.request.get(env.base + csv);
  assert.equal(res.status(), 200);
  assert.match(await res.text(), new RegExp(NEW_CODE));

  /* The rename is there too, with the changed field. */
  await page.getByLabel('Thao tác').selectOption('update');
  await page.getByRole('button', { name: 'Lọc', exact: true }).click();
  const upd = page.locator(`tbody[data-entity="unit"][data-action="update"][data-entity-id="${newUnitId}"]`).first();
  await upd.waitFor();
  await upd.getByRole('button', { name: 'Xem' }).click();
  await upd.locator('.diff-table').getByText(RENAMED).waitFor();
  await page.screenshot({ path: path.join(h.ARTIFACTS, 'e2e-audit.png'), fullPage: true });
});

test('the unit search finds a unit by part of its name', async () => {
  await page.getByRole('link', { name: 'Đơn vị', exact: true }).click();
  await page.waitForFunction(() => location.hash === '#/units');
  const search = page.getByLabel('Tìm đơn vị');
  await search.fill('Long Giang');
  const hit = page.locator('.search-results .result-link').filter({ hasText: 'Thành ủy Long Giang' });
  await hit.waitFor();
  assert.ok(await page.locator('.tree-nav').isHidden(), 'the tree gives way to the results');
  await hit.click();
  await page.locator('.detail-panel h2').filter({ hasText: 'Thành ủy Long Giang' }).waitFor();
  await search.press('Escape');
  await page.locator('.tree-nav').waitFor({ state: 'visible' });
});

test('the new unit is moved under the city with the unit picker', async () => {
  await page.goto(`${env.base}/#/units/${newUnitId}`);
  await page.locator('.detail-panel h2').filter({ hasText: RENAMED }).waitFor();
  await page.getByRole('button', { name: 'Chuyển đơn vị' }).click();
  await dialog().waitFor();
  const combo = dialog().locator('input[role="combobox"]');
  await combo.fill('SH-LG');
  await dialog().getByRole('option').filter({ hasText: 'Thành ủy Long Giang' }).first().waitFor();
  await combo.press('ArrowDown');
  await combo.press('Enter');
  assert.match(await combo.inputValue(), /Thành ủy Long Giang/);
  await dialog().getByRole('button', { name: 'Chuyển đơn vị' }).click();
  await dialog().waitFor({ state: 'detached' });
  await page.locator('.breadcrumb').getByText('Thành ủy Long Giang').waitFor();
  await page.locator('.tree-node').filter({ hasText: 'Thành ủy Long Giang' })
    .locator(`.tree-node[data-unit-id="${newUnitId}"]`).waitFor();
});

test('an admin creates a user in the new unit and disables the account', async () => {
  await page.getByRole('link', { name: 'Người dùng' }).click();
  await page.locator('.page-users .data-table').waitFor();
  await page.getByRole('button', { name: 'Thêm người dùng' }).click();
  await dialog().waitFor();
  await dialog().getByRole('button', { name: 'Tạo tài khoản' }).click();
  await fieldError('username').waitFor({ state: 'visible' });
  await dialog().getByLabel('Tên đăng nhập').fill('e2e.thu');
  await dialog().getByLabel('Họ và tên').fill('Nguyễn Văn Thử');
  const combo = dialog().locator('input[role="combobox"]');
  await combo.fill(NEW_CODE);
  await dialog().getByRole('option').filter({ hasText: RENAMED }).click();
  await dialog().getByLabel('Vai trò').selectOption('specialist');
  await dialog().locator('input[name="password"]').fill('Thu@2026x-dai');
  await dialog().getByLabel('Nhập lại mật khẩu').fill('Thu@2026y-dai');
  await dialog().getByRole('button', { name: 'Tạo tài khoản' }).click();
  await fieldError('password_confirm').waitFor({ state: 'visible' });
  await dialog().getByLabel('Nhập lại mật khẩu').fill('Thu@2026x-dai');
  await dialog().getByRole('button', { name: 'Tạo tài khoản' }).click();
  await dialog().waitFor({ state: 'detached' });

  const row = page.locator('.page-users tbody tr').filter({ hasText: 'e2e.thu' });
  await row.waitFor();
  assert.match(await row.textContent(), /Nguyễn Văn Thử/);
  assert.match(await row.textContent(), /Chuyên viên/);
  await row.getByRole('button', { name: /^Khóa/ }).click();
  await dialog().getByRole('button', { name: 'Khóa' }).click();
  await page.locator('.page-users tbody tr').filter({ hasText: 'e2e.thu' }).getByText('Đã khóa').waitFor();
});

test('deleting a unit that still has users is refused with the reason', async () => {
  await page.goto(`${env.base}/#/units/${newUnitId}`);
  await page.locator('.detail-panel h2').filter({ hasText: RENAMED }).waitFor();
  await page.locator('.detail-panel').getByRole('button', { name: 'Xóa', exact: true }).click();
  await dialog().getByText(/không thể hoàn tác/).waitFor();
  await dialog().getByRole('button', { name: 'Xóa', exact: true }).click();
  const msg = page.locator('dialog[open] [role="alert"]');
  await msg.waitFor();
  assert.match(await msg.textContent(), /Không thể xóa/);
  await dialog().getByRole('button', { name: 'Đóng' }).last().click();
  await page.locator('.detail-panel h2').filter({ hasText: RENAMED }).waitFor();
});

test('an expired session leads to the login, then back to the page asked for', async () => {
  await page.context().clearCookies();
  await page.getByRole('link', { name: 'Nhật ký hệ thống' }).click();
  await page.waitForFunction(() => location.hash === '#/login');
  await page.getByLabel('Tên đăng nhập').fill('admin');
  await page.getByLabel('Mật khẩu').fill(h.PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForFunction(() => location.hash === '#/audit');
  await page.locator('.audit-table').waitFor();
});

test('a viewer sees only the units, without editing', async () => {
  await logout(page);
  await login(page, 'xem');
  assert.deepEqual(await navGroups(page), [...NAV_FOR_ALL, ['Quản trị', ['Đơn vị']]]);
  assert.ok(!(await navLabels(page)).includes('Người dùng'));
  assert.match(await page.locator('.app-header').textContent(), /Chỉ xem/);
  await page.locator('.detail-panel h2').first().waitFor();
  assert.equal(await page.getByRole('button', { name: 'Thêm đơn vị trực thuộc' }).count(), 0);
  await page.goto(`${env.base}/#/users`);
  await page.locator('h1').filter({ hasText: 'Không có quyền truy cập' }).waitFor();
});

test('a leader sees the audit log but not the users', async () => {
  await logout(page);
  await login(page, 'truongban');
  assert.deepEqual(await navGroups(page), [...NAV_FOR_ALL, ['Quản trị', ['Đơn vị', 'Nhật ký hệ thống']]]);
  await logout(page);
});

test('the language can be switched to English and back', async () => {
  await page.locator('#lang-select').selectOption('en');
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.reload();
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  await page.locator('#lang-select').selectOption('vi');
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
});

test('the units page fits a phone screen and the menu folds', async () => {
  const phone = await newPage({ viewport: { width: 390, height: 844 } });
  await login(phone, 'admin');
  await phone.locator('.detail-panel h2').first().waitFor();
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page is ${overflow}px wider than the phone`);
  await phone.screenshot({ path: path.join(h.ARTIFACTS, 'e2e-units-phone.png'), fullPage: true });

  /* The navigation folds behind a menu button naming the current page. */
  const toggle = phone.locator('.nav-toggle');
  await toggle.waitFor({ state: 'visible' });
  assert.match(await toggle.textContent(), /Chức năng.*Đơn vị/);
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.ok(await phone.getByRole('link', { name: 'Báo cáo viên' }).isHidden(), 'the menu starts folded');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await phone.getByRole('link', { name: 'Báo cáo viên' }).click();
  await phone.waitForFunction(() => location.hash === '#/reporters');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false', 'the menu closes after a choice');
  /* the page is drawn by the hashchange handler, which runs after the
   * hash is seen to change */
  await phone.locator('h1').filter({ hasText: 'Báo cáo viên' }).waitFor();
  assert.match(await toggle.textContent(), /Báo cáo viên/);
  await phone.locator('.page-reporters table').first().waitFor();
  const overflow2 = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow2 <= 1, `the reporters page is ${overflow2}px wider than the phone`);
  await toggle.click();
  await phone.screenshot({ path: path.join(h.ARTIFACTS, 'e2e-nav-phone.png'), fullPage: true });
  await phone.keyboard.press('Escape');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false', 'Escape closes the menu');
  await phone.context().close();
});

test('no Content-Security-Policy violation and no script error', () => {
  assert.deepEqual(cspErrors, [], cspErrors.join('\n'));
  assert.deepEqual(pageErrors, [], pageErrors.join('\n'));
});
