//! The column/field vocabulary of imported files (the alias table of the module documentation)
//! and the readers of cell values: numbers with a decimal point or comma, flags in English and
//! Spanish, timestamps, channels, speakers.

use chrono::{DateTime, FixedOffset, Utc};

use crate::error::{Error, ErrorCode, Result};
use crate::model::{Channel, Direction, LanguageChoice, Speaker, parse_time_at};
use crate::survey::{Scale, SurveyKind};
use crate::text::{excerpt, fold};

/// A record field an input column can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum F {
    Id,
    ContactId,
    CustomerId,
    Platform,
    Channel,
    Direction,
    Queue,
    AgentId,
    Date,
    StartedAt,
    OfferedAt,
    AnsweredAt,
    AbandonedAt,
    EndedAt,
    QueueWaitS,
    TalkS,
    HoldS,
    AcwS,
    HandleS,
    Transfers,
    Conferences,
    Escalated,
    Abandoned,
    DisconnectReason,
    Reason,
    Resolved,
    Partial,
    Kind,
    Scale,
    Value,
    Label,
    RespondedAt,
    Csat,
    Nps,
    Ces,
    Speaker,
    Text,
    StartMs,
    EndMs,
    Language,
    Sentiment,
}

/// Every field with the column names that mean it, folded (lower case, no accents, no spaces,
/// underscores or hyphens: `Fecha_Inicio`, `fecha inicio` and `fechaInicio` are `fechainicio`).
/// The first name is the cxkit wire name. Keep in step with the table in `mod.rs` and README.
pub(crate) const ALIASES: &[(F, &[&str])] = &[
    (F::Id, &["id", "responseid", "idrespuesta", "recordid"]),
    (
        F::ContactId,
        &[
            "contactid",
            "idcontacto",
            "contacto",
            "interactionid",
            "idinteraccion",
            "conversationid",
            "idconversacion",
            "callid",
            "idllamada",
            "ticketid",
        ],
    ),
    (
        F::CustomerId,
        &["customerid", "customer", "idcliente", "cliente"],
    ),
    (F::Platform, &["platform", "plataforma"]),
    (F::Channel, &["channel", "canal"]),
    (F::Direction, &["direction", "direccion", "sentido"]),
    (F::Queue, &["queue", "queuename", "cola", "servicio"]),
    (
        F::AgentId,
        &[
            "agentid",
            "agent",
            "agentname",
            "agente",
            "idagente",
            "asesor",
        ],
    ),
    (
        F::Date,
        &[
            "date",
            "datetime",
            "timestamp",
            "time",
            "fecha",
            "fechahora",
        ],
    ),
    (
        F::StartedAt,
        &[
            "startedat",
            "start",
            "starttime",
            "startdate",
            "fechainicio",
            "inicio",
            "horainicio",
        ],
    ),
    (
        F::OfferedAt,
        &[
            "offeredat",
            "queuedat",
            "enqueuedat",
            "fechacola",
            "encolada",
        ],
    ),
    (
        F::AnsweredAt,
        &["answeredat", "answertime", "fechaatencion", "atendidaen"],
    ),
    (
        F::AbandonedAt,
        &["abandonedat", "fechaabandono", "abandonadaen"],
    ),
    (
        F::EndedAt,
        &[
            "endedat", "end", "endtime", "enddate", "fechafin", "fin", "horafin",
        ],
    ),
    (
        F::QueueWaitS,
        &[
            "queuewaits",
            "queuewait",
            "wait",
            "waits",
            "waittime",
            "espera",
            "esperas",
            "tiempoespera",
            "tiempodeespera",
        ],
    ),
    (
        F::TalkS,
        &[
            "talks",
            "talk",
            "talktime",
            "conversacion",
            "conversacions",
            "tiempoconversacion",
        ],
    ),
    (
        F::HoldS,
        &[
            "holds",
            "hold",
            "holdtime",
            "retencion",
            "retencions",
            "tiemporetencion",
        ],
    ),
    (
        F::AcwS,
        &[
            "acws",
            "acw",
            "wrapup",
            "wrapups",
            "wrapuptime",
            "poscontacto",
            "postllamada",
            "tpl",
        ],
    ),
    (
        F::HandleS,
        &[
            "handles",
            "handle",
            "handletime",
            "aht",
            "tmo",
            "duracion",
            "duracions",
        ],
    ),
    (F::Transfers, &["transfers", "transferencias"]),
    (F::Conferences, &["conferences", "conferencias"]),
    (F::Escalated, &["escalated", "escalada", "escalado"]),
    (F::Abandoned, &["abandoned", "abandonada", "abandonado"]),
    (
        F::DisconnectReason,
        &["disconnectreason", "motivodesconexion"],
    ),
    (
        F::Reason,
        &["reason", "disposition", "motivo", "tipificacion"],
    ),
    (F::Resolved, &["resolved", "resuelta", "resuelto"]),
    (F::Partial, &["partial", "parcial"]),
    (
        F::Kind,
        &["kind", "surveytype", "survey", "tipoencuesta", "encuesta"],
    ),
    (F::Scale, &["scale", "escala"]),
    (
        F::Value,
        &[
            "value",
            "score",
            "rating",
            "valor",
            "puntuacion",
            "valoracion",
            "nota",
        ],
    ),
    (F::Label, &["label", "answer", "respuesta", "etiqueta"]),
    (
        F::RespondedAt,
        &[
            "respondedat",
            "responded",
            "surveydate",
            "fecharespuesta",
            "fechaencuesta",
        ],
    ),
    (F::Csat, &["csat"]),
    (F::Nps, &["nps"]),
    (F::Ces, &["ces"]),
    (
        F::Speaker,
        &[
            "speaker",
            "role",
            "participant",
            "hablante",
            "interlocutor",
            "rol",
            "participante",
        ],
    ),
    (
        F::Text,
        &[
            "text",
            "message",
            "utterance",
            "content",
            "texto",
            "mensaje",
            "contenido",
        ],
    ),
    (F::StartMs, &["startms", "offsetms", "inicioms"]),
    (F::EndMs, &["endms", "finms"]),
    (F::Language, &["language", "lang", "idioma"]),
    (
        F::Sentiment,
        &["platformsentiment", "sentiment", "sentimiento"],
    ),
];

