/*
 * #/opinion: public opinion reports (dư luận xã hội), aggregate only.
 * The report form comes first and is laid out for a phone: locality,
 * period (day, week or month; the current one by default), topic, what
 * people say, the shares agreeing / concerned / disagreeing with what is
 * left "not expressed" shown live, intensity and a recommendation. Below,
 * the reports of the user's subtree with filters; the author, and leaders
 * and admins, may correct or delete one.
 *
 * #/digest: the weekly digest of a unit (the week and the four before
 * it): rising topics, high-intensity reports and recommendations, ready
 * to print.
 *
 * No field names a person: the server refuses identity, phone numbers,
 * e-mail addresses and social-media profiles in the text, and its message
 * shows next to the field.
 */
import { h, replace, uid } from '../dom.js';
import { t } from '../i18n/index.js';
import * as api from '../api.js';
import { formatInt, formatDate } from '../format.js';
import { field, Form } from '../components/form.js';
import { openDialog, confirmDelete } from '../components/dialog.js';
import { unitPicker } from '../components/unitpicker.js';
import { unitField, canEnter } from '../components/unitfield.js';
import { loading, empty, errorBox, tableWrap, setTitle, pager, toast } from '../components/ui.js';

const TYPES = ['week', 'day', 'month'];
const INTENSITIES = ['low', 'medium', 'high'];
const PAGE = 50;
const pad2 = (n) => String(n).padStart(2, '0');

