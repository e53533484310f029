// @ts-check
/** Pieces shared by the queue list and the detail panel to show an item's verdict. */
import { h } from './dom.js';
import { formatDate, formatPercent, personalDataLabel, requestLabel, severityLabel, sourceLabel, stateLabel } from './format.js';

/** @param {string} state */
export const stateBadge = (state) => h('span', { class: `badge badge-${state}` }, stateLabel(state));

/** @param {string} iso */
export const dateTime = (iso) => h('time', { datetime: iso }, formatDate(iso));

/** @param {string} source */
export const sourceTag = (source) => h('span', { class: `source source-${source}` }, sourceLabel(source));

/**
 * @param {string[]} ruleIds
 * @param {string} [label]
 */
export function ruleChips(ruleIds, label = 'Règles de la charte') {
  if (!ruleIds.length) return null;
  return h('ul', { class: 'chips', 'aria-label': label }, ruleIds.map((id) => h('li', { class: 'chip' }, id)));
}

/**
 * The crisis-procedure flag, severity, request category and tone, then the personal-data warning if any.
 * @param {Pick<import('./types.js').Item, 'severity' | 'requestCategory' | 'negativeScore' | 'flags' | 'personalData'>} item
 */
export function verdictHints(item) {
  const hints = [];
  if (item.severity) hints.push(h('span', { class: `hint-tag severity-${item.severity}` }, `Gravité : ${severityLabel(item.severity)}`));
  if (item.requestCategory) hints.push(h('span', { class: 'hint-tag request' }, `Demande : ${requestLabel(item.requestCategory)}`));
  if (item.negativeScore > 0) {
    const strong = item.negativeScore >= 0.5;
    hints.push(h('span', { class: strong ? 'hint-tag negative negative-strong' : 'hint-tag negative' }, `Ton négatif : ${formatPercent(item.negativeScore)}`));
  }
  return [
    item.flags?.length ? h('p', { class: 'flagged' }, h('span', { 'aria-hidden': 'true' }, '⚑ '), `Signalé (procédure de crise) : ${item.flags.join(', ')}`) : null,
    hints.length ? h('p', { class: 'hints' }, hints) : null,
    item.personalData.length
      ? h('p', { class: 'warning' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), `Données personnelles : ${item.personalData.map(personalDataLabel).join(', ')}`)
      : null,
  ];
}

/**
 * « Mots repérés »: each listed term as the text wrote it, so the moderator sees the disguise
 * (« c.0.n.n.a.r.d » for « connard »), the rule and the list behind the verdict.
 * @param {import('./types.js').MatchedTerm[] | null | undefined} terms
 */
export function matchedTermsView(terms) {
  if (!terms?.length) return null;
  /** @type {(a: string, b: string) => boolean} */
  const same = (a, b) => a.toLocaleLowerCase('fr') === b.toLocaleLowerCase('fr');
  return h(
    'div',
    { class: 'matched-terms' },
    h('h3', {}, 'Mots repérés'),
    h(
      'ul',
      { class: 'term-list' },
      terms.map((t) =>
        h(
          'li',
          {},
          h('span', { class: 'term-found' }, h('code', {}, t.written), same(t.written, t.term) ? null : [' pour « ', t.term, ' »']),
          h('span', { class: 'term-origin' }, `${t.ruleLabel ?? t.ruleId} · liste : ${t.source}`),
        ),
      ),
    ),
  );
}
