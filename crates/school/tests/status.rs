//! One test per rule and level: a child's doses, CDC's evaluation of them, then the status.

use recdesk_cdsi::{AdministeredDose, Date, Patient};
use recdesk_school::{Grade, Overall, SchoolStatus, State, StatusInput, minnesota, status};

fn date(text: &str) -> Date {
    Date::parse_iso(text).unwrap_or_else(|| panic!("bad date {text}"))
}

/// `doses`: (CVX, date) pairs; `observations`: CDC observation codes.
fn school_status(born: &str, doses: &[(&str, &str)], observations: &[&str], grade: Grade, on: &str) -> SchoolStatus {
    school_status_with(born, doses, observations, grade, on, &[])
}

fn school_status_with(
    born: &str,
    doses: &[(&str, &str)],
    observations: &[&str],
    grade: Grade,
    on: &str,
    not_stated: &[String],
) -> SchoolStatus {
    let patient = Patient {
        birth_date: Some(date(born)),
        gender: None,
        doses: doses
            .iter()
            .map(|(cvx, given)| AdministeredDose {
                date: date(given),
                cvx: (*cvx).to_owned(),
                mvx: None,
                substandard: false,
            })
            .collect(),
        observations: observations.iter().map(|o| (*o).to_owned()).collect(),
    };
    let assessment = recdesk_cdsi::assess(&patient, date(on));
    let input = StatusInput {
        birth_date: date(born),
        on: date(on),
        doses: &patient.doses,
        observations: &patient.observations,
        assessment: &assessment,
        not_stated,
        not_evaluated: &[],
    };
    let requirements = minnesota().as_ref().expect("the requirements read");
    status(requirements, grade, &input).expect("a level for the grade")
}

fn state<'a>(status: &'a SchoolStatus, vaccine: &str) -> &'a State {
    &status
        .vaccines
        .iter()
        .find(|v| v.vaccine == vaccine)
        .unwrap_or_else(|| panic!("no {vaccine} in {status:#?}"))
        .state
}

fn doses_of(status: &SchoolStatus, vaccine: &str) -> usize {
    status.vaccines.iter().find(|v| v.vaccine == vaccine).map_or(0, |v| v.doses.len())
}

/// A kindergartener's full history, born 2020-01-10, with combination vaccines: DTaP-HepB-IPV
/// (110) at 2, 4 and 6 months, MMR and varicella at 12 months, DTaP at 15 months, HepB at 6
/// months by the combination, DTaP-IPV (130) and MMRV (94) at 4 years.
const KINDERGARTENER: &[(&str, &str)] = &[
    ("08", "2020-01-11"),
    ("110", "2020-03-10"),
    ("110", "2020-05-11"),
    ("110", "2020-07-13"),
    ("03", "2021-01-11"),
    ("21", "2021-01-11"),
    ("20", "2021-04-12"),
    ("130", "2024-01-15"),
    ("94", "2024-01-15"),
];

#[test]
fn a_complete_kindergartener_with_combination_vaccines() {
    let status = school_status("2020-01-10", KINDERGARTENER, &[], Grade::Kindergarten, "2025-09-02");
    assert_eq!(status.level, "Kindergarten");
    assert_eq!(status.overall, Overall::Complete, "{status:#?}");
    for vaccine in ["DTaP/DT", "Polio", "MMR", "Hepatitis B", "Varicella"] {
        assert_eq!(state(&status, vaccine), &State::Complete, "{vaccine}");
    }
    assert_eq!(doses_of(&status, "DTaP/DT"), 5);
    assert_eq!(doses_of(&status, "Polio"), 4);
    assert_eq!(doses_of(&status, "Hepatitis B"), 4, "a birth dose and three in the combination");
}

