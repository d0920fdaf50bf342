//! CDC's healthy childhood and adult test cases (version 4.45, matched to supporting data 4.64):
//! every case is run and each dose's evaluation (status and reason) and the vaccine group's
//! forecast (series status, dose number, earliest, recommended and past-due dates) compared.
//! The cases that differ are listed, each with why, in `cdc/differences.txt`; the test fails when
//! a case not listed differs (a regression) and when a listed case is right (take it off the list),
//! so the count can only go up. Per-group counts are printed (`cargo test -p recdesk-cdsi
//! --test cdc_cases -- --nocapture`).

use std::collections::{BTreeMap, BTreeSet};

use recdesk_cdsi::{AdministeredDose, Assessment, Date, Gender, Patient, assess};
use serde_json::Value;

/// CDC's test-case vaccine group codes and the supporting data's group names.
fn group_name(code: &str) -> &str {
    match code {
        "DTAP" => "DTaP/Tdap/Td",
        "POL" => "Polio",
        "HIB" => "Hib",
        "PCV" => "Pneumococcal",
        "VAR" => "Varicella",
        "ROTA" => "Rotavirus",
        "MCV" => "Meningococcal",
        "MENB" => "Meningococcal B",
        "ZOSTER" => "Zoster",
        "FLU" => "Influenza",
        other => other,
    }
}

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value.get(key).and_then(Value::as_str).unwrap_or("")
}

fn date(value: &Value, key: &str) -> Option<Date> {
    value.get(key).and_then(Value::as_str).and_then(Date::parse_iso)
}

fn show(date: Option<Date>) -> String {
    date.map_or("-".to_owned(), |d| d.to_string())
}

/// What differs between CDC's expectation and the engine's answer for one case (empty: right).
fn differences(case: &Value, assessment: &Assessment) -> Vec<String> {
    let group = group_name(text(case, "vaccine_group"));
    let mut found = Vec::new();
    for (index, dose) in case["doses"].as_array().into_iter().flatten().enumerate() {
        let mut ours: Vec<_> =
            assessment.evaluations.iter().filter(|e| e.dose == index && e.vaccine_group == group).collect();
        if ours.is_empty() {
            // A dose of another group (a varicella dose in an MMR case): CDC gives its own group's evaluation.
            ours = assessment.evaluations.iter().filter(|e| e.dose == index).collect();
        }
        // One evaluation per antigen; the group's is the antigens' when they agree, else the first
        // antigen's that did not count it (CDC reports a dose not valid for the group then).
        let chosen = ours.iter().find(|e| e.status != recdesk_cdsi::Status::Valid).or(ours.first());
        let (status, reasons) = chosen.map_or(("(not evaluated)", Vec::new()), |e| {
            (e.status.cdc_text(), e.reasons.iter().map(|r| r.cdc_text()).collect::<Vec<_>>())
        });
        let reason = reasons.join(", ");
        let expected_status = text(dose, "expected_evaluation_status");
        let expected_reason = text(dose, "expected_evaluation_reason");
        // CDC names the reason a case tests; a dose that also fails another check has both.
        if status != expected_status
            || (!expected_reason.is_empty() && !reasons.iter().any(|r| r.eq_ignore_ascii_case(expected_reason)))
        {
            found.push(format!(
                "dose {} ({} on {}): {status}{} but CDC says {expected_status}{}",
                index + 1,
                text(dose, "cvx"),
                text(dose, "date"),
                if reason.is_empty() { String::new() } else { format!(" ({reason})") },
                if expected_reason.is_empty() { String::new() } else { format!(" ({expected_reason})") },
            ));
        }
    }
    let expected = &case["expected_forecast"];
    let forecast = assessment.forecasts.iter().find(|f| f.vaccine_group == group);
    let status = forecast.map_or("(no forecast)", |f| f.status.cdc_text());
    if !status.eq_ignore_ascii_case(text(expected, "series_status")) {
        found.push(format!("status {status} but CDC says {}", text(expected, "series_status")));
    }
    let dose_number = forecast.and_then(|f| f.dose_number).map_or(String::new(), |n| n.to_string());
    if dose_number != text(expected, "dose_number") {
        found.push(format!("dose number {dose_number:?} but CDC says {:?}", text(expected, "dose_number")));
    }
    for (label, ours, key) in [
        ("earliest", forecast.and_then(|f| f.earliest), "earliest_date"),
        ("recommended", forecast.and_then(|f| f.recommended), "recommended_date"),
        ("past due", forecast.and_then(|f| f.past_due), "past_due_date"),
    ] {
        if ours != date(expected, key) {
            found.push(format!("{label} {} but CDC says {}", show(ours), show(date(expected, key))));
        }
    }
    found
}

