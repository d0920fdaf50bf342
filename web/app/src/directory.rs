//! The SMART Health Card issuer directory (the VCI list of trusted issuers and their keys):
//! fetched once after the first screen and handed to the reader module (web/reader/), which
//! keeps it, with any key sets the user opens, in memory only. It is a separate file so its
//! keys (80 KB, incompressible) do not slow the first load.

use recdesk_web_glue::modules;

/// Beside index.html in the built site (see xtask/src/site.rs).
pub const ISSUER_DIRECTORY_URL: &str = "vci-issuers.json";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DirectoryState {
    Loading,
    Ready {
        issuers: usize,
    },
    /// Why it could not be loaded, in words for the desk.
    Failed(String),
}

/// Said when the reader module, which holds the trust store, cannot be used.
const READER_UNAVAILABLE: &str = "the record reader could not be loaded (is this device offline?)";

/// Forgets the key sets the user loaded (a session's choices end with it); the directory stays.
/// The trust store is the reader module's (web/reader/); this asks it to forget.
pub fn forget_user_keys() {
    wasm_bindgen_futures::spawn_local(async {
        let _ = modules::call("recdeskForgetUserKeys", &[]).await;
    });
}

/// Adds an issuer's key set (its /.well-known/jwks.json) that the user opened; returns how many
/// keys it added. Cards it verifies are reported as "valid signature, issuer not in the
/// directory", never "verified".
pub async fn add_issuer_keys(issuer: &str, jwks: &str) -> Result<usize, String> {
    let added = modules::call("recdeskAddIssuerKeys", &[issuer.into(), jwks.into()]).await.map_err(phrase)?;
    Ok(added.as_f64().unwrap_or(0.0) as usize)
}

/// The reader's own reason (a phrase, such as "the directory file is damaged (…)"), or
/// [`READER_UNAVAILABLE`]: these go inside a sentence, so the loader's whole sentence does not.
fn phrase(failure: modules::Failure) -> String {
    match failure {
        modules::Failure::Said(reason) => reason,
        modules::Failure::Unavailable(_) => READER_UNAVAILABLE.to_owned(),
    }
}

/// Fetches the directory and hands it to the reader module, which checks cards against it.
pub async fn load() -> DirectoryState {
    match fetch_text(ISSUER_DIRECTORY_URL).await {
        Ok(text) => match modules::call("recdeskLoadDirectory", &[text.into()]).await {
            Ok(issuers) => DirectoryState::Ready { issuers: issuers.as_f64().unwrap_or(0.0) as usize },
            Err(failure) => DirectoryState::Failed(phrase(failure)),
        },
        Err(reason) => DirectoryState::Failed(reason),
    }
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let unreachable = |_| "it could not be fetched (is this device offline?)".to_owned();
    let response = gloo_net::http::Request::get(url).send().await.map_err(unreachable)?;
    if !response.ok() {
        return Err(format!("the server answered {} {}", response.status(), response.status_text()));
    }
    response.text().await.map_err(unreachable)
}
