// Lifetime value through the built npm package (target/npm/cxkit): RFM summaries, the BG/NBD and
// Gamma–Gamma fits on CDNOW (Fader, Hardie & Lee 2005; Fader & Hardie 2013), predictions against
// Lifetimes 0.11.3, CLV, the closed forms and cohorts, errors, and RfmAccumulator. Run by
// `cargo xtask test` (stage `node`).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import * as cx from '../../target/npm/cxkit/node/index.mjs';
import { assertJsonClean, assertMatches, cdnow, cdnowTransactions, throwsCode } from '../support/expect.mjs';

const throws = (fn, code, details) => throwsCode(cx.CxkitError, fn, code, details);
const { bg, gg } = cdnow();
const round = (x, d) => Math.round(x * 10 ** d) / 10 ** d;

// The published CDNOW parameters (weeks), as in crates/cxkit-core/tests/ltv_special.rs.
const CDNOW = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, unit: 'weeks' };
const CDNOW_GG = { p: 6.25, q: 3.74, gamma: 15.44 };
const row = (frequency, recency, T, monetaryValue = 0) => ({ frequency, recency, T, monetaryValue, unit: 'weeks' });

test('BG/NBD on CDNOW reproduces Fader, Hardie & Lee (2005), from objects and from columns', () => {
  assert.equal(bg.length, 2357);
  const fit = cx.fitBgNbd(bg);
  assert.equal(fit.converged, true);
  assert.equal(fit.unit, 'weeks');
  assert.equal(fit.customers, 2357);
  assert.deepEqual([round(fit.r, 3), round(fit.alpha, 3), round(fit.a, 3), round(fit.b, 3)], [0.243, 4.414, 0.793, 2.426]);
  assert.equal(round(fit.logLikelihood, 1), -9582.4);
  // Lifetimes 0.11.3 finds the same optimum.
  assertMatches(fit, { r: 0.24259292827982182, alpha: 4.413532265271819, a: 0.7928859664406882, b: 2.42575238262586 }, 'fit', 1e-5);
  const columns = cx.fitBgNbdColumns(
    Float64Array.from(bg, (c) => c.frequency),
    Float64Array.from(bg, (c) => c.recency),
    Float64Array.from(bg, (c) => c.T),
    'weeks',
  );
  assert.deepEqual(columns, fit);
  // The same customers in days: r, a, b unchanged, α × 7.
  const days = cx.fitBgNbd(bg.map((c) => ({ ...c, recency: c.recency * 7, T: c.T * 7, unit: 'days' })));
  assertMatches(days, { r: fit.r, alpha: fit.alpha * 7, a: fit.a, b: fit.b, unit: 'days' }, 'days', 1e-5);
});

test('Gamma–Gamma on CDNOW reproduces Fader & Hardie (2013) on the 946 repeat buyers', () => {
  const fit = cx.fitGammaGamma(gg);
  assert.equal(fit.converged, true);
  assert.equal(fit.customers, 946);
  assert.deepEqual([round(fit.p, 2), round(fit.q, 2)], [6.25, 3.74]);
  assert.ok(Math.abs(fit.gamma - 15.44) <= 0.01, `${fit.gamma}`);
  assertMatches(fit, { p: 6.248802496075312, q: 3.744588460923114, gamma: 15.44774806492914 }, 'fit', 1e-5);
  const columns = cx.fitGammaGammaColumns(Float64Array.from(gg, (c) => c.frequency), Float64Array.from(gg, (c) => c.monetaryValue));
  assert.deepEqual(columns, fit);
});

test('rfmSummary of the raw CDNOW sample gives the published summary', () => {
  const tx = cdnowTransactions();
  assert.equal(tx.length, 6919);
  const rows = cx.rfmSummary(tx, { unit: 'weeks', calibrationEnd: '1997-09-30' });
  assert.equal(rows.length, 2357);
  const byId = new Map(rows.map((r) => [r.customerId, r]));
  let mismatches = 0;
  for (const e of gg) {
    const got = byId.get(e.customerId);
    const ok = got.frequency === e.frequency && Math.abs(got.recency - e.recency) < 0.006
      && Math.abs(got.T - e.T) < 0.006 && Math.abs(got.monetaryValue - e.monetaryValue) < 0.006;
    if (!ok) mismatches++;
  }
  assert.equal(mismatches, 0);
  assert.deepEqual(Object.keys(rows[0]).sort(), ['T', 'customerId', 'frequency', 'monetaryValue', 'recency', 'unit']);
  // Order does not matter.
  const shuffled = [...tx].reverse();
  assert.deepEqual(cx.rfmSummary(shuffled, { unit: 'weeks', calibrationEnd: '1997-09-30' }), rows);
});

