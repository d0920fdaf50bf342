//! What the decision reads from a record: the patient's age, names and addresses for the knowledge
//! check, protection flags and the hepatitis B doses a minor may have consented to alone.
//!
//! `RecordFacts` holds record values, so it is deliberately not `Serialize` and its `Debug`
//! prints counts only: nothing here may reach a screen, a log or the report.

use std::fmt;

use recdesk_record::{Address, DoseStatus, Location, PartialDate, PersonName, Record, VaccineGroup};

/// Adulthood (Minnesota, and the decision table's "minor").
pub const AGE_OF_MAJORITY: u16 = 18;

/// The parts of one record the access decision needs.
#[derive(Clone, Default)]
pub struct RecordFacts {
    pub(crate) names: Vec<PersonName>,
    pub(crate) birth_date: Option<PartialDate>,
    pub(crate) addresses: Vec<Address>,
    pub(crate) related_names: Vec<PersonName>,
    pub(crate) protected: bool,
    /// The record marks the patient deceased (a death flag or a death date).
    pub(crate) deceased: bool,
    pub(crate) data_as_of: Option<PartialDate>,
    pub(crate) hepatitis_b: Vec<HepatitisBDose>,
    /// Where every dose (not entered in error) is in the input: a minor's own copy withholds
    /// all but the ones the minor consented to alone.
    pub(crate) dose_origins: Vec<Option<Location>>,
}

/// A hepatitis B dose: when (if known) and where in the input.
#[derive(Clone, Debug)]
pub(crate) struct HepatitisBDose {
    pub(crate) date: Option<PartialDate>,
    pub(crate) origin: Option<Location>,
}

impl fmt::Debug for RecordFacts {
    // Counts only: a debug print must not carry the record's values.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RecordFacts")
            .field("names", &self.names.len())
            .field("birth_date", &self.birth_date.is_some())
            .field("addresses", &self.addresses.len())
            .field("related_names", &self.related_names.len())
            .field("protected", &self.protected)
            .field("deceased", &self.deceased)
            .field("hepatitis_b_doses", &self.hepatitis_b.len())
            .field("doses", &self.dose_origins.len())
            .finish()
    }
}

impl RecordFacts {
    pub fn from_record(record: &Record) -> RecordFacts {
        let hepatitis_b = record
            .immunizations
            .iter()
            // Entered in error is on no copy at all, so it needs no review; refusals and partial
            // doses still say something about care the minor may have consented to.
            .filter(|dose| dose.status != DoseStatus::EnteredInError)
            .filter(|dose| dose.vaccine_groups.contains(&VaccineGroup::HepatitisB))
            .map(|dose| HepatitisBDose { date: dose.date.as_ref().map(|d| d.value), origin: dose.origin.clone() })
            .collect();
        RecordFacts {
            names: record.patient.names.iter().map(|n| n.value.clone()).filter(|n| !n.is_empty()).collect(),
            birth_date: record.patient.birth_date.as_ref().map(|d| d.value),
            addresses: record.patient.addresses.iter().map(|a| a.value.clone()).collect(),
            related_names: record
                .related_persons
                .iter()
                .filter_map(|p| p.name.as_ref().map(|n| n.value.clone()))
                .filter(|n| !n.is_empty())
                .collect(),
            protected: record.protection.protection_indicator.as_ref().is_some_and(|p| p.value),
            deceased: record.patient.deceased.as_ref().is_some_and(|d| d.value) || record.patient.death_date.is_some(),
            data_as_of: record.data_as_of.as_ref().map(|d| d.value),
            hepatitis_b,
            dose_origins: record
                .immunizations
                .iter()
                .filter(|dose| dose.status != DoseStatus::EnteredInError)
                .map(|dose| dose.origin.clone())
                .collect(),
        }
    }

    /// The patient's age in whole years on `today`; None when the birth date is incomplete.
    pub fn age_on(&self, today: PartialDate) -> Option<u16> {
        self.birth_date?.years_until(today)
    }

    /// The oldest the patient can be on `today` (a partial birth date read at its earliest day);
    /// None without a birth date.
    pub fn oldest_age_on(&self, today: PartialDate) -> Option<u16> {
        self.birth_date?.earliest_day().years_until(today)
    }

