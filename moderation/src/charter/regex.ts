import { RE2JS } from 're2js';

/**
 * The regexes of a charter. Those typed by administrators run on re2js, a port of RE2 whose time
 * is linear in the text: on V8's backtracking engine one careless pattern (`(a+)+$`) and one
 * short comment can hold the event loop for minutes. The patterns shipped in the code, checked by
 * `tests/charter/regex-safety.test.ts`, stay on V8. Patterns are written in JavaScript syntax with flags `iu`
 * (the charter's contract since the start) and translated here to RE2's.
 */
export const PATTERN_FLAGS = 'iu';

/** What the charter needs of a regex, whichever engine runs it. */
export interface TextRegex {
  test(text: string): boolean;
  /** The leftmost match, or null. */
  find(text: string): { text: string; index: number } | null;
  /** The text with every non-empty match replaced by what `replace` returns for it. */
  replaceAll(text: string, replace: (hit: string) => string): string;
}

export const NEVER: TextRegex = { test: () => false, find: () => null, replaceAll: (text) => text };

export function v8Regex(source: string, flags = PATTERN_FLAGS): TextRegex {
  const once = new RegExp(source, flags.replace('g', ''));
  const global = new RegExp(source, flags.includes('g') ? flags : `${flags}g`);
  return {
    test: (text) => once.test(text),
    find(text) {
      const found = once.exec(text);
      return found ? { text: found[0], index: found.index } : null;
    },
    replaceAll: (text, replace) => text.replace(global, (hit) => (hit === '' ? hit : replace(hit))),
  };
}

export function re2Regex(source: string): TextRegex {
  const re = RE2JS.compile(toRe2Syntax(source), RE2JS.CASE_INSENSITIVE);
  return {
    // test() runs on RE2's DFA: about 1 µs for a comment, against 100 µs for a search that reports positions.
    test: (text) => re.test(text),
    find(text) {
      if (!re.test(text)) return null;
      const matcher = re.matcher(text);
      return matcher.find() ? { text: matcher.group() ?? '', index: matcher.start() } : null;
    },
    replaceAll(text, replace) {
      if (!re.test(text)) return text;
      const matcher = re.matcher(text);
      let out = '';
      let last = 0;
      while (matcher.find()) {
        const hit = matcher.group() ?? '';
        if (hit === '') continue;
        out += text.slice(last, matcher.start()) + replace(hit);
        last = matcher.end();
      }
      return out + text.slice(last);
    },
  };
}

/**
 * Several sources as one regex (`(?:a)|(?:b)`), the built-in ones on V8 and the others on re2js.
 * `find` gives the leftmost match of either engine, as one alternation would. A backreference or
 * a lookaround outside the built-in patterns never runs: `compileCharter` refuses it at save, and
 * nothing typed by a person may reach the backtracking engine.
 */
export function anyOf(sources: readonly string[], isBuiltIn: (source: string) => boolean): TextRegex {
  const join = (list: readonly string[]) => list.map((s) => `(?:${s})`).join('|');
  const builtIn = sources.filter(isBuiltIn);
  const typed = sources.filter((s) => !isBuiltIn(s) && !needsBacktracking(s));
  const parts: TextRegex[] = [];
  if (builtIn.length) parts.push(v8Regex(join(builtIn)));
  if (typed.length) {
    let re2: TextRegex;
    try {
      re2 = re2Regex(join(typed));
    } catch {
      // Two sources naming the same group cannot share one regex.
      re2 = anyPart(typed.map(re2Regex));
    }
    parts.push(withPrefilter(re2, typed));
  }
  if (parts.length === 0) return NEVER;
  if (parts.length === 1) return parts[0]!;
  return anyPart(parts);
}

/** Several regexes as one: the leftmost match of any of them, as one alternation would give. */
function anyPart(parts: readonly TextRegex[]): TextRegex {
  return {
    test: (text) => parts.some((p) => p.test(text)),
    find(text) {
      let best: ReturnType<TextRegex['find']> = null;
      for (const part of parts) {
        const found = part.find(text);
        if (found && (best === null || found.index < best.index)) best = found;
      }
      return best;
    },
    replaceAll: (text, replace) => parts.reduce((out, p) => p.replaceAll(out, replace), text),
  };
}

/**
 * re2js behind a cheap look for words every match must contain (« promo » in
 * `\bcode\s+promo\b`): most comments hold none of them and never reach the automaton. Only when
 * every source has such a word; a plain alternation of escaped literals cannot backtrack.
 */
function withPrefilter(regex: TextRegex, sources: readonly string[]): TextRegex {
  const literals = sources.map(requiredLiteral);
  if (literals.some((l) => l === null)) return regex;
  const hint = new RegExp([...new Set(literals as string[])].map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'iu');
  return {
    test: (text) => hint.test(text) && regex.test(text),
    find: (text) => (hint.test(text) ? regex.find(text) : null),
    replaceAll: (text, replace) => (hint.test(text) ? regex.replaceAll(text, replace) : text),
  };
}

/**
 * The longest run of plain letters (3 or more) that every match of `source` contains, or null:
 * read at the top level only, a run stops at any escape, class, group or quantifier, and a
 * top-level « | » means no letter is required.
 */
