//! An answers file: the wizard's questions answered in advance, one key per question, so a
//! release decision can be run and checked without a browser (`recdesk verify --answers FILE`).
//! It maps onto the same [`Answers`] the wizard builds, and the decision comes from the same
//! [`decide`](crate::decide) function; [`AnswersFile::answer_for`] walks the wizard itself.
//!
//! Format version 1 (every key but `version` and `requester` may be left out, meaning "not
//! asked", which counts against release as an unanswered question does at the desk):
//!
//! ```json
//! {"version": 1, "staff_name": "Dana Front", "requester": "parent_of_minor",
//!  "identity": {"photo_id": "drivers_licence"}, "documents": ["record_names_requester"],
//!  "court_order": "none_known", "own_care": "does_not", "purpose": "school",
//!  "protection_order": false, "registry_locked": false}
//! ```

use std::fmt;

use recdesk_record::PartialDate;
use serde::Deserialize;

use recdesk_settings::ClinicSettings;

use crate::attestation::{Attestation, ReleaseTime};
use crate::decide::{Answers, Identity};
use crate::error::AnswerError;
use crate::evidence::{
    AddressSource, Consent, ConsentSigner, CourtOrder, DelegationCoverage, DocumentKind, DocumentScope,
    OrganizationIdentity, OwnCare, PhotoIdKind,
};
use crate::facts::RecordFacts;
use crate::knowledge::{StatedFacts, check_knowledge, parse_date_input};
use crate::outcome::Decision;
use crate::requester::{Purpose, RequesterKind};
use crate::wizard::{Answer, Step, Wizard, person_name};

/// The answers file's format version; a file must state it.
pub const ANSWERS_VERSION: u32 = 1;

/// One request's answers, as read from a file.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswersFile {
    pub version: u32,
    #[serde(default)]
    pub staff_name: Option<String>,
    /// A requester key: see [`RequesterKind::key`].
    pub requester: String,
    #[serde(default)]
    pub identity: Option<IdentityAnswer>,
    #[serde(default)]
    pub documents: Option<Vec<DocumentKind>>,
    #[serde(default)]
    pub court_order: Option<CourtOrder>,
    #[serde(default)]
    pub document_scope: Option<DocumentScope>,
    #[serde(default)]
    pub delegation: Option<DelegationCoverage>,
    #[serde(default)]
    pub foster_health_care: Option<bool>,
    #[serde(default)]
    pub own_care: Option<OwnCare>,
    #[serde(default)]
    pub organization_identity: Option<OrganizationIdentity>,
    #[serde(default)]
    pub serves_patient: Option<bool>,
    #[serde(default)]
    pub consent: Option<ConsentAnswer>,
    #[serde(default)]
    pub purpose: Option<Purpose>,
    #[serde(default)]
    pub protection_order: Option<bool>,
    #[serde(default)]
    pub mailing_address: Option<AddressSource>,
    #[serde(default)]
    pub registry_locked: Option<bool>,
    /// A clinician who reviewed the held doses and releases them.
    #[serde(default)]
    pub held_doses_released_by: Option<String>,
}

/// How the requester showed who they are.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum IdentityAnswer {
    /// `{"photo_id": "passport"}`: seen, and its name matches one the record holds.
    PhotoId(PhotoIdKind),
    /// `{"knowledge_check": {"name": ..., "birth_date": ..., ...}}`: what the requester said.
    KnowledgeCheck(StatedAnswer),
    /// `"not_shown"`.
    NotShown,
}

/// What the requester said in a knowledge check; a field left out was not asked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatedAnswer {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub birth_date: String,
    #[serde(default)]
    pub street: String,
    #[serde(default)]
    pub postal_code: String,
    #[serde(default)]
    pub guardian_name: String,
}

/// A consent: `"not_shown"` or `{"signed": {"signed_on": "2026-01-05", "signed_by": "patient",
/// "valid_until": null, "covers_this_release": true}}`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ConsentAnswer {
    NotShown,
    Signed {
        signed_on: String,
        signed_by: ConsentSigner,
        #[serde(default)]
        valid_until: Option<String>,
        covers_this_release: bool,
    },
}

