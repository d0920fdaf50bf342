//! One fixture per input shape (tests/fixtures/NAME.json), each with the whole output expected
//! of it (NAME.expected.json). After a deliberate change, refresh the expectations with
//! `UPDATE_EXPECT=1 cargo test -p recdesk-fhir --test fixtures` and review the diff.
//!
//! The targeted tests below pin what matters in each fixture, so a refreshed expectation
//! cannot quietly accept a wrong answer.

mod common;

#[path = "../../../tests/support/expected.rs"]
mod expected;

use std::path::{Path, PathBuf};

use expected::Expected;
use recdesk_record::{
    DoseStatus, Format, Immunization, InformationSource, InsuranceKind, ObservationKind, ReadOutcome, Record, Severity,
    VaccineGroup,
};
use serde_json::Value;

use common::{check_locations, pointer};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn text(name: &str) -> String {
    std::fs::read_to_string(fixtures().join(name)).expect("a fixture")
}

fn json(name: &str) -> Value {
    serde_json::from_str(&text(name)).expect("a JSON fixture")
}

fn read(name: &str) -> ReadOutcome {
    recdesk_fhir::read(&text(name))
}

fn inputs() -> Vec<PathBuf> {
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .expect("the fixtures folder")
        .map(|e| e.expect("an entry").path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".json") && !name.ends_with(".expected.json")
        })
        .collect();
    inputs.sort();
    inputs
}

fn check_expected(input: &Path) -> Option<String> {
    let name = input.file_name()?.to_str()?;
    let expected_path = fixtures().join(name.replace(".json", ".expected.json"));
    let actual = serde_json::to_string_pretty(&read(name)).expect("json") + "\n";
    Expected::check(&expected_path, &actual).problem(name, &expected_path)
}

#[test]
fn every_fixture_matches_its_expected_output() {
    let inputs = inputs();
    assert!(inputs.len() >= 26, "{} fixtures", inputs.len());
    let failures: Vec<String> = inputs.iter().filter_map(|p| check_expected(p)).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_location_in_every_fixture_points_into_it() {
    for input in inputs() {
        let name = input.file_name().and_then(|n| n.to_str()).expect("a name");
        let outcome = read(name);
        assert_eq!(outcome.format, Format::FhirJson, "{name}");
        let Ok(value) = serde_json::from_str::<Value>(&text(name)) else {
            assert!(outcome.records.is_empty() && outcome.has_errors(), "{name}: invalid JSON reads nothing");
            continue;
        };
        check_locations(&value, 1, &outcome).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

/// Free text, names, dates and identifiers from the inputs never appear in a diagnostic.
#[test]
fn diagnostics_never_quote_the_inputs_values() {
    const DATA: &[&str] = &[
        "family",
        "given",
        "text",
        "display",
        "value",
        "valueString",
        "diagnostics",
        "lotNumber",
        "birthDate",
        "occurrenceDateTime",
        "occurrenceString",
        "line",
        "city",
        "name",
        "subscriberId",
        "div",
    ];
    fn leaves<'v>(value: &'v Value, key: &str, out: &mut Vec<&'v str>) {
        match value {
            Value::String(s) if DATA.contains(&key) => out.push(s),
            Value::Array(items) => items.iter().for_each(|v| leaves(v, key, out)),
            Value::Object(map) => map.iter().for_each(|(k, v)| leaves(v, k, out)),
            _ => {}
        }
    }
    let known_words = ["Patient", "Immunization", "Observation", "Condition", "Practitioner", "Organization"];
    for input in inputs() {
        let name = input.file_name().and_then(|n| n.to_str()).expect("a name");
        let Ok(value) = serde_json::from_str::<Value>(&text(name)) else { continue };
        let mut values = Vec::new();
        leaves(&value, "", &mut values);
        let outcome = read(name);
        for diagnostic in &outcome.diagnostics {
            for v in values.iter().filter(|v| v.trim().len() >= 4 && !known_words.contains(&v.trim())) {
                assert!(
                    !diagnostic.message.contains(v.trim()),
                    "{name}: {:?} quotes the input's value {v:?}",
                    diagnostic.message
                );
            }
        }
    }
    // Keys of unknown elements are named only when they look like element names.
    let outcome = read("unknown-resources-and-elements.json");
    let all: String = outcome.diagnostics.iter().map(|d| d.message.as_str()).collect::<Vec<_>>().join("\n");
    assert!(!all.contains("Secret") && !all.contains("Claire") && !all.contains("locker"), "{all}");
}

// ── Helpers ───────────────────────────────────────────────────────────────────────────────

fn doses(record: &Record) -> Vec<(String, String, String)> {
    record
        .immunizations
        .iter()
        .map(|i| {
            (
                i.cvx.as_ref().map(|c| c.value.clone()).unwrap_or_default(),
                i.date.as_ref().map(|d| d.value.to_string()).unwrap_or_default(),
                i.lot_numbers.iter().map(|l| l.value.clone()).collect::<Vec<_>>().join(","),
            )
        })
        .collect()
}

fn names(record: &Record) -> Vec<String> {
    record.patient.names.iter().map(|n| n.value.display()).collect()
}

fn messages(outcome: &ReadOutcome) -> Vec<&str> {
    outcome.diagnostics.iter().map(|d| d.message.as_str()).collect()
}

fn at<T>(located: &Option<recdesk_record::Located<T>>) -> &str {
    located.as_ref().map_or("", |l| pointer(&l.at))
}

fn owned(items: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    items.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())).collect()
}

