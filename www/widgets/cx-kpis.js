// <cx-kpis>: contact-centre operations KPIs (service level, abandonment, ASA, AHT, occupancy,
// containment, first-contact resolution) from cxkit's `kpis()` (FCR from `effort()`), with a
// breakdown table (by queue, agent, channel …) and a small trend chart over time buckets.
//
// Usage (one tag loads every widget):
//   <script type="module" src="https://…/cxkit/widgets/index.js"></script>
//   <cx-kpis lang="es" group-by="queue" trend="interval" src="/api/contacts.json"></cx-kpis>
//   <cx-kpis><script type="application/json">{"contacts": [...], "options": {...}}</script></cx-kpis>
//   el.result = kpiReport;          // a KpiResult or KpiGrouped computed elsewhere (the edge's /v1/metrics)
//
// Data (first found wins):
//   .result = {...}                 property: the library's KpiResult or KpiGrouped, shown as given
//   .contacts = [...]               property: contact records (cxkit `Contact`s), computed here
//   src="contacts.json"             attribute: a URL fetched as JSON
//   <script type="application/json"> child
//   The JSON is an array of contacts or `{ "contacts": [...], "options": {...} }`.
// With a given result, `.trend` (a KpiGrouped by interval, day, week or month) draws the trend
// and `.effort` (an EffortReport) gives FCR; both are computed here from raw contacts.
// Options (later wins): the data's `options`, the `.options` property (any KpiOptions), then
//   threshold="20"                  service-level threshold, seconds (library default 20)
//   group-by="queue"                breakdown: queue | agentId | channel (a comma list crosses them)
//   trend="interval"                trend buckets: interval | day | week | month
//   interval-minutes="30"           interval length (library default 30)
//   staffed-seconds="28800"         staffed time of all agents (occupancy needs it)
//   fcr-method="repeatWindow"       FCR method of `effort()` (library default repeatWindow)
// Language: `lang` on the element, else the nearest ancestor's, else <html lang>; "en" or "es".
//
// State and events as every widget: `data-state`, `cx-result` (detail `{ result, options }`, the
// KpiResult or KpiGrouped), `cx-error`. Properties `contacts`, `result`, `trend`, `effort`,
// `options`, `error`, `state`; methods `refresh()`, `recompute()`.
//
// Styling: the shared custom properties (--cx-font, --cx-fg, --cx-muted, --cx-bg, --cx-border,
// --cx-accent (service level line), --cx-detractor (abandonment line), --cx-radius, --cx-padding,
// --cx-error-*) and --cx-tile-bg; parts: card, title, n, tiles, tile, breakdown, trend, error, status.
import { CxMetricElement, bucketLabel, durationWords, esc, lineChart, loadFull, parseList, parseNumber } from './base.js';

/** The KPIs shown, in order: key in the result, kind of value. */
const TILES = [
  ['serviceLevel', 'share'],
  ['abandonmentRate', 'share'],
  ['asa', 'duration'],
  ['aht', 'duration'],
  ['occupancy', 'share'],
  ['containmentRate', 'share'],
  ['fcr', 'share'],
];
const TIME = ['interval', 'day', 'week', 'month'];
const OWN = ['trend', 'fcrMethod'];

/** Shared by the operations widgets: channel names and group-key words. */
export const CHANNELS = {
  en: { voice: 'Voice', chat: 'Chat', email: 'Email', sms: 'SMS', social: 'Social', messaging: 'Messaging', video: 'Video', other: 'Other' },
  es: { voice: 'Voz', chat: 'Chat', email: 'Correo', sms: 'SMS', social: 'Redes sociales', messaging: 'Mensajería', video: 'Vídeo', other: 'Otro' },
};

/** Capitalised first letter (table headers). */
export const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);

export class CxKpis extends CxMetricElement {
  static metric = 'KPIs';
  static loadLibrary = loadFull;
  static renderNeedsLibrary = false;
  static dataKey = 'contacts';
  static upgradeProperties = ['contacts', 'trend', 'effort'];
  static observedAttributes = ['src', 'lang', 'threshold', 'group-by', 'trend', 'interval-minutes', 'staffed-seconds', 'fcr-method'];

