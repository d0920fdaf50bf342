//! Report rendering time: a report model to PDF bytes, for a short record and a 300-dose one.
//! `cargo bench -p recdesk-pdf`.

use criterion::{Criterion, criterion_group, criterion_main};
use recdesk_access::{Attestation, ReleaseTime};
use recdesk_pdf::RenderOptions;
use recdesk_record::{
    Code, Immunization, InformationSource, Located, Location, PartialDate, PersonName, ReadOutcome, Record,
};
use recdesk_redact::{Profile, Recipient, StaffRedactions};

fn report(doses: usize) -> recdesk_report::Report {
    const CVX: [&str; 8] = ["20", "10", "03", "21", "08", "83", "116", "141"];
    let at = |n: usize| Location::Json { document: 1, pointer: format!("/bench/{n}") };
    let mut record = Record { message: 1, ..Record::default() };
    let name =
        PersonName { family: "Nguyễn".into(), given: vec!["Thị".into(), "Ánh".into()], ..PersonName::default() };
    record.patient.names.push(Located::new(name, at(0)));
    record.patient.birth_date = PartialDate::new(2012, Some(3), Some(4)).map(|d| Located::new(d, at(1)));
    record.patient.sex = Some(Located::new(Code { code: "F".into(), ..Code::default() }, at(2)));
    for i in 0..doses {
        let cvx = CVX[i % CVX.len()];
        let date = PartialDate::new(2012 + (i / 40) as u16, Some((i % 12) as u8 + 1), Some((i % 28) as u8 + 1));
        record.immunizations.push(Immunization {
            date: date.map(|d| Located::new(d, at(10 + i))),
            cvx: Some(Located::new(cvx.into(), at(1000 + i))),
            vaccine: recdesk_codes::vaccine_name(cvx),
            vaccine_groups: recdesk_codes::vaccine_groups(cvx).to_vec(),
            source: Some(Located::new(InformationSource::Administered, at(2000 + i))),
            origin: Some(at(3000 + i)),
            ..Immunization::default()
        });
    }
    let outcome = ReadOutcome { records: vec![record], ..ReadOutcome::default() };
    let redacted =
        recdesk_redact::redact(&outcome, &Profile::default_for(Recipient::School), &StaffRedactions::default());
    let time = PartialDate::new(2024, Some(7), Some(1)).and_then(|d| ReleaseTime::new(d, 14, 5));
    let attestation = Attestation::not_recorded("Desk Staff".into(), time.expect("a time"), Recipient::School, None);
    recdesk_report::build(&redacted, &attestation, recdesk_report::Language::English)
}

fn render(c: &mut Criterion) {
    for doses in [10, 300] {
        let report = report(doses);
        let options = RenderOptions::default();
        c.bench_function(&format!("render {doses} doses"), |b| b.iter(|| recdesk_pdf::render(&report, &options)));
    }
}

criterion_group!(benches, render);
criterion_main!(benches);
