// Accuracy report of the text functions (sentiment and PII redaction), cxkit side by side with the
// lexicon scorers a developer would reach for, in one run. A report, not a timed test: `cargo
// xtask bench` prints it on the full data; `--quick` (the CI smoke mode) scores every fourth item
// only and checks that every scorer ran and that cxkit is far above chance.
//
//   node tests/bench/accuracy.bench.mjs [--quick]
//
// Data: the project's dev sets (tests/fixtures/sentiment/{en,es}/{turns,conversations}.jsonl and
// tests/fixtures/pii/cases.jsonl, copies of ../shared/data) and the public English sets inside
// npm `sentiment` 5.0.2 (tests/node_modules/sentiment/test/fixtures/{amazon,imdb,yelp}.json, a
// devDependency; not committed).
//
// cxkit runs the way users run it: `scoreText`, `scoreTranscript` and `redact` of the built npm
// package (target/npm/cxkit), the wasm build in Node.
//
// How numbers become labels (one policy for every scorer: each scorer's own documented neutral
// band around zero, nothing tuned on these data):
// - cxkit: its `label` (positive / negative / neutral / mixed; band ±0.25 on `score`). For the
//   3-class figures a predicted `mixed` counts as what its score alone gives (±0.25).
// - VADER (Python vaderSentiment 3.3.2): `compound` ≥ 0.05 positive, ≤ −0.05 negative, else
//   neutral (the thresholds of VADER's README).
// - npm `sentiment` 5.0.2 (`score`), npm `natural` 8.1.1 SentimentAnalyzer('Spanish',
//   PorterStemmerEs, 'afinn' | 'senticon') over AggressiveTokenizerEs tokens of the lowercased
//   text (`getSentiment`), npm `multilang-sentiment` 2.0.0 (`score` with 'es'): sums of word
//   values with no documented band, so > 0 positive, < 0 negative, 0 neutral.
// - Binary (public sets): score ≥ 0 is positive for every scorer (the rule of npm sentiment's
//   own validate.js, with which VADER's published 75.5 % was measured).
// - Comparators never answer `mixed`: in the 4-class figures a gold `mixed` turn is always an
//   error for them. The "sign" column repeats macro-F1 with one band for all (> 0, < 0, = 0).
// - Trend (conversations): the customer's opening and closing turns by label value (positive 1,
//   neutral and mixed 0, negative −1), k = round(n/3) turns clamped to 1..n/2 at each end;
//   improved when end − start ≥ 0.5, worsened when ≤ −0.5, else flat: the rule `scoreTranscript`
//   documents, applied to every scorer's turn labels (cxkit's is its own `trend.direction`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import * as cx from '../../target/npm/cxkit/node/index.mjs';

const quick = process.argv.includes('--quick');
const root = fileURLToPath(new URL('../..', import.meta.url));
const PYTHON = `${root}target/bench-venv/bin/python`;
const require = createRequire(`${root}tests/package.json`);
process.env.DOTENV_CONFIG_QUIET = 'true'; // natural loads dotenv, which otherwise prints a banner
const Sentiment = require('sentiment');
const natural = require('natural');
const multilang = require('multilang-sentiment');
const version = (name) => require(`${name}/package.json`).version;

const every = (xs) => (quick ? xs.filter((_, i) => i % 4 === 0) : xs);
const jsonl = (path) =>
  readFileSync(`${root}${path}`, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));

// ---- data
const dev = {};
for (const lang of ['en', 'es']) {
  dev[lang] = {
    turns: every(jsonl(`tests/fixtures/sentiment/${lang}/turns.jsonl`)),
    convs: every(jsonl(`tests/fixtures/sentiment/${lang}/conversations.jsonl`)),
  };
}
const piiCases = every(jsonl('tests/fixtures/pii/cases.jsonl'));
const publicDir = `${root}tests/node_modules/sentiment/test/fixtures`;
const publicSets = {};
for (const name of ['amazon', 'imdb', 'yelp']) {
  const path = `${publicDir}/${name}.json`;
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`cargo xtask setup\` (npm sentiment@5.0.2)`);
  // Each file ends with an empty entry whose class is null: left out.
  publicSets[name] = every(JSON.parse(readFileSync(path, 'utf8')).filter((r) => r.class === 0 || r.class === 1));
}

