//! Reading exported files (CSV, JSON, JSON Lines) into cxkit records, so that a page can
//! compute metrics from a file the user drops on it without sending it anywhere.
//!
//! [`parse_records`] takes the text of a file; [`parse_records_bytes`] takes its bytes (UTF-8
//! with or without BOM, UTF-16 with BOM, else Windows-1252 as older spreadsheet exports write).
//!
//! ```
//! use cxkit_core::import::{parse_records, ImportOptions, ImportedKind};
//! let csv = "id_contacto;canal;cola;espera;abandonada\n\
//!            c-1;teléfono;Facturación;12,5;no\n\
//!            c-2;chat;Ventas;40;sí\n";
//! let got = parse_records(csv, &ImportOptions::default()).unwrap();
//! assert_eq!(got.kind, ImportedKind::Contacts);
//! assert_eq!(got.contacts[0].queue_wait_s, Some(12.5));
//! assert_eq!(got.contacts[1].abandoned, Some(true));
//! ```
//!
//! # Formats
//!
//! - **JSON**: an array of records; an object `{contacts, surveys (or responses), transcripts}`
//!   holding arrays (the cxkit vocabulary, camelCase, as in POST bodies); or one record.
//! - **JSON Lines**: one record per line.
//! - **CSV** (RFC 4180): quoted fields with delimiters, line breaks and doubled quotes inside;
//!   CRLF, LF or CR; a UTF-8 BOM; the delimiter `,`, `;`, tab or `|`, whichever occurs most in
//!   the header row (or Excel's `sep=;` first line, or `options.delimiter`). The header row names
//!   the fields (table below); other columns are listed in `ignored`. Rows whose cells are all
//!   blank are skipped.
//!
//! What the records are comes from `options.kind`, else from the fields: `speaker`/`text` →
//! transcript turns; any contact-only field (times, durations, `abandoned` …) → contacts (and
//! `csat`/`nps`/`ces` columns beside them → also one survey answer per contact, `kind:
//! "mixed"`); any survey-only field (`value`, `label`, `kind`, `csat` …) → survey answers;
//! `id` with `channel` → contacts. JSON records are told apart one by one the same way (an
//! object with `turns` is a whole transcript).
//!
//! # Columns
//!
//! Column names (and JSON keys) match case-, accent- and punctuation-insensitively
//! (`Fecha_Inicio` = `fecha inicio` = `fechaInicio`); a suffix `seg`, `sec`, `secs`,
//! `seconds` or `segundos` is dropped when needed (`espera (seg)`).
//!
//! | field | column names |
//! | --- | --- |
//! | `id` | id, response_id, id_respuesta, record_id |
//! | `contactId` | contact_id, id_contacto, contacto, interaction_id, id_interaccion, conversation_id, id_conversacion, call_id, id_llamada, ticket_id |
//! | `customerId` | customer_id, customer, id_cliente, cliente |
//! | `platform` | platform, plataforma |
//! | `channel` | channel, canal |
//! | `direction` | direction, dirección, sentido |
//! | `queue` | queue, queue_name, cola, servicio |
//! | `agentId` | agent_id, agent, agent_name, agente, id_agente, asesor |
//! | (date) | date, datetime, timestamp, time, fecha, fecha_hora: `startedAt` of a contact, `respondedAt` of an answer |
//! | `startedAt` | started_at, start, start_time, start_date, fecha_inicio, inicio, hora_inicio |
//! | `offeredAt` | offered_at, queued_at, enqueued_at, fecha_cola, encolada |
//! | `answeredAt` | answered_at, answer_time, fecha_atencion, atendida_en |
//! | `abandonedAt` | abandoned_at, fecha_abandono, abandonada_en |
//! | `endedAt` | ended_at, end, end_time, end_date, fecha_fin, fin, hora_fin |
//! | `queueWaitS` | queue_wait_s, queue_wait, wait, wait_s, wait_time, espera, espera_s, tiempo_espera, tiempo_de_espera |
//! | `talkS` | talk_s, talk, talk_time, conversación, conversacion_s, tiempo_conversación |
//! | `holdS` | hold_s, hold, hold_time, retención, retencion_s, tiempo_retención |
//! | `acwS` | acw_s, acw, wrap_up, wrap_up_s, wrap_up_time, poscontacto, postllamada, tpl |
//! | `handleS` | handle_s, handle, handle_time, aht, tmo, duración, duracion_s |
//! | `transfers` | transfers, transferencias |
//! | `conferences` | conferences, conferencias |
//! | `escalated` | escalated, escalada, escalado |
//! | `abandoned` | abandoned, abandonada, abandonado |
//! | `disconnectReason` | disconnect_reason, motivo_desconexión |
//! | `reason` | reason, disposition, motivo, tipificación |
//! | `resolved` | resolved, resuelta, resuelto |
//! | `partial` | partial, parcial |
//! | `kind` | kind, survey_type, survey, tipo_encuesta, encuesta |
//! | `scale` | scale, escala (`1-5`, `[0, 10]`, `binary`/`binaria`) |
//! | `value` | value, score, rating, valor, puntuación, valoración, nota (text there is a label) |
//! | `label` | label, answer, respuesta, etiqueta |
//! | `respondedAt` | responded_at, responded, survey_date, fecha_respuesta, fecha_encuesta |
//! | `csat`, `nps`, `ces` | csat, nps, ces: the column names the kind, the cell is the answer |
//! | `speaker` | speaker, role, participant, hablante, interlocutor, rol, participante |
//! | `text` | text, message, utterance, content, texto, mensaje, contenido |
//! | `startMs`, `endMs` | start_ms, offset_ms, inicio_ms; end_ms, fin_ms |
//! | `language` | language, lang, idioma (`en`, `es`, `auto`, `english`, `español` …) |
//! | `platformSentiment` | platform_sentiment, sentiment, sentimiento |
//!
//! # Values
//!
//! - Numbers: `12.5` or `12,5` (decimal comma); with both separators the last one is the
//!   decimal one (`1.234,5`, `1,234.5`).
//! - Yes/no: `true`/`false`, `yes`/`no`, `sí`/`no`, `verdadero`/`falso`, `1`/`0`, `y`/`n`,
//!   `s`/`n`, `x`; blank is unknown.
//! - Timestamps ([`crate::model::parse_time_at`]): RFC 3339, `YYYY-MM-DD HH:MM:SS[.fff]` or
//!   `YYYY-MM-DDTHH:MM:SS` (local time at `options.utcOffsetMinutes`, default UTC), Unix epoch
//!   seconds or milliseconds.
//! - Channels: the wire names and `phone`, `teléfono`, `llamada`, `voz`, `correo`, `WhatsApp`,
//!   `redes sociales`, `videollamada`, `otro` …; speakers: `customer`/`cliente`,
//!   `agent`/`agente`/`asesor`, `bot`/`IVR`, `system`/`sistema`; directions:
//!   `inbound`/`entrante`, `outbound`/`saliente`.
//! - Transcript rows (one per turn) are grouped into one [`Transcript`] per contact id, turns
//!   in file order, transcripts in order of first appearance.
//!
//! # Errors
//!
//! A file that is not text (a PNG, a ZIP/XLSX workbook), an unrelated CSV (no column names a
//! record field) or an unrelated JSON record is `unrecognised_file`; malformed JSON is
//! `invalid_json` with the line and column; an empty file `empty_input`; a missing required
//! column `missing_field`. A bad value names its row and column (`row 7, column started_at:
//! "ayer" is not a timestamp …`, field `started_at`, index of the data row) with the code of
//! the problem (`invalid_timestamp`, `invalid_value`, `timestamp_order` …). With
//! `onInvalid: "skip"`, bad records are left out and counted in `rejected` by code, and the
//! first [`MAX_SKIPPED`] are described in `skipped`.

