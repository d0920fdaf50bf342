//! The kiosk's own words a family reads (the shell, the intake screen), by catalogue key, in
//! English; and [`Words`], one language's translation of them read from its catalogue file (the
//! same file as the report's words, `crates/report/translations/`; `recdesk-report` checks every
//! shipped file has every key). Kept apart from the report's catalogue code so the first screen's
//! module carries only this.

use std::collections::BTreeMap;

/// The languages Record Desk has catalogues for: code, name in English, name in itself. MDH names
/// Spanish, Hmong and Somali as Minnesota's most spoken languages after English.
pub const LANGUAGES: [(&str, &str, &str); 3] =
    [("es", "Spanish", "Español"), ("so", "Somali", "Soomaali"), ("hmn", "Hmong", "Hmoob")];

/// The English name of the language `code` ("Somali"); empty for a code without a catalogue.
pub fn english_name(code: &str) -> &'static str {
    LANGUAGES.iter().find(|(c, _, _)| *c == code).map_or("", |(_, name, _)| name)
}

/// The kiosk screens' words: key, English. The app shows the English through [`Words::text`].
pub const SCREEN: [(&str, &str); 13] = [
    (
        "screen.privacy_promise",
        "Nothing leaves or stays on this device. What you paste or open is read here, in this browser tab: it is \
         never sent anywhere and never saved, and closing the tab erases it.",
    ),
    ("screen.end_session", "End session"),
    (
        "screen.idle_warning",
        "No one has used Record Desk for a while: everything on screen will be erased in {seconds} seconds.",
    ),
    ("screen.keep_working", "Keep working"),
    ("screen.language", "Language"),
    ("screen.intake_heading", "A record to read"),
    (
        "screen.intake_label",
        "Paste an HL7 v2 message, FHIR JSON or a SMART Health Card (shc:/…), or drop its file here (a PDF or a \
         picture of the card works too)",
    ),
    ("screen.open_file", "Open a file…"),
    ("screen.camera_start", "Scan a QR code with the camera"),
    ("screen.camera_stop", "Stop the camera"),
    ("screen.clear", "Clear"),
    (
        "screen.kiosk_no_links",
        "Opening links (SMART Health Links, FHIR addresses) is turned off on this kiosk: it does not use the \
         network. Paste the record, open its file, or open a picture of its QR code.",
    ),
    ("screen.bring_title", "What the requester can bring next time:"),
];

/// The English of a screen word. Unknown keys give an empty string (a test checks every key the
/// app asks for is here).
pub fn english(key: &str) -> &'static str {
    SCREEN.iter().find(|(k, _)| *k == key).map_or("", |(_, english)| english)
}

/// One language's words for the screens, from its catalogue file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Words {
    /// BCP 47 code ("es"), for the elements' `lang`.
    pub language: String,
    /// The language's name in English ("Somali"), for messages.
    pub english_name: String,
    /// Translations by key (the screen words, the "what to bring" items and the draft note), each
    /// with the English it was made from.
    texts: BTreeMap<String, (String, String)>,
    /// Whether any of them is still a draft (or was made from English that has since changed):
    /// the screens then say so.
    pub draft: bool,
}

/// The keys a screen may show from a catalogue: its own words, the items a denial asks the
/// requester to bring (`bring.`), and the draft note.
fn shown_on_screens(key: &str) -> bool {
    key.starts_with("screen.") || key.starts_with("bring.") || key == "draft_translation"
}

impl Words {
    /// Reads a catalogue file's screen words. A string missing here shows in English.
    pub fn parse(json: &str) -> Result<Words, String> {
        let value: serde_json::Value = serde_json::from_str(json).map_err(|e| format!("not a catalogue ({e})"))?;
        let language = value.get("language").and_then(|v| v.as_str()).ok_or("not a catalogue (no language)")?;
        let strings = value.get("strings").and_then(|v| v.as_object()).ok_or("not a catalogue (no strings)")?;
        let english_name = value.get("english_name").and_then(|v| v.as_str()).unwrap_or(language);
        let mut words =
            Words { language: language.to_owned(), english_name: english_name.to_owned(), ..Words::default() };
        for (key, entry) in strings.iter().filter(|(key, _)| shown_on_screens(key)) {
            let Some(text) = entry.get("text").and_then(|t| t.as_str()).filter(|t| !t.trim().is_empty()) else {
                continue;
            };
            let made_from = entry.get("english").and_then(|e| e.as_str()).unwrap_or_default();
            // A screen word whose English has changed since is not shown (see `translation`).
            let stale = key.starts_with("screen.") && made_from != english(key);
            words.draft |= stale || entry.get("status").and_then(|s| s.as_str()) != Some("reviewed");
            words.texts.insert(key.clone(), (made_from.to_owned(), text.to_owned()));
        }
        Ok(words)
    }