test('predictions match Lifetimes 0.11.3 (published CDNOW parameters)', () => {
  // (x, t_x, T, t, E) — the values of crates/cxkit-core/tests/ltv_special.rs.
  for (const [x, tx, T, t, e] of [
    [0, 0, 38.86, 52, 0.2520730222824504],
    [2, 30.43, 38.86, 39, 1.226028174767135],
    [7, 29.43, 35.14, 200, 13.509506975360644],
    [40, 36.5, 37, 10, 8.664611103347566],
  ]) {
    assertMatches(cx.bgNbdExpectedPurchases(CDNOW, row(x, tx, T), t), e, `E x=${x} t=${t}`, 1e-9);
  }
  for (const [x, tx, T, p] of [[0, 0, 38.86, 1], [2, 30.43, 38.86, 0.726578570080673], [5, 10, 32.71, 0.053761976695077734]]) {
    assertMatches(cx.bgNbdProbabilityAlive(CDNOW, row(x, tx, T)), p, `alive x=${x}`, 1e-12);
  }
  assertMatches(cx.bgNbdExpectedPurchasesNewCustomer(CDNOW, 39), 1.1967231933207985, 'new', 1e-9);
  assertMatches(cx.expectedAverageSpend(CDNOW_GG, row(2, 1, 10, 22.35)), 24.663713910761157, 'spend', 1e-12);
  // A fit result is accepted as parameters (extra members ignored).
  const fit = cx.fitBgNbd(bg);
  assert.ok(cx.bgNbdProbabilityAlive(fit, row(2, 30.43, 38.86)) > 0);
  // The customer in days gives the same answer: rows are converted to the model's unit.
  const days = { frequency: 2, recency: 30.43 * 7, T: 38.86 * 7, unit: 'days' };
  assertMatches(cx.bgNbdProbabilityAlive(CDNOW, days), 0.726578570080673, 'alive in days', 1e-12);
});

test('customerLifetimeValue matches Lifetimes (freq="W", a month of 4.345 weeks)', () => {
  const models = { bgNbd: CDNOW, gammaGamma: CDNOW_GG };
  const options = { months: 12, monthlyDiscountRate: 0.01, unit: 'weeks', daysPerMonth: 4.345 * 7 };
  const v = cx.customerLifetimeValue(models, row(2, 30.43, 38.86, 22.35), options);
  assertMatches(v.value, 36.28921112559952, 'clv', 1e-9);
  assert.equal(v.monthly.length, 12);
  assertMatches(v.monthly.reduce((a, b) => a + b, 0), v.value, 'sum of months', 1e-9);
  assert.equal(v.unit, 'weeks');
  assertJsonClean(v);
  const v2 = cx.customerLifetimeValue(models, row(7, 29.43, 35.14, 73.74), { ...options, months: 36, monthlyDiscountRate: 0 });
  assertMatches(v2.value, 832.8975764806596, 'clv 36', 1e-9);
  // Defaults: 12 months at 1 % a month, a month of 30.436875 days.
  const d = cx.customerLifetimeValue(models, row(2, 30.43, 38.86, 22.35));
  assert.equal(d.monthly.length, 12);
  assertMatches(d.monthLength, 30.436875 / 7, 'month in weeks', 1e-12);
  throws(() => cx.customerLifetimeValue(models, row(2, 30.43, 38.86, 22.35), { unit: 'days' }), 'unit_mismatch', {
    field: 'options.unit',
  });
  throws(() => cx.customerLifetimeValue(models, row(2, 30.43, 38.86, 22.35), { monthlyDiscountRate: -1 }), 'invalid_parameter', {
    field: 'monthlyDiscountRate',
  });
  throws(() => cx.customerLifetimeValue({ bgNbd: CDNOW }, row(1, 1, 2)), 'missing_field', { field: 'models.gammaGamma' });
});

