/*
 * #/documents and #/documents/{id}: the document register (sổ văn bản đến,
 * đi).
 *
 * List: a search over number, summary and text, accent-insensitive (the
 * server folds both sides; results come ranked by relevance) with the
 * matched words highlighted, and filters (register, type, issuer, date
 * range, unit). The filters live in the hash (#/documents?q=…&type=NQ) so
 * going back from a document shows the same list.
 *
 * Form (dialog): an incoming document's number and symbol is checked as it
 * is typed (GET /documents/parse-symbol), the message shown next to the
 * field; an outgoing document gets its number from the server, shown after
 * saving.
 *
 * Detail: the facts, attachments (upload, download, remove) and the tasks
 * given from the document, with the "Giao nhiệm vụ" dialog: title, kind,
 * deadline, note and a searchable checklist of the lower units of the
 * user's subtree with "select all" for a level.
 *
 * Highlighting builds text nodes and <mark> elements; nothing is parsed as
 * HTML.
 */
import { h, replace, debounce } from '../dom.js';
import { t } from '../i18n/index.js';
import * as api from '../api.js';
import { formatInt, formatDate } from '../format.js';
import { field, Form } from '../components/form.js';
import { openDialog, confirmDialog, alertDialog } from '../components/dialog.js';
import { unitPicker } from '../components/unitpicker.js';
import { loading, empty, errorBox, errorMessage, tableWrap, toast, setTitle, pager } from '../components/ui.js';
import { KINDS, kindLabel, stateChip, doneOf, todayVn } from './tasks.js';

const PAGE = 50;
const WRITERS = ['admin', 'leader', 'specialist'];
const FILTER_KEYS = ['q', 'direction', 'type', 'issuer', 'from', 'to', 'unit', 'sort'];
const SORTS = ['', 'relevance', 'date_desc', 'date_asc', 'symbol'];
const ACCEPT = '.pdf,.docx,.xlsx,.odt,.ods,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

/* ------------------------------------------------------------ folding */

/*
 * The same folding as the server (src/base/text.h): decompose, drop the
 * combining marks U+0300..U+036F, đ -> d, lower case. Per code point, so
 * positions in the folded text map back to the original.
 */
