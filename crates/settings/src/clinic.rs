//! The clinic's settings file: the points the law leaves open, answered by the clinic's counsel,
//! and the kiosk's idle time. Deployed as `settings.json` beside the app (or given to the CLI with
//! `--settings FILE`). A file with an unknown key or a bad value is rejected whole, with the key
//! and the reason: never a silent fallback to part of it.

use std::fmt;

use serde_json::{Map, Value};

use crate::access::{
    AccessSettings, ConservatorPolicy, CustodianPolicy, DeceasedRelativePolicy, HEPATITIS_B_REVIEW_AGE, MinorSelfPolicy,
};

/// The settings file's format version; a file must state it.
pub const SETTINGS_VERSION: u64 = 1;

/// Seconds without use before a kiosk's session is wiped, unless the clinic sets another time.
pub const KIOSK_IDLE_SECONDS: u32 = 120;

/// The shortest idle time: the wipe warns first, and a shorter time would wipe before anyone
/// could answer the warning.
pub const SHORTEST_IDLE_SECONDS: u32 = 30;

/// The longest idle time a clinic may set for a kiosk (an hour).
pub const LONGEST_IDLE_SECONDS: u32 = 3600;

/// Every setting, with the safe default where the file is silent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClinicSettings {
    pub access: AccessSettings,
    /// Seconds without use before a kiosk wipes its session.
    pub kiosk_idle_seconds: u32,
    /// Whether a translation with strings no reviewer has checked may be printed.
    pub draft_translations: DraftTranslations,
}

/// A translation of the patient's copy whose strings are not all reviewed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DraftTranslations {
    /// Not printed: the copy is printed in English only, and staff are told why.
    #[default]
    Refuse,
    /// Printed beside the English, and the paper says "draft translation" in both languages.
    PrintMarked,
}

impl Default for ClinicSettings {
    fn default() -> Self {
        ClinicSettings {
            access: AccessSettings::default(),
            kiosk_idle_seconds: KIOSK_IDLE_SECONDS,
            draft_translations: DraftTranslations::Refuse,
        }
    }
}

/// Why a settings file was not used: the key (empty for the file as a whole) and the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingsError {
    pub key: String,
    pub why: String,
}

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.key.is_empty() { f.write_str(&self.why) } else { write!(f, "\"{}\": {}", self.key, self.why) }
    }
}

impl std::error::Error for SettingsError {}

/// The keys a settings file may hold, with what each means: the README's table and `--help` list
/// the same ones.
pub const SETTINGS_KEYS: [(&str, &str); 8] = [
    ("version", "1 (required)"),
    ("conservator", "\"refer\" (default) or \"release_with_letters\""),
    ("other_relative_of_deceased", "\"refer\" (default) or \"require_consent\""),
    ("custodian", "\"refer\" (default) or \"release_with_order\""),
    ("minor_own_record", "\"refer\" (default) or {\"release_from_age\": 0 to 17}"),
    ("hepatitis_b_review_age", "0 to 17 (default 12)"),
    ("kiosk_idle_seconds", "30 to 3600 (default 120)"),
    ("draft_translations", "\"refuse\" (default) or \"print_marked\""),
];

impl ClinicSettings {
    /// Reads a settings file. Every key must be known and every value valid, or nothing is used.
    pub fn parse(text: &str) -> Result<ClinicSettings, SettingsError> {
        let value: Value = serde_json::from_str(text)
            .map_err(|error| SettingsError { key: String::new(), why: format!("it is not JSON ({error})") })?;
        let Value::Object(_) = value else {
            return Err(whole("it must be a JSON object of settings, like {\"version\": 1}"));
        };
        // A key given twice would be read as its last value: refused, so nothing is half applied.
        let UniqueKeys(object) = serde_json::from_str(text).map_err(|error| {
            let message = error.to_string();
            match message.split('`').nth(1) {
                Some(key) if message.starts_with("duplicate") => bad(key, "given twice"),
                _ => whole(&message),
            }
        })?;
        if let Some(unknown) = object.keys().find(|key| SETTINGS_KEYS.iter().all(|(known, _)| known != key)) {
            let known: Vec<&str> = SETTINGS_KEYS.iter().map(|(key, _)| *key).collect();
            return Err(bad(unknown, &format!("not a setting (the settings are {})", known.join(", "))));
        }
        match object.get("version") {
            Some(Value::Number(n)) if n.as_u64() == Some(SETTINGS_VERSION) => {}
            Some(_) => return Err(bad("version", "must be 1, the format this version of Record Desk reads")),
            None => return Err(bad("version", "missing: a settings file states its format, \"version\": 1")),
        }
        let mut settings = ClinicSettings::default();
        let access = &mut settings.access;
        if let Some(value) = choice(&object, "conservator", &["refer", "release_with_letters"])? {
            access.conservator =
                if value == "refer" { ConservatorPolicy::Refer } else { ConservatorPolicy::ReleaseWithLetters };
        }
        if let Some(value) = choice(&object, "other_relative_of_deceased", &["refer", "require_consent"])? {
            access.other_relative_of_deceased =
                if value == "refer" { DeceasedRelativePolicy::Refer } else { DeceasedRelativePolicy::RequireConsent };
        }
        if let Some(value) = choice(&object, "custodian", &["refer", "release_with_order"])? {
            access.custodian =
                if value == "refer" { CustodianPolicy::Refer } else { CustodianPolicy::ReleaseWithOrder };
        }
        if let Some(value) = object.get("minor_own_record") {
            access.minor_own_record = minor_own_record(value)?;
        }
        if let Some(age) = whole_number(&object, "hepatitis_b_review_age", 0, 17, "at 18 a dose is an adult's")? {
            access.hepatitis_b_review_from_age = age as u8;
        }
        if let Some(seconds) = whole_number(
            &object,
            "kiosk_idle_seconds",
            u64::from(SHORTEST_IDLE_SECONDS),
            u64::from(LONGEST_IDLE_SECONDS),
            "a kiosk always wipes an idle session, warning first",
        )? {
            settings.kiosk_idle_seconds = seconds as u32;
        }
        if let Some(value) = choice(&object, "draft_translations", &["refuse", "print_marked"])? {
            settings.draft_translations =
                if value == "refuse" { DraftTranslations::Refuse } else { DraftTranslations::PrintMarked };
        }
        Ok(settings)
    }

