// Type declarations of the npm package `cxkit`, written by hand (checked by `tsc --noEmit` over
// tests/types/usage.ts). Names follow the JSON vocabulary of cxkit-core (camelCase).

// ---------------------------------------------------------------------------------------------
// Errors

/** Stable machine-readable error codes. */
export type ErrorCode =
  | 'empty_input'
  | 'score_out_of_range'
  | 'non_integer_score'
  | 'non_finite_score'
  | 'unknown_label'
  | 'invalid_type'
  | 'missing_field'
  | 'invalid_timestamp'
  | 'invalid_value'
  | 'invalid_option'
  | 'scale_mismatch'
  | 'kind_mismatch'
  | 'incompatible_state'
  | 'invalid_state'
  | 'invalid_json'
  | 'payload_too_large'
  | 'not_found'
  | 'method_not_allowed'
  | 'internal_error'
  // lifetime value, effort, KPIs, staffing
  | 'timestamp_order'
  | 'invalid_parameter'
  | 'unstable_queue'
  | 'target_unreachable'
  | 'invalid_amount'
  | 'unit_mismatch'
  // webhooks
  | 'missing_signature'
  | 'signature_mismatch'
  | 'stale_timestamp'
  | 'unknown_org'
  | 'malformed_payload'
  | 'unsupported_event'
  // transcripts: sentiment, keywords, PII
  | 'text_too_large'
  | 'invalid_lexicon'
  | 'unauthorized'
  // importing files (parseRecords)
  | 'unrecognised_file';

/** Thrown by every cxkit function for bad input. */
export declare class CxkitError extends Error {
  readonly name: 'CxkitError';
  /** Stable machine-readable code, for example `"score_out_of_range"`. */
  readonly code: ErrorCode;
  /** Where the problem is: `field` is a path such as `responses[3].value`, `index` the element. */
  readonly details: { field?: string; index?: number };
  /** The HTTP status an edge function answers with (always 4xx). */
  readonly status: number;
}

// ---------------------------------------------------------------------------------------------
// Survey records

export type SurveyKind = 'csat' | 'nps' | 'ces';
export type Channel = 'voice' | 'chat' | 'email' | 'sms' | 'social' | 'messaging' | 'video' | 'other';
/** `[min, max]` with whole numbers, or `"binary"` (good/bad). */
export type Scale = readonly [min: number, max: number] | 'binary';

/** One survey answer with its context. Unknown extra fields are ignored. */
export interface SurveyResponse {
  id?: string | number | null;
  /** When present it must match the metric (`kind_mismatch` otherwise). */
  kind?: SurveyKind | null;
  /** When present it must match the metric's scale (`scale_mismatch` otherwise). */
  scale?: Scale | null;
  /** Numeric answer; wins over `label` when both are present. */
  value?: number | null;
  /** Text answer: "very satisfied", "muy fácil", "good" … or a custom label. */
  label?: string | null;
  /** RFC 3339 timestamp; required to group by day, week or month. */
  respondedAt?: string | null;
  contactId?: string | number | null;
  customerId?: string | number | null;
  agentId?: string | number | null;
  queue?: string | number | null;
  channel?: Channel | null;
  [extra: string]: unknown;
}

/** A bare number, a bare label, or a response object. */
export type SurveyAnswer = number | string | SurveyResponse;

// ---------------------------------------------------------------------------------------------
// Options

export type ProportionInterval = 'wilson' | 'agresti-coull' | 'clopper-pearson' | 'jeffreys' | 'wald';
export type NpsInterval = 'wald' | 'adjusted-wald';
export type GroupBy = 'queue' | 'agentId' | 'channel' | 'day' | 'week' | 'month';

interface CommonOptions {
  /** Confidence level in (0, 1). Default 0.95. */
  confidence?: number;
  /** `"error"` (default): throw on the first invalid answer; `"skip"`: count it in `rejected`. */
  onInvalid?: 'error' | 'skip';
  /** Break the result down. Time buckets use `respondedAt` at `utcOffsetMinutes`. */
  groupBy?: GroupBy;
  /** Offset of the calendar used for day/week/month buckets, in minutes (−1080..1080). Default 0. */
  utcOffsetMinutes?: number;
  /** Extra labels (text → number), matched case- and accent-insensitively before the built-in ones. */
  labels?: Record<string, number>;
}

export interface CsatOptions extends CommonOptions {
  /** Default `[1, 5]`; also `[1, 7]`, `[1, 10]`, `"binary"` or any range of at most 100 steps. */
  scale?: Scale;
  /** Answers counted as satisfied. Default: the top two boxes (`"good"` on binary). */
  satisfied?: ReadonlyArray<number | string>;
  /** Default `"wilson"`. */
  interval?: ProportionInterval;
}

export interface NpsOptions extends CommonOptions {
  /** Always `[0, 10]`. */
  scale?: readonly [0, 10];
  /** Default `"wald"`. */
  interval?: NpsInterval;
}

export interface CesOptions extends CommonOptions {
  /** 1: 1–5 effort, low is good. 2 (default): 1–7 agreement, high is good. */
  version?: 1 | 2;
  scale?: readonly [1, 5] | readonly [1, 7];
  interval?: 't';
}

// ---------------------------------------------------------------------------------------------
// Results

export interface Interval<M extends string = string> {
  low: number;
  high: number;
  method: M;
  confidence: number;
}

/** Answers left out with `onInvalid: "skip"`, by error code. */
export interface Rejected {
  total: number;
  byReason: Partial<Record<ErrorCode, number>>;
}

/** Count per answer: `{"1": 3, "2": 0, …}` or `{"bad": 1, "good": 4}`. */
export type Distribution = Record<string, number>;

export interface CsatResult {
  /** Satisfied answers as a percentage, 0–100. */
  score: number;
  satisfied: number;
  n: number;
  rejected: Rejected;
  distribution: Distribution;
  /** Interval of `score`, in percent. */
  ci: Interval<ProportionInterval>;
}

export interface NpsResult {
  /** % promoters − % detractors, −100..100. */
  score: number;
  promoters: number;
  passives: number;
  detractors: number;
  percentPromoters: number;
  percentPassives: number;
  percentDetractors: number;
  n: number;
  /** Half-width of the interval, in NPS points. */
  marginOfError: number;
  ci: Interval<NpsInterval>;
  rejected: Rejected;
  distribution: Distribution;
}

export interface CesResult {
  version: 1 | 2;
  mean: number;
  standardDeviation: number;
  /** Student t interval of the mean; null with a single answer. */
  ci: Interval<'t'> | null;
  /** Share of easy answers (5–7 on version 2, 1–2 on version 1), in percent. */
  percentEasy: number;
  n: number;
  rejected: Rejected;
  distribution: Distribution;
}

/** One breakdown row: the group key (`null` for answers without the attribute) and its result. */
export type GroupRow<R> = Omit<R, 'rejected'> & { key: string | null };

/** The result with `groupBy`: overall and per group, sorted by key (null last). */
export interface Grouped<R> {
  overall: R;
  groups: Array<GroupRow<R>>;
}

type Grouping = { groupBy: GroupBy };

// ---------------------------------------------------------------------------------------------
// Functions

export function csat(responses: ReadonlyArray<SurveyAnswer>, options: CsatOptions & Grouping): Grouped<CsatResult>;
export function csat(responses: ReadonlyArray<SurveyAnswer>, options?: CsatOptions): CsatResult;
export function nps(responses: ReadonlyArray<SurveyAnswer>, options: NpsOptions & Grouping): Grouped<NpsResult>;
export function nps(responses: ReadonlyArray<SurveyAnswer>, options?: NpsOptions): NpsResult;
export function ces(responses: ReadonlyArray<SurveyAnswer>, options: CesOptions & Grouping): Grouped<CesResult>;
export function ces(responses: ReadonlyArray<SurveyAnswer>, options?: CesOptions): CesResult;

