//! Opening a link: a SMART Health Link (`shlink:/…`) or the address of FHIR JSON. The reader
//! module fetches and decrypts it (web/reader/src/link.rs, over `recdesk-shl`), so the first
//! screen carries none of that; this asks it and reads its answer.

pub use recdesk_web_glue::link::{LinkProblem, OpenedLink};
use recdesk_web_glue::modules;
use wasm_bindgen::JsValue;

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
    recdesk_web_glue::link::from_answer(&answer).unwrap_or_else(|| Err(LinkProblem::Failed(UNAVAILABLE.to_owned())))
}
