//! Sentiment: the rules on known sentences, spans, languages, transcripts, options, errors, and
//! property tests of the tokenizer and scorer on arbitrary Unicode.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)] // tests fail loudly

use cxkit_core::ErrorCode;
use cxkit_core::model::{Language, LanguageChoice, Speaker, Transcript, Turn};
use cxkit_core::sentiment::{
    HitKind, Lexicon, ModifierKind, QuarterBasis, SentimentAccumulator, SentimentLabel,
    SentimentOptions, TextScore, TokenKind, TrendDirection, score_text, score_transcript, tokenize,
};
use cxkit_core::text::fold;
use proptest::prelude::*;

fn en(text: &str) -> TextScore {
    score_text(
        text,
        &SentimentOptions {
            language: Some(LanguageChoice::En),
            ..Default::default()
        },
    )
    .unwrap()
}

fn es(text: &str) -> TextScore {
    score_text(
        text,
        &SentimentOptions {
            language: Some(LanguageChoice::Es),
            ..Default::default()
        },
    )
    .unwrap()
}

fn hit<'a>(r: &'a TextScore, key: &str) -> &'a cxkit_core::sentiment::Hit {
    r.hits
        .iter()
        .find(|h| h.key == key)
        .unwrap_or_else(|| panic!("no hit {key:?} in {:?}", r.hits))
}

#[test]
fn labels_of_plain_sentences() {
    assert_eq!(
        en("The agent was wonderful, thank you so much!").label,
        SentimentLabel::Positive
    );
    assert_eq!(
        en("This is the worst service I have ever had.").label,
        SentimentLabel::Negative
    );
    assert_eq!(
        en("Can I update my address please?").label,
        SentimentLabel::Neutral
    );
    assert_eq!(
        es("Muchas gracias, me ha ayudado muchísimo").label,
        SentimentLabel::Positive
    );
    assert_eq!(
        es("Es una vergüenza, llevo una semana sin internet").label,
        SentimentLabel::Negative
    );
    assert_eq!(
        es("¿Me puede dar el número de pedido?").label,
        SentimentLabel::Neutral
    );
}

#[test]
fn negation_flips_and_negated_negatives_are_weaker() {
    let good = en("the service was good");
    let not_good = en("the service was not good");
    assert!(hit(&good, "good").contribution > 0.0);
    let h = hit(&not_good, "good");
    assert!(h.negated && h.contribution < 0.0);
    // "not angry" is weakly positive: x0.5 of the flip.
    let angry = hit(&en("I am angry"), "angry").contribution;
    let not_angry = hit(&en("I am not angry"), "angry").contribution;
    assert!(not_angry > 0.0 && not_angry < -angry * 0.74);
    // English contractions.
    assert!(hit(&en("it doesn't seem fair"), "fair").negated);
    // The scope ends at a new subject: "no, that's perfect" and "no that's perfect".
    assert!(!hit(&en("no that's perfect"), "perfect").negated);
    // Neg-raising verbs carry it: "I don't think it was helpful".
    assert!(hit(&en("I don't think it was helpful"), "helpful").negated);
    // Negative-polarity items do not use up the window.
    assert!(hit(&en("never had anything to complain about"), "complain").negated);
    // A phrase ending with a negator negates what follows it.
    let r = en("it still doesn't look good");
    assert!(hit(&r, "good").negated, "{r:?}");
    assert!(r.hits.iter().any(|h| h.key == "still doesn t"));
    // Negation distributes over "or".
    let r = en("there was no warmth or charm");
    assert!(hit(&r, "warmth").negated && hit(&r, "charm").negated);
}

#[test]
fn spanish_negative_concord_is_one_negation() {
    let r = es("no estoy nada contento");
    let h = hit(&r, "contento");
    assert!(h.negated && h.contribution < 0.0, "{h:?}");
    // Clitics do not count towards the window ("me lo han resuelto" is a phrase).
    assert!(hit(&es("no me lo han resuelto"), "me lo han resuelto").negated);
    assert!(hit(&es("no lo han resuelto"), "resuelto").negated);
    // A phrase that contains a negation is final.
    let r = es("no tengo ninguna queja");
    assert_eq!(r.label, SentimentLabel::Positive, "{r:?}");
    assert!(!r.hits[0].negated);
}

