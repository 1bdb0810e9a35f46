// Compiled with `tsc --noEmit` (cargo xtask test, stage `types`): the hand-declared types of the
// npm package must accept real usage and reject wrong usage. Every `@ts-expect-error` below fails
// the build if the line it marks stops being an error (for example if a type became `any`).
import init, {
  ces,
  csat,
  CxkitError,
  nps,
  npsFromScores,
  SurveyAccumulator,
  type CsatResult,
  type ErrorCode,
  type Grouped,
  type NpsResult,
  type SurveyAnswer,
  type SurveyState,
} from 'cxkit';
import initSlim, { initSync } from 'cxkit/slim';
import * as cx from 'cxkit';

export async function usage(): Promise<number> {
  await init();
  const answers: SurveyAnswer[] = [10, 'muy satisfecho', { value: 9, queue: 'billing', respondedAt: '2026-11-23T10:00:00Z' }];
  const n: NpsResult = nps(answers);
  const score: number = n.score + n.marginOfError + n.ci.low + n.promoters;
  const grouped: Grouped<CsatResult> = csat(answers, { groupBy: 'queue', scale: [1, 5], interval: 'jeffreys' });
  const key: string | null = grouped.groups[0]?.key ?? null;
  const c = ces(['muy fácil'], { version: 1 });
  const low: number | undefined = c.ci?.low;
  const fast = npsFromScores(new Uint8Array([10, 9, 0]));
  const acc = new SurveyAccumulator('nps', { interval: 'adjusted-wald' });
  acc.pushMany([10, 9]);
  const state: SurveyState = acc.toJSON();
  const back = SurveyAccumulator.fromJSON(state);
  back.merge(acc);
  try {
    nps([11]);
  } catch (e) {
    if (e instanceof CxkitError) {
      const code: ErrorCode = e.code;
      const index: number | undefined = e.details.index;
      console.log(code, index, e.status);
    }
  }
  await initSlim({ module_or_path: new URL('file:///cxkit_bg.wasm') });
  initSync({ module: new Uint8Array() });
  return score + fast.score + (low ?? 0) + (key ? 1 : 0);
}

export function rejected(): void {
  // @ts-expect-error: the score is a number
  const s: string = nps([1]).score;
  // @ts-expect-error: Wilson does not apply to the NPS
  nps([1], { interval: 'wilson' });
  // @ts-expect-error: unknown grouping
  csat([1], { groupBy: 'team' });
  // @ts-expect-error: CES has versions 1 and 2 only
  ces([1], { version: 3 });
  // @ts-expect-error: booleans are not answers
  nps([true]);
  // @ts-expect-error: typed arrays of bytes only
  npsFromScores([10, 9]);
  // @ts-expect-error: not an error code
  const code: ErrorCode = 'oops';
  // @ts-expect-error: the grouped result has no top-level score
  csat([1], { groupBy: 'day' }).score;
  // @ts-expect-error: unknown kind
  new SurveyAccumulator('xps');
  console.log(s, code);
}

// ---- lifetime value, customer effort, operations KPIs, staffing ------------------------------
import {
  agentsRequired,
  bgNbdExpectedPurchases,
  bgNbdProbabilityAlive,
  cohortLtv,
  customerLifetimeValue,
  discountedLtv,
  effort,
  EffortAccumulator,
  erlangA,
  erlangC,
  expectedAverageSpend,
  fitBgNbd,
  fitBgNbdColumns,
  fitGammaGamma,
  fitGammaGammaColumns,
  intervalPlan,
  KpiAccumulator,
  kpis,
  RfmAccumulator,
  rfmSummary,
  simpleLtv,
  type AgentsRequiredResult,
  type BgNbdFit,
  type Contact,
  type CustomerRfm,
  type EffortReport,
  type EffortState,
  type KpiGrouped,
  type KpiResult,
  type KpiState,
  type RfmRow,
  type RfmState,
  type Transaction,
} from 'cxkit';

