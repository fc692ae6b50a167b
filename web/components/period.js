/*
 * Choosing a reporting period (kỳ báo cáo) the way the server names them
 * (docs/internals/rollup.md, "Periods"):
 *
 *   2023 (năm)   2022-H1 / 2022-H2 (6 tháng đầu / cuối năm)
 *   2023-Q3 (quý)   2023-05 (tháng)   2023-W14 (tuần, ISO)
 *   2023-01-01..2023-06-30 (tùy chọn: from / to dates)
 *
 * periodFields({kinds, value}) gives form fields (see components/form.js):
 * the first, named "period", is the kind select and carries the key as its
 * value, so a server error about "period" shows next to it; the others
 * (year, quarter, month, week, from, to) appear as the kind needs them.
 *
 *   const p = periodFields({kinds: ['h1', 'year', 'custom'], value: '2022-H1'});
 *   new Form({fields: [..., ...p.fields], ...});   p.key() -> "2022-H1"
 */
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import { formatDate } from '../format.js';
import { field } from './form.js';

export const ALL_KINDS = ['h1', 'h2', 'year', 'quarter', 'month', 'week', 'custom'];

/* The kinds that make a key of an indicator's period type. */
export const KINDS_OF_TYPE = {
  year: ['year'], half: ['h1', 'h2'], quarter: ['quarter'], month: ['month'], week: ['week'],
};

const ROMAN = ['I', 'II', 'III', 'IV'];
const pad2 = (n) => String(n).padStart(2, '0');

/* "2022-H1" -> {kind: 'h1', year: 2022}; custom -> {kind, from, to}; else null. */
export function parseKey(key) {
  if (typeof key !== 'string') return null;
  let m;
  if ((m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(key))) return { kind: 'custom', from: m[1], to: m[2] };
  if ((m = /^(\d{4})$/.exec(key))) return { kind: 'year', year: Number(m[1]) };
  if ((m = /^(\d{4})-H([12])$/.exec(key))) return { kind: `h${m[2]}`, year: Number(m[1]) };
  if ((m = /^(\d{4})-Q([1-4])$/.exec(key))) return { kind: 'quarter', year: Number(m[1]), quarter: Number(m[2]) };
  if ((m = /^(\d{4})-(\d{2})$/.exec(key))) return { kind: 'month', year: Number(m[1]), month: Number(m[2]) };
  if ((m = /^(\d{4})-W(\d{2})$/.exec(key))) return { kind: 'week', year: Number(m[1]), week: Number(m[2]) };
  return null;
}

/* "2022-H1" -> "6 tháng đầu năm 2022"; an unknown key is shown as it is. */
export function periodLabel(key) {
  const p = parseKey(key);
  if (!p) return key || '';
  switch (p.kind) {
    case 'year': return t('period.label.year', { year: p.year });
    case 'h1': return t('period.label.h1', { year: p.year });
    case 'h2': return t('period.label.h2', { year: p.year });
    case 'quarter': return t('period.label.quarter', { quarter: ROMAN[p.quarter - 1], year: p.year });
    case 'month': return t('period.label.month', { month: p.month, year: p.year });
    case 'week': return t('period.label.week', { week: p.week, year: p.year });
    default: return t('period.label.custom', { from: formatDate(p.from), to: formatDate(p.to) });
  }
}

/* The current ISO week number of a date. */
function isoWeek(d) {
  const x = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
  const day = x.getUTCDay() || 7;
  x.setUTCDate(x.getUTCDate() + 4 - day);
  const y0 = new Date(Date.UTC(x.getUTCFullYear(), 0, 1));
  return Math.ceil(((x - y0) / 86400000 + 1) / 7);
}

