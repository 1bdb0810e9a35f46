//! Operations KPIs (issue 5): not implemented yet.
