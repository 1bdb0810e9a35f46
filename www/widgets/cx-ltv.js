// <cx-ltv>: value at risk. Detractors and high-effort customers ranked by their expected
// lifetime value, with the total value at risk. Lifetime values are given per customer or
// modelled in the browser from transactions by cxkit (`rfmSummary()` → `fitBgNbd()` +
// `fitGammaGamma()` → `customerLifetimeValue()`); who is a detractor is asked of `nps()`, the
// effort index per customer comes from the data or from `effort()` over contacts.
//
// Usage (one tag loads every widget):
//   <script type="module" src="https://…/cxkit/widgets/index.js"></script>
//   <cx-ltv lang="es" currency="EUR" src="/api/customers-at-risk.json"></cx-ltv>
//   <cx-ltv effort-threshold="2.5"><script type="application/json">
//     {"customers": [{"customerId": "c1", "ltv": 1200, "nps": 3}, {"customerId": "c2", "ltv": 800, "effort": 4.2}]}
//   </script></cx-ltv>
//
// Data (first found wins), an object `{ customers, transactions?, contacts?, options? }` (or just
// the array of customers):
//   customers     [{ customerId, ltv?, nps?, effort? }]: `ltv` the expected lifetime value
//                 (absent: modelled from `transactions`), `nps` the customer's 0–10 answer (or a
//                 label), `effort` a Customer Effort Index (absent: from `contacts`)
//   transactions  [{ customerId, at, amount }] for the BG/NBD + Gamma–Gamma model
//   contacts      contact records for `effort()` (its `customers[].effortIndex`)
//   .result = {...}                 property: a value-at-risk result (as `cx-result` gives it)
//   .input = {...} / .customers = [...]   properties (win over `src` and inline JSON)
//   src="customers.json"            attribute: a URL fetched as JSON
//   <script type="application/json"> child
// Options (later wins): the data's `options`, the `.options` property, then
//   effort-threshold="2"   a customer is high-effort at or above this effort index (widget default 2)
//   limit="10"             rows shown (widget default 10; the total counts every customer at risk)
//   months="12"            CLV horizon, months (library default 12)
//   currency="EUR"         ISO 4217 code for the amounts (default: plain numbers)
// and in `options`: `rfm` (RfmOptions: unit, calibrationEnd …), `clv` (ClvOptions), `fit`
// (FitOptions), `effort` (EffortOptions).
// Language: `lang` on the element, else the nearest ancestor's, else <html lang>; "en" or "es".
//
// Result (`.result`, `cx-result`): `{ atRisk: [{ customerId, ltv, ltvSource, nps, detractor,
// effort, highEffort }] (ranked by ltv, highest first), valueAtRisk, customersAtRisk, customers,
// totalValue, detractors, highEffort, effortThreshold, models }`. The widget adds up and sorts the
// library's numbers; it computes none of them.
//
// Styling: the shared custom properties, --cx-detractor (detractor badge and bars),
// --cx-effort-badge; parts: card, title, n, score, summary, ranked, error, status.
import { CxMetricElement, esc, loadFull, parseNumber } from './base.js';

const DEFAULT_THRESHOLD = 2;
const DEFAULT_LIMIT = 10;

class InputError extends Error {
  constructor(message, code = 'invalid_value') {
    super(message);
    this.code = code;
  }
}

export class CxLtv extends CxMetricElement {
  static metric = 'value at risk';
  static loadLibrary = loadFull;
  static renderNeedsLibrary = false;
  static dataKey = '*';
  static upgradeProperties = ['input', 'customers'];
  static observedAttributes = ['src', 'lang', 'effort-threshold', 'limit', 'months', 'currency'];

