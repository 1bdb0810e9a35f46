//! Unicode-aware tokenizer: words folded like [`crate::text::fold`], emoji, emoticons, and the
//! clause and sentence structure the rules need, with byte and UTF-16 spans.
//!
//! One pass over the text, no allocation per token: folded words are appended to one buffer
//! and tokens are small `Copy` records of offsets into it and into the text.

use serde::{Deserialize, Serialize};

use super::lexicon::Lexicon;
use crate::error::{Error, ErrorCode, Result};

/// Token flags.
pub(crate) mod tf {
    /// Every cased letter is upper case and there are at least three ("ALL CAPS").
    pub const CAPS: u16 = 1;
    /// A letter repeated three or more times ("muuuy", "sooo").
    pub const ELONG: u16 = 2;
    /// Holds a letter that only Spanish uses among the two languages (ñ, á, é, í, ó, ú).
    pub const SPANISH: u16 = 4;
    /// An emoji (pictograph).
    pub const EMOJI: u16 = 8;
    /// An emoticon (`:)`, `XD`, `¬¬`).
    pub const EMOTICON: u16 = 16;
    /// Any symbol token.
    pub const SYMBOL: u16 = EMOJI | EMOTICON;
    /// Has at least one lower-case letter.
    pub const LOWER: u16 = 32;
    /// Starts with an upper-case letter and has lower-case letters ("Title").
    pub const TITLE: u16 = 64;
    /// Inside a pair of quotation marks.
    pub const QUOTED: u16 = 128;
    /// The key was rewritten by normalisation and lives in `Tokens::alt`.
    pub const ALT: u16 = 256;
}

/// The longest quotation, in tokens, whose words count as quoted.
pub(crate) const MAX_QUOTE_TOKENS: usize = 12;

/// One token: offsets into the text (bytes and UTF-16 code units) and into the key buffer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Tok {
    pub start: u32,
    pub end: u32,
    pub start16: u32,
    pub end16: u32,
    /// Range of the folded (then normalised) key in `Tokens::buf`, or of a symbol's key in
    /// `Tokens::sym`.
    pub fs: u32,
    pub fe: u32,
    pub clause: u32,
    pub sentence: u32,
    /// The slot of the word's key in the lexicon index (`NO_SLOT` when unknown or a symbol).
    pub slot: u32,
    pub flags: u16,
}

/// The `slot` of a token whose key is not in the lexicon index.
pub(crate) const NO_SLOT: u32 = u32::MAX;

impl Tok {
    #[inline]
    pub fn is_word(&self) -> bool {
        self.flags & tf::SYMBOL == 0
    }
}

/// The key of a token, from the buffer its flags name.
#[inline]
pub(crate) fn key_in<'a>(buf: &'a str, sym: &'a str, alt: &'a str, t: &Tok) -> &'a str {
    let src = if t.flags & tf::SYMBOL != 0 {
        sym
    } else if t.flags & tf::ALT != 0 {
        alt
    } else {
        buf
    };
    src.get(t.fs as usize..t.fe as usize).unwrap_or("")
}

/// Tokens of one text and the text-level counts the rules use. Reused between calls.
#[derive(Debug, Default, Clone)]
pub(crate) struct Tokens {
    pub toks: Vec<Tok>,
    /// Folded words, separated by single spaces (consecutive word tokens of a clause are
    /// contiguous, so a phrase is one slice).
    pub buf: String,
    /// Symbol keys (emoji base code points, lower-cased emoticons).
    pub sym: String,
    /// Keys rewritten by normalisation (chat spellings, laughter, elongation).
    pub alt: String,
    pub exclamations: u32,
    pub questions: u32,
    /// Words with at least three cased letters, all upper case.
    pub caps_words: u32,
    /// Words with at least one lower-case letter.
    pub lower_words: u32,
    /// Count of `¿`, `¡`.
    pub spanish_marks: u32,
    /// Indices of the sentences that end with a question mark.
    pub question_sentences: Vec<u32>,
    /// Scratch for emoji and emoticon keys.
    key: String,
    emo: String,
}

