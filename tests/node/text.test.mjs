// Transcripts through the built npm package (target/npm/cxkit): sentiment (`scoreText`,
// `scoreTexts`, `scoreTranscript`, `Lexicon`), keywords and compliance (`KeywordSet`), PII
// (`redact`, `detectPii`) and the accumulators. Known answers: the shared PII cases
// (tests/fixtures/pii/cases.jsonl, expected output written by hand) and scores of the shared
// sentiment dev turns computed by the native Rust build of cxkit-core (`score_text` /
// `score_transcript` with default options), which the wasm build must reproduce exactly.
// Run by `cargo xtask test` (stage `node`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import * as cx from '../../target/npm/cxkit/node/index.mjs';
import { assertJsonClean, throwsCode } from '../support/expect.mjs';

const throws = (fn, code, details) => throwsCode(cx.CxkitError, fn, code, details);
const jsonl = (path) =>
  readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));
const turns = Object.fromEntries(
  [...jsonl('sentiment/en/turns.jsonl'), ...jsonl('sentiment/es/turns.jsonl')].map((t) => [t.id, t]),
);

// id -> [score, label, language, number of hits], from the native build.
const NATIVE = {
  'en-dev-0001': [0.831632, 'positive', 'en', 2],
  'en-dev-0002': [0, 'neutral', 'en', 0],
  'en-dev-0003': [0.421464, 'positive', 'en', 1],
  'en-dev-0006': [0.381819, 'positive', 'en', 2],
  'es-dev-0001': [-0.458831, 'negative', 'es', 1],
  'es-dev-0002': [0.202289, 'mixed', 'es', 3],
  'es-dev-0003': [-0.585882, 'negative', 'es', 3],
  'es-dev-0004': [0.585882, 'positive', 'es', 2],
  'es-dev-0006': [-0.670478, 'negative', 'es', 3],
};

test('scoreText reproduces the native scores of shared dev turns (EN and ES)', () => {
  for (const [id, [score, label, language, hits]] of Object.entries(NATIVE)) {
    const text = turns[id].text;
    const r = cx.scoreText(text);
    assert.deepEqual([r.score, r.label, r.language, r.hits.length], [score, label, language, hits], id);
    assertJsonClean(r);
    for (const h of r.hits) {
      // UTF-16 spans index the JavaScript string; byte spans the UTF-8 text.
      assert.equal(text.slice(h.startUtf16, h.endUtf16), h.text, `${id} ${h.key}`);
      assert.equal(Buffer.from(text).subarray(h.start, h.end).toString(), h.text);
      assert.equal(typeof h.negated, 'boolean');
      assert.ok(['word', 'phrase', 'emoji', 'emoticon', 'implied'].includes(h.kind));
    }
    // A no-hits run gives the same score and label.
    const bare = cx.scoreText(text, { hits: false });
    assert.deepEqual([bare.score, bare.label, bare.hits.length], [score, label, 0], id);
  }
});

test('scoreText: the module example (Spanish contrast: mixed, negative score)', () => {
  const r = cx.scoreText('El técnico fue muy amable, pero sigo sin internet');
  assert.equal(r.label, 'mixed');
  assert.equal(r.language, 'es');
  assert.ok(r.score < 0);
  assert.deepEqual(
    r.hits.map((h) => [h.text, h.startUtf16]),
    [['muy amable', 15], ['sigo sin', 32]],
  );
  const neg = cx.scoreText('no estoy nada contento con la atención', { language: 'es' });
  assert.equal(neg.label, 'negative');
  assert.equal(neg.hits[0].negated, true);
});

