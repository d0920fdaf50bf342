//! Opening a link: a SMART Health Link (`shlink:/…`) or the address of FHIR JSON. This is the
//! only part of the app that uses the network, and only when the user asks. The steps and
//! every decision are the libraries' (`recdesk-shl`); this module only performs the fetches.
//! It is in the reader module, not the first screen's, so the first screen carries no link
//! decryption (AES-GCM, inflate).
//!
//! Requests carry no cookies or referrer and are never stored in the browser's HTTP cache.

use gloo_net::http::{Method, RequestBuilder};
use recdesk_shl::{ContentKind, FetchPlan, LinkError};
use recdesk_web_glue::link::{LinkProblem, OpenedLink};
use web_sys::{ReferrerPolicy, RequestCache, RequestCredentials};

/// Who is receiving the records, as SMART Health Link servers ask to be told.
pub const RECIPIENT: &str = "Record Desk (front desk)";

pub async fn open(text: &str, passcode: Option<String>) -> Result<OpenedLink, LinkProblem> {
    if web_sys::window().is_some_and(|w| !w.navigator().on_line()) {
        return Err(LinkProblem::Failed(
            "This device is offline, and links need the network. Paste the record or open its file instead.".into(),
        ));
    }
    let text = text.trim();
    if text.contains("shlink:/") { open_health_link(text, passcode).await } else { open_fhir_address(text).await }
}

async fn open_health_link(text: &str, passcode: Option<String>) -> Result<OpenedLink, LinkProblem> {
    let failed = |error: LinkError| match error {
        LinkError::PasscodeRequired | LinkError::WrongPasscode { .. } => {
            LinkProblem::NeedsPasscode { message: error.to_string() }
        }
        other => LinkProblem::Failed(other.to_string()),
    };
    let link = recdesk_shl::parse_link(text).map_err(failed)?;
    let now = (js_sys::Date::now() / 1000.0) as i64;
    let plan = recdesk_shl::plan_fetch(&link, RECIPIENT, passcode.as_deref(), now).map_err(failed)?;
    let host = link.host().to_owned();
    let unreachable = || {
        LinkProblem::Failed(format!(
            "The link's server ({host}) could not be reached. Check the network, or ask for the record another way."
        ))
    };

    let encrypted_files: Vec<String> = match &plan {
        FetchPlan::DirectFile { url } => {
            let (status, body) = fetch(url, Method::GET, None).await.map_err(|_| unreachable())?;
            if status != 200 {
                return Err(failed(recdesk_shl::manifest_failure(status, &body)));
            }
            vec![body]
        }
        FetchPlan::Manifest { url, body } => {
            let (status, answer) = fetch(url, Method::POST, Some(body)).await.map_err(|_| unreachable())?;
            if status != 200 {
                return Err(failed(recdesk_shl::manifest_failure(status, &answer)));
            }
            let manifest = recdesk_shl::parse_manifest(&answer).map_err(failed)?;
            let mut files = Vec::new();
            for file in manifest.files.iter().filter(|f| readable(f.kind())) {
                match (&file.embedded, &file.location) {
                    (Some(embedded), _) => files.push(embedded.clone()),
                    (None, Some(location)) => {
                        let (status, body) = fetch(location, Method::GET, None).await.map_err(|_| unreachable())?;
                        if status != 200 {
                            return Err(failed(recdesk_shl::manifest_failure(status, &body)));
                        }
                        files.push(body);
                    }
                    (None, None) => {}
                }
            }
            let skipped = manifest.files.len() - files.len();
            return combine(host, &files, &link.key, skipped).map_err(failed);
        }
    };
    combine(host, &encrypted_files, &link.key, 0).map_err(failed)
}

fn readable(kind: ContentKind) -> bool {
    matches!(kind, ContentKind::SmartHealthCard | ContentKind::FhirJson)
}

/// Decrypts the files and chooses the document to read: every card of every SMART Health
/// Card file together, or else the first FHIR document.
fn combine(host: String, files: &[String], key: &[u8; 32], skipped: usize) -> Result<OpenedLink, LinkError> {
    let mut cards: Vec<serde_json::Value> = Vec::new();
    let mut fhir: Vec<String> = Vec::new();
    for file in files {
        let decrypted = recdesk_shl::decrypt_file(file, key)?;
        let text = String::from_utf8_lossy(&decrypted.bytes).into_owned();
        match decrypted.kind() {
            ContentKind::SmartHealthCard => {
                let parsed: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
                match parsed.get("verifiableCredential").and_then(|v| v.as_array()) {
                    Some(list) => cards.extend(list.iter().cloned()),
                    None => fhir.push(text),
                }
            }
            _ => fhir.push(text),
        }
    }
    let (text, unread) = if !cards.is_empty() {
        (serde_json::json!({ "verifiableCredential": cards }).to_string(), fhir.len())
    } else {
        let mut documents = fhir.into_iter();
        match documents.next() {
            Some(first) => (first, documents.count()),
            None => return Err(LinkError::BadManifest { problem: "it lists no record Record Desk can read" }),
        }
    };
    Ok(OpenedLink { host, text, skipped_files: skipped + unread })
}

async fn open_fhir_address(url: &str) -> Result<OpenedLink, LinkProblem> {
    let host = url.trim_start_matches("https://").split(['/', '?', '#']).next().unwrap_or("").to_owned();
    let (status, body) = fetch(url, Method::GET, None).await.map_err(|_| {
        LinkProblem::Failed(format!(
            "{host} could not be reached, or does not allow web pages to read from it (CORS). \
             Download the record there and open the file here instead."
        ))
    })?;
    if status != 200 {
        return Err(LinkProblem::Failed(format!("{host} answered with HTTP status {status}, not a record.")));
    }
    Ok(OpenedLink { host, text: body, skipped_files: 0 })
}

/// One request: (status, body text). Err when there was no answer at all.
async fn fetch(url: &str, method: Method, json_body: Option<&str>) -> Result<(u16, String), gloo_net::Error> {
    let request = RequestBuilder::new(url)
        .method(method)
        .credentials(RequestCredentials::Omit)
        .referrer_policy(ReferrerPolicy::NoReferrer)
        .cache(RequestCache::NoStore)
        .header("Accept", "application/fhir+json, application/json, application/jose, */*");
    let request = match json_body {
        Some(body) => request.header("Content-Type", "application/json").body(body)?,
        None => request.build()?,
    };
    let response = request.send().await?;
    Ok((response.status(), response.text().await?))
}
