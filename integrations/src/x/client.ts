import { Agent } from 'node:http';
import type { ITwitterApiClientPlugin } from 'twitter-api-v2';

export const X_API_URL = 'https://api.x.com';

/**
 * twitter-api-v2's settings to reach `baseUrl` (X, or its local emulator) instead of the
 * hard-coded api.x.com: a plugin rewrites each request's address; over plain HTTP, an agent of
 * our own (`keepAlive` as the caller needs it).
 */
export function xClientSettings(baseUrl: string | undefined, keepAlive: boolean): { plugins?: ITwitterApiClientPlugin[]; httpAgent?: Agent } | undefined {
  const base = baseUrl?.replace(/\/+$/, '');
  if (!base || base === X_API_URL) return undefined;
  const plugin: ITwitterApiClientPlugin = {
    onBeforeRequestConfig({ params }) {
      params.url = params.url.replace(/^https:\/\/(?:api|upload)\.(?:x|twitter)\.com/, base);
    },
  };
  return { plugins: [plugin], ...(base.startsWith('http:') ? { httpAgent: new Agent({ keepAlive }) } : {}) };
}
