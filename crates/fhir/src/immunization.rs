//! Immunization to the record model's dose.

use recdesk_codes as codes;
use recdesk_record::{
    ClinicalObservation, Code, DoseStatus, Immunization, InformationSource, ObservationKind, VaccineGroup, VisDocument,
};

use crate::elements;
use crate::index::Index;
use crate::json::{Ctx, Node};
use crate::types;

pub(crate) fn is_cvx(system: &str) -> bool {
    matches!(system, "http://hl7.org/fhir/sid/cvx" | "urn:oid:2.16.840.1.113883.12.292")
        || system.eq_ignore_ascii_case("CVX")
}

fn is_ndc(system: &str) -> bool {
    matches!(system, "http://hl7.org/fhir/sid/ndc" | "urn:oid:2.16.840.1.113883.6.69")
        || system.eq_ignore_ascii_case("NDC")
}

fn is_mvx(system: &str) -> bool {
    matches!(system, "http://hl7.org/fhir/sid/mvx" | "urn:oid:2.16.840.1.113883.12.227")
        || system.eq_ignore_ascii_case("MVX")
}

/// A statusReason that says the patient (or parent) declined: v3 ActReason patient,
/// philosophical or religious objection, or any code of the CDC refusal-reason table NIP002.
fn is_refusal(code: &Code) -> bool {
    matches!(code.code.to_ascii_uppercase().as_str(), "PATOBJ" | "PHILISOP" | "RELIG")
        || code.system.to_ascii_uppercase().contains("NIP002")
}

/// Reads the Immunization resource `from` of `index`.
pub(crate) fn read(ctx: &mut Ctx, index: &Index<'_>, from: usize, node: &Node<'_>) -> Immunization {
    elements::check(ctx, node, &elements::IMMUNIZATION, true);
    let mut dose = Immunization { origin: Some(ctx.at(node)), ..Immunization::default() };
    vaccine(ctx, node, &mut dose);
    status(ctx, node, &mut dose);
    occurrence(ctx, node, &mut dose);

    let primary = ctx.boolean(node, "primarySource");
    let origin = node.member("reportOrigin");
    dose.source = match (primary, origin) {
        (Some(primary), _) if !primary.value => Some(primary.map(|_| InformationSource::Historical)),
        (_, Some(origin)) => Some(ctx.located(InformationSource::Historical, &origin)),
        (Some(primary), None) => Some(primary.map(|_| InformationSource::Administered)),
        (None, None) => None,
    };
    dose.lot_numbers.extend(ctx.string(node, "lotNumber"));
    dose.expiration_date = ctx.date(node, "expirationDate");
    dose.manufacturer = manufacturer(ctx, node);
    dose.site = types::concept_member(ctx, node, "site");
    dose.route = types::concept_member(ctx, node, "route");
    if let Some(quantity) = ctx.object(node, "doseQuantity") {
        if let Some(value) = ctx.number(&quantity, "value") {
            let unit = ctx.string(&quantity, "unit").or_else(|| ctx.string(&quantity, "code"));
            let amount = match unit {
                Some(unit) => format!("{} {}", value.value, unit.value),
                None => value.value,
            };
            dose.amount = Some(ctx.located(amount, &quantity));
        }
    }
    performers(ctx, index, from, node, &mut dose);
    if dose.administered_at.is_none() {
        dose.administered_at = types::reference(ctx, node, "location").and_then(|location| location.display);
    }
    for note in ctx.objects(node, "note") {
        dose.notes.extend(ctx.string(&note, "text"));
    }
    for reaction in ctx.objects(node, "reaction") {
        elements::check(ctx, &reaction, &elements::IMMUNIZATION_REACTION, false);
        let date = ctx.date(&reaction, "date");
        let value = match types::reference(ctx, &reaction, "detail").and_then(|detail| detail.display) {
            Some(display) => display.map(|text| Code { text, ..Code::default() }),
            // A reaction without a described detail still says the dose caused one.
            None => ctx.located(Code::default(), &reaction),
        };
        dose.observations.push(ClinicalObservation { kind: ObservationKind::Reaction, value, date });
    }
    dose.funding_source = types::concept_member(ctx, node, "fundingSource");
    dose.funding_eligibility = types::first_concept(ctx, node, "programEligibility");
    for education in ctx.objects(node, "education") {
        elements::check(ctx, &education, &elements::IMMUNIZATION_EDUCATION, false);
        let document_type = ctx.string(&education, "documentType");
        let reference = ctx.string(&education, "reference");
        let document = match (document_type, reference) {
            (Some(kind), Some(reference)) => {
                Some(ctx.located(Code { code: kind.value, text: reference.value, ..Code::default() }, &education))
            }
            (Some(kind), None) => Some(kind.map(|code| Code { code, ..Code::default() })),
            (None, Some(reference)) => Some(reference.map(|text| Code { text, ..Code::default() })),
            (None, None) => None,
        };
        dose.vis.push(VisDocument {
            document,
            vaccine_type: None,
            published: ctx.date(&education, "publicationDate"),
            presented: ctx.date(&education, "presentationDate"),
        });
    }
    for protocol in ctx.objects(node, "protocolApplied") {
        elements::check(ctx, &protocol, &elements::IMMUNIZATION_PROTOCOL, false);
        let number = types::int_or_string(ctx, &protocol, "doseNumber");
        if dose.dose_number.is_none() {
            dose.dose_number = number;
        }
    }
    dose
}