#[test]
fn intensifiers_dampeners_caps_and_elongation() {
    let base = hit(&en("it was bad"), "bad").contribution;
    assert!(hit(&en("it was very bad"), "bad").contribution < base);
    assert!(hit(&en("it was slightly bad"), "bad").contribution > base);
    assert!(hit(&en("it was BAD honestly"), "bad").contribution < base);
    // Caps only stand out against lower case: an all-caps text gets no boost.
    assert_eq!(hit(&en("IT WAS BAD"), "bad").contribution, base);
    // "muuuy" folds to "muy" (here inside the phrase "muy amable") and adds emphasis.
    let muy = hit(&es("muy amable"), "muy amable").contribution;
    let r = es("muuuy amable");
    let muuuy = hit(&r, "muy amable");
    assert_eq!(muuuy.text, "muuuy amable");
    assert!(muuuy.contribution > muy);
    assert!(
        hit(&es("amableeee"), "amable").contribution > hit(&es("amable"), "amable").contribution
    );
    // A dual-role word: "bien" modifies before a sentiment word, scores on its own otherwise.
    let r = es("funciona bien");
    assert!(hit(&r, "bien").contribution > 0.0);
    let r = es("bien rápido");
    assert!(r.hits.iter().all(|h| h.key != "bien"));
    assert_eq!(
        hit(&r, "rapido").contribution,
        hit(&es("muy rápido"), "rapido").contribution
    );
}

#[test]
fn contrast_and_concession_weigh_clauses() {
    let r = en("The agent was lovely but the parcel is still lost");
    assert!(hit(&r, "lovely").contribution < 1.5);
    assert!(r.score < 0.0);
    // Concessive at the start: its clause is conceded.
    let r = es("Aunque el agente fue amable, sigo sin internet");
    let conceded = hit(&r, "amable").contribution;
    let plain = hit(&es("el agente fue amable"), "amable").contribution;
    assert!((conceded - 0.5 * plain).abs() < 1e-6, "{conceded} {plain}");
    // After the main clause it works like a contrast.
    let r = es("Es caro, aunque merece la pena");
    assert!(r.score > 0.0, "{r:?}");
    // Praise, then "but" with no stated attitude: an implied complaint, and a mixed turn.
    let r = en("the engineer was really friendly, but I waited two hours past my slot");
    assert!(
        r.hits
            .iter()
            .any(|h| h.kind == HitKind::Implied && h.key == "but")
    );
    assert_eq!(r.label, SentimentLabel::Mixed);
    let r = es("La doctora fue un encanto, pero la espera en recepción fue de hora y media");
    assert_eq!(r.label, SentimentLabel::Mixed);
}

#[test]
fn literal_uses_score_nothing() {
    assert_eq!(en("I'm on the Fixed Saver tariff").hits.len(), 0);
    assert_eq!(
        en("The product is the \"Perfect Fit\" sheet").label,
        SentimentLabel::Neutral
    );
    assert_eq!(
        es("El mensaje dice 'Error crítico: sincronización fallida'").label,
        SentimentLabel::Neutral
    );
    assert_eq!(
        es("¿La lámpara modelo Luz Feliz trae el bombillo?").label,
        SentimentLabel::Neutral
    );
    // English "like" as a preposition is not the verb.
    assert!(
        en("it felt like a scam")
            .hits
            .iter()
            .all(|h| h.key != "like")
    );
    assert!(
        en("I really like the new app")
            .hits
            .iter()
            .any(|h| h.key == "like")
    );
    // Positive words in questions and after irrealis markers do not count.
    assert_eq!(
        en("Is there a good time to call?").label,
        SentimentLabel::Neutral
    );
    assert_eq!(
        en("It would be great if you could call me back").label,
        SentimentLabel::Neutral
    );
}

#[test]
fn comparisons_against_the_thing_talked_about() {
    let h = hit(&en("my old provider was better than this"), "better").clone();
    assert!(h.negated && h.contribution < 0.0);
    assert!(!hit(&en("this one is better than the old one"), "better").negated);
    assert!(hit(&es("cualquiera lo haría mejor que ustedes"), "mejor").negated);
}

