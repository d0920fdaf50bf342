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
use recdesk_report::Language;

use markers::*;
use support::{pdf_text, render, render_in, spaced, squeezed};

/// What the report must print of a copy, taken from the redacted copy itself (not from the report
/// model, so a value the report builder drops is caught): for each record, every identity field
/// the copy holds (names, birth date, sex, the address's parts, parents' and guardians' names and
/// relationships, and the personal details a profile may include), each dose's date, vaccine, CVX
/// code, lots, manufacturer, dose number, status and source, each forecast row, each clinical
/// item; then the records not released, the summary's rows and the source checks.
fn expected(copy: &Copy) -> Vec<String> {
    use recdesk_record::{Code, DoseStatus, InformationSource, Located, PartialDate};
    let date = |d: &Option<Located<PartialDate>>| d.as_ref().map(|d| d.value.to_string());
    // Paper prints a code its table does not know as "unknown", never as sent.
    let code = |c: &Option<Located<Code>>| c.as_ref().map(|c| c.value.printed().to_owned());
    let redacted = &copy.redacted;
    let mut texts = Vec::new();
    for record in &redacted.records {
        let patient = &record.patient;
        texts.extend(patient.names.iter().map(|n| n.value.display()));
        texts.extend(date(&patient.birth_date));
        // The report prints HL7 table 0001's codes as words.
        texts.extend(code(&patient.sex).map(|sex| match sex.as_str() {
            "F" => "female".to_owned(),
            "M" => "male".to_owned(),
            "U" => "unknown".to_owned(),
            _ => sex,
        }));
        for address in &patient.addresses {
            let a = &address.value;
            texts.extend(a.lines.iter().cloned());
            texts.extend([a.city.clone(), a.state.clone(), a.postal_code.clone(), a.country.clone()]);
        }
        for person in &record.related_persons {
            // A person without a name is not printed (their relationship alone says nothing).
            let Some(name) = &person.name else { continue };
            texts.push(name.value.display());
            texts.extend(code(&person.relationship));
        }
        texts.extend(patient.mothers_maiden_name.as_ref().map(|n| n.value.display()));
        texts.extend(patient.telecoms.iter().map(|t| t.value.value.clone()));
        texts.extend(patient.races.iter().chain(&patient.ethnicities).map(|c| c.value.printed().to_owned()));
        for value in [&patient.birth_place, &patient.multiple_birth, &patient.birth_order] {
            texts.extend(value.as_ref().map(|v| v.value.clone()));
        }
        texts.extend(date(&patient.death_date));
        texts.extend(record.insurance.iter().filter_map(|i| i.description.as_ref()).map(|d| d.value.clone()));
        texts.extend(record.notes.iter().map(|n| n.value.clone()));
        texts.extend(date(&record.data_as_of));
        let doses: Vec<_> = record.immunizations.iter().filter(|d| d.status != DoseStatus::EnteredInError).collect();
        for dose in &doses {
            texts.push(date(&dose.date).unwrap_or_else(|| "no date".to_owned()));
            texts.push(dose.vaccine.clone());
            texts.extend(dose.cvx.as_ref().map(|c| c.value.clone()));
            texts.extend(dose.lot_numbers.iter().map(|l| l.value.clone()));
            texts.extend(code(&dose.manufacturer));
            texts.extend(dose.dose_number.as_ref().map(|n| n.value.clone()));
            if dose.status != DoseStatus::Completed {
                texts.push(dose.status.label().to_owned());
            }
            texts.extend(dose.source.as_ref().map(|s| match s.value {
                InformationSource::Administered => "administered".to_owned(),
                InformationSource::Historical => "historical record".to_owned(),
            }));
        }
        for row in &record.forecast {
            texts.extend(code(&row.vaccine_group));
            texts.extend(row.dose_number.as_ref().map(|n| n.value.clone()));
            texts.extend([&row.earliest, &row.due, &row.overdue, &row.latest].into_iter().filter_map(date));
            texts.extend(code(&row.series_status));
        }
        for observation in record.observations.iter().chain(doses.iter().flat_map(|d| &d.observations)) {
            texts.push(observation.kind.label().to_owned());
            texts.push(observation.value.value.display().to_owned());
            texts.extend(date(&observation.date));
        }
    }
    // The answers computed from the copy: a school's copy opens with the school status; every copy
    // that may carry dose validity says what its dose numbers follow.
    let allowed = recdesk_redact::computed_answers(redacted.profile, &redacted.settings);
    let labels = recdesk_report::Labels::ENGLISH;
    for record in &redacted.records {
        // A school's copy states the status for the grade the age suggests: a child's, or one whose
        // age cannot be told (it then says why not); not a patient of 20 or older on the release date.
        let released = support::release_time().date();
        let adult = record.patient.birth_date.as_ref().is_some_and(|born| {
            let born = born.value;
            let (Some(month), Some(day)) = (born.month, born.day) else { return false };
            let (now_month, now_day) = (released.month.unwrap_or(1), released.day.unwrap_or(1));
            let years =
                i32::from(released.year) - i32::from(born.year) - i32::from((now_month, now_day) < (month, day));
            years >= 20
        });
        if redacted.profile == Recipient::School && !adult {
            texts.push(labels.school_status.to_string());
        }
        let has_doses = record.immunizations.iter().any(|d| d.status != recdesk_record::DoseStatus::EnteredInError);
        if allowed.dose_validity && has_doses {
            texts.push("Dose numbers and validity follow CDC's immunization schedule".to_owned());
        }
    }
    texts.extend(redacted.blocked.iter().map(|b| b.reason.clone()));
    for row in &redacted.dose_counts {
        texts.push(row.vaccine_group.label().to_owned());
        texts.push(row.year.map_or_else(|| "no date".to_owned(), |y| y.to_string()));
        texts.push(row.doses.to_string());
    }
    for check in &redacted.verifications {
        texts.push(check.status.label().to_owned());
        texts.extend(check.issuer_name.clone());
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
        Rule::DoseCountsOnly,
        Rule::NotADose,
        Rule::StaffChoice,
        Rule::RegistryUseOnly,
        Rule::ProtectiveOrder,
    ];
    for rule in rules {
        text = text.replace(rule.basis(), "");
    }
    text
}

