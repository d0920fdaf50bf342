//! A reading, exactly, as bytes: how the browser app's modules, which are separate WebAssembly
//! modules with separate memories, hand readings to each other (the reader module to the first
//! screen, the first screen to the desk: verification, review, report).
//!
//! Unlike the record's JSON, which is for people and drops where each value was read, this keeps
//! every field and every location, so the redaction log after the hand-over still says
//! "message 1, segment 2 (PID), PID-19". The encoding is postcard (serde); only this module knows.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::ReadOutcome;

/// Why bytes could not be read back as a reading: not made by [`encode`] of this build.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransferError(String);

impl TransferError {
    /// A reason of the caller's own (such as a hand-over holding the wrong number of records).
    pub fn new(reason: impl Into<String>) -> Self {
        Self(reason.into())
    }
}

impl std::fmt::Display for TransferError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the record could not be handed over: {}", self.0)
    }
}

impl std::error::Error for TransferError {}

/// Leads the bytes, so bytes from another source are refused, not misread.
const MAGIC: &[u8] = b"recdesk-reading-1\0";

/// Which version of the model the bytes were written with. postcard writes an enum's variant as
/// its position, so bytes from a build whose model differs could be misread (a completed dose
/// as entered in error) rather than refused: the browser app's modules could come from two
/// builds if a new copy is deployed while a page is open. `cargo xtask` sets `RECDESK_SCHEMA` to
/// a hash of the model's sources when it builds the app; other builds say "dev".
const SCHEMA: &str = match option_env!("RECDESK_SCHEMA") {
    Some(schema) => schema,
    None => "dev",
};

/// The tag that leads the bytes: [`MAGIC`], then [`SCHEMA`] and a NUL.
fn tag() -> Vec<u8> {
    let mut tag = MAGIC.to_vec();
    tag.extend_from_slice(SCHEMA.as_bytes());
    tag.push(0);
    tag
}

/// The reading as bytes [`decode`] turns back into an equal reading.
pub fn encode(reading: &ReadOutcome) -> Vec<u8> {
    to_bytes(reading)
}

/// The reading [`encode`] made.
pub fn decode(bytes: &[u8]) -> Result<ReadOutcome, TransferError> {
    from_bytes(bytes)
}

/// Any value built of the record's types (such as intake's result, which wraps a reading) as
/// bytes [`from_bytes`] reads back equal.
pub fn to_bytes<T: Serialize>(value: &T) -> Vec<u8> {
    // Serialising these types to a Vec cannot fail: every field is a plain value, and the
    // binary forms of locations and dates (location.rs, date.rs) are total. Were it to fail,
    // the bare tag is refused by `from_bytes`, so nothing is misread.
    postcard::to_extend(value, tag()).unwrap_or_else(|_| tag())
}

/// The value [`to_bytes`] made.
pub fn from_bytes<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, TransferError> {
    let body = bytes.strip_prefix(MAGIC).ok_or_else(|| TransferError("it is not a record hand-over".into()))?;
    let body = body
        .strip_prefix(SCHEMA.as_bytes())
        .and_then(|rest| rest.strip_prefix(&[0]))
        .ok_or_else(|| TransferError("it was written by another version of Record Desk".into()))?;
    match postcard::take_from_bytes::<T>(body) {
        Ok((value, [])) => Ok(value),
        Ok(_) => Err(TransferError("bytes are left over".into())),
        Err(problem) => Err(TransferError(problem.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Format, Hl7Location, Located, Location, PartialDate, Patient, PersonName, Record, Span};

    fn reading() -> ReadOutcome {
        let at = Location::Hl7(Hl7Location {
            message: 1,
            segment_index: 2,
            segment: *b"PID",
            field: 5,
            repetition: 1,
            component: 0,
            span: Span { start: 40, end: 52 },
        });
        let mut patient = Patient::default();
        patient.names.push(Located::new(
            PersonName {
                family: "Nguyễn".into(), given: vec!["Thị".into(), "Ánh".into()], ..PersonName::default()
            },
            at.clone(),
        ));
        patient.birth_date = Some(Located::new(
            PartialDate { year: 2012, month: Some(2), day: None },
            Location::Json { document: 1, pointer: "/entry/0/resource/birthDate".into() },
        ));
        ReadOutcome {
            format: Format::Hl7v2,
            records: vec![Record { patient, ..Record::default() }],
            ..ReadOutcome::default()
        }
    }

    #[test]
    fn a_reading_comes_back_equal_with_its_locations() {
        let reading = reading();
        let back = decode(&encode(&reading)).expect("read back");
        assert_eq!(back, reading);
        assert_eq!(back.records[0].patient.names[0].at.to_string(), "message 1, segment 2 (PID), PID-5");
    }

    #[test]
    fn other_bytes_are_refused() {
        let bytes = encode(&reading());
        assert!(decode(b"").is_err());
        assert!(decode(&bytes[..bytes.len() - 1]).is_err(), "truncated");
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer).is_err(), "trailing bytes");
        assert!(decode(&bytes[MAGIC.len()..]).is_err(), "no magic");
        let mut other_build = MAGIC.to_vec();
        other_build.extend_from_slice(b"another-schema\0");
        other_build.extend_from_slice(&bytes[tag().len()..]);
        let refused = decode(&other_build).expect_err("another build's bytes");
        assert!(refused.to_string().contains("another version"), "{refused}");
    }

    #[test]
    fn json_keeps_its_readable_form() {
        let json = serde_json::to_value(reading()).expect("json");
        assert_eq!(json["records"][0]["patient"]["birth_date"], "2012-02");
        assert_eq!(json["records"][0]["patient"]["names"][0]["family"], "Nguyễn");
    }
}