    /// The words for the screens, when the clinic's settings allow what they hold: a language
    /// with words no reviewer has checked only under `"draft_translations": "print_marked"` (the
    /// screens then say "draft translation"), as for paper.
    pub fn for_screens(json: &str, drafts_allowed: bool) -> Result<Words, String> {
        let words = Words::parse(json).map_err(|why| format!("The words for this language were not used: {why}."))?;
        if words.draft && !drafts_allowed {
            return Err(format!(
                "The {} words for these screens are not yet reviewed by a qualified translator, and this clinic's \
                 settings show only reviewed translations (\"draft_translations\": \"print_marked\" shows drafts, \
                 marked as such). The screens stay in English.",
                words.english_name
            ));
        }
        Ok(words)
    }

    /// The word for `key` in this language, or its English.
    pub fn text(&self, key: &str) -> String {
        self.translation(key).map_or_else(|| english(key).to_owned(), str::to_owned)
    }

    /// The translation of a screen word or the draft note, when there is a current one.
    pub fn translation(&self, key: &str) -> Option<&str> {
        let (made_from, text) = self.texts.get(key)?;
        (!key.starts_with("screen.") || made_from == english(key)).then_some(text.as_str())
    }

    /// The translation of `key` when it was made from `english` as it reads now (a denial's item,
    /// whose English lives in recdesk-access).
    pub fn translation_of(&self, key: &str, english: &str) -> Option<&str> {
        self.texts.get(key).filter(|(made_from, _)| made_from == english).map(|(_, text)| text.as_str())
    }

    /// Every current translation, by key, with the English it was made from.
    pub fn texts(&self) -> impl Iterator<Item = (&str, &str, &str)> {
        self.texts
            .iter()
            .filter(|(key, _)| self.translation(key).is_some())
            .map(|(key, (made_from, text))| (key.as_str(), made_from.as_str(), text.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_catalogue_gives_its_screen_words_and_english_fills_what_it_lacks() {
        let json = r#"{"language": "es", "strings": {
            "screen.end_session": {"english": "End session", "text": "Terminar sesión", "status": "reviewed"},
            "screen.clear": {"english": "Clear", "text": " ", "status": "reviewed"},
            "title": {"english": "Immunization record", "text": "Registro de vacunación", "status": "draft"}
        }}"#;
        let words = Words::parse(json).expect("a catalogue");
        assert_eq!(words.language, "es");
        assert_eq!(words.text("screen.end_session"), "Terminar sesión");
        assert_eq!(words.text("screen.clear"), "Clear", "an empty text shows the English");
        assert_eq!(words.text("screen.keep_working"), "Keep working");
        assert!(!words.draft, "the report's strings do not make the screens a draft");
        assert_eq!(words.translation("title"), None, "the report's words are not the screens'");
        assert!(Words::parse("[1]").is_err());
    }

    #[test]
    fn drafts_show_only_when_the_clinic_allows_and_changed_english_is_not_shown() {
        let json = r#"{"language": "so", "english_name": "Somali", "strings": {
            "screen.end_session": {"english": "End session", "text": "Dhammee fadhiga", "status": "reviewed"},
            "screen.clear": {"english": "Clear all", "text": "Tirtir", "status": "reviewed"},
            "bring.badge": {"english": "or an organization staff badge", "text": "ama kaarka", "status": "reviewed"}
        }}"#;
        let words = Words::parse(json).expect("a catalogue");
        assert!(words.draft, "a word made from English that has changed since reads as a draft");
        assert_eq!(words.text("screen.clear"), "Clear", "and is not shown");
        assert_eq!(words.text("screen.end_session"), "Dhammee fadhiga");
        assert_eq!(words.translation_of("bring.badge", "or an organization staff badge"), Some("ama kaarka"));
        assert_eq!(words.translation_of("bring.badge", "or a staff badge"), None);
        let refused = Words::for_screens(json, false).expect_err("drafts refused");
        assert!(refused.starts_with("The Somali words for these screens are not yet reviewed"), "{refused}");
        assert!(Words::for_screens(json, true).is_ok());
    }

    #[test]
    fn english_words_have_keys_of_their_own() {
        let mut keys: Vec<&str> = SCREEN.iter().map(|(k, _)| *k).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), SCREEN.len());
        assert_eq!(english("screen.end_session"), "End session");
        assert_eq!(english("screen.nothing"), "");
    }
}
