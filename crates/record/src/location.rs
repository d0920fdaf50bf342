//! Provenance: where in the input a value came from.

use std::fmt;

use serde::{Serialize, Serializer};

/// Byte offsets into the decoded input text, end exclusive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A place in an HL7 v2 input. Numbers are 1-based as HL7 people count them; `component`
/// 0 means the whole field (or repetition).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
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

impl Serialize for Location {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
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
        self.value.serialize(serializer)
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
