//! CSV (RFC 4180) files: the delimiter, the header row mapped to record fields, the data rows.
//!
//! Fields are split by the `csv` crate (quoted fields with embedded delimiters, newlines and
//! doubled quotes; CRLF, LF or CR line ends; blank lines skipped; rows of any length).

use super::fields::{self, F, Place};
use super::rows::{Row, Shape};
use super::{Collector, ImportOptions};
use crate::error::{Error, ErrorCode, Result};
use crate::text::excerpt;

/// The delimiters detected, in order of preference on a tie.
const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// The delimiter of `text`: the one of `,` `;` tab `|` that occurs most often outside quotes in
/// the first line (`,` when none does), and whether the first line is Excel's `sep=X` hint
/// (then that is the delimiter and the line is not the header).
fn detect(text: &str) -> (u8, bool) {
    let first = text.lines().next().unwrap_or_default();
    if let Some(hint) = first.trim().strip_prefix("sep=")
        && let [d] = hint.as_bytes()
    {
        return (*d, true);
    }
    let mut counts = [0usize; DELIMITERS.len()];
    let mut quoted = false;
    for b in first.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted
            && let Some(c) = DELIMITERS
                .iter()
                .position(|d| *d == b)
                .and_then(|i| counts.get_mut(i))
        {
            *c += 1;
        }
    }
    let best = counts.iter().enumerate().fold(
        (0, 0),
        |(bi, bc), (i, c)| if *c > bc { (i, *c) } else { (bi, bc) },
    );
    (DELIMITERS.get(best.0).copied().unwrap_or(b','), false)
}

/// Every field name a column may carry, for the `unrecognised_file` message.
fn expected() -> String {
    fields::ALIASES
        .iter()
        .map(|(f, names)| {
            let first = names.get(1).copied().unwrap_or_default();
            if first.is_empty() {
                fields::wire_name(*f).to_string()
            } else {
                format!("{} ({first} …)", fields::wire_name(*f))
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads a CSV file into `out`.
pub(crate) fn read(text: &str, options: &ImportOptions, out: &mut Collector) -> Result<()> {
    let (detected, hint_line) = detect(text);
    let delimiter = match options.delimiter {
        Some(d) => u8::try_from(d)
            .ok()
            .filter(|b| b.is_ascii() && !matches!(b, b'"' | b'\n' | b'\r'))
            .ok_or_else(|| {
                Error::option(
                    "delimiter",
                    format!("options.delimiter must be one ASCII character other than a quote or line end, got {d:?}"),
                )
            })?,
        None => detected,
    };
    let body = if hint_line {
        text.split_once('\n').map_or("", |(_, rest)| rest)
    } else {
        text
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(body.as_bytes());
    let line_base = usize::from(hint_line);
    let mut records = reader.records();

    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(csv_error(&e, line_base)),
        None => return Err(Error::new(ErrorCode::EmptyInput, "the file is empty")),
    };
    let columns: Vec<(Option<F>, String)> = header
        .iter()
        .map(|name| (fields::field_of(name), name.trim().to_string()))
        .collect();
    // The first column naming a field wins; later ones are ignored.
    let mut present: Vec<F> = Vec::new();
    let mut mapped: Vec<Option<F>> = Vec::with_capacity(columns.len());
    for (f, name) in &columns {
        match f {
            Some(f) if !present.contains(f) => {
                present.push(*f);
                mapped.push(Some(*f));
            }
            _ => {
                mapped.push(None);
                out.ignored.push(name.clone());
            }
        }
    }
    let Some(shape) = super::rows::shape(&present, options.kind) else {
        let found: Vec<String> = columns.iter().take(12).map(|(_, n)| excerpt(n)).collect();
        return Err(Error::new(
            ErrorCode::UnrecognisedFile,
            format!(
                "no column names a record field: expected one of {}; the first row has: {}",
                expected(),
                found.join(", ")
            ),
        ));
    };
    let need = |fs: &[F], what: &str| -> Result<()> {
        if fs.iter().any(|f| present.contains(f)) {
            Ok(())
        } else {
            Err(Error::new(
                ErrorCode::MissingField,
                format!("the file has no {what} column"),
            )
            .with_field(what.split(' ').next().unwrap_or(what).to_string()))
        }
    };
    match shape {
        Shape::Contacts { .. } => {
            need(&[F::Id, F::ContactId], "id (contact_id, id_contacto …)")?;
            need(&[F::Channel], "channel (canal)")?;
        }
        Shape::Surveys => need(
            &[F::Value, F::Label, F::Csat, F::Nps, F::Ces],
            "value (score, puntuación, label, csat, nps, ces …)",
        )?,
        Shape::Turns => {
            need(&[F::Speaker], "speaker (hablante …)")?;
            need(&[F::Text], "text (texto, mensaje …)")?;
        }
    }
    out.shape(shape);

    let mut index = 0usize;
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => return Err(csv_error(&e, line_base)),
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue; // `;;;;` rows that spreadsheets leave at the end
        }
        let row_number = index + 2;
        let line = record.position().map_or(0, |p| p.line() as usize) + line_base;
        let record_name = if line == row_number || line == 0 {
            format!("row {row_number}")
        } else {
            format!("row {row_number} (line {line})")
        };
        let row = Row {
            place: Place {
                record: record_name,
                index,
                csv: true,
            },
            cells: mapped
                .iter()
                .zip(columns.iter())
                .zip(record.iter())
                .filter_map(|((f, (_, name)), v)| f.map(|f| (f, name.clone(), v.to_string())))
                .collect(),
        };
        out.row(&row, shape)?;
        index += 1;
    }
    Ok(())
}

fn csv_error(e: &csv::Error, line_base: usize) -> Error {
    let line = e.position().map_or(0, |p| p.line() as usize) + line_base;
    Error::new(
        ErrorCode::UnrecognisedFile,
        format!("line {line}: the file is not readable as CSV ({e})"),
    )
}
