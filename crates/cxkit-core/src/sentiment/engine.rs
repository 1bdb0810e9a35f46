//! The scoring engine: normalisation of chat spellings, longest-match lookup, and the rules.
//! Every constant here is documented in the module documentation of [`crate::sentiment`].

use super::language;
use super::lexicon::{Entry, LangTable, Lexicon, MAX_PHRASE_WORDS, ModifierKind, flag};
use super::tokenize::{NO_SLOT, Tok, Tokens, key_in, tf, tokenize_into};
use super::types::{Config, Hit, HitKind, SentimentLabel};
use super::words::{self, wf};
use crate::model::Language;

/// Added to the magnitude of a hit written in capitals when the text also has lower-case words.
pub const CAPS_BOOST: f64 = 0.733;
/// Added to the magnitude of a hit with a letter repeated three or more times ("geniaaal").
pub const ELONGATION_BOOST: f64 = 0.293;
/// Added per `!` (at most [`MAX_EXCLAMATIONS`]) to the sum, in its direction.
pub const EXCLAMATION_BOOST: f64 = 0.292;
/// Exclamation marks counted.
pub const MAX_EXCLAMATIONS: u32 = 4;
/// Added per `?` when there are two or more (at most [`MAX_QUESTIONS`]), in the sum's direction.
pub const QUESTION_BOOST: f64 = 0.18;
/// Question marks counted.
pub const MAX_QUESTIONS: u32 = 3;
/// The normalisation constant α of `s / √(s² + α)`.
pub const ALPHA: f64 = 15.0;
/// Intensifiers and dampeners apply to a hit among the next this many words.
pub const BOOST_WINDOW: u32 = 3;
/// A dampened hit keeps at least this share of its magnitude.
pub const DAMPEN_FLOOR: f64 = 0.2;
/// The negation factor of a phrase that ends with a negator ("still doesn't"), on what
/// follows it.
pub const NEG_TAIL_FACTOR: f64 = -0.74;
/// The factor of a positive word compared against the thing talked about ("better than this"),
/// as a negation.
pub const COMPARISON_FACTOR: f64 = -0.74;
/// Extra words of negation window after a neg-raising verb ("don't think it will be good").
pub const NEG_RAISING_EXTRA: u32 = 3;
/// A negated negative word flips to a weaker positive: its negation factor is scaled by this
/// ("not angry" is not praise).
pub const NEGATED_NEGATIVE_SCALE: f64 = 0.5;
/// Emoji, emoticons and laughter whose polarity disagrees with the words' are scaled by this.
pub const SYMBOL_DISAGREE_SCALE: f64 = 0.25;
/// The valence of the complaint implied by a contrast after praise (before the contrast
/// weight).
pub const IMPLIED_CONTRAST: f64 = 1.0;
/// The clause after the contrast marker needs more than this many words to imply a complaint.
pub const IMPLIED_MIN_WORDS: usize = 2;
/// A text is mixed only when its weaker polarity is at least this share of the stronger.
pub const MIXED_BALANCE: f64 = 1.0 / 3.0;

/// What an item of the match sequence does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Hit,
    Symbol,
    Negator,
    Intensifier,
    Dampener,
    Contrast,
    Concessive,
    /// Blockers and stop-negation sequences: they only consume their words.
    Inert,
}

#[derive(Debug, Clone, Copy)]
struct Item {
    t0: u32,
    t1: u32,
    role: Role,
    valence: f32,
    factor: f32,
    flags: u8,
    /// A modifier that also has a valence (acts as a hit unless a hit follows at once).
    dual: bool,
    /// From the secondary language's table (mixed-language text).
    words: u8,
}

/// A contrast or concession: hits in `[before_from, at)` weigh `w_before`, hits in
/// `[at, after_to)` weigh `w_after`.
#[derive(Debug, Clone, Copy)]
struct Pivot {
    at: u32,
    before_from: u32,
    after_to: u32,
    w_before: f32,
    w_after: f32,
    /// The marker's tokens ("but", "aunque").
    marker: (u32, u32),
}

/// Reusable buffers for one thread.
#[derive(Default)]
pub(crate) struct Scratch {
    pub toks: Tokens,
    items: Vec<Item>,
    pivots: Vec<Pivot>,
    contributions: Vec<Contribution>,
    prefix: Prefix,
    var: String,
}

/// The outcome of scoring one text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Scored {
    pub score: f64,
    pub label: SentimentLabel,
    pub language: Language,
    pub positive: f64,
    pub negative: f64,
    pub hits: Vec<Hit>,
    /// Whether any hit was found.
    pub evidence: bool,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// Runs `f` with this thread's scratch buffers (fresh ones if they are already in use).
