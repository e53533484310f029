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

/** The lists, in the order shown; `short` is how notes and messages name them. */
export const WATCHED_LISTS = [
  { id: 'mots-surveilles-rejeter', action: 'reject', choice: 'Rejeter', short: 'rejeter', label: 'Mots surveillés : rejeter', severity: 'medium', kind: 'words' },
  { id: 'mots-surveilles-masquer', action: 'hide', choice: 'Masquer', short: 'masquer', label: 'Mots surveillés : masquer', severity: 'medium', kind: 'words' },
  { id: 'mots-surveilles-retenir', action: 'hold', choice: 'Retenir pour un modérateur', short: 'retenir', label: 'Mots surveillés : retenir pour un modérateur', severity: 'medium', kind: 'words' },
  { id: 'mots-surveilles-signaler', action: 'flag', choice: 'Signaler (publié, signalé aux modérateurs)', short: 'signaler', label: 'Mots surveillés : signaler', severity: 'medium', kind: 'words' },
  { id: 'mots-autorises', action: 'approve', choice: 'Autoriser (terme autorisé)', short: 'autorisé', label: 'Termes autorisés', severity: 'low', kind: 'allow' },
];
export const MANAGED_RULE_IDS = new Set(WATCHED_LISTS.map((list) => list.id));
const MAX_TERM_CHARS = 99;

const DECISION_LABELS = { approve: 'Publier', hold: 'Retenir pour un modérateur', hide: 'Masquer', reject: 'Rejeter' };

const $ = (id) => document.getElementById(id);

/** The charter as loaded, the lists as the admin has changed them, the last preview. */
let base = null;
let lists = new Map();
let preview = null;
/** Changes run one after the other: each one is judged on the lists the previous one left. */
let running = Promise.resolve();
let saveCharter = async () => undefined;

/** `save(rules, note)` saves through the charter view and shows the new version. */
export function initWatchedWords({ save }) {
  saveCharter = save;
}

const listOf = (id) => WATCHED_LISTS.find((list) => list.id === id);

function termsIn(charter) {
  const found = new Map(WATCHED_LISTS.map((list) => [list.id, []]));
  for (const rule of charter.rules) if (found.has(rule.id)) found.set(rule.id, [...(JSON.parse(rule.params).terms ?? [])]);
  return found;
}

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

/** Where each term is: term → list id. */
const placeOf = (state) => new Map([...state].flatMap(([id, terms]) => terms.map((term) => [term, id])));

/** What changed since the charter was loaded, in French (« + "arnaqueur" (rejeter) »). */
function changes() {
  const before = placeOf(termsIn(base));
  const after = placeOf(lists);
  const lines = [];
  for (const [term, id] of after) {
    const was = before.get(term);
    if (was === undefined) lines.push(`+ "${term}" (${listOf(id).short})`);
    else if (was !== id) lines.push(`"${term}" : ${listOf(was).short} → ${listOf(id).short}`);
  }
  for (const [term, id] of before) if (!after.has(term)) lines.push(`− "${term}" (${listOf(id).short})`);
  return lines;
}

/** The charter's rules with the lists in place: a list's rule is created with its first term and removed with its last. */
function rulesWith(state) {
  const input = (rule, params) => ({ id: rule.id, label: rule.label, severity: rule.severity, action: rule.action, enabled: rule.enabled, params: JSON.stringify(params) });
  const rules = [];
  for (const rule of base.rules) {
    if (!MANAGED_RULE_IDS.has(rule.id)) {
      rules.push(input(rule, JSON.parse(rule.params)));
      continue;
    }
    const { terms: _old, ...params } = JSON.parse(rule.params);
    const terms = state.get(rule.id);
    // A list given a built-in lexicon in the JSON editor keeps it when its last term goes.
    if (terms.length) rules.push(input(rule, { ...params, terms }));
    else if (params.lexicon) rules.push(input(rule, params));
  }
  for (const list of WATCHED_LISTS) {
    const terms = state.get(list.id);
    if (terms.length && !base.rules.some((rule) => rule.id === list.id)) rules.push(input({ ...list, enabled: true }, { kind: list.kind, terms }));
  }
  return rules;
}

/** Judges `next` on the newest items; applies it only if the service accepts it. */
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
      showError(problem.message);
      if (field) $(field)?.focus();
      return false;
    }
  });
  return running;
}

function showError(message) {
  $('watched-term-error').textContent = message;
  $('watched-term').setAttribute('aria-invalid', 'true');
}

function clearError() {
  $('watched-term-error').textContent = '';
  $('watched-term').removeAttribute('aria-invalid');
}

const moved = (term, to) => (state) => new Map([...state].map(([id, terms]) => [id, id === to ? [...terms.filter((t) => t !== term), term] : terms.filter((t) => t !== term)]));
const removed = (term) => (state) => new Map([...state].map(([id, terms]) => [id, terms.filter((t) => t !== term)]));

async function add(event) {
  event.preventDefault();
  const input = $('watched-term');
  const term = input.value.trim().replace(/\s+/g, ' ');
  const list = listOf($('watched-action').value);
  clearError();
  if (!term) return showError('Saisissez un mot ou une expression.'), input.focus();
  if (term.length > MAX_TERM_CHARS) return showError(`Le terme est trop long (${term.length} caractères) : il doit faire moins de 100 caractères.`), input.focus();
  const added = (state) => new Map([...state].map(([id, terms]) => [id, id === list.id ? [...terms, term] : terms]));
  if (await propose(added, { done: `« ${term} » ajouté (${list.short})`, field: 'watched-term' })) {
    $('watched-term').value = '';
    $('watched-term').focus();
  }
}

async function move(term, to) {
  clearError();
  const ok = await propose(moved(term, to), { done: `« ${term} » : ${listOf(to).short}` });
  document.querySelector(`[data-watched-term="${CSS.escape(term)}"]`)?.focus();
  return ok;
}

async function remove(term) {
  clearError();
  if (await propose(removed(term), { done: `« ${term} » retiré` })) $('watched-term')?.focus();
}

function cancel() {
  lists = termsIn(base);
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
    $('watched-save-error').textContent = problem.message;
  }
}

/** « Sur les 1 000 derniers messages : 3 décisions changeraient ». */
function countText({ judged, changed }) {
  if (judged === 0) return 'La file est vide : aucun message sur lequel essayer';
  const scope = judged === 1 ? 'Sur le dernier message' : `Sur les ${formatNumber(judged)} derniers messages`;
  const effect = changed === 0 ? 'aucune décision ne changerait' : changed === 1 ? '1 décision changerait' : `${formatNumber(changed)} décisions changeraient`;
  return `${scope} : ${effect}`;
}

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

function listsView(admin) {
  const filled = WATCHED_LISTS.filter((list) => lists.get(list.id)?.length);
  if (!filled.length) return h('p', { class: 'hint' }, 'Aucun mot surveillé ni terme autorisé pour l’instant.');
  return filled.map((list) =>
    h(
      'section',
      { class: 'watched-list', 'aria-labelledby': `${list.id}-title` },
      h('h3', { id: `${list.id}-title` }, `${list.label} (${formatNumber(lists.get(list.id).length)})`),
      h('ul', { class: 'watched-terms' }, lists.get(list.id).map((term) => termRow(term, list, admin))),
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
  const keep = admin && $('watched-term') ? { term: $('watched-term').value, action: $('watched-action').value } : null;
  fill($('watched-words'), admin ? addForm() : null, admin ? pendingView() : null, listsView(admin));
  if (keep) {
    $('watched-term').value = keep.term;
    $('watched-action').value = keep.action;
  }
}
