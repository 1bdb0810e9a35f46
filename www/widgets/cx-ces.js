// <cx-ces>: Customer Effort Score card (mean, its t interval, share of easy answers, n, one bar
// per scale point with the easy ones highlighted), computed in the browser by cxkit's `ces()`;
// with `group-by` a breakdown table, with `trend` a line chart of the mean over days, weeks or
// months.
//
// Usage (one tag loads every widget):
//   <script type="module" src="https://…/cxkit/widgets/index.js"></script>
//   <cx-ces lang="es" group-by="queue" trend="day" src="/api/ces-answers.json"></cx-ces>
//   <cx-ces version="1"><script type="application/json">[1, 2, "muy fácil", 4]</script></cx-ces>
//   el.result = cesResult;          // a CesResult or Grouped<CesResult> computed elsewhere
//
// Data (first found wins):
//   .result = {...}                 property: the library's CesResult or `{ overall, groups }`
//   .responses = [...]              property: answers (numbers, labels or response objects)
//   src="answers.json"              attribute: a URL fetched as JSON
//   <script type="application/json"> child
//   The JSON is an array of answers or `{ "responses": [...], "options": {...} }`.
// With a given result, `.trend` (a Grouped<CesResult> by day, week or month) draws the trend.
// Options (later wins): the data's `options`, the `.options` property (any CesOptions), then
//   version="1" | "2"               CES version (library default 2: 1–7 agreement, high is easy)
//   confidence="0.9"                confidence level (library default 0.95)
//   group-by="queue"                breakdown: queue | agentId | channel | day | week | month
//   trend="day"                     trend buckets: day | week | month (answers need `respondedAt`)
// Language: `lang` on the element, else the nearest ancestor's, else <html lang>; "en" or "es".
//
// State and events as every widget: `data-state`, `cx-result` (detail `{ result, options }`),
// `cx-error`. Properties `responses`, `result`, `trend`, `options`, `error`, `state`; methods
// `refresh()`, `recompute()`.
//
// Styling: the shared custom properties (--cx-accent: easy bars and the trend line, --cx-neutral:
// other bars, --cx-font, --cx-fg, --cx-muted, --cx-bg, --cx-border, --cx-radius, --cx-padding,
// --cx-error-*); parts: card, title, n, score, ci, summary, chart, legend, breakdown, trend,
// error, status.
import { CxMetricElement, barChart, bucketLabel, classifyPoints, describePoints, esc, lineChart, parseNumber } from './base.js';
import { CHANNELS, cap } from './cx-kpis.js';

const TIME = ['day', 'week', 'month'];

export class CxCes extends CxMetricElement {
  static metric = 'CES';
  static upgradeProperties = ['trend'];
  static observedAttributes = ['src', 'lang', 'version', 'confidence', 'group-by', 'trend'];

  static strings = {
    en: {
      title: 'Customer Effort Score (CES)',
      spoken: 'Customer Effort Score',
      outOf: (lo, hi) => `mean on ${lo}–${hi}`,
      outOfWords: (lo, hi) => `mean on a scale from ${lo} to ${hi}`,
      easyShare: (p) => `${p} easy`,
      easyWords: (p) => `${p} percent easy`,
      easy: 'Easy',
      other: 'Not easy',
      lowHard: 'Very difficult',
      highEasy: 'Very easy',
      chartTitle: 'Answers per scale point',
      tip: (point, count) => `${point}: ${count}`,
      noCi: 'no interval with one answer',
      breakdown: (dim) => `By ${dim}`,
      dim: { queue: 'queue', agentId: 'agent', channel: 'channel', day: 'day', week: 'week', month: 'month' },
      mean: 'Mean',
      easyCol: 'Easy',
      none: '(none)',
      trendTitle: (b) => `Mean by ${b}`,
      badResult: 'result: expected a CesResult (with `mean`, `n`, `distribution` …) or `{ overall, groups }`',
      badTrend: 'trend: expected a Grouped<CesResult> by day, week or month',
    },
    es: {
      title: 'Customer Effort Score (CES)',
      spoken: 'Customer Effort Score',
      outOf: (lo, hi) => `media en ${lo}–${hi}`,
      outOfWords: (lo, hi) => `media en una escala de ${lo} a ${hi}`,
      easyShare: (p) => `${p} fácil`,
      easyWords: (p) => `${p} por ciento fácil`,
      easy: 'Fácil',
      other: 'No fácil',
      lowHard: 'Muy difícil',
      highEasy: 'Muy fácil',
      chartTitle: 'Respuestas por punto de la escala',
      tip: (point, count) => `${point}: ${count}`,
      noCi: 'sin intervalo con una respuesta',
      breakdown: (dim) => `Por ${dim}`,
      dim: { queue: 'cola', agentId: 'agente', channel: 'canal', day: 'día', week: 'semana', month: 'mes' },
      mean: 'Media',
      easyCol: 'Fácil',
      none: '(sin valor)',
      trendTitle: (b) => `Media por ${b}`,
      badResult: 'result: se esperaba un CesResult (con `mean`, `n`, `distribution` …) o `{ overall, groups }`',
      badTrend: 'trend: se esperaba un Grouped<CesResult> por día, semana o mes',
    },
  };

