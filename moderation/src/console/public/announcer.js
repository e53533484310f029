/**
 * The single live region (#announcer) through which actions and arrivals are spoken to screen
 * reader users.
 */
let clearTimer = null;

export function announce(message) {
  const region = document.getElementById('announcer');
  // Emptied first so that the same message twice in a row (two approvals) is spoken twice.
  region.textContent = '';
  clearTimeout(clearTimer);
  clearTimer = setTimeout(() => {
    region.textContent = message;
    clearTimer = setTimeout(() => (region.textContent = ''), 10_000);
  }, 50);
}
