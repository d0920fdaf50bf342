//! The blind knowledge check: tolerant of how people say names and addresses, strict on dates,
//! and never carrying the record's values in its result.

mod common;

use common::*;
use recdesk_access::{
    AnswerError, KnowledgeCheckResult, KnowledgeItem, MatchLevel, NICKNAMES, RecordFacts, StatedFacts, check_knowledge,
    parse_date_input,
};
use recdesk_record::{Located, Record};

fn facts() -> RecordFacts {
    RecordFacts::from_record(&minor_record())
}

fn check(stated: StatedFacts) -> KnowledgeCheckResult {
    check_knowledge(&stated, &facts()).expect("readable")
}

fn name_level(name: &str) -> MatchLevel {
    check(StatedFacts { name: name.into(), ..StatedFacts::default() }).level(KnowledgeItem::Name)
}

fn guardian_level(name: &str) -> MatchLevel {
    check(StatedFacts { guardian_name: name.into(), ..StatedFacts::default() }).level(KnowledgeItem::GuardianName)
}

fn birth_level(date: &str) -> MatchLevel {
    check(StatedFacts { birth_date: date.into(), ..StatedFacts::default() }).level(KnowledgeItem::BirthDate)
}

fn address_level(street: &str, zip: &str) -> MatchLevel {
    check(StatedFacts { street: street.into(), postal_code: zip.into(), ..StatedFacts::default() })
        .level(KnowledgeItem::Address)
}

/// Elizabeth Ann Smith-Jones, for nicknames: same birth date and address as the minor record.
fn elizabeth() -> RecordFacts {
    let mut record: Record = minor_record();
    record.patient.names = vec![Located::new(name("Smith-Jones", &["Elizabeth", "Ann"]), at(b"PID", 2, 5))];
    RecordFacts::from_record(&record)
}

#[test]
fn accents_are_ignored() {
    assert_eq!(name_level("José García-López"), MatchLevel::Match);
    assert_eq!(name_level("Jose Garcia-Lopez"), MatchLevel::Match);
    assert_eq!(name_level("JOSE GARCIA LOPEZ"), MatchLevel::Match);
    assert_eq!(guardian_level("Lan Nguyen"), MatchLevel::Match);
    assert_eq!(guardian_level("lan nguyễn"), MatchLevel::Match);
}

#[test]
fn hyphens_spaces_and_order_are_ignored() {
    assert_eq!(name_level("Jose Garcia Lopez"), MatchLevel::Match);
    assert_eq!(name_level("Jose GarciaLopez"), MatchLevel::Match);
    assert_eq!(name_level("Garcia-Lopez, Jose"), MatchLevel::Match);
    assert_eq!(name_level("Garcia Lopez Jose Miguel"), MatchLevel::Match);
    assert_eq!(guardian_level("Nguyen Lan"), MatchLevel::Match);
    let reordered = check(StatedFacts { name: "García-López, José".into(), ..StatedFacts::default() });
    assert!(reordered.items()[0].reason.contains("another order"));
    let facts = elizabeth();
    let level = |name: &str| {
        check_knowledge(&StatedFacts { name: name.into(), ..StatedFacts::default() }, &facts)
            .expect("readable")
            .level(KnowledgeItem::Name)
    };
    assert_eq!(level("Elizabeth Smith Jones"), MatchLevel::Match);
    assert_eq!(level("Smith-Jones Elizabeth Ann"), MatchLevel::Match);
    assert_eq!(level("Elizabeth A. Smith-Jones"), MatchLevel::Match, "a middle initial");
}