// ---- cxkit: the npm package, as users call it
const cxkitVia = `npm package cxkit ${cx.version()} (wasm in Node ${process.version})`;
const cxkitRun = (requests) =>
  requests.map((r) => {
    if ('scoreText' in r) return cx.scoreText(r.scoreText, r.options);
    if ('scoreTranscript' in r) return cx.scoreTranscript(r.scoreTranscript, r.options);
    return cx.redact(r.redact, r.options);
  });

// ---- label policies
const sign = (s) => (s > 0 ? 'positive' : s < 0 ? 'negative' : 'neutral');
const band = (t) => (s) => (s >= t ? 'positive' : s <= -t ? 'negative' : 'neutral');
const ORD = { positive: 1, neutral: 0, mixed: 0, negative: -1 };

/** The trend rule of scoreTranscript on a list of customer labels. */
function trendOf(labels) {
  const n = labels.length;
  if (n < 2) return 'flat';
  const k = Math.min(Math.max(Math.round(n / 3), 1), Math.floor(n / 2));
  const mean = (xs) => xs.reduce((a, l) => a + ORD[l], 0) / xs.length;
  const change = mean(labels.slice(n - k)) - mean(labels.slice(0, k));
  return change >= 0.5 ? 'improved' : change <= -0.5 ? 'worsened' : 'flat';
}

// ---- the comparators: each returns raw numbers for a list of texts
const npmSentiment = new Sentiment();
const tokenizerEs = new natural.AggressiveTokenizerEs();
const naturalAfinn = new natural.SentimentAnalyzer('Spanish', natural.PorterStemmerEs, 'afinn');
const naturalSenticon = new natural.SentimentAnalyzer('Spanish', natural.PorterStemmerEs, 'senticon');
const naturalScore = (analyzer) => (text) => {
  const tokens = tokenizerEs.tokenize(text.toLowerCase());
  const s = tokens.length ? analyzer.getSentiment(tokens) : 0;
  return Number.isFinite(s) ? s : 0;
};

