//! The doses held for a clinician, named for staff (never printed on a copy): holding a
//! combination dose withholds every vaccine group it carries, so staff are told which.

use recdesk_record::{Location, Record};

/// One line per held dose: its date, the vaccine, and every vaccine group it withholds, e.g.
/// "2026-01-15 · Hepatitis A and hepatitis B vaccine: withholds Hepatitis B, Hepatitis A". A held
/// location that is no dose of `record` is said as such rather than dropped.
pub fn held_doses(record: &Record, held: &[Location]) -> Vec<String> {
    held.iter()
        .map(|at| match record.immunizations.iter().find(|dose| dose.origin.as_ref() == Some(at)) {
            Some(dose) => {
                let date = dose.date.as_ref().map_or_else(|| "date not known".to_owned(), |d| d.value.to_string());
                let groups: Vec<&str> = dose.vaccine_groups.iter().map(|group| group.label()).collect();
                format!("{date} · {}: withholds {}", dose.vaccine, groups.join(", "))
            }
            None => format!("the dose at {at} (not found in this record)"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use recdesk_record::{Immunization, Located, PartialDate, VaccineGroup};

    use super::*;

    fn at(segment_index: u32) -> Location {
        Location::Json { document: 1, pointer: format!("/entry/{segment_index}") }
    }

    #[test]
    fn a_combination_dose_names_every_group_it_withholds() {
        let dose = Immunization {
            date: PartialDate::parse("20260115").map(|d| Located::new(d, at(9))),
            vaccine: "Hep A-Hep B".into(),
            vaccine_groups: vec![VaccineGroup::HepatitisB, VaccineGroup::HepatitisA],
            origin: Some(at(1)),
            ..Immunization::default()
        };
        let record = Record { immunizations: vec![dose], ..Record::default() };
        assert_eq!(
            held_doses(&record, &[at(1), at(2)]),
            [
                "2026-01-15 · Hep A-Hep B: withholds Hepatitis B, Hepatitis A".to_owned(),
                "the dose at document 1, /entry/2 (not found in this record)".to_owned(),
            ]
        );
    }
}
