// cxkit widgets: the shared base of every custom element (`<cx-nps>`, `<cx-csat>`, …).
//
// What lives here, so that each widget file only says what is specific to its metric:
//   - loading the library (the WebAssembly module starts loading as soon as this file is imported),
//   - data loading: the `responses` property, an inline `<script type="application/json">` child or
//     a `src` URL, each holding either an array of answers or `{ responses, options }`,
//   - options from attributes (`scale`, `interval`, `confidence`, plus what a widget adds),
//   - language resolution (`lang` on the element, else the nearest ancestor, else <html lang>),
//     UI strings in English and Spanish, number formatting (Intl.NumberFormat) and numbers in words,
//   - the SVG bar chart, the loading text and the error box,
//   - `data-state="loading" | "ready" | "error"` on the host and the `cx-result` / `cx-error` events.
//
// Every number a widget shows comes from the library: the widgets only format it. Which answers
// count as promoters, satisfied … is asked of the library too (see `classifyPoints`).
//
// Display rules (all widgets): a headline score or a share keeps at most one decimal and only when
// it is not a whole number ("−15", "+41.7", "66,7 %"); interval bounds are whole numbers; words in
// the aria-label are whole numbers (rounded half away from zero, like Intl.NumberFormat).
//
// A new widget extends `CxMetricElement` and implements:
//   static metric                     short name used in messages ("NPS")
//   static strings = { en, es }       its own UI strings (merged over the shared ones), at least
//                                     `title` (shown on the card, also while loading or failed)
//   static observedAttributes         `[...CxMetricElement.observedAttributes, 'extra']`
//   optionsFromAttributes()           `{ ...super.optionsFromAttributes(), extra }`
//   compute(responses, options)       call the library (`this.cx`) and return its result
//   static loadLibrary()              only if it needs more than `cxkit/surveys`: a literal
//                                     `import('../<entry>/index.js')` of the package entry
//   describe(result, options)         the aria-label: the numbers in words
//   render(result, options)           the inside of the figure, as an HTML string (escape with `esc`)
// and is registered with `define('cx-name', Class)` (done by index.js).

/** The survey library (`cxkit/surveys`) once loaded (a live binding: `null` until then). */
export let cx = null;

/** Resolves to the survey library; rejects if the WebAssembly module cannot be loaded. */
export const cxkitReady = import('../surveys/index.js').then((m) => (cx = m));
cxkitReady.catch(() => {}); // reported by each widget in its error box, not as an unhandled rejection

/**
 * The full package entry (`cxkit` for browsers: KPIs, effort, staffing, lifetime value …), for the
 * operations widgets: `static loadLibrary = loadFull`. One loader, so it is loaded once per page.
 */
export const loadFull = () => import('../web/index.js');

/**
 * Each widget class names the package entry it computes with (`static loadLibrary()`, a literal
 * `import()` so bundlers see it); the survey widgets share `cxkit/surveys`, a widget that needs
 * other functions loads its own entry once per page. Records by loader: `{ promise, module }`.
 */
const libraries = new Map();
function library(load) {
  let record = libraries.get(load);
  if (!record) {
    record = { module: null };
    record.promise = load().then((m) => (record.module = m));
    record.promise.catch(() => {});
    libraries.set(load, record);
  }
  return record;
}

// ---------------------------------------------------------------------------------------------
// Strings

/** Shared UI strings. A value is a string or a function of the arguments given to `t()`. */
export const STRINGS = {
  en: {
    loading: 'Loading…',
    ciShort: (level) => `${level} CI`,
    ciWords: (level, low, high) => `${level} confidence interval from ${low} to ${high}`,
    to: 'to',
    n: (n) => `n = ${n}`,
    responses: (n, one) => `${n} ${one ? 'response' : 'responses'}`,
    percentWord: 'percent',
    plus: 'plus',
    minus: 'minus',
    distribution: 'Distribution of answers',
    answersAt: (count, point) => `${point}: ${count}`,
    errCompute: (metric) => `Could not compute the ${metric}`,
    errLoad: 'Could not load the data',
    errRead: 'Could not read the data',
    errLibrary: 'Could not load cxkit',
    units: { seconds: 'seconds', minutes: 'minutes', hours: 'hours', days: 'days' },
  },
  es: {
    loading: 'Cargando…',
    ciShort: (level) => `IC ${level}`,
    ciWords: (level, low, high) => `intervalo de confianza del ${level} de ${low} a ${high}`,
    to: 'a',
    n: (n) => `n = ${n}`,
    responses: (n, one) => `${n} ${one ? 'respuesta' : 'respuestas'}`,
    percentWord: 'por ciento',
    plus: 'más',
    minus: 'menos',
    distribution: 'Distribución de las respuestas',
    answersAt: (count, point) => `${point}: ${count}`,
    errCompute: (metric) => `No se pudo calcular el ${metric}`,
    errLoad: 'No se pudieron cargar los datos',
    errRead: 'No se pudieron leer los datos',
    errLibrary: 'No se pudo cargar cxkit',
    units: { seconds: 'segundos', minutes: 'minutos', hours: 'horas', days: 'días' },
  },
};

