//! The translation catalogues: each shipped one is whole and current, a broken one is refused
//! whole, drafts print only when the clinic allows (and then say so in both languages), and only
//! the patient's copy is ever bilingual.

use recdesk_access::{Attestation, ReleaseTime};
use recdesk_record::{
    Code, DoseStatus, Immunization, InformationSource, Located, PartialDate, PersonName, ReadOutcome, Record,
};
use recdesk_redact::{Profile, Recipient, StaffRedactions, redact};
use recdesk_report::catalogue::{LANGUAGES, english};
use recdesk_report::{Catalogue, CatalogueError, Language, Report, StatusRequest, build};
use recdesk_school::Grade;
use recdesk_settings::DraftTranslations;
use serde_json::Value;

mod support;

use support::at;

/// A dose given here (its source recorded, so the copy says "administered").
fn dose(cvx: &str, date: &str, n: usize) -> Immunization {
    Immunization {
        source: Some(Located::new(InformationSource::Administered, at(400 + n))),
        ..support::dose(cvx, date, n)
    }
}

/// A kindergartner (born 2019-03-01) with an incomplete series and one refused dose.
fn child() -> Record {
    let mut record = Record { message: 1, ..Record::default() };
    let name = PersonName { family: "Warsame".into(), given: vec!["Hodan".into()], ..PersonName::default() };
    record.patient.names.push(Located::new(name, at(1)));
    record.patient.birth_date = PartialDate::parse("2019-03-01").map(|d| Located::new(d, at(2)));
    record.patient.sex = Some(Located::new(Code { code: "F".into(), ..Code::default() }, at(3)));
    record.immunizations = [
        ("110", "2019-05-01"),
        ("110", "2019-07-02"),
        ("03", "2020-03-04"),
        ("21", "2020-03-04"),
        ("10", "2019-05-01"),
        ("20", "2019-05-01"),
        ("20", "2019-05-20"),
    ]
    .iter()
    .enumerate()
    .map(|(n, (cvx, date))| dose(cvx, date, n))
    .collect();
    let mut refused = dose("88", "2024-10-01", 9);
    refused.status = DoseStatus::Refused;
    record.immunizations.push(refused);
    record
}

fn report(recipient: Recipient, language: &Language) -> Report {
    let outcome = ReadOutcome { records: vec![child()], ..ReadOutcome::default() };
    let redacted = redact(&outcome, &Profile::default_for(recipient), &StaffRedactions::default());
    let time = PartialDate::parse("2024-09-02").and_then(|d| ReleaseTime::new(d, 9, 5)).expect("a time");
    let attestation = Attestation::not_recorded("Desk Staff".into(), time, recipient, None);
    let request = StatusRequest { grade: Some(Grade::Kindergarten), full_history: false };
    build(&redacted, &attestation, request, language)
}

fn shipped(code: &str) -> Catalogue {
    Catalogue::shipped(code).expect("a shipped language").unwrap_or_else(|e| panic!("{code}: {e}"))
}

fn json(code: &str) -> Value {
    serde_json::from_str(recdesk_report::catalogue::shipped(code).expect("shipped")).expect("JSON")
}

fn parse(value: &Value) -> Result<Catalogue, CatalogueError> {
    Catalogue::parse(&value.to_string())
}

fn reviewed(code: &str) -> Value {
    let mut value = json(code);
    for entry in value["strings"].as_object_mut().expect("strings").values_mut() {
        entry["status"] = "reviewed".into();
    }
    value
}

fn bilingual(code: &str) -> Language {
    shipped(code).bilingual(DraftTranslations::PrintMarked).expect("drafts allowed")
}

fn all_text(report: &Report) -> String {
    report.texts().join("\n")
}

#[test]
fn every_shipped_catalogue_has_every_key_and_no_other_keeps_its_placeholders_and_is_current() {
    for (code, name, own_name) in LANGUAGES {
        let catalogue = shipped(code);
        assert_eq!(catalogue.language, code);
        assert_eq!(catalogue.english_name, name);
        assert_eq!(catalogue.name, own_name);
        assert_eq!(catalogue.strings.len(), english().len(), "{code}");
        assert_eq!(catalogue.stale(), Vec::<String>::new(), "{code}: the English changed since these were translated");
    }
}

