/**
 * The dashboard: items per state and per source as bar charts drawn with plain elements. Each
 * bar has its number written next to it, so the chart is readable without seeing the bars.
 */
import { graphql } from './api.js';
import { fill, h } from './dom.js';
import { ITEM_STATES, SOURCE_LABELS, formatNumber, formatPercent, plural, stateLabel } from './format.js';

const STATS_QUERY = 'query Stats { moderationStats { total byState { state count } bySource { source count } } }';
const $ = (id) => document.getElementById(id);

export async function showDashboard() {
  try {
    const { moderationStats: stats } = await graphql(STATS_QUERY);
    $('dashboard-total').textContent = `${plural(stats.total, 'élément', 'éléments')} au total dans la file.`;
    const byState = new Map(stats.byState.map((c) => [c.state, c.count]));
    const bySource = new Map(stats.bySource.map((c) => [c.source, c.count]));
    fill($('chart-by-state'), ITEM_STATES.map((state) => bar(stateLabel(state), byState.get(state) ?? 0, stats.total, `bar-${state}`)));
    fill($('chart-by-source'), Object.entries(SOURCE_LABELS).map(([source, label]) => bar(label, bySource.get(source) ?? 0, stats.total, `bar-${source}`)));
  } catch (error) {
    $('dashboard-total').textContent = error.message;
  }
}

function bar(label, count, total, modifier) {
  const share = total ? count / total : 0;
  const fillBar = h('span', { class: `bar-fill ${modifier}` });
  // A width set through the CSSOM is allowed by the CSP (style-src 'self'); a style="" attribute is not.
  fillBar.style.width = `${(share * 100).toFixed(1)}%`;
  return h(
    'li',
    { class: 'bar' },
    h('span', { class: 'bar-label' }, label),
    h('span', { class: 'bar-track', 'aria-hidden': 'true' }, fillBar),
    h('span', { class: 'bar-value' }, `${formatNumber(count)} (${formatPercent(share)})`),
  );
}
