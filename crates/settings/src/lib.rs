//! The clinic's settings: where the law leaves a point open (a conservator's access, a minor's own
//! request, the hepatitis B review age...), the clinic decides, and the kiosk's idle time. Read from
//! `settings.json` beside the app, or `recdesk --settings FILE`; a file with an unknown key or a bad
//! value is rejected whole, with the key and the reason.
//!
//! A crate of its own so the app's first screen (which needs the idle time) can read the file
//! without the access and redaction libraries; `recdesk-access` re-exports it.

mod access;
mod clinic;

pub use access::{
    AccessSettings, ConservatorPolicy, CustodianPolicy, DeceasedRelativePolicy, HEPATITIS_B_REVIEW_AGE, MinorSelfPolicy,
};
pub use clinic::{
    ClinicSettings, DraftTranslations, KIOSK_IDLE_SECONDS, LONGEST_IDLE_SECONDS, SETTINGS_KEYS, SETTINGS_VERSION,
    SHORTEST_IDLE_SECONDS, SettingsError,
};
