/*
 * #/reports — periodic reports (Báo cáo định kỳ).
 *
 * - "Lập báo cáo": a unit and a period (6 tháng đầu năm, năm, quý, tháng,
 *   tuần) give a draft from the roll-up (POST /reports); when the unit
 *   already has one for the period it is opened instead;
 * - the list of reports of the user's subtree;
 * - a report: the Party header, section I as the server words it, the
 *   free text of I (bổ sung), II and III as text areas saved with PATCH,
 *   "Cập nhật số liệu" (regenerate, the text is kept), exports (DOCX, XLSX,
 *   print view), submit and reopen with a reason (leaders and admins);
 * - the category: a periodic report, or the weekly press report (báo cáo
 *   công tác báo chí hàng tuần: a week only, its section I text the
 *   week's coverage summary, the week's figures beside it);
 * - "Tình hình nộp báo cáo": the lower units of a unit for a period, on
 *   time, late, draft or missing.
 * All text reaches the page through textContent (h()).
 */
import { h, replace } from '../dom.js';
import { t } from '../i18n/index.js';
import * as api from '../api.js';
import { formatInt } from '../format.js';
import { field } from '../components/form.js';
import { unitPicker } from '../components/unitpicker.js';
import { periodFields, periodGroup, periodLabel } from '../components/period.js';
import { loading, empty, errorBox, errorMessage, tableWrap, setTitle, toast } from '../components/ui.js';

const REPORT_KINDS = ['h1', 'h2', 'year', 'quarter', 'month', 'week'];

function textArea(name, label, value, disabled) {
  const input = h('textarea', { name, rows: 6, disabled });
  input.value = value || '';
  return field({ name, label, control: input, input, wide: true });
}

