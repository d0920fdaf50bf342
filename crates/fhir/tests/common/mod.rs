//! Shared by the fixture and property tests: every location in an outcome, and the check
//! that each one is a JSON Pointer to an element of the input.

#![allow(dead_code)]

use recdesk_record::{Located, Location, ReadOutcome, Record};
use serde_json::Value;

/// Every location in an outcome, labelled with what it locates, and the values that must be
/// exactly the (trimmed) string at their pointer.
#[derive(Default)]
pub struct Locations<'o> {
    pub all: Vec<(&'static str, &'o Location)>,
    pub verbatim: Vec<(&'static str, &'o Located<String>)>,
}

impl<'o> Locations<'o> {
    fn one<T>(&mut self, what: &'static str, value: &'o Option<Located<T>>) {
        if let Some(value) = value {
            self.all.push((what, &value.at));
        }
    }

    fn many<T>(&mut self, what: &'static str, values: &'o [Located<T>]) {
        self.all.extend(values.iter().map(|v| (what, &v.at)));
    }

    fn verbatim(&mut self, what: &'static str, value: &'o Option<Located<String>>) {
        self.one(what, value);
        self.verbatim.extend(value.iter().map(|v| (what, v)));
    }

    fn verbatim_many(&mut self, what: &'static str, values: &'o [Located<String>]) {
        self.many(what, values);
        self.verbatim.extend(values.iter().map(|v| (what, v)));
    }

    pub fn of(outcome: &'o ReadOutcome) -> Self {
        let mut at = Self::default();
        for record in &outcome.records {
            at.record(record);
        }
        at.all.extend(outcome.diagnostics.iter().filter_map(|d| d.location.as_ref()).map(|l| ("diagnostic", l)));
        at
    }

    fn record(&mut self, record: &'o Record) {
        self.one("data as of", &record.data_as_of);
        let p = &record.patient;
        self.many("patient name", &p.names);
        self.one("birth date", &p.birth_date);
        self.one("sex", &p.sex);
        self.many("address", &p.addresses);
        self.many("telecom", &p.telecoms);
        self.many("identifier", &p.identifiers);
        self.one("mother's maiden name", &p.mothers_maiden_name);
        self.many("race", &p.races);
        self.many("ethnicity", &p.ethnicities);
        self.one("birth place", &p.birth_place);
        self.one("multiple birth", &p.multiple_birth);
        self.one("birth order", &p.birth_order);
        self.one("deceased", &p.deceased);
        self.one("death date", &p.death_date);
        self.one("protection indicator", &record.protection.protection_indicator);
        self.one("publicity", &record.protection.publicity);
        self.one("registry status", &record.protection.registry_status);
        for person in &record.related_persons {
            self.one("related person name", &person.name);
            self.one("relationship", &person.relationship);
            self.many("related person address", &person.addresses);
            self.many("related person telecom", &person.telecoms);
            self.many("related person identifier", &person.identifiers);
        }
        for entry in &record.insurance {
            self.one("insurance description", &entry.description);
            self.many("insurance identifier", &entry.identifiers);
            self.all.push(("insurance origin", &entry.origin));
        }
        for dose in &record.immunizations {
            self.one("dose date", &dose.date);
            self.verbatim("cvx", &dose.cvx);
            self.verbatim("ndc", &dose.ndc);
            self.verbatim("sent name", &dose.sent_name);
            self.one("information source", &dose.source);
            self.one("amount", &dose.amount);
            self.one("manufacturer", &dose.manufacturer);
            self.verbatim_many("lot number", &dose.lot_numbers);
            self.one("expiration date", &dose.expiration_date);
            self.one("route", &dose.route);
            self.one("site", &dose.site);
            self.one("dose number", &dose.dose_number);
            self.verbatim("administered at", &dose.administered_at);
            self.one("administered by", &dose.administered_by);
            self.one("ordered by", &dose.ordered_by);
            self.one("entered by", &dose.entered_by);
            self.one("refusal reason", &dose.refusal_reason);
            for vis in &dose.vis {
                self.one("vis document", &vis.document);
                self.one("vis vaccine type", &vis.vaccine_type);
                self.one("vis published", &vis.published);
                self.one("vis presented", &vis.presented);
            }
            self.one("funding eligibility", &dose.funding_eligibility);
            self.one("funding source", &dose.funding_source);
            for evaluation in &dose.evaluations {
                self.one("evaluation group", &evaluation.vaccine_group);
                self.one("evaluation schedule", &evaluation.schedule);
                self.one("evaluation dose number", &evaluation.dose_number);
                self.one("evaluation doses in series", &evaluation.doses_in_series);
                self.one("evaluation valid", &evaluation.valid);
                self.one("evaluation reason", &evaluation.reason);
            }
            for observation in &dose.observations {
                self.all.push(("dose observation", &observation.value.at));
                self.one("dose observation date", &observation.date);
            }
            self.verbatim_many("dose note", &dose.notes);
            if let Some(origin) = &dose.origin {
                self.all.push(("dose origin", origin));
            }
        }
        for row in &record.forecast {
            self.one("forecast group", &row.vaccine_group);
            self.one("forecast schedule", &row.schedule);
            self.one("forecast dose number", &row.dose_number);
            self.one("forecast earliest", &row.earliest);
            self.one("forecast due", &row.due);
            self.one("forecast latest", &row.latest);
            self.one("forecast overdue", &row.overdue);
            self.one("forecast series status", &row.series_status);
        }
        for observation in &record.observations {
            self.all.push(("record observation", &observation.value.at));
            self.one("record observation date", &observation.date);
        }
        self.verbatim_many("record note", &record.notes);
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
