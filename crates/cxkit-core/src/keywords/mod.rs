//! Keyword categories and compliance checks over transcripts, in English and Spanish.
//!
//! # What it does
//!
//! A [`KeywordSet`] compiles **categories** (a name and its phrases) and **compliance rules**
//! once into one Aho–Corasick automaton ([`aho_corasick`], over folded text) and scans texts and
//! transcripts with it as often as needed:
//!
//! - **Matching.** Phrases and text are folded with [`crate::text::fold`] (case and accents do
//!   not matter: `reclamacion` matches "Reclamación") and match whole words only ("cancel"
//!   does not match "cancellation"), never across a clause boundary (`,` `;` `:` `.` `!` `?`
//!   brackets, dashes, new lines). Spans are given in bytes and in UTF-16 code units.
//! - **Negation-aware matching** (per category or rule, option `negationAware`): a match with a
//!   negator among the [`NEGATION_WINDOW`] words before it in its clause (`not`, `n't`, `never`,
//!   `no`, `without`…, `no`, `nunca`, `jamás`, `sin`, `ni`…: the negators of the sentiment
//!   lexicons) is reported with `negated: true` and not counted: "I don't want to cancel my
//!   account" is not a churn risk.
//! - **Speaker scope** (per category, option `speakers`): matches in turns of other speakers are
//!   ignored. Text scanned on its own (no speaker) is always in scope.
//! - Overlapping matches of one category count once (the longest wins: "cancel my account"
//!   over "cancel"); different categories may match the same words.
//!
//! **Built-in categories** (data file `data/lexicon/keywords.tsv`, English and Spanish, CC0):
//!
//! | category | scope | negation-aware |
//! |---|---|---|
//! | `escalation` (speak to a manager, formal complaint, hoja de reclamaciones) | customer | yes |
//! | `churn_risk` (cancel my account, switch provider, darme de baja, portabilidad) | customer | yes |
//! | `repeat_contact` (third time, already called, ya llamé, otra vez) | customer | yes |
//! | `transfer_complaint` (transferred again, wrong department, me pasan de un lado a otro) | customer | no |
//! | `praise` (very helpful, above and beyond, muy amable, atención de diez) | customer | yes |
//! | `thanks` (thank you, cheers, gracias, se lo agradezco) | customer | yes |
//! | `billing` (bill, charged twice, refund, factura, cobro indebido) | everyone | no |
//! | `delivery` (parcel, tracking number, not arrived, paquete, no me ha llegado) | everyone | no |
//! | `outage` (power cut, no signal, internet down, avería, sin servicio) | everyone | no |
//! | `legal_threat` (lawyer, small claims, ombudsman, abogado, denunciar, OCU) | customer | yes |
//!
//! A user category with a built-in name adds its phrases to it (and its `speakers` and
//! `negationAware`, when given, replace the built-in ones).
//!
//! # Compliance rules
//!
//! - `mustSay`: the rule's speaker (default the agent) must say one of the phrases, within
//!   their first `withinTurns` turns and/or within `withinSeconds` of the first timed turn
//!   (both deadlines apply when both are given). Pass: the first such turn is the evidence.
//!   Fail: `reason` is `missing`, or `late` with the late turn as evidence.
//! - `mustNotSay`: the speaker must never say any of the phrases. Fail: `reason` is `said`, with
//!   the first such turn as evidence.
//!
//! With `negationAware`, a negated mention neither satisfies a `mustSay` rule nor breaks a
//! `mustNotSay` rule ("I can't guarantee" is not "I guarantee").
//!
//! ```
//! use cxkit_core::keywords::{ComplianceRule, KeywordConfig, KeywordSet, RuleKind};
//! use cxkit_core::model::{Speaker, Transcript};
//!
//! let set = KeywordSet::new(&KeywordConfig {
//!     rules: vec![ComplianceRule::must_say(
//!         "recording disclosure",
//!         ["this call may be recorded", "esta llamada puede ser grabada"],
//!     )
//!     .within_turns(1)],
//!     ..Default::default()
//! })
//! .unwrap();
//! let t = Transcript::from_turns([
//!     (Speaker::Agent, "Hi, this call may be recorded. How can I help?"),
//!     (Speaker::Customer, "I want to cancel my account, this is the third time I call"),
//! ]);
//! let report = set.scan(&t).unwrap();
//! assert!(report.compliance[0].passed);
//! assert_eq!(report.categories["churn_risk"].count, 1);
//! assert_eq!(report.categories["repeat_contact"].count, 1);
//! ```

mod accumulator;

pub use accumulator::{
    CategorySummary, CategoryTally, KEYWORD_STATE_FORMAT, KeywordAccumulator, KeywordSummary,
    RuleSummary, RuleTally,
};

