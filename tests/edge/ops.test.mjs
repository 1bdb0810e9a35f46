// The lifetime-value, effort, KPI and staffing routes of the edge function (www/edge/worker.js)
// in real workerd: known answers through HTTP, errors as problem+json, and malformed bodies that
// must all get a 4xx.
//
//   cargo xtask build                       # prepares target/edge/
//   node --test tests/edge/ops.test.mjs     # from the repository root

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';

import { edgeWorker } from '../support/edge.mjs';
import { assertMatches, cdnow, cdnowTransactions, fixture } from '../support/expect.mjs';

const MIB = 1024 * 1024;
const STAFFING = fixture('ops/staffing.json');
const KPI = fixture('ops/kpi.json');
const EFFORT = fixture('ops/effort.json');
const CDNOW_BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, unit: 'weeks' };
const CDNOW_GG = { p: 6.25, q: 3.74, gamma: 15.44 };
// The textbook case as agentsRequired and as erlangC inputs.
const { agents: _agents, ...TEXTBOOK_REQUIRED } = STAFFING.textbook.input;
const { targetServiceLevel: _target, ...TEXTBOOK_ERLANG_C } = STAFFING.textbook.input;

const edge = edgeWorker('ops');
const { post, ok } = edge;

async function problem(res, status, code) {
  const text = await res.text();
  assert.equal(res.status, status, `status ${res.status}, body ${text}`);
  assert.equal(res.headers.get('content-type'), 'application/problem+json', text);
  const p = JSON.parse(text);
  assert.equal(p.status, status);
  if (code !== undefined) assert.equal(p.code, code, text);
  for (const k of Object.keys(p)) {
    assert.ok(['type', 'title', 'status', 'detail', 'code', 'field', 'index'].includes(k), `unexpected member ${k}`);
  }
  return p;
}

// ---------------------------------------------------------------------------------------------

describe('staffing', () => {
  test('the textbook case through POST /v1/staffing/agents-required and /erlang-c', async () => {
    const r = await ok('/v1/staffing/agents-required', TEXTBOOK_REQUIRED);
    assert.equal(r.agents, 14);
    assert.deepEqual([r.probabilityWait.toFixed(4), r.serviceLevel.toFixed(4), r.asa.toFixed(2)], ['0.1741', '0.8884', '7.84']);
    for (const { input, expected } of STAFFING.erlangC) {
      assertMatches(await ok('/v1/staffing/erlang-c', input), expected, JSON.stringify(input));
    }
    for (const { input, expected } of STAFFING.agentsRequired) {
      assertMatches(await ok('/v1/staffing/agents-required', input), expected, JSON.stringify(input));
    }
  });

  test('Erlang A and an interval plan', async () => {
    for (const { input, ctmc } of STAFFING.erlangA) {
      const r = await ok('/v1/staffing/erlang-a', input);
      assertMatches(r, { probabilityWait: ctmc.probabilityWait, probabilityAbandon: ctmc.probabilityAbandon }, JSON.stringify(input), 1e-8);
    }
    const plan = await ok('/v1/staffing/plan', {
      intervalSeconds: 1800,
      intervals: [{ label: '09:00', calls: 100, ahtSeconds: 180 }, { label: '09:30', calls: 2000, ahtSeconds: 180 }],
      shrinkage: 0.3,
    });
    assert.deepEqual(plan.intervals.map((i) => [i.label, i.agents, i.scheduled]), [['09:00', 14, 20], ['09:30', 208, 298]]);
    assert.equal(plan.totals.peakAgents, 208);
  });

  test('typed errors: unstable queue, missing and unknown members', async () => {
    const unstable = await problem(await post('/v1/staffing/erlang-c', { ...TEXTBOOK_ERLANG_C, agents: 10 }), 400, 'unstable_queue');
    assert.equal(unstable.field, 'agents');
    const { agents: _, ...noAgents } = STAFFING.erlangC[0].input;
    assert.equal((await problem(await post('/v1/staffing/erlang-c', noAgents), 400, 'missing_field')).field, 'agents');
    assert.equal((await problem(await post('/v1/staffing/erlang-c', { ...STAFFING.erlangC[0].input, agnets: 1 }), 400, 'invalid_value')).field, 'agnets');
    const p = await problem(
      await post('/v1/staffing/plan', { intervalSeconds: 1800, intervals: [{ calls: 1, ahtSeconds: 180 }, { calls: 1, ahtSeconds: -1 }] }),
      400,
      'invalid_parameter',
    );
    assert.deepEqual([p.field, p.index], ['intervals[1].ahtSeconds', 1]);
    const unreachable = await problem(
      await post('/v1/staffing/agents-required', { callsPerInterval: 100, intervalSeconds: 1800, ahtSeconds: 180, maxAgents: 5 }),
      400,
      'target_unreachable',
    );
    assert.equal(unreachable.field, 'maxAgents');
  });
});

