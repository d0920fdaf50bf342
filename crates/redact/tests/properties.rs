//! Property tests for redaction on records built directly (no reader in between): every field of
//! the model carries a marker token of its kind, wrapped in random text, and for a school, a
//! provider and the de-identified summary with random settings (and random items hidden by
//! staff) no marker of a kind the recipient may not see reaches the copy. Redaction never
//! panics, and redacting a copy again changes nothing.
//!
//! What each recipient may see is written out here from shared/domain.md, independently of
//! `recdesk_redact::policy`. Two points where the crate and a strict reading of domain.md part
//! (refusal reasons for providers, names of people who are neither parent nor guardian) are
//! left out here and tested in `tests/leaks.rs`.
//!
//! The runs are seeded (fixed seed) and write nothing to disk (`failure_persistence: None`); set
//! `PROPTEST_RNG_SEED=<n>` (and `PROPTEST_CASES=<n>`) to explore other cases.

#[path = "../../../tests/support/proptest_config.rs"]
mod proptest_config;

use proptest::prelude::*;
use recdesk_record::{
    Address, ClinicalObservation, Code, DoseStatus, Evaluation, ForecastRow, Identifier, Immunization,
    InformationSource, InsuranceEntry, InsuranceKind, Located, Location, ObservationKind, PartialDate, Patient,
    PersonName, Protection, ReadOutcome, Record, RelatedPerson, Telecom, VaccineGroup, VisDocument,
};
use recdesk_redact::{Profile, Recipient, Settings, StaffRedactions, redact};
use serde_json::Value;

const CASES: u32 = 128;
const SEED: u64 = 0x5EED_2024_0505_0001;

fn config() -> ProptestConfig {
    proptest_config::deterministic(CASES, SEED)
}

// ── Kinds, and who may see them ──────────────────────────────────────────────────────────────

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// The patient's (legal, first) name.
    Name,
    Alias,
    Address,
    Telecom,
    Identifier,
    MothersMaidenName,
    Race,
    Ethnicity,
    BirthPlace,
    MultipleBirth,
    /// PD1-11 publicity, PD1-16 registry status.
    Registry,
    MotherName,
    /// A name of a related person the record does not hold as the mother's.
    OtherPersonName,
    RelatedContact,
    RelatedIdentifier,
    Insurance,
    Funding,
    StaffName,
    Note,
    /// Contraindications, reactions, evidence of immunity.
    Clinical,
    /// Items domain.md's table says nothing against for these recipients (dose details, lot
    /// and manufacturer, forecast, VIS, evaluations, sex, relationships) or that are disputed
    /// (refusal reason, where the dose was given): not judged here.
    Neutral,
}

/// Whether `recipient` may not see an item of `kind` (domain.md, "What each recipient may see").
fn forbidden(kind: Kind, recipient: Recipient, settings: &Settings) -> bool {
    match recipient {
        // "de-identified summary | no (counts only)": nothing from the record at all.
        Recipient::DoseCounts => true,
        Recipient::School | Recipient::Provider => match kind {
            Kind::Name | Kind::Neutral => false,
            Kind::Address => !settings.address,
            // "parent/guardian name ... off by default"; never the mother's (MotherName).
            Kind::OtherPersonName => !settings.guardian_name,
            // "contraindication / adverse reaction / immunity evidence | only when supporting a
            // medical exemption | yes".
            Kind::Clinical => recipient == Recipient::School && !settings.exemption_evidence,
            _ => true,
        },
        Recipient::Patient => kind == Kind::Identifier || kind == Kind::RelatedIdentifier,
    }
}

// ── Shapes: what proptest draws ──────────────────────────────────────────────────────────────

