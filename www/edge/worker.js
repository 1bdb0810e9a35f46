// cxkit edge function (Cloudflare Workers module format, run locally by workerd: see config.capnp).
//
//   POST /v1/surveys/{csat|nps|ces}   body {responses, options?}  -> 200 application/json, the
//                                     library's result unchanged
//   POST /v1/ltv/…, /v1/effort, /v1/kpis, /v1/staffing/…            -> the same, see OPS_ROUTES:
//                                     a body of named arguments, or the input object itself
//   POST /v1/transcripts/score        body {transcript, options?, keywords?} -> scoreTranscript's
//                                     result (`keywords`: a KeywordConfig or "builtin"; compiled
//                                     sets are cached per isolate, see keywordSet)
//   POST /v1/transcripts/redact       body {text, options?} -> redact(); {transcript, options?} ->
//                                     redactTranscript()
//   POST /v1/webhooks/{platform}      the platform's own webhook (raw body, its headers) -> 200
//                                     {status, event, reason?, contacts, surveys, transcripts,
//                                     metrics}; Salesforce Outbound Messages get the SOAP Ack
//                                     (text/xml) and Firehose its {requestId, timestamp}. Secrets
//                                     come from environment bindings, see `webhookOptions`.
//   POST /v1/tenants/{t}/webhooks/{p} the same, verified with tenant t's own secrets, and every
//                                     record is also counted in t's running totals (below); the
//                                     answer adds `aggregated: {days, added, duplicates, rejected}`
//   POST /v1/tenants/{t}/ingest       cxkit records {contacts, surveys, transcripts} signed with
//                                     `cxkit-signature` (tenant t's ingest secrets) -> counted
//   GET  /v1/tenants/{t}/metrics      ?from=&to=&groupBy=queue|agentId|channel&metrics=csat,nps,…
//                                     &series=false, with t's read key (Authorization: Bearer, or
//                                     ?key= for EventSource) -> the merged metrics of the period
//   GET  /v1/tenants/{t}/metrics/stream  the same as server-sent events (`event: metrics`), again
//                                     after every ingest
//   /v1/ingest, /v1/metrics, /v1/metrics/stream: the same for the tenant named `default`; with a
//                                     `default` tenant configured, /v1/webhooks/{p} counts too.
//                                     Tenants: the CXKIT_TENANTS binding, see `tenantConfig`.
//   GET  /healthz                     -> 200 {"status":"ok","version":"<library version>"}
//   GET/HEAD anything else            -> the static files of the `ASSETS` service (a workerd disk
//                                     directory), with a Content-Type chosen from the extension
//
// Every error is RFC 9457 `application/problem+json`:
//   {type, title, status, detail, code, field?, index?}
// Bad input is always a 4xx: the library's CxkitError carries its own `.code` and `.status`; the
// transport-level failures use the core's transport codes (invalid_json, payload_too_large,
// not_found, method_not_allowed). Only an unexpected exception is a 500, and it never shows a stack.
//
// This file is HTTP plumbing only: no metric logic and no option defaults. `options` goes to the
// library exactly as the client sent it (absent stays absent).

import { csat, nps, ces, version, errorInfo, CxkitError } from './cxkit/workerd.js';
import {
  agentsRequired,
  cohortLtv,
  customerLifetimeValue,
  discountedLtv,
  effort,
  erlangA,
  erlangC,
  fitBgNbd,
  fitGammaGamma,
  intervalPlan,
  kpis,
  rfmSummary,
  simpleLtv,
} from './cxkit/workerd.js';
import { KeywordSet, redact, redactTranscript, scoreTranscript } from './cxkit/workerd.js';
import { handleWebhook } from './cxkit/workerd.js';
import { MAX_DAYS, ingestRecords, readMetrics, router, streamMetrics, tenantDays } from './aggregate.js';

export { MetricsDay, MetricsHub } from './aggregate.js';

