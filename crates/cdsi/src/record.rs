//! A record as Record Desk read it, turned into what the engine takes: the doses that are doses
//! (given in full or in part, with a full date and a CVX code), the patient's birth date and
//! gender, and the observations CDC's data knows. What cannot be evaluated is said, dose by dose;
//! the reading itself is never changed.

use recdesk_record::{DoseStatus, ObservationKind, PartialDate, Record};
use serde::Serialize;

use crate::Schedule;
use crate::antigen::Gender;
use crate::date::Date;
use crate::patient::{AdministeredDose, Patient};

/// The engine's input from one record, with the way back to the record's doses.
#[derive(Clone, Debug)]
pub struct RecordPatient {
    pub patient: Patient,
    /// For each of `patient.doses`, its place among the record's immunizations.
    pub immunization_of_dose: Vec<usize>,
    /// The record's immunizations the engine was not given, and why.
    pub not_evaluated: Vec<NotEvaluated>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NotEvaluated {
    /// The immunization's place in the record (0-based).
    pub immunization: usize,
    pub why: String,
}

/// Reads `record` for the engine. CDC's observation codes are found from the SNOMED or PHIN VS
/// codes the record carries (HL7 OBX 59784-9 and 30945-0, FHIR as read).
pub fn patient_from_record(record: &Record, schedule: &Schedule) -> RecordPatient {
    let birth_date = record.patient.birth_date.as_ref().and_then(|d| full_date(&d.value));
    let gender = record.patient.sex.as_ref().map(|sex| match sex.value.code.to_ascii_lowercase().as_str() {
        "f" | "female" => Gender::Female,
        "m" | "male" => Gender::Male,
        _ => Gender::Unknown,
    });
    let mut patient = Patient { birth_date, gender, doses: Vec::new(), observations: Vec::new() };
    let mut immunization_of_dose = Vec::new();
    let mut not_evaluated = Vec::new();
    for (index, immunization) in record.immunizations.iter().enumerate() {
        let mut skip = |why: String| not_evaluated.push(NotEvaluated { immunization: index, why });
        if !immunization.status.counts_as_dose() {
            skip(format!("not evaluated: {}, not a dose", immunization.status.label()));
            continue;
        }
        let Some(cvx) = immunization.cvx.as_ref().map(|c| c.value.trim().to_owned()).filter(|c| !c.is_empty()) else {
            skip("not evaluated: no CVX code, so the vaccine cannot be matched to CDC's schedule".to_owned());
            continue;
        };
        let Some(given) = immunization.date.as_ref().map(|d| d.value) else {
            skip("not evaluated: no date".to_owned());
            continue;
        };
        let Some(date) = full_date(&given) else {
            skip(format!(
                "not evaluated: only {} is known, and a dose is judged against ages and intervals by its full date",
                if given.month.is_some() { "the month" } else { "the year" }
            ));
            continue;
        };
        // A partial dose, or a lot past its expiry date, is a dose that counts for nothing.
        let expired = immunization.expiration_date.as_ref().and_then(|e| full_date(&e.value)).is_some_and(|e| e < date);
        patient.doses.push(AdministeredDose {
            date,
            cvx: normalize_cvx(&cvx),
            mvx: immunization.manufacturer.as_ref().map(|m| m.value.code.clone()).filter(|m| !m.is_empty()),
            substandard: immunization.status == DoseStatus::Partial || expired,
        });
        immunization_of_dose.push(index);
    }
    let observed = record.observations.iter().chain(record.immunizations.iter().flat_map(|i| &i.observations));
    for observation in observed {
        if !matches!(
            observation.kind,
            ObservationKind::EvidenceOfImmunity | ObservationKind::Contraindication | ObservationKind::SpecialRisk
        ) {
            continue;
        }
        let code = observation.value.value.code.trim();
        for known in &schedule.observations {
            if known.coded.iter().any(|(_, coded)| coded == code) && !patient.observations.contains(&known.code) {
                patient.observations.push(known.code.clone());
            }
        }
    }
    RecordPatient { patient, immunization_of_dose, not_evaluated }
}

/// CDC writes one-digit CVX codes with a leading zero ("03"); records sometimes drop it.
fn normalize_cvx(cvx: &str) -> String {
    if cvx.len() == 1 && cvx.bytes().all(|b| b.is_ascii_digit()) { format!("0{cvx}") } else { cvx.to_owned() }
}

fn full_date(date: &PartialDate) -> Option<Date> {
    Date::new(i32::from(date.year), u32::from(date.month?), u32::from(date.day?))
}
