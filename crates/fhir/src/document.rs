//! One FHIR document (a Bundle or a lone resource) to records: one per Patient, with each
//! dose, forecast, relative and coverage attached to the patient it names.

use std::collections::BTreeMap;

use recdesk_record::{Diagnostic, Format, Located, MessageSummary, PartialDate, Protection, ReadOutcome, Record};
use serde_json::Value;

use crate::index::{Index, READ_TYPES};
use crate::json::{Ctx, Node, describe, name_like};
use crate::types::{self, Reference};
use crate::{immunization, others, patient};

const BUNDLE_TYPES: &[&str] = &[
    "document",
    "message",
    "transaction",
    "transaction-response",
    "batch",
    "batch-response",
    "history",
    "searchset",
    "collection",
];

pub(crate) fn read(value: &Value, document: u32) -> ReadOutcome {
    let mut outcome = ReadOutcome { format: Format::FhirJson, ..ReadOutcome::default() };
    let root = Node::root(value);
    let kind = match value {
        Value::Object(object) => match object.get("resourceType") {
            Some(Value::String(kind)) => kind.trim(),
            _ => {
                let at = Location::at(document, &root);
                outcome.diagnostics.push(Diagnostic::error(
                    Some(at),
                    "The JSON has no resourceType, so it is not a FHIR resource; nothing was read.",
                ));
                return outcome;
            }
        },
        other => {
            let at = Location::at(document, &root);
            outcome.diagnostics.push(Diagnostic::error(
                Some(at),
                format!(
                    "The JSON is {}, not a FHIR resource (an object with a resourceType); nothing was read.",
                    describe(other)
                ),
            ));
            return outcome;
        }
    };
    let message_type = if kind == "Bundle" {
        match value.get("type").and_then(Value::as_str) {
            Some(kind) if BUNDLE_TYPES.contains(&kind) => format!("Bundle ({kind})"),
            _ => "Bundle".to_owned(),
        }
    } else if name_like(kind) {
        kind.to_owned()
    } else {
        "FHIR resource".to_owned()
    };

    let mut ctx = Ctx::new(document);
    let index = Index::build(&mut ctx, value);
    let mut builder = Builder::new(ctx, &index);
    if kind == "Bundle" {
        builder.bundle(&root.as_resource("Bundle"));
    }
    builder.run();
    let Builder { ctx, records, data_as_of, .. } = builder;
    let mut diagnostics = ctx.diagnostics;
    let has_outcome = index.resources.iter().any(|r| r.kind == "OperationOutcome");
    if records.is_empty() && !has_outcome {
        diagnostics.push(Diagnostic::warning(
            None,
            "The FHIR input holds no Patient or Immunization resource, so there is no record to show.",
        ));
    }
    outcome.messages.push(MessageSummary {
        number: document,
        message_type,
        sent_at: data_as_of.map(|d| d.value),
        records: records.len() as u32,
        ..MessageSummary::default()
    });
    outcome.records = records;
    outcome.diagnostics = diagnostics;
    outcome
}

/// `Location::Json` for a node, outside a [`Ctx`].
struct Location;

impl Location {
    fn at(document: u32, node: &Node<'_>) -> recdesk_record::Location {
        recdesk_record::Location::Json { document, pointer: node.pointer.clone() }
    }
}

/// What a resource says about its patient.
enum Subject {
    /// The patient's record.
    Found(usize),
    /// No such record, and none should be made.
    NotRead,
}

struct Builder<'i, 'a> {
    ctx: Ctx,
    index: &'i Index<'a>,
    records: Vec<Record>,
    /// Patient resource → its record.
    patients: BTreeMap<usize, usize>,
    /// Records made for a patient that is referred to but not in the input, by reference.
    orphans: BTreeMap<String, usize>,
    /// Immunization resource → (record, dose), for evaluations.
    doses: BTreeMap<usize, (usize, usize)>,
    data_as_of: Option<Located<PartialDate>>,
}

