//! Compiles the sentiment lexicons in `data/lexicon/*.tsv` into one compact binary blob
//! (`$OUT_DIR/lexicon.bin`) that `src/sentiment/lexicon.rs` embeds with `include_bytes!`.
//!
//! The blob keeps only what the engine reads: the term as written, its valence (tenths, one
//! byte) and two flags (`blocker`, `emoji`) for lexicon files; the kind and factor (thousandths,
//! two bytes) for modifier files. Terms are sorted and front-coded (the length of the prefix
//! shared with the previous term, then the rest), and stored apart from the binary payloads so
//! that the text compresses well (92 KB raw, 39 KB gzipped, against 236 KB / 61 KB for the TSV
//! files); comments, headers and the descriptive tags (`lemma`, `form`, regional tags …) are
//! dropped. A malformed line fails the build with its file and line number.
//!
//! Layout (all integers little-endian):
//! ```text
//! "CXLX" u8:version=2 u8:section_count
//! section: u8:language (0 en, 1 es) u8:kind (0 lexicon, 1 modifiers) u32:entry_count
//!          u32:terms_len, then the terms: per entry u8:shared [rest of the term] b'\n',
//!          then the payloads, per entry:
//!     lexicon:   i8:valence_tenths u8:flags (1 blocker, 2 emoji)
//!     modifiers: u8:kind (0 negator, 1 intensifier, 2 dampener, 3 contrast, 4 concessive,
//!                5 stop-negation) i16:factor_thousandths
//! ```

use std::error::Error;
use std::path::Path;

type Res<T> = Result<T, Box<dyn Error>>;

/// (file, language, kind) in load order: a later lexicon section wins on equal terms.
const FILES: [(&str, u8, u8); 5] = [
    ("en-vader.tsv", 0, 0),
    ("en-cc.tsv", 0, 0),
    ("en-modifiers.tsv", 0, 1),
    ("es.tsv", 1, 0),
    ("es-modifiers.tsv", 1, 1),
];

const MODIFIER_KINDS: [&str; 6] = [
    "negator",
    "intensifier",
    "dampener",
    "contrast",
    "concessive",
    "stop-negation",
];

fn main() -> Res<()> {
    let dir = Path::new("data/lexicon");
    println!("cargo:rerun-if-changed=data/lexicon");
    let mut out = Vec::new();
    out.extend_from_slice(b"CXLX");
    out.push(2);
    out.push(u8::try_from(FILES.len())?);
    for (name, language, kind) in FILES {
        let path = dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path)?;
        let mut rows = parse(name, &text, kind)?;
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        for w in rows.windows(2) {
            if let [a, b] = w
                && a.0 == b.0
            {
                return Err(format!("{name}: duplicate term {:?}", a.0).into());
            }
        }
        out.push(language);
        out.push(kind);
        out.extend_from_slice(&u32::try_from(rows.len())?.to_le_bytes());
        let mut terms = Vec::new();
        let mut payloads = Vec::new();
        let mut prev: &[u8] = &[];
        for (term, payload) in &rows {
            let t = term.as_bytes();
            if t.contains(&b'\n') {
                return Err(format!("{name}: term {term:?} contains a line break").into());
            }
            let shared = prev
                .iter()
                .zip(t)
                .take_while(|(a, b)| a == b)
                .count()
                .min(255);
            terms.push(u8::try_from(shared)?);
            terms.extend_from_slice(t.get(shared..).ok_or("prefix")?);
            terms.push(b'\n');
            payloads.extend_from_slice(payload);
            prev = t;
        }
        out.extend_from_slice(&u32::try_from(terms.len())?.to_le_bytes());
        out.extend_from_slice(&terms);
        out.extend_from_slice(&payloads);
    }
    let dest = Path::new(&std::env::var("OUT_DIR")?).join("lexicon.bin");
    std::fs::write(dest, out)?;
    Ok(())
}

/// Parses one TSV file into (term, encoded payload) rows.
fn parse(name: &str, text: &str, kind: u8) -> Res<Vec<(String, Vec<u8>)>> {
    let mut rows = Vec::new();
    let mut header_seen = false;
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let at = |msg: String| -> Box<dyn Error> { format!("{name}:{n}: {msg}").into() };
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if !header_seen {
            header_seen = true;
            let want = if kind == 0 {
                ["term", "valence", "tags"]
            } else {
                ["term", "kind", "factor"]
            };
            if cols != want {
                return Err(at(format!("expected the header {want:?}, got {cols:?}")));
            }
            continue;
        }
        let [term, second, third] = cols.as_slice() else {
            return Err(at(format!(
                "expected 3 tab-separated columns, got {}",
                cols.len()
            )));
        };
        if term.is_empty() || term.trim() != *term {
            return Err(at(format!("bad term {term:?}")));
        }
        let mut payload = Vec::with_capacity(3);
        if kind == 0 {
            let v: f64 = second
                .parse()
                .map_err(|_| at(format!("valence {second:?} is not a number")))?;
            let tenths = (v * 10.0).round();
            if !(-40.0..=40.0).contains(&tenths) || (tenths / 10.0 - v).abs() > 1e-9 {
                return Err(at(format!(
                    "valence {second} must be in -4..4 with one decimal"
                )));
            }
            let mut flags = 0u8;
            for tag in third.split(',').map(str::trim).filter(|t| !t.is_empty()) {
                match tag {
                    "blocker" => flags |= 1,
                    "emoji" => flags |= 2,
                    _ => {}
                }
            }
            payload.push((tenths as i8) as u8);
            payload.push(flags);
        } else {
            let code = MODIFIER_KINDS
                .iter()
                .position(|k| k == second)
                .ok_or_else(|| at(format!("unknown modifier kind {second:?}")))?;
            let f: f64 = third
                .parse()
                .map_err(|_| at(format!("factor {third:?} is not a number")))?;
            let thousandths = (f * 1000.0).round();
            if !(-4000.0..=4000.0).contains(&thousandths) {
                return Err(at(format!("factor {third} out of range")));
            }
            payload.push(u8::try_from(code)?);
            payload.extend_from_slice(&(thousandths as i16).to_le_bytes());
        }
        rows.push((term.to_string(), payload));
    }
    if rows.is_empty() {
        return Err(format!("{name}: no entries").into());
    }
    Ok(rows)
}
