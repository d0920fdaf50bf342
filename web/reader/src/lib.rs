//! The record readers for the browser app, as a WebAssembly module of their own so the first
//! screen does not carry them: `www/loader.js` fetches this module as soon as the first screen is
//! up (the issuer directory's arrival needs it too) and exposes it as `globalThis.recdeskRead`,
//! `recdeskReadQrTexts` and the trust-store calls below.
//!
//! Glue only: `recdesk_intake` reads, and the answer goes back as `recdesk_record::transfer` bytes
//! of a `recdesk_intake::Intake`, which keep every field and location. The trust store (the VCI
//! directory once fetched, plus key sets the user opened) lives here, in memory only, because the
//! card checks that use it run here.
#![cfg(target_arch = "wasm32")]

mod link;

use std::cell::RefCell;

use recdesk_intake::{ReadContext, TrustStore};
use recdesk_record::transfer;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The directory once loaded (empty before), plus the key sets the user loaded.
    static TRUST_STORE: RefCell<TrustStore> = RefCell::new(TrustStore::empty());
    /// The directory alone, as loaded: what the trust store returns to when a session ends.
    static DIRECTORY: RefCell<TrustStore> = RefCell::new(TrustStore::empty());
    /// Key sets the user loaded, (issuer, JWKS text): applied again when the directory arrives.
    static USER_KEY_SETS: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
}

