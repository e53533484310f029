// @ts-check
/**
 * The dashboard, made to be looked at rather than read: for a period of 7, 30 or 90 days, items
 * per day stacked by source and by state, the time to a first decision and to a first reply as
 * big figures, the share taken down per charter rule, the busiest Pages and worksites; then the
 * queue's totals. Charts are plain elements (no canvas, no inline style attribute: widths and
 * heights are set through the CSSOM, which the CSP allows). Every bar has its number written
 * next to it, and every chart has a text equivalent: a list with the numbers, or a summary for
 * screen readers and a table under « Voir les données ».
 */
import { announce } from './announcer.js';
import { graphql } from './api.js';
import { latest } from './loader.js';
import { debounce, fill, h } from './dom.js';
import { ITEM_STATES, SOURCE_LABELS, durationWords, formatDuration, formatNumber, formatPercent, plural, sourceLabel, stateLabel } from './format.js';
import { DASHBOARD_QUERY, RULE_LABELS_QUERY } from './queries.js';

/**
 * The `dashboard` answer of `DASHBOARD_QUERY`.
 * @typedef {{ key: string, count: number }} KeyCount
 * @typedef {{ day: string, counts: KeyCount[] }} DayCounts
 * @typedef {{ count: number, medianMinutes: number | null, p90Minutes: number | null }} Durations
 * @typedef {{ officeHours: Durations, outsideHours: Durations }} ResponseTimes
 * @typedef {object} Dashboard
 * @property {number} days
 * @property {string} today
 * @property {number} total
 * @property {DayCounts[]} perDayBySource
 * @property {DayCounts[]} perDayByState
 * @property {ResponseTimes} firstDecision
 * @property {ResponseTimes} firstReply
 * @property {{ ruleId: string, matched: number, removedShare: number }[]} rules
 * @property {KeyCount[]} busiestAccounts
 * @property {KeyCount[]} busiestWorksites
 */
/**
 * The queue's totals (`moderationStats`).
 * @typedef {{ total: number, byState: { state: string, count: number }[], bySource: { source: string, count: number }[] }} ModerationStats
 */
/**
 * A stacked chart: its keys in order, how they are named, the dashboard field it draws, its elements' ids.
 * @typedef {object} Stack
 * @property {string[]} keys
 * @property {(key: string) => string} label
 * @property {'perDayBySource' | 'perDayByState'} field
 * @property {string} chart
 * @property {string} legend
 * @property {string} table
 * @property {string} what
 */
/** @typedef {{ day: string, counts: Map<string, number>, total: number }} DayRow */

const PERIODS = [7, 30, 90];
const DEFAULT_DAYS = 30;

/**
 * Pages and accounts as the console names them; others are shown by their id.
 * @type {Record<string, string>}
 */
const ACCOUNT_LABELS = { site: 'Site du bailleur' };

/**
 * An element of index.html by id: every id a module asks for is in the page, so never null.
 * @param {string} id
 */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

let days = DEFAULT_DAYS;
const loads = latest();
let initialised = false;

/**
 * The two stacked charts: where they are drawn, and how their keys are named and coloured.
 * @type {Record<string, Stack>}
 */
const STACKS = {
  source: {
    keys: Object.keys(SOURCE_LABELS),
    label: sourceLabel,
    field: 'perDayBySource',
    chart: 'chart-day-source',
    legend: 'legend-day-source',
    table: 'table-day-source',
    what: 'par source',
  },
  state: {
    keys: ITEM_STATES,
    label: stateLabel,
    field: 'perDayByState',
    chart: 'chart-day-state',
    legend: 'legend-day-state',
    table: 'table-day-state',
    what: 'par état actuel',
  },
};

/** Colour class of a source or state; keys the console does not know yet share a neutral one. */
/**
 * @param {string} kind source or state
 * @param {string} key
 */
const colour = (kind, key) => (/** @type {Stack} */ (STACKS[kind]).keys.includes(key) ? `c-${kind}-${key}` : 'c-other');

function init() {
  if (initialised) return;
  initialised = true;
  $('dashboard-period').addEventListener('change', (event) => {
    const next = Number(/** @type {HTMLInputElement} */ (event.target).value);
    if (!PERIODS.includes(next) || next === days) return;
    days = next;
    void load({ periodChanged: true });
  });
  // The form has nothing to send: Enter on a radio button must not reload the page.
  $('dashboard-period').addEventListener('submit', (event) => event.preventDefault());
  window.addEventListener('resize', debounce(updateScrollStops, 200));
}

