//! The front-desk wizard as a step machine: one question per step, back and forward, answers
//! kept when moving back. The screens only show `current_step()`, its question and choices,
//! and pass the staff's answer to `answer()`; every decision is made here and in `decide`.

use recdesk_record::{PartialDate, Record};
use serde::Serialize;

use crate::attestation::{Attestation, ReleaseTime};
use crate::decide::{
    Answers, Identity, consent_valid, decide, documents_suffice, effective_self_row, identity_established, lock_asked,
    may_be_mailed, minor_self_referred, own_care_asked, protection_order_asked,
};
use crate::error::AnswerError;
use crate::evidence::{
    AddressSource, Consent, ConsentSigner, CourtOrder, DelegationCoverage, DocumentKind, DocumentScope,
    OrganizationIdentity, OwnCare, PhotoIdKind,
};
use crate::facts::RecordFacts;
use crate::knowledge::{KnowledgeCheckResult, StatedFacts, check_knowledge, parse_date_input};
use crate::outcome::{Decision, Delivery};
use crate::requester::{Purpose, RequesterKind};
use recdesk_settings::{AccessSettings, ClinicSettings, ConservatorPolicy, CustodianPolicy, DeceasedRelativePolicy};

/// One screen of the wizard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    StaffName,
    RequesterKind,
    Identity,
    /// Which documents showing authority were seen.
    Evidence,
    /// Parent of a minor: a court order limiting access?
    CourtOrder,
    /// Health care agent: does the document limit the authority?
    DocumentScope,
    /// Person acting as parent: is the delegation current and does it cover health care?
    Delegation,
    /// Foster parent: does a court order or the placement expressly authorize health care?
    FosterHealthCare,
    /// Does the minor consent to all their own care (§144.341–.342)?
    OwnCare,
    OrganizationIdentity,
    ServesPatient,
    /// A signed consent and its date (valid one year).
    Consent,
    /// Who the paper is for.
    Purpose,
    /// Does an order for protection or Safe at Home apply?
    ProtectionOrder,
    /// A copy on a knowledge check is mailed: where does the record (and its address) come from?
    MailingAddress,
    /// Is the record locked or opted out in MIIC?
    RegistryLock,
    Summary,
    Outcome,
}

