//! The FHIR form of HL7's PD1-12 protection indicator: `meta.security` restricted or very
//! restricted confidentiality. Redaction refuses such records for organizations.

#[test]
fn a_restricted_patient_is_marked_protected() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/restricted-patient.json");
    let outcome = recdesk_fhir::read(&std::fs::read_to_string(path).expect("the fixture"));
    let protection = outcome.records[0].protection.protection_indicator.as_ref().expect("a protection indicator");
    assert!(protection.value);
    assert_eq!(protection.at.to_string(), "document 1, /entry/0/resource/meta/security/0/code");
    assert_eq!(outcome.records[0].immunizations.len(), 1);
}

#[test]
fn other_security_labels_do_not_protect() {
    let text = r#"{"resourceType": "Patient", "meta": {"security": [
        {"system": "http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "code": "N"},
        {"system": "http://terminology.hl7.org/CodeSystem/v3-ActReason", "code": "R"}]},
        "name": [{"family": "Open"}]}"#;
    let outcome = recdesk_fhir::read(text);
    assert!(outcome.records[0].protection.protection_indicator.is_none());
}