  static css = `
:host { max-width: 560px; }
.ends { display: flex; justify-content: space-between; gap: 12px; margin-top: 2px; color: var(--_muted); font-size: 0.93em; }
`;

  #classes = { key: null, map: null };
  #trendGiven = undefined;
  #trend = null;

  /** The trend shown: a Grouped<CesResult> by day, week or month (given, or computed with `trend`). */
  get trend() {
    return this.#trendGiven ?? this.#trend;
  }
  set trend(value) {
    this.#trendGiven = value ?? undefined;
    this.recompute();
  }

  optionsFromAttributes() {
    const o = {};
    if (this.hasAttribute('version')) o.version = parseNumber(this.getAttribute('version'));
    if (this.hasAttribute('confidence')) o.confidence = parseNumber(this.getAttribute('confidence'));
    if (this.hasAttribute('group-by')) o.groupBy = this.getAttribute('group-by').trim();
    if (this.hasAttribute('trend')) o.trend = this.getAttribute('trend').trim();
    return o;
  }

  compute(responses, options) {
    const { trend, ...o } = options;
    const result = this.cx.ces(responses, o);
    this.#trend = trend ? this.cx.ces(responses, { ...o, groupBy: trend }) : null;
    return result;
  }

  validate(result) {
    const r = result?.groups !== undefined ? result.overall : result;
    if (!r || typeof r !== 'object' || typeof r.mean !== 'number' || !r.distribution || typeof r.distribution !== 'object') {
      throw new Error(this.t('badResult'));
    }
    const trend = this.#trendGiven;
    if (trend !== undefined && !Array.isArray(trend?.groups)) throw new Error(this.t('badTrend'));
    this.#trend = null;
    return result;
  }

