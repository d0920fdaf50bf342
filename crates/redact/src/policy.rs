//! Who may see what: the table "What each recipient may see" of shared/domain.md as code.
//! Every kind of item the record model can hold has a row here; a kind without a decision
//! does not compile (the matches are exhaustive).

use serde::Serialize;

/// Who the copy is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Recipient {
    /// The patient, a parent or guardian of a minor, or another lawful representative.
    Patient,
    /// A school, child-care provider or college (Minn. Stat. §144.3351).
    School,
    /// A provider or health plan serving the patient (§144.3351).
    Provider,
    /// Dose counts: one named person's doses counted by vaccine group and year, with no personal
    /// details. Not de-identified (whoever holds it knows whose it is), so never called that.
    DoseCounts,
}

impl Recipient {
    pub const ALL: [Recipient; 4] = [Recipient::Patient, Recipient::School, Recipient::Provider, Recipient::DoseCounts];

    pub fn label(self) -> &'static str {
        match self {
            Recipient::Patient => "the patient or their representative",
            Recipient::School => "a school, child-care provider or college",
            Recipient::Provider => "a provider or health plan",
            Recipient::DoseCounts => "anyone who needs only the dose counts (no personal details)",
        }
    }

    pub fn parse(name: &str) -> Option<Recipient> {
        match name {
            "patient" => Some(Recipient::Patient),
            "school" => Some(Recipient::School),
            "provider" => Some(Recipient::Provider),
            "dose-counts" => Some(Recipient::DoseCounts),
            _ => None,
        }
    }

    /// An organization's copy: protected records may not go there, and it never carries
    /// what the MIIC data use agreement forbids.
    pub fn is_organization(self) -> bool {
        matches!(self, Recipient::School | Recipient::Provider)
    }
}

/// The optional items of a profile. Each is off where the rules allow it only on request or
/// only for a purpose, and can be turned on by staff; none can turn on what the rules forbid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Settings {
    /// The patient's address (§144.3351 allows it for organizations; off by default for schools).
    pub address: bool,
    /// Lot numbers and manufacturers (§144.3351).
    pub lot_and_manufacturer: bool,
    /// The registry's forecast of next doses due.
    pub forecast: bool,
    /// A parent's or guardian's name. Never a name the record holds as the mother's on an
    /// organization's copy (MIIC data use agreement).
    pub guardian_name: bool,
    /// Contraindications, reactions and evidence of immunity on a school's copy, to support a
    /// medical exemption.
    pub exemption_evidence: bool,
    /// Patient copy only, on request: mother's maiden name and the mother's name.
    pub mothers_names: bool,
    /// Patient copy only, on request: insurance and funding-program eligibility.
    pub insurance: bool,
    /// Patient copy only, on request: phone, e-mail, race, ethnicity, birthplace, notes and
    /// the names of staff who gave or recorded doses.
    pub personal_details: bool,
    /// A provider's copy beyond what §144.3351 lets organizations exchange, because the patient
    /// (or their representative) consented or carries it there themselves: dose details, where a
    /// dose was given, VIS, registry evaluations, death, evidence of immunity, special risk
    /// groups and the forecast.
    pub with_consent: bool,
}

impl Settings {
    /// Every optional item on: what the policy still withholds then, it withholds whatever is asked.
    pub fn everything() -> Settings {
        Settings {
            address: true,
            lot_and_manufacturer: true,
            forecast: true,
            guardian_name: true,
            exemption_evidence: true,
            mothers_names: true,
            insurance: true,
            personal_details: true,
            with_consent: true,
        }
    }

    /// The defaults for a recipient: the rules' "yes" on, "on request" and "off by default" off.
    pub fn default_for(recipient: Recipient) -> Settings {
        let none = Settings {
            address: false,
            lot_and_manufacturer: false,
            forecast: false,
            guardian_name: false,
            exemption_evidence: false,
            mothers_names: false,
            insurance: false,
            personal_details: false,
            with_consent: false,
        };
        match recipient {
            Recipient::Patient => {
                Settings { address: true, lot_and_manufacturer: true, forecast: true, guardian_name: true, ..none }
            }
            // The school-required groups' forecast comes with the school status; a whole forecast can
            // reveal a condition (a high-risk vaccine), so none by default and none on request.
            Recipient::School => none,
            Recipient::Provider => Settings { address: true, lot_and_manufacturer: true, forecast: true, ..none },
            Recipient::DoseCounts => none,
        }
    }
}

