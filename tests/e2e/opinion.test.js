/*
 * End-to-end: on a phone-sized screen, a ward's collaborator files this
 * week's opinion report (land and site clearance, 60/30/10, high, with a
 * recommendation), sees the "not expressed" share live, is refused a phone
 * number in the text with the message next to the field, and then finds
 * the report in the weekly digest. A specialist moves a demo hot spot on
 * the board to its detail page and sees its timeline.
 */
'use strict';

const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const env = h.setup({ name: 'opinion' });
const { pageErrors } = env;
let page;

before(async () => {
  page = await env.newPage({
    viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
  });
});

const login = (user) => env.login(page, user);

test('a collaborator files this week\'s report on a phone and finds it in the digest', async () => {
  await login('phuong.myphuoc');
  await page.goto(`${env.base}/#/opinion`);
  const form = page.locator('form.opinion-form');
  await form.waitFor();
  /* the form fits the phone screen: no horizontal scrolling */
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page scrolls sideways by ${overflow}px`);
  const week = await form.getByLabel('Kỳ báo cáo').inputValue();
  assert.match(week, /^\d{4}-W\d{2}$/);
  await form.getByLabel('Chủ đề').selectOption({ label: 'Đất đai, giải phóng mặt bằng' });
  await form.getByLabel('Nhân dân nói gì').fill('Nhiều hộ ở khu phố 3, số 0912345678, băn khoăn về giá bồi thường.');
  await form.getByLabel('Đồng tình (%)', { exact: true }).fill('60');
  await form.getByLabel('Băn khoăn (%)').fill('30');
  await form.getByLabel('Không đồng tình (%)').fill('10');
  await page.getByText('Chưa bày tỏ ý kiến: 0%').waitFor();
  await form.getByLabel('Mức độ').selectOption('high');
  await form.getByLabel('Kiến nghị, đề xuất').fill('Đề nghị đối thoại với các hộ dân về phương án bồi thường.');
  await form.getByRole('button', { name: 'Gửi báo cáo' }).click();
  /* the privacy rule: the message sits next to the field */
  const err = form.locator('[data-field="summary"] .field-error');
  await err.waitFor();
  assert.match(await err.textContent(), /không nêu thông tin nhận diện/);
  await form.getByLabel('Nhân dân nói gì').fill('Nhiều hộ băn khoăn về giá bồi thường giải phóng mặt bằng tuyến đường mới.');
  await form.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await page.getByText('Đã lưu.').waitFor();
  await page.locator('.opinion-table').getByText('Nhiều hộ băn khoăn về giá bồi thường giải phóng mặt bằng tuyến đường mới.').waitFor();

  await page.goto(`${env.base}/#/digest?week=${week}`);
  const digest = page.locator('.digest');
  await digest.locator('h2').waitFor();
  assert.match(await digest.locator('h2').textContent(), /Tổng hợp dư luận xã hội tuần \d+\/\d{4} — Đảng ủy phường Mỹ Phước/);
  await digest.locator('.digest-high').getByText('giải phóng mặt bằng tuyến đường mới', { exact: false }).waitFor();
  await digest.locator('.digest-recos').getByText('Đề nghị đối thoại với các hộ dân', { exact: false }).waitFor();
  assert.ok(await digest.locator('.digest-table tbody tr').count() >= 1);
  assert.deepEqual(pageErrors, []);
});

test('the hot-spot board by status leads to a case and its timeline', async () => {
  await page.getByRole('button', { name: 'Đăng xuất' }).click().catch(() => {});
  await page.context().clearCookies();
  await login('chuyenvien');
  await page.goto(`${env.base}/#/hotspots?view=board`);
  const closed = page.locator('.board-column[data-status="closed"]');
  await closed.locator('h2').waitFor();
  assert.match(await closed.locator('h2').textContent(), /Đã kết thúc \(6\)/);
  assert.match(await page.locator('.board-column[data-status="detected"] h2').textContent(), /\(2\)/);
  await closed.locator('a').first().click();
  await page.locator('ol.timeline li').first().waitFor();
  assert.equal(await page.locator('ol.timeline li').count(), 5);
  await page.getByText('Mở lại vụ việc').waitFor();
  assert.deepEqual(pageErrors, []);
});

