//! The [`Lexicon`]: valences and modifiers per language, built in at compile time and
//! extensible with the caller's own entries.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::hash::{FxMap, U64Map};
use crate::error::{Error, ErrorCode, Result};
use crate::model::Language;
use crate::text::{excerpt, fold};

/// The built-in lexicons, compiled by `build.rs` from `data/lexicon/*.tsv`.
static BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.bin"));

/// The longest phrase, in words, that a lexicon or modifier entry may have.
pub const MAX_PHRASE_WORDS: usize = 12;

/// The longest term accepted, in bytes.
pub const MAX_TERM_BYTES: usize = 200;

/// What a modifier does to the sentiment words around it (see the module documentation of
/// [`crate::sentiment`] for each rule and its default factor).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ModifierKind {
    /// Multiplies the valence of a following hit within the negation window (−0.74).
    Negator,
    /// Adds to the magnitude of a following hit (+0.293).
    Intensifier,
    /// Takes from the magnitude of a following hit (−0.293).
    Dampener,
    /// Weighs the clause after it by `factor` and the clause before by `2 − factor` (1.5).
    Contrast,
    /// Opens a conceded clause (0.5); see the contrast rules.
    Concessive,
    /// A fixed sequence containing a negation word that negates nothing ("not only").
    StopNegation,
}

impl ModifierKind {
    const ALL: [ModifierKind; 6] = [
        ModifierKind::Negator,
        ModifierKind::Intensifier,
        ModifierKind::Dampener,
        ModifierKind::Contrast,
        ModifierKind::Concessive,
        ModifierKind::StopNegation,
    ];

    /// The name used in modifier files (`negator`, `stop-negation` …).
    pub const fn as_str(self) -> &'static str {
        match self {
            ModifierKind::Negator => "negator",
            ModifierKind::Intensifier => "intensifier",
            ModifierKind::Dampener => "dampener",
            ModifierKind::Contrast => "contrast",
            ModifierKind::Concessive => "concessive",
            ModifierKind::StopNegation => "stop-negation",
        }
    }

    /// Parses a modifier-file name.
    pub fn parse(name: &str) -> Option<ModifierKind> {
        ModifierKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// Entry flags.
pub(crate) mod flag {
    /// The entry has a lexicon valence (possibly 0 for blockers).
    pub const LEXICAL: u8 = 1;
    /// A formula or name whose words must not score (no emphasis, no negation).
    pub const BLOCKER: u8 = 2;
    /// A phrase that contains a negation word: its polarity is final.
    pub const FINAL: u8 = 4;
    /// A phrase that ends with a negation word ("still doesn't"): it also negates what follows.
    pub const NEG_TAIL: u8 = 8;
}

/// One folded key of a language table: a lexicon entry, a modifier, both, or only the first words
/// of longer phrases.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Entry {
    pub valence: f32,
    pub factor: f32,
    pub flags: u8,
    pub modifier: Option<ModifierKind>,
    /// A longer phrase starts with this key (the key followed by a space and more words is
    /// a key or the prefix of one). Every proper word prefix of a phrase is in the table, so
    /// the longest match walks forward one word and one lookup at a time.
    pub cont: bool,
}

impl Entry {
    pub fn is_lexical(&self) -> bool {
        self.flags & flag::LEXICAL != 0
    }
    /// Whether the key itself (not only as a phrase start) does something.
    pub fn is_active(&self) -> bool {
        self.is_lexical() || self.modifier.is_some()
    }
    /// Whether the key matters at all (active or the start of a phrase).
    pub fn is_known(&self) -> bool {
        self.is_active() || self.cont
    }
}

/// Packs a key of at most 8 bytes into a `u64`, zero-padded (keys never contain NUL, so the
/// padding is unambiguous). Reads two overlapping 4-byte halves for 4–8 bytes: the bytes they
/// share land on the same bits, so the result equals the zero-padded value.
#[inline]
fn pack(k: &[u8]) -> u64 {
    let n = k.len();
    let word4 = |s: Option<&[u8]>| {
        s.and_then(|s| <[u8; 4]>::try_from(s).ok())
            .map_or(0, |w| u64::from(u32::from_le_bytes(w)))
    };
    if n >= 4 {
        let lo = word4(k.get(..4));
        let hi = word4(k.get(n - 4..));
        lo | (hi << ((n - 4) * 8))
    } else {
        let b = |i: usize| u64::from(k.get(i).copied().unwrap_or(0));
        b(0) | (b(1) << 8) | (b(2) << 16)
    }
}