/** Largest accepted request body, in bytes (1 MiB). */
const MAX_BODY_BYTES = 1024 * 1024;
const METRICS = { csat, nps, ces };
const SURVEY_ROUTE = /^\/v1\/surveys\/([^/]+)$/;
const BODY_FIELDS = new Set(['responses', 'options']);

/**
 * Lifetime value, customer effort, operations KPIs and staffing. `args`: the body is an object of
 * these members, passed in this order (absent ones stay absent; others are refused); `input`:
 * the body is the function's input object itself (the library refuses unknown members).
 */
const OPS_ROUTES = new Map([
  ['/v1/ltv/rfm', { call: rfmSummary, args: ['transactions', 'options'] }],
  ['/v1/ltv/bg-nbd', { call: fitBgNbd, args: ['summary', 'options'] }],
  ['/v1/ltv/gamma-gamma', { call: fitGammaGamma, args: ['summary', 'options'] }],
  ['/v1/ltv/clv', { call: customerLifetimeValue, args: ['models', 'customer', 'options'] }],
  ['/v1/ltv/simple', { call: simpleLtv, input: true }],
  ['/v1/ltv/discounted', { call: discountedLtv, input: true }],
  ['/v1/ltv/cohort', { call: cohortLtv, args: ['cohorts', 'options'] }],
  ['/v1/effort', { call: effort, args: ['contacts', 'options'] }],
  ['/v1/kpis', { call: kpis, args: ['contacts', 'options'] }],
  ['/v1/staffing/erlang-c', { call: erlangC, input: true }],
  ['/v1/staffing/erlang-a', { call: erlangA, input: true }],
  ['/v1/staffing/agents-required', { call: agentsRequired, input: true }],
  ['/v1/staffing/plan', { call: intervalPlan, input: true }],
]);

// ---------------------------------------------------------------------------------------------
// Webhooks: POST /v1/webhooks/{platform}. Verification, parsing and mapping are the library's
// (handleWebhook); this code reads the raw body, builds the options from the environment and
// computes metrics from the records with the library's own functions.

const WEBHOOK_ROUTE = /^\/v1\/webhooks\/([^/]+)$/;
/** Largest webhook body (8 MiB: a 5 MiB Firehose buffer is 6.7 MiB once base64-encoded). */
const MAX_WEBHOOK_BYTES = 8 * 1024 * 1024;
/** Platform -> environment prefix (`CXKIT_ZENDESK_SECRETS`, `CXKIT_ZENDESK_SECRET_1` …). */
const WEBHOOK_PLATFORMS = new Map([
  ['amazon-connect', 'CXKIT_AMAZON_CONNECT'],
  ['genesys', 'CXKIT_GENESYS'],
  ['twilio', 'CXKIT_TWILIO'],
  ['zendesk', 'CXKIT_ZENDESK'],
  ['salesforce', 'CXKIT_SALESFORCE'],
  ['generic', 'CXKIT_GENERIC'],
]);

const list = (text) =>
  typeof text === 'string'
    ? text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
    : [];

/**
 * The options of one platform from the worker's environment bindings (text bindings or secrets):
 *
 * - `<PREFIX>_SECRETS`: comma-separated secrets (several at once for rotation), and/or
 *   `<PREFIX>_SECRET_<n>` (one per binding, in the order of n);
 * - `CXKIT_SALESFORCE_ORG_IDS`: comma-separated organization ids (Outbound Messages);
 * - `<PREFIX>_OPTIONS`: a JSON object of the other options (`apiKeyHeader`, `toleranceSeconds`,
 *   `csatAttribute`, `csatScale`, `fieldMap`, `maxBodyBytes` …), passed to the library as is;
 * - `CXKIT_WEBHOOK_NOW`: a fixed clock (RFC 3339) for tests only; unset in production.
 *
 * `?format=<format>` in the URL names the payload format instead of detection.
 */
function webhookOptions(env, platform, url) {
  const options = { ...platformOptions(env ?? {}, platform) };
  const format = url.searchParams.get('format');
  if (format !== null) options.format = format;
  return options;
}

