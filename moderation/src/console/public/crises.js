// @ts-check
/**
 * The crisis procedure in the console (#/crises, #/crises/<id>): the banner shown on every view
 * while a crisis is open, the list, and one crisis with its items, timeline, holding statements,
 * acknowledgement, notes and closing. Refreshed every 30 s and on live events.
 */
import { announce } from './announcer.js';
import { showEscalationSettings } from './escalation-settings.js';
import { graphql } from './api.js';
import { latest } from './loader.js';
import { fill, h } from './dom.js';
import { dateTime, sourceTag, stateBadge } from './item-view.js';
import {
  ACKNOWLEDGE_CRISIS_MUTATION,
  ADD_CRISIS_NOTE_MUTATION,
  CLOSE_CRISIS_MUTATION,
  CRISES_QUERY,
  CRISIS_QUERY,
  RECORD_HOLDING_STATEMENT_MUTATION,
} from './queries.js';
import { canModerate } from './session.js';

const REFRESH_MS = 30_000;

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
let bannerText = '';
const loads = latest();

export function startCrises() {
  stopCrises();
  timer = setInterval(() => void refreshCrises(), REFRESH_MS);
  void refreshCrises();
}

export function stopCrises() {
  clearInterval(/** @type {number | undefined} */ (timer));
  timer = null;
  loads.cancel();
  bannerText = '';
  fill($('crisis-banner'));
  $('crisis-banner').hidden = true;
}

/** @param {import('./types.js').Crisis} crisis */
function crisisTitle(crisis) {
  return crisis.kind === 'spike' ? `Crise : ${crisis.itemCount} messages négatifs sur ${crisis.scopeLabel}` : `Alerte : ${crisis.reasons.join(', ')} (${crisis.scopeLabel})`;
}

/** @param {import('./types.js').Crisis} crisis */
function handling(crisis) {
  if (crisis.acknowledgedBy) return `prise en charge par ${crisis.acknowledgedBy}`;
  if (crisis.paged) return `astreinte niveau ${crisis.level} prévenue, pas encore prise en charge`;
  return 'signalée à l’équipe (heures de bureau)';
}

/** Refreshes the banner, and the view when it is on display. */
export async function refreshCrises() {
  try {
    const { crises } = await graphql(CRISES_QUERY, { openOnly: true });
    renderBanner(crises);
  } catch {
    // The banner keeps what it showed; the view reports its own errors.
  }
  if (location.hash.startsWith('#/crises')) await showCrises();
}

/** @param {import('./types.js').Crisis[]} crises */
function renderBanner(crises) {
  const text = crises.map((c) => `${c.id}:${c.itemCount}:${c.acknowledgedBy ?? ''}`).join('|');
  if (text === bannerText) return;
  bannerText = text;
  const banner = $('crisis-banner');
  banner.hidden = !crises.length;
  if (!crises.length) return fill(banner);
  fill(
    banner,
    crises.map((c) => h('p', {}, h('strong', {}, crisisTitle(c)), ` — ${handling(c)}. `, h('a', { href: `#/crises/${c.id}` }, 'Ouvrir la crise'))),
  );
}

