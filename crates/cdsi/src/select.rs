//! Choosing the best patient series of a series group (the logic specification's chapter 8):
//! a single candidate wins; otherwise complete series, then series in progress, then series not
//! yet started are scored, and a tie goes to CDC's series preference.

use crate::antigen::SeriesType;
use crate::date::Date;
use crate::patient::{SeriesStatus, Status};
use crate::series::{PatientSeries, Target};

/// The position (in `group`) of the best of these patient series, all of one series group.
pub(crate) fn best_series(group: &[PatientSeries], birth: Date) -> usize {
    if group.len() <= 1 {
        return 0;
    }
    let all: Vec<usize> = (0..group.len()).collect();
    let default = || all.iter().copied().find(|&i| group[i].series.default_series).unwrap_or(0);
    let mut candidates: Vec<usize> = Vec::new();
    // Risk series of the highest priority among them.
    let risk: Vec<usize> = all.iter().copied().filter(|&i| group[i].series.series_type == SeriesType::Risk).collect();
    if let Some(top) = risk.iter().map(|&i| group[i].series.priority.as_str()).min() {
        candidates.extend(risk.iter().copied().filter(|&i| group[i].series.priority == top));
    }
    // Standard series begun within their ages to start.
    let standard: Vec<usize> =
        all.iter().copied().filter(|&i| group[i].series.series_type == SeriesType::Standard).collect();
    let started: Vec<usize> = standard
        .iter()
        .copied()
        .filter(|&i| {
            let series = group[i].series;
            // Only the maximum age to start binds a series under way: three HPV doses begun
            // at 9 complete the 3-dose series, whose minimum age to start is 15.
            group[i]
                .first_valid_date()
                .is_some_and(|first| first < birth.plus_or(series.max_age_to_start.as_ref(), Date::LATEST))
        })
        .collect();
    if !started.is_empty() {
        candidates.extend(started);
    } else if standard.iter().all(|&i| group[i].valid_count() == 0)
        && !standard.iter().any(|&i| group[i].series.default_series)
    {
        candidates.extend(standard);
    }
    candidates.extend(all.iter().copied().filter(|&i| {
        group[i].series.series_type == SeriesType::EvaluationOnly && group[i].status() == SeriesStatus::Complete
    }));
    match candidates.len() {
        0 => return default(),
        1 => return candidates[0],
        _ => {}
    }
    let complete: Vec<usize> =
        candidates.iter().copied().filter(|&i| group[i].status() == SeriesStatus::Complete).collect();
    let in_progress: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&i| {
            group[i].status() == SeriesStatus::NotComplete
                && group[i].targets.iter().any(|t| matches!(t, Target::Satisfied(_)))
        })
        .collect();
    let scores: Vec<(usize, i32)> = if complete.len() == 1 {
        return complete[0];
    } else if complete.len() > 1 {
        score_complete(group, &complete)
    } else if in_progress.len() == 1 {
        return in_progress[0];
    } else if in_progress.len() > 1 {
        score_in_progress(group, &in_progress, birth)
    } else {
        let not_started: Vec<usize> = candidates.iter().copied().filter(|&i| group[i].valid_count() == 0).collect();
        if not_started.is_empty() {
            return candidates.iter().copied().find(|&i| group[i].series.default_series).unwrap_or(candidates[0]);
        }
        score_not_started(group, &not_started, birth)
    };
    let top = scores.iter().map(|&(_, s)| s).max().unwrap_or(0);
    scores
        .iter()
        .filter(|&&(_, s)| s == top)
        .map(|&(i, _)| i)
        .min_by_key(|&i| (group[i].series.preference.unwrap_or(u32::MAX), i))
        .unwrap_or_else(default)
}