test('scoreTexts: the same scores and labels as scoreText, as typed arrays', () => {
  const ids = Object.keys(NATIVE);
  const r = cx.scoreTexts(ids.map((id) => turns[id].text));
  assert.ok(r.scores instanceof Float64Array && r.codes instanceof Uint8Array);
  assert.deepEqual(cx.sentimentLabels(), ['positive', 'negative', 'neutral', 'mixed']);
  ids.forEach((id, i) => {
    assert.equal(r.scores[i], NATIVE[id][0], id);
    assert.equal(r.labels[i], NATIVE[id][1], id);
    assert.equal(cx.sentimentLabels()[r.codes[i]], NATIVE[id][1], id);
  });
  assert.deepEqual(cx.scoreTexts([]).labels, []);
  throws(() => cx.scoreTexts(['great', 3]), 'invalid_type', { field: 'texts[1]', index: 1 });
  throws(() => cx.scoreTexts(['great', '  ']), 'empty_input', { field: 'texts[1]', index: 1 });
  throws(() => cx.scoreTexts('great'), 'invalid_type', { field: 'texts' });
  // Texts that JSON escapes (quotes, backslashes, control characters, emoji, a real U+FFFD) are
  // read through the bulk path's unescaping: the same scores as one call each.
  const escaped = ['she said "great" \\ thanks', 'line one\nline two: terrible\t!!', 'love it 😍🙏', '¡genial! \ufffd', 'q\u0001 mal'];
  const bulk = cx.scoreTexts(escaped);
  escaped.forEach((t, i) => assert.equal(bulk.scores[i], cx.scoreText(t).score, JSON.stringify(t)));
  // The first bad text is the one named, whatever is wrong with later ones.
  throws(() => cx.scoreTexts(['ok', ' ', 'x\ud800']), 'empty_input', { field: 'texts[1]', index: 1 });
  throws(() => cx.scoreTexts(['ok', '"x\ud800"', ' ']), 'invalid_value', { field: 'texts[1]', index: 1 });
  throws(() => cx.scoreTexts(['ok', 'ok '.repeat(400)], { maxBytes: 100 }), 'text_too_large', { field: 'texts[1]', index: 1 });
});

test('scoreTranscript reproduces the native conversation scores (EN and ES)', () => {
  const native = {
    en: { overall: 63.495083, trend: ['improved', 0, 1, 1], mean: 0.311279, quarters: [0, 0, 2.36922, 3.85636],
      scores: [0, 0, 0, -0.401924, 0, -0.177858, 0.473844, 0.33823, 0.771272, 0.476658] },
    es: { overall: 12.89711, trend: ['improved', -0.5, 1, 1.5], mean: 0.001701, quarters: [-2.92941, 0, 0.143247, 2.685445],
      scores: [0, -0.585882, 0, 0, 0, -0.362622, 0, 0.419921, 0.361158, 0.537089] },
  };
  for (const lang of ['en', 'es']) {
    const conv = jsonl(`sentiment/${lang}/conversations.jsonl`)[0];
    const r = cx.scoreTranscript({ turns: conv.turns.map(({ speaker, text }) => ({ speaker, text })) });
    const n = native[lang];
    assert.equal(r.language, lang);
    assert.equal(r.overall, n.overall);
    assert.deepEqual([r.trend.direction, r.trend.start, r.trend.end, r.trend.change], n.trend);
    assert.equal(r.speakers.customer.mean, n.mean);
    assert.deepEqual(r.speakers.customer.quarters, n.quarters);
    assert.deepEqual(r.turns.map((t) => t.score), n.scores);
    assert.deepEqual(r.turns.map((t) => t.speaker), conv.turns.map((t) => t.speaker));
    assert.equal(r.speakers.system.turns, conv.turns.filter((t) => t.speaker === 'system').length);
    assert.equal(r.speakers.bot.turns, conv.turns.filter((t) => t.speaker === 'bot').length);
    assert.deepEqual([r.speakers.system.mean, r.speakers.system.quarters], [null, [null, null, null, null]]);
    assert.equal(r.keywords, undefined);
    assert.equal(r.redacted, undefined);
    assertJsonClean(r.turns);
  }
});

const call = {
  contactId: 'c-1',
  turns: [
    { speaker: 'agent', text: 'Hi, this call may be recorded. How can I help?', startMs: 0 },
    { speaker: 'customer', text: "I've been charged twice, this is ridiculous. Mail me at sam@example.org", startMs: 5000 },
    { speaker: 'agent', text: "I'm sorry, I've refunded the second charge.", startMs: 20000 },
    { speaker: 'customer', text: 'brilliant, thank you so much!', startMs: 30000 },
  ],
};

