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
 * - the units that have not yet studied a document in the period.
 *
 * Rates are computed here from the summed numerator and denominator with
 * format.js (never the server's text), rounded to whole percent as reports
 * write them, exact to four decimals in the title and data-exact.
 */
import { h, replace } from '../dom.js';
import { t } from '../i18n/index.js';
import * as api from '../api.js';
import { formatInt, formatRate, formatDate } from '../format.js';
import { field, Form } from '../components/form.js';
import { unitPicker } from '../components/unitpicker.js';
import { periodFields, periodLabel } from '../components/period.js';
import { loading, empty, errorBox, tableWrap, setTitle } from '../components/ui.js';

const KINDS = ['study', 'political', 'flag_salute', 'seminar'];
const CLASS_KINDS = ['new_members', 'prospective', 'elementary', 'thematic', 'refresher'];

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
  if (!items.length) return empty(t('rollup.nothing'));
  return h('ul', { class: 'rollup-summary' }, items);
}

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

function childrenTable(data, ctx, query) {
  if (!data.children.length) return empty(t('rollup.noChildren'));
  const body = h('tbody');
  for (const c of data.children) {
    const f = c.figures;
    const s = f.activities.study;
    const p = f.activities.political;
    const href = `#/rollup?${new URLSearchParams({ ...query, unit: c.unit.id })}`;
    const link = h('a', { href }, c.unit.name);
    const row = h('tr', { class: 'row-link', dataset: { unitId: String(c.unit.id) } },
      h('th', { scope: 'row' }, link,
        c.unit.merged_into ? h('span', { class: 'badge' }, t('rollup.merged')) : null),
      h('td', { class: 'num' }, formatInt(s.count)), rateCell(s.members),
      h('td', { class: 'num' }, formatInt(p.count)), rateCell(p.members),
      h('td', { class: 'num' }, formatInt(f.classes.all.count)),
      h('td', { class: 'num' }, formatInt(f.reporter_conferences.count)));
    /* The whole row drills down; the link inside keeps keyboard access. */
    row.addEventListener('click', (ev) => {
      if (ev.target.closest('a')) return;
      ctx.navigate(href);
    });
    body.appendChild(row);
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
          childrenTable(data, ctx, apiQuery)));
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