/**
 * The environment's part of `webhookOptions`, read once per environment object and platform:
 * bindings do not change while an isolate lives, and scanning every binding name with a new
 * RegExp on each request was most of the route's own JavaScript time.
 */
const platformCache = new WeakMap();
function platformOptions(e, platform) {
  let perEnv = platformCache.get(e);
  if (perEnv === undefined) {
    perEnv = new Map();
    platformCache.set(e, perEnv);
  }
  const cached = perEnv.get(platform);
  if (cached !== undefined) return cached;
  const prefix = WEBHOOK_PLATFORMS.get(platform);
  // An unknown platform (the library answers 404) is not cached: URLs must not grow the cache.
  if (prefix === undefined) return {};
  let options = {};
  const extra = e[`${prefix}_OPTIONS`];
  if (typeof extra === 'string' && extra.trim() !== '') {
    try {
      options = JSON.parse(extra);
    } catch {
      throw new HttpProblem('internal_error', `${prefix}_OPTIONS is not valid JSON`, { status: 500 });
    }
  }
  const numberedKey = new RegExp(`^${prefix}_SECRET_(\\d+)$`);
  const numbered = Object.keys(e)
    .map((k) => [k, numberedKey.exec(k)])
    .filter(([, m]) => m)
    .sort(([, a], [, b]) => Number(a[1]) - Number(b[1]))
    .map(([k]) => e[k])
    .filter((v) => typeof v === 'string' && v !== '');
  const secrets = [...list(e[`${prefix}_SECRETS`]), ...numbered];
  if (secrets.length > 0) options.secrets = secrets;
  if (platform === 'salesforce' && list(e.CXKIT_SALESFORCE_ORG_IDS).length > 0) {
    options.organizationIds = list(e.CXKIT_SALESFORCE_ORG_IDS);
  }
  if (typeof e.CXKIT_WEBHOOK_NOW === 'string' && e.CXKIT_WEBHOOK_NOW !== '') options.now = e.CXKIT_WEBHOOK_NOW;
  perEnv.set(platform, options);
  return options;
}

/** A metric over the records, or `{error: {code, detail}}`: the webhook itself was accepted. */
function metric(f) {
  try {
    return callLibrary(f);
  } catch (e) {
    if (e instanceof CxkitError) return { error: { code: e.code, detail: e.message } };
    throw e;
  }
}

/**
 * Metrics of the records: survey scores per kind and scale (`csat`, `nps`, `ces`), the contacts'
 * operations KPIs (`kpis`: handle-time components, waits, transfers; partial records merged
 * first), and transcript sentiment when the package has `scoreTranscript`.
 */
function webhookMetrics(out) {
  const metrics = {};
  if (out.surveys.length > 0) {
    const groups = new Map();
    for (const r of out.surveys) {
      const kind = r.kind ?? 'csat';
      const key = `${kind} ${JSON.stringify(r.scale ?? null)}`;
      if (!groups.has(key)) groups.set(key, { kind, scale: r.scale ?? null, responses: [] });
      groups.get(key).responses.push(r);
    }
    metrics.surveys = [...groups.values()].map(({ kind, scale, responses }) => ({
      kind,
      scale,
      result: metric(() => METRICS[kind](responses, scale === null ? {} : { scale })),
    }));
  }
  if (out.contacts.length > 0) metrics.contacts = metric(() => kpis(out.contacts, { onInvalid: 'skip' }));
  if (out.transcripts.length > 0) {
    metrics.transcripts = out.transcripts.map((t) => metric(() => scoreTranscript(t)));
  }
  return metrics;
}

