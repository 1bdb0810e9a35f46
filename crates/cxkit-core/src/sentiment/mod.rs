//! Transcript sentiment in English and Spanish: a lexicon-and-rules scorer of cxkit's own.
//!
//! [`score_text`] scores one text, [`score_transcript`] a call or chat [`Transcript`]: per turn a
//! score in −1..1, a label (`positive`, `negative`, `neutral`, `mixed`) and the **hits** (the
//! words, phrases, emoji and emoticons that matched, with their byte and UTF-16 spans and what
//! each contributed), then per speaker a mean and a score per quarter of the conversation
//! (−5..5), the customer's overall score (−100..100, later turns weighing more) and the
//! customer's start-to-end **trend**. A [`Lexicon`] holds the word lists: the built-in one, or
//! yours ([`Lexicon::add_entries_tsv`]); build it once and reuse it.
//!
//! ```
//! use cxkit_core::model::{Speaker, Transcript};
//! use cxkit_core::sentiment::{score_text, score_transcript, SentimentLabel, SentimentOptions, TrendDirection};
//!
//! let o = SentimentOptions::default();
//! let r = score_text("El técnico fue muy amable, pero sigo sin internet", &o).unwrap();
//! assert_eq!(r.label, SentimentLabel::Mixed);
//! assert!(r.score < 0.0);
//!
//! let t = Transcript::from_turns([
//!     (Speaker::Customer, "I've been charged twice, this is ridiculous"),
//!     (Speaker::Agent, "I'm sorry, I've refunded the second charge."),
//!     (Speaker::Customer, "brilliant, thank you so much!"),
//! ]);
//! let r = score_transcript(&t, &o).unwrap();
//! assert_eq!(r.trend.direction, TrendDirection::Improved);
//! assert!(r.overall.unwrap() > 0.0);
//! ```
//!
//! # Data
//!
//! The lexicons are data files compiled into the binary by `build.rs` (`data/lexicon/`, whose
//! README gives sources, licences and how the entries were written): for English the VADER
//! lexicon (Hutto & Gilbert, "VADER: A Parsimonious Rule-based Model for Sentiment Analysis of
//! Social Media Text", ICWSM 2014; MIT) with cxkit's contact-centre layer over it, for Spanish
//! cxkit's own lexicon (CC0), and for both languages modifier lists (negators, intensifiers,
//! dampeners, contrast and concessive connectives, stop-negation sequences). Valences are on
//! VADER's −4..4 scale. The engine's code is cxkit's own; some constants are VADER's published
//! values, named below.
//!
//! # The algorithm, step by step
//!
//! 1. **Checks.** An empty or blank text is [`ErrorCode::EmptyInput`](crate::ErrorCode); a text
//!    (a transcript: the sum of its turns, each at least one byte) above `maxBytes` is
//!    [`ErrorCode::TextTooLarge`](crate::ErrorCode). Blank turns of a transcript score 0.
//! 2. **Tokens** ([`tokenize`]). Words are runs of letters and digits folded as
//!    [`crate::text::fold`] folds them (lower case, no accents: `atención` = `atencion`); an
//!    emoji is one token with its skin tone, variation selector and zero-width-joined parts
//!    (`🤦🏽‍♀️` is looked up as `🤦`); emoticons (`:)`, `XD`, `¬¬`) are tokens when they stand alone
//!    or end a word (`gracias:)`). `, ; :` brackets and spaced dashes end a **clause**; `. ! ?
//!    … ¿ ¡` and new lines end a **sentence** (not the point of `3.50`). Tokens remember their
//!    byte and UTF-16 spans, whether they are ALL CAPS (three or more capitals, no lower case),
//!    Title Case, elongated (a letter three times or more) or inside quotation marks.
//! 3. **Language.** `en` or `es` as given; `auto` counts function words of each language
//!    ([`MIXED_MIN_EVIDENCE`], [`MIXED_MIN_SHARE`], module `language`): a transcript takes the
//!    language with more evidence over all its turns (ties: `fallbackLanguage`, default `en`); a
//!    turn whose own evidence for the other language is at least 2 and more than twice the
//!    evidence for the transcript's language is scored in the other language; a turn with
//!    evidence for both (code-switching) looks words up in its language first, then in the other.
//! 4. **Normalisation.** Laughter (`jajajaja`, `jsjsjs`, `hahaha`) becomes a listed form;
//!    elongated words become the spelling the lexicon knows (`muuuy` → `muy`, `graciasss` →
//!    `gracias`; in Spanish, whose words never end in a doubled letter, also `buenoo`); chat
//!    spellings of neutral words become the words (`q` → `que`, `xq`/`pq` → `porque`, `x` →
//!    `por`, `tb` → `también`, `xfa` → `por favor`; `u` → `you`, `pls` → `please`, `tho` →
//!    `though`). Spellings that carry attitude (`grax`, `tqm`, `hdp`, `wtf`) are lexicon entries.
//! 5. **Longest match.** At each token the longest lexicon or modifier entry wins (`no está
//!    nada mal` over `mal`, `sin embargo` over `sin`, `un poco` over `poco`); phrases never
//!    cross a clause boundary. Entries with valence 0 and entries tagged `blocker` (greetings,
//!    formulas, product words: `buenos días`, `thank you for calling`, `credit card`) only
//!    consume their words. A word that is both a lexicon entry and a modifier (`bien`, `so`,
//!    `pretty`) modifies when a sentiment word follows at once, and scores on its own otherwise.
//! 6. **Rules per hit**, in this order:
//!    - *Literal uses* score nothing: words inside quotation marks (names, error texts, scare
//!      quotes: `"Perfect Fit"`, `'Error crítico'`) and words of a Title Case name in the middle
//!      of a sentence (`the Fixed Saver tariff`, `modelo Luz Feliz`).
//!    - *English `like`* counts as the verb only after a subject, an auxiliary, a negator or
//!      an adverb ("I like", "don't like", "really like"); as a preposition or filler ("it felt
//!      like", "like 5 strings") it scores nothing.
//!    - *Irrealis*: a positive word in a question, or after a modal, conditional or
//!      expectation verb in its clause (`would`, `could`, `if`, `hope`, `expected`; `podría`,
//!      `ojalá`, `esperaba`), scores nothing: it describes what is asked or hoped for, not what
//!      happened ("it would be great if…", "I expected better"). After the irrealis blocking of
//!      Taboada et al., "Lexicon-Based Methods for Sentiment Analysis", *Computational
//!      Linguistics* 37(2), 2011; negative words keep their weight (indignant questions are
//!      complaints).
//!    - *Intensifiers and dampeners* among the [`BOOST_WINDOW`] (3) words before the hit, in its
//!      clause and after any previous hit, add their factor to its magnitude (`very` +0.293,
//!      `a bit` −0.293: VADER's values, in the modifier files); a dampened hit keeps at least
//!      [`DAMPEN_FLOOR`] (20 %) of its magnitude.
//!    - *ALL CAPS* adds [`CAPS_BOOST`] (0.733, VADER's) when every word of the hit is in
//!      capitals and the text also has lower-case words (shouting a whole message emphasises
//!      nothing in particular); an elongated word adds [`ELONGATION_BOOST`] (0.293).
//!    - *Negation*: a negator among the `negationWindow` (default 3) words before the hit, in
//!      its clause and after any previous hit, multiplies it by its factor (−0.74, VADER's;
//!      weak negators such as `barely`, `apenas`, `poco` −0.5/−0.6). Several negators are one
//!      negation (Spanish negative concord: `no estoy nada contento`). Spanish clitics (`me`,
//!      `lo`…), English contraction endings (`'s`, `'ve`) and negative-polarity items (`any`,
//!      `ever`) do not count towards the window; an English subject pronoun after the negator
//!      ends its scope ("no, that's perfect"), except after a neg-raising verb ("I don't
//!      think it was helpful", window + [`NEG_RAISING_EXTRA`]); a phrase that ends with a
//!      negator ("still doesn't") negates what follows it ([`NEG_TAIL_FACTOR`]); a negation
//!      carries over `or`,
//!      `nor`, `o`, `ni` to the next hit. A phrase that contains a negator keeps its own
//!      polarity (`no tengo ninguna queja` +1.8, `not good enough` −2.3). A negated negative
//!      word flips to a weaker positive, × [`NEGATED_NEGATIVE_SCALE`] (0.5): "not angry" is not
//!      praise (Taboada et al. 2011 make the same observation with their shift negation).
//!    - *Comparisons against the thing talked about*: a positive word followed by "than" (or,
//!      within one word, "better service than") and a pronoun or demonstrative ("better than
//!      this", "mejor que ustedes") says the thing talked about is the worse one: it is negated
//!      with [`COMPARISON_FACTOR`] (−0.74).
//!    - *Contrast and concession* ([Polanyi & Zaenen, "Contextual Valence Shifters", 2006]):
//!      after a contrast marker (`but`, `however`, `pero`, `sin embargo`: factor 1.5, weaker
//!      ones 1.3, from the modifier files) the rest of its sentence weighs `factor` and what
//!      comes before it in the sentence `2 − factor` (a marker that opens its sentence
//!      contrasts with the previous sentence). A concessive connective (`although`, `aunque`,
//!      `a pesar de`: factor 0.5) that opens its sentence concedes its clause (× 0.5) and
//!      stresses the main clause after it (× 1.5); after the main clause it works as a
//!      contrast; `though` closing a clause marks that clause as the contrasting one. A hit
//!      before a later marker is conceded; the nearest marker decides.
//!
//!    Emoji and emoticons take only the contrast weights; blockers take none of the boosts.
//! 7. **Emoji, emoticons and laughter** are evidence, but the words win when they disagree
//!    (the labelling guideline: a "lol" on a complaint is still a complaint): when their sum and
//!    the words' sum have opposite signs they are scaled by [`SYMBOL_DISAGREE_SCALE`] (0.25).
//! 8. **Implied complaint.** A contrast marker after praise that opens a clause of more than
//!    [`IMPLIED_MIN_WORDS`] words with no sentiment word of its own ("the agent was lovely,
//!    but I waited two hours") implies a complaint: [`IMPLIED_CONTRAST`] (1.0) × the marker's
//!    weight, reported as an [`HitKind::Implied`] hit on the marker.
//! 9. **Sum and score.** `s` = the sum of the contributions, plus [`EXCLAMATION_BOOST`] (0.292)
//!    per `!` (at most [`MAX_EXCLAMATIONS`]) and, with two or more `?`, [`QUESTION_BOOST`]
//!    (0.18) per `?` (at most [`MAX_QUESTIONS`]), in the direction of `s` (VADER's constants);
//!    **score** = `s / √(s² + α)` with α = [`ALPHA`] (15, VADER's normalisation).
//! 10. **Label.** `mixed` when the positive and the negative contributions both reach
//!     `mixedThreshold` (default 1.0) and the weaker is at least [`MIXED_BALANCE`] (⅓) of the
//!     stronger; otherwise `positive` when score ≥ `positiveThreshold`, `negative` when score ≤
//!     −`negativeThreshold` (both default 0.25), else `neutral`. 0.25 is the score of a sum of
//!     1.0: two formulaic words ("ok, thanks" = 0.3 + 0.6) stay neutral, as the labelling
//!     guideline wants closings and acknowledgements.
//!
//! # Per transcript
//!
//! - **Position** of a turn, `p` in [0, 1): with `quarters: "time"` (or `"auto"` when every turn
//!   has `startMs`) its start between the first turn's start and the last turn's end (or
//!   start); otherwise `i / n` for turn `i` of `n`. Quarter = `⌊4p⌋`.
//! - **Speakers**: per speaker, `mean` = mean turn score (blank and neutral turns included);
//!   `quarters[q]` = 5 × the mean of the speaker's turns in quarter `q` (−5..5; `null` without
//!   turns there), the −5..+5 per-quarter view contact-centre analytics dashboards show.
//! - **Overall** (customer) = 100 × Σ wᵢ·sᵢ / Σ wᵢ over the customer's turns that have at least
//!   one hit, with wᵢ = 1 + (`lateWeight` − 1)·pᵢ (default `lateWeight` 3: the end of the
//!   conversation counts up to three times the start); `null` if no customer turn has a hit.
//! - **Trend** compares the customer's opening and closing turns by label value (positive 1,
//!   neutral and mixed 0, negative −1: the ordering of the labelling guideline): `start` and
//!   `end` are the means over the first and last `k` customer turns, `k` = round(`n` ×
//!   `trendWindow`) clamped to 1..n/2 (default `trendWindow` ⅓); `improved` when `end − start ≥
//!   trendThreshold` (default 0.5), `worsened` when ≤ −`trendThreshold`, else `flat` (also
//!   with fewer than two customer turns).
//!
//! # Options ([`SentimentOptions`], every field optional)
//!
//! | option | default | meaning |
//! |---|---|---|
//! | `language` | `auto` (a transcript: its own `language`) | `en`, `es` or `auto` |
//! | `fallbackLanguage` | `en` | `auto` without evidence |
//! | `positiveThreshold`, `negativeThreshold` | 0.25 | label bands on the score |
//! | `mixedThreshold` | 1.0 | each polarity's sum for `mixed` |
//! | `negationWindow` | 3 | words a negator reaches (1–10) |
//! | `maxBytes` | 1,048,576 | size limit of a text or transcript |
//! | `hits` | `true` | `false` leaves `hits` empty (faster bulk scoring) |
//! | `lateWeight` | 3 | overall: weight of the last turn against the first |
//! | `trendWindow` | ⅓ | share of the customer's turns at each end |
//! | `trendThreshold` | 0.5 | change in mean label value for a trend |
//! | `quarters` | `auto` | `time`, `turns` or `auto` |
//!
//! Invalid values are [`ErrorCode::InvalidOption`](crate::ErrorCode) on `options.<name>`.
//!
//! # Performance
//!
//! One pass tokenizes and looks each word up once in a hash table keyed by the folded word
//! (words of up to 8 bytes as one integer); phrases extend the match one word and one lookup at
//! a time; function-word classes are flags of the same table entry; scratch buffers are reused
//! per thread, so scoring allocates only the result. `tests/sentiment_speed.rs` reports the
//! native speed, `tests/sentiment_accuracy.rs` the accuracy on the dev data and on the public
//! English sets.
//!
//! [Polanyi & Zaenen, "Contextual Valence Shifters", 2006]: https://doi.org/10.1007/1-4020-4102-0_1

