//! The CDC guide's example messages (tests/corpus/izgw, from IZGateway/v2tofhir, MIT) read
//! with the counts an independent script took from the raw text (`observed` in
//! expected.json) and the facts an independent HL7-to-FHIR converter asserts (`facts`).

use std::path::PathBuf;

use recdesk_record::{DoseStatus, ReadOutcome};
use serde_json::Value;

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/izgw")
}

fn expectations() -> serde_json::Map<String, Value> {
    let text = std::fs::read_to_string(corpus_dir().join("expected.json")).expect("expected.json");
    serde_json::from_str::<Value>(&text).expect("valid JSON").as_object().expect("an object").clone()
}

fn read_file(name: &str) -> ReadOutcome {
    let bytes = std::fs::read(corpus_dir().join(name)).expect("a corpus file");
    recdesk_hl7::read(&String::from_utf8_lossy(&bytes))
}

fn count(observed: &Value, key: &str) -> usize {
    observed[key].as_u64().unwrap_or_else(|| panic!("observed.{key} is a number")) as usize
}

#[test]
fn every_corpus_message_reads_with_the_observed_counts() {
    let expectations = expectations();
    assert_eq!(expectations.len(), 64, "the corpus has 64 messages");
    let mut doses_checked = 0;
    for (name, expected) in &expectations {
        let outcome = read_file(name);
        let observed = &expected["observed"];
        assert_eq!(outcome.messages.len(), 1, "{name}: one message per file");
        assert_eq!(outcome.records.len(), count(observed, "pid"), "{name}: one record per PID");

        let immunizations: Vec<_> = outcome.records.iter().flat_map(|r| &r.immunizations).collect();
        let doses = count(observed, "rxa") - count(observed, "rxa_cvx_998");
        assert_eq!(immunizations.len(), doses, "{name}: every RXA but CVX 998 is a dose");
        doses_checked += immunizations.len();
        let in_error = immunizations.iter().filter(|i| i.status == DoseStatus::EnteredInError).count();
        assert_eq!(in_error, count(observed, "rxa_entered_in_error_21_D"), "{name}: entered in error");
        let not_given = immunizations
            .iter()
            .filter(|i| matches!(i.status, DoseStatus::Refused | DoseStatus::NotAdministered | DoseStatus::Partial))
            .count();
        let not_given_observed = count(observed, "rxa_not_given_20_RE_NA_PA");
        assert!(
            not_given <= not_given_observed && not_given + count(observed, "rxa_cvx_998") >= not_given_observed,
            "{name}: {not_given} refused/not given/partial doses, {not_given_observed} such RXA"
        );

        let related: usize = outcome.records.iter().map(|r| r.related_persons.len()).sum();
        assert_eq!(related, count(observed, "nk1"), "{name}: related persons");
        let mothers = outcome.records.iter().flat_map(|r| &r.related_persons).filter(|p| p.is_mother()).count();
        assert_eq!(mothers, count(observed, "nk1_mth"), "{name}: mothers");
        let funding = immunizations.iter().filter(|i| i.funding_eligibility.is_some()).count();
        assert!(funding <= count(observed, "obx_64994_7"), "{name}: funding eligibility");
        let insurance: usize = outcome
            .records
            .iter()
            .flat_map(|r| &r.insurance)
            .filter(|i| i.kind != recdesk_record::InsuranceKind::FinancialClass)
            .count();
        let insurance_segments: usize = ["in1", "in2", "in3", "gt1"].iter().map(|k| count(observed, k)).sum();
        assert_eq!(insurance, insurance_segments, "{name}: insurance segments");

        if count(observed, "pid") == 1 {
            let has_maiden = outcome.records[0].patient.mothers_maiden_name.is_some();
            assert_eq!(has_maiden, observed["pid6_mothers_maiden_name_nonempty"] == Value::Bool(true), "{name}: PID-6");
        }
        if let Some(ack) = observed["msa_1"].as_str() {
            assert_eq!(outcome.messages[0].acknowledgment, ack, "{name}: MSA-1");
        }
        if let Some(status) = observed["qak_2"].as_str() {
            assert_eq!(outcome.messages[0].query_status, status, "{name}: QAK-2");
        }
        let sender_reports =
            outcome.diagnostics.iter().filter(|d| d.message.starts_with("The receiving system reported")).count();
        assert_eq!(sender_reports, count(observed, "err"), "{name}: one diagnostic per ERR");
    }
    assert!(doses_checked > 20, "the corpus carries doses ({doses_checked})");
}

#[test]
fn the_converters_assertions_agree_with_what_is_read() {
    let mut facts_checked = 0;
    for (name, expected) in &expectations() {
        let facts = &expected["facts"];
        let outcome = read_file(name);
        let names: Vec<_> = outcome.records.iter().flat_map(|r| &r.patient.names).map(|n| &n.value).collect();
        for family in facts["patient_family_names"].as_array().into_iter().flatten() {
            let family = family.as_str().expect("a string");
            assert!(names.iter().any(|n| n.family == family), "{name}: family name {family}");
            facts_checked += 1;
        }
        for given in facts["patient_given_names"].as_array().into_iter().flatten() {
            let given = given.as_str().expect("a string");
            assert!(names.iter().any(|n| n.given.iter().any(|g| g == given)), "{name}: given name {given}");
            facts_checked += 1;
        }
        for born in facts["patient_birth_dates"].as_array().into_iter().flatten() {
            let born = born.as_str().expect("a string");
            let dates: Vec<String> = outcome
                .records
                .iter()
                .filter_map(|r| r.patient.birth_date.as_ref())
                .map(|d| d.value.to_string())
                .collect();
            assert!(dates.iter().any(|d| d == born), "{name}: birth date {born} in {dates:?}");
            facts_checked += 1;
        }
        if let Some(maiden) = facts["mothers_maiden_name"].as_str() {
            let found = outcome
                .records
                .iter()
                .filter_map(|r| r.patient.mothers_maiden_name.as_ref())
                .any(|m| m.value.family == maiden);
            assert!(found, "{name}: mother's maiden name {maiden}");
            facts_checked += 1;
        }
        for code in facts["immunization_codes"].as_array().into_iter().flatten() {
            let code = code.as_str().expect("a string");
            let found = outcome
                .records
                .iter()
                .flat_map(|r| &r.immunizations)
                .any(|i| i.cvx.as_ref().is_some_and(|c| c.value == code));
            assert!(found, "{name}: immunization code {code}");
            facts_checked += 1;
        }
        if let Some(count) = facts["immunization_count"].as_u64() {
            let read: usize = outcome.records.iter().map(|r| r.immunizations.len()).sum();
            assert_eq!(read as u64, count, "{name}: immunization count");
            facts_checked += 1;
        }
    }
    assert!(facts_checked >= 4, "some facts were checked ({facts_checked})");
}

#[test]
fn segment_fragments_read_without_panicking() {
    let dir = corpus_dir().join("segments");
    let mut read = 0;
    for entry in std::fs::read_dir(&dir).expect("the segments folder") {
        let path = entry.expect("an entry").path();
        let text = String::from_utf8_lossy(&std::fs::read(&path).expect("a fragment")).into_owned();
        let outcome = recdesk_hl7::read(&text);
        assert!(!outcome.messages.is_empty() || !outcome.diagnostics.is_empty(), "{}", path.display());
        read += 1;
    }
    assert!(read > 5, "{read} fragments");
}
