// @ts-check
/**
 * « Mots surveillés » in the charter view, as community managers know them from Discourse and
 * Agorapulse: terms with an action (rejeter, masquer, retenir, signaler) and the allowed terms.
 * They are charter rules (one words rule per action, one allow rule); every change is first
 * judged on the newest items by the service (`previewCharter`), which also refuses a term already
 * listed under the same canonical spelling, then saved as a new charter version.
 */
import { announce } from './announcer.js';
import { graphql } from './api.js';
import { fill, h } from './dom.js';
import { formatDate, formatNumber, sourceLabel } from './format.js';
import { PREVIEW_CHARTER_QUERY } from './queries.js';
import { isAdmin } from './session.js';

/**
 * The lists, in the order shown; `short` is how notes and messages name them.
 * @typedef {{ id: string, action: string, choice: string, short: string, label: string, severity: string, kind: string }} WatchedList
 * @type {WatchedList[]}
 */
export const WATCHED_LISTS = [
  { id: 'mots-surveilles-rejeter', action: 'reject', choice: 'Rejeter', short: 'rejeter', label: 'Mots surveillés : rejeter', severity: 'medium', kind: 'words' },
  { id: 'mots-surveilles-masquer', action: 'hide', choice: 'Masquer', short: 'masquer', label: 'Mots surveillés : masquer', severity: 'medium', kind: 'words' },
  { id: 'mots-surveilles-retenir', action: 'hold', choice: 'Retenir pour un modérateur', short: 'retenir', label: 'Mots surveillés : retenir pour un modérateur', severity: 'medium', kind: 'words' },
  { id: 'mots-surveilles-signaler', action: 'flag', choice: 'Signaler (publié, signalé aux modérateurs)', short: 'signaler', label: 'Mots surveillés : signaler', severity: 'medium', kind: 'words' },
  { id: 'mots-autorises', action: 'approve', choice: 'Autoriser (terme autorisé)', short: 'autorisé', label: 'Termes autorisés', severity: 'low', kind: 'allow' },
];
export const MANAGED_RULE_IDS = new Set(WATCHED_LISTS.map((list) => list.id));
const MAX_TERM_CHARS = 99;

/** @type {Record<string, string>} */
const DECISION_LABELS = { approve: 'Publier', hold: 'Retenir pour un modérateur', hide: 'Masquer', reject: 'Rejeter' };

/**
 * An element by id: `watched-words` is in index.html, the form's elements once `render()` drew
 * them for an administrator (`?.` where they may be missing).
 * @param {string} id
 */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** The charter as loaded, the lists as the admin has changed them, the last preview. */
/** @typedef {Map<string, string[]>} Lists list id → its terms */
/**
 * What `previewCharter` answered.
 * @typedef {{ decision: string, flagged: boolean }} Outcome
 * @typedef {{ itemId: string, excerpt: string, source: string, author: string, createdAt: string, before: Outcome, after: Outcome, reason: string }} PreviewExample
 * @typedef {{ judged: number, changed: number, examples: PreviewExample[] }} Preview
 */
/** @type {import('./types.js').Charter | null} */
let base = null;
/** @type {Lists} */
let lists = new Map();
/** @type {Preview | null} */
let preview = null;
/**
 * Changes run one after the other: each one is judged on the lists the previous one left.
 * @type {Promise<boolean | void>}
 */
let running = Promise.resolve();
/** @type {SaveCharter} */
let saveCharter = async () => undefined;

/**
 * Saves the rules as a new charter version; resolves with its number.
 * @typedef {(rules: import('./types.js').CharterRuleInput[], note: string | null) => Promise<number | undefined>} SaveCharter
 */

/**
 * `save(rules, note)` saves through the charter view and shows the new version.
 * @param {{ save: SaveCharter }} options
 */
export function initWatchedWords({ save }) {
  saveCharter = save;
}

/** @param {string} id */
const listOf = (id) => /** @type {WatchedList} */ (WATCHED_LISTS.find((list) => list.id === id));

/**
 * @param {import('./types.js').Charter} charter
 * @returns {Lists}
 */
function termsIn(charter) {
  const found = new Map(WATCHED_LISTS.map((list) => [list.id, /** @type {string[]} */ ([])]));
  for (const rule of charter.rules) if (found.has(rule.id)) found.set(rule.id, [...(JSON.parse(rule.params).terms ?? [])]);
  return found;
}

