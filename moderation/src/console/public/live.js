// @ts-check
/**
 * The live feed (/events, server-sent events named « queue »; « session » when the server ends
 * it because the session is over). Changes are gathered and handed
 * over together after a short quiet time, so a burst of arrivals costs one refresh.
 */
import { debounce } from './dom.js';

/**
 * One change of the queue, as the server sends it.
 * @typedef {{ itemId: string, source: string, state: string, previousState: string | null, articleSlug: string | null }} LiveChange
 */

const QUIET_MS = 300;
/** After the stream is refused or dropped for good, how long before trying again. */
const RETRY_MS = 5000;

/** @type {EventSource | null} */
let source = null;
/**
 * `null` when none runs; the DOM typings' clearTimeout() takes undefined, hence the cast there.
 * @type {number | null}
 */
let retryTimer = null;

/**
 * `onChanges(changes)` receives each batch of `{ itemId, source, state, previousState, articleSlug }`;
 * `onLost()` is called when the browser gave up reconnecting (it decides whether to retry);
 * `onSessionEnded()` when the server says the session ended (logout, expiry, a sign-in
 * elsewhere): the feed is stopped for good, no reconnection would be accepted.
 * @param {{ onChanges: (changes: LiveChange[]) => void, onLost: () => void, onSessionEnded: () => void }} handlers
 */
export function startLive({ onChanges, onLost, onSessionEnded }) {
  stopLive();
  /** @type {LiveChange[]} */
  let pending = [];
  const flush = debounce(() => {
    const batch = pending;
    pending = [];
    onChanges(batch);
  }, QUIET_MS);
  source = new EventSource('/events');
  source.addEventListener('queue', (event) => {
    try {
      pending.push(JSON.parse(event.data));
      flush();
    } catch {
      // A malformed message is dropped: the next refresh shows the queue as it is anyway.
    }
  });
  source.addEventListener('session', () => {
    // Closed before the browser's own reconnection, which the server would refuse anyway.
    stopLive();
    onSessionEnded();
  });
  source.addEventListener('error', () => {
    // EventSource reconnects by itself after a network drop; CLOSED means it will not (e.g. 401).
    if (source?.readyState !== EventSource.CLOSED) return;
    stopLive();
    retryTimer = setTimeout(onLost, RETRY_MS);
  });
}

export function stopLive() {
  clearTimeout(/** @type {number | undefined} */ (retryTimer));
  source?.close();
  source = null;
}
