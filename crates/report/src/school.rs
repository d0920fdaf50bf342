//! The computed sections of a record: Minnesota school status, laid out as MDH's immunization
//! record form is (a row per required vaccine, the dates of doses 1 to 5, the status and the next
//! dose due), and "Due next" from the copy's own forecast.

use recdesk_cdsi::SeriesStatus;
use recdesk_codes::VaccineGroup;
use recdesk_redact::ForecastScope;
use recdesk_school::State;

use crate::answers::{RecordAnswers, cdsi_group};
use crate::{Block, Column, Field, Labels, Section, Table};

/// Dose columns on MDH's form.
const DOSE_COLUMNS: usize = 5;

pub(crate) fn school_section(answers: &RecordAnswers, labels: &Labels) -> Option<Section> {
    let school = answers.school.as_ref()?;
    let heading = labels.school_status.to_string();
    let status = match school {
        Ok(status) => status,
        Err(why) => {
            let text = labels.school_not_stated.replace("{why}", why);
            return Some(Section { heading, blocks: vec![Block::Paragraph(text)] });
        }
    };
    // "not complete (based on …)", and under it the same in the second language.
    let english = Labels::ENGLISH;
    let key = crate::catalogue::overall_key(status.overall);
    let mut overall = status.overall.text().to_owned();
    let mut translated = labels.translation(&key).map(str::to_owned);
    if !answers.full_history {
        overall = format!("{overall} {}", english.based_on_this_record_only);
        translated = translated
            .zip(labels.translation("based_on_this_record_only"))
            .map(|(status, basis)| format!("{status} {basis}"));
    }
    if let Some(translated) = translated {
        overall = format!("{overall}{}{translated}", crate::TRANSLATION_BREAK);
    }
    let mut blocks = vec![Block::Fields(vec![
        Field { label: labels.school_level.to_string(), value: status.level_name() },
        Field { label: labels.school_overall.to_string(), value: overall },
    ])];
    blocks.push(Block::Paragraph(
        if answers.full_history { &*labels.full_history } else { &*labels.this_record_only }.to_owned(),
    ));
    // A date's column is as narrow as "2020-03-10" allows on A4, so the status has the most room.
    let mut columns = vec![Column { title: labels.vaccine.to_string(), weight: 1.3 }];
    columns.extend(
        (1..=DOSE_COLUMNS)
            .map(|n| Column { title: labels.dose_numbered.replace("{number}", &n.to_string()), weight: 1.25 }),
    );
    columns.push(Column { title: labels.status.to_string(), weight: 2.6 });
    columns.push(Column { title: labels.next_dose_due.to_string(), weight: 1.25 });
    let rows = status
        .vaccines
        .iter()
        .map(|vaccine| {
            let mut row = vec![vaccine.vaccine.clone()];
            let shown = vaccine.doses.len().min(DOSE_COLUMNS);
            row.extend(vaccine.doses.iter().take(shown).map(ToString::to_string));
            row.extend((shown..DOSE_COLUMNS).map(|_| String::new()));
            if vaccine.doses.len() > DOSE_COLUMNS {
                // Never drop a dose silently: the last column says how many more there are.
                let more = vaccine.doses.len() - DOSE_COLUMNS;
                row[DOSE_COLUMNS] =
                    format!("{} {}", row[DOSE_COLUMNS], labels.more_doses.replace("{count}", &more.to_string()));
            }
            row.push(labels.gist(vaccine.state.text(answers.on), state_key(&vaccine.state), None, None));
            row.push(vaccine.state.next_due().map_or_else(String::new, |d| d.to_string()));
            row
        })
        .collect();
    blocks.push(Block::Table(Table { caption: None, columns, rows }));
    for vaccine in &status.vaccines {
        if let Some(note) = &vaccine.note {
            blocks.push(Block::Paragraph(format!("{}: {note}", vaccine.vaccine)));
        }
    }
    if status.vaccines.iter().any(|v| matches!(v.state, State::ExemptionMayApply { .. })) {
        blocks.push(Block::Paragraph(labels.school_exemptions.to_string()));
    }
    blocks.push(Block::Paragraph(
        labels
            .school_sources
            .replace("{requirements}", &status.requirements)
            .replace("{schedule}", &answers.assessment.source),
    ));
    Some(Section { heading, blocks })
}

/// What is due next, from the copy's own forecast: vaccine groups not complete whose next dose
/// can be given within a year. Only on copies that may carry the whole forecast.
pub(crate) fn due_next_section(answers: &RecordAnswers, labels: &Labels) -> Option<Section> {
    if answers.allowed.forecast != ForecastScope::All {
        return None;
    }
    let horizon = answers.on.add_days(365);
    let rows: Vec<Vec<String>> = answers
        .assessment
        .forecasts
        .iter()
        .filter(|f| f.status == SeriesStatus::NotComplete && !answers.not_stated.contains(&f.vaccine_group))
        .filter(|f| f.earliest.is_some_and(|earliest| earliest <= horizon))
        .map(|f| {
            let label = VaccineGroup::DISPLAY_ORDER
                .into_iter()
                .find(|g| cdsi_group(*g) == Some(f.vaccine_group.as_str()))
                .map_or_else(|| f.vaccine_group.clone(), |g| labels.group(g));
            let date = |d: Option<recdesk_cdsi::Date>| d.map_or_else(String::new, |d| d.to_string());
            let overdue = f.past_due.is_some_and(|late| late <= answers.on);
            vec![
                label,
                f.dose_number.map_or_else(String::new, |n| n.to_string()),
                date(f.earliest),
                date(f.recommended),
                date(f.past_due),
                if overdue { labels.overdue_now.to_string() } else { String::new() },
            ]
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    let columns = crate::build::columns(&[
        (&labels.vaccine_group, 3.0),
        (&labels.dose, 1.0),
        (&labels.earliest, 1.7),
        (&labels.recommended, 1.7),
        (&labels.past_due, 1.7),
        (&labels.status, 1.5),
    ]);
    Some(Section {
        heading: labels.due_next.to_string(),
        blocks: vec![
            Block::Table(Table { caption: None, columns, rows }),
            Block::Paragraph(labels.due_next_note.replace("{schedule}", &answers.assessment.source)),
        ],
    })
}

/// The catalogue key of a vaccine's school status in brief (its details stay in English).
fn state_key(state: &State) -> &'static str {
    match state {
        State::Complete => "school.state.complete",
        State::InProcess { .. } => "school.state.in_process",
        State::NotComplete { .. } => "school.state.not_complete",
        State::ExemptionMayApply { .. } => "school.state.exemption_may_apply",
        State::NotRequired { .. } => "school.state.not_required",
        State::NotStated { .. } => "school.state.not_stated",
    }
}
