import { describe, expect, it } from 'vitest';
import { compileCharter } from './compile.ts';
import { defaultCharter } from './default-charter.ts';
import { judge } from './judge.ts';
import type { Charter, Verdict } from './types.ts';

const NOW = new Date('2026-03-14T10:00:00Z');
const compiled = compileCharter(defaultCharter);
const verdict = (text: string, charter = compiled): Verdict => judge(charter, { text, authorKey: 'site:test', createdAt: NOW }, { now: NOW, recentByAuthor: [] });
const wordRules = (v: Verdict) => v.ruleIds.filter((id) => ['insultes', 'grossieretes', 'contenu-sexuel', 'menaces', 'discriminations'].includes(id));

describe('disguised insults are read as the listed word', () => {
  it.each([
    ['leetspeak @ → a', 'Espèce de s@lope', 'salope'],
    ['leetspeak ! → i', 'Espèce de pouff!asse', 'pouffiasse'],
    ['leetspeak 1 → i', 'Espèce de pouff1asse', 'pouffiasse'],
    ['leetspeak 3 → e', 'Espèce de 3nculé', 'enculé'],
    ['leetspeak 4 → a', 'Espèce de connn4rd', 'connard'],
    ['leetspeak 5 → s', 'Espèce de 5alope', 'salope'],
    ['leetspeak $ → s', 'Espèce de $alope', 'salope'],
    ['leetspeak 7 → t', 'Espèce de ba7ard', 'bâtard'],
    ['leetspeak in the outside list', 'Vous êtes des tr@!nées', 'traînee'],
    ['ph → f', 'Espèce de phumier', 'fumier'],
    ['k → c', 'Espèce de konnard', 'connard'],
    ['qu → c', 'Espèce de quonnard', 'connard'],
    ['spaces between letters', 'Espèce de c o n n a r d', 'connard'],
    ['dots between letters', 'Espèce de c.o.n.n.a.r.d', 'connard'],
    ['stars between letters', 'Espèce de c*o*n*n*a*r*d', 'connard'],
    ['dashes between letters', 'Espèce de c-o-n-n-a-r-d', 'connard'],
    ['zero-width characters', 'Espèce de con\u200bn\u200bard', 'connard'],
    ['a soft hyphen', 'Espèce de con\u00adnard', 'connard'],
    ['emoji between letters', 'Espèce de c🤬o🤬n🤬n🤬a🤬r🤬d', 'connard'],
    ['emoji inside the word', 'Espèce de conn💩ard', 'connard'],
    ['repeated letters', 'Espèce de connnnnaaaard', 'connard'],
    ['Cyrillic look-alikes', 'Espèce de сoппard'.replace('п', 'n').replace('п', 'n'), 'connard'],
    ['Greek look-alikes', 'Espèce de cοnnαrd', 'connard'],
    ['full-width forms', 'Espèce de ｃｏｎｎａｒｄ', 'connard'],
    ['accents added', 'Espèce de cönnärd', 'connard'],
    ['accents dropped', 'Espece de encule', 'enculé'],
    ['capitals', 'ESPÈCE DE CONNARD', 'connard'],
    ['feminine', 'Espèce de connarde', 'connard'],
    ['plural', 'Bande de connards', 'connard'],
    ['-asse', 'Quelle connasse', 'connasse'],
    ['-ée', 'Espèce d’enculée', 'enculé'],
    ['a masked letter', 'Espèce de p*te', 'pute'],
    ['a masked letter in a long word', 'Espèce de pouffia*se', 'pouffiasse'],
  ])('%s: « %s »', (_, text, term) => {
    const found = verdict(text);
    expect(found.decision).not.toBe('approve');
    expect(found.matches.flatMap((m) => m.terms ?? []).map((t) => t.term)).toContain(term);
  });

  it('shows the moderator the disguised spelling, the listed term and its list', () => {
    const hit = verdict('Espèce de c.0.n.n.a.r.d !').matches.find((m) => m.ruleId === 'insultes')!;
    expect(hit.reason).toBe('mot interdit : "c.0.n.n.a.r.d" (connard)');
    expect(hit.terms).toEqual([{ term: 'connard', written: 'c.0.n.n.a.r.d', source: expect.stringContaining('termes du bailleur') }]);
    expect(hit.terms![0]!.source).toContain('french-badwords-list');
  });
});

