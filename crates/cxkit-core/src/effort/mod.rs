//! Customer effort indicators (issue 5): not implemented yet.
