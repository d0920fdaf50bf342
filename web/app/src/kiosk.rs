//! Kiosk mode: a public, unattended device. Chosen with a flag in the address
//! (`index.html?kiosk`), which carries no data. In kiosk mode nothing uses the network and an idle
//! session is wiped (`?idle=SECONDS` sets the time, anywhere).

/// Whether this page was opened as a kiosk (`?kiosk` or `?kiosk=1`; `?kiosk=0` is not).
pub fn is_kiosk() -> bool {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    kiosk_flag(&search)
}

/// Seconds without use before a session is wiped: `?idle=SECONDS` (0 turns it off), else two
/// minutes on a kiosk and off at a staffed desk.
pub fn idle_seconds() -> Option<u32> {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    idle_setting(&search)
}

const KIOSK_IDLE_SECONDS: u32 = 120;

fn idle_setting(search: &str) -> Option<u32> {
    let stated = search.trim_start_matches('?').split('&').find_map(|pair| {
        let (name, value) = pair.split_once('=')?;
        (name == "idle").then(|| value.parse::<u32>().ok()).flatten()
    });
    match stated {
        Some(0) => None,
        // Shorter than the warning would wipe before anyone could answer it.
        Some(seconds) => Some(seconds.max(30)),
        None => kiosk_flag(search).then_some(KIOSK_IDLE_SECONDS),
    }
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

    use super::{idle_setting, kiosk_flag};

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
    fn the_idle_wipe_defaults_to_two_minutes_on_a_kiosk_and_off_at_a_desk() {
        assert_eq!(idle_setting("?kiosk"), Some(120));
        assert_eq!(idle_setting(""), None);
        assert_eq!(idle_setting("?idle=300"), Some(300));
        assert_eq!(idle_setting("?kiosk&idle=45"), Some(45));
        assert_eq!(idle_setting("?kiosk&idle=0"), None);
        assert_eq!(idle_setting("?idle=5"), Some(30));
        assert_eq!(idle_setting("?kiosk&idle=soon"), Some(120));
    }
}
