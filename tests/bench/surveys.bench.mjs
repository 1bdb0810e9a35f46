// Survey benchmarks: cxkit (wasm, npm package in Node) side by side with what a user would write
// instead (a plain JavaScript loop), in one run. Not a timed test: `cargo xtask bench` runs it at
// full size, CI runs it with --quick (small sizes, few rounds) only to keep it working.
//
//   node --expose-gc tests/bench/surveys.bench.mjs [--quick]
//
// Method: both sides are warmed up, then measured in alternating rounds (A B B A …) so that JIT
// tiering and CPU frequency drift do not favour whichever runs second; the median round is
// reported. Results are also written to target/bench/surveys.json.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

import * as cx from '../../target/npm/cxkit/node/index.mjs';

const quick = process.argv.includes('--quick');
const root = fileURLToPath(new URL('../..', import.meta.url));
const SCORES = quick ? 100_000 : 10_000_000;
const OBJECTS = quick ? 10_000 : 1_000_000;
const ROUNDS = quick ? 3 : 15;
const COLD_STARTS = quick ? 2 : 15;

/** Deterministic scores with a realistic NPS mix (xorshift32). */
function scores(n, seed = 12345) {
  const out = new Uint8Array(n);
  let x = seed;
  const weights = [3, 1, 1, 2, 2, 4, 6, 12, 18, 27, 27];
  const cumulative = weights.map(((s) => (w) => (s += w))(0));
  const total = cumulative.at(-1);
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const r = (x >>> 0) % total;
    out[i] = cumulative.findIndex((c) => r < c);
  }
  return out;
}

/** The loop a developer writes without cxkit: count promoters and detractors, no validation. */
function plainJsNps(a) {
  let promoters = 0;
  let detractors = 0;
  for (let i = 0; i < a.length; i++) {
    const s = a[i];
    if (s >= 9) promoters++;
    else if (s <= 6) detractors++;
  }
  return (100 * (promoters - detractors)) / a.length;
}

/** Same for response objects. */
function plainJsNpsObjects(responses) {
  let promoters = 0;
  let detractors = 0;
  for (const r of responses) {
    const s = r.value;
    if (s >= 9) promoters++;
    else if (s <= 6) detractors++;
  }
  return (100 * (promoters - detractors)) / responses.length;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function time(f) {
  const t0 = process.hrtime.bigint();
  const r = f();
  return [Number(process.hrtime.bigint() - t0) / 1e6, r];
}

/** Warm up, then alternate A and B; returns median milliseconds of each and both results. */
function sideBySide(a, b) {
  for (let i = 0; i < 3; i++) {
    a();
    b();
  }
  const ta = [];
  const tb = [];
  let ra;
  let rb;
  for (let i = 0; i < ROUNDS; i++) {
    globalThis.gc?.();
    const order = i % 2 === 0 ? [[a, ta], [b, tb]] : [[b, tb], [a, ta]];
    for (const [f, t] of order) {
      const [ms, r] = time(f);
      t.push(ms);
      if (f === a) ra = r;
      else rb = r;
    }
  }
  return { a: median(ta), b: median(tb), ra, rb };
}

const rows = [];
const fmtRate = (n, ms) => `${((n / ms) * 1000 / 1e6).toFixed(1)} M/s`;

// 1. NPS over raw scores in a Uint8Array: npsFromScores vs the plain loop.
{
  const data = scores(SCORES);
  const r = sideBySide(() => cx.npsFromScores(data).score, () => plainJsNps(data));
  if (Math.abs(r.ra - r.rb) > 1e-9) throw new Error(`results differ: ${r.ra} vs ${r.rb}`);
  rows.push({
    what: `NPS of ${SCORES.toLocaleString('en')} scores (Uint8Array)`,
    cxkit: `${r.a.toFixed(2)} ms (${fmtRate(SCORES, r.a)})`,
    other: `plain JS loop ${r.b.toFixed(2)} ms (${fmtRate(SCORES, r.b)})`,
    ratio: r.b / r.a,
  });
}

// 2. nps(responses) over response objects, and the same data through npsFromScores.
{
  const data = scores(OBJECTS, 777);
  const objects = Array.from(data, (value, i) => ({ id: `r${i}`, value, queue: i % 3 ? 'billing' : 'tech' }));
  const r = sideBySide(() => cx.nps(objects).score, () => plainJsNpsObjects(objects));
  if (Math.abs(r.ra - r.rb) > 1e-9) throw new Error(`results differ: ${r.ra} vs ${r.rb}`);
  rows.push({
    what: `nps() over ${OBJECTS.toLocaleString('en')} response objects`,
    cxkit: `${r.a.toFixed(1)} ms (${fmtRate(OBJECTS, r.a)})`,
    other: `plain JS loop ${r.b.toFixed(1)} ms (${fmtRate(OBJECTS, r.b)})`,
    ratio: r.b / r.a,
  });
  const q = sideBySide(() => cx.npsFromScores(Uint8Array.from(objects, (o) => o.value)).score, () => cx.nps(objects).score);
  rows.push({
    what: `the same ${OBJECTS.toLocaleString('en')} answers via npsFromScores (incl. building the Uint8Array)`,
    cxkit: `${q.a.toFixed(1)} ms (${fmtRate(OBJECTS, q.a)})`,
    other: `nps(objects) ${q.b.toFixed(1)} ms`,
    ratio: q.b / q.a,
  });
}

// 3. Cold start: a fresh Node process compiles and instantiates the module (median of runs).
const wasmPath = `${root}target/npm/cxkit/web/cxkit_bg.wasm`;
{
  const script = `
    const { readFileSync } = require('node:fs');
    const bytes = readFileSync(${JSON.stringify(wasmPath)});
    import(${JSON.stringify(`${root}target/npm/cxkit/web/slim.js`)}).then((m) => {
      const t0 = performance.now();
      m.initSync({ module: bytes });
      m.nps([10]);
      console.log(performance.now() - t0);
    });`;
  const times = [];
  for (let i = 0; i < COLD_STARTS; i++) {
    times.push(Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })));
  }
  rows.push({
    what: 'cold start: compile + instantiate + first call, fresh Node process',
    cxkit: `${median(times).toFixed(2)} ms (median of ${COLD_STARTS})`,
    other: '',
    ratio: null,
  });
}

const wasm = readFileSync(wasmPath);
const size = { bytes: wasm.length, gzip: gzipSync(wasm, { level: 9 }).length };

console.log(`\nSurvey benchmarks${quick ? ' (quick smoke mode: sizes too small to quote)' : ''}, node ${process.version}\n`);
console.log('| benchmark | cxkit | alternative | alternative time ÷ cxkit time |');
console.log('|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.what} | ${r.cxkit} | ${r.other} | ${r.ratio === null ? '' : `${r.ratio.toFixed(2)}×`} |`);
}
console.log(`| web/cxkit_bg.wasm | ${size.bytes.toLocaleString('en')} bytes, ${size.gzip.toLocaleString('en')} gzipped | | |`);

mkdirSync(`${root}target/bench`, { recursive: true });
writeFileSync(`${root}target/bench/surveys.json`, JSON.stringify({ quick, node: process.version, rows, size }, null, 2));