fn check(case: &Case, copy: &Copy, (code, language): &(&str, Language)) -> Vec<String> {
    let mut failures = Vec::new();
    let pdf = render_in(&copy.redacted, Paper::Letter, language);
    let text = pdf_text(&pdf);
    let mut found: BTreeSet<String> = markers_in(&text);
    found.extend(markers_in(&squeezed(&text)));
    let at = format!("{}: {} ({code})", case.name, copy.label);
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
            Recipient::DoseCounts => true,
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
    // In English, and the patient's copies again in each language beside it (organization copies
    // stay English: crates/report/tests/translations.rs).
    let languages: Vec<(&str, Language)> =
        std::iter::once(("en", Language::English)).chain(support::bilingual_languages()).collect();
    let checks: Vec<(&Case, &Copy, &(&str, Language))> = languages
        .iter()
        .flat_map(|language| {
            copies
                .iter()
                .filter(move |(_, copy)| language.0 == "en" || copy.profile.recipient == Recipient::Patient)
                .map(move |(case, copy)| (*case, *copy, language))
        })
        .collect();
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(2, 8);
    let chunk = checks.len().div_ceil(workers);
    let failures: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = checks
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter().flat_map(|(case, copy, language)| check(case, copy, language)).collect::<Vec<_>>()
                })
            })
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

#[test]
fn the_copies_checked_hold_every_kind_of_value_the_report_prints() {
    // The check that the PDF shows what the copy holds is only as strong as what the copies hold:
    // among them are copies with each kind of value the report prints.
    use recdesk_record::{DoseStatus, Record};
    let copies: Vec<&Copy> =
        corpus().cases.iter().filter(|case| case.variant == Variant::Markers).flat_map(|case| &case.copies).collect();
    type Holds = fn(&Record) -> bool;
    let kinds: [(&str, Holds); 15] = [
        ("an other name", |r| r.patient.names.len() > 1),
        ("a birth date", |r| r.patient.birth_date.is_some()),
        ("a sex", |r| r.patient.sex.is_some()),
        ("an address", |r| !r.patient.addresses.is_empty()),
        ("a guardian's name", |r| r.related_persons.iter().any(|p| p.name.is_some())),
        ("a mother's maiden name", |r| r.patient.mothers_maiden_name.is_some()),
        ("a phone or e-mail", |r| !r.patient.telecoms.is_empty()),
        ("a race", |r| !r.patient.races.is_empty()),
        ("an insurance", |r| r.insurance.iter().any(|i| i.description.is_some())),
        ("a lot", |r| r.immunizations.iter().any(|d| !d.lot_numbers.is_empty())),
        ("a manufacturer", |r| r.immunizations.iter().any(|d| d.manufacturer.is_some())),
        ("a dose not given", |r| r.immunizations.iter().any(|d| d.status == DoseStatus::Refused)),
        ("a forecast row", |r| !r.forecast.is_empty()),
        ("a forecast's latest date", |r| r.forecast.iter().any(|f| f.latest.is_some())),
        ("a clinical item", |r| !r.observations.is_empty()),
    ];
    let missing: Vec<&str> = kinds
        .iter()
        .filter(|(_, holds)| !copies.iter().any(|c| c.redacted.records.iter().any(holds)))
        .map(|(what, _)| *what)
        .collect();
    assert!(missing.is_empty(), "no copy holds {missing:?}");
    assert!(copies.iter().any(|c| !c.redacted.dose_counts.is_empty()), "a summary");
    // And the values expected of a copy with everything on are many.
    let most = copies.iter().map(|c| expected(c).len()).max().unwrap_or(0);
    assert!(most > 50, "at most {most} values expected of a copy");
}
