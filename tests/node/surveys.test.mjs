// The built npm package (target/npm/cxkit) from Node: survey API, errors, accumulator, fixture.
// Run by `cargo xtask test` (stage `node`) after `cargo xtask build`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import init, * as cx from '../../target/npm/cxkit/node/index.mjs';

const require = createRequire(import.meta.url);
const shared = JSON.parse(readFileSync(new URL('../fixtures/surveys/shared.json', import.meta.url), 'utf8'));

/** Every field of `expected` equals the result, numbers within 1e-9. */
function assertMatches(actual, expected, path = 'result') {
  if (typeof expected === 'number') {
    assert.ok(Math.abs(actual - expected) <= 1e-9, `${path}: ${actual} != ${expected}`);
  } else if (expected && typeof expected === 'object') {
    for (const [k, v] of Object.entries(expected)) assertMatches(actual?.[k], v, `${path}.${k}`);
  } else {
    assert.equal(actual, expected, path);
  }
}

function throwsCode(fn, code, details) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof cx.CxkitError, `not a CxkitError: ${e}`);
    assert.ok(e instanceof Error);
    assert.equal(e.name, 'CxkitError');
    assert.equal(e.code, code, e.message);
    if (details) assert.deepEqual(e.details, details);
    assert.ok(e.status >= 400 && e.status < 500);
    return true;
  });
}

test('init resolves and version matches the package', async () => {
  await init();
  const pkg = JSON.parse(readFileSync(new URL('../../target/npm/cxkit/package.json', import.meta.url), 'utf8'));
  assert.equal(cx.version(), pkg.version);
});

test('shared fixture: nps, csat and ces match the independently computed values', () => {
  for (const kind of ['nps', 'csat', 'ces']) {
    const { responses, options, expected } = shared[kind];
    assertMatches(cx[kind](responses, options), expected, kind);
  }
});

