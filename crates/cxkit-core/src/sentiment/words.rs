//! Closed classes of function words the rules look at, registered in the lexicon index with a
//! flag each, so that the rules test a bit of the token's slot instead of comparing strings.
//!
//! Keys are folded (lower case, no accents), as the tokens are.

use crate::model::Language;

/// Word-class flags of an index slot.
pub(crate) mod wf {
    /// Stop word of English (language detection).
    pub const STOP_EN: u16 = 1;
    /// Stop word of Spanish.
    pub const STOP_ES: u16 = 1 << 1;
    /// Irrealis marker in English.
    pub const IRREALIS_EN: u16 = 1 << 2;
    /// Irrealis marker in Spanish.
    pub const IRREALIS_ES: u16 = 1 << 3;
    /// Not counted in the negation and boost windows, English.
    pub const WEIGHTLESS_EN: u16 = 1 << 4;
    /// Not counted in the negation and boost windows, Spanish.
    pub const WEIGHTLESS_ES: u16 = 1 << 5;
    /// English subject pronoun (ends a negation's scope).
    pub const BARRIER_EN: u16 = 1 << 6;
    /// Disjunction, English.
    pub const COORD_EN: u16 = 1 << 7;
    /// Disjunction, Spanish.
    pub const COORD_ES: u16 = 1 << 8;
    /// English neg-raising verb.
    pub const RAISING_EN: u16 = 1 << 9;
    /// English chat spelling of a neutral word.
    pub const CHAT_EN: u16 = 1 << 10;
    /// Spanish chat spelling of a neutral word.
    pub const CHAT_ES: u16 = 1 << 11;
    /// Laughter or a laughter acronym (counts like an emoji).
    pub const LAUGHTER: u16 = 1 << 12;
    /// English pronoun or demonstrative that a comparison may be made against ("better than
    /// this").
    pub const COMPARED_EN: u16 = 1 << 13;
    /// Spanish pronoun or demonstrative ("mejor que esto").
    pub const COMPARED_ES: u16 = 1 << 14;
    /// A word after which English `like` is the verb ("I like", "don't like", "really like").
    pub const LIKE_VERB_EN: u16 = 1 << 15;

    /// The flag of a language.
    pub const fn of(lang: crate::model::Language, en: u16, es: u16) -> u16 {
        match lang {
            crate::model::Language::En => en,
            crate::model::Language::Es => es,
        }
    }
}

/// English function words rare in Spanish (language detection). Words both languages use
/// (`no`, `me`, `a`, `he`, `son`) are left out.
pub(crate) const STOP_EN: &[&str] = &[
    "the", "and", "is", "are", "was", "were", "be", "been", "being", "you", "your", "i", "my",
    "it", "its", "this", "that", "to", "of", "for", "with", "have", "has", "had", "not", "just",
    "can", "will", "would", "could", "should", "what", "when", "where", "why", "how", "they",
    "them", "we", "our", "us", "on", "at", "from", "but", "if", "so", "do", "does", "did", "an",
    "there", "get", "got", "please", "thanks", "thank", "hi", "hello", "yes", "yeah", "about",
    "all", "any", "into", "out", "up", "now", "still", "again", "because", "since", "after",
    "before", "some", "one", "really", "very", "know", "need", "want", "said", "told", "t", "s",
    "m", "ve", "ll", "which", "who", "by", "or", "than", "then", "these", "those", "she", "her",
    "his", "him", "im", "dont", "didnt", "cant", "wont",
];

/// Spanish function words rare in English.
pub(crate) const STOP_ES: &[&str] = &[
    "el", "la", "los", "las", "lo", "de", "del", "que", "y", "en", "un", "una", "unos", "unas",
    "es", "por", "con", "para", "mi", "mis", "se", "le", "les", "su", "sus", "al", "pero", "muy",
    "esta", "este", "esto", "eso", "esa", "ese", "estoy", "estan", "como", "mas", "ya", "hay",
    "si", "yo", "tu", "te", "usted", "ustedes", "gracias", "hola", "nos", "fue", "ha", "han",
    "tengo", "tiene", "tienen", "cuando", "porque", "bueno", "nada", "todo", "tambien", "aqui",
    "ahora", "pues", "vale", "sin", "ni", "nunca", "donde", "quiero", "puede", "hace", "hacer",
    "cuenta", "pedido", "dinero", "dia", "dias", "vez", "otra", "otro", "desde", "hasta", "sobre",
    "entre", "cual", "quien", "estos", "estas", "algo", "mucho", "poco", "tan", "solo", "todavia",
    "ayer", "hoy", "semana", "llamada", "nadie", "mismo", "entonces", "q", "xq", "pq", "tb",
    "senor", "senora", "oiga", "mire", "favor", "verdad", "ahi", "asi",
];

