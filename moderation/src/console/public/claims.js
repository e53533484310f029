// @ts-check
/**
 * The « Réclamations » view (#/reclamations, #/reclamations/<reference>): the claims made from
 * tenants' requests, filtered by status, and one claim with its original item, its history, its
 * delivery to the CRM and — when no CRM is configured — the status change.
 */
import { announce } from './announcer.js';
import { ApiError, graphql } from './api.js';
import { latest } from './loader.js';
import { fill, h } from './dom.js';
import { actorLabel, formatNumber, plural, requestLabel, sourceLabel } from './format.js';
import { dateTime, stateBadge } from './item-view.js';
import { CLAIMS_QUERY, CLAIM_QUERY, RETRY_CLAIM_PUSH_MUTATION, SET_CLAIM_STATUS_MUTATION } from './queries.js';
import { canModerate } from './session.js';

/** @type {Record<string, string>} */
export const CLAIM_STATUS_LABELS = {
  nouvelle: 'Nouvelle',
  transmise: 'Transmise',
  prise_en_compte: 'Prise en compte',
  en_cours: 'En cours',
  resolue: 'Résolue',
  rejetee: 'Rejetée',
};
/** @type {Record<string, string>} */
export const PUSH_LABELS = { pending: 'en attente d’envoi', in_flight: 'envoi en cours', done: 'reçue par la GRC', failed: 'échec de l’envoi' };
const PAGE_SIZE = 50;

/**
 * An element of index.html by id: every id a module asks for is in the page, so never null.
 * @param {string} id
 */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** @type {{ status: string, claims: import('./types.js').Claim[], endCursor: string | null, hasMore: boolean, crmConfigured: boolean }} */
const state = { status: '', claims: [], endCursor: null, hasMore: false, crmConfigured: false };
const loads = latest();
const detailLoads = latest();
let busy = false;

/** @param {string} status */
const claimStatusBadge = (status) => h('span', { class: `badge claim-status claim-status-${status}` }, CLAIM_STATUS_LABELS[status] ?? status);

export function initClaims() {
  fill($('claims-filter-status'), h('option', { value: '' }, 'Tous les statuts'), Object.entries(CLAIM_STATUS_LABELS).map(([value, label]) => h('option', { value }, label)));
  $('claims-filter-status').addEventListener('change', (event) => {
    state.status = /** @type {HTMLSelectElement} */ (event.target).value;
    void loadList({ announceCount: true });
  });
  $('claims-more').addEventListener('click', () => loadList({ append: true }));
}