/** NPS over raw 0–10 scores: one pass, no objects. `groupBy` is not available here. */
export function npsFromScores(scores: Uint8Array, options?: Omit<NpsOptions, 'groupBy'>): NpsResult;
/** CSAT over raw scores (binary scale: 0 = bad, 1 = good). */
export function csatFromScores(scores: Uint8Array, options?: Omit<CsatOptions, 'groupBy'>): CsatResult;
/** CES over raw scores. */
export function cesFromScores(scores: Uint8Array, options?: Omit<CesOptions, 'groupBy'>): CesResult;

type OptionsFor<K extends SurveyKind> = K extends 'csat' ? CsatOptions : K extends 'nps' ? NpsOptions : CesOptions;
type ResultFor<K extends SurveyKind> = K extends 'csat' ? CsatResult : K extends 'nps' ? NpsResult : CesResult;

/** The serialisable state of an accumulator (format `cxkit.survey.v1`; see the README). */
export interface SurveyState {
  format: 'cxkit.survey.v1';
  kind: SurveyKind;
  options: CsatOptions | NpsOptions | CesOptions;
  /** Count per scale point, lowest first. */
  counts: number[];
  /** Counts per group key (empty without `groupBy`). */
  groups: Array<{ key: string | null; counts: number[] }>;
  /** Answers left out, per error code. */
  rejected: Partial<Record<ErrorCode, number>>;
}

/**
 * A mergeable running total: push answers as they arrive, merge partial totals from elsewhere,
 * finish when you need the numbers. `finish(merge(a, b))` equals the batch result over a ∪ b.
 */
export declare class SurveyAccumulator<K extends SurveyKind = SurveyKind> {
  constructor(kind: K, options?: OptionsFor<K>);
  readonly kind: K;
  /** Valid answers counted so far. */
  readonly n: number;
  push(response: SurveyAnswer): void;
  /** All or nothing: on error nothing is added. */
  pushMany(responses: ReadonlyArray<SurveyAnswer>): void;
  pushScores(scores: Uint8Array): void;
  merge(other: SurveyAccumulator<K>): void;
  finish(): ResultFor<K> | Grouped<ResultFor<K>>;
  toJSON(): SurveyState;
  static fromJSON(state: SurveyState): SurveyAccumulator;
  /** Frees the WebAssembly memory now instead of at garbage collection. */
  free(): void;
}

/** The HTTP status and title of an error code (for hosts building problem documents). */
export function errorInfo(code: ErrorCode): { code: ErrorCode; status: number; title: string };

/** Every error code the package can throw (the members of `ErrorCode`). */
export function errorCodes(): ErrorCode[];

/** The package version. */
export function version(): string;

/** Resolves when the module is ready (entries other than `cxkit/slim` are ready on import). */
export default function init(): Promise<void>;

// =============================================================================================
// Lifetime value, customer effort, operations KPIs and staffing (cxkit_core::{ltv, effort, kpi,
// staffing}). Every default below is the core's, documented here as it is there.

/** Counts per error code of records left out with `onInvalid: "skip"`. */
export type RejectedCounts = Partial<Record<ErrorCode, number>>;
/** `"error"` (default): the first invalid record throws; `"skip"`: count it and go on. */
export type OnInvalid = 'error' | 'skip';
/** An RFC 3339 timestamp, for example `"2026-11-23T09:00:00Z"` (any offset; results are in UTC). */
export type Timestamp = string;
/** A calendar date `YYYY-MM-DD`. */
export type DateString = string;

// ---------------------------------------------------------------------------------------------
// Lifetime value

/** Time unit of recency, T, horizons and the BG/NBD rate α. A month is 30.436875 days. */
export type TimeUnit = 'days' | 'weeks' | 'months';
/** When each period's cash arrives: `start` (annuity-due, default of the closed forms) or `end`. */
export type CashTiming = 'start' | 'end';

/** One purchase. `amount` is finite and ≥ 0 (`invalid_amount` otherwise). */
export interface Transaction {
  customerId: string;
  at: Timestamp;
  amount: number;
}

export interface RfmOptions {
  /** Unit of recency and T. Default `"days"`. */
  unit?: TimeUnit;
  /** Last day of the calibration period, inclusive (`"1997-09-30"` or a timestamp). Default: the latest purchase day. */
  calibrationEnd?: DateString | Timestamp;
  /** Calendar that decides the day of a purchase, minutes from UTC (−1080..1080). Default 0. */
  utcOffsetMinutes?: number;
  /** Exact duplicates (same customer, instant and amount): `keep` (default) or `drop`. */
  duplicates?: 'keep' | 'drop';
  /** Invalid transactions: `error` (default) or `skip` (counted in `rejected`). */
  onInvalid?: OnInvalid;
}

/** One customer's RFM summary, the input of the BG/NBD and Gamma–Gamma models. */
export interface CustomerRfm {
  customerId?: string | null;
  /** Repeat purchase days (distinct purchase days − 1), a whole number. */
  frequency: number;
  /** First to last purchase day, in `unit` (0 without repeat purchases). */
  recency: number;
  /** Age: first purchase day to the calibration end, in `unit`. */
  T: number;
  /** Mean spend per repeat purchase day (0 without repeat purchases). Default 0. */
  monetaryValue?: number;
  /** Always stated: the unit of `recency` and `T`. */
  unit: TimeUnit;
}

/** A summary row as `rfmSummary` returns it. */
export interface RfmRow extends CustomerRfm {
  customerId: string;
  monetaryValue: number;
}

/** `RfmAccumulator.finish()`: the rows and what was left out. */
export interface RfmReport {
  unit: TimeUnit;
  calibrationEnd: DateString;
  customers: RfmRow[];
  /** Transactions counted (after dropping duplicates). */
  transactions: number;
  duplicatesDropped: number;
  /** Transactions after the calibration end, left out. */
  afterCalibration: number;
  rejected: RejectedCounts;
}

/** The serialisable state of an `RfmAccumulator` (format `cxkit.ltv.rfm.v1`). */
export interface RfmState {
  format: 'cxkit.ltv.rfm.v1';
  options: RfmOptions;
  /** Distinct purchases per customer: `[at, amount, count]`. */
  customers: Record<string, Array<[at: Timestamp, amount: number, count: number]>>;
  afterCalibration: number;
  rejected: RejectedCounts;
}

/** Options of the maximum-likelihood fits. */
export interface FitOptions {
  /** L2 penalty on the parameters (as Lifetimes' `penalizer_coef`), ≥ 0. Default 0. */
  penalizer?: number;
  /** Most quasi-Newton iterations. Default 500. */
  maxIterations?: number;
  /** Largest |gradient| of the mean negative log-likelihood at convergence. Default 1e-7. */
  tolerance?: number;
}

/** BG/NBD parameters: purchase rate λ ~ Gamma(r, α), dropout p ~ Beta(a, b); α is per `unit`. */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
  unit: TimeUnit;
}

/** A fitted BG/NBD model (usable as `BgNbdParams`). Check `converged` before trusting it. */
export interface BgNbdFit extends BgNbdParams {
  logLikelihood: number;
  converged: boolean;
  iterations: number;
  customers: number;
}

/** Gamma–Gamma parameters (Lifetimes calls `gamma` `v`). */
export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/** A fitted Gamma–Gamma model (usable as `GammaGammaParams`), on the repeat customers. */
export interface GammaGammaFit extends GammaGammaParams {
  logLikelihood: number;
  converged: boolean;
  iterations: number;
  customers: number;
}

export interface ClvModels {
  bgNbd: BgNbdParams;
  gammaGamma: GammaGammaParams;
}

export interface ClvOptions {
  /** Horizon in months. Default 12. */
  months?: number;
  /** Discount rate per month, > −1. Default 0.01. */
  monthlyDiscountRate?: number;
  /** The unit you believe the BG/NBD model is in; must equal the model's (`unit_mismatch`). */
  unit?: TimeUnit;
  /** Length of a month in days. Default 30.436875 (Lifetimes: 30 with days, 30.415 with weeks). */
  daysPerMonth?: number;
  /** Gross margin as a fraction of spend, 0..1. Default 1. */
  grossMargin?: number;
  /** `end` (default, as Lifetimes: month i discounted by (1+d)^i) or `start`. */
  timing?: CashTiming;
}