function isoDate(d) {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

/* The ISO week key ("2026-W47") of a local date. */
export function isoWeekKey(date) {
  const d = new Date(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const year = d.getUTCFullYear();
  const week = Math.ceil(((d - Date.UTC(year, 0, 1)) / 86400000 + 1) / 7);
  return `${year}-W${pad2(week)}`;
}

/* The key of the current period of a type. */
export function currentPeriod(type, now = new Date()) {
  if (type === 'day') return isoDate(now);
  if (type === 'month') return `${now.getFullYear()}-${pad2(now.getMonth() + 1)}`;
  return isoWeekKey(now);
}

function lastWeek() {
  const d = new Date();
  d.setDate(d.getDate() - 7);
  return isoWeekKey(d);
}

function periodText(r) {
  const m = /^(\d{4})-W(\d{2})$/.exec(r.period);
  if (m) return t('period.label.week', { week: Number(m[2]), year: m[1] });
  const mm = /^(\d{4})-(\d{2})$/.exec(r.period);
  if (mm) return t('period.label.month', { month: Number(mm[2]), year: mm[1] });
  return formatDate(r.period);
}

function textArea(name, value, max) {
  return h('textarea', { name, rows: '3', maxlength: String(max) }, value || '');
}

function num(v) {
  if (v === '' || v === null || v === undefined) return 0;
  return /^-?\d+$/.test(String(v).trim()) ? Number(v) : v;
}

async function loadTopics() {
  const r = await api.opinionTopics();
  return r.items.filter((x) => x.merged_into === null && x.active);
}

/* The fields of a report; `r` fills them for an edit. */
function reportFields(ctx, topics, r) {
  const unit = unitField({
    user: ctx.user, label: t('opinion.unit'), wide: true,
    value: r ? { id: r.unit_id, name: r.unit_name, code: r.unit_code } : null,
  });
  const type = r ? r.period_type : 'week';
  const summary = textArea('summary', r ? r.summary : '', 4000);
  const reco = textArea('recommendation', r ? r.recommendation : '', 2000);
  const topicOptions = [{ value: '', label: t('opinion.chooseTopic') }]
    .concat(topics.map((x) => ({ value: x.id, label: x.name })));
  if (r && !topics.some((x) => x.id === r.topic_id)) topicOptions.push({ value: r.topic_id, label: r.topic_name });
  return [
    unit.field,
    field({ name: 'topic_id', label: t('opinion.topic'), type: 'select', required: true, value: r ? r.topic_id : '', options: topicOptions, wide: true }),
    field({ name: 'period_type', label: t('opinion.periodType'), type: 'select', value: type, options: TYPES.map((k) => ({ value: k, label: t(`opinion.type.${k}`) })) }),
    field({ name: 'period', label: t('opinion.period'), value: r ? r.period : currentPeriod(type), required: true, hint: t('opinion.periodHint'), attrs: { autocomplete: 'off', maxlength: '24' } }),
    field({ name: 'summary', label: t('opinion.summary'), control: summary, input: summary, required: true, wide: true, hint: t('opinion.privacyHint') }),
    field({ name: 'share_agree', label: t('opinion.agree'), type: 'number', value: r ? r.share_agree : '', attrs: { min: 0, max: 100, inputmode: 'numeric' } }),
    field({ name: 'share_concerned', label: t('opinion.concerned'), type: 'number', value: r ? r.share_concerned : '', attrs: { min: 0, max: 100, inputmode: 'numeric' } }),
    field({ name: 'share_disagree', label: t('opinion.disagree'), type: 'number', value: r ? r.share_disagree : '', attrs: { min: 0, max: 100, inputmode: 'numeric' } }),
    field({ name: 'intensity', label: t('opinion.intensity'), type: 'select', value: r ? r.intensity : 'low', options: INTENSITIES.map((k) => ({ value: k, label: t(`opinion.intensity.${k}`) })) }),
    field({ name: 'recommendation', label: t('opinion.recommendation'), control: reco, input: reco, wide: true }),
  ];
}

/* The live "not expressed" share and the default period of a type. */
function wire(form) {
  const out = h('p', { class: 'live-rate', 'aria-live': 'polite' });
  const ins = ['share_agree', 'share_concerned', 'share_disagree'].map((k) => form.byName[k].input);
  const update = () => {
    const s = ins.reduce((acc, i) => acc + (Number(i.value) || 0), 0);
    out.textContent = s > 100 ? t('opinion.sumOver', { sum: s }) : t('opinion.notExpressed', { rest: 100 - s });
    out.classList.toggle('is-over', s > 100);
  };
  ins.forEach((i) => i.addEventListener('input', update));
  form.byName.share_disagree.el.after(out);
  const type = form.byName.period_type.input;
  type.addEventListener('change', () => { form.byName.period.input.value = currentPeriod(type.value); });
  update();
  return update;
}

function toBody(v) {
  const body = { ...v };
  for (const k of ['share_agree', 'share_concerned', 'share_disagree']) body[k] = num(body[k]);
  body.topic_id = num(body.topic_id);
  if (!body.recommendation) body.recommendation = '';
  return body;
}

function mayEdit(user, r) {
  return user && (['admin', 'leader'].includes(user.role) || r.author_id === user.id);
}

export function mount(container, ctx) {
  setTitle(t('opinion.title'));
  const writer = canEnter(ctx.user);
  const filter = { unit: null, topic_id: '', intensity: '', mine: false };
  let offset = 0;
  let req = 0;
  let destroyed = false;
  let topics = [];
  const list = h('div', { class: 'results', 'aria-live': 'polite' }, loading());
  const entry = h('div');
  const topicSel = h('select', { id: uid('op-topic'), onchange: () => { filter.topic_id = topicSel.value; reload(); } },
    h('option', { value: '' }, t('common.all')));
  const section = h('section', { class: 'page page-opinion' },
    h('h1', { tabindex: '-1' }, t('opinion.title')), entry);

  (async () => {
    try {
      topics = await loadTopics();
    } catch (err) {
      replace(entry, errorBox(err));
      return;
    }
    if (destroyed) return;
    for (const x of topics) topicSel.appendChild(h('option', { value: x.id }, x.name));
    if (!writer) return;
    let form;
    form = new Form({
      fields: reportFields(ctx, topics, null), submitLabel: t('opinion.save'), className: 'opinion-form',
      onSubmit: async (v) => {
        await api.createOpinionReport(toBody(v));
        toast(t('opinion.saved'));
        for (const k of ['summary', 'recommendation', 'share_agree', 'share_concerned', 'share_disagree']) form.byName[k].input.value = '';
        refresh();
        reload();
      },
    });
    const refresh = wire(form);
    replace(entry, h('details', { class: 'entry panel', open: true }, h('summary', null, t('opinion.new')), form.el));
  })();

  const unitId = uid('op-unit');
  const intId = uid('op-int');
  const picker = unitPicker({ onChange: (u) => { filter.unit = u; reload(); } });
  picker.input.id = unitId;
  const intSel = h('select', { id: intId, onchange: () => { filter.intensity = intSel.value; reload(); } },
    h('option', { value: '' }, t('common.all')),
    INTENSITIES.map((k) => h('option', { value: k }, t(`opinion.intensity.${k}`))));
  const mineId = uid('op-mine');
  const mine = h('input', { id: mineId, type: 'checkbox', onchange: () => { filter.mine = mine.checked; reload(); } });
  const filters = h('div', { class: 'filters', role: 'search', 'aria-label': t('opinion.filters') },
    h('div', { class: 'field' }, h('label', { for: unitId }, t('opinion.filterUnit')), picker.el),
    h('div', { class: 'field' }, h('label', { for: topicSel.id }, t('opinion.topic')), topicSel),
    h('div', { class: 'field' }, h('label', { for: intId }, t('opinion.intensity')), intSel),
    h('div', { class: 'field field-check' }, mine, h('label', { for: mineId }, t('opinion.mine'))));
  section.appendChild(h('div', { class: 'panel' },
    h('h2', null, t('opinion.list')),
    h('p', null, h('a', { href: '#/digest' }, t('opinion.toDigest'))),
    filters, list));
  if (ctx.user && ctx.user.role === 'admin') section.appendChild(topicsPanel());
  container.appendChild(section);

  function reload() {
    offset = 0;
    load();
  }

  function editDialog(r) {
    let dlg;
    const cancel = h('button', { type: 'button', class: 'btn', onclick: () => dlg.close() }, t('common.cancel'));
    const form = new Form({
      fields: reportFields(ctx, topics, r), submitLabel: t('opinion.save'), extraButtons: [cancel],
      onSubmit: async (v) => {
        const body = toBody(v);
        delete body.unit_id;
        await api.updateOpinionReport(r.id, body);
        toast(t('opinion.saved'));
        dlg.close();
        load();
      },
    });
    wire(form);
    form.byName.period.input.value = r.period;
    dlg = openDialog({ title: t('opinion.editTitle', { unit: r.unit_name }), body: form.el, wide: true });
  }

  function remove(r) {
    return confirmDelete({
      title: t('opinion.deleteTitle'), message: t('opinion.deleteConfirm', { unit: r.unit_name, topic: r.topic_name }),
      del: () => api.deleteOpinionReport(r.id), done: t('opinion.deleted'), after: load,
    });
  }

  async function load() {
    const my = ++req;
    replace(list, loading());
    let res;
    try {
      res = await api.listOpinionReports({
        unit_id: filter.unit ? filter.unit.id : '', topic_id: filter.topic_id, intensity: filter.intensity,
        mine: filter.mine ? 1 : '', limit: PAGE, offset,
      });
    } catch (err) {
      if (my === req && !destroyed) replace(list, errorBox(err, load));
      return;
    }
    if (my !== req || destroyed) return;
    if (!res.items.length) {
      replace(list, empty(t('opinion.none')));
      return;
    }
    const rows = res.items.map((r) => h('tr', { dataset: { id: String(r.id) } },
      h('td', null, periodText(r)),
      h('td', null, r.unit_name),
      h('td', null, r.topic_name),
      h('td', null, h('span', { class: ['badge', `intensity-${r.intensity}`] }, t(`opinion.intensity.${r.intensity}`))),
      h('td', { class: 'num' }, `${r.share_agree}/${r.share_concerned}/${r.share_disagree}`),
      h('td', { class: 'summary-cell' }, r.summary),
      h('td', null, r.author_name || t('opinion.system')),
      h('td', null, mayEdit(ctx.user, r) && writer ? [
        h('button', { type: 'button', class: 'btn btn-small', onclick: () => editDialog(r) }, t('common.edit')),
        h('button', { type: 'button', class: 'btn btn-small btn-danger', onclick: () => remove(r) }, t('common.delete')),
      ] : null)));
    const table = h('table', { class: 'data-table opinion-table' },
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('opinion.period')),
        h('th', { scope: 'col' }, t('opinion.unit')),
        h('th', { scope: 'col' }, t('opinion.topic')),
        h('th', { scope: 'col' }, t('opinion.intensity')),
        h('th', { scope: 'col' }, t('opinion.sharesShort')),
        h('th', { scope: 'col' }, t('opinion.summary')),
        h('th', { scope: 'col' }, t('opinion.author')),
        h('th', { scope: 'col' }, t('common.actions')))),
      h('tbody', null, rows));
    replace(list, tableWrap(t('opinion.list'), table),
      pager({ total: res.total, offset, limit: PAGE, count: res.items.length, onPage: (o) => { offset = o; load(); } }));
  }

  load();
  return { destroy() { destroyed = true; } };
}

