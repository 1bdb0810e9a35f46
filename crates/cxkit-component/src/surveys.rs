//! The `surveys` interface: WIT records to core types and back, one function per type.

use cxkit_core::Error;
use cxkit_core::stats::{Interval, IntervalMethod};
use cxkit_core::survey::{
    self, Answer, CesResult, CsatResult, Distribution, Group, GroupBy, InputFault, NpsResult,
    OnInvalid, Rejected, Report, Scale, SurveyInput, SurveyKind, SurveyOptions, SurveyResponse,
};

use crate::Component;
use crate::bindings::exports::cxkit::metrics::surveys as wit;
use crate::bindings::exports::cxkit::metrics::types::Error as WitError;

impl wit::Guest for Component {
    fn csat(
        responses: Vec<wit::SurveyResponse>,
        options: wit::SurveyOptions,
    ) -> Result<wit::CsatReport, WitError> {
        survey::csat(&inputs(responses), &survey_options(options))
            .map(csat_report)
            .map_err(error)
    }

    fn nps(
        responses: Vec<wit::SurveyResponse>,
        options: wit::SurveyOptions,
    ) -> Result<wit::NpsReport, WitError> {
        survey::nps(&inputs(responses), &survey_options(options))
            .map(nps_report)
            .map_err(error)
    }

    fn ces(
        responses: Vec<wit::SurveyResponse>,
        options: wit::SurveyOptions,
    ) -> Result<wit::CesReport, WitError> {
        survey::ces(&inputs(responses), &survey_options(options))
            .map(ces_report)
            .map_err(error)
    }
}

// ---- WIT -> core ----------------------------------------------------------------------------

fn inputs(responses: Vec<wit::SurveyResponse>) -> Vec<SurveyInput> {
    responses.into_iter().map(input).collect()
}

/// A response, or the fault of a field that does not convert (reported by the core with its
/// index, and counted under `on-invalid: skip`).
fn input(r: wit::SurveyResponse) -> SurveyInput {
    match survey_response(r) {
        Ok(r) => SurveyInput::Response(Box::new(r)),
        Err(fault) => SurveyInput::Invalid(fault),
    }
}

pub(crate) fn survey_response(r: wit::SurveyResponse) -> Result<SurveyResponse, InputFault> {
    let (value, label) = match r.answer {
        wit::Answer::Value(v) => (Some(v), None),
        wit::Answer::Label(l) => (None, Some(l)),
    };
    Ok(SurveyResponse {
        id: r.id,
        kind: r.kind.map(survey_kind),
        scale: r.scale.map(scale),
        value,
        label,
        responded_at: r
            .responded_at
            .as_deref()
            .map(survey::parse_responded_at)
            .transpose()?,
        contact_id: r.contact_id,
        customer_id: r.customer_id,
        agent_id: r.agent_id,
        queue: r.queue,
        channel: r
            .channel
            .as_deref()
            .map(survey::parse_channel)
            .transpose()?,
    })
}

fn survey_kind(k: wit::SurveyKind) -> SurveyKind {
    match k {
        wit::SurveyKind::Csat => SurveyKind::Csat,
        wit::SurveyKind::Nps => SurveyKind::Nps,
        wit::SurveyKind::Ces => SurveyKind::Ces,
    }
}

fn scale(s: wit::Scale) -> Scale {
    match s {
        wit::Scale::Range((min, max)) => Scale::Range { min, max },
        wit::Scale::Binary => Scale::Binary,
    }
}

fn answer(a: wit::Answer) -> Answer {
    match a {
        wit::Answer::Value(v) => Answer::Value(v),
        wit::Answer::Label(l) => Answer::Label(l),
    }
}

fn interval_method(m: wit::IntervalMethod) -> IntervalMethod {
    match m {
        wit::IntervalMethod::Wilson => IntervalMethod::Wilson,
        wit::IntervalMethod::AgrestiCoull => IntervalMethod::AgrestiCoull,
        wit::IntervalMethod::ClopperPearson => IntervalMethod::ClopperPearson,
        wit::IntervalMethod::Jeffreys => IntervalMethod::Jeffreys,
        wit::IntervalMethod::Wald => IntervalMethod::Wald,
        wit::IntervalMethod::AdjustedWald => IntervalMethod::AdjustedWald,
        wit::IntervalMethod::T => IntervalMethod::T,
    }
}