describe('lifetime value', () => {
  test('CDNOW: BG/NBD and Gamma–Gamma fits reproduce the papers', async () => {
    const { bg, gg } = cdnow();
    const fit = await ok('/v1/ltv/bg-nbd', { summary: bg });
    assert.equal(fit.converged, true);
    assert.deepEqual([fit.r, fit.alpha, fit.a, fit.b].map((x) => x.toFixed(3)), ['0.243', '4.414', '0.793', '2.426']);
    assert.equal(fit.logLikelihood.toFixed(1), '-9582.4');
    const spend = await ok('/v1/ltv/gamma-gamma', { summary: gg, options: {} });
    assert.equal(spend.customers, 946);
    assert.deepEqual([spend.p.toFixed(2), spend.q.toFixed(2)], ['6.25', '3.74']);
    assert.ok(Math.abs(spend.gamma - 15.44) <= 0.01);
  });

  test('RFM of the raw CDNOW sample, CLV, closed forms and cohorts', async () => {
    const rows = await ok('/v1/ltv/rfm', { transactions: cdnowTransactions(), options: { unit: 'weeks', calibrationEnd: '1997-09-30' } });
    assert.equal(rows.length, 2357);
    const first = rows.find((r) => r.customerId === '1');
    assert.deepEqual([first.frequency, first.recency.toFixed(2), first.T.toFixed(2)], [2, '30.43', '38.86']);
    const clv = await ok('/v1/ltv/clv', {
      models: { bgNbd: CDNOW_BG, gammaGamma: CDNOW_GG },
      customer: { frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 22.35, unit: 'weeks' },
      options: { months: 12, monthlyDiscountRate: 0.01, unit: 'weeks', daysPerMonth: 4.345 * 7 },
    });
    assertMatches(clv.value, 36.28921112559952, 'clv');
    assertMatches(clv.probabilityAlive, 0.726578570080673, 'alive', 1e-12);
    assertMatches((await ok('/v1/ltv/simple', { arpu: 50, grossMargin: 0.8, churnRate: 0.04 })).value, 1000);
    assertMatches((await ok('/v1/ltv/discounted', { arpu: 100, churnRate: 0.2, discountRate: 0.1, timing: 'end' })).value, 80 / 0.3);
    const cohorts = await ok('/v1/ltv/cohort', {
      cohorts: [{ cohort: '2026-01', customers: 100, values: [1000, 600, 400], active: [100, 60, 40] }],
    });
    assert.deepEqual(cohorts.cohorts[0].cumulativeValue, [10, 16, 20]);
  });

  test('typed errors: amounts, units, churn, discount', async () => {
    const tx = (amount) => ({ customerId: 'c', at: '2026-01-01T00:00:00Z', amount });
    const p = await problem(await post('/v1/ltv/rfm', { transactions: [tx(1), tx(-1)] }), 400, 'invalid_amount');
    assert.deepEqual([p.field, p.index], ['transactions[1].amount', 1]);
    const u = await problem(
      await post('/v1/ltv/clv', {
        models: { bgNbd: CDNOW_BG, gammaGamma: CDNOW_GG },
        customer: { frequency: 0, recency: 0, T: 3, unit: 'weeks' },
        options: { unit: 'days' },
      }),
      400,
      'unit_mismatch',
    );
    assert.equal(u.field, 'options.unit');
    assert.equal((await problem(await post('/v1/ltv/simple', { arpu: 1, churnRate: 0 }), 400, 'invalid_parameter')).field, 'churnRate');
    assert.equal(
      (await problem(await post('/v1/ltv/discounted', { arpu: 1, churnRate: 0.1, discountRate: -1 }), 400, 'invalid_parameter')).field,
      'discountRate',
    );
    await problem(await post('/v1/ltv/bg-nbd', { summary: [] }), 400, 'empty_input');
    assert.equal((await problem(await post('/v1/ltv/rfm', { transaction: [] }), 400, 'invalid_value')).field, 'transaction');
    assert.equal((await problem(await post('/v1/ltv/rfm', {}), 400, 'invalid_type')).field, 'transactions');
  });
});

