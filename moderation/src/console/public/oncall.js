// @ts-check
/**
 * The « Astreinte » view (#/astreinte): whether it is office hours now, who is on call this week
 * and the next four, the roster (oncall-roster.js), the office calendar (office-calendar.js) and
 * the public holidays of the year. Everyone reads it; only administrators change it.
 */
import { graphql } from './api.js';
import { latest } from './loader.js';
import { fill, h } from './dom.js';
import { parisFormat } from './format.js';
import { initCalendar, renderCalendar, resetCalendar } from './office-calendar.js';
import { initRoster, renderRoster, resetRoster } from './oncall-roster.js';
import { HOLIDAYS_QUERY, ONCALL_ROTATION_QUERY, oncallViewQuery } from './queries.js';
import { isAdmin } from './session.js';

const ROTATION_WEEKS = 5;

const dayFormat = parisFormat({ weekday: 'long', day: 'numeric', month: 'long' });
const holidayFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' });
/**
 * An element of index.html by id: every id a module asks for is in the page, so never null.
 * @param {string} id
 */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const loads = latest();
/**
 * The region whose holidays are listed: the saved one, or the one being chosen in the form.
 * @type {string | null}
 */
let holidayRegion = null;

export function initOncall() {
  initRoster({ onChange: refreshRotation });
  initCalendar({ onSaved: () => void refreshRotation(), onRegionChoice: (region) => showHolidays(region) });
  $('holidays-year').addEventListener('change', () => void showHolidays(holidayRegion));
}

export async function showOncall() {
  const isLatest = loads();
  $('oncall-error').textContent = '';
  try {
    const data = await graphql(oncallViewQuery(isAdmin()), { weeks: ROTATION_WEEKS });
    if (!isLatest()) return;
    renderStatus(data.officeStatus);
    renderRotation(data.oncallRotation);
    renderRoster(data.oncallRoster);
    renderCalendar(data.officeCalendar, data.officeStatus.today);
    fillHolidayYears(Number(data.officeStatus.today.slice(0, 4)));
    await showHolidays(data.officeCalendar.region);
  } catch (error) {
    if (isLatest()) $('oncall-error').textContent = /** @type {Error} */ (error).message;
  }
}

export function resetOncall() {
  loads.cancel();
  holidayRegion = null;
  $('office-status').textContent = '';
  fill($('rotation-rows'));
  fill($('holidays-list'));
  resetRoster();
  resetCalendar();
}

/** After a change of roster or calendar: the status line and the weeks to come. */
async function refreshRotation() {
  try {
    const data = await graphql(ONCALL_ROTATION_QUERY, { weeks: ROTATION_WEEKS });
    renderStatus(data.officeStatus);
    renderRotation(data.oncallRotation);
  } catch (error) {
    $('oncall-error').textContent = /** @type {Error} */ (error).message;
  }
}

/** @param {{ open: boolean, summary: string }} status `officeStatus` */
function renderStatus(status) {
  const line = $('office-status');
  line.textContent = status.summary;
  line.className = status.open ? 'office-status office-open' : 'office-status office-closed';
}

/** @param {{ id: string, name: string } | null} member */
const person = (member) => (member ? member.name : h('span', { class: 'account-warning' }, 'Personne (aucun membre actif)'));

/**
 * `oncallRotation`: who is on call each week (null when no member is active at a level).
 * @param {{ weekStart: string, weekEnd: string, level1: { id: string, name: string } | null, level2: { id: string, name: string } | null }[]} weeks
 */
function renderRotation(weeks) {
  fill(
    $('rotation-rows'),
    weeks.map((week, index) =>
      h(
        'tr',
        { class: index === 0 ? 'current-week' : null },
        h('th', { scope: 'row' }, index === 0 ? h('strong', {}, 'Cette semaine') : null, index === 0 ? h('br') : null, `du ${dayFormat.format(new Date(week.weekStart))} au ${dayFormat.format(new Date(week.weekEnd))}`),
        h('td', {}, person(week.level1)),
        h('td', {}, person(week.level2)),
      ),
    ),
  );
}

/**
 * The years around the service's current year; a year already chosen stays chosen.
 * @param {number} year
 */
function fillHolidayYears(year) {
  const select = /** @type {HTMLSelectElement} */ ($('holidays-year'));
  const chosen = Number(select.value) || year;
  fill(select, [year - 1, year, year + 1, year + 2].map((y) => h('option', { value: y, selected: y === chosen }, String(y))));
}

/** @param {string | null} region */
async function showHolidays(region) {
  holidayRegion = region;
  const year = Number(/** @type {HTMLSelectElement} */ ($('holidays-year')).value);
  try {
    const { holidays } = await graphql(HOLIDAYS_QUERY, { year, region });
    fill(
      $('holidays-list'),
      holidays.map((/** @type {{ date: string, name: string }} */ holiday) => h('li', {}, h('time', { datetime: holiday.date }, holidayFormat.format(new Date(`${holiday.date}T12:00:00Z`))), ` — ${holiday.name}`)),
    );
  } catch (error) {
    fill($('holidays-list'), h('li', { class: 'form-error' }, /** @type {Error} */ (error).message));
  }
}
