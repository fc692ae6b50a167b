/*
 * #/rollup?unit=ID&period=2022-H1 (or &from=&to=): every figure of the
 * chosen unit's subtree for a period, live from GET /rollup.
 *
 * - a unit picker and a period picker (6 tháng đầu / cuối năm, năm, quý,
 *   tháng, tuần, tùy chọn); the choice lives in the hash, so a roll-up can
 *   be bookmarked and Back works;
 * - the figures as the sentences of a report ("321 hội nghị học tập, quán
 *   triệt, 8.196/8.272 đảng viên tham dự, đạt 99%"), with the exact rate in
 *   the title, then the same as a table (the first table of the page);
 * - a drill-down table by direct child (the second table): a click on a
 *   row opens that child's roll-up for the same period;
 * - publications, weekly press reports, drafts answered (appraisals),
 *   Party-history projects, commendations and the unit's own channels:
 *   sentences in the summary, then a panel with their totals (a row per
 *   kind, kinds with nothing hidden as for the classes) and a table by
 *   direct child, with the unit's own figures and the totals in the foot;
 * - the units that have not yet studied a document in the period.
 *
 * Rates are computed here from the summed numerator and denominator with
 * format.js (never the server's text), rounded to whole percent as reports
 * write them, exact to four decimals in the title and data-exact. The
 * average days to answer a draft is the server's days_total / answered of
 * the same group (avg_days_text), never an average of averages.
 */
import { h, replace, uid } from '../dom.js';
import { t } from '../i18n/index.js';
import * as api from '../api.js';
import { formatInt, formatRate, formatDate } from '../format.js';
import { field, Form } from '../components/form.js';
import { unitPicker } from '../components/unitpicker.js';
import { periodFields, periodLabel } from '../components/period.js';
import { loading, empty, errorBox, tableWrap, setTitle } from '../components/ui.js';

const KINDS = ['study', 'political', 'flag_salute', 'seminar'];
const CLASS_KINDS = ['new_members', 'prospective', 'elementary', 'thematic', 'refresher'];
const PUB_KINDS = ['bulletin', 'thematic', 'handbook', 'book'];
const APR_KINDS = ['comment', 'appraisal'];
const AWARDS = ['bang_khen_tw', 'bang_khen_tinh_uy', 'bang_khen_ubnd_tinh', 'giay_khen_ban',
  'giay_khen_huyen', 'giay_khen_co_so', 'bieu_duong', 'other'];

const ratio = (m) => `${formatInt(m.numerator)}/${formatInt(m.denominator)}`;
const rounded = (m) => formatRate(m.numerator, m.denominator, 0);
const exact = (m) => formatRate(m.numerator, m.denominator, 4);

/* A rate cell: "8.196/8.272, đạt 99%", the exact rate on hover and for AT. */
function rateCell(m) {
  if (!m || !m.denominator) return h('td', { class: 'num rate' }, '—');
  const ex = exact(m);
  return h('td', { class: 'num rate', title: t('rollup.exact', { rate: ex }), dataset: { exact: ex } },
    `${ratio(m)}, ${t('rollup.achieved')} ${rounded(m)}`);
}

/* One sentence of the summary; `m` (a rate) puts its exact value in the title. */
function sentence(text, m) {
  const attrs = m && m.denominator ? { title: t('rollup.exact', { rate: exact(m) }), dataset: { exact: exact(m) } } : null;
  return h('li', attrs, text);
}

