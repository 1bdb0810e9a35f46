// Operations KPIs through the built npm package (target/npm/cxkit): `kpis` and `KpiAccumulator`.
// Known answers from tests/fixtures/ops/kpi.json (an independent Python implementation of the
// documented definitions). Run by `cargo xtask test` (stage `node`).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import * as cx from '../../target/npm/cxkit/node/index.mjs';
import { assertJsonClean, assertMatches, fixture, throwsCode } from '../support/expect.mjs';

const fx = fixture('ops/kpi.json');
const throws = (fn, code, details) => throwsCode(cx.CxkitError, fn, code, details);

test('every definition variant matches the independent computation', () => {
  for (const { options, expected } of fx.variants) {
    const r = cx.kpis(fx.contacts, options);
    assertMatches(r, expected, JSON.stringify(options));
    assertJsonClean(r);
  }
});

test('breakdowns by queue, agent and channel match, and overall is the ungrouped report', () => {
  const plain = cx.kpis(fx.contacts);
  for (const { options, expected } of fx.grouped) {
    const r = cx.kpis(fx.contacts, options);
    assert.equal(r.groups.length, expected.length, JSON.stringify(options));
    expected.forEach((row, i) => assertMatches(r.groups[i], row, `${JSON.stringify(options)} ${JSON.stringify(row.key)}`));
    const { rejected: _a, ...overall } = r.overall;
    const { rejected: _b, ...base } = plain;
    assert.deepEqual(overall, base);
  }
  // Several dimensions at once, and time buckets.
  const two = cx.kpis(fx.contacts, { groupBy: ['queue', 'interval'], intervalMinutes: 60 });
  assert.ok(two.groups.every((g) => 'queue' in g.key && 'interval' in g.key));
});

test('impossible timestamp orders name the record; onInvalid skip counts it', () => {
  const contacts = structuredClone(fx.contacts);
  contacts[4].abandonedAt = '2026-11-23T08:00:00Z';
  throws(() => cx.kpis(contacts), 'timestamp_order', { field: 'contacts[4].abandonedAt', index: 4 });
  const r = cx.kpis(contacts, { onInvalid: 'skip' });
  assert.deepEqual(r.rejected, { total: 1, byReason: { timestamp_order: 1 } });
  assert.equal(r.contacts, 13);
});

test('bad records and options: typed errors naming the field', () => {
  const ok = { id: 'ok', channel: 'voice' };
  throws(() => cx.kpis([ok, { id: 'x', channel: 'pigeon' }]), 'invalid_value', { field: 'contacts[1].channel', index: 1 });
  throws(() => cx.kpis([ok, { id: 'x' }]), 'missing_field', { field: 'contacts[1].channel', index: 1 });
  throws(() => cx.kpis([{ id: 'x', channel: 'voice', offeredAt: 'Monday' }]), 'invalid_timestamp', {
    field: 'contacts[0].offeredAt',
    index: 0,
  });
  throws(() => cx.kpis([{ id: 'x', channel: 'voice', talkS: -3 }]), 'invalid_value', { field: 'contacts[0].talkS', index: 0 });
  throws(() => cx.kpis([{ id: 'x', channel: 'voice', talkS: '3' }]), 'invalid_type', { field: 'contacts[0].talkS', index: 0 });
  throws(() => cx.kpis([{ id: 'x', channel: 'voice', transfers: 1.5 }]), 'invalid_type', { field: 'contacts[0].transfers', index: 0 });
  throws(() => cx.kpis([42]), 'invalid_type', { field: 'contacts[0]', index: 0 });
  throws(() => cx.kpis({}), 'invalid_type', { field: 'contacts' });
  throws(() => cx.kpis([]), 'empty_input');
  throws(() => cx.kpis([ok], { intervalMinutes: 7 }), 'invalid_option', { field: 'options.intervalMinutes' });
  throws(() => cx.kpis([ok], { groupBy: 'team' }), 'invalid_option', { field: 'options.groupBy' });
  throws(() => cx.kpis([ok], { serviceLevelTreshold: 20 }), 'invalid_option', { field: 'options.serviceLevelTreshold' });
  throws(() => cx.kpis([ok], { ahtComponents: { talk: true, wrap: true } }), 'invalid_option', {
    field: 'options.ahtComponents.wrap',
  });
  throws(() => cx.kpis([ok], 'fast'), 'invalid_option', { field: 'options' });
  // Extra fields of a record are ignored.
  assert.equal(cx.kpis([{ ...ok, vendorData: { deep: [1, [2]] } }]).contacts, 1);
});

test('KpiAccumulator: merge equals batch, state round trip, incompatible merges refused', () => {
  const options = { groupBy: 'queue', staffedSeconds: 28800 };
  const batch = new cx.KpiAccumulator(options);
  batch.pushMany(fx.contacts);
  // Split by contact (the parts of a partial contact stay together, as the core requires).
  const ids = [...new Set(fx.contacts.map((c) => c.id))];
  const a = new cx.KpiAccumulator(options);
  const b = new cx.KpiAccumulator(options);
  a.pushMany(fx.contacts.filter((c) => ids.indexOf(c.id) % 2 === 0));
  b.pushMany(fx.contacts.filter((c) => ids.indexOf(c.id) % 2 === 1));
  const merged = cx.KpiAccumulator.fromJSON(JSON.parse(JSON.stringify(a)));
  merged.merge(b);
  assert.deepEqual(merged.finish(), batch.finish());
  assert.deepEqual(batch.finish(), cx.kpis(fx.contacts, options));
  const state = batch.toJSON();
  assert.equal(state.format, 'cxkit.kpi.v1');
  assert.deepEqual(cx.KpiAccumulator.fromJSON(state).toJSON(), state);
  throws(() => batch.merge(new cx.KpiAccumulator({ groupBy: 'queue', serviceLevelThresholdSeconds: 30 })), 'incompatible_state');
  throws(() => cx.KpiAccumulator.fromJSON({ ...state, counts: { ...state.counts, bogus: 1 } }), 'invalid_state', {
    field: 'state.counts.bogus',
  });
  // One contact at a time.
  const one = new cx.KpiAccumulator();
  one.push({ id: '1', channel: 'voice', queueWaitS: 12, talkS: 200, answeredAt: '2026-11-23T09:00:12Z' });
  one.push({ id: '2', channel: 'voice', abandoned: true, queueWaitS: 30, offeredAt: '2026-11-23T09:04:00Z' });
  const k = one.finish();
  assert.equal(k.serviceLevel, 0.5);
  assert.equal(k.abandonmentRate, 0.5);
  throws(() => one.push({ id: '3', channel: 'fax' }), 'invalid_value', { field: 'contact.channel' });
});
