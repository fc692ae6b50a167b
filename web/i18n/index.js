/*
 * The message catalogue: t(key, params) looks `key` up in the current
 * language (Vietnamese by default, English as the second language) and
 * fills {name} placeholders from params. The choice is kept in localStorage
 * under "tg.lang"; onLanguageChange() lets the shell re-render.
 *
 * Every user-visible string lives in vi.js and en.js with the same keys
 * (tests/web/format.test.js checks both ways).
 */
import vi from './vi.js';
import en from './en.js';

export const LANGUAGES = { vi, en };
export const DEFAULT_LANG = 'vi';
const STORAGE_KEY = 'tg.lang';

function storage() {
  try {
    return globalThis.localStorage || null;
  } catch {
    return null; /* storage disabled by the browser */
  }
}

function initialLang() {
  const s = storage();
  const saved = s ? s.getItem(STORAGE_KEY) : null;
  return saved && LANGUAGES[saved] ? saved : DEFAULT_LANG;
}

let lang = initialLang();
const listeners = new Set();

export function getLang() {
  return lang;
}

export function setLang(next) {
  if (!LANGUAGES[next] || next === lang) return;
  lang = next;
  const s = storage();
  if (s) {
    try {
      s.setItem(STORAGE_KEY, next);
    } catch { /* quota or privacy mode: the choice lasts this page only */ }
  }
  if (globalThis.document) document.documentElement.lang = next;
  for (const fn of listeners) fn(next);
}

/* Registers fn(lang) to run after a change; returns the unregister function. */
export function onLanguageChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/* True when `key` exists in the current language (or in Vietnamese). */
export function has(key) {
  return key in LANGUAGES[lang] || key in vi;
}

export function t(key, params) {
  let s = LANGUAGES[lang][key];
  if (s === undefined) s = vi[key];
  if (s === undefined) return key;
  if (!params) return s;
  return s.replace(/\{(\w+)\}/g, (m, name) =>
    (params[name] === undefined || params[name] === null ? m : String(params[name])));
}
