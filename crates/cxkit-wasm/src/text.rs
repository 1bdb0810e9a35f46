//! Transcripts (`cxkit_core::{sentiment, keywords, pii}`): `scoreText`, `scoreTexts`,
//! `scoreTranscript`, `redact`, `detectPii`, the `Lexicon` and `KeywordSet` classes and the
//! `SentimentAccumulator` / `KeywordAccumulator` classes. Conversion only: every rule, default
//! and check is the core's.
//!
//! A `Lexicon` or `KeywordSet` passed inside an options object (`{ lexicon }`, `{ keywords }`)
//! is found through a numeric handle that the class exposes as a hidden getter; the handle maps
//! to the compiled value in a per-instance registry, so nothing is recompiled or copied per call
//! and the JavaScript object stays usable (`free()` drops it from the registry).
//!
//! JavaScript strings may hold lone surrogates, which the UTF-8 conversion turns into U+FFFD
//! (one UTF-16 unit for one); a text that holds U+FFFD is checked against the original string at
//! those positions and a lone surrogate is an `invalid_value` error naming the field and the
//! UTF-16 index (fix: `text.toWellFormed()`).

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use cxkit_core::keywords::{
    KeywordAccumulator, KeywordConfig, KeywordReport, KeywordSet, KeywordSummary,
};
use cxkit_core::model::{Language, Transcript};
use cxkit_core::pii::{self, PiiType, RedactOptions};
use cxkit_core::sentiment::{
    Lexicon, ModifierKind, SentimentAccumulator, SentimentLabel, SentimentOptions, TranscriptScore,
};
use cxkit_core::{Error, ErrorCode};
use serde::Deserialize;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::error::throwing as js;
use crate::{input, output};

// ---- handles -----------------------------------------------------------------------------------

/// Compiled lexicons and keyword sets alive in JavaScript, by handle (0: the built-in one).
#[derive(Default)]
struct Registry {
    next: u32,
    lexicons: HashMap<u32, Rc<Lexicon>>,
    keywords: HashMap<u32, Rc<KeywordSet>>,
}

thread_local! {
    static REGISTRY: RefCell<Registry> = RefCell::new(Registry::default());
    static BUILTIN_KEYWORDS: RefCell<Option<Rc<KeywordSet>>> = const { RefCell::new(None) };
}

fn next_handle(reg: &mut Registry) -> u32 {
    reg.next = reg.next.wrapping_add(1).max(1);
    reg.next
}

/// The built-in keyword set, compiled once per instance.
fn builtin_keywords() -> Result<Rc<KeywordSet>, Error> {
    BUILTIN_KEYWORDS.with(|b| {
        if let Some(set) = b.borrow().as_ref() {
            return Ok(Rc::clone(set));
        }
        let set = Rc::new(KeywordSet::builtin()?);
        *b.borrow_mut() = Some(Rc::clone(&set));
        Ok(set)
    })
}

const LEXICON_HANDLE: &str = "__cxkitLexicon";
const KEYWORDS_HANDLE: &str = "__cxkitKeywordSet";

/// The handle of a class instance passed as `field`, or an `invalid_option` error.
fn handle_of(value: &JsValue, key: &str, field: &str, class: &str) -> Result<u32, Error> {
    let not = || {
        Error::option(
            field,
            format!("options.{field} must be a {class} (or left out)"),
        )
    };
    if !value.is_object() {
        return Err(not());
    }
    // The getter throws when the object has been freed.
    let h = js_sys::Reflect::get(value, &JsValue::from_str(key)).map_err(|_| {
        Error::option(
            field,
            format!("options.{field}: this {class} has been freed"),
        )
    })?;
    h.as_f64().map(|h| h as u32).ok_or_else(not)
}

/// The lexicon given as `options.lexicon` (`None`: the built-in one).
fn lexicon_of(value: &JsValue) -> Result<Option<Rc<Lexicon>>, Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let h = handle_of(value, LEXICON_HANDLE, "lexicon", "Lexicon")?;
    if h == 0 {
        return Ok(None);
    }
    REGISTRY
        .with(|r| r.borrow().lexicons.get(&h).cloned())
        .map(Some)
        .ok_or_else(|| Error::option("lexicon", "options.lexicon: this Lexicon has been freed"))
}

