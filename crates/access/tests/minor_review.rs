//! A parent's copy of a minor's record: hepatitis B doses the minor may have consented to alone
//! (§144.3441), given at or after the review age (12 unless the clinic sets another), are held for
//! a clinician, named by location, never silently released, and on no copy or count.

mod common;

use common::*;
use recdesk_access::{
    AccessSettings, Answers, CourtOrder, DocumentKind, Outcome, Purpose, Recipient, RecordFacts, ReferTo,
    RequesterKind, allowed_recipients, decide, least_redacted,
};
use recdesk_record::{DoseStatus, ReadOutcome, Record, VaccineGroup};
use recdesk_redact::{ItemKind, Profile, Rule, redact};

/// A parent with photo ID whom the record names; the minor does not consent to all their own care.
fn parent(purpose: Purpose) -> Answers {
    Answers {
        documents: Some(vec![DocumentKind::RecordNamesRequester]),
        court_order: Some(CourtOrder::NoneKnown),
        own_care: Some(recdesk_access::OwnCare::DoesNot),
        protection_order: Some(false),
        purpose: Some(purpose),
        ..with_photo_id(RequesterKind::ParentOfMinor)
    }
}

fn decide_for(record: &Record, answers: &Answers, settings: &AccessSettings) -> recdesk_access::Decision {
    decide(answers, Some(&RecordFacts::from_record(record)), today(), settings)
}

fn rxa(segment_index: u32) -> String {
    at(b"RXA", segment_index, 0).to_string()
}

#[test]
fn a_parent_gets_the_full_copy_with_the_minors_hepatitis_b_doses_held_for_a_clinician() {
    let decision = decide_for(&minor_record(), &parent(Purpose::OwnUse), &AccessSettings::default());
    assert_eq!(decision.outcome, Outcome::ReleaseFull);
    let review = decision.held_for_review.as_ref().expect("held for review");
    assert_eq!(review.to, ReferTo::Clinician);
    assert!(review.basis.contains(&"Minn. Stat. §144.3441"));
    assert!(review.basis.contains(&"45 CFR 164.502(g)(3)"));
    // The dose at 13 only: not the birth dose or the two-month dose (an infant cannot consent),
    // not the MMR, not the one entered in error.
    let held: Vec<String> = review.doses.iter().map(ToString::to_string).collect();
    assert_eq!(held, [rxa(9)]);
}

#[test]
fn the_held_doses_are_left_out_of_the_copy_and_logged() {
    let record = minor_record();
    let decision = decide_for(&record, &parent(Purpose::OwnUse), &AccessSettings::default());
    let recipient = decision.least_redacted().expect("a release");
    let outcome = ReadOutcome { records: vec![record], ..ReadOutcome::default() };
    let copy = redact(&outcome, &Profile::default_for(recipient), &decision.staff_redactions());
    let on_copy: Vec<String> =
        copy.records[0].immunizations.iter().filter_map(|d| d.origin.as_ref().map(ToString::to_string)).collect();
    assert_eq!(on_copy, [rxa(5), rxa(6), rxa(8)], "the infant hepatitis B doses and the MMR");
    let held: Vec<&str> = copy
        .redactions
        .iter()
        .filter(|r| r.kind == ItemKind::Dose && r.rule == Rule::HeldForClinician)
        .map(|r| r.location.as_str())
        .collect();
    assert_eq!(held, [rxa(9)], "named in the staff's log");
    // Not counted on the copy: no "withheld" row and no count of it.
    assert!(copy.withheld_counts().iter().all(|(rule, _)| *rule != Rule::HeldForClinician));
    assert_eq!(copy.printable_redactions().count(), copy.redactions.len() - 1);
}

#[test]
fn the_school_bound_copy_is_redacted_and_still_holds_the_doses() {
    let decision = decide_for(&minor_record(), &parent(Purpose::School), &AccessSettings::default());
    assert_eq!(decision.outcome, Outcome::ReleaseRedacted { recipient: Recipient::School });
    assert_eq!(decision.allowed_recipients(), [Recipient::School, Recipient::DoseCounts]);
    assert!(!decision.permits(Recipient::Patient));
    assert!(!decision.permits(Recipient::Provider));
    assert_eq!(decision.held_for_review.as_ref().map(|r| r.doses.len()), Some(1));
}