impl Step {
    /// A short name for the list of steps beside the question.
    pub fn title(self) -> &'static str {
        match self {
            Step::StaffName => "Your name",
            Step::RequesterKind => "Who is asking",
            Step::Identity => "Identity",
            Step::Evidence => "Documents",
            Step::CourtOrder => "Court orders",
            Step::DocumentScope => "Scope of the document",
            Step::Delegation => "Delegation",
            Step::FosterHealthCare => "Foster parent's authority",
            Step::OwnCare => "Minor's own consent",
            Step::OrganizationIdentity => "The organization",
            Step::ServesPatient => "Serves the patient",
            Step::Consent => "Consent",
            Step::Purpose => "Who the paper is for",
            Step::ProtectionOrder => "Order for protection",
            Step::MailingAddress => "Mailing address",
            Step::RegistryLock => "MIIC lock or opt-out",
            Step::Summary => "Check the answers",
            Step::Outcome => "Decision",
        }
    }

    /// The question on the screen, in plain English.
    pub fn question(self) -> &'static str {
        match self {
            Step::StaffName => {
                "Your name (you are the staff member releasing this record). You may leave it empty; the \
                 printout then says no name was given."
            }
            Step::RequesterKind => "Who is asking for the record?",
            Step::Identity => {
                "How did the requester show who they are? Choose the photo ID you saw (do not type its number) only if \
                 the name on it matches a name the record holds (or the name on the paper giving authority). Without \
                 ID, ask for the patient's name, birth date, address and a parent's or guardian's name, type exactly \
                 what they say, and do not tell them which answers matched: a copy can then only be mailed."
            }
            Step::Evidence => "Which of these did the requester show?",
            Step::CourtOrder => {
                "Is there a court order or other legal paper that limits this person's access to the child's \
                 records (shown by them, or noted in the chart)?"
            }
            Step::DocumentScope => {
                "Does the document (the health care directive, the written appointment, or the letters of \
                 guardianship) give authority over health care or medical records?"
            }
            Step::FosterHealthCare => {
                "Does a court order, or the placement letter itself, expressly let the foster parent consent to the \
                 child's health care or see medical records?"
            }
            Step::Delegation => "Is the delegation or foster placement current, and does it cover health care?",
            Step::OwnCare => {
                "Does the patient live apart from their parents and manage their own money, or are they married, or \
                 have they borne a child? Ask, and check the chart."
            }
            Step::OrganizationIdentity => "How did you confirm the organization is who it says it is?",
            Step::ServesPatient => {
                "Does the organization serve this patient (an enrolled student or child, a patient in its care, a \
                 member of the plan)?"
            }
            Step::Consent => {
                "Did the requester bring a signed consent? If so, type the date it was signed and check that it \
                 names this requester and covers immunization records."
            }
            Step::Purpose => "Who is this paper for?",
            Step::ProtectionOrder => {
                "Does an order for protection apply to the patient or the household, or is the patient (or a parent) \
                 in Safe at Home? Ask the requester, and check the chart."
            }
            Step::MailingAddress => {
                "Without a photo ID the copy is not handed over: it is mailed to the patient's address in the record \
                 you loaded. Where did that record come from?"
            }
            Step::RegistryLock => "Does MIIC show this record as locked, or has the patient opted out of MIIC?",
            Step::Summary => "Check the answers, then confirm to see the decision.",
            Step::Outcome => "The decision.",
        }
    }

    /// Why the question is asked, shown on request.
    pub fn basis(self) -> &'static str {
        match self {
            Step::StaffName => "The printout names who released the record (MIIC data use agreement: accountable use).",
            Step::RequesterKind => {
                "Who may have a record depends on who asks: Minn. Stat. §144.291 subd. 2 (who counts as the \
                 patient), §144.3351 (schools, child care, colleges, providers, health plans), §144.293 (anyone \
                 else, with consent)."
            }
            Step::Identity => {
                "45 CFR 164.514(h): verify identity when the requester is not known, without unreasonable \
                 barriers. MIIC: a good-faith effort to ensure lawful access under Minn. Stat. §144.292. A knowledge \
                 check compares answers with the record without showing the record."
            }
            Step::Evidence => {
                "Minn. Stat. §144.291 subd. 2: parents, guardians, persons acting as parent, written \
                 representatives and health care agents (ch. 145C), surviving spouses and parents count as the \
                 patient when their authority is shown."
            }
            Step::CourtOrder => {
                "Minn. R. 1205.0500: parents hold a minor's data rights unless a court order or legal instrument \
                 says otherwise."
            }
            Step::DocumentScope => {
                "Minn. Stat. §144.291 subd. 2: a health care agent or written representative, unless the authority \
                 is limited (ch. 145C); a guardian has only the powers the court's letters give (§524.5-313(b))."
            }
            Step::FosterHealthCare => {
                "Minn. R. 9560.0552 and DHS foster care rules: the parents keep the right to consent to their \
                 child's medical care unless a court order or the placement says otherwise. Otherwise the county \
                 caseworker is the one to ask."
            }
            Step::Delegation => "Minn. Stat. §144.291 subd. 2: a person acting as a parent of a minor.",
            Step::OwnCare => {
                "Minn. Stat. §144.341 (a minor living apart from the parents and managing their own financial affairs) \
                 and §144.342 (a married minor, or one who has borne a child): such a minor consents to all their own \
                 care, so a parent is not their \"patient\" (§144.291 subd. 2) and the minor may have the record as \
                 an adult does."
            }
            Step::OrganizationIdentity => "45 CFR 164.514(h): verify the identity and authority of a requester.",
            Step::ServesPatient => {
                "Minn. Stat. §144.3351: immunization data may be exchanged without consent with organizations \
                 providing services on the patient's behalf."
            }
            Step::Consent => {
                "Minn. Stat. §144.293: release to anyone else needs a signed, dated consent, valid one year."
            }
            Step::Purpose => {
                "Paper going to an organization is redacted even when a parent carries it (MIIC data use \
                 agreement: no sensitive information on another organization's copy; the copy is the family's own \
                 access under Minn. Stat. §144.292)."
            }
            Step::ProtectionOrder => {
                "Minnesota's Safe at Home program (Minn. Stat. ch. 5B) and orders for protection (Minn. Stat. \
                 §518B.01) keep a person's address from those they are protected from: no copy printed here carries \
                 an address then, and nothing is mailed to the record's address."
            }
            Step::MailingAddress => {
                "45 CFR 164.514(h) asks for the identity of the person requesting. A knowledge check asks facts about \
                 the patient that anyone close to the family knows, so the copy goes only to the patient's address \
                 in the clinic's or the registry's own record, never to one from a file the requester brought."
            }
            Step::RegistryLock => {
                "A record locked in MIIC, opted out, or with the protection indicator (PD1-12) is not shown to other \
                 organizations: one asking directly gets it from the family. The patient's or parent's own copy, \
                 even one they carry to a school, is theirs."
            }
            Step::Summary | Step::Outcome => {
                "The decision applies Minn. Stat. §§144.291–144.293 and §144.3351 and HIPAA's identity check (45 CFR \
                 164.514(h)); it names its own basis."
            }
        }
    }
}

