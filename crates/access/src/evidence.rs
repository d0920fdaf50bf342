//! What the requester showed, as kinds only. No type here holds an ID or document number: the
//! desk records that a passport was seen, never its number (domain.md step 4).

use recdesk_record::PartialDate;
use serde::{Deserialize, Serialize};

use crate::requester::RequesterKind;

/// Photo identification the desk accepts (domain.md step 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhotoIdKind {
    DriversLicence,
    StateId,
    TribalId,
    Passport,
    MilitaryId,
    /// Accepted only from a requester who is a minor: a minor asking for their own record, or a
    /// minor parent.
    SchoolId,
}

impl PhotoIdKind {
    pub const ALL: [PhotoIdKind; 6] = [
        PhotoIdKind::DriversLicence,
        PhotoIdKind::StateId,
        PhotoIdKind::TribalId,
        PhotoIdKind::Passport,
        PhotoIdKind::MilitaryId,
        PhotoIdKind::SchoolId,
    ];

    /// The kinds offered to everyone but a minor asking for their own record.
    pub const FOR_ADULTS: [PhotoIdKind; 5] = [
        PhotoIdKind::DriversLicence,
        PhotoIdKind::StateId,
        PhotoIdKind::TribalId,
        PhotoIdKind::Passport,
        PhotoIdKind::MilitaryId,
    ];

    pub fn label(self) -> &'static str {
        match self {
            PhotoIdKind::DriversLicence => "driver's licence",
            PhotoIdKind::StateId => "state ID card",
            PhotoIdKind::TribalId => "tribal ID card",
            PhotoIdKind::Passport => "passport",
            PhotoIdKind::MilitaryId => "military ID",
            PhotoIdKind::SchoolId => "school ID (only from a requester under 18)",
        }
    }

    /// The photo IDs accepted from this requester: a school ID only where the requester may be a
    /// minor (a minor asking for their own record, a minor parent).
    pub fn accepted_from(requester: RequesterKind) -> &'static [PhotoIdKind] {
        match requester {
            RequesterKind::MinorSelf | RequesterKind::ParentOfMinor => &PhotoIdKind::ALL,
            _ => &PhotoIdKind::FOR_ADULTS,
        }
    }
}

/// Documents that show authority (the "evidence" column of the decision table).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// Staff checked that the record names the requester as the patient's parent or guardian.
    RecordNamesRequester,
    /// A birth record naming the requester as a parent.
    BirthRecord,
    /// Court letters appointing a guardian.
    LettersOfGuardianship,
    /// Court letters appointing a conservator.
    LettersOfConservatorship,
    /// A parent's written delegation of parental authority.
    WrittenDelegation,
    /// A foster-care placement letter from the county or agency.
    FosterPlacement,
    /// The court order or designation naming a custodian, standby custodian or county agency.
    CustodyOrder,
    /// Letters testamentary or of administration naming the estate's personal representative.
    LettersTestamentary,
    /// A health care directive naming the requester as agent (ch. 145C).
    HealthCareDirective,
    /// The patient's written appointment of the requester as representative.
    WrittenAppointment,
    /// A death record (certificate) for the patient.
    DeathRecord,
    /// Proof of the relationship to a deceased patient: a marriage certificate or the patient's birth record.
    ProofOfRelationship,
}

impl DocumentKind {
    pub fn label(self) -> &'static str {
        match self {
            DocumentKind::RecordNamesRequester => "the record names the requester as parent or guardian",
            DocumentKind::BirthRecord => "birth record naming the requester as parent",
            DocumentKind::LettersOfGuardianship => "letters of guardianship",
            DocumentKind::LettersOfConservatorship => "letters of conservatorship",
            DocumentKind::WrittenDelegation => "written delegation of parental authority",
            DocumentKind::FosterPlacement => "foster-care placement letter",
            DocumentKind::CustodyOrder => "the court order or designation naming the requester custodian",
            DocumentKind::LettersTestamentary => "letters testamentary or of administration",
            DocumentKind::HealthCareDirective => "health care directive naming the agent",
            DocumentKind::WrittenAppointment => "the patient's written appointment of a representative",
            DocumentKind::DeathRecord => "death record",
            DocumentKind::ProofOfRelationship => "proof of relationship (marriage certificate or birth record)",
        }
    }

    /// The documents that can show this requester's authority: what the evidence question offers.
    pub fn offered_to(requester: RequesterKind) -> &'static [DocumentKind] {
        use DocumentKind::*;
        match requester {
            RequesterKind::ParentOfMinor => &[RecordNamesRequester, BirthRecord, LettersOfGuardianship],
            RequesterKind::LegalGuardianOfAdult => &[LettersOfGuardianship],
            RequesterKind::ConservatorOnly => &[LettersOfConservatorship],
            RequesterKind::ActingAsParent => &[WrittenDelegation],
            RequesterKind::FosterParent => &[FosterPlacement],
            RequesterKind::Custodian => &[CustodyOrder],
            RequesterKind::EstateRepresentative => &[LettersTestamentary],
            RequesterKind::HealthCareAgent => &[HealthCareDirective, WrittenAppointment],
            RequesterKind::SurvivingSpouseOrParent => &[DeathRecord, ProofOfRelationship],
            RequesterKind::AdultPatient
            | RequesterKind::OtherRelativeOfDeceased
            | RequesterKind::MinorSelf
            | RequesterKind::Organization(_)
            | RequesterKind::CourtOrSubpoena
            | RequesterKind::AnyoneElse(_) => &[],
        }
    }

    /// A paper the requester shows, as opposed to what staff read in the record (that the record
    /// names the requester proves nothing without a photo ID to compare the name with).
    pub fn is_shown_by_requester(self) -> bool {
        self != DocumentKind::RecordNamesRequester
    }

    /// Whether the documents seen are enough for this requester's row of the table: any one of
    /// the offered kinds, except a deceased patient's survivor, who needs both.
    pub fn sufficient_for(requester: RequesterKind, seen: &[DocumentKind]) -> bool {
        let offered = DocumentKind::offered_to(requester);
        match requester {
            RequesterKind::SurvivingSpouseOrParent => offered.iter().all(|kind| seen.contains(kind)),
            _ => offered.iter().any(|kind| seen.contains(kind)),
        }
    }
}