pub(crate) fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut s) => f(&mut s),
        Err(_) => f(&mut Scratch::default()),
    })
}

/// Tokenizes a text into the scratch buffers.
pub(crate) fn prepare(lex: &Lexicon, text: &str, s: &mut Scratch) {
    tokenize_into(text, Some(lex), &mut s.toks);
}

/// The language evidence of the text tokenized in `s`.
pub(crate) fn evidence(lex: &Lexicon, s: &Scratch) -> language::Evidence {
    language::evidence(lex, &s.toks)
}

/// Scores the text tokenized in `s` (by [`prepare`]) in `lang`, with `secondary` as the
/// fallback table for mixed-language text.
pub(crate) fn score_prepared(
    lex: &Lexicon,
    cfg: &Config,
    text: &str,
    s: &mut Scratch,
    lang: Language,
    secondary: Option<Language>,
) -> Scored {
    let primary = lex.table(lang);
    let second = secondary.map(|l| lex.table(l));
    normalize(
        lex,
        &mut s.toks,
        primary,
        second,
        lang,
        &mut s.var,
        &mut s.prefix,
    );
    find_items(lex, &s.toks, primary, second, &mut s.items);
    resolve_duals(&s.toks, &mut s.items);
    find_pivots(&s.toks, &s.items, &mut s.pivots);
    score_items(cfg, text, s, lang)
}

// ---------------------------------------------------------------------------------------------
// Normalisation

/// Laughter (`jajajaja`, `jsjsjs`, `hahaha`, `ajajaj`) reduced to a listed form.
fn laughter(w: &str) -> Option<&'static str> {
    let b = w.as_bytes();
    if b.len() < 4 {
        return None;
    }
    let body = match b.first() {
        Some(b'a' | b'e') => b.get(1..)?,
        _ => b,
    };
    let cons = *body.first()?;
    if cons != b'j' && cons != b'h' {
        return None;
    }
    let vowel = *body.get(1)?;
    if vowel == b's' && cons == b'j' {
        return body
            .iter()
            .enumerate()
            .all(|(i, c)| *c == if i % 2 == 0 { b'j' } else { b's' })
            .then_some("jsjs");
    }
    if !matches!(vowel, b'a' | b'e' | b'i' | b'o') {
        return None;
    }
    let mut syllables = 0;
    let mut i = 0;
    while i < body.len() {
        if body.get(i) != Some(&cons) {
            return None;
        }
        i += 1;
        let v0 = i;
        while body.get(i) == Some(&vowel) {
            i += 1;
        }
        if i > v0 {
            syllables += 1;
        } else if i < body.len() {
            return None;
        }
    }
    if syllables < 2 {
        return None;
    }
    Some(match (cons, vowel, syllables >= 3) {
        (b'j', b'a', true) => "jajaja",
        (b'j', b'a', false) => "jaja",
        (b'j', b'e', true) => "jejeje",
        (b'j', b'e', false) => "jeje",
        (b'j', _, _) => "jiji",
        (b'h', b'a', true) => "hahaha",
        (b'h', b'a', false) => "haha",
        (b'h', _, _) => "hehe",
        _ => return None,
    })
}

/// Writes `w` with every run of three or more equal letters cut to `keep` letters (and, with
/// `keep == 1`, every double letter too) into `out`.
fn collapse(w: &str, keep: usize, out: &mut String) {
    out.clear();
    let mut last = '\0';
    let mut run = 0usize;
    for c in w.chars() {
        if c == last && c.is_alphabetic() {
            run += 1;
        } else {
            last = c;
            run = 1;
        }
        if run <= keep {
            out.push(c);
        }
    }
}

fn known(lex: &Lexicon, t: &LangTable, second: Option<&LangTable>, k: &str) -> bool {
    let Some(slot) = lex.index.get(k) else {
        return false;
    };
    let hit = |t: &LangTable| t.at(slot).is_some_and(Entry::is_known);
    hit(t) || second.is_some_and(hit)
}

