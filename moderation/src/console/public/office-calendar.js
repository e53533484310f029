// @ts-check
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

/**
 * `officeCalendar` (`CALENDAR_FIELDS`): opening ranges per weekday (HH:MM, Paris time).
 * @typedef {{ start: string, end: string }} TimeRange
 * @typedef {{ from: string, to: string, label: string }} Closure
 * @typedef {object} OfficeCalendar
 * @property {Record<string, TimeRange[]>} hours by weekday, monday … sunday
 * @property {string | null} region
 * @property {string} regionLabel
 * @property {Closure[]} closures
 * @property {string | null} updatedAt
 * @property {string | null} updatedBy
 * @property {{ code: string, label: string }[]} regions
 */
/**
 * What the administrator is editing, saved as a whole (`OfficeCalendarInput`, `region` '' for national holidays).
 * @typedef {{ hours: Record<string, TimeRange[]>, region: string, closures: Closure[] }} Draft
 */

/** @type {[string, string][]} weekday, its French name */
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

/**
 * An element of index.html by id: every id a module asks for is in the page, so never null.
 * @param {string} id
 */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** @type {OfficeCalendar | null} */
let saved = null;
/** @type {Draft | null} */
let draft = null;
/**
 * Today in Paris on the service's clock (officeStatus.today), not the browser's.
 * @type {string | null}
 */
let today = null;
/** @type {CalendarHooks} */
let hooks = { onSaved() {}, onRegionChoice() {} };

/**
 * `onSaved()` after the calendar was saved; `onRegionChoice(region)` when another region is chosen (null: national holidays).
 * @typedef {{ onSaved: () => void, onRegionChoice: (region: string | null) => unknown }} CalendarHooks
 */

/** @param {CalendarHooks} callbacks */
export function initCalendar(callbacks) {
  hooks = callbacks;
  const view = $('calendar-view');
  view.addEventListener('input', onInput);
  view.addEventListener('change', onInput);
  view.addEventListener('click', /** @type {(event: MouseEvent) => void} */ (onClick));
  view.addEventListener('submit', save);
}

/**
 * `serviceToday`: the day a new closure starts on, YYYY-MM-DD.
 * @param {OfficeCalendar} calendar
 * @param {string | null} serviceToday
 */
export function renderCalendar(calendar, serviceToday) {
  saved = calendar;
  today = serviceToday;
  draft = {
    hours: Object.fromEntries(DAYS.map(([day]) => [day, /** @type {TimeRange[]} */ (calendar.hours[day]).map((r) => ({ ...r }))])),
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

/** @param {TimeRange[]} ranges */
const rangesText = (ranges) => (ranges.length ? ranges.map((r) => `${r.start} – ${r.end}`).join(', ') : 'Fermé');
/** @param {string} date YYYY-MM-DD */
const dayText = (date) => dayFormat.format(new Date(`${date}T12:00:00Z`));
/** @param {Closure} c */
const closureText = (c) => (c.from === c.to ? `le ${dayText(c.from)}` : `du ${dayText(c.from)} au ${dayText(c.to)}`);

function lastChange() {
  return h('p', { class: 'hint' }, /** @type {OfficeCalendar} */ (saved).updatedAt ? `Dernière modification : ${formatDate(/** @type {OfficeCalendar} */ (saved).updatedAt)}, par ${actorLabel(/** @type {string} */ (/** @type {OfficeCalendar} */ (saved).updatedBy))}.` : 'Calendrier par défaut : du lundi au vendredi, de 9 h à 18 h.');
}

/** What the other roles see: the calendar in words. */
function summary() {
  return [
    h('dl', { class: 'facts' }, DAYS.map(([day, label]) => h('div', {}, h('dt', {}, label), h('dd', {}, rangesText(/** @type {TimeRange[]} */ (/** @type {OfficeCalendar} */ (saved).hours[day])))))),
    h('p', {}, h('strong', {}, 'Jours fériés appliqués : '), /** @type {OfficeCalendar} */ (saved).regionLabel),
    h('h3', {}, 'Fermetures exceptionnelles'),
    /** @type {OfficeCalendar} */ (saved).closures.length ? h('ul', { class: 'plain-list' }, /** @type {OfficeCalendar} */ (saved).closures.map((c) => h('li', {}, `${closureText(c)} — ${c.label}`))) : h('p', { class: 'hint' }, 'Aucune fermeture prévue.'),
    lastChange(),
  ];
}

/**
 * @param {string} id
 * @param {string} label
 * @param {string} value
 * @param {Record<string, unknown>} data its data- attributes
 */
function timeField(id, label, value, data) {
  return h(
    'div',
    { class: 'field field-time' },
    h('label', { for: id }, label),
    h('input', { id, type: 'text', inputmode: 'numeric', autocomplete: 'off', maxlength: '5', size: '5', value, 'aria-describedby': 'time-format-hint', ...data }),
  );
}

/** @param {[string, string]} day the weekday and its French name */
function dayEditor([day, label]) {
  const ranges = /** @type {TimeRange[]} */ (/** @type {Draft} */ (draft).hours[day]);
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

/**
 * @param {Closure} closure
 * @param {number} index
 */
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
  const regions = [{ code: '', label: NATIONAL }, .../** @type {OfficeCalendar} */ (saved).regions];
  return h(
    'form',
    { id: 'calendar-form', novalidate: true },
    h('p', { class: 'hint', id: 'time-format-hint' }, 'Heures au format HH:MM (par exemple 09:00), heure de Paris ; 24:00 pour minuit. Un jour sans plage est fermé.'),
    h('div', { class: 'week-hours' }, DAYS.map(dayEditor)),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'calendar-region' }, 'Jours fériés appliqués'),
      h('select', { id: 'calendar-region', 'data-region': true }, regions.map((r) => h('option', { value: r.code, selected: r.code === /** @type {Draft} */ (draft).region }, r.label))),
    ),
    h(
      'fieldset',
      { class: 'closures' },
      h('legend', {}, 'Fermetures exceptionnelles'),
      /** @type {Draft} */ (draft).closures.length ? h('ul', { class: 'closure-list' }, /** @type {Draft} */ (draft).closures.map(closureEditor)) : h('p', { class: 'hint' }, 'Aucune fermeture prévue.'),
      h('button', { type: 'button', class: 'button button-quiet', id: 'closure-add', 'data-add-closure': true }, 'Ajouter une fermeture'),
    ),
    h('p', { class: 'form-error', id: 'calendar-error', role: 'alert' }),
    h('div', { class: 'button-row' }, h('button', { type: 'submit', class: 'button button-primary', id: 'calendar-save' }, 'Enregistrer le calendrier')),
    lastChange(),
  );
}

