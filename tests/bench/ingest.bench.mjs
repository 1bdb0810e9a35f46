// Running totals at the edge: records per second ingested into the Durable Objects (workerd on
// 127.0.0.1, on-disk SQLite storage, every reply after the commit), under a bounded load, with
// p50/p99 latency per request; then the time to answer `GET /v1/metrics` over 90 days.
// Not a timed test: `cargo xtask bench` runs it at full size, CI with --quick only.
//
//   cargo xtask build && node tests/bench/ingest.bench.mjs [--quick] [--connections=N]
//
// Load: N keep-alive connections, each with one signed `POST /v1/tenants/bench/ingest` in flight
// (bounded: at most N requests outstanding). Two batch shapes: 1 record per request (a webhook)
// and 50 records per request (a relay that batches). Records are new (fresh ids) and spread over
// three days, so each request goes to one to three day objects. Results also go to
// target/bench/ingest.json.
import { Agent, request } from 'node:http';
import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ROOT, startWorkerd } from '../support/workerd.mjs';

const quick = process.argv.includes('--quick');
const CONNECTIONS = Number(process.argv.find((a) => a.startsWith('--connections='))?.slice(14) ?? 4);
if (!Number.isInteger(CONNECTIONS) || CONNECTIONS < 1) throw new Error('--connections=N needs a whole N >= 1');
const NOW = '2026-11-23T10:05:00Z';
const SECRET = 'bench-ingest';
const REQUESTS = quick ? 40 : 3000;
const HISTORY_DAYS = quick ? 5 : 90;
const PER_DAY = quick ? { contacts: 10, surveys: 8, transcripts: 1 } : { contacts: 200, surveys: 120, transcripts: 10 };
const READS = quick ? 2 : 10;

const signed = (body) => {
  const t = Math.floor(Date.parse(NOW) / 1000);
  return `t=${t},v1=${createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex')}`;
};

let serial = 0;
function records(n, dayOffset = null) {
  const out = { contacts: [], surveys: [] };
  for (let i = 0; i < n; i++) {
    const k = serial++;
    const day = dayOffset ?? k % 3;
    const t0 = Date.parse('2026-11-23T08:00:00Z') - day * 86400000 + (k % 600) * 60000;
    if (k % 2 === 0) {
      out.contacts.push({
        id: `b${k}`, platform: 'bench', channel: ['voice', 'chat', 'email'][k % 3], queue: ['billing', 'sales', 'tech'][k % 3],
        agentId: `a${k % 12}`, customerId: `u${k % 500}`, offeredAt: new Date(t0).toISOString(),
        answeredAt: new Date(t0 + (k % 90) * 1000).toISOString(), talkS: 60 + (k % 400), acwS: k % 45,
      });
    } else {
      const kind = ['csat', 'nps', 'ces'][k % 3];
      const value = kind === 'nps' ? k % 11 : kind === 'csat' ? 1 + (k % 5) : 1 + (k % 7);
      out.surveys.push({ id: `s${k}`, kind, value, respondedAt: new Date(t0 + 600000).toISOString(), queue: ['billing', 'sales'][k % 2] });
    }
  }
  return out;
}

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function post(agent, base, path, body, headers = {}) {
  const url = new URL(path, base);
  return new Promise((ok, fail) => {
    const t0 = performance.now();
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method: body === null ? 'GET' : 'POST', agent, headers },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) fail(new Error(`${path}: ${res.statusCode} ${text.slice(0, 300)}`));
          else ok({ ms: performance.now() - t0, body: JSON.parse(text) });
        });
      },
    );
    req.on('error', fail);
    if (body !== null) req.end(body);
    else req.end();
  });
}

async function ingestLoad(agent, base, perRequest) {
  const bodies = Array.from({ length: REQUESTS }, () => JSON.stringify(records(perRequest)));
  const latencies = [];
  let added = 0;
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const r = await post(agent, base, '/v1/tenants/bench/ingest', body, {
        'content-type': 'application/json', 'cxkit-signature': signed(body),
      });
      latencies.push(r.ms);
      added += r.body.aggregated.added.contacts + r.body.aggregated.added.surveys;
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const seconds = (performance.now() - t0) / 1000;
  if (added !== REQUESTS * perRequest) throw new Error(`added ${added}, sent ${REQUESTS * perRequest}`);
  latencies.sort((a, b) => a - b);
  return {
    recordsPerRequest: perRequest,
    requests: REQUESTS,
    recordsPerSecond: Math.round(added / seconds),
    requestsPerSecond: Math.round(REQUESTS / seconds),
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
  };
}