/// The keyword set given as `options.keywords`: a `KeywordSet`, or `"builtin"`.
fn keywords_of(value: &JsValue) -> Result<Option<Rc<KeywordSet>>, Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    if value.as_string().as_deref() == Some("builtin") {
        return builtin_keywords().map(Some);
    }
    let h = handle_of(
        value,
        KEYWORDS_HANDLE,
        "keywords",
        "KeywordSet or \"builtin\"",
    )?;
    if h == 0 {
        return builtin_keywords().map(Some);
    }
    REGISTRY
        .with(|r| r.borrow().keywords.get(&h).cloned())
        .map(Some)
        .ok_or_else(|| {
            Error::option(
                "keywords",
                "options.keywords: this KeywordSet has been freed",
            )
        })
}

// ---- options -------------------------------------------------------------------------------------

/// Options of the binding that are not the core's: `lexicon`, `keywords`, `redact`.
#[derive(Default)]
struct Extras {
    lexicon: JsValue,
    keywords: JsValue,
    redact: JsValue,
}

/// Splits `options` into the core's options and the binding's own members (copying the object
/// only when it holds any of those).
fn split_options(options: JsValue, own: &[&str]) -> Result<(SentimentOptions, Extras), Error> {
    let mut extras = Extras::default();
    let core = if options.is_object() && !js_sys::Array::is_array(&options) {
        let obj: &js_sys::Object = options.unchecked_ref();
        let present: Vec<&str> = own
            .iter()
            .copied()
            .filter(|k| js_sys::Reflect::has(obj, &JsValue::from_str(k)).unwrap_or(false))
            .collect();
        if present.is_empty() {
            options
        } else {
            let copy = js_sys::Object::assign(&js_sys::Object::new(), obj);
            for k in present {
                let key = JsValue::from_str(k);
                let v = js_sys::Reflect::get(&copy, &key).unwrap_or(JsValue::UNDEFINED);
                let _ = js_sys::Reflect::delete_property(&copy, &key);
                match k {
                    "lexicon" => extras.lexicon = v,
                    "keywords" => extras.keywords = v,
                    _ => extras.redact = v,
                }
            }
            copy.into()
        }
    } else {
        options
    };
    Ok((input::options(core)?, extras))
}

/// `redact: true | { types?, maxBytes? }` (`None`: no redaction).
fn redact_options(value: &JsValue) -> Result<Option<RedactOptions>, Error> {
    if value.is_undefined() || value.is_null() || value.as_bool() == Some(false) {
        return Ok(None);
    }
    if value.as_bool() == Some(true) {
        return Ok(Some(RedactOptions::default()));
    }
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err(Error::option(
            "redact",
            "options.redact must be true, false or { types }",
        ));
    }
    input::object(value.clone(), "options.redact", "options.redact")
        .map(Some)
        .map_err(|mut e| {
            e.code = ErrorCode::InvalidOption;
            e
        })
}

// ---- strings -------------------------------------------------------------------------------------

/// Checks that `text` (converted from `original`) had no lone surrogate: each U+FFFD of the
/// text is one UTF-16 unit at the same index of the original string.
fn check_surrogates(text: &str, original: &JsValue, field: &str) -> Result<(), Error> {
    if !has_replacement(text) {
        return Ok(());
    }
    let Some(s) = original.dyn_ref::<js_sys::JsString>() else {
        return Ok(());
    };
    let mut at = 0u32;
    for c in text.chars() {
        if c == '\u{fffd}' && (55296.0..57344.0).contains(&s.char_code_at(at)) {
            return Err(Error::new(
                ErrorCode::InvalidValue,
                format!(
                    "{field}: a lone surrogate at UTF-16 index {at} (a string cut inside an emoji?); \
                     pass text.toWellFormed()"
                ),
            )
            .with_field(field));
        }
        at += c.len_utf16() as u32;
    }
    Ok(())
}

