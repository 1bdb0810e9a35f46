// Live aggregation at the edge: exact running totals per tenant and day in Durable Objects.
//
//   MetricsDay  one object per `<tenant>/<day>` (the tenant's reporting calendar). It holds one
//               MetricsAccumulator (the library's, see cxkit.d.ts) and stores its versioned state
//               (`cxkit.metrics.v1`, one SQLite row) in the same transaction as the push, so a
//               reply is sent only once the records are on disk. Records carry idempotency keys:
//               a retried delivery is a duplicate and counts nothing.
//   MetricsHub  one object per tenant: the days that have records (so a 90-day read asks only
//               the days that exist) and the server-sent-event subscribers, who get the merged
//               metrics of their query again within ~100 ms of every ingest.
//
// Merging days, reading a query and the numbers themselves are the library's
// (`MetricsAccumulator.merge` / `finish`); this file only routes records to objects and back.
import { DurableObject } from 'cloudflare:workers';
import { MetricsAccumulator } from './cxkit/workerd.js';

/** Longest period one `/v1/metrics` read may span. */
export const MAX_DAYS = 366;
/** How long the hub waits after an ingest before it recomputes (coalesces bursts). */
const PUBLISH_DELAY_MS = 100;
/** SSE comment sent this often so that dead streams end (workerd waits for open streams). */
const HEARTBEAT_MS = 15000;
const enc = new TextEncoder();

const dayStub = (env, tenant, day) => env.METRICS_DAY.get(env.METRICS_DAY.idFromName(`${tenant}/${day}`));
const hubStub = (env, tenant) => env.METRICS_HUB.get(env.METRICS_HUB.idFromName(tenant));

export class MetricsDay extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.acc = null;
    this.json = null; // the stored state text, also what `state()` returns
    ctx.blockConcurrencyWhile(async () => this.load());
  }

  load() {
    const sql = this.ctx.storage.sql;
    sql.exec('CREATE TABLE IF NOT EXISTS state (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL)');
    const row = sql.exec('SELECT json FROM state WHERE id = 1').toArray()[0];
    this.acc?.free();
    this.acc = row ? MetricsAccumulator.fromJSON(JSON.parse(row.json)) : null;
    this.json = row ? row.json : null;
  }

  /** Pushes records (already this object's day) and stores the state before answering. */
  ingest(records, at, options) {
    if (this.acc === null) this.acc = new MetricsAccumulator(options);
    let summary;
    try {
      summary = this.acc.push(records, { at });
      if (summary.keys.length > 0) {
        const json = JSON.stringify(this.acc.toJSON());
        this.ctx.storage.sql.exec('INSERT OR REPLACE INTO state (id, json) VALUES (1, ?)', json);
        this.json = json;
      }
    } catch (e) {
      this.load(); // memory must never hold what the disk does not
      throw e;
    }
    return { added: summary.added, duplicates: summary.duplicates, rejected: summary.rejected };
  }

  /** The stored state as JSON text, `null` before the first record. */
  state() {
    return this.json;
  }
}

