//! Constructors of the adapters' errors, so that every message has the same shape: what is
//! wrong, with the field or header that is at fault in [`Error::field`].

use cxkit_core::{Error, ErrorCode};

/// `malformed_payload` on a body field.
pub fn malformed(field: impl Into<String>, message: impl Into<String>) -> Error {
    Error::new(ErrorCode::MalformedPayload, message).with_field(field)
}

/// `missing_signature`: the header the configured secret needs is absent.
pub fn missing_signature(header: &str, what: &str) -> Error {
    Error::new(
        ErrorCode::MissingSignature,
        format!("the {header} header is missing; a secret is configured, so {what} must carry it"),
    )
    .with_field(format!("headers.{header}"))
}

/// `signature_mismatch` on a header.
pub fn mismatch(header: &str, message: impl Into<String>) -> Error {
    Error::new(ErrorCode::SignatureMismatch, message).with_field(format!("headers.{header}"))
}

/// `unsupported_event`: a body whose shape the adapter does not read.
pub fn unsupported(message: impl Into<String>) -> Error {
    Error::new(ErrorCode::UnsupportedEvent, message).with_field("body")
}

/// `invalid_option` on `options.<name>`.
pub fn option(name: &str, message: impl Into<String>) -> Error {
    Error::option(name, message)
}
