//! `recdesk verify`: an answers file for every row of the verification decision table, run
//! through the command as a user runs it, against outcomes written by hand from the table; and the
//! wizard walked from each file gives the same decision.

mod common;

use std::path::PathBuf;

use common::{fixture, recdesk};
use recdesk_access::{AnswersFile, Step, Wizard};
use serde_json::Value;

/// A file beside this test: an answers file or one of its records.
fn here(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/answers").join(name)
}

const NOW: &str = "2026-05-01T09:00";

enum Record {
    /// Ingrid Larsen, born 1985, a home address.
    Adult,
    /// Pa Vue, born 1 March 2012 (14), mother Mee Vue; hepatitis B at birth and at 13, MMR at 1.
    Teen,
    /// Olaf Berg, born 1950, marked deceased (PID-29/30).
    Deceased,
    /// The intake fixture vxu-complete.hl7: Thị Ánh Nguyễn, born 2019, mother Nguyễn Mai.
    Child,
    /// The intake fixture protected.hl7: PD1-12 `Y`.
    Protected,
}

impl Record {
    fn path(&self) -> PathBuf {
        match self {
            Record::Adult => here("records/adult.hl7"),
            Record::Teen => here("records/teen.hl7"),
            Record::Deceased => here("records/deceased.hl7"),
            Record::Child => fixture("vxu-complete.hl7"),
            Record::Protected => fixture("protected.hl7"),
        }
    }
}

struct Case {
    answers: &'static str,
    record: Record,
    /// The outcome's label, as staff read it.
    outcome: &'static str,
    /// The copies allowed, by their `--for` names.
    copies: &'static [&'static str],
    /// How many doses are held back (for a clinician, or from a minor's own copy).
    held: usize,
    /// A citation the basis must include.
    basis: &'static str,
}

fn case(
    answers: &'static str,
    record: Record,
    outcome: &'static str,
    copies: &'static [&'static str],
    basis: &'static str,
) -> Case {
    Case { answers, record, outcome, copies, held: 0, basis }
}

const ALL_COPIES: &[&str] = &["patient", "provider", "school", "dose-counts"];
const SCHOOL: &[&str] = &["school", "dose-counts"];
const PROVIDER: &[&str] = &["provider", "school", "dose-counts"];
const NONE: &[&str] = &[];