#[test]
fn emoji_emoticons_and_laughter() {
    let r = en("thanks 👍🏽");
    let h = hit(&r, "👍");
    assert_eq!(h.kind, HitKind::Emoji);
    assert_eq!(h.text, "👍🏽");
    let r = en("sorted :D");
    assert_eq!(hit(&r, ":d").kind, HitKind::Emoticon);
    assert!(es("gracias:)").hits.iter().any(|h| h.key == ":)"));
    assert!(es("ok ¬¬").score < 0.0);
    // ZWJ sequences reduce to their base.
    assert!(en("🤦🏽‍♀️").hits.iter().any(|h| h.key == "🤦"));
    // Laughter is normalised and, disagreeing with the words, discounted.
    let alone = hit(&es("jajajajaja"), "jajaja").contribution;
    let r = es("me cobraron dos veces jajajajaja");
    assert!(hit(&r, "jajaja").contribution < alone);
    assert!(r.score < 0.0);
}

#[test]
fn chat_spellings_are_normalised() {
    let r = es("xq no me contestan?? q vergüenza");
    assert!(r.score < 0.0);
    assert!(r.hits.iter().any(|h| h.key == "no me contestan"));
    assert_eq!(hit(&es("muchas grax"), "grax").text, "grax");
    let r = en("thx so much, u r a star");
    assert!(r.score > 0.0);
}

#[test]
fn hits_carry_byte_and_utf16_spans() {
    let text = "¡Qué atención tan pésima! 😡 pero gracias";
    let r = es(text);
    let units: Vec<u16> = text.encode_utf16().collect();
    for h in &r.hits {
        assert_eq!(&text[h.start..h.end], h.text);
        let s16 = String::from_utf16(&units[h.start_utf16..h.end_utf16]).unwrap();
        assert_eq!(s16, h.text);
    }
    assert!(r.hits.iter().any(|h| h.key == "pesima"));
}

#[test]
fn language_detection_and_mixed_turns() {
    let o = SentimentOptions::default();
    assert_eq!(
        score_text("the app is great", &o).unwrap().language,
        Language::En
    );
    assert_eq!(
        score_text("la app es genial", &o).unwrap().language,
        Language::Es
    );
    // No evidence: the fallback language.
    let o2 = SentimentOptions {
        fallback_language: Some(Language::Es),
        ..Default::default()
    };
    assert_eq!(score_text("ok", &o2).unwrap().language, Language::Es);
    // A code-switched turn finds words of both languages.
    let r = score_text(
        "el agent fue super helpful and the app is great pero la factura es una basura",
        &o,
    )
    .unwrap();
    assert!(r.hits.iter().any(|h| h.key == "helpful"), "{r:?}");
    assert!(r.hits.iter().any(|h| h.key == "una basura"));
    assert_eq!(r.label, SentimentLabel::Mixed);
    // A Spanish turn inside an English transcript is scored in Spanish.
    let t = Transcript::from_turns([
        (
            Speaker::Agent,
            "Hello, thanks for calling, how can I help you today?",
        ),
        (
            Speaker::Customer,
            "my internet is down again and I am really annoyed",
        ),
        (
            Speaker::Customer,
            "perdón, mi madre habla español: el servicio es pésimo",
        ),
    ]);
    let r = score_transcript(&t, &o).unwrap();
    assert_eq!(r.language, Language::En);
    assert_eq!(r.turns[2].language, Language::Es);
    assert_eq!(r.turns[2].label, SentimentLabel::Negative);
}

fn conversation() -> Transcript {
    Transcript::from_turns([
        (
            Speaker::Agent,
            "Thank you for calling, this call may be recorded.",
        ),
        (
            Speaker::Customer,
            "I was charged twice and nobody called me back, this is ridiculous",
        ),
        (Speaker::Agent, "I'm sorry about that, let me look into it."),
        (Speaker::Customer, "ok"),
        (Speaker::Agent, "I've refunded the second charge."),
        (
            Speaker::Customer,
            "brilliant, thank you so much, that's a relief",
        ),
    ])
}

