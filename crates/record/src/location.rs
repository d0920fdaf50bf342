//! Provenance: where in the input a value came from.

use std::fmt;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Byte offsets into the decoded input text, end exclusive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A place in an HL7 v2 input. Numbers are 1-based as HL7 people count them; `component`
/// 0 means the whole field (or repetition).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hl7Location {
    pub message: u32,
    /// The segment's position within its message (MSH is 1).
    pub segment_index: u32,
    pub segment: [u8; 3],
    pub field: u16,
    pub repetition: u16,
    pub component: u16,
    pub span: Span,
}

impl Hl7Location {
    pub fn segment_id(&self) -> &str {
        std::str::from_utf8(&self.segment).unwrap_or("???")
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    Hl7(Hl7Location),
    /// A JSON input: the document's number and a JSON Pointer (RFC 6901) into it.
    Json {
        document: u32,
        pointer: String,
    },
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Hl7(at) => {
                write!(f, "message {}, segment {} ({})", at.message, at.segment_index, at.segment_id())?;
                if at.field > 0 {
                    write!(f, ", {}-{}", at.segment_id(), at.field)?;
                    if at.repetition > 1 {
                        write!(f, " repetition {}", at.repetition)?;
                    }
                    if at.component > 0 {
                        write!(f, ".{}", at.component)?;
                    }
                }
                Ok(())
            }
            Location::Json { document, pointer } if pointer.is_empty() => write!(f, "document {document}"),
            Location::Json { document, pointer } => write!(f, "document {document}, {pointer}"),
        }
    }
}

/// A location in the record's JSON is the sentence people read ("message 1, segment 2 (PID),
/// PID-19"). A binary encoding (the browser app's hand-over between its modules, see
/// `crate::transfer`) keeps the structure instead, so it can be read back exactly.
impl Serialize for Location {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            return serializer.collect_str(self);
        }
        match self {
            Location::Hl7(at) => WireLocation::Hl7(*at),
            Location::Json { document, pointer } => WireLocation::Json(*document, pointer.clone()),
        }
        .serialize(serializer)
    }
}

/// Read back only from a binary encoding: the sentence a JSON document holds is not parsed.
impl<'de> Deserialize<'de> for Location {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if deserializer.is_human_readable() {
            return Err(D::Error::custom("a location is read back only from the binary transfer encoding"));
        }
        Ok(match WireLocation::deserialize(deserializer)? {
            WireLocation::Hl7(at) => Location::Hl7(at),
            WireLocation::Json(document, pointer) => Location::Json { document, pointer },
        })
    }
}

/// [`Location`] as a binary encoding holds it.
#[derive(Serialize, Deserialize)]
enum WireLocation {
    Hl7(Hl7Location),
    Json(u32, String),
}

/// A value read from the input, with where it was read. Serialises as the bare value: the
/// location is for redaction logs and messages, not for the record's JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub at: Location,
}

impl<T> Located<T> {
    pub fn new(value: T, at: Location) -> Self {
        Self { value, at }
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Located<U> {
        Located { value: f(self.value), at: self.at }
    }
}

impl<T: Serialize> Serialize for Located<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            self.value.serialize(serializer)
        } else {
            (&self.value, &self.at).serialize(serializer)
        }
    }
}

/// Read back only from a binary encoding, where the location was kept (see [`Location`]).
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Located<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if deserializer.is_human_readable() {
            return Err(D::Error::custom("a located value is read back only from the binary transfer encoding"));
        }
        let (value, at) = <(T, Location)>::deserialize(deserializer)?;
        Ok(Located { value, at })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pid5() -> Location {
        Location::Hl7(Hl7Location {
            message: 2,
            segment_index: 3,
            segment: *b"PID",
            field: 5,
            repetition: 1,
            component: 1,
            span: Span { start: 10, end: 15 },
        })
    }

    #[test]
    fn hl7_locations_read_as_hl7_people_say_them() {
        assert_eq!(pid5().to_string(), "message 2, segment 3 (PID), PID-5.1");
        let Location::Hl7(mut second) = pid5() else { unreachable!() };
        second.repetition = 2;
        second.component = 0;
        assert_eq!(Location::Hl7(second).to_string(), "message 2, segment 3 (PID), PID-5 repetition 2");
    }

    #[test]
    fn json_locations_name_the_document_and_pointer() {
        let whole = Location::Json { document: 1, pointer: String::new() };
        assert_eq!(whole.to_string(), "document 1");
        let code = Location::Json { document: 2, pointer: "/entry/0/resource/vaccineCode".into() };
        assert_eq!(code.to_string(), "document 2, /entry/0/resource/vaccineCode");
    }

    #[test]
    fn located_values_serialise_as_the_bare_value() {
        let name = Located::new("Müller".to_owned(), pid5());
        assert_eq!(serde_json::to_string(&name).expect("json"), "\"Müller\"");
    }
}
