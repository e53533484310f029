/**
 * What an SMTP failure means for the recipient:
 * - permanent: the server refused the address for good (5xx on the recipient, hard bounce);
 * - temporary: refused for now (4xx: mailbox full, greylisting), to be tried again later;
 * - unreachable: the fault is not the address's (connection refused or cut, timeout, bad
 *   credentials): nothing is counted against the recipient and sending pauses.
 */
export type Refusal = { kind: 'permanent' | 'temporary' | 'unreachable'; detail: string };

export function classifyRefusal(error: unknown): Refusal {
  // The mailer's IntegrationError, read by its shape: `refused` is the hard bounce.
  const e = error as { kind?: unknown; responseCode?: unknown; message?: unknown };
  const detail = typeof e?.message === 'string' ? e.message : String(error);
  if (e?.kind === 'refused') return { kind: 'permanent', detail };
  const code = typeof e?.responseCode === 'number' ? e.responseCode : undefined;
  if (code !== undefined && code >= 400 && code < 500) return { kind: 'temporary', detail };
  return { kind: 'unreachable', detail };
}

const DAY_MS = 24 * 3600_000;

/** Delay before attempt `attempt + 1`: base, 2×base, 4×base… at most a day. */
export function retryDelayMs(baseMs: number, attempt: number): number {
  return Math.min(DAY_MS, baseMs * 2 ** Math.max(0, attempt - 1));
}

/** For the logs: the server's answer without the e-mail addresses it may quote (they stay in the send log). */
export function withoutAddresses(text: string): string {
  return text.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, '<adresse>');
}