function summary(fig) {
  const items = [];
  for (const k of KINDS) {
    const a = fig.activities[k];
    if (!a || !a.count) continue;
    const m = a.members;
    items.push(sentence(t(`rollup.say.${k}`, {
      count: formatInt(a.count), ratio: ratio(m), rate: m.denominator ? rounded(m) : '—',
    }) + (a.non_members ? t('rollup.say.nonMembers', { count: formatInt(a.non_members) }) : '') + '.', m));
  }
  const rc = fig.reporter_conferences;
  if (rc && rc.count) {
    items.push(sentence(t('rollup.say.reporterConferences', {
      count: formatInt(rc.count), reporters: formatInt(rc.reporters_present), audience: formatInt(rc.audience),
    })));
  }
  if (fig.reporters && fig.reporters.count) {
    items.push(sentence(t('rollup.say.reporters', { count: formatInt(fig.reporters.count) })));
  }
  const cl = fig.classes && fig.classes.all;
  if (cl && cl.count) {
    items.push(sentence(t('rollup.say.classes', {
      count: formatInt(cl.count), enrolled: formatInt(cl.enrolled), completed: formatInt(cl.completed),
    })));
  }
  for (const ind of fig.indicators || []) {
    const m = ind.value;
    items.push(sentence(t('rollup.say.indicator', {
      name: ind.name, ratio: ratio(m), rate: m.denominator ? rounded(m) : '—',
    }), m));
  }
  items.push(...outputSentences(fig));
  if (!items.length) return empty(t('rollup.nothing'));
  return h('ul', { class: 'rollup-summary' }, items);
}

/* The sentences of publications, appraisals, history, commendations, channels. */
function outputSentences(fig) {
  const items = [];
  const pub = fig.publications && fig.publications.all;
  if (pub && pub.issues) {
    items.push(sentence(t('rollup.say.publications', { issues: formatInt(pub.issues), copies: formatInt(pub.copies) })));
  }
  const pr = fig.press_reports;
  if (pr && pr.submitted) items.push(sentence(t('rollup.say.pressReports', { count: formatInt(pr.submitted) })));
  const apr = fig.appraisals && fig.appraisals.all;
  if (apr && (apr.answered || apr.pending)) {
    const parts = [];
    if (apr.answered) parts.push(t('rollup.say.appraisals', { count: formatInt(apr.answered), days: avgDays(apr) }));
    if (apr.pending) parts.push(t('rollup.say.appraisalsPending', { count: formatInt(apr.pending) }));
    items.push(sentence(`${parts.join('; ')}.`));
  }
  const g = fig.history && fig.history.grassroots;
  if (g && g.denominator) {
    items.push(sentence(t('rollup.say.history', { ratio: ratio(g), rate: rounded(g) }), g));
  }
  const c = fig.commendations;
  if (c && c.total) {
    items.push(sentence(t('rollup.say.commendations', {
      collective: formatInt(c.collective), individual: formatInt(c.individual) })));
  }
  const o = fig.outreach;
  if (o && (o.posts || o.shares_and_followers)) {
    items.push(sentence(t('rollup.say.outreach', {
      posts: formatInt(o.posts), count: formatInt(o.shares_and_followers) })));
  }
  return items;
}

/* The server's days_total / answered of this group ("5,9"), or "—". */
const avgDays = (a) => (a && a.answered && a.avg_days_text ? a.avg_days_text : '—');

function figuresTable(fig) {
  const body = h('tbody');
  for (const k of KINDS) {
    const a = fig.activities[k];
    body.appendChild(h('tr', { dataset: { kind: k } }, h('th', { scope: 'row' }, t(`activity.kind.${k}`)),
      h('td', { class: 'num' }, formatInt(a.count)), rateCell(a.members), h('td', { class: 'num' }, formatInt(a.non_members))));
  }
  const other = h('tbody');
  for (const k of CLASS_KINDS) {
    const c = fig.classes[k];
    if (!c || !c.count) continue;
    other.appendChild(h('tr', null, h('th', { scope: 'row' }, t(`class.kind.${k}`)),
      h('td', { class: 'num' }, formatInt(c.count)),
      h('td', { class: 'num', colspan: 2 }, t('rollup.classesText', {
        count: formatInt(c.count), trainees: formatInt(c.enrolled) }))));
  }
  other.appendChild(h('tr', null, h('th', { scope: 'row' }, t('rollup.classes')),
    h('td', { class: 'num' }, formatInt(fig.classes.all.count)),
    h('td', { class: 'num', colspan: 2 }, t('rollup.classesText', {
      count: formatInt(fig.classes.all.count), trainees: formatInt(fig.classes.all.enrolled) }))));
  other.appendChild(h('tr', null, h('th', { scope: 'row' }, t('rollup.reporterConferences')),
    h('td', { class: 'num' }, formatInt(fig.reporter_conferences.count)),
    h('td', { class: 'num', colspan: 2 }, t('rollup.reporterText', {
      count: formatInt(fig.reporter_conferences.count), audience: formatInt(fig.reporter_conferences.audience) }))));
  for (const ind of fig.indicators) {
    other.appendChild(h('tr', null, h('th', { scope: 'row' }, ind.name), h('td', { class: 'num' }, formatInt(ind.entries)),
      rateCell(ind.value), h('td')));
  }
  return tableWrap(t('rollup.figures'), h('table', { class: 'data-table rollup-table' },
    h('caption', { class: 'visually-hidden' }, t('rollup.figures')),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('rollup.figure')), h('th', { scope: 'col', class: 'num' }, t('rollup.count')),
      h('th', { scope: 'col', class: 'num' }, t('rollup.members')), h('th', { scope: 'col', class: 'num' }, t('rollup.nonMembers')))),
    body, other));
}

