//! One test per CDSi evaluation and forecast rule, each on a patient built for it, with the
//! numbers taken from CDC's supporting data 4.64 (`crates/cdsi/data/4.64`, cited at each test) and
//! the expected dates worked out by hand from them. CDSi date arithmetic: years and months move the
//! calendar (a date that does not exist becomes the first of the next month), weeks and days count
//! days, terms apply in order; a past-due date is the latest recommended date minus one day.

use recdesk_cdsi::{
    AdministeredDose, Assessment, Date, Gender, GroupForecast, Patient, Reason, SeriesStatus, Status, assess,
};

fn date(text: &str) -> Date {
    Date::parse_iso(text).expect(text)
}

fn dose(on: &str, cvx: &str) -> AdministeredDose {
    AdministeredDose { date: date(on), cvx: cvx.to_owned(), mvx: None, substandard: false }
}

fn substandard(on: &str, cvx: &str) -> AdministeredDose {
    AdministeredDose { substandard: true, ..dose(on, cvx) }
}

fn patient(birth: &str, doses: Vec<AdministeredDose>) -> Patient {
    Patient { birth_date: Some(date(birth)), gender: None, doses, observations: Vec::new() }
}

fn observing(birth: &str, observations: &[&str]) -> Patient {
    Patient { observations: observations.iter().map(|o| (*o).to_owned()).collect(), ..patient(birth, Vec::new()) }
}

fn of_gender(gender: Gender, birth: &str, doses: Vec<AdministeredDose>) -> Patient {
    Patient { gender: Some(gender), ..patient(birth, doses) }
}

fn assessed(patient: &Patient, on: &str) -> Assessment {
    assess(patient, date(on))
}

/// How one dose was judged for each antigen of a vaccine group: (antigen, status, reasons, dose
/// number), by antigen name.
type Judged = (String, Status, Vec<Reason>, Option<usize>);

fn judged(assessment: &Assessment, dose: usize, group: &str) -> Vec<Judged> {
    let mut found: Vec<Judged> = assessment
        .evaluations
        .iter()
        .filter(|e| e.dose == dose && e.vaccine_group == group)
        .map(|e| (e.antigen.clone(), e.status, e.reasons.clone(), e.dose_number))
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

/// The same judgement for each of `antigens` (given by name order).
fn each(antigens: &[&str], status: Status, reasons: &[Reason], dose_number: Option<usize>) -> Vec<Judged> {
    antigens.iter().map(|a| ((*a).to_owned(), status, reasons.to_vec(), dose_number)).collect()
}

/// The patient series that judged a dose for an antigen.
fn series_of(assessment: &Assessment, dose: usize, antigen: &str) -> String {
    assessment
        .evaluations
        .iter()
        .find(|e| e.dose == dose && e.antigen == antigen)
        .map(|e| e.series.clone())
        .unwrap_or_else(|| panic!("no evaluation of dose {dose} for {antigen}"))
}

fn forecast<'a>(assessment: &'a Assessment, group: &str) -> &'a GroupForecast {
    assessment
        .forecasts
        .iter()
        .find(|f| f.vaccine_group == group)
        .unwrap_or_else(|| panic!("no {group} forecast in {:#?}", assessment.forecasts))
}

/// A forecast's status, dose number and earliest, recommended and past-due dates.
type Due = (SeriesStatus, Option<usize>, Option<Date>, Option<Date>, Option<Date>);

fn due(forecast: &GroupForecast) -> Due {
    (forecast.status, forecast.dose_number, forecast.earliest, forecast.recommended, forecast.past_due)
}

fn due_from(dose_number: usize, earliest: &str, recommended: &str, past_due: Option<&str>) -> Due {
    (SeriesStatus::NotComplete, Some(dose_number), Some(date(earliest)), Some(date(recommended)), past_due.map(date))
}

/// A group forecast with nothing due: its status and reason, and no dates.
fn settled(forecast: &GroupForecast) -> (SeriesStatus, Option<&str>, Due) {
    (forecast.status, forecast.reason.as_deref(), due(forecast))
}

fn nothing_due(status: SeriesStatus, reason: &str) -> (SeriesStatus, Option<&str>, Due) {
    (status, Some(reason), (status, None, None, None, None))
}

/// One antigen's own forecast within its group's: (status, dose number, earliest date).
fn antigen_due(forecast: &GroupForecast, antigen: &str) -> (SeriesStatus, Option<usize>, Option<Date>) {
    forecast
        .antigens
        .iter()
        .find(|a| a.antigen == antigen)
        .map(|a| (a.status, a.dose_number, a.earliest))
        .unwrap_or_else(|| panic!("no {antigen} in the {} forecast", forecast.vaccine_group))
}

const DTAP: &str = "DTaP/Tdap/Td";
const DTP: [&str; 3] = ["Diphtheria", "Pertussis", "Tetanus"];
const MMR: [&str; 3] = ["Measles", "Mumps", "Rubella"];

#[test]
fn age_absolute_minimum_allows_the_4_day_grace() {
    // Diphtheria/Tetanus/Pertussis standard series, dose 1: absolute minimum age "6 weeks - 4 days"
    // (2025-01-01 + 42 days = 2025-02-12, - 4 days = 2025-02-08), minimum age "6 weeks".
    let assessment = assessed(&patient("2025-01-01", vec![dose("2025-02-08", "20")]), "2025-03-01");
    assert_eq!(judged(&assessment, 0, DTAP), each(&DTP, Status::Valid, &[], Some(1)));
    // Dose 2: minimum age "10 weeks" (2025-03-12) beats 4 weeks from dose 1 (2025-03-08);
    // earliest recommended age "4 months"; latest recommended age "5 months + 4 weeks" (2025-06-29).
    assert_eq!(due(forecast(&assessment, DTAP)), due_from(2, "2025-03-12", "2025-05-01", Some("2025-06-28")));
}

