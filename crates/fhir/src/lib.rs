//! Reads FHIR R4 JSON immunization records into the record model.
//!
//! Accepts a Bundle (collection, searchset incl. a `Patient/$everything` result, document,
//! transaction, batch, history, message), a lone Patient or Immunization, and resources in
//! `contained`. References are resolved by `fullUrl` (`urn:uuid:…`, `resource:N` as SMART
//! Health Cards use, absolute URLs) and by `ResourceType/id`, and `#id` within the containing
//! resource. One record per Patient resource; every Immunization is in some record.
//!
//! Read: Patient (+ US Core race and ethnicity, mother's maiden name, birth place, contacts),
//! Immunization, ImmunizationRecommendation (forecast), ImmunizationEvaluation, RelatedPerson,
//! Coverage, and OperationOutcome (as diagnostics). Other resource types are reported once per
//! type; elements the record has no place for are reported once per element path.
//!
//! Every value read is a [`Located`](recdesk_record::Located) value at
//! `Location::Json { document, pointer }`, the RFC 6901 JSON Pointer of the element it came
//! from. Diagnostics name elements and codes, never the input's values.
//!
//! Architecture invariant: [`read`] and [`read_value`] never panic and never fail; they do no
//! I/O and read no clock, so they build for `wasm32-unknown-unknown`.

mod document;
mod elements;
mod immunization;
mod index;
mod json;
mod others;
mod patient;
mod types;

use recdesk_record::{Diagnostic, Format, ReadOutcome};

/// Parses FHIR R4 JSON text (document 1). Invalid JSON gives an error diagnostic naming the
/// line and column, never a panic.
pub fn read(text: &str) -> ReadOutcome {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return failed("The text is empty: there is no FHIR JSON to read.".to_owned());
    }
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(value) => read_value(&value, 1),
        Err(error) => {
            let full = error.to_string();
            let what = match error.classify() {
                serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                    full.rsplit_once(" at line ").map_or(full.as_str(), |(what, _)| what)
                }
                _ => "it could not be read",
            };
            failed(format!(
                "The text is not valid JSON ({what}) at line {}, column {}; nothing was read.",
                error.line(),
                error.column()
            ))
        }
    }
}

/// Reads an already-parsed FHIR value (a SMART Health Card's bundle, for one). `document` is
/// the number used in `Record::message` and in `Location::Json { document, pointer }`.
pub fn read_value(value: &serde_json::Value, document: u32) -> ReadOutcome {
    document::read(value, document)
}

fn failed(message: String) -> ReadOutcome {
    ReadOutcome {
        format: Format::FhirJson,
        diagnostics: vec![Diagnostic::error(None, message)],
        ..ReadOutcome::default()
    }
}
