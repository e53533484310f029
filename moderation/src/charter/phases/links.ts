import type { RuleMatch } from '../types.ts';
import { matchOf, rulesOf, type Phase } from './types.ts';

/**
 * Top-level domains recognised without « http:// » or « www. » (« bit.ly/xyz », « arnaque.fr »).
 * Not « .me », « .de », « .to », « .at », « .in »… : « c'est nul.Me voilà » is a missing space.
 */
const TLDS = 'fr|com|net|org|eu|be|ch|io|ly|gl|gd|gy|info|biz|xyz|site|online|shop|app|link|click|top|cc|tk|ru|cn|uk';
/**
 * A bare domain starts where its run of letters starts (not inside « jean@free.fr », and not
 * rescanning the run from each of its letters), and a label is letters and digits with dashes
 * between them: written
 * `[a-z0-9](?:[a-z0-9-]*[a-z0-9])?`, the same letters could end either repeat.
 */
const LINK = new RegExp(
  String.raw`\bhttps?:\/\/[^\s<>"«»]+|\bwww\.[^\s<>"«»]+|(?<![\p{L}\p{N}@.\-])(?:[a-z0-9]+(?:-+[a-z0-9]+)*\.)+(?:${TLDS})\b(?:\/[^\s<>"«»]*)?`,
  'giu',
);
const SCHEME = /^https?:\/\//i;
const PATH = /[/?#:].*$/s;
const WWW = /^www\./i;
const FINAL_DOT = /\.$/;

/** The built-in regexes of this module, for `tests/charter/regex-safety.test.ts`. */
export const LINK_REGEXES: readonly RegExp[] = [LINK, SCHEME, PATH, WWW, FINAL_DOT];

/** The links in a text and their host names (lower case, without « www. »). */
export function findLinks(text: string): { url: string; host: string }[] {
  return [...text.matchAll(LINK)].map(([url]) => {
    const host = url.replace(SCHEME, '').replace(PATH, '').replace(WWW, '').replace(FINAL_DOT, '').toLowerCase();
    return { url, host };
  });
}

/** « bit.ly » covers « bit.ly » and « www.bit.ly », « x.bit.ly », not « rabbit.ly ». */
const within = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

/**
 * `links`: more links than `maxLinks`, a link to a blocked domain (URL shorteners hide where they
 * lead), or, when `allowedDomains` is set, a link anywhere else.
 */
export const linksPhase: Phase = {
  name: 'links',
  kinds: ['links'],
  compile(rules) {
    const linkRules = rulesOf(rules, 'links').map((rule) => ({
      rule,
      allowed: rule.params.allowedDomains?.map((d) => d.toLowerCase()),
      blocked: (rule.params.blockedDomains ?? []).map((d) => d.toLowerCase()),
    }));
    return (state) => {
      if (linkRules.length === 0) return {};
      const links = findLinks(state.text);
      if (links.length === 0) return {};
      const matches: RuleMatch[] = [];
      for (const { rule, allowed, blocked } of linkRules) {
        const reasons: string[] = [];
        const { maxLinks } = rule.params;
        if (maxLinks !== undefined && links.length > maxLinks) reasons.push(`${links.length} liens (maximum ${maxLinks})`);
        const hosts = [...new Set(links.map((l) => l.host))];
        const bad = hosts.filter((h) => blocked.some((d) => within(h, d)));
        if (bad.length) reasons.push(`lien vers un domaine bloqué : ${bad.join(', ')}`);
        const foreign = allowed ? hosts.filter((h) => !allowed.some((d) => within(h, d)) && !bad.includes(h)) : [];
        if (foreign.length) reasons.push(`lien vers un domaine non autorisé : ${foreign.join(', ')}`);
        if (reasons.length) matches.push(matchOf(rule, reasons.join(' ; ')));
      }
      return { matches };
    };
  },
};
