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
  'staffing-en', 'staffing-es', 'ltv-en', 'ltv-cdnow', 'ltv-es'];

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
</div>
<script>
  // set before the elements are upgraded (module scripts run later): the widgets must pick them up
  document.getElementById('ces-es').responses = CES;
  document.getElementById('effort-es').contacts = EFFORT.contacts;
  document.getElementById('effort-es').options = { cesAnswers: EFFORT.cesAnswers };
  document.getElementById('ltv-cdnow').input = { ...CDNOW, options: ${json(CDNOW_OPTIONS)} };
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
