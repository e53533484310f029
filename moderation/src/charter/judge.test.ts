import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileCharter, defaultCharter, judge } from './index.ts';
import type { JudgeContext, PersonalDataKind } from './types.ts';

const compiled = compileCharter(defaultCharter);
/** Saturday 14 March 2026, 10:00 in Paris. */
const SATURDAY = new Date('2026-03-14T09:00:00Z');
const minutesAgo = (minutes: number) => new Date(SATURDAY.getTime() - minutes * 60_000);
const verdictOf = (text: string, context: Partial<JudgeContext> = {}) =>
  judge(compiled, { text, authorKey: 'facebook:1234', createdAt: SATURDAY }, { now: SATURDAY, recentByAuthor: [], ...context });

describe('evasion spellings of an insult are all rejected', () => {
  it.each(['connard', 'c.o.n.n.a.r.d', 'c0nnard', 'connnnard', 'C O N N A R D', 'CoNnArD', 'c-o-n-n-a-r-d', 'CONNARDS', 'c0nn4rd', 'con\u200bnard'])('« Espèce de %s ! »', (spelling) => {
    const verdict = verdictOf(`Espèce de ${spelling} !`);
    expect(verdict.decision).toBe('reject');
    expect(verdict.ruleIds).toContain('insultes');
    expect(verdict.severity).toBe('high');
  });

  it.each(['fils de pute', 'filsdepute', 'Nique ta mère', 'FDP', 'ntm', 'sale pd', 'enculé', 'bâtard', 'abruti', 'débile', 'crétin', 'salope'])('« %s »', (text) => {
    expect(verdictOf(text).decision).toBe('reject');
  });
});

describe('innocent words that contain or resemble an insult are approved', () => {
  it.each([
    'Je suis très content de mon nouveau contrat',
    'Un quartier réputé calme, le député est venu inaugurer le jardin',
    'Les ordures ménagères sont ramassées le lundi',
    'Des cônes de chantier devant le bâtiment A',
    'Mise en demeure reçue hier, je ne comprends pas',
    'Le concierge est consciencieux',
  ])('« %s »', (text) => {
    expect(verdictOf(text).ruleIds).not.toContain('insultes');
    expect(['approve', 'hold']).toContain(verdictOf(text).decision);
  });
});

describe('personal data is hidden', () => {
  it.each<[PersonalDataKind, string]>([
    ['phone', 'Appelez-moi au 06 12 34 56 78'],
    ['phone', 'Mon numéro : 06.12.34.56.78'],
    ['phone', 'tel 0612345678'],
    ['phone', 'Joignable au +33 6 12 34 56 78'],
    ['phone', 'ou au 0033612345678'],
    ['phone', 'Le fixe : 01 23 45 67 89'],
    ['email', 'Écrivez-moi à jean.dupont@free.fr'],
    ['email', 'Mon mail : Marie.Martin@Orange.fr'],
    ['iban', 'Remboursez-moi sur FR76 3000 6000 0112 3456 7890 189'],
    ['street_address', "J'habite au 12 rue des Lilas, venez voir"],
    ['tenant_number', 'Mon contrat n° 123456 est à mon nom'],
    ['tenant_number', 'locataire 12-345678'],
  ])('%s: « %s »', (kind, text) => {
    const verdict = verdictOf(text);
    expect(verdict.decision).toBe('hide');
    expect(verdict.severity).toBe('high');
    expect(verdict.personalData).toEqual([kind]);
    expect(verdict.ruleIds).toContain('donnees-personnelles');
  });
});

