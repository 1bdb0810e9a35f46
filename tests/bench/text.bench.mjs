// Text speed benchmark: sentiment scoring of 100,000 synthetic customer-service utterances (about
// 5 MB, English and Spanish) with the wasm build in Node (`scoreTexts` in bulk and `scoreText` per
// call) side by side with npm `sentiment` and `wink-sentiment` in the same process; then the native
// build (the core's speed reports: the same utterances, a 10,000-phrase KeywordSet compiled and
// scanning 5 MB, PII redaction MB/s). Not a timed test: `cargo xtask bench` runs it at full size,
// CI with --quick (2,000 utterances, debug native build) only to check that it runs and that the
// results are sane.
//
//   node --expose-gc tests/bench/text.bench.mjs [--quick]
//
// Method: the utterances come from tests/bench/utterances.json with a seeded 64-bit LCG (the
// generator of crates/cxkit-core/tests/sentiment_speed.rs, so native and wasm score the same
// texts). Every side is warmed up, then measured in rounds whose order rotates (so JIT tiering,
// caches and CPU frequency drift do not favour whoever runs second); the median round is
// reported. Results also go to target/bench/text.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import * as cx from '../../target/npm/cxkit/node/index.mjs';

const quick = process.argv.includes('--quick');
const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(`${root}tests/package.json`);
const Sentiment = require('sentiment');
const wink = require('wink-sentiment');
const version = (name) => require(`${name}/package.json`).version;

const N = quick ? 2_000 : 100_000;
const ROUNDS = quick ? 3 : 9;

/** The utterances of sentiment_speed.rs: opener + English or Spanish body, LCG-picked. */
function utterances(n) {
  const t = JSON.parse(readFileSync(`${root}tests/bench/utterances.json`, 'utf8'));
  const MASK = (1n << 64n) - 1n;
  let state = 0x9e3779b97f4a7c15n;
  const next = () => {
    state = (state * 6364136223846793005n + 1442695040888963407n) & MASK;
    return Number(state >> 33n);
  };
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    const body = next() % 2 === 0 ? t.en[next() % t.en.length] : t.es[next() % t.es.length];
    out[i] = t.openers[next() % t.openers.length] + body;
  }
  return out;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(f) {
  const t0 = process.hrtime.bigint();
  const r = f();
  return [Number(process.hrtime.bigint() - t0) / 1e6, r];
}

/** Warm up every side, then ROUNDS rounds in rotating order; median ms and last result of each. */
function sideBySide(sides) {
  for (let i = 0; i < 2; i++) for (const s of sides) s.run();
  const times = sides.map(() => []);
  const results = [];
  for (let r = 0; r < ROUNDS; r++) {
    globalThis.gc?.();
    for (let k = 0; k < sides.length; k++) {
      const j = (k + r) % sides.length;
      const [ms, res] = time(sides[j].run);
      times[j].push(ms);
      results[j] = res;
    }
  }
  return sides.map((s, j) => ({ ...s, ms: median(times[j]), result: results[j] }));
}

const texts = utterances(N);
const bytes = texts.reduce((a, t) => a + Buffer.byteLength(t), 0);
const rows = [];
const problems = [];
const perSec = (ms) => (N / ms) * 1000;
const fmt = (x) => Math.round(x).toLocaleString('en');

