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
/**
 * A day object writes its whole state once per this many batches (a log row otherwise); the
 * `CXKIT_SNAPSHOT_EVERY` binding overrides it (the crash test uses a small value).
 */
const SNAPSHOT_EVERY = 64;
/** SSE comment sent this often so that dead streams end (workerd waits for open streams). */
const HEARTBEAT_MS = 15000;
const enc = new TextEncoder();

const dayStub = (env, tenant, day) => env.METRICS_DAY.get(env.METRICS_DAY.idFromName(`${tenant}/${day}`));
const hubStub = (env, tenant) => env.METRICS_HUB.get(env.METRICS_HUB.idFromName(tenant));

export class MetricsDay extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.acc = null;
    this.json = null; // state text cache, dropped on every change
    ctx.blockConcurrencyWhile(async () => this.load());
  }

  /**
   * Storage: `snapshot` (one row: the accumulator's state, `cxkit.metrics.v1` JSON) and `log`
   * (the batches pushed since, with their arrival time). An ingest appends one log row in the
   * transaction of the push, so its cost follows the batch, not the day; every
   * SNAPSHOT_EVERY batches the state is written whole and the log emptied. Loading replays the
   * log over the snapshot: pushes are deterministic and duplicates count nothing, so the result
   * is the state that was acknowledged.
   */
  load() {
    const sql = this.ctx.storage.sql;
    sql.exec('CREATE TABLE IF NOT EXISTS snapshot (id INTEGER PRIMARY KEY CHECK (id = 1), options TEXT NOT NULL, state TEXT)');
    sql.exec('CREATE TABLE IF NOT EXISTS log (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, records TEXT NOT NULL)');
    this.acc?.free();
    this.acc = null;
    this.json = null;
    const row = sql.exec('SELECT options, state FROM snapshot WHERE id = 1').toArray()[0];
    if (!row) return;
    this.acc = row.state === null ? new MetricsAccumulator(JSON.parse(row.options)) : MetricsAccumulator.fromJSONString(row.state);
    this.pending = 0;
    for (const r of sql.exec('SELECT at, records FROM log ORDER BY seq')) {
      this.acc.push(JSON.parse(r.records), { at: r.at });
      this.pending++;
    }
  }

  /** Pushes records (already this object's day); they are on disk before the reply. */
  ingest(records, at, options) {
    const sql = this.ctx.storage.sql;
    let summary;
    try {
      this.ctx.storage.transactionSync(() => {
        if (this.acc === null) {
          this.acc = new MetricsAccumulator(options);
          this.pending = 0;
          sql.exec('INSERT INTO snapshot (id, options, state) VALUES (1, ?, NULL)', JSON.stringify(options));
        }
        summary = this.acc.push(records, { at });
        if (summary.keys.length === 0) return;
        this.json = null;
        const every = Number(this.env.CXKIT_SNAPSHOT_EVERY) > 0 ? Number(this.env.CXKIT_SNAPSHOT_EVERY) : SNAPSHOT_EVERY;
        if (++this.pending >= every) {
          sql.exec('UPDATE snapshot SET state = ? WHERE id = 1', this.acc.toJSONString());
          sql.exec('DELETE FROM log');
          this.pending = 0;
        } else {
          sql.exec('INSERT INTO log (at, records) VALUES (?, ?)', at, JSON.stringify(records));
        }
      });
    } catch (e) {
      this.load(); // memory must never hold what the disk does not
      throw e;
    }
    return { added: summary.added, duplicates: summary.duplicates, rejected: summary.rejected };
  }

  /** The state as JSON text, `null` before the first record. */
  state() {
    if (this.acc === null) return null;
    this.json ??= this.acc.toJSONString();
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
    this.schedule();
    return days.length;
  }

  /** Recomputes the streams' reports once, PUBLISH_DELAY_MS from now (bursts coalesce). */
  schedule() {
    if (this.subs.size > 0 && this.timer === null) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.publish().catch((e) => console.error('cxkit edge: stream update failed', e));
      }, PUBLISH_DELAY_MS);
    }
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
      if (!s.ready) {
        s.missed = true;
        continue;
      }
      s.missed = false;
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
    // `ready` once the first report is written: an update computed meanwhile must not overtake
    // it, and one that was skipped for that reason is sent again right after
    const sub = { writer: writable.getWriter(), query, options, heartbeat: null, ready: false, missed: false };
    this.subs.add(sub);
    const first = await readMetrics(this.env, this.tenant, options, query, this.days(query.from, query.to));
    sub.writer.write(enc.encode(`retry: 1000\nevent: metrics\ndata: ${JSON.stringify(first)}\n\n`)).catch(() => this.drop(sub));
    sub.ready = true;
    if (sub.missed) this.schedule();
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
      const day = MetricsAccumulator.fromJSONString(text);
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
  const byDay = router(options).splitByDay(records, { at });
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

/** An empty accumulator per options, kept per isolate: it only routes records to days. */
const routers = new Map();
export function router(options) {
  const key = JSON.stringify(options);
  let r = routers.get(key);
  if (!r) {
    r = new MetricsAccumulator(options);
    if (routers.size >= 64) routers.clear();
    routers.set(key, r);
  }
  return r;
}

const zero = () => ({ contacts: 0, surveys: 0, transcripts: 0 });

export function streamMetrics(env, tenant, options, query) {
  const headers = new Headers({ 'x-cxkit-tenant': tenant, 'x-cxkit-query': JSON.stringify({ query, options }) });
  return hubStub(env, tenant).fetch('https://hub/stream', { headers });
}

export async function tenantDays(env, tenant, from, to) {
  return hubStub(env, tenant).days(from, to);
}