test('nps by hand: 10, 9, 8, 7, 0', () => {
  const r = cx.nps([10, 9, 8, 7, 0]);
  assert.equal(r.score, 20);
  assert.deepEqual([r.promoters, r.passives, r.detractors, r.n], [2, 2, 1, 5]);
  assert.equal(r.ci.method, 'wald');
  assert.equal(r.ci.confidence, 0.95);
  assert.deepEqual(Object.keys(r.distribution), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
  assert.deepEqual(r.rejected, { total: 0, byReason: {} });
  const adj = cx.nps([10, 9, 8, 7, 0], { interval: 'adjusted-wald', confidence: 0.9 });
  assert.equal(adj.ci.method, 'adjusted-wald');
  assert.equal(adj.ci.confidence, 0.9);
  assert.notEqual(adj.marginOfError, r.marginOfError);
});

test('csat: scales, labels in both languages, satisfied option, interval methods', () => {
  const r = cx.csat(['Very satisfied', 'muy satisfecha', 'INSATISFECHO', 3, { label: 'satisfied' }]);
  assert.equal(r.score, 60);
  assert.deepEqual(r.distribution, { 1: 0, 2: 1, 3: 1, 4: 1, 5: 2 });
  const binary = cx.csat(['good', 'bad', 'bueno', 'Mala'], { scale: 'binary' });
  assert.deepEqual(binary.distribution, { bad: 2, good: 2 });
  assert.equal(binary.score, 50);
  const seven = cx.csat([7, 6, 5, 1], { scale: [1, 7], satisfied: [7] });
  assert.equal(seven.score, 25);
  for (const interval of ['wilson', 'agresti-coull', 'clopper-pearson', 'jeffreys', 'wald']) {
    const c = cx.csat([5, 5, 4, 1, 2, 3, 5], { interval });
    assert.equal(c.ci.method, interval);
    assert.ok(c.ci.low <= c.score && c.score <= c.ci.high, interval);
  }
  const custom = cx.csat(['Excelente', 'fatal'], { labels: { excelente: 5, fatal: 1 } });
  assert.equal(custom.score, 50);
});

test('ces: version 2 by default, version 1 reverses the labels, single answer has no ci', () => {
  const v2 = cx.ces(['muy sencilla', 'Muy fácil', 'difícil']);
  assert.equal(v2.version, 2);
  assert.equal(v2.mean, (7 + 7 + 2) / 3);
  const v1 = cx.ces(['muy sencilla', 'Muy fácil', 'difícil'], { version: 1 });
  assert.equal(v1.mean, (1 + 1 + 4) / 3);
  assert.equal(v1.percentEasy, (100 * 2) / 3);
  assert.equal(cx.ces([6]).ci, null);
});

test('groupBy queue and week, with the offset moving an answer across midnight', () => {
  const responses = [
    { value: 10, queue: 'billing', respondedAt: '2026-11-22T23:30:00Z' },
    { value: 0, queue: 'tech', respondedAt: '2026-11-23T12:00:00Z' },
    { value: 9 },
  ];
  const byQueue = cx.nps(responses, { groupBy: 'queue' });
  assert.deepEqual(byQueue.groups.map((g) => [g.key, g.n, g.score]), [
    ['billing', 1, 100],
    ['tech', 1, -100],
    [null, 1, 100],
  ]);
  assert.equal(byQueue.overall.n, 3);
  const timed = responses.slice(0, 2);
  assert.deepEqual(cx.nps(timed, { groupBy: 'day' }).groups.map((g) => g.key), ['2026-11-22', '2026-11-23']);
  assert.deepEqual(cx.nps(timed, { groupBy: 'day', utcOffsetMinutes: 60 }).groups.map((g) => g.key), ['2026-11-23']);
  assert.deepEqual(cx.nps(timed, { groupBy: 'week', utcOffsetMinutes: 60 }).groups.map((g) => [g.key, g.n]), [['2026-W48', 2]]);
  throwsCode(() => cx.nps([9], { groupBy: 'month' }), 'missing_field');
});

test('errors: typed, with code, field and index', () => {
  throwsCode(() => cx.nps([10, 11]), 'score_out_of_range', { field: 'responses[1]', index: 1 });
  throwsCode(() => cx.nps([10, 8.5]), 'non_integer_score', { field: 'responses[1]', index: 1 });
  throwsCode(() => cx.nps([NaN]), 'non_finite_score', { field: 'responses[0]', index: 0 });
  throwsCode(() => cx.nps([Infinity]), 'non_finite_score');
  throwsCode(() => cx.csat(['meh']), 'unknown_label', { field: 'responses[0]', index: 0 });
  throwsCode(() => cx.nps([true]), 'invalid_type', { field: 'responses[0]', index: 0 });
  throwsCode(() => cx.nps([null]), 'invalid_type');
  throwsCode(() => cx.nps([undefined]), 'invalid_type');
  throwsCode(() => cx.nps([[9]]), 'invalid_type');
  throwsCode(() => cx.nps([{ value: '9' }]), 'invalid_type', { field: 'responses[0].value', index: 0 });
  throwsCode(() => cx.nps([{ value: 9, respondedAt: 'yesterday' }]), 'invalid_timestamp');
  throwsCode(() => cx.nps([{ kind: 'csat', value: 9 }]), 'kind_mismatch');
  throwsCode(() => cx.csat([{ scale: [1, 7], value: 6 }]), 'scale_mismatch');
  throwsCode(() => cx.nps([]), 'empty_input');
  throwsCode(() => cx.nps('10,9'), 'invalid_type', { field: 'responses' });
  throwsCode(() => cx.nps(undefined), 'invalid_type');
  throwsCode(() => cx.nps({ length: 2 }), 'invalid_type');
  throwsCode(() => cx.nps([9], { groupby: 'queue' }), 'invalid_option', { field: 'options.groupby' });
  throwsCode(() => cx.nps([9], { confidence: 1 }), 'invalid_option', { field: 'options.confidence' });
  throwsCode(() => cx.nps([9], { confidence: 'high' }), 'invalid_option', { field: 'options.confidence' });
  throwsCode(() => cx.nps([9], { interval: 'wilson' }), 'invalid_option', { field: 'options.interval' });
  throwsCode(() => cx.nps([9], 'fast'), 'invalid_option', { field: 'options' });
  throwsCode(() => cx.ces([9], { version: 3 }), 'invalid_option', { field: 'options.version' });
  throwsCode(() => cx.csat([5], { scale: [5, 1] }), 'invalid_option', { field: 'options.scale' });
});

test('onInvalid: skip counts rejections by reason', () => {
  const r = cx.nps([10, 11, 'x', NaN, 4.5, true, 9], { onInvalid: 'skip' });
  assert.equal(r.n, 2);
  assert.deepEqual(r.rejected, {
    total: 5,
    byReason: { score_out_of_range: 1, unknown_label: 1, non_finite_score: 1, non_integer_score: 1, invalid_type: 1 },
  });
  throwsCode(() => cx.nps([11, 12], { onInvalid: 'skip' }), 'empty_input');
});

test('typed-array fast paths agree with the general path', () => {
  const bytes = new Uint8Array(10_000);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 11;
  assert.deepEqual(cx.npsFromScores(bytes), cx.nps(Array.from(bytes)));
  const csatBytes = bytes.map((b) => (b % 5) + 1);
  assert.deepEqual(cx.csatFromScores(csatBytes), cx.csat(Array.from(csatBytes)));
  assert.deepEqual(cx.cesFromScores(csatBytes, { version: 1 }), cx.ces(Array.from(csatBytes), { version: 1 }));
  bytes[1234] = 200;
  throwsCode(() => cx.npsFromScores(bytes), 'score_out_of_range', { field: 'scores[1234]', index: 1234 });
  assert.equal(cx.npsFromScores(bytes, { onInvalid: 'skip' }).rejected.total, 1);
  throwsCode(() => cx.npsFromScores(bytes, { groupBy: 'queue' }), 'invalid_option');
});

test('SurveyAccumulator: push, pushMany, merge, finish, toJSON and fromJSON', () => {
  const all = shared.nps.responses;
  const half = Math.floor(all.length / 2);
  const a = new cx.SurveyAccumulator('nps');
  const b = new cx.SurveyAccumulator('nps');
  for (const r of all.slice(0, half)) a.push(r);
  b.pushMany(all.slice(half));
  assert.equal(a.kind, 'nps');
  a.merge(b);
  assert.equal(a.n, all.length);
  assertMatches(a.finish(), shared.nps.expected, 'merged');
  const state = JSON.parse(JSON.stringify(a));
  assert.equal(state.format, 'cxkit.survey.v1');
  assert.equal(state.counts.reduce((x, y) => x + y, 0), all.length);
  const back = cx.SurveyAccumulator.fromJSON(state);
  assert.deepEqual(back.finish(), a.finish());
  // All or nothing.
  assert.throws(() => back.pushMany([10, 10, 99]));
  assert.equal(back.n, all.length);
  // Incompatible merges and states.
  throwsCode(() => a.merge(new cx.SurveyAccumulator('csat')), 'incompatible_state');
  throwsCode(() => new cx.SurveyAccumulator('xps'), 'invalid_option', { field: 'kind' });
  throwsCode(() => cx.SurveyAccumulator.fromJSON({ ...state, counts: [1] }), 'invalid_state');
  throwsCode(() => cx.SurveyAccumulator.fromJSON({ ...state, format: 'v0' }), 'invalid_state');
  throwsCode(() => cx.SurveyAccumulator.fromJSON({ ...state, extra: 1 }), 'invalid_state', { field: 'state.extra' });
  throwsCode(() => cx.SurveyAccumulator.fromJSON('nope'), 'invalid_state');
  throwsCode(() => new cx.SurveyAccumulator('nps').finish(), 'empty_input');
  a.free();
});

test('CommonJS entry shares the instance and error class with the ES module entry', () => {
  const cjs = require('../../target/npm/cxkit/node/index.cjs');
  assert.equal(cjs.nps, cx.nps);
  assert.equal(cjs.CxkitError, cx.CxkitError);
  assert.equal(typeof cjs.default, 'function');
});

test('errorCodes() lists exactly the ErrorCode union of the type declarations, each with a 4xx/5xx status', () => {
  const dts = readFileSync(new URL('../../crates/cxkit-wasm/js/cxkit.d.ts', import.meta.url), 'utf8');
  const union = dts.match(/export type ErrorCode =([^;]*);/);
  assert.ok(union, 'cxkit.d.ts declares ErrorCode');
  const declared = [...union[1].matchAll(/'([a-z_]+)'/g)].map((m) => m[1]).sort();
  const codes = cx.errorCodes();
  assert.deepEqual([...codes].sort(), declared);
  assert.equal(new Set(codes).size, codes.length);
  for (const code of codes) {
    const { status } = cx.errorInfo(code);
    assert.ok(status >= 400 && status < 600, `${code}: ${status}`);
  }
});

test('errorInfo gives the status and title of every code', () => {
  assert.deepEqual(cx.errorInfo('payload_too_large'), { code: 'payload_too_large', status: 413, title: 'Payload too large' });
  assert.equal(cx.errorInfo('score_out_of_range').status, 400);
  assert.equal(cx.errorInfo('internal_error').status, 500);
  throwsCode(() => cx.errorInfo('nope'), 'invalid_value');
});

test('hostile input: deep nesting, huge labels and cycles stay typed errors and the instance keeps working', () => {
  let deep = 3;
  for (let i = 0; i < 100_000; i++) deep = [deep];
  // Input nested more than 32 levels deep is refused wherever it is, with the path to it.
  assert.throws(
    () => cx.nps([9, { value: 9, extra: deep, id: 'x' }]),
    (e) => e.code === 'invalid_value' && e.details.index === 1 && e.details.field.startsWith('responses[1].extra[0]'),
  );
  throwsCode(() => cx.nps([{ value: 9, scale: deep }]), 'invalid_value');
  assert.throws(
    () => cx.nps([9], { confidence: deep }),
    (e) => e.code === 'invalid_option' && e.details.field.startsWith('options.confidence[0]'),
  );
  throwsCode(() => cx.nps([9], { labels: { x: deep } }), 'invalid_option');
  const cyclic = { a: 1 };
  cyclic.self = cyclic;
  cyclic.other = cyclic;
  throwsCode(() => cx.nps([9], { labels: cyclic }), 'invalid_option');
  throwsCode(() => cx.SurveyAccumulator.fromJSON({ format: 'cxkit.survey.v1', kind: 'nps', options: {}, counts: deep }), 'invalid_state');
  const huge = 'x'.repeat(1_000_000);
  assert.throws(() => cx.csat([huge]), (e) => e.code === 'unknown_label' && e.message.length < 300);
  assert.throws(() => cx.nps([{ value: 9, respondedAt: huge }]), (e) => e.code === 'invalid_timestamp' && e.message.length < 300);
  // Many custom labels are looked up in a map, not a list.
  const labels = {};
  const answers = [];
  for (let i = 0; i < 20_000; i++) {
    labels[`label ${i}`] = (i % 5) + 1;
    answers.push(`LABEL ${i}`);
  }
  const t0 = performance.now();
  assert.equal(cx.csat(answers, { labels }).n, 20_000);
  assert.ok(performance.now() - t0 < 1000, 'custom labels are slow');
  // Still healthy.
  assertMatches(cx.nps(shared.nps.responses), shared.nps.expected, 'after hostile input');
});
