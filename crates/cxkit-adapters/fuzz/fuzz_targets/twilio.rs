//! Twilio bodies correctly signed (form bodies over the sorted parameters, JSON bodies through
//! bodySHA256), so the fuzzer reaches the TaskRouter and Event Streams parsers.
#![no_main]

use cxkit_adapters::{Platform, Request};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = cxkit_adapters_fuzz::options();
    for json in [false, true] {
        let req = cxkit_adapters_fuzz::twilio(
            Request::post("https://h.example/tw?tenant=x", data.to_vec()),
            json,
        );
        cxkit_adapters_fuzz::run(Platform::Twilio, &req, &options);
    }
});
