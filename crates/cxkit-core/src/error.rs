//! The one error type of cxkit.
//!
//! Every failure carries a stable, machine-readable [`ErrorCode`] (its `snake_case` string never
//! changes once released), a human message that names the offending field and, where the input is
//! a list, the index of the offending element. Bindings map it without adding logic: JavaScript
//! throws a `CxkitError` with `.code`, WIT returns the `error` record, HTTP answers
//! `application/problem+json` with [`ErrorCode::http_status`].

use serde::{Deserialize, Serialize};

/// Stable machine-readable error codes.
///
/// The serialised form (`snake_case`, for example `score_out_of_range`) is part of the public API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorCode {
    /// There was nothing to compute: no responses, or none left after skipping invalid ones.
    EmptyInput,
    /// A numeric answer lies outside the scale.
    ScoreOutOfRange,
    /// A numeric answer is not a whole number.
    NonIntegerScore,
    /// A numeric answer is NaN or infinite.
    NonFiniteScore,
    /// A text answer matches no built-in or custom label.
    UnknownLabel,
    /// A value has the wrong type (for example a boolean where a score was expected).
    InvalidType,
    /// A required field is missing (for example `respondedAt` when grouping by day).
    MissingField,
    /// A timestamp is not RFC 3339.
    InvalidTimestamp,
    /// A field holds a value outside its vocabulary (for example an unknown channel).
    InvalidValue,
    /// An option is unknown or has an invalid value.
    InvalidOption,
    /// A response declares a scale different from the one being scored.
    ScaleMismatch,
    /// A response declares a survey kind different from the one being scored.
    KindMismatch,
    /// Two accumulators cannot be merged (different kind, scale or grouping).
    IncompatibleState,
    /// A serialised accumulator state is malformed or from an unknown format version.
    InvalidState,
    /// A request body is not valid JSON (transport level, used by the edge function).
    InvalidJson,
    /// A request body is larger than the limit (transport level, used by the edge function).
    PayloadTooLarge,
    /// No such route (transport level, used by the edge function).
    NotFound,
    /// The route exists but not for this HTTP method (transport level, used by the edge function).
    MethodNotAllowed,
    /// An unexpected failure of the host (never raised by cxkit for any input; edge functions
    /// use it for the 500 they answer when something else breaks).
    #[serde(rename = "internal_error")]
    Internal,
    /// A record's timestamps are in an impossible order (for example answered before offered,
    /// or ended before started).
    TimestampOrder,
    /// A numeric parameter or rate is negative, NaN, infinite or outside its domain (for example
    /// a negative handle time, a shrinkage of 100 %, churn ≤ 0, a discount rate ≤ −1 or an
    /// infinite-horizon value that diverges).
    InvalidParameter,
    /// The offered traffic is at least the number of agents, so the queue grows without bound
    /// and a finite answer (waiting time, service level) does not exist.
    UnstableQueue,
    /// No number of agents within the search limit meets the requested targets.
    TargetUnreachable,
    /// A transaction amount is negative, NaN or infinite.
    InvalidAmount,
    /// Two quantities are in different time units (for example a summary in days and a model
    /// fitted in weeks) where they must agree.
    UnitMismatch,
    /// A webhook arrived without the signature (or shared-key) header that the configured
    /// secret requires.
    MissingSignature,
    /// A webhook's signature or shared key matches none of the configured secrets.
    SignatureMismatch,
    /// A signed webhook's timestamp lies outside the replay window (`toleranceSeconds`).
    StaleTimestamp,
    /// A webhook comes from an organization that is not configured (Salesforce
    /// `OrganizationId` not in `organizationIds`).
    UnknownOrg,
    /// A webhook body does not follow the platform's documented format (truncated JSON or XML,
    /// a field of the wrong type, invalid base64 …).
    MalformedPayload,
    /// A webhook body has none of the shapes the platform's adapter reads, and no `format`
    /// option names one.
    UnsupportedEvent,
    /// A text is longer than the configured limit (`maxBytes`, bytes of UTF-8).
    TextTooLarge,
    /// A lexicon, modifier or keyword-category file (TSV) is malformed; the message names the
    /// line and column.
    InvalidLexicon,
    /// A read key is missing or wrong (transport level: the edge's `/v1/metrics` routes).
    Unauthorized,
    /// A dropped or uploaded file is not an export cxkit can read: not text (an image, a
    /// workbook), or a CSV or JSON whose columns or keys name no record field.
    UnrecognisedFile,
}

