import type { IncomingMessage } from 'node:http';
import { HubError } from '../errors.ts';

const decoder = new TextDecoder('utf-8', { fatal: true });

const tooLarge = () => new HubError('TOO_LARGE', { message: 'Le message envoyé est trop volumineux.' });

/**
 * The request body as bytes (what a signature is computed on): refused with TOO_LARGE when the
 * declared length or what arrives goes over `maxBytes`.
 */
export async function readRawBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The request body as text: refused when over `maxBytes` or not valid UTF-8. */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const raw = await readRawBody(req, maxBytes);
  try {
    return decoder.decode(raw);
  } catch {
    throw new HubError('INVALID_INPUT', { message: 'Le texte envoyé contient des caractères illisibles (encodage invalide).' });
  }
}

export function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    throw new HubError('INVALID_INPUT', { message: 'Le contenu envoyé n’est pas du JSON valide.' });
  }
}

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