impl Tokens {
    #[inline]
    pub fn key(&self, t: &Tok) -> &str {
        key_in(&self.buf, &self.sym, &self.alt, t)
    }

    /// Whether ALL-CAPS words stand out: some words are in capitals and some are not.
    pub fn caps_differential(&self) -> bool {
        self.caps_words > 0 && self.lower_words > 0
    }

    fn clear(&mut self) {
        self.toks.clear();
        self.buf.clear();
        self.sym.clear();
        self.alt.clear();
        self.exclamations = 0;
        self.questions = 0;
        self.caps_words = 0;
        self.lower_words = 0;
        self.spanish_marks = 0;
        self.question_sentences.clear();
    }

    /// Whether sentence `s` ends with a question mark.
    pub fn is_question(&self, s: u32) -> bool {
        self.question_sentences.contains(&s)
    }
}

/// Code points drawn as emoji: the pictograph blocks (U+1F000–U+1FAFF), Miscellaneous Symbols
/// and Dingbats (U+2600–U+27BF), Miscellaneous Technical (U+2300–U+23FF), Miscellaneous
/// Symbols and Arrows (U+2B00–U+2BFF) and ‼ ⁉.
#[inline]
pub(crate) fn is_pictograph(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1F3FA | 0x1F400..=0x1FAFF | 0x2600..=0x27BF | 0x2300..=0x23FF
        | 0x2B00..=0x2BFF | 0x203C | 0x2049)
}

/// Code points that modify the emoji before them: variation selectors, skin tones, the keycap
/// mark and tag characters.
#[inline]
pub(crate) fn is_emoji_modifier(c: char) -> bool {
    matches!(c as u32, 0xFE0E | 0xFE0F | 0x1F3FB..=0x1F3FF | 0x20E3 | 0xE0020..=0xE007F)
}

#[inline]
fn is_combining_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// What a punctuation character does to the structure.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Punct {
    None,
    Clause,
    Sentence,
}

#[inline]
fn punct_kind(c: char) -> Punct {
    match c {
        '.' | '!' | '?' | '…' | '¿' | '¡' | '\n' | '。' => Punct::Sentence,
        ',' | ';' | ':' | '(' | ')' | '[' | ']' | '{' | '}' | '—' | '–' | '/' | '|' | '•' => {
            Punct::Clause
        }
        _ => Punct::None,
    }
}

/// ASCII byte classes: bit 1 letter or digit, bit 2 upper-case letter, bit 4 lower-case letter.
// Evaluated at compile time: an index out of bounds would fail the build, not panic.
#[allow(clippy::indexing_slicing)]
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = if b.is_ascii_uppercase() {
            3
        } else if b.is_ascii_lowercase() {
            5
        } else if b.is_ascii_digit() {
            1
        } else {
            0
        };
        i += 1;
    }
    t
};

#[inline]
fn class(b: u8) -> u8 {
    CLASS.get(usize::from(b)).copied().unwrap_or(0)
}

/// Quotation marks, opening or closing by position.
#[inline]
fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' | '„')
}

/// Tokenizer state within one text.
struct State<'a> {
    out: &'a mut Tokens,
    /// Where words are looked up (their slot is stored in the token); `None` for plain
    /// tokenization (keyword scanning).
    lex: Option<&'a Lexicon>,
    clause: u32,
    sentence: u32,
    pending: Punct,
    /// The open word.
    word: Option<Word>,
    /// Index of the first token after an opening quotation mark.
    quote: Option<usize>,
}

#[derive(Clone, Copy)]
struct Word {
    start: u32,
    start16: u32,
    fs: u32,
    upper: u16,
    lower: u16,
    /// Whether the first cased letter was upper case.
    title: bool,
    flags: u16,
    last: char,
    run: u8,
}

