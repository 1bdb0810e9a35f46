//! `cxkit_core::import`: the shared fixtures (`tests/fixtures/import/`, English and Spanish
//! CSV, JSON, JSON Lines and bad files) read into the records of `records.json`, error codes and
//! places, `onInvalid: "skip"`, and property tests: CSV written from random records reads back
//! equal, and no input panics.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)] // tests fail loudly on purpose

use std::path::PathBuf;

use chrono::{DateTime, TimeZone, Utc};
use cxkit_core::ErrorCode;
use cxkit_core::import::{
    FileFormat, ImportOptions, ImportedKind, RecordKind, parse_records, parse_records_bytes,
};
use cxkit_core::model::{Channel, Contact, Speaker, Transcript};
use cxkit_core::survey::{OnInvalid, SurveyKind, SurveyResponse};
use proptest::prelude::*;
use serde::Deserialize;

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/import")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The reference records, read with serde (not with the importer).
#[derive(Deserialize)]
struct Reference {
    contacts: Vec<Contact>,
    surveys: Vec<SurveyResponse>,
    transcripts: Vec<Transcript>,
}

fn reference() -> Reference {
    serde_json::from_slice(&fixture("records.json")).unwrap()
}

fn madrid() -> ImportOptions {
    ImportOptions {
        utc_offset_minutes: Some(60),
        ..ImportOptions::default()
    }
}

#[test]
fn english_and_spanish_contact_csvs_read_as_the_reference_contacts() {
    let want = reference().contacts;
    let en = parse_records_bytes(&fixture("contacts.csv"), &ImportOptions::default()).unwrap();
    assert_eq!(
        (en.format, en.kind),
        (FileFormat::Csv, ImportedKind::Contacts)
    );
    assert_eq!(en.contacts, want);
    assert_eq!(en.ignored, vec!["notes".to_string()]);
    assert!(en.surveys.is_empty() && en.transcripts.is_empty());
    let es = parse_records_bytes(&fixture("contactos.csv"), &madrid()).unwrap();
    assert_eq!(es.contacts, want);
    assert_eq!(es.rejected.total, 0);
    // Without the offset the local times are read as UTC: one hour later.
    let utc = parse_records_bytes(&fixture("contactos.csv"), &ImportOptions::default()).unwrap();
    assert_eq!(
        utc.contacts[0].started_at,
        Some(Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap())
    );
    assert_eq!(es.contacts[1].reason.as_deref(), Some("Price, discount"));
    assert_eq!(
        es.contacts[3].reason.as_deref(),
        Some("Refund \"urgent\"\nsecond line")
    );
    assert_eq!(es.contacts[0].talk_s, Some(300.5));
}

#[test]
fn survey_csvs_and_transcript_rows_read_as_the_reference() {
    let r = reference();
    let en = parse_records_bytes(&fixture("surveys.csv"), &ImportOptions::default()).unwrap();
    assert_eq!(en.kind, ImportedKind::Surveys);
    assert_eq!(en.surveys, r.surveys);
    let es = parse_records_bytes(&fixture("encuestas.csv"), &madrid()).unwrap();
    assert_eq!(es.surveys, r.surveys);
    assert_eq!(es.surveys[2].label.as_deref(), Some("muy fácil"));
    let t = parse_records_bytes(&fixture("transcripts.csv"), &ImportOptions::default()).unwrap();
    assert_eq!(t.kind, ImportedKind::Transcripts);
    assert_eq!(t.transcripts, r.transcripts);
    assert_eq!(t.transcripts[0].turns.len(), 3);
    assert_eq!(t.transcripts[1].turns[1].speaker, Speaker::Agent);
}