mod delimited;
mod fields;
mod json;
mod rows;

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::FixedOffset;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode, Result};
use crate::model::{Contact, LanguageChoice, Transcript, Turn};
use crate::survey::{OnInvalid, Rejected, SurveyResponse};
use rows::{Ctx, Row, Shape};

/// How many skipped records `skipped` describes (all are counted in `rejected`).
pub const MAX_SKIPPED: usize = 100;

/// The widest UTC offset accepted, in minutes (±18 h).
const MAX_OFFSET_MINUTES: i32 = 18 * 60;

/// The record types a file can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RecordKind {
    /// [`Contact`] records.
    Contacts,
    /// [`SurveyResponse`] records.
    Surveys,
    /// [`Transcript`]s (or their turns, one per row).
    Transcripts,
}

/// Options of [`parse_records`]. Every field is optional.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ImportOptions {
    /// What the records are; default: told from the columns (see the module documentation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<RecordKind>,
    /// CSV delimiter; default: detected (`,`, `;`, tab or `|`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<char>,
    /// Offset from UTC, in minutes, of timestamps written without one (`2026-11-23 10:00:00`),
    /// −1080..=1080. Default 0 (UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utc_offset_minutes: Option<i32>,
    /// `error` (default): fail on the first bad record; `skip`: leave it out and count it in
    /// `rejected`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_invalid: Option<OnInvalid>,
}