// ---- 1. sentiment in Node: wasm vs the npm scorers
const npmSentiment = new Sentiment();
const sides = [
  { name: 'cxkit wasm `scoreTexts(texts)` (bulk, no hits)', run: () => Array.from(cx.scoreTexts(texts).scores) },
  { name: 'cxkit wasm `scoreText(text)` per call (with hits)', run: () => texts.map((t) => cx.scoreText(t).score) },
  {
    name: `npm sentiment ${version('sentiment')} (analyze per call)`,
    run: () => texts.map((t) => npmSentiment.analyze(t).score),
  },
  { name: `wink-sentiment ${version('wink-sentiment')} (per call)`, run: () => texts.map((t) => wink(t).score) },
];
const measured = sideBySide(sides);
const npmSide = measured.find((s) => s.name.startsWith('npm sentiment'));
for (const s of measured) {
  if (s.result.length !== N || !s.result.every(Number.isFinite)) problems.push(`${s.name}: ${s.result.length} results, not ${N} finite numbers`);
  rows.push({
    what: `${s.name}`,
    perSec: perSec(s.ms),
    mbPerSec: bytes / 1e6 / (s.ms / 1000),
    ms: s.ms,
    vsNpm: perSec(s.ms) / perSec(npmSide.ms),
  });
}
{
  // The bulk path and the per-call path are one engine: identical scores.
  const [bulk, single] = measured;
  const differ = bulk.result.findIndex((x, i) => x !== single.result[i]);
  if (differ >= 0) problems.push(`scoreTexts and scoreText differ at ${differ}: ${bulk.result[differ]} vs ${single.result[differ]}`);
  // Sanity against an independent scorer: the signs mostly agree on these plain utterances.
  const agree = bulk.result.filter((x, i) => Math.sign(x) === Math.sign(npmSide.result[i]) || npmSide.result[i] === 0).length / N;
  if (agree < 0.6) problems.push(`cxkit and npm sentiment agree on the sign of only ${(100 * agree).toFixed(1)} % of utterances`);
}

// ---- 1b. keywords and redaction in Node (wasm), on the same utterances
const wasmExtra = [];
{
  const words = ['account', 'bill', 'refund', 'router', 'parcel', 'contract', 'cuenta', 'factura', 'reembolso', 'paquete', 'contrato', 'tarifa', 'premium', 'plan', 'upgrade', 'roaming', 'data', 'loyalty', 'voucher', 'credit'];
  let x = 11;
  const pick = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return words[(x >>> 0) % words.length];
  };
  const phrases = Array.from({ length: 10_000 }, (_, i) => `${pick()} ${pick()} ${i}`);
  const compileMs = [];
  let set;
  for (let i = 0; i < (quick ? 1 : 5); i++) {
    set?.free();
    const [ms, s] = time(() => new cx.KeywordSet({ categories: [{ name: 'codes', phrases }] }));
    compileMs.push(ms);
    set = s;
  }
  const [scan] = sideBySide([{ name: 'scanText', run: () => texts.reduce((a, t) => a + set.scanText(t).length, 0) }]);
  if (scan.result === 0) problems.push('the wasm keyword scan found nothing');
  set.free();
  const [red] = sideBySide([{ name: 'redact', run: () => texts.reduce((a, t) => a + cx.redact(t).text.length, 0) }]);
  wasmExtra.push(
    `KeywordSet of 10,000 phrases + built-ins compiled in ${median(compileMs).toFixed(1)} ms (wasm in Node, median)`,
    `keyword scan, utterance by utterance: ${(bytes / 1e6 / (scan.ms / 1000)).toFixed(1)} MB/s, ${fmt(perSec(scan.ms))} utterances/s (wasm, ${scan.result.toLocaleString('en')} matches)`,
    `redact, utterance by utterance: ${(bytes / 1e6 / (red.ms / 1000)).toFixed(1)} MB/s, ${fmt(perSec(red.ms))} utterances/s (wasm; these utterances hold no PII)`,
  );
}