/// The key of a phrase continuation (never 0).
#[inline]
fn pair_key(prefix: u32, next: u32) -> u64 {
    ((u64::from(prefix) + 1) << 32) | u64::from(next)
}

/// Folded keys (words and phrases of both languages, and the function words of
/// [`super::words`]) to slot numbers. Keys of up to 8 bytes, most words, are looked up as one `u64`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Index {
    short: U64Map,
    long: FxMap<Box<str>, u32>,
    /// Phrase continuations: (slot of the words so far, slot of the next word) → slot of the
    /// longer phrase, so that phrase matching never builds strings.
    pairs: U64Map,
    keys: Vec<Box<str>>,
    /// Word-class flags per slot ([`super::words::wf`]).
    pub flags: Vec<u16>,
}

impl Index {
    /// The slot of a key.
    #[inline]
    pub fn get(&self, k: &str) -> Option<u32> {
        if k.len() <= 8 {
            self.short.get(pack(k.as_bytes()))
        } else {
            self.long.get(k).copied()
        }
    }

    /// The slot of the phrase made of the words of slot `prefix` followed by the word of slot
    /// `next`.
    #[inline]
    pub fn pair(&self, prefix: u32, next: u32) -> Option<u32> {
        self.pairs.get(pair_key(prefix, next))
    }

    fn get_or_insert(&mut self, k: &str) -> u32 {
        if let Some(i) = self.get(k) {
            return i;
        }
        let i = self.keys.len() as u32;
        if k.len() <= 8 {
            self.short.insert(pack(k.as_bytes()), i);
        } else {
            self.long.insert(k.into(), i);
        }
        self.keys.push(k.into());
        self.flags.push(0);
        i
    }

    /// Number of slots.
    pub fn len(&self) -> usize {
        self.keys.len()
    }
}

/// The tables of one language: an entry per slot of the shared [`Index`].
#[derive(Debug, Clone, Default)]
pub(crate) struct LangTable {
    pub entries: Vec<Entry>,
    /// Emoji (base code point, no variation selector) and emoticons (ASCII lower case).
    pub symbols: FxMap<Box<str>, f32>,
    /// Single-word negators (for the keyword matcher's negation check).
    pub negators: FxMap<Box<str>, ()>,
    /// Longest emoticon key in bytes (0 when there are none).
    pub max_emoticon: usize,
    /// ASCII bytes that start, and that end, an emoticon key (bit per byte value); bit 127
    /// stands for any non-ASCII byte.
    pub emoticon_first: u128,
    pub emoticon_last: u128,
    lexical_entries: usize,
    modifier_entries: usize,
}

impl LangTable {
    /// The entry of a slot.
    #[inline]
    pub fn at(&self, slot: u32) -> Option<&Entry> {
        self.entries.get(slot as usize)
    }

    fn put_symbol(&mut self, key: &str, valence: f32) {
        if !key.chars().any(super::tokenize::is_pictograph) {
            self.max_emoticon = self.max_emoticon.max(key.len());
            let bit = |b: Option<&u8>| b.map_or(0, |&b| 1u128 << b.min(127));
            self.emoticon_first |= bit(key.as_bytes().first());
            self.emoticon_last |= bit(key.as_bytes().last());
        }
        self.symbols.insert(key.into(), valence);
    }
}

/// Sentiment lexicons for English and Spanish: word and phrase valences on VADER's −4..+4 scale,
/// emoji and emoticons, and the modifiers (negators, intensifiers, dampeners, contrast,
/// concessive and stop-negation sequences).
///
/// [`Lexicon::builtin`] holds the lexicons compiled into the binary (see
/// `data/lexicon/README.md`: VADER (MIT) plus cxkit's own contact-centre English and Spanish
/// lexicons (CC0)). Build one once and reuse it: construction folds and indexes about 12,000
/// entries (a few milliseconds), scoring then allocates only the result.
///
/// ```
/// use cxkit_core::model::Language;
/// use cxkit_core::sentiment::{Lexicon, SentimentOptions};
/// let mut lex = Lexicon::builtin();
/// lex.add_entries_tsv(Language::En, "term\tvalence\ttags\nzorblax\t2.5\t\n").unwrap();
/// let r = lex.score_text("the zorblax plan", &SentimentOptions::default()).unwrap();
/// assert!(r.score > 0.0);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub(crate) index: Index,
    pub(crate) en: LangTable,
    pub(crate) es: LangTable,
}

