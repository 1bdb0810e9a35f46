// Browser tests of the custom elements <cx-nps> and <cx-csat> (www/widgets), driven by
// playwright-core in Debian's Chromium, against the built npm package (target/npm/cxkit).
//
//   cargo xtask build     # once, so target/npm/cxkit exists
//   node --test tests/browser/widgets.test.mjs
//
// The server, its routes and the pages come from tests/support/widgets.mjs (the package under
// /cxkit/, the demo under /demo/, the pages written by this test under /).
//
// Expected display strings are derived from the fixture's `expected` numbers with the display
// rules documented in www/widgets/base.js; nothing about this data set's output is hard-coded
// except the words table below. Screenshots go to target/test-output/browser/.
// CXKIT_DEBUG=1 logs failed requests and 4xx/5xx responses.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from '../support/chromium.mjs';
import { OUT, ROOT, assertFits, contrast, importPackage, openPage, serveWidgets } from '../support/widgets.mjs';

const FIXTURE = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/fixtures/surveys/shared.json'), 'utf8'));

let libNps; // the package's own nps()/csat() in node: for messages and numbers beyond the fixture
let libCsat;

// ---------------------------------------------------------------------------------------------
// Expected display, from the fixture's numbers

const MINUS = '\u2212';
const fmt = (lang, options) => (x) => new Intl.NumberFormat(lang, options).format(x).replace(/-/g, MINUS);
const level = (lang, c) => new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(c);

/** Words of the whole numbers this data set needs; extend it if the fixture changes. */
const WORDS = {
  en: { 7: 'seven', 15: 'fifteen', 37: 'thirty-seven', 45: 'forty-five', 60: 'sixty', 73: 'seventy-three' },
  es: { 7: 'siete', 15: 'quince', 37: 'treinta y siete', 45: 'cuarenta y cinco', 60: 'sesenta', 73: 'setenta y tres' },
};
const SIGN = { en: ['minus', 'plus'], es: ['menos', 'más'] };
function say(x, lang, signed = false) {
  const n = Math.sign(x) * Math.round(Math.abs(x)) || 0;
  const w = WORDS[lang][Math.abs(n)];
  assert.ok(w, `add ${Math.abs(n)} to WORDS.${lang} in this test`);
  if (n < 0) return `${SIGN[lang][0]} ${w}`;
  return n > 0 && signed ? `${SIGN[lang][1]} ${w}` : w;
}

