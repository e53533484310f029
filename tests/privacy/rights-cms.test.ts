import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { consoleClient } from '../support/moderation.ts';
import { eventually } from '../support/wait.ts';
import { cmsDatabase, postForm, subscriptionFormFields } from '../subscriptions/helpers.ts';

/**
 * A tenant's rights across the whole hub: the tenant wrote through the contact form and signed up
 * for the newsletter on the site (the CMS sent the confirmation to the demo letterbox). The
 * administrator's search by address finds all three; the erasure empties all three in one action.
 */
const EMAIL = 'nadia.benali@exemple.fr';
let hub: TestHub;
let db: Knex;
let admin: ReturnType<typeof consoleClient>;

const letterbox = () => path.join(hub.dataDir, 'letterbox');
const lettersTo = (email: string) => (existsSync(letterbox()) ? readdirSync(letterbox()).filter((f) => f.endsWith(`-${email}.eml`)) : []);

interface Search {
  personalData: { total: number; packages: { name: string; groups: { kind: string; count: number; records: { text: string | null }[] }[] }[] };
}
const SEARCH = 'query($v: String!){ personalData(kind: email, value: $v) { total packages { name groups { kind count records { text } } } } }';

/** Counts per `package.kind` of a search, the empty kinds left out. */
async function found(email: string): Promise<Record<string, number>> {
  const res = await admin.query<Search>(SEARCH, { v: email });
  expect(res.errors).toBeUndefined();
  const counts: Record<string, number> = {};
  for (const pkg of res.data!.personalData.packages) for (const g of pkg.groups) if (g.count) counts[`${pkg.name}.${g.kind}`] = g.count;
  return counts;
}

beforeAll(async () => {
  hub = await startTestHub();
  db = cmsDatabase(hub);
  admin = consoleClient(hub.moderationUrl);
  await admin.login(hub.adminEmail, hub.secrets.HUB_ADMIN_PASSWORD);
  const form = subscriptionFormFields(await (await fetch(`${hub.siteUrl}/actualites`)).text());
  const signup = await postForm(hub, '/abonnements/inscription', { ...form, sujet: 'newsletter', email: EMAIL });
  expect(signup.status).toBeLessThan(400);
  await signup.body?.cancel();
  const contact = await fetch(`${hub.moderationUrl}/public/contact`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-site-token': hub.secrets.MODERATION_SITE_TOKEN },
    body: JSON.stringify({ name: 'Nadia Benali', contact: EMAIL, subject: 'Chauffage', message: 'Le radiateur de la chambre reste froid depuis samedi.', consent: true, clientKey: 'rights-cms-000001' }),
  });
  expect(contact.status).toBe(201);
  await contact.body?.cancel();
  await eventually(async () => (lettersTo(EMAIL).length > 0 ? true : undefined), 10_000);
}, 120_000);

afterAll(async () => {
  await db?.destroy();
  await hub?.stop();
});

describe('a tenant’s data across the hub', () => {
  it('is found in moderation, in the CMS and in the letterbox by one search', async () => {
    const counts = await found(EMAIL);
    expect(counts['moderation.items']).toBe(1);
    expect(counts['cms.subscriptions']).toBe(1);
    expect(counts['cms.consents']).toBeGreaterThanOrEqual(1);
    expect(counts['letterbox.letters']).toBe(1);
    const res = await admin.query<Search>(SEARCH, { v: EMAIL });
    const letters = res.data!.personalData.packages.find((p) => p.name === 'letterbox')!.groups[0]!.records;
    expect(letters[0]!.text).toContain(EMAIL);
    // Another address finds nothing of hers.
    expect(await found('personne@exemple.fr')).toEqual({});
  });

  it('is erased everywhere in one action, and the CMS refuses its routes without the moderation service’s key', async () => {
    const erased = await admin.query<{ erasePersonalData: { total: number } }>('mutation($v: String!){ erasePersonalData(kind: email, value: $v) { total } }', { v: EMAIL });
    expect(erased.errors).toBeUndefined();
    expect(erased.data!.erasePersonalData.total).toBeGreaterThanOrEqual(4);
    expect(await found(EMAIL)).toEqual({});
    expect(await db('hub_subscribers').where({ email: EMAIL }).first()).toBeUndefined();
    expect(lettersTo(EMAIL)).toEqual([]);

    for (const token of [undefined, hub.secrets.HUB_SUBSCRIPTIONS_TOKEN, 'faux']) {
      const res = await fetch(`${hub.cmsUrl}/api/hub/privacy/find`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { 'x-hub-privacy-token': token } : {}) },
        body: JSON.stringify({ emails: [EMAIL] }),
      });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe('Jeton manquant ou invalide.');
    }
    const tooMany = await fetch(`${hub.cmsUrl}/api/hub/privacy/find`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-privacy-token': hub.secrets.CMS_PRIVACY_TOKEN },
      body: JSON.stringify({ emails: Array.from({ length: 21 }, (_, i) => `p${i}@exemple.fr`) }),
    });
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { error: { message: string } }).error.message).toBe('20 adresses au plus par demande.');
  });
});
