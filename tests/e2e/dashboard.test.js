/*
 * End-to-end: the dashboard (the landing page after login). The city's
 * leader (thanhuy, SH-LG) lands on it, picks 6 tháng đầu năm 2022 and sees
 * the key figures (321 hội nghị, 8.196/8.272), the attendance chart drawn
 * by the chart library from web/vendor/ (canvas pixels of several colours,
 * screenshot build/artifacts/e2e-dashboard.png), drills down to a ward by
 * clicking it, and no Content-Security-Policy violation is reported. The
 * page's total transfer size (every response of a fresh load, compressed
 * or not as sent) is measured and printed.
 */
'use strict';

const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');

const env = h.setup({ name: 'dashboard' });
const { cspErrors, pageErrors } = env;
let page;

before(async () => {
  assert.ok(fs.existsSync(path.join(h.ROOT, 'web', 'vendor', 'uplot.js')),
    'web/vendor/uplot.js is missing: run make (after npm ci)');
  page = await env.newPage();
});

const unitId = (code) => env.sql(`SELECT id FROM units WHERE code = '${code}'`);

/* Distinct opaque colours of a canvas, counted on a coarse grid. */
function canvasColours(canvas) {
  return canvas.evaluate((c) => {
    const ctx = c.getContext('2d');
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    const seen = new Map();
    for (let y = 0; y < c.height; y += 3) {
      for (let x = 0; x < c.width; x += 3) {
        const i = (y * c.width + x) * 4;
        if (data[i + 3] < 200) continue;
        const key = `${data[i] >> 4},${data[i + 1] >> 4},${data[i + 2] >> 4}`;
        seen.set(key, (seen.get(key) || 0) + 1);
      }
    }
    return { width: c.width, height: c.height, colours: [...seen.entries()].filter(([, n]) => n >= 3).length };
  });
}

test('the leader lands on the dashboard after login', async () => {
  await env.login(page, 'thanhuy');
  await page.locator('h1').filter({ hasText: 'Tổng quan' }).waitFor();
  assert.equal(await page.locator('.app-nav .nav-link').first().textContent(), 'Tổng quan');
  assert.equal(await page.locator('.app-nav .nav-link[aria-current="page"]').textContent(), 'Tổng quan');
});

test('6 tháng đầu năm 2022: key figures, the attendance chart, drill-down', async () => {
  await page.getByLabel('Kỳ').selectOption('h1');
  await page.getByLabel('Năm').fill('2022');
  await page.getByRole('button', { name: 'Xem', exact: true }).click();
  await page.waitForFunction(() => location.hash.includes('period=2022-H1'));
  await page.locator('.dashboard-title').filter({ hasText: 'Thành ủy Long Giang — 6 tháng đầu năm 2022' }).waitFor();

  const study = page.locator('.kpi[data-kpi="study"]');
  assert.equal((await study.locator('.kpi-value').textContent()).trim(), '321');
  assert.match(await study.textContent(), /8\.196\/8\.272 đảng viên tham dự, đạt 99%/);
  /* Compared with 6 tháng cuối năm 2021, when the demo has no conference. */
  assert.match(await page.locator('.dashboard-head .rollup-range').textContent(), /6 tháng cuối năm 2021/);
  assert.match(await study.locator('.kpi-delta').first().textContent(), /\+321/);
  assert.equal((await page.locator('.kpi[data-kpi="political"] .kpi-value').textContent()).trim(), '148');

  /* The chart: a canvas with bars, axes and grid, not blank. */
  const canvas = page.locator('.chart-box[data-chart="attendance"] canvas').first();
  await canvas.waitFor();
  await page.waitForTimeout(200); /* uPlot draws on the next frame */
  const px = await canvasColours(canvas);
  assert.ok(px.width > 200 && px.height > 100, `canvas ${px.width}x${px.height}`);
  assert.ok(px.colours >= 3, `the chart has ${px.colours} colours`);
  await page.screenshot({ path: path.join(h.ARTIFACTS, 'e2e-dashboard.png'), fullPage: true });

  /* Seven wards and communes, one row each, with the chart's figures. */
  const rows = page.locator('.dashboard-children tbody tr');
  assert.equal(await rows.count(), 7);
  assert.match(await rows.filter({ hasText: 'Phú Giang' }).textContent(), /1\.439\/1\.452, 99%/);

  /* A click on a bar drills down to that unit (the chart's first bar). */
  const over = page.locator('.chart-box[data-chart="attendance"] .u-over');
  await over.scrollIntoViewIfNeeded();
  const box = await over.boundingBox();
  const first = (await page.locator('.dashboard-children tbody tr').first().getAttribute('data-unit-id'));
  await page.mouse.move(box.x + box.width / 14, box.y + box.height - 5);
  await page.mouse.click(box.x + box.width / 14, box.y + box.height - 5);
  await page.waitForFunction((id) => location.hash.includes(`unit=${id}`), first);
  await page.locator('.dashboard-title').filter({ hasText: 'Hòa Thịnh' }).waitFor();

  /* Back up, then a click on a unit in the table drills down too. */
  await page.getByRole('link', { name: '↑ Lên đơn vị cấp trên' }).click();
  await page.locator('.dashboard-title').filter({ hasText: 'Thành ủy Long Giang' }).waitFor();
  await page.getByRole('link', { name: 'Đảng ủy phường Phú Giang' }).click();
  const pg = unitId('SH-LG-PG');
  await page.waitForFunction((id) => location.hash.includes(`unit=${id}`) && location.hash.includes('period=2022-H1'), pg);
  await page.locator('.dashboard-title').filter({ hasText: 'Đảng ủy phường Phú Giang — 6 tháng đầu năm 2022' }).waitFor();
  assert.equal((await page.locator('.kpi[data-kpi="study"] .kpi-value').textContent()).trim(), '52');

  /* Overdue task assignments of the demo (deadlines before today). */
  await page.locator('.late-box[data-list="overdue"] .late-list li').first().waitFor();

  assert.deepEqual(cspErrors, []);
  assert.deepEqual(pageErrors, []);
});