use std::collections::BTreeMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode, Result};
use crate::model::{Language, Speaker, Transcript};
use crate::sentiment::{Lexicon, Tokens, tokenize_into};
use crate::text::{excerpt, fold};

/// The built-in categories, `category<TAB>language<TAB>phrase` per line.
static BUILTIN_TSV: &str = include_str!("../../data/lexicon/keywords.tsv");

/// Words before a match that a negator may stand in, for negation-aware matching.
pub const NEGATION_WINDOW: usize = 3;

/// The longest phrase accepted, in bytes.
pub const MAX_PHRASE_BYTES: usize = 200;

/// The most phrases a set may hold (categories and rules together).
pub const MAX_PHRASES: usize = 100_000;

/// The largest text or transcript scanned by default (1 MiB), as for sentiment.
pub const DEFAULT_MAX_BYTES: usize = 1 << 20;

/// The built-in categories: name, speaker scope (`None`: everyone), negation-aware.
pub const BUILTIN_CATEGORIES: [(&str, Option<Speaker>, bool); 10] = [
    ("escalation", Some(Speaker::Customer), true),
    ("churn_risk", Some(Speaker::Customer), true),
    ("repeat_contact", Some(Speaker::Customer), true),
    ("transfer_complaint", Some(Speaker::Customer), false),
    ("praise", Some(Speaker::Customer), true),
    ("thanks", Some(Speaker::Customer), true),
    ("billing", None, false),
    ("delivery", None, false),
    ("outage", None, false),
    ("legal_threat", Some(Speaker::Customer), true),
];

/// A keyword category: a name and the phrases that signal it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KeywordCategory {
    /// The category's name (non-empty, unique in the set).
    pub name: String,
    /// Words or phrases, matched as whole words after folding.
    pub phrases: Vec<String>,
    /// Whether negated mentions are left out. Default `false` (built-ins: see the table).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub negation_aware: Option<bool>,
    /// The speakers whose turns count. Default: everyone (built-ins: see the table).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speakers: Option<Vec<Speaker>>,
}

impl KeywordCategory {
    /// A category from a name and phrases.
    pub fn new<S: Into<String>>(
        name: impl Into<String>,
        phrases: impl IntoIterator<Item = S>,
    ) -> Self {
        KeywordCategory {
            name: name.into(),
            phrases: phrases.into_iter().map(Into::into).collect(),
            negation_aware: None,
            speakers: None,
        }
    }
}

/// What a compliance rule requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RuleKind {
    /// One of the phrases must be said (within the deadlines, if any).
    MustSay,
    /// None of the phrases may be said.
    MustNotSay,
}

/// A compliance rule: script adherence ("must say the recording disclosure in the first turn")
/// or a banned list ("must never promise a refund").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ComplianceRule {
    /// The rule's name (non-empty, unique among the rules).
    pub name: String,
    /// `mustSay` or `mustNotSay`.
    pub kind: RuleKind,
    /// The accepted (or banned) phrasings.
    pub phrases: Vec<String>,
    /// Whose turns the rule is about. Default `agent`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<Speaker>,
    /// `mustSay`: within the speaker's first this many turns (≥ 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within_turns: Option<u32>,
    /// `mustSay`: within this many seconds of the first timed turn (`startMs`), ≥ 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within_seconds: Option<f64>,
    /// Whether negated mentions are left out. Default `false`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub negation_aware: Option<bool>,
}

impl ComplianceRule {
    /// A `mustSay` rule for the agent, with no deadline.
    pub fn must_say<S: Into<String>>(
        name: impl Into<String>,
        phrases: impl IntoIterator<Item = S>,
    ) -> Self {
        ComplianceRule {
            name: name.into(),
            kind: RuleKind::MustSay,
            phrases: phrases.into_iter().map(Into::into).collect(),
            speaker: None,
            within_turns: None,
            within_seconds: None,
            negation_aware: None,
        }
    }

    /// A `mustNotSay` rule for the agent.
    pub fn must_not_say<S: Into<String>>(
        name: impl Into<String>,
        phrases: impl IntoIterator<Item = S>,
    ) -> Self {
        ComplianceRule {
            kind: RuleKind::MustNotSay,
            ..ComplianceRule::must_say(name, phrases)
        }
    }

    /// Sets the turn deadline.
    pub fn within_turns(mut self, turns: u32) -> Self {
        self.within_turns = Some(turns);
        self
    }

    /// Sets the time deadline.
    pub fn within_seconds(mut self, seconds: f64) -> Self {
        self.within_seconds = Some(seconds);
        self
    }
}

