//! PII redaction (issue 4): not implemented yet.
