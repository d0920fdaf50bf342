//! The grade staff pick (or the one the child's age suggests).

use recdesk_cdsi::Date;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum Grade {
    ChildCare,
    Kindergarten,
    /// Grades 1 to 12.
    Grade(u8),
}

impl Grade {
    /// Every grade, youngest first: what staff choose from.
    pub fn all() -> Vec<Grade> {
        let mut all = vec![Grade::ChildCare, Grade::Kindergarten];
        all.extend((1..=12).map(Grade::Grade));
        all
    }

    /// "child-care", "K", "1" to "12": what `--grade` and the data take.
    pub fn parse(text: &str) -> Option<Grade> {
        match text.trim().to_ascii_lowercase().as_str() {
            "child-care" | "childcare" | "child care" | "early-childhood" => Some(Grade::ChildCare),
            "k" | "kindergarten" => Some(Grade::Kindergarten),
            number => number.parse::<u8>().ok().filter(|n| (1..=12).contains(n)).map(Grade::Grade),
        }
    }

    pub fn code(self) -> String {
        match self {
            Grade::ChildCare => "child-care".to_owned(),
            Grade::Kindergarten => "K".to_owned(),
            Grade::Grade(n) => n.to_string(),
        }
    }

    /// "Kindergarten", "Grade 7", "Child care or early childhood program".
    pub fn label(self) -> String {
        match self {
            Grade::ChildCare => "Child care or early childhood program".to_owned(),
            Grade::Kindergarten => "Kindergarten".to_owned(),
            Grade::Grade(n) => format!("Grade {n}"),
        }
    }

    /// The grade a child of this age is usually in on `on`: child care under 5, kindergarten at
    /// 5, grade 1 at 6, and so on to grade 12 at 17 to 19. None from 20: an adult's school (a
    /// college) has other requirements. Staff change it when it is not the child's.
    pub fn for_age(birth: Date, on: Date) -> Option<Grade> {
        let mut years = on.year() - birth.year();
        if (on.month(), on.day()) < (birth.month(), birth.day()) {
            years -= 1;
        }
        match years {
            ..5 => Some(Grade::ChildCare),
            5 => Some(Grade::Kindergarten),
            6..=16 => u8::try_from(years - 5).ok().map(Grade::Grade),
            17..=19 => Some(Grade::Grade(12)),
            _ => None,
        }
    }
}

impl From<Grade> for String {
    fn from(grade: Grade) -> String {
        grade.code()
    }
}

impl TryFrom<String> for Grade {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        Grade::parse(&text).ok_or(format!("not a grade: {text:?} (child-care, K or 1 to 12)"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_read_and_print_the_same() {
        for grade in Grade::all() {
            assert_eq!(Grade::parse(&grade.code()), Some(grade));
        }
        assert_eq!(Grade::parse("k"), Some(Grade::Kindergarten));
        for bad in ["0", "13", "", "seven", "-1"] {
            assert_eq!(Grade::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn the_age_suggests_a_grade() {
        let born = Date::new(2020, 9, 15).expect("date");
        let on = |y, m, d| Date::new(y, m, d).expect("date");
        assert_eq!(Grade::for_age(born, on(2025, 9, 14)), Some(Grade::ChildCare));
        assert_eq!(Grade::for_age(born, on(2025, 9, 15)), Some(Grade::Kindergarten));
        assert_eq!(Grade::for_age(born, on(2032, 10, 1)), Some(Grade::Grade(7)));
        assert_eq!(Grade::for_age(born, on(2039, 10, 1)), Some(Grade::Grade(12)));
        assert_eq!(Grade::for_age(born, on(2040, 9, 15)), None, "20: no school grade");
    }
}