/// Relationship codes as the readers leave them (HL7 table 0063; FHIR codes mapped to it).
const RELATIONSHIPS: [&str; 11] = ["MTH", "mth", "Mth", "FTH", "GRD", "PAR", "SIB", "CHD", "SPO", "EMC", ""];
const STATUSES: [DoseStatus; 5] = [
    DoseStatus::Completed,
    DoseStatus::Refused,
    DoseStatus::NotAdministered,
    DoseStatus::Partial,
    DoseStatus::EnteredInError,
];
const INSURANCE_KINDS: [InsuranceKind; 5] = [
    InsuranceKind::Insurance,
    InsuranceKind::InsuranceAdditional,
    InsuranceKind::Certification,
    InsuranceKind::Guarantor,
    InsuranceKind::FinancialClass,
];
const TELECOM_SYSTEMS: [&str; 5] = ["phone", "email", "other", "", "EMAIL"];
const OBSERVATION_KINDS: [ObservationKind; 5] = [
    ObservationKind::EvidenceOfImmunity,
    ObservationKind::Contraindication,
    ObservationKind::Reaction,
    ObservationKind::SpecialRisk,
    ObservationKind::Serology,
];

#[derive(Clone, Debug)]
struct PersonShape {
    relationship: usize,
    has_name: bool,
    /// 0: own name; 1: the mother's name as it is; 2: the mother's name in capitals.
    mothers_name: u8,
    addresses: usize,
    telecoms: usize,
    identifiers: usize,
}

#[derive(Clone, Debug)]
struct DoseShape {
    status: usize,
    staff: (bool, bool, bool),
    funding: (bool, bool),
    notes: usize,
    observations: usize,
    details: bool,
}

#[derive(Clone, Debug)]
struct RecordShape {
    names: usize,
    addresses: usize,
    telecoms: Vec<usize>,
    identifiers: usize,
    /// Mother's maiden name, birthplace, multiple birth, registry codes.
    extras: (bool, bool, bool, bool),
    races: usize,
    ethnicities: usize,
    /// 0: no PD1-12; 1: `N`; 2: `Y` (protected).
    protection: u8,
    persons: Vec<PersonShape>,
    insurance: Vec<(usize, bool, usize)>,
    doses: Vec<DoseShape>,
    forecast: usize,
    observations: usize,
    notes: usize,
}

#[derive(Clone, Debug)]
struct Shape {
    fillers: Vec<String>,
    records: Vec<RecordShape>,
    recipient: usize,
    settings: [bool; 8],
    /// Staff hide every n-th located value (0: nothing hidden).
    hide_every: usize,
}

fn person() -> impl Strategy<Value = PersonShape> {
    (
        0..RELATIONSHIPS.len(),
        prop::bool::weighted(0.9),
        prop_oneof![6 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8)],
        0..3usize,
        0..3usize,
        0..3usize,
    )
        .prop_map(|(relationship, has_name, mothers_name, addresses, telecoms, identifiers)| PersonShape {
            relationship,
            has_name,
            mothers_name,
            addresses,
            telecoms,
            identifiers,
        })
}

fn dose() -> impl Strategy<Value = DoseShape> {
    (0..STATUSES.len(), any::<(bool, bool, bool)>(), any::<(bool, bool)>(), 0..3usize, 0..3usize, any::<bool>())
        .prop_map(|(status, staff, funding, notes, observations, details)| DoseShape {
            status,
            staff,
            funding,
            notes,
            observations,
            details,
        })
}

fn record() -> impl Strategy<Value = RecordShape> {
    let patient = (
        1..4usize,
        0..3usize,
        prop::collection::vec(0..TELECOM_SYSTEMS.len(), 0..4),
        0..4usize,
        any::<(bool, bool, bool, bool)>(),
        0..3usize,
        0..3usize,
        prop_oneof![4 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8)],
    );
    let rest = (
        prop::collection::vec(person(), 0..5),
        prop::collection::vec((0..INSURANCE_KINDS.len(), any::<bool>(), 0..3usize), 0..3),
        prop::collection::vec(dose(), 0..5),
        0..3usize,
        0..3usize,
        0..3usize,
    );
    (patient, rest).prop_map(
        |(
            (names, addresses, telecoms, identifiers, extras, races, ethnicities, protection),
            (persons, insurance, doses, forecast, observations, notes),
        )| RecordShape {
            names,
            addresses,
            telecoms,
            identifiers,
            extras,
            races,
            ethnicities,
            protection,
            persons,
            insurance,
            doses,
            forecast,
            observations,
            notes,
        },
    )
}

