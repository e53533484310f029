// @ts-check
/**
 * The tenants' requests from the site, at the top of « Données personnelles »: each confirmed from
 * the e-mailed link; the administrator searches the address, answers, then marks it answered.
 */
import { announce } from './announcer.js';
import { graphql } from './api.js';
import { fill, h } from './dom.js';
import { formatDate } from './format.js';
import { latest } from './loader.js';
import { MARK_RIGHTS_REQUEST_HANDLED_MUTATION, RIGHTS_REQUESTS_QUERY } from './queries.js';

/**
 * @typedef {import('./types.js').RightsRequest} RightsRequest
 */

/** @type {Record<string, string>} */
const KIND_LABELS = { access: 'Copie de ses données', erasure: 'Effacement de ses données' };

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const loads = latest();
/** @type {(email: string) => void} */
let searchEmail = () => {};

/** @param {{ onSearch: (email: string) => void }} options */
export function initRightsRequests({ onSearch }) {
  searchEmail = onSearch;
}

export async function showRightsRequests() {
  const isLatest = loads();
  try {
    const { rightsRequests } = await graphql(RIGHTS_REQUESTS_QUERY);
    if (isLatest()) render(/** @type {RightsRequest[]} */ (rightsRequests));
  } catch (error) {
    if (isLatest()) $('rights-requests-error').textContent = /** @type {Error} */ (error).message;
  }
}

export function resetRightsRequests() {
  loads.cancel();
  fill($('rights-requests-list'));
  $('rights-requests-error').textContent = '';
}

/** @param {RightsRequest[]} requests */
function render(requests) {
  $('rights-requests-error').textContent = '';
  const open = requests.filter((r) => !r.handledAt).length;
  $('rights-requests-count').textContent = open ? `${open} à traiter` : 'aucune à traiter';
  fill($('rights-requests-list'), requests.length ? requests.map(requestView) : h('li', { class: 'hint' }, 'Aucune demande reçue du site.'));
}

/**
 * @param {string} label
 * @param {() => void} onClick
 */
function button(label, onClick) {
  const node = h('button', { type: 'button', class: 'button' }, label);
  node.addEventListener('click', onClick);
  return node;
}

/** @param {RightsRequest} request */
function requestView(request) {
  return h(
    'li',
    { class: `rights-request${request.handledAt ? ' rights-request-done' : ''}` },
    h('p', { class: 'rights-request-title' }, h('strong', {}, KIND_LABELS[request.kind] ?? request.kind), ` — ${request.email}`),
    h('p', { class: 'hint' }, `Confirmée le ${formatDate(request.confirmedAt)}`, request.handledAt ? ` · traitée le ${formatDate(request.handledAt)}` : ''),
    request.message ? h('p', { class: 'rights-request-message' }, request.message) : null,
    h(
      'p',
      { class: 'rights-request-actions' },
      button('Rechercher cette adresse', () => searchEmail(request.email)),
      request.handledAt ? null : button('Marquer comme traitée', () => void markHandled(request)),
    ),
  );
}

/** @param {RightsRequest} request */
async function markHandled(request) {
  try {
    await graphql(MARK_RIGHTS_REQUEST_HANDLED_MUTATION, { id: request.id });
    announce(`Demande de ${request.email} marquée comme traitée.`);
    await showRightsRequests();
  } catch (error) {
    $('rights-requests-error').textContent = /** @type {Error} */ (error).message;
  }
}
