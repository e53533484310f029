// @ts-check
/**
 * The claim in the queue's detail panel: « Demande de locataire — réclamation proposée » for a
 * tenant's request, « Créer une réclamation » (key c) with the category the charter found, or
 * the claim already made from the item, with a link to it.
 */
import { announce } from './announcer.js';
import { graphql } from './api.js';
import { fill, h } from './dom.js';
import { requestLabel } from './format.js';
import { OPEN_CLAIM_MUTATION } from './queries.js';
import { FORBIDDEN_MESSAGE, canModerate } from './session.js';

const CATEGORIES = [
  'fuite_degat_des_eaux',
  'ascenseur',
  'chauffage_eau_chaude',
  'ventilation',
  'nuisibles',
  'porte_interphone_serrure',
  'electricite',
  'proprete_encombrants',
  'administratif',
  'autre',
];

/**
 * An element of index.html by id: every id a module asks for is in the page, so never null.
 * @param {string} id
 */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** From detail.js: the item on display, how it runs a change, and its composers. */
/**
 * @typedef {object} DetailPanel
 * @property {() => import('./types.js').Item | null} current
 * @property {(run: (item: import('./types.js').Item) => Promise<void>) => Promise<void>} change
 * @property {(summary: import('./types.js').Item) => void} afterChange
 * @property {(kind: string) => void} closeComposer
 */
/** @type {DetailPanel | null} */
let panel = null;

/** @param {DetailPanel} options */
export function initClaimAction(options) {
  panel = options;
  fill($('claim-category'), CATEGORIES.map((code) => h('option', { value: code }, requestLabel(code))));
  $('claim-toggle').addEventListener('click', () => ($('claim-form').hidden ? openClaimComposer() : /** @type {DetailPanel} */ (panel).closeComposer('claim')));
  $('claim-form').addEventListener('submit', submit);
}

/**
 * Under the item's verdict: its claim, or the claim proposed for a tenant's request.
 * @param {import('./types.js').Item} item
 * @param {import('./types.js').FullItem | null} full
 */
export function claimNotice(item, full) {
  const claim = full?.claim;
  if (claim) {
    return h('p', { class: 'claim-notice' }, 'Réclamation ', h('a', { href: `#/reclamations/${encodeURIComponent(claim.reference)}` }, claim.reference), ` : ${claim.statusLabel}.`);
  }
  if (!item.requestCategory) return null;
  return h(
    'p',
    { class: 'claim-notice claim-proposed' },
    h('strong', {}, 'Demande de locataire — réclamation proposée'),
    canModerate() ? ' : « Créer une réclamation » (touche c) lui donne une référence et la transmet.' : null,
  );
}

/**
 * An item has one claim at most: the button is off once it is made.
 * @param {import('./types.js').Item} item
 */
export function syncClaimButton(item) {
  const made = Boolean(item.claim);
  /** @type {HTMLButtonElement} */ ($('claim-toggle')).disabled = made;
  $('claim-toggle').textContent = made ? `Réclamation ${/** @type {NonNullable<typeof item.claim>} */ (item.claim).reference}` : 'Créer une réclamation';
}

/** Opens the claim form (button or key c), with the category the charter found. */
export function openClaimComposer() {
  if (!canModerate()) return announce(FORBIDDEN_MESSAGE);
  const item = panel?.current();
  if (!item) return announce('Aucun élément sélectionné.');
  if (item.claim) return announce(`Cet élément a déjà une réclamation : ${item.claim.reference}.`);
  /** @type {HTMLSelectElement} */ ($('claim-category')).value = CATEGORIES.includes(/** @type {string} */ (item.requestCategory)) ? /** @type {string} */ (item.requestCategory) : 'autre';
  /** @type {HTMLInputElement} */ ($('claim-emergency')).checked = false;
  $('claim-form').hidden = false;
  $('claim-toggle').setAttribute('aria-expanded', 'true');
  $('claim-category').focus();
}

/** @param {SubmitEvent} event */
async function submit(event) {
  event.preventDefault();
  await /** @type {DetailPanel} */ (panel).change(async (item) => {
    const data = await graphql(OPEN_CLAIM_MUTATION, { itemId: item.id, category: /** @type {HTMLSelectElement} */ ($('claim-category')).value, emergency: /** @type {HTMLInputElement} */ ($('claim-emergency')).checked });
    /** @type {HTMLFormElement} */ ($('claim-form')).reset();
    $('claim-form').hidden = true;
    $('claim-toggle').setAttribute('aria-expanded', 'false');
    // The button is turned off once the claim exists: the panel's title keeps the focus.
    $('detail-title').focus();
    announce(`Réclamation ${data.openClaim.reference} créée. La réponse publique avec la référence est envoyée.`);
    if (data.openClaim.item) /** @type {DetailPanel} */ (panel).afterChange(data.openClaim.item);
  });
}
