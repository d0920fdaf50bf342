//! Which entries of a FHIR Bundle make one patient's record, decided an entry at a time: a
//! record begins at each Patient entry and takes the entries after it, up to the next Patient.
//! Every entry that names a patient must name that Patient, and every ImmunizationEvaluation a
//! dose of it; anything else means the bundle is not in patient order, and the caller reads it
//! whole or refuses it. References are matched as recdesk-fhir's index resolves them (by
//! `fullUrl`, `Patient/id`, or the tail of an absolute URL), so a record read alone gets the
//! same answer it gets in the whole bundle.

use serde::Deserialize;
use serde_json::Value;

/// Resource types whose patient the reader looks up, and the element that names it.
const LINKED: &[(&str, &str)] = &[
    ("Immunization", "patient"),
    ("ImmunizationRecommendation", "patient"),
    ("RelatedPerson", "patient"),
    ("Coverage", "beneficiary"),
];

/// Why the entries cannot be grouped an entry at a time (it names no value of the record).
#[derive(Debug, PartialEq, Eq)]
pub struct OutOfOrder(pub String);

/// One record's entries, in input order.
#[derive(Debug, Default)]
pub struct Closed {
    /// Index in `entry` of the first of them.
    pub first_entry: usize,
    pub entries: Vec<Vec<u8>>,
    /// Index of the record's Patient entry (none only when the bundle holds no Patient).
    pub patient_entry: Option<usize>,
}

/// What one entry says about where it belongs.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Facts {
    pub kind: String,
    pub full_url: Option<String>,
    pub id: Option<String>,
    /// The reference text of the element that names the patient (or an evaluation's dose):
    /// `None` when the element is absent, `Some("")` when it is there but names nothing.
    pub reference: Option<String>,
}

#[derive(Deserialize)]
struct FastEntry {
    #[serde(rename = "fullUrl")]
    full_url: Option<Value>,
    resource: Option<FastResource>,
}

/// Only the members grouping reads; serde skips the rest without building it.
#[derive(Deserialize)]
struct FastResource {
    #[serde(rename = "resourceType")]
    kind: Option<Value>,
    id: Option<Value>,
    patient: Option<Value>,
    beneficiary: Option<Value>,
    #[serde(rename = "immunizationEvent")]
    event: Option<Value>,
}

impl Facts {
    /// Reads an entry's facts; an error only when the bytes are not JSON.
    pub fn of(bytes: &[u8]) -> Result<Facts, serde_json::Error> {
        // The usual entry is an object with an object resource; anything odder (another type,
        // a duplicated member) takes the slow road through a whole value.
        if let Ok(fast) = serde_json::from_slice::<FastEntry>(bytes) {
            let Some(resource) = fast.resource else {
                return Ok(Facts { full_url: text(fast.full_url.as_ref()), ..Facts::default() });
            };
            let member = |name: &str| match name {
                "patient" => resource.patient.as_ref(),
                "beneficiary" => resource.beneficiary.as_ref(),
                _ => resource.event.as_ref(),
            };
            return Ok(Facts::from_parts(fast.full_url.as_ref(), resource.kind.as_ref(), resource.id.as_ref(), member));
        }
        let value: Value = serde_json::from_slice(bytes)?;
        let resource = value.get("resource").filter(|r| r.is_object());
        let member = |name: &str| resource.and_then(|r| r.get(name));
        Ok(Facts::from_parts(value.get("fullUrl"), member("resourceType"), member("id"), member))
    }

    fn from_parts<'v>(
        full_url: Option<&Value>,
        kind: Option<&Value>,
        id: Option<&Value>,
        member: impl Fn(&str) -> Option<&'v Value>,
    ) -> Facts {
        let kind = kind.and_then(Value::as_str).map(str::trim).unwrap_or_default().to_owned();
        let element = match kind.as_str() {
            "ImmunizationEvaluation" => Some("immunizationEvent"),
            kind => LINKED.iter().find(|(linked, _)| *linked == kind).map(|(_, element)| *element),
        };
        let reference = element.and_then(member).filter(|v| !v.is_null()).map(|reference| {
            reference.get("reference").and_then(Value::as_str).map(str::trim).unwrap_or_default().to_owned()
        });
        Facts { kind, full_url: text(full_url), id: text(id), reference }
    }
}

