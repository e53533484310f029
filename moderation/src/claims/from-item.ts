import { maskPersonalData } from '../charter/phases/personal-data.ts';
import type { CharterRule, RequestCategory } from '../charter/types.ts';
import { CATEGORY_LABELS } from '../charter/lexicon.ts';
import type { ItemRow } from '../queue/store.ts';

export const REQUEST_CATEGORIES = Object.keys(CATEGORY_LABELS) as RequestCategory[];
export const isRequestCategory = (value: unknown): value is RequestCategory => typeof value === 'string' && value in CATEGORY_LABELS;

/** Sources whose author wrote privately (the contact form): nothing of theirs is public. */
const PRIVATE_SOURCES = ['site_contact'];

/** The tenant-number patterns of the charter in force (the defaults when it has none). */
export function tenantPatternsOf(rules: CharterRule[]): string[] | undefined {
  const patterns = rules.flatMap((r) => (r.enabled && r.params.kind === 'personal_data' ? (r.params.tenantNumberPatterns ?? []) : []));
  return patterns.length ? [...new Set(patterns)] : undefined;
}

/** An absolute link to the item: network permalinks as they are, site paths on the public site. */
export function absoluteLink(permalink: string | null, publicSiteUrl: string): string | null {
  if (!permalink) return null;
  if (/^https?:\/\//.test(permalink)) return permalink;
  if (permalink.startsWith('/')) return `${publicSiteUrl.replace(/\/+$/, '')}${permalink}`;
  return null;
}

/**
 * What a claim copies from its item: only what the tenant made public. The author's public name
 * or handle (none for a private message), the residence when the item names one, the text with
 * the personal data the charter detects masked. `private_details` is never read. No item carries
 * an address the tenant gave publicly today, so `address` stays empty (the CRM fills it).
 */
export function claimFieldsOf(item: ItemRow, options: { publicSiteUrl: string; tenantPatterns?: string[] }) {
  const isPrivate = PRIVATE_SOURCES.includes(item.source);
  return {
    residence: item.residence,
    address: null,
    description: maskPersonalData(item.text, options.tenantPatterns),
    author_handle: isPrivate ? null : item.author_name || null,
    permalink: isPrivate ? null : absoluteLink(item.permalink, options.publicSiteUrl),
  };
}

/** Whether the tenant can be answered where they wrote (not a private contact message). */
export const answersPublicly = (item: Pick<ItemRow, 'source'>) => !PRIVATE_SOURCES.includes(item.source);
