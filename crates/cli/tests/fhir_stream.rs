//! FHIR bundles read a patient record at a time (`--jsonl`): the same records and diagnostics as
//! a whole reading, places in the whole file, the fallback for a bundle out of patient order, and
//! a bundle that breaks off.

mod common;

#[path = "../../hl7/benches/support/generate.rs"]
mod generate;

use std::path::PathBuf;

use serde_json::Value;

use common::recdesk;

fn lines(output: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(output).lines().map(|line| serde_json::from_str(line).expect("a JSON line")).collect()
}

fn records_of_lines(lines: &[Value]) -> Vec<Value> {
    lines.iter().map(|line| line["record"].clone()).filter(|record| !record.is_null()).collect()
}

/// Diagnostics as a sorted list without repeats (a whole reading says each once).
fn distinct(diagnostics: impl IntoIterator<Item = Value>) -> Vec<String> {
    let mut all: Vec<String> = diagnostics.into_iter().map(|d| d.to_string()).collect();
    all.sort();
    all.dedup();
    all
}

/// The FHIR inputs of the intake's fixtures and of the FHIR reader's.
fn fixtures() -> Vec<PathBuf> {
    let readers = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fhir/tests/fixtures");
    let mut all = Vec::new();
    for dir in [common::fixture(""), readers] {
        for entry in std::fs::read_dir(dir).expect("fixtures") {
            let path = entry.expect("an entry").path();
            let name = path.to_string_lossy();
            if name.ends_with(".json") && !name.ends_with(".expected.json") {
                all.push(path);
            }
        }
    }
    all.sort();
    assert!(all.len() > 25, "{all:?}");
    all
}

#[test]
fn every_fhir_fixture_streams_to_the_records_and_diagnostics_json_gives() {
    for path in fixtures() {
        let name = path.to_str().expect("a path");
        let whole = recdesk(&["inspect", "--json", name], b"");
        let bytes = std::fs::read(&path).expect("a fixture");
        for (input, stdin) in [(name, &b""[..]), ("-", &bytes[..])] {
            let streamed = recdesk(&["inspect", "--jsonl", input], stdin);
            assert_eq!(streamed.status.code(), whole.status.code(), "{name} from {input}");
            if !whole.status.success() {
                // The same reason, for the same input.
                let reason = |output: &std::process::Output, input: &str| {
                    String::from_utf8_lossy(&output.stderr).replacen(&format!("recdesk: {input}: "), "", 1)
                };
                assert_eq!(reason(&streamed, input), reason(&whole, name), "{name}");
                continue;
            }
            let whole: Value = serde_json::from_slice(&whole.stdout).expect("JSON");
            let lines = lines(&streamed.stdout);
            assert_eq!(records_of_lines(&lines), whole["records"].as_array().cloned().unwrap_or_default(), "{name}");
            let streamed_diagnostics =
                lines.iter().flat_map(|line| line["diagnostics"].as_array().cloned().unwrap_or_default());
            assert_eq!(
                distinct(streamed_diagnostics),
                distinct(whole["diagnostics"].as_array().cloned().unwrap_or_default()),
                "{name}"
            );
        }
    }
}

/// A generated bundle of `patients`, in patient order, with an element the reader does not know
/// on the first dose of patient 30 (to see where its diagnostic points).
fn many_patients(patients: u64) -> (String, usize) {
    let bundle = generate::fhir_bundle(patients, 3);
    let mut value: Value = serde_json::from_str(&bundle).expect("JSON");
    let entries = value["entry"].as_array_mut().expect("entries");
    let mut seen = 0;
    let marked = entries
        .iter()
        .position(|entry| {
            seen += usize::from(entry["resource"]["resourceType"] == "Patient");
            seen == 30 && entry["resource"]["resourceType"] == "Immunization"
        })
        .expect("patient 30's dose");
    entries[marked]["resource"]["bodyTemperature"] = Value::from(37);
    (value.to_string(), marked)
}