/** Languages with UI strings; anything else falls back to English. */
export const LANGUAGES = ['en', 'es'];

/**
 * The language of `el`: its own `lang`, else the nearest ancestor's (crossing shadow roots), else
 * `<html lang>`. Returns `{ lang: 'en' | 'es', locale }`, `locale` being the full tag for Intl
 * ("es-MX") when it is valid and its language is supported, else `lang`.
 */
export function resolveLanguage(el) {
  let tag = '';
  for (let node = el; node; node = node.parentNode || node.host) {
    if (node.nodeType === 1 && node.hasAttribute('lang')) {
      tag = node.getAttribute('lang').trim();
      break;
    }
  }
  const lang = tag.toLowerCase().split(/[-_]/)[0];
  if (!LANGUAGES.includes(lang)) return { lang: 'en', locale: 'en' };
  let locale = lang;
  try {
    locale = Intl.getCanonicalLocales(tag)[0] || lang;
  } catch {
    // an invalid tag such as "es_XX": keep the language only
  }
  return { lang, locale };
}

// ---------------------------------------------------------------------------------------------
// Number formatting

const MINUS = '\u2212';

/** `[value, unit]` of a duration in seconds, as `formatter().duration` writes it. */
export function durationUnit(s) {
  const a = Math.abs(s);
  if (a < 120) return [s, 'seconds'];
  if (a < 7200) return [s / 60, 'minutes'];
  if (a < 172800) return [s / 3600, 'hours'];
  return [s / 86400, 'days'];
}
const withMinus = (s) => s.replace(/-/g, MINUS);
const formats = new Map();

/** Number formatting for one locale (cached). Every method returns text with a true minus sign. */
export function formatter(locale) {
  let f = formats.get(locale);
  if (!f) {
    const nf = (o) => new Intl.NumberFormat(locale, o);
    const score = nf({ maximumFractionDigits: 1 });
    const signed = nf({ maximumFractionDigits: 1, signDisplay: 'exceptZero' });
    const whole = nf({ maximumFractionDigits: 0 });
    const wholeSigned = nf({ maximumFractionDigits: 0, signDisplay: 'exceptZero' });
    const pct = nf({ style: 'unit', unit: 'percent', maximumFractionDigits: 1 });
    const pctWhole = nf({ style: 'unit', unit: 'percent', maximumFractionDigits: 0 });
    const level = nf({ style: 'percent', maximumFractionDigits: 1 });
    const sec = nf({ style: 'unit', unit: 'second', unitDisplay: 'narrow', maximumFractionDigits: 1 });
    const min = nf({ style: 'unit', unit: 'minute', unitDisplay: 'short', maximumFractionDigits: 1 });
    const hour = nf({ style: 'unit', unit: 'hour', unitDisplay: 'short', maximumFractionDigits: 1 });
    const day = nf({ style: 'unit', unit: 'day', unitDisplay: 'short', maximumFractionDigits: 1 });
    const date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
    const money = nf({ maximumFractionDigits: 0 });
    f = {
      locale,
      /** A score, at most one decimal: "60", "41.7". */
      score: (x) => withMinus(score.format(x)),
      /** A score with its sign: "+42", "−15", "0". */
      signed: (x) => withMinus(signed.format(x)),
      /** A whole number: "37", "1,200". */
      whole: (x) => withMinus(whole.format(x)),
      /** A whole number with its sign: "+7", "−37". */
      wholeSigned: (x) => withMinus(wholeSigned.format(x)),
      /** A percentage given in percent (0–100), at most one decimal: "60%", "66,7 %". */
      percent: (x) => withMinus(pct.format(x)),
      /** A percentage given in percent, whole: "73%". */
      percentWhole: (x) => withMinus(pctWhole.format(x)),
      /** A confidence level given as a fraction: 0.95 → "95%". */
      level: (x) => level.format(x),
      /**
       * A duration given in seconds, in the largest unit that keeps it at 2 or more below two of
       * the next: "7.8s", "4.9 min", "14.3 hr", "3.5 days" (at most one decimal).
       */
      duration: (s) => {
        const [v, unit] = durationUnit(s);
        return withMinus({ seconds: sec, minutes: min, hours: hour, days: day }[unit].format(v));
      },
      /** A calendar day "2026-11-23" as "23 Nov" / "23 nov" (anything else unchanged). */
      day: (key) => (/^\d{4}-\d{2}-\d{2}$/.test(key) ? date.format(new Date(`${key}T00:00:00Z`)) : key),
      /** A share given as a fraction (0–1) in percent, at most one decimal: 0.5 → "50%". */
      share: (x) => withMinus(pct.format(x * 100)),
      /** An amount of money (no currency symbol), whole: "1,234". */
      money: (x) => withMinus(money.format(x)),
      /** The percent sign as this locale writes it after a number ("%" or " %"). */
      percentSuffix: pctWhole.format(1).replace(/^1/, ''),
    };
    formats.set(locale, f);
  }
  return f;
}

// ---------------------------------------------------------------------------------------------
// Numbers in words

