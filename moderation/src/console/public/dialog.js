/**
 * Modal dialogs on the native <dialog> (Escape closes it, the page behind is inert), plus an
 * explicit Tab trap because browsers let focus leave a modal dialog for their own toolbar.
 */
const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function trapTab(event) {
  if (event.key !== 'Tab') return;
  const focusable = [...event.currentTarget.querySelectorAll(FOCUSABLE)];
  if (!focusable.length) return;
  const first = focusable[0];
  const last = focusable.at(-1);
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

/** Opens `dialog` modally; focus goes back where it was when it closes. */
export function openModal(dialog, initialFocus = dialog.querySelector(FOCUSABLE)) {
  if (dialog.open) return;
  const opener = document.activeElement;
  dialog.addEventListener('keydown', trapTab);
  dialog.addEventListener(
    'close',
    () => {
      dialog.removeEventListener('keydown', trapTab);
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    },
    { once: true },
  );
  dialog.showModal();
  initialFocus?.focus();
}

/** Asks a yes/no question in #confirm-dialog; resolves true only on « confirm ». */
export function confirmAction({ title, message, confirmLabel }) {
  const dialog = document.getElementById('confirm-dialog');
  document.getElementById('confirm-title').textContent = title;
  document.getElementById('confirm-message').textContent = message;
  const yes = document.getElementById('confirm-yes');
  const no = document.getElementById('confirm-no');
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
