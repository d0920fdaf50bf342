//! The PDF bench's report model: a school copy of one patient's record with `doses` doses
//! (CVX codes cycling through eight vaccines, dates from 2012 on), built through the real
//! redaction and report code. Shared by `crates/pdf/benches/render.rs` and, with `#[path]`, by
//! `crates/hl7/examples/bench_inputs.rs`, which writes the same table to `pdf-300.json`.

use recdesk_access::{Attestation, ReleaseTime};
use recdesk_record::{
    Code, Immunization, InformationSource, Located, Location, PartialDate, PersonName, ReadOutcome, Record,
};
use recdesk_redact::{Profile, Recipient, StaffRedactions};

pub fn report(doses: usize) -> recdesk_report::Report {
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
    recdesk_report::build(
        &redacted,
        &attestation,
        recdesk_report::StatusRequest::default(),
        &recdesk_report::Language::English,
    )
}
