// @ts-check
/**
 * « Réglages de l'escalade » in the Crises view: what makes an item page the on-call people.
 * Everyone reads them; administrators change them (the server checks the role and the values).
 */
import { announce } from './announcer.js';
import { graphql } from './api.js';
import { fill, h } from './dom.js';
import { ESCALATION_SETTINGS_QUERY, SAVE_ESCALATION_SETTINGS_MUTATION } from './queries.js';
import { isAdmin } from './session.js';

/**
 * `ESCALATION_FIELDS`, as read and as saved.
 * @typedef {object} EscalationSettings
 * @property {number} negativeThreshold
 * @property {string[]} seriousRuleIds
 * @property {string[]} emergencyWords
 * @property {string[]} watchedAccounts
 * @property {number} spikeCount
 * @property {number} spikeWindowMinutes
 * @property {number} spikeNegativeScore
 * @property {number} ackMinutes
 * @property {number} maxAgeMinutes
 */

/** @type {[keyof EscalationSettings, string, string][]} name, label, step */
const NUMBERS = [
  ['negativeThreshold', 'Ton négatif à partir duquel un message seul appelle l’astreinte (0 à 1)', '0.05'],
  ['spikeCount', 'Afflux : nombre de messages négatifs…', '1'],
  ['spikeWindowMinutes', '… en combien de minutes, sur une même Page, résidence ou chantier', '1'],
  ['spikeNegativeScore', 'Ton négatif à partir duquel un message compte dans un afflux (0 à 1)', '0.05'],
  ['ackMinutes', 'Minutes laissées au niveau 1 avant d’appeler le niveau 2', '1'],
  ['maxAgeMinutes', 'Un message lu plus tard que ce délai (arriéré) est signalé sans appeler (minutes)', '1'],
];
/** @type {[keyof EscalationSettings, string][]} name, label */
const LISTS = [
  ['emergencyWords', 'Mots d’urgence (un par ligne)'],
  ['watchedAccounts', 'Comptes surveillés : presse, élus (un nom ou @compte par ligne)'],
  ['seriousRuleIds', 'Règles de la charte qui rendent un message grave (identifiants, un par ligne)'],
];

/**
 * An element of index.html by id: every id a module asks for is in the page, so never null.
 * @param {string} id
 */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

export async function showEscalationSettings() {
  /** @type {{ escalationSettings: EscalationSettings }} */
  const { escalationSettings: settings } = await graphql(ESCALATION_SETTINGS_QUERY);
  const admin = isAdmin();
  fill(
    $('escalation-settings'),
    h(
      'form',
      { id: 'escalation-form', novalidate: true },
      h('p', { class: 'form-error', id: 'escalation-error', role: 'alert' }),
      NUMBERS.map(([name, label, step]) =>
        h('div', { class: 'field' }, h('label', { for: `esc-${name}` }, label), h('input', { id: `esc-${name}`, name, type: 'number', step, min: '0', value: String(settings[name]), readonly: !admin })),
      ),
      LISTS.map(([name, label]) =>
        h('div', { class: 'field' }, h('label', { for: `esc-${name}` }, label), h('textarea', { id: `esc-${name}`, name, rows: name === 'emergencyWords' ? '8' : '3', readonly: !admin }, /** @type {string[]} */ (settings[name]).join('\n'))),
      ),
      admin ? h('button', { type: 'submit', class: 'button button-primary' }, 'Enregistrer les réglages') : h('p', { class: 'hint' }, 'Seul un administrateur peut modifier ces réglages.'),
    ),
  );
  if (admin) $('escalation-form').addEventListener('submit', save);
}

/** @param {SubmitEvent} event */
async function save(event) {
  event.preventDefault();
  const form = /** @type {HTMLFormElement & { elements: Record<keyof EscalationSettings, HTMLInputElement | HTMLTextAreaElement> }} */ (event.target);
  /** @type {Record<string, unknown>} */
  const input = {};
  for (const [name] of NUMBERS) input[name] = Number(form.elements[name].value);
  for (const [name] of LISTS) input[name] = form.elements[name].value.split('\n').map((line) => line.trim()).filter(Boolean);
  try {
    await graphql(SAVE_ESCALATION_SETTINGS_MUTATION, { input });
    $('escalation-error').textContent = '';
    announce('Réglages de l’escalade enregistrés');
  } catch (error) {
    $('escalation-error').textContent = /** @type {Error} */ (error).message;
  }
}
