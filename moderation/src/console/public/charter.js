// @ts-check
/**
 * The charter view: rules in force, version history, the « Essayer la charte » panel, the
 * « Mots surveillés » panel (watched-words.js), and for administrators, switching rules on/off
 * and editing their settings into a new version.
 */
import { announce } from './announcer.js';
import { graphql } from './api.js';
import { fill, h } from './dom.js';
import { RULE_ACTION_LABELS, RULE_KIND_LABELS, actorLabel, formatDate, formatPercent, personalDataLabel, plural, requestLabel, severityLabel } from './format.js';
import { ruleChips } from './item-view.js';
import { CHARTER_QUERY, SAVE_CHARTER_MUTATION, TRY_CHARTER_QUERY } from './queries.js';
import { isAdmin } from './session.js';
import { MANAGED_RULE_IDS, initWatchedWords, resetWatchedWords, showWatchedWords } from './watched-words.js';

/** @type {Record<string, string>} */
const DECISION_LABELS = { approve: 'Publier', hold: 'Mettre en attente', hide: 'Masquer', reject: 'Rejeter' };
/** @type {Record<string, string>} */
const KIND_LABELS = { ...RULE_KIND_LABELS, allow: 'Termes autorisés' };
/** @type {Record<string, string>} */
const LEXICON_LABELS = { insultes: 'insultes', grossieretes: 'grossièretés', sexuel: 'propos sexuels', menaces: 'menaces', discriminations: 'discriminations' };

/**
 * An element of index.html by id: every id a module asks for is in the page, so never null.
 * @param {string} id
 */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * The charter as last loaded; the form is read against it when saving.
 * @type {import('./types.js').Charter | null}
 */
let charter = null;

export function initCharter() {
  $('try-form').addEventListener('submit', tryText);
  $('charter-form').addEventListener('submit', save);
  initWatchedWords({
    /**
     * @param {import('./types.js').CharterRuleInput[]} rules
     * @param {string | null} note
     */
    async save(rules, note) {
      const data = await graphql(SAVE_CHARTER_MUTATION, { rules, note });
      render(data.saveCharter);
      return data.saveCharter.version;
    },
  });
}

export async function showCharter() {
  try {
    const data = await graphql(CHARTER_QUERY);
    render(data.charter);
  } catch (error) {
    $('charter-version').textContent = /** @type {Error} */ (error).message;
  }
}

export function resetCharter() {
  charter = null;
  fill($('rule-list'));
  fill($('charter-history'));
  fill($('try-result'));
  /** @type {HTMLFormElement} */ ($('try-form')).reset();
  resetWatchedWords();
}

/** @param {import('./types.js').Charter} next */
function render(next) {
  charter = next;
  $('charter-version').textContent = `Version en vigueur : ${next.version} — ${next.rules.filter((r) => r.enabled).length} règles actives sur ${next.rules.length}.`;
  fill($('rule-list'), next.rules.map((rule, index) => ruleView(rule, index)));
  $('charter-save').hidden = !isAdmin();
  $('charter-error').textContent = '';
  showWatchedWords(next);
  fill(
    $('charter-history'),
    next.history.map((v) =>
      h('li', {}, h('strong', {}, `Version ${v.version}`), ` — ${formatDate(v.createdAt)}, par ${actorLabel(v.createdBy)}`, v.note ? h('span', { class: 'history-note' }, ` : « ${v.note} »`) : null),
    ),
  );
}

/**
 * « lexique insultes + 3 termes »: a words rule lists terms, names a built-in lexicon, or both.
 * @param {{ lexicon?: string, terms?: string[] }} params
 */
function termsSummary(params) {
  const parts = [params.lexicon ? `lexique ${LEXICON_LABELS[params.lexicon] ?? params.lexicon}` : null, params.terms?.length ? plural(params.terms.length, 'terme', 'termes') : null];
  return parts.filter(Boolean).join(' + ') || 'aucun';
}

/**
 * @param {import('./types.js').CharterRule} rule
 * @param {number} index
 */
function ruleView(rule, index) {
  const params = JSON.parse(rule.params);
  const facts = /** @type {[string, import('./dom.js').Child][]} */ ([
    ['Identifiant', h('code', {}, rule.id)],
    ['Type', KIND_LABELS[rule.kind] ?? rule.kind],
    rule.kind === 'words' || rule.kind === 'allow' ? ['Termes', termsSummary(params)] : null,
    ['Action', RULE_ACTION_LABELS[rule.action] ?? rule.action],
    ['Gravité', severityLabel(rule.severity)],
    ['État', rule.enabled ? 'Active' : 'Désactivée'],
  ].filter(Boolean));
  const pretty = JSON.stringify(params, null, 2);
  return h(
    'li',
    { class: rule.enabled ? 'rule' : 'rule rule-disabled' },
    h('h3', {}, rule.label),
    h('dl', { class: 'facts' }, facts.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value)))),
    isAdmin() ? adminControls(rule, index, pretty) : h('details', {}, h('summary', {}, 'Réglages'), h('pre', { class: 'json' }, pretty)),
  );
}

/**
 * @param {import('./types.js').CharterRule} rule
 * @param {number} index
 * @param {string} pretty its settings as indented JSON
 */
