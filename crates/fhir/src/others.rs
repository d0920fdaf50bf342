//! ImmunizationRecommendation (forecast), ImmunizationEvaluation, Coverage and
//! OperationOutcome.

use recdesk_record::{
    ClinicalObservation, Code, Diagnostic, Evaluation, ForecastRow, InsuranceEntry, InsuranceKind, Located,
    ObservationKind, Severity,
};

use crate::elements;
use crate::index::Index;
use crate::json::{Ctx, Node, code_like};
use crate::types;

/// The schedule a forecast or evaluation follows: its authority's name (e.g. ACIP).
fn authority(ctx: &mut Ctx, node: &Node<'_>) -> Option<Located<Code>> {
    let authority = types::reference(ctx, node, "authority")?;
    authority.display.map(|display| display.map(|text| Code { text, ..Code::default() }))
}

/// One forecast row per recommendation, and the vaccines it says are contraindicated.
pub(crate) fn recommendation(ctx: &mut Ctx, node: &Node<'_>) -> (Vec<ForecastRow>, Vec<ClinicalObservation>) {
    elements::check(ctx, node, &elements::RECOMMENDATION, true);
    let schedule = authority(ctx, node);
    let mut rows = Vec::new();
    let mut contraindications = Vec::new();
    for item in ctx.objects(node, "recommendation") {
        elements::check(ctx, &item, &elements::RECOMMENDATION_ITEM, false);
        let mut row = ForecastRow {
            vaccine_group: types::first_concept(ctx, &item, "vaccineCode")
                .or_else(|| types::concept_member(ctx, &item, "targetDisease")),
            schedule: schedule.clone(),
            dose_number: types::int_or_string(ctx, &item, "doseNumber"),
            series_status: types::concept_member(ctx, &item, "forecastStatus"),
            ..ForecastRow::default()
        };
        for criterion in ctx.objects(&item, "dateCriterion") {
            let code = ctx.object(&criterion, "code").map(|concept| types::codings(ctx, &concept)).unwrap_or_default();
            let Some(value) = criterion.member("value") else { continue };
            let known = code.iter().find_map(|(_, c)| {
                ["30980-7", "30981-5", "59777-3", "59778-1"].into_iter().find(|known| *known == c.code)
            });
            let slot = match known {
                Some("30980-7") => Some(&mut row.due),
                Some("30981-5") => Some(&mut row.earliest),
                Some("59777-3") => Some(&mut row.latest),
                Some(_) => Some(&mut row.overdue),
                None => None,
            };
            match slot {
                Some(slot) => {
                    if let Some(date) = ctx.date_at(&value, "so it was left out") {
                        slot.get_or_insert(date);
                    }
                }
                None => {
                    let what = code
                        .iter()
                        .map(|(_, c)| c.code.as_str())
                        .find(|c| code_like(c))
                        .map_or_else(|| "with no known code".to_owned(), |c| format!("with code {c}"));
                    ctx.warn_once(
                        format!("date criterion {what}"),
                        &criterion,
                        format!(
                            "A forecast date {what} is not one Record Desk reads (it reads 30980-7 due, 30981-5 \
                             earliest, 59777-3 latest and 59778-1 overdue); it was left out."
                        ),
                    );
                }
            }
        }
        for vaccine in ctx.objects(&item, "contraindicatedVaccineCode") {
            if let Some(value) = types::concept(ctx, &vaccine) {
                contraindications.push(ClinicalObservation {
                    kind: ObservationKind::Contraindication,
                    value,
                    date: None,
                });
            }
        }
        rows.push(row);
    }
    (rows, contraindications)
}

