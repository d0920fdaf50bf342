//! One language's translation of the report's words, as a reviewer edits it: a JSON file of
//! strings, each with the English it translates and a status (draft or reviewed). The files ship
//! in `translations/`; the CLI compiles them in, the browser fetches one when a language is
//! chosen. A catalogue must have every key and no other, and keep every `{placeholder}`: a file
//! that does not is refused whole, as a settings file is.

use std::collections::BTreeMap;
use std::fmt;

use recdesk_codes::VaccineGroup;
use recdesk_record::{DoseStatus, ObservationKind};
use recdesk_school::Overall;
use recdesk_settings::DraftTranslations;
use serde::Deserialize;

use crate::{INLINE_TRANSLATION, Labels, Language, TRANSLATION_BREAK};

/// The languages with a catalogue: code, name in English, name in itself.
pub use recdesk_words::LANGUAGES;

/// The catalogue shipped for `code`, as its file reads.
pub fn shipped(code: &str) -> Option<&'static str> {
    Some(match code {
        "es" => include_str!("../translations/es.json"),
        "so" => include_str!("../translations/so.json"),
        "hmn" => include_str!("../translations/hmn.json"),
        _ => return None,
    })
}

/// Labels never translated: those printed only on organization copies, dose counts or the chart
/// note; a lot number's word (it identifies the vaccine, as the CVX name does, and sits inside
/// the vaccine's cell); and the school status's sources (citations, which would print twice).
const ENGLISH_ONLY: [&str; 15] = [
    "lot",
    "school_sources",
    "title_summary",
    "banner_school",
    "banner_provider",
    "banner_summary",
    "metadata_creator",
    "chart_note_title",
    "chart_note_banner",
    "chart_note_heading",
    "chart_note_footer",
    "summary",
    "year",
    "doses",
    "narrower_copy",
];

/// Labels that sit inside a line (a value, a page number): the translation follows after
/// `INLINE_TRANSLATION`, drawn as " / ".
/// The others (headings, field labels, column titles, paragraphs) take a line of their own.
const INLINE: [&str; 14] = [
    "title",
    "yes",
    "no",
    "no_date",
    "administered",
    "historical",
    "continued",
    "overdue_now",
    "page",
    "issued_by",
    "none_recorded",
    "not_known",
    "more_doses",
    "based_on_this_record_only",
];

/// The gist of a status whose details stay in English (the report's own words for it).
const GISTS: [(&str, &str); 13] = [
    ("school.state.complete", "complete"),
    ("school.state.in_process", "in process"),
    ("school.state.not_complete", "not complete"),
    ("school.state.exemption_may_apply", "a medical exemption may apply"),
    ("school.state.not_required", "not required"),
    ("school.state.not_stated", "not stated"),
    ("dose.valid", "valid"),
    ("dose.numbered", "dose {number}"),
    ("dose.of", "{number} of {count}"),
    ("dose.not_valid", "not valid"),
    ("dose.does_not_count", "does not count"),
    ("dose.extra", "extra dose"),
    ("dose.not_evaluated", "not evaluated"),
];

const DOSE_STATUSES: [DoseStatus; 4] =
    [DoseStatus::Refused, DoseStatus::NotAdministered, DoseStatus::Partial, DoseStatus::EnteredInError];

const OBSERVATIONS: [ObservationKind; 5] = [
    ObservationKind::EvidenceOfImmunity,
    ObservationKind::Contraindication,
    ObservationKind::Reaction,
    ObservationKind::SpecialRisk,
    ObservationKind::Serology,
];

const OVERALLS: [Overall; 5] =
    [Overall::Complete, Overall::InProcess, Overall::NotComplete, Overall::ExemptionMayApply, Overall::NotStated];

/// HL7 table 0001's sexes as the report words them.
pub(crate) const SEXES: [(&str, &str); 3] = [("F", "female"), ("M", "male"), ("U", "unknown")];

/// A value's name as serde spells it ("hepatitis_b").
fn serde_name(value: impl serde::Serialize) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

pub(crate) fn group_key(group: VaccineGroup) -> String {
    format!("group.{}", serde_name(group))
}

pub(crate) fn dose_status_key(status: DoseStatus) -> String {
    format!("dose_status.{}", serde_name(status))
}

pub(crate) fn observation_key(kind: ObservationKind) -> String {
    format!("observation.{}", serde_name(kind))
}

pub(crate) fn overall_key(overall: Overall) -> String {
    format!("school.overall.{}", serde_name(overall))
}

pub(crate) fn sex_key(english: &str) -> String {
    format!("sex.{english}")
}