function foldChar(ch) {
  return ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

export function fold(s) {
  let out = '';
  for (const ch of String(s ?? '')) out += foldChar(ch);
  return out;
}

/* The words of a query as the server's search sees them: runs of letters and digits. */
export function queryTerms(q) {
  const words = fold(q).match(/[\p{L}\p{N}]+/gu) || [];
  return [...new Set(words)].slice(0, 16);
}

const WORD = /[\p{L}\p{N}]/u;

/*
 * `text` as nodes with every word starting with one of `terms` (already
 * folded) wrapped in <mark>: `Nghị quyết` for "nghi quyet".
 */
export function highlight(text, terms) {
  const src = String(text ?? '');
  if (!terms || !terms.length || !src) return [src];
  let folded = '';
  const start = []; /* folded index -> index in src */
  const end = [];
  for (let i = 0; i < src.length;) {
    const ch = String.fromCodePoint(src.codePointAt(i));
    const f = foldChar(ch);
    for (let k = 0; k < f.length; k++) {
      start.push(i);
      end.push(i + ch.length);
    }
    if (!f.length && end.length) end[end.length - 1] = i + ch.length; /* a combining mark */
    folded += f;
    i += ch.length;
  }
  const ranges = [];
  for (const term of terms) {
    let from = 0;
    for (;;) {
      const at = folded.indexOf(term, from);
      if (at < 0) break;
      if (at === 0 || !WORD.test(folded[at - 1])) ranges.push([at, at + term.length]);
      from = at + 1;
    }
  }
  if (!ranges.length) return [src];
  ranges.sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  const out = [];
  let pos = 0;
  for (const [a, b] of merged) {
    const s = start[a];
    const e = end[b - 1];
    if (s > pos) out.push(src.slice(pos, s));
    out.push(h('mark', null, src.slice(s, e)));
    pos = e;
  }
  if (pos < src.length) out.push(src.slice(pos));
  return out;
}

/* ------------------------------------------------------- reference data */

let tablesPromise = null;

/* Document types, issuers and unit levels; fetched once per page load. */
function getTables() {
  if (!tablesPromise) {
    tablesPromise = Promise.all([api.documentTypes(), api.listIssuers(), api.levels()])
      .then(([ty, is, lv]) => ({
        types: (ty.items || []).filter((x) => x.active !== false),
        issuers: (is.items || []).filter((x) => x.active !== false),
        levels: (lv.items || []).slice().sort((a, b) => a.rank - b.rank),
      }))
      .catch((e) => {
        tablesPromise = null;
        throw e;
      });
  }
  return tablesPromise;
}

const codeOptions = (items, first) => [{ value: '', label: first },
  ...items.map((x) => ({ value: x.code, label: `${x.code} — ${x.name}` }))];

function directionLabel(d) {
  return d === 'out' ? t('docs.dirOut') : t('docs.dirIn');
}

function fileSize(n) {
  if (!(n >= 0)) return '';
  if (n < 1024) return t('docs.sizeB', { n: formatInt(n) });
  if (n < 1024 * 1024) return t('docs.sizeKB', { n: formatInt(Math.round(n / 1024)) });
  return t('docs.sizeMB', { n: formatInt(Math.round(n / (1024 * 1024))) });
}

const canWrite = (user) => WRITERS.includes(user.role);

/* A <textarea> for field({control, input}). */
function textarea(name, value, rows, maxlength) {
  return h('textarea', { name, rows: String(rows), maxlength: String(maxlength), value: value ?? '' });
}

/* ------------------------------------------------------------ the form */

/*
 * Register (mode 'in' / 'out') or edit (doc given) a document. onDone(saved)
 * after a successful save.
 */
async function documentDialog({ direction, doc, onDone }) {
  let tables;
  try {
    tables = await getTables();
  } catch (err) {
    alertDialog({ title: t('error.title'), message: errorMessage(err) });
    return;
  }
  const isEdit = !!doc;
  const dir = isEdit ? doc.direction : direction;
  const src = doc || {};
  const fields = [];
  let symbol = null;
  let symbolState = { ok: true, checked: '' };
  let type = null;
  let issuer = null;

  if (dir === 'in') {
    symbol = field({
      name: 'symbol', label: t('docs.symbol'), required: true, value: src.symbol,
      hint: t('docs.symbolHint'), attrs: { autocomplete: 'off', spellcheck: 'false', maxlength: '100' },
    });
    const info = h('p', { class: 'symbol-info', 'aria-live': 'polite' });
    symbol.input.after(info);
    let seq = 0;
    const check = debounce(async () => {
      const s = symbol.value();
      const mine = ++seq;
      if (!s) {
        symbol.clearError();
        info.textContent = '';
        symbolState = { ok: false, checked: '' };
        return;
      }
      try {
        const r = await api.parseSymbol(s);
        if (mine !== seq) return;
        symbolState = { ok: !!r.ok, checked: s, error: r.error };
        if (r.ok) {
          symbol.clearError();
          info.textContent = symbolInfo(r, tables);
        } else {
          info.textContent = '';
          symbol.setError((r.error && r.error.message) || t('docs.symbolInvalid'));
        }
      } catch (err) {
        if (mine === seq) info.textContent = '';
      }
    }, 250);
    symbol.input.addEventListener('input', () => {
      symbolState = { ok: false, checked: null };
      check();
    });
    fields.push(symbol);
    if (isEdit) check();
  } else if (isEdit) {
    fields.push(field({ name: 'symbol_static', type: 'static', label: t('docs.symbol'), value: src.symbol }));
  } else {
    type = field({ name: 'type', type: 'select', label: t('docs.type'), required: true, options: codeOptions(tables.types, t('docs.chooseType')) });
    issuer = field({ name: 'issuer', type: 'select', label: t('docs.issuer'), required: true, options: codeOptions(tables.issuers, t('docs.chooseIssuer')) });
    fields.push(field({ name: 'number_note', type: 'static', label: t('docs.symbol'), value: t('docs.autoNumber'), wide: true }), type, issuer);
  }
  const issuedOn = field({ name: 'issued_on', type: 'date', label: t('docs.issuedOn'), required: true, value: src.issued_on || todayVn() });
  fields.push(issuedOn);
  if (dir === 'in') {
    fields.push(field({ name: 'issuer_text', label: t('docs.issuerText'), value: src.issuer_text, hint: t('docs.issuerTextHint'), attrs: { maxlength: '200' } }));
  }
  const summaryInput = textarea('summary', src.summary, 3, 2000);
  const summary = field({ name: 'summary', label: t('docs.summary'), required: true, wide: true, control: summaryInput, input: summaryInput });
  const signer = field({ name: 'signer', label: t('docs.signer'), value: src.signer, attrs: { maxlength: '200' } });
  const tags = field({ name: 'tags', label: t('docs.tags'), value: (src.tags || []).join(', '), hint: t('docs.tagsHint'), attrs: { maxlength: '500' } });
  const textInput = textarea('text', src.text, 6, 200000);
  const text = field({ name: 'text', label: t('docs.text'), wide: true, control: textInput, input: textInput, hint: t('docs.textHint') });
  fields.push(summary, signer, tags, text);

  let dlg;
  const cancel = h('button', { type: 'button', class: 'btn', onclick: () => dlg.close() }, t('common.cancel'));
  const form = new Form({
    fields,
    submitLabel: isEdit ? t('common.save') : t('docs.register'),
    extraButtons: [cancel],
    className: 'document-form',
    onSubmit: async (v) => {
      if (symbol && symbolState.checked === v.symbol && !symbolState.ok && symbolState.error) {
        throw { field: 'symbol', message: symbolState.error.message };
      }
      const body = {
        issued_on: v.issued_on,
        summary: v.summary,
        signer: v.signer,
        text: v.text,
        tags: v.tags.split(/[,;]/).map((s) => s.trim()).filter(Boolean),
      };
      if (dir === 'in') {
        body.symbol = v.symbol;
        body.issuer_text = v.issuer_text;
      }
      let saved;
      if (isEdit) {
        const changes = {};
        for (const [k, val] of Object.entries(body)) {
          const old = src[k] === null || src[k] === undefined ? '' : src[k];
          if (JSON.stringify(old) !== JSON.stringify(val)) changes[k] = val;
        }
        if (!Object.keys(changes).length) {
          dlg.close();
          toast(t('common.noChanges'));
          return;
        }
        saved = await api.updateDocument(doc.id, changes);
        toast(t('docs.saved', { symbol: saved.symbol }));
      } else {
        body.direction = dir;
        if (dir === 'out') {
          body.type = v.type;
          body.issuer = v.issuer;
        }
        for (const k of ['signer', 'text', 'issuer_text']) if (!body[k]) delete body[k];
        saved = await api.createDocument(body);
        toast(dir === 'out' ? t('docs.numbered', { symbol: saved.symbol }) : t('docs.registered', { symbol: saved.symbol }));
      }
      dlg.close();
      onDone(saved);
    },
  });
  let title;
  if (isEdit) title = t('docs.editTitle', { symbol: doc.symbol });
  else title = dir === 'out' ? t('docs.newOut') : t('docs.newIn');
  dlg = openDialog({ title, body: form.el, wide: true });
  (symbol || type || issuedOn).input.focus();
}

function symbolInfo(r, tables) {
  if (r.style === 'state') return t('docs.symbolState', { symbol: r.symbol });
  const ty = tables.types.find((x) => x.code === r.type);
  const is = tables.issuers.find((x) => x.code === r.issuer);
  return t('docs.symbolParty', {
    symbol: r.symbol,
    type: ty ? ty.name : r.type,
    issuer: is ? `${is.name} (${r.issuer})` : r.issuer,
  });
}

/* ------------------------------------------------ lower units checklist */

/*
 * The units a task goes to: a level (below the user's), a filter box, a
 * "select all" of the level's units shown, and the checklist. The choice
 * survives a change of level or filter. getValue() is an array of ids, or
 * null when none is chosen (so the form's required check speaks).
 */
function unitChecklist(user, tables) {
  const selected = new Map(); /* id -> unit */
  let units = [];
  let level = null;
  const levelSel = h('select', { class: 'checklist-level', 'aria-label': t('docs.assignLevel') });
  const filter = h('input', { type: 'search', class: 'checklist-filter', autocomplete: 'off', placeholder: t('docs.assignFilter') });
  const allBtn = h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'select-all' } });
  const noneBtn = h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'select-none' } }, t('docs.selectNone'));
  const count = h('p', { class: 'checklist-count', 'aria-live': 'polite' });
  const list = h('ul', { class: 'checklist', role: 'group', 'aria-label': t('docs.assignUnits') });
  const el = h('div', { class: 'unit-checklist' },
    h('div', { class: 'checklist-bar' }, levelSel, filter),
    h('div', { class: 'checklist-bar' }, allBtn, noneBtn, count),
    list);

  function visible() {
    const q = fold(filter.value.trim());
    return q ? units.filter((u) => fold(`${u.name} ${u.code}`).includes(q)) : units;
  }

  function updateCount() {
    count.textContent = t('docs.selectedCount', { count: formatInt(selected.size) });
    const lv = tables.levels.find((x) => x.code === level);
    const shown = visible().length;
    allBtn.textContent = lv && lv.code === 'coso' && !filter.value.trim()
      ? t('docs.selectAllCommunes', { count: formatInt(shown) })
      : t('docs.selectAllShown', { count: formatInt(shown) });
    allBtn.disabled = shown === 0;
  }

  function render() {
    const items = visible();
    list.replaceChildren();
    if (!items.length) list.appendChild(h('li', { class: 'checklist-empty' }, t('docs.assignNoUnits')));
    for (const u of items) {
      const box = h('input', {
        type: 'checkbox', value: String(u.id), checked: selected.has(u.id),
        onchange: () => {
          if (box.checked) selected.set(u.id, u);
          else selected.delete(u.id);
          updateCount();
        },
      });
      list.appendChild(h('li', null, h('label', { class: 'checklist-item', dataset: { code: u.code } },
        box, h('span', { class: 'checklist-name' }, u.name), h('span', { class: 'checklist-code' }, u.code))));
    }
    updateCount();
  }

  async function load() {
    replace(list, h('li', null, loading()));
    try {
      const r = await api.listUnits({ level, limit: 500 });
      units = (r.items || []).filter((u) => u.id !== user.unit_id);
      render();
    } catch (err) {
      replace(list, h('li', null, errorBox(err, load)));
    }
  }

  allBtn.addEventListener('click', () => {
    for (const u of visible()) selected.set(u.id, u);
    render();
  });
  noneBtn.addEventListener('click', () => {
    selected.clear();
    render();
  });
  filter.addEventListener('input', debounce(render, 120));
  levelSel.addEventListener('change', () => {
    level = levelSel.value;
    load();
  });

  /* Levels below the user's own unit; the commune level first if there is one. */
  (async () => {
    let rank = 0;
    try {
      const me = await api.getUnit(user.unit_id);
      const lv = tables.levels.find((x) => x.code === me.level);
      rank = lv ? lv.rank : 0;
    } catch {
      /* every level then */
    }
    const below = tables.levels.filter((x) => x.rank > rank);
    const choices = below.length ? below : tables.levels;
    level = (choices.find((x) => x.code === 'coso') || choices[0] || {}).code || '';
    replace(levelSel, choices.map((x) => h('option', { value: x.code, selected: x.code === level }, x.name)));
    load();
  })();

  return {
    el,
    input: filter,
    getValue: () => (selected.size ? [...selected.keys()] : null),
  };
}

