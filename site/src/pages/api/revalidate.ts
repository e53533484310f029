import type { APIRoute } from 'astro';
import { pageCache } from '../../cache/index.ts';
import { config } from '../../config.ts';
import { checkSignature } from '@hub/integrations/contracts';

const MAX_BODY = 16 * 1024;
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });

/** The CMS's signed notice that content changed: every cached page is dropped. */
export const POST: APIRoute = async ({ request }) => {
  const body = await request.text();
  if (body.length > MAX_BODY) return json(413, { error: 'Requête trop volumineuse.' });
  const notice = {
    timestamp: request.headers.get('x-hub-timestamp'),
    signature: request.headers.get('x-hub-signature-256'),
    body,
  };
  if (!checkSignature(config.HUB_REVALIDATE_SECRET, notice, Date.now()).ok) {
    return json(401, { error: 'Signature absente, invalide ou expirée.' });
  }
  const dropped = pageCache.size;
  pageCache.clear();
  return json(200, { dropped });
};
