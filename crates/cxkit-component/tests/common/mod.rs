//! The wasmtime host shared by every `tests/host*.rs`: typed bindings of `wit/`, a WASI p2 host,
//! the built component compiled once per test binary, and the JSON comparisons of results with
//! the other surfaces' expected values.
//!
//! Needs the component: `cargo build --release --target wasm32-wasip2 -p cxkit-component`, or the
//! path in `CXKIT_COMPONENT_WASM`. `cargo xtask test` builds it and runs
//! `cargo test -p cxkit-component --tests -- --ignored` (every `tests/host*.rs`).

// Each test binary uses part of this module; a missing component or a malformed fixture must
// fail loudly (unwrap, index, panic).
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::PathBuf;
use std::sync::OnceLock;

use serde::Serialize;
use serde_json::Value;
use wasmtime::component::{Component, Linker, ResourceTable};
use wasmtime::{Engine, Store};
use wasmtime_wasi::{WasiCtx, WasiCtxView, WasiView};

/// Typed host bindings of the `metrics` world (`bindgen!` checks the WIT at compile time);
/// results serialise to JSON for the comparisons.
#[allow(missing_docs)]
pub mod bindings {
    wasmtime::component::bindgen!({
        world: "metrics",
        path: "../../wit",
        additional_derives: [serde::Serialize],
    });
}

use bindings::Metrics;

/// Store data: a real WASI host (Rust std in a wasip2 build imports wasi:cli and wasi:io).
pub struct Host {
    wasi: WasiCtx,
    table: ResourceTable,
}

impl WasiView for Host {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView {
            ctx: &mut self.wasi,
            table: &mut self.table,
        }
    }
}

pub fn component_path() -> PathBuf {
    std::env::var_os("CXKIT_COMPONENT_WASM")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../target/wasm32-wasip2/release/cxkit_component.wasm")
        })
}

/// The engine and the compiled component, shared by every test of a binary (compiled once).
pub fn compiled() -> &'static (Engine, Component) {
    static COMPILED: OnceLock<(Engine, Component)> = OnceLock::new();
    COMPILED.get_or_init(|| {
        let path = component_path();
        assert!(
            path.is_file(),
            "component not found at {}: build it with `cargo build --release --target \
             wasm32-wasip2 -p cxkit-component` (or `cargo xtask build`), or set CXKIT_COMPONENT_WASM",
            path.display()
        );
        let engine = Engine::default();
        let component = Component::from_file(&engine, &path)
            .unwrap_or_else(|e| panic!("{} is not a valid component: {e:#}", path.display()));
        (engine, component)
    })
}

/// A fresh store and a linker with WASI p2.
pub fn linker() -> (Store<Host>, Linker<Host>) {
    let (engine, _) = compiled();
    let mut linker = Linker::new(engine);
    wasmtime_wasi::p2::add_to_linker_sync(&mut linker).unwrap();
    let host = Host {
        wasi: WasiCtx::builder().build(),
        table: ResourceTable::new(),
    };
    (Store::new(engine, host), linker)
}

/// A fresh instance of the `metrics` world.
pub fn instance() -> (Store<Host>, Metrics) {
    let (mut store, linker) = linker();
    let metrics = Metrics::instantiate(&mut store, &compiled().1, &linker).unwrap();
    (store, metrics)
}

/// `tests/fixtures/<path>`.
pub fn fixture_path(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(path)
}

/// A JSON fixture.
pub fn fixture(path: &str) -> Value {
    let p = fixture_path(path);
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// A JSON-lines fixture.
pub fn fixture_lines(path: &str) -> Vec<Value> {
    let p = fixture_path(path);
    std::fs::read_to_string(&p)
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

pub fn camel(key: &str) -> String {
    let mut out = String::new();
    let mut up = false;
    for ch in key.chars() {
        if ch == '_' {
            up = true;
        } else if up {
            out.extend(ch.to_uppercase());
            up = false;
        } else {
            out.push(ch);
        }
    }
    out
}

/// A WIT value as JSON with the wire's camelCase member names (`type_` is `type`).
pub fn to_json<T: Serialize>(value: &T) -> Value {
    fn walk(v: Value) -> Value {
        match v {
            Value::Object(map) => {
                Value::Object(map.into_iter().map(|(k, v)| (camel(&k), walk(v))).collect())
            }
            Value::Array(a) => Value::Array(a.into_iter().map(walk).collect()),
            other => other,
        }
    }
    walk(serde_json::to_value(value).unwrap())
}

/// Enum values are compared by name whatever their case (`NationalId` is `NATIONAL_ID`,
/// `RepeatWindow` is `repeatWindow`).
pub fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    a == b || norm(a) == norm(b)
}

/// Every member of `expected` equals the same member of `got`: numbers within `rel` (relative,
/// absolute below 1), enum names by [`same_name`], absent members of `got` only where `expected`
/// has `null`.
pub fn assert_json_within(got: &Value, expected: &Value, what: &str, rel: f64) {
    match (expected, got) {
        (Value::Object(e), Value::Object(_)) => {
            for (k, v) in e {
                assert_json_within(&got[k], v, &format!("{what}.{k}"), rel);
            }
        }
        (Value::Array(e), Value::Array(g)) => {
            assert_eq!(e.len(), g.len(), "{what}: length");
            for (i, (ev, gv)) in e.iter().zip(g).enumerate() {
                assert_json_within(gv, ev, &format!("{what}[{i}]"), rel);
            }
        }
        (Value::Number(e), Value::Number(g)) => {
            let (e, g) = (e.as_f64().unwrap(), g.as_f64().unwrap());
            assert!(
                (e - g).abs() <= rel * e.abs().max(1.0),
                "{what}: {g}, expected {e}"
            );
        }
        (Value::String(e), Value::String(g)) => {
            assert!(same_name(e, g), "{what}: {g:?}, expected {e:?}")
        }
        _ => assert_eq!(got, expected, "{what}"),
    }
}
