//! `recdesk inspect` as a user runs it: arguments, exit status, standard output and error.

mod common;

use std::process::Output;

use common::{fixture, recdesk};

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

#[test]
fn json_has_the_documented_shape() {
    let path = fixture("dose-statuses.hl7");
    let output = recdesk(&["inspect", "--json", path.to_str().expect("a path")], b"");
    assert!(output.status.success(), "{output:?}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(json["format"], "hl7v2");
    let record = &json["records"][0];
    assert_eq!(record["patient"]["names"][0]["family"], "Fox");
    let doses = record["immunizations"].as_array().expect("immunizations");
    assert_eq!(doses.len(), 8);
    assert_eq!(doses[0]["date"], "2024-01-01");
    assert_eq!(doses[0]["cvx"], "03");
    assert_eq!(doses[0]["vaccine"], "MMR");
    let statuses: Vec<&str> = doses.iter().map(|d| d["status"].as_str().expect("a status")).collect();
    assert_eq!(
        statuses,
        [
            "refused",
            "not_administered",
            "partial",
            "entered_in_error",
            "completed",
            "completed",
            "completed",
            "completed"
        ]
    );
    assert!(record["forecast"].is_array());
    let diagnostic = &json["diagnostics"][0];
    assert_eq!(diagnostic["severity"], "warning");
    assert_eq!(diagnostic["location"], "message 1, segment 14 (RXA), RXA-20.1");
    assert!(diagnostic["message"].as_str().is_some_and(|m| !m.is_empty()));
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let bytes = std::fs::read(fixture("batch.hl7")).expect("a fixture");
    let output = recdesk(&["inspect", "-"], &bytes);
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    assert!(text.starts_with("-: HL7 v2, 2 messages, 2 patient records, 0 diagnostics"), "{text}");
    assert!(text.contains("Ada Adams") && text.contains("Ben Baker"), "{text}");
    assert!(text.contains("Varicella (chickenpox)"), "{text}");
}

#[test]
fn the_summary_groups_combination_vaccines_under_each_group_and_hides_errors() {
    let message = "MSH|^~\\&|A|B|||20240101||VXU^V04|1|P|2.5.1\rPID|1||1^^^A^MR||Roe^Rae||20200101|F\r\
                   RXA|0|1|20200301|20200301|110^DTaP-HepB-IPV^CVX|0.5|mL\r\
                   RXA|0|1|20200401|20200401|08^HepB^CVX|0.5|mL|||||||||||||CP|D\r";
    let output = recdesk(&["inspect", "-"], message.as_bytes());
    let text = stdout(&output);
    assert!(text.contains("Immunizations:   1 (1 entered in error, not shown)"), "{text}");
    for group in ["DTaP / Tdap / Td", "Polio", "Hepatitis B"] {
        assert!(text.contains(&format!("    {group}\n      2020-03-01")), "{group} in {text}");
    }
    assert!(!text.contains("2020-04-01"), "{text}");
    assert!(text.contains("0 diagnostics"), "{text}");
}

#[test]
fn nothing_readable_exits_2_with_one_line_on_stderr() {
    for input in [&b"just some words"[..], b"", b"%PDF-1.7 binary"] {
        let output = recdesk(&["inspect", "-"], input);
        assert_eq!(output.status.code(), Some(2), "{output:?}");
        assert!(output.stdout.is_empty());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.starts_with("recdesk: -: "), "{stderr}");
    }
}

#[test]
fn usage_mistakes_exit_2_and_say_what_to_do() {
    let cases: [&[&str]; 4] =
        [&["inspect"], &["inspect", "--jsn", "x"], &["frobnicate"], &["inspect", "/no/such/file.hl7"]];
    for args in cases {
        let output = recdesk(args, b"");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(!output.stderr.is_empty(), "{args:?}");
    }
}

#[test]
fn help_describes_inspect() {
    let output = recdesk(&["--help"], b"");
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.contains("recdesk inspect [--json] [--jwks ISS=FILE]") && text.contains("Exit status"), "{text}");
}

const EXAMPLE_ISSUER: &str = "https://spec.smarthealth.cards/examples/issuer";

