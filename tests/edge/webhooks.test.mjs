// Webhooks through the real edge function: every fixture of tests/fixtures/webhooks (the same
// files as the Rust and npm tests) sent to POST /v1/webhooks/{platform} of workerd, with the
// secrets and options given to workerd as environment variables (the config's `fromEnvironment`
// bindings), the raw body bytes, the fixture's headers, and Host / X-Forwarded-Proto so that
// request.url is the URL the platform signed. Then a mutation fuzz of the fixtures.
//
//   cargo xtask build && node --test tests/edge/webhooks.test.mjs
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import * as cx from '../../target/npm/cxkit/node/index.mjs';
import { ROOT, startWorkerd } from '../support/workerd.mjs';
import { difference, envFor, webhookFixtures } from '../support/webhooks.mjs';

const CONFIG = join(ROOT, 'target/edge/config.capnp');
const STATUS = {
  missing_signature: 401,
  signature_mismatch: 401,
  stale_timestamp: 401,
  unknown_org: 401,
  payload_too_large: 413,
};

// `no-now` fixtures test the Rust API without a clock; the edge always has one.
const FIXTURES = webhookFixtures().filter((f) => !f.file.includes('/no-now.'));

/**
 * Rounds of fixtures: a platform's fixtures with different options need different environments,
 * so round k holds the k-th option set of every platform; one workerd serves each round.
 */
function rounds() {
  const sets = new Map(); // platform -> Map(optionsKey -> fixtures)
  for (const fx of FIXTURES) {
    const { now: _now, ...o } = fx.options;
    const key = JSON.stringify(o);
    if (!sets.has(fx.platform)) sets.set(fx.platform, new Map());
    const m = sets.get(fx.platform);
    if (!m.has(key)) m.set(key, []);
    m.get(key).push(fx);
  }
  const out = [];
  for (const [platform, m] of sets) {
    [...m.values()].forEach((fixtures, k) => {
      out[k] ??= { env: { CXKIT_WEBHOOK_NOW: '2026-11-23T10:05:00Z' }, fixtures: [] };
      Object.assign(out[k].env, envFor(platform, fixtures[0].options));
      out[k].fixtures.push(...fixtures);
    });
  }
  return out;
}

