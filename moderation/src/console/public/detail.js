// @ts-check
/**
 * The detail panel (#item-detail): the selected item in full, its history, thread and author
 * history, and what a moderator can do with it (decide, reply, note, assign).
 *
 * The action bar and both composers are fixed in index.html; only the item's content is redrawn,
 * so a live refresh never wipes a reply being typed.
 */
import { announce } from './announcer.js';
import { ApiError, graphql } from './api.js';
import { latest } from './loader.js';
import { claimNotice, initClaimAction, syncClaimButton } from './claim-action.js';
import { confirmAction } from './dialog.js';
import { fill, h } from './dom.js';
import { actorLabel, eventKindLabel, formatNumber, stateLabel } from './format.js';
import { dateTime, matchedTermsView, ruleChips, sourceTag, stateBadge, verdictHints } from './item-view.js';
import { ASSIGN_MUTATION, DECIDE_MUTATIONS, NOTE_MUTATION, REPLY_MUTATION, itemQuery } from './queries.js';
import { FORBIDDEN_MESSAGE, canModerate, session } from './session.js';

/** @type {Record<string, string>} */
const DONE_MESSAGES = {
  approve: 'Élément approuvé.',
  hold: 'Élément mis en attente.',
  hide: 'Élément masqué.',
  unhide: 'Élément réaffiché.',
  reject: 'Élément rejeté.',
  delete: 'Élément supprimé.',
};
const INVALID_TRANSITION = 'Cette action n’est pas possible dans l’état actuel de l’élément.';

/**
 * An element of index.html by id: every id a module asks for is in the page, so never null.
 * @param {string} id
 */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * The item on display (summary from the list first, then the full one).
 * @type {import('./types.js').Item | null}
 */
let current = null;
const loads = latest();
/** A change is being sent: the next one waits (double clicks, key repeat). */
let busy = false;
/** @type {(item: import('./types.js').Item) => void} */
let notifyChanged = () => {};

export const currentItemId = () => current?.id ?? null;

/**
 * `onItemChanged(item)` is told after every change made here, with the item's new summary.
 * @param {{ onItemChanged: (item: import('./types.js').Item) => void }} options
 */
export function initDetail({ onItemChanged }) {
  notifyChanged = onItemChanged;
  for (const button of /** @type {NodeListOf<HTMLButtonElement>} */ (document.querySelectorAll('#detail-actions [data-action]'))) {
    button.addEventListener('click', () => decide(/** @type {string} */ (button.dataset.action)));
  }
  $('reply-toggle').addEventListener('click', () => ($('reply-form').hidden ? openReply() : closeComposer('reply')));
  $('note-toggle').addEventListener('click', () => ($('note-form').hidden ? openComposer('note') : closeComposer('note')));
  for (const button of /** @type {NodeListOf<HTMLButtonElement>} */ (document.querySelectorAll('#detail-actions [data-close]'))) {
    button.addEventListener('click', () => closeComposer(/** @type {string} */ (button.dataset.close)));
  }
  $('assign-toggle').addEventListener('click', toggleAssignment);
  $('reply-template').addEventListener('change', /** @type {(event: Event) => void} */ (useSavedReply));
  $('reply-form').addEventListener('submit', sendReply);
  $('note-form').addEventListener('submit', sendNote);
  initClaimAction({ current: () => current, change, afterChange, closeComposer });
}

/**
 * Fills the saved-replies select and the signature line once the user is known.
 * @param {{ id: string, title: string, body: string }[]} savedReplies
 */
export function setReplyTools(savedReplies) {
  const select = $('reply-template');
  fill(select, h('option', { value: '' }, '— Choisir une réponse enregistrée —'), savedReplies.map((r) => h('option', { value: r.body }, r.title)));
  $('reply-signature').textContent = `Signature ajoutée à la fin : « — ${/** @type {import('./types.js').ConsoleUser} */ (session.user).signature} »`;
}

/**
 * Shows `summary` at once, then the full item with its history.
 * @param {import('./types.js').Item} summary
 */
