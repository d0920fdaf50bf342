//! Who is asking for the record: the rows of domain.md's "Verification decision table".

use recdesk_redact::Recipient;
use serde::{Deserialize, Serialize};

/// The kind of person or organization asking. One variant per row of the decision table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequesterKind {
    /// The patient, 18 or older, asking for their own record.
    AdultPatient,
    /// A parent or guardian of a patient under 18.
    ParentOfMinor,
    /// A court-appointed guardian of an adult (letters of guardianship).
    LegalGuardianOfAdult,
    /// A conservator with no guardianship: conservators manage property, so their access to
    /// health records is unclear (domain.md: unverified).
    ConservatorOnly,
    /// Someone acting as a parent under a written delegation of parental powers (§524.5-211).
    ActingAsParent,
    /// A foster parent: the parents keep the right to consent to medical care unless a court
    /// order or the placement says otherwise (Minn. R. 9560.0552).
    FosterParent,
    /// A custodian by court order, a standby custodian (ch. 257B), or a county agency for a child
    /// in its guardianship (domain.md: unverified).
    Custodian,
    /// A health care agent or a representative the patient appointed in writing.
    HealthCareAgent,
    /// The surviving spouse or a parent of a deceased patient.
    SurvivingSpouseOrParent,
    /// The personal representative of a deceased patient's estate (45 CFR 164.502(g)(4)).
    EstateRepresentative,
    /// Any other relative of a deceased patient (domain.md: unverified).
    OtherRelativeOfDeceased,
    /// A patient under 18 asking for their own record (clinic policy).
    MinorSelf,
    /// A school, child care, college, provider, health plan, community health board, community
    /// action agency (Head Start) or MDH.
    Organization(OrganizationKind),
    /// A court order or subpoena for the record: the privacy officer's to answer.
    CourtOrSubpoena,
    /// Anyone else: an employer, a camp, a relative of a living patient.
    AnyoneElse(OtherRequester),
}

impl RequesterKind {
    /// Every choice, in the order a screen lists them.
    pub const ALL: [RequesterKind; 25] = [
        RequesterKind::AdultPatient,
        RequesterKind::ParentOfMinor,
        RequesterKind::LegalGuardianOfAdult,
        RequesterKind::ConservatorOnly,
        RequesterKind::ActingAsParent,
        RequesterKind::FosterParent,
        RequesterKind::Custodian,
        RequesterKind::HealthCareAgent,
        RequesterKind::SurvivingSpouseOrParent,
        RequesterKind::EstateRepresentative,
        RequesterKind::OtherRelativeOfDeceased,
        RequesterKind::MinorSelf,
        RequesterKind::Organization(OrganizationKind::School),
        RequesterKind::Organization(OrganizationKind::ChildCare),
        RequesterKind::Organization(OrganizationKind::College),
        RequesterKind::Organization(OrganizationKind::HeadStart),
        RequesterKind::Organization(OrganizationKind::Provider),
        RequesterKind::Organization(OrganizationKind::HealthPlan),
        RequesterKind::Organization(OrganizationKind::CommunityHealthBoard),
        RequesterKind::Organization(OrganizationKind::Mdh),
        RequesterKind::CourtOrSubpoena,
        RequesterKind::AnyoneElse(OtherRequester::Employer),
        RequesterKind::AnyoneElse(OtherRequester::Camp),
        RequesterKind::AnyoneElse(OtherRequester::Relative),
        RequesterKind::AnyoneElse(OtherRequester::Other),
    ];