const EN_SMALL = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine',
  'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen',
  'nineteen'];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ES_SMALL = ['cero', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve',
  'diez', 'once', 'doce', 'trece', 'catorce', 'quince', 'dieciséis', 'diecisiete', 'dieciocho',
  'diecinueve', 'veinte', 'veintiuno', 'veintidós', 'veintitrés', 'veinticuatro', 'veinticinco',
  'veintiséis', 'veintisiete', 'veintiocho', 'veintinueve'];
const ES_TENS = ['', '', '', 'treinta', 'cuarenta', 'cincuenta', 'sesenta', 'setenta', 'ochenta',
  'noventa'];
const ES_HUNDREDS = ['', 'ciento', 'doscientos', 'trescientos', 'cuatrocientos', 'quinientos',
  'seiscientos', 'setecientos', 'ochocientos', 'novecientos'];

function english(n) {
  if (n === 1000) return 'one thousand';
  if (n < 20) return EN_SMALL[n];
  if (n < 100) return EN_TENS[Math.floor(n / 10)] + (n % 10 ? `-${EN_SMALL[n % 10]}` : '');
  return `${EN_SMALL[Math.floor(n / 100)]} hundred${n % 100 ? ` ${english(n % 100)}` : ''}`;
}

function spanish(n) {
  if (n === 1000) return 'mil';
  if (n === 100) return 'cien';
  if (n < 30) return ES_SMALL[n];
  if (n < 100) return ES_TENS[Math.floor(n / 10)] + (n % 10 ? ` y ${ES_SMALL[n % 10]}` : '');
  return ES_HUNDREDS[Math.floor(n / 100)] + (n % 100 ? ` ${spanish(n % 100)}` : '');
}

/** A duration in words, in the unit it is shown in ("fifty-four seconds", "siete minutos"). */
export function durationWords(el, s) {
  const [v, unit] = durationUnit(s);
  return `${el.words(v)} ${el.t('units')[unit]}`;
}

/** Rounds half away from zero (as Intl.NumberFormat does), never returning −0. */
export function roundHalfAway(x) {
  return Math.sign(x) * Math.round(Math.abs(x)) || 0;
}

/**
 * An integer from −1000 to 1000 in words: `numberToWords(-15, 'en')` → "minus fifteen",
 * `numberToWords(32, 'es')` → "treinta y dos", `numberToWords(7, 'en', { signed: true })` →
 * "plus seven". Non-integers are rounded half away from zero; outside the range, digits.
 */
export function numberToWords(x, lang = 'en', { signed = false } = {}) {
  const n = roundHalfAway(Number(x));
  const s = STRINGS[lang] ? lang : 'en';
  if (!Number.isFinite(n) || Math.abs(n) > 1000) return withMinus(String(n));
  const words = (s === 'es' ? spanish : english)(Math.abs(n));
  if (n < 0) return `${STRINGS[s].minus} ${words}`;
  if (n > 0 && signed) return `${STRINGS[s].plus} ${words}`;
  return words;
}

// ---------------------------------------------------------------------------------------------
// HTML helpers

