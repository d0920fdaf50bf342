//! What the report tests share: made-up locations and doses.

#![allow(dead_code)]

use recdesk_record::{DoseStatus, Immunization, Located, Location, PartialDate};

pub fn at(n: usize) -> Location {
    Location::Json { document: 1, pointer: format!("/test/{n}") }
}

/// A completed dose of `cvx` on `date` (YYYY-MM-DD), its values placed by `n`.
pub fn dose(cvx: &str, date: &str, n: usize) -> Immunization {
    Immunization {
        date: PartialDate::parse(date).map(|d| Located::new(d, at(100 + n))),
        cvx: Some(Located::new(cvx.into(), at(200 + n))),
        vaccine: recdesk_codes::vaccine_name(cvx),
        vaccine_groups: recdesk_codes::vaccine_groups(cvx).to_vec(),
        status: DoseStatus::Completed,
        origin: Some(at(300 + n)),
        ..Immunization::default()
    }
}
