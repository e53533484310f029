/**
 * /confidentialite takes its periods and processors from the moderation service's configuration
 * (the register of processing), and the register itself is refused to a community manager.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { consoleClient } from '../support/moderation.ts';

describe('the privacy page follows the register of processing', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({
      moderationEnv: { RETENTION_REFUSED_ITEMS_DAYS: '30', TWITTER_ACCOUNTS: JSON.stringify([{ id: '2002', username: 'hvl_habitat', bearerToken: 'x-bearer-secret' }]), SOCIAL_POLL_SECONDS: '3600' },
    });
  });
  afterAll(async () => hub?.stop());

  it('shows the configured period for refused messages, never « 3 mois », and lists the processors', async () => {
    const res = await fetch(`${hub.siteUrl}/confidentialite`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Durées de conservation et destinataires');
    expect(html).toMatch(/Messages refusés ou masqués<\/strong> : 1 mois, puis supprimés\./);
    expect(html).not.toContain('3 mois');
    expect(html).toContain('X Corp.');
    expect(html).not.toContain('x-bearer-secret');
  });

  it('refuses the register to a community manager, in French', async () => {
    const admin = consoleClient(hub.moderationUrl);
    await admin.login(hub.adminEmail, hub.secrets.HUB_ADMIN_PASSWORD);
    const created = await admin.query('mutation { createUser(input: { email: "cm@bailleur.example", displayName: "Chloé", role: community_manager, password: "Moderation2026!" }) { id } }');
    expect(created.errors).toBeUndefined();
    const cm = consoleClient(hub.moderationUrl);
    await cm.login('cm@bailleur.example', 'Moderation2026!');
    const refused = await cm.query('{ processingRegister { controller } }');
    expect(refused.errors?.[0]?.message).toBe('Votre rôle ne permet pas cette action.');
    const allowed = await admin.query<{ processingRegister: { treatments: { id: string }[] } }>('{ processingRegister { treatments { id } } }');
    expect(allowed.data?.processingRegister.treatments.length).toBe(6);
  });
});
