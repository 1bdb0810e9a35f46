//! PII redaction: formats beyond the shared cases, look-alikes that must be kept, options and
//! errors, and properties over arbitrary Unicode (spans on char boundaries, UTF-16 offsets, the
//! redacted text rebuilt from the spans, no overlaps, no panic).
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests fail loudly on purpose

use cxkit_core::ErrorCode;
use cxkit_core::pii::{DEFAULT_MAX_BYTES, Entity, PiiType, RedactOptions, detect, redact};
use proptest::prelude::*;

fn found(text: &str) -> Vec<(PiiType, &str)> {
    detect(text, &RedactOptions::default())
        .unwrap()
        .into_iter()
        .map(|e| (e.kind, &text[e.start..e.end]))
        .collect()
}

fn one(text: &str) -> Option<(PiiType, &str)> {
    let f = found(text);
    assert!(f.len() <= 1, "{text}: {f:?}");
    f.into_iter().next()
}

#[test]
fn phone_formats() {
    use PiiType::Phone;
    for (text, value) in [
        ("llama al +34 612 34 56 78 hoy", "+34 612 34 56 78"),
        ("o al (+34) 91 748 33 02.", "(+34) 91 748 33 02"),
        ("desde fuera: 0034 612 345 678", "0034 612 345 678"),
        ("E.164: +34612345678.", "+34612345678"),
        ("+52 1 55 1234 5678 (antiguo)", "+52 1 55 1234 5678"),
        ("cel (55)1234-5678", "(55)1234-5678"),
        ("cel 55-1234-5678", "55-1234-5678"),
        ("Bogotá 601 743 2280", "601 743 2280"),
        ("Buenos Aires 011 4732-0918", "011 4732-0918"),
        ("call 1-800-555-0199 now", "1-800-555-0199"),
        ("call +1.305.555.0112", "+1.305.555.0112"),
        ("UK mobile 07700 900482", "07700 900482"),
        ("London +44 (0)20 7946 0321", "+44 (0)20 7946 0321"),
        ("Berlin +49 30 12345678", "+49 30 12345678"),
        ("Lisboa +351 912 345 678", "+351 912 345 678"),
        ("Tel.612345678", "612345678"),
        ("teléfono:612345678", "612345678"),
        ("(612 345 678)", "612 345 678"),
        ("(1) 612 345 678", "612 345 678"),
        ("nbsp 612\u{a0}345\u{a0}678", "612\u{a0}345\u{a0}678"),
        ("after 03/14 612345678", "612345678"),
        ("+34 612 345 678 2 veces", "+34 612 345 678"),
    ] {
        assert_eq!(one(text), Some((Phone, value)), "{text}");
    }
}

#[test]
fn look_alikes_are_kept() {
    for text in [
        "total 1.249,00 € y 124,90 €",
        "importe 912.345.678,00",
        "sale a 912 345 678 €",
        "costó $ 612345678",
        "pedido #612345678",
        "ticket INC-612345678",
        "ref PED-2024-118734",
        "de 10:00 a 12:00, [00:01:12]",
        "nacido el 22.07.1981 o 2024-05-17 o 07/22/1981",
        "la 612-345-678 no es española",
        "the 512 345 678 is not Spanish",
        "order 4249 0807 5165 6140 (Luhn fails)",
        "reference 8425550349106546 (Luhn passes, no card network starts with 8)",
        "zip 14222, extension 4402, card ending 4471",
        "GB24 ZZAW 1343 0671 4587 13 wrong checksum",
        "ES91 2100 0418 4502 0005 133 too short",
        // Wrong IBAN checksums whose digits alone would pass Luhn in a card grouping.
        "DE46 5393 3633 8750 0474 39 and AT46 6853 5606 8831 0679",
        "DNI 61422141B has the wrong letter",
        "NIE X2637302G has the wrong letter",
        "CURP SANR860923HDFLXD24 wrong check digit",
        "SSN 666-41-2290, 912-41-2290, 841-00-5309, 841-46-0000",
        "1,612,345,678 and 3.14159265358979",
        "tracking 1Z7A4X090355218890, PK7301946ES",
        "user@localhost and @handle and a.@example.com",
        "٦١٢٣٤٥٦٧٨ Arabic-Indic digits are not read as a phone number",
        "612345678٣ glued to a digit of another script",
    ] {
        assert_eq!(found(text), vec![], "{text}");
    }
}

