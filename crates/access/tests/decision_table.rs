//! Every row and branch of domain.md's verification decision table, and each clinic setting.

mod common;

use std::collections::BTreeSet;

use common::*;
use recdesk_access::basis::*;
use recdesk_access::{
    AccessSettings, AddressSource, Answers, Consent, ConsentSigner, ConservatorPolicy, CourtOrder, CustodianPolicy,
    DeceasedRelativePolicy, DelegationCoverage, Delivery, DocumentKind, DocumentScope, Escalation, Identity,
    MinorSelfPolicy, OrganizationIdentity, OrganizationKind, OtherRequester, Outcome, OwnCare, PhotoIdKind, Purpose,
    Recipient, RecordFacts, ReferTo, RequesterKind, StatedFacts, check_knowledge, decide,
};
use recdesk_record::Record;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Expect {
    Full,
    Redacted(Recipient),
    Refer(ReferTo),
    Deny,
}

enum Rec {
    Minor,
    Adult,
    ProtectedMinor,
    ProtectedAdult,
    YearOnlyBirth,
    /// The minor record with another birth date ("2015") or none ("").
    BornIn(&'static str),
    /// The adult record marked deceased.
    DeceasedAdult,
    /// The adult record without an address.
    AdultWithoutAddress,
    /// The minor record marked deceased.
    DeceasedMinor,
    Missing,
}

impl Rec {
    fn build(&self) -> Option<Record> {
        match self {
            Rec::Minor => Some(minor_record()),
            Rec::Adult => Some(adult_record()),
            Rec::ProtectedMinor => Some(protected(minor_record())),
            Rec::ProtectedAdult => Some(protected(adult_record())),
            Rec::YearOnlyBirth => Some(yearless_record()),
            Rec::BornIn(birth) => Some(born_in(birth)),
            Rec::DeceasedAdult => Some(deceased(adult_record())),
            Rec::AdultWithoutAddress => Some(without_address(adult_record())),
            Rec::DeceasedMinor => Some(deceased(minor_record())),
            Rec::Missing => None,
        }
    }
}

struct Row {
    name: &'static str,
    record: Rec,
    settings: AccessSettings,
    answers: Answers,
    expect: Expect,
    /// Citations the decision must include.
    basis: &'static [&'static str],
    /// Whether hepatitis B doses are held for a clinician.
    held: bool,
    /// Whether the copy is mailed to the patient's address (identity by knowledge check).
    mailed: bool,
    /// Whether every address is kept off the copy (an order for protection or Safe at Home).
    no_address: bool,
    /// Whether the copy holds only the doses the minor consented to alone (the rest withheld).
    own_doses_only: bool,
}

