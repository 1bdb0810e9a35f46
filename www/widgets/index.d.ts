// Type declarations of `cxkit/widgets` (the custom elements), written by hand next to index.js.
import type {
  CsatOptions, CsatResult, Grouped, NpsOptions, NpsResult, SurveyAnswer, Transcript, TranscriptOptions, TranscriptResult,
  TurnScore, MetricsReport, MetricsOptions, Records,
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

/** Shared base of the widgets. */
export declare class CxMetricElement<R = unknown, O = object> extends HTMLElement {
  /** Answers given directly; wins over `src` and inline JSON. `null` gives those back. */
  responses: ReadonlyArray<SurveyAnswer> | null | undefined;
  /** Options merged over the data's own; attributes win over both. */
  options: O | null | undefined;
  /** The last result while `state` is "ready", else null. */
  readonly result: R | Grouped<R> | null;
  /** The last error while `state` is "error", else null. */
  readonly error: (Error & { code?: string }) | null;
  readonly state: WidgetState;
  /** "en" or "es", from `lang` on the element or its nearest ancestor. */
  readonly language: 'en' | 'es';
  /** Reloads the data (fetches `src` again) and recomputes. */
  refresh(): void;
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

/** Detail of `<cx-dashboard>`'s `cx-result` event: the report shown and where it came from. */
export interface CxDashboardResultDetail {
  report: DashboardReport;
  source: 'edge' | 'files';
}

/** What `<cx-dashboard>` shows: the library's MetricsReport, with the period (and, from the edge, the tenant). */
export type DashboardReport = MetricsReport & { from: string | null; to: string | null; tenant?: string; days?: number };

/**
 * `<cx-dashboard>`: attributes `src` (the tenant's base URL at the edge, e.g. `/v1/tenants/demo`;
 * without it, files dropped on it), `key` (read key), `from`, `to` (`YYYY-MM-DD`), `group-by`
 * (`queue` | `agentId` | `channel`), `live` (follow the event stream), `lang`.
 * `data-state`: `empty` (waiting for files) | `loading` | `ready` | `error`.
 */
export declare class CxDashboard extends HTMLElement {
  /** cxkit records computed in the browser like a dropped file; `null`: none. */
  records: Records | null | undefined;
  /** MetricsOptions of the files source. */
  options: MetricsOptions | null | undefined;
  /** The last report shown. */
  readonly report: DashboardReport | null;
  readonly source: 'edge' | 'files' | null;
  readonly state: WidgetState | 'empty';
  readonly error: (Error & { code?: string; phase?: string }) | null;
  readonly language: 'en' | 'es';
  /** Reads the edge again, or recomputes the files. */
  refresh(): void;
  /** Reads and computes export files (replacing what was loaded). */
  loadFiles(files: Iterable<File> | FileList): Promise<void>;
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
    'cx-dashboard': CxDashboard;
  }
  interface HTMLElementEventMap {
    'cx-result': CustomEvent<CxResultDetail<unknown, object>>;
    'cx-error': CustomEvent<CxErrorDetail>;
    'cx-turn': CustomEvent<CxTurnDetail>;
  }
}
