/*
 * #/ and #/dashboard?unit=ID&period=2022-H1 (or &from=&to=): the landing
 * page after login (SPEC §3.10). For the chosen unit's subtree and period:
 *
 * - key figures from GET /rollup, each with its change against the
 *   previous period of the same length (a second GET /rollup: 6 tháng đầu
 *   năm 2022 is compared with 6 tháng cuối năm 2021, a quarter with the
 *   quarter before, a custom range with the days just before it);
 * - charts (web/charts.js, uPlot): attendance rate of study conferences by
 *   direct child unit (a click on a bar, or on the unit in the table below,
 *   drills down to that unit), tasks by status; opinion topics and hot
 *   spots by status only when the roll-up carries them (feature-detected:
 *   `opinion`, `hotspots` in its totals; nothing is drawn from guesses);
 * - the committee's own output when the roll-up carries it: publications,
 *   appraisals and weekly press reports (small cards, outputCards());
 * - lists of what is late: overdue task assignments (GET
 *   /tasks/due-soon?overdue=1) and, when the server has it, the units late
 *   with their periodic report (GET /reports/status; a 404 or any error
 *   there hides the list).
 *
 * Tasks are not in the roll-up: "tasks by status" counts the assignments of
 * the tasks visible to the user whose deadline falls in the period (GET
 * /tasks?from&to), split into done, open and overdue (open with the
 * deadline before today, Vietnam time); like the overdue list it covers
 * the user's whole scope, not the drilled-down unit, and says so.
 *
 * Slow links: the roll-up comes first and the figures are drawn from it;
 * the chart library (~51 kB) is fetched only when this page opens, and each
 * chart has its figures as a small table beside it, so the page is usable
 * before (or without) the library.
 */
import { h, replace } from '../dom.js';
import { t, has } from '../i18n/index.js';
import * as api from '../api.js';
import { formatInt, formatRate, formatPercent, formatDate } from '../format.js';
import { field, Form } from '../components/form.js';
import { unitPicker } from '../components/unitpicker.js';
import { periodFields, periodLabel, parseKey } from '../components/period.js';
import { loading, empty, errorBox, tableWrap, setTitle } from '../components/ui.js';
import { barChart, palette } from '../charts.js';

const OVERDUE_SHOWN = 10;
const TASK_LIMIT = 500;

/* --- dates and periods --- */

function isoDays(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86400000;
}
function fromDays(n) {
  return new Date(n * 86400000).toISOString().slice(0, 10);
}
const addDays = (iso, k) => fromDays(isoDays(iso) + k);
function addMonths(iso, k) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + k, d)).toISOString().slice(0, 10);
}
/* Today in Vietnam (UTC+7), as the server counts "overdue". */
export function todayVN() {
  return new Date(Date.now() + 7 * 3600000).toISOString().slice(0, 10);
}

/*
 * The period before {from, to, period}: {from, to, label}. Years, halves,
 * quarters and months step back by whole months; weeks and custom ranges
 * by their length in days.
 */
export function previousPeriod(from, to, key) {
  const p = parseKey(key || '');
  const months = p ? { year: 12, h1: 6, h2: 6, quarter: 3, month: 1 }[p.kind] : undefined;
  let pf;
  let pk = null;
  if (months) {
    pf = addMonths(from, -months);
    if (p.kind === 'year') pk = String(p.year - 1);
    else if (p.kind === 'h1') pk = `${p.year - 1}-H2`;
    else if (p.kind === 'h2') pk = `${p.year}-H1`;
    else if (p.kind === 'quarter') pk = p.quarter > 1 ? `${p.year}-Q${p.quarter - 1}` : `${p.year - 1}-Q4`;
    else pk = pf.slice(0, 7);
  } else {
    pf = addDays(from, -(isoDays(to) - isoDays(from) + 1));
  }
  const pt = addDays(from, -1);
  return {
    from: pf, to: pt,
    label: pk ? periodLabel(pk) : t('period.label.custom', { from: formatDate(pf), to: formatDate(pt) }),
  };
}

/* --- figures --- */