export function ltvUsage(transactions: Transaction[]): number {
  const rows: RfmRow[] = rfmSummary(transactions, { unit: 'weeks', calibrationEnd: '1997-09-30' });
  const summary: CustomerRfm[] = rows;
  const bg: BgNbdFit = fitBgNbd(summary, { penalizer: 0.001 });
  const cols = fitBgNbdColumns(new Float64Array([1]), new Float64Array([2]), new Float64Array([3]), 'weeks');
  const gg = fitGammaGamma(summary);
  const ggCols = fitGammaGammaColumns(new Float64Array([1]), new Float64Array([20]), { maxIterations: 100 });
  const c = rows[0] ?? { frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 22.35, unit: 'weeks' };
  const e: number = bgNbdExpectedPurchases(bg, c, 52) + bgNbdProbabilityAlive(cols, c);
  const spend: number = expectedAverageSpend(gg, c) + expectedAverageSpend(ggCols, c);
  const clv = customerLifetimeValue({ bgNbd: bg, gammaGamma: gg }, c, { months: 12, monthlyDiscountRate: 0.01, unit: 'weeks' });
  const monthly: number[] = clv.monthly;
  const simple = simpleLtv({ arpu: 40, grossMargin: 0.7, churnRate: 0.03 });
  const discounted = discountedLtv({ arpu: 40, churnRate: 0.03, discountRate: 0.01, timing: 'end', periods: 24 });
  const periods: number | null = discounted.periods;
  const cohorts = cohortLtv([{ cohort: '2026-01', customers: 100, values: [1000, 600] }], { discountRate: 0.01 });
  const acc = new RfmAccumulator({ unit: 'days', duplicates: 'drop', onInvalid: 'skip' });
  acc.pushMany(transactions);
  const state: RfmState = acc.toJSON();
  RfmAccumulator.fromJSON(state).merge(acc);
  const report = acc.finish();
  return e + spend + clv.value + monthly.length + simple.value + (periods ?? 0) + cohorts.overall.cumulativeValue.length + report.transactions;
}

export function opsUsage(contacts: Contact[]): number {
  const report: EffortReport = effort(contacts, {
    asOf: '2026-11-30T00:00:00Z',
    fcrMethod: 'survey',
    weights: { transfer: 2 },
    businessHours: { utcOffsetMinutes: 60, weekly: { mon: [['09:00', '17:00']] }, holidays: ['2026-12-25'] },
    cesAnswers: [{ contactId: 'c-1', value: 6 }],
    repeatWindowHoursByChannel: { email: 72 },
  });
  const rate: number | null = report.summary.fcr.rate;
  const ea = new EffortAccumulator();
  ea.push({ id: 'c-2', channel: 'chat', startedAt: '2026-11-23T09:00:00Z' });
  ea.pushCes({ contactId: 'c-2', label: 'muy fácil' });
  const es: EffortState = ea.toJSON();
  EffortAccumulator.fromJSON(es).merge(ea);
  const k: KpiResult = kpis(contacts, { serviceLevelBase: 'offered', ahtComponents: { acw: false } });
  const g: KpiGrouped = kpis(contacts, { groupBy: ['queue', 'interval'], intervalMinutes: 15 });
  const key: string | null | undefined = g.groups[0]?.key.queue;
  const ka = new KpiAccumulator({ groupBy: 'agentId' });
  ka.pushMany(contacts);
  const ks: KpiState = ka.toJSON();
  const finished = KpiAccumulator.fromJSON(ks).finish();
  const overall: KpiResult = 'overall' in finished ? finished.overall : finished;
  const sl: number | null = k.serviceLevel;
  return (rate ?? 0) + (sl ?? 0) + (key ? 1 : 0) + overall.contacts;
}

