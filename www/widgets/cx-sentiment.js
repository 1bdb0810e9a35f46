// <cx-sentiment>: the sentiment of one conversation, computed in the browser by cxkit's
// `scoreTranscript()`: the overall customer score (−100..+100), the customer's trend, a per-turn
// timeline (SVG) with one lane per speaker and each turn coloured by its label, the turn under
// the pointer or the keyboard focus shown with its matched words marked and what each one
// contributed, and each speaker's score per quarter of the conversation (−5..+5).
//
// Usage (one tag loads every widget):
//   <script type="module" src="https://…/cxkit/widgets/index.js"></script>
//   <cx-sentiment lang="es" src="/api/contacts/123/transcript.json"></cx-sentiment>
//   <cx-sentiment>
//     <script type="application/json">{"turns": [{"speaker": "customer", "text": "…"}, …]}</script>
//   </cx-sentiment>
//
// Data (first found wins), a transcript `{ contactId?, language?, turns: [{ speaker, text,
// startMs?, endMs? }] }` with speakers `customer`, `agent`, `bot` or `system`:
//   .transcript = {...}             property (wins over the others; `null` gives them back)
//   src="transcript.json"           attribute: a URL fetched as JSON
//   <script type="application/json"> child
// Options (later wins): the `.options` property (any TranscriptOptions of the library: a
// `lexicon`, `redact: true` — the detail then shows the redacted text that was scored — …), then
//   language="en" | "es" | "auto"   the language the text is scored in (library default: the
//                                   transcript's own `language`, else `auto`)
// UI language: `lang` on the element, else the nearest ancestor's, else <html lang>; "en"
// (default) or "es". It changes the labels only, not how the text is scored. Changing any of these
// re-renders.
//
// Keyboard: the timeline is one tab stop; ← → (or ↑ ↓) move between turns, Home / End go to the
// first / last turn, Escape clears the detail. Each turn has an aria-label with its numbers in
// words; the detail box is a polite live region. Turn scores are shown ×100 (−100..+100), on
// the scale of the overall score.
//
// State and events: host attribute `data-state="loading" | "ready" | "error"`; `cx-result`
// (detail `{ result, options }`, result = the library's TranscriptScore), `cx-error` (detail
// `{ error, code, message, phase }`) and `cx-turn` (detail `{ index, turn, text }` when the turn
// shown in the detail box changes; `index` is null when it is cleared) bubble and cross shadow
// roots. Properties `transcript`, `options`, `result`, `error`, `state`; method `refresh()`.
//
// Styling: custom properties --cx-font, --cx-font-size, --cx-fg, --cx-muted, --cx-bg,
// --cx-border, --cx-radius, --cx-padding, --cx-positive, --cx-negative, --cx-neutral,
// --cx-mixed (the four labels), --cx-hit-positive, --cx-hit-negative (backgrounds of marked
// words), --cx-lane (lane background), --cx-focus (focus ring), --cx-error-fg, --cx-error-bg,
// --cx-error-border; parts: card, title, n, score, trend, timeline, legend, detail, quarters,
// error, status.
import { CxMetricElement, esc } from './base.js';

/** The lanes, top to bottom; bot and system only when the conversation has such turns. */
const SPEAKERS = ['customer', 'agent', 'bot', 'system'];
const ALWAYS = ['customer', 'agent'];
const LABELS = ['positive', 'negative', 'neutral', 'mixed'];

/** Timeline geometry (px); horizontal positions are percentages of the plot's width. */
const LANE = 44;
const TOP = 4;
const AXIS = 22;
const MARK_MIN = 4;

export class CxSentiment extends CxMetricElement {
  static metric = 'sentiment';

  /** `cxkit/text`: the transcript functions only (the survey widgets load `cxkit/surveys`). */
  static loadLibrary() {
    return import('../text/index.js');
  }
  static observedAttributes = ['src', 'lang', 'language'];

