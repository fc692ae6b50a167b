/*
 * #/indicators: indicators (chỉ tiêu) in four panels.
 *
 * - Entering a value: indicator, unit (a contributor's own, fixed), period
 *   of the indicator's type, numerator and denominator under the labels of
 *   the definition ("Hộ đạt danh hiệu Gia đình văn hóa" / "Tổng số hộ"),
 *   the rate shown live as they type (format.js). When the unit already has
 *   a value for that period it is loaded and saving corrects it (PATCH).
 *   The server's refusals (numerator above denominator, a period of the
 *   wrong type, a merged unit) appear next to the field they name.
 * - Completeness and timeliness for an indicator, unit and period: how many
 *   units were expected, entered on time, late, or not at all, and who.
 * - The values entered for the chosen indicator and period.
 * - The definitions; admins add and edit them.
 */
import { h, replace } from '../dom.js';
import { t } from '../i18n/index.js';
import * as api from '../api.js';
import { formatInt, formatRate, formatPercent, formatDate } from '../format.js';
import { field, Form } from '../components/form.js';
import { openDialog } from '../components/dialog.js';
import { unitPicker } from '../components/unitpicker.js';
import { unitField, canEnter } from '../components/unitfield.js';
import { periodFields, periodLabel, KINDS_OF_TYPE } from '../components/period.js';
import { loading, empty, errorBox, tableWrap, setTitle, toast } from '../components/ui.js';

const PERIOD_TYPES = ['year', 'half', 'quarter', 'month', 'week'];

const isInt = (v) => /^\d+$/.test(String(v).trim());

/* "95", "95,5", "95.50" -> 9500, 9550, 9550; "" -> null; anything else -> NaN. */
export function parseTarget(s) {
  const v = String(s ?? '').trim().replace('%', '').trim();
  if (v === '') return null;
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(v);
  if (!m) return NaN;
  return Number(m[1]) * 100 + Number((m[2] || '').padEnd(2, '0'));
}

/* Hundredths back to the text typed in the form: 9550 -> "95,50". */
function targetText(hundredths) {
  if (hundredths === null || hundredths === undefined) return '';
  return formatPercent(hundredths, 2).replace('%', '');
}

/* Sets a field's visible label (the definition's numerator / denominator). */
function relabel(f, text) {
  const label = f.el.querySelector('label');
  label.firstChild.textContent = text;
  f.label = text;
}

function definitionDialog({ ind, levels, onDone }) {
  const editing = !!ind;
  let dlg;
  const fields = [
    field({ name: 'code', label: t('indicator.code'), value: ind ? ind.code : '', required: true, attrs: { maxlength: '32', autocapitalize: 'characters' } }),
    field({ name: 'name', label: t('indicator.name'), value: ind ? ind.name : '', required: true, wide: true, attrs: { maxlength: '300' } }),
    field({ name: 'numerator_label', label: t('indicator.numeratorLabel'), value: ind ? ind.numerator_label : '', required: true, hint: t('indicator.numeratorHint'), attrs: { maxlength: '200' } }),
    field({ name: 'denominator_label', label: t('indicator.denominatorLabel'), value: ind ? ind.denominator_label : '', required: true, hint: t('indicator.denominatorHint'), attrs: { maxlength: '200' } }),
    field({ name: 'period_type', label: t('indicator.periodType'), type: 'select', value: ind ? ind.period_type : 'year', options: PERIOD_TYPES.map((p) => ({ value: p, label: t(`indicator.periodType.${p}`) })) }),
    field({ name: 'target_hundredths', label: t('indicator.target'), value: ind ? targetText(ind.target_hundredths) : '', hint: t('indicator.targetHint'), attrs: { inputmode: 'decimal' } }),
    field({ name: 'deadline_days', label: t('indicator.deadlineDays'), type: 'number', value: ind ? ind.deadline_days : 15, attrs: { min: 0, max: 366 } }),
    field({ name: 'level', label: t('indicator.level'), type: 'select', value: ind ? ind.level || '' : '', options: [{ value: '', label: t('indicator.levelLeaves') }, ...levels.map((l) => ({ value: l.code, label: l.name }))] }),
  ];
  if (editing) {
    fields.push(field({ name: 'active', label: t('indicator.status'), type: 'select', value: ind.active ? '1' : '0', options: [{ value: '1', label: t('indicator.active') }, { value: '0', label: t('indicator.inactive') }] }));
  }
  const cancel = h('button', { type: 'button', class: 'btn', onclick: () => dlg.close() }, t('common.cancel'));
  const form = new Form({
    fields, submitLabel: editing ? t('common.save') : t('indicator.create'), extraButtons: [cancel],
    onSubmit: async (v) => {
      const target = parseTarget(v.target_hundredths);
      if (Number.isNaN(target) || target > 10000) throw { field: 'target_hundredths', message: t('indicator.targetInvalid') };
      if (!isInt(v.deadline_days)) throw { field: 'deadline_days', message: t('validation.wholeNumber') };
      const body = {
        code: v.code.toUpperCase(), name: v.name, numerator_label: v.numerator_label, denominator_label: v.denominator_label,
        period_type: v.period_type, target_hundredths: target, deadline_days: Number(v.deadline_days), level: v.level || null,
      };
      if (editing) body.active = v.active === '1';
      const saved = editing ? await api.updateIndicator(ind.id, body) : await api.createIndicator(body);
      toast(t('indicator.saved', { name: saved.name || v.name }));
      dlg.close();
      onDone();
    },
  });
  dlg = openDialog({ title: editing ? t('indicator.editTitle', { code: ind.code }) : t('indicator.createTitle'), body: form.el, wide: true });
}

