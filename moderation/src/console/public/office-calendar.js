/**
 * The office calendar in the « Astreinte » view: opening ranges per weekday (several per day
 * for a lunch break), the region whose holidays apply, exceptional closures. Administrators edit
 * a draft and save it as a whole; the service validates it and answers in French.
 */
import { announce } from './announcer.js';
import { graphql } from './api.js';
import { fill, h } from './dom.js';
import { actorLabel, formatDate } from './format.js';
import { SAVE_OFFICE_CALENDAR_MUTATION } from './queries.js';
import { isAdmin } from './session.js';

const DAYS = [
  ['monday', 'Lundi'],
  ['tuesday', 'Mardi'],
  ['wednesday', 'Mercredi'],
  ['thursday', 'Jeudi'],
  ['friday', 'Vendredi'],
  ['saturday', 'Samedi'],
  ['sunday', 'Dimanche'],
];
const NATIONAL = 'France métropolitaine (jours fériés nationaux)';
const dayFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

const $ = (id) => document.getElementById(id);
let saved = null;
let draft = null;
/** Today in Paris on the service's clock (officeStatus.today), not the browser's. */
let today = null;
let hooks = { onSaved() {}, onRegionChoice() {} };

export function initCalendar(callbacks) {
  hooks = callbacks;
  const view = $('calendar-view');
  view.addEventListener('input', onInput);
  view.addEventListener('change', onInput);
  view.addEventListener('click', onClick);
  view.addEventListener('submit', save);
}

/** `serviceToday`: the day a new closure starts on, YYYY-MM-DD. */
export function renderCalendar(calendar, serviceToday) {
  saved = calendar;
  today = serviceToday;
  draft = {
    hours: Object.fromEntries(DAYS.map(([day]) => [day, calendar.hours[day].map((r) => ({ ...r }))])),
    region: calendar.region ?? '',
    closures: calendar.closures.map((c) => ({ ...c })),
  };
  draw();
}

export function resetCalendar() {
  saved = null;
  draft = null;
  fill($('calendar-view'));
}

function draw() {
  fill($('calendar-view'), isAdmin() ? editor() : summary());
}

const rangesText = (ranges) => (ranges.length ? ranges.map((r) => `${r.start} – ${r.end}`).join(', ') : 'Fermé');
const dayText = (date) => dayFormat.format(new Date(`${date}T12:00:00Z`));
const closureText = (c) => (c.from === c.to ? `le ${dayText(c.from)}` : `du ${dayText(c.from)} au ${dayText(c.to)}`);

function lastChange() {
  return h('p', { class: 'hint' }, saved.updatedAt ? `Dernière modification : ${formatDate(saved.updatedAt)}, par ${actorLabel(saved.updatedBy)}.` : 'Calendrier par défaut : du lundi au vendredi, de 9 h à 18 h.');
}

/** What the other roles see: the calendar in words. */
function summary() {
  return [
    h('dl', { class: 'facts' }, DAYS.map(([day, label]) => h('div', {}, h('dt', {}, label), h('dd', {}, rangesText(saved.hours[day]))))),
    h('p', {}, h('strong', {}, 'Jours fériés appliqués : '), saved.regionLabel),
    h('h3', {}, 'Fermetures exceptionnelles'),
    saved.closures.length ? h('ul', { class: 'plain-list' }, saved.closures.map((c) => h('li', {}, `${closureText(c)} — ${c.label}`))) : h('p', { class: 'hint' }, 'Aucune fermeture prévue.'),
    lastChange(),
  ];
}

function timeField(id, label, value, data) {
  return h(
    'div',
    { class: 'field field-time' },
    h('label', { for: id }, label),
    h('input', { id, type: 'text', inputmode: 'numeric', autocomplete: 'off', maxlength: '5', size: '5', value, 'aria-describedby': 'time-format-hint', ...data }),
  );
}

function dayEditor([day, label]) {
  const ranges = draft.hours[day];
  const lower = label.toLowerCase();
  return h(
    'fieldset',
    { class: 'day-hours' },
    h('legend', {}, label),
    ranges.length
      ? h(
          'ul',
          { class: 'range-list' },
          ranges.map((range, index) =>
            h(
              'li',
              { class: 'range-row' },
              timeField(`hours-${day}-${index}-start`, `Ouverture (plage ${index + 1})`, range.start, { 'data-day': day, 'data-index': index, 'data-field': 'start' }),
              timeField(`hours-${day}-${index}-end`, `Fermeture (plage ${index + 1})`, range.end, { 'data-day': day, 'data-index': index, 'data-field': 'end' }),
              h('button', { type: 'button', class: 'button button-quiet', 'data-remove-range': day, 'data-index': index, 'aria-label': `Retirer la plage ${index + 1} du ${lower}` }, 'Retirer'),
            ),
          ),
        )
      : h('p', { class: 'hint' }, 'Fermé ce jour-là.'),
    h('button', { type: 'button', class: 'button button-quiet', 'data-add-range': day }, `Ajouter une plage le ${lower}`),
  );
}

