/*
 * #/imports (admins): import units, user accounts or indicator values from
 * a CSV or XLSX file. The admin picks the kind and the file and runs a
 * check first (dry run: nothing is written, the server says how many rows
 * it would create and update and lists every bad row by line and column);
 * "Nhập" is offered once the check of that same file found no error. The
 * upload shows a progress bar, the server's work a spinner, the result its
 * counts.
 */
import { h, replace, uid } from '../dom.js';
import { t } from '../i18n/index.js';
import * as api from '../api.js';
import { formatInt } from '../format.js';
import { field } from '../components/form.js';
import { errorBox, tableWrap, setTitle, toast } from '../components/ui.js';

const KINDS = ['units', 'users', 'indicator-values'];
const COLUMNS = {
  units: 'code, name, short_name, parent_code, level, members, valid_from',
  users: 'username, full_name, unit_code, role, password, disabled',
  'indicator-values': 'indicator_code, unit_code, period, numerator, denominator, note',
};

class ImportsPage {
  constructor() {
    this.destroyed = false;
    this.checked = null; /* {kind, file} of the last dry run without errors */
    this.kind = field({
      name: 'kind', label: t('imports.kind'), type: 'select', value: 'units',
      options: KINDS.map((k) => ({ value: k, label: t(`imports.kind.${k}`) })),
      attrs: { onchange: () => this.changed() },
    });
    const fileId = uid('f-file');
    this.fileInput = h('input', {
      id: fileId, name: 'file', type: 'file', accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      onchange: () => this.changed(),
    });
    this.columns = h('p', { class: 'hint', dataset: { role: 'columns' } });
    this.checkBtn = h('button', { type: 'button', class: 'btn btn-primary', dataset: { action: 'dry-run' }, onclick: () => this.run(true) }, t('imports.dryRun'));
    this.importBtn = h('button', { type: 'button', class: 'btn', disabled: true, dataset: { action: 'import' }, onclick: () => this.run(false) }, t('imports.run'));
    this.status = h('div', { class: 'import-status', 'aria-live': 'polite' });
    this.results = h('div', { class: 'results' });
    this.el = h('section', { class: 'page page-imports' },
      h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, t('imports.title'))),
      h('div', { class: 'panel' },
        h('p', null, t('imports.intro')),
        h('div', { class: 'filters' },
          this.kind.el,
          h('div', { class: 'field' }, h('label', { for: fileId }, t('imports.file')), this.fileInput)),
        this.columns,
        h('div', { class: 'filter-actions' }, this.checkBtn, this.importBtn),
        this.status, this.results));
    this.changed();
  }

  file() {
    return this.fileInput.files && this.fileInput.files[0];
  }

  /* A new kind or file needs a new check before it can be imported. */
  changed() {
    const kind = this.kind.value();
    this.columns.textContent = t('imports.columns', { columns: COLUMNS[kind] });
    this.importBtn.disabled = !(this.checked && this.checked.kind === kind && this.checked.file === this.file());
  }

  busy(on) {
    this.checkBtn.disabled = on;
    this.importBtn.disabled = on || !(this.checked && this.checked.kind === this.kind.value() && this.checked.file === this.file());
    this.kind.input.disabled = on;
    this.fileInput.disabled = on;
  }

  async run(dryRun) {
    const file = this.file();
    const kind = this.kind.value();
    replace(this.results);
    if (!file) {
      replace(this.status, h('p', { class: 'state state-error', role: 'alert' }, t('imports.chooseFile')));
      return;
    }
    const bar = h('progress', { max: '100', value: '0', 'aria-label': t('imports.uploading') });
    const label = h('span', null, t('imports.uploading'));
    replace(this.status, h('p', { class: 'state state-loading', role: 'status' }, label, ' ', bar));
    this.busy(true);
    if (!dryRun) this.checked = null;
    try {
      const rep = await api.importFile(kind, file, {
        dryRun,
        onProgress: (sent, total) => {
          if (total) bar.value = Math.round((sent * 100) / total);
          if (total && sent >= total) {
            replace(this.status, h('p', { class: 'state state-loading', role: 'status' },
              h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('imports.checking')));
          }
        },
      });
      if (this.destroyed) return;
      replace(this.status);
      this.checked = dryRun && rep.errors_total === 0 ? { kind, file } : null;
      this.render(rep);
      if (rep.committed) toast(t('imports.done', { created: formatInt(rep.created), updated: formatInt(rep.updated) }));
    } catch (err) {
      if (this.destroyed) return;
      replace(this.status, errorBox(err));
    } finally {
      if (!this.destroyed) this.busy(false);
    }
  }

  render(rep) {
    const summary = h('p', { class: 'import-summary', dataset: { role: 'summary' } },
      t(rep.dry_run ? 'imports.summaryDry' : 'imports.summary', {
        rows: formatInt(rep.rows), created: formatInt(rep.created), updated: formatInt(rep.updated), errors: formatInt(rep.errors_total),
      }));
    const verdict = h('p', { class: rep.errors_total ? 'state state-error' : 'state', dataset: { role: 'verdict' } },
      rep.committed ? t('imports.written')
        : rep.errors_total ? t('imports.nothingWritten')
          : t('imports.readyToImport'));
    const parts = [summary, verdict];
    if (rep.errors && rep.errors.length) {
      const table = h('table', { class: 'data-table import-errors' },
        h('caption', null, t('imports.errorsTitle')),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col', class: 'num' }, t('imports.line')),
          h('th', { scope: 'col' }, t('imports.column')),
          h('th', { scope: 'col' }, t('imports.message')))),
        h('tbody', null, rep.errors.map((e) => h('tr', { dataset: { line: String(e.line) } },
          h('td', { class: 'num' }, formatInt(e.line)),
          h('td', { class: 'mono' }, e.column || '—'),
          h('td', null, e.message)))));
      parts.push(tableWrap(t('imports.errorsTitle'), table));
      if (rep.errors_total > rep.errors.length) {
        parts.push(h('p', { class: 'hint' }, t('imports.moreErrors', { n: formatInt(rep.errors_total - rep.errors.length) })));
      }
    }
    replace(this.results, ...parts);
  }

  destroy() {
    this.destroyed = true;
  }
}

export function mount(container) {
  setTitle(t('imports.title'));
  const page = new ImportsPage();
  container.appendChild(page.el);
  return { destroy: () => page.destroy() };
}
