//! Every PDF in tests/fixtures/ with what the reader should find in it (NAME.pdf.expected.txt).
//! The PDFs come from two producers: ReportLab (make_reportlab.py) and the project's own
//! printpdf and lopdf (make_fixtures.rs). After a deliberate change, refresh the expectations
//! with `UPDATE_EXPECT=1 cargo test -p recdesk-pdf-reader --test fixtures` and review the diff.

#[path = "../../../tests/support/expected.rs"]
mod expected;

use std::fmt::Write;
use std::path::{Path, PathBuf};

use expected::Expected;
use recdesk_pdf_reader::{Limits, Place, read};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn card() -> String {
    std::fs::read_to_string(fixtures().join("card.txt")).expect("card.txt").trim().to_owned()
}

/// Payloads are long: the card's is named, others are shown in full.
fn describe(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("a fixture");
    let mut out = String::new();
    match read(&bytes, &Limits::default()) {
        Err(problem) => writeln!(out, "refused: {problem}").expect("text"),
        Ok(reading) => {
            writeln!(out, "pages: {} (read {})", reading.pages, reading.pages_read).expect("text");
            for found in &reading.found {
                let text =
                    if found.text == card() { "the example card (shc:/…, 1,613 characters)" } else { &found.text };
                writeln!(out, "page {} · {}: {text}", found.page, found.place).expect("text");
            }
            for note in &reading.notes {
                writeln!(out, "note: {note}").expect("text");
            }
            if reading.found.is_empty() {
                writeln!(out, "no card: {}", reading.no_card_message()).expect("text");
            }
        }
    }
    out
}

#[test]
fn every_fixture_matches_its_expected_reading() {
    let mut problems = Vec::new();
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .expect("fixtures")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "pdf"))
        .collect();
    pdfs.sort();
    assert!(pdfs.len() >= 12, "the fixtures are there");
    for pdf in &pdfs {
        let name = pdf.file_name().and_then(|n| n.to_str()).expect("a name");
        let expected = pdf.with_file_name(format!("{name}.expected.txt"));
        if let Some(problem) = Expected::check(&expected, &describe(pdf)).problem(name, &expected) {
            problems.push(problem);
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// The card is found the same way whichever producer drew it, and in whatever form.
#[test]
fn each_way_of_drawing_the_card_gives_the_card() {
    for (name, place) in [
        ("reportlab-png-qr.pdf", Place::Picture),
        ("reportlab-jpeg-qr.pdf", Place::Picture),
        ("reportlab-vector-qr.pdf", Place::Drawing),
        ("reportlab-text-card.pdf", Place::Text),
        ("printpdf-image-qr.pdf", Place::Picture),
        ("lopdf-inline-ahx.pdf", Place::Picture),
        ("lopdf-vector-squares.pdf", Place::Drawing),
        ("lopdf-composite-font-text.pdf", Place::Text),
    ] {
        let reading = read(&std::fs::read(fixtures().join(name)).expect("fixture"), &Limits::default())
            .unwrap_or_else(|problem| panic!("{name}: {problem}"));
        assert_eq!(reading.payloads(), vec![card()], "{name}");
        assert_eq!(reading.found[0].place, place, "{name}");
    }
}

#[test]
fn limits_are_kept_and_said() {
    let bytes = std::fs::read(fixtures().join("reportlab-ten-pages.pdf")).expect("fixture");
    let reading = read(&bytes, &Limits { max_pages: 3, ..Limits::default() }).expect("read");
    assert_eq!(reading.pages_read, 3);
    assert!(reading.found.is_empty(), "the card is on page 7");
    assert!(reading.notes.iter().any(|n| n.contains("first 3 of its 10 pages")), "{:?}", reading.notes);
    let few_operations = read(&bytes, &Limits { max_operations: 50, ..Limits::default() }).expect("read");
    assert!(few_operations.notes.iter().any(|n| n.contains("not read")), "{:?}", few_operations.notes);
}