test('scoreTranscript with keywords and redact: PII is removed before scoring and scanning', () => {
  const keywords = new cx.KeywordSet({
    categories: [{ name: 'contact_details', phrases: ['sam', 'mail me'] }],
    rules: [{ name: 'disclosure', kind: 'mustSay', phrases: ['this call may be recorded'], withinTurns: 1 }],
  });
  const plain = cx.scoreTranscript(call, { keywords });
  assert.equal(plain.trend.direction, 'improved');
  assert.ok(plain.overall > 0);
  assert.deepEqual(plain.keywords.categories.contact_details, { count: 2, negated: 0, turns: [1] });
  assert.equal(plain.keywords.categories.billing.count, 2);
  assert.deepEqual(plain.keywords.compliance[0], {
    name: 'disclosure', kind: 'mustSay', passed: true, reason: null,
    evidence: { turn: 0, phrase: 'this call may be recorded', text: 'this call may be recorded', start: 4, end: 29, startUtf16: 4, endUtf16: 29, startMs: 0 },
  });

  const red = cx.scoreTranscript(call, { keywords, redact: true });
  assert.equal(red.redacted.turns.length, 4);
  assert.equal(red.redacted.turns[1].text, "I've been charged twice, this is ridiculous. Mail me at [EMAIL]");
  assert.deepEqual(red.redacted.turns[1].entities, [
    { type: 'EMAIL', value: 'sam@example.org', start: 56, end: 71, startUtf16: 56, endUtf16: 71 },
  ]);
  assert.deepEqual(red.redacted.turns[0].entities, []);
  // The address never reached the scanner; the rest of the result is unchanged.
  assert.deepEqual(red.keywords.categories.contact_details, { count: 1, negated: 0, turns: [1] });
  assert.deepEqual(red.turns.map((t) => t.score), plain.turns.map((t) => t.score));
  // Only some types: the e-mail stays.
  const phones = cx.scoreTranscript(call, { redact: { types: ['PHONE'] } });
  assert.equal(phones.redacted.turns[1].text, call.turns[1].text);
  // "builtin" and KeywordSet.builtin() are the same set.
  const a = cx.scoreTranscript(call, { keywords: 'builtin' }).keywords;
  const b = cx.scoreTranscript(call, { keywords: cx.KeywordSet.builtin() }).keywords;
  assert.deepEqual(a, b);
  assert.deepEqual(Object.keys(a.categories).sort(), [
    'billing', 'churn_risk', 'delivery', 'escalation', 'legal_threat', 'outage', 'praise', 'repeat_contact', 'thanks', 'transfer_complaint',
  ]);
  keywords.free();
});

test('redact and detectPii: every shared PII case gives the expected output', () => {
  const cases = jsonl('pii/cases.jsonl');
  assert.equal(cases.length, 120);
  for (const c of cases) {
    const r = cx.redact(c.text);
    assert.equal(r.text, c.redacted, c.id);
    assert.deepEqual(r.entities.map(({ type, value }) => ({ type, value })), c.entities, c.id);
    for (const e of r.entities) assert.equal(c.text.slice(e.startUtf16, e.endUtf16), e.value, c.id);
    assert.deepEqual(cx.detectPii(c.text), r.entities, c.id);
  }
  const only = cx.redact('card 4425 5503 4910 6545, mail sam@example.org', { types: ['CARD'] });
  assert.equal(only.text, 'card [CARD], mail sam@example.org');
  assert.deepEqual(cx.piiTypes(), ['EMAIL', 'PHONE', 'CARD', 'IBAN', 'NATIONAL_ID', 'SSN']);
  assert.deepEqual(cx.redact(''), { text: '', entities: [] });
});

test('Lexicon: custom entries and modifiers, built once and passed in', () => {
  const lex = new cx.Lexicon({
    entries: { en: { zorblax: 2.5 }, es: 'term\tvalence\ttags\nchido\t2.0\t\n' },
    modifiers: { es: { requete: { kind: 'intensifier', factor: 0.4 } } },
  });
  assert.equal(lex.valence('en', 'zorblax'), 2.5);
  assert.equal(lex.valence('es', 'chido'), 2);
  assert.equal(cx.Lexicon.builtin().valence('en', 'zorblax'), undefined);
  assert.equal(cx.scoreText('the zorblax plan').score, 0);
  const z = cx.scoreText('the zorblax plan', { lexicon: lex });
  assert.ok(z.score > 0);
  assert.deepEqual(z.hits.map((h) => [h.key, h.valence]), [['zorblax', 2.5]]);
  const plainChido = cx.scoreText('muy chido', { lexicon: lex, language: 'es' }).score;
  assert.ok(cx.scoreText('requete chido', { lexicon: lex, language: 'es' }).score > cx.scoreText('chido', { lexicon: lex, language: 'es' }).score);
  assert.ok(plainChido > 0);
  const empty = new cx.Lexicon({ base: 'empty' });
  assert.equal(empty.size('en'), 0);
  assert.ok(cx.Lexicon.builtin().size('es') >= 2000);
  assert.equal(cx.scoreText('great, thanks', { lexicon: empty }).label, 'neutral');
  // The same lexicon gives the same results in bulk and per transcript.
  assert.equal(cx.scoreTexts(['the zorblax plan'], { lexicon: lex }).scores[0], z.score);
  assert.equal(cx.scoreTranscript({ turns: [{ speaker: 'customer', text: 'the zorblax plan' }] }, { lexicon: lex }).turns[0].score, z.score);
  lex.free();
  throws(() => cx.scoreText('hi', { lexicon: lex }), 'invalid_option', { field: 'options.lexicon' });
  empty.free();
});