describe('effort and KPIs', () => {
  test('POST /v1/kpis matches the KPI fixture', async () => {
    for (const { options, expected } of KPI.variants) {
      assertMatches(await ok('/v1/kpis', { contacts: KPI.contacts, options }), expected, JSON.stringify(options));
    }
    for (const { options, expected } of KPI.grouped) {
      const r = await ok('/v1/kpis', { contacts: KPI.contacts, options });
      expected.forEach((row, i) => assertMatches(r.groups[i], row, JSON.stringify(row.key)));
    }
  });

  test('POST /v1/effort matches the effort fixture', async () => {
    for (const { options, expected } of EFFORT.variants) {
      const r = await ok('/v1/effort', {
        contacts: EFFORT.contacts,
        options: { ...options, cesAnswers: EFFORT.cesAnswers, fcrAnswers: EFFORT.fcrAnswers },
      });
      assertMatches(r.summary, expected.summary, JSON.stringify(options));
      assertMatches(r.journeys, expected.journeys, JSON.stringify(options));
    }
  });

  test('typed errors name the record', async () => {
    const contacts = structuredClone(KPI.contacts);
    contacts[4].abandonedAt = '2026-11-23T08:00:00Z';
    const p = await problem(await post('/v1/kpis', { contacts }), 400, 'timestamp_order');
    assert.deepEqual([p.field, p.index], ['contacts[4].abandonedAt', 4]);
    const t = await problem(await post('/v1/effort', { contacts: [{ id: 'x', channel: 'voice', startedAt: 'noon' }] }), 400, 'invalid_timestamp');
    assert.deepEqual([t.field, t.index], ['contacts[0].startedAt', 0]);
    const o = await problem(await post('/v1/kpis', { contacts, options: { groupBy: 'team' } }), 400, 'invalid_option');
    assert.equal(o.field, 'options.groupBy');
  });
});

describe('transport', () => {
  test('every route answers 405 to GET and 413 over 1 MiB', async () => {
    for (const path of ['/v1/ltv/rfm', '/v1/ltv/bg-nbd', '/v1/ltv/gamma-gamma', '/v1/ltv/clv', '/v1/ltv/simple',
      '/v1/ltv/discounted', '/v1/ltv/cohort', '/v1/effort', '/v1/kpis', '/v1/staffing/erlang-c',
      '/v1/staffing/erlang-a', '/v1/staffing/agents-required', '/v1/staffing/plan']) {
      const res = await fetch(`${edge.base}${path}`);
      await problem(res, 405, 'method_not_allowed');
      assert.equal(res.headers.get('allow'), 'POST');
      await problem(await post(path, new Uint8Array(MIB + 1).fill(0x20)), 413, 'payload_too_large');
    }
    await problem(await post('/v1/ltv', {}), 404, 'not_found');
    await problem(await post('/v1/staffing/erlang-b', {}), 404, 'not_found');
    await problem(await post('/v1/kpis/extra', {}), 404, 'not_found');
  });
});

// ---------------------------------------------------------------------------------------------
// Fuzz: every body below is invalid by construction; each must get a 4xx problem+json.

