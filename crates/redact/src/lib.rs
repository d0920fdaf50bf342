//! Redaction: what a recipient may see of a record, built by allow-list.
//!
//! Architecture invariant: the redacted record is a new value. [`redact`] starts from an
//! empty `Record` and copies in only the items [`policy::decide`] allows for the recipient,
//! field by field; nothing is copied wholesale, so a field the model gains later stays out
//! until someone writes its rule. Every item left out is logged with its kind, where it was
//! and the rule that kept it out; staff can hide more, never restore.

pub mod policy;

use std::collections::BTreeMap;

use recdesk_record::{
    Diagnostic, DoseStatus, Immunization, Located, Location, ObservationKind, Patient, ReadOutcome, Record,
    RelatedPerson, SourceVerification, VaccineGroup,
};
use serde::Serialize;

pub use policy::{ComputedAnswers, ForecastScope, ItemKind, Recipient, Rule, Settings, computed_answers, decide};

/// A recipient and the optional items chosen for them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Profile {
    pub recipient: Recipient,
    pub settings: Settings,
    /// A person asked for the copy (the patient, someone with the patient's rights, or a relative
    /// with the patient's consent), not an organization, even when the paper goes to one. A record
    /// locked in MIIC (PD1-12) is refused for an organization's copy unless this is set: the lock
    /// keeps the record from organizations asking, not from the family. False by default, so a
    /// copy whose requester is not known is refused.
    pub requested_by_a_person: bool,
    /// An order for protection or Safe at Home applies: no address (the patient's or a related
    /// person's) goes on the copy, whatever the settings say.
    pub address_withheld: bool,
}

impl Profile {
    pub fn default_for(recipient: Recipient) -> Profile {
        Profile {
            recipient,
            settings: Settings::default_for(recipient),
            requested_by_a_person: false,
            address_withheld: false,
        }
    }

    /// Everything the patient's copy could hold, every item asked for: the whole record as staff
    /// check it (the parents the record names, the mother included), never a printed copy.
    /// Identifiers stay off, as on every copy.
    pub fn whole_record() -> Profile {
        Profile {
            recipient: Recipient::Patient,
            settings: Settings::everything(),
            requested_by_a_person: true,
            address_withheld: false,
        }
    }
}

/// Items kept off the copy beyond what the profile withholds, by where they are in the input.
/// These can only remove: an item the profile already withholds stays withheld.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StaffRedactions {
    /// Items staff chose to hide; the copy counts them as "hidden by staff".
    pub hidden: Vec<Location>,
    /// Doses held for a clinician (care a minor may have consented to alone, Minn. Stat.
    /// §144.3441): on no copy and in no count or summary of one, because even their number
    /// would tell the requester that such care happened. Only the staff's log names them.
    pub held_for_clinician: Vec<Location>,
    /// On a minor's own copy, the doses that are not care the minor consented to alone: the
    /// parents' to release. Kept off like held doses (no copy, no count), named for staff only.
    pub not_the_minors: Vec<Location>,
}

impl StaffRedactions {
    /// Why the dose at `origin` is held back from every copy and its counts, if it is.
    fn held_rule(&self, origin: Option<&Location>) -> Option<Rule> {
        let at = origin?;
        if self.held_for_clinician.contains(at) {
            Some(Rule::HeldForClinician)
        } else if self.not_the_minors.contains(at) {
            Some(Rule::NotTheMinorsToRelease)
        } else {
            None
        }
    }

    /// Whether the dose at `origin` is held back (for a clinician, or from a minor's own copy).
    fn holds(&self, origin: Option<&Location>) -> bool {
        self.held_rule(origin).is_some()
    }

    fn withholds_dose(&self, origin: Option<&Location>) -> bool {
        self.holds(origin) || origin.is_some_and(|at| self.hidden.contains(at))
    }
}

/// One item left out of the copy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Redaction {
    pub kind: ItemKind,
    /// Where it was in the input, as staff can look it up ("message 1, segment 3 (PID), PID-6").
    pub location: String,
    pub rule: Rule,
}

/// A record that may not go to this recipient at all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BlockedRecord {
    /// 1-based position among the input's records.
    pub record: usize,
    pub reason: String,
}

/// One row of the dose counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DoseCountRow {
    pub vaccine_group: VaccineGroup,
    /// None for doses without a date.
    pub year: Option<u16>,
    pub doses: usize,
}

