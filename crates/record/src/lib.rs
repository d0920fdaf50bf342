//! The record model: the seam between the readers (HL7 v2, FHIR, SMART Health Cards) and
//! everything after them (verification, redaction, the report).
//!
//! Architecture invariant: every value a reader takes from the input is a [`Located`] value
//! that remembers where it came from, so redaction can say what it removed and error
//! messages can point at the input. Derived values (a vaccine's display name from the CVX
//! table) are plain. The model holds no raw segments or unknown fields: what a reader does
//! not understand becomes a [`Diagnostic`], never data that could pass through redaction.

mod date;
mod location;
pub mod transfer;

use serde::{Deserialize, Serialize};

pub use recdesk_codes::VaccineGroup;

pub use date::PartialDate;
pub use location::{Hl7Location, Located, Location, Span};

/// Everything read from one input: the records (one per patient), what each message said
/// about itself, and the diagnostics.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct ReadOutcome {
    pub format: Format,
    pub records: Vec<Record>,
    pub messages: Vec<MessageSummary>,
    /// For signed inputs (SMART Health Cards): whether each is authentic. Empty for HL7 and
    /// plain FHIR, which carry no signature.
    pub verifications: Vec<SourceVerification>,
    pub diagnostics: Vec<Diagnostic>,
}

impl ReadOutcome {
    /// True when the input yielded nothing usable: no record and no message.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty() && self.messages.is_empty()
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    #[default]
    Unknown,
    Hl7v2,
    FhirJson,
    SmartHealthCard,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Format::Unknown => "unrecognised",
            Format::Hl7v2 => "HL7 v2",
            Format::FhirJson => "FHIR R4 JSON",
            Format::SmartHealthCard => "SMART Health Card",
        }
    }
}

/// Whether a signed source is authentic, and who vouches for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceVerification {
    /// The document (card) this is about: matches `Record::message` of its records.
    pub document: u32,
    pub status: VerificationStatus,
    /// The issuer the card names (`iss`), empty when it could not be read.
    pub issuer: String,
    /// The issuer's name from the trust directory, when it is listed there.
    pub issuer_name: Option<String>,
    /// Why, in words for the person at the desk.
    pub reason: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerificationStatus {
    /// The signature checks out with a key of an issuer in the trust directory.
    Verified,
    /// The signature checks out, but with a key the user loaded, from an issuer not in the directory.
    ValidSignatureUnknownIssuer,
    /// No key for this issuer is known, so the signature could not be checked.
    IssuerNotFound,
    InvalidSignature,
    Revoked,
    /// The card's validity period (`exp`) has passed, or it is not valid yet (`nbf`).
    Expired,
    Malformed,
}

impl VerificationStatus {
    pub fn label(self) -> &'static str {
        match self {
            VerificationStatus::Verified => "verified",
            VerificationStatus::ValidSignatureUnknownIssuer => "valid signature, issuer not in the directory",
            VerificationStatus::IssuerNotFound => "issuer not known: signature not checked",
            VerificationStatus::InvalidSignature => "invalid signature",
            VerificationStatus::Revoked => "revoked",
            VerificationStatus::Expired => "expired or not yet valid",
            VerificationStatus::Malformed => "malformed",
        }
    }
}

/// One patient's immunization record, as one input described it.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Record {
    /// 1-based number of the message (HL7) or document (FHIR, SMART Health Card) this
    /// record came from.
    pub message: u32,
    /// When the sender produced the data (MSH-7): the report's "data as of".
    pub data_as_of: Option<Located<PartialDate>>,
    pub patient: Patient,
    pub protection: Protection,
    pub related_persons: Vec<RelatedPerson>,
    pub insurance: Vec<InsuranceEntry>,
    pub immunizations: Vec<Immunization>,
    pub forecast: Vec<ForecastRow>,
    /// Evidence of immunity, contraindications, reactions, special risk and serology that
    /// are not tied to a dose (HL7: OBX under an RXA with CVX 998).
    pub observations: Vec<ClinicalObservation>,
    /// Free text (HL7 NTE) not tied to a dose.
    pub notes: Vec<Located<String>>,
}