#[test]
fn a_catalogue_missing_a_key_or_with_one_too_many_is_refused_whole() {
    let mut missing = json("es");
    missing["strings"].as_object_mut().expect("strings").remove("immunizations");
    let error = parse(&missing).expect_err("refused");
    assert_eq!(error, CatalogueError::Missing(vec!["immunizations".into()]));
    assert_eq!(error.to_string(), "the catalogue lacks 1 strings: immunizations");

    let mut extra = json("so");
    extra["strings"]["immunisations"] = extra["strings"]["immunizations"].clone();
    assert_eq!(parse(&extra).expect_err("refused"), CatalogueError::Unknown(vec!["immunisations".into()]));

    let mut unknown_field = json("hmn");
    unknown_field["strings"]["name"]["note"] = "typo".into();
    assert!(matches!(parse(&unknown_field), Err(CatalogueError::NotACatalogue(_))));
    assert!(matches!(Catalogue::parse("{\"language\": "), Err(CatalogueError::NotACatalogue(_))));
}

#[test]
fn a_translation_must_keep_the_englishs_placeholders_and_say_something() {
    let mut lost = json("es");
    lost["strings"]["page"]["text"] = "Página {page}".into();
    let error = parse(&lost).expect_err("refused");
    assert_eq!(error.to_string(), "\"page\" must keep the English's placeholders ({page} {pages}), but has ({page})");

    let mut empty = json("hmn");
    empty["strings"]["name"]["text"] = " ".into();
    assert_eq!(parse(&empty).expect_err("refused"), CatalogueError::Empty("name".into()));
}

#[test]
fn drafts_print_only_when_the_clinic_allows_and_the_paper_then_says_so_in_both_languages() {
    let spanish = shipped("es");
    assert_eq!(spanish.drafts().len(), english().len(), "every shipped string is a draft until reviewed");
    let refused = spanish.bilingual(DraftTranslations::Refuse).expect_err("drafts refused by default");
    let on_screens =
        english().iter().filter(|(key, _)| key.starts_with("screen.") || key.starts_with("bring.")).count();
    assert_eq!(refused.drafts, english().len() - on_screens, "the screens' words do not count for paper");
    assert!(refused.to_string().starts_with("The Spanish translation has "), "{refused}");
    assert!(refused.to_string().ends_with("prints drafts, marked as such)."), "{refused}");

    let report = report(Recipient::Patient, &bilingual("es"));
    assert!(
        report.banner.contains("Draft translation: not yet reviewed by a qualified translator."),
        "{}",
        report.banner
    );
    assert!(report.banner.contains("Traducción preliminar: aún no revisada por un traductor calificado."));
    assert!(report.banner.contains("The English text is the official record;"));
    assert!(report.banner.contains("El texto en inglés es el registro oficial;"));
}

#[test]
fn a_reviewed_catalogue_prints_under_the_default_settings_without_the_draft_note() {
    let catalogue = parse(&reviewed("so")).expect("a catalogue");
    assert!(catalogue.drafts().is_empty());
    let language = catalogue.bilingual(DraftTranslations::Refuse).expect("reviewed strings print");
    let report = report(Recipient::Patient, &language);
    assert!(!report.banner.contains("Draft translation"), "{}", report.banner);
    assert!(report.banner.contains("Qoraalka Ingiriisiga ah waa diiwaanka rasmiga ah"), "{}", report.banner);
}

#[test]
fn a_reviewed_string_whose_english_has_changed_reads_as_a_draft_again() {
    let mut value = reviewed("hmn");
    value["strings"]["due_next"]["english"] = "Due soon".into();
    let catalogue = parse(&value).expect("a catalogue");
    assert_eq!(catalogue.stale(), vec!["due_next".to_owned()]);
    assert_eq!(catalogue.drafts(), vec!["due_next".to_owned()]);
    assert_eq!(catalogue.bilingual(DraftTranslations::Refuse).expect_err("refused").drafts, 1);
}

#[test]
fn organization_copies_stay_english_whatever_language_is_chosen() {
    for (code, _, _) in LANGUAGES {
        for recipient in [Recipient::School, Recipient::Provider, Recipient::DoseCounts] {
            assert_eq!(
                report(recipient, &bilingual(code)),
                report(recipient, &Language::English),
                "{code}: the {recipient:?} copy"
            );
        }
    }
}