const isNum = (v) => typeof v === 'number' && Number.isFinite(v);
const ratio = (m) => `${formatInt(m.numerator)}/${formatInt(m.denominator)}`;

/* A count in a feature-detected object: a number, or {count|total|reports}. */
function countOf(v) {
  if (isNum(v)) return v;
  if (v && typeof v === 'object') {
    for (const k of ['count', 'total', 'reports', 'cases']) if (isNum(v[k])) return v[k];
  }
  return null;
}
function nameOf(o, fallback) {
  if (!o || typeof o !== 'object') return fallback;
  const topic = o.topic && typeof o.topic === 'object' ? o.topic.name : o.topic;
  return o.name || o.topic_name || topic || o.label || o.unit_name || (o.unit && o.unit.name) || fallback;
}
/* [{key, name, count}] from an array of objects or an object of counts. */
function entries(x, keyName) {
  if (Array.isArray(x)) {
    return x.map((o, i) => {
      const key = String(o[keyName] ?? o.key ?? o.code ?? o.id ?? i);
      return { key, name: nameOf(o, key), count: countOf(o) };
    }).filter((e) => e.count !== null);
  }
  if (x && typeof x === 'object') {
    return Object.entries(x).map(([key, v]) => ({ key, name: key, count: countOf(v) })).filter((e) => e.count !== null);
  }
  return [];
}

/* Opinion topics in the roll-up's totals, or null when the server has none. */
function opinionTopics(fig) {
  const o = fig && fig.opinion;
  if (!o || typeof o !== 'object') return null;
  const list = entries(o.topics || o.by_topic, 'topic_id');
  return list.length || Array.isArray(o.topics) || Array.isArray(o.by_topic) ? list : null;
}
/*
 * Hot spots by status in the roll-up's totals, or null: `by_status` when the
 * server gives it, else the counts it has (opened and resolved in the
 * period, open at its end).
 */
function hotspotStatuses(fig) {
  const hs = fig && (fig.hotspots || fig.hot_spots);
  if (!hs || typeof hs !== 'object') return null;
  const by = hs.by_status || hs.statuses;
  if (by) return entries(by, 'status').map((e) => ({ ...e, name: statusLabel(e.key, e.name) }));
  const list = ['opened', 'resolved', 'open'].filter((k) => isNum(hs[k]))
    .map((k) => ({ key: k, name: t(`dashboard.hotspotCount.${k}`), count: hs[k] }));
  return list.length ? list : null;
}
function statusLabel(key, fallback) {
  const k = `dashboard.hotspotStatus.${key}`;
  return has(k) ? t(k) : fallback;
}

/* "+12", "−3", "0". */
function signed(n) {
  if (n > 0) return `+${formatInt(n)}`;
  if (n < 0) return `−${formatInt(-n)}`;
  return '0';
}
function deltaClass(n) {
  return n > 0 ? 'is-up' : n < 0 ? 'is-down' : 'is-same';
}

/* The change of a count against the previous period. */
function countDelta(cur, prev) {
  if (!isNum(prev)) return null;
  const d = cur - prev;
  return h('p', { class: ['kpi-delta', deltaClass(d)] },
    h('span', { class: 'kpi-arrow', 'aria-hidden': 'true' }, d > 0 ? '▲' : d < 0 ? '▼' : '='), ' ',
    t('dashboard.delta', { delta: signed(d), prev: formatInt(prev) }));
}

/* The change of a rate in percentage points, from the summed figures. */
function rateDelta(cur, prev) {
  if (!cur || !prev || !cur.denominator || !prev.denominator) return null;
  const hund = Math.round((cur.numerator / cur.denominator - prev.numerator / prev.denominator) * 10000);
  const pts = formatPercent(Math.abs(hund), 1).replace('%', '');
  const text = hund > 0 ? `+${pts}` : hund < 0 ? `−${pts}` : '0';
  return h('p', { class: ['kpi-delta', deltaClass(hund)] },
    h('span', { class: 'kpi-arrow', 'aria-hidden': 'true' }, hund > 0 ? '▲' : hund < 0 ? '▼' : '='), ' ',
    t('dashboard.deltaRate', { delta: text, prev: formatRate(prev.numerator, prev.denominator, 0) }));
}