async function webhook(request, env, url, platform, tenantName = null) {
  const body = await readBody(request, MAX_WEBHOOK_BYTES);
  const req = { method: request.method, url: request.url, headers: request.headers, body };
  // A tenant route is verified with the tenant's own secrets; /v1/webhooks/{p} with the
  // environment's, and counts into the `default` tenant when there is one.
  const name = tenantName ?? 'default';
  const tenant = tenantName === null ? tenantConfig(env, name) : requireTenant(env, name);
  if (tenant !== null) checkTenantOptions(name, tenant);
  let options;
  if (tenantName === null) {
    options = webhookOptions(env, platform, url);
  } else {
    options = { ...(tenant.webhooks?.[platform] ?? {}) };
    if (!(options.secrets?.length > 0) && !(options.organizationIds?.length > 0)) {
      throw new HttpProblem('missing_signature', `tenant ${name} has no ${platform} secret configured`);
    }
    if (typeof env?.CXKIT_WEBHOOK_NOW === 'string' && env.CXKIT_WEBHOOK_NOW !== '') options.now = env.CXKIT_WEBHOOK_NOW;
    const format = url.searchParams.get('format');
    if (format !== null) options.format = format;
  }
  const out = callLibrary(() => handleWebhook(platform, req, options));
  const aggregated =
    tenant === null || out.status !== 'accepted'
      ? undefined
      : await ingestRecords(env, name, tenant.options ?? {}, { contacts: out.contacts, surveys: out.surveys, transcripts: out.transcripts }, now(env));
  if (out.response && !out.response.contentType.startsWith('application/json')) {
    // The platform expects its own reply (Salesforce's SOAP Ack): send exactly that.
    return new Response(out.response.body, {
      status: out.response.status,
      headers: { 'content-type': out.response.contentType, 'cache-control': 'no-store' },
    });
  }
  const { response, ...records } = out;
  // Firehose's reply members (requestId, timestamp) go at the top level, where it reads them.
  const reply = response ? JSON.parse(response.body) : {};
  return json({ ...reply, ...records, metrics: webhookMetrics(out), aggregated }, response?.status ?? 200);
}


// ---------------------------------------------------------------------------------------------
// Tenants: running totals in Durable Objects (aggregate.js), per tenant and day.

const TENANT_ROUTE = /^\/v1\/tenants\/([A-Za-z0-9_-]{1,64})(\/.*)$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
let tenantsCache = { text: undefined, map: new Map() };

/**
 * The tenants, from the `CXKIT_TENANTS` binding: a JSON object of tenant name ->
 *   { readKeys: ["…"],            keys that may read /metrics (rotation: several at once)
 *     ingestSecrets: ["…"],       secrets of the cxkit-signature on POST …/ingest
 *     webhooks: { zendesk: {secrets: ["…"], …}, … },   handleWebhook options per platform
 *     options: { utcOffsetMinutes, csat, nps, ces, kpis, effort, sentiment } }  MetricsOptions
 * A tenant without ingest secrets cannot ingest; one without a platform's secrets cannot receive
 * that platform's webhooks on its route (the tenant comes from the route *and* its own secrets).
 */
function tenantConfig(env, name) {
  const text = env?.CXKIT_TENANTS;
  if (text !== tenantsCache.text) {
    let parsed = {};
    if (typeof text === 'string' && text.trim() !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new HttpProblem('internal_error', 'CXKIT_TENANTS is not valid JSON', { status: 500 });
      }
    }
    tenantsCache = { text, map: new Map(Object.entries(parsed ?? {})) };
  }
  return tenantsCache.map.get(name) ?? null;
}

function requireTenant(env, name) {
  const t = tenantConfig(env, name);
  if (t === null) throw new HttpProblem('not_found', `no tenant ${name}`);
  checkTenantOptions(name, t);
  return t;
}

/** A tenant's MetricsOptions are the operator's configuration: invalid ones are a 500 that says so. */
function checkTenantOptions(name, tenant) {
  try {
    router(tenant.options ?? {});
  } catch (e) {
    if (!(e instanceof CxkitError)) throw e;
    throw new HttpProblem('internal_error', `CXKIT_TENANTS: the options of tenant ${name} are invalid: ${e.message}`, { status: 500 });
  }
}

