//! Native speed report of keyword scanning (not a timed assertion; run in release):
//!
//! ```sh
//! cargo test --release -p cxkit-core --test keywords_speed -- --ignored --nocapture
//! ```
//!
//! Compiles a 10,000-phrase `KeywordSet` (plus the built-in categories and a few compliance
//! rules) and scans 100,000 synthetic customer-service utterances (about 5 MB) with it, one
//! utterance at a time, and as one transcript of 1,000-turn chunks.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // a report

use std::time::Instant;

use cxkit_core::keywords::{ComplianceRule, KeywordCategory, KeywordConfig, KeywordSet};
use cxkit_core::model::{Speaker, Transcript};

const WORDS: [&str; 40] = [
    "account",
    "bill",
    "refund",
    "router",
    "parcel",
    "contract",
    "engineer",
    "signal",
    "fibre",
    "tariff",
    "cuenta",
    "factura",
    "reembolso",
    "paquete",
    "contrato",
    "técnico",
    "señal",
    "tarifa",
    "premium",
    "basic",
    "gold",
    "silver",
    "plan",
    "bundle",
    "upgrade",
    "downgrade",
    "roaming",
    "data",
    "minutes",
    "landline",
    "mobile",
    "broadband",
    "renewal",
    "discount",
    "voucher",
    "loyalty",
    "promo",
    "bonus",
    "credit",
    "deposit",
];

fn rng(seed: u64) -> impl FnMut() -> usize {
    let mut state = seed;
    move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize
    }
}

fn corpus(n: usize) -> Vec<String> {
    let bodies = [
        "my internet has been down since yesterday and nobody called me back",
        "thanks so much, you've been really helpful today",
        "I was charged twice for the same order, this is ridiculous",
        "the agent was lovely but the parcel still hasn't arrived",
        "I want to cancel my contract, this is the third time I call",
        "llevo tres días sin internet y nadie me da una solución",
        "me cobraron dos veces el mismo pedido, quiero hablar con un supervisor",
        "muchas gracias, me habéis ayudado un montón 😊",
        "quería consultar el estado de mi pedido xfa",
        "es la tercera vez que llamo y no me solucionan nada",
    ];
    let mut next = rng(7);
    (0..n)
        .map(|_| {
            let w = WORDS[next() % WORDS.len()];
            format!("{} {w}", bodies[next() % bodies.len()])
        })
        .collect()
}

#[test]
#[ignore = "report; run by cargo xtask bench"]
fn keyword_speed_report() {
    let mut next = rng(11);
    let phrases: Vec<String> = (0..10_000)
        .map(|i| {
            let a = WORDS[next() % WORDS.len()];
            let b = WORDS[next() % WORDS.len()];
            format!("{a} {b} {i}")
        })
        .collect();
    let config = KeywordConfig {
        categories: vec![KeywordCategory::new("codes", phrases)],
        rules: vec![
            ComplianceRule::must_say("disclosure", ["this call may be recorded"]).within_turns(1),
            ComplianceRule::must_not_say("promises", ["we guarantee", "te lo garantizo"]),
        ],
        max_bytes: Some(1 << 30),
        ..Default::default()
    };
    let t = Instant::now();
    let set = KeywordSet::new(&config).unwrap();
    println!(
        "compiled {} patterns (10,000 phrases + built-ins + rules) in {:.1} ms",
        set.pattern_count(),
        t.elapsed().as_secs_f64() * 1e3
    );
    // CXKIT_SPEED_N shrinks the run (the quick mode of tests/bench/text.bench.mjs).
    let n = std::env::var("CXKIT_SPEED_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let texts = corpus(n);
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut best = f64::INFINITY;
    let mut found = 0;
    for _ in 0..3 {
        let t = Instant::now();
        found = 0;
        for text in &texts {
            found += set.scan_text(text).unwrap().len();
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "scan_text: {} utterances ({:.2} MB) in {:.3} s: {:.0} utterances/s, {:.1} MB/s ({found} matches)",
        texts.len(),
        bytes as f64 / 1e6,
        best,
        texts.len() as f64 / best,
        bytes as f64 / 1e6 / best
    );
    let transcripts: Vec<Transcript> = texts
        .chunks(1000)
        .map(|c| {
            Transcript::from_turns(c.iter().enumerate().map(|(i, x)| {
                (
                    if i % 2 == 0 {
                        Speaker::Customer
                    } else {
                        Speaker::Agent
                    },
                    x.as_str(),
                )
            }))
        })
        .collect();
    let t = Instant::now();
    let mut counted = 0;
    for tr in &transcripts {
        counted += set.scan(tr).unwrap().matches.len();
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "scan ({} transcripts of up to 1,000 turns): {:.3} s, {:.1} MB/s ({counted} matches)",
        transcripts.len(),
        s,
        bytes as f64 / 1e6 / s
    );
}