mod accumulator;
mod engine;
mod hash;
mod language;
mod lexicon;
mod tokenize;
mod transcript;
mod types;
mod words;

pub use accumulator::{
    SENTIMENT_STATE_FORMAT, SentimentAccumulator, SentimentSummary, SpeakerSummary, SpeakerTally,
    TrendCounts,
};
pub use engine::{
    ALPHA, BOOST_WINDOW, CAPS_BOOST, COMPARISON_FACTOR, DAMPEN_FLOOR, ELONGATION_BOOST,
    EXCLAMATION_BOOST, IMPLIED_CONTRAST, IMPLIED_MIN_WORDS, MAX_EXCLAMATIONS, MAX_QUESTIONS,
    MIXED_BALANCE, NEG_RAISING_EXTRA, NEG_TAIL_FACTOR, NEGATED_NEGATIVE_SCALE, QUESTION_BOOST,
    SYMBOL_DISAGREE_SCALE,
};
pub use language::{MIXED_MIN_EVIDENCE, MIXED_MIN_SHARE};
pub use lexicon::{Lexicon, MAX_PHRASE_WORDS, MAX_TERM_BYTES, ModifierKind};
pub use tokenize::{Token, TokenKind, tokenize};

pub(crate) use tokenize::{Tokens, tokenize_into};
pub use types::{
    DEFAULT_LABEL_THRESHOLD, DEFAULT_LATE_WEIGHT, DEFAULT_MAX_BYTES, DEFAULT_MIXED_THRESHOLD,
    DEFAULT_NEGATION_WINDOW, DEFAULT_TREND_THRESHOLD, DEFAULT_TREND_WINDOW, Hit, HitKind,
    QuarterBasis, SentimentLabel, SentimentOptions, SpeakerSentiment, Speakers, TextScore,
    TranscriptScore, Trend, TrendDirection, TurnScore,
};