  static strings = {
    en: {
      title: 'Contact-centre KPIs',
      offered: (n) => `${n} offered`,
      serviceLevel: 'Service level',
      serviceLevelSub: (s) => `answered within ${s}`,
      abandonmentRate: 'Abandonment',
      asa: 'Avg. speed of answer',
      aht: 'Avg. handle time',
      occupancy: 'Occupancy',
      containmentRate: 'Containment',
      fcr: 'First-contact resolution',
      short: { serviceLevel: 'SL', abandonmentRate: 'Aband.', asa: 'ASA', aht: 'AHT' },
      na: 'n/a',
      naWords: 'not available',
      percentWord: 'percent',
      figure: (parts, n) => `Contact-centre KPIs: ${parts}; ${n} contacts offered`,
      breakdown: (dims) => `By ${dims}`,
      dim: { queue: 'queue', agentId: 'agent', channel: 'channel', interval: 'interval', day: 'day', week: 'week', month: 'month' },
      none: '(none)',
      trendTitle: (b) => `Trend by ${b}`,
      trendLegendSl: 'Service level',
      trendLegendAb: 'Abandonment',
      scroll: 'Breakdown table (scrolls sideways)',
      badResult: 'result: expected a KpiResult (with `offered`, `serviceLevel` …) or a KpiGrouped `{ overall, groups }`',
      badTrend: 'trend: expected a KpiGrouped by interval, day, week or month',
      errCompute: () => 'Could not compute the KPIs',
    },
    es: {
      title: 'KPI del centro de contacto',
      offered: (n) => `${n} ofrecidos`,
      serviceLevel: 'Nivel de servicio',
      serviceLevelSub: (s) => `atendidos en ${s}`,
      abandonmentRate: 'Abandono',
      asa: 'Vel. media de respuesta',
      aht: 'Tiempo medio de gestión',
      occupancy: 'Ocupación',
      containmentRate: 'Contención',
      fcr: 'Resolución al primer contacto',
      short: { serviceLevel: 'NS', abandonmentRate: 'Aband.', asa: 'ASA', aht: 'AHT' },
      na: 'n/d',
      naWords: 'no disponible',
      percentWord: 'por ciento',
      figure: (parts, n) => `KPI del centro de contacto: ${parts}; ${n} contactos ofrecidos`,
      breakdown: (dims) => `Por ${dims}`,
      dim: { queue: 'cola', agentId: 'agente', channel: 'canal', interval: 'intervalo', day: 'día', week: 'semana', month: 'mes' },
      none: '(sin valor)',
      trendTitle: (b) => `Tendencia por ${b}`,
      trendLegendSl: 'Nivel de servicio',
      trendLegendAb: 'Abandono',
      scroll: 'Tabla de desglose (se desplaza en horizontal)',
      badResult: 'result: se esperaba un KpiResult (con `offered`, `serviceLevel` …) o un KpiGrouped `{ overall, groups }`',
      badTrend: 'trend: se esperaba un KpiGrouped por intervalo, día, semana o mes',
      errCompute: () => 'No se pudieron calcular los KPI',
    },
  };

  static css = `
:host { --_tile-bg: var(--cx-tile-bg, #f6f8fa); max-width: 760px; }
.card { container-type: inline-size; }
@container (max-width: 420px) { table.data { font-size: 0.93em; } }
.tiles { list-style: none; margin: 10px 0 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(128px, 1fr)); gap: 8px; }
.tile { background: var(--_tile-bg); border-radius: calc(var(--_radius) * 0.6); padding: 8px 10px; min-width: 0; }
.tile .name { color: var(--_muted); font-size: 0.93em; line-height: 1.25; }
.tile .value { display: block; font-size: 1.6em; font-weight: 700; font-variant-numeric: tabular-nums; line-height: 1.2; margin-top: 2px; }
.tile .value.na { color: var(--_muted); }
.tile .sub { color: var(--_muted); font-size: 0.86em; }
`;

  #trendGiven = undefined;
  #effortGiven = undefined;
  #trend = null;
  #effort = null;

