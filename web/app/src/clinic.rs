//! The clinic's settings file, `settings.json` beside the app: fetched once at start (the service
//! worker serves it network-first and keeps the copy it last saw, so an offline kiosk keeps the
//! clinic's settings). `recdesk_settings` reads it; a file it rejects is not used at all, and the
//! app says which key and why.

use gloo_net::http::Request;
use recdesk_settings::ClinicSettings;

/// What became of the settings file.
#[derive(Clone, Debug, PartialEq)]
pub enum Loaded {
    /// Still being fetched: the safe defaults apply meanwhile.
    Loading,
    /// The site has none: the safe defaults apply.
    Absent,
    /// Read and used; `text` goes to the desk module, which reads it the same way.
    Used { settings: ClinicSettings, text: String },
    /// Found but not used, and why (in words for the desk).
    Rejected(String),
    /// Could not be fetched (offline before the first visit cached it): the safe defaults apply.
    Unreachable,
}

impl Loaded {
    /// The settings in force: the file's, or the safe defaults.
    pub fn settings(&self) -> ClinicSettings {
        match self {
            Loaded::Used { settings, .. } => *settings,
            _ => ClinicSettings::default(),
        }
    }

    /// The file's text, for the desk module, when it was used.
    pub fn text(&self) -> Option<&str> {
        match self {
            Loaded::Used { text, .. } => Some(text),
            _ => None,
        }
    }
}

/// Fetches and reads `settings.json`.
pub async fn load() -> Loaded {
    let Ok(response) = Request::get("settings.json").send().await else { return Loaded::Unreachable };
    match response.status() {
        404 => Loaded::Absent,
        200 => match response.text().await {
            Ok(text) => loaded(text),
            Err(_) => Loaded::Rejected("it could not be read".to_owned()),
        },
        status => Loaded::Rejected(format!("the server answered HTTP {status}")),
    }
}

fn loaded(text: String) -> Loaded {
    match ClinicSettings::parse(&text) {
        Ok(settings) => Loaded::Used { settings, text },
        Err(problem) => Loaded::Rejected(problem.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::*;

    use super::*;

    #[wasm_bindgen_test]
    fn a_valid_file_is_used_and_a_bad_one_is_rejected_with_its_key() {
        let used = loaded(r#"{"version": 1, "kiosk_idle_seconds": 300}"#.to_owned());
        assert_eq!(used.settings().kiosk_idle_seconds, 300);
        assert!(used.text().is_some());
        let rejected = loaded(r#"{"version": 1, "kiosk_idle_seconds": 9000}"#.to_owned());
        assert_eq!(rejected.settings(), ClinicSettings::default());
        assert!(matches!(&rejected, Loaded::Rejected(why) if why.contains("kiosk_idle_seconds")), "{rejected:?}");
        assert!(rejected.text().is_none());
    }
}
