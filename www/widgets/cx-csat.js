// <cx-csat>: Customer Satisfaction card (share of satisfied answers, confidence interval, n and
// one bar per scale point, the satisfied ones highlighted), computed in the browser by cxkit's
// `csat()`. Answers may be numbers or labels in English or Spanish ("very satisfied",
// "muy satisfecho" …).
//
// Usage (one tag loads every widget):
//   <script type="module" src="https://…/cxkit/widgets/index.js"></script>
//   <cx-csat lang="es" scale="1,5">
//     <script type="application/json">[5, 4, "muy satisfecho", 2, "neutral"]</script>
//   </cx-csat>
//
// Data (first found wins):
//   .responses = [...]            property: an array of answers (numbers, labels or response objects)
//   src="answers.json"            attribute: a URL fetched as JSON
//   <script type="application/json"> child
//   The JSON is either an array of answers or `{ "responses": [...], "options": {...} }`.
// Options (later wins): the data's `options`, the `.options` property (any CsatOptions of the
// library), then these attributes:
//   scale="1,5" | "1,7" | "1,10" | "binary"      (library default: 1,5)
//   satisfied="4,5" | "good"                      satisfied answers (library default: top two boxes)
//   interval="wilson|agresti-coull|clopper-pearson|jeffreys|wald"   (library default: wilson)
//   confidence="0.9"                              confidence level in (0, 1) (library default: 0.95)
// Language: `lang` on the element, else the nearest ancestor's, else <html lang>; "en" (default)
// or "es". Changing any of these re-renders.
//
// State and events: host attribute `data-state="loading" | "ready" | "error"`; `cx-result`
// (detail `{ result, options }`, result = the library's CsatResult) and `cx-error` (detail
// `{ error, code, message, phase }`) bubble and cross shadow roots. Properties `result`, `error`,
// `state`; method `refresh()`.
//
// Styling: custom properties --cx-font, --cx-font-size, --cx-fg, --cx-muted, --cx-bg,
// --cx-border, --cx-radius, --cx-padding, --cx-accent (satisfied bars), --cx-neutral (other
// bars), --cx-error-fg, --cx-error-bg, --cx-error-border; parts: card, title, n, score, ci,
// summary, chart, legend, error, status.
import { CxMetricElement, barChart, classifyPoints, cx, describePoints, esc, parseList } from './base.js';

export class CxCsat extends CxMetricElement {
  static metric = 'CSAT';
  static observedAttributes = [...CxMetricElement.observedAttributes, 'satisfied'];

  static strings = {
    en: {
      title: 'Customer satisfaction (CSAT)',
      spoken: 'Customer satisfaction',
      summary: (k, n) => `${k} of ${n} satisfied`,
      satisfied: 'Satisfied',
      other: 'Not satisfied',
      low: 'Very dissatisfied',
      high: 'Very satisfied',
      bad: 'Bad',
      good: 'Good',
      tip: (point, count) => `${point}: ${count}`,
      chartTitle: 'Answers per scale point',
    },
    es: {
      title: 'Satisfacción del cliente (CSAT)',
      spoken: 'Satisfacción del cliente',
      summary: (k, n) => `${k} de ${n} satisfechos`,
      satisfied: 'Satisfechos',
      other: 'No satisfechos',
      low: 'Muy insatisfecho',
      high: 'Muy satisfecho',
      bad: 'Malo',
      good: 'Bueno',
      tip: (point, count) => `${point}: ${count}`,
      chartTitle: 'Respuestas por punto de la escala',
    },
  };

  static css = `
.ends { display: flex; justify-content: space-between; gap: 12px; margin-top: 2px; color: var(--_muted); font-size: 0.93em; }
`;

  #classes = { key: null, map: null };

  optionsFromAttributes() {
    const o = super.optionsFromAttributes();
    if (this.hasAttribute('satisfied')) o.satisfied = parseList(this.getAttribute('satisfied'));
    return o;
  }

  compute(responses, options) {
    return cx.csat(responses, options);
  }

  /** Which scale points the library counts as satisfied (one single-answer CSAT per point). */
  #satisfiedPoints(result, options) {
    const key = JSON.stringify(options);
    if (this.#classes.key !== key) {
      const { groupBy, onInvalid, ...o } = options;
      const scores = classifyPoints(Object.keys(result.distribution), (p) => cx.csat([p], o).score);
      const map = {};
      for (const [p, s] of Object.entries(scores)) map[p] = s > 0;
      this.#classes = { key, map };
    }
    return this.#classes.map;
  }

  #pointLabel(p) {
    return /^-?\d+$/.test(p) ? p : this.t(p);
  }

  describe(r) {
    const level = this.fmt.level(r.ci.confidence);
    const pct = this.t('percentWord');
    return `${this.t('spoken')}: ${this.words(r.score)} ${pct} (`
      + `${this.t('ciWords', level, this.words(r.ci.low), `${this.words(r.ci.high)} ${pct}`)}), `
      + `${this.t('responses', this.fmt.whole(r.n), r.n === 1)}`;
  }

  render(r, options) {
    const f = this.fmt;
    const isSatisfied = this.#satisfiedPoints(r, options);
    const points = Object.keys(r.distribution);
    const numeric = points.every((p) => /^-?\d+$/.test(p));
    const bars = points.map((p) => ({
      label: this.#pointLabel(p),
      count: r.distribution[p],
      countText: f.whole(r.distribution[p]),
      cls: isSatisfied[p] ? 'satisfied' : 'other',
      tip: this.t('tip', this.#pointLabel(p), f.whole(r.distribution[p])),
    }));
    const label = (p) => this.#pointLabel(p);
    const sat = describePoints(points.filter((p) => isSatisfied[p]), label);
    const other = describePoints(points.filter((p) => !isSatisfied[p]), label);
    return `<header><div class="title" part="title">${esc(this.t('title'))}</div>`
      + `<div class="n" part="n">${esc(this.t('n', f.whole(r.n)))}</div></header>`
      + `<div class="headline"><span class="score" part="score">${esc(f.percent(r.score))}</span>`
      + `<span class="ci" part="ci"><span class="label">${esc(this.t('ciShort', f.level(r.ci.confidence)))}</span> `
      + `${esc(f.whole(r.ci.low))}–${esc(f.percentWhole(r.ci.high))}</span></div>`
      + `<p class="note" part="summary">${esc(this.t('summary', f.whole(r.satisfied), f.whole(r.n)))}</p>`
      + barChart({ bars, title: this.t('chartTitle') })
      + (numeric ? `<div class="ends" aria-hidden="true"><span>${esc(this.t('low'))}</span><span>${esc(this.t('high'))}</span></div>` : '')
      + `<ul class="legend" part="legend">`
      + `<li><span class="swatch satisfied"></span>${esc(this.t('satisfied'))} (${esc(sat)})</li>`
      + (other ? `<li><span class="swatch"></span>${esc(this.t('other'))} (${esc(other)})</li>` : '')
      + `</ul>`;
  }
}