export interface CustomerLifetimeValue {
  /** Σ over months of expected purchases × expected spend × margin, discounted. */
  value: number;
  expectedPurchases: number;
  expectedAverageSpend: number;
  probabilityAlive: number;
  /** Discounted value of each month. */
  monthly: number[];
  /** The BG/NBD unit the horizon was converted to, and a month in it. */
  unit: TimeUnit;
  monthLength: number;
}

export interface SimpleLtvInput {
  /** Revenue per customer per period, ≥ 0. */
  arpu: number;
  /** Fraction of revenue, 0..1. Default 1. */
  grossMargin?: number;
  /** Customers lost per period, in (0, 1]. */
  churnRate: number;
}

export interface SimpleLtv {
  /** ARPU × margin ÷ churn. */
  value: number;
  /** 1 ÷ churn, periods. */
  expectedLifetime: number;
  marginPerPeriod: number;
}

export interface DiscountedLtvInput extends SimpleLtvInput {
  /** Per period, > −1. */
  discountRate: number;
  /** Number of periods; absent: infinite horizon (then churn > 0 and discount + churn > 0). */
  periods?: number;
  /** Default `start`. */
  timing?: CashTiming;
}

export interface DiscountedLtv {
  value: number;
  marginPerPeriod: number;
  retentionRate: number;
  /** `null`: infinite horizon. */
  periods: number | null;
  timing: CashTiming;
}

/** One acquisition cohort: revenue (or margin) of the whole cohort per period since acquisition. */
export interface Cohort {
  cohort: string;
  /** Original customers, ≥ 1. */
  customers: number;
  values: number[];
  /** Customers still active per period (for the retention curve). */
  active?: number[] | null;
}

export interface CohortLtvOptions {
  /** Multiplies every value, 0..1. Default 1. */
  grossMargin?: number;
  /** Per period, > −1. Default 0. */
  discountRate?: number;
  /** Default `start` (period k discounted by (1+d)^k); `end`: (1+d)^(k+1). */
  timing?: CashTiming;
}

export interface CohortCurve {
  cohort: string;
  customers: number;
  /** Cumulative value per original customer after each period. */
  cumulativeValue: number[];
  discountedCumulativeValue: number[];
  retention: number[] | null;
}

export interface CohortLtv {
  cohorts: CohortCurve[];
  /** All cohorts pooled per period, over the cohorts observed that long. */
  overall: {
    cumulativeValue: number[];
    discountedCumulativeValue: number[];
    retention: number[] | null;
    cohortsObserved: number[];
  };
}

/** RFM rows per customer from raw transactions (one purchase per customer per calendar day). */
export function rfmSummary(transactions: ReadonlyArray<Transaction>, options?: RfmOptions): RfmRow[];
/** BG/NBD maximum-likelihood fit (Fader, Hardie & Lee 2005). Rows must share one unit. */
export function fitBgNbd(summary: ReadonlyArray<CustomerRfm>, options?: FitOptions): BgNbdFit;
/**
 * The same fit from columns: row i is `frequency[i]` (whole numbers), `recency[i]`, `T[i]`, all
 * in `unit`. Avoids reading one object per customer.
 */
export function fitBgNbdColumns(
  frequency: Float64Array,
  recency: Float64Array,
  T: Float64Array,
  unit: TimeUnit,
  options?: FitOptions,
): BgNbdFit;
/** Expected purchases in the next `t` units of the model (the customer's row is converted). */
export function bgNbdExpectedPurchases(params: BgNbdParams, customer: CustomerRfm, t: number): number;
/** Probability that the customer is still alive. */
export function bgNbdProbabilityAlive(params: BgNbdParams, customer: CustomerRfm): number;
/** Expected purchases in (0, t] of a customer who has just arrived. */
export function bgNbdExpectedPurchasesNewCustomer(params: BgNbdParams, t: number): number;
/** Gamma–Gamma spend model, fitted on the rows with frequency > 0. */
export function fitGammaGamma(summary: ReadonlyArray<CustomerRfm>, options?: FitOptions): GammaGammaFit;
/**
 * The same fit from columns (Lifetimes' `fit(frequency, monetary_value)`): row i is
 * `frequency[i]` (whole numbers) and `monetaryValue[i]`; rows with frequency 0 are skipped.
 */
export function fitGammaGammaColumns(frequency: Float64Array, monetaryValue: Float64Array, options?: FitOptions): GammaGammaFit;
/** Conditional expected spend per purchase. */
export function expectedAverageSpend(params: GammaGammaParams, customer: CustomerRfm): number;
/** CLV over a horizon of months, discounted monthly, with the model's unit handled for you. */
export function customerLifetimeValue(
  models: ClvModels,
  customer: CustomerRfm,
  options?: ClvOptions,
): CustomerLifetimeValue;
export function simpleLtv(input: SimpleLtvInput): SimpleLtv;
export function discountedLtv(input: DiscountedLtvInput): DiscountedLtv;
export function cohortLtv(cohorts: ReadonlyArray<Cohort>, options?: CohortLtvOptions): CohortLtv;

/** A mergeable RFM summary: push transactions in any order, merge, finish. */
export declare class RfmAccumulator {
  constructor(options?: RfmOptions);
  push(transaction: Transaction): void;
  /** All or nothing. */
  pushMany(transactions: ReadonlyArray<Transaction>): void;
  merge(other: RfmAccumulator): void;
  finish(): RfmReport;
  toJSON(): RfmState;
  static fromJSON(state: RfmState): RfmAccumulator;
  free(): void;
}

// ---------------------------------------------------------------------------------------------
// Contacts (input of effort and KPIs)

export type Direction = 'inbound' | 'outbound';

/** One customer contact. Only `id` and `channel` are required; extra fields are ignored. */
export interface Contact {
  id: string;
  /** With `id`, the key that merges partial records. */
  platform?: string | null;
  customerId?: string | null;
  channel: Channel;
  direction?: Direction | null;
  queue?: string | null;
  agentId?: string | null;
  startedAt?: Timestamp | null;
  offeredAt?: Timestamp | null;
  answeredAt?: Timestamp | null;
  abandonedAt?: Timestamp | null;
  endedAt?: Timestamp | null;
  /** Seconds in queue (wins over `answeredAt − offeredAt`). */
  queueWaitS?: number | null;
  talkS?: number | null;
  holdS?: number | null;
  acwS?: number | null;
  handleS?: number | null;
  /** Default 0. */
  transfers?: number;
  /** Default 0. */
  conferences?: number;
  /** Default false. */
  escalated?: boolean;
  abandoned?: boolean | null;
  disconnectReason?: string | null;
  reason?: string | null;
  resolved?: boolean | null;
  /** An event carrying only part of a contact. */
  partial?: boolean | null;
  [extra: string]: unknown;
}

// ---------------------------------------------------------------------------------------------
// Customer effort

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** Opening hours at a fixed offset: `weekly` periods `[open, close]` in local `HH:MM`. */
export interface BusinessHours {
  /** −1080..1080. Default 0. */
  utcOffsetMinutes?: number;
  /** A day absent is closed; `24:00` closes at midnight. */
  weekly?: Partial<Record<Weekday, ReadonlyArray<readonly [open: string, close: string]>>>;
  holidays?: ReadonlyArray<DateString>;
}

/** Customer Effort Index weights (each ≥ 0). */
export interface EffortWeights {
  /** Default 1. */
  transfer?: number;
  /** Default 1. */
  escalation?: number;
  /** Default 2. */
  repeat?: number;
  /** Default 1. */
  channelSwitch?: number;
  /** Default 0.5. */
  reassignment?: number;
  /** Default 1. */
  abandon?: number;
  /** Default 0.1. */
  waitMinute?: number;
  /** Default 0.1. */
  holdMinute?: number;
}

