//! Fuzzes `pii::redact` with arbitrary bytes (read as UTF-8, invalid sequences replaced by
//! U+FFFD) and a type filter picked from the first byte, and checks the result's invariants:
//! spans on char boundaries, UTF-16 offsets equal to `encode_utf16` counts, values equal to the
//! spanned text, entities in order without overlap, and the redacted text equal to the original
//! with each span replaced by its placeholder. Any panic or failed check is a crash.
#![no_main]

use cxkit_core::pii::{PiiType, RedactOptions, redact};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (filter, body) = data.split_first().map_or((0, data), |(f, rest)| (*f, rest));
    let text = String::from_utf8_lossy(body);
    let types: Vec<PiiType> = PiiType::ALL
        .into_iter()
        .enumerate()
        .filter(|(i, _)| filter & (1 << i) != 0)
        .map(|(_, t)| t)
        .collect();
    let options = RedactOptions {
        types: (!types.is_empty() && filter & 0x80 == 0).then_some(types),
        ..RedactOptions::default()
    };
    let r = match redact(&text, &options) {
        Ok(r) => r,
        Err(e) => panic!("redact failed on valid input: {e:?}"),
    };
    let mut rebuilt = String::with_capacity(text.len());
    let mut last = 0;
    for e in &r.entities {
        assert!(e.start < e.end && e.end <= text.len(), "{e:?}");
        assert!(
            text.is_char_boundary(e.start) && text.is_char_boundary(e.end),
            "{e:?}"
        );
        assert!(last <= e.start, "overlap or disorder: {:?}", r.entities);
        assert_eq!(text.get(e.start..e.end), Some(e.value.as_str()));
        let units = |at: usize| text.get(..at).map(|s| s.encode_utf16().count());
        assert_eq!(units(e.start), Some(e.start_utf16), "{e:?}");
        assert_eq!(units(e.end), Some(e.end_utf16), "{e:?}");
        if let Some(t) = &options.types {
            assert!(t.contains(&e.kind), "{e:?} not in {t:?}");
        }
        rebuilt.push_str(text.get(last..e.start).unwrap_or_default());
        rebuilt.push_str(e.kind.placeholder());
        last = e.end;
    }
    rebuilt.push_str(text.get(last..).unwrap_or_default());
    assert_eq!(rebuilt, r.text);
});
