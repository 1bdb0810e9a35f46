// Type declarations of `cxkit/widgets` (the custom elements), written by hand next to index.js.
import type {
  CsatOptions, CsatResult, Grouped, NpsOptions, NpsResult, SurveyAnswer, Transcript, TranscriptOptions, TranscriptResult,
  TurnScore,
} from '../cxkit.js';
import type {
  AgentsRequiredInput, AgentsRequiredResult, BgNbdFit, CesOptions, CesResult, ClvOptions, Contact, EffortOptions, EffortReport,
  FitOptions, GammaGammaFit, KpiDimension, KpiGrouped, KpiOptions, KpiResult, RfmOptions, SurveyAnswer as CesAnswer,
  Transaction,
} from '../cxkit.js';

/** `data-state` of a widget. */
export type WidgetState = 'loading' | 'ready' | 'error';

/** Detail of the `cx-result` event. */
export interface CxResultDetail<R, O> {
  /** The library's result (`{ overall, groups }` when `options.groupBy` is set). */
  result: R | Grouped<R>;
  /** The options the library was called with (data, then `.options`, then attributes). */
  options: O;
}

/** Detail of the `cx-error` event. */
export interface CxErrorDetail {
  /** A `CxkitError`, or an Error with `.code` for loading problems. */
  error: Error & { code?: string };
  /** The library's code, or `fetch_failed` / `invalid_json` / `load_failed` for loading problems. */
  code: string;
  message: string;
  /** Where it failed: reading the library, fetching `src`, parsing JSON, or computing. */
  phase: 'library' | 'load' | 'read' | 'compute';
}

/** Shared base of the widgets; `G` is what `result` holds (the result, or it grouped). */
export declare class CxMetricElement<R = unknown, O = object, G = R | Grouped<R>> extends HTMLElement {
  /** Answers given directly; wins over `src` and inline JSON. `null` gives those back. */
  responses: ReadonlyArray<SurveyAnswer> | null | undefined;
  /** Options merged over the data's own; attributes win over both. */
  options: O | null | undefined;
  /**
   * Reading: the last result while `state` is "ready", else null. Writing: a result computed
   * elsewhere (the library's own result object, for example from the edge's `/v1/metrics`),
   * shown as given without computing; it wins over every data source, `null` gives them back.
   * A value of the wrong shape shows an error (`invalid_result`).
   */
  get result(): G | null;
  set result(value: G | null | undefined);
  /** The last error while `state` is "error", else null. */
  readonly error: (Error & { code?: string }) | null;
  readonly state: WidgetState;
  /** "en" or "es", from `lang` on the element or its nearest ancestor. */
  readonly language: 'en' | 'es';
  /** Reloads the data (fetches `src` again) and recomputes. */
  refresh(): void;
  /** Recomputes (or re-checks a given result) and repaints, without reloading the data. */
  recompute(): void;
}

/** `<cx-nps>`: attributes `src`, `lang`, `interval`, `confidence`, `scale`. */
export declare class CxNps extends CxMetricElement<NpsResult, NpsOptions> {}

/** `<cx-csat>`: attributes `src`, `lang`, `scale`, `satisfied`, `interval`, `confidence`. */
export declare class CxCsat extends CxMetricElement<CsatResult, CsatOptions> {}

/** Detail of the `cx-turn` event of `<cx-sentiment>`: the turn now shown in the detail box. */
export interface CxTurnDetail {
  /** Position of the turn in the transcript; null when the box is cleared. */
  index: number | null;
  /** The library's score of that turn. */
  turn: TurnScore | null;
  /** The text its hits refer to (the redacted text with `options.redact`). */
  text: string | null;
}

/**
 * `<cx-sentiment>`: attributes `src` (a transcript JSON), `lang` (UI), `language` (scoring:
 * `en` | `es` | `auto`). The transcript goes in `transcript` (an alias of `responses`).
 */
export declare class CxSentiment extends CxMetricElement<TranscriptResult, TranscriptOptions> {
  /** The transcript given directly; wins over `src` and inline JSON. `null` gives those back. */
  transcript: Transcript | null | undefined;
}

