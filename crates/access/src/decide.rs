//! The verification decision table of domain.md as one pure function: the answers so far, the
//! record's facts, today's date and the clinic's settings in; a decision with its basis out.
//!
//! Each row checks its conditions in the order the wizard asks them (identity first, then
//! authority), so a request stopped early gets the same answer the full table would give.
//! An unanswered question counts against release: no identity, no documents, no consent, a
//! court order or document scope taken as unclear, paper taken as going to an organization.

use recdesk_record::{Location, PartialDate};
use recdesk_redact::Recipient;

use crate::basis::*;
use crate::evidence::{
    AddressSource, Consent, ConsentSigner, CourtOrder, DelegationCoverage, DocumentKind, DocumentScope,
    OrganizationIdentity, OwnCare, PhotoIdKind,
};
use crate::facts::RecordFacts;
use crate::knowledge::{KnowledgeCheckResult, StatedFacts};
use crate::outcome::{Decision, Delivery, DoseReferral, Escalation, Outcome, ReferTo};
use crate::requester::{Purpose, RequesterKind, THIRD_PARTY_RECIPIENT};
use recdesk_settings::{AccessSettings, ConservatorPolicy, CustodianPolicy, DeceasedRelativePolicy, MinorSelfPolicy};

/// How the requester's identity was established (step 1 of the table).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Identity {
    PhotoId(PhotoIdKind),
    /// A blind knowledge check: what was said (kept so staff can correct it) and the result.
    KnowledgeCheck {
        stated: StatedFacts,
        result: KnowledgeCheckResult,
    },
    NotShown,
}

impl Identity {
    pub fn label(&self) -> &'static str {
        match self {
            Identity::PhotoId(kind) => kind.label(),
            Identity::KnowledgeCheck { result, .. } if result.passed() => {
                "knowledge check passed (no photo ID: the copy is mailed, never handed over)"
            }
            Identity::KnowledgeCheck { .. } => "knowledge check: identity not established",
            Identity::NotShown => "no identification",
        }
    }
}

/// What the desk learned, question by question. `None`: not asked (or not yet).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answers {
    pub staff_name: Option<String>,
    pub requester: Option<RequesterKind>,
    pub identity: Option<Identity>,
    pub documents: Option<Vec<DocumentKind>>,
    pub court_order: Option<CourtOrder>,
    pub document_scope: Option<DocumentScope>,
    pub delegation: Option<DelegationCoverage>,
    pub organization_identity: Option<OrganizationIdentity>,
    pub serves_patient: Option<bool>,
    pub consent: Option<Consent>,
    pub purpose: Option<Purpose>,
    /// MIIC shows the record as locked, or the patient opted out of MIIC.
    pub registry_locked: Option<bool>,
    /// An order for protection, or Safe at Home, applies to the patient or the household.
    pub protection_order: Option<bool>,
    /// Where the loaded record (and so the address a mailed copy goes to) comes from.
    pub mailing_address: Option<AddressSource>,
    /// Whether the minor consents to all their own care (§144.341–.342).
    pub own_care: Option<OwnCare>,
    /// A foster parent: a court order or the placement letter expressly authorizes health care.
    pub foster_health_care: Option<bool>,
    /// The clinician who reviewed the doses held for them and released them, as typed.
    pub held_doses_released_by: Option<String>,
}

impl Answers {
    /// Identity rests on a passed knowledge check: the copy can only be mailed.
    pub fn identity_by_knowledge_check(&self) -> bool {
        matches!(&self.identity, Some(Identity::KnowledgeCheck { result, .. }) if result.passed())
    }
}

/// Whether the desk asks about an order for protection or Safe at Home: whenever someone acting
/// for the patient asks (their copy may carry the patient's address), and when a copy is to be
/// mailed to the patient's address.
pub(crate) fn protection_order_asked(answers: &Answers) -> bool {
    let Some(requester) = answers.requester else { return false };
    let acting_for_the_patient =
        requester.is_patient_side() && !matches!(requester, RequesterKind::AdultPatient | RequesterKind::MinorSelf);
    acting_for_the_patient || (requester.is_patient_side() && answers.identity_by_knowledge_check())
}

/// Whether the desk asks about a MIIC lock: about paper for an organization (an organization's
/// request, or a person's copy going to one), unless the record already shows it protected; never
/// for a court order or subpoena, which goes to the privacy officer whatever MIIC shows.
pub(crate) fn lock_asked(answers: &Answers, requester: RequesterKind, record: &RecordFacts) -> bool {
    let organization_bound =
        !requester.is_patient_side() || answers.purpose.is_some_and(|purpose| purpose != Purpose::OwnUse);
    organization_bound && !record.is_protected() && requester != RequesterKind::CourtOrSubpoena
}

/// Whether the documents show this requester's authority. Without a photo ID, only a paper the
/// requester shows counts: that the record names a parent says nothing of who is asking.
pub(crate) fn documents_suffice(answers: &Answers, requester: RequesterKind) -> bool {
    let seen = answers.documents.as_deref().unwrap_or_default();
    if answers.identity_by_knowledge_check() {
        let shown: Vec<DocumentKind> = seen.iter().copied().filter(|kind| kind.is_shown_by_requester()).collect();
        return DocumentKind::sufficient_for(requester, &shown);
    }
    DocumentKind::sufficient_for(requester, seen)
}

/// Whether the consent shown covers this release, is within its period, and was signed by someone
/// who can consent for this patient (§144.293): the patient if the record shows an adult; a parent or
/// guardian only for a minor; the estate's personal representative only for a deceased patient;
/// another legally authorized representative (a guardian, an agent) for anyone.
pub(crate) fn consent_valid(
    answers: &Answers,
    requester: RequesterKind,
    record: &RecordFacts,
    today: PartialDate,
) -> bool {
    let Some(consent @ Consent::Signed { signed_by, .. }) = answers.consent else { return false };
    let can_sign = match signed_by {
        ConsentSigner::Patient => record.is_minor_on(today) == Some(false),
        ConsentSigner::ParentOrGuardian => record.is_minor_on(today) == Some(true),
        ConsentSigner::EstateRepresentative => {
            record.is_deceased() || requester == RequesterKind::OtherRelativeOfDeceased
        }
        ConsentSigner::LegalRepresentative => true,
    };
    can_sign && consent.is_valid_on(today)
}

/// Whether the desk asks if the minor consents to all their own care (§144.341–.342): when a
/// parent or someone acting as one asks, or the minor asks for their own record, and the patient is
/// a minor who may be at least the review age.
pub(crate) fn own_care_asked(
    requester: RequesterKind,
    record: &RecordFacts,
    today: PartialDate,
    settings: &AccessSettings,
) -> bool {
    let minor = record.is_minor_on(today);
    let parent_path = requester.acts_as_parent();
    let own_request = effective_self_row(requester, minor) == RequesterKind::MinorSelf;
    (parent_path || own_request)
        && minor == Some(true)
        && record.oldest_age_on(today).is_none_or(|age| age >= u16::from(settings.hepatitis_b_review_from_age))
}

