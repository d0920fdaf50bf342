//! What the desk does with a request, why, and which redaction profiles that allows.
//!
//! Every text here is a `&'static str`: a decision can name rules and kinds of evidence but,
//! by construction, never a value from the record.

use recdesk_record::Location;
use recdesk_redact::{ItemKind, Profile, Recipient, StaffRedactions};
use serde::Serialize;

/// The desk's answer to a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Outcome {
    /// The patient's copy (profile `Recipient::Patient`).
    ReleaseFull,
    /// A copy redacted for this recipient: an organization's copy, or paper going to one.
    ReleaseRedacted { recipient: Recipient },
    /// Not decided at the desk: someone else decides or holds the record.
    Refer { to: ReferTo, why: &'static str },
    /// Not released; what would change that next time.
    Deny { why: &'static str, bring_next_time: Vec<&'static str> },
}

impl Outcome {
    pub fn label(&self) -> &'static str {
        match self {
            Outcome::ReleaseFull => "release the full copy",
            Outcome::ReleaseRedacted { recipient: Recipient::School } => "release the school copy (redacted)",
            Outcome::ReleaseRedacted { recipient: Recipient::Provider } => "release the provider copy (redacted)",
            Outcome::ReleaseRedacted { .. } => "release a redacted copy",
            Outcome::Refer { to, .. } => to.label(),
            Outcome::Deny { .. } => "do not release",
        }
    }

    /// Whether anything may be printed.
    pub fn is_release(&self) -> bool {
        matches!(self, Outcome::ReleaseFull | Outcome::ReleaseRedacted { .. })
    }
}

/// Who a referred request goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferTo {
    /// A clinician decides (care a minor consented to alone).
    Clinician,
    /// The Minnesota Department of Health (protected, opted-out or locked records).
    Mdh,
    /// The providers who gave the doses: this desk holds no record.
    PastProviders,
    /// The clinic's privacy officer (a court order or subpoena for the record).
    PrivacyOfficer,
    /// The county caseworker of a child in foster care (the parents keep the right to consent to
    /// medical care unless an order or the placement says otherwise).
    CountyCaseworker,
    /// A supervisor or privacy officer decides, for the reason given.
    Supervisor(Escalation),
}

impl ReferTo {
    pub fn label(self) -> &'static str {
        match self {
            ReferTo::Clinician => "refer to a clinician",
            ReferTo::Mdh => "refer to the Minnesota Department of Health",
            ReferTo::PastProviders => "refer to the providers who gave the doses",
            ReferTo::PrivacyOfficer => "refer to the privacy officer",
            ReferTo::CountyCaseworker => "refer to the county caseworker",
            ReferTo::Supervisor(_) => "refer to a supervisor",
        }
    }
}

/// Why a supervisor decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Escalation {
    /// A point the clinic settles by policy (domain.md: unverified), set to refer.
    ClinicPolicy,
    /// A document whose scope or validity staff cannot judge.
    UnclearDocument,
    /// A court order that limits access or is unclear.
    CourtOrder,
    /// The minor may consent to all their own care (§144.341–.342), so a parent may not be the
    /// "patient"; or it is not known.
    MinorConsentsToOwnCare,
    /// The record's birth date is incomplete, so the desk cannot tell whether the patient is a minor.
    AgeUnknown,
    /// No photo ID: a knowledge check cannot show who a minor asking for their own record is.
    IdentityNotShown,
}

/// Doses kept off this copy until a clinician decides: named by where they are in the input so
/// they are neither printed by mistake nor silently dropped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DoseReferral {
    /// Always `ReferTo::Clinician`.
    pub to: ReferTo,
    pub why: &'static str,
    pub basis: Vec<&'static str>,
    /// Where each held dose is in the input (the dose's origin, as the redaction log names it).
    pub doses: Vec<Location>,
    /// A clinician may release them with this copy (a parent or someone acting for the patient
    /// asked; a consent a parent may have signed for a third party never reaches them).
    pub clinician_may_release: bool,
}

