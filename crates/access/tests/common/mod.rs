//! Hand-built records and answers shared by the tests.
#![allow(dead_code)]

use recdesk_access::{Answers, Identity, PhotoIdKind, RequesterKind};
use recdesk_record::{
    Address, Code, DoseStatus, Hl7Location, Immunization, Located, Location, PartialDate, PersonName, Record,
    RelatedPerson, Span, VaccineGroup,
};

pub fn at(segment: &[u8; 3], segment_index: u32, field: u16) -> Location {
    Location::Hl7(Hl7Location {
        message: 1,
        segment_index,
        segment: *segment,
        field,
        repetition: 1,
        component: 0,
        span: Span::default(),
    })
}

pub fn date(text: &str) -> PartialDate {
    PartialDate::parse(text).expect("a test date")
}

/// Today in every test: 1 May 2026.
pub fn today() -> PartialDate {
    date("20260501")
}

pub fn name(family: &str, given: &[&str]) -> PersonName {
    PersonName {
        family: family.into(),
        given: given.iter().map(|g| (*g).to_owned()).collect(),
        ..PersonName::default()
    }
}

fn related(person: PersonName, relationship: &str, segment_index: u32) -> RelatedPerson {
    RelatedPerson {
        name: Some(Located::new(person, at(b"NK1", segment_index, 2))),
        relationship: Some(Located::new(
            Code { code: relationship.into(), ..Code::default() },
            at(b"NK1", segment_index, 3),
        )),
        ..RelatedPerson::default()
    }
}

/// A dose recorded in the RXA segment at `segment_index` (its origin, as the readers set it).
pub fn dose(group: VaccineGroup, given_on: Option<&str>, status: DoseStatus, segment_index: u32) -> Immunization {
    Immunization {
        date: given_on.and_then(PartialDate::parse).map(|d| Located::new(d, at(b"RXA", segment_index, 3))),
        vaccine: format!("{group:?}"),
        vaccine_groups: vec![group],
        status,
        origin: Some(at(b"RXA", segment_index, 0)),
        ..Immunization::default()
    }
}

/// José Miguel García-López, born 3 April 2012 (14 on `today()`), at 1234 Main Street NE Apt 5,
/// Minneapolis 55413; mother Lan Nguyễn, father Robert García. Hepatitis B at birth, at two months
/// and at 13 (all as a minor), one hepatitis B entered in error, one MMR.
pub fn minor_record() -> Record {
    let mut record = Record { message: 1, ..Record::default() };
    record.data_as_of = Some(Located::new(date("20260301"), at(b"MSH", 1, 7)));
    record.patient.names.push(Located::new(name("García-López", &["José", "Miguel"]), at(b"PID", 2, 5)));
    record.patient.birth_date = Some(Located::new(date("20120403"), at(b"PID", 2, 7)));
    record.patient.addresses.push(Located::new(
        Address {
            lines: vec!["1234 Main Street NE Apt 5".into()],
            city: "Minneapolis".into(),
            state: "MN".into(),
            postal_code: "55413-2201".into(),
            country: "USA".into(),
            kind: "H".into(),
        },
        at(b"PID", 2, 11),
    ));
    record.patient.mothers_maiden_name = Some(Located::new(name("Tran", &["Mai"]), at(b"PID", 2, 6)));
    record.related_persons.push(related(name("Nguyễn", &["Lan"]), "MTH", 3));
    record.related_persons.push(related(name("García", &["Robert"]), "FTH", 4));
    record.immunizations.push(dose(VaccineGroup::HepatitisB, Some("20120403"), DoseStatus::Completed, 5));
    record.immunizations.push(dose(VaccineGroup::HepatitisB, Some("20120601"), DoseStatus::Completed, 6));
    record.immunizations.push(dose(VaccineGroup::HepatitisB, Some("20120801"), DoseStatus::EnteredInError, 7));
    record.immunizations.push(dose(VaccineGroup::Mmr, Some("20130501"), DoseStatus::Completed, 8));
    record.immunizations.push(dose(VaccineGroup::HepatitisB, Some("20260115"), DoseStatus::Completed, 9));
    record
}

/// The same person born 15 July 1990 (35 on `today()`), with a hepatitis B dose at 16 and one at 20.
pub fn adult_record() -> Record {
    let mut record = minor_record();
    record.patient.birth_date = Some(Located::new(date("19900715"), at(b"PID", 2, 7)));
    record.immunizations = vec![
        dose(VaccineGroup::HepatitisB, Some("20061001"), DoseStatus::Completed, 5),
        dose(VaccineGroup::HepatitisB, Some("20101001"), DoseStatus::Completed, 6),
    ];
    record
}

pub fn protected(mut record: Record) -> Record {
    record.protection.protection_indicator = Some(Located::new(true, at(b"PD1", 3, 12)));
    record
}

/// A record whose birth date has only a year, 2008: on `today()` the patient may be 17 or 18,
/// so whether they are a minor cannot be told.
pub fn yearless_record() -> Record {
    born_in("2008")
}

/// The minor record with its birth date replaced by `birth` ("2015", "201504"), or removed ("").
pub fn born_in(birth: &str) -> Record {
    let mut record = minor_record();
    record.patient.birth_date = (!birth.is_empty()).then(|| Located::new(date(birth), at(b"PID", 2, 7)));
    record
}

pub fn with_photo_id(requester: RequesterKind) -> Answers {
    Answers {
        requester: Some(requester),
        identity: Some(Identity::PhotoId(PhotoIdKind::DriversLicence)),
        ..Answers::default()
    }
}

/// Strings from the test records that must never appear in a check result or an attestation.
pub const RECORD_VALUES: &[&str] = &[
    "2012-04-03",
    "20120403",
    "04/03/2012",
    "4/3/2012",
    "1990-07-15",
    "1234",
    "Main",
    "55413",
    "Minneapolis",
    "García",
    "Garcia",
    "José",
    "Jose",
    "López",
    "Lopez",
    "Miguel",
    "Nguyễn",
    "Nguyen",
    "Robert",
    "Tran",
];

/// The record marked deceased (PID-30 `Y`).
pub fn deceased(mut record: Record) -> Record {
    record.patient.deceased = Some(Located::new(true, at(b"PID", 2, 30)));
    record
}

/// The record with no address for the patient.
pub fn without_address(mut record: Record) -> Record {
    record.patient.addresses.clear();
    record
}