function card(kind, value, label, detail, ...deltas) {
  return h('li', { class: 'kpi', dataset: { kpi: kind } },
    h('p', { class: 'kpi-value' }, value),
    h('p', { class: 'kpi-label' }, label),
    detail ? h('p', { class: 'kpi-detail' }, detail) : null,
    deltas);
}

/* The committee's own output (issue 9), when the roll-up carries it:
 * issues published with their copies, drafts commented on or appraised
 * with the average days to answer, weekly press reports submitted. */
function outputCards(cur, P) {
  const items = [];
  const pub = cur.publications && cur.publications.all;
  if (pub) {
    const pp = P && P.publications && P.publications.all;
    items.push(card('publications', formatInt(pub.issues), t('dashboard.kpi.publications'),
      t('dashboard.kpi.copies', { count: formatInt(pub.copies) }), countDelta(pub.issues, pp ? pp.issues : null)));
  }
  const apr = cur.appraisals && cur.appraisals.all;
  if (apr) {
    const pa = P && P.appraisals && P.appraisals.all;
    const detail = [apr.answered ? t('dashboard.kpi.appraisalDays', { days: apr.avg_days_text }) : null,
      apr.pending ? t('dashboard.kpi.appraisalPending', { count: formatInt(apr.pending) }) : null].filter(Boolean).join('; ');
    items.push(card('appraisals', formatInt(apr.answered), t('dashboard.kpi.appraisals'), detail || null,
      countDelta(apr.answered, pa ? pa.answered : null)));
  }
  const pr = cur.press_reports;
  if (pr) {
    const ppr = P && P.press_reports;
    items.push(card('press_reports', formatInt(pr.submitted), t('dashboard.kpi.pressReports'), null,
      countDelta(pr.submitted, ppr ? ppr.submitted : null)));
  }
  return items;
}

/* Party histories (share of grassroots units with theirs published),
 * commendations and the units' own channels, when there is something. */
function honourCards(cur) {
  const out = [];
  const g = cur.history && cur.history.grassroots;
  if (g && g.denominator)
    out.push(card('history', formatRate(g.numerator, g.denominator, 0), t('dashboard.kpi.history'),
      t('dashboard.kpi.historyDetail', { ratio: ratio(g) })));
  const c = cur.commendations;
  if (c && c.total)
    out.push(card('commendations', formatInt(c.total), t('dashboard.kpi.commendations'),
      t('dashboard.kpi.commendationsDetail', { collective: formatInt(c.collective), individual: formatInt(c.individual) })));
  const o = cur.outreach;
  if (o && (o.posts || o.shares_and_followers))
    out.push(card('outreach', formatInt(o.posts), t('dashboard.kpi.outreach'),
      t('dashboard.kpi.outreachDetail', { count: formatInt(o.shares_and_followers) })));
  return out;
}

