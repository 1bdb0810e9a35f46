//! Transcript sentiment in English and Spanish (issue 4): not implemented yet.