export function showDashboard() {
  init();
  return load({ periodChanged: false });
}

/** Back to the default period and empty charts, for the next person to sign in. */
export function resetDashboard() {
  loads.cancel();
  days = DEFAULT_DAYS;
  for (const radio of /** @type {NodeListOf<HTMLInputElement>} */ (document.querySelectorAll('#dashboard-period input[name="days"]'))) radio.checked = Number(radio.value) === DEFAULT_DAYS;
  for (const id of ['dashboard-period-total', 'dashboard-total', 'dashboard-error']) $(id).textContent = '';
  for (const id of ['chart-day-source', 'chart-day-state', 'legend-day-source', 'legend-day-state', 'table-day-source', 'table-day-state', 'delays-decision', 'delays-reply', 'chart-rules', 'chart-accounts', 'chart-worksites', 'chart-by-state', 'chart-by-source']) fill($(id));
}

/** @param {{ periodChanged: boolean }} options */
async function load({ periodChanged }) {
  const isLatest = loads();
  const view = $('view-tableau-de-bord');
  view.setAttribute('aria-busy', 'true');
  if (periodChanged || !$('dashboard-period-total').textContent) $('dashboard-period-total').textContent = 'Chargement…';
  try {
    const [data, ruleLabels] = await Promise.all([graphql(DASHBOARD_QUERY, { days }), loadRuleLabels()]);
    if (!isLatest()) return;
    $('dashboard-error').textContent = '';
    render(data.dashboard, ruleLabels, { periodChanged });
    renderTotals(data.moderationStats);
    if (periodChanged) announce(`Tableau de bord des ${data.dashboard.days} derniers jours : ${plural(data.dashboard.total, 'élément reçu', 'éléments reçus')}.`);
  } catch (error) {
    if (!isLatest()) return;
    $('dashboard-period-total').textContent = '';
    $('dashboard-error').textContent = /** @type {Error} */ (error).message;
  } finally {
    if (isLatest()) view.removeAttribute('aria-busy');
  }
}

/**
 * The charter's rule names by id; without them (an error), rules are shown by their id.
 * @returns {Promise<Map<string, string>>}
 */
async function loadRuleLabels() {
  try {
    const { charter } = await graphql(RULE_LABELS_QUERY);
    return new Map(charter.rules.map((/** @type {{ id: string, label: string }} */ rule) => [rule.id, rule.label]));
  } catch {
    return new Map();
  }
}

/**
 * @param {Dashboard} dashboard
 * @param {Map<string, string>} ruleLabels
 * @param {{ periodChanged: boolean }} options
 */
function render(dashboard, ruleLabels, { periodChanged }) {
  const dayList = periodDays(dashboard);
  const range = dayList.length ? `du ${dayFormat.format(dayDate(/** @type {string} */ (dayList[0])))} au ${dayFormat.format(dayDate(/** @type {string} */ (dayList.at(-1))))}` : '';
  $('dashboard-period-total').textContent = `${plural(dashboard.total, 'élément reçu', 'éléments reçus')} sur les ${dashboard.days} derniers jours${range ? ` (${range})` : ''}.`;
  for (const kind of Object.keys(STACKS)) renderStack(kind, dashboard, { dayList, range, periodChanged });
  fill($('delays-decision'), delayCards(dashboard.firstDecision, 'décision'));
  fill($('delays-reply'), delayCards(dashboard.firstReply, 'réponse'));
  renderRules(dashboard.rules, ruleLabels);
  renderTop($('chart-accounts'), { entries: dashboard.busiestAccounts, total: dashboard.total, labelOf: (key) => ACCOUNT_LABELS[key] ?? key, emptyMessage: 'Aucun élément sur la période.' });
  renderTop($('chart-worksites'), { entries: dashboard.busiestWorksites, total: dashboard.total, labelOf: (key) => key, emptyMessage: 'Aucun élément lié à un chantier sur la période.' });
  requestAnimationFrame(updateScrollStops);
}

// ---- Days of the period -------------------------------------------------------------------