function keyFigures(cur, prev, overdue) {
  const items = [];
  const P = prev || null;
  for (const k of ['study', 'political']) {
    const a = cur.activities[k];
    const pa = P && P.activities[k];
    const m = a.members;
    items.push(card(k, formatInt(a.count), t(`dashboard.kpi.${k}`),
      m.denominator ? t('dashboard.kpi.attendance', { ratio: ratio(m), rate: formatRate(m.numerator, m.denominator, 0) }) : null,
      countDelta(a.count, pa ? pa.count : null), rateDelta(m, pa && pa.members)));
  }
  const cl = cur.classes.all;
  const pcl = P && P.classes.all;
  items.push(card('classes', formatInt(cl.count), t('dashboard.kpi.classes'),
    t('dashboard.kpi.trainees', { count: formatInt(cl.enrolled) }), countDelta(cl.count, pcl ? pcl.count : null)));
  const rc = cur.reporter_conferences;
  const prc = P && P.reporter_conferences;
  items.push(card('reporter_conferences', formatInt(rc.count), t('dashboard.kpi.reporterConferences'),
    t('dashboard.kpi.audience', { count: formatInt(rc.audience) }), countDelta(rc.count, prc ? prc.count : null)));
  items.push(card('reporters', formatInt(cur.reporters.count), t('dashboard.kpi.reporters'), null,
    countDelta(cur.reporters.count, P ? P.reporters.count : null)));
  for (const ind of cur.indicators || []) {
    const m = ind.value;
    const pind = P && (P.indicators || []).find((x) => x.id === ind.id || x.code === ind.code);
    items.push(card('indicator', m.denominator ? formatRate(m.numerator, m.denominator, 2) : '—', ind.name, ratio(m),
      rateDelta(m, pind && pind.value)));
  }
  const op = cur.opinion;
  if (op && countOf(op) !== null) {
    const high = op.intensity && isNum(op.intensity.high) ? t('dashboard.kpi.opinionHigh', { count: formatInt(op.intensity.high) }) : null;
    items.push(card('opinion', formatInt(countOf(op)), t('dashboard.kpi.opinion'), high,
      countDelta(countOf(op), P && P.opinion ? countOf(P.opinion) : null)));
  }
  const hs = cur.hotspots || cur.hot_spots;
  if (hs && typeof hs === 'object') {
    const phs = P && (P.hotspots || P.hot_spots);
    for (const k of ['opened', 'resolved', 'open']) {
      if (!isNum(hs[k])) continue;
      const avg = k === 'resolved' && isNum(hs.average_days_to_resolve) && hs[k] > 0
        ? t('dashboard.kpi.hotspots.days', { days: String(Math.round(hs.average_days_to_resolve * 10) / 10).replace('.', ',') })
        : null;
      items.push(card(`hotspots_${k}`, formatInt(hs[k]), t(`dashboard.kpi.hotspots.${k}`), avg,
        countDelta(hs[k], phs && isNum(phs[k]) ? phs[k] : null)));
    }
  }
  items.push(...outputCards(cur, P));
  items.push(...honourCards(cur));
  if (overdue) {
    items.push(card('overdue', formatInt(overdue.total), t('dashboard.kpi.overdue'), t('dashboard.kpi.overdueNow')));
  }
  return h('ul', { class: 'kpi-grid' }, items);
}

/* --- charts --- */

/* A chart box: title, hint, the canvas area and its figures as a table. */
function chartBox(kind, title, hint) {
  const area = h('div', { class: 'chart-area', role: 'img', 'aria-label': title });
  const table = h('div', { class: 'chart-table' });
  const el = h('section', { class: 'panel chart-box', dataset: { chart: kind } },
    h('h3', null, title), hint ? h('p', { class: 'hint' }, hint) : null, area, table);
  return { el, area, table };
}

function smallTable(caption, head, rows) {
  return tableWrap(caption, h('table', { class: 'data-table chart-data' },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', null, h('tr', null, head.map((c, i) => h('th', { scope: 'col', class: i ? 'num' : null }, c)))),
    h('tbody', null, rows.map((r) => h('tr', null, r.map((c, i) => (i ? h('td', { class: 'num' }, c) : h('th', { scope: 'row' }, c))))))));
}

/* --- the page --- */

