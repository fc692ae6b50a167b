/*
 * Modal dialogs on the native <dialog> element: it traps focus, closes on
 * Escape and returns focus to the opener, with nothing to reimplement.
 *
 *   const d = openDialog({title, body, wide});   d.close();
 *   if (await confirmDialog({title, message, confirmLabel, danger})) …
 */
import { h, uid } from '../dom.js';
import { t } from '../i18n/index.js';
import { errorMessage, toast } from './ui.js';

export function openDialog({ title, body, wide = false, onClose }) {
  const titleId = uid('dialog-title');
  const opener = document.activeElement;
  const closeBtn = h('button', {
    type: 'button', class: 'dialog-close', 'aria-label': t('common.close'),
    onclick: () => close(),
  }, '×');
  const dialog = h('dialog', { class: ['dialog', wide && 'dialog-wide'], 'aria-labelledby': titleId },
    h('div', { class: 'dialog-head' }, h('h2', { id: titleId }, title), closeBtn),
    h('div', { class: 'dialog-body' }, body));
  let closed = false;
  function close() {
    if (closed) return;
    closed = true;
    if (dialog.open) dialog.close();
  }
  dialog.addEventListener('close', () => {
    closed = true;
    dialog.remove();
    if (onClose) onClose();
    /* Back to the button that opened us; if a re-render replaced it, to the page. */
    if (opener && opener.isConnected && typeof opener.focus === 'function') opener.focus();
    else {
      const main = document.getElementById('main');
      if (main) main.focus({ preventScroll: true });
    }
  });
  document.body.appendChild(dialog);
  dialog.showModal();
  const first = dialog.querySelector('[autofocus], .dialog-body input:not([type=hidden]):not([disabled]), .dialog-body select, .dialog-body textarea');
  if (first) first.focus();
  return { dialog, close };
}

/* Resolves true if the person confirms, false on cancel, Escape or close. */
export function confirmDialog({ title, message, confirmLabel, danger = false }) {
  return new Promise((resolve) => {
    let answer = false;
    const ok = h('button', {
      type: 'button', class: ['btn', danger ? 'btn-danger' : 'btn-primary'],
      onclick: () => { answer = true; d.close(); },
    }, confirmLabel || t('common.confirm'));
    const cancel = h('button', {
      type: 'button', class: 'btn', autofocus: true, onclick: () => d.close(),
    }, t('common.cancel'));
    const d = openDialog({
      title,
      body: [h('p', { class: 'dialog-message' }, message), h('div', { class: 'form-actions' }, ok, cancel)],
      onClose: () => resolve(answer),
    });
    cancel.focus();
  });
}

/* A message with a single "Đóng" button. */
export function alertDialog({ title, message }) {
  return new Promise((resolve) => {
    const ok = h('button', { type: 'button', class: 'btn btn-primary', onclick: () => d.close() }, t('common.close'));
    const d = openDialog({
      title,
      body: [h('p', { class: 'dialog-message', role: 'alert' }, message), h('div', { class: 'form-actions' }, ok)],
      onClose: () => resolve(),
    });
    ok.focus();
  });
}

/*
 * Ask before deleting a record, then delete it with `del()`: on success a
 * toast saying `done` and `after()` (reload the list); on a refusal the
 * server's message in an alert.
 */
export async function confirmDelete({ title, message, del, done, after }) {
  const ok = await confirmDialog({ title, message, confirmLabel: t('common.delete'), danger: true });
  if (!ok) return;
  try {
    await del();
    toast(done);
    after();
  } catch (err) {
    alertDialog({ title: t('error.title'), message: errorMessage(err) });
  }
}
