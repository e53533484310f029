import type { Knex } from 'knex';
import { cmsRequest, fullAccessToken } from '../support/cms-admin.ts';
import type { TestHub } from '../support/hub.ts';
import type { SmtpSink } from '../support/smtp.ts';
import { eventually } from '../support/wait.ts';

/** An admin session of the CMS (what the admin panel holds after login). */
export async function adminSession(hub: TestHub, email = hub.adminEmail, password = hub.secrets.HUB_ADMIN_PASSWORD): Promise<string> {
  const res = await fetch(`${hub.cmsUrl}/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!res.ok) throw new Error(`admin login failed: ${res.status} ${await res.text()}`);
  const { data } = (await res.json()) as { data: { token?: string; accessToken?: string } };
  return (data.accessToken ?? data.token)!;
}

/** A call to the newsletter sending routes, as the panel of the edit view makes it. */
export async function panel(hub: TestHub, jwt: string, method: 'GET' | 'POST', path: string, body?: unknown) {
  const res = await fetch(`${hub.cmsUrl}/hub/newsletters/${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as { data?: any; error?: { code: string; message: string } } | null };
}

/** A published newsletter with two of the demo articles, created through the CMS's API. */
export async function publishedNewsletter(hub: TestHub, title = `Lettre de test ${Date.now()}`) {
  const token = await fullAccessToken(hub);
  const articles = await cmsRequest(hub, token, 'GET', 'articles?fields[0]=title&fields[1]=slug&pagination[pageSize]=2&sort=id');
  const slug = title.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const created = await cmsRequest(hub, token, 'POST', 'newsletters?status=published', {
    data: { title, slug, intro: 'Bonjour à toutes et à tous.\n\nVoici les nouvelles du mois.', articles: articles.data.map((a: { documentId: string }) => a.documentId) },
  });
  return { documentId: created.data.documentId as string, title, slug, articles: articles.data as Array<{ title: string; slug: string }>, token };
}

/**
 * Active (or pending) subscribers of a topic written straight into the CMS's tables, as the
 * subscription side would leave them after confirmation. Returns their addresses.
 */
export async function addSubscribers(
  db: Knex,
  options: { count: number; prefix: string; topic?: string; frequency?: 'immediate' | 'daily'; status?: 'active' | 'pending' },
): Promise<string[]> {
  const { count, prefix, topic = 'newsletter', frequency = 'immediate', status = 'active' } = options;
  const at = new Date();
  const emails = Array.from({ length: count }, (_, i) => `${prefix}${i}@exemple.fr`);
  await db.transaction(async (trx) => {
    for (let i = 0; i < emails.length; i += 200) {
      const rows = (await trx('hub_subscribers')
        .insert(emails.slice(i, i + 200).map((email) => ({ email, status, created_at: at, confirmed_at: status === 'active' ? at : null })))
        .returning('id')) as Array<{ id: number }>;
      await trx('hub_subscriptions').insert(rows.map((r) => ({ subscriber_id: r.id, topic, frequency, status, consent_version: '2025-06', created_at: at, confirmed_at: status === 'active' ? at : null })));
    }
  });
  return emails;
}

/** One more subscription for addresses already there. */
export async function subscribeAlso(db: Knex, emails: string[], topic: string, frequency: 'immediate' | 'daily' = 'immediate') {
  const ids = await db('hub_subscribers').whereIn('email', emails).pluck('id');
  await db('hub_subscriptions').insert(ids.map((id: number) => ({ subscriber_id: id, topic, frequency, status: 'active', consent_version: '2025-06', created_at: new Date(), confirmed_at: new Date() })));
}

/** Waits until the newsletter's job is done; returns its last status. */
export async function sendFinished(hub: TestHub, jwt: string, documentId: string, timeoutMs = 30_000) {
  const { value } = await eventually(async () => {
    const { body } = await panel(hub, jwt, 'GET', `${documentId}/sending`);
    return body?.data?.job?.state === 'done' ? body.data : undefined;
  }, timeoutMs, 200);
  return value;
}

/** How many messages each address got. */
export function copiesPerAddress(smtp: SmtpSink): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of smtp.messages) for (const to of m.to) counts.set(to, (counts.get(to) ?? 0) + 1);
  return counts;
}

/** A new admin user of the CMS with one role (`hub-communication`, `strapi-author`…), logged in. */
export async function adminWithRole(hub: TestHub, superAdmin: string, roleCode: string, email: string): Promise<string> {
  const call = async (method: string, path: string, body?: unknown, jwt = superAdmin) => {
    const res = await fetch(`${hub.cmsUrl}/admin/${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(jwt ? { authorization: `Bearer ${jwt}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} /admin/${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { data: any };
  };
  const roles = (await call('GET', 'roles')).data as Array<{ id: number; code: string }>;
  const role = roles.find((r) => r.code === roleCode);
  if (!role) throw new Error(`no role ${roleCode}`);
  const created = await call('POST', 'users', { firstname: 'Julie', lastname: 'Martin', email, roles: [role.id] });
  const registered = await call('POST', 'register', { registrationToken: created.data.registrationToken, userInfo: { firstname: 'Julie', lastname: 'Martin', password: 'Lettre-2026-ok' } }, '');
  return registered.data.accessToken ?? registered.data.token;
}