    pub fn label(self) -> &'static str {
        match self {
            RequesterKind::AdultPatient => "the patient (18 or older)",
            RequesterKind::ParentOfMinor => "a parent or guardian of a minor",
            RequesterKind::LegalGuardianOfAdult => "a legal guardian of an adult",
            RequesterKind::ConservatorOnly => "a conservator (no guardianship)",
            RequesterKind::ActingAsParent => "a person acting as parent under a written delegation of parental powers",
            RequesterKind::FosterParent => "a foster parent",
            RequesterKind::Custodian => "a custodian by court order, a standby custodian or a county agency",
            RequesterKind::HealthCareAgent => "a health care agent or written representative",
            RequesterKind::SurvivingSpouseOrParent => "the surviving spouse or a parent of a deceased patient",
            RequesterKind::EstateRepresentative => "the personal representative of a deceased patient's estate",
            RequesterKind::OtherRelativeOfDeceased => "another relative of a deceased patient",
            RequesterKind::MinorSelf => "a minor asking for their own record",
            RequesterKind::Organization(kind) => kind.label(),
            RequesterKind::CourtOrSubpoena => "a court order or subpoena",
            RequesterKind::AnyoneElse(kind) => kind.label(),
        }
    }

    /// Whether this requester stands in the patient's shoes (§144.291 subd. 2), as opposed to an
    /// organization or a third party, who only ever get a redacted copy.
    pub fn is_patient_side(self) -> bool {
        !matches!(
            self,
            RequesterKind::Organization(_)
                | RequesterKind::AnyoneElse(_)
                | RequesterKind::OtherRelativeOfDeceased
                | RequesterKind::CourtOrSubpoena
        )
    }

    /// The requester's name in an answers file and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            RequesterKind::AdultPatient => "adult_patient",
            RequesterKind::ParentOfMinor => "parent_of_minor",
            RequesterKind::LegalGuardianOfAdult => "legal_guardian_of_adult",
            RequesterKind::ConservatorOnly => "conservator",
            RequesterKind::ActingAsParent => "acting_as_parent",
            RequesterKind::FosterParent => "foster_parent",
            RequesterKind::Custodian => "custodian",
            RequesterKind::HealthCareAgent => "health_care_agent",
            RequesterKind::SurvivingSpouseOrParent => "surviving_spouse_or_parent",
            RequesterKind::EstateRepresentative => "estate_representative",
            RequesterKind::OtherRelativeOfDeceased => "other_relative_of_deceased",
            RequesterKind::MinorSelf => "minor_self",
            RequesterKind::Organization(OrganizationKind::School) => "school",
            RequesterKind::Organization(OrganizationKind::ChildCare) => "child_care",
            RequesterKind::Organization(OrganizationKind::College) => "college",
            RequesterKind::Organization(OrganizationKind::HeadStart) => "head_start",
            RequesterKind::Organization(OrganizationKind::Provider) => "provider",
            RequesterKind::Organization(OrganizationKind::HealthPlan) => "health_plan",
            RequesterKind::Organization(OrganizationKind::CommunityHealthBoard) => "community_health_board",
            RequesterKind::Organization(OrganizationKind::Mdh) => "mdh",
            RequesterKind::CourtOrSubpoena => "court_order_or_subpoena",
            RequesterKind::AnyoneElse(OtherRequester::Employer) => "employer",
            RequesterKind::AnyoneElse(OtherRequester::Camp) => "camp",
            RequesterKind::AnyoneElse(OtherRequester::Relative) => "relative",
            RequesterKind::AnyoneElse(OtherRequester::Other) => "someone_else",
        }
    }

    /// The requester a key names.
    pub fn from_key(key: &str) -> Option<RequesterKind> {
        RequesterKind::ALL.into_iter().find(|kind| kind.key() == key)
    }

    /// Someone in a parent's place for a minor: the minor-consent rules apply to them as to a parent.
    pub fn acts_as_parent(self) -> bool {
        matches!(
            self,
            RequesterKind::ParentOfMinor
                | RequesterKind::ActingAsParent
                | RequesterKind::FosterParent
                | RequesterKind::Custodian
        )
    }

    /// Whether the requester is a person rather than an organization: a registry lock stops
    /// organizations only. "Someone else" may be either, so counts as an organization.
    pub fn is_a_person(self) -> bool {
        self.is_patient_side()
            || matches!(
                self,
                RequesterKind::AnyoneElse(OtherRequester::Relative) | RequesterKind::OtherRelativeOfDeceased
            )
    }
}

