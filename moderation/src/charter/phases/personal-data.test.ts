import { describe, expect, it } from 'vitest';
import type { PersonalDataKind } from '../types.ts';
import { maskPersonalData, personalDataPhase } from './personal-data.ts';
import { rule, run } from './test-support.ts';

const ALL: PersonalDataKind[] = ['phone', 'email', 'iban', 'tenant_number', 'street_address'];
const personal = rule('donnees-personnelles', { kind: 'personal_data', detect: ALL }, 'hide', 'high');
const found = (text: string) => run(personalDataPhase, [personal], text).personalData ?? [];

describe('personal data phase', () => {
  describe.each<[PersonalDataKind, string[]]>([
    ['phone', ['06 12 34 56 78', '06.12.34.56.78', '06-12-34-56-78', '0612345678', '+33 6 12 34 56 78', '+33612345678', '0033612345678', '+33 (0)6 12 34 56 78', '01 23 45 67 89', 'appelez le 09 87 65 43 21 après 18h']],
    ['email', ['jean.dupont@free.fr', 'Écrivez-moi : marie-claire_92@orange.fr', 'contact [at] exemple.com']],
    ['iban', ['FR76 3000 6000 0112 3456 7890 189', 'fr7630006000011234567890189', 'DE89 3704 0044 0532 0130 00']],
    ['tenant_number', ['contrat n° 123456', 'locataire 12-345678', 'mon numéro de locataire : 0045821', 'Réf. 2024/123456', 'dossier n°987654']],
    ['street_address', ['12 rue des Lilas', "J'habite au 3 bis, avenue de la République", '45 boulevard Voltaire', '7 allée du Parc', '2 impasse des Roses', '1 place de la Mairie']],
  ])('%s', (kind, texts) => {
    it.each(texts)('« %s »', (text) => {
      expect(found(`Bonjour, ${text} merci`)).toEqual([kind]);
    });
  });

  it.each([
    'Rendez-vous le 14/03/2026 à 10h30',
    'Le loyer est de 1 250 € par mois depuis 2024',
    'Bâtiment 3, 2e étage, porte 12',
    'Je suis locataire depuis 1998',
    "J'ai loué 1 place de parking au sous-sol",
    'Il reste 2 places de stationnement',
    'Code postal 75011, 3 enfants',
    'Le numéro vert : 0 800 123 456',
  ])('finds nothing in « %s »', (text) => {
    expect(found(text)).toEqual([]);
  });

  it('does not read the digits of an IBAN or a contract as a phone number', () => {
    expect(found('IBAN FR76 3000 6000 0112 3456 7890 189 et contrat n° 0612345678')).toEqual(['iban', 'tenant_number']);
  });

  it("finds every kind present, in the rule's order, in one match naming the kinds but not the data", () => {
    const patch = run(personalDataPhase, [personal], 'Mon mail jean@free.fr, mon tel 06 12 34 56 78, 12 rue des Lilas');
    expect(patch.personalData).toEqual(['phone', 'email', 'street_address']);
    expect(patch.matches).toEqual([
      { ruleId: 'donnees-personnelles', action: 'hide', severity: 'high', reason: 'données personnelles : numéro de téléphone, adresse e-mail, adresse postale' },
    ]);
  });

  it('reports only the kinds a rule asks for', () => {
    const phoneOnly = rule('telephone', { kind: 'personal_data', detect: ['phone'] });
    expect(run(personalDataPhase, [phoneOnly], 'jean@free.fr').matches).toEqual([]);
    expect(run(personalDataPhase, [phoneOnly], 'jean@free.fr ou 0612345678').personalData).toEqual(['phone']);
  });

  it("uses the landlord's own tenant number formats when given", () => {
    const own = rule('numero', { kind: 'personal_data', detect: ['tenant_number'], tenantNumberPatterns: [String.raw`\bLOC-\d{5}\b`] });
    expect(run(personalDataPhase, [own], 'ma référence LOC-12345').personalData).toEqual(['tenant_number']);
    expect(run(personalDataPhase, [own], 'contrat n° 123456').personalData).toEqual([]);
  });

  it.each(['contrat n°. : 123456', 'Réf. n° : 2024/123456', 'bail # 12 345678', 'client :123456 7890', 'numéro d’allocataire 1234567'])('finds the tenant number in « %s »', (text) => {
    expect(found(text)).toEqual(['tenant_number']);
  });

  it('runs the landlord’s own formats on re2js: no format can block the service', () => {
    const careless = rule('numero', { kind: 'personal_data', detect: ['tenant_number'], tenantNumberPatterns: ['(a+)+$', String.raw`\bLOC\s\d{5}\b`] });
    const start = performance.now();
    expect(run(personalDataPhase, [careless], `${'a'.repeat(20_000)}!`).personalData).toEqual([]);
    expect(performance.now() - start).toBeLessThan(200);
    expect(run(personalDataPhase, [careless], 'ma référence LOC\u00a012345').personalData).toEqual(['tenant_number']);
  });

  it('reads « contrat » followed by a run of spaces at once (it took 6 s)', () => {
    const start = performance.now();
    expect(found(`contrat${' '.repeat(1990)}x`)).toEqual([]);
    expect(found(`contrat${' '.repeat(1990)}123456`)).toEqual(['tenant_number']);
    expect(performance.now() - start).toBeLessThan(50);
  });
});

describe('masking personal data', () => {
  it('masks every kind, with the default tenant formats or the landlord’s own', () => {
    expect(maskPersonalData('Contrat n° 123456, tel 06 12 34 56 78, jean@free.fr')).toBe('[donnée masquée], tel [donnée masquée], [donnée masquée]');
    expect(maskPersonalData('ref LOC-12345 et contrat n° 123456', [String.raw`\bLOC-\d{5}\b`])).toBe('ref [donnée masquée] et contrat n° 123456');
    expect(maskPersonalData('contrat n° 123456', [])).toBe('contrat n° 123456');
  });
});