export function staffingUsage(): number {
  const c = erlangC({ callsPerInterval: 100, intervalSeconds: 1800, ahtSeconds: 180, agents: 14, thresholdSeconds: 20 });
  const a = erlangA({ callsPerInterval: 100, intervalSeconds: 1800, ahtSeconds: 180, agents: 14, patienceSeconds: 120 });
  const r: AgentsRequiredResult = agentsRequired({
    callsPerInterval: 100,
    intervalSeconds: 1800,
    ahtSeconds: 180,
    targetServiceLevel: 0.8,
    shrinkage: 0.3,
    shrinkageMode: 'divide',
    maxOccupancy: 0.85,
    model: 'erlang-a',
    patienceSeconds: 120,
  });
  const pab: number | undefined = r.probabilityAbandon;
  const plan = intervalPlan({ intervalSeconds: 900, intervals: [{ label: '09:00', calls: 40, ahtSeconds: 240 }] });
  return c.probabilityWait + a.serviceLevels.answered + r.scheduled + (pab ?? 0) + plan.totals.peakAgents;
}

export function opsRejected(contacts: Contact[]): void {
  // @ts-expect-error: a transaction needs an amount
  rfmSummary([{ customerId: 'a', at: '2026-01-01T00:00:00Z' }]);
  // @ts-expect-error: no such unit
  rfmSummary([], { unit: 'years' });
  // @ts-expect-error: summary rows state their unit
  fitBgNbd([{ frequency: 1, recency: 1, T: 2 }]);
  // @ts-expect-error: columns are Float64Arrays
  fitBgNbdColumns([1], [1], [2], 'weeks');
  // @ts-expect-error: the models are {bgNbd, gammaGamma}
  customerLifetimeValue({ bgNbd: { r: 1, alpha: 1, a: 1, b: 1, unit: 'weeks' } }, { frequency: 0, recency: 0, T: 1, unit: 'weeks' });
  // @ts-expect-error: churnRate is required
  simpleLtv({ arpu: 10 });
  // @ts-expect-error: cash arrives at the start or the end
  discountedLtv({ arpu: 1, churnRate: 0.1, discountRate: 0.1, timing: 'middle' });
  // @ts-expect-error: a contact needs a channel
  effort([{ id: 'x' }]);
  // @ts-expect-error: not an FCR method
  effort(contacts, { fcrMethod: 'guess' });
  // @ts-expect-error: not a KPI dimension
  kpis(contacts, { groupBy: 'team' });
  // @ts-expect-error: the grouped result has no top-level serviceLevel
  kpis(contacts, { groupBy: 'queue' }).serviceLevel;
  // @ts-expect-error: erlangC needs agents
  erlangC({ callsPerInterval: 100, intervalSeconds: 1800, ahtSeconds: 180 });
  // @ts-expect-error: erlangA needs patience
  erlangA({ callsPerInterval: 100, intervalSeconds: 1800, ahtSeconds: 180, agents: 14 });
  // @ts-expect-error: not a model
  agentsRequired({ callsPerInterval: 1, intervalSeconds: 1, ahtSeconds: 1, model: 'erlang-b' });
  // @ts-expect-error: not an error code
  const code: ErrorCode = 'unit_mismatched';
  const ok: ErrorCode = 'unit_mismatch';
  console.log(code, ok);
}

// ---- transcripts: sentiment, keywords, compliance, PII ---------------------------------------
import {
  detectPii,
  KeywordAccumulator,
  KeywordSet,
  Lexicon,
  redact,
  redactTranscript,
  scoreText,
  scoreTexts,
  scoreTranscript,
  SentimentAccumulator,
  sentimentLabels,
  type KeywordState,
  type PiiType,
  type SentimentLabel,
  type SentimentState,
  type Transcript,
  type TranscriptResult,
} from 'cxkit';

