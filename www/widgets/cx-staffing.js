// <cx-staffing>: an Erlang C / Erlang A what-if. The user moves the inputs (calls per interval,
// AHT, target service level and threshold, patience for Erlang A) and the widget shows, at once,
// the agents needed (cxkit's `agentsRequired()`) with the resulting service level, ASA,
// occupancy and probability of waiting (and of abandoning, Erlang A), and the service level at a
// few agent counts around the answer (`erlangC()` / `erlangA()`).
//
// Usage (one tag loads every widget):
//   <script type="module" src="https://…/cxkit/widgets/index.js"></script>
//   <cx-staffing calls="100" aht="180" target="0.8" threshold="20"></cx-staffing>
//   <cx-staffing lang="es" model="erlang-a" patience="120"></cx-staffing>
//   el.result = agentsRequiredResult;   // shown as given until the user moves an input
//
// Inputs (later wins): the data's `options` (a `src` or inline JSON `{ "options": {...} }`), the
// `.options` property (any AgentsRequiredInput fields), then the attributes
//   calls="100"          calls per interval               (widget default 100)
//   interval-seconds="1800"  interval length, seconds     (widget default 1800)
//   aht="180"            average handle time, seconds     (widget default 180)
//   target="0.8"         target service level, 0–1         (widget default 0.8, as the library)
//   threshold="20"       service-level threshold, seconds (widget default 20, as the library)
//   model="erlang-c"     erlang-c | erlang-a               (library default erlang-c)
//   patience="120"       mean patience, seconds (Erlang A)  (widget default 120)
// The controls start at those values; moving a range or typing a number recomputes at once
// (keyboard: Tab between controls, arrow keys / Page Up / Page Down / Home / End on a range).
// `.inputs` is the AgentsRequiredInput of what is shown, `.result` its AgentsRequiredResult.
//
// Events: `cx-result` (detail `{ result, options }` with `options` the AgentsRequiredInput) on
// the first computation and on every change; `cx-error` when an input is rejected (the alert is
// shown under the controls, which stay usable).
//
// Styling: the shared custom properties (--cx-accent: bars meeting the target and the range
// thumbs, --cx-neutral, --cx-focus, …); parts: card, title, form, agents, stats, chart, error.
import { CxMetricElement, barChart, durationWords, esc, loadFull, parseNumber } from './base.js';

/** The controls: field of AgentsRequiredInput, widget default, range min/max/step, unit. */
const FIELDS = [
  { key: 'callsPerInterval', attr: 'calls', def: 100, min: 1, max: 1000, step: 1, unit: 'calls' },
  { key: 'ahtSeconds', attr: 'aht', def: 180, min: 10, max: 1800, step: 1, unit: 's' },
  { key: 'targetServiceLevel', attr: 'target', def: 0.8, min: 50, max: 99, step: 1, unit: '%', percent: true },
  { key: 'thresholdSeconds', attr: 'threshold', def: 20, min: 1, max: 300, step: 1, unit: 's' },
  { key: 'patienceSeconds', attr: 'patience', def: 120, min: 5, max: 1800, step: 1, unit: 's', erlangA: true },
];
const INTERVALS = [900, 1800, 3600];

export class CxStaffing extends CxMetricElement {
  static metric = 'staffing';
  static loadLibrary = loadFull;
  static needsData = false;
  static observedAttributes = ['src', 'lang', 'calls', 'interval-seconds', 'aht', 'target', 'threshold', 'model', 'patience'];