impl State<'_> {
    #[inline]
    fn boundary(&mut self, p: Punct) {
        if p == Punct::Sentence || self.pending == Punct::None {
            self.pending = p;
        }
    }

    #[inline]
    fn push(&mut self, mut t: Tok) {
        if !self.out.toks.is_empty() {
            match self.pending {
                Punct::Sentence => {
                    self.sentence += 1;
                    self.clause += 1;
                }
                Punct::Clause => self.clause += 1,
                Punct::None => {}
            }
        }
        self.pending = Punct::None;
        t.clause = self.clause;
        t.sentence = self.sentence;
        self.out.toks.push(t);
    }

    /// A quotation mark at byte `i`: it opens a quotation when it follows a space (or starts
    /// the text or follows a bracket) and precedes a non-space; it closes one when it follows a
    /// non-space and precedes a space, punctuation or the end. Apostrophes inside words do
    /// neither. A closed quotation of at most [`MAX_QUOTE_TOKENS`] tokens marks them quoted.
    fn quote_mark(&mut self, bytes: &[u8], i: usize, len: usize) {
        let before = i.checked_sub(1).and_then(|p| bytes.get(p)).copied();
        let after = bytes.get(i + len).copied();
        let opens = before.is_none_or(|b| b.is_ascii_whitespace() || b"([{".contains(&b))
            && after.is_some_and(|b| !b.is_ascii_whitespace());
        let closes = before.is_some_and(|b| !b.is_ascii_whitespace())
            && after.is_none_or(|b| b.is_ascii_whitespace() || b.is_ascii_punctuation());
        match (opens, closes, self.quote) {
            (true, false, _) => self.quote = Some(self.out.toks.len()),
            (false, true, Some(open)) => {
                let n = self.out.toks.len();
                if n > open && n - open <= MAX_QUOTE_TOKENS {
                    for t in self.out.toks.iter_mut().skip(open) {
                        t.flags |= tf::QUOTED;
                    }
                }
                self.quote = None;
            }
            _ => {}
        }
    }

    /// A question mark ends the current sentence as a question.
    fn question(&mut self) {
        if !self.out.toks.is_empty() && self.pending != Punct::Sentence {
            let s = self.sentence;
            if self.out.question_sentences.last() != Some(&s) {
                self.out.question_sentences.push(s);
            }
        }
    }

    #[inline]
    fn start_word(&mut self, at: u32, at16: u32) {
        if !self.out.buf.is_empty() {
            self.out.buf.push(' ');
        }
        self.word = Some(Word {
            start: at,
            start16: at16,
            fs: self.out.buf.len() as u32,
            upper: 0,
            lower: 0,
            title: false,
            flags: 0,
            last: '\0',
            run: 0,
        });
    }

    /// Closes the open word, if any (the check inline, the work out of line).
    #[inline(always)]
    fn end_word(&mut self, at: u32, at16: u32) {
        if self.word.is_some() {
            self.close_word(at, at16);
        }
    }

    #[inline(never)]
    fn close_word(&mut self, at: u32, at16: u32) {
        if let Some(w) = self.word.take() {
            let mut flags = w.flags;
            if w.upper >= 3 && w.lower == 0 {
                flags |= tf::CAPS;
                self.out.caps_words += 1;
            } else if w.lower > 0 {
                flags |= tf::LOWER;
                self.out.lower_words += 1;
                if w.title {
                    flags |= tf::TITLE;
                }
            }
            let fe = self.out.buf.len() as u32;
            let slot = self
                .out
                .buf
                .get(w.fs as usize..fe as usize)
                .and_then(|k| self.lex.and_then(|l| l.index.get(k)))
                .unwrap_or(NO_SLOT);
            self.push(Tok {
                start: w.start,
                end: at,
                start16: w.start16,
                end16: at16,
                fs: w.fs,
                fe,
                clause: 0,
                sentence: 0,
                slot,
                flags,
            });
        }
    }

    /// Appends the run of ASCII letters and digits of `text` from byte `from` to the open
    /// word (copied, then lower-cased in place), with the case counts and the elongation check
    /// of [`State::letter`]. Returns where the run ends.
    #[inline]
    fn ascii_run(&mut self, text: &str, from: usize) -> usize {
        let bytes = text.as_bytes();
        let Some(w) = self.word.as_mut() else {
            return from + 1;
        };
        if w.upper == 0 && w.lower == 0 && bytes.get(from).is_some_and(u8::is_ascii_uppercase) {
            w.title = true;
        }
        let mut last = w.last;
        let mut repeat = w.run;
        let mut upper = 0u16;
        let mut lower = 0u16;
        let mut end = from;
        while let Some(&c) = bytes.get(end) {
            let k = class(c);
            if k == 0 {
                break;
            }
            upper = upper.saturating_add(u16::from(k & 2 != 0));
            lower = lower.saturating_add(u16::from(k & 4 != 0));
            let l = (c | 0x20) as char;
            if l == last && k > 1 {
                repeat = repeat.saturating_add(1);
                if repeat >= 3 {
                    w.flags |= tf::ELONG;
                }
            } else {
                last = l;
                repeat = 1;
            }
            end += 1;
        }
        w.upper = w.upper.saturating_add(upper);
        w.lower = w.lower.saturating_add(lower);
        w.last = last;
        w.run = repeat;
        let at = self.out.buf.len();
        self.out.buf.push_str(text.get(from..end).unwrap_or(""));
        if let Some(tail) = self.out.buf.get_mut(at..) {
            tail.make_ascii_lowercase();
        }
        end.max(from + 1)
    }

    /// Drops the open word (its text turned out to be part of an emoticon).
    fn discard_word(&mut self) {
        if let Some(w) = self.word.take() {
            self.out.buf.truncate(w.fs as usize);
            if self.out.buf.ends_with(' ') {
                self.out.buf.pop();
            }
        }
    }

    /// Appends one folded letter or digit to the open word.
    #[inline]
    fn letter(&mut self, c: char) {
        let Some(w) = self.word.as_mut() else {
            return;
        };
        if c.is_ascii() {
            let b = c as u8;
            if b.is_ascii_uppercase() {
                if w.upper == 0 && w.lower == 0 {
                    w.title = true;
                }
                w.upper += 1;
            } else if b.is_ascii_lowercase() {
                w.lower += 1;
            }
            let l = b.to_ascii_lowercase() as char;
            track_run(w, l);
            self.out.buf.push(l);
            return;
        }
        if c.is_uppercase() {
            if w.upper == 0 && w.lower == 0 {
                w.title = true;
            }
            w.upper = w.upper.saturating_add(1);
        } else if c.is_lowercase() {
            w.lower = w.lower.saturating_add(1);
        }
        if matches!(
            c,
            'ñ' | 'Ñ' | 'á' | 'é' | 'í' | 'ó' | 'ú' | 'Á' | 'É' | 'Í' | 'Ó' | 'Ú'
        ) {
            w.flags |= tf::SPANISH;
        }
        let f = secular::lower_lay_char(c);
        if f.is_ascii() {
            let l = f.to_ascii_lowercase();
            track_run(w, l);
            self.out.buf.push(l);
        } else {
            for l in f.to_lowercase() {
                track_run(w, l);
                self.out.buf.push(l);
            }
        }
    }
}