/** A survey answer about a contact (CES, or "was your issue resolved?"). */
export interface ContactAnswer {
  contactId?: string | null;
  value?: number | null;
  label?: string | null;
  id?: string | null;
  respondedAt?: Timestamp | null;
  customerId?: string | null;
  agentId?: string | null;
  queue?: string | null;
  channel?: Channel | null;
  [extra: string]: unknown;
}

export type FcrMethod = 'repeatWindow' | 'disposition' | 'oneTouch' | 'survey';

export interface EffortOptions {
  /** Repeat window after a contact's end, hours. Default 168 (7 days). */
  repeatWindowHours?: number;
  /** Per channel of the earlier contact, overriding `repeatWindowHours`. */
  repeatWindowHoursByChannel?: Partial<Record<Channel, number>>;
  /** Default `acrossChannels`. */
  repeatScope?: 'acrossChannels' | 'sameChannel';
  /** Separate journeys per contact `reason`. Default false. */
  journeyByReason?: boolean;
  /** Default `repeatWindow`. */
  fcrMethod?: FcrMethod;
  /** "Now", as data. Default: the latest timestamp in the contacts. */
  asOf?: Timestamp;
  /** For business time to resolution. Default none. */
  businessHours?: BusinessHours;
  weights?: EffortWeights;
  /** CES version of `cesAnswers`: 1 (1–5, high is hard) or 2 (1–7, high is easy; default). */
  cesVersion?: 1 | 2;
  cesAnswers?: ReadonlyArray<ContactAnswer>;
  /** Answers to "was your issue resolved?": 1/0 or yes/no, sí/no … (for `fcrMethod: "survey"`). */
  fcrAnswers?: ReadonlyArray<ContactAnswer>;
  /** `full` (default) or `summary` (summary and queues only). */
  detail?: 'full' | 'summary';
  onInvalid?: OnInvalid;
}

export interface FcrSummary {
  method: FcrMethod;
  resolved: number;
  notResolved: number;
  /** Journeys younger than the window (not yet decidable). */
  pending: number;
  unknown: number;
  /** resolved ÷ (resolved + notResolved); null when nothing is decidable. */
  rate: number | null;
}

export interface DurationStats {
  n: number;
  meanSeconds: number;
  medianSeconds: number;
}

export interface EffortSummary {
  asOf: Timestamp;
  contacts: number;
  inProgress: number;
  unattributedContacts: number;
  customers: number;
  journeys: number;
  transfers: number;
  reassignments: number;
  channelSwitches: number;
  escalations: number;
  repeatContacts: number;
  repeatRate: number | null;
  resolvedJourneys: number;
  unresolvedJourneys: number;
  openJourneys: number;
  contactsPerResolution: number | null;
  timeToResolution: DurationStats | null;
  businessTimeToResolution: DurationStats | null;
  fcr: FcrSummary;
  effortIndex: { perContact: number; perJourney: number | null; perCustomer: number | null };
}

export interface CustomerEffort {
  customerId: string;
  contacts: number;
  journeys: number;
  transfers: number;
  reassignments: number;
  channelSwitches: number;
  escalations: number;
  repeatContacts: number;
  resolvedJourneys: number;
  contactsPerResolution: number | null;
  meanTimeToResolutionSeconds: number | null;
  meanBusinessTimeToResolutionSeconds: number | null;
  fcr: FcrSummary;
  effortIndex: number;
  effortIndexPerJourney: number;
}

export interface JourneyEffort {
  /** Position in `journeys` (what `contacts[].journey` refers to). */
  id: number;
  customerId: string;
  /** With `journeyByReason`. */
  reason?: string;
  contactIds: string[];
  channels: Channel[];
  startedAt: Timestamp;
  endedAt: Timestamp;
  contacts: number;
  transfers: number;
  reassignments: number;
  channelSwitches: number;
  escalations: number;
  repeatContacts: number;
  status: 'open' | 'resolved' | 'unresolved';
  fcr: 'resolved' | 'notResolved' | 'pending' | 'unknown';
  timeToResolutionSeconds: number | null;
  businessTimeToResolutionSeconds: number | null;
  effortIndex: number;
}

export interface ContactEffort {
  contactId: string;
  platform?: string;
  customerId: string | null;
  queue: string | null;
  channel: Channel;
  journey: number | null;
  repeat: boolean;
  channelSwitch: boolean;
  reassignment: boolean;
  effortIndex: number;
  ces: number | null;
}

export interface QueueEffort {
  queue: string | null;
  contacts: number;
  transfers: number;
  escalations: number;
  repeatContacts: number;
  effortIndex: number;
}

export interface CesCorrelation {
  n: number;
  /** Spearman's ρ (average ranks for ties); null below 3 pairs or without variation. */
  rho: number | null;
  pValue: number | null;
  cesVersion: 1 | 2;
  /** Read ρ < 0 as agreement on version 2 (`easier`), ρ > 0 on version 1 (`harder`). */
  higherCesMeans: 'easier' | 'harder';
  unmatched: number;
}

export interface EffortReport {
  summary: EffortSummary;
  /** With `detail: "full"` (the default). */
  customers?: CustomerEffort[];
  journeys?: JourneyEffort[];
  contacts?: ContactEffort[];
  queues: QueueEffort[];
  cesCorrelation: CesCorrelation | null;
  rejected: Rejected;
}

/** The serialisable state of an `EffortAccumulator` (format `cxkit.effort.v1`). */
export interface EffortState {
  format: 'cxkit.effort.v1';
  /** The options without `cesAnswers` and `fcrAnswers`. */
  options: EffortOptions;
  contacts: Contact[];
  cesAnswers: Array<{ contactId: string; value: number }>;
  fcrAnswers: Array<{ contactId: string; resolved: boolean }>;
  answersWithoutContact: number;
  cesGiven: boolean;
  rejected: RejectedCounts;
}

/** Customer-effort indicators over contacts (journeys, repeats, FCR, effort index). */
export function effort(contacts: ReadonlyArray<Contact>, options?: EffortOptions): EffortReport;

/** Mergeable effort indicators: the state is the contacts and answers themselves. */
export declare class EffortAccumulator {
  constructor(options?: EffortOptions);
  push(contact: Contact): void;
  /** All or nothing. */
  pushMany(contacts: ReadonlyArray<Contact>): void;
  pushCes(answer: ContactAnswer): void;
  pushFcr(answer: ContactAnswer): void;
  merge(other: EffortAccumulator): void;
  finish(): EffortReport;
  toJSON(): EffortState;
  static fromJSON(state: EffortState): EffortAccumulator;
  free(): void;
}

// ---------------------------------------------------------------------------------------------
// Operations KPIs

export type KpiDimension = 'queue' | 'channel' | 'agentId' | 'interval' | 'day' | 'week' | 'month';

export interface KpiOptions {
  /** Default 20. */
  serviceLevelThresholdSeconds?: number;
  /** Default `lessOrEqual` ("answered within"). */
  serviceLevelComparison?: 'lessOrEqual' | 'less';
  /** Default `answeredAbandoned` (Genesys Cloud); `offered` adds flow-outs; `answered`. */
  serviceLevelBase?: 'answeredAbandoned' | 'offered' | 'answered';
  /** Take short abandons out of the service-level base. Default false. */
  serviceLevelExcludeShortAbandons?: boolean;
  /** Default 5. */
  shortAbandonSeconds?: number;
  /** Default `offered` (Amazon Connect). */
  abandonmentBase?: 'offered' | 'answeredAbandoned';
  /** Default false. */
  abandonmentExcludeShortAbandons?: boolean;
  /** Default `answered`. */
  asaBase?: 'answered' | 'all';
  /** Default all three. */
  ahtComponents?: { talk?: boolean; hold?: boolean; acw?: boolean };
  /** Default false. */
  containmentRequiresResolved?: boolean;
  /** Default email, sms, social, messaging, other. */
  caseChannels?: ReadonlyArray<Channel>;
  /** Default `ended`. */
  caseClosedBy?: 'ended' | 'resolved';
  /** Staffed seconds of all agents (occupancy denominator). Default none. */
  staffedSeconds?: number;
  staffedSecondsByAgent?: Record<string, number>;
  /** One dimension or several. Default none. */
  groupBy?: KpiDimension | ReadonlyArray<KpiDimension>;
  /** Divides 1440. Default 30. */
  intervalMinutes?: number;
  /** Calendar of time buckets, −1080..1080. Default 0. */
  utcOffsetMinutes?: number;
  onInvalid?: OnInvalid;
}