// ── SMART Health Card examples ────────────────────────────────────────────────────────────

#[test]
fn smart_health_card_examples_read_as_their_json_says() {
    for name in ["example-00-a-fhirBundle.json", "example-01-a-fhirBundle.json"] {
        let outcome = read(name);
        assert!(outcome.diagnostics.is_empty(), "{name}: {:?}", outcome.diagnostics);
        assert_eq!(outcome.records.len(), 1, "{name}");
        let record = &outcome.records[0];
        let name0 = &record.patient.names[0].value;
        assert_eq!((name0.family.as_str(), name0.given.clone()), ("Anyperson", vec!["John".into(), "B.".into()]));
        assert_eq!(record.patient.birth_date.as_ref().map(|d| d.value.to_string()).as_deref(), Some("1951-01-20"));
        assert_eq!(
            doses(record),
            owned(&[
                ("207", "2021-01-01", "0000001"),
                ("207", "2021-01-29", "0000007"),
                ("229", "2022-09-05", "0000001")
            ])
        );
        // The same values straight from the JSON, through the pointers the reader gives.
        let value = json(name);
        for dose in &record.immunizations {
            let cvx = dose.cvx.as_ref().expect("a CVX code");
            assert_eq!(value.pointer(pointer(&cvx.at)).and_then(Value::as_str), Some(cvx.value.as_str()));
            let date = dose.date.as_ref().expect("a date");
            assert_eq!(value.pointer(pointer(&date.at)).and_then(Value::as_str), Some(date.value.to_string().as_str()));
            assert_eq!(dose.administered_at.as_ref().map(|a| a.value.as_str()), Some("ABC General Hospital"));
            assert_eq!(dose.status, DoseStatus::Completed);
            assert_eq!(dose.vaccine_groups, [VaccineGroup::Covid19]);
        }
        assert_eq!(at(&record.immunizations[1].cvx), "/entry/2/resource/vaccineCode/coding/0/code");
        assert_eq!(at(&record.patient.birth_date), "/entry/0/resource/birthDate");
        // As a SMART Health Card reader calls it: the card's number is the document.
        let as_card = recdesk_fhir::read_value(&value, 3);
        assert_eq!(as_card.records[0].message, 3);
        check_locations(&value, 3, &as_card).expect("locations of document 3");
    }
}

// ── Bundle kinds ──────────────────────────────────────────────────────────────────────────

#[test]
fn a_collection_keeps_every_dose_name_and_identifier() {
    let outcome = read("bundle-collection.json");
    assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
    let record = &outcome.records[0];
    assert_eq!(names(record), ["Maria Elena Garcia Jr.", "Mari Garcia", "Maria Lopez"], "official name first");
    let kinds: Vec<&str> = record.patient.names.iter().map(|n| n.value.kind.as_str()).collect();
    assert_eq!(kinds, ["L", "D", "M"]);
    assert_eq!(record.patient.names[0].value.prefix, "Ms.");
    assert_eq!(at(&record.patient.names.first().cloned()), "/entry/0/resource/name/1");
    assert_eq!(record.patient.sex.as_ref().map(|s| s.value.code.as_str()), Some("female"));
    let ids: Vec<(&str, &str)> =
        record.patient.identifiers.iter().map(|i| (i.value.kind.as_str(), i.value.authority.as_str())).collect();
    assert_eq!(
        ids,
        [
            ("MR", "urn:oid:1.2.3.4.5.6"),
            ("SS", "http://hl7.org/fhir/sid/us-ssn"),
            ("MA", "MN Medicaid"),
            ("SR", "urn:oid:2.16.840.1.114222.4.3.3.5.1")
        ]
    );
    let telecoms: Vec<(&str, &str)> =
        record.patient.telecoms.iter().map(|t| (t.value.system.as_str(), t.value.usage.as_str())).collect();
    assert_eq!(telecoms, [("phone", "PRN"), ("phone", "PRS"), ("email", "NET"), ("other", "WPN")]);
    assert_eq!(record.patient.addresses[0].value.lines, ["123 Main St", "Apt 4"]);
    assert_eq!(record.patient.addresses[1].value.kind, "M");
    assert_eq!(doses(record), owned(&[("08", "2016-03-01", "HB123X"), ("110", "2016-05-02", "PDX778")]));
    let hep_b = &record.immunizations[0];
    assert_eq!(hep_b.ndc.as_ref().map(|n| n.value.as_str()), Some("58160-0820-11"));
    assert_eq!(hep_b.sent_name.as_ref().map(|n| n.value.as_str()), Some("ENGERIX-B PEDIATRIC"));
    assert_eq!(hep_b.vaccine, "Hep B, adolescent or pediatric");
    assert_eq!(
        record.immunizations[1].vaccine_groups,
        [VaccineGroup::DtapTdapTd, VaccineGroup::Polio, VaccineGroup::HepatitisB]
    );
    assert_eq!(record.data_as_of.as_ref().map(|d| d.value.to_string()).as_deref(), Some("2024-06-18"));
    assert_eq!(outcome.messages[0].message_type, "Bundle (collection)");
    assert_eq!(outcome.messages[0].records, 1);
}