test('KeywordSet: scanText, scan, categories, TSV categories', () => {
  const set = cx.KeywordSet.builtin();
  assert.equal(set.categories.length, 10);
  assert.ok(set.patternCount > 100);
  const m = set.scanText('No quiero darme de baja, pero me cobraron dos veces');
  const names = m.map((x) => [x.category, x.negated]);
  assert.ok(names.some(([c, n]) => c === 'churn_risk' && n === true));
  assert.ok(names.some(([c, n]) => c === 'billing' && n === false));
  const cats = cx.KeywordSet.categoriesFromTsv('vip\ten\tgold member\nvip\tes\tsocio oro\n');
  assert.deepEqual(cats, [{ name: 'vip', phrases: ['gold member', 'socio oro'] }]);
  const vip = new cx.KeywordSet({ categories: cats, builtin: false });
  assert.deepEqual(vip.categories, ['vip']);
  const hit = vip.scanText('Soy Socio Oro desde 2019')[0];
  assert.deepEqual([hit.category, hit.phrase, hit.text, hit.startUtf16, hit.endUtf16], ['vip', 'socio oro', 'Socio Oro', 4, 13]);
  const report = vip.scan({ turns: [{ speaker: 'customer', text: 'gold member here' }] });
  assert.deepEqual(report.categories.vip, { count: 1, negated: 0, turns: [0] });
  throws(() => cx.KeywordSet.categoriesFromTsv('vip\tfr\tmembre or\n'), 'invalid_lexicon', undefined);
  throws(() => new cx.KeywordSet({ categories: [{ name: '', phrases: ['x'] }] }), 'invalid_value', undefined);
  vip.free();
});

test('accumulators: push, merge, state round trip', () => {
  const a = new cx.SentimentAccumulator();
  const ka = new cx.KeywordAccumulator();
  const r1 = cx.scoreTranscript(call, { keywords: 'builtin' });
  a.push(r1);
  ka.push(r1.keywords);
  const b = new cx.SentimentAccumulator();
  const r2 = cx.scoreTranscript({ turns: [{ speaker: 'customer', text: 'muy mal servicio' }] }, { keywords: 'builtin' });
  b.push(r2);
  a.merge(b);
  const s = a.finish();
  assert.equal(s.transcripts, 2);
  assert.equal(s.trend.improved, 1);
  assert.equal(s.speakers.customer.turns, 3);
  assert.ok(Math.abs(s.overall - (r1.overall + r2.overall) / 2) < 1e-6, `${s.overall}`);
  assert.ok(r1.overall > 0 && r2.overall < 0);
  const back = cx.SentimentAccumulator.fromJSON(JSON.parse(JSON.stringify(a)));
  assert.deepEqual(back.finish(), s);
  const kb = cx.KeywordAccumulator.fromJSON(JSON.parse(JSON.stringify(ka)));
  kb.merge(ka);
  const k = kb.finish();
  assert.equal(k.transcripts, 2);
  assert.deepEqual(k.categories.billing, { transcripts: 2, matches: 4, rate: 1 });
  throws(() => cx.SentimentAccumulator.fromJSON({ format: 'nope' }), 'invalid_state', undefined);
  throws(() => a.push({ turns: 'x' }), 'invalid_type', undefined);
});

