// Webhooks through the built npm package (target/npm/cxkit): `handleWebhook` and `verifyWebhook`
// on every fixture of tests/fixtures/webhooks (the same files as the Rust test), plus the
// binding's own work: request shapes (headers object / Headers / pairs, body string / bytes) and
// the host clock as the default `now`. Run by `cargo xtask test` (stage `node`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';

import * as cx from '../../target/npm/cxkit/node/index.mjs';
import { throwsCode } from '../support/expect.mjs';
import { difference, webhookFixtures } from '../support/webhooks.mjs';

const FIXTURES = webhookFixtures();
const throws = (fn, code, details) => throwsCode(cx.CxkitError, fn, code, details);

/**
 * The fixture's request in one of four shapes, chosen by its position so that every shape meets
 * every platform: headers as the plain object / a Headers / [name, value] pairs with upper-cased
 * names; the body as the string / its UTF-8 bytes.
 */
function request(fx, i) {
  const { method, url, headers, body } = fx.request;
  const bytes = new TextEncoder().encode(body);
  switch (i % 4) {
    case 0:
      return { method, url, headers, body };
    case 1:
      return { method, url, headers: new Headers(headers), body: bytes };
    case 2:
      return { method, url, headers: Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v]), body };
    default:
      return { method, url, headers: new Map(Object.entries(headers)), body: Buffer.from(bytes) };
  }
}

// `no-now` fixtures check that the Rust API refuses a timestamp check without `now`; the npm
// binding passes the host clock instead (tested below with requests signed now).
const applies = (fx) => !fx.file.includes('/no-now.');

test('every webhook fixture gives its expected outcome or error', () => {
  const run = FIXTURES.filter(applies);
  assert.ok(run.length >= 230, `only ${run.length} fixtures`);
  const failures = [];
  run.forEach((fx, i) => {
    const req = request(fx, i);
    const err = fx.expect.error;
    let out;
    let thrown;
    try {
      out = cx.handleWebhook(fx.platform, req, fx.options);
    } catch (e) {
      thrown = e;
    }
    if (err) {
      if (!(thrown instanceof cx.CxkitError)) {
        failures.push(`${fx.file}: expected ${err.code}, got ${thrown ? thrown.stack : JSON.stringify(out)}`);
        return;
      }
      if (thrown.code !== err.code || (err.field && thrown.details.field !== err.field)) {
        failures.push(`${fx.file}: expected ${err.code} on ${err.field}, got ${thrown.code} on ${thrown.details.field}: ${thrown.message}`);
        return;
      }
      const status = ['missing_signature', 'signature_mismatch', 'stale_timestamp', 'unknown_org'].includes(err.code)
        ? 401
        : err.code === 'payload_too_large'
          ? 413
          : 400;
      if (thrown.status !== status) failures.push(`${fx.file}: status ${thrown.status}, expected ${status}`);
      // verifyWebhook stops at the sender: the same error, or a pass when the body is at fault.
      try {
        cx.verifyWebhook(fx.platform, req, fx.options);
        if (err.code !== 'malformed_payload') failures.push(`${fx.file}: verifyWebhook passed`);
      } catch (e) {
        if (e.code !== err.code) failures.push(`${fx.file}: verifyWebhook threw ${e.code}, expected ${err.code}`);
      }
      return;
    }
    if (thrown) {
      failures.push(`${fx.file}: expected an outcome, got ${thrown.code} (${thrown.details?.field}): ${thrown.message}`);
      return;
    }
    const d = difference(out, fx.expect);
    if (d) failures.push(`${fx.file}: ${d}`);
    const v = cx.verifyWebhook(fx.platform, req, fx.options);
    if (v.platform !== fx.platform) failures.push(`${fx.file}: verifyWebhook platform ${v.platform}`);
  });
  assert.deepEqual(failures, [], `${failures.length} of ${run.length} fixtures failed`);
});

