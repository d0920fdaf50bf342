//! The PDF as a reader sees it: text read back with pdftotext, fonts with pdffonts, metadata
//! with pdfinfo; pages through the layout; and the bytes, which repeat for the same report.

#[path = "../../../tests/support/expected.rs"]
mod expected;
mod support;

use std::path::PathBuf;

use expected::Expected;
use recdesk_pdf::{Item, Layout, Paper, RenderOptions};
use recdesk_redact::Recipient;

use support::{check_layout, digest, name, pdf_text, poppler, record, redacted, render, spaced};

fn unicode_record(doses: usize) -> recdesk_record::Record {
    record(
        name(&["Thị", "Ánh"], "Nguyễn"),
        &[
            (name(&["Pa"], "Xyooj"), "FTH"),
            (name(&["Cabdiraxmaan"], "Warsame"), "GRD"),
            (name(&["Jürgen"], "Müller"), "GRD"),
        ],
        doses,
    )
}

#[test]
fn unicode_names_survive_into_the_text_exactly() {
    let pdf = render(&redacted(unicode_record(3), Recipient::Patient), Paper::Letter);
    let text = spaced(&pdf_text(&pdf));
    for expected in ["Thị Ánh Nguyễn", "Pa Xyooj (FTH)", "Cabdiraxmaan Warsame (GRD)", "Jürgen Müller (GRD)"] {
        assert!(text.contains(expected), "{expected:?} is not in:\n{text}");
    }
}

#[test]
fn greek_and_cyrillic_print_and_a_character_outside_the_font_prints_as_a_visible_square() {
    let record = record(name(&["Ελένη", "李"], "Иванова"), &[], 1);
    let copy = redacted(record, Recipient::Patient);
    let pdf = render(&copy, Paper::Letter);
    let text = spaced(&pdf_text(&pdf));
    assert!(text.contains("Ελένη \u{25A1} Иванова"), "{text}");
    assert!(!text.contains('李'), "{text}");
}

#[test]
fn the_font_is_embedded_as_a_subset_with_a_unicode_map() {
    let pdf = render(&redacted(unicode_record(3), Recipient::Patient), Paper::Letter);
    let fonts = poppler("pdffonts", &["-"], &pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 1, "one font:\n{fonts}");
    let columns: Vec<&str> = rows[0].split_whitespace().collect();
    // name, type (2 words), encoding, emb, sub, uni, object ID
    assert!(columns[0].ends_with("+DejaVuSans"), "{fonts}");
    assert_eq!(&columns[4..7], ["yes", "yes", "yes"], "embedded, subset, with a ToUnicode map:\n{fonts}");
    assert!(pdf.len() < 40_000, "a three-dose report is small: {} bytes", pdf.len());
}

#[test]
fn the_metadata_names_no_patient() {
    for recipient in [Recipient::Patient, Recipient::School] {
        let pdf = render(&redacted(unicode_record(3), recipient), Paper::Letter);
        let info = poppler("pdfinfo", &["-"], &pdf);
        for name in ["Nguyễn", "Ánh", "Xyooj", "Cabdiraxmaan", "Müller", "Desk Staff"] {
            assert!(!info.contains(name), "{name} in the metadata:\n{info}");
        }
        assert!(info.contains("Title:           Immunization record"), "{info}");
        assert!(info.contains("CreationDate:    Mon Jul  1 14:05:00 2024"), "{info}");
    }
}

#[test]
fn paper_is_letter_by_default_and_a4_when_asked() {
    let copy = redacted(unicode_record(3), Recipient::School);
    let letter = poppler("pdfinfo", &["-"], &render(&copy, Paper::default()));
    assert!(letter.contains("612 x 792 pts (letter)"), "{letter}");
    let a4 = poppler("pdfinfo", &["-"], &render(&copy, Paper::A4));
    assert!(a4.contains("(A4)"), "{a4}");
}

fn pages_of(text: &str) -> usize {
    text.matches("Page ").count()
}