impl ErrorCode {
    /// Every code, in declaration order (for documentation and exhaustive tests).
    pub const ALL: [ErrorCode; 35] = [
        ErrorCode::EmptyInput,
        ErrorCode::ScoreOutOfRange,
        ErrorCode::NonIntegerScore,
        ErrorCode::NonFiniteScore,
        ErrorCode::UnknownLabel,
        ErrorCode::InvalidType,
        ErrorCode::MissingField,
        ErrorCode::InvalidTimestamp,
        ErrorCode::InvalidValue,
        ErrorCode::InvalidOption,
        ErrorCode::ScaleMismatch,
        ErrorCode::KindMismatch,
        ErrorCode::IncompatibleState,
        ErrorCode::InvalidState,
        ErrorCode::InvalidJson,
        ErrorCode::PayloadTooLarge,
        ErrorCode::NotFound,
        ErrorCode::MethodNotAllowed,
        ErrorCode::Internal,
        ErrorCode::TimestampOrder,
        ErrorCode::InvalidParameter,
        ErrorCode::UnstableQueue,
        ErrorCode::TargetUnreachable,
        ErrorCode::InvalidAmount,
        ErrorCode::UnitMismatch,
        ErrorCode::MissingSignature,
        ErrorCode::SignatureMismatch,
        ErrorCode::StaleTimestamp,
        ErrorCode::UnknownOrg,
        ErrorCode::MalformedPayload,
        ErrorCode::UnsupportedEvent,
        ErrorCode::TextTooLarge,
        ErrorCode::InvalidLexicon,
        ErrorCode::Unauthorized,
        ErrorCode::UnrecognisedFile,
    ];

    /// The stable `snake_case` name of the code.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::EmptyInput => "empty_input",
            ErrorCode::ScoreOutOfRange => "score_out_of_range",
            ErrorCode::NonIntegerScore => "non_integer_score",
            ErrorCode::NonFiniteScore => "non_finite_score",
            ErrorCode::UnknownLabel => "unknown_label",
            ErrorCode::InvalidType => "invalid_type",
            ErrorCode::MissingField => "missing_field",
            ErrorCode::InvalidTimestamp => "invalid_timestamp",
            ErrorCode::InvalidValue => "invalid_value",
            ErrorCode::InvalidOption => "invalid_option",
            ErrorCode::ScaleMismatch => "scale_mismatch",
            ErrorCode::KindMismatch => "kind_mismatch",
            ErrorCode::IncompatibleState => "incompatible_state",
            ErrorCode::InvalidState => "invalid_state",
            ErrorCode::InvalidJson => "invalid_json",
            ErrorCode::PayloadTooLarge => "payload_too_large",
            ErrorCode::NotFound => "not_found",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::Internal => "internal_error",
            ErrorCode::TimestampOrder => "timestamp_order",
            ErrorCode::InvalidParameter => "invalid_parameter",
            ErrorCode::UnstableQueue => "unstable_queue",
            ErrorCode::TargetUnreachable => "target_unreachable",
            ErrorCode::InvalidAmount => "invalid_amount",
            ErrorCode::UnitMismatch => "unit_mismatch",
            ErrorCode::MissingSignature => "missing_signature",
            ErrorCode::SignatureMismatch => "signature_mismatch",
            ErrorCode::StaleTimestamp => "stale_timestamp",
            ErrorCode::UnknownOrg => "unknown_org",
            ErrorCode::MalformedPayload => "malformed_payload",
            ErrorCode::UnsupportedEvent => "unsupported_event",
            ErrorCode::TextTooLarge => "text_too_large",
            ErrorCode::InvalidLexicon => "invalid_lexicon",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::UnrecognisedFile => "unrecognised_file",
        }
    }

    /// Parses a code from its `snake_case` name.
    pub fn parse(name: &str) -> Option<ErrorCode> {
        ErrorCode::ALL.into_iter().find(|c| c.as_str() == name)
    }

    /// The HTTP status an edge function answers with for this code: 4xx for every code that
    /// describes bad input, 500 for [`ErrorCode::Internal`]. Webhook authentication failures
    /// (`missing_signature`, `signature_mismatch`, `stale_timestamp`, `unknown_org`) are 401.
    pub const fn http_status(self) -> u16 {
        match self {
            ErrorCode::Internal => 500,
            ErrorCode::MissingSignature
            | ErrorCode::SignatureMismatch
            | ErrorCode::StaleTimestamp
            | ErrorCode::UnknownOrg
            | ErrorCode::Unauthorized => 401,
            ErrorCode::PayloadTooLarge | ErrorCode::TextTooLarge => 413,
            ErrorCode::NotFound => 404,
            ErrorCode::MethodNotAllowed => 405,
            ErrorCode::IncompatibleState => 409,
            _ => 400,
        }
    }

    /// A short English title for the code (the `title` of an RFC 9457 problem document).
    pub const fn title(self) -> &'static str {
        match self {
            ErrorCode::EmptyInput => "Nothing to compute",
            ErrorCode::ScoreOutOfRange => "Score out of range",
            ErrorCode::NonIntegerScore => "Score is not a whole number",
            ErrorCode::NonFiniteScore => "Score is not a finite number",
            ErrorCode::UnknownLabel => "Unknown answer label",
            ErrorCode::InvalidType => "Value has the wrong type",
            ErrorCode::MissingField => "Required field missing",
            ErrorCode::InvalidTimestamp => "Invalid timestamp",
            ErrorCode::InvalidValue => "Invalid field value",
            ErrorCode::InvalidOption => "Invalid option",
            ErrorCode::ScaleMismatch => "Scale mismatch",
            ErrorCode::KindMismatch => "Survey kind mismatch",
            ErrorCode::IncompatibleState => "Incompatible accumulator states",
            ErrorCode::InvalidState => "Invalid accumulator state",
            ErrorCode::InvalidJson => "Malformed JSON",
            ErrorCode::PayloadTooLarge => "Payload too large",
            ErrorCode::NotFound => "Not found",
            ErrorCode::MethodNotAllowed => "Method not allowed",
            ErrorCode::Internal => "Internal error",
            ErrorCode::TimestampOrder => "Timestamps in an impossible order",
            ErrorCode::InvalidParameter => "Invalid parameter",
            ErrorCode::UnstableQueue => "Queue is unstable (traffic at or above agents)",
            ErrorCode::TargetUnreachable => "Target cannot be reached",
            ErrorCode::InvalidAmount => "Invalid transaction amount",
            ErrorCode::UnitMismatch => "Time unit mismatch",
            ErrorCode::MissingSignature => "Missing webhook signature",
            ErrorCode::SignatureMismatch => "Webhook signature mismatch",
            ErrorCode::StaleTimestamp => "Stale webhook timestamp",
            ErrorCode::UnknownOrg => "Unknown organization",
            ErrorCode::MalformedPayload => "Malformed webhook payload",
            ErrorCode::UnsupportedEvent => "Unsupported webhook payload",
            ErrorCode::TextTooLarge => "Text too large",
            ErrorCode::InvalidLexicon => "Malformed lexicon data",
            ErrorCode::Unauthorized => "Unauthorized",
            ErrorCode::UnrecognisedFile => "Unrecognised file",
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A cxkit error: a stable code, a message naming the field, and where it applies the index of
/// the offending element of the input list.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[error("{message}")]
pub struct Error {
    /// Stable machine-readable code.
    pub code: ErrorCode,
    /// Human-readable message naming the field (and index) at fault.
    pub message: String,
    /// Path of the offending field, for example `responses[3].value` or `options.confidence`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub field: Option<String>,
    /// Index of the offending element of the input list, when the input is a list.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub index: Option<usize>,
}

impl Error {
    /// A new error with a code and message, and no field or index.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error {
            code,
            message: message.into(),
            field: None,
            index: None,
        }
    }

    /// Sets the path of the offending field.
    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Sets the index of the offending element.
    pub fn with_index(mut self, index: usize) -> Self {
        self.index = Some(index);
        self
    }

    /// Shorthand for an [`ErrorCode::InvalidOption`] error on `options.<name>`.
    pub fn option(name: &str, message: impl Into<String>) -> Self {
        Error::new(ErrorCode::InvalidOption, message).with_field(format!("options.{name}"))
    }
}