/** Shares are 0–1, times seconds; a KPI whose denominator is zero is null, never NaN. */
export interface KpiResult {
  contacts: number;
  inProgress: number;
  inbound: number;
  outbound: number;
  offered: number;
  answered: number;
  abandoned: number;
  shortAbandons: number;
  flowOuts: number;
  waiting: number;
  answeredWithinThreshold: number;
  serviceLevel: number | null;
  abandonmentRate: number | null;
  asa: number | null;
  handled: number;
  aht: number | null;
  averageTalk: number | null;
  averageHold: number | null;
  averageAcw: number | null;
  occupancy: number | null;
  contained: number;
  containmentRate: number | null;
  transferred: number;
  transferRate: number | null;
  cases: number;
  backlog: number;
  casesClosed: number;
  meanDaysToClose: number | null;
  unmeasured: { wait: number; handleTime: number; closeTime: number };
  /** Overall only, with `onInvalid: "skip"` semantics: records left out. */
  rejected?: Rejected;
}

/** One breakdown row: `key` maps each `groupBy` dimension to its value (null when absent). */
export type KpiGroup = Omit<KpiResult, 'rejected'> & { key: Partial<Record<KpiDimension, string | null>> };

export interface KpiGrouped {
  overall: KpiResult;
  groups: KpiGroup[];
}

/** Integer counts and sums of whole milliseconds (case close times: seconds). */
export interface KpiCounts {
  contacts: number;
  inProgress: number;
  inbound: number;
  outbound: number;
  offered: number;
  answered: number;
  answeredWithin: number;
  answeredWaitUnknown: number;
  abandoned: number;
  shortAbandons: number;
  flowOuts: number;
  waiting: number;
  answeredWaitMs: number;
  offeredWaitMs: number;
  offeredWaitN: number;
  handled: number;
  handleUnknown: number;
  handleMs: number;
  talkMs: number;
  talkN: number;
  holdMs: number;
  holdN: number;
  acwMs: number;
  acwN: number;
  transferred: number;
  selfServiceBase: number;
  contained: number;
  cases: number;
  casesClosed: number;
  caseCloseS: number;
  caseCloseN: number;
}

/** The serialisable state of a `KpiAccumulator` (format `cxkit.kpi.v1`). */
export interface KpiState {
  format: 'cxkit.kpi.v1';
  options: KpiOptions;
  counts: KpiCounts;
  groups: Array<{ key: Array<string | null>; counts: KpiCounts }>;
  rejected: RejectedCounts;
}

type KpiGrouping = { groupBy: KpiDimension | ReadonlyArray<KpiDimension> };

/** Operations KPIs over contacts (partial records merged by `platform` + `id` first). */
export function kpis(contacts: ReadonlyArray<Contact>, options: KpiOptions & KpiGrouping): KpiGrouped;
export function kpis(contacts: ReadonlyArray<Contact>, options?: KpiOptions): KpiResult;

/** Mergeable running KPIs: `finish(merge(a, b))` equals the batch over both. */
export declare class KpiAccumulator {
  constructor(options?: KpiOptions);
  push(contact: Contact): void;
  /** All or nothing; parts of a contact are merged first. */
  pushMany(contacts: ReadonlyArray<Contact>): void;
  merge(other: KpiAccumulator): void;
  /** A `KpiGrouped` when created with `groupBy`, else a `KpiResult`. */
  finish(): KpiResult | KpiGrouped;
  toJSON(): KpiState;
  static fromJSON(state: KpiState): KpiAccumulator;
  free(): void;
}

// ---------------------------------------------------------------------------------------------
// Staffing

export type StaffingModel = 'erlang-c' | 'erlang-a';
export type ShrinkageMode = 'divide' | 'multiply';
export type ServiceLevelDefinition = 'offered' | 'answered' | 'excludingShortAbandons';

interface Traffic {
  /** Calls arriving in the interval, ≥ 0. */
  callsPerInterval: number;
  /** Interval length, seconds (> 0), for example 1800. */
  intervalSeconds: number;
  /** Average handle time, seconds (> 0). */
  ahtSeconds: number;
  /** Service-level threshold, seconds. Default 20. */
  thresholdSeconds?: number;
}

export interface ErlangCInput extends Traffic {
  /** A whole number ≥ 1, more than the traffic (`unstable_queue` otherwise). */
  agents: number;
}

export interface ErlangCResult {
  trafficErlangs: number;
  probabilityWait: number;
  serviceLevel: number;
  /** Average speed of answer, seconds. */
  asa: number;
  occupancy: number;
}

export interface ErlangAInput extends Traffic {
  /** A whole number ≥ 1 (may be below the traffic). */
  agents: number;
  /** Mean patience, seconds (> 0). */
  patienceSeconds: number;
  /** Which service level `serviceLevel` is. Default `offered`. */
  serviceLevelDefinition?: ServiceLevelDefinition;
  /** Default 5. */
  shortAbandonSeconds?: number;
}

export interface ErlangAResult {
  trafficErlangs: number;
  probabilityWait: number;
  probabilityAbandon: number;
  serviceLevel: number;
  serviceLevels: { offered: number; answered: number; excludingShortAbandons: number };
  /** Of answered calls, seconds. */
  asa: number;
  /** Of all offered calls, seconds. */
  averageWait: number;
  occupancy: number;
}

interface StaffingTargets {
  /** Service-level threshold, seconds. Default 20. */
  thresholdSeconds?: number;
  /** In (0, 1). Default 0.8 when no ASA target is given. */
  targetServiceLevel?: number;
  /** Seconds. Default none. */
  targetAsaSeconds?: number;
  /** In (0, 1]. Default none. */
  maxOccupancy?: number;
  /** `divide`: [0, 1); `multiply`: ≥ 0. Default 0. */
  shrinkage?: number;
  /** Default `divide` (agents ÷ (1 − s)). */
  shrinkageMode?: ShrinkageMode;
  /** Default `erlang-c`. */
  model?: StaffingModel;
  /** Erlang A only, and required there. */
  patienceSeconds?: number;
  /** Erlang A only. Default `offered`. */
  serviceLevelDefinition?: ServiceLevelDefinition;
  /** Erlang A only. Default 5. */
  shortAbandonSeconds?: number;
  /** Search limit. Default and maximum 2,000,000. */
  maxAgents?: number;
}

export interface AgentsRequiredInput extends StaffingTargets {
  callsPerInterval: number;
  intervalSeconds: number;
  ahtSeconds: number;
}

export interface AgentsRequiredResult {
  agents: number;
  /** After shrinkage, rounded up (21 ÷ (1 − 0.3) is 30). */
  scheduled: number;
  scheduledExact: number;
  serviceLevel: number;
  asa: number;
  occupancy: number;
  probabilityWait: number;
  /** Erlang A only. */
  probabilityAbandon?: number;
  trafficErlangs: number;
  model: StaffingModel;
}

export interface IntervalForecast {
  label?: string | null;
  calls: number;
  /** May be 0 when `calls` is 0. */
  ahtSeconds: number;
}

export interface IntervalPlanInput extends StaffingTargets {
  /** Length of every interval, seconds. */
  intervalSeconds: number;
  intervals: ReadonlyArray<IntervalForecast>;
}

export interface IntervalStaffing extends AgentsRequiredResult {
  label?: string;
  calls: number;
  ahtSeconds: number;
}