#[test]
fn a_searchset_resolves_absolute_and_versioned_references_and_warns_of_more_pages() {
    let outcome = read("bundle-searchset.json");
    assert_eq!(outcome.records.len(), 1);
    let record = &outcome.records[0];
    assert_eq!(names(record), ["Chidi Okafor"]);
    assert_eq!(doses(record), owned(&[("20", "2019-01-15", ""), ("20", "2019-03-15", "")]));
    assert_eq!(outcome.messages[0].message_type, "Bundle (searchset)");
    // No timestamp: meta.lastUpdated is when the result was made.
    assert_eq!(at(&record.data_as_of), "/meta/lastUpdated");
    let m = messages(&outcome);
    assert_eq!(m.len(), 2, "{m:?}");
    assert!(m[0].contains("next page"), "{m:?}");
    assert!(m[1].starts_with("The server returned an OperationOutcome with 1 issue (severity information)"), "{m:?}");
    assert!(!m[1].contains("Chidi"));
    assert!(outcome.diagnostics.iter().all(|d| d.severity == Severity::Warning));
}

#[test]
fn a_document_reads_its_patient_and_reports_the_composition() {
    let outcome = read("bundle-document.json");
    let record = &outcome.records[0];
    assert_eq!(names(record), ["Astrid Lindqvist"]);
    assert_eq!(doses(record), owned(&[("62", "2021-08-20", "R012345")]));
    assert_eq!(
        messages(&outcome),
        ["FHIR Composition resources are not part of an immunization record and were not read."]
    );
    assert_eq!(outcome.messages[0].message_type, "Bundle (document)");
    assert_eq!(outcome.messages[0].sent_at.map(|d| d.to_string()).as_deref(), Some("2023-11-30"));
}

#[test]
fn a_transaction_resolves_urn_uuid_references_and_skips_bare_requests() {
    let outcome = read("bundle-transaction.json");
    assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
    assert_eq!(outcome.records.len(), 1);
    assert_eq!(names(&outcome.records[0]), ["Yara Haddad"]);
    assert_eq!(doses(&outcome.records[0]), owned(&[("03", "2021-02-01", "")]));
    assert_eq!(outcome.messages[0].message_type, "Bundle (transaction)");
}

#[test]
fn everything_reports_each_unread_resource_type_once_and_reads_performers() {
    let outcome = read("everything.json");
    assert_eq!(outcome.records.len(), 1);
    let m = messages(&outcome);
    let types: Vec<&str> = m
        .iter()
        .filter_map(|m| {
            m.strip_prefix("FHIR ")?
                .strip_suffix(" resources are not part of an immunization record and were not read.")
        })
        .collect();
    assert_eq!(types, ["Encounter", "Observation", "Condition", "AllergyIntolerance", "Practitioner", "Organization"]);
    assert_eq!(m.len(), 6, "two Observations, one warning: {m:?}");
    let dose = &outcome.records[0].immunizations[0];
    assert_eq!(dose.vaccine_groups, [VaccineGroup::Mmr, VaccineGroup::Varicella]);
    let by = &dose.administered_by.as_ref().expect("a practitioner").value;
    assert_eq!((by.prefix.as_str(), by.given.clone(), by.family.as_str()), ("Dr.", vec!["Emily".to_owned()], "Carter"));
    assert_eq!(dose.administered_at.as_ref().map(|a| a.value.as_str()), Some("Lakeside Pediatrics"));
    assert_eq!(at(&dose.administered_at), "/entry/2/resource/performer/1/actor/display");
}

// ── Contained resources and references ────────────────────────────────────────────────────

#[test]
fn contained_patient_and_mother_are_read_from_a_lone_immunization() {
    let outcome = read("contained.json");
    assert_eq!(outcome.records.len(), 1);
    let record = &outcome.records[0];
    assert_eq!(names(record), ["Zofia Kowalski"]);
    assert_eq!(at(&record.patient.birth_date), "/contained/0/birthDate");
    assert_eq!(record.related_persons.len(), 1);
    assert!(record.related_persons[0].is_mother());
    assert_eq!(doses(record), owned(&[("21", "2020-10-10", "V-2020-1")]));
    let dose = &record.immunizations[0];
    assert_eq!(dose.origin.as_ref().map(pointer), Some(""), "the whole document is the Immunization");
    assert_eq!(dose.manufacturer.as_ref().map(|m| m.value.text.as_str()), Some("Merck Sharp & Dohme"));
    assert_eq!(
        messages(&outcome),
        ["FHIR Organization resources are not part of an immunization record and were not read."]
    );
    assert_eq!(outcome.messages[0].message_type, "Immunization");
}