#[test]
fn a_missing_polio_dose_is_named_with_when_it_can_be_given() {
    // The 4-year DTaP-IPV is a DTaP alone: polio has three doses, the last before age 4.
    let mut doses = KINDERGARTENER.to_vec();
    doses[7] = ("20", "2024-01-15");
    let status = school_status("2020-01-10", &doses, &[], Grade::Kindergarten, "2025-09-02");
    assert_eq!(status.overall, Overall::NotComplete);
    match state(&status, "Polio") {
        State::NotComplete { missing, next_due } => {
            // The child is past 4: any dose now is on or after age 4, so the age is not repeated.
            assert_eq!(missing, "needs 1 more dose of Polio");
            assert_eq!(*next_due, Some(date("2025-09-02")), "it can be given now");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(state(&status, "DTaP/DT"), &State::Complete);
}

#[test]
fn a_fourth_dtap_after_age_four_completes_the_series() {
    let doses = [("20", "2020-03-10"), ("20", "2020-05-11"), ("20", "2020-07-13"), ("20", "2024-02-01")];
    let status = school_status("2020-01-10", &doses, &[], Grade::Kindergarten, "2025-09-02");
    assert_eq!(state(&status, "DTaP/DT"), &State::Complete);
    assert_eq!(doses_of(&status, "DTaP/DT"), 4);
    // The same four with the 4th before age 4 need a 5th.
    let early = [("20", "2020-03-10"), ("20", "2020-05-11"), ("20", "2020-07-13"), ("20", "2021-04-12")];
    let status = school_status("2020-01-10", &early, &[], Grade::Kindergarten, "2025-09-02");
    assert!(
        matches!(state(&status, "DTaP/DT"), State::NotComplete { missing, .. } if missing == "needs 1 more dose of DTaP/DT"),
        "{status:#?}"
    );
}

#[test]
fn the_family_is_told_the_fewest_doses_that_complete_a_requirement() {
    // Three infant doses at 5: one more (a 4th, now past age 4) completes DTaP, not two.
    let three = [("20", "2020-03-10"), ("20", "2020-05-11"), ("20", "2020-07-13")];
    let status = school_status("2020-01-10", &three, &[], Grade::Kindergarten, "2025-09-02");
    assert!(
        matches!(state(&status, "DTaP/DT"), State::NotComplete { missing, .. } if missing == "needs 1 more dose of DTaP/DT"),
        "{status:#?}"
    );
    let row = status.vaccines.iter().find(|v| v.vaccine == "DTaP/DT").expect("a row");
    assert_eq!(row.required_doses, Some(4), "the count the family is working toward");
    // At 3 the 4th dose must wait for the 4th birthday.
    let young = school_status("2020-01-10", &three, &[], Grade::Kindergarten, "2023-09-01");
    assert!(
        matches!(state(&young, "DTaP/DT"), State::NotComplete { missing, .. } if missing == "needs 1 more dose of DTaP/DT, the last on or after age 4"),
        "{young:#?}"
    );
}

#[test]
fn a_dose_three_days_early_counts_and_five_days_early_does_not() {
    // MMR's minimum age is 12 months; CDC's schedule allows 4 days' grace.
    let three_early = [("03", "2021-01-07"), ("03", "2024-02-01")];
    let status = school_status("2020-01-10", &three_early, &[], Grade::Kindergarten, "2025-09-02");
    assert_eq!(state(&status, "MMR"), &State::Complete);
    let five_early = [("03", "2021-01-05"), ("03", "2024-02-01")];
    let status = school_status("2020-01-10", &five_early, &[], Grade::Kindergarten, "2025-09-02");
    assert!(matches!(state(&status, "MMR"), State::NotComplete { .. }), "{status:#?}");
    assert_eq!(doses_of(&status, "MMR"), 1);
}

#[test]
fn mmr_and_varicella_twenty_days_apart_leave_the_varicella_dose_uncounted() {
    let doses = [("03", "2021-01-11"), ("21", "2021-01-31"), ("03", "2024-02-01"), ("21", "2024-02-01")];
    let status = school_status("2020-01-10", &doses, &[], Grade::Kindergarten, "2025-09-02");
    assert_eq!(state(&status, "MMR"), &State::Complete);
    assert_eq!(doses_of(&status, "Varicella"), 1);
    assert!(
        matches!(state(&status, "Varicella"), State::NotComplete { missing, .. } if missing == "needs 1 more dose of Varicella"),
        "{status:#?}"
    );
}

/// Born 2013-03-01: a full childhood series, no adolescent doses yet.
const CHILDHOOD: &[(&str, &str)] = &[
    ("110", "2013-05-01"),
    ("110", "2013-07-01"),
    ("110", "2013-09-02"),
    ("08", "2013-03-02"),
    ("03", "2014-03-03"),
    ("21", "2014-03-03"),
    ("20", "2014-06-02"),
    ("130", "2017-03-06"),
    ("94", "2017-03-06"),
];

#[test]
fn a_grade_seven_student_with_td_but_no_tdap_needs_tdap() {
    let mut doses = CHILDHOOD.to_vec();
    doses.extend([("09", "2024-03-04"), ("114", "2024-03-04")]);
    let status = school_status("2013-03-01", &doses, &[], Grade::Grade(7), "2025-09-02");
    assert_eq!(status.level, "Grades 7 to 11");
    assert!(
        matches!(state(&status, "Tdap"), State::NotComplete { missing, .. } if missing == "needs 1 dose of Tdap, given on or after age 7"),
        "{status:#?}"
    );
    assert_eq!(state(&status, "DTaP/Td"), &State::Complete);
    assert_eq!(state(&status, "MenACWY"), &State::Complete);
    assert_eq!(status.overall, Overall::NotComplete);
    // With a Tdap given at age 8 instead, grade 7 is met.
    let mut doses = CHILDHOOD.to_vec();
    doses.extend([("115", "2021-05-03"), ("114", "2024-03-04")]);
    let status = school_status("2013-03-01", &doses, &[], Grade::Grade(7), "2025-09-02");
    assert_eq!(state(&status, "Tdap"), &State::Complete, "{status:#?}");
    assert_eq!(status.overall, Overall::Complete);
}

#[test]
fn an_eleven_year_old_on_the_two_dose_adolescent_hepatitis_b_series() {
    let doses: Vec<(&str, &str)> = CHILDHOOD
        .iter()
        .copied()
        .filter(|(cvx, _)| *cvx != "08")
        .map(|(cvx, day)| if cvx == "110" { ("120", day) } else { (cvx, day) })
        .chain([("115", "2024-03-04"), ("114", "2024-03-04"), ("43", "2024-03-04"), ("43", "2024-09-03")])
        .collect();
    let status = school_status("2013-03-01", &doses, &[], Grade::Grade(7), "2025-09-02");
    assert_eq!(state(&status, "Hepatitis B"), &State::Complete, "{status:#?}");
    assert_eq!(doses_of(&status, "Hepatitis B"), 2);
    assert_eq!(status.overall, Overall::Complete);
}

#[test]
fn two_adolescent_hepatitis_b_doses_five_weeks_apart_do_not_complete_the_two_dose_series() {
    let doses: Vec<(&str, &str)> = CHILDHOOD
        .iter()
        .copied()
        .filter(|(cvx, _)| *cvx != "08")
        .map(|(cvx, day)| if cvx == "110" { ("120", day) } else { (cvx, day) })
        .chain([("115", "2024-03-04"), ("114", "2024-03-04"), ("43", "2024-03-04"), ("43", "2024-04-08")])
        .collect();
    let status = school_status("2013-03-01", &doses, &[], Grade::Grade(7), "2024-06-03");
    assert!(
        !matches!(state(&status, "Hepatitis B"), State::Complete),
        "the adolescent series needs 4 months between its doses: {status:#?}"
    );
}

#[test]
fn a_grade_twelve_student_without_the_booster() {
    let mut doses = CHILDHOOD.to_vec();
    doses.extend([("115", "2024-03-04"), ("114", "2024-03-04")]);
    let status = school_status("2013-03-01", &doses, &[], Grade::Grade(12), "2030-09-03");
    assert_eq!(status.level, "Grade 12");
    assert!(
        matches!(state(&status, "MenACWY"), State::NotComplete { missing, .. } if missing == "needs 1 dose of MenACWY, given on or after age 16"),
        "{status:#?}"
    );
    doses.push(("114", "2029-03-05"));
    let status = school_status("2013-03-01", &doses, &[], Grade::Grade(12), "2030-09-03");
    assert_eq!(state(&status, "MenACWY"), &State::Complete);
    assert_eq!(status.overall, Overall::Complete);
}

#[test]
fn a_ten_month_old_in_child_care_is_in_process() {
    let doses = [
        ("08", "2026-02-02"),
        ("120", "2026-04-01"),
        ("133", "2026-04-01"),
        ("08", "2026-04-01"),
        ("120", "2026-06-01"),
        ("133", "2026-06-01"),
        ("120", "2026-08-03"),
        ("133", "2026-08-03"),
        ("08", "2026-08-03"),
    ];
    let status = school_status("2026-02-01", &doses, &[], Grade::ChildCare, "2026-12-01");
    assert_eq!(status.level, "Child care or early childhood program");
    assert_eq!(status.overall, Overall::InProcess, "{status:#?}");
    for vaccine in ["DTaP/DT", "Hib", "Pneumococcal"] {
        assert!(
            matches!(state(&status, vaccine), State::InProcess { next_due, .. } if *next_due > date("2026-12-01")),
            "{vaccine}: {status:#?}"
        );
    }
    assert_eq!(state(&status, "Hepatitis B"), &State::Complete);
    for vaccine in ["MMR", "Varicella", "Hepatitis A"] {
        assert_eq!(
            state(&status, vaccine),
            &State::NotRequired { why: "required from 12 months (2027-02-01)".to_owned() },
            "{vaccine}"
        );
    }
    // At 16 months without MMR or varicella, past the 15 months they are due by: not complete.
    let sixteen = school_status("2026-02-01", &doses, &[], Grade::ChildCare, "2027-06-05");
    for vaccine in ["MMR", "Varicella"] {
        assert!(
            matches!(state(&sixteen, vaccine), State::NotComplete { missing, .. } if missing.ends_with("was due by 2027-05-01")),
            "{vaccine}: {sixteen:#?}"
        );
    }
    // At 25 months pneumococcal vaccine is no longer required; a missed DTaP dose is late.
    let status = school_status("2026-02-01", &doses, &[], Grade::ChildCare, "2028-03-01");
    assert_eq!(state(&status, "Pneumococcal"), &State::NotRequired { why: "not required after 24 months".to_owned() });
    assert!(matches!(state(&status, "DTaP/DT"), State::NotComplete { .. }), "{status:#?}");
    assert_eq!(status.overall, Overall::NotComplete);
}

#[test]
fn a_varicella_history_may_support_a_medical_exemption() {
    let doses: Vec<(&str, &str)> = KINDERGARTENER
        .iter()
        .copied()
        .map(|(c, d)| (if c == "94" { "03" } else { c }, d))
        .filter(|(c, _)| *c != "21")
        .collect();
    let status = school_status("2020-01-10", &doses, &["024"], Grade::Kindergarten, "2025-09-02");
    assert_eq!(
        state(&status, "Varicella"),
        &State::ExemptionMayApply { evidence: "the record holds evidence of immunity".to_owned() }
    );
    assert_eq!(status.overall, Overall::ExemptionMayApply);
    assert!(
        state(&status, "Varicella")
            .text(date("2025-09-02"))
            .starts_with("a medical exemption may apply: the school needs the signed statement")
    );
}

#[test]
fn a_contraindication_in_the_record_may_support_a_medical_exemption() {
    let doses: Vec<(&str, &str)> =
        KINDERGARTENER.iter().copied().map(|(c, d)| (if c == "130" { "20" } else { c }, d)).collect();
    let status = school_status("2020-01-10", &doses, &["081"], Grade::Kindergarten, "2025-09-02");
    assert_eq!(
        state(&status, "Polio"),
        &State::ExemptionMayApply { evidence: "the record holds a contraindication".to_owned() },
        "{status:#?}"
    );
}

#[test]
fn a_vaccine_a_held_dose_carries_is_not_stated() {
    let status = school_status_with("2013-03-01", CHILDHOOD, &[], Grade::Grade(7), "2025-09-02", &["HepB".to_owned()]);
    assert_eq!(state(&status, "Hepatitis B"), &State::NotStated { why: "not stated on this copy".to_owned() });
    assert_eq!(doses_of(&status, "Hepatitis B"), 0, "no dose of it is listed either");
}

#[test]
fn a_first_grader_aged_six_follows_the_kindergarten_schedule() {
    let early = [("20", "2020-03-10"), ("20", "2020-05-11"), ("20", "2020-07-13"), ("20", "2021-04-12")];
    let six = school_status("2020-01-10", &early, &[], Grade::Grade(1), "2026-09-01");
    assert!(six.vaccines.iter().any(|v| v.vaccine == "DTaP/DT"));
    assert!(matches!(state(&six, "DTaP/DT"), State::NotComplete { .. }));
    let seven = school_status("2020-01-10", &early, &[], Grade::Grade(1), "2027-02-01");
    assert_eq!(state(&seven, "DTaP/Td"), &State::Complete, "three doses are enough from age 7");
}

#[test]
fn every_level_reads_and_cites_its_source() {
    let requirements = minnesota().as_ref().expect("the requirements read");
    for grade in Grade::all() {
        let level = requirements.level(grade).unwrap_or_else(|| panic!("no level for {grade:?}"));
        assert!(!level.requirements.is_empty());
    }
    let cited = requirements.cited();
    assert!(cited.contains("Minn. Stat. §121A.15") && cited.contains("2026-2027"), "{cited}");
}