/* --- the topic tree (admins) ------------------------------------------------ */

/* Topics in tree order with their depth. */
function treeOrder(items) {
  const out = [];
  const walk = (parent, depth) => {
    for (const x of items.filter((y) => (y.parent_id || null) === parent)) {
      out.push({ x, depth });
      walk(x.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

function topicsPanel() {
  const body = h('div', { 'aria-live': 'polite' }, loading());
  const panel = h('details', { class: 'panel topics-panel' }, h('summary', null, t('topics.title')), body);

  function mergeDialog(x, items) {
    let dlg;
    const living = items.filter((y) => y.id !== x.id && y.merged_into === null);
    const cancel = h('button', { type: 'button', class: 'btn', onclick: () => dlg.close() }, t('common.cancel'));
    const form = new Form({
      fields: [field({ name: 'into', label: t('topics.into'), type: 'select', required: true, value: '',
        options: [{ value: '', label: t('opinion.chooseTopic') }].concat(living.map((y) => ({ value: y.id, label: `${y.code} — ${y.name}` }))) })],
      submitLabel: t('topics.merge'), extraButtons: [cancel],
      onSubmit: async (v) => {
        await api.mergeOpinionTopic(x.id, { into: Number(v.into) });
        toast(t('opinion.saved'));
        dlg.close();
        load();
      },
    });
    dlg = openDialog({ title: t('topics.mergeTitle', { name: x.name }), body: form.el });
  }

  async function load() {
    let res;
    try {
      res = await api.opinionTopics();
    } catch (err) {
      replace(body, errorBox(err, load));
      return;
    }
    const items = res.items;
    const rows = treeOrder(items).map(({ x, depth }) => h('tr', null,
      h('td', null, x.code),
      h('td', { class: `depth-${Math.min(depth, 3)}` }, `${'— '.repeat(depth)}${x.name}`),
      h('td', { class: 'num' }, formatInt(x.reports)),
      h('td', null, x.merged_into ? t('topics.mergedInto', { code: x.merged_into_code }) : ''),
      h('td', null, x.merged_into ? null : h('button', { type: 'button', class: 'btn btn-small', onclick: () => mergeDialog(x, items) }, t('topics.merge')))));
    const form = new Form({
      fields: [
        field({ name: 'code', label: t('topics.code'), required: true, attrs: { maxlength: '16' } }),
        field({ name: 'name', label: t('topics.name'), required: true, wide: true, attrs: { maxlength: '200' } }),
        field({ name: 'parent_id', label: t('topics.parent'), type: 'select', value: '',
          options: [{ value: '', label: t('topics.noParent') }].concat(items.filter((y) => y.merged_into === null).map((y) => ({ value: y.id, label: `${y.code} — ${y.name}` }))) }),
      ],
      submitLabel: t('topics.add'),
      onSubmit: async (v) => {
        await api.createOpinionTopic({ code: v.code, name: v.name, parent_id: v.parent_id ? Number(v.parent_id) : null });
        toast(t('opinion.saved'));
        load();
      },
    });
    replace(body,
      tableWrap(t('topics.title'), h('table', { class: 'data-table topics-table' },
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('topics.code')), h('th', { scope: 'col' }, t('topics.name')),
          h('th', { scope: 'col' }, t('topics.reports')), h('th', { scope: 'col' }, t('topics.state')),
          h('th', { scope: 'col' }, t('common.actions')))),
        h('tbody', null, rows))),
      h('h3', null, t('topics.add')), form.el);
  }

  panel.addEventListener('toggle', () => { if (panel.open) load(); }, { once: true });
  return panel;
}

/* --- the weekly digest ---------------------------------------------------- */

function digestMount(container, ctx) {
  setTitle(t('digest.title'));
  let destroyed = false;
  let req = 0;
  const out = h('div', { class: 'digest', 'aria-live': 'polite' });
  const unitId = uid('dg-unit');
  const weekId = uid('dg-week');
  let unit = null;
  const picker = unitPicker({ onChange: (u) => { unit = u; load(); } });
  picker.input.id = unitId;
  const week = h('input', { id: weekId, value: ctx.query.get('week') || lastWeek(), maxlength: '8', autocomplete: 'off' });
  const controls = h('form', { class: 'filters no-print', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: unitId }, t('digest.unit')), picker.el),
    h('div', { class: 'field' }, h('label', { for: weekId }, t('digest.week')), week),
    h('div', { class: 'filter-actions' },
      h('button', { type: 'submit', class: 'btn btn-primary' }, t('digest.show')),
      h('button', { type: 'button', class: 'btn', onclick: () => window.print() }, t('digest.print'))));
  controls.addEventListener('submit', (ev) => { ev.preventDefault(); load(); });
  container.appendChild(h('section', { class: 'page page-digest' },
    h('h1', { tabindex: '-1' }, t('digest.title')), controls, out));

  function topicLine(x) {
    return h('li', null, h('strong', null, x.name), ' — ',
      t('digest.topicLine', { n: formatInt(x.reports), prev: String(x.previous_mean).replace('.', ',') }),
      x.localities.length ? ` (${x.localities.map((u) => u.name).join('; ')})` : '');
  }

  async function load() {
    const my = ++req;
    replace(out, loading());
    let d;
    try {
      d = await api.opinionDigest({ unit: unit ? unit.id : '', week: week.value.trim() });
    } catch (err) {
      if (my === req && !destroyed) replace(out, errorBox(err, load));
      return;
    }
    if (my !== req || destroyed) return;
    const head = h('tr', null, h('th', { scope: 'col' }, t('opinion.topic')),
      d.weeks.map((w) => h('th', { scope: 'col', class: 'num' }, w.replace(/^\d{4}-W/, t('digest.weekShort')))),
      h('th', { scope: 'col' }, t('digest.trend')));
    const rows = d.topics.map((x) => h('tr', { class: x.rising ? 'rising' : null },
      h('th', { scope: 'row' }, x.name),
      x.weeks.map((n) => h('td', { class: 'num' }, formatInt(n))),
      h('td', null, x.rising ? t('digest.rising') : '')));
    const opener = ['admin', 'leader', 'specialist'].includes(ctx.user.role);
    const high = d.high_intensity.map((x) => h('li', null,
      h('strong', null, `${x.unit_name} — ${x.topic_name}: `), x.summary,
      ` (${t('digest.shares', { a: x.share_agree, c: x.share_concerned, d: x.share_disagree })})`,
      opener ? [' ', h('a', { class: 'btn btn-small', href: `#/hotspots?report=${x.report_id}` }, t('digest.openHotspot'))] : null));
    const recos = d.recommendations.map((x) => h('li', null,
      h('strong', null, `${x.unit_name} — ${x.topic_name} (${t(`opinion.intensity.${x.intensity}`)}): `), x.recommendation));
    replace(out,
      h('h2', null, `${d.title} — ${d.unit.name}`),
      h('p', null, t('digest.range', { from: formatDate(d.from), to: formatDate(d.to), n: formatInt(d.reports) })),
      h('h3', null, t('digest.risingTitle')),
      d.rising.length ? h('ul', { class: 'digest-rising' }, d.rising.map(topicLine)) : empty(t('digest.noRising')),
      h('h3', null, t('digest.weeksTitle')),
      d.topics.length ? tableWrap(t('digest.weeksTitle'), h('table', { class: 'data-table digest-table' },
        h('thead', null, head), h('tbody', null, rows))) : empty(t('digest.none')),
      h('h3', null, t('digest.highTitle')),
      high.length ? h('ul', { class: 'digest-high' }, high) : empty(t('digest.noHigh')),
      h('h3', null, t('digest.recoTitle')),
      recos.length ? h('ol', { class: 'digest-recos' }, recos) : empty(t('digest.noReco')));
  }

  load();
  return { destroy() { destroyed = true; } };
}

export const digestPage = { mount: digestMount };
