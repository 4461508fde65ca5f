// The sites on a plain SVG map: an equirectangular projection of the box around the known
// locations, scaled by the cosine of its middle latitude. Nothing is fetched: no tiles, no fonts.
const SVG = 'http://www.w3.org/2000/svg';
const W = 800;
const H = 420;
const PAD = 40;

function svg(tag, attrs = {}, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * Draws the sites that have a location.
 * @param {HTMLElement} box where the map goes (emptied first)
 * @param {Array} sites the dashboard configuration's sites
 * @param {Object} cityNames readable names by city code
 * @returns {number} how many sites were placed
 */
export function renderMap(box, sites, cityNames) {
  box.replaceChildren();
  const located = sites.filter(s => s.latitude !== null && s.longitude !== null);
  if (located.length === 0) return 0;
  let minLat = Math.min(...located.map(s => s.latitude));
  let maxLat = Math.max(...located.map(s => s.latitude));
  let minLon = Math.min(...located.map(s => s.longitude));
  let maxLon = Math.max(...located.map(s => s.longitude));
  // at least a degree across, so that one site or a tight cluster still gets a frame
  if (maxLat - minLat < 1) { const m = (maxLat + minLat) / 2; minLat = m - 0.5; maxLat = m + 0.5; }
  if (maxLon - minLon < 1) { const m = (maxLon + minLon) / 2; minLon = m - 0.5; maxLon = m + 0.5; }
  const kx = Math.cos(((minLat + maxLat) / 2) * Math.PI / 180);
  const scale = Math.min((W - 2 * PAD) / ((maxLon - minLon) * kx), (H - 2 * PAD) / (maxLat - minLat));
  const cx = (W - (maxLon - minLon) * kx * scale) / 2;
  const cy = (H - (maxLat - minLat) * scale) / 2;
  const x = lon => cx + (lon - minLon) * kx * scale;
  const y = lat => H - cy - (lat - minLat) * scale;
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'map of the sites' });
  const step = Math.max(1, Math.pow(10, Math.floor(Math.log10(Math.max(maxLat - minLat, maxLon - minLon)))));
  for (let lon = Math.ceil((minLon - 10) / step) * step; lon <= maxLon + 10; lon += step) {
    root.append(svg('line', { class: 'graticule', x1: x(lon), y1: 0, x2: x(lon), y2: H }));
  }
  for (let lat = Math.ceil((minLat - 10) / step) * step; lat <= maxLat + 10; lat += step) {
    root.append(svg('line', { class: 'graticule', x1: 0, y1: y(lat), x2: W, y2: y(lat) }));
  }
  for (const s of located) {
    const g = svg('g', { 'data-site': s.siteId });
    const dot = svg('circle', { class: 'site-marker', cx: x(s.longitude).toFixed(1), cy: y(s.latitude).toFixed(1), r: 7 });
    dot.append(svg('title', {}, `${s.name} (${s.siteId}) ${cityNames[s.city] || s.city || ''} ${s.status}`));
    // labels of sites in the right part of the map go to the left of the dot, so none is cut off
    const right = x(s.longitude) > W * 0.6;
    g.append(dot, svg('text', {
      class: 'site-label', x: (x(s.longitude) + (right ? -10 : 10)).toFixed(1), y: (y(s.latitude) + 4).toFixed(1),
      'text-anchor': right ? 'end' : 'start',
    }, `${s.siteId} · ${s.name}${s.city ? ' · ' + (cityNames[s.city] || s.city) : ''}`));
    root.append(g);
  }
  box.append(root);
  return located.length;
}