use crate::error::Result;
use crate::model::Transcript;

impl Lexicon {
    /// Scores one text with this lexicon. See [`score_text`].
    pub fn score_text(&self, text: &str, options: &SentimentOptions) -> Result<TextScore> {
        transcript::score_text(self, text, options)
    }

    /// Scores many texts with one check of the options: `each(i, score)` receives the scores in
    /// order. An error (`empty_input`, `text_too_large`) names `texts[i]` and carries the index.
    /// The bulk path of the bindings (`scoreTexts`); same scores as [`Lexicon::score_text`].
    ///
    /// ```
    /// use cxkit_core::sentiment::{Lexicon, SentimentOptions};
    /// let lex = Lexicon::builtin_ref();
    /// let mut scores = Vec::new();
    /// lex.score_texts(["great service", "muy mal servicio"], &SentimentOptions::default(), |_, r| {
    ///     scores.push(r.score)
    /// })
    /// .unwrap();
    /// assert!(scores[0] > 0.0 && scores[1] < 0.0);
    /// let e = lex.score_texts(["ok", " "], &SentimentOptions::default(), |_, _| {}).unwrap_err();
    /// assert_eq!((e.code.as_str(), e.field.as_deref(), e.index), ("empty_input", Some("texts[1]"), Some(1)));
    /// ```
    pub fn score_texts<'a>(
        &self,
        texts: impl IntoIterator<Item = &'a str>,
        options: &SentimentOptions,
        each: impl FnMut(usize, TextScore),
    ) -> Result<()> {
        transcript::score_texts(self, texts, options, each)
    }

    /// Scores a transcript with this lexicon. See [`score_transcript`].
    pub fn score_transcript(
        &self,
        transcript: &Transcript,
        options: &SentimentOptions,
    ) -> Result<TranscriptScore> {
        transcript::score_transcript(self, transcript, options)
    }
}

