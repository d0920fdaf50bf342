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
    /// How many doses the requirement asks for, when it counts doses: the option met, else the
    /// one nearest to being met (a 4th DTaP on or after age 4 completes it: 4, not 5).
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
    /// On time: the next dose cannot be given yet (school), or is not yet due (child care: the
    /// age by which the requirements or CDC's schedule want it).
    InProcess {
        /// When the next dose can be given.
        next_due: Date,
        /// The date it is due by, when there is one.
        due_by: Option<Date>,
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

impl SchoolStatus {
    /// "Kindergarten", or "Grade 7 (Grades 7 to 11)" when the grade is one of a level's several.
    pub fn level_name(&self) -> String {
        let grade = self.grade.label();
        if grade == self.level { grade } else { format!("{grade} ({})", self.level) }
    }
}

/// Why a vaccine with a dose the engine could not evaluate has no status.
const NO_FULL_DATE: &str = "not stated: a dose of this vaccine has no full date, so it cannot be counted";

/// The text printed for a vaccine whose status this copy cannot state.
pub const NOT_STATED_ON_THIS_COPY: &str = "not stated on this copy";

impl State {
    /// The status in words, as printed.
    pub fn text(&self, on: Date) -> String {
        match self {
            State::Complete => "complete".to_owned(),
            State::InProcess { next_due, due_by } => {
                let when = if *next_due <= on {
                    "in process: the next dose can be given now".to_owned()
                } else {
                    format!("in process: the next dose can be given from {next_due}")
                };
                match due_by {
                    Some(due) => format!("{when}, due by {due}"),
                    None => when,
                }
            }
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
    // A signed exemption statement completes only what is otherwise complete.
    let overall = if any(|s| matches!(s, State::NotComplete { .. })) {
        Overall::NotComplete
    } else if any(|s| matches!(s, State::NotStated { .. })) {
        Overall::NotStated
    } else if any(|s| matches!(s, State::InProcess { .. })) {
        Overall::InProcess
    } else if any(|s| matches!(s, State::ExemptionMayApply { .. })) {
        Overall::ExemptionMayApply
    } else {
        Overall::Complete
    };
    Some(SchoolStatus { grade, level: level.label.clone(), vaccines, overall, requirements: requirements.cited() })
}

fn vaccine_status(requirement: &Requirement, grace: i64, input: &StatusInput) -> VaccineStatus {
    let forecast = input.assessment.forecasts.iter().find(|f| f.vaccine_group == requirement.group);
    let (state, doses, required_doses) = if input.not_stated.contains(&requirement.group) {
        (State::NotStated { why: NOT_STATED_ON_THIS_COPY.to_owned() }, Vec::new(), None)
    } else {
        match &requirement.rule {
            Rule::AgeAppropriate => {
                (age_appropriate(requirement, forecast, input), counted_doses(requirement, None, grace, input), None)
            }
            Rule::AnyOf(options) => by_dose_count(requirement, options, forecast, grace, input),
        }
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
    let mut counted: Vec<Date> = Vec::new();
    for (_, date) in dates {
        // An option's own spacing (the adolescent hepatitis B series: 4 months), with the grace.
        let spaced = option.and_then(|o| o.min_interval.as_ref()).is_none_or(|interval| {
            counted.last().is_none_or(|previous| date >= previous.plus(&interval.0).add_days(-grace))
        });
        if spaced {
            counted.push(date);
        }
    }
    counted
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

/// How many more doses would meet an option not yet met: what its count lacks, and at least one
/// (its count reached, the last dose was given before its age).
fn shortfall(option: &DoseOption, counted: &[Date]) -> usize {
    option.doses.saturating_sub(counted.len()).max(1)
}

/// Whether an option can still be met by doses given from `input.on` (its ages have not passed).
fn still_open(option: &DoseOption, input: &StatusInput) -> bool {
    option.given_before_age.as_ref().is_none_or(|age| input.on < input.birth_date.plus(&age.0))
}

/// A requirement met by any of its dose counts: (state, the doses shown, the count they meet).
fn by_dose_count(
    requirement: &Requirement,
    options: &[DoseOption],
    forecast: Option<&GroupForecast>,
    grace: i64,
    input: &StatusInput,
) -> (State, Vec<Date>, Option<usize>) {
    let counted: Vec<(&DoseOption, Vec<Date>)> =
        options.iter().map(|o| (o, counted_doses(requirement, Some(o), grace, input))).collect();
    if let Some((option, doses)) = counted.iter().find(|(o, doses)| option_met(doses, o, grace, input)) {
        return (State::Complete, doses.clone(), Some(option.doses));
    }
    // The option nearest to being met is the one a family is told to complete (the first on a tie).
    let nearest = counted
        .iter()
        .filter(|(o, _)| still_open(o, input))
        .min_by_key(|(o, doses)| shortfall(o, doses))
        .or_else(|| counted.first())
        .map(|(o, doses)| (shortfall(o, doses), *o, doses));
    let Some((needed, option, doses)) = nearest else { return (State::Complete, Vec::new(), None) };
    let open = forecast.filter(|f| f.status == SeriesStatus::NotComplete);
    let state = if let Some(evidence) = exemption_evidence(requirement, forecast, input) {
        State::ExemptionMayApply { evidence }
    } else if input.not_evaluated.contains(&requirement.group) {
        State::NotStated { why: NO_FULL_DATE.to_owned() }
    } else if let Some(earliest) = open.and_then(|f| f.earliest).filter(|e| *e > input.on && !doses.is_empty()) {
        // The next dose cannot be given yet: the series is on time.
        State::InProcess { next_due: earliest, due_by: None }
    } else {
        let next_due = open.and_then(|f| f.recommended.or(f.earliest)).map_or(input.on, |d| d.max(input.on));
        let missing = missing_words(requirement, option, needed, doses, input);
        State::NotComplete { missing, next_due: Some(next_due) }
    };
    (state, doses.clone(), Some(option.doses))
}

/// "needs 1 more dose of Polio"; the age a dose must be given at, when it matters.
fn missing_words(
    requirement: &Requirement,
    option: &DoseOption,
    needed: usize,
    counted: &[Date],
    input: &StatusInput,
) -> String {
    let mut words = match (needed, counted.is_empty()) {
        (1, true) => format!("needs 1 dose of {}", requirement.vaccine),
        (n, true) => format!("needs {n} doses of {}", requirement.vaccine),
        (1, false) => format!("needs 1 more dose of {}", requirement.vaccine),
        (n, false) => format!("needs {n} more doses of {}", requirement.vaccine),
    };
    if let Some(age) = option.given_from_age.as_ref() {
        words.push_str(&format!(", given on or after {}", age.words()));
    } else if let Some(age) = option.final_dose_from_age.as_ref() {
        // Only while the child is younger: any dose given later is then on or after that age.
        if input.on < input.birth_date.plus(&age.0) {
            words.push_str(&format!(", the last on or after {}", age.words()));
        }
    }
    if let Some(interval) = option.min_interval.as_ref() {
        words.push_str(&format!(", {} apart", interval.words()));
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
        // Immunity presumed from the birth year (or a contraindication with no observation the
        // copy holds) is nothing a school can take: never "complete" without doses.
        SeriesStatus::Immune | SeriesStatus::Contraindicated => State::NotStated {
            why: "not stated: CDC's schedule presumes it is not needed, and the record shows no reason".to_owned(),
        },
        SeriesStatus::NotComplete => {
            if input.not_evaluated.contains(&requirement.group) {
                return State::NotStated { why: NO_FULL_DATE.to_owned() };
            }
            let next_due = forecast.recommended.or(forecast.earliest).unwrap_or(input.on);
            // Due by the age the requirements give (MMR and varicella by 15 months), else by the
            // date CDC's schedule calls the dose late.
            let due_by = requirement.required_by_age.as_ref().map(|age| birth.plus(&age.0)).or(forecast.past_due);
            match due_by {
                Some(due) if due <= input.on => {
                    let number = forecast.dose_number.map_or(String::new(), |n| format!(" {n}"));
                    State::NotComplete {
                        missing: format!("dose{number} of {} was due by {due}", requirement.vaccine),
                        next_due: Some(forecast.earliest.unwrap_or(input.on).max(input.on)),
                    }
                }
                due_by => State::InProcess { next_due, due_by },
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