#[test]
fn transcript_speakers_quarters_overall_and_trend() {
    let r = score_transcript(&conversation(), &SentimentOptions::default()).unwrap();
    assert_eq!(r.turns.len(), 6);
    assert_eq!(r.speakers.customer.turns, 3);
    assert_eq!(r.speakers.agent.turns, 3);
    assert_eq!(r.speakers.bot.turns, 0);
    assert_eq!(r.speakers.bot.mean, None);
    // By turns: 6 turns, quarter = floor(4 i / 6): 0,0,1,2,2,3.
    let q = r.speakers.customer.quarters;
    assert!(q[0].unwrap() < 0.0, "{q:?}");
    assert_eq!(q[1], None);
    assert!(q[3].unwrap() > 0.0);
    for v in q.iter().flatten() {
        assert!((-5.0..=5.0).contains(v));
    }
    let mean = r.speakers.customer.mean.unwrap();
    let direct = (r.turns[1].score + r.turns[3].score + r.turns[5].score) / 3.0;
    assert!((mean - direct).abs() < 1e-6);
    assert_eq!(r.trend.direction, TrendDirection::Improved);
    assert_eq!(r.trend.start, Some(-1.0));
    assert_eq!(r.trend.end, Some(1.0));
    // Overall: the later positive turn weighs 3x the early negative one at the extremes.
    let overall = r.overall.unwrap();
    assert!(overall > 0.0 && overall <= 100.0, "{overall}");
    let flat = score_transcript(
        &conversation(),
        &SentimentOptions {
            late_weight: Some(1.0),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(flat.overall.unwrap() < overall);
}

#[test]
fn quarters_by_time() {
    let mut t = conversation();
    // All the turns but the last in the first minute; the last at 10 minutes.
    for (i, turn) in t.turns.iter_mut().enumerate() {
        turn.start_ms = Some(if i == 5 {
            600_000.0
        } else {
            i as f64 * 10_000.0
        });
    }
    let r = score_transcript(&t, &SentimentOptions::default()).unwrap();
    let q = r.speakers.customer.quarters;
    assert!(q[0].is_some() && q[1].is_none() && q[2].is_none() && q[3].is_some());
    // Forcing time with a turn missing startMs is a typed error.
    t.turns[2].start_ms = None;
    let e = score_transcript(
        &t,
        &SentimentOptions {
            quarters: Some(QuarterBasis::Time),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::MissingField);
    assert_eq!(e.field.as_deref(), Some("turns[2].startMs"));
    // Auto falls back to turns.
    assert!(score_transcript(&t, &SentimentOptions::default()).is_ok());
}

#[test]
fn thresholds_are_options() {
    let text = "thanks";
    assert_eq!(en(text).label, SentimentLabel::Neutral);
    let low = score_text(
        text,
        &SentimentOptions {
            language: Some(LanguageChoice::En),
            positive_threshold: Some(0.1),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(low.label, SentimentLabel::Positive);
    let no_hits = score_text(
        "brilliant",
        &SentimentOptions {
            hits: Some(false),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(no_hits.hits.is_empty());
    assert_eq!(no_hits.score, en("brilliant").score);
}

#[test]
fn bad_input_is_a_typed_error() {
    let o = SentimentOptions::default();
    let e = score_text("  \n ", &o).unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::EmptyInput, Some("text"))
    );
    let small = SentimentOptions {
        max_bytes: Some(10),
        ..Default::default()
    };
    let e = score_text("this is longer than ten bytes", &small).unwrap_err();
    assert_eq!(e.code, ErrorCode::TextTooLarge);
    assert_eq!(e.code.http_status(), 413);
    let e = score_transcript(&conversation(), &small).unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::TextTooLarge, Some("turns"))
    );
    // Each turn counts at least one byte, so a million empty turns are too large too.
    let many = Transcript {
        turns: vec![Turn::new(Speaker::Customer, ""); 2_000_000],
        ..Default::default()
    };
    assert_eq!(
        score_transcript(&many, &o).unwrap_err().code,
        ErrorCode::TextTooLarge
    );
    let e = score_transcript(&Transcript::default(), &o).unwrap_err();
    assert_eq!(e.code, ErrorCode::EmptyInput);
    for (opts, field) in [
        (
            SentimentOptions {
                positive_threshold: Some(1.5),
                ..Default::default()
            },
            "options.positiveThreshold",
        ),
        (
            SentimentOptions {
                negation_window: Some(0),
                ..Default::default()
            },
            "options.negationWindow",
        ),
        (
            SentimentOptions {
                trend_window: Some(0.9),
                ..Default::default()
            },
            "options.trendWindow",
        ),
        (
            SentimentOptions {
                late_weight: Some(f64::NAN),
                ..Default::default()
            },
            "options.lateWeight",
        ),
        (
            SentimentOptions {
                max_bytes: Some(0),
                ..Default::default()
            },
            "options.maxBytes",
        ),
    ] {
        let e = score_text("ok", &opts).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidOption);
        assert_eq!(e.field.as_deref(), Some(field));
    }
    // Pathological but valid input: one huge word, long runs, deep punctuation.
    for text in [
        "A".repeat(200_000),
        "é".repeat(100_000),
        "!?".repeat(50_000),
        "no ".repeat(50_000),
        "👍🏽".repeat(20_000),
        format!("{}:)", "x".repeat(70_000)),
    ] {
        let r = score_text(&text, &o).unwrap();
        assert!(r.score.is_finite());
    }
    // Empty turns are neutral, not errors.
    let t = Transcript::from_turns([(Speaker::Customer, ""), (Speaker::Agent, "hello")]);
    assert_eq!(
        score_transcript(&t, &o).unwrap().turns[0].label,
        SentimentLabel::Neutral
    );
}

#[test]
fn json_shapes_and_unknown_values() {
    let r = en("brilliant 👍");
    let v = serde_json::to_value(&r).unwrap();
    assert!(v["score"].is_number());
    assert_eq!(v["label"], "positive");
    assert_eq!(v["language"], "en");
    let h = &v["hits"][0];
    for k in [
        "text",
        "key",
        "kind",
        "start",
        "end",
        "startUtf16",
        "endUtf16",
        "valence",
        "contribution",
        "negated",
    ] {
        assert!(h.get(k).is_some(), "{k} in {h}");
    }
    let t: Transcript = serde_json::from_value(serde_json::json!({
        "contactId": "c-1", "language": "auto",
        "turns": [{"speaker": "customer", "text": "hola", "startMs": 0, "endMs": 1200, "platformSentiment": 0.5}]
    }))
    .unwrap();
    let r = score_transcript(&t, &SentimentOptions::default()).unwrap();
    let v = serde_json::to_value(&r).unwrap();
    for k in ["turns", "speakers", "overall", "trend", "language"] {
        assert!(v.get(k).is_some(), "{k}");
    }
    assert!(v["speakers"]["customer"]["quarters"].is_array());
    assert_eq!(v["trend"]["direction"], "flat");
    let bad: Result<Transcript, _> = serde_json::from_value(serde_json::json!({
        "turns": [{"speaker": "supervisor", "text": "x"}]
    }));
    assert!(
        bad.unwrap_err()
            .to_string()
            .contains("unknown variant `supervisor`")
    );
    let bad: Result<SentimentOptions, _> =
        serde_json::from_value(serde_json::json!({"langauge": "en"}));
    assert!(bad.is_err());
    let o: SentimentOptions = serde_json::from_value(serde_json::json!({
        "language": "es", "positiveThreshold": 0.3, "negativeThreshold": 0.3, "mixedThreshold": 1.5,
        "negationWindow": 4, "maxBytes": 2048, "hits": false, "lateWeight": 2, "trendWindow": 0.25,
        "trendThreshold": 1, "quarters": "time", "fallbackLanguage": "en"
    }))
    .unwrap();
    assert_eq!(o.quarters, Some(QuarterBasis::Time));
}

#[test]
fn transcript_validation_names_the_field() {
    let mut t = conversation();
    t.turns[3].end_ms = Some(5.0);
    t.turns[3].start_ms = Some(10.0);
    let e = score_transcript(&t, &SentimentOptions::default()).unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref(), e.index),
        (ErrorCode::InvalidValue, Some("turns[3].endMs"), Some(3))
    );
    let mut t = conversation();
    t.turns[0].platform_sentiment = Some(2.0);
    let e = score_transcript(&t, &SentimentOptions::default()).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("turns[0].platformSentiment"));
}

