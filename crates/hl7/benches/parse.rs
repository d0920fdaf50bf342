//! Throughput of `recdesk_hl7::read` on generated input (no files, same bytes every run):
//!
//! * `read/batch_10000_patients`: 10,000 VXU^V04 messages back to back, one patient each, with
//!   5–15 doses per patient (ORC/RXA/RXR and funding/VIS OBX rows), a mother (NK1), PD1,
//!   SS and MR identifiers, and a non-ASCII name every few patients;
//! * `read/one_vxu_20_doses`: one typical message with 20 doses.
//!
//! Run with `cargo bench -p recdesk-hl7 --bench parse`. Criterion reports MB/s (bytes of input
//! per second); the batch's size and patient count are printed first so patients per second
//! can be worked out from the time.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};

/// xorshift64*: small, deterministic, good enough to vary test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.next() as usize % items.len()]
    }
}

/// CVX code, CVX short name, MVX code, manufacturer.
const VACCINES: &[(&str, &str, &str, &str)] = &[
    ("08", "Hep B, adolescent or pediatric", "MSD", "Merck and Co., Inc."),
    ("20", "DTaP", "PMC", "sanofi pasteur"),
    ("10", "IPV", "PMC", "sanofi pasteur"),
    ("03", "MMR", "MSD", "Merck and Co., Inc."),
    ("21", "varicella", "MSD", "Merck and Co., Inc."),
    ("110", "DTaP-Hep B-IPV", "SKB", "GlaxoSmithKline"),
    ("133", "Pneumococcal conjugate PCV 13", "PFR", "Pfizer, Inc"),
    ("83", "Hep A, ped/adol, 2 dose", "SKB", "GlaxoSmithKline"),
    ("62", "HPV, quadrivalent", "MSD", "Merck and Co., Inc."),
    ("141", "Influenza, seasonal, injectable", "SKB", "GlaxoSmithKline"),
    ("208", "COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose", "PFR", "Pfizer, Inc"),
    ("116", "rotavirus, pentavalent", "MSD", "Merck and Co., Inc."),
    ("17", "Hib, unspecified formulation", "PMC", "sanofi pasteur"),
];

