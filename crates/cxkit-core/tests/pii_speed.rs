//! Redaction throughput on ~5 MB of synthetic contact-centre text (English and Spanish turns,
//! about one turn in eight carrying PII, plus dates, times, amounts and order numbers).
//!
//! A measurement, not a timed test: run it in release and read the numbers.
//!
//! ```sh
//! cargo test --release -p cxkit-core --test pii_speed -- --ignored --nocapture
//! ```
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // a measurement

use std::time::Instant;

use cxkit_core::pii::{RedactOptions, detect, redact};

/// A small deterministic generator (64-bit LCG, Knuth's MMIX constants), so every run measures
/// the same text.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() as usize % items.len()]
    }
    fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + (self.next() % 10) as u8))
            .collect()
    }
}

const PLAIN: &[&str] = &[
    "Agent: Thank you for calling, my name is Laura, how can I help you today?",
    "Customer: I was charged twice for the same order and nobody has called me back.",
    "Agent: I'm sorry to hear that, let me pull up your account and check the payments.",
    "Customer: the technician never showed up, the window was 2:00 to 4:00 on 03/14.",
    "Agent: Your order #48213977 shipped yesterday and the total came to $1,249.00.",
    "Customer: great, thanks 👍 that's all I needed.",
    "Agente: Buenas tardes, le atiende Carlos, ¿en qué puedo ayudarle?",
    "Cliente: llevo tres días sin internet y la incidencia INC-7730192 sigue abierta 😡",
    "Agente: Lamento las molestias, el importe pendiente es de 86,40 € y vence el 30/06/2024.",
    "Cliente: vale, muchas gracias por la ayuda, de verdad.",
    "Agent: I can offer you a credit of £20.00 on the next bill, would that help?",
    "Cliente: el pedido PED-2024-118734 llegó el 12/03/2024 pero faltaba una pieza.",
];

fn pii_turn(rng: &mut Lcg) -> String {
    match rng.next() % 8 {
        0 => format!(
            "Customer: my email is {}.{}@example.com, thanks.",
            rng.pick(&["dana", "luis", "maria", "sam"]),
            rng.pick(&["ruiz", "smith", "okafor", "lee"])
        ),
        1 => format!(
            "Cliente: mi móvil es el 6{} {} {}.",
            rng.digits(2),
            rng.digits(3),
            rng.digits(3)
        ),
        2 => format!(
            "Customer: call me on +1 (212) 555-0{} after 5:30.",
            rng.digits(3)
        ),
        3 => "Cliente: la tarjeta es 4425 5503 4910 6545, caduca en 08/26.".to_string(),
        4 => "Cliente: el IBAN es ES91 2100 0418 4502 0005 1332.".to_string(),
        5 => "Cliente: DNI 12345678Z y NIE X0522849J.".to_string(),
        6 => "Customer: SSN is 841-46-5309 and my date of birth is 07/22/1981.".to_string(),
        _ => "Cliente: mi CURP es SANR860923HDFLXD23 y el celular 55 4871 2093.".to_string(),
    }
}

fn corpus(bytes: usize) -> String {
    let mut rng = Lcg(42);
    let mut text = String::with_capacity(bytes + 200);
    while text.len() < bytes {
        if rng.next().is_multiple_of(8) {
            text.push_str(&pii_turn(&mut rng));
        } else {
            text.push_str(rng.pick(PLAIN));
        }
        text.push('\n');
    }
    text
}

fn measure(label: &str, bytes: usize, mut f: impl FnMut() -> usize) {
    // Warm-up, then the best of five runs.
    let found = f();
    let best = (0..5)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min);
    println!(
        "{label}: {:.1} MB in {:.1} ms = {:.0} MB/s ({found} entities)",
        bytes as f64 / 1e6,
        best * 1e3,
        bytes as f64 / 1e6 / best
    );
}

#[test]
#[ignore = "a measurement: run in release with --ignored --nocapture"]
fn redaction_throughput() {
    // CXKIT_SPEED_BYTES shrinks the run (the quick mode of tests/bench/text.bench.mjs).
    let bytes = std::env::var("CXKIT_SPEED_BYTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5_000_000);
    let text = corpus(bytes);
    let lines = text.lines().count();
    println!("corpus: {} bytes, {lines} turns", text.len());
    // The limit is per call; a transcript of 5 MB is far above the default.
    let options = RedactOptions {
        max_bytes: Some(text.len()),
        ..RedactOptions::default()
    };
    measure("detect, whole text", text.len(), || {
        detect(&text, &options).unwrap().len()
    });
    measure("redact, whole text", text.len(), || {
        redact(&text, &options).unwrap().entities.len()
    });
    let turns: Vec<&str> = text.lines().collect();
    let default = RedactOptions::default();
    measure("redact, turn by turn", text.len(), || {
        turns
            .iter()
            .map(|t| redact(t, &default).unwrap().entities.len())
            .sum()
    });
}
