//! Salesforce Service Cloud: Outbound Messages (SOAP), Change Data Capture `CaseChangeEvent`
//! messages forwarded by a relay, and Feedback Management `SurveyQuestionResponse` query
//! results.
//!
//! # Formats
//!
//! | format | how it arrives | authentication |
//! |---|---|---|
//! | `outbound-message` | a workflow/flow Outbound Message: a SOAP 1.1 `notifications` envelope (up to 100 `Notification`s, each an `sObject`) | `OrganizationId` among `organizationIds` (15- or 18-character forms); the reply is the SOAP `Ack` envelope |
//! | `cdc` | Change Data Capture events (`/data/CaseChangeEvent`) forwarded by the customer's relay: a CometD message (`{channel, data: {schema, payload, event}}`), its `data`, the bare `payload`, or an array of those | shared key header, default `x-cxkit-salesforce-key` |
//! | `survey-responses` | a REST query result (`{totalSize, done, records: […]}`) of `SurveyQuestionResponse` with `Question.QuestionType`, fetched by the caller | none, or the shared key when secrets are configured |
//!
//! Detection: a body starting with `<` is `outbound-message`; JSON with `records` is
//! `survey-responses`; anything else JSON (`ChangeEventHeader`, `payload`, arrays) is `cdc`.
//!
//! # Sources
//!
//! - Outbound messaging and its WSDL (`notifications`, `notificationsResponse`/`Ack`):
//!   <https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_om_outboundmessaging_understanding.htm>,
//!   <https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_om_outboundmessaging_wsdl.htm>
//! - Change event message structure and header fields:
//!   <https://developer.salesforce.com/docs/atlas.en-us.change_data_capture.meta/change_data_capture/cdc_event_fields_header.htm>
//! - Case fields (`Origin`, `Status`, `IsClosed`, `IsEscalated`, `ClosedDate`, `OwnerId`,
//!   `ContactId`, `Reason`):
//!   <https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_case.htm>
//! - `SurveyQuestionResponse` and `SurveyQuestion.QuestionType`:
//!   <https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_surveyquestionresponse.htm>,
//!   <https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_surveyquestion.htm>
//! - 15- and 18-character record ids (the `ID` field type; the 18-character form adds a
//!   three-character suffix encoding the case of the first 15):
//!   <https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/field_types.htm>
//!
//! # Mapping
//!
//! A Case (in an Outbound Message, or a `CaseChangeEvent`) becomes a `partial` contact: both
//! carry only some fields (the ones selected for the message, or the ones changed). `id` =
//! `Id` (or each of `recordIds`), channel from `Origin` (`Phone` voice, `Email` email, `Chat`
//! chat, `SMS` sms, `Web` other …), `customerId` = `ContactId` (else `AccountId`), `OwnerId` →
//! `agentId` when it is a user (`005…`) or `queue` when it is a queue (`00G…`), `startedAt` =
//! `CreatedDate`, `endedAt` = `ClosedDate`, `resolved` = `IsClosed`, `escalated` =
//! `IsEscalated`, `reason` = `Reason`. For a change event of type `UPDATE` only the fields
//! listed in `changedFields` are read; `CREATE` reads every field present; `DELETE`,
//! `UNDELETE` and gap events are ignored. Other objects are ignored (an Outbound Message is
//! still acknowledged). Survey question responses whose `Question.QuestionType` is `NPS` become
//! NPS answers (0–10); `CSAT` and `Rating` become CSAT answers on `csatScale`; `NumberValue`
//! is the answer (else `ResponseValue`), `CreatedDate` the time, `Response.SubmitterId` the
//! customer.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use cxkit_core::model::Channel;
use cxkit_core::survey::{Scale, SurveyKind, SurveyResponse};
use cxkit_core::{Error, ErrorCode};
use serde::Deserialize;

use crate::api::{
    Format, Options, Outcome, Reply, Request, Scheme, Sniff, attribute_text, no_secrets,
    shared_key_scheme,
};
use crate::de::{self, opt_number, opt_time};
use crate::fail;
use crate::mapping::{answer_from_text, common_channel, survey};
use crate::records::partial_contact;
use cxkit_core::model::Contact;

