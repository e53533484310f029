// @ts-check
/**
 * The single live region (#announcer) through which actions and arrivals are spoken to screen
 * reader users.
 */
/**
 * `null` when none runs; the DOM typings' clearTimeout() takes undefined, hence the cast there.
 * @type {number | null}
 */
let clearTimer = null;

/** @param {string} message */
export function announce(message) {
  const region = /** @type {HTMLElement} */ (document.getElementById('announcer'));
  // Emptied first so that the same message twice in a row (two approvals) is spoken twice.
  region.textContent = '';
  clearTimeout(/** @type {number | undefined} */ (clearTimer));
  clearTimer = setTimeout(() => {
    region.textContent = message;
    clearTimer = setTimeout(() => (region.textContent = ''), 10_000);
  }, 50);
}
