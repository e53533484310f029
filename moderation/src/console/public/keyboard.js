// @ts-check
/**
 * Keyboard triage in the queue: j/k move, a/h/x decide, r replies, c makes a claim, ? opens the help dialog.
 * Shortcuts stay silent while the person is typing, so « a » in a reply is just a letter.
 */
import { announce } from './announcer.js';
import { openClaimComposer } from './claim-action.js';
import { decide, openReply } from './detail.js';
import { openModal } from './dialog.js';
import { moveSelection } from './queue.js';
import { FORBIDDEN_MESSAGE, canModerate } from './session.js';

const NOT_TYPING = new Set(['checkbox', 'radio', 'button', 'submit', 'reset']);

/** @param {EventTarget | null} target */
function isTyping(target) {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest('textarea, select')) return true;
  return target instanceof HTMLInputElement && !NOT_TYPING.has(target.type);
}

/** @param {() => unknown} run */
const moderatorOnly = (run) => () => (canModerate() ? run() : announce(FORBIDDEN_MESSAGE));

/** @type {Record<string, () => unknown>} */
const SHORTCUTS = {
  j: () => moveSelection(1),
  k: () => moveSelection(-1),
  a: moderatorOnly(() => decide('approve')),
  h: moderatorOnly(() => decide('hide')),
  x: moderatorOnly(() => decide('reject')),
  r: moderatorOnly(() => openReply()),
  c: moderatorOnly(() => openClaimComposer()),
  '?': () => openHelp(),
};

function openHelp() {
  openModal(/** @type {HTMLDialogElement} */ (document.getElementById('help-dialog')), document.getElementById('help-close'));
}

/**
 * `isActive()` tells whether the queue is the view on screen.
 * @param {{ isActive: () => boolean }} options
 */
export function initKeyboard({ isActive }) {
  /** @type {HTMLElement} */ (document.getElementById('help-open')).addEventListener('click', openHelp);
  /** @type {HTMLElement} */ (document.getElementById('help-close')).addEventListener('click', () => /** @type {HTMLDialogElement} */ (document.getElementById('help-dialog')).close());
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    if (!isActive() || document.querySelector('dialog[open]') || isTyping(event.target)) return;
    const run = SHORTCUTS[event.key];
    if (!run) return;
    event.preventDefault();
    void run();
  });
}