#[test]
fn custom_lexicon_entries_and_errors() {
    let mut lex = Lexicon::builtin();
    let before = lex
        .score_text("the flimflam was great", &SentimentOptions::default())
        .unwrap();
    let n = lex
        .add_entries_tsv(
            Language::En,
            "# mine\nterm\tvalence\ttags\nflimflam\t-3.0\t\nloyalty plus\t0.0\tblocker\n:-/\t-1.0\temoji\n",
        )
        .unwrap();
    assert_eq!(n, 3);
    let after = lex
        .score_text("the flimflam was great", &SentimentOptions::default())
        .unwrap();
    assert!(after.score < before.score);
    assert!(lex.valence(Language::En, ":-/").unwrap() < 0.0);
    // A later entry replaces a built-in one.
    lex.insert(Language::Es, "genial", -1.0).unwrap();
    assert!(lex.valence(Language::Es, "GENIAL").unwrap() < 0.0);
    lex.insert_modifier(Language::En, "hella", ModifierKind::Intensifier, 0.5)
        .unwrap();
    assert_eq!(
        lex.modifier(Language::En, "hella"),
        Some((ModifierKind::Intensifier, 0.5))
    );
    // Malformed lines: typed error with the line number; nothing is added.
    for (tsv, line) in [
        ("ok\t1.0\nbad line\n", 2),
        ("x\tnot a number\n", 1),
        ("\n\ny\t9.0\n", 3),
        ("z\t1.0\ta\tb\n", 1),
        ("🙂 smile\t1.0\n", 1),
        ("( ' )\t1.0\temoji\n", 1),
    ] {
        let e = lex.add_entries_tsv(Language::En, tsv).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidLexicon, "{tsv:?}");
        assert_eq!(e.index, Some(line), "{tsv:?}: {}", e.message);
        assert!(
            e.message.starts_with(&format!("line {line}:")),
            "{}",
            e.message
        );
    }
    assert_eq!(lex.valence(Language::En, "ok"), Some(0.3f32 as f64));
    let e = lex
        .add_modifiers_tsv(Language::Es, "term\tkind\tfactor\nre\tbooster\t0.3\n")
        .unwrap_err();
    assert_eq!((e.code, e.index), (ErrorCode::InvalidLexicon, Some(2)));
    assert!(lex.insert(Language::En, "", 1.0).is_err());
    assert!(lex.insert(Language::En, "x", f64::INFINITY).is_err());
    // An empty lexicon scores nothing.
    let empty = Lexicon::empty();
    assert!(empty.is_empty(Language::En));
    assert_eq!(
        empty
            .score_text("great", &SentimentOptions::default())
            .unwrap()
            .hits
            .len(),
        0
    );
}