/** Constant-time comparison of a presented key with each configured one. */
function keyMatches(presented, keys) {
  const a = new TextEncoder().encode(presented);
  let ok = false;
  for (const k of keys) {
    const b = new TextEncoder().encode(k);
    if (a.length === b.length && crypto.subtle.timingSafeEqual(a, b)) ok = true;
  }
  return ok;
}

function authorizeRead(request, url, name, tenant) {
  const auth = request.headers.get('authorization') ?? '';
  const presented = auth.startsWith('Bearer ') ? auth.slice(7).trim() : url.searchParams.get('key');
  const keys = (tenant.readKeys ?? []).filter((k) => typeof k === 'string' && k !== '');
  if (presented === null || presented === '') {
    throw new HttpProblem('unauthorized', `reading tenant ${name}'s metrics needs its read key (Authorization: Bearer <key>)`, {
      headers: { 'www-authenticate': 'Bearer' },
    });
  }
  if (!keyMatches(presented, keys)) {
    throw new HttpProblem('unauthorized', `the key is not a read key of tenant ${name}`, {
      headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
    });
  }
}

function now(env) {
  const fixed = env?.CXKIT_WEBHOOK_NOW;
  return typeof fixed === 'string' && fixed !== '' ? new Date(fixed) : new Date();
}

/** from/to/groupBy/metrics/series of a metrics URL; the period defaults to today. */
function metricsQuery(url, tenant, env) {
  const p = url.searchParams;
  const today = router(tenant.options ?? {}).dayOf(now(env).toISOString());
  const to = p.get('to') ?? p.get('from') ?? today;
  const from = p.get('from') ?? to;
  for (const [field, v] of [['from', from], ['to', to]]) {
    if (!DAY.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) {
      throw new HttpProblem('invalid_option', `${field} must be a day (YYYY-MM-DD), not ${JSON.stringify(v)}`, { field });
    }
  }
  const span = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000 + 1;
  if (span < 1 || span > MAX_DAYS) {
    throw new HttpProblem('invalid_option', `from ${from} to ${to} must be 1 to ${MAX_DAYS} days`, { field: 'to' });
  }
  const query = { from, to };
  if (p.has('groupBy')) query.groupBy = p.get('groupBy');
  if (p.has('metrics')) query.metrics = list(p.get('metrics'));
  if (p.has('series')) query.series = p.get('series') !== 'false';
  return query;
}

async function metricsRoute(request, env, url, name, stream) {
  if (request.method !== 'GET') throw methodNotAllowed(request.method, ['GET']);
  const tenant = requireTenant(env, name);
  authorizeRead(request, url, name, tenant);
  const query = metricsQuery(url, tenant, env);
  const options = tenant.options ?? {};
  if (stream) return streamMetrics(env, name, options, query);
  const days = await tenantDays(env, name, query.from, query.to);
  return json(await readMetrics(env, name, options, query, days));
}

async function ingestRoute(request, env, name) {
  if (request.method !== 'POST') throw methodNotAllowed(request.method, ['POST']);
  const tenant = requireTenant(env, name);
  const secrets = (tenant.ingestSecrets ?? []).filter((k) => typeof k === 'string' && k !== '');
  if (secrets.length === 0) throw new HttpProblem('missing_signature', `tenant ${name} has no ingest secret configured`);
  const body = await readBody(request, MAX_WEBHOOK_BYTES);
  const req = { method: request.method, url: request.url, headers: request.headers, body };
  const at = now(env);
  const out = callLibrary(() => handleWebhook('generic', req, { secrets, now: at.toISOString() }));
  const records = { contacts: out.contacts, surveys: out.surveys, transcripts: out.transcripts };
  return json({ status: out.status, aggregated: await ingestRecords(env, name, tenant.options ?? {}, records, at) });
}


/** Compiled custom keyword sets kept per isolate (least recently used first out). */
const KEYWORD_CACHE_SIZE = 16;

// `about:blank` (RFC 9457 §4.2.1): the `code` member says what went wrong, so `title` is the
// status phrase. Switch to e.g. `https://<docs host>/errors/${code}` once those pages exist.
const problemType = (_code) => 'about:blank';

