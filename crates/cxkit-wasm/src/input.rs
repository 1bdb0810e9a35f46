//! Reading JavaScript values into core types for the LTV, effort, KPI and staffing bindings.
//!
//! A JavaScript value is first turned into a plain JSON-like [`Value`], then read by a serde
//! [`Deserializer`] over that value that knows where it is:
//!
//! - fast path: one `JSON.stringify` call and a small parser that borrows the strings (reading
//!   JavaScript objects member by member costs a dozen boundary crossings per member);
//! - exact path, for a value whose JSON holds a `null` (which may have been NaN or ±Infinity:
//!   the core must see those numbers to name them) or that does not stringify (a cycle, a
//!   bigint): a depth-limited walk over the object that follows `JSON.stringify`'s rules
//!   otherwise, so both paths read the same values.
//!
//! That gives, in one small deserializer instead of serde-wasm-bindgen plus
//! `serde_path_to_error` per type (what the bindings used before):
//!
//! - a field path in every error (`contacts[3].answeredAt`, `options.weights.trnsfer`);
//! - strict structs at every level (a struct is read as a map, so `deny_unknown_fields` in the
//!   core types applies to nested options too);
//! - an error code from the kind of problem (`missing_field`, `invalid_type`,
//!   `invalid_timestamp`, `invalid_value`, or the caller's code, e.g. `invalid_option`);
//! - no input that can overflow a stack (nesting is limited to 32 levels on both paths).
//!
//! Conversion only: which fields exist, their defaults and every check are the core's.

use std::borrow::Cow;
use std::fmt;

use cxkit_core::{Error, ErrorCode};
use serde::de::value::StrDeserializer;
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess,
    Unexpected, Visitor,
};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// The deepest nesting of arrays and objects accepted (the API needs about 5 levels).
const MAX_DEPTH: usize = 32;

/// The most values copied for one argument (or one record): bounds the work on objects that
/// share sub-objects many times over (possible from JavaScript, never from JSON).
const MAX_VALUES: usize = 5_000_000;

/// A JSON-like copy of a JavaScript value. `undefined` object members are left out (as
/// `JSON.stringify` does); numbers keep NaN and ±Infinity, which the core rejects by name.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// `null` or `undefined`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A string (borrowed from the JSON text when it has no escapes).
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Value<'a>>),
    /// A plain object, members in order.
    Object(Vec<(Cow<'a, str>, Value<'a>)>),
}

impl Value<'_> {
    fn unexpected(&self) -> Unexpected<'_> {
        match self {
            Value::Null => Unexpected::Unit,
            Value::Bool(b) => Unexpected::Bool(*b),
            Value::Number(n) => Unexpected::Float(*n),
            Value::String(s) => Unexpected::Str(s),
            Value::Array(_) => Unexpected::Seq,
            Value::Object(_) => Unexpected::Map,
        }
    }
}

fn kind_of(value: &JsValue) -> &'static str {
    if value.is_function() {
        "a function"
    } else if value.is_symbol() {
        "a symbol"
    } else if value.is_bigint() {
        "a bigint"
    } else {
        "a value that is not JSON"
    }
}

/// A value that cannot be copied: where, why, and the code when the caller gives none.
struct CopyError {
    field: String,
    message: String,
    code: ErrorCode,
}