/// Column-name suffixes naming a unit of seconds, dropped when the name itself is not an alias
/// (`espera (seg)`, `talk_seconds`).
const SECONDS_SUFFIXES: [&str; 5] = ["segundos", "seconds", "secs", "sec", "seg"];

/// A column name folded for lookup.
pub(crate) fn key(name: &str) -> String {
    fold(name).replace(' ', "")
}

/// The field a column (or JSON key) names, if any.
pub(crate) fn field_of(name: &str) -> Option<F> {
    let k = key(name);
    let find = |k: &str| {
        ALIASES
            .iter()
            .find(|(_, names)| names.contains(&k))
            .map(|(f, _)| *f)
    };
    find(&k).or_else(|| {
        SECONDS_SUFFIXES
            .iter()
            .find_map(|s| k.strip_suffix(s).filter(|b| !b.is_empty()))
            .and_then(find)
    })
}

/// The cxkit wire name of a field (the first alias is its folded form; this is the camelCase).
pub(crate) fn wire_name(f: F) -> &'static str {
    match f {
        F::Id => "id",
        F::ContactId => "contactId",
        F::CustomerId => "customerId",
        F::Platform => "platform",
        F::Channel => "channel",
        F::Direction => "direction",
        F::Queue => "queue",
        F::AgentId => "agentId",
        F::Date => "date",
        F::StartedAt => "startedAt",
        F::OfferedAt => "offeredAt",
        F::AnsweredAt => "answeredAt",
        F::AbandonedAt => "abandonedAt",
        F::EndedAt => "endedAt",
        F::QueueWaitS => "queueWaitS",
        F::TalkS => "talkS",
        F::HoldS => "holdS",
        F::AcwS => "acwS",
        F::HandleS => "handleS",
        F::Transfers => "transfers",
        F::Conferences => "conferences",
        F::Escalated => "escalated",
        F::Abandoned => "abandoned",
        F::DisconnectReason => "disconnectReason",
        F::Reason => "reason",
        F::Resolved => "resolved",
        F::Partial => "partial",
        F::Kind => "kind",
        F::Scale => "scale",
        F::Value => "value",
        F::Label => "label",
        F::RespondedAt => "respondedAt",
        F::Csat => "csat",
        F::Nps => "nps",
        F::Ces => "ces",
        F::Speaker => "speaker",
        F::Text => "text",
        F::StartMs => "startMs",
        F::EndMs => "endMs",
        F::Language => "language",
        F::Sentiment => "platformSentiment",
    }
}

/// Fields only surveys have.
pub(crate) fn is_survey_field(f: F) -> bool {
    matches!(
        f,
        F::Kind | F::Scale | F::Value | F::Label | F::RespondedAt | F::Csat | F::Nps | F::Ces
    )
}

