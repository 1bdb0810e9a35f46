// Browser tests of <cx-dashboard> (www/widgets/cx-dashboard.js), driven by playwright-core in
// Debian's Chromium. The page, the package and the API come from one real workerd (the built edge
// function, target/edge, with a tenant and on-disk Durable Object storage in a temporary folder):
// the static files are a temporary folder with the package (target/npm/cxkit, its widgets taken
// from www/widgets) and the pages written here.
//
//   cargo xtask build     # once, so target/npm/cxkit and target/edge exist
//   node --test tests/browser/dashboard.test.mjs
//
// Files: records dropped on the dashboard (a DataTransfer `drop`, and the file input) must show
// what MetricsAccumulator computes on the same page for the same records; an unreadable file and a
// CSV (without the library's parseRecords) show their message. Edge: the live dashboard must show
// the tenant's /metrics, and a new number within seconds of an ingest posted here. Language: the
// Spanish labels and number formats. Every expected number comes from the library (in the page or
// from the edge's own /metrics); only the display rules are restated here. Screenshots at 360 and
// 1280 px go to target/test-output/browser/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from '../support/chromium.mjs';
import { CONFIG } from '../support/edge.mjs';
import { startWorkerd } from '../support/workerd.mjs';
import { OUT, PKG, ROOT, contrast, openPage } from '../support/widgets.mjs';
import { history, signature } from '../../www/replay/replay.mjs';

const NOW = '2026-11-23T10:05:00Z';
const TENANTS = { dash: { readKeys: ['dash-read'], ingestSecrets: ['dash-ingest'], options: { effort: { detail: 'summary' } } } };
const DAYS = history(14);
/** Three days of the demo's generated history: the records dropped as a file. */
const FILE_RECORDS = {
  contacts: DAYS.slice(0, 3).flatMap((d) => d.contacts),
  surveys: DAYS.slice(0, 3).flatMap((d) => d.surveys),
  transcripts: DAYS.slice(0, 3).flatMap((d) => d.transcripts),
};

// ---------------------------------------------------------------------------------------------
// Display rules (www/widgets/base.js and cx-dashboard.js), restated

const MINUS = '\u2212';
const nf = (lang, o) => (x) => new Intl.NumberFormat(lang, o).format(x).replace(/-/g, MINUS);
const show = {
  percent: (lang, x) => nf(lang, { style: 'unit', unit: 'percent', maximumFractionDigits: 1 })(x),
  share: (lang, x) => show.percent(lang, x * 100),
  signed: (lang, x) => nf(lang, { maximumFractionDigits: 1, signDisplay: 'exceptZero' })(x),
  mean: (lang, x) => nf(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 })(x),
  index: (lang, x) => nf(lang, { maximumFractionDigits: 2 })(x),
  whole: (lang, x) => nf(lang, { maximumFractionDigits: 0 })(x),
  seconds: (lang, s) => {
    const t = Math.round(s);
    const u = (v, unit) => new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'narrow' }).format(v);
    return t >= 60 ? `${u(Math.floor(t / 60), 'minute')} ${u(t % 60, 'second')}` : u(t, 'second');
  },
};
const ov = (m) => (m && m.overall !== undefined && m.groups !== undefined ? m.overall : m);

/** The tiles a report must produce: metric -> [value text, n text]. */
function expectedTiles(r, lang) {
  const k = ov(r.kpis);
  const e = r.effort.summary;
  const v = (kind, x) => (typeof x === 'number' ? show[kind](lang, x) : lang === 'es' ? 'sin datos' : 'no data');
  const n = (x) => `n = ${show.whole(lang, x)}`;
  return {
    csat: [v('percent', ov(r.csat)?.score), n(ov(r.csat).n)],
    nps: [v('signed', ov(r.nps)?.score), n(ov(r.nps).n)],
    ces: [v('mean', ov(r.ces)?.mean), n(ov(r.ces).n)],
    serviceLevel: [v('share', k.serviceLevel), n(k.offered)],
    abandonment: [v('share', k.abandonmentRate), n(k.offered)],
    asa: [v('seconds', k.asa), n(k.answered)],
    aht: [v('seconds', k.aht), n(k.handled)],
    occupancy: [v('share', k.occupancy), n(k.handled)],
    containment: [v('share', k.containmentRate), n(k.contacts)],
    fcr: [v('share', e.fcr.rate), n(e.fcr.resolved + e.fcr.notResolved)],
    effort: [v('index', e.effortIndex.perContact), n(e.contacts)],
    sentiment: [v('signed', r.sentiment?.overall), n(r.sentiment.transcripts)],
  };
}

