/*
 * Choosing a document of the register by typing part of its number and
 * symbol or of its summary: the combobox of combobox.js over
 * GET /documents?q= (the search of the documents page). Each match shows
 * its number and symbol, then its summary, date and unit; the input keeps
 * the number and symbol once chosen, and getValue() gives the document's id.
 *
 *   const p = docPicker({value: {id, symbol}, onChange});
 *   field({name: 'document_id', label, control: p.el, input: p.input, getValue: p.getValue})
 */
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import * as api from '../api.js';
import { formatDate } from '../format.js';
import { combobox } from './combobox.js';

const MAX_RESULTS = 15;

/* "35-NQ/TW", or "Văn bản #4" for a document without a symbol. */
export const docLabel = (d) => d.symbol || d.document_symbol || t('docpicker.numbered', { id: d.id });

export function docPicker({ value = null, onChange } = {}) {
  const c = combobox({
    idPrefix: 'doc-list', value, onChange,
    placeholder: t('docpicker.placeholder'),
    resultsLabel: t('docpicker.results'),
    search: async (q) => (await api.listDocuments({ q, limit: MAX_RESULTS })).items || [],
    label: docLabel,
    option: (d) => [h('span', { class: 'picker-name' }, docLabel(d)),
      h('span', { class: 'picker-meta' }, [d.summary, d.issued_on ? formatDate(d.issued_on) : null, d.unit_name]
        .filter(Boolean).join(' · '))],
    dataset: (d) => ({ documentId: String(d.id) }),
    countText: (n) => t('docpicker.count', { count: n }),
    noneText: () => t('docpicker.none'),
  });
  return { el: c.el, input: c.input, getValue: c.getValue, getDocument: c.getItem, setValue: c.setValue };
}
