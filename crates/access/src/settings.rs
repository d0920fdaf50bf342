//! Clinic settings for the points domain.md marks (unverified): the law does not settle them, so
//! the clinic decides, and every default refers the requester rather than releasing.

use serde::Serialize;

/// The clinic's choices where the rules are unverified. `Default` is the safe setting.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AccessSettings {
    /// A conservator who is not also a guardian. Default: refer to a supervisor, because a
    /// conservator's authority is over property and domain.md marks health-record access unverified.
    pub conservator: ConservatorPolicy,
    /// A relative of a deceased patient who is not the surviving spouse or a parent. Default:
    /// refer to a supervisor (domain.md: unverified).
    pub other_relative_of_deceased: DeceasedRelativePolicy,
    /// A minor asking for their own record. Default: refer to a supervisor (domain.md: clinic policy).
    pub minor_own_record: MinorSelfPolicy,
    /// Hepatitis B doses given before this age are taken to have been consented to by a parent
    /// (an infant series), so they are not held for review when a parent asks. Default 0: every
    /// hepatitis B dose given before 18 is held for a clinician, because §144.3441 sets no lower
    /// age and the desk cannot know who consented. Raising it is a clinic decision.
    pub hepatitis_b_review_from_age: u8,
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