test('the expected records are real: counts and values of known fixtures', () => {
  const byFile = Object.fromEntries(FIXTURES.map((f) => [f.file, f]));
  const fx = byFile['amazon-connect/firehose.valid.json'];
  const out = cx.handleWebhook(fx.platform, fx.request, fx.options);
  assert.equal(out.status, 'accepted');
  assert.equal(out.event, 'firehose');
  assert.equal(out.contacts.length, 2);
  assert.equal(out.surveys.length, 1);
  assert.ok(out.contacts.every((c) => c.platform === 'amazon-connect'));
  assert.equal(out.response.status, 200);
  assert.equal(JSON.parse(out.response.body).requestId, JSON.parse(fx.request.body).requestId);
  const sf = byFile['salesforce/outbound-message-case.valid.json'];
  const ack = cx.handleWebhook(sf.platform, sf.request, sf.options);
  assert.equal(ack.response.contentType.split(';')[0], 'text/xml');
  assert.match(ack.response.body, /<Ack>true<\/Ack>/);
  const v = cx.verifyWebhook(fx.platform, fx.request, fx.options);
  assert.deepEqual(v, { platform: 'amazon-connect', format: 'firehose', scheme: 'shared-key', secretIndex: 1 });
});

/** A Zendesk ticket event signed at `at` (ms since the epoch) with `secret`. */
function zendesk(at, secret = 'zd-secret') {
  const ts = new Date(at).toISOString();
  const body = JSON.stringify({
    type: 'zen:event-type:ticket.created',
    account_id: 1,
    id: 'ev-clock',
    time: ts,
    subject: 'zen:ticket:77',
    detail: { id: '77', status: 'NEW', via: { channel: 'email' }, requester_id: '5', created_at: ts },
    event: {},
  });
  const sig = createHmac('sha256', secret).update(ts + body).digest('base64');
  return {
    method: 'POST',
    url: 'https://edge.example/v1/webhooks/zendesk',
    headers: { 'x-zendesk-webhook-signature': sig, 'x-zendesk-webhook-signature-timestamp': ts },
    body,
  };
}

test('without options.now the host clock checks the replay window', () => {
  const options = { secrets: ['zd-secret'] };
  const out = cx.handleWebhook('zendesk', zendesk(Date.now()), options);
  assert.equal(out.status, 'accepted');
  assert.equal(out.contacts[0].id, '77');
  assert.equal(out.contacts[0].channel, 'email');
  throws(() => cx.handleWebhook('zendesk', zendesk(Date.now() - 3600_000), options), 'stale_timestamp', {
    field: 'headers.X-Zendesk-Webhook-Signature-Timestamp',
  });
  throws(() => cx.handleWebhook('zendesk', zendesk(Date.now(), 'other'), options), 'signature_mismatch');
  // An explicit `now` wins over the clock.
  const old = Date.now() - 3600_000;
  assert.equal(cx.handleWebhook('zendesk', zendesk(old), { ...options, now: new Date(old).toISOString() }).status, 'accepted');
});

test('bad arguments are typed errors naming the argument', () => {
  const req = zendesk(Date.now());
  throws(() => cx.handleWebhook('zendesk-cloud', req, {}), 'invalid_value', { field: 'platform' });
  throws(() => cx.handleWebhook(7, req, {}), 'invalid_type', { field: 'platform' });
  throws(() => cx.handleWebhook('zendesk', null, {}), 'invalid_type', { field: 'request' });
  throws(() => cx.handleWebhook('zendesk', { ...req, url: 1 }, {}), 'invalid_type', { field: 'request.url' });
  throws(() => cx.handleWebhook('zendesk', { ...req, body: 42 }, {}), 'invalid_type', { field: 'request.body' });
  throws(() => cx.handleWebhook('zendesk', { ...req, headers: { a: 1 } }, {}), 'invalid_type', { field: 'request.headers.a' });
  throws(() => cx.handleWebhook('zendesk', req, { secret: 'x' }), 'invalid_option');
  throws(() => cx.handleWebhook('zendesk', req, { secrets: ['zd-secret'], toleranceSeconds: -1 }), 'invalid_option');
  throws(() => cx.handleWebhook('zendesk', req, { secrets: ['zd-secret'], format: 'cdc' }), 'invalid_option', { field: 'options.format' });
  // A configured secret with the header missing is a rejection, never a pass.
  const { 'x-zendesk-webhook-signature': _, ...rest } = req.headers;
  throws(() => cx.verifyWebhook('zendesk', { ...req, headers: rest }, { secrets: ['zd-secret'] }), 'missing_signature');
  // The body bytes are what is signed: an ArrayBuffer of them verifies too.
  const buf = new TextEncoder().encode(req.body).buffer;
  assert.equal(cx.verifyWebhook('zendesk', { ...req, body: buf }, { secrets: ['x', 'zd-secret'] }).secretIndex, 1);
});
