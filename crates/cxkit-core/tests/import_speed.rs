//! Import throughput: 100,000 contact rows as a Spanish CSV (`;`, decimal comma, local times)
//! and as a JSON array, read by `import::parse_records`.
//!
//! A measurement, not a timed test: run it in release and read the numbers.
//!
//! ```sh
//! cargo test --release -p cxkit-core --test import_speed -- --ignored --nocapture
//! ```
#![allow(clippy::unwrap_used)] // a measurement

use std::time::Instant;

use cxkit_core::import::{ImportOptions, parse_records};

const ROWS: usize = 100_000;

fn csv() -> String {
    let mut out = String::from(
        "id_contacto;canal;cola;agente;fecha_inicio;espera;conversación;retención;poscontacto;abandonada;resuelta\r\n",
    );
    for i in 0..ROWS {
        out.push_str(&format!(
            "c-{i};{};Cola {};a-{};2026-11-23 {:02}:{:02}:00;{},5;{};{};{};no;sí\r\n",
            if i % 3 == 0 { "chat" } else { "voz" },
            i % 7,
            i % 50,
            8 + i % 10,
            i % 60,
            i % 90,
            100 + i % 400,
            i % 30,
            i % 40
        ));
    }
    out
}

fn measure(name: &str, text: &str) {
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let t = Instant::now();
        let r = parse_records(text, &ImportOptions::default()).unwrap();
        best = best.min(t.elapsed().as_secs_f64());
        assert_eq!(r.contacts.len(), ROWS);
    }
    println!(
        "{name}: {:.1} MB, {ROWS} rows in {:.0} ms: {:.0} rows/s, {:.0} MB/s",
        text.len() as f64 / 1e6,
        best * 1e3,
        ROWS as f64 / best,
        text.len() as f64 / 1e6 / best
    );
}

#[test]
#[ignore = "a measurement: run in release with --ignored --nocapture"]
fn import_throughput() {
    let csv = csv();
    measure("CSV (es, ;)", &csv);
    let contacts = parse_records(&csv, &ImportOptions::default())
        .unwrap()
        .contacts;
    let json = serde_json::to_string(&contacts).unwrap();
    measure("JSON array", &json);
}