/// A staff answer to the current question. Nothing here takes an ID or document number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    StaffName(String),
    Requester(RequesterKind),
    /// A photo ID of this kind was seen, and staff confirmed its name matches a name the record
    /// holds for the patient or a parent or guardian (or the paper giving authority).
    PhotoId(PhotoIdKind),
    KnowledgeCheck(StatedFacts),
    NoIdentity,
    Documents(Vec<DocumentKind>),
    CourtOrder(CourtOrder),
    DocumentScope(DocumentScope),
    Delegation(DelegationCoverage),
    OwnCare(OwnCare),
    OrganizationIdentity(OrganizationIdentity),
    ServesPatient(bool),
    FosterHealthCare(bool),
    /// The dates as typed (YYYY-MM-DD, MM/DD/YYYY or M/D/YYYY; the end date empty when the consent
    /// states none), who signed it, and whether it covers this release.
    ConsentSigned {
        signed_on: String,
        signed_by: ConsentSigner,
        valid_until: String,
        covers_this_release: bool,
    },
    NoConsent,
    Purpose(Purpose),
    ProtectionOrder(bool),
    MailingAddress(AddressSource),
    RegistryLocked(bool),
    /// On the summary: the answers are right, decide.
    Confirm,
}

/// One line of the summary screen: a question and its answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SummaryLine {
    pub step: Step,
    pub question: &'static str,
    pub answer: String,
}

/// The wizard's state: the record's facts, today's date, the clinic's settings and the answers.
#[derive(Clone, Debug)]
pub struct Wizard {
    record: Option<RecordFacts>,
    today: PartialDate,
    settings: AccessSettings,
    answers: Answers,
    confirmed: bool,
    current: Step,
    /// Knowledge checks that did not pass, in this whole session: a check can be retried (staff
    /// mistype too) but not until it passes, since each try shows which items did not match.
    failed_knowledge_checks: u8,
    /// The clinic's settings that differ from the defaults, in words, for the attestation.
    settings_named: Vec<String>,
}

/// How many knowledge checks may fail before only a photo ID can establish identity.
pub const KNOWLEDGE_CHECK_TRIES: u8 = 2;

/// The attestation's note that identity was not established at the first knowledge check.
const EARLIER_CHECK_FAILED: &str = "an earlier knowledge check in this session did not pass";

impl Wizard {
    /// `record` is None when nothing was loaded (the request is then referred to past providers);
    /// `today` comes from the host, never from a clock here.
    pub fn new(record: Option<&Record>, today: PartialDate, settings: AccessSettings) -> Wizard {
        Wizard {
            record: record.map(RecordFacts::from_record),
            today,
            settings,
            answers: Answers::default(),
            confirmed: false,
            current: Step::StaffName,
            failed_knowledge_checks: 0,
            settings_named: settings.differences(),
        }
    }

    /// A wizard whose questions were answered in advance (an answers file), at its decision: it
    /// decides on the answers to the questions on its path only, as if staff had answered them one
    /// by one, so a file and the screens decide alike.
    pub(crate) fn answered(
        record: Option<&Record>,
        today: PartialDate,
        clinic: &ClinicSettings,
        answers: Answers,
    ) -> Wizard {
        let mut wizard = Wizard::with_clinic_settings(record, today, clinic);
        wizard.answers = answers;
        wizard.confirmed = true;
        wizard.current = Step::Outcome;
        wizard
    }

    /// A wizard under the clinic's whole settings file: its access settings decide, and the
    /// attestation names every setting that differs from its default (the idle time included).
    pub fn with_clinic_settings(record: Option<&Record>, today: PartialDate, clinic: &ClinicSettings) -> Wizard {
        Wizard { settings_named: clinic.differences(), ..Wizard::new(record, today, clinic.access) }
    }

    pub fn current_step(&self) -> Step {
        self.current
    }

    /// The steps on the path the answers so far lead along, ending with Summary and Outcome. Steps
    /// after an unanswered one may still change; a failed check skips to the summary.
    pub fn steps(&self) -> Vec<Step> {
        let mut steps = vec![Step::StaffName, Step::RequesterKind];
        if let (Some(requester), Some(record)) = (self.answers.requester, &self.record) {
            for step in self.questions(requester, record) {
                steps.push(step);
                if self.is_answered(step) && self.closes(step, requester, record) {
                    break;
                }
            }
        }
        steps.extend([Step::Summary, Step::Outcome]);
        steps
    }