#[test]
fn the_clinic_sets_the_review_age() {
    // A stricter clinic holds every hepatitis B dose given before 18, infant doses included.
    let settings = AccessSettings { hepatitis_b_review_from_age: 0, ..AccessSettings::default() };
    let decision = decide_for(&minor_record(), &parent(Purpose::OwnUse), &settings);
    let held: Vec<String> = decision.held_for_review.expect("held").doses.iter().map(ToString::to_string).collect();
    assert_eq!(held, [rxa(5), rxa(6), rxa(9)]);
    // One that trusts parents up to 14 holds nothing of a dose at 13.
    let settings = AccessSettings { hepatitis_b_review_from_age: 14, ..AccessSettings::default() };
    assert!(decide_for(&minor_record(), &parent(Purpose::OwnUse), &settings).held_for_review.is_none());
}

#[test]
fn doses_of_unknown_or_uncertain_age_are_held() {
    let mut record = minor_record();
    record.immunizations = vec![
        dose(VaccineGroup::HepatitisB, None, DoseStatus::Completed, 5),
        // A year only, and a year and month, each spanning the 12th birthday (3 April 2024).
        dose(VaccineGroup::HepatitisB, Some("2024"), DoseStatus::Completed, 6),
        dose(VaccineGroup::HepatitisB, Some("202404"), DoseStatus::Refused, 7),
        // A year only, wholly before the review age: not held.
        dose(VaccineGroup::HepatitisB, Some("2013"), DoseStatus::Completed, 8),
    ];
    let decision = decide_for(&record, &parent(Purpose::OwnUse), &AccessSettings::default());
    let held: Vec<String> = decision.held_for_review.expect("held").doses.iter().map(ToString::to_string).collect();
    assert_eq!(held, [rxa(5), rxa(6), rxa(7)]);
}

#[test]
fn a_dose_given_after_eighteen_is_not_a_minors() {
    // A guardian of a known adult has no review at all, though one dose was given at 16: the
    // minor-consent exception limits what a parent of a minor may see.
    let guardian = Answers {
        documents: Some(vec![DocumentKind::LettersOfGuardianship]),
        document_scope: Some(recdesk_access::DocumentScope::NoLimit),
        protection_order: Some(false),
        purpose: Some(Purpose::OwnUse),
        ..with_photo_id(RequesterKind::LegalGuardianOfAdult)
    };
    let decision = decide_for(&adult_record(), &guardian, &AccessSettings::default());
    assert_eq!(decision.outcome, Outcome::ReleaseFull);
    assert!(decision.held_for_review.is_none());
    // A year-only dose in the year of the 18th birthday may be a minor's: held.
    let mut record = minor_record();
    record.immunizations = vec![
        dose(VaccineGroup::HepatitisB, Some("2030"), DoseStatus::Completed, 5),
        dose(VaccineGroup::HepatitisB, Some("20300501"), DoseStatus::Completed, 6),
    ];
    let facts = RecordFacts::from_record(&record);
    let decision = decide(&parent(Purpose::OwnUse), Some(&facts), today(), &AccessSettings::default());
    let held: Vec<String> = decision.held_for_review.expect("held").doses.iter().map(ToString::to_string).collect();
    assert_eq!(held, [rxa(5)]);
}

#[test]
fn a_dose_that_cannot_be_located_sends_the_whole_request_to_a_clinician() {
    let mut record = minor_record();
    record.immunizations[4].origin = None; // the dose at 13
    let decision = decide_for(&record, &parent(Purpose::OwnUse), &AccessSettings::default());
    assert!(matches!(decision.outcome, Outcome::Refer { to: ReferTo::Clinician, .. }), "{decision:?}");
    assert!(decision.allowed_recipients().is_empty());
}

