//! The rules a decision rests on, as the citations staff see "on request" and the report prints.
//!
//! Kept as constants so every outcome cites the same words and a test can check each path cites
//! something. Wording follows the statutes and rules cited; none of this is legal advice.

/// A patient may get copies of their own record.
pub const PATIENT_ACCESS: &str = "Minn. Stat. §144.292";
/// Who counts as the "patient": surviving spouse and parents, written representatives, parents
/// and guardians of a minor (except for care the minor consented to alone).
pub const PATIENT_DEFINITION: &str = "Minn. Stat. §144.291 subd. 2";
/// Providers, health plans, schools, child care and colleges may exchange immunization data.
pub const IMMUNIZATION_EXCHANGE: &str = "Minn. Stat. §144.3351";
/// Release to anyone else needs a signed, dated consent, valid one year.
pub const CONSENT: &str = "Minn. Stat. §144.293";
/// A minor may consent alone to hepatitis B vaccination.
pub const MINOR_HEPATITIS_B: &str = "Minn. Stat. §144.3441";
/// A minor living apart from the parents and managing their own financial affairs consents to
/// their own care.
pub const MINOR_LIVING_APART: &str = "Minn. Stat. §144.341";
/// A married minor, or one who has borne a child, consents to their own care.
pub const MINOR_MARRIED_OR_PARENT: &str = "Minn. Stat. §144.342";
/// When a provider may inform parents about care a minor consented to.
pub const INFORMING_PARENTS: &str = "Minn. Stat. §144.346";
/// A parent is not the personal representative for care the minor lawfully consented to.
pub const MINOR_REPRESENTATIVE: &str = "45 CFR 164.502(g)(3)";
/// Parents hold a minor's data rights unless a court order or legal instrument says otherwise.
pub const PARENT_ACCESS: &str = "Minn. R. 1205.0500";
/// Verify identity and authority when not known, without unreasonable barriers.
pub const VERIFY_IDENTITY: &str = "45 CFR 164.514(h)";
/// Health care agents under a health care directive.
pub const HEALTH_CARE_AGENT: &str = "Minn. Stat. ch. 145C";
/// Printed reports to another organization carry no sensitive information.
pub const MIIC_AGREEMENT: &str = "MIIC data use agreement";
/// Each parent may see the child's records unless a court order says otherwise. (A parent's
/// copy for a school is the parent's own access, not a provider's disclosure to a school under
/// 45 CFR 164.512(b)(1)(vi), which no path here makes.)
pub const PARENT_RECORDS: &str = "Minn. Stat. §518.17 subd. 3";
/// A protected (PD1-12 `Y`), opted-out or locked record is not shown to other organizations; the
/// patient's and parent's own access is unaffected.
pub const PROTECTED_RECORD: &str =
    "MIIC: a locked, opted-out or protected (PD1-12) record is not shown to other organizations";
/// A point the rules leave open: decided by a clinic setting.
pub const CLINIC_POLICY: &str = "clinic policy (AccessSettings; the rule is unverified)";
/// A guardian has only the powers the court's letters give.
pub const GUARDIAN_POWERS: &str = "Minn. Stat. §524.5-313(b)";
/// Foster care: the parents keep the right to consent to the child's medical care unless a court
/// order or the placement says otherwise.
pub const FOSTER_CARE: &str = "Minn. R. 9560.0552";
/// The personal representative of a deceased person's estate stands in the patient's place.
pub const ESTATE_REPRESENTATIVE: &str = "45 CFR 164.502(g)(4)";
/// A court order or subpoena: release without consent only as the law allows.
pub const COURT_ORDERED_RELEASE: &str = "Minn. Stat. §144.293 subd. 2";
/// A release without consent is documented in the patient's health record (current wording
/// unverified).
pub const RELEASE_DOCUMENTED: &str = "Minn. Stat. §144.293 subd. 9";