  static strings = {
    en: {
      title: 'Value at risk',
      customers: (n) => `${n} customers`,
      summary: (k, n) => `${k} of ${n} customers at risk`,
      detail: (d, e) => `${d} detractors · ${e} high effort`,
      total: (v) => `Total expected value ${v}`,
      ranked: 'Customers at risk by expected lifetime value',
      detractor: 'Detractor',
      highEffort: 'High effort',
      npsShort: (v) => `NPS ${v}`,
      effortShort: (v) => `effort ${v}`,
      modelled: 'modelled',
      more: (k) => `and ${k} more`,
      none: 'No detractors or high-effort customers.',
      figure: (v, k, n, d, e) => `Value at risk: ${v} from ${k} of ${n} customers (${d} detractors, ${e} high effort)`,
      row: (i, id, v, why) => `${i}. ${id}: ${v}, ${why}`,
      errCompute: () => 'Could not compute the value at risk',
      badResult: 'result: expected a value-at-risk result (with `atRisk`, `valueAtRisk` …)',
      badInput: 'input: expected { customers: [...], transactions?, contacts? } or an array of customers',
      badLtv: (i) => `customers[${i}].ltv: expected a number ≥ 0, or transactions to model it`,
      badEffort: (i) => `customers[${i}].effort: expected a number`,
      badId: (i) => `customers[${i}].customerId: required`,
    },
    es: {
      title: 'Valor en riesgo',
      customers: (n) => `${n} clientes`,
      summary: (k, n) => `${k} de ${n} clientes en riesgo`,
      detail: (d, e) => `${d} detractores · ${e} con esfuerzo alto`,
      total: (v) => `Valor esperado total ${v}`,
      ranked: 'Clientes en riesgo por valor de vida esperado',
      detractor: 'Detractor',
      highEffort: 'Esfuerzo alto',
      npsShort: (v) => `NPS ${v}`,
      effortShort: (v) => `esfuerzo ${v}`,
      modelled: 'modelado',
      more: (k) => `y ${k} más`,
      none: 'Ningún detractor ni cliente con esfuerzo alto.',
      figure: (v, k, n, d, e) => `Valor en riesgo: ${v} de ${k} de ${n} clientes (${d} detractores, ${e} con esfuerzo alto)`,
      row: (i, id, v, why) => `${i}. ${id}: ${v}, ${why}`,
      errCompute: () => 'No se pudo calcular el valor en riesgo',
      badResult: 'result: se esperaba un resultado de valor en riesgo (con `atRisk`, `valueAtRisk` …)',
      badInput: 'input: se esperaba { customers: [...], transactions?, contacts? } o una lista de clientes',
      badLtv: (i) => `customers[${i}].ltv: se esperaba un número ≥ 0, o transacciones para modelarlo`,
      badEffort: (i) => `customers[${i}].effort: se esperaba un número`,
      badId: (i) => `customers[${i}].customerId: obligatorio`,
    },
  };

  static css = `
:host { --_effort-badge: var(--cx-effort-badge, #8250df); max-width: 640px; }
.ranked { list-style: none; margin: 6px 0 0; padding: 0; display: grid; gap: 8px; }
.row { display: grid; grid-template-columns: 1.6em minmax(0, 1fr) auto; gap: 2px 8px; align-items: baseline; }
.row .rank { color: var(--_muted); font-variant-numeric: tabular-nums; }
.row .who { min-width: 0; overflow-wrap: anywhere; font-weight: 600; }
.row .value { text-align: right; font-variant-numeric: tabular-nums; font-weight: 600; }
.row .track { grid-column: 2 / -1; height: 8px; border-radius: 4px; background: var(--cx-track, #eaeef2); overflow: hidden; }
.row .fill { display: block; height: 100%; border-radius: 4px; background: var(--_detractor); }
.row.effort-only .fill { background: var(--_effort-badge); }
.row .why { grid-column: 2 / -1; display: flex; flex-wrap: wrap; gap: 4px 8px; color: var(--_muted); font-size: 0.93em; }
.badge { border: 1px solid currentColor; border-radius: 999px; padding: 0 7px; font-size: 0.93em; }
.badge.detractor { color: var(--_detractor); }
.badge.effort { color: var(--_effort-badge); }
.more, .empty { color: var(--_muted); margin: 8px 0 0; }
`;

  /** `{ customers, transactions?, contacts? }` given directly (an alias of `responses`). */
  get input() {
    return this.responses;
  }
  set input(value) {
    this.responses = value;
  }

