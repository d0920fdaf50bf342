//! Minnesota's requirements as data (`data/minnesota.json`): levels (child care, kindergarten,
//! grades), each with its required vaccines and the dose counts that satisfy them, with the law,
//! the source chart and the date they were checked. A new school year's change is an edit there.

use std::sync::OnceLock;

use recdesk_cdsi::{Duration, Unit};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirements {
    /// The section's heading on paper.
    pub title: String,
    pub law: String,
    pub source: String,
    /// Which school year's requirements these are.
    pub version: String,
    /// When they were last compared with MDH's chart.
    pub checked: String,
    /// A dose this many days before an age in these rules still counts (the grace CDC allows).
    pub grace_days: i64,
    pub levels: Vec<Level>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub id: String,
    pub label: String,
    /// The grades staff may pick that this level covers ("K", "7", "child-care").
    pub grades: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
    pub requirements: Vec<Requirement>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// As MDH's form names it: "DTaP/DT".
    pub vaccine: String,
    /// CDC's vaccine group, whose forecast says what is due next.
    pub group: String,
    /// CDC's antigen whose doses are counted.
    pub antigen: String,
    /// The requirement applies only to a child younger than this (a first grader aged 6).
    #[serde(default)]
    pub applies_before_age: Option<Age>,
    #[serde(default)]
    pub applies_from_age: Option<Age>,
    /// Child care: not required before or after these ages (pneumococcal: not after 24 months).
    #[serde(default)]
    pub required_from_age: Option<Age>,
    #[serde(default)]
    pub required_before_age: Option<Age>,
    /// Child care: the age by which the dose is due (MMR at 12 to 15 months: 15 months); without
    /// it, the date CDC's schedule calls the dose late.
    #[serde(default)]
    pub required_by_age: Option<Age>,
    pub rule: Rule,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Rule {
    /// The doses due for the child's age by CDC's schedule (child care).
    AgeAppropriate,
    /// Any one of these dose counts; the first is the one a family is told to complete.
    AnyOf(Vec<DoseOption>),
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DoseOption {
    pub doses: usize,
    /// The last counted dose given on or after this age.
    #[serde(default)]
    pub final_dose_from_age: Option<Age>,
    /// Only doses given within these ages count.
    #[serde(default)]
    pub given_from_age: Option<Age>,
    #[serde(default)]
    pub given_before_age: Option<Age>,
    /// Only doses of these CVX codes count (empty: any vaccine of the antigen).
    #[serde(default)]
    pub products: Vec<String>,
    /// The least time between the doses it counts (with the grace).
    #[serde(default)]
    pub min_interval: Option<Age>,
    #[serde(default)]
    pub count: Count,
}

/// Which doses count: valid ones by CDC's logic, or any full dose of the listed products in the
/// ages given (Minnesota counts a Tdap given at age 7 to 10, which CDC's schedule may not).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Count {
    #[default]
    Valid,
    Given,
}

/// An age in CDC's duration form ("4 years", "24 months").
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct Age(pub Duration);

impl TryFrom<String> for Age {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        Duration::parse(&text).map(Age).ok_or(format!("not an age: {text:?}"))
    }
}

impl Age {
    /// "age 4", "24 months".
    pub fn words(&self) -> String {
        match self.0.terms.as_slice() {
            [(years, Unit::Years)] => format!("age {years}"),
            [(months, Unit::Months)] => format!("{months} months"),
            terms => terms
                .iter()
                .map(|(n, unit)| format!("{n} {}", format!("{unit:?}").to_lowercase()))
                .collect::<Vec<_>>()
                .join(" "),
        }
    }
}

/// Minnesota's requirements, built into the crate.
pub fn minnesota() -> &'static Result<Requirements, String> {
    static REQUIREMENTS: OnceLock<Result<Requirements, String>> = OnceLock::new();
    REQUIREMENTS.get_or_init(|| {
        serde_json::from_str(include_str!("../data/minnesota.json")).map_err(|e| format!("requirements: {e}"))
    })
}

impl Requirements {
    /// The level a grade belongs to.
    pub fn level(&self, grade: crate::Grade) -> Option<&Level> {
        let code = grade.code();
        self.levels.iter().find(|level| level.grades.contains(&code))
    }

    /// What the status says it follows: the requirements' version, law and date checked.
    pub fn cited(&self) -> String {
        format!("{} ({}; {}; checked {})", self.version, self.law, self.source, self.checked)
    }
}