/** A YYYY-MM-DD day as a Date at midnight UTC: calendar arithmetic without summer time surprises. */
/** @param {string} day */
const dayDate = (day) => new Date(`${day}T00:00:00Z`);
/** @param {Date} date */
const dayKey = (date) => date.toISOString().slice(0, 10);
const dayFormat = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const longDayFormat = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
const shortDayFormat = new Intl.DateTimeFormat('fr-FR', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
const monthFormat = new Intl.DateTimeFormat('fr-FR', { month: 'short', timeZone: 'UTC' });
/** @param {Date} date */
const isWeekend = (date) => date.getUTCDay() === 0 || date.getUTCDay() === 6;

/**
 * Every day of the period, days without items included: the last `days` days up to today (Paris
 * time, on the service's clock), plus the earlier partial day the period starts on when it has items.
 * @param {Dashboard} dashboard
 */
function periodDays(dashboard) {
  const today = dayDate(dashboard.today);
  let start = new Date(today.getTime() - (dashboard.days - 1) * 86_400_000);
  for (const row of [...dashboard.perDayBySource, ...dashboard.perDayByState]) {
    if (dayDate(row.day) < start) start = dayDate(row.day);
  }
  let end = today;
  for (const row of dashboard.perDayBySource) if (dayDate(row.day) > end) end = dayDate(row.day);
  /** @type {string[]} */
  const list = [];
  for (let date = start; date <= end; date = new Date(date.getTime() + 86_400_000)) list.push(dayKey(date));
  return list;
}

// ---- Stacked bars per day -----------------------------------------------------------------

/**
 * @param {string} kind source or state
 * @param {Dashboard} dashboard
 * @param {{ dayList: string[], range: string, periodChanged: boolean }} options
 */
function renderStack(kind, dashboard, { dayList, range, periodChanged }) {
  const stack = /** @type {Stack} */ (STACKS[kind]);
  const byDay = new Map(dashboard[stack.field].map((row) => [row.day, new Map(row.counts.map((c) => [c.key, c.count]))]));
  const rows = dayList.map((day) => {
    /** @type {Map<string, number>} */
    const counts = byDay.get(day) ?? new Map();
    let total = 0;
    for (const count of counts.values()) total += count;
    return { day, counts, total };
  });
  // Known keys in their usual order, then any the console does not know yet.
  /** @type {Map<string, number>} */
  const totals = new Map();
  for (const row of rows) for (const [key, count] of row.counts) totals.set(key, (totals.get(key) ?? 0) + count);
  const keys = [...stack.keys.filter((key) => totals.get(key)), ...[...totals.keys()].filter((key) => !stack.keys.includes(key))];

  fill(
    $(stack.legend),
    keys.map((key) => h('li', {}, h('span', { class: `swatch ${colour(kind, key)}`, 'aria-hidden': 'true' }), `${stack.label(key)} : `, h('strong', {}, formatNumber(/** @type {number} */ (totals.get(key)))))),
  );

  const scroll = $(stack.chart);
  const wasAtEnd = scroll.scrollLeft + scroll.clientWidth >= scroll.scrollWidth - 2;
  const max = Math.max(0, ...rows.map((row) => row.total));
  // Without items there is nothing to read nor any table worth opening.
  for (const node of /** @type {NodeListOf<HTMLElement>} */ (/** @type {Element} */ (scroll.closest('.panel')).querySelectorAll('.chart-reading, .data-details'))) node.hidden = !max;
  if (!max) {
    fill(scroll, h('p', { class: 'chart-empty' }, 'Aucun élément reçu sur la période.'));
  } else {
    const busiest = /** @type {DayRow} */ (rows.find((row) => row.total === max));
    const summary =
      `Barres empilées ${stack.what}, un jour par barre, ${range} : ${plural(dashboard.total, 'élément', 'éléments')} ; ` +
      `jour le plus chargé : ${longDayFormat.format(dayDate(busiest.day))}, ${plural(max, 'élément', 'éléments')}. Détail jour par jour dans « Voir les données ».`;
    fill(scroll, h('div', { class: 'columns', role: 'img', 'aria-label': summary }, rows.map((row, index) => column({ kind, stack, keys, max }, row, index))));
    if (periodChanged || wasAtEnd) scroll.scrollLeft = scroll.scrollWidth;
  }

  fill($(stack.table), dataTable(stack, { keys, rows, totals, range }));
}

/**
 * One day's bar of the chart (`kind`, its `stack`, the `keys` shown, the tallest day `max`).
 * @param {{ kind: string, stack: Stack, keys: string[], max: number }} chart
 * @param {DayRow} row
 * @param {number} index
 */
function column({ kind, stack, keys, max }, row, index) {
  const date = dayDate(row.day);
  const bar = h(
    'span',
    { class: 'column-stack' },
    keys
      .filter((key) => row.counts.get(key))
      .map((key) => {
        const segment = h('span', { class: `segment ${colour(kind, key)}` });
        segment.style.height = `${((/** @type {number} */ (row.counts.get(key)) / row.total) * 100).toFixed(2)}%`;
        return segment;
      }),
  );
  bar.style.height = `${((row.total / max) * 100).toFixed(2)}%`;
  const detail = keys.filter((key) => row.counts.get(key)).map((key) => `${stack.label(key)} : ${formatNumber(/** @type {number} */ (row.counts.get(key)))}`);
  const title = `${shortDayFormat.format(date)} : ${plural(row.total, 'élément', 'éléments')}${detail.length ? `\n${detail.join('\n')}` : ''}`;
  const showMonth = index === 0 || date.getUTCDate() === 1;
  return h(
    'div',
    { class: isWeekend(date) ? 'column column-weekend' : 'column', title },
    h('span', { class: 'column-plot' }, row.total ? h('span', { class: 'column-value' }, formatNumber(row.total)) : null, bar),
    h('span', { class: 'column-day' }, String(date.getUTCDate())),
    h('span', { class: 'column-month' }, showMonth ? monthFormat.format(date) : ''),
  );
}

/**
 * @param {Stack} stack
 * @param {{ keys: string[], rows: DayRow[], totals: Map<string, number>, range: string }} data
 */
function dataTable(stack, { keys, rows, totals, range }) {
  /** @param {number} count */
  const cell = (count) => h('td', {}, formatNumber(count));
  let grandTotal = 0;
  for (const count of totals.values()) grandTotal += count;
  return [
    h('caption', {}, `Éléments reçus par jour, ${stack.what}${range ? `, ${range}` : ''}`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Jour'), keys.map((key) => h('th', { scope: 'col' }, stack.label(key))), h('th', { scope: 'col' }, 'Total'))),
    h(
      'tbody',
      {},
      rows.map((row) => h('tr', {}, h('th', { scope: 'row' }, shortDayFormat.format(dayDate(row.day))), keys.map((key) => cell(row.counts.get(key) ?? 0)), cell(row.total))),
    ),
    h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, 'Total'), keys.map((key) => cell(/** @type {number} */ (totals.get(key)))), cell(grandTotal))),
  ];
}