  static strings = {
    en: {
      title: 'Conversation sentiment',
      turns: (n, one) => `${n} ${one ? 'turn' : 'turns'}`,
      customerScore: 'Customer score',
      scale: '−100 to +100',
      noScore: 'not available',
      trend: 'Trend',
      improved: 'improved',
      worsened: 'worsened',
      flat: 'flat',
      customer: 'Customer',
      agent: 'Agent',
      bot: 'Bot',
      system: 'System',
      positive: 'Positive',
      negative: 'Negative',
      neutral: 'Neutral',
      mixed: 'Mixed',
      timeline: 'Turns: arrow keys move between them',
      turnOf: (i, n) => `Turn ${i} of ${n}`,
      turnShort: (i) => `Turn ${i}`,
      scoreWord: 'score',
      hitCount: (n, one) => `${n} matched ${one ? 'word' : 'words'}`,
      hint: 'Point at or focus a turn to see the words that scored it.',
      noHits: 'No sentiment words in this turn.',
      negated: 'negated',
      quarters: 'Score per quarter of the conversation (−5 to +5)',
      speaker: 'Speaker',
      quarter: (q) => `Q${q}`,
      quarterLong: (q) => ['first', 'second', 'third', 'fourth'][q - 1] + ' quarter',
      none: 'no turns',
      figure: (score, trend, turns) => `Conversation sentiment: customer score ${score}, trend ${trend}, ${turns}`,
      errCompute: () => 'Could not score the transcript',
    },
    es: {
      title: 'Sentimiento de la conversación',
      turns: (n, one) => `${n} ${one ? 'turno' : 'turnos'}`,
      customerScore: 'Puntuación del cliente',
      scale: '−100 a +100',
      noScore: 'no disponible',
      trend: 'Tendencia',
      improved: 'mejoró',
      worsened: 'empeoró',
      flat: 'estable',
      customer: 'Cliente',
      agent: 'Agente',
      bot: 'Bot',
      system: 'Sistema',
      positive: 'Positivo',
      negative: 'Negativo',
      neutral: 'Neutral',
      mixed: 'Mixto',
      timeline: 'Turnos: las flechas mueven de uno a otro',
      turnOf: (i, n) => `Turno ${i} de ${n}`,
      turnShort: (i) => `Turno ${i}`,
      scoreWord: 'puntuación',
      hitCount: (n, one) => `${n} ${one ? 'palabra detectada' : 'palabras detectadas'}`,
      hint: 'Señala o enfoca un turno para ver las palabras que lo puntúan.',
      noHits: 'Ninguna palabra con carga emocional en este turno.',
      negated: 'negada',
      quarters: 'Puntuación por cuarto de la conversación (−5 a +5)',
      speaker: 'Interlocutor',
      quarter: (q) => `C${q}`,
      quarterLong: (q) => ['primer', 'segundo', 'tercer', 'cuarto'][q - 1] + ' cuarto',
      none: 'sin turnos',
      figure: (score, trend, turns) => `Sentimiento de la conversación: puntuación del cliente ${score}, tendencia ${trend}, ${turns}`,
      errCompute: () => 'No se pudo puntuar la transcripción',
    },
  };