function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const at = (h) => `2026-11-23T${String(h).padStart(2, '0')}:00:00Z`;
/** Per route: a valid body, members that are required, and numbers that must not be negative. */
const CASES = [
  {
    path: '/v1/ltv/rfm',
    body: { transactions: [{ customerId: 'a', at: at(9), amount: 5 }, { customerId: 'a', at: at(10), amount: 7 }], options: { unit: 'weeks' } },
    required: ['transactions', 'transactions.0.customerId', 'transactions.0.at', 'transactions.0.amount'],
    positive: ['transactions.1.amount'],
  },
  {
    path: '/v1/ltv/bg-nbd',
    body: { summary: [{ frequency: 2, recency: 30.43, T: 38.86, unit: 'weeks' }, { frequency: 0, recency: 0, T: 20, unit: 'weeks' }] },
    required: ['summary', 'summary.0.frequency', 'summary.0.recency', 'summary.0.T', 'summary.0.unit'],
    positive: ['summary.0.T', 'summary.0.recency', 'summary.1.T'],
  },
  {
    path: '/v1/ltv/gamma-gamma',
    body: { summary: [{ frequency: 2, recency: 1, T: 3, monetaryValue: 20, unit: 'weeks' }] },
    required: ['summary', 'summary.0.frequency', 'summary.0.unit'],
    positive: ['summary.0.monetaryValue'],
  },
  {
    path: '/v1/ltv/clv',
    body: {
      models: { bgNbd: CDNOW_BG, gammaGamma: CDNOW_GG },
      customer: { frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 22.35, unit: 'weeks' },
      options: { months: 12 },
    },
    required: ['models', 'customer', 'models.bgNbd', 'models.gammaGamma', 'models.bgNbd.r', 'models.bgNbd.unit', 'customer.unit', 'customer.T'],
    positive: ['models.bgNbd.r', 'models.bgNbd.alpha', 'models.gammaGamma.p', 'customer.T'],
  },
  {
    path: '/v1/ltv/simple',
    body: { arpu: 50, grossMargin: 0.8, churnRate: 0.04 },
    required: ['arpu', 'churnRate'],
    positive: ['arpu', 'churnRate', 'grossMargin'],
  },
  {
    path: '/v1/ltv/discounted',
    body: { arpu: 100, churnRate: 0.2, discountRate: 0.1 },
    required: ['arpu', 'churnRate', 'discountRate'],
    positive: ['arpu', 'churnRate'],
  },
  {
    path: '/v1/ltv/cohort',
    body: { cohorts: [{ cohort: 'a', customers: 10, values: [100, 50] }] },
    required: ['cohorts', 'cohorts.0.cohort', 'cohorts.0.customers', 'cohorts.0.values'],
    positive: ['cohorts.0.customers'],
  },
  {
    path: '/v1/effort',
    body: { contacts: [{ id: '1', channel: 'voice', customerId: 'c', startedAt: at(9), endedAt: at(10), talkS: 60 }] },
    required: ['contacts', 'contacts.0.id', 'contacts.0.channel'],
    positive: ['contacts.0.talkS'],
  },
  {
    path: '/v1/kpis',
    body: { contacts: [{ id: '1', channel: 'voice', offeredAt: at(9), answeredAt: at(10), talkS: 100 }] },
    required: ['contacts', 'contacts.0.id', 'contacts.0.channel'],
    positive: ['contacts.0.talkS'],
  },
  {
    path: '/v1/staffing/erlang-c',
    body: { callsPerInterval: 100, intervalSeconds: 1800, ahtSeconds: 180, agents: 14 },
    required: ['callsPerInterval', 'intervalSeconds', 'ahtSeconds', 'agents'],
    positive: ['callsPerInterval', 'intervalSeconds', 'ahtSeconds', 'agents'],
  },
  {
    path: '/v1/staffing/erlang-a',
    body: { callsPerInterval: 100, intervalSeconds: 1800, ahtSeconds: 180, agents: 14, patienceSeconds: 120 },
    required: ['callsPerInterval', 'intervalSeconds', 'ahtSeconds', 'agents', 'patienceSeconds'],
    positive: ['intervalSeconds', 'ahtSeconds', 'agents', 'patienceSeconds'],
  },
  {
    path: '/v1/staffing/agents-required',
    body: { callsPerInterval: 100, intervalSeconds: 1800, ahtSeconds: 180, targetServiceLevel: 0.8 },
    required: ['callsPerInterval', 'intervalSeconds', 'ahtSeconds'],
    positive: ['callsPerInterval', 'intervalSeconds', 'ahtSeconds', 'targetServiceLevel'],
  },
  {
    path: '/v1/staffing/plan',
    body: { intervalSeconds: 1800, intervals: [{ calls: 100, ahtSeconds: 180 }] },
    required: ['intervalSeconds', 'intervals', 'intervals.0.calls', 'intervals.0.ahtSeconds'],
    positive: ['intervalSeconds', 'intervals.0.calls', 'intervals.0.ahtSeconds'],
  },
  // Issue 4: transcripts.
  {
    path: '/v1/transcripts/score',
    body: {
      transcript: { turns: [{ speaker: 'customer', text: 'me cobraron dos veces', startMs: 0 }, { speaker: 'agent', text: 'lo siento', startMs: 900 }] },
      options: { maxBytes: 4096, negationWindow: 3, redact: true },
      keywords: { categories: [{ name: 'vip', phrases: ['socio oro'] }] },
    },
    required: ['transcript', 'transcript.turns', 'transcript.turns.0.speaker', 'transcript.turns.0.text'],
    positive: ['options.maxBytes', 'options.negationWindow', 'transcript.turns.0.startMs'],
  },
  {
    path: '/v1/transcripts/redact',
    body: { text: 'mi DNI es 20881778D y mi correo ana@example.org', options: { maxBytes: 4096 } },
    required: ['text'],
    positive: ['options.maxBytes'],
  },
];