/// The result type of cxkit.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_through_their_names_and_serde() {
        for code in ErrorCode::ALL {
            assert_eq!(ErrorCode::parse(code.as_str()), Some(code));
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            if code != ErrorCode::Internal {
                assert!(
                    (400..500).contains(&code.http_status()),
                    "{code} must be 4xx"
                );
            }
        }
        assert_eq!(ErrorCode::parse("nope"), None);
        assert_eq!(ErrorCode::Internal.http_status(), 500);
        assert_eq!(ErrorCode::SignatureMismatch.http_status(), 401);
        assert_eq!(ErrorCode::MalformedPayload.http_status(), 400);
        assert_eq!(ErrorCode::PayloadTooLarge.http_status(), 413);
    }

    #[test]
    fn error_serialises_with_camel_case_and_omits_empty_fields() {
        let e = Error::new(
            ErrorCode::ScoreOutOfRange,
            "responses[2]: 11 is outside 0–10",
        )
        .with_field("responses[2]")
        .with_index(2);
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["code"], "score_out_of_range");
        assert_eq!(v["index"], 2);
        assert_eq!(v["field"], "responses[2]");
        let bare = serde_json::to_value(Error::new(ErrorCode::EmptyInput, "x")).unwrap();
        assert!(bare.get("index").is_none());
        assert_eq!(e.to_string(), "responses[2]: 11 is outside 0–10");
    }
}