/// +1 to the one with the most valid doses, -1 to those with fewer.
fn score_complete(group: &[PatientSeries], complete: &[usize]) -> Vec<(usize, i32)> {
    let valid: Vec<usize> = complete.iter().map(|&i| group[i].valid_count()).collect();
    let most = valid.iter().copied().max().unwrap_or(0);
    let unique = valid.iter().filter(|&&v| v == most).count() == 1;
    complete
        .iter()
        .zip(&valid)
        .map(|(&i, &v)| {
            (
                i,
                if v < most {
                    -1
                } else if unique {
                    1
                } else {
                    0
                },
            )
        })
        .collect()
}

/// A criterion met by exactly one series earns it `points`; not met costs `points`.
fn criterion(meets: &[bool], points: i32) -> Vec<i32> {
    let unique = meets.iter().filter(|&&m| m).count() == 1;
    meets
        .iter()
        .map(|&m| {
            if !m {
                -points
            } else if unique {
                points
            } else {
                0
            }
        })
        .collect()
}

fn score_in_progress(group: &[PatientSeries], in_progress: &[usize], birth: Date) -> Vec<(usize, i32)> {
    let product: Vec<bool> = in_progress
        .iter()
        .map(|&i| {
            let s = &group[i];
            s.series.product_path && s.outcomes.iter().flatten().all(|o| o.status == Status::Valid)
        })
        .collect();
    let finish: Vec<Option<Date>> = in_progress.iter().map(|&i| finish_date(&group[i], birth)).collect();
    let completable: Vec<bool> = finish.iter().map(Option::is_some).collect();
    let valid: Vec<usize> = in_progress.iter().map(|&i| group[i].valid_count()).collect();
    let most_valid = valid.iter().copied().max().unwrap_or(0);
    let remaining: Vec<usize> =
        in_progress.iter().map(|&i| group[i].series.doses.len().saturating_sub(group[i].target)).collect();
    let fewest = remaining.iter().copied().min().unwrap_or(0);
    let soonest = finish.iter().flatten().min().copied();
    let scores = [
        criterion(&product, 2),
        criterion(&completable, 3),
        criterion(&valid.iter().map(|&v| v == most_valid).collect::<Vec<_>>(), 2),
        criterion(&remaining.iter().map(|&r| r == fewest).collect::<Vec<_>>(), 2),
        criterion(&finish.iter().map(|f| f.is_some() && *f == soonest).collect::<Vec<_>>(), 1),
    ];
    in_progress.iter().enumerate().map(|(k, &i)| (i, scores.iter().map(|s| s[k]).sum())).collect()
}

fn score_not_started(group: &[PatientSeries], not_started: &[usize], birth: Date) -> Vec<(usize, i32)> {
    let starts: Vec<Option<Date>> =
        not_started.iter().map(|&i| group[i].series.doses.first().and_then(|d| d.season_start)).collect();
    let first_start = starts.iter().flatten().min().copied();
    let start_earliest: Vec<bool> = starts.iter().map(|s| s.is_some() && *s == first_start).collect();
    let completable: Vec<bool> = not_started.iter().map(|&i| finish_date(&group[i], birth).is_some()).collect();
    let not_product: Vec<bool> = not_started.iter().map(|&i| !group[i].series.product_path).collect();
    let scores = [criterion(&start_earliest, 1), criterion(&completable, 1), criterion(&not_product, 1)];
    not_started.iter().enumerate().map(|(k, &i)| (i, scores.iter().map(|s| s[k]).sum())).collect()
}

/// When the series could end: the next dose's earliest date plus the minimum intervals of the
/// target doses after it; None when that is past the last target dose's maximum age.
fn finish_date(series: &PatientSeries, birth: Date) -> Option<Date> {
    let earliest = series.forecast.as_ref()?.earliest?;
    let mut finish = earliest;
    for target_dose in series.series.doses.iter().skip(series.target + 1) {
        if let Some(minimum) = target_dose.intervals.first().and_then(|i| i.minimum.as_ref()) {
            finish = finish.plus(minimum);
        }
    }
    let last_maximum = series
        .series
        .doses
        .last()
        .and_then(|d| d.ages.first())
        .and_then(|a| a.maximum.as_ref())
        .map_or(Date::LATEST, |m| birth.plus(m));
    (finish < last_maximum).then_some(finish)
}