/// Copies a JavaScript value as `JSON.stringify` sees it, except that NaN and ±Infinity stay
/// numbers (the core names them; JSON would make them `null`): `toJSON` is called (a `Date`
/// becomes its ISO string), functions, symbols and `undefined` are left out of objects and are
/// `null` in arrays; a bigint, or nesting deeper than [`MAX_DEPTH`], is an error naming the path.
fn copy(
    value: &JsValue,
    path: &Path<'_>,
    depth: usize,
    budget: &mut usize,
) -> Result<Value<'static>, CopyError> {
    if *budget == 0 {
        return Err(CopyError {
            field: path.to_string(),
            message: format!("more than {MAX_VALUES} values"),
            code: ErrorCode::InvalidValue,
        });
    }
    *budget -= 1;
    if value.is_null() || value.is_undefined() || value.is_function() || value.is_symbol() {
        return Ok(Value::Null);
    }
    if let Some(b) = value.as_bool() {
        return Ok(Value::Bool(b));
    }
    if let Some(n) = value.as_f64() {
        return Ok(Value::Number(n));
    }
    if let Some(s) = value.as_string() {
        return Ok(Value::String(Cow::Owned(s)));
    }
    if value.is_object() && !js_sys::Array::is_array(value) {
        let to_json = js_sys::Reflect::get(value, &"toJSON".into()).unwrap_or(JsValue::UNDEFINED);
        if let Some(f) = to_json.dyn_ref::<js_sys::Function>() {
            let key = match path {
                Path::Key(_, k) => JsValue::from_str(k),
                Path::Index(_, i) => JsValue::from_str(&i.to_string()),
                Path::Root(_) => JsValue::from_str(""),
            };
            let replaced = f.call1(value, &key).map_err(|_| CopyError {
                field: path.to_string(),
                message: "its toJSON method failed".to_string(),
                code: ErrorCode::InvalidValue,
            })?;
            if !replaced.is_object() || js_sys::Array::is_array(&replaced) {
                return copy(&replaced, path, depth, budget);
            }
            return copy_object(&replaced, path, depth, budget);
        }
    }
    if !value.is_object() {
        return Err(CopyError {
            field: path.to_string(),
            message: format!("{} is not a JSON value", kind_of(value)),
            code: ErrorCode::InvalidType,
        });
    }
    if js_sys::Array::is_array(value) {
        too_deep(path, depth)?;
        let array: &js_sys::Array = value.unchecked_ref();
        let mut out = Vec::with_capacity(array.length() as usize);
        for (i, item) in array.iter().enumerate() {
            out.push(copy(&item, &Path::Index(path, i), depth + 1, budget)?);
        }
        return Ok(Value::Array(out));
    }
    copy_object(value, path, depth, budget)
}

fn too_deep(path: &Path<'_>, depth: usize) -> Result<(), CopyError> {
    if depth >= MAX_DEPTH {
        return Err(CopyError {
            field: path.to_string(),
            message: format!("nested more than {MAX_DEPTH} levels deep"),
            code: ErrorCode::InvalidValue,
        });
    }
    Ok(())
}

/// The members of a plain object (see [`copy`]).
fn copy_object(
    value: &JsValue,
    path: &Path<'_>,
    depth: usize,
    budget: &mut usize,
) -> Result<Value<'static>, CopyError> {
    too_deep(path, depth)?;
    let entries = js_sys::Object::entries(value.unchecked_ref());
    let mut out = Vec::with_capacity(entries.length() as usize);
    for pair in entries.iter() {
        let pair: js_sys::Array = pair.unchecked_into();
        let item = pair.get(1);
        if item.is_undefined() || item.is_function() || item.is_symbol() {
            continue;
        }
        let key = pair.get(0).as_string().unwrap_or_default();
        let v = copy(&item, &Path::Key(path, &key), depth + 1, budget)?;
        out.push((Cow::Owned(key), v));
    }
    Ok(Value::Object(out))
}

/// Where a value is: `options.weights.transfer`, `contacts[3].answeredAt`.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root(&'a str),
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root(root) => f.write_str(root),
            Path::Key(parent, key) => {
                let p = parent.to_string();
                if p.is_empty() {
                    f.write_str(key)
                } else {
                    write!(f, "{p}.{key}")
                }
            }
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

/// A deserialisation error and the path where it happened.
#[derive(Debug)]
pub struct DeError {
    message: String,
    path: Option<String>,
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError {
            message: msg.to_string(),
            path: None,
        }
    }
}

/// A serde deserializer over a [`Value`] at a [`Path`].
struct De<'a> {
    value: &'a Value<'a>,
    path: Path<'a>,
}

