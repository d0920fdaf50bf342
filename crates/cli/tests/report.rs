//! `recdesk report` as a user runs it: the PDF it writes, read back with pdftotext, and its errors.

mod common;

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use common::recdesk;

/// A fixture's path, as an argument.
fn fixture(name: &str) -> String {
    common::fixture(name).to_str().expect("a path").to_owned()
}

fn out_path(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("recdesk-cli-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir.join(name)
}

/// What a poppler tool prints for a PDF it reads from standard input.
fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let mut child = Command::new(tool)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{tool} runs (install poppler-utils): {e}"));
    child.stdin.take().expect("stdin").write_all(pdf).expect("the PDF is written");
    let output = child.wait_with_output().expect("the tool finishes");
    assert!(output.status.success(), "{tool} failed");
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// A PDF's text, from pdftotext reading standard input.
fn pdf_text(pdf: &[u8]) -> String {
    poppler("pdftotext", &["-raw", "-enc", "UTF-8", "-", "-"], pdf)
}

/// Text with every run of white space made one space: wrapped lines read as one.
fn spaced(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `recdesk report` of a fixture with `options`, written to standard output: the PDF.
fn report_pdf(fixture_name: &str, options: &[&str]) -> Vec<u8> {
    let path = fixture(fixture_name);
    let mut args = vec!["report", "--now", "2024-07-01T14:05", "-o", "-"];
    args.extend(options);
    args.push(&path);
    let output = recdesk(&args, b"");
    assert!(output.status.success(), "{args:?}: {output:?}");
    assert!(output.stdout.starts_with(b"%PDF-"), "{args:?}: a PDF on standard output");
    output.stdout
}

#[test]
fn a_school_report_shows_the_copy_and_the_release() {
    let out = out_path("school.pdf");
    let output = recdesk(
        &[
            "report",
            "--for",
            "school",
            "--staff",
            "Ana Lê",
            "--now",
            "2024-07-01T14:05",
            "-o",
            out.to_str().expect("a path"),
            &fixture("dose-statuses.hl7"),
        ],
        b"",
    );
    assert!(output.status.success(), "{output:?}");
    let pdf = std::fs::read(&out).expect("the PDF was written");
    assert!(pdf.starts_with(b"%PDF-"));
    let text = pdf_text(&pdf).split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Immunization record",
        "Prepared for a school or child-care provider — sensitive fields withheld under the MIIC data use agreement",
        "Finn Fox",
        "2020-01-01",
        "DTaP (CVX 20)",
        "Released by Ana Lê",
        "Released on 2024-07-01 14:05",
        "Requester not recorded (released with the command-line tool)",
        "Data as of 2024-03-05",
        "Generated on this device",
        "Page 1 of",
    ] {
        assert!(text.contains(expected), "{expected:?} is not in:\n{text}");
    }
    // The refused MMR and the varicella not given are the patient's to see, not the school's
    // (§144.3351 covers vaccines received).
    for absent in ["2024-01-01", "2024-01-02", "refused", "not administered"] {
        assert!(!text.contains(absent), "{absent:?} is on the school copy:\n{text}");
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("report for a school"), "{stdout}");
}

#[test]
fn the_same_input_and_now_give_the_same_bytes_from_a_file_or_standard_input() {
    let input = std::fs::read(fixture("dose-statuses.hl7")).expect("the fixture");
    let from_file = out_path("file.pdf");
    let args = ["report", "--for", "patient", "--now", "2024-07-01T14:05", "--paper", "a4"];
    let mut file_args = args.to_vec();
    let path = fixture("dose-statuses.hl7");
    file_args.extend(["-o", from_file.to_str().expect("a path"), &path]);
    assert!(recdesk(&file_args, b"").status.success());
    let mut stdin_args = args.to_vec();
    stdin_args.extend(["-o", "-", "-"]);
    let piped = recdesk(&stdin_args, &input);
    assert!(piped.status.success(), "{piped:?}");
    assert_eq!(std::fs::read(&from_file).expect("the PDF"), piped.stdout);
}

#[test]
fn mistakes_exit_2_with_a_reason() {
    let path = fixture("dose-statuses.hl7");
    for (args, reason) in [
        (vec!["report", "--for", "school", &path], "needs -o"),
        (vec!["report", "-o", "x.pdf", &path], "needs --for"),
        (vec!["report", "--for", "school", "-o", "x.pdf", "--now", "tomorrow", &path], "--now takes"),
        (vec!["report", "--for", "school", "-o", "x.pdf", "--paper", "legal", &path], "--paper takes"),
        (vec!["report", "--for", "school", "-o", "x.pdf", "--json", &path], "writes a PDF"),
    ] {
        let output = recdesk(&args, b"");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(reason), "{args:?}: {stderr}");
    }
}