/// Whether a minor asking for their own record has their answer without the purpose: treated as
/// an adult (they consent to all their own care), the clinic's policy releases, or there are doses
/// they consented to alone, each need to know who the paper is for; otherwise they are referred.
pub(crate) fn minor_self_referred(
    answers: &Answers,
    record: &RecordFacts,
    today: PartialDate,
    settings: &AccessSettings,
) -> bool {
    answers.own_care != Some(OwnCare::ConsentsToAll)
        && minor_self_released(settings, record.age_on(today)) != Some(true)
        && record.not_the_minors_own(settings.hepatitis_b_review_from_age).is_none()
}

/// Whether a copy for this requester may be mailed on a knowledge check: the patient (an adult, by
/// the record) or someone acting for them who shows a paper giving authority; never a minor's own
/// request, a third party, or a deceased patient's record.
pub(crate) fn may_be_mailed(requester: RequesterKind, record: &RecordFacts, today: PartialDate) -> bool {
    requester.is_patient_side()
        && effective_self_row(requester, record.is_minor_on(today)) != RequesterKind::MinorSelf
        && !record.is_deceased()
        && record.has_address()
}

/// Everything a row needs, so each row reads like its line of the table.
struct Case<'a> {
    answers: &'a Answers,
    record: &'a RecordFacts,
    today: PartialDate,
    settings: &'a AccessSettings,
}

/// Decides a request. `record` is None when no record was loaded; `today` gives the patient's age
/// and a consent's age.
pub fn decide(
    answers: &Answers,
    record: Option<&RecordFacts>,
    today: PartialDate,
    settings: &AccessSettings,
) -> Decision {
    let Some(requester) = answers.requester else {
        return deny(WHO_NOT_ANSWERED, vec![], vec![VERIFY_IDENTITY], WHO_NOT_ANSWERED_EXPLAINED);
    };
    let Some(record) = record else {
        return refer(ReferTo::PastProviders, NO_RECORD, vec![PATIENT_ACCESS], NO_RECORD_EXPLAINED);
    };
    let case = Case { answers, record, today, settings };
    if let Some(refused) = case.cannot_be_mailed(requester) {
        return refused;
    }
    let decision = match requester {
        RequesterKind::AdultPatient | RequesterKind::MinorSelf => case.patient_self(requester),
        RequesterKind::ParentOfMinor => case.parent_of_minor(),
        RequesterKind::LegalGuardianOfAdult => case.legal_guardian(),
        RequesterKind::ConservatorOnly => case.conservator(),
        RequesterKind::ActingAsParent => case.acting_as_parent(),
        RequesterKind::FosterParent => case.foster_parent(),
        RequesterKind::Custodian => case.custodian(),
        RequesterKind::EstateRepresentative => case.estate_representative(),
        RequesterKind::CourtOrSubpoena => {
            refer(ReferTo::PrivacyOfficer, COURT_OR_SUBPOENA, vec![COURT_ORDERED_RELEASE], COURT_OR_SUBPOENA_EXPLAINED)
        }
        RequesterKind::HealthCareAgent => case.health_care_agent(),
        RequesterKind::SurvivingSpouseOrParent => case.surviving_spouse_or_parent(),
        RequesterKind::OtherRelativeOfDeceased => case.other_relative_of_deceased(),
        RequesterKind::Organization(kind) => case.organization(kind.recipient()),
        RequesterKind::AnyoneElse(_) => case.anyone_else(),
    };
    let decision = case.by_mail(decision);
    let decision = case.protection_order(decision);
    let mut decision = case.registry_lock(requester, decision);
    decision.requested_by_a_person = requester.is_a_person() && decision.outcome.is_release();
    case.with_minor_review(requester, decision)
}

/// The requester's identity is established: an accepted photo ID (a school ID only from a minor
/// asking for their own record) or a passed knowledge check.
pub(crate) fn identity_established(answers: &Answers, minor: Option<bool>) -> bool {
    let Some(requester) = answers.requester else { return false };
    match &answers.identity {
        Some(Identity::PhotoId(kind)) => {
            PhotoIdKind::accepted_from(effective_self_row(requester, minor)).contains(kind)
        }
        Some(Identity::KnowledgeCheck { result, .. }) => result.passed(),
        Some(Identity::NotShown) | None => false,
    }
}

/// The row a patient asking for their own record falls in: by the record's age, not the button
/// pressed (an "adult patient" the record shows as 15 is a minor asking for their own record).
pub(crate) fn effective_self_row(requester: RequesterKind, minor: Option<bool>) -> RequesterKind {
    match (requester, minor) {
        (RequesterKind::AdultPatient, Some(true)) => RequesterKind::MinorSelf,
        (RequesterKind::MinorSelf, Some(false)) => RequesterKind::AdultPatient,
        (other, _) => other,
    }
}

/// Whether the clinic's policy releases to a minor of this age asking for their own record.
pub(crate) fn minor_self_released(settings: &AccessSettings, age: Option<u16>) -> Option<bool> {
    match settings.minor_own_record {
        MinorSelfPolicy::Refer => Some(false),
        MinorSelfPolicy::ReleaseFromAge(from) => age.map(|age| age >= u16::from(from)),
    }
}