/// Fields only contacts have.
pub(crate) fn is_contact_field(f: F) -> bool {
    matches!(
        f,
        F::Platform
            | F::Direction
            | F::StartedAt
            | F::OfferedAt
            | F::AnsweredAt
            | F::AbandonedAt
            | F::EndedAt
            | F::QueueWaitS
            | F::TalkS
            | F::HoldS
            | F::AcwS
            | F::HandleS
            | F::Transfers
            | F::Conferences
            | F::Escalated
            | F::Abandoned
            | F::DisconnectReason
            | F::Reason
            | F::Resolved
            | F::Partial
    )
}

/// Where a value sits, for messages: `row 7, column started_at` or `records[3].startedAt`.
#[derive(Debug, Clone)]
pub(crate) struct Place {
    /// The message prefix of the record: `row 7` or `records[3]` or `line 4`.
    pub record: String,
    /// Index of the record among the data records (0-based).
    pub index: usize,
    /// `true` for CSV (`row 7, column x`), `false` for JSON (`records[3].x`).
    pub csv: bool,
}

impl Place {
    /// The message prefix for a value in column/key `name`.
    pub fn at(&self, name: &str) -> String {
        if self.csv {
            format!("{}, column {name}", self.record)
        } else {
            format!("{}.{name}", self.record)
        }
    }

    /// An error about column/key `name` of this record.
    pub fn error(&self, code: ErrorCode, name: &str, what: String) -> Error {
        Error::new(code, format!("{}: {what}", self.at(name)))
            .with_field(name.to_string())
            .with_index(self.index)
    }

    /// An error about the record as a whole.
    pub fn record_error(&self, code: ErrorCode, what: String) -> Error {
        Error::new(code, format!("{}: {what}", self.record)).with_index(self.index)
    }
}