    pub fn is_answered(&self, step: Step) -> bool {
        let a = &self.answers;
        match step {
            Step::StaffName => a.staff_name.is_some(),
            Step::RequesterKind => a.requester.is_some(),
            Step::Identity => a.identity.is_some(),
            Step::Evidence => a.documents.is_some(),
            Step::CourtOrder => a.court_order.is_some(),
            Step::DocumentScope => a.document_scope.is_some(),
            Step::Delegation => a.delegation.is_some(),
            Step::OwnCare => a.own_care.is_some(),
            Step::FosterHealthCare => a.foster_health_care.is_some(),
            Step::OrganizationIdentity => a.organization_identity.is_some(),
            Step::ServesPatient => a.serves_patient.is_some(),
            Step::Consent => a.consent.is_some(),
            Step::Purpose => a.purpose.is_some(),
            Step::ProtectionOrder => a.protection_order.is_some(),
            Step::MailingAddress => a.mailing_address.is_some(),
            Step::RegistryLock => a.registry_locked.is_some(),
            Step::Summary => self.confirmed,
            Step::Outcome => false,
        }
    }

    /// Every answer given, including ones on steps the path no longer visits (kept in case it does
    /// again): for prefilling a screen after going back.
    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    /// Answers the current question and moves to the next step. A wrong kind of answer, or one
    /// that cannot be read, leaves everything as it was.
    pub fn answer(&mut self, answer: Answer) -> Result<(), AnswerError> {
        let step = self.current;
        match (step, answer) {
            (Step::Outcome, _) => return Err(AnswerError::Finished),
            // Optional: a clinic that does not print staff names leaves it empty, and the printout
            // says the name was not given rather than naming no one silently.
            (Step::StaffName, Answer::StaffName(name)) => {
                self.answers.staff_name = Some(match person_name(&name) {
                    Err(AnswerError::EmptyName) => String::new(),
                    other => other?,
                });
            }
            (Step::RequesterKind, Answer::Requester(kind)) => {
                // Every later question depends on who asks: a different requester starts them afresh.
                if self.answers.requester != Some(kind) {
                    self.answers = Answers {
                        staff_name: self.answers.staff_name.take(),
                        requester: Some(kind),
                        ..Answers::default()
                    };
                }
            }
            (Step::Identity, Answer::PhotoId(kind)) => {
                if !self.photo_id_choices().contains(&kind) {
                    return Err(AnswerError::NotOffered);
                }
                self.answers.identity = Some(Identity::PhotoId(kind));
            }
            (Step::Identity, Answer::KnowledgeCheck(stated)) => {
                let record = self.record.as_ref().ok_or(AnswerError::NotOffered)?;
                if !self.knowledge_check_offered() {
                    return Err(AnswerError::KnowledgeCheckTriesUsed);
                }
                let result = check_knowledge(&stated, record)?;
                if !result.passed() {
                    self.failed_knowledge_checks += 1;
                }
                self.answers.identity = Some(Identity::KnowledgeCheck { stated, result });
            }
            (Step::Identity, Answer::NoIdentity) => self.answers.identity = Some(Identity::NotShown),
            (Step::Evidence, Answer::Documents(mut documents)) => {
                let offered = self.document_choices();
                if documents.iter().any(|kind| !offered.contains(kind)) {
                    return Err(AnswerError::NotOffered);
                }
                documents.sort_unstable();
                documents.dedup();
                self.answers.documents = Some(documents);
            }
            (Step::CourtOrder, Answer::CourtOrder(order)) => self.answers.court_order = Some(order),
            (Step::DocumentScope, Answer::DocumentScope(scope)) => self.answers.document_scope = Some(scope),
            (Step::OwnCare, Answer::OwnCare(own_care)) => self.answers.own_care = Some(own_care),
            (Step::Delegation, Answer::Delegation(coverage)) => self.answers.delegation = Some(coverage),
            (Step::OrganizationIdentity, Answer::OrganizationIdentity(how)) => {
                self.answers.organization_identity = Some(how);
            }
            (Step::ServesPatient, Answer::ServesPatient(serves)) => self.answers.serves_patient = Some(serves),
            (Step::Consent, Answer::ConsentSigned { signed_on, signed_by, valid_until, covers_this_release }) => {
                let signed_on = parse_date_input(&signed_on).ok_or(AnswerError::UnreadableDate)?;
                if signed_on > self.today {
                    return Err(AnswerError::DateInFuture);
                }
                let valid_until = match valid_until.trim() {
                    "" => None,
                    typed => Some(parse_date_input(typed).ok_or(AnswerError::UnreadableDate)?),
                };
                self.answers.consent = Some(Consent::Signed { signed_on, signed_by, valid_until, covers_this_release });
            }
            (Step::FosterHealthCare, Answer::FosterHealthCare(authorized)) => {
                self.answers.foster_health_care = Some(authorized);
            }
            (Step::Consent, Answer::NoConsent) => self.answers.consent = Some(Consent::NotShown),
            (Step::Purpose, Answer::Purpose(purpose)) => self.answers.purpose = Some(purpose),
            (Step::ProtectionOrder, Answer::ProtectionOrder(applies)) => self.answers.protection_order = Some(applies),
            (Step::MailingAddress, Answer::MailingAddress(source)) => self.answers.mailing_address = Some(source),
            (Step::RegistryLock, Answer::RegistryLocked(locked)) => self.answers.registry_locked = Some(locked),
            (Step::Summary, Answer::Confirm) => self.confirmed = true,
            (step, _) => return Err(AnswerError::NotThisStep { step }),
        }
        if step != Step::Summary {
            // A changed answer needs a fresh look at the summary.
            self.confirmed = false;
        }
        self.current = self.next_after(step);
        Ok(())
    }

