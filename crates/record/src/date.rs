//! Dates as immunization records carry them: often to the day, sometimes only a month or a
//! year (historical doses), and sometimes wrong.

use std::fmt;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date with optional month and day. Always a real date when constructed
/// through [`PartialDate::new`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    /// Checks the calendar: month 1–12, a day that exists in that month (leap years included).
    /// A day without a month is refused.
    pub fn new(year: u16, month: Option<u8>, day: Option<u8>) -> Option<Self> {
        if !(1800..=2200).contains(&year) {
            return None;
        }
        match (month, day) {
            (None, Some(_)) => None,
            (Some(m), _) if !(1..=12).contains(&m) => None,
            (Some(m), Some(d)) if d == 0 || d > days_in_month(year, m) => None,
            _ => Some(Self { year, month, day }),
        }
    }

    /// Reads the date part of an HL7 DT/DTM (`YYYY[MM[DD[HHMM[SS[.S]]]]][+/-ZZZZ]`) or an
    /// ISO 8601 date (`YYYY[-MM[-DD]]`, optionally followed by `T...`). None when it is not a
    /// real date.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let date = text.split(['T', ' ']).next().unwrap_or("");
        let digits: String = if date.contains('-') && date.len() <= 10 {
            let parts: Vec<&str> = date.split('-').collect();
            if parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
                return None;
            }
            if parts.len() > 3 || parts[0].len() != 4 || parts[1..].iter().any(|p| p.len() != 2) {
                return None;
            }
            parts.concat()
        } else {
            date.bytes().take_while(u8::is_ascii_digit).map(char::from).collect()
        };
        let number = |range: std::ops::Range<usize>| digits.get(range).and_then(|s| s.parse::<u16>().ok());
        let year = number(0..4)?;
        let month = if digits.len() >= 6 { Some(u8::try_from(number(4..6)?).ok()?) } else { None };
        let day = if digits.len() >= 8 { Some(u8::try_from(number(6..8)?).ok()?) } else { None };
        if digits.len() == 5 || digits.len() == 7 {
            return None;
        }
        Self::new(year, month, day)
    }

    /// The first day this date can mean: 2019 is 2019-01-01, 2019-05 is 2019-05-01.
    pub fn earliest_day(&self) -> PartialDate {
        PartialDate { month: self.month.or(Some(1)), day: self.day.or(Some(1)), ..*self }
    }

    /// The last day this date can mean: 2019 is 2019-12-31, 2020-02 is 2020-02-29.
    pub fn latest_day(&self) -> PartialDate {
        let month = self.month.unwrap_or(12);
        PartialDate { month: Some(month), day: self.day.or(Some(days_in_month(self.year, month))), ..*self }
    }

    /// Whole years from this date to `today` (for a birth date: the age). None when this
    /// date lacks a month or day, or is after `today`.
    pub fn years_until(&self, today: PartialDate) -> Option<u16> {
        let (month, day) = (self.month?, self.day?);
        let (today_month, today_day) = (today.month?, today.day?);
        if today.year < self.year {
            return None;
        }
        let mut years = today.year - self.year;
        if (today_month, today_day) < (month, day) {
            years = years.checked_sub(1)?;
        }
        Some(years)
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

/// Text in JSON ("2019", "2020-02", "2020-02-29"); its parts in a binary encoding (the browser
/// app's hand-over between its modules, see `crate::transfer`), so it reads back exactly.
impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.collect_str(self)
        } else {
            (self.year, self.month, self.day).serialize(serializer)
        }
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if !deserializer.is_human_readable() {
            let (year, month, day) = <(u16, Option<u8>, Option<u8>)>::deserialize(deserializer)?;
            return Ok(PartialDate { year, month, day });
        }
        let text = String::deserialize(deserializer)?;
        PartialDate::parse(&text).filter(|date| date.to_string() == text).ok_or_else(|| {
            D::Error::custom(format!("{text:?} is not a date as a record writes one (YYYY, YYYY-MM or YYYY-MM-DD)"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Option<String> {
        PartialDate::parse(text).map(|d| d.to_string())
    }

    #[test]
    fn a_partial_date_spans_from_its_earliest_to_its_latest_day() {
        let span = |text: &str| {
            let date = PartialDate::parse(text).expect("a date");
            (date.earliest_day().to_string(), date.latest_day().to_string())
        };
        assert_eq!(span("2019"), ("2019-01-01".into(), "2019-12-31".into()));
        assert_eq!(span("2020-02"), ("2020-02-01".into(), "2020-02-29".into()));
        assert_eq!(span("2021-02"), ("2021-02-01".into(), "2021-02-28".into()));
        assert_eq!(span("2021-04-30"), ("2021-04-30".into(), "2021-04-30".into()));
    }

    #[test]
    fn hl7_dates_and_times_keep_the_date() {
        assert_eq!(parsed("20240618083101-0400").as_deref(), Some("2024-06-18"));
        assert_eq!(parsed("20090415132511").as_deref(), Some("2009-04-15"));
        assert_eq!(parsed("20090214").as_deref(), Some("2009-02-14"));
        assert_eq!(parsed("200902").as_deref(), Some("2009-02"));
        assert_eq!(parsed("2009").as_deref(), Some("2009"));
        assert_eq!(parsed(" 20240102 ").as_deref(), Some("2024-01-02"));
    }

    #[test]
    fn iso_dates_are_read() {
        assert_eq!(parsed("2021-01-01").as_deref(), Some("2021-01-01"));
        assert_eq!(parsed("2021-01-01T10:00:00Z").as_deref(), Some("2021-01-01"));
        assert_eq!(parsed("2021-02").as_deref(), Some("2021-02"));
    }

    #[test]
    fn impossible_dates_are_refused() {
        // From the CDC guide's own example: day 51.
        assert_eq!(parsed("20091051132511"), None);
        assert_eq!(parsed("20230229"), None);
        assert_eq!(parsed("20241301"), None);
        assert_eq!(parsed("2024010"), None);
        assert_eq!(parsed(""), None);
        assert_eq!(parsed("unknown"), None);
        assert_eq!(parsed("2021-1-01"), None);
        assert_eq!(parsed("00000000"), None);
    }

    #[test]
    fn leap_days_exist_in_leap_years() {
        assert_eq!(parsed("20240229").as_deref(), Some("2024-02-29"));
        assert_eq!(parsed("20000229").as_deref(), Some("2000-02-29"));
        assert_eq!(parsed("19000229"), None);
    }

    #[test]
    fn age_counts_whole_years() {
        let born = PartialDate::parse("20100615").expect("a date");
        assert_eq!(born.years_until(PartialDate::parse("20260614").expect("a date")), Some(15));
        assert_eq!(born.years_until(PartialDate::parse("20260615").expect("a date")), Some(16));
        assert_eq!(born.years_until(PartialDate::parse("20090101").expect("a date")), None);
    }
}