/// Whether `text` holds U+FFFD (`EF BF BD`): a byte scan, as most text has no `EF` at all.
fn has_replacement(text: &str) -> bool {
    text.as_bytes().contains(&0xEF) && text.contains('\u{fffd}')
}

/// A string argument, or `invalid_type`; lone surrogates are `invalid_value`.
fn text_arg(value: &JsValue, field: &str) -> Result<String, Error> {
    let text = value.as_string().ok_or_else(|| {
        Error::new(ErrorCode::InvalidType, format!("{field} must be a string")).with_field(field)
    })?;
    check_surrogates(&text, value, field)?;
    Ok(text)
}

/// Reads a transcript (errors name `turns[i].field`, as the core does) and checks its texts
/// for lone surrogates.
fn transcript_arg(value: JsValue) -> Result<Transcript, Error> {
    let t: Transcript = input::object(value.clone(), "transcript", "")?;
    for (i, turn) in t.turns.iter().enumerate() {
        if has_replacement(&turn.text) {
            let original = js_sys::Reflect::get(&value, &"turns".into())
                .and_then(|turns| js_sys::Reflect::get_u32(&turns, i as u32))
                .and_then(|turn| js_sys::Reflect::get(&turn, &"text".into()))
                .unwrap_or(JsValue::UNDEFINED);
            check_surrogates(&turn.text, &original, &format!("turns[{i}].text"))
                .map_err(|e| e.with_index(i))?;
        }
    }
    Ok(t)
}

fn set(obj: &JsValue, key: &str, value: &JsValue) -> Result<(), Error> {
    js_sys::Reflect::set(obj, &JsValue::from_str(key), value)
        .map(|_| ())
        .map_err(|_| Error::new(ErrorCode::Internal, "cannot build the result"))
}

// ---- sentiment -----------------------------------------------------------------------------------

/// `scoreText(text, options?)`: score in −1..1, label, language, positive and negative sums and
/// the hits. `options.lexicon`: a `Lexicon` (default the built-in one).
#[wasm_bindgen(js_name = scoreText)]
pub fn score_text(text: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    js(|| {
        let (o, extras) = split_options(options, &["lexicon"])?;
        let lex = lexicon_of(&extras.lexicon)?;
        let text = text_arg(&text, "text")?;
        let lex = lex.as_deref().unwrap_or_else(|| Lexicon::builtin_ref());
        output::to_js(&lex.score_text(&text, &o)?)
    })
}