#[test]
fn age_below_absolute_minimum_is_too_young() {
    // One day inside the grace: 6 weeks - 5 days. The allowable DTaP (CVX 20) begins at the same
    // "6 weeks - 4 days", so the dose is not an allowable vaccine either: the engine says both.
    let assessment = assessed(&patient("2025-01-01", vec![dose("2025-02-07", "20")]), "2025-03-01");
    assert_eq!(
        judged(&assessment, 0, DTAP),
        each(&DTP, Status::NotValid, &[Reason::TooYoung, Reason::NotPreferableOrAllowable], None)
    );
    // Dose 1 is still due: minimum age 6 weeks (2025-02-12), recommended at 2 months, past due
    // from "3 months + 4 weeks" (2025-04-29) - 1 day.
    assert_eq!(due(forecast(&assessment, DTAP)), due_from(1, "2025-02-12", "2025-03-01", Some("2025-04-28")));
}

#[test]
fn maximum_age_makes_a_dose_extraneous() {
    // Rotavirus: dose 1's maximum age is "15 weeks" in the 3-dose and 2-dose series and
    // "8 months + 1 day" in the late-start series (absolute minimum "15 weeks"); every later dose's
    // maximum is "8 months + 1 day" too. Born 2025-01-01: 8 months + 1 day is 2025-09-02.
    let at_8_months = assessed(&patient("2025-01-01", vec![dose("2025-09-01", "116")]), "2025-09-01");
    assert_eq!(judged(&at_8_months, 0, "Rotavirus"), each(&["Rotavirus"], Status::Valid, &[], Some(1)));
    assert_eq!(series_of(&at_8_months, 0, "Rotavirus"), "Rotavirus late start at 15 weeks 3-dose series");

    let too_old = assessed(&patient("2025-01-01", vec![dose("2025-09-02", "116")]), "2025-09-05");
    assert_eq!(judged(&too_old, 0, "Rotavirus"), each(&["Rotavirus"], Status::Extraneous, &[Reason::TooOld], None));
    assert_eq!(
        settled(forecast(&too_old, "Rotavirus")),
        nothing_due(SeriesStatus::AgedOut, "the patient is past the maximum age")
    );
}

#[test]
fn interval_absolute_minimum_allows_the_4_day_grace() {
    // DTaP dose 2: interval from the previous dose, absolute minimum "4 weeks - 4 days" (24 days:
    // 2025-03-01 + 24 = 2025-03-25); absolute minimum age "10 weeks - 4 days" (2025-03-08) is met.
    let doses = vec![dose("2025-03-01", "20"), dose("2025-03-25", "20")];
    let assessment = assessed(&patient("2025-01-01", doses), "2025-04-01");
    assert_eq!(judged(&assessment, 1, DTAP), each(&DTP, Status::Valid, &[], Some(2)));
    // Dose 3: 4 weeks after dose 2 (2025-04-22) beats the minimum age "14 weeks" (2025-04-09);
    // recommended at 6 months; latest recommended age "7 months + 4 weeks" (2025-08-29).
    assert_eq!(due(forecast(&assessment, DTAP)), due_from(3, "2025-04-22", "2025-07-01", Some("2025-08-28")));
}

#[test]
fn interval_too_short_is_not_valid() {
    // 23 days after dose 1: one day short of "4 weeks - 4 days".
    let doses = vec![dose("2025-03-01", "20"), dose("2025-03-24", "20")];
    let assessment = assessed(&patient("2025-01-01", doses), "2025-04-01");
    assert_eq!(judged(&assessment, 1, DTAP), each(&DTP, Status::NotValid, &[Reason::TooSoon], None));
    // Dose 2 is still due, 4 weeks after the dose given too soon (2025-04-21): a dose that is not
    // valid is still the previous dose an interval counts from. Recommended at 4 months; past due
    // from "5 months + 4 weeks" (2025-06-29) - 1 day.
    assert_eq!(due(forecast(&assessment, DTAP)), due_from(2, "2025-04-21", "2025-05-01", Some("2025-06-28")));
}

#[test]
fn interval_from_target_dose() {
    // HepB 3-dose series, dose 3: minimum age "24 weeks" (2024-06-17), 8 weeks from the previous
    // dose (2024-05-27) and 16 weeks from target dose 1 ("16 weeks - 4 days" absolute): 2024-03-01
    // + 112 days = 2024-06-21. The interval from dose 1 is the one that binds.
    let first_two = vec![dose("2024-03-01", "08"), dose("2024-04-01", "08")];
    let assessment = assessed(&patient("2024-01-01", first_two.clone()), "2024-05-01");
    // Recommended at 6 months; latest recommended age "19 months + 4 weeks" (2025-08-29).
    assert_eq!(due(forecast(&assessment, "HepB")), due_from(3, "2024-06-21", "2024-07-01", Some("2025-08-28")));

    // 16 weeks - 4 days after dose 1: dose 3 of the 3-dose series, which is then complete.
    let on_time = [first_two.clone(), vec![dose("2024-06-17", "08")]].concat();
    let assessment = assessed(&patient("2024-01-01", on_time), "2024-07-01");
    assert_eq!(judged(&assessment, 2, "HepB"), each(&["HepB"], Status::Valid, &[], Some(3)));
    assert_eq!(series_of(&assessment, 2, "HepB"), "HepB 3-dose series");
    assert_eq!(settled(forecast(&assessment, "HepB")), nothing_due(SeriesStatus::Complete, "the series is complete"));

    // One day sooner the 3-dose series cannot count it; the 4-dose series (dose 3 only 0 days after
    // dose 2) can, and its dose 4 carries the same 16 weeks from dose 1: due 2024-06-21.
    let early = [first_two, vec![dose("2024-06-16", "08")]].concat();
    let assessment = assessed(&patient("2024-01-01", early), "2024-07-01");
    assert_eq!(judged(&assessment, 2, "HepB"), each(&["HepB"], Status::Valid, &[], Some(3)));
    assert_eq!(series_of(&assessment, 2, "HepB"), "HepB 4-dose series");
    assert_eq!(due(forecast(&assessment, "HepB")), due_from(4, "2024-06-21", "2024-07-01", Some("2025-08-28")));
}

