//! Lifetime value (issue 5): not implemented yet.