#[test]
fn builtin_lexicon_keys_are_unique_after_folding() {
    // README rule 1: within each lexicon file a folded key occurs at most once.
    for (name, text) in [
        ("en-cc.tsv", include_str!("../data/lexicon/en-cc.tsv")),
        ("es.tsv", include_str!("../data/lexicon/es.tsv")),
        ("en-vader.tsv", include_str!("../data/lexicon/en-vader.tsv")),
    ] {
        let mut seen = std::collections::HashMap::new();
        for line in text.lines().filter(|l| !l.starts_with('#')).skip(1) {
            let mut cols = line.split('\t');
            let term = cols.next().unwrap();
            let tags = cols.nth(1).unwrap_or("");
            let key = if tags.contains("emoji") {
                term.to_string()
            } else {
                fold(term)
            };
            if let Some(prev) = seen.insert(key.clone(), term.to_string()) {
                panic!("{name}: {prev:?} and {term:?} fold to {key:?}");
            }
        }
    }
}

#[test]
fn accumulator_merge_equals_batch() {
    let o = SentimentOptions::default();
    let ts: Vec<_> = [
        conversation(),
        Transcript::from_turns([(Speaker::Customer, "fatal, no funciona nada")]),
        Transcript::from_turns([(Speaker::Bot, "Hola"), (Speaker::Customer, "gracias!")]),
    ]
    .iter()
    .map(|t| score_transcript(t, &o).unwrap())
    .collect();
    let mut all = SentimentAccumulator::new();
    for t in &ts {
        all.push(t);
    }
    let mut a = SentimentAccumulator::new();
    a.push(&ts[2]);
    let mut b = SentimentAccumulator::new();
    b.push(&ts[0]);
    b.push(&ts[1]);
    a.merge(&b).unwrap();
    assert_eq!(a.finish(), all.finish());
    let state = serde_json::to_value(&a).unwrap();
    assert_eq!(state["format"], "cxkit.sentiment.v1");
    let back: SentimentAccumulator = serde_json::from_value(state).unwrap();
    assert_eq!(SentimentAccumulator::from_state(&back).unwrap(), a);
    let mut wrong = a.clone();
    wrong.format = "v0".into();
    assert_eq!(a.merge(&wrong).unwrap_err().code, ErrorCode::InvalidState);
}