const PLATFORM: &str = "salesforce";
/// Default shared-key header of CDC relays and fetched documents.
pub const DEFAULT_KEY_HEADER: &str = "x-cxkit-salesforce-key";
/// Namespace of the outbound messaging schema.
pub const OUTBOUND_NS: &str = "http://soap.sforce.com/2005/09/outbound";
const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// The `Ack` envelope Salesforce expects in reply to an Outbound Message.
pub const ACK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound"><Ack>true</Ack></notificationsResponse></soapenv:Body></soapenv:Envelope>"#;

/// An Outbound Message (`notifications`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OutboundMessage {
    /// `OrganizationId`: the sending org (18 characters).
    pub organization_id: String,
    /// `ActionId`: the workflow rule or flow action that sent it.
    pub action_id: Option<String>,
    /// `EnterpriseUrl`.
    pub enterprise_url: Option<String>,
    /// `PartnerUrl`.
    pub partner_url: Option<String>,
    /// `Notification`s (at most 100).
    pub notifications: Vec<OutboundNotification>,
}

/// One `Notification` of an Outbound Message.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OutboundNotification {
    /// `Id` of the notification (repeated when Salesforce resends it).
    pub id: Option<String>,
    /// The `sObject`'s `xsi:type` without prefix (`Case`).
    pub sobject_type: Option<String>,
    /// The `sObject`'s fields: name → text.
    pub fields: BTreeMap<String, String>,
}

fn xml_error(e: &roxmltree::Error) -> Error {
    fail::malformed("body", format!("body is not well-formed XML: {e}"))
}

/// Parses an Outbound Message envelope. DTDs are refused (no entity expansion).
pub fn parse_outbound(body: &[u8]) -> Result<OutboundMessage, Error> {
    let text = std::str::from_utf8(body)
        .map_err(|e| fail::malformed("body", format!("body is not UTF-8: {e}")))?;
    let doc = roxmltree::Document::parse(text).map_err(|e| xml_error(&e))?;
    let notifications = doc
        .descendants()
        .find(|n| n.has_tag_name((OUTBOUND_NS, "notifications")))
        .ok_or_else(|| {
            fail::malformed(
                "notifications",
                "the SOAP body has no notifications element (namespace http://soap.sforce.com/2005/09/outbound)",
            )
        })?;
    let child_text = |name: &str| {
        notifications
            .children()
            .find(|c| c.has_tag_name((OUTBOUND_NS, name)))
            .and_then(|c| c.text())
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
    };
    let organization_id = child_text("OrganizationId").ok_or_else(|| {
        fail::malformed(
            "notifications.OrganizationId",
            "notifications.OrganizationId is missing",
        )
    })?;
    let mut msg = OutboundMessage {
        organization_id,
        action_id: child_text("ActionId"),
        enterprise_url: child_text("EnterpriseUrl"),
        partner_url: child_text("PartnerUrl"),
        notifications: Vec::new(),
    };
    for n in notifications
        .children()
        .filter(|c| c.has_tag_name((OUTBOUND_NS, "Notification")))
    {
        let id = n
            .children()
            .find(|c| c.has_tag_name((OUTBOUND_NS, "Id")))
            .and_then(|c| c.text())
            .map(|t| t.trim().to_string());
        let sobject = n
            .children()
            .find(|c| c.is_element() && c.tag_name().name() == "sObject");
        let mut out = OutboundNotification {
            id,
            ..OutboundNotification::default()
        };
        if let Some(s) = sobject {
            out.sobject_type = s
                .attribute((XSI_NS, "type"))
                .map(|t| t.rsplit(':').next().unwrap_or(t).to_string());
            for f in s.children().filter(|c| c.is_element()) {
                if f.children().any(|g| g.is_element()) {
                    continue;
                }
                let nil = f.attribute((XSI_NS, "nil")) == Some("true");
                if !nil {
                    out.fields.insert(
                        f.tag_name().name().to_string(),
                        f.text().unwrap_or_default().to_string(),
                    );
                }
            }
        }
        msg.notifications.push(out);
    }
    Ok(msg)
}

