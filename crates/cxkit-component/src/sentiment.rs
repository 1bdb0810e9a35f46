//! The `sentiment` interface: transcripts, sentiment scores, keyword sets and PII records
//! between WIT and `cxkit_core::{model, sentiment, keywords, pii}`. Conversion only: every
//! rule, default and check is the core's.

use std::cell::RefCell;

use cxkit_core::keywords::{
    CategoryCount, ComplianceRule, Evidence, FailureReason, KeywordCategory, KeywordConfig,
    KeywordMatch, KeywordReport, KeywordSet as CoreKeywordSet, RuleKind, RuleResult,
};
use cxkit_core::model::{Language, LanguageChoice, Speaker, Transcript, Turn};
use cxkit_core::pii::{self, Entity, PiiType, RedactOptions, Redaction};
use cxkit_core::sentiment::{
    self, Hit, HitKind, Lexicon as CoreLexicon, QuarterBasis, SentimentLabel, SentimentOptions,
    SpeakerSentiment, Speakers, TextScore, TranscriptScore, Trend, TrendDirection, TurnScore,
};
use cxkit_core::{Error, ErrorCode};

use crate::Component;
use crate::bindings::exports::cxkit::metrics::sentiment as wit;
use crate::bindings::exports::cxkit::metrics::types::Error as WitError;
use crate::surveys::error;

impl wit::Guest for Component {
    type Lexicon = Lexicon;
    type KeywordSet = KeywordSet;

    fn score_text(
        text: String,
        options: wit::SentimentOptions,
    ) -> Result<wit::TextScore, WitError> {
        sentiment::score_text(&text, &sentiment_options(options))
            .map(text_score)
            .map_err(error)
    }

    fn score_transcript(
        transcript: wit::Transcript,
        options: wit::SentimentOptions,
    ) -> Result<wit::TranscriptScore, WitError> {
        sentiment::score_transcript(&to_transcript(transcript), &sentiment_options(options))
            .map(transcript_score)
            .map_err(error)
    }

    fn categories_from_tsv(tsv: String) -> Result<Vec<wit::KeywordCategory>, WitError> {
        CoreKeywordSet::categories_from_tsv(&tsv)
            .map(|l| l.into_iter().map(keyword_category).collect())
            .map_err(error)
    }

    fn detect_pii(
        text: String,
        options: wit::RedactOptions,
    ) -> Result<Vec<wit::PiiEntity>, WitError> {
        pii::detect(&text, &redact_options(options))
            .map(|l| l.into_iter().map(pii_entity).collect())
            .map_err(error)
    }

    fn redact(text: String, options: wit::RedactOptions) -> Result<wit::Redaction, WitError> {
        pii::redact(&text, &redact_options(options))
            .map(redaction)
            .map_err(error)
    }
}

// ---- resources -------------------------------------------------------------------------------

/// The `lexicon` resource. WIT methods take `&self`; the `RefCell` lets `add-entries` extend
/// the lexicon (a component instance runs one call at a time, so a borrow never conflicts).
pub(crate) struct Lexicon(RefCell<CoreLexicon>);

/// The error of a borrow that cannot fail in a single-threaded, non-reentrant component.
fn busy() -> WitError {
    error(Error::new(
        ErrorCode::Internal,
        "the lexicon is in use by another call",
    ))
}

impl wit::GuestLexicon for Lexicon {
    fn new() -> Self {
        Lexicon(RefCell::new(CoreLexicon::builtin()))
    }

    fn empty() -> wit::Lexicon {
        wit::Lexicon::new(Lexicon(RefCell::new(CoreLexicon::empty())))
    }

    fn add_entries(&self, language: wit::Language, tsv: String) -> Result<u32, WitError> {
        let mut lex = self.0.try_borrow_mut().map_err(|_| busy())?;
        lex.add_entries_tsv(to_language(language), &tsv)
            .map(count)
            .map_err(error)
    }

    fn add_modifiers(&self, language: wit::Language, tsv: String) -> Result<u32, WitError> {
        let mut lex = self.0.try_borrow_mut().map_err(|_| busy())?;
        lex.add_modifiers_tsv(to_language(language), &tsv)
            .map(count)
            .map_err(error)
    }

    fn valence(&self, language: wit::Language, term: String) -> Option<f64> {
        let lex = self.0.try_borrow().ok()?;
        lex.valence(to_language(language), &term)
    }

