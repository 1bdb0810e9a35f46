//! PII redaction against the shared development cases (`tests/fixtures/pii/cases.jsonl`, 120
//! English and Spanish lines with the expected entities, the look-alikes that must be kept and the
//! expected redacted text).
//!
//! Prints precision and recall per type (`cargo test -p cxkit-core --test pii_accuracy --
//! --nocapture`) and requires every case to come out exactly as expected.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // a test

use std::collections::BTreeMap;

use cxkit_core::pii::{PiiType, RedactOptions, redact};
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    id: String,
    lang: String,
    text: String,
    entities: Vec<Expected>,
    kept: Vec<String>,
    redacted: String,
}

#[derive(Deserialize)]
struct Expected {
    #[serde(rename = "type")]
    kind: PiiType,
    value: String,
}

fn cases() -> Vec<Case> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/pii/cases.jsonl"
    );
    let data = std::fs::read_to_string(path).expect("the fixture is in the repository");
    data.lines()
        .map(|l| serde_json::from_str(l).expect("a case"))
        .collect()
}

/// Spans of the expected entities, found as the fixture's README says: each value searched from
/// the end of the previous one.
fn expected_spans(case: &Case) -> Vec<(PiiType, usize, usize)> {
    let mut from = 0;
    case.entities
        .iter()
        .map(|e| {
            let at = from + case.text[from..].find(&e.value).expect("value in text");
            from = at + e.value.len();
            (e.kind, at, from)
        })
        .collect()
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn precision(self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    fn recall(self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
}

#[test]
fn dev_cases_precision_recall_and_exact_output() {
    let cases = cases();
    assert_eq!(cases.len(), 120);
    let mut by_type: BTreeMap<(String, PiiType), Counts> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut kept_lost = 0;
    for case in &cases {
        let got = redact(&case.text, &RedactOptions::default()).unwrap();
        let want = expected_spans(case);
        let have: Vec<(PiiType, usize, usize)> = got
            .entities
            .iter()
            .map(|e| (e.kind, e.start, e.end))
            .collect();
        for lang in [case.lang.clone(), "all".to_string()] {
            for t in PiiType::ALL {
                let c = by_type.entry((lang.clone(), t)).or_default();
                let w: Vec<_> = want.iter().filter(|x| x.0 == t).collect();
                let h: Vec<_> = have.iter().filter(|x| x.0 == t).collect();
                let tp = h.iter().filter(|x| w.contains(x)).count();
                c.tp += tp;
                c.fp += h.len() - tp;
                c.fn_ += w.len() - tp;
            }
        }
        for k in &case.kept {
            if !got.text.contains(k.as_str()) {
                kept_lost += 1;
                failures.push(format!("{}: kept {k:?} was redacted", case.id));
            }
        }
        if got.text != case.redacted || have != want {
            failures.push(format!(
                "{}:\n  text: {}\n  want: {}\n  got:  {}\n  got entities: {:?}",
                case.id,
                case.text,
                case.redacted,
                got.text,
                got.entities
                    .iter()
                    .map(|e| (e.kind.as_str(), e.value.as_str()))
                    .collect::<Vec<_>>()
            ));
        }
    }
    println!("PII dev cases: precision / recall per type (tp, fp, fn)");
    println!("| lang | type | precision | recall | tp | fp | fn |");
    println!("|---|---|---:|---:|---:|---:|---:|");
    for ((lang, t), c) in &by_type {
        println!(
            "| {lang} | {t} | {:.3} | {:.3} | {} | {} | {} |",
            c.precision(),
            c.recall(),
            c.tp,
            c.fp,
            c.fn_
        );
    }
    let total =
        by_type
            .iter()
            .filter(|((l, _), _)| l == "all")
            .fold(Counts::default(), |a, (_, c)| Counts {
                tp: a.tp + c.tp,
                fp: a.fp + c.fp,
                fn_: a.fn_ + c.fn_,
            });
    println!(
        "| all | all | {:.3} | {:.3} | {} | {} | {} |",
        total.precision(),
        total.recall(),
        total.tp,
        total.fp,
        total.fn_
    );
    println!("kept look-alikes redacted: {kept_lost}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
