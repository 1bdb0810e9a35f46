//! Small mappings shared by the platform modules.

use chrono::{DateTime, Utc};
use cxkit_core::model::Channel;
use cxkit_core::survey::{Scale, SurveyKind, SurveyResponse};

/// The last path segment of an ARN or URL-like identifier (`…/agent/1234` → `1234`).
pub fn arn_id(arn: &str) -> String {
    arn.rsplit('/').next().unwrap_or(arn).to_string()
}

/// Milliseconds to seconds.
pub fn ms_to_s(ms: f64) -> f64 {
    ms / 1000.0
}

/// A survey answer given as text: a number when it parses as one, a label otherwise (the core
/// resolves English and Spanish labels), `None` when blank.
pub fn answer_from_text(text: &str) -> Option<(Option<f64>, Option<String>)> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Some((Some(v), None)),
        _ => Some((None, Some(t.to_string()))),
    }
}

/// A survey response with the fields every adapter fills.
pub fn survey(
    id: String,
    kind: SurveyKind,
    scale: Scale,
    answer: (Option<f64>, Option<String>),
    responded_at: Option<DateTime<Utc>>,
) -> SurveyResponse {
    SurveyResponse {
        id: Some(id),
        kind: Some(kind),
        scale: Some(scale),
        value: answer.0,
        label: answer.1,
        responded_at,
        ..SurveyResponse::default()
    }
}

/// Channel names shared by several platforms (case-insensitive): `voice`, `call`, `phone`,
/// `chat`, `webchat`, `email`, `sms`, `messaging`, `whatsapp`, `social`, `video`, the cxkit
/// names themselves; anything else is `other`.
pub fn common_channel(name: &str) -> Channel {
    let n = name.trim().to_ascii_lowercase();
    if let Some(c) = Channel::parse(&n) {
        return c;
    }
    match n.as_str() {
        "call" | "calls" | "phone" | "telephony" | "callback" | "inbound_call" => Channel::Voice,
        "webchat" | "web_chat" | "live_chat" | "chat_transcript" => Channel::Chat,
        "mail" | "e-mail" => Channel::Email,
        "text" | "text_message" | "mms" => Channel::Sms,
        "message" | "messages" | "whatsapp" | "messenger" | "line" | "open"
        | "native_messaging" => Channel::Messaging,
        "facebook" | "twitter" | "instagram" | "social_media" => Channel::Social,
        _ => Channel::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(
            arn_id("arn:aws:connect:eu-west-1:111:instance/abc/agent/a-7"),
            "a-7"
        );
        assert_eq!(arn_id("plain"), "plain");
        assert_eq!(answer_from_text(" 4 "), Some((Some(4.0), None)));
        assert_eq!(
            answer_from_text("muy satisfecho"),
            Some((None, Some("muy satisfecho".into())))
        );
        assert_eq!(answer_from_text("  "), None);
        assert_eq!(common_channel("Phone"), Channel::Voice);
        assert_eq!(common_channel("WhatsApp"), Channel::Messaging);
        assert_eq!(common_channel("walk-in"), Channel::Other);
    }
}