  /** Which scale points the library counts as easy (one single-answer CES per point). */
  #easyPoints(r) {
    const key = `${r.version}:${Object.keys(r.distribution).join(',')}`;
    if (this.#classes.key !== key) {
      const points = Object.keys(r.distribution);
      const scale = [Number(points[0]), Number(points[points.length - 1])];
      const scores = classifyPoints(points, (p) => this.cx.ces([p], { version: r.version, scale }).percentEasy);
      const map = {};
      for (const [p, s] of Object.entries(scores)) map[p] = s > 0;
      this.#classes = { key, map };
    }
    return this.#classes.map;
  }

  #range(r) {
    const points = Object.keys(r.distribution).map(Number);
    return [points[0], points[points.length - 1]];
  }

  describe(r) {
    const [lo, hi] = this.#range(r);
    const f = this.fmt;
    const ci = r.ci
      ? this.t('ciWords', f.level(r.ci.confidence), f.score(r.ci.low), f.score(r.ci.high))
      : this.t('noCi');
    return `${this.t('spoken')}: ${f.score(r.mean)}, ${this.t('outOfWords', f.whole(lo), f.whole(hi))} (${ci}), `
      + `${this.t('easyWords', this.words(r.percentEasy))}, ${this.t('responses', f.whole(r.n), r.n === 1)}`;
  }

  render(r, options) {
    const f = this.fmt;
    const [lo, hi] = this.#range(r);
    const easy = this.#easyPoints(r);
    const points = Object.keys(r.distribution);
    const bars = points.map((p) => ({
      label: p,
      count: r.distribution[p],
      countText: f.whole(r.distribution[p]),
      cls: easy[p] ? 'satisfied' : 'other',
      tip: this.t('tip', p, f.whole(r.distribution[p])),
    }));
    // version 2: high is easy; version 1: low is easy (the library says which points are easy)
    const easyHigh = easy[points[points.length - 1]];
    const ci = r.ci
      ? `<span class="label">${esc(this.t('ciShort', f.level(r.ci.confidence)))}</span> ${esc(f.score(r.ci.low))}–${esc(f.score(r.ci.high))}`
      : esc(this.t('noCi'));
    const full = this.result;
    return `<header><div class="title" part="title">${esc(this.t('title'))}</div>`
      + `<div class="n" part="n">${esc(this.t('n', f.whole(r.n)))}</div></header>`
      + `<div class="headline"><span class="score" part="score">${esc(f.score(r.mean))}</span>`
      + `<span class="ci" part="ci">${ci}</span></div>`
      + `<p class="note" part="summary">${esc(this.t('outOf', f.whole(lo), f.whole(hi)))} · ${esc(this.t('easyShare', f.percent(r.percentEasy)))}</p>`
      + barChart({ bars, title: this.t('chartTitle') })
      + `<div class="ends" aria-hidden="true"><span>${esc(this.t(easyHigh ? 'lowHard' : 'highEasy'))}</span>`
      + `<span>${esc(this.t(easyHigh ? 'highEasy' : 'lowHard'))}</span></div>`
      + `<ul class="legend" part="legend">`
      + `<li><span class="swatch satisfied"></span>${esc(this.t('easy'))} (${esc(describePoints(points.filter((p) => easy[p])))})</li>`
      + `<li><span class="swatch"></span>${esc(this.t('other'))} (${esc(describePoints(points.filter((p) => !easy[p])))})</li></ul>`
      + (full?.groups ? this.#breakdown(full.groups, options.groupBy ?? 'queue') : '')
      + (this.trend?.groups?.length ? this.#trendChart(this.trend.groups, lo, hi, options.trend) : '');
  }

  #keyText(dim, v) {
    if (v === null || v === undefined) return this.t('none');
    if (dim === 'channel') return CHANNELS[this.language][v] ?? v;
    return String(v);
  }

  #breakdown(groups, dim) {
    const name = this.t('dim')[dim] ?? dim;
    const caption = this.t('breakdown', name);
    const rows = groups.map((g) => `<tr data-key="${esc(g.key ?? '')}"><th scope="row">${esc(this.#keyText(dim, g.key))}</th>`
      + `<td>${esc(this.fmt.score(g.mean))}</td><td>${esc(this.fmt.percent(g.percentEasy))}</td><td>${esc(this.fmt.whole(g.n))}</td></tr>`).join('');
    return `<div class="table-wrap" part="breakdown" tabindex="0" role="region" aria-label="${esc(caption)}">`
      + `<table class="data breakdown"><caption>${esc(caption)}</caption><thead><tr><th scope="col">${esc(cap(name))}</th>`
      + `<th scope="col">${esc(this.t('mean'))}</th><th scope="col">${esc(this.t('easyCol'))}</th><th scope="col">n</th></tr></thead>`
      + `<tbody>${rows}</tbody></table></div>`;
  }

  #trendChart(groups, lo, hi, trend) {
    const dim = TIME.includes(trend) ? trend : 'day';
    const title = this.t('trendTitle', this.t('dim')[dim] ?? dim);
    const values = groups.map((g) => g.mean);
    const texts = values.map((v) => this.fmt.score(v));
    const mid = (lo + hi) / 2;
    const chart = lineChart({
      series: [{ name: this.t('mean'), cls: 'mean', values, texts }],
      labels: groups.map((g) => bucketLabel(g.key, this.fmt)),
      title,
      label: `${title}: ${groups.map((g, i) => `${this.#keyText(dim, g.key)} ${texts[i]} (n = ${this.fmt.whole(g.n)})`).join('; ')}`,
      min: lo,
      max: hi,
      ticks: [lo, mid, hi].map((v) => ({ value: v, text: this.fmt.score(v) })),
    });
    return `<div class="section">${esc(title)}</div>${chart}`;
  }
}
