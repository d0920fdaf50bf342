//! Shared by the fixture and property tests: every location in an outcome, and the check
//! that each one is a JSON Pointer to an element of the input.

#![allow(dead_code)]

use recdesk_record::{Located, Location, ReadOutcome};
use serde_json::Value;

/// Every location in an outcome, labelled with what it locates, and the values that must be
/// exactly the (trimmed) string at their pointer.
#[derive(Default)]
pub struct Locations<'o> {
    pub all: Vec<(&'static str, &'o Location)>,
    pub verbatim: Vec<(&'static str, &'o Located<String>)>,
}

impl<'o> Locations<'o> {
    pub fn of(outcome: &'o ReadOutcome) -> Self {
        let mut at = Self::default();
        for record in &outcome.records {
            at.all.extend(record.locations());
            // The values this reader copies verbatim from one place in the input.
            let dose_texts = record.immunizations.iter().flat_map(|dose| {
                [
                    ("cvx", &dose.cvx),
                    ("ndc", &dose.ndc),
                    ("sent name", &dose.sent_name),
                    ("administered at", &dose.administered_at),
                ]
                .into_iter()
                .filter_map(|(what, value)| value.as_ref().map(|v| (what, v)))
                .chain(dose.lot_numbers.iter().map(|v| ("lot number", v)))
                .chain(dose.notes.iter().map(|v| ("dose note", v)))
            });
            at.verbatim.extend(dose_texts);
            at.verbatim.extend(record.notes.iter().map(|v| ("record note", v)));
        }
        at.all.extend(outcome.diagnostics.iter().filter_map(|d| d.location.as_ref()).map(|l| ("diagnostic", l)));
        at
    }
}

/// The pointer of a JSON location (panics on an HL7 one: a FHIR reader never makes those).
pub fn pointer(at: &Location) -> &str {
    match at {
        Location::Json { pointer, .. } => pointer,
        Location::Hl7(_) => panic!("an HL7 location from the FHIR reader: {at}"),
    }
}

/// Checks every location of `outcome` against `input` (read as document `document`):
/// each is a JSON location of that document whose pointer resolves to an element; values
/// taken verbatim are the trimmed string at their pointer; records and dose origins make
/// sense (a dose's origin is an Immunization resource, each dose has its own).
pub fn check_locations(input: &Value, document: u32, outcome: &ReadOutcome) -> Result<(), String> {
    let at = Locations::of(outcome);
    for (what, location) in &at.all {
        let Location::Json { document: found, pointer } = location else {
            return Err(format!("{what}: not a JSON location: {location}"));
        };
        if *found != document {
            return Err(format!("{what} at {location}: document {found}, expected {document}"));
        }
        if input.pointer(pointer).is_none() {
            return Err(format!("{what} at {location}: the pointer does not resolve in the input"));
        }
    }
    for (what, value) in &at.verbatim {
        let source = input.pointer(pointer(&value.at)).and_then(Value::as_str).map(str::trim);
        if source != Some(value.value.as_str()) {
            return Err(format!("{what} at {}: {:?} is not the string there ({source:?})", value.at, value.value));
        }
    }
    let mut origins: Vec<&str> = Vec::new();
    for record in &outcome.records {
        if record.message != document {
            return Err(format!("a record of document {}, expected {document}", record.message));
        }
        for dose in &record.immunizations {
            let origin = dose.origin.as_ref().map(pointer).ok_or("a dose without an origin")?;
            let kind = input.pointer(origin).and_then(|r| r.get("resourceType")).and_then(Value::as_str);
            if kind.map(str::trim) != Some("Immunization") {
                return Err(format!("a dose's origin {origin} is not an Immunization"));
            }
            origins.push(origin);
        }
    }
    let count = origins.len();
    origins.sort_unstable();
    origins.dedup();
    if origins.len() != count {
        return Err("two doses come from the same Immunization".to_owned());
    }
    let records: u32 = outcome.messages.iter().map(|m| m.records).sum();
    if records as usize != outcome.records.len() {
        return Err(format!("the summary counts {records} records, there are {}", outcome.records.len()));
    }
    Ok(())
}
