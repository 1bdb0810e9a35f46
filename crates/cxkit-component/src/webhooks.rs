//! The `webhooks` interface: WIT requests and options to `cxkit_adapters` types, and the
//! outcome's core records back to WIT. Conversion only: verification, parsing and mapping are
//! the adapters'.

use cxkit_adapters::{Format, Options, Outcome, Platform, Request, Scheme, Status, Verification};
use cxkit_core::model::{Contact, Direction, LanguageChoice, Speaker, Transcript};
use cxkit_core::survey::{Scale, SurveyKind, SurveyResponse};
use cxkit_core::{Error, ErrorCode};

use crate::Component;
use crate::bindings::exports::cxkit::metrics::contacts as wc;
use crate::bindings::exports::cxkit::metrics::surveys as ws;
use crate::bindings::exports::cxkit::metrics::types::Error as WitError;
use crate::bindings::exports::cxkit::metrics::webhooks as wit;
use crate::contacts::{timestamp, to_channel};
use crate::surveys::error;

impl wit::Guest for Component {
    fn handle_webhook(
        platform: wit::Platform,
        request: wit::Request,
        options: wit::Options,
    ) -> Result<wit::Outcome, WitError> {
        let run = || -> Result<Outcome, Error> {
            cxkit_adapters::handle_webhook(
                self::platform(platform),
                &self::request(request),
                &self::options(options)?,
            )
        };
        run().map(outcome).map_err(error)
    }

    fn verify_webhook(
        platform: wit::Platform,
        request: wit::Request,
        options: wit::Options,
    ) -> Result<wit::Verification, WitError> {
        let run = || -> Result<Verification, Error> {
            cxkit_adapters::verify_webhook(
                self::platform(platform),
                &self::request(request),
                &self::options(options)?,
            )
        };
        run().map(verification).map_err(error)
    }
}

// ---- WIT -> adapters ------------------------------------------------------------------------

fn platform(p: wit::Platform) -> Platform {
    match p {
        wit::Platform::AmazonConnect => Platform::AmazonConnect,
        wit::Platform::Genesys => Platform::Genesys,
        wit::Platform::Twilio => Platform::Twilio,
        wit::Platform::Zendesk => Platform::Zendesk,
        wit::Platform::Salesforce => Platform::Salesforce,
        wit::Platform::Generic => Platform::Generic,
    }
}

fn to_platform(p: Platform) -> wit::Platform {
    match p {
        Platform::AmazonConnect => wit::Platform::AmazonConnect,
        Platform::Genesys => wit::Platform::Genesys,
        Platform::Twilio => wit::Platform::Twilio,
        Platform::Zendesk => wit::Platform::Zendesk,
        Platform::Salesforce => wit::Platform::Salesforce,
        Platform::Generic => wit::Platform::Generic,
    }
}

fn request(r: wit::Request) -> Request {
    Request {
        method: r.method,
        url: r.url,
        headers: r.headers,
        body: r.body,
    }
}

fn option_error(field: &str, message: String) -> Error {
    Error::option(field, message)
}

fn options(o: wit::Options) -> Result<Options, Error> {
    let format = match o.format {
        None => None,
        Some(name) => Some(
            Platform::ALL
                .iter()
                .flat_map(|p| p.formats().iter().copied())
                .find(|f: &Format| f.as_str() == name)
                .ok_or_else(|| {
                    option_error(
                        "format",
                        format!(
                            "\"{}\" is not a webhook format",
                            cxkit_core::text::excerpt(&name)
                        ),
                    )
                })?,
        ),
    };
    let field_map = match o.field_map_json {
        None => None,
        Some(text) => Some(
            serde_json::from_str(&text)
                .map_err(|e| option_error("fieldMapJson", format!("fieldMapJson: {e}")))?,
        ),
    };
    let now = o
        .now
        .map(|t| timestamp(&t, "options.now"))
        .transpose()
        .map_err(|e| Error::new(ErrorCode::InvalidOption, e.message).with_field("options.now"))?;
    let max_body_bytes = o
        .max_body_bytes
        .map(|n| usize::try_from(n).unwrap_or(usize::MAX));
    Ok(Options {
        secrets: o.secrets,
        api_key_header: o.api_key_header,
        tolerance_seconds: o.tolerance_seconds,
        now,
        organization_ids: o.organization_ids,
        csat_attribute: o.csat_attribute,
        csat_scale: o.csat_scale.map(|s| match s {
            ws::Scale::Range((min, max)) => Scale::Range { min, max },
            ws::Scale::Binary => Scale::Binary,
        }),
        format,
        field_map,
        max_body_bytes,
    })
}

