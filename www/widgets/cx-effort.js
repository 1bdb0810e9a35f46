// <cx-effort>: customer effort from contact records, computed in the browser by cxkit's
// `effort()`: the Customer Effort Index (per contact, journey and customer), its drivers
// (transfers, reassignments, channel switches, escalations, repeat contacts), repeat rate, FCR,
// contacts per resolution and time to resolution, the index per queue, and how CES answers
// correlate with it.
//
// Usage (one tag loads every widget):
//   <script type="module" src="https://…/cxkit/widgets/index.js"></script>
//   <cx-effort lang="es" src="/api/contacts.json"></cx-effort>
//   <cx-effort><script type="application/json">{"contacts": [...], "options": {"cesAnswers": [...]}}</script></cx-effort>
//   el.result = effortReport;       // an EffortReport computed elsewhere (the edge's /v1/metrics)
//
// Data (first found wins):
//   .result = {...}                 property: the library's EffortReport, shown as given
//   .contacts = [...]               property: contact records, computed here
//   src="contacts.json"             attribute: a URL fetched as JSON
//   <script type="application/json"> child
//   The JSON is an array of contacts or `{ "contacts": [...], "options": {...} }`.
// Options (later wins): the data's `options`, the `.options` property (any EffortOptions: weights,
// cesAnswers, fcrAnswers, businessHours …; `detail` defaults to "summary" here), then
//   repeat-window-hours="168"       repeat window (library default 168)
//   fcr-method="repeatWindow"       repeatWindow | disposition | oneTouch | survey
// Language: `lang` on the element, else the nearest ancestor's, else <html lang>; "en" or "es".
//
// State and events as every widget: `data-state`, `cx-result` (detail `{ result, options }`, the
// EffortReport), `cx-error`. Properties `contacts`, `result`, `options`, `error`, `state`;
// methods `refresh()`, `recompute()`.
//
// Styling: the shared custom properties and --cx-driver (driver bars, default --cx-accent);
// parts: card, title, n, score, drivers, stats, breakdown, correlation, error, status.
import { CxMetricElement, esc, loadFull, parseNumber } from './base.js';

const DRIVERS = ['transfers', 'reassignments', 'channelSwitches', 'escalations', 'repeatContacts'];

export class CxEffort extends CxMetricElement {
  static metric = 'effort';
  static loadLibrary = loadFull;
  static renderNeedsLibrary = false;
  static dataKey = 'contacts';
  static upgradeProperties = ['contacts'];
  static observedAttributes = ['src', 'lang', 'repeat-window-hours', 'fcr-method'];

  static strings = {
    en: {
      title: 'Customer effort',
      contacts: (n) => `${n} contacts`,
      index: 'Effort index per contact',
      perJourney: (v) => `${v} per journey`,
      perCustomer: (v) => `${v} per customer`,
      drivers: 'Drivers (counts)',
      transfers: 'Transfers',
      reassignments: 'Reassignments',
      channelSwitches: 'Channel switches',
      escalations: 'Escalations',
      repeatContacts: 'Repeat contacts',
      repeatRate: 'Repeat rate',
      fcr: 'First-contact resolution',
      perResolution: 'Contacts per resolution',
      ttr: 'Median time to resolution',
      na: 'n/a',
      naWords: 'not available',
      byQueue: 'By queue',
      queue: 'Queue',
      short: { contacts: 'Contacts', transfers: 'Transf.', escalations: 'Escal.', repeatContacts: 'Repeats', effortIndex: 'Index' },
      none: '(none)',
      correlation: (rho, p, n) => `CES and effort index: Spearman ρ ${rho} (p ${p}, n = ${n})`,
      correlationNa: (n) => `CES and effort index: no correlation (n = ${n})`,
      figure: (index, drivers, repeat, fcr, n) => `Customer effort: index ${index} per contact; ${drivers}; repeat rate ${repeat}, first-contact resolution ${fcr}; ${n} contacts`,
      percentWord: 'percent',
      badResult: 'result: expected an EffortReport (with `summary.effortIndex`, `queues` …)',
      errCompute: () => 'Could not compute the customer effort',
    },
    es: {
      title: 'Esfuerzo del cliente',
      contacts: (n) => `${n} contactos`,
      index: 'Índice de esfuerzo por contacto',
      perJourney: (v) => `${v} por recorrido`,
      perCustomer: (v) => `${v} por cliente`,
      drivers: 'Factores (recuentos)',
      transfers: 'Transferencias',
      reassignments: 'Reasignaciones',
      channelSwitches: 'Cambios de canal',
      escalations: 'Escalados',
      repeatContacts: 'Contactos repetidos',
      repeatRate: 'Tasa de repetición',
      fcr: 'Resolución al primer contacto',
      perResolution: 'Contactos por resolución',
      ttr: 'Mediana hasta la resolución',
      na: 'n/d',
      naWords: 'no disponible',
      byQueue: 'Por cola',
      queue: 'Cola',
      short: { contacts: 'Contactos', transfers: 'Transf.', escalations: 'Escal.', repeatContacts: 'Repet.', effortIndex: 'Índice' },
      none: '(sin valor)',
      correlation: (rho, p, n) => `CES e índice de esfuerzo: ρ de Spearman ${rho} (p ${p}, n = ${n})`,
      correlationNa: (n) => `CES e índice de esfuerzo: sin correlación (n = ${n})`,
      figure: (index, drivers, repeat, fcr, n) => `Esfuerzo del cliente: índice ${index} por contacto; ${drivers}; tasa de repetición ${repeat}, resolución al primer contacto ${fcr}; ${n} contactos`,
      percentWord: 'por ciento',
      badResult: 'result: se esperaba un EffortReport (con `summary.effortIndex`, `queues` …)',
      errCompute: () => 'No se pudo calcular el esfuerzo del cliente',
    },
  };

