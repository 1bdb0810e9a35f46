// Customer effort through the built npm package (target/npm/cxkit): `effort` and
// `EffortAccumulator`. Known answers from tests/fixtures/ops/effort.json (an independent Python
// implementation of the documented definitions). Run by `cargo xtask test` (stage `node`).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import * as cx from '../../target/npm/cxkit/node/index.mjs';
import { assertJsonClean, assertMatches, fixture, throwsCode } from '../support/expect.mjs';

const fx = fixture('ops/effort.json');
const throws = (fn, code, details) => throwsCode(cx.CxkitError, fn, code, details);
/** A variant's options with the fixture's answers, as the core test builds them. */
const withAnswers = (options) => ({ ...options, cesAnswers: fx.cesAnswers, fcrAnswers: fx.fcrAnswers });

test('every option family matches the independent computation', () => {
  assert.equal(fx.variants.length, 10);
  for (const { options, expected } of fx.variants) {
    const r = cx.effort(fx.contacts, withAnswers(options));
    const what = JSON.stringify(options);
    assertMatches(r.summary, expected.summary, `${what} summary`);
    assertMatches(r.journeys, expected.journeys, `${what} journeys`);
    assertMatches(r.cesCorrelation, expected.cesCorrelation, `${what} cesCorrelation`);
    assertJsonClean(r);
  }
});

test('detail "summary" leaves the lists out; the index weights are options', () => {
  const options = withAnswers({ asOf: '2026-11-30T00:00:00Z' });
  const full = cx.effort(fx.contacts, options);
  assert.ok(Array.isArray(full.customers) && Array.isArray(full.contacts));
  const brief = cx.effort(fx.contacts, { ...options, detail: 'summary' });
  assert.deepEqual(Object.keys(brief).sort(), ['cesCorrelation', 'queues', 'rejected', 'summary']);
  assert.deepEqual(brief.summary, full.summary);
  const zero = Object.fromEntries(
    ['transfer', 'escalation', 'repeat', 'channelSwitch', 'reassignment', 'abandon', 'waitMinute', 'holdMinute'].map((k) => [k, 0]),
  );
  const none = cx.effort(fx.contacts, { ...options, weights: zero });
  assert.equal(none.summary.effortIndex.perContact, 0);
  const onlyTransfers = cx.effort(fx.contacts, { ...options, weights: { ...zero, transfer: 1 } });
  assert.equal(onlyTransfers.summary.effortIndex.perContact * onlyTransfers.summary.contacts, onlyTransfers.summary.transfers);
});

test('the README example: Ana calls back within 7 days', () => {
  const contacts = [
    { id: '1', customerId: 'ana', channel: 'chat', agentId: 'a1', startedAt: '2026-11-02T09:00:00Z', endedAt: '2026-11-02T09:20:00Z', resolved: false },
    { id: '2', customerId: 'ana', channel: 'voice', agentId: 'a2', transfers: 1, startedAt: '2026-11-03T10:00:00Z', endedAt: '2026-11-03T10:30:00Z', resolved: true },
    { id: '3', customerId: 'bo', channel: 'email', startedAt: '2026-11-02T08:00:00Z', endedAt: '2026-11-02T12:00:00Z', resolved: true },
    { id: '4', customerId: 'cy', channel: 'voice', startedAt: '2026-11-20T08:00:00Z', endedAt: '2026-11-20T08:05:00Z' },
  ];
  const r = cx.effort(contacts);
  const s = r.summary;
  assert.deepEqual([s.journeys, s.repeatContacts, s.channelSwitches, s.reassignments], [3, 1, 1, 1]);
  assert.deepEqual([s.fcr.resolved, s.fcr.notResolved, s.fcr.pending, s.fcr.rate], [1, 1, 1, 0.5]);
  assert.equal(r.journeys[0].timeToResolutionSeconds, 91800);
  assert.equal(r.journeys[0].effortIndex, 4.5);
  assert.equal(s.asOf, '2026-11-20T08:05:00Z');
});

