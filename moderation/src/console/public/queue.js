// @ts-check
/**
 * The queue view: filters with counts per state, the list (a listbox whose options carry data-id,
 * data-state, aria-selected for the item on display and aria-checked for bulk actions), cursor
 * pagination, and a selection kept across live refreshes.
 */
import { announce } from './announcer.js';
import { graphql } from './api.js';
import { latest } from './loader.js';
import { initBulk, isChecked, resetBulk, syncBulk, toggleChecked } from './bulk.js';
import { clearDetail, currentItemId, initDetail, reloadItem, showItem } from './detail.js';
import { debounce, fill, h } from './dom.js';
import { SEVERITY_LABELS, SOURCE_LABELS, formatNumber, plural } from './format.js';
import { dateTime, ruleChips, sourceTag, stateBadge, verdictHints } from './item-view.js';
import { QUEUE_QUERY } from './queries.js';
import { FORBIDDEN_MESSAGE, canModerate } from './session.js';

const PAGE_SIZE = 50;
/** A refresh reloads what is shown, up to the API's page limit. */
const MAX_PAGE = 100;
/** Below this width (css/queue.css), the detail panel is under the list instead of beside it. */
const NARROW = window.matchMedia('(max-width: 47.99rem)');

const TABS = [
  { id: 'todo', label: 'À traiter', states: ['new', 'held'] },
  { id: 'new', label: 'Nouveaux', states: ['new'] },
  { id: 'held', label: 'En attente', states: ['held'] },
  { id: 'escalated', label: 'Escaladés', states: ['escalated'] },
  { id: 'approved', label: 'Publiés', states: ['approved'] },
  { id: 'answered', label: 'Répondus', states: ['answered'] },
  { id: 'hidden', label: 'Masqués', states: ['hidden'] },
  { id: 'rejected', label: 'Rejetés', states: ['rejected'] },
  { id: 'deleted', label: 'Supprimés', states: ['deleted'] },
  { id: 'all', label: 'Tous', states: [] },
];

/**
 * An element of index.html by id: every id a module asks for is in the page, so never null.
 * @param {string} id
 */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * @type {{
 *   tab: string, source: string, severity: string, text: string, items: import('./types.js').Item[], endCursor: string | null,
 *   hasMore: boolean, loaded: boolean, selectedId: string | null, anchorIndex: number,
 * }}
 */
const state = {
  tab: 'todo',
  source: '',
  severity: '',
  text: '',
  items: [],
  endCursor: null,
  hasMore: false,
  loaded: false,
  selectedId: null,
  /** Where the selected item stood before a refresh took it out of the list: j/k go on from there. */
  anchorIndex: -1,
};
const loads = latest();

const tabStates = () => /** @type {(typeof TABS)[number]} */ (TABS.find((tab) => tab.id === state.tab)).states;
/** @param {import('./types.js').Item} item */
const matchesTab = (item) => tabStates().length === 0 || tabStates().includes(item.state);

function currentFilter() {
  /** @type {{ states?: string[], sources?: string[], severities?: string[], text?: string }} */
  const filter = {};
  if (tabStates().length) filter.states = tabStates();
  if (state.source) filter.sources = [state.source];
  if (state.severity) filter.severities = [state.severity];
  if (state.text) filter.text = state.text;
  return filter;
}

export function initQueue() {
  buildFilters();
  $('queue-list').addEventListener('click', /** @type {(event: MouseEvent) => void} */ (onListClick));
  $('queue-list').addEventListener('keydown', /** @type {(event: KeyboardEvent) => void} */ (onListKeydown));
  $('load-more').addEventListener('click', () => load({ append: true }));
  initDetail({ onItemChanged: itemChanged });
  initBulk({
    items: () => state.items,
    onDone(ids) {
      if (ids.includes(/** @type {string} */ (currentItemId()))) void reloadItem();
      void load({ keep: true });
    },
  });
}

function buildFilters() {
  fill(
    $('state-tabs'),
    TABS.map((tab) => {
      // Single-state tabs carry data-count-state; the two groups are summed from them.
      const countAttribute = tab.states.length === 1 ? { 'data-count-state': tab.states[0] } : { 'data-count-group': tab.id };
      const count = h('span', { class: 'count', ...countAttribute }, '0');
      const button = h('button', { type: 'button', class: 'state-tab', 'data-tab': tab.id, 'aria-pressed': String(tab.id === state.tab) }, h('span', {}, tab.label), ' ', count);
      button.addEventListener('click', () => {
        for (const other of $('state-tabs').children) other.setAttribute('aria-pressed', String(other === button));
        setFilter({ tab: tab.id });
      });
      return button;
    }),
  );
  fill($('filter-source'), h('option', { value: '' }, 'Toutes les sources'), Object.entries(SOURCE_LABELS).map(([value, label]) => h('option', { value }, label)));
  fill($('filter-severity'), h('option', { value: '' }, 'Toutes les gravités'), Object.entries(SEVERITY_LABELS).map(([value, label]) => h('option', { value }, label)));
  $('filter-source').addEventListener('change', (event) => setFilter({ source: /** @type {HTMLSelectElement} */ (event.target).value }));
  $('filter-severity').addEventListener('change', (event) => setFilter({ severity: /** @type {HTMLSelectElement} */ (event.target).value }));
  const searchLater = debounce(() => setFilter({ text: /** @type {HTMLInputElement} */ ($('filter-text')).value.trim() }), 350);
  $('filter-text').addEventListener('input', searchLater);
  $('queue-filters').addEventListener('submit', (event) => {
    event.preventDefault();
    setFilter({ text: /** @type {HTMLInputElement} */ ($('filter-text')).value.trim() });
  });
}

