//! Vocabulary shared by every cxkit record (see `DESIGN.md`, "Data model"): channels here;
//! contacts, transcripts and transactions in their own files.

use serde::{Deserialize, Serialize};

/// The channel of a contact or of the contact a survey answer is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// Telephone.
    Voice,
    /// Web or in-app chat.
    Chat,
    /// E-mail.
    Email,
    /// SMS text messages.
    Sms,
    /// Public social media.
    Social,
    /// Messaging apps (WhatsApp, Messenger, Apple Messages …).
    Messaging,
    /// Video call.
    Video,
    /// Anything else.
    Other,
}

impl Channel {
    /// Every channel.
    pub const ALL: [Channel; 8] = [
        Channel::Voice,
        Channel::Chat,
        Channel::Email,
        Channel::Sms,
        Channel::Social,
        Channel::Messaging,
        Channel::Video,
        Channel::Other,
    ];

    /// The lower-case wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Channel::Voice => "voice",
            Channel::Chat => "chat",
            Channel::Email => "email",
            Channel::Sms => "sms",
            Channel::Social => "social",
            Channel::Messaging => "messaging",
            Channel::Video => "video",
            Channel::Other => "other",
        }
    }

    /// Parses a wire name (exact, lower case).
    pub fn parse(name: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

// Records, one file each.
mod contact;
mod time;
mod transaction;
mod transcript;

pub use contact::*;
pub use time::*;
pub use transaction::*;
pub use transcript::*;