static BUILTIN: OnceLock<Lexicon> = OnceLock::new();

impl Lexicon {
    /// The built-in lexicons (a fresh copy you may extend).
    pub fn builtin() -> Lexicon {
        Lexicon::builtin_ref().clone()
    }

    /// The built-in lexicons, shared (built on first use).
    pub fn builtin_ref() -> &'static Lexicon {
        BUILTIN.get_or_init(Lexicon::decode_builtin)
    }

    /// A lexicon with no entries at all (only language detection), to build a custom one from
    /// TSV.
    pub fn empty() -> Lexicon {
        let mut lex = Lexicon::default();
        for (w, f) in super::words::all() {
            let i = lex.slot_index(w);
            if let Some(s) = lex.index.flags.get_mut(i as usize) {
                *s |= f;
            }
        }
        lex
    }

    pub(crate) fn table(&self, language: Language) -> &LangTable {
        match language {
            Language::En => &self.en,
            Language::Es => &self.es,
        }
    }

    fn table_mut(&mut self, language: Language) -> &mut LangTable {
        match language {
            Language::En => &mut self.en,
            Language::Es => &mut self.es,
        }
    }

    /// The entry of a folded key in a language.
    #[inline]
    pub(crate) fn entry(&self, language: Language, key: &str) -> Option<&Entry> {
        self.index.get(key).and_then(|i| self.table(language).at(i))
    }

    /// The slot of a key, created (with empty entries in both languages) if missing.
    fn slot_index(&mut self, key: &str) -> u32 {
        let i = self.index.get_or_insert(key);
        let n = self.index.len();
        for t in [&mut self.en, &mut self.es] {
            if t.entries.len() < n {
                t.entries.resize(n, Entry::default());
            }
        }
        i
    }

    /// Runs `f` on the entry for `key` in `language`, created if missing, with every proper word
    /// prefix marked as continuing.
    fn with_slot(&mut self, language: Language, key: &str, f: impl FnOnce(&mut Entry)) {
        // Every proper word prefix continues; every word has a slot; each (prefix, next word)
        // pair leads to the longer prefix.
        let mut prev: Option<u32> = None;
        let mut start = 0usize;
        let bounds = key
            .match_indices(' ')
            .map(|(i, _)| i)
            .chain(std::iter::once(key.len()));
        for end in bounds {
            let (Some(prefix), Some(word)) = (key.get(..end), key.get(start..end)) else {
                continue;
            };
            let p = self.slot_index(prefix);
            if let Some(before) = prev {
                let w = self.slot_index(word);
                self.index.pairs.insert(pair_key(before, w), p);
                if let Some(e) = self.table_mut(language).entries.get_mut(before as usize) {
                    e.cont = true;
                }
            }
            prev = Some(p);
            start = end + 1;
        }
        let i = self.slot_index(key);
        if let Some(e) = self.table_mut(language).entries.get_mut(i as usize) {
            f(e);
        }
    }

    /// Adds or replaces a lexicon valence (a later entry wins).
    fn put_lexical(&mut self, language: Language, key: &str, valence: f32, blocker: bool) {
        let mut new = false;
        self.with_slot(language, key, |e| {
            new = !e.is_lexical();
            e.valence = valence;
            e.flags |= flag::LEXICAL;
            if blocker || valence == 0.0 {
                e.flags |= flag::BLOCKER;
            } else {
                e.flags &= !flag::BLOCKER;
            }
        });
        if new {
            self.table_mut(language).lexical_entries += 1;
        }
    }

    fn put_modifier(&mut self, language: Language, key: &str, kind: ModifierKind, factor: f32) {
        let mut new = false;
        self.with_slot(language, key, |e| {
            new = e.modifier.is_none();
            e.modifier = Some(kind);
            e.factor = factor;
        });
        let t = self.table_mut(language);
        if new {
            t.modifier_entries += 1;
        }
        if kind == ModifierKind::Negator && !key.contains(' ') {
            t.negators.insert(key.into(), ());
        }
    }

    /// Recomputes the `FINAL` flag of a language: a lexical phrase containing a single-word
    /// negator (or the `t` of an English "n't") keeps its polarity.
    fn finish(&mut self, language: Language) {
        let keys = &self.index.keys;
        let t = match language {
            Language::En => &mut self.en,
            Language::Es => &mut self.es,
        };
        let negators = &t.negators;
        for (key, e) in keys.iter().zip(t.entries.iter_mut()) {
            if e.is_lexical() && key.contains(' ') {
                let is_neg = |w: &str| w == "t" || negators.contains_key(w);
                if key.split(' ').any(is_neg) {
                    e.flags |= flag::FINAL;
                } else {
                    e.flags &= !flag::FINAL;
                }
                if key.rsplit(' ').next().is_some_and(is_neg) {
                    e.flags |= flag::NEG_TAIL;
                } else {
                    e.flags &= !flag::NEG_TAIL;
                }
            }
        }
    }

    /// Longest emoticon key of either language, in bytes.
    pub(crate) fn max_emoticon_len(&self) -> usize {
        self.en.max_emoticon.max(self.es.max_emoticon)
    }

    /// Whether `key` (lower-cased) is an emoticon of either language.
    pub(crate) fn is_emoticon(&self, key: &str) -> bool {
        self.en.symbols.contains_key(key) || self.es.symbols.contains_key(key)
    }

    /// Whether some emoticon could start with byte `first` and end with byte `last` (ASCII
    /// lower case; a quick filter before the lookup).
    #[inline]
    pub(crate) fn emoticon_may_span(&self, first: u8, last: u8) -> bool {
        let f = 1u128 << first.to_ascii_lowercase().min(127);
        let l = 1u128 << last.to_ascii_lowercase().min(127);
        (self.en.emoticon_first | self.es.emoticon_first) & f != 0
            && (self.en.emoticon_last | self.es.emoticon_last) & l != 0
    }

    /// Number of lexicon (valence) entries of a language, phrases, emoji and emoticons included.
    pub fn len(&self, language: Language) -> usize {
        let t = self.table(language);
        t.lexical_entries + t.symbols.len()
    }

    /// Whether a language has no lexicon entries.
    pub fn is_empty(&self, language: Language) -> bool {
        self.len(language) == 0
    }

    /// Number of modifier entries of a language.
    pub fn modifier_count(&self, language: Language) -> usize {
        self.table(language).modifier_entries
    }

    /// The valence of a term (folded like the text: case and accents do not matter), or of an
    /// emoji or emoticon.
    ///
    /// ```
    /// use cxkit_core::model::Language;
    /// use cxkit_core::sentiment::Lexicon;
    /// let lex = Lexicon::builtin_ref();
    /// assert_eq!(lex.valence(Language::Es, "ATENCIÓN PÉSIMA"), lex.valence(Language::Es, "atencion pesima"));
    /// assert!(lex.valence(Language::En, "😡").unwrap() < 0.0);
    /// ```
    pub fn valence(&self, language: Language, term: &str) -> Option<f64> {
        let t = self.table(language);
        if let Some(v) = t.symbols.get(symbol_key(term).as_str()) {
            return Some(f64::from(*v));
        }
        self.entry(language, &fold(term))
            .filter(|e| e.is_lexical())
            .map(|e| f64::from(e.valence))
    }

    /// The modifier role of a term, if any, with its factor.
    pub fn modifier(&self, language: Language, term: &str) -> Option<(ModifierKind, f64)> {
        self.entry(language, &fold(term))
            .and_then(|e| e.modifier.map(|k| (k, f64::from(e.factor))))
    }

    /// Adds (or replaces) one lexicon entry: a word, a phrase, an emoji or an emoticon, with a
    /// valence in −4..4. Errors: [`ErrorCode::InvalidLexicon`] for an empty or too long term, a
    /// non-finite or out-of-range valence.
    pub fn insert(&mut self, language: Language, term: &str, valence: f64) -> Result<()> {
        let entry = check_term(term).and_then(|t| {
            check_valence(valence)?;
            Ok(t)
        });
        match entry {
            Ok(kind) => {
                self.put(language, term, kind, valence as f32, false);
                self.finish(language);
                Ok(())
            }
            Err(msg) => Err(Error::new(ErrorCode::InvalidLexicon, msg).with_field("term")),
        }
    }

    /// Adds (or replaces) one modifier.
    pub fn insert_modifier(
        &mut self,
        language: Language,
        term: &str,
        kind: ModifierKind,
        factor: f64,
    ) -> Result<()> {
        let checked = check_term(term).and_then(|k| {
            if k != TermKind::Word {
                return Err("a modifier must be a word or phrase".to_string());
            }
            check_factor(factor)
        });
        if let Err(msg) = checked {
            return Err(Error::new(ErrorCode::InvalidLexicon, msg).with_field("term"));
        }
        self.put_modifier(language, &fold(term), kind, factor as f32);
        self.finish(language);
        Ok(())
    }

    /// Adds lexicon entries from TSV text in the format of `data/lexicon/*.tsv`: lines starting
    /// with `#` and blank lines are skipped, an optional header `term<TAB>valence<TAB>tags`, then
    /// `term<TAB>valence[<TAB>tags]` per line. Terms are folded like the text; `tags` may hold
    /// `blocker` (a formula whose words must not score; no emphasis or negation applies) and
    /// `emoji` (an emoticon matched on the raw text). Later entries replace earlier ones and
    /// the built-in ones. Returns the number of entries read.
    ///
    /// The whole text is checked before anything is added: a malformed line is an
    /// [`ErrorCode::InvalidLexicon`] error whose `index` is the 1-based line number.
    ///
    /// ```
    /// use cxkit_core::model::Language;
    /// use cxkit_core::sentiment::Lexicon;
    /// let mut lex = Lexicon::builtin();
    /// let err = lex.add_entries_tsv(Language::Es, "chido\t2.0\nfatal\tmuy\n").unwrap_err();
    /// assert_eq!(err.code.as_str(), "invalid_lexicon");
    /// assert_eq!(err.index, Some(2));
    /// assert_eq!(lex.add_entries_tsv(Language::Es, "chido\t2.0\n").unwrap(), 1);
    /// ```
    pub fn add_entries_tsv(&mut self, language: Language, tsv: &str) -> Result<usize> {
        let rows = parse_rows(tsv, ["term", "valence", "tags"], |cols| {
            let [term, valence, rest @ ..] = cols else {
                return Err("expected term<TAB>valence[<TAB>tags]".to_string());
            };
            if rest.len() > 1 {
                return Err(format!("expected 2 or 3 columns, got {}", cols.len()));
            }
            let kind = check_term(term)?;
            let v: f64 = valence
                .trim()
                .parse()
                .map_err(|_| format!("valence \"{}\" is not a number", excerpt(valence)))?;
            check_valence(v)?;
            let mut blocker = false;
            let mut emoji = false;
            for tag in rest.first().map_or("", |t| *t).split(',').map(str::trim) {
                match tag {
                    "blocker" => blocker = true,
                    "emoji" => emoji = true,
                    _ => {}
                }
            }
            let kind = match (kind, emoji) {
                (TermKind::Word, true) if !term.chars().all(char::is_alphanumeric) => {
                    symbol_kind(term)?
                }
                (k, _) => k,
            };
            Ok(((*term).to_string(), kind, v as f32, blocker))
        })?;
        let n = rows.len();
        for (term, kind, v, blocker) in rows {
            self.put(language, &term, kind, v, blocker);
        }
        self.finish(language);
        Ok(n)
    }

    /// Adds modifiers from TSV text in the format of `data/lexicon/*-modifiers.tsv`:
    /// `term<TAB>kind<TAB>factor` with kind one of `negator`, `intensifier`, `dampener`,
    /// `contrast`, `concessive`, `stop-negation`. Errors as for [`Lexicon::add_entries_tsv`].
    ///
    /// ```
    /// use cxkit_core::model::Language;
    /// use cxkit_core::sentiment::{Lexicon, ModifierKind};
    /// let mut lex = Lexicon::builtin();
    /// lex.add_modifiers_tsv(Language::Es, "re contra\tintensifier\t0.4\n").unwrap();
    /// assert_eq!(lex.modifier(Language::Es, "re contra"), Some((ModifierKind::Intensifier, 0.4000000059604645)));
    /// ```
    pub fn add_modifiers_tsv(&mut self, language: Language, tsv: &str) -> Result<usize> {
        let rows = parse_rows(tsv, ["term", "kind", "factor"], |cols| {
            let [term, kind, factor] = cols else {
                return Err(format!(
                    "expected 3 tab-separated columns (term, kind, factor), got {}",
                    cols.len()
                ));
            };
            if check_term(term)? != TermKind::Word {
                return Err("a modifier must be a word or phrase".to_string());
            }
            let kind = ModifierKind::parse(kind.trim()).ok_or_else(|| {
                format!(
                    "unknown modifier kind \"{}\" (negator, intensifier, dampener, contrast, concessive, stop-negation)",
                    excerpt(kind)
                )
            })?;
            let f: f64 = factor
                .trim()
                .parse()
                .map_err(|_| format!("factor \"{}\" is not a number", excerpt(factor)))?;
            check_factor(f)?;
            Ok((fold(term), kind, f as f32))
        })?;
        let n = rows.len();
        for (key, kind, f) in rows {
            self.put_modifier(language, &key, kind, f);
        }
        self.finish(language);
        Ok(n)
    }

    fn put(&mut self, language: Language, term: &str, kind: TermKind, v: f32, blocker: bool) {
        match kind {
            TermKind::Word => self.put_lexical(language, &fold(term), v, blocker),
            TermKind::Symbol => self.table_mut(language).put_symbol(&symbol_key(term), v),
        }
    }

    /// Decodes the blob written by `build.rs`.
    fn decode_builtin() -> Lexicon {
        let mut lex = Lexicon::empty();
        // The blob is our own build output, checked by tests; a malformed blob yields a
        // partial lexicon rather than a panic.
        let _ = lex.decode(BLOB);
        lex.finish(Language::En);
        lex.finish(Language::Es);
        lex
    }

    fn decode(&mut self, blob: &[u8]) -> Option<()> {
        let mut r = Reader { b: blob, at: 0 };
        if r.take(4)? != b"CXLX" || r.u8()? != 2 {
            return None;
        }
        let sections = r.u8()?;
        let mut term: Vec<u8> = Vec::with_capacity(64);
        for _ in 0..sections {
            let language = if r.u8()? == 0 {
                Language::En
            } else {
                Language::Es
            };
            let kind = r.u8()?;
            let count = u32::from_le_bytes(r.take(4)?.try_into().ok()?);
            let terms_len = u32::from_le_bytes(r.take(4)?.try_into().ok()?) as usize;
            let mut terms = Reader {
                b: r.take(terms_len)?,
                at: 0,
            };
            let payload_size = if kind == 0 { 2 } else { 3 };
            let mut payloads = Reader {
                b: r.take((count as usize).checked_mul(payload_size)?)?,
                at: 0,
            };
            for _ in 0..count {
                let shared = usize::from(terms.u8()?);
                term.truncate(shared);
                let rest = terms.b.get(terms.at..)?;
                let len = rest.iter().position(|&c| c == b'\n')?;
                term.extend_from_slice(terms.take(len)?);
                terms.take(1)?;
                let text = std::str::from_utf8(&term).ok()?;
                if kind == 0 {
                    let v = f32::from(payloads.u8()? as i8) / 10.0;
                    let flags = payloads.u8()?;
                    let emoji = flags & 2 != 0;
                    let blocker = flags & 1 != 0;
                    let k = if emoji && !text.chars().all(char::is_alphanumeric) {
                        match symbol_kind(text) {
                            Ok(k) => k,
                            Err(_) => continue, // emoticons with spaces cannot match a token
                        }
                    } else {
                        TermKind::Word
                    };
                    if k == TermKind::Word && fold(text).is_empty() {
                        continue;
                    }
                    self.put(language, text, k, v, blocker);
                } else {
                    let code = payloads.u8()?;
                    let f =
                        f32::from(i16::from_le_bytes(payloads.take(2)?.try_into().ok()?)) / 1000.0;
                    let kind = *ModifierKind::ALL.get(usize::from(code))?;
                    self.put_modifier(language, &fold(text), kind, f);
                }
            }
        }
        Some(())
    }
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1)?.first().copied()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TermKind {
    /// Matched on folded words.
    Word,
    /// An emoji or emoticon, matched on the raw text.
    Symbol,
}