#[inline]
fn track_run(w: &mut Word, l: char) {
    if l == w.last && l.is_alphabetic() {
        w.run = w.run.saturating_add(1);
        if w.run >= 3 {
            w.flags |= tf::ELONG;
        }
    } else {
        w.last = l;
        w.run = 1;
    }
}

/// Tokenizes `text` into `out`. `text` must be shorter than 4 GiB (callers check the size
/// limit first). With a lexicon, emoticons are recognised against its emoticon keys and each
/// word's slot is looked up; without one, words are only folded.
pub(crate) fn tokenize_into(text: &str, lexicon: Option<&Lexicon>, out: &mut Tokens) {
    out.clear();
    let max_emoticon = lexicon.map_or(0, Lexicon::max_emoticon_len);
    let mut key = std::mem::take(&mut out.key);
    let mut emo = std::mem::take(&mut out.emo);
    let mut st = State {
        out,
        lex: lexicon,
        clause: 0,
        sentence: 0,
        pending: Punct::None,
        word: None,
        quote: None,
    };
    let bytes = text.as_bytes();
    let len = bytes.len();
    let mut i = 0usize;
    let mut u16pos = 0u32;
    // Where the current whitespace-separated chunk begins (bytes, UTF-16) and how many tokens
    // there were before it: an emoticon can be the whole chunk or glued to its end.
    let mut chunk_begin = 0usize;
    let mut chunk_begin16 = 0u32;
    let mut chunk_tokens = 0usize;
    let mut chunk_start = true;
    while i < len {
        let b = bytes.get(i).copied().unwrap_or(b' ');
        if b.is_ascii_whitespace() {
            st.end_word(i as u32, u16pos);
            if b == b'\n' {
                st.boundary(Punct::Sentence);
            }
            chunk_start = true;
            i += 1;
            u16pos += 1;
            continue;
        }
        if chunk_start {
            chunk_start = false;
            chunk_begin = i;
            chunk_begin16 = u16pos;
            chunk_tokens = st.out.toks.len();
        }
        if b.is_ascii_alphanumeric() {
            // ASCII fast path: the whole run of ASCII letters and digits at once.
            if st.word.is_none() {
                st.start_word(i as u32, u16pos);
            }
            let end = st.ascii_run(text, i);
            u16pos += (end - i) as u32;
            i = end;
            continue;
        }
        // Emoticons, looked for only at punctuation that only emoticons use, once per run of
        // such punctuation.
        if max_emoticon > 0
            && emoticonish(b, bytes.get(i + 1).copied())
            && !(i > chunk_begin && bytes.get(i - 1).is_some_and(|&p| emoticonish(p, Some(b))))
        {
            let chunk_end = bytes
                .get(i..)
                .and_then(|r| r.iter().position(u8::is_ascii_whitespace))
                .map_or(len, |p| i + p);
            let whole = st.out.toks.len() == chunk_tokens;
            let found = if whole {
                text.get(chunk_begin..chunk_end)
                    .zip(lexicon)
                    .and_then(|(c, lex)| find_emoticon(c, lex, max_emoticon, &mut emo, true))
                    .map(|e| (chunk_begin, chunk_begin + e))
            } else {
                None
            };
            let (found, from16) = match found {
                Some(f) => {
                    st.discard_word();
                    (Some(f), chunk_begin16)
                }
                None => {
                    let tail = text
                        .get(i..chunk_end)
                        .zip(lexicon)
                        .and_then(|(c, lex)| find_emoticon(c, lex, max_emoticon, &mut emo, false))
                        .map(|e| (i, i + e));
                    if tail.is_some() {
                        st.end_word(i as u32, u16pos);
                    }
                    (tail, u16pos)
                }
            };
            if let Some((s0, e)) = found {
                let u16len = utf16_len(text.get(s0..e).unwrap_or(""));
                emit_symbol(&mut st, &emo, s0, e, from16, from16 + u16len, tf::EMOTICON);
                i = e;
                u16pos = from16 + u16len;
                continue;
            }
        }
        if b < 0x80 {
            let c = b as char;
            st.end_word(i as u32, u16pos);
            match c {
                '!' => st.out.exclamations += 1,
                '?' => {
                    st.out.questions += 1;
                    st.question();
                }
                _ => {}
            }
            let p = punct_kind(c);
            let decimal = c == '.'
                && i > 0
                && bytes.get(i - 1).is_some_and(u8::is_ascii_digit)
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
            if !decimal {
                st.boundary(p);
            }
            if c == '-' && is_spaced(bytes, i) {
                st.boundary(Punct::Clause);
            }
            if c == '"' || c == '\'' {
                st.quote_mark(bytes, i, 1);
            }
            i += 1;
            u16pos += 1;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|s| s.chars().next()) else {
            break;
        };
        let clen = c.len_utf8();
        let c16 = c.len_utf16() as u32;
        if c.is_alphanumeric() {
            if st.word.is_none() {
                st.start_word(i as u32, u16pos);
            }
            st.letter(c);
        } else if is_combining_mark(c) {
            // Folded away, does not split the word (as in `text::fold`).
        } else if is_pictograph(c) {
            st.end_word(i as u32, u16pos);
            // Consume modifiers and zero-width-joined parts.
            let mut j = i + clen;
            let mut j16 = u16pos + c16;
            while let Some(n) = text.get(j..).and_then(|s| s.chars().next()) {
                if is_emoji_modifier(n) {
                    j += n.len_utf8();
                    j16 += n.len_utf16() as u32;
                } else if n == '\u{200d}' {
                    j += n.len_utf8();
                    j16 += 1;
                    if let Some(m) = text.get(j..).and_then(|s| s.chars().next())
                        && is_pictograph(m)
                    {
                        j += m.len_utf8();
                        j16 += m.len_utf16() as u32;
                    }
                } else {
                    break;
                }
            }
            key.clear();
            key.push(c);
            emit_symbol(&mut st, &key, i, j, u16pos, j16, tf::EMOJI);
            i = j;
            u16pos = j16;
            continue;
        } else {
            st.end_word(i as u32, u16pos);
            if c.is_whitespace() {
                chunk_start = true;
            }
            if is_quote(c) {
                st.quote_mark(bytes, i, clen);
            }
            match c {
                '¿' | '¡' => st.out.spanish_marks += 1,
                '！' => st.out.exclamations += 1,
                '？' => {
                    st.out.questions += 1;
                    st.question();
                }
                _ => {}
            }
            st.boundary(punct_kind(c));
        }
        i += clen;
        u16pos += c16;
    }
    st.end_word(len as u32, u16pos);
    out.key = key;
    out.emo = emo;
}