/// Every kind of item a record can hold, as far as redaction is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    PatientName,
    PatientAlias,
    BirthDate,
    Sex,
    Address,
    Phone,
    Email,
    Identifier,
    MothersMaidenName,
    Race,
    Ethnicity,
    BirthPlace,
    MultipleBirth,
    Death,
    MotherName,
    GuardianName,
    /// Someone the record lists who is neither parent nor guardian (an emergency contact, a relative).
    OtherContactName,
    RelatedPersonContact,
    RelatedPersonIdentifier,
    Insurance,
    FundingEligibility,
    FundingSource,
    Dose,
    /// A dose refused or not given: §144.3351 covers vaccines "received".
    DoseNotGiven,
    DoseDetail,
    SentVaccineName,
    LotNumber,
    Manufacturer,
    AdministeredAt,
    StaffName,
    RefusalReason,
    VisDocument,
    Evaluation,
    Forecast,
    /// A contraindication or an adverse reaction.
    ClinicalObservation,
    /// Evidence of immunity: a history of the disease or a serology result.
    ImmunityEvidence,
    /// A special risk group (VXC8): it can reveal a condition.
    RiskGroup,
    Note,
    DoseEnteredInError,
    /// The registry's own flags: publicity, protection indicator, registry status.
    RegistryFlag,
}

impl ItemKind {
    /// Every kind, for tests and for screens that list them.
    pub const ALL: [ItemKind; 40] = {
        use ItemKind::*;
        [
            PatientName,
            PatientAlias,
            BirthDate,
            Sex,
            Address,
            Phone,
            Email,
            Identifier,
            MothersMaidenName,
            Race,
            Ethnicity,
            BirthPlace,
            MultipleBirth,
            Death,
            MotherName,
            GuardianName,
            OtherContactName,
            RelatedPersonContact,
            RelatedPersonIdentifier,
            Insurance,
            FundingEligibility,
            FundingSource,
            Dose,
            DoseNotGiven,
            DoseDetail,
            SentVaccineName,
            LotNumber,
            Manufacturer,
            AdministeredAt,
            StaffName,
            RefusalReason,
            VisDocument,
            Evaluation,
            Forecast,
            ClinicalObservation,
            ImmunityEvidence,
            RiskGroup,
            Note,
            DoseEnteredInError,
            RegistryFlag,
        ]
    };

    pub fn label(self) -> &'static str {
        use ItemKind::*;
        match self {
            PatientName => "patient's name",
            PatientAlias => "patient's other name",
            BirthDate => "birth date",
            Sex => "sex",
            Address => "address",
            Phone => "phone number",
            Email => "e-mail address",
            Identifier => "identifier (SSN, MRN, Medicaid, registry ID…)",
            MothersMaidenName => "mother's maiden name",
            Race => "race",
            Ethnicity => "ethnicity",
            BirthPlace => "birthplace",
            MultipleBirth => "multiple birth",
            Death => "death",
            MotherName => "mother's name",
            GuardianName => "parent's or guardian's name",
            OtherContactName => "another contact's name",
            RelatedPersonContact => "a related person's address or phone",
            RelatedPersonIdentifier => "a related person's identifier",
            Insurance => "insurance or financial class",
            FundingEligibility => "funding-program eligibility (VFC)",
            FundingSource => "vaccine funding source",
            Dose => "dose",
            DoseNotGiven => "dose refused or not given",
            DoseDetail => "dose detail (amount, route, site, NDC, why a dose was partial)",
            SentVaccineName => "vaccine name as sent",
            LotNumber => "lot number",
            Manufacturer => "manufacturer",
            AdministeredAt => "where the dose was given",
            StaffName => "staff name",
            RefusalReason => "refusal reason",
            VisDocument => "vaccine information statement",
            Evaluation => "dose evaluation",
            Forecast => "forecast",
            ClinicalObservation => "contraindication or adverse reaction",
            ImmunityEvidence => "evidence of immunity (disease history, serology)",
            RiskGroup => "special risk group",
            Note => "note (free text)",
            DoseEnteredInError => "dose entered in error",
            RegistryFlag => "registry flag (publicity, protection, status)",
        }
    }
}

