// The BKDMS dashboard: reads the platform's REST API (same origin, the browser's HTTP Basic
// credentials) and draws the overview, KPI charts, quality table, map, trace and audit views.
import { el, pct, duration, num } from './dom.js';
import { kpisOf, renderCharts } from './charts.js';
import { renderMap } from './map.js';

const $ = id => document.getElementById(id);
let config = { cities: {}, sites: [], refreshSeconds: 60, csvTables: [] };
let me = { auditor: false };
let values = [];

async function api(path) {
  const r = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (!r.ok) {
    let message = r.statusText;
    try { message = (await r.json()).message; } catch (ignored) { /* not JSON */ }
    throw new Error(`${path}: HTTP ${r.status} ${message}`);
  }
  return r.json();
}

function showError(e) {
  $('error').textContent = String(e.message || e);
  $('error').hidden = false;
}

function cityName(code) {
  return config.cities[code] || code || '–';
}

function fillOverview(status, integrity, sites) {
  $('stat-records').textContent = integrity.storedRecords;
  $('stat-verified').textContent = integrity.verifiedRecords;
  $('stat-sites').textContent = sites.length;
  $('stat-blocks').textContent = integrity.blocks;
  const sum = m => Object.values(m || {}).reduce((a, b) => a + b, 0);
  $('stat-rejections').textContent = sum(integrity.platform.rejectionsByReason);
  $('stat-evidence').textContent = sum(integrity.platform.verificationFailuresByKind);
  if (!me.auditor) $('stat-audit').textContent = 'auditors only';
  const body = $('chains').tBodies[0];
  body.replaceChildren(...status.chains.map(c => el('tr', {},
    el('td', { class: 'code' }, c.chainId), num(c.verifiedHeight), num(c.storedHeight),
    el('td', { class: c.running ? 'ok' : 'bad' }, c.running ? 'yes' : 'no'),
    el('td', { class: c.halted ? 'bad' : '' }, c.halted || c.lastError || '–'))));
}

function fillQuality(quality, integrity) {
  const body = $('quality-table').tBodies[0];
  body.replaceChildren(...quality.sites.map(s => {
    const ints = integrity.sites[s.siteId] || { rejectionsByReason: {}, verificationFailuresByKind: {} };
    const sum = m => Object.values(m).reduce((a, b) => a + b, 0);
    return el('tr', { 'data-site': s.siteId },
      el('td', { class: 'code' }, s.siteId), el('td', {}, cityName(s.city)), num(s.observations), num(s.invalid),
      num(pct(s.completeness)), num(pct(s.availability)), num(s.sequence.missing), num(s.duplicates), num(s.conflicts),
      num(s.timeliness.late), num(duration(s.timeliness.medianDelaySeconds)), num(sum(ints.rejectionsByReason)),
      num(sum(ints.verificationFailuresByKind)), el('td', {}, s.lastSeen ? s.lastSeen.replace('T', ' ').replace('Z', '') : '–'));
  }));
}

function fillRecords(records) {
  const body = $('records').tBodies[0];
  body.replaceChildren(...records.map(r => {
    const link = el('a', { class: 'code trace-link', href: '#trace', 'data-code': r.tracingCode }, r.tracingCode);
    link.addEventListener('click', () => trace(r.tracingCode));
    return el('tr', {}, el('td', {}, r.observedAt), el('td', { class: 'code' }, r.siteId),
      el('td', {}, cityName(`${r.cityScheme}:${r.cityCode}`)), el('td', {}, r.kpiCode), el('td', {}, r.series),
      num(`${r.value} ${r.unit}`), num(r.blockHeight), el('td', {}, link));
  }));
}

function drawCharts() {
  const select = $('chart-kpi');
  const kpis = kpisOf(values);
  const chosen = kpis.includes(select.value) ? select.value : kpis[0];
  select.replaceChildren(...kpis.map(k => el('option', { value: k }, k)));
  if (chosen) select.value = chosen;
  const drawn = chosen ? renderCharts($('chart-grid'), values, chosen, config.cities) : 0;
  $('chart-empty').hidden = drawn > 0;
}

async function loadAssessment() {
  const g = $('chart-granularity').value;
  values = (await api(`/api/analysis/assessment?granularity=${encodeURIComponent(g)}`)).values;
  drawCharts();
}

async function refresh() {
  try {
    const [status, integrity, quality, kpis] = await Promise.all([
      api('/api/status'), api('/api/analysis/integrity'), api('/api/analysis/quality'), api('/api/kpis')]);
    fillOverview(status, integrity, config.sites);
    fillQuality(quality, integrity);
    // records come oldest first: skip to the last 25 values and show them newest first
    const stored = kpis.reduce((n, k) => n + k.values, 0);
    const records = await api(`/api/records?limit=25&offset=${Math.max(0, stored - 25)}`);
    fillRecords(records.reverse());
    await loadAssessment();
    $('updated').textContent = new Date().toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
    $('error').hidden = true;
    document.body.dataset.loaded = 'true';
  } catch (e) {
    showError(e);
  }
}

function row(label, value, cls) {
  return [el('dt', {}, label), el('dd', cls ? { class: cls } : {}, value)];
}

function verdict(ok) {
  return ok ? 'verified' : 'FAILED';
}