impl Record {
    /// Every value read from the input, labelled with what it is, with where it was read: for
    /// checks that provenance points into the input, and for anything that must account for
    /// every item of a record.
    pub fn locations<'r>(&'r self) -> Vec<(&'static str, &'r Location)> {
        let mut all = Vec::new();
        let mut one = |what: &'static str, at: Option<&'r Location>| all.extend(at.map(|at| (what, at)));
        fn at<T>(value: &Option<Located<T>>) -> Option<&Location> {
            value.as_ref().map(|v| &v.at)
        }
        one("data as of", at(&self.data_as_of));
        let p = &self.patient;
        p.names.iter().for_each(|v| one("patient name", Some(&v.at)));
        one("birth date", at(&p.birth_date));
        one("sex", at(&p.sex));
        p.addresses.iter().for_each(|v| one("address", Some(&v.at)));
        p.telecoms.iter().for_each(|v| one("telecom", Some(&v.at)));
        p.identifiers.iter().for_each(|v| one("identifier", Some(&v.at)));
        one("mother's maiden name", at(&p.mothers_maiden_name));
        p.races.iter().for_each(|v| one("race", Some(&v.at)));
        p.ethnicities.iter().for_each(|v| one("ethnicity", Some(&v.at)));
        one("birth place", at(&p.birth_place));
        one("multiple birth", at(&p.multiple_birth));
        one("birth order", at(&p.birth_order));
        one("deceased", at(&p.deceased));
        one("death date", at(&p.death_date));
        one("protection indicator", at(&self.protection.protection_indicator));
        one("publicity", at(&self.protection.publicity));
        one("registry status", at(&self.protection.registry_status));
        for person in &self.related_persons {
            one("related person name", at(&person.name));
            one("relationship", at(&person.relationship));
            person.addresses.iter().for_each(|v| one("related person address", Some(&v.at)));
            person.telecoms.iter().for_each(|v| one("related person telecom", Some(&v.at)));
            person.identifiers.iter().for_each(|v| one("related person identifier", Some(&v.at)));
        }
        for entry in &self.insurance {
            one("insurance description", at(&entry.description));
            entry.identifiers.iter().for_each(|v| one("insurance identifier", Some(&v.at)));
            one("insurance origin", Some(&entry.origin));
        }
        for dose in &self.immunizations {
            one("dose date", at(&dose.date));
            one("cvx", at(&dose.cvx));
            one("ndc", at(&dose.ndc));
            one("sent name", at(&dose.sent_name));
            one("information source", at(&dose.source));
            one("amount", at(&dose.amount));
            one("manufacturer", at(&dose.manufacturer));
            dose.lot_numbers.iter().for_each(|v| one("lot number", Some(&v.at)));
            one("expiration date", at(&dose.expiration_date));
            one("route", at(&dose.route));
            one("site", at(&dose.site));
            one("dose number", at(&dose.dose_number));
            one("administered at", at(&dose.administered_at));
            one("administered by", at(&dose.administered_by));
            one("ordered by", at(&dose.ordered_by));
            one("entered by", at(&dose.entered_by));
            one("refusal reason", at(&dose.refusal_reason));
            one("why the dose was partial", at(&dose.subpotent_reason));
            for vis in &dose.vis {
                one("vis document", at(&vis.document));
                one("vis vaccine type", at(&vis.vaccine_type));
                one("vis published", at(&vis.published));
                one("vis presented", at(&vis.presented));
            }
            one("funding eligibility", at(&dose.funding_eligibility));
            one("funding source", at(&dose.funding_source));
            for evaluation in &dose.evaluations {
                one("evaluation group", at(&evaluation.vaccine_group));
                one("evaluation schedule", at(&evaluation.schedule));
                one("evaluation dose number", at(&evaluation.dose_number));
                one("evaluation doses in series", at(&evaluation.doses_in_series));
                one("evaluation valid", at(&evaluation.valid));
                one("evaluation reason", at(&evaluation.reason));
            }
            for observation in &dose.observations {
                one("dose observation", Some(&observation.value.at));
                one("dose observation date", at(&observation.date));
            }
            dose.notes.iter().for_each(|v| one("dose note", Some(&v.at)));
            one("dose origin", dose.origin.as_ref());
        }
        for row in &self.forecast {
            one("forecast group", at(&row.vaccine_group));
            one("forecast schedule", at(&row.schedule));
            one("forecast dose number", at(&row.dose_number));
            one("forecast earliest", at(&row.earliest));
            one("forecast due", at(&row.due));
            one("forecast latest", at(&row.latest));
            one("forecast overdue", at(&row.overdue));
            one("forecast series status", at(&row.series_status));
        }
        for observation in &self.observations {
            one("record observation", Some(&observation.value.at));
            one("record observation date", at(&observation.date));
        }
        self.notes.iter().for_each(|v| one("record note", Some(&v.at)));
        all
    }
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Patient {
    /// The first name is the legal one when the sender marked one; the rest are aliases.
    pub names: Vec<Located<PersonName>>,
    pub birth_date: Option<Located<PartialDate>>,
    pub sex: Option<Located<Code>>,
    pub addresses: Vec<Located<Address>>,
    pub telecoms: Vec<Located<Telecom>>,
    pub identifiers: Vec<Located<Identifier>>,
    pub mothers_maiden_name: Option<Located<PersonName>>,
    pub races: Vec<Located<Code>>,
    pub ethnicities: Vec<Located<Code>>,
    pub birth_place: Option<Located<String>>,
    pub multiple_birth: Option<Located<String>>,
    pub birth_order: Option<Located<String>>,
    pub deceased: Option<Located<bool>>,
    pub death_date: Option<Located<PartialDate>>,
}