test('closed forms: simple, discounted (cash at start or end, finite or infinite), cohorts', () => {
  const simple = cx.simpleLtv({ arpu: 50, grossMargin: 0.8, churnRate: 0.04 });
  assertMatches(simple, { value: 1000, expectedLifetime: 25, marginPerPeriod: 40 });
  assert.equal(cx.simpleLtv({ arpu: 50, churnRate: 0.5 }).value, 100);
  const input = { arpu: 100, churnRate: 0.2, discountRate: 0.1 };
  assertMatches(cx.discountedLtv(input), { value: (100 * 1.1) / 0.3, retentionRate: 0.8, periods: null, timing: 'start' });
  assertMatches(cx.discountedLtv({ ...input, timing: 'end' }).value, (100 * 0.8) / 0.3);
  const q = 0.8 / 1.1;
  assertMatches(cx.discountedLtv({ ...input, timing: 'end', periods: 3 }).value, 100 * (q + q * q + q * q * q));
  const cohorts = cx.cohortLtv([
    { cohort: '2026-01', customers: 100, values: [1000, 600, 400], active: [100, 60, 40] },
    { cohort: '2026-02', customers: 50, values: [500, 250] },
  ]);
  assert.deepEqual(cohorts.cohorts[0].cumulativeValue, [10, 16, 20]);
  assert.deepEqual(cohorts.cohorts[0].retention, [1, 0.6, 0.4]);
  assert.equal(cohorts.cohorts[1].retention, null);
  assertMatches(cohorts.overall.cumulativeValue[2], 10 + 850 / 150 + 4);
  assert.deepEqual(cohorts.overall.cohortsObserved, [2, 2, 1]);
  const discounted = cx.cohortLtv([{ cohort: 'a', customers: 1, values: [1, 1] }], { discountRate: 0.1, timing: 'end' });
  assertMatches(discounted.cohorts[0].discountedCumulativeValue, [1 / 1.1, 1 / 1.1 + 1 / 1.21]);
});

test('bad input: typed errors naming the field, never NaN', () => {
  throws(() => cx.simpleLtv({ arpu: 50, churnRate: 0 }), 'invalid_parameter', { field: 'churnRate' });
  throws(() => cx.simpleLtv({ arpu: 50 }), 'missing_field', { field: 'churnRate' });
  throws(() => cx.simpleLtv({ arpu: 50, churnRate: 0.1, churn: 0.1 }), 'invalid_value', { field: 'churn' });
  throws(() => cx.discountedLtv({ arpu: 1, churnRate: 0.1, discountRate: -1 }), 'invalid_parameter', { field: 'discountRate' });
  throws(() => cx.discountedLtv({ arpu: 1, churnRate: 0.1, discountRate: 0.1, timing: 'middle' }), 'invalid_value', { field: 'timing' });
  throws(() => cx.cohortLtv([]), 'empty_input', { field: 'cohorts' });
  throws(() => cx.cohortLtv([{ cohort: 'a', customers: 0, values: [1] }]), 'invalid_value', { field: 'cohorts[0].customers', index: 0 });
  throws(() => cx.cohortLtv([{ cohort: 'a', customers: 1, values: ['x'] }]), 'invalid_type', { field: 'cohorts[0].values[0]', index: 0 });
  const t = (amount, at = '2026-01-01T00:00:00Z') => ({ customerId: 'c', at, amount });
  throws(() => cx.rfmSummary([t(1), t(-5)]), 'invalid_amount', { field: 'transactions[1].amount', index: 1 });
  throws(() => cx.rfmSummary([t(NaN)]), 'invalid_amount', { field: 'transactions[0].amount', index: 0 });
  throws(() => cx.rfmSummary([t(1, 'yesterday')]), 'invalid_timestamp', { field: 'transactions[0].at', index: 0 });
  throws(() => cx.rfmSummary([{ at: '2026-01-01T00:00:00Z', amount: 1 }]), 'missing_field', { field: 'transactions[0].customerId', index: 0 });
  throws(() => cx.rfmSummary([]), 'empty_input');
  throws(() => cx.rfmSummary('nope'), 'invalid_type', { field: 'transactions' });
  throws(() => cx.rfmSummary([t(1)], { unit: 'fortnights' }), 'invalid_option', { field: 'options.unit' });
  throws(() => cx.rfmSummary([t(1)], { calibrationEnd: 'soon' }), 'invalid_option', { field: 'options.calibrationEnd' });
  throws(() => cx.rfmSummary([t(1)], { calibrationend: '2026-01-01' }), 'invalid_option', { field: 'options.calibrationend' });
  throws(() => cx.fitBgNbd([]), 'empty_input', { field: 'summary' });
  throws(() => cx.fitBgNbd([row(1, 5, 10), row(1, 12, 10)]), 'invalid_value', { field: 'summary[1].recency', index: 1 });
  throws(() => cx.fitBgNbd([row(1, 5, 10), { ...row(1, 5, 10), unit: 'days' }]), 'unit_mismatch', { field: 'summary[1].unit', index: 1 });
  throws(() => cx.fitBgNbd([{ frequency: 1, recency: 1, T: 2 }]), 'missing_field', { field: 'summary[0].unit', index: 0 });
  throws(() => cx.fitBgNbd([row(1.5, 1, 2)]), 'invalid_type', { field: 'summary[0].frequency', index: 0 });
  throws(() => cx.fitBgNbd(bg, { tolerance: 0 }), 'invalid_option', { field: 'options.tolerance' });
  throws(() => cx.fitGammaGamma([row(0, 0, 10)]), 'empty_input');
  const f = new Float64Array([1, 2]);
  throws(() => cx.fitBgNbdColumns(f, f, new Float64Array([3]), 'weeks'), 'invalid_value', { field: 'T' });
  throws(() => cx.fitBgNbdColumns(new Float64Array([1.5, 2]), f, f, 'weeks'), 'invalid_value', { field: 'frequency[0]', index: 0 });
  throws(() => cx.fitBgNbdColumns(f, f, f, 'years'), 'invalid_value', { field: 'unit' });
  throws(() => cx.fitGammaGammaColumns(f, new Float64Array([1])), 'invalid_value', { field: 'monetaryValue' });
  throws(() => cx.fitGammaGammaColumns(f, new Float64Array([5, -1])), 'invalid_value', { field: 'summary[1].monetaryValue', index: 1 });
  throws(() => cx.bgNbdExpectedPurchases({ ...CDNOW, r: -1 }, row(1, 1, 2), 5), 'invalid_parameter', { field: 'params.r' });
  throws(() => cx.bgNbdExpectedPurchases(CDNOW, row(1, 1, 2), -5), 'invalid_parameter', { field: 't' });
  throws(() => cx.bgNbdExpectedPurchases(CDNOW, row(1, 1, 2), NaN), 'invalid_parameter', { field: 't' });
  throws(() => cx.bgNbdProbabilityAlive(CDNOW, { ...row(1, 1, 2), recency: 3 }), 'invalid_value', { field: 'customer.recency' });
  throws(() => cx.bgNbdProbabilityAlive({ r: 1, alpha: 1, a: 1, b: 1 }, row(1, 1, 2)), 'missing_field', { field: 'params.unit' });
  throws(() => cx.expectedAverageSpend({ p: 1, q: 0.5, gamma: 1 }, row(0, 0, 1)), 'invalid_parameter', { field: 'params.q' });
});

