//! One input record (a CSV row or a JSON object) as named cells, and the cxkit records read
//! from it.

use chrono::FixedOffset;

use super::fields::{
    self, F, Place, read_channel, read_count, read_direction, read_flag, read_kind, read_language,
    read_number, read_scale, read_speaker, read_time,
};
use crate::error::{ErrorCode, Result};
use crate::model::{Contact, LanguageChoice, Turn};
use crate::survey::{SurveyKind, SurveyResponse};
use crate::text::excerpt;

/// What the records of a file (or one JSON object) are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Contacts; with `surveys`, `csat`/`nps`/`ces` columns also give survey answers about
    /// each contact.
    Contacts { surveys: bool },
    /// Survey answers.
    Surveys,
    /// Transcript turns, grouped by contact id.
    Turns,
}

/// The shape the fields present say, or the one forced by `options.kind`.
pub(crate) fn shape(present: &[F], forced: Option<super::RecordKind>) -> Option<Shape> {
    use super::RecordKind;
    let has = |pred: fn(F) -> bool| present.iter().any(|f| pred(*f));
    let kinds = has(|f| matches!(f, F::Csat | F::Nps | F::Ces));
    match forced {
        Some(RecordKind::Contacts) => return Some(Shape::Contacts { surveys: false }),
        Some(RecordKind::Surveys) => return Some(Shape::Surveys),
        Some(RecordKind::Transcripts) => return Some(Shape::Turns),
        None => {}
    }
    if has(|f| matches!(f, F::Speaker | F::Text)) {
        Some(Shape::Turns)
    } else if has(fields::is_contact_field) {
        Some(Shape::Contacts { surveys: kinds })
    } else if has(fields::is_survey_field) {
        Some(Shape::Surveys)
    } else if has(|f| f == F::Channel) && has(|f| matches!(f, F::Id | F::ContactId)) {
        Some(Shape::Contacts { surveys: false })
    } else {
        None
    }
}

/// One record: its place in the file and its cells (field, column name as written, value).
#[derive(Debug)]
pub(crate) struct Row {
    pub place: Place,
    pub cells: Vec<(F, String, String)>,
}

/// The time zone of local timestamps, and how to read a row.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx {
    pub offset: FixedOffset,
}

impl Row {
    /// The column name and trimmed value of field `f`, when present and not blank.
    fn get(&self, f: F) -> Option<(&str, &str)> {
        self.cells
            .iter()
            .find(|(g, _, v)| *g == f && !v.trim().is_empty())
            .map(|(_, name, v)| (name.as_str(), v.trim()))
    }

    fn text(&self, f: F) -> Option<String> {
        self.get(f).map(|(_, v)| v.to_string())
    }

    fn parse<T>(
        &self,
        f: F,
        read: impl FnOnce(&Place, &str, &str) -> Result<T>,
    ) -> Result<Option<T>> {
        self.get(f)
            .map(|(name, v)| read(&self.place, name, v))
            .transpose()
    }

