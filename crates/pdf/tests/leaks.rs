//! The redaction leak harness, carried through to paper: every planted input of
//! `crates/redact/tests/leaks.rs`, redacted for every recipient and profile, rendered to PDF and
//! read back with pdftotext. The PDF may show nothing the redacted copy does not hold, nothing
//! the oracle forbids for its recipient, and must show every name, birth date and dose the
//! copy holds.

#[path = "../../redact/tests/support/markers.rs"]
mod markers;
mod support;

use std::collections::BTreeSet;

use recdesk_pdf::Paper;
use recdesk_redact::{Recipient, Rule};

use markers::*;
use support::{pdf_text, render, spaced, squeezed};

/// What the report must print of a copy: each patient's names and birth date, the names of the
/// parents and guardians it holds, and each dose's date and vaccine.
fn expected(copy: &Copy) -> Vec<String> {
    let mut texts = Vec::new();
    for record in &copy.redacted.records {
        let patient = &record.patient;
        texts.extend(patient.names.iter().map(|n| n.value.display()));
        texts.extend(patient.birth_date.as_ref().map(|d| d.value.to_string()));
        texts.extend(record.related_persons.iter().filter_map(|p| p.name.as_ref()).map(|n| n.value.display()));
        for dose in record.immunizations.iter().filter(|d| d.status != recdesk_record::DoseStatus::EnteredInError) {
            texts.extend(dose.date.as_ref().map(|d| d.value.to_string()));
            texts.push(dose.vaccine.clone());
        }
    }
    texts.retain(|t| !t.trim().is_empty());
    texts
}

/// The rules' own words (the withheld-items table prints them): they name kinds of data,
/// "Medicaid" among them, and are not funding values.
fn without_rule_words(text: &str) -> String {
    let mut text = spaced(text);
    let rules = [
        Rule::MiicDataUseAgreement,
        Rule::IdentifiersNeverReleased,
        Rule::OutsideSection144_3351,
        Rule::OffByDefault,
        Rule::OnRequestOnly,
        Rule::DeIdentified,
        Rule::NotADose,
        Rule::StaffChoice,
        Rule::RegistryUseOnly,
    ];
    for rule in rules {
        text = text.replace(rule.basis(), "");
    }
    text
}

fn check(case: &Case, copy: &Copy) -> Vec<String> {
    let mut failures = Vec::new();
    let pdf = render(&copy.redacted, Paper::Letter);
    let text = pdf_text(&pdf);
    let mut found: BTreeSet<String> = markers_in(&text);
    found.extend(markers_in(&squeezed(&text)));
    let at = format!("{}: {}", case.name, copy.label);
    for marker in found.difference(&copy.markers) {
        failures.push(format!("{at}: the PDF shows {marker}, which the redacted copy does not hold"));
    }
    let recipient = copy.profile.recipient;
    for plant in case.plants.iter().filter(|p| found.contains(&p.marker)) {
        let forbidden = match recipient {
            Recipient::School | Recipient::Provider => {
                organization_verdict(plant.kind, &copy.profile) == Verdict::Forbidden
            }
            Recipient::Patient => never_released(plant.kind),
            Recipient::Summary => true,
        };
        if forbidden {
            failures.push(format!("{at}: {} ({:?}) is on the PDF: {}", plant.what, plant.kind, plant.marker));
        }
    }
    if recipient.is_organization() {
        let words = without_rule_words(&text).to_lowercase();
        for word in FORBIDDEN_WORDS.iter().filter(|w| words.contains(*w)) {
            failures.push(format!("{at}: the word {word:?} is on the PDF"));
        }
        for code in ELIGIBILITY_CODES {
            if words.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| w.eq_ignore_ascii_case(code)) {
                failures.push(format!("{at}: the eligibility code {code} is on the PDF"));
            }
        }
    }
    let squeezed_text = squeezed(&text);
    for expected in expected(copy) {
        if !squeezed_text.contains(&squeezed(&expected)) {
            failures.push(format!("{at}: {expected:?} is on the copy and not on the PDF"));
        }
    }
    failures
}

#[test]
fn pdfs_of_every_planted_input_and_profile_show_what_the_copy_allows_and_nothing_else() {
    // Every input with markers in every position, for every profile (defaults and every setting
    // on, for each recipient, and the summary).
    let copies: Vec<(&Case, &Copy)> = corpus()
        .cases
        .iter()
        .filter(|case| case.variant == Variant::Markers)
        .flat_map(|case| case.copies.iter().map(move |copy| (case, copy)))
        .collect();
    assert!(copies.len() > 500, "the corpus is there: {} copies", copies.len());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(2, 8);
    let chunk = copies.len().div_ceil(workers);
    let failures: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = copies
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().flat_map(|(case, copy)| check(case, copy)).collect::<Vec<_>>()))
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("a worker finishes")).collect()
    });
    if !failures.is_empty() {
        let shown: Vec<&str> = failures.iter().take(40).map(String::as_str).collect();
        panic!("{} failure(s):\n{}", failures.len(), shown.join("\n"));
    }
}

#[test]
fn the_planted_markers_are_found_in_pdfs_when_the_copy_holds_them() {
    // The check above would pass if pdftotext read nothing: a patient's copy with every setting
    // on must show its planted values.
    let (case, copy) = corpus()
        .cases
        .iter()
        .filter(|case| case.variant == Variant::Markers && !case.read.is_empty())
        .find_map(|case| {
            case.copies
                .iter()
                .find(|c| c.profile.recipient == Recipient::Patient && c.label.contains("every setting"))
                .map(|copy| (case, copy))
        })
        .expect("a planted patient copy");
    let text = pdf_text(&render(&copy.redacted, Paper::Letter));
    let mut found = markers_in(&text);
    found.extend(markers_in(&squeezed(&text)));
    assert!(found.len() >= 5, "{}: only {} markers on the PDF: {found:?}", case.name, found.len());
}