/// Rewrites the folded words for lookup in `lang`: laughter to a listed form, elongated words
/// to the spelling the lexicon knows, chat spellings to the words they stand for (the new key,
/// possibly of several words, goes to `Tokens::alt` and its slot is looked up again).
#[allow(clippy::too_many_arguments)]
fn normalize(
    lex: &Lexicon,
    toks: &mut Tokens,
    table: &LangTable,
    second: Option<&LangTable>,
    lang: Language,
    var: &mut String,
    pre: &mut Prefix,
) {
    let Tokens {
        toks: list,
        buf,
        sym,
        alt,
        ..
    } = toks;
    alt.clear();
    pre.start(list.len(), lang);
    for t in list.iter_mut() {
        if !t.is_word() {
            pre.push(0, t.clause);
            continue;
        }
        let k = key_in(buf, sym, "", t);
        let mut repl: Option<&str> = None;
        if let Some(l) = laughter(k) {
            repl = Some(l);
        } else {
            let b = k.as_bytes();
            // Spanish words do not end in a doubled letter: "graciass", "buenoo" are
            // elongations (English "too", "see", "all" are words).
            let doubled = lang == Language::Es && b.len() >= 3 && b.last() == b.get(b.len() - 2);
            if (t.flags & tf::ELONG != 0 || doubled) && !known(lex, table, second, k) {
                collapse(k, 2, var);
                if t.flags & tf::ELONG != 0 && known(lex, table, second, var) {
                    repl = Some(var.as_str());
                } else {
                    collapse(k, 1, var);
                    if known(lex, table, second, var)
                        || (t.flags & tf::ELONG != 0)
                        || words::chat(lang, var).is_some()
                    {
                        repl = Some(var.as_str());
                    }
                }
            }
            let c = match repl {
                None => chat(lex, lang, t.slot, k),
                Some(r) => words::chat(lang, r),
            };
            if c.is_some() {
                repl = c;
            }
        }
        if let Some(r) = repl {
            let fs = alt.len() as u32;
            alt.push_str(r);
            t.fs = fs;
            t.fe = alt.len() as u32;
            t.flags |= tf::ALT;
            t.slot = lex.index.get(r).unwrap_or(NO_SLOT);
        }
        pre.push(wflags(lex, t), t.clause);
    }
    pre.finish();
}

/// The neutral word a chat spelling stands for, if the key's slot says it is one.
#[inline]
fn chat(lex: &Lexicon, lang: Language, slot: u32, w: &str) -> Option<&'static str> {
    let f = lex.index.flags.get(slot as usize).copied().unwrap_or(0);
    if f & wf::of(lang, wf::CHAT_EN, wf::CHAT_ES) == 0 {
        return None;
    }
    words::chat(lang, w)
}

/// The word-class flags of a token (0 for symbols and unknown words).
#[inline]
fn wflags(lex: &Lexicon, t: &Tok) -> u16 {
    lex.index.flags.get(t.slot as usize).copied().unwrap_or(0)
}

// ---------------------------------------------------------------------------------------------
// Matching

/// The longest entry starting at token `i`: walks forward one word at a time through the
/// index's phrase continuations while the words so far are a phrase prefix in `table`,
/// remembering the last complete entry. Returns the token count and the entry.
#[inline]
fn longest<'t>(
    lex: &Lexicon,
    table: &'t LangTable,
    toks: &Tokens,
    i: usize,
) -> Option<(usize, &'t Entry)> {
    let t = toks.toks.get(i)?;
    let first = table.at(t.slot)?;
    let mut best = first.is_active().then_some((1, first));
    let mut e = first;
    let mut slot = t.slot;
    let mut k = 1usize;
    while e.cont && k < MAX_PHRASE_WORDS {
        let Some(next) = toks.toks.get(i + k) else {
            break;
        };
        if !next.is_word() || next.clause != t.clause {
            break;
        }
        let Some(s) = lex.index.pair(slot, next.slot) else {
            break;
        };
        let Some(x) = table.at(s) else {
            break;
        };
        k += 1;
        slot = s;
        e = x;
        if x.is_active() {
            best = Some((k, x));
        }
    }
    best
}

/// The keys of tokens `t0..t1` joined by spaces.
fn joined_key(toks: &Tokens, t0: u32, t1: u32) -> String {
    let mut out = String::new();
    for t in toks.toks.get(t0 as usize..t1 as usize).unwrap_or(&[]) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(toks.key(t));
    }
    out
}

fn item_from(e: &Entry, t0: usize, len: usize) -> Item {
    let lexical = e.is_lexical() && e.valence != 0.0;
    let (role, dual) = match e.modifier {
        Some(ModifierKind::StopNegation) => (Role::Inert, false),
        Some(ModifierKind::Negator) => (Role::Negator, lexical),
        Some(ModifierKind::Intensifier) => (Role::Intensifier, lexical),
        Some(ModifierKind::Dampener) => (Role::Dampener, lexical),
        Some(ModifierKind::Contrast) => (Role::Contrast, false),
        Some(ModifierKind::Concessive) => (Role::Concessive, false),
        None if lexical => (Role::Hit, false),
        None => (Role::Inert, false),
    };
    Item {
        t0: t0 as u32,
        t1: (t0 + len) as u32,
        role,
        valence: e.valence,
        factor: e.factor,
        flags: e.flags,
        dual,
        words: len.min(255) as u8,
    }
}