#[test]
fn the_patients_copy_gives_headings_labels_groups_and_statuses_in_both_languages() {
    let english = all_text(&report(Recipient::Patient, &Language::English));
    let spanish = all_text(&report(Recipient::Patient, &bilingual("es")));
    for expected in [
        "Immunization record\u{2063}Registro de vacunación",
        "Immunizations\u{2028}Vacunas",
        "Date of birth\u{2028}Fecha de nacimiento",
        "female\u{2063}femenino",
        "Varicella (chickenpox)\u{2028}Varicela",
        "MMR\u{2028}MMR (sarampión, paperas, rubéola)",
        "Hepatitis B",
        "administered\u{2063}administrada",
        "refused\u{2063}rechazada",
        "Minnesota school immunization status\u{2028}Estado de vacunación escolar de Minnesota",
        "not complete (based on the doses in this record only)\u{2028}incompleto (basado solo en las dosis de este registro)",
        "Release\u{2028}Entrega",
    ] {
        assert!(spanish.contains(expected), "{expected:?} is not in:\n{spanish}");
    }
    // A gist follows the English status, whose details stay in English.
    assert!(spanish.contains("not complete: "), "{spanish}");
    assert!(spanish.contains("\u{2028}incompleto"), "{spanish}");
    assert!(spanish.contains("1 of 4\u{2028}1 de 4") || spanish.contains("dose 1\u{2028}dosis 1"), "{spanish}");
    // A word the same in both languages is printed once.
    assert!(!spanish.contains("Hepatitis B\u{2028}Hepatitis B"), "{spanish}");
    // Everything the English copy prints is still there: the English is the record.
    for line in english.lines().filter(|l| !l.is_empty()) {
        for word in line.split_whitespace() {
            assert!(spanish.contains(word), "{word:?} (from {line:?}) is missing from the bilingual copy");
        }
    }
}

#[test]
fn every_language_fills_the_patients_copy_and_keeps_its_values() {
    let english = report(Recipient::Patient, &Language::English);
    for (code, _, _) in LANGUAGES {
        let catalogue = shipped(code);
        let text = all_text(&report(Recipient::Patient, &bilingual(code)));
        for key in ["immunizations", "birth_date", "school_status", "release", "withheld"] {
            let translated = &catalogue.strings[key].text;
            assert!(text.contains(translated.as_str()), "{code}: {key} ({translated:?}) is not in:\n{text}");
        }
        for value in ["Hodan", "Warsame", "2019-03-01", "2019-05-01", "2020-03-04"] {
            assert!(text.contains(value), "{code}: {value}");
        }
        let english_text = all_text(&english);
        assert!(text.len() > english_text.len(), "{code}: the bilingual copy adds to the English");
    }
}

#[test]
fn a_line_separator_in_the_record_is_never_read_as_a_translation() {
    // U+2028 marks a translation in the report's own words; in a value from the record it prints
    // as the placeholder, on every copy, so nothing of the record is marked as another language.
    let mut record = child();
    record.patient.names[0].value.given = vec!["Ho\u{2028}dan".into()];
    record.immunizations[0].vaccine = "DTaP\u{2063}IPV".into();
    let outcome = ReadOutcome { records: vec![record], ..ReadOutcome::default() };
    let redacted = redact(&outcome, &Profile::default_for(Recipient::Patient), &StaffRedactions::default());
    let time = PartialDate::parse("2024-09-02").and_then(|d| ReleaseTime::new(d, 9, 5)).expect("a time");
    let attestation = Attestation::not_recorded("Desk\u{2028}Staff".into(), time, Recipient::Patient, None);
    for language in [Language::English, bilingual("es")] {
        let report = build(&redacted, &attestation, StatusRequest::default(), &language);
        let text = all_text(&report);
        assert!(text.contains("Ho\u{25A1}dan"), "{text}");
        assert!(text.contains("DTaP\u{25A1}IPV"), "{text}");
        assert!(text.contains("Desk\u{25A1}Staff"), "{text}");
        for line in text.lines().filter(|line| line.contains(['\u{2028}', '\u{2063}'])) {
            assert!(!line.contains("Hodan") && !line.contains("IPV") && !line.contains("Staff"), "{line}");
        }
    }
}