#[test]
fn every_reference_style_finds_its_patient_and_missing_patients_keep_their_doses() {
    let outcome = read("references.json");
    let records = &outcome.records;
    assert_eq!(records.len(), 6);
    // Patient/a and an absolute versioned URL both find Ada; urn:uuid finds Ben.
    assert_eq!(names(&records[0]), ["Ada Amsel"]);
    assert_eq!(doses(&records[0]), owned(&[("10", "2012-03-01", ""), ("10", "2012-05-01", "")]));
    assert_eq!(names(&records[1]), ["Ben Brandt"]);
    assert_eq!(doses(&records[1]), owned(&[("10", "2013-04-01", "")]));
    // Two patients present, so a missing one is not guessed: both doses for Patient/zzz
    // share one unnamed record; no patient, a logical reference and an unknown #id each
    // get their own.
    assert!(records[2..].iter().all(|r| r.patient.names.is_empty()));
    assert_eq!(doses(&records[2]), owned(&[("83", "2014-01-01", ""), ("83", "2014-07-01", "")]));
    assert_eq!(doses(&records[3]), owned(&[("88", "2015-10-01", "")]));
    assert_eq!(doses(&records[4]), owned(&[("88", "2016-10-01", "")]));
    assert_eq!(doses(&records[5]), owned(&[("88", "2017-10-01", "")]));
    let m = messages(&outcome);
    assert_eq!(m.len(), 4, "{m:?}");
    assert!(m.iter().all(|m| m.ends_with("the dose is shown under an unnamed patient of its own.")), "{m:?}");
    assert!(m[1].contains("is missing"), "{m:?}");
    assert_eq!(outcome.messages[0].records, 6);
}

#[test]
fn a_lone_immunization_gets_a_record_of_its_own() {
    let outcome = read("lone-immunization.json");
    assert_eq!(outcome.records.len(), 1);
    let record = &outcome.records[0];
    assert!(record.patient.names.is_empty());
    assert_eq!(doses(record), owned(&[("141", "2023-10-12", "FLU-23-A")]));
    assert_eq!(record.immunizations[0].source.as_ref().map(|s| s.value), Some(InformationSource::Administered));
    let m = messages(&outcome);
    assert_eq!(
        m,
        [
            "Immunization.patient refers to a patient that is not in the input; the dose is shown under an unnamed patient of its own."
        ]
    );
    assert_eq!(outcome.diagnostics[0].location.as_ref().map(pointer), Some("/patient"));
}

// ── The patient ───────────────────────────────────────────────────────────────────────────

#[test]
fn patient_extensions_race_ethnicity_maiden_name_birth_place() {
    let outcome = read("patient-extensions.json");
    let record = &outcome.records[0];
    let p = &record.patient;
    let races: Vec<&str> = p.races.iter().map(|r| r.value.code.as_str()).collect();
    assert_eq!(races, ["2106-3", "1002-5", "1586-7"]);
    assert_eq!(at(&p.races.first().cloned()), "/extension/0/extension/0/valueCoding");
    assert_eq!(p.ethnicities.len(), 1);
    assert_eq!(
        (p.ethnicities[0].value.code.as_str(), p.ethnicities[0].value.text.as_str()),
        ("", "Not Hispanic or Latino")
    );
    let maiden = &p.mothers_maiden_name.as_ref().expect("a maiden name").value;
    assert_eq!((maiden.family.as_str(), maiden.kind.as_str()), ("Whitehorse", "M"));
    assert_eq!(at(&p.mothers_maiden_name), "/extension/2/valueString");
    assert_eq!(p.birth_place.as_ref().map(|b| b.value.as_str()), Some("Fort Hall, ID, US"));
    assert_eq!(p.deceased.as_ref().map(|d| d.value), Some(true));
    assert_eq!(p.death_date.as_ref().map(|d| d.value.to_string()).as_deref(), Some("2024-01-05"));
    assert_eq!(p.multiple_birth.as_ref().map(|m| m.value.as_str()), Some("Y"));
    assert_eq!(p.birth_order.as_ref().map(|m| m.value.as_str()), Some("2"));
    // Patient.contact: the natural mother is a mother (MTH), preferred over the v2-0131 code.
    assert_eq!(record.related_persons.len(), 2);
    assert!(record.related_persons[0].is_mother());
    assert_eq!(record.related_persons[0].name.as_ref().map(|n| n.value.display()).as_deref(), Some("Mary Redcloud"));
    assert!(!record.related_persons[1].is_mother());
    let m = messages(&outcome);
    assert_eq!(m.len(), 2, "{m:?}");
    assert!(m[0].contains("us-core-birthsex"), "{m:?}");
    assert!(m[1].contains("only text"), "{m:?}");
    assert_eq!(outcome.messages[0].message_type, "Patient");
}

#[test]
fn non_ascii_names_are_kept_exactly() {
    let outcome = read("non-ascii-names.json");
    let record = &outcome.records[0];
    let official = &record.patient.names[0].value;
    assert_eq!(official.family, "Nguyễn");
    assert_eq!(official.given, ["Thị", "Ánh"]);
    assert_eq!(names(record), ["Thị Ánh Nguyễn", "Ánh Nguyễn", "Ánh"]);
    assert_eq!(record.patient.names[2].value.kind, "N");
    assert_eq!(record.patient.addresses[0].value.city, "Thành phố Hồ Chí Minh");
    assert_eq!(record.patient.mothers_maiden_name.as_ref().map(|m| m.value.family.as_str()), Some("Trần"));
    assert_eq!(record.related_persons[0].name.as_ref().map(|n| n.value.display()).as_deref(), Some("Øyvind Ærø"));
    let dose = &record.immunizations[0];
    assert_eq!(dose.sent_name.as_ref().map(|s| s.value.as_str()), Some("Sởi-Quai bị-Rubella"));
    assert_eq!(dose.vaccine, "MMR");
    assert_eq!(dose.notes[0].value, "Tiêm tại Sài Gòn 🩺");
    assert_eq!(dose.administered_at.as_ref().map(|a| a.value.as_str()), Some("Bệnh viện Nhi Đồng 1"));
    assert_eq!(
        messages(&outcome),
        ["A Patient.name has only text, no family or given names; the whole text was kept as the family name."]
    );
}