#[test]
fn nicknames_are_partial_matches() {
    let facts = elizabeth();
    let level = |name: &str| {
        check_knowledge(&StatedFacts { name: name.into(), ..StatedFacts::default() }, &facts)
            .expect("readable")
            .level(KnowledgeItem::Name)
    };
    assert_eq!(level("Liz Smith-Jones"), MatchLevel::Partial);
    assert_eq!(level("Beth Smith Jones"), MatchLevel::Partial);
    assert_eq!(level("Kate Smith-Jones"), MatchLevel::NoMatch, "not a nickname of Elizabeth");
    assert_eq!(level("Liz Smith"), MatchLevel::NoMatch, "the family name must be whole");
    assert_eq!(guardian_level("Bob Garcia"), MatchLevel::Partial);
    assert_eq!(guardian_level("Bobby García"), MatchLevel::Partial);
    assert_eq!(guardian_level("Bill Garcia"), MatchLevel::NoMatch);
    let nickname = check(StatedFacts { guardian_name: "Bob Garcia".into(), ..StatedFacts::default() });
    assert!(nickname.items()[3].reason.contains("nickname"));
    assert!(NICKNAMES.len() >= 40);
}

#[test]
fn an_extra_name_part_is_partial_and_a_wrong_name_no_match() {
    assert_eq!(name_level("Jose Antonio Garcia-Lopez"), MatchLevel::Partial);
    assert_eq!(name_level("Miguel Garcia-Lopez"), MatchLevel::NoMatch, "the first given name is the one people go by");
    assert_eq!(name_level("Jose Garcia"), MatchLevel::NoMatch);
    assert_eq!(name_level("Juan Garcia-Lopez"), MatchLevel::NoMatch);
    assert_eq!(guardian_level("Mai Tran"), MatchLevel::NoMatch, "the mother's maiden name is not a guardian");
}

#[test]
fn dates_must_match_exactly_in_any_accepted_form() {
    assert_eq!(birth_level("2012-04-03"), MatchLevel::Match);
    assert_eq!(birth_level("04/03/2012"), MatchLevel::Match);
    assert_eq!(birth_level("4/3/2012"), MatchLevel::Match);
    assert_eq!(birth_level(" 4/03/2012 "), MatchLevel::Match);
    assert_eq!(birth_level("04/04/2012"), MatchLevel::NoMatch);
    assert_eq!(birth_level("04/03/2011"), MatchLevel::NoMatch);
}

#[test]
fn a_day_and_month_swap_does_not_match() {
    assert_eq!(birth_level("03/04/2012"), MatchLevel::NoMatch);
    assert_eq!(birth_level("3/4/2012"), MatchLevel::NoMatch);
    assert_eq!(birth_level("2012-03-04"), MatchLevel::NoMatch);
    let swapped = check(StatedFacts {
        name: "Jose Garcia-Lopez".into(),
        birth_date: "03/04/2012".into(),
        street: "1234 Main St NE".into(),
        postal_code: "55413".into(),
        guardian_name: "Lan Nguyen".into(),
    });
    assert!(!swapped.passed(), "everything else right, the birth date swapped");
    assert!(!swapped.items()[1].reason.contains("swap"), "the reason must not hint at the right date");
}

#[test]
fn unreadable_input_is_an_error_staff_can_fix() {
    let stated = |birth_date: &str| StatedFacts { birth_date: birth_date.into(), ..StatedFacts::default() };
    for bad in ["13/45/2012", "04/03/12", "2012/04/03", "April 3 2012", "2012-4-3", "02/30/2012", "03.04.2012"] {
        assert_eq!(check_knowledge(&stated(bad), &facts()), Err(AnswerError::UnreadableDate), "{bad}");
    }
    assert_eq!(parse_date_input("2/29/2024").map(|d| d.to_string()).as_deref(), Some("2024-02-29"));
    assert_eq!(check_knowledge(&StatedFacts::default(), &facts()), Err(AnswerError::NothingStated));
    let digits = StatedFacts { name: "Jose 123456789".into(), ..StatedFacts::default() };
    assert_eq!(check_knowledge(&digits, &facts()), Err(AnswerError::DigitsInName));
    let zip = StatedFacts { postal_code: "5541".into(), ..StatedFacts::default() };
    assert_eq!(check_knowledge(&zip, &facts()), Err(AnswerError::UnreadableZip));
}