/// Registry-level flags that change who may see the record (HL7 PD1).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Protection {
    /// PD1-12 `Y`: the record must not be shown to other organizations.
    pub protection_indicator: Option<Located<bool>>,
    pub publicity: Option<Located<Code>>,
    /// PD1-16: active, inactive, opted out (`PAS`?), moved or gone elsewhere, deceased...
    pub registry_status: Option<Located<Code>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonName {
    pub family: String,
    pub given: Vec<String>,
    pub suffix: String,
    pub prefix: String,
    /// HL7 table 0200: `L` legal, `A` alias, `M` maiden, `D` display...; empty when not sent.
    pub kind: String,
}

impl PersonName {
    /// "Given Middle Family Suffix", skipping empty parts.
    pub fn display(&self) -> String {
        let mut parts: Vec<&str> = Vec::new();
        parts.extend(self.given.iter().map(String::as_str));
        parts.push(&self.family);
        parts.push(&self.suffix);
        parts.retain(|p| !p.is_empty());
        parts.join(" ")
    }

    pub fn is_empty(&self) -> bool {
        self.family.is_empty() && self.given.iter().all(String::is_empty)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub lines: Vec<String>,
    pub city: String,
    pub state: String,
    pub postal_code: String,
    pub country: String,
    /// HL7 table 0190: `H` home, `M` mailing, `BR` birth, `L` legal...
    pub kind: String,
}

impl Address {
    /// Whether mail can be sent to it: a street or ZIP, and not marked as a bad address, a
    /// birth place or a residence at birth (HL7 table 0190 `BA`, `BDL`, `BR`).
    pub fn is_mailable(&self) -> bool {
        let usable = self.lines.iter().any(|line| !line.trim().is_empty()) || !self.postal_code.trim().is_empty();
        usable && !["BA", "BDL", "BR"].iter().any(|kind| self.kind.eq_ignore_ascii_case(kind))
    }

