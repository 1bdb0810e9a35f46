//! The records the adapters produce are cxkit-core's own: [`Contact`],
//! [`cxkit_core::model::Transcript`] with its turns, and [`cxkit_core::survey::SurveyResponse`].
//! This module only adds the constructors every platform module needs.
//!
//! When a platform does not say which channel an event belongs to (a Salesforce change event
//! that only changed `Status`, for example), the channel is [`Channel::Other`] and `partial` is
//! `true`: merge such records by `platform` + `id` ([`cxkit_core::model::merge_partials`]).

use cxkit_core::model::{Channel, Contact, LanguageChoice};

/// A contact with only its identifier, platform and channel.
pub fn contact(id: impl Into<String>, platform: &str, channel: Channel) -> Contact {
    let mut c = Contact::new(id, channel);
    c.platform = Some(platform.to_string());
    c
}

/// A contact with only its identifier, platform and channel, marked `partial: true`.
pub fn partial_contact(id: impl Into<String>, platform: &str, channel: Channel) -> Contact {
    let mut c = contact(id, platform, channel);
    c.partial = Some(true);
    c
}

/// The transcript language of a BCP 47 / platform locale code (`en-US`, `es_ES`, `es`): English
/// or Spanish, `None` for any other language (the scorer then detects it).
pub fn language_from_locale(code: &str) -> Option<LanguageChoice> {
    let primary = code.split(['-', '_']).next().unwrap_or_default();
    if primary.eq_ignore_ascii_case("en") {
        Some(LanguageChoice::En)
    } else if primary.eq_ignore_ascii_case("es") {
        Some(LanguageChoice::Es)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cxkit_core::model::Direction;

    #[test]
    fn records_serialise_in_the_cxkit_vocabulary() {
        let mut c = partial_contact("c-1", "amazon-connect", Channel::Voice);
        c.queue_wait_s = Some(12.0);
        c.direction = Some(Direction::Inbound);
        let v = serde_json::to_value(&c).unwrap();
        assert_eq!(v["queueWaitS"], 12.0);
        assert_eq!(v["platform"], "amazon-connect");
        assert_eq!(v["channel"], "voice");
        assert_eq!(v["direction"], "inbound");
        assert_eq!(v["transfers"], 0);
        assert_eq!(v["partial"], true);
        assert!(v.get("talkS").is_none());
        let back: Contact = serde_json::from_value(v).unwrap();
        assert_eq!(back, c);
        assert_eq!(language_from_locale("es-US"), Some(LanguageChoice::Es));
        assert_eq!(language_from_locale("EN_gb"), Some(LanguageChoice::En));
        assert_eq!(language_from_locale("fr-FR"), None);
    }
}
