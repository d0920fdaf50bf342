//! The antigen part of CDC's supporting data, one `AntigenData` per antigen: its series and their
//! target doses (ages, intervals, vaccines, conditional skips), immunity and contraindications.
//! Read by `build.rs` from `AntigenSupportingData-*.xml` and shared with it, so it needs serde only.

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::schedule::Duration;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AntigenData {
    /// "Diphtheria": CDC's target disease, the antigen's name.
    pub antigen: String,
    /// "DTaP/Tdap/Td".
    pub vaccine_group: String,
    pub immunity: Immunity,
    /// Observations that contraindicate every vaccine of the group, at an age.
    pub group_contraindications: Vec<Contraindication>,
    /// Observations that contraindicate some vaccines (CVX codes), at an age.
    pub vaccine_contraindications: Vec<VaccineContraindication>,
    pub series: Vec<Series>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Immunity {
    /// Observation codes that are evidence of immunity ("020": lab evidence of measles immunity).
    pub clinical_history: Vec<String>,
    /// Born before this date: presumed immune (measles: 1957-01-01)...
    pub born_before: Option<Date>,
    /// ...unless one of these observations applies (health care personnel).
    pub birth_date_exclusions: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contraindication {
    pub observation: String,
    pub text: String,
    pub begin_age: Option<Duration>,
    pub end_age: Option<Duration>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VaccineContraindication {
    pub observation: String,
    pub text: String,
    pub vaccines: Vec<Vaccine>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SeriesType {
    Standard,
    Risk,
    EvaluationOnly,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Gender {
    Female,
    Male,
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Series {
    pub name: String,
    pub series_type: SeriesType,
    /// Series groups whose completion counts as this one's (as CDC writes them: "2").
    pub equivalent_series_groups: Vec<String>,
    pub default_series: bool,
    pub product_path: bool,
    /// Series are chosen among those of the same group ("1").
    pub series_group: String,
    /// "A" before "B".
    pub priority: String,
    /// Lower is preferred among equal scores.
    pub preference: Option<u32>,
    pub min_age_to_start: Option<Duration>,
    pub max_age_to_start: Option<Duration>,
    /// Empty: any gender.
    pub genders: Vec<Gender>,
    /// A risk series applies while one of these observations does.
    pub indications: Vec<Indication>,
    pub doses: Vec<SeriesDose>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indication {
    pub observation: String,
    pub begin_age: Option<Duration>,
    pub end_age: Option<Duration>,
}

/// One target dose of a series.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesDose {
    pub ages: Vec<AgeRule>,
    pub intervals: Vec<Interval>,
    pub allowable_intervals: Vec<Interval>,
    pub preferable_vaccines: Vec<Vaccine>,
    pub allowable_vaccines: Vec<Vaccine>,
    /// CVX codes given by mistake for this dose (a Tdap for a DTaP).
    pub inadvertent_vaccines: Vec<String>,
    pub conditional_skips: Vec<ConditionalSkip>,
    /// The dose repeats (a yearly influenza dose).
    pub recurring: bool,
    pub season_start: Option<Date>,
    pub season_end: Option<Date>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgeRule {
    pub absolute_minimum: Option<Duration>,
    pub minimum: Option<Duration>,
    pub earliest_recommended: Option<Duration>,
    pub latest_recommended: Option<Duration>,
    pub maximum: Option<Duration>,
    pub effective: Option<Date>,
    pub cessation: Option<Date>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interval {
    pub from: IntervalFrom,
    pub absolute_minimum: Option<Duration>,
    pub minimum: Option<Duration>,
    pub earliest_recommended: Option<Duration>,
    pub latest_recommended: Option<Duration>,
    /// CDC's "override" priority.
    pub overrides: bool,
    pub effective: Option<Date>,
    pub cessation: Option<Date>,
}

/// The dose an interval is counted from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum IntervalFrom {
    /// The dose before this one.
    Previous,
    /// The dose that satisfied target dose N (1-based).
    TargetDose(usize),
    /// The latest dose of one of these CVX codes.
    MostRecent(Vec<String>),
    /// An observation's date (code).
    Observation(String),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vaccine {
    pub cvx: String,
    pub begin_age: Option<Duration>,
    pub end_age: Option<Duration>,
    /// Preferable vaccines may name a manufacturer (MVX).
    pub mvx: Option<String>,
    /// Whether a forecast names this vaccine.
    pub forecast: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SkipContext {
    Evaluation,
    Forecast,
    Both,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConditionalSkip {
    pub context: SkipContext,
    /// Sets joined by AND (else OR).
    pub all_sets: bool,
    pub sets: Vec<SkipSet>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkipSet {
    pub description: String,
    pub effective: Option<Date>,
    pub cessation: Option<Date>,
    /// Conditions joined by AND (else OR).
    pub all_conditions: bool,
    pub conditions: Vec<Condition>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    pub kind: ConditionKind,
    pub start_date: Option<Date>,
    pub end_date: Option<Date>,
    pub begin_age: Option<Duration>,
    pub end_age: Option<Duration>,
    pub interval: Option<Duration>,
    pub dose_count: u32,
    /// Count valid doses only (else every dose given).
    pub valid_only: bool,
    pub count_logic: CountLogic,
    /// CVX codes counted (empty: any).
    pub vaccine_types: Vec<String>,
    pub series_groups: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConditionKind {
    Age,
    CompletedSeries,
    Interval,
    VaccineCountByAge,
    VaccineCountByDate,
    VaccineCountByDateAndAge,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CountLogic {
    GreaterThan,
    EqualTo,
    LessThan,
}
