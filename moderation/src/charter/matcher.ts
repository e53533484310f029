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
 * The key a canonical word is matched by: a final plural « s » or « x » is dropped from words of
 * four letters or more, so that « sales arabes » meets « sale arabe » and « connards » meets
 * « connard », while « pds » or « cas » stay as they are.
 */
export function matchKey(word: string): string {
  return word.length >= 4 && (word.endsWith('s') || word.endsWith('x')) ? word.slice(0, -1) : word;
}

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
        hits.push({ value: entry.value, term: entry.term, start: i + 1 - entry.length, end: i + 1 });
      }
    }
    return hits;
  }
}
