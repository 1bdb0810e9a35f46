// Lifetime-value benchmark: the whole CDNOW fit (BG/NBD on 2,357 customers + Gamma–Gamma on the
// 946 repeat buyers) in the wasm build in Node, side by side in one run with Lifetimes 0.11.3 in
// Python (target/bench-venv, set up by `cargo xtask bench`). Not a timed test: `cargo xtask
// bench` runs it at full size, CI with --quick (few rounds) only to keep the chain working.
//
//   node --expose-gc tests/bench/ltv.bench.mjs [--quick]
//
// Method: the data are loaded once on both sides (CSV parsing is not timed); each round fits
// both models from scratch. cxkit is measured in two halves around the Python run (which times
// its own rounds with time.perf_counter), after warm-up; medians are reported. The fitted
// parameters must agree (relative 1e-4) or the benchmark fails. Results also go to
// target/bench/ltv.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import * as cx from '../../target/npm/cxkit/node/index.mjs';
import { cdnow } from '../support/expect.mjs';

const quick = process.argv.includes('--quick');
const root = fileURLToPath(new URL('../..', import.meta.url));
const ROUNDS = quick ? 3 : 15;
const PYTHON = `${root}target/bench-venv/bin/python`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(f) {
  const t0 = process.hrtime.bigint();
  const r = f();
  return [Number(process.hrtime.bigint() - t0) / 1e6, r];
}

const { bg, gg } = cdnow();
const columns = [
  Float64Array.from(bg, (c) => c.frequency),
  Float64Array.from(bg, (c) => c.recency),
  Float64Array.from(bg, (c) => c.T),
];
const spendColumns = [Float64Array.from(gg, (c) => c.frequency), Float64Array.from(gg, (c) => c.monetaryValue)];
const fromObjects = () => ({ bg: cx.fitBgNbd(bg), gg: cx.fitGammaGamma(gg) });
const fromColumns = () => ({ bg: cx.fitBgNbdColumns(...columns, 'weeks'), gg: cx.fitGammaGammaColumns(...spendColumns) });

for (let i = 0; i < 3; i++) {
  fromObjects();
  fromColumns();
}
const objects = [];
const cols = [];
let fit;
const half = () => {
  for (let i = 0; i < Math.ceil(ROUNDS / 2); i++) {
    globalThis.gc?.();
    const [a, r] = time(fromObjects);
    const [b] = time(fromColumns);
    objects.push(a);
    cols.push(b);
    fit = r;
  }
};

half();
if (!existsSync(PYTHON)) throw new Error(`${PYTHON} is missing: run \`cargo xtask bench\` (it sets up the venv)`);
const py = spawnSync(
  PYTHON,
  [
    `${root}tests/bench/comparators.py`,
    'ltv',
    '--bg', `${root}tests/fixtures/ltv/cdnow_customers_summary.csv`,
    '--gg', `${root}tests/fixtures/ltv/cdnow_customers_summary_with_transactions.csv`,
    '--rounds', String(ROUNDS),
  ],
  { encoding: 'utf8' },
);
if (py.status !== 0) throw new Error(`the Lifetimes comparator failed:\n${py.stderr}`);
const lt = JSON.parse(py.stdout);
half();

// Both sides must have fitted the same models.
const pairs = [
  ['r', fit.bg.r, lt.bg_nbd.r], ['alpha', fit.bg.alpha, lt.bg_nbd.alpha], ['a', fit.bg.a, lt.bg_nbd.a], ['b', fit.bg.b, lt.bg_nbd.b],
  ['p', fit.gg.p, lt.gamma_gamma.p], ['q', fit.gg.q, lt.gamma_gamma.q], ['gamma', fit.gg.gamma, lt.gamma_gamma.v],
];
const worst = Math.max(...pairs.map(([, a, b]) => Math.abs(a - b) / Math.abs(b)));
for (const [name, a, b] of pairs) {
  if (Math.abs(a - b) > 1e-4 * Math.abs(b)) throw new Error(`${name}: cxkit ${a} vs Lifetimes ${b}`);
}

const tObjects = median(objects);
const tColumns = median(cols);
const tLifetimes = median(lt.rounds_ms);
const rows = [
  {
    what: 'CDNOW fit: BG/NBD (2,357 customers) + Gamma–Gamma (946), summary rows as objects',
    cxkit: `${tObjects.toFixed(2)} ms`,
    other: `${lt.library}: ${tLifetimes.toFixed(1)} ms`,
    ratio: tLifetimes / tObjects,
  },
  {
    what: 'the same from Float64Array columns (`fitBgNbdColumns`, `fitGammaGammaColumns`)',
    cxkit: `${tColumns.toFixed(2)} ms`,
    other: `${lt.library}: ${tLifetimes.toFixed(1)} ms`,
    ratio: tLifetimes / tColumns,
  },
];

console.log(`\nLifetime-value benchmark${quick ? ' (quick smoke mode: too few rounds to quote)' : ''}, node ${process.version}, median of ${ROUNDS} rounds\n`);
console.log('| benchmark | cxkit (wasm, Node) | alternative (Python) | alternative time ÷ cxkit time |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(`| ${r.what} | ${r.cxkit} | ${r.other} | ${r.ratio.toFixed(1)}× |`);
console.log(`\nSame optimum on both sides: largest relative difference of the 7 parameters ${worst.toExponential(1)}; BG/NBD ${fit.bg.iterations} and Gamma–Gamma ${fit.gg.iterations} quasi-Newton iterations.`);

mkdirSync(`${root}target/bench`, { recursive: true });
writeFileSync(
  `${root}target/bench/ltv.json`,
  JSON.stringify({ quick, node: process.version, rounds: ROUNDS, rows, cxkit: { objects, columns: cols, fit }, lifetimes: lt, worst }, null, 2),
);