#[test]
fn a_300_dose_record_runs_onto_pages_that_repeat_the_table_header() {
    let copy = redacted(unicode_record(300), Recipient::School);
    let report = recdesk_report::build(
        &copy,
        &support::attestation(&copy),
        recdesk_report::StatusRequest::default(),
        &recdesk_report::Language::English,
    );
    let layout = recdesk_pdf::layout(&report, &RenderOptions::default());
    assert!(layout.pages.len() >= 5, "{} pages", layout.pages.len());
    check_layout(&layout);
    let pdf = recdesk_pdf::render(&report, &RenderOptions::default());
    if let Some(path) = std::env::var_os("RECDESK_PDF_OUT") {
        std::fs::write(path, &pdf).expect("the PDF is written");
    }
    let text = pdf_text(&pdf);
    let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    assert_eq!(pages.len(), layout.pages.len());
    assert_eq!(pages_of(&text), pages.len());
    let count = pages.len();
    for (number, page) in pages.iter().enumerate() {
        assert!(page.contains(&format!("Page {} of {count}", number + 1)), "page {}", number + 1);
        if number > 0 && number + 1 < count {
            // Every page in the middle of the dose tables starts with a header row.
            assert!(
                spaced(page).contains("Date Vaccine Dose Source"),
                "page {} has no table header:\n{page}",
                number + 1
            );
        }
    }
    // Every dose is there: 300 rows, plus one more for each extra group a combination belongs to.
    let rows = copy.records[0].immunizations.iter().map(|d| d.vaccine_groups.len().max(1)).sum::<usize>();
    let printed = text.lines().filter(|l| l.starts_with("20") && l.len() > 10 && l.as_bytes()[4] == b'-').count();
    assert_eq!(printed, rows);
    assert!(pdf.len() < 150_000, "300 doses: {} bytes", pdf.len());
}

#[test]
fn a_summary_running_onto_more_pages_is_headed_by_its_own_title() {
    // Forty years of doses: a row for each vaccine group and year, more than a page of them.
    let copy = redacted(unicode_record(1600), Recipient::DoseCounts);
    let text = pdf_text(&render(&copy, Paper::Letter));
    let pages: Vec<String> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).map(spaced).collect();
    assert!(pages.len() >= 2, "{} pages", pages.len());
    assert!(pages[0].starts_with("Immunization dose counts (no personal details) Dose counts —"), "{}", pages[0]);
    for (number, page) in pages.iter().enumerate().skip(1) {
        assert!(
            page.starts_with("Immunization dose counts (no personal details) (continued)"),
            "page {}: {page}",
            number + 1
        );
        assert!(!page.contains("Immunization record"), "page {}: {page}", number + 1);
    }
}

/// A record of `doses` MMR doses: one vaccine group, so one table.
fn one_group_record(doses: usize) -> recdesk_record::Record {
    let mut record = unicode_record(doses);
    for dose in &mut record.immunizations {
        if let Some(cvx) = &mut dose.cvx {
            cvx.value = "03".to_owned();
        }
        dose.vaccine = recdesk_codes::vaccine_name("03");
        dose.vaccine_groups = recdesk_codes::vaccine_groups("03").to_vec();
    }
    record
}

