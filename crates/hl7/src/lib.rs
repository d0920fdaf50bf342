//! Reads HL7 v2.5.1 immunization messages into the record model.
//!
//! Handles VXU^V04, RSP^K11 (Z32 one patient, Z31 candidates, Z33 none, Z42 evaluated
//! history and forecast) and ACK with ERR, one message or many (batches, or messages pasted
//! back to back). The text must already be decoded (see `recdesk-intake`).
//!
//! Architecture invariant: [`read`] never panics and never fails. It returns whatever it
//! could read plus diagnostics; what it does not understand is reported, not guessed at.

mod reader;
pub mod syntax;

pub use reader::{read, read_part};