const STATUS_TITLES = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * A transport-level error; turned into a problem response by `problemResponse`. Its status comes
 * from the core's table for the code (`errorInfo`), unless given.
 */
class HttpProblem extends Error {
  constructor(code, detail, { field, index, headers, status } = {}) {
    super(detail);
    this.status = status ?? errorInfo(code).status;
    this.code = code;
    this.field = field;
    this.index = index;
    this.headers = headers;
  }
}

function problemResponse(status, code, detail, { field, index, headers } = {}, method = 'GET') {
  const body = {
    type: problemType(code),
    title: STATUS_TITLES[status] ?? code,
    status,
    detail,
    code,
  };
  if (typeof field === 'string') body.field = field;
  if (Number.isInteger(index)) body.index = index;
  const h = new Headers(headers);
  h.set('content-type', 'application/problem+json');
  h.set('cache-control', 'no-store');
  return new Response(method === 'HEAD' ? null : JSON.stringify(body), { status, headers: h });
}

function methodNotAllowed(method, allow) {
  return new HttpProblem('method_not_allowed', `${method} is not allowed here; use ${allow.join(' or ')}`, {
    headers: { allow: allow.join(', ') },
  });
}

function json(value, status = 200) {
  return new Response(JSON.stringify(value), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
}

// ---------------------------------------------------------------------------------------------
// Request body: at most MAX_BODY_BYTES, with or without Content-Length (chunked bodies too).

async function readBody(request, limit) {
  const tooLarge = () =>
    new HttpProblem('payload_too_large', `the request body is larger than ${limit} bytes`);
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) throw tooLarge();
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

/** The body as a JSON object; `fields`: the members allowed (null: any, the library checks). */
async function readJsonObject(request, fields = BODY_FIELDS) {
  const bytes = await readBody(request, MAX_BODY_BYTES);
  let value;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    const why = e instanceof SyntaxError ? e.message : 'the body is not valid UTF-8';
    throw new HttpProblem('invalid_json', `the request body is not valid JSON: ${why}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    throw new HttpProblem('invalid_type', `the request body must be a JSON object, got ${got}`);
  }
  for (const key of fields === null ? [] : Object.keys(value)) {
    if (!fields.has(key)) {
      const expected = [...fields].map((f) => `\`${f}\``).join(' or ');
      throw new HttpProblem('invalid_value', `unknown field \`${key}\`, expected ${expected}`, {
        field: key,
      });
    }
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Routes

/**
 * Set when the library throws something other than a CxkitError (a wasm trap, a stack overflow):
 * the WebAssembly instance may be corrupted from then on, so /healthz reports 503 and whoever runs
 * workerd can restart it. Bad input must only ever produce CxkitErrors.
 */
let libraryFault = null;

function callLibrary(f) {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof CxkitError)) libraryFault ??= e;
    throw e;
  }
}

async function survey(request, metric) {
  const body = await readJsonObject(request);
  // A missing or mistyped `responses` (or `options`) is reported by the library itself.
  const result = callLibrary(() =>
    'options' in body ? metric(body.responses, body.options) : metric(body.responses),
  );
  return json(result);
}

async function ops(request, route) {
  if (route.input) {
    const body = await readJsonObject(request, null);
    return json(callLibrary(() => route.call(body)));
  }
  const body = await readJsonObject(request, new Set(route.args));
  // Missing members reach the library as `undefined`: it reports them (or applies defaults).
  return json(callLibrary(() => route.call(...route.args.map((k) => body[k]))));
}

// ---------------------------------------------------------------------------------------------
// Transcripts: sentiment, keywords and compliance, PII redaction

let builtinKeywords = null;
/** SHA-256 of the config's JSON -> compiled KeywordSet, in least-recently-used order. */
const keywordSets = new Map();

/**
 * The KeywordSet of a request's `keywords`: "builtin" (compiled once per isolate), or a
 * KeywordConfig compiled once and cached by the hash of its JSON text (at most
 * KEYWORD_CACHE_SIZE sets; the least recently used one is freed).
 */