describe('the default charter, message by message', () => {
  it('approves a thank-you', () => {
    expect(verdictOf('Merci pour la fête des voisins !')).toEqual({
      decision: 'approve',
      matches: [],
      ruleIds: [],
      charterVersion: 1,
      severity: null,
      personalData: [],
      request: null,
      negative: { score: 0, keywords: [] },
    });
  });

  it('holds a leak reported on a Saturday as a request, for a person to see', () => {
    expect(verdictOf("Fuite d'eau au plafond de la salle de bain depuis 3 jours")).toEqual({
      decision: 'hold',
      matches: [{ ruleId: 'demande-locataire', action: 'mark_request', severity: 'medium', reason: 'demande de locataire : fuite / dégât des eaux (fuite, plafond, depuis)' }],
      ruleIds: ['demande-locataire'],
      charterVersion: 1,
      severity: 'medium',
      personalData: [],
      request: { category: 'fuite_degat_des_eaux', keywords: ['fuite', 'plafond', 'depuis'] },
      negative: { score: 0, keywords: [] },
    });
  });

  it('marks negative tone without changing the decision', () => {
    const verdict = verdictOf('Vous êtes vraiment nuls, personne ne répond au téléphone');
    expect(verdict.decision).toBe('approve');
    expect(verdict.ruleIds).toEqual(['ton-negatif']);
    expect(verdict.negative.score).toBeGreaterThanOrEqual(0.5);
  });

  it('holds shouting', () => {
    const verdict = verdictOf('ARRÊTEZ DE CLAQUER LES PORTES LA NUIT');
    expect(verdict.decision).toBe('hold');
    expect(verdict.ruleIds).toEqual(['majuscules']);
    expect(verdict.severity).toBe('low');
  });

  it('holds the sixth message within ten minutes, not the fifth', () => {
    const recent = (...minutes: number[]) => minutes.map((m, i) => ({ text: `Message numéro ${i}`, createdAt: minutesAgo(m) }));
    const sixth = verdictOf('Et encore un message', { recentByAuthor: recent(1, 3, 5, 7, 9) });
    expect(sixth.decision).toBe('hold');
    expect(sixth.ruleIds).toEqual(['rafale']);
    expect(verdictOf('Et encore un message', { recentByAuthor: recent(1, 3, 5, 7) }).decision).toBe('approve');
  });

  it('rejects the same message posted again within the hour', () => {
    const verdict = verdictOf('Bonne journée à tous les voisins', { recentByAuthor: [{ text: 'Bonne journée à tous les voisins !', createdAt: minutesAgo(20) }] });
    expect(verdict.decision).toBe('reject');
    expect(verdict.ruleIds).toEqual(['doublon']);
    expect(verdict.severity).toBe('low');
    expect(verdictOf('Bonne journée à tous les voisins', { recentByAuthor: [{ text: 'Bonne journée à tous les voisins', createdAt: minutesAgo(61) }] }).decision).toBe('approve');
  });

  it.each(['Regardez ça https://bit.ly/3xYz', 'Infos sur tinyurl.com/abc123'])('holds a link to a blocked domain: « %s »', (text) => {
    const verdict = verdictOf(text);
    expect(verdict.decision).toBe('hold');
    expect(verdict.ruleIds).toEqual(['liens']);
  });

  it('holds more than two links', () => {
    expect(verdictOf('https://a.fr https://b.fr https://c.fr').ruleIds).toEqual(['liens']);
    expect(verdictOf('Voir https://www.service-public.fr').decision).toBe('approve');
  });

  it.each<[string, string, string, string]>([
    ['', 'reject', 'message-vide', 'low'],
    ['a'.repeat(5001), 'hold', 'message-trop-long', 'low'],
    ['Je vais te tuer', 'hold', 'menaces', 'critical'],
    ['Rentrez chez vous, sales arabes', 'reject', 'discriminations', 'critical'],
    ["Gagnez de l'argent facile avec le bitcoin", 'reject', 'spam-arnaques', 'medium'],
    ['Je vends un canapé, livraison gratuite', 'hold', 'publicite', 'low'],
    ['Putain, encore cette porte qui claque', 'hold', 'grossieretes', 'low'],
  ])('« %s » → %s by %s (%s)', (text, decision, ruleId, severity) => {
    const verdict = verdictOf(text);
    expect(verdict.decision).toBe(decision);
    expect(verdict.ruleIds[0]).toBe(ruleId);
    expect(verdict.severity).toBe(severity);
  });
});

describe('several rules at once', () => {
  it('reject beats hide, severity is the highest, rule ids come in the order they matched', () => {
    const verdict = verdictOf('Connard, rappelle-moi au 06 12 34 56 78');
    expect(verdict.decision).toBe('reject');
    expect(verdict.ruleIds).toEqual(['donnees-personnelles', 'insultes', 'ton-negatif']);
    expect(verdict.severity).toBe('high');
    expect(verdict.personalData).toEqual(['phone']);
  });

  it('a request with personal data is hidden, and still a request', () => {
    const verdict = verdictOf("Fuite d'eau chez moi au 12 rue des Lilas, appelez le 06 12 34 56 78");
    expect(verdict.decision).toBe('hide');
    expect(verdict.request?.category).toBe('fuite_degat_des_eaux');
    expect(verdict.personalData).toEqual(['phone', 'street_address']);
  });

  it('a critical discrimination outranks everything', () => {
    const verdict = verdictOf('SALE NÈGRE, JE VAIS TE TUER ! bit.ly/x');
    expect(verdict.decision).toBe('reject');
    expect(verdict.severity).toBe('critical');
    expect(verdict.ruleIds).toEqual(['majuscules', 'menaces', 'discriminations', 'liens']);
  });
});

describe('purity', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads the time from context.now, never from the clock', () => {
    const context = { recentByAuthor: [1, 2, 3, 4, 5].map((m) => ({ text: `message ${m}`, createdAt: minutesAgo(m) })) };
    vi.useFakeTimers({ now: new Date('2031-01-01T00:00:00Z') });
    expect(verdictOf('Et un de plus', context).ruleIds).toEqual(['rafale']);
  });

  it('gives the same verdict for the same input', () => {
    const text = 'Ascenseur en panne, c’est une honte !';
    expect(verdictOf(text)).toEqual(verdictOf(text));
  });

  it('records the version of the charter', () => {
    const v7 = compileCharter({ ...defaultCharter, version: 7 });
    expect(judge(v7, { text: 'Bonjour', authorKey: 'site:x', createdAt: SATURDAY }, { now: SATURDAY, recentByAuthor: [] }).charterVersion).toBe(7);
  });
});
