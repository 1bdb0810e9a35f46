//! Erlang C / Erlang A staffing (issue 5): not implemented yet.