const FAMILY: &[&str] = &["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Wilson"];
const FAMILY_NON_ASCII: &[&str] = &["Müller", "Nguyễn", "Øyen", "Núñez", "Łukasiewicz", "Gärtner", "O’Brien"];
const GIVEN: &[&str] = &["Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "Mateo", "Mia", "Lucas"];
const GIVEN_NON_ASCII: &[&str] = &["José", "Zoë", "François", "Søren", "Anaïs", "Jürgen", "Renée"];
const MOTHERS: &[&str] = &["Maria", "Jennifer", "Linda", "Patricia", "Susan", "Ana", "Chloé"];
const STREETS: &[&str] = &["Main St", "Oak Ave", "Maple Dr", "Cedar Ln", "Elm St", "Pine Rd", "Lake Shore Blvd"];
const CITIES: &[(&str, &str, &str)] =
    &[("Madison", "WI", "53703"), ("Duluth", "MN", "55802"), ("Peoria", "IL", "61602"), ("Ames", "IA", "50010")];
const ROUTES: &[(&str, &str)] = &[("C28161", "Intramuscular"), ("C38299", "Subcutaneous"), ("C38284", "Oral")];
const SITES: &[(&str, &str)] = &[("LA", "Left Arm"), ("RA", "Right Arm"), ("LT", "Left Thigh"), ("RT", "Right Thigh")];
const FUNDING: &[(&str, &str)] = &[
    ("V01", "Not VFC eligible"),
    ("V02", "VFC eligible - Medicaid/Medicaid Managed Care"),
    ("V03", "VFC eligible - Uninsured"),
];

/// A date about `days` after 2000-01-01, as YYYYMMDD (28-day months keep it simple and always valid).
fn date(days: u64) -> String {
    let (year, rest) = (2000 + days / 336, days % 336);
    format!("{year:04}{:02}{:02}", rest / 28 + 1, rest % 28 + 1)
}

/// One VXU^V04 for patient `n` with `doses` doses.
fn vxu(rng: &mut Rng, n: u64, doses: u64) -> String {
    let mut m = String::with_capacity(1024 + doses as usize * 640);
    let non_ascii = n % 4 == 3;
    let family = if non_ascii { rng.pick(FAMILY_NON_ASCII) } else { rng.pick(FAMILY) };
    let given = if non_ascii && n % 8 == 7 { rng.pick(GIVEN_NON_ASCII) } else { rng.pick(GIVEN) };
    let middle = rng.pick(GIVEN);
    let mother = rng.pick(MOTHERS);
    let maiden = rng.pick(FAMILY);
    let birth_day = rng.between(0, 20 * 360);
    let sex = if rng.next() % 2 == 0 { "F" } else { "M" };
    let (city, state, zip) = rng.pick(CITIES);
    let street = format!("{} {}", rng.between(1, 9999), rng.pick(STREETS));
    let (area, local) = (rng.between(200, 999), rng.between(2_000_000, 9_999_999));
    let ssn = format!("{:03}{:02}{:04}", rng.between(100, 899), rng.between(10, 99), rng.between(1000, 9999));
    let sent = date(birth_day + 20 * 360);

    let _ = write!(
        m,
        "MSH|^~\\&|MYEHR|DCS|MYIIS|MYIIS|{sent}103000-0500||VXU^V04^VXU_V04|MSG{n:08}|P|2.5.1|||ER|AL|||||Z22^CDCPHINVS\r\
         PID|1||MR{n:08}^^^DCS^MR~{ssn}^^^SSA^SS||{family}^{given}^{middle}^^^^L|{maiden}^{mother}^^^^^M|{birth}|{sex}||\
         2106-3^White^CDCREC|{street}^^{city}^{state}^{zip}^USA^L||^PRN^PH^^^{area}^{local}|||||||||\
         2186-5^not Hispanic or Latino^CDCREC\r\
         PD1|||||||||||02^Reminder/Recall - any method^HL70215|N|{sent}|||A|{sent}|{sent}\r\
         NK1|1|{family}^{mother}^^^^^L|MTH^Mother^HL70063|{street}^^{city}^{state}^{zip}^USA^L|^PRN^PH^^^{area}^{local}\r",
        birth = date(birth_day),
    );
    for dose in 0..doses {
        let &(cvx, name, mvx, manufacturer) = rng.pick(VACCINES);
        let given_on = date(birth_day + dose * 45 + rng.between(0, 20));
        let lot =
            format!("{}{:04}{}", (b'A' + (rng.next() % 26) as u8) as char, rng.between(0, 9999), rng.between(0, 9));
        let expires = date(birth_day + dose * 45 + 400);
        let (route, route_name) = rng.pick(ROUTES);
        let (site, site_name) = rng.pick(SITES);
        let (funding, funding_name) = rng.pick(FUNDING);
        let obx = dose * 4;
        let _ = write!(
            m,
            "ORC|RE||{n}{dose:02}^DCS||||||{given_on}|^Clerk^Myron||^Pediatric^Mary^^^^^^^^^^^^^^^^^^MD\r\
             RXA|0|1|{given_on}||{cvx}^{name}^CVX|0.5|mL^^UCUM||00^New immunization record^NIP001|\
             ^Sticker^Nurse^^^^^^^^^^^^^^^^^^RN|^^^DCS_DC||||{lot}|{expires}|{mvx}^{manufacturer}^MVX|||CP|A\r\
             RXR|{route}^{route_name}^NCIT|{site}^{site_name}^HL70163\r\
             OBX|{o1}|CE|64994-7^Vaccine funding program eligibility category^LN|1|{funding}^{funding_name}^HL70064||||||F|||\
             {given_on}|||VXC40^Eligibility captured at the immunization level^CDCPHINVS\r\
             OBX|{o2}|CE|30956-7^vaccine type^LN|2|{cvx}^{name}^CVX||||||F\r\
             OBX|{o3}|TS|29768-9^Date vaccine information statement published^LN|2|20210806||||||F\r\
             OBX|{o4}|TS|29769-7^Date vaccine information statement presented^LN|2|{given_on}||||||F\r",
            o1 = obx + 1,
            o2 = obx + 2,
            o3 = obx + 3,
            o4 = obx + 4,
        );
    }
    m
}

const PATIENTS: u64 = 10_000;

/// The batch: `PATIENTS` messages, 5–15 doses each. Returns the text and the number of doses.
fn batch() -> (String, u64) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut text = String::new();
    let mut doses = 0;
    for n in 0..PATIENTS {
        let count = rng.between(5, 15);
        doses += count;
        text.push_str(&vxu(&mut rng, n, count));
    }
    (text, doses)
}

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

    let one = vxu(&mut Rng(42), 1, 20);
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