/// Classifies a term: words fold to something; emoji and punctuation-only emoticons do not.
fn check_term(term: &str) -> std::result::Result<TermKind, String> {
    if term.trim().is_empty() {
        return Err("the term is empty".to_string());
    }
    if term.len() > MAX_TERM_BYTES {
        return Err(format!(
            "the term \"{}\" is longer than {MAX_TERM_BYTES} bytes",
            excerpt(term)
        ));
    }
    let folded = fold(term);
    if folded.is_empty() {
        return symbol_kind(term);
    }
    if term.chars().any(super::tokenize::is_pictograph) {
        return Err(format!(
            "the term \"{}\" mixes emoji and words; enter the emoji on its own line",
            excerpt(term)
        ));
    }
    let words = folded.split(' ').count();
    if words > MAX_PHRASE_WORDS {
        return Err(format!(
            "the phrase \"{}\" has {words} words, more than {MAX_PHRASE_WORDS}",
            excerpt(term)
        ));
    }
    Ok(TermKind::Word)
}

fn symbol_kind(term: &str) -> std::result::Result<TermKind, String> {
    if term.chars().any(char::is_whitespace) {
        return Err(format!(
            "the emoticon \"{}\" contains a space; emoticons are matched as single tokens",
            excerpt(term)
        ));
    }
    Ok(TermKind::Symbol)
}

