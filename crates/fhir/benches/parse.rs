//! Throughput of `recdesk_fhir::read` (JSON parsing included) on generated input (no files,
//! same bytes every run):
//!
//! * `fhir/bundle_1000_patients`: one FHIR R4 collection Bundle of 1,000 patients with 10 doses
//!   each: per patient a Patient (MR and SSN identifiers, address, phone, mother's maiden name,
//!   a non-ASCII name every few patients), a RelatedPerson (the mother), a Coverage and 10
//!   Immunizations (CVX, date, lot, expiry, MVX, site, route, amount, program eligibility);
//! * `fhir/one_bundle_20_doses`: the same for one patient with 20 doses.
//!
//! Run with `cargo bench -p recdesk-fhir --bench parse` (a quick look: add `-- --quick`).
//! Criterion reports MB/s of JSON. The bundle comes from `fhir_bundle` in
//! `crates/hl7/benches/support/generate.rs`; `cargo run --release -p recdesk-hl7 --example
//! bench_inputs -- DIR` writes the 1,000-patient one to `DIR/fhir-bundle.json`.

#[path = "../../hl7/benches/support/generate.rs"]
mod generate;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};

/// Generates the bundle and checks it reads cleanly: one record per patient, every dose read
/// with its CVX code, lot, date and eligibility, the mother and the coverage, no diagnostics.
fn bundle(patients: u64, doses_each: u64) -> String {
    let text = generate::fhir_bundle(patients, doses_each);
    let outcome = recdesk_fhir::read(&text);
    assert!(outcome.diagnostics.is_empty(), "no diagnostics: {:?}", outcome.diagnostics.first());
    assert_eq!(outcome.records.len() as u64, patients, "one record per patient");
    for record in &outcome.records {
        assert_eq!(record.immunizations.len() as u64, doses_each, "every dose read");
        assert!(
            record.immunizations.iter().all(|i| i.cvx.is_some()
                && !i.lot_numbers.is_empty()
                && i.date.is_some()
                && i.funding_eligibility.is_some()),
            "CVX, lot, date and eligibility read"
        );
        assert_eq!(record.related_persons.len(), 1, "the mother read");
        assert_eq!(record.insurance.len(), 1, "the coverage read");
    }
    eprintln!(
        "bundle: {patients} patients, {} doses, {} bytes ({:.2} MiB)",
        patients * doses_each,
        text.len(),
        text.len() as f64 / (1024.0 * 1024.0)
    );
    text
}

fn bench_read(c: &mut Criterion) {
    let big = bundle(1_000, 10);
    let one = bundle(1, 20);

    let mut group = c.benchmark_group("fhir");
    group.sample_size(10).sampling_mode(SamplingMode::Flat).warm_up_time(Duration::from_secs(2));
    group.measurement_time(Duration::from_secs(15));
    group.throughput(Throughput::Bytes(big.len() as u64));
    group.bench_function("bundle_1000_patients", |b| b.iter(|| recdesk_fhir::read(black_box(&big))));

    group.sample_size(100).sampling_mode(SamplingMode::Auto).warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(5));
    group.throughput(Throughput::Bytes(one.len() as u64));
    group.bench_function("one_bundle_20_doses", |b| b.iter(|| recdesk_fhir::read(black_box(&one))));
    group.finish();
}

criterion_group!(benches, bench_read);
criterion_main!(benches);
