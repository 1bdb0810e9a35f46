// <cx-dashboard>: every dashboard metric at once, from one source: the edge's running totals
// (`/v1/tenants/{t}/metrics`, live through its event stream) or export files dropped on it
// (parsed and computed in this browser by cxkit's MetricsAccumulator; nothing leaves the page).
// Headline tiles (CSAT, NPS, CES, service level, abandonment, ASA, AHT, occupancy, containment,
// FCR, effort index, customer sentiment) each with its n, one SVG line chart per daily series,
// a breakdown table by queue, agent or channel, the record counts, the period, and for a live
// source a "live" indicator with the time of the last update.
//
// Usage (one tag loads every widget):
//   <script type="module" src="https://…/cxkit/widgets/index.js"></script>
//   <cx-dashboard src="/v1/tenants/demo" key="READ_KEY" from="2026-11-10" to="2026-11-23" live></cx-dashboard>
//   <cx-dashboard lang="es"></cx-dashboard>          files: a drop zone and a "choose files" button
//
// Attributes:
//   src="/v1/tenants/demo"    the tenant's base URL at the edge; without it, the files source
//   key="…"                   the tenant's read key (sent as `Authorization: Bearer`, and as `?key=`
//                             on the event stream, which cannot send headers)
//   from, to="YYYY-MM-DD"     the period (the edge's default: its today)
//   group-by="queue|agentId|channel"  the breakdown (default queue); the table's selector sets it
//   live                      follow the edge's event stream (`…/metrics/stream`) instead of one read
//   lang="en|es"              UI language (else the nearest ancestor's, else <html lang>)
// Properties: `records` (cxkit records `{contacts, surveys, transcripts}` given directly: computed
// like a dropped file), `options` (MetricsOptions of the files source), `report` (the last
// MetricsReport, as shown), `state`, `error`; methods `refresh()` and `loadFiles(files)`.
// Files: JSON (`{contacts, surveys, transcripts}`, an array of such batches or of records) and JSON
// Lines are read here; CSV and the platforms' exports need the library's `parseRecords` (used for
// every file when the loaded package has it).
// State and events: host attribute `data-state="empty" | "loading" | "ready" | "error"` (`empty`:
// waiting for files); `cx-result` (detail `{ report, source }`, after every new report) and
// `cx-error` (detail `{ code, message, phase, file? }`) bubble and cross shadow roots.
// Child widgets: when a widget that accepts a given result (`result` setter) is defined on the page
// (`<cx-csat>`, `<cx-nps>`, `<cx-ces>`, `<cx-kpis>`, `<cx-effort>`), it is shown under the tiles
// with its part of the report.
// Accessibility: the numbers are text; the updates are announced by a polite live region (at most
// every 15 s); each chart has a text summary; the drop zone has a real file input; the breakdown
// table scrolls sideways on a phone and takes keyboard focus to do so.
// Styling: the shared custom properties (--cx-font, --cx-font-size, --cx-fg, --cx-muted, --cx-bg,
// --cx-border, --cx-accent, --cx-radius, --cx-padding, --cx-error-*) and --cx-tile-bg,
// --cx-line (chart lines), --cx-live (live dot), --cx-focus; parts: card, title, period, records,
// live, updated, drop, tiles, tile, trends, chart, breakdown, table, error, status.
import { BASE_CSS, STRINGS, adopt, esc, formatter, resolveLanguage, unwatchLanguage, watchLanguage } from './base.js';

/** The full package entry (MetricsAccumulator, parseRecords): loaded only for the files source. */
let fullLibrary = null;
function loadFull() {
  fullLibrary ??= import('../web/index.js');
  return fullLibrary;
}

const DIMENSIONS = ['queue', 'agentId', 'channel'];
const ANNOUNCE_EVERY_MS = 15000;
/** The child widgets that take a given result, and the part of the report each one shows. */
const CHILDREN = [['cx-csat', 'csat'], ['cx-nps', 'nps'], ['cx-ces', 'ces'], ['cx-kpis', 'kpis'], ['cx-effort', 'effort']];

