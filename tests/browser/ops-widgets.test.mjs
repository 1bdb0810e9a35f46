// Browser tests of the operations widgets <cx-ces>, <cx-kpis>, <cx-effort>, <cx-staffing> and
// <cx-ltv> (www/widgets/), driven by playwright-core in Debian's Chromium against the built npm
// package (target/npm/cxkit).
//
//   cargo xtask build     # once, so target/npm/cxkit exists
//   node --test tests/browser/ops-widgets.test.mjs
//
// Inputs: tests/fixtures/widgets/ (contacts, CES answers, customers; invented, see its README),
// tests/fixtures/ops/effort.json (contacts with CES answers) and the CDNOW purchases of
// tests/fixtures/ltv/ (lifetime values modelled in the browser). What each widget shows is
// compared with the library called by the same page on the same input (`window.lib`, the full
// package entry), formatted here with Intl: nothing about the numbers is hard-coded. Screenshots
// of every widget at 360 and 1024 px go to target/test-output/browser/ops-*.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from '../support/chromium.mjs';
import { OUT, ROOT, assertFits, contrast, importPackage, openPage, serveWidgets } from '../support/widgets.mjs';

const fixture = (p) => JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/fixtures', p), 'utf8'));
const CONTACTS = fixture('widgets/contacts.json').contacts;
const CES = fixture('widgets/ces.json').responses;
const LTV = fixture('widgets/ltv.json');
const CDNOW_CUSTOMERS = fixture('widgets/ltv-cdnow.json').customers;
const EFFORT = fixture('ops/effort.json');
/** The CDNOW purchases as cxkit transactions (sample id as the customer id, as ltv-cdnow.json). */
const CDNOW_TX = fs.readFileSync(path.join(ROOT, 'tests/fixtures/ltv/CDNOW_sample.txt'), 'utf8').split('\n')
  .filter((l) => l.trim())
  .map((l) => {
    const [, id, d, , amount] = l.trim().split(/\s+/);
    return { customerId: String(Number(id)), at: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}T00:00:00Z`, amount: Number(amount) };
  });
const CDNOW_OPTIONS = { rfm: { unit: 'weeks', calibrationEnd: '1997-09-30' } };
/** Customers of tests/fixtures/ops/effort.json with invented values and answers. */
const LTV_CONTACTS = [
  { customerId: 'ana', ltv: 1200, nps: 9 }, { customerId: 'bo', ltv: 900, nps: 6 }, { customerId: 'cy', ltv: 700 },
  { customerId: 'dee', ltv: 300, nps: 10 }, { customerId: 'eve', ltv: 2500, nps: 8, effort: 1 },
];

let lib; // the package in Node: the errors the widgets must show

// ---------------------------------------------------------------------------------------------
// Expected display (the widgets' formatting rules, restated with Intl)

const MINUS = '\u2212';
const nf = (lang, o) => (x) => new Intl.NumberFormat(lang, o).format(x).replace(/-/g, MINUS);
const F = (lang) => ({
  share: (x) => (x === null ? (lang === 'es' ? 'n/d' : 'n/a') : nf(lang, { style: 'unit', unit: 'percent', maximumFractionDigits: 1 })(x * 100)),
  percent: nf(lang, { style: 'unit', unit: 'percent', maximumFractionDigits: 1 }),
  score: nf(lang, { maximumFractionDigits: 1 }),
  whole: nf(lang, { maximumFractionDigits: 0 }),
  duration: (s) => {
    if (s === null) return lang === 'es' ? 'n/d' : 'n/a';
    const unit = (u, display = 'short') => nf(lang, { style: 'unit', unit: u, unitDisplay: display, maximumFractionDigits: 1 });
    if (Math.abs(s) < 120) return unit('second', 'narrow')(s);
    if (Math.abs(s) < 7200) return unit('minute')(s / 60);
    if (Math.abs(s) < 172800) return unit('hour')(s / 3600);
    return unit('day')(s / 86400);
  },
  money: (x, currency) => (currency
    ? nf(lang, { style: 'currency', currency, maximumFractionDigits: 0 })(x)
    : nf(lang, { maximumFractionDigits: 0 })(x)),
});

const UI = {
  en: {
    kpis: 'Contact-centre KPIs', ces: 'Customer Effort Score (CES)', effort: 'Customer effort', staffing: 'Staffing what-if', ltv: 'Value at risk',
    tiles: ['Service level', 'Abandonment', 'Avg. speed of answer', 'Avg. handle time', 'Occupancy', 'Containment', 'First-contact resolution'],
    drivers: ['Transfers', 'Reassignments', 'Channel switches', 'Escalations', 'Repeat contacts'],
  },
  es: {
    kpis: 'KPI del centro de contacto', ces: 'Customer Effort Score (CES)', effort: 'Esfuerzo del cliente', staffing: 'Simulación de dimensionamiento', ltv: 'Valor en riesgo',
    tiles: ['Nivel de servicio', 'Abandono', 'Vel. media de respuesta', 'Tiempo medio de gestión', 'Ocupación', 'Contención', 'Resolución al primer contacto'],
    drivers: ['Transferencias', 'Reasignaciones', 'Cambios de canal', 'Escalados', 'Contactos repetidos'],
  },
};
const TILE_KEYS = ['serviceLevel', 'abandonmentRate', 'asa', 'aht', 'occupancy', 'containmentRate', 'fcr'];

// ---------------------------------------------------------------------------------------------
// Pages

const json = (value) => JSON.stringify(value).replace(/</g, '\\u003c');
const HEAD = `<meta charset="utf-8"><meta name="viewport" content="width=device-width">
<style>
  body { margin: 16px; background: #f6f8fa; font: 14px system-ui, sans-serif; }
  .col { display: grid; gap: 16px; grid-template-columns: minmax(0, 1fr); }
</style>
<script>
  window.events = [];
  for (const type of ['cx-result', 'cx-error']) {
    document.addEventListener(type, (e) => window.events.push({ type, id: e.target.id, code: e.detail.code ?? null }));
  }
</script>
<script type="module">
  window.lib = await import('/cxkit/web/index.js');
  window.libReady = true;
</script>
<script type="module" src="/cxkit/widgets/index.js"></script>`;

/** Widgets of the main page: id → what it is (for the screenshots and the fit checks). */
const GIVEN = ['kpis-given', 'ces-given', 'effort-given', 'ltv-es'];
const MAIN = ['kpis-en', 'kpis-es', 'kpis-given', 'ces-en', 'ces-es', 'ces-given', 'effort-en', 'effort-es', 'effort-given',
  'staffing-en', 'staffing-es', 'ltv-en', 'ltv-cdnow', 'ltv-es', 'ltv-contacts'];

function writePages(dir) {
  fs.writeFileSync(path.join(dir, 'contacts.json'), JSON.stringify({ contacts: CONTACTS }));
  fs.writeFileSync(path.join(dir, 'ces.json'), JSON.stringify({ responses: CES }));
  fs.writeFileSync(path.join(dir, 'ltv.json'), JSON.stringify(LTV));
  fs.writeFileSync(path.join(dir, 'ops.html'), `<!doctype html><html lang="en"><head><title>ops widgets</title>${HEAD}</head><body>
<script>
  window.CONTACTS = ${json(CONTACTS)}; window.CES = ${json(CES)}; window.EFFORT = ${json({ contacts: EFFORT.contacts, options: { cesAnswers: EFFORT.cesAnswers } })};
  window.LTV = ${json(LTV)}; window.CDNOW = ${json({ customers: CDNOW_CUSTOMERS, transactions: CDNOW_TX })};
</script>
<div class="col">
  <cx-kpis id="kpis-en" src="contacts.json" group-by="queue" trend="interval" staffed-seconds="54000"></cx-kpis>
  <cx-kpis id="kpis-es" lang="es" group-by="channel"><script type="application/json">${json({ contacts: CONTACTS })}</script></cx-kpis>
  <cx-kpis id="kpis-given"></cx-kpis>
  <cx-ces id="ces-en" src="ces.json" group-by="queue" trend="day"></cx-ces>
  <cx-ces id="ces-es" lang="es" group-by="channel"></cx-ces>
  <cx-ces id="ces-given" lang="es"></cx-ces>
  <cx-effort id="effort-en"><script type="application/json">${json({ contacts: EFFORT.contacts, options: { cesAnswers: EFFORT.cesAnswers } })}</script></cx-effort>
  <cx-effort id="effort-es" lang="es"></cx-effort>
  <cx-effort id="effort-given"></cx-effort>
  <cx-staffing id="staffing-en" calls="100" aht="180" target="0.8" threshold="20"></cx-staffing>
  <cx-staffing id="staffing-es" lang="es" model="erlang-a" patience="120" calls="250" aht="240" interval-seconds="1800"></cx-staffing>
  <cx-ltv id="ltv-en" src="ltv.json" currency="EUR" effort-threshold="3"></cx-ltv>
  <cx-ltv id="ltv-cdnow" currency="USD" limit="8"></cx-ltv>
  <cx-ltv id="ltv-es" lang="es" currency="EUR"></cx-ltv>
  <cx-ltv id="ltv-contacts" effort-threshold="3.3"></cx-ltv>
</div>
<script>
  // set before the elements are upgraded (module scripts run later): the widgets must pick them up
  document.getElementById('ces-es').responses = CES;
  document.getElementById('effort-es').contacts = EFFORT.contacts;
  document.getElementById('effort-es').options = EFFORT.options;
  document.getElementById('ltv-cdnow').input = { ...CDNOW, options: ${json(CDNOW_OPTIONS)} };
  // effort indexes from effort() over the contacts; bo answers 6 (a detractor), eve's effort is
  // given and wins over the contacts'
  document.getElementById('ltv-contacts').input = { contacts: EFFORT.contacts, customers: ${json(LTV_CONTACTS)} };
</script>
</body></html>`);
  const bad = [{ id: 'x1', channel: 'voice' }, { id: 'x2', channel: 'fax' }];
  fs.writeFileSync(path.join(dir, 'errors.html'), `<!doctype html><html lang="en"><head><title>errors</title>${HEAD}</head><body>
<div class="col" id="errors">
  <cx-kpis id="kpis-bad"><script type="application/json">${json(bad)}</script></cx-kpis>
  <cx-kpis id="kpis-bad-es" lang="es"><script type="application/json">${json(bad)}</script></cx-kpis>
  <cx-kpis id="kpis-option" threshold="soon"><script type="application/json">${json(CONTACTS)}</script></cx-kpis>
  <cx-kpis id="kpis-result"></cx-kpis>
  <cx-ces id="ces-bad"><script type="application/json">[5, 9, 2]</script></cx-ces>
  <cx-effort id="effort-bad" lang="es"><script type="application/json">${json(bad)}</script></cx-effort>
  <cx-staffing id="staffing-bad" aht="0"></cx-staffing>
  <cx-ltv id="ltv-bad"><script type="application/json">{"customers": [{"customerId": "a", "nps": 3}]}</script></cx-ltv>
  <cx-ltv id="ltv-bad-nps" lang="es"><script type="application/json">{"customers": [{"customerId": "a", "ltv": 5, "nps": 11}]}</script></cx-ltv>
  <cx-ltv id="ltv-missing" src="missing.json"></cx-ltv>
</div>
</body></html>`);
}

let server;
let browser;
let pages;
let mainPage;
let errorsPage;
const consoleErrors = [];

before(async () => {
  lib = await importPackage();
  for (const f of ['kpis', 'ces', 'effort', 'agentsRequired', 'erlangC', 'erlangA', 'rfmSummary', 'fitBgNbd', 'fitGammaGamma', 'customerLifetimeValue', 'nps']) {
    assert.equal(typeof lib[f], 'function', `the package has no ${f}()`);
  }
  pages = fs.mkdtempSync(path.join(os.tmpdir(), 'cxkit-ops-widgets-'));
  writePages(pages);
  server = await serveWidgets(pages);
  browser = await launchChromium();
  [mainPage, errorsPage] = await Promise.all([open('ops.html', { width: 1024, height: 900 }), open('errors.html', { width: 1024, height: 900 })]);
  await Promise.all([settled(mainPage, GIVEN), settled(errorsPage, ['kpis-result'])]);
  // the given results: what the edge's /v1/metrics would send, computed by the page's library
  await mainPage.evaluate(() => {
    const { kpis, ces, effort, CxkitError } = window.lib;
    void CxkitError;
    const k = document.getElementById('kpis-given');
    k.trend = kpis(window.CONTACTS, { groupBy: 'day' });
    k.effort = effort(window.CONTACTS, { detail: 'summary' });
    k.result = kpis(window.CONTACTS, { groupBy: 'agentId' });
    const c = document.getElementById('ces-given');
    c.options = { groupBy: 'queue', trend: 'day' };
    c.trend = ces(window.CES, { groupBy: 'day' });
    c.result = ces(window.CES, { groupBy: 'queue' });
    document.getElementById('effort-given').result = effort(window.EFFORT.contacts, window.EFFORT.options);
    document.getElementById('ltv-es').result = document.getElementById('ltv-en').result;
  });
  await settled(mainPage);
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (pages && !process.env.KEEP) fs.rmSync(pages, { recursive: true, force: true });
  if (process.env.KEEP) console.log(`# pages kept in ${pages}`);
});

function open(file, viewport) {
  return openPage(browser, server.base, file, consoleErrors, viewport);
}

/** Waits until every widget but those in `skip` (no data yet) is ready or failed. */
async function settled(page, skip = []) {
  await page.waitForFunction((skip) => window.libReady
    && [...document.querySelectorAll('cx-kpis, cx-ces, cx-effort, cx-staffing, cx-ltv')]
      .every((e) => skip.includes(e.id) || e.dataset.state === 'ready' || e.dataset.state === 'error'),
  skip, { timeout: 20000 });
}

/** Texts of a widget's shadow root: `sel` → textContent of every match. */
function texts(page, id, sel) {
  return page.evaluate(([id, sel]) => [...document.getElementById(id).shadowRoot.querySelectorAll(sel)].map((n) => n.textContent), [id, sel]);
}
function text(page, id, sel) {
  return page.evaluate(([id, sel]) => document.getElementById(id).shadowRoot.querySelector(sel)?.textContent ?? null, [id, sel]);
}
function label(page, id) {
  return page.evaluate((id) => document.getElementById(id).shadowRoot.querySelector('[role=figure]')?.getAttribute('aria-label') ?? null, id);
}

// ---------------------------------------------------------------------------------------------
// Tests

test('screenshots of every widget at 360 and 1024 px; nothing sticks out, text ≥ 12 px', async () => {
  const problems = [];
  for (const width of [1024, 360]) {
    await mainPage.setViewportSize({ width, height: 900 });
    await mainPage.waitForTimeout(100);
    for (const id of MAIN) {
      assert.equal(await mainPage.evaluate((id) => document.getElementById(id).dataset.state, id), 'ready', `${id} is ready`);
      await mainPage.locator(`#${id}`).screenshot({ path: path.join(OUT, `ops-${id}-${width}px.png`) });
      try {
        await assertFits(mainPage, id, '.title, .n, .score, .note, .tile .name, .tile .sub, td, th, caption, dt, dd, label, .legend li, .why, .chart text');
      } catch (e) {
        problems.push(`${width}px: ${e.message}`);
      }
    }
    const overflow = await mainPage.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) problems.push(`the page scrolls sideways at ${width} px (${overflow}px)`);
  }
  await mainPage.setViewportSize({ width: 1024, height: 900 });
  assert.deepEqual(problems, []);
});

