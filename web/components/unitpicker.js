/*
 * Choosing a unit by typing part of its name or code: an ARIA 1.2 combobox
 * (input + listbox) over GET /units?q=. Arrow keys move through the
 * matches, Enter chooses, Escape closes the list. Only units in the user's
 * subtree come back, since the server filters the search.
 *
 *   const p = unitPicker({value: {id, name, code}, onChange, exclude: id});
 *   field({name: 'unit_id', label, control: p.el, input: p.input, getValue: p.getValue})
 */
import { h, uid, debounce } from '../dom.js';
import { t } from '../i18n/index.js';
import * as api from '../api.js';
import { errorMessage } from './ui.js';

const MAX_RESULTS = 15;

export function unitPicker({ value = null, onChange, exclude = null, placeholder } = {}) {
  const listId = uid('unit-list');
  let selected = value;
  let items = [];
  let active = -1;
  let request = 0;

  const input = h('input', {
    type: 'text', role: 'combobox', autocomplete: 'off', spellcheck: 'false',
    'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId,
    placeholder: placeholder || t('picker.placeholder'),
    value: value ? label(value) : '',
  });
  const list = h('ul', { id: listId, role: 'listbox', class: 'picker-list', hidden: true, 'aria-label': t('picker.results') });
  const status = h('p', { class: 'picker-status', 'aria-live': 'polite' });
  const el = h('div', { class: 'picker' }, input, list, status);

  function label(u) {
    return u.code ? `${u.name} (${u.code})` : u.name;
  }

  function open() {
    list.hidden = items.length === 0;
    input.setAttribute('aria-expanded', list.hidden ? 'false' : 'true');
  }

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function setActive(i) {
    const opts = list.querySelectorAll('[role=option]');
    opts.forEach((o, k) => o.setAttribute('aria-selected', k === i ? 'true' : 'false'));
    active = i;
    if (i >= 0 && opts[i]) {
      input.setAttribute('aria-activedescendant', opts[i].id);
      opts[i].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function choose(u) {
    selected = u;
    input.value = u ? label(u) : '';
    status.textContent = '';
    close();
    if (onChange) onChange(u);
  }

  function render() {
    list.replaceChildren();
    items.forEach((u, i) => {
      const opt = h('li', {
        id: `${listId}-${i}`, role: 'option', class: 'picker-option', 'aria-selected': 'false',
        dataset: { unitId: String(u.id) },
        onmousedown: (ev) => ev.preventDefault(), /* keep focus in the input */
        onclick: () => choose(u),
      },
      h('span', { class: 'picker-name' }, u.name),
      h('span', { class: 'picker-meta' }, [u.code, u.level_name].filter(Boolean).join(' · ')));
      list.appendChild(opt);
    });
    open();
  }

  const search = debounce(async (q) => {
    const mine = ++request;
    status.textContent = t('picker.searching');
    try {
      const r = await api.listUnits({ q, limit: MAX_RESULTS });
      if (mine !== request) return;
      items = (r.items || []).filter((u) => u.id !== exclude);
      status.textContent = items.length ? t('picker.count', { count: items.length }) : t('picker.none');
      render();
    } catch (err) {
      if (mine !== request) return;
      items = [];
      render();
      status.textContent = errorMessage(err);
    }
  }, 250);

  input.addEventListener('input', () => {
    const q = input.value.trim().normalize('NFC');
    if (selected) {
      selected = null;
      if (onChange) onChange(null);
    }
    if (q.length < 1) {
      search.cancel();
      request++;
      items = [];
      status.textContent = '';
      close();
      return;
    }
    search(q);
  });

  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown') {
      ev.preventDefault();
      if (list.hidden && items.length) open();
      if (items.length) setActive(Math.min(items.length - 1, active + 1));
    } else if (ev.key === 'ArrowUp') {
      ev.preventDefault();
      if (items.length) setActive(Math.max(0, active - 1));
    } else if (ev.key === 'Enter') {
      if (!list.hidden && active >= 0) {
        ev.preventDefault();
        choose(items[active]);
      } else if (!list.hidden && items.length === 1) {
        ev.preventDefault();
        choose(items[0]);
      }
    } else if (ev.key === 'Escape') {
      if (!list.hidden) {
        ev.preventDefault();
        ev.stopPropagation(); /* do not close the dialog around us */
        close();
      }
    }
  });

  input.addEventListener('blur', () => {
    close();
    if (!selected && input.value.trim() === '') status.textContent = '';
  });

  return {
    el,
    input,
    getValue: () => (selected ? selected.id : null),
    getUnit: () => selected,
    setValue: (u) => choose(u),
  };
}
