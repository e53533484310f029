/**
 * Regenerates moderation/src/charter/wordlists/fr.json from the pinned sources (see
 * wordlists/README.md): `npm run build:wordlists -w moderation`. The file is committed, so the
 * service needs none of the source packages at run time.
 */
import { writeFileSync } from 'node:fs';
import { buildWordlists } from '../src/charter/wordlists/build.ts';
import { wordlistSources } from '../src/charter/wordlists/sources.ts';

const lists = buildWordlists(wordlistSources());
const target = new URL('../src/charter/wordlists/fr.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(lists, null, 1)}\n`);
const count = (f: (e: (typeof lists.entries)[number]) => boolean) => lists.entries.filter(f).length;
console.log(
  `fr.json : ${lists.entries.length} familles (${count((e) => e.ambiguous)} ambiguës) — ${['insultes', 'grossieretes', 'sexuel', 'menaces', 'discriminations'].map((l) => `${l} ${count((e) => e.list === l)}`).join(', ')}`,
);