#[inline]
fn is_spaced(bytes: &[u8], i: usize) -> bool {
    let before = i == 0 || bytes.get(i - 1).is_some_and(u8::is_ascii_whitespace);
    let after = bytes
        .get(i + 1)
        .is_none_or(|b| b.is_ascii_whitespace() || *b == b'-');
    before && after
}

fn utf16_len(s: &str) -> u32 {
    if s.is_ascii() {
        s.len() as u32
    } else {
        s.encode_utf16().count() as u32
    }
}

fn emit_symbol(
    st: &mut State<'_>,
    key: &str,
    start: usize,
    end: usize,
    start16: u32,
    end16: u32,
    flag: u16,
) {
    let fs = st.out.sym.len() as u32;
    st.out.sym.push_str(key);
    let fe = st.out.sym.len() as u32;
    st.out.sym.push(' ');
    st.push(Tok {
        start: start as u32,
        end: end as u32,
        start16,
        end16,
        fs,
        fe,
        clause: 0,
        sentence: 0,
        slot: NO_SLOT,
        flags: flag,
    });
}

/// Whether byte `b` (followed by `next`) is punctuation that can open or continue an
/// emoticon but not end a word: anything but `.,!?` and quotation marks, or the `¬` of `¬¬`.
#[inline]
fn emoticonish(b: u8, next: Option<u8>) -> bool {
    (b.is_ascii_punctuation() && !matches!(b, b'.' | b',' | b'!' | b'?' | b'\'' | b'"'))
        || (b == 0xC2 && next == Some(0xAC))
}