#[test]
fn help_describes_report() {
    let output = recdesk(&["--help"], b"");
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(help.contains("recdesk report [--for patient|school|provider|dose-counts]"));
    assert!(help.contains("--answers ANSWERS.json"));
    assert!(help.contains("--paper"));
    assert!(help.contains("--now"));
}

#[test]
fn paper_a4_gives_a4_pages_and_letter_is_the_default() {
    // A record that runs onto a second page, so every page's size is checked.
    let sizes = |pdf: &[u8]| -> Vec<String> {
        let info = poppler("pdfinfo", &["-f", "1", "-l", "99", "-"], pdf);
        info.lines().filter(|l| l.starts_with("Page ") && l.contains(" size:")).map(str::to_owned).collect()
    };
    let a4 = sizes(&report_pdf("vxu-complete-lf.hl7", &["--for", "patient", "--paper", "a4"]));
    assert!(a4.len() >= 2, "{a4:?}");
    for page in &a4 {
        assert!(page.ends_with("595.276 x 841.89 pts (A4)"), "{page}");
    }
    let letter = sizes(&report_pdf("vxu-complete-lf.hl7", &["--for", "patient"]));
    assert!(letter.len() >= 2, "{letter:?}");
    for page in &letter {
        assert!(page.ends_with("612 x 792 pts (letter)"), "{page}");
    }
}

#[test]
fn a_school_report_lacks_the_mothers_name_and_insurance_the_patients_copy_shows() {
    // Everything optional asked for: the school's copy still never carries the mother's names,
    // insurance or funding eligibility, nor the patient's contact details.
    let include =
        ["--include", "mothers-names", "--include", "insurance", "--include", "personal", "--include", "guardian"];
    let cases = [
        ("vxu-complete-lf.hl7", &["Mai Nguyễn (Mother)", "(612) 5550101", "anh.family@example.com"][..]),
        (
            "insurance-and-eligibility.hl7",
            &["Maiden Mom", "Minnesota Medical Assistance", "VFC eligible - Medicaid"][..],
        ),
    ];
    for (input, withheld) in cases {
        let copy = |recipient: &str| {
            let mut options = vec!["--for", recipient];
            options.extend(include);
            spaced(&pdf_text(&report_pdf(input, &options)))
        };
        let patient = copy("patient");
        let school = copy("school");
        for value in withheld {
            assert!(patient.contains(value), "{input}: {value:?} is not on the patient's copy:\n{patient}");
            assert!(!school.contains(value), "{input}: {value:?} is on the school's copy:\n{school}");
        }
        // Both are of the same patient.
        let name = if input.starts_with("vxu") { "Name Thị Ánh Nguyễn" } else { "Name Hana Hill" };
        assert!(patient.contains(name) && school.contains(name), "{input}");
    }
}

#[test]
fn a_dose_counts_report_counts_doses_and_names_no_patient() {
    let pdf = report_pdf("vxu-complete-lf.hl7", &["--for", "dose-counts"]);
    let text = spaced(&pdf_text(&pdf));
    for expected in [
        "Immunization dose counts (no personal details)",
        "Dose counts — one person's doses by vaccine group and year",
        "Doses by vaccine group and year",
        "DTaP / Tdap / Td 2024 1",
        "MMR 2019 1",
        "Hepatitis B 2024 1",
        "Page 1 of",
    ] {
        assert!(text.contains(expected), "{expected:?} is not in:\n{text}");
    }
    // No name, birth date, address or contact of the patient or their mother, in the text or the
    // file's metadata.
    let info = poppler("pdfinfo", &["-"], &pdf);
    for value in [
        "Nguyễn",
        "Nguyen",
        "Thị",
        "Ánh",
        "Anh",
        "Mai",
        "2019-04-02",
        "Lake St",
        "PO Box",
        "55401",
        "5550101",
        "example.com",
        "LOT123",
        "DT55",
    ] {
        let words = |text: &str| text.split(|c: char| !c.is_alphanumeric()).any(|w| w == value);
        let found = if value.chars().all(char::is_alphabetic) { words(&text) } else { text.contains(value) };
        assert!(!found, "{value:?} is on the summary:\n{text}");
        assert!(!info.contains(value), "{value:?} is in the metadata:\n{info}");
    }
    assert!(info.contains("Title:           Immunization dose counts (no personal details)"), "{info}");
    assert!(!text.contains("de-identified"), "{text}");
}

/// A fixture of the school-status tests (`tests/school`).
fn school_fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/school").join(name).to_str().expect("a path").to_owned()
}