/// A number as written in a spreadsheet: `12`, `12.5`, `12,5` (decimal comma), `1.234,5` or
/// `1,234.5` (the last separator is the decimal one, the other groups thousands).
pub(crate) fn number(s: &str) -> Option<f64> {
    let s = s.trim();
    let normal = match (s.rfind(','), s.rfind('.')) {
        (Some(c), Some(d)) if c > d => s.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => s.replace(',', ""),
        (Some(_), None) => s.replace(',', "."),
        _ => s.to_string(),
    };
    // Only plain decimal notation: "inf", "NaN" and the like are not numbers here.
    if !normal
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
    {
        return None;
    }
    normal.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Reads a number, or `invalid_value` naming the place.
pub(crate) fn read_number(p: &Place, name: &str, s: &str) -> Result<f64> {
    number(s).ok_or_else(|| {
        p.error(
            ErrorCode::InvalidValue,
            name,
            format!("\"{}\" is not a number", excerpt(s)),
        )
    })
}

/// Reads a whole number ≥ 0 (counts).
pub(crate) fn read_count(p: &Place, name: &str, s: &str) -> Result<u32> {
    let v = read_number(p, name, s)?;
    if v.fract() != 0.0 || !(0.0..=f64::from(u32::MAX)).contains(&v) {
        return Err(p.error(
            ErrorCode::InvalidValue,
            name,
            format!("\"{}\" is not a whole number ≥ 0", excerpt(s)),
        ));
    }
    Ok(v as u32)
}

/// Reads a yes/no value: `true`/`false`, `yes`/`no`, `sí`/`no`, `verdadero`/`falso`, `1`/`0`,
/// `y`/`n`, `s`/`n`, `x` (yes), any case.
pub(crate) fn read_flag(p: &Place, name: &str, s: &str) -> Result<bool> {
    match key(s).as_str() {
        "true" | "yes" | "y" | "si" | "s" | "1" | "verdadero" | "x" => Ok(true),
        "false" | "no" | "n" | "0" | "falso" => Ok(false),
        _ => Err(p.error(
            ErrorCode::InvalidValue,
            name,
            format!(
                "\"{}\" is not a yes/no value (true/false, yes/no, sí/no, 1/0)",
                excerpt(s)
            ),
        )),
    }
}

/// Reads a timestamp (see [`crate::model::parse_time`]), local times at `offset`.
pub(crate) fn read_time(
    p: &Place,
    name: &str,
    s: &str,
    offset: FixedOffset,
) -> Result<DateTime<Utc>> {
    parse_time_at(s, offset).ok_or_else(|| {
        p.error(
            ErrorCode::InvalidTimestamp,
            name,
            format!(
                "\"{}\" is not a timestamp (expected RFC 3339, YYYY-MM-DD HH:MM:SS or Unix epoch seconds or milliseconds)",
                excerpt(s)
            ),
        )
    })
}

/// Reads a channel: the wire names and English/Spanish words (`phone`, `teléfono`, `voz`,
/// `correo`, `WhatsApp` …).
pub(crate) fn read_channel(p: &Place, name: &str, s: &str) -> Result<Channel> {
    let k = key(s);
    Channel::parse(&k)
        .or(match k.as_str() {
            "phone" | "call" | "telephone" | "telefono" | "llamada" | "voz" => Some(Channel::Voice),
            "webchat" | "livechat" => Some(Channel::Chat),
            "mail" | "correo" | "correoelectronico" => Some(Channel::Email),
            "text" | "mensajedetexto" => Some(Channel::Sms),
            "socialmedia" | "redessociales" | "redsocial" => Some(Channel::Social),
            "whatsapp" | "messenger" | "mensajeria" => Some(Channel::Messaging),
            "videocall" | "videollamada" => Some(Channel::Video),
            "otro" | "otros" => Some(Channel::Other),
            _ => None,
        })
        .ok_or_else(|| {
            p.error(
                ErrorCode::InvalidValue,
                name,
                format!(
                    "\"{}\" is not a channel (one of {}, or teléfono, correo, WhatsApp …)",
                    excerpt(s),
                    Channel::ALL.map(Channel::as_str).join(", ")
                ),
            )
        })
}

/// Reads a direction: `inbound`/`entrante`/`entrada`, `outbound`/`saliente`/`salida`.
pub(crate) fn read_direction(p: &Place, name: &str, s: &str) -> Result<Direction> {
    match key(s).as_str() {
        "inbound" | "in" | "entrante" | "entrada" => Ok(Direction::Inbound),
        "outbound" | "out" | "saliente" | "salida" => Ok(Direction::Outbound),
        _ => Err(p.error(
            ErrorCode::InvalidValue,
            name,
            format!(
                "\"{}\" is not a direction (inbound/entrante or outbound/saliente)",
                excerpt(s)
            ),
        )),
    }
}

/// Reads a speaker: `customer`/`cliente`, `agent`/`agente`, `bot`/`IVR`, `system`/`sistema`.
pub(crate) fn read_speaker(p: &Place, name: &str, s: &str) -> Result<Speaker> {
    let k = key(s);
    Speaker::parse(&k)
        .or(match k.as_str() {
            "cliente" | "client" | "caller" | "user" | "usuario" | "visitor" | "visitante" => {
                Some(Speaker::Customer)
            }
            "agente" | "asesor" | "operator" | "operador" | "representative" => {
                Some(Speaker::Agent)
            }
            "ivr" | "virtualagent" | "assistant" | "asistente" | "asistentevirtual" => {
                Some(Speaker::Bot)
            }
            "sistema" => Some(Speaker::System),
            _ => None,
        })
        .ok_or_else(|| {
            p.error(
                ErrorCode::InvalidValue,
                name,
                format!(
                    "\"{}\" is not a speaker (customer/cliente, agent/agente, bot, system/sistema)",
                    excerpt(s)
                ),
            )
        })
}

/// Reads a survey kind (`csat`, `nps`, `ces`, any case).
pub(crate) fn read_kind(p: &Place, name: &str, s: &str) -> Result<SurveyKind> {
    SurveyKind::parse(&key(s)).ok_or_else(|| {
        p.error(
            ErrorCode::InvalidValue,
            name,
            format!("\"{}\" is not a survey kind (csat, nps or ces)", excerpt(s)),
        )
    })
}

/// Reads a scale: `1-5`, `1–5`, `[1, 5]`, `1..5`, `binary`/`binaria`.
pub(crate) fn read_scale(p: &Place, name: &str, s: &str) -> Result<Scale> {
    let bad = || {
        p.error(
            ErrorCode::InvalidValue,
            name,
            format!("\"{}\" is not a scale (1-5, [0, 10] or binary)", excerpt(s)),
        )
    };
    if matches!(key(s).as_str(), "binary" | "binaria" | "binario") {
        return Ok(Scale::Binary);
    }
    let inner = s.trim().trim_start_matches('[').trim_end_matches(']');
    // The separator: the first of `..`, `–`, `,`, `;` or a `-` after the first character (so
    // a negative minimum still reads).
    let cut = ["..", "–", ",", ";"]
        .iter()
        .find_map(|sep| inner.find(sep).map(|i| (i, sep.len())))
        .or_else(|| {
            inner
                .char_indices()
                .skip(1)
                .find(|(_, c)| *c == '-')
                .map(|(i, _)| (i, 1))
        })
        .ok_or_else(bad)?;
    let (lo, hi) = (
        inner.get(..cut.0).ok_or_else(bad)?,
        inner.get(cut.0 + cut.1..).ok_or_else(bad)?,
    );
    let whole = |t: &str| {
        t.trim()
            .parse::<i32>()
            .ok()
            .filter(|v| v.abs() <= 1_000_000)
    };
    match (whole(lo), whole(hi)) {
        (Some(min), Some(max)) if min < max && max - min <= Scale::MAX_SPAN => {
            Ok(Scale::range(min, max))
        }
        _ => Err(bad()),
    }
}

/// Reads a transcript language (`en`, `es`, `auto`; also `english`, `español` …).
pub(crate) fn read_language(p: &Place, name: &str, s: &str) -> Result<LanguageChoice> {
    match key(s).as_str() {
        "en" | "english" | "ingles" | "enus" | "engb" => Ok(LanguageChoice::En),
        "es" | "spanish" | "espanol" | "eses" | "esmx" | "castellano" => Ok(LanguageChoice::Es),
        "auto" => Ok(LanguageChoice::Auto),
        _ => Err(p.error(
            ErrorCode::InvalidValue,
            name,
            format!("\"{}\" is not a language (en, es or auto)", excerpt(s)),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> Place {
        Place {
            record: "row 2".into(),
            index: 0,
            csv: true,
        }
    }

    #[test]
    fn columns_fold_to_fields() {
        for (name, f) in [
            ("contact_id", F::ContactId),
            ("contactId", F::ContactId),
            ("ID Contacto", F::ContactId),
            ("id", F::Id),
            ("Puntuación", F::Value),
            ("VALORACIÓN", F::Value),
            ("fecha_inicio", F::StartedAt),
            ("queue_wait_s", F::QueueWaitS),
            ("Espera (seg)", F::QueueWaitS),
            ("talk_seconds", F::TalkS),
            ("agente", F::AgentId),
            ("Cola", F::Queue),
            ("abandonada", F::Abandoned),
            ("NPS", F::Nps),
        ] {
            assert_eq!(field_of(name), Some(f), "{name}");
        }
        assert_eq!(field_of("colour"), None);
        assert_eq!(field_of("s"), None);
        // Every alias is in folded form and names one field only.
        let mut seen = std::collections::HashMap::new();
        for (f, names) in ALIASES {
            for n in *names {
                assert_eq!(key(n), *n);
                assert_eq!(seen.insert(*n, *f), None, "{n} twice");
            }
            assert_eq!(key(wire_name(*f)), names[0], "{f:?}");
        }
    }

    #[test]
    fn numbers_flags_and_scales() {
        assert_eq!(number("12,5"), Some(12.5));
        assert_eq!(number(" 12.5 "), Some(12.5));
        assert_eq!(number("1.234,5"), Some(1234.5));
        assert_eq!(number("1,234.5"), Some(1234.5));
        assert_eq!(number("-3"), Some(-3.0));
        for bad in ["", "inf", "NaN", "1e999", "abc", "12 s"] {
            assert_eq!(number(bad), None, "{bad}");
        }
        assert!(read_flag(&p(), "x", "Sí").unwrap());
        assert!(!read_flag(&p(), "x", "NO").unwrap());
        let e = read_flag(&p(), "abandonada", "quizá").unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidValue);
        assert!(
            e.message.starts_with("row 2, column abandonada: "),
            "{}",
            e.message
        );
        assert_eq!(read_scale(&p(), "s", "1-5").unwrap(), Scale::range(1, 5));
        assert_eq!(
            read_scale(&p(), "s", "[0, 10]").unwrap(),
            Scale::range(0, 10)
        );
        assert_eq!(read_scale(&p(), "s", "1–7").unwrap(), Scale::range(1, 7));
        assert_eq!(read_scale(&p(), "s", "-2..2").unwrap(), Scale::range(-2, 2));
        assert_eq!(read_scale(&p(), "s", "Binaria").unwrap(), Scale::Binary);
        for bad in ["5-1", "1", "a-b", "", "0-1000"] {
            assert!(read_scale(&p(), "s", bad).is_err(), "{bad}");
        }
        assert_eq!(read_channel(&p(), "c", "Teléfono").unwrap(), Channel::Voice);
        assert_eq!(
            read_channel(&p(), "c", "WhatsApp").unwrap(),
            Channel::Messaging
        );
        assert_eq!(
            read_speaker(&p(), "s", "Cliente").unwrap(),
            Speaker::Customer
        );
        assert_eq!(read_count(&p(), "t", "2").unwrap(), 2);
        assert!(read_count(&p(), "t", "2,5").is_err());
        assert!(read_count(&p(), "t", "-1").is_err());
    }
}