#[test]
fn json_and_json_lines_read_as_the_reference() {
    let r = reference();
    for (name, format) in [
        ("records.json", FileFormat::Json),
        ("records.jsonl", FileFormat::Jsonl),
    ] {
        let got = parse_records_bytes(&fixture(name), &ImportOptions::default()).unwrap();
        assert_eq!(
            (got.format, got.kind),
            (format, ImportedKind::Mixed),
            "{name}"
        );
        assert_eq!(got.contacts, r.contacts, "{name}");
        assert_eq!(got.surveys, r.surveys, "{name}");
        assert_eq!(got.transcripts, r.transcripts, "{name}");
    }
    // A bare array of one kind, and one record.
    let arr = serde_json::to_string(&r.contacts).unwrap();
    let got = parse_records(&arr, &ImportOptions::default()).unwrap();
    assert_eq!((got.kind, got.contacts.len()), (ImportedKind::Contacts, 4));
    let one = parse_records(r#"{"value": 4, "kind": "csat"}"#, &ImportOptions::default()).unwrap();
    assert_eq!(one.surveys[0].kind, Some(SurveyKind::Csat));
}

#[test]
fn bad_files_get_clear_typed_errors() {
    let opts = ImportOptions::default();
    let e = parse_records_bytes(&fixture("unrelated.csv"), &opts).unwrap_err();
    assert_eq!(e.code, ErrorCode::UnrecognisedFile);
    assert!(
        e.message
            .starts_with("no column names a record field: expected one of id"),
        "{}",
        e.message
    );
    assert!(
        e.message.contains("product, colour, size, price"),
        "{}",
        e.message
    );
    let e = parse_records_bytes(&fixture("truncated.json"), &opts).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidJson);
    assert_eq!(
        e.message,
        "line 5, column 64: the file is not valid JSON (EOF while parsing an object)"
    );
    let e = parse_records_bytes(&fixture("image.png"), &opts).unwrap_err();
    assert_eq!(e.code, ErrorCode::UnrecognisedFile);
    assert!(e.message.contains("a PNG image"), "{}", e.message);
    // The same bytes read as text by a browser (invalid UTF-8 replaced).
    let lossy = String::from_utf8_lossy(&fixture("image.png")).into_owned();
    assert_eq!(
        parse_records(&lossy, &opts).unwrap_err().code,
        ErrorCode::UnrecognisedFile
    );
    for empty in ["", "  \n", "\u{feff}"] {
        assert_eq!(
            parse_records(empty, &opts).unwrap_err().code,
            ErrorCode::EmptyInput
        );
    }
    assert_eq!(
        parse_records("[]", &opts).unwrap_err().code,
        ErrorCode::EmptyInput
    );
    let e = parse_records(r#"{"name": "my-app", "version": "1.0.0"}"#, &opts).unwrap_err();
    assert_eq!(e.code, ErrorCode::UnrecognisedFile);
    let e = parse_records(
        "speaker,text\n",
        &ImportOptions {
            kind: Some(RecordKind::Contacts),
            ..opts.clone()
        },
    )
    .unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::MissingField, Some("id"))
    );
}