    /// Every setting that differs from its default, in words: what the attestation names.
    pub fn differences(&self) -> Vec<String> {
        let mut lines = self.access.differences();
        if self.kiosk_idle_seconds != KIOSK_IDLE_SECONDS {
            lines.push(format!("kiosk idle time {} seconds (default {KIOSK_IDLE_SECONDS})", self.kiosk_idle_seconds));
        }
        if self.draft_translations == DraftTranslations::PrintMarked {
            lines.push("draft translations are printed, marked as drafts".to_owned());
        }
        lines
    }

    /// Seconds without use before the session is wiped, or None for never. On a kiosk the
    /// clinic's time applies and the address bar may only shorten it; at a staffed desk there is no
    /// wipe unless `?idle=` asks for one (0 keeps it off).
    pub fn idle_seconds(&self, kiosk: bool, from_url: Option<u32>) -> Option<u32> {
        let asked = from_url.map(|seconds| seconds.max(SHORTEST_IDLE_SECONDS));
        match (kiosk, from_url) {
            (true, Some(0)) | (true, None) => Some(self.kiosk_idle_seconds),
            (true, Some(_)) => asked.map(|seconds| seconds.min(self.kiosk_idle_seconds)),
            (false, Some(0)) | (false, None) => None,
            (false, Some(_)) => asked,
        }
    }
}

impl AccessSettings {
    /// Every access setting that differs from its default, in words.
    pub fn differences(&self) -> Vec<String> {
        let default = AccessSettings::default();
        let mut lines = Vec::new();
        if self.conservator != default.conservator {
            lines.push("conservators with letters are released to (default: refer)".to_owned());
        }
        if self.other_relative_of_deceased != default.other_relative_of_deceased {
            lines.push("other relatives of a deceased patient released to with a consent (default: refer)".to_owned());
        }
        if self.custodian != default.custodian {
            lines.push("custodians with the order are released to as parents (default: refer)".to_owned());
        }
        if let MinorSelfPolicy::ReleaseFromAge(age) = self.minor_own_record {
            lines.push(format!("a minor of {age} or older may have their own record (default: refer)"));
        }
        if self.hepatitis_b_review_from_age != HEPATITIS_B_REVIEW_AGE {
            lines.push(format!(
                "hepatitis B doses held from age {} (default {HEPATITIS_B_REVIEW_AGE})",
                self.hepatitis_b_review_from_age
            ));
        }
        lines
    }
}

/// A JSON object whose keys are each given once.
struct UniqueKeys(Map<String, Value>);

impl<'de> serde::Deserialize<'de> for UniqueKeys {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = UniqueKeys;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut access: A) -> Result<UniqueKeys, A::Error> {
                let mut map = Map::new();
                while let Some((key, value)) = access.next_entry::<String, Value>()? {
                    if map.contains_key(&key) {
                        return Err(serde::de::Error::custom(format!("duplicate key `{key}`")));
                    }
                    map.insert(key, value);
                }
                Ok(UniqueKeys(map))
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

fn whole(why: &str) -> SettingsError {
    SettingsError { key: String::new(), why: why.to_owned() }
}

fn bad(key: &str, why: &str) -> SettingsError {
    SettingsError { key: key.to_owned(), why: why.to_owned() }
}

/// A string setting that must be one of `choices`; None when absent.
fn choice<'a>(object: &'a Map<String, Value>, key: &str, choices: &[&str]) -> Result<Option<&'a str>, SettingsError> {
    match object.get(key) {
        None => Ok(None),
        Some(Value::String(text)) if choices.contains(&text.as_str()) => Ok(Some(text)),
        Some(_) => Err(bad(key, &format!("must be one of \"{}\"", choices.join("\", \"")))),
    }
}

