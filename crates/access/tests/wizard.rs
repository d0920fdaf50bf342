//! The step machine: one question per step, back and forward keeping answers, wrong answers
//! refused without a panic, and the same decision as the table.

mod common;

use common::*;
use recdesk_access::{
    AccessSettings, AddressSource, Answer, AnswerError, CourtOrder, Delivery, DocumentKind, Escalation,
    KNOWLEDGE_CHECK_TRIES, OrganizationIdentity, OrganizationKind, OtherRequester, Outcome, OwnCare, PhotoIdKind,
    Purpose, Recipient, ReferTo, ReleaseTime, RequesterKind, StatedFacts, Step, Wizard,
};
use recdesk_record::Record;

fn wizard(record: Option<&Record>) -> Wizard {
    Wizard::new(record, today(), AccessSettings::default())
}

fn answer(wizard: &mut Wizard, answers: impl IntoIterator<Item = Answer>) {
    for a in answers {
        let step = wizard.current_step();
        wizard.answer(a.clone()).unwrap_or_else(|e| panic!("{a:?} at {step:?}: {e}"));
    }
}

fn parent_answers(purpose: Purpose) -> Vec<Answer> {
    vec![
        Answer::StaffName("  Dana   Front ".into()),
        Answer::Requester(RequesterKind::ParentOfMinor),
        Answer::PhotoId(PhotoIdKind::DriversLicence),
        Answer::Documents(vec![DocumentKind::RecordNamesRequester]),
        Answer::CourtOrder(CourtOrder::NoneKnown),
        Answer::OwnCare(OwnCare::DoesNot),
        Answer::Purpose(purpose),
        Answer::ProtectionOrder(false),
        Answer::Confirm,
    ]
}

#[test]
fn a_parent_walks_through_one_question_per_step() {
    let record = minor_record();
    let mut w = wizard(Some(&record));
    let mut seen = vec![w.current_step()];
    for a in parent_answers(Purpose::OwnUse) {
        assert!(w.outcome().is_none());
        w.answer(a).expect("accepted");
        seen.push(w.current_step());
    }
    let path = [
        Step::StaffName,
        Step::RequesterKind,
        Step::Identity,
        Step::Evidence,
        Step::CourtOrder,
        Step::OwnCare,
        Step::Purpose,
        Step::ProtectionOrder,
        Step::Summary,
        Step::Outcome,
    ];
    assert_eq!(seen, path);
    assert_eq!(w.steps(), path);
    let decision = w.outcome().expect("decided");
    assert_eq!(decision.outcome, Outcome::ReleaseFull);
    assert_eq!(decision.held_for_review.map(|r| r.doses.len()), Some(1), "the dose at 13");
    assert_eq!(decision.delivery, Delivery::AtTheDesk);
    assert!(!decision.address_withheld);
}

#[test]
fn a_parent_taking_the_paper_to_school_gets_the_school_copy() {
    let record = minor_record();
    let mut w = wizard(Some(&record));
    let mut answers = parent_answers(Purpose::School);
    // Paper for an organization: MIIC's lock is asked before the summary.
    answers.insert(8, Answer::RegistryLocked(false));
    answer(&mut w, answers);
    let decision = w.outcome().expect("decided");
    assert_eq!(decision.outcome, Outcome::ReleaseRedacted { recipient: Recipient::School });
    assert_eq!(decision.least_redacted(), Some(Recipient::School));
    assert!(!decision.permits(Recipient::Patient));
}