#[test]
fn addresses_compare_street_and_zip_with_abbreviations() {
    assert_eq!(address_level("1234 Main St NE", "55413"), MatchLevel::Match);
    assert_eq!(address_level("1234 main street northeast", "55413-2201"), MatchLevel::Match);
    assert_eq!(address_level("1234 Main St. N.E. #5", "55413"), MatchLevel::Match);
    assert_eq!(address_level("1234 Main Ave NE", "55413"), MatchLevel::Partial);
    assert_eq!(address_level("1234 Main St NE", "55414"), MatchLevel::Partial);
    assert_eq!(address_level("1234 Main St NE", ""), MatchLevel::Partial, "street alone");
    assert_eq!(address_level("", "55413"), MatchLevel::Partial, "ZIP alone");
    assert_eq!(address_level("99 Oak Ave", "55101"), MatchLevel::NoMatch);
}

#[test]
fn identity_needs_birth_date_name_and_one_more_with_at_most_one_partial() {
    let all = StatedFacts {
        name: "José García-López".into(),
        birth_date: "04/03/2012".into(),
        street: "1234 Main Street NE".into(),
        postal_code: "55413".into(),
        guardian_name: "Lan Nguyễn".into(),
    };
    assert!(check(all.clone()).passed());
    assert!(
        check(StatedFacts { street: String::new(), postal_code: String::new(), ..all.clone() }).passed(),
        "guardian"
    );
    assert!(check(StatedFacts { guardian_name: String::new(), ..all.clone() }).passed(), "address");
    assert!(
        !check(StatedFacts {
            street: String::new(),
            postal_code: String::new(),
            guardian_name: String::new(),
            ..all.clone()
        })
        .passed(),
        "name and birth date alone are not enough"
    );
    assert!(!check(StatedFacts { birth_date: String::new(), ..all.clone() }).passed(), "no birth date");
    assert!(!check(StatedFacts { name: "Juan Garcia-Lopez".into(), ..all.clone() }).passed(), "wrong name");
    // One partial is fine.
    let partial_address = StatedFacts { street: String::new(), guardian_name: String::new(), ..all.clone() };
    assert!(check(partial_address.clone()).passed(), "ZIP only, name matches");
    // Two partials are not.
    let nickname_and_zip = StatedFacts { name: "Jose Antonio Garcia-Lopez".into(), ..partial_address };
    assert!(!check(nickname_and_zip).passed());
    // A nickname with a full match elsewhere passes.
    let liz = StatedFacts { name: "Liz Smith-Jones".into(), ..all };
    let result = check_knowledge(&liz, &elizabeth()).expect("readable");
    assert_eq!(result.level(KnowledgeItem::Name), MatchLevel::Partial);
    assert!(result.passed());
    assert!(result.rule().contains("at most one"));
}

#[test]
fn a_record_without_a_full_birth_date_cannot_pass() {
    let result = check_knowledge(
        &StatedFacts {
            name: "Jose Garcia-Lopez".into(),
            birth_date: "04/03/2012".into(),
            guardian_name: "Lan Nguyen".into(),
            ..StatedFacts::default()
        },
        &RecordFacts::from_record(&yearless_record()),
    )
    .expect("readable");
    assert_eq!(result.level(KnowledgeItem::BirthDate), MatchLevel::NotInRecord);
    assert!(!result.passed());
}

#[test]
fn a_serialised_result_never_contains_record_values() {
    // Everything stated correctly: the stated values are the record's values.
    let stated = StatedFacts {
        name: "José Miguel García-López".into(),
        birth_date: "04/03/2012".into(),
        street: "1234 Main Street NE".into(),
        postal_code: "55413".into(),
        guardian_name: "Robert García".into(),
    };
    let result = check(stated.clone());
    assert!(result.passed());
    let json = serde_json::to_string(&result).expect("json");
    for value in RECORD_VALUES {
        assert!(!json.contains(value), "{value} in {json}");
    }
    assert!(json.contains("\"match\""));
    // Nor do debug prints of what was said or of the record's facts.
    let debug = format!("{stated:?} {:?} {result:?}", facts());
    for value in RECORD_VALUES {
        assert!(!debug.contains(value), "{value} in {debug}");
    }
}