// ---------------------------------------------------------------------------------------------
// Server, pages, browser

let edge;
let storage;
let assets;
let browser;
const consoleErrors = [];

const HEAD = `<meta charset="utf-8"><meta name="viewport" content="width=device-width"><link rel="icon" href="data:,">
<style>body { margin: 12px; background: #f3f5f8; font: 14px system-ui, sans-serif; }</style>
<script>
  window.events = [];
  for (const type of ['cx-result', 'cx-error']) {
    document.addEventListener(type, (e) => window.events.push({ type, id: e.target.id, code: e.detail.code ?? null, file: e.detail.file ?? null }));
  }
</script>
<script type="module" src="/cxkit/widgets/index.js"></script>`;

function writePages(dir) {
  fs.writeFileSync(path.join(dir, 'files.html'), `<!doctype html><html lang="en"><head><title>files</title>${HEAD}
<script>
  // a child widget that takes a given result (as <cx-kpis> does): the dashboard hands it the KPIs
  customElements.define('cx-kpis', class extends HTMLElement {
    set result(v) { this.given = v; this.textContent = 'kpis given'; }
    get result() { return this.given ?? null; }
  });
</script></head><body>
<cx-dashboard id="files"></cx-dashboard>
</body></html>`);
  fs.writeFileSync(path.join(dir, 'live.html'), `<!doctype html><html lang="en"><head><title>live</title>${HEAD}</head><body>
<cx-dashboard id="live" src="/v1/tenants/dash" key="dash-read" from="2026-11-10" to="2026-11-23" live></cx-dashboard>
<cx-dashboard id="nokey" src="/v1/tenants/dash" from="2026-11-10" to="2026-11-23"></cx-dashboard>
</body></html>`);
}