export async function showCrises() {
  const id = location.hash.match(/^#\/crises\/([\w-]+)/)?.[1];
  const isLatest = loads();
  $('crises-status').textContent = 'Chargement…';
  try {
    if (id) {
      const data = await graphql(CRISIS_QUERY, { id });
      if (!isLatest()) return;
      $('crises-status').textContent = data.crisis ? '' : 'Cette crise est introuvable.';
      fill($('crises-list'));
      fill($('crisis-detail'), data.crisis ? crisisView(data.crisis, data.holdingStatements) : null);
      return;
    }
    const [open, all] = await Promise.all([graphql(CRISES_QUERY, { openOnly: true }), graphql(CRISES_QUERY, { openOnly: false })]);
    if (!isLatest()) return;
    const closed = all.crises.filter((/** @type {import('./types.js').Crisis} */ c) => c.state === 'closed').slice(0, 20);
    $('crises-status').textContent = open.crises.length ? '' : 'Aucune crise en cours.';
    fill($('crisis-detail'));
    fill($('crises-list'), listView('En cours', open.crises), closed.length ? listView('Closes récemment', closed) : null);
  } catch (error) {
    if (isLatest()) $('crises-status').textContent = /** @type {Error} */ (error).message;
  }
}

/**
 * @param {string} title
 * @param {import('./types.js').Crisis[]} crises
 */
function listView(title, crises) {
  if (!crises.length) return null;
  return h(
    'section',
    { class: 'crisis-list' },
    h('h2', {}, title),
    h(
      'ul',
      {},
      crises.map((c) => h('li', {}, h('a', { href: `#/crises/${c.id}` }, crisisTitle(c)), ' — ouverte ', dateTime(c.openedAt), c.state === 'open' ? ` — ${handling(c)}` : ` — close par ${c.closedBy}`)),
    ),
  );
}

/**
 * @param {string} query
 * @param {Record<string, unknown>} variables
 * @param {string} done what to announce once it is done
 */
async function act(query, variables, done) {
  try {
    await graphql(query, variables);
    announce(done);
    await refreshCrises();
    await showCrises();
  } catch (error) {
    $('crises-status').textContent = /** @type {Error} */ (error).message;
  }
}

/**
 * @typedef {{ id: string, title: string, text: string }} HoldingStatement
 */

/**
 * @param {Required<import('./types.js').Crisis>} crisis with its items and timeline (`CRISIS_QUERY`)
 * @param {HoldingStatement[]} statements
 */
function crisisView(crisis, statements) {
  const open = crisis.state === 'open';
  const noteId = `crisis-note-${crisis.id}`;
  const moderator = canModerate();
  return h(
    'article',
    { class: 'crisis', 'data-crisis-id': crisis.id },
    h('h2', {}, crisisTitle(crisis)),
    h(
      'dl',
      { class: 'crisis-facts' },
      h('dt', {}, 'Ouverte'),
      h('dd', {}, dateTime(crisis.openedAt)),
      h('dt', {}, 'Motifs'),
      h('dd', {}, crisis.reasons.join(', ')),
      h('dt', {}, 'Suivi'),
      h('dd', {}, open ? handling(crisis) : `close par ${crisis.closedBy}`),
      crisis.escalateAt ? [h('dt', {}, 'Niveau 2 appelé à'), h('dd', {}, dateTime(crisis.escalateAt), ' sans prise en charge')] : null,
    ),
    open && moderator && !crisis.acknowledgedAt
      ? h('p', {}, h('button', { type: 'button', class: 'button button-primary', 'data-action': 'ack' }, 'Je prends en charge'))
      : null,
    h('h3', {}, `Messages (${crisis.itemCount})`),
    h(
      'ul',
      { class: 'crisis-items' },
      crisis.items.map((item) => h('li', {}, sourceTag(item.source), ' ', stateBadge(item.state), ' ', h('strong', {}, item.authorName), ' — ', dateTime(item.createdAt), h('p', { class: 'crisis-item-text' }, item.text))),
    ),
    open && moderator ? statementsView(crisis, statements) : null,
    h('h3', {}, 'Chronologie'),
    h('ol', { class: 'crisis-timeline' }, crisis.timeline.map((e) => h('li', {}, dateTime(e.at), ' — ', e.label))),
    open && moderator
      ? h(
          'form',
          { class: 'crisis-note', 'data-action': 'note' },
          h('div', { class: 'field' }, h('label', { for: noteId }, 'Note ou compte rendu (obligatoire pour clore)'), h('textarea', { id: noteId, name: 'note', rows: '3', maxlength: '2000' })),
          h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button', value: 'note' }, 'Ajouter la note'), ' ', h('button', { type: 'submit', class: 'button button-danger', value: 'close' }, 'Clore la crise')),
        )
      : null,
  );
}

/**
 * @param {import('./types.js').Crisis} crisis
 * @param {HoldingStatement[]} statements
 */
function statementsView(crisis, statements) {
  return h(
    'section',
    { class: 'crisis-statements' },
    h('h3', {}, 'Messages d’attente'),
    h('p', { class: 'hint' }, 'À publier en réponse, sans information personnelle. Copiez le texte dans la réponse du message concerné, puis notez-le ici.'),
    statements.map((s) =>
      h('div', { class: 'crisis-statement' }, h('h4', {}, s.title), h('p', {}, s.text), h('button', { type: 'button', class: 'button button-quiet', 'data-action': 'statement', 'data-statement': s.id }, 'Noter comme publié')),
    ),
  );
}

/** One delegated listener for the view's buttons and form. */
export function initCrises() {
  $('escalation-details').addEventListener('toggle', (event) => {
    if (/** @type {HTMLDetailsElement} */ (event.target).open) void showEscalationSettings().catch((error) => ($('crises-status').textContent = error.message));
  });
  const detail = $('crisis-detail');
  detail.addEventListener('click', (event) => {
    const button = /** @type {HTMLElement | null} */ (/** @type {Element} */ (event.target).closest('button[data-action]'));
    const crisisId = /** @type {HTMLElement | null} */ (detail.querySelector('[data-crisis-id]'))?.dataset.crisisId;
    if (!button || !crisisId) return;
    if (button.dataset.action === 'ack') void act(ACKNOWLEDGE_CRISIS_MUTATION, { id: crisisId }, 'Crise prise en charge');
    if (button.dataset.action === 'statement')
      void act(RECORD_HOLDING_STATEMENT_MUTATION, { id: crisisId, s: button.dataset.statement }, 'Message d’attente noté');
  });
  detail.addEventListener('submit', (event) => {
    event.preventDefault();
    const form = /** @type {HTMLFormElement & { elements: { note: HTMLTextAreaElement } }} */ (event.target);
    const crisisId = /** @type {HTMLElement | null} */ (detail.querySelector('[data-crisis-id]'))?.dataset.crisisId;
    const text = form.elements.note.value.trim();
    if (!text) {
      $('crises-status').textContent = 'Écrivez quelques mots dans la note.';
      form.elements.note.focus();
      return;
    }
    if (/** @type {HTMLButtonElement | null} */ (event.submitter)?.value === 'close') void act(CLOSE_CRISIS_MUTATION, { id: crisisId, n: text }, 'Crise close');
    else void act(ADD_CRISIS_NOTE_MUTATION, { id: crisisId, t: text }, 'Note ajoutée');
  });
}