// ---- core -> WIT ----------------------------------------------------------------------------

fn rfc3339(t: Option<chrono::DateTime<chrono::Utc>>) -> Option<String> {
    t.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
}

fn contact(c: Contact) -> wc::Contact {
    wc::Contact {
        started_at: rfc3339(c.started_at),
        offered_at: rfc3339(c.offered_at),
        answered_at: rfc3339(c.answered_at),
        abandoned_at: rfc3339(c.abandoned_at),
        ended_at: rfc3339(c.ended_at),
        id: c.id,
        platform: c.platform,
        customer_id: c.customer_id,
        channel: to_channel(c.channel),
        direction: c.direction.map(|d| match d {
            Direction::Inbound => wc::Direction::Inbound,
            Direction::Outbound => wc::Direction::Outbound,
        }),
        queue: c.queue,
        agent_id: c.agent_id,
        queue_wait_s: c.queue_wait_s,
        talk_s: c.talk_s,
        hold_s: c.hold_s,
        acw_s: c.acw_s,
        handle_s: c.handle_s,
        transfers: c.transfers,
        conferences: c.conferences,
        escalated: c.escalated,
        abandoned: c.abandoned,
        disconnect_reason: c.disconnect_reason,
        reason: c.reason,
        resolved: c.resolved,
        partial: c.partial,
    }
}

fn survey(r: SurveyResponse) -> ws::SurveyResponse {
    let answer = match (r.value, r.label) {
        (Some(v), _) => ws::Answer::Value(v),
        (None, Some(l)) => ws::Answer::Label(l),
        (None, None) => ws::Answer::Label(String::new()),
    };
    ws::SurveyResponse {
        answer,
        id: r.id,
        kind: r.kind.map(|k| match k {
            SurveyKind::Csat => ws::SurveyKind::Csat,
            SurveyKind::Nps => ws::SurveyKind::Nps,
            SurveyKind::Ces => ws::SurveyKind::Ces,
        }),
        scale: r.scale.map(|s| match s {
            Scale::Range { min, max } => ws::Scale::Range((min, max)),
            Scale::Binary => ws::Scale::Binary,
        }),
        responded_at: rfc3339(r.responded_at),
        contact_id: r.contact_id,
        customer_id: r.customer_id,
        agent_id: r.agent_id,
        queue: r.queue,
        channel: r.channel.map(|c| c.as_str().to_string()),
    }
}

fn transcript(t: Transcript) -> wit::Transcript {
    wit::Transcript {
        contact_id: t.contact_id,
        language: t.language.map(|l: LanguageChoice| l.as_str().to_string()),
        turns: t
            .turns
            .into_iter()
            .map(|u| wit::Turn {
                speaker: match u.speaker {
                    Speaker::Customer => wit::Speaker::Customer,
                    Speaker::Agent => wit::Speaker::Agent,
                    Speaker::Bot => wit::Speaker::Bot,
                    Speaker::System => wit::Speaker::System,
                },
                text: u.text,
                start_ms: u.start_ms,
                end_ms: u.end_ms,
                platform_sentiment: u.platform_sentiment,
            })
            .collect(),
    }
}

fn outcome(o: Outcome) -> wit::Outcome {
    wit::Outcome {
        accepted: o.status == Status::Accepted,
        event: o.event,
        reason: o.reason,
        contacts: o.contacts.into_iter().map(contact).collect(),
        surveys: o.surveys.into_iter().map(survey).collect(),
        transcripts: o.transcripts.into_iter().map(transcript).collect(),
        response: o.response.map(|r| wit::Reply {
            status: r.status,
            content_type: r.content_type,
            body: r.body,
        }),
    }
}

fn scheme(s: Scheme) -> &'static str {
    match s {
        Scheme::SharedKey => "shared-key",
        Scheme::HubSignature => "hub-signature",
        Scheme::TwilioSignature => "twilio-signature",
        Scheme::ZendeskSignature => "zendesk-signature",
        Scheme::CxkitSignature => "cxkit-signature",
        Scheme::OrganizationId => "organization-id",
        Scheme::None => "none",
    }
}

fn verification(v: Verification) -> wit::Verification {
    wit::Verification {
        platform: to_platform(v.platform),
        format: v.format.as_str().to_string(),
        scheme: scheme(v.scheme).to_string(),
        secret_index: v.secret_index.and_then(|i| u32::try_from(i).ok()),
    }
}