/// Why an answers file cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswersFileError(pub String);

impl fmt::Display for AnswersFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for AnswersFileError {}

impl AnswersFile {
    /// Reads an answers file. An unknown key, a value of the wrong kind, an unknown requester or
    /// another version is an error that says which.
    pub fn parse(text: &str) -> Result<AnswersFile, AnswersFileError> {
        let file: AnswersFile = serde_json::from_str(text).map_err(|error| AnswersFileError(error.to_string()))?;
        if file.version != ANSWERS_VERSION {
            return Err(AnswersFileError(format!(
                "\"version\" must be {ANSWERS_VERSION}, the format this version of Record Desk reads"
            )));
        }
        file.requester_kind()?;
        file.consent_for(PartialDate { year: 9999, month: Some(12), day: Some(31) })?;
        // Names as the screens take them: an ID number is not a name, and a clinician's release
        // needs the clinician named.
        if let Some(name) = &file.staff_name {
            match person_name(name) {
                Ok(_) | Err(AnswerError::EmptyName) => {}
                Err(problem) => return Err(AnswersFileError(format!("\"staff_name\": {problem}"))),
            }
        }
        if let Some(name) = &file.held_doses_released_by {
            person_name(name).map_err(|problem| AnswersFileError(format!("\"held_doses_released_by\": {problem}")))?;
        }
        Ok(file)
    }

    /// The requester the file names.
    pub fn requester_kind(&self) -> Result<RequesterKind, AnswersFileError> {
        RequesterKind::from_key(&self.requester).ok_or_else(|| {
            let keys: Vec<&str> = RequesterKind::ALL.iter().map(|kind| kind.key()).collect();
            AnswersFileError(format!(
                "\"requester\": `{}` is not a requester (they are {})",
                self.requester,
                keys.join(", ")
            ))
        })
    }

    /// The answers for the record of one patient (`None`: no record of the person). A
    /// knowledge check is run against that record here, as the desk runs it.
    pub fn answers_for(&self, record: Option<&RecordFacts>, today: PartialDate) -> Result<Answers, AnswersFileError> {
        let identity = match &self.identity {
            None => None,
            Some(IdentityAnswer::PhotoId(kind)) => Some(Identity::PhotoId(*kind)),
            Some(IdentityAnswer::NotShown) => Some(Identity::NotShown),
            Some(IdentityAnswer::KnowledgeCheck(stated)) => match record {
                // With no record there is nothing to check against: no identity.
                None => Some(Identity::NotShown),
                Some(record) => {
                    let stated = stated.facts();
                    let result = check_knowledge(&stated, record)
                        .map_err(|error| AnswersFileError(format!("\"identity\": {error}")))?;
                    Some(Identity::KnowledgeCheck { stated, result })
                }
            },
        };
        Ok(Answers {
            staff_name: self.staff_name.as_deref().map(|name| person_name(name).unwrap_or_default()),
            requester: Some(self.requester_kind()?),
            identity,
            documents: self.documents.clone(),
            court_order: self.court_order,
            document_scope: self.document_scope,
            delegation: self.delegation,
            organization_identity: self.organization_identity,
            serves_patient: self.serves_patient,
            consent: self.consent_for(today)?,
            purpose: self.purpose,
            registry_locked: self.registry_locked,
            protection_order: self.protection_order,
            mailing_address: self.mailing_address,
            own_care: self.own_care,
            foster_health_care: self.foster_health_care,
            held_doses_released_by: self.held_doses_released_by.as_deref().and_then(|name| person_name(name).ok()),
        })
    }

    /// The decision for one patient's record (`None`: no record of the person), made by the same
    /// function the wizard's is, with what its attestation will say.
    pub fn decide(
        &self,
        record: Option<&recdesk_record::Record>,
        today: PartialDate,
        settings: &ClinicSettings,
        released_at: ReleaseTime,
    ) -> Result<(Decision, Attestation), AnswersFileError> {
        let facts = record.map(RecordFacts::from_record);
        let answers = self.answers_for(facts.as_ref(), today)?;
        // Decided as the screens decide: only the answers to questions on the path count.
        let wizard = Wizard::answered(record, today, settings, answers);
        let decision = wizard.outcome().ok_or_else(|| AnswersFileError("no decision was reached".to_owned()))?;
        let attestation =
            wizard.attestation(released_at).ok_or_else(|| AnswersFileError("no decision was reached".to_owned()))?;
        Ok((decision, attestation))
    }