function assignDialog({ doc, user, onDone }) {
  getTables().then((tables) => {
    let dlg;
    const units = unitChecklist(user, tables);
    const title = field({ name: 'title', label: t('docs.taskTitle'), required: true, wide: true, hint: t('docs.taskTitleHint'), attrs: { maxlength: '500' } });
    const kind = field({ name: 'kind', type: 'select', label: t('docs.taskKind'), value: 'task', options: KINDS.map((k) => ({ value: k, label: kindLabel(k) })) });
    const deadline = field({ name: 'deadline', type: 'date', label: t('docs.taskDeadline'), required: true, attrs: { min: doc.issued_on || '' } });
    const noteInput = textarea('note', '', 2, 2000);
    const note = field({ name: 'note', label: t('docs.taskNote'), wide: true, control: noteInput, input: noteInput });
    const targets = field({ name: 'unit_ids', label: t('docs.assignUnits'), required: true, wide: true, control: units.el, input: units.input, getValue: units.getValue });
    const cancel = h('button', { type: 'button', class: 'btn', onclick: () => dlg.close() }, t('common.cancel'));
    const form = new Form({
      fields: [title, kind, deadline, note, targets],
      submitLabel: t('docs.assignSubmit'),
      extraButtons: [cancel],
      className: 'assign-form',
      onSubmit: async (v) => {
        const body = { document_id: doc.id, title: v.title, kind: v.kind, deadline: v.deadline, unit_ids: v.unit_ids };
        if (v.note) body.note = v.note;
        const saved = await api.createTask(body);
        toast(t('docs.assigned', { count: formatInt(saved.assigned ?? v.unit_ids.length) }));
        dlg.close();
        onDone(saved);
      },
    });
    dlg = openDialog({
      title: t('docs.assignTitle'),
      body: [h('p', { class: 'dialog-message' }, `${doc.symbol} — ${doc.summary}`), form.el],
      wide: true,
    });
    title.input.focus();
  }).catch((err) => alertDialog({ title: t('error.title'), message: errorMessage(err) }));
}

