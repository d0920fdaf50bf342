//! Opening a link: a SMART Health Link (`shlink:/…`) or the address of FHIR JSON. The reader
//! module fetches and decrypts it (web/reader/src/link.rs, over `recdesk-shl`), so the first
//! screen carries none of that; this asks it and reads its answer.

use recdesk_web_glue::modules;
use wasm_bindgen::JsValue;

/// What opening a link gave.
#[derive(Debug)]
pub struct OpenedLink {
    /// Where it came from, safe to show (the server's host name).
    pub host: String,
    /// The document to read: a SMART Health Card file or FHIR JSON, as text.
    pub text: String,
    /// Files the link shared that Record Desk does not read (e.g. API access tokens).
    pub skipped_files: usize,
}

#[derive(Debug)]
pub enum LinkProblem {
    /// The link needs a passcode (or the one given was wrong): ask for it, keep the link.
    NeedsPasscode {
        message: String,
    },
    Failed(String),
}

/// Said when the reader module, which opens links, cannot be used.
const UNAVAILABLE: &str = "Links could not be opened: the record reader could not be loaded (is this device offline?). Reload Record Desk while connected, or paste the record or open its file instead.";

/// Whether the text looks like something [`open`] handles.
pub fn is_link(text: &str) -> bool {
    let text = text.trim();
    text.contains("shlink:/") || text.starts_with("https://")
}

pub async fn open(text: &str, passcode: Option<String>) -> Result<OpenedLink, LinkProblem> {
    let passcode = passcode.map_or(JsValue::UNDEFINED, |p| JsValue::from_str(&p));
    let answer = modules::call("recdeskOpenLink", &[text.into(), passcode])
        .await
        .map_err(|failure| LinkProblem::Failed(failure.sentence(UNAVAILABLE)))?;
    let answer = js_sys::Array::from(&answer);
    let text_at = |i: u32| answer.get(i).as_string().unwrap_or_default();
    match text_at(0).as_str() {
        "opened" => Ok(OpenedLink {
            host: text_at(1),
            text: text_at(2),
            skipped_files: answer.get(3).as_f64().unwrap_or(0.0) as usize,
        }),
        "passcode" => Err(LinkProblem::NeedsPasscode { message: text_at(1) }),
        "failed" => Err(LinkProblem::Failed(text_at(1))),
        _ => Err(LinkProblem::Failed(UNAVAILABLE.to_owned())),
    }
}