#[test]
fn tokens_have_kinds_clauses_and_sentences() {
    let lex = Lexicon::builtin_ref();
    let t = tokenize("Hola, ¿qué tal? bien :) 👍🏻", lex).unwrap();
    let kinds: Vec<_> = t.iter().map(|t| t.kind).collect();
    assert_eq!(
        kinds,
        [
            TokenKind::Word,
            TokenKind::Word,
            TokenKind::Word,
            TokenKind::Word,
            TokenKind::Emoticon,
            TokenKind::Emoji
        ]
    );
    assert_ne!(t[0].clause, t[1].clause);
    assert_ne!(t[0].sentence, t[1].sentence);
    assert_eq!(t[1].key, "que");
    // Decimal points do not end sentences.
    let t = tokenize("it costs 3.50 now", lex).unwrap();
    assert_eq!(t[2].sentence, t[3].sentence);
}

/// Arbitrary text rich in the hard cases: emoji sequences, combining marks, punctuation,
/// emoticons, CJK, RTL, whitespace of every kind.
fn hard_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        any::<char>().prop_map(String::from),
        "[a-zA-ZñÑáéíóúü' .,;:!?¿¡()\"-]{1,8}",
        Just("👍🏽".to_string()),
        Just("🤦🏽‍♀️".to_string()),
        Just("🇪🇸".to_string()),
        Just("1️⃣".to_string()),
        Just("e\u{301}".to_string()),
        Just("\u{300}\u{301}".to_string()),
        Just(":)".to_string()),
        Just(":-(".to_string()),
        Just("¬¬".to_string()),
        Just("xD".to_string()),
        Just("\u{200d}".to_string()),
        Just("\u{fe0f}".to_string()),
        Just("日本語".to_string()),
        Just("مرحبا".to_string()),
        Just("\u{a0}\u{2028}\t\r\n".to_string()),
        Just("muuuuy".to_string()),
        Just("jajajaja".to_string()),
        Just("NOT".to_string()),
        Just("«".to_string()),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn tokenizer_spans_are_exact(text in hard_text()) {
        let lex = Lexicon::builtin_ref();
        let toks = tokenize(&text, lex).unwrap();
        let units: Vec<u16> = text.encode_utf16().collect();
        let mut last_end = 0;
        for t in &toks {
            prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            prop_assert!(t.start < t.end && t.start >= last_end);
            last_end = t.end;
            prop_assert_eq!(&text[t.start..t.end], t.text.as_str());
            prop_assert_eq!(text[..t.start].encode_utf16().count(), t.start_utf16);
            prop_assert_eq!(text[..t.end].encode_utf16().count(), t.end_utf16);
            prop_assert!(t.end_utf16 <= units.len());
        }
    }

    #[test]
    fn bulk_scores_equal_one_call_each(texts in proptest::collection::vec(hard_text(), 0..8)) {
        // score_texts shares one scratch borrow and one options check across the texts: each
        // score equals its own score_text, and the first bad text is the one named.
        let lex = Lexicon::builtin_ref();
        let o = SentimentOptions { hits: Some(false), ..Default::default() };
        let mut bulk = Vec::new();
        let r = lex.score_texts(texts.iter().map(String::as_str), &o, |i, s| bulk.push((i, s)));
        let first_bad = texts.iter().position(|t| lex.score_text(t, &o).is_err());
        match first_bad {
            None => prop_assert!(r.is_ok()),
            Some(i) => {
                let e = r.unwrap_err();
                prop_assert_eq!(e.index, Some(i));
                let field = format!("texts[{i}]");
                prop_assert_eq!(e.field.as_deref(), Some(field.as_str()));
            }
        }
        prop_assert_eq!(bulk.len(), first_bad.unwrap_or(texts.len()));
        for (i, s) in bulk {
            prop_assert_eq!(s, lex.score_text(&texts[i], &o).unwrap());
        }
    }

    #[test]
    fn word_keys_are_the_fold(text in hard_text()) {
        // Without emoticons in the lexicon, the words' keys joined by spaces are the fold of
        // the text minus its emoji.
        let toks = tokenize(&text, &Lexicon::empty()).unwrap();
        let words: Vec<&str> = toks.iter().filter(|t| t.kind == TokenKind::Word).map(|t| t.key.as_str()).collect();
        let no_emoji: String = text.chars().map(|c| if toks.iter().any(|t| t.kind == TokenKind::Emoji && t.text.contains(c) && !c.is_alphanumeric()) { ' ' } else { c }).collect();
        prop_assert_eq!(words.join(" "), fold(&no_emoji));
    }

    #[test]
    fn scoring_never_panics_and_stays_in_range(text in hard_text()) {
        for language in [LanguageChoice::Auto, LanguageChoice::En, LanguageChoice::Es] {
            let o = SentimentOptions { language: Some(language), ..Default::default() };
            match score_text(&text, &o) {
                Ok(r) => {
                    prop_assert!(r.score.is_finite() && (-1.0..=1.0).contains(&r.score));
                    let units: Vec<u16> = text.encode_utf16().collect();
                    for h in &r.hits {
                        prop_assert!(text.is_char_boundary(h.start) && text.is_char_boundary(h.end));
                        prop_assert_eq!(&text[h.start..h.end], h.text.as_str());
                        prop_assert_eq!(String::from_utf16(&units[h.start_utf16..h.end_utf16]).unwrap(), h.text.clone());
                        prop_assert!(h.contribution.is_finite());
                    }
                }
                Err(e) => prop_assert_eq!(e.code, ErrorCode::EmptyInput),
            }
        }
    }

    #[test]
    fn transcripts_never_panic(turns in proptest::collection::vec((0usize..4, hard_text()), 1..8)) {
        let t = Transcript::from_turns(turns.into_iter().map(|(s, x)| (Speaker::ALL[s], x)));
        let r = score_transcript(&t, &SentimentOptions::default()).unwrap();
        prop_assert_eq!(r.turns.len(), t.turns.len());
        if let Some(o) = r.overall {
            prop_assert!((-100.0..=100.0).contains(&o));
        }
        for s in Speaker::ALL {
            for q in r.speakers.get(s).quarters.iter().flatten() {
                prop_assert!((-5.0..=5.0).contains(q));
            }
        }
    }
}

