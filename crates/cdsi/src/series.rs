//! One patient series: an antigen series of CDC's supporting data followed through the patient's
//! doses of that antigen (the logic specification's chapter 6, "evaluate"), then forecast from
//! where it stands (chapter 7). The same doses go through every relevant series of the antigen;
//! the best one is chosen afterwards (`select`).

use crate::antigen::{
    AgeRule, Condition, ConditionKind, CountLogic, Interval, IntervalFrom, Series, SeriesDose, SkipContext, SkipSet,
};
use crate::date::Date;
use crate::patient::{AdministeredDose, Reason, Reasons, SeriesStatus, Status};
use crate::schedule::{Duration, LiveVirusConflict};

/// A dose of the antigen: one of the patient's doses whose vaccine counts toward it.
#[derive(Clone, Debug)]
pub(crate) struct AntigenDose<'a> {
    /// Its place among the patient's doses.
    pub patient_index: usize,
    pub dose: &'a AdministeredDose,
}

/// What the patient's record says beyond one antigen's doses.
pub(crate) struct Context<'a> {
    pub birth: Date,
    pub assessment: Date,
    /// Every dose the patient was given, by date (live-virus spacing and "most recent" intervals
    /// look across antigens).
    pub all_doses: &'a [AdministeredDose],
    pub live_virus_conflicts: &'a [LiveVirusConflict],
    /// Series groups of this antigen with a complete series (for "Completed Series" skips).
    pub completed_groups: &'a [String],
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Outcome {
    pub status: Status,
    pub reasons: Reasons,
    /// The target dose (0-based) a valid dose satisfied.
    pub target: Option<usize>,
    /// For a dose given too young or too soon: the first date it would have met the minimum age
    /// and intervals (without the 4-day grace), so a reader can be told how early it was.
    pub counts_from: Option<Date>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    NotSatisfied,
    /// By the antigen dose at this position.
    Satisfied(usize),
    Skipped,
}

/// A forecast of a patient series: status and, when another dose is due, its dates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SeriesForecast {
    pub status: SeriesStatus,
    /// The target dose due next (0-based).
    pub target: Option<usize>,
    /// The dose due next as CDC numbers it (`PatientSeries::dose_number`).
    pub dose_number: Option<usize>,
    pub earliest: Option<Date>,
    pub recommended: Option<Date>,
    pub past_due: Option<Date>,
    pub latest: Option<Date>,
    /// Why, when no dose is due.
    pub reason: Option<&'static str>,
}

impl SeriesForecast {
    /// A forecast with no dose due: complete, aged out, immune and the like, and why.
    pub fn no_dose(status: SeriesStatus, reason: &'static str) -> SeriesForecast {
        SeriesForecast {
            status,
            target: None,
            dose_number: None,
            earliest: None,
            recommended: None,
            past_due: None,
            latest: None,
            reason: Some(reason),
        }
    }
}

pub(crate) struct PatientSeries<'a> {
    pub series: &'a Series,
    pub doses: &'a [AntigenDose<'a>],
    pub outcomes: Vec<Option<Outcome>>,
    pub targets: Vec<Target>,
    /// The target dose being looked for (0-based; the series length once all are met).
    pub target: usize,
    pub forecast: Option<SeriesForecast>,
}