fn check_valence(v: f64) -> std::result::Result<(), String> {
    if v.is_finite() && (-4.0..=4.0).contains(&v) {
        Ok(())
    } else {
        Err(format!("valence {v} must be a number in -4..4"))
    }
}

fn check_factor(f: f64) -> std::result::Result<(), String> {
    if f.is_finite() && (-4.0..=4.0).contains(&f) {
        Ok(())
    } else {
        Err(format!("factor {f} must be a number in -4..4"))
    }
}

/// The key of an emoji or emoticon: emoji reduced to their base code point (variation
/// selectors, skin tones and anything after a zero-width joiner removed), ASCII lower-cased.
pub(crate) fn symbol_key(term: &str) -> String {
    let mut out = String::with_capacity(term.len());
    let mut chars = term.chars().peekable();
    while let Some(c) = chars.next() {
        if super::tokenize::is_emoji_modifier(c) {
            continue;
        }
        if c == '\u{200d}' {
            // Drop the joined part: the next pictograph and its modifiers.
            if chars
                .peek()
                .is_some_and(|n| super::tokenize::is_pictograph(*n))
            {
                chars.next();
            }
            continue;
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// Parses TSV rows, all or nothing: the first bad line is reported with its number.
fn parse_rows<T>(
    tsv: &str,
    header: [&str; 3],
    mut row: impl FnMut(&[&str]) -> std::result::Result<T, String>,
) -> Result<Vec<T>> {
    let mut out = Vec::new();
    let mut first = true;
    for (i, line) in tsv.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if first {
            first = false;
            if cols.first().map(|c| c.trim()) == header.first().copied()
                && cols.get(1).map(|c| c.trim()) == header.get(1).copied()
            {
                continue;
            }
        }
        let n = i + 1;
        let r = row(&cols).map_err(|msg| {
            Error::new(ErrorCode::InvalidLexicon, format!("line {n}: {msg}"))
                .with_field("lexicon")
                .with_index(n)
        })?;
        out.push(r);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pack_is_zero_padded() {
        for k in [
            "", "a", "ab", "abc", "abcd", "abcde", "abcdef", "abcdefg", "abcdefgh",
        ] {
            let mut w = [0u8; 8];
            w[..k.len()].copy_from_slice(k.as_bytes());
            assert_eq!(pack(k.as_bytes()), u64::from_le_bytes(w), "{k}");
        }
    }

    #[test]
    fn builtin_has_every_file() {
        let lex = Lexicon::builtin_ref();
        assert!(lex.len(Language::En) > 7_000, "{}", lex.len(Language::En));
        assert!(lex.len(Language::Es) > 3_000, "{}", lex.len(Language::Es));
        assert!(lex.modifier_count(Language::En) > 150);
        assert!(lex.modifier_count(Language::Es) > 120);
        // en-cc overrides VADER.
        assert_eq!(lex.valence(Language::En, "yes"), Some(0.2f32 as f64));
        assert_eq!(
            lex.modifier(Language::Es, "sin embargo").map(|m| m.0),
            Some(ModifierKind::Contrast)
        );
        assert!(lex.valence(Language::Es, "pésimo").unwrap() < -3.0);
        assert!(lex.valence(Language::Es, "¬¬").unwrap() < 0.0);
        assert!(lex.valence(Language::En, ":D").unwrap() > 0.0);
        let e = lex.entry(Language::En, "couldn t be happier").unwrap();
        assert!(e.flags & flag::FINAL != 0);
        assert!(lex.entry(Language::En, "couldn").unwrap().cont);
        assert!(lex.entry(Language::En, "couldn t be").unwrap().cont);
        assert!(!lex.entry(Language::En, "couldn t be happier").unwrap().cont);
        assert_eq!(
            lex.index.flags[lex.index.get("the").unwrap() as usize],
            super::super::words::wf::STOP_EN
        );
    }
}
