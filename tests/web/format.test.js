/*
 * Unit tests of the web UI's pure modules, run with `node --test tests/web/`:
 *
 * - web/format.js against tests/format_cases.json, the cases the C
 *   formatter (src/base/format.c) is tested against too;
 * - the message catalogues: vi.js and en.js have the same keys, and every
 *   literal t('key') in web/ exists;
 * - the rules the Content-Security-Policy and STYLE.md impose on web/: no
 *   HTML parsing of strings, no inline script or style, fetch only in api.js.
 */
'use strict';

const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const WEB = path.join(ROOT, 'web');
const cases = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'format_cases.json'), 'utf8'));

let fmt;
let vi;
let en;
let i18n;

before(async () => {
  fmt = await import(path.join(WEB, 'format.js'));
  vi = (await import(path.join(WEB, 'i18n', 'vi.js'))).default;
  en = (await import(path.join(WEB, 'i18n', 'en.js'))).default;
  i18n = await import(path.join(WEB, 'i18n', 'index.js'));
});

describe('format.js matches tests/format_cases.json', () => {
  for (const key of ['int', 'rate', 'percent', 'date', 'date_long']) {
    test(`has "${key}" cases`, () => {
      assert.ok(Array.isArray(cases[key]) && cases[key].length > 0, `format_cases.json has no "${key}"`);
    });
  }

  test('formatInt groups thousands with dots', () => {
    for (const [n, want] of cases.int) assert.equal(fmt.formatInt(n), want, `formatInt(${n})`);
  });

  test('formatRate divides in integers and rounds half away from zero', () => {
    for (const [num, den, dec, want] of cases.rate) {
      assert.equal(fmt.formatRate(num, den, dec), want, `formatRate(${num}, ${den}, ${dec})`);
    }
  });

  test('formatPercent takes hundredths', () => {
    for (const [v, dec, want] of cases.percent) {
      assert.equal(fmt.formatPercent(v, dec), want, `formatPercent(${v}, ${dec})`);
    }
  });

  test('formatDate writes dd/mm/yyyy', () => {
    for (const [iso, want] of cases.date) assert.equal(fmt.formatDate(iso), want, `formatDate(${iso})`);
  });

  test('formatDateLong pads days and only January and February', () => {
    for (const [iso, want] of cases.date_long) assert.equal(fmt.formatDateLong(iso), want, `formatDateLong(${iso})`);
  });
});