function adminControls(rule, index, pretty) {
  const enabledId = `rule-enabled-${index}`;
  const paramsId = `rule-params-${index}`;
  const enabled = h('div', { class: 'checkbox' }, h('input', { type: 'checkbox', id: enabledId, 'data-rule-enabled': index, checked: rule.enabled }), h('label', { for: enabledId }, 'Règle active'));
  // Its terms are edited in « Mots surveillés », which checks them and shows what they change.
  if (MANAGED_RULE_IDS.has(rule.id)) return [enabled, h('p', { class: 'hint' }, 'Ses termes se modifient dans « Mots surveillés », plus haut.')];
  return [
    enabled,
    h(
      'details',
      {},
      h('summary', {}, 'Modifier les réglages (JSON)'),
      h('div', { class: 'field' }, h('label', { for: paramsId }, `Réglages de « ${rule.label} »`), h('textarea', { id: paramsId, class: 'json', rows: '8', spellcheck: 'false', 'data-rule-params': index }, pretty)),
    ),
  ];
}

/**
 * The form's rules, or a French message naming the rule whose JSON is wrong.
 * @returns {import('./types.js').CharterRuleInput[]}
 */
function readRules() {
  return /** @type {import('./types.js').Charter} */ (charter).rules.map((rule, index) => {
    let params;
    try {
      params = JSON.parse(MANAGED_RULE_IDS.has(rule.id) ? rule.params : /** @type {HTMLTextAreaElement} */ (document.querySelector(`[data-rule-params="${index}"]`)).value);
    } catch {
      throw new Error(`Les réglages de la règle « ${rule.id} » ne sont pas du JSON valide.`);
    }
    if (typeof params !== 'object' || params === null || Array.isArray(params)) throw new Error(`Les réglages de la règle « ${rule.id} » doivent être un objet JSON.`);
    // The service needs the kind inside the settings; it is shown apart, so it may have been left out.
    return {
      id: rule.id,
      label: rule.label,
      severity: rule.severity,
      action: rule.action,
      enabled: /** @type {HTMLInputElement} */ (document.querySelector(`[data-rule-enabled="${index}"]`)).checked,
      params: JSON.stringify({ kind: rule.kind, ...params }),
    };
  });
}

/** @param {SubmitEvent} event */
async function save(event) {
  event.preventDefault();
  if (!isAdmin() || !charter) return;
  const error = $('charter-error');
  let rules;
  try {
    rules = readRules();
  } catch (problem) {
    error.textContent = /** @type {Error} */ (problem).message;
    return;
  }
  try {
    const data = await graphql(SAVE_CHARTER_MUTATION, { rules, note: /** @type {HTMLInputElement} */ ($('charter-note')).value.trim() || null });
    /** @type {HTMLInputElement} */ ($('charter-note')).value = '';
    render(data.saveCharter);
    announce(`Nouvelle version de la charte enregistrée : version ${data.saveCharter.version}.`);
  } catch (problem) {
    error.textContent = /** @type {Error} */ (problem).message;
  }
}

/** @param {SubmitEvent} event */
async function tryText(event) {
  event.preventDefault();
  const text = /** @type {HTMLTextAreaElement} */ ($('try-text')).value.trim();
  const result = $('try-result');
  if (!text) {
    fill(result, h('p', { class: 'form-error' }, 'Saisissez un texte à essayer.'));
    return $('try-text').focus();
  }
  /** @type {HTMLButtonElement} */ ($('try-run')).disabled = true;
  try {
    const { tryCharter: trial } = await graphql(TRY_CHARTER_QUERY, { text });
    fill(result, trialView(trial));
    announce(`Résultat de l’essai : ${DECISION_LABELS[trial.action] ?? trial.action}.`);
  } catch (error) {
    fill(result, h('p', { class: 'form-error' }, /** @type {Error} */ (error).message));
    announce(/** @type {Error} */ (error).message);
  } finally {
    /** @type {HTMLButtonElement} */ ($('try-run')).disabled = false;
  }
}

/**
 * What « Essayer la charte » answered (`TRY_CHARTER_QUERY`).
 * @param {{ action: string, ruleIds: string[], reasons: string[], requestCategory: string | null, negativeScore: number, personalData: string[] }} trial
 */
function trialView(trial) {
  /** @type {[string, import('./dom.js').Child][]} */
  const rows = [
    ['Décision', [h('strong', {}, DECISION_LABELS[trial.action] ?? trial.action), ' (', h('code', {}, trial.action), ')']],
    ['Règles', ruleChips(trial.ruleIds, 'Règles déclenchées') ?? 'Aucune'],
    ['Raisons', trial.reasons.length ? h('ul', {}, trial.reasons.map((reason) => h('li', {}, reason))) : 'Aucune'],
    ['Catégorie de demande', trial.requestCategory ? requestLabel(trial.requestCategory) : 'Aucune'],
    ['Ton négatif', formatPercent(trial.negativeScore)],
    ['Données personnelles', trial.personalData.length ? trial.personalData.map(personalDataLabel).join(', ') : 'Aucune'],
  ];
  return [h('h3', {}, 'Résultat'), h('dl', { class: `facts trial trial-${trial.action}` }, rows.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value))))];
}
