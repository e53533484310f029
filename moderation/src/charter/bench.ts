import { compileCharter } from './compile.ts';
import { defaultCharter } from './default-charter.ts';
import { judge } from './judge.ts';
import type { Charter, CharterRule, ItemToJudge, JudgeContext } from './types.ts';

/**
 * Throughput of `judge` on one core: the default charter plus `terms` synthetic words (a fifth of
 * them two-word expressions) and `patterns` synthetic regexes, over `items` synthetic French
 * comments (a few percent hitting a synthetic term, personal data, a link). Compiling is not
 * timed; a short warm-up is run first. Deterministic: same arguments, same texts.
 */
export function benchCharter({ terms, patterns, items }: { terms: number; patterns: number; items: number }): { itemsPerSecond: number } {
  const random = mulberry32(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

  const words = Array.from({ length: terms }, (_, i) => (i % 5 === 4 ? `${syllables(i)} ${syllables(i + 7919)}` : syllables(i)));
  const sources = Array.from({ length: patterns }, (_, i) => String.raw`\b${syllables(i + 100_000)}\s*(?:promo|offre|\d{2,}\s?€)`);
  const extra: CharterRule[] = [
    { id: 'bench-termes', label: 'Termes synthétiques', severity: 'high', action: 'reject', enabled: true, params: { kind: 'words', terms: words } },
    { id: 'bench-motifs', label: 'Motifs synthétiques', severity: 'medium', action: 'hold', enabled: true, params: { kind: 'pattern', patterns: sources } },
  ];
  const charter: Charter = { version: defaultCharter.version, rules: [...defaultCharter.rules, ...(terms ? [extra[0]!] : []), ...(patterns ? [extra[1]!] : [])] };
  const compiled = compileCharter(charter);

  const openings = ['Bonjour,', 'Bonsoir à tous,', 'Madame, Monsieur,', 'Salut les voisins !', ''];
  const bodies = [
    "il y a une fuite d'eau au plafond de la salle de bain depuis trois jours",
    "l'ascenseur du bâtiment B est encore en panne, ma mère ne peut plus sortir",
    'merci pour la fête des voisins, c’était vraiment réussi',
    'le chauffage ne fonctionne plus depuis lundi et il fait froid',
    'quand est-ce que la porte du hall sera réparée ?',
    'des encombrants traînent devant le local poubelles depuis deux semaines',
    'je voudrais une attestation de loyer pour la CAF',
    'bravo au gardien pour le jardin partagé, il est superbe',
    'c’est un scandale, personne ne répond au téléphone depuis des mois',
    'des cafards dans la cuisine malgré la désinsectisation',
  ];
  const extras = [
    () => '',
    () => '',
    () => '',
    () => ` ${pick(words)}`,
    () => ' appelez-moi au 06 12 34 56 78',
    () => ' voir https://bit.ly/3xYz',
    () => ` ${syllables(100_000 + Math.floor(random() * Math.max(1, patterns)))} 50 €`,
    () => ' MERCI DE RÉPONDRE RAPIDEMENT !!!',
  ];
  const texts = Array.from({ length: 512 }, () => `${pick(openings)} ${pick(bodies)}${pick(extras)()}. ${pick(bodies)}.`);
  const now = new Date('2026-03-14T10:00:00Z');
  const context: JudgeContext = { now, recentByAuthor: [0, 1, 2].map((i) => ({ text: texts[i]!, createdAt: new Date(now.getTime() - (i + 1) * 120_000) })) };
  const itemAt = (i: number): ItemToJudge => ({ text: texts[i % texts.length]!, authorKey: `site:${i % 97}`, createdAt: now });

  let sink = 0;
  for (let i = 0; i < Math.min(2000, items); i++) sink += judge(compiled, itemAt(i), context).matches.length;
  const start = performance.now();
  for (let i = 0; i < items; i++) sink += judge(compiled, itemAt(i), context).matches.length;
  const seconds = (performance.now() - start) / 1000;
  if (sink < 0) throw new Error('unreachable');
  return { itemsPerSecond: Math.round(items / seconds) };
}

/** A pronounceable synthetic word, distinct for each n, that no canonical squeeze can merge. */
function syllables(n: number): string {
  const consonants = 'bdfgjklmnprstvz';
  const vowels = 'aeiou';
  let word = '';
  let rest = n + 1;
  while (rest > 0) {
    word += consonants[rest % consonants.length]! + vowels[Math.floor(rest / consonants.length) % vowels.length]!;
    rest = Math.floor(rest / (consonants.length * vowels.length));
  }
  return `${word}x`;
}

/** A small seeded PRNG (mulberry32): the same texts on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