/// The doses of a record that a copy lacks (held back or hidden): their vaccine groups and CVX codes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WithheldDoses {
    pub groups: Vec<VaccineGroup>,
    pub cvx: Vec<String>,
}

/// What the recipient may receive, and the log of what they may not.
#[derive(Clone, Debug, Serialize)]
pub struct Redacted {
    pub profile: Recipient,
    pub settings: Settings,
    pub records: Vec<Record>,
    /// For each of `records`, the doses held back or hidden from it: an answer computed from the
    /// copy (a dose number, a school status) cannot be stated for the vaccines they carry. Not
    /// serialised: the copy's data says nothing of what it lacks.
    #[serde(skip)]
    pub withheld_doses: Vec<WithheldDoses>,
    /// Only for the dose counts.
    pub dose_counts: Vec<DoseCountRow>,
    pub verifications: Vec<SourceVerification>,
    pub redactions: Vec<Redaction>,
    pub blocked: Vec<BlockedRecord>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Redacted {
    /// The withheld items a copy may tell its reader about: all but the doses held for a clinician.
    pub fn printable_redactions(&self) -> impl Iterator<Item = &Redaction> {
        self.redactions.iter().filter(|redaction| !redaction.rule.is_held_back())
    }

    /// How many items each rule withheld: what a copy may say about them (never the held doses).
    pub fn withheld_counts(&self) -> Vec<(Rule, usize)> {
        let mut counts: Vec<(Rule, usize)> = Vec::new();
        for redaction in self.printable_redactions() {
            match counts.iter_mut().find(|(rule, _)| *rule == redaction.rule) {
                Some((_, count)) => *count += 1,
                None => counts.push((redaction.rule, 1)),
            }
        }
        counts
    }
}

/// The message for a protected record on an organization's copy.
pub const PROTECTED_RECORD: &str = "This record is protected: the patient asked the registry not to share it with other \
     organizations (PD1-12 protection indicator). Do not release it to an organization asking for it; the patient or a \
     parent may ask for their own copy and give it to them.";

/// Builds what `profile`'s recipient may see of everything read.
pub fn redact(outcome: &ReadOutcome, profile: &Profile, staff: &StaffRedactions) -> Redacted {
    let mut builder = Builder {
        profile,
        staff,
        redactions: Vec::new(),
        held_groups: Vec::new(),
        held_group_rule: Rule::HeldForClinician,
    };
    let mut records = Vec::new();
    let mut withheld_doses = Vec::new();
    let mut blocked = Vec::new();
    for (index, record) in outcome.records.iter().enumerate() {
        let protected = record.protection.protection_indicator.as_ref().is_some_and(|p| p.value);
        if protected && profile.recipient.is_organization() && !profile.requested_by_a_person {
            blocked.push(BlockedRecord { record: index + 1, reason: PROTECTED_RECORD.to_owned() });
            continue;
        }
        let copy = builder.record(record);
        if profile.recipient != Recipient::DoseCounts {
            records.push(copy);
            let withheld: Vec<&Immunization> = record
                .immunizations
                .iter()
                .filter(|dose| dose.status.counts_as_dose() && staff.withholds_dose(dose.origin.as_ref()))
                .collect();
            let mut groups: Vec<VaccineGroup> =
                withheld.iter().flat_map(|d| d.vaccine_groups.iter().copied()).collect();
            groups.sort();
            groups.dedup();
            let mut cvx: Vec<String> =
                withheld.iter().filter_map(|d| d.cvx.as_ref()).map(|c| c.value.clone()).collect();
            cvx.sort();
            cvx.dedup();
            withheld_doses.push(WithheldDoses { groups, cvx });
        }
    }
    let dose_counts = if profile.recipient == Recipient::DoseCounts { count_doses(outcome, staff) } else { Vec::new() };
    Redacted {
        profile: profile.recipient,
        settings: profile.settings,
        records,
        withheld_doses,
        dose_counts,
        verifications: outcome.verifications.clone(),
        redactions: builder.redactions,
        blocked,
        diagnostics: outcome.diagnostics.clone(),
    }
}

/// Doses given (in full or in part), by vaccine group and year: the doses a copy would carry, so
/// never one held for a clinician or hidden by staff.
fn count_doses(outcome: &ReadOutcome, staff: &StaffRedactions) -> Vec<DoseCountRow> {
    let mut counts: BTreeMap<(VaccineGroup, Option<u16>), usize> = BTreeMap::new();
    let released = |dose: &&Immunization| dose.status.counts_as_dose() && !staff.withholds_dose(dose.origin.as_ref());
    for dose in outcome.records.iter().flat_map(|r| &r.immunizations).filter(released) {
        for group in &dose.vaccine_groups {
            *counts.entry((*group, dose.date.as_ref().map(|d| d.value.year))).or_default() += 1;
        }
    }
    counts.into_iter().map(|((vaccine_group, year), doses)| DoseCountRow { vaccine_group, year, doses }).collect()
}

struct Builder<'a> {
    profile: &'a Profile,
    staff: &'a StaffRedactions,
    redactions: Vec<Redaction>,
    /// The vaccine groups the current record's held doses carry: a forecast row, a dose number
    /// or an evaluation in one of them would tell of the held dose (a dose 4 after three shown).
    held_groups: Vec<VaccineGroup>,
    /// The rule an item withheld for telling of a held dose is logged under.
    held_group_rule: Rule,
}