impl Case<'_> {
    fn minor(&self) -> Option<bool> {
        self.record.is_minor_on(self.today)
    }

    /// With a passed knowledge check, what the record and the requester alone rule out (checked
    /// with identity, before authority, as the wizard asks): a minor's own request is referred;
    /// a third party, a deceased patient's record or one without an address gets nothing by mail.
    fn cannot_be_mailed(&self, requester: RequesterKind) -> Option<Decision> {
        if !self.answers.identity_by_knowledge_check() || may_be_mailed(requester, self.record, self.today) {
            return None;
        }
        if effective_self_row(requester, self.minor()) == RequesterKind::MinorSelf {
            return Some(refer(
                ReferTo::Supervisor(Escalation::IdentityNotShown),
                MINOR_ON_KNOWLEDGE_CHECK,
                vec![VERIFY_IDENTITY, PATIENT_DEFINITION],
                MINOR_ON_KNOWLEDGE_CHECK_EXPLAINED,
            ));
        }
        Some(not_mailed(if !requester.is_patient_side() {
            NOT_MAILED_TO_THIRD_PARTIES
        } else if self.record.is_deceased() {
            NOT_MAILED_DECEASED
        } else {
            NO_ADDRESS_ON_RECORD
        }))
    }

    fn identity(&self) -> bool {
        identity_established(self.answers, self.minor())
    }

    fn own_care_asked(&self, requester: RequesterKind) -> bool {
        own_care_asked(requester, self.record, self.today, self.settings)
    }

    /// On a parent's path: a minor who consents to all their own care (or may) has no parent as
    /// their "patient" (§144.291 subd. 2), so a supervisor decides.
    fn own_care_refers(&self, requester: RequesterKind) -> Option<Decision> {
        (self.own_care_asked(requester) && self.answers.own_care != Some(OwnCare::DoesNot)).then(|| {
            refer(
                ReferTo::Supervisor(Escalation::MinorConsentsToOwnCare),
                MINOR_OWN_CARE,
                vec![PATIENT_DEFINITION, MINOR_LIVING_APART, MINOR_MARRIED_OR_PARENT],
                MINOR_OWN_CARE_EXPLAINED,
            )
        })
    }

    fn documents(&self) -> &[DocumentKind] {
        self.answers.documents.as_deref().unwrap_or_default()
    }

    fn documents_suffice(&self, requester: RequesterKind) -> bool {
        documents_suffice(self.answers, requester)
    }

    fn consent_valid(&self) -> bool {
        self.answers.requester.is_some_and(|requester| consent_valid(self.answers, requester, self.record, self.today))
    }

    /// The copy for a requester with the patient's rights: the full copy for their own use,
    /// the organization's redacted copy when the paper goes to one (domain.md step 3).
    fn release_to_patient_side(&self, mut basis: Vec<&'static str>, explanation: &'static str) -> Decision {
        let recipient = match self.answers.purpose {
            Some(Purpose::OwnUse) => None,
            Some(purpose) => purpose.organization_recipient(),
            // Unanswered: the most redacted copy that still proves immunization.
            None => Some(THIRD_PARTY_RECIPIENT),
        };
        match recipient {
            None => Decision::new(Outcome::ReleaseFull, basis, explanation),
            Some(recipient) => {
                basis.push(MIIC_AGREEMENT);
                released_redacted(recipient, basis, FOR_AN_ORGANIZATION_EXPLAINED)
            }
        }
    }

    fn patient_self(&self, requester: RequesterKind) -> Decision {
        let row = effective_self_row(requester, self.minor());
        // Whoever claims to be a patient the record marks deceased is not given it as their own.
        if self.record.is_deceased() {
            return deny(
                PATIENT_DECEASED,
                vec![BRING_SURVIVOR_EVIDENCE, BRING_ESTATE_LETTERS],
                vec![PATIENT_ACCESS, PATIENT_DEFINITION],
                PATIENT_DECEASED_EXPLAINED,
            );
        }
        if !self.identity() {
            return deny_identity(row == RequesterKind::MinorSelf);
        }
        if row == RequesterKind::AdultPatient {
            // The button says adult, but only the record can: a year-only or missing birth date
            // that may be a minor's is not released as an adult's on the staff's word.
            if self.minor().is_none() {
                return age_unknown();
            }
            return self.release_to_patient_side(vec![PATIENT_ACCESS], ADULT_PATIENT_EXPLAINED);
        }
        // A minor who consents to all their own care is their own "patient", as an adult is.
        if self.own_care_asked(requester) && self.answers.own_care == Some(OwnCare::ConsentsToAll) {
            return self.release_to_patient_side(
                vec![PATIENT_ACCESS, MINOR_LIVING_APART, MINOR_MARRIED_OR_PARENT],
                MINOR_AS_ADULT_EXPLAINED,
            );
        }
        let released = minor_self_released(self.settings, self.record.age_on(self.today));
        if released == Some(true) {
            return self.release_to_patient_side(vec![CLINIC_POLICY, PATIENT_DEFINITION], MINOR_SELF_RELEASED);
        }
        // The doses the minor consented to alone are the minor's to have, whatever the policy.
        if let Some(others) = self.record.not_the_minors_own(self.settings.hepatitis_b_review_from_age) {
            let mut decision = self.release_to_patient_side(
                vec![PATIENT_DEFINITION, MINOR_HEPATITIS_B, MINOR_REPRESENTATIVE],
                MINOR_OWN_DOSES_EXPLAINED,
            );
            decision.not_the_minors = others;
            return decision;
        }
        match released {
            Some(_) => refer(
                ReferTo::Supervisor(Escalation::ClinicPolicy),
                MINOR_SELF_POLICY,
                vec![CLINIC_POLICY, PATIENT_DEFINITION],
                MINOR_SELF_EXPLAINED,
            ),
            None => age_unknown(),
        }
    }

    /// Whether someone in a parent's place may ask at all: identity shown, and the patient a living
    /// minor. Some(decision) when not.
    fn standing_for_a_minor(&self) -> Option<Decision> {
        if !self.identity() {
            return Some(deny_identity(false));
        }
        self.require_living().or_else(|| self.require_minor())
    }

    /// Whether an adult's representative may ask at all: identity shown, and the patient a living
    /// adult. Some(decision) when not.
    fn standing_for_an_adult(&self) -> Option<Decision> {
        if !self.identity() {
            return Some(deny_identity(false));
        }
        self.require_living().or_else(|| self.require_adult())
    }

    /// The release to someone in a parent's place whose authority is shown, unless the minor
    /// consents to all their own care (then a supervisor decides).
    fn release_to_parent(
        &self,
        requester: RequesterKind,
        basis: Vec<&'static str>,
        explanation: &'static str,
    ) -> Decision {
        self.own_care_refers(requester).unwrap_or_else(|| self.release_to_patient_side(basis, explanation))
    }

    /// Whoever stands in a living patient's place (a parent, guardian, agent, conservator...) has
    /// none once the record marks the patient deceased: the survivors and the estate do.
    fn require_living(&self) -> Option<Decision> {
        self.record.is_deceased().then(|| {
            deny(
                REPRESENTATIVE_OF_DECEASED,
                vec![BRING_SURVIVOR_EVIDENCE, BRING_ESTATE_LETTERS],
                vec![PATIENT_DEFINITION, ESTATE_REPRESENTATIVE],
                PATIENT_DECEASED_EXPLAINED,
            )
        })
    }

    /// Rows for an adult's representative: a minor's record goes through the parent or guardian
    /// rows, where the minor-consent questions are asked.
    fn require_adult(&self) -> Option<Decision> {
        match self.minor() {
            Some(false) => None,
            Some(true) => Some(deny(
                PATIENT_IS_MINOR,
                vec![BRING_GUARDIANSHIP_OF_MINOR],
                vec![PATIENT_DEFINITION],
                PATIENT_IS_MINOR_EXPLAINED,
            )),
            None => Some(age_unknown()),
        }
    }

    /// Rows that hold only while the patient is a minor: an adult's parent needs consent.
    fn require_minor(&self) -> Option<Decision> {
        match self.minor() {
            Some(true) => None,
            Some(false) => Some(deny(
                PATIENT_IS_ADULT,
                vec![BRING_PATIENT_CONSENT, BRING_GUARDIANSHIP_OF_ADULT],
                vec![PATIENT_DEFINITION, CONSENT],
                PATIENT_IS_ADULT_EXPLAINED,
            )),
            None => Some(age_unknown()),
        }
    }

    fn parent_of_minor(&self) -> Decision {
        if let Some(decision) = self.standing_for_a_minor() {
            return decision;
        }
        if !self.documents_suffice(RequesterKind::ParentOfMinor) {
            return deny(
                NO_PARENT_EVIDENCE,
                vec![BRING_BIRTH_RECORD, BRING_GUARDIANSHIP],
                vec![PATIENT_DEFINITION],
                NO_PARENT_EVIDENCE_EXPLAINED,
            );
        }
        match self.answers.court_order {
            Some(CourtOrder::NoneKnown) => self.release_to_parent(
                RequesterKind::ParentOfMinor,
                vec![PATIENT_DEFINITION, PARENT_RECORDS, PARENT_ACCESS],
                PARENT_EXPLAINED,
            ),
            Some(CourtOrder::ForbidsAccess) => deny(
                COURT_ORDER_FORBIDS,
                vec![],
                vec![PARENT_ACCESS, PARENT_RECORDS, PATIENT_DEFINITION],
                COURT_ORDER_FORBIDS_EXPLAINED,
            ),
            Some(CourtOrder::LimitsOrUnclear) | None => refer(
                ReferTo::Supervisor(Escalation::CourtOrder),
                COURT_ORDER_UNCLEAR,
                vec![PARENT_ACCESS, PARENT_RECORDS],
                COURT_ORDER_UNCLEAR_EXPLAINED,
            ),
        }
    }

    fn legal_guardian(&self) -> Decision {
        if let Some(decision) = self.standing_for_an_adult() {
            return decision;
        }
        if !self.documents_suffice(RequesterKind::LegalGuardianOfAdult) {
            return deny(NO_LETTERS, vec![BRING_GUARDIANSHIP], vec![PATIENT_DEFINITION], NO_LETTERS_EXPLAINED);
        }
        // A guardian has only the powers the letters give (§524.5-313(b)).
        match self.answers.document_scope {
            Some(DocumentScope::NoLimit) => {
                self.release_to_patient_side(vec![PATIENT_DEFINITION, GUARDIAN_POWERS], GUARDIAN_EXPLAINED)
            }
            Some(DocumentScope::ExcludesRecords) => deny(
                GUARDIAN_LIMITED,
                vec![BRING_PATIENT_CONSENT],
                vec![PATIENT_DEFINITION, GUARDIAN_POWERS],
                GUARDIAN_LIMITED_EXPLAINED,
            ),
            Some(DocumentScope::Unclear) | None => unclear_document(),
        }
    }

    fn conservator(&self) -> Decision {
        if let Some(decision) = self.standing_for_an_adult() {
            return decision;
        }
        if !self.documents_suffice(RequesterKind::ConservatorOnly) {
            return deny(NO_LETTERS, vec![BRING_CONSERVATORSHIP], vec![CLINIC_POLICY], NO_LETTERS_EXPLAINED);
        }
        match self.settings.conservator {
            ConservatorPolicy::Refer => refer(
                ReferTo::Supervisor(Escalation::ClinicPolicy),
                CONSERVATOR_POLICY,
                vec![CLINIC_POLICY],
                CONSERVATOR_EXPLAINED,
            ),
            ConservatorPolicy::ReleaseWithLetters => {
                self.release_to_patient_side(vec![CLINIC_POLICY, PATIENT_DEFINITION], CONSERVATOR_RELEASED)
            }
        }
    }

    fn acting_as_parent(&self) -> Decision {
        if let Some(decision) = self.standing_for_a_minor() {
            return decision;
        }
        if !self.documents_suffice(RequesterKind::ActingAsParent) {
            return deny(NO_DELEGATION, vec![BRING_DELEGATION], vec![PATIENT_DEFINITION], NO_DELEGATION_EXPLAINED);
        }
        match self.answers.delegation {
            Some(DelegationCoverage::Covers) => self.release_to_parent(
                RequesterKind::ActingAsParent,
                vec![PATIENT_DEFINITION],
                ACTING_AS_PARENT_EXPLAINED,
            ),
            Some(DelegationCoverage::DoesNotCover) => deny(
                DELEGATION_DOES_NOT_COVER,
                vec![BRING_DELEGATION],
                vec![PATIENT_DEFINITION],
                NO_DELEGATION_EXPLAINED,
            ),
            Some(DelegationCoverage::Unclear) | None => unclear_document(),
        }
    }

    fn foster_parent(&self) -> Decision {
        if let Some(decision) = self.standing_for_a_minor() {
            return decision;
        }
        if !self.documents_suffice(RequesterKind::FosterParent) {
            return deny(
                NO_PLACEMENT,
                vec![BRING_PLACEMENT],
                vec![PATIENT_DEFINITION, FOSTER_CARE],
                NO_PLACEMENT_EXPLAINED,
            );
        }
        if self.answers.foster_health_care != Some(true) {
            return refer(
                ReferTo::CountyCaseworker,
                FOSTER_NOT_AUTHORIZED,
                vec![FOSTER_CARE, PATIENT_DEFINITION],
                FOSTER_NOT_AUTHORIZED_EXPLAINED,
            );
        }
        self.release_to_parent(RequesterKind::FosterParent, vec![PATIENT_DEFINITION, FOSTER_CARE], FOSTER_EXPLAINED)
    }

    fn custodian(&self) -> Decision {
        if let Some(decision) = self.standing_for_a_minor() {
            return decision;
        }
        if !self.documents_suffice(RequesterKind::Custodian) {
            return deny(
                NO_CUSTODY_ORDER,
                vec![BRING_CUSTODY_ORDER],
                vec![PATIENT_DEFINITION],
                NO_CUSTODY_ORDER_EXPLAINED,
            );
        }
        match self.settings.custodian {
            CustodianPolicy::Refer => refer(
                ReferTo::Supervisor(Escalation::ClinicPolicy),
                CUSTODIAN_POLICY,
                vec![CLINIC_POLICY],
                CUSTODIAN_EXPLAINED,
            ),
            CustodianPolicy::ReleaseWithOrder => self.release_to_parent(
                RequesterKind::Custodian,
                vec![CLINIC_POLICY, PATIENT_DEFINITION],
                CUSTODIAN_RELEASED,
            ),
        }
    }

    fn estate_representative(&self) -> Decision {
        if !self.identity() {
            return deny_identity(false);
        }
        if !self.documents_suffice(RequesterKind::EstateRepresentative) {
            return deny(
                NO_ESTATE_LETTERS,
                vec![BRING_ESTATE_LETTERS],
                vec![ESTATE_REPRESENTATIVE],
                NO_ESTATE_LETTERS_EXPLAINED,
            );
        }
        self.release_to_patient_side(vec![ESTATE_REPRESENTATIVE, PATIENT_DEFINITION], ESTATE_EXPLAINED)
    }

    fn health_care_agent(&self) -> Decision {
        if let Some(decision) = self.standing_for_an_adult() {
            return decision;
        }
        if !self.documents_suffice(RequesterKind::HealthCareAgent) {
            return deny(
                NO_APPOINTMENT,
                vec![BRING_APPOINTMENT],
                vec![PATIENT_DEFINITION, HEALTH_CARE_AGENT],
                NO_APPOINTMENT_EXPLAINED,
            );
        }
        match self.answers.document_scope {
            Some(DocumentScope::NoLimit) => {
                self.release_to_patient_side(vec![PATIENT_DEFINITION, HEALTH_CARE_AGENT], AGENT_EXPLAINED)
            }
            Some(DocumentScope::ExcludesRecords) => deny(
                AGENT_LIMITED,
                vec![BRING_PATIENT_CONSENT],
                vec![PATIENT_DEFINITION, HEALTH_CARE_AGENT],
                AGENT_LIMITED_EXPLAINED,
            ),
            Some(DocumentScope::Unclear) | None => unclear_document(),
        }
    }

    fn surviving_spouse_or_parent(&self) -> Decision {
        if !self.identity() {
            return deny_identity(false);
        }
        if !self.documents_suffice(RequesterKind::SurvivingSpouseOrParent) {
            let seen = self.documents();
            let bring = [
                (DocumentKind::DeathRecord, BRING_DEATH_RECORD),
                (DocumentKind::ProofOfRelationship, BRING_RELATIONSHIP),
            ]
            .into_iter()
            .filter(|(kind, _)| !seen.contains(kind))
            .map(|(_, text)| text)
            .collect();
            return deny(NO_SURVIVOR_EVIDENCE, bring, vec![PATIENT_DEFINITION], NO_SURVIVOR_EVIDENCE_EXPLAINED);
        }
        self.release_to_patient_side(vec![PATIENT_DEFINITION], SURVIVOR_EXPLAINED)
    }

    fn other_relative_of_deceased(&self) -> Decision {
        if !self.identity() {
            return deny_identity(false);
        }
        match self.settings.other_relative_of_deceased {
            DeceasedRelativePolicy::Refer => refer(
                ReferTo::Supervisor(Escalation::ClinicPolicy),
                OTHER_RELATIVE_POLICY,
                vec![CLINIC_POLICY],
                OTHER_RELATIVE_EXPLAINED,
            ),
            DeceasedRelativePolicy::RequireConsent if self.consent_valid() => released_redacted(
                THIRD_PARTY_RECIPIENT,
                vec![CLINIC_POLICY, CONSENT, MIIC_AGREEMENT],
                OTHER_RELATIVE_CONSENT_EXPLAINED,
            ),
            DeceasedRelativePolicy::RequireConsent => self.deny_consent(BRING_ESTATE_CONSENT),
        }
    }

    fn organization(&self, recipient: Recipient) -> Decision {
        if !self.answers.organization_identity.is_some_and(OrganizationIdentity::is_confirmed) {
            return deny(
                ORGANIZATION_NOT_CONFIRMED,
                vec![BRING_LETTERHEAD, BRING_BADGE, BRING_CALLBACK],
                vec![VERIFY_IDENTITY],
                ORGANIZATION_NOT_CONFIRMED_EXPLAINED,
            );
        }
        if self.answers.serves_patient == Some(true) {
            return released_redacted(recipient, vec![IMMUNIZATION_EXCHANGE, MIIC_AGREEMENT], ORGANIZATION_EXPLAINED);
        }
        if self.consent_valid() {
            return released_redacted(recipient, vec![CONSENT, MIIC_AGREEMENT], CONSENT_EXPLAINED);
        }
        self.deny_consent(BRING_PATIENT_CONSENT)
    }

    fn anyone_else(&self) -> Decision {
        if self.consent_valid() {
            return released_redacted(THIRD_PARTY_RECIPIENT, vec![CONSENT, MIIC_AGREEMENT], CONSENT_EXPLAINED);
        }
        self.deny_consent(BRING_PATIENT_CONSENT)
    }

    fn deny_consent(&self, bring: &'static str) -> Decision {
        let why = match self.answers.consent {
            Some(Consent::Signed { .. }) => CONSENT_INVALID,
            Some(Consent::NotShown) | None => NO_CONSENT,
        };
        deny(why, vec![bring], vec![CONSENT], NO_CONSENT_EXPLAINED)
    }

    /// A knowledge check establishes no one's identity at the desk (it asks facts about the patient,
    /// which anyone close to the family knows): a release on one is mailed to the patient's address
    /// in the clinic's or registry's own record, or not made (45 CFR 164.514(h)).
    fn by_mail(&self, mut decision: Decision) -> Decision {
        if !self.answers.identity_by_knowledge_check() || !decision.outcome.is_release() {
            return decision;
        }
        let why = if self.answers.protection_order != Some(false) {
            NOT_MAILED_PROTECTION_ORDER
        } else if !self.answers.mailing_address.is_some_and(AddressSource::is_the_clinics_or_registrys) {
            ADDRESS_NOT_THE_CLINICS
        } else {
            decision.delivery = Delivery::MailedToThePatientsAddress;
            decision.basis.push(VERIFY_IDENTITY);
            return decision;
        };
        not_mailed(why)
    }

    /// An order for protection or Safe at Home keeps every address off the copy; unanswered, where
    /// asked, counts as one applying.
    fn protection_order(&self, mut decision: Decision) -> Decision {
        let asked = protection_order_asked(self.answers);
        if decision.outcome.is_release() && asked && self.answers.protection_order != Some(false) {
            decision.address_withheld = true;
        }
        decision
    }

    /// A protected (PD1-12), opted-out or locked record is not shown to organizations asking for
    /// it; a person's access stands (the patient's, a parent's, or a relative's with consent),
    /// including a copy they carry to a school, and staff are told of the lock.
    fn registry_lock(&self, requester: RequesterKind, mut decision: Decision) -> Decision {
        let protected = self.record.is_protected();
        // A lock the staff answered matters only to a release; one the record itself holds is
        // known from the start, so an organization is sent to the family whatever else it brought
        // (a consent or a letter cannot open a protected record to it).
        // Asked, but not answered: counts as locked, as any unanswered question counts against release.
        let answered_locked = self.answers.registry_locked.unwrap_or(lock_asked(self.answers, requester, self.record));
        let locked_release = decision.outcome.is_release() && (protected || answered_locked);
        // A court order or subpoena is the privacy officer's, lock or not.
        if !requester.is_a_person() && requester != RequesterKind::CourtOrSubpoena && (protected || locked_release) {
            return locked_for_organizations();
        }
        // A known protected record: any copy printed here may end up with an organization. An
        // answered lock is asked only about paper for an organization.
        if locked_release && (protected || matches!(decision.outcome, Outcome::ReleaseRedacted { .. })) {
            decision.notice = Some(LOCKED_FAMILY_NOTICE);
        }
        decision
    }

    /// A parent-like requester of a minor gets the copy without the hepatitis B doses the minor
    /// may have consented to alone; those go to a clinician (§144.3441, 45 CFR 164.502(g)(3)).
    fn with_minor_review(&self, requester: RequesterKind, mut decision: Decision) -> Decision {
        let applies = match requester {
            RequesterKind::ParentOfMinor
            | RequesterKind::ActingAsParent
            | RequesterKind::FosterParent
            | RequesterKind::Custodian => true,
            // A guardian, conservator or agent of someone who may be a minor: review unless known adult.
            RequesterKind::LegalGuardianOfAdult | RequesterKind::ConservatorOnly | RequesterKind::HealthCareAgent => {
                self.minor() != Some(false)
            }
            // A consent for a third party may have been signed by a parent, and a parent's consent
            // does not reach care the minor consented to alone; an organization serving the
            // patient exchanges immunization data under §144.3351 without anyone's consent.
            RequesterKind::AnyoneElse(_) | RequesterKind::OtherRelativeOfDeceased => self.minor() != Some(false),
            RequesterKind::Organization(_) => self.answers.serves_patient != Some(true) && self.minor() != Some(false),
            // The patient themself; survivors are the "patient" in their own right (§144.291 subd. 2
            // attaches the minor-consent exception to parents of a minor only).
            _ => false,
        };
        if !applies || !decision.outcome.is_release() {
            return decision;
        }
        let doses = self.record.minor_hepatitis_b(self.settings.hepatitis_b_review_from_age);
        if doses.is_empty() {
            return decision;
        }
        // A clinician may decide a parent can know of the care (§144.346); a consent a parent may
        // have signed for a third party never reaches it.
        let parent_like = !matches!(
            requester,
            RequesterKind::AnyoneElse(_)
                | RequesterKind::OtherRelativeOfDeceased
                | RequesterKind::Organization(_)
                | RequesterKind::CourtOrSubpoena
        );
        if let Some(clinician) = self.answers.held_doses_released_by.as_ref().filter(|_| parent_like) {
            // Not added to the basis: an organization's copy would then tell of the care.
            decision.held_doses_released_by = Some(clinician.clone());
            return decision;
        }
        let basis = vec![MINOR_HEPATITIS_B, PATIENT_DEFINITION, MINOR_REPRESENTATIVE, INFORMING_PARENTS];
        let located: Option<Vec<Location>> = doses.iter().map(|dose| dose.origin.clone()).collect();
        match located {
            Some(doses) => {
                decision.held_for_review = Some(DoseReferral {
                    to: ReferTo::Clinician,
                    why: HEPATITIS_B_HELD,
                    basis,
                    doses,
                    clinician_may_release: parent_like,
                });
                decision
            }
            // A dose that cannot be named cannot be held back: the whole request goes to a clinician.
            None => refer(ReferTo::Clinician, HEPATITIS_B_UNLOCATED, basis, HEPATITIS_B_UNLOCATED_EXPLAINED),
        }
    }
}

