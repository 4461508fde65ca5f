// Small DOM helpers: every text goes through textContent, never through HTML parsing.

/**
 * Makes an element.
 * @param {string} tag the tag name
 * @param {Object} [attrs] attributes; `class` and `data-*` included
 * @param {...(Node|string|number|null)} children children; strings become text nodes
 * @returns {HTMLElement}
 */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== null && v !== undefined) e.setAttribute(k, String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** @returns {string} a share 0..1 as a percentage, or a dash */
export function pct(x) {
  return x === null || x === undefined ? '–' : (100 * x).toFixed(1) + ' %';
}

/** @returns {string} seconds as a short duration, or a dash */
export function duration(s) {
  if (s === null || s === undefined) return '–';
  if (Math.abs(s) < 120) return s + ' s';
  if (Math.abs(s) < 7200) return Math.round(s / 60) + ' min';
  if (Math.abs(s) < 172800) return (s / 3600).toFixed(1) + ' h';
  return (s / 86400).toFixed(1) + ' d';
}

/** @returns {HTMLTableCellElement} a right-aligned numeric cell */
export function num(v) {
  return el('td', { class: 'num' }, v);
}