export function transcripts(): number {
  const lexicon = new Lexicon({ entries: { es: { chido: 2 }, en: 'zorblax\t2.5\n' }, modifiers: { es: { re: { kind: 'intensifier', factor: 0.3 } } } });
  const t = scoreText('el servicio fue chido', { language: 'es', lexicon });
  const label: SentimentLabel = t.label;
  const span: number = t.hits[0]?.startUtf16 ?? 0;
  const bulk = scoreTexts(['great', 'awful'], { hits: false });
  const first: number = bulk.scores[0] ?? 0;
  const name: SentimentLabel | undefined = sentimentLabels()[bulk.codes[0] ?? 0];
  const transcript: Transcript = {
    language: 'auto',
    turns: [
      { speaker: 'agent', text: 'This call may be recorded', startMs: 0 },
      { speaker: 'customer', text: 'Me cobraron dos veces, mi correo es ana@example.org', startMs: 4000 },
    ],
  };
  const keywords = new KeywordSet({ rules: [{ name: 'disclosure', kind: 'mustSay', phrases: ['this call may be recorded'], withinTurns: 1 }] });
  const r: TranscriptResult = scoreTranscript(transcript, { keywords, redact: { types: ['EMAIL'] }, lexicon: Lexicon.builtin() });
  const overall: number | null = r.overall;
  const passed: boolean | undefined = r.keywords?.compliance[0]?.passed;
  const redactedText: string | undefined = r.redacted?.turns[1]?.text;
  const q: number | null = r.speakers.customer.quarters[3];
  const red = redact('card 4425 5503 4910 6545', { types: ['CARD', 'PHONE'] });
  const type: PiiType | undefined = red.entities[0]?.type;
  const found = detectPii('sam@example.org').length;
  const rt: string | undefined = redactTranscript(transcript).transcript.turns[0]?.text;
  const sa = new SentimentAccumulator();
  sa.push(r);
  const sState: SentimentState = sa.toJSON();
  SentimentAccumulator.fromJSON(sState).merge(sa);
  const ka = new KeywordAccumulator();
  ka.push(keywords.scan(transcript));
  const kState: KeywordState = ka.toJSON();
  const rate: number | undefined = KeywordAccumulator.fromJSON(kState).finish().categories['billing']?.rate;
  const cats: string[] = KeywordSet.builtin().categories;
  const m = keywords.scanText('quiero darme de baja')[0]?.negated;
  keywords.free();
  lexicon.free();
  console.log(label, name, passed, redactedText, type, m, cats, rt, sa.finish().overall);
  return t.score + span + first + (overall ?? 0) + (q ?? 0) + found + (rate ?? 0);
}

export function transcriptsRejected(): void {
  // @ts-expect-error: not a label
  const l: SentimentLabel = 'angry';
  // @ts-expect-error: languages are en, es or auto
  scoreText('hola', { language: 'fr' });
  // @ts-expect-error: texts are strings
  scoreTexts([1, 2]);
  // @ts-expect-error: unknown speaker
  scoreTranscript({ turns: [{ speaker: 'robot', text: 'hi' }] });
  // @ts-expect-error: not a PII type
  redact('x', { types: ['NAME'] });
  // @ts-expect-error: a lexicon is a Lexicon instance, not its config
  scoreText('x', { lexicon: { entries: {} } });
  // @ts-expect-error: rules have a kind
  new KeywordSet({ rules: [{ name: 'x', phrases: ['y'] }] });
  // @ts-expect-error: not a modifier kind
  new Lexicon({ modifiers: { en: { so: { kind: 'booster', factor: 0.3 } } } });
  // @ts-expect-error: keywords are a KeywordSet or "builtin"
  scoreTranscript({ turns: [] }, { keywords: 'all' });
  const codes: ErrorCode[] = ['text_too_large', 'invalid_lexicon'];
  console.log(l, codes);
}

// Webhooks (issue 6).
import { handleWebhook, verifyWebhook, type WebhookResult } from 'cxkit';

