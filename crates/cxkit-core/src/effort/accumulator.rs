//! The effort accumulator: journeys need every contact of a customer, so its state is the
//! contacts themselves (merged by `platform` + `id`) and the answers, not counts.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::engine::{Answers, compute};
use super::options::{Config, EffortOptions};
use super::results::EffortReport;
use crate::error::{Error, ErrorCode, Result};
use crate::model::Contact;
use crate::survey::{
    OnInvalid, Rejected, Scale, SurveyAccumulator, SurveyInput, SurveyKind, SurveyOptions,
    SurveyResponse,
};
use crate::text::excerpt;

/// Identifier of the serialised state format. Bumped on any incompatible change.
pub const STATE_FORMAT: &str = "cxkit.effort.v1";

/// A CES answer joined to its contact, in an [`EffortState`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CesPoint {
    /// The contact.
    pub contact_id: String,
    /// The answer on the CES scale.
    pub value: f64,
}

/// An FCR survey answer joined to its contact, in an [`EffortState`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FcrPoint {
    /// The contact.
    pub contact_id: String,
    /// Whether the customer said the issue was resolved.
    pub resolved: bool,
}

/// The serialisable state of an [`EffortAccumulator`] (format [`STATE_FORMAT`]): the options
/// (without answer lists), the contacts, the answers by contact, and what was left out.
/// Merging two states is a union of contacts (parts of the same contact merged) and answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EffortState {
    /// Always [`STATE_FORMAT`].
    pub format: String,
    /// The options, without `cesAnswers` and `fcrAnswers`.
    pub options: EffortOptions,
    /// The contacts, by `platform` + `id`.
    pub contacts: Vec<Contact>,
    /// CES answers by contact.
    #[serde(default)]
    pub ces_answers: Vec<CesPoint>,
    /// FCR answers by contact.
    #[serde(default)]
    pub fcr_answers: Vec<FcrPoint>,
    /// Answers without `contactId`.
    #[serde(default)]
    pub answers_without_contact: u64,
    /// Whether any CES answer was given (so the correlation is reported).
    #[serde(default)]
    pub ces_given: bool,
    /// Records and answers left out with `onInvalid: "skip"`, per error code.
    #[serde(default)]
    pub rejected: BTreeMap<ErrorCode, u64>,
}

type Key = (Option<String>, String);

/// Customer-effort indicators over contacts and answers: `new`, `push`, `merge`, `finish`, and
/// a serialisable state.
///
/// ```
/// use cxkit_core::effort::{EffortAccumulator, EffortOptions};
/// use cxkit_core::model::Contact;
/// let c = |json: &str| -> Contact { serde_json::from_str(json).unwrap() };
/// let mut monday = EffortAccumulator::new(&EffortOptions::default()).unwrap();
/// monday.push(&c(r#"{"id": "1", "channel": "voice", "customerId": "ana",
///     "startedAt": "2026-11-23T09:00:00Z", "endedAt": "2026-11-23T09:10:00Z"}"#), 0).unwrap();
/// let mut tuesday = EffortAccumulator::new(&EffortOptions::default()).unwrap();
/// tuesday.push(&c(r#"{"id": "2", "channel": "chat", "customerId": "ana",
///     "startedAt": "2026-11-24T12:00:00Z", "endedAt": "2026-11-24T12:20:00Z"}"#), 0).unwrap();
/// monday.merge(&tuesday).unwrap();
/// let s = monday.finish().unwrap().summary;
/// assert_eq!((s.journeys, s.repeat_contacts, s.channel_switches), (1, 1, 1));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EffortAccumulator {
    options: EffortOptions,
    config: Config,
    contacts: BTreeMap<Key, Contact>,
    ces: BTreeMap<String, f64>,
    fcr: BTreeMap<String, bool>,
    answers_without_contact: u64,
    ces_given: bool,
    rejected: BTreeMap<ErrorCode, u64>,
    ces_reader: SurveyAccumulator,
    fcr_reader: SurveyAccumulator,
}

fn key(c: &Contact) -> Key {
    (c.platform.clone(), c.id.clone())
}

/// The value of one survey answer on `reader`'s scale, with errors renamed to `field[index]`.
fn read_answer(
    reader: &SurveyAccumulator,
    response: &SurveyResponse,
    index: usize,
    field: &str,
) -> Result<f64> {
    let mut one = reader.clone();
    one.push(
        &SurveyInput::Response(Box::new(response.clone())),
        Some(index),
    )
    .map_err(|mut e| {
        let to = format!("{field}[");
        e.message = e.message.replacen("responses[", &to, 1);
        e.field = e.field.map(|f| f.replacen("responses[", &to, 1));
        e
    })?;
    let (lo, _) = one.scale().bounds();
    let slot = one.state().counts.iter().position(|&n| n > 0).unwrap_or(0);
    Ok(f64::from(lo) + slot as f64)
}

