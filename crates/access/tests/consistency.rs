//! The wizard skips questions once a check has failed or a setting refers. Skipping must never
//! change the decision: for many answer combinations, the wizard's decision equals the table's
//! decision on every answer given, asked or not.

mod common;

use common::*;
use recdesk_access::{
    AccessSettings, AddressSource, Answer, Answers, Consent, ConservatorPolicy, CourtOrder, DeceasedRelativePolicy,
    DelegationCoverage, DocumentKind, DocumentScope, Identity, MinorSelfPolicy, OrganizationIdentity, OwnCare,
    PhotoIdKind, Purpose, RecordFacts, RequesterKind, StatedFacts, Step, Wizard, check_knowledge, decide,
};
use recdesk_record::Record;

/// A small deterministic generator: the same combinations on every run.
struct Lcg(u64);

impl Lcg {
    fn pick<T: Clone>(&mut self, choices: &[T]) -> T {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        choices[((self.0 >> 33) as usize) % choices.len()].clone()
    }
}

#[test]
fn skipping_questions_never_changes_the_decision() {
    let mut rng = Lcg(7);
    let records: Vec<Option<Record>> = vec![
        Some(minor_record()),
        Some(adult_record()),
        Some(protected(minor_record())),
        Some(yearless_record()),
        Some(deceased(adult_record())),
        Some(without_address(minor_record())),
        None,
    ];
    let settings = [
        AccessSettings::default(),
        AccessSettings {
            conservator: ConservatorPolicy::ReleaseWithLetters,
            other_relative_of_deceased: DeceasedRelativePolicy::RequireConsent,
            custodian: recdesk_access::CustodianPolicy::ReleaseWithOrder,
            minor_own_record: MinorSelfPolicy::ReleaseFromAge(12),
            hepatitis_b_review_from_age: 1,
        },
    ];
    let mut decided = 0;
    let mut mailed = 0;
    for _ in 0..4000 {
        let record = rng.pick(&records);
        let settings = rng.pick(&settings);
        let requester = rng.pick(&RequesterKind::ALL);
        // None: a knowledge check (passed on every record but the deceased one's, whose facts are
        // the same) or nothing.
        let photo = rng.pick(&[Some(PhotoIdKind::Passport), Some(PhotoIdKind::SchoolId), None, None]);
        let knowledge = photo.is_none() && rng.pick(&[true, false]);
        let offered = DocumentKind::offered_to(requester);
        let documents = rng.pick(&[offered.to_vec(), vec![], offered.iter().take(1).copied().collect()]);
        let court_order = rng.pick(&CourtOrder::ALL);
        let scope = rng.pick(&DocumentScope::ALL);
        let delegation = rng.pick(&DelegationCoverage::ALL);
        let organization = rng.pick(&[OrganizationIdentity::StaffBadge, OrganizationIdentity::NotConfirmed]);
        let serves = rng.pick(&[true, false]);
        let consent = rng.pick(&[Some("01/05/2026"), Some("01/05/2024"), None]);
        let purpose = rng.pick(&Purpose::ALL);
        let locked = rng.pick(&[false, true]);
        let protection_order = rng.pick(&[false, false, true]);
        let source = rng.pick(&AddressSource::ALL);
        let foster = rng.pick(&[true, false]);
        let own_care = rng.pick(&[OwnCare::DoesNot, OwnCare::DoesNot, OwnCare::ConsentsToAll, OwnCare::Unknown]);

        let mut wizard = Wizard::new(record.as_ref(), today(), settings);
        let mut identity = photo.map_or(Identity::NotShown, Identity::PhotoId);
        while wizard.current_step() != Step::Outcome {
            let answer = match wizard.current_step() {
                Step::StaffName => Answer::StaffName("Dana".into()),
                Step::RequesterKind => Answer::Requester(requester),
                Step::Identity => match photo {
                    Some(kind) if wizard.photo_id_choices().contains(&kind) => Answer::PhotoId(kind),
                    None if knowledge && wizard.knowledge_check_offered() => {
                        let stated = knowledge_of(record.as_ref().expect("offered with a record"));
                        let facts = RecordFacts::from_record(record.as_ref().expect("offered with a record"));
                        let result = check_knowledge(&stated, &facts).expect("readable");
                        identity = Identity::KnowledgeCheck { stated: stated.clone(), result };
                        Answer::KnowledgeCheck(stated)
                    }
                    _ => {
                        identity = Identity::NotShown;
                        Answer::NoIdentity
                    }
                },
                Step::Evidence => Answer::Documents(
                    documents.iter().copied().filter(|kind| wizard.document_choices().contains(kind)).collect(),
                ),
                Step::CourtOrder => Answer::CourtOrder(court_order),
                Step::DocumentScope => Answer::DocumentScope(scope),
                Step::Delegation => Answer::Delegation(delegation),
                Step::OrganizationIdentity => Answer::OrganizationIdentity(organization),
                Step::ServesPatient => Answer::ServesPatient(serves),
                Step::Consent => match consent {
                    Some(date) => Answer::ConsentSigned {
                        signed_on: date.into(),
                        signed_by: recdesk_access::ConsentSigner::Patient,
                        valid_until: String::new(),
                        covers_this_release: true,
                    },
                    None => Answer::NoConsent,
                },
                Step::Purpose => Answer::Purpose(purpose),
                Step::RegistryLock => Answer::RegistryLocked(locked),
                Step::ProtectionOrder => Answer::ProtectionOrder(protection_order),
                Step::MailingAddress => Answer::MailingAddress(source),
                Step::OwnCare => Answer::OwnCare(own_care),
                Step::FosterHealthCare => Answer::FosterHealthCare(foster),
                Step::Summary => Answer::Confirm,
                Step::Outcome => unreachable!(),
            };
            wizard.answer(answer).expect("accepted");
        }
        let everything = Answers {
            staff_name: Some("Dana".into()),
            requester: Some(requester),
            identity: Some(identity),
            documents: Some(documents),
            court_order: Some(court_order),
            document_scope: Some(scope),
            delegation: Some(delegation),
            organization_identity: Some(organization),
            serves_patient: Some(serves),
            consent: Some(consent.map_or(Consent::NotShown, |date| Consent::Signed {
                signed_on: recdesk_access::parse_date_input(date).expect("a date"),
                signed_by: recdesk_access::ConsentSigner::Patient,
                valid_until: None,
                covers_this_release: true,
            })),
            purpose: Some(purpose),
            // MIIC is asked only about paper for an organization; a locked record's own copy is unaffected.
            registry_locked: Some(locked),
            protection_order: Some(protection_order),
            mailing_address: Some(source),
            own_care: Some(own_care),
            foster_health_care: Some(foster),
            held_doses_released_by: None,
        };
        let facts = record.as_ref().map(RecordFacts::from_record);
        let table = decide(&everything, facts.as_ref(), today(), &settings);
        let asked = wizard.outcome().expect("decided");
        assert_eq!(asked, table, "{requester:?} {:?}", wizard.steps());
        decided += 1;
        mailed += usize::from(asked.delivery == recdesk_access::Delivery::MailedToThePatientsAddress);
    }
    assert_eq!(decided, 4000);
    // The generator reaches the mailed path, so the comparison covers it.
    assert!(mailed > 10, "{mailed} mailed");
}

/// What someone close to the family says of the record's patient: the name, the birth date as the
/// record has it, and the street and ZIP of the test records.
fn knowledge_of(record: &Record) -> StatedFacts {
    StatedFacts {
        name: "José García-López".into(),
        birth_date: record
            .patient
            .birth_date
            .as_ref()
            .filter(|d| d.value.day.is_some())
            .map_or_else(|| "2012-04-03".to_owned(), |d| d.value.to_string()),
        street: "1234 Main Street NE".into(),
        postal_code: "55413".into(),
        guardian_name: String::new(),
    }
}
