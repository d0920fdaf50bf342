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

/// A PDF's text, from pdftotext reading standard input.
fn pdf_text(pdf: &[u8]) -> String {
    let mut child = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("pdftotext runs (install poppler-utils)");
    child.stdin.take().expect("stdin").write_all(pdf).expect("the PDF is written");
    let output = child.wait_with_output().expect("pdftotext finishes");
    String::from_utf8(output.stdout).expect("UTF-8")
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
        "MMR",
        "Released by Ana Lê",
        "Released on 2024-07-01 14:05",
        "Requester not recorded (released with the command-line tool)",
        "Data as of 2024-03-05",
        "Generated on this device",
        "Page 1 of",
    ] {
        assert!(text.contains(expected), "{expected:?} is not in:\n{text}");
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
    assert!(help.contains("recdesk report --for patient|school|provider|summary"));
    assert!(help.contains("--paper"));
    assert!(help.contains("--now"));
}
