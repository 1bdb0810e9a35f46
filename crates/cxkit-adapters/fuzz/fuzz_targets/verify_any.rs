//! Arbitrary platform, URL, headers (the platforms' own header names with arbitrary values) and
//! body, unsigned: exercises detection and every verifier.
#![no_main]

use cxkit_adapters::{Platform, Request};
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &[
    "x-amz-firehose-access-key",
    "x-amz-firehose-request-id",
    "x-cxkit-connect-key",
    "x-cxkit-genesys-key",
    "x-cxkit-salesforce-key",
    "x-cxkit-key",
    "x-hub-signature-256",
    "x-twilio-signature",
    "x-zendesk-webhook-signature",
    "x-zendesk-webhook-signature-timestamp",
    "cxkit-signature",
    "content-type",
];

#[derive(Debug, Arbitrary)]
struct Input {
    platform: u8,
    url: String,
    headers: Vec<(u8, String)>,
    body: Vec<u8>,
}

fuzz_target!(|input: Input| {
    let platform = Platform::ALL[usize::from(input.platform) % Platform::ALL.len()];
    let mut req = Request::post(input.url, input.body);
    for (i, v) in input.headers {
        req = req.with_header(NAMES[usize::from(i) % NAMES.len()], v);
    }
    cxkit_adapters_fuzz::run(platform, &req, &cxkit_adapters_fuzz::options());
});