impl<'a> De<'a> {
    /// Gives an error raised at this level (by a visitor, or here) this level's path.
    fn at<T>(&self, r: Result<T, DeError>) -> Result<T, DeError> {
        r.map_err(|mut e| {
            if e.path.is_none() {
                e.path = Some(self.path.to_string());
            }
            e
        })
    }

    fn invalid<T>(&self, exp: &dyn de::Expected) -> Result<T, DeError> {
        Err(de::Error::invalid_type(self.value.unexpected(), exp))
    }

    fn integer<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        const SAFE: f64 = 9_007_199_254_740_991.0;
        let r = match self.value {
            Value::Number(n) if n.fract() == 0.0 && n.abs() <= SAFE => {
                if *n < 0.0 {
                    visitor.visit_i64(*n as i64)
                } else {
                    visitor.visit_u64(*n as u64)
                }
            }
            _ => self.invalid(&visitor),
        };
        self.at(r)
    }
}

struct Seq<'a> {
    items: std::slice::Iter<'a, Value<'a>>,
    index: usize,
    path: &'a Path<'a>,
}

impl<'de, 'a> SeqAccess<'de> for Seq<'a> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        let Some(value) = self.items.next() else {
            return Ok(None);
        };
        let de = De {
            value,
            path: Path::Index(self.path, self.index),
        };
        self.index += 1;
        let path = de.path;
        seed.deserialize(de)
            .map(Some)
            .map_err(|e| with_path(e, &path))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

fn with_path(mut e: DeError, path: &Path<'_>) -> DeError {
    if e.path.is_none() {
        e.path = Some(path.to_string());
    }
    e
}

struct Map<'a> {
    members: std::slice::Iter<'a, (Cow<'a, str>, Value<'a>)>,
    value: Option<&'a (Cow<'a, str>, Value<'a>)>,
    path: &'a Path<'a>,
}

impl<'de, 'a> MapAccess<'de> for Map<'a> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some(member) = self.members.next() else {
            return Ok(None);
        };
        self.value = Some(member);
        let key: StrDeserializer<'_, DeError> = member.0.as_ref().into_deserializer();
        seed.deserialize(key)
            .map(Some)
            .map_err(|e| with_path(e, &Path::Key(self.path, &member.0)))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let Some(member) = self.value.take() else {
            return Err(de::Error::custom("a value without its key"));
        };
        let path = Path::Key(self.path, &member.0);
        seed.deserialize(De {
            value: &member.1,
            path,
        })
        .map_err(|e| with_path(e, &path))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.members.len())
    }
}

impl<'de, 'a> Deserializer<'de> for De<'a> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.value {
            Value::Null => self.at(visitor.visit_unit()),
            Value::Bool(b) => self.at(visitor.visit_bool(*b)),
            Value::Number(n) if n.fract() == 0.0 && n.abs() <= 9_007_199_254_740_991.0 => {
                self.integer(visitor)
            }
            Value::Number(n) => self.at(visitor.visit_f64(*n)),
            Value::String(s) => self.at(visitor.visit_str(s)),
            Value::Array(_) => self.deserialize_seq(visitor),
            Value::Object(_) => self.deserialize_map(visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let r = match self.value {
            Value::Bool(b) => visitor.visit_bool(*b),
            _ => self.invalid(&visitor),
        };
        self.at(r)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let r = match self.value {
            Value::Number(n) => visitor.visit_f64(*n),
            _ => self.invalid(&visitor),
        };
        self.at(r)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.integer(visitor)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.integer(visitor)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.integer(visitor)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.integer(visitor)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.integer(visitor)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.integer(visitor)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.integer(visitor)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.integer(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let r = match self.value {
            // chrono's parse errors do not say what was parsed: name the text.
            Value::String(s) => visitor.visit_str(s).map_err(|mut e: DeError| {
                if TIMESTAMP_MESSAGES.contains(&e.message.as_str()) {
                    e.message = format!(
                        "\"{}\" is not an RFC 3339 timestamp or a YYYY-MM-DD date ({})",
                        cxkit_core::text::excerpt(s),
                        e.message
                    );
                }
                e
            }),
            _ => self.invalid(&visitor),
        };
        self.at(r)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.invalid(&visitor).map_err(|e| with_path(e, &self.path))
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.value {
            Value::Null => self.at(visitor.visit_none()),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let r = match self.value {
            Value::Null => visitor.visit_unit(),
            _ => self.invalid(&visitor),
        };
        self.at(r)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let r = match self.value {
            Value::Array(items) => visitor.visit_seq(Seq {
                items: items.iter(),
                index: 0,
                path: &self.path,
            }),
            _ => self.invalid(&visitor),
        };
        self.at(r)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let r = match self.value {
            Value::Object(members) => visitor.visit_map(Map {
                members: members.iter(),
                value: None,
                path: &self.path,
            }),
            _ => self.invalid(&visitor),
        };
        self.at(r)
    }

    /// Structs are read as maps, so every member is seen and `deny_unknown_fields` applies.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_map(visitor)
    }

    /// Unit variants are strings (`"erlang-c"`); the core has no data-carrying enum on the wire.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let r = match self.value {
            Value::String(s) => {
                let d: StrDeserializer<'_, DeError> = s.as_ref().into_deserializer();
                visitor.visit_enum(d)
            }
            _ => self.invalid(&visitor),
        };
        self.at(r)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }
}

