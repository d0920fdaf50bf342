//! `recdesk evaluate`: every dose of every record judged by CDC's CDSi logic and every vaccine
//! group forecast, as of a date. The engine (recdesk-cdsi) decides; this prints.

use std::fmt::Write as _;

use recdesk_cdsi::{Assessment, Date, NotEvaluated, RecordPatient, SeriesStatus};
use recdesk_record::Record;
use recdesk_school::Grade;
use serde::Serialize;

/// One record's answers, with the record's own dose numbering.
#[derive(Serialize)]
pub struct RecordAssessment {
    /// 1-based, in input order.
    pub record: usize,
    pub birth_date: Option<Date>,
    pub evaluations: Vec<Evaluation>,
    pub forecasts: Vec<recdesk_cdsi::GroupForecast>,
    pub not_evaluated: Vec<NotEvaluated>,
    pub problems: Vec<String>,
    /// With --grade: Minnesota school status from every dose in the record...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub school: Option<recdesk_school::SchoolStatus>,
    /// ...or why it cannot be stated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub school_not_stated: Option<String>,
}

#[derive(Serialize)]
pub struct Evaluation {
    /// The immunization's place in the record (0-based, as `inspect --json` lists them).
    pub immunization: usize,
    pub date: Date,
    pub cvx: String,
    #[serde(flatten)]
    pub evaluation: recdesk_cdsi::DoseEvaluation,
}

#[derive(Serialize)]
pub struct Output {
    pub assessed_on: Date,
    pub source: String,
    pub records: Vec<RecordAssessment>,
}

/// Today in UTC (the command line knows no time zone).
pub fn today() -> Date {
    let unix_days = crate::clock::system_unix_seconds().div_euclid(86_400);
    let epoch = Date::new(1970, 1, 1).map_or(0, Date::day_number);
    Date::from_day_number(epoch + unix_days)
}

/// `--on YYYY-MM-DD`.
pub fn parse_on(text: &str) -> Result<Date, String> {
    Date::parse_iso(text).ok_or(format!("--on takes a date as YYYY-MM-DD, not `{text}`"))
}

/// `--grade child-care|K|1..12`.
pub fn parse_grade(text: &str) -> Result<Grade, String> {
    Grade::parse(text).ok_or(format!("--grade takes child-care, K or 1 to 12, not `{text}`"))
}

pub fn assess_records(records: &[Record], on: Date, grade: Option<Grade>) -> Output {
    let schedule = recdesk_cdsi::schedule();
    let records = records
        .iter()
        .enumerate()
        .map(|(index, record)| {
            let read = recdesk_cdsi::patient_from_record(record, schedule);
            let assessment = recdesk_cdsi::assess(&read.patient, on);
            // From every dose the record holds (`evaluate` is for staff: nothing is withheld).
            let school = grade.map(|grade| {
                let birth_date = read.patient.birth_date.ok_or("the record holds no full birth date")?;
                recdesk_report::school_status(record, &read, &assessment, birth_date, &[], Some(grade), on)
            });
            let RecordPatient { patient, immunization_of_dose, not_evaluated } = read;
            let (school, school_not_stated) = match school {
                None => (None, None),
                Some(Ok(status)) => (Some(status), None),
                Some(Err(why)) => (None, Some(why)),
            };
            let Assessment { evaluations, forecasts, problems, dose_problems, .. } = assessment;
            let mut not_evaluated = not_evaluated;
            not_evaluated.extend(
                dose_problems
                    .into_iter()
                    .map(|p| NotEvaluated { immunization: immunization_of_dose[p.dose], why: p.problem }),
            );
            not_evaluated.sort_by_key(|n| n.immunization);
            let evaluations = evaluations
                .into_iter()
                .map(|evaluation| {
                    let dose = &patient.doses[evaluation.dose];
                    Evaluation {
                        immunization: immunization_of_dose[evaluation.dose],
                        date: dose.date,
                        cvx: dose.cvx.clone(),
                        evaluation,
                    }
                })
                .collect();
            RecordAssessment {
                record: index + 1,
                birth_date: patient.birth_date,
                evaluations,
                forecasts,
                not_evaluated,
                problems,
                school,
                school_not_stated,
            }
        })
        .collect();
    Output { assessed_on: on, source: schedule.source(), records }
}

pub fn render(input: &str, records: &[Record], output: &Output) -> String {
    let mut text = String::new();
    let _ = writeln!(text, "{input}: assessed on {} ({})", output.assessed_on, output.source);
    for assessment in &output.records {
        let record = &records[assessment.record - 1];
        let born = assessment.birth_date.map_or("birth date not known".to_owned(), |d| format!("born {d}"));
        let _ = writeln!(text, "\nRecord {}: {born}", assessment.record);
        for problem in &assessment.problems {
            let _ = writeln!(text, "  ! {problem}");
        }
        let _ = writeln!(text, "  Doses");
        for (index, immunization) in record.immunizations.iter().enumerate() {
            let date = immunization.date.as_ref().map_or("no date".to_owned(), |d| d.value.to_string());
            let _ = writeln!(text, "    {:>2}. {date}  {}", index + 1, immunization.vaccine);
            for evaluation in assessment.evaluations.iter().filter(|e| e.immunization == index) {
                let e = &evaluation.evaluation;
                let number = e.dose_number.map_or(String::new(), |n| format!(" dose {n}"));
                let reasons: Vec<&str> = e.reasons.iter().map(|r| r.cdc_text()).collect();
                let why = if reasons.is_empty() { String::new() } else { format!(": {}", reasons.join("; ")) };
                let _ =
                    writeln!(text, "          {:<14} {}{why}{number}  ({})", e.antigen, e.status.cdc_text(), e.series);
            }
            for skipped in assessment.not_evaluated.iter().filter(|n| n.immunization == index) {
                let _ = writeln!(text, "          {}", skipped.why);
            }
        }
        let _ = writeln!(text, "  Forecast");
        for forecast in &assessment.forecasts {
            let mut line = format!("    {:<16} {}", forecast.vaccine_group, forecast.status.cdc_text());
            if forecast.status == SeriesStatus::NotComplete {
                let show = |d: Option<Date>| d.map_or("-".to_owned(), |d| d.to_string());
                let _ = write!(
                    line,
                    ": dose {} earliest {} recommended {} past due {}",
                    forecast.dose_number.map_or("-".to_owned(), |n| n.to_string()),
                    show(forecast.earliest),
                    show(forecast.recommended),
                    show(forecast.past_due)
                );
            } else if let Some(reason) = &forecast.reason {
                let _ = write!(line, " ({reason})");
            }
            let _ = writeln!(text, "{line}");
        }
        if let Some(why) = &assessment.school_not_stated {
            let _ = writeln!(text, "  Minnesota school status: not stated: {why}");
        }
        match &assessment.school {
            None => {}
            Some(status) => {
                let _ = writeln!(
                    text,
                    "  Minnesota school status, {}: {} (based on the doses in this record only)",
                    status.level_name(),
                    status.overall.text()
                );
                for vaccine in &status.vaccines {
                    let doses: Vec<String> = vaccine.doses.iter().map(ToString::to_string).collect();
                    let doses = if doses.is_empty() { "no dose counted".to_owned() } else { doses.join(", ") };
                    let _ = writeln!(
                        text,
                        "    {:<12} {}: {doses}",
                        vaccine.vaccine,
                        vaccine.state.text(output.assessed_on)
                    );
                }
                let _ = writeln!(text, "    ({})", status.requirements);
            }
        }
    }
    text
}