    /// Back one step on the path; answers are kept. Nothing happens on the first step.
    pub fn back(&mut self) {
        let steps = self.steps();
        match steps.iter().position(|s| *s == self.current) {
            Some(index) if index > 0 => self.current = steps[index - 1],
            Some(_) => {}
            None => self.current = self.first_unanswered(&steps),
        }
    }

    /// Back to an earlier step on the path (the summary's "Change" buttons); answers are kept.
    /// Only a step on the current path, at or before the first unanswered one, can be revisited:
    /// a question is never reached without the ones before it.
    pub fn revisit(&mut self, step: Step) -> Result<(), AnswerError> {
        let steps = self.steps();
        let first_unanswered = self.first_unanswered(&steps);
        let position = |s: Step| steps.iter().position(|x| *x == s);
        match (position(step), position(first_unanswered)) {
            (Some(at), Some(limit)) if at <= limit && step != Step::Outcome => {
                self.current = step;
                Ok(())
            }
            _ => Err(AnswerError::NotOffered),
        }
    }

    /// Forward to the next step, keeping the current answer, when the current step is answered.
    pub fn forward(&mut self) -> Result<(), AnswerError> {
        if self.current == Step::Outcome {
            return Err(AnswerError::Finished);
        }
        if !self.is_answered(self.current) {
            return Err(AnswerError::NotAnswered);
        }
        self.current = self.next_after(self.current);
        Ok(())
    }

    /// A clinician reviewed the doses held for them and releases them with this copy (Minn. Stat.
    /// §144.346): their name goes on the attestation. Only on a decision that holds doses for a
    /// parent or someone acting for the patient (a third party's consent never reaches them).
    pub fn release_held_doses(&mut self, clinician: &str) -> Result<(), AnswerError> {
        let name = person_name(clinician)?;
        let mut released = self.answers.clone();
        released.held_doses_released_by = Some(name);
        let decision = self.outcome().ok_or(AnswerError::NotAnswered)?;
        if decision.held_for_review.is_none() {
            return Err(AnswerError::NotOffered);
        }
        let after = decide(&released, self.record.as_ref(), self.today, &self.settings);
        if after.held_doses_released_by.is_none() {
            return Err(AnswerError::NotOffered);
        }
        self.answers = released;
        Ok(())
    }

    /// Takes a clinician's release back: the doses are held again.
    pub fn withdraw_release_of_held_doses(&mut self) {
        self.answers.held_doses_released_by = None;
    }

    /// The decision, once the summary is confirmed (the current step is Outcome).
    pub fn outcome(&self) -> Option<Decision> {
        (self.current == Step::Outcome).then(|| self.decision())
    }

    /// The attestation for the report, once decided. `released_at` comes from the host's clock.
    pub fn attestation(&self, released_at: ReleaseTime) -> Option<Attestation> {
        let decision = self.outcome()?;
        let record = AttestedRecord {
            data_as_of: self.record.as_ref().and_then(RecordFacts::data_as_of),
            failed_knowledge_checks: self.failed_knowledge_checks,
        };
        Some(attest(&self.answers_on_path(), decision, record, self.settings_named.clone(), released_at))
    }

    /// The knowledge check's result, when one was run: per item match levels, never values.
    pub fn knowledge_check(&self) -> Option<&KnowledgeCheckResult> {
        match &self.answers.identity {
            Some(Identity::KnowledgeCheck { result, .. }) => Some(result),
            _ => None,
        }
    }

    /// Whether a knowledge check can be run: there is a record to check against and the tries
    /// are not used up. A passed check already given stays valid.
    pub fn knowledge_check_offered(&self) -> bool {
        self.record.is_some() && self.failed_knowledge_checks < KNOWLEDGE_CHECK_TRIES
    }

    /// How many knowledge checks have not passed in this session.
    pub fn failed_knowledge_checks(&self) -> u8 {
        self.failed_knowledge_checks
    }