export function requiredLiteral(source: string): string | null {
  let depth = 0;
  let run = '';
  let best = '';
  const close = () => {
    if (run.length > best.length) best = run;
    run = '';
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      close();
      i++;
    } else if (c === '[') {
      close();
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (c === '(') {
      close();
      depth++;
    } else if (c === ')') {
      close();
      depth--;
    } else if (c === '|') {
      if (depth === 0) return null;
      close();
    } else if (c === '?' || c === '*' || c === '{') {
      run = run.slice(0, -1); // the letter before may be absent
      close();
    } else if (c === '+') {
      close();
    } else if (depth === 0 && /\p{L}/u.test(c)) {
      run += c;
    } else {
      close();
    }
  }
  close();
  return best.length >= 3 ? best : null;
}

export type RegexProblem = { kind: 'invalid'; detail: string } | { kind: 'unsupported' };

/**
 * Why a charter regex cannot be used, or null. It must be valid JavaScript with flags `iu` and,
 * unless built in, use nothing that needs backtracking (backreferences, lookarounds) and compile
 * on re2js (which also refuses repeat counts above 1,000, for instance).
 */
export function regexProblem(source: string, builtIn: boolean): RegexProblem | null {
  try {
    new RegExp(source, PATTERN_FLAGS);
  } catch (error) {
    return { kind: 'invalid', detail: (error as Error).message };
  }
  if (builtIn) return null;
  if (needsBacktracking(source)) return { kind: 'unsupported' };
  try {
    re2Regex(source);
  } catch (error) {
    return { kind: 'invalid', detail: (error as Error).message };
  }
  return null;
}

/** JavaScript's `\s` with flag `u`; RE2's covers ASCII only, and French text is full of no-break spaces. */
const SPACE_RANGES: readonly (readonly [number, number])[] = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
const hex = (cp: number) => `\\x{${cp.toString(16)}}`;
const range = ([from, to]: readonly [number, number]) => (from === to ? hex(from) : `${hex(from)}-${hex(to)}`);
const SPACE = SPACE_RANGES.map(range).join('');
const NOT_SPACE = SPACE_RANGES.map(([from], i) => [i === 0 ? 0 : SPACE_RANGES[i - 1]![1] + 1, from - 1] as const)
  .concat([[SPACE_RANGES.at(-1)![1] + 1, 0x10ffff]])
  .filter(([from, to]) => from <= to)
  .map(range)
  .join('');
const ANY = String.raw`\x{0}-\x{10ffff}`;

/** Lookarounds and backreferences, outside character classes (inside, V8 already refuses `\1` with flag `u`). */
function needsBacktracking(source: string): boolean {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      if (!inClass && /[1-9k]/.test(source[i + 1] ?? '')) return true;
      i++;
    } else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(' && /^\(\?<?[=!]/.test(source.slice(i, i + 4))) return true;
  }
  return false;
}

/**
 * A JavaScript `u` regex (already accepted by V8) in RE2 syntax, with the same meaning: `\s`,
 * `\S` and `.` as JavaScript reads them, `\uXXXX` and `\u{…}` as `\x{…}`, `[]` and `[^]`.
 * The rest (classes, `\d`, `\w`, `\b`, `\p{L}`, named groups, lazy quantifiers) is common syntax.
 */
export function toRe2Syntax(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      i++;
      if (next === 's') out += inClass ? SPACE : `[${SPACE}]`;
      else if (next === 'S') out += inClass ? NOT_SPACE : `[^${SPACE}]`;
      else if (next === 'u') {
        const braced = /^\{([0-9a-f]+)\}/i.exec(source.slice(i + 1));
        const unit = /^[0-9a-f]{4}/i.exec(source.slice(i + 1));
        let cp = braced ? parseInt(braced[1]!, 16) : unit ? parseInt(unit[0], 16) : NaN;
        i += braced ? braced[0].length : unit ? 4 : 0;
        const low = /^\\u([0-9a-f]{4})/i.exec(source.slice(i + 1));
        const lowUnit = low ? parseInt(low[1]!, 16) : NaN;
        if (unit && cp >= 0xd800 && cp < 0xdc00 && lowUnit >= 0xdc00 && lowUnit < 0xe000) {
          cp = (cp - 0xd800) * 0x400 + (lowUnit - 0xdc00) + 0x10000;
          i += 6;
        }
        out += Number.isNaN(cp) ? '\\u' : hex(cp);
      } else if (next === 'c' && /[a-z]/i.test(source[i + 1] ?? '')) {
        out += hex(source.charCodeAt(i + 1) % 32);
        i++;
      } else if (next === '0') out += hex(0);
      else if (next === 'b' && inClass) out += hex(8);
      else out += `\\${next}`;
    } else if (inClass) {
      if (c === ']') inClass = false;
      // RE2 reads « [: » inside a class as a POSIX class; JavaScript, as two characters.
      out += c === '[' ? '\\[' : c;
    } else if (c === '[') {
      const empty = source[i + 1] === ']';
      const all = source.slice(i + 1, i + 3) === '^]';
      if (empty || all) {
        out += empty ? `[^${ANY}]` : `[${ANY}]`;
        i += empty ? 1 : 2;
      } else {
        inClass = true;
        out += c;
      }
    } else if (c === '.') out += String.raw`[^\n\r\x{2028}\x{2029}]`;
    else out += c;
  }
  return out;
}