fn find_items(
    lex: &Lexicon,
    toks: &Tokens,
    table: &LangTable,
    second: Option<&LangTable>,
    items: &mut Vec<Item>,
) {
    items.clear();
    let n = toks.toks.len();
    let mut i = 0usize;
    while i < n {
        let Some(t) = toks.toks.get(i) else { break };
        if !t.is_word() {
            let k = toks.key(t);
            let v = table
                .symbols
                .get(k)
                .or_else(|| second.and_then(|s| s.symbols.get(k)))
                .copied();
            if let Some(v) = v
                && v != 0.0
            {
                items.push(Item {
                    t0: i as u32,
                    t1: (i + 1) as u32,
                    role: Role::Symbol,
                    valence: v,
                    factor: 0.0,
                    flags: 0,
                    dual: false,
                    words: 1,
                });
            }
            i += 1;
            continue;
        }
        let found =
            longest(lex, table, toks, i).or_else(|| second.and_then(|s| longest(lex, s, toks, i)));
        match found {
            Some((len, e)) => {
                items.push(item_from(e, i, len));
                i += len;
            }
            None => i += 1,
        }
    }
}

/// A modifier that also has a valence ("bien", "harto", "so") modifies only when a hit follows
/// at once in the same clause; otherwise it is a hit (README rule 6).
fn resolve_duals(toks: &Tokens, items: &mut [Item]) {
    for i in 0..items.len() {
        let Some(it) = items.get(i).copied() else {
            continue;
        };
        if !it.dual {
            continue;
        }
        let next_is_hit = items.get(i + 1).is_some_and(|n| {
            n.t0 == it.t1
                && matches!(n.role, Role::Hit)
                && clause_of(toks, n.t0) == clause_of(toks, it.t0)
        });
        if !next_is_hit && let Some(m) = items.get_mut(i) {
            m.role = Role::Hit;
            m.dual = false;
        }
    }
}

#[inline]
fn clause_of(toks: &Tokens, t: u32) -> u32 {
    toks.toks.get(t as usize).map_or(u32::MAX, |t| t.clause)
}

#[inline]
fn sentence_of(toks: &Tokens, t: u32) -> u32 {
    toks.toks.get(t as usize).map_or(u32::MAX, |t| t.sentence)
}

/// First token index of the sentence holding token `t`, and the end (exclusive).
fn sentence_span(toks: &Tokens, t: u32) -> (u32, u32) {
    let s = sentence_of(toks, t);
    span_where(toks, t, |x| x.sentence == s)
}

fn clause_span(toks: &Tokens, t: u32) -> (u32, u32) {
    let c = clause_of(toks, t);
    span_where(toks, t, |x| x.clause == c)
}

fn span_where(toks: &Tokens, t: u32, same: impl Fn(&Tok) -> bool) -> (u32, u32) {
    let mut a = t as usize;
    while a > 0 && toks.toks.get(a - 1).is_some_and(&same) {
        a -= 1;
    }
    let mut b = t as usize + 1;
    while toks.toks.get(b).is_some_and(&same) {
        b += 1;
    }
    (a as u32, b as u32)
}

/// Contrast and concession pivots (README rules 9 and 10).
fn find_pivots(toks: &Tokens, items: &[Item], pivots: &mut Vec<Pivot>) {
    pivots.clear();
    for it in items {
        if !matches!(it.role, Role::Contrast | Role::Concessive) {
            continue;
        }
        let f = it.factor;
        let (s0, s1) = sentence_span(toks, it.t0);
        // Where the sentence before starts (for a marker that opens its sentence).
        let prev_sentence_start = if s0 > 0 {
            sentence_span(toks, s0 - 1).0
        } else {
            s0
        };
        if it.role == Role::Contrast {
            let before_from = if it.t0 == s0 { prev_sentence_start } else { s0 };
            pivots.push(Pivot {
                at: it.t0,
                before_from,
                after_to: s1,
                w_before: 2.0 - f,
                w_after: f,
                marker: (it.t0, it.t1),
            });
            continue;
        }
        // Concessive.
        let (c0, c1) = clause_span(toks, it.t0);
        if it.t0 == s0 {
            // Opens the sentence: its clause is conceded, the main clause after it weighs more.
            if c1 < s1 {
                pivots.push(Pivot {
                    at: c1,
                    before_from: it.t0,
                    after_to: s1,
                    w_before: f,
                    w_after: 2.0 - f,
                    marker: (it.t0, it.t1),
                });
            }
        } else if it.t1 == c1 && it.t0 > c0 {
            // Closes its clause ("… though"): that clause is the contrasting one.
            let before_from = if c0 == s0 { prev_sentence_start } else { s0 };
            pivots.push(Pivot {
                at: c0,
                before_from,
                after_to: c1,
                w_before: f,
                w_after: 2.0 - f,
                marker: (it.t0, it.t1),
            });
        } else {
            // After the main clause: works like a contrast.
            pivots.push(Pivot {
                at: it.t0,
                before_from: s0,
                after_to: s1,
                w_before: f,
                w_after: 2.0 - f,
                marker: (it.t0, it.t1),
            });
        }
    }
}