/** POSTs raw bytes with exactly the given headers (Host included); resolves {status, headers, text}. */
function send(base, fx, body = fx.request.body) {
  const target = new URL(fx.request.url);
  const url = new URL(base);
  return new Promise((ok, fail) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: fx.request.method,
        path: target.pathname + target.search,
        headers: { ...fx.request.headers, host: target.host, 'x-forwarded-proto': target.protocol.slice(0, -1) },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => ok({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', fail);
    req.end(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
  });
}

/** What the edge must answer for a fixture; `null` when it does. */
function check(fx, res) {
  const where = `${fx.file}: ${res.status} ${res.text.slice(0, 400)}`;
  const err = fx.expect.error;
  if (err) {
    if (res.status !== (STATUS[err.code] ?? 400)) return `${where}: expected ${err.code}`;
    if (res.headers['content-type'] !== 'application/problem+json') return `${where}: not problem+json`;
    const p = JSON.parse(res.text);
    if (p.code !== err.code || (err.field && p.field !== err.field)) return `${where}: expected ${err.code} on ${err.field}`;
    return null;
  }
  const reply = fx.expect.response;
  if (reply && !reply.contentType.startsWith('application/json')) {
    // Salesforce: the SOAP Ack itself.
    if (res.status !== reply.status || res.headers['content-type'] !== reply.contentType || res.text !== reply.body) {
      return `${where}: expected the platform's reply ${reply.body}`;
    }
    return null;
  }
  if (res.status !== 200 || res.headers['content-type'] !== 'application/json') return `${where}: expected 200 JSON`;
  const got = JSON.parse(res.text);
  const { response, ...records } = fx.expect;
  const { metrics, ...rest } = got;
  const top = response ? JSON.parse(response.body) : {};
  const d = difference(rest, { ...top, ...records });
  if (d) return `${fx.file}: ${d}`;
  // Metrics: the library's own functions over the expected records.
  if (records.contacts.length) {
    const d2 = difference(metrics.contacts, cx.kpis(records.contacts, { onInvalid: 'skip' }), 'metrics.contacts');
    if (d2) return `${fx.file}: ${d2}`;
  } else if ('contacts' in metrics) return `${fx.file}: contact metrics without contacts`;
  if (records.surveys.length) {
    const s = metrics.surveys;
    if (!Array.isArray(s) || s.reduce((n, g) => n + (g.result.n ?? g.result.responses ?? 0), 0) === 0) {
      return `${fx.file}: survey metrics ${JSON.stringify(s)}`;
    }
    for (const g of s) {
      const f = { csat: cx.csat, nps: cx.nps, ces: cx.ces }[g.kind];
      const mine = records.surveys.filter((r) => (r.kind ?? 'csat') === g.kind && JSON.stringify(r.scale ?? null) === JSON.stringify(g.scale));
      const d3 = difference(g.result, f(mine, g.scale === null ? {} : { scale: g.scale }), `metrics.surveys.${g.kind}`);
      if (d3) return `${fx.file}: ${d3}`;
    }
  }
  if (records.transcripts.length && typeof cx.scoreTranscript === 'function') {
    if (metrics.transcripts?.length !== records.transcripts.length) return `${fx.file}: transcript metrics missing`;
  }
  return null;
}

const workers = [];
after(async () => {
  await Promise.all(workers.map((w) => w.stop()));
});

test('every webhook fixture through workerd: records, metrics, replies and problem codes', async () => {
  assert.ok(existsSync(CONFIG), `${CONFIG} is missing: run \`cargo xtask build\` first`);
  const plan = rounds();
  assert.ok(plan.length >= 2 && plan.length <= 6, `${plan.length} rounds`);
  let ran = 0;
  const failures = [];
  for (const { env, fixtures } of plan) {
    const w = await startWorkerd(CONFIG, { env });
    workers.push(w);
    for (const fx of fixtures) {
      const d = check(fx, await send(w.url, fx));
      if (d) failures.push(d);
      ran++;
    }
    assert.ok(!w.stderr().includes('unexpected error'), w.stderr());
    await w.stop();
  }
  assert.equal(ran, FIXTURES.length);
  assert.ok(ran >= 230, `only ${ran} fixtures`);
  assert.deepEqual(failures, [], `${failures.length} of ${ran} fixtures failed`);
});

test('a known answer: the Firehose batch gives 2 contacts, a CSAT of 1 answer, and Firehose its requestId', async () => {
  const fx = FIXTURES.find((f) => f.file === 'amazon-connect/firehose.valid.json');
  const w = await startWorkerd(CONFIG, { env: { CXKIT_WEBHOOK_NOW: fx.options.now, ...envFor(fx.platform, fx.options) } });
  workers.push(w);
  const res = await send(w.url, fx);
  const out = JSON.parse(res.text);
  assert.equal(res.status, 200);
  assert.equal(out.requestId, JSON.parse(fx.request.body).requestId);
  assert.equal(out.timestamp, Date.parse(fx.options.now));
  assert.equal(out.contacts.length, 2);
  assert.equal(out.metrics.contacts.contacts, 2);
  assert.equal(out.metrics.surveys.length, 1);
  assert.equal(out.metrics.surveys[0].kind, 'csat');
  // A platform with no secret in the environment accepts no push.
  const bad = await send(w.url, { ...fx, request: { ...fx.request, url: fx.request.url.replace('amazon-connect', 'zendesk') } });
  assert.equal(bad.status, 400);
  assert.equal(bad.headers['content-type'], 'application/problem+json');
  // 405 and 404 for the route.
  const get = await fetch(`${w.url}/v1/webhooks/zendesk`);
  assert.equal(get.status, 405);
  await get.arrayBuffer();
  const nf = await fetch(`${w.url}/v1/webhooks/five9`, { method: 'POST', body: '{}' });
  assert.equal(nf.status, 404);
  await nf.arrayBuffer();
  await w.stop();
});

function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('fuzz: ~300 mutated fixture bodies get a 2xx or a 4xx problem+json, never a 5xx', async () => {
  const seed = Number(process.env.EDGE_FUZZ_SEED ?? 20261125);
  const r = rng(seed);
  const int = (n) => Math.floor(r() * n);
  const [first] = rounds();
  const w = await startWorkerd(CONFIG, { env: first.env });
  workers.push(w);
  const pool = first.fixtures.filter((f) => f.file.endsWith('.valid.json'));
  const codes = new Map();
  for (let i = 0; i < 300; i++) {
    const fx = pool[int(pool.length)];
    const bytes = Buffer.from(fx.request.body, 'utf8');
    let body;
    switch (int(5)) {
      case 0: // flip bytes
        body = Buffer.from(bytes);
        for (let k = 0; k < 1 + int(8); k++) body[int(body.length)] = int(256);
        break;
      case 1: // truncate
        body = bytes.subarray(0, int(bytes.length));
        break;
      case 2: // duplicate a slice
        body = Buffer.concat([bytes, bytes.subarray(int(bytes.length))]);
        break;
      case 3: // replace a value by a deep nesting
        body = Buffer.from(fx.request.body.replace(/"[^"]*"/, '['.repeat(1 + int(5000))), 'utf8');
        break;
      default: // random bytes
        body = Buffer.from(Array.from({ length: int(2048) }, () => int(256)));
    }
    const res = await send(w.url, fx, body);
    const where = `seed ${seed}, case ${i} (${fx.file}): ${res.status} ${res.text.slice(0, 300)}`;
    assert.ok(res.status < 500, where);
    if (res.status >= 400) {
      assert.equal(res.headers['content-type'], 'application/problem+json', where);
      const p = JSON.parse(res.text);
      codes.set(p.code, (codes.get(p.code) ?? 0) + 1);
    }
  }
  assert.ok(codes.size >= 3, `too few distinct codes: ${[...codes]}`);
  const health = await fetch(`${w.url}/healthz`);
  assert.equal(health.status, 200, 'the instance is still healthy');
  await health.arrayBuffer();
  assert.ok(!w.stderr().includes('unexpected error'), w.stderr());
  await w.stop();
});
