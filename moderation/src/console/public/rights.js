// @ts-check
/**
 * Tenants’ rights (`#/donnees-personnelles`, administrators): find everything the hub stores
 * about one person, hand them the export, erase it. The actions act on the identifier of the
 * search shown, never on what was typed since: the administrator erases what they checked.
 */
import { announce } from './announcer.js';
import { graphql } from './api.js';
import { confirmAction } from './dialog.js';
import { fill, h } from './dom.js';
import { CLAIM_STATUS_LABELS, PUSH_LABELS } from './claims.js';
import { actorLabel, auditActionLabel, eventKindLabel, formatDate, formatNumber, sourceLabel, stateLabel } from './format.js';
import { latest } from './loader.js';
import { ERASE_PERSONAL_DATA_MUTATION, EXPORT_PERSONAL_DATA_MUTATION, PERSONAL_DATA_QUERY } from './queries.js';
import { initRightsRequests, resetRightsRequests, showRightsRequests } from './rights-requests.js';

/**
 * @typedef {import('./types.js').PersonalDataPackage} PersonalDataPackage
 * @typedef {import('./types.js').PersonalDataGroup} PersonalDataGroup
 * @typedef {import('./types.js').PersonalDataRecord} PersonalDataRecord
 * @typedef {{ kind: string, value: string }} Person
 */

/**
 * An element of index.html by id: every id a module asks for is in the page, so never null.
 * @param {string} id
 */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const loads = latest();
/** @type {Person | null} */
let shown = null;

const NOTHING_FOUND = 'Aucune donnée trouvée pour cet identifiant.';

export function initRights() {
  $('rights-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void search();
  });
  $('rights-export').addEventListener('click', () => void download());
  $('rights-summary').addEventListener('click', () => void showSummary());
  $('rights-erase').addEventListener('click', () => void erase());
  initRightsRequests({ onSearch: searchEmail });
}

/** On arrival, the requests from the site; then the view waits for an identifier. */
export function showRights() {
  return showRightsRequests();
}

/**
 * A request's address in the form, searched at once.
 * @param {string} email
 */
function searchEmail(email) {
  /** @type {HTMLSelectElement} */ ($('rights-kind')).value = 'email';
  /** @type {HTMLInputElement} */ ($('rights-value')).value = email;
  void search();
  $('rights-value').focus();
}

export function resetRights() {
  loads.cancel();
  resetRightsRequests();
  shown = null;
  /** @type {HTMLFormElement} */ ($('rights-form')).reset();
  clearResults();
  $('rights-error').textContent = '';
  $('rights-status').textContent = '';
}

function clearResults() {
  fill($('rights-results'));
  $('rights-actions').hidden = true;
  $('rights-summary-panel').hidden = true;
  $('rights-summary-text').textContent = '';
}

/** @returns {Person} */
function typedPerson() {
  return { kind: /** @type {HTMLSelectElement} */ ($('rights-kind')).value, value: /** @type {HTMLInputElement} */ ($('rights-value')).value.trim() };
}

/** @param {unknown} error */
function showError(error) {
  $('rights-error').textContent = /** @type {Error} */ (error).message;
}

async function search() {
  const person = typedPerson();
  if (!person.value) {
    $('rights-error').textContent = 'Merci de saisir l’identifiant de la personne.';
    return $('rights-value').focus();
  }
  const isLatest = loads();
  shown = null;
  clearResults();
  $('rights-error').textContent = '';
  $('rights-status').textContent = 'Recherche…';
  try {
    const { personalData } = await graphql(PERSONAL_DATA_QUERY, person);
    if (!isLatest()) return;
    const found = /** @type {{ total: number, packages: PersonalDataPackage[] }} */ (personalData);
    $('rights-status').textContent = found.total ? `${countWords(found.total)} trouvés. Vérifiez qu’ils concernent bien une seule personne avant d’effacer.` : NOTHING_FOUND;
    if (!found.total) return;
    shown = person;
    fill($('rights-results'), found.packages.map(packageView));
    $('rights-actions').hidden = false;
  } catch (error) {
    if (!isLatest()) return;
    $('rights-status').textContent = '';
    showError(error);
  }
}