describe('format.js edge cases', () => {
  test('a zero denominator states no rate', () => {
    assert.equal(fmt.formatRate(5, 0, 2), '—');
  });

  test('rates of very large counts stay exact', () => {
    /* 2^53 + 1 is not a double; as a string it goes through BigInt exactly. */
    assert.equal(fmt.formatRate('9007199254740993', '9007199254740993', 2), '100,00%');
    assert.equal(fmt.formatInt('9007199254740993'), '9.007.199.254.740.993');
  });

  test('non-integers and missing values show a dash', () => {
    assert.equal(fmt.formatInt(1.5), '—');
    assert.equal(fmt.formatInt(null), '—');
    assert.equal(fmt.formatRate(1.5, 3, 2), '—');
    assert.equal(fmt.formatPercent(undefined, 2), '—');
  });

  test('invalid dates show a dash', () => {
    for (const s of ['', null, '2024-13-01', '2023-02-29', '11/01/2024', 'x']) {
      assert.equal(fmt.formatDate(s), '—', `formatDate(${s})`);
      assert.equal(fmt.formatDateLong(s), '—', `formatDateLong(${s})`);
    }
  });

  test('formatDateTime shows UTC instants in local time', () => {
    const iso = '2026-11-23T10:05:00Z';
    const d = new Date(iso);
    const p = (n) => String(n).padStart(2, '0');
    const want = `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
    assert.equal(fmt.formatDateTime(iso), want);
    assert.match(fmt.formatDateTime(iso), /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    assert.equal(fmt.formatDateTime(''), '—');
    assert.equal(fmt.formatDateTime('not a time'), '—');
  });

  test('formatDateTime in Vietnam time (UTC+7)', async () => {
    const { execFileSync } = require('node:child_process');
    const code = `import(${JSON.stringify(path.join(WEB, 'format.js'))}).then(m => process.stdout.write(m.formatDateTime('2026-11-23T20:30:00Z')))`;
    const out = execFileSync(process.execPath, ['-e', code], { env: { ...process.env, TZ: 'Asia/Ho_Chi_Minh' } }).toString();
    assert.equal(out, '24/11/2026 03:30');
  });
});

describe('message catalogues', () => {
  test('every Vietnamese key has an English text', () => {
    const missing = Object.keys(vi).filter((k) => !(k in en));
    assert.deepEqual(missing, [], `missing in en.js: ${missing.join(', ')}`);
  });

  test('every English key has a Vietnamese text', () => {
    const missing = Object.keys(en).filter((k) => !(k in vi));
    assert.deepEqual(missing, [], `missing in vi.js: ${missing.join(', ')}`);
  });

  test('no text is empty and placeholders agree between languages', () => {
    const names = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(vi)) {
      assert.ok(typeof vi[k] === 'string' && vi[k].trim(), `vi.js ${k} is empty`);
      assert.ok(typeof en[k] === 'string' && en[k].trim(), `en.js ${k} is empty`);
      assert.deepEqual(names(en[k]), names(vi[k]), `placeholders of ${k}`);
    }
  });

  test('every literal t(key) used in web/ exists', () => {
    const used = new Set();
    for (const file of jsFiles(WEB)) {
      const src = fs.readFileSync(file, 'utf8');
      for (const m of src.matchAll(/\bt\(\s*'([A-Za-z0-9_.]+)'/g)) used.add(m[1]);
      for (const m of src.matchAll(/\b(?:nav|label|key):\s*'((?:nav|role|entity|action)\.[A-Za-z0-9_]+)'/g)) used.add(m[1]);
    }
    const missing = [...used].filter((k) => !(k in vi));
    assert.deepEqual(missing, [], `used but not in vi.js: ${missing.join(', ')}`);
  });

  test('every role, audit action and entity has a label', () => {
    for (const r of ['admin', 'leader', 'specialist', 'contributor', 'viewer']) assert.ok(`role.${r}` in vi, r);
    for (const a of ['create', 'update', 'delete', 'login', 'login_failed', 'logout', 'denied']) assert.ok(`action.${a}` in vi, a);
    for (const e of ['unit', 'user', 'session']) assert.ok(`entity.${e}` in vi, e);
  });

  test('the Vietnamese role names are the agreed ones', () => {
    assert.equal(vi['role.admin'], 'Quản trị');
    assert.equal(vi['role.leader'], 'Lãnh đạo');
    assert.equal(vi['role.specialist'], 'Chuyên viên');
    assert.equal(vi['role.contributor'], 'Cộng tác viên nhập liệu');
    assert.equal(vi['role.viewer'], 'Chỉ xem');
  });

  test('t() fills parameters and defaults to Vietnamese', () => {
    assert.equal(i18n.getLang(), 'vi');
    assert.equal(i18n.t('pager.summary', { from: 1, to: 50, total: '1.234' }), 'Hiển thị 1–50 trên tổng số 1.234');
    assert.equal(i18n.t('no.such.key'), 'no.such.key');
  });
});

describe('web/ obeys the Content-Security-Policy', () => {
  test('no HTML is parsed from strings and no code from text', () => {
    const banned = [/\.innerHTML\b/, /\.outerHTML\b/, /insertAdjacentHTML/, /document\.write/, /\beval\s*\(/, /new Function\s*\(/, /setAttribute\(\s*'style'/, /\.style\.cssText/];
    for (const file of jsFiles(WEB)) {
      const src = fs.readFileSync(file, 'utf8');
      for (const re of banned) assert.doesNotMatch(src, re, `${path.relative(ROOT, file)} uses ${re}`);
    }
  });

  test('only api.js calls fetch', () => {
    for (const file of jsFiles(WEB)) {
      if (path.basename(file) === 'api.js') continue;
      assert.doesNotMatch(fs.readFileSync(file, 'utf8'), /\bfetch\s*\(/, `${path.relative(ROOT, file)} calls fetch`);
    }
  });

  test('index.html has no inline script or style and loads nothing from elsewhere', () => {
    const html = fs.readFileSync(path.join(WEB, 'index.html'), 'utf8');
    assert.match(html, /<script type="module" src="\/app\.js"><\/script>/);
    assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/i, 'inline <script>');
    assert.doesNotMatch(html, /<style/i, '<style> element');
    assert.doesNotMatch(html, /\sstyle=/i, 'style attribute');
    assert.doesNotMatch(html, /\son[a-z]+=/i, 'inline event handler');
    assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//i, 'asset from another origin');
  });

  test('style.css loads nothing from elsewhere', () => {
    const css = fs.readFileSync(path.join(WEB, 'style.css'), 'utf8');
    assert.doesNotMatch(css, /@import|url\(\s*['"]?(https?:)?\/\//i);
  });
});

function jsFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...jsFiles(p));
    else if (/\.m?js$/.test(e.name)) out.push(p);
  }
  return out;
}