/** @param {Event} event */
function onInput(event) {
  const input = event.target;
  if (!draft || !(input instanceof HTMLInputElement || input instanceof HTMLSelectElement)) return;
  if (input.dataset.day) /** @type {Record<string, string>} */ (/** @type {TimeRange[]} */ (draft.hours[input.dataset.day])[Number(input.dataset.index)])[/** @type {string} */ (input.dataset.field)] = input.value.trim();
  else if (input.dataset.closure) /** @type {Record<string, string>} */ (draft.closures[Number(input.dataset.closure)])[/** @type {string} */ (input.dataset.field)] = input.value;
  else if (input.dataset.region !== undefined && event.type === 'change') {
    draft.region = input.value;
    hooks.onRegionChoice(input.value || null);
  }
}

/** @param {MouseEvent & { target: Element }} event */
function onClick(event) {
  const button = /** @type {HTMLButtonElement | null} */ (event.target.closest('button[type="button"]'));
  if (!button || !draft) return;
  const { addRange, removeRange, addClosure, removeClosure } = button.dataset;
  if (addRange) {
    const ranges = /** @type {TimeRange[]} */ (draft.hours[addRange]);
    ranges.push(ranges.length ? { start: '', end: '' } : { start: '09:00', end: '18:00' });
    draw();
    $(`hours-${addRange}-${ranges.length - 1}-start`).focus();
  } else if (removeRange) {
    /** @type {TimeRange[]} */ (draft.hours[removeRange]).splice(Number(button.dataset.index), 1);
    draw();
    /** @type {HTMLElement} */ (document.querySelector(`[data-add-range="${removeRange}"]`)).focus();
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

/** @param {SubmitEvent} event */
async function save(event) {
  event.preventDefault();
  if (!isAdmin() || !draft) return;
  /** @type {HTMLButtonElement} */ ($('calendar-save')).disabled = true;
  try {
    const input = { hours: draft.hours, region: draft.region || null, closures: draft.closures };
    const { saveOfficeCalendar } = await graphql(SAVE_OFFICE_CALENDAR_MUTATION, { input });
    // The service's today is kept: without it, a closure added after saving started on no day.
    renderCalendar(saveOfficeCalendar, today);
    $('calendar-save').focus();
    announce('Calendrier des heures de bureau enregistré.');
    hooks.onSaved();
  } catch (error) {
    $('calendar-error').textContent = /** @type {Error} */ (error).message;
    /** @type {HTMLButtonElement} */ ($('calendar-save')).disabled = false;
  }
}
