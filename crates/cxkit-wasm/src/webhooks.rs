//! Webhooks (`cxkit_adapters`): `handleWebhook(platform, request, options)` and
//! `verifyWebhook(platform, request, options)`. Conversion only: verification, parsing, mapping,
//! defaults and every check are the adapters'.
//!
//! The binding's own work is the request: `method` and `url` strings; `headers` as a plain
//! object, a `Headers`/`Map` or an array of `[name, value]` pairs (names case-insensitive, an
//! array value counts as repeated headers); `body` as a string (sent as its UTF-8 bytes), a
//! `Uint8Array` (a Node `Buffer` too) or an `ArrayBuffer`. And the clock: when `options.now` is
//! absent the host's clock (`Date.now()`) is used for replay checks.

use cxkit_adapters::{Options, Platform, Request};
use cxkit_core::{Error, ErrorCode};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::error::throwing as js;
use crate::{input, output};

/// `handleWebhook(platform, request, options)`: verifies the sender and maps the body to cxkit
/// records: `{status, event, reason?, contacts, surveys, transcripts, response?}`.
#[wasm_bindgen(js_name = handleWebhook)]
pub fn handle_webhook(
    platform: JsValue,
    request: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    js(|| {
        let (platform, request, options) = arguments(platform, request, options)?;
        output::to_js(&cxkit_adapters::handle_webhook(
            platform, &request, &options,
        )?)
    })
}

/// `verifyWebhook(platform, request, options)`: only the size, format and sender checks:
/// `{platform, format, scheme, secretIndex?}`.
#[wasm_bindgen(js_name = verifyWebhook)]
pub fn verify_webhook(
    platform: JsValue,
    request: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    js(|| {
        let (platform, request, options) = arguments(platform, request, options)?;
        output::to_js(&cxkit_adapters::verify_webhook(
            platform, &request, &options,
        )?)
    })
}

fn arguments(
    platform: JsValue,
    request: JsValue,
    options: JsValue,
) -> Result<(Platform, Request, Options), Error> {
    let name = platform.as_string().ok_or_else(|| {
        Error::new(ErrorCode::InvalidType, "platform must be a string").with_field("platform")
    })?;
    let platform = Platform::parse(&name)?;
    let mut options: Options = input::options(options)?;
    if options.now.is_none() {
        options.now = chrono::DateTime::from_timestamp_millis(js_sys::Date::now() as i64);
    }
    Ok((platform, read_request(&request)?, options))
}

fn invalid_type(field: &str, what: &str) -> Error {
    Error::new(ErrorCode::InvalidType, format!("{field} must be {what}")).with_field(field)
}

fn get(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn read_request(request: &JsValue) -> Result<Request, Error> {
    if !request.is_object() || js_sys::Array::is_array(request) {
        return Err(invalid_type(
            "request",
            "an object {method, url, headers, body}",
        ));
    }
    let text = |key: &str, default: Option<&str>| -> Result<String, Error> {
        let v = get(request, key);
        match (v.as_string(), default) {
            (Some(s), _) => Ok(s),
            (None, Some(d)) if v.is_undefined() => Ok(d.to_string()),
            _ => Err(invalid_type(&format!("request.{key}"), "a string")),
        }
    };
    Ok(Request {
        method: text("method", Some("POST"))?,
        url: text("url", None)?,
        headers: read_headers(&get(request, "headers"))?,
        body: read_body(&get(request, "body"))?,
    })
}

/// Header pairs from a plain object, a `Headers`/`Map` (anything iterable of pairs) or an array
/// of pairs; `undefined` is no headers.
fn read_headers(headers: &JsValue) -> Result<Vec<(String, String)>, Error> {
    let mut out = Vec::new();
    if headers.is_undefined() || headers.is_null() {
        return Ok(out);
    }
    if !headers.is_object() {
        return Err(invalid_type(
            "request.headers",
            "an object, a Headers or an array of [name, value] pairs",
        ));
    }
    let mut push = |i: usize, name: JsValue, value: JsValue| -> Result<(), Error> {
        let field = || format!("request.headers[{i}]");
        let name = name
            .as_string()
            .ok_or_else(|| invalid_type(&field(), "a [name, value] pair of strings"))?;
        if let Some(v) = value.as_string() {
            out.push((name, v));
        } else if js_sys::Array::is_array(&value) {
            let values: &js_sys::Array = value.unchecked_ref();
            for v in values.iter() {
                let v = v.as_string().ok_or_else(|| {
                    invalid_type(&format!("request.headers.{name}"), "a string or strings")
                })?;
                out.push((name.clone(), v));
            }
        } else if !value.is_undefined() {
            return Err(invalid_type(
                &format!("request.headers.{name}"),
                "a string or an array of strings",
            ));
        }
        Ok(())
    };
    // Headers, Map, arrays of pairs: iterables of [name, value].
    if let Ok(Some(iter)) = js_sys::try_iter(headers) {
        for (i, pair) in iter.enumerate() {
            let pair = pair.map_err(|_| invalid_type("request.headers", "iterable"))?;
            if !js_sys::Array::is_array(&pair) {
                return Err(invalid_type(
                    &format!("request.headers[{i}]"),
                    "a [name, value] pair of strings",
                ));
            }
            let pair: js_sys::Array = pair.unchecked_into();
            push(i, pair.get(0), pair.get(1))?;
        }
        return Ok(out);
    }
    let entries = js_sys::Object::entries(headers.unchecked_ref());
    for (i, pair) in entries.iter().enumerate() {
        let pair: js_sys::Array = pair.unchecked_into();
        push(i, pair.get(0), pair.get(1))?;
    }
    Ok(out)
}

/// The raw body: a string's UTF-8 bytes, or the bytes of a `Uint8Array` / `ArrayBuffer`.
fn read_body(body: &JsValue) -> Result<Vec<u8>, Error> {
    if let Some(s) = body.as_string() {
        return Ok(s.into_bytes());
    }
    if let Some(bytes) = body.dyn_ref::<js_sys::Uint8Array>() {
        return Ok(bytes.to_vec());
    }
    if let Some(buffer) = body.dyn_ref::<js_sys::ArrayBuffer>() {
        return Ok(js_sys::Uint8Array::new(buffer).to_vec());
    }
    if body.is_undefined() || body.is_null() {
        return Ok(Vec::new());
    }
    Err(invalid_type(
        "request.body",
        "a string, a Uint8Array or an ArrayBuffer",
    ))
}