#[test]
fn allowable_interval() {
    // DTaP dose 4: interval "6 months - 4 days" from dose 3, with an allowable interval of
    // "4 months - 4 days"; absolute minimum age "12 months - 4 days" (2025-12-28).
    // Dose 3 on 2025-09-05: + 4 months = 2026-01-05, - 4 days = 2026-01-01 (6 months - 4 days would
    // be 2026-03-01).
    let first_three = vec![dose("2025-03-01", "20"), dose("2025-05-01", "20"), dose("2025-09-05", "20")];
    let allowed = [first_three.clone(), vec![dose("2026-01-01", "20")]].concat();
    let assessment = assessed(&patient("2025-01-01", allowed), "2026-01-15");
    assert_eq!(judged(&assessment, 3, DTAP), each(&DTP, Status::Valid, &[], Some(4)));
    // Dose 5: minimum age 4 years (2029-01-01) beats 6 months from dose 4; latest recommended
    // age 7 years.
    assert_eq!(due(forecast(&assessment, DTAP)), due_from(5, "2029-01-01", "2029-01-01", Some("2031-12-31")));

    // A day short of the allowable interval: too soon.
    let short = [first_three, vec![dose("2025-12-31", "20")]].concat();
    let assessment = assessed(&patient("2025-01-01", short), "2026-01-15");
    assert_eq!(judged(&assessment, 3, DTAP), each(&DTP, Status::NotValid, &[Reason::TooSoon], None));
    // Dose 4 again, 6 months after the dose too soon: "2026-06-31" is 2026-07-01 (later than the
    // minimum age of 15 months, 2026-04-01); past due from "19 months + 4 weeks" (2026-08-29) - 1 day.
    assert_eq!(due(forecast(&assessment, DTAP)), due_from(4, "2026-07-01", "2026-07-01", Some("2026-08-28")));
}

#[test]
fn live_virus_conflict_within_28_days() {
    // ScheduleSupportingData.xml, MMR (03) then varicella (21): conflict begins "1 day" after and
    // ends at "28 days" (the minimum end is 28 days too: no grace for this pair). Born 2024-01-15,
    // MMR at 12 months (2025-01-15); varicella dose 1's absolute minimum age is "12 months - 4 days".
    let mmr = dose("2025-01-15", "03");
    let at_27_days = assessed(&patient("2024-01-15", vec![mmr.clone(), dose("2025-02-11", "21")]), "2025-03-01");
    assert_eq!(judged(&at_27_days, 0, "MMR"), each(&MMR, Status::Valid, &[], Some(1)));
    assert_eq!(
        judged(&at_27_days, 1, "Varicella"),
        each(&["Varicella"], Status::NotValid, &[Reason::LiveVirusConflict], None)
    );
    // Varicella dose 1 again, once the conflict with the varicella dose (21 then 21: ends at 28 days)
    // is over: 2025-03-11. Latest recommended age "16 months + 4 weeks" (2025-06-12).
    assert_eq!(due(forecast(&at_27_days, "Varicella")), due_from(1, "2025-03-11", "2025-03-11", Some("2025-06-11")));

    let at_28_days = assessed(&patient("2024-01-15", vec![mmr.clone(), dose("2025-02-12", "21")]), "2025-03-01");
    assert_eq!(judged(&at_28_days, 1, "Varicella"), each(&["Varicella"], Status::Valid, &[], Some(1)));

    // The same day is before the conflict begins.
    let same_day = assessed(&patient("2024-01-15", vec![mmr.clone(), dose("2025-01-15", "21")]), "2025-03-01");
    assert_eq!(judged(&same_day, 1, "Varicella"), each(&["Varicella"], Status::Valid, &[], Some(1)));

    // With only the MMR given, varicella is forecast from the end of the conflict, 2025-02-12.
    let mmr_only = assessed(&patient("2024-01-15", vec![mmr]), "2025-01-20");
    assert_eq!(due(forecast(&mmr_only, "Varicella")), due_from(1, "2025-02-12", "2025-02-12", Some("2025-06-11")));
}

#[test]
fn live_virus_conflict_after_a_valid_dose_ends_at_the_minimum_end() {
    // MMR (03) then MMR (03): conflict from "1 day" to "28 days", minimum end "24 days", which
    // applies when the earlier dose is valid (CALCDTCONFLICT-2). MMR dose 2's interval is
    // "4 weeks - 4 days" (24 days) too, and its absolute minimum age "13 months - 4 days" is met.
    let first = dose("2025-03-01", "03");
    let at_24_days = assessed(&patient("2024-01-15", vec![first.clone(), dose("2025-03-25", "03")]), "2025-04-01");
    assert_eq!(judged(&at_24_days, 1, "MMR"), each(&MMR, Status::Valid, &[], Some(2)));
    assert_eq!(settled(forecast(&at_24_days, "MMR")), nothing_due(SeriesStatus::Complete, "the series is complete"));

    let at_23_days = assessed(&patient("2024-01-15", vec![first, dose("2025-03-24", "03")]), "2025-04-01");
    assert_eq!(
        judged(&at_23_days, 1, "MMR"),
        each(&MMR, Status::NotValid, &[Reason::TooSoon, Reason::LiveVirusConflict], None)
    );
}