fn locked_for_organizations() -> Decision {
    deny(LOCKED, vec![ASK_THE_FAMILY], vec![PROTECTED_RECORD, MIIC_AGREEMENT], LOCKED_EXPLAINED)
}

fn released_redacted(recipient: Recipient, basis: Vec<&'static str>, explanation: &'static str) -> Decision {
    Decision::new(Outcome::ReleaseRedacted { recipient }, basis, explanation)
}

fn refer(to: ReferTo, why: &'static str, basis: Vec<&'static str>, explanation: &'static str) -> Decision {
    Decision::new(Outcome::Refer { to, why }, basis, explanation)
}

fn deny(
    why: &'static str,
    bring_next_time: Vec<&'static str>,
    basis: Vec<&'static str>,
    explanation: &'static str,
) -> Decision {
    Decision::new(Outcome::Deny { why, bring_next_time }, basis, explanation)
}

fn not_mailed(why: &'static str) -> Decision {
    deny(why, vec![BRING_PHOTO_ID], vec![VERIFY_IDENTITY], NOT_MAILED_EXPLAINED)
}

fn deny_identity(minor_self: bool) -> Decision {
    let bring = if minor_self { vec![BRING_PHOTO_ID, BRING_SCHOOL_ID] } else { vec![BRING_PHOTO_ID] };
    deny(NO_IDENTITY, bring, vec![VERIFY_IDENTITY, PATIENT_ACCESS], NO_IDENTITY_EXPLAINED)
}

