// @ts-check
/**
 * The on-call roster in the « Astreinte » view: people of level 1 and level 2 in rotation
 * order; administrators add, edit, remove and move them up or down (the next weeks' turns
 * follow at once).
 */
import { announce } from './announcer.js';
import { graphql } from './api.js';
import { confirmAction } from './dialog.js';
import { fill, h } from './dom.js';
import { ADD_ONCALL_MEMBER_MUTATION, REMOVE_ONCALL_MEMBER_MUTATION, UPDATE_ONCALL_MEMBER_MUTATION, oncallRosterQuery, reorderOncallMembersMutation } from './queries.js';
import { isAdmin } from './session.js';

/** @type {Record<number, string>} */
const LEVEL_TITLES = { 1: 'Niveau 1 — appelé en premier', 2: 'Niveau 2 — appelé si le niveau 1 ne répond pas' };
/**
 * An element of index.html by id: every id a module asks for is in the page, so never null.
 * @param {string} id
 */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** @type {import('./types.js').OnCallMember[]} */
let members = [];
/**
 * The member being edited, or null when the form adds someone.
 * @type {import('./types.js').OnCallMember | null}
 */
let editing = null;
/** @type {() => void} */
let notifyChange = () => {};

/** @param {{ onChange: () => void }} options `onChange()` after every change of the roster */
export function initRoster({ onChange }) {
  notifyChange = onChange;
  $('member-form').addEventListener('submit', submitMember);
  $('member-cancel').addEventListener('click', () => {
    const back = editing?.id;
    resetForm();
    if (back) /** @type {HTMLElement | null} */ (document.querySelector(`[data-edit="${back}"]`))?.focus();
  });
  $('roster-levels').addEventListener('click', /** @type {(event: MouseEvent) => void} */ (onRosterClick));
}

/** @param {import('./types.js').OnCallMember[]} list */
export function renderRoster(list) {
  members = list;
  $('member-form').hidden = !isAdmin();
  fill(
    $('roster-levels'),
    [1, 2].map((level) => {
      const ofLevel = members.filter((m) => m.level === level);
      return h(
        'section',
        { class: 'roster-level', 'aria-labelledby': `roster-level-${level}` },
        h('h3', { id: `roster-level-${level}` }, LEVEL_TITLES[level]),
        ofLevel.length
          ? h('ol', { class: 'roster-list' }, ofLevel.map((m, index) => memberView(m, index, ofLevel.length)))
          : h('p', { class: 'hint' }, 'Personne à ce niveau pour le moment.'),
      );
    }),
  );
}

export function resetRoster() {
  members = [];
  fill($('roster-levels'));
  resetForm();
}

/**
 * @param {import('./types.js').OnCallMember} member
 * @param {number} index its place in its level
 * @param {number} count how many people its level has
 */
function memberView(member, index, count) {
  /** @type {[string, string | null][]} */
  const facts = [
    ['E-mail', member.email],
    ['Webhook', member.webhookUrl ?? member.webhookHost ?? 'Aucun'],
    ['Tour d’astreinte', member.active ? 'Participe' : 'En pause (ne prend pas de tour)'],
  ];
  return h(
    'li',
    { class: member.active ? 'roster-member' : 'roster-member roster-inactive', 'data-member': member.id },
    h('p', { class: 'roster-name' }, h('strong', {}, member.name)),
    h('dl', { class: 'facts' }, facts.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value)))),
    isAdmin()
      ? h(
          'div',
          { class: 'button-row', role: 'group', 'aria-label': `Actions pour ${member.name}` },
          h('button', { type: 'button', class: 'button button-quiet', 'data-move': 'up', 'data-id': member.id, disabled: index === 0, 'aria-label': `Monter ${member.name} dans l’ordre` }, 'Monter'),
          h('button', { type: 'button', class: 'button button-quiet', 'data-move': 'down', 'data-id': member.id, disabled: index === count - 1, 'aria-label': `Descendre ${member.name} dans l’ordre` }, 'Descendre'),
          h('button', { type: 'button', class: 'button', 'data-edit': member.id, 'aria-label': `Modifier ${member.name}` }, 'Modifier'),
          h('button', { type: 'button', class: 'button button-danger', 'data-remove': member.id, 'aria-label': `Retirer ${member.name} de l’astreinte` }, 'Retirer'),
        )
      : null,
  );
}

/** @param {MouseEvent & { target: Element }} event */
function onRosterClick(event) {
  const button = event.target.closest('button');
  if (!button || button.disabled) return;
  if (button.dataset.move) void move(/** @type {string} */ (button.dataset.id), button.dataset.move);
  else if (button.dataset.edit) startEdit(button.dataset.edit);
  else if (button.dataset.remove) void remove(button.dataset.remove);
}

/**
 * @param {string} id
 * @param {string} direction up or down
 */