    fn size(&self, language: wit::Language) -> u32 {
        self.0
            .try_borrow()
            .map(|lex| count(lex.len(to_language(language))))
            .unwrap_or(0)
    }

    fn score_text(
        &self,
        text: String,
        options: wit::SentimentOptions,
    ) -> Result<wit::TextScore, WitError> {
        let lex = self.0.try_borrow().map_err(|_| busy())?;
        lex.score_text(&text, &sentiment_options(options))
            .map(text_score)
            .map_err(error)
    }

    fn score_transcript(
        &self,
        transcript: wit::Transcript,
        options: wit::SentimentOptions,
    ) -> Result<wit::TranscriptScore, WitError> {
        let lex = self.0.try_borrow().map_err(|_| busy())?;
        lex.score_transcript(&to_transcript(transcript), &sentiment_options(options))
            .map(transcript_score)
            .map_err(error)
    }
}

/// The `keyword-set` resource: a compiled core `KeywordSet`.
pub(crate) struct KeywordSet(CoreKeywordSet);

impl wit::GuestKeywordSet for KeywordSet {
    fn new(config: wit::KeywordConfig) -> Result<Self, WitError> {
        CoreKeywordSet::new(&keyword_config(config))
            .map(KeywordSet)
            .map_err(error)
    }

    fn builtin() -> Result<wit::KeywordSet, WitError> {
        CoreKeywordSet::builtin()
            .map(|s| wit::KeywordSet::new(KeywordSet(s)))
            .map_err(error)
    }