fn age_unknown() -> Decision {
    refer(ReferTo::Supervisor(Escalation::AgeUnknown), AGE_UNKNOWN, vec![PATIENT_DEFINITION], AGE_UNKNOWN_EXPLAINED)
}

fn unclear_document() -> Decision {
    refer(
        ReferTo::Supervisor(Escalation::UnclearDocument),
        DOCUMENT_UNCLEAR,
        vec![PATIENT_DEFINITION],
        DOCUMENT_UNCLEAR_EXPLAINED,
    )
}

// The words: reasons ("why") are one line; explanations tell staff what to do and say.

const WHO_NOT_ANSWERED: &str = "Who is asking was not answered.";
const WHO_NOT_ANSWERED_EXPLAINED: &str = "Choose who is asking before deciding.";
const NO_RECORD: &str = "No record is loaded: this desk holds nothing to release.";
const NO_RECORD_EXPLAINED: &str = "Send the requester to the clinics that gave the doses, or to any MIIC user (another \
     clinic, a pharmacy, local public health), who can print the record from MIIC.";
const NO_IDENTITY: &str = "Identity was not established.";
const NO_IDENTITY_EXPLAINED: &str = "Without an accepted photo ID or a passed knowledge check nothing can be released. \
     Do not tell the requester which answers did not match.";