    /// The requester kinds to offer.
    pub fn requester_choices(&self) -> &'static [RequesterKind] {
        &RequesterKind::ALL
    }

    /// The photo IDs to offer: a school ID only to a minor asking for their own record.
    pub fn photo_id_choices(&self) -> &'static [PhotoIdKind] {
        match self.answers.requester {
            Some(requester) => PhotoIdKind::accepted_from(effective_self_row(requester, self.minor())),
            None => &PhotoIdKind::FOR_ADULTS,
        }
    }

    /// The documents to offer on the evidence step. Without a photo ID, that the record names a
    /// parent is not offered: there is no name on an ID to compare it with.
    pub fn document_choices(&self) -> Vec<DocumentKind> {
        let offered = self.answers.requester.map_or(&[][..], DocumentKind::offered_to);
        let knowledge_only = self.answers.identity_by_knowledge_check();
        offered.iter().copied().filter(|kind| !knowledge_only || kind.is_shown_by_requester()).collect()
    }

    /// The answered questions on the path, for the summary screen.
    pub fn summary(&self) -> Vec<SummaryLine> {
        let a = &self.answers;
        self.steps()
            .into_iter()
            .filter(|step| self.is_answered(*step) && !matches!(step, Step::Summary | Step::Outcome))
            .map(|step| {
                let answer = match step {
                    Step::StaffName => released_by(a.staff_name.as_deref()),
                    Step::RequesterKind => a.requester.map_or("", RequesterKind::label).to_owned(),
                    Step::Identity => a.identity.as_ref().map_or("", Identity::label).to_owned(),
                    Step::Evidence => {
                        let labels: Vec<&str> = a.documents.iter().flatten().map(|kind| kind.label()).collect();
                        if labels.is_empty() { "none".to_owned() } else { labels.join("; ") }
                    }
                    Step::CourtOrder => a.court_order.map_or("", CourtOrder::label).to_owned(),
                    Step::DocumentScope => a.document_scope.map_or("", DocumentScope::label).to_owned(),
                    Step::Delegation => a.delegation.map_or("", DelegationCoverage::label).to_owned(),
                    Step::OwnCare => a.own_care.map_or("", OwnCare::label).to_owned(),
                    Step::FosterHealthCare => yes_no(a.foster_health_care).to_owned(),
                    Step::OrganizationIdentity => {
                        a.organization_identity.map_or("", OrganizationIdentity::label).to_owned()
                    }
                    Step::ServesPatient => yes_no(a.serves_patient).to_owned(),
                    Step::Consent => match a.consent {
                        Some(consent @ Consent::Signed { signed_on, signed_by, valid_until, .. }) => {
                            let until = valid_until.map_or_else(
                                || "no end date stated (valid one year)".to_owned(),
                                |until| format!("valid until {until}"),
                            );
                            format!("{}, signed {signed_on} by {}, {until}", consent.label(), signed_by.label())
                        }
                        Some(consent) => consent.label().to_owned(),
                        None => String::new(),
                    },
                    Step::Purpose => a.purpose.map_or("", Purpose::label).to_owned(),
                    Step::ProtectionOrder => yes_no(a.protection_order).to_owned(),
                    Step::MailingAddress => a.mailing_address.map_or("", AddressSource::label).to_owned(),
                    Step::RegistryLock => yes_no(a.registry_locked).to_owned(),
                    Step::Summary | Step::Outcome => String::new(),
                };
                SummaryLine { step, question: step.question(), answer }
            })
            .collect()
    }

    fn minor(&self) -> Option<bool> {
        self.record.as_ref().and_then(|record| record.is_minor_on(self.today))
    }

    fn decision(&self) -> Decision {
        decide(&self.answers_on_path(), self.record.as_ref(), self.today, &self.settings)
    }

    /// Only the answers to steps on the current path: an answer to a question the path skips
    /// (kept for going back) must not sway the decision.
    fn answers_on_path(&self) -> Answers {
        let steps = self.steps();
        let on = |step: Step| steps.contains(&step);
        let a = &self.answers;
        Answers {
            staff_name: a.staff_name.clone(),
            requester: a.requester,
            identity: a.identity.clone().filter(|_| on(Step::Identity)),
            documents: a.documents.clone().filter(|_| on(Step::Evidence)),
            court_order: a.court_order.filter(|_| on(Step::CourtOrder)),
            document_scope: a.document_scope.filter(|_| on(Step::DocumentScope)),
            delegation: a.delegation.filter(|_| on(Step::Delegation)),
            organization_identity: a.organization_identity.filter(|_| on(Step::OrganizationIdentity)),
            serves_patient: a.serves_patient.filter(|_| on(Step::ServesPatient)),
            consent: a.consent.filter(|_| on(Step::Consent)),
            purpose: a.purpose.filter(|_| on(Step::Purpose)),
            registry_locked: a.registry_locked.filter(|_| on(Step::RegistryLock)),
            protection_order: a.protection_order.filter(|_| on(Step::ProtectionOrder)),
            mailing_address: a.mailing_address.filter(|_| on(Step::MailingAddress)),
            own_care: a.own_care.filter(|_| on(Step::OwnCare)),
            foster_health_care: a.foster_health_care.filter(|_| on(Step::FosterHealthCare)),
            held_doses_released_by: a.held_doses_released_by.clone(),
        }
    }

    /// The questions a requester is asked, in order, before any check fails.
    fn questions(&self, requester: RequesterKind, record: &RecordFacts) -> Vec<Step> {
        let own_care = own_care_asked(requester, record, self.today, &self.settings);
        let own_care = own_care.then_some(Step::OwnCare);
        let mut questions = match requester {
            RequesterKind::AdultPatient | RequesterKind::MinorSelf => {
                [Some(Step::Identity), own_care, Some(Step::Purpose)].into_iter().flatten().collect()
            }
            RequesterKind::ParentOfMinor => [Step::Identity, Step::Evidence, Step::CourtOrder]
                .into_iter()
                .chain(own_care)
                .chain([Step::Purpose])
                .collect(),
            RequesterKind::ConservatorOnly
            | RequesterKind::SurvivingSpouseOrParent
            | RequesterKind::EstateRepresentative => vec![Step::Identity, Step::Evidence, Step::Purpose],
            RequesterKind::LegalGuardianOfAdult => {
                vec![Step::Identity, Step::Evidence, Step::DocumentScope, Step::Purpose]
            }
            RequesterKind::ActingAsParent => [Step::Identity, Step::Evidence, Step::Delegation]
                .into_iter()
                .chain(own_care)
                .chain([Step::Purpose])
                .collect(),
            RequesterKind::FosterParent => [Step::Identity, Step::Evidence, Step::FosterHealthCare]
                .into_iter()
                .chain(own_care)
                .chain([Step::Purpose])
                .collect(),
            RequesterKind::Custodian => {
                [Step::Identity, Step::Evidence].into_iter().chain(own_care).chain([Step::Purpose]).collect()
            }
            RequesterKind::CourtOrSubpoena => vec![],
            RequesterKind::HealthCareAgent => vec![Step::Identity, Step::Evidence, Step::DocumentScope, Step::Purpose],
            RequesterKind::OtherRelativeOfDeceased => vec![Step::Identity, Step::Consent],
            RequesterKind::Organization(_) if self.answers.serves_patient == Some(false) => {
                vec![Step::OrganizationIdentity, Step::ServesPatient, Step::Consent]
            }
            RequesterKind::Organization(_) => vec![Step::OrganizationIdentity, Step::ServesPatient],
            RequesterKind::AnyoneElse(_) => vec![Step::Consent],
        };
        if protection_order_asked(&self.answers) {
            questions.push(Step::ProtectionOrder);
        }
        if requester.is_patient_side() && self.answers.identity_by_knowledge_check() {
            questions.push(Step::MailingAddress);
        }
        if lock_asked(&self.answers, requester, record) {
            questions.push(Step::RegistryLock);
        }
        questions
    }

    /// Whether the answer to `step` already settles the request (a failed check, or a setting that
    /// refers), so the remaining questions are skipped. Mirrors the order of checks in `decide`.
    fn closes(&self, step: Step, requester: RequesterKind, record: &RecordFacts) -> bool {
        let a = &self.answers;
        let minor = record.is_minor_on(self.today);
        match step {
            Step::Identity => {
                !identity_established(a, minor)
                    || a.identity_by_knowledge_check() && !may_be_mailed(requester, record, self.today)
                    || match requester {
                        _ if requester.acts_as_parent() => minor != Some(true) || record.is_deceased(),
                        RequesterKind::LegalGuardianOfAdult
                        | RequesterKind::ConservatorOnly
                        | RequesterKind::HealthCareAgent => minor != Some(false) || record.is_deceased(),
                        RequesterKind::AdultPatient | RequesterKind::MinorSelf => {
                            effective_self_row(requester, minor) == RequesterKind::MinorSelf
                                && !own_care_asked(requester, record, self.today, &self.settings)
                                && minor_self_referred(a, record, self.today, &self.settings)
                        }
                        RequesterKind::OtherRelativeOfDeceased => {
                            self.settings.other_relative_of_deceased == DeceasedRelativePolicy::Refer
                        }
                        _ => false,
                    }
            }
            Step::Evidence => {
                !documents_suffice(a, requester)
                    || requester == RequesterKind::ConservatorOnly
                        && self.settings.conservator == ConservatorPolicy::Refer
                    || requester == RequesterKind::Custodian && self.settings.custodian == CustodianPolicy::Refer
            }
            Step::CourtOrder => a.court_order != Some(CourtOrder::NoneKnown),
            Step::DocumentScope => a.document_scope != Some(DocumentScope::NoLimit),
            Step::Delegation => a.delegation != Some(DelegationCoverage::Covers),
            Step::FosterHealthCare => a.foster_health_care != Some(true),
            Step::OwnCare if requester.acts_as_parent() => a.own_care != Some(OwnCare::DoesNot),
            Step::OwnCare => minor_self_referred(a, record, self.today, &self.settings),
            Step::OrganizationIdentity => !a.organization_identity.is_some_and(OrganizationIdentity::is_confirmed),
            Step::Consent => !consent_valid(a, requester, record, self.today),
            // A mailed copy stops at an order for protection, and at an address not the clinic's own.
            Step::ProtectionOrder => a.identity_by_knowledge_check() && a.protection_order != Some(false),
            Step::MailingAddress => !a.mailing_address.is_some_and(AddressSource::is_the_clinics_or_registrys),
            _ => false,
        }
    }

    fn next_after(&self, step: Step) -> Step {
        let steps = self.steps();
        match steps.iter().position(|s| *s == step) {
            Some(index) => steps.get(index + 1).copied().unwrap_or(Step::Outcome),
            None => self.first_unanswered(&steps),
        }
    }

    fn first_unanswered(&self, steps: &[Step]) -> Step {
        steps.iter().copied().find(|step| !self.is_answered(*step)).unwrap_or(Step::Outcome)
    }
}