/**
 * A chart that scrolls (90 days, or a narrow screen) is a tab stop, to scroll it with the arrow
 * keys, and says so under it; one that fits is neither.
 */
function updateScrollStops() {
  for (const kind of Object.keys(STACKS)) {
    const scroll = $(/** @type {Stack} */ (STACKS[kind]).chart);
    const scrolls = scroll.scrollWidth > scroll.clientWidth + 1;
    if (scrolls) scroll.setAttribute('tabindex', '0');
    else if (document.activeElement !== scroll) scroll.removeAttribute('tabindex');
    /** @type {HTMLElement} */ (/** @type {HTMLElement} */ (scroll.parentElement).querySelector('.scroll-hint')).hidden = !scrolls;
  }
}

// ---- Delays --------------------------------------------------------------------------------

/**
 * @param {ResponseTimes} times
 * @param {string} noun décision or réponse
 */
function delayCards(times, noun) {
  /** @type {[string, string, Durations][]} */
  const cards = [
    ['Heures de bureau', 'Arrivés pendant les heures de bureau (calendrier de la page Astreinte)', times.officeHours],
    ['Hors heures de bureau', 'Arrivés le soir, la nuit, le week-end, un jour férié ou de fermeture', times.outsideHours],
  ];
  return cards.map(([title, hint, durations]) =>
    h(
      'div',
      { class: 'delay-card' },
      h('h3', {}, title),
      h('p', { class: 'delay-hint' }, hint),
      h('dl', { class: 'figures' }, figure('Médiane', 'la moitié en moins de', durations.medianMinutes), figure('90e centile', '9 sur 10 en moins de', durations.p90Minutes)),
      h(
        'p',
        { class: 'delay-count' },
        durations.count ? `Mesuré sur ${plural(durations.count, 'élément', 'éléments')}` : `Aucun élément avec une ${noun} sur la période`,
      ),
    ),
  );
}