  static strings = {
    en: {
      title: 'Staffing what-if',
      callsPerInterval: 'Calls per interval',
      ahtSeconds: 'Average handle time',
      targetServiceLevel: 'Target service level',
      thresholdSeconds: 'Answered within',
      patienceSeconds: 'Mean patience',
      intervalSeconds: 'Interval',
      minutes: (m) => `${m} min`,
      model: 'Model',
      'erlang-c': 'Erlang C',
      'erlang-a': 'Erlang A (abandons)',
      unit: { calls: 'calls', s: 'sec', '%': '%' },
      agentsNeeded: 'agents needed',
      serviceLevel: 'Service level',
      asa: 'Avg. speed of answer',
      occupancy: 'Occupancy',
      probabilityWait: 'Probability of waiting',
      probabilityAbandon: 'Probability of abandoning',
      traffic: 'Traffic (erlangs)',
      chartTitle: 'Service level by number of agents',
      tip: (n, sl) => `${n} agents: ${sl}`,
      meets: 'Meets the target',
      below: 'Below the target',
      agentsAxis: 'agents',
      figure: (n, model, sl, asa, occ) => `Staffing: ${n} agents needed (${model}); service level ${sl}, average speed of answer ${asa}, occupancy ${occ}`,
      live: (n, sl) => `${n} agents needed, service level ${sl}`,
      percentWord: 'percent',
      errCompute: () => 'Could not compute the staffing',
      badResult: 'result: expected an AgentsRequiredResult (with `agents`, `serviceLevel` …)',
    },
    es: {
      title: 'Simulación de dimensionamiento',
      callsPerInterval: 'Llamadas por intervalo',
      ahtSeconds: 'Tiempo medio de gestión',
      targetServiceLevel: 'Nivel de servicio objetivo',
      thresholdSeconds: 'Atendidas en',
      patienceSeconds: 'Paciencia media',
      intervalSeconds: 'Intervalo',
      minutes: (m) => `${m} min`,
      model: 'Modelo',
      'erlang-c': 'Erlang C',
      'erlang-a': 'Erlang A (abandonos)',
      unit: { calls: 'llamadas', s: 's', '%': '%' },
      agentsNeeded: 'agentes necesarios',
      serviceLevel: 'Nivel de servicio',
      asa: 'Vel. media de respuesta',
      occupancy: 'Ocupación',
      probabilityWait: 'Probabilidad de espera',
      probabilityAbandon: 'Probabilidad de abandono',
      traffic: 'Tráfico (erlangs)',
      chartTitle: 'Nivel de servicio según el número de agentes',
      tip: (n, sl) => `${n} agentes: ${sl}`,
      meets: 'Cumple el objetivo',
      below: 'Por debajo del objetivo',
      agentsAxis: 'agentes',
      figure: (n, model, sl, asa, occ) => `Dimensionamiento: ${n} agentes necesarios (${model}); nivel de servicio ${sl}, velocidad media de respuesta ${asa}, ocupación ${occ}`,
      live: (n, sl) => `${n} agentes necesarios, nivel de servicio ${sl}`,
      percentWord: 'por ciento',
      errCompute: () => 'No se pudo calcular el dimensionamiento',
      badResult: 'result: se esperaba un AgentsRequiredResult (con `agents`, `serviceLevel` …)',
    },
  };

  static css = `
:host { --_focus: var(--cx-focus, var(--_accent)); max-width: 760px; }
.card { container-type: inline-size; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr); gap: 14px; margin-top: 8px; }
@container (min-width: 620px) { .layout { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); } }
form { display: grid; gap: 10px; margin: 0; }
.field { display: grid; grid-template-columns: minmax(0, 1fr) auto; align-items: center; gap: 2px 10px; }
.field select { grid-column: 1 / -1; }
.field label, .field .label { grid-column: 1 / -1; font-weight: 600; }
.field .num { display: flex; align-items: center; gap: 4px; }
.field .unit { color: var(--_muted); font-size: 0.93em; }
.field[hidden] { display: none; }
input[type=range] { width: 100%; margin: 0; accent-color: var(--_accent); }
input[type=number], select { font: inherit; color: var(--_fg); background: var(--_bg); border: 1px solid var(--_muted); border-radius: 6px; padding: 3px 6px; min-width: 0; }
input[type=number] { width: 5.2em; font-variant-numeric: tabular-nums; }
.field .unit { min-width: 3.6em; }
select { width: 100%; }
.pair { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 10px; }
input:focus-visible, select:focus-visible { outline: 2px solid var(--_focus); outline-offset: 2px; }
.agents { display: flex; align-items: baseline; gap: 8px; flex-wrap: wrap; margin: 0 0 6px; }
.agents .label { color: var(--_muted); }
.stats { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 6px 12px; margin: 0 0 8px; }
.stats div { min-width: 0; }
.stats dt { color: var(--_muted); font-size: 0.93em; }
.stats dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
.chart .bar.other { fill: var(--_neutral); }
`;

  #inputs = null; // the AgentsRequiredInput shown
  #current = null; // its AgentsRequiredResult
  #curve = null; // [{ agents, serviceLevel }]
  #live = false; // true once the user changed an input

  constructor() {
    super();
    this.shadowRoot.addEventListener('input', (e) => this.#changed(e));
    this.shadowRoot.addEventListener('submit', (e) => e.preventDefault());
  }

  /** The AgentsRequiredResult shown (after the user's last change). */
  get result() {
    return this.#live ? this.#current : super.result;
  }
  set result(value) {
    this.#live = false;
    super.result = value;
  }

  /** The AgentsRequiredInput of what is shown. */
  get inputs() {
    return this.#inputs ? { ...this.#inputs } : null;
  }

  optionsFromAttributes() {
    const o = {};
    for (const f of FIELDS) if (this.hasAttribute(f.attr)) o[f.key] = parseNumber(this.getAttribute(f.attr));
    if (this.hasAttribute('interval-seconds')) o.intervalSeconds = parseNumber(this.getAttribute('interval-seconds'));
    if (this.hasAttribute('model')) o.model = this.getAttribute('model').trim();
    return o;
  }

  /** The input from the options, with the widget's defaults; Erlang C drops the patience. */
  #fromOptions(options) {
    const input = { intervalSeconds: 1800, model: 'erlang-c' };
    for (const f of FIELDS) input[f.key] = f.def;
    Object.assign(input, options);
    if (input.model !== 'erlang-a') delete input.patienceSeconds;
    return input;
  }