  static css = `
:host {
  --_positive: var(--cx-positive, #1a7f37);
  --_negative: var(--cx-negative, #cf222e);
  --_mixed: var(--cx-mixed, #8250df);
  --_hit-positive: var(--cx-hit-positive, #dafbe1);
  --_hit-negative: var(--cx-hit-negative, #ffebe9);
  --_lane: var(--cx-lane, #f6f8fa);
  --_focus: var(--cx-focus, var(--_accent));
  max-width: 760px;
}
.headline .label { display: flex; flex-direction: column; color: var(--_muted); line-height: 1.25; }
.headline .label strong { color: var(--_fg); font-weight: 600; }
.trend { margin-left: auto; align-self: center; display: inline-flex; align-items: center; gap: 6px; border: 1px solid var(--_border); border-radius: 999px; padding: 2px 10px; white-space: nowrap; }
.trend .arrow { font-size: 0.85em; }
.trend.improved { color: var(--_positive); border-color: currentColor; }
.trend.worsened { color: var(--_negative); border-color: currentColor; }
.trend.flat { color: var(--_muted); }
.trend .name { color: var(--_muted); }
.card { container-type: inline-size; }
@container (max-width: 420px) { .trend { margin-left: 0; } }
.timeline-wrap { display: grid; grid-template-columns: max-content minmax(0, 1fr); column-gap: 8px; margin-top: 4px; }
.lanes { list-style: none; margin: 0; padding: ${TOP}px 0 0; }
.lanes li { height: ${LANE}px; line-height: ${LANE}px; color: var(--_muted); font-size: 0.93em; white-space: nowrap; }
.timeline { display: block; overflow: visible; }
.timeline text { font-family: var(--_font); font-size: 12px; fill: var(--_muted); font-variant-numeric: tabular-nums; }
.timeline .lane { fill: var(--_lane); }
.timeline .mid { stroke: var(--_border); stroke-width: 1; }
.turn { cursor: pointer; outline: none; }
.turn .area { fill: transparent; }
.turn .ring { fill: none; stroke: none; }
.turn.active .ring { stroke: var(--_muted); stroke-width: 1.5; }
.turn:focus-visible .ring, .turn:focus .ring { stroke: var(--_focus); stroke-width: 2.5; }
.mark { fill: var(--_neutral); }
.positive .mark, .swatch.positive { fill: var(--_positive); background: var(--_positive); }
.negative .mark, .swatch.negative { fill: var(--_negative); background: var(--_negative); }
.neutral .mark, .swatch.neutral { fill: var(--_neutral); background: var(--_neutral); }
.mixed .mark, .swatch.mixed { fill: var(--_mixed); background: var(--_mixed); }
.detail { margin-top: 12px; border: 1px solid var(--_border); border-radius: calc(var(--_radius) * 0.6); padding: 10px 12px; min-height: 4.6em; }
.detail .hint { color: var(--_muted); margin: 0; }
.detail .head { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 10px; margin-bottom: 4px; }
.detail .head strong { font-weight: 600; }
.detail .tscore { font-variant-numeric: tabular-nums; color: var(--_muted); }
.pill { display: inline-flex; align-items: center; gap: 5px; font-size: 0.93em; }
.pill .swatch { width: 10px; height: 10px; border-radius: 50%; }
.detail .text { margin: 0; overflow-wrap: anywhere; }
.detail .none { margin: 4px 0 0; color: var(--_muted); }
mark.hit { color: inherit; border-radius: 3px; padding: 0 2px; background: transparent; box-shadow: inset 0 -2px 0 var(--_neutral); }
mark.hit.up { background: var(--_hit-positive); box-shadow: inset 0 -2px 0 var(--_positive); }
mark.hit.down { background: var(--_hit-negative); box-shadow: inset 0 -2px 0 var(--_negative); }
mark.hit.negated { text-decoration: line-through; text-decoration-thickness: 1px; }
.contrib { font-size: 0.86em; color: var(--_muted); font-variant-numeric: tabular-nums; margin: 0 1px 0 2px; white-space: nowrap; }
.quarters { width: 100%; max-width: 560px; border-collapse: collapse; margin-top: 12px; font-variant-numeric: tabular-nums; }
.quarters caption { text-align: left; color: var(--_muted); padding-bottom: 4px; }
.quarters th, .quarters td { padding: 3px 6px; text-align: right; border-top: 1px solid var(--_border); }
.quarters th:first-child { text-align: left; font-weight: 600; }
.quarters thead th { font-weight: 600; color: var(--_muted); border-top: none; }
.quarters abbr { text-decoration: none; }
.quarters .up { color: var(--_positive); }
.quarters .down { color: var(--_negative); }
.quarters .empty { color: var(--_muted); }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
`;

  #texts = [];
  #active = null; // the turn shown in the detail box
  #pinned = null; // the turn last focused or clicked (shown again when the pointer leaves)
  #focus = 0; // the turn that takes the timeline's tab stop