function closureEditor(closure, index) {
  const n = index + 1;
  return h(
    'li',
    { class: 'closure-row' },
    h('div', { class: 'field' }, h('label', { for: `closure-${index}-from` }, `Premier jour (fermeture ${n})`), h('input', { id: `closure-${index}-from`, type: 'date', value: closure.from, 'data-closure': index, 'data-field': 'from' })),
    h('div', { class: 'field' }, h('label', { for: `closure-${index}-to` }, `Dernier jour (fermeture ${n})`), h('input', { id: `closure-${index}-to`, type: 'date', value: closure.to, 'data-closure': index, 'data-field': 'to' })),
    h(
      'div',
      { class: 'field field-grow' },
      h('label', { for: `closure-${index}-label` }, `Motif (fermeture ${n})`),
      h('input', { id: `closure-${index}-label`, type: 'text', maxlength: '120', value: closure.label, autocomplete: 'off', 'data-closure': index, 'data-field': 'label' }),
    ),
    h('button', { type: 'button', class: 'button button-quiet', 'data-remove-closure': index, 'aria-label': `Retirer la fermeture ${n}` }, 'Retirer'),
  );
}

/** The administrators' form. */
function editor() {
  const regions = [{ code: '', label: NATIONAL }, ...saved.regions];
  return h(
    'form',
    { id: 'calendar-form', novalidate: true },
    h('p', { class: 'hint', id: 'time-format-hint' }, 'Heures au format HH:MM (par exemple 09:00), heure de Paris ; 24:00 pour minuit. Un jour sans plage est fermé.'),
    h('div', { class: 'week-hours' }, DAYS.map(dayEditor)),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'calendar-region' }, 'Jours fériés appliqués'),
      h('select', { id: 'calendar-region', 'data-region': true }, regions.map((r) => h('option', { value: r.code, selected: r.code === draft.region }, r.label))),
    ),
    h(
      'fieldset',
      { class: 'closures' },
      h('legend', {}, 'Fermetures exceptionnelles'),
      draft.closures.length ? h('ul', { class: 'closure-list' }, draft.closures.map(closureEditor)) : h('p', { class: 'hint' }, 'Aucune fermeture prévue.'),
      h('button', { type: 'button', class: 'button button-quiet', id: 'closure-add', 'data-add-closure': true }, 'Ajouter une fermeture'),
    ),
    h('p', { class: 'form-error', id: 'calendar-error', role: 'alert' }),
    h('div', { class: 'button-row' }, h('button', { type: 'submit', class: 'button button-primary', id: 'calendar-save' }, 'Enregistrer le calendrier')),
    lastChange(),
  );
}

function onInput(event) {
  const input = event.target;
  if (!draft || !(input instanceof HTMLInputElement || input instanceof HTMLSelectElement)) return;
  if (input.dataset.day) draft.hours[input.dataset.day][Number(input.dataset.index)][input.dataset.field] = input.value.trim();
  else if (input.dataset.closure) draft.closures[Number(input.dataset.closure)][input.dataset.field] = input.value;
  else if (input.dataset.region !== undefined && event.type === 'change') {
    draft.region = input.value;
    hooks.onRegionChoice(input.value || null);
  }
}

function onClick(event) {
  const button = event.target.closest('button[type="button"]');
  if (!button || !draft) return;
  const { addRange, removeRange, addClosure, removeClosure } = button.dataset;
  if (addRange) {
    const ranges = draft.hours[addRange];
    ranges.push(ranges.length ? { start: '', end: '' } : { start: '09:00', end: '18:00' });
    draw();
    $(`hours-${addRange}-${ranges.length - 1}-start`).focus();
  } else if (removeRange) {
    draft.hours[removeRange].splice(Number(button.dataset.index), 1);
    draw();
    document.querySelector(`[data-add-range="${removeRange}"]`).focus();
    announce('Plage retirée (pas encore enregistré).');
  } else if (addClosure !== undefined) {
    draft.closures.push({ from: today ?? '', to: today ?? '', label: '' });
    draw();
    $(`closure-${draft.closures.length - 1}-from`).focus();
  } else if (removeClosure !== undefined) {
    draft.closures.splice(Number(removeClosure), 1);
    draw();
    $('closure-add').focus();
    announce('Fermeture retirée (pas encore enregistré).');
  }
}

async function save(event) {
  event.preventDefault();
  if (!isAdmin() || !draft) return;
  $('calendar-save').disabled = true;
  try {
    const input = { hours: draft.hours, region: draft.region || null, closures: draft.closures };
    const { saveOfficeCalendar } = await graphql(SAVE_OFFICE_CALENDAR_MUTATION, { input });
    renderCalendar(saveOfficeCalendar);
    $('calendar-save').focus();
    announce('Calendrier des heures de bureau enregistré.');
    hooks.onSaved();
  } catch (error) {
    $('calendar-error').textContent = error.message;
    $('calendar-save').disabled = false;
  }
}