async function main() {
  const storage = mkdtempSync(join(tmpdir(), 'cxkit-ingest-bench-'));
  const env = {
    CXKIT_TENANTS: JSON.stringify({ bench: { readKeys: ['r'], ingestSecrets: [SECRET] }, history: { readKeys: ['r'], ingestSecrets: [SECRET] } }),
    CXKIT_WEBHOOK_NOW: NOW,
  };
  const wd = await startWorkerd(join(ROOT, 'target/edge/config.capnp'), { env, storage });
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  try {
    // warm-up (compiles the worker's hot paths, opens the day objects)
    serial = 1e7;
    for (let i = 0; i < (quick ? 3 : 100); i++) {
      const body = JSON.stringify(records(5));
      await post(agent, wd.url, '/v1/tenants/bench/ingest', body, { 'content-type': 'application/json', 'cxkit-signature': signed(body) });
    }
    const loads = [];
    for (const perRequest of [1, 50]) loads.push(await ingestLoad(agent, wd.url, perRequest));

    // 90 days of history for another tenant, one signed batch per day, then read the period
    serial = 2e7;
    for (let d = 0; d < HISTORY_DAYS; d++) {
      const day = records(PER_DAY.contacts + PER_DAY.surveys, d);
      day.transcripts = Array.from({ length: PER_DAY.transcripts }, (_, i) => ({
        contactId: `t${d}-${i}`,
        turns: [{ speaker: 'customer', text: `day ${d}: I was charged twice, fix it` }, { speaker: 'customer', text: 'ok thanks' }],
      }));
      const body = JSON.stringify(day);
      await post(agent, wd.url, '/v1/tenants/history/ingest', body, { 'content-type': 'application/json', 'cxkit-signature': signed(body) });
    }
    const from = new Date(Date.parse('2026-11-23T00:00:00Z') - (HISTORY_DAYS - 1) * 86400000).toISOString().slice(0, 10);
    const reads = {};
    for (const [name, q] of [['all metrics', ''], ['groupBy=queue', '&groupBy=queue'], ['nps,kpis, no series', '&metrics=nps,kpis&series=false']]) {
      const times = [];
      let report;
      for (let i = 0; i < READS + 1; i++) {
        const r = await post(agent, wd.url, `/v1/tenants/history/metrics?from=${from}&to=2026-11-23${q}`, null, { authorization: 'Bearer r' });
        if (i > 0) times.push(r.ms); // the first read also opens the day objects
        report = r.body;
      }
      times.sort((a, b) => a - b);
      reads[name] = { days: report.days, records: report.records, medianMs: quantile(times, 0.5), maxMs: times.at(-1) };
    }

    console.log(`ingest into Durable Objects (workerd, 127.0.0.1, on-disk storage, ${CONNECTIONS} connections${quick ? ', quick' : ''})`);
    console.log(`${'records/request'.padEnd(16)} ${'requests'.padStart(8)} ${'records/s'.padStart(10)} ${'requests/s'.padStart(11)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)}`);
    for (const l of loads) {
      console.log(`${String(l.recordsPerRequest).padEnd(16)} ${String(l.requests).padStart(8)} ${String(l.recordsPerSecond).padStart(10)} ${String(l.requestsPerSecond).padStart(11)} ${l.p50.toFixed(2).padStart(7)} ${l.p99.toFixed(2).padStart(7)}`);
    }
    console.log(`GET /v1/metrics over ${HISTORY_DAYS} days (${PER_DAY.contacts + PER_DAY.surveys + PER_DAY.transcripts} records a day), median of ${READS}:`);
    for (const [name, r] of Object.entries(reads)) {
      console.log(`  ${name.padEnd(22)} ${r.medianMs.toFixed(1).padStart(7)} ms (max ${r.maxMs.toFixed(1)} ms; ${r.days} days, ${r.records.contacts} contacts, ${r.records.surveys} answers)`);
    }
    mkdirSync(join(ROOT, 'target/bench'), { recursive: true });
    writeFileSync(join(ROOT, 'target/bench/ingest.json'), JSON.stringify({ quick, connections: CONNECTIONS, loads, reads, historyDays: HISTORY_DAYS, perDay: PER_DAY }, null, 2));
  } finally {
    agent.destroy();
    await wd.stop();
    rmSync(storage, { recursive: true, force: true });
  }
}

await main();
