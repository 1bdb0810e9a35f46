// <cx-nps>: Net Promoter Score card (score, confidence interval, n, promoter/passive/detractor
// shares and the 0–10 distribution), computed in the browser by cxkit's `nps()`.
//
// Usage (one tag loads every widget):
//   <script type="module" src="https://…/cxkit/widgets/index.js"></script>
//   <cx-nps lang="es" interval="adjusted-wald">
//     <script type="application/json">[10, 9, 7, 3, {"value": 8, "queue": "billing"}]</script>
//   </cx-nps>
//
// Data (first found wins):
//   .responses = [...]            property: an array of answers (numbers, labels or response objects)
//   src="answers.json"            attribute: a URL fetched as JSON
//   <script type="application/json"> child
//   The JSON is either an array of answers or `{ "responses": [...], "options": {...} }`.
// Options (later wins): the data's `options`, the `.options` property (any NpsOptions of the
// library), then these attributes:
//   interval="wald|adjusted-wald"   confidence interval method (library default: wald)
//   confidence="0.9"                confidence level in (0, 1) (library default: 0.95)
//   scale="0,10"                    accepted for symmetry; NPS is always 0–10
// Language: `lang` on the element, else the nearest ancestor's, else <html lang>; "en" (default)
// or "es". Changing any of these re-renders.
//
// State and events: host attribute `data-state="loading" | "ready" | "error"`; `cx-result`
// (detail `{ result, options }`, result = the library's NpsResult) and `cx-error` (detail
// `{ error, code, message, phase }`) bubble and cross shadow roots. Properties `result`, `error`,
// `state`; method `refresh()`.
//
// Styling: custom properties --cx-font, --cx-font-size, --cx-fg, --cx-muted, --cx-bg,
// --cx-border, --cx-radius, --cx-padding, --cx-promoter, --cx-passive, --cx-detractor,
// --cx-error-fg, --cx-error-bg, --cx-error-border; parts: card, title, n, score, ci, chart,
// groups, detractors, passives, promoters, error, status.
import { CxMetricElement, barChart, classifyPoints, cx, describePoints, esc } from './base.js';

const GROUPS = ['detractor', 'passive', 'promoter'];

export class CxNps extends CxMetricElement {
  static metric = 'NPS';

  static strings = {
    en: {
      title: 'Net Promoter Score',
      detractor: 'Detractors',
      passive: 'Passives',
      promoter: 'Promoters',
      tip: (point, count, group) => `${point}: ${count} (${group.toLowerCase()})`,
      chartTitle: 'Answers from 0 to 10',
    },
    es: {
      title: 'Net Promoter Score',
      detractor: 'Detractores',
      passive: 'Pasivos',
      promoter: 'Promotores',
      tip: (point, count, group) => `${point}: ${count} (${group.toLowerCase()})`,
      chartTitle: 'Respuestas de 0 a 10',
    },
  };

  static css = `
.groups { list-style: none; margin: 10px 0 0; padding: 0; display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 8px; }
.group { border-top: 4px solid var(--_neutral); padding-top: 6px; min-width: 0; }
.group.detractor { border-color: var(--_detractor); }
.group.passive { border-color: var(--_passive); }
.group.promoter { border-color: var(--_promoter); }
.group .name { display: block; font-size: 0.93em; color: var(--_muted); overflow-wrap: anywhere; }
.group .share { display: block; font-size: 1.3em; font-weight: 650; font-variant-numeric: tabular-nums; }
.group .detail { display: block; font-size: 0.93em; color: var(--_muted); font-variant-numeric: tabular-nums; }
`;

  #classes = { key: null, map: null };

  compute(responses, options) {
    return cx.nps(responses, options);
  }

  /** Which group the library puts each 0–10 point in (one single-answer NPS per point). */
  #groupOf(result, options) {
    const key = JSON.stringify(options);
    if (this.#classes.key !== key) {
      const { groupBy, onInvalid, ...o } = options;
      const scores = classifyPoints(Object.keys(result.distribution), (p) => cx.nps([p], o).score);
      const map = {};
      for (const [p, s] of Object.entries(scores)) map[p] = s > 0 ? 'promoter' : s < 0 ? 'detractor' : 'passive';
      this.#classes = { key, map };
    }
    return this.#classes.map;
  }

  describe(r) {
    const level = this.fmt.level(r.ci.confidence);
    const signed = { signed: true };
    return `${this.t('title')}: ${this.words(r.score, signed)} (`
      + `${this.t('ciWords', level, this.words(r.ci.low, signed), this.words(r.ci.high, signed))}), `
      + `${this.t('responses', this.fmt.whole(r.n), r.n === 1)}`;
  }

  render(r, options) {
    const f = this.fmt;
    const groupOf = this.#groupOf(r, options);
    const points = Object.keys(r.distribution);
    const bars = points.map((p) => ({
      label: p,
      count: r.distribution[p],
      countText: f.whole(r.distribution[p]),
      cls: groupOf[p],
      tip: this.t('tip', p, f.whole(r.distribution[p]), this.t(groupOf[p])),
    }));
    const counts = { detractor: r.detractors, passive: r.passives, promoter: r.promoters };
    const shares = { detractor: r.percentDetractors, passive: r.percentPassives, promoter: r.percentPromoters };
    const groups = GROUPS.map((g) => {
      const range = describePoints(points.filter((p) => groupOf[p] === g));
      return `<li class="group ${g}" part="${g}s"><span class="name">${esc(this.t(g))}</span>`
        + `<span class="share">${esc(f.percent(shares[g]))}</span>`
        + `<span class="detail">${esc(f.whole(counts[g]))} · ${esc(range)}</span></li>`;
    }).join('');
    return `<header><div class="title" part="title">${esc(this.t('title'))}</div>`
      + `<div class="n" part="n">${esc(this.t('n', f.whole(r.n)))}</div></header>`
      + `<div class="headline"><span class="score" part="score">${esc(f.signed(r.score))}</span>`
      + `<span class="ci" part="ci"><span class="label">${esc(this.t('ciShort', f.level(r.ci.confidence)))}</span> `
      + `${esc(f.wholeSigned(r.ci.low))} ${esc(this.t('to'))} ${esc(f.wholeSigned(r.ci.high))}</span></div>`
      + barChart({ bars, title: this.t('chartTitle') })
      + `<ul class="groups" part="groups">${groups}</ul>`;
  }
}
