//! Clinic settings for the points domain.md marks (unverified): the law does not settle them, so
//! the clinic decides, and every default refers the requester rather than releasing.

use serde::Serialize;

/// The clinic's choices where the rules are unverified. `Default` is the safe setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct AccessSettings {
    /// A conservator who is not also a guardian. Default: refer to a supervisor, because a
    /// conservator's authority is over property and domain.md marks health-record access unverified.
    pub conservator: ConservatorPolicy,
    /// A relative of a deceased patient who is not the surviving spouse or a parent. Default:
    /// refer to a supervisor (domain.md: unverified).
    pub other_relative_of_deceased: DeceasedRelativePolicy,
    /// A custodian by court order, a standby custodian or a county agency for a child in its
    /// guardianship. Default: refer to a supervisor (domain.md: unverified).
    pub custodian: CustodianPolicy,
    /// A minor asking for their own record. Default: refer to a supervisor (domain.md: clinic policy).
    pub minor_own_record: MinorSelfPolicy,
    /// Hepatitis B doses given at or after this age, before 18, may have been the minor's own
    /// decision (§144.3441: "a minor may give effective consent for a hepatitis B vaccination")
    /// and are held for a clinician when a parent asks. Default 12 ([`HEPATITIS_B_REVIEW_AGE`]).
    pub hepatitis_b_review_from_age: u8,
}

/// The default review age for hepatitis B doses: infants and young children cannot consent, and
/// holding a birth dose or a 2-month combination dose (DTaP-HepB-IPV) would strip a kindergarten
/// copy of the hepatitis B, DTaP and polio doses the school needs.
pub const HEPATITIS_B_REVIEW_AGE: u8 = 12;

impl Default for AccessSettings {
    fn default() -> Self {
        AccessSettings {
            conservator: ConservatorPolicy::default(),
            other_relative_of_deceased: DeceasedRelativePolicy::default(),
            custodian: CustodianPolicy::default(),
            minor_own_record: MinorSelfPolicy::default(),
            hepatitis_b_review_from_age: HEPATITIS_B_REVIEW_AGE,
        }
    }
}

/// What the desk does for a conservator (no guardianship) who shows letters and identity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConservatorPolicy {
    #[default]
    Refer,
    /// Release as to a representative: the clinic's counsel has said letters of conservatorship suffice.
    ReleaseWithLetters,
}

/// What the desk does for another relative of a deceased patient.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeceasedRelativePolicy {
    #[default]
    Refer,
    /// Treat as "anyone else": a redacted copy with a consent signed by the estate's personal
    /// representative within the last year (§144.293), otherwise deny.
    RequireConsent,
}

/// What the desk does for a minor asking for their own record with identity established.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MinorSelfPolicy {
    #[default]
    Refer,
    /// Release the full record to a minor of at least this age (0: any age); younger ones are referred.
    ReleaseFromAge(u8),
}

/// What the desk does for a custodian, standby custodian or county agency who shows the order or
/// designation and identity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CustodianPolicy {
    #[default]
    Refer,
    /// Release as to a parent: the clinic's counsel has said the order or designation suffices.
    ReleaseWithOrder,
}