export async function showItem(summary) {
  if (summary.id !== current?.id) {
    resetComposers();
    $('detail-error').textContent = '';
  }
  current = summary;
  $('detail-empty').hidden = true;
  $('detail-body').hidden = false;
  render(summary, null);
  await reloadItem();
}

/** Fetches the item on display again (after a change, or a live event about it). */
export async function reloadItem() {
  if (!current) return;
  const isLatest = loads();
  try {
    const data = await graphql(itemQuery(canModerate()), { id: current.id });
    if (!isLatest()) return;
    if (!data.item) {
      fill($('detail-history'), h('p', { class: 'form-error' }, 'Élément introuvable : il a peut-être été supprimé.'));
      return;
    }
    current = data.item;
    render(data.item, data.item);
  } catch (error) {
    if (isLatest()) fill($('detail-history'), h('p', { class: 'form-error' }, /** @type {Error} */ (error).message));
  }
}

export function clearDetail() {
  current = null;
  loads.cancel();
  resetComposers();
  $('detail-body').hidden = true;
  $('detail-empty').hidden = false;
}

/**
 * @param {import('./types.js').Item} item
 * @param {import('./types.js').FullItem | null} full the item with its history, once loaded
 */
function render(item, full) {
  fill($('detail-summary'), summaryView(item, full));
  fill($('detail-history'), full ? historyView(full) : h('p', { class: 'hint' }, 'Chargement de l’historique…'));
  updateButtons(item);
  syncClaimButton(item);
  const mine = item.assignedTo?.id === session.user?.id;
  $('assign-toggle').textContent = mine ? 'Ne plus m’attribuer' : 'M’attribuer cet élément';
}

/**
 * @param {import('./types.js').Item} item
 * @param {import('./types.js').FullItem | null} full
 */
function summaryView(item, full) {
  /** @type {[string, string][]} */
  const facts = [];
  if (item.assignedTo) facts.push(['Attribué à', item.assignedTo.displayName]);
  if (full?.articleSlug) facts.push(['Article', full.articleSlug]);
  if (full?.residence) facts.push(['Résidence', full.residence]);
  if (full?.worksiteSlug) facts.push(['Chantier', full.worksiteSlug]);
  if (full?.accountId && full.accountId !== 'site') facts.push(['Compte', full.accountId]);
  if (full?.charterVersion) facts.push(['Charte', `version ${full.charterVersion}`]);
  return [
    h('p', { class: 'detail-meta' }, h('strong', {}, item.authorName), ' · ', sourceTag(item.source), ' · ', dateTime(item.createdAt), ' ', stateBadge(item.state)),
    h('p', { class: 'item-text' }, item.text),
    verdictHints(item),
    claimNotice(item, full),
    ruleChips(item.ruleIds),
    matchedTermsView(full?.matchedTerms),
    facts.length ? h('dl', { class: 'facts' }, facts.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value)))) : null,
    // Site paths are the public site's, not the console's: only full addresses make a useful link.
    full?.permalink?.startsWith('https://') ? h('p', {}, h('a', { href: full.permalink, target: '_blank', rel: 'noopener noreferrer' }, 'Voir sur le réseau (nouvel onglet)')) : null,
    full?.privateDetails ? privateDetailsView(full.privateDetails) : null,
  ];
}

/**
 * Contact details given in the contact form: JSON from the service, shown as a list.
 * @param {string} json
 */
function privateDetailsView(json) {
  /** @type {Record<string, string>} */
  const names = { contact: 'Moyen de contact', residence: 'Résidence' };
  let entries;
  try {
    entries = Object.entries(JSON.parse(json));
  } catch {
    entries = [['Détails', json]];
  }
  return h(
    'div',
    { class: 'private-details' },
    h('h3', {}, 'Coordonnées privées (jamais publiées)'),
    h('dl', { class: 'facts' }, entries.map(([key, value]) => h('div', {}, h('dt', {}, names[key] ?? key), h('dd', {}, String(value))))),
  );
}