// ---- the fast path: JSON.stringify, then a small parser ---------------------------------------

/// `JSON.stringify(value)`: one native call instead of a dozen boundary crossings per member.
/// `None` when it fails (a cycle, a bigint) or gives nothing (`undefined`, a function).
fn stringify(value: &JsValue) -> Option<String> {
    js_sys::JSON::stringify(value).ok()?.as_string()
}

/// The JSON text as a [`Value`] borrowing its strings; `None` when it nests deeper than
/// `max_depth` or holds a `null` anywhere — which may have been NaN or ±Infinity, so the exact
/// (slow) copy decides.
fn parse(text: &str, max_depth: usize) -> Option<Value<'_>> {
    let mut p = Parser {
        text,
        at: 0,
        max_depth,
    };
    let v = p.value(0)?;
    p.space();
    (p.at == text.len() && !has_null(&v)).then_some(v)
}

fn has_null(v: &Value<'_>) -> bool {
    match v {
        Value::Null => true,
        Value::Array(items) => items.iter().any(has_null),
        Value::Object(members) => members.iter().any(|(_, v)| has_null(v)),
        _ => false,
    }
}

/// A JSON parser for `JSON.stringify` output (so: valid JSON, no NaN, lone surrogates escaped).
struct Parser<'a> {
    text: &'a str,
    at: usize,
    max_depth: usize,
}