impl Builder<'_> {
    /// Whether an item of `kind` found at `at` goes on the copy; logs it when it does not.
    fn allows(&mut self, kind: ItemKind, at: Option<&Location>) -> bool {
        let rule = match decide(kind, self.profile.recipient, &self.profile.settings) {
            // Held before anything else, so the log never gives a held dose another reason.
            _ if matches!(kind, ItemKind::Dose | ItemKind::DoseNotGiven) && self.staff.holds(at) => {
                self.staff.held_rule(at).unwrap_or(Rule::HeldForClinician)
            }
            // Whatever the settings say; and named so, never as an item staff merely did not choose.
            Ok(()) | Err(Rule::OffByDefault)
                if self.profile.address_withheld
                    && matches!(kind, ItemKind::Address | ItemKind::RelatedPersonContact) =>
            {
                Rule::ProtectiveOrder
            }
            Err(rule) => rule,
            Ok(()) if at.is_some_and(|at| self.staff.hidden.contains(at)) => Rule::StaffChoice,
            Ok(()) => return true,
        };
        let location = at.map_or_else(|| "(derived)".to_owned(), ToString::to_string);
        self.redactions.push(Redaction { kind, location, rule });
        false
    }

    /// Logs an item left out because it would tell of a held dose (staff's log only); true.
    fn held_back(&mut self, kind: ItemKind, at: Option<&Location>) -> bool {
        let location = at.map_or_else(|| "(derived)".to_owned(), ToString::to_string);
        self.redactions.push(Redaction { kind, location, rule: self.held_group_rule });
        true
    }

    /// Whether a forecast row is for a group a held dose carries (or a group that cannot be told,
    /// while any dose is held): it is then held back too.
    fn tells_of_held_forecast(&mut self, row: &recdesk_record::ForecastRow, at: Option<&Location>) -> bool {
        if self.held_groups.is_empty() {
            return false;
        }
        let groups = row
            .vaccine_group
            .as_ref()
            .map_or(&[VaccineGroup::Other][..], |code| recdesk_codes::vaccine_groups(&code.value.code));
        let tells = groups.iter().any(|group| *group == VaccineGroup::Other || self.held_groups.contains(group));
        tells && self.held_back(ItemKind::Forecast, at)
    }

    /// A located value, if its kind is allowed.
    fn keep<T: Clone>(&mut self, kind: ItemKind, value: &Option<Located<T>>) -> Option<Located<T>> {
        let value = value.as_ref()?;
        self.allows(kind, Some(&value.at)).then(|| value.clone())
    }

    /// The allowed values of a list.
    fn keep_all<T: Clone>(&mut self, kind: ItemKind, values: &[Located<T>]) -> Vec<Located<T>> {
        values.iter().filter(|v| self.allows(kind, Some(&v.at))).cloned().collect()
    }

    fn record(&mut self, record: &Record) -> Record {
        self.held_groups = record
            .immunizations
            .iter()
            .filter(|dose| self.staff.holds(dose.origin.as_ref()))
            .flat_map(|dose| dose.vaccine_groups.iter().copied())
            .collect();
        let for_a_clinician = record
            .immunizations
            .iter()
            .any(|dose| self.staff.held_rule(dose.origin.as_ref()) == Some(Rule::HeldForClinician));
        self.held_group_rule = if for_a_clinician { Rule::HeldForClinician } else { Rule::NotTheMinorsToRelease };
        let mut copy = Record { message: record.message, data_as_of: record.data_as_of.clone(), ..Record::default() };
        copy.patient = self.patient(&record.patient);
        copy.related_persons = self.related_persons(&record.related_persons);
        for entry in &record.insurance {
            if self.allows(ItemKind::Insurance, Some(&entry.origin)) {
                // Member and policy numbers are identifiers: they go to no one, even with the insurance.
                let _ = self.keep_all(ItemKind::Identifier, &entry.identifiers);
                copy.insurance.push(recdesk_record::InsuranceEntry { identifiers: Vec::new(), ..entry.clone() });
            }
        }
        // The registry's flags steer redaction (a protected record is refused above); they are never printed.
        let protection = &record.protection;
        let _ = self.keep(ItemKind::RegistryFlag, &protection.protection_indicator);
        let _ = self.keep(ItemKind::RegistryFlag, &protection.publicity);
        let _ = self.keep(ItemKind::RegistryFlag, &protection.registry_status);
        copy.immunizations = record.immunizations.iter().filter_map(|dose| self.dose(dose)).collect();
        for row in &record.forecast {
            let at = [&row.vaccine_group.as_ref().map(|v| &v.at), &row.due.as_ref().map(|v| &v.at)]
                .into_iter()
                .find_map(|at| *at);
            if self.allows(ItemKind::Forecast, at) && !self.tells_of_held_forecast(row, at) {
                copy.forecast.push(row.clone());
            }
        }
        copy.observations = record
            .observations
            .iter()
            .filter(|o| self.allows(observation_kind(o.kind), Some(&o.value.at)))
            .cloned()
            .collect();
        copy.notes = self.keep_all(ItemKind::Note, &record.notes);
        copy
    }

    fn patient(&mut self, patient: &Patient) -> Patient {
        let mut copy = Patient::default();
        // The patient's name is the legal one (kind L) when the sender marked one; every other is an alias.
        let legal = patient.names.iter().position(|n| n.value.kind.eq_ignore_ascii_case("L")).unwrap_or(0);
        for (index, name) in patient.names.iter().enumerate() {
            let kind = if index == legal { ItemKind::PatientName } else { ItemKind::PatientAlias };
            if self.allows(kind, Some(&name.at)) {
                copy.names.push(name.clone());
            }
        }
        copy.birth_date = self.keep(ItemKind::BirthDate, &patient.birth_date);
        copy.sex = self.keep(ItemKind::Sex, &patient.sex);
        copy.addresses = self.keep_all(ItemKind::Address, &patient.addresses);
        for telecom in &patient.telecoms {
            let kind = if telecom.value.system == "email" { ItemKind::Email } else { ItemKind::Phone };
            if self.allows(kind, Some(&telecom.at)) {
                copy.telecoms.push(telecom.clone());
            }
        }
        copy.identifiers = self.keep_all(ItemKind::Identifier, &patient.identifiers);
        copy.mothers_maiden_name = self.keep(ItemKind::MothersMaidenName, &patient.mothers_maiden_name);
        copy.races = self.keep_all(ItemKind::Race, &patient.races);
        copy.ethnicities = self.keep_all(ItemKind::Ethnicity, &patient.ethnicities);
        copy.birth_place = self.keep(ItemKind::BirthPlace, &patient.birth_place);
        copy.multiple_birth = self.keep(ItemKind::MultipleBirth, &patient.multiple_birth);
        copy.birth_order = self.keep(ItemKind::MultipleBirth, &patient.birth_order);
        copy.deceased = self.keep(ItemKind::Death, &patient.deceased);
        copy.death_date = self.keep(ItemKind::Death, &patient.death_date);
        copy
    }

    /// Parents and guardians. A name the record holds as the mother's is the mother's name,
    /// whatever relationship another entry gives the same name.
    fn related_persons(&mut self, persons: &[RelatedPerson]) -> Vec<RelatedPerson> {
        let mothers: Vec<String> = persons
            .iter()
            .filter(|p| p.is_mother())
            .filter_map(|p| p.name.as_ref().map(|n| comparable(&n.value.display())))
            .collect();
        let mut copies = Vec::new();
        for person in persons {
            let is_mother = person.is_mother()
                || person.name.as_ref().is_some_and(|n| mothers.contains(&comparable(&n.value.display())));
            let kind = if is_mother {
                ItemKind::MotherName
            } else if person.is_parent_or_guardian() {
                ItemKind::GuardianName
            } else {
                ItemKind::OtherContactName
            };
            let name = person.name.as_ref().and_then(|name| self.allows(kind, Some(&name.at)).then(|| name.clone()));
            let addresses = self.keep_all(ItemKind::RelatedPersonContact, &person.addresses);
            let telecoms = self.keep_all(ItemKind::RelatedPersonContact, &person.telecoms);
            let _ = self.keep_all(ItemKind::RelatedPersonIdentifier, &person.identifiers);
            // A person is copied only with their name: contact details alone say nothing useful.
            if let Some(name) = name {
                copies.push(RelatedPerson {
                    name: Some(name),
                    relationship: person.relationship.clone(),
                    addresses,
                    telecoms,
                    identifiers: Vec::new(),
                });
            }
        }
        copies
    }

    fn dose(&mut self, dose: &Immunization) -> Option<Immunization> {
        if dose.status == DoseStatus::EnteredInError {
            let _ = self.allows(ItemKind::DoseEnteredInError, dose.origin.as_ref());
            return None;
        }
        // §144.3351 covers vaccines received: a refusal or a dose not given is the patient's to see.
        let kind = match dose.status {
            DoseStatus::Refused | DoseStatus::NotAdministered => ItemKind::DoseNotGiven,
            _ => ItemKind::Dose,
        };
        if !self.allows(kind, dose.origin.as_ref()) {
            if let Some(Redaction { rule, .. }) = self.redactions.last().cloned().filter(|r| !r.rule.is_held_back()) {
                self.log_parts_of_withheld_dose(dose, rule);
            }
            return None;
        }
        let mut copy = Immunization {
            date: dose.date.clone(),
            cvx: dose.cvx.clone(),
            vaccine: dose.vaccine.clone(),
            vaccine_groups: dose.vaccine_groups.clone(),
            status: dose.status,
            source: dose.source.clone(),
            origin: dose.origin.clone(),
            ..Immunization::default()
        };
        // A dose's place in its series and the registry's judgement of it count the doses before
        // it, held ones included.
        let tells_of_held = dose.vaccine_groups.iter().any(|group| self.held_groups.contains(group));
        copy.dose_number = match &dose.dose_number {
            Some(number) if tells_of_held => {
                self.held_back(ItemKind::Evaluation, Some(&number.at));
                None
            }
            number => number.clone(),
        };
        copy.ndc = self.keep(ItemKind::DoseDetail, &dose.ndc);
        copy.amount = self.keep(ItemKind::DoseDetail, &dose.amount);
        copy.route = self.keep(ItemKind::DoseDetail, &dose.route);
        copy.site = self.keep(ItemKind::DoseDetail, &dose.site);
        copy.sent_name = self.keep(ItemKind::SentVaccineName, &dose.sent_name);
        if copy.sent_name.is_none() && dose.cvx.is_none() {
            // Without a CVX code the display name was made from the sender's own text, which
            // this copy may not carry.
            copy.vaccine = "Unknown vaccine (no CVX code)".to_owned();
        }
        copy.lot_numbers = self.keep_all(ItemKind::LotNumber, &dose.lot_numbers);
        copy.expiration_date = self.keep(ItemKind::LotNumber, &dose.expiration_date);
        copy.manufacturer = self.keep(ItemKind::Manufacturer, &dose.manufacturer);
        copy.administered_at = self.keep(ItemKind::AdministeredAt, &dose.administered_at);
        copy.administered_by = self.keep(ItemKind::StaffName, &dose.administered_by);
        copy.ordered_by = self.keep(ItemKind::StaffName, &dose.ordered_by);
        copy.entered_by = self.keep(ItemKind::StaffName, &dose.entered_by);
        copy.refusal_reason = self.keep(ItemKind::RefusalReason, &dose.refusal_reason);
        copy.subpotent_reason = self.keep(ItemKind::DoseDetail, &dose.subpotent_reason);
        copy.funding_eligibility = self.keep(ItemKind::FundingEligibility, &dose.funding_eligibility);
        copy.funding_source = self.keep(ItemKind::FundingSource, &dose.funding_source);
        for vis in &dose.vis {
            let at = [&vis.document, &vis.vaccine_type]
                .into_iter()
                .find_map(|c| c.as_ref().map(|c| &c.at))
                .or(dose.origin.as_ref());
            if self.allows(ItemKind::VisDocument, at) {
                copy.vis.push(vis.clone());
            }
        }
        for evaluation in &dose.evaluations {
            let at = evaluation.vaccine_group.as_ref().map(|g| &g.at).or(dose.origin.as_ref());
            if self.allows(ItemKind::Evaluation, at) && !(tells_of_held && self.held_back(ItemKind::Evaluation, at)) {
                copy.evaluations.push(evaluation.clone());
            }
        }
        copy.observations = dose
            .observations
            .iter()
            .filter(|o| self.allows(observation_kind(o.kind), Some(&o.value.at)))
            .cloned()
            .collect();
        copy.notes = self.keep_all(ItemKind::Note, &dose.notes);
        Some(copy)
    }
}