/// The weight of a hit starting at token `t`: conceded (before a pivot) wins over emphasised
/// (after one); the nearest pivot decides.
fn weight(pivots: &[Pivot], t: u32) -> f64 {
    let mut conceded: Option<(u32, f32)> = None;
    let mut emphasised: Option<(u32, f32)> = None;
    for p in pivots {
        if p.before_from <= t && t < p.at {
            if conceded.is_none_or(|(at, _)| p.at < at) {
                conceded = Some((p.at, p.w_before));
            }
        } else if p.at <= t && t < p.after_to && emphasised.is_none_or(|(at, _)| p.at > at) {
            emphasised = Some((p.at, p.w_after));
        }
    }
    f64::from(conceded.or(emphasised).map_or(1.0, |(_, w)| w))
}

/// Per-token facts the rules need, computed once per text: prefix counts make the window
/// distances and the barrier test O(1).
#[derive(Debug, Default)]
pub(crate) struct Prefix {
    /// One entry per token and one past the end (one push per token: the hot path).
    at: Vec<PrefixAt>,
    weightless: u16,
    irrealis_flag: u16,
    barrier: u16,
    c: u32,
    b: u32,
    irr_clause: u32,
}

/// What [`Prefix`] knows at one token.
#[derive(Debug, Default, Clone, Copy)]
struct PrefixAt {
    /// Tokens before this one that count towards the windows (not weightless).
    counted: u32,
    /// English subject pronouns before this one.
    barriers: u32,
    /// Word-class flags of the token.
    flags: u16,
    /// An irrealis marker precedes the token in its clause.
    irrealis: bool,
}

impl Prefix {
    /// Starts a text of `n` tokens in `lang`.
    fn start(&mut self, n: usize, lang: Language) {
        self.at.clear();
        self.at.reserve(n + 1);
        self.weightless = wf::of(lang, wf::WEIGHTLESS_EN, wf::WEIGHTLESS_ES);
        self.irrealis_flag = wf::of(lang, wf::IRREALIS_EN, wf::IRREALIS_ES);
        self.barrier = wf::of(lang, wf::BARRIER_EN, 0);
        self.c = 0;
        self.b = 0;
        self.irr_clause = u32::MAX;
    }

    /// Adds the next token, with its word-class flags.
    #[inline]
    fn push(&mut self, f: u16, clause: u32) {
        self.at.push(PrefixAt {
            counted: self.c,
            barriers: self.b,
            flags: f,
            irrealis: self.irr_clause == clause,
        });
        self.c += u32::from(f & self.weightless == 0);
        self.b += u32::from(f & self.barrier != 0);
        if f & self.irrealis_flag != 0 {
            self.irr_clause = clause;
        }
    }

    fn finish(&mut self) {
        self.at.push(PrefixAt {
            counted: self.c,
            barriers: self.b,
            flags: 0,
            irrealis: false,
        });
    }

    #[inline]
    fn get(&self, i: u32) -> PrefixAt {
        self.at.get(i as usize).copied().unwrap_or_default()
    }

    /// Counted words in `[from, to)`.
    #[inline]
    fn distance(&self, from: u32, to: u32) -> u32 {
        self.get(to).counted.saturating_sub(self.get(from).counted)
    }

    /// Subject pronouns in `[from, to)`.
    #[inline]
    fn barriers(&self, from: u32, to: u32) -> u32 {
        self.get(to)
            .barriers
            .saturating_sub(self.get(from).barriers)
    }

    #[inline]
    fn flags(&self, t: u32) -> u16 {
        self.get(t).flags
    }

    /// Whether an irrealis marker precedes token `t` in its clause.
    #[inline]
    fn irrealis(&self, t: u32) -> bool {
        self.get(t).irrealis
    }
}

