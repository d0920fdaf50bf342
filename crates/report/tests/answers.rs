//! The answers computed from each copy: which copies carry them, and that they come only from the
//! copy's own doses (a held dose makes its vaccine groups "not stated on this copy").

use recdesk_access::{Attestation, ReleaseTime};
use recdesk_record::{Located, PartialDate, PersonName, ReadOutcome, Record};
use recdesk_redact::{Profile, Recipient, Settings, StaffRedactions, redact};
use recdesk_report::{Block, Language, Report, StatusRequest, build};
use recdesk_school::Grade;

mod support;

use support::{at, dose};

/// A 13-year-old (born 2012-03-01) with a full childhood series, Tdap and MenACWY at 11, and
/// hepatitis B doses at 2, 4 and 6 months and one at 12 (which a clinician may hold).
fn teenager() -> Record {
    let mut record = Record { message: 1, ..Record::default() };
    let name = PersonName { family: "Vue".into(), given: vec!["Kia".into()], ..PersonName::default() };
    record.patient.names.push(Located::new(name, at(1)));
    record.patient.birth_date = PartialDate::parse("2012-03-01").map(|d| Located::new(d, at(2)));
    record.immunizations = [
        ("110", "2012-05-01"),
        ("110", "2012-07-02"),
        ("110", "2012-09-04"),
        ("03", "2013-03-04"),
        ("21", "2013-03-04"),
        ("20", "2013-06-03"),
        ("130", "2016-03-07"),
        ("94", "2016-03-07"),
        ("115", "2023-03-06"),
        ("114", "2023-03-06"),
        ("08", "2024-04-01"),
    ]
    .iter()
    .enumerate()
    .map(|(n, (cvx, date))| dose(cvx, date, n))
    .collect();
    record
}

fn report_of(record: Record, profile: &Profile, staff: &StaffRedactions, request: StatusRequest) -> Report {
    let outcome = ReadOutcome { records: vec![record], ..ReadOutcome::default() };
    let redacted = redact(&outcome, profile, staff);
    let time = PartialDate::parse("2025-09-02").and_then(|d| ReleaseTime::new(d, 9, 5)).expect("a time");
    let attestation = Attestation::not_recorded("Desk Staff".into(), time, profile.recipient, None);
    build(&redacted, &attestation, request, &Language::English)
}

fn text(report: &Report) -> String {
    report.texts().join(" | ")
}

/// The school status table's row for `vaccine`.
fn status_row<'a>(report: &'a Report, vaccine: &str) -> &'a [String] {
    report
        .sections
        .iter()
        .filter(|s| s.heading == "Minnesota school immunization status")
        .flat_map(|s| &s.blocks)
        .find_map(|b| match b {
            Block::Table(t) => t.rows.iter().find(|r| r[0] == vaccine),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no {vaccine} row in {}", text(report)))
}

/// The school copy, with a grade-7 status, of `record` with its last dose held for a clinician.
fn grade_seven_copy_with_last_dose_held(record: Record) -> Report {
    let held = record.immunizations.last().and_then(|d| d.origin.clone()).expect("a dose");
    let staff = StaffRedactions { held_for_clinician: vec![held], ..StaffRedactions::default() };
    let request = StatusRequest { grade: Some(Grade::Grade(7)), full_history: true };
    report_of(record, &Profile::default_for(Recipient::School), &staff, request)
}

#[test]
fn a_school_copy_states_the_status_for_the_childs_grade() {
    let report = report_of(
        teenager(),
        &Profile::default_for(Recipient::School),
        &StaffRedactions::default(),
        StatusRequest { grade: Some(Grade::Grade(7)), full_history: true },
    );
    assert_eq!(status_row(&report, "Hepatitis B")[6], "complete");
    assert_eq!(status_row(&report, "Tdap")[6], "complete");
    assert_eq!(status_row(&report, "MenACWY")[1], "2023-03-06");
    let all = text(&report);
    assert!(all.contains("Staff confirmed that this record is the child's full immunization history."), "{all}");
    // A school's copy forecasts nothing beyond the required vaccines' next dose.
    assert!(!all.contains("Due next"), "{all}");
}

#[test]
fn a_held_hepatitis_b_dose_makes_hepatitis_b_not_stated_and_numbers_no_dose_of_it() {
    let report = grade_seven_copy_with_last_dose_held(teenager());
    let row = status_row(&report, "Hepatitis B");
    assert_eq!(row[6], "not stated on this copy");
    assert!(row[1..6].iter().all(String::is_empty), "no dose dates: {row:?}");
    let all = text(&report);
    assert!(!all.contains("2024-04-01"), "the held dose is on no copy: {all}");
    // The hepatitis B doses the copy shows get no number that would count around the held one.
    let hep_b_rows: Vec<&Vec<String>> = report
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Table(t) if t.caption.as_deref() == Some("Hepatitis B") => Some(&t.rows),
            _ => None,
        })
        .flatten()
        .collect();
    assert_eq!(hep_b_rows.len(), 3, "{all}");
    assert!(hep_b_rows.iter().all(|row| row[2] == "not stated on this copy"), "{hep_b_rows:?}");
    assert!(all.contains("Status | not stated: the status of a vaccine below is not stated on this copy"), "{all}");
    // Every other vaccine is still stated.
    assert_eq!(status_row(&report, "MMR")[6], "complete");
}