impl<'a> Parser<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn space(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes().get(self.at) {
            self.at += 1;
        }
    }

    fn eat(&mut self, word: &[u8]) -> Option<()> {
        let end = self.at.checked_add(word.len())?;
        (self.bytes().get(self.at..end)? == word).then(|| self.at = end)
    }

    fn value(&mut self, depth: usize) -> Option<Value<'a>> {
        self.space();
        match *self.bytes().get(self.at)? {
            b'n' => self.eat(b"null").map(|()| Value::Null),
            b't' => self.eat(b"true").map(|()| Value::Bool(true)),
            b'f' => self.eat(b"false").map(|()| Value::Bool(false)),
            b'"' => self.string().map(Value::String),
            b'[' => {
                if depth >= self.max_depth {
                    return None;
                }
                self.at += 1;
                let mut items = Vec::new();
                self.space();
                if self.bytes().get(self.at) == Some(&b']') {
                    self.at += 1;
                    return Some(Value::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.space();
                    match *self.bytes().get(self.at)? {
                        b',' => self.at += 1,
                        b']' => {
                            self.at += 1;
                            return Some(Value::Array(items));
                        }
                        _ => return None,
                    }
                }
            }
            b'{' => {
                if depth >= self.max_depth {
                    return None;
                }
                self.at += 1;
                let mut members = Vec::new();
                self.space();
                if self.bytes().get(self.at) == Some(&b'}') {
                    self.at += 1;
                    return Some(Value::Object(members));
                }
                loop {
                    self.space();
                    let key = self.string()?;
                    self.space();
                    self.eat(b":")?;
                    members.push((key, self.value(depth + 1)?));
                    self.space();
                    match *self.bytes().get(self.at)? {
                        b',' => self.at += 1,
                        b'}' => {
                            self.at += 1;
                            return Some(Value::Object(members));
                        }
                        _ => return None,
                    }
                }
            }
            _ => {
                let start = self.at;
                while let Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E') =
                    self.bytes().get(self.at)
                {
                    self.at += 1;
                }
                self.text
                    .get(start..self.at)?
                    .parse::<f64>()
                    .ok()
                    .map(Value::Number)
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let end = self.at.checked_add(4)?;
        let digits = self.text.get(self.at..end)?;
        self.at = end;
        u32::from_str_radix(digits, 16).ok()
    }

    fn string(&mut self) -> Option<Cow<'a, str>> {
        self.eat(b"\"")?;
        let start = self.at;
        while let Some(&b) = self.bytes().get(self.at) {
            if b == b'"' || b == b'\\' {
                break;
            }
            self.at += 1;
        }
        if self.bytes().get(self.at) == Some(&b'"') {
            let s = self.text.get(start..self.at)?;
            self.at += 1;
            return Some(Cow::Borrowed(s));
        }
        let mut out = String::from(self.text.get(start..self.at)?);
        loop {
            let start = self.at;
            while let Some(&b) = self.bytes().get(self.at) {
                if b == b'"' || b == b'\\' {
                    break;
                }
                self.at += 1;
            }
            out.push_str(self.text.get(start..self.at)?);
            match *self.bytes().get(self.at)? {
                b'"' => {
                    self.at += 1;
                    return Some(Cow::Owned(out));
                }
                _ => {
                    self.at += 1;
                    let c = *self.bytes().get(self.at)?;
                    self.at += 1;
                    match c {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi)
                                && self.bytes().get(self.at..self.at.checked_add(2)?)
                                    == Some(b"\\u")
                            {
                                let back = self.at;
                                self.at += 2;
                                match self.hex4()? {
                                    lo @ 0xDC00..0xE000 => {
                                        0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                                    }
                                    _ => {
                                        self.at = back;
                                        hi
                                    }
                                }
                            } else {
                                hi
                            };
                            // A lone surrogate becomes U+FFFD, as JavaScript strings do in Rust.
                            out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                        }
                        _ => return None,
                    }
                }
            }
        }
    }
}

// ---- public helpers --------------------------------------------------------------------------

/// The messages of chrono's `ParseError` kinds, which serde reports for a malformed timestamp or
/// date.
const TIMESTAMP_MESSAGES: [&str; 7] = [
    "input is out of range",
    "no possible date and time matching input",
    "input is not enough for unique date and time",
    "input contains invalid characters",
    "premature end of input",
    "trailing input",
    "bad or unsupported format string",
];

/// The error code of a value that does not read, from the kind of problem.
fn code_of(message: &str) -> ErrorCode {
    if message.starts_with("missing field") {
        ErrorCode::MissingField
    } else if message.starts_with("invalid type") {
        ErrorCode::InvalidType
    } else if TIMESTAMP_MESSAGES.contains(&message) || message.contains("RFC 3339") {
        ErrorCode::InvalidTimestamp
    } else {
        ErrorCode::InvalidValue
    }
}

/// A core error from a deserialisation error: the path (for a missing field, the field's own
/// path), the message prefixed with it, and `code` or the code of the problem.
fn to_error(e: DeError, code: Option<ErrorCode>) -> Error {
    let mut field = e.path.unwrap_or_default();
    if let Some(name) = e
        .message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        field = if field.is_empty() {
            name.to_string()
        } else {
            format!("{field}.{name}")
        };
    }
    let code = code.unwrap_or_else(|| code_of(&e.message));
    let message = if field.is_empty() {
        e.message
    } else {
        format!("{field}: {}", e.message)
    };
    Error::new(code, message).with_field(field)
}

