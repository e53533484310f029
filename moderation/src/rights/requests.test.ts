import { describe, expect, it } from 'vitest';
import type { Mailer, MailMessage } from '@hub/integrations/mail';
import { migrate, openDatabase } from '../db/database.ts';
import { CONFIRM_HOURS, createRightsRequests } from './requests.ts';

const START = new Date('2026-12-01T10:00:00.000Z');

/** A service on an in-memory database, its clock moved by hand, its mails kept. */
async function setup(options: { failMail?: boolean } = {}) {
  const { db, dialect } = openDatabase('sqlite::memory:');
  await migrate(db, dialect, START);
  let now = START;
  const sent: MailMessage[] = [];
  const mailer: Mailer = {
    async send(message) {
      if (options.failMail) throw new Error('SMTP down');
      sent.push(message);
      return { messageId: `m${sent.length}` };
    },
    close() {},
  };
  const requests = createRightsRequests({ db, clock: () => now, mailer, from: 'dpo@bailleur.example', publicSiteUrl: 'https://www.bailleur.example' });
  const tokenOf = (mail: MailMessage) => /jeton=([\w-]+)/.exec(mail.text)![1]!;
  return { db, requests, sent, tokenOf, advance: (hours: number) => (now = new Date(now.getTime() + hours * 3_600_000)) };
}

describe('a tenant’s request from the site', () => {
  it('reaches the administrator only once confirmed from the e-mailed link, and confirming twice says the same', async () => {
    const { requests, sent, tokenOf } = await setup();
    expect(await requests.ask({ email: 'sylvie@exemple.fr', kind: 'erasure', message: 'Aussi mon compte Facebook Sylvie M.' })).toEqual({ message: expect.stringContaining('Un e-mail vient de vous être envoyé') });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toBe('sylvie@exemple.fr');
    expect(sent[0]!.text).toContain('l’effacement de vos données personnelles');
    expect(sent[0]!.text).toContain('https://www.bailleur.example/mes-donnees/confirmation?jeton=');
    expect(await requests.list()).toEqual([]);

    const token = tokenOf(sent[0]!);
    expect((await requests.confirm(token)).message).toContain('Votre demande est confirmée');
    expect((await requests.confirm(token)).message).toContain('Votre demande est confirmée');
    const [request] = await requests.list();
    expect(request).toMatchObject({ email: 'sylvie@exemple.fr', kind: 'erasure', message: 'Aussi mon compte Facebook Sylvie M.', handled_at: null });
    const handled = await requests.markHandled(request!.id, 'user:1');
    expect(handled.handled_by).toBe('user:1');
    expect((await requests.list())[0]!.handled_at).not.toBeNull();
  });

  it('refuses an expired or unknown link in French and forgets the unconfirmed request', async () => {
    const { db, requests, sent, tokenOf, advance } = await setup();
    await requests.ask({ email: 'karim@exemple.fr', kind: 'access' });
    advance(CONFIRM_HOURS + 1);
    await expect(requests.confirm(tokenOf(sent[0]!))).rejects.toMatchObject({ publicMessage: expect.stringContaining('n’est pas valide ou a expiré') });
    await expect(requests.confirm('x'.repeat(32))).rejects.toMatchObject({ publicMessage: expect.stringContaining('n’est pas valide ou a expiré') });
    await requests.ask({ email: 'autre@exemple.fr', kind: 'access' });
    expect(await db.selectFrom('rights_requests').select('email').execute()).toEqual([{ email: 'autre@exemple.fr' }]);
  });

  it('sends three requests a day for one address at most, and keeps no request whose e-mail failed', async () => {
    const { requests, sent, advance } = await setup();
    for (let i = 0; i < 3; i++) await requests.ask({ email: 'cible@exemple.fr', kind: 'access' });
    await expect(requests.ask({ email: 'cible@exemple.fr', kind: 'access' })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(sent).toHaveLength(3);
    advance(25);
    await requests.ask({ email: 'cible@exemple.fr', kind: 'access' });
    expect(sent).toHaveLength(4);

    const failing = await setup({ failMail: true });
    await expect(failing.requests.ask({ email: 'a@exemple.fr', kind: 'access' })).rejects.toMatchObject({ publicMessage: expect.stringContaining('n’a pas pu être envoyé') });
    expect(await failing.db.selectFrom('rights_requests').selectAll().execute()).toEqual([]);
  });
});
