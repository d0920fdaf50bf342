//! Time of building a report with the answers computed from the copy (`recdesk_report::build`):
//!
//! * `report/school_copy_30_doses`: the school copy of a 6-year-old's 30 doses (the CDSi bench's
//!   child), with kindergarten status: redaction is done before timing; the time is the CDSi
//!   evaluation of the copy, the school status and the layout.
//! * `report/school_copy_30_doses_no_answers`: the same record as a provider's copy without
//!   consent, which carries no computed answers: the difference is what the answers add (the
//!   issue's budget: under 2 ms in the browser, where wasm runs a few times slower).
//! * `report/patient_copy_1000_doses`: the browser bench's 1,000-dose adult record (eight
//!   vaccines in turn, one dose every 9 days from 1961) as the patient's copy, every dose evaluated.
//!
//! Run with `cargo bench -p recdesk-report --bench build` (a quick look: add `-- --quick`).

use std::hint::black_box;
use std::time::Duration;

#[path = "../../cdsi/benches/support/child.rs"]
mod child;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use recdesk_access::{Attestation, ReleaseTime};
use recdesk_record::{Immunization, Located, Location, PartialDate, PersonName, ReadOutcome, Record};
use recdesk_redact::{Profile, Recipient, Redacted, StaffRedactions};
use recdesk_report::{Language, StatusRequest, build};
use recdesk_school::Grade;

fn at(n: usize) -> Location {
    Location::Json { document: 1, pointer: format!("/bench/{n}") }
}

fn record(birth: &str, doses: &[(String, &str)]) -> Record {
    let mut record = Record { message: 1, ..Record::default() };
    let name = PersonName { family: "Bench".into(), given: vec!["Pat".into()], ..PersonName::default() };
    record.patient.names.push(Located::new(name, at(0)));
    record.patient.birth_date = PartialDate::parse(birth).map(|d| Located::new(d, at(1)));
    record.immunizations = doses
        .iter()
        .enumerate()
        .map(|(i, (date, cvx))| Immunization {
            date: PartialDate::parse(date).map(|d| Located::new(d, at(10 + i))),
            cvx: Some(Located::new((*cvx).into(), at(5000 + i))),
            vaccine: recdesk_codes::vaccine_name(cvx),
            vaccine_groups: recdesk_codes::vaccine_groups(cvx).to_vec(),
            origin: Some(at(10_000 + i)),
            ..Immunization::default()
        })
        .collect();
    record
}

fn copy(record: Record, recipient: Recipient) -> Redacted {
    let outcome = ReadOutcome { records: vec![record], ..ReadOutcome::default() };
    recdesk_redact::redact(&outcome, &Profile::default_for(recipient), &StaffRedactions::default())
}

fn attestation(recipient: Recipient) -> Attestation {
    let time = PartialDate::parse("2026-04-01").and_then(|d| ReleaseTime::new(d, 9, 0)).expect("a time");
    Attestation::not_recorded("Desk Staff".into(), time, recipient, None)
}

fn bench(c: &mut Criterion) {
    recdesk_report::warm_up();
    let doses: Vec<(String, &str)> = child::DOSES.iter().map(|(d, c)| ((*d).to_owned(), *c)).collect();
    let school = copy(record(child::BIRTH, &doses), Recipient::School);
    let provider = copy(record(child::BIRTH, &doses), Recipient::Provider);
    let request = StatusRequest { grade: Some(Grade::Kindergarten), full_history: true };
    // The school copy must carry the status, and the provider's none, or this measures something else.
    let with = build(&school, &attestation(Recipient::School), request, &Language::English);
    assert!(with.sections.iter().any(|s| s.heading == "Minnesota school immunization status"));
    let without = build(&provider, &attestation(Recipient::Provider), request, &Language::English);
    assert!(!without.texts().iter().any(|t| t.contains("CDC's immunization schedule")));

    const VACCINES: [&str; 8] = ["20", "10", "03", "21", "08", "83", "116", "141"];
    let day = |n: i64| {
        let date = recdesk_cdsi::Date::new(1961, 1, 10).expect("a date").add_days(n * 9);
        date.to_string()
    };
    let adult: Vec<(String, &str)> = (0..1000).map(|i| (day(i as i64), VACCINES[i % VACCINES.len()])).collect();
    let patient = copy(record("1960-01-15", &adult), Recipient::Patient);

    let mut group = c.benchmark_group("report");
    group.warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(4));
    group.throughput(Throughput::Elements(child::DOSES.len() as u64));
    group.bench_function("school_copy_30_doses", |b| {
        b.iter(|| build(black_box(&school), &attestation(Recipient::School), request, &Language::English))
    });
    group.bench_function("school_copy_30_doses_no_answers", |b| {
        b.iter(|| build(black_box(&provider), &attestation(Recipient::Provider), request, &Language::English))
    });
    group.sample_size(20).throughput(Throughput::Elements(1000));
    group.bench_function("patient_copy_1000_doses", |b| {
        b.iter(|| {
            build(black_box(&patient), &attestation(Recipient::Patient), StatusRequest::default(), &Language::English)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
