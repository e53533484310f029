import type { TestHub } from './hub.ts';

/**
 * What the communication team does in the CMS, through Strapi's own HTTP API: log in, then
 * create a full-access API token for scripted edits.
 */
export async function fullAccessToken(hub: TestHub): Promise<string> {
  const login = await fetch(`${hub.cmsUrl}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: hub.adminEmail, password: hub.secrets.HUB_ADMIN_PASSWORD }),
  });
  if (!login.ok) throw new Error(`admin login failed: ${login.status} ${await login.text()}`);
  const { data } = (await login.json()) as { data: { token?: string; accessToken?: string } };
  const jwt = data.accessToken ?? data.token;
  const created = await fetch(`${hub.cmsUrl}/admin/api-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}` },
    body: JSON.stringify({ name: `tests-${Date.now()}`, type: 'full-access', lifespan: null, kind: 'content-api' }),
  });
  if (!created.ok) throw new Error(`token creation failed: ${created.status} ${await created.text()}`);
  const token = (await created.json()) as { data: { accessKey: string } };
  return token.data.accessKey;
}

export async function cmsRequest(hub: TestHub, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${hub.cmsUrl}/api/${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}