#[test]
fn live_virus_conflict_after_a_not_valid_dose_runs_to_the_full_end() {
    // MMR at 12 months - 10 days (2025-01-05: below the absolute minimum "12 months - 4 days",
    // so Not Valid), then MMR 25 days later (2025-01-30, 12 months + 15 days). MMR then MMR:
    // minimum conflict end "24 days", conflict end "28 days". CALCDTCONFLICT-2: the end is the
    // minimum end only when the previous dose is Valid (or has no status); otherwise the conflict end,
    // 2025-01-05 + 28 days = 2025-02-02. So the second MMR is in conflict.
    let doses = vec![dose("2025-01-05", "03"), dose("2025-01-30", "03")];
    let assessment = assessed(&patient("2024-01-15", doses), "2025-03-01");
    assert_eq!(
        judged(&assessment, 0, "MMR"),
        each(&MMR, Status::NotValid, &[Reason::TooYoung, Reason::NotPreferableOrAllowable], None)
    );
    assert_eq!(judged(&assessment, 1, "MMR"), each(&MMR, Status::NotValid, &[Reason::LiveVirusConflict], None));
    // Dose 1 still due, once the conflict with the second MMR ends: 2025-01-30 + 28 days.
    let mmr = forecast(&assessment, "MMR");
    assert_eq!(
        (mmr.status, mmr.dose_number, mmr.earliest),
        (SeriesStatus::NotComplete, Some(1), Some(date("2025-02-27")))
    );
}

#[test]
fn combination_vaccine_counts_toward_each_antigen() {
    // CVX 110 (DTaP-HepB-IPV) maps to Diphtheria, Tetanus, Pertussis, HepB and Polio: one
    // evaluation each, in three vaccine groups; at 2 months it is dose 1 of every one.
    let assessment = assessed(&patient("2025-01-01", vec![dose("2025-03-01", "110")]), "2025-03-15");
    let mut antigens: Vec<&str> = assessment.evaluations.iter().map(|e| e.antigen.as_str()).collect();
    antigens.sort_unstable();
    let mut mapped = recdesk_cdsi::schedule().antigens_of("110");
    mapped.sort_unstable();
    assert_eq!(antigens, mapped);
    assert_eq!(antigens, ["Diphtheria", "HepB", "Pertussis", "Polio", "Tetanus"]);
    assert!(
        assessment.evaluations.iter().all(|e| e.dose == 0 && e.status == Status::Valid && e.dose_number == Some(1))
    );
    assert_eq!(judged(&assessment, 0, DTAP), each(&DTP, Status::Valid, &[], Some(1)));
    assert_eq!(judged(&assessment, 0, "HepB"), each(&["HepB"], Status::Valid, &[], Some(1)));
    assert_eq!(judged(&assessment, 0, "Polio"), each(&["Polio"], Status::Valid, &[], Some(1)));
    // Each group's dose 2 is 4 weeks later (2025-03-29).
    for group in [DTAP, "HepB", "Polio"] {
        assert_eq!(forecast(&assessment, group).dose_number, Some(2), "{group}");
        assert_eq!(forecast(&assessment, group).earliest, Some(date("2025-03-29")), "{group}");
    }
}

#[test]
fn inadvertent_vaccine() {
    // Tdap (CVX 115) is an inadvertent vaccine for DTaP doses 1 to 3 of the standard series.
    let doses = vec![dose("2025-03-01", "20"), dose("2025-05-01", "20"), dose("2025-09-01", "115")];
    let assessment = assessed(&patient("2025-01-01", doses), "2025-09-01");
    assert_eq!(judged(&assessment, 2, DTAP), each(&DTP, Status::NotValid, &[Reason::InadvertentVaccine], None));
    // The Tdap is no previous dose for intervals: each antigen's dose 3 is due 4 weeks after dose 2
    // (2025-05-29); but no dose of the group is due before its latest dose, the Tdap, 2025-09-01.
    let dtap = forecast(&assessment, DTAP);
    assert_eq!(due(dtap), due_from(3, "2025-09-01", "2025-09-01", Some("2025-09-01")));
    for antigen in DTP {
        assert_eq!(
            antigen_due(dtap, antigen),
            (SeriesStatus::NotComplete, Some(3), Some(date("2025-05-29"))),
            "{antigen}"
        );
    }
}

#[test]
fn not_a_preferable_or_allowable_vaccine() {
    // Meningococcal B: CVX 164 (MenB, unspecified) is an allowable vaccine for later doses only,
    // never for dose 1 of any standard MenB series; the dose at 15 years is old enough
    // ("10 years - 4 days").
    let assessment = assessed(&patient("2010-06-20", vec![dose("2025-12-01", "164")]), "2025-12-01");
    assert_eq!(
        judged(&assessment, 0, "Meningococcal B"),
        each(&["Meningococcal B"], Status::NotValid, &[Reason::NotPreferableOrAllowable], None)
    );
    // Dose 1 due at the minimum age, 16 years; maximum age 24 years, so the latest date is the day before.
    let menb = forecast(&assessment, "Meningococcal B");
    assert_eq!(due(menb), due_from(1, "2026-06-20", "2026-06-20", None));
    assert_eq!(menb.latest, Some(date("2034-06-19")));
}