/* ----------------------------------------------------------------- list */

class DocumentList {
  constructor(page) {
    this.page = page;
    this.results = h('div', { class: 'doc-results', 'aria-live': 'polite' });
    this.form = h('form', { class: 'filters doc-filters', role: 'search', novalidate: true });
    this.el = h('div', { class: 'panel' }, this.form, this.results);
    this.req = 0;
    this.typed = debounce(() => this.apply(), 350);
  }

  async start(query) {
    this.values = {};
    for (const k of FILTER_KEYS) this.values[k] = query.get(k) || '';
    this.offset = Number(query.get('offset')) || 0;
    let tables = { types: [], issuers: [] };
    try {
      tables = await getTables();
    } catch {
      /* the selects stay with "all" only; the list shows the error */
    }
    if (this.page.destroyed) return;
    let unitValue = null;
    if (this.values.unit) {
      try {
        unitValue = await api.getUnit(this.values.unit);
      } catch {
        this.values.unit = '';
      }
    }
    this.buildForm(tables, unitValue);
    this.load();
  }

  buildForm(tables, unitValue) {
    const v = this.values;
    const picker = unitPicker({ value: unitValue, onChange: () => this.apply() });
    this.fields = {
      q: field({ name: 'q', type: 'search', label: t('docs.search'), value: v.q, wide: true, hint: t('docs.searchHint'), attrs: { autocomplete: 'off', spellcheck: 'false', placeholder: t('docs.searchPlaceholder') } }),
      direction: field({ name: 'direction', type: 'select', label: t('docs.direction'), value: v.direction, options: [{ value: '', label: t('common.all') }, { value: 'in', label: t('docs.dirIn') }, { value: 'out', label: t('docs.dirOut') }] }),
      type: field({ name: 'type', type: 'select', label: t('docs.type'), value: v.type, options: codeOptions(tables.types, t('common.all')) }),
      issuer: field({ name: 'issuer', type: 'select', label: t('docs.issuer'), value: v.issuer, options: codeOptions(tables.issuers, t('common.all')) }),
      from: field({ name: 'from', type: 'date', label: t('docs.from'), value: v.from }),
      to: field({ name: 'to', type: 'date', label: t('docs.to'), value: v.to }),
      unit: field({ name: 'unit', label: t('docs.unit'), control: picker.el, input: picker.input, getValue: () => { const x = picker.getValue(); return x ? String(x) : ''; } }),
      sort: field({ name: 'sort', type: 'select', label: t('docs.sort'), value: v.sort, options: SORTS.map((s) => ({ value: s, label: t(`docs.sort.${s || 'default'}`) })) }),
    };
    this.fields.q.input.addEventListener('input', () => this.typed());
    for (const k of ['direction', 'type', 'issuer', 'from', 'to', 'sort']) {
      this.fields[k].input.addEventListener('change', () => this.apply());
    }
    const clear = h('button', {
      type: 'button', class: 'btn',
      onclick: () => {
        for (const k of FILTER_KEYS) if (k !== 'unit') this.fields[k].input.value = '';
        if (picker.getValue()) picker.setValue(null); /* its onChange applies */
        else this.apply();
      },
    }, t('common.clearFilters'));
    replace(this.form, Object.values(this.fields).map((f) => f.el),
      h('div', { class: 'filter-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.search')), clear));
    this.form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      this.typed.cancel();
      this.apply();
    });
  }

  apply() {
    const next = {};
    for (const k of FILTER_KEYS) next[k] = this.fields[k].value();
    if (next.from && next.to && next.from > next.to) {
      this.fields.to.setError(t('docs.rangeInvalid'));
      return;
    }
    this.fields.to.clearError();
    this.values = next;
    this.offset = 0;
    this.syncHash();
    this.load();
  }

  /* Keeps the filters in the address without a new history entry or a re-route. */
  syncHash() {
    const qs = new URLSearchParams();
    for (const k of FILTER_KEYS) if (this.values[k]) qs.set(k, this.values[k]);
    if (this.offset) qs.set('offset', String(this.offset));
    const s = qs.toString();
    this.page.lastList = `#/documents${s ? `?${s}` : ''}`;
    history.replaceState(null, '', this.page.lastList);
  }

  async load() {
    const mine = ++this.req;
    const v = this.values;
    if (!this.results.firstChild) replace(this.results, loading());
    this.results.setAttribute('aria-busy', 'true');
    try {
      const r = await api.listDocuments({
        q: v.q, direction: v.direction, type: v.type, issuer: v.issuer, from: v.from, to: v.to,
        unit: v.unit, sort: v.sort, limit: PAGE, offset: this.offset,
      });
      if (mine !== this.req || this.page.destroyed) return;
      this.render(r);
    } catch (err) {
      if (mine !== this.req || this.page.destroyed) return;
      replace(this.results, errorBox(err, () => this.load()));
    } finally {
      if (mine === this.req) this.results.removeAttribute('aria-busy');
    }
  }

  render(r) {
    const items = r.items || [];
    const terms = this.values.q ? queryTerms(this.values.q) : [];
    if (!items.length) {
      replace(this.results, empty(this.values.q ? t('docs.noneFound', { q: this.values.q }) : t('docs.none')));
      return;
    }
    const ranked = terms.length && (!this.values.sort || this.values.sort === 'relevance');
    const rows = items.map((d) => h('tr', { dataset: { documentId: String(d.id) } },
      h('td', { class: 'nowrap' }, h('a', { href: `#/documents/${d.id}`, class: 'doc-symbol' }, highlight(d.symbol, terms))),
      h('td', { class: 'nowrap' }, formatDate(d.issued_on)),
      h('td', null,
        h('span', { class: 'doc-summary' }, highlight(d.summary, terms)),
        d.tags && d.tags.length ? h('span', { class: 'doc-tags' }, d.tags.map((tag) => h('span', { class: 'tag' }, highlight(tag, terms)))) : null),
      h('td', { class: 'hide-narrow' }, d.issuer_name || d.issuer_text || d.issuer || ''),
      h('td', null, h('span', { class: ['badge', `dir-${d.direction}`] }, directionLabel(d.direction))),
      h('td', { class: 'hide-narrow' }, d.unit_name || ''),
      h('td', { class: 'num' }, d.attachment_count ? formatInt(d.attachment_count) : '')));
    const table = h('table', { class: 'data-table doc-table' },
      h('caption', { class: 'visually-hidden' }, t('docs.listCaption')),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('docs.symbol')),
        h('th', { scope: 'col' }, t('docs.issuedOn')),
        h('th', { scope: 'col' }, t('docs.summary')),
        h('th', { scope: 'col', class: 'hide-narrow' }, t('docs.issuer')),
        h('th', { scope: 'col' }, t('docs.direction')),
        h('th', { scope: 'col', class: 'hide-narrow' }, t('docs.unit')),
        h('th', { scope: 'col', class: 'num' }, h('span', { title: t('docs.attachments') }, t('docs.attachmentsShort'))))),
      h('tbody', null, rows));
    replace(this.results,
      h('p', { class: 'search-count' },
        t(this.values.q ? 'docs.foundCount' : 'docs.count', { count: formatInt(r.total ?? items.length) }),
        ranked ? ` ${t('docs.rankedNote')}` : ''),
      tableWrap(t('docs.listCaption'), table),
      pager({
        total: r.total || 0, offset: this.offset, limit: PAGE, count: items.length,
        onPage: (o) => { this.offset = o; this.syncHash(); this.load(); },
      }));
  }

  destroy() {
    this.typed.cancel();
  }
}