export function periodFields({ kinds = ALL_KINDS, value = '', onChange } = {}) {
  const now = new Date();
  const start = parseKey(value) || {};
  let allowed = kinds.slice();

  const kindField = field({
    name: 'period', label: t('period.kind'), type: 'select', value: start.kind || allowed[0],
    options: ALL_KINDS.map((k) => ({ value: k, label: t(`period.kind.${k}`) })),
  });
  const year = field({
    name: 'period_year', label: t('period.year'), type: 'number',
    value: start.year || now.getFullYear(), attrs: { min: 2000, max: 2100, inputmode: 'numeric' },
  });
  const quarter = field({
    name: 'period_quarter', label: t('period.quarter'), type: 'select',
    value: start.quarter || Math.floor(now.getMonth() / 3) + 1,
    options: [1, 2, 3, 4].map((q) => ({ value: q, label: t('period.quarterN', { quarter: ROMAN[q - 1] }) })),
  });
  const month = field({
    name: 'period_month', label: t('period.month'), type: 'select', value: start.month || now.getMonth() + 1,
    options: Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: t('period.monthN', { month: i + 1 }) })),
  });
  const week = field({
    name: 'period_week', label: t('period.week'), type: 'number', value: start.week || isoWeek(now),
    attrs: { min: 1, max: 53, inputmode: 'numeric' },
  });
  const from = field({ name: 'from', label: t('period.from'), type: 'date', value: start.from || '' });
  const to = field({ name: 'to', label: t('period.to'), type: 'date', value: start.to || '' });

  const kind = () => kindField.input.value;

  function key() {
    const k = kind();
    const y = String(year.input.value).trim();
    if (k === 'custom') {
      return from.input.value && to.input.value ? `${from.input.value}..${to.input.value}` : '';
    }
    if (!/^\d{4}$/.test(y)) return '';
    switch (k) {
      case 'year': return y;
      case 'h1': return `${y}-H1`;
      case 'h2': return `${y}-H2`;
      case 'quarter': return `${y}-Q${quarter.input.value}`;
      case 'month': return `${y}-${pad2(month.input.value)}`;
      case 'week': {
        const w = Number(week.input.value);
        return Number.isInteger(w) && w >= 1 && w <= 53 ? `${y}-W${pad2(w)}` : '';
      }
      default: return '';
    }
  }

  function show() {
    const k = kind();
    year.el.hidden = k === 'custom';
    quarter.el.hidden = k !== 'quarter';
    month.el.hidden = k !== 'month';
    week.el.hidden = k !== 'week';
    from.el.hidden = k !== 'custom';
    to.el.hidden = k !== 'custom';
  }

  /* Limits the kinds offered (an indicator of a given period type). */
  function setKinds(next) {
    allowed = next.slice();
    for (const opt of kindField.input.options) opt.hidden = !allowed.includes(opt.value);
    for (const opt of kindField.input.options) opt.disabled = !allowed.includes(opt.value);
    if (!allowed.includes(kind())) kindField.input.value = allowed[0];
    show();
  }

  kindField.value = key;
  kindField.input.addEventListener('change', () => { show(); if (onChange) onChange(key()); });
  for (const f of [year, quarter, month, week, from, to]) {
    f.input.addEventListener('change', () => { if (onChange) onChange(key()); });
  }
  setKinds(allowed);

  return {
    fields: [kindField, year, quarter, month, week, from, to],
    key,
    kind,
    setKinds,
    /* Fills the pickers from a key (e.g. a row chosen for editing). */
    setKey(k) {
      const p = parseKey(k);
      if (!p) return;
      kindField.input.value = p.kind;
      if (p.year) year.input.value = String(p.year);
      if (p.quarter) quarter.input.value = String(p.quarter);
      if (p.month) month.input.value = String(p.month);
      if (p.week) week.input.value = String(p.week);
      if (p.from) from.input.value = p.from;
      if (p.to) to.input.value = p.to;
      show();
    },
  };
}

/* A group wrapper for the period fields outside a Form (filters). */
export function periodGroup(p) {
  return h('div', { class: 'period-fields' }, p.fields.map((f) => f.el));
}