#[test]
fn conditional_skip_by_age() {
    // DTaP standard series, dose 4: evaluation skip "Dose is not required for those 4 years or
    // older", an Age condition from "4 years - 4 days" (2023-12-28 for a child born 2020-01-01).
    // A fourth dose on that day skips target dose 4 and counts as dose 5.
    let first_three = vec![dose("2020-03-01", "20"), dose("2020-05-01", "20"), dose("2020-07-01", "20")];
    let skipped = [first_three.clone(), vec![dose("2023-12-28", "20")]].concat();
    let assessment = assessed(&patient("2020-01-01", skipped), "2024-02-01");
    assert_eq!(judged(&assessment, 3, DTAP), each(&DTP, Status::Valid, &[], Some(5)));
    // Up to date until the adolescent dose (target dose 10: minimum age 11 years; latest
    // recommended "13 years + 4 weeks", 2033-01-29), numbered 5 as CDC counts doses given.
    assert_eq!(due(forecast(&assessment, DTAP)), due_from(5, "2031-01-01", "2031-01-01", Some("2033-01-28")));

    // A day earlier the skip does not apply: the dose is dose 4, and dose 5 is due 6 months later
    // (2024-06-27, past its minimum age of 4 years); past due from 7 years - 1 day.
    let not_skipped = [first_three, vec![dose("2023-12-27", "20")]].concat();
    let assessment = assessed(&patient("2020-01-01", not_skipped), "2024-02-01");
    assert_eq!(judged(&assessment, 3, DTAP), each(&DTP, Status::Valid, &[], Some(4)));
    assert_eq!(due(forecast(&assessment, DTAP)), due_from(5, "2024-06-27", "2024-06-27", Some("2026-12-31")));
}

#[test]
fn hib_is_not_forecast_from_5_years_the_patient_is_aged_out() {
    // Hib "not needed from 5 years" is no conditional skip in CDC's data: every target dose of every
    // standard Hib series has a maximum age of "5 years". A healthy 6-year-old with no Hib dose has aged out.
    let assessment = assessed(&patient("2019-06-01", Vec::new()), "2025-06-15");
    let hib = forecast(&assessment, "Hib");
    assert_eq!(settled(hib), nothing_due(SeriesStatus::AgedOut, "the patient is past the maximum age"));
    assert_eq!(antigen_due(hib, "Hib"), (SeriesStatus::AgedOut, None, None));
    assert!(assessment.evaluations.is_empty());
}

#[test]
fn series_already_complete_makes_extra_doses_extraneous() {
    // HepA 2-dose series: dose 1 from 12 months, dose 2 from 18 months and 6 months after dose 1.
    let doses = vec![dose("2023-01-01", "83"), dose("2023-07-01", "83"), dose("2024-01-01", "83")];
    let assessment = assessed(&patient("2022-01-01", doses), "2024-02-01");
    assert_eq!(judged(&assessment, 0, "HepA"), each(&["HepA"], Status::Valid, &[], Some(1)));
    assert_eq!(judged(&assessment, 1, "HepA"), each(&["HepA"], Status::Valid, &[], Some(2)));
    assert_eq!(
        judged(&assessment, 2, "HepA"),
        each(&["HepA"], Status::Extraneous, &[Reason::SeriesAlreadyComplete], None)
    );
    assert_eq!(settled(forecast(&assessment, "HepA")), nothing_due(SeriesStatus::Complete, "the series is complete"));
}

#[test]
fn substandard_dose_counts_for_nothing() {
    let assessment = assessed(&patient("2025-01-01", vec![substandard("2025-03-01", "20")]), "2025-03-15");
    assert_eq!(judged(&assessment, 0, DTAP), each(&DTP, Status::SubStandard, &[Reason::SubStandardDose], None));
    // Dose 1 still due as if nothing were given: 6 weeks (2025-02-12), recommended at 2 months,
    // past due from "3 months + 4 weeks" - 1 day; the sub-standard dose holds nothing back.
    assert_eq!(due(forecast(&assessment, DTAP)), due_from(1, "2025-02-12", "2025-03-01", Some("2025-04-28")));

    // Nor is it a previous dose for intervals: a good dose the next day is dose 1, and dose 2 is
    // due 4 weeks after it (2025-03-30).
    let doses = vec![substandard("2025-03-01", "20"), dose("2025-03-02", "20")];
    let assessment = assessed(&patient("2025-01-01", doses), "2025-03-15");
    assert_eq!(judged(&assessment, 1, DTAP), each(&DTP, Status::Valid, &[], Some(1)));
    assert_eq!(due(forecast(&assessment, DTAP)), due_from(2, "2025-03-30", "2025-05-01", Some("2025-06-28")));
}

#[test]
fn recurring_dose() {
    // Influenza standard series: dose 1 is skipped from 9 years; dose 2 recurs (4 weeks from the
    // previous dose), skipped once the season (2025-07-01 to 2026-06-30) has a valid dose and the
    // patient was 9 or older. An adult's yearly doses all satisfy the recurring target dose 2.
    let yearly = vec![dose("2023-10-01", "150"), dose("2024-10-01", "150")];
    let assessment = assessed(&patient("1985-03-15", yearly.clone()), "2025-09-15");
    assert_eq!(judged(&assessment, 0, "Influenza"), each(&["Influenza"], Status::Valid, &[], Some(2)));
    assert_eq!(judged(&assessment, 1, "Influenza"), each(&["Influenza"], Status::Valid, &[], Some(2)));
    // Due again from the season's start, the first of this season: dose 1 as CDC numbers it.
    assert_eq!(due(forecast(&assessment, "Influenza")), due_from(1, "2025-07-01", "2025-07-01", None));

    let this_season = [yearly, vec![dose("2025-09-20", "150")]].concat();
    let assessment = assessed(&patient("1985-03-15", this_season), "2025-10-15");
    assert_eq!(judged(&assessment, 2, "Influenza"), each(&["Influenza"], Status::Valid, &[], Some(2)));
    assert_eq!(
        settled(forecast(&assessment, "Influenza")),
        nothing_due(SeriesStatus::Complete, "the series is complete")
    );
}