/// The format a file was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileFormat {
    /// Comma- (or `;`, tab, `|`) separated values.
    Csv,
    /// One JSON document.
    Json,
    /// JSON Lines: one record per line.
    Jsonl,
}

/// What a file held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImportedKind {
    /// Contacts only.
    Contacts,
    /// Survey answers only.
    Surveys,
    /// Transcripts only.
    Transcripts,
    /// More than one of them.
    Mixed,
}

/// A record left out with `onInvalid: "skip"`.
pub type SkippedRecord = Error;

/// The records read from a file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportedRecords {
    /// `csv`, `json` or `jsonl`.
    pub format: FileFormat,
    /// `contacts`, `surveys`, `transcripts` or `mixed`.
    pub kind: ImportedKind,
    /// The contacts, in file order.
    pub contacts: Vec<Contact>,
    /// The survey answers, in file order.
    pub surveys: Vec<SurveyResponse>,
    /// The transcripts (turn rows grouped by contact id).
    pub transcripts: Vec<Transcript>,
    /// CSV columns that name no field (or a field an earlier column already names).
    pub ignored: Vec<String>,
    /// Records left out (`onInvalid: "skip"`), by error code.
    pub rejected: Rejected,
    /// The first [`MAX_SKIPPED`] records left out, with the error that rejected each.
    pub skipped: Vec<SkippedRecord>,
}

/// Where the records of a file are collected, with the `onInvalid` policy.
pub(crate) struct Collector {
    ctx: Ctx,
    skip: bool,
    contacts: Vec<Contact>,
    surveys: Vec<SurveyResponse>,
    transcripts: Vec<Transcript>,
    /// Transcripts built from turn rows, by contact id: index into `transcripts`.
    grouped: HashMap<Option<String>, usize>,
    shapes: Vec<Shape>,
    ignored: Vec<String>,
    rejected: Rejected,
    skipped: Vec<Error>,
}

impl Collector {
    /// Counts a bad record (skip) or fails with it (error).
    fn reject(&mut self, e: Error) -> Result<()> {
        if !self.skip {
            return Err(e);
        }
        self.rejected.total += 1;
        *self.rejected.by_reason.entry(e.code).or_insert(0) += 1;
        if self.skipped.len() < MAX_SKIPPED {
            self.skipped.push(e);
        }
        Ok(())
    }

    fn shape(&mut self, s: Shape) {
        if !self.shapes.contains(&s) {
            self.shapes.push(s);
        }
    }

    fn transcript(&mut self, t: Transcript) {
        self.transcripts.push(t);
    }

    fn turn(&mut self, contact: Option<String>, language: Option<LanguageChoice>, turn: Turn) {
        let at = match self.grouped.get(&contact) {
            Some(&i) => i,
            None => {
                let i = self.transcripts.len();
                self.transcripts.push(Transcript {
                    contact_id: contact.clone(),
                    language: None,
                    turns: Vec::new(),
                });
                self.grouped.insert(contact, i);
                i
            }
        };
        if let Some(t) = self.transcripts.get_mut(at) {
            t.language = t.language.or(language);
            t.turns.push(turn);
        }
    }