fn row(name: &'static str, record: Rec, answers: Answers, expect: Expect, basis: &'static [&'static str]) -> Row {
    Row {
        name,
        record,
        settings: AccessSettings::default(),
        answers,
        expect,
        basis,
        held: false,
        mailed: false,
        no_address: false,
        own_doses_only: false,
    }
}

fn own_doses_only(mut row: Row) -> Row {
    row.own_doses_only = true;
    row
}

fn mailed(mut row: Row) -> Row {
    row.mailed = true;
    row
}

fn no_address(mut row: Row) -> Row {
    row.no_address = true;
    row
}

/// The answers of a knowledge check that passes on the adult record (born 15 July 1990).
fn adult_knowledge() -> Answers {
    knowledge(
        RequesterKind::AdultPatient,
        StatedFacts {
            name: "Jose Garcia Lopez".into(),
            birth_date: "07/15/1990".into(),
            postal_code: "55413".into(),
            street: "1234 Main St NE".into(),
            ..StatedFacts::default()
        },
    )
}

/// A parent's passed knowledge check on the minor record (born 3 April 2012).
fn parent_knowledge(documents: &[DocumentKind]) -> Answers {
    let stated = StatedFacts {
        name: "José García-López".into(),
        birth_date: "04/03/2012".into(),
        guardian_name: "Robert García".into(),
        ..StatedFacts::default()
    };
    let result = check_knowledge(&stated, &RecordFacts::from_record(&minor_record())).expect("readable");
    assert!(result.passed());
    Answers {
        requester: Some(RequesterKind::ParentOfMinor),
        identity: Some(Identity::KnowledgeCheck { stated, result }),
        documents: Some(documents.to_vec()),
        court_order: Some(CourtOrder::NoneKnown),
        own_care: Some(OwnCare::DoesNot),
        purpose: Some(Purpose::OwnUse),
        ..Answers::default()
    }
}

fn to_mail(answers: Answers, protection_order: Option<bool>, source: Option<AddressSource>) -> Answers {
    Answers { protection_order, mailing_address: source, ..answers }
}

fn held(mut row: Row) -> Row {
    row.held = true;
    row
}

fn with_settings(mut row: Row, settings: AccessSettings) -> Row {
    row.settings = settings;
    row
}

/// A requester with photo ID and these documents, who says no order for protection applies.
/// (Asked of a parent of a minor from the review age: the minor does not consent to all their own care.)
fn docs(requester: RequesterKind, documents: &[DocumentKind]) -> Answers {
    Answers {
        documents: Some(documents.to_vec()),
        protection_order: Some(false),
        own_care: Some(OwnCare::DoesNot),
        ..with_photo_id(requester)
    }
}

fn purpose(mut answers: Answers, purpose: Purpose) -> Answers {
    answers.purpose = Some(purpose);
    answers
}

fn no_id(requester: RequesterKind) -> Answers {
    Answers { requester: Some(requester), identity: Some(Identity::NotShown), ..Answers::default() }
}

/// A consent signed on `signed` by a legally authorized representative (who can sign for any
/// patient; the rows on who signed name the signer); MIIC shows no lock.
fn consent(requester: RequesterKind, signed: &str, covers: bool) -> Answers {
    Answers {
        requester: Some(requester),
        registry_locked: Some(false),
        consent: Some(Consent::Signed {
            signed_on: date(signed),
            signed_by: ConsentSigner::LegalRepresentative,
            valid_until: None,
            covers_this_release: covers,
        }),
        ..Answers::default()
    }
}

/// The consent in `answers`, signed by `signer`.
fn signed_by(mut answers: Answers, signer: ConsentSigner) -> Answers {
    if let Some(Consent::Signed { signed_by, .. }) = answers.consent.as_mut() {
        *signed_by = signer;
    }
    answers
}

/// The consent in `answers` with the end date it states.
fn with_period(mut answers: Answers, until: &str) -> Answers {
    if let Some(Consent::Signed { valid_until, .. }) = answers.consent.as_mut() {
        *valid_until = Some(date(until));
    }
    answers
}

/// An organization asking, confirmed `how`; MIIC shows no lock.
fn organization(kind: OrganizationKind, how: OrganizationIdentity, serves: bool) -> Answers {
    Answers {
        requester: Some(RequesterKind::Organization(kind)),
        organization_identity: Some(how),
        serves_patient: Some(serves),
        registry_locked: Some(false),
        ..Answers::default()
    }
}

fn knowledge(requester: RequesterKind, stated: StatedFacts) -> Answers {
    let result = check_knowledge(&stated, &RecordFacts::from_record(&adult_record())).expect("readable");
    Answers {
        requester: Some(requester),
        identity: Some(Identity::KnowledgeCheck { stated, result }),
        purpose: Some(Purpose::OwnUse),
        ..Answers::default()
    }
}

fn rows() -> Vec<Row> {
    use DocumentKind::*;
    use Expect::*;
    use RequesterKind::*;
    let minor_self_from =
        |age| AccessSettings { minor_own_record: MinorSelfPolicy::ReleaseFromAge(age), ..AccessSettings::default() };
    let parent = |order: Option<CourtOrder>| Answers {
        court_order: order,
        protection_order: Some(false),
        ..docs(ParentOfMinor, &[RecordNamesRequester])
    };
    let parent_for = |p: Purpose| purpose(parent(Some(CourtOrder::NoneKnown)), p);
    let acting = |documents: &[DocumentKind], coverage: Option<DelegationCoverage>| Answers {
        delegation: coverage,
        purpose: Some(Purpose::OwnUse),
        ..docs(ActingAsParent, documents)
    };
    let guardian = |documents: &[DocumentKind], scope: Option<DocumentScope>| Answers {
        document_scope: scope,
        purpose: Some(Purpose::OwnUse),
        ..docs(LegalGuardianOfAdult, documents)
    };
    let foster = |documents: &[DocumentKind], authorized: Option<bool>| Answers {
        foster_health_care: authorized,
        purpose: Some(Purpose::OwnUse),
        ..docs(FosterParent, documents)
    };
    let agent = |documents: &[DocumentKind], scope: Option<DocumentScope>| Answers {
        document_scope: scope,
        purpose: Some(Purpose::OwnUse),
        ..docs(HealthCareAgent, documents)
    };
    let school = OrganizationKind::School;
    let badge = OrganizationIdentity::StaffBadge;
    let supervisor = |why| Refer(ReferTo::Supervisor(why));
    vec![
        // Adult patient: identity → full copy (§144.292).
        row(
            "adult, licence, own use",
            Rec::Adult,
            purpose(with_photo_id(AdultPatient), Purpose::OwnUse),
            Full,
            &[PATIENT_ACCESS],
        ),
        row("adult, no identification", Rec::Adult, no_id(AdultPatient), Deny, &[VERIFY_IDENTITY]),
        // "Adult" is the staff's word; a record that may be a minor's is not released on it.
        row(
            "adult, birth year only: may be 17",
            Rec::YearOnlyBirth,
            purpose(with_photo_id(AdultPatient), Purpose::OwnUse),
            supervisor(Escalation::AgeUnknown),
            &[PATIENT_DEFINITION],
        ),
        row(
            "adult, no birth date in the record",
            Rec::BornIn(""),
            purpose(with_photo_id(AdultPatient), Purpose::OwnUse),
            supervisor(Escalation::AgeUnknown),
            &[PATIENT_DEFINITION],
        ),
        row(
            "adult, birth year only but surely 18 or older",
            Rec::BornIn("1990"),
            purpose(with_photo_id(AdultPatient), Purpose::OwnUse),
            Full,
            &[PATIENT_ACCESS],
        ),
        // A year-only birth date that is a minor's whatever the day: the minor's row.
        row(
            "adult button, birth year only but surely a minor: the minor's policy",
            Rec::BornIn("2015"),
            purpose(with_photo_id(AdultPatient), Purpose::OwnUse),
            supervisor(Escalation::ClinicPolicy),
            &[CLINIC_POLICY],
        ),
        held(row(
            "parent, birth month only but surely a minor",
            Rec::BornIn("201504"),
            parent_for(Purpose::OwnUse),
            Full,
            &[PATIENT_DEFINITION, PARENT_ACCESS],
        )),
        row(
            "parent, no birth date in the record",
            Rec::BornIn(""),
            parent_for(Purpose::OwnUse),
            supervisor(Escalation::AgeUnknown),
            &[PATIENT_DEFINITION],
        ),
        row(
            "adult, school ID is not accepted from an adult",
            Rec::Adult,
            Answers {
                identity: Some(Identity::PhotoId(PhotoIdKind::SchoolId)),
                ..purpose(with_photo_id(AdultPatient), Purpose::OwnUse)
            },
            Deny,
            &[VERIFY_IDENTITY],
        ),
        row(
            "adult, paper for a school",
            Rec::Adult,
            purpose(with_photo_id(AdultPatient), Purpose::School),
            Redacted(Recipient::School),
            &[PATIENT_ACCESS, MIIC_AGREEMENT],
        ),
        row(
            "adult, paper for a provider",
            Rec::Adult,
            purpose(with_photo_id(AdultPatient), Purpose::Provider),
            Redacted(Recipient::Provider),
            &[PATIENT_ACCESS, MIIC_AGREEMENT],
        ),
        row(
            "adult, paper for an employer",
            Rec::Adult,
            purpose(with_photo_id(AdultPatient), Purpose::OtherOrganization),
            Redacted(Recipient::School),
            &[MIIC_AGREEMENT],
        ),
        row(
            "adult, purpose not answered: the most redacted printed copy",
            Rec::Adult,
            with_photo_id(AdultPatient),
            Redacted(Recipient::School),
            &[MIIC_AGREEMENT],
        ),
        row(
            "adult, protected record, own use",
            Rec::ProtectedAdult,
            purpose(with_photo_id(AdultPatient), Purpose::OwnUse),
            Full,
            &[PATIENT_ACCESS],
        ),
        // A lock stops organizations, not the patient: their own copy for a school proceeds
        // (domain.md, "MIIC lock, opt-out and PD1-12", revised).
        row(
            "adult, protected record, paper for a school",
            Rec::ProtectedAdult,
            purpose(with_photo_id(AdultPatient), Purpose::School),
            Redacted(Recipient::School),
            &[PATIENT_ACCESS, MIIC_AGREEMENT],
        ),
        row(
            "adult, MIIC opt-out, paper for a provider",
            Rec::Adult,
            Answers { registry_locked: Some(true), ..purpose(with_photo_id(AdultPatient), Purpose::Provider) },
            Redacted(Recipient::Provider),
            &[PATIENT_ACCESS, MIIC_AGREEMENT],
        ),
        // A knowledge check never hands anything over at the desk (revised; 45 CFR 164.514(h)(1)(i)):
        // the copy is mailed to the patient's address in the clinic's or the registry's own record.
        mailed(row(
            "adult, knowledge check passed, address from the clinic's chart: mailed",
            Rec::Adult,
            to_mail(adult_knowledge(), Some(false), Some(AddressSource::ClinicRecord)),
            Full,
            &[PATIENT_ACCESS, VERIFY_IDENTITY],
        )),
        mailed(row(
            "adult, knowledge check passed, address from MIIC: mailed",
            Rec::Adult,
            to_mail(adult_knowledge(), Some(false), Some(AddressSource::RegistryRecord)),
            Full,
            &[PATIENT_ACCESS, VERIFY_IDENTITY],
        )),
        mailed(row(
            "adult, knowledge check passed, paper for a school: the school copy, mailed",
            Rec::Adult,
            to_mail(purpose(adult_knowledge(), Purpose::School), Some(false), Some(AddressSource::ClinicRecord)),
            Redacted(Recipient::School),
            &[PATIENT_ACCESS, VERIFY_IDENTITY],
        )),
        row(
            "adult, knowledge check passed, the record came from the requester's own file",
            Rec::Adult,
            to_mail(adult_knowledge(), Some(false), Some(AddressSource::RequesterBrought)),
            Deny,
            &[VERIFY_IDENTITY],
        ),
        row(
            "adult, knowledge check passed, where the address comes from left unanswered",
            Rec::Adult,
            to_mail(adult_knowledge(), Some(false), None),
            Deny,
            &[VERIFY_IDENTITY],
        ),
        row(
            "adult, knowledge check passed, an order for protection or Safe at Home",
            Rec::Adult,
            to_mail(adult_knowledge(), Some(true), Some(AddressSource::ClinicRecord)),
            Deny,
            &[VERIFY_IDENTITY],
        ),
        row(
            "adult, knowledge check passed, order for protection left unanswered",
            Rec::Adult,
            to_mail(adult_knowledge(), None, Some(AddressSource::ClinicRecord)),
            Deny,
            &[VERIFY_IDENTITY],
        ),
        row(
            "adult, knowledge check passed, the record holds no address",
            Rec::AdultWithoutAddress,
            to_mail(adult_knowledge(), Some(false), Some(AddressSource::ClinicRecord)),
            Deny,
            &[VERIFY_IDENTITY],
        ),
        row(
            "adult, knowledge check passed, the record is marked deceased",
            Rec::DeceasedAdult,
            to_mail(adult_knowledge(), Some(false), Some(AddressSource::ClinicRecord)),
            Deny,
            &[VERIFY_IDENTITY],
        ),
        // A record marked deceased is never released as the patient's own (revised).
        row(
            "adult with a passport, the record is marked deceased",
            Rec::DeceasedAdult,
            purpose(with_photo_id(AdultPatient), Purpose::OwnUse),
            Deny,
            &[PATIENT_ACCESS],
        ),
        // A minor from the review age who consents to all their own care, or may: no parent is
        // their "patient" (§144.291 subd. 2; §144.341–.342), so a supervisor decides (revised).
        row(
            "parent of a 14-year-old who is married: refer",
            Rec::Minor,
            Answers { own_care: Some(OwnCare::ConsentsToAll), ..parent_for(Purpose::OwnUse) },
            supervisor(Escalation::MinorConsentsToOwnCare),
            &[PATIENT_DEFINITION, MINOR_LIVING_APART, MINOR_MARRIED_OR_PARENT],
        ),
        row(
            "parent of a 14-year-old, whether the minor consents to their own care not known: refer",
            Rec::Minor,
            Answers { own_care: Some(OwnCare::Unknown), ..parent_for(Purpose::OwnUse) },
            supervisor(Escalation::MinorConsentsToOwnCare),
            &[MINOR_LIVING_APART],
        ),
        row(
            "parent of a 14-year-old, the minor's own consent left unanswered: refer",
            Rec::Minor,
            Answers { own_care: None, ..parent_for(Purpose::OwnUse) },
            supervisor(Escalation::MinorConsentsToOwnCare),
            &[MINOR_MARRIED_OR_PARENT],
        ),
        held(row(
            "parent of an 11-year-old: the minor's own consent is not asked",
            Rec::BornIn("20150101"),
            Answers { own_care: None, ..parent_for(Purpose::OwnUse) },
            Full,
            &[PATIENT_DEFINITION, PARENT_RECORDS],
        )),
        row(
            "person acting as parent of a 14-year-old who has borne a child: refer",
            Rec::Minor,
            Answers {
                own_care: Some(OwnCare::ConsentsToAll),
                ..acting(&[WrittenDelegation], Some(DelegationCoverage::Covers))
            },
            supervisor(Escalation::MinorConsentsToOwnCare),
            &[MINOR_MARRIED_OR_PARENT],
        ),
        row(
            "a parent on a knowledge check, the record naming them is no paper they show",
            Rec::Minor,
            to_mail(parent_knowledge(&[RecordNamesRequester]), Some(false), Some(AddressSource::ClinicRecord)),
            Deny,
            &[PATIENT_DEFINITION],
        ),
        held(mailed(row(
            "a parent on a knowledge check with a birth record: mailed",
            Rec::Minor,
            to_mail(parent_knowledge(&[BirthRecord]), Some(false), Some(AddressSource::RegistryRecord)),
            Full,
            &[PATIENT_DEFINITION, PARENT_RECORDS, VERIFY_IDENTITY],
        ))),
        row(
            "a minor on a knowledge check, even where the clinic releases to minors: refer",
            Rec::Minor,
            to_mail(
                Answers { requester: Some(MinorSelf), ..parent_knowledge(&[]) },
                Some(false),
                Some(AddressSource::ClinicRecord),
            ),
            supervisor(Escalation::IdentityNotShown),
            &[VERIFY_IDENTITY],
        ),
        // An order for protection or Safe at Home: asked of anyone acting for the patient; no
        // address on any copy (revised). Unanswered counts as applying.
        held(no_address(row(
            "parent named in the record, an order for protection applies",
            Rec::Minor,
            Answers { protection_order: Some(true), ..parent_for(Purpose::OwnUse) },
            Full,
            &[PATIENT_DEFINITION, PARENT_ACCESS],
        ))),
        held(no_address(row(
            "parent named in the record, order for protection not answered",
            Rec::Minor,
            Answers { protection_order: None, ..parent_for(Purpose::OwnUse) },
            Full,
            &[PATIENT_DEFINITION, PARENT_ACCESS],
        ))),
        row(
            "adult, knowledge check failed (birth date a day off)",
            Rec::Adult,
            knowledge(
                AdultPatient,
                StatedFacts {
                    name: "Jose Garcia Lopez".into(),
                    birth_date: "07/16/1990".into(),
                    postal_code: "55413".into(),
                    ..StatedFacts::default()
                },
            ),
            Deny,
            &[VERIFY_IDENTITY],
        ),
        own_doses_only(row(
            "'adult' whose record shows a minor of 14: the minor's row (only the dose they consented to alone)",
            Rec::Minor,
            purpose(with_photo_id(AdultPatient), Purpose::OwnUse),
            Full,
            &[MINOR_HEPATITIS_B],
        )),
        // Parent or guardian of a minor.
        held(row(
            "parent named in the record",
            Rec::Minor,
            parent_for(Purpose::OwnUse),
            Full,
            &[PATIENT_DEFINITION, PARENT_ACCESS],
        )),
        held(row(
            "parent with a birth record",
            Rec::Minor,
            Answers { documents: Some(vec![BirthRecord]), ..parent_for(Purpose::OwnUse) },
            Full,
            &[PATIENT_DEFINITION],
        )),
        held(row(
            "guardian of a minor with letters",
            Rec::Minor,
            Answers { documents: Some(vec![LettersOfGuardianship]), ..parent_for(Purpose::OwnUse) },
            Full,
            &[PATIENT_DEFINITION],
        )),
        row(
            "parent without evidence of parenthood",
            Rec::Minor,
            Answers { documents: Some(vec![]), ..parent_for(Purpose::OwnUse) },
            Deny,
            &[PATIENT_DEFINITION],
        ),
        row(
            "parent without identification",
            Rec::Minor,
            Answers { identity: Some(Identity::NotShown), ..parent_for(Purpose::OwnUse) },
            Deny,
            &[VERIFY_IDENTITY],
        ),
        // A school ID is photo ID from any requester who is a minor, a minor parent included (revised).
        held(row(
            "a minor parent showing a school ID",
            Rec::Minor,
            Answers { identity: Some(Identity::PhotoId(PhotoIdKind::SchoolId)), ..parent_for(Purpose::OwnUse) },
            Full,
            &[PATIENT_DEFINITION, PARENT_RECORDS],
        )),
        row(
            "guardian of an adult showing a school ID",
            Rec::Adult,
            Answers {
                identity: Some(Identity::PhotoId(PhotoIdKind::SchoolId)),
                ..guardian(&[LettersOfGuardianship], Some(DocumentScope::NoLimit))
            },
            Deny,
            &[VERIFY_IDENTITY],
        ),
        row(
            "parent, court order forbids access",
            Rec::Minor,
            purpose(parent(Some(CourtOrder::ForbidsAccess)), Purpose::OwnUse),
            Deny,
            &[PARENT_ACCESS],
        ),
        row(
            "parent, court order limits or unclear",
            Rec::Minor,
            purpose(parent(Some(CourtOrder::LimitsOrUnclear)), Purpose::OwnUse),
            supervisor(Escalation::CourtOrder),
            &[PARENT_ACCESS],
        ),
        row(
            "parent, court order question unanswered",
            Rec::Minor,
            purpose(parent(None), Purpose::OwnUse),
            supervisor(Escalation::CourtOrder),
            &[PARENT_ACCESS],
        ),
        row("parent of a patient now 18 or older", Rec::Adult, parent_for(Purpose::OwnUse), Deny, &[CONSENT]),
        row(
            "parent, birth date incomplete",
            Rec::YearOnlyBirth,
            parent_for(Purpose::OwnUse),
            supervisor(Escalation::AgeUnknown),
            &[PATIENT_DEFINITION],
        ),
        held(row(
            "parent, paper for the school: the school copy",
            Rec::Minor,
            parent_for(Purpose::School),
            Redacted(Recipient::School),
            &[MIIC_AGREEMENT, PATIENT_DEFINITION, PARENT_RECORDS, PARENT_ACCESS],
        )),
        held(row(
            "parent, paper for a provider",
            Rec::Minor,
            parent_for(Purpose::Provider),
            Redacted(Recipient::Provider),
            &[MIIC_AGREEMENT],
        )),
        held(row(
            "parent, protected record, paper for the school",
            Rec::ProtectedMinor,
            parent_for(Purpose::School),
            Redacted(Recipient::School),
            &[PATIENT_DEFINITION, MIIC_AGREEMENT],
        )),
        held(row(
            "parent, protected record, own use",
            Rec::ProtectedMinor,
            parent_for(Purpose::OwnUse),
            Full,
            &[PATIENT_DEFINITION],
        )),
        // Legal guardian of an adult: letters that include health-care or medical-records powers
        // (revised; §524.5-313(b): "only those powers necessary"); scope unclear → refer.
        row(
            "guardian of an adult with letters covering health care",
            Rec::Adult,
            guardian(&[LettersOfGuardianship], Some(DocumentScope::NoLimit)),
            Full,
            &[PATIENT_DEFINITION, GUARDIAN_POWERS],
        ),
        row(
            "guardian of an adult whose letters leave out health care",
            Rec::Adult,
            guardian(&[LettersOfGuardianship], Some(DocumentScope::ExcludesRecords)),
            Deny,
            &[GUARDIAN_POWERS],
        ),
        row(
            "guardian of an adult, scope of the letters unclear",
            Rec::Adult,
            guardian(&[LettersOfGuardianship], Some(DocumentScope::Unclear)),
            supervisor(Escalation::UnclearDocument),
            &[PATIENT_DEFINITION],
        ),
        row(
            "guardian of an adult, scope of the letters unanswered",
            Rec::Adult,
            guardian(&[LettersOfGuardianship], None),
            supervisor(Escalation::UnclearDocument),
            &[PATIENT_DEFINITION],
        ),
        row(
            "guardian without letters",
            Rec::Adult,
            guardian(&[], Some(DocumentScope::NoLimit)),
            Deny,
            &[PATIENT_DEFINITION],
        ),
        row(
            "guardian without identification",
            Rec::Adult,
            Answers {
                identity: Some(Identity::NotShown),
                ..guardian(&[LettersOfGuardianship], Some(DocumentScope::NoLimit))
            },
            Deny,
            &[VERIFY_IDENTITY],
        ),
        // A guardian of a minor asks on the parent-or-guardian row, where the minor-consent
        // questions are asked; here the request is turned back with where to go.
        row(
            "guardian of an adult whose ward is a minor: asked on the parent-or-guardian row",
            Rec::Minor,
            guardian(&[LettersOfGuardianship], Some(DocumentScope::NoLimit)),
            Deny,
            &[PATIENT_DEFINITION],
        ),
        // A representative's authority ends at death: the survivors and the estate (revised).
        row(
            "guardian of an adult, the record marked deceased",
            Rec::DeceasedAdult,
            guardian(&[LettersOfGuardianship], Some(DocumentScope::NoLimit)),
            Deny,
            &[ESTATE_REPRESENTATIVE],
        ),
        row(
            "health care agent, the record marked deceased",
            Rec::DeceasedAdult,
            agent(&[HealthCareDirective], Some(DocumentScope::NoLimit)),
            Deny,
            &[ESTATE_REPRESENTATIVE],
        ),
        row(
            "parent of a minor whose record is marked deceased: the survivor's row",
            Rec::DeceasedMinor,
            parent_for(Purpose::OwnUse),
            Deny,
            &[PATIENT_DEFINITION],
        ),
        // Conservator only (unverified: setting).
        row(
            "conservator with letters, default setting",
            Rec::Adult,
            purpose(docs(ConservatorOnly, &[LettersOfConservatorship]), Purpose::OwnUse),
            supervisor(Escalation::ClinicPolicy),
            &[CLINIC_POLICY],
        ),
        with_settings(
            row(
                "conservator with letters, clinic releases",
                Rec::Adult,
                purpose(docs(ConservatorOnly, &[LettersOfConservatorship]), Purpose::OwnUse),
                Full,
                &[CLINIC_POLICY, PATIENT_DEFINITION],
            ),
            AccessSettings { conservator: ConservatorPolicy::ReleaseWithLetters, ..AccessSettings::default() },
        ),
        row("conservator without letters", Rec::Adult, docs(ConservatorOnly, &[]), Deny, &[CLINIC_POLICY]),
        row(
            "conservator without identification",
            Rec::Adult,
            Answers { identity: Some(Identity::NotShown), ..docs(ConservatorOnly, &[LettersOfConservatorship]) },
            Deny,
            &[VERIFY_IDENTITY],
        ),
        // Person acting as parent.
        held(row(
            "written delegation covering health care",
            Rec::Minor,
            acting(&[WrittenDelegation], Some(DelegationCoverage::Covers)),
            Full,
            &[PATIENT_DEFINITION],
        )),
        // Foster parent (revised): the parents keep the right to consent to medical care, so the
        // county caseworker is asked unless an order or the placement expressly authorizes it.
        held(row(
            "foster parent whose placement expressly authorizes health care",
            Rec::Minor,
            foster(&[FosterPlacement], Some(true)),
            Full,
            &[PATIENT_DEFINITION, FOSTER_CARE],
        )),
        row(
            "foster parent with a placement letter that does not authorize health care",
            Rec::Minor,
            foster(&[FosterPlacement], Some(false)),
            Refer(ReferTo::CountyCaseworker),
            &[FOSTER_CARE],
        ),
        row(
            "foster parent, authority unanswered",
            Rec::Minor,
            foster(&[FosterPlacement], None),
            Refer(ReferTo::CountyCaseworker),
            &[FOSTER_CARE],
        ),
        row("foster parent without a placement letter", Rec::Minor, foster(&[], Some(true)), Deny, &[FOSTER_CARE]),
        row(
            "foster parent of an adult",
            Rec::Adult,
            foster(&[FosterPlacement], Some(true)),
            Deny,
            &[PATIENT_DEFINITION],
        ),
        // Custodian by court order, standby custodian, county agency (revised; unverified: setting).
        row(
            "custodian with the court order, default setting",
            Rec::Minor,
            purpose(docs(Custodian, &[CustodyOrder]), Purpose::OwnUse),
            supervisor(Escalation::ClinicPolicy),
            &[CLINIC_POLICY],
        ),
        with_settings(
            held(row(
                "custodian with the court order, clinic releases",
                Rec::Minor,
                purpose(docs(Custodian, &[CustodyOrder]), Purpose::OwnUse),
                Full,
                &[CLINIC_POLICY, PATIENT_DEFINITION],
            )),
            AccessSettings { custodian: CustodianPolicy::ReleaseWithOrder, ..AccessSettings::default() },
        ),
        row(
            "custodian without the order",
            Rec::Minor,
            purpose(docs(Custodian, &[]), Purpose::OwnUse),
            Deny,
            &[PATIENT_DEFINITION],
        ),
        // Personal representative of a deceased patient's estate (revised; 45 CFR 164.502(g)(4)).
        row(
            "estate's personal representative with letters testamentary",
            Rec::DeceasedAdult,
            purpose(docs(EstateRepresentative, &[LettersTestamentary]), Purpose::OwnUse),
            Full,
            &[ESTATE_REPRESENTATIVE],
        ),
        row(
            "estate's personal representative without letters",
            Rec::DeceasedAdult,
            purpose(docs(EstateRepresentative, &[]), Purpose::OwnUse),
            Deny,
            &[ESTATE_REPRESENTATIVE],
        ),
        row(
            "estate's personal representative without identification",
            Rec::DeceasedAdult,
            Answers { identity: Some(Identity::NotShown), ..docs(EstateRepresentative, &[LettersTestamentary]) },
            Deny,
            &[VERIFY_IDENTITY],
        ),
        // Court order or subpoena (revised): the privacy officer's.
        row(
            "a court order or subpoena for a protected record: still the privacy officer's",
            Rec::ProtectedAdult,
            Answers { requester: Some(CourtOrSubpoena), ..Answers::default() },
            Refer(ReferTo::PrivacyOfficer),
            &[COURT_ORDERED_RELEASE],
        ),
        row(
            "a court order or subpoena",
            Rec::Adult,
            Answers { requester: Some(CourtOrSubpoena), ..Answers::default() },
            Refer(ReferTo::PrivacyOfficer),
            &[COURT_ORDERED_RELEASE],
        ),
        row(
            "delegation unclear",
            Rec::Minor,
            acting(&[WrittenDelegation], Some(DelegationCoverage::Unclear)),
            supervisor(Escalation::UnclearDocument),
            &[PATIENT_DEFINITION],
        ),
        row(
            "delegation coverage unanswered",
            Rec::Minor,
            acting(&[WrittenDelegation], None),
            supervisor(Escalation::UnclearDocument),
            &[PATIENT_DEFINITION],
        ),
        row(
            "delegation expired or not covering health care",
            Rec::Minor,
            acting(&[WrittenDelegation], Some(DelegationCoverage::DoesNotCover)),
            Deny,
            &[PATIENT_DEFINITION],
        ),
        row(
            "acting as parent without a document",
            Rec::Minor,
            acting(&[], Some(DelegationCoverage::Covers)),
            Deny,
            &[PATIENT_DEFINITION],
        ),
        row(
            "acting as parent of an adult",
            Rec::Adult,
            acting(&[WrittenDelegation], Some(DelegationCoverage::Covers)),
            Deny,
            &[CONSENT],
        ),
        row(
            "acting as parent without identification",
            Rec::Minor,
            Answers { identity: None, ..acting(&[WrittenDelegation], Some(DelegationCoverage::Covers)) },
            Deny,
            &[VERIFY_IDENTITY],
        ),
        // Health care agent / written representative.
        row(
            "agent, directive without limits",
            Rec::Adult,
            agent(&[HealthCareDirective], Some(DocumentScope::NoLimit)),
            Full,
            &[PATIENT_DEFINITION, HEALTH_CARE_AGENT],
        ),
        row(
            "representative, written appointment without limits",
            Rec::Adult,
            agent(&[WrittenAppointment], Some(DocumentScope::NoLimit)),
            Full,
            &[PATIENT_DEFINITION],
        ),
        row(
            "agent, document excludes records",
            Rec::Adult,
            agent(&[HealthCareDirective], Some(DocumentScope::ExcludesRecords)),
            Deny,
            &[HEALTH_CARE_AGENT],
        ),
        row(
            "agent, document unclear",
            Rec::Adult,
            agent(&[HealthCareDirective], Some(DocumentScope::Unclear)),
            supervisor(Escalation::UnclearDocument),
            &[PATIENT_DEFINITION],
        ),
        row(
            "agent without a document",
            Rec::Adult,
            agent(&[], Some(DocumentScope::NoLimit)),
            Deny,
            &[HEALTH_CARE_AGENT],
        ),
        row(
            "agent without identification",
            Rec::Adult,
            Answers {
                identity: Some(Identity::NotShown),
                ..agent(&[HealthCareDirective], Some(DocumentScope::NoLimit))
            },
            Deny,
            &[VERIFY_IDENTITY],
        ),
        // Surviving spouse or parent of a deceased patient.
        row(
            "survivor with death record and proof of relationship",
            Rec::Adult,
            purpose(docs(SurvivingSpouseOrParent, &[DeathRecord, ProofOfRelationship]), Purpose::OwnUse),
            Full,
            &[PATIENT_DEFINITION],
        ),
        row(
            "survivor with only a death record",
            Rec::Adult,
            docs(SurvivingSpouseOrParent, &[DeathRecord]),
            Deny,
            &[PATIENT_DEFINITION],
        ),
        row(
            "survivor with only proof of relationship",
            Rec::Adult,
            docs(SurvivingSpouseOrParent, &[ProofOfRelationship]),
            Deny,
            &[PATIENT_DEFINITION],
        ),
        row(
            "survivor without identification",
            Rec::Adult,
            Answers {
                identity: Some(Identity::NotShown),
                ..docs(SurvivingSpouseOrParent, &[DeathRecord, ProofOfRelationship])
            },
            Deny,
            &[VERIFY_IDENTITY],
        ),
        // Other relative of a deceased patient (unverified: setting).
        row(
            "other relative, default setting",
            Rec::Adult,
            with_photo_id(OtherRelativeOfDeceased),
            supervisor(Escalation::ClinicPolicy),
            &[CLINIC_POLICY],
        ),
        with_settings(
            row(
                "other relative with the estate's consent",
                Rec::Adult,
                Answers {
                    identity: Some(Identity::PhotoId(PhotoIdKind::Passport)),
                    ..consent(OtherRelativeOfDeceased, "20260110", true)
                },
                Redacted(Recipient::School),
                &[CLINIC_POLICY, CONSENT],
            ),
            AccessSettings {
                other_relative_of_deceased: DeceasedRelativePolicy::RequireConsent,
                ..AccessSettings::default()
            },
        ),
        with_settings(
            row("other relative without consent", Rec::Adult, with_photo_id(OtherRelativeOfDeceased), Deny, &[CONSENT]),
            AccessSettings {
                other_relative_of_deceased: DeceasedRelativePolicy::RequireConsent,
                ..AccessSettings::default()
            },
        ),
        row(
            "other relative without identification",
            Rec::Adult,
            no_id(OtherRelativeOfDeceased),
            Deny,
            &[VERIFY_IDENTITY],
        ),
        // Minor asking for their own record (clinic policy: setting).
        // The doses the minor consented to alone are the minor's to have (revised; 45 CFR
        // 164.502(g)(3)): the hepatitis B dose at 13, and nothing else, whatever the policy.
        own_doses_only(row(
            "minor of 14 with school ID, default setting: only the dose they consented to alone",
            Rec::Minor,
            Answers {
                identity: Some(Identity::PhotoId(PhotoIdKind::SchoolId)),
                ..purpose(with_photo_id(MinorSelf), Purpose::OwnUse)
            },
            Full,
            &[MINOR_HEPATITIS_B, MINOR_REPRESENTATIVE],
        )),
        row(
            "minor of 11 with school ID, default setting: no dose of their own, referred",
            Rec::BornIn("20150101"),
            Answers {
                identity: Some(Identity::PhotoId(PhotoIdKind::SchoolId)),
                ..purpose(with_photo_id(MinorSelf), Purpose::OwnUse)
            },
            supervisor(Escalation::ClinicPolicy),
            &[CLINIC_POLICY],
        ),
        // A minor who consents to all their own care (§144.341–.342) is treated as an adult (revised).
        row(
            "minor of 14 who lives apart and manages their own money: as an adult",
            Rec::Minor,
            Answers { own_care: Some(OwnCare::ConsentsToAll), ..purpose(with_photo_id(MinorSelf), Purpose::OwnUse) },
            Full,
            &[PATIENT_ACCESS, MINOR_LIVING_APART, MINOR_MARRIED_OR_PARENT],
        ),
        own_doses_only(row(
            "minor of 14 who does not consent to all their own care: only the dose they consented to alone",
            Rec::Minor,
            Answers { own_care: Some(OwnCare::DoesNot), ..purpose(with_photo_id(MinorSelf), Purpose::OwnUse) },
            Full,
            &[MINOR_HEPATITIS_B],
        )),
        with_settings(
            row(
                "minor of 14, clinic releases from 12",
                Rec::Minor,
                Answers {
                    identity: Some(Identity::PhotoId(PhotoIdKind::SchoolId)),
                    ..purpose(with_photo_id(MinorSelf), Purpose::OwnUse)
                },
                Full,
                &[CLINIC_POLICY],
            ),
            minor_self_from(12),
        ),
        with_settings(
            own_doses_only(row(
                "minor of 14, clinic releases from 16: only the dose they consented to alone",
                Rec::Minor,
                purpose(with_photo_id(MinorSelf), Purpose::OwnUse),
                Full,
                &[MINOR_HEPATITIS_B],
            )),
            minor_self_from(16),
        ),
        with_settings(
            row(
                "minor, clinic releases, birth date incomplete",
                Rec::YearOnlyBirth,
                purpose(with_photo_id(MinorSelf), Purpose::OwnUse),
                supervisor(Escalation::AgeUnknown),
                &[PATIENT_DEFINITION],
            ),
            minor_self_from(0),
        ),
        with_settings(
            row("minor without identification", Rec::Minor, no_id(MinorSelf), Deny, &[VERIFY_IDENTITY]),
            minor_self_from(0),
        ),
        row(
            "'minor' whose record shows an adult: the adult row",
            Rec::Adult,
            purpose(with_photo_id(MinorSelf), Purpose::OwnUse),
            Full,
            &[PATIENT_ACCESS],
        ),
        row(
            "'minor' whose record shows an adult, school ID only",
            Rec::Adult,
            Answers {
                identity: Some(Identity::PhotoId(PhotoIdKind::SchoolId)),
                ..purpose(with_photo_id(MinorSelf), Purpose::OwnUse)
            },
            Deny,
            &[VERIFY_IDENTITY],
        ),
        // Organizations serving the patient (§144.3351).
        row(
            "school serving the patient",
            Rec::Minor,
            organization(school, badge, true),
            Redacted(Recipient::School),
            &[IMMUNIZATION_EXCHANGE, MIIC_AGREEMENT],
        ),
        row(
            "child care serving the patient",
            Rec::Minor,
            organization(OrganizationKind::ChildCare, OrganizationIdentity::Letterhead, true),
            Redacted(Recipient::School),
            &[IMMUNIZATION_EXCHANGE],
        ),
        row(
            "college serving the patient",
            Rec::Adult,
            organization(OrganizationKind::College, OrganizationIdentity::KnownSecureChannel, true),
            Redacted(Recipient::School),
            &[IMMUNIZATION_EXCHANGE],
        ),
        row(
            "provider serving the patient",
            Rec::Adult,
            organization(OrganizationKind::Provider, OrganizationIdentity::CallbackToListedNumber, true),
            Redacted(Recipient::Provider),
            &[IMMUNIZATION_EXCHANGE],
        ),
        row(
            "health plan serving the patient",
            Rec::Adult,
            organization(OrganizationKind::HealthPlan, OrganizationIdentity::Letterhead, true),
            Redacted(Recipient::Provider),
            &[IMMUNIZATION_EXCHANGE],
        ),
        // The MIIC question asked and left unanswered counts as a lock (against release).
        row(
            "school serving the child, MIIC lock left unanswered",
            Rec::Minor,
            Answers {
                registry_locked: None,
                ..organization(OrganizationKind::School, OrganizationIdentity::Letterhead, true)
            },
            Deny,
            &[PROTECTED_RECORD],
        ),
        // Head Start gets the school copy; community health boards and MDH the provider copy (revised).
        row(
            "Head Start serving the child",
            Rec::Minor,
            organization(OrganizationKind::HeadStart, OrganizationIdentity::Letterhead, true),
            Redacted(Recipient::School),
            &[IMMUNIZATION_EXCHANGE],
        ),
        row(
            "community health board serving the patient",
            Rec::Adult,
            organization(OrganizationKind::CommunityHealthBoard, OrganizationIdentity::CallbackToListedNumber, true),
            Redacted(Recipient::Provider),
            &[IMMUNIZATION_EXCHANGE],
        ),
        row(
            "the Minnesota Department of Health",
            Rec::Adult,
            organization(OrganizationKind::Mdh, OrganizationIdentity::KnownSecureChannel, true),
            Redacted(Recipient::Provider),
            &[IMMUNIZATION_EXCHANGE],
        ),
        row(
            "organization not confirmed",
            Rec::Minor,
            organization(school, OrganizationIdentity::NotConfirmed, true),
            Deny,
            &[VERIFY_IDENTITY],
        ),
        // A parent's consent does not reach care the minor consented to alone (revised).
        held(row(
            "organization not serving the patient, with consent",
            Rec::Minor,
            Answers {
                consent: Some(Consent::Signed {
                    signed_on: date("20251201"),
                    signed_by: ConsentSigner::ParentOrGuardian,
                    valid_until: None,
                    covers_this_release: true,
                }),
                ..organization(school, badge, false)
            },
            Redacted(Recipient::School),
            &[CONSENT],
        )),
        row(
            "organization not serving the patient, no consent",
            Rec::Minor,
            organization(school, badge, false),
            Deny,
            &[CONSENT],
        ),
        // An organization asking directly is told to get the record from the family.
        row(
            "school, protected record",
            Rec::ProtectedMinor,
            organization(school, badge, true),
            Deny,
            &[PROTECTED_RECORD],
        ),
        row(
            "provider, MIIC opt-out",
            Rec::Adult,
            Answers { registry_locked: Some(true), ..organization(OrganizationKind::Provider, badge, true) },
            Deny,
            &[PROTECTED_RECORD, MIIC_AGREEMENT],
        ),
        // Anyone else (§144.293).
        row(
            "employer with consent under a year old",
            Rec::Adult,
            consent(AnyoneElse(OtherRequester::Employer), "20250601", true),
            Redacted(Recipient::School),
            &[CONSENT, MIIC_AGREEMENT],
        ),
        // A consent is valid for the period it states, else one year (revised; §144.293 subd. 4).
        row(
            "employer with a consent signed 18 months ago that states two years",
            Rec::Adult,
            with_period(consent(AnyoneElse(OtherRequester::Employer), "20241101", true), "20261101"),
            Redacted(Recipient::School),
            &[CONSENT],
        ),
        row(
            "employer with a consent signed last month that stated an end last week",
            Rec::Adult,
            with_period(consent(AnyoneElse(OtherRequester::Employer), "20260401", true), "20260424"),
            Deny,
            &[CONSENT],
        ),
        // (A parent's consent never reaches doses the minor may have consented to alone: this
        // record's hepatitis B doses predate its birth date, so their age cannot be ruled out.)
        held(row(
            "grandparent without a delegation, with the parent's consent",
            Rec::BornIn("20150101"),
            Answers {
                consent: Some(Consent::Signed {
                    signed_on: date("20260301"),
                    signed_by: recdesk_access::ConsentSigner::ParentOrGuardian,
                    valid_until: None,
                    covers_this_release: true,
                }),
                ..consent(AnyoneElse(OtherRequester::Relative), "20260301", true)
            },
            Redacted(Recipient::School),
            &[CONSENT],
        )),
        // Who signed it must be able to consent for this patient (§144.293).
        row(
            "employer with a consent a parent signed for an adult patient",
            Rec::Adult,
            signed_by(consent(AnyoneElse(OtherRequester::Employer), "20260301", true), ConsentSigner::ParentOrGuardian),
            Deny,
            &[CONSENT],
        ),
        row(
            "employer with a consent the 'estate' signed for a living patient",
            Rec::Adult,
            signed_by(
                consent(AnyoneElse(OtherRequester::Employer), "20260301", true),
                ConsentSigner::EstateRepresentative,
            ),
            Deny,
            &[CONSENT],
        ),
        row(
            "camp with a consent the 14-year-old signed alone",
            Rec::Minor,
            signed_by(consent(AnyoneElse(OtherRequester::Camp), "20260301", true), ConsentSigner::Patient),
            Deny,
            &[CONSENT],
        ),
        held(row(
            "camp with a consent a guardian signed for the minor",
            Rec::Minor,
            signed_by(consent(AnyoneElse(OtherRequester::Camp), "20260301", true), ConsentSigner::LegalRepresentative),
            Redacted(Recipient::School),
            &[CONSENT],
        )),
        row(
            "camp without consent",
            Rec::Minor,
            Answers {
                requester: Some(AnyoneElse(OtherRequester::Camp)),
                consent: Some(Consent::NotShown),
                ..Answers::default()
            },
            Deny,
            &[CONSENT],
        ),
        row(
            "relative, consent question unanswered",
            Rec::Minor,
            Answers { requester: Some(AnyoneElse(OtherRequester::Relative)), ..Answers::default() },
            Deny,
            &[CONSENT],
        ),
        row(
            "relative with a consent 13 months old",
            Rec::Minor,
            consent(AnyoneElse(OtherRequester::Relative), "20250401", true),
            Deny,
            &[CONSENT],
        ),
        row(
            "consent signed exactly one year ago",
            Rec::Minor,
            consent(AnyoneElse(OtherRequester::Other), "20250501", true),
            Deny,
            &[CONSENT],
        ),
        held(row(
            "consent signed a year ago tomorrow",
            Rec::Minor,
            consent(AnyoneElse(OtherRequester::Other), "20250502", true),
            Redacted(Recipient::School),
            &[CONSENT],
        )),
        row(
            "consent that does not cover this release",
            Rec::Minor,
            consent(AnyoneElse(OtherRequester::Employer), "20260101", false),
            Deny,
            &[CONSENT],
        ),
        row(
            "consent dated in the future",
            Rec::Minor,
            consent(AnyoneElse(OtherRequester::Employer), "20260601", true),
            Deny,
            &[CONSENT],
        ),
        row(
            "consent, protected record",
            Rec::ProtectedAdult,
            consent(AnyoneElse(OtherRequester::Employer), "20260101", true),
            Deny,
            &[PROTECTED_RECORD],
        ),
        // A lock stops organizations, not a person with the patient's consent (revised).
        row(
            "relative with consent, protected record",
            Rec::ProtectedAdult,
            consent(AnyoneElse(OtherRequester::Relative), "20260101", true),
            Redacted(Recipient::School),
            &[CONSENT],
        ),
        // An organization is sent to the family whatever else it brought or lacked.
        row(
            "school not serving the patient, no consent, protected record",
            Rec::ProtectedMinor,
            organization(school, badge, false),
            Deny,
            &[PROTECTED_RECORD],
        ),
        // No record loaded, and nothing answered.
        row(
            "no record loaded",
            Rec::Missing,
            purpose(with_photo_id(AdultPatient), Purpose::OwnUse),
            Refer(ReferTo::PastProviders),
            &[PATIENT_ACCESS],
        ),
        row(
            "no record, organization",
            Rec::Missing,
            organization(school, badge, true),
            Refer(ReferTo::PastProviders),
            &[PATIENT_ACCESS],
        ),
        row("who is asking not answered", Rec::Adult, Answers::default(), Deny, &[VERIFY_IDENTITY]),
    ]
}

/// Every copy a decision allows, redacted from the row's record: no value on it that the
/// decision's own copy withholds (item by item, where it was), and no held dose, or count of one,
/// on any of them.
fn copies_keep_within_the_decision(name: &str, record: &Record, decision: &recdesk_access::Decision) {
    use recdesk_redact::{Rule, redact};
    let allowed = decision.allowed_recipients();
    let own = match &decision.outcome {
        Outcome::ReleaseFull => Recipient::Patient,
        Outcome::ReleaseRedacted { recipient } => *recipient,
        Outcome::Refer { .. } | Outcome::Deny { .. } => return,
    };
    assert!(allowed.contains(&own), "{name}: the decision's own copy is allowed");
    let outcome = recdesk_record::ReadOutcome { records: vec![record.clone()], ..Default::default() };
    let staff = decision.staff_redactions();
    let own_copy = redact(&outcome, &decision.profile_for(own), &staff);
    let withheld = |copy: &recdesk_redact::Redacted| -> BTreeSet<(String, String)> {
        copy.redactions.iter().map(|r| (format!("{:?}", r.kind), r.location.clone())).collect()
    };
    let own_withheld = withheld(&own_copy);
    let held: Vec<&recdesk_record::Location> = staff.held_for_clinician.iter().chain(&staff.not_the_minors).collect();
    for recipient in &allowed {
        let copy = redact(&outcome, &decision.profile_for(*recipient), &staff);
        let copy_withheld = withheld(&copy);
        // A record blocked for this copy holds nothing at all.
        if copy.blocked.is_empty() {
            for item in &own_withheld {
                assert!(
                    copy_withheld.contains(item),
                    "{name}: the {recipient:?} copy holds {item:?}, withheld from the decision's own copy"
                );
            }
        }
        for record in &copy.records {
            for dose in &record.immunizations {
                assert!(
                    !dose.origin.as_ref().is_some_and(|at| held.contains(&at)),
                    "{name}: a held dose on the {recipient:?} copy"
                );
            }
        }
        assert!(copy.withheld_counts().iter().all(|(rule, _)| !rule.is_held_back()), "{name}: {recipient:?}");
        assert!(
            copy.printable_redactions()
                .all(|r| r.rule != Rule::HeldForClinician && r.rule != Rule::NotTheMinorsToRelease),
            "{name}: {recipient:?}"
        );
        let counted: usize = copy.dose_counts.iter().map(|row| row.doses).sum();
        let given = record.immunizations.iter().filter(|d| d.status.counts_as_dose()).count();
        let held_given = record
            .immunizations
            .iter()
            .filter(|d| d.status.counts_as_dose() && d.origin.as_ref().is_some_and(|at| held.contains(&at)))
            .map(|d| d.vaccine_groups.len().max(1))
            .sum::<usize>();
        if *recipient == Recipient::DoseCounts {
            let all_groups: usize = record
                .immunizations
                .iter()
                .filter(|d| d.status.counts_as_dose())
                .map(|d| d.vaccine_groups.len().max(1))
                .sum();
            assert_eq!(counted, all_groups - held_given, "{name}: the dose counts count a held dose ({given} given)");
        }
    }
}

#[test]
fn every_row_of_the_decision_table() {
    let rows = rows();
    for row in &rows {
        let record = row.record.build();
        let facts = record.as_ref().map(RecordFacts::from_record);
        let decision = decide(&row.answers, facts.as_ref(), today(), &row.settings);
        let got = match &decision.outcome {
            Outcome::ReleaseFull => Expect::Full,
            Outcome::ReleaseRedacted { recipient } => Expect::Redacted(*recipient),
            Outcome::Refer { to, why } => {
                assert!(!why.is_empty(), "{}", row.name);
                Expect::Refer(*to)
            }
            Outcome::Deny { why, .. } => {
                assert!(!why.is_empty(), "{}", row.name);
                Expect::Deny
            }
        };
        assert_eq!(got, row.expect, "{}: {decision:#?}", row.name);
        for citation in row.basis {
            assert!(decision.basis.contains(citation), "{}: basis {:?} lacks {citation}", row.name, decision.basis);
        }
        assert!(!decision.explanation.is_empty(), "{}", row.name);
        // 45 CFR 164.512(b)(1)(vi) is a provider sending proof to a school; a copy the family carries
        // is their own access (§144.292), so no decision here cites it.
        assert!(decision.basis.iter().all(|b| !b.contains("164.512")), "{}: {:?}", row.name, decision.basis);
        // A decision names rules and kinds, never the record's values; its words are set cleanly.
        let json = serde_json::to_string(&decision).expect("json");
        assert!(!json.contains("  "), "{}: a double space in {json}", row.name);
        for value in RECORD_VALUES {
            assert!(!json.contains(value), "{}: {value} in {json}", row.name);
        }
        assert_eq!(decision.held_for_review.is_some(), row.held, "{}: {:?}", row.name, decision.held_for_review);
        let by_mail = decision.delivery == Delivery::MailedToThePatientsAddress;
        assert_eq!(by_mail, row.mailed, "{}: {decision:#?}", row.name);
        assert_eq!(decision.address_withheld, row.no_address, "{}: {decision:#?}", row.name);
        assert_eq!(!decision.not_the_minors.is_empty(), row.own_doses_only, "{}: {decision:#?}", row.name);
        if by_mail {
            assert!(!decision.allowed_recipients().contains(&Recipient::DoseCounts), "{}", row.name);
        }
        if let Some(record) = &record {
            copies_keep_within_the_decision(row.name, record, &decision);
        }
        if let Outcome::Deny { bring_next_time, .. } = &decision.outcome {
            // Only a court order forbidding access (and an unfinished form) has nothing to bring.
            let nothing_to_bring = row.name.contains("forbids") || row.name.contains("not answered");
            assert_eq!(bring_next_time.is_empty(), nothing_to_bring, "{}", row.name);
        }
    }
    assert!(rows.len() >= 140, "{} rows", rows.len());
}

#[test]
fn a_survivor_is_told_only_what_is_missing() {
    let facts = RecordFacts::from_record(&adult_record());
    let answers = docs(RequesterKind::SurvivingSpouseOrParent, &[DocumentKind::DeathRecord]);
    let Outcome::Deny { bring_next_time, .. } =
        decide(&answers, Some(&facts), today(), &AccessSettings::default()).outcome
    else {
        panic!("denied");
    };
    assert_eq!(bring_next_time.len(), 1);
    assert!(bring_next_time[0].contains("relationship"));
}

#[test]
fn a_deny_for_identity_says_what_to_bring_and_a_minor_may_bring_a_school_id() {
    let facts = RecordFacts::from_record(&minor_record());
    let settings = AccessSettings { minor_own_record: MinorSelfPolicy::ReleaseFromAge(0), ..AccessSettings::default() };
    let Outcome::Deny { bring_next_time, .. } =
        decide(&no_id(RequesterKind::MinorSelf), Some(&facts), today(), &settings).outcome
    else {
        panic!("denied");
    };
    assert!(bring_next_time.iter().any(|b| b.contains("school ID")));
    let Outcome::Deny { bring_next_time, .. } = decide(
        &no_id(RequesterKind::AdultPatient),
        Some(&RecordFacts::from_record(&adult_record())),
        today(),
        &settings,
    )
    .outcome
    else {
        panic!("denied");
    };
    assert!(bring_next_time.iter().all(|b| !b.contains("school ID")));
    assert!(bring_next_time[0].contains("passport"));
}

#[test]
fn the_default_settings_refer_every_unverified_point() {
    let settings = AccessSettings::default();
    assert_eq!(settings.conservator, ConservatorPolicy::Refer);
    assert_eq!(settings.other_relative_of_deceased, DeceasedRelativePolicy::Refer);
    assert_eq!(settings.minor_own_record, MinorSelfPolicy::Refer);
    // Revised after the legal review: infants cannot consent, so doses before 12 are not held.
    assert_eq!(settings.hepatitis_b_review_from_age, 12);
}
