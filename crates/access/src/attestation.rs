//! The attestation printed with a release (domain.md step 4): who released it, when, to whom,
//! on what evidence and basis, and how current the data is. Kinds of evidence only, never an ID
//! number; no record values beyond the "data as of" date the report shows anyway.

use std::fmt;

use recdesk_record::PartialDate;
use serde::{Serialize, Serializer};

use crate::outcome::Outcome;

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
    /// Who the paper is for, when asked.
    pub purpose: Option<&'static str>,
    pub outcome: Outcome,
    pub outcome_label: &'static str,
    pub basis: Vec<&'static str>,
    pub explanation: &'static str,
    /// How many doses were held back for a clinician (they are named in the redaction log).
    pub doses_held_for_review: usize,
    /// When the sender produced the data (the record's MSH-7 or equivalent).
    pub data_as_of: Option<PartialDate>,
}