fn patient(case: &Value) -> Patient {
    Patient {
        birth_date: date(case, "birth_date"),
        gender: match text(case, "gender") {
            "F" => Some(Gender::Female),
            "M" => Some(Gender::Male),
            _ => None,
        },
        doses: case["doses"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|dose| AdministeredDose {
                date: date(dose, "date").expect("CDC's doses have dates"),
                cvx: text(dose, "cvx").to_owned(),
                mvx: Some(text(dose, "mvx").to_owned()).filter(|m| !m.is_empty()),
                substandard: false,
            })
            .collect(),
        observations: Vec::new(),
    }
}

#[test]
fn cdcs_healthy_test_cases() {
    let cases: Vec<Value> =
        serde_json::from_str(include_str!("cdc/test-cases-healthy-v4.45.json")).expect("CDC's cases read");
    assert_eq!(cases.len(), 812);
    let mut per_group: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut failing: BTreeMap<String, String> = BTreeMap::new();
    let only = std::env::var("CDSI_CASE").ok();
    for case in &cases {
        let id = text(case, "id");
        if only.as_deref().is_some_and(|o| o != id) {
            continue;
        }
        let assessed_on = date(case, "assessment_date").expect("an assessment date");
        let assessment = assess(&patient(case), assessed_on);
        if only.is_some() {
            println!("{case:#}");
            for e in &assessment.evaluations {
                println!(
                    "dose {} {} {} #{:?} {:?} {:?}",
                    e.dose + 1,
                    e.antigen,
                    e.series,
                    e.dose_number,
                    e.status,
                    e.reasons
                );
            }
            for f in &assessment.forecasts {
                println!(
                    "{} {:?} #{:?} {:?} {:?} {:?}",
                    f.vaccine_group, f.status, f.dose_number, f.earliest, f.recommended, f.past_due
                );
                for a in &f.antigens {
                    println!(
                        "    {} {} {:?} #{:?} {:?} {:?} {:?}",
                        a.antigen, a.series, a.status, a.dose_number, a.earliest, a.recommended, a.past_due
                    );
                }
            }
        }
        let found = differences(case, &assessment);
        let entry = per_group.entry(text(case, "vaccine_group").to_owned()).or_default();
        entry.1 += 1;
        if found.is_empty() {
            entry.0 += 1;
        } else {
            failing.insert(id.to_owned(), format!("{} | {}", text(case, "vaccine_group"), found.join("; ")));
        }
    }
    let right: usize = per_group.values().map(|(r, _)| r).sum();
    let total: usize = per_group.values().map(|(_, t)| t).sum();
    println!("CDC healthy cases right: {right} / {total}");
    for (group, (r, t)) in &per_group {
        println!("  {group:<9} {r:>4} / {t}");
    }
    for (id, what) in &failing {
        println!("{id} | {what}");
    }
    if only.is_some() {
        return;
    }
    let listed: BTreeSet<String> = include_str!("cdc/differences.txt")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| line.split(" | ").next().map(|id| id.trim().to_owned()))
        .collect();
    let new: Vec<&String> = failing.keys().filter(|id| !listed.contains(*id)).collect();
    let fixed: Vec<&String> = listed.iter().filter(|id| !failing.contains_key(*id)).collect();
    assert!(new.is_empty(), "cases now wrong (not in cdc/differences.txt): {new:?}");
    assert!(fixed.is_empty(), "cases now right: take them off cdc/differences.txt: {fixed:?}");
}