const num = (v) => h('td', { class: 'num' }, formatInt(v));

/* A row of the outputs table: what, how many (a cell), the detail. */
function outputRow(key, label, cell, detail) {
  return h('tr', { dataset: { figure: key } }, h('th', { scope: 'row' }, label),
    cell, h('td', null, detail || ''));
}

/*
 * The totals of publications, press reports, appraisals, history,
 * commendations and channels: a tbody per group, a row per kind with
 * something in it (as the classes above), then the group's total.
 */
function outputsTable(fig) {
  const bodies = [];
  const pubs = fig.publications || {};
  const series = pubs.series || [];
  const pub = h('tbody', { dataset: { group: 'publications' } });
  for (const k of PUB_KINDS) {
    const p = pubs[k];
    if (!p || !p.issues) continue;
    /* its series ("Thông tin tổng hợp: 36 số"), unless the only one is named as the kind */
    const mine = series.filter((x) => x.kind === k && x.issues);
    const of = mine.length === 1 && mine[0].series === t(`pub.kind.${k}`) ? []
      : mine.map((x) => t('rollup.out.series', { name: x.series, issues: formatInt(x.issues) }));
    pub.appendChild(outputRow(`publications.${k}`, t(`pub.kind.${k}`), num(p.issues),
      t('rollup.out.copies', { count: formatInt(p.copies) }) + (of.length ? ` (${of.join('; ')})` : '')));
  }
  const all = pubs.all || { issues: 0, copies: 0 };
  pub.appendChild(outputRow('publications', t('rollup.out.publications'), num(all.issues),
    t('rollup.out.copies', { count: formatInt(all.copies) })));
  const pr = fig.press_reports || { count: 0, submitted: 0 };
  pub.appendChild(outputRow('press_reports', t('rollup.out.pressReports'), num(pr.submitted),
    pr.count > pr.submitted ? t('rollup.out.pressDrafts', { count: formatInt(pr.count - pr.submitted) }) : ''));
  bodies.push(pub);

  const aprs = fig.appraisals || {};
  const apr = h('tbody', { dataset: { group: 'appraisals' } });
  const aprDetail = (a) => [t('rollup.out.appraisalDetail', { received: formatInt(a.received), pending: formatInt(a.pending) }),
    a.answered ? t('rollup.out.appraisalDays', { days: avgDays(a) }) : null].filter(Boolean).join(', ');
  for (const k of APR_KINDS) {
    const a = aprs[k];
    if (!a || !(a.received || a.answered || a.pending)) continue;
    apr.appendChild(outputRow(`appraisals.${k}`, t(`rollup.out.apr.${k}`), num(a.answered), aprDetail(a)));
  }
  const aall = aprs.all || { received: 0, answered: 0, pending: 0 };
  apr.appendChild(outputRow('appraisals', t('rollup.out.appraisals'), num(aall.answered), aprDetail(aall)));
  bodies.push(apr);

  const hist = fig.history || {};
  const g = hist.grassroots || { numerator: 0, denominator: 0 };
  bodies.push(h('tbody', { dataset: { group: 'history' } },
    outputRow('history', t('rollup.out.history'), rateCell(g), t('rollup.out.historyDetail', {
      published: formatInt(hist.published || 0), reprinted: formatInt(hist.reprinted || 0),
      compiling: formatInt(hist.compiling || 0) }))));

  const c = fig.commendations || { collective: 0, individual: 0, by_award: {} };
  const byAward = (who) => AWARDS.filter((a) => c.by_award && c.by_award[a] && c.by_award[a][who])
    .map((a) => `${t(`commendation.award.${a}`)}: ${formatInt(c.by_award[a][who])}`).join('; ');
  bodies.push(h('tbody', { dataset: { group: 'commendations' } },
    outputRow('commendations.collective', t('rollup.out.collective'), num(c.collective), byAward('collective')),
    outputRow('commendations.individual', t('rollup.out.individual'), num(c.individual), byAward('individual'))));

  const o = fig.outreach || { posts: 0, channels: 0, shares: 0, followers: 0, shares_and_followers: 0 };
  bodies.push(h('tbody', { dataset: { group: 'outreach' } },
    outputRow('outreach.posts', t('rollup.out.posts'), num(o.posts), t('rollup.out.channels', { count: formatInt(o.channels) })),
    outputRow('outreach.shares_and_followers', t('rollup.out.sharesAndFollowers'), num(o.shares_and_followers),
      t('rollup.out.sharesDetail', { shares: formatInt(o.shares), followers: formatInt(o.followers) }))));

  return tableWrap(t('rollup.outputsTotals'), h('table', { class: 'data-table rollup-outputs' },
    h('caption', { class: 'visually-hidden' }, t('rollup.outputsTotals')),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('rollup.figure')),
      h('th', { scope: 'col', class: 'num' }, t('rollup.quantity')), h('th', { scope: 'col' }, t('rollup.detail')))),
    bodies));
}

