//! Random patients through the whole engine: it never panics, every dose is evaluated once for
//! each antigen its vaccine counts toward (CDC's CVX map, with its ages), every index points at a
//! dose, and forecast dates are in order.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use recdesk_cdsi::antigen::SeriesType;
use recdesk_cdsi::{AdministeredDose, Assessment, Date, Gender, Patient, SeriesStatus, antigens, assess, schedule};

const YEAR: i64 = 365;

fn day_number(year: i32, month: u32, day: u32) -> i64 {
    Date::new(year, month, day).expect("a real date").day_number()
}

fn cvx_codes() -> impl Strategy<Value = String> {
    let known: Vec<String> = schedule().cvx.iter().map(|m| m.cvx.clone()).collect();
    let unknown: Vec<String> = ["999", "", "abc", "03 ", "0"].into_iter().map(str::to_owned).collect();
    prop_oneof![9 => prop::sample::select(known), 1 => prop::sample::select(unknown)]
}

fn observation_codes() -> impl Strategy<Value = String> {
    let known: Vec<String> = schedule().observations.iter().map(|o| o.code.clone()).collect();
    let junk: Vec<String> = ["", "999", "xyz", "20"].into_iter().map(str::to_owned).collect();
    prop_oneof![4 => prop::sample::select(known), 1 => prop::sample::select(junk)]
}

/// A dose: days after the birth date (childhood doses more often than the uniform range would
/// give), CVX code, sub-standard or not.
fn doses() -> impl Strategy<Value = Vec<(i64, String, bool)>> {
    let offset = prop_oneof![-YEAR..=7 * YEAR, -YEAR..=90 * YEAR];
    prop::collection::vec((offset, cvx_codes(), prop::bool::weighted(0.1)), 0..40)
}

fn genders() -> impl Strategy<Value = Option<Gender>> {
    prop_oneof![Just(None), Just(Some(Gender::Female)), Just(Some(Gender::Male)), Just(Some(Gender::Unknown))]
}

/// A patient and an assessment date.
fn patients() -> impl Strategy<Value = (Patient, Date)> {
    let births = day_number(1940, 1, 1)..=day_number(2026, 12, 31);
    let observations = prop::collection::vec(observation_codes(), 0..4);
    (births, prop::bool::weighted(0.9), genders(), doses(), observations, -YEAR..=100 * YEAR).prop_map(
        |(birth, known, gender, doses, observations, assessed)| {
            let birth_date = Date::from_day_number(birth);
            let patient = Patient {
                birth_date: known.then_some(birth_date),
                gender,
                doses: doses
                    .into_iter()
                    .map(|(offset, cvx, substandard)| AdministeredDose {
                        date: Date::from_day_number(birth + offset),
                        cvx,
                        mvx: None,
                        substandard,
                    })
                    .collect(),
                observations,
            };
            (patient, Date::from_day_number(birth + assessed))
        },
    )
}

/// The antigens a dose counts toward on its date: CDC's map, each association from its begin age
/// (inclusive) to its end age (exclusive).
fn mapped_antigens(cvx: &str, birth: Date, on: Date) -> BTreeSet<&'static str> {
    schedule()
        .cvx
        .iter()
        .filter(|m| m.cvx == cvx)
        .flat_map(|m| &m.associations)
        .filter(|a| {
            a.begin_age.as_ref().is_none_or(|age| on >= birth.plus(age))
                && a.end_age.as_ref().is_none_or(|age| on < birth.plus(age))
        })
        .map(|a| a.antigen.as_str())
        .collect()
}

/// Whether an antigen has a standard series for this gender: one that always applies, so every
/// dose of the antigen must be evaluated. (An antigen with only risk series, as cholera, applies
/// only with an indication; an evaluation-only series answers only once complete.)
fn always_evaluated(antigen: &str, gender: Gender) -> bool {
    antigens()
        .iter()
        .filter(|a| a.antigen == antigen)
        .flat_map(|a| &a.series)
        .any(|s| s.series_type == SeriesType::Standard && (s.genders.is_empty() || s.genders.contains(&gender)))
}