    /// The wizard's answer to `step` from this file; None where the file does not answer it.
    pub fn answer_for(&self, step: Step) -> Option<Answer> {
        Some(match step {
            Step::StaffName => Answer::StaffName(self.staff_name.clone().unwrap_or_default()),
            Step::RequesterKind => Answer::Requester(self.requester_kind().ok()?),
            Step::Identity => match self.identity.as_ref()? {
                IdentityAnswer::PhotoId(kind) => Answer::PhotoId(*kind),
                IdentityAnswer::KnowledgeCheck(stated) => Answer::KnowledgeCheck(stated.facts()),
                IdentityAnswer::NotShown => Answer::NoIdentity,
            },
            Step::Evidence => Answer::Documents(self.documents.clone()?),
            Step::CourtOrder => Answer::CourtOrder(self.court_order?),
            Step::DocumentScope => Answer::DocumentScope(self.document_scope?),
            Step::Delegation => Answer::Delegation(self.delegation?),
            Step::FosterHealthCare => Answer::FosterHealthCare(self.foster_health_care?),
            Step::OwnCare => Answer::OwnCare(self.own_care?),
            Step::OrganizationIdentity => Answer::OrganizationIdentity(self.organization_identity?),
            Step::ServesPatient => Answer::ServesPatient(self.serves_patient?),
            Step::Consent => match self.consent.as_ref()? {
                ConsentAnswer::NotShown => Answer::NoConsent,
                ConsentAnswer::Signed { signed_on, signed_by, valid_until, covers_this_release } => {
                    Answer::ConsentSigned {
                        signed_on: signed_on.clone(),
                        signed_by: *signed_by,
                        valid_until: valid_until.clone().unwrap_or_default(),
                        covers_this_release: *covers_this_release,
                    }
                }
            },
            Step::Purpose => Answer::Purpose(self.purpose?),
            Step::ProtectionOrder => Answer::ProtectionOrder(self.protection_order?),
            Step::MailingAddress => Answer::MailingAddress(self.mailing_address?),
            Step::RegistryLock => Answer::RegistryLocked(self.registry_locked?),
            Step::Summary => Answer::Confirm,
            Step::Outcome => return None,
        })
    }

    /// The consent, its dates read as the desk reads them; a date after `today` is refused.
    fn consent_for(&self, today: PartialDate) -> Result<Option<Consent>, AnswersFileError> {
        let date = |text: &str, key: &str| {
            parse_date_input(text)
                .ok_or_else(|| AnswersFileError(format!("\"consent\": \"{key}\": {}", AnswerError::UnreadableDate)))
        };
        Ok(match &self.consent {
            None => None,
            Some(ConsentAnswer::NotShown) => Some(Consent::NotShown),
            Some(ConsentAnswer::Signed { signed_on, signed_by, valid_until, covers_this_release }) => {
                let signed_on = date(signed_on, "signed_on")?;
                if signed_on > today {
                    return Err(AnswersFileError(format!("\"consent\": \"signed_on\": {}", AnswerError::DateInFuture)));
                }
                let valid_until = valid_until.as_deref().map(|text| date(text, "valid_until")).transpose()?;
                Some(Consent::Signed {
                    signed_on,
                    signed_by: *signed_by,
                    valid_until,
                    covers_this_release: *covers_this_release,
                })
            }
        })
    }
}

impl StatedAnswer {
    fn facts(&self) -> StatedFacts {
        StatedFacts {
            name: self.name.clone(),
            birth_date: self.birth_date.clone(),
            street: self.street.clone(),
            postal_code: self.postal_code.clone(),
            guardian_name: self.guardian_name.clone(),
        }
    }
}