    /// Reads one row as `shape`: all of the row's records or none.
    fn row(&mut self, row: &Row, shape: Shape) -> Result<()> {
        let ctx = self.ctx;
        let read = match shape {
            Shape::Contacts { surveys } => row.contact(ctx).and_then(|c| {
                let answers = if surveys {
                    row.surveys(ctx, Some(&c.id), false)?
                } else {
                    Vec::new()
                };
                Ok((Some(c), answers, None))
            }),
            Shape::Surveys => row.surveys(ctx, None, true).map(|s| (None, s, None)),
            Shape::Turns => row.turn().map(|t| (None, Vec::new(), Some(t))),
        };
        match read {
            Ok((contact, answers, turn)) => {
                self.contacts.extend(contact);
                self.surveys.extend(answers);
                if let Some((id, language, turn)) = turn {
                    self.turn(id, language, turn);
                }
                Ok(())
            }
            Err(e) => self.reject(e),
        }
    }
}

/// Reads the records of an exported file (see the module documentation).
///
/// ```
/// use cxkit_core::import::{parse_records, FileFormat, ImportOptions, ImportedKind};
/// let jsonl = r#"{"kind": "nps", "value": 9, "respondedAt": "2026-11-23T10:00:00Z"}
/// {"id": "c-1", "channel": "chat", "talkS": 120}"#;
/// let got = parse_records(jsonl, &ImportOptions::default()).unwrap();
/// assert_eq!((got.format, got.kind), (FileFormat::Jsonl, ImportedKind::Mixed));
/// assert_eq!(got.surveys[0].value, Some(9.0));
/// assert_eq!(got.contacts[0].talk_s, Some(120.0));
/// let e = parse_records("colour,size\nred,XL\n", &ImportOptions::default()).unwrap_err();
/// assert_eq!(e.code.as_str(), "unrecognised_file");
/// ```
pub fn parse_records(text: &str, options: &ImportOptions) -> Result<ImportedRecords> {
    let minutes = options.utc_offset_minutes.unwrap_or(0);
    let offset = (minutes.abs() <= MAX_OFFSET_MINUTES)
        .then(|| FixedOffset::east_opt(minutes * 60))
        .flatten()
        .ok_or_else(|| {
            Error::option(
                "utcOffsetMinutes",
                format!(
                    "options.utcOffsetMinutes must be a whole number of minutes from -{MAX_OFFSET_MINUTES} to {MAX_OFFSET_MINUTES}, got {minutes}"
                ),
            )
        })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(what) = binary(text) {
        return Err(Error::new(
            ErrorCode::UnrecognisedFile,
            format!("the file is {what}, not a CSV or JSON text export"),
        ));
    }
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err(Error::new(ErrorCode::EmptyInput, "the file is empty"));
    }
    let mut out = Collector {
        ctx: Ctx { offset },
        skip: options.on_invalid == Some(OnInvalid::Skip),
        contacts: Vec::new(),
        surveys: Vec::new(),
        transcripts: Vec::new(),
        grouped: HashMap::new(),
        shapes: Vec::new(),
        ignored: Vec::new(),
        rejected: Rejected::default(),
        skipped: Vec::new(),
    };
    let format = if trimmed.starts_with('{') || trimmed.starts_with('[') {
        json::read(trimmed, options, &mut out)?
    } else {
        delimited::read(text, options, &mut out)?;
        FileFormat::Csv
    };
    let mut kinds = Vec::new();
    for s in &out.shapes {
        let k = match s {
            Shape::Contacts { surveys: true } => ImportedKind::Mixed,
            Shape::Contacts { surveys: false } => ImportedKind::Contacts,
            Shape::Surveys => ImportedKind::Surveys,
            Shape::Turns => ImportedKind::Transcripts,
        };
        if !kinds.contains(&k) {
            kinds.push(k);
        }
    }
    if !out.transcripts.is_empty() && !kinds.contains(&ImportedKind::Transcripts) {
        kinds.push(ImportedKind::Transcripts);
    }
    let kind = match kinds.as_slice() {
        [one] => *one,
        [] if format != FileFormat::Csv && out.rejected.total > 0 => ImportedKind::Mixed,
        [] => {
            return Err(Error::new(
                ErrorCode::EmptyInput,
                "the file holds no records",
            ));
        }
        _ => ImportedKind::Mixed,
    };
    // Check transcripts built from rows the way the text functions will.
    for (i, t) in out.transcripts.iter().enumerate() {
        t.validate().map_err(|e| {
            let mut e = e.with_index(i);
            e.message = format!("transcripts[{i}]: {}", e.message);
            e
        })?;
    }
    Ok(ImportedRecords {
        format,
        kind,
        contacts: out.contacts,
        surveys: out.surveys,
        transcripts: out.transcripts,
        ignored: out.ignored,
        rejected: out.rejected,
        skipped: out.skipped,
    })
}

