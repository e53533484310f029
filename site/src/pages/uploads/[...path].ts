import type { APIRoute } from 'astro';
import { imageCache } from '../../cache/index.ts';
import { config } from '../../config.ts';

const SAFE_PATH = /^[A-Za-z0-9._-]+$/;

/**
 * The CMS's media, served from the site's own origin: one host for tenants, images still shown
 * while the CMS restarts, and the CMS need not be public.
 */
export const GET: APIRoute = async ({ params }) => {
  const path = params.path ?? '';
  if (!SAFE_PATH.test(path)) return new Response('Introuvable', { status: 404 });
  let image = imageCache.get(path);
  if (!image) {
    try {
      const res = await fetch(`${config.CMS_URL}/uploads/${path}`, { signal: AbortSignal.timeout(config.CMS_TIMEOUT_MS) });
      if (!res.ok) return new Response('Introuvable', { status: res.status === 404 ? 404 : 502 });
      image = { type: res.headers.get('content-type') ?? 'application/octet-stream', body: new Uint8Array(await res.arrayBuffer()) };
      imageCache.set(path, image);
    } catch {
      return new Response('Image momentanément indisponible', { status: 503 });
    }
  }
  return new Response(image.body, {
    headers: { 'content-type': image.type, 'cache-control': 'public, max-age=86400', 'x-content-type-options': 'nosniff' },
  });
};