test('opinion and hot-spot charts appear only when the roll-up has them', async () => {
  const year = String(new Date().getFullYear());
  const r = await page.request.get(`${env.base}/api/v1/rollup?period=${year}`);
  assert.equal(r.status(), 200);
  const totals = (await r.json()).totals;
  await page.goto(`${env.base}/#/dashboard?period=${year}`);
  await page.locator('.dashboard-title').filter({ hasText: `năm ${year}` }).waitFor();
  await page.locator('.chart-box[data-chart="tasks"]').waitFor();
  const topics = totals.opinion && Array.isArray(totals.opinion.topics) ? totals.opinion.topics : null;
  const opinion = page.locator('.chart-box[data-chart="opinion"]');
  if (!topics) assert.equal(await opinion.count(), 0, 'no opinion chart without opinion figures');
  else {
    assert.equal(await opinion.locator('.chart-data tbody tr').count(), topics.length);
    if (topics.some((x) => x.reports > 0)) await opinion.locator('canvas').first().waitFor();
  }
  const hotspots = page.locator('.chart-box[data-chart="hotspots"]');
  if (!totals.hotspots) assert.equal(await hotspots.count(), 0, 'no hot-spot chart without hot-spot figures');
  else await hotspots.waitFor();
  assert.deepEqual(cspErrors, []);
  assert.deepEqual(pageErrors, []);
});

test('the page\'s transfer size on a fresh load', async () => {
  /* A fresh context: nothing cached; log in through the API, then load. */
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
  const p = await ctx.newPage();
  const sizes = [];
  p.on('requestfinished', async (req) => {
    const s = await req.sizes();
    sizes.push({ url: req.url().replace(env.base, ''), bytes: s.responseHeadersSize + s.responseBodySize });
  });
  const r = await p.request.post(`${env.base}/api/v1/login`, { data: { username: 'thanhuy', password: h.PASSWORD } });
  assert.equal(r.status(), 200);
  await p.goto(`${env.base}/#/dashboard?period=2022-H1`);
  await p.locator('.chart-box[data-chart="attendance"] canvas').waitFor();
  await p.waitForLoadState('networkidle');
  const total = sizes.reduce((a, s) => a + s.bytes, 0);
  const chart = sizes.filter((s) => s.url.startsWith('/vendor/')).reduce((a, s) => a + s.bytes, 0);
  const api = sizes.filter((s) => s.url.startsWith('/api/')).reduce((a, s) => a + s.bytes, 0);
  console.log(`# dashboard transfer: ${sizes.length} responses, ${(total / 1024).toFixed(1)} KiB in all ` +
    `(chart library ${(chart / 1024).toFixed(1)} KiB, API ${(api / 1024).toFixed(1)} KiB, ` +
    `UI code and styles ${((total - chart - api) / 1024).toFixed(1)} KiB)`);
  assert.ok(sizes.some((s) => s.url === '/vendor/uplot.js'), 'the chart library comes from /vendor/');
  assert.ok(sizes.every((s) => !/^https?:/.test(s.url)), 'nothing from another origin');
  assert.ok(total < 600 * 1024, `the dashboard loads ${total} bytes`);
  await ctx.close();
});
