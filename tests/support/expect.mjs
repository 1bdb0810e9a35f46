// Shared by the Node and edge tests of the LTV, effort, KPI and staffing surfaces: comparing
// results with known answers, checking thrown errors, reading the fixtures.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

export const ROOT_URL = new URL('../../', import.meta.url);

/** A fixture under tests/fixtures as parsed JSON. */
export function fixture(path) {
  return JSON.parse(readFileSync(new URL(`tests/fixtures/${path}`, ROOT_URL), 'utf8'));
}

/** A CSV fixture as an array of objects, numbers parsed (header row first). */
export function csv(path) {
  const [header, ...lines] = readFileSync(new URL(`tests/fixtures/${path}`, ROOT_URL), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const keys = header.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [keys[i], Number(v)])));
}

/** The CDNOW summaries as `CustomerRfm` rows in weeks (as Fader, Hardie & Lee publish them). */
export function cdnow() {
  const bg = csv('ltv/cdnow_customers_summary.csv').map((r) => ({
    customerId: String(r.ID),
    frequency: r.frequency,
    recency: r.recency,
    T: r.T,
    unit: 'weeks',
  }));
  const gg = csv('ltv/cdnow_customers_summary_with_transactions.csv').map((r) => ({
    customerId: String(r.ID),
    frequency: r.x,
    recency: r.t_x,
    T: r.T,
    monetaryValue: r.zbar,
    unit: 'weeks',
  }));
  return { bg, gg };
}

/** The raw CDNOW sample as `Transaction`s (master id, sample id, yyyymmdd, CDs, dollars). */
export function cdnowTransactions() {
  return readFileSync(new URL('tests/fixtures/ltv/CDNOW_sample.txt', ROOT_URL), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [, id, d, , dollars] = l.trim().split(/\s+/);
      return {
        customerId: String(Number(id)),
        at: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T00:00:00Z`,
        amount: Number(dollars),
      };
    });
}

/**
 * Every member of `expected` equals the same member of `actual`, recursively: numbers within
 * `rel` relative (absolute below 1), arrays element by element, everything else exactly.
 */
export function assertMatches(actual, expected, path = 'result', rel = 1e-9) {
  if (typeof expected === 'number') {
    assert.equal(typeof actual, 'number', `${path}: ${JSON.stringify(actual)}`);
    const tol = rel * Math.max(1, Math.abs(expected));
    assert.ok(Math.abs(actual - expected) <= tol, `${path}: got ${actual}, expected ${expected}`);
  } else if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${path}: ${JSON.stringify(actual)}`);
    assert.equal(actual.length, expected.length, `${path}: length`);
    expected.forEach((v, i) => assertMatches(actual[i], v, `${path}[${i}]`, rel));
  } else if (expected !== null && typeof expected === 'object') {
    assert.ok(actual !== null && typeof actual === 'object', `${path}: ${JSON.stringify(actual)}`);
    for (const [k, v] of Object.entries(expected)) assertMatches(actual[k], v, `${path}.${k}`, rel);
  } else {
    assert.equal(actual, expected, path);
  }
}

/** `fn` throws a `CxkitError` (of the package under test) with `code` and, if given, `details`. */
export function throwsCode(CxkitError, fn, code, details) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof CxkitError, `not a CxkitError: ${e?.stack ?? e}`);
    assert.equal(e.name, 'CxkitError');
    assert.equal(e.code, code, e.message);
    if (details) assert.deepEqual(e.details, details, e.message);
    assert.ok(e.status >= 400 && e.status < 500, `status ${e.status}`);
    assert.ok(!e.message.includes('Error:'), e.message);
    return true;
  });
}

/** No NaN, no Infinity and no `undefined` anywhere in a result (it must survive JSON). */
export function assertJsonClean(value, path = 'result') {
  if (typeof value === 'number') assert.ok(Number.isFinite(value), `${path}: ${value}`);
  else if (value === undefined) assert.fail(`${path} is undefined`);
  else if (Array.isArray(value)) value.forEach((v, i) => assertJsonClean(v, `${path}[${i}]`));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) assertJsonClean(v, `${path}.${k}`);
  }
}
