//! Places from a record's small bundle made places in the big bundle it was cut from: a JSON
//! Pointer `/entry/N…` becomes `/entry/{N + first}…`, in every value the reading located and in
//! its diagnostics, so logs and messages point into the file the user has. Every struct is
//! taken apart field by field (no `..`): a field the model gains does not compile until it is
//! placed here too.

use recdesk_record::{
    ClinicalObservation, Evaluation, ForecastRow, Immunization, InsuranceEntry, Located, Location, Patient, Protection,
    ReadOutcome, Record, RelatedPerson, VisDocument,
};

/// `/entry/N…` as `/entry/{N + by}…`; None for a pointer outside the entries (the bundle's own
/// members).
pub fn pointer(pointer: &str, by: usize) -> Option<String> {
    let rest = pointer.strip_prefix("/entry/")?;
    let end = rest.find('/').unwrap_or(rest.len());
    let index: usize = rest[..end].parse().ok()?;
    Some(format!("/entry/{}{}", index + by, &rest[end..]))
}

/// Moves every place in `outcome` by `by` entries.
pub fn outcome(outcome: &mut ReadOutcome, by: usize) {
    for record in &mut outcome.records {
        self::record(record, by);
    }
    for diagnostic in &mut outcome.diagnostics {
        if let Some(location) = &mut diagnostic.location {
            at(location, by);
        }
    }
}

fn at(location: &mut Location, by: usize) {
    if let Location::Json { pointer: text, .. } = location {
        if let Some(moved) = pointer(text, by) {
            *text = moved;
        }
    }
}

fn one<T>(value: &mut Option<Located<T>>, by: usize) {
    if let Some(value) = value {
        at(&mut value.at, by);
    }
}

fn each<T>(values: &mut [Located<T>], by: usize) {
    for value in values {
        at(&mut value.at, by);
    }
}

fn record(record: &mut Record, by: usize) {
    let Record {
        message: _,
        data_as_of,
        patient,
        protection,
        related_persons,
        insurance,
        immunizations,
        forecast,
        observations,
        notes,
    } = record;
    one(data_as_of, by);
    self::patient(patient, by);
    let Protection { protection_indicator, publicity, registry_status } = protection;
    one(protection_indicator, by);
    one(publicity, by);
    one(registry_status, by);
    for person in related_persons {
        let RelatedPerson { name, relationship, addresses, telecoms, identifiers } = person;
        one(name, by);
        one(relationship, by);
        each(addresses, by);
        each(telecoms, by);
        each(identifiers, by);
    }
    for entry in insurance {
        let InsuranceEntry { kind: _, description, identifiers, origin } = entry;
        one(description, by);
        each(identifiers, by);
        at(origin, by);
    }
    for dose in immunizations {
        immunization(dose, by);
    }
    for row in forecast {
        let ForecastRow { vaccine_group, schedule, dose_number, earliest, due, latest, overdue, series_status } = row;
        for value in [vaccine_group, schedule, series_status] {
            one(value, by);
        }
        one(dose_number, by);
        for value in [earliest, due, latest, overdue] {
            one(value, by);
        }
    }
    for item in observations {
        observation(item, by);
    }
    each(notes, by);
}

fn patient(patient: &mut Patient, by: usize) {
    let Patient {
        names,
        birth_date,
        sex,
        addresses,
        telecoms,
        identifiers,
        mothers_maiden_name,
        races,
        ethnicities,
        birth_place,
        multiple_birth,
        birth_order,
        deceased,
        death_date,
    } = patient;
    each(names, by);
    one(birth_date, by);
    one(sex, by);
    each(addresses, by);
    each(telecoms, by);
    each(identifiers, by);
    one(mothers_maiden_name, by);
    each(races, by);
    each(ethnicities, by);
    for value in [birth_place, multiple_birth, birth_order] {
        one(value, by);
    }
    one(deceased, by);
    one(death_date, by);
}

