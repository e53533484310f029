import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};
const SECURITY = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

/** The console's files; any other path gets the console's page (it routes by hash). */
export async function serveConsole(root: string, pathname: string, res: ServerResponse): Promise<void> {
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const file = path.resolve(root, relative);
  const inside = file.startsWith(root + path.sep) && TYPES[path.extname(file)];
  let body: Buffer;
  let type: string;
  try {
    body = await readFile(inside ? file : path.join(root, 'index.html'));
    type = inside ? TYPES[path.extname(file)]! : TYPES['.html']!;
  } catch {
    body = await readFile(path.join(root, 'index.html'));
    type = TYPES['.html']!;
  }
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache', ...SECURITY });
  res.end(body);
}