const ID_SUFFIX: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

/// The 18-character form of a Salesforce id given in 15 or 18 characters; `None` for any other
/// length or a character outside `[A-Za-z0-9]`.
///
/// ```
/// use cxkit_adapters::salesforce::id18;
/// assert_eq!(id18("00D5g000004ABcd").as_deref(), Some("00D5g000004ABcdEAG"));
/// assert_eq!(id18("00D5g000004ABcdEAG").as_deref(), Some("00D5g000004ABcdEAG"));
/// // The suffix encodes the case of the first 15 characters: case matters there.
/// assert_ne!(id18("00D5g000004abcd"), id18("00D5g000004ABcd"));
/// assert!(id18("00D5g").is_none());
/// ```
pub fn id18(id: &str) -> Option<String> {
    let id = id.trim();
    if !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let base = match id.len() {
        15 | 18 => id.get(..15)?,
        _ => return None,
    };
    let mut suffix = String::with_capacity(3);
    for chunk in base.as_bytes().chunks(5) {
        let mut bits = 0usize;
        for (j, b) in chunk.iter().enumerate() {
            if b.is_ascii_uppercase() {
                bits |= 1 << j;
            }
        }
        suffix.push(char::from(*ID_SUFFIX.get(bits)?));
    }
    Some(format!("{base}{suffix}"))
}

/// Checks the message's `OrganizationId` against `organizationIds`.
pub fn check_org(msg: &OutboundMessage, options: &Options) -> Result<(), Error> {
    if options.organization_ids.is_empty() {
        return Err(fail::option(
            "organizationIds",
            "no organization id is configured: Salesforce Outbound Messages are authenticated by their OrganizationId, so options.organizationIds needs at least one",
        ));
    }
    let mut allowed = Vec::new();
    for (i, o) in options.organization_ids.iter().enumerate() {
        allowed.push(id18(o).ok_or_else(|| {
            fail::option(
                "organizationIds",
                format!(
                    "organizationIds[{i}] \"{}\" is not a 15- or 18-character Salesforce id",
                    cxkit_core::text::excerpt(o)
                ),
            )
            .with_index(i)
        })?);
    }
    let got = id18(&msg.organization_id);
    if got.as_ref().is_some_and(|g| allowed.contains(g)) {
        return Ok(());
    }
    Err(Error::new(
        ErrorCode::UnknownOrg,
        format!(
            "OrganizationId \"{}\" is not among options.organizationIds",
            cxkit_core::text::excerpt(&msg.organization_id)
        ),
    )
    .with_field("notifications.OrganizationId"))
}

/// A change event payload: the `ChangeEventHeader` and the record's fields.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CaseChangeEvent {
    /// `ChangeEventHeader`.
    #[serde(rename = "ChangeEventHeader")]
    pub header: ChangeEventHeader,
    /// The record's fields (`Status`, `Origin` …), `null` when unchanged.
    #[serde(flatten)]
    pub fields: BTreeMap<String, serde_json::Value>,
}

/// `ChangeEventHeader`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeEventHeader {
    /// `entityName`: `Case` for `CaseChangeEvent`.
    pub entity_name: String,
    /// `recordIds`: the changed records.
    #[serde(default)]
    pub record_ids: Vec<String>,
    /// `changeType`: `CREATE`, `UPDATE`, `DELETE`, `UNDELETE`, `GAP_*`, `GAP_OVERFLOW`.
    pub change_type: String,
    /// `changedFields`: fields changed by an `UPDATE`.
    #[serde(default)]
    pub changed_fields: Vec<String>,
    /// `commitTimestamp`: epoch milliseconds of the transaction commit.
    #[serde(default, deserialize_with = "opt_time")]
    pub commit_timestamp: Option<DateTime<Utc>>,
    /// `commitUser`.
    #[serde(default)]
    pub commit_user: Option<String>,
}

