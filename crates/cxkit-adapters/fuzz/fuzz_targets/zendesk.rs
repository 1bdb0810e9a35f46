//! Zendesk bodies correctly signed, so the fuzzer reaches the event, ticket, rating and survey
//! response parsers.
#![no_main]

use cxkit_adapters::{Platform, Request};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let req = cxkit_adapters_fuzz::zendesk(Request::post("https://h.example/zd", data.to_vec()));
    cxkit_adapters_fuzz::run(Platform::Zendesk, &req, &cxkit_adapters_fuzz::options());
});