#[test]
fn seasonal_dose_number() {
    // COVID-19 "start at 2 years+" series: dose 1 recurs, skipped after one valid dose on or after
    // 2025-08-27 (the season's start); dose 2 applies only from 65 years. A 2023 dose leaves the
    // 2025-2026 season's dose due as dose 1 from 2025-08-27 (8 weeks from the 2023 dose long past).
    let before = vec![dose("2023-10-01", "309")];
    let assessment = assessed(&patient("1980-06-01", before.clone()), "2025-10-01");
    assert_eq!(judged(&assessment, 0, "COVID-19"), each(&["COVID-19"], Status::Valid, &[], Some(1)));
    assert_eq!(due(forecast(&assessment, "COVID-19")), due_from(1, "2025-08-27", "2025-08-27", None));

    let this_season = [before, vec![dose("2025-09-15", "309")]].concat();
    let assessment = assessed(&patient("1980-06-01", this_season), "2025-10-01");
    assert_eq!(judged(&assessment, 1, "COVID-19"), each(&["COVID-19"], Status::Valid, &[], Some(1)));
    assert_eq!(
        settled(forecast(&assessment, "COVID-19")),
        nothing_due(SeriesStatus::Complete, "the series is complete")
    );
}

#[test]
fn evidence_of_immunity_by_observation() {
    // AntigenSupportingData-_Measles: clinical history "020" (laboratory evidence of immunity for
    // measles); Mumps "021", Rubella "022". One antigen immune does not make MMR immune: the group
    // is given whole, so MMR dose 1 is still due for mumps and rubella (12 months; past due from
    // "16 months + 4 weeks", 2021-05-29, - 1 day).
    let assessment = assessed(&observing("2020-01-01", &["020"]), "2025-06-01");
    let mmr = forecast(&assessment, "MMR");
    assert_eq!(due(mmr), due_from(1, "2021-01-01", "2021-01-01", Some("2021-05-28")));
    assert_eq!(antigen_due(mmr, "Measles"), (SeriesStatus::Immune, None, None));
    assert_eq!(antigen_due(mmr, "Mumps"), (SeriesStatus::NotComplete, Some(1), Some(date("2021-01-01"))));
    assert_eq!(antigen_due(mmr, "Rubella"), (SeriesStatus::NotComplete, Some(1), Some(date("2021-01-01"))));

    let assessment = assessed(&observing("2020-01-01", &["020", "021", "022"]), "2025-06-01");
    assert_eq!(settled(forecast(&assessment, "MMR")), nothing_due(SeriesStatus::Immune, "evidence of immunity"));
}

#[test]
fn immunity_by_birth_before_1957() {
    // Measles, mumps and rubella: immunity birth date 01/01/1957, excluded for health care
    // personnel (observation "055").
    let assessment = assessed(&patient("1956-12-31", Vec::new()), "2025-06-01");
    let mmr = forecast(&assessment, "MMR");
    assert_eq!(settled(mmr), nothing_due(SeriesStatus::Immune, "evidence of immunity"));
    for antigen in MMR {
        assert_eq!(antigen_due(mmr, antigen), (SeriesStatus::Immune, None, None), "{antigen}");
    }

    // Born on the date itself: not before it. One dose is due (dose 2 is skipped from
    // "19 years - 4 days"), from 12 months.
    let assessment = assessed(&patient("1957-01-01", Vec::new()), "2025-06-01");
    assert_eq!(due(forecast(&assessment, "MMR")), due_from(1, "1958-01-01", "1958-01-01", Some("1958-05-28")));

    // A health care worker born before 1957 is not presumed immune.
    let assessment = assessed(&observing("1950-06-01", &["055"]), "2025-06-01");
    assert_eq!(due(forecast(&assessment, "MMR")), due_from(1, "1951-06-01", "1951-06-01", Some("1951-10-28")));
}

#[test]
fn contraindication_by_observation() {
    // Varicella vaccine group contraindication "089": severe allergic reaction after a previous
    // dose of varicella (no ages).
    let assessment = assessed(&observing("2024-01-01", &["089"]), "2025-04-01");
    let varicella = forecast(&assessment, "Varicella");
    assert_eq!(settled(varicella), nothing_due(SeriesStatus::Contraindicated, "a contraindication"));
    assert_eq!(antigen_due(varicella, "Varicella"), (SeriesStatus::Contraindicated, None, None));

    // "086" (severe allergic reaction after a previous dose of pertussis) is a contraindication of
    // the pertussis antigen only: diphtheria and tetanus are still due, and so is the group.
    let assessment = assessed(&observing("2025-01-01", &["086"]), "2025-03-01");
    let dtap = forecast(&assessment, DTAP);
    assert_eq!(due(dtap), due_from(1, "2025-02-12", "2025-03-01", Some("2025-04-28")));
    assert_eq!(antigen_due(dtap, "Pertussis"), (SeriesStatus::Contraindicated, None, None));
    assert_eq!(antigen_due(dtap, "Diphtheria"), (SeriesStatus::NotComplete, Some(1), Some(date("2025-02-12"))));
    assert_eq!(antigen_due(dtap, "Tetanus"), (SeriesStatus::NotComplete, Some(1), Some(date("2025-02-12"))));
}

