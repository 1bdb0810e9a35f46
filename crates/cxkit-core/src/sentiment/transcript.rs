//! Per-transcript aggregation: turns, speakers, quarters, the overall customer score and the
//! trend.

use super::engine::{Scored, Scratch, evidence, prepare, round6, score_prepared, with_scratch};
use super::language::Evidence;
use super::lexicon::Lexicon;
use super::types::{
    Config, QuarterBasis, SentimentOptions, Speakers, TextScore, TranscriptScore, Trend,
    TrendDirection, TurnScore,
};
use crate::error::{Error, ErrorCode, Result};
use crate::model::{Language, LanguageChoice, Speaker, Transcript};
use crate::text::excerpt;

/// The language of one turn of a transcript whose primary language is `primary`: the other
/// language when the turn's own evidence for it is at least 2 points and more than twice the
/// evidence for `primary`; a secondary table when the turn is mixed.
fn turn_language(e: Evidence, primary: Language) -> (Language, Option<Language>) {
    let other = primary.other();
    let (lang, second) = if e.of(other) >= 2 && e.of(other) > 2 * e.of(primary) {
        (other, primary)
    } else {
        (primary, other)
    };
    (lang, e.mixed().then_some(second))
}

fn too_large(size: usize, limit: usize, field: &str) -> Error {
    Error::new(
        ErrorCode::TextTooLarge,
        format!("{field} has {size} bytes, more than the limit of {limit} (options.maxBytes)"),
    )
    .with_field(field)
}

pub(crate) fn score_text(lex: &Lexicon, text: &str, o: &SentimentOptions) -> Result<TextScore> {
    let cfg = Config::new(o)?;
    check_text(text, &cfg, None)?;
    Ok(with_scratch(|s| score_one(lex, &cfg, text, s)))
}

/// Scores many texts with one check of the options and one borrow of the scratch buffers;
/// `each(i, score)` receives every score in order. An error names `texts[i]` and carries the
/// index; the texts before it have been passed to `each`.
pub(crate) fn score_texts<'a>(
    lex: &Lexicon,
    texts: impl IntoIterator<Item = &'a str>,
    o: &SentimentOptions,
    mut each: impl FnMut(usize, TextScore),
) -> Result<()> {
    let cfg = Config::new(o)?;
    with_scratch(|s| {
        for (i, text) in texts.into_iter().enumerate() {
            check_text(text, &cfg, Some(i))?;
            each(i, score_one(lex, &cfg, text, s));
        }
        Ok(())
    })
}

/// The size limit and the empty-text check; errors of the text at `index` of a list name
/// `texts[index]`.
fn check_text(text: &str, cfg: &Config, index: Option<usize>) -> Result<()> {
    let problem = if text.len() > cfg.max_bytes {
        too_large(text.len(), cfg.max_bytes, "text")
    } else if !text.as_bytes().first().is_some_and(u8::is_ascii_graphic) && text.trim().is_empty() {
        Error::new(
            ErrorCode::EmptyInput,
            format!("text is empty (\"{}\")", excerpt(text)),
        )
        .with_field("text")
    } else {
        return Ok(());
    };
    Err(match index {
        None => problem,
        Some(i) => Error {
            message: format!("texts[{i}]: {}", problem.message),
            field: Some(format!("texts[{i}]")),
            ..problem
        }
        .with_index(i),
    })
}

/// Scores one checked text with the scratch buffers `s`.
fn score_one(lex: &Lexicon, cfg: &Config, text: &str, s: &mut Scratch) -> TextScore {
    prepare(lex, text, s);
    let (lang, second) = match cfg.language.and_then(LanguageChoice::fixed) {
        Some(l) => (l, None),
        None => {
            let e = evidence(lex, s);
            let l = e.winner(cfg.fallback);
            (l, e.mixed().then_some(l.other()))
        }
    };
    let r = score_prepared(lex, cfg, text, s, lang, second);
    TextScore {
        score: r.score,
        label: r.label,
        language: r.language,
        positive: r.positive,
        negative: r.negative,
        hits: r.hits,
    }
}