    fn time(&self, f: F, ctx: Ctx) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
        self.parse(f, |p, n, v| read_time(p, n, v, ctx.offset))
    }

    fn number(&self, f: F) -> Result<Option<f64>> {
        self.parse(f, read_number)
    }

    fn flag(&self, f: F) -> Result<Option<bool>> {
        self.parse(f, read_flag)
    }

    fn missing(&self, what: &str) -> crate::Error {
        self.place
            .record_error(ErrorCode::MissingField, format!("no {what}"))
    }

    /// The contact this row is: `id` (or `contactId`) and `channel` are required; the record is
    /// checked with [`Contact::check`].
    pub fn contact(&self, ctx: Ctx) -> Result<Contact> {
        let id = self
            .text(F::Id)
            .or_else(|| self.text(F::ContactId))
            .ok_or_else(|| self.missing("contact id (id, contact_id, id_contacto …)"))?;
        let channel = self
            .parse(F::Channel, read_channel)?
            .ok_or_else(|| self.missing("channel (channel, canal)"))?;
        let mut c = Contact::new(id, channel);
        c.platform = self.text(F::Platform);
        c.customer_id = self.text(F::CustomerId);
        c.direction = self.parse(F::Direction, read_direction)?;
        c.queue = self.text(F::Queue);
        c.agent_id = self.text(F::AgentId);
        c.started_at = match self.time(F::StartedAt, ctx)? {
            Some(t) => Some(t),
            None => self.time(F::Date, ctx)?,
        };
        c.offered_at = self.time(F::OfferedAt, ctx)?;
        c.answered_at = self.time(F::AnsweredAt, ctx)?;
        c.abandoned_at = self.time(F::AbandonedAt, ctx)?;
        c.ended_at = self.time(F::EndedAt, ctx)?;
        c.queue_wait_s = self.number(F::QueueWaitS)?;
        c.talk_s = self.number(F::TalkS)?;
        c.hold_s = self.number(F::HoldS)?;
        c.acw_s = self.number(F::AcwS)?;
        c.handle_s = self.number(F::HandleS)?;
        c.transfers = self.parse(F::Transfers, read_count)?.unwrap_or(0);
        c.conferences = self.parse(F::Conferences, read_count)?.unwrap_or(0);
        c.escalated = self.flag(F::Escalated)?.unwrap_or(false);
        c.abandoned = self.flag(F::Abandoned)?;
        c.disconnect_reason = self.text(F::DisconnectReason);
        c.reason = self.text(F::Reason);
        c.resolved = self.flag(F::Resolved)?;
        c.partial = self.flag(F::Partial)?.filter(|p| *p);
        c.check(self.place.index).map_err(|mut e| {
            e.message = format!("{}: {}", self.place.record, e.message);
            e
        })?;
        Ok(c)
    }

    /// The survey answers this row holds: one per non-blank `csat`/`nps`/`ces` column (the
    /// column names the kind), else one from `value`/`label` (a value that is not a number is a
    /// label: `muy satisfecho`). With `required`, a row without an answer is `missing_field`.
    /// `contact_id` is the id of the contact the row also describes, if any.
    pub fn surveys(
        &self,
        ctx: Ctx,
        contact_id: Option<&str>,
        required: bool,
    ) -> Result<Vec<SurveyResponse>> {
        let mut base = SurveyResponse {
            id: if contact_id.is_some() {
                None
            } else {
                self.text(F::Id)
            },
            kind: self.parse(F::Kind, read_kind)?,
            scale: self.parse(F::Scale, read_scale)?,
            responded_at: match self.time(F::RespondedAt, ctx)? {
                Some(t) => Some(t),
                None => self.time(F::Date, ctx)?,
            },
            contact_id: contact_id
                .map(str::to_string)
                .or_else(|| self.text(F::ContactId)),
            customer_id: self.text(F::CustomerId),
            agent_id: self.text(F::AgentId),
            queue: self.text(F::Queue),
            channel: self.parse(F::Channel, read_channel)?,
            ..SurveyResponse::default()
        };
        let answer = |r: &mut SurveyResponse, v: &str| match fields::number(v) {
            Some(n) => r.value = Some(n),
            None => r.label = Some(v.to_string()),
        };
        let mut out = Vec::new();
        for (f, kind) in [
            (F::Csat, SurveyKind::Csat),
            (F::Nps, SurveyKind::Nps),
            (F::Ces, SurveyKind::Ces),
        ] {
            if let Some((_, v)) = self.get(f) {
                let mut r = base.clone();
                r.kind = Some(kind);
                answer(&mut r, v);
                out.push(r);
            }
        }
        if out.is_empty() {
            if let Some((name, v)) = self.get(F::Value) {
                match fields::number(v) {
                    Some(n) => base.value = Some(n),
                    // A `score` column is numeric; text there is a label only when no label
                    // column exists.
                    None if self.get(F::Label).is_none() => base.label = Some(v.to_string()),
                    None => {
                        return Err(self.place.error(
                            ErrorCode::InvalidValue,
                            name,
                            format!("\"{}\" is not a number", excerpt(v)),
                        ));
                    }
                }
            }
            if let Some((_, v)) = self.get(F::Label) {
                base.label = Some(v.to_string());
                if base.value.is_none() {
                    answer(&mut base, v);
                }
            }
            if base.value.is_some() || base.label.is_some() {
                out.push(base);
            } else if required {
                return Err(
                    self.missing("answer (value, score, puntuación, label, csat, nps or ces)")
                );
            }
        }
        Ok(out)
    }

    /// The transcript turn this row is, with its contact id and language.
    pub fn turn(&self) -> Result<(Option<String>, Option<LanguageChoice>, Turn)> {
        let speaker = self
            .parse(F::Speaker, read_speaker)?
            .ok_or_else(|| self.missing("speaker (speaker, hablante …)"))?;
        let text = self
            .text(F::Text)
            .ok_or_else(|| self.missing("text (text, message, texto, mensaje …)"))?;
        let mut turn = Turn::new(speaker, text);
        for (f, into) in [
            (F::StartMs, &mut turn.start_ms),
            (F::EndMs, &mut turn.end_ms),
        ] {
            if let Some((name, v)) = self.get(f) {
                let ms = read_number(&self.place, name, v)?;
                if ms < 0.0 {
                    return Err(self.place.error(
                        ErrorCode::InvalidValue,
                        name,
                        format!("{ms} must be ≥ 0 (milliseconds from the start)"),
                    ));
                }
                *into = Some(ms);
            }
        }
        turn.platform_sentiment = self.number(F::Sentiment)?;
        let contact = self.text(F::ContactId).or_else(|| self.text(F::Id));
        Ok((contact, self.parse(F::Language, read_language)?, turn))
    }
}