/**
 * @param {string} term
 * @param {string} explanation
 * @param {number | null} minutes
 */
function figure(term, explanation, minutes) {
  return h(
    'div',
    { class: minutes === null ? 'figure figure-empty' : 'figure' },
    h('dt', {}, term, h('span', { class: 'figure-explanation' }, ` (${explanation})`)),
    h('dd', {}, h('span', { 'aria-hidden': 'true' }, formatDuration(minutes)), h('span', { class: 'visually-hidden' }, durationWords(minutes))),
  );
}

// ---- Horizontal bars -----------------------------------------------------------------------

/**
 * One bar: its label, a track filled to `ratio` (0 to 1), and the figures written after it.
 * @param {string} label
 * @param {number} ratio
 * @param {import('./dom.js').Child} value
 * @param {string} [colourClass]
 */
function bar(label, ratio, value, colourClass = '') {
  const fillBar = h('span', { class: `bar-fill ${colourClass}` });
  fillBar.style.width = `${(Math.min(Math.max(ratio, 0), 1) * 100).toFixed(1)}%`;
  return h('li', { class: 'bar' }, h('span', { class: 'bar-label' }, label), h('span', { class: 'bar-track', 'aria-hidden': 'true' }, fillBar), h('span', { class: 'bar-value' }, value));
}

/** @param {string} message */
const emptyItem = (message) => h('li', { class: 'chart-empty' }, message);

/**
 * @param {Dashboard['rules']} rules
 * @param {Map<string, string>} labels
 */
function renderRules(rules, labels) {
  fill(
    $('chart-rules'),
    rules.length
      ? rules.map((rule) => {
          const removed = Math.round(rule.removedShare * rule.matched);
          return bar(labels.get(rule.ruleId) ?? rule.ruleId, rule.removedShare, [h('strong', {}, formatPercent(rule.removedShare)), ` (${formatNumber(removed)} sur ${formatNumber(rule.matched)})`], 'c-removed');
        })
      : emptyItem('Aucune règle déclenchée sur la période.'),
  );
}

/**
 * A top 10: bars scaled to the first, with the count and its share of the period written.
 * @param {HTMLElement} list
 * @param {{ entries: KeyCount[], total: number, labelOf: (key: string) => string, emptyMessage: string }} options
 */
function renderTop(list, { entries, total, labelOf, emptyMessage }) {
  const max = entries[0]?.count ?? 0;
  fill(
    list,
    entries.length
      ? entries.map((entry) => bar(labelOf(entry.key), max ? entry.count / max : 0, [h('strong', {}, formatNumber(entry.count)), ` (${formatPercent(total ? entry.count / total : 0)})`]))
      : emptyItem(emptyMessage),
  );
}

// ---- The whole queue -----------------------------------------------------------------------

/** @param {ModerationStats} stats */
function renderTotals(stats) {
  $('dashboard-total').textContent = `${plural(stats.total, 'élément', 'éléments')} au total dans la file.`;
  const byState = new Map(stats.byState.map((c) => [c.state, c.count]));
  const bySource = new Map(stats.bySource.map((c) => [c.source, c.count]));
  /** @param {number} count */
  const share = (count) => (stats.total ? count / stats.total : 0);
  /** @param {number} count */
  const value = (count) => [h('strong', {}, formatNumber(count)), ` (${formatPercent(share(count))})`];
  fill(
    $('chart-by-state'),
    ITEM_STATES.map((state) => bar(stateLabel(state), share(byState.get(state) ?? 0), value(byState.get(state) ?? 0), colour('state', state))),
  );
  fill(
    $('chart-by-source'),
    Object.keys(SOURCE_LABELS).map((source) => bar(sourceLabel(source), share(bySource.get(source) ?? 0), value(bySource.get(source) ?? 0), colour('source', source))),
  );
}