/* --------------------------------------------------------------- detail */

function fact(label, value) {
  return [h('dt', null, label), h('dd', null, value)];
}

class DocumentDetail {
  constructor(page, id) {
    this.page = page;
    this.id = id;
    this.el = h('div', null, loading());
  }

  async load(notice) {
    try {
      const d = await api.getDocument(this.id);
      if (this.page.destroyed) return;
      this.doc = d;
      this.render(notice);
    } catch (err) {
      if (this.page.destroyed) return;
      if (err.status === 404) replace(this.el, h('div', { class: 'panel' }, empty(t('docs.notFound'))));
      else replace(this.el, errorBox(err, () => this.load()));
    }
  }

  render(notice) {
    const d = this.doc;
    const user = this.page.user;
    setTitle(`${d.symbol} — ${t('docs.title')}`);
    const editable = d.editable !== false && canWrite(user);
    const actions = h('div', { class: 'toolbar', role: 'group', 'aria-label': t('docs.actions') },
      canWrite(user) ? h('button', { type: 'button', class: 'btn btn-primary', dataset: { action: 'assign' }, onclick: () => this.assign() }, t('docs.assign')) : null,
      editable ? h('button', { type: 'button', class: 'btn', dataset: { action: 'edit' }, onclick: () => this.edit() }, t('common.edit')) : null,
      editable ? h('button', { type: 'button', class: 'btn btn-danger-outline', dataset: { action: 'delete' }, onclick: () => this.remove() }, t('common.delete')) : null);
    const tags = (d.tags || []).length ? h('span', { class: 'doc-tags' }, d.tags.map((x) => h('span', { class: 'tag' }, x))) : '—';
    const facts = h('dl', { class: 'facts' },
      fact(t('docs.symbol'), h('span', { class: 'doc-symbol-big' }, d.symbol)),
      fact(t('docs.direction'), directionLabel(d.direction)),
      fact(t('docs.type'), d.type_name ? `${d.type_name} (${d.type})` : d.type || '—'),
      fact(t('docs.issuer'), [d.issuer_name ? `${d.issuer_name} (${d.issuer})` : d.issuer || '', d.issuer_text ? ` ${d.issuer_text}` : ''].join('').trim() || '—'),
      fact(t('docs.issuedOn'), formatDate(d.issued_on)),
      d.term_name ? fact(t('docs.term'), d.term_name) : null,
      fact(t('docs.unit'), d.unit_name || '—'),
      fact(t('docs.signer'), d.signer || '—'),
      fact(t('docs.summary'), d.summary),
      fact(t('docs.tags'), tags));
    this.attachments = h('div', { class: 'attachments' });
    this.tasks = h('div', { class: 'doc-tasks' });
    replace(this.el,
      h('div', { class: 'panel detail-panel' },
        h('nav', { class: 'breadcrumb', 'aria-label': t('docs.breadcrumb') },
          h('ol', null, h('li', null, h('a', { href: this.page.listHash() }, t('docs.title'))), h('li', null, h('span', { 'aria-current': 'page' }, d.symbol)))),
        h('div', { class: 'detail-head' },
          h('h2', { id: 'doc-title' }, d.symbol),
          h('span', { class: ['badge', `dir-${d.direction}`] }, directionLabel(d.direction))),
        notice ? h('p', { class: 'notice', role: 'status' }, notice) : null,
        actions,
        facts,
        d.text ? [h('h3', null, t('docs.text')), h('p', { class: 'doc-text' }, d.text)] : null,
        h('h3', null, t('docs.attachments')), this.attachments,
        h('h3', null, t('docs.tasksTitle')), this.tasks));
    this.renderAttachments(editable);
    this.renderTasks();
  }