function expectedNps(lang) {
  const e = FIXTURE.nps.expected;
  const signed1 = fmt(lang, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const signed0 = fmt(lang, { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  const pct = fmt(lang, { style: 'unit', unit: 'percent', maximumFractionDigits: 1 });
  const lv = level(lang, e.ci.confidence);
  const range = `${signed0(e.ci.low)} ${lang === 'es' ? 'a' : 'to'} ${signed0(e.ci.high)}`;
  const words = [say(e.score, lang, true), say(e.ci.low, lang, true), say(e.ci.high, lang, true)];
  return {
    score: signed1(e.score),
    ci: lang === 'es' ? `IC ${lv} ${range}` : `${lv} CI ${range}`,
    n: `n = ${fmt(lang, {})(e.n)}`,
    title: 'Net Promoter Score',
    groups: lang === 'es' ? ['Detractores', 'Pasivos', 'Promotores'] : ['Detractors', 'Passives', 'Promoters'],
    shares: [e.detractors, e.passives, e.promoters].map((k) => pct((k / e.n) * 100)),
    label: lang === 'es'
      ? `Net Promoter Score: ${words[0]} (intervalo de confianza del ${lv} de ${words[1]} a ${words[2]}), ${e.n} respuestas`
      : `Net Promoter Score: ${words[0]} (${lv} confidence interval from ${words[1]} to ${words[2]}), ${e.n} responses`,
    bars: 11,
  };
}

function expectedCsat(lang) {
  const e = FIXTURE.csat.expected;
  const pct1 = fmt(lang, { style: 'unit', unit: 'percent', maximumFractionDigits: 1 });
  const pct0 = fmt(lang, { style: 'unit', unit: 'percent', maximumFractionDigits: 0 });
  const whole = fmt(lang, { maximumFractionDigits: 0 });
  const lv = level(lang, e.ci.confidence);
  const range = `${whole(e.ci.low)}–${pct0(e.ci.high)}`;
  const [s, lo, hi] = [say(e.score, lang), say(e.ci.low, lang), say(e.ci.high, lang)];
  return {
    score: pct1(e.score),
    ci: lang === 'es' ? `IC ${lv} ${range}` : `${lv} CI ${range}`,
    n: `n = ${whole(e.n)}`,
    title: lang === 'es' ? 'Satisfacción del cliente (CSAT)' : 'Customer satisfaction (CSAT)',
    summary: lang === 'es' ? `${e.satisfied} de ${e.n} satisfechos` : `${e.satisfied} of ${e.n} satisfied`,
    label: lang === 'es'
      ? `Satisfacción del cliente: ${s} por ciento (intervalo de confianza del ${lv} de ${lo} a ${hi} por ciento), ${e.n} respuestas`
      : `Customer satisfaction: ${s} percent (${lv} confidence interval from ${lo} to ${hi} percent), ${e.n} responses`,
    bars: 5,
  };
}

// ---------------------------------------------------------------------------------------------
// Test pages

const json = (value) => JSON.stringify(value).replace(/</g, '\\u003c');
const HEAD = `<meta charset="utf-8"><meta name="viewport" content="width=device-width">
<style>
  body { margin: 16px; background: #f6f8fa; font: 14px system-ui, sans-serif; }
  .grid { display: grid; grid-template-columns: repeat(2, 400px); gap: 16px; align-items: start; }
  .narrow { width: 320px; }
  .pair { display: flex; gap: 16px; align-items: start; margin-top: 16px; width: max-content; }
  .pair > cx-nps { width: 360px; }
</style>
<script>
  window.events = [];
  for (const type of ['cx-result', 'cx-error']) {
    document.addEventListener(type, (e) => window.events.push({ type, id: e.target.id, code: e.detail.code ?? null, score: e.detail.result?.score ?? null }));
  }
</script>
<script type="module" src="/cxkit/widgets/index.js"></script>`;

function writePages(dir) {
  const { nps, csat } = FIXTURE;
  fs.writeFileSync(path.join(dir, 'nps.json'), JSON.stringify({ responses: nps.responses, options: nps.options }));
  fs.writeFileSync(path.join(dir, 'csat.json'), JSON.stringify(csat.responses));
  const inline = { nps: json({ responses: nps.responses, options: nps.options }), csat: json(csat.responses) };
  const cells = [];
  for (const kind of ['nps', 'csat']) {
    for (const lang of ['en', 'es']) {
      cells.push(`<cx-${kind} id="${kind}-prop-${lang}" lang="${lang}"></cx-${kind}>`);
      cells.push(`<cx-${kind} id="${kind}-inline-${lang}" lang="${lang}"><script type="application/json">${inline[kind]}</script></cx-${kind}>`);
      cells.push(`<cx-${kind} id="${kind}-src-${lang}" lang="${lang}" src="${kind}.json"></cx-${kind}>`);
    }
  }
  fs.writeFileSync(path.join(dir, 'widgets.html'), `<!doctype html><html lang="en"><head><title>widgets</title>${HEAD}</head><body>
<script>window.FIXTURE = ${json({ nps: nps.responses, csat: csat.responses })};</script>
<div class="grid">${cells.join('\n')}
  <section id="sec" lang="es"><cx-nps id="nps-inherit"><script type="application/json">${inline.nps}</script></cx-nps></section>
  <cx-csat id="csat-doc"><script type="application/json">${inline.csat}</script></cx-csat>
</div>
<div id="narrow" class="pair">
  <div class="narrow"><cx-nps id="nps-narrow" lang="es"><script type="application/json">${inline.nps}</script></cx-nps></div>
  <div class="narrow"><cx-csat id="csat-narrow" lang="es"><script type="application/json">${inline.csat}</script></cx-csat></div>
</div>
<script>
  // set before the elements are upgraded (module scripts run later): the widgets must pick these up
  document.getElementById('nps-prop-en').responses = FIXTURE.nps;
  document.getElementById('csat-prop-en').responses = FIXTURE.csat;
</script>
</body></html>`);

  fs.writeFileSync(path.join(dir, 'errors.html'), `<!doctype html><html lang="en"><head><title>errors</title>${HEAD}</head><body>
<div id="pair" class="pair">
  <cx-nps id="range-en"><script type="application/json">[9, 10, 11, 3]</script></cx-nps>
  <cx-nps id="range-es" lang="es"><script type="application/json">[9, 10, 11, 3]</script></cx-nps>
</div>
<div class="grid">
  <cx-csat id="badjson"><script type="application/json">[5, 4, </script></cx-csat>
  <cx-csat id="badjson-es" lang="es"><script type="application/json">{"responses": [5, 4}</script></cx-csat>
  <cx-nps id="missing" src="missing.json"></cx-nps>
  <cx-csat id="label" lang="es"><script type="application/json">[5, "<img src=x onerror=alert(1)>"]</script></cx-csat>
  <cx-nps id="option" interval="wilson"><script type="application/json">[9, 10]</script></cx-nps>
</div>
</body></html>`);
}

// ---------------------------------------------------------------------------------------------
// Static server and browser

let server;
let browser;
let base;
let pages; // temporary folder of test pages
let widgetsPage;
let errorsPage;
let demoPage;
const consoleErrors = [];

before(async () => {
  ({ nps: libNps, csat: libCsat } = await importPackage());
  pages = fs.mkdtempSync(path.join(os.tmpdir(), 'cxkit-widgets-'));
  writePages(pages);
  server = await serveWidgets(pages);
  base = server.base;
  browser = await launchChromium();
  // the three pages load in parallel (each in its own context); the tests then use them in turn
  [widgetsPage, errorsPage, demoPage] = await Promise.all([
    openWidgets(),
    open('errors.html'),
    open('demo/', { width: 1200, height: 900 }),
  ]);
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (pages) fs.rmSync(pages, { recursive: true, force: true });
});

function open(file, viewport) {
  return openPage(browser, base, file, consoleErrors, viewport);
}

/** Waits until no widget on the page is loading. */
async function settled(page, selector = 'cx-nps, cx-csat') {
  await page.waitForFunction(
    (s) => [...document.querySelectorAll(s)].every((e) => e.dataset.state === 'ready' || e.dataset.state === 'error'),
    selector,
    { timeout: 5000 },
  );
}

/** What a widget shows, read from its shadow root. */
function read(page, id) {
  return page.evaluate((id) => {
    const el = document.getElementById(id);
    const r = el.shadowRoot;
    const text = (s) => r.querySelector(s)?.textContent ?? null;
    return {
      state: el.dataset.state,
      title: text('[part=title]'),
      score: text('[part=score]'),
      ci: text('[part=ci]'),
      n: text('[part=n]'),
      summary: text('[part=summary]'),
      groups: [...r.querySelectorAll('[part=groups] .name')].map((x) => x.textContent),
      shares: [...r.querySelectorAll('[part=groups] .share')].map((x) => x.textContent),
      label: r.querySelector('[role=figure]')?.getAttribute('aria-label') ?? null,
      bars: r.querySelectorAll('svg rect.bar').length,
      svgHidden: r.querySelector('svg')?.getAttribute('aria-hidden') ?? null,
      svgTitle: r.querySelector('svg > title')?.textContent ?? null,
      alert: text('[role=alert]'),
      status: text('[role=status]'),
      lang: r.querySelector('.card')?.getAttribute('lang') ?? null,
    };
  }, id);
}

function checkNps(shown, lang, where) {
  const want = expectedNps(lang);
  assert.equal(shown.state, 'ready', `${where}: ${shown.alert}`);
  assert.equal(shown.title, want.title, `${where}: title`);
  assert.equal(shown.score, want.score, `${where}: score`);
  assert.equal(shown.ci, want.ci, `${where}: interval`);
  assert.equal(shown.n, want.n, `${where}: n`);
  assert.deepEqual(shown.groups, want.groups, `${where}: group names`);
  assert.deepEqual(shown.shares, want.shares, `${where}: group shares`);
  assert.equal(shown.label, want.label, `${where}: aria-label`);
  assert.equal(shown.bars, want.bars, `${where}: bars`);
  assert.equal(shown.svgHidden, 'true', `${where}: the chart is aria-hidden`);
  assert.ok(shown.svgTitle, `${where}: the chart has a <title>`);
  assert.equal(shown.lang, lang, `${where}: lang of the card`);
}

function checkCsat(shown, lang, where) {
  const want = expectedCsat(lang);
  assert.equal(shown.state, 'ready', `${where}: ${shown.alert}`);
  assert.equal(shown.title, want.title, `${where}: title`);
  assert.equal(shown.score, want.score, `${where}: score`);
  assert.equal(shown.ci, want.ci, `${where}: interval`);
  assert.equal(shown.n, want.n, `${where}: n`);
  assert.equal(shown.summary, want.summary, `${where}: summary`);
  assert.equal(shown.label, want.label, `${where}: aria-label`);
  assert.equal(shown.bars, want.bars, `${where}: bars`);
  assert.equal(shown.svgHidden, 'true', `${where}: the chart is aria-hidden`);
  assert.equal(shown.lang, lang, `${where}: lang of the card`);
}

// ---------------------------------------------------------------------------------------------
// Tests

/** widgets.html with every widget settled (the Spanish property route set after upgrade). */
async function openWidgets() {
  const page = await open('widgets.html');
  await page.evaluate(async () => {
    await customElements.whenDefined('cx-csat');
    document.getElementById('nps-prop-es').responses = window.FIXTURE.nps;
    document.getElementById('csat-prop-es').responses = window.FIXTURE.csat;
  });
  await settled(page);
  return page;
}

test('shared fixture: both widgets, both languages, all three data routes', async () => {
  const page = widgetsPage;
  for (const route of ['prop', 'inline', 'src']) {
    for (const lang of ['en', 'es']) {
      checkNps(await read(page, `nps-${route}-${lang}`), lang, `nps-${route}-${lang}`);
      checkCsat(await read(page, `csat-${route}-${lang}`), lang, `csat-${route}-${lang}`);
    }
  }
  // the numbers in words this data set is known for
  assert.match((await read(page, 'nps-inline-en')).label, /: minus fifteen \(/);
  assert.match((await read(page, 'nps-inline-es')).label, /: menos quince \(/);

  // language from the nearest ancestor and from <html lang>
  checkNps(await read(page, 'nps-inherit'), 'es', 'nps-inherit');
  checkCsat(await read(page, 'csat-doc'), 'en', 'csat-doc');

  // events: a cx-result per widget, carrying the library's result
  const events = await page.evaluate(() => window.events);
  const srcResult = events.find((e) => e.type === 'cx-result' && e.id === 'nps-src-en');
  assert.equal(srcResult?.score, FIXTURE.nps.expected.score);
  assert.deepEqual(events.filter((e) => e.type === 'cx-error'), []);

  // 320 px wide: nothing sticks out of the card; no text under 12 px
  for (const id of ['nps-narrow', 'csat-narrow', 'nps-inline-es', 'csat-inline-en']) {
    await assertFits(page, id, 'text, .n, .ci, .name, .detail, .legend, .note, .ends');
  }

  // contrast of every text colour of the default theme against the card (WCAG AA: 4.5:1)
  const colours = await page.evaluate(() => {
    const c = (n) => getComputedStyle(n)[n instanceof SVGElement ? 'fill' : 'color'];
    const r1 = document.getElementById('nps-inline-en').shadowRoot;
    const r2 = document.getElementById('csat-inline-en').shadowRoot;
    const nodes = [...r1.querySelectorAll('.title, .n, .score, .ci, .name, .share, .detail, text'),
      ...r2.querySelectorAll('.note, .ends span, .legend li, text')];
    return { bg: getComputedStyle(r1.querySelector('.card')).backgroundColor, fg: [...new Set(nodes.map(c))] };
  });
  for (const fg of colours.fg) {
    assert.ok(contrast(fg, colours.bg) >= 4.5, `contrast ${fg} on ${colours.bg}: ${contrast(fg, colours.bg).toFixed(2)}`);
  }

  for (const [id, file] of [['nps-inline-en', 'nps-en'], ['nps-inline-es', 'nps-es'], ['csat-inline-en', 'csat-en'],
    ['csat-inline-es', 'csat-es'], ['narrow', 'both-es-320px']]) {
    await page.locator(`#${id}`).screenshot({ path: path.join(OUT, `${file}.png`) });
  }
});

test('language switches at runtime: own lang, ancestor lang, <html lang>', async () => {
  const page = widgetsPage;
  const cardLang = (id, lang) => page.waitForFunction(([id, lang]) =>
    document.getElementById(id).shadowRoot.querySelector('.card').lang === lang, [id, lang], { timeout: 2000 });
  const before = await page.evaluate(() => window.events.length);
  await page.evaluate(() => document.getElementById('nps-inline-en').setAttribute('lang', 'es'));
  await cardLang('nps-inline-en', 'es');
  checkNps(await read(page, 'nps-inline-en'), 'es', 'nps en → es');
  await page.evaluate(() => document.getElementById('csat-inline-es').setAttribute('lang', 'en'));
  await cardLang('csat-inline-es', 'en');
  checkCsat(await read(page, 'csat-inline-es'), 'en', 'csat es → en');
  await page.evaluate(() => document.getElementById('sec').setAttribute('lang', 'en-GB'));
  await cardLang('nps-inherit', 'en');
  checkNps(await read(page, 'nps-inherit'), 'en', 'section es → en-GB');
  await page.evaluate(() => { document.documentElement.lang = 'es'; });
  await cardLang('csat-doc', 'es');
  checkCsat(await read(page, 'csat-doc'), 'es', '<html lang> en → es');
  await page.evaluate(() => { document.documentElement.lang = 'fr'; });
  await cardLang('csat-doc', 'en');
  checkCsat(await read(page, 'csat-doc'), 'en', 'unsupported language → English');
  // a language change re-renders without recomputing: no new events
  assert.equal(await page.evaluate(() => window.events.length), before);
});

test('attributes and properties re-render: options, data', async () => {
  const page = widgetsPage;
  // a lower confidence level narrows the interval; the label follows
  await page.evaluate(() => document.getElementById('nps-src-en').setAttribute('confidence', '0.9'));
  await page.waitForFunction(() => document.getElementById('nps-src-en').result?.ci.confidence === 0.9, null, { timeout: 2000 });
  const ninety = await read(page, 'nps-src-en');
  const lib = libNps(FIXTURE.nps.responses, { confidence: 0.9 });
  const s0 = fmt('en', { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  assert.equal(ninety.ci, `90% CI ${s0(lib.ci.low)} to ${s0(lib.ci.high)}`);
  assert.match(ninety.label, /\(90% confidence interval from /);
  // new data through the property replaces the inline JSON; one decimal when needed
  const answers = [10, 10, 9, 8, 0, 7];
  await page.evaluate((a) => { document.getElementById('nps-inline-es').responses = a; }, answers);
  await page.waitForFunction(() => document.getElementById('nps-inline-es').result?.n === 6, null, { timeout: 2000 });
  const shown = await read(page, 'nps-inline-es');
  assert.equal(shown.score, fmt('es', { maximumFractionDigits: 1, signDisplay: 'exceptZero' })(libNps(answers).score));
  assert.match(shown.score, /,/, 'decimal comma in Spanish');
  assert.equal(shown.n, 'n = 6');
  // CSAT on a binary scale: two bars named in the widget's language
  await page.evaluate(() => {
    const el = document.getElementById('csat-src-es');
    el.setAttribute('scale', 'binary');
    el.responses = ['good', 'good', 'bad', 'good'];
  });
  await page.waitForFunction(() => document.getElementById('csat-src-es').result?.n === 4, null, { timeout: 2000 });
  const ticks = await page.evaluate(() => [...document.getElementById('csat-src-es').shadowRoot.querySelectorAll('text.tick')].map((t) => t.textContent));
  assert.deepEqual(ticks, ['Malo', 'Bueno']);
  const pct = fmt('es', { style: 'unit', unit: 'percent', maximumFractionDigits: 1 });
  assert.equal((await read(page, 'csat-src-es')).score, pct(libCsat(['good', 'good', 'bad', 'good'], { scale: 'binary' }).score));
  // removing the property gives the src back
  await page.evaluate(() => {
    const el = document.getElementById('csat-src-es');
    el.removeAttribute('scale');
    el.responses = null;
  });
  await page.waitForFunction(() => document.getElementById('csat-src-es').result?.n === 45, null, { timeout: 2000 });
  checkCsat(await read(page, 'csat-src-es'), 'es', 'back to src');
});

test('numbers in words, English and Spanish, −1000..1000', async () => {
  const table = {
    en: { 0: 'zero', 7: 'seven', 13: 'thirteen', 21: 'twenty-one', 40: 'forty', 99: 'ninety-nine', 100: 'one hundred',
      101: 'one hundred one', 342: 'three hundred forty-two', 1000: 'one thousand', '-15': 'minus fifteen',
      '-1000': 'minus one thousand', 2.5: 'three', '-2.5': 'minus three', '-0.4': 'zero' },
    es: { 0: 'cero', 1: 'uno', 16: 'dieciséis', 21: 'veintiuno', 22: 'veintidós', 32: 'treinta y dos', 100: 'cien',
      101: 'ciento uno', 115: 'ciento quince', 500: 'quinientos', 777: 'setecientos setenta y siete',
      999: 'novecientos noventa y nueve', 1000: 'mil', '-15': 'menos quince', '-21': 'menos veintiuno' },
  };
  const got = await widgetsPage.evaluate(async (table) => {
    const { numberToWords } = await import('/cxkit/widgets/index.js');
    const out = {};
    for (const [lang, cases] of Object.entries(table)) {
      out[lang] = Object.fromEntries(Object.keys(cases).map((k) => [k, numberToWords(Number(k), lang)]));
    }
    out.signed = [numberToWords(7, 'en', { signed: true }), numberToWords(7, 'es', { signed: true }), numberToWords(0, 'en', { signed: true })];
    return out;
  }, table);
  assert.deepEqual(got.en, table.en);
  assert.deepEqual(got.es, table.es);
  assert.deepEqual(got.signed, ['plus seven', 'más siete', 'zero']);
});

test('errors: inline alerts in the widget language, with code and message', async () => {
  const page = errorsPage;
  await settled(page);
  let libError;
  try {
    libNps([9, 10, 11, 3]);
  } catch (e) {
    libError = e;
  }
  assert.equal(libError?.code, 'score_out_of_range');
  const range = await read(page, 'range-en');
  assert.equal(range.state, 'error');
  assert.equal(range.alert, `Could not compute the NPS: ${libError.message} (score_out_of_range)`);
  assert.equal(range.label, null, 'no figure without a result');
  const rangeEs = await read(page, 'range-es');
  assert.equal(rangeEs.alert, `No se pudo calcular el NPS: ${libError.message} (score_out_of_range)`);

  assert.match((await read(page, 'badjson')).alert, /^Could not read the data: .+ \(invalid_json\)$/);
  assert.match((await read(page, 'badjson-es')).alert, /^No se pudieron leer los datos: .+ \(invalid_json\)$/);
  assert.match((await read(page, 'missing')).alert, /^Could not load the data: missing\.json: HTTP 404.* \(fetch_failed\)$/);
  assert.match((await read(page, 'label')).alert, /^No se pudo calcular el CSAT: .*responses\[1\].* \(unknown_label\)$/);
  assert.equal(await page.evaluate(() => document.getElementById('label').shadowRoot.querySelectorAll('img').length), 0,
    'the message is escaped');
  assert.match((await read(page, 'option')).alert, /^Could not compute the NPS: options\.interval.* \(invalid_option\)$/);

  const codes = await page.evaluate(() => Object.fromEntries(window.events.filter((e) => e.type === 'cx-error').map((e) => [e.id, e.code])));
  assert.deepEqual(codes, {
    'range-en': 'score_out_of_range', 'range-es': 'score_out_of_range', badjson: 'invalid_json',
    'badjson-es': 'invalid_json', missing: 'fetch_failed', label: 'unknown_label', option: 'invalid_option',
  });
  const alerts = await page.evaluate(() => [...document.querySelectorAll('cx-nps, cx-csat')]
    .map((e) => `${e.dataset.state}:${e.shadowRoot.querySelectorAll('[role=alert]').length}`));
  assert.deepEqual(alerts, Array(7).fill('error:1'), 'every widget shows one role="alert"');
  await page.locator('#pair').screenshot({ path: path.join(OUT, 'errors-en-es.png') });

  // while a src loads: a short text in the widget's language
  await page.evaluate(() => {
    const el = document.createElement('cx-csat');
    el.id = 'slow';
    el.lang = 'es';
    el.setAttribute('src', 'csat.json?delay=300');
    document.body.append(el);
  });
  await page.waitForFunction(() => document.getElementById('slow').dataset.state === 'loading', null, { timeout: 2000 });
  assert.equal((await read(page, 'slow')).status, 'Cargando…');
  await page.waitForFunction(() => document.getElementById('slow').dataset.state === 'ready', null, { timeout: 3000 });
  checkCsat(await read(page, 'slow'), 'es', 'slow src');

  // fixing the data clears the error
  await page.evaluate(() => { document.getElementById('range-en').responses = [9, 10, 10, 3]; });
  await page.waitForFunction(() => document.getElementById('range-en').dataset.state === 'ready', null, { timeout: 2000 });
  assert.equal((await read(page, 'range-en')).alert, null);
  await page.evaluate(() => document.getElementById('missing').setAttribute('src', 'nps.json'));
  await page.waitForFunction(() => document.getElementById('missing').dataset.state === 'ready', null, { timeout: 2000 });
  checkNps(await read(page, 'missing'), 'en', 'missing → nps.json');
});

test('demo page: both widgets in English and Spanish', async () => {
  const page = demoPage;
  await page.waitForSelector('body[data-ready="1"]', { timeout: 5000 });
  assert.equal(await page.title(), 'cxkit demo');
  const states = await page.evaluate(() => [...document.querySelectorAll('cx-nps, cx-csat')]
    .map((e) => `${e.localName}:${e.shadowRoot.querySelector('.card').lang}:${e.dataset.state}`).sort());
  assert.deepEqual(states, ['cx-csat:en:ready', 'cx-csat:es:ready', 'cx-nps:en:ready', 'cx-nps:es:ready']);
  assert.match(await page.textContent('body'), /POST \/v1\/surveys\/nps/);
  await page.screenshot({ path: path.join(OUT, 'demo.png'), fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the demo scrolls sideways at 360 px (${overflow}px)`);
  await page.screenshot({ path: path.join(OUT, 'demo-360px.png'), fullPage: true });
});

test('no console errors', () => {
  assert.deepEqual(consoleErrors.filter((e) => !/404/.test(e)), []);
});