export function webhookUsage(request: Request, bytes: Uint8Array): number {
  const options = { secrets: ['old', 'new'], toleranceSeconds: 300, now: '2026-11-23T10:05:00Z' };
  const out: WebhookResult = handleWebhook('zendesk', { method: 'POST', url: request.url, headers: request.headers, body: bytes }, options);
  const plain = handleWebhook('salesforce', { url: 'https://x', headers: { 'Content-Type': 'text/xml' }, body: '<x/>' }, { organizationIds: ['00D'] });
  const ack: string | undefined = plain.response?.body;
  const v = verifyWebhook('twilio', { url: 'https://x', headers: [['X-Twilio-Signature', 's']], body: 'a=b' }, { secrets: ['t'] });
  const channel: string = out.contacts[0].channel;
  const speaker: 'customer' | 'agent' | 'bot' | 'system' | undefined = out.transcripts[0]?.turns[0]?.speaker;
  const code: ErrorCode = 'signature_mismatch';
  console.log(ack, v.scheme, channel, speaker, code, out.status === 'ignored' ? out.reason : out.event);
  // @ts-expect-error: not a platform
  handleWebhook('five9', { url: 'https://x', body: '' });
  // @ts-expect-error: the body is a string or bytes
  handleWebhook('generic', { url: 'https://x', body: 42 });
  // @ts-expect-error: secrets is a list
  handleWebhook('generic', { url: 'https://x', body: '' }, { secrets: 'one' });
  // @ts-expect-error: not a format
  verifyWebhook('genesys', { url: 'https://x', body: '' }, { format: 'xml' });
  return out.surveys.length + out.contacts[0].transfers;
}

// Dashboard metrics
{
  const acc = new cx.MetricsAccumulator({ utcOffsetMinutes: -300, csat: { scale: [1, 5] } });
  const pushed: cx.PushSummary = acc.push({ surveys: [{ id: 'n1', kind: 'nps', value: 9 }] }, { at: '2026-11-23T10:00:00Z' });
  const added: number = pushed.added.surveys + pushed.duplicates.contacts;
  const report: cx.MetricsReport = acc.finish({ groupBy: 'queue', metrics: ['nps', 'kpis'], series: false });
  const day: string | undefined = report.series[0]?.day;
  const state: cx.MetricsState = acc.toJSON();
  const again = cx.MetricsAccumulator.fromJSON(state);
  again.merge(acc);
  const byDay: Record<string, cx.Records> = acc.splitByDay({ contacts: [] });
  void [added, day, byDay, acc.dayOf('2026-11-23T10:00:00Z'), acc.records.contacts];
  // @ts-expect-error groupBy belongs to the query, not to a metric's options
  new cx.MetricsAccumulator({ nps: { groupBy: 'queue' } });
}

// Importing files
import { parseRecords, type ImportedRecords, type ImportOptions } from 'cxkit';

export async function importUsage(file: Blob): Promise<number> {
  const options: ImportOptions = { utcOffsetMinutes: 60, onInvalid: 'skip', delimiter: ';' };
  const fromText: ImportedRecords = parseRecords(await file.text(), options);
  const fromBytes = parseRecords(new Uint8Array(await file.arrayBuffer()), { kind: 'contacts' });
  const fromBuffer = parseRecords(await file.arrayBuffer());
  const kind: 'contacts' | 'surveys' | 'transcripts' | 'mixed' = fromText.kind;
  const wait: number | null | undefined = fromBytes.contacts[0]?.queueWaitS;
  const skipped: ErrorCode = fromText.skipped[0]?.code ?? 'unrecognised_file';
  console.log(kind, wait, skipped, fromText.rejected.byReason.invalid_timestamp, fromBuffer.format, fromText.ignored);
  // @ts-expect-error: not a record kind
  parseRecords('', { kind: 'orders' });
  // @ts-expect-error: a file's text or bytes, not a number
  parseRecords(42);
  return fromText.surveys.length + fromText.transcripts.length;
}