  static css = `
:host { --_driver: var(--cx-driver, var(--_accent)); max-width: 640px; }
.card { container-type: inline-size; }
@container (max-width: 420px) { table.data .wide { display: none; } }
.headline .label { color: var(--_muted); line-height: 1.25; }
.headline .label strong { display: block; color: var(--_fg); font-weight: 600; }
.drivers { list-style: none; margin: 4px 0 0; padding: 0; display: grid; gap: 6px; }
.driver { display: grid; grid-template-columns: minmax(0, 10em) minmax(0, 1fr) 3em; align-items: center; gap: 8px; }
.driver .name { color: var(--_fg); overflow-wrap: anywhere; }
.driver .track { height: 10px; border-radius: 5px; background: var(--cx-track, #eaeef2); overflow: hidden; }
.driver .fill { display: block; height: 100%; background: var(--_driver); border-radius: 5px; }
.driver .count { text-align: right; font-variant-numeric: tabular-nums; }
.stats { display: grid; grid-template-columns: repeat(auto-fill, minmax(140px, 1fr)); gap: 8px 12px; margin: 12px 0 0; }
.stats div { min-width: 0; }
.stats dt { color: var(--_muted); font-size: 0.93em; }
.stats dd { margin: 0; font-weight: 600; font-size: 1.15em; font-variant-numeric: tabular-nums; }
.correlation { margin: 10px 0 0; color: var(--_muted); }
`;

  /** Contacts given directly (an alias of `responses`). */
  get contacts() {
    return this.responses;
  }
  set contacts(value) {
    this.responses = value;
  }

  optionsFromAttributes() {
    const o = {};
    if (this.hasAttribute('repeat-window-hours')) o.repeatWindowHours = parseNumber(this.getAttribute('repeat-window-hours'));
    if (this.hasAttribute('fcr-method')) o.fcrMethod = this.getAttribute('fcr-method').trim();
    return o;
  }

  compute(contacts, options) {
    return this.cx.effort(contacts, { detail: 'summary', ...options });
  }

  validate(result) {
    const s = result?.summary;
    if (!s || typeof s !== 'object' || !s.effortIndex || typeof s.effortIndex.perContact !== 'number' || !Array.isArray(result.queues)) {
      throw new Error(this.t('badResult'));
    }
    return result;
  }

