//! One child's status for one level: each required vaccine, then the whole.

use recdesk_cdsi::{AdministeredDose, Assessment, Date, GroupForecast, SeriesStatus, Status};
use serde::Serialize;

use crate::Grade;
use crate::requirements::{Age, Count, DoseOption, Requirement, Requirements, Rule};

/// What the status is computed from: one copy's doses and their evaluation.
#[derive(Clone, Copy, Debug)]
pub struct StatusInput<'a> {
    pub birth_date: Date,
    /// The status date (the release's date).
    pub on: Date,
    pub doses: &'a [AdministeredDose],
    /// CDC observation codes the record holds (evidence of immunity, contraindications).
    pub observations: &'a [String],
    pub assessment: &'a Assessment,
    /// CDC vaccine groups this copy cannot state a status for: a dose held back from it carries them.
    pub not_stated: &'a [String],
    /// CDC vaccine groups with a dose on the copy that could not be evaluated (no full date).
    pub not_evaluated: &'a [String],
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SchoolStatus {
    pub grade: Grade,
    /// The level's name ("Kindergarten").
    pub level: String,
    pub vaccines: Vec<VaccineStatus>,
    pub overall: Overall,
    /// The requirements' version, law, source and date checked.
    pub requirements: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VaccineStatus {
    pub vaccine: String,
    /// CDC's antigen whose doses it counts.
    pub antigen: String,
    /// How many doses the requirement asks for (its first option), when it counts doses.
    pub required_doses: Option<usize>,
    /// The doses that count toward it, in date order.
    pub doses: Vec<Date>,
    #[serde(flatten)]
    pub state: State,
    /// The requirement's footnote ("A 5th dose is not needed if the 4th was on or after age 4").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum State {
    Complete,
    /// On time: the next dose cannot be given yet (school), or is not yet late (child care).
    InProcess {
        next_due: Date,
        late_after: Option<Date>,
    },
    NotComplete {
        missing: String,
        next_due: Option<Date>,
    },
    /// The record holds evidence of immunity or a contraindication: only a signed statement can
    /// make it an exemption.
    ExemptionMayApply {
        evidence: String,
    },
    NotRequired {
        why: String,
    },
    NotStated {
        why: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Overall {
    Complete,
    InProcess,
    NotComplete,
    /// Complete only if the school has the signed medical exemption statement(s).
    ExemptionMayApply,
    NotStated,
}

/// The text printed for a vaccine whose status this copy cannot state.
pub const NOT_STATED_ON_THIS_COPY: &str = "not stated on this copy";

impl State {
    /// The status in words, as printed.
    pub fn text(&self, on: Date) -> String {
        match self {
            State::Complete => "complete".to_owned(),
            State::InProcess { next_due, late_after } if *next_due <= on => match late_after {
                Some(late) => format!("in process: next dose due now (late after {late})"),
                None => "in process: next dose due now".to_owned(),
            },
            State::InProcess { next_due, .. } => format!("in process: next dose due {next_due}"),
            State::NotComplete { missing, .. } => format!("not complete: {missing}"),
            State::ExemptionMayApply { evidence } => {
                format!("a medical exemption may apply: the school needs the signed statement ({evidence})")
            }
            State::NotRequired { why } => format!("not required: {why}"),
            State::NotStated { why } => why.clone(),
        }
    }

    /// The next dose's date, for the "next dose due" column.
    pub fn next_due(&self) -> Option<Date> {
        match self {
            State::InProcess { next_due, .. } => Some(*next_due),
            State::NotComplete { next_due, .. } => *next_due,
            _ => None,
        }
    }
}

impl Overall {
    pub fn text(self) -> &'static str {
        match self {
            Overall::Complete => "complete",
            Overall::InProcess => "in process",
            Overall::NotComplete => "not complete",
            Overall::ExemptionMayApply => "complete only with a signed medical exemption statement",
            Overall::NotStated => "not stated: the status of a vaccine below is not stated on this copy",
        }
    }
}

/// The child's status for `grade`'s level. None when the requirements have no such level.
pub fn status(requirements: &Requirements, grade: Grade, input: &StatusInput) -> Option<SchoolStatus> {
    let level = requirements.level(grade)?;
    let age_reached = |age: &Age| input.on >= input.birth_date.plus(&age.0);
    let vaccines: Vec<VaccineStatus> = level
        .requirements
        .iter()
        .filter(|r| r.applies_before_age.as_ref().is_none_or(|age| !age_reached(age)))
        .filter(|r| r.applies_from_age.as_ref().is_none_or(age_reached))
        .map(|requirement| vaccine_status(requirement, requirements.grace_days, input))
        .collect();
    let any = |f: fn(&State) -> bool| vaccines.iter().any(|v| f(&v.state));
    let overall = if any(|s| matches!(s, State::NotComplete { .. })) {
        Overall::NotComplete
    } else if any(|s| matches!(s, State::NotStated { .. })) {
        Overall::NotStated
    } else if any(|s| matches!(s, State::ExemptionMayApply { .. })) {
        Overall::ExemptionMayApply
    } else if any(|s| matches!(s, State::InProcess { .. })) {
        Overall::InProcess
    } else {
        Overall::Complete
    };
    Some(SchoolStatus { grade, level: level.label.clone(), vaccines, overall, requirements: requirements.cited() })
}

fn vaccine_status(requirement: &Requirement, grace_days: i64, input: &StatusInput) -> VaccineStatus {
    let forecast = input.assessment.forecasts.iter().find(|f| f.vaccine_group == requirement.group);
    let state = if input.not_stated.contains(&requirement.group) {
        State::NotStated { why: NOT_STATED_ON_THIS_COPY.to_owned() }
    } else {
        match &requirement.rule {
            Rule::AgeAppropriate => age_appropriate(requirement, forecast, input),
            Rule::AnyOf(options) => by_dose_count(requirement, options, forecast, grace_days, input),
        }
    };
    // The doses shown: those the met option counted, else those the first option counts.
    let doses = match &requirement.rule {
        _ if matches!(state, State::NotStated { .. }) => Vec::new(),
        Rule::AnyOf(options) => options
            .iter()
            .map(|o| (o, counted_doses(requirement, Some(o), grace_days, input)))
            .find(|(o, doses)| state != State::Complete || option_met(doses, o, grace_days, input))
            .map_or_else(Vec::new, |(_, doses)| doses),
        Rule::AgeAppropriate => counted_doses(requirement, None, grace_days, input),
    };
    let required_doses = match &requirement.rule {
        Rule::AnyOf(options) => options.first().map(|o| o.doses),
        Rule::AgeAppropriate => None,
    };
    VaccineStatus {
        vaccine: requirement.vaccine.clone(),
        antigen: requirement.antigen.clone(),
        required_doses,
        doses,
        state,
        note: requirement.note.clone(),
    }
}

/// The dates of the doses that count toward `requirement` under `option` (None: every valid dose).
fn counted_doses(requirement: &Requirement, option: Option<&DoseOption>, grace: i64, input: &StatusInput) -> Vec<Date> {
    let count = option.map_or(Count::Valid, |o| o.count);
    let mut dates: Vec<(usize, Date)> = input
        .assessment
        .evaluations
        .iter()
        .filter(|e| e.antigen == requirement.antigen)
        .filter(|e| match count {
            Count::Valid => e.status == Status::Valid,
            Count::Given => e.status != Status::SubStandard,
        })
        .filter_map(|e| input.doses.get(e.dose).map(|dose| (e.dose, dose)))
        .filter(|(_, dose)| {
            let Some(option) = option else { return true };
            (option.products.is_empty() || option.products.contains(&dose.cvx))
                && option.given_from_age.as_ref().is_none_or(|age| dose.date >= from_age(input.birth_date, age, grace))
                && option.given_before_age.as_ref().is_none_or(|age| dose.date < input.birth_date.plus(&age.0))
        })
        .map(|(index, dose)| (index, dose.date))
        .collect();
    dates.sort_by_key(|(index, date)| (*date, *index));
    dates.dedup_by_key(|(index, _)| *index);
    dates.into_iter().map(|(_, date)| date).collect()
}

/// The first date a dose counts as given "on or after" `age`: the grace days before it.
fn from_age(birth: Date, age: &Age, grace: i64) -> Date {
    birth.plus(&age.0).add_days(-grace)
}

fn option_met(doses: &[Date], option: &DoseOption, grace: i64, input: &StatusInput) -> bool {
    doses.len() >= option.doses
        && option
            .final_dose_from_age
            .as_ref()
            .is_none_or(|age| doses.last().is_some_and(|last| *last >= from_age(input.birth_date, age, grace)))
}

fn by_dose_count(
    requirement: &Requirement,
    options: &[DoseOption],
    forecast: Option<&GroupForecast>,
    grace: i64,
    input: &StatusInput,
) -> State {
    let met = options.iter().any(|o| option_met(&counted_doses(requirement, Some(o), grace, input), o, grace, input));
    if met {
        return State::Complete;
    }
    if let Some(evidence) = exemption_evidence(requirement, forecast, input) {
        return State::ExemptionMayApply { evidence };
    }
    if input.not_evaluated.contains(&requirement.group) {
        return State::NotStated {
            why: "not stated: a dose of this vaccine has no full date, so it cannot be counted".to_owned(),
        };
    }
    let Some(first) = options.first() else { return State::Complete };
    let counted = counted_doses(requirement, Some(first), grace, input);
    let missing = missing_words(requirement, first, &counted, grace, input);
    let earliest = forecast.filter(|f| f.status == SeriesStatus::NotComplete).and_then(|f| f.earliest);
    match earliest {
        // The next dose cannot be given yet: the series is on time.
        Some(earliest) if earliest > input.on && !counted.is_empty() => {
            State::InProcess { next_due: earliest, late_after: forecast.and_then(|f| f.past_due) }
        }
        _ => {
            let next_due = forecast
                .filter(|f| f.status == SeriesStatus::NotComplete)
                .and_then(|f| f.recommended.or(f.earliest))
                .map(|date| date.max(input.on));
            State::NotComplete { missing, next_due: next_due.or(Some(input.on)) }
        }
    }
}

/// "needs 1 more dose, on or after age 4".
fn missing_words(
    requirement: &Requirement,
    option: &DoseOption,
    counted: &[Date],
    grace: i64,
    input: &StatusInput,
) -> String {
    let needed = option.doses.saturating_sub(counted.len()).max(1);
    let mut words = match (needed, counted.is_empty()) {
        (1, true) => format!("needs 1 dose of {}", requirement.vaccine),
        (n, true) => format!("needs {n} doses of {}", requirement.vaccine),
        (1, false) => format!("needs 1 more dose of {}", requirement.vaccine),
        (n, false) => format!("needs {n} more doses of {}", requirement.vaccine),
    };
    if let Some(age) = option.given_from_age.as_ref() {
        words.push_str(&format!(", given on or after {}", age.words()));
    } else if let Some(age) = option.final_dose_from_age.as_ref() {
        let last_too_early = counted.last().is_some_and(|last| *last < from_age(input.birth_date, age, grace));
        if needed == 1 || last_too_early {
            words.push_str(&format!(", the last on or after {}", age.words()));
        }
    }
    words
}

/// Child care: the doses due for the child's age by CDC's schedule.
fn age_appropriate(requirement: &Requirement, forecast: Option<&GroupForecast>, input: &StatusInput) -> State {
    let birth = input.birth_date;
    if let Some(age) = &requirement.required_before_age {
        if input.on >= birth.plus(&age.0) {
            return State::NotRequired { why: format!("not required after {}", age.words()) };
        }
    }
    if let Some(age) = &requirement.required_from_age {
        let from = birth.plus(&age.0);
        if input.on < from {
            return State::NotRequired { why: format!("required from {} ({from})", age.words()) };
        }
    }
    if let Some(evidence) = exemption_evidence(requirement, forecast, input) {
        return State::ExemptionMayApply { evidence };
    }
    let Some(forecast) = forecast else {
        return State::NotStated { why: "not stated: CDC's schedule gives no forecast for it".to_owned() };
    };
    match forecast.status {
        SeriesStatus::Complete => State::Complete,
        SeriesStatus::AgedOut | SeriesStatus::NotRecommended => {
            State::NotRequired { why: "no dose is recommended at this age".to_owned() }
        }
        // Presumed immune by birth year, or contraindicated for a reason not in the record.
        SeriesStatus::Immune | SeriesStatus::Contraindicated => State::Complete,
        SeriesStatus::NotComplete => {
            if input.not_evaluated.contains(&requirement.group) {
                return State::NotStated {
                    why: "not stated: a dose of this vaccine has no full date, so it cannot be counted".to_owned(),
                };
            }
            let next_due = forecast.recommended.or(forecast.earliest).unwrap_or(input.on);
            match forecast.past_due {
                Some(late) if late <= input.on => {
                    let number = forecast.dose_number.map_or(String::new(), |n| format!(" {n}"));
                    State::NotComplete {
                        missing: format!("dose{number} of {} was due by {late}", requirement.vaccine),
                        next_due: Some(forecast.earliest.unwrap_or(input.on).max(input.on)),
                    }
                }
                late => State::InProcess { next_due, late_after: late },
            }
        }
    }
}

/// The record's evidence of immunity or contraindication, as CDC's logic found it, when an
/// observation in the record is the reason (immunity presumed from a birth year is not evidence
/// a school can take).
fn exemption_evidence(
    requirement: &Requirement,
    forecast: Option<&GroupForecast>,
    input: &StatusInput,
) -> Option<String> {
    let antigen = recdesk_cdsi::antigens().iter().find(|a| a.antigen == requirement.antigen)?;
    let evidence_held = antigen.immunity.clinical_history.iter().any(|code| input.observations.contains(code));
    match forecast?.status {
        SeriesStatus::Immune if evidence_held => Some("the record holds evidence of immunity".to_owned()),
        SeriesStatus::Contraindicated => Some("the record holds a contraindication".to_owned()),
        _ => None,
    }
}
