//! Kiosk mode: a public, unattended device. Chosen with a flag in the address
//! (`index.html?kiosk`), which carries no data. In kiosk mode nothing uses the network.

/// Whether this page was opened as a kiosk (`?kiosk` or `?kiosk=1`; `?kiosk=0` is not).
pub fn is_kiosk() -> bool {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    kiosk_flag(&search)
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

    use super::kiosk_flag;

    #[wasm_bindgen_test]
    fn the_flag_is_read_from_the_query() {
        assert!(kiosk_flag("?kiosk"));
        assert!(kiosk_flag("?kiosk=1"));
        assert!(kiosk_flag("?lang=en&kiosk=yes"));
        assert!(!kiosk_flag(""));
        assert!(!kiosk_flag("?kiosk=0"));
        assert!(!kiosk_flag("?kiosks"));
    }
}
