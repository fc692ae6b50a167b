/*
 * Choosing a record by typing part of it: an ARIA 1.2 combobox (input +
 * listbox) over a search function. Arrow keys move through the matches,
 * Enter chooses, Escape closes the list (and not the dialog around it);
 * a polite status line says how many matched. The unit picker
 * (unitpicker.js) and the document picker (docpicker.js) are made with it.
 *
 *   const c = combobox({
 *     idPrefix: 'doc-list', value, onChange, placeholder, resultsLabel,
 *     search: (q) => api.listDocuments({q, limit}).then((r) => r.items),
 *     label: (d) => d.symbol,                       // the input's text once chosen
 *     option: (d) => [nameSpan, metaSpan],          // the option's content
 *     dataset: (d) => ({documentId: String(d.id)}), // the option's data-*
 *     countText: (n) => ..., noneText: () => ...,
 *   });
 *   c.el, c.input, c.getValue() (the chosen record's id or null),
 *   c.getItem(), c.setValue(record or null)
 */
import { h, uid, debounce } from '../dom.js';
import { t } from '../i18n/index.js';
import { errorMessage } from './ui.js';

export function combobox({
  idPrefix = 'combo-list', value = null, onChange, placeholder, resultsLabel,
  search: find, label, option, dataset, countText, noneText,
}) {
  const listId = uid(idPrefix);
  let selected = value;
  let items = [];
  let active = -1;
  let request = 0;

  const input = h('input', {
    type: 'text', role: 'combobox', autocomplete: 'off', spellcheck: 'false',
    'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId,
    placeholder, value: value ? label(value) : '',
  });
  const list = h('ul', { id: listId, role: 'listbox', class: 'picker-list', hidden: true, 'aria-label': resultsLabel });
  const status = h('p', { class: 'picker-status', 'aria-live': 'polite' });
  const el = h('div', { class: 'picker' }, input, list, status);

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

  function choose(item) {
    selected = item;
    input.value = item ? label(item) : '';
    status.textContent = '';
    close();
    if (onChange) onChange(item);
  }

  function render() {
    list.replaceChildren();
    items.forEach((item, i) => {
      list.appendChild(h('li', {
        id: `${listId}-${i}`, role: 'option', class: 'picker-option', 'aria-selected': 'false',
        dataset: dataset ? dataset(item) : undefined,
        onmousedown: (ev) => ev.preventDefault(), /* keep focus in the input */
        onclick: () => choose(item),
      }, option(item)));
    });
    open();
  }

  const search = debounce(async (q) => {
    const mine = ++request;
    status.textContent = t('picker.searching');
    try {
      const found = await find(q);
      if (mine !== request) return;
      items = found || [];
      status.textContent = items.length ? countText(items.length) : noneText();
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
    getItem: () => selected,
    setValue: (item) => choose(item),
  };
}