fn shape() -> impl Strategy<Value = Shape> {
    // Random text around each marker: letters, digits, spaces, HL7 delimiters, accents.
    let filler = "[a-zA-Z0-9 ,.'()|^~&\\\\éüñ-]{0,6}";
    (
        prop::collection::vec(filler, 1..8),
        prop::collection::vec(record(), 1..3),
        0..3usize,
        any::<[bool; 8]>(),
        prop_oneof![3 => Just(0usize), 1 => 2..6usize],
    )
        .prop_map(|(fillers, records, recipient, settings, hide_every)| Shape {
            fillers,
            records,
            recipient,
            settings,
            hide_every,
        })
}

// ── Building records from shapes ─────────────────────────────────────────────────────────────

struct Builder<'a> {
    fillers: &'a [String],
    counter: usize,
    /// Every marker planted, with its kind.
    plants: Vec<(String, Kind)>,
    /// Every location handed out.
    locations: Vec<Location>,
}

impl Builder<'_> {
    fn at(&mut self) -> Location {
        self.counter += 1;
        let at = Location::Json { document: 1, pointer: format!("/planted/{}", self.counter) };
        self.locations.push(at.clone());
        at
    }

    fn located<T>(&mut self, value: T) -> Located<T> {
        Located::new(value, self.at())
    }

    /// Random text with a marker of `kind` in it.
    fn text(&mut self, kind: Kind) -> String {
        self.counter += 1;
        let tag = format!("{kind:?}").to_uppercase().replace('Z', "");
        let marker = format!("LEAK{tag}N{}Z", self.counter);
        let n = self.fillers.len();
        let (before, after) = (&self.fillers[self.counter % n], &self.fillers[(self.counter * 7 + 3) % n]);
        self.plants.push((marker.clone(), kind));
        format!("{before}{marker}{after}")
    }

    fn name(&mut self, kind: Kind) -> PersonName {
        PersonName {
            family: self.text(kind),
            given: vec![self.text(kind), self.text(kind)],
            suffix: String::new(),
            prefix: self.text(kind),
            kind: String::new(),
        }
    }

    fn code(&mut self, kind: Kind) -> Code {
        Code { code: self.text(kind), text: self.text(kind), system: self.text(kind), not_in_table: false }
    }

    fn located_code(&mut self, kind: Kind) -> Located<Code> {
        let code = self.code(kind);
        self.located(code)
    }

    fn located_text(&mut self, kind: Kind) -> Located<String> {
        let text = self.text(kind);
        self.located(text)
    }

    fn address(&mut self, kind: Kind) -> Located<Address> {
        let address = Address {
            lines: vec![self.text(kind), self.text(kind)],
            city: self.text(kind),
            state: "MN".to_owned(),
            postal_code: self.text(kind),
            country: String::new(),
            kind: "H".to_owned(),
        };
        self.located(address)
    }

    fn telecom(&mut self, system: &str, kind: Kind) -> Located<Telecom> {
        let telecom = Telecom { system: system.to_owned(), value: self.text(kind), usage: "PRN".to_owned() };
        self.located(telecom)
    }

    fn identifier(&mut self, kind: Kind) -> Located<Identifier> {
        let identifier = Identifier { value: self.text(kind), kind: "SS".to_owned(), authority: self.text(kind) };
        self.located(identifier)
    }

    fn date(&mut self, day: u8) -> Located<PartialDate> {
        let date = PartialDate::new(2020, Some(1), Some(day.clamp(1, 28))).expect("a real date");
        self.located(date)
    }

    fn observation(&mut self, n: usize) -> ClinicalObservation {
        let value = self.located_code(Kind::Clinical);
        ClinicalObservation { kind: OBSERVATION_KINDS[n % OBSERVATION_KINDS.len()], value, date: Some(self.date(3)) }
    }

    fn record(&mut self, number: u32, shape: &RecordShape) -> Record {
        let mut record = Record { message: number, data_as_of: Some(self.date(1)), ..Record::default() };
        record.patient = self.patient(shape);
        record.protection = Protection {
            protection_indicator: match shape.protection {
                0 => None,
                p => Some(self.located(p == 2)),
            },
            publicity: shape.extras.3.then(|| self.located_code(Kind::Registry)),
            registry_status: shape.extras.3.then(|| self.located_code(Kind::Registry)),
        };
        record.related_persons = self.persons(&shape.persons);
        for &(kind, described, identifiers) in &shape.insurance {
            let entry = InsuranceEntry {
                kind: INSURANCE_KINDS[kind],
                description: described.then(|| self.located_text(Kind::Insurance)),
                identifiers: (0..identifiers).map(|_| self.identifier(Kind::Insurance)).collect(),
                origin: self.at(),
            };
            record.insurance.push(entry);
        }
        record.immunizations = shape.doses.iter().map(|dose| self.dose(dose)).collect();
        for _ in 0..shape.forecast {
            let row = ForecastRow {
                vaccine_group: Some(self.located_code(Kind::Neutral)),
                schedule: Some(self.located_code(Kind::Neutral)),
                dose_number: Some(self.located_text(Kind::Neutral)),
                earliest: Some(self.date(5)),
                due: Some(self.date(6)),
                latest: None,
                overdue: None,
                series_status: Some(self.located_code(Kind::Neutral)),
            };
            record.forecast.push(row);
        }
        record.observations = (0..shape.observations).map(|n| self.observation(n)).collect();
        record.notes = (0..shape.notes).map(|_| self.located_text(Kind::Note)).collect();
        record
    }

    fn patient(&mut self, shape: &RecordShape) -> Patient {
        let mut patient = Patient::default();
        for n in 0..shape.names {
            let name = self.name(if n == 0 { Kind::Name } else { Kind::Alias });
            patient.names.push(self.located(name));
        }
        patient.birth_date = Some(self.date(2));
        patient.sex = Some(self.located_code(Kind::Neutral));
        patient.addresses = (0..shape.addresses).map(|_| self.address(Kind::Address)).collect();
        patient.telecoms = shape.telecoms.iter().map(|&s| self.telecom(TELECOM_SYSTEMS[s], Kind::Telecom)).collect();
        patient.identifiers = (0..shape.identifiers).map(|_| self.identifier(Kind::Identifier)).collect();
        if shape.extras.0 {
            let name = self.name(Kind::MothersMaidenName);
            patient.mothers_maiden_name = Some(self.located(name));
        }
        patient.races = (0..shape.races).map(|_| self.located_code(Kind::Race)).collect();
        patient.ethnicities = (0..shape.ethnicities).map(|_| self.located_code(Kind::Ethnicity)).collect();
        patient.birth_place = shape.extras.1.then(|| self.located_text(Kind::BirthPlace));
        if shape.extras.2 {
            patient.multiple_birth = Some(self.located_text(Kind::MultipleBirth));
            patient.birth_order = Some(self.located_text(Kind::MultipleBirth));
        }
        patient
    }

    fn persons(&mut self, shapes: &[PersonShape]) -> Vec<RelatedPerson> {
        let is_mother = |shape: &PersonShape| RELATIONSHIPS[shape.relationship].eq_ignore_ascii_case("MTH");
        // The mothers' names first, so a copy of one can come before or after her.
        let mut names: Vec<Option<PersonName>> = shapes
            .iter()
            .map(|shape| (shape.has_name && is_mother(shape)).then(|| self.name(Kind::MotherName)))
            .collect();
        let mother = names.iter().flatten().next().cloned();
        for (name, shape) in names.iter_mut().zip(shapes) {
            if name.is_some() || !shape.has_name {
                continue;
            }
            *name = Some(match (&mother, shape.mothers_name) {
                (Some(mother), 1) => mother.clone(),
                (Some(mother), 2) => PersonName {
                    family: mother.family.to_uppercase(),
                    given: mother.given.iter().map(|g| format!("  {}", g.to_uppercase())).collect(),
                    ..mother.clone()
                },
                _ => self.name(Kind::OtherPersonName),
            });
        }
        let mut persons = Vec::new();
        for (name, shape) in names.into_iter().zip(shapes) {
            let relationship = RELATIONSHIPS[shape.relationship];
            let person = RelatedPerson {
                name: name.map(|name| self.located(name)),
                relationship: (!relationship.is_empty()).then(|| {
                    let code = Code { code: relationship.to_owned(), system: "HL70063".to_owned(), ..Code::default() };
                    self.located(code)
                }),
                addresses: (0..shape.addresses).map(|_| self.address(Kind::RelatedContact)).collect(),
                telecoms: (0..shape.telecoms).map(|_| self.telecom("phone", Kind::RelatedContact)).collect(),
                identifiers: (0..shape.identifiers).map(|_| self.identifier(Kind::RelatedIdentifier)).collect(),
            };
            persons.push(person);
        }
        persons
    }

    fn dose(&mut self, shape: &DoseShape) -> Immunization {
        let mut dose = Immunization {
            date: Some(self.date(10)),
            cvx: Some(self.located("08".to_owned())),
            vaccine: "Hep B, adolescent or pediatric".to_owned(),
            vaccine_groups: vec![VaccineGroup::HepatitisB],
            status: STATUSES[shape.status],
            source: Some(self.located(InformationSource::Administered)),
            origin: Some(self.at()),
            ..Immunization::default()
        };
        if shape.details {
            dose.ndc = Some(self.located_text(Kind::Neutral));
            dose.sent_name = Some(self.located_text(Kind::Neutral));
            dose.amount = Some(self.located_text(Kind::Neutral));
            dose.manufacturer = Some(self.located_code(Kind::Neutral));
            dose.lot_numbers = vec![self.located_text(Kind::Neutral)];
            dose.expiration_date = Some(self.date(20));
            dose.route = Some(self.located_code(Kind::Neutral));
            dose.site = Some(self.located_code(Kind::Neutral));
            dose.dose_number = Some(self.located_text(Kind::Neutral));
            dose.administered_at = Some(self.located_text(Kind::Neutral));
            dose.refusal_reason = Some(self.located_code(Kind::Neutral));
            dose.subpotent_reason = Some(self.located_code(Kind::Neutral));
            dose.vis = vec![VisDocument {
                document: Some(self.located_code(Kind::Neutral)),
                vaccine_type: None,
                published: Some(self.date(4)),
                presented: Some(self.date(10)),
            }];
            dose.evaluations = vec![Evaluation {
                vaccine_group: Some(self.located_code(Kind::Neutral)),
                schedule: None,
                dose_number: Some(self.located_text(Kind::Neutral)),
                doses_in_series: None,
                valid: Some(self.located(true)),
                reason: None,
            }];
        }
        if shape.staff.0 {
            let name = self.name(Kind::StaffName);
            dose.administered_by = Some(self.located(name));
        }
        if shape.staff.1 {
            let name = self.name(Kind::StaffName);
            dose.ordered_by = Some(self.located(name));
        }
        if shape.staff.2 {
            let name = self.name(Kind::StaffName);
            dose.entered_by = Some(self.located(name));
        }
        dose.funding_eligibility = shape.funding.0.then(|| self.located_code(Kind::Funding));
        dose.funding_source = shape.funding.1.then(|| self.located_code(Kind::Funding));
        dose.observations = (0..shape.observations).map(|n| self.observation(n)).collect();
        dose.notes = (0..shape.notes).map(|_| self.located_text(Kind::Note)).collect();
        dose
    }
}

