// Browser tests of <cx-sentiment> (www/widgets/cx-sentiment.js), driven by playwright-core in
// Debian's Chromium, against the built npm package (target/npm/cxkit).
//
//   cargo xtask build     # once, so target/npm/cxkit exists
//   node --test tests/browser/sentiment.test.mjs
//
// Two real conversations of the shared sentiment dev sets (tests/fixtures/sentiment/{en,es}/
// conversations.jsonl: en-dev-conv-01 with customer, agent and bot turns, es-dev-conv-01 with
// customer and agent turns) are rendered through the `transcript` property, inline JSON and
// `src`. What the widget shows is compared with `scoreTranscript()` called by the same page
// on the same transcript: the widget must only draw and format the library's numbers, so nothing
// about the scores is hard-coded here. Screenshots go to target/test-output/browser/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from '../support/chromium.mjs';
import { OUT, ROOT, assertFits, contrast, importPackage, openPage, serveWidgets } from '../support/widgets.mjs';

/** One conversation of the shared dev set, as a transcript (the labels stay in the fixture). */
function conversation(lang, id) {
  const file = path.join(ROOT, `tests/fixtures/sentiment/${lang}/conversations.jsonl`);
  const line = fs.readFileSync(file, 'utf8').split('\n').find((l) => l.includes(`"id": "${id}"`));
  assert.ok(line, `${id} not found in ${file}`);
  const c = JSON.parse(line);
  return { contactId: c.id, language: c.lang, turns: c.turns.map(({ speaker, text }) => ({ speaker, text })) };
}
const EN = conversation('en', 'en-dev-conv-01');
const ES = conversation('es', 'es-dev-conv-01');
const BAD = { turns: [{ speaker: 'customer', text: 'hello' }, { speaker: 'manager', text: 'hi there' }] };

let lib; // the package in node: the error the widget must show

// ---------------------------------------------------------------------------------------------
// Expected display