/// vaccineCode: CVX (name and groups from the CDC table), NDC, and the sender's text.
fn vaccine(ctx: &mut Ctx, node: &Node<'_>, dose: &mut Immunization) {
    let Some(concept) = ctx.object(node, "vaccineCode") else {
        ctx.warn(node, "A dose has no vaccine code (Immunization.vaccineCode is empty).");
        dose.vaccine = "Unknown vaccine (no code)".to_owned();
        dose.vaccine_groups = vec![VaccineGroup::Other];
        return;
    };
    let mut display = None;
    let mut other_codings = 0;
    for coding in ctx.objects(&concept, "coding") {
        let system = ctx.text(&coding, "system");
        let code = coding.member("code").and_then(|code| ctx.string_at(&code));
        if display.is_none() {
            display = ctx.string(&coding, "display");
        }
        let Some(code) = code else { continue };
        let bare_cvx = system.is_empty() && code.value.len() <= 3 && code.value.bytes().all(|b| b.is_ascii_digit());
        if is_cvx(&system) || (bare_cvx && dose.cvx.is_none()) {
            if dose.cvx.is_none() {
                dose.cvx = Some(code);
            }
        } else if is_ndc(&system) {
            if dose.ndc.is_none() {
                dose.ndc = Some(code);
            }
        } else {
            other_codings += 1;
        }
    }
    dose.sent_name = ctx.string(&concept, "text").or(display);
    match &dose.cvx {
        Some(cvx) => {
            dose.vaccine = codes::vaccine_name(&cvx.value);
            dose.vaccine_groups = codes::vaccine_groups(&cvx.value).to_vec();
        }
        None => {
            let message = if dose.ndc.is_some() || other_codings > 0 {
                "A dose has no CVX code, only another coding; it is shown under its sent name and grouped as Other."
            } else if dose.sent_name.is_some() {
                "A dose has no CVX code, only text; it is shown under its sent name and grouped as Other."
            } else {
                "A dose has no vaccine code (Immunization.vaccineCode is empty)."
            };
            ctx.warn(&concept, message);
            dose.vaccine = match (&dose.sent_name, dose.ndc.is_some() || other_codings > 0) {
                (Some(name), _) => format!("{} (no CVX code)", name.value),
                (None, true) => "Unknown vaccine (no CVX code)".to_owned(),
                (None, false) => "Unknown vaccine (no code)".to_owned(),
            };
            dose.vaccine_groups = vec![VaccineGroup::Other];
        }
    }
}

