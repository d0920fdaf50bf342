//! The answers a copy carries that the desk computes from the copy itself: CDC's CDSi evaluation
//! of its doses, what is due next, and Minnesota school status. Each is computed from the copy's
//! own record (after held and hidden doses), so it can reveal nothing the copy withholds; the
//! redaction policy (`computed_answers`) says which of them a recipient gets.

use recdesk_cdsi::{Assessment, Date, DoseEvaluation, Reason, RecordPatient, Status};
use recdesk_codes::VaccineGroup;
use recdesk_record::Record;
use recdesk_redact::{ComputedAnswers, Recipient, WithheldDoses};
use recdesk_school::{Grade, SchoolStatus, StatusInput};

use crate::Labels;

/// What staff asked of the school status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StatusRequest {
    /// The grade or child care; None: the one the child's age suggests (school copy only).
    pub grade: Option<Grade>,
    /// Staff confirmed the record is the child's full history (from MIIC or the clinic's chart).
    pub full_history: bool,
}

/// One record's computed answers.
pub(crate) struct RecordAnswers {
    pub allowed: ComputedAnswers,
    pub on: Date,
    pub read: RecordPatient,
    pub assessment: Assessment,
    /// For each of the record's immunizations, the engine's doses read from it (`read`'s order).
    pub doses_of_immunization: Vec<Vec<usize>>,
    /// CDC vaccine groups a dose held back from this copy carries.
    pub not_stated: Vec<String>,
    /// None: no status asked; Err: why it cannot be stated.
    pub school: Option<Result<SchoolStatus, String>>,
    pub full_history: bool,
}

/// CDC's name for a vaccine group the report shows (None: no CDSi group, e.g. travel vaccines).
pub(crate) fn cdsi_group(group: VaccineGroup) -> Option<&'static str> {
    Some(match group {
        VaccineGroup::DtapTdapTd => "DTaP/Tdap/Td",
        VaccineGroup::Polio => "Polio",
        VaccineGroup::Mmr => "MMR",
        VaccineGroup::HepatitisB => "HepB",
        VaccineGroup::Varicella => "Varicella",
        VaccineGroup::Hib => "Hib",
        VaccineGroup::Pneumococcal => "Pneumococcal",
        VaccineGroup::HepatitisA => "HepA",
        VaccineGroup::Hpv => "HPV",
        VaccineGroup::MenAcwy => "Meningococcal",
        VaccineGroup::MenB => "Meningococcal B",
        VaccineGroup::Influenza => "Influenza",
        VaccineGroup::Covid19 => "COVID-19",
        VaccineGroup::Rsv => "RSV",
        VaccineGroup::Rotavirus => "Rotavirus",
        VaccineGroup::Zoster => "Zoster",
        VaccineGroup::Other | VaccineGroup::NoVaccine => return None,
    })
}

/// The answers `allowed` lets a copy of `record` carry, as of `on`.
pub(crate) fn record_answers(
    record: &Record,
    withheld: Option<&WithheldDoses>,
    recipient: Recipient,
    allowed: ComputedAnswers,
    request: StatusRequest,
    on: Date,
) -> Option<RecordAnswers> {
    if !allowed.dose_validity && !allowed.school_status {
        return None;
    }
    let schedule = recdesk_cdsi::schedule();
    let read = recdesk_cdsi::patient_from_record(record, schedule);
    let assessment = recdesk_cdsi::assess(&read.patient, on);
    // Every vaccine a held or hidden dose carries. A dose of a group the desk cannot name (Other),
    // or a copy that does not say what it lacks, could be of any group: nothing is stated then.
    let every_group = || schedule.vaccine_groups.iter().map(|g| g.name.clone()).collect::<Vec<_>>();
    let not_stated: Vec<String> = match withheld {
        None => every_group(),
        Some(w) if w.groups.contains(&VaccineGroup::Other) => every_group(),
        Some(w) => cdsi_groups(w.groups.iter().copied(), w.cvx.iter().map(String::as_str)),
    };
    // A school's copy gets a status for the grade the age suggests; not an adult's (a college's
    // requirements are other ones) unless staff pick a grade.
    let adult = read.patient.birth_date.is_some_and(|birth| Grade::for_age(birth, on).is_none());
    let wants_status = request.grade.is_some() || (recipient == Recipient::School && !adult);
    let school = (allowed.school_status && wants_status).then(|| {
        let birth_date = read.patient.birth_date.ok_or("the copy holds no full birth date")?;
        school_status(record, &read, &assessment, birth_date, &not_stated, request.grade, on)
    });
    let mut doses_of_immunization = vec![Vec::new(); record.immunizations.len()];
    for (dose, &immunization) in read.immunization_of_dose.iter().enumerate() {
        if let Some(doses) = doses_of_immunization.get_mut(immunization) {
            doses.push(dose);
        }
    }
    Some(RecordAnswers {
        allowed,
        on,
        read,
        assessment,
        doses_of_immunization,
        not_stated,
        school,
        full_history: request.full_history,
    })
}