  renderAttachments(editable) {
    const d = this.doc;
    const list = (d.attachments || []).length
      ? h('ul', { class: 'attachment-list' }, d.attachments.map((a) => h('li', null,
        h('a', { href: api.attachmentUrl(d.id, a.id), download: a.filename }, a.filename),
        h('span', { class: 'task-meta' }, ` ${fileSize(a.size)} · ${a.mime || ''}`),
        editable ? h('button', {
          type: 'button', class: 'btn btn-small btn-link', 'aria-label': t('docs.removeAttachmentNamed', { name: a.filename }),
          onclick: () => this.removeAttachment(a),
        }, t('docs.removeAttachment')) : null)))
      : empty(t('docs.noAttachments'));
    let upload = null;
    if (editable) {
      const input = h('input', { type: 'file', accept: ACCEPT });
      const f = field({ name: 'file', label: t('docs.uploadLabel'), hint: t('docs.uploadHint'), control: input, input });
      const btn = h('button', { type: 'submit', class: 'btn' }, t('docs.upload'));
      upload = h('form', { class: 'upload-form', novalidate: true }, f.el, h('div', { class: 'form-actions' }, btn));
      upload.addEventListener('submit', async (ev) => {
        ev.preventDefault();
        f.clearError();
        const file = input.files && input.files[0];
        if (!file) {
          f.setError(t('docs.uploadChoose'));
          return;
        }
        if (file.size === 0) {
          f.setError(t('docs.uploadEmpty'));
          return;
        }
        btn.disabled = true;
        upload.setAttribute('aria-busy', 'true');
        try {
          const a = await api.uploadAttachment(d.id, file);
          toast(t('docs.uploaded', { name: a.filename || file.name }));
          await this.load();
        } catch (err) {
          f.setError(err.status === 413 && !err.field ? t('docs.uploadTooBig') : errorMessage(err));
          input.focus();
        } finally {
          btn.disabled = false;
          upload.removeAttribute('aria-busy');
        }
      });
    }
    replace(this.attachments, list, upload);
  }