fn cases() -> Vec<Case> {
    use Record::*;
    let full = "release the full copy";
    let school = "release the school copy (redacted)";
    let provider = "release the provider copy (redacted)";
    let supervisor = "refer to a supervisor";
    let deny = "do not release";
    vec![
        // The patient (§144.292); identity by photo ID, or a copy mailed on a knowledge check.
        case("adult-photo-id-own-use", Adult, full, ALL_COPIES, "Minn. Stat. §144.292"),
        case("adult-no-identification", Adult, deny, NONE, "45 CFR 164.514(h)"),
        case("adult-knowledge-check-mailed", Adult, full, &["patient", "provider", "school"], "45 CFR 164.514(h)"),
        case("adult-knowledge-check-requesters-file", Adult, deny, NONE, "45 CFR 164.514(h)"),
        case("deceased-patient-own-record", Deceased, deny, NONE, "Minn. Stat. §144.292"),
        // Parents of a minor (§144.291 subd. 2, §518.17 subd. 3, R. 1205.0500).
        case("parent-for-school", Child, school, SCHOOL, "Minn. Stat. §518.17 subd. 3"),
        // A lock stops organizations, not the family's own copy for a school (revised).
        case("parent-school-copy-of-a-locked-record", Child, school, SCHOOL, "Minn. Stat. §518.17 subd. 3"),
        Case { held: 1, ..case("parent-of-teen-held-dose", Teen, full, ALL_COPIES, "Minn. Stat. §144.291 subd. 2") },
        case("parent-of-teen-clinician-released", Teen, full, ALL_COPIES, "Minn. Stat. §144.291 subd. 2"),
        case("parent-of-married-teen", Teen, supervisor, NONE, "Minn. Stat. §144.342"),
        case("parent-court-order-forbids", Child, deny, NONE, "Minn. R. 1205.0500"),
        case("parent-order-for-protection", Child, full, ALL_COPIES, "Minn. Stat. §518.17 subd. 3"),
        // Representatives.
        case("guardian-of-adult", Adult, full, ALL_COPIES, "Minn. Stat. §524.5-313(b)"),
        case("guardian-of-adult-scope-unclear", Adult, supervisor, NONE, "Minn. Stat. §144.291 subd. 2"),
        case("conservator", Adult, supervisor, NONE, "clinic policy"),
        Case { held: 1, ..case("acting-as-parent", Teen, full, ALL_COPIES, "Minn. Stat. §144.291 subd. 2") },
        case("foster-parent-not-authorized", Teen, "refer to the county caseworker", NONE, "Minn. R. 9560.0552"),
        Case { held: 1, ..case("foster-parent-authorized", Teen, full, ALL_COPIES, "Minn. R. 9560.0552") },
        case("custodian", Teen, supervisor, NONE, "clinic policy"),
        case("health-care-agent", Adult, full, ALL_COPIES, "Minn. Stat. ch. 145C"),
        case("agent-whose-document-excludes-records", Adult, deny, NONE, "Minn. Stat. ch. 145C"),
        // A deceased patient.
        case("estate-representative", Deceased, full, ALL_COPIES, "45 CFR 164.502(g)(4)"),
        case("surviving-spouse", Deceased, full, ALL_COPIES, "Minn. Stat. §144.291 subd. 2"),
        case("other-relative-of-deceased", Deceased, supervisor, NONE, "clinic policy"),
        // A minor asking: only the doses they consented to alone (the hepatitis B dose at 13).
        Case { held: 2, ..case("minor-own-record", Teen, full, ALL_COPIES, "Minn. Stat. §144.3441") },
        // A knowledge check shows no one who a minor is: referred (revised).
        case("minor-on-a-knowledge-check", Teen, supervisor, NONE, "45 CFR 164.514(h)"),
        // A minor who consents to all their own care is treated as an adult (§144.341–.342).
        case("minor-who-consents-to-all-own-care", Teen, full, ALL_COPIES, "Minn. Stat. §144.341"),
        // Organizations (§144.3351).
        case("school-serving-the-child", Child, school, SCHOOL, "Minn. Stat. §144.3351"),
        case("school-asking-for-a-locked-record", Protected, deny, NONE, "MIIC"),
        case("head-start", Child, school, SCHOOL, "Minn. Stat. §144.3351"),
        case("child-care-serving-the-child", Child, school, SCHOOL, "Minn. Stat. §144.3351"),
        case("health-plan-serving-the-patient", Adult, provider, PROVIDER, "Minn. Stat. §144.3351"),
        case("community-health-board", Adult, provider, PROVIDER, "Minn. Stat. §144.3351"),
        case("provider-serving-the-patient", Adult, provider, PROVIDER, "Minn. Stat. §144.3351"),
        case("minnesota-department-of-health", Adult, provider, PROVIDER, "Minn. Stat. §144.3351"),
        case("court-order-or-subpoena", Adult, "refer to the privacy officer", NONE, "Minn. Stat. §144.293 subd. 2"),
        // Anyone else, with the patient's consent (§144.293).
        case("employer-with-consent", Adult, school, SCHOOL, "Minn. Stat. §144.293"),
        case("employer-without-consent", Adult, deny, NONE, "Minn. Stat. §144.293"),
        // A 14-year-old cannot sign the consent for their whole record.
        case("camp-with-a-consent-the-teen-signed", Teen, deny, NONE, "Minn. Stat. §144.293"),
    ]
}

fn verify_json(answers: &str, record: &Record, extra: &[&str]) -> Value {
    let answers = here(&format!("{answers}.json"));
    let record = record.path();
    let mut args = vec!["verify", "--json", "--now", NOW, "--answers", answers.to_str().expect("a path")];
    args.extend(extra);
    args.push(record.to_str().expect("a path"));
    let output = recdesk(&args, b"");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("JSON")
}

#[test]
fn every_row_of_the_table_decides_as_written() {
    let cases = cases();
    let files = std::fs::read_dir(here(""))
        .expect("the answers")
        .filter(|e| e.as_ref().is_ok_and(|e| e.path().extension().is_some_and(|x| x == "json")));
    assert_eq!(files.count(), cases.len(), "every answers file has its expected outcome");
    for case in &cases {
        let json = verify_json(case.answers, &case.record, &[]);
        let patient = &json[0];
        let outcome = &patient["decision"]["outcome"];
        let label = recdesk_label(outcome);
        assert_eq!(label, case.outcome, "{}: {patient:#}", case.answers);
        let copies: Vec<&str> =
            patient["allowed_copies"].as_array().expect("copies").iter().filter_map(Value::as_str).collect();
        assert_eq!(copies, case.copies, "{}", case.answers);
        assert_eq!(patient["held_doses"].as_array().map_or(0, Vec::len), case.held, "{}: {patient:#}", case.answers);
        let basis = patient["decision"]["basis"].to_string();
        assert!(basis.contains(case.basis), "{}: basis {basis} lacks {}", case.answers, case.basis);
    }
}

