// @ts-check
/** The audit log view: who did what, newest first, with « Plus ancien » to go back in time. */
import { graphql } from './api.js';
import { latest } from './loader.js';
import { fill, h } from './dom.js';
import { actorLabel, auditActionLabel, targetLabel } from './format.js';
import { dateTime } from './item-view.js';
import { AUDIT_LOG_QUERY } from './queries.js';

const PAGE_SIZE = 50;

/**
 * An element of index.html by id: every id a module asks for is in the page, so never null.
 * @param {string} id
 */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** @type {number | null} */
let endCursor = null;
const loads = latest();

export function initAudit() {
  $('audit-more').addEventListener('click', () => load(true));
}

/** Each visit starts again from the newest entries. */
export function showAudit() {
  void load(false);
}

export function resetAudit() {
  loads.cancel();
  endCursor = null;
  fill($('audit-rows'));
}

/** @param {boolean} older */
async function load(older) {
  const isLatest = loads();
  $('audit-status').textContent = 'Chargement…';
  try {
    const { auditLog } = await graphql(AUDIT_LOG_QUERY, { first: PAGE_SIZE, before: older ? endCursor : null });
    if (!isLatest()) return;
    const rows = auditLog.entries.map(rowView);
    if (older) $('audit-rows').append(...rows);
    else fill($('audit-rows'), rows);
    endCursor = auditLog.endCursor;
    $('audit-more').hidden = !auditLog.hasMore;
    $('audit-status').textContent = $('audit-rows').children.length ? '' : 'Aucune action enregistrée pour le moment.';
  } catch (error) {
    if (isLatest()) $('audit-status').textContent = /** @type {Error} */ (error).message;
  }
}

/**
 * JSON as stored, indented for reading; shown as is if it is not JSON.
 * @param {string} json
 */
function pretty(json) {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

/**
 * @param {string} title
 * @param {string | null} json
 */
function snapshot(title, json) {
  return json ? h('details', {}, h('summary', {}, title), h('pre', { class: 'json' }, pretty(json))) : null;
}

/** @param {import('./types.js').AuditEntry} entry */
function rowView(entry) {
  return h(
    'tr',
    {},
    h('td', {}, dateTime(entry.at)),
    h('td', {}, actorLabel(entry.actor)),
    h('td', {}, auditActionLabel(entry.action), h('br'), h('code', {}, entry.action)),
    h('td', {}, targetLabel(entry.targetType), entry.targetId ? [h('br'), h('code', { class: 'target-id' }, entry.targetId)] : null),
    h('td', {}, snapshot('Avant', entry.before), snapshot('Après', entry.after), !entry.before && !entry.after ? '—' : null),
  );
}
