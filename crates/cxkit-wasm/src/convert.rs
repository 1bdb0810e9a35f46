//! JavaScript values to and from core types (serde-wasm-bindgen, with field paths in errors).

use std::marker::PhantomData;

use cxkit_core::survey::SurveyInput;
use cxkit_core::{Error, ErrorCode};
use serde::Serialize;
use serde::de::value::MapAccessDeserializer;
use serde::de::{Deserialize, DeserializeOwned, Deserializer, MapAccess, Visitor};
use wasm_bindgen::prelude::*;

/// Reads a struct through `deserialize_map`, so that every key of the JavaScript object is seen
/// and `deny_unknown_fields` rejects misspelt options (serde-wasm-bindgen's struct path only
/// looks up the declared fields).
struct Strict<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Strict<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = T;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map))
            }
        }
        d.deserialize_map(V(PhantomData)).map(Strict)
    }
}

/// serde-wasm-bindgen errors display as "Error: …"; keep the message only.
fn message(e: &impl std::fmt::Display) -> String {
    let text = e.to_string();
    text.strip_prefix("Error: ")
        .map(str::to_string)
        .unwrap_or(text)
}

/// The deepest nesting accepted in options and states (they need 4 levels).
const MAX_DEPTH: usize = 32;

/// Refuses values nested deeper than [`MAX_DEPTH`], walking them without recursion. serde-wasm-
/// bindgen describes a value of the wrong type with JavaScript's recursive `String()`, which
/// overflows the JavaScript stack on a deeply nested array; an exception thrown through wasm
/// frames leaves the instance unusable. Checking first keeps every such input a typed error.
fn check_depth(value: &JsValue, root: &str, code: ErrorCode) -> Result<(), Error> {
    const MAX_NODES: usize = 100_000;
    let mut stack = vec![(value.clone(), 0usize)];
    let mut seen = 0usize;
    while let Some((v, depth)) = stack.pop() {
        if !v.is_object() {
            continue;
        }
        seen += 1;
        if seen > MAX_NODES {
            return Err(Error::new(
                code,
                format!("{root} has more than {MAX_NODES} nested objects and arrays"),
            )
            .with_field(root));
        }
        if depth >= MAX_DEPTH {
            return Err(Error::new(
                code,
                format!("{root} is nested more than {MAX_DEPTH} levels deep"),
            )
            .with_field(root));
        }
        let children = if js_sys::Array::is_array(&v) {
            js_sys::Array::from(&v)
        } else {
            js_sys::Object::values(v.unchecked_ref())
        };
        for child in children.iter() {
            if child.is_object() {
                stack.push((child, depth + 1));
            }
        }
    }
    Ok(())
}

/// Deserialises a strict struct, naming the offending path under `root`.
fn strict<T: DeserializeOwned>(value: JsValue, root: &str, code: ErrorCode) -> Result<T, Error> {
    check_depth(&value, root, code)?;
    let de = serde_wasm_bindgen::Deserializer::from(value);
    serde_path_to_error::deserialize::<_, Strict<T>>(de)
        .map(|Strict(t)| t)
        .map_err(|e| {
            let path = e.path().to_string();
            let field = if path == "." {
                root.to_string()
            } else {
                format!("{root}.{path}")
            };
            Error::new(code, format!("{field}: {}", message(e.inner()))).with_field(field)
        })
}

/// Reads an options object; `undefined` and `null` give the defaults. Errors name the option
/// (`options.groupBy`).
pub fn options<T: DeserializeOwned + Default>(value: JsValue) -> Result<T, Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    if !value.is_object() || js_sys::Array::is_array(&value) {
        return Err(
            Error::new(ErrorCode::InvalidOption, "options must be an object").with_field("options"),
        );
    }
    strict(value, "options", ErrorCode::InvalidOption)
}

/// Reads `responses`: anything but an array is an `invalid_type` error on `name`. Elements that
/// cannot be read are kept as faults at their index (the core reports or skips them).
pub fn responses(value: JsValue, name: &str) -> Result<Vec<SurveyInput>, Error> {
    if !js_sys::Array::is_array(&value) {
        return Err(Error::new(
            ErrorCode::InvalidType,
            format!("{name} must be an array, got {}", type_name(&value)),
        )
        .with_field(name));
    }
    match serde_wasm_bindgen::from_value(value.clone()) {
        Ok(inputs) => Ok(inputs),
        // Some element is not even a JSON-like value (a Symbol, a function): read them one by one.
        Err(_) => Ok(js_sys::Array::from(&value)
            .iter()
            .map(|item| {
                serde_wasm_bindgen::from_value(item.clone())
                    .unwrap_or_else(|_| SurveyInput::invalid_type(type_name(&item)))
            })
            .collect()),
    }
}

/// Reads a serialised accumulator state (an object), naming the offending path.
pub fn state<T: DeserializeOwned>(value: JsValue) -> Result<T, Error> {
    if !value.is_object() || js_sys::Array::is_array(&value) {
        return Err(Error::new(
            ErrorCode::InvalidState,
            format!("state must be an object, got {}", type_name(&value)),
        )
        .with_field("state"));
    }
    strict(value, "state", ErrorCode::InvalidState)
}

/// Reads one element (a single response); never fails for element-level problems, which the
/// core reports with their code.
pub fn element<T: DeserializeOwned>(value: JsValue, name: &str) -> Result<T, Error> {
    serde_wasm_bindgen::from_value(value).map_err(|e| {
        Error::new(ErrorCode::InvalidType, format!("{name}: {}", message(&e))).with_field(name)
    })
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
    } else if value.is_function() {
        "a function"
    } else if value.is_symbol() {
        "a symbol"
    } else if value.is_bigint() {
        "a bigint"
    } else {
        "an object"
    }
}

/// Writes a result as plain JSON-compatible JavaScript (objects, not Maps; `null`, not
/// `undefined`).
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, Error> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| {
            Error::new(
                ErrorCode::InvalidState,
                format!("cannot convert the result: {e}"),
            )
        })
}