pub(crate) fn on_invalid(o: wit::OnInvalid) -> OnInvalid {
    match o {
        wit::OnInvalid::Error => OnInvalid::Error,
        wit::OnInvalid::Skip => OnInvalid::Skip,
    }
}

fn group_by(g: wit::GroupBy) -> GroupBy {
    match g {
        wit::GroupBy::Queue => GroupBy::Queue,
        wit::GroupBy::AgentId => GroupBy::AgentId,
        wit::GroupBy::Channel => GroupBy::Channel,
        wit::GroupBy::Day => GroupBy::Day,
        wit::GroupBy::Week => GroupBy::Week,
        wit::GroupBy::Month => GroupBy::Month,
    }
}

fn survey_options(o: wit::SurveyOptions) -> SurveyOptions {
    SurveyOptions {
        scale: o.scale.map(scale),
        satisfied: o.satisfied.map(|s| s.into_iter().map(answer).collect()),
        interval: o.interval.map(interval_method),
        confidence: o.confidence,
        version: o.version,
        on_invalid: o.on_invalid.map(on_invalid),
        group_by: o.group_by.map(group_by),
        utc_offset_minutes: o.utc_offset_minutes,
        labels: o.labels.map(|l| l.into_iter().collect()),
    }
}

// ---- core -> WIT ----------------------------------------------------------------------------

pub(crate) fn error(e: Error) -> WitError {
    WitError {
        code: e.code.as_str().to_string(),
        message: e.message,
        field: e.field,
        index: e.index.and_then(|i| u32::try_from(i).ok()),
    }
}

/// The breakdown rows of a report, each converted by `row`.
fn groups<R, G>(groups: Option<Vec<Group<R>>>, row: impl Fn(Group<R>) -> G) -> Option<Vec<G>> {
    groups.map(|g| g.into_iter().map(row).collect())
}

fn csat_report(r: Report<CsatResult>) -> wit::CsatReport {
    wit::CsatReport {
        overall: csat_result(r.overall),
        groups: groups(r.groups, |g| wit::CsatGroup {
            key: g.key,
            result: csat_result(g.result),
        }),
    }
}

fn nps_report(r: Report<NpsResult>) -> wit::NpsReport {
    wit::NpsReport {
        overall: nps_result(r.overall),
        groups: groups(r.groups, |g| wit::NpsGroup {
            key: g.key,
            result: nps_result(g.result),
        }),
    }
}

fn ces_report(r: Report<CesResult>) -> wit::CesReport {
    wit::CesReport {
        overall: ces_result(r.overall),
        groups: groups(r.groups, |g| wit::CesGroup {
            key: g.key,
            result: ces_result(g.result),
        }),
    }
}

fn interval(i: Interval) -> wit::Interval {
    wit::Interval {
        low: i.low,
        high: i.high,
        method: i.method.as_str().to_string(),
        confidence: i.confidence,
    }
}

pub(crate) fn rejected(r: Rejected) -> wit::Rejected {
    wit::Rejected {
        total: r.total,
        by_reason: r
            .by_reason
            .into_iter()
            .map(|(code, n)| (code.as_str().to_string(), n))
            .collect(),
    }
}

fn distribution(d: Distribution) -> wit::Distribution {
    d.0
}

fn csat_result(r: CsatResult) -> wit::CsatResult {
    wit::CsatResult {
        score: r.score,
        satisfied: r.satisfied,
        n: r.n,
        rejected: r.rejected.map(rejected),
        distribution: distribution(r.distribution),
        ci: interval(r.ci),
    }
}

fn nps_result(r: NpsResult) -> wit::NpsResult {
    wit::NpsResult {
        score: r.score,
        promoters: r.promoters,
        passives: r.passives,
        detractors: r.detractors,
        percent_promoters: r.percent_promoters,
        percent_passives: r.percent_passives,
        percent_detractors: r.percent_detractors,
        n: r.n,
        margin_of_error: r.margin_of_error,
        ci: interval(r.ci),
        rejected: r.rejected.map(rejected),
        distribution: distribution(r.distribution),
    }
}

fn ces_result(r: CesResult) -> wit::CesResult {
    wit::CesResult {
        version: r.version,
        mean: r.mean,
        standard_deviation: r.standard_deviation,
        ci: r.ci.map(interval),
        percent_easy: r.percent_easy,
        n: r.n,
        rejected: r.rejected.map(rejected),
        distribution: distribution(r.distribution),
    }
}