const MINUS = '\u2212';
const fmt = (lang, options) => (x) => new Intl.NumberFormat(lang, options).format(x).replace(/-/g, MINUS);
const signed1 = (lang) => fmt(lang, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
const signed0 = (lang) => fmt(lang, { maximumFractionDigits: 0, signDisplay: 'exceptZero' });

const UI = {
  en: {
    title: 'Conversation sentiment', customerScore: 'Customer score', trend: 'Trend',
    speakers: { customer: 'Customer', agent: 'Agent', bot: 'Bot', system: 'System' },
    labels: { positive: 'Positive', negative: 'Negative', neutral: 'Neutral', mixed: 'Mixed' },
    direction: { improved: 'improved', worsened: 'worsened', flat: 'flat' },
    turns: (n) => `${n} turns`,
    figure: (s, t, n) => `Conversation sentiment: customer score ${s}, trend ${t}, ${n} turns`,
    turn: (i, n, sp, l, s, k) => `Turn ${i} of ${n}, ${sp}, ${l}, score ${s}, ${k} matched ${k === 1 ? 'word' : 'words'}`,
    quarters: ['Speaker', 'Q1', 'Q2', 'Q3', 'Q4'],
    error: 'Could not score the transcript',
  },
  es: {
    title: 'Sentimiento de la conversación', customerScore: 'Puntuación del cliente', trend: 'Tendencia',
    speakers: { customer: 'Cliente', agent: 'Agente', bot: 'Bot', system: 'Sistema' },
    labels: { positive: 'Positivo', negative: 'Negativo', neutral: 'Neutral', mixed: 'Mixto' },
    direction: { improved: 'mejoró', worsened: 'empeoró', flat: 'estable' },
    turns: (n) => `${n} turnos`,
    figure: (s, t, n) => `Sentimiento de la conversación: puntuación del cliente ${s}, tendencia ${t}, ${n} turnos`,
    turn: (i, n, sp, l, s, k) => `Turno ${i} de ${n}, ${sp}, ${l}, puntuación ${s}, ${k} ${k === 1 ? 'palabra detectada' : 'palabras detectadas'}`,
    quarters: ['Interlocutor', 'C1', 'C2', 'C3', 'C4'],
    error: 'No se pudo puntuar la transcripción',
  },
};

// ---------------------------------------------------------------------------------------------
// Pages, server, browser

const json = (value) => JSON.stringify(value).replace(/</g, '\\u003c');
const HEAD = `<meta charset="utf-8"><meta name="viewport" content="width=device-width">
<style>
  body { margin: 16px; background: #f6f8fa; font: 14px system-ui, sans-serif; }
  .grid { display: grid; grid-template-columns: repeat(2, 560px); gap: 16px; align-items: start; }
  .narrow { width: 320px; }
  #themed { --cx-positive: rgb(0, 90, 200); --cx-negative: rgb(120, 0, 120); }
</style>
<script>
  window.events = [];
  for (const type of ['cx-result', 'cx-error', 'cx-turn']) {
    document.addEventListener(type, (e) => window.events.push({ type, id: e.target.id, code: e.detail.code ?? null, index: e.detail.index ?? null }));
  }
</script>
<script type="module" src="/cxkit/widgets/index.js"></script>`;

function writePages(dir) {
  fs.writeFileSync(path.join(dir, 'es.json'), JSON.stringify(ES));
  fs.writeFileSync(path.join(dir, 'sentiment.html'), `<!doctype html><html lang="en"><head><title>sentiment</title>${HEAD}</head><body>
<script>window.EN = ${json(EN)}; window.ES = ${json(ES)};</script>
<div class="grid">
  <cx-sentiment id="en-prop"></cx-sentiment>
  <cx-sentiment id="es-src" lang="es" src="es.json"></cx-sentiment>
  <cx-sentiment id="en-inline"><script type="application/json">${json(EN)}</script></cx-sentiment>
  <section lang="es"><cx-sentiment id="es-inherit"><script type="application/json">${json(ES)}</script></cx-sentiment></section>
  <cx-sentiment id="themed"><script type="application/json">${json(EN)}</script></cx-sentiment>
  <div class="narrow"><cx-sentiment id="narrow" lang="es"><script type="application/json">${json(EN)}</script></cx-sentiment></div>
</div>
<script>
  // set before the element is upgraded (module scripts run later): the widget must pick it up
  document.getElementById('en-prop').transcript = EN;
</script>
</body></html>`);
  fs.writeFileSync(path.join(dir, 'errors.html'), `<!doctype html><html lang="en"><head><title>errors</title>${HEAD}</head><body>
<div class="grid" id="errors">
  <cx-sentiment id="speaker-en"><script type="application/json">${json(BAD)}</script></cx-sentiment>
  <cx-sentiment id="speaker-es" lang="es"><script type="application/json">${json(BAD)}</script></cx-sentiment>
  <cx-sentiment id="notturns"><script type="application/json">{"turns": "hello"}</script></cx-sentiment>
  <cx-sentiment id="badjson" lang="es"><script type="application/json">{"turns": [</script></cx-sentiment>
  <cx-sentiment id="missing" src="missing.json"></cx-sentiment>
  <cx-sentiment id="option" language="fr"><script type="application/json">${json(EN)}</script></cx-sentiment>
  <cx-sentiment id="xss"><script type="application/json">${json({ turns: [{ speaker: '<img src=x onerror=alert(1)>', text: 'hi' }] })}</script></cx-sentiment>
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
  assert.equal(typeof lib.scoreTranscript, 'function', 'the package has no scoreTranscript()');
  pages = fs.mkdtempSync(path.join(os.tmpdir(), 'cxkit-sentiment-'));
  writePages(pages);
  server = await serveWidgets(pages);
  browser = await launchChromium();
  [mainPage, errorsPage] = await Promise.all([open('sentiment.html', { width: 1200, height: 1400 }), open('errors.html')]);
  await Promise.all([settled(mainPage), settled(errorsPage)]);
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (pages) fs.rmSync(pages, { recursive: true, force: true });
});

function open(file, viewport = { width: 1200, height: 900 }) {
  return openPage(browser, server.base, file, consoleErrors, viewport);
}

async function settled(page) {
  await page.waitForFunction(
    () => [...document.querySelectorAll('cx-sentiment')].every((e) => e.dataset.state === 'ready' || e.dataset.state === 'error'),
    null,
    { timeout: 10000 },
  );
}

/** What a widget shows, and what the library computes for `transcript` in the same page. */
function read(page, id, transcript) {
  return page.evaluate(async ([id, transcript]) => {
    const el = document.getElementById(id);
    const r = el.shadowRoot;
    const text = (s) => r.querySelector(s)?.textContent ?? null;
    const all = (s, f = (n) => n.textContent) => [...r.querySelectorAll(s)].map(f);
    const lib = transcript ? (await import('/cxkit/web/index.js')).scoreTranscript(transcript) : null;
    const { numberToWords } = await import('/cxkit/widgets/index.js');
    const lang = r.querySelector('.card')?.getAttribute('lang');
    return {
      lib,
      words: lib ? {
        overall: lib.overall === null ? null : numberToWords(lib.overall, lang, { signed: true }),
        turns: lib.turns.map((t) => numberToWords(t.score * 100, lang, { signed: true })),
      } : null,
      state: el.dataset.state,
      lang,
      title: text('[part=title]'),
      n: text('[part=n]'),
      score: text('[part=score]'),
      trend: text('[part=trend] strong'),
      trendClass: r.querySelector('[part=trend]')?.getAttribute('class') ?? null,
      headline: text('.headline .label strong'),
      label: r.querySelector('[role=figure]')?.getAttribute('aria-label') ?? null,
      lanes: all('.lanes li'),
      turns: all('svg .turn', (g) => ({
        cls: g.getAttribute('class'),
        label: g.dataset.label,
        speaker: g.dataset.speaker,
        aria: g.getAttribute('aria-label'),
        tabindex: g.getAttribute('tabindex'),
        fill: getComputedStyle(g.querySelector('.mark')).fill,
        lane: Math.floor((g.querySelector('.area').getBBox().y - 4) / 44),
      })),
      swatches: Object.fromEntries(all('[part=legend] .swatch', (s) => [s.classList[1], getComputedStyle(s).backgroundColor])),
      legend: all('[part=legend] li'),
      quarters: all('[part=quarters] tr', (tr) => [...tr.children].map((c) => c.textContent)),
      quarterRows: all('[part=quarters] tbody tr', (tr) => tr.dataset.speaker),
      alert: text('[role=alert]'),
      images: r.querySelectorAll('img').length,
    };
  }, [id, transcript ?? null]);
}

/** Everything a ready widget shows, against the library's result `lib` in UI language `lang`. */
function check(shown, lang, transcript, where) {
  const ui = UI[lang];
  const { lib: r } = shown;
  assert.equal(shown.state, 'ready', `${where}: ${shown.alert}`);
  assert.equal(shown.lang, lang, `${where}: lang of the card`);
  assert.equal(shown.title, ui.title, `${where}: title`);
  assert.equal(shown.n, ui.turns(transcript.turns.length), `${where}: n`);
  assert.equal(shown.headline, ui.customerScore, `${where}: headline label`);
  assert.equal(shown.score, r.overall === null ? '—' : signed1(lang)(r.overall), `${where}: overall score`);
  assert.equal(shown.trend, ui.direction[r.trend.direction], `${where}: trend`);
  assert.match(shown.trendClass, new RegExp(`\\b${r.trend.direction}\\b`), `${where}: trend class`);
  assert.equal(shown.label, ui.figure(shown.words.overall, ui.direction[r.trend.direction], transcript.turns.length),
    `${where}: figure aria-label`);
  // one lane per speaker: customer and agent always, bot and system when they speak
  const lanes = ['customer', 'agent', 'bot', 'system'].filter((s) => s === 'customer' || s === 'agent'
    || transcript.turns.some((t) => t.speaker === s));
  assert.deepEqual(shown.lanes, lanes.map((s) => ui.speakers[s]), `${where}: lanes`);
  // one mark per turn, in its speaker's lane, classed and coloured by the library's label
  assert.equal(shown.turns.length, transcript.turns.length, `${where}: turn marks`);
  assert.equal(r.turns.length, transcript.turns.length);
  const colours = new Set(Object.values(shown.swatches));
  assert.equal(colours.size, 4, `${where}: four distinct label colours ${JSON.stringify(shown.swatches)}`);
  shown.turns.forEach((g, i) => {
    const t = r.turns[i];
    assert.equal(g.label, t.label, `${where}: turn ${i} label`);
    assert.match(g.cls, new RegExp(`\\bturn ${t.label}\\b`), `${where}: turn ${i} class`);
    assert.equal(g.fill, shown.swatches[t.label], `${where}: turn ${i} colour`);
    assert.equal(g.speaker, transcript.turns[i].speaker, `${where}: turn ${i} speaker`);
    assert.equal(g.lane, lanes.indexOf(transcript.turns[i].speaker), `${where}: turn ${i} lane`);
    const k = t.hits.length;
    assert.equal(g.aria, ui.turn(i + 1, r.turns.length, ui.speakers[t.speaker].toLowerCase(), ui.labels[t.label].toLowerCase(),
      shown.words.turns[i], k), `${where}: turn ${i} aria-label`);
    assert.match(shown.words.turns[i], /^[^\d]+$/, `${where}: turn ${i}: the score in words`);
  });
  assert.deepEqual(shown.turns.map((g) => g.tabindex).filter((x) => x === '0'), ['0'], `${where}: one tab stop`);
  assert.deepEqual(shown.legend, Object.values(ui.labels), `${where}: legend`);
  // quarters: every speaker lane, the library's four numbers on −5..5
  assert.deepEqual(shown.quarterRows, lanes, `${where}: quarter rows`);
  assert.deepEqual(shown.quarters[0], ui.quarters, `${where}: quarter header`);
  lanes.forEach((s, k) => {
    const want = [ui.speakers[s], ...r.speakers[s].quarters.map((q) => (q === null ? `—${lang === 'es' ? 'sin turnos' : 'no turns'}` : signed1(lang)(q)))];
    assert.deepEqual(shown.quarters[k + 1], want, `${where}: quarters of ${s}`);
  });
}

// ---------------------------------------------------------------------------------------------
// Tests

test('real conversations: marks, labels, colours, lanes, quarters, EN and ES', async () => {
  const page = mainPage;
  const en = await read(page, 'en-prop', EN);
  check(en, 'en', EN, 'en-prop');
  // the EN conversation has a bot, a customer and an agent; the ES one no bot
  assert.equal(en.lanes.length, 3);
  check(await read(page, 'en-inline', EN), 'en', EN, 'en-inline');
  const es = await read(page, 'es-src', ES);
  check(es, 'es', ES, 'es-src');
  assert.equal(es.lanes.length, 2);
  check(await read(page, 'es-inherit', ES), 'es', ES, 'es-inherit (lang from the section)');
  check(await read(page, 'narrow', EN), 'es', EN, 'narrow');
  // the library scores these as their own languages; the labels are not all the same
  assert.equal(en.lib.language, 'en');
  assert.equal(es.lib.language, 'es');
  for (const s of [en, es]) assert.ok(new Set(s.lib.turns.map((t) => t.label)).size >= 2, 'labels vary');
  // Spanish numbers: a decimal comma wherever a number has a fraction
  const fractional = es.lib.speakers.customer.quarters.find((q) => q !== null && !Number.isInteger(Math.round(q * 10) / 10));
  if (fractional !== undefined) assert.ok(es.quarters.flat().some((c) => c.includes(',')), 'decimal comma in Spanish');

  // custom properties recolour the marks
  const themed = await read(page, 'themed', EN);
  check(themed, 'en', EN, 'themed');
  assert.equal(themed.swatches.positive, 'rgb(0, 90, 200)');
  assert.equal(themed.swatches.negative, 'rgb(120, 0, 120)');

  // the cx-result events carry the library's result
  const results = await page.evaluate(() => Object.fromEntries(['en-prop', 'es-src'].map((id) => [id, document.getElementById(id).result])));
  assert.deepEqual(results['en-prop'], en.lib);
  assert.deepEqual(results['es-src'], es.lib);
  assert.deepEqual(await page.evaluate(() => window.events.filter((e) => e.type === 'cx-error')), []);

  // 320 px: nothing sticks out of the card; no text under 12 px
  for (const id of ['narrow', 'en-prop', 'es-src']) {
    await assertFits(page, id, 'text, .n, .lanes li, .legend, .quarters, .detail, .trend, .contrib');
  }
  await page.locator('#en-prop').screenshot({ path: path.join(OUT, 'sentiment-en.png') });
  await page.locator('#es-src').screenshot({ path: path.join(OUT, 'sentiment-es.png') });
  await page.locator('#narrow').screenshot({ path: path.join(OUT, 'sentiment-es-320px.png') });
});

/** The detail box: header, marked words and their contributions. */
function readDetail(page, id) {
  return page.evaluate((id) => {
    const r = document.getElementById(id).shadowRoot;
    const box = r.querySelector('[part=detail]');
    return {
      live: box.getAttribute('aria-live'),
      head: box.querySelector('.head')?.textContent ?? null,
      text: box.querySelector('.text')?.textContent ?? null,
      marks: [...box.querySelectorAll('mark.hit')].map((m) => ({ text: m.textContent, cls: m.getAttribute('class'),
        contrib: m.nextElementSibling?.textContent })),
      hint: box.querySelector('.hint')?.textContent ?? null,
      active: [...r.querySelectorAll('.turn.active')].map((g) => Number(g.dataset.index)),
      focused: r.activeElement ? Number(r.activeElement.dataset.index) : null,
    };
  }, id);
}

function checkDetail(d, r, i, transcript, lang, where) {
  const ui = UI[lang];
  const t = r.turns[i];
  const text = transcript.turns[i].text;
  assert.deepEqual(d.active, [i], `${where}: active mark`);
  assert.equal(d.head, `${lang === 'es' ? 'Turno' : 'Turn'} ${i + 1} · ${ui.speakers[t.speaker]}${ui.labels[t.label]}${signed0(lang)(t.score * 100)}`,
    `${where}: head`);
  assert.deepEqual(d.marks.map((m) => m.text), t.hits.map((h) => text.slice(h.startUtf16, h.endUtf16)), `${where}: marked words`);
  assert.deepEqual(d.marks.map((m) => m.text), t.hits.map((h) => h.text), `${where}: marked words are the hits' text`);
  const negated = lang === 'es' ? 'negada' : 'negated';
  assert.deepEqual(d.marks.map((m) => m.contrib), t.hits.map((h) => `(${signed1(lang)(h.contribution)}${h.negated ? `, ${negated}` : ''})`),
    `${where}: contributions`);
  d.marks.forEach((m, k) => {
    const c = t.hits[k].contribution;
    assert.match(m.cls, c > 0 ? /\bup\b/ : c < 0 ? /\bdown\b/ : /\bzero\b/, `${where}: mark ${k} class`);
  });
  // the whole text is there, in order, with the contributions after the marked words
  assert.equal(d.marks.reduce((s, m) => s.replace(`${m.text}${m.contrib}`, m.text), d.text), text, `${where}: turn text`);
}

test('hover and keyboard focus show the turn with its hits marked', async () => {
  const page = mainPage;
  const { lib: r } = await read(page, 'en-prop', EN);
  assert.equal((await readDetail(page, 'en-prop')).hint, 'Point at or focus a turn to see the words that scored it.');
  // a turn with an emoji hit: its UTF-16 span is shorter than its UTF-8 one
  const emoji = r.turns.findIndex((t) => t.hits.some((h) => h.kind === 'emoji'));
  assert.ok(emoji >= 0, 'the conversation has an emoji hit');
  assert.ok(r.turns[emoji].hits.some((h) => h.kind === 'emoji' && h.end - h.start > h.endUtf16 - h.startUtf16));
  await page.locator(`#en-prop .turn[data-index="${emoji}"] .area`).hover();
  checkDetail(await readDetail(page, 'en-prop'), r, emoji, EN, 'en', 'emoji');
  // the turn with the most hits
  const rich = r.turns.reduce((best, t, i) => (t.hits.length > r.turns[best].hits.length ? i : best), 0);
  assert.ok(r.turns[rich].hits.length >= 2, 'a turn with at least two hits');
  const before = await page.evaluate(() => window.events.length);
  await page.locator(`#en-prop .turn[data-index="${rich}"] .area`).hover();
  const hovered = await readDetail(page, 'en-prop');
  assert.equal(hovered.live, 'polite');
  checkDetail(hovered, r, rich, EN, 'en', 'hover');
  // contrast of every text colour of the default theme (WCAG AA: 4.5:1), marked words on their tint
  const colours = await page.evaluate(() => {
    const r = document.getElementById('en-prop').shadowRoot;
    const c = (n) => getComputedStyle(n)[n instanceof SVGElement ? 'fill' : 'color'];
    const bg = getComputedStyle(r.querySelector('.card')).backgroundColor;
    const nodes = r.querySelectorAll('.title, .n, .score, .headline .label span, .trend span, .trend strong, .lanes li, svg text, '
      + '.legend li, .quarters caption, .quarters th, .quarters td, .detail .head, .tscore, .text, .contrib');
    const pairs = [...nodes].map((n) => [c(n), bg]);
    for (const m of r.querySelectorAll('mark.hit')) pairs.push([c(m), getComputedStyle(m).backgroundColor]);
    return [...new Set(pairs.map((p) => p.join('|')))].map((p) => p.split('|'));
  });
  assert.ok(colours.length >= 5);
  for (const [fg, bg] of colours) assert.ok(contrast(fg, bg) >= 4.5, `contrast ${fg} on ${bg}: ${contrast(fg, bg).toFixed(2)}`);
  await page.locator('#en-prop').screenshot({ path: path.join(OUT, 'sentiment-en-hover.png') });
  const turnEvents = await page.evaluate((n) => window.events.slice(n).filter((e) => e.type === 'cx-turn'), before);
  assert.deepEqual(turnEvents.at(-1), { type: 'cx-turn', id: 'en-prop', code: null, index: rich });
  // the pointer leaves: back to the hint (nothing pinned)
  await page.mouse.move(2, 2);
  assert.equal((await readDetail(page, 'en-prop')).hint, 'Point at or focus a turn to see the words that scored it.');

  // keyboard: Tab reaches the timeline's single tab stop (the first turn), arrows move
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('Tab');
  let d = await readDetail(page, 'en-prop');
  assert.equal(d.focused, 0, 'Tab focuses the first turn');
  checkDetail(d, r, 0, EN, 'en', 'Tab');
  for (let k = 0; k < rich; k++) await page.keyboard.press('ArrowRight');
  d = await readDetail(page, 'en-prop');
  assert.equal(d.focused, rich);
  checkDetail(d, r, rich, EN, 'en', 'ArrowRight');
  const tabs = await page.evaluate(() => [...document.getElementById('en-prop').shadowRoot.querySelectorAll('.turn')].map((g) => g.tabIndex));
  assert.deepEqual(tabs.map((x, i) => (i === rich ? x === 0 : x === -1)), tabs.map(() => true), 'roving tab stop');
  await page.locator('#en-prop').screenshot({ path: path.join(OUT, 'sentiment-en-focus.png') });
  await page.keyboard.press('End');
  checkDetail(await readDetail(page, 'en-prop'), r, r.turns.length - 1, EN, 'en', 'End');
  await page.keyboard.press('ArrowRight'); // stays on the last
  assert.equal((await readDetail(page, 'en-prop')).focused, r.turns.length - 1);
  await page.keyboard.press('Home');
  checkDetail(await readDetail(page, 'en-prop'), r, 0, EN, 'en', 'Home');
  // hovering another turn shows it; leaving goes back to the focused one
  await page.locator(`#en-prop .turn[data-index="${rich}"] .area`).hover();
  checkDetail(await readDetail(page, 'en-prop'), r, rich, EN, 'en', 'hover while focused');
  await page.mouse.move(2, 2);
  checkDetail(await readDetail(page, 'en-prop'), r, 0, EN, 'en', 'back to the focused turn');
  await page.keyboard.press('Escape');
  assert.equal((await readDetail(page, 'en-prop')).hint, 'Point at or focus a turn to see the words that scored it.');

  // Spanish: click a turn with hits
  const { lib: rs } = await read(page, 'es-src', ES);
  const hit = rs.turns.findIndex((t) => t.hits.length > 0);
  assert.ok(hit >= 0);
  await page.locator(`#es-src .turn[data-index="${hit}"] .area`).click();
  d = await readDetail(page, 'es-src');
  assert.equal(d.focused, hit, 'a click focuses the turn');
  checkDetail(d, rs, hit, ES, 'es', 'es click');
  await page.locator('#es-src').screenshot({ path: path.join(OUT, 'sentiment-es-focus.png') });
});

test('re-renders on changes: transcript property, language attribute, src, lang', async () => {
  const page = mainPage;
  // a new transcript through the property replaces the inline JSON
  await page.evaluate(() => { document.getElementById('en-inline').transcript = window.ES; });
  await page.waitForFunction(() => document.getElementById('en-inline').result?.turns.length === window.ES.turns.length, null, { timeout: 3000 });
  check(await read(page, 'en-inline', ES), 'en', ES, 'property → ES transcript, English UI');
  // the scoring language follows the `language` attribute (the UI language does not change)
  await page.evaluate(() => document.getElementById('en-inline').setAttribute('language', 'en'));
  await page.waitForFunction(() => document.getElementById('en-inline').result?.language === 'en', null, { timeout: 3000 });
  const forced = await page.evaluate(async () => {
    const { scoreTranscript } = await import('/cxkit/web/index.js');
    return { widget: document.getElementById('en-inline').result, lib: scoreTranscript(window.ES, { language: 'en' }) };
  });
  assert.deepEqual(forced.widget, forced.lib);
  // null gives the inline JSON back
  await page.evaluate(() => {
    const el = document.getElementById('en-inline');
    el.removeAttribute('language');
    el.transcript = null;
  });
  await page.waitForFunction(() => document.getElementById('en-inline').result?.turns.length === window.EN.turns.length, null, { timeout: 3000 });
  check(await read(page, 'en-inline', EN), 'en', EN, 'back to the inline JSON');
  // UI language at runtime: labels change, the result does not
  const n = await page.evaluate(() => window.events.filter((e) => e.type === 'cx-result').length);
  await page.evaluate(() => document.getElementById('en-inline').setAttribute('lang', 'es'));
  await page.waitForFunction(() => document.getElementById('en-inline').shadowRoot.querySelector('.card').lang === 'es', null, { timeout: 3000 });
  check(await read(page, 'en-inline', EN), 'es', EN, 'lang en → es');
  assert.equal(await page.evaluate(() => window.events.filter((e) => e.type === 'cx-result').length), n, 'no recomputation');
  // a src is fetched when set
  await page.evaluate(() => document.getElementById('es-src').setAttribute('src', 'es.json?delay=200'));
  await page.waitForFunction(() => document.getElementById('es-src').dataset.state === 'loading', null, { timeout: 2000 });
  assert.equal(await page.evaluate(() => document.getElementById('es-src').shadowRoot.querySelector('[role=status]')?.textContent), 'Cargando…');
  await page.waitForFunction(() => document.getElementById('es-src').dataset.state === 'ready', null, { timeout: 3000 });
  check(await read(page, 'es-src', ES), 'es', ES, 'src again');
});

test('options.redact: the detail shows the redacted text that was scored', async () => {
  const page = mainPage;
  const transcript = { turns: [
    { speaker: 'customer', text: 'write to ana.lopez@example.com, the refund is still missing and I am really angry' },
    { speaker: 'agent', text: 'Sorry about that, I will email you today.' },
  ] };
  await page.evaluate((t) => {
    const el = document.getElementById('themed');
    el.options = { redact: true };
    el.transcript = t;
  }, transcript);
  await page.waitForFunction(() => document.getElementById('themed').result?.turns.length === 2, null, { timeout: 3000 });
  const r = await page.evaluate(() => document.getElementById('themed').result);
  const scored = r.redacted.turns[0].text;
  assert.match(scored, /\[EMAIL\]/);
  assert.ok(r.turns[0].hits.length > 0, 'the angry turn has hits');
  await page.locator('#themed .turn[data-index="0"] .area').hover();
  const d = await readDetail(page, 'themed');
  checkDetail(d, r, 0, { turns: [{ text: scored }, { text: r.redacted.turns[1].text }] }, 'en', 'redacted');
  assert.doesNotMatch(d.text, /ana\.lopez/, 'the address is not shown');
  await page.evaluate(() => {
    const el = document.getElementById('themed');
    el.options = null;
    el.transcript = null;
  });
  await page.waitForFunction(() => document.getElementById('themed').result?.turns.length === window.EN.turns.length, null, { timeout: 3000 });
});

test('errors: inline alert in the widget language with the library code', async () => {
  const page = errorsPage;
  let libError;
  try {
    lib.scoreTranscript(BAD);
  } catch (e) {
    libError = e;
  }
  assert.ok(libError?.code, 'the library rejects an unknown speaker');
  assert.match(libError.message, /turns\[1\]/, 'the message names the turn');
  const en = await read(page, 'speaker-en');
  assert.equal(en.state, 'error');
  assert.equal(en.alert, `${UI.en.error}: ${libError.message} (${libError.code})`);
  assert.equal(en.label, null, 'no figure without a result');
  assert.equal(en.turns.length, 0);
  assert.equal(en.title, UI.en.title);
  const es = await read(page, 'speaker-es');
  assert.equal(es.alert, `${UI.es.error}: ${libError.message} (${libError.code})`);
  assert.equal(es.title, UI.es.title);

  const expectCode = (id, input, options) => {
    try {
      lib.scoreTranscript(input, options);
    } catch (e) {
      return e.code;
    }
    assert.fail(`${id}: the library accepts ${JSON.stringify(input)}`);
  };
  const codes = await page.evaluate(() => Object.fromEntries(window.events.filter((e) => e.type === 'cx-error').map((e) => [e.id, e.code])));
  assert.deepEqual(codes, {
    'speaker-en': libError.code,
    'speaker-es': libError.code,
    notturns: expectCode('notturns', { turns: 'hello' }),
    badjson: 'invalid_json',
    missing: 'fetch_failed',
    option: expectCode('option', EN, { language: 'fr' }),
    xss: expectCode('xss', { turns: [{ speaker: '<img src=x onerror=alert(1)>', text: 'hi' }] }),
  });
  assert.match((await read(page, 'badjson')).alert, /^No se pudieron leer los datos: .+ \(invalid_json\)$/);
  assert.match((await read(page, 'missing')).alert, /^Could not load the data: missing\.json: HTTP 404.* \(fetch_failed\)$/);
  assert.match((await read(page, 'option')).alert, /^Could not score the transcript: .*language.*\(.+\)$/);
  assert.equal((await read(page, 'xss')).images, 0, 'the message is escaped');
  const alerts = await page.evaluate(() => [...document.querySelectorAll('cx-sentiment')]
    .map((e) => `${e.dataset.state}:${e.shadowRoot.querySelectorAll('[role=alert]').length}`));
  assert.deepEqual(alerts, Array(7).fill('error:1'), 'every widget shows one role="alert"');
  await page.locator('#errors').screenshot({ path: path.join(OUT, 'sentiment-errors.png') });
  // fixing the data clears the error
  await page.evaluate(() => { document.getElementById('speaker-en').transcript = { turns: [{ speaker: 'customer', text: 'thanks, that was great' }] }; });
  await page.waitForFunction(() => document.getElementById('speaker-en').dataset.state === 'ready', null, { timeout: 3000 });
  const fixed = await read(page, 'speaker-en', { turns: [{ speaker: 'customer', text: 'thanks, that was great' }] });
  assert.equal(fixed.alert, null);
  assert.equal(fixed.turns.length, 1);
  assert.equal(fixed.n, '1 turn');
});

test('demo page: the sentiment widget in English and Spanish', async () => {
  const page = await open('demo/', { width: 1200, height: 900 });
  await page.waitForSelector('body[data-ready="1"]', { timeout: 10000 });
  const states = await page.evaluate(() => [...document.querySelectorAll('cx-sentiment')]
    .map((e) => `${e.shadowRoot.querySelector('.card').lang}:${e.dataset.state}:${e.shadowRoot.querySelectorAll('.turn').length}`));
  assert.equal(states.length, 2);
  for (const [k, lang] of ['en', 'es'].entries()) assert.match(states[k], new RegExp(`^${lang}:ready:[1-9]\\d*$`));
  const counts = await page.evaluate(() => [...document.querySelectorAll('cx-sentiment')]
    .map((e) => [e.shadowRoot.querySelectorAll('.turn').length, JSON.parse(e.querySelector('script').textContent).turns.length]));
  for (const [marks, turns] of counts) assert.equal(marks, turns);
  const withHits = await page.evaluate(() => document.querySelector('cx-sentiment').result.turns.findIndex((t) => t.hits.length > 0));
  await page.locator('cx-sentiment').first().locator(`.turn[data-index="${withHits}"] .area`).hover();
  assert.ok(await page.locator('cx-sentiment').first().locator('[part=detail] mark.hit').count() > 0, 'the demo shows marked words on hover');
  await page.screenshot({ path: path.join(OUT, 'demo-sentiment.png'), fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the demo scrolls sideways at 360 px (${overflow}px)`);
  await page.screenshot({ path: path.join(OUT, 'demo-sentiment-360px.png'), fullPage: true });
  await page.locator('cx-sentiment').nth(1).screenshot({ path: path.join(OUT, 'demo-sentiment-es-360px.png') });
  await page.close();
});

test('no console errors', () => {
  assert.deepEqual(consoleErrors.filter((e) => !/404/.test(e)), []);
});