async function ingest(records) {
  const body = JSON.stringify(records);
  const t = Math.floor(Date.parse(NOW) / 1000);
  // the same signature as the demo's replay, checked against a value computed here
  assert.match(signature('dash-ingest', body), new RegExp(`^t=${t},v1=[0-9a-f]{64}$`));
  const res = await fetch(`${edge.url}/v1/tenants/dash/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cxkit-signature': signature('dash-ingest', body) },
    body,
  });
  const json = await res.json();
  assert.equal(res.status, 200, JSON.stringify(json));
  return json;
}

async function metrics(query) {
  const res = await fetch(`${edge.url}/v1/tenants/dash/metrics?${query}`, { headers: { authorization: 'Bearer dash-read' } });
  assert.equal(res.status, 200);
  return res.json();
}

before(async () => {
  for (const f of [path.join(PKG, 'web/index.js'), CONFIG]) assert.ok(fs.existsSync(f), `${f} is missing: run \`cargo xtask build\``);
  fs.mkdirSync(OUT, { recursive: true });
  assets = fs.mkdtempSync(path.join(os.tmpdir(), 'cxkit-dash-assets-'));
  fs.cpSync(PKG, path.join(assets, 'cxkit'), { recursive: true });
  // the widgets as they are in www/widgets (the build copies them unchanged)
  for (const f of fs.readdirSync(path.join(ROOT, 'www/widgets'))) {
    fs.copyFileSync(path.join(ROOT, 'www/widgets', f), path.join(assets, 'cxkit/widgets', f));
  }
  writePages(assets);
  storage = fs.mkdtempSync(path.join(os.tmpdir(), 'cxkit-dash-do-'));
  edge = await startWorkerd(CONFIG, {
    env: { CXKIT_TENANTS: JSON.stringify(TENANTS), CXKIT_WEBHOOK_NOW: NOW },
    storage,
    extraArgs: ['--directory-path', `assets=${assets}`],
  });
  for (const day of DAYS) await ingest(day);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await edge?.stop();
  for (const d of [assets, storage]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

const open = (file, viewport = { width: 1280, height: 900 }) => openPage(browser, edge.url, file, consoleErrors, viewport);

/** What the dashboard shows. */
function read(page, id) {
  return page.evaluate((id) => {
    const el = document.getElementById(id);
    const r = el.shadowRoot;
    const text = (s) => r.querySelector(s)?.textContent ?? null;
    return {
      state: el.dataset.state,
      report: el.report,
      title: text('.title'),
      period: text('[part=period]'),
      records: text('[part=records]'),
      live: r.querySelector('[part=live]')?.dataset.live ?? null,
      updated: text('[part=updated]'),
      alerts: [...r.querySelectorAll('[role=alert]')].map((a) => a.textContent),
      tiles: Object.fromEntries([...r.querySelectorAll('[part=tile]')].map((t) => [t.dataset.metric, [
        t.querySelector('.value').textContent, t.querySelector('.n').textContent.trim(), t.querySelector('.label').textContent,
      ]])),
      charts: [...r.querySelectorAll('.trend')].map((f) => ({ metric: f.dataset.metric, dots: f.querySelectorAll('circle').length, summary: f.querySelector('.sr, .empty')?.textContent })),
      head: [...r.querySelectorAll('table thead th')].map((th) => th.textContent),
      rows: [...r.querySelectorAll('table tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent)),
      options: [...r.querySelectorAll('select option')].map((o) => [o.value, o.textContent]),
      groupBy: r.querySelector('select')?.value,
      drop: !r.querySelector('[part=drop]').hidden,
    };
  }, id);
}

/**
 * The same records through the library in the same page, arriving at the latest time they contain
 * (what the dashboard does for files, so that their transcripts fall on the export's last day).
 */
function computeInPage(page, records, query) {
  const times = [...records.contacts, ...records.surveys]
    .flatMap((r) => ['endedAt', 'abandonedAt', 'answeredAt', 'offeredAt', 'startedAt', 'respondedAt'].map((k) => r[k]))
    .filter((t) => typeof t === 'string')
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  return page.evaluate(async ([records, query, at]) => {
    const cx = await import('/cxkit/web/index.js');
    const acc = new cx.MetricsAccumulator({});
    try {
      acc.push(records, { at });
      return acc.finish(query);
    } finally {
      acc.free();
    }
  }, [records, query, times.at(-1)]);
}

const waitState = (page, id, states, timeout = 10000) => page.waitForFunction(
  ([id, states]) => states.includes(document.getElementById(id)?.dataset.state),
  [id, states],
  { timeout },
);

/** Until the live dashboard's event stream is open. */
const waitLive = (page) => page.waitForFunction(
  () => document.getElementById('live').shadowRoot.querySelector('[part=live]').dataset.live === 'live',
  null,
  { timeout: 5000 },
);

/** Tiles as shown, without their labels. */
const tileValues = (shown) => Object.fromEntries(Object.entries(shown.tiles).map(([k, [v, n]]) => [k, [v, n]]));

// ---------------------------------------------------------------------------------------------

test('a JSON file dropped on the dashboard shows what MetricsAccumulator computes on the same page', async () => {
  const page = await open('files.html');
  await waitState(page, 'files', ['empty']);
  const empty = await read(page, 'files');
  assert.equal(empty.drop, true);
  assert.equal(empty.report, null);
  // a real drop: a DataTransfer holding a File, dispatched on the card
  const json = JSON.stringify(FILE_RECORDS);
  const dataTransfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'records.json', { type: 'application/json' }));
    return dt;
  }, json);
  await page.locator('#files .card').dispatchEvent('drop', { dataTransfer });
  await waitState(page, 'files', ['ready']);
  const shown = await read(page, 'files');
  const want = await computeInPage(page, FILE_RECORDS, { groupBy: 'queue' });
  const { from, to, ...report } = shown.report;
  assert.deepEqual(report, want);
  assert.deepEqual([from, to], [want.series[0].day, want.series.at(-1).day]);
  assert.ok(want.records.contacts > 50 && ov(want.csat).n > 10 && want.sentiment.transcripts > 0, JSON.stringify(want.records));
  assert.deepEqual(tileValues(shown), expectedTiles(want, 'en'));
  assert.equal(shown.records, `${want.records.contacts} contacts · ${want.records.surveys} survey answers · ${want.records.transcripts} transcripts`);
  assert.equal(shown.live, 'files');
  // one chart per series, a dot per day with a value
  const dots = Object.fromEntries(shown.charts.map((c) => [c.metric, c.dots]));
  assert.equal(dots.contacts, want.series.filter((p) => p.contacts !== null).length);
  assert.equal(dots.csat, want.series.filter((p) => p.csat !== null).length);
  // the breakdown by queue: a row per group, CSAT with its n
  assert.deepEqual(shown.head, ['Queue', 'Contacts', 'Service level', 'Abandonment', 'AHT', 'CSAT', 'NPS', 'CES']);
  const csatRows = Object.fromEntries(want.csat.groups.map((g) => [g.key, `${show.percent('en', g.score)}(${g.n})`]));
  for (const row of shown.rows) {
    const kpi = want.kpis.groups.find((g) => g.key.queue === row[0]);
    assert.equal(row[1], show.whole('en', kpi.contacts), `contacts of ${row[0]}`);
    assert.equal(row[5], csatRows[row[0]] ?? '—', `CSAT of ${row[0]}`);
  }
  assert.deepEqual(shown.rows.map((r) => r[0]), want.kpis.groups.map((g) => g.key.queue));
  // the child widget defined on the page got its part of the report
  assert.deepEqual(await page.evaluate(() => document.getElementById('files').shadowRoot.querySelector('cx-kpis')?.given ?? null), want.kpis);

  // the breakdown selector (keyboard): by agent, recomputed in the browser
  await page.locator('#files select').focus();
  await page.locator('#files select').selectOption('agentId');
  await page.waitForFunction(() => document.getElementById('files').report.kpis.groups[0]?.key.agentId !== undefined);
  const byAgent = await read(page, 'files');
  const wantAgent = await computeInPage(page, FILE_RECORDS, { groupBy: 'agentId' });
  assert.equal(byAgent.head[0], 'Agent');
  assert.deepEqual(byAgent.rows.map((r) => r[0]), wantAgent.kpis.groups.map((g) => g.key.agentId ?? '(none)'));
  await page.screenshot({ path: path.join(OUT, 'dashboard-files-1280px.png'), fullPage: true });

  // the file input (keyboard users' way in): two files, one of them unreadable
  await page.locator('#files input[type=file]').setInputFiles([
    { name: 'day1.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(DAYS[0])) },
    { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"contacts": [') },
  ]);
  await page.waitForFunction((n) => document.getElementById('files').report?.records.contacts === n, DAYS[0].contacts.length);
  const mixed = await read(page, 'files');
  assert.equal(mixed.state, 'ready');
  assert.equal(mixed.alerts.length, 1);
  assert.match(mixed.alerts[0], /^Could not read broken\.json: .+\(invalid_json\)$/);
  const { from: f1, to: t1, ...one } = mixed.report;
  assert.deepEqual(one, await computeInPage(page, DAYS[0], { groupBy: 'agentId' }));
  assert.equal(f1, t1, 'one day of records (and their transcripts): a one-day period');
  assert.match(mixed.period, /^Period: \w{3} \d{1,2}, 2026$/);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.screenshot({ path: path.join(OUT, 'dashboard-files-360px.png'), fullPage: true });
  await page.close();
});

test('CSV exports dropped on the dashboard (Spanish headers, ";", decimal comma) are read with parseRecords', async () => {
  const page = await open('files.html');
  await waitState(page, 'files', ['empty']);
  const names = ['contactos.csv', 'encuestas.csv', 'transcripts.csv'];
  const texts = names.map((n) => fs.readFileSync(path.join(ROOT, 'tests/fixtures/import', n), 'utf8'));
  const dataTransfer = await page.evaluateHandle(([names, texts]) => {
    const dt = new DataTransfer();
    names.forEach((n, i) => dt.items.add(new File([texts[i]], n, { type: 'text/csv' })));
    return dt;
  }, [names, texts]);
  await page.locator('#files .card').dispatchEvent('drop', { dataTransfer });
  await waitState(page, 'files', ['ready']);
  const shown = await read(page, 'files');
  // the same files through the library on the same page, then the same accumulator
  const records = await page.evaluate(async (texts) => {
    const cx = await import('/cxkit/web/index.js');
    const all = { contacts: [], surveys: [], transcripts: [] };
    for (const t of texts) {
      const r = cx.parseRecords(t, { onInvalid: 'skip' });
      for (const k of Object.keys(all)) all[k].push(...r[k]);
    }
    return all;
  }, texts);
  assert.ok(records.contacts.length >= 4 && records.surveys.length >= 4 && records.transcripts.length >= 2, JSON.stringify(records).slice(0, 200));
  const want = await computeInPage(page, records, { groupBy: 'queue' });
  const { from, to, ...report } = shown.report;
  assert.deepEqual(report, want);
  assert.deepEqual(tileValues(shown), expectedTiles(want, 'en'));
  assert.equal(shown.records, `${want.records.contacts} contacts · ${want.records.surveys} survey answers · ${want.records.transcripts} transcripts`);
  assert.deepEqual(shown.alerts, []);
  // an unrelated CSV: a clear message naming the file and the code
  await page.locator('#files input[type=file]').setInputFiles([
    { name: 'unrelated.csv', mimeType: 'text/csv', buffer: fs.readFileSync(path.join(ROOT, 'tests/fixtures/import/unrelated.csv')) },
  ]);
  await page.waitForFunction(() => /unrelated\.csv/.test(document.getElementById('files').shadowRoot.querySelector('[role=alert]')?.textContent ?? ''));
  const bad = await read(page, 'files');
  assert.match(bad.alerts[0], /^Could not read unrelated\.csv: .+\(unrecognised_file\)$/);
  await page.close();
});

test('a file it cannot read: a clear message, and CSV without parseRecords', async () => {
  const page = await open('files.html');
  await waitState(page, 'files', ['empty']);
  const hasParser = await page.evaluate(async () => typeof (await import('/cxkit/web/index.js')).parseRecords === 'function');
  // keyboard users reach the file input first (the drop zone's button is its label)
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.id ?? null), 'file');
  await page.locator('#files input[type=file]').setInputFiles([
    { name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": "world"}') },
  ]);
  await waitState(page, 'files', ['error']);
  let shown = await read(page, 'files');
  assert.equal(shown.report, null);
  assert.equal(shown.alerts.length, 1);
  assert.match(shown.alerts[0], hasParser ? /^Could not read notes\.json: .+\(\w+\)$/ : /^Could not read notes\.json: not cxkit records: expected \{contacts, surveys, transcripts\}.*\(unrecognised_file\)$/);
  assert.deepEqual(await page.evaluate(() => window.events.filter((e) => e.type === 'cx-error').map((e) => e.id)), ['files']);
  if (!hasParser) {
    await page.locator('#files input[type=file]').setInputFiles([
      { name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from('id,channel,queue\nc1,voice,billing\n') },
    ]);
    await page.waitForFunction(() => /contacts\.csv/.test(document.getElementById('files').shadowRoot.querySelector('[role=alert]')?.textContent));
    shown = await read(page, 'files');
    assert.equal(shown.state, 'error');
    assert.match(shown.alerts[0], /^Could not read contacts\.csv: CSV needs parseRecords.*\(unsupported_format\)$/);
    await page.evaluate(() => document.getElementById('files').setAttribute('lang', 'es'));
    assert.match((await read(page, 'files')).alerts[0], /^No se pudo leer contacts\.csv: Los CSV necesitan parseRecords/);
  }
  await page.close();
});

test('live from the edge: the tenant\'s metrics, then a new number within seconds of an ingest', async () => {
  const page = await open('live.html');
  await waitState(page, 'live', ['ready']);
  await waitLive(page);
  const before = await read(page, 'live');
  const edgeNow = await metrics('from=2026-11-10&to=2026-11-23&groupBy=queue');
  assert.deepEqual(before.report, edgeNow);
  assert.equal(before.records, `${edgeNow.records.contacts} contacts · ${edgeNow.records.surveys} survey answers · ${edgeNow.records.transcripts} transcripts`);
  assert.deepEqual(tileValues(before), expectedTiles(edgeNow, 'en'));
  assert.equal(before.period, 'Period: Nov 10, 2026 – Nov 23, 2026');
  assert.match(before.updated, /^Updated \d{1,2}:\d{2}:\d{2}/);
  // screen readers hear the update through a polite live region
  const announced = await page.evaluate(() => {
    const region = document.getElementById('live').shadowRoot.querySelector('[aria-live=polite]');
    return region?.textContent ?? null;
  });
  // (at most every 15 s: the first numbers, not every update)
  assert.match(announced, /^Dashboard updated at \d{1,2}:\d{2}:\d{2}\s[AP]M: \d+ contacts · \d+ survey answers · \d+ transcripts$/u);
  assert.equal(before.drop, false);
  // without the key: the edge's problem, shown
  await waitState(page, 'nokey', ['error']);
  const nokey = await read(page, 'nokey');
  assert.match(nokey.alerts[0], /^Could not load the metrics: reading tenant dash's metrics needs its read key.*\(unauthorized\)$/);

  // a webhook-sized batch: one answered call and two poor answers
  const t0 = performance.now();
  const sent = await ingest({
    contacts: [{ id: 'live-test-1', platform: 'test', channel: 'voice', queue: 'billing', agentId: 'ana', offeredAt: '2026-11-23T09:00:00Z', answeredAt: '2026-11-23T09:00:05Z', talkS: 200, acwS: 30, endedAt: '2026-11-23T09:03:25Z' }],
    surveys: [
      { id: 'live-test-csat', kind: 'csat', value: 1, respondedAt: '2026-11-23T09:10:00Z', contactId: 'live-test-1', queue: 'billing' },
      { id: 'live-test-nps', kind: 'nps', value: 0, respondedAt: '2026-11-23T09:10:00Z', contactId: 'live-test-1', queue: 'billing' },
    ],
  });
  assert.deepEqual(sent.aggregated.added, { contacts: 1, surveys: 2, transcripts: 0 });
  await page.waitForFunction((n) => document.getElementById('live').report.records.contacts === n, before.report.records.contacts + 1, { timeout: 5000 });
  const ms = performance.now() - t0;
  const afterUpdate = await read(page, 'live');
  const edgeAfter = await metrics('from=2026-11-10&to=2026-11-23&groupBy=queue');
  assert.deepEqual(afterUpdate.report, edgeAfter);
  assert.deepEqual(tileValues(afterUpdate), expectedTiles(edgeAfter, 'en'));
  assert.notEqual(afterUpdate.tiles.csat[0], before.tiles.csat[0], 'the CSAT tile moved');
  assert.equal(afterUpdate.tiles.csat[1], `n = ${ov(before.report.csat).n + 1}`);
  assert.equal(afterUpdate.live, 'live');
  assert.ok(ms < 5000, `update after ${ms.toFixed(0)} ms`);
  console.log(`# live update shown ${ms.toFixed(0)} ms after the ingest was sent`);
  await page.close();
});

test('Spanish labels and numbers; group-by switches the edge query', async () => {
  const page = await open('live.html');
  await waitState(page, 'live', ['ready']);
  await waitLive(page);
  await page.evaluate(() => document.getElementById('live').setAttribute('lang', 'es'));
  const es = await read(page, 'live');
  assert.equal(es.title, 'Panel del centro de contacto');
  assert.deepEqual(Object.fromEntries(Object.entries(es.tiles).map(([k, t]) => [k, t[2].replace(/ \(.*\)$/, '')])), {
    csat: 'CSAT', nps: 'NPS', ces: 'CES', serviceLevel: 'Nivel de servicio', abandonment: 'Abandono', asa: 'ASA', aht: 'TMO',
    occupancy: 'Ocupación', containment: 'Contención', fcr: 'FCR', effort: 'Índice de esfuerzo', sentiment: 'Sentimiento',
  });
  assert.deepEqual(tileValues(es), expectedTiles(es.report, 'es'));
  assert.match(es.tiles.serviceLevel[0], /^\d+(,\d)?\s%$/u); // "54,8 %"
  assert.deepEqual(es.options, [['queue', 'Cola'], ['agentId', 'Agente'], ['channel', 'Canal']]);
  assert.equal(es.live, 'live');
  assert.match(es.records, /contactos · \d+ respuestas de encuesta · \d+ transcripciones$/);
  assert.match(es.updated, /^Actualizado a las \d{1,2}:\d{2}:\d{2}$/);
  assert.equal(es.head[0], 'Cola');
  // the selector sets group-by: a new stream, grouped by channel
  await page.locator('#live select').selectOption('channel');
  await page.waitForFunction(() => document.getElementById('live').report.kpis.groups[0]?.key.channel !== undefined, null, { timeout: 5000 });
  const byChannel = await read(page, 'live');
  assert.equal(await page.evaluate(() => document.getElementById('live').getAttribute('group-by')), 'channel');
  assert.deepEqual(byChannel.report, await metrics('from=2026-11-10&to=2026-11-23&groupBy=channel'));
  // a row per group of any metric (answers without a channel are the "(sin valor)" row, last)
  const r = byChannel.report;
  const keys = new Set([...r.kpis.groups.map((g) => g.key.channel), ...['csat', 'nps', 'ces'].flatMap((m) => r[m].groups.map((g) => g.key))]);
  const sorted = [...keys].filter((k) => k !== null).sort((a, b) => a.localeCompare(b));
  if (keys.has(null)) sorted.push('(sin valor)');
  assert.deepEqual(byChannel.rows.map((row) => row[0]), sorted);
  await page.close();
});

test('screenshots at 360 and 1280 px: nothing sticks out, readable text', async () => {
  for (const width of [1280, 360]) {
    const page = await open('live.html', { width, height: 900 });
    await waitState(page, 'live', ['ready']);
    await waitLive(page);
    const box = await page.evaluate(() => {
      const r = document.getElementById('live').shadowRoot;
      const card = r.querySelector('.card').getBoundingClientRect();
      const wrap = r.querySelector('.table-wrap');
      const outside = [...r.querySelectorAll('.card *')]
        .filter((n) => !wrap.contains(n) || n === wrap)
        .filter((n) => {
          const b = n.getBoundingClientRect();
          return b.width > 0 && (b.left < card.left - 0.5 || b.right > card.right + 0.5);
        }).map((n) => n.className.baseVal ?? n.className);
      const sizes = [...r.querySelectorAll('.tile *, figcaption, .yaxis, .xaxis, td, th')].map((n) => parseFloat(getComputedStyle(n).fontSize));
      const tile = r.querySelector('.tile');
      return {
        outside,
        minFont: Math.min(...sizes),
        pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        muted: getComputedStyle(tile.querySelector('.label')).color,
        tileBg: getComputedStyle(tile).backgroundColor,
        liveFg: getComputedStyle(r.querySelector('.live')).color,
        bg: getComputedStyle(r.querySelector('.card')).backgroundColor,
      };
    });
    assert.deepEqual(box.outside, [], `${width}px: elements outside the card`);
    assert.ok(box.minFont >= 12, `${width}px: smallest font ${box.minFont}px`);
    assert.ok(box.pageOverflow <= 0, `${width}px: the page scrolls sideways (${box.pageOverflow}px)`);
    assert.ok(contrast(box.muted, box.tileBg) >= 4.5, `tile labels ${box.muted} on ${box.tileBg}`);
    assert.ok(contrast(box.liveFg, box.bg) >= 4.5, `live indicator ${box.liveFg} on ${box.bg}`);
    await page.screenshot({ path: path.join(OUT, `dashboard-${width}px.png`), fullPage: true });
    await page.evaluate(() => document.getElementById('live').setAttribute('lang', 'es'));
    await page.locator('#live').screenshot({ path: path.join(OUT, `dashboard-es-${width}px.png`) });
    await page.close();
  }
});

test('no console errors', () => {
  assert.deepEqual(consoleErrors.filter((e) => !/40[14]/.test(e)), []);
});