/// Scores one text with the built-in lexicons (see the module documentation for the rules).
///
/// ```
/// use cxkit_core::model::LanguageChoice;
/// use cxkit_core::sentiment::{score_text, SentimentLabel, SentimentOptions};
/// let o = SentimentOptions { language: Some(LanguageChoice::Es), ..Default::default() };
/// let r = score_text("no estoy nada contento con la atención", &o).unwrap();
/// assert_eq!(r.label, SentimentLabel::Negative);
/// assert!(r.hits[0].negated);
/// assert_eq!(score_text("", &o).unwrap_err().code.as_str(), "empty_input");
/// ```
pub fn score_text(text: &str, options: &SentimentOptions) -> Result<TextScore> {
    Lexicon::builtin_ref().score_text(text, options)
}

/// Checks sentiment options without scoring anything (`invalid_option` naming the option).
pub fn check_options(options: &SentimentOptions) -> Result<()> {
    types::Config::new(options).map(|_| ())
}

/// Scores a transcript with the built-in lexicons: every turn, then speakers, quarters, the
/// overall customer score and the trend (see the module documentation).
///
/// ```
/// use cxkit_core::model::{Speaker, Transcript};
/// use cxkit_core::sentiment::{score_transcript, SentimentOptions};
/// let t = Transcript::from_turns([
///     (Speaker::Agent, "Gracias por llamar, ¿en qué le puedo ayudar?"),
///     (Speaker::Customer, "Llevo tres días sin internet, es una vergüenza"),
/// ]);
/// let r = score_transcript(&t, &SentimentOptions::default()).unwrap();
/// assert!(r.speakers.customer.mean.unwrap() < 0.0);
/// assert!(r.overall.unwrap() < 0.0);
/// ```
pub fn score_transcript(
    transcript: &Transcript,
    options: &SentimentOptions,
) -> Result<TranscriptScore> {
    Lexicon::builtin_ref().score_transcript(transcript, options)
}