export class MetricsHub extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.subs = new Set();
    this.timer = null;
    this.tenant = null;
    ctx.blockConcurrencyWhile(async () => {
      ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS days (day TEXT PRIMARY KEY)');
    });
  }

  /** Records that these days have records, then schedules an update of the streams. */
  touch(tenant, days) {
    this.tenant = tenant;
    for (const d of days) this.ctx.storage.sql.exec('INSERT OR IGNORE INTO days (day) VALUES (?)', d);
    if (this.subs.size > 0 && this.timer === null) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.publish().catch((e) => console.error('cxkit edge: stream update failed', e));
      }, PUBLISH_DELAY_MS);
    }
    return days.length;
  }

  /** The days with records in [from, to] (`YYYY-MM-DD`, inclusive). */
  days(from, to) {
    return this.ctx.storage.sql
      .exec('SELECT day FROM days WHERE day >= ? AND day <= ? ORDER BY day', from, to)
      .toArray()
      .map((r) => r.day);
  }

  async publish() {
    const byQuery = new Map();
    for (const s of this.subs) {
      const key = JSON.stringify(s.query);
      if (!byQuery.has(key)) byQuery.set(key, []);
      byQuery.get(key).push(s);
    }
    for (const [, subs] of byQuery) {
      const { query, options } = subs[0];
      const report = await readMetrics(this.env, this.tenant, options, query, this.days(query.from, query.to));
      const chunk = enc.encode(`event: metrics\ndata: ${JSON.stringify(report)}\n\n`);
      for (const s of subs) s.writer.write(chunk).catch(() => this.drop(s));
    }
  }

  drop(s) {
    clearInterval(s.heartbeat);
    this.subs.delete(s);
  }

  /** `GET …/metrics/stream`, forwarded by the worker with `x-cxkit-tenant` and the parsed query. */
  async fetch(request) {
    this.tenant = request.headers.get('x-cxkit-tenant');
    const { query, options } = JSON.parse(request.headers.get('x-cxkit-query'));
    const { readable, writable } = new TransformStream();
    const sub = { writer: writable.getWriter(), query, options, heartbeat: null };
    this.subs.add(sub);
    const first = await readMetrics(this.env, this.tenant, options, query, this.days(query.from, query.to));
    sub.writer.write(enc.encode(`retry: 1000\nevent: metrics\ndata: ${JSON.stringify(first)}\n\n`)).catch(() => this.drop(sub));
    sub.heartbeat = setInterval(() => sub.writer.write(enc.encode(': ping\n\n')).catch(() => this.drop(sub)), HEARTBEAT_MS);
    return new Response(readable, {
      headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store', 'x-accel-buffering': 'no' },
    });
  }
}

/**
 * The merged metrics of a tenant over `days`: each day's stored state, merged and finished by the
 * library. `query`: {from, to, metrics?, groupBy?, series?}.
 */
export async function readMetrics(env, tenant, options, query, days) {
  const states = await Promise.all(days.map((d) => dayStub(env, tenant, d).state()));
  let acc = null;
  try {
    for (const text of states) {
      if (text === null) continue;
      const day = MetricsAccumulator.fromJSON(JSON.parse(text));
      if (acc === null) acc = day;
      else {
        try {
          acc.merge(day);
        } finally {
          day.free();
        }
      }
    }
    if (acc === null) acc = new MetricsAccumulator(options);
    const { from, to, ...q } = query;
    return { tenant, from, to, days: states.filter((s) => s !== null).length, ...acc.finish(q) };
  } finally {
    acc?.free();
  }
}

/** Routes a batch to its days' objects (in parallel), then tells the hub. */
export async function ingestRecords(env, tenant, options, records, now) {
  const at = now.toISOString();
  const router = new MetricsAccumulator(options);
  let byDay;
  try {
    byDay = router.splitByDay(records, { at });
  } finally {
    router.free();
  }
  const days = Object.keys(byDay);
  const results = await Promise.all(days.map((d) => dayStub(env, tenant, d).ingest(byDay[d], at, options)));
  if (days.length > 0) await hubStub(env, tenant).touch(tenant, days);
  const total = { tenant, days, added: zero(), duplicates: zero(), rejected: [] };
  results.forEach((r, i) => {
    for (const k of ['contacts', 'surveys', 'transcripts']) {
      total.added[k] += r.added[k];
      total.duplicates[k] += r.duplicates[k];
    }
    total.rejected.push(...r.rejected.map((x) => ({ day: days[i], ...x })));
  });
  return total;
}

const zero = () => ({ contacts: 0, surveys: 0, transcripts: 0 });

export function streamMetrics(env, tenant, options, query) {
  const headers = new Headers({ 'x-cxkit-tenant': tenant, 'x-cxkit-query': JSON.stringify({ query, options }) });
  return hubStub(env, tenant).fetch('https://hub/stream', { headers });
}

export async function tenantDays(env, tenant, from, to) {
  return hubStub(env, tenant).days(from, to);
}