/** Options of `<cx-ces>`: the library's, plus the trend buckets. */
export interface CxCesOptions extends CesOptions {
  /** A second call grouped by this time bucket draws the trend (answers need `respondedAt`). */
  trend?: 'day' | 'week' | 'month';
}

/**
 * `<cx-ces>`: attributes `src`, `lang`, `version` (1 | 2), `confidence`, `group-by` (queue |
 * agentId | channel | day | week | month: a breakdown table), `trend` (day | week | month: a line
 * chart of the mean). Data: `responses` (answers), `src` or inline JSON (`[...]` or
 * `{ responses, options }`), or `result` (a CesResult or Grouped<CesResult>) with `trend`.
 */
export declare class CxCes extends CxMetricElement<CesResult, CxCesOptions> {
  /** The trend shown: a Grouped<CesResult> by day, week or month (given, or computed with `trend`). */
  trend: Grouped<CesResult> | null | undefined;
}

/** Options of `<cx-kpis>`: the library's, plus the trend buckets and the FCR method. */
export interface CxKpisOptions extends KpiOptions {
  /** A second call grouped by this time dimension draws the trend. */
  trend?: Extract<KpiDimension, 'interval' | 'day' | 'week' | 'month'>;
  /** FCR method of the `effort()` call that gives FCR. */
  fcrMethod?: EffortOptions['fcrMethod'];
}

/**
 * `<cx-kpis>`: service level, abandonment, ASA, AHT, occupancy, containment (`kpis()`) and FCR
 * (`effort()`), a breakdown table and a trend chart. Attributes `src`, `lang`, `threshold`,
 * `group-by` (queue | agentId | channel, comma list to cross), `trend` (interval | day | week |
 * month), `interval-minutes`, `staffed-seconds`, `fcr-method`. Data: `contacts`, `src` or inline
 * JSON (`[...]` or `{ contacts, options }`), or `result` (a KpiResult or KpiGrouped) with `trend`
 * and `effort`.
 */
export declare class CxKpis extends CxMetricElement<KpiResult, CxKpisOptions, KpiResult | KpiGrouped> {
  /** Contacts given directly (an alias of `responses`). */
  contacts: ReadonlyArray<Contact> | null | undefined;
  /** The trend shown: a KpiGrouped by interval, day, week or month (given, or computed). */
  trend: KpiGrouped | null | undefined;
  /** The EffortReport whose `summary.fcr.rate` is shown as FCR (given, or computed). */
  effort: EffortReport | null | undefined;
}

/**
 * `<cx-effort>`: the Customer Effort Index (per contact, journey, customer), its drivers, repeat
 * rate, FCR, contacts per resolution, time to resolution, the index per queue and the CES
 * correlation (`effort()`, `detail: "summary"` unless the options say otherwise). Attributes
 * `src`, `lang`, `repeat-window-hours`, `fcr-method`. Data: `contacts`, `src` or inline JSON
 * (`[...]` or `{ contacts, options }`), or `result` (an EffortReport).
 */
export declare class CxEffort extends CxMetricElement<EffortReport, EffortOptions, EffortReport> {
  /** Contacts given directly (an alias of `responses`). */
  contacts: ReadonlyArray<Contact> | null | undefined;
}

/**
 * `<cx-staffing>`: an Erlang C / Erlang A what-if. Attributes `calls`, `interval-seconds`, `aht`,
 * `target` (0–1), `threshold`, `model` (erlang-c | erlang-a), `patience`, `lang`; `options` takes
 * any AgentsRequiredInput fields. Range and number inputs recompute `agentsRequired()` at once;
 * `cx-result` fires on every change with `{ result, options: inputs }`.
 */
export declare class CxStaffing extends CxMetricElement<AgentsRequiredResult, Partial<AgentsRequiredInput>, AgentsRequiredResult> {
  /** The AgentsRequiredInput of what is shown (after the user's last change). */
  readonly inputs: AgentsRequiredInput | null;
}