function setPath(obj, path, fn) {
  const keys = path.split('.');
  const last = keys.pop();
  const parent = keys.reduce((o, k) => o[k], obj);
  fn(parent, last);
}

function malformed(seed, count) {
  const r = rng(seed);
  const int = (n) => Math.floor(r() * n);
  const pick = (xs) => xs[int(xs.length)];
  const deep = (n) => JSON.parse('['.repeat(n) + ']'.repeat(n));
  // Never valid where a required member is expected (every required member is a number, a string,
  // an array or an object with required members of its own).
  const junk = () => pick([null, true, false, {}, { value: 1 }, deep(40)]);
  const out = [];
  for (let i = 0; i < count; i++) {
    const c = pick(CASES);
    const body = structuredClone(c.body);
    let payload;
    switch (i % 8) {
      case 0: {
        payload = new Uint8Array(1 + int(300)).map(() => int(256));
        if (payload[0] === 0x7b || payload[0] <= 0x20) payload[0] = 0x7e;
        break;
      }
      case 1: {
        const full = JSON.stringify(body);
        payload = full.slice(0, int(full.length - 1));
        break;
      }
      case 2:
        payload = JSON.stringify(pick([[], null, 0, 'x', [body], true]));
        break;
      case 3:
        body[pick(['bogus', 'option', 'Options', '__proto__x', 'input'])] = junk();
        payload = JSON.stringify(body);
        break;
      case 4:
        setPath(body, pick(c.required), (o, k) => delete o[k]);
        payload = JSON.stringify(body);
        break;
      case 5:
        setPath(body, pick(c.required), (o, k) => (o[k] = junk()));
        payload = JSON.stringify(body);
        break;
      case 6:
        setPath(body, pick(c.positive), (o, k) => (o[k] = pick([-1, -0.5, -1e9, -1e308])));
        payload = JSON.stringify(body);
        break;
      default: {
        const text = JSON.stringify(body);
        payload = `${text.slice(0, -1)}, "deep": ${'['.repeat(200 + int(20000))}${']'.repeat(100)}}`;
      }
    }
    out.push({ path: c.path, payload });
  }
  return out;
}

test('~260 malformed bodies over the 15 routes: every answer is a 4xx problem+json, never a 5xx', async () => {
  const seed = Number(process.env.EDGE_FUZZ_SEED ?? 20261124);
  const codes = new Map();
  for (const [i, { path, payload }] of malformed(seed, 264).entries()) {
    const res = await post(path, payload);
    const text = await res.text();
    const shown = typeof payload === 'string' ? payload.slice(0, 200) : `<${payload.length} random bytes>`;
    const where = `seed ${seed}, case ${i} (${path}): ${shown}\n-> ${res.status} ${text}`;
    assert.ok(res.status >= 400 && res.status < 500, where);
    assert.equal(res.headers.get('content-type'), 'application/problem+json', where);
    const p = JSON.parse(text);
    assert.equal(p.status, res.status, where);
    codes.set(p.code, (codes.get(p.code) ?? 0) + 1);
  }
  if (process.env.EDGE_FUZZ_VERBOSE) console.log(seed, JSON.stringify([...codes]));
  assert.ok(codes.size >= 5, `too few distinct codes: ${[...codes]}`);
  // Still healthy, still the same numbers.
  assert.equal((await fetch(`${edge.base}/healthz`)).status, 200);
  const r = await ok('/v1/staffing/agents-required', TEXTBOOK_REQUIRED);
  assert.equal(r.agents, 14);
  assert.ok(!edge.worker.stderr().includes('unexpected error'), `workerd logged an unexpected error:\n${edge.worker.stderr()}`);
});