fn school_report_text(name: &str, options: &[&str]) -> String {
    school_report_text_for("school", name, options)
}

#[test]
fn a_complete_kindergartener_reads_complete_for_every_vaccine() {
    let text = school_report_text("kindergarten-complete.hl7", &["--grade", "K", "--full-history"]);
    for expected in [
        "Minnesota school immunization status",
        "Level Kindergarten",
        "Status complete",
        "Staff confirmed that this record is the child's full immunization history.",
        "DTaP/DT 2020-03-10 2020-05-11 2020-07-13 2021-04-12 2024-01-15 complete",
        "Polio 2020-03-10 2020-05-11 2020-07-13 2024-01-15 complete",
        "MMR 2021-01-11 2024-01-15 complete",
        "Hepatitis B 2020-01-11 2020-03-10 2020-05-11 2020-07-13 complete",
        "Varicella 2021-01-11 2024-01-15 complete",
        "schedule: CDC CDSi 4.64, November 2025",
        "Minn. Stat. §121A.15",
    ] {
        assert!(text.contains(expected), "{expected:?} is not in:\n{text}");
    }
    // Each dose row says which dose it is: the combination's 3rd dose counts toward three groups.
    assert!(text.contains("2020-07-13 DTaP-Hep B-IPV (CVX 110) 3 of 5"), "{text}");
    assert!(text.contains("2020-07-13 DTaP-Hep B-IPV (CVX 110) 3 of 4"), "{text}");
    assert!(text.contains("2020-05-11 DTaP-Hep B-IPV (CVX 110) 3 of 3"), "{text}");
    assert!(text.contains("2020-07-13 DTaP-Hep B-IPV (CVX 110) dose 4"), "{text}");
    assert!(!text.contains("not complete"), "{text}");
    assert!(!text.contains("based on the doses in this record only"), "{text}");
}

#[test]
fn a_missing_polio_dose_is_named_on_the_school_copy() {
    let text = school_report_text("kindergarten-missing-polio.hl7", &["--grade", "K"]);
    for expected in [
        "Status not complete (based on the doses in this record only)",
        "Based on the doses in this record only",
        "Polio 2020-03-10 2020-05-11 2020-07-13 not complete: needs 1 more dose of Polio 2025-09-02",
        "DTaP/DT 2020-03-10 2020-05-11 2020-07-13 2021-04-12 2024-01-15 complete",
    ] {
        assert!(text.contains(expected), "{expected:?} is not in:\n{text}");
    }
    // The school copy has no forecast beyond the required vaccines' next dose.
    assert!(!text.contains("Due next"), "{text}");
}

#[test]
fn the_grade_defaults_from_the_age_and_a_wrong_grade_is_refused() {
    let text = school_report_text("grade7-td-no-tdap.hl7", &[]);
    assert!(text.contains("Level Grade 7 (Grades 7 to 11)"), "{text}");
    assert!(text.contains("Tdap not complete: needs 1 dose of Tdap, given on or after age 7"), "{text}");
    let output = recdesk(
        &["report", "--for", "school", "--grade", "13", "-o", "-", &school_fixture("grade7-td-no-tdap.hl7")],
        b"",
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--grade takes child-care, K or 1 to 12, not `13`"));
}

#[test]
fn a_card_holding_only_covid_doses_gives_a_status_from_its_doses_only() {
    let path = fixture("shc-example-00-qr-numeric.txt");
    let output =
        recdesk(&["report", "--for", "school", "--grade", "12", "--now", "2025-09-02T10:00", "-o", "-", &path], b"");
    assert!(output.status.success(), "{output:?}");
    let text = spaced(&pdf_text(&output.stdout));
    assert!(text.contains("Status not complete (based on the doses in this record only)"), "{text}");
    assert!(text.contains("MMR not complete: needs 2 doses of MMR"), "{text}");
}

#[test]
fn the_patients_copy_says_what_is_due_next() {
    let text = school_report_text_for("patient", "kindergarten-missing-polio.hl7", &[]);
    assert!(text.contains("Due next"), "{text}");
    assert!(text.contains("Polio 4 2024-01-10 2024-01-10 2027-02-06"), "{text}");
    assert!(text.contains("Hepatitis A 1 2021-01-10 2021-01-10 2022-02-06 overdue"), "{text}");
    assert!(text.contains("2020-07-13 DTaP-Hep B-IPV (CVX 110); lot L4 dose 3"), "{text}");
    assert!(text.contains("overdue"), "{text}");
    // No grade asked: no school status on the family's copy.
    assert!(!text.contains("Minnesota school immunization status"), "{text}");
}

fn school_report_text_for(recipient: &str, name: &str, options: &[&str]) -> String {
    let path = school_fixture(name);
    let mut args = vec!["report", "--for", recipient, "--now", "2025-09-02T10:00", "-o", "-"];
    args.extend(options);
    args.push(&path);
    let output = recdesk(&args, b"");
    assert!(output.status.success(), "{args:?}: {output:?}");
    spaced(&pdf_text(&output.stdout))
}

#[test]
fn codes_no_table_knows_are_printed_as_unknown_never_as_sent() {
    let text = spaced(&pdf_text(&report_pdf("coded-values-not-in-tables.hl7", &["--for", "patient"])));
    assert!(text.contains("Sex unknown") || text.contains("Sex: unknown"), "{text}");
    for sent in ["Queer", "INTRAMUSC", "LEFTARM", "(sent:", "Mom)"] {
        assert!(!text.contains(sent), "{sent} is printed:\n{text}");
    }
}

#[test]
fn a_partial_dose_says_so_with_its_reason_on_the_patients_copy_and_not_on_the_schools() {
    let patient = spaced(&pdf_text(&report_pdf("fhir-subpotent-with-reason.json", &["--for", "patient"])));
    assert!(patient.contains("Partial Dose"), "{patient}");
    let school = spaced(&pdf_text(&report_pdf("fhir-subpotent-with-reason.json", &["--for", "school"])));
    assert!(!school.contains("Partial Dose"), "{school}");
    assert!(
        school.contains("partial") || school.contains("not valid"),
        "the school still learns the dose was partial: {school}"
    );
}

#[test]
fn a_record_desk_report_opened_again_is_a_printout_with_no_card() {
    // Staff sometimes open the paper's PDF instead of the record: its words are never read as one.
    let pdf = report_pdf("vxu-complete.hl7", &["--for", "patient"]);
    let output = recdesk(&["inspect", "-"], &pdf);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("This PDF is a printout with no card in it"), "{error}");
}