/** @param {import('./types.js').FullItem} item */
function historyView(item) {
  const others = item.authorHistory.filter((entry) => entry.id !== item.id);
  return [
    h('h3', {}, 'Historique'),
    h('ol', { class: 'timeline' }, item.events.map(eventView)),
    item.thread.length > 1
      ? [
          h('h3', {}, `Fil de discussion (${formatNumber(item.thread.length)} messages)`),
          h(
            'ol',
            { class: 'thread' },
            item.thread.map((entry) =>
              h(
                'li',
                { class: entry.id === item.id ? 'thread-entry thread-current' : 'thread-entry', 'aria-current': entry.id === item.id ? 'true' : null },
                h('p', { class: 'detail-meta' }, h('strong', {}, entry.authorName), ' · ', dateTime(entry.createdAt), ' ', stateBadge(entry.state)),
                h('p', { class: 'item-text' }, entry.text),
              ),
            ),
          ),
        ]
      : null,
    h('h3', {}, 'Autres messages de l’auteur'),
    others.length
      ? h(
          'ul',
          { class: 'author-history' },
          others.map((entry) => h('li', {}, h('p', { class: 'detail-meta' }, dateTime(entry.createdAt), ' ', stateBadge(entry.state)), h('p', { class: 'item-text' }, entry.text))),
        )
      : h('p', { class: 'hint' }, 'Aucun autre message de cet auteur sur cette source.'),
  ];
}

/** @param {import('./types.js').ItemEvent} event */
function eventView(event) {
  const change = event.fromState && event.toState && event.fromState !== event.toState ? ` : ${stateLabel(event.fromState)} → ${stateLabel(event.toState)}` : '';
  return h(
    'li',
    { class: `event event-${event.kind}` },
    h('p', { class: 'event-head' }, h('strong', {}, `${eventKindLabel(event.kind)}${change}`), ' · ', actorLabel(event.actor), ' · ', dateTime(event.at)),
    event.reason ? h('p', {}, `Motif : ${event.reason}`) : null,
    event.text ? h('blockquote', { class: 'item-text' }, event.text) : null,
    ruleChips(event.ruleIds),
  );
}

/**
 * Runs a GraphQL change on the item on display; every action goes through here.
 * @param {(item: import('./types.js').Item) => Promise<void>} run
 */
async function change(run) {
  if (!canModerate()) return announce(FORBIDDEN_MESSAGE);
  if (!current) return announce('Aucun élément sélectionné.');
  if (busy) return;
  // Buttons stay enabled while busy (a disabled button would drop the keyboard focus);
  // the flag alone stops a second click.
  busy = true;
  $('detail-error').textContent = '';
  const focused = document.activeElement;
  try {
    await run(current);
  } catch (error) {
    const message = error instanceof ApiError ? error.message : 'Une erreur est survenue. Merci de réessayer.';
    $('detail-error').textContent = message;
    announce(message);
  } finally {
    busy = false;
  }
  // The button used may now be disabled (Approuver on an approved item): keep focus in the panel.
  const dropped = document.activeElement === focused || document.activeElement === document.body;
  if (focused instanceof HTMLButtonElement && focused.disabled && dropped) $('detail-title').focus();
}

/**
 * Only the actions worth doing from the item's state are offered: `allowedActions`, computed by
 * the service from its transitions (queue/states.ts). The service still decides and its refusal is shown.
 * @param {import('./types.js').Item} item
 */
function updateButtons(item) {
  for (const button of /** @type {NodeListOf<HTMLButtonElement>} */ (document.querySelectorAll('#detail-actions button'))) {
    const action = button.dataset.action ?? (button.id === 'reply-toggle' ? 'reply' : null);
    button.disabled = action !== null && !item.allowedActions.includes(action);
  }
}

/**
 * approve, hold, hide, unhide, reject or delete the item on display. A decision repeating the
 * current state is sent all the same (`acceptedActions`: the service accepts it, changing nothing).
 * @param {string} action
 */