  /** Contacts given directly (an alias of `responses`). */
  get contacts() {
    return this.responses;
  }
  set contacts(value) {
    this.responses = value;
  }

  /** The trend shown: a KpiGrouped by a time dimension (given, or computed with `trend`). */
  get trend() {
    return this.#trendGiven ?? this.#trend;
  }
  set trend(value) {
    this.#trendGiven = value ?? undefined;
    this.recompute();
  }

  /** The EffortReport whose `summary.fcr.rate` is shown as FCR (given, or computed). */
  get effort() {
    return this.#effortGiven ?? this.#effort;
  }
  set effort(value) {
    this.#effortGiven = value ?? undefined;
    this.recompute();
  }

  optionsFromAttributes() {
    const o = {};
    const num = (a, k) => this.hasAttribute(a) && (o[k] = parseNumber(this.getAttribute(a)));
    num('threshold', 'serviceLevelThresholdSeconds');
    num('interval-minutes', 'intervalMinutes');
    num('staffed-seconds', 'staffedSeconds');
    if (this.hasAttribute('group-by')) {
      const dims = parseList(this.getAttribute('group-by'));
      o.groupBy = dims.length === 1 ? dims[0] : dims;
    }
    if (this.hasAttribute('trend')) o.trend = this.getAttribute('trend').trim();
    if (this.hasAttribute('fcr-method')) o.fcrMethod = this.getAttribute('fcr-method').trim();
    return o;
  }

  /** The options of `kpis()`: everything but the widget's own keys. */
  static kpiOptions(options) {
    const o = { ...options };
    for (const k of OWN) delete o[k];
    return o;
  }

  compute(contacts, options) {
    const kpiOptions = CxKpis.kpiOptions(options);
    const result = this.cx.kpis(contacts, kpiOptions);
    this.#trend = options.trend ? this.cx.kpis(contacts, { ...kpiOptions, groupBy: options.trend }) : null;
    const effortOptions = { detail: 'summary' };
    if (options.fcrMethod) effortOptions.fcrMethod = options.fcrMethod;
    if (options.onInvalid) effortOptions.onInvalid = options.onInvalid;
    this.#effort = this.cx.effort(contacts, effortOptions);
    return result;
  }

  validate(result) {
    const r = result?.groups !== undefined ? result.overall : result;
    if (!r || typeof r !== 'object' || !('offered' in r) || !('serviceLevel' in r)) throw new Error(this.t('badResult'));
    if (result.groups !== undefined && !Array.isArray(result.groups)) throw new Error(this.t('badResult'));
    const trend = this.#trendGiven;
    if (trend !== undefined && !(Array.isArray(trend?.groups) && trend.groups.every((g) => g.key && typeof g.key === 'object'))) {
      throw new Error(this.t('badTrend'));
    }
    this.#trend = null;
    this.#effort = null;
    return result;
  }

  // -- values -----------------------------------------------------------------------------------