/// The CDC vaccine groups of some doses, from their display groups and their CVX codes: by the
/// display table and by CDC's own map (a Hib-MenCY dose counts for meningococcal too).
fn cdsi_groups<'a>(
    groups: impl IntoIterator<Item = VaccineGroup>,
    cvx: impl IntoIterator<Item = &'a str>,
) -> Vec<String> {
    let schedule = recdesk_cdsi::schedule();
    let mut names: Vec<String> = groups.into_iter().filter_map(cdsi_group).map(str::to_owned).collect();
    names.extend(
        cvx.into_iter()
            .flat_map(|cvx| schedule.antigens_of(cvx.trim()))
            .filter_map(|antigen| schedule.group_of(antigen))
            .map(str::to_owned),
    );
    names.sort();
    names.dedup();
    names
}

/// Minnesota's status for `grade` (None: the grade the child's age suggests) of the child whose
/// `record` CDC's engine read (`read`, `assessed`) as of `on`, born on `birth_date`. Vaccines in
/// `not_stated`, and those of a dose the engine could not evaluate (no full date), are not stated.
/// The one place both the copies and `recdesk evaluate` get a status from.
pub fn school_status(
    record: &Record,
    read: &RecordPatient,
    assessment: &Assessment,
    birth_date: Date,
    not_stated: &[String],
    grade: Option<Grade>,
    on: Date,
) -> Result<SchoolStatus, String> {
    let requirements = recdesk_school::minnesota().as_ref().map_err(Clone::clone)?;
    let undated: Vec<&recdesk_record::Immunization> = read
        .not_evaluated
        .iter()
        .filter_map(|n| record.immunizations.get(n.immunization))
        .filter(|dose| dose.status.counts_as_dose())
        .collect();
    let not_evaluated = cdsi_groups(
        undated.iter().flat_map(|dose| dose.vaccine_groups.iter().copied()),
        undated.iter().filter_map(|dose| dose.cvx.as_ref()).map(|cvx| cvx.value.as_str()),
    );
    let grade = grade
        .or_else(|| Grade::for_age(birth_date, on))
        .ok_or("no grade was chosen, and the patient is past school age")?;
    let input = StatusInput {
        birth_date,
        on,
        doses: &read.patient.doses,
        observations: &read.patient.observations,
        assessment,
        not_stated,
        not_evaluated: &not_evaluated,
    };
    recdesk_school::status(requirements, grade, &input).ok_or_else(|| format!("no requirements for {}", grade.label()))
}

impl RecordAnswers {
    /// The dose count the school status requires for `antigen` (its first row counting doses of
    /// the antigen in `group`), when the copy carries a status.
    fn required_doses(&self, antigen: &str, group: VaccineGroup) -> Option<usize> {
        let status = self.school.as_ref()?.as_ref().ok()?;
        let counted = match group {
            // The DTaP rows count diphtheria doses: tetanus and pertussis come in the same shots.
            VaccineGroup::DtapTdapTd => "Diphtheria",
            VaccineGroup::Mmr => "Measles",
            _ => antigen,
        };
        status.vaccines.iter().filter(|v| v.antigen == counted).find_map(|v| v.required_doses)
    }

