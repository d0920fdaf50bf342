//! The report's clock: `--now YYYY-MM-DDTHH:MM`, or the system clock in UTC. The libraries read
//! no clock; this is the one place the command line does.

use recdesk_access::ReleaseTime;
use recdesk_record::PartialDate;

/// A moment as the report prints it and as the intake judges card expiry by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Now {
    pub release_time: ReleaseTime,
    pub unix_seconds: i64,
}

/// Reads `YYYY-MM-DDTHH:MM` (a space instead of `T` also does).
pub fn parse(text: &str) -> Option<Now> {
    let (date, time) = text.trim().split_once(['T', ' '])?;
    if date.len() != 10 || time.len() != 5 {
        return None;
    }
    let date = PartialDate::parse(date)?;
    let (hour, minute) = time.split_once(':')?;
    let hour: u8 = hour.parse().ok()?;
    let minute: u8 = minute.parse().ok()?;
    let release_time = ReleaseTime::new(date, hour, minute)?;
    let days = days_from_civil(i64::from(date.year), i64::from(date.month?), i64::from(date.day?));
    Some(Now { release_time, unix_seconds: days * 86_400 + i64::from(hour) * 3600 + i64::from(minute) * 60 })
}

/// The `--now` option's value, or why it cannot be read.
pub fn from_option(text: &str) -> Result<Now, String> {
    parse(text).ok_or(format!("--now takes YYYY-MM-DDTHH:MM, not `{text}`"))
}

/// `--now` when given, else the system clock.
pub fn given_or_system(now: Option<Now>) -> Result<Now, String> {
    match now {
        Some(now) => Ok(now),
        None => system_now().ok_or("the system clock is outside the years a release can print".to_owned()),
    }
}

pub fn system_unix_seconds() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX))
}

/// The system clock, in UTC (the command line knows no time zone).
pub fn system_now() -> Option<Now> {
    let seconds = system_unix_seconds();
    let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
    let of_day = seconds.rem_euclid(86_400);
    let date = PartialDate::new(u16::try_from(year).ok()?, Some(month), Some(day))?;
    let hour = u8::try_from(of_day / 3600).ok()?;
    let minute = u8::try_from(of_day % 3600 / 60).ok()?;
    Some(Now { release_time: ReleaseTime::new(date, hour, minute)?, unix_seconds: seconds })
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date of a day count since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, u8::try_from(month).unwrap_or(1), u8::try_from(day).unwrap_or(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn now_is_read_and_counted_from_the_epoch() {
        let now = parse("2024-07-01T14:05").expect("a time");
        assert_eq!(now.release_time.to_string(), "2024-07-01 14:05");
        assert_eq!(now.unix_seconds, 1_719_842_700);
        assert_eq!(civil_from_days(now.unix_seconds / 86_400), (2024, 7, 1));
        for bad in ["2024-07-01", "2024-13-01T10:00", "2024-07-01T24:00", "2024-07-01T9:00", "yesterday"] {
            assert!(parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn days_and_dates_round_trip() {
        for days in [-1, 0, 59, 60, 365, 11_016, 19_905, 47_482] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, i64::from(m), i64::from(d)), days);
        }
    }
}