/// How the copy reaches the requester.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// Handed over at the desk (identity shown by photo ID).
    #[default]
    AtTheDesk,
    /// Mailed to the patient's address in the clinic's or registry's own record: identity rests
    /// on a knowledge check, which never hands anything over at the desk.
    MailedToThePatientsAddress,
}

impl Delivery {
    /// What the attestation says.
    pub fn label(self) -> &'static str {
        match self {
            Delivery::AtTheDesk => "handed over at the desk",
            Delivery::MailedToThePatientsAddress => {
                "mailed to the patient's address in the clinic's or registry's own record (identity by knowledge \
                 check: nothing was handed over at the desk)"
            }
        }
    }
}

/// An outcome with its basis, an explanation for staff, and any doses held for a clinician.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Decision {
    pub outcome: Outcome,
    /// The statutes and rules it rests on.
    pub basis: Vec<&'static str>,
    /// In plain words, for the person at the desk.
    pub explanation: &'static str,
    /// Doses not released with this copy and referred to a clinician (a parent asking for a
    /// minor's record: hepatitis B doses the minor may have consented to alone).
    pub held_for_review: Option<DoseReferral>,
    /// Something staff must know before handing the copy over (e.g. the record is locked in MIIC).
    pub notice: Option<&'static str>,
    /// A person asked (the patient, someone with the patient's rights, or a relative with the
    /// patient's consent), not an organization: a registry lock does not stop their copy, even one
    /// they carry to a school (see [`Decision::profile_for`]).
    pub requested_by_a_person: bool,
    /// How the copy reaches the requester: a knowledge check means by mail, never at the desk.
    pub delivery: Delivery,
    /// An order for protection or Safe at Home applies: no address on any copy.
    pub address_withheld: bool,
    /// A minor's own copy holding only the doses they consented to alone: where every other dose
    /// is in the input (kept off the copy, named to staff only).
    pub not_the_minors: Vec<Location>,
    /// The clinician who reviewed the held doses and released them with this copy.
    pub held_doses_released_by: Option<String>,
}

impl Decision {
    /// A decision with no held doses and no notice, for no person in particular: `decide` adds those.
    pub(crate) fn new(outcome: Outcome, basis: Vec<&'static str>, explanation: &'static str) -> Decision {
        Decision {
            outcome,
            basis,
            explanation,
            held_for_review: None,
            notice: None,
            requested_by_a_person: false,
            delivery: Delivery::AtTheDesk,
            address_withheld: false,
            not_the_minors: Vec::new(),
            held_doses_released_by: None,
        }
    }

    /// The copies this decision allows: every profile whose items are, kind by kind, a subset of
    /// the items the outcome's own profile (as this decision sets it) may hold; a mailed copy also
    /// needs the patient's name and address, which the dose counts do not carry.
    pub fn allowed_recipients(&self) -> Vec<Recipient> {
        let Some(own) = own_recipient(&self.outcome) else { return Vec::new() };
        let own = self.profile_for(own);
        BY_REDACTION
            .iter()
            .copied()
            .filter(|candidate| items_within(&self.profile_for(*candidate), &own))
            .filter(|candidate| {
                !(self.delivery == Delivery::MailedToThePatientsAddress && *candidate == Recipient::DoseCounts)
            })
            .collect()
    }

    pub fn least_redacted(&self) -> Option<Recipient> {
        self.allowed_recipients().first().copied()
    }

    /// Whether a copy with this profile may be printed for this outcome.
    pub fn permits(&self, recipient: Recipient) -> bool {
        self.allowed_recipients().contains(&recipient)
    }