/* The cells of one unit (a child, the unit itself, or all) in the table by child. */
function outputCells(f) {
  const pub = (f.publications && f.publications.all) || { issues: 0, copies: 0 };
  const apr = (f.appraisals && f.appraisals.all) || { answered: 0, pending: 0 };
  const g = (f.history && f.history.grassroots) || { numerator: 0, denominator: 0 };
  const c = f.commendations || { collective: 0, individual: 0 };
  const o = f.outreach || { posts: 0, shares_and_followers: 0 };
  return [
    num(pub.issues), num(pub.copies),
    num(f.press_reports ? f.press_reports.submitted : 0),
    num(apr.answered), num(apr.pending), h('td', { class: 'num' }, avgDays(apr)),
    rateCell(g),
    num(c.collective), num(c.individual),
    num(o.posts), num(o.shares_and_followers),
  ];
}

const childHref = (c, query) => `#/rollup?${new URLSearchParams({ ...query, unit: c.unit.id })}`;

/* The whole row drills down; the link inside keeps keyboard access. */
function drillRow(row, href, ctx) {
  row.addEventListener('click', (ev) => {
    if (ev.target.closest('a')) return;
    ctx.navigate(href);
  });
  return row;
}

function outputsChildrenTable(data, ctx, query) {
  if (!data.children.length) return empty(t('rollup.noChildren'));
  const body = h('tbody');
  for (const c of data.children) {
    const href = childHref(c, query);
    body.appendChild(drillRow(h('tr', { class: 'row-link', dataset: { unitId: String(c.unit.id) } },
      h('th', { scope: 'row' }, h('a', { href }, c.unit.name),
        c.unit.merged_into ? h('span', { class: 'badge' }, t('rollup.merged')) : null),
      outputCells(c.figures)), href, ctx));
  }
  if (data.own) {
    body.appendChild(h('tr', { class: 'rollup-own', dataset: { own: 'true' } },
      h('th', { scope: 'row' }, t('rollup.own', { unit: data.unit.name })), outputCells(data.own)));
  }
  const col = (key, extra) => h('th', { scope: 'col', class: 'num', ...extra }, t(key));
  const group = (key, span) => h('th', { scope: 'colgroup', colspan: span, class: 'num' }, t(key));
  return tableWrap(t('rollup.outputsChildren'), h('table', { class: 'data-table rollup-outputs-children' },
    h('caption', { class: 'visually-hidden' }, t('rollup.outputsChildren')),
    h('colgroup', null, h('col')), h('colgroup', { span: 2 }), h('colgroup', null, h('col')),
    h('colgroup', { span: 3 }), h('colgroup', null, h('col')), h('colgroup', { span: 2 }), h('colgroup', { span: 2 }),
    h('thead', null,
      h('tr', null, h('th', { scope: 'col', rowspan: 2 }, t('rollup.unit')),
        group('rollup.col.publications', 2), col('rollup.col.pressReports', { rowspan: 2 }),
        group('rollup.col.appraisals', 3), col('rollup.col.history', { rowspan: 2 }),
        group('rollup.col.commendations', 2), group('rollup.col.outreach', 2)),
      h('tr', null, col('rollup.col.issues'), col('rollup.col.copies'),
        col('rollup.col.answered'), col('rollup.col.pending'), col('rollup.col.avgDays'),
        col('rollup.col.collective'), col('rollup.col.individual'),
        col('rollup.col.posts'), col('rollup.col.sharesAndFollowers'))),
    body,
    h('tfoot', null, h('tr', { class: 'rollup-total' }, h('th', { scope: 'row' }, t('rollup.total')), outputCells(data.totals)))));
}