/** Escapes text for HTML content and attribute values. */
export function esc(value) {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** "4–5" for a run of consecutive whole numbers, "5" for one, "1, 3" otherwise. */
export function describePoints(points, label = (p) => p) {
  if (points.length === 0) return '';
  const nums = points.map(Number);
  const consecutive = nums.every((v, i) => Number.isInteger(v) && (i === 0 || v === nums[i - 1] + 1));
  if (consecutive && points.length > 1) return `${label(points[0])}–${label(points[points.length - 1])}`;
  return points.map(label).join(', ');
}

/**
 * A vertical bar chart as an SVG string. Horizontal positions are percentages, so the chart
 * follows the widget's width while its text keeps its size. The SVG is `aria-hidden` (the figure's
 * aria-label says the same in words); its `<title>`s are tooltips for pointer users.
 *
 * bars: `[{ label, count, countText, cls, tip }]` (`cls` selects the fill, see the CSS).
 */
export function barChart({ bars, title, height = 150 }) {
  const top = 20;
  const axis = 24;
  const plot = height - top - axis;
  const max = Math.max(1, ...bars.map((b) => b.count));
  const slot = 100 / bars.length;
  const pct = (v) => `${+v.toFixed(4)}%`;
  const items = bars.map((b, i) => {
    const h = b.count > 0 ? Math.max(2, (b.count / max) * plot) : 0;
    const y = top + plot - h;
    const x = i * slot + slot * 0.14;
    const mid = (i + 0.5) * slot;
    return `<g class="slot"><title>${esc(b.tip)}</title>`
      + `<rect class="bar ${esc(b.cls || '')}" x="${pct(x)}" y="${y.toFixed(2)}" width="${pct(slot * 0.72)}" height="${h.toFixed(2)}" rx="3"></rect>`
      + `<text class="count${b.count ? '' : ' zero'}" x="${pct(mid)}" y="${(y - 5).toFixed(2)}" text-anchor="middle">${esc(b.countText)}</text>`
      + `<text class="tick" x="${pct(mid)}" y="${height - 6}" text-anchor="middle">${esc(b.label)}</text></g>`;
  });
  return `<svg class="chart" part="chart" width="100%" height="${height}" aria-hidden="true" focusable="false">`
    + `<title>${esc(title)}</title>${items.join('')}`
    + `<line class="baseline" x1="0" x2="100%" y1="${top + plot + 0.5}" y2="${top + plot + 0.5}"></line></svg>`;
}

/**
 * A small line chart (trends over time) as an SVG string: `role="img"` with `label` (the values
 * in words) as its name, else `aria-hidden` like `barChart`. Horizontal positions are
 * percentages; a `null` value leaves a gap.
 *
 * series: `[{ name, cls, values: [number|null], texts: [string] }]` (one value per label);
 * labels: the time buckets (first, middle and last are written under the axis);
 * min / max: the vertical range; ticks: `[{ value, text }]` for the grid lines.
 */
export function lineChart({ series, labels, title, label = null, min = 0, max = 1, ticks = [], height = 150 }) {
  const top = 12;
  const axis = 22;
  const plot = height - top - axis;
  const n = labels.length;
  const x = (i) => (n <= 1 ? 50 : 4 + (i * 92) / (n - 1));
  const pct = (v) => `${+v.toFixed(4)}%`;
  const y = (v) => top + plot - ((Math.min(max, Math.max(min, v)) - min) / (max - min || 1)) * plot;
  const grid = ticks.map((t) => `<line class="grid" x1="0" x2="100%" y1="${y(t.value).toFixed(2)}" y2="${y(t.value).toFixed(2)}"></line>`
    + `<text class="tick" x="0" y="${(y(t.value) - 3).toFixed(2)}">${esc(t.text)}</text>`).join('');
  const lines = series.map((s) => {
    let segs = '';
    let dots = '';
    s.values.forEach((v, i) => {
      if (v === null || v === undefined || !Number.isFinite(v)) return;
      const prev = s.values[i - 1];
      if (i > 0 && prev !== null && prev !== undefined && Number.isFinite(prev)) {
        segs += `<line class="seg" x1="${pct(x(i - 1))}" y1="${y(prev).toFixed(2)}" x2="${pct(x(i))}" y2="${y(v).toFixed(2)}"></line>`;
      }
      dots += `<circle class="dot" cx="${pct(x(i))}" cy="${y(v).toFixed(2)}" r="3.5"><title>${esc(`${labels[i]}: ${s.name} ${s.texts[i]}`)}</title></circle>`;
    });
    return `<g class="series ${esc(s.cls)}">${segs}${dots}</g>`;
  }).join('');
  const shown = n <= 1 ? [0] : n === 2 ? [0, 1] : [0, Math.floor((n - 1) / 2), n - 1];
  const xt = [...new Set(shown)].map((i) => {
    const anchor = n <= 1 ? 'middle' : i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle';
    const at = n <= 1 ? 50 : i === 0 ? 0 : i === n - 1 ? 100 : x(i);
    return `<text class="tick" x="${pct(at)}" y="${height - 6}" text-anchor="${anchor}">${esc(labels[i])}</text>`;
  }).join('');
  const a11y = label ? `role="img" aria-label="${esc(label)}"` : 'aria-hidden="true"';
  return `<svg class="chart line" part="trend" width="100%" height="${height}" ${a11y} focusable="false">`
    + `<title>${esc(title)}</title>${grid}${lines}${xt}</svg>`;
}

/** A short label of a time bucket key: "2026-11-23T09:30" → "09:30", a day as `fmt.day`. */
export function bucketLabel(key, fmt) {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(String(key ?? ''));
  if (m) return m[2];
  return fmt ? fmt.day(String(key ?? '—')) : String(key ?? '—');
}

/**
 * Asks the library how it classifies each scale point, scoring a single answer per point: used to
 * colour the bars without restating the metric's definition here. `score(point)` must call the
 * library; returns `{ point: score }`.
 */
export function classifyPoints(points, score) {
  const out = {};
  for (const p of points) out[p] = score(/^-?\d+$/.test(p) ? Number(p) : p);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Styles

/** Default theme. Every colour is a custom property; text colours are ≥ 4.5:1 on --cx-bg. */
export const BASE_CSS = `
:host {
  --_font: var(--cx-font, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif);
  --_fg: var(--cx-fg, #1f2328);
  --_muted: var(--cx-muted, #57606a);
  --_bg: var(--cx-bg, #ffffff);
  --_border: var(--cx-border, #d0d7de);
  --_accent: var(--cx-accent, #0a66c2);
  --_neutral: var(--cx-neutral, #818b98);
  --_promoter: var(--cx-promoter, #1a7f37);
  --_passive: var(--cx-passive, #9a6700);
  --_detractor: var(--cx-detractor, #cf222e);
  --_radius: var(--cx-radius, 12px);
  display: block;
  box-sizing: border-box;
  min-width: 0;
  max-width: 480px;
  font-family: var(--_font);
  font-size: var(--cx-font-size, 14px);
  line-height: 1.4;
  color: var(--_fg);
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
.card {
  background: var(--_bg);
  color: var(--_fg);
  border: 1px solid var(--_border);
  border-radius: var(--_radius);
  padding: var(--cx-padding, 16px);
  min-height: 100%;
}
header { display: flex; justify-content: space-between; align-items: baseline; gap: 4px 12px; flex-wrap: wrap; }
.title { margin: 0; font-size: 1em; font-weight: 600; }
.n { color: var(--_muted); white-space: nowrap; font-variant-numeric: tabular-nums; }
.headline { display: flex; align-items: baseline; flex-wrap: wrap; gap: 2px 12px; margin: 6px 0 12px; }
.score { font-size: 2.9em; font-weight: 700; line-height: 1.05; letter-spacing: -0.02em; font-variant-numeric: tabular-nums; }
.ci { color: var(--_muted); font-variant-numeric: tabular-nums; }
.ci .label { font-weight: 600; }
.note { margin: -6px 0 10px; color: var(--_muted); }
.chart { display: block; overflow: visible; margin-top: 4px; }
.chart text { font-family: var(--_font); font-size: 12px; }
.chart .count { fill: var(--_fg); font-variant-numeric: tabular-nums; }
.chart .count.zero { fill: var(--_muted); }
.chart .tick { fill: var(--_muted); font-variant-numeric: tabular-nums; }
.chart .baseline { stroke: var(--_border); stroke-width: 1; }
.chart .bar { fill: var(--_neutral); }
.chart .bar.promoter { fill: var(--_promoter); }
.chart .bar.passive { fill: var(--_passive); }
.chart .bar.detractor { fill: var(--_detractor); }
.chart .bar.satisfied { fill: var(--_accent); }
.legend { list-style: none; padding: 0; margin: 8px 0 0; display: flex; flex-wrap: wrap; gap: 4px 16px; color: var(--_muted); }
.legend li { display: flex; align-items: center; gap: 6px; }
.swatch { width: 12px; height: 12px; border-radius: 3px; flex: none; background: var(--_neutral); }
.swatch.promoter { background: var(--_promoter); }
.swatch.passive { background: var(--_passive); }
.swatch.detractor { background: var(--_detractor); }
.swatch.satisfied { background: var(--_accent); }
.status { color: var(--_muted); padding: 8px 0; }
.chart .grid { stroke: var(--_border); stroke-width: 1; stroke-dasharray: 3 3; }
.chart .seg { stroke: var(--_accent); stroke-width: 2; }
.chart .dot { fill: var(--_accent); stroke: var(--_bg); stroke-width: 1.5; }
.chart .alt .seg { stroke: var(--_detractor); stroke-dasharray: 5 3; }
.chart .alt .dot { fill: var(--_detractor); }
.swatch.alt { background: var(--_detractor); }
.swatch.accent { background: var(--_accent); }
.section { margin: 14px 0 4px; font-size: 1em; font-weight: 600; }
.table-wrap { max-width: 100%; overflow-x: auto; margin-top: 14px; }
.table-wrap:focus-visible { outline: 2px solid var(--_accent); outline-offset: 2px; }
table.data { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
table.data caption { text-align: left; color: var(--_fg); font-weight: 600; padding-bottom: 4px; }
table.data th, table.data td { padding: 4px 0 4px 8px; border-bottom: 1px solid var(--_border); text-align: right; white-space: nowrap; }
table.data th:first-child, table.data td:first-child { text-align: left; white-space: normal; overflow-wrap: break-word; padding-left: 0; }
table.data thead th { color: var(--_muted); font-weight: 600; font-size: 0.93em; }
table.data .sub { display: block; color: var(--_muted); font-size: 0.86em; }
.sr { position: absolute; left: 0; top: 0; width: 1px; height: 1px; margin: 0; padding: 0; border: 0; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
.card { position: relative; }
.alert {
  margin-top: 10px;
  color: var(--cx-error-fg, #82071e);
  background: var(--cx-error-bg, #ffebe9);
  border: 1px solid var(--cx-error-border, #ff8182);
  border-radius: calc(var(--_radius) * 0.6);
  padding: 10px 12px;
  overflow-wrap: anywhere;
}
.alert strong { font-weight: 600; }
.alert code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.95em; }
`;

const sheets = new Map();
function adopt(root, css) {
  if ('adoptedStyleSheets' in Document.prototype && 'replaceSync' in CSSStyleSheet.prototype) {
    let sheet = sheets.get(css);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      sheets.set(css, sheet);
    }
    root.adoptedStyleSheets = [sheet];
    return '';
  }
  return `<style>${css}</style>`;
}

// ---------------------------------------------------------------------------------------------
// Language changes on ancestors: one observer for every widget on the page.

const live = new Set();
let langObserver = null;
function watchLanguage(el) {
  live.add(el);
  if (!langObserver && typeof MutationObserver === 'function') {
    langObserver = new MutationObserver(() => {
      for (const w of live) w._languageMaybeChanged();
    });
    langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Option attributes

/** "1,5", "1–5", "[1, 7]" → [1, 5]; "binary" → "binary"; anything else is passed on as written. */
export function parseScale(text) {
  const t = text.trim();
  if (t.toLowerCase() === 'binary') return 'binary';
  const m = /^\[?\s*(-?\d+)\s*(?:,|–|\.\.|\s)\s*(-?\d+)\s*\]?$/.exec(t);
  return m ? [Number(m[1]), Number(m[2])] : t;
}

/** "0.9" → 0.9; anything that is not a number is passed on as written (the library rejects it). */
export function parseNumber(text) {
  const t = text.trim();
  return t !== '' && Number.isFinite(Number(t)) ? Number(t) : t;
}

/** "4,5" → [4, 5]; "good" → ["good"]. */
export function parseList(text) {
  return text.split(',').map((s) => s.trim()).filter(Boolean).map((s) => (/^-?\d+$/.test(s) ? Number(s) : s));
}

class LoadError extends Error {
  constructor(phase, code, message) {
    super(message);
    this.name = 'LoadError';
    this.phase = phase;
    this.code = code;
  }
}

/**
 * `{ responses, options }` from parsed JSON: an array, or an object with `responses` (or the
 * widget's own `dataKey`, such as `contacts`).
 */
function normalise(json, key = 'responses') {
  if (key === '*') return { responses: json, options: (json && !Array.isArray(json) && json.options) || {} };
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    for (const k of new Set([key, 'responses'])) {
      if (k in json) return { responses: json[k], options: json.options ?? {} };
    }
  }
  return { responses: json, options: {} }; // the library reports anything that is not an array
}

// ---------------------------------------------------------------------------------------------
// The base element

/**
 * Base class of the metric widgets. Handles data, options, language, state, events and the
 * loading/error views; subclasses implement `compute`, `describe` and `render`.
 */
export class CxMetricElement extends HTMLElement {
  /** Short name of the metric in messages. */
  static metric = 'metric';
  /** Widget-specific strings, `{ en: {...}, es: {...} }`, merged over `STRINGS`. */
  static strings = {};
  /** Widget-specific CSS, appended to `BASE_CSS`. */
  static css = '';
  static observedAttributes = ['src', 'lang', 'scale', 'interval', 'confidence'];
  /** False for a widget that can show something without data (inputs from attributes only). */
  static needsData = true;
  /** False for a widget whose `render` never calls the library (a given result then shows at once). */
  static renderNeedsLibrary = true;
  /**
   * The key of the records in a JSON object `{ <dataKey>: [...], options }` (also `responses`);
   * `'*'`: the whole JSON is the data (its `options`, if any, are the options).
   */
  static dataKey = 'responses';
  /** A subclass's own properties that may be set before the element is upgraded. */
  static upgradeProperties = [];

  /** The package entry this widget computes with, loaded once per page (default `cxkit/surveys`). */
  static loadLibrary() {
    return cxkitReady;
  }

  /** That entry's module once loaded (`null` before): what `compute` and `render` call. */
  get cx() {
    return library(this.constructor.loadLibrary).module;
  }

  #responses = undefined;
  #given = undefined;
  #options = undefined;
  #source = null; // { settled, value, error, promise, abort }
  #state = 'loading';
  #result = null;
  #error = null;
  #errorPhase = null;
  #generation = 0;
  #queued = false;
  #reload = true;
  #lang = null;
  #locale = 'en';
  #lightObserver = null;
  #styleTag = '';

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.#styleTag = adopt(this.shadowRoot, BASE_CSS + this.constructor.css);
  }

  // -- public API -----------------------------------------------------------------------------

  /** Answers given directly (wins over `src` and inline JSON). `null` gives the other sources back. */
  get responses() {
    return this.#responses;
  }
  set responses(value) {
    this.#responses = value ?? undefined;
    this.#schedule(true);
  }

  /** Options merged over those of the data source; attributes win over both. */
  get options() {
    return this.#options;
  }
  set options(value) {
    this.#options = value ?? undefined;
    this.#schedule(false);
  }

  /** The library's last result (null unless `data-state="ready"`). */
  get result() {
    return this.#state === 'ready' ? this.#result : null;
  }
  /**
   * A result computed elsewhere (the library's own result object, for example from the edge's
   * `/v1/metrics`): shown as given, without computing; wins over every data source. `null` gives
   * those back. Checked by `validate()`.
   */
  set result(value) {
    this.#given = value ?? undefined;
    this.#schedule(true);
  }

  /** The last error (null unless `data-state="error"`). */
  get error() {
    return this.#state === 'error' ? this.#error : null;
  }

  /** "loading" | "ready" | "error" (also the host's `data-state` attribute). */
  get state() {
    return this.#state;
  }

  /** Reloads the data (fetches `src` again) and recomputes. */
  refresh() {
    this.#schedule(true);
  }

  /** Recomputes (or re-validates a given result) and repaints, without reloading the data. */
  recompute() {
    this.#schedule(false);
  }

  // -- hooks for subclasses -------------------------------------------------------------------

  /** Options from attributes; subclasses add theirs to `super.optionsFromAttributes()`. */
  optionsFromAttributes() {
    const o = {};
    if (this.hasAttribute('scale')) o.scale = parseScale(this.getAttribute('scale'));
    if (this.hasAttribute('interval')) o.interval = this.getAttribute('interval').trim();
    if (this.hasAttribute('confidence')) o.confidence = parseNumber(this.getAttribute('confidence'));
    return o;
  }

  /** Returns the library's result for these answers (throws the library's CxkitError). */
  compute(_responses, _options) {
    throw new Error(`${this.constructor.name} must implement compute()`);
  }

  /**
   * Checks a result given through the `result` property; returns it (or what to show) or throws
   * an Error whose message says what is wrong. Default: an object.
   */
  validate(result, _options) {
    if (!result || typeof result !== 'object') throw new Error(`result: expected the library's ${this.constructor.metric} result object`);
    return result;
  }

  /** The aria-label of the figure. */
  describe(_result, _options) {
    return '';
  }

  /** The HTML inside the figure. */
  render(_result, _options) {
    return '';
  }

  /** A UI string in the widget's current language. */
  t(key, ...args) {
    const own = this.constructor.strings;
    const v = own[this.#lang]?.[key] ?? STRINGS[this.#lang]?.[key] ?? own.en?.[key] ?? STRINGS.en[key];
    return typeof v === 'function' ? v(...args) : v ?? key;
  }

  /** The current language ("en" or "es"). */
  get language() {
    return this.#lang ?? resolveLanguage(this).lang;
  }

  /** Number formatting in the current locale. */
  get fmt() {
    return formatter(this.#locale);
  }

  /** `numberToWords` in the current language. */
  words(x, opts) {
    return numberToWords(x, this.#lang, opts);
  }

  // -- lifecycle ------------------------------------------------------------------------------

  connectedCallback() {
    // properties set before the element was upgraded shadow the accessors: re-apply them
    for (const p of ['responses', 'options', 'result', ...this.constructor.upgradeProperties]) {
      if (Object.prototype.hasOwnProperty.call(this, p)) {
        const v = this[p];
        delete this[p];
        this[p] = v;
      }
    }
    watchLanguage(this);
    this.#lightObserver ??= new MutationObserver(() => {
      if (this.#responses === undefined && !this.hasAttribute('src')) this.#schedule(true);
    });
    this.#lightObserver.observe(this, { childList: true, subtree: true, characterData: true });
    this.#schedule(true);
  }

  disconnectedCallback() {
    this.#generation++; // drop any run in flight: no events from a detached element
    live.delete(this);
    this.#lightObserver?.disconnect();
    this.#source?.abort?.abort();
    this.#source = null;
    this.#reload = true;
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue || !this.isConnected) return;
    if (name === 'lang') this._languageMaybeChanged();
    else this.#schedule(name === 'src');
  }

  /** @internal Called when some `lang` attribute on the page changed. */
  _languageMaybeChanged() {
    const { lang, locale } = resolveLanguage(this);
    if (lang !== this.#lang || locale !== this.#locale) this.#paint();
  }

  // -- data and computation -------------------------------------------------------------------

  #schedule(reload) {
    this.#reload ||= reload;
    if (this.#queued) return;
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      if (this.isConnected) this.#run();
    });
  }

  /** Starts reading the data source; returns `{ settled, value, error, promise, abort }`. */
  #load() {
    const src = this.getAttribute('src');
    const done = (value) => ({ settled: true, value, error: null });
    const failed = (error) => ({ settled: true, value: null, error });
    if (this.#responses !== undefined) {
      // a whole-data widget (`dataKey = '*'`) reads the options inside the object it is given
      return done(this.constructor.dataKey === '*' ? normalise(this.#responses, '*') : { responses: this.#responses, options: {} });
    }
    if (src !== null && src.trim() !== '') {
      const abort = new AbortController();
      const record = { settled: false, value: null, error: null, abort };
      record.promise = (async () => {
        let response;
        try {
          response = await fetch(new URL(src, document.baseURI), { signal: abort.signal, headers: { accept: 'application/json' } });
        } catch (e) {
          throw new LoadError('load', 'fetch_failed', `${src}: ${e.message}`);
        }
        if (!response.ok) {
          throw new LoadError('load', 'fetch_failed', `${src}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
        }
        const text = await response.text();
        try {
          return normalise(JSON.parse(text), this.constructor.dataKey);
        } catch (e) {
          throw new LoadError('read', 'invalid_json', `${src}: ${e.message}`);
        }
      })().then(
        (value) => Object.assign(record, { settled: true, value }),
        (error) => Object.assign(record, { settled: true, error }),
      );
      return record;
    }
    const script = this.querySelector(':scope > script[type="application/json"]');
    if (script) {
      try {
        return done(normalise(JSON.parse(script.textContent), this.constructor.dataKey));
      } catch (e) {
        return failed(new LoadError('read', 'invalid_json', e.message));
      }
    }
    if (!this.constructor.needsData) return done({ responses: null, options: {} });
    return null; // nothing yet: stay "loading" until data arrives
  }

  /** Shows the result given through the `result` property. */
  async #runGiven(generation) {
    const lib = library(this.constructor.loadLibrary);
    if (this.constructor.renderNeedsLibrary && !lib.module) {
      this.#setState('loading');
      await Promise.allSettled([lib.promise]);
      if (generation !== this.#generation) return;
      if (!lib.module) {
        const e = await lib.promise.then(() => null, (err) => err);
        return this.#fail('library', new LoadError('library', 'load_failed', e?.message ?? String(e)));
      }
    }
    const options = { ...this.#options, ...this.optionsFromAttributes() };
    let result;
    try {
      result = this.validate(this.#given, options);
    } catch (e) {
      return this.#fail('read', Object.assign(e, { code: e.code ?? 'invalid_result' }));
    }
    this.#succeed(result, options);
  }

  async #run() {
    const generation = ++this.#generation;
    if (this.#given !== undefined) return this.#runGiven(generation);
    if (this.#reload) {
      this.#reload = false;
      this.#source?.abort?.abort();
      this.#source = this.#load();
    }
    const source = this.#source;
    if (!source) return this.#setState('loading');
    const lib = library(this.constructor.loadLibrary);
    if (!source.settled || !lib.module) {
      this.#setState('loading');
      await Promise.allSettled([source.promise, lib.promise]);
      if (generation !== this.#generation || source !== this.#source) return;
    }
    if (source.error) return this.#fail(source.error.phase ?? 'load', source.error);
    if (!lib.module) {
      const e = await lib.promise.then(() => null, (err) => err);
      return this.#fail('library', new LoadError('library', 'load_failed', e?.message ?? String(e)));
    }
    const options = { ...source.value.options, ...this.#options, ...this.optionsFromAttributes() };
    let result;
    try {
      result = this.compute(source.value.responses, options);
    } catch (e) {
      return this.#fail('compute', e);
    }
    this.#succeed(result, options);
  }

  #succeed(result, options) {
    this.#result = result;
    this.#resultOptions = options;
    this.#error = null;
    this.#setState('ready');
    if (this.#state === 'ready') {
      this.dispatchEvent(new CustomEvent('cx-result', { detail: { result, options }, bubbles: true, composed: true }));
    } else {
      this.#dispatchError();
    }
  }

  #resultOptions = {};

  #fail(phase, error) {
    this.#error = error;
    this.#errorPhase = phase;
    this.#result = null;
    this.#setState('error');
    this.#dispatchError();
  }

  #dispatchError() {
    const error = this.#error;
    this.dispatchEvent(new CustomEvent('cx-error', {
      detail: { error, code: error?.code ?? 'error', message: error?.message ?? String(error), phase: this.#errorPhase },
      bubbles: true,
      composed: true,
    }));
  }

  #setState(state) {
    this.#state = state;
    this.#paint(); // may turn "ready" into "error" if rendering throws
    this.setAttribute('data-state', this.#state);
  }

  // -- painting -------------------------------------------------------------------------------

  #paint() {
    const { lang, locale } = resolveLanguage(this);
    this.#lang = lang;
    this.#locale = locale;
    let body;
    if (this.#state === 'ready') {
      // a result from `groupBy` ({ overall, groups }) is shown overall; the groups are in the
      // cx-result event. (Other results may have an `overall` number of their own.)
      const grouped = this.#result?.groups !== undefined && typeof this.#result?.overall === 'object';
      const result = grouped ? this.#result.overall : this.#result;
      let label;
      let inner;
      try {
        label = this.describe(result, this.#resultOptions);
        inner = this.render(result, this.#resultOptions);
      } catch (e) {
        this.#error = e;
        this.#errorPhase = 'compute';
        this.#state = 'error';
        return this.#paint();
      }
      body = `<div class="card" part="card" role="figure" lang="${esc(lang)}" aria-label="${esc(label)}">${inner}</div>`;
    } else if (this.#state === 'error') {
      const e = this.#error;
      const prefix = {
        compute: this.t('errCompute', this.constructor.metric),
        load: this.t('errLoad'),
        read: this.t('errRead'),
        library: this.t('errLibrary'),
      }[this.#errorPhase] ?? this.t('errCompute', this.constructor.metric);
      const code = e?.code ?? 'error';
      const message = e?.message ?? String(e);
      body = `<div class="card" part="card" lang="${esc(lang)}">`
        + `<header><div class="title" part="title">${esc(this.t('title'))}</div></header>`
        + `<div class="alert" part="error" role="alert">`
        + `<strong>${esc(prefix)}:</strong> ${esc(message)} (<code>${esc(code)}</code>)</div></div>`;
    } else {
      body = `<div class="card" part="card" lang="${esc(lang)}" aria-busy="true">`
        + `<header><div class="title" part="title">${esc(this.t('title'))}</div></header>`
        + `<div class="status" part="status" role="status">${esc(this.t('loading'))}</div></div>`;
    }
    this.shadowRoot.innerHTML = this.#styleTag + body;
  }
}

/** Registers a widget class under `name` unless something is already registered there. */
export function define(name, cls) {
  if (!customElements.get(name)) customElements.define(name, cls);
}