/// Looks for an emoticon at the start of `part` (the rest of a whitespace-separated chunk):
/// all of it, or all of it but trailing `.,!?`. With `whole`, `part` is the whole chunk.
/// Returns the emoticon's length and leaves its key (ASCII lower-cased) in `key`.
fn find_emoticon(
    part: &str,
    lex: &Lexicon,
    max_len: usize,
    key: &mut String,
    whole: bool,
) -> Option<usize> {
    let _ = whole;
    let b = part.as_bytes();
    let trail = b
        .iter()
        .rev()
        .take_while(|c| matches!(c, b'.' | b',' | b'!' | b'?'))
        .count();
    let core_end = b.len() - trail;
    let mut try_len = |e: usize| -> bool {
        if e == 0 || e > max_len {
            return false;
        }
        if !lex.emoticon_may_span(
            b.first().copied().unwrap_or(0),
            b.get(e - 1).copied().unwrap_or(0),
        ) {
            return false;
        }
        let Some(p) = part.get(..e) else {
            return false;
        };
        key.clear();
        key.extend(p.chars().map(|c| c.to_ascii_lowercase()));
        lex.is_emoticon(key)
    };
    if try_len(b.len()) {
        return Some(b.len());
    }
    if trail > 0 && try_len(core_end) {
        return Some(core_end);
    }
    None
}

