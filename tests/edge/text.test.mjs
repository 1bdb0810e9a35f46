// The transcript routes of the edge function (www/edge/worker.js) in real workerd:
// POST /v1/transcripts/score and /v1/transcripts/redact. Known answers through HTTP (the shared PII
// cases, a scored call with keywords and compliance), errors as problem+json, the keyword-set
// cache, and malformed bodies that must all get a 4xx.
//
//   cargo xtask build                       # prepares target/edge/
//   node --test tests/edge/text.test.mjs    # from the repository root

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT } from '../support/workerd.mjs';
import { edgeWorker } from '../support/edge.mjs';
import * as cx from '../../target/npm/cxkit/node/index.mjs';

const PII = readFileSync(join(ROOT, 'tests/fixtures/pii/cases.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l));

const edge = edgeWorker('text');
const { post, ok } = edge;

async function problem(res, status, code, field) {
  const text = await res.text();
  assert.equal(res.status, status, `status ${res.status}, body ${text}`);
  assert.equal(res.headers.get('content-type'), 'application/problem+json', text);
  const p = JSON.parse(text);
  assert.equal(p.status, status);
  if (code !== undefined) assert.equal(p.code, code, text);
  if (field !== undefined) assert.equal(p.field, field, text);
  return p;
}

const call = {
  contactId: 'c-1',
  language: 'es',
  turns: [
    { speaker: 'agent', text: 'Buenas tardes, le informamos de que esta llamada puede ser grabada.', startMs: 0 },
    { speaker: 'customer', text: 'Me habéis cobrado dos veces la factura, es una vergüenza. Mi correo es ana.ruiz@example.org', startMs: 6000 },
    { speaker: 'agent', text: 'Lo siento mucho, ya le he devuelto el segundo cargo.', startMs: 30000 },
    { speaker: 'customer', text: 'Vale, muchísimas gracias, muy amable', startMs: 45000 },
  ],
};

const config = {
  categories: [{ name: 'vip', phrases: ['socio oro'] }],
  rules: [
    { name: 'grabación', kind: 'mustSay', phrases: ['esta llamada puede ser grabada'], withinTurns: 1 },
    { name: 'sin promesas', kind: 'mustNotSay', phrases: ['le garantizo'] },
  ],
};

test('POST /v1/transcripts/score: the npm result, with keywords and redaction', async () => {
  const plain = await ok('/v1/transcripts/score', { transcript: call });
  assert.deepEqual(plain, cx.scoreTranscript(call));
  assert.equal(plain.language, 'es');
  assert.equal(plain.trend.direction, 'improved');
  assert.equal(plain.turns[1].label, 'negative');
  assert.equal(plain.turns[3].label, 'positive');

  const full = await ok('/v1/transcripts/score', { transcript: call, options: { redact: { types: ['EMAIL'] } }, keywords: config });
  const set = new cx.KeywordSet(config);
  assert.deepEqual(full, cx.scoreTranscript(call, { redact: { types: ['EMAIL'] }, keywords: set }));
  set.free();
  assert.deepEqual(full.keywords.compliance.map((r) => [r.name, r.passed, r.reason]), [['grabación', true, null], ['sin promesas', true, null]]);
  assert.deepEqual(
    full.keywords.matches.map((m) => [m.category, m.text, m.turn]),
    [['billing', 'cobrado dos veces', 1], ['billing', 'factura', 1], ['billing', 'cargo', 2], ['thanks', 'muchísimas gracias', 3], ['praise', 'muy amable', 3]],
  );
  assert.equal(full.redacted.turns[1].text, 'Me habéis cobrado dos veces la factura, es una vergüenza. Mi correo es [EMAIL]');

  const builtin = await ok('/v1/transcripts/score', { transcript: call, keywords: 'builtin' });
  assert.deepEqual(Object.keys(builtin.keywords.categories).length, 10);
  assert.equal(builtin.keywords.compliance.length, 0);
});

test('keyword sets are compiled once and cached; bad configs are 400s naming keywords.*', async () => {
  // Many distinct configs (more than the cache holds), then the first again: still correct.
  for (let i = 0; i < 20; i++) {
    const r = await ok('/v1/transcripts/score', { transcript: call, keywords: { builtin: false, categories: [{ name: `c${i}`, phrases: ['factura'] }] } });
    assert.deepEqual(r.keywords.categories, { [`c${i}`]: { count: 1, negated: 0, turns: [1] } });
  }
  const again = await ok('/v1/transcripts/score', { transcript: call, keywords: { builtin: false, categories: [{ name: 'c0', phrases: ['factura'] }] } });
  assert.deepEqual(again.keywords.categories.c0.turns, [1]);
  await problem(await post('/v1/transcripts/score', { transcript: call, keywords: { categories: [{ name: '', phrases: ['x'] }] } }), 400, 'invalid_value', 'keywords.categories[0].name');
  await problem(await post('/v1/transcripts/score', { transcript: call, keywords: 'all' }), 400, 'invalid_type', 'keywords');
  await problem(await post('/v1/transcripts/score', { transcript: call, keywords: { rules: [{ name: 'x', kind: 'mustShout', phrases: ['y'] }] } }), 400, undefined, 'keywords.rules[0].kind');
});

test('POST /v1/transcripts/redact: every shared PII case, and whole transcripts', async () => {
  for (const c of PII) {
    const r = await ok('/v1/transcripts/redact', { text: c.text });
    assert.equal(r.text, c.redacted, c.id);
    assert.deepEqual(r.entities.map(({ type, value }) => ({ type, value })), c.entities, c.id);
  }
  const t = await ok('/v1/transcripts/redact', { transcript: call, options: { types: ['EMAIL', 'PHONE'] } });
  assert.equal(t.transcript.turns[1].text, 'Me habéis cobrado dos veces la factura, es una vergüenza. Mi correo es [EMAIL]');
  assert.equal(t.transcript.contactId, 'c-1');
  assert.equal(t.transcript.turns[2].startMs, 30000);
  assert.deepEqual(t.turns[1].entities.map((e) => e.value), ['ana.ruiz@example.org']);
  assert.deepEqual(t, cx.redactTranscript(call, { types: ['EMAIL', 'PHONE'] }));
});

test('bad input: problem+json 400 / 413 / 405, never a 5xx', async () => {
  await problem(await post('/v1/transcripts/score', { transcript: { turns: [] } }), 400, 'empty_input', 'turns');
  await problem(await post('/v1/transcripts/score', { transcript: { turns: [{ speaker: 'robot', text: 'hola' }] } }), 400, 'invalid_value', 'turns[0].speaker');
  await problem(await post('/v1/transcripts/score', { transcript: call, options: { language: 'fr' } }), 400, 'invalid_option');
  await problem(await post('/v1/transcripts/score', { transcript: call, options: 5, keywords: 'builtin' }), 400, 'invalid_option', 'options');
  await problem(await post('/v1/transcripts/score', { transcript: call, options: { keywords: {} } }), 400, 'invalid_option', 'options.keywords');
  await problem(await post('/v1/transcripts/score', { transcript: call, options: { lexicon: {} } }), 400, 'invalid_option', 'options.lexicon');
  await problem(await post('/v1/transcripts/score', { transcript: call, options: { maxBytes: 10 } }), 413, 'text_too_large');
  await problem(await post('/v1/transcripts/score', { transcript: call, extra: 1 }), 400, 'invalid_value', 'extra');
  await problem(await post('/v1/transcripts/score', {}), 400, 'invalid_type', 'transcript');
  // A lone surrogate escaped in JSON.
  await problem(await post('/v1/transcripts/score', '{"transcript":{"turns":[{"speaker":"customer","text":"mal \\ud83d"}]}}'), 400, 'invalid_value', 'turns[0].text');
  await problem(await post('/v1/transcripts/redact', { text: 'x', options: { types: [] } }), 400, 'invalid_option', 'options.types');
  await problem(await post('/v1/transcripts/redact', { text: 'x'.repeat(100), options: { maxBytes: 10 } }), 413, 'text_too_large');
  await problem(await post('/v1/transcripts/redact', {}), 400, 'missing_field', 'text');
  await problem(await post('/v1/transcripts/redact', { text: 'a', transcript: call }), 400, 'invalid_value');
  await problem(await post('/v1/transcripts/redact', { text: 42 }), 400, 'invalid_type', 'text');
  await problem(await post('/v1/transcripts/redact', '{"text": "abc'), 400, 'invalid_json');
  await problem(await post('/v1/transcripts/redact', { text: 'x'.repeat(1024 * 1024) }), 413, 'payload_too_large');
  await problem(await fetch(`${edge.base}/v1/transcripts/score`), 405, 'method_not_allowed');
  assert.equal((await fetch(`${edge.base}/healthz`)).status, 200);
  assert.ok(!edge.worker.stderr().includes('unexpected error'), edge.worker.stderr());
});