/// A string member, trimmed, when not blank (as the reader takes `fullUrl` and `id`).
fn text(value: Option<&Value>) -> Option<String> {
    value.and_then(Value::as_str).map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned)
}

/// The names a resource answers to: its `fullUrl`, and `Type/id`.
#[derive(Debug)]
struct Names {
    full_url: Option<String>,
    type_ids: Vec<String>,
}

impl Names {
    fn of(kind: &str, facts: &Facts) -> Names {
        let mut type_ids = Vec::new();
        if let Some(id) = &facts.id {
            type_ids.push(format!("{kind}/{id}"));
        }
        // `https://example.org/fhir/Patient/123` also answers to `Patient/123`.
        if let Some((url_kind, url_id)) = facts.full_url.as_deref().and_then(type_and_id) {
            if url_kind == kind {
                type_ids.push(format!("{url_kind}/{url_id}"));
            }
        }
        Names { full_url: facts.full_url.clone(), type_ids }
    }

    fn answer_to(&self, reference: &str) -> bool {
        let plain = reference.split("/_history/").next().unwrap_or(reference);
        let by_url = |text: &str| self.full_url.as_deref() == Some(text);
        by_url(reference)
            || by_url(plain)
            || type_and_id(plain).is_some_and(|(kind, id)| self.type_ids.iter().any(|t| *t == format!("{kind}/{id}")))
    }
}

/// `Patient` and `123` from `Patient/123` or `https://example.org/fhir/Patient/123`, as
/// recdesk-fhir's index reads them.
fn type_and_id(reference: &str) -> Option<(&str, &str)> {
    let mut parts = reference.trim_end_matches('/').rsplit('/');
    let (id, kind) = (parts.next()?, parts.next()?);
    let name_like = |text: &str| {
        let mut bytes = text.bytes();
        matches!(bytes.next(), Some(b) if b.is_ascii_uppercase())
            && text.len() <= 64
            && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
    };
    (!id.is_empty() && name_like(kind)).then_some((kind, id))
}

#[derive(Debug)]
struct Open {
    closed: Closed,
    bytes: usize,
    patient: Option<Names>,
    doses: Vec<Names>,
    /// Evaluations and the dose each names, checked when the record closes (a dose may
    /// follow its evaluation).
    evaluations: Vec<(usize, String)>,
}

/// Groups entries into records as they come.
#[derive(Debug)]
pub struct Grouper {
    open: Option<Open>,
    /// Keep the entries' bytes (a first pass that only checks the order does not).
    keep: bool,
    record_limit: usize,
}

impl Grouper {
    pub fn new(keep: bool, record_limit: usize) -> Self {
        Grouper { open: None, keep, record_limit }
    }