/** @param {import('./types.js').Charter} charter */
export function showWatchedWords(charter) {
  base = charter;
  lists = termsIn(charter);
  preview = null;
  render();
}

export function resetWatchedWords() {
  base = null;
  lists = new Map();
  preview = null;
  fill($('watched-words'));
}

/**
 * Where each term is: term → list id.
 * @param {Lists} state
 */
const placeOf = (state) => new Map([...state].flatMap(([id, terms]) => terms.map((term) => /** @type {[string, string]} */ ([term, id]))));

/** What changed since the charter was loaded, in French (« + "arnaqueur" (rejeter) »). */
function changes() {
  const before = placeOf(termsIn(/** @type {import('./types.js').Charter} */ (base)));
  const after = placeOf(lists);
  /** @type {string[]} */
  const lines = [];
  for (const [term, id] of after) {
    const was = before.get(term);
    if (was === undefined) lines.push(`+ "${term}" (${listOf(id).short})`);
    else if (was !== id) lines.push(`"${term}" : ${listOf(was).short} → ${listOf(id).short}`);
  }
  for (const [term, id] of before) if (!after.has(term)) lines.push(`− "${term}" (${listOf(id).short})`);
  return lines;
}

/**
 * The charter's rules with the lists in place: a list's rule is created with its first term and removed with its last.
 * @param {Lists} state
 * @returns {import('./types.js').CharterRuleInput[]}
 */
function rulesWith(state) {
  /**
   * @param {Omit<import('./types.js').CharterRuleInput, 'params'>} rule
   * @param {object} params
   */
  const input = (rule, params) => ({ id: rule.id, label: rule.label, severity: rule.severity, action: rule.action, enabled: rule.enabled, params: JSON.stringify(params) });
  /** @type {import('./types.js').CharterRuleInput[]} */
  const rules = [];
  for (const rule of /** @type {import('./types.js').Charter} */ (base).rules) {
    if (!MANAGED_RULE_IDS.has(rule.id)) {
      rules.push(input(rule, JSON.parse(rule.params)));
      continue;
    }
    const { terms: _old, ...params } = JSON.parse(rule.params);
    const terms = /** @type {string[]} */ (state.get(rule.id));
    // A list given a built-in lexicon in the JSON editor keeps it when its last term goes.
    if (terms.length) rules.push(input(rule, { ...params, terms }));
    else if (params.lexicon) rules.push(input(rule, params));
  }
  for (const list of WATCHED_LISTS) {
    const terms = /** @type {string[]} */ (state.get(list.id));
    if (terms.length && !/** @type {import('./types.js').Charter} */ (base).rules.some((rule) => rule.id === list.id)) rules.push(input({ ...list, enabled: true }, { kind: list.kind, terms }));
  }
  return rules;
}

/**
 * Judges `next` on the newest items; applies it only if the service accepts it.
 * @param {(lists: Lists) => Lists} next
 * @param {{ done: string, field?: string }} outcome what to announce once applied; the field to focus on a refusal
 */
function propose(next, { done, field }) {
  running = running.then(async () => {
    const candidate = next(lists);
    try {
      const data = await graphql(PREVIEW_CHARTER_QUERY, { rules: rulesWith(candidate) });
      lists = candidate;
      preview = changes().length ? data.previewCharter : null;
      render();
      announce(`${done}. ${preview ? countText(preview) : 'Plus aucune modification à enregistrer'}.`);
      return true;
    } catch (problem) {
      // Nothing applied: the lists stay as they were, the message sits under the term field.
      showError(/** @type {Error} */ (problem).message);
      if (field) $(field)?.focus();
      return false;
    }
  });
  return running;
}

/** @param {string} message */
function showError(message) {
  $('watched-term-error').textContent = message;
  $('watched-term').setAttribute('aria-invalid', 'true');
}

function clearError() {
  $('watched-term-error').textContent = '';
  $('watched-term').removeAttribute('aria-invalid');
}

/**
 * @param {string} term
 * @param {string} to a list id
 * @returns {(state: Lists) => Lists}
 */
const moved = (term, to) => (state) => new Map([...state].map(([id, terms]) => [id, id === to ? [...terms.filter((t) => t !== term), term] : terms.filter((t) => t !== term)]));
/**
 * @param {string} term
 * @returns {(state: Lists) => Lists}
 */