const ADULT_PATIENT_EXPLAINED: &str = "An adult may have a copy of their own record.";
const FOR_AN_ORGANIZATION_EXPLAINED: &str = "The requester may have the record, but this paper is going to an \
     organization, so it is the organization's redacted copy (no mother's name, insurance or other sensitive items), \
     even though the requester carries it.";
const MINOR_SELF_POLICY: &str = "A minor asking for their own record is decided by clinic policy.";
const MINOR_SELF_EXPLAINED: &str = "The clinic's setting sends a minor's own request to a supervisor. A parent or \
     guardian can ask for the record; care the minor consented to alone is for a clinician to discuss with them.";
const MINOR_SELF_RELEASED: &str = "The clinic's policy lets a minor of this age have their own record.";
const PATIENT_IS_ADULT: &str = "The patient is 18 or older: a parent has no authority over an adult's record.";
const PATIENT_IS_ADULT_EXPLAINED: &str = "An adult's record needs the adult's own request, their signed consent, or \
     a court-appointed guardian.";
const AGE_UNKNOWN: &str =
    "The record has no complete birth date, so the desk cannot tell whether the patient is a minor.";
const AGE_UNKNOWN_EXPLAINED: &str = "A supervisor can confirm the patient's age from other clinic records.";
const MINOR_AS_ADULT_EXPLAINED: &str = "A minor who lives apart from the parents and manages their own money, is \
     married, or has borne a child consents to all their own care and may have their record as an adult does.";
const MINOR_OWN_DOSES_EXPLAINED: &str = "The hepatitis B doses the minor may have consented to alone are theirs to \
     have: this copy holds only those. The clinic's setting sends the rest of the record to a supervisor; a parent or \
     guardian can ask for it.";
const MINOR_OWN_CARE: &str = "The minor may consent to all their own care (living apart and managing their own \
     money, married, or has borne a child), or that is not known: then a parent is not the one to ask.";
