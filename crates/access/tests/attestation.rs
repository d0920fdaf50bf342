//! The attestation the report prints: who, when, to whom, on what evidence and basis, data as of.
//! Kinds of evidence only; no record values beyond the "data as of" date.

mod common;

use common::*;
use recdesk_access::{
    AccessSettings, AddressSource, Answer, CourtOrder, DocumentKind, OrganizationIdentity, OrganizationKind, OwnCare,
    Purpose, ReleaseTime, RequesterKind, StatedFacts, Wizard,
};

fn at() -> ReleaseTime {
    ReleaseTime::new(today(), 9, 7).expect("a time")
}

fn walk(wizard: &mut Wizard, answers: Vec<Answer>) {
    for answer in answers {
        wizard.answer(answer).expect("accepted");
    }
}

/// An adult with a passport asking for their own copy, to the decision.
fn adult_own_copy() -> Vec<Answer> {
    vec![
        Answer::StaffName("Dana Front".into()),
        Answer::Requester(RequesterKind::AdultPatient),
        Answer::PhotoId(recdesk_access::PhotoIdKind::Passport),
        Answer::Purpose(Purpose::OwnUse),
        Answer::Confirm,
    ]
}

#[test]
fn a_knowledge_check_attestation_names_no_record_value() {
    let record = minor_record();
    let mut wizard = Wizard::new(Some(&record), today(), AccessSettings::default());
    // Everything the parent says is right, so what was typed equals the record.
    let stated = StatedFacts {
        name: "José Miguel García-López".into(),
        birth_date: "04/03/2012".into(),
        street: "1234 Main Street NE".into(),
        postal_code: "55413".into(),
        guardian_name: "Robert García".into(),
    };
    walk(
        &mut wizard,
        vec![
            Answer::StaffName("Dana Front".into()),
            Answer::Requester(RequesterKind::ParentOfMinor),
            Answer::KnowledgeCheck(stated),
            Answer::Documents(vec![DocumentKind::BirthRecord]),
            Answer::CourtOrder(CourtOrder::NoneKnown),
            Answer::OwnCare(OwnCare::DoesNot),
            Answer::Purpose(Purpose::School),
            Answer::ProtectionOrder(false),
            Answer::MailingAddress(AddressSource::RegistryRecord),
            Answer::RegistryLocked(false),
            Answer::Confirm,
        ],
    );
    let attestation = wizard.attestation(at()).expect("decided");
    let json = serde_json::to_string(&attestation).expect("json");
    for value in RECORD_VALUES {
        assert!(!json.contains(value), "{value} in {json}");
    }
    assert!(json.contains("\"released_by\":\"Dana Front\""), "{json}");
    assert!(json.contains("\"released_at\":\"2026-05-01 09:07\""), "{json}");
    assert!(json.contains("knowledge check passed (no photo ID: the copy is mailed, never handed over)"), "{json}");
    assert!(json.contains("\"data_as_of\":\"2026-03-01\""), "{json}");
    assert!(json.contains("Minn. R. 1205.0500"), "{json}");
    assert!(json.contains("\"recipient\":\"school\""), "{json}");
    assert!(json.contains("for a school, child care or college"), "{json}");
    assert!(json.contains("\"delivery\":\"mailed_to_the_patients_address\""), "{json}");
    assert!(attestation.delivery_text().contains("MIIC"), "{}", attestation.delivery_text());
}