// ---- 2. the native build: the core's speed reports on the same utterances
const env = { ...process.env };
if (quick) Object.assign(env, { CXKIT_SPEED_N: String(N), CXKIT_SPEED_PASSES: '1', CXKIT_SPEED_BYTES: '100000' });
const cargoArgs = ['test', ...(quick ? [] : ['--release']), '--locked', '-p', 'cxkit-core', '--test', 'sentiment_speed', '--test', 'keywords_speed', '--test', 'pii_speed', '--', '--ignored', '--nocapture', '--test-threads=1'];
const native = spawnSync('cargo', cargoArgs, { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'] });
if (native.status !== 0) throw new Error(`cargo ${cargoArgs.join(' ')} failed:\n${native.stdout}`);
const log = native.stdout;
const nativeRows = [];
for (const m of log.matchAll(/score_text \((.+?)\): (\d+) utterances \(([\d.]+) MB\) in ([\d.]+) s: (\d+) utterances\/s, ([\d.]+) MB\/s/g)) {
  const [, variant, n, mb, , ups, mbs] = m;
  if (Number(n) !== N || Number(mb) !== Number((bytes / 1e6).toFixed(2))) problems.push(`native corpus differs: ${n} utterances, ${mb} MB vs ${N}, ${(bytes / 1e6).toFixed(2)} MB`);
  nativeRows.push({ what: `cxkit native \`score_text\` (${variant})`, perSec: Number(ups), mbPerSec: Number(mbs), vsNpm: Number(ups) / perSec(npmSide.ms) });
}
const compiled = log.match(/compiled (\d+) patterns .*? in ([\d.]+) ms/);
const scan = log.match(/scan_text: (\d+) utterances \(([\d.]+) MB\) in ([\d.]+) s: (\d+) utterances\/s, ([\d.]+) MB\/s \((\d+) matches\)/);
const redactWhole = log.match(/redact, whole text: ([\d.]+) MB in ([\d.]+) ms = (\d+) MB\/s \((\d+) entities\)/);
const redactTurns = log.match(/redact, turn by turn: ([\d.]+) MB in ([\d.]+) ms = (\d+) MB\/s \((\d+) entities\)/);
if (nativeRows.length !== 3 || !compiled || !scan || !redactWhole || !redactTurns) problems.push(`could not read the native reports:\n${log}`);
if (scan && Number(scan[6]) === 0) problems.push('the keyword scan found nothing');
if (redactWhole && Number(redactWhole[4]) === 0) problems.push('redaction found no entity');

// ---- the report
const lines = [];
const out = (s = '') => lines.push(s);
out(`\nText benchmarks${quick ? ' (quick smoke mode: sizes too small to quote)' : ''}, node ${process.version}, ${N.toLocaleString('en')} utterances (${(bytes / 1e6).toFixed(2)} MB)\n`);
out('| scorer | utterances/s | MB/s | ÷ npm sentiment |');
out('|---|---:|---:|---:|');
for (const r of [...rows, ...nativeRows]) out(`| ${r.what} | ${fmt(r.perSec)} | ${r.mbPerSec.toFixed(1)} | ${r.vsNpm.toFixed(2)}× |`);
out();
for (const l of wasmExtra) out(l);
if (compiled) out(`KeywordSet: ${Number(compiled[1]).toLocaleString('en')} patterns (10,000 phrases + built-ins + rules) compiled in ${compiled[2]} ms (native)`);
if (scan) out(`keyword scan, utterance by utterance: ${scan[2]} MB at ${scan[5]} MB/s, ${Number(scan[4]).toLocaleString('en')} utterances/s (native)`);
if (redactWhole) out(`PII redaction, ${redactWhole[1]} MB as one text: ${redactWhole[3]} MB/s (native)`);
if (redactTurns) out(`PII redaction, turn by turn: ${redactTurns[3]} MB/s (native)`);
const goal = rows.filter((r) => r.what.startsWith('cxkit wasm'));
out(`\nGoal: cxkit wasm at least 2× npm sentiment utterances/s${quick ? ' (quick sizes: the full run decides)' : ''}`);
for (const r of goal) out(`- ${r.vsNpm >= 2 ? 'met' : 'NOT met'}: ${r.what} ${r.vsNpm.toFixed(2)}×`);
console.log(lines.join('\n'));

mkdirSync(`${root}target/bench`, { recursive: true });
writeFileSync(
  `${root}target/bench/text.json`,
  JSON.stringify({ quick, node: process.version, utterances: N, bytes, rows, nativeRows, log }, null, 2),
);
if (problems.length) throw new Error(problems.join('\n'));