/// Copies `value` and reads a `T` from it, naming paths under `root`.
fn read<T: DeserializeOwned>(
    value: &JsValue,
    root: &str,
    code: Option<ErrorCode>,
) -> Result<T, Error> {
    let path = Path::Root(root);
    if let Some(text) = stringify(value)
        && let Some(v) = parse(&text, MAX_DEPTH)
    {
        return from_value(&v, path, code);
    }
    from_value(&exact_copy(value, &path, code)?, path, code)
}

/// The exact (slow) copy, with its error as a core error.
fn exact_copy(
    value: &JsValue,
    path: &Path<'_>,
    code: Option<ErrorCode>,
) -> Result<Value<'static>, Error> {
    copy(value, path, 0, &mut { MAX_VALUES }).map_err(|e| {
        Error::new(
            code.unwrap_or(e.code),
            format!("{}: {}", e.field, e.message),
        )
        .with_field(e.field)
    })
}

/// Reads a `T` from a copied value at `path`.
fn from_value<T: DeserializeOwned>(
    copied: &Value<'_>,
    path: Path<'_>,
    code: Option<ErrorCode>,
) -> Result<T, Error> {
    T::deserialize(De {
        value: copied,
        path,
    })
    .map_err(|e| to_error(with_path(e, &path), code))
}

fn type_name(value: &JsValue) -> &'static str {
    if value.is_undefined() {
        "undefined"
    } else if value.is_null() {
        "null"
    } else if value.is_string() {
        "a string"
    } else if value.as_f64().is_some() {
        "a number"
    } else if value.as_bool().is_some() {
        "a boolean"
    } else if js_sys::Array::is_array(value) {
        "an array"
    } else if value.is_object() {
        "an object"
    } else {
        kind_of(value)
    }
}

fn is_plain_object(value: &JsValue) -> bool {
    value.is_object() && !value.is_function() && !js_sys::Array::is_array(value)
}

/// Reads an options object; `undefined` and `null` give the defaults. Every error is
/// `invalid_option` naming the option (`options.weights.transfer`).
pub fn options<T: DeserializeOwned + Default>(value: JsValue) -> Result<T, Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    if !is_plain_object(&value) {
        return Err(Error::new(
            ErrorCode::InvalidOption,
            format!("options must be an object, got {}", type_name(&value)),
        )
        .with_field("options"));
    }
    read(&value, "options", Some(ErrorCode::InvalidOption))
}

/// Reads a serialised accumulator state; every error is `invalid_state` naming the path.
pub fn state<T: DeserializeOwned>(value: JsValue) -> Result<T, Error> {
    if !is_plain_object(&value) {
        return Err(Error::new(
            ErrorCode::InvalidState,
            format!("state must be an object, got {}", type_name(&value)),
        )
        .with_field("state"));
    }
    read(&value, "state", Some(ErrorCode::InvalidState))
}

/// Reads a list of records (contacts, transactions, summary rows, cohorts): anything but an
/// array is `invalid_type` on `name`; the first element that does not read fails with the code
/// of its problem, naming `name[i].field` and the index.
pub fn records<T: DeserializeOwned>(value: JsValue, name: &str) -> Result<Vec<T>, Error> {
    if !js_sys::Array::is_array(&value) {
        return Err(Error::new(
            ErrorCode::InvalidType,
            format!("{name} must be an array, got {}", type_name(&value)),
        )
        .with_field(name));
    }
    let list: &js_sys::Array = value.unchecked_ref();
    let len = list.length() as usize;
    // One stringify for the whole list; a record holding a `null` (or every record, if the
    // list does not stringify) is copied exactly instead.
    let text = stringify(&value);
    let parsed = text.as_deref().and_then(|text| {
        let mut p = Parser {
            text,
            at: 0,
            max_depth: MAX_DEPTH + 1,
        };
        match p.value(0) {
            Some(Value::Array(items)) if items.len() == len => Some(items),
            _ => None,
        }
    });
    let root = Path::Root(name);
    let mut out = Vec::with_capacity(len);
    for i in 0..len {
        let path = Path::Index(&root, i);
        let fast = parsed
            .as_ref()
            .and_then(|items| items.get(i))
            .filter(|v| !has_null(v));
        let t = match fast {
            Some(v) => from_value(v, path, None),
            None => exact_copy(&list.get(i as u32), &path, None)
                .and_then(|v| from_value(&v, path, None)),
        };
        out.push(t.map_err(|e| e.with_index(i))?);
    }
    Ok(out)
}

