// Latency of the edge function in workerd on 127.0.0.1 (a measurement, not a test):
// N sequential POSTs of 100 NPS scores to /v1/surveys/nps over one keep-alive connection.
//
//   cargo xtask build
//   node tests/edge/latency.mjs [--requests 1000] [--warmup 100] [--url http://127.0.0.1:8787]
//
// Without --url it starts its own workerd (the native binary, on a free port, assets pointed at an
// empty temporary folder) and stops it afterwards.

import { Agent, request } from 'node:http';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { startWorkerd } from '../support/workerd.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '1000' },
    warmup: { type: 'string', default: '100' },
    url: { type: 'string' },
  },
});
const N = Number(args.requests);
const WARMUP = Number(args.warmup);

async function startOwnWorkerd() {
  const config = join(ROOT, 'target/edge/config.capnp');
  if (!existsSync(config)) throw new Error(`${config} is missing: run \`cargo xtask build\` first`);
  const assets = mkdtempSync(join(tmpdir(), 'cxkit-edge-latency-'));
  const worker = await startWorkerd(config, { extraArgs: ['--directory-path', `assets=${assets}`] });
  return {
    url: worker.url,
    stop: async () => {
      await worker.stop();
      rmSync(assets, { recursive: true, force: true });
    },
  };
}

// 100 scores from a fixed linear congruential sequence (same body every run).
let x = 12345;
const scores = Array.from({ length: 100 }, () => ((x = (x * 1103515245 + 12345) >>> 0) >>> 16) % 11);
const body = Buffer.from(JSON.stringify({ responses: scores }));

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function post(url) {
  return new Promise((ok, fail) => {
    const req = request(
      `${url}/v1/surveys/nps`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => (res.statusCode === 200 ? ok(Buffer.concat(chunks)) : fail(new Error(`HTTP ${res.statusCode}`))));
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

const server = args.url ? { url: args.url.replace(/\/$/, ''), stop: async () => {} } : await startOwnWorkerd();
try {
  const first = JSON.parse(await post(server.url));
  for (let i = 1; i < WARMUP; i++) await post(server.url);
  const ms = new Float64Array(N);
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    await post(server.url);
    ms[i] = performance.now() - t;
  }
  const wall = performance.now() - t0;
  const sorted = Array.from(ms).sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / N;
  const f = (v) => v.toFixed(3);
  console.log(`POST /v1/surveys/nps, 100 scores (${body.length} B body; n=${first.n}, score=${first.score}), ` +
    `${N} sequential keep-alive requests after ${WARMUP} warm-up, node ${process.version}`);
  console.log(`p50 ${f(quantile(sorted, 0.5))} ms  p90 ${f(quantile(sorted, 0.9))} ms  p99 ${f(quantile(sorted, 0.99))} ms  ` +
    `max ${f(sorted[N - 1])} ms  mean ${f(mean)} ms  ${(N / (wall / 1000)).toFixed(0)} req/s`);
} finally {
  agent.destroy();
  await server.stop();
}
