//! Time of the CDSi engine, `recdesk_cdsi::assess`, and of loading the supporting data it uses:
//!
//! * `cdsi/assess_child_30_doses`: every dose evaluated and every vaccine group forecast for a
//!   healthy 6-year-old vaccinated on the US childhood schedule, 30 doses (HepB ×3, DTaP ×5,
//!   Hib ×4, PCV13 ×4, IPV ×4, rotavirus RV1 ×2, MMR ×2, varicella ×2, HepA ×2, influenza ×2 in
//!   the first season), assessed on 2026-04-01. The supporting data is loaded before timing
//!   (the engine loads it once, on first use), so this is the cost of every assessment after
//!   the first. The budget: under 1 ms.
//! * `cdsi/load_supporting_data`: what that first use adds: deserializing the JSON `build.rs`
//!   embeds in the crate (`antigens.json` and `schedule.json` in `OUT_DIR`) into the crate's
//!   public types, as `recdesk_cdsi::antigens()` and `schedule()` do once behind their
//!   `OnceLock` (which a benchmark cannot reset). Throughput is in bytes of JSON.
//!
//! Run with `cargo bench -p recdesk-cdsi --bench assess` (a quick look: add `-- --quick`).
//! Before timing, the record must assess cleanly: each of the 30 doses evaluated (at least one
//! evaluation per dose, one per antigen it counts toward), every evaluation valid, no problem
//! reported.

use std::collections::BTreeSet;
use std::hint::black_box;
use std::time::Duration;

#[path = "support/child.rs"]
mod child;

use child::{BIRTH, DOSES};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use recdesk_cdsi::{AdministeredDose, AntigenData, Date, Gender, Patient, Schedule, Status, assess};

/// The data `recdesk_cdsi::antigens()` and `schedule()` deserialize on first use.
const ANTIGENS_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/antigens.json"));
const SCHEDULE_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/schedule.json"));

const ASSESSED_ON: &str = "2026-04-01";

fn date(text: &str) -> Date {
    Date::parse_iso(text).unwrap_or_else(|| panic!("{text} is a date"))
}

fn child() -> Patient {
    Patient {
        birth_date: Some(date(BIRTH)),
        gender: Some(Gender::Female),
        doses: DOSES
            .iter()
            .map(|(given, cvx)| AdministeredDose {
                date: date(given),
                cvx: (*cvx).to_owned(),
                mvx: None,
                substandard: false,
            })
            .collect(),
        observations: Vec::new(),
    }
}

fn bench(c: &mut Criterion) {
    let patient = child();
    let assessed_on = date(ASSESSED_ON);
    // The first call loads the supporting data; every timed call after it finds it loaded.
    let assessment = assess(&patient, assessed_on);
    // The record must assess cleanly, or the benchmark measures something else than intended.
    assert!(assessment.problems.is_empty(), "no problems: {:?}", assessment.problems);
    let evaluated: BTreeSet<usize> = assessment.evaluations.iter().map(|e| e.dose).collect();
    assert_eq!(evaluated.len(), DOSES.len(), "every dose evaluated: {evaluated:?}");
    let not_valid: Vec<_> = assessment.evaluations.iter().filter(|e| e.status != Status::Valid).collect();
    assert!(not_valid.is_empty(), "every dose valid: {not_valid:?}");
    eprintln!(
        "child: {} doses, {} evaluations, {} vaccine group forecasts",
        DOSES.len(),
        assessment.evaluations.len(),
        assessment.forecasts.len()
    );

    let mut group = c.benchmark_group("cdsi");
    group.warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    group.throughput(Throughput::Elements(DOSES.len() as u64));
    group.bench_function("assess_child_30_doses", |b| b.iter(|| assess(black_box(&patient), assessed_on)));

    // The same JSON, deserialized into the same types, as the engine's first use does.
    let loaded = (
        serde_json::from_str::<Vec<AntigenData>>(ANTIGENS_JSON).expect("antigens.json reads"),
        serde_json::from_str::<Schedule>(SCHEDULE_JSON).expect("schedule.json reads"),
    );
    assert_eq!(loaded.0, recdesk_cdsi::antigens(), "the data the engine loaded");
    assert_eq!(&loaded.1, recdesk_cdsi::schedule(), "the schedule the engine loaded");
    eprintln!("supporting data: {} + {} bytes of JSON", ANTIGENS_JSON.len(), SCHEDULE_JSON.len());
    group.sample_size(20).measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Bytes((ANTIGENS_JSON.len() + SCHEDULE_JSON.len()) as u64));
    group.bench_function("load_supporting_data", |b| {
        b.iter(|| {
            let antigens: Vec<AntigenData> = serde_json::from_str(black_box(ANTIGENS_JSON)).unwrap_or_default();
            let schedule: Option<Schedule> = serde_json::from_str(black_box(SCHEDULE_JSON)).ok();
            (antigens, schedule)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