impl<'a> PatientSeries<'a> {
    pub fn new(series: &'a Series, doses: &'a [AntigenDose<'a>]) -> PatientSeries<'a> {
        PatientSeries {
            series,
            doses,
            outcomes: vec![None; doses.len()],
            targets: vec![Target::NotSatisfied; series.doses.len()],
            target: 0,
            forecast: None,
        }
    }

    pub fn valid_count(&self) -> usize {
        self.outcomes.iter().flatten().filter(|o| o.status == Status::Valid).count()
    }

    pub fn first_valid_date(&self) -> Option<Date> {
        self.outcomes
            .iter()
            .zip(self.doses)
            .find(|(o, _)| o.is_some_and(|o| o.status == Status::Valid))
            .map(|(_, d)| d.dose.date)
    }

    pub fn status(&self) -> SeriesStatus {
        self.forecast.as_ref().map_or(SeriesStatus::NotComplete, |f| f.status)
    }

    /// Chapter 6: each dose in date order against the target dose it could satisfy.
    pub fn evaluate(&mut self, cx: &Context) {
        for position in 0..self.doses.len() {
            let dose = self.doses[position].dose;
            if dose.substandard {
                self.outcomes[position] = Some(Outcome {
                    status: Status::SubStandard,
                    reasons: Reasons::of(Reason::SubStandardDose),
                    target: None,
                    counts_from: None,
                });
                continue;
            }
            loop {
                let Some(target_dose) = self.series.doses.get(self.target) else {
                    self.outcomes[position] = Some(Outcome {
                        status: Status::Extraneous,
                        reasons: Reasons::of(Reason::SeriesAlreadyComplete),
                        target: None,
                        counts_from: None,
                    });
                    break;
                };
                if !target_dose.recurring
                    && self.skips(target_dose, SkipContext::Evaluation, dose.date, Some(position), cx)
                {
                    self.targets[self.target] = Target::Skipped;
                    self.target += 1;
                    continue;
                }
                self.outcomes[position] = Some(match self.judge(position, target_dose, cx) {
                    Ok(()) => {
                        self.targets[self.target] = Target::Satisfied(position);
                        let outcome = Outcome {
                            status: Status::Valid,
                            reasons: Reasons::default(),
                            target: Some(self.target),
                            counts_from: None,
                        };
                        if !target_dose.recurring {
                            self.target += 1;
                        }
                        outcome
                    }
                    Err((status, reasons, counts_from)) => Outcome { status, reasons, target: None, counts_from },
                });
                break;
            }
        }
    }

    /// Whether the dose at `position` satisfies `target_dose`, or every reason it does not.
    fn judge(
        &self,
        position: usize,
        target_dose: &SeriesDose,
        cx: &Context,
    ) -> Result<(), (Status, Reasons, Option<Date>)> {
        let dose = self.doses[position].dose;
        if target_dose.inadvertent_vaccines.contains(&dose.cvx) {
            return Err((Status::NotValid, Reasons::of(Reason::InadvertentVaccine), None));
        }
        let mut reasons = Reasons::default();
        let mut counts_from: Option<Date> = None;
        if let Some(age) = age_rule(&target_dose.ages, dose.date) {
            // The absolute minimum age carries the 4-day grace; the minimum age does not bind here.
            if dose.date < cx.birth.plus_or(age.absolute_minimum.as_ref(), Date::EARLIEST) {
                reasons = reasons.with(Reason::TooYoung);
                let minimum = age.minimum.as_ref().or(age.absolute_minimum.as_ref());
                counts_from = minimum.map(|m| cx.birth.plus(m));
            }
            if dose.date >= cx.birth.plus_or(age.maximum.as_ref(), Date::LATEST) {
                return Err((Status::Extraneous, Reasons::of(Reason::TooOld), None));
            }
        }
        if !self.intervals_met(position, &target_dose.intervals, cx)
            && (target_dose.allowable_intervals.is_empty()
                || !self.intervals_met(position, &target_dose.allowable_intervals, cx))
        {
            reasons = reasons.with(Reason::TooSoon);
            counts_from = counts_from.max(self.intervals_minimum(position, &target_dose.intervals, cx));
        }
        if self.live_virus_conflict(position, cx) {
            reasons = reasons.with(Reason::LiveVirusConflict);
        }
        let vaccine_fits = |v: &crate::antigen::Vaccine| {
            v.cvx == dose.cvx
                && dose.date >= cx.birth.plus_or(v.begin_age.as_ref(), Date::EARLIEST)
                && dose.date < cx.birth.plus_or(v.end_age.as_ref(), Date::LATEST)
        };
        if !target_dose.preferable_vaccines.iter().any(vaccine_fits)
            && !target_dose.allowable_vaccines.iter().any(vaccine_fits)
        {
            reasons = reasons.with(Reason::NotPreferableOrAllowable);
        }
        if reasons.is_empty() { Ok(()) } else { Err((Status::NotValid, reasons, counts_from)) }
    }

    /// The first date every interval in force on the dose's date is met at its minimum (no grace).
    fn intervals_minimum(&self, position: usize, intervals: &[Interval], cx: &Context) -> Option<Date> {
        let date = self.doses[position].dose.date;
        intervals
            .iter()
            .filter(|i| in_force(i.effective, i.cessation, date))
            .filter_map(|interval| {
                let from = self.reference_date(&interval.from, Some(position), cx)?;
                let minimum = interval.minimum.as_ref().or(interval.absolute_minimum.as_ref())?;
                Some(from.plus(minimum))
            })
            .max()
    }

    /// Every interval in force on the dose's date is met at its absolute minimum (an interval whose
    /// reference dose does not exist, as before a first dose, does not apply).
    fn intervals_met(&self, position: usize, intervals: &[Interval], cx: &Context) -> bool {
        let date = self.doses[position].dose.date;
        intervals.iter().filter(|i| in_force(i.effective, i.cessation, date)).all(|interval| {
            match self.reference_date(&interval.from, Some(position), cx) {
                Some(from) => date >= from.plus_or(interval.absolute_minimum.as_ref(), from),
                None => true,
            }
        })
    }

    /// The date an interval counts from, for the dose at `position` (None: from the end of the
    /// doses evaluated, as a forecast does).
    fn reference_date(&self, from: &IntervalFrom, position: Option<usize>, cx: &Context) -> Option<Date> {
        let before = position.unwrap_or(self.doses.len());
        match from {
            IntervalFrom::Previous => self.previous_dose(before).map(|p| self.doses[p].dose.date),
            IntervalFrom::TargetDose(number) => match self.targets.get(number.checked_sub(1)?) {
                Some(Target::Satisfied(p)) => Some(self.doses[*p].dose.date),
                _ => None,
            },
            IntervalFrom::MostRecent(cvxs) => {
                let until = position.map(|p| self.doses[p].dose.date);
                cx.all_doses
                    .iter()
                    .filter(|d| until.is_none_or(|until| d.date < until) && !d.substandard && cvxs.contains(&d.cvx))
                    .map(|d| d.date)
                    .max()
            }
            // Observation dates are not recorded yet: the interval cannot be placed.
            IntervalFrom::Observation(_) => None,
        }
    }

    /// CALCDTINT-1: the latest dose before `before` that was valid or not valid, not given by mistake.
    fn previous_dose(&self, before: usize) -> Option<usize> {
        (0..before).rev().find(|&p| {
            self.outcomes[p].is_some_and(|o| {
                matches!(o.status, Status::Valid | Status::NotValid) && !o.reasons.contains(Reason::InadvertentVaccine)
            })
        })
    }

    /// Two live vaccines too close together: the later one does not count.
    fn live_virus_conflict(&self, position: usize, cx: &Context) -> bool {
        let dose = self.doses[position].dose;
        cx.live_virus_conflicts.iter().filter(|c| c.current_cvx == dose.cvx).any(|conflict| {
            cx.all_doses.iter().any(|earlier| {
                if earlier.date >= dose.date || earlier.cvx != conflict.previous_cvx || earlier.substandard {
                    return false;
                }
                // CALCDTCONFLICT-2: the grace (the minimum end) follows a valid dose, or one this
                // series did not judge; after a dose not valid the conflict runs to its full end.
                let earlier_not_valid = self
                    .doses
                    .iter()
                    .zip(&self.outcomes)
                    .any(|(d, o)| std::ptr::eq(d.dose, earlier) && o.is_some_and(|o| o.status != Status::Valid));
                let end = if earlier_not_valid { &conflict.end } else { &conflict.min_end };
                earlier.date.plus(&conflict.begin) <= dose.date && dose.date < earlier.date.plus(end)
            })
        })
    }

    /// Whether a conditional skip of `target_dose` applies, judged on `on` (a dose's date when
    /// evaluating, the assessment or earliest date when forecasting).
    fn skips(
        &self,
        target_dose: &SeriesDose,
        context: SkipContext,
        on: Date,
        position: Option<usize>,
        cx: &Context,
    ) -> bool {
        target_dose.conditional_skips.iter().any(|skip| {
            if skip.context != SkipContext::Both && skip.context != context {
                return false;
            }
            let mut sets = skip.sets.iter().map(|set| self.set_met(set, on, position, cx));
            if skip.all_sets { sets.all(|met| met) } else { sets.any(|met| met) }
        })
    }

    fn set_met(&self, set: &SkipSet, on: Date, position: Option<usize>, cx: &Context) -> bool {
        if !in_force(set.effective, set.cessation, on) || set.conditions.is_empty() {
            return false;
        }
        let mut conditions = set.conditions.iter().map(|c| self.condition_met(c, on, position, cx));
        if set.all_conditions { conditions.all(|met| met) } else { conditions.any(|met| met) }
    }

    fn condition_met(&self, condition: &Condition, on: Date, position: Option<usize>, cx: &Context) -> bool {
        let age_from = cx.birth.plus_or(condition.begin_age.as_ref(), Date::EARLIEST);
        let age_until = cx.birth.plus_or(condition.end_age.as_ref(), Date::LATEST);
        match condition.kind {
            ConditionKind::Age => on >= age_from && on < age_until,
            ConditionKind::Interval => {
                let before = position.unwrap_or(self.doses.len());
                match (self.previous_dose(before), &condition.interval) {
                    (Some(p), Some(interval)) => on >= self.doses[p].dose.date.plus(interval),
                    _ => false,
                }
            }
            ConditionKind::CompletedSeries => condition.series_groups.iter().any(|g| cx.completed_groups.contains(g)),
            ConditionKind::VaccineCountByAge
            | ConditionKind::VaccineCountByDate
            | ConditionKind::VaccineCountByDateAndAge => {
                let by_age = condition.kind != ConditionKind::VaccineCountByDate;
                let by_date = condition.kind != ConditionKind::VaccineCountByAge;
                let start = condition.start_date.unwrap_or(Date::EARLIEST);
                let end = condition.end_date.unwrap_or(Date::LATEST);
                let before = position.unwrap_or(self.doses.len());
                let count = (0..before)
                    .filter(|&p| {
                        let dose = self.doses[p].dose;
                        let counted = if condition.valid_only {
                            self.outcomes[p].is_some_and(|o| o.status == Status::Valid)
                        } else {
                            !dose.substandard
                        };
                        counted
                            && (condition.vaccine_types.is_empty() || condition.vaccine_types.contains(&dose.cvx))
                            && (!by_age || (dose.date >= age_from && dose.date < age_until))
                            && (!by_date || (dose.date >= start && dose.date <= end))
                    })
                    .count() as u32;
                match condition.count_logic {
                    CountLogic::GreaterThan => count > condition.dose_count,
                    CountLogic::EqualTo => count == condition.dose_count,
                    CountLogic::LessThan => count < condition.dose_count,
                }
            }
        }
    }

    /// Chapter 7: what is due next, as of the assessment date.
    pub fn forecast(&mut self, cx: &Context) {
        self.skip_for_forecast(cx.assessment, cx);
        let mut forecast = self.next_dose(cx);
        // A dose that is no longer needed by the earliest date it could be given is skipped too.
        while let Some(earliest) = forecast.earliest.filter(|_| forecast.status == SeriesStatus::NotComplete) {
            let before = self.target;
            self.skip_for_forecast(earliest, cx);
            if self.target == before {
                break;
            }
            forecast = self.next_dose(cx);
        }
        self.forecast = Some(forecast);
    }

    fn skip_for_forecast(&mut self, on: Date, cx: &Context) {
        while let Some(target_dose) = self.series.doses.get(self.target) {
            if let Target::Satisfied(_) = self.targets[self.target] {
                // A recurring dose already given: due again unless a skip says it is done for now.
                if target_dose.recurring && !self.skips(target_dose, SkipContext::Forecast, on, None, cx) {
                    break;
                }
                self.target += 1;
                continue;
            }
            if !self.skips(target_dose, SkipContext::Forecast, on, None, cx) {
                break;
            }
            self.targets[self.target] = Target::Skipped;
            self.target += 1;
        }
    }

    fn next_dose(&self, cx: &Context) -> SeriesForecast {
        let done = SeriesForecast::no_dose;
        let Some(target_dose) = self.series.doses.get(self.target) else {
            return if self.targets.iter().any(|t| matches!(t, Target::Satisfied(_))) {
                done(SeriesStatus::Complete, "the series is complete")
            } else {
                done(SeriesStatus::NotRecommended, "not recommended at this time due to past immunization history")
            };
        };
        if target_dose.season_end.is_some_and(|end| cx.assessment > end) {
            return done(SeriesStatus::NotRecommended, "past the seasonal recommendation end date");
        }
        let age = age_rule(&target_dose.ages, cx.assessment);
        let maximum_age_date = cx.birth.plus_or(age.and_then(|a| a.maximum.as_ref()), Date::LATEST);
        if cx.assessment >= maximum_age_date {
            return done(SeriesStatus::AgedOut, "the patient is past the maximum age");
        }
        let intervals: Vec<&Interval> =
            target_dose.intervals.iter().filter(|i| in_force(i.effective, i.cessation, cx.assessment)).collect();
        let from_interval = |duration: &dyn Fn(&Interval) -> Option<&Duration>| -> Vec<Date> {
            intervals.iter().filter_map(|i| Some(self.reference_date(&i.from, None, cx)?.plus(duration(i)?))).collect()
        };
        let mut earliest = cx.birth.plus_or(age.and_then(|a| a.minimum.as_ref()), cx.birth);
        earliest = earliest.max(from_interval(&|i| i.minimum.as_ref()).into_iter().max().unwrap_or(Date::EARLIEST));
        earliest = earliest.max(self.conflict_end(target_dose, cx));
        if let Some(start) = target_dose.season_start {
            earliest = earliest.max(start);
        }
        if let Some(last) = self.previous_dose(self.doses.len()) {
            earliest = earliest.max(self.doses[last].dose.date);
        }
        if earliest >= maximum_age_date {
            return done(SeriesStatus::AgedOut, "the patient cannot finish the series before the maximum age");
        }
        let recommended_by_age = age.and_then(|a| a.earliest_recommended.as_ref()).map(|d| cx.birth.plus(d));
        let recommended_by_interval = from_interval(&|i| i.earliest_recommended.as_ref()).into_iter().max();
        let recommended = recommended_by_age.or(recommended_by_interval).unwrap_or(earliest).max(earliest);
        let past_due_by_age = age.and_then(|a| a.latest_recommended.as_ref()).map(|d| cx.birth.plus(d).add_days(-1));
        let past_due_by_interval =
            from_interval(&|i| i.latest_recommended.as_ref()).into_iter().max().map(|d| d.add_days(-1));
        let past_due = past_due_by_age.or(past_due_by_interval).map(|d| d.max(earliest));
        SeriesForecast {
            status: SeriesStatus::NotComplete,
            target: Some(self.target),
            dose_number: Some(self.dose_number()),
            earliest: Some(earliest),
            recommended: Some(recommended),
            past_due,
            latest: (maximum_age_date != Date::LATEST).then(|| maximum_age_date.add_days(-1)),
            reason: None,
        }
    }

    /// The dose due next as CDC numbers it: the target doses satisfied so far, plus one. Skipped
    /// target doses are not counted, nor a recurring dose (a Td every ten years). In a seasonal
    /// series (a recurring dose whose skip counts the doses given since a date, as COVID-19's since
    /// August 27, 2025) only the season's valid doses count: the season's first dose is dose 1.
    fn dose_number(&self) -> usize {
        let season_start = self
            .series
            .doses
            .iter()
            .filter(|d| d.recurring)
            .flat_map(|d| &d.conditional_skips)
            .flat_map(|skip| &skip.sets)
            .flat_map(|set| &set.conditions)
            .find(|c| c.kind == ConditionKind::VaccineCountByDate)
            .and_then(|c| c.start_date);
        let satisfied = self.targets.iter().zip(&self.series.doses).filter_map(|(target, dose)| match target {
            Target::Satisfied(position) => Some((*position, dose)),
            _ => None,
        });
        let counted = match season_start {
            Some(start) => satisfied.filter(|(position, _)| self.doses[*position].dose.date >= start).count(),
            None => satisfied.filter(|(_, dose)| !dose.recurring).count(),
        };
        counted + 1
    }

    /// The end of any live-virus conflict a dose of this target's vaccines would fall in.
    fn conflict_end(&self, target_dose: &SeriesDose, cx: &Context) -> Date {
        // Most target doses are of no live vaccine: find the conflicts that could apply first.
        let conflicts: Vec<&LiveVirusConflict> = cx
            .live_virus_conflicts
            .iter()
            .filter(|c| target_dose.preferable_vaccines.iter().any(|v| v.cvx == c.current_cvx))
            .collect();
        if conflicts.is_empty() {
            return Date::EARLIEST;
        }
        cx.all_doses
            .iter()
            .filter(|d| !d.substandard)
            .flat_map(|earlier| {
                conflicts.iter().filter(move |c| c.previous_cvx == earlier.cvx).map(move |c| earlier.date.plus(&c.end))
            })
            .max()
            .unwrap_or(Date::EARLIEST)
    }
}

/// The age rule in force on `date` (CDC dates some rules; most have one, always in force).
pub(crate) fn age_rule(ages: &[AgeRule], date: Date) -> Option<&AgeRule> {
    ages.iter().find(|a| in_force(a.effective, a.cessation, date)).or(ages.first())
}

fn in_force(effective: Option<Date>, cessation: Option<Date>, date: Date) -> bool {
    effective.is_none_or(|e| date >= e) && cessation.is_none_or(|c| date <= c)
}
