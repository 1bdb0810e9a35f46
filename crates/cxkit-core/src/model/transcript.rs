//! Transcripts of calls and chats (`DESIGN.md`: `Transcript`), the input of
//! [`crate::sentiment`] and [`crate::keywords`].

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode, Result};

/// Who speaks a turn.
///
/// On the wire: `"customer"`, `"agent"`, `"bot"` (IVR or virtual assistant) or `"system"`
/// (platform messages such as "the customer left the chat"). Any other value is rejected by
/// deserialisation (`unknown variant`), which bindings report as [`ErrorCode::InvalidValue`] on
/// `turns[i].speaker`; [`Speaker::parse`] gives the same check for text values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Speaker {
    /// The customer.
    Customer,
    /// A human agent.
    Agent,
    /// An IVR or virtual assistant.
    Bot,
    /// A platform message.
    System,
}

impl Speaker {
    /// Every speaker, in wire order.
    pub const ALL: [Speaker; 4] = [
        Speaker::Customer,
        Speaker::Agent,
        Speaker::Bot,
        Speaker::System,
    ];

    /// The lower-case wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Speaker::Customer => "customer",
            Speaker::Agent => "agent",
            Speaker::Bot => "bot",
            Speaker::System => "system",
        }
    }

    /// Parses a wire name (exact, lower case).
    ///
    /// ```
    /// use cxkit_core::model::Speaker;
    /// assert_eq!(Speaker::parse("agent"), Some(Speaker::Agent));
    /// assert_eq!(Speaker::parse("Agent"), None);
    /// ```
    pub fn parse(name: &str) -> Option<Speaker> {
        Speaker::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// Index of the speaker in [`Speaker::ALL`].
    pub const fn index(self) -> usize {
        self as usize
    }
}

/// A language the scorer has lexicons for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// English.
    En,
    /// Spanish (Spain and Latin America).
    Es,
}

impl Language {
    /// Both languages.
    pub const ALL: [Language; 2] = [Language::En, Language::Es];

    /// The ISO 639-1 code.
    pub const fn as_str(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Es => "es",
        }
    }

    /// Parses an ISO 639-1 code (`en`, `es`).
    pub fn parse(code: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.as_str() == code)
    }

    /// The other language.
    pub const fn other(self) -> Language {
        match self {
            Language::En => Language::Es,
            Language::Es => Language::En,
        }
    }
}

/// The language of a text as the caller declares it: one of the [`Language`]s, or `auto` to
/// detect it (per transcript, with single turns in the other language recognised).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LanguageChoice {
    /// Detect from the text (the default).
    #[default]
    Auto,
    /// English.
    En,
    /// Spanish.
    Es,
}

impl LanguageChoice {
    /// The declared language, or `None` for `auto`.
    pub const fn fixed(self) -> Option<Language> {
        match self {
            LanguageChoice::Auto => None,
            LanguageChoice::En => Some(Language::En),
            LanguageChoice::Es => Some(Language::Es),
        }
    }

    /// The lower-case wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            LanguageChoice::Auto => "auto",
            LanguageChoice::En => "en",
            LanguageChoice::Es => "es",
        }
    }
}

impl From<Language> for LanguageChoice {
    fn from(l: Language) -> Self {
        match l {
            Language::En => LanguageChoice::En,
            Language::Es => LanguageChoice::Es,
        }
    }
}

/// One turn of a transcript.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Turn {
    /// Who speaks.
    pub speaker: Speaker,
    /// What was said or written (speech-to-text output for calls).
    pub text: String,
    /// Start of the turn in milliseconds from the start of the contact (finite, ≥ 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_ms: Option<f64>,
    /// End of the turn in milliseconds from the start of the contact (finite, ≥ `startMs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_ms: Option<f64>,
    /// The platform's own sentiment for the turn, normalised by the adapter to −1..1 (for
    /// example Amazon Connect's NEGATIVE/NEUTRAL/POSITIVE as −1/0/1). Carried through for
    /// comparison; cxkit's scorer does not read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_sentiment: Option<f64>,
}

impl Turn {
    /// A turn with a speaker and text and no timing.
    ///
    /// ```
    /// use cxkit_core::model::{Speaker, Turn};
    /// let t = Turn::new(Speaker::Customer, "hola");
    /// assert_eq!(t.start_ms, None);
    /// ```
    pub fn new(speaker: Speaker, text: impl Into<String>) -> Self {
        Turn {
            speaker,
            text: text.into(),
            start_ms: None,
            end_ms: None,
            platform_sentiment: None,
        }
    }
}

/// A call or chat transcript (`DESIGN.md`: `Transcript`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Transcript {
    /// The contact the transcript belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<String>,
    /// The language of the transcript; absent means `auto`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<LanguageChoice>,
    /// The turns in the order they happened.
    pub turns: Vec<Turn>,
}

impl Transcript {
    /// A transcript of `(speaker, text)` pairs with no timing and language `auto`.
    ///
    /// ```
    /// use cxkit_core::model::{Speaker, Transcript};
    /// let t = Transcript::from_turns([(Speaker::Agent, "Hello"), (Speaker::Customer, "Hi")]);
    /// assert_eq!(t.turns.len(), 2);
    /// ```
    pub fn from_turns<S: Into<String>>(turns: impl IntoIterator<Item = (Speaker, S)>) -> Self {
        Transcript {
            contact_id: None,
            language: None,
            turns: turns
                .into_iter()
                .map(|(speaker, text)| Turn::new(speaker, text))
                .collect(),
        }
    }

    /// Checks what the types cannot: there is at least one turn, and every `startMs`, `endMs`
    /// and `platformSentiment` is finite and in range (`startMs`, `endMs` ≥ 0, `endMs` ≥
    /// `startMs`, `platformSentiment` in −1..1). Errors name the field and index
    /// (`turns[3].endMs`).
    ///
    /// ```
    /// use cxkit_core::model::{Speaker, Transcript};
    /// let mut t = Transcript::from_turns([(Speaker::Agent, "Hello")]);
    /// assert!(t.validate().is_ok());
    /// t.turns[0].start_ms = Some(-1.0);
    /// assert_eq!(t.validate().unwrap_err().field.as_deref(), Some("turns[0].startMs"));
    /// ```
    pub fn validate(&self) -> Result<()> {
        if self.turns.is_empty() {
            return Err(
                Error::new(ErrorCode::EmptyInput, "the transcript has no turns")
                    .with_field("turns"),
            );
        }
        for (i, t) in self.turns.iter().enumerate() {
            let bad = |field: &str, what: String| {
                Err(Error::new(
                    ErrorCode::InvalidValue,
                    format!("turns[{i}].{field}: {what}"),
                )
                .with_field(format!("turns[{i}].{field}"))
                .with_index(i))
            };
            for (field, v) in [("startMs", t.start_ms), ("endMs", t.end_ms)] {
                if let Some(v) = v
                    && (!v.is_finite() || v < 0.0)
                {
                    return bad(field, format!("must be a finite number ≥ 0, got {v}"));
                }
            }
            if let (Some(s), Some(e)) = (t.start_ms, t.end_ms)
                && e < s
            {
                return bad("endMs", format!("{e} is before startMs {s}"));
            }
            if let Some(p) = t.platform_sentiment
                && !(p.is_finite() && (-1.0..=1.0).contains(&p))
            {
                return bad(
                    "platformSentiment",
                    format!("must be a finite number in −1..1, got {p}"),
                );
            }
        }
        Ok(())
    }
}
