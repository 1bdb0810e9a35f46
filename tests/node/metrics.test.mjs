// MetricsAccumulator in the npm package: the same numbers as the per-metric functions, idempotent
// pushes, JSON states that merge exactly, and typed errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cx from '../../target/npm/cxkit/node/index.mjs';

const contacts = [
  { id: 'c1', platform: 'genesys', channel: 'voice', queue: 'billing', agentId: 'ana', customerId: 'u1', offeredAt: '2026-11-23T09:00:00Z', answeredAt: '2026-11-23T09:00:15Z', talkS: 240, acwS: 30 },
  { id: 'c2', platform: 'genesys', channel: 'chat', queue: 'sales', customerId: 'u2', offeredAt: '2026-11-23T10:00:00Z', abandonedAt: '2026-11-23T10:01:00Z', abandoned: true },
  { id: 'c3', platform: 'genesys', channel: 'voice', queue: 'billing', agentId: 'ben', customerId: 'u1', offeredAt: '2026-11-24T08:00:00Z', answeredAt: '2026-11-24T08:00:40Z', talkS: 600 },
];
const surveys = [
  { id: 'n1', kind: 'nps', value: 10, queue: 'billing', respondedAt: '2026-11-23T09:30:00Z' },
  { id: 'n2', kind: 'nps', value: 4, queue: 'sales', respondedAt: '2026-11-23T11:00:00Z' },
  { id: 'n3', kind: 'nps', value: 9, queue: 'billing', respondedAt: '2026-11-24T09:00:00Z' },
  { id: 's1', kind: 'csat', value: 4, agentId: 'ana', respondedAt: '2026-11-23T09:30:00Z' },
];
const transcripts = [{ contactId: 'c1', turns: [{ speaker: 'customer', text: 'no me sirve, quiero hablar con un supervisor' }, { speaker: 'customer', text: 'vale, muchas gracias' }] }];
const records = { contacts, surveys, transcripts };
const AT = '2026-11-24T12:00:00Z';

test('finish equals the per-metric functions over the same records', () => {
  const acc = new cx.MetricsAccumulator();
  const s = acc.push(records, { at: AT });
  assert.deepEqual(s.added, { contacts: 3, surveys: 4, transcripts: 1 });
  assert.deepEqual(s.rejected, []);
  assert.equal(s.keys.length, 8);
  assert.ok(s.keys.includes('survey:nps:n1'));
  const r = acc.finish({ groupBy: 'queue' });
  const npsAnswers = surveys.filter((x) => x.kind === 'nps');
  assert.deepEqual(r.nps, cx.nps(npsAnswers, { groupBy: 'queue' }));
  assert.deepEqual(r.kpis, cx.kpis(contacts, { groupBy: 'queue' }));
  assert.deepEqual(acc.finish().csat, cx.csat([surveys[3]]));
  assert.equal(r.ces, null);
  assert.deepEqual(r.series.map((p) => [p.day, p.npsN, p.contacts]), [['2026-11-23', 2, 2], ['2026-11-24', 1, 1]]);
  assert.equal(r.series[1].transcripts, 1);
  assert.deepEqual(acc.records, { contacts: 3, surveys: 4, transcripts: 1 });
  assert.equal(acc.dayOf('2026-11-23T23:30:00-02:00'), '2026-11-24');
  acc.free();
});

test('a retried push is a duplicate; states merge exactly through JSON', () => {
  const whole = new cx.MetricsAccumulator({ utcOffsetMinutes: 60 });
  whole.push(records, { at: AT });
  const again = whole.push(records, { at: AT });
  assert.deepEqual(again.duplicates, { contacts: 3, surveys: 4, transcripts: 1 });
  assert.deepEqual(again.added, { contacts: 0, surveys: 0, transcripts: 0 });
  const parts = Object.values(whole.splitByDay(records, { at: AT }));
  assert.equal(parts.length, 2);
  const states = parts.map((p) => {
    const a = new cx.MetricsAccumulator({ utcOffsetMinutes: 60 });
    a.push(p, { at: AT });
    return JSON.parse(JSON.stringify(a));
  });
  assert.equal(states[0].format, 'cxkit.metrics.v1');
  const merged = cx.MetricsAccumulator.fromJSON(states[1]);
  merged.merge(cx.MetricsAccumulator.fromJSON(states[0]));
  for (const groupBy of [undefined, 'agentId', 'channel']) {
    assert.deepEqual(merged.finish({ groupBy }), whole.finish({ groupBy }));
  }
  // the same state twice would count its answers twice: refused
  const twice = cx.MetricsAccumulator.fromJSON(states[0]);
  assert.throws(() => twice.merge(cx.MetricsAccumulator.fromJSON(states[0])), (e) => e instanceof cx.CxkitError && e.code === 'incompatible_state' && e.status === 409);
});

test('bad options, records and states are typed errors naming the field', () => {
  assert.throws(() => new cx.MetricsAccumulator({ nps: { groupBy: 'queue' } }), (e) => e.code === 'invalid_option' && e.details.field === 'options.nps.groupBy');
  assert.throws(() => new cx.MetricsAccumulator({ planet: 1 }), (e) => e.code === 'invalid_option');
  const acc = new cx.MetricsAccumulator();
  assert.throws(() => acc.push({ contacts: 'no' }), (e) => e instanceof cx.CxkitError);
  assert.throws(() => acc.finish({ groupBy: 'planet' }), (e) => e.code === 'invalid_option');
  const s = acc.push({ surveys: [{ id: 'x', kind: 'nps', value: 11 }] });
  assert.deepEqual(s.rejected.map((r) => [r.list, r.index, r.code]), [['surveys', 0, 'score_out_of_range']]);
  assert.throws(() => cx.MetricsAccumulator.fromJSON({ format: 'cxkit.metrics.v0' }), (e) => e.code === 'invalid_state');
});