// ---------------------------------------------------------------------------------------------
// Reading a widget

/** What a widget shows: title, n, headline, tiles, table rows, chart marks, alert, aria-label. */
function read(page, id) {
  return page.evaluate((id) => {
    const el = document.getElementById(id);
    const r = el.shadowRoot;
    const q = (s) => r.querySelector(s);
    const all = (s) => [...r.querySelectorAll(s)];
    const tc = (n) => n?.textContent ?? null;
    return {
      state: el.dataset.state,
      lang: q('.card')?.lang ?? null,
      title: tc(q('.title')),
      n: tc(q('.n')),
      score: tc(q('.score')),
      ci: tc(q('.ci')),
      note: tc(q('.note')),
      label: q('[role=figure]')?.getAttribute('aria-label') ?? null,
      alert: tc(q('[role=alert]')),
      tiles: all('.tile').map((t) => ({ kpi: t.dataset.kpi, name: tc(t.querySelector('.name')), value: tc(t.querySelector('.value')), sub: tc(t.querySelector('.sub')) })),
      caption: tc(q('table.breakdown caption')),
      head: all('table.breakdown thead th').filter((th) => getComputedStyle(th).display !== 'none').map(tc),
      rows: all('table.breakdown tbody tr').map((tr) => [...tr.children].filter((c) => getComputedStyle(c).display !== 'none')
        .map((c) => (c.querySelector('.sub') ? [c.firstChild.textContent, tc(c.querySelector('.sub'))] : tc(c)))),
      bars: all('svg.chart:not(.line) .slot').map((g) => ({ label: tc(g.querySelector('.tick')), count: tc(g.querySelector('.count')), cls: g.querySelector('rect').getAttribute('class') })),
      trend: q('svg.line') ? {
        label: q('svg.line').getAttribute('aria-label'),
        series: all('svg.line .series').map((s) => ({ cls: s.getAttribute('class'), dots: s.querySelectorAll('circle').length, tips: [...s.querySelectorAll('circle title')].map(tc) })),
        ticks: all('svg.line text.tick').map(tc),
      } : null,
      legend: all('.legend li').map(tc),
      drivers: all('.driver').map((d) => [d.dataset.driver, tc(d.querySelector('.name')), tc(d.querySelector('.count'))]),
      stats: all('[data-stat]').map((d) => [d.dataset.stat, tc(d.querySelector('dt')), tc(d.querySelector('dd'))]),
      correlation: tc(q('.correlation')),
      ranked: all('.ranked .row').map((li) => ({ id: li.dataset.customer, value: tc(li.querySelector('.value')), why: tc(li.querySelector('.why')), label: li.getAttribute('aria-label') })),
      more: tc(q('.more')),
      images: r.querySelectorAll('img').length,
    };
  }, id);
}