#[test]
fn a_provider_without_consent_gets_no_computed_answers_and_with_consent_gets_them() {
    let without = report_of(
        teenager(),
        &Profile::default_for(Recipient::Provider),
        &StaffRedactions::default(),
        StatusRequest { grade: Some(Grade::Grade(7)), full_history: true },
    );
    let all = text(&without);
    for absent in ["Minnesota school immunization status", "Due next", "of 5", "dose 1", "CDC's immunization schedule"]
    {
        assert!(!all.contains(absent), "{absent:?} on a provider's copy without consent: {all}");
    }
    let settings = Settings { with_consent: true, ..Profile::default_for(Recipient::Provider).settings };
    let profile = Profile { settings, ..Profile::default_for(Recipient::Provider) };
    let with = text(&report_of(teenager(), &profile, &StaffRedactions::default(), StatusRequest::default()));
    assert!(with.contains("CDC's immunization schedule"), "{with}");
    assert!(!with.contains("Minnesota school immunization status"), "{with}");
}

#[test]
fn the_patients_copy_says_what_is_due_and_a_school_status_only_when_asked() {
    let plain = text(&report_of(
        teenager(),
        &Profile::default_for(Recipient::Patient),
        &StaffRedactions::default(),
        StatusRequest::default(),
    ));
    assert!(plain.contains("Due next"), "{plain}");
    assert!(!plain.contains("Minnesota school immunization status"), "{plain}");
    let asked = report_of(
        teenager(),
        &Profile::default_for(Recipient::Patient),
        &StaffRedactions::default(),
        StatusRequest { grade: Some(Grade::Grade(8)), full_history: false },
    );
    let all = text(&asked);
    assert!(all.contains("Grade 8 (Grades 7 to 11)"), "{all}");
    assert!(all.contains("(based on the doses in this record only)"), "{all}");
}

#[test]
fn a_dose_too_early_says_by_how_many_days() {
    let mut record = teenager();
    // MMR at 12 months less 10 days: too young, whatever the grace.
    record.immunizations[3] = dose("03", "2013-02-19", 3);
    let report = report_of(
        record,
        &Profile::default_for(Recipient::School),
        &StaffRedactions::default(),
        StatusRequest { grade: Some(Grade::Kindergarten), full_history: true },
    );
    let all = text(&report);
    assert!(all.contains("not valid: given 10 days before the minimum age"), "{all}");
}

#[test]
fn no_full_birth_date_no_status() {
    let mut record = teenager();
    record.patient.birth_date = PartialDate::parse("2012").map(|d| Located::new(d, at(2)));
    let report = report_of(
        record,
        &Profile::default_for(Recipient::School),
        &StaffRedactions::default(),
        StatusRequest::default(),
    );
    let all = text(&report);
    assert!(all.contains("Status not stated: the copy holds no full birth date."), "{all}");
}

#[test]
fn an_adults_school_copy_has_no_status_unless_a_grade_is_picked() {
    let mut adult = teenager();
    adult.patient.birth_date = PartialDate::parse("2000-03-01").map(|d| Located::new(d, at(2)));
    let profile = Profile::default_for(Recipient::School);
    let by_age = text(&report_of(adult.clone(), &profile, &StaffRedactions::default(), StatusRequest::default()));
    assert!(
        !by_age.contains("Minnesota school immunization status"),
        "a college's requirements are other ones: {by_age}"
    );
    let picked = StatusRequest { grade: Some(Grade::Grade(12)), full_history: false };
    let asked = text(&report_of(adult, &profile, &StaffRedactions::default(), picked));
    assert!(asked.contains("Level | Grade 12"), "{asked}");
}

#[test]
fn a_held_hib_menc_y_dose_leaves_meningococcal_not_stated_too() {
    // CDC counts Hib-MenCY (CVX 148) toward meningococcal as well as Hib, though the display
    // table shows it under Hib only.
    let mut record = teenager();
    record.immunizations.push(dose("148", "2012-05-01", 40));
    let report = grade_seven_copy_with_last_dose_held(record);
    assert_eq!(status_row(&report, "MenACWY")[6], "not stated on this copy");
}

#[test]
fn full_history_is_confirmed_only_for_a_copy_of_one_record() {
    let outcome = ReadOutcome { records: vec![teenager(), teenager()], ..ReadOutcome::default() };
    let redacted = redact(&outcome, &Profile::default_for(Recipient::School), &StaffRedactions::default());
    let time = PartialDate::parse("2025-09-02").and_then(|d| ReleaseTime::new(d, 9, 5)).expect("a time");
    let attestation = Attestation::not_recorded("Desk Staff".into(), time, Recipient::School, None);
    let request = StatusRequest { grade: Some(Grade::Grade(7)), full_history: true };
    let all = text(&build(&redacted, &attestation, request, &Language::English));
    assert!(!all.contains("Staff confirmed"), "{all}");
    assert_eq!(all.matches("(based on the doses in this record only)").count(), 2, "{all}");
}