test('a fit that does not converge says so and stays finite', () => {
  const fit = cx.fitBgNbd([row(0, 0, 10), row(0, 0, 20)]);
  assert.equal(fit.converged, false);
  assertJsonClean(fit);
});

test('RfmAccumulator: merge equals batch, JSON state round trip, duplicates and skipped records', () => {
  const tx = cdnowTransactions();
  const options = { unit: 'weeks', calibrationEnd: '1997-09-30' };
  const batch = new cx.RfmAccumulator(options);
  batch.pushMany(tx);
  const a = new cx.RfmAccumulator(options);
  const b = new cx.RfmAccumulator(options);
  tx.forEach((t, i) => (i % 3 === 0 ? a : b).push(t));
  a.merge(b);
  assert.deepEqual(a.finish(), batch.finish());
  const report = batch.finish();
  assert.equal(report.customers.length, 2357);
  assert.equal(report.calibrationEnd, '1997-09-30');
  assert.equal(report.transactions + report.afterCalibration, 6919);
  const state = JSON.parse(JSON.stringify(a));
  assert.equal(state.format, 'cxkit.ltv.rfm.v1');
  const back = cx.RfmAccumulator.fromJSON(state);
  assert.deepEqual(back.finish(), report);
  assert.deepEqual(back.toJSON(), a.toJSON());
  // Merging accumulators with different units is refused.
  throws(() => back.merge(new cx.RfmAccumulator({ unit: 'days', calibrationEnd: '1997-09-30' })), 'incompatible_state');
  throws(() => cx.RfmAccumulator.fromJSON({ ...state, format: 'v0' }), 'invalid_state', { field: 'format' });
  throws(() => cx.RfmAccumulator.fromJSON({ ...state, extra: 1 }), 'invalid_state', { field: 'state.extra' });
  throws(() => cx.RfmAccumulator.fromJSON('{}'), 'invalid_state', { field: 'state' });
  // pushMany is all or nothing.
  const c = new cx.RfmAccumulator();
  throws(() => c.pushMany([tx[0], { ...tx[1], amount: -1 }]), 'invalid_amount', { field: 'transactions[1].amount', index: 1 });
  throws(() => c.finish(), 'empty_input');
  // Duplicates and skipping.
  const dup = { customerId: 'd', at: '2026-01-01T10:00:00Z', amount: 5 };
  const later = { customerId: 'd', at: '2026-01-02T10:00:00Z', amount: 7 };
  const keep = new cx.RfmAccumulator({ onInvalid: 'skip' });
  keep.pushMany([dup, dup, later, { ...later, amount: -3 }]);
  const kept = keep.finish();
  assert.deepEqual(kept.rejected, { invalid_amount: 1 });
  assert.equal(kept.transactions, 3);
  const drop = new cx.RfmAccumulator({ duplicates: 'drop' });
  drop.pushMany([dup, dup, later]);
  assert.equal(drop.finish().duplicatesDropped, 1);
});
