//! Writes the criterion benchmarks' inputs to files, so that other implementations (in other
//! languages) can be timed on the very same bytes:
//!
//! ```text
//! cargo run --release -p recdesk-hl7 --example bench_inputs -- DIR
//! ```
//!
//! Into `DIR` (created if need be):
//!
//! * `hl7-batch.hl7`: the 10,000-patient VXU batch `read/batch_10000_patients` reads
//!   (segments end in `\r`, as generated); `hl7-one.hl7`: the 20-dose message of
//!   `read/one_vxu_20_doses`; `hl7-300-doses.hl7`, `hl7-1000-doses.hl7`: one patient each;
//! * `fhir-bundle.json`: the 1,000-patient × 10-dose Bundle of `fhir/bundle_1000_patients`;
//! * `shc-qr-numeric.txt`, `shc-issuer.jwks`: the SMART example card and its issuer's keys, as
//!   `shc/decode_verify_qr_numeric` verifies them; `shc-jws.txt`: the compact JWS the QR text
//!   encodes (its `shc:/` digits decoded pairwise, +45);
//! * `pdf-300.json`: the title and dose table (`Date`, `Vaccine`, `Dose`, `Source`) of the report
//!   `pdf/render_300_doses` renders;
//! * `manifest.json`: each file's name, size, patients, doses and what it is.
//!
//! The inputs come from `benches/support/generate.rs` and `crates/pdf/benches/support/report.rs`,
//! the files the benches build them with. Each HL7 file is read back and must read cleanly.

#[path = "../benches/support/generate.rs"]
mod generate;
#[path = "../../pdf/benches/support/report.rs"]
mod report;

use std::error::Error;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

const SHC_QR: &str = include_str!("../../intake/tests/fixtures/shc-example-00-qr-numeric.txt");
const SHC_JWKS: &str = include_str!("../../intake/tests/fixtures/example-issuer.jwks");
/// The same card as a bare JWS, to check the decoding of the QR digits against.
const SHC_BARE_JWS: &str = include_str!("../../intake/tests/fixtures/shc-example-00-bare-jws.txt");