#[test]
fn back_and_forward_keep_earlier_answers() {
    let record = minor_record();
    let mut w = wizard(Some(&record));
    answer(&mut w, parent_answers(Purpose::OwnUse).into_iter().take(6));
    assert_eq!(w.current_step(), Step::Purpose);
    w.back();
    w.back();
    w.back();
    assert_eq!(w.current_step(), Step::Evidence);
    assert_eq!(w.answers().documents.as_deref(), Some(&[DocumentKind::RecordNamesRequester][..]));
    assert_eq!(w.answers().court_order, Some(CourtOrder::NoneKnown));
    w.forward().expect("answered");
    assert_eq!(w.current_step(), Step::CourtOrder);
    w.forward().expect("answered");
    assert_eq!(w.current_step(), Step::OwnCare);
    w.forward().expect("answered");
    assert_eq!(w.current_step(), Step::Purpose);
    assert_eq!(w.forward(), Err(AnswerError::NotAnswered));
    // Change an earlier answer: the later ones are still there.
    w.back();
    w.back();
    w.back();
    w.answer(Answer::Documents(vec![DocumentKind::BirthRecord])).expect("accepted");
    assert_eq!(w.current_step(), Step::CourtOrder);
    assert_eq!(w.answers().court_order, Some(CourtOrder::NoneKnown));
    answer(
        &mut w,
        [
            Answer::CourtOrder(CourtOrder::NoneKnown),
            Answer::OwnCare(OwnCare::DoesNot),
            Answer::Purpose(Purpose::OwnUse),
            Answer::ProtectionOrder(false),
            Answer::Confirm,
        ],
    );
    assert_eq!(w.outcome().map(|d| d.outcome), Some(Outcome::ReleaseFull));
    // Back from the decision to the summary, and forward again: still decided the same.
    w.back();
    assert_eq!(w.current_step(), Step::Summary);
    assert!(w.outcome().is_none());
    w.forward().expect("confirmed");
    assert_eq!(w.outcome().map(|d| d.outcome), Some(Outcome::ReleaseFull));
    // Back all the way: the first step stays put.
    for _ in 0..20 {
        w.back();
    }
    assert_eq!(w.current_step(), Step::StaffName);
    assert_eq!(w.answers().staff_name.as_deref(), Some("Dana Front"));
}

#[test]
fn changing_the_requester_starts_its_questions_afresh() {
    let record = minor_record();
    let mut w = wizard(Some(&record));
    answer(&mut w, parent_answers(Purpose::OwnUse).into_iter().take(4));
    while w.current_step() != Step::RequesterKind {
        w.back();
    }
    // The same requester again keeps everything.
    w.answer(Answer::Requester(RequesterKind::ParentOfMinor)).expect("accepted");
    assert!(w.answers().identity.is_some());
    w.back();
    w.answer(Answer::Requester(RequesterKind::AnyoneElse(OtherRequester::Camp))).expect("accepted");
    assert!(w.answers().identity.is_none());
    assert!(w.answers().documents.is_none());
    assert_eq!(w.answers().staff_name.as_deref(), Some("Dana Front"));
    assert_eq!(w.current_step(), Step::Consent);
}

#[test]
fn answers_that_do_not_fit_the_step_are_errors() {
    let record = minor_record();
    let mut w = wizard(Some(&record));
    assert_eq!(w.answer(Answer::Confirm), Err(AnswerError::NotThisStep { step: Step::StaffName }));
    assert_eq!(w.answer(Answer::StaffName("Dana 4471".into())), Err(AnswerError::DigitsInName));
    assert_eq!(w.current_step(), Step::StaffName);
    answer(&mut w, [Answer::StaffName("Dana".into()), Answer::Requester(RequesterKind::ParentOfMinor)]);
    assert_eq!(w.answer(Answer::Purpose(Purpose::OwnUse)), Err(AnswerError::NotThisStep { step: Step::Identity }));
    // A parent may be a minor themselves, so a school ID is offered (revised); not to an adult patient.
    assert!(w.photo_id_choices().contains(&PhotoIdKind::SchoolId));
    let unreadable = StatedFacts { birth_date: "3rd of April".into(), ..StatedFacts::default() };
    assert_eq!(w.answer(Answer::KnowledgeCheck(unreadable)), Err(AnswerError::UnreadableDate));
    answer(&mut w, [Answer::PhotoId(PhotoIdKind::TribalId)]);
    assert_eq!(w.document_choices(), DocumentKind::offered_to(RequesterKind::ParentOfMinor));
    assert_eq!(w.answer(Answer::Documents(vec![DocumentKind::DeathRecord])), Err(AnswerError::NotOffered));
    assert_eq!(w.current_step(), Step::Evidence);
    assert!(w.answers().documents.is_none(), "a refused answer changes nothing");
}

