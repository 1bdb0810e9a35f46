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
  | 'internal_error';

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

/** The package version. */
export function version(): string;

/** Resolves when the module is ready (entries other than `cxkit/slim` are ready on import). */
export default function init(): Promise<void>;