export function mount(container, ctx) {
  setTitle(t('dashboard.title'));
  const q = ctx.query;
  const query = {
    unit: q.get('unit') || '', period: q.get('period') || '', from: q.get('from') || '', to: q.get('to') || '',
  };
  if (!query.period && !(query.from && query.to)) query.period = String(new Date().getFullYear());
  const startKey = query.from && query.to && !q.get('period') ? `${query.from}..${query.to}` : query.period;

  const picker = unitPicker({});
  const period = periodFields({ value: startKey });
  const form = new Form({
    fields: [
      field({ name: 'unit', label: t('rollup.unit'), control: picker.el, input: picker.input, getValue: picker.getValue, wide: true }),
      ...period.fields,
    ],
    submitLabel: t('rollup.show'), className: 'dashboard-form',
    onSubmit: (v) => {
      const key = period.key();
      if (!key) throw { field: period.kind() === 'custom' ? 'from' : 'period_year', message: t('period.invalid') };
      const next = { unit: v.unit || query.unit };
      if (period.kind() === 'custom') {
        const [from, to] = key.split('..');
        if (from > to) throw { field: 'to', message: t('period.rangeInvalid') };
        Object.assign(next, { from, to });
      } else next.period = key;
      for (const k of Object.keys(next)) if (!next[k]) delete next[k];
      ctx.navigate(`#/dashboard?${new URLSearchParams(next)}`);
    },
  });

  const out = h('div', { class: 'dashboard-result', 'aria-live': 'polite' }, loading());
  container.appendChild(h('section', { class: 'page page-dashboard' },
    h('h1', { tabindex: '-1' }, t('dashboard.title')),
    h('div', { class: 'panel' }, form.el), out));

  const apiQuery = {};
  for (const k of Object.keys(query)) if (query[k]) apiQuery[k] = query[k];
  const abort = new AbortController();
  const opts = { signal: abort.signal };
  const charts = [];
  let destroyed = false;

  const drillHref = (unitId) => `#/dashboard?${new URLSearchParams({ ...apiQuery, unit: unitId })}`;

  async function draw(box, spec) {
    try {
      const c = await barChart(box.area, spec);
      if (destroyed) c.destroy();
      else charts.push(c);
    } catch {
      if (!destroyed) replace(box.area, h('p', { class: 'hint' }, t('dashboard.noChartLib')));
    }
  }

  function attendanceChart(data) {
    const box = chartBox('attendance', t('dashboard.chart.attendance'), t('dashboard.chart.attendanceHint'));
    const kids = data.children.filter((c) => c.figures.activities.study.members.denominator > 0);
    if (!data.children.length) {
      replace(box.area, empty(t('rollup.noChildren')));
      return box.el;
    }
    const body = h('tbody');
    for (const c of data.children) {
      const s = c.figures.activities.study;
      const p = c.figures.activities.political;
      const href = drillHref(c.unit.id);
      const row = h('tr', { class: 'row-link', dataset: { unitId: String(c.unit.id) } },
        h('th', { scope: 'row' }, h('a', { href, class: 'drill-link' }, c.unit.name),
          c.unit.merged_into ? h('span', { class: 'badge' }, t('rollup.merged')) : null),
        h('td', { class: 'num' }, formatInt(s.count)),
        h('td', { class: 'num', title: t('rollup.exact', { rate: formatRate(s.members.numerator, s.members.denominator, 4) }) },
          s.members.denominator ? `${ratio(s.members)}, ${formatRate(s.members.numerator, s.members.denominator, 0)}` : '—'),
        h('td', { class: 'num' }, formatInt(p.count)),
        h('td', { class: 'num' }, p.members.denominator ? `${ratio(p.members)}, ${formatRate(p.members.numerator, p.members.denominator, 0)}` : '—'));
      row.addEventListener('click', (ev) => {
        if (!ev.target.closest('a')) ctx.navigate(href);
      });
      body.appendChild(row);
    }
    box.table.appendChild(tableWrap(t('rollup.children'), h('table', { class: 'data-table dashboard-children' },
      h('caption', { class: 'visually-hidden' }, t('rollup.children')),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('rollup.unit')),
        h('th', { scope: 'col', class: 'num' }, t('rollup.studyCount')), h('th', { scope: 'col', class: 'num' }, t('rollup.members')),
        h('th', { scope: 'col', class: 'num' }, t('rollup.politicalCount')), h('th', { scope: 'col', class: 'num' }, t('rollup.members')))),
      body)));
    if (!kids.length) {
      replace(box.area, empty(t('dashboard.chart.noAttendance')));
      return box.el;
    }
    const rates = kids.map((c) => {
      const m = c.figures.activities.study.members;
      return (100 * m.numerator) / m.denominator;
    });
    const lo = Math.max(0, Math.floor((Math.min(...rates) - 2) / 5) * 5);
    draw(box, {
      labels: kids.map((c) => c.unit.short_name || c.unit.name),
      values: rates,
      label: t('dashboard.chart.attendanceSeries'), xLabel: t('rollup.unit'),
      format: (v) => `${String(Math.round(v * 10) / 10).replace('.', ',')}%`,
      range: [lo, 100],
      onPick: (i) => ctx.navigate(drillHref(kids[i].unit.id)),
    });
    return box.el;
  }

  function tasksChart(tasks) {
    const box = chartBox('tasks', t('dashboard.chart.tasks'), t('dashboard.chart.tasksHint'));
    if (!tasks) {
      replace(box.area, h('p', { class: 'hint' }, t('dashboard.unavailable')));
      return box.el;
    }
    const today = todayVN();
    const n = { done: 0, open: 0, overdue: 0 };
    for (const it of tasks.items) {
      const open = Math.max(0, (it.assigned || 0) - (it.done || 0));
      n.done += it.done || 0;
      if (it.deadline < today) n.overdue += open;
      else n.open += open;
    }
    const keys = ['done', 'open', 'overdue'];
    const labels = keys.map((k) => t(`dashboard.taskStatus.${k}`));
    const values = keys.map((k) => n[k]);
    box.table.appendChild(smallTable(t('dashboard.chart.tasks'), [t('dashboard.status'), t('dashboard.assignments')],
      keys.map((k, i) => [labels[i], formatInt(values[i])])));
    if (tasks.total > tasks.items.length) {
      box.table.appendChild(h('p', { class: 'hint' }, t('dashboard.firstN', { n: formatInt(tasks.items.length), total: formatInt(tasks.total) })));
    }
    if (!tasks.total) {
      replace(box.area, empty(t('dashboard.chart.noTasks')));
      return box.el;
    }
    const pal = palette();
    draw(box, {
      labels, values, label: t('dashboard.assignments'), xLabel: t('dashboard.status'), format: (v) => formatInt(Math.round(v)),
      colors: [pal[3], pal[1], pal[0]],
    });
    return box.el;
  }

  function opinionChart(cur, prev) {
    const list = opinionTopics(cur);
    if (!list) return null;
    const box = chartBox('opinion', t('dashboard.chart.opinion'), t('dashboard.chart.opinionHint'));
    const before = opinionTopics(prev) || [];
    box.table.appendChild(smallTable(t('dashboard.chart.opinion'),
      [t('dashboard.topic'), t('dashboard.previous'), t('dashboard.current')],
      list.map((e) => {
        const p = before.find((b) => b.key === e.key);
        return [e.name, p ? formatInt(p.count) : '0', formatInt(e.count)];
      })));
    if (!list.some((e) => e.count > 0)) replace(box.area, empty(t('dashboard.chart.noOpinion')));
    else draw(box, { labels: list.map((e) => e.name), values: list.map((e) => e.count), label: t('dashboard.reports'), xLabel: t('dashboard.topic'), format: (v) => formatInt(Math.round(v)) });
    return box.el;
  }

  function hotspotChart(cur) {
    const list = hotspotStatuses(cur);
    if (!list) return null;
    const box = chartBox('hotspots', t('dashboard.chart.hotspots'), null);
    box.table.appendChild(smallTable(t('dashboard.chart.hotspots'), [t('dashboard.status'), t('dashboard.cases')],
      list.map((e) => [e.name, formatInt(e.count)])));
    if (!list.some((e) => e.count > 0)) replace(box.area, empty(t('dashboard.chart.noHotspots')));
    else draw(box, { labels: list.map((e) => e.name), values: list.map((e) => e.count), label: t('dashboard.cases'), xLabel: t('dashboard.status'), format: (v) => formatInt(Math.round(v)) });
    return box.el;
  }

  function overdueList(overdue) {
    const el = h('section', { class: 'panel late-box', dataset: { list: 'overdue' } },
      h('h3', null, t('dashboard.overdueTitle')), h('p', { class: 'hint' }, t('dashboard.overdueHint')));
    if (!overdue) {
      el.appendChild(h('p', { class: 'hint' }, t('dashboard.unavailable')));
      return el;
    }
    if (!overdue.items.length) {
      el.appendChild(empty(t('dashboard.noOverdue')));
      return el;
    }
    const today = isoDays(todayVN());
    el.appendChild(h('ul', { class: 'late-list' }, overdue.items.slice(0, OVERDUE_SHOWN).map((it) => h('li', null,
      it.document_id ? h('a', { href: `#/documents/${it.document_id}` }, it.title) : h('span', null, it.title),
      h('span', { class: 'late-meta' }, ' — ', it.unit_name, ' · ',
        t('dashboard.deadline', { date: formatDate(it.deadline), days: formatInt(today - isoDays(it.deadline)) }))))));
    el.appendChild(h('p', null, h('a', { href: '#/tasks/due' },
      t('dashboard.overdueAll', { count: formatInt(overdue.total ?? overdue.items.length) }))));
    return el;
  }

  /* The units late with their report, when GET /reports/status exists. */
  function lateReports(status) {
    if (!status || typeof status !== 'object') return null;
    const rows = status.items || status.units || status.children;
    if (!Array.isArray(rows)) return null;
    const late = rows.filter((r) => r && (r.late === true || r.status === 'late' || r.state === 'late' || r.status === 'overdue' || r.state === 'overdue'));
    const el = h('section', { class: 'panel late-box', dataset: { list: 'reports' } }, h('h3', null, t('dashboard.lateReports')));
    if (!late.length) el.appendChild(empty(t('dashboard.noLateReports')));
    else {
      el.appendChild(h('ul', { class: 'late-list' }, late.map((r) => h('li', null, nameOf(r, '—'),
        r.deadline ? h('span', { class: 'late-meta' }, ' — ', t('dashboard.reportDeadline', { date: formatDate(r.deadline) })) : null))));
    }
    return el;
  }

  async function load() {
    replace(out, loading());
    try {
      const data = await api.rollup(apiQuery, opts);
      if (destroyed) return;
      picker.setValue(data.unit);
      const prevP = previousPeriod(data.from, data.to, data.period);
      const optional = (p) => p.catch((e) => {
        if (e && e.name === 'AbortError') throw e;
        return null;
      });
      const reportQuery = data.period ? { unit: data.unit.id, period: data.period } : { unit: data.unit.id, from: data.from, to: data.to };
      const [prev, tasks, overdue, reports] = await Promise.all([
        optional(api.rollup({ unit: data.unit.id, from: prevP.from, to: prevP.to }, opts)),
        optional(api.listTasks({ from: data.from, to: data.to, limit: TASK_LIMIT }, opts)),
        optional(api.tasksDueSoon({ overdue: 1 }, opts)),
        optional(api.reportsStatus(reportQuery, opts)),
      ]);
      if (destroyed) return;
      const when = data.period ? periodLabel(data.period) : t('period.label.custom', { from: formatDate(data.from), to: formatDate(data.to) });
      const up = data.unit.parent_id && data.unit.id !== ctx.user.unit_id
        ? h('a', { class: 'rollup-up', href: drillHref(data.unit.parent_id) }, t('rollup.up'))
        : null;
      const cur = data.totals;
      const pfig = prev ? prev.totals : null;
      replace(out,
        h('div', { class: 'panel dashboard-head' },
          h('h2', { class: 'dashboard-title' }, `${data.unit.name} — ${when}`),
          h('p', { class: 'rollup-range' }, t('rollup.range', { from: formatDate(data.from), to: formatDate(data.to) }),
            ' · ', t('dashboard.comparedWith', { period: prevP.label }), up ? ' · ' : null, up),
          keyFigures(cur, pfig, overdue)),
        h('div', { class: 'chart-grid' },
          attendanceChart(data),
          tasksChart(tasks),
          opinionChart(cur, pfig),
          hotspotChart(cur)),
        h('div', { class: 'late-grid' }, overdueList(overdue), lateReports(reports)));
    } catch (err) {
      if (destroyed || (err && err.name === 'AbortError')) return;
      replace(out, errorBox(err, load));
    }
  }

  load();
  return {
    destroy() {
      destroyed = true;
      abort.abort();
      for (const c of charts) c.destroy();
    },
  };
}
