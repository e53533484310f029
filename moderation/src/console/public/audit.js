/** The audit log view: who did what, newest first, with « Plus ancien » to go back in time. */
import { graphql } from './api.js';
import { fill, h } from './dom.js';
import { actorLabel, auditActionLabel, targetLabel } from './format.js';
import { dateTime } from './item-view.js';

const PAGE_SIZE = 50;
const AUDIT_QUERY = `query Audit($first: Int, $before: Int) {
  auditLog(first: $first, before: $before) { entries { id at actor action targetType targetId before after } endCursor hasMore }
}`;

const $ = (id) => document.getElementById(id);
let endCursor = null;
let loadToken = 0;

export function initAudit() {
  $('audit-more').addEventListener('click', () => load(true));
}

/** Each visit starts again from the newest entries. */
export function showAudit() {
  void load(false);
}

export function resetAudit() {
  loadToken++;
  endCursor = null;
  fill($('audit-rows'));
}

async function load(older) {
  const token = ++loadToken;
  $('audit-status').textContent = 'Chargement…';
  try {
    const { auditLog } = await graphql(AUDIT_QUERY, { first: PAGE_SIZE, before: older ? endCursor : null });
    if (token !== loadToken) return;
    const rows = auditLog.entries.map(rowView);
    if (older) $('audit-rows').append(...rows);
    else fill($('audit-rows'), rows);
    endCursor = auditLog.endCursor;
    $('audit-more').hidden = !auditLog.hasMore;
    $('audit-status').textContent = $('audit-rows').children.length ? '' : 'Aucune action enregistrée pour le moment.';
  } catch (error) {
    if (token === loadToken) $('audit-status').textContent = error.message;
  }
}

/** JSON as stored, indented for reading; shown as is if it is not JSON. */
function pretty(json) {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

function snapshot(title, json) {
  return json ? h('details', {}, h('summary', {}, title), h('pre', { class: 'json' }, pretty(json))) : null;
}

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