/// The outcome's label from its JSON (the kind, and for refer/redacted the detail).
fn recdesk_label(outcome: &Value) -> String {
    match outcome["kind"].as_str() {
        Some("release_full") => "release the full copy".to_owned(),
        Some("release_redacted") => {
            format!("release the {} copy (redacted)", outcome["recipient"].as_str().unwrap_or(""))
        }
        Some("deny") => "do not release".to_owned(),
        Some("refer") => match &outcome["to"] {
            Value::String(to) if to == "county_caseworker" => "refer to the county caseworker".to_owned(),
            Value::String(to) if to == "privacy_officer" => "refer to the privacy officer".to_owned(),
            Value::Object(to) if to.contains_key("supervisor") => "refer to a supervisor".to_owned(),
            other => format!("refer to {other}"),
        },
        other => format!("{other:?}"),
    }
}

#[test]
fn the_mailed_copy_the_held_doses_and_the_chart_note_are_said_in_words() {
    let text = |answers: &str, record: Record| {
        let answers = here(&format!("{answers}.json"));
        let output = recdesk(
            &[
                "verify",
                "--now",
                NOW,
                "--answers",
                answers.to_str().expect("a path"),
                record.path().to_str().expect("a path"),
            ],
            b"",
        );
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    let mailed = text("adult-knowledge-check-mailed", Record::Adult);
    assert!(mailed.contains("Delivery:      mailed to the patient's address"), "{mailed}");
    let held = text("parent-of-teen-held-dose", Record::Teen);
    assert!(held.contains("Held for a clinician (1)") && held.contains("2025-06-01 · "), "{held}");
    assert!(!held.contains("2012-03-01 · "), "the birth dose is not held: {held}");
    let released = text("parent-of-teen-clinician-released", Record::Teen);
    assert!(released.contains("Held doses released by clinician: Dr. Kim Lee"), "{released}");
    let school = text("school-serving-the-child", Record::Child);
    assert!(school.contains("Chart note:"), "{school}");
    let locked = text("parent-school-copy-of-a-locked-record", Record::Child);
    assert!(locked.contains("Notice:") && locked.contains("locked"), "{locked}");
    let protection = text("parent-order-for-protection", Record::Child);
    assert!(protection.contains("Addresses:     left off every copy"), "{protection}");
    // No record value in the decision's words beyond the held doses' dates the staff are told.
    assert!(!school.contains("Lake St") && !school.contains("Nguyễn"), "{school}");
}

#[test]
fn the_clinics_settings_change_the_points_the_law_leaves_open_and_a_bad_file_stops_the_command() {
    let dir = std::env::temp_dir().join(format!("recdesk-verify-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let good = dir.join("settings.json");
    std::fs::write(&good, r#"{"version": 1, "custodian": "release_with_order", "hepatitis_b_review_age": 14}"#)
        .expect("written");
    let json = verify_json("custodian", &Record::Teen, &["--settings", good.to_str().expect("a path")]);
    assert_eq!(json[0]["decision"]["outcome"]["kind"], "release_full");
    // Held from 14 now: the dose at 13 is not held.
    assert_eq!(json[0]["held_doses"].as_array().map_or(0, Vec::len), 0);
    let settings = json[0]["attestation"]["settings"].to_string();
    assert!(settings.contains("custodians") && settings.contains("from age 14"), "{settings}");
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"version": 1, "custodian": "release", "hepatitis_b_review_age": 14}"#).expect("written");
    let answers = here("custodian.json");
    let output = recdesk(
        &[
            "verify",
            "--settings",
            bad.to_str().expect("a path"),
            "--answers",
            answers.to_str().expect("a path"),
            Record::Teen.path().to_str().expect("a path"),
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("\"custodian\"") && stderr.contains("not used"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_answers_file_with_an_unknown_key_or_requester_is_refused_with_the_reason() {
    let dir = std::env::temp_dir().join(format!("recdesk-answers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    for (text, expected) in [
        (r#"{"version": 1, "requester": "adult_patient", "identiy": "not_shown"}"#, "identiy"),
        (r#"{"version": 1, "requester": "grandma"}"#, "grandma"),
        (r#"{"version": 2, "requester": "adult_patient"}"#, "version"),
        (
            r#"{"version": 1, "requester": "employer", "consent": {"signed": {"signed_on": "31/31/2026", "signed_by": "patient", "covers_this_release": true}}}"#,
            "signed_on",
        ),
    ] {
        let path = dir.join("answers.json");
        std::fs::write(&path, text).expect("written");
        let output = recdesk(
            &["verify", "--answers", path.to_str().expect("a path"), Record::Adult.path().to_str().expect("a path")],
            b"",
        );
        assert_eq!(output.status.code(), Some(2), "{text}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(expected), "{text}: {stderr}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The same decision from the wizard walked question by question with the file's answers as from
/// `recdesk verify`: one function decides both.
#[test]
fn the_wizard_walked_from_each_file_decides_the_same() {
    let today = recdesk_record::PartialDate::parse("2026-05-01").expect("a date");
    let released_at = recdesk_access::ReleaseTime::new(today, 9, 0).expect("a time");
    for case in cases() {
        let text = std::fs::read_to_string(here(&format!("{}.json", case.answers))).expect("the answers");
        let file = AnswersFile::parse(&text).expect("valid");
        let bytes = std::fs::read(case.record.path()).expect("the record");
        let trust = recdesk_intake::TrustStore::bundled();
        let intake = recdesk_intake::read(&bytes, &recdesk_intake::ReadContext { now_unix_seconds: 0, trust: &trust });
        let record = intake.outcome.records.first().expect("a record");
        let settings = recdesk_access::ClinicSettings::default();
        let (from_file, _) = file.decide(Some(record), today, &settings, released_at).expect("decided");
        let mut wizard = Wizard::with_clinic_settings(Some(record), today, &settings);
        while wizard.current_step() != Step::Outcome {
            let step = wizard.current_step();
            let answer = file
                .answer_for(step)
                .unwrap_or_else(|| panic!("{}: {step:?} is on the path but not in the file", case.answers));
            wizard.answer(answer).unwrap_or_else(|e| panic!("{}: {step:?}: {e}", case.answers));
        }
        if let Some(clinician) = &file.held_doses_released_by {
            wizard.release_held_doses(clinician).expect("a clinician's release");
        }
        assert_eq!(wizard.outcome().expect("decided"), from_file, "{}", case.answers);
    }
}

fn pdf_text(pdf: &std::path::Path) -> String {
    let output = std::process::Command::new("pdftotext").arg(pdf).arg("-").output().expect("pdftotext runs");
    String::from_utf8_lossy(&output.stdout).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn report_with(answers: &str, record: &std::path::Path, extra: &[&str], out: &str) -> std::process::Output {
    let answers = here(&format!("{answers}.json"));
    let out = std::env::temp_dir().join(format!("{}-{out}", std::process::id()));
    let mut args = vec!["report", "--now", NOW, "--answers", answers.to_str().expect("a path"), "-o"];
    args.push(out.to_str().expect("a path"));
    args.extend(extra);
    args.push(record.to_str().expect("a path"));
    recdesk(&args, b"")
}

#[test]
fn report_with_answers_prints_the_decisions_copy_without_a_held_dose_or_a_count_of_one() {
    let output = report_with("parent-of-teen-held-dose", &Record::Teen.path(), &[], "teen.pdf");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = pdf_text(&std::env::temp_dir().join(format!("{}-teen.pdf", std::process::id())));
    assert!(text.contains("2012-03-01 Hep B") && text.contains("Released by Dana Front"), "{text}");
    assert!(text.contains("Requester a parent or guardian of a minor"), "{text}");
    for trace in ["2025-06-01", "held for", "clinician", "144.3441", "not recorded"] {
        assert!(!text.contains(trace), "{trace} on the paper: {text}");
    }
    // A copy the decision does not allow is refused, and nothing is written.
    let output = report_with("parent-for-school", &Record::Child.path(), &["--for", "patient"], "refused.pdf");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("allows school, dose-counts, not patient"), "{stderr}");
    // The decision fixes the copy's items.
    let output = report_with("parent-for-school", &Record::Child.path(), &["--include", "address"], "include.pdf");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn with_several_patients_the_answers_apply_to_each_and_a_refused_one_gets_a_line_saying_why() {
    // A parent's answers on an input with an adult and a child: the adult's record is not theirs.
    let adult = std::fs::read_to_string(Record::Adult.path()).expect("the adult");
    let child = std::fs::read_to_string(Record::Child.path()).expect("the child");
    let both = std::env::temp_dir().join(format!("recdesk-two-{}.hl7", std::process::id()));
    std::fs::write(&both, format!("{}\r{}", adult.trim_end(), child.trim_end())).expect("written");
    let json = verify_json_at("parent-for-school", &both);
    assert_eq!(json.as_array().map(Vec::len), Some(2));
    assert_eq!(json[0]["decision"]["outcome"]["kind"], "deny");
    assert_eq!(json[1]["decision"]["outcome"]["kind"], "release_redacted");
    let output = report_with("parent-for-school", &both, &[], "two.pdf");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = pdf_text(&std::env::temp_dir().join(format!("{}-two.pdf", std::process::id())));
    assert!(text.contains("Nguyễn") && text.contains("Prepared for a school"), "{text}");
    assert!(!text.contains("Larsen") && !text.contains("Ingrid"), "the refused patient is on the paper: {text}");
    assert!(text.contains("Records not released") && text.contains("not released under this request"), "{text}");
    // Why is said to staff, not printed for the requester.
    assert!(!text.contains("18 or older"), "{text}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("patient 1: not released (do not release)"));
    let _ = std::fs::remove_file(&both);
}

fn verify_json_at(answers: &str, record: &std::path::Path) -> Value {
    verify_file_json(&here(&format!("{answers}.json")), record)
}

/// `recdesk verify --json` of the answers file at `answers` on `record`, which must succeed.
fn verify_file_json(answers: &std::path::Path, record: &std::path::Path) -> Value {
    let output = recdesk(
        &[
            "verify",
            "--json",
            "--now",
            NOW,
            "--answers",
            answers.to_str().expect("a path"),
            record.to_str().expect("a path"),
        ],
        b"",
    );
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("JSON")
}

#[test]
fn the_help_names_every_requester_and_every_setting() {
    let output = recdesk(&["--help"], b"");
    let help = String::from_utf8_lossy(&output.stdout);
    for kind in recdesk_access::RequesterKind::ALL {
        assert!(help.contains(kind.key()), "{} is not in --help", kind.key());
    }
    for (key, _) in recdesk_access::SETTINGS_KEYS {
        assert!(help.contains(key), "{key} is not in --help");
    }
    let readme =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../README.md")).expect("README");
    for (key, _) in recdesk_access::SETTINGS_KEYS {
        assert!(readme.contains(&format!("`{key}`")), "{key} is not in the README");
    }
}

#[test]
fn answers_to_questions_the_path_never_asks_do_not_sway_the_decision_or_the_attestation() {
    // A provider is never asked for identity or documents: a stray knowledge check, documents or a
    // blank MIIC answer change nothing, as at the desk.
    let dir = std::env::temp_dir().join(format!("recdesk-stray-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let path = dir.join("answers.json");
    std::fs::write(
        &path,
        r#"{"version": 1, "staff_name": "Dana Front", "requester": "provider", "organization_identity": "letterhead",
            "serves_patient": true, "registry_locked": false, "documents": ["death_record"],
            "identity": {"knowledge_check": {"name": "Ingrid Larsen", "birth_date": "03/14/1985"}}}"#,
    )
    .expect("written");
    let json = verify_file_json(&path, &Record::Adult.path());
    assert_eq!(json[0]["decision"]["outcome"]["kind"], "release_redacted");
    let evidence = json[0]["attestation"]["evidence_seen"].to_string();
    assert!(!evidence.contains("death record") && !evidence.contains("knowledge"), "{evidence}");
    // A name that is an ID number, or a blank clinician, is refused as the screens refuse it.
    for (key, value) in [("staff_name", "ID 998877"), ("held_doses_released_by", "  ")] {
        std::fs::write(&path, format!(r#"{{"version": 1, "requester": "adult_patient", "{key}": "{value}"}}"#))
            .expect("written");
        let output = recdesk(
            &["verify", "--answers", path.to_str().expect("a path"), Record::Adult.path().to_str().expect("a path")],
            b"",
        );
        assert_eq!(output.status.code(), Some(2), "{key}");
        assert!(String::from_utf8_lossy(&output.stderr).contains(key), "{key}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