async function trace(code) {
  const out = $('trace-result');
  $('trace-code').value = code;
  out.replaceChildren(el('p', { class: 'muted' }, 'tracing…'));
  delete out.dataset.consistent;
  try {
    const p = await api(`/api/trace/${encodeURIComponent(code.trim())}`);
    const items = [
      ...row('Consistent', p.consistent ? 'yes: every check passed' : 'NO', p.consistent ? 'ok' : 'bad'),
      ...row('Inclusion proof', `${verdict(p.proof.verified)} (leaf ${p.proof.leafIndex} of ${p.proof.treeSize})`
        + (p.proof.detail ? ` ${p.proof.detail}` : ''), p.proof.verified ? 'ok' : 'bad'),
      ...row('Check code', p.checkCode.valid ? 'recomputed from the chain: equal' : 'differs from the chain',
        p.checkCode.valid ? 'ok' : 'bad'),
      ...row('Packet', p.packetVerified ? 'signature, decryption and digest verified' : `failed: ${p.evidence}`,
        p.packetVerified ? 'ok' : 'bad'),
      ...row('Chain', p.chainId),
      ...row('Block', `${p.height} · ${p.block.time} · hash ${p.block.hash}`),
      ...row('Position', `transaction ${p.index}, id ${p.txId}`),
      ...row('Site', `${p.site.siteId} ${p.site.name} (${p.site.status}), sequence ${p.site.sequence}, submitted ${p.site.submittedAt}`),
    ];
    if (p.record) {
      const vals = Object.entries(p.record.values).map(([k, v]) => `${k} = ${v}`).join(', ');
      items.push(...row('Record', `${p.record.kpiCode} at ${p.record.time}: ${vals} ${p.record.unit}`));
    }
    out.replaceChildren(el('dl', { class: 'trace' }, ...items));
    out.dataset.consistent = String(p.consistent);
  } catch (e) {
    out.replaceChildren(el('p', { class: 'error' }, String(e.message || e)));
  }
}

async function audit() {
  $('audit-state').textContent = 're-verifying every chain…';
  try {
    const [report, evidence] = await Promise.all([api('/api/audit'), api('/api/evidence?limit=50')]);
    const n = report.inconsistencies.length;
    $('stat-audit').textContent = n === 0 ? 'clean' : `${n} issue(s)`;
    $('stat-audit').className = 'value ' + (n === 0 ? 'ok' : 'bad');
    $('audit-result').replaceChildren(
      el('p', { class: n === 0 ? 'ok' : 'bad' }, n === 0 ? 'Every stored row matches the chain.' : `${n} inconsistencies`),
      el('ul', {}, ...report.chains.map(c => el('li', {}, `${c.chainId}: ${c.blocks} blocks, ${c.rowsChecked} rows checked`))),
      el('ul', {}, ...report.inconsistencies.map(i => el('li', { class: 'bad' },
        `${i.kind} block ${i.height} #${i.index}: ${i.detail} `, el('span', { class: 'code' }, i.tracingCode || '')))));
    $('evidence').tBodies[0].replaceChildren(...evidence.latest.map(e => el('tr', {}, num(e.blockHeight),
      el('td', { class: 'code' }, e.siteId), el('td', {}, e.reason), el('td', {}, e.detail),
      el('td', { class: 'code' }, e.tracingCode))));
    $('audit-state').textContent = 'audited ' + new Date().toISOString().slice(11, 19) + ' UTC';
  } catch (e) {
    $('audit-state').textContent = '';
    showError(e);
  }
}

async function init() {
  try {
    [me, config] = await Promise.all([api('/api/whoami'), api('/api/dashboard/config')]);
  } catch (e) {
    showError(e);
    return;
  }
  $('whoami').textContent = `${me.user} (${me.role.toLowerCase()})`;
  $('refresh').textContent = config.refreshSeconds;
  $('exports').replaceChildren(
    ...config.csvTables.flatMap(t => [el('a', { href: `/api/export/csv/${t}` }, `${t}.csv`), ' · ']),
    el('a', { href: '/api/export/json' }, 'JSON'), ' · ', el('a', { href: '/api/export/ngsi-ld' }, 'NGSI-LD'));
  const placed = renderMap($('map-box'), config.sites, config.cities);
  $('map-note').textContent = `${placed} of ${config.sites.length} sites have a location`
    + (placed < config.sites.length ? ' (set dashboard.sites in platform.yaml for the others).' : '.');
  try {
    // a short history reads better by day, a long one by quarter
    const kpis = await api('/api/kpis');
    const first = Math.min(...kpis.map(k => Date.parse(k.first)));
    const last = Math.max(...kpis.map(k => Date.parse(k.last)));
    const days = (last - first) / 86400000;
    if (kpis.length > 0) $('chart-granularity').value = days < 92 ? 'day' : days > 3 * 366 ? 'quarter' : 'month';
  } catch (e) {
    showError(e);
  }
  $('chart-kpi').addEventListener('change', drawCharts);
  $('chart-granularity').addEventListener('change', () => loadAssessment().catch(showError));
  $('trace-form').addEventListener('submit', ev => { ev.preventDefault(); trace($('trace-code').value); });
  if (me.auditor) {
    $('audit').hidden = false;
    $('nav-audit').hidden = false;
    $('audit-run').addEventListener('click', audit);
    audit();
  }
  await refresh();
  setInterval(refresh, config.refreshSeconds * 1000);
}

init();
