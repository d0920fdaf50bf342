//! The whole assessment of one patient: every antigen's relevant series evaluated and forecast,
//! the best series of each series group chosen, and one forecast per vaccine group (the logic
//! specification's chapters 4 to 9).

use serde::Serialize;

use crate::Schedule;
use crate::antigen::{AntigenData, Gender, SeriesType};
use crate::date::Date;
use crate::patient::{AdministeredDose, Patient, Reason, SeriesStatus, Status};
use crate::select::best_series;
use crate::series::{AntigenDose, Context, PatientSeries, SeriesForecast};

/// Every dose's evaluation and every vaccine group's forecast, on one assessment date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Assessment {
    pub assessed_on: Date,
    /// "schedule: CDC CDSi 4.64, November 2025".
    pub source: String,
    /// One per dose and antigen the dose counts toward, by dose then CDC's antigen order.
    pub evaluations: Vec<DoseEvaluation>,
    /// One per vaccine group with a series that applies to the patient.
    pub forecasts: Vec<GroupForecast>,
    /// What stops the whole assessment ("no birth date").
    pub problems: Vec<String>,
    /// Doses the engine could not use as given, and why (a CVX code CDC does not map).
    pub dose_problems: Vec<DoseProblem>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DoseProblem {
    /// The dose's place in the patient's doses as given (0-based).
    pub dose: usize,
    pub problem: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DoseEvaluation {
    /// The dose's place in the patient's doses as given (0-based).
    pub dose: usize,
    pub antigen: String,
    pub vaccine_group: String,
    /// The patient series that judged it: the best one of its group.
    pub series: String,
    /// The target dose a valid dose satisfied (1-based).
    pub dose_number: Option<usize>,
    /// How many doses that series has (its recurring doses aside): a dose is "2 of 5".
    pub series_doses: usize,
    pub status: Status,
    /// Every reason a dose that does not count fails (empty for a valid dose).
    pub reasons: Vec<Reason>,
    /// For a dose given too young or too soon: the first date it would have counted (minimum age
    /// and intervals, without the grace).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counts_from: Option<Date>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GroupForecast {
    pub vaccine_group: String,
    pub status: SeriesStatus,
    /// The dose due next (1-based), when one is.
    pub dose_number: Option<usize>,
    pub earliest: Option<Date>,
    pub recommended: Option<Date>,
    pub past_due: Option<Date>,
    pub latest: Option<Date>,
    pub reason: Option<String>,
    /// Each antigen's own forecast, from its best series.
    pub antigens: Vec<AntigenForecast>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AntigenForecast {
    pub antigen: String,
    pub series: String,
    pub status: SeriesStatus,
    pub dose_number: Option<usize>,
    pub earliest: Option<Date>,
    pub recommended: Option<Date>,
    pub past_due: Option<Date>,
}

/// One antigen's answer: its best series' evaluation and forecast.
struct AntigenResult {
    antigen: String,
    vaccine_group: String,
    series: String,
    series_doses: usize,
    outcomes: Vec<(usize, Option<crate::series::Outcome>)>,
    forecast: SeriesForecast,
    /// The latest date a dose toward the antigen was given (sub-standard doses aside).
    latest_dose: Option<Date>,
}

/// Assesses `patient` on `assessed_on` against CDC's schedule and antigen data.
pub fn assess(patient: &Patient, assessed_on: Date, schedule: &Schedule, antigens: &[AntigenData]) -> Assessment {
    let mut assessment = Assessment {
        assessed_on,
        source: schedule.source(),
        evaluations: Vec::new(),
        forecasts: Vec::new(),
        problems: Vec::new(),
        dose_problems: Vec::new(),
    };
    let Some(birth) = patient.birth_date else {
        assessment.problems.push("no birth date: no dose can be evaluated".to_owned());
        return assessment;
    };
    // Doses in date order; ties keep the order given.
    let mut order: Vec<usize> = (0..patient.doses.len()).collect();
    order.sort_by_key(|&i| patient.doses[i].date);
    let sorted: Vec<AdministeredDose> = order.iter().map(|&i| patient.doses[i].clone()).collect();
    // Each dose's entry in CDC's CVX map, looked up once.
    let entries: Vec<Option<&crate::CvxAntigens>> =
        sorted.iter().map(|dose| schedule.cvx.iter().find(|m| m.cvx == dose.cvx)).collect();
    for (position, &index) in order.iter().enumerate() {
        let dose = &sorted[position];
        let mut problem = |problem: String| assessment.dose_problems.push(DoseProblem { dose: index, problem });
        if dose.date < birth {
            problem(format!("given on {} before the birth date {birth}", dose.date));
        }
        if entries[position].is_none() {
            problem(format!("not evaluated: CVX {} is not in CDC's CVX to antigen map", dose.cvx));
        }
        if dose.date > assessed_on {
            problem(format!("not evaluated: given on {}, after the assessment date {assessed_on}", dose.date));
        }
    }
    let gender = patient.gender.unwrap_or(Gender::Unknown);
    let mut results: Vec<AntigenResult> = Vec::new();
    for antigen in antigens {
        let doses: Vec<AntigenDose> = sorted
            .iter()
            .enumerate()
            // A dose dated after the assessment is not part of the history as of that date.
            .filter(|(position, dose)| {
                dose.date <= assessed_on
                    && entries[*position].is_some_and(|entry| counts_toward(entry, &antigen.antigen, birth, dose.date))
            })
            .map(|(position, dose)| AntigenDose { patient_index: order[position], dose })
            .collect();
        if let Some(result) = assess_antigen(antigen, &doses, birth, assessed_on, gender, patient, &sorted, schedule) {
            results.push(result);
        }
    }
    for result in &results {
        for (patient_index, outcome) in &result.outcomes {
            if let Some(outcome) = outcome {
                assessment.evaluations.push(DoseEvaluation {
                    dose: *patient_index,
                    antigen: result.antigen.clone(),
                    vaccine_group: result.vaccine_group.clone(),
                    series: result.series.clone(),
                    dose_number: outcome.target.map(|t| t + 1),
                    series_doses: result.series_doses,
                    status: outcome.status,
                    reasons: outcome.reasons.iter().collect(),
                    counts_from: outcome.counts_from,
                });
            }
        }
    }
    assessment.evaluations.sort_by_key(|e| e.dose);
    assessment.dose_problems.sort_by_key(|p| p.dose);
    for group in &schedule.vaccine_groups {
        let members: Vec<&AntigenResult> = results.iter().filter(|r| r.vaccine_group == group.name).collect();
        if let Some(forecast) = group_forecast(&group.name, group.administer_full_group, &members) {
            assessment.forecasts.push(forecast);
        }
    }
    assessment
}

/// Whether a dose of `cvx` given on `date` counts toward `antigen` (CDC's map, with its ages).
fn counts_toward(entry: &crate::CvxAntigens, antigen: &str, birth: Date, date: Date) -> bool {
    entry.associations.iter().any(|a| {
        a.antigen == antigen
            && date >= birth.plus_or(a.begin_age.as_ref(), Date::EARLIEST)
            && date < birth.plus_or(a.end_age.as_ref(), Date::LATEST)
    })
}

#[allow(clippy::too_many_arguments)]
fn assess_antigen(
    antigen: &AntigenData,
    doses: &[AntigenDose],
    birth: Date,
    assessed_on: Date,
    gender: Gender,
    patient: &Patient,
    all_doses: &[AdministeredDose],
    schedule: &Schedule,
) -> Option<AntigenResult> {
    let observed = |code: &str| patient.observations.iter().any(|o| o == code);
    let relevant: Vec<&crate::antigen::Series> = antigen
        .series
        .iter()
        .filter(|s| s.genders.is_empty() || s.genders.contains(&gender))
        .filter(|s| match s.series_type {
            SeriesType::Standard | SeriesType::EvaluationOnly => true,
            SeriesType::Risk => s.indications.iter().any(|i| {
                observed(&i.observation)
                    && assessed_on >= birth.plus_or(i.begin_age.as_ref(), Date::EARLIEST)
                    && assessed_on < birth.plus_or(i.end_age.as_ref(), Date::LATEST)
            }),
        })
        .collect();
    if relevant.is_empty() {
        return None;
    }
    let mut group_names: Vec<&str> = relevant.iter().map(|s| s.series_group.as_str()).collect();
    group_names.sort();
    group_names.dedup();
    let immune = antigen.immunity.clinical_history.iter().any(|c| observed(c))
        || antigen.immunity.born_before.is_some_and(|before| {
            birth < before && !antigen.immunity.birth_date_exclusions.iter().any(|c| observed(c))
        });
    let contraindicated = antigen.group_contraindications.iter().any(|c| {
        observed(&c.observation)
            && assessed_on >= birth.plus_or(c.begin_age.as_ref(), Date::EARLIEST)
            && assessed_on < birth.plus_or(c.end_age.as_ref(), Date::LATEST)
    });
    let mut completed_groups: Vec<String> = Vec::new();
    let mut bests: Vec<(PatientSeries, &str)> = Vec::new();
    for group in &group_names {
        let cx = Context {
            birth,
            assessment: assessed_on,
            all_doses,
            live_virus_conflicts: &schedule.live_virus_conflicts,
            completed_groups: &completed_groups,
        };
        let mut members: Vec<PatientSeries> =
            relevant.iter().filter(|s| s.series_group == *group).map(|s| PatientSeries::new(s, doses)).collect();
        for series in &mut members {
            series.evaluate(&cx);
            series.forecast(&cx);
        }
        let best = best_series(&members, birth);
        let chosen = members.swap_remove(best);
        if chosen.status() == SeriesStatus::Complete {
            completed_groups.push((*group).to_owned());
        }
        // An evaluation-only series (Twinrix's tertiary HepA series) answers only once complete.
        if chosen.series.series_type == SeriesType::EvaluationOnly && chosen.status() != SeriesStatus::Complete {
            continue;
        }
        bests.push((chosen, group));
    }
    // Across series groups: a group whose series is under way or due soonest answers for the antigen.
    let pick = bests
        .iter()
        .enumerate()
        .min_by_key(|(_, (s, _))| {
            let f = s.forecast.as_ref();
            let rank = match s.status() {
                SeriesStatus::NotComplete if s.valid_count() > 0 => 0,
                SeriesStatus::Complete => 1,
                SeriesStatus::NotComplete => 2,
                _ => 3,
            };
            (rank, f.and_then(|f| f.earliest).unwrap_or(Date::LATEST))
        })
        .map(|(i, _)| i)
        .unwrap_or(0);
    if bests.is_empty() {
        return None;
    }
    let (chosen, _) = bests.swap_remove(pick);
    let forecast = if immune {
        SeriesForecast::no_dose(SeriesStatus::Immune, "evidence of immunity")
    } else if contraindicated {
        SeriesForecast::no_dose(SeriesStatus::Contraindicated, "a contraindication")
    } else {
        // Every series was forecast above; a series without one has nothing due to say.
        chosen.forecast.clone().unwrap_or(SeriesForecast::no_dose(SeriesStatus::NotComplete, "not forecast"))
    };
    Some(AntigenResult {
        antigen: antigen.antigen.clone(),
        vaccine_group: antigen.vaccine_group.clone(),
        series: chosen.series.name.clone(),
        series_doses: chosen.series.doses.iter().filter(|d| !d.recurring).count(),
        outcomes: doses.iter().map(|d| d.patient_index).zip(chosen.outcomes.iter().copied()).collect(),
        forecast,
        latest_dose: doses.iter().filter(|d| !d.dose.substandard).map(|d| d.dose.date).max(),
    })
}

/// One forecast for a vaccine group from its antigens' (chapter 9): a dose is due when any antigen
/// needs one.
fn group_forecast(name: &str, administer_full_group: bool, members: &[&AntigenResult]) -> Option<GroupForecast> {
    if members.is_empty() {
        return None;
    }
    let antigens = members
        .iter()
        .map(|m| AntigenForecast {
            antigen: m.antigen.clone(),
            series: m.series.clone(),
            status: m.forecast.status,
            dose_number: m.forecast.dose_number,
            earliest: m.forecast.earliest,
            recommended: m.forecast.recommended,
            past_due: m.forecast.past_due,
        })
        .collect();
    let due: Vec<&SeriesForecast> = members
        .iter()
        .map(|m| &m.forecast)
        .filter(|f| f.status == SeriesStatus::NotComplete && f.earliest.is_some())
        .collect();
    // A group given whole (MMR) is due as its most behind antigen is: fewest doses, then soonest.
    // Otherwise (DTaP/Tdap/Td) the soonest antigen's dates stand, numbered by the antigen with the
    // most doses (a Td counts for diphtheria and tetanus, not pertussis).
    let chosen = if administer_full_group {
        due.iter().min_by_key(|f| (f.dose_number, f.earliest))
    } else {
        due.iter().min_by_key(|f| f.earliest)
    };
    if let Some(forecast) = chosen {
        // No dose of the group is due before the group's latest dose: a DT given today leaves
        // pertussis due from today, not from the date pertussis alone would allow.
        let latest_dose = members.iter().filter_map(|m| m.latest_dose).max();
        let earliest = forecast.earliest.max(latest_dose);
        let dose_number =
            if administer_full_group { forecast.dose_number } else { due.iter().filter_map(|f| f.dose_number).max() };
        return Some(GroupForecast {
            vaccine_group: name.to_owned(),
            status: SeriesStatus::NotComplete,
            dose_number,
            earliest,
            recommended: forecast.recommended.max(earliest),
            past_due: forecast.past_due.map(|d| d.max(earliest.unwrap_or(d))),
            latest: forecast.latest,
            reason: None,
            antigens,
        });
    }
    // Nothing due: the group's status is the most telling of its antigens'.
    let rank = |s: SeriesStatus| match s {
        SeriesStatus::NotComplete => 0,
        SeriesStatus::Contraindicated => 1,
        SeriesStatus::AgedOut => 2,
        SeriesStatus::NotRecommended => 3,
        SeriesStatus::Complete => 4,
        SeriesStatus::Immune => 5,
    };
    let forecast = &members.iter().min_by_key(|m| rank(m.forecast.status))?.forecast;
    Some(GroupForecast {
        vaccine_group: name.to_owned(),
        status: forecast.status,
        dose_number: None,
        earliest: None,
        recommended: None,
        past_due: None,
        latest: None,
        reason: forecast.reason.map(str::to_owned),
        antigens,
    })
}