  constructor() {
    super();
    // the shadow root outlives every render: one set of listeners, delegated
    const root = this.shadowRoot;
    const turnOf = (e) => {
      const g = e.target.closest?.('.turn');
      return g ? Number(g.dataset.index) : null;
    };
    root.addEventListener('pointerover', (e) => {
      const i = turnOf(e);
      if (i !== null) this.#show(i);
    });
    root.addEventListener('pointerout', (e) => {
      const to = e.relatedTarget;
      if (turnOf(e) !== null && !(to && to.closest?.('.turn'))) this.#show(this.#pinned);
    });
    root.addEventListener('focusin', (e) => {
      const i = turnOf(e);
      if (i === null) return;
      this.#pinned = i;
      this.#setFocus(i);
      this.#show(i);
    });
    root.addEventListener('click', (e) => {
      const i = turnOf(e);
      if (i !== null) root.querySelector(`.turn[data-index="${i}"]`)?.focus();
    });
    root.addEventListener('keydown', (e) => this.#key(e));
  }

  /** The transcript given directly (wins over `src` and inline JSON); `null` gives those back. */
  get transcript() {
    return this.responses;
  }
  set transcript(value) {
    this.responses = value;
  }

  connectedCallback() {
    // a property set before the element was upgraded shadows the accessor: re-apply it
    if (Object.prototype.hasOwnProperty.call(this, 'transcript')) {
      const v = this.transcript;
      delete this.transcript;
      this.transcript = v;
    }
    super.connectedCallback();
  }

  optionsFromAttributes() {
    const o = {};
    if (this.hasAttribute('language')) o.language = this.getAttribute('language').trim();
    return o;
  }

  compute(transcript, options) {
    const result = this.cx.scoreTranscript(transcript, options);
    // the hits' offsets refer to the text that was scored: the redacted one with `options.redact`
    const redacted = result.redacted?.turns;
    this.#texts = result.turns.map((_, i) => String(redacted?.[i]?.text ?? transcript.turns[i].text));
    this.#active = null;
    this.#pinned = null;
    this.#focus = 0;
    return result;
  }

  // -- text -------------------------------------------------------------------------------------

  #lanes(r) {
    return SPEAKERS.filter((s) => ALWAYS.includes(s) || r.speakers[s]?.turns > 0);
  }