/// Reads one record (`push` of an accumulator), naming `name.field` in errors.
pub fn record<T: DeserializeOwned>(value: JsValue, name: &str) -> Result<T, Error> {
    read(&value, name, None)
}

/// Reads an input object whose members are the function's parameters (`erlangC({...})`, BG/NBD
/// `params`, a `customer` row): anything but an object is `invalid_type` on `name`; errors name
/// `root.field` (`root` empty: the bare field, as the core names its parameters).
pub fn object<T: DeserializeOwned>(value: JsValue, name: &str, root: &str) -> Result<T, Error> {
    if !is_plain_object(&value) {
        return Err(Error::new(
            ErrorCode::InvalidType,
            format!("{name} must be an object, got {}", type_name(&value)),
        )
        .with_field(name));
    }
    read(&value, root, None).map_err(|mut e| {
        if e.field.as_deref() == Some("") {
            e.field = Some(name.to_string());
        }
        e
    })
}

/// An array of strings read with one `JSON.stringify`, for bulk calls: `f` gets the strings,
/// borrowed from the JSON text unless they hold escapes (`Cow::Owned`: only those can hold a
/// lone surrogate, which becomes U+FFFD). `None` when `value` is not an array of strings (the
/// caller then reads it element by element to name the bad one).
pub fn with_strings<R>(value: &JsValue, f: impl FnOnce(&[Cow<'_, str>]) -> R) -> Option<R> {
    let text = stringify(value)?;
    let Value::Array(items) = parse(&text, 1)? else {
        return None;
    };
    let strings = items
        .into_iter()
        .map(|v| match v {
            Value::String(s) => Some(s),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?;
    Some(f(&strings))
}

/// Reads a plain value such as a unit name (`"weeks"`), naming `name` in errors.
pub fn value<T: DeserializeOwned>(value: JsValue, name: &str) -> Result<T, Error> {
    read(&value, name, None)
}

/// Whole numbers from a `Float64Array` column (`frequency`): each an integer from 0 to
/// 4,294,967,295, else `invalid_value` naming `name[i]` (a `Uint32Array` would silently wrap
/// −1 and truncate 1.5).
pub fn whole_numbers(column: &[f64], name: &str) -> Result<Vec<u32>, Error> {
    column
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            if v.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&v) {
                Ok(v as u32)
            } else {
                Err(Error::new(
                    ErrorCode::InvalidValue,
                    format!(
                        "{name}[{i}]: {v} is not a whole number from 0 to {}",
                        u32::MAX
                    ),
                )
                .with_field(format!("{name}[{i}]"))
                .with_index(i))
            }
        })
        .collect()
}

/// The columns of one table have one length (`invalid_value` naming the first that differs).
pub fn same_length(columns: &[(&str, usize)]) -> Result<(), Error> {
    let Some(&(first, n)) = columns.first() else {
        return Ok(());
    };
    match columns.iter().find(|(_, len)| *len != n) {
        None => Ok(()),
        Some((name, len)) => Err(Error::new(
            ErrorCode::InvalidValue,
            format!("{name} has {len} values but {first} has {n}: the columns are one table"),
        )
        .with_field(*name)),
    }
}