// ── Doses ─────────────────────────────────────────────────────────────────────────────────

#[test]
fn every_dose_status_is_kept_and_labelled() {
    let outcome = read("dose-statuses.json");
    let doses = &outcome.records[0].immunizations;
    use DoseStatus::*;
    let statuses: Vec<DoseStatus> = doses.iter().map(|i| i.status).collect();
    assert_eq!(
        statuses,
        [Completed, Refused, NotAdministered, Refused, EnteredInError, Partial, Completed, Completed, NotAdministered]
    );
    assert_eq!(doses[1].refusal_reason.as_ref().map(|r| r.value.code.as_str()), Some("PATOBJ"));
    assert_eq!(doses[2].refusal_reason.as_ref().map(|r| r.value.code.as_str()), Some("IMMUNE"));
    assert_eq!(doses[3].refusal_reason.as_ref().map(|r| r.value.code.as_str()), Some("01"));
    assert_eq!(doses[8].refusal_reason, None);
    assert!(!doses[4].status.counts_as_dose() && doses[5].status.counts_as_dose());
    let m = messages(&outcome);
    assert_eq!(m.len(), 3, "{m:?}");
    assert!(m[0].starts_with("Immunization.subpotentReason"), "{m:?}");
    assert!(m[1].contains("not completed, not-done or entered-in-error"), "{m:?}");
    assert!(m[2].contains("status is missing"), "{m:?}");
}

#[test]
fn occurrence_strings_are_read_when_they_are_dates_and_doses_are_kept_when_not() {
    let outcome = read("occurrence-string.json");
    let record = &outcome.records[0];
    assert_eq!(record.immunizations.len(), 5, "no dose is dropped");
    assert_eq!(
        doses(record),
        owned(&[("03", "1981-06", ""), ("03", "", ""), ("09", "", ""), ("09", "2001", ""), ("09", "", "")])
    );
    assert_eq!(at(&record.immunizations[0].date), "/entry/1/resource/occurrenceString");
    assert_eq!(record.patient.birth_date.as_ref().map(|d| d.value.to_string()).as_deref(), Some("1980"));
    let m = messages(&outcome);
    assert_eq!(m.len(), 3, "{m:?}");
    assert!(m[0].starts_with("Immunization.occurrenceString is not a real date"), "{m:?}");
    assert!(m[1].starts_with("Immunization.occurrenceDateTime is not a real date"), "{m:?}");
    assert!(m[2].contains("no date"), "{m:?}");
}

#[test]
fn historical_doses_come_from_primary_source_false_or_a_report_origin() {
    let outcome = read("historical.json");
    assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
    let sources: Vec<Option<InformationSource>> =
        outcome.records[0].immunizations.iter().map(|i| i.source.as_ref().map(|s| s.value)).collect();
    use InformationSource::*;
    assert_eq!(sources, [Some(Historical), Some(Historical), Some(Administered), Some(Historical), None]);
    assert_eq!(at(&outcome.records[0].immunizations[1].source), "/entry/2/resource/reportOrigin");
}

