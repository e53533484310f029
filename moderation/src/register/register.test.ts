import { describe, expect, it } from 'vitest';
import { readConfig } from '../config.ts';
import { buildRegister, publicPrivacy, type Register } from './register.ts';

const CRM_URL = 'https://grc-user:grc-pass@grc.bailleur.example/api/reclamations?token=crm-token-secret';
const SMTP_URL = 'smtp://alertes:smtp-pass-secret@smtp.prestataire.example:587';
const WEBHOOK = 'https://sms.prestataire.example/hooks/webhook-token-secret?key=abc';
const SECRETS = ['grc-pass', 'crm-token-secret', 'smtp-pass-secret', 'webhook-token-secret', 'fb-token-secret', 'x-bearer-secret', '/api/reclamations', '/hooks/'];

const registerOf = (env: Record<string, string>) => buildRegister(readConfig(env));
const treatment = (register: Register, id: string) => register.treatments.find((t) => t.id === id)!;
const processorNames = (register: Register, id: string) => treatment(register, id).processors.map((p) => p.name);

const full = {
  CLAIMS_WEBHOOK_URL: CRM_URL,
  CLAIMS_WEBHOOK_SECRET: 'signing-secret',
  SMTP_URL,
  FACEBOOK_PAGES: JSON.stringify([{ id: '1001', name: 'Habitat Val de Loire', accessToken: 'fb-token-secret' }]),
  TWITTER_ACCOUNTS: JSON.stringify([{ id: '2002', username: 'hvl_habitat', bearerToken: 'x-bearer-secret' }]),
  ONCALL_ROSTER: JSON.stringify([{ level: 1, name: 'Camille', email: 'camille@bailleur.example', webhook: WEBHOOK }]),
};

describe('the register of processing', () => {
  it('lists every treatment with a purpose, a legal basis, subjects, data and periods', () => {
    const register = registerOf({});
    expect(register.treatments.map((t) => t.id)).toEqual(['public-moderation', 'contact-messages', 'claims', 'oncall-alerts', 'newsletters', 'staff-audit']);
    for (const t of register.treatments) {
      expect(t.purpose && t.legalBasis).toBeTruthy();
      expect(t.dataSubjects.length && t.dataCategories.length && t.retention.length && t.recipients.length).toBeGreaterThan(0);
    }
  });

  it('says the periods in force, in words, with what happens after', () => {
    const register = registerOf({ RETENTION_REFUSED_ITEMS_DAYS: '30', RETENTION_CLAIM_PERSONAL_FIELDS_DAYS: '730' });
    const moderation = treatment(register, 'public-moderation');
    expect(moderation.retention.find((r) => r.key === 'refusedItems')).toMatchObject({ label: 'Messages refusés ou masqués', days: 30, period: '1 mois', after: 'supprimés' });
    expect(treatment(register, 'claims').retention[0]).toMatchObject({ period: '2 ans', after: 'anonymisées (statistiques conservées)' });
    expect(registerOf({}).treatments[0]!.retention.find((r) => r.key === 'refusedItems')!.period).toBe('3 mois');
  });

  it('has no CRM, no network and the demo letterbox when nothing is configured', () => {
    const register = registerOf({});
    expect(processorNames(register, 'claims')).toEqual([]);
    expect(treatment(register, 'claims').purpose).not.toContain('logiciel de relation client');
    expect(processorNames(register, 'public-moderation')).toEqual([]);
    expect(processorNames(register, 'oncall-alerts')).toEqual(['Boîte aux lettres de démonstration']);
    expect(register.treatments.flatMap((t) => t.transfers)).toEqual([]);
  });

  it('names the Pages, the X accounts, the CRM host, the SMTP host and the webhook host when configured', () => {
    const register = registerOf(full);
    const moderation = treatment(register, 'public-moderation');
    expect(moderation.processors.map((p) => p.name)).toEqual(['Meta Platforms Ireland Ltd. (Facebook)', 'X Corp. (X, anciennement Twitter)']);
    expect(moderation.processors[0]!.role).toContain('« Habitat Val de Loire »');
    expect(moderation.processors[1]!.role).toContain('@hvl_habitat');
    expect(moderation.transfers).toHaveLength(1);
    expect(moderation.transfers[0]).toContain('États-Unis');
    expect(treatment(register, 'claims').processors.map((p) => p.host)).toEqual(['grc.bailleur.example']);
    expect(treatment(register, 'oncall-alerts').processors.map((p) => p.host)).toEqual(['smtp.prestataire.example:587', 'sms.prestataire.example']);
  });

  it('never writes a credential, a token, a path or a query, in the register nor in its public part', () => {
    const register = registerOf(full);
    const text = JSON.stringify(register) + JSON.stringify(publicPrivacy(register));
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(text).not.toContain('alertes:');
  });

  it('gives the site the public treatments only, without hosts', () => {
    const answer = publicPrivacy(registerOf({ ...full, RETENTION_REFUSED_ITEMS_DAYS: '30' }));
    expect(answer.retention.map((r) => r.key)).toEqual(['queueItems', 'refusedItems', 'visitorHashes', 'contactMessages', 'claimPersonalFields', 'newsletterSendLog']);
    expect(answer.retention.find((r) => r.key === 'refusedItems')!.period).toBe('1 mois');
    expect(answer.processors.map((p) => p.name)).toEqual(['Meta Platforms Ireland Ltd. (Facebook)', 'X Corp. (X, anciennement Twitter)', 'Logiciel de gestion de la relation client (GRC) du bailleur']);
    expect(JSON.stringify(answer)).not.toMatch(/grc\.bailleur|smtp\.prestataire|sms\.prestataire|astreinte/i);
    expect(publicPrivacy(registerOf({})).processors).toEqual([]);
  });
});