/// A REST query result of survey question responses.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QueryResult {
    /// `totalSize`.
    #[serde(default, deserialize_with = "opt_number")]
    pub total_size: Option<f64>,
    /// `records`.
    pub records: Vec<SurveyQuestionResponse>,
}

/// A `SurveyQuestionResponse` record.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SurveyQuestionResponse {
    /// `Id`.
    #[serde(default)]
    pub id: Option<String>,
    /// `NumberValue`: the answer to NPS, Rating, Score and Slider questions.
    #[serde(default, deserialize_with = "opt_number")]
    pub number_value: Option<f64>,
    /// `ResponseValue`: the answer as text.
    #[serde(default)]
    pub response_value: Option<String>,
    /// `CreatedDate`.
    #[serde(default, deserialize_with = "opt_time")]
    pub created_date: Option<DateTime<Utc>>,
    /// `QuestionId`.
    #[serde(default)]
    pub question_id: Option<String>,
    /// `ResponseId`.
    #[serde(default)]
    pub response_id: Option<String>,
    /// `Question` (relationship): `QuestionType`.
    #[serde(default)]
    pub question: Option<SurveyQuestion>,
    /// `Response` (relationship): `SubmitterId`.
    #[serde(default)]
    pub response: Option<SurveyResponseRef>,
}

/// The `Question` relationship of a survey question response.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SurveyQuestion {
    /// `QuestionType`: `NPS`, `CSAT`, `Rating`, `Slider`, `FreeText` ….
    #[serde(default)]
    pub question_type: Option<String>,
    /// `DeveloperName`.
    #[serde(default)]
    pub developer_name: Option<String>,
}

/// The `Response` relationship of a survey question response.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SurveyResponseRef {
    /// `SubmitterId`: the user or contact who submitted the response.
    #[serde(default)]
    pub submitter_id: Option<String>,
}

pub(crate) fn detect(sniff: &Sniff) -> Result<Format, Error> {
    if sniff.first == Some(b'<') {
        return Ok(Format::OutboundMessage);
    }
    match &sniff.json {
        Some(serde_json::Value::Object(m)) if m.contains_key("records") => {
            Ok(Format::SurveyResponses)
        }
        Some(serde_json::Value::Object(m))
            if m.contains_key("ChangeEventHeader")
                || m.contains_key("payload")
                || m.contains_key("data") =>
        {
            Ok(Format::Cdc)
        }
        Some(serde_json::Value::Array(_)) => Ok(Format::Cdc),
        Some(_) => Err(fail::unsupported(
            "the body is not a Salesforce payload cxkit reads: expected an Outbound Message \
             (SOAP), Change Data Capture events, or SurveyQuestionResponse query results; name \
             one with options.format",
        )),
        // Not JSON (truncated): CDC relays are the pushed JSON format; authenticate first.
        None => Ok(Format::Cdc),
    }
}

pub(crate) fn verify(
    req: &Request,
    format: Format,
    options: &Options,
) -> Result<(Scheme, Option<usize>), Error> {
    match format {
        Format::OutboundMessage => {
            let msg = parse_outbound(&req.body)?;
            check_org(&msg, options)?;
            Ok((Scheme::OrganizationId, None))
        }
        Format::Cdc if options.secrets.is_empty() => {
            Err(no_secrets(format, "a Salesforce change event relay"))
        }
        _ => {
            let header = options
                .api_key_header
                .as_deref()
                .unwrap_or(DEFAULT_KEY_HEADER);
            shared_key_scheme(req, format, options, header, "a Salesforce webhook")
        }
    }
}

