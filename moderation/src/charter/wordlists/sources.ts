import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { WordlistInput } from './build.ts';
import { LANDLORD_AMBIGUOUS, LANDLORD_TERMS } from './landlord.ts';

const require = createRequire(import.meta.url);

/** The version installed, as pinned in moderation/package.json. */
function versionOf(name: string): string {
  return (require(`${name}/package.json`) as { version: string }).version;
}

/**
 * The sources of the default lexicon. Only build-wordlists reads them (the service reads the
 * compiled fr.json): the packages are devDependencies, pinned.
 */
export function wordlistSources(): WordlistInput[] {
  const badwords = readFileSync(require.resolve('french-badwords-list/list.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const naughty = require('naughty-words/fr.json') as string[];
  const landlord = { id: 'bailleur', label: 'termes du bailleur', licence: 'AGPL-3.0-or-later', url: 'moderation/src/charter/wordlists/landlord.ts' };
  return [
    { source: landlord, entries: LANDLORD_TERMS },
    { source: landlord, entries: LANDLORD_AMBIGUOUS, ambiguous: true },
    {
      source: {
        id: 'french-badwords-list',
        label: `french-badwords-list ${versionOf('french-badwords-list')} (MIT, d’après le Wiktionnaire)`,
        licence: 'MIT',
        url: 'https://github.com/darwiin/french-badwords-list',
      },
      entries: badwords,
    },
    {
      source: {
        id: 'naughty-words',
        label: `naughty-words ${versionOf('naughty-words')} (CC-BY-4.0)`,
        licence: 'CC-BY-4.0',
        url: 'https://github.com/LDNOOBW/List-of-Dirty-Naughty-Obscene-and-Otherwise-Bad-Words',
      },
      entries: naughty,
    },
  ];
}
