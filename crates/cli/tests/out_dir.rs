//! `recdesk report --out-dir DIR` as a user runs it: one PDF per patient record, named by
//! number only, never written over, a line for each record without a copy, and a summary.

mod common;

#[path = "../../hl7/benches/support/generate.rs"]
mod generate;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{fixture, recdesk};

const NOW: &str = "2024-07-01T14:05";

/// A fresh, empty folder of this test's own (not made: `--out-dir` makes it).
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("recdesk-out-dir-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn text(output: &[u8]) -> String {
    String::from_utf8_lossy(output).into_owned()
}

/// A fixture's message(s), segments ending in CR, without batch header or trailer segments.
fn messages(name: &str) -> String {
    let text = std::fs::read_to_string(fixture(name)).expect("a fixture");
    text.split(['\r', '\n'])
        .filter(|segment| !segment.is_empty() && !["FHS", "BHS", "BTS", "FTS"].iter().any(|s| segment.starts_with(s)))
        .map(|segment| format!("{segment}\r"))
        .collect()
}

/// An FHS/BHS batch: Nguyễn (message 1), Fox (2), Jones, protected (3), an ACK with no patient
/// (4), Hill (5), Adams (6), Baker (7). Records are numbered 1 to 6. Also each message alone.
fn batch() -> (String, Vec<String>) {
    let mut alone: Vec<String> = [
        "vxu-complete.hl7",
        "dose-statuses.hl7",
        "protected.hl7",
        "ack-with-errors.hl7",
        "insurance-and-eligibility.hl7",
    ]
    .into_iter()
    .map(messages)
    .collect();
    let pair = messages("batch.hl7");
    let second = pair.find("MSH|").and_then(|first| pair[first + 1..].find("MSH|").map(|at| at + first + 1));
    let (ada, ben) = pair.split_at(second.expect("two messages"));
    alone.extend([ada.to_owned(), ben.to_owned()]);
    (format!("FHS|^~\\&\rBHS|^~\\&\r{}BTS|7\rFTS|1\r", alone.concat()), alone)
}

fn report_into(dir: &Path, options: &[&str], input: &str, stdin: &[u8]) -> Output {
    let mut args = vec!["report", "--now", NOW, "--out-dir", dir.to_str().expect("a path")];
    args.extend(options);
    args.push(input);
    recdesk(&args, stdin)
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("the folder")
        .map(|entry| entry.expect("an entry").file_name().into_string().expect("a name"))
        .collect();
    names.sort();
    names
}

/// Every name, birth date (as written in HL7 and in JSON) and identifier `inspect` finds in
/// `input`: what a file name must never carry.
fn patient_data(input: &[u8]) -> Vec<String> {
    let output = recdesk(&["inspect", "--json", "-"], input);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let mut data = Vec::new();
    for record in json["records"].as_array().expect("records") {
        let patient = &record["patient"];
        for name in patient["names"].as_array().into_iter().flatten() {
            data.extend(name["family"].as_str().map(str::to_owned));
            data.extend(name["given"].as_array().into_iter().flatten().filter_map(|g| g.as_str().map(str::to_owned)));
        }
        if let Some(born) = patient["birth_date"].as_str() {
            data.extend([born.to_owned(), born.replace('-', "")]);
        }
        for id in patient["identifiers"].as_array().into_iter().flatten() {
            data.extend(id["value"].as_str().map(str::to_owned));
        }
    }
    data.retain(|value| value.len() >= 2);
    assert!(data.len() > 15, "{data:?}");
    data
}

#[test]
fn one_pdf_per_patient_record_named_by_its_number_only() {
    let (batch, _) = batch();
    let dir = scratch("names").join("nested");
    let output = report_into(&dir, &["--for", "patient"], "-", batch.as_bytes());
    assert!(output.status.success(), "{output:?}");
    // Record 3 is protected, but the patient's own copy is theirs; the ACK holds no record.
    let names = files(&dir);
    assert_eq!(
        names,
        [
            "record-000001.pdf",
            "record-000002.pdf",
            "record-000003.pdf",
            "record-000004.pdf",
            "record-000005.pdf",
            "record-000006.pdf"
        ]
    );
    for value in patient_data(batch.as_bytes()) {
        for name in &names {
            assert!(!name.to_lowercase().contains(&value.to_lowercase()), "{value:?} is in the file name {name}");
        }
    }
    // Each file is its own patient's, in input order.
    let families = ["Nguyễn", "Fox", "Jones", "Hill", "Adams", "Baker"];
    for (name, family) in names.iter().zip(families) {
        let pdf = std::fs::read(dir.join(name)).expect("a PDF");
        assert!(pdf.starts_with(b"%PDF-"), "{name}");
        let words = pdf_text(&pdf);
        assert!(words.contains(family), "{name} is not {family}'s: {words}");
        for other in families.iter().filter(|f| **f != family) {
            assert!(!words.contains(other), "{name} holds {other}: {words}");
        }
    }
    assert_eq!(
        text(&output.stdout),
        format!("Wrote 6 reports to {}; 1 message held no patient record (see above).\n", dir.display())
    );
    let _ = std::fs::remove_dir_all(dir.parent().expect("the scratch folder"));
}