#[test]
fn a_minor_asking_for_their_own_record_is_offered_a_school_id() {
    let record = minor_record();
    let mut w = wizard(Some(&record));
    answer(&mut w, [Answer::StaffName("Dana".into()), Answer::Requester(RequesterKind::MinorSelf)]);
    assert!(w.photo_id_choices().contains(&PhotoIdKind::SchoolId));
    answer(&mut w, [Answer::PhotoId(PhotoIdKind::SchoolId)]);
    // At 14 (from the review age) the minor may consent to all their own care: asked.
    assert_eq!(w.current_step(), Step::OwnCare);
    answer(&mut w, [Answer::OwnCare(OwnCare::DoesNot)]);
    // The dose at 13 is theirs: who the paper is for is asked, then a copy of that dose alone.
    answer(&mut w, [Answer::Purpose(Purpose::OwnUse), Answer::Confirm]);
    let decision = w.outcome().expect("decided");
    assert_eq!(decision.outcome, Outcome::ReleaseFull);
    assert_eq!(decision.not_the_minors.len(), 3);
}

#[test]
fn a_young_minor_without_doses_of_their_own_is_referred_at_once() {
    let record = born_in("20150101"); // 11
    let mut w = wizard(Some(&record));
    answer(
        &mut w,
        [
            Answer::StaffName("Dana".into()),
            Answer::Requester(RequesterKind::MinorSelf),
            Answer::PhotoId(PhotoIdKind::SchoolId),
        ],
    );
    // Under the review age nothing more is asked: the default setting refers.
    assert_eq!(w.current_step(), Step::Summary);
    answer(&mut w, [Answer::Confirm]);
    assert!(matches!(
        w.outcome().map(|d| d.outcome),
        Some(Outcome::Refer { to: ReferTo::Supervisor(Escalation::ClinicPolicy), .. })
    ));
}

#[test]
fn a_failed_knowledge_check_skips_to_the_summary_and_denies() {
    let record = minor_record();
    let mut w = wizard(Some(&record));
    let swapped = StatedFacts {
        name: "Jose Garcia-Lopez".into(),
        birth_date: "03/04/2012".into(),
        guardian_name: "Lan Nguyen".into(),
        ..StatedFacts::default()
    };
    answer(
        &mut w,
        [
            Answer::StaffName("Dana".into()),
            Answer::Requester(RequesterKind::ParentOfMinor),
            Answer::KnowledgeCheck(swapped),
        ],
    );
    assert_eq!(w.knowledge_check().map(|k| k.passed()), Some(false));
    assert_eq!(w.current_step(), Step::Summary);
    assert_eq!(w.steps(), [Step::StaffName, Step::RequesterKind, Step::Identity, Step::Summary, Step::Outcome]);
    answer(&mut w, [Answer::Confirm]);
    assert!(matches!(w.outcome().map(|d| d.outcome), Some(Outcome::Deny { .. })));
    // Retyped correctly after going back: the questions come back.
    w.back();
    w.back();
    let right = StatedFacts {
        name: "Jose Garcia-Lopez".into(),
        birth_date: "04/03/2012".into(),
        guardian_name: "Lan Nguyen".into(),
        ..StatedFacts::default()
    };
    answer(&mut w, [Answer::KnowledgeCheck(right)]);
    assert_eq!(w.knowledge_check().map(|k| k.passed()), Some(true));
    assert_eq!(w.current_step(), Step::Evidence);
    // Without a photo ID, that the record names a parent is no evidence: there is no ID to
    // compare the name with. A birth record the requester shows is.
    assert!(!w.document_choices().contains(&DocumentKind::RecordNamesRequester));
    assert_eq!(w.answer(Answer::Documents(vec![DocumentKind::RecordNamesRequester])), Err(AnswerError::NotOffered));
    answer(
        &mut w,
        [
            Answer::Documents(vec![DocumentKind::BirthRecord]),
            Answer::CourtOrder(CourtOrder::NoneKnown),
            Answer::OwnCare(OwnCare::DoesNot),
            Answer::Purpose(Purpose::OwnUse),
            Answer::ProtectionOrder(false),
        ],
    );
    // Nothing is handed over on a knowledge check: the copy is mailed to the record's address.
    assert_eq!(w.current_step(), Step::MailingAddress);
    answer(&mut w, [Answer::MailingAddress(AddressSource::ClinicRecord), Answer::Confirm]);
    let decision = w.outcome().expect("decided");
    assert_eq!(decision.outcome, Outcome::ReleaseFull);
    assert_eq!(decision.delivery, Delivery::MailedToThePatientsAddress);
    // The earlier failure and the mailing are on the printed attestation.
    let attestation = w.attestation(ReleaseTime::new(today(), 9, 7).expect("a time")).expect("released");
    assert!(
        attestation.evidence_seen.iter().any(|seen| seen.contains("earlier knowledge check")),
        "{:?}",
        attestation.evidence_seen
    );
    assert!(attestation.delivery_text().contains("clinic's own chart"), "{}", attestation.delivery_text());
}