/** A record's facts in the order they read, each with its French labels; `text` is shown as it is. */
const FACTS = /** @type {const} */ ([
  ['source', sourceLabel],
  ['event', eventKindLabel],
  ['auditAction', auditActionLabel],
  ['text', String],
  ['actor', actorLabel],
  ['claimStatus', (/** @type {string} */ value) => CLAIM_STATUS_LABELS[value] ?? value],
  ['pushState', (/** @type {string} */ value) => PUSH_LABELS[value] ?? value],
  ['state', stateLabel],
]);

/** @param {PersonalDataRecord} record */
const recordTitle = (record) =>
  FACTS.flatMap(([key, label]) => (record[key] ? [label(/** @type {string} */ (record[key]))] : [])).join(' · ') || record.title;

/** @param {number} n */
const countWords = (n) => `${formatNumber(n)} ${n > 1 ? 'éléments' : 'élément'}`;

/** @param {PersonalDataPackage} pkg */
function packageView(pkg) {
  const titleId = `rights-package-${pkg.name}`;
  const groups = pkg.groups.filter((group) => group.count > 0);
  return h('section', { class: 'rights-package', 'aria-labelledby': titleId }, h('h2', { id: titleId }, pkg.label), groups.length ? groups.map((group) => groupView(pkg, group)) : h('p', { class: 'hint' }, 'Rien de trouvé ici.'));
}

/**
 * @param {PersonalDataPackage} pkg
 * @param {PersonalDataGroup} group
 */
function groupView(pkg, group) {
  const titleId = `rights-group-${pkg.name}-${group.kind}`;
  return h(
    'section',
    { class: 'rights-group', 'aria-labelledby': titleId },
    h('h3', { id: titleId }, `${group.label} (${formatNumber(group.count)})`),
    h(
      'ul',
      { class: 'rights-records' },
      (group.records ?? []).map((record) =>
        h('li', { class: 'rights-record' }, h('p', { class: 'rights-record-title' }, recordTitle(record), record.at ? h('span', { class: 'rights-record-at' }, ` — ${formatDate(record.at)}`) : null), record.detail ? h('p', { class: 'rights-record-detail' }, record.detail) : null),
      ),
    ),
  );
}

/** @returns {Promise<{ fileName: string, json: string, summary: string } | null>} */
async function exported() {
  if (!shown) return null;
  $('rights-error').textContent = '';
  try {
    const { exportPersonalData } = await graphql(EXPORT_PERSONAL_DATA_MUTATION, shown);
    return exportPersonalData;
  } catch (error) {
    showError(error);
    return null;
  }
}

/** The JSON as a file, from a Blob: nothing of it goes through a URL or the page. */
async function download() {
  const answer = await exported();
  if (!answer) return;
  const url = URL.createObjectURL(new Blob([answer.json], { type: 'application/json' }));
  const link = h('a', { href: url, download: answer.fileName, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the Blob after click() has returned.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  announce(`Export téléchargé : ${answer.fileName}`);
}

async function showSummary() {
  const answer = await exported();
  if (!answer) return;
  $('rights-summary-text').textContent = answer.summary;
  $('rights-summary-panel').hidden = false;
  $('rights-summary-title').focus();
}

async function erase() {
  const person = shown;
  if (!person) return;
  const yes = await confirmAction({
    title: 'Effacer ces données ?',
    message: 'Les textes, noms, adresses et identifiants trouvés seront effacés ou anonymisés, sans retour possible. Rien n’est supprimé sur Facebook ni sur X.',
    confirmLabel: 'Effacer définitivement',
  });
  if (!yes) return;
  $('rights-error').textContent = '';
  try {
    const { erasePersonalData } = await graphql(ERASE_PERSONAL_DATA_MUTATION, person);
    shown = null;
    clearResults();
    const message = erasedMessage(erasePersonalData);
    $('rights-status').textContent = message;
    announce(message);
    $('rights-value').focus();
  } catch (error) {
    showError(error);
  }
}

/** @param {{ total: number, packages: PersonalDataPackage[] }} erasure */
function erasedMessage(erasure) {
  const parts = erasure.packages.flatMap((pkg) => pkg.groups.filter((g) => g.count > 0).map((g) => `${g.label} : ${formatNumber(g.count)}`));
  return `Données effacées ou anonymisées : ${countWords(erasure.total)}${parts.length ? ` (${parts.join(', ')})` : ''}.`;
}
