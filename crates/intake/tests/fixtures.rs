//! One fixture per message shape (tests/fixtures/NAME.hl7), each with the whole output
//! expected of it (NAME.expected.json). After a deliberate change, refresh the expectations
//! with `UPDATE_EXPECT=1 cargo test -p recdesk-intake --test fixtures` and review the diff.

#[path = "../../../tests/support/expected.rs"]
mod expected;

use std::path::{Path, PathBuf};

use expected::Expected;
use recdesk_record::{DoseStatus, Severity, VerificationStatus};
use serde_json::{Value, json};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The spec examples' issuer is not in the VCI directory: its key is loaded by hand, as a user would.
const EXAMPLE_ISSUER: &str = "https://spec.smarthealth.cards/examples/issuer";
/// A fixed "now" (2025-11-24) so validity checks give the same answer every day.
const NOW: i64 = 1_764_000_000;

fn trust_store() -> recdesk_intake::TrustStore {
    let mut trust = recdesk_intake::TrustStore::bundled();
    let jwks = std::fs::read_to_string(fixtures().join("example-issuer.jwks")).expect("the example issuer's keys");
    trust.add_issuer_jwks(EXAMPLE_ISSUER, &jwks).expect("valid keys");
    trust
}

fn read(name: &str) -> recdesk_intake::Intake {
    let trust = trust_store();
    let context = recdesk_intake::ReadContext { now_unix_seconds: NOW, trust: &trust };
    recdesk_intake::read(&std::fs::read(fixtures().join(name)).expect("a fixture"), &context)
}

/// The inputs: every file but the expectations, this README and the key set.
fn is_input(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    !name.ends_with(".expected.json") && !name.ends_with(".md") && !name.ends_with(".jwks")
}

fn output(name: &str) -> Value {
    let intake = read(name);
    json!({
        "encoding": format!("{:?}", intake.encoding),
        "kind": format!("{:?}", intake.kind),
        "outcome": serde_json::to_value(&intake.outcome).expect("serialisable"),
    })
}

fn check_expected(input: &Path) -> Option<String> {
    let name = input.file_name()?.to_str()?;
    let expected_path = input.with_file_name(format!("{name}.expected.json"));
    let actual = serde_json::to_string_pretty(&output(name)).expect("json") + "\n";
    Expected::check(&expected_path, &actual).problem(name, &expected_path)
}

#[test]
fn every_fixture_matches_its_expected_output() {
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .expect("the fixtures folder")
        .map(|e| e.expect("an entry").path())
        .filter(|p| is_input(p))
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 22, "{} fixtures", inputs.len());
    let failures: Vec<String> = inputs.iter().filter_map(|p| check_expected(p)).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// Targeted checks, so a refreshed expectation cannot quietly accept a wrong answer.

#[test]
fn segment_ends_do_not_change_what_is_read() {
    let outcome = |name| output(name)["outcome"].clone();
    assert_eq!(outcome("vxu-complete.hl7"), outcome("vxu-complete-lf.hl7"));
    // CRLF adds a byte per segment, so only the locations differ; the records are the same.
    assert_eq!(read("vxu-complete.hl7").outcome.records.len(), 1);
    let (cr, crlf) = (output("vxu-complete.hl7"), output("vxu-complete-crlf.hl7"));
    assert_eq!(cr["outcome"]["records"], crlf["outcome"]["records"]);
}

