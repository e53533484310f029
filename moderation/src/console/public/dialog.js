// @ts-check
/**
 * Modal dialogs on the native <dialog> (Escape closes it, the page behind is inert), plus an
 * explicit Tab trap because browsers let focus leave a modal dialog for their own toolbar.
 */
const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** @param {KeyboardEvent & { currentTarget: HTMLDialogElement }} event */
function trapTab(event) {
  if (event.key !== 'Tab') return;
  const focusable = [...event.currentTarget.querySelectorAll(/** @type {'input'} */ (FOCUSABLE))];
  if (!focusable.length) return;
  const first = /** @type {HTMLElement} */ (focusable[0]);
  const last = /** @type {HTMLElement} */ (focusable.at(-1));
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

/**
 * Opens `dialog` modally; focus goes back where it was when it closes.
 * @param {HTMLDialogElement} dialog
 * @param {HTMLElement | null} [initialFocus]
 */
export function openModal(dialog, initialFocus = dialog.querySelector(/** @type {'input'} */ (FOCUSABLE))) {
  if (dialog.open) return;
  const opener = document.activeElement;
  dialog.addEventListener('keydown', /** @type {(event: KeyboardEvent) => void} */ (trapTab));
  dialog.addEventListener(
    'close',
    () => {
      dialog.removeEventListener('keydown', /** @type {(event: KeyboardEvent) => void} */ (trapTab));
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    },
    { once: true },
  );
  dialog.showModal();
  initialFocus?.focus();
}

/**
 * Asks a yes/no question in #confirm-dialog; resolves true only on « confirm ».
 * @param {{ title: string, message: string, confirmLabel: string }} question
 * @returns {Promise<boolean>}
 */
export function confirmAction({ title, message, confirmLabel }) {
  const dialog = /** @type {HTMLDialogElement} */ (document.getElementById('confirm-dialog'));
  /** @type {HTMLElement} */ (document.getElementById('confirm-title')).textContent = title;
  /** @type {HTMLElement} */ (document.getElementById('confirm-message')).textContent = message;
  const yes = /** @type {HTMLButtonElement} */ (document.getElementById('confirm-yes'));
  const no = /** @type {HTMLButtonElement} */ (document.getElementById('confirm-no'));
  yes.textContent = confirmLabel;
  return new Promise((resolve) => {
    let answer = false;
    const onYes = () => {
      answer = true;
      dialog.close();
    };
    const onNo = () => dialog.close();
    yes.addEventListener('click', onYes);
    no.addEventListener('click', onNo);
    dialog.addEventListener(
      'close',
      () => {
        yes.removeEventListener('click', onYes);
        no.removeEventListener('click', onNo);
        resolve(answer);
      },
      { once: true },
    );
    // The safe choice has the focus, so an unintended Enter does not delete anything.
    openModal(dialog, no);
  });
}