impl Builder<'_> {
    /// Logs every located part of a dose left off the copy, under the rule that left the dose off:
    /// the log then names each value the copy lacks where it was (a refusal's reason, its staff).
    fn log_parts_of_withheld_dose(&mut self, dose: &Immunization, rule: Rule) {
        let mut parts: Vec<(ItemKind, String)> = Vec::new();
        let mut one = |kind: ItemKind, at: Option<&Location>| {
            if let Some(at) = at {
                parts.push((kind, at.to_string()));
            }
        };
        one(ItemKind::Dose, dose.date.as_ref().map(|v| &v.at));
        one(ItemKind::Dose, dose.cvx.as_ref().map(|v| &v.at));
        one(ItemKind::Dose, dose.source.as_ref().map(|v| &v.at));
        one(ItemKind::DoseDetail, dose.ndc.as_ref().map(|v| &v.at));
        one(ItemKind::DoseDetail, dose.amount.as_ref().map(|v| &v.at));
        one(ItemKind::DoseDetail, dose.route.as_ref().map(|v| &v.at));
        one(ItemKind::DoseDetail, dose.site.as_ref().map(|v| &v.at));
        one(ItemKind::SentVaccineName, dose.sent_name.as_ref().map(|v| &v.at));
        one(ItemKind::LotNumber, dose.expiration_date.as_ref().map(|v| &v.at));
        one(ItemKind::Manufacturer, dose.manufacturer.as_ref().map(|v| &v.at));
        one(ItemKind::Evaluation, dose.dose_number.as_ref().map(|v| &v.at));
        one(ItemKind::AdministeredAt, dose.administered_at.as_ref().map(|v| &v.at));
        one(ItemKind::StaffName, dose.administered_by.as_ref().map(|v| &v.at));
        one(ItemKind::StaffName, dose.ordered_by.as_ref().map(|v| &v.at));
        one(ItemKind::StaffName, dose.entered_by.as_ref().map(|v| &v.at));
        one(ItemKind::RefusalReason, dose.refusal_reason.as_ref().map(|v| &v.at));
        one(ItemKind::DoseDetail, dose.subpotent_reason.as_ref().map(|v| &v.at));
        one(ItemKind::FundingEligibility, dose.funding_eligibility.as_ref().map(|v| &v.at));
        one(ItemKind::FundingSource, dose.funding_source.as_ref().map(|v| &v.at));
        for lot in &dose.lot_numbers {
            one(ItemKind::LotNumber, Some(&lot.at));
        }
        for vis in &dose.vis {
            for at in [vis.document.as_ref().map(|v| &v.at), vis.vaccine_type.as_ref().map(|v| &v.at)] {
                one(ItemKind::VisDocument, at);
            }
            for at in [vis.published.as_ref().map(|v| &v.at), vis.presented.as_ref().map(|v| &v.at)] {
                one(ItemKind::VisDocument, at);
            }
        }
        for evaluation in &dose.evaluations {
            one(ItemKind::Evaluation, evaluation.vaccine_group.as_ref().map(|v| &v.at));
        }
        for observation in &dose.observations {
            one(observation_kind(observation.kind), Some(&observation.value.at));
        }
        for note in &dose.notes {
            one(ItemKind::Note, Some(&note.at));
        }
        for (kind, location) in parts {
            self.redactions.push(Redaction { kind, location, rule });
        }
    }
}

