//! The same wasm-bindgen tests in headless Chromium (Debian chromium + chromedriver).
#![cfg(target_arch = "wasm32")]

mod common;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn responses_convert_to_core_inputs() {
    common::responses_convert_to_core_inputs();
}

#[wasm_bindgen_test]
fn options_are_strict_and_typed() {
    common::options_are_strict_and_typed();
}

#[wasm_bindgen_test]
fn nesting_is_refused_before_serde() {
    common::nesting_is_refused_before_serde();
}

#[wasm_bindgen_test]
fn typed_arrays_reach_the_fast_path() {
    common::typed_arrays_reach_the_fast_path();
}

#[wasm_bindgen_test]
fn errors_become_cxkit_errors() {
    common::errors_become_cxkit_errors();
}