#[test]
fn without_hepatitis_b_doses_nothing_is_held() {
    let mut record = minor_record();
    record.immunizations.retain(|d| !d.vaccine_groups.contains(&VaccineGroup::HepatitisB));
    let decision = decide_for(&record, &parent(Purpose::OwnUse), &AccessSettings::default());
    assert_eq!(decision.outcome, Outcome::ReleaseFull);
    assert!(decision.held_for_review.is_none());
    assert!(decision.staff_redactions().hidden.is_empty());
}

#[test]
fn each_outcome_allows_only_its_profile_and_more_redacted_ones() {
    use Recipient::*;
    let refer = Outcome::Refer { to: ReferTo::Mdh, why: "protected" };
    let deny = Outcome::Deny { why: "no ID", bring_next_time: vec![] };
    let cases: [(Outcome, &[Recipient]); 6] = [
        (Outcome::ReleaseFull, &[Patient, Provider, School, DoseCounts]),
        (Outcome::ReleaseRedacted { recipient: Provider }, &[Provider, School, DoseCounts]),
        (Outcome::ReleaseRedacted { recipient: School }, &[School, DoseCounts]),
        (Outcome::ReleaseRedacted { recipient: DoseCounts }, &[DoseCounts]),
        (refer, &[]),
        (deny, &[]),
    ];
    for (outcome, allowed) in cases {
        assert_eq!(allowed_recipients(&outcome), allowed, "{outcome:?}");
        assert_eq!(least_redacted(&outcome), allowed.first().copied(), "{outcome:?}");
    }
}

/// Regression (legal review): a MIIC lock stops organizations, not the family. A parent's copy for
/// the school proceeds, with a notice to staff, and the redaction library makes it; the school
/// asking directly is sent to the family.
#[test]
fn a_locked_record_is_the_familys_to_carry_and_no_organizations_to_ask_for() {
    let record = protected(minor_record());
    let decision = decide_for(&record, &parent(Purpose::School), &AccessSettings::default());
    assert_eq!(decision.outcome, Outcome::ReleaseRedacted { recipient: Recipient::School });
    assert!(decision.notice.is_some_and(|notice| notice.contains("never to an organization")));
    assert!(decision.requested_by_a_person);
    let outcome = ReadOutcome { records: vec![record.clone()], ..ReadOutcome::default() };
    let copy = redact(&outcome, &decision.profile_for(Recipient::School), &decision.staff_redactions());
    assert_eq!((copy.records.len(), copy.blocked.len()), (1, 0));
    // Their own-use copy of a record the registry marks protected carries the notice too: the
    // school copy may be printed from it.
    let own = decide_for(&record, &parent(Purpose::OwnUse), &AccessSettings::default());
    assert_eq!(own.outcome, Outcome::ReleaseFull);
    assert!(own.notice.is_some() && own.permits(Recipient::School));
    // A lock only answered (not in the record) is asked about paper for an organization alone.
    let answered = Answers { registry_locked: Some(true), ..parent(Purpose::OwnUse) };
    assert_eq!(decide_for(&minor_record(), &answered, &AccessSettings::default()).notice, None);

    let school = Answers {
        organization_identity: Some(recdesk_access::OrganizationIdentity::Letterhead),
        serves_patient: Some(true),
        ..Answers {
            requester: Some(RequesterKind::Organization(recdesk_access::OrganizationKind::School)),
            ..Answers::default()
        }
    };
    let decision = decide_for(&record, &school, &AccessSettings::default());
    assert!(
        matches!(&decision.outcome, Outcome::Deny { bring_next_time, .. } if bring_next_time[0].contains("patient or a parent"))
    );
    assert!(!decision.requested_by_a_person && decision.allowed_recipients().is_empty());
    // Even if a copy were attempted for it, the library refuses a locked record to an organization.
    let refused = redact(&outcome, &decision.profile_for(Recipient::School), &decision.staff_redactions());
    assert!(refused.records.is_empty());
}

