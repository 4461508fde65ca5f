// KPI time series per city with Chart.js (the UMD build, loaded before this module as a global).
import { el } from './dom.js';

const COLOURS = ['#1f5fa8', '#d9731a', '#2a9d5b', '#b3261e', '#7b4fa8', '#5b6875', '#c2a100'];

/** @returns {string[]} the KPI codes that have city values, sorted */
export function kpisOf(values) {
  return [...new Set(values.map(v => v.kpiCode))].sort();
}

/**
 * Draws one line chart per city for one KPI, a line per data series.
 * @param {HTMLElement} grid where the charts go (emptied first)
 * @param {Array} values the assessment's city values
 * @param {string} kpi the KPI code to draw
 * @param {Object} cityNames readable names by city code
 * @returns {number} how many charts were drawn
 */
export function renderCharts(grid, values, kpi, cityNames) {
  for (const canvas of grid.querySelectorAll('canvas')) {
    const old = Chart.getChart(canvas);
    if (old) old.destroy();
  }
  grid.replaceChildren();
  const byCity = new Map();
  for (const v of values.filter(v => v.kpiCode === kpi)) {
    if (!byCity.has(v.city)) byCity.set(v.city, []);
    byCity.get(v.city).push(v);
  }
  for (const [city, rows] of [...byCity.entries()].sort()) {
    const labels = [...new Set(rows.map(r => r.period.label))].sort();
    const series = [...new Set(rows.map(r => r.series))].sort();
    const unit = rows[0].unit;
    const datasets = series.map((s, i) => {
      const byLabel = new Map(rows.filter(r => r.series === s).map(r => [r.period.label, Number(r.value)]));
      return {
        label: s, data: labels.map(l => (byLabel.has(l) ? byLabel.get(l) : null)),
        borderColor: COLOURS[i % COLOURS.length], backgroundColor: COLOURS[i % COLOURS.length],
        spanGaps: false, tension: 0.15, pointRadius: labels.length > 60 ? 0 : 3,
      };
    });
    const canvas = el('canvas', { 'data-city': city, 'data-kpi': kpi });
    const holder = el('div', { class: 'chart-canvas' }, canvas);
    grid.append(el('div', { class: 'chart-box' }, el('h3', {}, `${cityNames[city] || city} · ${kpi} (${unit})`), holder));
    new Chart(canvas, {
      type: 'line',
      data: { labels, datasets },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        plugins: { legend: { position: 'bottom' } },
        scales: { y: { title: { display: true, text: unit } } },
      },
    });
  }
  return byCity.size;
}