/// How staff confirmed an organization is who it says it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrganizationIdentity {
    /// The person at the desk showed the organization's staff badge.
    StaffBadge,
    /// A signed request on the organization's letterhead.
    Letterhead,
    /// Staff called back at a number listed independently (not one the caller gave).
    CallbackToListedNumber,
    /// A request through a secure channel the clinic already uses with this organization.
    KnownSecureChannel,
    NotConfirmed,
}

impl OrganizationIdentity {
    pub const ALL: [OrganizationIdentity; 5] = [
        OrganizationIdentity::StaffBadge,
        OrganizationIdentity::Letterhead,
        OrganizationIdentity::CallbackToListedNumber,
        OrganizationIdentity::KnownSecureChannel,
        OrganizationIdentity::NotConfirmed,
    ];

    pub fn label(self) -> &'static str {
        match self {
            OrganizationIdentity::StaffBadge => "organization staff badge",
            OrganizationIdentity::Letterhead => "signed request on letterhead",
            OrganizationIdentity::CallbackToListedNumber => "call-back to an independently listed number",
            OrganizationIdentity::KnownSecureChannel => "request through a known secure channel",
            OrganizationIdentity::NotConfirmed => "organization not confirmed",
        }
    }

    pub fn is_confirmed(self) -> bool {
        self != OrganizationIdentity::NotConfirmed
    }
}

/// Whether a court order or legal instrument limits a parent's access (Minn. R. 1205.0500).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CourtOrder {
    /// None shown, none noted in the chart: parents are presumed to hold the minor's rights.
    NoneKnown,
    /// An order or instrument takes this person's access to the minor's records away.
    ForbidsAccess,
    /// An order exists but limits access in part, or its effect is unclear.
    LimitsOrUnclear,
}

impl CourtOrder {
    pub const ALL: [CourtOrder; 3] = [CourtOrder::NoneKnown, CourtOrder::ForbidsAccess, CourtOrder::LimitsOrUnclear];

    pub fn label(self) -> &'static str {
        match self {
            CourtOrder::NoneKnown => "no court order known",
            CourtOrder::ForbidsAccess => "a court order forbids this person's access",
            CourtOrder::LimitsOrUnclear => "a court order limits access or is unclear",
        }
    }
}

/// Whether the document giving authority (a health care directive, a written appointment, letters
/// of guardianship) covers health care or medical records (§144.291 subd. 2; §524.5-313(b): a
/// guardian has only the powers the court gave).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentScope {
    /// The document gives authority over health information without limits that touch this request.
    NoLimit,
    /// The document withholds access to health records.
    ExcludesRecords,
    /// Staff cannot tell (conditions, effective only on incapacity, wording unclear).
    Unclear,
}

impl DocumentScope {
    pub const ALL: [DocumentScope; 3] =
        [DocumentScope::NoLimit, DocumentScope::ExcludesRecords, DocumentScope::Unclear];

    pub fn label(self) -> &'static str {
        match self {
            DocumentScope::NoLimit => {
                "yes: it covers health care or medical records, with no limit that touches this request"
            }
            DocumentScope::ExcludesRecords => "no: it leaves out health care or medical records",
            DocumentScope::Unclear => "unclear whether it covers health care or medical records",
        }
    }
}

/// Whether a delegation or foster placement covers health care and is current.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DelegationCoverage {
    /// Current, and covers health care or medical records.
    Covers,
    /// Expired, or clearly does not cover health care.
    DoesNotCover,
    Unclear,
}

