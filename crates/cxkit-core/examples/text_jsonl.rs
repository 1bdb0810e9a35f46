//! The text functions of the core over JSON lines, for the benchmarks (`tests/bench/
//! accuracy.bench.mjs` runs the native build through it):
//!
//! ```sh
//! cargo run --release -p cxkit-core --example text_jsonl < requests.jsonl > results.jsonl
//! ```
//!
//! Each input line is one request, shaped like the npm functions' arguments:
//!
//! - `{"scoreText": "…", "options": {…}}` → `score_text` (`TextScore`);
//! - `{"scoreTranscript": {"turns": […]}, "options": {…}}` → `score_transcript`
//!   (`TranscriptScore`);
//! - `{"redact": "…", "options": {…}}` → `pii::redact` (`Redaction`).
//!
//! Each output line is `{"ok": result}` or `{"error": {"message": "…"}}`, in input order.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a tool: failing loudly is the point

use std::io::{BufRead, BufWriter, Write};

use cxkit_core::model::Transcript;
use cxkit_core::pii::{RedactOptions, redact};
use cxkit_core::sentiment::{Lexicon, SentimentOptions};
use serde_json::{Value, json};

fn options<T: serde::de::DeserializeOwned + Default>(req: &Value) -> Result<T, String> {
    req.get("options")
        .map_or_else(|| Ok(T::default()), |o| serde_json::from_value(o.clone()))
        .map_err(|e| format!("options: {e}"))
}

fn answer(req: &Value, lex: &Lexicon) -> Result<Value, String> {
    let to_value = |v: Result<Value, serde_json::Error>| v.map_err(|e| e.to_string());
    if let Some(text) = req.get("scoreText").and_then(Value::as_str) {
        let r = lex
            .score_text(text, &options::<SentimentOptions>(req)?)
            .map_err(|e| e.to_string())?;
        to_value(serde_json::to_value(r))
    } else if let Some(t) = req.get("scoreTranscript") {
        let t: Transcript =
            serde_json::from_value(t.clone()).map_err(|e| format!("transcript: {e}"))?;
        let r = lex
            .score_transcript(&t, &options::<SentimentOptions>(req)?)
            .map_err(|e| e.to_string())?;
        to_value(serde_json::to_value(r))
    } else if let Some(text) = req.get("redact").and_then(Value::as_str) {
        let r = redact(text, &options::<RedactOptions>(req)?).map_err(|e| e.to_string())?;
        to_value(serde_json::to_value(r))
    } else {
        Err("expected scoreText, scoreTranscript or redact".into())
    }
}

fn main() {
    let lex = Lexicon::builtin_ref();
    let stdin = std::io::stdin();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line.expect("stdin");
        if line.trim().is_empty() {
            continue;
        }
        let reply = match serde_json::from_str::<Value>(&line)
            .map_err(|e| format!("request: {e}"))
            .and_then(|req| answer(&req, lex))
        {
            Ok(v) => json!({ "ok": v }),
            Err(message) => json!({ "error": { "message": message } }),
        };
        serde_json::to_writer(&mut out, &reply).expect("stdout");
        out.write_all(b"\n").expect("stdout");
    }
    out.flush().expect("stdout");
}