    /// Adds entry `index`; a record is returned when this entry closes it.
    pub fn push(&mut self, index: usize, bytes: Vec<u8>, facts: &Facts) -> Result<Option<Closed>, OutOfOrder> {
        let kind = facts.kind.as_str();
        let mut closed = None;
        match kind {
            "Patient" => {
                // Entries before the first Patient (a document's Composition, say) join its record.
                if self.open.as_ref().is_none_or(|open| open.patient.is_some()) {
                    closed = self.close()?;
                }
                let open = self.open_at(index);
                open.patient = Some(Names::of("Patient", facts));
                open.closed.patient_entry = Some(index);
            }
            "Bundle" => return Err(OutOfOrder(format!("entry {index} is a Bundle inside the Bundle"))),
            "ImmunizationEvaluation" => {
                let dose = facts.reference.clone().filter(|r| !r.is_empty() && !r.starts_with('#'));
                self.open_at(index).evaluations.extend(dose.map(|dose| (index, dose)));
            }
            _ => {
                if let Some((_, element)) = LINKED.iter().find(|(linked, _)| *linked == kind) {
                    let open = self.open_at(index);
                    let names = |r: &String| open.patient.as_ref().is_some_and(|p| p.answer_to(r));
                    match facts.reference.as_ref().filter(|r| !r.is_empty()) {
                        Some(reference) if names(reference) => {}
                        Some(_) if open.patient.is_none() => {
                            return Err(OutOfOrder(format!(
                                "entry {index} ({kind}) names a patient, and no Patient entry comes before it"
                            )));
                        }
                        Some(_) => {
                            return Err(OutOfOrder(format!(
                                "entry {index} ({kind}) names a patient other than the Patient of entry {}",
                                open.closed.patient_entry.unwrap_or_default()
                            )));
                        }
                        None => {
                            return Err(OutOfOrder(format!(
                                "entry {index} ({kind}) does not name its patient by reference ({kind}.{element})"
                            )));
                        }
                    }
                    if kind == "Immunization" {
                        open.doses.push(Names::of(kind, facts));
                    }
                }
            }
        }
        let (record_limit, keep) = (self.record_limit, self.keep);
        let open = self.open_at(index);
        open.bytes += bytes.len();
        if open.bytes > record_limit {
            return Err(OutOfOrder(format!(
                "the entries of the record that starts at entry {} are more than {} MB together",
                open.closed.first_entry,
                record_limit / (1024 * 1024)
            )));
        }
        if keep {
            open.closed.entries.push(bytes);
        }
        Ok(closed)
    }

    /// The last record, at the end of the entries.
    pub fn finish(&mut self) -> Result<Option<Closed>, OutOfOrder> {
        self.close()
    }

    fn open_at(&mut self, index: usize) -> &mut Open {
        self.open.get_or_insert_with(|| Open {
            closed: Closed { first_entry: index, ..Closed::default() },
            bytes: 0,
            patient: None,
            doses: Vec::new(),
            evaluations: Vec::new(),
        })
    }

