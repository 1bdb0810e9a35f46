// Staffing benchmark: agents required for 2,000 calls per interval (AHT 180 s, 80 % in 20 s) in
// the wasm build in Node, side by side in one run with pyworkforce 0.5.1 in Python
// (target/bench-venv, set up by `cargo xtask bench`). Not a timed test: `cargo xtask bench` runs
// it at full size, CI with --quick (few calls) only to keep the chain working.
//
//   node --expose-gc tests/bench/staffing.bench.mjs [--quick]
//
// Method: each call builds its input and solves from scratch (`agentsRequired({...})` in cxkit,
// `ErlangC(...).required_positions(...)` in pyworkforce); rounds of many calls are timed and the
// median round gives microseconds per call. cxkit is measured in two halves around the Python
// run. Both must answer 208 agents with the same service level, or the benchmark fails.
// Results also go to target/bench/staffing.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import * as cx from '../../target/npm/cxkit/node/index.mjs';

const quick = process.argv.includes('--quick');
const root = fileURLToPath(new URL('../..', import.meta.url));
const ROUNDS = quick ? 3 : 9;
const CALLS = quick ? 200 : 20_000;
const PY_CALLS = quick ? 50 : 2_000;
const PYTHON = `${root}target/bench-venv/bin/python`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const INPUT = { callsPerInterval: 2000, intervalSeconds: 1800, ahtSeconds: 180, thresholdSeconds: 20, targetServiceLevel: 0.8 };

function round() {
  let r;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) r = cx.agentsRequired({ ...INPUT });
  return [Number(process.hrtime.bigint() - t0) / 1e6, r];
}

for (let i = 0; i < 3; i++) round();
const wasm = [];
let result;
const half = () => {
  for (let i = 0; i < Math.ceil(ROUNDS / 2); i++) {
    globalThis.gc?.();
    const [ms, r] = round();
    wasm.push(ms);
    result = r;
  }
};

half();
if (!existsSync(PYTHON)) throw new Error(`${PYTHON} is missing: run \`cargo xtask bench\` (it sets up the venv)`);
const py = spawnSync(PYTHON, [`${root}tests/bench/comparators.py`, 'staffing', '--calls', String(PY_CALLS), '--rounds', String(ROUNDS)], {
  encoding: 'utf8',
});
if (py.status !== 0) throw new Error(`the pyworkforce comparator failed:\n${py.stderr}`);
const pw = JSON.parse(py.stdout);
half();

if (result.agents !== 208 || pw.result.raw_positions !== 208) {
  throw new Error(`agents differ: cxkit ${result.agents}, pyworkforce ${pw.result.raw_positions}`);
}
if (Math.abs(result.serviceLevel - pw.result.service_level) > 1e-9) {
  throw new Error(`service levels differ: ${result.serviceLevel} vs ${pw.result.service_level}`);
}

const usCxkit = (median(wasm) * 1000) / CALLS;
const usPy = (median(pw.rounds_ms) * 1000) / PY_CALLS;
const rows = [
  {
    what: 'agents required, 2,000 calls per 30-min interval, AHT 180 s, 80 % in 20 s (→ 208 agents)',
    cxkit: `${usCxkit.toFixed(2)} µs per call`,
    other: `${pw.library}: ${usPy.toFixed(1)} µs per call`,
    ratio: usPy / usCxkit,
  },
];

console.log(`\nStaffing benchmark${quick ? ' (quick smoke mode: too few calls to quote)' : ''}, node ${process.version}, median of ${ROUNDS} rounds (cxkit ${CALLS.toLocaleString('en')} calls a round, pyworkforce ${PY_CALLS.toLocaleString('en')})\n`);
console.log('| benchmark | cxkit (wasm, Node) | alternative (Python) | alternative time ÷ cxkit time |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(`| ${r.what} | ${r.cxkit} | ${r.other} | ${r.ratio.toFixed(1)}× |`);
console.log(`\nSame answer on both sides: ${result.agents} agents, service level ${result.serviceLevel.toFixed(6)}.`);

mkdirSync(`${root}target/bench`, { recursive: true });
writeFileSync(
  `${root}target/bench/staffing.json`,
  JSON.stringify({ quick, node: process.version, rounds: ROUNDS, calls: CALLS, pythonCalls: PY_CALLS, rows, cxkitRoundsMs: wasm, pyworkforce: pw, result }, null, 2),
);