test('a specialist opens a hot spot from a concern in the digest, handles it and resolves it', async () => {
  await page.goto(`${env.base}/#/digest?week=2026-W47`);
  const open = page.locator('.digest-high a').first();
  await open.waitFor();
  await open.click();
  const form = page.locator('details.entry form');
  await form.waitFor();
  assert.match(await form.getByLabel('Tên vụ việc').inputValue(), /Đất đai, giải phóng mặt bằng/);
  await form.getByLabel('Cơ quan nhà nước chủ trì').fill('UBND phường');
  await form.getByLabel('Đơn vị phối hợp').fill('Mặt trận Tổ quốc phường\nCông an phường');
  await form.getByRole('button', { name: 'Mở vụ việc' }).click();
  await page.waitForFunction(() => /^#\/hotspots\/\d+$/.test(location.hash));
  await page.getByText('Mặt trận Tổ quốc phường; Công an phường').waitFor();
  const dlg = page.locator('dialog[open]');
  await page.getByRole('button', { name: 'Chuyển sang đang xử lý' }).click();
  await dlg.getByRole('button', { name: 'Chuyển sang đang xử lý' }).click();
  await page.getByRole('button', { name: 'Đã giải quyết' }).waitFor();
  await page.getByLabel('Nội dung xử lý').fill('Tổ chức đối thoại với các hộ dân');
  await page.getByRole('button', { name: 'Thêm diễn biến xử lý' }).click();
  await page.locator('ol.timeline li').nth(2).waitFor();
  await page.getByRole('button', { name: 'Đã giải quyết' }).click();
  await dlg.getByLabel('Kết quả giải quyết').fill('Điều chỉnh phương án, các hộ đồng thuận.');
  await dlg.getByRole('button', { name: 'Đã giải quyết' }).click();
  await page.getByRole('button', { name: 'Kết thúc vụ việc' }).waitFor();
  assert.equal(await page.locator('ol.timeline li').count(), 4);
  await page.getByText('Điều chỉnh phương án, các hộ đồng thuận.').first().waitFor();
  /* the lead agency is renamed afterwards */
  await page.getByRole('button', { name: 'Sửa thông tin vụ việc' }).click();
  await dlg.getByLabel('Cơ quan nhà nước chủ trì').fill('UBND phường Mỹ Phước');
  await dlg.getByRole('button', { name: 'Lưu' }).click();
  await page.locator('dl.facts').getByText('UBND phường Mỹ Phước').waitFor();
  assert.deepEqual(pageErrors, []);
});

test('an admin adds a topic to the tree and merges it into another', async () => {
  await page.context().clearCookies();
  await login('admin');
  await page.goto(`${env.base}/#/opinion`);
  const panel = page.locator('details.topics-panel');
  await panel.locator('summary').click();
  await panel.locator('.topics-table').waitFor();
  await panel.getByLabel('Mã').fill('RAC');
  await panel.getByLabel('Tên chủ đề').fill('Rác thải sinh hoạt');
  await panel.getByLabel('Thuộc chủ đề').selectOption({ label: 'MT — Môi trường' });
  await panel.getByRole('button', { name: 'Thêm chủ đề' }).click();
  const row = panel.locator('.topics-table tr').filter({ hasText: 'Rác thải sinh hoạt' });
  await row.waitFor();
  await row.getByRole('button', { name: 'Gộp' }).click();
  const dlg = page.locator('dialog[open]');
  await dlg.getByLabel('Gộp vào chủ đề').selectOption({ label: 'YT — Y tế' });
  await dlg.getByRole('button', { name: 'Gộp' }).click();
  await row.getByText('Đã gộp vào YT').waitFor();
  assert.deepEqual(pageErrors, []);
});