/// A whole-number setting within `low..=high`; None when absent.
fn whole_number(
    object: &Map<String, Value>,
    key: &str,
    low: u64,
    high: u64,
    why_the_limit: &str,
) -> Result<Option<u64>, SettingsError> {
    match object.get(key) {
        None => Ok(None),
        Some(Value::Number(n)) if n.as_u64().is_some_and(|n| (low..=high).contains(&n)) => Ok(n.as_u64()),
        Some(_) => Err(bad(key, &format!("must be a whole number from {low} to {high} ({why_the_limit})"))),
    }
}

fn minor_own_record(value: &Value) -> Result<MinorSelfPolicy, SettingsError> {
    const WHY: &str = "must be \"refer\" or {\"release_from_age\": a whole number from 0 to 17}";
    match value {
        Value::String(text) if text == "refer" => Ok(MinorSelfPolicy::Refer),
        Value::Object(object) if object.len() == 1 => match object.get("release_from_age") {
            Some(Value::Number(n)) if n.as_u64().is_some_and(|age| age <= 17) => {
                Ok(MinorSelfPolicy::ReleaseFromAge(n.as_u64().unwrap_or(17) as u8))
            }
            _ => Err(bad("minor_own_record", WHY)),
        },
        _ => Err(bad("minor_own_record", WHY)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_file_the_safe_defaults_apply() {
        let settings = ClinicSettings::default();
        assert_eq!(settings.access, AccessSettings::default());
        assert!(settings.differences().is_empty());
        assert_eq!(ClinicSettings::parse(r#"{"version": 1}"#), Ok(settings));
    }

    #[test]
    fn a_valid_file_sets_each_point_and_says_what_differs() {
        let settings = ClinicSettings::parse(
            r#"{"version": 1, "conservator": "release_with_letters", "minor_own_record": {"release_from_age": 16},
                "hepatitis_b_review_age": 14, "kiosk_idle_seconds": 300, "custodian": "refer"}"#,
        )
        .expect("valid");
        assert_eq!(settings.access.conservator, ConservatorPolicy::ReleaseWithLetters);
        assert_eq!(settings.access.minor_own_record, MinorSelfPolicy::ReleaseFromAge(16));
        assert_eq!(settings.access.hepatitis_b_review_from_age, 14);
        assert_eq!(settings.kiosk_idle_seconds, 300);
        let differences = settings.differences().join("; ");
        for expected in ["conservators", "minor of 16", "held from age 14", "300 seconds"] {
            assert!(differences.contains(expected), "{expected} in {differences}");
        }
        assert!(!differences.contains("custodian"), "the default is not a difference: {differences}");
    }

    #[test]
    fn one_bad_key_or_value_rejects_the_whole_file_and_names_it() {
        let cases = [
            (r#"{"version": 1, "conservator": "release"}"#, "conservator"),
            (r#"{"version": 1, "hepatitis_b_review_age": 18}"#, "hepatitis_b_review_age"),
            (r#"{"version": 1, "hepatitis_b_review_age": -1}"#, "hepatitis_b_review_age"),
            (r#"{"version": 1, "kiosk_idle_seconds": 0}"#, "kiosk_idle_seconds"),
            (r#"{"version": 1, "kiosk_idle_seconds": 7200}"#, "kiosk_idle_seconds"),
            (r#"{"version": 1, "minor_own_record": {"release_from_age": 18}}"#, "minor_own_record"),
            (r#"{"version": 1, "minor_own_record": "release"}"#, "minor_own_record"),
            (r#"{"version": 1, "hepatits_b_review_age": 14}"#, "hepatits_b_review_age"),
            (r#"{"version": 2}"#, "version"),
            (r#"{"conservator": "refer"}"#, "version"),
            (r#"{"version": 1, "custodian": "bogus", "custodian": "release_with_order"}"#, "custodian"),
        ];
        for (text, key) in cases {
            let error = ClinicSettings::parse(text).expect_err(text);
            assert_eq!(error.key, key, "{text}: {error}");
            assert!(!error.why.is_empty());
        }
        for text in ["not json", "[1]", ""] {
            let error = ClinicSettings::parse(text).expect_err(text);
            assert!(error.key.is_empty() && !error.to_string().is_empty(), "{text}: {error}");
        }
    }

    #[test]
    fn the_address_bar_may_only_make_the_idle_wipe_stricter() {
        let settings = ClinicSettings { kiosk_idle_seconds: 300, ..ClinicSettings::default() };
        // A kiosk: the clinic's time, shorter if asked, never longer and never off.
        assert_eq!(settings.idle_seconds(true, None), Some(300));
        assert_eq!(settings.idle_seconds(true, Some(60)), Some(60));
        assert_eq!(settings.idle_seconds(true, Some(10)), Some(SHORTEST_IDLE_SECONDS));
        assert_eq!(settings.idle_seconds(true, Some(3000)), Some(300));
        assert_eq!(settings.idle_seconds(true, Some(0)), Some(300));
        // A staffed desk: no wipe unless asked for.
        assert_eq!(settings.idle_seconds(false, None), None);
        assert_eq!(settings.idle_seconds(false, Some(0)), None);
        assert_eq!(settings.idle_seconds(false, Some(600)), Some(600));
    }
}
