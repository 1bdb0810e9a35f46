//! The timestamp reader every adapter uses (RFC 3339, `+0000` offsets, zone-less, epoch seconds
//! or milliseconds) and the Salesforce id normaliser.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let _ = cxkit_adapters::de::parse_time(s);
    let _ = cxkit_adapters::salesforce::id18(s);
    if let Some(n) = s.parse::<f64>().ok() {
        let _ = cxkit_adapters::de::from_epoch(n);
    }
});