/// Whether a hit is a literal use: inside quotation marks, or part of a name written in
/// Title Case in the middle of a sentence ("the Perfect Fit sheet", "Luz Feliz").
fn literal(toks: &Tokens, h: &Item) -> bool {
    let span = toks.toks.get(h.t0 as usize..h.t1 as usize).unwrap_or(&[]);
    if span.iter().any(|t| t.flags & tf::QUOTED != 0) {
        return true;
    }
    let Some(first) = span.first() else {
        return false;
    };
    if !span.iter().all(|t| t.flags & tf::TITLE != 0) {
        return false;
    }
    let sentence_start = h.t0 == 0
        || toks
            .toks
            .get(h.t0 as usize - 1)
            .is_none_or(|p| p.sentence != first.sentence);
    if sentence_start {
        return false;
    }
    let title_word = |t: Option<&Tok>| {
        t.is_some_and(|t| {
            t.is_word()
                && t.clause == first.clause
                && t.flags & tf::TITLE != 0
                && t.end - t.start >= 2
        })
    };
    let prev = h.t0.checked_sub(1).and_then(|p| toks.toks.get(p as usize));
    let prev_inner = prev.is_some_and(|p| {
        h.t0 >= 2
            && toks
                .toks
                .get(h.t0 as usize - 2)
                .is_some_and(|pp| pp.sentence == p.sentence)
    });
    (title_word(prev) && prev_inner) || title_word(toks.toks.get(h.t1 as usize))
}

/// Whether a hit lies in the scope of an irrealis marker (earlier in its clause), or is a
/// positive word in a question; the marker itself ("hope", "wish") carries no attitude.
fn in_irrealis(toks: &Tokens, pre: &Prefix, lang: Language, h: &Item) -> bool {
    let Some(first) = toks.toks.get(h.t0 as usize) else {
        return false;
    };
    if h.valence <= 0.0 {
        return false;
    }
    toks.is_question(first.sentence)
        || pre.irrealis(h.t0)
        || (h.words == 1 && pre.flags(h.t0) & wf::of(lang, wf::IRREALIS_EN, wf::IRREALIS_ES) != 0)
}

/// English `like` as a preposition or filler ("it felt like", "like 5 strings") is not the
/// verb: it scores only after a subject, an auxiliary, a negator or an adverb.
fn like_preposition(toks: &Tokens, pre: &Prefix, lang: Language, h: &Item) -> bool {
    if lang != Language::En || h.words != 1 {
        return false;
    }
    let Some(t) = toks.toks.get(h.t0 as usize) else {
        return false;
    };
    if toks.key(t) != "like" {
        return false;
    }
    let prev_ok = h.t0 > 0
        && toks
            .toks
            .get(h.t0 as usize - 1)
            .is_some_and(|p| p.clause == t.clause && pre.flags(h.t0 - 1) & wf::LIKE_VERB_EN != 0);
    !prev_ok
}

/// A positive word followed by "than" (Spanish "que" after "mejor", "mejores" or "más …") and
/// a pronoun or demonstrative for the thing talked about: "I've had better service than
/// this", "cualquiera lo haría mejor que ustedes".
fn compared_against(toks: &Tokens, pre: &Prefix, lang: Language, h: &Item) -> bool {
    let Some(first) = toks.toks.get(h.t0 as usize) else {
        return false;
    };
    let key_at = |i: u32| {
        toks.toks
            .get(i as usize)
            .filter(|t| t.is_word() && t.clause == first.clause)
            .map(|t| toks.key(t))
    };
    let compared = wf::of(lang, wf::COMPARED_EN, wf::COMPARED_ES);
    // "than" right after the hit, or after one more word ("better service than this").
    for than_at in [h.t1, h.t1 + 1] {
        let is_than = match lang {
            Language::En => key_at(than_at) == Some("than"),
            Language::Es => {
                key_at(than_at) == Some("que")
                    && (matches!(key_at(h.t0), Some("mejor" | "mejores"))
                        || h.t0.checked_sub(1).and_then(key_at) == Some("mas"))
            }
        };
        if is_than {
            return key_at(than_at + 1).is_some() && pre.flags(than_at + 1) & compared != 0;
        }
    }
    false
}

/// One scored hit before it becomes a [`Hit`].
#[derive(Clone, Copy)]
struct Contribution {
    item: usize,
    value: f64,
    negated: bool,
    /// Emoji, emoticon or laughter.
    symbolic: bool,
}