export function decide(action) {
  if (current && canModerate() && !current.acceptedActions.includes(action)) {
    return announce(INVALID_TRANSITION);
  }
  return change(async (item) => {
    if (action === 'delete') {
      const sure = await confirmAction({
        title: 'Supprimer cet élément ?',
        message: `Le message de ${item.authorName} sera supprimé de sa source. Il restera visible ici, dans l’historique.`,
        confirmLabel: 'Supprimer',
      });
      if (!sure) return;
    }
    const reason = /** @type {HTMLInputElement} */ ($('decision-reason')).value.trim() || null;
    const data = await graphql(/** @type {string} */ (DECIDE_MUTATIONS[action]), { id: item.id, reason });
    /** @type {HTMLInputElement} */ ($('decision-reason')).value = '';
    announce(/** @type {string} */ (DONE_MESSAGES[action]));
    afterChange(data.result);
  });
}

/** @param {import('./types.js').Item} summary the item's new summary, answered by a change */
function afterChange(summary) {
  if (summary.id === current?.id) {
    current = { ...current, ...summary };
    updateButtons(current);
  }
  notifyChanged(summary);
  // The queue may have moved on to the next item; the history is reloaded only if not.
  if (summary.id === current?.id) void reloadItem();
}

async function toggleAssignment() {
  await change(async (item) => {
    const mine = item.assignedTo?.id === /** @type {import('./types.js').ConsoleUser} */ (session.user).id;
    const data = await graphql(ASSIGN_MUTATION, {
      id: item.id,
      userId: mine ? null : /** @type {import('./types.js').ConsoleUser} */ (session.user).id,
    });
    announce(mine ? 'Vous n’êtes plus en charge de cet élément.' : 'Élément attribué à vous.');
    afterChange(data.result);
  });
}

/** Opens the reply composer (button « Répondre » or key r). */
export function openReply() {
  if (!canModerate()) return announce(FORBIDDEN_MESSAGE);
  if (!current) return announce('Aucun élément sélectionné.');
  if (!current.allowedActions.includes('reply')) return announce(INVALID_TRANSITION);
  openComposer('reply');
}

/** @param {string} kind reply or note */
function openComposer(kind) {
  $(`${kind}-form`).hidden = false;
  $(`${kind}-toggle`).setAttribute('aria-expanded', 'true');
  $(`${kind}-text`).focus();
}

/** @param {string} kind reply, note or claim */
function closeComposer(kind) {
  $(`${kind}-form`).hidden = true;
  $(`${kind}-toggle`).setAttribute('aria-expanded', 'false');
  $(`${kind}-toggle`).focus();
}

function resetComposers() {
  for (const kind of ['reply', 'note', 'claim']) {
    $(`${kind}-form`).hidden = true;
    /** @type {HTMLFormElement} */ ($(`${kind}-form`)).reset();
    $(`${kind}-toggle`).setAttribute('aria-expanded', 'false');
  }
  /** @type {HTMLInputElement} */ ($('decision-reason')).value = '';
}

/** @param {Event & { target: HTMLSelectElement }} event */
function useSavedReply(event) {
  if (!event.target.value) return;
  /** @type {HTMLTextAreaElement} */ ($('reply-text')).value = event.target.value;
  $('reply-text').focus();
}

/** @param {SubmitEvent} event */
async function sendReply(event) {
  event.preventDefault();
  const text = /** @type {HTMLTextAreaElement} */ ($('reply-text')).value.trim();
  if (!text) {
    announce('La réponse est vide.');
    return $('reply-text').focus();
  }
  await change(async (item) => {
    const data = await graphql(REPLY_MUTATION, { id: item.id, text });
    /** @type {HTMLFormElement} */ ($('reply-form')).reset();
    closeComposer('reply');
    announce('Réponse envoyée.');
    afterChange(data.result);
  });
}

/** @param {SubmitEvent} event */
async function sendNote(event) {
  event.preventDefault();
  const text = /** @type {HTMLTextAreaElement} */ ($('note-text')).value.trim();
  if (!text) {
    announce('La note est vide.');
    return $('note-text').focus();
  }
  await change(async (item) => {
    const data = await graphql(NOTE_MUTATION, { id: item.id, text });
    /** @type {HTMLFormElement} */ ($('note-form')).reset();
    closeComposer('note');
    announce('Note ajoutée.');
    afterChange(data.result);
  });
}
