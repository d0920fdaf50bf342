//! Throughput of `recdesk_hl7::read` on generated input (no files, same bytes every run):
//!
//! * `read/batch_10000_patients`: 10,000 VXU^V04 messages back to back, one patient each, with
//!   5–15 doses per patient (ORC/RXA/RXR and funding/VIS OBX rows), a mother (NK1), PD1,
//!   SS and MR identifiers, and a non-ASCII name every few patients;
//! * `read/one_vxu_20_doses`: one typical message with 20 doses.
//!
//! Run with `cargo bench -p recdesk-hl7 --bench parse` (a quick look: add `-- --quick`).
//! Criterion reports MB/s (bytes of input per second); the batch's size and patient count are
//! printed first so patients per second can be worked out from the time.
//!
//! The inputs come from `support/generate.rs`; `cargo run --release -p recdesk-hl7 --example
//! bench_inputs -- DIR` writes the same bytes to `DIR/hl7-batch.hl7` and `DIR/hl7-one.hl7`.

#[path = "support/generate.rs"]
mod generate;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use generate::{PATIENTS, batch, one_patient};

fn bench_read(c: &mut Criterion) {
    let (batch, doses) = batch();
    let outcome = recdesk_hl7::read(&batch);
    let read_doses: usize = outcome.records.iter().map(|r| r.immunizations.len()).sum();
    // The generated data must read cleanly, or the benchmark measures the error paths.
    assert_eq!(outcome.records.len() as u64, PATIENTS, "one record per patient");
    assert_eq!(read_doses as u64, doses, "every dose read");
    assert!(outcome.diagnostics.is_empty(), "no diagnostics: {:?}", outcome.diagnostics.first());
    assert!(outcome.records.iter().all(|r| r.immunizations.iter().all(|i| !i.vis.is_empty())), "VIS rows read");
    eprintln!(
        "batch: {PATIENTS} patients, {doses} doses, {} bytes ({:.2} MiB), {} segments",
        batch.len(),
        batch.len() as f64 / (1024.0 * 1024.0),
        batch.matches('\r').count()
    );
    drop(outcome);

    let mut group = c.benchmark_group("read");
    group.sample_size(10).sampling_mode(SamplingMode::Flat).warm_up_time(Duration::from_secs(2));
    group.measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Bytes(batch.len() as u64));
    group.bench_function("batch_10000_patients", |b| b.iter(|| recdesk_hl7::read(black_box(&batch))));

    let one = one_patient(20);
    let outcome = recdesk_hl7::read(&one);
    assert_eq!(outcome.records.first().map(|r| r.immunizations.len()), Some(20), "one message, 20 doses");
    assert!(outcome.diagnostics.is_empty(), "no diagnostics: {:?}", outcome.diagnostics.first());
    eprintln!("one message: 20 doses, {} bytes", one.len());

    group.sample_size(100).sampling_mode(SamplingMode::Auto).warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(5));
    group.throughput(Throughput::Bytes(one.len() as u64));
    group.bench_function("one_vxu_20_doses", |b| b.iter(|| recdesk_hl7::read(black_box(&one))));
    group.finish();
}

criterion_group!(benches, bench_read);
criterion_main!(benches);