fn score_items(cfg: &Config, text: &str, s: &mut Scratch, lang: Language) -> Scored {
    let toks = &s.toks;
    let items = &s.items;
    let pre = &s.prefix;
    let raising_flag = wf::of(lang, wf::RAISING_EN, 0);
    let coord_flag = wf::of(lang, wf::COORD_EN, wf::COORD_ES);
    let caps_diff = toks.caps_differential();
    let contributions = &mut s.contributions;
    contributions.clear();
    // The start token and factor of the previous hit, when it was negated.
    let mut last_negated: Option<(u32, f64)> = None;
    for (hi, h) in items.iter().enumerate() {
        if !matches!(h.role, Role::Hit | Role::Symbol) {
            continue;
        }
        if h.role == Role::Hit
            && (literal(toks, h)
                || in_irrealis(toks, pre, lang, h)
                || like_preposition(toks, pre, lang, h))
        {
            continue;
        }
        let base = f64::from(h.valence);
        let mut magnitude = base.abs();
        let mut negated = false;
        let mut neg_factor = 0.0f64;
        let blocker = h.flags & flag::BLOCKER != 0;
        let symbolic =
            h.role == Role::Symbol || (h.words == 1 && pre.flags(h.t0) & wf::LAUGHTER != 0);
        if h.role == Role::Hit && !blocker && !symbolic {
            // Modifiers before the hit, in its clause, up to the previous hit.
            let clause = clause_of(toks, h.t0);
            let mut boost = 0.0f64;
            for m in items.get(..hi).unwrap_or(&[]).iter().rev() {
                if clause_of(toks, m.t1.saturating_sub(1)) != clause {
                    break;
                }
                // A subject pronoun between the modifier and the hit (not right before the
                // hit) ends negation scope, except after a neg-raising verb.
                let raising = m.role == Role::Negator && pre.flags(m.t1) & raising_flag != 0;
                let barrier = !raising && pre.barriers(m.t1, h.t0.saturating_sub(1)) > 0;
                let d = pre.distance(m.t1, h.t0);
                match m.role {
                    Role::Hit => {
                        // A phrase ending with a negator also negates what follows ("still
                        // doesn't look good").
                        if m.flags & flag::NEG_TAIL != 0 && !barrier && d < cfg.negation_window {
                            negated = true;
                            neg_factor = neg_factor.min(NEG_TAIL_FACTOR);
                        }
                        // Negation distributes over "or", "nor", "ni", "o": "no warmth or
                        // charm", "ni amable ni rápido".
                        if let Some((prev, f)) = last_negated
                            && prev == m.t0
                            && h.t0 == m.t1 + 1
                            && pre.flags(m.t1) & coord_flag != 0
                        {
                            negated = true;
                            neg_factor = f;
                        }
                        break;
                    }
                    Role::Contrast | Role::Concessive => break,
                    Role::Intensifier | Role::Dampener if d < BOOST_WINDOW => {
                        boost += f64::from(m.factor);
                    }
                    Role::Negator
                        if !barrier
                            && (d < cfg.negation_window
                                || (raising && d < cfg.negation_window + NEG_RAISING_EXTRA)) =>
                    {
                        negated = true;
                        neg_factor = neg_factor.min(f64::from(m.factor));
                    }
                    _ => {}
                }
            }
            if boost != 0.0 {
                magnitude = (magnitude + boost).max(DAMPEN_FLOOR * base.abs());
            }
            let span = toks.toks.get(h.t0 as usize..h.t1 as usize).unwrap_or(&[]);
            if caps_diff && !span.is_empty() && span.iter().all(|t| t.flags & tf::CAPS != 0) {
                magnitude += CAPS_BOOST;
            }
            if span.iter().any(|t| t.flags & tf::ELONG != 0) {
                magnitude += ELONGATION_BOOST;
            }
            if h.flags & flag::FINAL != 0 {
                negated = false;
            }
        }
        // "better than this": the thing talked about is the worse one.
        if h.role == Role::Hit && !blocker && base > 0.0 && compared_against(toks, pre, lang, h) {
            negated = true;
            neg_factor = COMPARISON_FACTOR;
        }
        last_negated = negated.then_some((h.t0, neg_factor));
        let mut v = magnitude.copysign(base);
        if negated {
            if base < 0.0 {
                v *= neg_factor * NEGATED_NEGATIVE_SCALE;
            } else {
                v *= neg_factor;
            }
        }
        v *= weight(&s.pivots, h.t0);
        contributions.push(Contribution {
            item: hi,
            value: v,
            negated,
            symbolic,
        });
    }

    // Emoji, emoticons and laughter are evidence, but the words win when they disagree.
    let words: f64 = contributions
        .iter()
        .filter(|c| !c.symbolic)
        .map(|c| c.value)
        .sum();
    let symbols: f64 = contributions
        .iter()
        .filter(|c| c.symbolic)
        .map(|c| c.value)
        .sum();
    if words != 0.0 && symbols != 0.0 && words.signum() != symbols.signum() {
        for c in contributions.iter_mut().filter(|c| c.symbolic) {
            c.value *= SYMBOL_DISAGREE_SCALE;
        }
    }

    // A contrast after praise that states no complaint implies one ("the agent was lovely, but
    // I still have no internet").
    let mut implied: Vec<((u32, u32), f64)> = Vec::new();
    for p in &s.pivots {
        if p.w_after <= 1.0 {
            continue;
        }
        let before: f64 = contributions
            .iter()
            .filter(|c| {
                items
                    .get(c.item)
                    .is_some_and(|it| p.before_from <= it.t0 && it.t0 < p.at)
            })
            .map(|c| c.value)
            .sum();
        let after_hits = contributions.iter().any(|c| {
            items
                .get(c.item)
                .is_some_and(|it| p.at <= it.t0 && it.t0 < p.after_to)
        });
        // Words after the marker (a marker item starting at the pivot is not counted).
        let from = items
            .iter()
            .find(|it| it.t0 == p.at && matches!(it.role, Role::Contrast | Role::Concessive))
            .map_or(p.at, |it| it.t1);
        let after_words = (from..p.after_to)
            .filter(|&t| toks.toks.get(t as usize).is_some_and(Tok::is_word))
            .count();
        if before > 0.0 && !after_hits && after_words > IMPLIED_MIN_WORDS {
            implied.push((p.marker, -IMPLIED_CONTRAST * f64::from(p.w_after)));
        }
    }

    let mut sum = 0.0f64;
    let mut pos = 0.0f64;
    let mut neg = 0.0f64;
    let mut add = |v: f64| {
        sum += v;
        if v > 0.0 {
            pos += v;
        } else {
            neg -= v;
        }
    };
    for c in contributions.iter() {
        add(c.value);
    }
    for (_, v) in &implied {
        add(*v);
    }

    let evidence = !contributions.is_empty() || !implied.is_empty();
    let mut hits = Vec::new();
    if cfg.hits {
        hits.reserve(contributions.len() + implied.len());
    }
    let span_hit = |t0: u32, t1: u32| {
        let first = toks.toks.get(t0 as usize)?;
        let last = toks.toks.get(t1.saturating_sub(1) as usize)?;
        Some((first, last))
    };
    for c in contributions.iter().filter(|_| cfg.hits) {
        let Some(h) = items.get(c.item) else { continue };
        let Some((first, last)) = span_hit(h.t0, h.t1) else {
            continue;
        };
        let key = if h.role == Role::Symbol {
            toks.key(first).to_string()
        } else {
            joined_key(toks, h.t0, h.t1)
        };
        let kind = if h.role == Role::Symbol {
            if first.flags & tf::EMOJI != 0 {
                HitKind::Emoji
            } else {
                HitKind::Emoticon
            }
        } else if h.words > 1 {
            HitKind::Phrase
        } else {
            HitKind::Word
        };
        hits.push(hit(
            text,
            first,
            last,
            key,
            kind,
            f64::from(h.valence),
            c.value,
            c.negated,
        ));
    }
    for ((m0, m1), v) in implied.iter().filter(|_| cfg.hits) {
        // Reported on the contrast marker that implies it.
        let Some((first, last)) = span_hit(*m0, *m1) else {
            continue;
        };
        let key = joined_key(toks, *m0, *m1);
        hits.push(hit(
            text,
            first,
            last,
            key,
            HitKind::Implied,
            0.0,
            *v,
            false,
        ));
    }
    hits.sort_by_key(|h| h.start);

    // Punctuation emphasis, in the direction of the sum.
    if sum != 0.0 {
        let mut amp = EXCLAMATION_BOOST * f64::from(toks.exclamations.min(MAX_EXCLAMATIONS));
        if toks.questions >= 2 {
            amp += QUESTION_BOOST * f64::from(toks.questions.min(MAX_QUESTIONS));
        }
        sum += amp.copysign(sum);
    }
    // Labelled from the score as reported (6 decimals), so that a reported 0.25 is positive at
    // the default threshold whatever its unrounded value was.
    let score = round6(sum / (sum * sum + ALPHA).sqrt());
    let (lo, hi) = if pos < neg { (pos, neg) } else { (neg, pos) };
    let label = if lo >= cfg.mixed && lo >= MIXED_BALANCE * hi {
        SentimentLabel::Mixed
    } else if score >= cfg.positive {
        SentimentLabel::Positive
    } else if score <= -cfg.negative {
        SentimentLabel::Negative
    } else {
        SentimentLabel::Neutral
    };
    Scored {
        score,
        label,
        language: lang,
        positive: round6(pos),
        negative: round6(neg),
        evidence,
        hits,
    }
}

#[allow(clippy::too_many_arguments)]
fn hit(
    text: &str,
    first: &Tok,
    last: &Tok,
    key: String,
    kind: HitKind,
    valence: f64,
    contribution: f64,
    negated: bool,
) -> Hit {
    Hit {
        text: text
            .get(first.start as usize..last.end as usize)
            .unwrap_or("")
            .to_string(),
        key,
        kind,
        start: first.start as usize,
        end: last.end as usize,
        start_utf16: first.start16 as usize,
        end_utf16: last.end16 as usize,
        valence,
        contribution: round6(contribution),
        negated,
    }
}

/// Rounds to six decimals so results are stable across platforms in JSON.
#[inline]
pub(crate) fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}