    /// The Dose column for the record's immunization at `index`, shown in `group`'s table:
    /// "2 of 5", why it does not count, or why it was not evaluated.
    pub fn dose_text(&self, index: usize, group: VaccineGroup, labels: &Labels) -> Option<String> {
        let cdsi = cdsi_group(group);
        if cdsi.is_some_and(|g| self.not_stated.iter().any(|n| n == g)) {
            let english = recdesk_school::NOT_STATED_ON_THIS_COPY.to_owned();
            return Some(labels.gist(english, "school.state.not_stated", None, None));
        }
        if let Some(skipped) = self.read.not_evaluated.iter().find(|n| n.immunization == index) {
            return Some(not_evaluated(skipped.why.clone(), labels));
        }
        let doses = self.doses_of_immunization.get(index).map_or(&[][..], Vec::as_slice);
        // The evaluations are in dose order: each dose's are found by a binary search, not a scan
        // per row of a long record.
        let all = &self.assessment.evaluations;
        let evaluations: Vec<&DoseEvaluation> = doses
            .iter()
            .flat_map(|&dose| all[all.partition_point(|e| e.dose < dose)..].iter().take_while(move |e| e.dose == dose))
            .filter(|e| cdsi.is_some_and(|g| e.vaccine_group == g))
            .collect();
        if let Some(problem) = self.assessment.dose_problems.iter().find(|p| doses.contains(&p.dose)) {
            return Some(not_evaluated(problem.problem.clone(), labels));
        }
        if evaluations.is_empty() {
            let english = "not evaluated: not in CDC's schedule for this vaccine group".to_owned();
            return Some(labels.gist(english, "dose.not_evaluated", None, None));
        }
        let given = doses.first().and_then(|d| self.read.patient.doses.get(*d)).map(|d| d.date);
        let mut texts: Vec<(String, String)> = evaluations
            .iter()
            .map(|e| (e.antigen.clone(), evaluation_text(e, given, self.required_doses(&e.antigen, group), labels)))
            .collect();
        texts.dedup_by(|a, b| a.1 == b.1);
        if let [(_, only)] = texts.as_slice() {
            return Some(only.clone());
        }
        // Each antigen on a line of its own when a translation follows each (so each translation
        // stays with its antigen), else on one line.
        let separator = if labels.translation.is_some() { "\n" } else { "; " };
        Some(
            texts
                .iter()
                .map(|(antigen, text)| format!("{}: {text}", antigen.to_lowercase()))
                .collect::<Vec<_>>()
                .join(separator),
        )
    }
}

/// Why a dose was not evaluated, with "not evaluated" translated when the English says so (a
/// dose given before birth, say, is a problem of another kind: its English stands alone).
fn not_evaluated(english: String, labels: &Labels) -> String {
    if english.starts_with("not evaluated") { labels.gist(english, "dose.not_evaluated", None, None) } else { english }
}

/// One antigen's evaluation in words: "dose 2", "2 of 5" when the school requires 5, "not valid:
/// given 10 days before the minimum age". CDC's series length is not used for "of": a DTaP series
/// runs on through adult boosters, which is not what a reader means by it.
/// With a second language, the gist follows in it ("2 of 5 / 2 de 5"); the reasons stay English.
fn evaluation_text(
    evaluation: &DoseEvaluation,
    given: Option<Date>,
    required: Option<usize>,
    labels: &Labels,
) -> String {
    match evaluation.status {
        Status::Valid => match (evaluation.dose_number, required) {
            (Some(n), Some(of)) if n <= of => labels.gist(format!("{n} of {of}"), "dose.of", Some(n), Some(of)),
            (Some(n), _) => labels.gist(format!("dose {n}"), "dose.numbered", Some(n), None),
            (None, _) => labels.gist("valid".to_owned(), "dose.valid", None, None),
        },
        Status::SubStandard => labels.gist(
            "does not count: a partial dose or an expired lot".to_owned(),
            "dose.does_not_count",
            None,
            None,
        ),
        Status::Extraneous if evaluation.reasons.contains(&Reason::TooOld) => {
            labels.gist("extra: given past the maximum age".to_owned(), "dose.extra", None, None)
        }
        Status::Extraneous => {
            labels.gist("extra: the series was already complete".to_owned(), "dose.extra", None, None)
        }
        Status::NotValid => {
            let reasons = &evaluation.reasons;
            let early = evaluation.counts_from.zip(given).map(|(from, given)| from.day_number() - given.day_number());
            let mut why = Vec::new();
            match (reasons.contains(&Reason::TooYoung), reasons.contains(&Reason::TooSoon), early) {
                (true, false, Some(days)) if days > 0 => {
                    why.push(format!("given {} before the minimum age", days_words(days)))
                }
                (false, true, Some(days)) if days > 0 => {
                    why.push(format!("given {} before the minimum interval after the previous dose", days_words(days)))
                }
                (true, true, Some(days)) if days > 0 => {
                    why.push(format!("given {} before the minimum age and interval", days_words(days)))
                }
                (young, soon, _) => {
                    if young {
                        why.push("given before the minimum age".to_owned());
                    }
                    if soon {
                        why.push("given too soon after the previous dose".to_owned());
                    }
                }
            }
            if reasons.contains(&Reason::LiveVirusConflict) {
                why.push("given within 28 days of another live vaccine".to_owned());
            }
            if reasons.contains(&Reason::InadvertentVaccine) {
                why.push("a vaccine not meant for this dose".to_owned());
            }
            if reasons.contains(&Reason::NotPreferableOrAllowable) && why.is_empty() {
                why.push("not a vaccine CDC's schedule allows for this dose at this age".to_owned());
            }
            labels.gist(format!("not valid: {}", why.join("; ")), "dose.not_valid", None, None)
        }
    }
}

fn days_words(days: i64) -> String {
    if days == 1 { "1 day".to_owned() } else { format!("{days} days") }
}