/// What a [`KeywordSet`] is built from.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KeywordConfig {
    /// Your categories.
    #[serde(default)]
    pub categories: Vec<KeywordCategory>,
    /// Your compliance rules.
    #[serde(default)]
    pub rules: Vec<ComplianceRule>,
    /// Whether the built-in categories are included. Default `true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub builtin: Option<bool>,
    /// The largest text or transcript (sum of the turns' texts) scanned, in UTF-8 bytes.
    /// Default 1,048,576 (1 MiB); at most 2^30.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_bytes: Option<u32>,
}

/// One match.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KeywordMatch {
    /// The category.
    pub category: String,
    /// The phrase of the category that matched, as given.
    pub phrase: String,
    /// The matched text as written.
    pub text: String,
    /// The turn, when scanning a transcript.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub turn: Option<usize>,
    /// The turn's speaker, when scanning a transcript.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<Speaker>,
    /// Byte offset of the start in the text (of the turn).
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
    /// UTF-16 offset of the start.
    pub start_utf16: usize,
    /// UTF-16 offset of the end.
    pub end_utf16: usize,
    /// A negator precedes it (negation-aware categories only; such matches are not counted).
    pub negated: bool,
}

/// A category's matches over a transcript.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CategoryCount {
    /// Matches counted (not negated).
    pub count: usize,
    /// Negated matches (not counted).
    pub negated: usize,
    /// The turns with a counted match, in order, without repeats.
    pub turns: Vec<usize>,
}

/// Why a rule failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailureReason {
    /// `mustSay`: never said.
    Missing,
    /// `mustSay`: said, but after the deadline.
    Late,
    /// `mustNotSay`: said.
    Said,
}

/// Where a rule's evidence is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Evidence {
    /// The turn.
    pub turn: usize,
    /// The phrase of the rule that matched, as given.
    pub phrase: String,
    /// The matched text as written.
    pub text: String,
    /// Byte offset of the start in the turn's text.
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
    /// UTF-16 offset of the start.
    pub start_utf16: usize,
    /// UTF-16 offset of the end.
    pub end_utf16: usize,
    /// The turn's `startMs`, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_ms: Option<f64>,
}

/// The outcome of one compliance rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleResult {
    /// The rule's name.
    pub name: String,
    /// Its kind.
    pub kind: RuleKind,
    /// Whether the transcript complies.
    pub passed: bool,
    /// Why it failed (`null` when it passed).
    pub reason: Option<FailureReason>,
    /// The turn that satisfied a `mustSay` rule, was late for it, or broke a `mustNotSay` rule.
    pub evidence: Option<Evidence>,
}

/// Matches, per-category counts and rule outcomes for a transcript.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KeywordReport {
    /// Every category match, in turn and text order (negated ones included, flagged).
    pub matches: Vec<KeywordMatch>,
    /// Per category (every category of the set, with zero counts too).
    pub categories: BTreeMap<String, CategoryCount>,
    /// One result per rule, in the order of the rules.
    pub compliance: Vec<RuleResult>,
}

/// Who a pattern belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner {
    Category(u32),
    Rule(u32),
}

#[derive(Debug, Clone)]
struct Target {
    owner: Owner,
    /// Index of the phrase as given, in `phrases`.
    phrase: u32,
}

#[derive(Debug, Clone)]
struct Category {
    name: String,
    speakers: Option<Vec<Speaker>>,
    negation_aware: bool,
}

/// A compiled set of keyword categories and compliance rules. Build it once, scan with it many
/// times (it is `Send + Sync`).
#[derive(Debug, Clone)]
pub struct KeywordSet {
    automaton: AhoCorasick,
    /// Per automaton pattern: its owners.
    targets: Vec<Vec<Target>>,
    /// Phrases as given.
    phrases: Vec<String>,
    categories: Vec<Category>,
    rules: Vec<ComplianceRule>,
    negators: std::collections::HashSet<String>,
    max_bytes: usize,
}

/// A phrase after checking: (owner, text as given, folded).
type Pending = (Owner, String, String);

fn invalid(field: String, message: String) -> Error {
    Error::new(ErrorCode::InvalidValue, format!("{field}: {message}")).with_field(field)
}

fn check_phrase(field: &str, phrase: &str) -> Result<String> {
    if phrase.len() > MAX_PHRASE_BYTES {
        return Err(invalid(
            field.to_string(),
            format!(
                "the phrase \"{}\" is longer than {MAX_PHRASE_BYTES} bytes",
                excerpt(phrase)
            ),
        ));
    }
    let folded = fold(phrase);
    if folded.is_empty() {
        return Err(invalid(
            field.to_string(),
            format!(
                "the phrase \"{}\" has no letters or digits",
                excerpt(phrase)
            ),
        ));
    }
    Ok(folded)
}