/** VADER in Python, every English text in one process. */
function vaderScores(texts) {
  if (!existsSync(PYTHON)) throw new Error(`${PYTHON} is missing: run \`cargo xtask bench\` (it sets up the venv)`);
  mkdirSync(`${root}target/bench`, { recursive: true });
  const file = `${root}target/bench/vader-texts.json`;
  writeFileSync(file, JSON.stringify(texts));
  const py = spawnSync(PYTHON, [`${root}tests/bench/comparators.py`, 'vader', '--texts', file], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (py.status !== 0) throw new Error(`the VADER comparator failed:\n${py.stderr}`);
  const r = JSON.parse(py.stdout);
  if (r.compound.length !== texts.length) throw new Error('VADER returned the wrong number of scores');
  return r;
}

// Every text each comparator sees, collected first so that VADER runs once.
const textsOf = (lang) => [
  ...dev[lang].turns.map((t) => t.text),
  ...dev[lang].convs.flatMap((c) => c.turns.map((t) => t.text)),
  ...(lang === 'en' ? Object.values(publicSets).flatMap((s) => s.map((r) => r.text)) : []),
];
const enTexts = textsOf('en');
const esTexts = textsOf('es');
const vader = vaderScores(enTexts);
const vaderByText = new Map(enTexts.map((t, i) => [t, vader.compound[i]]));

const comparators = {
  en: [
    { name: `npm sentiment ${version('sentiment')}`, score: (t) => npmSentiment.analyze(t).score, label: sign },
    { name: vader.library, score: (t) => vaderByText.get(t), label: band(0.05) },
  ],
  es: [
    { name: `natural ${version('natural')} (afinn)`, score: naturalScore(naturalAfinn), label: sign },
    { name: `natural ${version('natural')} (senticon)`, score: naturalScore(naturalSenticon), label: sign },
    { name: `multilang-sentiment ${version('multilang-sentiment')}`, score: (t) => multilang(t, 'es').score, label: sign },
  ],
};

// ---- metrics
/** rows: {gold, p4 (4-class prediction), p3 (3-class), sign (3-class by sign), speaker}. */
function three(rows, key = 'p3') {
  const r = rows.filter((x) => x.gold !== 'mixed');
  const f1 = ['positive', 'negative', 'neutral'].map((c) => {
    const tp = r.filter((x) => x.gold === c && x[key] === c).length;
    const fp = r.filter((x) => x.gold !== c && x[key] === c).length;
    const fn = r.filter((x) => x.gold === c && x[key] !== c).length;
    const p = tp + fp ? tp / (tp + fp) : 0;
    const q = tp + fn ? tp / (tp + fn) : 0;
    return p + q ? (2 * p * q) / (p + q) : 0;
  });
  return {
    n: r.length,
    acc: r.filter((x) => x.gold === x[key]).length / Math.max(r.length, 1),
    f1: f1.reduce((a, b) => a + b, 0) / 3,
  };
}
const four = (rows) => rows.filter((x) => x.gold === x.p4).length / Math.max(rows.length, 1);

function confusion(rows) {
  const L = ['positive', 'negative', 'neutral', 'mixed'];
  const lines = ['| gold \\ predicted | positive | negative | neutral | mixed |', '|---|---:|---:|---:|---:|'];
  for (const g of L) lines.push(`| ${g} | ${L.map((p) => rows.filter((x) => x.gold === g && x.p4 === p).length).join(' | ')} |`);
  return lines.join('\n');
}

// ---- scoring
const results = {}; // results[lang][scorer] = {turns: rows, convTurns: rows, trend: {ok, n}}
const report = { quick, cxkitVia, sets: {} };

// cxkit: one batch of requests for everything.
const requests = [];
for (const lang of ['en', 'es']) {
  for (const t of dev[lang].turns) requests.push({ scoreText: t.text, options: { language: lang, hits: false } });
  for (const c of dev[lang].convs) requests.push({ scoreTranscript: { turns: c.turns.map(({ speaker, text }) => ({ speaker, text })) }, options: { hits: false } });
}
for (const s of Object.values(publicSets)) for (const r of s) requests.push({ scoreText: r.text, options: { language: 'en', hits: false } });
for (const c of piiCases) requests.push({ redact: c.text });
const answers = cxkitRun(requests);
if (answers.length !== requests.length) throw new Error(`cxkit answered ${answers.length} of ${requests.length}`);
let next = 0;
const take = () => answers[next++];

const CX = 'cxkit';
const row = (gold, p4, score, sgn, speaker) => ({ gold, p4, p3: p4 === 'mixed' ? band(0.25)(score) : p4, sign: sgn, speaker });
for (const lang of ['en', 'es']) {
  results[lang] = {};
  const mine = { turns: [], convTurns: [], trend: { ok: 0, n: 0 } };
  for (const t of dev[lang].turns) {
    const r = take();
    mine.turns.push(row(t.label, r.label, r.score, sign(r.score), t.speaker));
  }
  for (const c of dev[lang].convs) {
    const r = take();
    c.turns.forEach((t, i) => mine.convTurns.push(row(t.label, r.turns[i].label, r.turns[i].score, sign(r.turns[i].score), t.speaker)));
    mine.trend.n++;
    if (r.trend.direction === c.customer_trend) mine.trend.ok++;
    // The JavaScript trend rule must agree with the library's, or the comparison is unfair.
    const js = trendOf(c.turns.map((t, i) => [t, r.turns[i]]).filter(([t]) => t.speaker === 'customer').map(([, s]) => s.label));
    if (js !== r.trend.direction) throw new Error(`trend rule differs from scoreTranscript on ${c.id}: ${js} vs ${r.trend.direction}`);
  }
  results[lang][CX] = mine;
  for (const cmp of comparators[lang]) {
    const theirs = { turns: [], convTurns: [], trend: { ok: 0, n: 0 } };
    const lab = (text) => {
      const s = cmp.score(text);
      if (typeof s !== 'number' || !Number.isFinite(s)) throw new Error(`${cmp.name} returned ${s} for ${JSON.stringify(text)}`);
      return [cmp.label(s), sign(s)];
    };
    for (const t of dev[lang].turns) {
      const [l, sg] = lab(t.text);
      theirs.turns.push({ gold: t.label, p4: l, p3: l, sign: sg, speaker: t.speaker });
    }
    for (const c of dev[lang].convs) {
      const labels = c.turns.map((t) => {
        const [l, sg] = lab(t.text);
        theirs.convTurns.push({ gold: t.label, p4: l, p3: l, sign: sg, speaker: t.speaker });
        return [t.speaker, l];
      });
      theirs.trend.n++;
      if (trendOf(labels.filter(([s]) => s === 'customer').map(([, l]) => l)) === c.customer_trend) theirs.trend.ok++;
    }
    results[lang][cmp.name] = theirs;
  }
}

// Public English sets: binary accuracy, score ≥ 0 positive.
const publicResults = { [CX]: { ok: 0, n: 0, per: {} } };
for (const cmp of comparators.en) publicResults[cmp.name] = { ok: 0, n: 0, per: {} };
for (const [name, set] of Object.entries(publicSets)) {
  for (const r of set) {
    const mine = take().score;
    const tally = (key, s) => {
      const p = publicResults[key];
      p.per[name] ??= { ok: 0, n: 0 };
      const ok = Number(s >= 0) === r.class;
      p.ok += ok;
      p.n++;
      p.per[name].ok += ok;
      p.per[name].n++;
    };
    tally(CX, mine);
    for (const cmp of comparators.en) tally(cmp.name, cmp.score(r.text));
  }
}

// PII: precision and recall per type, exact type and span (UTF-16 offsets).
const pii = {};
let keptLost = 0;
for (const c of piiCases) {
  const got = take();
  const want = [];
  let from = 0;
  for (const e of c.entities) {
    const at = c.text.indexOf(e.value, from);
    if (at < 0) throw new Error(`${c.id}: ${e.value} not in text`);
    from = at + e.value.length;
    want.push(`${e.type}:${at}:${from}`);
  }
  const have = got.entities.map((e) => `${e.type}:${e.startUtf16}:${e.endUtf16}`);
  for (const key of new Set([...want, ...have])) {
    const type = key.split(':')[0];
    for (const k of [type, 'all']) {
      pii[k] ??= { tp: 0, fp: 0, fn: 0 };
      const w = want.includes(key);
      const h = have.includes(key);
      if (w && h) pii[k].tp++;
      else if (h) pii[k].fp++;
      else pii[k].fn++;
    }
  }
  for (const k of c.kept) if (!got.text.includes(k)) keptLost++;
}
if (next !== answers.length) throw new Error('not every cxkit answer was used');

// ---- the report
const pct = (x) => `${(100 * x).toFixed(1)} %`;
const lines = [];
const out = (s = '') => lines.push(s);
out(`\nAccuracy report${quick ? ' (quick smoke mode: every fourth item only, numbers not to quote)' : ''}`);
out(`cxkit via ${cxkitVia}\n`);
const goals = [];
for (const lang of ['en', 'es']) {
  const names = Object.keys(results[lang]);
  const { turns, convs } = dev[lang];
  out(`### ${lang}: ${turns.length} turns (turns.jsonl), ${convs.length} conversations (conversations.jsonl)\n`);
  out('3-class accuracy / macro-F1 (gold mixed left out); 4-class accuracy; "sign": macro-F1 with one band (> 0, < 0, = 0) for every scorer\n');
  out(`| set | ${names.join(' | ')} |`);
  out(`|---|${names.map(() => '---').join('|')}|`);
  const speakers = [...new Set(turns.map((t) => t.speaker))].sort();
  const cell = (rows) => {
    const t = three(rows);
    return `${pct(t.acc)} / ${t.f1.toFixed(3)}`;
  };
  const sets = [
    ['turns, all', (r) => r.turns],
    ...speakers.map((s) => [`turns, ${s}`, (r) => r.turns.filter((x) => x.speaker === s)]),
    ['turns in conversations', (r) => r.convTurns],
  ];
  const summary = {};
  for (const [label, pick] of sets) {
    const n = three(pick(results[lang][CX])).n;
    out(`| ${label} (n = ${n}) | ${names.map((k) => cell(pick(results[lang][k]))).join(' | ')} |`);
    summary[label] = Object.fromEntries(names.map((k) => [k, three(pick(results[lang][k]))]));
  }
  for (const [label, pick] of sets.slice(0, speakers.length + 1)) {
    const rows = pick(results[lang][CX]);
    out(`| ${label}, 4-class accuracy (n = ${rows.length}) | ${names.map((k) => pct(four(pick(results[lang][k])))).join(' | ')} |`);
  }
  out(`| turns, macro-F1 with the sign band | ${names.map((k) => three(results[lang][k].turns, 'sign').f1.toFixed(3)).join(' | ')} |`);
  out(`| customer trend (n = ${convs.length}) | ${names.map((k) => { const t = results[lang][k].trend; return `${pct(t.ok / t.n)} (${t.ok}/${t.n})`; }).join(' | ')} |`);
  for (const s of ['all', ...speakers]) {
    const rows = results[lang][CX].turns.filter((x) => s === 'all' || x.speaker === s);
    out(`\ncxkit, 4-class confusion, ${s === 'all' ? 'all' : s} turns (${rows.length}):\n`);
    out(confusion(rows));
  }
  out();
  report.sets[lang] = { summary, four: Object.fromEntries(names.map((k) => [k, four(results[lang][k].turns)])), trend: Object.fromEntries(names.map((k) => [k, results[lang][k].trend])) };

  // Goals: above every comparator on every set (macro-F1 of the turns, of the turns in
  // conversations, and trend accuracy); Spanish macro-F1 at least 0.10 above the best comparator.
  const others = names.filter((k) => k !== CX);
  for (const [label, pick] of sets.filter(([l]) => l === 'turns, all' || l === 'turns in conversations')) {
    const mine = three(pick(results[lang][CX])).f1;
    const best = Math.max(...others.map((k) => three(pick(results[lang][k])).f1));
    goals.push([`${lang} ${label}: macro-F1 above every comparator`, mine > best, `${mine.toFixed(3)} vs best ${best.toFixed(3)}`]);
    if (lang === 'es') goals.push([`es ${label}: macro-F1 ≥ best comparator + 0.10`, mine >= best + 0.1, `${mine.toFixed(3)} vs ${best.toFixed(3)} + 0.10`]);
  }
  const tr = (k) => results[lang][k].trend.ok / results[lang][k].trend.n;
  const bestTrend = Math.max(...others.map(tr));
  goals.push([`${lang} customer trend: above every comparator`, tr(CX) > bestTrend, `${pct(tr(CX))} vs best ${pct(bestTrend)}`]);
}

out(`### Public English sets (npm sentiment 5.0.2 test/fixtures, binary, score ≥ 0 positive)\n`);
const pubNames = Object.keys(publicResults);
out(`| set | ${pubNames.join(' | ')} |`);
out(`|---|${pubNames.map(() => '---').join('|')}|`);
for (const name of Object.keys(publicSets)) {
  out(`| ${name} (n = ${publicSets[name].length}) | ${pubNames.map((k) => pct(publicResults[k].per[name].ok / publicResults[k].per[name].n)).join(' | ')} |`);
}
out(`| **pooled** (n = ${publicResults[CX].n}) | ${pubNames.map((k) => `**${pct(publicResults[k].ok / publicResults[k].n)}**`).join(' | ')} |`);
out();
const pub = (k) => publicResults[k].ok / publicResults[k].n;
const bestPub = Math.max(...pubNames.filter((k) => k !== CX).map(pub));
goals.push(['public EN pooled: above every comparator', pub(CX) > bestPub, `${pct(pub(CX))} vs best ${pct(bestPub)}`]);
goals.push(['public EN pooled > 78 %', pub(CX) > 0.78, pct(pub(CX))]);
report.public = publicResults;

out(`### PII redaction (tests/fixtures/pii/cases.jsonl, ${piiCases.length} cases; exact type and span)\n`);
out('| type | precision | recall | tp | fp | fn |');
out('|---|---:|---:|---:|---:|---:|');
const types = Object.keys(pii).filter((k) => k !== 'all').sort();
for (const k of [...types, 'all']) {
  const c = pii[k];
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1;
  out(`| ${k} | ${p.toFixed(3)} | ${r.toFixed(3)} | ${c.tp} | ${c.fp} | ${c.fn} |`);
}
out(`\nlook-alikes that must be kept but were redacted: ${keptLost}\n`);
report.pii = { counts: pii, keptLost };

out(`### Goals${quick ? ' (on the quick subset: the full run decides)' : ''}\n`);
for (const [what, ok, detail] of goals) out(`- ${ok ? 'met' : 'NOT met'}: ${what} (${detail})`);
report.goals = goals.map(([what, ok, detail]) => ({ what, ok, detail }));
console.log(lines.join('\n'));

mkdirSync(`${root}target/bench`, { recursive: true });
writeFileSync(`${root}target/bench/accuracy.json`, JSON.stringify(report, null, 2));

// Sanity checks (both modes): far above chance, so a broken scorer or binding fails the run.
const en = three(results.en[CX].turns);
const es = three(results.es[CX].turns);
const problems = [];
if (!(en.acc > 0.6 && es.acc > 0.6)) problems.push(`cxkit 3-class accuracy en ${pct(en.acc)}, es ${pct(es.acc)}: expected above 60 %`);
if (!(pub(CX) > 0.65)) problems.push(`cxkit public pooled ${pct(pub(CX))}: expected above 65 %`);
const allPii = pii.all ?? { tp: 0, fp: 0, fn: 0 };
if (!(allPii.tp > 0 && allPii.tp >= 4 * (allPii.fp + allPii.fn))) problems.push(`PII: ${JSON.stringify(allPii)}`);
if (problems.length) throw new Error(problems.join('\n'));
