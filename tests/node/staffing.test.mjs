// Staffing through the built npm package (target/npm/cxkit): erlangC, erlangA, agentsRequired,
// intervalPlan. Known answers from tests/fixtures/ops/staffing.json (mpmath at 40 digits, birth–
// death chains; see its README). Run by `cargo xtask test` (stage `node`).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import * as cx from '../../target/npm/cxkit/node/index.mjs';
import { assertJsonClean, assertMatches, fixture, throwsCode } from '../support/expect.mjs';

const fx = fixture('ops/staffing.json');
const throws = (fn, code, details) => throwsCode(cx.CxkitError, fn, code, details);
const TEXTBOOK = { callsPerInterval: 100, intervalSeconds: 1800, ahtSeconds: 180 };

test('the textbook case: 100 calls in 1,800 s, AHT 180 s, 80 % in 20 s -> 14 agents', () => {
  const r = cx.agentsRequired({ ...TEXTBOOK, targetServiceLevel: 0.8, thresholdSeconds: 20 });
  assert.equal(r.agents, 14);
  assert.equal(r.probabilityWait.toFixed(4), '0.1741');
  assert.equal(r.serviceLevel.toFixed(4), '0.8884');
  assert.equal(r.asa.toFixed(2), '7.84');
  assert.equal(r.model, 'erlang-c');
  assert.equal('probabilityAbandon' in r, false);
  const c = cx.erlangC({ ...TEXTBOOK, agents: 14, thresholdSeconds: 20 });
  assert.deepEqual(
    [c.trafficErlangs, c.probabilityWait.toFixed(4), c.serviceLevel.toFixed(4), c.asa.toFixed(2)],
    [10, '0.1741', '0.8884', '7.84'],
  );
  // Defaults: threshold 20 s and target 80 % when none is given.
  assert.equal(cx.agentsRequired(TEXTBOOK).agents, 14);
});

test('erlangC and agentsRequired match the reference values', () => {
  for (const { input, expected } of fx.erlangC) {
    assertMatches(cx.erlangC(input), expected, JSON.stringify(input), 1e-9);
  }
  for (const { input, expected } of fx.agentsRequired) {
    const r = cx.agentsRequired(input);
    assertMatches(r, expected, JSON.stringify(input), 1e-9);
    assertJsonClean(r);
  }
});

test('erlangA matches the closed forms and the Markov chain', () => {
  for (const { input, expected, ctmc } of fx.erlangA) {
    const r = cx.erlangA(input);
    const what = JSON.stringify(input);
    assertMatches(r, {
      trafficErlangs: expected.trafficErlangs,
      probabilityWait: ctmc.probabilityWait,
      probabilityAbandon: ctmc.probabilityAbandon,
      averageWait: ctmc.averageWait,
      asa: expected.asa,
      occupancy: expected.occupancy,
      serviceLevels: {
        offered: expected.serviceLevelOffered,
        answered: expected.serviceLevelAnswered,
        excludingShortAbandons: expected.serviceLevelExcludingShortAbandons,
      },
    }, what, 1e-8);
    assert.equal(r.serviceLevel, r.serviceLevels.offered, what);
  }
  for (const { input, expected } of fx.agentsRequiredErlangA) {
    const r = cx.agentsRequired(input);
    const what = JSON.stringify(input);
    assert.equal(r.agents, expected.agents, what);
    assert.equal(r.model, 'erlang-a');
    assertMatches(r.probabilityAbandon, expected.probabilityAbandon, what, 1e-8);
    const key = { offered: 'serviceLevelOffered', answered: 'serviceLevelAnswered', excludingShortAbandons: 'serviceLevelExcludingShortAbandons' };
    assertMatches(r.serviceLevel, expected[key[input.serviceLevelDefinition]], what, 1e-8);
  }
});

test('shrinkage: divide (default) and multiply, rounded without floating-point noise', () => {
  // 21 ÷ (1 − 0.3) is 30.000000000000004 in binary floating point: 30 agents, not 31.
  const base = { callsPerInterval: 150, intervalSeconds: 1800, ahtSeconds: 180 };
  const r = cx.agentsRequired({ ...base, shrinkage: 0.3 });
  const multiply = cx.agentsRequired({ ...base, shrinkage: 0.3, shrinkageMode: 'multiply' });
  assert.equal(r.agents, multiply.agents);
  assert.equal(r.scheduled, Math.ceil(r.agents / 0.7 - 1e-9));
  assert.equal(multiply.scheduled, Math.ceil(r.agents * 1.3 - 1e-9));
  const twentyOne = cx.agentsRequired({ ...TEXTBOOK, callsPerInterval: 164, shrinkage: 0.3 });
  assert.deepEqual([twentyOne.agents, twentyOne.scheduled], [21, 30]);
  assert.equal(twentyOne.scheduledExact, 21 / (1 - 0.3));
  assert.equal(cx.agentsRequired({ ...TEXTBOOK, shrinkage: 0.3 }).scheduled, 20);
});

test('targets: ASA and occupancy caps; Erlang A as patience grows tends to Erlang C', () => {
  const asa = cx.agentsRequired({ ...TEXTBOOK, targetAsaSeconds: 5 });
  assert.ok(asa.asa <= 5);
  const occ = cx.agentsRequired({ ...TEXTBOOK, maxOccupancy: 0.6 });
  assert.ok(occ.occupancy <= 0.6 && occ.agents >= 17);
  const c = cx.erlangC({ ...TEXTBOOK, agents: 14 });
  const a = cx.erlangA({ ...TEXTBOOK, agents: 14, patienceSeconds: 1e7 });
  assert.ok(Math.abs(a.probabilityWait - c.probabilityWait) < 1e-4);
  // Erlang A is stable below the traffic: finite answers with 8 agents for 10 Erlangs.
  const under = cx.erlangA({ ...TEXTBOOK, agents: 8, patienceSeconds: 60 });
  assertJsonClean(under);
  assert.ok(under.probabilityAbandon > 0.1);
});