#[test]
fn bad_values_name_row_and_column_and_can_be_skipped() {
    let csv = "contact_id,channel,started_at,talk_s\n\
               a,voice,2026-11-23T09:00:00Z,10\n\
               b,voice,2026-11-23T09:00:00Z,10\n\
               c,chat,2026-11-23T09:00:00Z,\n\
               d,voice,2026-11-23T09:00:00Z,5\n\
               e,voice,2026-11-23T09:00:00Z,5\n\
               f,voice,ayer,5\n\
               g,pigeon,,5\n\
               h,voice,,-3\n";
    let e = parse_records(csv, &ImportOptions::default()).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidTimestamp);
    assert!(
        e.message
            .starts_with("row 7, column started_at: \"ayer\" is not a timestamp"),
        "{}",
        e.message
    );
    assert_eq!((e.field.as_deref(), e.index), (Some("started_at"), Some(5)));
    let skip = ImportOptions {
        on_invalid: Some(OnInvalid::Skip),
        ..ImportOptions::default()
    };
    let got = parse_records(csv, &skip).unwrap();
    assert_eq!(got.contacts.len(), 5);
    assert_eq!(got.rejected.total, 3);
    assert_eq!(
        got.rejected.by_reason.get(&ErrorCode::InvalidTimestamp),
        Some(&1)
    );
    assert_eq!(
        got.rejected.by_reason.get(&ErrorCode::InvalidValue),
        Some(&2)
    );
    assert_eq!(
        got.skipped[1].message.split(':').next(),
        Some("row 8, column channel")
    );
    assert!(
        got.skipped[2].message.starts_with("row 9: contacts[7]"),
        "{}",
        got.skipped[2].message
    );
    // A quoted line break moves the line but not the row.
    let e = parse_records(
        "id,channel,text_x\n1,voice,\"a\nb\"\n2,fax,\n",
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert!(
        e.message.starts_with("row 3 (line 4), column channel"),
        "{}",
        e.message
    );
    // JSON records are named by position, JSON Lines by line.
    let e = parse_records(
        r#"[{"id": "1", "channel": "voice"}, {"id": "2", "channel": "voice", "talkS": "x"}]"#,
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert!(
        e.message
            .starts_with("records[1].talkS: \"x\" is not a number"),
        "{}",
        e.message
    );
    let e = parse_records(
        "{\"kind\": \"csat\", \"value\": 4}\n\n{\"kind\": \"nope\", \"value\": 4}\n",
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert!(e.message.starts_with("line 3.kind:"), "{}", e.message);
}

#[test]
fn wide_survey_columns_sit_beside_contacts() {
    let csv = "id;canal;fecha;talk_s;CSAT;NPS\nc1;chat;2026-11-23 09:00;30;4;\nc2;voz;2026-11-23 09:30:00;20;;10\nc3;voz;;20;;\n";
    // "2026-11-23 09:00" lacks seconds: not a timestamp.
    let e = parse_records(csv, &ImportOptions::default()).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidTimestamp);
    let csv = csv.replace("09:00;", "09:00:00;");
    let got = parse_records(&csv, &ImportOptions::default()).unwrap();
    assert_eq!(got.kind, ImportedKind::Mixed);
    assert_eq!(got.contacts.len(), 3);
    assert_eq!(got.contacts[1].channel, Channel::Voice);
    let answers: Vec<_> = got
        .surveys
        .iter()
        .map(|s| (s.contact_id.as_deref(), s.kind, s.value))
        .collect();
    assert_eq!(
        answers,
        vec![
            (Some("c1"), Some(SurveyKind::Csat), Some(4.0)),
            (Some("c2"), Some(SurveyKind::Nps), Some(10.0))
        ]
    );
    assert_eq!(got.surveys[0].responded_at, got.contacts[0].started_at);
    // Forcing the kind reads only that.
    let only = parse_records(
        &csv,
        &ImportOptions {
            kind: Some(RecordKind::Contacts),
            ..ImportOptions::default()
        },
    )
    .unwrap();
    assert_eq!((only.kind, only.surveys.len()), (ImportedKind::Contacts, 0));
    // A delimiter given explicitly wins; a wrong one finds no field.
    let e = parse_records(
        &csv,
        &ImportOptions {
            delimiter: Some(','),
            ..ImportOptions::default()
        },
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::UnrecognisedFile);
    let e = parse_records(
        &csv,
        &ImportOptions {
            utc_offset_minutes: Some(5000),
            ..ImportOptions::default()
        },
    )
    .unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::InvalidOption, Some("options.utcOffsetMinutes"))
    );
    // Excel's separator hint line.
    let hinted = format!("sep=;\n{csv}");
    assert_eq!(
        parse_records(&hinted, &ImportOptions::default())
            .unwrap()
            .contacts
            .len(),
        3
    );
}

#[test]
fn utf16_and_windows_1252_bytes_decode() {
    let text = "id\tcanal\tcola\nc-1\tvoz\tFacturación €\n";
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    for bytes in [le, be] {
        let got = parse_records_bytes(&bytes, &ImportOptions::default()).unwrap();
        assert_eq!(got.contacts[0].queue.as_deref(), Some("Facturación €"));
    }
    let cp1252 = b"id;canal;cola\nc-1;voz;Facturaci\xf3n \x80\n";
    let got = parse_records_bytes(cp1252, &ImportOptions::default()).unwrap();
    assert_eq!(got.contacts[0].queue.as_deref(), Some("Facturación €"));
}