impl EffortAccumulator {
    /// A new accumulator. The answer lists of the options (`cesAnswers`, `fcrAnswers`) are
    /// read into it; errors name them (`options.cesAnswers[2].value`).
    pub fn new(options: &EffortOptions) -> Result<Self> {
        let config = Config::new(options)?;
        let ces_reader = SurveyAccumulator::new(
            SurveyKind::Ces,
            &SurveyOptions {
                version: Some(config.ces_version),
                ..SurveyOptions::default()
            },
        )?;
        let fcr_reader = SurveyAccumulator::new(
            SurveyKind::Csat,
            &SurveyOptions {
                scale: Some(Scale::Binary),
                ..SurveyOptions::default()
            },
        )?;
        let mut stored = options.clone();
        stored.ces_answers = None;
        stored.fcr_answers = None;
        let mut acc = EffortAccumulator {
            options: stored,
            config,
            contacts: BTreeMap::new(),
            ces: BTreeMap::new(),
            fcr: BTreeMap::new(),
            answers_without_contact: 0,
            ces_given: false,
            rejected: BTreeMap::new(),
            ces_reader,
            fcr_reader,
        };
        for (i, r) in options.ces_answers.iter().flatten().enumerate() {
            acc.push_ces_at(r, i, "options.cesAnswers")?;
        }
        for (i, r) in options.fcr_answers.iter().flatten().enumerate() {
            acc.push_fcr_at(r, i, "options.fcrAnswers")?;
        }
        Ok(acc)
    }

    /// The options (without answer lists).
    pub fn options(&self) -> &EffortOptions {
        &self.options
    }

    /// The contacts so far (parts merged), ordered by `platform` + `id`.
    pub fn contacts(&self) -> impl Iterator<Item = &Contact> {
        self.contacts.values()
    }

    /// The contact with this `platform` + `id`, as merged so far.
    pub fn contact(&self, platform: Option<&str>, id: &str) -> Option<&Contact> {
        self.contacts
            .get(&(platform.map(str::to_string), id.to_string()))
    }

    fn reject_or(&mut self, e: Error) -> Result<()> {
        if self.config.on_invalid == OnInvalid::Skip {
            let n = self.rejected.entry(e.code).or_insert(0);
            *n = n.saturating_add(1);
            Ok(())
        } else {
            Err(e)
        }
    }

    /// Adds one contact; `index` is its position in the caller's list, used in errors. Parts
    /// of the same contact (`platform` + `id`) are merged in the order pushed
    /// ([`Contact::merge_partial`]). A contact needs a timestamp and must pass
    /// [`Contact::check`]; with `onInvalid: "skip"` a failing one is counted in `rejected`.
    pub fn push(&mut self, contact: &Contact, index: usize) -> Result<()> {
        let merged = contact.check(index).and_then(|()| {
            if contact.first_at().is_none() {
                return Err(Error::new(
                    ErrorCode::MissingField,
                    format!(
                        "contacts[{index}] (id \"{}\"): effort needs a timestamp (startedAt, offeredAt, answeredAt, abandonedAt or endedAt)",
                        excerpt(&contact.id)
                    ),
                )
                .with_field(format!("contacts[{index}].startedAt"))
                .with_index(index));
            }
            match self.contacts.get(&key(contact)) {
                Some(existing) => {
                    let mut m = existing.clone();
                    m.merge_partial(contact)?;
                    m.check(index)?;
                    Ok(m)
                }
                None => Ok(contact.clone()),
            }
        });
        match merged {
            Ok(m) => {
                self.contacts.insert(key(&m), m);
                Ok(())
            }
            Err(e) => self.reject_or(e),
        }
    }

    /// Adds a list of contacts, all or nothing; errors name the position in `contacts`.
    pub fn push_all(&mut self, contacts: &[Contact]) -> Result<()> {
        let mut next = self.clone();
        for (i, c) in contacts.iter().enumerate() {
            next.push(c, i)?;
        }
        *self = next;
        Ok(())
    }

    fn push_ces_at(&mut self, r: &SurveyResponse, index: usize, field: &str) -> Result<()> {
        self.ces_given = true;
        match read_answer(&self.ces_reader, r, index, field) {
            Ok(v) => {
                match &r.contact_id {
                    Some(id) => {
                        self.ces.insert(id.clone(), v);
                    }
                    None => self.answers_without_contact += 1,
                }
                Ok(())
            }
            Err(e) => self.reject_or(e),
        }
    }

    fn push_fcr_at(&mut self, r: &SurveyResponse, index: usize, field: &str) -> Result<()> {
        match read_answer(&self.fcr_reader, r, index, field) {
            Ok(v) => {
                match &r.contact_id {
                    Some(id) => {
                        self.fcr.insert(id.clone(), v >= 1.0);
                    }
                    None => self.answers_without_contact += 1,
                }
                Ok(())
            }
            Err(e) => self.reject_or(e),
        }
    }

    /// Adds a CES answer (number or label on the `cesVersion` scale) about the contact named
    /// by its `contactId`; a later answer about the same contact replaces an earlier one.
    /// `index` is its position in the caller's list (`cesAnswers[i]` in errors).
    pub fn push_ces(&mut self, response: &SurveyResponse, index: usize) -> Result<()> {
        self.push_ces_at(response, index, "cesAnswers")
    }