async function keywordSet(config) {
  if (config === undefined || config === null) return undefined;
  if (config === 'builtin') return (builtinKeywords ??= callLibrary(() => KeywordSet.builtin()));
  if (typeof config !== 'object' || Array.isArray(config)) {
    throw new HttpProblem('invalid_type', 'keywords must be a KeywordConfig object or "builtin"', { field: 'keywords' });
  }
  const text = JSON.stringify(config);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  const key = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  const cached = keywordSets.get(key);
  if (cached) {
    keywordSets.delete(key);
    keywordSets.set(key, cached);
    return cached;
  }
  let set;
  try {
    set = callLibrary(() => new KeywordSet(config));
  } catch (e) {
    // The library names fields inside the config; the request names them under `keywords`.
    if (e instanceof CxkitError) {
      const field = e.details?.field ? `keywords.${e.details.field}` : 'keywords';
      throw new HttpProblem(e.code, e.message, { field, index: e.details?.index, status: e.status });
    }
    throw e;
  }
  keywordSets.set(key, set);
  while (keywordSets.size > KEYWORD_CACHE_SIZE) {
    const [oldest, old] = keywordSets.entries().next().value;
    keywordSets.delete(oldest);
    old.free();
  }
  return set;
}

async function transcriptScore(request) {
  const body = await readJsonObject(request, new Set(['transcript', 'options', 'keywords']));
  const keywords = await keywordSet(body.keywords);
  if (keywords !== undefined && body.options !== null && typeof body.options === 'object' && 'keywords' in body.options) {
    throw new HttpProblem('invalid_option', 'give `keywords` at the top level of the body, not in options', { field: 'options.keywords' });
  }
  // No await between taking the set and using it: a cached set cannot be freed in between.
  // Options that are not an object go to the library as they are, which refuses them.
  const o = body.options;
  const mergeable = o === undefined || o === null || (typeof o === 'object' && !Array.isArray(o));
  const options = keywords === undefined || !mergeable ? o : { ...(o ?? {}), keywords };
  return json(callLibrary(() => (options === undefined ? scoreTranscript(body.transcript) : scoreTranscript(body.transcript, options))));
}

async function transcriptRedact(request) {
  const body = await readJsonObject(request, new Set(['text', 'transcript', 'options']));
  const hasText = body.text !== undefined;
  if (hasText === (body.transcript !== undefined)) {
    const detail = hasText ? 'give either `text` or `transcript`, not both' : 'the body needs `text` or `transcript`';
    throw new HttpProblem(hasText ? 'invalid_value' : 'missing_field', detail, { field: hasText ? 'transcript' : 'text' });
  }
  return json(callLibrary(() => (hasText ? redact(body.text, body.options) : redactTranscript(body.transcript, body.options))));
}

const TRANSCRIPT_ROUTES = new Map([
  ['/v1/transcripts/score', transcriptScore],
  ['/v1/transcripts/redact', transcriptRedact],
]);

