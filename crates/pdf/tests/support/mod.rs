//! What the PDF tests share: an attestation with a fixed clock, rendering, and reading a PDF
//! back with poppler's tools (pdftotext, pdffonts).

#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Stdio};

use recdesk_access::{Attestation, ReleaseTime};
use recdesk_pdf::{Item, Layout, Paper, RenderOptions};
use recdesk_record::PartialDate;
use recdesk_redact::Redacted;

/// The clock every test uses.
pub fn release_time() -> ReleaseTime {
    let date = PartialDate::new(2024, Some(7), Some(1)).expect("a date");
    ReleaseTime::new(date, 14, 5).expect("a time")
}

pub fn attestation(redacted: &Redacted) -> Attestation {
    let as_of = redacted.records.iter().filter_map(|r| r.data_as_of.as_ref()).map(|d| d.value).max();
    Attestation::not_recorded("Desk Staff".to_owned(), release_time(), redacted.profile, as_of)
}

pub fn render(redacted: &Redacted, paper: Paper) -> Vec<u8> {
    render_in(redacted, paper, &recdesk_report::Language::English)
}

pub fn render_in(redacted: &Redacted, paper: Paper, language: &recdesk_report::Language) -> Vec<u8> {
    let report =
        recdesk_report::build(redacted, &attestation(redacted), recdesk_report::StatusRequest::default(), language);
    recdesk_pdf::render(&report, &RenderOptions { paper })
}

/// Each shipped translation, drafts allowed: what a clinic that prints them gets.
pub fn bilingual_languages() -> Vec<(&'static str, recdesk_report::Language)> {
    recdesk_report::catalogue::LANGUAGES
        .iter()
        .map(|(code, _, _)| {
            let catalogue = recdesk_report::Catalogue::shipped(code).expect("shipped").expect("a catalogue");
            let language =
                catalogue.bilingual(recdesk_settings::DraftTranslations::PrintMarked).expect("drafts allowed");
            (*code, language)
        })
        .collect()
}

/// Runs a poppler tool on a PDF given on standard input; its standard output.
pub fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let mut child = Command::new(tool)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{tool} could not be run ({e}): install poppler-utils"));
    let mut stdin = child.stdin.take().expect("stdin");
    let pdf = pdf.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&pdf));
    let output = child.wait_with_output().expect("the tool finishes");
    let _ = writer.join();
    assert!(output.status.success(), "{tool}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("UTF-8 text")
}

/// The text of a PDF in content-stream order (`pdftotext -raw`), so a wrapped cell's lines
/// come together.
pub fn pdf_text(pdf: &[u8]) -> String {
    poppler("pdftotext", &["-raw", "-enc", "UTF-8", "-", "-"], pdf)
}

