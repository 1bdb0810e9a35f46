// Webhook throughput at the edge: verify + parse + metrics in workerd on 127.0.0.1, under a
// bounded load from a second process. Not a timed test: `cargo xtask bench` runs it at full
// size, CI runs it with --quick only to keep it working. Goal: p99 ≤ 2 ms per webhook.
//
//   cargo xtask build && node tests/bench/webhooks.bench.mjs [--quick] [--connections=N]
//
// The parent starts workerd (secrets in its environment, as tests/edge/webhooks.test.mjs does)
// and forks itself with --load: the child sends the valid fixtures of every platform in turn over
// CONCURRENCY keep-alive connections (each with one request in flight), and times each request
// from write to the last byte of the answer; after each webhook the same connection sends a
// GET /healthz (no work), the floor: what loopback, the client and workerd cost at that moment.
// Reported per webhook (fixture case) and overall: events/s, p50 and p99 in ms, and the floor's
// p50 and p99. Results also go to target/bench/webhooks.json.
import { fork } from 'node:child_process';
import { Agent, request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ROOT, startWorkerd } from '../support/workerd.mjs';
import { ENV_PREFIX, envFor, webhookFixtures } from '../support/webhooks.mjs';

const quick = process.argv.includes('--quick');
const PER_CASE = quick ? 10 : 2000;
const WARMUP = quick ? 2 : 200;
/** Requests in flight (`--connections=N`, default 4): 1 gives the latency of one webhook alone. */
const CONCURRENCY = Number(process.argv.find((a) => a.startsWith('--connections='))?.slice(14) ?? 4);
if (!Number.isInteger(CONCURRENCY) || CONCURRENCY < 1) throw new Error('--connections=N needs a whole N >= 1');
const NOW = '2026-11-23T10:05:00Z';

