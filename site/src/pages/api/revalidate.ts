import type { APIRoute } from 'astro';
import { pageCache } from '../../cache/index.ts';
import { config } from '../../config.ts';
import { checkSignature, siteNoticeSchema } from '@hub/integrations/contracts';
import { NOTICE_BODY_LIMIT, declaresTooLarge, readLimited } from '../../lib/body.ts';
const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });

/**
 * The signed notice that content changed (the CMS's, or moderation's for a comment; its schema is
 * the contract's site notice): every cached page is dropped. A notice that does not fit the
 * contract drops them too (a stale page is worse than a cold cache), and is reported in the log.
 */
export const POST: APIRoute = async ({ request }) => {
  // Read with a cap while it streams in, before the signature is checked.
  const bytes = declaresTooLarge(request, NOTICE_BODY_LIMIT) ? null : await readLimited(request.body, NOTICE_BODY_LIMIT);
  if (bytes === null) return json(413, { error: 'Requête trop volumineuse.' });
  const body = new TextDecoder().decode(bytes);
  const notice = {
    timestamp: request.headers.get('x-hub-timestamp'),
    signature: request.headers.get('x-hub-signature-256'),
    body,
  };
  if (!checkSignature(config.HUB_REVALIDATE_SECRET, notice, Date.now()).ok) {
    return json(401, { error: 'Signature absente, invalide ou expirée.' });
  }
  const parsed = siteNoticeSchema.safeParse(parseJson(body));
  if (!parsed.success) console.warn(`revalidate: notice outside the contract (${parsed.error.issues.map((i) => i.path.join('.') || 'body').join(', ')})`);
  const dropped = pageCache.size;
  pageCache.clear();
  return json(200, { dropped });
};