test('stable at thousands of calls per interval', () => {
  const r = cx.agentsRequired({ callsPerInterval: 20000, intervalSeconds: 1800, ahtSeconds: 300 });
  assert.equal(r.agents, 3352);
  assertJsonClean(r);
});

test('intervalPlan: agents per interval and totals', () => {
  const plan = cx.intervalPlan({
    intervalSeconds: 1800,
    intervals: [
      { label: '09:00', calls: 100, ahtSeconds: 180 },
      { label: '09:30', calls: 0, ahtSeconds: 0 },
      { label: '10:00', calls: 2000, ahtSeconds: 180 },
    ],
    shrinkage: 0.3,
  });
  assert.deepEqual(plan.intervals.map((i) => [i.label, i.agents]), [['09:00', 14], ['09:30', 0], ['10:00', 208]]);
  assert.equal(plan.intervals[0].scheduled, 20);
  assert.equal(plan.totals.peakAgents, 208);
  assert.equal(plan.totals.agentHours, (14 + 208) / 2);
  assert.equal(plan.totals.calls, 2100);
  assertJsonClean(plan);
  const a = cx.intervalPlan({
    intervalSeconds: 1800,
    intervals: [{ calls: 100, ahtSeconds: 180 }],
    model: 'erlang-a',
    patienceSeconds: 120,
  });
  assert.ok(a.totals.probabilityAbandon > 0);
  assert.equal(a.intervals[0].model, 'erlang-a');
});

test('bad input: typed errors naming the field, never NaN', () => {
  throws(() => cx.erlangC({ ...TEXTBOOK, agents: 10 }), 'unstable_queue', { field: 'agents' });
  throws(() => cx.erlangC({ ...TEXTBOOK, agents: 9.5 }), 'invalid_parameter', { field: 'agents' });
  throws(() => cx.erlangC({ ...TEXTBOOK, agents: 14, ahtSeconds: 0 }), 'invalid_parameter', { field: 'ahtSeconds' });
  throws(() => cx.erlangC({ ...TEXTBOOK, agents: 14, callsPerInterval: -1 }), 'invalid_parameter', { field: 'callsPerInterval' });
  throws(() => cx.erlangC({ ...TEXTBOOK, agents: NaN }), 'invalid_parameter', { field: 'agents' });
  throws(() => cx.erlangC({ ...TEXTBOOK }), 'missing_field', { field: 'agents' });
  throws(() => cx.erlangC({ ...TEXTBOOK, agents: '14' }), 'invalid_type', { field: 'agents' });
  throws(() => cx.erlangC({ ...TEXTBOOK, agents: 14, agnets: 3 }), 'invalid_value', { field: 'agnets' });
  throws(() => cx.erlangC(null), 'invalid_type', { field: 'input' });
  throws(() => cx.erlangC([1, 2]), 'invalid_type', { field: 'input' });
  throws(() => cx.erlangA({ ...TEXTBOOK, agents: 14 }), 'missing_field', { field: 'patienceSeconds' });
  throws(() => cx.erlangA({ ...TEXTBOOK, agents: 14, patienceSeconds: 0 }), 'invalid_parameter', { field: 'patienceSeconds' });
  throws(() => cx.agentsRequired({ ...TEXTBOOK, shrinkage: 1 }), 'invalid_parameter', { field: 'shrinkage' });
  throws(() => cx.agentsRequired({ ...TEXTBOOK, targetServiceLevel: 1.2 }), 'invalid_parameter', { field: 'targetServiceLevel' });
  throws(() => cx.agentsRequired({ ...TEXTBOOK, model: 'erlang-b' }), 'invalid_value', { field: 'model' });
  throws(() => cx.agentsRequired({ ...TEXTBOOK, model: 'erlang-a' }), 'missing_field', { field: 'patienceSeconds' });
  throws(() => cx.agentsRequired({ ...TEXTBOOK, patienceSeconds: 60 }), 'invalid_option', { field: 'patienceSeconds' });
  throws(() => cx.agentsRequired({ ...TEXTBOOK, maxAgents: 5 }), 'target_unreachable', { field: 'maxAgents' });
  throws(() => cx.intervalPlan({ intervalSeconds: 1800, intervals: [] }), 'empty_input', { field: 'intervals' });
  throws(
    () => cx.intervalPlan({ intervalSeconds: 1800, intervals: [{ calls: 10, ahtSeconds: 180 }, { calls: 10, ahtSeconds: 0 }] }),
    'invalid_parameter',
    { field: 'intervals[1].ahtSeconds', index: 1 },
  );
  throws(
    () => cx.intervalPlan({ intervalSeconds: 1800, intervals: [{ calls: 10, ahtSeconds: 180, agents: 3 }] }),
    'invalid_value',
    { field: 'intervals[0].agents' },
  );
  throws(() => cx.intervalPlan({ intervalSeconds: 1800, intervals: [{ calls: 10 }] }), 'missing_field', {
    field: 'intervals[0].ahtSeconds',
  });
});