    /// Where to mail the patient: the address marked for mail (`M`), else home (`H`), else the
    /// first that mail can reach.
    pub fn for_mail<'a>(addresses: impl IntoIterator<Item = &'a Address>) -> Option<&'a Address> {
        let mailable: Vec<&Address> = addresses.into_iter().filter(|a| a.is_mailable()).collect();
        let marked = |kind: &str| mailable.iter().copied().find(|a| a.kind.eq_ignore_ascii_case(kind));
        marked("M").or_else(|| marked("H")).or_else(|| mailable.first().copied())
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Telecom {
    /// `phone`, `email` or `other`.
    pub system: String,
    pub value: String,
    /// HL7 table 0201: `PRN` primary residence, `ORN`, `WPN`, `NET`...
    pub usage: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identifier {
    pub value: String,
    /// HL7 table 0203: `MR` medical record, `SS` social security, `MA` Medicaid, `SR` state
    /// registry, `PI`, `DL` driver's licence...
    pub kind: String,
    pub authority: String,
}

/// A coded value: the first triplet of an HL7 CE/CWE, or a FHIR coding.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Code {
    pub code: String,
    pub text: String,
    pub system: String,
    /// The code is not in the table its field takes (HL7 table 0001 for sex, CDCREC for race,
    /// ...): `text` then says "unknown (sent: …)" for staff, and paper prints only "unknown".
    /// (Always written: the browser's hand-over format, postcard, cannot skip fields.)
    #[serde(default)]
    pub not_in_table: bool,
}

impl Code {
    pub fn is_empty(&self) -> bool {
        self.code.is_empty() && self.text.is_empty()
    }

    /// Marks a code its table does not know: what was sent stays visible to staff.
    pub fn mark_not_in_table(&mut self) {
        let sent = if self.text.is_empty() || self.text == self.code {
            self.code.clone()
        } else {
            format!("{} ({})", self.code, self.text)
        };
        self.text = format!("unknown (sent: {sent})");
        self.not_in_table = true;
    }

    /// What paper prints: never a code no table knows, as if it were a value.
    pub fn printed(&self) -> &str {
        if self.not_in_table { "unknown" } else { self.display() }
    }

    /// The text when there is one, else the code.
    pub fn display(&self) -> &str {
        if self.text.is_empty() { &self.code } else { &self.text }
    }
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct RelatedPerson {
    pub name: Option<Located<PersonName>>,
    /// HL7 table 0063: `MTH` mother, `FTH` father, `GRD` guardian...
    pub relationship: Option<Located<Code>>,
    pub addresses: Vec<Located<Address>>,
    pub telecoms: Vec<Located<Telecom>>,
    pub identifiers: Vec<Located<Identifier>>,
}

impl RelatedPerson {
    /// Whether the record holds this person as the patient's mother: by code (HL7 0063 `MTH`,
    /// FHIR v3 mother codes) or by words alone ("Mother", "birth mother"). Erring towards yes is
    /// safe: a mother's name is what organizations must never receive.
    pub fn is_mother(&self) -> bool {
        const MOTHER_CODES: [&str; 7] = ["MTH", "NMTH", "GESTM", "ADOPTM", "STPMTH", "FMTH", "BMTH"];
        self.relationship.as_ref().is_some_and(|r| {
            MOTHER_CODES.iter().any(|c| r.value.code.eq_ignore_ascii_case(c))
                || ["mother", "mom", "mum"].iter().any(|w| words(&r.value.text).iter().any(|t| t.contains(w)))
        })
    }

    /// Whether the record holds this person as a parent or guardian (someone §144.3351 lets a
    /// school or provider know), as opposed to an emergency contact, a relative or a friend.
    pub fn is_parent_or_guardian(&self) -> bool {
        const PARENT_CODES: [&str; 10] =
            ["FTH", "PAR", "GRD", "GUARD", "NFTH", "STPFTH", "ADOPTF", "FTHFOST", "PRN", "PRNFOST"];
        self.is_mother()
            || self.relationship.as_ref().is_some_and(|r| {
                PARENT_CODES.iter().any(|c| r.value.code.eq_ignore_ascii_case(c))
                    // Whole words: this decides what may be shown, so "grandfather" must not pass.
                    || ["father", "dad", "parent", "guardian", "stepfather", "stepparent"]
                        .iter()
                        .any(|w| words(&r.value.text).iter().any(|t| t == w))
            })
    }
}

/// Lower-case words of a text, for matching relationship words.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// Insurance, guarantor and financial-class data. Kept only so it can be shown on a patient's
/// own copy on request and counted when withheld; it never reaches an organization.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InsuranceEntry {
    pub kind: InsuranceKind,
    pub description: Option<Located<String>>,
    pub identifiers: Vec<Located<Identifier>>,
    /// Where the whole entry came from (the segment or field).
    pub origin: Location,
}

#[cfg(test)]
mod relationship_tests {
    use super::*;