#[test]
fn a_knowledge_check_with_the_requesters_own_file_or_an_order_for_protection_mails_nothing() {
    let record = minor_record();
    let stated = StatedFacts {
        name: "Jose Garcia-Lopez".into(),
        birth_date: "04/03/2012".into(),
        guardian_name: "Lan Nguyen".into(),
        ..StatedFacts::default()
    };
    let start = |w: &mut Wizard| {
        answer(
            w,
            [
                Answer::StaffName("Dana".into()),
                Answer::Requester(RequesterKind::ParentOfMinor),
                Answer::KnowledgeCheck(stated.clone()),
                Answer::Documents(vec![DocumentKind::BirthRecord]),
                Answer::CourtOrder(CourtOrder::NoneKnown),
                Answer::OwnCare(OwnCare::DoesNot),
                Answer::Purpose(Purpose::OwnUse),
            ],
        )
    };
    let mut w = wizard(Some(&record));
    start(&mut w);
    answer(&mut w, [Answer::ProtectionOrder(true)]);
    assert_eq!(w.current_step(), Step::Summary, "an order for protection ends the questions");
    answer(&mut w, [Answer::Confirm]);
    assert!(matches!(w.outcome().map(|d| d.outcome), Some(Outcome::Deny { .. })));

    let mut w = wizard(Some(&record));
    start(&mut w);
    answer(&mut w, [Answer::ProtectionOrder(false), Answer::MailingAddress(AddressSource::RequesterBrought)]);
    assert_eq!(w.current_step(), Step::Summary);
    answer(&mut w, [Answer::Confirm]);
    let Some(Outcome::Deny { bring_next_time, .. }) = w.outcome().map(|d| d.outcome) else { panic!("denied") };
    assert!(bring_next_time.iter().any(|b| b.contains("photo ID")), "{bring_next_time:?}");
}

#[test]
fn the_knowledge_check_cannot_be_retried_until_it_passes() {
    // Each try shows which items did not match; guessing against that feedback (swapping day and
    // month, say) must run out.
    let record = minor_record();
    let mut w = wizard(Some(&record));
    let stated = |birth_date: &str| StatedFacts {
        name: "Jose Garcia-Lopez".into(),
        birth_date: birth_date.into(),
        guardian_name: "Lan Nguyen".into(),
        ..StatedFacts::default()
    };
    answer(&mut w, [Answer::StaffName("Dana".into()), Answer::Requester(RequesterKind::ParentOfMinor)]);
    for try_number in 1..=KNOWLEDGE_CHECK_TRIES {
        assert!(w.knowledge_check_offered(), "try {try_number}");
        answer(&mut w, [Answer::KnowledgeCheck(stated("05/03/2012"))]);
        assert_eq!(w.failed_knowledge_checks(), try_number);
        w.revisit(Step::Identity).expect("identity can be revisited");
    }
    assert!(!w.knowledge_check_offered());
    assert_eq!(w.answer(Answer::KnowledgeCheck(stated("04/03/2012"))), Err(AnswerError::KnowledgeCheckTriesUsed));
    // Changing who is asking does not give the tries back; a photo ID still works.
    w.revisit(Step::RequesterKind).expect("revisit");
    answer(&mut w, [Answer::Requester(RequesterKind::ActingAsParent)]);
    assert!(!w.knowledge_check_offered());
    answer(&mut w, [Answer::PhotoId(PhotoIdKind::Passport)]);
    assert_eq!(w.current_step(), Step::Evidence);
}