#[test]
fn an_organization_attestation_records_how_it_was_confirmed() {
    let record = adult_record();
    let mut wizard = Wizard::new(Some(&record), today(), AccessSettings::default());
    walk(
        &mut wizard,
        vec![
            Answer::StaffName("Dana Front".into()),
            Answer::Requester(RequesterKind::Organization(OrganizationKind::Provider)),
            Answer::OrganizationIdentity(OrganizationIdentity::CallbackToListedNumber),
            Answer::ServesPatient(false),
            Answer::ConsentSigned {
                signed_on: "2/14/2026".into(),
                signed_by: recdesk_access::ConsentSigner::Patient,
                valid_until: String::new(),
                covers_this_release: true,
            },
            Answer::RegistryLocked(false),
            Answer::Confirm,
        ],
    );
    let attestation = wizard.attestation(at()).expect("decided");
    assert_eq!(
        attestation.evidence_seen,
        ["call-back to an independently listed number", "signed consent covering this release"]
    );
    assert_eq!(attestation.consent_signed_on.map(|d| d.to_string()).as_deref(), Some("2026-02-14"));
    assert!(attestation.basis.contains(&"Minn. Stat. §144.293"));
    let json = serde_json::to_string(&attestation).expect("json");
    for value in RECORD_VALUES {
        assert!(!json.contains(value), "{value} in {json}");
    }
}

#[test]
fn a_deny_is_attested_too() {
    let record = adult_record();
    let mut wizard = Wizard::new(Some(&record), today(), AccessSettings::default());
    walk(
        &mut wizard,
        vec![
            Answer::StaffName("Dana Front".into()),
            Answer::Requester(RequesterKind::AdultPatient),
            Answer::NoIdentity,
            Answer::Confirm,
        ],
    );
    let attestation = wizard.attestation(at()).expect("decided");
    assert!(attestation.evidence_seen.is_empty());
    assert_eq!(attestation.outcome_label, "do not release");
    assert!(attestation.basis.contains(&"45 CFR 164.514(h)"));
}

#[test]
fn a_release_time_is_a_real_time_on_a_full_date() {
    assert!(ReleaseTime::new(date("2026"), 9, 0).is_none());
    assert!(ReleaseTime::new(today(), 24, 0).is_none());
    assert!(ReleaseTime::new(today(), 23, 60).is_none());
    assert_eq!(ReleaseTime::new(today(), 23, 59).map(|t| t.to_string()).as_deref(), Some("2026-05-01 23:59"));
}

#[test]
fn a_release_time_reads_back_what_it_writes_and_nothing_else() {
    let time = at();
    let json = serde_json::to_string(&time).expect("serialised");
    assert_eq!(serde_json::from_str::<ReleaseTime>(&json).expect("read back"), time);
    for bad in ["2026-11-25", "2026-11-25 24:00", "2026-11-25 9:07", "2026-11 09:07", "2026-11-25 09:60", ""] {
        assert_eq!(ReleaseTime::parse(bad), None, "{bad}");
    }
}

#[test]
fn the_attestation_names_every_setting_that_differs_from_the_default() {
    let record = adult_record();
    let settings =
        recdesk_access::ClinicSettings::parse(r#"{"version": 1, "hepatitis_b_review_age": 14}"#).expect("valid").access;
    for (settings, expected) in [(AccessSettings::default(), 0), (settings, 1)] {
        let mut wizard = Wizard::new(Some(&record), today(), settings);
        walk(&mut wizard, adult_own_copy());
        let attestation = wizard.attestation(at()).expect("decided");
        assert_eq!(attestation.settings.len(), expected, "{:?}", attestation.settings);
        if expected == 1 {
            assert!(attestation.settings[0].contains("from age 14"), "{:?}", attestation.settings);
        }
    }
}

#[test]
fn under_the_clinics_whole_settings_file_the_attestation_names_the_idle_time_too() {
    let record = adult_record();
    let clinic = recdesk_access::ClinicSettings::parse(r#"{"version": 1, "kiosk_idle_seconds": 300}"#).expect("valid");
    let mut wizard = Wizard::with_clinic_settings(Some(&record), today(), &clinic);
    walk(&mut wizard, adult_own_copy());
    let attestation = wizard.attestation(at()).expect("decided");
    assert_eq!(attestation.settings, ["kiosk idle time 300 seconds (default 120)"]);
}