test('bad input: typed errors, never a panic', () => {
  throws(() => cx.scoreText(''), 'empty_input', { field: 'text' });
  throws(() => cx.scoreText('   \n'), 'empty_input', undefined);
  throws(() => cx.scoreText(42), 'invalid_type', { field: 'text' });
  // A lone surrogate (a string cut inside an emoji) is named with its UTF-16 index...
  throws(() => cx.scoreText('great 😀'.slice(0, 7)), 'invalid_value', { field: 'text' });
  throws(() => cx.redact('ok \udc00 ok'), 'invalid_value', { field: 'text' });
  throws(
    () => cx.scoreTranscript({ turns: [{ speaker: 'agent', text: 'hi' }, { speaker: 'customer', text: 'bad \ud83d' }] }),
    'invalid_value',
    { field: 'turns[1].text', index: 1 },
  );
  throws(() => cx.scoreTexts(['ok', 'x\ud800']), 'invalid_value', { field: 'texts[1]', index: 1 });
  // ... while a real U+FFFD and well-formed text pass.
  assert.equal(cx.scoreText('great \ufffd').label, 'positive');
  assert.equal(cx.scoreText('great 😀'.slice(0, 7).toWellFormed()).label, 'positive');
  // Size limits.
  throws(() => cx.scoreText('ok '.repeat(400_000)), 'text_too_large', { field: 'text' });
  throws(() => cx.scoreText('ok thanks', { maxBytes: 4 }), 'text_too_large', { field: 'text' });
  throws(() => cx.redact('x'.repeat(20), { maxBytes: 10 }), 'text_too_large', { field: 'text' });
  const huge = { turns: [{ speaker: 'customer', text: 'a'.repeat(600_000) }, { speaker: 'agent', text: 'b'.repeat(600_000) }] };
  throws(() => cx.scoreTranscript(huge), 'text_too_large', undefined);
  assert.equal(cx.scoreTranscript(huge, { maxBytes: 2_000_000 }).turns.length, 2);
  // Transcripts.
  throws(() => cx.scoreTranscript({ turns: [{ speaker: 'robot', text: 'hi' }] }), 'invalid_value', { field: 'turns[0].speaker' });
  throws(() => cx.scoreTranscript({ turns: [] }), 'empty_input', { field: 'turns' });
  throws(() => cx.scoreTranscript({ turns: [{ speaker: 'agent' }] }), 'missing_field', undefined);
  throws(() => cx.scoreTranscript('hello'), 'invalid_type', { field: 'transcript' });
  // Options.
  throws(() => cx.scoreText('hi', { language: 'fr' }), 'invalid_option', undefined);
  throws(() => cx.scoreText('hi', { negationWindow: 0 }), 'invalid_option', { field: 'options.negationWindow' });
  throws(() => cx.scoreText('hi', { lexicon: {} }), 'invalid_option', { field: 'options.lexicon' });
  throws(() => cx.scoreText('hi', { keywords: 'builtin' }), 'invalid_option', undefined);
  throws(() => cx.scoreTranscript(call, { keywords: 'all' }), 'invalid_option', { field: 'options.keywords' });
  throws(() => cx.scoreTranscript(call, { redact: 'yes' }), 'invalid_option', { field: 'options.redact' });
  throws(() => cx.scoreTranscript(call, { redact: { types: ['NAME'] } }), 'invalid_option', { field: 'options.redact.types[0]' });
  throws(() => cx.redact('x', { types: [] }), 'invalid_option', { field: 'options.types' });
  // Lexicons.
  throws(() => new cx.Lexicon({ entries: { es: 'chido\t2.0\nfatal\tmuy\n' } }), 'invalid_lexicon', { field: 'entries.es', index: 2 });
  throws(() => new cx.Lexicon({ entries: { en: { wow: 9 } } }), 'invalid_lexicon', undefined);
  throws(() => new cx.Lexicon({ entries: { fr: {} } }), 'invalid_lexicon', undefined);
  throws(() => new cx.Lexicon({ modifiers: { en: 'so\tbooster\t0.3\n' } }), 'invalid_lexicon', { field: 'modifiers.en', index: 1 });
  throws(() => new cx.Lexicon({ base: 'vader' }), 'invalid_lexicon', undefined);
  // Every code used above is declared.
  for (const code of ['text_too_large', 'invalid_lexicon']) assert.equal(cx.errorInfo(code).status, code === 'text_too_large' ? 413 : 400);
});
