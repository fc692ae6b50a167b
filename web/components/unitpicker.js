/*
 * Choosing a unit by typing part of its name or code: the combobox of
 * combobox.js over GET /units?q=. Only units in the user's subtree come
 * back, since the server filters the search.
 *
 *   const p = unitPicker({value: {id, name, code}, onChange, exclude: id});
 *   field({name: 'unit_id', label, control: p.el, input: p.input, getValue: p.getValue})
 */
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import * as api from '../api.js';
import { combobox } from './combobox.js';

const MAX_RESULTS = 15;

export function unitPicker({ value = null, onChange, exclude = null, placeholder } = {}) {
  const c = combobox({
    idPrefix: 'unit-list', value, onChange,
    placeholder: placeholder || t('picker.placeholder'),
    resultsLabel: t('picker.results'),
    search: async (q) => {
      const r = await api.listUnits({ q, limit: MAX_RESULTS });
      return (r.items || []).filter((u) => u.id !== exclude);
    },
    label: (u) => (u.code ? `${u.name} (${u.code})` : u.name),
    option: (u) => [h('span', { class: 'picker-name' }, u.name),
      h('span', { class: 'picker-meta' }, [u.code, u.level_name].filter(Boolean).join(' · '))],
    dataset: (u) => ({ unitId: String(u.id) }),
    countText: (n) => t('picker.count', { count: n }),
    noneText: () => t('picker.none'),
  });
  return { el: c.el, input: c.input, getValue: c.getValue, getUnit: c.getItem, setValue: c.setValue };
}