impl DelegationCoverage {
    pub const ALL: [DelegationCoverage; 3] =
        [DelegationCoverage::Covers, DelegationCoverage::DoesNotCover, DelegationCoverage::Unclear];

    pub fn label(self) -> &'static str {
        match self {
            DelegationCoverage::Covers => "current and covers health care",
            DelegationCoverage::DoesNotCover => "expired or does not cover health care",
            DelegationCoverage::Unclear => "unclear",
        }
    }
}

/// Who signed a consent (staff record it; the attestation names the kind, never the person).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentSigner {
    Patient,
    ParentOrGuardian,
    /// Another legally authorized representative (a health care agent, a guardian of an adult).
    LegalRepresentative,
    /// The personal representative of a deceased patient's estate.
    EstateRepresentative,
}

impl ConsentSigner {
    pub const ALL: [ConsentSigner; 4] = [
        ConsentSigner::Patient,
        ConsentSigner::ParentOrGuardian,
        ConsentSigner::LegalRepresentative,
        ConsentSigner::EstateRepresentative,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ConsentSigner::Patient => "the patient",
            ConsentSigner::ParentOrGuardian => "a parent or guardian of the minor",
            ConsentSigner::LegalRepresentative => "another legally authorized representative",
            ConsentSigner::EstateRepresentative => "the estate's personal representative",
        }
    }
}

/// A signed consent to release (§144.293): when and by whom it was signed, the end date it
/// states (if any), and whether it covers this release.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Consent {
    NotShown,
    Signed {
        /// The date the patient (or their representative) signed it.
        signed_on: PartialDate,
        /// Who signed it.
        signed_by: ConsentSigner,
        /// The last day the consent itself says it is valid; None when it states no period.
        valid_until: Option<PartialDate>,
        /// Staff checked it names this requester and covers immunization records.
        covers_this_release: bool,
    },
}

impl Consent {
    /// Valid when it covers this release and, on `today`, is within the period it states, or
    /// under one year old when it states none (§144.293 subd. 4). A consent dated after today, or
    /// a date without month and day, is not valid.
    pub fn is_valid_on(self, today: PartialDate) -> bool {
        match self {
            Consent::NotShown => false,
            Consent::Signed { signed_on, valid_until, covers_this_release, .. } => {
                let signed = signed_on.years_until(today);
                covers_this_release
                    && signed.is_some()
                    && match valid_until {
                        Some(until) => until.day.is_some() && today <= until,
                        None => signed.is_some_and(|years| years < 1),
                    }
            }
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Consent::NotShown => "no signed consent",
            Consent::Signed { covers_this_release: true, .. } => "signed consent covering this release",
            Consent::Signed { covers_this_release: false, .. } => "signed consent that does not cover this release",
        }
    }
}

/// Where the address a copy is mailed to comes from (a knowledge check hands nothing over at the
/// desk: the copy goes by mail to the patient's address in the clinic's or registry's own record).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AddressSource {
    /// The record was loaded from the clinic's own chart or system.
    ClinicRecord,
    /// The record was loaded from the registry (MIIC).
    RegistryRecord,
    /// The record came from a file, card or paper the requester brought or sent: its address
    /// could be anyone's, so nothing is mailed to it.
    RequesterBrought,
}

impl AddressSource {
    pub const ALL: [AddressSource; 3] =
        [AddressSource::ClinicRecord, AddressSource::RegistryRecord, AddressSource::RequesterBrought];

    pub fn label(self) -> &'static str {
        match self {
            AddressSource::ClinicRecord => "the clinic's own chart or system",
            AddressSource::RegistryRecord => "MIIC, the Minnesota immunization registry",
            AddressSource::RequesterBrought => "a file, card or paper the requester brought or sent",
        }
    }

    /// Whether a copy may be mailed to the address this record holds.
    pub fn is_the_clinics_or_registrys(self) -> bool {
        self != AddressSource::RequesterBrought
    }
}

/// Whether a minor consents to all their own care (Minn. Stat. §144.341: living apart from the
/// parents and managing their own financial affairs; §144.342: married, or has borne a child).
/// Such a minor is their own "patient": a parent is not, and the minor asking is treated as an adult.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OwnCare {
    ConsentsToAll,
    DoesNot,
    Unknown,
}

impl OwnCare {
    pub const ALL: [OwnCare; 3] = [OwnCare::ConsentsToAll, OwnCare::DoesNot, OwnCare::Unknown];

    pub fn label(self) -> &'static str {
        match self {
            OwnCare::ConsentsToAll => {
                "yes: lives apart from the parents and manages their own money, is married, or has borne a child"
            }
            OwnCare::DoesNot => "no, none of these",
            OwnCare::Unknown => "not known",
        }
    }
}