const STR = {
  en: {
    title: 'Contact centre dashboard',
    period: (from, to) => (from === to ? from : `${from} – ${to}`),
    periodLabel: 'Period',
    noPeriod: 'no records yet',
    records: (c, s, t) => `${c} contacts · ${s} survey answers · ${t} transcripts`,
    live: 'Live',
    connecting: 'Connecting…',
    reconnecting: 'Reconnecting…',
    snapshot: 'Snapshot',
    fromFiles: 'From files',
    updated: (time) => `Updated ${time}`,
    announce: (time, records) => `Dashboard updated at ${time}: ${records}`,
    tiles: 'Headline metrics',
    noData: 'no data',
    csat: 'CSAT', csatLong: 'Customer satisfaction',
    nps: 'NPS', npsLong: 'Net Promoter Score',
    ces: 'CES', cesLong: 'Customer effort score (mean)',
    serviceLevel: 'Service level', serviceLevelLong: 'Service level',
    abandonment: 'Abandonment', abandonmentLong: 'Abandonment rate',
    asa: 'ASA', asaLong: 'Average speed of answer',
    aht: 'AHT', ahtLong: 'Average handle time',
    occupancy: 'Occupancy', occupancyLong: 'Agent occupancy',
    containment: 'Containment', containmentLong: 'Self-service containment',
    fcr: 'FCR', fcrLong: 'First-contact resolution',
    effort: 'Effort index', effortLong: 'Customer effort index per contact',
    sentiment: 'Sentiment', sentimentLong: 'Customer sentiment (−100 to +100)',
    contacts: 'Contacts',
    trends: 'Trends by day',
    chartSummary: (name, days, first, last, low, high) =>
      `${name}, ${days} days: ${first} on the first day, ${last} on the last; lowest ${low}, highest ${high}.`,
    chartEmpty: (name) => `${name}: no data in this period.`,
    breakdown: 'Breakdown',
    groupBy: 'Group by',
    queue: 'Queue', agentId: 'Agent', channel: 'Channel',
    noKey: '(none)',
    noGroups: 'No records to break down.',
    tableScroll: 'Breakdown table (scrolls sideways)',
    drop: 'Drop export files here: contacts, survey answers, transcripts (JSON, JSON Lines or CSV).',
    choose: 'Choose files…',
    privacy: 'Files are read and computed in this browser: nothing leaves the page.',
    reading: (n) => `Reading ${n} ${n === 1 ? 'file' : 'files'}…`,
    files: (names) => `Files: ${names}`,
    errFile: (name) => `Could not read ${name}`,
    csvNeedsParser: 'CSV needs parseRecords: this version of cxkit reads JSON and JSON Lines only',
    noRecords: 'the file holds no records',
    notRecords: 'not cxkit records: expected {contacts, surveys, transcripts}, an array of records, or JSON Lines',
    leftOut: (n, first) => `${n} ${n === 1 ? 'record was' : 'records were'} left out (${first})`,
    errEdge: 'Could not load the metrics',
    errStream: 'The live stream is unavailable',
    waiting: 'Waiting for files.',
    details: 'Details',
  },
  es: {
    title: 'Panel del centro de contacto',
    period: (from, to) => (from === to ? from : `${from} – ${to}`),
    periodLabel: 'Periodo',
    noPeriod: 'aún no hay registros',
    records: (c, s, t) => `${c} contactos · ${s} respuestas de encuesta · ${t} transcripciones`,
    live: 'En directo',
    connecting: 'Conectando…',
    reconnecting: 'Reconectando…',
    snapshot: 'Instantánea',
    fromFiles: 'Desde archivos',
    updated: (time) => `Actualizado a las ${time}`,
    announce: (time, records) => `Panel actualizado a las ${time}: ${records}`,
    tiles: 'Indicadores principales',
    noData: 'sin datos',
    csat: 'CSAT', csatLong: 'Satisfacción del cliente',
    nps: 'NPS', npsLong: 'Net Promoter Score',
    ces: 'CES', cesLong: 'Esfuerzo del cliente (media)',
    serviceLevel: 'Nivel de servicio', serviceLevelLong: 'Nivel de servicio',
    abandonment: 'Abandono', abandonmentLong: 'Tasa de abandono',
    asa: 'ASA', asaLong: 'Velocidad media de respuesta',
    aht: 'TMO', ahtLong: 'Tiempo medio de operación',
    occupancy: 'Ocupación', occupancyLong: 'Ocupación de los agentes',
    containment: 'Contención', containmentLong: 'Contención en autoservicio',
    fcr: 'FCR', fcrLong: 'Resolución en el primer contacto',
    effort: 'Índice de esfuerzo', effortLong: 'Índice de esfuerzo del cliente por contacto',
    sentiment: 'Sentimiento', sentimentLong: 'Sentimiento del cliente (−100 a +100)',
    contacts: 'Contactos',
    trends: 'Tendencias por día',
    chartSummary: (name, days, first, last, low, high) =>
      `${name}, ${days} días: ${first} el primer día, ${last} el último; mínimo ${low}, máximo ${high}.`,
    chartEmpty: (name) => `${name}: sin datos en este periodo.`,
    breakdown: 'Desglose',
    groupBy: 'Agrupar por',
    queue: 'Cola', agentId: 'Agente', channel: 'Canal',
    noKey: '(sin valor)',
    noGroups: 'No hay registros que desglosar.',
    tableScroll: 'Tabla de desglose (se desplaza en horizontal)',
    drop: 'Suelta aquí archivos exportados: contactos, respuestas de encuesta, transcripciones (JSON, JSON Lines o CSV).',
    choose: 'Elegir archivos…',
    privacy: 'Los archivos se leen y se calculan en este navegador: nada sale de la página.',
    reading: (n) => `Leyendo ${n} ${n === 1 ? 'archivo' : 'archivos'}…`,
    files: (names) => `Archivos: ${names}`,
    errFile: (name) => `No se pudo leer ${name}`,
    csvNeedsParser: 'Los CSV necesitan parseRecords: esta versión de cxkit solo lee JSON y JSON Lines',
    noRecords: 'el archivo no contiene registros',
    notRecords: 'no son registros de cxkit: se esperaba {contacts, surveys, transcripts}, una lista de registros o JSON Lines',
    leftOut: (n, first) => `${n} ${n === 1 ? 'registro quedó fuera' : 'registros quedaron fuera'} (${first})`,
    errEdge: 'No se pudieron cargar las métricas',
    errStream: 'La transmisión en directo no está disponible',
    waiting: 'Esperando archivos.',
    details: 'Detalles',
  },
};

/** A readable problem: `code` (stable), `message`, `phase` (`load`, `read`, `library`, `compute`). */
class DashboardError extends Error {
  constructor(phase, code, message, key = null) {
    super(message);
    this.name = 'DashboardError';
    this.phase = phase;
    this.code = code;
    this.key = key; // the UI string it was made from (shown again in another language)
  }
}

/** `{ overall, groups }` → overall; anything else as is. */
const overall = (m) => (m && typeof m === 'object' && m.groups !== undefined && m.overall !== undefined ? m.overall : m);
const num = (x) => typeof x === 'number' && Number.isFinite(x);

// ---------------------------------------------------------------------------------------------
// Reading files (the files source)

/** JSON or JSON Lines text → cxkit records. Throws DashboardError('read', …). */
export function recordsFromJson(text, t) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (jsonError) {
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
    try {
      value = lines.map((l) => JSON.parse(l));
    } catch {
      throw new DashboardError('read', 'invalid_json', jsonError.message);
    }
    if (lines.length < 2) throw new DashboardError('read', 'invalid_json', jsonError.message);
  }
  const out = { contacts: [], surveys: [], transcripts: [] };
  const isBatch = (v) => v && typeof v === 'object' && !Array.isArray(v)
    && ['contacts', 'surveys', 'transcripts'].some((k) => Array.isArray(v[k]));
  const addBatch = (b) => {
    for (const k of ['contacts', 'surveys', 'transcripts']) if (Array.isArray(b[k])) out[k].push(...b[k]);
  };
  if (isBatch(value)) addBatch(value);
  else if (Array.isArray(value) && value.length > 0 && value.every((v) => v && typeof v === 'object' && !Array.isArray(v))) {
    for (const v of value) {
      if (isBatch(v)) addBatch(v);
      else if (Array.isArray(v.turns)) out.transcripts.push(v);
      else if (typeof v.kind === 'string' && ('value' in v || 'label' in v)) out.surveys.push(v);
      else if ('channel' in v && 'id' in v) out.contacts.push(v);
      else throw new DashboardError('read', 'unrecognised_file', t('notRecords'), 'notRecords');
    }
  } else {
    throw new DashboardError('read', 'unrecognised_file', t('notRecords'), 'notRecords');
  }
  return out;
}