/// Irrealis markers: modals, conditionals and expectation verbs (Taboada et al. 2011).
pub(crate) const IRREALIS_EN: &[&str] = &[
    "would",
    "could",
    "should",
    "might",
    "d",
    "if",
    "unless",
    "hope",
    "hoping",
    "hoped",
    "wish",
    "wished",
    "expect",
    "expected",
    "expecting",
    "supposed",
];

/// Spanish irrealis markers: conditional forms, `ojalá`, expectation verbs.
pub(crate) const IRREALIS_ES: &[&str] = &[
    "podria",
    "podrias",
    "podrian",
    "podriamos",
    "deberia",
    "deberias",
    "deberian",
    "seria",
    "serian",
    "habria",
    "gustaria",
    "quisiera",
    "ojala",
    "espero",
    "esperaba",
    "esperabamos",
    "suponia",
    "supone",
];

/// English contraction endings and negative-polarity items (`never had anything to complain
/// about`: `anything` continues the negation).
pub(crate) const WEIGHTLESS_EN: &[&str] = &[
    "s", "m", "re", "ve", "ll", "d", "any", "anything", "anyone", "anybody", "ever",
];

/// Spanish clitic pronouns (`no me lo han resuelto`).
pub(crate) const WEIGHTLESS_ES: &[&str] = &[
    "me", "te", "se", "lo", "la", "le", "los", "las", "les", "nos", "os",
];

/// English subject pronouns: a negator's scope ends where a new subject starts.
pub(crate) const BARRIER_EN: &[&str] = &[
    "i", "you", "he", "she", "it", "we", "they", "that", "this", "there",
];

/// Disjunctions over which a negation distributes.
pub(crate) const COORD_EN: &[&str] = &["or", "nor"];
/// Spanish disjunctions.
pub(crate) const COORD_ES: &[&str] = &["o", "u", "ni"];

/// English neg-raising verbs ("I don't think it was helpful" negates "helpful").
pub(crate) const RAISING_EN: &[&str] = &["think", "believe", "suppose", "imagine", "reckon"];

/// What an English comparison is made against when it disparages the thing talked about.
pub(crate) const COMPARED_EN: &[&str] = &[
    "this", "these", "that", "those", "them", "it", "you", "yours", "here",
];

/// Spanish demonstratives and pronouns of the same role.
pub(crate) const COMPARED_ES: &[&str] = &[
    "esto", "este", "esta", "estos", "estas", "eso", "ese", "esa", "ustedes", "vosotros", "usted",
];

/// Words after which English `like` is the verb rather than the preposition or filler
/// ("it felt like", "like 5 strings").
pub(crate) const LIKE_VERB_EN: &[&str] = &[
    "i",
    "you",
    "we",
    "they",
    "he",
    "she",
    "t",
    "do",
    "did",
    "does",
    "don",
    "didn",
    "doesn",
    "dont",
    "didnt",
    "doesnt",
    "really",
    "also",
    "just",
    "actually",
    "not",
    "never",
    "totally",
    "definitely",
    "kinda",
    "truly",
    "still",
    "always",
    "genuinely",
    "honestly",
];

/// Laughter and laughter acronyms (after normalisation of repeated syllables).
pub(crate) const LAUGHTER: &[&str] = &[
    "lol",
    "lmao",
    "rofl",
    "xd",
    "xdd",
    "xddd",
    "haha",
    "hahaha",
    "hehe",
    "jaja",
    "jajaja",
    "jajajaja",
    "jajajajaja",
    "jeje",
    "jejeje",
    "jiji",
    "jsjs",
    "jsjsjs",
    "ajaja",
];