const MINOR_OWN_CARE_EXPLAINED: &str = "A supervisor or privacy officer decides. If the minor consents to their own \
     care, the minor can ask for the record themselves.";
const REPRESENTATIVE_OF_DECEASED: &str = "The record marks the patient deceased: a parent's, guardian's, agent's or \
     conservator's authority ended with the patient's life.";
const PATIENT_IS_MINOR: &str = "The patient is under 18: a minor's record is asked for by a parent or guardian of a \
     minor.";
const PATIENT_IS_MINOR_EXPLAINED: &str = "Start again with 'a parent or guardian of a minor': a guardian of a minor \
     shows the letters there, and the questions about care the minor consents to alone are asked.";
const PATIENT_DECEASED: &str = "The record marks the patient deceased: it is not released as the patient's own.";
const PATIENT_DECEASED_EXPLAINED: &str = "A deceased patient's record goes to the surviving spouse or a parent, or to \
     the personal representative of the estate, each with their own papers.";
const MINOR_ON_KNOWLEDGE_CHECK: &str = "A minor asking for their own record without a photo or school ID.";
const MINOR_ON_KNOWLEDGE_CHECK_EXPLAINED: &str = "A knowledge check cannot show who a minor is. A supervisor decides; \
     a photo or school ID would let the desk decide.";
const NOT_MAILED_TO_THIRD_PARTIES: &str = "A knowledge check does not establish who is asking, and only the patient or \
     someone acting for them gets a copy by mail.";
const NOT_MAILED_DECEASED: &str = "The record marks the patient deceased: a copy is not mailed on a knowledge check.";
const NO_ADDRESS_ON_RECORD: &str = "The record holds no address for the patient to mail the copy to.";
const NOT_MAILED_PROTECTION_ORDER: &str = "An order for protection or Safe at Home may apply: nothing is mailed to the \
     record's address.";
const ADDRESS_NOT_THE_CLINICS: &str = "The address is not from the clinic's or the registry's own record.";
const NOT_MAILED_EXPLAINED: &str = "A knowledge check hands nothing over at the desk: the copy can only be mailed to \
     the patient's address in the clinic's own chart or MIIC. That is not possible here, so nothing is released. With \
     a photo ID the desk can decide in person.";
const COURT_OR_SUBPOENA: &str = "A court order or subpoena for the record is answered by the privacy officer.";
const COURT_OR_SUBPOENA_EXPLAINED: &str = "Do not release at the desk. Take the order or subpoena (or a copy) and pass \
     it to the privacy officer, who decides what the law requires.";
const GUARDIAN_LIMITED: &str = "The letters of guardianship do not give powers over health care or medical records.";
const GUARDIAN_LIMITED_EXPLAINED: &str = "A guardian has only the powers the court gave. The guardian can ask the \
     court to add them, or bring the patient's own signed consent.";
const NO_PLACEMENT: &str = "No foster-care placement letter was shown.";
const NO_PLACEMENT_EXPLAINED: &str = "A foster parent shows the county's or agency's placement letter.";
const FOSTER_NOT_AUTHORIZED: &str = "Nothing shown expressly lets the foster parent consent to health care: the \
     parents keep that right.";
const FOSTER_NOT_AUTHORIZED_EXPLAINED: &str = "Refer the foster parent to the child's county caseworker, who can \
     request the record or arrange the authority.";
const FOSTER_EXPLAINED: &str = "A court order or the placement expressly lets this foster parent consent to health \
     care, so they may have the record, except care the minor consented to alone.";
const NO_CUSTODY_ORDER: &str = "No court order or designation naming the custodian was shown.";
const NO_CUSTODY_ORDER_EXPLAINED: &str = "A custodian, standby custodian or county agency shows the order or the \
     designation that names them.";
const CUSTODIAN_POLICY: &str = "A custodian, standby custodian or county agency is decided by clinic policy.";
const CUSTODIAN_EXPLAINED: &str = "The clinic's setting sends custodians to a supervisor, who reads the order or \
     designation.";
const CUSTODIAN_RELEASED: &str = "The clinic's policy treats a custodian with the order or designation as a parent: \
     the record, except care the minor consented to alone.";
const NO_ESTATE_LETTERS: &str = "No letters testamentary or of administration were shown.";
const NO_ESTATE_LETTERS_EXPLAINED: &str = "The estate's personal representative shows the court's letters naming them.";
const ESTATE_EXPLAINED: &str = "The personal representative of a deceased patient's estate stands in the patient's \
     place for their records.";
const NO_PARENT_EVIDENCE: &str = "Nothing shows the requester is the patient's parent or guardian.";
const NO_PARENT_EVIDENCE_EXPLAINED: &str = "A parent is named in the record or on a birth record; a guardian has \
     court letters. Without one of these, the record is not released.";
const PARENT_EXPLAINED: &str = "A parent or guardian of a minor may have the minor's record, except care the minor \
     consented to alone.";
const COURT_ORDER_FORBIDS: &str =
    "A court order or legal instrument removes this person's access to the minor's records.";
const COURT_ORDER_FORBIDS_EXPLAINED: &str = "Do not release. If the requester says the order has changed, a \
     supervisor or privacy officer reviews the newer order.";
const COURT_ORDER_UNCLEAR: &str = "A court order may limit this parent's access.";
const COURT_ORDER_UNCLEAR_EXPLAINED: &str = "Parents are presumed to hold a minor's rights unless an order says \
     otherwise. A supervisor or privacy officer reads the order and decides.";
const NO_LETTERS: &str = "No court letters were shown.";
const NO_LETTERS_EXPLAINED: &str = "A guardian or conservator shows the court's letters of appointment.";
const GUARDIAN_EXPLAINED: &str = "A court-appointed guardian stands in the patient's place for their records.";
const CONSERVATOR_POLICY: &str = "A conservator (without guardianship) manages property; access to health records is \
     for the clinic to decide.";
const CONSERVATOR_EXPLAINED: &str = "The clinic's setting sends conservators to a supervisor, who reads the letters.";
const CONSERVATOR_RELEASED: &str =
    "The clinic's policy treats a conservator with letters as the patient's representative.";
const NO_DELEGATION: &str = "No written delegation of parental powers was shown.";
const NO_DELEGATION_EXPLAINED: &str = "A person acting as parent shows a parent's written delegation of parental \
     powers (at most one year), current and covering health care.";
const DELEGATION_DOES_NOT_COVER: &str = "The delegation has expired or does not cover health care.";
const ACTING_AS_PARENT_EXPLAINED: &str = "A person acting as parent under a current written delegation of parental \
     powers may have the minor's record, except care the minor consented to alone.";
const DOCUMENT_UNCLEAR: &str = "Staff cannot tell whether the document covers this request.";
const DOCUMENT_UNCLEAR_EXPLAINED: &str = "A supervisor or privacy officer reads the document and decides.";
const NO_APPOINTMENT: &str = "No health care directive or written appointment was shown.";
const NO_APPOINTMENT_EXPLAINED: &str = "A health care agent or representative shows the document that appoints them.";
const AGENT_EXPLAINED: &str = "A health care agent or written representative may have the record unless the \
     document limits their authority.";