/** The valid, accepted fixtures whose options are each platform's most common set. */
function cases() {
  const all = webhookFixtures().filter((f) => f.file.endsWith('.valid.json') && f.expect.status === 'accepted');
  const env = { CXKIT_WEBHOOK_NOW: NOW };
  const chosen = [];
  for (const platform of Object.keys(ENV_PREFIX)) {
    const mine = all.filter((f) => f.platform === platform && f.options.now === NOW);
    const counts = new Map();
    for (const f of mine) {
      const { now: _n, ...o } = f.options;
      const k = JSON.stringify(o);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const [key] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [];
    if (!key) continue;
    Object.assign(env, envFor(platform, JSON.parse(key)));
    chosen.push(...mine.filter((f) => JSON.stringify((({ now: _n, ...o }) => o)(f.options)) === key));
  }
  return { env, chosen };
}

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function load(base, fixtures) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const url = new URL(base);
  const send = (fx) =>
    new Promise((ok, fail) => {
      const target = new URL(fx.request.url);
      const body = Buffer.from(fx.request.body, 'utf8');
      const t0 = process.hrtime.bigint();
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: target.pathname + target.search,
          headers: { ...fx.request.headers, host: target.host, 'x-forwarded-proto': 'https', 'content-length': body.length },
        },
        (res) => {
          res.on('data', () => {});
          res.on('end', () => {
            const ms = Number(process.hrtime.bigint() - t0) / 1e6;
            if (res.statusCode !== 200) fail(new Error(`${fx.file}: HTTP ${res.statusCode}`));
            else ok(ms);
          });
        },
      );
      req.on('error', fail);
      req.setTimeout(10_000, () => req.destroy(new Error(`${fx.file}: no answer in 10 s`)));
      req.end(body);
    });
  // The floor: GET /healthz (no work) on the same connections, interleaved with the webhook, so
  // that each row shows what the machine, the loopback and workerd alone cost at that moment.
  const floor = () =>
    new Promise((ok, fail) => {
      const t0 = process.hrtime.bigint();
      const req = request({ agent, host: url.hostname, port: url.port, method: 'GET', path: '/healthz' }, (res) => {
        res.on('data', () => {});
        res.on('end', () => (res.statusCode === 200 ? ok(Number(process.hrtime.bigint() - t0) / 1e6) : fail(new Error(`/healthz: HTTP ${res.statusCode}`))));
      });
      req.on('error', fail);
      req.end();
    });
  const results = [];
  for (const fx of fixtures) {
    if (process.env.BENCH_VERBOSE) console.error(fx.file);
    for (let i = 0; i < WARMUP; i++) await send(fx);
    const times = [];
    const floors = [];
    let next = 0;
    let busy = 0;
    const worker = async () => {
      while (next < PER_CASE) {
        next++;
        const ms = await send(fx);
        times.push(ms);
        busy += ms;
        floors.push(await floor());
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    times.sort((a, b) => a - b);
    floors.sort((a, b) => a - b);
    results.push({
      webhook: fx.file.replace(/\.valid\.json$/, ''),
      bytes: Buffer.byteLength(fx.request.body),
      // Webhook requests answered per second of their own time in flight (the interleaved
      // floor requests are not counted).
      eventsPerSecond: Math.round((times.length * CONCURRENCY) / (busy / 1000)),
      p50: quantile(times, 0.5),
      p99: quantile(times, 0.99),
      floorP50: quantile(floors, 0.5),
      floorP99: quantile(floors, 0.99),
    });
  }
  agent.destroy();
  return results;
}

if (process.argv.includes('--load')) {
  // The load process: receives the URL and the fixtures, answers with the timings.
  process.once('message', async ({ base, fixtures }) => {
    try {
      process.send({ results: await load(base, fixtures) });
    } catch (e) {
      process.send({ error: String(e.stack ?? e) });
    }
  });
} else {
  const { env, chosen: all } = cases();
  // Quick (CI smoke) mode: one webhook per platform.
  const chosen = quick ? all.filter((f, i) => all.findIndex((g) => g.platform === f.platform) === i) : all;
  const worker = await startWorkerd(join(ROOT, 'target/edge/config.capnp'), { env });
  let results;
  try {
    const child = fork(fileURLToPath(import.meta.url), ['--load', `--connections=${CONCURRENCY}`], { stdio: 'inherit' });
    child.send({ base: worker.url, fixtures: chosen });
    const answer = await new Promise((ok, fail) => {
      child.once('message', ok);
      child.once('exit', (code) => fail(new Error(`load process exited with ${code}`)));
    });
    child.kill();
    if (answer.error) throw new Error(answer.error);
    results = answer.results;
  } finally {
    await worker.stop();
  }
  const fmt = (n) => n.toFixed(3).padStart(7);
  console.log(`webhooks at the edge (workerd, 127.0.0.1, ${CONCURRENCY} connections, ${PER_CASE} events per webhook${quick ? ', quick' : ''})`);
  console.log(`${'webhook'.padEnd(52)} ${'bytes'.padStart(6)} ${'events/s'.padStart(9)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'floor p50'.padStart(9)} ${'floor p99'.padStart(9)}`);
  for (const r of results) {
    console.log(`${r.webhook.padEnd(52)} ${String(r.bytes).padStart(6)} ${String(r.eventsPerSecond).padStart(9)} ${fmt(r.p50)} ${fmt(r.p99)} ${fmt(r.floorP50).padStart(9)} ${fmt(r.floorP99).padStart(9)}`);
  }
  const worstP99 = Math.max(...results.map((r) => r.p99));
  const medianEps = results.map((r) => r.eventsPerSecond).sort((a, b) => a - b)[Math.floor(results.length / 2)];
  const met = results.filter((r) => r.p99 <= 2).length;
  const floorMet = results.filter((r) => r.floorP99 <= 2).length;
  console.log(`${results.length} webhooks; median ${medianEps} events/s; worst p99 ${worstP99.toFixed(3)} ms; p99 ≤ 2 ms (the goal) for ${met} of ${results.length}`);
  console.log(`floor (GET /healthz, no work, interleaved): p99 ≤ 2 ms in ${floorMet} of ${results.length} rows, worst ${Math.max(...results.map((r) => r.floorP99)).toFixed(3)} ms`);
  mkdirSync(join(ROOT, 'target/bench'), { recursive: true });
  writeFileSync(
    join(ROOT, 'target/bench/webhooks.json'),
    JSON.stringify({ quick, concurrency: CONCURRENCY, perWebhook: PER_CASE, results }, null, 2),
  );
}