  #value(r, key) {
    if (key === 'fcr') return this.effort?.summary?.fcr?.rate ?? null;
    return r[key] ?? null;
  }

  #text(v, kind) {
    if (v === null || v === undefined) return this.t('na');
    return kind === 'share' ? this.fmt.share(v) : this.fmt.duration(v);
  }

  #words(v, kind) {
    if (v === null || v === undefined) return this.t('naWords');
    return kind === 'share' ? `${this.words(v * 100)} ${this.t('percentWord')}` : durationWords(this, v);
  }

  #threshold(options) {
    // the library's default threshold (20 s) unless the options say otherwise
    return this.fmt.duration(options.serviceLevelThresholdSeconds ?? 20);
  }

  describe(r) {
    const parts = TILES.map(([k, kind]) => `${this.t(k).toLowerCase()} ${this.#words(this.#value(r, k), kind)}`).join(', ');
    return this.t('figure', parts, this.fmt.whole(r.offered));
  }

  // -- rendering --------------------------------------------------------------------------------

  render(r, options) {
    const f = this.fmt;
    const tiles = TILES.map(([k, kind]) => {
      const v = this.#value(r, k);
      const sub = k === 'serviceLevel' ? `<span class="sub">${esc(this.t('serviceLevelSub', this.#threshold(options)))}</span>` : '';
      return `<li class="tile" part="tile" data-kpi="${k}"><span class="name">${esc(this.t(k))}</span>`
        + `<span class="value${v === null ? ' na' : ''}">${esc(this.#text(v, kind))}</span>${sub}</li>`;
    }).join('');
    const full = this.result;
    return `<header><div class="title" part="title">${esc(this.t('title'))}</div>`
      + `<div class="n" part="n">${esc(this.t('offered', f.whole(r.offered)))}</div></header>`
      + `<ul class="tiles" part="tiles">${tiles}</ul>`
      + (full?.groups ? this.#breakdown(full.groups) : '')
      + (this.trend?.groups?.length ? this.#trendChart(this.trend.groups) : '');
  }

  #keyText(dim, v) {
    if (v === null || v === undefined) return this.t('none');
    if (dim === 'channel') return CHANNELS[this.language][v] ?? v;
    if (dim === 'interval') return String(v).replace('T', ' ');
    return String(v);
  }

  #breakdown(groups) {
    const dims = Object.keys(groups[0]?.key ?? {});
    if (dims.length === 0) return '';
    const dimNames = dims.map((d) => this.t('dim')[d] ?? d);
    const cols = ['serviceLevel', 'abandonmentRate', 'asa', 'aht'];
    const kinds = { serviceLevel: 'share', abandonmentRate: 'share', asa: 'duration', aht: 'duration' };
    const head = cols.map((c) => `<th scope="col"><abbr title="${esc(this.t(c))}">${esc(this.t('short')[c])}</abbr></th>`).join('');
    const rows = groups.map((g) => {
      const name = dims.map((d) => this.#keyText(d, g.key[d])).join(' · ');
      const cells = cols.map((c) => `<td>${esc(this.#text(g[c], kinds[c]))}</td>`).join('');
      return `<tr data-key="${esc(JSON.stringify(g.key))}"><th scope="row">${esc(name)}`
        + `<span class="sub">${esc(this.t('offered', this.fmt.whole(g.offered)))}</span></th>${cells}</tr>`;
    }).join('');
    const caption = this.t('breakdown', dimNames.join(' × '));
    return `<div class="table-wrap" part="breakdown" tabindex="0" role="region" aria-label="${esc(caption)}">`
      + `<table class="data breakdown"><caption>${esc(caption)}</caption>`
      + `<thead><tr><th scope="col">${esc(cap(dimNames.join(' · ')))}</th>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
  }

  #trendChart(groups) {
    const dim = Object.keys(groups[0].key).find((d) => TIME.includes(d)) ?? Object.keys(groups[0].key)[0];
    const labels = groups.map((g) => bucketLabel(g.key[dim], this.fmt));
    const sl = groups.map((g) => g.serviceLevel ?? null);
    const ab = groups.map((g) => g.abandonmentRate ?? null);
    const f = this.fmt;
    const texts = (vs) => vs.map((v) => this.#text(v, 'share'));
    const title = this.t('trendTitle', this.t('dim')[dim] ?? dim);
    const chart = lineChart({
      series: [
        { name: this.t('trendLegendSl'), cls: 'sl', values: sl, texts: texts(sl) },
        { name: this.t('trendLegendAb'), cls: 'alt', values: ab, texts: texts(ab) },
      ],
      labels,
      title,
      label: `${title}: ${groups.map((g, i) => `${this.#keyText(dim, g.key[dim])}, ${this.t('trendLegendSl').toLowerCase()} ${texts(sl)[i]}, `
        + `${this.t('trendLegendAb').toLowerCase()} ${texts(ab)[i]}`).join('; ')}`,
      min: 0,
      max: 1,
      ticks: [{ value: 0, text: f.share(0) }, { value: 0.5, text: f.share(0.5) }, { value: 1, text: f.share(1) }],
    });
    return `<div class="section">${esc(title)}</div>${chart}`
      + `<ul class="legend"><li><span class="swatch accent"></span>${esc(this.t('trendLegendSl'))}</li>`
      + `<li><span class="swatch alt"></span>${esc(this.t('trendLegendAb'))}</li></ul>`;
  }
}