#[test]
fn a_bundle_of_many_patients_in_patient_order_is_read_a_record_at_a_time() {
    let (bundle, marked) = many_patients(40);
    let whole = recdesk(&["inspect", "--json", "-"], bundle.as_bytes());
    let whole: Value = serde_json::from_slice(&whole.stdout).expect("JSON");
    let streamed = recdesk(&["inspect", "--jsonl", "-"], bundle.as_bytes());
    assert!(streamed.status.success(), "{streamed:?}");
    let lines = lines(&streamed.stdout);
    assert_eq!(lines.len(), 40);
    // Read a record at a time: each line's bundle holds its own record (read whole, 40).
    assert!(lines.iter().all(|line| line["message"]["records"] == 1), "{:?}", lines[0]["message"]);
    assert_eq!(records_of_lines(&lines), whole["records"].as_array().cloned().expect("records"));
    // The unknown element's diagnostic is on patient 30's line and points into the whole file.
    let diagnostics = lines[29]["diagnostics"].as_array().expect("diagnostics");
    let location = diagnostics
        .iter()
        .filter_map(|d| d["location"].as_str())
        .find(|at| at.contains("bodyTemperature"))
        .expect("the unknown element is reported");
    assert_eq!(location, format!("document 1, /entry/{marked}/resource/bodyTemperature"));
    let original: Value = serde_json::from_str(&bundle).expect("JSON");
    let pointer = location.trim_start_matches("document 1, ");
    assert_eq!(original.pointer(pointer), Some(&Value::from(37)));
    assert!(lines.iter().enumerate().all(|(n, line)| n == 29 || line["diagnostics"] == serde_json::json!([])));

    // redact: the same copies and log as redacting the whole bundle, places and all.
    let copies = lines_of(&["redact", "--for", "school", "--jsonl", "-"], &bundle);
    let whole = recdesk(&["redact", "--for", "school", "--json", "-"], bundle.as_bytes());
    let whole: Value = serde_json::from_slice(&whole.stdout).expect("JSON");
    let streamed_records: Vec<Value> =
        copies.iter().flat_map(|c| c["records"].as_array().cloned().expect("records")).collect();
    assert_eq!(streamed_records, whole["records"].as_array().cloned().expect("records"));
    let log = |entries: Vec<Value>| {
        let mut log: Vec<String> = entries.iter().map(Value::to_string).collect();
        log.sort();
        log
    };
    let streamed_log = copies.iter().flat_map(|c| c["redactions"].as_array().cloned().expect("a log")).collect();
    assert_eq!(log(streamed_log), log(whole["redactions"].as_array().cloned().expect("a log")));
    // evaluate: records numbered across the bundle.
    let evaluated = lines_of(&["evaluate", "--on", "2025-09-01", "--jsonl", "-"], &bundle);
    let numbers: Vec<u64> = evaluated.iter().map(|line| line["record"].as_u64().expect("a number")).collect();
    assert_eq!(numbers, (1..=40).collect::<Vec<u64>>());
}

fn lines_of(args: &[&str], input: &str) -> Vec<Value> {
    let output = recdesk(args, input.as_bytes());
    assert!(output.status.success(), "{args:?}: {output:?}");
    lines(&output.stdout)
}

#[test]
fn a_small_bundle_out_of_patient_order_is_read_whole() {
    let (bundle, _) = many_patients(40);
    let mut value: Value = serde_json::from_str(&bundle).expect("JSON");
    let entries = value["entry"].as_array_mut().expect("entries");
    // The first patient's first dose, moved to the end.
    let dose = entries.remove(3);
    assert_eq!(dose["resource"]["resourceType"], "Immunization");
    entries.push(dose);
    let bundle = value.to_string();
    let whole = recdesk(&["inspect", "--json", "-"], bundle.as_bytes());
    let whole: Value = serde_json::from_slice(&whole.stdout).expect("JSON");
    let lines = lines_of(&["inspect", "--jsonl", "-"], &bundle);
    assert!(lines.iter().all(|line| line["message"]["records"] == 40), "read whole");
    assert_eq!(records_of_lines(&lines), whole["records"].as_array().cloned().expect("records"));
    assert_eq!(whole["records"][0]["immunizations"].as_array().map(Vec::len), Some(3), "the moved dose is the first's");
}