function childrenTable(data, ctx, query) {
  if (!data.children.length) return empty(t('rollup.noChildren'));
  const body = h('tbody');
  for (const c of data.children) {
    const f = c.figures;
    const s = f.activities.study;
    const p = f.activities.political;
    const href = childHref(c, query);
    const link = h('a', { href }, c.unit.name);
    const row = h('tr', { class: 'row-link', dataset: { unitId: String(c.unit.id) } },
      h('th', { scope: 'row' }, link,
        c.unit.merged_into ? h('span', { class: 'badge' }, t('rollup.merged')) : null),
      h('td', { class: 'num' }, formatInt(s.count)), rateCell(s.members),
      h('td', { class: 'num' }, formatInt(p.count)), rateCell(p.members),
      h('td', { class: 'num' }, formatInt(f.classes.all.count)),
      h('td', { class: 'num' }, formatInt(f.reporter_conferences.count)));
    body.appendChild(drillRow(row, href, ctx));
  }
  return tableWrap(t('rollup.children'), h('table', { class: 'data-table rollup-children' },
    h('caption', { class: 'visually-hidden' }, t('rollup.children')),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('rollup.unit')),
      h('th', { scope: 'col', class: 'num' }, t('rollup.studyCount')), h('th', { scope: 'col', class: 'num' }, t('rollup.members')),
      h('th', { scope: 'col', class: 'num' }, t('rollup.politicalCount')), h('th', { scope: 'col', class: 'num' }, t('rollup.members')),
      h('th', { scope: 'col', class: 'num' }, t('rollup.classes')),
      h('th', { scope: 'col', class: 'num' }, t('rollup.reporterConferences')))), body));
}