pub(crate) fn handle(
    req: &Request,
    format: Format,
    sniff: Sniff,
    options: &Options,
) -> Result<Outcome, Error> {
    match format {
        Format::OutboundMessage => {
            let msg = parse_outbound(&req.body)?;
            let mut contacts = Vec::new();
            let mut types = Vec::new();
            for (i, n) in msg.notifications.iter().enumerate() {
                match n.sobject_type.as_deref() {
                    Some("Case") => {
                        let prefix = format!("notifications.Notification[{i}].sObject");
                        if let Some(c) = map_case_fields(&n.fields, None, &prefix)? {
                            contacts.push(c);
                        }
                    }
                    other => types.push(other.unwrap_or("unknown").to_string()),
                }
            }
            let kind = msg
                .notifications
                .first()
                .and_then(|n| n.sobject_type.clone())
                .unwrap_or_default();
            let mut out = Outcome::new(
                format!("outbound-message:{kind}"),
                contacts,
                Vec::new(),
                Vec::new(),
            );
            if !types.is_empty() {
                out.reason = Some(format!(
                    "{} notification(s) of objects other than Case ({}) were acknowledged and ignored",
                    types.len(),
                    types.join(", ")
                ));
            }
            out.response = Some(Reply {
                status: 200,
                content_type: "text/xml; charset=utf-8".to_string(),
                body: ACK.to_string(),
            });
            Ok(out)
        }
        Format::SurveyResponses => {
            let value = sniff.into_json(&req.body)?;
            let records: Vec<SurveyQuestionResponse> = if value.is_array() {
                de::from_value(value, "")?
            } else {
                de::from_value::<QueryResult>(value, "")?.records
            };
            let mut surveys = Vec::new();
            let mut skipped = 0usize;
            for r in &records {
                match map_question_response(r, options) {
                    Some(s) => surveys.push(s),
                    None => skipped += 1,
                }
            }
            let reason = (skipped > 0).then(|| {
                format!("{skipped} response(s) are not answers to NPS, CSAT or Rating questions (Question.QuestionType) or have no value")
            });
            Ok(
                Outcome::new("survey-responses", Vec::new(), surveys, Vec::new())
                    .with_reason(reason),
            )
        }
        _ => {
            let value = sniff.into_json(&req.body)?;
            let mut payloads = Vec::new();
            collect_payloads(value, "", &mut payloads);
            let mut contacts = Vec::new();
            let mut ignored = Vec::new();
            let mut kinds = Vec::new();
            for (payload, prefix) in payloads {
                let ev: CaseChangeEvent = de::from_value(payload, &prefix)?;
                let kind = format!("{}:{}", ev.header.entity_name, ev.header.change_type);
                if !kinds.contains(&kind) {
                    kinds.push(kind.clone());
                }
                let change = ev.header.change_type.to_ascii_uppercase();
                if ev.header.entity_name != "Case" || !(change == "CREATE" || change == "UPDATE") {
                    ignored.push(kind);
                    continue;
                }
                let fields: BTreeMap<String, String> = ev
                    .fields
                    .iter()
                    .filter(|(k, _)| {
                        change == "CREATE" || ev.header.changed_fields.iter().any(|c| c == *k)
                    })
                    .filter_map(|(k, v)| Some((k.clone(), attribute_text(v)?)))
                    .collect();
                for id in &ev.header.record_ids {
                    if let Some(c) = map_case_fields(&fields, Some(id), &prefix)? {
                        contacts.push(c);
                    }
                }
            }
            let event = format!("cdc:{}", kinds.join(","));
            let reason = (!ignored.is_empty()).then(|| {
                format!(
                    "{} change event(s) are not Case CREATE/UPDATE ({}) and were ignored",
                    ignored.len(),
                    ignored.join(", ")
                )
            });
            Ok(Outcome::new(event, contacts, Vec::new(), Vec::new()).with_reason(reason))
        }
    }
}