/// The built-in categories' phrases, parsed once.
fn builtin_phrases() -> &'static [(usize, Language, String)] {
    static PARSED: OnceLock<Vec<(usize, Language, String)>> = OnceLock::new();
    PARSED.get_or_init(|| parse_category_tsv(BUILTIN_TSV, true).unwrap_or_default())
}

/// Parses `category<TAB>language<TAB>phrase` lines. With `builtin`, category names must be
/// built-in ones and are returned as their index in [`BUILTIN_CATEGORIES`].
fn parse_category_tsv(tsv: &str, builtin: bool) -> Result<Vec<(usize, Language, String)>> {
    let mut out = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut first = true;
    for (i, line) in tsv.lines().enumerate() {
        let n = i + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if first {
            first = false;
            if cols == ["category", "language", "phrase"] {
                continue;
            }
        }
        let bad = |msg: String| {
            Error::new(ErrorCode::InvalidLexicon, format!("line {n}: {msg}"))
                .with_field("categories")
                .with_index(n)
        };
        let [category, language, phrase] = cols.as_slice() else {
            return Err(bad(format!(
                "expected 3 tab-separated columns (category, language, phrase), got {}",
                cols.len()
            )));
        };
        let category = category.trim();
        if category.is_empty() {
            return Err(bad("the category is empty".to_string()));
        }
        let language = Language::parse(language.trim()).ok_or_else(|| {
            bad(format!(
                "language \"{}\" must be \"en\" or \"es\"",
                excerpt(language)
            ))
        })?;
        check_phrase("phrase", phrase).map_err(|e| bad(e.message))?;
        let index = if builtin {
            BUILTIN_CATEGORIES
                .iter()
                .position(|(name, _, _)| *name == category)
                .ok_or_else(|| bad(format!("unknown built-in category \"{category}\"")))?
        } else {
            match names.iter().position(|x| x == category) {
                Some(p) => p,
                None => {
                    names.push(category.to_string());
                    names.len() - 1
                }
            }
        };
        out.push((index, language, phrase.to_string()));
    }
    Ok(out)
}

