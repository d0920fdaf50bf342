//! The readable form of `recdesk inspect`: for staff checking what an input holds.

use std::fmt::Write;

use recdesk_codes::VaccineGroup;
use recdesk_intake::{Intake, TextEncoding};
use recdesk_record::{DoseStatus, Format, Immunization, InformationSource, Record, Severity};

pub fn render(input: &str, intake: &Intake) -> String {
    let outcome = &intake.outcome;
    let mut out = String::new();
    let encoding = if intake.encoding == TextEncoding::Latin1 { ", read as Latin-1" } else { "" };
    // HL7 v2 speaks of messages; FHIR and SMART Health Cards of documents.
    let unit = if outcome.format == Format::Hl7v2 { "message" } else { "document" };
    let _ = writeln!(
        out,
        "{input}: {}{encoding}, {} {unit}{}, {} patient record{}, {} diagnostic{}",
        outcome.format.label(),
        outcome.messages.len(),
        plural(outcome.messages.len()),
        outcome.records.len(),
        plural(outcome.records.len()),
        outcome.diagnostics.len(),
        plural(outcome.diagnostics.len()),
    );
    for place in &intake.found_in {
        let _ = writeln!(out, "Found in the PDF on {place}");
    }
    for message in &outcome.messages {
        let _ = write!(out, "\n{} {}: {}", capitalise(unit), message.number, or_dash(&message.message_type));
        if !message.profile.is_empty() {
            let _ = write!(out, " ({})", message.profile);
        }
        if !message.sending_facility.is_empty() {
            let _ = write!(out, " from {}", message.sending_facility);
        }
        if let Some(sent) = message.sent_at {
            let _ = write!(out, ", sent {sent}");
        }
        if !message.acknowledgment.is_empty() {
            let _ = write!(out, ", acknowledgment {}", message.acknowledgment);
        }
        if !message.query_status.is_empty() {
            let _ = write!(out, ", query status {}", describe_query_status(&message.query_status));
        }
        let _ = writeln!(out, ", {} patient record{}", message.records, plural(message.records as usize));
    }
    for verification in &outcome.verifications {
        let _ = write!(out, "\nCard {}: {}", verification.document, verification.status.label().to_uppercase());
        match (&verification.issuer_name, verification.issuer.is_empty()) {
            (Some(name), _) => {
                let _ = write!(out, " — issued by {name} ({})", verification.issuer);
            }
            (None, false) => {
                let _ = write!(out, " — issuer {}", verification.issuer);
            }
            (None, true) => {}
        }
        let _ = writeln!(out, "\n  {}", verification.reason);
    }
    for (index, record) in outcome.records.iter().enumerate() {
        render_record(&mut out, index + 1, record);
    }
    if !outcome.diagnostics.is_empty() {
        let _ = writeln!(out, "\nDiagnostics");
        for diagnostic in &outcome.diagnostics {
            let severity = if diagnostic.severity == Severity::Error { "error  " } else { "warning" };
            match &diagnostic.location {
                Some(at) => {
                    let _ = writeln!(out, "  {severity}  {at}: {}", diagnostic.message);
                }
                None => {
                    let _ = writeln!(out, "  {severity}  {}", diagnostic.message);
                }
            }
        }
    }
    out
}

fn render_record(out: &mut String, number: usize, record: &Record) {
    let patient = &record.patient;
    let _ = writeln!(out, "\nPatient {number} (message {})", record.message);
    match patient.names.first() {
        Some(name) => {
            let _ = writeln!(out, "  Name:            {}", name.value.display());
        }
        None => {
            let _ = writeln!(out, "  Name:            (none)");
        }
    }
    for alias in patient.names.iter().skip(1) {
        let _ = writeln!(out, "  Also known as:   {}", alias.value.display());
    }
    let born = patient.birth_date.as_ref().map_or("-".to_owned(), |d| d.value.to_string());
    let sex = patient
        .sex
        .as_ref()
        .map_or("-", |s| if s.value.not_in_table { s.value.display() } else { s.value.code.as_str() });
    let _ = writeln!(out, "  Born:            {born}    Sex: {sex}");
    for address in &patient.addresses {
        let a = &address.value;
        let line = [a.lines.join(", "), a.city.clone(), a.state.clone(), a.postal_code.clone()]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(out, "  Address:         {line}");
    }
    if let Some(maiden) = &patient.mothers_maiden_name {
        let _ = writeln!(out, "  Mother's maiden name: {}", maiden.value.display());
    }
    if !patient.identifiers.is_empty() {
        let kinds: Vec<&str> = patient.identifiers.iter().map(|i| or_dash(&i.value.kind)).collect();
        let _ = writeln!(out, "  Identifiers:     {} ({})", patient.identifiers.len(), kinds.join(", "));
    }
    for person in &record.related_persons {
        let name = person.name.as_ref().map_or("(no name)".to_owned(), |n| n.value.display());
        let relationship = person.relationship.as_ref().map_or("-", |r| r.value.display());
        let _ = writeln!(out, "  Related person:  {name} ({relationship})");
    }
    if record.protection.protection_indicator.as_ref().is_some_and(|p| p.value) {
        let _ = writeln!(out, "  PROTECTED:       PD1-12 = Y; not to be shown to other organizations");
    }
    if !record.insurance.is_empty() {
        let _ = writeln!(out, "  Insurance / eligibility entries: {}", record.insurance.len());
    }
    render_immunizations(out, &record.immunizations);
    if !record.forecast.is_empty() {
        let _ = writeln!(out, "  Forecast");
        for row in &record.forecast {
            let group = row.vaccine_group.as_ref().map_or("-", |g| g.value.display());
            let mut line = format!("    {group:<24}");
            for (label, date) in
                [("earliest", &row.earliest), ("due", &row.due), ("overdue", &row.overdue), ("latest", &row.latest)]
            {
                if let Some(date) = date {
                    let _ = write!(line, " {label} {}", date.value);
                }
            }
            let _ = writeln!(out, "{}", line.trim_end());
        }
    }
    for observation in &record.observations {
        let _ = writeln!(out, "  {}: {}", capitalise(observation.kind.label()), observation.value.value.display());
    }
    if !record.notes.is_empty() {
        let _ = writeln!(out, "  Notes: {}", record.notes.len());
    }
}