/** One customer of `<cx-ltv>`'s input. */
export interface CxLtvCustomer {
  customerId: string | number;
  /** Expected lifetime value; absent: modelled from `transactions`. */
  ltv?: number | null;
  /** The customer's NPS answer (0–10 or a label); a detractor is at risk. */
  nps?: CesAnswer | null;
  /** A Customer Effort Index (as `effort()` reports per customer); absent: from `contacts`. */
  effort?: number | null;
}

/** Options of `<cx-ltv>`. */
export interface CxLtvOptions {
  /** High effort at or above this effort index. Widget default 2. */
  effortThreshold?: number;
  /** Rows shown. Widget default 10. */
  limit?: number;
  /** CLV horizon in months (library default 12); same as `clv.months`. */
  months?: number;
  /** ISO 4217 code for the amounts (default: plain numbers). */
  currency?: string;
  rfm?: RfmOptions;
  fit?: FitOptions;
  clv?: ClvOptions;
  effort?: EffortOptions;
}

/** `<cx-ltv>`'s input: customers, and what models their values and effort. */
export interface CxLtvInput {
  customers: ReadonlyArray<CxLtvCustomer>;
  /** Purchases: BG/NBD + Gamma–Gamma lifetime values for customers without `ltv`. */
  transactions?: ReadonlyArray<Transaction>;
  /** Contacts: `effort()`'s effort index per customer for customers without `effort`. */
  contacts?: ReadonlyArray<Contact>;
  options?: CxLtvOptions;
}

/** A customer at risk. */
export interface CxLtvRow {
  customerId: string;
  ltv: number;
  ltvSource: 'given' | 'model';
  nps: CesAnswer | null;
  detractor: boolean;
  effort: number | null;
  highEffort: boolean;
}

/** `<cx-ltv>`'s result: the library's numbers, added up and ranked by the widget. */
export interface CxLtvResult {
  /** Detractors and high-effort customers, highest lifetime value first. */
  atRisk: CxLtvRow[];
  valueAtRisk: number;
  customersAtRisk: number;
  customers: number;
  totalValue: number;
  detractors: number;
  highEffort: number;
  effortThreshold: number;
  /** The fitted models when values were modelled from transactions. */
  models: { bgNbd: BgNbdFit; gammaGamma: GammaGammaFit } | null;
}

/**
 * `<cx-ltv>`: value at risk. Attributes `src`, `lang`, `effort-threshold`, `limit`, `months`,
 * `currency`. Data: `input` (`{ customers, transactions?, contacts?, options? }`), `customers`,
 * `src` or inline JSON of the same shape, or `result` (a CxLtvResult).
 */
export declare class CxLtv extends CxMetricElement<CxLtvResult, CxLtvOptions, CxLtvResult> {
  /** The whole input given directly (an alias of `responses`). */
  input: CxLtvInput | ReadonlyArray<CxLtvCustomer> | null | undefined;
  /** The customers alone (sets `input` to `{ customers }`). */
  customers: ReadonlyArray<CxLtvCustomer> | null | undefined;
}

/** An integer from −1000 to 1000 in English or Spanish words (rounded half away from zero). */
export declare function numberToWords(x: number, lang?: 'en' | 'es', options?: { signed?: boolean }): string;

/** Resolves once the WebAssembly module is loaded. */
export declare const cxkitReady: Promise<typeof import('../cxkit.js')>;

declare global {
  interface HTMLElementTagNameMap {
    'cx-nps': CxNps;
    'cx-csat': CxCsat;
    'cx-sentiment': CxSentiment;
    'cx-ces': CxCes;
    'cx-kpis': CxKpis;
    'cx-effort': CxEffort;
    'cx-staffing': CxStaffing;
    'cx-ltv': CxLtv;
  }
  interface HTMLElementEventMap {
    'cx-result': CustomEvent<CxResultDetail<unknown, object>>;
    'cx-error': CustomEvent<CxErrorDetail>;
    'cx-turn': CustomEvent<CxTurnDetail>;
  }
}
