import { describe, expect, it } from 'vitest';
import { audit } from '../audit/audit.ts';
import { createCharterBook } from '../charter/versions.ts';
import { migrate, openDatabase } from '../db/database.ts';
import type { QueueChange } from '../queue/service.ts';
import { createQueue } from '../queue/service.ts';
import { createItemStore } from '../queue/store.ts';
import { parseIdentifier } from './identifier.ts';
import { createRights, ERASED, type PersonalDataSource } from './service.ts';

const AT = '2026-12-01T10:00:00.000Z';

async function setup() {
  const { db, dialect } = openDatabase('sqlite::memory:');
  await migrate(db, dialect, new Date(AT));
  const clock = () => new Date(AT);
  const charter = createCharterBook({ db, clock });
  await charter.ensureDefault();
  const items = createItemStore(db, dialect);
  const changes: QueueChange[] = [];
  const queue = createQueue({ db, items, charter, clock, onChange: () => undefined });
  const erasedEmails: string[][] = [];
  const cms: PersonalDataSource = {
    name: 'cms',
    label: 'Site et lettres d’information',
    find: async (emails) => ({ subscriptions: emails.filter((e) => e.startsWith('fatou')).map((email) => ({ email })) }),
    erase: async (emails) => (erasedEmails.push(emails), { subscriptions: emails.length }),
  };
  const rights = createRights({ db, items, clock, onChange: (c) => changes.push(c), sources: [cms] });
  await queue.ingest({ source: 'site_comment', accountId: 'site', externalId: 's1', authorName: 'Fatou Diallo', authorExternalId: 'visitor-1', text: 'Merci pour la nouvelle aire de jeux', createdAt: new Date(AT), articleSlug: 'les-tilleuls' });
  await queue.ingest({
    source: 'site_contact', accountId: 'site', externalId: 'c1', authorName: 'Fatou Diallo', authorExternalId: 'visitor-2', text: 'Badge\n\nMon badge ne marche plus', createdAt: new Date(AT),
    privateDetails: { contact: 'Fatou.Diallo@example.fr' },
  });
  await queue.ingest({ source: 'facebook_comment', accountId: '1001', externalId: 'f1', authorName: 'Karim', authorExternalId: 'fb-2', text: 'Bravo pour le chantier', createdAt: new Date(AT) });
  await audit(db, { actor: 'user:m1', action: 'item.note', targetType: 'note', after: { text: 'Rappeler fatou.diallo@example.fr' }, at: AT });
  const audits = (action: string) => db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();
  return { db, rights, changes, erasedEmails, audits };
}

describe('parseIdentifier', () => {
  it.each([
    ['email', 'pas-une-adresse', 'Adresse e-mail invalide'],
    ['claim_reference', 'REC-26-1', 'Référence invalide'],
    ['handle', 'x', 'Nom ou pseudo invalide'],
    ['telephone', '0612345678', 'Type d’identifiant inconnu'],
  ])('refuses a malformed %s in French', (kind, value, message) => {
    expect(() => parseIdentifier({ kind, value })).toThrow(expect.objectContaining({ code: 'RIGHTS_IDENTIFIER_INVALID', publicMessage: expect.stringContaining(message) }));
  });

  it('normalises an address and a reference', () => {
    expect(parseIdentifier({ kind: 'email', value: ' Fatou.Diallo@Example.fr ' })).toEqual({ kind: 'email', value: 'fatou.diallo@example.fr' });
    expect(parseIdentifier({ kind: 'claim_reference', value: 'rec-2026-000001' })).toEqual({ kind: 'claim_reference', value: 'REC-2026-000001' });
  });
});

describe('rights', () => {
  it('finds by e-mail the contact message, the comments signed with the same name, the audit notes and the CMS’s records; audits counts only', async () => {
    const { rights, audits } = await setup();
    const found = await rights.search({ kind: 'email', value: 'fatou.diallo@example.fr' }, 'user:admin');
    expect(found.moderation.items.map((i) => i.source).sort()).toEqual(['site_comment', 'site_contact']);
    expect(found.moderation.auditEntries.map((a) => a.action)).toEqual(['item.note']);
    expect(found.others[0]!.records).toEqual({ subscriptions: [{ email: 'fatou.diallo@example.fr' }] });
    const [entry] = await audits('rights.search');
    expect(entry!.target_type).toBe('person');
    expect(JSON.parse(entry!.after!)).toMatchObject({ identifierKind: 'email', counts: { items: 2, auditEntries: 1, 'cms.subscriptions': 1 } });
    expect(entry!.after).not.toMatch(/fatou/i);
  });

  it('finds by handle the same person’s address through the contact message', async () => {
    const { rights } = await setup();
    const found = await rights.search({ kind: 'handle', value: 'fatou diallo' }, 'user:admin');
    expect(found.moderation.items).toHaveLength(2);
    expect(found.emails).toEqual(['fatou.diallo@example.fr']);
  });

  it('exports JSON and a French summary', async () => {
    const { rights, audits } = await setup();
    const { json, summary } = await rights.export({ kind: 'email', value: 'fatou.diallo@example.fr' }, { actor: 'user:admin' });
    expect(JSON.parse(json).packages.moderation.items).toHaveLength(2);
    expect(summary).toContain('Vos données personnelles');
    expect(summary).toContain('« Merci pour la nouvelle aire de jeux »');
    expect(await audits('rights.export')).toHaveLength(1);
  });

  it('erases: author and text replaced, the published comment leaves the site, audit details scrubbed, other people untouched', async () => {
    const { db, rights, changes, erasedEmails, audits } = await setup();
    await rights.erase({ kind: 'email', value: 'fatou.diallo@example.fr' }, { actor: 'user:admin' });
    const rows = await db.selectFrom('items').selectAll().orderBy('external_id').execute();
    const [contact, karim, comment] = rows;
    expect(comment).toMatchObject({ author_name: ERASED, text: ERASED, state: 'deleted' });
    expect(contact).toMatchObject({ author_name: ERASED, text: ERASED, private_details: null });
    expect(karim).toMatchObject({ author_name: 'Karim', text: 'Bravo pour le chantier' });
    expect(changes.find((c) => c.source === 'site_comment')).toMatchObject({ state: 'deleted', previousState: 'approved', articleSlug: 'les-tilleuls' });
    expect((await audits('item.note'))[0]!.after).toBe(JSON.stringify({ text: `Rappeler ${ERASED}` }));
    expect(erasedEmails).toEqual([['fatou.diallo@example.fr']]);
    expect(JSON.parse((await audits('rights.erase'))[0]!.after!)).toMatchObject({ identifierKind: 'email', counts: { items: 2 } });
    const again = await rights.search({ kind: 'email', value: 'fatou.diallo@example.fr' }, 'user:admin');
    expect(again.moderation.items).toEqual([]);
  });

  it('says so in French when nothing is stored', async () => {
    const { rights } = await setup();
    await expect(rights.erase({ kind: 'email', value: 'personne@example.fr' }, { actor: 'user:admin' })).rejects.toMatchObject({ code: 'RIGHTS_NOTHING_FOUND' });
  });
});