fn context_read<R>(now_unix_seconds: f64, read: impl FnOnce(&ReadContext<'_>) -> R) -> R {
    // The browser's clock in seconds; the cast saturates on absurd values.
    let now_unix_seconds = now_unix_seconds as i64;
    TRUST_STORE.with(|trust| read(&ReadContext { now_unix_seconds, trust: &trust.borrow() }))
}

/// The kiosk's words in the language `code`: fetches `translations/CODE.json` from the site and
/// answers `{language, draft, catalogue, texts: {key: text}}` (the catalogue's text is for the
/// desk module), or a sentence; a language with draft words only when `drafts_allowed` (the
/// clinic's setting; `recdesk_words::Words::for_screens` decides). Here rather than in the first
/// screen's module, which then carries no catalogue reading.
#[wasm_bindgen]
pub async fn load_words(code: String, drafts_allowed: bool) -> Result<JsValue, String> {
    let unreachable = || "The words for this language could not be loaded. The screens stay in English.".to_owned();
    let catalogue = fetch_catalogue(code).await.map_err(|why| format!("{why} The screens stay in English."))?;
    let words = recdesk_words::Words::for_screens(&catalogue, drafts_allowed)?;
    let texts = js_sys::Object::new();
    for (key, _, text) in words.texts() {
        js_sys::Reflect::set(&texts, &key.into(), &text.into()).map_err(|_| unreachable())?;
    }
    let answer = js_sys::Object::new();
    for (name, value) in [
        ("language", JsValue::from_str(&words.language)),
        ("draft", JsValue::from_bool(words.draft)),
        ("catalogue", JsValue::from_str(&catalogue)),
        ("texts", texts.into()),
    ] {
        js_sys::Reflect::set(&answer, &name.into(), &value).map_err(|_| unreachable())?;
    }
    Ok(answer.into())
}

/// The text of `code`'s translation catalogue (`translations/CODE.json`, beside the app), or a
/// sentence: the one place the browser fetches a catalogue, for the kiosk's words above and for
/// the desk's patient's copy (`recdeskFetchCatalogue`).
#[wasm_bindgen]
pub async fn fetch_catalogue(code: String) -> Result<String, String> {
    let english_name = recdesk_words::english_name(&code);
    let unreachable = || {
        format!(
            "The {english_name} words could not be loaded (is this device offline, and was it never online with \
             Record Desk?)."
        )
    };
    let url = format!("translations/{code}.json");
    let response = gloo_net::http::Request::get(&url).send().await.map_err(|_| unreachable())?;
    if !response.ok() {
        return Err(unreachable());
    }
    response.text().await.map_err(|_| unreachable())
}

/// Opens a SMART Health Link or a FHIR address (see `link.rs`), with the passcode if one was
/// given. Answers `["opened", host, text, files skipped]`, `["passcode", sentence]` (ask for
/// the passcode, keep the link) or `["failed", sentence]`.
#[wasm_bindgen]
pub async fn open_link(text: String, passcode: Option<String>) -> js_sys::Array {
    recdesk_web_glue::link::to_answer(link::open(&text, passcode).await)
}

/// Reads an input's bytes (pasted text as UTF-8, or a file's bytes). Never fails: what cannot be
/// read is said in the answer's diagnostics.
#[wasm_bindgen]
pub fn read(bytes: &[u8], now_unix_seconds: f64) -> Vec<u8> {
    transfer::to_bytes(&context_read(now_unix_seconds, |context| recdesk_intake::read(bytes, context)))
}

/// Reads the texts of the QR codes in a picture or a camera frame.
#[wasm_bindgen]
pub fn read_qr_texts(texts: Vec<String>, now_unix_seconds: f64) -> Vec<u8> {
    transfer::to_bytes(&context_read(now_unix_seconds, |context| recdesk_intake::read_qr_texts(&texts, context)))
}

/// Reads what the PDF module found in a PDF: its payloads, notes and where each was found.
#[wasm_bindgen]
pub fn read_pdf_found(
    payloads: Vec<String>,
    notes: Vec<String>,
    places: Vec<String>,
    now_unix_seconds: f64,
) -> Vec<u8> {
    let found = recdesk_intake::FoundInPdf { payloads, notes, places };
    transfer::to_bytes(&context_read(now_unix_seconds, |context| recdesk_intake::read_pdf_texts(&found, context)))
}

/// Takes the VCI issuer directory (the app's `vci-issuers.json`) as the issuers cards are checked
/// against, keeping the key sets the user loaded. Returns how many issuers it lists; the error is
/// a phrase for the desk ("the directory file is damaged (…)").
#[wasm_bindgen]
pub fn load_directory(json: &str) -> Result<usize, String> {
    let mut store =
        TrustStore::from_vci_snapshot(json).map_err(|error| format!("the directory file is damaged ({error})"))?;
    let issuers = store.issuer_count();
    DIRECTORY.with(|directory| *directory.borrow_mut() = store.clone());
    USER_KEY_SETS.with(|sets| {
        for (issuer, jwks) in sets.borrow().iter() {
            // These loaded once already, so they load again.
            let _ = store.add_issuer_jwks(issuer, jwks);
        }
    });
    TRUST_STORE.with(|slot| *slot.borrow_mut() = store);
    Ok(issuers)
}

/// Adds an issuer's key set (its /.well-known/jwks.json) that the user opened; returns how many
/// keys it added. Cards it verifies are reported as "valid signature, issuer not in the
/// directory", never "verified".
#[wasm_bindgen]
pub fn add_issuer_keys(issuer: &str, jwks: &str) -> Result<usize, String> {
    let added =
        TRUST_STORE.with(|store| store.borrow_mut().add_issuer_jwks(issuer, jwks)).map_err(|e| e.to_string())?;
    USER_KEY_SETS.with(|sets| sets.borrow_mut().push((issuer.to_owned(), jwks.to_owned())));
    Ok(added)
}

/// Forgets the key sets the user loaded (a session's choices end with it); the directory stays.
#[wasm_bindgen]
pub fn forget_user_keys() {
    USER_KEY_SETS.with(|sets| sets.borrow_mut().clear());
    let directory = DIRECTORY.with(|directory| directory.borrow().clone());
    TRUST_STORE.with(|store| *store.borrow_mut() = directory);
}

#[cfg(test)]
mod tests {
    use recdesk_intake::Intake;
    use wasm_bindgen_test::*;

    use super::*;

    wasm_bindgen_test_configure!(run_in_browser);

    const VXU: &str = "MSH|^~\\&|A|B|||20240101||VXU^V04|1|P|2.5.1\rPID|1||1^^^A^MR||Roe^Rae||20200101|F\r\
                       RXA|0|1|20200301|20200301|110^DTaP-HepB-IPV^CVX|0.5|mL\r";

    fn answer(bytes: &[u8]) -> Intake {
        transfer::from_bytes(bytes).expect("an intake")
    }

    #[wasm_bindgen_test]
    fn a_message_is_read_and_comes_back_whole() {
        let intake = answer(&read(VXU.as_bytes(), 1_764_000_000.0));
        assert_eq!(intake.outcome.records.len(), 1);
        assert_eq!(intake.outcome.records[0].immunizations.len(), 1);
        let name = &intake.outcome.records[0].patient.names[0];
        assert_eq!(name.value.family, "Roe");
        assert!(name.at.to_string().contains("PID-5"), "{}", name.at);
    }

    #[wasm_bindgen_test]
    fn a_broken_directory_is_refused_and_keys_are_forgotten() {
        let problem = load_directory("{ not json").expect_err("damaged");
        assert!(problem.starts_with("the directory file is damaged"), "{problem}");
        assert!(add_issuer_keys("https://example.org/issuer", "{}").is_err());
        forget_user_keys();
        let intake = answer(&read_qr_texts(vec!["shc:/5676".into()], 1_764_000_000.0));
        assert!(intake.outcome.records.is_empty());
    }
}