/// A partial date in the birth year or month means a day from the birth on, and a year-only birth
/// date still tells an infant's dose: neither is held (that would strip a kindergarten copy).
#[test]
fn partial_dates_around_the_birth_are_an_infants_doses() {
    let mut record = minor_record();
    record.patient.birth_date = Some(recdesk_record::Located::new(date("20200915"), at(b"PID", 2, 7)));
    record.immunizations = vec![
        dose(VaccineGroup::HepatitisB, Some("2020"), DoseStatus::Completed, 5),
        dose(VaccineGroup::HepatitisB, Some("202009"), DoseStatus::Completed, 6),
        // Before the birth altogether: an error in the record, which rules nothing out.
        dose(VaccineGroup::HepatitisB, Some("2019"), DoseStatus::Completed, 7),
    ];
    let decision = decide_for(&record, &parent(Purpose::School), &AccessSettings::default());
    let held: Vec<String> = decision.held_for_review.expect("held").doses.iter().map(ToString::to_string).collect();
    assert_eq!(held, [rxa(7)]);

    record.patient.birth_date = Some(recdesk_record::Located::new(
        recdesk_record::PartialDate::parse("2020").expect("a year"),
        at(b"PID", 2, 7),
    ));
    record.immunizations = vec![
        dose(VaccineGroup::HepatitisB, Some("20200915"), DoseStatus::Completed, 5),
        dose(VaccineGroup::HepatitisB, Some("20201115"), DoseStatus::Completed, 6),
    ];
    let today = date("20260501");
    let decision =
        decide(&parent(Purpose::OwnUse), Some(&RecordFacts::from_record(&record)), today, &AccessSettings::default());
    assert_eq!(decision.outcome, Outcome::ReleaseFull);
    assert!(decision.held_for_review.is_none(), "{decision:?}");
}

#[test]
fn a_minor_asking_for_their_own_record_gets_the_doses_they_consented_to_alone_and_nothing_else() {
    let record = minor_record();
    let answers = Answers {
        own_care: Some(recdesk_access::OwnCare::DoesNot),
        purpose: Some(Purpose::OwnUse),
        ..with_photo_id(RequesterKind::MinorSelf)
    };
    let decision = decide_for(&record, &answers, &AccessSettings::default());
    assert_eq!(decision.outcome, Outcome::ReleaseFull);
    assert!(decision.held_for_review.is_none());
    let withheld: Vec<String> = decision.not_the_minors.iter().map(ToString::to_string).collect();
    assert_eq!(withheld, [rxa(5), rxa(6), rxa(8)], "the infant doses and the MMR are the parents' to release");
    let outcome = ReadOutcome { records: vec![record], ..ReadOutcome::default() };
    let copy = redact(&outcome, &decision.profile_for(Recipient::Patient), &decision.staff_redactions());
    let on_copy: Vec<String> =
        copy.records[0].immunizations.iter().filter_map(|d| d.origin.as_ref().map(ToString::to_string)).collect();
    assert_eq!(on_copy, [rxa(9)], "only the dose at 13");
    // Named for staff, counted nowhere on the copy.
    assert_eq!(
        copy.redactions.iter().filter(|r| r.rule == Rule::NotTheMinorsToRelease && r.kind == ItemKind::Dose).count(),
        3
    );
    assert!(copy.withheld_counts().iter().all(|(rule, _)| !rule.is_held_back()));
}