  #trendWord(r) {
    return this.t(r.trend?.direction ?? 'flat');
  }

  describe(r) {
    const score = r.overall === null || r.overall === undefined
      ? this.t('noScore')
      : this.words(r.overall, { signed: true });
    return this.t('figure', score, this.#trendWord(r), this.t('turns', this.fmt.whole(r.turns.length), r.turns.length === 1));
  }

  #turnLabel(r, i) {
    const turn = r.turns[i];
    const n = turn.hits?.length ?? 0;
    return `${this.t('turnOf', this.fmt.whole(i + 1), this.fmt.whole(r.turns.length))}, `
      + `${this.t(turn.speaker).toLowerCase()}, ${this.t(turn.label).toLowerCase()}, `
      + `${this.t('scoreWord')} ${this.words(turn.score * 100, { signed: true })}, `
      + this.t('hitCount', this.fmt.whole(n), n === 1);
  }

  // -- rendering --------------------------------------------------------------------------------

  render(r) {
    const f = this.fmt;
    const n = r.turns.length;
    const hasScore = r.overall !== null && r.overall !== undefined;
    const direction = r.trend?.direction ?? 'flat';
    const arrow = { improved: '▲', worsened: '▼', flat: '▶' }[direction] ?? '▶';
    const legend = LABELS.map((l) => `<li><span class="swatch ${l}"></span>${esc(this.t(l))}</li>`).join('');
    return `<header><div class="title" part="title">${esc(this.t('title'))}</div>`
      + `<div class="n" part="n">${esc(this.t('turns', f.whole(n), n === 1))}</div></header>`
      + `<div class="headline"><span class="score" part="score">${esc(hasScore ? f.signed(r.overall) : '—')}</span>`
      + `<span class="label"><strong>${esc(this.t('customerScore'))}</strong><span>${esc(this.t('scale'))}</span></span>`
      + `<span class="trend ${esc(direction)}" part="trend"><span class="name">${esc(this.t('trend'))}</span>`
      + `<span class="arrow" aria-hidden="true">${arrow}</span><strong>${esc(this.#trendWord(r))}</strong></span></div>`
      + this.#timeline(r)
      + `<ul class="legend" part="legend">${legend}</ul>`
      + `<div class="detail" part="detail" aria-live="polite">${this.#detail(r, this.#active)}</div>`
      + this.#quarters(r);
  }

  #timeline(r) {
    const lanes = this.#lanes(r);
    const n = r.turns.length;
    const slot = 100 / Math.max(1, n);
    const pct = (v) => `${+v.toFixed(4)}%`;
    const height = TOP + lanes.length * LANE + AXIS;
    const half = LANE / 2 - 5;
    const bands = lanes.map((s, k) => {
      const y = TOP + k * LANE;
      return `<rect class="lane" x="0" y="${y + 2}" width="100%" height="${LANE - 4}" rx="6"></rect>`
        + `<line class="mid" x1="0" x2="100%" y1="${y + LANE / 2 + 0.5}" y2="${y + LANE / 2 + 0.5}"></line>`;
    }).join('');
    const turns = r.turns.map((turn, i) => {
      const k = Math.max(0, lanes.indexOf(turn.speaker));
      const mid = TOP + k * LANE + LANE / 2;
      const h = Math.max(MARK_MIN, Math.abs(turn.score) * half);
      const y = turn.score > 0 ? mid - h : turn.score < 0 ? mid : mid - h / 2;
      const x = i * slot;
      const cls = `turn ${LABELS.includes(turn.label) ? turn.label : 'neutral'}${this.#active === i ? ' active' : ''}`;
      return `<g class="${cls}" data-index="${i}" data-label="${esc(turn.label)}" data-speaker="${esc(turn.speaker)}" `
        + `tabindex="${i === this.#focus ? 0 : -1}" role="img" aria-label="${esc(this.#turnLabel(r, i))}">`
        + `<rect class="ring" x="${pct(x + slot * 0.06)}" y="${TOP + k * LANE + 2}" width="${pct(slot * 0.88)}" height="${LANE - 4}" rx="5"></rect>`
        + `<rect class="mark" x="${pct(x + slot * 0.2)}" y="${y.toFixed(2)}" width="${pct(slot * 0.6)}" height="${h.toFixed(2)}" rx="2"></rect>`
        // on top, transparent: the whole slot of the lane answers the pointer
        + `<rect class="area" x="${pct(x)}" y="${TOP + k * LANE + 1}" width="${pct(slot)}" height="${LANE - 2}"></rect></g>`;
    }).join('');
    const step = n <= 12 ? 1 : n <= 60 ? 5 : 10;
    const ticks = r.turns.map((_, i) => i + 1)
      .filter((t) => t === 1 || t === n || (t % step === 0 && n - t >= step * 0.8))
      .map((t) => `<text x="${pct((t - 0.5) * slot)}" y="${height - 6}" text-anchor="middle">${esc(this.fmt.whole(t))}</text>`)
      .join('');
    const names = lanes.map((s) => `<li>${esc(this.t(s))}</li>`).join('');
    return `<div class="timeline-wrap"><ul class="lanes" aria-hidden="true">${names}</ul>`
      + `<svg class="timeline" part="timeline" width="100%" height="${height}" role="group" aria-label="${esc(this.t('timeline'))}">`
      + `<g aria-hidden="true">${bands}</g>${turns}<g class="axis" aria-hidden="true">${ticks}</g></svg></div>`;
  }

  /** The detail box: turn `i` with its matched words marked, or the hint. */
  #detail(r, i) {
    const turn = i === null ? null : r?.turns[i];
    if (!turn) return `<p class="hint">${esc(this.t('hint'))}</p>`;
    const f = this.fmt;
    const text = this.#texts[i] ?? '';
    let html = '';
    let at = 0;
    for (const h of turn.hits ?? []) {
      const s = h.startUtf16;
      const e = h.endUtf16;
      if (!(Number.isInteger(s) && Number.isInteger(e) && s >= at && e > s && e <= text.length)) continue;
      const dir = h.contribution > 0 ? 'up' : h.contribution < 0 ? 'down' : 'zero';
      const note = `${f.signed(h.contribution)}${h.negated ? `, ${this.t('negated')}` : ''}`;
      html += esc(text.slice(at, s))
        + `<mark class="hit ${dir}${h.negated ? ' negated' : ''}" data-key="${esc(h.key)}">${esc(text.slice(s, e))}</mark>`
        + `<span class="contrib">(${esc(note)})</span>`;
      at = e;
    }
    html += esc(text.slice(at));
    const label = LABELS.includes(turn.label) ? turn.label : 'neutral';
    return `<div class="head"><strong>${esc(this.t('turnShort', f.whole(i + 1)))} · ${esc(this.t(turn.speaker))}</strong>`
      + `<span class="pill"><span class="swatch ${label}"></span>${esc(this.t(label))}</span>`
      + `<span class="tscore">${esc(f.wholeSigned(turn.score * 100))}</span></div>`
      + `<p class="text">${html}</p>`
      + (turn.hits?.length ? '' : `<p class="none">${esc(this.t('noHits'))}</p>`);
  }

  #quarters(r) {
    const f = this.fmt;
    const lanes = this.#lanes(r);
    const head = [1, 2, 3, 4].map((q) => `<th scope="col"><abbr title="${esc(this.t('quarterLong', q))}">${esc(this.t('quarter', q))}</abbr></th>`).join('');
    const rows = lanes.map((s) => {
      const qs = r.speakers[s]?.quarters ?? [null, null, null, null];
      const cells = qs.map((v) => (v === null || v === undefined
        ? `<td class="empty"><span aria-hidden="true">—</span><span class="sr">${esc(this.t('none'))}</span></td>`
        : `<td class="${v > 0 ? 'up' : v < 0 ? 'down' : 'zero'}">${esc(f.signed(v))}</td>`)).join('');
      return `<tr data-speaker="${esc(s)}"><th scope="row">${esc(this.t(s))}</th>${cells}</tr>`;
    }).join('');
    return `<table class="quarters" part="quarters"><caption>${esc(this.t('quarters'))}</caption>`
      + `<thead><tr><th scope="col">${esc(this.t('speaker'))}</th>${head}</tr></thead><tbody>${rows}</tbody></table>`;
  }

  // -- interaction ------------------------------------------------------------------------------

  #setFocus(i) {
    this.#focus = i;
    for (const g of this.shadowRoot.querySelectorAll('.turn')) {
      g.setAttribute('tabindex', Number(g.dataset.index) === i ? '0' : '-1');
    }
  }

  #key(e) {
    const g = e.target.closest?.('.turn');
    const r = this.result;
    if (!g || !r) return;
    const n = r.turns.length;
    const i = Number(g.dataset.index);
    const next = {
      ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: n - 1,
    }[e.key];
    if (e.key === 'Escape') {
      this.#pinned = null;
      this.#show(null);
      e.preventDefault();
      return;
    }
    if (next === undefined) return;
    e.preventDefault();
    const to = Math.min(n - 1, Math.max(0, next));
    this.shadowRoot.querySelector(`.turn[data-index="${to}"]`)?.focus();
  }

  /** Shows turn `i` (or the hint for null) in the detail box and marks it on the timeline. */
  #show(i) {
    const r = this.result;
    if (!r) return;
    const index = i === null || i === undefined || !r.turns[i] ? null : i;
    if (index === this.#active) return;
    this.#active = index;
    for (const g of this.shadowRoot.querySelectorAll('.turn')) {
      g.classList.toggle('active', Number(g.dataset.index) === index);
    }
    const box = this.shadowRoot.querySelector('.detail');
    if (box) box.innerHTML = this.#detail(r, index);
    this.dispatchEvent(new CustomEvent('cx-turn', {
      detail: { index, turn: index === null ? null : r.turns[index], text: index === null ? null : this.#texts[index] },
      bubbles: true,
      composed: true,
    }));
  }
}