/// Text with every run of white space made one space: wrapped lines read as one.
pub fn spaced(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text with no white space at all: a word broken between lines reads whole.
pub fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A place in a made-up input, for values of made-up records.
fn at(n: usize) -> recdesk_record::Location {
    recdesk_record::Location::Json { document: 1, pointer: format!("/made/{n}") }
}

fn located<T>(value: T, n: usize) -> recdesk_record::Located<T> {
    recdesk_record::Located::new(value, at(n))
}

pub fn name(given: &[&str], family: &str) -> recdesk_record::PersonName {
    recdesk_record::PersonName {
        family: family.to_owned(),
        given: given.iter().map(|g| (*g).to_owned()).collect(),
        ..recdesk_record::PersonName::default()
    }
}

/// A record of one patient with `doses` doses, cycling through common vaccines and dates, and
/// the people given as (name, HL7 relationship code).
pub fn record(
    patient: recdesk_record::PersonName,
    people: &[(recdesk_record::PersonName, &str)],
    doses: usize,
) -> recdesk_record::Record {
    use recdesk_record::{Code, DoseStatus, Immunization, InformationSource, Record, RelatedPerson};
    const CVX: [&str; 12] = ["20", "10", "03", "21", "08", "83", "116", "133", "141", "62", "115", "114"];
    let mut record = Record { message: 1, ..Record::default() };
    record.data_as_of = PartialDate::new(2024, Some(6), Some(30)).map(|d| located(d, 0));
    record.patient.names.push(located(patient, 1));
    record.patient.birth_date = PartialDate::new(2012, Some(3), Some(4)).map(|d| located(d, 2));
    record.patient.sex = Some(located(Code { code: "F".to_owned(), ..Code::default() }, 3));
    for (i, (person, relationship)) in people.iter().enumerate() {
        record.related_persons.push(RelatedPerson {
            name: Some(located(person.clone(), 10 + i)),
            relationship: Some(located(Code { code: (*relationship).to_owned(), ..Code::default() }, 20 + i)),
            ..RelatedPerson::default()
        });
    }
    for i in 0..doses {
        let cvx = CVX[i % CVX.len()];
        let year = 2012 + u16::try_from(i / 40).unwrap_or(0);
        let month = u8::try_from(i % 12 + 1).unwrap_or(1);
        let day = u8::try_from(i % 28 + 1).unwrap_or(1);
        record.immunizations.push(Immunization {
            date: PartialDate::new(year, Some(month), Some(day)).map(|d| located(d, 100 + i)),
            cvx: Some(located(cvx.to_owned(), 1000 + i)),
            vaccine: recdesk_codes::vaccine_name(cvx),
            vaccine_groups: recdesk_codes::vaccine_groups(cvx).to_vec(),
            status: if i % 17 == 5 { DoseStatus::Refused } else { DoseStatus::Completed },
            source: Some(located(
                if i % 3 == 0 { InformationSource::Historical } else { InformationSource::Administered },
                2000 + i,
            )),
            dose_number: Some(located(((i / CVX.len()) + 1).to_string(), 3000 + i)),
            origin: Some(at(4000 + i)),
            ..Immunization::default()
        });
    }
    record
}

pub fn redacted(record: recdesk_record::Record, recipient: recdesk_redact::Recipient) -> Redacted {
    let outcome = recdesk_record::ReadOutcome { records: vec![record], ..recdesk_record::ReadOutcome::default() };
    recdesk_redact::redact(
        &outcome,
        &recdesk_redact::Profile::default_for(recipient),
        &recdesk_redact::StaffRedactions::default(),
    )
}

/// FNV-1a, 64 bits: a stable digest for golden files.
pub fn digest(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// Checks what every layout must keep: everything inside the margins, the body above the
/// footer's rule (the footer is drawn last on each page, from its rule down) and the footer
/// above the bottom margin, and no table caption without its header and a row after it on the
/// same page.
pub fn check_layout(layout: &Layout) {
    for (number, page) in layout.pages.iter().enumerate() {
        for item in page {
            assert!(item.right() <= layout.width - 54.0 + 0.5, "page {}: {item:?} runs off the right", number + 1);
            // The bottom margin is 40 pt; a footer line's descent may reach 2 pt into it.
            assert!(item.bottom() <= layout.height - 38.0, "page {}: {item:?} runs off the foot", number + 1);
        }
        let footer = page.iter().rposition(|item| matches!(item, Item::Rule { .. })).expect("a footer rule");
        let Item::Rule { y1: rule, .. } = page[footer] else { unreachable!() };
        assert!(rule > layout.height / 2.0, "page {}: the footer's rule is at the foot: {rule}", number + 1);
        assert!(
            page[footer + 1..].iter().all(|item| matches!(item, Item::Text { size, .. } if *size < 8.0)),
            "page {}: only the footer's small text follows its rule",
            number + 1
        );
        for item in &page[..footer] {
            // The body stops 4 pt above the rule (layout.rs: the footer's top less 8 pt).
            assert!(item.bottom() <= rule - 3.5, "page {}: {item:?} runs into the footer at {rule}", number + 1);
        }
        let texts: Vec<(f32, f32, bool, &str)> = page
            .iter()
            .filter_map(|item| match item {
                Item::Text { y, size, bold, text, .. } => Some((*y, *size, *bold, text.as_str())),
                _ => None,
            })
            .collect();
        // No two texts on one line overlap: a cell's words stay inside its column.
        for (i, a) in page.iter().enumerate() {
            let Item::Text { x: x1, y: y1, text: t1, .. } = a else { continue };
            for b in &page[i + 1..] {
                let Item::Text { x: x2, y: y2, text: t2, .. } = b else { continue };
                if (y1 - y2).abs() < 0.5 && *x1 < b.right() - 0.5 && *x2 < a.right() - 0.5 {
                    panic!("page {}: {t1:?} and {t2:?} overlap", number + 1);
                }
            }
        }
        for (y, size, bold, text) in &texts {
            // Captions (10.5 pt) and headings (12.5 pt) are followed on their page by body text.
            if *bold && *size > 10.0 && *size < 15.0 {
                let follows =
                    texts.iter().any(|(y2, size2, bold2, _)| *y2 > *y && !bold2 && *size2 >= 8.5 && *size2 <= 9.5);
                assert!(follows, "page {}: {text:?} ends the page", number + 1);
            }
        }
    }
}