// ---- properties ----------------------------------------------------------------------------

fn quote(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s.trim() != s {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn time() -> impl Strategy<Value = Option<DateTime<Utc>>> {
    proptest::option::of((0i64..4_000_000_000, 0u32..1000).prop_map(|(s, ms)| {
        Utc.timestamp_millis_opt(s * 1000 + i64::from(ms))
            .single()
            .unwrap()
    }))
}

fn text() -> impl Strategy<Value = Option<String>> {
    // Any text without surrounding blanks (cells are trimmed).
    proptest::option::of(
        "[a-zA-Z0-9ñé,;\" \n-]{1,12}"
            .prop_map(|s| s.trim().to_string())
            .prop_filter("blank", |s| !s.is_empty()),
    )
}

fn contact() -> impl Strategy<Value = Contact> {
    (
        "[a-z0-9-]{1,10}",
        proptest::sample::select(Channel::ALL.to_vec()),
        text(),
        text(),
        time(),
        proptest::option::of(0.0f64..1e6),
        proptest::option::of(0u32..50),
        proptest::option::of(any::<bool>()),
        text(),
    )
        .prop_map(
            |(id, channel, queue, agent, started, talk, transfers, resolved, reason)| {
                let mut c = Contact::new(id, channel);
                c.queue = queue;
                c.agent_id = agent;
                c.started_at = started;
                c.talk_s = talk;
                c.transfers = transfers.unwrap_or(0);
                c.resolved = resolved;
                c.reason = reason;
                c
            },
        )
}

fn write_csv(contacts: &[Contact]) -> String {
    let mut out = String::from(
        "contact_id,channel,queue,agent,started_at,talk_s,transfers,resolved,reason\r\n",
    );
    for c in contacts {
        let cells = [
            quote(&c.id),
            c.channel.as_str().to_string(),
            c.queue.as_deref().map(quote).unwrap_or_default(),
            c.agent_id.as_deref().map(quote).unwrap_or_default(),
            c.started_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
            c.talk_s.map(|v| v.to_string()).unwrap_or_default(),
            c.transfers.to_string(),
            c.resolved.map(|v| v.to_string()).unwrap_or_default(),
            c.reason.as_deref().map(quote).unwrap_or_default(),
        ];
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn csv_written_from_records_reads_back_equal(contacts in proptest::collection::vec(contact(), 1..20)) {
        let csv = write_csv(&contacts);
        let got = parse_records(&csv, &ImportOptions::default()).unwrap();
        prop_assert_eq!(got.contacts, contacts);
    }

    #[test]
    fn no_text_panics(text in "\\PC{0,200}", kind in 0u8..4, skip in any::<bool>()) {
        let options = ImportOptions {
            kind: [None, Some(RecordKind::Contacts), Some(RecordKind::Surveys), Some(RecordKind::Transcripts)][usize::from(kind)],
            on_invalid: skip.then_some(OnInvalid::Skip),
            ..ImportOptions::default()
        };
        let _ = parse_records(&text, &options);
    }

    #[test]
    fn no_csv_like_text_panics(text in "[a-z_;,\"\n\r0-9: .-]{0,300}", prefix in proptest::sample::select(vec!["id,channel,talk_s,started_at\n", "contact_id;speaker;text;start_ms\n", "kind,value,scale,responded_at\n", ""])) {
        let _ = parse_records(&format!("{prefix}{text}"), &ImportOptions { on_invalid: Some(OnInvalid::Skip), ..ImportOptions::default() });
        let _ = parse_records(&format!("{prefix}{text}"), &ImportOptions::default());
    }

    #[test]
    fn no_bytes_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = parse_records_bytes(&bytes, &ImportOptions::default());
    }
}