/// Columns of the report's dose tables.
const PDF_COLUMNS: [&str; 4] = ["Date", "Vaccine", "Dose", "Source"];

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args_os().skip(1);
    let (Some(dir), None) = (args.next(), args.next()) else {
        return Err("usage: cargo run --release -p recdesk-hl7 --example bench_inputs -- DIR".into());
    };
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut out = Output { dir, manifest: Vec::new() };

    let (batch, doses) = generate::batch();
    check_hl7(&batch, generate::PATIENTS, doses)?;
    out.write(
        "hl7-batch.hl7",
        batch.as_bytes(),
        Some(generate::PATIENTS),
        Some(doses),
        "HL7 v2.5.1: 10,000 VXU^V04 messages back to back, 5-15 doses each (read/batch_10000_patients)",
    )?;
    for (file, count, what) in [
        ("hl7-one.hl7", 20, "HL7 v2.5.1: one VXU^V04, one patient, 20 doses (read/one_vxu_20_doses)"),
        ("hl7-300-doses.hl7", 300, "HL7 v2.5.1: one VXU^V04, one patient, 300 doses"),
        ("hl7-1000-doses.hl7", 1000, "HL7 v2.5.1: one VXU^V04, one patient, 1,000 doses"),
    ] {
        let message = generate::one_patient(count);
        check_hl7(&message, 1, count)?;
        out.write(file, message.as_bytes(), Some(1), Some(count), what)?;
    }

    let (patients, doses_each) = (1_000, 10);
    out.write(
        "fhir-bundle.json",
        generate::fhir_bundle(patients, doses_each).as_bytes(),
        Some(patients),
        Some(patients * doses_each),
        "FHIR R4 JSON: a collection Bundle, 1,000 patients x 10 doses (fhir/bundle_1000_patients)",
    )?;

    let jws = qr_to_jws(SHC_QR)?;
    if jws != SHC_BARE_JWS.trim() {
        return Err("the QR text does not decode to the example card's JWS".into());
    }
    out.write(
        "shc-qr-numeric.txt",
        SHC_QR.as_bytes(),
        Some(1),
        Some(2),
        "SMART Health Card example 00 as shc:/ numeric QR text (shc/decode_verify_qr_numeric)",
    )?;
    out.write(
        "shc-issuer.jwks",
        SHC_JWKS.as_bytes(),
        None,
        None,
        "JWK set of the card's issuer, https://spec.smarthealth.cards/examples/issuer (ES256 keys)",
    )?;
    out.write(
        "shc-jws.txt",
        jws.as_bytes(),
        Some(1),
        Some(2),
        "the compact JWS the numeric QR text encodes (header.payload.signature, payload raw DEFLATE)",
    )?;

    let doses = 300;
    let model = report::report(doses);
    let rows: Vec<&Vec<String>> = model
        .sections
        .iter()
        .flat_map(|section| &section.blocks)
        .filter_map(|block| match block {
            recdesk_report::Block::Table(table) if table.columns.iter().map(|c| c.title.as_str()).eq(PDF_COLUMNS) => {
                Some(&table.rows)
            }
            _ => None,
        })
        .flatten()
        .collect();
    if rows.len() != doses {
        return Err(format!("the 300-dose report shows {} dose rows", rows.len()).into());
    }
    let table = json!({ "title": model.title, "columns": PDF_COLUMNS, "rows": rows });
    out.write(
        "pdf-300.json",
        serde_json::to_string_pretty(&table)?.as_bytes(),
        Some(1),
        Some(doses as u64),
        "the title and dose table of the school copy pdf/render_300_doses renders",
    )?;

    let manifest = serde_json::to_string_pretty(&out.manifest)?;
    let path = out.dir.join("manifest.json");
    std::fs::write(&path, &manifest).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!("{:>10}  {}", manifest.len(), path.display());
    Ok(())
}

struct Output {
    dir: PathBuf,
    manifest: Vec<Value>,
}

impl Output {
    /// Writes one file, prints its size and path, and lists it in the manifest.
    fn write(
        &mut self,
        file: &str,
        bytes: &[u8],
        patients: Option<u64>,
        doses: Option<u64>,
        what: &str,
    ) -> Result<(), Box<dyn Error>> {
        let path: &Path = &self.dir.join(file);
        std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        println!("{:>10}  {}", bytes.len(), path.display());
        self.manifest
            .push(json!({ "file": file, "bytes": bytes.len(), "patients": patients, "doses": doses, "what": what }));
        Ok(())
    }
}

/// The generated HL7 must read cleanly, as the bench asserts.
fn check_hl7(text: &str, patients: u64, doses: u64) -> Result<(), Box<dyn Error>> {
    let outcome = recdesk_hl7::read(text);
    let read_doses: usize = outcome.records.iter().map(|r| r.immunizations.len()).sum();
    if outcome.records.len() as u64 != patients || read_doses as u64 != doses || !outcome.diagnostics.is_empty() {
        return Err(format!(
            "generated HL7 reads as {} records, {read_doses} doses, {} diagnostics (first: {:?})",
            outcome.records.len(),
            outcome.diagnostics.len(),
            outcome.diagnostics.first()
        )
        .into());
    }
    Ok(())
}

/// `shc:/` numeric QR text to its compact JWS: each pair of digits is one character, +45.
fn qr_to_jws(qr: &str) -> Result<String, Box<dyn Error>> {
    let digits = qr.trim().strip_prefix("shc:/").ok_or("the QR text does not start with shc:/")?;
    if digits.len() % 2 != 0 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err("the QR text is not an even number of digits".into());
    }
    Ok(digits.as_bytes().chunks(2).map(|pair| char::from((pair[0] - b'0') * 10 + (pair[1] - b'0') + 45)).collect())
}
