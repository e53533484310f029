import { FORM_BODY_LIMIT, declaresTooLarge, readLimited } from './body.ts';

/**
 * Reads a posted form as plain strings; anything malformed becomes an empty form. The body is
 * read with a cap while it streams in (src/middleware.ts has already answered 413 past it).
 */
export async function readForm(request: Request): Promise<Record<string, string>> {
  if (declaresTooLarge(request, FORM_BODY_LIMIT)) return {};
  try {
    const bytes = await readLimited(request.body, FORM_BODY_LIMIT);
    if (bytes === null) return {};
    const type = request.headers.get('content-type') ?? '';
    const form = await new Response(bytes, { headers: { 'content-type': type } }).formData();
    const values: Record<string, string> = {};
    for (const [key, value] of form.entries()) if (typeof value === 'string') values[key] = value.slice(0, 10_000);
    return values;
  } catch {
    return {};
  }
}