/// What the attestation says of the record and the session, beside the answers.
pub(crate) struct AttestedRecord {
    pub(crate) data_as_of: Option<PartialDate>,
    /// Knowledge checks that did not pass earlier in the session.
    pub(crate) failed_knowledge_checks: u8,
}

/// The attestation of `decision`, made on `answers` (the ones on the path the wizard took, or an
/// answers file's): kinds of evidence only, never an ID number or a record value.
pub(crate) fn attest(
    answers: &Answers,
    decision: Decision,
    record: AttestedRecord,
    settings_named: Vec<String>,
    released_at: ReleaseTime,
) -> Attestation {
    let mut evidence_seen: Vec<&'static str> = Vec::new();
    match &answers.identity {
        Some(Identity::NotShown) | None => {}
        Some(identity) => evidence_seen.push(identity.label()),
    }
    if record.failed_knowledge_checks > 0 {
        evidence_seen.push(EARLIER_CHECK_FAILED);
    }
    evidence_seen.extend(answers.documents.iter().flatten().map(|kind| kind.label()));
    if let Some(how) = answers.organization_identity.filter(|how| how.is_confirmed()) {
        evidence_seen.push(how.label());
    }
    let (consent_signed_on, consent_signed_by, consent_valid_until) = match answers.consent {
        Some(consent @ Consent::Signed { signed_on, signed_by, valid_until, .. }) => {
            evidence_seen.push(consent.label());
            (Some(signed_on), Some(signed_by.label()), valid_until)
        }
        Some(Consent::NotShown) | None => (None, None, None),
    };
    Attestation {
        released_by: released_by(answers.staff_name.as_deref()),
        released_at,
        requester: answers.requester.map_or("not answered", RequesterKind::label),
        evidence_seen,
        consent_signed_on,
        consent_signed_by,
        consent_valid_until,
        purpose: answers.purpose.map(Purpose::label),
        outcome_label: decision.outcome.label(),
        basis: decision.basis,
        explanation: decision.explanation,
        data_as_of: record.data_as_of,
        held_doses_released_by: decision.held_doses_released_by,
        settings: settings_named,
        mailing_address: answers.mailing_address.filter(|_| decision.delivery == Delivery::MailedToThePatientsAddress),
        delivery: decision.delivery,
        outcome: decision.outcome,
    }
}

/// A person's name as typed: trimmed, not empty, no digits (an ID number is not a name).
/// The staff name as the summary and the printout show it.
fn released_by(staff_name: Option<&str>) -> String {
    match staff_name {
        Some(name) if !name.is_empty() => name.to_owned(),
        _ => NO_STAFF_NAME.to_owned(),
    }
}

/// What the printout says when staff left their name empty.
const NO_STAFF_NAME: &str = "name not given";

pub(crate) fn person_name(text: &str) -> Result<String, AnswerError> {
    let name = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(AnswerError::EmptyName);
    }
    if name.chars().any(|c| c.is_ascii_digit()) {
        return Err(AnswerError::DigitsInName);
    }
    Ok(name)
}

fn yes_no(answer: Option<bool>) -> &'static str {
    match answer {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    }
}