fn settings_from(recipient: Recipient, flags: [bool; 8]) -> Settings {
    let mut settings = Settings::default_for(recipient);
    settings.address = flags[0];
    settings.lot_and_manufacturer = flags[1];
    settings.forecast = flags[2];
    settings.guardian_name = flags[3];
    settings.exemption_evidence = flags[4];
    settings.mothers_names = flags[5];
    settings.insurance = flags[6];
    settings.personal_details = flags[7];
    settings
}

/// What a copy shows: everything but the settings, the redaction log and the diagnostics.
fn shown(value: Value) -> String {
    let mut value = value;
    if let Value::Object(map) = &mut value {
        for key in ["settings", "redactions", "diagnostics"] {
            map.remove(key);
        }
    }
    value.to_string().to_lowercase()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn no_recipient_gets_a_kind_it_may_not_see_and_redaction_is_idempotent(shape in shape()) {
        let mut builder = Builder { fillers: &shape.fillers, counter: 0, plants: Vec::new(), locations: Vec::new() };
        let records: Vec<Record> =
            shape.records.iter().enumerate().map(|(i, r)| builder.record(i as u32 + 1, r)).collect();
        let outcome = ReadOutcome { records, ..ReadOutcome::default() };
        let hidden = match shape.hide_every {
            0 => Vec::new(),
            n => builder.locations.iter().step_by(n).cloned().collect(),
        };
        let staff = StaffRedactions { hidden, ..StaffRedactions::default() };
        let recipient = [Recipient::School, Recipient::Provider, Recipient::DoseCounts][shape.recipient];
        let profile = Profile { recipient, settings: settings_from(recipient, shape.settings), requested_by_a_person: false, address_withheld: false };

        let copy = redact(&outcome, &profile, &staff);
        let text = shown(serde_json::to_value(&copy).expect("copies serialise"));
        for (marker, kind) in &builder.plants {
            if forbidden(*kind, recipient, &profile.settings) {
                prop_assert!(
                    !text.contains(&marker.to_lowercase()),
                    "{:?} with {:?}: {:?} value {} is on the copy", recipient, profile.settings, kind, marker
                );
            }
        }
        let protected = shape.records.iter().filter(|r| r.protection == 2).count();
        if recipient == Recipient::DoseCounts {
            prop_assert!(copy.records.is_empty());
        } else {
            prop_assert_eq!(copy.records.len() + protected, outcome.records.len());
            prop_assert_eq!(copy.blocked.len(), protected);
        }

        // Redacting the copy again, for the same recipient and staff choices, changes nothing.
        let again = ReadOutcome { records: copy.records.clone(), ..ReadOutcome::default() };
        let twice = redact(&again, &profile, &staff);
        prop_assert_eq!(
            serde_json::to_value(&twice.records).expect("records"),
            serde_json::to_value(&copy.records).expect("records")
        );
    }

    #[test]
    fn a_patient_copy_never_carries_identifiers_and_is_idempotent(shape in shape()) {
        let mut builder = Builder { fillers: &shape.fillers, counter: 0, plants: Vec::new(), locations: Vec::new() };
        let records: Vec<Record> =
            shape.records.iter().enumerate().map(|(i, r)| builder.record(i as u32 + 1, r)).collect();
        let outcome = ReadOutcome { records, ..ReadOutcome::default() };
        let settings = settings_from(Recipient::Patient, shape.settings);
        let profile = Profile { recipient: Recipient::Patient, settings, requested_by_a_person: false, address_withheld: false };
        let copy = redact(&outcome, &profile, &StaffRedactions::default());
        let text = shown(serde_json::to_value(&copy).expect("copies serialise"));
        for (marker, kind) in &builder.plants {
            if forbidden(*kind, Recipient::Patient, &profile.settings) {
                prop_assert!(
                    !text.contains(&marker.to_lowercase()),
                    "{:?} value {} is on the patient's copy", kind, marker
                );
            }
        }
        prop_assert_eq!(copy.records.len(), outcome.records.len());
        let again = ReadOutcome { records: copy.records.clone(), ..ReadOutcome::default() };
        let twice = redact(&again, &profile, &StaffRedactions::default());
        prop_assert_eq!(
            serde_json::to_value(&twice.records).expect("records"),
            serde_json::to_value(&copy.records).expect("records")
        );
    }
}