const referenceInHash = () => decodeURIComponent(location.hash.match(/^#\/reclamations\/([^/?#]+)/)?.[1] ?? '');

/** The list, and the claim named in the address if any (its heading then takes the focus). */
export async function showClaims() {
  const reference = referenceInHash();
  if (!reference) fill($('claim-detail'));
  await Promise.all([loadList(), reference ? showClaim(reference) : null]);
  if (reference) $('claim-title')?.focus();
}

/** Live updates: the list only, so that a status being typed in the detail is not wiped. */
export function refreshClaims() {
  return loadList();
}

export function resetClaims() {
  loads.cancel();
  detailLoads.cancel();
  Object.assign(state, { claims: [], endCursor: null, hasMore: false });
  fill($('claims-rows'));
  fill($('claim-detail'));
}

/** @param {{ append?: boolean, announceCount?: boolean }} [options] */
async function loadList({ append = false, announceCount = false } = {}) {
  const isLatest = loads();
  $('claims-status').textContent = 'Chargement…';
  try {
    const { claims } = await graphql(CLAIMS_QUERY, { status: state.status || null, first: PAGE_SIZE, after: append ? state.endCursor : null });
    if (!isLatest()) return;
    state.claims = append ? [...state.claims, ...claims.claims] : claims.claims;
    state.endCursor = claims.endCursor;
    state.hasMore = claims.hasMore;
    state.crmConfigured = claims.crmConfigured;
    renderCounts(claims.counts);
    fill($('claims-rows'), state.claims.map(rowView));
    $('claims-more').hidden = !state.hasMore;
    const summary = state.claims.length ? `${plural(state.claims.length, 'réclamation affichée', 'réclamations affichées')}.` : 'Aucune réclamation pour ce statut.';
    $('claims-status').textContent = summary;
    $('claims-record').textContent = state.crmConfigured
      ? 'Les réclamations sont envoyées à la GRC, qui en tient le statut.'
      : 'Aucune GRC n’est configurée : cette liste fait référence, les community managers y changent le statut.';
    if (announceCount) announce(summary);
  } catch (error) {
    if (isLatest()) $('claims-status').textContent = /** @type {Error} */ (error).message;
  }
}

/** @param {{ status: string, count: number }[]} counts */
function renderCounts(counts) {
  const byStatus = new Map(counts.map((c) => [c.status, c.count]));
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  for (const option of /** @type {HTMLSelectElement} */ ($('claims-filter-status')).options) {
    const base = option.value ? CLAIM_STATUS_LABELS[option.value] : 'Tous les statuts';
    option.textContent = `${base} (${formatNumber(option.value ? (byStatus.get(option.value) ?? 0) : total)})`;
  }
}

/** @param {import('./types.js').Claim} claim */
function pushCell(claim) {
  if (!claim.push) return h('td', { class: 'muted' }, state.crmConfigured ? 'Non envoyée' : 'Sans GRC');
  if (claim.push.state === 'failed') return h('td', {}, h('strong', { class: 'account-alert' }, 'Échec de l’envoi'));
  return h('td', {}, PUSH_LABELS[claim.push.state] ?? claim.push.state);
}

/** @param {import('./types.js').Claim} claim */
function rowView(claim) {
  return h(
    'tr',
    { 'data-reference': claim.reference },
    h('th', { scope: 'row' }, h('a', { href: `#/reclamations/${encodeURIComponent(claim.reference)}` }, claim.reference)),
    h('td', {}, requestLabel(claim.category), claim.emergency ? [' ', h('span', { class: 'hint-tag severity-high' }, 'Urgence')] : null),
    h('td', {}, claimStatusBadge(claim.status)),
    h('td', {}, dateTime(claim.createdAt)),
    h('td', {}, dateTime(claim.updatedAt)),
    pushCell(claim),
  );
}

/** @param {string} reference */
async function showClaim(reference) {
  const isLatest = detailLoads();
  fill($('claim-detail'), h('p', { class: 'hint' }, 'Chargement de la réclamation…'));
  try {
    const data = await graphql(CLAIM_QUERY, { reference });
    if (!isLatest()) return;
    if (!data.claim) return fill($('claim-detail'), h('p', { class: 'form-error' }, `Aucune réclamation ne porte la référence ${reference}.`));
    state.crmConfigured = data.claims.crmConfigured;
    fill($('claim-detail'), detailView(data.claim));
  } catch (error) {
    if (isLatest()) fill($('claim-detail'), h('p', { class: 'form-error' }, /** @type {Error} */ (error).message));
  }
}

/** @param {import('./types.js').Claim} claim */
function detailView(claim) {
  const facts = /** @type {[string, import('./dom.js').Child][]} */ ([
    ['Statut', claimStatusBadge(claim.status)],
    ['Catégorie', requestLabel(claim.category)],
    ['Ouverte le', dateTime(claim.createdAt)],
    ['Dernière évolution', dateTime(claim.updatedAt)],
    claim.emergency ? ['Urgence', 'Oui (ouverte hors heures de bureau)'] : null,
    claim.residence ? ['Résidence', claim.residence] : null,
    claim.address ? ['Adresse', claim.address] : null,
    ['Auteur (public)', claim.authorHandle ?? 'Message privé : aucun nom transmis'],
    claim.crmReference ? ['N° GRC', claim.crmReference] : null,
  ].filter(Boolean));
  return h(
    'section',
    { class: 'panel claim-detail', 'aria-labelledby': 'claim-title' },
    h('h2', { id: 'claim-title', tabindex: '-1' }, `Réclamation ${claim.reference}`),
    h('dl', { class: 'facts' }, facts.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value)))),
    h('h3', {}, 'Description transmise'),
    h('p', { class: 'item-text' }, claim.description),
    h('p', { class: 'hint' }, 'Les données personnelles sont masquées : elles ne quittent pas la console.'),
    originalView(claim),
    pushView(claim),
    statusForm(claim),
    h('h3', {}, 'Historique'),
    h('ol', { class: 'timeline' }, /** @type {import('./types.js').ClaimEvent[]} */ (claim.events).map(eventView)),
  );
}

/** @param {import('./types.js').Claim} claim */
function originalView(claim) {
  const item = claim.item;
  return [
    h('h3', {}, 'Élément d’origine'),
    item
      ? h('div', { class: 'claim-original' }, h('p', { class: 'detail-meta' }, h('strong', {}, item.authorName), ' · ', sourceLabel(item.source), ' · ', dateTime(item.createdAt), ' ', stateBadge(item.state)), h('p', { class: 'item-text' }, item.text))
      : h('p', { class: 'hint' }, 'L’élément n’est plus dans la file.'),
    claim.link?.startsWith('https://') || claim.link?.startsWith('http://')
      ? h('p', {}, h('a', { href: claim.link, target: '_blank', rel: 'noopener noreferrer' }, 'Voir l’élément d’origine (nouvel onglet)'))
      : null,
  ];
}

