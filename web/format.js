/*
 * Vietnamese number and date formatting for everything the UI shows: the
 * same rules, and the same test cases (tests/format_cases.json), as the C
 * formatter in src/base/format.h.
 *
 *   formatInt(8199)                 -> "8.199"
 *   formatRate(17279, 18121, 2)     -> "95,35%"   (den 0 -> "—")
 *   formatPercent(9545, 2)          -> "95,45%"   (value in hundredths)
 *   formatDate("2024-01-11")        -> "11/01/2024"
 *   formatDateLong("2018-04-03")    -> "ngày 03 tháng 4 năm 2018"
 *   formatDateTime("2026-11-23T10:00:00Z") -> "23/11/2026 17:00" (local time)
 *
 * Rates are computed in integer arithmetic (BigInt) and rounded half away
 * from zero, so a figure never depends on binary floating point.
 */

export const DASH = '—';

function toBigInt(v) {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return BigInt(v.trim());
  return null;
}

function abs(b) {
  return b < 0n ? -b : b;
}

/* Groups the digits of a non-negative integer string with dots. */
function groupDigits(digits) {
  let out = '';
  const n = digits.length;
  for (let i = 0; i < n; i++) {
    if (i > 0 && (n - i) % 3 === 0) out += '.';
    out += digits[i];
  }
  return out;
}

/* 8199 -> "8.199", -1234567 -> "-1.234.567"; anything not an integer -> "—". */
export function formatInt(v) {
  const b = toBigInt(v);
  if (b === null) return DASH;
  const sign = b < 0n ? '-' : '';
  return sign + groupDigits(abs(b).toString());
}

/*
 * Formats `scaled` (the value times 10^decimals, already rounded) with a
 * decimal comma and `decimals` digits after it, followed by "%".
 */
function scaledPercent(scaled, decimals) {
  const neg = scaled < 0n;
  let digits = abs(scaled).toString();
  let text;
  if (decimals > 0) {
    digits = digits.padStart(decimals + 1, '0');
    const ip = digits.slice(0, digits.length - decimals);
    const fp = digits.slice(digits.length - decimals);
    text = groupDigits(ip) + ',' + fp;
  } else {
    text = groupDigits(digits);
  }
  return (neg ? '-' : '') + text + '%';
}

/* a / b rounded half away from zero, for b != 0. */
function divRound(a, b) {
  const neg = (a < 0n) !== (b < 0n);
  const aa = abs(a);
  const bb = abs(b);
  const q = (2n * aa + bb) / (2n * bb);
  return neg ? -q : q;
}

/* Digits after the comma, clamped to 0..9 as in the C formatter. */
function checkDecimals(decimals) {
  const d = decimals === undefined ? 2 : Number(decimals);
  if (!Number.isFinite(d)) return null;
  return Math.min(9, Math.max(0, Math.trunc(d)));
}

/* num/den as a percentage: formatRate(17279, 18121, 2) -> "95,35%". */
export function formatRate(num, den, decimals = 2) {
  const n = toBigInt(num);
  const m = toBigInt(den);
  const d = checkDecimals(decimals);
  if (n === null || m === null || d === null || m === 0n) return DASH;
  const scaled = divRound(n * 100n * 10n ** BigInt(d), m);
  return scaledPercent(scaled, d);
}

/* hundredths / 100 as a percentage: formatPercent(9545, 2) -> "95,45%". */
export function formatPercent(hundredths, decimals = 2) {
  const n = toBigInt(hundredths);
  const d = checkDecimals(decimals);
  if (n === null || d === null) return DASH;
  let scaled;
  if (d >= 2) scaled = n * 10n ** BigInt(d - 2);
  else scaled = divRound(n, 10n ** BigInt(2 - d));
  return scaledPercent(scaled, d);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

function daysInMonth(y, m) {
  return [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28,
    31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

/* Returns {y, m, d} for "YYYY-MM-DD" (a time part after it is ignored), or null. */
export function parseIsoDate(s) {
  if (typeof s !== 'string') return null;
  const r = ISO_DATE.exec(s);
  if (!r) return null;
  const y = Number(r[1]);
  const m = Number(r[2]);
  const d = Number(r[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

const pad2 = (n) => String(n).padStart(2, '0');
const pad4 = (n) => String(n).padStart(4, '0');

/* "2024-01-11" -> "11/01/2024"; empty or invalid -> "—". */
export function formatDate(iso) {
  const p = parseIsoDate(iso);
  if (!p) return DASH;
  return `${pad2(p.d)}/${pad2(p.m)}/${pad4(p.y)}`;
}

/*
 * "2026-01-09" -> "ngày 09 tháng 01 năm 2026". As in official documents,
 * days 1-9 and the months 01 and 02 take a leading zero, other months don't.
 */
export function formatDateLong(iso) {
  const p = parseIsoDate(iso);
  if (!p) return DASH;
  const month = p.m <= 2 ? pad2(p.m) : String(p.m);
  return `ngày ${pad2(p.d)} tháng ${month} năm ${p.y}`;
}

/*
 * An audit timestamp in UTC ISO 8601 ("2026-11-23T10:00:00Z") as local
 * "dd/mm/yyyy HH:MM"; invalid -> "—".
 */
export function formatDateTime(iso) {
  if (typeof iso !== 'string' || iso === '') return DASH;
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return DASH;
  return `${pad2(t.getDate())}/${pad2(t.getMonth() + 1)}/${pad4(t.getFullYear())} ` +
    `${pad2(t.getHours())}:${pad2(t.getMinutes())}`;
}