#[test]
fn best_series_three_hpv_doses_begun_at_9_complete_the_3_dose_series() {
    // HPV 3-dose series (minimum age to start 15 years, but until 2016-12-15 its dose 1 had an
    // absolute minimum age of "9 years - 4 days"): dose 3 "16 weeks - 4 days" from dose 1 and
    // "12 weeks - 4 days" from dose 2. The 2-dose series' dose 3 needs "5 months - 4 days" from dose
    // 1, so only the 3-dose series is complete, and it is the best series.
    let doses = vec![dose("2011-05-01", "62"), dose("2011-05-29", "62"), dose("2011-08-21", "62")];
    let assessment = assessed(&of_gender(Gender::Female, "2002-05-01", doses), "2011-09-01");
    for (index, number) in [(0, 1), (1, 2), (2, 3)] {
        assert_eq!(judged(&assessment, index, "HPV"), each(&["HPV"], Status::Valid, &[], Some(number)));
        assert_eq!(series_of(&assessment, index, "HPV"), "HPV 3-dose series");
    }
    assert_eq!(settled(forecast(&assessment, "HPV")), nothing_due(SeriesStatus::Complete, "the series is complete"));

    // The 4-day grace reaches 2011-08-17 (2011-05-01 + 112 - 4 and 2011-05-29 + 84 - 4) ...
    let at_grace = vec![dose("2011-05-01", "62"), dose("2011-05-29", "62"), dose("2011-08-17", "62")];
    let assessment = assessed(&of_gender(Gender::Female, "2002-05-01", at_grace), "2011-09-01");
    assert_eq!(settled(forecast(&assessment, "HPV")), nothing_due(SeriesStatus::Complete, "the series is complete"));
    // ... and no further: then the 2-dose series is the best, its dose 3 too soon and due again
    // 12 weeks after it (2011-11-08, past 5 months from dose 1).
    let early = vec![dose("2011-05-01", "62"), dose("2011-05-29", "62"), dose("2011-08-16", "62")];
    let assessment = assessed(&of_gender(Gender::Female, "2002-05-01", early), "2011-09-01");
    assert_eq!(judged(&assessment, 2, "HPV"), each(&["HPV"], Status::NotValid, &[Reason::TooSoon], None));
    assert_eq!(series_of(&assessment, 2, "HPV"), "HPV 2-dose series");
    // Recommended 6 months from dose 1 (before the earliest date); latest recommended
    // "13 months + 4 weeks" from dose 1 (2012-06-29).
    assert_eq!(due(forecast(&assessment, "HPV")), due_from(3, "2011-11-08", "2011-11-08", Some("2012-06-28")));

    // Begun at 9 under today's rules (3-dose series' dose 1 from 15 years): the same spacing leaves
    // the 2-dose series' dose 3 too soon.
    let today = vec![dose("2024-05-01", "165"), dose("2024-05-29", "165"), dose("2024-08-21", "165")];
    let assessment = assessed(&of_gender(Gender::Female, "2015-05-01", today), "2024-09-01");
    assert_eq!(judged(&assessment, 2, "HPV"), each(&["HPV"], Status::NotValid, &[Reason::TooSoon], None));
    assert_eq!(series_of(&assessment, 2, "HPV"), "HPV 2-dose series");
    // Dose 3: 5 months from dose 1 (2024-10-01) or 12 weeks from the dose too soon (2024-11-13);
    // latest recommended "13 months + 4 weeks" from dose 1 (2025-06-29).
    assert_eq!(due(forecast(&assessment, "HPV")), due_from(3, "2024-11-13", "2024-11-13", Some("2025-06-28")));
}

#[test]
fn gender_selects_the_hpv_series() {
    // The HPV 2-dose series is for Female and Unknown; the male 2-dose series is for Male, and
    // lists Cervarix (CVX 118, 2vHPV) as an inadvertent vaccine. One Cervarix dose at 9 years:
    let cervarix = || vec![dose("2011-05-01", "118")];
    for gender in [Some(Gender::Female), Some(Gender::Unknown), None] {
        let patient = Patient { gender, ..patient("2002-05-01", cervarix()) };
        let assessment = assessed(&patient, "2011-05-01");
        assert_eq!(judged(&assessment, 0, "HPV"), each(&["HPV"], Status::Valid, &[], Some(1)), "{gender:?}");
        assert_eq!(series_of(&assessment, 0, "HPV"), "HPV 2-dose series", "{gender:?}");
        // Dose 2: minimum interval 5 months, recommended 6 months, latest "13 months + 4 weeks"
        // (2012-06-29).
        assert_eq!(
            due(forecast(&assessment, "HPV")),
            due_from(2, "2011-10-01", "2011-11-01", Some("2012-06-28")),
            "{gender:?}"
        );
    }

    let assessment = assessed(&of_gender(Gender::Male, "2002-05-01", cervarix()), "2011-05-01");
    assert_eq!(judged(&assessment, 0, "HPV"), each(&["HPV"], Status::NotValid, &[Reason::InadvertentVaccine], None));
    assert_eq!(series_of(&assessment, 0, "HPV"), "HPV male 2-dose series");
    // Dose 1 again: minimum age 9 years, recommended at 11, latest "13 years + 4 weeks" (2015-05-29).
    assert_eq!(due(forecast(&assessment, "HPV")), due_from(1, "2011-05-01", "2013-05-01", Some("2015-05-28")));
}