fn check(patient: &Patient, assessed_on: Date, assessment: &Assessment) -> Result<(), TestCaseError> {
    let Some(birth) = patient.birth_date else {
        prop_assert!(assessment.evaluations.is_empty());
        prop_assert!(assessment.forecasts.is_empty());
        prop_assert!(!assessment.problems.is_empty(), "no problem said for a patient without a birth date");
        return Ok(());
    };
    prop_assert!(assessment.problems.is_empty(), "{:?}", assessment.problems);
    prop_assert_eq!(assessment.assessed_on, assessed_on);
    let count = patient.doses.len();
    prop_assert!(assessment.evaluations.iter().all(|e| e.dose < count));
    prop_assert!(assessment.dose_problems.iter().all(|p| p.dose < count));

    // One evaluation per dose and antigen, and only for an antigen the dose counts toward.
    let mut evaluated: BTreeMap<(usize, &str), usize> = BTreeMap::new();
    for evaluation in &assessment.evaluations {
        *evaluated.entry((evaluation.dose, evaluation.antigen.as_str())).or_default() += 1;
        prop_assert_eq!(schedule().group_of(&evaluation.antigen), Some(evaluation.vaccine_group.as_str()));
    }
    prop_assert!(evaluated.values().all(|&n| n == 1), "an antigen evaluated twice for one dose: {:?}", evaluated);
    let gender = patient.gender.unwrap_or(Gender::Unknown);
    for (index, dose) in patient.doses.iter().enumerate() {
        let mapped = mapped_antigens(&dose.cvx, birth, dose.date);
        let got: BTreeSet<&str> = evaluated.keys().filter(|(d, _)| *d == index).map(|(_, a)| *a).collect();
        // A dose dated after the assessment is not evaluated, and is said to be.
        let after = dose.date > assessed_on;
        let expected: BTreeSet<&str> =
            mapped.iter().copied().filter(|a| !after && always_evaluated(a, gender)).collect();
        prop_assert!(got.is_subset(&mapped), "dose {} ({:?}): {:?} not all in {:?}", index, dose, got, mapped);
        prop_assert!(expected.is_subset(&got), "dose {} ({:?}): {:?} but expected {:?}", index, dose, got, expected);
        let problems = assessment.dose_problems.iter().filter(|p| p.dose == index).count();
        if schedule().cvx.iter().all(|m| m.cvx != dose.cvx) {
            prop_assert!(got.is_empty());
            prop_assert!(problems > 0, "dose {} has a CVX outside CDC's map and no problem said", index);
        }
        if dose.date < birth {
            prop_assert!(problems > 0, "dose {} before the birth date and no problem said", index);
        }
        if after {
            prop_assert!(got.is_empty() && problems > 0, "dose {} after the assessment date: {:?}", index, got);
        }
    }

    for forecast in &assessment.forecasts {
        if let (Some(earliest), Some(recommended)) = (forecast.earliest, forecast.recommended) {
            prop_assert!(earliest <= recommended, "{:?}", forecast);
        }
        if let (Some(earliest), Some(past_due)) = (forecast.earliest, forecast.past_due) {
            prop_assert!(earliest <= past_due, "{:?}", forecast);
        }
        if forecast.status != SeriesStatus::NotComplete {
            prop_assert_eq!((forecast.dose_number, forecast.earliest, forecast.recommended), (None, None, None));
        }
        for antigen in &forecast.antigens {
            if let (Some(earliest), Some(recommended)) = (antigen.earliest, antigen.recommended) {
                prop_assert!(earliest <= recommended, "{}: {:?}", forecast.vaccine_group, antigen);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_patient_is_assessed_whole((patient, assessed_on) in patients()) {
        let assessment = assess(&patient, assessed_on);
        check(&patient, assessed_on, &assessment)?;
    }
}
