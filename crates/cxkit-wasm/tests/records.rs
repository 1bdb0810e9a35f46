//! wasm-bindgen tests in Node of the record reader (`cxkit_wasm::json`): what only the inside of
//! the module can see — the core values a JavaScript object becomes, and that hostile shapes
//! (cycles, symbols, deep nesting) end as typed errors rather than JavaScript exceptions.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)] // tests fail loudly

use cxkit_core::ErrorCode;
use cxkit_core::kpi::KpiOptions;
use cxkit_core::model::{Channel, Contact, Transaction};
use cxkit_core::staffing::ErlangCInput;
use cxkit_wasm::input;
use js_sys::{Array, JSON, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

fn js(text: &str) -> JsValue {
    JSON::parse(text).unwrap()
}

#[wasm_bindgen_test]
fn records_become_core_values() {
    let list = js(
        r#"[{"id": "c1", "channel": "voice", "answeredAt": "2026-11-23T10:00:12+01:00",
                      "talkS": 240, "transfers": 1, "vendor": {"x": [1, 2]}}]"#,
    );
    let contacts: Vec<Contact> = input::records(list, "contacts").unwrap();
    let mut want = Contact::new("c1", Channel::Voice);
    want.answered_at = Some("2026-11-23T09:00:12Z".parse().unwrap());
    want.talk_s = Some(240.0);
    want.transfers = 1;
    assert_eq!(contacts, vec![want]);
    // NaN reaches the core as NaN (which names it), not as null.
    let t = Object::new();
    Reflect::set(&t, &"customerId".into(), &"a".into()).unwrap();
    Reflect::set(&t, &"at".into(), &"2026-01-01T00:00:00Z".into()).unwrap();
    Reflect::set(&t, &"amount".into(), &JsValue::from_f64(f64::NAN)).unwrap();
    let list = Array::of1(&t);
    let tx: Vec<Transaction> = input::records(list.into(), "transactions").unwrap();
    assert!(tx[0].amount.is_nan());
}

#[wasm_bindgen_test]
fn errors_carry_code_path_and_index() {
    let e = input::records::<Contact>(
        js(r#"[{"id": "a", "channel": "voice"}, {"id": 7, "channel": "voice"}]"#),
        "contacts",
    )
    .unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref(), e.index),
        (ErrorCode::InvalidType, Some("contacts[1].id"), Some(1))
    );
    let e = input::object::<ErlangCInput>(
        js(r#"{"callsPerInterval": 1, "intervalSeconds": 1, "ahtSeconds": 1}"#),
        "input",
        "",
    )
    .unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::MissingField, Some("agents"))
    );
    let e =
        input::options::<KpiOptions>(js(r#"{"ahtComponents": {"talk": true, "wrapUp": false}}"#))
            .unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (
            ErrorCode::InvalidOption,
            Some("options.ahtComponents.wrapUp")
        )
    );
    let e = input::records::<Transaction>(
        js(r#"[{"customerId": "a", "at": "yesterday", "amount": 1}]"#),
        "transactions",
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidTimestamp);
    assert!(e.message.contains("\"yesterday\""), "{}", e.message);
}

/// The fast path (JSON.stringify) and the exact walk (taken when a value holds a null) read the
/// same values: a Date through its toJSON, NaN kept as NaN.
#[wasm_bindgen_test]
fn both_paths_agree() {
    let date = js_sys::Date::new(&"2026-01-01T10:00:00Z".into());
    for with_null in [false, true] {
        let t = Object::new();
        Reflect::set(&t, &"customerId".into(), &"a".into()).unwrap();
        Reflect::set(&t, &"at".into(), &date).unwrap();
        Reflect::set(&t, &"amount".into(), &JsValue::from_f64(2.5)).unwrap();
        if with_null {
            // An unknown member holding null sends the record down the exact walk.
            Reflect::set(&t, &"note".into(), &JsValue::NULL).unwrap();
            let e =
                input::records::<Transaction>(Array::of1(&t).into(), "transactions").unwrap_err();
            assert_eq!(e.field.as_deref(), Some("transactions[0].note"));
            Reflect::delete_property(&t, &"note".into()).unwrap();
            Reflect::set(&t, &"amount".into(), &JsValue::from_f64(f64::NAN)).unwrap();
        }
        let tx: Vec<Transaction> = input::records(Array::of1(&t).into(), "transactions").unwrap();
        assert_eq!(tx[0].at.to_rfc3339(), "2026-01-01T10:00:00+00:00");
        assert_eq!(tx[0].amount.is_nan(), with_null);
    }
}

#[wasm_bindgen_test]
fn hostile_shapes_are_typed_errors() {
    // A cycle.
    let o = Object::new();
    Reflect::set(&o, &"self".into(), &o).unwrap();
    let e = input::options::<KpiOptions>(o.into()).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidOption);
    // Deep nesting.
    let mut deep: JsValue = JsValue::from_f64(1.0);
    for _ in 0..10_000 {
        deep = Array::of1(&deep).into();
    }
    let rec = Object::new();
    Reflect::set(&rec, &"id".into(), &deep).unwrap();
    let e = input::records::<Contact>(Array::of1(&rec).into(), "contacts").unwrap_err();
    assert_eq!((e.code, e.index), (ErrorCode::InvalidValue, Some(0)));
    // A symbol member is left out, as JSON.stringify does; a bigint is refused.
    let rec = Object::new();
    Reflect::set(&rec, &"id".into(), &js_sys::Symbol::for_("x").into()).unwrap();
    let e = input::records::<Contact>(Array::of1(&rec).into(), "contacts").unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::MissingField, Some("contacts[0].id"))
    );
    let rec = Object::new();
    Reflect::set(&rec, &"id".into(), &js_sys::BigInt::from(7u32).into()).unwrap();
    let e = input::records::<Contact>(Array::of1(&rec).into(), "contacts").unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::InvalidType, Some("contacts[0].id"))
    );
    let f = js_sys::Function::new_no_args("return 1");
    let e = input::object::<ErlangCInput>(f.into(), "input", "").unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::InvalidType, Some("input"))
    );
}