impl<'i, 'a> Builder<'i, 'a> {
    fn new(ctx: Ctx, index: &'i Index<'a>) -> Self {
        Builder {
            ctx,
            index,
            records: Vec::new(),
            patients: BTreeMap::new(),
            orphans: BTreeMap::new(),
            doses: BTreeMap::new(),
            data_as_of: None,
        }
    }

    /// What the outermost Bundle says about itself.
    fn bundle(&mut self, node: &Node<'_>) {
        match node.member("type") {
            Some(kind) if kind.str().is_some_and(|k| BUNDLE_TYPES.contains(&k)) => {}
            Some(kind) => {
                self.ctx.warn(&kind, "Bundle.type is not a FHIR R4 bundle type; the entries were read as a collection.")
            }
            None => self.ctx.warn(node, "Bundle.type is missing; the entries were read as a collection."),
        }
        self.data_as_of = self.ctx.date(node, "timestamp");
        if self.data_as_of.is_none() {
            if let Some(meta) = self.ctx.object(node, "meta") {
                self.data_as_of = self.ctx.date(&meta, "lastUpdated");
            }
        }
        for link in self.ctx.objects(node, "link") {
            if link.peek("relation") == Some("next") {
                self.ctx.warn(
                    &link,
                    "This is one page of a search result: the next page (Bundle.link next) was not read, so the record \
                     may be incomplete.",
                );
            }
        }
    }

    fn run(&mut self) {
        let index = self.index;
        // Resource types that are not read, once per type.
        for resource in &index.resources {
            if !READ_TYPES.contains(&resource.kind.as_str()) {
                let kind = &resource.kind;
                self.ctx.warn_once(
                    format!("resource type {kind}"),
                    &resource.node,
                    format!("FHIR {kind} resources are not part of an immunization record and were not read."),
                );
            }
        }
        for (position, resource) in index.resources.iter().enumerate() {
            match resource.kind.as_str() {
                "Patient" => {
                    let (patient, related_persons) = patient::read(&mut self.ctx, &resource.node);
                    let protection =
                        Protection { protection_indicator: self.restricted(&resource.node), ..Protection::default() };
                    self.patients.insert(position, self.records.len());
                    self.records.push(Record { patient, related_persons, protection, ..self.new_record() });
                }
                "OperationOutcome" => others::operation_outcome(&mut self.ctx, &resource.node),
                _ => {}
            }
        }
        // Doses and forecasts may make a record of their own; relatives and coverage never do.
        for (position, resource) in index.resources.iter().enumerate() {
            match resource.kind.as_str() {
                "Immunization" => {
                    let dose = immunization::read(&mut self.ctx, index, position, &resource.node);
                    if let Subject::Found(record) = self.subject(position, "patient", "the dose", true) {
                        if let Some(target) = self.records.get_mut(record) {
                            self.doses.insert(position, (record, target.immunizations.len()));
                            target.immunizations.push(dose);
                        }
                    }
                }
                "ImmunizationRecommendation" => {
                    let (rows, contraindications) = others::recommendation(&mut self.ctx, &resource.node);
                    if let Subject::Found(record) = self.subject(position, "patient", "the forecast", true) {
                        if let Some(target) = self.records.get_mut(record) {
                            target.forecast.extend(rows);
                            target.observations.extend(contraindications);
                        }
                    }
                }
                _ => {}
            }
        }
        for (position, resource) in index.resources.iter().enumerate() {
            match resource.kind.as_str() {
                "RelatedPerson" => {
                    let person = patient::related_person(&mut self.ctx, &resource.node);
                    if let Subject::Found(record) = self.subject(position, "patient", "the related person", false) {
                        if let Some(target) = self.records.get_mut(record) {
                            target.related_persons.push(person);
                        }
                    }
                }
                "Coverage" => {
                    let entry = others::coverage(&mut self.ctx, index, position, &resource.node);
                    if let Subject::Found(record) = self.subject(position, "beneficiary", "the coverage", false) {
                        if let Some(target) = self.records.get_mut(record) {
                            target.insurance.push(entry);
                        }
                    }
                }
                _ => {}
            }
        }
        for (position, resource) in index.resources.iter().enumerate() {
            if resource.kind == "ImmunizationEvaluation" {
                self.evaluation(position, &resource.node);
            }
        }
    }