fn settings(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/settings").join(name);
    path.to_str().expect("a path").to_owned()
}

#[test]
fn lang_prints_the_patients_copy_in_english_and_the_chosen_language() {
    let drafts = settings("print-draft-translations.json");
    for (lang, title, draft) in [
        ("es", "Registro de vacunación", "Traducción preliminar"),
        ("so", "Diiwaanka tallaalka", "Turjumaad hordhac ah"),
        ("hmn", "Ntaub ntawv txhaj tshuaj tiv thaiv kab mob", "Lus txhais ua ntej"),
    ] {
        let pdf = report_pdf("vxu-complete.hl7", &["--for", "patient", "--lang", lang, "--settings", &drafts]);
        let text = spaced(&pdf_text(&pdf));
        for expected in
            [title, draft, "Immunization record", "Draft translation", "The English text is the official record"]
        {
            assert!(text.contains(expected), "{lang}: {expected:?} is not in:\n{text}");
        }
    }
}

#[test]
fn lang_is_refused_while_the_translation_is_a_draft_and_the_settings_do_not_allow_drafts() {
    let path = fixture("vxu-complete.hl7");
    let output = recdesk(&["report", "--for", "patient", "--lang", "so", "-o", "-", &path], b"");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty(), "no PDF");
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("The Somali translation has 143 strings no reviewer has checked yet"), "{error}");
    assert!(error.contains("\"draft_translations\": \"print_marked\""), "{error}");
}

#[test]
fn lang_applies_to_the_patients_copy_and_to_known_languages_only() {
    let path = fixture("vxu-complete.hl7");
    let drafts = settings("print-draft-translations.json");
    let school = recdesk(&["report", "--for", "school", "--lang", "es", "--settings", &drafts, "-o", "-", &path], b"");
    assert_eq!(school.status.code(), Some(2));
    let error = String::from_utf8_lossy(&school.stderr);
    assert!(error.contains("--lang prints the patient's own copy in two languages; the copy for a school"), "{error}");
    let french = recdesk(&["report", "--for", "patient", "--lang", "fr", "-o", "-", &path], b"");
    let error = String::from_utf8_lossy(&french.stderr);
    assert!(error.contains("--lang takes es (Spanish), so (Somali), hmn (Hmong), not `fr`"), "{error}");
    let english = report_pdf("vxu-complete.hl7", &["--for", "patient", "--lang", "en"]);
    assert_eq!(english, report_pdf("vxu-complete.hl7", &["--for", "patient"]), "--lang en is the English copy");
    let settings_alone = recdesk(&["report", "--for", "patient", "--settings", &drafts, "-o", "-", &path], b"");
    let error = String::from_utf8_lossy(&settings_alone.stderr);
    assert!(error.contains("--settings applies to a decision or a translation"), "{error}");
}
