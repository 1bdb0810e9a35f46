//! Fuzzes `import::parse_records_bytes` (and so `parse_records` over the decoded text) with
//! arbitrary bytes and options picked from the first byte (kind, `onInvalid`, UTC offset), and
//! checks the result's invariants: a success holds at least one record or a counted rejection,
//! `skipped` never outnumbers `rejected.total`, and every error has a non-empty message. Any
//! panic or failed check is a crash.
#![no_main]

use cxkit_core::import::{ImportOptions, RecordKind, parse_records_bytes};
use cxkit_core::survey::OnInvalid;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (pick, body) = data.split_first().map_or((0, data), |(f, rest)| (*f, rest));
    let options = ImportOptions {
        kind: match pick & 3 {
            1 => Some(RecordKind::Contacts),
            2 => Some(RecordKind::Surveys),
            3 => Some(RecordKind::Transcripts),
            _ => None,
        },
        on_invalid: (pick & 4 != 0).then_some(OnInvalid::Skip),
        utc_offset_minutes: (pick & 8 != 0).then_some(60),
        ..ImportOptions::default()
    };
    match parse_records_bytes(body, &options) {
        Ok(r) => {
            let n = r.contacts.len() + r.surveys.len() + r.transcripts.len();
            assert!(
                n > 0 || r.rejected.total > 0 || r.format == cxkit_core::import::FileFormat::Csv,
                "a JSON success with nothing in it: {r:?}"
            );
            assert!(r.skipped.len() as u64 <= r.rejected.total);
            assert!(r.transcripts.iter().all(|t| !t.turns.is_empty()));
        }
        Err(e) => assert!(!e.message.is_empty(), "{e:?}"),
    }
});