/// A Patient entry whose narrative makes the bundle larger than a whole reading takes.
fn padded_patient(id: &str, size: usize) -> String {
    format!(
        r#"{{"fullUrl":"urn:uuid:{id}","resource":{{"resourceType":"Patient","id":"{id}","text":{{"status":"generated","div":"<div>{}</div>"}},"name":[{{"family":"Pad","given":["{id}"]}}],"birthDate":"2020-01-01"}}}}"#,
        "x".repeat(size)
    )
}

fn dose(patient: &str) -> String {
    format!(
        r#"{{"resource":{{"resourceType":"Immunization","status":"completed","vaccineCode":{{"coding":[{{"system":"http://hl7.org/fhir/sid/cvx","code":"08"}}]}},"patient":{{"reference":"urn:uuid:{patient}"}},"occurrenceDateTime":"2020-01-02"}}}}"#
    )
}

fn bundle_of(entries: &[String]) -> String {
    format!(r#"{{"resourceType":"Bundle","type":"collection","entry":[{}]}}"#, entries.join(","))
}

fn scratch_file(name: &str, contents: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("recdesk-fhir-stream-{name}-{}.json", std::process::id()));
    std::fs::write(&path, contents).expect("written");
    path
}

#[test]
fn a_large_bundle_out_of_patient_order_is_refused_before_anything_is_written() {
    let entries = [padded_patient("a", 10), padded_patient("b", 10), dose("a"), padded_patient("c", 21 * 1024 * 1024)];
    let path = scratch_file("out-of-order", &bundle_of(&entries));
    let output = recdesk(&["inspect", "--jsonl", path.to_str().expect("a path")], b"");
    let _ = std::fs::remove_file(&path);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(output.stdout.is_empty(), "nothing is written");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("this FHIR bundle is larger than 20 MB and cannot be read a record at a time"), "{stderr}");
    assert!(stderr.contains("entry 2 (Immunization) names a patient other than the Patient of entry 1"), "{stderr}");
    assert!(stderr.contains("must list each Patient's own resources"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn a_bundle_that_breaks_off_says_where_and_keeps_the_records_before() {
    // Small: exactly what a whole reading says of it.
    let (small, _) = many_patients(40);
    let cut = &small[..small.len() / 2];
    let whole = recdesk(&["inspect", "--json", "-"], cut.as_bytes());
    let streamed = recdesk(&["inspect", "--jsonl", "-"], cut.as_bytes());
    assert_eq!(streamed.status.code(), Some(2));
    assert!(streamed.stdout.is_empty());
    assert_eq!(streamed.stderr, whole.stderr);
    assert!(String::from_utf8_lossy(&whole.stderr).contains("is not valid JSON"), "{whole:?}");
    // Larger than a whole reading: the records before the break are written, then the reason.
    let mut entries = Vec::new();
    for n in 0..30 {
        let id = format!("p{n:02}");
        entries.push(padded_patient(&id, 800 * 1024));
        entries.push(dose(&id));
    }
    let large = bundle_of(&entries);
    let cut = &large[..large.find(&dose("p27")).expect("there") + 40];
    let path = scratch_file("cut", cut);
    for input in ["-", path.to_str().expect("a path")] {
        let stdin = if input == "-" { cut.as_bytes() } else { b"" };
        let output = recdesk(&["inspect", "--jsonl", input], stdin);
        assert_eq!(output.status.code(), Some(2), "{input}");
        let lines = lines(&output.stdout);
        assert_eq!(lines.len(), 27, "{input}: every record closed before the break");
        let given: Vec<&str> =
            lines.iter().filter_map(|l| l["record"]["patient"]["names"][0]["given"][0].as_str()).collect();
        assert_eq!(given.last(), Some(&"p26"));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("the FHIR JSON breaks off or goes wrong at line 1, column "), "{stderr}");
        assert!(stderr.contains("The 27 records before it were read; nothing after it was."), "{stderr}");
    }
    let _ = std::fs::remove_file(&path);
}