/// `scoreTexts(texts, options?)`: the bulk path, no hits: `{ scores: Float64Array, codes:
/// Uint8Array, labels: string[] }` (codes index `sentimentLabels()`).
#[wasm_bindgen(js_name = scoreTexts)]
pub fn score_texts(texts: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    js(|| {
        let (mut o, extras) = split_options(options, &["lexicon"])?;
        let lex = lexicon_of(&extras.lexicon)?;
        let lex = lex.as_deref().unwrap_or_else(|| Lexicon::builtin_ref());
        if !js_sys::Array::is_array(&texts) {
            return Err(
                Error::new(ErrorCode::InvalidType, "texts must be an array of strings")
                    .with_field("texts"),
            );
        }
        o.hits = Some(false);
        let list: &js_sys::Array = texts.unchecked_ref();
        let n = list.length() as usize;
        let mut scores = Vec::with_capacity(n);
        let mut labels = String::with_capacity(n * 11 + 2);
        let mut codes = Vec::with_capacity(n);
        labels.push('[');
        let mut each = |i: usize, r: cxkit_core::sentiment::TextScore| {
            scores.push(r.score);
            codes.push(label_code(r.label));
            if i > 0 {
                labels.push(',');
            }
            labels.push('"');
            labels.push_str(r.label.as_str());
            labels.push('"');
        };
        // One JSON.stringify for the whole list (a per-element read costs several boundary
        // crossings per text) and the texts borrowed from it; only a text that held an escape
        // can hold a lone surrogate, checked against the original string.
        let bulk = input::with_strings(&texts, |strings| {
            if strings.len() != n {
                return None;
            }
            // The texts before the first lone surrogate are scored first, so that the error
            // reported is the first bad text's, as in the element-wise path.
            let surrogate = strings.iter().enumerate().find_map(|(i, s)| {
                let owned = matches!(s, std::borrow::Cow::Owned(_));
                (owned && has_replacement(s))
                    .then(|| check_surrogates(s, &list.get(i as u32), &format!("texts[{i}]")))
                    .and_then(Result::err)
                    .map(|e| (i, e.with_index(i)))
            });
            let upto = surrogate.as_ref().map_or(n, |(i, _)| *i);
            let scored =
                lex.score_texts(strings.iter().take(upto).map(|s| s.as_ref()), &o, &mut each);
            Some(scored.and(surrogate.map_or(Ok(()), |(_, e)| Err(e))))
        })
        .flatten();
        match bulk {
            Some(done) => done?,
            None => {
                let owned = (0..n)
                    .map(|i| {
                        text_arg(&list.get(i as u32), &format!("texts[{i}]"))
                            .map_err(|e| e.with_index(i))
                    })
                    .collect::<Result<Vec<String>, Error>>()?;
                lex.score_texts(owned.iter().map(String::as_str), &o, &mut each)?;
            }
        }
        labels.push(']');
        // One JSON.parse instead of a boundary crossing per label.
        let labels = js_sys::JSON::parse(&labels)
            .map_err(|_| Error::new(ErrorCode::Internal, "cannot build the labels"))?;
        let out: JsValue = js_sys::Object::new().into();
        set(
            &out,
            "scores",
            &js_sys::Float64Array::from(scores.as_slice()).into(),
        )?;
        set(
            &out,
            "codes",
            &js_sys::Uint8Array::from(codes.as_slice()).into(),
        )?;
        set(&out, "labels", &labels)?;
        Ok(out)
    })
}

fn label_code(label: SentimentLabel) -> u8 {
    SentimentLabel::ALL
        .iter()
        .position(|l| *l == label)
        .unwrap_or(0) as u8
}

/// `sentimentLabels()`: the labels in the order of `scoreTexts`' codes: `["positive",
/// "negative", "neutral", "mixed"]`.
#[wasm_bindgen(js_name = sentimentLabels)]
pub fn sentiment_labels() -> Vec<String> {
    SentimentLabel::ALL
        .iter()
        .map(|l| l.as_str().to_string())
        .collect()
}

/// `scoreTranscript(transcript, options?)`: per turn, per speaker, overall and trend; with
/// `options.keywords` (a `KeywordSet` or `"builtin"`) also `keywords` (the scan report), with
/// `options.redact` (`true` or `{ types }`) the PII is redacted from every turn first and
/// `redacted: { turns: [{ text, entities }] }` is added (hits' spans then refer to those texts).
#[wasm_bindgen(js_name = scoreTranscript)]
pub fn score_transcript(transcript: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    js(|| {
        let (o, extras) = split_options(options, &["lexicon", "keywords", "redact"])?;
        let lex = lexicon_of(&extras.lexicon)?;
        let keywords = keywords_of(&extras.keywords)?;
        let redact = redact_options(&extras.redact)?;
        let mut t = transcript_arg(transcript)?;
        let redacted = match &redact {
            Some(ro) => redact_turns(&mut t, ro)?,
            None => Vec::new(),
        };
        let lex = lex.as_deref().unwrap_or_else(|| Lexicon::builtin_ref());
        let score = lex.score_transcript(&t, &o)?;
        let report = keywords.as_ref().map(|k| k.scan(&t)).transpose()?;
        let out = output::to_js(&score)?;
        if let Some(report) = report {
            set(&out, "keywords", &output::to_js(&report)?)?;
        }
        if redact.is_some() {
            let turns = output::to_js(&redacted)?;
            let r: JsValue = js_sys::Object::new().into();
            set(&r, "turns", &turns)?;
            set(&out, "redacted", &r)?;
        }
        Ok(out)
    })
}

// ---- PII ---------------------------------------------------------------------------------------