    fn category_names(&self) -> Vec<String> {
        self.0
            .category_names()
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    fn pattern_count(&self) -> u32 {
        count(self.0.pattern_count())
    }

    fn scan_text(&self, text: String) -> Result<Vec<wit::KeywordMatch>, WitError> {
        self.0
            .scan_text(&text)
            .map(|l| l.into_iter().map(keyword_match).collect())
            .map_err(error)
    }

    fn scan(&self, transcript: wit::Transcript) -> Result<wit::KeywordReport, WitError> {
        self.0
            .scan(&to_transcript(transcript))
            .map(keyword_report)
            .map_err(error)
    }
}

// ---- WIT -> core -------------------------------------------------------------------------

fn to_speaker(s: wit::Speaker) -> Speaker {
    match s {
        wit::Speaker::Customer => Speaker::Customer,
        wit::Speaker::Agent => Speaker::Agent,
        wit::Speaker::Bot => Speaker::Bot,
        wit::Speaker::System => Speaker::System,
    }
}

fn to_language(l: wit::Language) -> Language {
    match l {
        wit::Language::En => Language::En,
        wit::Language::Es => Language::Es,
    }
}

fn to_language_choice(l: wit::LanguageChoice) -> LanguageChoice {
    match l {
        wit::LanguageChoice::Auto => LanguageChoice::Auto,
        wit::LanguageChoice::En => LanguageChoice::En,
        wit::LanguageChoice::Es => LanguageChoice::Es,
    }
}

fn to_transcript(t: wit::Transcript) -> Transcript {
    Transcript {
        contact_id: t.contact_id,
        language: t.language.map(to_language_choice),
        turns: t
            .turns
            .into_iter()
            .map(|u| Turn {
                speaker: to_speaker(u.speaker),
                text: u.text,
                start_ms: u.start_ms,
                end_ms: u.end_ms,
                platform_sentiment: u.platform_sentiment,
            })
            .collect(),
    }
}

fn sentiment_options(o: wit::SentimentOptions) -> SentimentOptions {
    SentimentOptions {
        language: o.language.map(to_language_choice),
        fallback_language: o.fallback_language.map(to_language),
        positive_threshold: o.positive_threshold,
        negative_threshold: o.negative_threshold,
        mixed_threshold: o.mixed_threshold,
        negation_window: o.negation_window,
        max_bytes: o.max_bytes,
        hits: o.hits,
        late_weight: o.late_weight,
        trend_window: o.trend_window,
        trend_threshold: o.trend_threshold,
        quarters: o.quarters.map(|q| match q {
            wit::QuarterBasis::Auto => QuarterBasis::Auto,
            wit::QuarterBasis::Time => QuarterBasis::Time,
            wit::QuarterBasis::Turns => QuarterBasis::Turns,
        }),
    }
}

fn to_rule_kind(k: wit::RuleKind) -> RuleKind {
    match k {
        wit::RuleKind::MustSay => RuleKind::MustSay,
        wit::RuleKind::MustNotSay => RuleKind::MustNotSay,
    }
}

fn keyword_config(c: wit::KeywordConfig) -> KeywordConfig {
    KeywordConfig {
        categories: c
            .categories
            .into_iter()
            .map(|k| KeywordCategory {
                name: k.name,
                phrases: k.phrases,
                negation_aware: k.negation_aware,
                speakers: k.speakers.map(|l| l.into_iter().map(to_speaker).collect()),
            })
            .collect(),
        rules: c
            .rules
            .into_iter()
            .map(|r| ComplianceRule {
                name: r.name,
                kind: to_rule_kind(r.kind),
                phrases: r.phrases,
                speaker: r.speaker.map(to_speaker),
                within_turns: r.within_turns,
                within_seconds: r.within_seconds,
                negation_aware: r.negation_aware,
            })
            .collect(),
        builtin: c.builtin,
        max_bytes: c.max_bytes,
    }
}

fn to_pii_type(t: wit::PiiType) -> PiiType {
    match t {
        wit::PiiType::Email => PiiType::Email,
        wit::PiiType::Phone => PiiType::Phone,
        wit::PiiType::Card => PiiType::Card,
        wit::PiiType::Iban => PiiType::Iban,
        wit::PiiType::NationalId => PiiType::NationalId,
        wit::PiiType::Ssn => PiiType::Ssn,
    }
}

fn redact_options(o: wit::RedactOptions) -> RedactOptions {
    RedactOptions {
        types: o.types.map(|l| l.into_iter().map(to_pii_type).collect()),
        max_bytes: o.max_bytes.map(|n| n as usize),
    }
}

// ---- core -> WIT -------------------------------------------------------------------------

/// A count, offset or index as `u32`. Every string of a component lives in 32-bit linear
/// memory, so offsets into one always fit; the saturation is never reached.
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn speaker(s: Speaker) -> wit::Speaker {
    match s {
        Speaker::Customer => wit::Speaker::Customer,
        Speaker::Agent => wit::Speaker::Agent,
        Speaker::Bot => wit::Speaker::Bot,
        Speaker::System => wit::Speaker::System,
    }
}

fn language(l: Language) -> wit::Language {
    match l {
        Language::En => wit::Language::En,
        Language::Es => wit::Language::Es,
    }
}

fn label(l: SentimentLabel) -> wit::SentimentLabel {
    match l {
        SentimentLabel::Positive => wit::SentimentLabel::Positive,
        SentimentLabel::Negative => wit::SentimentLabel::Negative,
        SentimentLabel::Neutral => wit::SentimentLabel::Neutral,
        SentimentLabel::Mixed => wit::SentimentLabel::Mixed,
    }
}

fn hit(h: Hit) -> wit::Hit {
    wit::Hit {
        text: h.text,
        key: h.key,
        kind: match h.kind {
            HitKind::Word => wit::HitKind::Word,
            HitKind::Phrase => wit::HitKind::Phrase,
            HitKind::Emoji => wit::HitKind::Emoji,
            HitKind::Emoticon => wit::HitKind::Emoticon,
            HitKind::Implied => wit::HitKind::Implied,
        },
        start: count(h.start),
        end: count(h.end),
        start_utf16: count(h.start_utf16),
        end_utf16: count(h.end_utf16),
        valence: h.valence,
        contribution: h.contribution,
        negated: h.negated,
    }
}

fn hits(l: Vec<Hit>) -> Vec<wit::Hit> {
    l.into_iter().map(hit).collect()
}

fn text_score(s: TextScore) -> wit::TextScore {
    wit::TextScore {
        score: s.score,
        label: label(s.label),
        language: language(s.language),
        positive: s.positive,
        negative: s.negative,
        hits: hits(s.hits),
    }
}

fn turn_score(s: TurnScore) -> wit::TurnScore {
    wit::TurnScore {
        speaker: speaker(s.speaker),
        score: s.score,
        label: label(s.label),
        language: language(s.language),
        positive: s.positive,
        negative: s.negative,
        hits: hits(s.hits),
    }
}

fn speaker_sentiment(s: SpeakerSentiment) -> wit::SpeakerSentiment {
    wit::SpeakerSentiment {
        turns: count(s.turns),
        mean: s.mean,
        quarters: s.quarters.to_vec(),
    }
}

fn speakers(s: Speakers) -> wit::Speakers {
    wit::Speakers {
        customer: speaker_sentiment(s.customer),
        agent: speaker_sentiment(s.agent),
        bot: speaker_sentiment(s.bot),
        system: speaker_sentiment(s.system),
    }
}

fn trend(t: Trend) -> wit::Trend {
    wit::Trend {
        direction: match t.direction {
            TrendDirection::Improved => wit::TrendDirection::Improved,
            TrendDirection::Worsened => wit::TrendDirection::Worsened,
            TrendDirection::Flat => wit::TrendDirection::Flat,
        },
        start: t.start,
        end: t.end,
        change: t.change,
    }
}

fn transcript_score(s: TranscriptScore) -> wit::TranscriptScore {
    wit::TranscriptScore {
        language: language(s.language),
        turns: s.turns.into_iter().map(turn_score).collect(),
        speakers: speakers(s.speakers),
        overall: s.overall,
        trend: trend(s.trend),
    }
}

fn keyword_category(k: KeywordCategory) -> wit::KeywordCategory {
    wit::KeywordCategory {
        name: k.name,
        phrases: k.phrases,
        negation_aware: k.negation_aware,
        speakers: k.speakers.map(|l| l.into_iter().map(speaker).collect()),
    }
}

fn keyword_match(m: KeywordMatch) -> wit::KeywordMatch {
    wit::KeywordMatch {
        category: m.category,
        phrase: m.phrase,
        text: m.text,
        turn: m.turn.map(count),
        speaker: m.speaker.map(speaker),
        start: count(m.start),
        end: count(m.end),
        start_utf16: count(m.start_utf16),
        end_utf16: count(m.end_utf16),
        negated: m.negated,
    }
}

fn rule_kind(k: RuleKind) -> wit::RuleKind {
    match k {
        RuleKind::MustSay => wit::RuleKind::MustSay,
        RuleKind::MustNotSay => wit::RuleKind::MustNotSay,
    }
}

fn evidence(e: Evidence) -> wit::Evidence {
    wit::Evidence {
        turn: count(e.turn),
        phrase: e.phrase,
        text: e.text,
        start: count(e.start),
        end: count(e.end),
        start_utf16: count(e.start_utf16),
        end_utf16: count(e.end_utf16),
        start_ms: e.start_ms,
    }
}

fn rule_result(r: RuleResult) -> wit::RuleResult {
    wit::RuleResult {
        name: r.name,
        kind: rule_kind(r.kind),
        passed: r.passed,
        reason: r.reason.map(|f| match f {
            FailureReason::Missing => wit::FailureReason::Missing,
            FailureReason::Late => wit::FailureReason::Late,
            FailureReason::Said => wit::FailureReason::Said,
        }),
        evidence: r.evidence.map(evidence),
    }
}

fn category_count(category: String, c: CategoryCount) -> wit::CategoryCount {
    wit::CategoryCount {
        category,
        count: count(c.count),
        negated: count(c.negated),
        turns: c.turns.into_iter().map(count).collect(),
    }
}

fn keyword_report(r: KeywordReport) -> wit::KeywordReport {
    wit::KeywordReport {
        matches: r.matches.into_iter().map(keyword_match).collect(),
        categories: r
            .categories
            .into_iter()
            .map(|(name, c)| category_count(name, c))
            .collect(),
        compliance: r.compliance.into_iter().map(rule_result).collect(),
    }
}

fn pii_type(t: PiiType) -> wit::PiiType {
    match t {
        PiiType::Email => wit::PiiType::Email,
        PiiType::Phone => wit::PiiType::Phone,
        PiiType::Card => wit::PiiType::Card,
        PiiType::Iban => wit::PiiType::Iban,
        PiiType::NationalId => wit::PiiType::NationalId,
        PiiType::Ssn => wit::PiiType::Ssn,
    }
}

fn pii_entity(e: Entity) -> wit::PiiEntity {
    wit::PiiEntity {
        type_: pii_type(e.kind),
        value: e.value,
        start: count(e.start),
        end: count(e.end),
        start_utf16: count(e.start_utf16),
        end_utf16: count(e.end_utf16),
    }
}

fn redaction(r: Redaction) -> wit::Redaction {
    wit::Redaction {
        text: r.text,
        entities: r.entities.into_iter().map(pii_entity).collect(),
    }
}
