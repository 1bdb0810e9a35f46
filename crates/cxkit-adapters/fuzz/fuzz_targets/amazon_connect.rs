//! Bodies with every shared-key header correct (and, for Genesys, a valid X-Hub-Signature-256),
//! so the fuzzer reaches the AmazonConnect parsers behind verification.
#![no_main]

use cxkit_adapters::Platform;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = cxkit_adapters_fuzz::options();
    let req = cxkit_adapters_fuzz::keyed("https://h.example/wh", data);
    cxkit_adapters_fuzz::run(Platform::AmazonConnect, &req, &options);
    if Platform::AmazonConnect == Platform::Genesys {
        let req =
            cxkit_adapters_fuzz::hub(cxkit_adapters_fuzz::keyed("https://h.example/wh", data));
        cxkit_adapters_fuzz::run(Platform::AmazonConnect, &req, &options);
    }
});