/// Organizations §144.3351 lets exchange immunization data when they serve the patient.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrganizationKind {
    School,
    ChildCare,
    College,
    Provider,
    HealthPlan,
    /// A community action agency such as Head Start.
    HeadStart,
    /// A community health board (local public health).
    CommunityHealthBoard,
    /// The Minnesota Department of Health.
    Mdh,
}

impl OrganizationKind {
    pub fn label(self) -> &'static str {
        match self {
            OrganizationKind::School => "a school",
            OrganizationKind::ChildCare => "a child-care provider",
            OrganizationKind::College => "a college or university",
            OrganizationKind::Provider => "a health care provider",
            OrganizationKind::HealthPlan => "a health plan",
            OrganizationKind::HeadStart => "Head Start or another community action agency",
            OrganizationKind::CommunityHealthBoard => "a community health board (local public health)",
            OrganizationKind::Mdh => "the Minnesota Department of Health",
        }
    }

    /// The redaction profile for this organization's copy.
    pub fn recipient(self) -> Recipient {
        match self {
            OrganizationKind::School
            | OrganizationKind::ChildCare
            | OrganizationKind::College
            | OrganizationKind::HeadStart => Recipient::School,
            OrganizationKind::Provider
            | OrganizationKind::HealthPlan
            | OrganizationKind::CommunityHealthBoard
            | OrganizationKind::Mdh => Recipient::Provider,
        }
    }
}

/// Third parties with no authority in law: they need the patient's signed consent (§144.293).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OtherRequester {
    Employer,
    Camp,
    /// A relative of a living patient (grandparent, sibling...), not a parent or guardian.
    Relative,
    Other,
}

impl OtherRequester {
    pub fn label(self) -> &'static str {
        match self {
            OtherRequester::Employer => "an employer",
            OtherRequester::Camp => "a camp",
            OtherRequester::Relative => {
                "a relative who is not a parent or guardian (a stepparent, a grandparent without a delegation, a sibling)"
            }
            OtherRequester::Other => "someone else",
        }
    }
}

/// Where the paper is going (domain.md step 3: paper for an organization is redacted, even when
/// a parent carries it there).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// For the patient or their representative to keep.
    OwnUse,
    /// For a school, child care or college.
    School,
    /// For a doctor, clinic or health plan.
    Provider,
    /// For an employer, a camp or another organization.
    OtherOrganization,
}

impl Purpose {
    pub const ALL: [Purpose; 4] = [Purpose::OwnUse, Purpose::School, Purpose::Provider, Purpose::OtherOrganization];

    pub fn label(self) -> &'static str {
        match self {
            Purpose::OwnUse => "for the patient or family to keep",
            Purpose::School => "for a school, child care or college",
            Purpose::Provider => "for a doctor, clinic or health plan",
            Purpose::OtherOrganization => "for an employer, camp or other organization",
        }
    }

    /// The profile of an organization-bound copy; None for the patient's own copy.
    pub fn organization_recipient(self) -> Option<Recipient> {
        match self {
            Purpose::OwnUse => None,
            Purpose::School => Some(Recipient::School),
            Purpose::Provider => Some(Recipient::Provider),
            // The minimal organization profile: see `THIRD_PARTY_RECIPIENT`.
            Purpose::OtherOrganization => Some(THIRD_PARTY_RECIPIENT),
        }
    }
}

/// The profile for a copy going to an employer, camp or other third party (with consent).
///
/// The school profile is the most redacted copy that still proves immunization (name, birth date,
/// sex, vaccines, dates, forecast; no address, guardian, lot numbers, clinical detail or anything
/// the MIIC agreement forbids). The provider profile adds clinical detail a third party has no
/// need for, and the desk cannot check item by item what a consent covers, so the minimal
/// copy is the safe one; staff can add optional items within the school profile's settings.
pub const THIRD_PARTY_RECIPIENT: Recipient = Recipient::School;
