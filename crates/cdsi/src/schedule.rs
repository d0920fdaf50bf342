//! The schedule's shape: what `build.rs` reads from CDC's `ScheduleSupportingData.xml` and the
//! engine loads. Shared with the build script (it includes this file), so it needs serde only.

use serde::{Deserialize, Serialize};

/// CDC's schedule-wide supporting data, with the version it comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    /// "4.64".
    pub version: String,
    /// "November 2025".
    pub released: String,
    pub vaccine_groups: Vec<VaccineGroupData>,
    pub cvx: Vec<CvxAntigens>,
    pub live_virus_conflicts: Vec<LiveVirusConflict>,
    /// CDSi's coded observations (evidence of immunity, contraindications, indications) and the
    /// SNOMED, PHIN VS and CVX codes a record may carry them as.
    pub observations: Vec<ObservationData>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObservationData {
    /// CDSi's own code ("020").
    pub code: String,
    /// "Laboratory Evidence of Immunity for Measles".
    pub title: String,
    /// (code system as CDC names it, code): ("SNOMED", "371111005").
    pub coded: Vec<(String, String)>,
}

/// A CDSi vaccine group ("DTaP/Tdap/Td") and the antigens it covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VaccineGroupData {
    pub name: String,
    pub antigens: Vec<String>,
    /// Whether a forecast for one antigen of the group is for the whole group (MMR: yes).
    pub administer_full_group: bool,
}

/// One CVX code and the antigens a dose of it counts toward, each from an age to an age.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CvxAntigens {
    pub cvx: String,
    pub description: String,
    pub associations: Vec<Association>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Association {
    pub antigen: String,
    /// From this age on the dose counts toward the antigen (None: from birth).
    pub begin_age: Option<Duration>,
    /// Before this age (None: at any age).
    pub end_age: Option<Duration>,
}

/// Two live vaccines given too close together: the later dose is not valid if given from
/// `begin` after the earlier one until `end` (or `min_end` with the grace the logic allows).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveVirusConflict {
    pub previous_cvx: String,
    pub current_cvx: String,
    pub begin: Duration,
    pub min_end: Duration,
    pub end: Duration,
}

/// A CDSi duration: terms of a number and a unit, added or subtracted in order ("6 weeks - 4 days",
/// "13 years + 4 weeks"). Each term is applied to a date in turn, as the logic specification does.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Duration {
    pub terms: Vec<(i32, Unit)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Days,
    Weeks,
    Months,
    Years,
}

impl Duration {
    /// Reads CDC's form: `N unit` terms joined by ` + ` or ` - `; None for anything else (an
    /// empty value is no duration, which callers read as "not set").
    pub fn parse(text: &str) -> Option<Duration> {
        let mut terms = Vec::new();
        let mut sign = 1;
        let mut words = text.split_whitespace().peekable();
        words.peek()?;
        while let Some(number) = words.next() {
            let amount: i32 = number.parse().ok()?;
            let unit = match words.next()?.to_ascii_lowercase().as_str() {
                "day" | "days" => Unit::Days,
                "week" | "weeks" => Unit::Weeks,
                "month" | "months" => Unit::Months,
                "year" | "years" => Unit::Years,
                _ => return None,
            };
            terms.push((sign * amount, unit));
            sign = match words.next() {
                None => break,
                Some("+") => 1,
                Some("-") => -1,
                Some(_) => return None,
            };
            words.peek()?;
        }
        Some(Duration { terms })
    }
}