#[test]
fn a_full_immunization_fills_every_field() {
    let outcome = read("full-immunization.json");
    let dose: &Immunization = &outcome.records[0].immunizations[0];
    assert_eq!(dose.cvx.as_ref().map(|c| c.value.as_str()), Some("115"));
    assert_eq!(at(&dose.cvx), "/entry/1/resource/vaccineCode/coding/1/code");
    assert_eq!(dose.ndc.as_ref().map(|c| c.value.as_str()), Some("49281-0400-10"));
    assert_eq!(dose.sent_name.as_ref().map(|c| c.value.as_str()), Some("Adacel"));
    assert_eq!(dose.vaccine, "Tdap");
    assert_eq!(dose.date.as_ref().map(|d| d.value.to_string()).as_deref(), Some("2025-09-02"));
    assert_eq!(dose.amount.as_ref().map(|a| a.value.as_str()), Some("0.5 mL"));
    let maker = &dose.manufacturer.as_ref().expect("a manufacturer").value;
    assert_eq!((maker.code.as_str(), maker.text.as_str()), ("PMC", "Sanofi Pasteur"));
    assert_eq!(dose.expiration_date.as_ref().map(|d| d.value.to_string()).as_deref(), Some("2026-06-30"));
    assert_eq!(dose.site.as_ref().map(|s| s.value.code.as_str()), Some("LD"));
    assert_eq!(dose.route.as_ref().map(|s| s.value.code.as_str()), Some("IM"));
    assert_eq!(dose.dose_number.as_ref().map(|s| s.value.as_str()), Some("1"));
    let by = &dose.administered_by.as_ref().expect("a nurse").value;
    assert_eq!((by.given.clone(), by.family.as_str(), by.suffix.as_str()), (vec!["Nina".to_owned()], "Patel", "RN"));
    let ordered = &dose.ordered_by.as_ref().expect("an orderer").value;
    assert_eq!((ordered.family.as_str(), ordered.given.clone()), ("Okonkwo", vec!["Adaeze".to_owned()]));
    assert_eq!(dose.administered_at.as_ref().map(|a| a.value.as_str()), Some("Northside Pediatrics"));
    assert_eq!(
        dose.notes.iter().map(|n| n.value.as_str()).collect::<Vec<_>>(),
        ["Patient tolerated well; waited 15 minutes."]
    );
    assert_eq!(dose.observations.len(), 2);
    assert!(dose.observations.iter().all(|o| o.kind == ObservationKind::Reaction));
    assert_eq!(dose.observations[0].value.value.text, "Fever above 39 C");
    assert_eq!(dose.observations[1].date.as_ref().map(|d| d.value.to_string()).as_deref(), Some("2025-09-04"));
    assert_eq!(dose.funding_source.as_ref().map(|f| f.value.code.as_str()), Some("private"));
    assert_eq!(dose.funding_eligibility.as_ref().map(|f| f.value.code.as_str()), Some("ineligible"));
    assert_eq!(dose.vis.len(), 2);
    assert_eq!(dose.vis[0].document.as_ref().map(|d| d.value.code.as_str()), Some("253088698300028811170411"));
    assert_eq!(dose.vis[0].presented.as_ref().map(|d| d.value.to_string()).as_deref(), Some("2025-09-02"));
    assert_eq!(dose.vis[1].published.as_ref().map(|d| d.value.to_string()).as_deref(), Some("2021-08-06"));
    assert_eq!(
        messages(&outcome),
        ["Immunization.reasonCode is not part of the record Record Desk keeps; it was not read."]
    );
}

#[test]
fn vaccines_without_cvx_are_named_and_grouped_as_other() {
    let outcome = read("vaccine-codes.json");
    let doses = &outcome.records[0].immunizations;
    let names: Vec<&str> = doses.iter().map(|d| d.vaccine.as_str()).collect();
    assert_eq!(
        names,
        [
            "Unknown vaccine (CVX 124)",
            "COMIRNATY (no CVX code)",
            "Yellow fever (given abroad) (no CVX code)",
            "Unknown vaccine (no code)",
            "Unknown vaccine (no code)",
            "Influenza, split virus, trivalent, PF",
            "varicella",
            "COVID-19 mRNA (no CVX code)",
            "Hep B, adolescent or pediatric",
        ]
    );
    assert_eq!(doses[0].vaccine_groups, [VaccineGroup::Other]);
    assert!(doses[1..5].iter().all(|d| d.vaccine_groups == [VaccineGroup::Other] && d.cvx.is_none()));
    assert_eq!(doses[1].ndc.as_ref().map(|n| n.value.as_str()), Some("59267-1000-1"));
    assert_eq!(doses[5].cvx.as_ref().map(|c| c.value.as_str()), Some("140"), "the CVX OID is CVX");
    assert_eq!(doses[6].cvx.as_ref().map(|c| c.value.as_str()), Some("21"), "a bare short number is CVX");
    assert_eq!(doses[7].vaccine_groups, [VaccineGroup::Other], "SNOMED is not CVX");
    assert_eq!(doses[8].vaccine_groups, [VaccineGroup::HepatitisB]);
    let m = messages(&outcome);
    assert_eq!(m.len(), 5, "{m:?}");
    assert_eq!(
        m[0],
        "A dose has no CVX code, only another coding; it is shown under its sent name and grouped as Other."
    );
}

// ── Related people, coverage, forecast, evaluations ──────────────────────────────────────

#[test]
fn related_persons_map_v3_role_codes_to_table_0063() {
    let outcome = read("related-person.json");
    let people = &outcome.records[0].related_persons;
    let codes: Vec<&str> =
        people.iter().map(|p| p.relationship.as_ref().map_or("", |r| r.value.code.as_str())).collect();
    assert_eq!(codes, ["MTH", "FTH", "GRD", ""]);
    assert!(people[0].is_mother());
    assert_eq!(people[0].name.as_ref().map(|n| n.value.display()).as_deref(), Some("Fatima Ahmed"));
    assert_eq!(people[0].identifiers[0].value.kind, "SS");
    assert_eq!(people[0].telecoms.len(), 1);
    assert_eq!(people[0].addresses[0].value.city, "Rochester");
    assert_eq!(people[3].relationship.as_ref().map(|r| r.value.text.as_str()), Some("aunt"));
    assert_eq!(
        messages(&outcome),
        [
            "RelatedPerson.patient refers to a patient that is not in the input; the related person is shown under the only patient present."
        ]
    );
}