#[test]
fn each_pdf_is_the_one_report_o_writes_for_that_record_alone() {
    let (batch, alone) = batch();
    let dir = scratch("same-bytes");
    let options = [
        "--for",
        "school",
        "--include",
        "address",
        "--grade",
        "K",
        "--full-history",
        "--paper",
        "a4",
        "--staff",
        "A. Staff",
    ];
    let path = dir.with_extension("hl7");
    std::fs::write(&path, &batch).expect("the batch");
    let output = report_into(&dir, &options, path.to_str().expect("a path"), b"");
    assert!(output.status.success(), "{output:?}");
    // Messages 1, 2, 5, 6, 7 are records 1, 2, 4, 5, 6 (3 is protected: no school copy).
    for (message, record) in [(0, 1), (1, 2), (4, 4), (5, 5), (6, 6)] {
        let mut args = vec!["report", "--now", NOW, "-o", "-"];
        args.extend(options);
        args.push("-");
        let one = recdesk(&args, alone[message].as_bytes());
        assert!(one.status.success(), "{one:?}");
        let written = std::fs::read(dir.join(format!("record-{record:06}.pdf"))).expect("the record's PDF");
        assert!(written == one.stdout, "record {record} differs from report -o of message {}", message + 1);
    }
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_file(&path);
}

#[test]
fn a_record_without_a_copy_gets_a_line_naming_no_patient_and_no_file() {
    let (batch, _) = batch();
    let dir = scratch("refused");
    let output = report_into(&dir, &["--for", "provider"], "-", batch.as_bytes());
    assert!(output.status.success(), "{output:?}");
    assert!(!dir.join("record-000003.pdf").exists());
    assert_eq!(files(&dir).len(), 5);
    let stderr = text(&output.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(lines[0].starts_with("recdesk: record 3 (message 3): no copy: not released: This record is protected"));
    assert!(lines[1].starts_with("recdesk: message 4 (ACK^V04^ACK) holds no patient record"), "{stderr}");
    for value in patient_data(batch.as_bytes()) {
        assert!(!stderr.contains(&value), "{value:?} is on a line: {stderr}");
    }
    assert_eq!(
        text(&output.stdout),
        format!(
            "Wrote 5 reports to {}; 1 record had no copy; 1 message held no patient record (see above).\n",
            dir.display()
        )
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn each_patient_gets_the_copy_their_own_decision_allows() {
    // A parent's answers on an adult and a child: the adult's record is not theirs. With -o the
    // child's copy carries a "not released" note; here the adult simply gets no file.
    let answers = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/answers");
    let adult = std::fs::read_to_string(answers.join("records/adult.hl7")).expect("the adult");
    let both = format!("{}\r{}", adult.trim_end(), messages("vxu-complete.hl7"));
    let dir = scratch("answers");
    let file = answers.join("parent-for-school.json");
    let output = report_into(&dir, &["--answers", file.to_str().expect("a path")], "-", both.as_bytes());
    assert!(output.status.success(), "{output:?}");
    assert_eq!(files(&dir), ["record-000002.pdf"]);
    let stderr = text(&output.stderr);
    assert!(stderr.starts_with("recdesk: record 1 (message 1): no copy: not released (do not release): "), "{stderr}");
    assert!(!stderr.contains("Larsen") && !stderr.contains("Ingrid"), "{stderr}");
    let words = pdf_text(&std::fs::read(dir.join("record-000002.pdf")).expect("the child's copy"));
    assert!(words.contains("Nguyễn") && words.contains("Prepared for a school"), "{words}");
    assert!(!words.contains("not released under this request"), "{words}");
    assert_eq!(
        text(&output.stdout),
        format!("Wrote 1 report to {}; 1 record had no copy (see above).\n", dir.display())
    );
    // No copy at all: the summary, then exit 2.
    let output =
        report_into(&scratch("answers-none"), &["--answers", file.to_str().expect("a path")], "-", adult.as_bytes());
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stdout).starts_with("Wrote 0 reports to "), "{output:?}");
    assert!(text(&output.stderr).contains("no report was written"), "{output:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_report_is_never_written_over() {
    let (batch, _) = batch();
    let dir = scratch("again");
    assert!(report_into(&dir, &["--for", "patient"], "-", batch.as_bytes()).status.success());
    let before: Vec<Vec<u8>> = files(&dir).iter().map(|n| std::fs::read(dir.join(n)).expect("a file")).collect();
    // A second run into the same folder: refused before anything is written, naming a file.
    let output = report_into(&dir, &["--for", "school"], "-", batch.as_bytes());
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = text(&output.stderr);
    assert!(stderr.contains("already holds") && stderr.contains("record-000001.pdf"), "{stderr}");
    assert!(stderr.contains("never written over"), "{stderr}");
    let after: Vec<Vec<u8>> = files(&dir).iter().map(|n| std::fs::read(dir.join(n)).expect("a file")).collect();
    assert!(before == after, "a report changed");
    // One report of another run, among other files: still refused; the other files do not matter.
    let other = scratch("one-there");
    std::fs::create_dir_all(&other).expect("a folder");
    std::fs::write(other.join("record-000004.pdf"), b"mine").expect("a file");
    std::fs::write(other.join("notes.txt"), b"notes").expect("a file");
    let output = report_into(&other, &["--for", "patient"], "-", batch.as_bytes());
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("record-000004.pdf"), "{output:?}");
    assert_eq!(std::fs::read(other.join("record-000004.pdf")).expect("kept"), b"mine");
    std::fs::remove_file(other.join("record-000004.pdf")).expect("removed");
    assert!(report_into(&other, &["--for", "patient"], "-", batch.as_bytes()).status.success());
    assert_eq!(std::fs::read(other.join("notes.txt")).expect("kept"), b"notes");
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&other);
}

