/**
 * `npm run bench charter`: how well the default charter catches real-world French insults, and
 * what it costs. Held out: the outside lists are split by a hash of each spelling; the lexicon
 * judged here is built from the other part only (with the landlord's own terms), so the test
 * spellings were never seen. Disguised variants are generated from the held-out spellings.
 * Ordinary tenant and landlord sentences (charter/ordinary-fr.txt) measure the false positives.
 */
import { readFileSync } from 'node:fs';
import { benchCharter } from '../../moderation/src/charter/bench.ts';
import { compileCharter } from '../../moderation/src/charter/compile.ts';
import { defaultCharter } from '../../moderation/src/charter/default-charter.ts';
import { judge } from '../../moderation/src/charter/judge.ts';
import type { Verdict } from '../../moderation/src/charter/types.ts';
import { buildWordlists, type Wordlists } from '../../moderation/src/charter/wordlists/index.ts';
import { wordlistSources } from '../../moderation/src/charter/wordlists/sources.ts';
import { DISGUISES, mulberry32 } from './charter/disguise.ts';
import { BUDGET_MS, hostileTimes } from './charter/hostile.ts';

const WORD_RULES = new Set(['insultes', 'grossieretes', 'contenu-sexuel', 'menaces', 'discriminations']);
const SENTENCE = (insult: string) => `Franchement vous êtes des ${insult}, rien ne change.`;
/** Multi-word insults and threats as people complete them. */
const MULTI_WORD = ['fils de {}', 'nique ta {}', 'va te faire {}', 'je vais te {}'];
const COMPLETIONS: Record<string, string[]> = {
  'fils de {}': ['pute', 'chienne', 'catin', 'putain'],
  'nique ta {}': ['mère', 'race', 'famille', 'grand-mère', 'soeur'],
  'va te faire {}': ['foutre', 'enculer', 'mettre', 'voir', 'niquer'],
  'je vais te {}': ['tuer', 'buter', 'défoncer', 'niquer', 'égorger', 'casser la gueule', 'retrouver', 'planter'],
};

