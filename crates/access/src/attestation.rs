//! The attestation printed with a release (domain.md step 4): who released it, when, to whom,
//! on what evidence and basis, and how current the data is. Kinds of evidence only, never an ID
//! number; no record values beyond the "data as of" date the report shows anyway.

use std::fmt;

use recdesk_record::PartialDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::evidence::AddressSource;
use crate::outcome::{Delivery, Outcome};

/// When the record was released, from the host's clock (the library reads no clock).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ReleaseTime {
    date: PartialDate,
    hour: u8,
    minute: u8,
}

impl ReleaseTime {
    /// None unless the date is complete and the time a real one (00:00–23:59).
    pub fn new(date: PartialDate, hour: u8, minute: u8) -> Option<ReleaseTime> {
        (date.month.is_some() && date.day.is_some() && hour < 24 && minute < 60).then_some(ReleaseTime {
            date,
            hour,
            minute,
        })
    }

    pub fn date(self) -> PartialDate {
        self.date
    }
}

impl fmt::Display for ReleaseTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {:02}:{:02}", self.date, self.hour, self.minute)
    }
}

impl Serialize for ReleaseTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl ReleaseTime {
    /// Reads the form `Display` writes: `YYYY-MM-DD HH:MM`.
    pub fn parse(text: &str) -> Option<ReleaseTime> {
        let (date, time) = text.split_once(' ')?;
        let (hour, minute) = time.split_once(':')?;
        let digits =
            |t: &str| (t.len() == 2 && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse::<u8>().ok()).flatten();
        ReleaseTime::new(PartialDate::parse(date)?, digits(hour)?, digits(minute)?)
    }
}

impl<'de> Deserialize<'de> for ReleaseTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        ReleaseTime::parse(&text).ok_or_else(|| serde::de::Error::custom("expected a release time YYYY-MM-DD HH:MM"))
    }
}

/// What the report states about the release.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Attestation {
    /// The staff member's name, as typed at the start.
    pub released_by: String,
    pub released_at: ReleaseTime,
    /// The requester kind's label ("a parent or guardian of a minor").
    pub requester: &'static str,
    /// Labels of what was seen: the photo ID kind or the knowledge check's result, documents, the
    /// organization's confirmation, a consent.
    pub evidence_seen: Vec<&'static str>,
    /// The date a consent was signed, when one was relied on (it starts its one-year validity).
    pub consent_signed_on: Option<PartialDate>,
    /// Who signed that consent (a kind: "the patient", "a parent or guardian of the minor").
    pub consent_signed_by: Option<&'static str>,
    /// The end date the consent states, if it states one.
    pub consent_valid_until: Option<PartialDate>,
    /// Who the paper is for, when asked.
    pub purpose: Option<&'static str>,
    pub outcome: Outcome,
    pub outcome_label: &'static str,
    pub basis: Vec<&'static str>,
    pub explanation: &'static str,
    /// When the sender produced the data (the record's MSH-7 or equivalent).
    pub data_as_of: Option<PartialDate>,
    /// Handed over, or mailed to the patient's address (identity by knowledge check).
    pub delivery: Delivery,
    /// For a mailed copy: whose record the address comes from.
    pub mailing_address: Option<AddressSource>,
    /// The clinician who reviewed the doses held for them and released them with this copy.
    pub held_doses_released_by: Option<String>,
    /// Every clinic setting the decision ran under that differs from its default, in words.
    pub settings: Vec<String>,
}

impl Attestation {
    /// How the copy reaches the requester, in the words the report prints.
    pub fn delivery_text(&self) -> String {
        match (self.delivery, self.mailing_address) {
            (Delivery::MailedToThePatientsAddress, Some(source)) => {
                format!("{}; address from {}", self.delivery.label(), source.label())
            }
            (delivery, _) => delivery.label().to_owned(),
        }
    }
}

impl Attestation {
    /// What an attestation made outside the wizard says of the requester and the basis.
    pub const NOT_RECORDED: &'static str = "not recorded (released with the command-line tool)";

    /// The attestation of a release made outside the wizard (the command-line tool): it states who
    /// released the copy, when, and for which recipient, and says plainly that the requester and
    /// the evidence were not recorded here. It claims no legal basis it did not check.
    pub fn not_recorded(
        released_by: String,
        released_at: ReleaseTime,
        recipient: recdesk_redact::Recipient,
        data_as_of: Option<PartialDate>,
    ) -> Attestation {
        let outcome = match recipient {
            recdesk_redact::Recipient::Patient => Outcome::ReleaseFull,
            recipient => Outcome::ReleaseRedacted { recipient },
        };
        Attestation {
            released_by,
            released_at,
            requester: Attestation::NOT_RECORDED,
            evidence_seen: Vec::new(),
            consent_signed_on: None,
            consent_signed_by: None,
            consent_valid_until: None,
            purpose: None,
            outcome_label: outcome.label(),
            outcome,
            basis: vec![Attestation::NOT_RECORDED],
            explanation: "Released with the command-line tool: the requester's access was checked outside Record Desk.",
            data_as_of,
            delivery: Delivery::AtTheDesk,
            mailing_address: None,
            held_doses_released_by: None,
            settings: Vec::new(),
        }
    }
}
