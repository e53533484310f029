// @ts-check
/**
 * The « Comptes » view (#/comptes): how the reading of each Facebook Page and X account goes,
 * and the banner shown on every view while a token is broken. Refreshed every 30 s and on live
 * events, as long as someone is signed in.
 */
import { graphql } from './api.js';
import { latest } from './loader.js';
import { fill, h } from './dom.js';
import { formatDuration, formatNumber, parisFormat } from './format.js';
import { dateTime } from './item-view.js';
import { SOCIAL_ACCOUNTS_QUERY } from './queries.js';

const REFRESH_MS = 30_000;

/** @type {Record<string, string>} */
const NETWORK_LABELS = { facebook: 'Facebook', x: 'X' };
const timeFormat = parisFormat({ timeStyle: 'short' });

/**
 * An element of index.html by id: every id a module asks for is in the page, so never null.
 * @param {string} id
 */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/**
 * `null` when none runs; the DOM typings' clearInterval() takes undefined, hence the cast there.
 * @type {number | null}
 */
let timer = null;
const loads = latest();
let bannerText = '';

/** Starts the periodic refresh (after sign-in): the banner needs it on every view. */
export function startAccounts() {
  stopAccounts();
  timer = setInterval(() => void refreshAccounts(), REFRESH_MS);
  void refreshAccounts();
}

/** Stops refreshing and forgets what was shown (sign-out). */
export function stopAccounts() {
  clearInterval(/** @type {number | undefined} */ (timer));
  timer = null;
  loads.cancel();
  bannerText = '';
  fill($('token-banner'));
  $('token-banner').hidden = true;
  fill($('accounts-rows'));
  $('accounts-status').textContent = '';
}

export function showAccounts() {
  return refreshAccounts();
}

export async function refreshAccounts() {
  const isLatest = loads();
  try {
    const { socialAccounts } = await graphql(SOCIAL_ACCOUNTS_QUERY);
    if (!isLatest()) return;
    renderBanner(socialAccounts);
    fill($('accounts-rows'), socialAccounts.map(rowView));
    $('accounts-status').textContent = socialAccounts.length
      ? ''
      : 'Aucune Page Facebook ni aucun compte X n’est configuré (variables FACEBOOK_PAGES et TWITTER_ACCOUNTS).';
  } catch (error) {
    if (isLatest()) $('accounts-status').textContent = /** @type {Error} */ (error).message;
  }
}

/** @param {import('./types.js').SocialAccount} account */
function brokenMessage(account) {
  return account.network === 'x'
    ? `Le jeton du compte X ${account.name} a expiré : ses mentions ne sont plus relevées. Renouvelez-le.`
    : `Le jeton de la Page ${account.name} a expiré : ses commentaires ne sont plus relevés. Renouvelez-le.`;
}

/**
 * The banner is one alert region: its content changes only when the broken accounts change, so
 * a screen reader announces it once, not at every refresh.
 * @param {import('./types.js').SocialAccount[]} accounts
 */
function renderBanner(accounts) {
  const messages = accounts.filter((a) => a.tokenState === 'broken').map(brokenMessage);
  const text = messages.join('\n');
  if (text === bannerText) return;
  bannerText = text;
  const banner = $('token-banner');
  banner.hidden = !messages.length;
  if (!messages.length) return fill(banner);
  fill(
    banner,
    messages.map((message) => h('p', { class: 'token-banner-message' }, message)),
    location.hash.startsWith('#/comptes') ? null : h('p', {}, h('a', { href: '#/comptes' }, 'Voir l’état des comptes')),
  );
}

/** @param {number | null | undefined} seconds */
function lagLabel(seconds) {
  if (seconds === null || seconds === undefined) return 'Jamais relevé';
  if (seconds < 60) return `${seconds} s`;
  return formatDuration(Math.round(seconds / 60));
}

/** @param {import('./types.js').SocialAccount} account */
function tokenCell(account) {
  if (account.tokenState === 'broken') return h('td', {}, h('strong', { class: 'account-alert' }, 'Jeton expiré — à renouveler'));
  return h('td', {}, 'Valide');
}

/** @param {import('./types.js').SocialAccount} account */
function rateLimitCell(account) {
  if (!account.rateLimitedUntil) return h('td', {}, 'Non limité');
  return h('td', {}, h('span', { class: 'account-warning' }, `Limité jusqu’à ${timeFormat.format(new Date(account.rateLimitedUntil))}`));
}

/** @param {import('./types.js').SocialAccount} account */
function budgetCell(account) {
  if (account.budgetLeft === null || account.budgetLeft === undefined) return h('td', { class: 'muted' }, 'Sans objet');
  if (account.budgetLeft === 0) return h('td', {}, h('span', { class: 'account-warning' }, '0 — épuisé jusqu’à minuit'));
  return h('td', {}, formatNumber(account.budgetLeft));
}

/** @param {import('./types.js').SocialAccount} account */
function rowView(account) {
  return h(
    'tr',
    { 'data-account-key': account.key, 'data-token-state': account.tokenState, class: account.tokenState === 'broken' ? 'account-broken' : null },
    h('td', {}, NETWORK_LABELS[account.network] ?? account.network),
    h('th', { scope: 'row' }, account.name),
    h('td', {}, account.lastPollAt ? dateTime(account.lastPollAt) : 'Jamais'),
    h('td', {}, lagLabel(account.lagSeconds)),
    h('td', {}, formatNumber(account.itemsToday)),
    tokenCell(account),
    rateLimitCell(account),
    budgetCell(account),
    h('td', { class: 'account-error' }, account.lastError ?? '—'),
  );
}