#[test]
fn every_type_in_one_text_with_placeholders() {
    let text = "Mail Ana.Ruiz+cx@mail.example.es, tel +34 612 345 678, tarjeta 4425-5503-4910-6545, \
                IBAN ES91 2100 0418 4502 0005 1332, DNI 12345678Z, NIE X0522849J, \
                CURP SANR860923HDFLXD23, SSN 841-46-5309.";
    let r = redact(text, &RedactOptions::default()).unwrap();
    assert_eq!(
        r.text,
        "Mail [EMAIL], tel [PHONE], tarjeta [CARD], IBAN [IBAN], DNI [NATIONAL_ID], \
         NIE [NATIONAL_ID], CURP [NATIONAL_ID], SSN [SSN]."
    );
    let kinds: Vec<PiiType> = r.entities.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            PiiType::Email,
            PiiType::Phone,
            PiiType::Card,
            PiiType::Iban,
            PiiType::NationalId,
            PiiType::NationalId,
            PiiType::NationalId,
            PiiType::Ssn
        ]
    );
}

#[test]
fn overlaps_prefer_the_longest_span() {
    // The digits of an e-mail address are part of the address.
    assert_eq!(
        found("escribe a 612345678@example.com"),
        vec![(PiiType::Email, "612345678@example.com")]
    );
    // A German IBAN whose last 18 digits pass Luhn in card grouping is one IBAN.
    let text = "DE86 3103 5034 4663 7956 30";
    assert_eq!(found(text), vec![(PiiType::Iban, text)]);
    // Filtering happens after resolution: the e-mail's digits are not a phone number.
    let phones = detect(
        "escribe a 612345678@example.com",
        &RedactOptions::only(&[PiiType::Phone]),
    )
    .unwrap();
    assert!(phones.is_empty());
}

#[test]
fn types_filter_and_errors() {
    let text = "DNI 12345678Z, tel 612 345 678";
    let r = redact(text, &RedactOptions::only(&[PiiType::NationalId])).unwrap();
    assert_eq!(r.text, "DNI [NATIONAL_ID], tel 612 345 678");

    let err = redact(text, &RedactOptions::only(&[])).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidOption);
    assert_eq!(err.field.as_deref(), Some("options.types"));

    let big = "a".repeat(DEFAULT_MAX_BYTES + 1);
    let err = redact(&big, &RedactOptions::default()).unwrap_err();
    assert_eq!(err.code, ErrorCode::TextTooLarge);
    assert_eq!(err.code.as_str(), "text_too_large");
    assert_eq!(err.code.http_status(), 413);
    assert!(err.message.len() < 200);
    let fits = "a".repeat(DEFAULT_MAX_BYTES);
    assert!(redact(&fits, &RedactOptions::default()).is_ok());
    let raised = RedactOptions {
        max_bytes: Some(DEFAULT_MAX_BYTES * 2),
        ..Default::default()
    };
    assert!(redact(&big, &raised).is_ok());

    let empty = redact("", &RedactOptions::default()).unwrap();
    assert_eq!((empty.text.as_str(), empty.entities.len()), ("", 0));
}

#[test]
fn wire_shape_matches_the_npm_api() {
    let r = redact("😀 sam@example.org", &RedactOptions::default()).unwrap();
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(
        v,
        serde_json::json!({
            "text": "😀 [EMAIL]",
            "entities": [{"type": "EMAIL", "value": "sam@example.org",
                          "start": 5, "end": 20, "startUtf16": 3, "endUtf16": 18}]
        })
    );
    let back: cxkit_core::pii::Redaction = serde_json::from_value(v).unwrap();
    assert_eq!(back, r);
}

#[test]
fn adversarial_inputs_stay_linear() {
    // Long runs of the characters each scanner reads: digits with separators, local-part
    // characters before many `@`, letters that open IBAN and CURP candidates.
    let inputs = [
        "1 ".repeat(200_000),
        "a".repeat(300_000) + "@",
        "a@".repeat(200_000),
        "ES91 ".repeat(80_000),
        "+1 (".repeat(100_000),
        "9".repeat(400_000),
        ".".repeat(100_000) + "@" + &"a.".repeat(100_000),
        // A chain of overlapping e-mail candidates: each local part reaches back into the
        // previous domain, so the overlaps form one run of ~100,000 candidates.
        (0..100_000)
            .map(|i| format!("x{}@aa.bb_", i % 10))
            .collect(),
        // Digits apart, with long stretches of non-ASCII between them (the digit pre-count
        // reads over non-ASCII bytes, which may be multi-byte spaces).
        ("1".to_string() + &"€".repeat(1_000)).repeat(300),
    ];
    for text in &inputs {
        let started = std::time::Instant::now();
        let r = redact(text, &RedactOptions::default()).unwrap();
        assert!(r.entities.len() <= text.len());
        // Generous even for an unoptimised build on a busy machine; quadratic behaviour would
        // take minutes here.
        assert!(started.elapsed().as_secs() < 20, "{}", &text[..20]);
    }
}

