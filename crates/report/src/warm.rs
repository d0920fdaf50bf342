//! A copy made once of a made-up child, so that neither the rules' data (CDC's supporting data,
//! Minnesota's requirements) nor the first run of the code (which a browser compiles on first use)
//! is paid for when staff first see a real copy.

use recdesk_access::{Attestation, ReleaseTime};
use recdesk_record::{Immunization, Located, Location, PartialDate, PersonName, ReadOutcome, Record};
use recdesk_redact::{Profile, Recipient, StaffRedactions};
use recdesk_school::Grade;

use crate::{Language, StatusRequest};

/// Loads the rules the computed answers use and makes a school copy, with its status, and the
/// family's copy, with what is due, of a made-up kindergartener (tens of milliseconds in a
/// browser, once). A host calls it while staff are busy elsewhere, e.g. as the questions open.
pub fn warm_up() {
    for recipient in [Recipient::School, Recipient::Patient] {
        let _ = made_up_copy(recipient);
    }
}

/// The made-up child's copy for `recipient` (None only if the fixed release time were not a time):
/// for a host to draw once where no one sees it, so its drawing code is compiled before the first
/// real copy is shown.
pub fn made_up_copy(recipient: Recipient) -> Option<crate::Report> {
    let at = |n: usize| Location::Json { document: 0, pointer: format!("/warm-up/{n}") };
    let mut record = Record::default();
    let name = PersonName { family: "Example".into(), given: vec!["Child".into()], ..PersonName::default() };
    record.patient.names.push(Located::new(name, at(0)));
    record.patient.birth_date = PartialDate::parse("2020-01-10").map(|d| Located::new(d, at(1)));
    let doses = [
        ("08", "2020-01-11"),
        ("110", "2020-03-10"),
        ("03", "2021-01-11"),
        ("21", "2021-01-11"),
        ("130", "2024-01-15"),
    ];
    record.immunizations = doses
        .iter()
        .enumerate()
        .map(|(n, (cvx, date))| Immunization {
            date: PartialDate::parse(date).map(|d| Located::new(d, at(10 + n))),
            cvx: Some(Located::new((*cvx).to_owned(), at(20 + n))),
            vaccine: recdesk_codes::vaccine_name(cvx),
            vaccine_groups: recdesk_codes::vaccine_groups(cvx).to_vec(),
            origin: Some(at(30 + n)),
            ..Immunization::default()
        })
        .collect();
    let outcome = ReadOutcome { records: vec![record], ..ReadOutcome::default() };
    let copy = recdesk_redact::redact(&outcome, &Profile::default_for(recipient), &StaffRedactions::default());
    let time = PartialDate::parse("2025-09-02").and_then(|d| ReleaseTime::new(d, 9, 0))?;
    let attestation = Attestation::not_recorded(String::new(), time, recipient, None);
    let request = StatusRequest { grade: Some(Grade::Kindergarten), full_history: false };
    Some(crate::build(&copy, &attestation, request, &Language::English))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_warm_up_runs_every_part_of_a_copy_with_a_status() {
        let report = super::made_up_copy(recdesk_redact::Recipient::School).expect("a copy");
        let texts = report.texts().join(" | ");
        // The evaluation ran (dose numbers), and the status (two doses of DTaP: two more with the last from age 4).
        assert!(texts.contains("Minnesota school immunization status"), "{texts}");
        assert!(texts.contains("needs 2 more doses of DTaP/DT"), "{texts}");
        assert!(texts.contains("1 of 2"), "{texts}");
        let family = super::made_up_copy(recdesk_redact::Recipient::Patient).expect("a copy");
        assert!(family.texts().contains(&"Due next"), "{:?}", family.texts());
    }
}