/** @param {import('./types.js').Claim} claim */
function pushView(claim) {
  if (!claim.push) return state.crmConfigured ? [h('h3', {}, 'Envoi à la GRC'), h('p', {}, 'Pas encore envoyée.'), retryButton(claim)] : null;
  const push = claim.push;
  return [
    h('h3', {}, 'Envoi à la GRC'),
    h('p', {}, `État : ${PUSH_LABELS[push.state] ?? push.state} (${plural(push.attempts, 'tentative', 'tentatives')}).`),
    push.lastError ? h('p', { class: push.state === 'failed' ? 'warning' : 'hint' }, `Dernière erreur : ${push.lastError}`) : null,
    push.state === 'pending' && push.nextAttemptAt && push.attempts > 0 ? h('p', { class: 'hint' }, 'Nouvelle tentative prévue : ', dateTime(push.nextAttemptAt)) : null,
    push.state === 'failed' ? retryButton(claim) : null,
  ];
}

/** @param {import('./types.js').Claim} claim */
function retryButton(claim) {
  if (!canModerate()) return null;
  const button = h('button', { type: 'button', class: 'button' }, 'Renvoyer à la GRC');
  button.addEventListener('click', () =>
    change(claim.reference, { mutation: RETRY_CLAIM_PUSH_MUTATION, variables: { reference: claim.reference }, done: 'Réclamation renvoyée à la GRC.' }),
  );
  return button;
}

/** @param {import('./types.js').Claim} claim */
function statusForm(claim) {
  if (state.crmConfigured) return h('p', { class: 'hint' }, 'Le statut est tenu par la GRC : il change ici quand la GRC nous l’indique.');
  if (!canModerate()) return null;
  const select = h('select', { id: 'claim-status-select' }, Object.entries(CLAIM_STATUS_LABELS).map(([value, label]) => h('option', { value, selected: value === claim.status }, label)));
  const note = h('textarea', { id: 'claim-status-note', rows: '2', maxlength: '2000' });
  const error = h('p', { class: 'form-error', id: 'claim-status-error', role: 'alert' });
  const form = h(
    'form',
    { class: 'composer', id: 'claim-status-form' },
    h('h3', {}, 'Changer le statut'),
    h('div', { class: 'field' }, h('label', { for: 'claim-status-select' }, 'Nouveau statut'), select),
    h('div', { class: 'field' }, h('label', { for: 'claim-status-note' }, 'Note (facultatif, interne)'), note),
    error,
    h('button', { type: 'submit', class: 'button button-primary' }, 'Enregistrer le statut'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (select.value === claim.status && !note.value.trim()) {
      error.textContent = 'Choisissez un autre statut ou écrivez une note.';
      return select.focus();
    }
    void change(claim.reference, {
      mutation: SET_CLAIM_STATUS_MUTATION,
      variables: { reference: claim.reference, status: select.value, note: note.value.trim() || null },
      done: `Statut enregistré : ${CLAIM_STATUS_LABELS[select.value]}.`,
      errorNode: error,
    });
  });
  return form;
}

/** @param {import('./types.js').ClaimEvent} event */
function eventView(event) {
  const label = event.kind === 'opened' ? 'Ouverture' : event.kind === 'note' ? 'Note' : `Statut : ${CLAIM_STATUS_LABELS[/** @type {string} */ (event.fromStatus)] ?? '—'} → ${CLAIM_STATUS_LABELS[/** @type {string} */ (event.toStatus)] ?? event.toStatus}`;
  return h('li', { class: 'event' }, h('p', { class: 'event-head' }, h('strong', {}, label), ' · ', actorLabel(event.actor), ' · ', dateTime(event.at)), event.note ? h('p', {}, event.note) : null);
}

/**
 * Sends `mutation`, announces `done`, reloads the list and the claim; an error goes in `errorNode` if given.
 * @param {string} reference
 * @param {{ mutation: string, variables: Record<string, unknown>, done: string, errorNode?: HTMLElement }} change
 */
async function change(reference, { mutation, variables, done, errorNode }) {
  if (busy) return;
  busy = true;
  try {
    await graphql(mutation, variables);
    announce(done);
    await Promise.all([loadList(), showClaim(reference)]);
    $('claim-title')?.focus();
  } catch (error) {
    const message = error instanceof ApiError ? error.message : 'Une erreur est survenue. Merci de réessayer.';
    if (errorNode) errorNode.textContent = message;
    announce(message);
  } finally {
    busy = false;
  }
}
