//! JSON and JSON Lines files: an array of records, a `{contacts, surveys, transcripts}` object,
//! one record, or one record per line.

use serde_json::{Map, Value};

use super::fields::{self, Place};
use super::rows::Row;
use super::{Collector, FileFormat, ImportOptions, RecordKind};
use crate::error::{Error, ErrorCode, Result};
use crate::model::Transcript;

/// Reads a JSON or JSON Lines document into `out`; returns which of the two it was.
pub(crate) fn read(text: &str, options: &ImportOptions, out: &mut Collector) -> Result<FileFormat> {
    let mut values = Vec::new();
    for v in serde_json::Deserializer::from_str(text).into_iter::<Value>() {
        match v {
            Ok(v) => values.push(v),
            Err(e) => {
                let what = e.to_string();
                let what = what
                    .rfind(" at line ")
                    .map_or(what.as_str(), |cut| what.get(..cut).unwrap_or_default());
                return Err(Error::new(
                    ErrorCode::InvalidJson,
                    format!(
                        "line {}, column {}: the file is not valid JSON ({what})",
                        e.line(),
                        e.column()
                    ),
                ));
            }
        }
    }
    if values.len() > 1 {
        // JSON Lines: one record per line (the records' line numbers name them).
        let lines = line_numbers(text);
        for (i, v) in values.into_iter().enumerate() {
            let line = lines.get(i).copied().unwrap_or(i + 1);
            let place = Place {
                record: format!("line {line}"),
                index: i,
                csv: false,
            };
            record(v, place, options.kind, out)?;
        }
        return Ok(FileFormat::Jsonl);
    }
    match values.pop() {
        Some(Value::Array(items)) => list(items, "records", options.kind, out)?,
        Some(Value::Object(map)) if is_collection(&map) => {
            for (key, kind) in [
                ("contacts", RecordKind::Contacts),
                ("surveys", RecordKind::Surveys),
                ("responses", RecordKind::Surveys),
                ("transcripts", RecordKind::Transcripts),
            ] {
                match map.get(key) {
                    None | Some(Value::Null) => {}
                    Some(Value::Array(items)) => list(items.clone(), key, Some(kind), out)?,
                    Some(_) => {
                        return Err(Error::new(
                            ErrorCode::InvalidType,
                            format!("{key} must be an array of records"),
                        )
                        .with_field(key));
                    }
                }
            }
        }
        Some(v @ Value::Object(_)) => {
            let place = Place {
                record: "record".to_string(),
                index: 0,
                csv: false,
            };
            record(v, place, options.kind, out)?;
        }
        Some(_) => {
            return Err(Error::new(
                ErrorCode::UnrecognisedFile,
                "the JSON document is neither a list of records nor an object of records",
            ));
        }
        None => return Err(Error::new(ErrorCode::EmptyInput, "the file is empty")),
    }
    Ok(FileFormat::Json)
}

/// `true` for `{contacts: [...], surveys: [...], transcripts: [...]}`.
fn is_collection(map: &Map<String, Value>) -> bool {
    ["contacts", "surveys", "responses", "transcripts"]
        .iter()
        .any(|k| matches!(map.get(*k), Some(Value::Array(_))))
}

fn list(
    items: Vec<Value>,
    name: &str,
    kind: Option<RecordKind>,
    out: &mut Collector,
) -> Result<()> {
    for (i, v) in items.into_iter().enumerate() {
        let place = Place {
            record: format!("{name}[{i}]"),
            index: i,
            csv: false,
        };
        record(v, place, kind, out)?;
    }
    Ok(())
}

/// The line each top-level value of a JSON Lines text starts on (non-blank lines).
fn line_numbers(text: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, _)| i + 1)
        .collect()
}

/// One JSON record: a full transcript (`turns`), or an object read like a CSV row.
fn record(v: Value, place: Place, kind: Option<RecordKind>, out: &mut Collector) -> Result<()> {
    let Value::Object(map) = v else {
        let e = place.record_error(
            ErrorCode::InvalidType,
            format!("a record must be an object, got {}", type_name(&v)),
        );
        return out.reject(e);
    };
    if map.contains_key("turns") && kind.is_none_or(|k| k == RecordKind::Transcripts) {
        let t = serde_json::from_value::<Transcript>(Value::Object(map))
            .map_err(|e| {
                let message = e.to_string();
                let code = if message.starts_with("missing field") {
                    ErrorCode::MissingField
                } else if message.starts_with("invalid type") {
                    ErrorCode::InvalidType
                } else {
                    ErrorCode::InvalidValue
                };
                place.record_error(code, format!("not a transcript: {message}"))
            })
            .and_then(|t| {
                t.validate()
                    .map_err(|e| {
                        place.error(e.code, e.field.as_deref().unwrap_or("turns"), e.message)
                    })
                    .map(|()| t)
            });
        return match t {
            Ok(t) => {
                out.transcript(t);
                Ok(())
            }
            Err(e) => out.reject(e),
        };
    }
    let cells: Vec<_> = map
        .into_iter()
        .filter_map(|(k, v)| {
            let f = fields::field_of(&k)?;
            let text = match v {
                Value::Null => return None,
                Value::String(s) => s,
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => b.to_string(),
                // `scale: [1, 5]` reads as text; anything else fails the field's reader.
                other => other.to_string(),
            };
            Some((f, k, text))
        })
        .collect();
    let present: Vec<_> = cells.iter().map(|(f, _, _)| *f).collect();
    let row = Row { place, cells };
    match super::rows::shape(&present, kind) {
        Some(shape) => {
            out.shape(shape);
            out.row(&row, shape)
        }
        None => out.reject(row.place.record_error(
            ErrorCode::UnrecognisedFile,
            "no field names a contact, survey answer or transcript turn (expected id and channel, value or label, or speaker and text …)".to_string(),
        )),
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