#[test]
fn a_smart_health_card_is_verified_against_a_loaded_key_set() {
    let card = fixture("shc-example-00-qr-numeric.txt");
    let jwks = fixture("example-issuer.jwks");
    let trusted = format!("{EXAMPLE_ISSUER}={}", jwks.to_str().expect("a path"));
    let output = recdesk(&["inspect", "--json", "--jwks", &trusted, card.to_str().expect("a path")], b"");
    assert!(output.status.success(), "{output:?}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(json["format"], "smart_health_card");
    assert_eq!(json["verifications"][0]["status"], "valid_signature_unknown_issuer");
    assert_eq!(json["verifications"][0]["issuer"], EXAMPLE_ISSUER);
    assert_eq!(json["records"][0]["immunizations"].as_array().map(Vec::len), Some(3));
}

#[test]
fn without_the_issuers_keys_the_summary_says_the_signature_was_not_checked() {
    let card = fixture("shc-example-01-file.smart-health-card");
    let output = recdesk(&["inspect", card.to_str().expect("a path")], b"");
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    assert!(text.contains("SMART Health Card, 1 document, 1 patient record"), "{text}");
    assert!(text.contains("Card 1: ISSUER NOT KNOWN: SIGNATURE NOT CHECKED"), "{text}");
    assert!(text.contains("John B. Anyperson"), "{text}");
}

#[test]
fn a_tampered_card_is_reported_as_such() {
    let card = fixture("shc-tampered-signature-jws.txt");
    let jwks = fixture("example-issuer.jwks");
    let trusted = format!("{EXAMPLE_ISSUER}={}", jwks.to_str().expect("a path"));
    let output = recdesk(&["inspect", "--jwks", &trusted, card.to_str().expect("a path")], b"");
    let text = stdout(&output);
    assert!(text.contains("Card 1: INVALID SIGNATURE"), "{text}");
    assert!(text.contains("Do not accept it."), "{text}");
}

#[test]
fn fhir_json_is_read_as_documents() {
    let bundle = fixture("fhir-example-bundle.json");
    let output = recdesk(&["inspect", bundle.to_str().expect("a path")], b"");
    let text = stdout(&output);
    assert!(text.starts_with(&format!("{}: FHIR R4 JSON, 1 document, 1 patient record", bundle.display())), "{text}");
    assert!(text.contains("Document 1: Bundle (collection)"), "{text}");
}

#[test]
fn a_bad_key_file_is_refused_with_its_reason() {
    let not_keys = fixture("batch.hl7");
    let trusted = format!("{EXAMPLE_ISSUER}={}", not_keys.to_str().expect("a path"));
    let output = recdesk(&["inspect", "--jwks", &trusted, "-"], b"MSH|^~\\&|A");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("batch.hl7"), "{output:?}");
    let output = recdesk(&["inspect", "--jwks", "no-equals-sign", "-"], b"");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_picture_of_a_card_is_read_through_its_qr_code() {
    let picture = fixture("shc-example-00-qr.png");
    let output = recdesk(&["inspect", picture.to_str().expect("a path")], b"");
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    assert!(text.contains("SMART Health Card, 1 document, 1 patient record"), "{text}");
    assert!(text.contains("John B. Anyperson"), "{text}");
}

#[test]
fn a_picture_without_a_code_exits_2_with_the_reason() {
    let not_a_picture = b"\x89PNG\r\n\x1a\ntruncated";
    let output = recdesk(&["inspect", "-"], not_a_picture);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(!output.stderr.is_empty());
}

#[test]
fn redact_for_a_school_withholds_what_the_rules_forbid_and_logs_it() {
    let path = fixture("insurance-and-eligibility.hl7");
    let output = recdesk(&["redact", "--for", "school", "--json", path.to_str().expect("a path")], b"");
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(json["profile"], "school");
    let record = json["records"][0].to_string();
    assert!(record.contains("\"Hill\""), "the patient is named: {record}");
    for forbidden in ["Maiden", "MEMBER12345", "Medical Assistance", "V02", "VXC2", "I1"] {
        assert!(!record.contains(forbidden), "{forbidden} in {record}");
    }
    let rules: Vec<&str> =
        json["redactions"].as_array().expect("a log").iter().filter_map(|r| r["rule"].as_str()).collect();
    assert!(rules.contains(&"miic_data_use_agreement"), "{rules:?}");
    assert!(rules.contains(&"identifiers_never_released"), "{rules:?}");
    let first = &json["redactions"][0];
    assert!(first["kind"].is_string() && first["location"].is_string() && first["rule"].is_string());
}

#[test]
fn redact_refuses_a_protected_record_for_an_organization_and_explains() {
    let path = fixture("protected.hl7");
    let output = recdesk(&["redact", "--for", "provider", path.to_str().expect("a path")], b"");
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    assert!(text.contains("RECORD 1 NOT RELEASED: This record is protected"), "{text}");
    assert!(!text.contains("Jones"), "{text}");
}

#[test]
fn redact_needs_a_known_recipient_and_known_items() {
    let path = fixture("batch.hl7");
    let path = path.to_str().expect("a path");
    for args in [
        &["redact", path][..],
        &["redact", "--for", "employer", path],
        &["redact", "--for", "school", "--include", "ssn", path],
    ] {
        let output = recdesk(args, b"");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(!output.stderr.is_empty());
    }
}

#[test]
fn redact_dose_counts_without_names() {
    let path = fixture("batch.hl7");
    let output = recdesk(&["redact", "--for", "dose-counts", path.to_str().expect("a path")], b"");
    let text = stdout(&output);
    assert!(text.contains("Dose counts by vaccine group and year (no personal details)"), "{text}");
    assert!(!text.contains("Adams") && !text.contains("Baker"), "{text}");
}

#[test]
fn a_pdf_carrying_a_card_is_read_and_says_where_the_card_was() {
    let path = fixture("shc-chunked-in-pdf.pdf");
    let output = recdesk(&["inspect", path.to_str().expect("a path")], b"");
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    assert!(text.contains("SMART Health Card, 1 document, 1 patient record"), "{text}");
    assert!(
        text.contains("Found in the PDF on page 1: QR code (picture)\nFound in the PDF on page 2: QR code (picture)"),
        "{text}"
    );
    assert!(text.contains("John B. Anyperson"), "{text}");
}

#[test]
fn a_pdf_without_a_card_is_refused_with_the_reason() {
    let path = fixture("pdf-printout-without-card.pdf");
    let output = recdesk(&["inspect", path.to_str().expect("a path")], b"");
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("This PDF is a printout with no card in it"), "{error}");
    assert!(error.contains("A QR code on page 1 holds something other than a card."), "{error}");
}