/// `redact(text, { types?, maxBytes? })`: `{ text, entities }` with `[EMAIL]`, `[PHONE]`…
#[wasm_bindgen]
pub fn redact(text: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    js(|| {
        let o: RedactOptions = input::options(options)?;
        let text = text_arg(&text, "text")?;
        output::to_js(&pii::redact(&text, &o)?)
    })
}

/// `detectPii(text, { types?, maxBytes? })`: the entities, text unchanged.
#[wasm_bindgen(js_name = detectPii)]
pub fn detect_pii(text: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    js(|| {
        let o: RedactOptions = input::options(options)?;
        let text = text_arg(&text, "text")?;
        output::to_js(&pii::detect(&text, &o)?)
    })
}

/// `redactTranscript(transcript, { types?, maxBytes? })`: every turn redacted (`maxBytes` applies
/// per turn): `{ transcript, turns: [{ text, entities }] }`, `transcript` being the input with the
/// redacted texts.
#[wasm_bindgen(js_name = redactTranscript)]
pub fn redact_transcript(transcript: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    js(|| {
        let o: RedactOptions = input::options(options)?;
        let mut t = transcript_arg(transcript)?;
        t.validate()?;
        let turns = redact_turns(&mut t, &o)?;
        let out: JsValue = js_sys::Object::new().into();
        set(&out, "transcript", &output::to_js(&t)?)?;
        set(&out, "turns", &output::to_js(&turns)?)?;
        Ok(out)
    })
}

/// Redacts every turn in place; returns each turn's redaction.
fn redact_turns(t: &mut Transcript, o: &RedactOptions) -> Result<Vec<pii::Redaction>, Error> {
    let mut out = Vec::with_capacity(t.turns.len());
    for (i, turn) in t.turns.iter_mut().enumerate() {
        let r = pii::redact(&turn.text, o).map_err(|mut e| {
            if e.field.as_deref() == Some("text") {
                e.message = format!("turns[{i}].text: {}", e.message);
                e.field = Some(format!("turns[{i}].text"));
            }
            e.with_index(i)
        })?;
        turn.text.clone_from(&r.text);
        out.push(r);
    }
    Ok(out)
}

/// `piiTypes()`: every PII type name.
#[wasm_bindgen(js_name = piiTypes)]
pub fn pii_types() -> Vec<String> {
    PiiType::ALL
        .iter()
        .map(|t| t.as_str().to_string())
        .collect()
}

// ---- Lexicon -------------------------------------------------------------------------------------

/// Entries of one language: TSV text (the format of the lexicon files) or `{ term: valence }`.
#[derive(Deserialize)]
#[serde(untagged)]
enum Entries {
    Tsv(String),
    Map(BTreeMap<String, f64>),
}

/// A modifier given as an object.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Modifier {
    kind: ModifierKind,
    factor: f64,
}