#[test]
fn a_one_group_table_repeats_its_caption_and_header_on_every_page_it_runs_onto() {
    // One table of 300 rows: no other table can put a header row on the pages it runs onto.
    let copy = redacted(one_group_record(300), Recipient::School);
    assert!(copy.records[0].immunizations.iter().all(|d| d.vaccine_groups == [recdesk_codes::VaccineGroup::Mmr]));
    let report = recdesk_report::build(
        &copy,
        &support::attestation(&copy),
        recdesk_report::StatusRequest::default(),
        &recdesk_report::Language::English,
    );
    let layout = recdesk_pdf::layout(&report, &RenderOptions::default());
    check_layout(&layout);
    let text = pdf_text(&recdesk_pdf::render(&report, &RenderOptions::default()));
    let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    assert_eq!(pages.len(), layout.pages.len());
    let is_row = |line: &str| line.starts_with("20") && line.len() > 10 && line.as_bytes()[4] == b'-';
    let rows: Vec<usize> = pages.iter().map(|page| page.lines().filter(|l| is_row(l)).count()).collect();
    // Every dose the copy holds, once (a refused dose is the patient's only: not on a school's copy).
    let doses = copy.records[0].immunizations.len();
    assert!(doses > 270, "{doses} doses given");
    assert_eq!(rows.iter().sum::<usize>(), doses, "every dose once: {rows:?}");
    // The table starts on the page after the school status (page 1 or 2) and runs onto the next
    // ones, without a gap.
    let start = rows.iter().position(|n| *n > 0).expect("rows");
    let last = rows.iter().rposition(|n| *n > 0).expect("rows");
    assert!(start <= 1 && last >= start + 5, "the table runs onto at least five more pages: {rows:?}");
    assert!(rows[start..=last].iter().all(|n| *n > 0), "{rows:?}");
    let first = spaced(pages[start]);
    assert!(first.contains("MMR Date Vaccine Dose Source 20"), "the table starts on page {}:\n{first}", start + 1);
    assert!(!first.contains("MMR (continued)"), "{first}");
    for (number, page) in pages.iter().enumerate().take(last + 1).skip(start + 1) {
        // The running header, then the caption marked continued and the header row, then rows.
        let page = spaced(page);
        let top = "Immunization record (continued) MMR (continued) Date Vaccine Dose Source 20";
        assert!(page.starts_with(top), "page {} does not start with {top:?}:\n{page}", number + 1);
        assert_eq!(page.matches("Date Vaccine Dose Source").count(), 1, "page {}", number + 1);
    }
    // In the layout too: on each of those pages the caption and the bold header row come before
    // the first row of the table's body.
    for (number, page) in layout.pages.iter().enumerate().take(last + 1).skip(start + 1) {
        let texts: Vec<(f32, bool, &str)> = page
            .iter()
            .filter_map(|item| match item {
                Item::Text { y, bold, text, .. } => Some((*y, *bold, text.as_str())),
                _ => None,
            })
            .collect();
        let y_of =
            |wanted: &str, bold: bool| texts.iter().find(|(_, b, t)| *t == wanted && *b == bold).map(|(y, _, _)| *y);
        let caption = y_of("MMR (continued)", true).unwrap_or_else(|| panic!("page {}: no caption", number + 1));
        let header = y_of("Vaccine", true).unwrap_or_else(|| panic!("page {}: no header row", number + 1));
        let date = |t: &str| t.len() == 10 && t.starts_with("20") && t.as_bytes()[4] == b'-';
        let body = texts.iter().find(|(_, b, t)| !b && date(t)).map(|(y, _, _)| *y).expect("a row");
        assert!(caption < header && header < body, "page {}: {caption} {header} {body}", number + 1);
    }
}

#[test]
fn longer_words_do_not_break_the_layout() {
    // Every label of the report twice as long, and a name with a word wider than its column.
    let mut json = serde_json::to_value(recdesk_report::Labels::ENGLISH).expect("labels serialise");
    if let serde_json::Value::Object(map) = &mut json {
        for value in map.values_mut() {
            if let serde_json::Value::String(text) = value {
                *text = format!("{text} {text}");
            }
        }
    }
    let doubled: recdesk_report::Labels = serde_json::from_value(json).expect("labels read back");
    let mut record = unicode_record(120);
    record.patient.names[0].value.family =
        "Nguyễn-Warsame-Xyooj-Müller-Cabdiraxmaan-Abdullahi-Ssekandi-Ochieng".to_owned();
    let copy = redacted(record, Recipient::School);
    let report = recdesk_report::build_with(
        &copy,
        &support::attestation(&copy),
        recdesk_report::StatusRequest::default(),
        &doubled,
    );
    for paper in [Paper::Letter, Paper::A4] {
        let layout = recdesk_pdf::layout(&report, &RenderOptions { paper });
        check_layout(&layout);
    }
    let text = support::squeezed(&pdf_text(&recdesk_pdf::render(&report, &RenderOptions::default())));
    assert!(text.contains("Nguyễn-Warsame-Xyooj-Müller-Cabdiraxmaan-Abdullahi-Ssekandi-Ochieng"));
}

fn golden_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/digests.txt")
}

#[test]
fn the_same_report_and_clock_give_the_same_bytes() {
    let cases = [
        ("school, letter, 10 doses", redacted(unicode_record(10), Recipient::School), Paper::Letter),
        ("patient, a4, 10 doses", redacted(unicode_record(10), Recipient::Patient), Paper::A4),
        ("school, letter, 300 doses", redacted(unicode_record(300), Recipient::School), Paper::Letter),
    ];
    let mut lines = Vec::new();
    for (label, copy, paper) in &cases {
        let first = render(copy, *paper);
        // Again, and on other threads, after other documents: nothing carries over.
        let again = std::thread::scope(|s| s.spawn(|| render(copy, *paper)).join().expect("renders"));
        assert!(first == again, "{label}: two renders differ");
        lines.push(format!("{label}: {} {} bytes", digest(&first), first.len()));
    }
    let actual = lines.join("\n") + "\n";
    let expected = match Expected::check(&golden_path(), &actual) {
        Expected::Updated | Expected::Matches => return,
        Expected::Differs(expected) => expected,
        Expected::Missing => String::new(),
    };
    assert_eq!(actual, expected, "the PDF bytes changed; if that is intended, rerun with UPDATE_EXPECT=1");
}