  #num(v) {
    return v === null || v === undefined ? this.t('na') : this.fmt.score(v);
  }

  #share(v) {
    return v === null || v === undefined ? this.t('na') : this.fmt.share(v);
  }

  #shareWords(v) {
    return v === null || v === undefined ? this.t('naWords') : `${this.words(v * 100)} ${this.t('percentWord')}`;
  }

  describe(r) {
    const s = r.summary;
    const drivers = DRIVERS.map((d) => `${this.t(d).toLowerCase()} ${this.words(s[d])}`).join(', ');
    return this.t('figure', this.fmt.score(s.effortIndex.perContact), drivers, this.#shareWords(s.repeatRate),
      this.#shareWords(s.fcr?.rate), this.fmt.whole(s.contacts));
  }

  render(r) {
    const s = r.summary;
    const f = this.fmt;
    const max = Math.max(1, ...DRIVERS.map((d) => s[d] ?? 0));
    const drivers = DRIVERS.map((d) => `<li class="driver" data-driver="${d}"><span class="name">${esc(this.t(d))}</span>`
      + `<span class="track" aria-hidden="true"><span class="fill" style="width:${(100 * (s[d] ?? 0)) / max}%"></span></span>`
      + `<span class="count">${esc(f.whole(s[d] ?? 0))}</span></li>`).join('');
    const ttr = s.timeToResolution ? f.duration(s.timeToResolution.medianSeconds) : this.t('na');
    const stats = [
      ['repeatRate', this.#share(s.repeatRate)],
      ['fcr', this.#share(s.fcr?.rate)],
      ['perResolution', this.#num(s.contactsPerResolution)],
      ['ttr', ttr],
    ].map(([k, v]) => `<div data-stat="${k}"><dt>${esc(this.t(k))}</dt><dd>${esc(v)}</dd></div>`).join('');
    const sub = [
      s.effortIndex.perJourney === null ? null : this.t('perJourney', f.score(s.effortIndex.perJourney)),
      s.effortIndex.perCustomer === null ? null : this.t('perCustomer', f.score(s.effortIndex.perCustomer)),
    ].filter(Boolean).join(' · ');
    return `<header><div class="title" part="title">${esc(this.t('title'))}</div>`
      + `<div class="n" part="n">${esc(this.t('contacts', f.whole(s.contacts)))}</div></header>`
      + `<div class="headline"><span class="score" part="score">${esc(f.score(s.effortIndex.perContact))}</span>`
      + `<span class="label"><strong>${esc(this.t('index'))}</strong>${esc(sub)}</span></div>`
      + `<div class="section">${esc(this.t('drivers'))}</div><ul class="drivers" part="drivers">${drivers}</ul>`
      + `<dl class="stats" part="stats">${stats}</dl>`
      + (r.queues?.length ? this.#queues(r.queues) : '')
      + this.#correlation(r.cesCorrelation);
  }

  #queues(queues) {
    const cols = ['contacts', 'transfers', 'escalations', 'repeatContacts', 'effortIndex'];
    // on a narrow card the transfer and escalation columns give way (the drivers above count them)
    const cls = (c) => (c === 'transfers' || c === 'escalations' ? ' class="wide"' : '');
    const head = cols.map((c) => `<th scope="col"${cls(c)}>${esc(this.t('short')[c])}</th>`).join('');
    const rows = queues.map((q) => `<tr data-queue="${esc(q.queue ?? '')}"><th scope="row">${esc(q.queue ?? this.t('none'))}</th>`
      + cols.map((c) => `<td${cls(c)}>${esc(c === 'effortIndex' ? this.fmt.score(q[c]) : this.fmt.whole(q[c]))}</td>`).join('') + '</tr>').join('');
    return `<div class="table-wrap" part="breakdown" tabindex="0" role="region" aria-label="${esc(this.t('byQueue'))}">`
      + `<table class="data breakdown"><caption>${esc(this.t('byQueue'))}</caption><thead><tr><th scope="col">${esc(this.t('queue'))}</th>${head}</tr></thead>`
      + `<tbody>${rows}</tbody></table></div>`;
  }

  #correlation(c) {
    if (!c) return '';
    const f = this.fmt;
    const text = c.rho === null || c.rho === undefined
      ? this.t('correlationNa', f.whole(c.n))
      : this.t('correlation', new Intl.NumberFormat(f.locale, { maximumFractionDigits: 2, signDisplay: 'exceptZero' }).format(c.rho).replace('-', '\u2212'),
        new Intl.NumberFormat(f.locale, { maximumFractionDigits: 2 }).format(c.pValue), f.whole(c.n));
    return `<p class="correlation" part="correlation">${esc(text)}</p>`;
  }
}