/// Modifiers of one language: TSV text or `{ term: { kind, factor } }`.
#[derive(Deserialize)]
#[serde(untagged)]
enum Modifiers {
    Tsv(String),
    Map(BTreeMap<String, Modifier>),
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "lowercase")]
enum Base {
    #[default]
    Builtin,
    Empty,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct PerLanguage<T> {
    en: Option<T>,
    es: Option<T>,
}

impl<T> PerLanguage<T> {
    fn get(&self, lang: Language) -> Option<&T> {
        match lang {
            Language::En => self.en.as_ref(),
            Language::Es => self.es.as_ref(),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct LexiconConfig {
    #[serde(default)]
    base: Base,
    entries: Option<PerLanguage<Entries>>,
    modifiers: Option<PerLanguage<Modifiers>>,
}

fn lexicon_error(mut e: Error, field: String) -> Error {
    e.message = format!("{field}: {}", e.message);
    e.field = Some(field);
    e
}

fn add_entries(lex: &mut Lexicon, lang: Language, entries: &Entries) -> Result<(), Error> {
    let at = format!("entries.{}", lang.as_str());
    match entries {
        Entries::Tsv(tsv) => lex
            .add_entries_tsv(lang, tsv)
            .map(|_| ())
            .map_err(|e| lexicon_error(e, at)),
        Entries::Map(map) => {
            for (term, &v) in map {
                lex.insert(lang, term, v)
                    .map_err(|e| lexicon_error(e, format!("{at}[\"{}\"]", excerpt(term))))?;
            }
            Ok(())
        }
    }
}

fn add_modifiers(lex: &mut Lexicon, lang: Language, modifiers: &Modifiers) -> Result<(), Error> {
    let at = format!("modifiers.{}", lang.as_str());
    match modifiers {
        Modifiers::Tsv(tsv) => lex
            .add_modifiers_tsv(lang, tsv)
            .map(|_| ())
            .map_err(|e| lexicon_error(e, at)),
        Modifiers::Map(map) => {
            for (term, m) in map {
                lex.insert_modifier(lang, term, m.kind, m.factor)
                    .map_err(|e| lexicon_error(e, format!("{at}[\"{}\"]", excerpt(term))))?;
            }
            Ok(())
        }
    }
}

fn excerpt(s: &str) -> String {
    cxkit_core::text::excerpt(s)
}

/// Sentiment lexicons (English and Spanish words, phrases, emoji, emoticons and modifiers),
/// compiled once and passed to `scoreText` / `scoreTexts` / `scoreTranscript` as
/// `options.lexicon`.
#[wasm_bindgen(js_name = Lexicon)]
pub struct JsLexicon {
    handle: u32,
    /// `None`: the built-in lexicons.
    inner: Option<Rc<Lexicon>>,
}

impl Drop for JsLexicon {
    fn drop(&mut self) {
        if self.handle != 0 {
            REGISTRY.with(|r| r.borrow_mut().lexicons.remove(&self.handle));
        }
    }
}

#[wasm_bindgen(js_class = Lexicon)]
impl JsLexicon {
    /// `new Lexicon({ base?: 'builtin' | 'empty', entries?: { en?, es? }, modifiers?: { en?, es? } })`:
    /// entries as TSV text (`term<TAB>valence[<TAB>tags]`) or `{ term: valence }` (−4..4),
    /// modifiers as TSV (`term<TAB>kind<TAB>factor`) or `{ term: { kind, factor } }`. Errors:
    /// `invalid_lexicon` (with the line as `index` for TSV), `invalid_type` / `invalid_value`
    /// for a config of the wrong shape.
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue) -> Result<JsLexicon, JsValue> {
        js(|| {
            let c: LexiconConfig = if config.is_undefined() || config.is_null() {
                LexiconConfig::default()
            } else {
                input::object(config, "config", "").map_err(|mut e| {
                    if e.code == ErrorCode::InvalidValue || e.code == ErrorCode::InvalidType {
                        e.code = ErrorCode::InvalidLexicon;
                    }
                    e
                })?
            };
            let mut lex = match c.base {
                Base::Builtin => Lexicon::builtin(),
                Base::Empty => Lexicon::empty(),
            };
            for lang in Language::ALL {
                if let Some(e) = c.entries.as_ref().and_then(|p| p.get(lang)) {
                    add_entries(&mut lex, lang, e)?;
                }
                if let Some(m) = c.modifiers.as_ref().and_then(|p| p.get(lang)) {
                    add_modifiers(&mut lex, lang, m)?;
                }
            }
            Ok(JsLexicon::register(lex))
        })
    }

    fn register(lex: Lexicon) -> JsLexicon {
        let inner = Rc::new(lex);
        let handle = REGISTRY.with(|r| {
            let mut r = r.borrow_mut();
            let h = next_handle(&mut r);
            r.lexicons.insert(h, Rc::clone(&inner));
            h
        });
        JsLexicon {
            handle,
            inner: Some(inner),
        }
    }

    /// `Lexicon.builtin()`: the built-in lexicons (shared, never copied).
    pub fn builtin() -> JsLexicon {
        JsLexicon {
            handle: 0,
            inner: None,
        }
    }

    /// The handle `options.lexicon` is found by.
    #[wasm_bindgen(getter, js_name = __cxkitLexicon)]
    pub fn handle(&self) -> u32 {
        self.handle
    }

    fn get(&self) -> &Lexicon {
        self.inner
            .as_deref()
            .unwrap_or_else(|| Lexicon::builtin_ref())
    }

    /// The valence of a term in a language (`undefined` when it has none).
    pub fn valence(&self, language: JsValue, term: &str) -> Result<Option<f64>, JsValue> {
        js(|| {
            let lang: Language = input::value(language, "language")?;
            Ok(self.get().valence(lang, term))
        })
    }

    /// Number of entries of a language.
    pub fn size(&self, language: JsValue) -> Result<u32, JsValue> {
        js(|| {
            let lang: Language = input::value(language, "language")?;
            Ok(self.get().len(lang) as u32)
        })
    }
}

// ---- KeywordSet ----------------------------------------------------------------------------------

/// Keyword categories and compliance rules compiled once into one automaton.
#[wasm_bindgen(js_name = KeywordSet)]
pub struct JsKeywordSet {
    handle: u32,
    inner: Rc<KeywordSet>,
}

impl Drop for JsKeywordSet {
    fn drop(&mut self) {
        if self.handle != 0 {
            REGISTRY.with(|r| r.borrow_mut().keywords.remove(&self.handle));
        }
    }
}

#[wasm_bindgen(js_class = KeywordSet)]
impl JsKeywordSet {
    /// `new KeywordSet({ categories?, rules?, builtin?, maxBytes? })` (the core's
    /// `KeywordConfig`; no argument: the built-in categories).
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue) -> Result<JsKeywordSet, JsValue> {
        js(|| {
            let c: KeywordConfig = if config.is_undefined() || config.is_null() {
                KeywordConfig::default()
            } else {
                input::object(config, "config", "")?
            };
            let inner = Rc::new(KeywordSet::new(&c)?);
            let handle = REGISTRY.with(|r| {
                let mut r = r.borrow_mut();
                let h = next_handle(&mut r);
                r.keywords.insert(h, Rc::clone(&inner));
                h
            });
            Ok(JsKeywordSet { handle, inner })
        })
    }

    /// `KeywordSet.builtin()`: the built-in categories (compiled once per instance).
    pub fn builtin() -> Result<JsKeywordSet, JsValue> {
        js(|| {
            Ok(JsKeywordSet {
                handle: 0,
                inner: builtin_keywords()?,
            })
        })
    }

    /// `KeywordSet.categoriesFromTsv(tsv)`: categories from `category<TAB>language<TAB>phrase`
    /// lines, for `new KeywordSet({ categories })`.
    #[wasm_bindgen(js_name = categoriesFromTsv)]
    pub fn categories_from_tsv(tsv: JsValue) -> Result<JsValue, JsValue> {
        js(|| {
            let tsv = text_arg(&tsv, "tsv")?;
            output::to_js(&KeywordSet::categories_from_tsv(&tsv)?)
        })
    }

    /// The handle `options.keywords` is found by.
    #[wasm_bindgen(getter, js_name = __cxkitKeywordSet)]
    pub fn handle(&self) -> u32 {
        self.handle
    }

    /// The category names, built-ins first.
    #[wasm_bindgen(getter)]
    pub fn categories(&self) -> Vec<String> {
        self.inner
            .category_names()
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    /// Number of distinct patterns compiled.
    #[wasm_bindgen(getter, js_name = patternCount)]
    pub fn pattern_count(&self) -> u32 {
        self.inner.pattern_count() as u32
    }

    /// Scans a transcript: matches, per-category counts and compliance results.
    pub fn scan(&self, transcript: JsValue) -> Result<JsValue, JsValue> {
        js(|| {
            let t = transcript_arg(transcript)?;
            output::to_js(&self.inner.scan(&t)?)
        })
    }

    /// The category matches in one text (every category in scope).
    #[wasm_bindgen(js_name = scanText)]
    pub fn scan_text(&self, text: JsValue) -> Result<JsValue, JsValue> {
        js(|| {
            let text = text_arg(&text, "text")?;
            output::to_js(&self.inner.scan_text(&text)?)
        })
    }
}

// ---- accumulators --------------------------------------------------------------------------------

/// Mergeable sentiment totals over many transcripts (push `scoreTranscript` results).
#[wasm_bindgen(js_name = SentimentAccumulator)]
pub struct JsSentimentAccumulator {
    inner: SentimentAccumulator,
}

impl Default for JsSentimentAccumulator {
    fn default() -> Self {
        JsSentimentAccumulator::new()
    }
}

#[wasm_bindgen(js_class = SentimentAccumulator)]
impl JsSentimentAccumulator {
    /// `new SentimentAccumulator()`.
    #[wasm_bindgen(constructor)]
    pub fn new() -> JsSentimentAccumulator {
        JsSentimentAccumulator {
            inner: SentimentAccumulator::new(),
        }
    }

    /// Adds one `scoreTranscript` result.
    pub fn push(&mut self, score: JsValue) -> Result<(), JsValue> {
        js(|| {
            let s: TranscriptScore = input::record(score, "score")?;
            self.inner.push(&s);
            Ok(())
        })
    }

    /// Adds another accumulator's totals.
    pub fn merge(&mut self, other: &JsSentimentAccumulator) -> Result<(), JsValue> {
        js(|| self.inner.merge(&other.inner))
    }

    /// The summary so far.
    pub fn finish(&self) -> Result<JsValue, JsValue> {
        js(|| output::to_js(&self.inner.finish()))
    }

    /// The state as a plain object (`JSON.stringify` calls this).
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        js(|| output::to_js(&self.inner))
    }

    /// Rebuilds an accumulator from `toJSON()` output.
    #[wasm_bindgen(js_name = fromJSON)]
    pub fn from_json(state: JsValue) -> Result<JsSentimentAccumulator, JsValue> {
        js(|| {
            let state: SentimentAccumulator = input::state(state)?;
            SentimentAccumulator::from_state(&state)
        })
        .map(|inner| JsSentimentAccumulator { inner })
    }
}

/// Mergeable keyword and compliance totals over many transcripts (push `KeywordSet.scan`
/// reports).
#[wasm_bindgen(js_name = KeywordAccumulator)]
pub struct JsKeywordAccumulator {
    inner: KeywordAccumulator,
}

impl Default for JsKeywordAccumulator {
    fn default() -> Self {
        JsKeywordAccumulator::new()
    }
}

#[wasm_bindgen(js_class = KeywordAccumulator)]
impl JsKeywordAccumulator {
    /// `new KeywordAccumulator()`.
    #[wasm_bindgen(constructor)]
    pub fn new() -> JsKeywordAccumulator {
        JsKeywordAccumulator {
            inner: KeywordAccumulator::new(),
        }
    }

    /// Adds one `KeywordSet.scan` report (or the `keywords` of a `scoreTranscript` result).
    pub fn push(&mut self, report: JsValue) -> Result<(), JsValue> {
        js(|| {
            let r: KeywordReport = input::record(report, "report")?;
            self.inner.push(&r);
            Ok(())
        })
    }

    /// Adds another accumulator's totals.
    pub fn merge(&mut self, other: &JsKeywordAccumulator) -> Result<(), JsValue> {
        js(|| self.inner.merge(&other.inner))
    }

    /// The summary so far.
    pub fn finish(&self) -> Result<JsValue, JsValue> {
        js(|| {
            let s: KeywordSummary = self.inner.finish();
            output::to_js(&s)
        })
    }

    /// The state as a plain object (`JSON.stringify` calls this).
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        js(|| output::to_js(&self.inner))
    }

    /// Rebuilds an accumulator from `toJSON()` output.
    #[wasm_bindgen(js_name = fromJSON)]
    pub fn from_json(state: JsValue) -> Result<JsKeywordAccumulator, JsValue> {
        js(|| {
            let state: KeywordAccumulator = input::state(state)?;
            KeywordAccumulator::from_state(&state)
        })
        .map(|inner| JsKeywordAccumulator { inner })
    }
}
