import { imageCache } from '../cache/index.ts';
import { config } from '../config.ts';

const SAFE_PATH = /^[A-Za-z0-9._-]+$/;

/**
 * What the site serves from the CMS's media, by the type the CMS sends: images (no SVG, which can
 * carry script; the CMS refuses them anyway) and the PDF documents the CMS accepts. Anything else
 * is not served (404), whatever the CMS holds.
 */
const SERVED_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif', 'application/pdf']);

/** The media type to serve, or null when the CMS's type is not one the site serves. */
export function servedType(contentType: string | null): string | null {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return SERVED_TYPES.has(type) ? type : null;
}

/**
 * How long a kept file is served without asking the CMS again. After that the CMS is asked (a
 * conditional request): a file deleted in the CMS stops being served; a CMS that does not answer
 * leaves the kept copy served (images still shown while the CMS restarts).
 */
export const RECHECK_MS = 10_000;

export interface KeptMedia {
  type: string;
  body: Uint8Array<ArrayBuffer>;
  checkedAt: number;
  lastModified: string | null;
  etag: string | null;
}

const notFound = () => new Response('Introuvable', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });

function serve(media: KeptMedia): Response {
  const headers: Record<string, string> = {
    'content-type': media.type,
    'cache-control': 'public, max-age=86400',
    'x-content-type-options': 'nosniff',
  };
  if (media.type === 'application/pdf') headers['content-disposition'] = 'inline';
  return new Response(media.body, { headers });
}

/** The CMS's media, served from the site's own origin (see pages/uploads/[...path].ts). */
export async function serveUpload(path: string, now = Date.now()): Promise<Response> {
  if (!SAFE_PATH.test(path)) return notFound();
  const kept = imageCache.get(path) as KeptMedia | undefined;
  if (kept && now - kept.checkedAt < RECHECK_MS) return serve(kept);
  const headers: Record<string, string> = {};
  if (kept?.etag) headers['if-none-match'] = kept.etag;
  if (kept?.lastModified) headers['if-modified-since'] = kept.lastModified;
  let res: Response;
  try {
    res = await fetch(`${config.CMS_URL}/uploads/${path}`, { headers, signal: AbortSignal.timeout(config.CMS_TIMEOUT_MS) });
  } catch {
    if (kept) return serve(kept);
    return new Response('Image momentanément indisponible', { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  if (res.status === 304 && kept) {
    await res.body?.cancel();
    kept.checkedAt = now;
    return serve(kept);
  }
  if (res.status === 404 || res.status === 410) {
    await res.body?.cancel();
    imageCache.delete(path);
    return notFound();
  }
  if (!res.ok) {
    await res.body?.cancel();
    if (kept) return serve(kept);
    return new Response('Introuvable', { status: 502, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  const type = servedType(res.headers.get('content-type'));
  if (!type) {
    await res.body?.cancel();
    imageCache.delete(path);
    return notFound();
  }
  const media: KeptMedia = {
    type,
    body: new Uint8Array(await res.arrayBuffer()),
    checkedAt: now,
    lastModified: res.headers.get('last-modified'),
    etag: res.headers.get('etag'),
  };
  imageCache.set(path, media);
  return serve(media);
}