  /** Agents needed and the service level at a few agent counts around it. */
  #solve(input) {
    const result = this.cx.agentsRequired(input);
    const curve = [];
    const base = { callsPerInterval: input.callsPerInterval, intervalSeconds: input.intervalSeconds, ahtSeconds: input.ahtSeconds, thresholdSeconds: input.thresholdSeconds };
    for (let n = Math.max(1, result.agents - 3); n <= result.agents + 2; n++) {
      if (input.model === 'erlang-a') {
        curve.push({ agents: n, serviceLevel: this.cx.erlangA({ ...base, agents: n, patienceSeconds: input.patienceSeconds }).serviceLevel });
      } else if (n > result.trafficErlangs) {
        curve.push({ agents: n, serviceLevel: this.cx.erlangC({ ...base, agents: n }).serviceLevel });
      }
    }
    return { result, curve };
  }

  compute(_data, options) {
    const input = this.#fromOptions(options);
    const { result, curve } = this.#solve(input);
    this.#inputs = input;
    this.#current = result;
    this.#curve = curve;
    this.#live = false;
    return result;
  }

  validate(result, options) {
    if (!result || typeof result !== 'object' || !Number.isInteger(result.agents) || typeof result.serviceLevel !== 'number') {
      throw new Error(this.t('badResult'));
    }
    this.#inputs = this.#fromOptions(options);
    this.#current = result;
    this.#curve = null;
    this.#live = false;
    return result;
  }

  // -- text -------------------------------------------------------------------------------------

  #pctWords(v) {
    return `${this.words(v * 100)} ${this.t('percentWord')}`;
  }

  #secWords(s) {
    return durationWords(this, s);
  }

  describe() {
    const r = this.#current;
    return this.t('figure', this.words(r.agents), this.t(r.model ?? this.#inputs.model), this.#pctWords(r.serviceLevel),
      this.#secWords(r.asa), this.#pctWords(r.occupancy));
  }

  // -- rendering --------------------------------------------------------------------------------

  render() {
    return `<header><div class="title" part="title">${esc(this.t('title'))}</div></header>`
      + `<div class="layout">${this.#form()}<div class="out">${this.#output()}</div></div>`
      + `<p class="sr" role="status" aria-live="polite" aria-atomic="true"></p>`;
  }

  #form() {
    const input = this.#inputs;
    const erlangA = input.model === 'erlang-a';
    const fields = FIELDS.map((f) => {
      const raw = input[f.key] ?? f.def; // the patience of Erlang A while Erlang C is chosen
      const v = f.percent ? Math.round(raw * 1000) / 10 : raw;
      const max = f.key === 'callsPerInterval' ? Math.max(f.max, 2 * v) : Math.max(f.max, v);
      const unit = this.t('unit')[f.unit];
      return `<div class="field" data-field="${f.key}"${f.erlangA && !erlangA ? ' hidden' : ''}>`
        + `<label for="r-${f.key}">${esc(this.t(f.key))}</label>`
        + `<input type="range" id="r-${f.key}" name="${f.key}" min="${f.min}" max="${max}" step="${f.step}" value="${esc(v)}" aria-valuetext="${esc(`${v} ${unit}`)}">`
        + `<span class="num"><input type="number" id="n-${f.key}" name="${f.key}" min="${Math.min(f.min, v)}"${f.percent ? ' max="99.9"' : ''} step="any" value="${esc(v)}" `
        + `aria-label="${esc(`${this.t(f.key)} (${unit})`)}"><span class="unit" aria-hidden="true">${esc(unit)}</span></span></div>`;
    }).join('');
    const intervals = [...new Set([...INTERVALS, input.intervalSeconds])].sort((a, b) => a - b)
      .map((s) => `<option value="${s}"${s === input.intervalSeconds ? ' selected' : ''}>${esc(this.t('minutes', this.fmt.score(s / 60)))}</option>`).join('');
    // the options say the model's name only ("Erlang A"), the label after the answer says more
    const models = ['erlang-c', 'erlang-a']
      .map((m) => `<option value="${m}"${m === input.model ? ' selected' : ''}>${esc(this.t(m).replace(/\s*\(.*\)$/, ''))}</option>`).join('');
    return `<form part="form">${fields}<div class="pair">`
      + `<div class="field"><label for="s-model">${esc(this.t('model'))}</label><select id="s-model" name="model">${models}</select></div>`
      + `<div class="field"><label for="s-interval">${esc(this.t('intervalSeconds'))}</label><select id="s-interval" name="intervalSeconds">${intervals}</select></div>`
      + `</div></form>`;
  }

  #output() {
    const r = this.#current;
    const f = this.fmt;
    const stats = [
      ['serviceLevel', f.share(r.serviceLevel)],
      ['asa', f.duration(r.asa)],
      ['occupancy', f.share(r.occupancy)],
      ['probabilityWait', f.share(r.probabilityWait)],
      ...(r.probabilityAbandon === undefined ? [] : [['probabilityAbandon', f.share(r.probabilityAbandon)]]),
      ['traffic', f.score(r.trafficErlangs)],
    ].map(([k, v]) => `<div data-stat="${k}"><dt>${esc(this.t(k))}</dt><dd>${esc(v)}</dd></div>`).join('');
    const curve = this.#curve;
    const chart = curve?.length
      ? barChart({
        bars: curve.map((c) => ({
          label: f.whole(c.agents),
          count: c.serviceLevel * 100,
          countText: f.share(c.serviceLevel),
          cls: c.agents >= r.agents ? 'satisfied' : 'other',
          tip: this.t('tip', f.whole(c.agents), f.share(c.serviceLevel)),
        })),
        title: this.t('chartTitle'),
        height: 130,
      })
        + `<ul class="legend"><li><span class="swatch satisfied"></span>${esc(this.t('meets'))}</li>`
        + `<li><span class="swatch"></span>${esc(this.t('below'))}</li></ul>`
      : '';
    return `<div class="agents" part="agents"><span class="score">${esc(f.whole(r.agents))}</span>`
      + `<span class="label">${esc(this.t('agentsNeeded'))} · ${esc(this.t(r.model ?? this.#inputs.model))}</span></div>`
      + `<dl class="stats" part="stats">${stats}</dl>`
      + (chart ? `<div class="section">${esc(this.t('chartTitle'))}</div>${chart}` : '');
  }

  // -- live updates -----------------------------------------------------------------------------

  #changed(e) {
    const el = e.target;
    if (!this.#inputs || !el?.name || !this.cx) return;
    const input = { ...this.#inputs };
    if (el.name === 'model') {
      input.model = el.value;
      if (input.model === 'erlang-a') input.patienceSeconds = Number(this.shadowRoot.getElementById('n-patienceSeconds').value);
      else delete input.patienceSeconds;
      this.shadowRoot.querySelector('[data-field="patienceSeconds"]').hidden = input.model !== 'erlang-a';
    } else if (el.name === 'intervalSeconds') {
      input.intervalSeconds = Number(el.value);
    } else {
      const field = FIELDS.find((f) => f.key === el.name);
      if (!field || el.value.trim() === '' || !Number.isFinite(Number(el.value))) return; // typing: wait for a number
      const v = Number(el.value);
      input[field.key] = field.percent ? v / 100 : v;
      // keep the range and the number box of this field together
      const other = this.shadowRoot.getElementById(`${el.type === 'range' ? 'n' : 'r'}-${field.key}`);
      if (other && other.value !== el.value) other.value = el.value;
      const range = this.shadowRoot.getElementById(`r-${field.key}`);
      range.setAttribute('aria-valuetext', `${v} ${this.t('unit')[field.unit]}`);
    }
    this.#inputs = input;
    const out = this.shadowRoot.querySelector('.out');
    let solved;
    try {
      solved = this.#solve(input);
    } catch (error) {
      out.innerHTML = `<div class="alert" part="error" role="alert"><strong>${esc(this.t('errCompute'))}:</strong> `
        + `${esc(error?.message ?? String(error))} (<code>${esc(error?.code ?? 'error')}</code>)</div>`;
      this.dispatchEvent(new CustomEvent('cx-error', {
        detail: { error, code: error?.code ?? 'error', message: error?.message ?? String(error), phase: 'compute' },
        bubbles: true,
        composed: true,
      }));
      return;
    }
    this.#current = solved.result;
    this.#curve = solved.curve;
    this.#live = true;
    out.innerHTML = this.#output();
    const status = this.shadowRoot.querySelector('[role=status]');
    if (status) status.textContent = this.t('live', this.fmt.whole(solved.result.agents), this.fmt.share(solved.result.serviceLevel));
    this.shadowRoot.querySelector('.card')?.setAttribute('aria-label', this.describe());
    this.dispatchEvent(new CustomEvent('cx-result', { detail: { result: solved.result, options: { ...input } }, bubbles: true, composed: true }));
  }
}