/// Why an item was withheld.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Insurance status, funding eligibility and the mother's names never go to another
    /// organization (MIIC data use agreement).
    MiicDataUseAgreement,
    /// Identifiers are never released, to anyone: removed whole, never masked.
    IdentifiersNeverReleased,
    /// Outside what §144.3351 lets organizations exchange without consent.
    OutsideSection144_3351,
    /// An optional item this profile leaves out unless staff turn it on.
    OffByDefault,
    /// Released to the patient only on request.
    OnRequestOnly,
    /// Dose counts carry no personal details.
    DoseCountsOnly,
    /// A forecast can reveal a condition (a high-risk vaccine): none on a school's copy.
    ForecastRevealsCondition,
    /// Not a dose (entered in error), so on no copy.
    NotADose,
    /// Staff chose to hide it.
    StaffChoice,
    /// A dose a minor may have consented to alone, held for a clinician: named in the staff's
    /// log only, never on a copy or in its counts.
    HeldForClinician,
    /// On a minor's own copy: a dose that is not care the minor consented to alone, so the
    /// parents' to release (Minn. Stat. §144.291 subd. 2). Named in the staff's log only.
    NotTheMinorsToRelease,
    /// The registry's own flags steer who may see the record; they are printed on no copy.
    RegistryUseOnly,
    /// An order for protection or Safe at Home applies: no address on any copy. The printed words
    /// do not say so (the paper may reach the person the order protects against).
    ProtectiveOrder,
}

impl Rule {
    /// The rule in words, with its basis.
    pub fn basis(self) -> &'static str {
        match self {
            Rule::MiicDataUseAgreement => {
                "MIIC data use agreement: no insurance status or mother's name on an organization's copy"
            }
            Rule::IdentifiersNeverReleased => "identifiers (SSN, MRN, Medicaid, registry IDs) are never printed",
            Rule::OutsideSection144_3351 => {
                "Minn. Stat. §144.3351 covers only name, address, birth date, sex, guardian, doses received, lot, manufacturer, \
                 contraindications and adverse reactions; more needs the patient's consent"
            }
            Rule::OffByDefault => "optional for this recipient and not chosen",
            Rule::OnRequestOnly => "on the patient's copy only when asked for",
            Rule::DoseCountsOnly => "dose counts carry no personal details",
            Rule::ForecastRevealsCondition => "a forecast can reveal a health condition, so a school's copy has none",
            Rule::NotADose => "entered in error: not a dose",
            Rule::StaffChoice => "hidden by staff",
            Rule::HeldForClinician => {
                "held for a clinician: care a minor may have consented to alone (Minn. Stat. §144.3441, §144.291 subd. 2)"
            }
            Rule::NotTheMinorsToRelease => {
                "on a minor's own copy: not care the minor consented to alone, so for a parent or guardian to release \
                 (Minn. Stat. §144.291 subd. 2)"
            }
            Rule::RegistryUseOnly => "registry flags decide who may see the record and are printed on no copy",
            Rule::ProtectiveOrder => "addresses are left off this copy",
        }
    }
}

impl Rule {
    /// Held back from the copy and every count on it (the staff's log alone names these).
    pub fn is_held_back(self) -> bool {
        matches!(self, Rule::HeldForClinician | Rule::NotTheMinorsToRelease)
    }
}

/// What a copy may carry of the answers the desk computes from the copy itself: CDC's CDSi dose
/// evaluation, its forecast, and Minnesota school status (the copy's own doses, after held and
/// hidden doses, so they reveal nothing it withholds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ComputedAnswers {
    /// Each dose's number in its series, or why it does not count.
    pub dose_validity: bool,
    pub forecast: ForecastScope,
    /// The school status, for the grade staff chose.
    pub school_status: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ForecastScope {
    None,
    /// Only the vaccine groups the school requires at the chosen level: a forecast of a high-risk
    /// vaccine can reveal a condition.
    SchoolRequired,
    All,
}