#[test]
fn o_and_out_dir_cannot_be_used_together() {
    let path = fixture("dose-statuses.hl7");
    let dir = scratch("both");
    let output = recdesk(
        &[
            "report",
            "--for",
            "school",
            "-o",
            "x.pdf",
            "--out-dir",
            dir.to_str().expect("a path"),
            path.to_str().expect("a path"),
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("-o and --out-dir cannot be used together"), "{output:?}");
    assert!(!dir.exists() && !Path::new("x.pdf").exists());
    let output = recdesk(&["report", "--for", "school", path.to_str().expect("a path")], b"");
    assert!(text(&output.stderr).contains("or --out-dir DIR for one PDF per patient record"), "{output:?}");
}

#[test]
fn a_fhir_bundle_gets_a_pdf_per_patient_as_its_own_bundle_would() {
    let bundle = generate::fhir_bundle(4, 2);
    let dir = scratch("fhir");
    let output = report_into(&dir, &["--for", "school"], "-", bundle.as_bytes());
    assert!(output.status.success(), "{output:?}");
    assert!(output.stderr.is_empty(), "no progress line off a terminal: {output:?}");
    assert_eq!(files(&dir).len(), 4);
    // Each patient's entries as a bundle of their own give the same PDF.
    let mut whole: serde_json::Value = serde_json::from_str(&bundle).expect("JSON");
    let entries = whole["entry"].take();
    let mut own: Vec<Vec<serde_json::Value>> = Vec::new();
    for entry in entries.as_array().expect("entries") {
        if entry["resource"]["resourceType"] == "Patient" {
            own.push(Vec::new());
        }
        own.last_mut().expect("a patient first").push(entry.clone());
    }
    for (index, entries) in own.into_iter().enumerate() {
        let mut alone = whole.clone();
        alone["entry"] = serde_json::Value::Array(entries);
        let one = recdesk(&["report", "--for", "school", "--now", NOW, "-o", "-", "-"], alone.to_string().as_bytes());
        let written = std::fs::read(dir.join(format!("record-{:06}.pdf", index + 1))).expect("a PDF");
        assert!(one.stdout == written, "patient {} differs", index + 1);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_input_read_whole_gets_its_pdf_too() {
    let card = fixture("shc-example-00-qr-numeric.txt");
    let dir = scratch("card");
    let output = report_into(&dir, &["--for", "patient"], card.to_str().expect("a path"), b"");
    assert!(output.status.success(), "{output:?}");
    assert_eq!(files(&dir), ["record-000001.pdf"]);
    let output = report_into(&scratch("nothing"), &["--for", "patient"], "-", b"just words");
    assert_eq!(output.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn help_describes_out_dir() {
    let help = text(&recdesk(&["--help"], b"").stdout);
    assert!(help.contains("(-o OUT.pdf | --out-dir DIR)"), "{help}");
    assert!(help.contains("record-000001.pdf, record-000002.pdf"), "{help}");
    assert!(help.contains("Wrote 9,998 reports to DIR;"), "{help}");
}

fn pdf_text(pdf: &[u8]) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8", "-", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("pdftotext runs (install poppler-utils)");
    child.stdin.take().expect("stdin").write_all(pdf).expect("the PDF is written");
    let output = child.wait_with_output().expect("pdftotext finishes");
    String::from_utf8(output.stdout).expect("UTF-8").split_whitespace().collect::<Vec<_>>().join(" ")
}