/// English chat spellings that stand for neutral words (README rule 11: spellings that carry
/// attitude are lexicon entries instead).
pub(crate) const CHAT_EN: &[(&str, &str)] = &[
    ("u", "you"),
    ("ur", "your"),
    ("r", "are"),
    ("pls", "please"),
    ("plz", "please"),
    ("plx", "please"),
    ("plss", "please"),
    ("plse", "please"),
    ("ty", "thank you"),
    ("tysm", "thank you so much"),
    ("bc", "because"),
    ("cuz", "because"),
    ("coz", "because"),
    ("cos", "because"),
    ("bcoz", "because"),
    ("bcuz", "because"),
    ("becuz", "because"),
    ("idk", "i don t know"),
    ("im", "i m"),
    ("ive", "i ve"),
    ("ppl", "people"),
    ("msg", "message"),
    ("abt", "about"),
    ("b4", "before"),
    ("gr8", "great"),
    ("2day", "today"),
    ("rly", "really"),
    ("rlly", "really"),
    ("srsly", "seriously"),
    ("tho", "though"),
    ("thru", "through"),
    ("nvm", "never mind"),
    ("tbh", "to be honest"),
    ("btw", "by the way"),
    ("imo", "in my opinion"),
    ("imho", "in my opinion"),
    ("k", "ok"),
    ("kk", "ok"),
    ("wat", "what"),
    ("wut", "what"),
    ("luv", "love"),
    ("wanna", "want to"),
    ("gonna", "going to"),
    ("thx", "thanks"),
    ("thanx", "thanks"),
    ("thnx", "thanks"),
    ("thks", "thanks"),
    ("tnx", "thanks"),
    ("thanq", "thanks"),
];

/// Spanish chat spellings that stand for neutral words.
pub(crate) const CHAT_ES: &[(&str, &str)] = &[
    ("q", "que"),
    ("k", "que"),
    ("ke", "que"),
    ("qe", "que"),
    ("xq", "porque"),
    ("pq", "porque"),
    ("pk", "porque"),
    ("xk", "porque"),
    ("porq", "porque"),
    ("porke", "porque"),
    ("xke", "porque"),
    ("pke", "porque"),
    ("xqe", "porque"),
    ("x", "por"),
    ("tb", "tambien"),
    ("tmb", "tambien"),
    ("tbn", "tambien"),
    ("tamb", "tambien"),
    ("tmbn", "tambien"),
    ("xfa", "por favor"),
    ("xfavor", "por favor"),
    ("porfa", "por favor"),
    ("porfis", "por favor"),
    ("plis", "por favor"),
    ("pls", "por favor"),
    ("d", "de"),
    ("dnd", "donde"),
    ("cdo", "cuando"),
    ("msj", "mensaje"),
    ("mje", "mensaje"),
    ("mnsj", "mensaje"),
    ("bno", "bueno"),
    ("weno", "bueno"),
    ("wena", "buena"),
    ("toy", "estoy"),
    ("stoy", "estoy"),
    ("sta", "esta"),
    ("sto", "esto"),
    ("xo", "pero"),
    ("pa", "para"),
    ("nd", "nada"),
    ("ns", "no se"),
    ("kiero", "quiero"),
    ("kieren", "quieren"),
    ("aki", "aqui"),
    ("salu2", "saludos"),
    ("t", "te"),
    ("m", "me"),
    ("tons", "entonces"),
    ("entons", "entonces"),
    ("ntonces", "entonces"),
    ("mxo", "mucho"),
    ("muxo", "mucho"),
    ("mxas", "muchas"),
    ("muxas", "muchas"),
    ("sr", "senor"),
    ("sra", "senora"),
];

/// Every (word, flag) to register.
pub(crate) fn all() -> impl Iterator<Item = (&'static str, u16)> {
    let lists: [(&'static [&'static str], u16); 15] = [
        (STOP_EN, wf::STOP_EN),
        (STOP_ES, wf::STOP_ES),
        (IRREALIS_EN, wf::IRREALIS_EN),
        (IRREALIS_ES, wf::IRREALIS_ES),
        (WEIGHTLESS_EN, wf::WEIGHTLESS_EN),
        (WEIGHTLESS_ES, wf::WEIGHTLESS_ES),
        (BARRIER_EN, wf::BARRIER_EN),
        (COORD_EN, wf::COORD_EN),
        (COORD_ES, wf::COORD_ES),
        (RAISING_EN, wf::RAISING_EN),
        (LAUGHTER, wf::LAUGHTER),
        (COMPARED_EN, wf::COMPARED_EN),
        (COMPARED_ES, wf::COMPARED_ES),
        (LIKE_VERB_EN, wf::LIKE_VERB_EN),
        (&[], 0),
    ];
    lists
        .into_iter()
        .flat_map(|(words, f)| words.iter().map(move |w| (*w, f)))
        .chain(CHAT_EN.iter().map(|(w, _)| (*w, wf::CHAT_EN)))
        .chain(CHAT_ES.iter().map(|(w, _)| (*w, wf::CHAT_ES)))
}

/// The neutral word a chat spelling stands for.
pub(crate) fn chat(lang: Language, w: &str) -> Option<&'static str> {
    let table = match lang {
        Language::En => CHAT_EN,
        Language::Es => CHAT_ES,
    };
    table.iter().find(|(k, _)| *k == w).map(|(_, v)| *v)
}