/// The item kind of a clinical observation: what it may reveal decides who sees it.
fn observation_kind(kind: ObservationKind) -> ItemKind {
    match kind {
        ObservationKind::Contraindication | ObservationKind::Reaction => ItemKind::ClinicalObservation,
        ObservationKind::EvidenceOfImmunity | ObservationKind::Serology => ItemKind::ImmunityEvidence,
        ObservationKind::SpecialRisk => ItemKind::RiskGroup,
    }
}

/// Names compared as people say them: case and spacing ignored.
fn comparable(name: &str) -> String {
    name.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use recdesk_record::{Code, Hl7Location, PartialDate, PersonName, Span};

    use super::*;

    fn at(segment: &[u8; 3], field: u16) -> Location {
        Location::Hl7(Hl7Location {
            message: 1,
            segment_index: 2,
            segment: *segment,
            field,
            repetition: 1,
            component: 0,
            span: Span::default(),
        })
    }

    fn name(family: &str, given: &str) -> PersonName {
        PersonName { family: family.into(), given: vec![given.into()], ..PersonName::default() }
    }

    fn related(person: PersonName, relationship: &str, field: u16) -> RelatedPerson {
        RelatedPerson {
            name: Some(Located::new(person, at(b"NK1", field))),
            relationship: Some(Located::new(Code { code: relationship.into(), ..Code::default() }, at(b"NK1", 3))),
            ..RelatedPerson::default()
        }
    }

    fn dose(cvx: &str, date: &str, status: DoseStatus, segment_index: u32) -> Immunization {
        let mut origin = at(b"RXA", 0);
        if let Location::Hl7(hl7) = &mut origin {
            hl7.segment_index = segment_index;
        }
        Immunization {
            date: PartialDate::parse(date).map(|d| Located::new(d, at(b"RXA", 3))),
            cvx: Some(Located::new(cvx.into(), at(b"RXA", 5))),
            vaccine_groups: vec![VaccineGroup::HepatitisB],
            status,
            notes: vec![Located::new("free text".into(), at(b"NTE", 3))],
            origin: Some(origin),
            ..Immunization::default()
        }
    }

    fn record() -> Record {
        let mut record = Record::default();
        record.patient.names.push(Located::new(name("Roe", "Rae"), at(b"PID", 5)));
        record.patient.mothers_maiden_name = Some(Located::new(name("Maiden", "Mary"), at(b"PID", 6)));
        record.related_persons.push(related(name("Roe", "Mary"), "MTH", 2));
        // The same woman entered again as guardian: still the mother's name.
        record.related_persons.push(related(name("ROE", "mary"), "GRD", 2));
        record.related_persons.push(related(name("Roe", "Rob"), "FTH", 2));
        record.immunizations.push(dose("08", "20200101", DoseStatus::Completed, 5));
        record.immunizations.push(dose("08", "20200201", DoseStatus::EnteredInError, 6));
        record.immunizations.push(dose("08", "20210301", DoseStatus::Completed, 7));
        record
    }

    fn outcome(record: Record) -> ReadOutcome {
        ReadOutcome { records: vec![record], ..ReadOutcome::default() }
    }

    #[test]
    fn a_guardian_with_the_mothers_name_is_never_on_an_organizations_copy() {
        let mut profile = Profile::default_for(Recipient::School);
        profile.settings.guardian_name = true;
        let redacted = redact(&outcome(record()), &profile, &StaffRedactions::default());
        let names: Vec<String> = redacted.records[0]
            .related_persons
            .iter()
            .filter_map(|p| p.name.as_ref())
            .map(|n| n.value.display())
            .collect();
        assert_eq!(names, ["Rob Roe"]);
        let mothers = redacted.redactions.iter().filter(|r| r.kind == ItemKind::MotherName).count();
        assert_eq!(mothers, 2);
    }

    #[test]
    fn entered_in_error_doses_reach_no_copy_and_every_other_dose_does() {
        for recipient in [Recipient::Patient, Recipient::School, Recipient::Provider] {
            let redacted = redact(&outcome(record()), &Profile::default_for(recipient), &StaffRedactions::default());
            let dates: Vec<String> = redacted.records[0]
                .immunizations
                .iter()
                .filter_map(|d| d.date.as_ref().map(|d| d.value.to_string()))
                .collect();
            assert_eq!(dates, ["2020-01-01", "2021-03-01"], "{recipient:?}");
            assert!(
                redacted.redactions.iter().any(|r| r.kind == ItemKind::DoseEnteredInError && r.rule == Rule::NotADose)
            );
        }
    }

    #[test]
    fn a_protected_record_is_refused_for_organizations_only() {
        let mut protected = record();
        protected.protection.protection_indicator = Some(Located::new(true, at(b"PD1", 12)));
        for recipient in [Recipient::School, Recipient::Provider] {
            let redacted =
                redact(&outcome(protected.clone()), &Profile::default_for(recipient), &StaffRedactions::default());
            assert!(redacted.records.is_empty(), "{recipient:?}");
            assert_eq!(redacted.blocked, [BlockedRecord { record: 1, reason: PROTECTED_RECORD.to_owned() }]);
        }
        let patient =
            redact(&outcome(protected.clone()), &Profile::default_for(Recipient::Patient), &StaffRedactions::default());
        assert_eq!(patient.records.len(), 1);
        assert!(patient.blocked.is_empty());
        // The family's own copy for a school: the lock keeps organizations from asking, not this.
        let carried = Profile { requested_by_a_person: true, ..Profile::default_for(Recipient::School) };
        let school = redact(&outcome(protected), &carried, &StaffRedactions::default());
        assert_eq!((school.records.len(), school.blocked.len()), (1, 0));
    }

    #[test]
    fn the_whole_record_for_staff_names_the_mother_and_no_identifier() {
        let whole = redact(&outcome(record()), &Profile::whole_record(), &StaffRedactions::default());
        assert!(whole.records[0].patient.mothers_maiden_name.is_some());
        assert!(whole.records[0].patient.identifiers.is_empty());
        assert!(whole.redactions.iter().all(|r| r.rule != Rule::OnRequestOnly && r.rule != Rule::OffByDefault));
    }

    #[test]
    fn staff_can_hide_more_but_never_restore() {
        let mut profile = Profile::default_for(Recipient::Patient);
        profile.settings.personal_details = true;
        // Hide the first dose's note, and try to "hide" the mother's maiden name, which the profile already withholds.
        let staff = StaffRedactions { hidden: vec![at(b"NTE", 3), at(b"PID", 6)], ..StaffRedactions::default() };
        let redacted = redact(&outcome(record()), &profile, &staff);
        assert!(redacted.records[0].immunizations.iter().all(|d| d.notes.is_empty()));
        assert!(redacted.records[0].patient.mothers_maiden_name.is_none());
        let maiden = redacted.redactions.iter().find(|r| r.kind == ItemKind::MothersMaidenName).expect("logged");
        assert_eq!(maiden.rule, Rule::OnRequestOnly, "the profile's reason stands");
        assert!(redacted.redactions.iter().any(|r| r.kind == ItemKind::Note && r.rule == Rule::StaffChoice));
        // Without the staff's choice the notes are there.
        let unhidden = redact(&outcome(record()), &profile, &StaffRedactions::default());
        assert!(unhidden.records[0].immunizations.iter().all(|d| d.notes.len() == 1));
    }

    #[test]
    fn a_dose_named_only_by_the_senders_text_loses_that_text_where_it_may_not_go() {
        let mut record = record();
        let mut unnamed = dose("08", "20220101", DoseStatus::Completed, 9);
        unnamed.cvx = None;
        unnamed.sent_name = Some(Located::new("HepB per Dr Who's note".into(), at(b"RXA", 5)));
        unnamed.vaccine = "HepB per Dr Who's note (no CVX code)".into();
        record.immunizations.push(unnamed);
        let school =
            redact(&outcome(record.clone()), &Profile::default_for(Recipient::School), &StaffRedactions::default());
        let last = school.records[0].immunizations.last().expect("the dose is kept");
        assert_eq!(last.vaccine, "Unknown vaccine (no CVX code)");
        let provider =
            redact(&outcome(record), &Profile::default_for(Recipient::Provider), &StaffRedactions::default());
        let last = provider.records[0].immunizations.last().expect("the dose is kept");
        assert_eq!(last.vaccine, "HepB per Dr Who's note (no CVX code)");
    }

    #[test]
    fn the_summary_counts_doses_by_group_and_year_and_names_no_one() {
        let redacted =
            redact(&outcome(record()), &Profile::default_for(Recipient::DoseCounts), &StaffRedactions::default());
        assert!(redacted.records.is_empty());
        assert_eq!(
            redacted.dose_counts,
            [
                DoseCountRow { vaccine_group: VaccineGroup::HepatitisB, year: Some(2020), doses: 1 },
                DoseCountRow { vaccine_group: VaccineGroup::HepatitisB, year: Some(2021), doses: 1 },
            ]
        );
        assert!(redacted.redactions.iter().any(|r| r.kind == ItemKind::PatientName && r.rule == Rule::DoseCountsOnly));
    }
}