#[test]
fn the_complete_vxu_keeps_every_dose_and_name() {
    let record = &read("vxu-complete.hl7").outcome.records[0];
    let names: Vec<String> = record.patient.names.iter().map(|n| n.value.display()).collect();
    assert_eq!(names, ["Thị Ánh Nguyễn", "Anh Nguyen"]);
    let doses: Vec<(&str, String)> = record
        .immunizations
        .iter()
        .map(|i| {
            (
                i.cvx.as_ref().map_or("", |c| c.value.as_str()),
                i.date.as_ref().map(|d| d.value.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(doses, [("08", "2024-03-05".into()), ("20", "2024-03-05".into()), ("03", "2019-06-01".into())]);
    assert_eq!(record.immunizations[1].lot_numbers.len(), 2);
    assert_eq!(record.immunizations[0].vis.len(), 1);
    assert!(record.immunizations[0].funding_eligibility.is_some());
    assert_eq!(
        record.patient.identifiers.iter().map(|i| i.value.kind.as_str()).collect::<Vec<_>>(),
        ["MR", "SS", "MA"]
    );
    assert!(record.related_persons[0].is_mother());
}

#[test]
fn escapes_are_undone_in_names_and_notes() {
    let record = &read("escapes.hl7").outcome.records[0];
    let name = &record.patient.names[0].value;
    assert_eq!(name.family, "O&Brien|Smith");
    assert_eq!(name.given, ["Seán"]);
    assert_eq!(name.suffix, "Jr^II");
    assert_eq!(
        record.immunizations[0].notes[0].value,
        "Line one\nLine two with a tilde ~ and a backslash \\ and bold text"
    );
}

#[test]
fn batches_and_glued_messages_yield_every_message() {
    let batch = read("batch.hl7").outcome;
    assert_eq!((batch.messages.len(), batch.records.len()), (2, 2));
    assert_eq!(batch.records.iter().map(|r| r.immunizations.len()).sum::<usize>(), 3);
    let glued = read("glued.hl7").outcome;
    assert_eq!((glued.messages.len(), glued.records.len()), (2, 2));
    assert_eq!(glued.records.iter().map(|r| r.immunizations.len()).sum::<usize>(), 2);
    assert_eq!(glued.diagnostics.len(), 2, "the two lines of prose are reported: {:?}", glued.diagnostics);
}

#[test]
fn latin1_input_is_decoded() {
    let intake = read("latin1.hl7");
    assert_eq!(intake.encoding, recdesk_intake::TextEncoding::Latin1);
    let patient = &intake.outcome.records[0].patient;
    assert_eq!(patient.names[0].value.display(), "José Müller");
    assert_eq!(patient.mothers_maiden_name.as_ref().map(|m| m.value.display()).as_deref(), Some("Inés Gómez"));
    assert_eq!(patient.birth_date.as_ref().map(|d| d.value.to_string()).as_deref(), Some("2016-02-29"));
}

#[test]
fn query_responses_report_candidates_and_no_match() {
    let candidates = read("rsp-z31-candidates.hl7").outcome;
    assert_eq!(candidates.records.len(), 3);
    assert_eq!(candidates.messages[0].profile, "Z31^CDCPHINVS");
    let none = read("rsp-z33-no-match.hl7").outcome;
    assert!(none.records.is_empty());
    assert_eq!(none.messages[0].query_status, "NF");
    // The query echo (QPD) holds a mother's maiden name: it must not be read into anything.
    let text = serde_json::to_string(&none).expect("json") + &serde_json::to_string(&candidates).expect("json");
    assert!(!text.contains("Maiden") && !text.contains("Secret") && !text.contains("Hidden"), "{text}");
}

#[test]
fn every_dose_status_is_kept_and_labelled() {
    let outcome = read("dose-statuses.hl7").outcome;
    let statuses: Vec<DoseStatus> = outcome.records[0].immunizations.iter().map(|i| i.status).collect();
    use DoseStatus::*;
    assert_eq!(
        statuses,
        [Refused, NotAdministered, Partial, EnteredInError, Completed, Completed, Completed, Completed]
    );
    let doses = &outcome.records[0].immunizations;
    assert_eq!(doses[0].refusal_reason.as_ref().map(|r| r.value.code.as_str()), Some("00"));
    assert_eq!(doses[6].date, None, "day 40 of month 13 is not a date");
    assert_eq!(doses[7].vaccine, "Unknown vaccine (CVX 124)");
    let warnings = outcome.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
    assert_eq!(warnings, 2, "unknown status and impossible date: {:?}", outcome.diagnostics);
}

#[test]
fn cvx_998_carries_evidence_and_forecast_not_doses() {
    let record = &read("cvx998-immunity-forecast.hl7").outcome.records[0];
    assert_eq!(record.immunizations.len(), 1, "only the Hep B dose is a dose");
    assert_eq!(record.immunizations[0].evaluations.len(), 1);
    assert_eq!(record.immunizations[0].evaluations[0].valid.as_ref().map(|v| v.value), Some(true));
    let kinds: Vec<&str> = record.observations.iter().map(|o| o.kind.label()).collect();
    assert_eq!(kinds, ["evidence of immunity", "contraindication"]);
    assert_eq!(record.forecast.len(), 2);
    assert_eq!(record.forecast[0].due.as_ref().map(|d| d.value.to_string()).as_deref(), Some("2022-08-08"));
    assert_eq!(record.forecast[0].overdue.as_ref().map(|d| d.value.to_string()).as_deref(), Some("2023-08-08"));
}

#[test]
fn insurance_is_found_wherever_it_hides() {
    let record = &read("insurance-and-eligibility.hl7").outcome.records[0];
    let kinds: Vec<String> = record.insurance.iter().map(|i| format!("{:?}", i.kind)).collect();
    assert_eq!(kinds, ["FinancialClass", "Insurance", "InsuranceAdditional", "Guarantor"]);
    let dose = &record.immunizations[0];
    assert!(dose.funding_eligibility.is_some() && dose.funding_source.is_some());
    // The guarantor is a person: nothing of theirs (name, SSN) is read.
    let text = serde_json::to_string(record).expect("json");
    assert!(!text.contains("Harold") && !text.contains("987-65-4321"), "{text}");
}

#[test]
fn acknowledgment_errors_become_diagnostics_without_echoing_data() {
    let outcome = read("ack-with-errors.hl7").outcome;
    assert_eq!(outcome.messages[0].acknowledgment, "AE");
    let severities: Vec<Severity> = outcome.diagnostics.iter().map(|d| d.severity).collect();
    assert_eq!(severities, [Severity::Error, Severity::Warning]);
    assert!(outcome.diagnostics[0].message.contains("RXA-5"), "{:?}", outcome.diagnostics[0]);
    // ERR-8 is free text that may quote the record.
    assert!(outcome.diagnostics.iter().all(|d| !d.message.contains("Nguyễn") && !d.message.contains("999X")));
}

#[test]
fn unknown_segments_and_observations_are_reported_once_and_never_read() {
    let outcome = read("unknown-segments.hl7").outcome;
    let messages: Vec<&str> = outcome.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages.iter().filter(|m| m.starts_with("ZPI")).count(), 1, "{messages:?}");
    assert!(messages.iter().any(|m| m.starts_with("ZXY")));
    assert!(messages.iter().any(|m| m.starts_with("ROL")));
    assert!(messages.iter().any(|m| m.contains("99999-9")));
    let text = serde_json::to_string(&outcome).expect("json");
    assert!(!text.contains("secret") && !text.contains("must not travel"), "{text}");
}

#[test]
fn protection_custom_delimiters_and_headerless_input() {
    let protected = read("protected.hl7").outcome;
    assert_eq!(protected.records[0].protection.protection_indicator.as_ref().map(|p| p.value), Some(true));
    let custom = read("custom-delimiters.hl7").outcome;
    let patient = &custom.records[0].patient;
    assert_eq!(patient.identifiers[0].value.value, "D1#");
    assert_eq!(patient.names.iter().map(|n| n.value.display()).collect::<Vec<_>>(), ["Kemal Kaya", "Kem Kaya"]);
    assert_eq!(custom.records[0].immunizations[0].cvx.as_ref().map(|c| c.value.as_str()), Some("20"));
    let headerless = read("headerless.hl7").outcome;
    assert_eq!(headerless.records[0].immunizations.len(), 1);
    assert!(headerless.diagnostics[0].message.contains("no MSH header"));
}

#[test]
fn smart_health_cards_in_every_form_verify_and_read_like_their_bundle() {
    let bundle = read("fhir-example-bundle.json").outcome;
    assert_eq!(bundle.format, recdesk_record::Format::FhirJson);
    let bundle_records = serde_json::to_value(&bundle.records).expect("json");
    for name in
        ["shc-example-00-qr-numeric.txt", "shc-example-01-file.smart-health-card", "shc-example-00-bare-jws.txt"]
    {
        let outcome = read(name).outcome;
        assert_eq!(outcome.format, recdesk_record::Format::SmartHealthCard, "{name}");
        assert_eq!(outcome.verifications.len(), 1, "{name}");
        let verification = &outcome.verifications[0];
        assert_eq!(verification.status, VerificationStatus::ValidSignatureUnknownIssuer, "{name}: {verification:?}");
        assert_eq!(verification.issuer, EXAMPLE_ISSUER);
        // The card's records are the bundle's records: the same model, whatever the wrapping.
        assert_eq!(serde_json::to_value(&outcome.records).expect("json"), bundle_records, "{name}");
    }
    assert_eq!(bundle.records[0].immunizations.len(), 3);
}

#[test]
fn a_tampered_or_damaged_card_says_so_and_yields_no_record() {
    let tampered = read("shc-tampered-signature-jws.txt").outcome;
    assert_eq!(tampered.verifications[0].status, VerificationStatus::InvalidSignature, "{:?}", tampered.verifications);
    // Changing the compressed payload breaks it before the signature is even checked.
    let broken = read("shc-tampered-payload-jws.txt").outcome;
    assert_eq!(broken.verifications[0].status, VerificationStatus::Malformed);
    assert!(broken.records.is_empty());
    let damaged = read("shc-damaged-qr-odd-digits.txt").outcome;
    assert_eq!(damaged.verifications[0].status, VerificationStatus::Malformed);
    assert!(damaged.records.is_empty());
    assert!(damaged.diagnostics[0].message.starts_with("Card 1: "), "{:?}", damaged.diagnostics);
}

#[test]
fn a_picture_of_a_card_reads_like_the_card_itself() {
    let picture = read("shc-example-00-qr.png");
    assert_eq!(picture.kind, recdesk_intake::InputKind::Image);
    let text = std::fs::read_to_string(fixtures().join("shc-example-00-qr-numeric.txt")).expect("the card's text");
    assert_eq!(picture.text_from_image.as_deref(), Some(text.trim()));
    let card = read("shc-example-00-qr-numeric.txt");
    assert_eq!(
        serde_json::to_value(&picture.outcome).expect("json"),
        serde_json::to_value(&card.outcome).expect("json")
    );
}

#[test]
fn a_picture_without_a_code_says_so() {
    let blank = read_bytes(&tiny_white_png());
    assert!(blank.outcome.is_empty());
    assert!(blank.outcome.diagnostics[0].message.contains("No QR code"), "{:?}", blank.outcome.diagnostics);
}

fn read_bytes(bytes: &[u8]) -> recdesk_intake::Intake {
    let trust = trust_store();
    recdesk_intake::read(bytes, &recdesk_intake::ReadContext { now_unix_seconds: NOW, trust: &trust })
}

/// A valid 1×1 white grayscale PNG.
fn tiny_white_png() -> Vec<u8> {
    let hex = "89504e470d0a1a0a0000000d49484452000000010000000108000000003a7e9b55\
               0000000a49444154789c63f80f0001010100b138f6140000000049454e44ae426082";
    (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex")).collect()
}
