//! CDC's Clinical Decision Support for Immunization (CDSi) supporting data, version 4.64
//! (November 2025): the schedule-wide part (vaccine groups and their antigens, the CVX to antigen
//! map with its ages, live-virus conflicts), read from CDC's XML at build time (`build.rs`) into a
//! compact form loaded once. The dose evaluation and forecasting that use it come next.
//!
//! Pure: no I/O at run time; the data is part of the crate, with its version and date.

pub mod antigen;
mod assess;
mod date;
mod patient;
mod record;
mod schedule;
mod select;
mod series;

use std::sync::OnceLock;

pub use antigen::{AntigenData, Gender};
pub use assess::{AntigenForecast, Assessment, DoseEvaluation, DoseProblem, GroupForecast};
pub use date::Date;
pub use patient::{AdministeredDose, Patient, Reason, SeriesStatus, Status};
pub use record::{NotEvaluated, RecordPatient, patient_from_record};
pub use schedule::{
    Association, CvxAntigens, Duration, LiveVirusConflict, ObservationData, Schedule, Unit, VaccineGroupData,
};

/// Every antigen's supporting data (built into the crate), in CDC's file order.
pub fn antigens() -> &'static [AntigenData] {
    static ANTIGENS: OnceLock<Vec<AntigenData>> = OnceLock::new();
    // Unreachable fallback, as for the schedule: build.rs wrote this file from the same types.
    ANTIGENS.get_or_init(|| {
        serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/antigens.json"))).unwrap_or_default()
    })
}

/// Evaluates every dose of `patient` and forecasts every vaccine group, as of `assessed_on`,
/// against the supporting data built into the crate.
pub fn assess(patient: &Patient, assessed_on: Date) -> Assessment {
    assess::assess(patient, assessed_on, schedule(), antigens())
}

/// The schedule CDC's supporting data gives (built into the crate).
pub fn schedule() -> &'static Schedule {
    static SCHEDULE: OnceLock<Schedule> = OnceLock::new();
    SCHEDULE.get_or_init(|| {
        serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/schedule.json"))).unwrap_or_else(|_| Schedule {
            // Unreachable: build.rs wrote this file from the same types; an empty schedule
            // would evaluate nothing rather than panic.
            version: String::new(),
            released: String::new(),
            vaccine_groups: Vec::new(),
            cvx: Vec::new(),
            live_virus_conflicts: Vec::new(),
            observations: Vec::new(),
        })
    })
}

impl Schedule {
    /// "schedule: CDC CDSi 4.64, November 2025": what a report says its answers follow.
    pub fn source(&self) -> String {
        format!("schedule: CDC CDSi {}, {}", self.version, self.released)
    }

    /// The antigens a dose of `cvx` counts toward (at some age), in CDC's order.
    pub fn antigens_of(&self, cvx: &str) -> Vec<&str> {
        self.cvx
            .iter()
            .find(|map| map.cvx == cvx)
            .map(|map| map.associations.iter().map(|a| a.antigen.as_str()).collect())
            .unwrap_or_default()
    }

    /// The vaccine group an antigen belongs to.
    pub fn group_of(&self, antigen: &str) -> Option<&str> {
        self.vaccine_groups.iter().find(|g| g.antigens.iter().any(|a| a == antigen)).map(|g| g.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_cdc_writes_them() {
        assert_eq!(
            Duration::parse("6 weeks - 4 days"),
            Some(Duration { terms: vec![(6, Unit::Weeks), (-4, Unit::Days)] })
        );
        assert_eq!(
            Duration::parse(" 13 years + 4 weeks"),
            Some(Duration { terms: vec![(13, Unit::Years), (4, Unit::Weeks)] })
        );
        assert_eq!(Duration::parse("1 day"), Some(Duration { terms: vec![(1, Unit::Days)] }));
        for bad in ["", "six weeks", "6 fortnights", "6 weeks -", "6 weeks * 2", "6"] {
            assert_eq!(Duration::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn the_schedule_is_cdcs_4_64_whole() {
        let schedule = schedule();
        assert_eq!(schedule.source(), "schedule: CDC CDSi 4.64, November 2025");
        assert_eq!(schedule.vaccine_groups.len(), 26);
        assert_eq!(schedule.cvx.len(), 218);
        assert_eq!(schedule.live_virus_conflicts.len(), 625);
        // A combination vaccine counts toward each of its antigens.
        assert_eq!(schedule.antigens_of("110"), ["Diphtheria", "Tetanus", "Pertussis", "HepB", "Polio"]);
        assert_eq!(schedule.group_of("Pertussis"), Some("DTaP/Tdap/Td"));
        let mmr = schedule.vaccine_groups.iter().find(|g| g.name == "MMR").expect("MMR");
        assert!(mmr.administer_full_group);
        assert_eq!(mmr.antigens, ["Measles", "Mumps", "Rubella"]);
        // MMR then varicella: not within 28 days.
        let conflict = schedule
            .live_virus_conflicts
            .iter()
            .find(|c| c.previous_cvx == "03" && c.current_cvx == "21")
            .expect("MMR then varicella");
        assert_eq!(conflict.end, Duration { terms: vec![(28, Unit::Days)] });
        // Every antigen a CVX maps to belongs to a vaccine group.
        for map in &schedule.cvx {
            for association in &map.associations {
                assert!(schedule.group_of(&association.antigen).is_some(), "{}: {}", map.cvx, association.antigen);
            }
        }
    }
}