/// Every key a catalogue translates, with the English Record Desk prints for it: the labels (in
/// key order), then the terms.
pub fn english() -> Vec<(String, String)> {
    let mut strings = Vec::new();
    if let Ok(serde_json::Value::Object(labels)) = serde_json::to_value(&Labels::ENGLISH) {
        for (key, value) in labels {
            if let (false, Some(text)) = (ENGLISH_ONLY.contains(&key.as_str()), value.as_str()) {
                strings.push((key.clone(), text.to_owned()));
            }
        }
    }
    strings.extend(VaccineGroup::DISPLAY_ORDER.iter().map(|g| (group_key(*g), g.label().to_owned())));
    strings.extend(DOSE_STATUSES.iter().map(|s| (dose_status_key(*s), s.label().to_owned())));
    strings.extend(OBSERVATIONS.iter().map(|k| (observation_key(*k), k.label().to_owned())));
    strings.extend(SEXES.iter().map(|(_, english)| (sex_key(english), (*english).to_owned())));
    strings.extend(OVERALLS.iter().map(|o| (overall_key(*o), o.text().to_owned())));
    strings.extend(GISTS.iter().map(|(key, english)| ((*key).to_owned(), (*english).to_owned())));
    // The kiosk's screens use the same file: their own words and what a denial asks to bring.
    strings.extend(recdesk_words::SCREEN.iter().map(|(key, english)| ((*key).to_owned(), (*english).to_owned())));
    strings.extend(recdesk_access::BRING_ITEMS.iter().map(|(key, english)| ((*key).to_owned(), (*english).to_owned())));
    strings
}

/// Whether a reviewer has checked a string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TranslationStatus {
    Draft,
    Reviewed,
}

/// One string of a catalogue.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The English this translates, as it read when translated.
    pub english: String,
    pub text: String,
    pub status: TranslationStatus,
}

/// A language's catalogue, checked against the English it translates.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// BCP 47 code: "es", "so", "hmn".
    pub language: String,
    /// The language's name in itself: "Español".
    pub name: String,
    /// Its name in English: "Spanish".
    pub english_name: String,
    /// For the reviewer: how the strings were made.
    #[serde(default)]
    pub about: String,
    pub strings: BTreeMap<String, Entry>,
}

/// Why a catalogue file was not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CatalogueError {
    NotACatalogue(String),
    Missing(Vec<String>),
    Unknown(Vec<String>),
    Placeholders { key: String, english: Vec<String>, translated: Vec<String> },
    Empty(String),
}

impl fmt::Display for CatalogueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CatalogueError::NotACatalogue(why) => write!(f, "this is not a translation catalogue ({why})"),
            CatalogueError::Missing(keys) => {
                write!(f, "the catalogue lacks {} strings: {}", keys.len(), keys.join(", "))
            }
            CatalogueError::Unknown(keys) => {
                write!(f, "the catalogue has strings Record Desk does not print: {}", keys.join(", "))
            }
            CatalogueError::Placeholders { key, english, translated } => write!(
                f,
                "\"{key}\" must keep the English's placeholders ({}), but has ({})",
                english.join(" "),
                translated.join(" ")
            ),
            CatalogueError::Empty(key) => write!(f, "\"{key}\" has no text"),
        }
    }
}

impl std::error::Error for CatalogueError {}

/// Why a translation was not printed: the copy is printed in English only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TranslationRefused {
    pub language: String,
    pub drafts: usize,
}

impl fmt::Display for TranslationRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "The {} translation has {} strings no reviewer has checked yet, and this clinic's settings print \
             only reviewed translations (\"draft_translations\": \"print_marked\" prints drafts, marked as \
             such).",
            self.language, self.drafts
        )
    }
}

impl std::error::Error for TranslationRefused {}

/// The `{placeholders}` of a text, in the order they appear.
fn placeholders(text: &str) -> Vec<String> {
    text.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| format!("{{{name}}}"))).collect()
}

fn same_placeholders(english: &[String], translated: &[String]) -> bool {
    let (mut a, mut b) = (english.to_vec(), translated.to_vec());
    a.sort();
    b.sort();
    a == b
}

