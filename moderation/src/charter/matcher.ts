import { canonicalWords } from './normalise.ts';

/**
 * Multi-pattern word matching: Aho–Corasick over canonical words instead of characters.
 *
 * Every term (« connard », « fils de pute », « nique ta mère ») is cut into canonical words and
 * inserted once into a trie whose edges are whole words; failure links make the scan a single
 * pass over the text's words. Judging a text costs one hash lookup per word (plus the hits),
 * whatever the number of terms: 40 or 40,000 terms scan at the same speed. Matching whole words
 * means « con » never fires in « content » or « contrat », nor « pute » in « réputé ».
 */

/**
 * The key a canonical word is matched by, so that inflections and phonetic spellings meet the
 * listed word: a final plural « s » or « x » is dropped from words of four letters or more
 * (« sales arabes » meets « sale arabe », while « pds » or « cas » stay), then a final feminine
 * « e » from words of five or more (« connarde », « enculée » meet « connard », « enculé »), and
 * the hard « c » sound is written one way: « qu », « k », « ck » and « c » before a, o, u or a
 * consonant are all « k », « ph » is « f » (« konnard », « fils de pheute », « niqué »).
 */
export function matchKey(word: string): string {
  let key = keys.get(word);
  if (key !== undefined) return key;
  key = HARD_SOUND.test(word) ? sounds(word) : word;
  if (key.length >= 4 && (key.endsWith('s') || key.endsWith('x'))) key = key.slice(0, -1);
  if (key.length >= 5 && key.endsWith('e')) key = key.slice(0, -1);
  if (keys.size >= 100_000) keys.clear();
  keys.set(word, key);
  return key;
}

/** Words repeat from one text to the next: each is keyed once (bounded). */
const keys = new Map<string, string>();

/** The hard « c » sound written « k », « ph » written « f », a sound written twice once. */
function sounds(word: string): string {
  let out = '';
  let last = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    const next = word[i + 1];
    let sound = c;
    if (c === 'q') {
      sound = 'k';
      if (next === 'u') i++;
    } else if (c === 'c') {
      sound = next === 'e' || next === 'i' || next === 'y' || next === 'h' ? 'c' : 'k';
    } else if (c === 'p' && next === 'h') {
      sound = 'f';
      i++;
    }
    if (sound === last && sound !== '*') continue; // « chauphphard », « kk »
    out += sound;
    last = sound;
  }
  return out;
}

const HARD_SOUND = /[qckh]/;

/** The match keys of a text, in order. */
export function matchKeys(text: string): string[] {
  return canonicalWords(text).map(matchKey);
}

export interface WordHit<T> {
  value: T;
  /** The term as it was listed. */
  term: string;
  /** Word positions in the scanned keys: [start, end). */
  start: number;
  end: number;
}

interface Node {
  next: Map<string, number>;
  fail: number;
  /** Entries ending here, including those reached through failure links. */
  out: number[];
}

export class WordMatcher<T> {
  readonly #nodes: Node[] = [{ next: new Map(), fail: 0, out: [] }];
  readonly #entries: { term: string; value: T; length: number }[] = [];

  /** Terms in any spelling; a term whose canonical form is empty is refused. */
  constructor(entries: Iterable<{ term: string; value: T }>) {
    for (const { term, value } of entries) {
      const keys = matchKeys(term);
      if (keys.length === 0) throw new Error(`terme vide après normalisation : « ${term} »`);
      this.#insert(keys, term, value);
      // « fils de pute » also catches the glued « filsdepute », « nique ta mère » « niquetamere ».
      const glued = keys.length > 1 ? matchKeys(canonicalWords(term).join('')) : [];
      if (glued.length === 1) this.#insert(glued, term, value);
    }
    this.#link();
  }

  get size(): number {
    return this.#entries.length;
  }

  #insert(keys: string[], term: string, value: T): void {
    let state = 0;
    for (const key of keys) {
      const node = this.#nodes[state]!;
      let to = node.next.get(key);
      if (to === undefined) {
        to = this.#nodes.push({ next: new Map(), fail: 0, out: [] }) - 1;
        node.next.set(key, to);
      }
      state = to;
    }
    this.#nodes[state]!.out.push(this.#entries.push({ term, value, length: keys.length }) - 1);
  }

  /** Breadth-first: each node's failure link is the longest proper suffix that is in the trie. */
  #link(): void {
    const queue = [...this.#nodes[0]!.next.values()];
    for (let i = 0; i < queue.length; i++) {
      const node = this.#nodes[queue[i]!]!;
      for (const [key, child] of node.next) {
        let fail = node.fail;
        while (fail !== 0 && !this.#nodes[fail]!.next.has(key)) fail = this.#nodes[fail]!.fail;
        const target = this.#nodes[fail]!.next.get(key);
        const childNode = this.#nodes[child]!;
        childNode.fail = target !== undefined && target !== child ? target : 0;
        childNode.out.push(...this.#nodes[childNode.fail]!.out);
        queue.push(child);
      }
    }
  }

  /** The one-word terms (glued multi-word terms included) whose key is exactly `key`. */
  lookupWord(key: string): { term: string; value: T }[] {
    const node = this.#nodes[0]!.next.get(key);
    if (node === undefined) return [];
    return this.#nodes[node]!.out.map((index) => this.#entries[index]!).filter((entry) => entry.length === 1);
  }

  /** Every listed term found in `keys` (from matchKeys), in order of where it ends. */
  findAll(keys: readonly string[]): WordHit<T>[] {
    const hits: WordHit<T>[] = [];
    let state = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      while (state !== 0 && !this.#nodes[state]!.next.has(key)) state = this.#nodes[state]!.fail;
      state = this.#nodes[state]!.next.get(key) ?? 0;
      for (const index of this.#nodes[state]!.out) {
        const entry = this.#entries[index]!;
        hits.push({
          value: entry.value,
          term: entry.term,
          start: i + 1 - entry.length,
          end: i + 1,
        });
      }
    }
    return hits;
  }
}
