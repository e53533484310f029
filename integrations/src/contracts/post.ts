import { signedHeaders } from './signature.ts';

export interface SignedPostOptions {
  secret: string;
  clock: () => Date;
  /** Tries in all (the first included). */
  attempts?: number;
  timeoutMs?: number;
  /** Pause before try n + 1: `backoffMs × n`. */
  backoffMs?: number;
}

export type SignedPostResult = { delivered: true } | { delivered: false; status: number | null; final: boolean; detail: string };

/**
 * POSTs `payload` as signed JSON, trying again briefly on a network error or a 5xx (each try
 * signed anew, with the time it leaves). A 4xx is final: a refused signature or an invalid
 * payload does not change by trying again.
 */
export async function postSigned(url: string, payload: unknown, options: SignedPostOptions): Promise<SignedPostResult> {
  const { secret, clock, attempts = 3, timeoutMs = 3000, backoffMs = 200 } = options;
  const body = JSON.stringify(payload);
  let last: SignedPostResult = { delivered: false, status: null, final: false, detail: 'not sent' };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signedHeaders(secret, body, clock()) },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.body?.cancel();
      if (res.ok) return { delivered: true };
      last = { delivered: false, status: res.status, final: res.status >= 400 && res.status < 500, detail: `answered ${res.status}` };
      if (last.final) return last;
    } catch (error) {
      last = { delivered: false, status: null, final: false, detail: (error as Error).message };
    }
    if (attempt < attempts) await new Promise((r) => setTimeout(r, backoffMs * attempt));
  }
  return last;
}