#[test]
fn an_oversized_input_is_refused_with_its_true_size() {
    // A sparse 80 MB file: the refusal states its size, not the 20 MB the reader stopped at.
    let dir = std::env::temp_dir().join(format!("recdesk-size-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let path = dir.join("export.hl7");
    std::fs::File::create(&path).and_then(|file| file.set_len(80 * 1024 * 1024)).expect("a large file");
    let output = recdesk(&["inspect", path.to_str().expect("a path")], b"");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("This file is 80 MB, larger than the 20 MB"), "{error}");
    // Standard input's size is not known before it is read: "more than".
    // (Exactly one byte over, so the tool reads all that is written.)
    let output = recdesk(&["inspect", "-"], &vec![b'x'; 20 * 1024 * 1024 + 1]);
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("the input is more than 20 MB"), "{error}");
}

#[test]
fn jsonl_writes_one_line_per_record_of_a_batch_as_it_reads_it() {
    let message = std::fs::read_to_string(fixture("vxu-complete.hl7")).expect("a fixture").replace('\n', "\r");
    let batch = format!("FHS|^~\\&\rBHS|^~\\&\r{message}\r{message}\r{message}\rBTS|3\rFTS|1\r");
    let output = recdesk(&["inspect", "--jsonl", "-"], batch.as_bytes());
    assert!(output.status.success(), "{output:?}");
    let lines: Vec<serde_json::Value> =
        stdout(&output).lines().map(|line| serde_json::from_str(line).expect("one JSON object per line")).collect();
    assert_eq!(lines.len(), 3);
    let numbers: Vec<u64> = lines.iter().map(|l| l["message"]["number"].as_u64().expect("a number")).collect();
    assert_eq!(numbers, [1, 2, 3]);
    assert!(lines.iter().all(|l| l["record"]["patient"]["names"][0]["family"] == "Nguyễn"));
    // Not HL7: read whole, one line per record all the same.
    let card = recdesk(&["inspect", "--jsonl", fixture("shc-in-pdf.pdf").to_str().expect("a path")], b"");
    assert!(card.status.success(), "{card:?}");
    assert_eq!(stdout(&card).lines().count(), 1);
}