export interface IntervalPlanResult {
  intervals: IntervalStaffing[];
  totals: {
    calls: number;
    agentHours: number;
    scheduledHours: number;
    peakAgents: number;
    peakScheduled: number;
    /** Weighted by calls. */
    serviceLevel: number | null;
    /** Weighted by answered calls. */
    asa: number | null;
    occupancy: number | null;
    /** Erlang A only. */
    probabilityAbandon?: number | null;
  };
}

/** Erlang C measures at a number of agents. */
export function erlangC(input: ErlangCInput): ErlangCResult;
/** Erlang A (M/M/n+M) measures at a number of agents. */
export function erlangA(input: ErlangAInput): ErlangAResult;
/** The smallest number of agents meeting every target, and agents to schedule. */
export function agentsRequired(input: AgentsRequiredInput): AgentsRequiredResult;
/** Agents per interval for a day of forecasts, and totals. */
export function intervalPlan(input: IntervalPlanInput): IntervalPlanResult;

// =============================================================================================
// Webhooks (cxkit_adapters): verify a platform's webhook and map it to cxkit records.

export type WebhookPlatform = 'amazon-connect' | 'genesys' | 'twilio' | 'zendesk' | 'salesforce' | 'generic';

/** Payload formats (`Platform::formats` in cxkit-adapters); detected from the shape when absent. */
export type WebhookFormat =
  | 'firehose' | 'eventbridge' | 'contact-lens' | 'ctr'          // amazon-connect
  | 'eventbridge' | 'conversation-detail' | 'open-messaging'     // genesys
  | 'taskrouter' | 'event-streams'                               // twilio
  | 'event' | 'ticket' | 'satisfaction-rating' | 'survey-response' // zendesk
  | 'outbound-message' | 'cdc' | 'survey-responses'              // salesforce
  | 'signed' | 'mapped';                                         // generic

/** The HTTP request exactly as received: signatures are computed over `url` and the raw `body`. */
export interface WebhookRequest {
  /** Default `"POST"`. */
  method?: string;
  /** The full URL the platform called, query included (Twilio signs it). */
  url: string;
  /** Names are case-insensitive; a plain object, a `Headers`/`Map`, or `[name, value]` pairs. */
  headers?: Headers | Record<string, string | readonly string[] | undefined> | Iterable<readonly [string, string]>;
  /** The raw body: a string is sent as its UTF-8 bytes. */
  body: string | Uint8Array | ArrayBuffer;
}

/** `fieldMap` of the generic `mapped` format (see the README, "Webhooks"). */
export interface WebhookFieldMap {
  /** `"contact"` (default) or `"survey"`. */
  record?: 'contact' | 'survey';
  /** cxkit field -> form field name or JSON dot path. */
  fields?: Record<string, string>;
  /** cxkit field -> constant value. */
  constants?: Record<string, unknown>;
  /** cxkit field -> payload value -> cxkit value. */
  values?: Record<string, Record<string, string>>;
  /** Dot path to an array of records in a JSON body. */
  records?: string;
}

export interface WebhookOptions {
  /** HMAC keys or shared keys; several at once for rotation (any one verifying is enough). */
  secrets?: readonly string[];
  /** Shared-key header. Default `x-cxkit-connect-key`, `x-cxkit-genesys-key`, `x-cxkit-salesforce-key`, `x-cxkit-key`. */
  apiKeyHeader?: string;
  /** Replay window of signed timestamps (Zendesk, generic), seconds. Default 300. */
  toleranceSeconds?: number;
  /** The current time for replay checks (RFC 3339). Default: the host's clock. */
  now?: Timestamp;
  /** Salesforce organization ids (15 or 18 characters) whose Outbound Messages are accepted. */
  organizationIds?: readonly string[];
  /** Amazon Connect contact attribute holding the post-call CSAT answer. Default `postCallSurvey_csat`. */
  csatAttribute?: string;
  /** Scale of numeric CSAT answers. Default `[1, 5]`. */
  csatScale?: Scale;
  /** The payload format instead of detection from the shape. */
  format?: WebhookFormat;
  fieldMap?: WebhookFieldMap;
  /** Largest accepted body in bytes (`payload_too_large`). Default 8 MiB. */
  maxBodyBytes?: number;
}

// ---------------------------------------------------------------------------------------------
// Transcripts: sentiment, keywords and compliance, PII redaction (issue 4)

export type Speaker = 'customer' | 'agent' | 'bot' | 'system';
export type Language = 'en' | 'es';
export type LanguageChoice = Language | 'auto';
export type SentimentLabel = 'positive' | 'negative' | 'neutral' | 'mixed';
export type PiiType = 'EMAIL' | 'PHONE' | 'CARD' | 'IBAN' | 'NATIONAL_ID' | 'SSN';

export interface Turn {
  speaker: Speaker;
  text: string;
  /** Milliseconds from the start of the contact (finite, ≥ 0). */
  startMs?: number;
  endMs?: number;
  /** The platform's own sentiment, −1..1 (carried through, not read by the scorer). */
  platformSentiment?: number;
}

export interface Transcript {
  contactId?: string;
  /** Absent: `auto`. */
  language?: LanguageChoice;
  turns: ReadonlyArray<Turn>;
}

/** The core's sentiment options (all optional; see the README table). */
export interface SentimentOptions {
  language?: LanguageChoice;
  fallbackLanguage?: Language;
  positiveThreshold?: number;
  negativeThreshold?: number;
  mixedThreshold?: number;
  negationWindow?: number;
  /** Largest text (transcript: sum of its turns) in UTF-8 bytes; default 1 MiB → `text_too_large`. */
  maxBytes?: number;
  /** `false`: no hits (faster). */
  hits?: boolean;
  lateWeight?: number;
  trendWindow?: number;
  trendThreshold?: number;
  quarters?: 'time' | 'turns' | 'auto';
}

export interface TextOptions extends SentimentOptions {
  /** Default: the built-in lexicons. */
  lexicon?: Lexicon;
}

export interface RedactOptions {
  /** Default: every type. An empty list is `invalid_option`. */
  types?: ReadonlyArray<PiiType>;
  /** Default 1 MiB → `text_too_large`. */
  maxBytes?: number;
}

export interface TranscriptOptions extends TextOptions {
  /** Also scan the transcript (after redaction): adds `keywords`. */
  keywords?: KeywordSet | 'builtin';
  /** Redact PII from every turn before scoring and scanning: adds `redacted`. */
  redact?: boolean | RedactOptions;
}

export type HitKind = 'word' | 'phrase' | 'emoji' | 'emoticon' | 'implied';

export interface Hit {
  text: string;
  /** The lexicon key (folded, normalised: `muuuy` → `muy`). */
  key: string;
  kind: HitKind;
  /** Byte offsets (UTF-8). */
  start: number;
  end: number;
  /** JavaScript string offsets: `text.slice(startUtf16, endUtf16)`. */
  startUtf16: number;
  endUtf16: number;
  /** Lexicon valence, −4..4. */
  valence: number;
  /** What it added to the sum after every rule. */
  contribution: number;
  negated: boolean;
}

export interface TextScore {
  /** −1..1. */
  score: number;
  label: SentimentLabel;
  language: Language;
  positive: number;
  negative: number;
  hits: Hit[];
}

export interface TurnScore extends TextScore {
  speaker: Speaker;
}

export interface SpeakerSentiment {
  turns: number;
  mean: number | null;
  /** 5 × the mean per quarter, −5..5; `null` without turns there. */
  quarters: [number | null, number | null, number | null, number | null];
}

export interface TranscriptScore {
  language: Language;
  turns: TurnScore[];
  speakers: Record<Speaker, SpeakerSentiment>;
  /** Customer, −100..100, later turns weighing more; `null` when no customer turn has a hit. */
  overall: number | null;
  trend: {
    direction: 'improved' | 'worsened' | 'flat';
    start: number | null;
    end: number | null;
    change: number | null;
  };
}

export interface PiiEntity {
  type: PiiType;
  value: string;
  start: number;
  end: number;
  startUtf16: number;
  endUtf16: number;
}

export interface Redaction {
  text: string;
  entities: PiiEntity[];
}