function api(request, path, env, url) {
  if (path === '/healthz') {
    if (request.method !== 'GET' && request.method !== 'HEAD') throw methodNotAllowed(request.method, ['GET', 'HEAD']);
    if (libraryFault) {
      const detail = 'the WebAssembly instance failed earlier and may be corrupted: restart workerd';
      throw new HttpProblem('internal_error', detail, { status: 503 });
    }
    const res = json({ status: 'ok', version: callLibrary(version) });
    return request.method === 'HEAD' ? new Response(null, { headers: res.headers }) : res;
  }
  const tr = TRANSCRIPT_ROUTES.get(path);
  if (tr) {
    if (request.method !== 'POST') throw methodNotAllowed(request.method, ['POST']);
    return tr(request);
  }
  const op = OPS_ROUTES.get(path);
  if (op) {
    if (request.method !== 'POST') throw methodNotAllowed(request.method, ['POST']);
    return ops(request, op);
  }
  const scoped = TENANT_ROUTE.exec(path);
  const [tenantName, rest] = scoped ? [scoped[1], scoped[2]] : ['default', path.slice(3)];
  if (scoped || ['/v1/ingest', '/v1/metrics', '/v1/metrics/stream'].includes(path)) {
    if (rest === '/ingest') return ingestRoute(request, env, tenantName);
    if (rest === '/metrics') return metricsRoute(request, env, url, tenantName, false);
    if (rest === '/metrics/stream') return metricsRoute(request, env, url, tenantName, true);
    const th = /^\/webhooks\/([^/]+)$/.exec(rest);
    if (scoped && th && WEBHOOK_PLATFORMS.has(th[1])) {
      if (request.method !== 'POST') throw methodNotAllowed(request.method, ['POST']);
      return webhook(request, env, url, th[1], tenantName);
    }
  }
  const hook = WEBHOOK_ROUTE.exec(path);
  if (hook && WEBHOOK_PLATFORMS.has(hook[1])) {
    if (request.method !== 'POST') throw methodNotAllowed(request.method, ['POST']);
    return webhook(request, env, url, hook[1]);
  }
  const m = SURVEY_ROUTE.exec(path);
  if (m && Object.hasOwn(METRICS, m[1])) {
    if (request.method !== 'POST') throw methodNotAllowed(request.method, ['POST']);
    return survey(request, METRICS[m[1]]);
  }
  throw new HttpProblem('not_found', `no API route ${path}`);
}

const isApi = (path) => path === '/healthz' || path === '/v1' || path.startsWith('/v1/');

// ---------------------------------------------------------------------------------------------
// Static files. workerd's disk service sends every file as application/octet-stream and answers a
// directory with a JSON listing, so the extension picks the type and `/dir/` means `/dir/index.html`.

const CONTENT_TYPES = {
  html: 'text/html; charset=utf-8',
  htm: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  cjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  map: 'application/json',
  wasm: 'application/wasm',
  ts: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
  csv: 'text/csv; charset=utf-8',
};

function contentType(path) {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return (dot > 0 && CONTENT_TYPES[name.slice(dot + 1).toLowerCase()]) || 'application/octet-stream';
}

async function asset(request, env, url) {
  if (request.method !== 'GET' && request.method !== 'HEAD') throw methodNotAllowed(request.method, ['GET', 'HEAD']);
  const path = url.pathname.endsWith('/') ? `${url.pathname}index.html` : url.pathname;
  const res = await env.ASSETS.fetch(new URL(path, url.origin), { method: request.method });
  if (!res.ok) {
    res.body?.cancel().catch(() => {});
    throw new HttpProblem('not_found', `no file at ${url.pathname}`);
  }
  if ((res.headers.get('content-type') ?? '').startsWith('application/json')) {
    // A directory listing: send the client to the directory's index instead.
    res.body?.cancel().catch(() => {});
    return new Response(null, { status: 301, headers: { location: `${url.pathname}/${url.search}` } });
  }
  const headers = new Headers(res.headers);
  headers.set('content-type', contentType(path));
  headers.set('x-content-type-options', 'nosniff');
  return new Response(request.method === 'HEAD' ? null : res.body, { status: 200, headers });
}

// ---------------------------------------------------------------------------------------------

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    try {
      return isApi(url.pathname) ? await api(request, url.pathname, env, url) : await asset(request, env, url);
    } catch (e) {
      if (e instanceof HttpProblem) {
        return problemResponse(e.status, e.code, e.message, e, request.method);
      }
      if (e instanceof CxkitError) {
        // The core decides the status; it is always a 4xx, and bad input must never become a 5xx.
        const status = Number.isInteger(e.status) && e.status >= 400 && e.status < 500 ? e.status : 400;
        return problemResponse(status, e.code, e.message, e.details ?? {}, request.method);
      }
      console.error('cxkit edge: unexpected error', request.method, url.pathname, e);
      return problemResponse(500, 'internal_error', 'an unexpected error occurred', {}, request.method);
    }
  },
};