#[test]
fn redact_and_evaluate_stream_a_batch_one_record_per_line_too() {
    let message = std::fs::read_to_string(fixture("vxu-complete.hl7")).expect("a fixture").replace('\n', "\r");
    let batch = format!("FHS|^~\\&\rBHS|^~\\&\r{message}\r{message}\rBTS|2\rFTS|1\r");
    let redacted = recdesk(&["redact", "--for", "school", "--jsonl", "-"], batch.as_bytes());
    assert!(redacted.status.success(), "{redacted:?}");
    let lines: Vec<serde_json::Value> =
        stdout(&redacted).lines().map(|line| serde_json::from_str(line).expect("JSON")).collect();
    assert_eq!(lines.len(), 2);
    for line in &lines {
        let text = line.to_string();
        assert!(!text.contains("123-45-6789") && !text.contains("MRN-44") && !text.contains("Managed Care"), "{text}");
        assert_eq!(line["records"][0]["patient"]["names"][0]["family"], "Nguyễn");
    }
    // The same copy as redacting the one message whole.
    let whole = recdesk(&["redact", "--for", "school", "--json", "-"], message.as_bytes());
    let whole: serde_json::Value = serde_json::from_str(&stdout(&whole)).expect("JSON");
    assert_eq!(lines[0]["records"], whole["records"]);
    let evaluated = recdesk(&["evaluate", "--on", "2025-09-01", "--jsonl", "-"], batch.as_bytes());
    assert!(evaluated.status.success(), "{evaluated:?}");
    let numbers: Vec<u64> = stdout(&evaluated)
        .lines()
        .map(|line| {
            serde_json::from_str::<serde_json::Value>(line).expect("JSON")["record"].as_u64().expect("a number")
        })
        .collect();
    assert_eq!(numbers, [1, 2]);
}

#[test]
fn jsonl_reads_standard_input_once_whatever_it_holds() {
    // Standard input cannot be read twice: what was looked at to tell its kind is read with the rest.
    for name in ["shc-example-00-qr-numeric.txt", "fhir-example-bundle.json", "batch.hl7"] {
        let bytes = std::fs::read(fixture(name)).expect("a fixture");
        let from_file = recdesk(&["inspect", "--jsonl", fixture(name).to_str().expect("a path")], b"");
        let from_stdin = recdesk(&["inspect", "--jsonl", "-"], &bytes);
        assert!(from_stdin.status.success(), "{name}: {from_stdin:?}");
        assert!(!from_stdin.stdout.is_empty(), "{name}");
        assert_eq!(from_stdin.stdout, from_file.stdout, "{name}");
    }
}

#[test]
fn redact_jsonl_numbers_a_refused_record_by_its_place_in_the_input() {
    let message = |name: &str| std::fs::read_to_string(fixture(name)).expect("a fixture").replace('\n', "\r");
    let batch = format!("{}\r{}\r", message("dose-statuses.hl7").trim_end(), message("protected.hl7").trim_end());
    let output = recdesk(&["redact", "--for", "provider", "--jsonl", "-"], batch.as_bytes());
    assert!(output.status.success(), "{output:?}");
    let lines: Vec<serde_json::Value> =
        stdout(&output).lines().map(|line| serde_json::from_str(line).expect("JSON")).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["blocked"], serde_json::json!([]));
    assert_eq!(lines[1]["blocked"][0]["record"], 2, "{}", lines[1]);
}