const removed = (term) => (state) => new Map([...state].map(([id, terms]) => [id, terms.filter((t) => t !== term)]));

/** @param {SubmitEvent} event */
async function add(event) {
  event.preventDefault();
  const input = /** @type {HTMLInputElement} */ ($('watched-term'));
  const term = input.value.trim().replace(/\s+/g, ' ');
  const list = listOf(/** @type {HTMLSelectElement} */ ($('watched-action')).value);
  clearError();
  if (!term) return showError('Saisissez un mot ou une expression.'), input.focus();
  if (term.length > MAX_TERM_CHARS) return showError(`Le terme est trop long (${term.length} caractères) : il doit faire moins de 100 caractères.`), input.focus();
  /** @param {Lists} state */
  const added = (state) => new Map([...state].map(([id, terms]) => [id, id === list.id ? [...terms, term] : terms]));
  if (await propose(added, { done: `« ${term} » ajouté (${list.short})`, field: 'watched-term' })) {
    /** @type {HTMLInputElement} */ ($('watched-term')).value = '';
    $('watched-term').focus();
  }
}

/**
 * @param {string} term
 * @param {string} to a list id
 */
async function move(term, to) {
  clearError();
  const ok = await propose(moved(term, to), { done: `« ${term} » : ${listOf(to).short}` });
  /** @type {HTMLElement | null} */ (document.querySelector(`[data-watched-term="${CSS.escape(term)}"]`))?.focus();
  return ok;
}

/** @param {string} term */
async function remove(term) {
  clearError();
  if (await propose(removed(term), { done: `« ${term} » retiré` })) $('watched-term')?.focus();
}

function cancel() {
  lists = termsIn(/** @type {import('./types.js').Charter} */ (base));
  preview = null;
  render();
  announce('Modifications des mots surveillés annulées.');
  $('watched-term')?.focus();
}

async function save() {
  const lines = changes();
  if (!lines.length) return;
  const note = `Mots surveillés : ${lines.join(' ; ')}`.slice(0, 500);
  try {
    const version = await saveCharter(rulesWith(lists), note);
    $('watched-status').textContent = `Mots surveillés enregistrés : version ${version} de la charte.`;
    announce(`Mots surveillés enregistrés : version ${version} de la charte.`);
  } catch (problem) {
    $('watched-save-error').textContent = /** @type {Error} */ (problem).message;
  }
}

/**
 * « Sur les 1 000 derniers messages : 3 décisions changeraient ».
 * @param {{ judged: number, changed: number }} counts
 */
function countText({ judged, changed }) {
  if (judged === 0) return 'La file est vide : aucun message sur lequel essayer';
  const scope = judged === 1 ? 'Sur le dernier message' : `Sur les ${formatNumber(judged)} derniers messages`;
  const effect = changed === 0 ? 'aucune décision ne changerait' : changed === 1 ? '1 décision changerait' : `${formatNumber(changed)} décisions changeraient`;
  return `${scope} : ${effect}`;
}

/** @param {Outcome} outcome */
const outcomeLabel = ({ decision, flagged }) => `${DECISION_LABELS[decision] ?? decision}${flagged ? ', signalé' : ''}`;

function previewView() {
  if (!preview) return null;
  const shown = preview.examples.length;
  return h(
    'div',
    { class: 'watched-preview', id: 'watched-preview' },
    h('p', { class: 'watched-count' }, h('strong', {}, countText(preview))),
    shown ? h('p', { class: 'hint' }, shown < preview.changed ? `Exemples : ${shown} sur ${formatNumber(preview.changed)}, du plus récent au plus ancien.` : 'Du plus récent au plus ancien :') : null,
    shown
      ? h(
          'ol',
          { class: 'watched-examples' },
          preview.examples.map((example) =>
            h(
              'li',
              { class: 'watched-example' },
              h('p', { class: 'watched-excerpt' }, example.excerpt),
              h('p', { class: 'watched-meta' }, h('span', { class: 'source' }, sourceLabel(example.source)), ` · ${example.author} · ${formatDate(example.createdAt)}`),
              h(
                'dl',
                { class: 'facts' },
                h('div', {}, h('dt', {}, 'Décision'), h('dd', {}, outcomeLabel(example.before), ' → ', h('strong', {}, outcomeLabel(example.after)))),
                h('div', {}, h('dt', {}, 'Raison'), h('dd', {}, example.reason)),
              ),
            ),
          ),
        )
      : null,
  );
}