/// The kind of a [`Token`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// A word (letters and digits).
    Word,
    /// An emoji, with its modifiers and joined parts.
    Emoji,
    /// An emoticon such as `:)` or `XD`.
    Emoticon,
}

/// A token of [`tokenize`], with its spans in bytes and in UTF-16 code units (JavaScript string
/// indices).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Token {
    /// Word, emoji or emoticon.
    pub kind: TokenKind,
    /// The token as written.
    pub text: String,
    /// The lookup key: the folded word (lower case, no accents), the emoji's base code point,
    /// or the lower-cased emoticon.
    pub key: String,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// UTF-16 offset of the start.
    pub start_utf16: usize,
    /// UTF-16 offset of the end.
    pub end_utf16: usize,
    /// Index of the clause (split at `,` `;` `:` brackets, dashes and sentence ends).
    pub clause: usize,
    /// Index of the sentence (split at `.` `!` `?` `…` `¿` `¡` and new lines).
    pub sentence: usize,
}

/// Splits a text into the tokens the scorer sees, before language-specific normalisation.
///
/// Words are maximal runs of letters and digits, folded exactly as [`crate::text::fold`] folds
/// them (so the keys of the words of a text, joined by spaces, are its fold); emoji are single
/// tokens (skin tones, variation selectors and zero-width-joined parts belong to them);
/// emoticons known to the lexicon are single tokens when they stand alone or end a word.
/// Errors: [`ErrorCode::TextTooLarge`] above 1 GiB.
///
/// ```
/// use cxkit_core::sentiment::{tokenize, Lexicon, TokenKind};
/// let t = tokenize("¡Qué rápido! 👍🏽 :)", Lexicon::builtin_ref()).unwrap();
/// assert_eq!(t.iter().map(|t| t.key.as_str()).collect::<Vec<_>>(), ["que", "rapido", "👍", ":)"]);
/// assert_eq!(t[2].kind, TokenKind::Emoji);
/// assert_eq!((t[2].start_utf16, t[2].end_utf16), (13, 17));
/// assert_eq!(t[1].sentence, 0);
/// assert_eq!(t[2].sentence, 1);
/// ```
pub fn tokenize(text: &str, lexicon: &Lexicon) -> Result<Vec<Token>> {
    const LIMIT: usize = 1 << 30;
    if text.len() > LIMIT {
        return Err(Error::new(
            ErrorCode::TextTooLarge,
            format!("the text has {} bytes, more than {LIMIT}", text.len()),
        )
        .with_field("text"));
    }
    let mut toks = Tokens::default();
    tokenize_into(text, Some(lexicon), &mut toks);
    Ok(toks
        .toks
        .iter()
        .map(|t| Token {
            kind: if t.flags & tf::EMOJI != 0 {
                TokenKind::Emoji
            } else if t.flags & tf::EMOTICON != 0 {
                TokenKind::Emoticon
            } else {
                TokenKind::Word
            },
            text: text
                .get(t.start as usize..t.end as usize)
                .unwrap_or("")
                .to_string(),
            key: toks.key(t).to_string(),
            start: t.start as usize,
            end: t.end as usize,
            start_utf16: t.start16 as usize,
            end_utf16: t.end16 as usize,
            clause: t.clause as usize,
            sentence: t.sentence as usize,
        })
        .collect())
}
