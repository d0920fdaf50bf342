//! What the engine is given: the patient's birth date and gender, the doses given and the
//! observations on record (CDSi codes), and what it answers with.

use serde::Serialize;

use crate::antigen::Gender;
use crate::date::Date;

/// The patient as the engine sees them. Only given doses belong here: a refused, not given or
/// entered-in-error dose is not a dose, and the caller leaves it out.
#[derive(Clone, Debug, Default)]
pub struct Patient {
    pub birth_date: Option<Date>,
    pub gender: Option<Gender>,
    pub doses: Vec<AdministeredDose>,
    /// CDSi observation codes on record ("020": laboratory evidence of measles immunity).
    pub observations: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AdministeredDose {
    pub date: Date,
    pub cvx: String,
    pub mvx: Option<String>,
    /// A partial dose, an expired lot or a recall: the dose counts for nothing.
    pub substandard: bool,
}

/// How a dose counts toward one antigen's series.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Valid,
    NotValid,
    Extraneous,
    SubStandard,
}

impl Status {
    /// CDC's words ("Not Valid").
    pub fn cdc_text(self) -> &'static str {
        match self {
            Status::Valid => "Valid",
            Status::NotValid => "Not Valid",
            Status::Extraneous => "Extraneous",
            Status::SubStandard => "Sub-standard",
        }
    }
}

/// Why a dose does not count, in CDC's test cases' terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    TooYoung,
    TooOld,
    TooSoon,
    InadvertentVaccine,
    LiveVirusConflict,
    NotPreferableOrAllowable,
    SeriesAlreadyComplete,
    SubStandardDose,
}

impl Reason {
    const ALL: [Reason; 8] = [
        Reason::TooYoung,
        Reason::TooOld,
        Reason::TooSoon,
        Reason::InadvertentVaccine,
        Reason::LiveVirusConflict,
        Reason::NotPreferableOrAllowable,
        Reason::SeriesAlreadyComplete,
        Reason::SubStandardDose,
    ];

    pub fn cdc_text(self) -> &'static str {
        match self {
            Reason::TooYoung => "Age: Too Young",
            Reason::TooOld => "Age: Too Old",
            Reason::TooSoon => "Interval: too Soon",
            Reason::InadvertentVaccine => "Inadvertent Vaccine",
            Reason::LiveVirusConflict => "Live Virus Conflict",
            Reason::NotPreferableOrAllowable => "Not a preferable or allowable vaccine",
            Reason::SeriesAlreadyComplete => "Series Already Complete",
            Reason::SubStandardDose => "Sub-standard dose",
        }
    }
}

/// Where a patient series (and a vaccine group) stands on the assessment date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SeriesStatus {
    NotComplete,
    Complete,
    AgedOut,
    Immune,
    Contraindicated,
    NotRecommended,
}

impl SeriesStatus {
    pub fn cdc_text(self) -> &'static str {
        match self {
            SeriesStatus::NotComplete => "Not complete",
            SeriesStatus::Complete => "Complete",
            SeriesStatus::AgedOut => "Aged out",
            SeriesStatus::Immune => "Immune",
            SeriesStatus::Contraindicated => "Contraindicated",
            SeriesStatus::NotRecommended => "Not recommended",
        }
    }
}

/// The reasons a dose does not count: every check it failed (a dose can be both too young and
/// too soon; CDC's test cases name the one they test).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reasons(u16);

impl Reasons {
    pub fn of(reason: Reason) -> Reasons {
        Reasons::default().with(reason)
    }

    pub fn with(self, reason: Reason) -> Reasons {
        Reasons(self.0 | 1 << Reason::ALL.iter().position(|r| *r == reason).unwrap_or(0))
    }

    pub fn contains(self, reason: Reason) -> bool {
        self.iter().any(|r| r == reason)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = Reason> {
        Reason::ALL.into_iter().enumerate().filter(move |(i, _)| self.0 & (1 << i) != 0).map(|(_, r)| r)
    }
}