    fn close(&mut self) -> Result<Option<Closed>, OutOfOrder> {
        let Some(open) = self.open.take() else { return Ok(None) };
        for (index, dose) in &open.evaluations {
            if !open.doses.iter().any(|names| names.answer_to(dose)) {
                return Err(OutOfOrder(format!(
                    "entry {index} (ImmunizationEvaluation) names a dose that is not among the entries of its \
                     patient's record"
                )));
            }
        }
        Ok(Some(open.closed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn push(grouper: &mut Grouper, index: usize, json: &str) -> Result<Option<Closed>, OutOfOrder> {
        let facts = Facts::of(json.as_bytes()).expect("JSON");
        grouper.push(index, json.as_bytes().to_vec(), &facts)
    }

    #[test]
    fn facts_are_read_from_usual_and_odd_entries_alike() {
        let usual = r#"{"fullUrl":" urn:uuid:1 ","resource":{"resourceType":"Immunization","id":"d","patient":{"reference":"Patient/p"},"x":[1,{"y":2}]}}"#;
        let facts = Facts::of(usual.as_bytes()).expect("JSON");
        assert_eq!(
            facts,
            Facts {
                kind: "Immunization".into(),
                full_url: Some("urn:uuid:1".into()),
                id: Some("d".into()),
                reference: Some("Patient/p".into())
            }
        );
        // A duplicated member: the last one counts, as in the reader's JSON value.
        let twice = r#"{"resource":{"resourceType":"Coverage","beneficiary":{"reference":"a"},"beneficiary":{"reference":"b"}}}"#;
        assert_eq!(Facts::of(twice.as_bytes()).expect("JSON").reference.as_deref(), Some("b"));
        let odd = r#"{"resource":"Immunization"}"#;
        assert_eq!(Facts::of(odd.as_bytes()).expect("JSON"), Facts::default());
        assert_eq!(Facts::of(b"42").expect("JSON"), Facts::default());
        let unreadable = r#"{"resource":{"resourceType":"Immunization","patient":"urn:uuid:1"}}"#;
        assert_eq!(Facts::of(unreadable.as_bytes()).expect("JSON").reference.as_deref(), Some(""));
        assert!(Facts::of(b"{\"resource\":").is_err());
    }

    #[test]
    fn each_patient_takes_the_entries_that_follow_it() {
        let mut grouper = Grouper::new(true, 1 << 20);
        let lines = [
            r#"{"resource":{"resourceType":"Composition"}}"#,
            r#"{"fullUrl":"https://x.org/fhir/Patient/a","resource":{"resourceType":"Patient"}}"#,
            r#"{"resource":{"resourceType":"Immunization","patient":{"reference":"Patient/a/_history/2"}}}"#,
            r#"{"resource":{"resourceType":"Practitioner"}}"#,
            r#"{"fullUrl":"urn:uuid:b","resource":{"resourceType":"Patient","id":"b"}}"#,
            r#"{"resource":{"resourceType":"Coverage","beneficiary":{"reference":"urn:uuid:b"}}}"#,
            r#"{"fullUrl":"urn:uuid:d","resource":{"resourceType":"Immunization","patient":{"reference":"Patient/b"}}}"#,
            r#"{"resource":{"resourceType":"ImmunizationEvaluation","immunizationEvent":{"reference":"urn:uuid:d"}}}"#,
        ];
        let mut records = Vec::new();
        for (index, line) in lines.iter().enumerate() {
            records.extend(push(&mut grouper, index, line).expect("in order"));
        }
        records.extend(grouper.finish().expect("in order"));
        let shape: Vec<(usize, usize, Option<usize>)> =
            records.iter().map(|r| (r.first_entry, r.entries.len(), r.patient_entry)).collect();
        assert_eq!(shape, [(0, 4, Some(1)), (4, 4, Some(4))]);
    }

    #[test]
    fn an_entry_for_another_patient_is_out_of_order() {
        let patient = |id: &str| format!(r#"{{"resource":{{"resourceType":"Patient","id":"{id}"}}}}"#);
        let dose = |id: &str| {
            format!(r#"{{"resource":{{"resourceType":"Immunization","patient":{{"reference":"Patient/{id}"}}}}}}"#)
        };
        let mut grouper = Grouper::new(false, 1 << 20);
        push(&mut grouper, 0, &patient("a")).expect("first");
        push(&mut grouper, 1, &patient("b")).expect("second");
        let OutOfOrder(why) = push(&mut grouper, 2, &dose("a")).expect_err("a is not current");
        assert_eq!(why, "entry 2 (Immunization) names a patient other than the Patient of entry 1");
        // Before any Patient, and without a reference (never guessed onto the current patient).
        let mut grouper = Grouper::new(false, 1 << 20);
        assert!(push(&mut grouper, 0, &dose("a")).is_err());
        let mut grouper = Grouper::new(false, 1 << 20);
        push(&mut grouper, 0, &patient("a")).expect("first");
        let contained = r##"{"resource":{"resourceType":"RelatedPerson","patient":{"reference":"#p"}}}"##;
        assert!(push(&mut grouper, 1, contained).is_err());
        let no_reference = r#"{"resource":{"resourceType":"Coverage","beneficiary":{"display":"x"}}}"#;
        assert!(push(&mut grouper, 1, no_reference).is_err());
        // An evaluation of a dose of another record.
        let mut grouper = Grouper::new(false, 1 << 20);
        push(&mut grouper, 0, &patient("a")).expect("first");
        let evaluation = r#"{"resource":{"resourceType":"ImmunizationEvaluation","immunizationEvent":{"reference":"Immunization/z"}}}"#;
        push(&mut grouper, 1, evaluation).expect("checked at the close");
        assert!(push(&mut grouper, 2, &patient("b")).is_err());
    }

    #[test]
    fn a_record_larger_than_its_limit_is_refused() {
        let mut grouper = Grouper::new(true, 100);
        push(&mut grouper, 0, r#"{"resource":{"resourceType":"Patient","id":"a"}}"#).expect("small");
        let big = format!(r#"{{"resource":{{"resourceType":"Observation","note":"{}"}}}}"#, "x".repeat(100));
        assert!(push(&mut grouper, 1, &big).is_err());
    }
}
