// @ts-check
/** Ticking several items of the list and deciding them at once (bulkDecide). */
import { announce } from './announcer.js';
import { graphql } from './api.js';
import { fill, h } from './dom.js';
import { plural } from './format.js';
import { BULK_DECIDE_MUTATION } from './queries.js';
import { FORBIDDEN_MESSAGE, canModerate } from './session.js';

/** @type {Record<string, [string, string]>} */
const DONE_WORDS = {
  approve: ['élément approuvé', 'éléments approuvés'],
  hide: ['élément masqué', 'éléments masqués'],
  reject: ['élément rejeté', 'éléments rejetés'],
};

/**
 * An element of index.html by id: every id a module asks for is in the page, so never null.
 * @param {string} id
 */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** @type {Set<string>} */
const checked = new Set();
/** @type {() => import('./types.js').Item[]} */
let visibleItems = () => [];
/** @type {(ids: string[]) => void} */
let afterBulk = () => {};

/**
 * `items()` gives the items in the list; `onDone(ids)` is told which ones changed.
 * @param {{ items: () => import('./types.js').Item[], onDone: (ids: string[]) => void }} options
 */
export function initBulk({ items, onDone }) {
  visibleItems = items;
  afterBulk = onDone;
  $('select-all').addEventListener('change', (event) => {
    for (const item of visibleItems()) {
      if (/** @type {HTMLInputElement} */ (event.target).checked) checked.add(item.id);
      else checked.delete(item.id);
    }
    syncBulk();
  });
  for (const button of /** @type {NodeListOf<HTMLButtonElement>} */ (document.querySelectorAll('[data-bulk]'))) button.addEventListener('click', () => run(/** @type {string} */ (button.dataset.bulk)));
}

/** @param {string} id */
export const isChecked = (id) => checked.has(id);

/**
 * Ticks or unticks one item (its box in the list, or Space on it).
 * @param {string} id
 */
export function toggleChecked(id) {
  if (checked.has(id)) checked.delete(id);
  else checked.add(id);
  syncBulk();
}

/** After the list changed: forgets items no longer shown (never act on what is not visible). */
export function syncBulk() {
  const shown = new Set(visibleItems().map((item) => item.id));
  for (const id of checked) if (!shown.has(id)) checked.delete(id);
  // The rows are options of a listbox: their tick is aria-checked, drawn by css/queue.css.
  for (const row of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('#queue-list [aria-checked]'))) row.setAttribute('aria-checked', String(checked.has(/** @type {string} */ (row.dataset.id))));
  const count = checked.size;
  $('bulk-count').textContent = count ? `${plural(count, 'élément sélectionné', 'éléments sélectionnés')}` : 'Aucun élément sélectionné';
  const all = /** @type {HTMLInputElement} */ ($('select-all'));
  all.checked = count > 0 && count === shown.size;
  all.indeterminate = count > 0 && count < shown.size;
  for (const button of /** @type {NodeListOf<HTMLButtonElement>} */ (document.querySelectorAll('[data-bulk]'))) button.disabled = count === 0;
}

export function resetBulk() {
  checked.clear();
  $('bulk-report').hidden = true;
  syncBulk();
}

/** @param {string} action approve, hide or reject */
async function run(action) {
  if (!canModerate()) return announce(FORBIDDEN_MESSAGE);
  const ids = [...checked];
  if (!ids.length) return;
  for (const button of /** @type {NodeListOf<HTMLButtonElement>} */ (document.querySelectorAll('[data-bulk]'))) button.disabled = true;
  try {
    const { bulkDecide } = await graphql(BULK_DECIDE_MUTATION, { ids, action });
    for (const item of bulkDecide.done) checked.delete(item.id);
    report(action, bulkDecide);
    afterBulk(bulkDecide.done.map((/** @type {{ id: string }} */ item) => item.id));
  } catch (error) {
    showReport([h('p', { class: 'form-error' }, /** @type {Error} */ (error).message)]);
    announce(/** @type {Error} */ (error).message);
  } finally {
    syncBulk();
  }
}

/**
 * @param {string} action
 * @param {{ done: { id: string, state: string }[], failed: { itemId: string, message: string }[] }} outcome what `bulkDecide` answered
 */
function report(action, { done, failed }) {
  const [one, many] = /** @type {[string, string]} */ (DONE_WORDS[action]);
  const summary = done.length ? plural(done.length, one, many) : 'Aucun élément traité';
  const names = new Map(visibleItems().map((item) => [item.id, item.authorName]));
  const failures = failed.length
    ? [
        h('p', {}, `${plural(failed.length, 'échec', 'échecs')} :`),
        h('ul', {}, failed.map((f) => h('li', {}, `${names.get(f.itemId) ?? f.itemId} : ${f.message}`))),
      ]
    : [];
  showReport([h('p', {}, `${summary}.`), failures]);
  announce(failed.length ? `${summary}, ${plural(failed.length, 'échec', 'échecs')}.` : `${summary}.`);
}

/** @param {import('./dom.js').Child} content */
function showReport(content) {
  const close = h('button', { type: 'button', class: 'button button-quiet' }, 'Fermer ce compte rendu');
  close.addEventListener('click', () => {
    $('bulk-report').hidden = true;
    $('select-all').focus();
  });
  fill($('bulk-report'), content, close);
  $('bulk-report').hidden = false;
}