pub(crate) fn score_transcript(
    lex: &Lexicon,
    t: &Transcript,
    o: &SentimentOptions,
) -> Result<TranscriptScore> {
    let cfg = Config::new(o)?;
    let size = t
        .turns
        .iter()
        .fold(0usize, |acc, x| acc.saturating_add(x.text.len().max(1)));
    if size > cfg.max_bytes {
        return Err(too_large(size, cfg.max_bytes, "turns"));
    }
    t.validate()?;
    let n = t.turns.len();
    let positions = positions(t, cfg.quarters)?;
    let choice = cfg.language.or(t.language).unwrap_or(LanguageChoice::Auto);
    let (language, scored) = with_scratch(|s| {
        let primary = match choice.fixed() {
            Some(l) => l,
            None => {
                let mut total = Evidence::default();
                for turn in &t.turns {
                    prepare(lex, &turn.text, s);
                    total.add(evidence(lex, s));
                }
                total.winner(cfg.fallback)
            }
        };
        let scored: Vec<Scored> = t
            .turns
            .iter()
            .map(|turn| {
                prepare(lex, &turn.text, s);
                let (lang, second) = match choice.fixed() {
                    Some(l) => (l, None),
                    None => turn_language(evidence(lex, s), primary),
                };
                score_prepared(lex, &cfg, &turn.text, s, lang, second)
            })
            .collect();
        (primary, scored)
    });

    // Per speaker: mean and quarters.
    let mut speakers = Speakers::default();
    let mut sums = [[0.0f64; 5]; 4];
    let mut counts = [[0usize; 5]; 4];
    for ((turn, r), p) in t.turns.iter().zip(&scored).zip(&positions) {
        let si = turn.speaker.index();
        let q = ((p * 4.0).floor() as usize).min(3);
        if let (Some(sum), Some(count)) = (sums.get_mut(si), counts.get_mut(si)) {
            for slot in [q, 4] {
                if let (Some(a), Some(c)) = (sum.get_mut(slot), count.get_mut(slot)) {
                    *a += r.score;
                    *c += 1;
                }
            }
        }
    }
    for s in Speaker::ALL {
        let (Some(sum), Some(count)) = (sums.get(s.index()), counts.get(s.index())) else {
            continue;
        };
        let entry = speakers.get_mut(s);
        entry.turns = count.get(4).copied().unwrap_or(0);
        let mean = |i: usize| match (sum.get(i), count.get(i)) {
            (Some(a), Some(&c)) if c > 0 => Some(a / c as f64),
            _ => None,
        };
        entry.mean = mean(4).map(round6);
        for (q, slot) in entry.quarters.iter_mut().enumerate() {
            *slot = mean(q).map(|m| round6(5.0 * m));
        }
    }

    // Overall customer score: position-weighted mean of the customer turns that carry
    // sentiment, × 100.
    let mut wsum = 0.0;
    let mut wtot = 0.0;
    for ((turn, r), p) in t.turns.iter().zip(&scored).zip(&positions) {
        if turn.speaker == Speaker::Customer && r.evidence {
            let w = 1.0 + (cfg.late_weight - 1.0) * p;
            wsum += w * r.score;
            wtot += w;
        }
    }
    let overall = (wtot > 0.0).then(|| round6(100.0 * wsum / wtot));

    // Trend: the customer's closing turns against the opening ones, by label.
    let customer: Vec<f64> = t
        .turns
        .iter()
        .zip(&scored)
        .filter(|(turn, _)| turn.speaker == Speaker::Customer)
        .map(|(_, r)| r.label.ordinal())
        .collect();
    let trend = trend(&customer, &cfg);

    let turns = t
        .turns
        .iter()
        .zip(scored)
        .map(|(turn, r)| TurnScore {
            speaker: turn.speaker,
            score: r.score,
            label: r.label,
            language: r.language,
            positive: r.positive,
            negative: r.negative,
            hits: r.hits,
        })
        .collect();
    debug_assert_eq!(positions.len(), n);
    Ok(TranscriptScore {
        language,
        turns,
        speakers,
        overall,
        trend,
    })
}

fn trend(customer: &[f64], cfg: &Config) -> Trend {
    let n = customer.len();
    if n < 2 {
        return Trend {
            direction: TrendDirection::Flat,
            start: None,
            end: None,
            change: None,
        };
    }
    let k = ((n as f64 * cfg.trend_window).round() as usize).clamp(1, n / 2);
    let mean = |s: &[f64]| s.iter().sum::<f64>() / s.len().max(1) as f64;
    let start = mean(customer.get(..k).unwrap_or(&[]));
    let end = mean(customer.get(n - k..).unwrap_or(&[]));
    let change = end - start;
    let direction = if change >= cfg.trend_threshold && change > 0.0 {
        TrendDirection::Improved
    } else if change <= -cfg.trend_threshold && change < 0.0 {
        TrendDirection::Worsened
    } else {
        TrendDirection::Flat
    };
    Trend {
        direction,
        start: Some(round6(start)),
        end: Some(round6(end)),
        change: Some(round6(change)),
    }
}

/// The relative position in [0, 1] of each turn: by `startMs` between the first start and the
/// last end (or start), or by index.
fn positions(t: &Transcript, basis: QuarterBasis) -> Result<Vec<f64>> {
    let n = t.turns.len();
    let all_timed = t.turns.iter().all(|x| x.start_ms.is_some());
    let by_time = match basis {
        QuarterBasis::Turns => false,
        QuarterBasis::Auto => all_timed,
        QuarterBasis::Time => {
            if let Some(i) = t.turns.iter().position(|x| x.start_ms.is_none()) {
                return Err(Error::new(
                    ErrorCode::MissingField,
                    format!("turns[{i}].startMs is required with options.quarters = \"time\""),
                )
                .with_field(format!("turns[{i}].startMs"))
                .with_index(i));
            }
            true
        }
    };
    if by_time {
        let t0 = t
            .turns
            .iter()
            .filter_map(|x| x.start_ms)
            .fold(f64::INFINITY, f64::min);
        let t1 = t
            .turns
            .iter()
            .map(|x| x.end_ms.or(x.start_ms).unwrap_or(t0))
            .fold(f64::NEG_INFINITY, f64::max);
        if t1 > t0 {
            return Ok(t
                .turns
                .iter()
                .map(|x| ((x.start_ms.unwrap_or(t0) - t0) / (t1 - t0)).clamp(0.0, 1.0))
                .collect());
        }
    }
    Ok((0..n)
        .map(|i| if n > 1 { i as f64 / n as f64 } else { 0.0 })
        .collect())
}