#[test]
fn vaccine_group_dose_number_counts_the_antigen_with_most_doses() {
    // A 7-year-old's catch-up: Tdap, then Td 4 weeks later, then Td 6 months later. Td (CVX 09)
    // counts for diphtheria and tetanus only. Those series have three valid doses (target doses 7,
    // 8 and 9), pertussis one: the group's next dose is dose 4, the adolescent dose from 11 years
    // (2029-03-10), past due from "13 years + 4 weeks" (2031-04-07) - 1 day.
    let doses = vec![dose("2025-03-10", "115"), dose("2025-04-10", "09"), dose("2025-10-10", "09")];
    let assessment = assessed(&patient("2018-03-10", doses), "2025-11-10");
    assert_eq!(judged(&assessment, 0, DTAP), each(&DTP, Status::Valid, &[], Some(7)));
    assert_eq!(judged(&assessment, 1, DTAP), each(&["Diphtheria", "Tetanus"], Status::Valid, &[], Some(8)));
    assert_eq!(judged(&assessment, 2, DTAP), each(&["Diphtheria", "Tetanus"], Status::Valid, &[], Some(9)));
    let dtap = forecast(&assessment, DTAP);
    assert_eq!(due(dtap), due_from(4, "2029-03-10", "2029-03-10", Some("2031-04-06")));
    assert_eq!(antigen_due(dtap, "Diphtheria"), (SeriesStatus::NotComplete, Some(4), Some(date("2029-03-10"))));
    assert_eq!(antigen_due(dtap, "Tetanus"), (SeriesStatus::NotComplete, Some(4), Some(date("2029-03-10"))));
    assert_eq!(antigen_due(dtap, "Pertussis"), (SeriesStatus::NotComplete, Some(2), Some(date("2029-03-10"))));
}

#[test]
fn cdsi_date_arithmetic_moves_an_impossible_date_to_the_first_of_next_month() {
    // HepB dose 2: minimum age and interval 4 weeks, earliest recommended age "1 month", latest
    // recommended age "3 months + 4 weeks". Born 2025-01-31: 4 weeks is 2025-02-28; one month is
    // "2025-02-31", so 2025-03-01; three months is "2025-04-31", so 2025-05-01, + 4 weeks 2025-05-29.
    let assessment = assessed(&patient("2025-01-31", vec![dose("2025-01-31", "08")]), "2025-01-31");
    assert_eq!(due(forecast(&assessment, "HepB")), due_from(2, "2025-02-28", "2025-03-01", Some("2025-05-28")));

    // Born on a leap day: 12 months is "2025-02-29", so 2025-03-01, and MMR dose 1's absolute
    // minimum age "12 months - 4 days" is 2025-02-25.
    let assessment = assessed(&patient("2024-02-29", Vec::new()), "2025-01-10");
    assert_eq!(forecast(&assessment, "MMR").earliest, Some(date("2025-03-01")));
    let assessment = assessed(&patient("2024-02-29", vec![dose("2025-02-25", "03")]), "2025-03-10");
    assert_eq!(judged(&assessment, 0, "MMR"), each(&MMR, Status::Valid, &[], Some(1)));
    let assessment = assessed(&patient("2024-02-29", vec![dose("2025-02-24", "03")]), "2025-03-10");
    assert_eq!(
        judged(&assessment, 0, "MMR"),
        each(&MMR, Status::NotValid, &[Reason::TooYoung, Reason::NotPreferableOrAllowable], None)
    );
}

#[test]
fn four_day_grace_does_not_reach_five_days() {
    // An age: MMR dose 1, absolute minimum "12 months - 4 days". Born 2024-11-15.
    let at_4_days = assessed(&patient("2024-11-15", vec![dose("2025-11-11", "03")]), "2025-11-15");
    assert_eq!(judged(&at_4_days, 0, "MMR"), each(&MMR, Status::Valid, &[], Some(1)));
    let at_5_days = assessed(&patient("2024-11-15", vec![dose("2025-11-10", "03")]), "2025-11-15");
    assert_eq!(
        judged(&at_5_days, 0, "MMR"),
        each(&MMR, Status::NotValid, &[Reason::TooYoung, Reason::NotPreferableOrAllowable], None)
    );

    // An interval: HPV 2-dose series dose 2, absolute minimum "4 weeks - 4 days" from dose 1.
    let hpv = |second: &str| {
        let doses = vec![dose("2024-10-17", "165"), dose(second, "165")];
        assessed(&of_gender(Gender::Female, "2014-10-17", doses), "2024-11-15")
    };
    assert_eq!(judged(&hpv("2024-11-10"), 1, "HPV"), each(&["HPV"], Status::Valid, &[], Some(2)));
    assert_eq!(judged(&hpv("2024-11-09"), 1, "HPV"), each(&["HPV"], Status::NotValid, &[Reason::TooSoon], None));
}

/// A dose dated after the assessment date is no part of the history as of that date: it is not
/// evaluated, the reason is said, and the forecast counts without it.
#[test]
fn a_dose_after_the_assessment_date_is_not_evaluated() {
    let child = patient("2020-01-10", vec![dose("2021-01-11", "03"), dose("2024-01-15", "03")]);
    let assessment = assessed(&child, "2023-09-01");
    assert!(assessment.evaluations.iter().all(|e| e.dose == 0), "{:?}", assessment.evaluations);
    assert!(
        assessment.dose_problems.iter().any(|p| p.dose == 1 && p.problem.contains("after the assessment date")),
        "{:?}",
        assessment.dose_problems
    );
    let mmr = assessment.forecasts.iter().find(|f| f.vaccine_group == "MMR").expect("an MMR forecast");
    assert_eq!((mmr.status, mmr.dose_number), (SeriesStatus::NotComplete, Some(2)));
}
