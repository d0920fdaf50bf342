//! Time to build a recipient's copy with `recdesk_redact::redact`, on the records read from the
//! generated 10,000-patient HL7 batch of the HL7 bench (`crates/hl7/benches/support/generate.rs`:
//! 5–15 doses each, mothers, SSNs, funding OBX, non-ASCII names; read once, before timing):
//!
//! * `redact/school_10000_patients`: the school profile (`Profile::default_for(Recipient::School)`,
//!   no staff redactions);
//! * `redact/patient_10000_patients`: the patient's own copy.
//!
//! Run with `cargo bench -p recdesk-redact --bench redact` (a quick look: add `-- --quick`).
//! Throughput is in records. `cargo run --release -p recdesk-hl7 --example bench_inputs -- DIR`
//! writes the batch to `DIR/hl7-batch.hl7`.

#[path = "../../hl7/benches/support/generate.rs"]
mod generate;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use recdesk_redact::{Profile, Recipient, StaffRedactions, redact};

fn bench(c: &mut Criterion) {
    let (batch, doses) = generate::batch();
    let outcome = recdesk_hl7::read(&batch);
    drop(batch);
    let read_doses: usize = outcome.records.iter().map(|r| r.immunizations.len()).sum();
    // The records must read cleanly, or the copy is built from something else than intended.
    assert_eq!(outcome.records.len() as u64, generate::PATIENTS, "one record per patient");
    assert_eq!(read_doses as u64, doses, "every dose read");
    assert!(outcome.diagnostics.is_empty(), "no diagnostics: {:?}", outcome.diagnostics.first());
    let records = outcome.records.len() as u64;
    let staff = StaffRedactions::default();

    let mut group = c.benchmark_group("redact");
    group.sample_size(10).sampling_mode(SamplingMode::Flat).warm_up_time(Duration::from_secs(2));
    group.measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Elements(records));
    for (name, recipient) in
        [("school_10000_patients", Recipient::School), ("patient_10000_patients", Recipient::Patient)]
    {
        let profile = Profile::default_for(recipient);
        let copy = redact(&outcome, &profile, &staff);
        assert_eq!(copy.records.len() as u64, records, "{name}: every record in the copy");
        assert!(copy.blocked.is_empty(), "{name}: no record blocked");
        eprintln!("{name}: {records} records, {doses} doses, {} items withheld", copy.redactions.len());
        group.bench_function(name, |b| b.iter(|| redact(black_box(&outcome), &profile, &staff)));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
