//! `recdesk evaluate` as a user runs it, on every kind of input the app reads, and the CDSi
//! engine run over every fixture and the shared corpus: no panic, and every dose of every record
//! either evaluated or said not to be, with why.

mod common;
#[path = "../../intake/tests/support/inputs.rs"]
mod inputs;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Output;

use common::{fixture, recdesk};
use inputs::{every_input, files_in, workspace};

const ON: &str = "2026-12-05";

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn evaluate_json(path: &Path) -> serde_json::Value {
    let output = recdesk(&["evaluate", "--json", "--on", ON, path.to_str().expect("a path")], b"");
    assert!(output.status.success(), "{}: {output:?}", path.display());
    serde_json::from_str(&stdout(&output)).expect("JSON")
}

#[test]
fn every_input_kind_is_evaluated() {
    for name in [
        "vxu-complete.hl7",
        "cvx998-immunity-forecast.hl7",
        "fhir-example-bundle.json",
        "shc-example-00-qr-numeric.txt",
        "shc-example-00-qr.png",
        "shc-example-00-bare-jws.txt",
        "shc-example-01-file.smart-health-card",
    ] {
        let json = evaluate_json(&fixture(name));
        assert_eq!(json["assessed_on"], ON, "{name}");
        assert_eq!(json["source"], "schedule: CDC CDSi 4.64, November 2025");
        let records = json["records"].as_array().expect("records");
        assert!(!records.is_empty(), "{name}");
        let evaluated: usize = records.iter().map(|r| r["evaluations"].as_array().map_or(0, Vec::len)).sum();
        assert!(evaluated > 0, "{name}: no dose evaluated");
        for record in records {
            assert!(!record["forecasts"].as_array().expect("forecasts").is_empty(), "{name}");
        }
    }
}

#[test]
fn json_has_the_documented_shape() {
    let json = evaluate_json(&fixture("vxu-complete.hl7"));
    let record = &json["records"][0];
    let evaluation = &record["evaluations"][0];
    for key in [
        "immunization",
        "date",
        "cvx",
        "dose",
        "antigen",
        "vaccine_group",
        "series",
        "dose_number",
        "status",
        "reasons",
    ] {
        assert!(evaluation.get(key).is_some(), "evaluation has {key}: {evaluation}");
    }
    let forecast = &record["forecasts"][0];
    for key in [
        "vaccine_group",
        "status",
        "dose_number",
        "earliest",
        "recommended",
        "past_due",
        "latest",
        "reason",
        "antigens",
    ] {
        assert!(forecast.get(key).is_some(), "forecast has {key}: {forecast}");
    }
    assert!(record["not_evaluated"].is_array() && record["problems"].is_array());
}

#[test]
fn doses_that_are_not_doses_or_lack_a_date_are_said() {
    let path = fixture("dose-statuses.hl7");
    let output = recdesk(&["evaluate", "--on", ON, path.to_str().expect("a path")], b"");
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    for line in [
        "assessed on 2026-12-05 (schedule: CDC CDSi 4.64, November 2025)",
        "not evaluated: refused, not a dose",
        "not evaluated: not administered, not a dose",
        "not evaluated: entered in error, not a dose",
        "Rotavirus      Sub-standard: Sub-standard dose",
        "not evaluated: no date",
        "not evaluated: CVX 124 is not in CDC's CVX to antigen map",
        "Diphtheria     Valid dose 1",
    ] {
        assert!(text.contains(line), "missing {line:?} in:\n{text}");
    }
    let json = evaluate_json(&path);
    let statuses: Vec<&str> = json["records"][0]["evaluations"]
        .as_array()
        .expect("evaluations")
        .iter()
        .filter_map(|e| e["status"].as_str())
        .collect();
    assert!(statuses.contains(&"sub_standard") && statuses.contains(&"valid"), "{statuses:?}");
}

#[test]
fn evidence_of_immunity_in_the_record_is_used() {
    // OBX 59784-9 38907003 (varicella infection): CDC's evidence of varicella immunity.
    let json = evaluate_json(&fixture("cvx998-immunity-forecast.hl7"));
    let varicella = json["records"][0]["forecasts"]
        .as_array()
        .expect("forecasts")
        .iter()
        .find(|f| f["vaccine_group"] == "Varicella")
        .expect("a varicella forecast");
    assert_eq!(varicella["status"], "immune");
}

#[test]
fn a_wrong_date_is_refused_with_the_reason() {
    let path = fixture("vxu-complete.hl7");
    let output = recdesk(&["evaluate", "--on", "2026-13-01", path.to_str().expect("a path")], b"");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--on takes a date as YYYY-MM-DD"), "{output:?}");
}