#[test]
fn coverage_keeps_the_plan_and_member_ids_but_no_person() {
    let outcome = read("coverage.json");
    assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
    let insurance = &outcome.records[0].insurance;
    assert_eq!(insurance.len(), 2);
    assert!(insurance.iter().all(|i| i.kind == InsuranceKind::Insurance));
    assert_eq!(
        insurance[0].description.as_ref().map(|d| d.value.as_str()),
        Some("Blue Cross Blue Shield of Minnesota")
    );
    let ids: Vec<(&str, &str)> =
        insurance[0].identifiers.iter().map(|i| (i.value.value.as_str(), i.value.kind.as_str())).collect();
    assert_eq!(ids, [("SUB-778899", "SN"), ("POL-55-1", "")]);
    assert_eq!(pointer(&insurance[0].origin), "/entry/1/resource");
    // A person as payor (self-pay) is never read: the plan's type text describes it.
    assert_eq!(insurance[1].description.as_ref().map(|d| d.value.as_str()), Some("Self-pay"));
    let text = serde_json::to_string(&outcome).expect("json");
    assert!(!text.contains("Karin"), "{text}");
}

#[test]
fn recommendations_become_forecast_rows() {
    let outcome = read("recommendation.json");
    let record = &outcome.records[0];
    assert_eq!(record.forecast.len(), 2);
    let row = &record.forecast[0];
    let date =
        |d: &Option<recdesk_record::Located<recdesk_record::PartialDate>>| d.as_ref().map(|d| d.value.to_string());
    assert_eq!(row.vaccine_group.as_ref().map(|g| g.value.code.as_str()), Some("107"));
    assert_eq!(row.series_status.as_ref().map(|s| s.value.code.as_str()), Some("due"));
    assert_eq!(row.dose_number.as_ref().map(|s| s.value.as_str()), Some("4"));
    assert_eq!(row.schedule.as_ref().map(|s| s.value.text.as_str()), Some("ACIP"));
    assert_eq!(date(&row.earliest).as_deref(), Some("2022-07-08"));
    assert_eq!(date(&row.due).as_deref(), Some("2022-08-08"));
    assert_eq!(date(&row.overdue).as_deref(), Some("2022-09-08"));
    assert_eq!(date(&row.latest).as_deref(), Some("2028-08-07"));
    assert_eq!(at(&row.due), "/entry/1/resource/recommendation/0/dateCriterion/1/value");
    let measles = &record.forecast[1];
    assert_eq!(measles.vaccine_group.as_ref().map(|g| g.value.code.as_str()), Some("14189004"), "targetDisease");
    assert_eq!(measles.dose_number.as_ref().map(|s| s.value.as_str()), Some("booster"));
    assert_eq!(measles.due, None);
    assert_eq!(record.observations.len(), 1);
    assert_eq!(record.observations[0].kind, ObservationKind::Contraindication);
    assert_eq!(record.observations[0].value.value.code, "94");
    let m = messages(&outcome);
    assert_eq!(m.len(), 3, "{m:?}");
    assert!(m[0].contains("99999-9"), "{m:?}");
    assert!(m.iter().all(|m| !m.contains("Amani")));
}

#[test]
fn evaluations_attach_to_their_doses() {
    let outcome = read("evaluation.json");
    let doses = &outcome.records[0].immunizations;
    assert_eq!(doses[0].evaluations.len(), 1, "the entered-in-error evaluation is not read");
    assert_eq!(doses[0].evaluations[0].valid.as_ref().map(|v| v.value), Some(true));
    assert_eq!(doses[0].evaluations[0].doses_in_series.as_ref().map(|v| v.value.as_str()), Some("5"));
    assert_eq!(doses[1].evaluations.len(), 1);
    let second = &doses[1].evaluations[0];
    assert_eq!(second.valid.as_ref().map(|v| v.value), Some(false));
    assert_eq!(second.reason.as_ref().map(|r| r.value.code.as_str()), Some("advstorage"));
    assert_eq!(second.dose_number.as_ref().map(|v| v.value.as_str()), Some("2"));
    let m = messages(&outcome);
    assert_eq!(
        m,
        ["ImmunizationEvaluation.immunizationEvent does not name a dose in the input; the evaluation was not read."]
    );
}

// ── What is not read ──────────────────────────────────────────────────────────────────────

#[test]
fn unknown_resources_and_elements_are_reported_once_each() {
    let outcome = read("unknown-resources-and-elements.json");
    let m = messages(&outcome);
    let count = |needle: &str| m.iter().filter(|m| m.contains(needle)).count();
    assert_eq!(count("FHIR Observation resources"), 1, "{m:?}");
    for kind in ["Condition", "AllergyIntolerance", "Practitioner", "Organization", "Location"] {
        assert_eq!(count(&format!("FHIR {kind} resources")), 1, "{kind}: {m:?}");
    }
    assert_eq!(count("Patient.favoriteColor is not an element of a FHIR R4 Patient"), 1);
    assert_eq!(count("Immunization.favoriteColor is not an element of a FHIR R4 Immunization"), 1);
    assert_eq!(count("Immunization.reasonCode is not part of the record"), 1, "two doses, one warning: {m:?}");
    assert_eq!(count("Immunization.occurenceDateTime is not an element"), 1);
    assert_eq!(count("Patient.maritalStatus"), 1);
    assert_eq!(count("Patient.communication"), 1);
    assert_eq!(count("Patient has an element with an unusual name"), 1);
    assert_eq!(count("Patient.modifierExtension"), 1);
    assert_eq!(count("Immunization.extension vfc-lot"), 1);
    assert_eq!(count("Immunization.performer.role"), 1);
    assert_eq!(count("Bundle.entry.searchScore"), 1);
    assert_eq!(count("unrecognised type"), 1);
    assert_eq!(count("has no resourceType"), 1);
    assert_eq!(count("entry has no resource;"), 1);
    assert_eq!(m.len(), 21, "{m:?}");
    // The record is still read, and nothing unread leaks into it.
    let record = &outcome.records[0];
    assert_eq!(record.immunizations.len(), 2);
    assert_eq!(
        record.immunizations[0].administered_at.as_ref().map(|a| a.value.as_str()),
        Some("Clinique Saint-Pierre")
    );
    let text = serde_json::to_string(record).expect("json");
    for secret in ["blue", "locker", "nursing home", "HIV", "Peanuts", "Room 5", "French", "single"] {
        assert!(!text.contains(secret), "{secret}: {text}");
    }
}

