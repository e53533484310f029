/** Ticking several items of the list and deciding them at once (bulkDecide). */
import { announce } from './announcer.js';
import { graphql } from './api.js';
import { fill, h } from './dom.js';
import { plural } from './format.js';
import { BULK_DECIDE_MUTATION } from './queries.js';
import { FORBIDDEN_MESSAGE, canModerate } from './session.js';

const DONE_WORDS = {
  approve: ['élément approuvé', 'éléments approuvés'],
  hide: ['élément masqué', 'éléments masqués'],
  reject: ['élément rejeté', 'éléments rejetés'],
};

const $ = (id) => document.getElementById(id);
const checked = new Set();
let visibleItems = () => [];
let afterBulk = () => {};

/** `items()` gives the items in the list; `onDone(ids)` is told which ones changed. */
export function initBulk({ items, onDone }) {
  visibleItems = items;
  afterBulk = onDone;
  $('select-all').addEventListener('change', (event) => {
    for (const item of visibleItems()) {
      if (event.target.checked) checked.add(item.id);
      else checked.delete(item.id);
    }
    syncBulk();
  });
  for (const button of document.querySelectorAll('[data-bulk]')) button.addEventListener('click', () => run(button.dataset.bulk));
}

export const isChecked = (id) => checked.has(id);

/** Ticks or unticks one item (its box in the list, or Space on it). */
export function toggleChecked(id) {
  if (checked.has(id)) checked.delete(id);
  else checked.add(id);
  syncBulk();
}

/** After the list changed: forgets items no longer shown (never act on what is not visible). */
export function syncBulk() {
  const shown = new Set(visibleItems().map((item) => item.id));
  for (const id of checked) if (!shown.has(id)) checked.delete(id);
  // The rows are options of a listbox: their tick is aria-checked, drawn by console.css.
  for (const row of document.querySelectorAll('#queue-list [aria-checked]')) row.setAttribute('aria-checked', String(checked.has(row.dataset.id)));
  const count = checked.size;
  $('bulk-count').textContent = count ? `${plural(count, 'élément sélectionné', 'éléments sélectionnés')}` : 'Aucun élément sélectionné';
  const all = $('select-all');
  all.checked = count > 0 && count === shown.size;
  all.indeterminate = count > 0 && count < shown.size;
  for (const button of document.querySelectorAll('[data-bulk]')) button.disabled = count === 0;
}

export function resetBulk() {
  checked.clear();
  $('bulk-report').hidden = true;
  syncBulk();
}

async function run(action) {
  if (!canModerate()) return announce(FORBIDDEN_MESSAGE);
  const ids = [...checked];
  if (!ids.length) return;
  for (const button of document.querySelectorAll('[data-bulk]')) button.disabled = true;
  try {
    const { bulkDecide } = await graphql(BULK_DECIDE_MUTATION, { ids, action });
    for (const item of bulkDecide.done) checked.delete(item.id);
    report(action, bulkDecide);
    afterBulk(bulkDecide.done.map((item) => item.id));
  } catch (error) {
    showReport([h('p', { class: 'form-error' }, error.message)]);
    announce(error.message);
  } finally {
    syncBulk();
  }
}

function report(action, { done, failed }) {
  const [one, many] = DONE_WORDS[action];
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

function showReport(content) {
  const close = h('button', { type: 'button', class: 'button button-quiet' }, 'Fermer ce compte rendu');
  close.addEventListener('click', () => {
    $('bulk-report').hidden = true;
    $('select-all').focus();
  });
  fill($('bulk-report'), content, close);
  $('bulk-report').hidden = false;
}
