// Running totals at the edge (www/edge/aggregate.js) in real workerd with on-disk Durable Object
// storage: ingest, retried deliveries, webhooks on a tenant route, two tenants, the event stream,
// and a crash (SIGKILL) in the middle of a load followed by a restart on the same storage.
//
//   cargo xtask build && node --test tests/edge/aggregate.test.mjs
//
// Every expected number comes from the npm package (MetricsAccumulator over the same records in
// one batch), never from a constant: the edge must equal the library.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CONFIG } from '../support/edge.mjs';
import { ROOT, startWorkerd } from '../support/workerd.mjs';

const require = createRequire(import.meta.url);
const NOW = '2026-11-23T10:05:00Z';
const ZENDESK = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/webhooks/zendesk/satisfaction-rating.valid.json'), 'utf8'));
const TENANTS = {
  acme: {
    readKeys: ['acme-read-old', 'acme-read'],
    ingestSecrets: ['acme-ingest'],
    webhooks: { zendesk: { secrets: ZENDESK.options.secrets } },
    options: { utcOffsetMinutes: -300 },
  },
  globex: { readKeys: ['globex-read'], ingestSecrets: ['globex-ingest'] },
  // Zendesk's satisfaction ratings are good/bad: this tenant counts CSAT on the binary scale
  support: {
    readKeys: ['support-read'],
    webhooks: { zendesk: { secrets: ZENDESK.options.secrets } },
    options: { csat: { scale: 'binary' } },
  },
};
const ENV = { CXKIT_TENANTS: JSON.stringify(TENANTS), CXKIT_WEBHOOK_NOW: NOW };

let cx; // the npm package (Node build)
let edge;
let storage;