  /** The customers alone (`input = { customers }`). */
  get customers() {
    const v = this.responses;
    return Array.isArray(v) ? v : v?.customers;
  }
  set customers(value) {
    this.responses = value === null || value === undefined ? value : { customers: value };
  }

  optionsFromAttributes() {
    const o = {};
    if (this.hasAttribute('effort-threshold')) o.effortThreshold = parseNumber(this.getAttribute('effort-threshold'));
    if (this.hasAttribute('limit')) o.limit = parseNumber(this.getAttribute('limit'));
    if (this.hasAttribute('months')) o.months = parseNumber(this.getAttribute('months'));
    if (this.hasAttribute('currency')) o.currency = this.getAttribute('currency').trim();
    return o;
  }

  compute(input, options) {
    const cx = this.cx;
    const customers = Array.isArray(input) ? input : input?.customers;
    if (!Array.isArray(customers)) throw new InputError(this.t('badInput'), 'invalid_type');
    const threshold = options.effortThreshold ?? DEFAULT_THRESHOLD;
    if (typeof threshold !== 'number' || !Number.isFinite(threshold)) throw new InputError(`effortThreshold: ${threshold}`, 'invalid_option');

    // lifetime values from transactions, by the library's models
    let models = null;
    const modelled = new Map();
    if (input?.transactions) {
      const rows = cx.rfmSummary(input.transactions, options.rfm ?? {});
      const bgNbd = cx.fitBgNbd(rows, options.fit ?? {});
      const gammaGamma = cx.fitGammaGamma(rows, options.fit ?? {});
      models = { bgNbd, gammaGamma };
      const clv = { ...(options.clv ?? {}) };
      if (options.months !== undefined) clv.months = options.months;
      for (const row of rows) modelled.set(String(row.customerId), cx.customerLifetimeValue(models, row, clv).value);
    }
    // effort index per customer, by the library
    const efforts = new Map();
    if (input?.contacts) {
      const report = cx.effort(input.contacts, { ...(options.effort ?? {}), detail: 'full' });
      for (const c of report.customers ?? []) efforts.set(String(c.customerId), c.effortIndex);
    }
    // detractor or not, asked of nps() once per distinct answer
    const detractorByAnswer = new Map();
    const isDetractor = (answer, i) => {
      const key = JSON.stringify(answer);
      if (!detractorByAnswer.has(key)) {
        try {
          detractorByAnswer.set(key, cx.nps([answer]).detractors === 1);
        } catch (e) {
          e.message = `customers[${i}].nps: ${e.message}`;
          throw e;
        }
      }
      return detractorByAnswer.get(key);
    };

    const all = customers.map((c, i) => {
      if (!c || typeof c !== 'object' || c.customerId === undefined || c.customerId === null || c.customerId === '') {
        throw new InputError(this.t('badId', i), 'missing_field');
      }
      const id = String(c.customerId);
      let ltv = c.ltv;
      let ltvSource = 'given';
      if (ltv === undefined || ltv === null) {
        ltv = modelled.get(id);
        ltvSource = 'model';
      }
      if (typeof ltv !== 'number' || !Number.isFinite(ltv) || ltv < 0) throw new InputError(this.t('badLtv', i), ltv === undefined ? 'missing_field' : 'invalid_value');
      const effort = c.effort ?? efforts.get(id) ?? null;
      if (effort !== null && (typeof effort !== 'number' || !Number.isFinite(effort))) throw new InputError(this.t('badEffort', i), 'invalid_value');
      const nps = c.nps ?? null;
      const detractor = nps === null ? false : isDetractor(nps, i);
      const highEffort = effort !== null && effort >= threshold;
      return { customerId: id, ltv, ltvSource, nps, detractor, effort, highEffort };
    });
    const atRisk = all.filter((c) => c.detractor || c.highEffort).sort((a, b) => b.ltv - a.ltv || a.customerId.localeCompare(b.customerId));
    const sum = (list) => list.reduce((s, c) => s + c.ltv, 0);
    return {
      atRisk,
      valueAtRisk: sum(atRisk),
      customersAtRisk: atRisk.length,
      customers: all.length,
      totalValue: sum(all),
      detractors: atRisk.filter((c) => c.detractor).length,
      highEffort: atRisk.filter((c) => c.highEffort).length,
      effortThreshold: threshold,
      models,
    };
  }