/// The label follows the score as reported: with a threshold set to a reported score, that text
/// is on the positive (or negative) side of it, never neutral by a rounding residue. Every dev
/// turn in both languages, with its own score as the threshold.
#[test]
fn a_reported_score_on_the_threshold_takes_its_side() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/sentiment");
    let mut checked = 0;
    for lang in ["en", "es"] {
        let text = std::fs::read_to_string(dir.join(lang).join("turns.jsonl")).unwrap();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let turn: serde_json::Value = serde_json::from_str(line).unwrap();
            let t = turn["text"].as_str().unwrap();
            let r = score_text(t, &SentimentOptions::default()).unwrap();
            let at = r.score.abs();
            if r.label == SentimentLabel::Mixed || at <= 0.0 || at >= 1.0 {
                continue;
            }
            let o = SentimentOptions {
                positive_threshold: Some(at),
                negative_threshold: Some(at),
                ..Default::default()
            };
            let again = score_text(t, &o).unwrap();
            assert_eq!(again.score, r.score, "{t}");
            let want = if r.score > 0.0 {
                SentimentLabel::Positive
            } else {
                SentimentLabel::Negative
            };
            assert_eq!(again.label, want, "{t}: score {}", r.score);
            checked += 1;
        }
    }
    assert!(checked > 300, "only {checked} turns checked");
}
