import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { consoleClient } from '../support/moderation.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp.ts';
import { linkIn, postForm } from '../subscriptions/helpers.ts';

/**
 * A tenant asks from the site for the erasure of their data: the form on /mes-donnees, the
 * confirmation e-mail through a real SMTP peer, the button behind its link; only then does the
 * request reach the administrator, who marks it answered.
 */
const EMAIL = 'sylvie.martin@exemple.fr';
let hub: TestHub;
let smtp: SmtpSink;
let admin: ReturnType<typeof consoleClient>;

interface Requests {
  rightsRequests: { id: string; email: string; kind: string; message: string | null; handledAt: string | null }[];
}
const REQUESTS = '{ rightsRequests { id email kind message handledAt } }';
const requests = async () => (await admin.query<Requests>(REQUESTS)).data!.rightsRequests;

beforeAll(async () => {
  smtp = await startSmtpSink();
  hub = await startTestHub({ moderationEnv: { SMTP_URL: smtp.url } });
  admin = consoleClient(hub.moderationUrl);
  await admin.login(hub.adminEmail, hub.secrets.HUB_ADMIN_PASSWORD);
}, 120_000);

afterAll(async () => {
  await hub?.stop();
  await smtp?.close();
});

describe('a tenant’s request for their data, from the site', () => {
  it('is linked from /confidentialite and refused in French when the address is not one', async () => {
    const privacy = await (await fetch(`${hub.siteUrl}/confidentialite`)).text();
    expect(privacy).toContain('href="/mes-donnees"');
    const page = await fetch(`${hub.siteUrl}/mes-donnees`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('private, no-store');
    expect(await page.text()).toContain('Mes données personnelles');

    const refused = await postForm(hub, '/mes-donnees', { demande: 'erasure', email: 'pas-une-adresse' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Votre adresse e-mail n’est pas valide.');
    expect(smtp.count).toBe(0);
  });

  it('reaches the administrator once confirmed from the e-mailed link, and is marked answered', async () => {
    const asked = await postForm(hub, '/mes-donnees', { demande: 'erasure', email: EMAIL, precisions: 'Mon pseudo sur Facebook : Sylvie M.' });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('Un e-mail vient de vous être envoyé');
    const [mail] = await smtp.waitFor(1);
    expect(mail!.parsed.subject).toBe('Confirmez votre demande concernant vos données personnelles');
    expect(mail!.parsed.text).toContain('l’effacement de vos données personnelles');
    expect(await requests()).toEqual([]);

    // Opening the link (as a mail scanner would) confirms nothing; the button does.
    const link = linkIn(mail!, '/mes-donnees/confirmation', hub);
    const shown = await fetch(link);
    expect(await shown.text()).toContain('Confirmer ma demande');
    expect(await requests()).toEqual([]);
    const confirm = () => fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: hub.siteUrl }, body: '' });
    expect(await (await confirm()).text()).toContain('Votre demande est confirmée');
    expect(await (await confirm()).text()).toContain('Votre demande est confirmée');
    const [request] = await requests();
    expect(request).toMatchObject({ email: EMAIL, kind: 'erasure', message: 'Mon pseudo sur Facebook : Sylvie M.', handledAt: null });
    expect(await requests()).toHaveLength(1);

    const handled = await admin.query<{ markRightsRequestHandled: { handledAt: string | null } }>('mutation($id: ID!){ markRightsRequestHandled(id: $id) { handledAt } }', { id: request!.id });
    expect(handled.data!.markRightsRequestHandled.handledAt).not.toBeNull();
    const audit = await admin.query<{ auditLog: { entries: { action: string }[] } }>('{ auditLog(first: 20) { entries { action } } }');
    expect(audit.data!.auditLog.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['rights.request', 'rights.request_handled']));
  });

  it('refuses a tampered link in French', async () => {
    const res = await fetch(`${hub.siteUrl}/mes-donnees/confirmation?jeton=${'a'.repeat(32)}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: hub.siteUrl }, body: '' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('n’est pas valide ou a expiré');
  });
});