#[test]
fn an_organization_not_serving_the_patient_is_asked_for_consent() {
    let record = minor_record();
    let mut w = wizard(Some(&record));
    answer(
        &mut w,
        [
            Answer::StaffName("Dana".into()),
            Answer::Requester(RequesterKind::Organization(OrganizationKind::School)),
            Answer::OrganizationIdentity(OrganizationIdentity::Letterhead),
            Answer::ServesPatient(false),
        ],
    );
    assert_eq!(w.current_step(), Step::Consent);
    assert_eq!(
        w.answer(Answer::ConsentSigned {
            signed_on: "06/01/2026".into(),
            signed_by: recdesk_access::ConsentSigner::Patient,
            valid_until: String::new(),
            covers_this_release: true,
        }),
        Err(AnswerError::DateInFuture)
    );
    assert_eq!(
        w.answer(Answer::ConsentSigned {
            signed_on: "2026-1-5".into(),
            signed_by: recdesk_access::ConsentSigner::Patient,
            valid_until: String::new(),
            covers_this_release: true,
        }),
        Err(AnswerError::UnreadableDate)
    );
    answer(
        &mut w,
        // The patient is 14: a parent signs for them.
        [Answer::ConsentSigned {
            signed_on: "1/5/2026".into(),
            signed_by: recdesk_access::ConsentSigner::ParentOrGuardian,
            valid_until: String::new(),
            covers_this_release: true,
        }],
    );
    assert_eq!(w.current_step(), Step::RegistryLock);
    answer(&mut w, [Answer::RegistryLocked(false), Answer::Confirm]);
    let decision = w.outcome().expect("decided");
    assert_eq!(decision.outcome, Outcome::ReleaseRedacted { recipient: Recipient::School });
    assert!(decision.basis.contains(&"Minn. Stat. §144.293"));
    // Go back and say it does serve the patient: the consent is no longer asked or relied on.
    while w.current_step() != Step::ServesPatient {
        w.back();
    }
    answer(&mut w, [Answer::ServesPatient(true)]);
    assert_eq!(w.current_step(), Step::RegistryLock);
    assert!(!w.steps().contains(&Step::Consent));
    answer(&mut w, [Answer::RegistryLocked(false), Answer::Confirm]);
    let decision = w.outcome().expect("decided");
    assert!(decision.basis.contains(&"Minn. Stat. §144.3351"));
    assert!(!decision.basis.contains(&"Minn. Stat. §144.293"));
}

#[test]
fn an_organization_asking_for_a_locked_record_is_sent_to_the_family() {
    let record = minor_record();
    let mut w = wizard(Some(&record));
    answer(
        &mut w,
        [
            Answer::StaffName("Dana".into()),
            Answer::Requester(RequesterKind::Organization(OrganizationKind::Provider)),
            Answer::OrganizationIdentity(OrganizationIdentity::StaffBadge),
            Answer::ServesPatient(true),
            Answer::RegistryLocked(true),
            Answer::Confirm,
        ],
    );
    assert!(
        matches!(w.outcome().map(|d| d.outcome), Some(Outcome::Deny { bring_next_time, .. }) if bring_next_time[0].contains("patient or a parent"))
    );
    // A record already marked protected is not asked about.
    let protected = protected(minor_record());
    let mut w = wizard(Some(&protected));
    answer(
        &mut w,
        [
            Answer::StaffName("Dana".into()),
            Answer::Requester(RequesterKind::Organization(OrganizationKind::School)),
            Answer::OrganizationIdentity(OrganizationIdentity::StaffBadge),
            Answer::ServesPatient(true),
        ],
    );
    assert_eq!(w.current_step(), Step::Summary);
    answer(&mut w, [Answer::Confirm]);
    assert!(
        matches!(w.outcome().map(|d| d.outcome), Some(Outcome::Deny { bring_next_time, .. }) if bring_next_time[0].contains("patient or a parent"))
    );
}

#[test]
fn without_a_record_the_requester_is_referred_to_past_providers() {
    let mut w = wizard(None);
    answer(&mut w, [Answer::StaffName("Dana".into()), Answer::Requester(RequesterKind::AdultPatient)]);
    assert_eq!(w.current_step(), Step::Summary);
    answer(&mut w, [Answer::Confirm]);
    assert!(matches!(w.outcome().map(|d| d.outcome), Some(Outcome::Refer { to: ReferTo::PastProviders, .. })));
    assert_eq!(w.answer(Answer::Confirm), Err(AnswerError::Finished));
    assert_eq!(w.forward(), Err(AnswerError::Finished));
}

#[test]
fn every_step_has_a_question_and_a_basis() {
    use Step::*;
    for step in [
        StaffName,
        RequesterKind,
        Identity,
        Evidence,
        CourtOrder,
        DocumentScope,
        Delegation,
        OrganizationIdentity,
        ServesPatient,
        Consent,
        Purpose,
        RegistryLock,
        Summary,
        Outcome,
    ] {
        assert!(step.question().len() > 10, "{step:?}");
        assert!(step.basis().len() > 20, "{step:?}");
    }
    assert!(Identity.basis().contains("164.514(h)"));
    assert!(CourtOrder.basis().contains("1205.0500"));
    assert!(Consent.basis().contains("144.293"));
}

