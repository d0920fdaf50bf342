//! The report model from a redacted copy: what it prints, in which order, and what it never
//! prints.

use recdesk_access::{Attestation, ReleaseTime};
use recdesk_record::{
    Code, DoseStatus, Immunization, Located, Location, PartialDate, PersonName, ReadOutcome, Record, RelatedPerson,
};
use recdesk_redact::{Profile, Recipient, StaffRedactions, redact};
use recdesk_report::{Block, Language, Report, StatusRequest, build};

fn at(n: usize) -> Location {
    Location::Json { document: 1, pointer: format!("/test/{n}") }
}

fn person(given: &str, family: &str) -> PersonName {
    PersonName { family: family.into(), given: vec![given.into()], ..PersonName::default() }
}

fn dose(cvx: &str, date: Option<&str>, status: DoseStatus, n: usize) -> Immunization {
    Immunization {
        date: date.and_then(PartialDate::parse).map(|d| Located::new(d, at(100 + n))),
        cvx: Some(Located::new(cvx.into(), at(200 + n))),
        vaccine: recdesk_codes::vaccine_name(cvx),
        vaccine_groups: recdesk_codes::vaccine_groups(cvx).to_vec(),
        status,
        origin: Some(at(300 + n)),
        ..Immunization::default()
    }
}

fn record() -> Record {
    let mut record = Record { message: 1, ..Record::default() };
    record.patient.names.push(Located::new(person("Ánh", "Nguyễn"), at(1)));
    record.patient.birth_date = PartialDate::parse("2015-05-06").map(|d| Located::new(d, at(2)));
    record.patient.mothers_maiden_name = Some(Located::new(person("Maiden", "Secret"), at(3)));
    record.related_persons.push(RelatedPerson {
        name: Some(Located::new(person("Mother", "Name"), at(4))),
        relationship: Some(Located::new(Code { code: "MTH".into(), ..Code::default() }, at(5))),
        ..RelatedPerson::default()
    });
    record.immunizations = vec![
        dose("03", Some("2019-05-06"), DoseStatus::Completed, 1),
        dose("08", Some("2015-05-06"), DoseStatus::Completed, 2),
        dose("03", Some("2016-05-06"), DoseStatus::Completed, 3),
        dose("03", None, DoseStatus::Completed, 4),
        dose("08", Some("2015-06-06"), DoseStatus::EnteredInError, 5),
        // DTaP-HepB-IPV: under each of its groups.
        dose("110", Some("2015-07-06"), DoseStatus::Completed, 6),
    ];
    record
}

fn report(recipient: Recipient) -> Report {
    let outcome = ReadOutcome { records: vec![record()], ..ReadOutcome::default() };
    let redacted = redact(&outcome, &Profile::default_for(recipient), &StaffRedactions::default());
    let time = PartialDate::parse("2024-07-01").and_then(|d| ReleaseTime::new(d, 9, 5)).expect("a time");
    let attestation = Attestation::not_recorded("Desk Staff".into(), time, recipient, None);
    build(&redacted, &attestation, StatusRequest::default(), &Language::English)
}