const TIMES = ['endedAt', 'abandonedAt', 'answeredAt', 'offeredAt', 'startedAt', 'respondedAt'];

/**
 * The latest time written in the records (RFC 3339), else null: the files' "arrival", so their
 * transcripts (which carry no time) fall on the export's last day rather than on today.
 */
export function latestTime(batches) {
  let latest = -Infinity;
  let text = null;
  for (const b of batches) {
    for (const r of [...(b.contacts ?? []), ...(b.surveys ?? [])]) {
      for (const k of TIMES) {
        const t = typeof r?.[k] === 'string' ? Date.parse(r[k]) : NaN;
        if (t > latest) {
          latest = t;
          text = r[k];
        }
      }
    }
  }
  return text;
}

/** Whether an element class takes a given result (a `result` setter somewhere on its chain). */
function takesResult(cls) {
  for (let p = cls?.prototype; p && p !== HTMLElement.prototype; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, 'result');
    if (d) return typeof d.set === 'function';
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Charts

const CHART_H = 96;
const PAD = 8;

/** A daily line chart (SVG string): x by date within the period, y from the values' own range. */
function lineChart(points, from, to) {
  const day = (d) => Date.parse(`${d}T00:00:00Z`);
  const t0 = day(from);
  const span = Math.max(1, day(to) - t0);
  const values = points.filter((p) => num(p.v)).map((p) => p.v);
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  const single = day(to) === t0;
  const x = (d) => (single ? 50 : ((day(d) - t0) / span) * 100);
  const y = (v) => PAD + (1 - (v - lo) / (hi - lo)) * (CHART_H - 2 * PAD);
  // the line: runs of consecutive points with values (a day without one breaks it)
  const runs = [];
  let run = [];
  for (const p of points) {
    if (num(p.v)) run.push(p);
    else if (run.length) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length) runs.push(run);
  const paths = runs.filter((r) => r.length > 1)
    .map((r) => `<path d="${r.map((p, i) => `${i ? 'L' : 'M'}${(x(p.day) * 10).toFixed(1)} ${y(p.v).toFixed(2)}`).join(' ')}"></path>`)
    .join('');
  const dots = points.filter((p) => num(p.v))
    .map((p) => `<circle cx="${x(p.day).toFixed(3)}%" cy="${y(p.v).toFixed(2)}" r="3"><title>${esc(p.tip)}</title></circle>`)
    .join('');
  return `<svg class="chart" part="chart" width="100%" height="${CHART_H}" aria-hidden="true" focusable="false">`
    + `<line class="grid" x1="0" x2="100%" y1="${PAD}" y2="${PAD}"></line>`
    + `<line class="grid" x1="0" x2="100%" y1="${CHART_H - PAD}" y2="${CHART_H - PAD}"></line>`
    + `<svg viewBox="0 0 1000 ${CHART_H}" preserveAspectRatio="none" width="100%" height="${CHART_H}" overflow="visible">`
    + `<g class="line">${paths}</g></svg><g class="dots">${dots}</g></svg>`;
}

// ---------------------------------------------------------------------------------------------

const CSS = `
:host {
  --_tile-bg: var(--cx-tile-bg, #f6f8fa);
  --_line: var(--cx-line, var(--_accent));
  --_live: var(--cx-live, #1a7f37);
  --_focus: var(--cx-focus, var(--_accent));
  max-width: none;
}
.card { container-type: inline-size; }
.top { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 4px 16px; }
.title { font-size: 1.15em; }
.meta { display: flex; flex-wrap: wrap; gap: 2px 14px; color: var(--_muted); margin: 4px 0 12px; font-variant-numeric: tabular-nums; }
.meta strong { color: var(--_fg); font-weight: 600; }
.status-line { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 4px 10px; color: var(--_muted); }
.live { display: inline-flex; align-items: center; gap: 6px; border: 1px solid var(--_border); border-radius: 999px; padding: 1px 10px; white-space: nowrap; }
.live .dot { width: 8px; height: 8px; border-radius: 50%; background: var(--_neutral); }
.live.on { color: var(--_live); border-color: currentColor; }
.live.on .dot { background: var(--_live); }
.live.waiting .dot { background: var(--_passive); }
.updated { white-space: nowrap; font-variant-numeric: tabular-nums; }
.drop { display: grid; gap: 8px; justify-items: start; border: 2px dashed var(--_border); border-radius: calc(var(--_radius) * 0.8); padding: 16px; margin-bottom: 12px; }
.drop.over { border-color: var(--_accent); background: var(--_tile-bg); }
.drop p { margin: 0; }
.drop .privacy { color: var(--_muted); }
.drop .files { color: var(--_muted); overflow-wrap: anywhere; }
.button { display: inline-block; font: inherit; color: #fff; background: var(--_accent); border: 0; border-radius: 8px; padding: 6px 14px; cursor: pointer; }
.drop input { position: absolute; width: 1px; height: 1px; opacity: 0; overflow: hidden; }
.drop input:focus-visible + .button, .button:focus-visible, select:focus-visible, .table-wrap:focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }
h3 { font-size: 1em; margin: 16px 0 8px; }
.tiles { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 140px), 1fr)); gap: 8px; }
.tile { background: var(--_tile-bg); border: 1px solid var(--_border); border-radius: calc(var(--_radius) * 0.7); padding: 8px 10px; min-width: 0; }
.tile .label { color: var(--_muted); font-size: 0.93em; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.tile abbr { text-decoration: none; }
.tile .value { display: block; font-size: 1.6em; font-weight: 700; line-height: 1.2; font-variant-numeric: tabular-nums; letter-spacing: -0.01em; }
.tile .value.none { color: var(--_muted); font-weight: 400; font-size: 1.1em; line-height: 1.75; }
.tile .n { font-size: 0.93em; }
.trends { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 260px), 1fr)); gap: 8px 16px; }
.trend { margin: 0; min-width: 0; }
.trend figcaption { display: flex; justify-content: space-between; gap: 8px; font-weight: 600; }
.trend figcaption .last { font-weight: 400; color: var(--_muted); font-variant-numeric: tabular-nums; }
.plot { display: grid; grid-template-columns: max-content minmax(0, 1fr); column-gap: 6px; }
.yaxis { display: flex; flex-direction: column; justify-content: space-between; height: ${CHART_H}px; padding: 0; color: var(--_muted); font-size: 12px; text-align: right; font-variant-numeric: tabular-nums; }
.yaxis.one { justify-content: center; }
.xaxis { grid-column: 2; display: flex; justify-content: space-between; color: var(--_muted); font-size: 12px; }
.chart .grid { stroke: var(--_border); stroke-width: 1; }
.chart .line path { fill: none; stroke: var(--_line); stroke-width: 2; vector-effect: non-scaling-stroke; stroke-linejoin: round; }
.chart .dots circle { fill: var(--_line); }
.trend .empty { color: var(--_muted); margin: 4px 0; }
.breakdown-head { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 6px 12px; margin: 16px 0 8px; }
.breakdown-head h3 { margin: 0; }
.breakdown-head label { display: inline-flex; align-items: center; gap: 8px; color: var(--_muted); }
select { font: inherit; color: var(--_fg); background: var(--_bg); border: 1px solid var(--_border); border-radius: 6px; padding: 3px 6px; }
.table-wrap { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 8px; text-align: right; border-top: 1px solid var(--_border); white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
thead th { color: var(--_muted); font-weight: 600; border-top: none; }
tbody th { font-weight: 600; max-width: 16em; overflow: hidden; text-overflow: ellipsis; }
td .n { color: var(--_muted); font-size: 0.9em; margin-left: 4px; }
td.none { color: var(--_muted); }
.children { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 320px), 1fr)); gap: 12px; }
.children > * { max-width: none; }
.notes { display: grid; gap: 8px; }
.notes:empty { display: none; }
.note-ok { color: var(--_muted); margin: 0; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
[hidden] { display: none !important; }
`;

export class CxDashboard extends HTMLElement {
  static observedAttributes = ['src', 'key', 'from', 'to', 'group-by', 'live', 'lang'];
  static strings = STR;

  #report = null;
  #source = null; // 'edge' | 'files'
  #state = 'loading';
  #error = null;
  #notes = []; // [{ kind: 'error', file, error } | { kind: 'info', count, first }]
  #acc = null; // files: the MetricsAccumulator
  #records = undefined;
  #options = undefined;
  #fileNames = [];
  #events = null; // EventSource
  #liveState = null; // 'connecting' | 'live' | 'reconnecting' | null
  #abort = null;
  #updatedAt = null;
  #announcedAt = 0;
  #generation = 0;
  #queued = false;
  #lang = 'en';
  #locale = 'en';
  #retry = null;
  #built = false;

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.#styleTag = adopt(this.shadowRoot, BASE_CSS + CSS);
  }

  #styleTag = '';

  // -- public API -------------------------------------------------------------------------------

  /** The last report shown (the library's MetricsReport; from the edge with tenant, from, to, days). */
  get report() {
    return this.#report;
  }

  /** Where the numbers come from: "edge", "files", or null before any. */
  get source() {
    return this.#source;
  }

  get state() {
    return this.#state;
  }

  get error() {
    return this.#state === 'error' ? this.#error : null;
  }

  /** cxkit records given directly (computed in the browser like a dropped file); null: none. */
  get records() {
    return this.#records;
  }
  set records(value) {
    this.#records = value ?? undefined;
    if (this.#records !== undefined && this.isConnected) this.#computeFiles([{ name: 'records', records: this.#records }]);
  }

  /** MetricsOptions of the files source (the edge uses the tenant's own). */
  get options() {
    return this.#options;
  }
  set options(value) {
    this.#options = value ?? undefined;
    if (this.#batches.length > 0 && this.isConnected) this.#redoFiles();
  }

  /** Reads again: the edge (a new read or stream), or the files' numbers. */
  refresh() {
    this.#schedule();
  }

  /** Reads `files` (File objects) and computes their records; what was loaded before is replaced. */
  async loadFiles(files) {
    const list = [...files];
    if (list.length === 0) return;
    this.#fileNames = list.map((f) => f.name);
    this.#setStatus(this.t('reading', list.length));
    const read = await Promise.all(list.map(async (f) => ({ name: f.name, bytes: await f.arrayBuffer() })));
    await this.#computeFiles(read);
  }

  /** A UI string in the current language. */
  t(key, ...args) {
    const v = STR[this.#lang]?.[key] ?? STRINGS[this.#lang]?.[key] ?? STR.en[key] ?? STRINGS.en[key];
    return typeof v === 'function' ? v(...args) : v ?? key;
  }

  get language() {
    return this.#lang;
  }

  // -- lifecycle --------------------------------------------------------------------------------

  connectedCallback() {
    for (const p of ['records', 'options']) {
      if (Object.prototype.hasOwnProperty.call(this, p)) {
        const v = this[p];
        delete this[p];
        this[p] = v;
      }
    }
    watchLanguage(this);
    const { lang, locale } = resolveLanguage(this);
    this.#lang = lang;
    this.#locale = locale;
    this.#build();
    this.#schedule();
  }

  disconnectedCallback() {
    unwatchLanguage(this);
    this.#stop();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue || !this.isConnected) return;
    if (name === 'lang') this._languageMaybeChanged();
    else if (name === 'group-by' && this.#source === 'files') {
      if (this.#batches.length > 0) this.#redoFiles();
      else this.#paintChrome();
    }
    else this.#schedule();
  }

  /** @internal Called when some `lang` attribute on the page changed. */
  _languageMaybeChanged() {
    const { lang, locale } = resolveLanguage(this);
    if (lang === this.#lang && locale === this.#locale) return;
    this.#lang = lang;
    this.#locale = locale;
    this.#build(true);
    this.#paint();
  }

  get #groupBy() {
    const g = (this.getAttribute('group-by') ?? '').trim();
    return DIMENSIONS.includes(g) ? g : 'queue';
  }

  get #fmt() {
    return formatter(this.#locale);
  }

  #schedule() {
    if (this.#queued) return;
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      if (this.isConnected) this.#start();
    });
  }

  #stop() {
    this.#generation++;
    this.#events?.close();
    this.#events = null;
    this.#abort?.abort();
    this.#abort = null;
    clearTimeout(this.#retry);
    this.#retry = null;
    this.#liveState = null;
  }

  #start() {
    this.#stop();
    const src = (this.getAttribute('src') ?? '').trim();
    if (src === '') {
      this.#source = 'files';
      this.#paintChrome();
      if (this.#batches.length > 0) return this.#redoFiles();
      if (this.#records !== undefined) return this.#computeFiles([{ name: 'records', records: this.#records }]);
      this.#setState('empty');
      return;
    }
    this.#source = 'edge';
    this.#setState(this.#report ? this.#state : 'loading');
    this.#connect();
  }

  /** One plain read (it reports an error status, which an EventSource cannot), then the stream. */
  async #connect() {
    const generation = this.#generation;
    const live = this.hasAttribute('live');
    if (live) {
      this.#liveState = 'connecting';
      this.#paintLive();
    }
    const ok = await this.#fetchOnce();
    if (generation !== this.#generation || !live) return;
    if (ok) this.#openStream();
    else this.#retryLater();
  }

  #retryLater() {
    const generation = this.#generation;
    this.#liveState = 'reconnecting';
    this.#paintLive();
    clearTimeout(this.#retry);
    this.#retry = setTimeout(() => {
      if (generation === this.#generation) this.#connect();
    }, 5000);
  }

  // -- the edge ---------------------------------------------------------------------------------

  #url(path, withKey) {
    const src = this.getAttribute('src').trim().replace(/\/+$/, '');
    const url = new URL(`${src}${path}`, document.baseURI);
    for (const [attr, param] of [['from', 'from'], ['to', 'to']]) {
      const v = (this.getAttribute(attr) ?? '').trim();
      if (v) url.searchParams.set(param, v);
    }
    url.searchParams.set('groupBy', this.#groupBy);
    const key = this.getAttribute('key');
    if (withKey && key) url.searchParams.set('key', key);
    return url;
  }

  async #fetchOnce() {
    const generation = this.#generation;
    const abort = new AbortController();
    this.#abort = abort;
    const key = this.getAttribute('key');
    let res;
    let body;
    try {
      res = await fetch(this.#url('/metrics', false), {
        signal: abort.signal,
        headers: { accept: 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      });
      body = await res.json().catch(() => null);
    } catch (e) {
      if (generation === this.#generation && e.name !== 'AbortError') this.#fail(new DashboardError('load', 'fetch_failed', e.message));
      return false;
    }
    if (generation !== this.#generation) return false;
    if (!res.ok || body === null) {
      const code = body?.code ?? 'fetch_failed';
      this.#fail(new DashboardError('load', code, body?.detail ?? `HTTP ${res.status}`));
      return false;
    }
    this.#show(body);
    return true;
  }

  #openStream() {
    const generation = this.#generation;
    const es = new EventSource(this.#url('/metrics/stream', true));
    this.#events = es;
    this.#liveState = 'connecting';
    this.#paintLive();
    es.addEventListener('open', () => {
      if (generation !== this.#generation) return;
      this.#liveState = 'live';
      this.#paintLive();
    });
    es.addEventListener('metrics', (e) => {
      if (generation !== this.#generation) return;
      let report;
      try {
        report = JSON.parse(e.data);
      } catch (err) {
        return this.#fail(new DashboardError('read', 'invalid_json', err.message));
      }
      this.#liveState = 'live';
      this.#show(report);
    });
    es.addEventListener('error', () => {
      if (generation !== this.#generation) return;
      this.#liveState = 'reconnecting';
      this.#paintLive();
      // the browser retries by itself unless the answer was not a stream: then read once (that
      // shows what is wrong) and start again a little later
      if (es.readyState === EventSource.CLOSED) {
        es.close();
        this.#events = null;
        this.#retryLater();
      }
    });
  }

  // -- files ------------------------------------------------------------------------------------

  /** `items`: `[{ name, bytes } | { name, records }]`. */
  async #computeFiles(items) {
    const generation = ++this.#generation;
    this.#source = 'files';
    let lib;
    try {
      lib = await loadFull();
    } catch (e) {
      if (generation === this.#generation) this.#fail(new DashboardError('library', 'load_failed', e?.message ?? String(e)));
      return;
    }
    if (generation !== this.#generation) return;
    const notes = [];
    const batches = [];
    for (const item of items) {
      try {
        const parsed = item.records ? { records: item.records } : this.#parse(lib, item);
        batches.push({ name: item.name, records: parsed.records });
        // parseRecords leaves out what it cannot read (onInvalid: "skip") and says why
        if (parsed.skipped > 0) notes.push({ kind: 'info', count: parsed.skipped, first: `${item.name}: ${parsed.firstSkipped}` });
      } catch (e) {
        notes.push({ kind: 'error', file: item.name, error: e });
      }
    }
    this.#acc?.free();
    this.#acc = null;
    this.#batches = batches;
    this.#fileNotes = notes;
    if (batches.length === 0) {
      const first = notes[0];
      this.#notes = notes;
      this.#report = null; // a failed drop shows no numbers of an earlier one
      return this.#fail(first.error, first.file);
    }
    this.#redoFiles();
  }

  #batches = [];
  #fileNotes = [];

  /** Pushes the read batches into a new accumulator and shows its report. */
  async #redoFiles() {
    let lib;
    try {
      lib = await loadFull();
    } catch (e) {
      return this.#fail(new DashboardError('library', 'load_failed', e?.message ?? String(e)));
    }
    const notes = [...this.#fileNotes];
    this.#acc?.free();
    let report;
    try {
      this.#acc = new lib.MetricsAccumulator(this.#options ?? {});
      const at = latestTime(this.#batches.map((x) => x.records)) ?? new Date().toISOString();
      let left = 0;
      let first = null;
      for (const b of this.#batches) {
        const summary = this.#acc.push(b.records, { at });
        left += summary.rejected.length;
        first ??= summary.rejected[0] ? `${b.name}: ${summary.rejected[0].message}` : null;
      }
      if (left > 0) notes.push({ kind: 'info', count: left, first });
      report = this.#acc.finish({ groupBy: this.#groupBy });
    } catch (e) {
      this.#acc?.free();
      this.#acc = null;
      this.#notes = notes;
      return this.#fail(new DashboardError('compute', e.code ?? 'error', e.message));
    }
    this.#notes = notes;
    const days = report.series.map((p) => p.day).filter((d) => d !== 'none');
    this.#show({ ...report, from: days[0] ?? null, to: days.at(-1) ?? null });
    for (const n of notes) {
      if (n.kind === 'error') this.#dispatchError(n.error, n.file);
    }
  }

  #parse(lib, { name, bytes }) {
    if (typeof lib.parseRecords === 'function') {
      const r = lib.parseRecords(bytes, { onInvalid: 'skip' });
      if (r.contacts.length + r.surveys.length + r.transcripts.length === 0) {
        // nothing read: the file is the problem (its first reason, else an empty file)
        const first = r.skipped?.[0];
        throw new DashboardError('read', first?.code ?? 'empty_input', first?.message ?? this.t('noRecords'), first ? undefined : 'noRecords');
      }
      return {
        records: { contacts: r.contacts, surveys: r.surveys, transcripts: r.transcripts },
        skipped: r.rejected?.total ?? 0,
        firstSkipped: r.skipped?.[0]?.message ?? '',
      };
    }
    const text = new TextDecoder().decode(bytes);
    const looksCsv = /\.(csv|tsv)$/i.test(name) || (!/^\s*[[{]/.test(text) && /[,;\t]/.test(text.split('\n')[0] ?? ''));
    if (looksCsv) throw new DashboardError('read', 'unsupported_format', this.t('csvNeedsParser'), 'csvNeedsParser');
    return { records: recordsFromJson(text, (k) => this.t(k)), skipped: 0 };
  }

  // -- state and events -------------------------------------------------------------------------

  #show(report) {
    this.#report = report;
    this.#error = null;
    this.#updatedAt = new Date();
    if (this.#source === 'edge') this.#notes = [];
    this.#setState('ready');
    this.dispatchEvent(new CustomEvent('cx-result', { detail: { report, source: this.#source }, bubbles: true, composed: true }));
  }

  #fail(error, file) {
    this.#error = error;
    this.#setState('error');
    this.#dispatchError(error, file);
  }

  #dispatchError(error, file) {
    this.dispatchEvent(new CustomEvent('cx-error', {
      detail: { error, code: error.code ?? 'error', message: error.message, phase: error.phase ?? 'read', ...(file ? { file } : {}) },
      bubbles: true,
      composed: true,
    }));
  }

  #setState(state) {
    this.#state = state;
    this.setAttribute('data-state', state);
    this.#paint();
  }

  // -- painting ---------------------------------------------------------------------------------

  #$(sel) {
    return this.shadowRoot.querySelector(sel);
  }

  /** The parts that stay between updates (so the selector and the file button keep focus). */
  #build(again = false) {
    if (this.#built && !again) return;
    const focused = this.shadowRoot.activeElement?.id ?? null;
    const options = DIMENSIONS.map((d) => `<option value="${d}">${esc(this.t(d))}</option>`).join('');
    this.shadowRoot.innerHTML = `${this.#styleTag}<div class="card" part="card" lang="${esc(this.#lang)}">`
      + `<div class="top"><h2 class="title" part="title">${esc(this.t('title'))}</h2>`
      + `<div class="status-line"><span class="live" part="live" hidden></span><span class="updated" part="updated"></span></div></div>`
      + `<div class="meta"><span part="period"></span><span part="records"></span></div>`
      + `<div class="drop" part="drop" hidden><p>${esc(this.t('drop'))}</p>`
      + `<input type="file" id="file" multiple accept=".json,.jsonl,.ndjson,.csv,.tsv,.txt,application/json,text/csv">`
      + `<label class="button" for="file">${esc(this.t('choose'))}</label>`
      + `<p class="privacy">${esc(this.t('privacy'))}</p><p class="files"></p></div>`
      + `<div class="notes" part="notes"></div>`
      + `<div class="status" part="status" role="status"></div>`
      + `<div class="body"><h3 class="sr">${esc(this.t('tiles'))}</h3><ul class="tiles" part="tiles"></ul>`
      + `<div class="children"></div>`
      + `<h3>${esc(this.t('trends'))}</h3><div class="trends" part="trends"></div>`
      + `<div class="breakdown-head"><h3 id="bd-title">${esc(this.t('breakdown'))}</h3>`
      + `<label>${esc(this.t('groupBy'))} <select id="group-by">${options}</select></label></div>`
      + `<div class="table-wrap" part="breakdown" tabindex="0" role="region" aria-label="${esc(this.t('tableScroll'))}"></div></div>`
      + `<div class="sr" aria-live="polite" aria-atomic="true" id="announce"></div></div>`;
    this.#built = true;
    const select = this.#$('#group-by');
    select.addEventListener('change', () => this.setAttribute('group-by', select.value));
    const input = this.#$('#file');
    input.addEventListener('change', () => {
      this.loadFiles(input.files);
      input.value = '';
    });
    const drop = this.#$('.drop');
    const over = (on) => (e) => {
      if (this.#source !== 'files') return;
      e.preventDefault();
      drop.classList.toggle('over', on);
    };
    // the whole card takes the drop; the dashed box says so
    const card = this.#$('.card');
    card.addEventListener('dragenter', over(true));
    card.addEventListener('dragover', over(true));
    card.addEventListener('dragleave', (e) => {
      if (!card.contains(e.relatedTarget)) drop.classList.remove('over');
    });
    card.addEventListener('drop', (e) => {
      if (this.#source !== 'files') return;
      e.preventDefault();
      drop.classList.remove('over');
      if (e.dataTransfer?.files?.length) this.loadFiles(e.dataTransfer.files);
    });
    if (focused) this.shadowRoot.getElementById(focused)?.focus();
  }

  #setStatus(text) {
    const s = this.#$('.status');
    if (s) s.textContent = text;
  }

  #paintChrome() {
    const drop = this.#$('.drop');
    drop.hidden = this.#source !== 'files';
    this.#$('.files').textContent = this.#fileNames.length ? this.t('files', this.#fileNames.join(', ')) : '';
    this.#$('#group-by').value = this.#groupBy;
  }

  #paintLive() {
    const live = this.#$('.live');
    if (!live) return;
    const state = this.#source === 'edge' ? (this.hasAttribute('live') ? this.#liveState ?? 'connecting' : 'snapshot') : 'files';
    live.hidden = this.#source === null || (!this.#report && (this.#source === 'files' || this.#state === 'error'));
    live.className = `live ${state === 'live' ? 'on' : state === 'connecting' || state === 'reconnecting' ? 'waiting' : ''}`;
    live.dataset.live = state;
    const text = { live: 'live', connecting: 'connecting', reconnecting: 'reconnecting', snapshot: 'snapshot', files: 'fromFiles' }[state];
    live.innerHTML = `<span class="dot" aria-hidden="true"></span>${esc(this.t(text))}`;
  }

  #paint() {
    if (!this.#built) return;
    this.#paintChrome();
    this.#paintLive();
    const f = this.#fmt;
    const r = this.#report;
    const notes = this.#$('.notes');
    const message = (e) => (e.key ? this.t(e.key) : e.message);
    const alerts = this.#notes.map((n) => (n.kind === 'error'
      ? { error: n.error, text: `${this.t('errFile', n.file)}: ${message(n.error)}` }
      : { text: this.t('leftOut', f.whole(n.count), n.first) }));
    const e = this.#error;
    if (this.#state === 'error' && e && !this.#notes.some((n) => n.error === e)) {
      const prefix = { load: this.t('errEdge'), library: this.t('errLibrary'), compute: this.t('errCompute', 'metrics') }[e.phase];
      alerts.unshift({ error: e, text: prefix ? `${prefix}: ${message(e)}` : message(e) });
    }
    notes.innerHTML = alerts.map((n) => (n.error
      ? `<div class="alert" part="error" role="alert">${esc(n.text)} (<code>${esc(n.error.code ?? 'error')}</code>)</div>`
      : `<p class="note-ok">${esc(n.text)}</p>`)).join('');
    this.#setStatus(this.#state === 'loading' ? this.t('loading') : this.#state === 'empty' ? this.t('waiting') : '');
    this.#$('.card').setAttribute('aria-busy', String(this.#state === 'loading'));
    const body = this.#$('.body');
    body.hidden = !r;
    if (!r) {
      this.#$('[part=period]').textContent = '';
      this.#$('[part=records]').textContent = '';
      this.#$('.updated').textContent = '';
      return;
    }
    const records = this.t('records', f.whole(r.records.contacts), f.whole(r.records.surveys), f.whole(r.records.transcripts));
    const period = r.from && r.to ? this.t('period', this.#date(r.from), this.#date(r.to)) : this.t('noPeriod');
    this.#$('[part=period]').innerHTML = `${esc(this.t('periodLabel'))}: <strong>${esc(period)}</strong>`;
    this.#$('[part=records]').textContent = records;
    const time = this.#updatedAt ? new Intl.DateTimeFormat(this.#locale, { timeStyle: 'medium' }).format(this.#updatedAt) : '';
    this.#$('.updated').textContent = time ? this.t('updated', time) : '';
    this.#$('.tiles').innerHTML = this.#tiles(r);
    this.#$('.trends').innerHTML = this.#trends(r);
    this.#$('.table-wrap').innerHTML = this.#table(r);
    this.#children(r);
    const now = Date.now();
    if (time && now - this.#announcedAt >= ANNOUNCE_EVERY_MS) {
      this.#announcedAt = now;
      this.#$('#announce').textContent = this.t('announce', time, records);
    }
  }

  #date(day) {
    const t = Date.parse(`${day}T00:00:00Z`);
    if (Number.isNaN(t)) return day;
    return new Intl.DateTimeFormat(this.#locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(t);
  }

  #shortDate(day) {
    const t = Date.parse(`${day}T00:00:00Z`);
    if (Number.isNaN(t)) return day;
    return new Intl.DateTimeFormat(this.#locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(t);
  }

  /** Seconds as "42 s" / "6 min 5 s" (whole seconds). */
  #duration(s) {
    const total = Math.round(s);
    const m = Math.floor(total / 60);
    const sec = total % 60;
    const unit = (v, u) => new Intl.NumberFormat(this.#locale, { style: 'unit', unit: u, unitDisplay: 'narrow' }).format(v);
    return m > 0 ? `${unit(m, 'minute')} ${unit(sec, 'second')}` : unit(sec, 'second');
  }

  #effortIndex(x) {
    return new Intl.NumberFormat(this.#locale, { maximumFractionDigits: 2 }).format(x).replace(/-/g, '\u2212');
  }

  /** How each metric is formatted: share (0–1), percent (0–100), signed, mean, seconds, index, count. */
  #format(kind, v) {
    const f = this.#fmt;
    switch (kind) {
      case 'share': return f.percent(v * 100);
      case 'percent': return f.percent(v);
      case 'signed': return f.signed(v);
      case 'mean': return new Intl.NumberFormat(this.#locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);
      case 'seconds': return this.#duration(v);
      case 'index': return this.#effortIndex(v);
      default: return f.whole(v);
    }
  }

  #tiles(r) {
    const csat = overall(r.csat);
    const nps = overall(r.nps);
    const ces = overall(r.ces);
    const k = overall(r.kpis);
    const e = r.effort?.summary;
    const s = r.sentiment;
    const tiles = [
      ['csat', 'percent', csat?.score, csat?.n],
      ['nps', 'signed', nps?.score, nps?.n],
      ['ces', 'mean', ces?.mean, ces?.n],
      ['serviceLevel', 'share', k?.serviceLevel, k?.offered],
      ['abandonment', 'share', k?.abandonmentRate, k?.offered],
      ['asa', 'seconds', k?.asa, k?.answered],
      ['aht', 'seconds', k?.aht, k?.handled],
      ['occupancy', 'share', k?.occupancy, k?.handled],
      ['containment', 'share', k?.containmentRate, k?.contacts],
      ['fcr', 'share', e?.fcr?.rate, e ? e.fcr.resolved + e.fcr.notResolved : undefined],
      ['effort', 'index', e?.effortIndex?.perContact, e?.contacts],
      ['sentiment', 'signed', s?.overall, s?.transcripts],
    ];
    return tiles.map(([id, kind, v, n]) => {
      const has = num(v);
      const short = this.t(id);
      const long = this.t(`${id}Long`);
      const label = short === long ? esc(short) : `<abbr title="${esc(long)}">${esc(short)}</abbr><span class="sr"> (${esc(long)})</span>`;
      return `<li class="tile" part="tile" data-metric="${id}"><div class="label">${label}</div>`
        + `<span class="value${has ? '' : ' none'}">${esc(has ? this.#format(kind, v) : this.t('noData'))}</span>`
        + `<span class="n">${num(n) ? esc(this.t('n', this.#fmt.whole(n))) : '&nbsp;'}</span></li>`;
    }).join('');
  }

  #trends(r) {
    const series = r.series.filter((p) => p.day !== 'none');
    const from = r.from ?? series[0]?.day;
    const to = r.to ?? series.at(-1)?.day;
    const charts = [
      ['contacts', 'count', (p) => p.contacts],
      ['csat', 'percent', (p) => p.csat],
      ['nps', 'signed', (p) => p.nps],
      ['ces', 'mean', (p) => p.ces],
      ['serviceLevel', 'share', (p) => p.serviceLevel],
      ['abandonment', 'share', (p) => p.abandonmentRate],
      ['aht', 'seconds', (p) => p.aht],
      ['sentiment', 'signed', (p) => p.sentiment],
    ];
    return charts.map(([id, kind, pick]) => {
      const name = id === 'contacts' ? this.t('contacts') : this.t(`${id}Long`);
      const short = id === 'contacts' ? this.t('contacts') : this.t(id);
      const points = series.map((p) => {
        const v = pick(p);
        return { day: p.day, v, tip: `${this.#shortDate(p.day)}: ${num(v) ? this.#format(kind, v) : '—'}` };
      });
      const withValues = points.filter((p) => num(p.v));
      if (withValues.length === 0 || !from || !to) {
        return `<figure class="trend" data-metric="${id}"><figcaption>${esc(short)}</figcaption>`
          + `<p class="empty">${esc(this.t('chartEmpty', name))}</p></figure>`;
      }
      const values = withValues.map((p) => p.v);
      const lo = Math.min(...values);
      const hi = Math.max(...values);
      const fmt = (v) => this.#format(kind, v);
      const summary = this.t('chartSummary', name, this.#fmt.whole(series.length), fmt(withValues[0].v), fmt(withValues.at(-1).v), fmt(lo), fmt(hi));
      return `<figure class="trend" data-metric="${id}"><figcaption><span>${esc(short)}</span>`
        + `<span class="last">${esc(fmt(withValues.at(-1).v))}</span></figcaption>`
        + `<div class="plot"><div class="yaxis${lo === hi ? ' one' : ''}" aria-hidden="true"><span>${esc(fmt(hi))}</span>${lo === hi ? '' : `<span>${esc(fmt(lo))}</span>`}</div>`
        + lineChart(points, from, to)
        + `<div class="xaxis" aria-hidden="true"><span>${esc(this.#shortDate(from))}</span><span>${esc(this.#shortDate(to))}</span></div></div>`
        + `<p class="sr">${esc(summary)}</p></figure>`;
    }).join('');
  }

  #table(r) {
    const dim = this.#groupBy;
    const rows = new Map();
    const row = (key) => {
      const k = key ?? null;
      const id = k === null ? '\u0000none' : String(k);
      if (!rows.has(id)) rows.set(id, { key: k });
      return rows.get(id);
    };
    for (const m of ['csat', 'nps', 'ces']) {
      for (const g of r[m]?.groups ?? []) row(g.key)[m] = g;
    }
    for (const g of r.kpis?.groups ?? []) row(g.key?.[dim] ?? null).kpis = g;
    if (rows.size === 0) return `<p class="note-ok">${esc(this.t('noGroups'))}</p>`;
    const sorted = [...rows.values()].sort((a, b) => (a.key === null) - (b.key === null) || String(a.key).localeCompare(String(b.key)));
    const cell = (kind, v, n) => (num(v)
      ? `<td>${esc(this.#format(kind, v))}${num(n) ? `<span class="n">(${esc(this.#fmt.whole(n))})</span>` : ''}</td>`
      : '<td class="none">—</td>');
    const head = [this.t(dim), this.t('contacts'), this.t('serviceLevel'), this.t('abandonment'), this.t('aht'), this.t('csat'), this.t('nps'), this.t('ces')]
      .map((h) => `<th scope="col">${esc(h)}</th>`).join('');
    const body = sorted.map((x) => `<tr data-key="${esc(x.key ?? '')}"><th scope="row">${esc(x.key ?? this.t('noKey'))}</th>`
      + cell('count', x.kpis?.contacts)
      + cell('share', x.kpis?.serviceLevel)
      + cell('share', x.kpis?.abandonmentRate)
      + cell('seconds', x.kpis?.aht)
      + cell('percent', x.csat?.score, x.csat?.n)
      + cell('signed', x.nps?.score, x.nps?.n)
      + cell('mean', x.ces?.mean, x.ces?.n)
      + '</tr>').join('');
    return `<table part="table" aria-labelledby="bd-title"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
  }

  /** The child widgets defined on the page that take a given result, each with its part. */
  #children(r) {
    const box = this.#$('.children');
    for (const [tag, part] of CHILDREN) {
      const cls = customElements.get(tag);
      let el = box.querySelector(tag);
      if (!cls || !takesResult(cls) || !r[part]) {
        el?.remove();
        continue;
      }
      if (!el) {
        el = document.createElement(tag);
        el.setAttribute('part', 'child');
        box.append(el);
      }
      el.result = r[part];
    }
  }
}