/** `numberToWords` of the widgets (tested on its own in widgets.test.mjs), run in the page. */
function words(page, values, lang) {
  return page.evaluate(async ([values, lang]) => {
    const { numberToWords } = await import('/cxkit/widgets/index.js');
    return values.map((v) => numberToWords(v, lang));
  }, [values, lang]);
}

/** Asserts that nothing matched in the page's result and the library's differ. */
function sameResult(actual, expected, where) {
  assert.deepEqual(JSON.parse(JSON.stringify(actual)), JSON.parse(JSON.stringify(expected)), `${where}: the widget's result is the library's`);
}

// ---------------------------------------------------------------------------------------------
// <cx-kpis>

function kpiTiles(overall, effort, lang) {
  const f = F(lang);
  return TILE_KEYS.map((k, i) => {
    const v = k === 'fcr' ? effort?.summary.fcr.rate ?? null : overall[k];
    return { kpi: k, name: UI[lang].tiles[i], value: k === 'asa' || k === 'aht' ? f.duration(v) : f.share(v) };
  });
}

function kpiRows(groups, lang, name) {
  const f = F(lang);
  return groups.map((g) => [[name(g.key), `${f.whole(g.offered)} ${lang === 'es' ? 'ofrecidos' : 'offered'}`],
    f.share(g.serviceLevel), f.share(g.abandonmentRate), f.duration(g.asa), f.duration(g.aht)]);
}

