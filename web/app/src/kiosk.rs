//! Kiosk mode: a public, unattended device. Chosen with a flag in the address
//! (`index.html?kiosk`), which carries no data. In kiosk mode nothing uses the network and an idle
//! session is wiped (`?idle=SECONDS` sets the time, anywhere).

/// Whether this page was opened as a kiosk (`?kiosk` or `?kiosk=1`; `?kiosk=0` is not).
pub fn is_kiosk() -> bool {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    kiosk_flag(&search)
}

/// The idle time the address bar asks for (`?idle=SECONDS`); the clinic's settings decide what
/// it may change (`ClinicSettings::idle_seconds`: on a kiosk only shorter).
pub fn idle_from_url() -> Option<u32> {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    idle_asked(&search)
}

fn idle_asked(search: &str) -> Option<u32> {
    search.trim_start_matches('?').split('&').find_map(|pair| {
        let (name, value) = pair.split_once('=')?;
        (name == "idle").then(|| value.parse::<u32>().ok()).flatten()
    })
}

fn kiosk_flag(search: &str) -> bool {
    search.trim_start_matches('?').split('&').any(|pair| {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        name == "kiosk" && !matches!(value, "0" | "false" | "no")
    })
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::*;

    use recdesk_settings::ClinicSettings;

    use super::{idle_asked, kiosk_flag};

    #[wasm_bindgen_test]
    fn the_flag_is_read_from_the_query() {
        assert!(kiosk_flag("?kiosk"));
        assert!(kiosk_flag("?kiosk=1"));
        assert!(kiosk_flag("?lang=en&kiosk=yes"));
        assert!(!kiosk_flag(""));
        assert!(!kiosk_flag("?kiosk=0"));
        assert!(!kiosk_flag("?kiosks"));
    }

    #[wasm_bindgen_test]
    fn the_idle_wipe_defaults_to_two_minutes_on_a_kiosk_and_the_address_bar_only_shortens_it() {
        let idle = |search: &str| ClinicSettings::default().idle_seconds(kiosk_flag(search), idle_asked(search));
        assert_eq!(idle("?kiosk"), Some(120));
        assert_eq!(idle(""), None);
        assert_eq!(idle("?idle=300"), Some(300));
        assert_eq!(idle("?kiosk&idle=45"), Some(45));
        // On a kiosk the address bar can neither turn the wipe off nor lengthen it.
        assert_eq!(idle("?kiosk&idle=0"), Some(120));
        assert_eq!(idle("?kiosk&idle=9000"), Some(120));
        assert_eq!(idle("?idle=5"), Some(30));
        assert_eq!(idle("?kiosk&idle=soon"), Some(120));
    }
}