/// An evaluation of one dose; None when it was entered in error.
pub(crate) fn evaluation(ctx: &mut Ctx, node: &Node<'_>) -> Option<Evaluation> {
    elements::check(ctx, node, &elements::EVALUATION, true);
    if ctx.string(node, "status").is_some_and(|s| s.value == "entered-in-error") {
        return None;
    }
    let status = ctx.object(node, "doseStatus").map(|concept| types::codings(ctx, &concept)).unwrap_or_default();
    let valid = status.iter().find_map(|(coding, c)| match c.code.to_ascii_lowercase().as_str() {
        "valid" => Some(ctx.located(true, coding)),
        "notvalid" => Some(ctx.located(false, coding)),
        _ => None,
    });
    Some(Evaluation {
        vaccine_group: types::concept_member(ctx, node, "targetDisease"),
        schedule: authority(ctx, node),
        dose_number: types::int_or_string(ctx, node, "doseNumber"),
        doses_in_series: types::int_or_string(ctx, node, "seriesDoses"),
        valid,
        reason: types::first_concept(ctx, node, "doseStatusReason"),
    })
}

/// A Coverage: the plan or insurer, and the member identifiers. A payor that is a person
/// (self-pay, a relative) is never read.
pub(crate) fn coverage(ctx: &mut Ctx, index: &Index<'_>, from: usize, node: &Node<'_>) -> InsuranceEntry {
    elements::check(ctx, node, &elements::COVERAGE, true);
    let mut description = None;
    for payor in ctx.objects(node, "payor") {
        let payor = types::reference_at(ctx, payor);
        let kind = payor.kind.clone().or_else(|| payor.reference.as_deref().and_then(|r| index.kind_of(from, r)));
        if matches!(kind.as_deref(), Some("Patient" | "RelatedPerson")) {
            continue;
        }
        if description.is_none() {
            description = payor.display;
        }
    }
    if let Some(kind) = ctx.object(node, "type") {
        let text = ctx.string(&kind, "text");
        let coded = types::concept(ctx, &kind).map(|t| t.map(|code| code.display().to_owned()));
        if description.is_none() {
            description = text.or(coded);
        }
    }
    let mut identifiers: Vec<_> = ctx
        .string(node, "subscriberId")
        .map(|id| id.map(|value| recdesk_record::Identifier { value, kind: "SN".to_owned(), authority: String::new() }))
        .into_iter()
        .collect();
    let ids = ctx.objects(node, "identifier");
    identifiers.extend(ids.iter().filter_map(|id| types::identifier(ctx, id)));
    InsuranceEntry { kind: InsuranceKind::Insurance, description, identifiers, origin: ctx.at(node) }
}

/// An OperationOutcome: each issue becomes a diagnostic. Its text (details, diagnostics) is
/// free text that may quote the record, so only its severity and codes are told.
pub(crate) fn operation_outcome(ctx: &mut Ctx, node: &Node<'_>) {
    elements::check(ctx, node, &elements::OPERATION_OUTCOME, true);
    let issues = ctx.objects(node, "issue");
    let count = issues.len();
    if count == 0 {
        ctx.warn(node, "The server returned an OperationOutcome with no issues.");
        return;
    }
    let plural = if count == 1 { "issue" } else { "issues" };
    for (number, issue) in issues.iter().enumerate() {
        let severity_text = ctx.text(issue, "severity");
        let severity_word = match severity_text.as_str() {
            "fatal" | "error" | "warning" | "information" => severity_text.as_str(),
            "" => "not stated",
            _ => "unrecognised",
        };
        let severity = if matches!(severity_word, "fatal" | "error") { Severity::Error } else { Severity::Warning };
        let mut message = format!(
            "The server returned an OperationOutcome with {count} {plural} (severity {severity_word}): issue {}",
            number + 1
        );
        let kind = ctx.text(issue, "code");
        if code_like(&kind) {
            message.push_str(&format!(", type {kind}"));
        }
        let details = ctx.object(issue, "details");
        if let Some(details) = &details {
            let detail_codes = types::codings(ctx, details);
            if let Some((_, code)) = detail_codes.iter().find(|(_, c)| code_like(&c.code)) {
                message.push_str(&format!(", detail code {}", code.code));
            }
        }
        let has_text = details.is_some_and(|d| d.peek("text").is_some_and(|t| !t.is_empty()))
            || issue.peek("diagnostics").is_some_and(|t| !t.is_empty());
        message.push('.');
        if has_text {
            message.push_str(" Its text is not shown, as it may quote the record.");
        }
        let at = Some(ctx.at(issue));
        ctx.diagnostics.push(Diagnostic { severity, location: at, message });
    }
}
