import { WordMatcher, matchKeys } from '../charter/matcher.ts';
import type { ItemRow } from '../queue/store.ts';
import type { EscalationSettings } from './settings.ts';

/** Why an item calls for attention. */
export type EscalationReason = 'serious' | 'negative' | 'emergency' | 'watched' | 'spike';

export const REASON_LABELS: Record<EscalationReason, string> = {
  serious: 'propos graves (charte)',
  negative: 'ton très négatif',
  emergency: 'mots d’urgence',
  watched: 'compte surveillé (presse, élus)',
  spike: 'afflux de commentaires négatifs',
};

/** The settings compiled once: matchers for emergency words and watched accounts. */
export interface CompiledTriggers {
  settings: EscalationSettings;
  emergency: WordMatcher<true>;
  watched: WordMatcher<true>;
}

export function compileTriggers(settings: EscalationSettings): CompiledTriggers {
  const matcher = (terms: string[]) => new WordMatcher(terms.filter((t) => matchKeys(t).length).map((term) => ({ term, value: true as const })));
  return { settings, emergency: matcher(settings.emergencyWords), watched: matcher(settings.watchedAccounts.map((a) => a.replace(/^@/, ''))) };
}

/** The emergency words found in a text (as listed). */
export function emergencyWordsIn(text: string, triggers: CompiledTriggers): string[] {
  return [...new Set(triggers.emergency.findAll(matchKeys(text)).map((hit) => hit.term))];
}

/** The reasons an item escalates on its own (the spike is decided elsewhere, over many items). */
export function reasonsFor(item: Pick<ItemRow, 'text' | 'rule_ids' | 'severity' | 'negative_score' | 'author_name' | 'author_external_id'>, triggers: CompiledTriggers): EscalationReason[] {
  const { settings } = triggers;
  const reasons: EscalationReason[] = [];
  const ruleIds = JSON.parse(item.rule_ids) as string[];
  if (item.severity === 'critical' || ruleIds.some((id) => settings.seriousRuleIds.includes(id))) reasons.push('serious');
  if (item.negative_score >= settings.negativeThreshold) reasons.push('negative');
  if (emergencyWordsIn(item.text, triggers).length) reasons.push('emergency');
  const authorKeys = matchKeys(`${item.author_name} ${item.author_external_id}`);
  if (triggers.watched.findAll(authorKeys).length || triggers.watched.findAll(matchKeys(item.text)).length) reasons.push('watched');
  return reasons;
}

/** Whether the item counts towards a spike of negative items. */
export function countsTowardsSpike(item: Pick<ItemRow, 'negative_score' | 'severity'>, settings: EscalationSettings): boolean {
  return item.negative_score >= settings.spikeNegativeScore || item.severity === 'high' || item.severity === 'critical';
}

/** The scopes a snowball forms on: the Page or account, the residence, the worksite. */
export function scopesOf(item: Pick<ItemRow, 'source' | 'account_id' | 'residence' | 'worksite_slug'>): { key: string; label: string }[] {
  const network = item.source.split('_')[0] ?? item.source;
  const scopes = [{ key: `account:${network}:${item.account_id}`, label: accountLabel(network, item.account_id) }];
  if (item.residence) scopes.push({ key: `residence:${item.residence}`, label: `résidence ${item.residence}` });
  if (item.worksite_slug) scopes.push({ key: `worksite:${item.worksite_slug}`, label: `chantier ${item.worksite_slug}` });
  return scopes;
}

function accountLabel(network: string, accountId: string): string {
  if (network === 'facebook') return `la Page Facebook ${accountId}`;
  if (network === 'x') return `le compte X ${accountId}`;
  return 'le site';
}