  validate(result) {
    if (!result || typeof result !== 'object' || !Array.isArray(result.atRisk) || typeof result.valueAtRisk !== 'number') {
      throw new Error(this.t('badResult'));
    }
    return result;
  }

  #money(v, options) {
    const f = this.fmt;
    if (options.currency) {
      try {
        return new Intl.NumberFormat(f.locale, { style: 'currency', currency: options.currency, maximumFractionDigits: 0 })
          .format(v).replace(/-/g, '\u2212');
      } catch {
        // an unknown currency code: plain numbers
      }
    }
    return f.money(v);
  }

  #why(c) {
    const f = this.fmt;
    const parts = [];
    if (c.detractor) parts.push(`${this.t('detractor')} (${this.t('npsShort', typeof c.nps === 'number' ? f.whole(c.nps) : String(c.nps))})`);
    if (c.highEffort) parts.push(`${this.t('highEffort')} (${this.t('effortShort', f.score(c.effort))})`);
    return parts;
  }

  describe(r, options) {
    const f = this.fmt;
    return this.t('figure', this.#money(r.valueAtRisk, options), f.whole(r.customersAtRisk), f.whole(r.customers),
      f.whole(r.detractors ?? 0), f.whole(r.highEffort ?? 0));
  }

  render(r, options) {
    const f = this.fmt;
    const limit = Number.isInteger(options.limit) && options.limit > 0 ? options.limit : DEFAULT_LIMIT;
    const shown = r.atRisk.slice(0, limit);
    const max = Math.max(0, ...shown.map((c) => c.ltv)) || 1;
    const rows = shown.map((c, i) => {
      const why = this.#why(c);
      const badges = `${c.detractor ? `<span class="badge detractor">${esc(why[0])}</span>` : ''}`
        + `${c.highEffort ? `<span class="badge effort">${esc(why[c.detractor ? 1 : 0])}</span>` : ''}`
        + (c.ltvSource === 'model' ? `<span>${esc(this.t('modelled'))}</span>` : '');
      return `<li class="row${c.detractor ? '' : ' effort-only'}" data-customer="${esc(c.customerId)}" `
        + `aria-label="${esc(this.t('row', f.whole(i + 1), c.customerId, this.#money(c.ltv, options), why.join(', ')))}">`
        + `<span class="rank" aria-hidden="true">${esc(f.whole(i + 1))}</span><span class="who">${esc(c.customerId)}</span>`
        + `<span class="value">${esc(this.#money(c.ltv, options))}</span>`
        + `<span class="track" aria-hidden="true"><span class="fill" style="width:${((100 * c.ltv) / max).toFixed(2)}%"></span></span>`
        + `<span class="why">${badges}</span></li>`;
    }).join('');
    const rest = r.atRisk.length - shown.length;
    return `<header><div class="title" part="title">${esc(this.t('title'))}</div>`
      + `<div class="n" part="n">${esc(this.t('customers', f.whole(r.customers)))}</div></header>`
      + `<div class="headline"><span class="score" part="score">${esc(this.#money(r.valueAtRisk, options))}</span></div>`
      + `<p class="note" part="summary">${esc(this.t('summary', f.whole(r.customersAtRisk), f.whole(r.customers)))} · `
      + `${esc(this.t('detail', f.whole(r.detractors ?? 0), f.whole(r.highEffort ?? 0)))}`
      + (typeof r.totalValue === 'number' ? ` · ${esc(this.t('total', this.#money(r.totalValue, options)))}` : '') + `</p>`
      + (shown.length
        ? `<div class="section">${esc(this.t('ranked'))}</div><ol class="ranked" part="ranked">${rows}</ol>`
          + (rest > 0 ? `<p class="more">${esc(this.t('more', f.whole(rest)))}</p>` : '')
        : `<p class="empty">${esc(this.t('none'))}</p>`);
  }
}