impl Catalogue {
    /// Reads and checks a catalogue file.
    pub fn parse(json: &str) -> Result<Catalogue, CatalogueError> {
        let catalogue: Catalogue =
            serde_json::from_str(json).map_err(|e| CatalogueError::NotACatalogue(e.to_string()))?;
        let english = english();
        let missing: Vec<String> =
            english.iter().filter(|(key, _)| !catalogue.strings.contains_key(key)).map(|(k, _)| k.clone()).collect();
        if !missing.is_empty() {
            return Err(CatalogueError::Missing(missing));
        }
        let unknown: Vec<String> =
            catalogue.strings.keys().filter(|key| english.iter().all(|(k, _)| k != *key)).cloned().collect();
        if !unknown.is_empty() {
            return Err(CatalogueError::Unknown(unknown));
        }
        for (key, english) in &english {
            let entry = &catalogue.strings[key];
            if entry.text.trim().is_empty() {
                return Err(CatalogueError::Empty(key.clone()));
            }
            let (wanted, found) = (placeholders(english), placeholders(&entry.text));
            if !same_placeholders(&wanted, &found) {
                return Err(CatalogueError::Placeholders { key: key.clone(), english: wanted, translated: found });
            }
        }
        Ok(catalogue)
    }

    /// The shipped catalogue for `code`, checked.
    pub fn shipped(code: &str) -> Option<Result<Catalogue, CatalogueError>> {
        shipped(code).map(Catalogue::parse)
    }

    /// Keys whose English has changed since they were translated: read as drafts until a
    /// reviewer checks them again.
    pub fn stale(&self) -> Vec<String> {
        english()
            .into_iter()
            .filter(|(key, english)| self.strings.get(key).is_some_and(|e| &e.english != english))
            .map(|(key, _)| key)
            .collect()
    }

    /// Keys not yet reviewed (drafts, and reviewed strings whose English changed since).
    pub fn drafts(&self) -> Vec<String> {
        let stale = self.stale();
        self.strings
            .iter()
            .filter(|(key, entry)| entry.status == TranslationStatus::Draft || stale.contains(key))
            .map(|(key, _)| key.clone())
            .collect()
    }

    /// How many of the strings a report prints are not yet reviewed (the screens' words, `screen.`
    /// and `bring.`, are not on paper).
    pub fn drafts_on_paper(&self) -> usize {
        let on_paper = |key: &String| !key.starts_with("screen.") && !key.starts_with("bring.");
        self.drafts().iter().filter(|key| on_paper(key)).count()
    }

    /// English with this language beside it, for the patient's copy, when the clinic's settings
    /// allow what the catalogue holds: reviewed strings always, drafts only when `drafts` says to
    /// print them (then the paper says "draft translation" in both languages).
    pub fn bilingual(&self, drafts: DraftTranslations) -> Result<Language, TranslationRefused> {
        let unreviewed = self.drafts_on_paper();
        if unreviewed > 0 && drafts == DraftTranslations::Refuse {
            return Err(TranslationRefused { language: self.english_name.clone(), drafts: unreviewed });
        }
        Ok(Language::Bilingual(Box::new(self.labels(unreviewed > 0))))
    }

    /// The report's labels with each translated one beside its English.
    fn labels(&self, draft: bool) -> Labels {
        let english = Labels::ENGLISH;
        let text = |key: &str| self.strings.get(key).map_or("", |e| e.text.as_str());
        let mut map = match serde_json::to_value(&english) {
            Ok(serde_json::Value::Object(map)) => map,
            _ => return english,
        };
        for (key, value) in map.iter_mut() {
            let (Some(english), Some(entry)) = (value.as_str(), self.strings.get(key)) else { continue };
            let joined = if entry.text == english {
                english.to_owned()
            } else if INLINE.contains(&key.as_str()) {
                format!("{english}{INLINE_TRANSLATION}{}", entry.text)
            } else {
                format!("{english}{TRANSLATION_BREAK}{}", entry.text)
            };
            *value = serde_json::Value::String(joined);
        }
        let Ok(mut labels) = serde_json::from_value::<Labels>(serde_json::Value::Object(map)) else { return english };
        // The running header is the title (already in both) marked as continued in both.
        labels.running_header = format!("{{title}} {} {}", english.continued, text("continued")).into();
        // Under the banner: which text is official, and whether this is a draft, in both.
        let both = |english: &str, key: &str| format!("{english}{TRANSLATION_BREAK}{}", text(key));
        let mut banner =
            vec![labels.banner_patient.to_string(), both(&english.english_authoritative, "english_authoritative")];
        if draft {
            banner.push(both(&english.draft_translation, "draft_translation"));
        }
        labels.banner_patient = banner.join("\n").into();
        labels.terms = self.strings.iter().map(|(key, entry)| (key.clone(), entry.text.clone())).collect();
        labels.translation = Some(self.language.clone());
        labels
    }
}