export interface TranscriptResult extends TranscriptScore {
  /** With `options.keywords`. */
  keywords?: KeywordReport;
  /** With `options.redact`: per turn, the redacted text (what was scored) and what was replaced. */
  redacted?: { turns: Redaction[] };
}

/** Bulk scores, no hits: `codes[i]` indexes `sentimentLabels()`. */
export interface TextScores {
  scores: Float64Array;
  codes: Uint8Array;
  labels: SentimentLabel[];
}

/** Scores one text. Errors: `empty_input`, `text_too_large`, `invalid_value` (lone surrogate), `invalid_option`. */
export function scoreText(text: string, options?: TextOptions): TextScore;
/** Scores many texts (no hits); the first bad text fails with its index. */
export function scoreTexts(texts: ReadonlyArray<string>, options?: TextOptions): TextScores;
/** `["positive", "negative", "neutral", "mixed"]`: the order of `scoreTexts` codes. */
export function sentimentLabels(): SentimentLabel[];
export function scoreTranscript(transcript: Transcript, options?: TranscriptOptions): TranscriptResult;

/** Replaces PII with `[EMAIL]`, `[PHONE]`, `[CARD]`, `[IBAN]`, `[NATIONAL_ID]`, `[SSN]`; spans refer to the input. */
export function redact(text: string, options?: RedactOptions): Redaction;
export function detectPii(text: string, options?: RedactOptions): PiiEntity[];
/** Redacts every turn (`maxBytes` per turn): the transcript with redacted texts, and each turn's redaction. */
export function redactTranscript(transcript: Transcript, options?: RedactOptions): { transcript: Transcript; turns: Redaction[] };
export function piiTypes(): PiiType[];

export type ModifierKind = 'negator' | 'intensifier' | 'dampener' | 'contrast' | 'concessive' | 'stop-negation';

export interface LexiconConfig {
  /** Start from the built-in lexicons (default) or from nothing. */
  base?: 'builtin' | 'empty';
  /** TSV (`term<TAB>valence[<TAB>tags]`) or `{ term: valence }` with valence in −4..4. */
  entries?: { en?: string | Record<string, number>; es?: string | Record<string, number> };
  /** TSV (`term<TAB>kind<TAB>factor`) or `{ term: { kind, factor } }`. */
  modifiers?: {
    en?: string | Record<string, { kind: ModifierKind; factor: number }>;
    es?: string | Record<string, { kind: ModifierKind; factor: number }>;
  };
}

/** Sentiment lexicons, compiled once; pass as `options.lexicon`. */
export declare class Lexicon {
  /** Errors: `invalid_lexicon` (TSV: `details.index` is the line). */
  constructor(config?: LexiconConfig);
  /** The built-in lexicons (shared, not copied). */
  static builtin(): Lexicon;
  valence(language: Language, term: string): number | undefined;
  size(language: Language): number;
  free(): void;
}

export interface KeywordCategory {
  name: string;
  phrases: ReadonlyArray<string>;
  negationAware?: boolean;
  /** Default: everyone. */
  speakers?: ReadonlyArray<Speaker>;
}

export interface ComplianceRule {
  name: string;
  kind: 'mustSay' | 'mustNotSay';
  phrases: ReadonlyArray<string>;
  /** Default `agent`. */
  speaker?: Speaker;
  withinTurns?: number;
  withinSeconds?: number;
  negationAware?: boolean;
}

export interface KeywordConfig {
  categories?: ReadonlyArray<KeywordCategory>;
  rules?: ReadonlyArray<ComplianceRule>;
  /** Include the built-in categories (default `true`). */
  builtin?: boolean;
  maxBytes?: number;
}

export interface KeywordMatch {
  category: string;
  phrase: string;
  text: string;
  turn?: number;
  speaker?: Speaker;
  start: number;
  end: number;
  startUtf16: number;
  endUtf16: number;
  negated: boolean;
}

export interface RuleResult {
  name: string;
  kind: 'mustSay' | 'mustNotSay';
  passed: boolean;
  reason: 'missing' | 'late' | 'said' | null;
  evidence: {
    turn: number;
    phrase: string;
    text: string;
    start: number;
    end: number;
    startUtf16: number;
    endUtf16: number;
    startMs?: number;
  } | null;
}

export interface KeywordReport {
  matches: KeywordMatch[];
  categories: Record<string, { count: number; negated: number; turns: number[] }>;
  compliance: RuleResult[];
}

/** Keyword categories and compliance rules compiled once into one automaton. */
export declare class KeywordSet {
  /** No config: the built-in categories. */
  constructor(config?: KeywordConfig);
  /** The built-in categories (compiled once per instance). */
  static builtin(): KeywordSet;
  /** Categories from `category<TAB>language<TAB>phrase` lines. */
  static categoriesFromTsv(tsv: string): KeywordCategory[];
  readonly categories: string[];
  readonly patternCount: number;
  scan(transcript: Transcript): KeywordReport;
  scanText(text: string): KeywordMatch[];
  free(): void;
}

export interface SentimentState {
  format: 'cxkit.sentiment.v1';
  transcripts: number;
  overallCount: number;
  overallMicros: number;
  improved: number;
  worsened: number;
  flat: number;
  speakers: Partial<Record<Speaker, {
    turns: number; positive: number; negative: number; neutral: number; mixed: number; scoreMicros: number;
  }>>;
}

export interface SentimentSummary {
  transcripts: number;
  overall: number | null;
  trend: { improved: number; worsened: number; flat: number };
  speakers: Partial<Record<Speaker, { turns: number; mean: number | null; labels: Partial<Record<SentimentLabel, number>> }>>;
}

/** Sentiment totals over many transcripts; mergeable. */
export declare class SentimentAccumulator {
  constructor();
  push(score: TranscriptScore): void;
  merge(other: SentimentAccumulator): void;
  finish(): SentimentSummary;
  toJSON(): SentimentState;
  static fromJSON(state: SentimentState): SentimentAccumulator;
  free(): void;
}

export interface KeywordState {
  format: 'cxkit.keywords.v1';
  transcripts: number;
  categories: Record<string, { transcripts: number; matches: number }>;
  rules: Record<string, { passed: number; missing: number; late: number; said: number }>;
}

export interface KeywordSummary {
  transcripts: number;
  categories: Record<string, { transcripts: number; matches: number; rate: number }>;
  rules: Record<string, { passed: number; missing: number; late: number; said: number; passRate: number | null }>;
}

/** Keyword and compliance totals over many transcripts; mergeable. */
export declare class KeywordAccumulator {
  constructor();
  push(report: KeywordReport): void;
  merge(other: KeywordAccumulator): void;
  finish(): KeywordSummary;
  toJSON(): KeywordState;
  static fromJSON(state: KeywordState): KeywordAccumulator;
  free(): void;
}

/** A contact as an adapter writes it: `platform` is set, `transfers`/`conferences`/`escalated` always present. */
export interface WebhookContact extends Contact {
  platform: string;
  transfers: number;
  conferences: number;
  escalated: boolean;
}

export interface WebhookResult {
  /** `ignored`: verified, but nothing maps to a record (see `reason`); acknowledge it anyway. */
  status: 'accepted' | 'ignored';
  /** Format and the platform's event name: `eventbridge:DISCONNECTED`, `taskrouter:task.completed`. */
  event: string;
  reason?: string;
  /** Complete or `partial` contacts (merge by `platform` + `id`). */
  contacts: WebhookContact[];
  surveys: SurveyResponse[];
  transcripts: Transcript[];
  /** The reply the platform expects (Salesforce's SOAP Ack, Firehose's `{requestId, timestamp}`). */
  response?: { status: number; contentType: string; body: string };
}

export interface WebhookVerification {
  platform: WebhookPlatform;
  format: WebhookFormat;
  scheme: 'shared-key' | 'hub-signature' | 'twilio-signature' | 'zendesk-signature' | 'cxkit-signature' | 'organization-id' | 'none';
  /** Which of `options.secrets` verified it. */
  secretIndex?: number;
}