    /// Whether the patient is under 18 on `today`; None when that cannot be told. A birth date
    /// with a year or month only still answers when every day it can mean gives the same answer
    /// (born "2015" is a minor in 2026 whatever the day; born "2008" may or may not be).
    pub fn is_minor_on(&self, today: PartialDate) -> Option<bool> {
        let birth = self.birth_date?;
        let youngest = birth.latest_day().years_until(today);
        let oldest = birth.earliest_day().years_until(today);
        match (oldest, youngest) {
            (Some(oldest), _) if oldest < AGE_OF_MAJORITY => Some(true),
            (_, Some(youngest)) if youngest >= AGE_OF_MAJORITY => Some(false),
            // Born on or before today at the earliest but perhaps after it at the latest: a baby.
            (Some(_), None) => Some(true),
            _ => None,
        }
    }

    /// PD1-12 protection indicator `Y`: not to be shown to other organizations.
    pub fn is_protected(&self) -> bool {
        self.protected
    }

    /// The record marks the patient deceased: never released as the patient's own, never mailed.
    pub fn is_deceased(&self) -> bool {
        self.deceased
    }

    /// Whether the record holds an address mail can reach (a mailed copy needs one).
    pub fn has_address(&self) -> bool {
        Address::for_mail(&self.addresses).is_some()
    }

    /// The report's "data as of": when the sender produced the data.
    pub fn data_as_of(&self) -> Option<PartialDate> {
        self.data_as_of
    }

    /// Hepatitis B doses given while the patient was a minor, at or after `from_age` (a clinic
    /// setting, 12 by default). A dose whose age cannot be ruled out (no date, a year only, an
    /// incomplete birth date) counts: held for review is safe, released by guess is not.
    pub(crate) fn minor_hepatitis_b(&self, from_age: u8) -> Vec<&HepatitisBDose> {
        self.hepatitis_b.iter().filter(|dose| self.may_be_minor_dose(dose, from_age)).collect()
    }

    /// For a minor's own copy: the doses to withhold (every dose but the hepatitis B doses the
    /// minor may have consented to alone), when there are such doses and every dose can be named
    /// by where it is; None otherwise.
    pub(crate) fn not_the_minors_own(&self, from_age: u8) -> Option<Vec<Location>> {
        // Only doses surely given between the review age and 18: here a guess would release.
        let own: Vec<Location> = self
            .hepatitis_b
            .iter()
            .filter(|dose| self.surely_minors_own(dose, from_age))
            .map(|dose| dose.origin.clone())
            .collect::<Option<_>>()?;
        if own.is_empty() {
            return None;
        }
        let all: Vec<Location> = self.dose_origins.iter().cloned().collect::<Option<_>>()?;
        Some(all.into_iter().filter(|at| !own.contains(at)).collect())
    }

    /// Whether the dose was given, on every day its date and the birth date can mean, between
    /// `from_age` and 18.
    fn surely_minors_own(&self, dose: &HepatitisBDose, from_age: u8) -> bool {
        let (Some(birth), Some(date)) = (self.birth_date, dose.date) else { return false };
        let youngest = birth.latest_day().years_until(date.earliest_day());
        let oldest = birth.earliest_day().years_until(date.latest_day());
        youngest.is_some_and(|age| age >= u16::from(from_age)) && oldest.is_some_and(|age| age < AGE_OF_MAJORITY)
    }

    fn may_be_minor_dose(&self, dose: &HepatitisBDose, from_age: u8) -> bool {
        let (Some(birth), Some(date)) = (self.birth_date, dose.date) else { return true };
        let (born_first, born_last) = (birth.earliest_day(), birth.latest_day());
        // A dose cannot precede the birth: a partial date in the birth year or month means a day
        // from the birth on. Wholly before the earliest birth day is an error in the record, which
        // cannot rule anything out.
        if date.latest_day() < born_first {
            return true;
        }
        let (first_day, last_day) = (date.earliest_day().max(born_first), date.latest_day());
        // The oldest the patient can have been on the dose's last day, and the youngest on its first.
        let oldest = born_first.years_until(last_day).unwrap_or(0);
        let youngest = born_last.years_until(first_day).unwrap_or(0);
        oldest >= u16::from(from_age) && youngest < AGE_OF_MAJORITY
    }
}