/** @param {Partial<Pick<typeof state, 'tab' | 'source' | 'severity' | 'text'>>} patch */
function setFilter(patch) {
  const before = JSON.stringify(currentFilter());
  Object.assign(state, patch);
  if (JSON.stringify(currentFilter()) === before) return;
  void load({ announceCount: true });
}

/** First display of the view; afterwards live events keep it fresh. */
export function showQueue() {
  if (!state.loaded) void load();
}

export function resetQueue() {
  loads.cancel();
  Object.assign(state, { items: [], endCursor: null, hasMore: false, loaded: false, selectedId: null, anchorIndex: -1 });
  fill($('queue-list'));
  clearDetail();
  resetBulk();
}

/**
 * Loads the first page (or, with `append`, the next one). With `keep`, reloads as many items
 * as are shown, so a refresh neither shortens the list nor loses the selection.
 * @param {{ append?: boolean, keep?: boolean, announceCount?: boolean }} [options]
 */
async function load({ append = false, keep = false, announceCount = false } = {}) {
  const isLatest = loads();
  const first = append ? PAGE_SIZE : Math.min(MAX_PAGE, Math.max(PAGE_SIZE, keep ? state.items.length : 0));
  $('queue-list').setAttribute('aria-busy', 'true');
  if (!keep) $('queue-status').textContent = 'Chargement…';
  try {
    const { queue } = await graphql(QUEUE_QUERY, { filter: currentFilter(), first, after: append ? state.endCursor : null });
    if (!isLatest()) return;
    const previous = state.items;
    state.items = append ? [...previous, ...queue.items] : queue.items;
    state.endCursor = queue.endCursor;
    state.hasMore = queue.hasMore;
    state.loaded = true;
    if (state.selectedId && !state.items.some((item) => item.id === state.selectedId)) {
      const index = previous.findIndex((item) => item.id === state.selectedId);
      if (index !== -1) state.anchorIndex = index;
    }
    renderCounts(queue.counts);
    renderList();
    if (announceCount) announce(listSummary());
  } catch (error) {
    if (isLatest()) $('queue-status').textContent = /** @type {Error} */ (error).message;
  } finally {
    if (isLatest()) $('queue-list').removeAttribute('aria-busy');
  }
}

export function refreshNow() {
  if (state.loaded) void load({ keep: true });
}

/** @param {{ state: string, count: number }[]} counts */
function renderCounts(counts) {
  const byState = new Map(counts.map((c) => [c.state, c.count]));
  for (const node of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-count-state]'))) node.textContent = formatNumber(byState.get(/** @type {string} */ (node.dataset.countState)) ?? 0);
  /** @param {string[]} states */
  const sum = (states) => states.reduce((total, s) => total + (byState.get(s) ?? 0), 0);
  for (const node of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-count-group]'))) {
    const tab = /** @type {(typeof TABS)[number]} */ (TABS.find((t) => t.id === node.dataset.countGroup));
    node.textContent = formatNumber(tab.states.length ? sum(tab.states) : counts.reduce((total, c) => total + c.count, 0));
  }
}

const listSummary = () =>
  state.items.length
    ? `${plural(state.items.length, 'élément affiché', 'éléments affichés')}${state.hasMore ? ', d’autres peuvent être chargés' : ''}.`
    : 'Aucun élément ne correspond à ces filtres.';

function renderList() {
  const list = $('queue-list');
  const focusedId = list.contains(document.activeElement) ? /** @type {HTMLElement | null} */ (/** @type {Element} */ (document.activeElement).closest('.queue-item'))?.dataset.id : null;
  fill(list, state.items.map(renderRow));
  list.hidden = state.items.length === 0;
  rovingFocus();
  if (focusedId) rowFor(focusedId)?.focus();
  $('queue-status').textContent = listSummary();
  $('load-more').hidden = !state.hasMore;
  syncBulk();
}

/** @param {import('./types.js').Item} item */
function renderRow(item) {
  const moderator = canModerate();
  return h(
    'li',
    {
      class: 'queue-item',
      role: 'option',
      tabindex: '-1',
      'data-id': item.id,
      'data-state': item.state,
      'aria-selected': String(item.id === state.selectedId),
      'aria-checked': moderator ? String(isChecked(item.id)) : null,
    },
    // Options cannot hold controls: the tick box is drawn, aria-checked says it, Space toggles it.
    moderator ? h('span', { class: 'qi-check', 'aria-hidden': 'true', title: 'Cocher pour une action groupée' }, h('span', { class: 'check-box' })) : null,
    h(
      'div',
      { class: 'qi-main' },
      h('p', { class: 'qi-head' }, h('strong', { class: 'qi-author' }, item.authorName), ' ', sourceTag(item.source), ' ', dateTime(item.createdAt), ' ', stateBadge(item.state)),
      h('p', { class: 'qi-text' }, item.text),
      ruleChips(item.ruleIds),
      verdictHints(item),
      item.assignedTo ? h('p', { class: 'hint' }, `Attribué à ${item.assignedTo.displayName}`) : null,
    ),
  );
}