    /// The redaction profile for a copy this decision permits, with its default optional items.
    /// A mailed copy carries the patient's address (the envelope's window shows it); an order for
    /// protection or Safe at Home keeps every address off, whatever else is chosen. A provider's
    /// copy goes beyond §144.3351 only when the patient consented or carries it themselves.
    pub fn profile_for(&self, recipient: Recipient) -> Profile {
        let mut profile =
            Profile { requested_by_a_person: self.requested_by_a_person, ..Profile::default_for(recipient) };
        if self.delivery == Delivery::MailedToThePatientsAddress && recipient != Recipient::DoseCounts {
            profile.settings.address = true;
        }
        if self.address_withheld {
            profile.settings.address = false;
            profile.address_withheld = true;
        }
        profile.settings.with_consent = recipient == Recipient::Provider
            && (self.requested_by_a_person || self.basis.contains(&crate::basis::CONSENT));
        profile
    }

    /// The copy for `recipient` when staff add the record's contraindications, reactions and
    /// evidence of immunity to support a medical exemption the family will ask the school for: a
    /// school's copy carries them only then (§144.3351 names contraindications; evidence of
    /// immunity goes to a school only in support of an exemption). Other copies are unchanged.
    pub fn profile_supporting_exemption(&self, recipient: Recipient) -> Profile {
        let mut profile = self.profile_for(recipient);
        if recipient == Recipient::School {
            profile.settings.exemption_evidence = true;
        }
        profile
    }

    /// Whether this release is made without the patient's consent or their own request (an
    /// organization serving the patient, §144.3351), so it is documented in the patient's record
    /// (§144.293 subd. 9): the desk prints a chart note, since Record Desk keeps nothing.
    pub fn needs_chart_note(&self) -> bool {
        self.outcome.is_release() && !self.requested_by_a_person && !self.basis.contains(&crate::basis::CONSENT)
    }

    /// The held doses as redactions, so `recdesk_redact::redact` leaves them off the copy and its
    /// counts and names them in the staff's log only.
    pub fn staff_redactions(&self) -> StaffRedactions {
        StaffRedactions {
            held_for_clinician: self.held_for_review.as_ref().map(|r| r.doses.clone()).unwrap_or_default(),
            not_the_minors: self.not_the_minors.clone(),
            ..StaffRedactions::default()
        }
    }
}

/// Every copy, in the order a screen offers them: the patient's first, the dose counts last.
static BY_REDACTION: [Recipient; 4] =
    [Recipient::Patient, Recipient::Provider, Recipient::School, Recipient::DoseCounts];

/// The profile an outcome releases; None for Refer and Deny.
fn own_recipient(outcome: &Outcome) -> Option<Recipient> {
    match outcome {
        Outcome::ReleaseFull => Some(Recipient::Patient),
        Outcome::ReleaseRedacted { recipient } => Some(*recipient),
        Outcome::Refer { .. } | Outcome::Deny { .. } => None,
    }
}

/// Whether every kind of item `candidate` may hold, `own` may hold too (the school and provider
/// copies are not nested: each holds something the other may not).
fn items_within(candidate: &Profile, own: &Profile) -> bool {
    let allows = |profile: &Profile, kind: ItemKind| {
        recdesk_redact::decide(kind, profile.recipient, &profile.settings).is_ok()
            && !(profile.address_withheld && matches!(kind, ItemKind::Address | ItemKind::RelatedPersonContact))
    };
    ItemKind::ALL.iter().all(|kind| !allows(candidate, *kind) || allows(own, *kind))
}

/// The copies an outcome allows with each profile's defaults (no held doses, handed over):
/// what [`Decision::allowed_recipients`] gives for a decision with nothing more to it.
pub fn allowed_recipients(outcome: &Outcome) -> Vec<Recipient> {
    Decision::new(outcome.clone(), Vec::new(), "").allowed_recipients()
}

/// The least redacted copy an outcome allows: what the app offers first.
pub fn least_redacted(outcome: &Outcome) -> Option<Recipient> {
    allowed_recipients(outcome).first().copied()
}