test('<cx-kpis>: the library\'s KPIs, FCR, breakdown by queue and trend by interval (src)', async () => {
  const page = mainPage;
  const lib = await page.evaluate(() => ({
    result: window.lib.kpis(window.CONTACTS, { staffedSeconds: 54000, groupBy: 'queue' }),
    trend: window.lib.kpis(window.CONTACTS, { staffedSeconds: 54000, groupBy: 'interval' }),
    effort: window.lib.effort(window.CONTACTS, { detail: 'summary' }),
    widget: { result: document.getElementById('kpis-en').result, trend: document.getElementById('kpis-en').trend, effort: document.getElementById('kpis-en').effort },
  }));
  sameResult(lib.widget.result, lib.result, 'kpis-en');
  sameResult(lib.widget.trend, lib.trend, 'kpis-en trend');
  sameResult(lib.widget.effort, lib.effort, 'kpis-en effort');
  assert.ok(lib.result.groups.length >= 3 && lib.trend.groups.length >= 4, 'the fixture has queues and intervals');
  assert.ok(lib.result.overall.occupancy !== null, 'staffed-seconds gives an occupancy');
  const w = await read(page, 'kpis-en');
  const f = F('en');
  assert.equal(w.title, UI.en.kpis);
  assert.equal(w.n, `${f.whole(lib.result.overall.offered)} offered`);
  assert.deepEqual(w.tiles.map(({ kpi, name, value }) => ({ kpi, name, value })), kpiTiles(lib.result.overall, lib.effort, 'en'));
  assert.equal(w.tiles[0].sub, `answered within ${f.duration(20)}`);
  assert.equal(w.caption, 'By queue');
  assert.deepEqual(w.head, ['Queue', 'SL', 'Aband.', 'ASA', 'AHT']);
  assert.deepEqual(w.rows, kpiRows(lib.result.groups, 'en', (k) => k.queue ?? '(none)'));
  // trend: one dot per bucket with a value, tooltips and the chart's name carry the numbers
  const sl = lib.trend.groups.map((g) => g.serviceLevel);
  const ab = lib.trend.groups.map((g) => g.abandonmentRate);
  assert.deepEqual(w.trend.series.map((s) => s.dots), [sl.filter((v) => v !== null).length, ab.filter((v) => v !== null).length]);
  const hhmm = (k) => k.interval.slice(11, 16);
  assert.deepEqual(w.trend.series[0].tips, lib.trend.groups.filter((g) => g.serviceLevel !== null).map((g) => `${hhmm(g.key)}: Service level ${f.share(g.serviceLevel)}`));
  assert.ok(w.trend.ticks.includes(hhmm(lib.trend.groups[0].key)) && w.trend.ticks.includes(hhmm(lib.trend.groups.at(-1).key)), 'first and last bucket under the axis');
  for (const g of lib.trend.groups) assert.ok(w.trend.label.includes(`${g.key.interval.replace('T', ' ')}, service level ${f.share(g.serviceLevel)}, abandonment ${f.share(g.abandonmentRate)}`));
  // aria-label: every KPI in words
  const o = lib.result.overall;
  const [slw, abw, occ] = await words(page, [o.serviceLevel * 100, o.abandonmentRate * 100, o.occupancy * 100], 'en');
  assert.match(w.label, new RegExp(`^Contact-centre KPIs: service level ${slw} percent, abandonment ${abw} percent, avg\\. speed of answer .+ (seconds|minutes), `
    + `avg\\. handle time .+ minutes, occupancy ${occ} percent, .*; ${o.offered} contacts offered$`));
});

test('<cx-kpis>: Spanish labels and numbers, breakdown by channel (inline JSON)', async () => {
  const page = mainPage;
  const lib = await page.evaluate(() => ({
    result: window.lib.kpis(window.CONTACTS, { groupBy: 'channel' }),
    effort: window.lib.effort(window.CONTACTS, { detail: 'summary' }),
    widget: document.getElementById('kpis-es').result,
  }));
  sameResult(lib.widget, lib.result, 'kpis-es');
  const w = await read(page, 'kpis-es');
  assert.equal(w.lang, 'es');
  assert.equal(w.title, UI.es.kpis);
  assert.equal(w.n, `${F('es').whole(lib.result.overall.offered)} ofrecidos`);
  assert.deepEqual(w.tiles.map(({ kpi, name, value }) => ({ kpi, name, value })), kpiTiles(lib.result.overall, lib.effort, 'es'));
  assert.equal(w.tiles.find((t) => t.kpi === 'occupancy').value, 'n/d', 'no staffed time: no occupancy');
  assert.equal(w.caption, 'Por canal');
  const channel = { voice: 'Voz', chat: 'Chat', email: 'Correo' };
  assert.deepEqual(w.rows, kpiRows(lib.result.groups, 'es', (k) => channel[k.channel]));
  assert.match(w.label, /^KPI del centro de contacto: nivel de servicio .+ por ciento, abandono .+ ocupación no disponible, .+; \d+ contactos ofrecidos$/);
});

test('<cx-kpis>: a result computed elsewhere (KpiGrouped by agent + trend + effort properties)', async () => {
  const page = mainPage;
  const lib = await page.evaluate(() => ({
    result: window.lib.kpis(window.CONTACTS, { groupBy: 'agentId' }),
    trend: window.lib.kpis(window.CONTACTS, { groupBy: 'day' }),
    effort: window.lib.effort(window.CONTACTS, { detail: 'summary' }),
  }));
  const w = await read(page, 'kpis-given');
  assert.equal(w.state, 'ready');
  assert.deepEqual(w.tiles.map(({ kpi, name, value }) => ({ kpi, name, value })), kpiTiles(lib.result.overall, lib.effort, 'en'));
  assert.equal(w.caption, 'By agent');
  assert.deepEqual(w.rows, kpiRows(lib.result.groups, 'en', (k) => k.agentId ?? '(none)'));
  assert.equal(w.trend.series[0].dots, lib.trend.groups.length);
  // the language changes at runtime: labels change, nothing is recomputed
  const n = await page.evaluate(() => window.events.filter((e) => e.type === 'cx-result').length);
  await page.evaluate(() => document.getElementById('kpis-given').setAttribute('lang', 'es'));
  await page.waitForFunction(() => document.getElementById('kpis-given').shadowRoot.querySelector('.card').lang === 'es', null, { timeout: 3000 });
  const es = await read(page, 'kpis-given');
  assert.equal(es.title, UI.es.kpis);
  assert.deepEqual(es.tiles.map(({ kpi, name, value }) => ({ kpi, name, value })), kpiTiles(lib.result.overall, lib.effort, 'es'));
  assert.equal(es.caption, 'Por agente');
  assert.equal(await page.evaluate(() => window.events.filter((e) => e.type === 'cx-result').length), n, 'no recomputation');
  await page.evaluate(() => document.getElementById('kpis-given').removeAttribute('lang'));
});

// ---------------------------------------------------------------------------------------------
// <cx-ces>

function cesExpect(w, r, lang, where) {
  const f = F(lang);
  assert.equal(w.title, UI[lang].ces, where);
  assert.equal(w.n, `n = ${f.whole(r.n)}`, where);
  assert.equal(w.score, f.score(r.mean), `${where}: mean`);
  assert.equal(w.ci, `${lang === 'es' ? `IC ${f.percent(95)}` : `${f.percent(95)} CI`} ${f.score(r.ci.low)}–${f.score(r.ci.high)}`, `${where}: interval`);
  assert.equal(w.note, `${lang === 'es' ? 'media en' : 'mean on'} 1–7 · ${f.percent(r.percentEasy)} ${lang === 'es' ? 'fácil' : 'easy'}`, `${where}: note`);
  assert.deepEqual(w.bars.map((b) => [b.label, b.count]), Object.entries(r.distribution).map(([p, c]) => [p, f.whole(c)]), `${where}: bars`);
}