#[test]
fn a_clinician_can_release_the_held_doses_to_a_parent_and_the_attestation_names_them() {
    use recdesk_access::{Answer, AnswerError, ReleaseTime, Wizard};
    let record = minor_record();
    let mut wizard = Wizard::new(Some(&record), today(), AccessSettings::default());
    for answer in [
        Answer::StaffName("Dana Front".into()),
        Answer::Requester(RequesterKind::ParentOfMinor),
        Answer::PhotoId(recdesk_access::PhotoIdKind::Passport),
        Answer::Documents(vec![DocumentKind::RecordNamesRequester]),
        Answer::CourtOrder(CourtOrder::NoneKnown),
        Answer::OwnCare(recdesk_access::OwnCare::DoesNot),
        Answer::Purpose(Purpose::OwnUse),
        Answer::ProtectionOrder(false),
        Answer::Confirm,
    ] {
        wizard.answer(answer).expect("accepted");
    }
    assert!(wizard.outcome().expect("decided").held_for_review.is_some());
    assert_eq!(wizard.release_held_doses("Dr. 4 Lee"), Err(AnswerError::DigitsInName));
    wizard.release_held_doses("  Dr.  Kim Lee ").expect("released");
    let decision = wizard.outcome().expect("decided");
    assert!(decision.held_for_review.is_none());
    assert_eq!(decision.held_doses_released_by.as_deref(), Some("Dr. Kim Lee"));
    // Not in the basis an organization's copy prints: that would tell of the care.
    assert!(!decision.basis.contains(&"Minn. Stat. §144.346"));
    let attestation = wizard.attestation(ReleaseTime::new(today(), 9, 0).expect("a time")).expect("released");
    assert_eq!(attestation.held_doses_released_by.as_deref(), Some("Dr. Kim Lee"));
    // Taken back: held again.
    wizard.withdraw_release_of_held_doses();
    assert!(wizard.outcome().expect("decided").held_for_review.is_some());
}

#[test]
fn a_consent_for_a_third_party_never_releases_held_doses_even_with_a_clinicians_name() {
    let answers = Answers {
        requester: Some(RequesterKind::AnyoneElse(recdesk_access::OtherRequester::Camp)),
        consent: Some(recdesk_access::Consent::Signed {
            signed_on: date("20260401"),
            signed_by: recdesk_access::ConsentSigner::ParentOrGuardian,
            valid_until: None,
            covers_this_release: true,
        }),
        held_doses_released_by: Some("Dr. Kim Lee".into()),
        registry_locked: Some(false),
        ..Answers::default()
    };
    let decision = decide_for(&minor_record(), &answers, &AccessSettings::default());
    assert!(decision.outcome.is_release());
    assert!(decision.held_for_review.is_some());
    assert!(decision.held_doses_released_by.is_none());
}

#[test]
fn a_refused_hepatitis_b_dose_held_from_a_parent_is_on_no_copy_either() {
    // A refusal at 13 says something about care the minor may have decided alone: held like a dose.
    let mut record = minor_record();
    record.immunizations[4].status = DoseStatus::Refused;
    let decision = decide_for(&record, &parent(Purpose::School), &AccessSettings::default());
    let held: Vec<String> =
        decision.held_for_review.as_ref().expect("held").doses.iter().map(ToString::to_string).collect();
    assert_eq!(held, [rxa(9)]);
    let outcome = ReadOutcome { records: vec![record], ..ReadOutcome::default() };
    for recipient in [Recipient::Patient, Recipient::School] {
        let copy = redact(&outcome, &decision.profile_for(recipient), &decision.staff_redactions());
        assert!(copy.records[0].immunizations.iter().all(|d| d.status != DoseStatus::Refused), "{recipient:?}");
        assert!(copy.printable_redactions().all(|r| r.location != rxa(9)), "{recipient:?}: counted on the copy");
        assert!(copy.redactions.iter().any(|r| r.location == rxa(9) && r.rule == Rule::HeldForClinician));
    }
}

#[test]
fn an_organization_whose_service_is_not_answered_gets_no_held_dose() {
    let answers = Answers {
        requester: Some(RequesterKind::Organization(recdesk_access::OrganizationKind::School)),
        organization_identity: Some(recdesk_access::OrganizationIdentity::Letterhead),
        registry_locked: Some(false),
        consent: Some(recdesk_access::Consent::Signed {
            signed_on: date("20260401"),
            signed_by: recdesk_access::ConsentSigner::ParentOrGuardian,
            valid_until: None,
            covers_this_release: true,
        }),
        ..Answers::default()
    };
    let decision = decide_for(&minor_record(), &answers, &AccessSettings::default());
    assert!(decision.outcome.is_release());
    assert!(decision.held_for_review.is_some(), "unanswered counts against release");
}