describe('multi-word insults and threats', () => {
  it.each([
    ['Fils de chienne', 'insultes'],
    ['fils de pute', 'insultes'],
    ['f.i.l.s d.e p.u.t.e', 'insultes'],
    ['Nique ta race', 'insultes'],
    ['nique ta grand-mère', 'insultes'],
    ['Va te faire foutre', 'insultes'],
    ['va te faire enculer', 'insultes'],
    ['Je vais te buter', 'menaces'],
    ['je vais vous égorger', 'menaces'],
    ['Je sais où tu habites', 'menaces'],
  ])('« %s » → %s', (text, rule) => {
    expect(verdict(text).ruleIds).toContain(rule);
  });

  it('gives threats and slurs the critical severity the crisis procedure reads', () => {
    expect(verdict('Je vais te buter').severity).toBe('critical');
    expect(verdict('Sale bougnoule').severity).toBe('critical');
  });
});

describe('ambiguous words decide only where the text insults someone', () => {
  it.each([
    'Il y a des punaises de lit dans la chambre',
    'Les rats sont revenus dans le local poubelles',
    'On fait la queue depuis une heure à l’agence',
    'Le hall est sale depuis lundi',
    'La chienne de ma voisine aboie toute la nuit',
    'Mon fils de 25 ans peut-il reprendre le bail ?',
    'Le bois de la fenêtre est pourri, une vraie pourriture',
    'Le mur est épais, on n’entend rien',
    'Un logement misérable pour ce loyer',
    'La chaudière est naze depuis dimanche',
    'Du porc au menu de la fête des voisins',
  ])('« %s » is not an insult', (text) => {
    expect(wordRules(verdict(text))).toEqual([]);
  });

  it.each([
    ['Franchement vous êtes des rats, rien ne change.', 'rat'],
    ['Espèce de punaise', 'punaise'],
    ['Vous êtes des misérables', 'misérable'],
    ['Bande de porcs', 'porc'],
    ['T’es une gourde', 'gourde'],
  ])('« %s » is an insult', (text, term) => {
    const found = verdict(text);
    expect(found.decision).toBe('reject');
    expect(found.matches.find((m) => m.ruleId === 'insultes')?.terms?.map((t) => t.term)).toContain(term);
  });

  it('does not carry the cue over a clause break', () => {
    expect(wordRules(verdict('Vous êtes des anges. Rats et cafards ont disparu, merci !'))).toEqual([]);
  });
});

describe('no Scunthorpe problem: words inside innocent words never match', () => {
  it.each([
    'Le contrat de location est signé',
    'Le conseil de concertation locative se réunit jeudi',
    'Nous habitons à Mâcon depuis dix ans',
    'La maison de la culture ouvre samedi',
    'Un quartier réputé, la députée est venue',
    'Les habitants cohabitent bien',
    'Le calcul des charges est faux',
    'Il faut reculer la voiture du parking',
    'Un appel à concourir pour la fresque',
    'Le pique-nique de la résidence est annulé',
    'La tapette à souris ne suffit plus',
    'Nous partons à Montcuq pour les vacances',
    'Le cul-de-sac derrière le bâtiment C est encombré',
    'Mes Nike ont été volées dans le local vélos',
  ])('« %s »', (text) => {
    expect(wordRules(verdict(text))).toEqual([]);
  });
});

describe('the allow-list of a charter', () => {
  const withAllowList: Charter = {
    ...defaultCharter,
    rules: [...defaultCharter.rules, { id: 'mots-autorises', label: 'Termes autorisés', severity: 'low', action: 'approve', enabled: true, params: { kind: 'allow', terms: ['résidence Les Connards'] } }],
  };
  const allowing = compileCharter(withAllowList);

  it('keeps a listed term inside an allowed expression from counting', () => {
    expect(wordRules(verdict('Réunion à la résidence Les Connards jeudi', allowing))).toEqual([]);
  });

  it('still judges the same term elsewhere in the text', () => {
    expect(verdict('Réunion à la résidence Les Connards jeudi, bande de connards', allowing).decision).toBe('reject');
  });
});
