/** Largest form post accepted (comments, contact, subscriptions): far above any real message. */
export const FORM_BODY_LIMIT = 64 * 1024;
/** Largest change notice accepted on /api/revalidate. */
export const NOTICE_BODY_LIMIT = 16 * 1024;

/** The limit for a request to `path`, before anything else reads its body. */
export const bodyLimitFor = (path: string): number => (path === '/api/revalidate' ? NOTICE_BODY_LIMIT : FORM_BODY_LIMIT);

/** True when the request announces a body larger than `limit` (a chunked body announces nothing). */
export function declaresTooLarge(request: Request, limit: number): boolean {
  const raw = request.headers.get('content-length');
  if (raw === null) return false;
  const length = Number(raw);
  return !Number.isFinite(length) || length > limit;
}

/**
 * Reads a body while it streams in, and stops as soon as it goes past `limit`: memory stays
 * bounded whatever the sender announces (or does not). Null when the body is too large.
 */
export async function readLimited(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > limit) {
        // Not awaited: cancelling one branch of a tee (see bodyFits) settles only once both are.
        reader.cancel().catch(() => undefined);
        return null;
      }
      chunks.push(value);
    }
  } catch {
    // The sender went away, or the adapter's own limit was hit.
    return null;
  } finally {
    reader.releaseLock();
  }
  const all = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}

/**
 * Checks a request's body against its path's limit before the page reads it, by reading a copy
 * (the page's own body is the other branch of the same stream, so at most `limit` bytes are held).
 * True when the body fits.
 */
export async function bodyFits(request: Request, limit: number): Promise<boolean> {
  if (declaresTooLarge(request, limit)) return false;
  if (!request.body) return true;
  return (await readLimited(request.clone().body, limit)) !== null;
}

/**
 * The answer to a body over its limit. The rest of the body is left unread (no memory used); the
 * connection is not closed at once, so that the sender still receives this answer.
 */
export function tooLarge(path: string): Response {
  const headers = { 'cache-control': 'no-store' };
  if (path.startsWith('/api/')) {
    return new Response(JSON.stringify({ error: 'Requête trop volumineuse.' }), {
      status: 413,
      headers: { ...headers, 'content-type': 'application/json; charset=utf-8' },
    });
  }
  const html = `<!doctype html>
<html lang="fr">
  <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><title>Envoi trop volumineux</title></head>
  <body>
    <main>
      <h1>Envoi trop volumineux</h1>
      <p>Votre envoi dépasse la taille autorisée (64 ko). Merci de raccourcir votre message et de réessayer.</p>
      <p><a href="${escapeAttribute(path)}">Revenir au formulaire</a></p>
    </main>
  </body>
</html>
`;
  return new Response(html, { status: 413, headers: { ...headers, 'content-type': 'text/html; charset=utf-8' } });
}

const escapeAttribute = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
