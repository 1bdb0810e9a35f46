//! Every webhook fixture under `tests/fixtures/webhooks/` through `handle_webhook` and
//! `verify_webhook`, compared with its expected outcome (exactly: numbers by value, timestamps
//! as instants) or its expected error code and field. The fixtures and their signatures come
//! from `tests/fixtures/webhooks/generate.py`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)] // tests: failing loudly is the point

use std::path::{Path, PathBuf};

use cxkit_adapters::{Options, Platform, Request, handle_webhook, verify_webhook};
use serde_json::Value;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/webhooks")
}

fn fixture_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for platform in std::fs::read_dir(fixtures_dir()).unwrap() {
        let platform = platform.unwrap().path();
        if !platform.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&platform).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_some_and(|e| e == "json") {
                files.push(f);
            }
        }
    }
    files.sort();
    files
}

/// The request of a fixture.
pub fn request(case: &Value) -> Request {
    let r = &case["request"];
    Request {
        method: r["method"].as_str().unwrap().to_string(),
        url: r["url"].as_str().unwrap().to_string(),
        headers: r["headers"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
            .collect(),
        body: r["body"].as_str().unwrap().as_bytes().to_vec(),
    }
}

fn instant(s: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&chrono::Utc))
}

/// Structural equality with numbers compared by value and RFC 3339 strings as instants.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::String(x), Value::String(y)) => {
            x == y || matches!((instant(x), instant(y)), (Some(p), Some(q)) if p == q)
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

fn check(path: &Path) -> Result<(), String> {
    let case: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let name = case["name"].as_str().unwrap().to_string();
    let platform = Platform::parse(case["platform"].as_str().unwrap()).unwrap();
    let req = request(&case);
    let options: Options = serde_json::from_value(case["options"].clone())
        .map_err(|e| format!("{name}: options do not deserialize: {e}"))?;
    let expect = &case["expect"];
    let got = handle_webhook(platform, &req, &options);
    let verified = verify_webhook(platform, &req, &options);
    if let Some(err) = expect.get("error") {
        let code = err["code"].as_str().unwrap();
        let e = match got {
            Ok(o) => {
                return Err(format!(
                    "{name}: expected error {code}, got {}",
                    serde_json::to_string_pretty(&o).unwrap()
                ));
            }
            Err(e) => e,
        };
        if e.code.as_str() != code {
            return Err(format!(
                "{name}: expected {code}, got {} ({})",
                e.code, e.message
            ));
        }
        if let Some(field) = err.get("field").and_then(|f| f.as_str())
            && e.field.as_deref() != Some(field)
        {
            return Err(format!(
                "{name}: expected field {field}, got {:?} ({})",
                e.field, e.message
            ));
        }
        // verify_webhook stops at the sender: it reports the same error, or passes when the
        // error is in the body.
        match verified {
            Err(v) if v.code == e.code => {}
            Ok(_) if code == "malformed_payload" => {}
            other => {
                return Err(format!(
                    "{name}: verify_webhook gave {other:?} where handle_webhook gave {}",
                    e.code
                ));
            }
        }
        if e.message.is_empty() {
            return Err(format!("{name}: empty message"));
        }
        return Ok(());
    }
    let out = got.map_err(|e| {
        format!(
            "{name}: expected an outcome, got {} ({:?}: {})",
            e.code, e.field, e.message
        )
    })?;
    let actual = serde_json::to_value(&out).unwrap();
    if !same(&actual, expect) {
        return Err(format!(
            "{name}: outcome differs\n expected {}\n   actual {}",
            serde_json::to_string(expect).unwrap(),
            serde_json::to_string(&actual).unwrap()
        ));
    }
    verified.map_err(|e| format!("{name}: verify_webhook failed: {} {}", e.code, e.message))?;
    Ok(())
}

#[test]
fn every_fixture_gives_its_expected_outcome() {
    let files = fixture_files();
    assert!(files.len() >= 200, "only {} fixtures found", files.len());
    let failures: Vec<String> = files.iter().filter_map(|f| check(f).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} fixtures failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_platform_has_every_variant() {
    let files = fixture_files();
    for platform in Platform::ALL {
        let names: Vec<String> = files
            .iter()
            .filter(|f| f.parent().unwrap().file_name().unwrap() == platform.as_str())
            .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        for variant in [
            "valid",
            "tampered",
            "wrong-secret",
            "truncated",
            "wrong-types",
        ] {
            assert!(
                names
                    .iter()
                    .any(|n| n.ends_with(&format!(".{variant}.json"))),
                "{} has no {variant} fixture",
                platform.as_str()
            );
        }
    }
}