/// Which computed answers go on `recipient`'s copy: all on the patient's; validity, school status
/// and the next dose of each required vaccine on a school's; on a provider's, evaluation and
/// forecast only with the patient's consent (beyond §144.3351 otherwise); none on dose counts.
pub fn computed_answers(recipient: Recipient, settings: &Settings) -> ComputedAnswers {
    let none = ComputedAnswers { dose_validity: false, forecast: ForecastScope::None, school_status: false };
    match recipient {
        Recipient::Patient => {
            ComputedAnswers { dose_validity: true, forecast: ForecastScope::All, school_status: true }
        }
        Recipient::School => {
            ComputedAnswers { dose_validity: true, forecast: ForecastScope::SchoolRequired, school_status: true }
        }
        Recipient::Provider if settings.with_consent => {
            ComputedAnswers { dose_validity: true, forecast: ForecastScope::All, school_status: false }
        }
        Recipient::Provider | Recipient::DoseCounts => none,
    }
}

/// Whether an item of this kind goes on this recipient's copy, and if not, why.
pub fn decide(kind: ItemKind, recipient: Recipient, settings: &Settings) -> Result<(), Rule> {
    use ItemKind::*;
    use Recipient::*;
    let optional = |on: bool, rule: Rule| if on { Ok(()) } else { Err(rule) };
    if kind == DoseEnteredInError {
        return Err(Rule::NotADose);
    }
    if kind == RegistryFlag {
        return Err(Rule::RegistryUseOnly);
    }
    if kind == Identifier || kind == RelatedPersonIdentifier {
        return Err(Rule::IdentifiersNeverReleased);
    }
    if recipient == DoseCounts {
        return Err(Rule::DoseCountsOnly);
    }
    match (kind, recipient) {
        (PatientName | BirthDate | Sex | Dose, _) => Ok(()),
        (DoseNotGiven, Patient) => Ok(()),
        (DoseNotGiven, _) => Err(Rule::OutsideSection144_3351),
        (PatientAlias, Patient) => Ok(()),
        (PatientAlias, _) => Err(Rule::OutsideSection144_3351),
        (Address, _) => optional(settings.address, Rule::OffByDefault),
        (MothersMaidenName | MotherName, Patient) => optional(settings.mothers_names, Rule::OnRequestOnly),
        (Insurance | FundingEligibility | FundingSource, Patient) => optional(settings.insurance, Rule::OnRequestOnly),
        (MothersMaidenName | MotherName | Insurance | FundingEligibility | FundingSource, _) => {
            Err(Rule::MiicDataUseAgreement)
        }
        (RefusalReason, Patient) => Ok(()),
        (
            Phone | Email | Race | Ethnicity | BirthPlace | MultipleBirth | Note | StaffName | RelatedPersonContact
            | OtherContactName,
            Patient,
        ) => optional(settings.personal_details, Rule::OnRequestOnly),
        (
            Phone | Email | Race | Ethnicity | BirthPlace | MultipleBirth | Note | StaffName | RelatedPersonContact
            | OtherContactName | RefusalReason,
            _,
        ) => Err(Rule::OutsideSection144_3351),
        (GuardianName, _) => optional(settings.guardian_name, Rule::OffByDefault),
        (LotNumber | Manufacturer, _) => optional(settings.lot_and_manufacturer, Rule::OffByDefault),
        (Forecast, School) => Err(Rule::ForecastRevealsCondition),
        (Forecast, Provider) if !settings.with_consent => Err(Rule::OutsideSection144_3351),
        (Forecast, _) => optional(settings.forecast, Rule::OffByDefault),
        (ClinicalObservation | ImmunityEvidence, School) => optional(settings.exemption_evidence, Rule::OffByDefault),
        (RiskGroup, School) => Err(Rule::OutsideSection144_3351),
        (ClinicalObservation, _) => Ok(()),
        (ImmunityEvidence | RiskGroup, Patient) => Ok(()),
        (ImmunityEvidence | RiskGroup, _) => optional(settings.with_consent, Rule::OutsideSection144_3351),
        // The vaccine's name as the sender wrote it names the vaccine received (§144.3351).
        (SentVaccineName, Patient | Provider) => Ok(()),
        (Death | DoseDetail | AdministeredAt | VisDocument | Evaluation, Patient) => Ok(()),
        (Death | DoseDetail | AdministeredAt | VisDocument | Evaluation, Provider) => {
            optional(settings.with_consent, Rule::OutsideSection144_3351)
        }
        (Death | DoseDetail | SentVaccineName | AdministeredAt | VisDocument | Evaluation, _) => {
            Err(Rule::OutsideSection144_3351)
        }
        // Decided before the match; repeated so the match is complete without a panic.
        (Identifier | RelatedPersonIdentifier, _) => Err(Rule::IdentifiersNeverReleased),
        (DoseEnteredInError, _) => Err(Rule::NotADose),
        (RegistryFlag, _) => Err(Rule::RegistryUseOnly),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_listed_once_and_has_a_label() {
        let mut kinds = ItemKind::ALL.to_vec();
        kinds.sort();
        kinds.dedup();
        assert_eq!(kinds.len(), ItemKind::ALL.len());
        assert!(ItemKind::ALL.iter().all(|k| !k.label().is_empty()));
    }

    #[test]
    fn no_setting_lets_an_organization_see_what_the_agreement_forbids() {
        use ItemKind::*;
        for recipient in [Recipient::School, Recipient::Provider] {
            for kind in [
                MothersMaidenName,
                MotherName,
                Insurance,
                FundingEligibility,
                FundingSource,
                Identifier,
                Phone,
                Email,
                Note,
                StaffName,
                Race,
                Ethnicity,
                BirthPlace,
            ] {
                assert!(decide(kind, recipient, &Settings::everything()).is_err(), "{kind:?} for {recipient:?}");
            }
        }
    }

    #[test]
    fn identifiers_and_errors_never_go_anywhere_and_a_summary_holds_nothing_personal() {
        for recipient in Recipient::ALL {
            assert_eq!(
                decide(ItemKind::Identifier, recipient, &Settings::everything()),
                Err(Rule::IdentifiersNeverReleased)
            );
            assert_eq!(decide(ItemKind::DoseEnteredInError, recipient, &Settings::everything()), Err(Rule::NotADose));
        }
        for kind in ItemKind::ALL {
            assert!(decide(kind, Recipient::DoseCounts, &Settings::everything()).is_err(), "{kind:?}");
        }
    }

    #[test]
    fn every_copy_but_the_summary_carries_the_person_and_the_doses() {
        for recipient in [Recipient::Patient, Recipient::School, Recipient::Provider] {
            for kind in [ItemKind::PatientName, ItemKind::BirthDate, ItemKind::Sex, ItemKind::Dose] {
                let settings = Settings::default_for(recipient);
                assert_eq!(decide(kind, recipient, &settings), Ok(()), "{kind:?} for {recipient:?}");
            }
        }
    }

    #[test]
    fn on_request_items_are_off_on_a_default_patient_copy() {
        let defaults = Settings::default_for(Recipient::Patient);
        for kind in [ItemKind::MothersMaidenName, ItemKind::Insurance, ItemKind::Phone, ItemKind::Note] {
            assert_eq!(decide(kind, Recipient::Patient, &defaults), Err(Rule::OnRequestOnly), "{kind:?}");
            assert_eq!(decide(kind, Recipient::Patient, &Settings::everything()), Ok(()), "{kind:?}");
        }
    }

    #[test]
    fn a_patient_may_ask_for_their_insurance_and_an_organization_never_gets_it() {
        for kind in [ItemKind::Insurance, ItemKind::FundingEligibility, ItemKind::FundingSource] {
            assert_eq!(
                decide(kind, Recipient::Patient, &Settings::default_for(Recipient::Patient)),
                Err(Rule::OnRequestOnly)
            );
            assert_eq!(decide(kind, Recipient::Patient, &Settings::everything()), Ok(()));
            assert_eq!(decide(kind, Recipient::Provider, &Settings::everything()), Err(Rule::MiicDataUseAgreement));
        }
    }

    #[test]
    fn a_refusal_reason_is_the_patients_own_and_no_organizations() {
        let defaults = |r| Settings::default_for(r);
        assert_eq!(decide(ItemKind::RefusalReason, Recipient::Patient, &defaults(Recipient::Patient)), Ok(()));
        for recipient in [Recipient::School, Recipient::Provider] {
            assert!(decide(ItemKind::RefusalReason, recipient, &Settings::everything()).is_err(), "{recipient:?}");
        }
    }

    #[test]
    fn a_school_sees_exemption_evidence_only_when_chosen() {
        let mut settings = Settings::default_for(Recipient::School);
        assert_eq!(decide(ItemKind::ClinicalObservation, Recipient::School, &settings), Err(Rule::OffByDefault));
        settings.exemption_evidence = true;
        assert_eq!(decide(ItemKind::ClinicalObservation, Recipient::School, &settings), Ok(()));
    }
}