test('<cx-ces>: the library\'s CES with breakdown by queue and trend by day, Spanish by channel', async () => {
  const page = mainPage;
  const lib = await page.evaluate(() => ({
    queue: window.lib.ces(window.CES, { groupBy: 'queue' }),
    channel: window.lib.ces(window.CES, { groupBy: 'channel' }),
    day: window.lib.ces(window.CES, { groupBy: 'day' }),
    easy: [1, 2, 3, 4, 5, 6, 7].map((p) => window.lib.ces([p]).percentEasy > 0),
    widgets: ['ces-en', 'ces-es', 'ces-given'].map((id) => document.getElementById(id).result),
  }));
  sameResult(lib.widgets[0], lib.queue, 'ces-en');
  sameResult(lib.widgets[1], lib.channel, 'ces-es');
  sameResult(lib.widgets[2], lib.queue, 'ces-given');
  const en = await read(page, 'ces-en');
  cesExpect(en, lib.queue.overall, 'en', 'ces-en');
  // easy bars are those the library counts as easy
  assert.deepEqual(en.bars.map((b) => /satisfied/.test(b.cls)), lib.easy);
  assert.equal(en.caption, 'By queue');
  assert.deepEqual(en.head, ['Queue', 'Mean', 'Easy', 'n']);
  const f = F('en');
  assert.deepEqual(en.rows, lib.queue.groups.map((g) => [g.key, f.score(g.mean), f.percent(g.percentEasy), f.whole(g.n)]));
  assert.equal(en.trend.series[0].dots, lib.day.groups.length);
  const day = (k) => new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${k}T00:00:00Z`));
  assert.deepEqual(en.trend.series[0].tips, lib.day.groups.map((g) => `${day(g.key)}: Mean ${f.score(g.mean)}`));
  const [pct] = await words(page, [lib.queue.overall.percentEasy], 'en');
  assert.equal(en.label, `Customer Effort Score: ${f.score(lib.queue.overall.mean)}, mean on a scale from 1 to 7 (95% confidence interval from `
    + `${f.score(lib.queue.overall.ci.low)} to ${f.score(lib.queue.overall.ci.high)}), ${pct} percent easy, ${lib.queue.overall.n} responses`);

  const es = await read(page, 'ces-es');
  assert.equal(es.lang, 'es');
  cesExpect(es, lib.channel.overall, 'es', 'ces-es');
  assert.equal(es.caption, 'Por canal');
  assert.deepEqual(es.head, ['Canal', 'Media', 'Fácil', 'n']);
  const fe = F('es');
  const channel = { voice: 'Voz', chat: 'Chat' };
  assert.deepEqual(es.rows, lib.channel.groups.map((g) => [channel[g.key], fe.score(g.mean), fe.percent(g.percentEasy), fe.whole(g.n)]));
  assert.ok(es.legend[0].startsWith('Fácil') && es.legend[1].startsWith('No fácil'));
  assert.equal(es.trend, null, 'no trend without the attribute');

  const given = await read(page, 'ces-given');
  cesExpect(given, lib.queue.overall, 'es', 'ces-given');
  assert.deepEqual(given.rows, lib.queue.groups.map((g) => [g.key, fe.score(g.mean), fe.percent(g.percentEasy), fe.whole(g.n)]));
  assert.equal(given.trend.series[0].dots, lib.day.groups.length);
});

// ---------------------------------------------------------------------------------------------
// <cx-effort>

function effortExpect(w, r, lang, where) {
  const f = F(lang);
  const s = r.summary;
  assert.equal(w.title, UI[lang].effort, where);
  assert.equal(w.score, f.score(s.effortIndex.perContact), `${where}: index`);
  assert.deepEqual(w.drivers, ['transfers', 'reassignments', 'channelSwitches', 'escalations', 'repeatContacts']
    .map((d, i) => [d, UI[lang].drivers[i], f.whole(s[d])]), `${where}: drivers`);
  assert.deepEqual(w.stats.map(([k, , v]) => [k, v]), [
    ['repeatRate', f.share(s.repeatRate)], ['fcr', f.share(s.fcr.rate)], ['perResolution', f.score(s.contactsPerResolution)],
    ['ttr', f.duration(s.timeToResolution.medianSeconds)],
  ], `${where}: stats`);
  assert.deepEqual(w.rows, r.queues.map((q) => [q.queue, f.whole(q.contacts), f.whole(q.transfers), f.whole(q.escalations), f.whole(q.repeatContacts), f.score(q.effortIndex)]),
    `${where}: queues`);
  const c = r.cesCorrelation;
  const two = (o) => nf(lang, { maximumFractionDigits: 2, ...o });
  assert.equal(w.correlation, lang === 'es'
    ? `CES e índice de esfuerzo: ρ de Spearman ${two({ signDisplay: 'exceptZero' })(c.rho)} (p ${two()(c.pValue)}, n = ${c.n})`
    : `CES and effort index: Spearman ρ ${two({ signDisplay: 'exceptZero' })(c.rho)} (p ${two()(c.pValue)}, n = ${c.n})`, `${where}: correlation`);
}

test('<cx-effort>: effort index, drivers, queues and CES correlation from effort() (en, es, given)', async () => {
  const page = mainPage;
  const lib = await page.evaluate(() => ({
    summary: window.lib.effort(window.EFFORT.contacts, { detail: 'summary', ...window.EFFORT.options }),
    full: window.lib.effort(window.EFFORT.contacts, window.EFFORT.options),
    widgets: ['effort-en', 'effort-es', 'effort-given'].map((id) => document.getElementById(id).result),
  }));
  sameResult(lib.widgets[0], lib.summary, 'effort-en');
  sameResult(lib.widgets[1], lib.summary, 'effort-es');
  sameResult(lib.widgets[2], lib.full, 'effort-given');
  assert.ok(lib.summary.cesCorrelation?.rho !== null && lib.summary.queues.length >= 2, 'the fixture has a correlation and queues');
  const en = await read(page, 'effort-en');
  effortExpect(en, lib.summary, 'en', 'effort-en');
  assert.deepEqual(en.head, ['Queue', 'Contacts', 'Transf.', 'Escal.', 'Repeats', 'Index']);
  const s = lib.summary.summary;
  const [rr, fcr] = await words(page, [s.repeatRate * 100, s.fcr.rate * 100], 'en');
  assert.equal(en.label, `Customer effort: index ${F('en').score(s.effortIndex.perContact)} per contact; transfers ${(await words(page, [s.transfers], 'en'))[0]}, `
    + `reassignments ${(await words(page, [s.reassignments], 'en'))[0]}, channel switches ${(await words(page, [s.channelSwitches], 'en'))[0]}, `
    + `escalations ${(await words(page, [s.escalations], 'en'))[0]}, repeat contacts ${(await words(page, [s.repeatContacts], 'en'))[0]}; `
    + `repeat rate ${rr} percent, first-contact resolution ${fcr} percent; ${s.contacts} contacts`);
  const es = await read(page, 'effort-es');
  assert.equal(es.lang, 'es');
  effortExpect(es, lib.summary, 'es', 'effort-es');
  assert.equal(es.n, `${s.contacts} contactos`);
  effortExpect(await read(page, 'effort-given'), lib.full, 'en', 'effort-given');
});

// ---------------------------------------------------------------------------------------------
// <cx-staffing>

async function staffing(page, id) {
  return page.evaluate((id) => {
    const el = document.getElementById(id);
    const r = el.shadowRoot;
    const inputs = el.inputs;
    return {
      inputs,
      result: el.result,
      lib: (() => {
        try {
          return window.lib.agentsRequired(inputs);
        } catch (e) {
          return { error: e.code };
        }
      })(),
      curveLib: [...r.querySelectorAll('svg.chart .slot')].map((g) => {
        const n = Number(g.querySelector('.tick').textContent);
        const base = { callsPerInterval: inputs.callsPerInterval, intervalSeconds: inputs.intervalSeconds, ahtSeconds: inputs.ahtSeconds, thresholdSeconds: inputs.thresholdSeconds };
        return inputs.model === 'erlang-a'
          ? window.lib.erlangA({ ...base, agents: n, patienceSeconds: inputs.patienceSeconds }).serviceLevel
          : window.lib.erlangC({ ...base, agents: n }).serviceLevel;
      }),
      agents: r.querySelector('.agents .score')?.textContent,
      model: r.querySelector('.agents .label')?.textContent,
      stats: [...r.querySelectorAll('[data-stat]')].map((d) => [d.dataset.stat, d.querySelector('dd').textContent]),
      curve: [...r.querySelectorAll('svg.chart .slot')].map((g) => [g.querySelector('.tick').textContent, g.querySelector('.count').textContent, g.querySelector('rect').getAttribute('class')]),
      fields: Object.fromEntries([...r.querySelectorAll('input, select')].map((i) => [i.id, i.value])),
      patienceShown: !r.querySelector('[data-field="patienceSeconds"]').hidden,
      labels: [...r.querySelectorAll('label')].map((l) => l.textContent),
      status: r.querySelector('[role=status]')?.textContent ?? null,
      alert: r.querySelector('[role=alert]')?.textContent ?? null,
      focused: r.activeElement?.id ?? null,
    };
  }, id);
}

function staffingExpect(s, lang, where) {
  const f = F(lang);
  const r = s.lib;
  sameResult(s.result, r, where);
  assert.equal(s.agents, f.whole(r.agents), `${where}: agents`);
  assert.deepEqual(s.stats, [
    ['serviceLevel', f.share(r.serviceLevel)], ['asa', f.duration(r.asa)], ['occupancy', f.share(r.occupancy)],
    ['probabilityWait', f.share(r.probabilityWait)],
    ...(r.probabilityAbandon === undefined ? [] : [['probabilityAbandon', f.share(r.probabilityAbandon)]]),
    ['traffic', f.score(r.trafficErlangs)],
  ], `${where}: stats`);
  assert.ok(s.curve.some((c) => Number(c[0]) === r.agents), `${where}: the chart has the answer`);
  assert.deepEqual(s.curve.map((c) => c[1]), s.curveLib.map((v) => f.share(v)), `${where}: service level by agents`);
  assert.deepEqual(s.curve.map((c) => /satisfied/.test(c[2])), s.curve.map((c) => Number(c[0]) >= r.agents), `${where}: bars meeting the target`);
}

test('<cx-staffing>: agents needed from agentsRequired(), recomputed live from the keyboard', async () => {
  const page = mainPage;
  let s = await staffing(page, 'staffing-en');
  assert.deepEqual(s.inputs, { intervalSeconds: 1800, model: 'erlang-c', callsPerInterval: 100, ahtSeconds: 180, targetServiceLevel: 0.8, thresholdSeconds: 20 });
  staffingExpect(s, 'en', 'initial');
  assert.equal(s.patienceShown, false);
  assert.deepEqual(s.labels, ['Calls per interval', 'Average handle time', 'Target service level', 'Answered within', 'Mean patience', 'Model', 'Interval']);
  const before = s.lib.agents;
  const events = await page.evaluate(() => window.events.length);

  // Tab reaches the first control (the calls range); arrow keys move it
  await page.evaluate(() => { document.activeElement?.blur(); document.getElementById('staffing-en').scrollIntoView(); });
  await page.evaluate(() => document.getElementById('staffing-en').shadowRoot.getElementById('r-callsPerInterval').focus());
  for (let k = 0; k < 40; k++) await page.keyboard.press('ArrowRight');
  s = await staffing(page, 'staffing-en');
  assert.equal(s.focused, 'r-callsPerInterval');
  assert.equal(s.inputs.callsPerInterval, 140);
  assert.equal(s.fields['n-callsPerInterval'], '140', 'the number box follows the range');
  staffingExpect(s, 'en', 'calls 140');
  assert.ok(s.lib.agents > before, `more calls need more agents (${before} → ${s.lib.agents})`);
  assert.equal(s.status, `${s.lib.agents} agents needed, service level ${F('en').share(s.lib.serviceLevel)}`, 'announced politely');
  // Tab to the number box of the calls, then to the AHT range: End goes to its maximum
  await page.keyboard.press('Tab');
  assert.equal((await staffing(page, 'staffing-en')).focused, 'n-callsPerInterval');
  await page.keyboard.press('Tab');
  await page.keyboard.press('End');
  s = await staffing(page, 'staffing-en');
  assert.equal(s.focused, 'r-ahtSeconds');
  assert.equal(s.inputs.ahtSeconds, 1800);
  staffingExpect(s, 'en', 'AHT at its maximum');
  // typing a number: the target service level in percent
  await page.locator('#staffing-en').locator('#n-targetServiceLevel').fill('95');
  s = await staffing(page, 'staffing-en');
  assert.equal(s.inputs.targetServiceLevel, 0.95);
  assert.equal(s.fields['r-targetServiceLevel'], '95');
  staffingExpect(s, 'en', 'target 95 %');
  // the model from the keyboard: Erlang A shows the patience
  await page.locator('#staffing-en').locator('#s-model').focus();
  await page.keyboard.press('ArrowDown');
  s = await staffing(page, 'staffing-en');
  assert.equal(s.inputs.model, 'erlang-a');
  assert.equal(s.inputs.patienceSeconds, 120);
  assert.equal(s.patienceShown, true);
  staffingExpect(s, 'en', 'Erlang A');
  assert.ok(s.stats.some(([k]) => k === 'probabilityAbandon'));
  await page.locator('#staffing-en').screenshot({ path: path.join(OUT, 'ops-staffing-en-changed.png') });
  // a rejected input: the library's message under the controls, which stay usable
  await page.locator('#staffing-en').locator('#n-ahtSeconds').fill('0');
  s = await staffing(page, 'staffing-en');
  let libError;
  try {
    lib.agentsRequired({ ...s.inputs, ahtSeconds: 0 });
  } catch (e) {
    libError = e;
  }
  assert.ok(libError?.code, 'the library rejects an AHT of 0');
  assert.equal(s.alert, `Could not compute the staffing: ${libError.message} (${libError.code})`);
  await page.locator('#staffing-en').locator('#n-ahtSeconds').fill('200');
  s = await staffing(page, 'staffing-en');
  assert.equal(s.alert, null);
  staffingExpect(s, 'en', 'AHT 200 after the error');
  const emitted = await page.evaluate((n) => window.events.slice(n).filter((e) => e.id === 'staffing-en').map((e) => e.type), events);
  assert.ok(emitted.filter((t) => t === 'cx-result').length >= 5, 'a cx-result per change');
  assert.deepEqual(emitted.filter((t) => t === 'cx-error'), ['cx-error']);
  // aria-label of the figure follows
  const label = await page.evaluate(() => document.getElementById('staffing-en').shadowRoot.querySelector('[role=figure]').getAttribute('aria-label'));
  const [n] = await words(page, [s.lib.agents], 'en');
  assert.match(label, new RegExp(`^Staffing: ${n} agents needed \\(Erlang A \\(abandons\\)\\); service level .+ percent, average speed of answer .+, occupancy .+ percent$`));
});

test('<cx-staffing>: Spanish, Erlang A from attributes', async () => {
  const s = await staffing(mainPage, 'staffing-es');
  assert.deepEqual(s.inputs, { intervalSeconds: 1800, model: 'erlang-a', callsPerInterval: 250, ahtSeconds: 240, targetServiceLevel: 0.8, thresholdSeconds: 20, patienceSeconds: 120 });
  staffingExpect(s, 'es', 'staffing-es');
  assert.equal(s.model, `agentes necesarios · Erlang A (abandonos)`);
  assert.deepEqual(s.labels, ['Llamadas por intervalo', 'Tiempo medio de gestión', 'Nivel de servicio objetivo', 'Atendidas en', 'Paciencia media', 'Modelo', 'Intervalo']);
  assert.equal(s.patienceShown, true);
});

// ---------------------------------------------------------------------------------------------
// <cx-ltv>

/** Customers at risk as the widget must rank them, from the library (Node). */
function atRisk(customers, ltvOf, threshold) {
  return customers.map((c) => {
    const ltv = c.ltv ?? ltvOf(c.customerId);
    const detractor = c.nps !== undefined && lib.nps([c.nps]).detractors === 1;
    const highEffort = c.effort !== undefined && c.effort >= threshold;
    return { ...c, ltv, detractor, highEffort };
  }).filter((c) => c.detractor || c.highEffort).sort((a, b) => b.ltv - a.ltv || a.customerId.localeCompare(b.customerId));
}

test('<cx-ltv>: value at risk from given lifetime values (src, EUR) and the same result in Spanish', async () => {
  const page = mainPage;
  const expected = atRisk(LTV.customers, () => undefined, 3);
  assert.ok(expected.length >= 5 && expected.length < LTV.customers.length, 'the fixture has customers at risk and others');
  assert.ok(expected.some((c) => c.detractor && !c.highEffort) && expected.some((c) => c.highEffort && !c.detractor), 'both reasons');
  const f = F('en');
  const total = expected.reduce((s, c) => s + c.ltv, 0);
  const w = await read(page, 'ltv-en');
  assert.equal(w.title, UI.en.ltv);
  assert.equal(w.score, f.money(total, 'EUR'));
  assert.equal(w.n, `${LTV.customers.length} customers`);
  assert.match(w.note, new RegExp(`^${expected.length} of ${LTV.customers.length} customers at risk · ${expected.filter((c) => c.detractor).length} detractors · ${expected.filter((c) => c.highEffort).length} high effort`));
  assert.deepEqual(w.ranked.map((r) => [r.id, r.value]), expected.slice(0, 10).map((c) => [c.customerId, f.money(c.ltv, 'EUR')]));
  w.ranked.forEach((r, i) => {
    const c = expected[i];
    assert.equal(/Detractor \(NPS \d+\)/.test(r.why), c.detractor, `${c.customerId}: detractor badge`);
    assert.equal(/High effort \(effort [\d.]+\)/.test(r.why), c.highEffort, `${c.customerId}: effort badge`);
    assert.ok(r.label.startsWith(`${i + 1}. ${c.customerId}: ${f.money(c.ltv, 'EUR')}, `), `${c.customerId}: aria-label`);
  });
  assert.equal(w.label, `Value at risk: ${f.money(total, 'EUR')} from ${expected.length} of ${LTV.customers.length} customers `
    + `(${expected.filter((c) => c.detractor).length} detractors, ${expected.filter((c) => c.highEffort).length} high effort)`);
  // the same result given to a Spanish widget
  const es = await read(page, 'ltv-es');
  const fe = F('es');
  assert.equal(es.title, UI.es.ltv);
  assert.equal(es.score, fe.money(total, 'EUR'));
  assert.deepEqual(es.ranked.map((r) => [r.id, r.value]), expected.slice(0, 10).map((c) => [c.customerId, fe.money(c.ltv, 'EUR')]));
  assert.ok(es.ranked.every((r, i) => /Detractor|Esfuerzo alto/.test(r.why) && r.label.startsWith(`${i + 1}. `)));
  assert.match(es.note, /clientes en riesgo · \d+ detractores · \d+ con esfuerzo alto · Valor esperado total/);
});

test('<cx-ltv>: lifetime values modelled from the CDNOW purchases (BG/NBD + Gamma–Gamma in the browser)', async () => {
  const page = mainPage;
  const rows = lib.rfmSummary(CDNOW_TX, CDNOW_OPTIONS.rfm);
  const models = { bgNbd: lib.fitBgNbd(rows), gammaGamma: lib.fitGammaGamma(rows) };
  assert.ok(models.bgNbd.converged && models.gammaGamma.converged);
  const byId = new Map(rows.map((r) => [r.customerId, r]));
  const ltvOf = (id) => lib.customerLifetimeValue(models, byId.get(id)).value;
  const expected = atRisk(CDNOW_CUSTOMERS, ltvOf, 2);
  const result = await page.evaluate(() => document.getElementById('ltv-cdnow').result);
  assert.deepEqual(result.atRisk.map((c) => c.customerId), expected.map((c) => c.customerId), 'ranking');
  result.atRisk.forEach((c, i) => {
    assert.equal(c.ltvSource, 'model');
    assert.ok(Math.abs(c.ltv - expected[i].ltv) <= 1e-9 * Math.max(1, expected[i].ltv), `${c.customerId}: ${c.ltv} vs ${expected[i].ltv}`);
  });
  assert.ok(Math.abs(result.models.bgNbd.r - models.bgNbd.r) < 1e-9, 'the same BG/NBD fit');
  const f = F('en');
  const w = await read(page, 'ltv-cdnow');
  assert.equal(w.ranked.length, 8, 'limit="8"');
  assert.equal(w.more, `and ${expected.length - 8} more`);
  assert.deepEqual(w.ranked.map((r) => [r.id, r.value]), expected.slice(0, 8).map((c) => [c.customerId, f.money(c.ltv, 'USD')]));
  assert.ok(w.ranked.every((r) => r.why.includes('modelled')));
  assert.equal(w.score, f.money(expected.reduce((s, c) => s + c.ltv, 0), 'USD'));
});

test('<cx-ltv>: effort indexes per customer from effort() over contacts', async () => {
  const report = lib.effort(EFFORT.contacts);
  const index = new Map(report.customers.map((c) => [c.customerId, c.effortIndex]));
  const customers = LTV_CONTACTS.map((c) => ({ ...c, effort: c.effort ?? index.get(c.customerId) }));
  const expected = atRisk(customers, () => undefined, 3.3);
  assert.ok(expected.some((c) => c.highEffort) && expected.some((c) => c.detractor), 'both reasons');
  assert.ok(!expected.some((c) => c.customerId === 'eve'), 'a given effort wins over the contacts\'');
  const result = await mainPage.evaluate(() => document.getElementById('ltv-contacts').result);
  assert.deepEqual(result.atRisk.map((c) => [c.customerId, c.ltv, c.effort, c.detractor, c.highEffort]),
    expected.map((c) => [c.customerId, c.ltv, c.effort, c.detractor, c.highEffort]));
  const w = await read(mainPage, 'ltv-contacts');
  assert.deepEqual(w.ranked.map((r) => [r.id, r.value]), expected.map((c) => [c.customerId, F('en').money(c.ltv)]));
});

// ---------------------------------------------------------------------------------------------
// Errors, accessibility, events

test('errors: an inline alert with the library\'s message and code, in the widget\'s language', async () => {
  const page = errorsPage;
  const fail = (fn) => {
    try {
      fn();
    } catch (e) {
      return e;
    }
    assert.fail('the library accepts it');
  };
  const bad = [{ id: 'x1', channel: 'voice' }, { id: 'x2', channel: 'fax' }];
  const kpiError = fail(() => lib.kpis(bad));
  assert.match(kpiError.message, /contacts\[1\]/, 'the message names the record');
  const cases = {
    'kpis-bad': `Could not compute the KPIs: ${kpiError.message} (${kpiError.code})`,
    'kpis-bad-es': `No se pudieron calcular los KPI: ${kpiError.message} (${kpiError.code})`,
    'kpis-option': (() => { const e = fail(() => lib.kpis(CONTACTS, { serviceLevelThresholdSeconds: 'soon' })); return `Could not compute the KPIs: ${e.message} (${e.code})`; })(),
    'ces-bad': (() => { const e = fail(() => lib.ces([5, 9, 2])); return `Could not compute the CES: ${e.message} (${e.code})`; })(),
    'effort-bad': (() => { const e = fail(() => lib.effort(bad)); return `No se pudo calcular el esfuerzo del cliente: ${e.message} (${e.code})`; })(),
    'staffing-bad': (() => { const e = fail(() => lib.agentsRequired({ callsPerInterval: 100, intervalSeconds: 1800, ahtSeconds: 0, thresholdSeconds: 20, targetServiceLevel: 0.8, model: 'erlang-c' })); return `Could not compute the staffing: ${e.message} (${e.code})`; })(),
    'ltv-bad': 'Could not compute the value at risk: customers[0].ltv: expected a number ≥ 0, or transactions to model it (missing_field)',
    'ltv-bad-nps': (() => { const e = fail(() => lib.nps([11])); return `No se pudo calcular el valor en riesgo: customers[0].nps: ${e.message} (${e.code})`; })(),
  };
  for (const [id, alert] of Object.entries(cases)) {
    const w = await read(page, id);
    assert.equal(w.state, 'error', id);
    assert.equal(w.alert, alert, id);
    assert.equal(w.label, null, `${id}: no figure without a result`);
  }
  assert.match((await read(page, 'ltv-missing')).alert, /^Could not load the data: missing\.json: HTTP 404.* \(fetch_failed\)$/);
  // a result of the wrong shape given from outside
  await page.evaluate(() => { document.getElementById('kpis-result').result = { score: 42 }; });
  await page.waitForFunction(() => document.getElementById('kpis-result').dataset.state === 'error', null, { timeout: 3000 });
  assert.equal((await read(page, 'kpis-result')).alert,
    'Could not read the data: result: expected a KpiResult (with `offered`, `serviceLevel` …) or a KpiGrouped `{ overall, groups }` (invalid_result)');
  const codes = await page.evaluate(() => Object.fromEntries(window.events.filter((e) => e.type === 'cx-error').map((e) => [e.id, e.code])));
  assert.equal(codes['kpis-bad'], kpiError.code);
  assert.equal(codes['kpis-result'], 'invalid_result');
  assert.equal(codes['ltv-missing'], 'fetch_failed');
  await page.locator('#errors').screenshot({ path: path.join(OUT, 'ops-errors.png') });
  // good data clears the error; the given result gives the data back when set to null
  await page.evaluate((c) => { document.getElementById('kpis-bad').contacts = c; }, CONTACTS);
  await page.waitForFunction(() => document.getElementById('kpis-bad').dataset.state === 'ready', null, { timeout: 3000 });
  assert.equal((await read(page, 'kpis-bad')).alert, null);
  await page.evaluate((c) => {
    const el = document.getElementById('kpis-result');
    el.contacts = c;
    el.result = null;
  }, CONTACTS);
  await page.waitForFunction(() => document.getElementById('kpis-result').dataset.state === 'ready', null, { timeout: 3000 });
  // names are escaped
  await page.evaluate(() => { document.getElementById('ltv-bad').customers = [{ customerId: '<img src=x onerror=alert(1)>', ltv: 5, nps: 1 }]; });
  await page.waitForFunction(() => document.getElementById('ltv-bad').dataset.state === 'ready', null, { timeout: 3000 });
  const xss = await read(page, 'ltv-bad');
  assert.equal(xss.images, 0);
  assert.equal(xss.ranked[0].id, '<img src=x onerror=alert(1)>');
});

test('contrast: every text colour of the default theme is at least 4.5:1 on its background', async () => {
  const pairs = await mainPage.evaluate((ids) => {
    const out = [];
    const bgOf = (n) => {
      for (let e = n; e; e = e.parentElement) {
        const b = getComputedStyle(e).backgroundColor;
        if (b && b !== 'rgba(0, 0, 0, 0)' && b !== 'transparent') return b;
      }
      return 'rgb(255, 255, 255)';
    };
    for (const id of ids) {
      const r = document.getElementById(id).shadowRoot;
      const nodes = r.querySelectorAll('.title, .n, .score, .ci, .note, .tile .name, .tile .value, .tile .sub, th, td, caption, dt, dd, label, '
        + '.unit, .legend li, .why span, .badge, .rank, .who, .value, .correlation, .section, .driver .name, .driver .count, input[type=number], select, svg text');
      for (const n of nodes) {
        if (n.closest('.sr') || getComputedStyle(n).display === 'none') continue;
        const fg = n instanceof SVGElement ? getComputedStyle(n).fill : getComputedStyle(n).color;
        out.push([id, n.className?.baseVal ?? n.className ?? n.tagName, fg, bgOf(n)]);
      }
    }
    return out;
  }, MAIN);
  assert.ok(pairs.length > 200);
  const low = pairs.filter(([, , fg, bg]) => contrast(fg, bg) < 4.5).map(([id, cls, fg, bg]) => `${id} .${cls}: ${fg} on ${bg} (${contrast(fg, bg).toFixed(2)})`);
  assert.deepEqual([...new Set(low)], []);
});

test('each widget announced its result; no console errors', async () => {
  const ids = await mainPage.evaluate(() => [...new Set(window.events.filter((e) => e.type === 'cx-result').map((e) => e.id))]);
  for (const id of MAIN) assert.ok(ids.includes(id), `${id}: cx-result`);
  assert.deepEqual(consoleErrors.filter((e) => !/404/.test(e)), []);
});