#[test]
fn a_later_clock_changes_the_dates_and_nothing_else_of_the_text() {
    // A provider's copy without consent: no answers computed as of the release date (a school
    // status is rightly different a year later).
    let copy = redacted(unicode_record(10), Recipient::Provider);
    let report = recdesk_report::build(
        &copy,
        &support::attestation(&copy),
        recdesk_report::StatusRequest::default(),
        &recdesk_report::Language::English,
    );
    let date = recdesk_record::PartialDate::new(2025, Some(1), Some(2)).expect("a date");
    let later_time = recdesk_access::ReleaseTime::new(date, 9, 30).expect("a time");
    let mut attestation = support::attestation(&copy);
    attestation.released_at = later_time;
    let later = recdesk_report::build(
        &copy,
        &attestation,
        recdesk_report::StatusRequest::default(),
        &recdesk_report::Language::English,
    );
    let a = recdesk_pdf::render(&report, &RenderOptions::default());
    let b = recdesk_pdf::render(&later, &RenderOptions::default());
    assert_ne!(a, b);
    let text = pdf_text(&b);
    assert!(text.contains("2025-01-02 09:30"));
    assert_eq!(pdf_text(&a).replace("2024-07-01 14:05", "2025-01-02 09:30"), text);
}

/// The page label and the footer's first line beside it, on each page: (label, line).
fn footer_label_and_line(layout: &Layout) -> Vec<(&Item, &Item)> {
    layout
        .pages
        .iter()
        .map(|page| {
            let texts: Vec<&Item> = page.iter().filter(|item| matches!(item, Item::Text { .. })).collect();
            let label = *texts.last().expect("a page label");
            let Item::Text { y: label_y, text, .. } = label else { unreachable!() };
            assert!(text.starts_with("Page "), "the page label is drawn last: {label:?}");
            let line = texts
                .iter()
                .copied()
                .find(|item| matches!(item, Item::Text { y, x, .. } if y == label_y && *x < 60.0))
                .expect("the footer's first line, beside the label");
            (label, line)
        })
        .collect()
}

#[test]
fn a_report_of_over_a_hundred_pages_keeps_its_page_labels_clear_of_the_footer() {
    // A footer of narrow words fills its first line to within a few points of the room beside
    // the label, so a label wider than the room it was given runs into it.
    let mut labels = recdesk_report::Labels::ENGLISH;
    labels.footer = "il ".repeat(80).into();
    let copy = redacted(unicode_record(3900), Recipient::School);
    let report = recdesk_report::build_with(
        &copy,
        &support::attestation(&copy),
        recdesk_report::StatusRequest::default(),
        &labels,
    );
    let started = std::time::Instant::now();
    let layout = recdesk_pdf::layout(&report, &RenderOptions::default());
    let count = layout.pages.len();
    assert!(count >= 100, "{count} pages");
    check_layout(&layout);
    for (number, (label, line)) in footer_label_and_line(&layout).into_iter().enumerate() {
        let Item::Text { x, text, .. } = label else { unreachable!() };
        assert_eq!(text, &format!("Page {} of {count}", number + 1));
        let gap = x - line.right();
        assert!(gap >= 12.0 - 0.01, "page {}: {gap:.2} pt between {line:?} and {label:?}", number + 1);
    }
    let laid_out = started.elapsed();
    // And on paper: every page says which it is, of how many.
    let text = pdf_text(&recdesk_pdf::render(&report, &RenderOptions::default()));
    let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    assert_eq!(pages.len(), count);
    for (number, page) in pages.iter().enumerate() {
        assert!(page.contains(&format!("Page {} of {count}", number + 1)), "page {}", number + 1);
    }
    eprintln!("{count} pages: laid out in {laid_out:?}, rendered and read back in {:?}", started.elapsed());
}