export function mount(container, ctx) {
  setTitle(t('indicator.title'));
  const user = ctx.user;
  const isAdmin = user.role === 'admin';
  let destroyed = false;
  let indicators = [];
  let levels = [];

  const entryPanel = h('div', { class: 'panel indicator-entry' });
  const complPanel = h('div', { class: 'panel' });
  const valuesPanel = h('div', { class: 'panel' });
  const defsPanel = h('div', { class: 'panel' });
  const status = h('div', { 'aria-live': 'polite' }, loading());
  container.appendChild(h('section', { class: 'page page-indicators' },
    h('h1', { tabindex: '-1' }, t('indicator.title')), status,
    canEnter(user) ? entryPanel : null, complPanel, valuesPanel, defsPanel));

  const byId = (id) => indicators.find((i) => String(i.id) === String(id));
  const indicatorOptions = (onlyActive) => indicators.filter((i) => !onlyActive || i.active)
    .map((i) => ({ value: i.id, label: `${i.code} — ${i.name}` }));

  async function start() {
    replace(status, loading());
    try {
      const [r, lv] = await Promise.all([api.listIndicators({ limit: 200 }), api.levels()]);
      if (destroyed) return;
      indicators = r.items || [];
      levels = (lv.items || []).slice().sort((a, b) => a.rank - b.rank);
      status.replaceChildren();
      if (!indicators.length) status.appendChild(empty(t('indicator.none')));
      if (canEnter(user) && indicators.some((i) => i.active)) drawEntry();
      else entryPanel.replaceChildren();
      if (indicators.length) {
        drawCompleteness();
        drawValues();
      }
      drawDefinitions();
    } catch (err) {
      if (!destroyed) replace(status, errorBox(err, start));
    }
  }

  /* ------------------------------------------------------- value entry */

  function drawEntry() {
    const first = indicators.find((i) => i.active);
    let existing = null; /* the value already entered for unit + period */
    let lookup = 0;
    const indField = field({ name: 'indicator_id', label: t('indicator.indicator'), type: 'select', value: first.id, options: indicatorOptions(true), wide: true });
    const unit = unitField({ user, label: t('indicator.unit'), wide: true, onChange: () => findExisting() });
    const period = periodFields({ kinds: KINDS_OF_TYPE[first.period_type] || ['year'], onChange: () => findExisting() });
    const num = field({ name: 'numerator', label: first.numerator_label, type: 'number', required: true, attrs: { min: 0, inputmode: 'numeric' } });
    const den = field({ name: 'denominator', label: first.denominator_label, type: 'number', required: true, attrs: { min: 0, inputmode: 'numeric' } });
    const note = field({ name: 'note', label: t('indicator.note'), wide: true, attrs: { maxlength: '2000' } });
    const rate = h('output', { class: 'live-rate', 'aria-live': 'polite' });
    const state = h('p', { class: 'hint entry-state', 'aria-live': 'polite' });
    const target = h('p', { class: 'hint' });

    const form = new Form({
      fields: [indField, unit.field, ...period.fields, num, den, note],
      submitLabel: t('indicator.saveValue'), className: 'indicator-form',
      onSubmit: async (v) => {
        const key = period.key();
        if (!key) throw { field: 'period_year', message: t('period.invalid') };
        if (!isInt(v.numerator)) throw { field: 'numerator', message: t('validation.wholeNumber') };
        if (!isInt(v.denominator)) throw { field: 'denominator', message: t('validation.wholeNumber') };
        const body = { numerator: Number(v.numerator), denominator: Number(v.denominator), note: v.note || null };
        if (existing) await api.updateIndicatorValue(existing.id, body);
        else await api.createIndicatorValue({ indicator_id: Number(v.indicator_id), unit_id: v.unit_id, period: key, ...body });
        toast(t('indicator.valueSaved'));
        await findExisting();
        drawValues();
      },
    });

    function showRate() {
      const n = num.input.value.trim();
      const d = den.input.value.trim();
      if (isInt(n) && isInt(d) && Number(d) > 0) {
        rate.textContent = t('indicator.liveRate', { ratio: `${formatInt(n)}/${formatInt(d)}`, rate: formatRate(n, d, 2) });
        rate.classList.toggle('is-over', Number(n) > Number(d));
      } else {
        rate.textContent = '';
        rate.classList.remove('is-over');
      }
    }

    function showDefinition() {
      const ind = byId(indField.input.value);
      if (!ind) return;
      relabel(num, ind.numerator_label);
      relabel(den, ind.denominator_label);
      period.setKinds(KINDS_OF_TYPE[ind.period_type] || ['year']);
      target.textContent = [
        t('indicator.periodOf', { type: t(`indicator.periodType.${ind.period_type}`) }),
        ind.target_hundredths !== null && ind.target_hundredths !== undefined ? t('indicator.targetIs', { target: formatPercent(ind.target_hundredths, 2) }) : null,
        t('indicator.deadlineIs', { days: formatInt(ind.deadline_days) }),
      ].filter(Boolean).join(' · ');
    }

    async function findExisting() {
      const mine = ++lookup;
      existing = null;
      state.textContent = '';
      const unitId = unit.field.value();
      const key = period.key();
      if (!unitId || !key) return;
      try {
        const r = await api.listIndicatorValues({ indicator_id: indField.input.value, unit_id: unitId, period: key, limit: 5 });
        if (mine !== lookup || destroyed) return;
        existing = (r.items || []).find((x) => x.unit_id === unitId && x.period === key) || null;
        if (existing) {
          num.input.value = String(existing.numerator);
          den.input.value = String(existing.denominator);
          note.input.value = existing.note || '';
          state.textContent = t('indicator.existing', { date: formatDate(existing.entered_on) });
        } else {
          state.textContent = t('indicator.newValue');
        }
        showRate();
      } catch {
        /* the lookup only helps; saving reports any real problem */
      }
    }

    num.input.addEventListener('input', showRate);
    den.input.addEventListener('input', showRate);
    indField.input.addEventListener('change', () => { showDefinition(); findExisting(); });
    den.el.after(h('div', { class: 'field rate-field' }, h('span', { class: 'rate-label' }, t('indicator.rate')), rate));
    showDefinition();
    findExisting();
    replace(entryPanel, h('h2', null, t('indicator.entryTitle')), target, state, form.el);
  }

  /* ------------------------------------------ completeness, timeliness */

  function drawCompleteness() {
    const first = indicators.find((i) => i.active) || indicators[0];
    const out = h('div', { class: 'completeness', 'aria-live': 'polite' });
    const indField = field({ name: 'indicator', label: t('indicator.indicator'), type: 'select', value: first.id, options: indicatorOptions(false), wide: true });
    const picker = unitPicker({ value: { id: user.unit_id, name: user.unit_name, code: user.unit_code } });
    const unitF = field({ name: 'unit', label: t('indicator.scope'), control: picker.el, input: picker.input, getValue: picker.getValue, wide: true });
    const lastYear = String(new Date().getFullYear() - 1);
    const period = periodFields({ kinds: KINDS_OF_TYPE[first.period_type] || ['year'], value: lastYear });
    const form = new Form({
      fields: [indField, unitF, ...period.fields], submitLabel: t('indicator.showCompleteness'),
      onSubmit: async (v) => {
        const key = period.key();
        if (!key) throw { field: 'period_year', message: t('period.invalid') };
        replace(out, loading());
        try {
          const r = await api.indicatorCompleteness(v.indicator, { unit: v.unit || user.unit_id, period: key });
          if (destroyed) return;
          replace(out, completenessView(r));
        } catch (err) {
          out.replaceChildren();
          throw err;
        }
      },
    });
    indField.input.addEventListener('change', () => {
      const ind = byId(indField.input.value);
      if (ind) period.setKinds(KINDS_OF_TYPE[ind.period_type] || ['year']);
    });
    replace(complPanel, h('h2', null, t('indicator.completenessTitle')), form.el, out);
  }

  function unitRows(items, withRate) {
    return h('ul', { class: 'unit-list' }, items.map((u) => h('li', null, u.name, ' ',
      h('span', { class: 'muted' }, `(${u.code})`),
      u.entered_on ? h('span', { class: 'muted' }, ` — ${t('indicator.enteredOn', { date: formatDate(u.entered_on) })}`) : null,
      withRate && u.rate ? h('span', { class: 'muted', title: t('rollup.exact', { rate: formatRate(u.rate.numerator, u.rate.denominator, 4) }) },
        ` — ${formatInt(u.rate.numerator)}/${formatInt(u.rate.denominator)}, ${t('rollup.achieved')} ${formatRate(u.rate.numerator, u.rate.denominator, 2)}`) : null)));
  }

  function completenessView(r) {
    const onTime = r.entered - r.late_count;
    return h('div', null,
      h('p', { class: 'completeness-head' }, t('indicator.completenessOf', {
        name: r.indicator.name, period: periodLabel(r.period), deadline: formatDate(r.deadline),
      })),
      h('dl', { class: 'stats' },
        h('div', null, h('dt', null, t('indicator.expected')), h('dd', null, formatInt(r.expected))),
        h('div', null, h('dt', null, t('indicator.entered')), h('dd', { title: formatRate(r.entered, r.expected, 2) }, `${formatInt(r.entered)} (${formatRate(r.entered, r.expected, 0)})`)),
        h('div', { class: 'stat-ok' }, h('dt', null, t('indicator.onTime')), h('dd', null, formatInt(onTime))),
        h('div', { class: 'stat-warn' }, h('dt', null, t('indicator.late')), h('dd', null, formatInt(r.late_count))),
        h('div', { class: 'stat-bad' }, h('dt', null, t('indicator.missing')), h('dd', null, formatInt(r.missing_count)))),
      h('h3', null, t('indicator.missingList', { count: formatInt(r.missing_count) })),
      r.missing.length ? unitRows(r.missing, false) : empty(t('indicator.noneMissing')),
      h('h3', null, t('indicator.lateList', { count: formatInt(r.late_count) })),
      r.late.length ? unitRows(r.late, true) : empty(t('indicator.noneLate')),
      r.on_time && r.on_time.length ? h('details', null, h('summary', null, t('indicator.onTimeList', { count: formatInt(r.on_time.length) })), unitRows(r.on_time, true)) : null);
  }

  /* ------------------------------------------------------------ values */

  let valuesFilter = null;
  function drawValues() {
    if (!valuesFilter) {
      const first = indicators.find((i) => i.active) || indicators[0];
      valuesFilter = { indicator: String(first.id) };
    }
    const sel = field({ name: 'indicator', label: t('indicator.indicator'), type: 'select', value: valuesFilter.indicator, options: indicatorOptions(false), wide: true });
    const out = h('div', { 'aria-live': 'polite' }, loading());
    sel.input.addEventListener('change', () => { valuesFilter.indicator = sel.input.value; load(); });
    replace(valuesPanel, h('h2', null, t('indicator.valuesTitle')), h('div', { class: 'filters' }, sel.el), out);
    async function load() {
      replace(out, loading());
      try {
        const r = await api.listIndicatorValues({ indicator_id: valuesFilter.indicator, limit: 100 });
        if (destroyed) return;
        if (!r.items.length) {
          replace(out, empty(t('indicator.noValues')));
          return;
        }
        replace(out, tableWrap(t('indicator.valuesTitle'), h('table', { class: 'data-table' },
          h('caption', { class: 'visually-hidden' }, t('indicator.valuesTitle')),
          h('thead', null, h('tr', null,
            h('th', { scope: 'col' }, t('indicator.unit')), h('th', { scope: 'col' }, t('period.kind')),
            h('th', { scope: 'col', class: 'num' }, t('indicator.value')), h('th', { scope: 'col', class: 'num' }, t('indicator.rate')),
            h('th', { scope: 'col' }, t('indicator.enteredOnCol')))),
          h('tbody', null, r.items.map((x) => h('tr', null,
            h('td', null, x.unit_name), h('td', null, periodLabel(x.period)),
            h('td', { class: 'num nowrap' }, `${formatInt(x.numerator)}/${formatInt(x.denominator)}`),
            h('td', { class: 'num', title: t('rollup.exact', { rate: formatRate(x.numerator, x.denominator, 4) }) }, formatRate(x.numerator, x.denominator, 2)),
            h('td', null, formatDate(x.entered_on), x.late ? h('span', { class: 'badge badge-warn' }, t('indicator.lateBadge')) : null)))))),
        r.total > r.items.length ? h('p', { class: 'hint' }, t('indicator.moreValues', { shown: formatInt(r.items.length), total: formatInt(r.total) })) : null);
      } catch (err) {
        if (!destroyed) replace(out, errorBox(err, load));
      }
    }
    load();
  }

  /* ------------------------------------------------------- definitions */

  function drawDefinitions() {
    const add = isAdmin ? h('button', {
      type: 'button', class: 'btn btn-primary', dataset: { action: 'create-indicator' },
      onclick: () => definitionDialog({ levels, onDone: start }),
    }, t('indicator.add')) : null;
    const levelName = (code) => (levels.find((l) => l.code === code) || {}).name || code;
    const table = indicators.length ? tableWrap(t('indicator.definitions'), h('table', { class: 'data-table' },
      h('caption', { class: 'visually-hidden' }, t('indicator.definitions')),
      h('thead', null, h('tr', null,
        ['indicator.code', 'indicator.name', 'indicator.fraction', 'indicator.periodType', 'indicator.target', 'indicator.deadlineDays', 'indicator.level', 'indicator.status']
          .map((k) => h('th', { scope: 'col' }, t(k))),
        isAdmin ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('common.actions'))) : null)),
      h('tbody', null, indicators.map((i) => h('tr', { class: i.active ? null : 'is-disabled', dataset: { indicatorId: String(i.id) } },
        h('td', null, h('span', { class: 'mono' }, i.code)),
        h('td', null, i.name),
        h('td', null, `${i.numerator_label} / ${i.denominator_label}`),
        h('td', null, t(`indicator.periodType.${i.period_type}`)),
        h('td', { class: 'num' }, i.target_hundredths === null || i.target_hundredths === undefined ? '—' : formatPercent(i.target_hundredths, 2)),
        h('td', { class: 'num' }, formatInt(i.deadline_days)),
        h('td', null, i.level ? levelName(i.level) : t('indicator.levelLeaves')),
        h('td', null, h('span', { class: ['status', i.active ? 'status-on' : 'status-off'] }, i.active ? t('indicator.active') : t('indicator.inactive'))),
        isAdmin ? h('td', { class: 'row-actions' }, h('button', {
          type: 'button', class: 'btn btn-small', dataset: { action: 'edit' }, 'aria-label': `${t('common.edit')}: ${i.code}`,
          onclick: () => definitionDialog({ ind: i, levels, onDone: start }),
        }, t('common.edit'))) : null))))) : null;
    replace(defsPanel, h('div', { class: 'page-head' }, h('h2', null, t('indicator.definitions')), add), table);
  }

  start();
  return { destroy() { destroyed = true; } };
}