test('bad records, answers and options: typed errors naming the field', () => {
  const c = (extra) => ({ id: 'x', channel: 'voice', startedAt: '2026-11-02T09:00:00Z', ...extra });
  throws(() => cx.effort([c({ endedAt: '2026-11-02T08:00:00Z' })]), 'timestamp_order', { field: 'contacts[0].endedAt', index: 0 });
  throws(() => cx.effort([c({}), { id: 'y', channel: 'voice' }]), 'missing_field', { field: 'contacts[1].startedAt', index: 1 });
  throws(() => cx.effort([c({ startedAt: '2026-02-30T00:00:00Z' })]), 'invalid_timestamp', { field: 'contacts[0].startedAt', index: 0 });
  throws(() => cx.effort([]), 'empty_input', { field: 'contacts' });
  throws(() => cx.effort([c({})], { repeatWindowHours: 0 }), 'invalid_option', { field: 'options.repeatWindowHours' });
  throws(() => cx.effort([c({})], { fcrMethod: 'magic' }), 'invalid_option', { field: 'options.fcrMethod' });
  throws(() => cx.effort([c({})], { weights: { trnsfer: 2 } }), 'invalid_option', { field: 'options.weights.trnsfer' });
  throws(() => cx.effort([c({})], { businessHours: { weekly: { mon: [['09:00', '25:00']] } } }), 'invalid_option');
  throws(() => cx.effort([c({})], { cesAnswers: [{ contactId: 'x', value: 9 }] }), 'score_out_of_range', {
    field: 'options.cesAnswers[0].value',
    index: 0,
  });
  throws(() => cx.effort([c({})], { asOf: 'now' }), 'invalid_option', { field: 'options.asOf' });
  // Skip: the bad record is counted, the rest computed.
  const r = cx.effort([c({}), c({ id: 'z', endedAt: '2026-11-01T00:00:00Z' })], { onInvalid: 'skip' });
  assert.deepEqual(r.rejected, { total: 1, byReason: { timestamp_order: 1 } });
  assert.equal(r.summary.contacts, 1);
});

test('EffortAccumulator: merge equals batch, JSON state round trip', () => {
  const options = withAnswers({ asOf: '2026-11-30T00:00:00Z' });
  const batch = new cx.EffortAccumulator(options);
  batch.pushMany(fx.contacts);
  const expected = cx.effort(fx.contacts, options);
  assert.deepEqual(batch.finish(), expected);
  // Contacts split across two accumulators, answers pushed one by one into the second.
  const { cesAnswers, fcrAnswers, ...plain } = options;
  const a = new cx.EffortAccumulator(plain);
  const b = new cx.EffortAccumulator(plain);
  fx.contacts.forEach((c, i) => (i % 2 ? a : b).push(c));
  cesAnswers.forEach((x) => b.pushCes(x));
  fcrAnswers.forEach((x) => b.pushFcr(x));
  const back = cx.EffortAccumulator.fromJSON(JSON.parse(JSON.stringify(a)));
  back.merge(b);
  assert.deepEqual(back.finish().summary, expected.summary);
  assert.deepEqual(back.finish().cesCorrelation, expected.cesCorrelation);
  const state = batch.toJSON();
  assert.equal(state.format, 'cxkit.effort.v1');
  assert.equal(state.options.cesAnswers, undefined);
  assert.deepEqual(cx.EffortAccumulator.fromJSON(state).finish(), expected);
  throws(() => a.merge(new cx.EffortAccumulator({ cesVersion: 1 })), 'incompatible_state');
  throws(() => cx.EffortAccumulator.fromJSON({ ...state, format: 'x' }), 'invalid_state', { field: 'format' });
  throws(() => new cx.EffortAccumulator().finish(), 'empty_input');
  throws(() => new cx.EffortAccumulator().pushCes({ contactId: 'a1', label: 'meh' }), 'unknown_label');
});