#[test]
fn wrong_json_types_are_warnings_and_the_rest_is_read() {
    let outcome = read("wrong-types.json");
    assert!(!outcome.has_errors());
    let m = messages(&outcome);
    let count = |needle: &str| m.iter().filter(|m| m.contains(needle)).count();
    assert_eq!(count("Patient.birthDate should be a string but is a number"), 1, "{m:?}");
    assert_eq!(count("Immunization.lotNumber should be a string but is a number"), 1, "{m:?}");
    assert_eq!(count("Patient.name should be a list but is an object; it was read as a list of one"), 1);
    assert_eq!(count("Bundle.entry should be an object but is a number"), 1);
    assert_eq!(count("Bundle.entry.resource should be an object but is a string"), 1);
    // Both doses are kept: the one whose patient is a bare string gets its own record; the one
    // whose reference is a number goes to the only patient.
    assert_eq!(outcome.records.len(), 2);
    let patient = &outcome.records[0];
    assert_eq!(names(patient), ["Petra Novak"]);
    assert_eq!(patient.patient.birth_date, None);
    assert_eq!(patient.immunizations.len(), 1);
    assert_eq!(patient.immunizations[0].date.as_ref().map(|d| d.value.to_string()).as_deref(), Some("2020-02-02"));
    let orphan = &outcome.records[1];
    assert_eq!(orphan.immunizations.len(), 1);
    assert_eq!(orphan.immunizations[0].status, DoseStatus::Completed);
    assert!(orphan.immunizations[0].lot_numbers.is_empty() && orphan.immunizations[0].date.is_none());
}

#[test]
fn invalid_json_is_an_error_naming_line_and_column() {
    let outcome = read("invalid-json.json");
    assert!(outcome.is_empty());
    assert_eq!(outcome.diagnostics.len(), 1);
    let error = &outcome.diagnostics[0];
    assert_eq!(error.severity, Severity::Error);
    assert!(error.message.starts_with("The text is not valid JSON"), "{}", error.message);
    assert!(error.message.contains("at line 7, column 0"), "{}", error.message);
    assert!(!error.message.contains("Truncated"));
    let bad = recdesk_fhir::read("{\"resourceType\": \"Patient\",, }");
    assert!(bad.diagnostics[0].message.contains("line 1, column 28"), "{:?}", bad.diagnostics);
    for text in ["", "   ", "\u{feff}"] {
        let empty = recdesk_fhir::read(text);
        assert!(empty.has_errors() && empty.is_empty(), "{text:?}");
    }
}

#[test]
fn json_that_is_not_a_resource_is_an_error() {
    let outcome = read("not-a-resource.json");
    assert!(outcome.is_empty());
    assert_eq!(outcome.diagnostics.len(), 1);
    assert_eq!(outcome.diagnostics[0].severity, Severity::Error);
    assert!(outcome.diagnostics[0].message.starts_with("The JSON is a list, not a FHIR resource"));
    let untyped = recdesk_fhir::read(r#"{"name": [{"family": "Nobody"}]}"#);
    assert!(untyped.has_errors() && untyped.is_empty());
    assert!(untyped.diagnostics[0].message.contains("no resourceType"));
    for scalar in ["42", "\"Patient\"", "null", "true"] {
        let outcome = recdesk_fhir::read(scalar);
        assert!(outcome.has_errors() && outcome.is_empty(), "{scalar}");
    }
}

#[test]
fn an_operation_outcome_becomes_diagnostics_without_its_text() {
    let outcome = read("operation-outcome.json");
    assert!(outcome.records.is_empty());
    assert_eq!(outcome.messages[0].message_type, "OperationOutcome");
    let severities: Vec<Severity> = outcome.diagnostics.iter().map(|d| d.severity).collect();
    assert_eq!(severities, [Severity::Error, Severity::Warning, Severity::Warning]);
    let m = messages(&outcome);
    assert_eq!(
        m[0],
        "The server returned an OperationOutcome with 3 issues (severity error): issue 1, type not-found, detail \
         code MSG_NO_MATCH. Its text is not shown, as it may quote the record."
    );
    assert!(m[2].contains("(severity unrecognised): issue 3."), "{m:?}");
    let all = m.join("\n");
    assert!(!all.contains("Jane") && !all.contains("Smith") && !all.contains("2015"), "{all}");
    assert_eq!(outcome.diagnostics[1].location.as_ref().map(pointer), Some("/issue/1"));
}