/// status (with statusReason and isSubpotent) to the dose status.
fn status(ctx: &mut Ctx, node: &Node<'_>, dose: &mut Immunization) {
    let reason = ctx.object(node, "statusReason").map(|concept| {
        let codings = types::codings(ctx, &concept);
        let text = ctx.string(&concept, "text");
        (codings, text)
    });
    let refused = reason.as_ref().is_some_and(|(codings, _)| codings.iter().any(|(_, c)| is_refusal(c)));
    dose.refusal_reason = reason.and_then(|(codings, text)| types::pick(codings, text, ctx, is_refusal));
    let status = ctx.string(node, "status");
    dose.status = match status.as_ref().map(|s| s.value.as_str()) {
        Some("completed") => DoseStatus::Completed,
        Some("entered-in-error") => DoseStatus::EnteredInError,
        Some("not-done") if refused => DoseStatus::Refused,
        Some("not-done") => DoseStatus::NotAdministered,
        Some(_) => {
            let at = node.member("status").unwrap_or_else(|| node.clone());
            ctx.warn(
                &at,
                "Immunization.status is not completed, not-done or entered-in-error; the dose is shown as completed. \
                 Check it against the source.",
            );
            DoseStatus::Completed
        }
        None => {
            ctx.warn(
                node,
                "Immunization.status is missing; the dose is shown as completed. Check it against the source.",
            );
            DoseStatus::Completed
        }
    };
    if dose.status == DoseStatus::Completed && ctx.boolean(node, "isSubpotent").is_some_and(|s| s.value) {
        dose.status = DoseStatus::Partial;
        // subpotentReason is a list of concepts; the first one said is kept.
        dose.subpotent_reason = ctx.objects(node, "subpotentReason").into_iter().find_map(|concept| {
            let codings = types::codings(ctx, &concept);
            let text = ctx.string(&concept, "text");
            types::pick(codings, text, ctx, |_| true)
        });
    }
}

/// occurrenceDateTime or occurrenceString; a dose whose date cannot be read is kept without one.
fn occurrence(ctx: &mut Ctx, node: &Node<'_>, dose: &mut Immunization) {
    let when = node.member("occurrenceDateTime").or_else(|| node.member("occurrenceString"));
    match when {
        Some(when) => dose.date = ctx.date_at(&when, "so the dose is shown without a date"),
        None => ctx.warn(node, "The dose has no date (Immunization.occurrence is missing)."),
    }
}

/// manufacturer: the reference's display, or an MVX identifier named from the CDC table.
fn manufacturer(ctx: &mut Ctx, node: &Node<'_>) -> Option<recdesk_record::Located<Code>> {
    let reference = types::reference(ctx, node, "manufacturer")?;
    let (code, system) = match ctx.object(&reference.node, "identifier") {
        Some(identifier) => {
            let system = ctx.text(&identifier, "system");
            let value = ctx.text(&identifier, "value");
            if is_mvx(&system) && !value.is_empty() { (value, system) } else { (String::new(), String::new()) }
        }
        None => (String::new(), String::new()),
    };
    let text = match &reference.display {
        Some(display) => display.value.clone(),
        None if !code.is_empty() => codes::manufacturer_name(&code),
        None => return None,
    };
    Some(ctx.located(Code { code, text, system, not_in_table: false }, &reference.node))
}

/// performer: an administering (AP, or no function) Organization is where the dose was
/// given, a Practitioner who gave it; an ordering (OP) practitioner ordered it. An actor of
/// unknown type is taken as the place (SMART Health Cards name the organization this way).
fn performers(ctx: &mut Ctx, index: &Index<'_>, from: usize, node: &Node<'_>, dose: &mut Immunization) {
    for performer in ctx.objects(node, "performer") {
        elements::check(ctx, &performer, &elements::IMMUNIZATION_PERFORMER, false);
        let function = types::concept_member(ctx, &performer, "function").map(|f| f.value.code.to_ascii_uppercase());
        let Some(actor) = types::reference(ctx, &performer, "actor") else { continue };
        let kind = actor.kind.clone().or_else(|| actor.reference.as_deref().and_then(|r| index.kind_of(from, r)));
        let person = matches!(kind.as_deref(), Some("Practitioner" | "PractitionerRole" | "Patient" | "RelatedPerson"));
        let Some(display) = actor.display else { continue };
        match function.as_deref() {
            Some("OP") => {
                if person || kind.is_none() {
                    dose.ordered_by.get_or_insert_with(|| display.map(|d| types::display_name(&d)));
                }
            }
            None | Some("AP" | "") => {
                if person {
                    dose.administered_by.get_or_insert_with(|| display.map(|d| types::display_name(&d)));
                } else {
                    dose.administered_at.get_or_insert(display);
                }
            }
            Some(_) => {}
        }
    }
}
