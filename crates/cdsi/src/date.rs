//! Calendar dates and CDSi's date arithmetic (the logic specification's CALCDT rules): years and
//! months move the calendar fields and leave the day; weeks and days count days; a date that does
//! not exist (April 31, February 29 of a common year) becomes the first of the next month.

use serde::{Deserialize, Serialize};

use crate::schedule::{Duration, Unit};

/// A calendar date. Ordered by time; shown and serialized as `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// Before any date a record holds: the open start of a range.
    pub const EARLIEST: Date = Date { year: 1, month: 1, day: 1 };
    /// After any date a record holds: the open end of a range.
    pub const LATEST: Date = Date { year: 9999, month: 12, day: 31 };

    /// A real date, or None (no February 30).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let (month, day) = (u8::try_from(month).ok()?, u8::try_from(day).ok()?);
        ((1..=9999).contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        u32::from(self.month)
    }

    pub fn day(self) -> u32 {
        u32::from(self.day)
    }

    /// `YYYY-MM-DD`.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        Date::new(year, month, day)
    }

    /// CDC's supporting data writes `YYYYMMDD` (effective dates) and `MM/DD/YYYY` (immunity birth dates).
    pub fn parse_cdc(text: &str) -> Option<Date> {
        let text = text.trim();
        if let [month, day, year] = text.split('/').collect::<Vec<_>>()[..] {
            return Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
        }
        if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
            return Date::new(text[..4].parse().ok()?, text[4..6].parse().ok()?, text[6..].parse().ok()?);
        }
        None
    }

    /// Days since 0001-01-01 (proleptic Gregorian).
    pub fn day_number(self) -> i64 {
        // Howard Hinnant's days_from_civil: the year starts in March so leap days come last.
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i64::from(self.month);
        let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 306
    }

    /// The date `days` days after 0001-01-01, clamped to the representable range.
    pub fn from_day_number(days: i64) -> Date {
        if days <= Date::EARLIEST.day_number() {
            return Date::EARLIEST;
        }
        if days >= Date::LATEST.day_number() {
            return Date::LATEST;
        }
        let z = days + 306;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
        let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Date { year: year as i32, month: month as u8, day: day as u8 }
    }

    pub fn add_days(self, days: i64) -> Date {
        if self == Date::EARLIEST || self == Date::LATEST {
            return self;
        }
        Date::from_day_number(self.day_number() + days)
    }

    /// This date moved by a CDSi duration, term by term in CDC's order.
    pub fn plus(self, duration: &Duration) -> Date {
        duration.terms.iter().fold(self, |date, &(amount, unit)| match unit {
            Unit::Days => date.add_days(i64::from(amount)),
            Unit::Weeks => date.add_days(7 * i64::from(amount)),
            Unit::Months => date.add_months(amount),
            Unit::Years => date.add_months(amount.saturating_mul(12)),
        })
    }

    /// `plus` for an optional duration; `otherwise` when the supporting data sets none.
    pub fn plus_or(self, duration: Option<&Duration>, otherwise: Date) -> Date {
        duration.map_or(otherwise, |d| self.plus(d))
    }

    fn add_months(self, months: i32) -> Date {
        if self == Date::EARLIEST || self == Date::LATEST {
            return self;
        }
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 + i64::from(months);
        let year = index.div_euclid(12);
        let month = (index.rem_euclid(12) + 1) as u8;
        if year < 1 {
            return Date::EARLIEST;
        }
        if year > 9999 {
            return Date::LATEST;
        }
        let year = year as i32;
        if self.day <= days_in_month(year, month) {
            Date { year, month, day: self.day }
        } else {
            // CALCDT-5: a date that does not exist moves to the first of the next month.
            Date { year, month, day: days_in_month(year, month) }.add_days(1)
        }
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl From<Date> for String {
    fn from(date: Date) -> String {
        date.to_string()
    }
}

impl TryFrom<String> for Date {
    type Error = String;
    fn try_from(text: String) -> Result<Date, String> {
        Date::parse_iso(&text).ok_or(format!("not a date: {text}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse_iso(text).expect(text)
    }

    fn plus(text: &str, duration: &str) -> String {
        date(text).plus(&Duration::parse(duration).expect(duration)).to_string()
    }

    #[test]
    fn cdsi_date_rules() {
        // CALCDT-1..3: years and months move the calendar, weeks and days count.
        assert_eq!(plus("2000-01-01", "3 years"), "2003-01-01");
        assert_eq!(plus("2000-01-01", "3 months"), "2000-04-01");
        assert_eq!(plus("2000-02-01", "5 weeks"), "2000-03-07");
        // CALCDT-5: July 31 + 2 months is "September 31", so October 1.
        assert_eq!(plus("2000-07-31", "2 months"), "2000-10-01");
        assert_eq!(plus("2004-02-29", "1 year"), "2005-03-01");
        // Terms apply in order: 12 months - 4 days from August 6, 2008 is August 2, 2009.
        assert_eq!(plus("2008-08-06", "12 months - 4 days"), "2009-08-02");
    }

    #[test]
    fn day_numbers_round_trip() {
        for text in ["0001-01-02", "1957-01-01", "2000-02-29", "2026-12-05", "9999-12-30"] {
            assert_eq!(Date::from_day_number(date(text).day_number()), date(text));
        }
        assert_eq!(date("2026-03-01").day_number() - date("2026-02-28").day_number(), 1);
        assert_eq!(Date::parse_cdc("01/01/1957"), Some(date("1957-01-01")));
        assert_eq!(Date::parse_cdc("20211025"), Some(date("2021-10-25")));
        assert_eq!(Date::new(2026, 2, 29), None);
    }
}