const AGENT_LIMITED: &str = "The document limits the representative's authority and does not cover records.";
const AGENT_LIMITED_EXPLAINED: &str = "The representative can ask the patient for a signed consent.";
const NO_SURVIVOR_EVIDENCE: &str =
    "A surviving spouse or parent shows both a death record and proof of the relationship.";
const NO_SURVIVOR_EVIDENCE_EXPLAINED: &str = "Ask for what is missing; nothing is released until both are seen.";
const SURVIVOR_EXPLAINED: &str = "The surviving spouse and parents of a deceased patient count as the patient.";
const OTHER_RELATIVE_POLICY: &str = "Other relatives of a deceased patient are decided by clinic policy.";
const OTHER_RELATIVE_EXPLAINED: &str = "The clinic's setting sends other relatives to a supervisor. The estate's \
     personal representative can sign a consent.";
const OTHER_RELATIVE_CONSENT_EXPLAINED: &str = "With a consent from the estate's personal representative, a \
     relative gets the minimal (school-style) copy.";
const ORGANIZATION_NOT_CONFIRMED: &str = "The organization's identity was not confirmed.";
const ORGANIZATION_NOT_CONFIRMED_EXPLAINED: &str = "Confirm an organization by a signed request on its letterhead, \
     its staff badge, or a call back to a number listed independently.";
const ORGANIZATION_EXPLAINED: &str = "Schools, child care, colleges, providers and health plans serving the patient \
     may receive immunization data without consent, redacted for them.";
const CONSENT_EXPLAINED: &str = "A signed, dated consent under one year old allows release; the copy is redacted for \
     an organization.";
const NO_CONSENT: &str = "No signed consent from the patient was shown.";
const CONSENT_INVALID: &str = "The consent is more than a year old, or does not name this requester or cover \
     immunization records.";
const NO_CONSENT_EXPLAINED: &str = "Release to anyone else needs the patient's (or their representative's) signed, \
     dated consent naming the requester, valid one year.";
const LOCKED: &str = "The record is locked, protected or opted out of MIIC: it is not shown to other organizations.";
const LOCKED_EXPLAINED: &str = "No copy is made for an organization asking for a locked record, and the Minnesota \
     Department of Health will not release it to them either. The patient or a parent may ask for their own copy \
     and give it to the organization.";
const ASK_THE_FAMILY: &str = "the copy the patient or a parent asks for themselves (a locked record stays theirs to \
     share)";
const LOCKED_FAMILY_NOTICE: &str = "This record is locked, protected or opted out of MIIC. That stops organizations \
     from seeing it, not the patient, a parent or a person they consented to: any copy printed here is theirs. Hand it \
     to them, never to an organization.";
const HEPATITIS_B_HELD: &str = "Hepatitis B doses given from the clinic's review age (12 unless set otherwise) until \
     18 may be care the minor consented to alone: held back from this copy for a clinician to review.";
const HEPATITIS_B_UNLOCATED: &str = "A hepatitis B dose the minor may have consented to alone cannot be located in the \
     input, so it cannot be held back from the copy.";
const HEPATITIS_B_UNLOCATED_EXPLAINED: &str = "A clinician reviews the whole record before anything is released.";

/// Every item a denial may ask the requester to bring, by catalogue key (`bring.`), so the kiosk
/// can show each beside its translation.
pub const BRING_ITEMS: [(&str, &str); 20] = [
    ("bring.photo_id", BRING_PHOTO_ID),
    ("bring.school_id", BRING_SCHOOL_ID),
    ("bring.patient_consent", BRING_PATIENT_CONSENT),
    ("bring.guardianship_of_adult", BRING_GUARDIANSHIP_OF_ADULT),
    ("bring.birth_record", BRING_BIRTH_RECORD),
    ("bring.guardianship", BRING_GUARDIANSHIP),
    ("bring.conservatorship", BRING_CONSERVATORSHIP),
    ("bring.delegation", BRING_DELEGATION),
    ("bring.appointment", BRING_APPOINTMENT),
    ("bring.death_record", BRING_DEATH_RECORD),
    ("bring.relationship", BRING_RELATIONSHIP),
    ("bring.survivor_evidence", BRING_SURVIVOR_EVIDENCE),
    ("bring.estate_letters", BRING_ESTATE_LETTERS),
    ("bring.guardianship_of_minor", BRING_GUARDIANSHIP_OF_MINOR),
    ("bring.placement", BRING_PLACEMENT),
    ("bring.custody_order", BRING_CUSTODY_ORDER),
    ("bring.estate_consent", BRING_ESTATE_CONSENT),
    ("bring.letterhead", BRING_LETTERHEAD),
    ("bring.badge", BRING_BADGE),
    ("bring.callback", BRING_CALLBACK),
];

/// The catalogue key of an item a denial asks for.
pub fn bring_key(item: &str) -> Option<&'static str> {
    BRING_ITEMS.iter().find(|(_, english)| *english == item).map(|(key, _)| *key)
}

const BRING_PHOTO_ID: &str = "a photo ID: driver's licence, state or tribal ID, passport or military ID";
const BRING_SCHOOL_ID: &str = "or a school ID (for a minor asking for their own record)";
const BRING_PATIENT_CONSENT: &str = "the patient's signed and dated consent (under one year old) naming the requester";
const BRING_GUARDIANSHIP_OF_ADULT: &str = "or letters of guardianship for the adult patient";
const BRING_BIRTH_RECORD: &str = "a birth record naming the requester as parent";
const BRING_GUARDIANSHIP: &str = "or letters of guardianship";
const BRING_CONSERVATORSHIP: &str = "letters of conservatorship";
const BRING_DELEGATION: &str = "a current written delegation of parental powers covering health care";
const BRING_APPOINTMENT: &str = "the health care directive or written appointment naming the requester";
const BRING_DEATH_RECORD: &str = "a death record for the patient";
const BRING_RELATIONSHIP: &str = "proof of relationship: a marriage certificate or the patient's birth record";
const BRING_SURVIVOR_EVIDENCE: &str = "a surviving spouse or parent: a death record and proof of relationship";
const BRING_ESTATE_LETTERS: &str = "the estate's personal representative: letters testamentary or of administration";
const BRING_GUARDIANSHIP_OF_MINOR: &str =
    "letters of guardianship of the minor, shown as a parent or guardian of a minor";
const BRING_PLACEMENT: &str = "the county's or agency's foster-care placement letter";
const BRING_CUSTODY_ORDER: &str = "the court order or designation naming the requester custodian";
const BRING_ESTATE_CONSENT: &str = "a signed consent (under one year old) from the estate's personal representative";
const BRING_LETTERHEAD: &str = "a signed request on the organization's letterhead";
const BRING_BADGE: &str = "or an organization staff badge";
const BRING_CALLBACK: &str = "or staff call back at an independently listed number";
