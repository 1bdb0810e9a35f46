//! Generic bodies, signed with cxkit-signature (the cxkit vocabulary parser) and keyed for the
//! field-mapped format (the mapper, JSON and form).
#![no_main]

use cxkit_adapters::{Platform, Request};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = cxkit_adapters_fuzz::options();
    let signed = cxkit_adapters_fuzz::cxkit(Request::post("https://h.example/g", data.to_vec()));
    cxkit_adapters_fuzz::run(Platform::Generic, &signed, &options);
    let mapped = cxkit_adapters_fuzz::keyed("https://h.example/g", data);
    cxkit_adapters_fuzz::run(Platform::Generic, &mapped, &options);
});
