/*
 * The one way pages build markup: h(tag, attrs, ...children) over
 * createElement, with text always going in through text nodes. Nothing here
 * parses HTML, so stored text (a unit name, an audit record) can never run
 * as script, and no inline style is ever written (the CSP forbids it).
 *
 *   h('button', {type: 'button', class: 'btn', onclick: save}, t('common.save'))
 *
 * attrs: `class` (string or array, falsy entries dropped), `for`, `on<event>`
 * (a function, added with addEventListener), `dataset` (object), the DOM
 * properties `value`, `checked`, `selected`, `disabled`, `hidden`,
 * `required`, `readOnly`, `multiple`; booleans for any other attribute add
 * it (true) or leave it out (false); null and undefined are skipped.
 * children: strings and numbers become text nodes, arrays are flattened,
 * null / undefined / false are skipped.
 */

const PROPS = new Set(['value', 'checked', 'selected', 'disabled', 'hidden',
  'required', 'readOnly', 'multiple', 'indeterminate']);

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) setAttrs(el, attrs);
  append(el, children);
  return el;
}

export function setAttrs(el, attrs) {
  for (const [key, val] of Object.entries(attrs)) {
    if (val === null || val === undefined) continue;
    if (key === 'class') {
      const list = Array.isArray(val) ? val.filter(Boolean).join(' ') : val;
      if (list) el.className = list;
    } else if (key === 'for') {
      el.htmlFor = val;
    } else if (key === 'dataset') {
      Object.assign(el.dataset, val);
    } else if (key.startsWith('on') && typeof val === 'function') {
      el.addEventListener(key.slice(2), val);
    } else if (key === 'style') {
      throw new Error('dom.h: inline style is not allowed (CSP); use a class');
    } else if (PROPS.has(key)) {
      el[key] = val;
    } else if (val === true) {
      el.setAttribute(key, '');
    } else if (val === false) {
      el.removeAttribute(key);
    } else {
      el.setAttribute(key, String(val));
    }
  }
  return el;
}

/* Appends children (see h) to el and returns el. */
export function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
  return el;
}

/* Replaces every child of el with `children`. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/* A fresh id for label/aria wiring: uid('unit-name') -> "unit-name-3". */
let counter = 0;
export function uid(prefix = 'id') {
  counter += 1;
  return `${prefix}-${counter}`;
}

/* Calls fn after `ms` of quiet; .cancel() drops a pending call. */
export function debounce(fn, ms) {
  let timer = 0;
  const wrapped = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  wrapped.cancel = () => clearTimeout(timer);
  return wrapped;
}