export function mount(container, ctx) {
  setTitle(t('rollup.title'));
  const q = ctx.query;
  const query = {
    unit: q.get('unit') || '', period: q.get('period') || '', from: q.get('from') || '', to: q.get('to') || '',
  };
  if (!query.period && !(query.from && query.to)) query.period = String(new Date().getFullYear());
  const startKey = query.from && query.to && !q.get('period') ? `${query.from}..${query.to}` : query.period;

  const picker = unitPicker({});
  const period = periodFields({ value: startKey });
  const fields = [
    field({ name: 'unit', label: t('rollup.unit'), control: picker.el, input: picker.input, getValue: picker.getValue, wide: true }),
    ...period.fields,
  ];
  const form = new Form({
    fields, submitLabel: t('rollup.show'), className: 'rollup-form',
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
      ctx.navigate(`#/rollup?${new URLSearchParams(next)}`);
    },
  });
  const out = h('div', { class: 'rollup-result', 'aria-live': 'polite' }, loading());
  const outputsId = uid('rollup-outputs');
  const ns = h('div', { class: 'not-studied' });
  container.appendChild(h('section', { class: 'page page-rollup' },
    h('h1', { tabindex: '-1' }, t('rollup.title')),
    h('div', { class: 'panel' }, form.el), out, ns));

  const apiQuery = {};
  for (const k of Object.keys(query)) if (query[k]) apiQuery[k] = query[k];
  let destroyed = false;

  async function load() {
    replace(out, loading());
    try {
      const data = await api.rollup(apiQuery);
      if (destroyed) return;
      picker.setValue(data.unit);
      const when = data.period ? periodLabel(data.period) : t('period.label.custom', { from: formatDate(data.from), to: formatDate(data.to) });
      const up = data.unit.parent_id && data.unit.id !== ctx.user.unit_id
        ? h('a', { class: 'rollup-up', href: `#/rollup?${new URLSearchParams({ ...apiQuery, unit: data.unit.parent_id })}` }, t('rollup.up'))
        : null;
      replace(out,
        h('div', { class: 'panel rollup-panel' },
          h('h2', { class: 'rollup-title' }, `${data.unit.name} — ${when}`),
          h('p', { class: 'rollup-range' }, t('rollup.range', { from: formatDate(data.from), to: formatDate(data.to) }), up ? ' · ' : null, up),
          summary(data.totals),
          h('h3', null, t('rollup.figures')),
          figuresTable(data.totals)),
        h('div', { class: 'panel rollup-panel' },
          h('h2', null, t('rollup.children')),
          h('p', { class: 'hint' }, t('rollup.drillHint')),
          childrenTable(data, ctx, apiQuery)),
        h('section', { class: 'panel rollup-panel rollup-outputs-panel', 'aria-labelledby': outputsId },
          h('h2', { id: outputsId }, t('rollup.outputs')),
          outputsTable(data.totals),
          data.children.length ? h('h3', null, t('rollup.outputsChildren')) : null,
          data.children.length ? outputsChildrenTable(data, ctx, apiQuery) : null));
      notStudied(data);
    } catch (err) {
      if (destroyed) return;
      replace(out, errorBox(err, load));
    }
  }

  function notStudied(data) {
    const list = h('div', { 'aria-live': 'polite' });
    const f = new Form({
      fields: [
        field({ name: 'document_ref', label: t('rollup.documentRef'), required: true, hint: t('activity.documentRefHint') }),
        field({
          name: 'level', label: t('rollup.level'), type: 'select', value: '',
          options: [{ value: '', label: t('rollup.levelLeaves') }, { value: 'coso', label: t('rollup.levelCoso') }],
        }),
      ],
      submitLabel: t('rollup.notStudiedShow'),
      onSubmit: async (v) => {
        replace(list, loading());
        const r = await api.notStudied({
          unit: data.unit.id, document_ref: v.document_ref, level: v.level, from: data.from, to: data.to,
        });
        if (!r.items.length) replace(list, empty(t('rollup.allStudied')));
        else {
          replace(list, h('p', null, t('rollup.notStudiedCount', { count: formatInt(r.total) })),
            h('ul', { class: 'unit-list' }, r.items.map((u) => h('li', null, u.name, ' ', h('span', { class: 'muted' }, `(${u.code})`)))));
        }
      },
    });
    replace(ns, h('div', { class: 'panel rollup-panel' },
      h('h2', null, t('rollup.notStudied')),
      h('p', { class: 'hint' }, t('rollup.notStudiedHint', { from: formatDate(data.from), to: formatDate(data.to) })),
      f.el, list));
  }

  load();
  return { destroy() { destroyed = true; } };
}