  renderTasks() {
    const tasks = this.doc.tasks || [];
    if (!tasks.length) {
      replace(this.tasks, empty(t('docs.noTasks')));
      return;
    }
    replace(this.tasks,
      h('p', null, h('a', { href: `#/tasks/matrix?document=${this.doc.id}` }, t('docs.openMatrix'))),
      h('ul', { class: 'task-list' }, tasks.map((tk) => h('li', { class: 'task-item', dataset: { task: String(tk.id) } },
        h('div', { class: 'task-head' },
          h('span', { class: 'task-title' }, tk.title),
          h('span', { class: 'badge' }, kindLabel(tk.kind)),
          h('span', { class: 'task-meta' }, t('tasks.deadlineShort', { date: formatDate(tk.deadline) })),
          h('span', { class: 'matrix-done' }, doneOf(tk.done, tk.assigned))),
        tk.note ? h('p', { class: 'task-meta' }, tk.note) : null,
        h('ul', { class: 'assignment-chips' }, (tk.assignments || []).map((a) => h('li', null,
          h('span', { class: 'chip-unit' }, a.unit_name), ' ', stateChip(a.state))))))));
  }

  assign() {
    assignDialog({ doc: this.doc, user: this.page.user, onDone: () => this.load() });
  }

  edit() {
    documentDialog({ doc: this.doc, onDone: () => this.load() });
  }