#[test]
fn the_summary_lists_each_answer_in_words() {
    let record = minor_record();
    let mut w = wizard(Some(&record));
    answer(&mut w, parent_answers(Purpose::OwnUse).into_iter().take(7));
    let lines = w.summary();
    let steps: Vec<Step> = lines.iter().map(|l| l.step).collect();
    assert_eq!(
        steps,
        [
            Step::StaffName,
            Step::RequesterKind,
            Step::Identity,
            Step::Evidence,
            Step::CourtOrder,
            Step::OwnCare,
            Step::Purpose
        ]
    );
    assert_eq!(lines[0].answer, "Dana Front");
    assert_eq!(lines[2].answer, "driver's licence");
    assert!(lines[3].answer.contains("names the requester"));
    assert!(lines.iter().all(|l| !l.question.is_empty()));
}

#[test]
fn the_attestation_comes_with_the_decision() {
    let record = minor_record();
    let mut w = wizard(Some(&record));
    let at = ReleaseTime::new(today(), 14, 5).expect("a time");
    answer(&mut w, parent_answers(Purpose::OwnUse).into_iter().take(8));
    assert!(w.attestation(at).is_none(), "not before the decision");
    answer(&mut w, [Answer::Confirm]);
    let attestation = w.attestation(at).expect("decided");
    assert_eq!(attestation.released_by, "Dana Front");
    assert_eq!(attestation.requester, "a parent or guardian of a minor");
    assert_eq!(attestation.evidence_seen, ["driver's licence", "the record names the requester as parent or guardian"]);
    assert_eq!(attestation.outcome, Outcome::ReleaseFull);
    assert_eq!(attestation.data_as_of.map(|d| d.to_string()).as_deref(), Some("2026-03-01"));
}

#[test]
fn the_summary_can_revisit_answered_steps_but_not_skip_ahead() {
    let record = minor_record();
    let mut w = wizard(Some(&record));
    answer(&mut w, parent_answers(Purpose::OwnUse).into_iter().take(3));
    assert_eq!(w.current_step(), Step::Evidence);
    // Ahead of the first unanswered question: refused, nothing moves.
    assert_eq!(w.revisit(Step::Purpose), Err(AnswerError::NotOffered));
    assert_eq!(w.revisit(Step::Outcome), Err(AnswerError::NotOffered));
    assert_eq!(w.current_step(), Step::Evidence);
    answer(&mut w, parent_answers(Purpose::OwnUse).into_iter().skip(3).take(5));
    assert_eq!(w.current_step(), Step::Summary);
    // Off the path (a parent is never asked about consent): refused.
    assert_eq!(w.revisit(Step::Consent), Err(AnswerError::NotOffered));
    w.revisit(Step::RequesterKind).expect("answered and on the path");
    assert_eq!(w.current_step(), Step::RequesterKind);
    assert_eq!(w.answers().court_order, Some(CourtOrder::NoneKnown));
    for _ in 0..7 {
        w.forward().expect("answered");
    }
    assert_eq!(w.current_step(), Step::Summary);
    w.answer(Answer::Confirm).expect("confirmed");
    assert_eq!(w.outcome().map(|d| d.outcome), Some(Outcome::ReleaseFull));
    // From the decision back to a question, then the summary needs no new confirmation if nothing changed.
    w.revisit(Step::Identity).expect("answered");
    assert!(w.outcome().is_none());
}

#[test]
fn the_staff_name_is_optional_and_the_printout_says_when_it_was_not_given() {
    let record = adult_record();
    let mut w = wizard(Some(&record));
    answer(
        &mut w,
        [
            Answer::StaffName("   ".into()),
            Answer::Requester(RequesterKind::AdultPatient),
            Answer::PhotoId(PhotoIdKind::Passport),
            Answer::Purpose(Purpose::OwnUse),
        ],
    );
    assert_eq!(w.summary().first().map(|line| line.answer.as_str()), Some("name not given"));
    answer(&mut w, [Answer::Confirm]);
    let attestation = w.attestation(ReleaseTime::new(today(), 9, 7).expect("a time")).expect("released");
    assert_eq!(attestation.released_by, "name not given");
}
