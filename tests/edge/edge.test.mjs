// End-to-end tests of the edge function (www/edge/worker.js) in real workerd.
//
//   cargo xtask build                        # prepares target/edge/ (config, worker, cxkit/)
//   node --test tests/edge/edge.test.mjs     # from the repository root
//
// Starts the native workerd binary on a free port of 127.0.0.1 with the `assets` directory pointed
// at a temporary folder written here (the demo page's contents are not part of this test), and
// stops it afterwards (SIGTERM, then SIGKILL after 2 s).

import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { startWorkerd } from '../support/workerd.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CONFIG = join(ROOT, 'target/edge/config.capnp');
const FIXTURE = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/surveys/shared.json'), 'utf8'));
const MIB = 1024 * 1024;
const TOLERANCE = 1e-9;
const INDEX_HTML = '<!doctype html><title>edge test</title><p id="marker">cxkit edge test page</p>\n';
// The smallest valid WebAssembly module: magic number and version.
const EMPTY_WASM = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

let base;
let worker;
let assetsDir;

before(async () => {
  assert.ok(existsSync(CONFIG), `${CONFIG} is missing: run \`cargo xtask build\` first`);
  assetsDir = mkdtempSync(join(tmpdir(), 'cxkit-edge-'));
  writeFileSync(join(assetsDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(assetsDir, 'app.js'), 'export const answer = 42;\n');
  writeFileSync(join(assetsDir, 'style.css'), 'body { margin: 0 }\n');
  writeFileSync(join(assetsDir, 'empty.wasm'), EMPTY_WASM);
  writeFileSync(join(assetsDir, '.secret'), 'not for the web\n');
  mkdirSync(join(assetsDir, 'sub'));
  writeFileSync(join(assetsDir, 'sub/index.html'), '<!doctype html><p>sub</p>\n');

  worker = await startWorkerd(CONFIG, { extraArgs: ['--directory-path', `assets=${assetsDir}`] });
  base = worker.url;
});

after(async () => {
  await worker?.stop();
  if (assetsDir) rmSync(assetsDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Helpers

function post(path, body, init = {}) {
  const payload = typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: payload,
    ...init,
  });
}

/** Asserts an RFC 9457 problem response and returns its body. */
async function problem(res, status, code) {
  const text = await res.text();
  assert.equal(res.status, status, `status ${res.status}, body ${text}`);
  assert.equal(res.headers.get('content-type'), 'application/problem+json', text);
  const p = JSON.parse(text);
  assert.equal(p.status, status);
  if (code !== undefined) assert.equal(p.code, code, text);
  assert.match(p.code, /^[a-z]+(_[a-z]+)*$/);
  assert.equal(typeof p.type, 'string');
  assert.equal(typeof p.title, 'string');
  assert.equal(typeof p.detail, 'string');
  assert.ok(!/\bat .*:\d+:\d+/.test(text), `a stack trace leaked: ${text}`);
  for (const k of Object.keys(p)) {
    assert.ok(['type', 'title', 'status', 'detail', 'code', 'field', 'index'].includes(k), `unexpected member ${k}`);
  }
  return p;
}

/** Every field of `expected`, recursively: numbers within TOLERANCE, everything else equal. */
function assertMatches(actual, expected, path = '') {
  if (typeof expected === 'number') {
    assert.equal(typeof actual, 'number', `${path}: ${JSON.stringify(actual)}`);
    assert.ok(Math.abs(actual - expected) <= TOLERANCE, `${path}: got ${actual}, expected ${expected}`);
  } else if (expected !== null && typeof expected === 'object') {
    assert.ok(actual !== null && typeof actual === 'object', `${path}: ${JSON.stringify(actual)}`);
    for (const [k, v] of Object.entries(expected)) assertMatches(actual[k], v, `${path}.${k}`);
  } else {
    assert.equal(actual, expected, path);
  }
}

// ---------------------------------------------------------------------------------------------

describe('surveys', () => {
  for (const kind of ['nps', 'csat', 'ces']) {
    test(`shared fixture through POST /v1/surveys/${kind}`, async () => {
      const { responses, options, expected } = FIXTURE[kind];
      const res = await post(`/v1/surveys/${kind}`, { responses, options });
      const text = await res.text();
      assert.equal(res.status, 200, text);
      assert.equal(res.headers.get('content-type'), 'application/json');
      assertMatches(JSON.parse(text), expected, kind);
    });
  }

  test('options may be left out', async () => {
    const { responses, expected } = FIXTURE.nps;
    const res = await post('/v1/surveys/nps', { responses });
    assert.equal(res.status, 200);
    assertMatches(await res.json(), expected, 'nps');
  });

  test('groupBy queue returns overall and groups', async () => {
    const { responses, options, expected } = FIXTURE.nps;
    const res = await post('/v1/surveys/nps', { responses, options: { ...options, groupBy: 'queue' } });
    assert.equal(res.status, 200);
    const body = await res.json();
    assertMatches(body.overall, expected, 'overall');
    assert.ok(Array.isArray(body.groups) && body.groups.length >= 2, JSON.stringify(body.groups));
    assert.ok(body.groups.some((g) => g.key === 'billing'));
    assert.equal(
      body.groups.reduce((n, g) => n + g.n, 0),
      body.overall.n,
    );
  });
});

describe('request body limit (1 MiB)', () => {
  test('1 MiB + 1 with Content-Length is 413', async () => {
    const res = await post('/v1/surveys/nps', new Uint8Array(MIB + 1).fill(0x20));
    await problem(res, 413, 'payload_too_large');
  });

  test('1 MiB + 1 chunked (no Content-Length) is 413', async () => {
    const chunk = 64 * 1024;
    let sent = 0;
    const body = new ReadableStream({
      pull(c) {
        const n = Math.min(chunk, MIB + 1 - sent);
        if (n === 0) return c.close();
        c.enqueue(new Uint8Array(n).fill(0x20));
        sent += n;
      },
    });
    const res = await fetch(`${base}/v1/surveys/nps`, { method: 'POST', body, duplex: 'half' });
    await problem(res, 413, 'payload_too_large');
  });

  test('exactly 1 MiB is accepted', async () => {
    const bytes = new Uint8Array(MIB).fill(0x20);
    bytes.set(new TextEncoder().encode(JSON.stringify({ responses: [9, 10, 0] })));
    const res = await post('/v1/surveys/nps', bytes);
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal((await res.json()).n, 3);
  });
});

describe('errors are problem+json', () => {
  test('malformed JSON is 400 invalid_json', async () => {
    await problem(await post('/v1/surveys/nps', '{"responses": [1, 2'), 400, 'invalid_json');
    await problem(await post('/v1/surveys/nps', ''), 400, 'invalid_json');
    await problem(await post('/v1/surveys/nps', new Uint8Array([0x22, 0xff, 0xfe, 0x22])), 400, 'invalid_json');
  });

  test('a body that is not an object is 400 invalid_type', async () => {
    for (const body of ['[1, 2]', '42', 'null', '"text"']) {
      await problem(await post('/v1/surveys/csat', body), 400, 'invalid_type');
    }
  });

  test('missing or non-array responses is 400 invalid_type', async () => {
    const p = await problem(await post('/v1/surveys/nps', { responses: 'abc' }), 400, 'invalid_type');
    assert.equal(p.field, 'responses');
    await problem(await post('/v1/surveys/nps', {}), 400, 'invalid_type');
    await problem(await post('/v1/surveys/ces', { responses: { 0: 5 } }), 400, 'invalid_type');
  });

  test('[1, 11] is 400 score_out_of_range at index 1', async () => {
    const p = await problem(await post('/v1/surveys/nps', { responses: [1, 11] }), 400, 'score_out_of_range');
    assert.equal(p.index, 1);
    assert.equal(p.field, 'responses[1]');
    assert.match(p.detail, /11/);
  });

  test('an unknown option is 400 invalid_option', async () => {
    const p = await problem(
      await post('/v1/surveys/csat', { responses: [1, 5], options: { satisfiedBoxes: [5] } }),
      400,
      'invalid_option',
    );
    assert.equal(p.field, 'options.satisfiedBoxes');
  });

  test('an unknown top-level field is 400', async () => {
    const p = await problem(await post('/v1/surveys/nps', { responses: [1], option: { groupBy: 'queue' } }), 400);
    assert.equal(p.field, 'option');
  });

  test('JSON nested deeper than the library limit (32) is 400 with the path, and the instance stays healthy', async () => {
    // body, responses, answer object, `extra` ..: an ignored extra field nested k levels.
    const nested = (k) => `{"responses": [3, {"value": 3, "extra": ${'['.repeat(k)}${']'.repeat(k)}}, 9]}`;
    const ok = await post('/v1/surveys/nps', nested(20));
    assert.equal(ok.status, 200, await ok.clone().text());
    assert.equal((await ok.json()).n, 3);
    const deep = await problem(await post('/v1/surveys/nps', nested(40)), 400, 'invalid_value');
    assert.match(deep.field, /^responses\[1\]\.extra\[0\]/);
    // Before the library walked values with a depth limit, a few of these (about 20-120 KB each)
    // overflowed the wasm stack and left the instance corrupted: every later request was a 500.
    for (let i = 0; i < 3; i++) {
      await problem(await post('/v1/surveys/nps', nested(50_000)), 400, 'invalid_value');
      const labels = `{"x": ${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
      await problem(await post('/v1/surveys/csat', `{"responses": [3], "options": {"labels": ${labels}}}`), 400, 'invalid_option');
    }
    const { responses, options, expected } = FIXTURE.nps;
    const res = await post('/v1/surveys/nps', { responses, options });
    assert.equal(res.status, 200);
    assertMatches(await res.json(), expected, 'nps');
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
  });

  test('GET on a survey route is 405 with Allow', async () => {
    const res = await fetch(`${base}/v1/surveys/nps`);
    await problem(res, 405, 'method_not_allowed');
    assert.equal(res.headers.get('allow'), 'POST');
  });

  test('POST on /healthz and on a static path is 405 with Allow', async () => {
    for (const path of ['/healthz', '/index.html']) {
      const res = await post(path, {});
      await problem(res, 405, 'method_not_allowed');
      assert.equal(res.headers.get('allow'), 'GET, HEAD');
    }
  });

  test('unknown API routes are 404 not_found', async () => {
    for (const [method, path] of [
      ['GET', '/v1/nope'],
      ['POST', '/v1/nope'],
      ['POST', '/v1/surveys/ltv'],
      ['POST', '/v1/surveys/__proto__'],
      ['POST', '/v1/surveys/nps/extra'],
      ['GET', '/v1'],
    ]) {
      await problem(await fetch(`${base}${path}`, { method, body: method === 'POST' ? '{}' : undefined }), 404, 'not_found');
    }
  });
});

describe('health and static files', () => {
  test('/healthz', async () => {
    const res = await fetch(`${base}/healthz`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/json');
    const body = await res.json();
    assert.equal(body.status, 'ok');
    assert.match(body.version, /^\d+\.\d+\.\d+/);
    assert.deepEqual(Object.keys(body).sort(), ['status', 'version']);
  });

  test('/ serves index.html as text/html', async () => {
    const res = await fetch(`${base}/`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/html\b/);
    assert.equal(await res.text(), INDEX_HTML);
  });

  test('content types follow the extension', async () => {
    for (const [path, type] of [
      ['/index.html', /^text\/html\b/],
      ['/app.js', /^text\/javascript\b/],
      ['/style.css', /^text\/css\b/],
      ['/empty.wasm', /^application\/wasm$/],
    ]) {
      const res = await fetch(`${base}${path}`);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type'), type, path);
      await res.arrayBuffer();
    }
    const head = await fetch(`${base}/empty.wasm`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-type'), 'application/wasm');
    assert.equal(head.headers.get('content-length'), String(EMPTY_WASM.length));
  });

  test('.wasm streams into WebAssembly.compileStreaming (checks the MIME type)', async () => {
    const module = await WebAssembly.compileStreaming(fetch(`${base}/empty.wasm`));
    assert.ok(module instanceof WebAssembly.Module);
  });

  test('a directory redirects to its index; missing files and dotfiles are 404', async () => {
    const res = await fetch(`${base}/sub`, { redirect: 'manual' });
    assert.equal(res.status, 301);
    assert.equal(res.headers.get('location'), '/sub/');
    const sub = await fetch(`${base}/sub/`);
    assert.equal(sub.status, 200);
    assert.match(await sub.text(), /sub/);
    await problem(await fetch(`${base}/missing.txt`), 404, 'not_found');
    await problem(await fetch(`${base}/.secret`), 404, 'not_found');
  });
});

// ---------------------------------------------------------------------------------------------
// Fuzz-ish: every body below is invalid by construction; each must get a 4xx problem+json.

function rng(seed) {
  // mulberry32: reproducible runs (the seed is printed on failure).
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function malformedBodies(seed, count) {
  const r = rng(seed);
  const int = (n) => Math.floor(r() * n);
  const pick = (xs) => xs[int(xs.length)];
  const deep = (n) => '['.repeat(n) + ']'.repeat(n);
  const junk = () =>
    pick([
      () => int(1e6) - 5e5,
      () => r() * 100 - 50,
      () => 1e308 * 10,
      () => -0,
      () => true,
      () => false,
      () => null,
      () => '',
      () => 'very satisfied',
      () => 'muy difícil',
      () => String.fromCharCode(...Array.from({ length: int(12) }, () => int(0x2fff))),
      () => [],
      () => [1, 2],
      () => ({}),
      () => ({ value: 'x' }),
      () => ({ label: 5 }),
      () => ({ value: 5, scale: 'binary' }),
      () => ({ value: 5, kind: 'ltv' }),
      () => ({ value: 5, respondedAt: 'yesterday' }),
      () => ({ value: 5, queue: { a: 1 } }),
      () => ({ value: 5, channel: 'pigeon' }),
    ])();
  // An answer that no metric accepts, whatever the options.
  const badAnswer = () =>
    pick([11, 101, -1, 1.5, 2.25, true, false, [], [3], {}, { value: '7' }, { value: 11 }, 'not a label at all', { value: 3, kind: 'nope' }]);
  // Options that no metric accepts.
  const badOptions = () =>
    pick([
      { bogus: 1 },
      { confidence: 'high' },
      { confidence: 2 },
      { confidence: -0.5 },
      { groupBy: 'planet' },
      { groupBy: 7 },
      { interval: 5 },
      { interval: 'magic' },
      { onInvalid: 'maybe' },
      { utcOffsetMinutes: 99999 },
      { utcOffsetMinutes: 'UTC' },
      { labels: 'x' },
      { labels: { great: 'ten' } },
      { scale: [0] },
      { scale: 'huge' },
      { scale: [5, 1] },
      'options',
      42,
      [1, 2],
      true,
    ]);
  const goodAnswers = () => Array.from({ length: int(20) }, () => pick([1, 2, 3, 4, 5]));
  const insert = (xs, x) => {
    xs.splice(int(xs.length + 1), 0, x);
    return xs;
  };

  const out = [];
  for (let i = 0; i < count; i++) {
    const kind = pick(['csat', 'nps', 'ces']);
    let body;
    switch (i % 7) {
      case 0: // random bytes (never valid JSON of an object: the first byte is not '{' or space)
        body = new Uint8Array(1 + int(300)).map(() => int(256));
        if (body[0] === 0x7b || body[0] <= 0x20) body[0] = 0x7e;
        break;
      case 1: {
        // truncated JSON
        const full = JSON.stringify({ responses: goodAnswers().concat([{ value: 4, queue: 'q' }]), options: {} });
        body = full.slice(0, int(full.length - 1));
        break;
      }
      case 2: // a bad answer among good ones, sometimes with junk fields
        body = JSON.stringify({ responses: insert(goodAnswers(), badAnswer()) });
        break;
      case 3: // junk answers, always with one bad answer
        body = JSON.stringify({ responses: insert(Array.from({ length: int(8) }, junk), badAnswer()) });
        break;
      case 4: // bad options with good answers
        body = JSON.stringify({ responses: goodAnswers().concat([3]), options: badOptions() });
        break;
      case 5: // wrong envelope
        body = JSON.stringify(
          pick([[], null, 0, 'x', { responses: junk() === null ? 1 : 'x' }, { options: {} }, { responses: null }, { responses: {} }]),
        );
        break;
      default: // deep nesting, unbalanced or inside an answer
        body = pick([
          `{"responses": ${deep(2000 + int(20000))}}`,
          `{"responses": [3, {"value": 3, "extra": ${deep(100 + int(40000))}}, 11]}`,
          `{"responses": [3], "options": {"labels": {"x": ${deep(100 + int(20000))}}, "confidence": 7}}`,
          `{"responses": ${'['.repeat(int(5000))}`,
        ]);
    }
    out.push({ kind, body });
  }
  return out;
}

test('~200 malformed bodies: every answer is a 4xx problem+json, never a 5xx', async () => {
  const seed = Number(process.env.EDGE_FUZZ_SEED ?? 20261123);
  const bodies = malformedBodies(seed, 210);
  const codes = new Map();
  for (const [i, { kind, body }] of bodies.entries()) {
    const res = await post(`/v1/surveys/${kind}`, body);
    const text = await res.text();
    const shown = typeof body === 'string' ? body.slice(0, 200) : `<${body.length} random bytes>`;
    const where = `seed ${seed}, case ${i} (${kind}): ${shown}\n-> ${res.status} ${text}`;
    assert.ok(res.status >= 400 && res.status < 500, where);
    assert.equal(res.headers.get('content-type'), 'application/problem+json', where);
    const p = JSON.parse(text);
    assert.equal(p.status, res.status, where);
    assert.match(p.code, /^[a-z]+(_[a-z]+)*$/, where);
    codes.set(p.code, (codes.get(p.code) ?? 0) + 1);
  }
  // The same bodies to the webhook routes (no secrets configured here: pushes are refused,
  // fetched documents are parsed; tests/edge/webhooks.test.mjs fuzzes them with secrets).
  const platforms = ['amazon-connect', 'genesys', 'twilio', 'zendesk', 'salesforce', 'generic'];
  for (const [i, { body }] of bodies.entries()) {
    const platform = platforms[i % platforms.length];
    const res = await post(`/v1/webhooks/${platform}`, body);
    const text = await res.text();
    const where = `seed ${seed}, webhook case ${i} (${platform}) -> ${res.status} ${text}`;
    assert.ok(res.status >= 400 && res.status < 500, where);
    assert.equal(res.headers.get('content-type'), 'application/problem+json', where);
    codes.set(JSON.parse(text).code, (codes.get(JSON.parse(text).code) ?? 0) + 1);
  }
  if (process.env.EDGE_FUZZ_VERBOSE) console.log(seed, JSON.stringify([...codes]));
  assert.ok(codes.size >= 4, `too few distinct codes: ${[...codes]}`);
  // The instance is still healthy and still computes the same numbers.
  const { responses, options, expected } = FIXTURE.nps;
  const res = await post('/v1/surveys/nps', { responses, options });
  assert.equal(res.status, 200);
  assertMatches(await res.json(), expected, 'nps after fuzz');
  assert.ok(!worker.stderr().includes('unexpected error'), `workerd logged an unexpected error:\n${worker.stderr()}`);
});