/**
 * Verifies a webhook and maps it to cxkit records. Throws `CxkitError`: `missing_signature`,
 * `signature_mismatch`, `stale_timestamp`, `unknown_org` (401), `malformed_payload`,
 * `unsupported_event`, `invalid_option` (400), `payload_too_large` (413).
 */
export function handleWebhook(platform: WebhookPlatform, request: WebhookRequest, options?: WebhookOptions): WebhookResult;
/** Only the size, format and sender checks of `handleWebhook`. */
export function verifyWebhook(platform: WebhookPlatform, request: WebhookRequest, options?: WebhookOptions): WebhookVerification;

// ---------------------------------------------------------------------------------------------
// Dashboard metrics: every metric at once, mergeable (what the edge keeps per tenant and day)

type NotPerMetric = 'groupBy' | 'utcOffsetMinutes' | 'onInvalid';

export interface MetricsOptions {
  csat?: Omit<CsatOptions, NotPerMetric>;
  nps?: Omit<NpsOptions, NotPerMetric>;
  ces?: Omit<CesOptions, NotPerMetric>;
  kpis?: Omit<KpiOptions, NotPerMetric>;
  /** Its CES/FCR answers come from the survey records. */
  effort?: Omit<EffortOptions, 'cesAnswers' | 'fcrAnswers' | 'onInvalid'>;
  sentiment?: SentimentOptions;
  /** Offset of the reporting calendar (days of the series), minutes (−1439..1439). Default 0. */
  utcOffsetMinutes?: number;
}

/** A batch of cxkit records, as `POST /v1/ingest` and the webhooks deliver them. */
export interface Records {
  contacts?: Contact[];
  /** Each needs `kind`. */
  surveys?: SurveyResponse[];
  transcripts?: Transcript[];
}

export interface RecordCounts {
  contacts: number;
  surveys: number;
  transcripts: number;
}

export interface PushSummary {
  added: RecordCounts;
  /** Already counted (same idempotency key): ignored. */
  duplicates: RecordCounts;
  /** Invalid records, left out (`list`: `contacts`, `surveys` or `transcripts`). */
  rejected: Array<{ list: string; index: number; code: ErrorCode; message: string }>;
  /** Idempotency keys of the records counted. */
  keys: string[];
  /** Contacts changed by this push, as now merged. */
  contacts: Contact[];
}

export type MetricName = 'csat' | 'nps' | 'ces' | 'kpis' | 'effort' | 'sentiment';
export type MetricsDimension = 'queue' | 'agentId' | 'channel';

export interface MetricsQuery {
  /** Default: all. */
  metrics?: MetricName[];
  /** Breaks CSAT, NPS, CES and the KPIs down (effort and sentiment stay overall). */
  groupBy?: MetricsDimension;
  /** Include the daily series. Default true. */
  series?: boolean;
}

export interface DayPoint {
  day: string;
  csat: number | null;
  csatN: number;
  nps: number | null;
  npsN: number;
  ces: number | null;
  cesN: number;
  contacts: number;
  serviceLevel: number | null;
  abandonmentRate: number | null;
  aht: number | null;
  sentiment: number | null;
  transcripts: number;
}

/** Each metric is `null` when not asked for or when nothing computes it (no answers, contacts …). */
export interface MetricsReport {
  records: RecordCounts;
  csat: CsatResult | Grouped<CsatResult> | null;
  nps: NpsResult | Grouped<NpsResult> | null;
  ces: CesResult | Grouped<CesResult> | null;
  kpis: KpiResult | KpiGrouped | null;
  effort: EffortReport | null;
  sentiment: SentimentSummary | null;
  series: DayPoint[];
}

/** The documented state (`format: "cxkit.metrics.v1"`): each member is its metric's own state. */
export interface MetricsState {
  format: 'cxkit.metrics.v1';
  options: MetricsOptions;
  keys: string[];
  csat: { queue: SurveyState; agentId: SurveyState; channel: SurveyState; day: SurveyState };
  nps: { queue: SurveyState; agentId: SurveyState; channel: SurveyState; day: SurveyState };
  ces: { queue: SurveyState; agentId: SurveyState; channel: SurveyState; day: SurveyState };
  effort: EffortState;
  sentiment: Record<string, SentimentState>;
  rejected?: Partial<Record<ErrorCode, number>>;
}

/**
 * Every dashboard metric over a stream of records. Pushes are idempotent (a record already
 * counted is a duplicate), partial contacts merge by `platform` + `id`, and
 * `finish(merge(a, b))` equals one batch over both.
 */
export declare class MetricsAccumulator {
  constructor(options?: MetricsOptions);
  /** `at`: when the batch arrived (RFC 3339): the day of its transcripts. */
  push(records: Records, options?: { at?: string }): PushSummary;
  /** The records by reporting day (`"none"`: no time at all). */
  splitByDay(records: Records, options?: { at?: string }): Record<string, Records>;
  /** The reporting day (`2026-11-23`) of an RFC 3339 time, at `utcOffsetMinutes`. */
  dayOf(at: string): string;
  hasKey(key: string): boolean;
  readonly records: RecordCounts;
  /** Throws `incompatible_state` for different options or a record counted by both. */
  merge(other: MetricsAccumulator): void;
  finish(query?: MetricsQuery): MetricsReport;
  toJSON(): MetricsState;
  static fromJSON(state: MetricsState): MetricsAccumulator;
  /** The state as JSON text, without building the object (what the edge stores). */
  toJSONString(): string;
  /** Throws `invalid_state` naming the line and column of malformed JSON. */
  static fromJSONString(text: string): MetricsAccumulator;
  free(): void;
}

// ---------------------------------------------------------------------------------------------
// Importing files (cxkit_core::import): CSV, JSON and JSON Lines exports dropped on a page.

export interface ImportOptions {
  /** What the records are; default: told from the columns / fields. */
  kind?: 'contacts' | 'surveys' | 'transcripts';
  /** CSV delimiter (one character); default: detected (`,`, `;`, tab or `|`, or a `sep=;` first line). */
  delimiter?: string;
  /** Offset from UTC, in minutes, of times written without one (`2026-11-23 10:00:00`), −1080..1080. Default 0. */
  utcOffsetMinutes?: number;
  /** `"error"` (default): throw on the first bad record; `"skip"`: leave it out and count it in `rejected`. */
  onInvalid?: 'error' | 'skip';
}

/** A record left out with `onInvalid: "skip"`: the error that rejected it. */
export interface SkippedRecord {
  code: ErrorCode;
  /** Names the place: `row 7, column started_at: …`, `records[3].talkS: …`, `line 4.kind: …`. */
  message: string;
  /** The column (CSV) or key (JSON) at fault. */
  field?: string;
  /** Index of the record among the data rows / records. */
  index?: number;
}

export interface ImportedRecords {
  format: 'csv' | 'json' | 'jsonl';
  /** `mixed`: more than one kind (a JSON collection, or `csat`/`nps`/`ces` columns beside contacts). */
  kind: 'contacts' | 'surveys' | 'transcripts' | 'mixed';
  contacts: Contact[];
  surveys: SurveyResponse[];
  /** Transcript rows (one per turn) grouped by contact id, in order of first appearance. */
  transcripts: Transcript[];
  /** CSV columns that name no field. */
  ignored: string[];
  rejected: Rejected;
  /** The first 100 records left out. */
  skipped: SkippedRecord[];
}

/**
 * Reads an exported file: a string (`await file.text()`) or its bytes (`Uint8Array` /
 * `ArrayBuffer`: UTF-8, UTF-16 with BOM, else Windows-1252). Column names are matched in English
 * and Spanish (see README, "Importing files"). Throws `CxkitError`: `unrecognised_file` (not
 * text, or no column names a record field), `invalid_json`, `empty_input`, `missing_field`, and
 * per value `invalid_timestamp`, `invalid_value`, `timestamp_order` naming row and column.
 */
export function parseRecords(file: string | Uint8Array | ArrayBuffer, options?: ImportOptions): ImportedRecords;
