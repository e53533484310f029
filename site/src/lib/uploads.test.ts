import { afterEach, describe, expect, it, vi } from 'vitest';
import { RECHECK_MS, serveUpload, servedType } from './uploads.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

const cmsAnswers = (...answers: (() => Response)[]) => {
  const fetchMock = vi.fn(async () => (answers.length > 1 ? answers.shift()! : answers[0]!)());
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
};

describe('servedType', () => {
  it('serves images and PDF documents only', () => {
    expect(servedType('image/jpeg')).toBe('image/jpeg');
    expect(servedType('image/PNG; charset=binary')).toBe('image/png');
    expect(servedType('application/pdf')).toBe('application/pdf');
    for (const type of ['text/html; charset=utf-8', 'image/svg+xml', 'application/javascript', 'application/octet-stream', null, '']) {
      expect(servedType(type), String(type)).toBeNull();
    }
  });
});

describe('serveUpload', () => {
  it('answers 404 for a file whose type is not an image, with nosniff on what it serves', async () => {
    cmsAnswers(() => new Response('<script>alert(1)</script>', { headers: { 'content-type': 'text/html' } }));
    const html = await serveUpload('page-piege.html', 1);
    expect(html.status).toBe(404);
    expect(html.headers.get('content-type')).not.toContain('html');
    cmsAnswers(() => new Response(new Uint8Array([1, 2, 3]), { headers: { 'content-type': 'image/png' } }));
    const png = await serveUpload('image-ok.png', 1);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(png.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('stops serving a file deleted in the CMS, and keeps serving it while the CMS is down', async () => {
    const fetchMock = cmsAnswers(() => new Response(new Uint8Array([1]), { headers: { 'content-type': 'image/jpeg' } }));
    expect((await serveUpload('supprimee.jpg', 1000)).status).toBe(200);
    expect((await serveUpload('supprimee.jpg', 1000 + RECHECK_MS - 1)).status).toBe(200);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    cmsAnswers(() => {
      throw new TypeError('fetch failed');
    });
    expect((await serveUpload('supprimee.jpg', 1000 + RECHECK_MS)).status).toBe(200);
    cmsAnswers(() => new Response('Not Found', { status: 404 }));
    expect((await serveUpload('supprimee.jpg', 1000 + 2 * RECHECK_MS)).status).toBe(404);
    cmsAnswers(() => {
      throw new TypeError('fetch failed');
    });
    expect((await serveUpload('supprimee.jpg', 1000 + 2 * RECHECK_MS + 1)).status).toBe(503);
  });
});