    fn person(code: &str, text: &str) -> RelatedPerson {
        let at = Location::Json { document: 1, pointer: String::new() };
        RelatedPerson {
            relationship: Some(Located::new(Code { code: code.into(), text: text.into(), ..Code::default() }, at)),
            ..RelatedPerson::default()
        }
    }

    #[test]
    fn a_mother_is_known_by_code_or_by_words() {
        assert!(person("MTH", "").is_mother());
        assert!(person("", "Mother").is_mother());
        assert!(person("", "birth mother").is_mother());
        assert!(person("NMTH", "").is_mother());
        assert!(!person("FTH", "Father").is_mother());
    }

    #[test]
    fn only_parents_and_guardians_are_guardians() {
        assert!(person("GRD", "").is_parent_or_guardian());
        assert!(person("", "Legal guardian").is_parent_or_guardian());
        assert!(person("", "Mother").is_parent_or_guardian());
        for (code, text) in [("C", "Emergency contact"), ("", "aunt"), ("", "Grandfather"), ("FND", ""), ("", "")] {
            assert!(!person(code, text).is_parent_or_guardian(), "{code} {text}");
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InsuranceKind {
    /// HL7 IN1 / FHIR Coverage.
    Insurance,
    /// HL7 IN2.
    InsuranceAdditional,
    /// HL7 IN3.
    Certification,
    /// HL7 GT1.
    Guarantor,
    /// HL7 PV1-20 (VFC eligibility in older messages).
    FinancialClass,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DoseStatus {
    #[default]
    Completed,
    Refused,
    NotAdministered,
    Partial,
    /// Sent and then withdrawn (HL7 RXA-21 `D`): never counts as a dose.
    EnteredInError,
}

impl DoseStatus {
    pub fn label(self) -> &'static str {
        match self {
            DoseStatus::Completed => "completed",
            DoseStatus::Refused => "refused",
            DoseStatus::NotAdministered => "not administered",
            DoseStatus::Partial => "partial dose",
            DoseStatus::EnteredInError => "entered in error",
        }
    }

    /// Whether the dose counts toward a series: given in full or in part.
    pub fn counts_as_dose(self) -> bool {
        matches!(self, DoseStatus::Completed | DoseStatus::Partial)
    }
}

/// Who recorded the dose: the provider who gave it, or a historical record from elsewhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InformationSource {
    Administered,
    Historical,
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Immunization {
    pub date: Option<Located<PartialDate>>,
    pub cvx: Option<Located<String>>,
    /// Display name: the CVX table's short name, the sender's text, or "Unknown vaccine (CVX n)".
    pub vaccine: String,
    /// Every group the vaccine counts toward: a combination vaccine (DTaP-HepB-IPV) has several.
    pub vaccine_groups: Vec<VaccineGroup>,
    pub ndc: Option<Located<String>>,
    /// The sender's own text for the vaccine (often a trade name).
    pub sent_name: Option<Located<String>>,
    pub status: DoseStatus,
    pub source: Option<Located<InformationSource>>,
    pub amount: Option<Located<String>>,
    pub manufacturer: Option<Located<Code>>,
    pub lot_numbers: Vec<Located<String>>,
    pub expiration_date: Option<Located<PartialDate>>,
    pub route: Option<Located<Code>>,
    pub site: Option<Located<Code>>,
    pub dose_number: Option<Located<String>>,
    pub administered_at: Option<Located<String>>,
    pub administered_by: Option<Located<PersonName>>,
    pub ordered_by: Option<Located<PersonName>>,
    pub entered_by: Option<Located<PersonName>>,
    pub refusal_reason: Option<Located<Code>>,
    /// Why a dose was partial (FHIR `subpotentReason`), when the sender says.
    pub subpotent_reason: Option<Located<Code>>,
    pub vis: Vec<VisDocument>,
    pub funding_eligibility: Option<Located<Code>>,
    pub funding_source: Option<Located<Code>>,
    pub evaluations: Vec<Evaluation>,
    pub observations: Vec<ClinicalObservation>,
    pub notes: Vec<Located<String>>,
    /// Where the dose itself was recorded (the RXA segment, the Immunization resource).
    pub origin: Option<Location>,
}

/// A Vaccine Information Statement given with the dose.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct VisDocument {
    pub document: Option<Located<Code>>,
    pub vaccine_type: Option<Located<Code>>,
    pub published: Option<Located<PartialDate>>,
    pub presented: Option<Located<PartialDate>>,
}

/// A registry's evaluation of one dose against a series (HL7 Z42).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Evaluation {
    pub vaccine_group: Option<Located<Code>>,
    pub schedule: Option<Located<Code>>,
    pub dose_number: Option<Located<String>>,
    pub doses_in_series: Option<Located<String>>,
    pub valid: Option<Located<bool>>,
    pub reason: Option<Located<Code>>,
}

/// A registry's recommendation for the next dose in a series (HL7 Z42).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct ForecastRow {
    pub vaccine_group: Option<Located<Code>>,
    pub schedule: Option<Located<Code>>,
    pub dose_number: Option<Located<String>>,
    pub earliest: Option<Located<PartialDate>>,
    pub due: Option<Located<PartialDate>>,
    pub latest: Option<Located<PartialDate>>,
    pub overdue: Option<Located<PartialDate>>,
    pub series_status: Option<Located<Code>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObservationKind {
    EvidenceOfImmunity,
    Contraindication,
    Reaction,
    SpecialRisk,
    Serology,
}

impl ObservationKind {
    pub fn label(self) -> &'static str {
        match self {
            ObservationKind::EvidenceOfImmunity => "evidence of immunity",
            ObservationKind::Contraindication => "contraindication",
            ObservationKind::Reaction => "adverse reaction",
            ObservationKind::SpecialRisk => "special risk group",
            ObservationKind::Serology => "serology result",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClinicalObservation {
    pub kind: ObservationKind,
    pub value: Located<Code>,
    pub date: Option<Located<PartialDate>>,
}

/// What a message said about itself: its type and, for responses, the answer.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct MessageSummary {
    /// 1-based position in the input.
    pub number: u32,
    /// MSH-9, e.g. `RSP^K11^RSP_K11`.
    pub message_type: String,
    /// MSH-21, e.g. `Z32^CDCPHINVS`.
    pub profile: String,
    pub control_id: String,
    pub sent_at: Option<PartialDate>,
    pub sending_facility: String,
    /// MSH-18, e.g. `8859/1` or `UNICODE UTF-8`; empty when not declared (ASCII by default).
    pub character_set: String,
    /// MSA-1: `AA` accepted, `AE` error, `AR` rejected.
    pub acknowledgment: String,
    /// QAK-2: `OK`, `NF` no match, `TM` too many, `PD`, `AE`, `AR`.
    pub query_status: String,
    /// The number of patient records the message carried.
    pub records: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Warning,
    Error,
}

/// Something a reader noticed. Messages are written for the person at the desk and never
/// quote the input's values (they may be shown where the record itself may not).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub location: Option<Location>,
    pub message: String,
}

impl Diagnostic {
    pub fn warning(location: Option<Location>, message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, location, message: message.into() }
    }

    pub fn error(location: Option<Location>, message: impl Into<String>) -> Self {
        Self { severity: Severity::Error, location, message: message.into() }
    }
}

#[cfg(test)]
mod address_tests {
    use super::Address;

    fn address(line: &str, kind: &str) -> Address {
        Address { lines: vec![line.into()], postal_code: "55401".into(), kind: kind.into(), ..Address::default() }
    }

    #[test]
    fn mail_goes_to_the_mailing_address_then_home_and_never_to_a_bad_one() {
        let (home, mailing, bad) = (address("12 Lake St", "H"), address("PO Box 9", "M"), address("1 Old Rd", "BA"));
        assert_eq!(Address::for_mail([&home, &mailing]), Some(&mailing));
        assert_eq!(Address::for_mail([&bad, &home]), Some(&home));
        assert_eq!(Address::for_mail([&bad]), None);
        let unmarked = address("5 Elm St", "");
        assert_eq!(Address::for_mail([&bad, &unmarked]), Some(&unmarked));
        assert_eq!(Address::for_mail([&Address { kind: "H".into(), ..Address::default() }]), None, "no street or ZIP");
    }
}