fn immunization(dose: &mut Immunization, by: usize) {
    let Immunization {
        date,
        cvx,
        vaccine: _,
        vaccine_groups: _,
        ndc,
        sent_name,
        status: _,
        source,
        amount,
        manufacturer,
        lot_numbers,
        expiration_date,
        route,
        site,
        dose_number,
        administered_at,
        administered_by,
        ordered_by,
        entered_by,
        refusal_reason,
        subpotent_reason,
        vis,
        funding_eligibility,
        funding_source,
        evaluations,
        observations,
        notes,
        origin,
    } = dose;
    for value in [date, expiration_date] {
        one(value, by);
    }
    for value in [cvx, ndc, sent_name, amount, dose_number, administered_at] {
        one(value, by);
    }
    one(source, by);
    for value in [manufacturer, route, site, refusal_reason, subpotent_reason, funding_eligibility, funding_source] {
        one(value, by);
    }
    each(lot_numbers, by);
    for value in [administered_by, ordered_by, entered_by] {
        one(value, by);
    }
    for document in vis {
        let VisDocument { document, vaccine_type, published, presented } = document;
        one(document, by);
        one(vaccine_type, by);
        one(published, by);
        one(presented, by);
    }
    for evaluation in evaluations {
        let Evaluation { vaccine_group, schedule, dose_number, doses_in_series, valid, reason } = evaluation;
        for value in [vaccine_group, schedule, reason] {
            one(value, by);
        }
        one(dose_number, by);
        one(doses_in_series, by);
        one(valid, by);
    }
    for item in observations {
        observation(item, by);
    }
    each(notes, by);
    if let Some(origin) = origin {
        at(origin, by);
    }
}

fn observation(observation: &mut ClinicalObservation, by: usize) {
    let ClinicalObservation { kind: _, value, date } = observation;
    at(&mut value.at, by);
    one(date, by);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pointers_into_the_entries_move() {
        assert_eq!(pointer("/entry/0/resource/name/1", 40).as_deref(), Some("/entry/40/resource/name/1"));
        assert_eq!(pointer("/entry/3", 2).as_deref(), Some("/entry/5"));
        assert_eq!(pointer("/type", 2), None);
        assert_eq!(pointer("", 2), None);
        assert_eq!(pointer("/entryx/1", 2), None);
    }

    /// Every place `Record::locations` lists (the model's own account of them) moves, for every
    /// fixture of the FHIR reader.
    #[test]
    fn every_place_of_every_fixture_moves() {
        let dirs = [
            concat!(env!("CARGO_MANIFEST_DIR"), "/../fhir/tests/fixtures"),
            concat!(env!("CARGO_MANIFEST_DIR"), "/../intake/tests/fixtures"),
        ];
        let mut places = 0;
        for dir in dirs {
            for path in std::fs::read_dir(dir).expect("fixtures").map(|e| e.expect("an entry").path()) {
                let name = path.to_string_lossy().into_owned();
                if !name.ends_with(".json") || name.ends_with(".expected.json") {
                    continue;
                }
                let mut read = recdesk_fhir_read(&path);
                let before = read.clone();
                outcome(&mut read, 1000);
                for (record, was) in read.records.iter().zip(&before.records) {
                    for ((what, moved), (_, original)) in record.locations().into_iter().zip(was.locations()) {
                        places += 1;
                        let (Location::Json { pointer: moved, .. }, Location::Json { pointer: original, .. }) =
                            (moved, original)
                        else {
                            continue;
                        };
                        assert_eq!(
                            *moved,
                            pointer(original, 1000).unwrap_or_else(|| original.clone()),
                            "{name}: {what}"
                        );
                    }
                }
            }
        }
        assert!(places > 300, "{places}");
    }

    fn recdesk_fhir_read(path: &std::path::Path) -> ReadOutcome {
        let bytes = std::fs::read(path).expect("a fixture");
        let trust = recdesk_intake::TrustStore::bundled();
        recdesk_intake::read(&bytes, &recdesk_intake::ReadContext { now_unix_seconds: 0, trust: &trust }).outcome
    }
}
