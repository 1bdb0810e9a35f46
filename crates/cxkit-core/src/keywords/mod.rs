//! Keyword categories and compliance checks (issue 4): not implemented yet.