/// [`parse_records`] over the bytes of a file: UTF-8 (BOM optional), UTF-16 LE/BE with a BOM,
/// or, when the bytes are not UTF-8, Windows-1252 (what older spreadsheet exports write).
///
/// ```
/// use cxkit_core::import::{parse_records_bytes, ImportOptions};
/// // "cola" = "Facturación" in Windows-1252 (ó = 0xF3).
/// let bytes = b"id;canal;cola\nc-1;voz;Facturaci\xf3n\n";
/// let got = parse_records_bytes(bytes, &ImportOptions::default()).unwrap();
/// assert_eq!(got.contacts[0].queue.as_deref(), Some("Facturación"));
/// ```
pub fn parse_records_bytes(bytes: &[u8], options: &ImportOptions) -> Result<ImportedRecords> {
    parse_records(&decode(bytes), options)
}

/// The text of a file's bytes (see [`parse_records_bytes`]).
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    let utf16 = |rest: &[u8], be: bool| -> Cow<'_, str> {
        let units = rest.chunks(2).map(|c| match c {
            [a, b] if be => u16::from_be_bytes([*a, *b]),
            [a, b] => u16::from_le_bytes([*a, *b]),
            _ => 0xFFFD,
        });
        Cow::Owned(
            char::decode_utf16(units)
                .map(|c| c.unwrap_or('\u{FFFD}'))
                .collect(),
        )
    };
    match bytes {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, false),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, true),
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8_lossy(rest),
        _ => match std::str::from_utf8(bytes) {
            Ok(s) => Cow::Borrowed(s),
            Err(_) if bytes.contains(&0) => String::from_utf8_lossy(bytes),
            Err(_) => Cow::Owned(bytes.iter().map(|b| windows_1252(*b)).collect()),
        },
    }
}

/// A Windows-1252 byte as a character (0x80–0x9F differ from Latin-1).
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH
            .get(usize::from(b - 0x80))
            .copied()
            .unwrap_or('\u{FFFD}'),
        _ => char::from(b),
    }
}

/// What a text that is not a text file looks like, if it looks like one of those.
fn binary(text: &str) -> Option<&'static str> {
    let head: String = text.chars().take(8).collect();
    if head.contains("PNG") && (head.starts_with('\u{89}') || head.starts_with('\u{FFFD}')) {
        return Some("a PNG image");
    }
    if head.starts_with("PK\u{3}\u{4}") {
        return Some("a ZIP archive or an Excel workbook (.xlsx: save it as CSV)");
    }
    if head.starts_with("%PDF") {
        return Some("a PDF document");
    }
    let (mut n, mut odd) = (0usize, 0usize);
    for c in text.chars().take(4096) {
        n += 1;
        if c == '\0' {
            return Some("binary data");
        }
        if (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}')) || c == '\u{FFFD}' {
            odd += 1;
        }
    }
    (odd * 20 > n).then_some("binary data")
}