before(async () => {
  assert.ok(existsSync(CONFIG), `${CONFIG} is missing: run \`cargo xtask build\` first`);
  cx = require(join(ROOT, 'target/npm/cxkit/node/index.cjs'));
  storage = mkdtempSync(join(tmpdir(), 'cxkit-agg-'));
  edge = await startWorkerd(CONFIG, { env: ENV, storage });
});
after(async () => {
  await edge?.stop();
  if (storage) rmSync(storage, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Requests

/** `cxkit-signature: t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>` at NOW. */
function signed(secret, body) {
  const t = Math.floor(Date.parse(NOW) / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return { 'content-type': 'application/json', 'cxkit-signature': `t=${t},v1=${v1}` };
}

async function ingest(base, tenant, records, secret = TENANTS[tenant].ingestSecrets[0]) {
  const body = JSON.stringify(records);
  const res = await fetch(`${base}/v1/tenants/${tenant}/ingest`, { method: 'POST', headers: signed(secret, body), body });
  return { status: res.status, body: await res.json() };
}

async function metrics(base, tenant, query = '', key = TENANTS[tenant]?.readKeys.at(-1)) {
  const res = await fetch(`${base}/v1/tenants/${tenant}/metrics?${query}`, {
    headers: key ? { authorization: `Bearer ${key}` } : {},
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

// ---------------------------------------------------------------------------------------------
// Records: three local days (UTC−5) of contacts (some sent in two parts), answers and transcripts

function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function dataset() {
  const r = rng(7);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const start = Date.parse('2026-11-20T14:00:00Z');
  const contacts = [];
  for (let i = 0; i < 60; i++) {
    const t0 = start + Math.floor(r() * 3 * 86400) * 1000;
    const wait = Math.floor(r() * 90);
    const id = `k${i}`;
    const base = { id, platform: 'generic', channel: pick(['voice', 'chat', 'email']), customerId: `u${i % 17}` };
    const full = { ...base, queue: pick(['billing', 'sales', 'tech']), agentId: pick(['ana', 'ben', 'eva']), offeredAt: new Date(t0).toISOString() };
    if (r() < 0.15) {
      full.abandoned = true;
      full.abandonedAt = new Date(t0 + wait * 1000).toISOString();
    } else {
      full.answeredAt = new Date(t0 + wait * 1000).toISOString();
      full.talkS = 60 + Math.floor(r() * 600);
      full.acwS = Math.floor(r() * 60);
    }
    if (r() < 0.3) contacts.push({ ...base, partial: true, offeredAt: full.offeredAt, queue: 'triage' });
    contacts.push(full);
  }
  const surveys = [];
  for (let i = 0; i < 45; i++) {
    const kind = pick(['csat', 'nps', 'ces']);
    const value = kind === 'csat' ? 1 + Math.floor(r() * 5) : kind === 'nps' ? Math.floor(r() * 11) : 1 + Math.floor(r() * 7);
    const at = start + Math.floor(r() * 3 * 86400) * 1000;
    surveys.push({ id: `s${i}`, kind, value, respondedAt: new Date(at).toISOString(), queue: pick(['billing', 'sales']), agentId: pick(['ana', 'ben']), contactId: `k${i}` });
  }
  const transcripts = [
    { contactId: 'k1', turns: [{ speaker: 'customer', text: 'I was charged twice, this is ridiculous' }, { speaker: 'agent', text: 'Sorry about that, I have refunded it' }, { speaker: 'customer', text: 'great, thanks a lot' }] },
    { contactId: 'k2', language: 'es', turns: [{ speaker: 'customer', text: 'llevo tres días sin internet' }, { speaker: 'customer', text: 'gracias, ya funciona' }] },
  ];
  return { contacts, surveys, transcripts };
}

/** The same records as the library computes them in one batch. */
function expected(records, options, query) {
  const acc = new cx.MetricsAccumulator(options);
  try {
    acc.push(records, { at: NOW });
    return acc.finish(query);
  } finally {
    acc.free();
  }
}

const strip = ({ tenant, from, to, days, ...report }) => report;

// ---------------------------------------------------------------------------------------------

test('batches ingested at the edge, one retried, equal one batch computed by the npm package', async () => {
  const all = dataset();
  // four deliveries in the order the events happened (a contact's parts stay in order: the
  // later part wins, as on the platform)
  const part = (list, b) => list.slice(Math.floor((list.length * b) / 4), Math.floor((list.length * (b + 1)) / 4));
  const batches = [0, 1, 2, 3].map((b) => ({
    contacts: part(all.contacts, b),
    surveys: part(all.surveys, b),
    transcripts: part(all.transcripts, b),
  }));
  let added = 0;
  for (const b of batches) {
    const { status, body } = await ingest(edge.url, 'acme', b);
    assert.equal(status, 200, JSON.stringify(body));
    assert.deepEqual(body.aggregated.rejected, []);
    added += body.aggregated.added.contacts + body.aggregated.added.surveys + body.aggregated.added.transcripts;
  }
  assert.equal(added, all.contacts.length + all.surveys.length + all.transcripts.length);
  // at-least-once delivery: the same batch again counts nothing
  const retry = await ingest(edge.url, 'acme', batches[1]);
  assert.equal(retry.status, 200);
  assert.deepEqual(retry.body.aggregated.added, { contacts: 0, surveys: 0, transcripts: 0 });
  assert.deepEqual(retry.body.aggregated.duplicates, {
    contacts: batches[1].contacts.length,
    surveys: batches[1].surveys.length,
    transcripts: batches[1].transcripts.length,
  });

  const options = TENANTS.acme.options;
  for (const groupBy of [undefined, 'queue', 'agentId', 'channel']) {
    const q = `from=2026-11-19&to=2026-11-24${groupBy ? `&groupBy=${groupBy}` : ''}`;
    const got = await metrics(edge.url, 'acme', q);
    assert.equal(got.status, 200, JSON.stringify(got.body));
    const want = expected(all, options, groupBy ? { groupBy } : {});
    for (const k of Object.keys(want)) assert.deepEqual(got.body[k], want[k], `groupBy ${groupBy}: ${k}`);
    assert.deepEqual(Object.keys(strip(got.body)).sort(), Object.keys(want).sort());
    assert.equal(got.body.days, 4); // three days of records, and today's transcripts
  }
  // one day only, fewer metrics
  const day = await metrics(edge.url, 'acme', 'from=2026-11-21&to=2026-11-21&metrics=nps,kpis&series=false');
  const want = new cx.MetricsAccumulator(options);
  const oneDay = want.splitByDay(all, { at: NOW })['2026-11-21'];
  want.free();
  assert.deepEqual(strip(day.body), expected(oneDay, options, { metrics: ['nps', 'kpis'], series: false }));
  assert.equal(day.body.csat, null);
  assert.ok(day.body.kpis.contacts > 0);
});

test('a webhook on a tenant route is verified with the tenant\'s secrets and counted once', async () => {
  const { request } = ZENDESK;
  const send = (tenant) =>
    fetch(`${edge.url}/v1/tenants/${tenant}/webhooks/zendesk`, { method: 'POST', headers: request.headers, body: request.body }).then((r) => r.json());
  const first = await send('support');
  assert.equal(first.status, 'accepted');
  assert.deepEqual(first.aggregated.added, { contacts: 0, surveys: 1, transcripts: 0 });
  const again = await send('support');
  assert.deepEqual([again.aggregated.added.surveys, again.aggregated.duplicates.surveys], [0, 1]);
  const m = await metrics(edge.url, 'support', 'from=2026-11-23');
  assert.deepEqual(strip(m.body), expected({ surveys: first.surveys }, TENANTS.support.options, {}));
  assert.equal(m.body.csat.n, 1);
  // acme counts CSAT on 1-5: the webhook is acknowledged, the answer reported as rejected
  const acme = await send('acme');
  assert.equal(acme.status, 'accepted');
  assert.deepEqual(acme.aggregated.rejected.map((r) => [r.list, r.code]), [['surveys', 'scale_mismatch']]);
  assert.match(acme.aggregated.rejected[0].message, /surveys\[0\]/);
  // globex has no Zendesk secret: its route refuses every Zendesk webhook
  const res = await fetch(`${edge.url}/v1/tenants/globex/webhooks/zendesk`, { method: 'POST', headers: request.headers, body: request.body });
  assert.equal(res.status, 401);
  assert.equal((await res.json()).code, 'missing_signature');
});

test('tenants are isolated: keys, secrets and objects', async () => {
  const mine = { surveys: [{ id: 'g1', kind: 'nps', value: 9, respondedAt: '2026-11-23T09:00:00Z' }] };
  const ok = await ingest(edge.url, 'globex', mine);
  assert.equal(ok.body.aggregated.added.surveys, 1);
  // acme's secret on globex's route, globex's key on acme's metrics, no key, an unknown tenant
  const forged = await ingest(edge.url, 'globex', { surveys: [{ id: 'x', kind: 'nps', value: 0, respondedAt: '2026-11-23T09:00:00Z' }] }, 'acme-ingest');
  assert.deepEqual([forged.status, forged.body.code], [401, 'signature_mismatch']);
  const wrongKey = await metrics(edge.url, 'acme', '', 'globex-read');
  assert.deepEqual([wrongKey.status, wrongKey.body.code], [401, 'unauthorized']);
  assert.match(wrongKey.headers.get('www-authenticate'), /Bearer/);
  const noKey = await metrics(edge.url, 'acme', '', null);
  assert.deepEqual([noKey.status, noKey.body.code], [401, 'unauthorized']);
  const oldKey = await metrics(edge.url, 'acme', 'from=2026-11-23', 'acme-read-old'); // rotation
  assert.equal(oldKey.status, 200);
  const unknown = await metrics(edge.url, 'initech', '', 'x');
  assert.deepEqual([unknown.status, unknown.body.code], [404, 'not_found']);
  // globex sees its one answer and nothing of acme's
  const g = await metrics(edge.url, 'globex', 'from=2026-11-01&to=2026-11-30');
  assert.equal(g.status, 200);
  assert.deepEqual(g.body.records, { contacts: 0, surveys: 1, transcripts: 0 });
  assert.equal(g.body.nps.score, 100);
  // bad queries are 400 problems naming the parameter
  for (const [q, field] of [['from=yesterday', 'from'], ['from=2025-01-01&to=2026-11-23', 'to'], ['groupBy=planet', undefined]]) {
    const bad = await metrics(edge.url, 'globex', q);
    assert.equal(bad.status, 400, q);
    if (field) assert.equal(bad.body.field, field, q);
  }
});

test('the event stream sends the new numbers within a second of an ingest', async () => {
  const controller = new AbortController();
  const res = await fetch(`${edge.url}/v1/tenants/globex/metrics/stream?from=2026-11-23&key=globex-read&metrics=nps`, { signal: controller.signal });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/event-stream');
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const nextEvent = async () => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (data && block.includes('event: metrics')) return JSON.parse(data.slice(6));
        continue;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += value;
    }
  };
  try {
    const first = await nextEvent();
    const n = first.records.surveys;
    const t0 = performance.now();
    const sent = await ingest(edge.url, 'globex', { surveys: [{ id: 'live-1', kind: 'nps', value: 0, respondedAt: '2026-11-23T11:00:00Z' }] });
    assert.equal(sent.body.aggregated.added.surveys, 1);
    const update = await nextEvent();
    const ms = performance.now() - t0;
    assert.equal(update.records.surveys, n + 1);
    assert.deepEqual(strip(update), strip((await metrics(edge.url, 'globex', 'from=2026-11-23&metrics=nps')).body));
    assert.ok(ms < 1000, `update after ${ms.toFixed(0)} ms`);
  } finally {
    controller.abort();
  }
});

test('SIGKILL in the middle of a load, restart on the same storage: every record counted exactly once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cxkit-crash-'));
  // a snapshot every 16 batches: the restart reads a snapshot and replays a log after it
  const env = { CXKIT_TENANTS: JSON.stringify({ crash: { readKeys: ['r'], ingestSecrets: ['s'] } }), CXKIT_WEBHOOK_NOW: NOW, CXKIT_SNAPSHOT_EVERY: '16' };
  let wd = await startWorkerd(CONFIG, { env, storage: dir });
  const N = 160;
  const record = (i) => ({ surveys: [{ id: `c${i}`, kind: 'csat', value: 1 + (i % 5), respondedAt: `2026-11-2${i % 3}T12:00:00Z` }] });
  const acked = new Set();
  try {
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (next < N && !killed) {
        const i = next++;
        try {
          const r = await ingest(wd.url, 'crash', record(i), 's');
          if (r.status === 200) acked.add(i);
          if (acked.size === N / 2 && !killed) {
            killed = true;
            await wd.kill();
          }
        } catch {
          // in flight when killed: not acknowledged
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    assert.ok(killed && acked.size >= N / 2 && acked.size < N, `acked ${acked.size}`);
    wd = await startWorkerd(CONFIG, { env, storage: dir });
    const q = 'from=2026-11-20&to=2026-11-22&metrics=csat&series=false';
    const stored = (await metrics(wd.url, 'crash', q, 'r')).body.records.surveys;
    assert.ok(stored >= acked.size && stored <= acked.size + 8, `stored ${stored}, acknowledged ${acked.size}`);
    // the platform retries what it did not see acknowledged, and (carelessly) some it did
    for (let i = 0; i < N; i++) {
      if (!acked.has(i) || i % 10 === 0) assert.equal((await ingest(wd.url, 'crash', record(i), 's')).status, 200);
    }
    const final = await metrics(wd.url, 'crash', q, 'r');
    const all = { surveys: Array.from({ length: N }, (_, i) => record(i).surveys[0]) };
    assert.equal(final.body.records.surveys, N);
    assert.deepEqual(strip(final.body), expected(all, {}, { metrics: ['csat'], series: false }));
  } finally {
    await wd.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