fn render_immunizations(out: &mut String, immunizations: &[Immunization]) {
    let in_error = immunizations.iter().filter(|i| i.status == DoseStatus::EnteredInError).count();
    let shown: Vec<&Immunization> = immunizations.iter().filter(|i| i.status != DoseStatus::EnteredInError).collect();
    let _ = write!(out, "  Immunizations:   {}", shown.len());
    if in_error > 0 {
        let _ = write!(out, " ({in_error} entered in error, not shown)");
    }
    let _ = writeln!(out);
    for group in VaccineGroup::DISPLAY_ORDER {
        let mut doses: Vec<&&Immunization> = shown.iter().filter(|i| i.vaccine_groups.contains(&group)).collect();
        if doses.is_empty() {
            continue;
        }
        doses.sort_by_key(|i| i.date.as_ref().map(|d| d.value));
        let _ = writeln!(out, "    {}", group.label());
        for dose in doses {
            let date = dose.date.as_ref().map_or("no date   ".to_owned(), |d| format!("{:<10}", d.value.to_string()));
            let code = dose.cvx.as_ref().map_or(String::new(), |c| format!(" (CVX {})", c.value));
            let mut line = format!("      {date}  {}{code}", dose.vaccine);
            if dose.status != DoseStatus::Completed {
                let _ = write!(line, "  [{}]", dose.status.label());
            }
            if dose.source.as_ref().is_some_and(|s| s.value == InformationSource::Historical) {
                line.push_str("  historical");
            }
            if let Some(lot) = dose.lot_numbers.first() {
                let _ = write!(line, "  lot {}", lot.value);
            }
            let _ = writeln!(out, "{line}");
        }
    }
}

fn describe_query_status(status: &str) -> String {
    let meaning = match status {
        "OK" => "data found",
        "NF" => "no match found",
        "TM" => "too many matches",
        "PD" => "protected data",
        "AE" => "application error",
        "AR" => "application reject",
        _ => return status.to_owned(),
    };
    format!("{status} ({meaning})")
}

fn or_dash(text: &str) -> &str {
    if text.is_empty() { "-" } else { text }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// The readable form of `recdesk redact`: the copy as the recipient may see it, then, for
/// staff, what was withheld and why.
pub fn render_redacted(input: &str, redacted: &recdesk_redact::Redacted) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{input}: copy for {}", redacted.profile.label());
    let settings = &redacted.settings;
    let items = [
        ("address", settings.address),
        ("lot and manufacturer", settings.lot_and_manufacturer),
        ("forecast", settings.forecast),
        ("guardian's name", settings.guardian_name),
        ("exemption evidence", settings.exemption_evidence),
        ("mother's names", settings.mothers_names),
        ("insurance", settings.insurance),
        ("personal details", settings.personal_details),
    ];
    let chosen: Vec<&str> = items.iter().filter(|(_, on)| *on).map(|(name, _)| *name).collect();
    let _ = writeln!(
        out,
        "Optional items included: {}",
        if chosen.is_empty() { "none".to_owned() } else { chosen.join(", ") }
    );
    for blocked in &redacted.blocked {
        let _ = writeln!(out, "\nRECORD {} NOT RELEASED: {}", blocked.record, blocked.reason);
    }
    for (index, record) in redacted.records.iter().enumerate() {
        render_record(&mut out, index + 1, record);
    }
    if !redacted.dose_counts.is_empty() {
        let _ = writeln!(out, "\nDose counts by vaccine group and year (no personal details)");
        for row in &redacted.dose_counts {
            let year = row.year.map_or("no date".to_owned(), |y| y.to_string());
            let _ = writeln!(out, "  {:<28} {year:<8} {}", row.vaccine_group.label(), row.doses);
        }
    }
    let withheld = redacted.redactions.len();
    let _ = writeln!(out, "\n{withheld} item{} withheld", plural(withheld));
    for (rule, count) in redacted.withheld_counts() {
        let _ = writeln!(out, "  {count:>4}  {}", rule.basis());
    }
    if withheld > 0 {
        let _ = writeln!(out, "\nWithheld items (for staff; never printed on an organization's copy)");
        for redaction in &redacted.redactions {
            let _ = writeln!(out, "  {:<46} {}", redaction.kind.label(), redaction.location);
        }
    }
    out
}
