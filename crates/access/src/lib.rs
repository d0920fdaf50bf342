//! Access decisions: whether the person or organization at the desk may have an immunization
//! record (Minnesota), and which redacted copy. The engine behind the front-desk wizard.
//!
//! Pure: no I/O and no clock (today's date and the release time are inputs), so the browser and
//! the tests share it. The pieces:
//!
//! - [`decide`]: domain.md's verification decision table as one function from [`Answers`] to a
//!   [`Decision`] (an [`Outcome`] with its basis and a plain-language explanation).
//! - [`Wizard`]: the step machine the screens drive, one question per [`Step`].
//! - [`check_knowledge`]: the blind knowledge check for requesters without photo ID.
//! - [`allowed_recipients`] / [`least_redacted`]: the redaction profiles an outcome permits.
//! - [`Attestation`]: what the report says about the release.
//!
//! Architecture invariant: no type here accepts an ID or document number (evidence is recorded
//! by kind), and no decision, check result or attestation carries a value from the record other
//! than its "data as of" date: their texts are `&'static str`.

mod answers_file;
mod attestation;
pub mod basis;
mod decide;
mod error;
mod evidence;
mod facts;
mod fold;
mod knowledge;
mod nicknames;
mod outcome;
mod requester;
mod wizard;

pub use answers_file::{ANSWERS_VERSION, AnswersFile, AnswersFileError, ConsentAnswer, IdentityAnswer, StatedAnswer};
pub use attestation::{Attestation, ReleaseTime};
pub use decide::{Answers, BRING_ITEMS, Identity, bring_key, decide};
pub use error::AnswerError;
pub use evidence::{
    AddressSource, Consent, ConsentSigner, CourtOrder, DelegationCoverage, DocumentKind, DocumentScope,
    OrganizationIdentity, OwnCare, PhotoIdKind,
};
pub use facts::{AGE_OF_MAJORITY, RecordFacts};
pub use knowledge::{
    IDENTITY_RULE, ItemCheck, KnowledgeCheckResult, KnowledgeItem, MatchLevel, StatedFacts, check_knowledge,
    parse_date_input,
};
pub use nicknames::NICKNAMES;
pub use outcome::{Decision, Delivery, DoseReferral, Escalation, Outcome, ReferTo, allowed_recipients, least_redacted};
pub use recdesk_redact::Recipient;
pub use recdesk_settings::{
    AccessSettings, ClinicSettings, ConservatorPolicy, CustodianPolicy, DeceasedRelativePolicy, HEPATITIS_B_REVIEW_AGE,
    KIOSK_IDLE_SECONDS, MinorSelfPolicy, SETTINGS_KEYS, SETTINGS_VERSION, SHORTEST_IDLE_SECONDS, SettingsError,
};
pub use requester::{OrganizationKind, OtherRequester, Purpose, RequesterKind, THIRD_PARTY_RECIPIENT};
pub use wizard::{Answer, KNOWLEDGE_CHECK_TRIES, Step, SummaryLine, Wizard};