    /// The FHIR form of HL7's PD1-12 protection indicator: a security label of restricted (`R`)
    /// or very restricted (`V`) confidentiality in `meta.security`.
    fn restricted(&mut self, resource: &Node<'_>) -> Option<Located<bool>> {
        let meta = self.ctx.object(resource, "meta")?;
        for label in self.ctx.objects(&meta, "security") {
            let system = self.ctx.string(&label, "system").map(|s| s.value).unwrap_or_default();
            let Some(code) = self.ctx.string(&label, "code") else { continue };
            if system.ends_with("v3-Confidentiality") && matches!(code.value.as_str(), "R" | "V") {
                return Some(code.map(|_| true));
            }
        }
        None
    }

    fn new_record(&self) -> Record {
        Record { message: self.ctx.document, data_as_of: self.data_as_of.clone(), ..Record::default() }
    }

    fn evaluation(&mut self, position: usize, node: &Node<'_>) {
        let Some(evaluation) = others::evaluation(&mut self.ctx, node) else { return };
        let event = types::reference(&mut self.ctx, node, "immunizationEvent");
        let dose = event
            .as_ref()
            .and_then(|event| event.reference.as_deref())
            .and_then(|reference| self.index.resolve(position, reference))
            .and_then(|target| self.doses.get(&target).copied());
        match dose.and_then(|(record, dose)| self.records.get_mut(record)?.immunizations.get_mut(dose)) {
            Some(dose) => dose.evaluations.push(evaluation),
            None => {
                let at = event.map_or_else(|| node.clone(), |e| e.node);
                self.ctx.warn(
                    &at,
                    "ImmunizationEvaluation.immunizationEvent does not name a dose in the input; the evaluation was not \
                     read.",
                );
            }
        }
    }

    /// The record a resource belongs to, from its reference `element` (patient, beneficiary).
    /// A reference that names no patient in the input goes to the only patient when there
    /// is exactly one; otherwise, when `own_record`, to a record of its own (one per
    /// missing patient, so doses for the same absent patient stay together).
    fn subject(&mut self, position: usize, element: &str, what: &str, own_record: bool) -> Subject {
        let index = self.index;
        let Some(resource) = index.get(position) else { return Subject::NotRead };
        let path = format!("{}.{element}", resource.kind);
        let reference: Option<Reference<'_>> = types::reference(&mut self.ctx, &resource.node, element);
        let (key, at) = match &reference {
            Some(reference) => {
                let target = reference.reference.as_deref().and_then(|r| index.resolve(position, r));
                if let Some(record) = target.and_then(|t| self.patients.get(&t)) {
                    return Subject::Found(*record);
                }
                (reference.key(), reference.node.clone())
            }
            None => (None, resource.node.clone()),
        };
        if let Some(record) = key.as_ref().and_then(|k| self.orphans.get(k)) {
            return Subject::Found(*record);
        }
        let problem = if reference.is_some() {
            format!("{path} refers to a patient that is not in the input")
        } else {
            format!("{path} is missing or unreadable, so it is not known whose it is")
        };
        // A dose that names no patient at all is never guessed onto one.
        let single = if reference.is_some() || !own_record { self.single_patient() } else { None };
        if let Some(record) = single {
            let once = format!("single {path} {}", key.as_deref().unwrap_or(""));
            self.ctx.warn_once(once, &at, format!("{problem}; {what} is shown under the only patient present."));
            return Subject::Found(record);
        }
        if !own_record {
            self.ctx.warn(&at, format!("{problem}; {what} was not read."));
            return Subject::NotRead;
        }
        self.ctx.warn(&at, format!("{problem}; {what} is shown under an unnamed patient of its own."));
        let record = self.records.len();
        self.records.push(self.new_record());
        if let Some(key) = key {
            self.orphans.insert(key, record);
        }
        Subject::Found(record)
    }

    fn single_patient(&self) -> Option<usize> {
        let mut records = self.patients.values();
        match (records.next(), records.next()) {
            (Some(record), None) => Some(*record),
            _ => None,
        }
    }
}