/**
 * @param {string} term
 * @param {WatchedList} list
 * @param {boolean} admin
 */
function termRow(term, list, admin) {
  if (!admin) return h('li', { class: 'watched-item' }, h('span', { class: 'watched-term' }, term));
  const select = h(
    'select',
    { 'aria-label': `Action pour « ${term} »`, 'data-watched-term': term },
    WATCHED_LISTS.map((option) => h('option', { value: option.id, selected: option.id === list.id }, option.choice)),
  );
  select.addEventListener('change', async () => {
    if (!(await move(term, select.value))) select.value = list.id;
  });
  const button = h('button', { type: 'button', class: 'button button-quiet', 'aria-label': `Retirer « ${term} »` }, 'Retirer');
  button.addEventListener('click', () => remove(term));
  return h('li', { class: 'watched-item' }, h('span', { class: 'watched-term' }, term), h('span', { class: 'watched-controls' }, select, button));
}

/** @param {boolean} admin */
function listsView(admin) {
  const filled = WATCHED_LISTS.filter((list) => lists.get(list.id)?.length);
  if (!filled.length) return h('p', { class: 'hint' }, 'Aucun mot surveillé ni terme autorisé pour l’instant.');
  return filled.map((list) =>
    h(
      'section',
      { class: 'watched-list', 'aria-labelledby': `${list.id}-title` },
      h('h3', { id: `${list.id}-title` }, `${list.label} (${formatNumber(/** @type {string[]} */ (lists.get(list.id)).length)})`),
      h('ul', { class: 'watched-terms' }, /** @type {string[]} */ (lists.get(list.id)).map((term) => termRow(term, list, admin))),
    ),
  );
}

function addForm() {
  const form = h(
    'form',
    { class: 'watched-add', id: 'watched-form', novalidate: true },
    h(
      'div',
      { class: 'field field-term' },
      h('label', { for: 'watched-term' }, 'Terme (mot ou expression)'),
      h('input', { id: 'watched-term', type: 'text', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'watched-term-error' }),
      h('p', { class: 'form-error', id: 'watched-term-error', role: 'alert' }),
    ),
    h('div', { class: 'field' }, h('label', { for: 'watched-action' }, 'Action'), h('select', { id: 'watched-action' }, WATCHED_LISTS.map((list) => h('option', { value: list.id }, list.choice)))),
    h('button', { type: 'submit', class: 'button button-primary' }, 'Ajouter'),
  );
  form.addEventListener('submit', add);
  return form;
}

function pendingView() {
  const lines = changes();
  if (!lines.length) return h('p', { class: 'hint', id: 'watched-status', role: 'status' });
  const saveButton = h('button', { type: 'button', class: 'button button-primary' }, 'Enregistrer les mots surveillés');
  saveButton.addEventListener('click', save);
  const cancelButton = h('button', { type: 'button', class: 'button button-quiet' }, 'Annuler les modifications');
  cancelButton.addEventListener('click', cancel);
  return h(
    'section',
    { class: 'watched-pending', 'aria-labelledby': 'watched-pending-title' },
    h('h3', { id: 'watched-pending-title' }, 'Avant d’enregistrer'),
    h('ul', { class: 'plain-list' }, lines.map((line) => h('li', {}, line))),
    previewView(),
    h('p', { class: 'form-error', id: 'watched-save-error', role: 'alert' }),
    h('div', { class: 'button-row' }, saveButton, cancelButton),
    h('p', { class: 'hint', id: 'watched-status', role: 'status' }),
  );
}

function render() {
  if (!base) return;
  const admin = isAdmin();
  // The add form is drawn again with the lists: what the admin was typing stays.
  const keep = admin && $('watched-term') ? { term: /** @type {HTMLInputElement} */ ($('watched-term')).value, action: /** @type {HTMLSelectElement} */ ($('watched-action')).value } : null;
  fill($('watched-words'), admin ? addForm() : null, admin ? pendingView() : null, listsView(admin));
  if (keep) {
    /** @type {HTMLInputElement} */ ($('watched-term')).value = keep.term;
    /** @type {HTMLSelectElement} */ ($('watched-action')).value = keep.action;
  }
}