/** FNV-1a: a split that does not move from one run to the next. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
const heldOut = (spelling: string) => hash(spelling) % 5 === 0;

const now = new Date('2026-03-14T10:00:00Z');
const verdictOf = (compiled: ReturnType<typeof compileCharter>, text: string): Verdict =>
  judge(compiled, { text, authorKey: 'site:eval', createdAt: now }, { now, recentByAuthor: [] });
const caught = (v: Verdict) => v.decision !== 'approve' || v.ruleIds.some((id) => WORD_RULES.has(id));
const percent = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(1).replace('.', ',')} %`;

function recall(compiled: ReturnType<typeof compileCharter>, texts: readonly string[]) {
  const missed: string[] = [];
  let rejected = 0;
  for (const text of texts) {
    const verdict = verdictOf(compiled, text);
    if (!caught(verdict)) missed.push(text);
    if (verdict.decision === 'reject' || verdict.decision === 'hide') rejected++;
  }
  return { total: texts.length, caught: texts.length - missed.length, rejected, missed };
}

function line(label: string, r: { total: number; caught: number; rejected: number; missed: string[] }) {
  console.log(`  ${label} : ${percent(r.caught, r.total)} (${r.caught} / ${r.total}, dont ${r.rejected} rejetés ou masqués)`);
  if (r.missed.length) console.log(`    manqués, par exemple : ${r.missed.slice(0, 8).map((t) => `« ${t} »`).join(' ; ')}`);
}

function main() {
  const sources = wordlistSources();
  const landlord = sources.filter((s) => s.source.id === 'bailleur');
  const outside = sources.filter((s) => s.source.id !== 'bailleur');
  const outsideSpellings = outside.flatMap((s) => s.entries as string[]);
  const training: Wordlists = buildWordlists([...landlord, ...outside.map((s) => ({ ...s, entries: (s.entries as string[]).filter((e) => !heldOut(e)) }))]);
  const tested = [...new Set(outsideSpellings.filter(heldOut))];
  const evalCharter = compileCharter(defaultCharter, { wordlists: training });
  const fullCharter = compileCharter(defaultCharter);

  console.log('\nCharte — évaluation sur des listes de terrain (npm run bench charter)');
  console.log(`  lexique d’évaluation : ${training.entries.length} familles construites sans les ${tested.length} graphies tenues à l’écart (1 sur 5, par empreinte)`);
  line('insultes tenues à l’écart, dans une phrase', recall(evalCharter, tested.map(SENTENCE)));

  const random = mulberry32(2026);
  const disguised: { text: string; disguise: string; known: boolean }[] = [];
  for (const spelling of tested) {
    if (/[0-9@$!€]/.test(spelling)) continue; // already disguised by the list itself
    // Known: the lexicon built without it still has its family (another spelling of the word).
    const known = caught(verdictOf(evalCharter, SENTENCE(spelling)));
    for (const disguise of DISGUISES) disguised.push({ text: SENTENCE(disguise.apply(spelling, random)), disguise: disguise.name, known });
  }
  for (const template of MULTI_WORD) {
    for (const completion of COMPLETIONS[template]!) {
      const phrase = template.replace('{}', completion);
      for (const disguise of DISGUISES) disguised.push({ text: `Toi là, ${disguise.apply(phrase, random)} !`, disguise: disguise.name, known: true });
    }
  }
  line('graphies déguisées, tous les mots tenus à l’écart', recall(evalCharter, disguised.map((d) => d.text)));
  const knownTexts = disguised.filter((d) => d.known);
  line('graphies déguisées de mots dont le lexique connaît la famille', recall(evalCharter, knownTexts.map((d) => d.text)));
  for (const disguise of DISGUISES) {
    const r = recall(evalCharter, knownTexts.filter((d) => d.disguise === disguise.name).map((d) => d.text));
    console.log(`    ${disguise.name.padEnd(17)} ${percent(r.caught, r.total).padStart(8)} (${r.caught} / ${r.total})${r.missed.length ? ` — ex. ${r.missed.slice(0, 3).map((t) => `« ${t} »`).join(' ')}` : ''}`);
  }
  line('liste french-badwords-list entière, lexique complet (la mesure de l’issue)', recall(fullCharter, (outside[0]!.entries as string[]).map(SENTENCE)));

  const ordinary = readFileSync(new URL('./charter/ordinary-fr.txt', import.meta.url), 'utf8').split('\n').filter(Boolean);
  const flagged: string[] = [];
  const rejected: string[] = [];
  for (const text of ordinary) {
    const verdict = verdictOf(fullCharter, text);
    if (verdict.ruleIds.some((id) => WORD_RULES.has(id))) flagged.push(`${text} [${verdict.matches.map((m) => m.reason).join(' ; ')}]`);
    if (verdict.decision === 'reject') rejected.push(text);
  }
  console.log(`  phrases ordinaires (${ordinary.length}) : faux positifs des listes de mots ${percent(flagged.length, ordinary.length)} (${flagged.length}), rejetées ${rejected.length}`);
  for (const text of [...flagged, ...rejected.map((t) => `rejetée : ${t}`)].slice(0, 10)) console.log(`    ${text}`);

  const { itemsPerSecond } = benchCharter({ terms: 0, patterns: 50, items: 20_000 });
  const entries = fullCharter.charter.rules.length;
  console.log(`  débit, un cœur, lexique complet (${training.entries.length + tested.length > 0 ? 'tous les lexiques' : ''}, ${entries} règles) + 50 motifs : ${itemsPerSecond.toLocaleString('fr-FR')} éléments/s`);

  const hostile = hostileTimes();
  console.log(`  textes hostiles (${hostile.texts}), budget ${BUDGET_MS} ms par texte :`);
  console.log(`    jugement, le pire : ${hostile.judging.worst}${hostile.judging.slow.length ? ` ; au-delà du budget : ${hostile.judging.slow.join(' ; ')}` : ''}`);
  console.log(`    masquage des données personnelles, le pire : ${hostile.masking.worst}${hostile.masking.slow.length ? ` ; au-delà du budget : ${hostile.masking.slow.join(' ; ')}` : ''}`);
}

main();