#[test]
fn every_fixture_and_corpus_record_is_evaluated_whole() {
    let trust = recdesk_intake::TrustStore::bundled();
    let context = recdesk_intake::ReadContext { now_unix_seconds: 1_764_000_000, trust: &trust };
    let mut inputs = every_input();
    files_in(&workspace().join("crates/cli/tests/answers/records"), &mut inputs);
    let on = recdesk_cdsi::Date::parse_iso(ON).expect("a date");
    let schedule = recdesk_cdsi::schedule();
    let (mut records, mut doses, mut evaluated) = (0, 0, 0);
    for input in &inputs {
        let bytes = std::fs::read(input).expect("a fixture");
        for record in recdesk_intake::read(&bytes, &context).outcome.records {
            let from_record = recdesk_cdsi::patient_from_record(&record, schedule);
            let assessment = recdesk_cdsi::assess(&from_record.patient, on);
            records += 1;
            doses += record.immunizations.len();
            // Every immunization is either given to the engine or said not to be, once.
            let given: BTreeSet<usize> = from_record.immunization_of_dose.iter().copied().collect();
            let skipped: BTreeSet<usize> = from_record.not_evaluated.iter().map(|n| n.immunization).collect();
            assert_eq!(given.len() + skipped.len(), record.immunizations.len(), "{}", input.display());
            assert!(given.is_disjoint(&skipped), "{}", input.display());
            if from_record.patient.birth_date.is_none() {
                assert!(!assessment.problems.is_empty(), "{}: a missing birth date is said", input.display());
                continue;
            }
            // Every dose given to the engine is evaluated for some antigen, or its problem said.
            for dose in 0..from_record.patient.doses.len() {
                let judged = assessment.evaluations.iter().any(|e| e.dose == dose);
                let said = assessment.dose_problems.iter().any(|p| p.dose == dose);
                assert!(judged || said, "{}: dose {dose} neither evaluated nor said", input.display());
                evaluated += usize::from(judged);
            }
        }
    }
    assert!(
        records >= 100 && doses >= 200 && evaluated >= 150,
        "{records} records, {doses} doses, {evaluated} evaluated"
    );
    println!("{} inputs, {records} records, {doses} doses, {evaluated} evaluated", inputs.len());
}

/// The school-status fixtures (`tests/school`), each with its level, date and expected answer.
#[test]
fn evaluate_grade_gives_minnesotas_status_for_each_level() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/school");
    let cases: &[(&str, &str, &str, &str, &[&str])] = &[
        ("kindergarten-complete.hl7", "K", "2025-09-02", "Kindergarten: complete", &["Polio        complete"]),
        (
            "kindergarten-missing-polio.hl7",
            "K",
            "2025-09-02",
            "Kindergarten: not complete",
            &["Polio        not complete: needs 1 more dose of Polio"],
        ),
        (
            "kindergarten-varicella-history.hl7",
            "K",
            "2025-09-02",
            "Kindergarten: complete only with a signed medical exemption statement",
            &[
                "Varicella    a medical exemption may apply: the school needs the signed statement (the record holds evidence of immunity)",
            ],
        ),
        (
            "grade7-td-no-tdap.hl7",
            "7",
            "2025-09-02",
            "Grade 7 (Grades 7 to 11): not complete",
            &["Tdap         not complete: needs 1 dose of Tdap, given on or after age 7", "MenACWY      complete"],
        ),
        (
            "grade12-no-booster.hl7",
            "12",
            "2025-09-02",
            "Grade 12: not complete",
            &["MenACWY      not complete: needs 1 dose of MenACWY, given on or after age 16"],
        ),
        (
            "child-care-ten-months.hl7",
            "child-care",
            "2026-12-01",
            "Child care or early childhood program: in process",
            &[
                "DTaP/DT      in process: the next dose can be given from 2027-05-01, due by",
                "MMR          not required: required from 12 months (2027-02-01)",
            ],
        ),
    ];
    for (name, grade, on, overall, lines) in cases {
        let path = dir.join(name);
        let output = recdesk(&["evaluate", "--on", on, "--grade", grade, path.to_str().expect("a path")], b"");
        assert!(output.status.success(), "{name}: {output:?}");
        let text = stdout(&output);
        assert!(
            text.contains(&format!("Minnesota school status, {overall} (based on the doses in this record only)")),
            "{name}:\n{text}"
        );
        for line in *lines {
            assert!(text.contains(line), "{name}: {line:?} is not in\n{text}");
        }
        // The JSON says the same.
        let json = {
            let output =
                recdesk(&["evaluate", "--json", "--on", on, "--grade", grade, path.to_str().expect("a path")], b"");
            serde_json::from_str::<serde_json::Value>(&stdout(&output)).expect("JSON")
        };
        assert!(json["records"][0]["school"]["vaccines"].as_array().is_some_and(|v| !v.is_empty()), "{name}: {json}");
    }
    let bad = recdesk(&["evaluate", "--grade", "pre-k", &dir.join("kindergarten-complete.hl7").to_string_lossy()], b"");
    assert_eq!(bad.status.code(), Some(2));
}