    /// Adds an answer to "was your issue resolved?" (1/0, yes/no, sí/no …) about the contact
    /// named by its `contactId` (`fcrAnswers[i]` in errors).
    pub fn push_fcr(&mut self, response: &SurveyResponse, index: usize) -> Result<()> {
        self.push_fcr_at(response, index, "fcrAnswers")
    }

    /// Adds another accumulator's contacts and answers. Both must read CES on the same version;
    /// every other option of `self` is kept. Parts of the same contact are merged with
    /// `other`'s as the later part.
    pub fn merge(&mut self, other: &EffortAccumulator) -> Result<()> {
        if self.config.ces_version != other.config.ces_version {
            return Err(Error::new(
                ErrorCode::IncompatibleState,
                format!(
                    "cannot merge effort accumulators reading CES version {} and {}",
                    self.config.ces_version, other.config.ces_version
                ),
            ));
        }
        let mut next = self.clone();
        for (k, c) in &other.contacts {
            match next.contacts.get_mut(k) {
                Some(mine) => mine.merge_partial(c)?,
                None => {
                    next.contacts.insert(k.clone(), c.clone());
                }
            }
        }
        for (id, v) in &other.ces {
            next.ces.insert(id.clone(), *v);
        }
        for (id, v) in &other.fcr {
            next.fcr.insert(id.clone(), *v);
        }
        next.answers_without_contact = next
            .answers_without_contact
            .saturating_add(other.answers_without_contact);
        next.ces_given |= other.ces_given;
        for (code, n) in &other.rejected {
            let e = next.rejected.entry(*code).or_insert(0);
            *e = e.saturating_add(*n);
        }
        *self = next;
        Ok(())
    }

    /// The serialisable state.
    pub fn state(&self) -> EffortState {
        EffortState {
            format: STATE_FORMAT.to_string(),
            options: self.options.clone(),
            contacts: self.contacts.values().cloned().collect(),
            ces_answers: self
                .ces
                .iter()
                .map(|(id, v)| CesPoint {
                    contact_id: id.clone(),
                    value: *v,
                })
                .collect(),
            fcr_answers: self
                .fcr
                .iter()
                .map(|(id, v)| FcrPoint {
                    contact_id: id.clone(),
                    resolved: *v,
                })
                .collect(),
            answers_without_contact: self.answers_without_contact,
            ces_given: self.ces_given,
            rejected: self.rejected.clone(),
        }
    }

    /// Rebuilds an accumulator from its state, checking every contact and answer.
    pub fn from_state(state: &EffortState) -> Result<Self> {
        let invalid = |field: String, message: String| {
            Error::new(ErrorCode::InvalidState, message).with_field(field)
        };
        if state.format != STATE_FORMAT {
            return Err(invalid(
                "format".into(),
                format!(
                    "state format \"{}\" is not \"{STATE_FORMAT}\"",
                    state.format
                ),
            ));
        }
        let mut acc = EffortAccumulator::new(&state.options)?;
        for (i, c) in state.contacts.iter().enumerate() {
            c.check(i)
                .map_err(|e| invalid(format!("contacts[{i}]"), e.message))?;
            if c.first_at().is_none() || acc.contacts.insert(key(c), c.clone()).is_some() {
                return Err(invalid(
                    format!("contacts[{i}]"),
                    format!("contacts[{i}] has no timestamp or repeats a platform + id"),
                ));
            }
        }
        let (lo, hi) = acc.ces_reader.scale().bounds();
        for (i, p) in state.ces_answers.iter().enumerate() {
            if !(p.value.fract() == 0.0 && (f64::from(lo)..=f64::from(hi)).contains(&p.value)) {
                return Err(invalid(
                    format!("cesAnswers[{i}].value"),
                    format!("cesAnswers[{i}].value {} is not on the CES scale", p.value),
                ));
            }
            acc.ces.insert(p.contact_id.clone(), p.value);
        }
        for p in &state.fcr_answers {
            acc.fcr.insert(p.contact_id.clone(), p.resolved);
        }
        acc.answers_without_contact = state.answers_without_contact;
        acc.ces_given = state.ces_given || !acc.ces.is_empty();
        acc.rejected = state.rejected.clone();
        Ok(acc)
    }

    /// The effort report. Fails with `empty_input` without contacts.
    pub fn finish(&self) -> Result<EffortReport> {
        if self.contacts.is_empty() {
            return Err(
                Error::new(ErrorCode::EmptyInput, "no contacts to compute effort from")
                    .with_field("contacts"),
            );
        }
        let contacts: Vec<&Contact> = self.contacts.values().collect();
        let rejected = Rejected {
            total: self
                .rejected
                .values()
                .fold(0u64, |a, b| a.saturating_add(*b)),
            by_reason: self.rejected.clone(),
        };
        Ok(compute(
            &self.config,
            &contacts,
            &Answers {
                ces: &self.ces,
                ces_given: self.ces_given,
                fcr: &self.fcr,
                without_contact: self.answers_without_contact,
            },
            rejected,
        ))
    }
}