export function mount(container, ctx) {
  setTitle(t('reports.title'));
  const user = ctx.user || {};
  const writer = ['admin', 'leader', 'specialist'].includes(user.role);
  const leader = ['admin', 'leader'].includes(user.role);
  const picker = unitPicker({});
  const period = periodFields({ kinds: REPORT_KINDS, value: '2022-H1' });
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const category = field({
    name: 'category', label: t('reports.category'), type: 'select', value: 'periodic',
    options: ['periodic', 'press'].map((c) => ({ value: c, label: t(`reports.category.${c}`) })),
  });
  const listBox = h('div');
  const detail = h('div', { class: 'report-detail' });
  const statusBox = h('div');

  function showError(box, e) {
    box.hidden = false;
    box.textContent = errorMessage(e);
  }

  async function draft(ev) {
    ev.preventDefault();
    formError.hidden = true;
    const unit = picker.getValue() || user.unit_id;
    const key = period.key();
    const cat = category.value();
    try {
      const r = await api.createReport({ unit_id: unit, period: key, category: cat });
      toast(t('reports.created'));
      await refreshList();
      open(r.id);
    } catch (e) {
      if (e.status === 409 && e.code === 'exists') {
        const l = await api.listReports({ unit_id: unit, period: key, category: cat });
        if (l.items.length) return open(l.items[0].id);
      }
      showError(formError, e);
    }
  }

  async function refreshList() {
    replace(listBox, loading());
    try {
      const l = await api.listReports({ limit: 100 });
      if (!l.items.length) return replace(listBox, empty(t('reports.none')));
      const rows = l.items.map((r) => h('tr', null,
        h('td', null, r.unit_name),
        h('td', null, periodLabel(r.period),
          r.category === 'press' ? h('span', { class: 'cell-sub' }, t('reports.category.press')) : null),
        h('td', null, r.symbol || '—'),
        h('td', { dataset: { status: r.status } }, t(`reports.status.${r.status}`) + (r.provisional ? ` (${t('reports.provisional')})` : '')),
        h('td', null, h('button', { type: 'button', class: 'btn btn-link', onclick: () => open(r.id) }, t('reports.open')))));
      replace(listBox, tableWrap(t('reports.list'), h('table', { class: 'table' },
        h('thead', null, h('tr', null, ['unit', 'period', 'symbol', 'status', 'actions'].map((c) => h('th', null, t(`reports.col.${c}`))))),
        h('tbody', null, rows))));
    } catch (e) {
      replace(listBox, errorBox(e, refreshList));
    }
  }

  function header(r) {
    return h('div', { class: 'report-header' },
      h('div', { class: 'report-header-left' },
        r.header_committee ? h('p', null, r.header_committee) : null,
        h('p', { class: 'strong' }, r.header_unit),
        h('p', null, '*'),
        h('p', null, `Số ${r.symbol || '    -BC'}`)),
      h('div', { class: 'report-header-right' },
        h('p', { class: 'strong underline' }, 'ĐẢNG CỘNG SẢN VIỆT NAM'),
        h('p', { class: 'italic' }, r.place_date)));
  }

  async function open(id) {
    replace(detail, loading());
    let r;
    try {
      r = await api.getReport(id);
    } catch (e) {
      return replace(detail, errorBox(e, () => open(id)));
    }
    const locked = r.status !== 'draft';
    const err = h('p', { class: 'form-error', role: 'alert', hidden: true });
    const press = r.category === 'press';
    const results = textArea('results_text', t(press ? 'reports.pressText' : 'reports.resultsText'), r.results_text, locked || !writer);
    const limits = textArea('limits_text', t('reports.limits'), r.limits_text, locked || !writer);
    const tasks = textArea('tasks_text', t('reports.tasks'), r.tasks_text, locked || !writer);
    const signer = field({ name: 'signer', label: t('reports.signer'), value: r.signer, attrs: { disabled: locked || !writer } });
    const reason = field({ name: 'reason', label: t('reports.reason') });
    const act = (fn, msg) => async () => {
      err.hidden = true;
      try {
        await fn();
        toast(msg);
        await refreshList();
        open(id);
      } catch (e) {
        showError(err, e);
      }
    };
    const save = () => api.updateReport(id, {
      results_text: results.input.value, limits_text: limits.input.value,
      tasks_text: tasks.input.value, signer: signer.input.value,
    });
    const exp = (f) => h('a', { class: 'btn', href: api.reportExportUrl(id, f), target: f === 'html' ? '_blank' : null, rel: 'noopener' }, t(`reports.export.${f}`));
    replace(detail,
      h('section', { class: 'card', 'aria-label': t('reports.detail') },
        h('h2', null, `${t(press ? 'reports.category.press' : 'reports.report')} ${periodLabel(r.period)} — ${r.unit_name}`),
        h('p', { class: 'report-state', dataset: { status: r.status } },
          t(`reports.status.${r.status}`),
          r.provisional ? ` — ${t('reports.provisionalLong')}` : '',
          r.submitted_at && r.status === 'submitted' ? ` — ${r.submitted_by}, ${r.submitted_at}` : '',
          r.reopen_reason && r.status === 'draft' ? ` — ${t('reports.reopened')}: ${r.reopen_reason}` : ''),
        header(r),
        h('h3', { class: 'center' }, 'BÁO CÁO'),
        h('p', { class: 'center strong' }, r.title),
        h('h3', null, 'I. Kết quả đạt được'),
        h('div', { class: 'report-results' }, r.results.map((s) => h('p', null, s))),
        results.el,
        h('h3', null, 'II. Hạn chế, nguyên nhân'),
        limits.el,
        h('h3', null, 'III. Phương hướng, nhiệm vụ'),
        tasks.el,
        signer.el,
        err,
        h('div', { class: 'form-actions' },
          writer && !locked ? h('button', { type: 'button', class: 'btn btn-primary', onclick: act(save, t('reports.saved')) }, t('common.save')) : null,
          writer && !locked ? h('button', { type: 'button', class: 'btn', onclick: act(() => api.regenerateReport(id), t('reports.regenerated')) }, t('reports.regenerate')) : null,
          exp('docx'), exp('xlsx'), exp('html'),
          leader && !locked ? h('button', { type: 'button', class: 'btn btn-primary', onclick: act(async () => { await save(); await api.submitReport(id); }, t('reports.submitted')) }, t('reports.submit')) : null),
        leader && locked ? h('div', { class: 'form-actions' }, reason.el,
          h('button', { type: 'button', class: 'btn', onclick: act(() => api.reopenReport(id, { reason: reason.input.value }), t('reports.reopenedMsg')) }, t('reports.reopen'))) : null));
  }

  const statusPicker = unitPicker({});
  const statusPeriod = periodFields({ kinds: REPORT_KINDS, value: '2022-H1' });
  async function showStatus(ev) {
    if (ev) ev.preventDefault();
    replace(statusBox, loading());
    try {
      const s = await api.reportsStatus({ unit: statusPicker.getValue() || user.unit_id, period: statusPeriod.key() });
      if (!s.items.length) return replace(statusBox, empty(t('reports.noLower')));
      replace(statusBox,
        h('p', null, t('reports.deadline', { date: s.deadline, on: formatInt(s.counts.on_time), late: formatInt(s.counts.late), missing: formatInt(s.counts.missing + s.counts.draft) })),
        tableWrap(t('reports.statusTitle'), h('table', { class: 'table' },
          h('thead', null, h('tr', null, ['unit', 'state', 'submitted'].map((c) => h('th', null, t(`reports.col.${c}`))))),
          h('tbody', null, s.items.map((it) => h('tr', { dataset: { state: it.state } },
            h('td', null, it.unit.name),
            h('td', null, t(`reports.state.${it.state}`) + (it.overdue ? ` (${t('reports.overdue')})` : '')),
            h('td', null, it.submitted_at ? `${it.submitted_at} — ${it.submitted_by || ''}` : '—')))))));
    } catch (e) {
      replace(statusBox, errorBox(e, showStatus));
    }
  }

  replace(container,
    h('h1', null, t('reports.title')),
    writer ? h('form', { class: 'form card', onsubmit: draft, 'aria-label': t('reports.draft') },
      h('h2', null, t('reports.draft')),
      h('div', { class: 'field' }, h('label', null, t('reports.unit')), picker.el),
      category.el,
      periodGroup(period),
      formError,
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('reports.create')))) : null,
    listBox,
    detail,
    h('form', { class: 'form card', onsubmit: showStatus, 'aria-label': t('reports.statusTitle') },
      h('h2', null, t('reports.statusTitle')),
      h('div', { class: 'field' }, h('label', null, t('reports.unit')), statusPicker.el),
      periodGroup(statusPeriod),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn' }, t('reports.showStatus')))),
    statusBox);
  refreshList();
  return {};
}