async function move(id, direction) {
  const member = /** @type {import('./types.js').OnCallMember} */ (members.find((m) => m.id === id));
  const ids = members.filter((m) => m.level === member.level).map((m) => m.id);
  const from = ids.indexOf(id);
  const to = direction === 'up' ? from - 1 : from + 1;
  [ids[from], ids[to]] = [/** @type {string} */ (ids[to]), /** @type {string} */ (ids[from])];
  try {
    const { reorderOncallMembers: level } = await graphql(reorderOncallMembersMutation(isAdmin()), { level: member.level, ids });
    renderRoster([...members.filter((m) => m.level !== member.level), ...level].sort((a, b) => a.level - b.level || a.rotationOrder - b.rotationOrder));
    announce(`${member.name} passe en position ${to + 1} du niveau ${member.level}.`);
    // Focus stays on the person moved; at the top or bottom, on the button still usable.
    const same = /** @type {HTMLButtonElement | null} */ (document.querySelector(`[data-move="${direction}"][data-id="${id}"]`));
    (same && !same.disabled ? same : /** @type {HTMLButtonElement | null} */ (document.querySelector(`[data-move="${direction === 'up' ? 'down' : 'up'}"][data-id="${id}"]`)))?.focus();
    notifyChange();
  } catch (error) {
    $('member-error').textContent = /** @type {Error} */ (error).message;
  }
}

/** @param {string} id */
function startEdit(id) {
  editing = /** @type {import('./types.js').OnCallMember} */ (members.find((m) => m.id === id));
  $('member-form-title').textContent = `Modifier ${editing.name}`;
  /** @type {HTMLSelectElement} */ ($('member-level')).value = String(editing.level);
  /** @type {HTMLInputElement} */ ($('member-name')).value = editing.name;
  /** @type {HTMLInputElement} */ ($('member-email')).value = editing.email;
  /** @type {HTMLInputElement} */ ($('member-webhook')).value = editing.webhookUrl ?? '';
  /** @type {HTMLInputElement} */ ($('member-active')).checked = editing.active;
  $('member-submit').textContent = 'Enregistrer les modifications';
  $('member-cancel').hidden = false;
  $('member-error').textContent = '';
  $('member-name').focus();
}

function resetForm() {
  editing = null;
  /** @type {HTMLFormElement} */ ($('member-form')).reset();
  /** @type {HTMLInputElement} */ ($('member-active')).checked = true;
  $('member-form-title').textContent = 'Ajouter une personne';
  $('member-submit').textContent = 'Ajouter à l’astreinte';
  $('member-cancel').hidden = true;
  $('member-error').textContent = '';
}

/** @param {SubmitEvent} event */
async function submitMember(event) {
  event.preventDefault();
  if (!isAdmin()) return;
  const input = {
    level: Number(/** @type {HTMLSelectElement} */ ($('member-level')).value),
    name: /** @type {HTMLInputElement} */ ($('member-name')).value.trim(),
    email: /** @type {HTMLInputElement} */ ($('member-email')).value.trim(),
    webhookUrl: /** @type {HTMLInputElement} */ ($('member-webhook')).value.trim(),
    active: /** @type {HTMLInputElement} */ ($('member-active')).checked,
  };
  if (!input.name) return fieldError('member-name', 'Le nom est obligatoire.');
  if (!input.email) return fieldError('member-email', 'L’adresse e-mail est obligatoire.');
  /** @type {HTMLButtonElement} */ ($('member-submit')).disabled = true;
  try {
    const wasEditing = editing;
    if (wasEditing) {
      await graphql(UPDATE_ONCALL_MEMBER_MUTATION, { id: wasEditing.id, input });
    } else {
      await graphql(ADD_ONCALL_MEMBER_MUTATION, { input: { ...input, webhookUrl: input.webhookUrl || null } });
    }
    await reload();
    resetForm();
    announce(wasEditing ? `${input.name} : modifications enregistrées.` : `${input.name} ajouté à l’astreinte, niveau ${input.level}.`);
    if (wasEditing) /** @type {HTMLElement | null} */ (document.querySelector(`[data-edit="${wasEditing.id}"]`))?.focus();
    else $('member-name').focus();
    notifyChange();
  } catch (error) {
    $('member-error').textContent = /** @type {Error} */ (error).message;
  } finally {
    /** @type {HTMLButtonElement} */ ($('member-submit')).disabled = false;
  }
}

/**
 * @param {string} id
 * @param {string} message
 */
function fieldError(id, message) {
  $('member-error').textContent = message;
  $(id).focus();
}

/** @param {string} id */
async function remove(id) {
  const member = /** @type {import('./types.js').OnCallMember} */ (members.find((m) => m.id === id));
  const confirmed = await confirmAction({
    title: 'Retirer de l’astreinte',
    message: `Retirer ${member.name} de l’astreinte de niveau ${member.level} ? Les tours des semaines à venir seront recalculés.`,
    confirmLabel: 'Retirer',
  });
  if (!confirmed) return;
  try {
    await graphql(REMOVE_ONCALL_MEMBER_MUTATION, { id });
    if (editing?.id === id) resetForm();
    await reload();
    announce(`${member.name} a été retiré de l’astreinte.`);
    $('roster-title').focus();
    notifyChange();
  } catch (error) {
    $('member-error').textContent = /** @type {Error} */ (error).message;
  }
}

async function reload() {
  const { oncallRoster } = await graphql(oncallRosterQuery(isAdmin()));
  renderRoster(oncallRoster);
}