/// The vaccine tables: (caption, dates).
fn tables(report: &Report) -> Vec<(String, Vec<String>)> {
    report
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Table(t) if t.caption.is_some() => {
                Some((t.caption.clone().unwrap_or_default(), t.rows.iter().map(|r| r[0].clone()).collect()))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn doses_are_grouped_by_vaccine_group_in_date_order_with_undated_ones_last() {
    let tables = tables(&report(Recipient::School));
    let captions: Vec<&str> = tables.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(captions, ["DTaP / Tdap / Td", "Polio", "MMR", "Hepatitis B"]);
    let mmr = &tables[2].1;
    assert_eq!(mmr, &["2016-05-06", "2019-05-06", "no date"]);
    // The entered-in-error dose is on no copy; the combination is under each of its groups.
    let hep_b = &tables[3].1;
    assert_eq!(hep_b, &["2015-05-06", "2015-07-06"]);
}

#[test]
fn a_school_report_has_its_banner_and_never_the_mothers_names() {
    let report = report(Recipient::School);
    assert_eq!(
        report.banner,
        "Prepared for a school or child-care provider — sensitive fields withheld under the MIIC data use agreement"
    );
    let texts = report.texts().join("\n");
    assert!(texts.contains("Ánh Nguyễn"));
    for withheld in ["Secret", "Maiden", "Mother Name"] {
        assert!(!texts.contains(withheld), "{withheld}");
    }
    // The withheld items are counted, by rule.
    assert!(texts.contains("MIIC data use agreement: no insurance status or mother's name"));
}

#[test]
fn the_metadata_names_no_one_and_the_footer_and_release_carry_the_clock() {
    for recipient in Recipient::ALL {
        let report = report(recipient);
        let metadata = format!("{:?}", report.metadata);
        for name in ["Nguyễn", "Ánh", "Desk Staff"] {
            assert!(!metadata.contains(name), "{recipient:?}: {metadata}");
        }
        assert!(report.footer.contains("2024-07-01 09:05"));
        assert!(report.footer.contains("not stored"));
        assert_eq!(report.page_label(2, 7), "Page 2 of 7");
    }
}

#[test]
fn the_summary_names_no_one() {
    let report = report(Recipient::DoseCounts);
    let texts = report.texts().join("\n");
    assert!(!texts.contains("Nguyễn") && !texts.contains("2015-05-06"), "{texts}");
    assert!(texts.contains("Doses by vaccine group and year"));
}

#[test]
fn a_report_crosses_to_the_pdf_module_as_json_unchanged() {
    let report = report(Recipient::School);
    let json = serde_json::to_string(&report).expect("serialised");
    let back: recdesk_report::Report = serde_json::from_str(&json).expect("read back");
    assert_eq!(back, report);
}

#[test]
fn the_records_sections_are_the_reports_own_without_the_release_pages() {
    // A provider's copy without consent: no answers computed from it, so its report's record
    // sections are the record as read.
    let outcome = ReadOutcome { records: vec![record()], ..ReadOutcome::default() };
    let redacted = redact(&outcome, &Profile::default_for(Recipient::Provider), &StaffRedactions::default());
    let time = PartialDate::parse("2024-07-01").and_then(|d| ReleaseTime::new(d, 9, 5)).expect("a time");
    let attestation = Attestation::not_recorded("Desk Staff".into(), time, Recipient::Provider, None);
    let whole = build(&redacted, &attestation, StatusRequest::default(), &Language::English);
    let records = recdesk_report::records(&redacted, &Language::English);
    assert!(!records.is_empty());
    assert_eq!(whole.sections[..records.len()], records[..]);
    let labels = recdesk_report::Labels::ENGLISH;
    assert!(records.iter().all(|s| s.heading != labels.withheld && s.heading != labels.release));
    assert!(!records.iter().any(|s| s.blocks.iter().flat_map(section_texts).any(|t| t.contains("Desk Staff"))));
}

fn section_texts(block: &Block) -> Vec<String> {
    match block {
        Block::Fields(fields) => fields.iter().flat_map(|f| [f.label.clone(), f.value.clone()]).collect(),
        Block::Table(table) => table.rows.iter().flatten().cloned().collect(),
        Block::Paragraph(text) => vec![text.clone()],
    }
}

#[test]
fn a_copy_more_redacted_than_the_decision_says_which_copy_it_is() {
    // The decision allowed the full copy; staff printed the school copy. The paper must not read
    // as if it were the full copy.
    let outcome = ReadOutcome { records: vec![record()], ..ReadOutcome::default() };
    let time = PartialDate::parse("2024-07-01").and_then(|d| ReleaseTime::new(d, 9, 5)).expect("a time");
    let full = Attestation::not_recorded("Desk Staff".into(), time, Recipient::Patient, None);
    let copy_printed = |recipient: Recipient| {
        let redacted = redact(&outcome, &Profile::default_for(recipient), &StaffRedactions::default());
        let report = build(&redacted, &full, StatusRequest::default(), &Language::English);
        let release = report.sections.iter().find(|s| s.heading == "Release").expect("a release section");
        release.blocks.iter().flat_map(section_texts).skip_while(|t| t != "Copy printed").nth(1)
    };
    assert_eq!(copy_printed(Recipient::Patient), None);
    assert_eq!(
        copy_printed(Recipient::School).as_deref(),
        Some("the copy for a school, child-care provider or college, more redacted than the decision allows")
    );
}

#[test]
fn the_running_header_of_continued_pages_follows_the_reports_title() {
    for recipient in Recipient::ALL {
        let report = report(recipient);
        assert_eq!(report.running_header, format!("{} (continued)", report.title), "{recipient:?}");
    }
    let summary = report(Recipient::DoseCounts);
    assert_eq!(summary.title, "Immunization dose counts (no personal details)");
    assert_eq!(summary.running_header, "Immunization dose counts (no personal details) (continued)");
    assert_eq!(report(Recipient::School).running_header, "Immunization record (continued)");
}

#[test]
fn the_forecast_prints_every_date_its_row_holds() {
    let date = |text: &str, n: usize| PartialDate::parse(text).map(|d| Located::new(d, at(n)));
    let mut record = record();
    record.forecast.push(recdesk_record::ForecastRow {
        vaccine_group: Some(Located::new(Code { code: "85".into(), text: "HepA".into(), ..Code::default() }, at(400))),
        dose_number: Some(Located::new("2".into(), at(401))),
        earliest: date("2016-11-06", 402),
        due: date("2016-11-06", 403),
        overdue: date("2017-05-06", 404),
        latest: date("2034-05-05", 405),
        series_status: Some(Located::new(Code { text: "Not complete".into(), ..Code::default() }, at(406))),
        ..recdesk_record::ForecastRow::default()
    });
    let outcome = ReadOutcome { records: vec![record], ..ReadOutcome::default() };
    let redacted = redact(&outcome, &Profile::default_for(Recipient::Patient), &StaffRedactions::default());
    assert_eq!(redacted.records[0].forecast.len(), 1, "the patient's copy holds the forecast");
    let time = PartialDate::parse("2024-07-01").and_then(|d| ReleaseTime::new(d, 9, 5)).expect("a time");
    let attestation = Attestation::not_recorded("Desk Staff".into(), time, Recipient::Patient, None);
    let report = build(&redacted, &attestation, StatusRequest::default(), &Language::English);
    let forecast = report.sections.iter().find(|s| s.heading == "Next doses due (forecast)").expect("a forecast");
    let Some(Block::Table(table)) = forecast.blocks.first() else { panic!("a forecast table") };
    let titles: Vec<&str> = table.columns.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles, ["Vaccine group", "Dose", "Earliest", "Due", "Overdue", "Latest", "Status"]);
    assert_eq!(table.rows, [["HepA", "2", "2016-11-06", "2016-11-06", "2017-05-06", "2034-05-05", "Not complete"]]);
}

// ── Doses held for a clinician (Minn. Stat. §144.3441; the review age is 12 by default) ────────

/// A parent with photo ID whom the record names, asking for a copy to take to school.
fn parent_for_school() -> recdesk_access::Answers {
    use recdesk_access::{CourtOrder, DocumentKind, Identity, PhotoIdKind, Purpose, RequesterKind};
    recdesk_access::Answers {
        requester: Some(RequesterKind::ParentOfMinor),
        identity: Some(Identity::PhotoId(PhotoIdKind::DriversLicence)),
        documents: Some(vec![DocumentKind::RecordNamesRequester]),
        court_order: Some(CourtOrder::NoneKnown),
        purpose: Some(Purpose::School),
        registry_locked: Some(false),
        // A teenager does not consent to all their own care (Minn. Stat. §144.341–.342).
        own_care: Some(recdesk_access::OwnCare::DoesNot),
        ..recdesk_access::Answers::default()
    }
}

/// The school copy the decision for `record` allows, with its held doses, as printed on `today`.
fn school_copy(record: Record, today: &str) -> (recdesk_access::Decision, recdesk_redact::Redacted, Report) {
    let today = PartialDate::parse(today).expect("a date");
    let facts = recdesk_access::RecordFacts::from_record(&record);
    let decision = recdesk_access::decide(&parent_for_school(), Some(&facts), today, &Default::default());
    assert_eq!(decision.least_redacted(), Some(Recipient::School), "{decision:?}");
    let outcome = ReadOutcome { records: vec![record], ..ReadOutcome::default() };
    let redacted = redact(&outcome, &Profile::default_for(Recipient::School), &decision.staff_redactions());
    let time = ReleaseTime::new(today, 9, 5).expect("a time");
    let attestation = Attestation::not_recorded("Desk Staff".into(), time, Recipient::School, None);
    let report = build(&redacted, &attestation, StatusRequest::default(), &Language::English);
    (decision, redacted, report)
}

/// How many doses of `group` the copy holds (a combination dose counts under each of its groups).
fn doses_of(redacted: &recdesk_redact::Redacted, group: recdesk_record::VaccineGroup) -> usize {
    redacted.records.iter().flat_map(|r| &r.immunizations).filter(|d| d.vaccine_groups.contains(&group)).count()
}

/// Regression (legal review): a kindergarten copy for an ordinary 5-year-old printed 2 DTaP, 1 polio
/// and 0 hepatitis B doses, because every hepatitis B dose before 18 was held and a held
/// combination dose took its DTaP and polio with it. Infants cannot consent: nothing is held.
#[test]
fn a_kindergarten_copy_holds_every_dtap_polio_and_hepatitis_b_dose() {
    use recdesk_record::VaccineGroup::{DtapTdapTd, HepatitisB, Polio};
    let mut child = record();
    child.patient.birth_date = PartialDate::parse("2020-09-01").map(|d| Located::new(d, at(2)));
    child.immunizations = vec![
        dose("08", Some("2020-09-01"), DoseStatus::Completed, 1), // hepatitis B at birth
        dose("110", Some("2020-11-01"), DoseStatus::Completed, 2), // DTaP-HepB-IPV
        dose("110", Some("2021-01-01"), DoseStatus::Completed, 3),
        dose("110", Some("2021-03-01"), DoseStatus::Completed, 4),
        dose("20", Some("2021-12-01"), DoseStatus::Completed, 5), // DTaP
        dose("130", Some("2024-10-01"), DoseStatus::Completed, 6), // DTaP-IPV
    ];
    let (decision, redacted, _) = school_copy(child, "2026-05-01");
    assert!(decision.held_for_review.is_none());
    assert_eq!(
        (doses_of(&redacted, DtapTdapTd), doses_of(&redacted, Polio), doses_of(&redacted, HepatitisB)),
        (5, 4, 4)
    );
}

/// A teenager's own hepatitis B decisions: the dose at 13 and a hepatitis A and B combination at
/// 14 are on no copy, in no count of withheld items and in no dose-count summary; the hepatitis A
/// the combination carries goes with it, and the infant doses stay.
#[test]
fn a_teenagers_hepatitis_b_doses_leave_no_trace_on_the_copy() {
    use recdesk_record::VaccineGroup::{HepatitisA, HepatitisB};
    let mut teen = record(); // born 2015-05-06
    teen.immunizations = vec![
        dose("08", Some("2015-05-06"), DoseStatus::Completed, 1),
        dose("08", Some("2015-07-06"), DoseStatus::Completed, 2),
        dose("08", Some("2028-09-01"), DoseStatus::Completed, 3), // at 13
        dose("104", Some("2029-06-01"), DoseStatus::Completed, 4), // Hep A-Hep B, at 14
        dose("83", Some("2016-05-06"), DoseStatus::Completed, 5), // hepatitis A at 1
    ];
    // The registry numbers doses and forecasts each group counting the held ones too.
    teen.immunizations[1].dose_number = Some(Located::new("2".into(), at(402)));
    teen.immunizations[4].dose_number = Some(Located::new("1".into(), at(405)));
    let forecast = |cvx: &str, due: &str, n: usize| recdesk_record::ForecastRow {
        vaccine_group: Some(Located::new(Code { code: cvx.into(), ..Code::default() }, at(500 + n))),
        dose_number: Some(Located::new("4".into(), at(510 + n))),
        due: PartialDate::parse(due).map(|d| Located::new(d, at(520 + n))),
        ..recdesk_record::ForecastRow::default()
    };
    teen.forecast =
        vec![forecast("45", "2031-01-01", 1), forecast("85", "2031-02-02", 2), forecast("03", "2031-03-03", 3)];
    let (decision, redacted, report) = school_copy(teen.clone(), "2030-01-10");
    let held: Vec<String> =
        decision.held_for_review.as_ref().expect("held").doses.iter().map(|d| d.to_string()).collect();
    assert_eq!(held, [at(303).to_string(), at(304).to_string()]);
    assert_eq!((doses_of(&redacted, HepatitisB), doses_of(&redacted, HepatitisA)), (2, 1));
    // No dose number for a group a held dose carries (they count it); a school's copy has no forecast.
    let copied = &redacted.records[0];
    assert!(copied.immunizations.iter().all(|d| d.dose_number.is_none()), "{:?}", copied.immunizations);
    assert!(copied.forecast.is_empty());
    // The parent's own copy has a forecast, but none for a group a held dose carries: the MMR stays.
    let outcome = ReadOutcome { records: vec![teen.clone()], ..ReadOutcome::default() };
    let own = redact(&outcome, &decision.profile_for(Recipient::Patient), &decision.staff_redactions());
    let forecast_due: Vec<String> =
        own.records[0].forecast.iter().filter_map(|row| row.due.as_ref().map(|d| d.value.to_string())).collect();
    assert_eq!(forecast_due, ["2031-03-03"]);
    // The staff are told what each held dose withholds.
    let named = recdesk_report::held_doses(&teen, &decision.held_for_review.expect("held").doses);
    assert!(
        named[1].starts_with("2029-06-01 · ") && named[1].ends_with("withholds Hepatitis B, Hepatitis A"),
        "{named:?}"
    );
    // The paper: no held dose, no count of one, no rule that would hint at one.
    let printed = serde_json::to_string(&report).expect("json");
    for trace in ["2028-09-01", "2029-06-01", "2031-01-01", "2031-02-02", "held for", "clinician", "144.3441"] {
        assert!(!printed.contains(trace), "{trace} on the paper");
    }
    let withheld: usize = redacted.withheld_counts().iter().map(|(_, n)| n).sum();
    assert_eq!(withheld, redacted.printable_redactions().count());
    // Logged for staff only: the two doses and two dose numbers (the school copy has no forecast to
    // hold back); on the parent's own copy the two forecast rows too.
    assert_eq!(redacted.printable_redactions().count() + 4, redacted.redactions.len());
    assert_eq!(own.printable_redactions().count() + 6, own.redactions.len());
    // The dose-count summary counts what a copy would carry, never a held dose.
    let facts = recdesk_access::RecordFacts::from_record(&teen);
    let today = PartialDate::parse("2030-01-10").expect("a date");
    let decision = recdesk_access::decide(&parent_for_school(), Some(&facts), today, &Default::default());
    let outcome = ReadOutcome { records: vec![teen], ..ReadOutcome::default() };
    let summary =
        redact(&outcome, &Profile::default_for(Recipient::DoseCounts), &decision.staff_redactions()).dose_counts;
    let hepatitis_b: usize = summary.iter().filter(|row| row.vaccine_group == HepatitisB).map(|row| row.doses).sum();
    assert_eq!(hepatitis_b, 2);
    assert!(summary.iter().all(|row| row.year != Some(2028) && row.year != Some(2029)), "{summary:?}");
}

// ── Knowledge check: mailed, never handed over (45 CFR 164.514(h)); orders for protection ─────────

fn with_address(mut record: Record) -> Record {
    let address = recdesk_record::Address {
        lines: vec!["1234 Main Street NE".into(), "Apt 5".into()],
        city: "Minneapolis".into(),
        state: "MN".into(),
        postal_code: "55413".into(),
        country: "USA".into(),
        kind: "H".into(),
    };
    record.patient.addresses.push(Located::new(address, at(6)));
    record
}

/// The copy `answers` allow for `record` (the decision's first), built as the desk builds it.
fn copy_under(record: Record, answers: &recdesk_access::Answers) -> (recdesk_access::Decision, Report) {
    let today = PartialDate::parse("2026-05-01").expect("a date");
    let facts = recdesk_access::RecordFacts::from_record(&record);
    let decision = recdesk_access::decide(answers, Some(&facts), today, &Default::default());
    let recipient = decision.least_redacted().expect("a release");
    let outcome = ReadOutcome { records: vec![record], ..ReadOutcome::default() };
    let redacted = redact(&outcome, &decision.profile_for(recipient), &decision.staff_redactions());
    let mut attestation =
        Attestation::not_recorded("Desk Staff".into(), ReleaseTime::new(today, 9, 5).expect("a time"), recipient, None);
    attestation.delivery = decision.delivery;
    attestation.mailing_address = answers.mailing_address;
    (decision.clone(), build(&redacted, &attestation, StatusRequest::default(), &Language::English))
}

#[test]
fn a_copy_mailed_on_a_knowledge_check_carries_the_address_for_a_window_envelope() {
    use recdesk_access::{AddressSource, Delivery, DocumentKind, Identity, StatedFacts};
    let child = with_address(record()); // born 2015-05-06
    let stated = StatedFacts {
        name: "Ánh Nguyễn".into(),
        birth_date: "05/06/2015".into(),
        street: "1234 Main Street NE".into(),
        ..StatedFacts::default()
    };
    let result =
        recdesk_access::check_knowledge(&stated, &recdesk_access::RecordFacts::from_record(&child)).expect("readable");
    assert!(result.passed());
    let answers = recdesk_access::Answers {
        identity: Some(Identity::KnowledgeCheck { stated, result }),
        documents: Some(vec![DocumentKind::BirthRecord]),
        protection_order: Some(false),
        mailing_address: Some(AddressSource::RegistryRecord),
        ..parent_for_school()
    };
    let (decision, report) = copy_under(child, &answers);
    assert_eq!(decision.delivery, Delivery::MailedToThePatientsAddress);
    assert_eq!(decision.least_redacted(), Some(Recipient::School));
    // The school copy leaves the address off by default; mailed, it carries it in the window.
    assert_eq!(
        report.mail_to.as_deref(),
        Some(
            &["Ánh Nguyễn".to_owned(), "1234 Main Street NE".into(), "Apt 5".into(), "Minneapolis, MN 55413".into()][..]
        )
    );
    let printed = report.texts().join("\n");
    assert!(printed.contains("mailed to the patient's address"), "{printed}");
    assert!(printed.contains("MIIC"), "{printed}");
    // The same parent with a photo ID takes it at the desk: no envelope block.
    let (decision, report) =
        copy_under(with_address(record()), &Answers { protection_order: Some(false), ..parent_for_school() });
    assert_eq!(decision.delivery, Delivery::AtTheDesk);
    assert!(report.mail_to.is_none());
    assert!(!report.texts().join("\n").contains("mailed"));
}

use recdesk_access::Answers;

#[test]
fn an_order_for_protection_keeps_every_address_off_the_copy() {
    use recdesk_access::Purpose;
    let own_copy = Answers { purpose: Some(Purpose::OwnUse), ..parent_for_school() };
    let (decision, report) =
        copy_under(with_address(record()), &Answers { protection_order: Some(true), ..own_copy.clone() });
    assert!(decision.address_withheld);
    let printed = report.texts().join("\n");
    assert!(!printed.contains("Main Street") && !printed.contains("55413"), "{printed}");
    // The paper says addresses were left off, never why: it may reach the person the order is against.
    assert!(printed.contains("addresses are left off this copy"), "{printed}");
    assert!(!printed.contains("protection") && !printed.contains("Safe at Home"), "{printed}");
    // Without the order, the parent's own copy carries the address.
    let (_, report) = copy_under(with_address(record()), &Answers { protection_order: Some(false), ..own_copy });
    assert!(report.texts().join("\n").contains("1234 Main Street NE"));
}

// ── Chart note: a release without consent is documented in the chart (§144.293 subd. 9) ──────────

#[test]
fn a_release_to_an_organization_without_consent_prints_a_chart_note_for_staff() {
    use recdesk_access::{OrganizationIdentity, OrganizationKind, RequesterKind};
    let school = Answers {
        requester: Some(RequesterKind::Organization(OrganizationKind::School)),
        organization_identity: Some(OrganizationIdentity::Letterhead),
        serves_patient: Some(true),
        registry_locked: Some(false),
        ..Answers::default()
    };
    let today = PartialDate::parse("2026-05-01").expect("a date");
    let child = with_address(record());
    let decision = recdesk_access::decide(
        &school,
        Some(&recdesk_access::RecordFacts::from_record(&child)),
        today,
        &Default::default(),
    );
    assert!(decision.needs_chart_note());
    let outcome = ReadOutcome { records: vec![child], ..ReadOutcome::default() };
    let copy = redact(&outcome, &decision.profile_for(Recipient::School), &decision.staff_redactions());
    let mut attestation = Attestation::not_recorded(
        "Desk Staff".into(),
        ReleaseTime::new(today, 9, 5).expect("a time"),
        Recipient::School,
        None,
    );
    attestation.requester = RequesterKind::Organization(OrganizationKind::School).label();
    attestation.basis = decision.basis.clone();
    let note = recdesk_report::chart_note(&copy, Recipient::DoseCounts, &attestation);
    let text = note.texts().join("\n");
    for expected in [
        "Ánh Nguyễn",
        "2015-05-06",
        "2026-05-01 09:05",
        "a school",
        "Minn. Stat. §144.3351",
        "Desk Staff",
        "§144.293 subd. 9",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    // Only what the released copy holds: no address, no mother.
    for absent in ["Main Street", "Mother", "Secret"] {
        assert!(!text.contains(absent), "{absent:?} in:\n{text}");
    }
    // A parent's own request, or a release on a consent, needs none.
    assert!(
        !recdesk_access::decide(
            &parent_for_school(),
            Some(&recdesk_access::RecordFacts::from_record(&record())),
            today,
            &Default::default()
        )
        .needs_chart_note()
    );
}