/**
 * @param {string | null} id
 * @returns {HTMLElement | undefined}
 */
const rowFor = (id) => [.../** @type {HTMLCollectionOf<HTMLElement>} */ ($('queue-list').children)].find((row) => row.dataset.id === id);

/** One option at a time is in the Tab order (the selected one, else the first); arrows and j/k move. */
function rovingFocus() {
  const rows = [.../** @type {HTMLCollectionOf<HTMLElement>} */ ($('queue-list').children)];
  const active = rowFor(state.selectedId) ?? rows[0];
  for (const row of rows) row.tabIndex = row === active ? 0 : -1;
}

/**
 * @param {string} id
 * @param {{ focus?: boolean }} [options]
 */
function select(id, { focus = false } = {}) {
  const item = state.items.find((i) => i.id === id);
  if (!item) return;
  state.selectedId = id;
  state.anchorIndex = -1;
  for (const row of /** @type {HTMLCollectionOf<HTMLElement>} */ ($('queue-list').children)) row.setAttribute('aria-selected', String(row.dataset.id === id));
  rovingFocus();
  // Every item of `state.items` has its row once the list is drawn.
  const row = /** @type {HTMLElement} */ (rowFor(id));
  if (focus) row.focus();
  else row.scrollIntoView({ block: 'nearest' });
  void showItem(item);
}

/** @param {MouseEvent & { target: Element }} event */
function onListClick(event) {
  const row = /** @type {HTMLElement | null} */ (event.target.closest('.queue-item'));
  if (!row) return;
  // Ticking the box is not opening the item.
  if (event.target.closest('.qi-check')) return toggleChecked(/** @type {string} */ (row.dataset.id));
  select(/** @type {string} */ (row.dataset.id));
  // On a phone the panel sits under the list: bring it into view.
  if (NARROW.matches) $('item-detail').scrollIntoView({ block: 'start' });
}

/** @type {Record<string, number>} */
const LIST_KEYS = { ArrowDown: 1, ArrowUp: -1 };

/** @param {KeyboardEvent & { target: Element }} event */
function onListKeydown(event) {
  const row = /** @type {HTMLElement | null} */ (event.target.closest('.queue-item'));
  if (event.key in LIST_KEYS) {
    event.preventDefault();
    void moveSelection(/** @type {number} */ (LIST_KEYS[event.key]));
  } else if ((event.key === 'Home' || event.key === 'End') && state.items.length) {
    event.preventDefault();
    select(/** @type {import('./types.js').Item} */ (state.items[event.key === 'Home' ? 0 : state.items.length - 1]).id, { focus: true });
  } else if (event.key === ' ' && row) {
    event.preventDefault();
    if (canModerate()) toggleChecked(/** @type {string} */ (row.dataset.id));
    else announce(FORBIDDEN_MESSAGE);
  } else if (event.key === 'Enter' && row) {
    select(/** @type {string} */ (row.dataset.id), { focus: true });
  }
}

/**
 * j / k: the next or previous item; past the last one, the next page is loaded.
 * @param {number} delta 1 or -1
 */
export async function moveSelection(delta) {
  if (!state.items.length) return announce('Aucun élément dans la file.');
  let index = state.items.findIndex((item) => item.id === state.selectedId);
  if (index !== -1) index += delta;
  else if (state.anchorIndex !== -1) index = delta > 0 ? state.anchorIndex : state.anchorIndex - 1;
  else index = 0;
  if (index >= state.items.length && state.hasMore) await load({ append: true });
  if (index >= state.items.length) announce('Dernier élément de la liste.');
  else if (index < 0) announce('Premier élément de la liste.');
  select(/** @type {import('./types.js').Item} */ (state.items[Math.max(0, Math.min(index, state.items.length - 1))]).id, { focus: true });
}

/**
 * After a change made in the detail panel: update the row, or move on if it left the tab.
 * @param {import('./types.js').Item} summary
 */
function itemChanged(summary) {
  const index = state.items.findIndex((item) => item.id === summary.id);
  if (index !== -1) {
    const updated = { ...state.items[index], ...summary };
    if (matchesTab(updated)) {
      state.items[index] = updated;
      renderList();
    } else {
      // Triage flow: the decided item leaves « À traiter » and the next one takes its place.
      const focusInList = $('queue-list').contains(document.activeElement) || document.activeElement === document.body;
      state.items.splice(index, 1);
      renderList();
      const next = state.items[Math.min(index, state.items.length - 1)];
      if (next) select(next.id, { focus: focusInList });
      else state.anchorIndex = index;
    }
  }
  refreshNow();
}