/// Invariants of any result.
fn check(text: &str, entities: &[Entity], redacted: &str) {
    let mut rebuilt = String::new();
    let mut last = 0;
    for e in entities {
        assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
        assert!(e.start < e.end && e.end <= text.len());
        assert!(last <= e.start, "overlap or disorder: {entities:?}");
        assert_eq!(&text[e.start..e.end], e.value);
        assert_eq!(e.start_utf16, text[..e.start].encode_utf16().count());
        assert_eq!(e.end_utf16, text[..e.end].encode_utf16().count());
        rebuilt.push_str(&text[last..e.start]);
        rebuilt.push_str(e.kind.placeholder());
        last = e.end;
    }
    rebuilt.push_str(&text[last..]);
    assert_eq!(rebuilt, redacted);
}

/// Pieces that exercise every scanner and every Unicode hazard named in the brief.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        // Valid values of every type.
        Just("sam@example.org".to_string()),
        Just("+34 612 345 678".to_string()),
        Just("(55) 1234-5678".to_string()),
        Just("4425 5503 4910 6545".to_string()),
        Just("ES91 2100 0418 4502 0005 1332".to_string()),
        Just("12345678Z".to_string()),
        Just("SANR860923HDFLXD23".to_string()),
        Just("841-46-5309".to_string()),
        // Their building blocks.
        "[0-9]{1,19}",
        "[+(]?[0-9]{1,4}[ .\u{a0}-]?[0-9]{1,4}[)]?",
        "[A-Za-z]{1,4}[0-9]{1,8}",
        "[a-z._+-]{0,6}@[a-z.-]{0,8}",
        Just("@".to_string()),
        Just("..".to_string()),
        // Emoji (with ZWJ sequences and flags), combining marks, RTL text, other scripts' digits,
        // no-break spaces, punctuation.
        Just("😀👨\u{200d}👩\u{200d}👧🇪🇸".to_string()),
        Just("e\u{301}\u{302}".to_string()),
        Just(
            "\u{5e9}\u{5dc}\u{5d5}\u{5dd} \u{627}\u{644}\u{639}\u{631}\u{628}\u{64a}\u{629}"
                .to_string()
        ),
        Just("\u{202e}\u{200f}".to_string()),
        Just("\u{660}\u{661}\u{662}\u{663}\u{664}\u{665}\u{666}\u{667}\u{668}\u{669}".to_string()),
        Just("\u{966}\u{967}\u{968}".to_string()),
        Just("\u{a0}\u{202f}\u{2009}".to_string()),
        "[ ,.;:!?/#$€%()«»“”'\"\n-]{1,3}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_unicode_never_breaks_the_invariants(text in any::<String>()) {
        let r = redact(&text, &RedactOptions::default()).unwrap();
        check(&text, &r.entities, &r.text);
    }
}

proptest! {
    // Fewer cases: each builds a longer text and runs seven detections.
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn pii_mixed_with_unicode_keeps_the_invariants(
        pieces in prop::collection::vec(piece(), 0..24),
        seps in prop::collection::vec(prop_oneof![Just(""), Just(" "), Just(", "), Just("\u{a0}")], 24),
    ) {
        let mut text = String::new();
        for (p, s) in pieces.iter().zip(&seps) {
            text.push_str(p);
            text.push_str(s);
        }
        let r = redact(&text, &RedactOptions::default()).unwrap();
        check(&text, &r.entities, &r.text);
        // A type filter keeps exactly the entities of those types.
        for t in PiiType::ALL {
            let only = detect(&text, &RedactOptions::only(&[t])).unwrap();
            let expected: Vec<&Entity> = r.entities.iter().filter(|e| e.kind == t).collect();
            prop_assert_eq!(only.iter().collect::<Vec<_>>(), expected);
        }
    }

    #[test]
    fn valid_values_between_spaces_are_found(
        value in prop_oneof![
            Just(("sam@example.org", PiiType::Email)),
            Just(("+34 612 345 678", PiiType::Phone)),
            Just(("4425 5503 4910 6545", PiiType::Card)),
            Just(("ES91 2100 0418 4502 0005 1332", PiiType::Iban)),
            Just(("Y9586873G", PiiType::NationalId)),
            Just(("841-46-5309", PiiType::Ssn)),
        ],
        before in "[\\p{L}\\p{So} ]{0,12}",
        after in "[\\p{L}\\p{So} ]{0,12}",
    ) {
        let text = format!("{before} {} {after}", value.0);
        let r = redact(&text, &RedactOptions::default()).unwrap();
        check(&text, &r.entities, &r.text);
        prop_assert_eq!(r.entities.len(), 1);
        prop_assert_eq!(r.entities[0].kind, value.1);
        prop_assert_eq!(r.entities[0].value.as_str(), value.0);
    }
}