/// Finds change-event payloads in a CometD message, its `data`, a bare payload, or arrays of
/// them.
fn collect_payloads(
    value: serde_json::Value,
    prefix: &str,
    out: &mut Vec<(serde_json::Value, String)>,
) {
    match value {
        serde_json::Value::Array(items) => {
            for (i, item) in items.into_iter().enumerate() {
                collect_payloads(item, &format!("{prefix}[{i}]"), out);
            }
        }
        serde_json::Value::Object(mut m) => {
            if m.contains_key("ChangeEventHeader") {
                out.push((serde_json::Value::Object(m), prefix.to_string()));
            } else if let Some(p) = m.remove("payload") {
                out.push((p, de::field_name(prefix, "payload")));
            } else if let Some(d) = m.remove("data") {
                collect_payloads(d, &de::field_name(prefix, "data"), out);
            } else {
                // Reported by the typed parse: no ChangeEventHeader.
                out.push((serde_json::Value::Object(m), prefix.to_string()));
            }
        }
        other => out.push((other, prefix.to_string())),
    }
}

fn origin_channel(origin: &str) -> Channel {
    match origin.trim().to_ascii_lowercase().as_str() {
        "web" | "web form" | "portal" => Channel::Other,
        other => common_channel(other),
    }
}

/// Maps the fields of a Case (`Id` from the fields unless `record_id` is given) to a partial
/// contact; `None` without an id. A date or boolean field that does not parse is
/// `malformed_payload` on `<prefix>.<field>`.
pub fn map_case_fields(
    fields: &BTreeMap<String, String>,
    record_id: Option<&str>,
    prefix: &str,
) -> Result<Option<Contact>, Error> {
    let get = |k: &str| fields.get(k).map(|v| v.trim()).filter(|v| !v.is_empty());
    let Some(id) = record_id.or_else(|| get("Id")) else {
        return Ok(None);
    };
    let bad = |k: &str, v: &str, what: &str| {
        let field = de::field_name(prefix, k);
        fail::malformed(
            field.clone(),
            format!(
                "{field}: \"{}\" is not {what}",
                cxkit_core::text::excerpt(v)
            ),
        )
    };
    let time = |k: &str| -> Result<Option<DateTime<Utc>>, Error> {
        get(k)
            .map(|v| de::parse_time(v).ok_or_else(|| bad(k, v, "a date-time")))
            .transpose()
    };
    let flag = |k: &str| -> Result<Option<bool>, Error> {
        get(k)
            .map(|v| {
                de::parse_flag(v)
                    .flatten()
                    .ok_or_else(|| bad(k, v, "a boolean"))
            })
            .transpose()
    };
    let channel = get("Origin").map(origin_channel).unwrap_or(Channel::Other);
    let mut c = partial_contact(id, PLATFORM, channel);
    c.customer_id = get("ContactId")
        .or_else(|| get("AccountId"))
        .map(str::to_string);
    if let Some(owner) = get("OwnerId") {
        if owner.starts_with("00G") {
            c.queue = Some(owner.to_string());
        } else {
            c.agent_id = Some(owner.to_string());
        }
    }
    c.started_at = time("CreatedDate")?;
    c.ended_at = time("ClosedDate")?;
    c.resolved = flag("IsClosed")?;
    c.escalated = flag("IsEscalated")?.unwrap_or(false);
    c.reason = get("Reason").map(str::to_string);
    Ok(Some(c))
}

/// Maps a survey question response to an NPS or CSAT answer; `None` for other question types
/// or when there is no value.
pub fn map_question_response(
    r: &SurveyQuestionResponse,
    options: &Options,
) -> Option<SurveyResponse> {
    let qtype = r
        .question
        .as_ref()?
        .question_type
        .as_deref()?
        .to_ascii_lowercase();
    let (kind, scale) = match qtype.as_str() {
        "nps" => (SurveyKind::Nps, Scale::range(0, 10)),
        "csat" | "rating" => (SurveyKind::Csat, options.csat_scale()),
        _ => return None,
    };
    let answer = match r.number_value {
        Some(v) => (Some(v), None),
        None => answer_from_text(r.response_value.as_deref()?)?,
    };
    let mut s = survey(
        r.id.clone()
            .or_else(|| r.response_id.clone())
            .unwrap_or_else(|| "survey-question-response".to_string()),
        kind,
        scale,
        answer,
        r.created_date,
    );
    s.customer_id = r.response.as_ref().and_then(|x| x.submitter_id.clone());
    Some(s)
}
