#!/usr/bin/env node
// The live feed of `cargo xtask demo`: fills the `demo` tenant of a running edge function, then
// keeps posting webhooks so that the <cx-dashboard> on the demo page moves.
//
//   node www/replay/replay.mjs --tenants            print the demo tenant's CXKIT_TENANTS (JSON)
//   node www/replay/replay.mjs <base-url> [--interval ms] [--rounds n]
//
// 1. History: 14 days of generated contacts, survey answers and transcripts (deterministic: the same
//    numbers on every machine), one signed `POST /v1/tenants/demo/ingest` per day.
// 2. Then, every `--interval` ms (default 1500) until it is killed (or after `--rounds` rounds of
//    the list): the next sample webhook of replay/webhooks.json (valid Zendesk, Genesys Cloud,
//    Amazon Connect, Salesforce and generic requests from tests/fixtures/webhooks) to
//    `/v1/tenants/demo/webhooks/{platform}`, alternating with a generic signed webhook of one new
//    contact (and now and then a survey answer or a transcript) with fresh ids. The fixtures are
//    counted once (a repeat is a duplicate: deliveries are idempotent); the fresh ones keep the
//    numbers moving.
// The edge's clock is fixed (CXKIT_WEBHOOK_NOW, the fixtures' `now`): every signature is made at
// that instant and the new records are timed on that day.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const NOW = process.env.CXKIT_WEBHOOK_NOW || '2026-11-23T10:05:00Z';
const TENANT = 'demo';
const READ_KEY = 'demo-read-key';
const INGEST_SECRET = 'demo-ingest-secret';
const FEED = JSON.parse(readFileSync(new URL('./webhooks.json', import.meta.url), 'utf8'));
const GENERIC_SECRET = FEED.webhooks.generic.secrets.at(-1);

/** The demo tenant (CXKIT_TENANTS): read key, ingest secret, each platform's fixture secrets. */
export const TENANTS = {
  [TENANT]: {
    readKeys: [READ_KEY],
    ingestSecrets: [INGEST_SECRET],
    webhooks: FEED.webhooks,
    // the effort summary only: the event stream sends the report after every webhook
    options: { effort: { detail: 'summary' } },
  },
};

// ---------------------------------------------------------------------------------------------
// Generated records

function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const QUEUES = ['billing', 'sales', 'tech', 'returns'];
const AGENTS = ['ana', 'ben', 'carla', 'diego', 'eva', 'farid'];
const CHANNELS = ['voice', 'voice', 'chat', 'chat', 'email', 'messaging'];
const TEXTS = [
  ['en', ['I was charged twice this month and nobody answers my emails', 'I am sorry about that, I can see the double charge and I have refunded it', 'great, thank you so much for sorting it out']],
  ['en', ['my router keeps dropping the connection', 'let us restart it remotely, can you check now', 'still not working, this is really frustrating']],
  ['en', ['hi, I want to change my delivery address', 'done, the new address is saved', 'perfect, thanks']],
  ['es', ['llevo tres días sin internet y nadie me da una solución', 'lo siento mucho, ya enviamos un técnico para mañana', 'vale, gracias por la ayuda']],
  ['es', ['quiero devolver un pedido que llegó roto', 'claro, le envío la etiqueta de devolución', 'muy amable, muchas gracias']],
];

/** One contact (and maybe answers and a transcript) around time `t0` (ms), from `r`. */
function contact(r, id, t0, surveys, transcripts, trend = 0) {
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const queue = pick(QUEUES);
  const agentId = pick(AGENTS);
  const channel = pick(CHANNELS);
  const customerId = `cust-${Math.floor(r() * 400)}`;
  const wait = Math.floor(r() ** 3 * (channel === 'voice' ? 90 : 180));
  const c = { id, platform: 'demo', channel, queue, customerId, offeredAt: new Date(t0).toISOString() };
  if (channel !== 'email' && r() < 0.09 + wait / 2400) {
    c.abandoned = true;
    c.abandonedAt = new Date(t0 + wait * 1000).toISOString();
    return c;
  }
  const talk = 90 + Math.floor(r() * (channel === 'voice' ? 520 : 900));
  const hold = r() < 0.3 ? Math.floor(r() * 120) : 0;
  const acw = 10 + Math.floor(r() * 70);
  Object.assign(c, {
    agentId,
    answeredAt: new Date(t0 + wait * 1000).toISOString(),
    talkS: talk,
    holdS: hold,
    acwS: acw,
    endedAt: new Date(t0 + (wait + talk + hold) * 1000).toISOString(),
    transfers: r() < 0.12 ? 1 : 0,
  });
  const answered = new Date(t0 + (wait + talk + hold + 300) * 1000).toISOString();
  const mood = Math.min(1, Math.max(0, 1 - r() ** 2 * 0.75 - wait / 1200 + trend));
  if (r() < 0.45) surveys.push({ id: `${id}-csat`, kind: 'csat', value: 1 + Math.round(mood * 4), respondedAt: answered, contactId: id, queue, agentId, channel });
  if (r() < 0.3) surveys.push({ id: `${id}-nps`, kind: 'nps', value: Math.round(mood * 10), respondedAt: answered, contactId: id, queue, agentId, channel });
  if (r() < 0.2) surveys.push({ id: `${id}-ces`, kind: 'ces', value: 1 + Math.round(mood * 6), respondedAt: answered, contactId: id, queue, agentId, channel });
  if (r() < 0.12) {
    const [language, lines] = pick(TEXTS);
    transcripts.push({ contactId: id, language, turns: lines.map((text, i) => ({ speaker: i % 2 ? 'agent' : 'customer', text })) });
  }
  return c;
}