  async remove() {
    const d = this.doc;
    const ok = await confirmDialog({
      title: t('docs.deleteTitle'),
      message: t('docs.deleteConfirm', { symbol: d.symbol }),
      confirmLabel: t('common.delete'),
      danger: true,
    });
    if (!ok) return;
    try {
      await api.deleteDocument(d.id);
    } catch (err) {
      alertDialog({ title: t('docs.deleteFailed'), message: errorMessage(err) });
      return;
    }
    toast(t('docs.deleted', { symbol: d.symbol }));
    this.page.ctx.navigate(this.page.listHash());
  }

  async removeAttachment(a) {
    const ok = await confirmDialog({
      title: t('docs.removeAttachmentTitle'),
      message: t('docs.removeAttachmentConfirm', { name: a.filename }),
      confirmLabel: t('docs.removeAttachment'),
      danger: true,
    });
    if (!ok) return;
    try {
      await api.deleteAttachment(this.doc.id, a.id);
      toast(t('docs.attachmentRemoved', { name: a.filename }));
      this.load();
    } catch (err) {
      alertDialog({ title: t('error.title'), message: errorMessage(err) });
    }
  }
}

/* ----------------------------------------------------------------- page */

class DocumentsPage {
  constructor(container) {
    this.container = container;
    this.destroyed = false;
    this.part = null;
    this.lastList = '#/documents';
  }

  listHash() {
    return this.lastList;
  }

  render(ctx, notice) {
    this.ctx = ctx;
    this.user = ctx.user;
    if (this.part && this.part.destroy) this.part.destroy();
    const id = ctx.params.id;
    const head = h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, t('docs.title')));
    if (canWrite(this.user)) {
      head.appendChild(h('div', { class: 'page-actions' },
        h('button', { type: 'button', class: 'btn btn-primary', dataset: { action: 'new-in' }, onclick: () => this.create('in') }, t('docs.newIn')),
        h('button', { type: 'button', class: 'btn', dataset: { action: 'new-out' }, onclick: () => this.create('out') }, t('docs.newOut'))));
    }
    if (id) {
      this.part = new DocumentDetail(this, id);
      this.part.load(notice);
    } else {
      setTitle(t('docs.title'));
      this.part = new DocumentList(this);
      this.part.start(ctx.query);
    }
    replace(this.container, h('section', { class: 'page page-documents' }, head, this.part.el));
  }

  create(direction) {
    documentDialog({
      direction,
      onDone: (saved) => {
        this.pendingNotice = direction === 'out'
          ? t('docs.numberedNotice', { symbol: saved.symbol })
          : t('docs.registered', { symbol: saved.symbol });
        this.ctx.navigate(`#/documents/${saved.id}`);
      },
    });
  }

  update(ctx) {
    if (!ctx.params.id) this.lastList = location.hash || '#/documents';
    const notice = this.pendingNotice;
    this.pendingNotice = null;
    this.render(ctx, notice);
  }

  destroy() {
    this.destroyed = true;
    if (this.part && this.part.destroy) this.part.destroy();
  }
}

export function mount(container, ctx) {
  const page = new DocumentsPage(container);
  if (!ctx.params.id) page.lastList = location.hash || '#/documents';
  page.render(ctx);
  return {
    update: (next) => {
      page.update(next);
      const h1 = container.querySelector('h1');
      if (h1) h1.focus({ preventScroll: true });
    },
    destroy: () => page.destroy(),
  };
}