impl KeywordSet {
    /// Compiles a set. Errors ([`ErrorCode::InvalidValue`] with the field, e.g.
    /// `categories[2].phrases[0]` or `rules[1].withinSeconds`): an empty or duplicate name, an
    /// empty or too long phrase, a category or rule without phrases, a deadline on a
    /// `mustNotSay` rule, `withinTurns` 0, a negative or non-finite `withinSeconds`; more than
    /// [`MAX_PHRASES`] phrases; an invalid `maxBytes` ([`ErrorCode::InvalidOption`]).
    ///
    /// ```
    /// use cxkit_core::keywords::{KeywordCategory, KeywordConfig, KeywordSet};
    /// let config = KeywordConfig {
    ///     categories: vec![KeywordCategory::new("", ["x"])],
    ///     ..Default::default()
    /// };
    /// let err = KeywordSet::new(&config).unwrap_err();
    /// assert_eq!(err.field.as_deref(), Some("categories[0].name"));
    /// ```
    pub fn new(config: &KeywordConfig) -> Result<KeywordSet> {
        let max_bytes = match config.max_bytes {
            None => DEFAULT_MAX_BYTES,
            Some(v @ 1..=0x4000_0000) => v as usize,
            Some(v) => {
                return Err(Error::option(
                    "maxBytes",
                    format!("options.maxBytes must be in 1–1073741824, got {v}"),
                ));
            }
        };
        let mut categories: Vec<Category> = Vec::new();
        let mut pending: Vec<Pending> = Vec::new();
        if config.builtin.unwrap_or(true) {
            for (name, scope, negation_aware) in BUILTIN_CATEGORIES {
                categories.push(Category {
                    name: name.to_string(),
                    speakers: scope.map(|s| vec![s]),
                    negation_aware,
                });
            }
            for (index, _, phrase) in builtin_phrases() {
                pending.push((Owner::Category(*index as u32), phrase.clone(), fold(phrase)));
            }
        }
        let builtin_count = categories.len();
        for (ci, c) in config.categories.iter().enumerate() {
            let field = format!("categories[{ci}]");
            if c.name.trim().is_empty() {
                return Err(invalid(
                    format!("{field}.name"),
                    "the name is empty".to_string(),
                ));
            }
            if c.phrases.is_empty() {
                return Err(invalid(
                    format!("{field}.phrases"),
                    "a category needs at least one phrase".to_string(),
                ));
            }
            let existing = categories.iter().position(|x| x.name == c.name);
            let index = match existing {
                Some(p) if p < builtin_count => {
                    // Extends a built-in category.
                    if let Some(cat) = categories.get_mut(p) {
                        if let Some(s) = &c.speakers {
                            cat.speakers = Some(s.clone());
                        }
                        if let Some(n) = c.negation_aware {
                            cat.negation_aware = n;
                        }
                    }
                    p
                }
                Some(_) => {
                    return Err(invalid(
                        format!("{field}.name"),
                        format!("the category \"{}\" is defined twice", excerpt(&c.name)),
                    ));
                }
                None => {
                    categories.push(Category {
                        name: c.name.clone(),
                        speakers: c.speakers.clone(),
                        negation_aware: c.negation_aware.unwrap_or(false),
                    });
                    categories.len() - 1
                }
            };
            for (pi, p) in c.phrases.iter().enumerate() {
                let folded = check_phrase(&format!("{field}.phrases[{pi}]"), p)?;
                pending.push((Owner::Category(index as u32), p.clone(), folded));
            }
        }
        for (ri, r) in config.rules.iter().enumerate() {
            let field = format!("rules[{ri}]");
            if r.name.trim().is_empty() {
                return Err(invalid(
                    format!("{field}.name"),
                    "the name is empty".to_string(),
                ));
            }
            if config
                .rules
                .iter()
                .take(ri)
                .any(|other| other.name == r.name)
            {
                return Err(invalid(
                    format!("{field}.name"),
                    format!("the rule \"{}\" is defined twice", excerpt(&r.name)),
                ));
            }
            if r.phrases.is_empty() {
                return Err(invalid(
                    format!("{field}.phrases"),
                    "a rule needs at least one phrase".to_string(),
                ));
            }
            if r.kind == RuleKind::MustNotSay
                && (r.within_turns.is_some() || r.within_seconds.is_some())
            {
                return Err(invalid(
                    format!("{field}.kind"),
                    "withinTurns and withinSeconds apply to mustSay rules only".to_string(),
                ));
            }
            if r.within_turns == Some(0) {
                return Err(invalid(
                    format!("{field}.withinTurns"),
                    "must be at least 1".to_string(),
                ));
            }
            if let Some(s) = r.within_seconds
                && !(s.is_finite() && s >= 0.0)
            {
                return Err(invalid(
                    format!("{field}.withinSeconds"),
                    format!("must be a finite number ≥ 0, got {s}"),
                ));
            }
            for (pi, p) in r.phrases.iter().enumerate() {
                let folded = check_phrase(&format!("{field}.phrases[{pi}]"), p)?;
                pending.push((Owner::Rule(ri as u32), p.clone(), folded));
            }
        }
        if pending.len() > MAX_PHRASES {
            return Err(invalid(
                "categories".to_string(),
                format!(
                    "{} phrases, more than the limit of {MAX_PHRASES}",
                    pending.len()
                ),
            ));
        }
        // One automaton pattern per distinct folded phrase, padded with spaces so that it
        // matches whole words only.
        let mut patterns: Vec<String> = Vec::new();
        let mut by_pattern: std::collections::HashMap<String, usize> =
            std::collections::HashMap::new();
        let mut targets: Vec<Vec<Target>> = Vec::new();
        let mut phrases: Vec<String> = Vec::with_capacity(pending.len());
        for (owner, phrase, folded) in pending {
            let padded = format!(" {folded} ");
            let pi = *by_pattern.entry(padded.clone()).or_insert_with(|| {
                patterns.push(padded);
                targets.push(Vec::new());
                patterns.len() - 1
            });
            let target = Target {
                owner,
                phrase: phrases.len() as u32,
            };
            phrases.push(phrase);
            if let Some(t) = targets.get_mut(pi)
                && !t.iter().any(|x| x.owner == owner)
            {
                t.push(target);
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .map_err(|e| {
                Error::new(
                    ErrorCode::InvalidValue,
                    format!("the phrases cannot be compiled: {e}"),
                )
                .with_field("categories")
            })?;
        let lex = Lexicon::builtin_ref();
        let mut negators: std::collections::HashSet<String> = lex
            .en
            .negators
            .keys()
            .chain(lex.es.negators.keys())
            .map(|k| k.to_string())
            .collect();
        // The "t" of English "n't" ("don't" folds to "don t").
        negators.insert("t".to_string());
        Ok(KeywordSet {
            automaton,
            targets,
            phrases,
            categories,
            rules: config.rules.clone(),
            negators,
            max_bytes,
        })
    }

    /// The built-in categories only (the same as `KeywordSet::new(&KeywordConfig::default())`).
    pub fn builtin() -> Result<KeywordSet> {
        KeywordSet::new(&KeywordConfig::default())
    }

    /// Builds categories from TSV (`category<TAB>language<TAB>phrase`, an optional header,
    /// `#` comments; the format of `data/lexicon/keywords.tsv`). Errors:
    /// [`ErrorCode::InvalidLexicon`] with the 1-based line number as `index`.
    ///
    /// ```
    /// use cxkit_core::keywords::KeywordSet;
    /// let cats = KeywordSet::categories_from_tsv("vip\ten\tgold member\nvip\tes\tsocio oro\n").unwrap();
    /// assert_eq!(cats[0].phrases, ["gold member", "socio oro"]);
    /// let err = KeywordSet::categories_from_tsv("vip\tfr\tmembre or\n").unwrap_err();
    /// assert_eq!((err.code.as_str(), err.index), ("invalid_lexicon", Some(1)));
    /// ```
    pub fn categories_from_tsv(tsv: &str) -> Result<Vec<KeywordCategory>> {
        let rows = parse_category_tsv(tsv, false)?;
        let mut out: Vec<KeywordCategory> = Vec::new();
        let mut names: Vec<String> = Vec::new();
        for line in tsv.lines() {
            let c = line.split('\t').next().unwrap_or("").trim();
            if line.starts_with('#') || line.trim().is_empty() || c == "category" {
                continue;
            }
            if !names.iter().any(|n| n == c) {
                names.push(c.to_string());
            }
        }
        for (index, _, phrase) in rows {
            if out.len() <= index {
                out.resize_with(index + 1, KeywordCategory::default);
            }
            if let (Some(cat), Some(name)) = (out.get_mut(index), names.get(index)) {
                cat.name.clone_from(name);
                cat.phrases.push(phrase);
            }
        }
        Ok(out)
    }

    /// The names of the categories, in order (built-ins first).
    pub fn category_names(&self) -> Vec<&str> {
        self.categories.iter().map(|c| c.name.as_str()).collect()
    }

    /// Number of distinct patterns compiled.
    pub fn pattern_count(&self) -> usize {
        self.targets.len()
    }

    /// The category matches in one text (no speaker: every category is in scope).
    /// Errors: [`ErrorCode::TextTooLarge`] above `maxBytes`.
    ///
    /// ```
    /// use cxkit_core::keywords::KeywordSet;
    /// let set = KeywordSet::builtin().unwrap();
    /// let m = set.scan_text("No quiero darme de baja, pero me cobraron dos veces").unwrap();
    /// let names: Vec<_> = m.iter().map(|m| (m.category.as_str(), m.negated)).collect();
    /// assert!(names.contains(&("churn_risk", true)));
    /// assert!(names.contains(&("billing", false)));
    /// ```
    pub fn scan_text(&self, text: &str) -> Result<Vec<KeywordMatch>> {
        if text.len() > self.max_bytes {
            return Err(too_large(text.len(), self.max_bytes, "text"));
        }
        let mut scratch = Scan::default();
        let mut out = Vec::new();
        self.scan_one(text, &mut scratch, |raw| {
            if let Owner::Category(c) = raw.owner
                && let Some(cat) = self.categories.get(c as usize)
            {
                out.push(self.to_match(cat, raw, text, None, None));
            }
        });
        dedupe(&mut out);
        Ok(out)
    }

    /// Scans a transcript: category matches per turn (speaker scope applied), counts, and the
    /// compliance rules. Errors: [`ErrorCode::TextTooLarge`] above `maxBytes` (the sum of the
    /// turns' texts, each turn counting at least one byte); the transcript checks of
    /// [`Transcript::validate`]; [`ErrorCode::MissingField`] when a rule has `withinSeconds`
    /// and a turn of its speaker that matters has no `startMs`.
    pub fn scan(&self, transcript: &Transcript) -> Result<KeywordReport> {
        let size = transcript
            .turns
            .iter()
            .fold(0usize, |a, t| a.saturating_add(t.text.len().max(1)));
        if size > self.max_bytes {
            return Err(too_large(size, self.max_bytes, "turns"));
        }
        transcript.validate()?;
        let mut scratch = Scan::default();
        let mut matches: Vec<KeywordMatch> = Vec::new();
        // Per rule: (turn, raw match) of every non-negated (or any, if not negation-aware)
        // mention, in order.
        let mut mentions: Vec<Vec<(usize, Raw)>> = vec![Vec::new(); self.rules.len()];
        for (ti, turn) in transcript.turns.iter().enumerate() {
            let before = matches.len();
            self.scan_one(&turn.text, &mut scratch, |raw| match raw.owner {
                Owner::Category(c) => {
                    if let Some(cat) = self.categories.get(c as usize)
                        && cat
                            .speakers
                            .as_ref()
                            .is_none_or(|s| s.contains(&turn.speaker))
                    {
                        matches.push(self.to_match(
                            cat,
                            raw,
                            &turn.text,
                            Some(ti),
                            Some(turn.speaker),
                        ));
                    }
                }
                Owner::Rule(r) => {
                    if let Some(rule) = self.rules.get(r as usize)
                        && turn.speaker == rule.speaker.unwrap_or(Speaker::Agent)
                        && !(raw.negated && rule.negation_aware.unwrap_or(false))
                        && let Some(m) = mentions.get_mut(r as usize)
                    {
                        m.push((ti, raw));
                    }
                }
            });
            if let Some(tail) = matches.get_mut(before..) {
                let mut v = tail.to_vec();
                dedupe(&mut v);
                matches.truncate(before);
                matches.extend(v);
            }
        }
        let mut categories: BTreeMap<String, CategoryCount> = self
            .categories
            .iter()
            .map(|c| (c.name.clone(), CategoryCount::default()))
            .collect();
        for m in &matches {
            if let Some(c) = categories.get_mut(&m.category) {
                if m.negated {
                    c.negated += 1;
                } else {
                    c.count += 1;
                    if let Some(t) = m.turn
                        && c.turns.last() != Some(&t)
                    {
                        c.turns.push(t);
                    }
                }
            }
        }
        for m in &mut mentions {
            m.sort_by_key(|(turn, raw)| (*turn, raw.start));
        }
        let mut compliance = Vec::with_capacity(self.rules.len());
        for (rule, found) in self.rules.iter().zip(&mentions) {
            compliance.push(self.judge(rule, found, transcript)?);
        }
        Ok(KeywordReport {
            matches,
            categories,
            compliance,
        })
    }

    fn judge(
        &self,
        rule: &ComplianceRule,
        found: &[(usize, Raw)],
        t: &Transcript,
    ) -> Result<RuleResult> {
        let evidence = |(turn, raw): &(usize, Raw)| {
            let tt = t.turns.get(*turn);
            let text = tt.map_or("", |x| x.text.as_str());
            Evidence {
                turn: *turn,
                phrase: self
                    .phrases
                    .get(raw.phrase as usize)
                    .cloned()
                    .unwrap_or_default(),
                text: text.get(raw.start..raw.end).unwrap_or("").to_string(),
                start: raw.start,
                end: raw.end,
                start_utf16: raw.start16,
                end_utf16: raw.end16,
                start_ms: tt.and_then(|x| x.start_ms),
            }
        };
        let result =
            |passed: bool, reason: Option<FailureReason>, ev: Option<Evidence>| RuleResult {
                name: rule.name.clone(),
                kind: rule.kind,
                passed,
                reason,
                evidence: ev,
            };
        match rule.kind {
            RuleKind::MustNotSay => Ok(match found.first() {
                Some(f) => result(false, Some(FailureReason::Said), Some(evidence(f))),
                None => result(true, None, None),
            }),
            RuleKind::MustSay => {
                let Some(first) = found.first() else {
                    return Ok(result(false, Some(FailureReason::Missing), None));
                };
                let speaker = rule.speaker.unwrap_or(Speaker::Agent);
                let on_time = |turn: usize| -> Result<bool> {
                    if let Some(n) = rule.within_turns {
                        let nth = t
                            .turns
                            .iter()
                            .take(turn + 1)
                            .filter(|x| x.speaker == speaker)
                            .count();
                        if nth > n as usize {
                            return Ok(false);
                        }
                    }
                    if let Some(secs) = rule.within_seconds {
                        let t0 = t.turns.iter().find_map(|x| x.start_ms);
                        let at = t.turns.get(turn).and_then(|x| x.start_ms);
                        let (Some(t0), Some(at)) = (t0, at) else {
                            return Err(Error::new(
                                ErrorCode::MissingField,
                                format!(
                                    "turns[{turn}].startMs is required by rule \"{}\" (withinSeconds)",
                                    excerpt(&rule.name)
                                ),
                            )
                            .with_field(format!("turns[{turn}].startMs"))
                            .with_index(turn));
                        };
                        if at - t0 > secs * 1000.0 {
                            return Ok(false);
                        }
                    }
                    Ok(true)
                };
                if on_time(first.0)? {
                    Ok(result(true, None, Some(evidence(first))))
                } else {
                    Ok(result(
                        false,
                        Some(FailureReason::Late),
                        Some(evidence(first)),
                    ))
                }
            }
        }
    }

    fn to_match(
        &self,
        cat: &Category,
        raw: Raw,
        text: &str,
        turn: Option<usize>,
        speaker: Option<Speaker>,
    ) -> KeywordMatch {
        KeywordMatch {
            category: cat.name.clone(),
            phrase: self
                .phrases
                .get(raw.phrase as usize)
                .cloned()
                .unwrap_or_default(),
            text: text.get(raw.start..raw.end).unwrap_or("").to_string(),
            turn,
            speaker,
            start: raw.start,
            end: raw.end,
            start_utf16: raw.start16,
            end_utf16: raw.end16,
            negated: raw.negated && cat.negation_aware,
        }
    }

    /// Finds every (owner, phrase) match in one text.
    fn scan_one(&self, text: &str, s: &mut Scan, mut emit: impl FnMut(Raw)) {
        if self.targets.is_empty() {
            return;
        }
        tokenize_into(text, None, &mut s.toks);
        // The haystack: " w1 w2 | w3 " — words separated by single spaces, clauses by " | ".
        s.hay.clear();
        s.starts.clear();
        s.hay.push(' ');
        let mut prev_clause = None;
        s.words.clear();
        for (i, t) in s.toks.toks.iter().enumerate() {
            if !t.is_word() {
                continue;
            }
            if prev_clause.is_some_and(|c| c != t.clause) {
                s.hay.push_str("| ");
            }
            prev_clause = Some(t.clause);
            s.starts.push(s.hay.len() as u32);
            s.words.push(i as u32);
            s.hay.push_str(s.toks.key(t));
            s.hay.push(' ');
        }
        for m in self.automaton.find_overlapping_iter(&s.hay) {
            let (a, b) = (m.start() + 1, m.end() - 1);
            let Ok(first) = s.starts.binary_search(&(a as u32)) else {
                continue;
            };
            // The last word is the one starting at or before `b`.
            let last = match s.starts.binary_search(&(b as u32)) {
                Ok(p) => p.saturating_sub(1),
                Err(p) => p.saturating_sub(1),
            };
            let (Some(&tf), Some(&tl)) = (s.words.get(first), s.words.get(last)) else {
                continue;
            };
            let (Some(t0), Some(t1)) = (s.toks.toks.get(tf as usize), s.toks.toks.get(tl as usize))
            else {
                continue;
            };
            let negated = self.negated_before(s, first);
            for target in self
                .targets
                .get(m.pattern().as_usize())
                .into_iter()
                .flatten()
            {
                emit(Raw {
                    owner: target.owner,
                    phrase: target.phrase,
                    start: t0.start as usize,
                    end: t1.end as usize,
                    start16: t0.start16 as usize,
                    end16: t1.end16 as usize,
                    negated,
                });
            }
        }
    }

    /// Whether a negator stands among the [`NEGATION_WINDOW`] words before word `w` (an index
    /// into `Scan::words`), in its clause.
    fn negated_before(&self, s: &Scan, w: usize) -> bool {
        let Some(&ti) = s.words.get(w) else {
            return false;
        };
        let Some(clause) = s.toks.toks.get(ti as usize).map(|t| t.clause) else {
            return false;
        };
        (1..=NEGATION_WINDOW.min(w)).any(|k| {
            s.words
                .get(w - k)
                .and_then(|&i| s.toks.toks.get(i as usize))
                .is_some_and(|t| t.clause == clause && self.negators.contains(s.toks.key(t)))
        })
    }
}

/// A match before it is turned into a result.
#[derive(Debug, Clone, Copy)]
struct Raw {
    owner: Owner,
    phrase: u32,
    start: usize,
    end: usize,
    start16: usize,
    end16: usize,
    negated: bool,
}

/// Scratch buffers of a scan.
#[derive(Default)]
struct Scan {
    toks: Tokens,
    hay: String,
    /// Start of each word in `hay`.
    starts: Vec<u32>,
    /// Token index of each word.
    words: Vec<u32>,
}

/// Sorts matches by position and drops, within a category, matches contained in a longer one.
fn dedupe(v: &mut Vec<KeywordMatch>) {
    v.sort_by(|a, b| {
        (a.turn, a.start, std::cmp::Reverse(a.end), &a.category).cmp(&(
            b.turn,
            b.start,
            std::cmp::Reverse(b.end),
            &b.category,
        ))
    });
    let mut kept: Vec<KeywordMatch> = Vec::with_capacity(v.len());
    for m in v.drain(..) {
        let inside = kept.iter().any(|k| {
            k.category == m.category && k.turn == m.turn && k.start <= m.start && m.end <= k.end
        });
        if !inside {
            kept.push(m);
        }
    }
    *v = kept;
}

fn too_large(size: usize, limit: usize, field: &str) -> Error {
    Error::new(
        ErrorCode::TextTooLarge,
        format!("{field} has {size} bytes, more than the limit of {limit} (maxBytes)"),
    )
    .with_field(field)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_data_parses_and_covers_every_category() {
        let rows = parse_category_tsv(BUILTIN_TSV, true).unwrap();
        assert!(rows.len() > 500, "{}", rows.len());
        for (i, (name, _, _)) in BUILTIN_CATEGORIES.iter().enumerate() {
            for lang in Language::ALL {
                assert!(
                    rows.iter().filter(|r| r.0 == i && r.1 == lang).count() >= 10,
                    "{name} {lang:?}"
                );
            }
        }
        let set = KeywordSet::builtin().unwrap();
        assert_eq!(set.category_names().len(), 10);
    }
}