/** 14 days of history ending on NOW's day (its part of today ends before NOW). */
export function history(days = 14) {
  const r = rng(2026);
  const end = Date.parse(NOW);
  const today = Date.parse(NOW.slice(0, 10));
  const out = [];
  for (let d = days - 1; d >= 0; d--) {
    const dayStart = today - d * 86400000;
    const records = { contacts: [], surveys: [], transcripts: [] };
    const n = 26 + Math.floor(r() * 14);
    for (let i = 0; i < n; i++) {
      const t0 = dayStart + (7 * 3600 + Math.floor(r() * 12 * 3600)) * 1000;
      if (t0 >= end) continue;
      // satisfaction drifts up over the fortnight
      records.contacts.push(contact(r, `h${days - d}-${i}`, t0, records.surveys, records.transcripts, (days - d) / days / 8 - 0.06));
    }
    out.push(records);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Signing and sending

/** `cxkit-signature: t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>` at NOW. */
export function signature(secret, body) {
  const t = Math.floor(Date.parse(NOW) / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/**
 * POST over a connection of its own (no keep-alive): an idle kept-alive socket would hold workerd
 * open after a SIGTERM, which waits for its connections to close.
 */
function request(url, headers, body) {
  return new Promise((ok, fail) => {
    const u = new URL(url);
    const req = (u.protocol === 'https:' ? https : http).request(u, { method: 'POST', headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => ok({ status: res.statusCode, text }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(body);
  });
}

async function post(url, headers, body) {
  const { status, text } = await request(url, headers, body);
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // Salesforce Outbound Messages are answered with a SOAP Ack
  }
  return { status, json, text };
}

export function ingest(base, records) {
  const body = JSON.stringify(records);
  return post(`${base}/v1/tenants/${TENANT}/ingest`, { 'content-type': 'application/json', 'cxkit-signature': signature(INGEST_SECRET, body) }, body);
}

const added = (json) => {
  const a = json?.aggregated?.added;
  return a ? `+${a.contacts} contacts, +${a.surveys} answers, +${a.transcripts} transcripts` : '';
};

async function main(argv) {
  if (argv.includes('--tenants')) {
    process.stdout.write(`${JSON.stringify(TENANTS)}\n`);
    return;
  }
  const base = (argv.find((a) => /^https?:\/\//.test(a)) ?? 'http://127.0.0.1:8787').replace(/\/+$/, '');
  const opt = (name, dflt) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : dflt;
  };
  const interval = opt('--interval', 1500);
  const rounds = opt('--rounds', Infinity);
  const quiet = argv.includes('--quiet');
  const log = (...a) => quiet || console.log('replay:', ...a);

  let total = 0;
  for (const day of history()) {
    const res = await ingest(base, day);
    if (res.status !== 200) throw new Error(`ingest: HTTP ${res.status} ${res.text.slice(0, 300)}`);
    total += res.json.aggregated.added.contacts;
  }
  log(`history: ${total} contacts over 14 days ingested into tenant ${TENANT}`);

  const r = rng(Date.now());
  const requests = FEED.requests;
  const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
  let fresh = 0;
  for (let round = 0; round < rounds; round++) {
    for (const req of requests) {
      const res = await post(`${base}/v1/tenants/${TENANT}/webhooks/${req.platform}`, req.headers, req.body);
      log(`${req.fixture}: HTTP ${res.status} ${res.json?.status ?? ''} ${added(res.json)}`.trim());
      await sleep(interval);
      // a generic webhook with fresh ids, timed earlier today
      const records = { contacts: [], surveys: [], transcripts: [] };
      const t0 = Date.parse(NOW) - Math.floor(r() * 3 * 3600 * 1000);
      records.contacts.push(contact(r, `live-${Date.now().toString(36)}-${fresh++}`, t0, records.surveys, records.transcripts, 0.1));
      const body = JSON.stringify(records);
      const g = await post(`${base}/v1/tenants/${TENANT}/webhooks/generic`, { 'content-type': 'application/json', 'cxkit-signature': signature(GENERIC_SECRET, body) }, body);
      log(`generic (new contact): HTTP ${g.status} ${added(g.json)}`);
      await sleep(interval);
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(`replay: ${e.message}`);
    process.exit(1);
  });
}
