//! The requests a receiving application makes, as data: [`plan_fetch`] says what to request,
//! [`parse_manifest`] reads a successful manifest answer, [`manifest_failure`] an error answer.
//! The browser app performs the requests; nothing here touches the network.

use core::fmt;

use serde_json::Value;

use crate::link::SUPPORTED_VERSION;
use crate::{LinkError, LinkPayload, url};

/// What to request from the link's server, decided by [`plan_fetch`].
///
/// The `Debug` output hides the address's path and the request body (which may carry the
/// passcode).
#[derive(Clone, PartialEq, Eq)]
pub enum FetchPlan {
    /// The link has the `U` flag: `GET` the address below (the link's `url` with the
    /// `recipient` query parameter added). The answer's body is the single encrypted file (a
    /// compact JWE, `content-type: application/jose`): pass it to
    /// [`decrypt_file`](crate::decrypt_file).
    DirectFile {
        /// The address to `GET`.
        url: String,
    },
    /// `POST` the body below to the address with `content-type: application/json`. A 200
    /// answer is the manifest ([`parse_manifest`]); any other status goes to
    /// [`manifest_failure`].
    Manifest {
        /// The manifest address (the link's `url`).
        url: String,
        /// The JSON request body: `{"recipient":…}` plus `"passcode":…` for a `P` link.
        body: String,
    },
}

impl FetchPlan {
    /// The HTTP method of the request: `GET` for a direct file, `POST` for a manifest.
    #[must_use]
    pub fn method(&self) -> &'static str {
        match self {
            Self::DirectFile { .. } => "GET",
            Self::Manifest { .. } => "POST",
        }
    }

    /// The address to request.
    #[must_use]
    pub fn url(&self) -> &str {
        match self {
            Self::DirectFile { url } | Self::Manifest { url, .. } => url,
        }
    }
}

impl fmt::Debug for FetchPlan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::DirectFile { url } => f.debug_struct("DirectFile").field("url", &url::redacted(url)).finish(),
            Self::Manifest { url, body } => f
                .debug_struct("Manifest")
                .field("url", &url::redacted(url))
                .field("body", &format_args!("[{} bytes]", body.len()))
                .finish(),
        }
    }
}

/// Decides the request that resolves `link`, at the time `now_unix_seconds` (seconds since
/// 1970-01-01 00:00 UTC; the caller supplies the clock).
///
/// `recipient` names who is asking (a person or organization); the specification requires it
/// and the sharer may see it. `passcode` is sent only when the link has the `P` flag; it is
/// sent exactly as given. The manifest request does not set `embeddedLengthMax`, so the server
/// chooses between embedding files and giving their `location`.
///
/// # Errors
///
/// In this order: [`LinkError::UnsupportedVersion`] when the link declares a `v` above 1 (the
/// specification says not to proceed); [`LinkError::Expired`] when `exp` has passed;
/// [`LinkError::ConflictingFlags`] for `P` with `U`; [`LinkError::RecipientRequired`] when the
/// recipient is empty or blank; [`LinkError::PasscodeRequired`] for a `P` link without a
/// passcode (or with an empty one).
pub fn plan_fetch(
    link: &LinkPayload,
    recipient: &str,
    passcode: Option<&str>,
    now_unix_seconds: i64,
) -> Result<FetchPlan, LinkError> {
    let version = link.protocol_version();
    if version > SUPPORTED_VERSION {
        return Err(LinkError::UnsupportedVersion { version });
    }
    if let Some(expired_at) = link.expires.filter(|_| link.is_expired(now_unix_seconds)) {
        return Err(LinkError::Expired { expired_at });
    }
    if link.flags.passcode && link.flags.direct_file {
        return Err(LinkError::ConflictingFlags);
    }
    if recipient.trim().is_empty() {
        return Err(LinkError::RecipientRequired);
    }
    if link.flags.direct_file {
        return Ok(FetchPlan::DirectFile { url: url::with_query_param(&link.url, "recipient", recipient) });
    }
    let mut body = String::from("{\"recipient\":");
    body.push_str(&json_string(recipient));
    if link.flags.passcode {
        let passcode = passcode.filter(|p| !p.is_empty()).ok_or(LinkError::PasscodeRequired)?;
        body.push_str(",\"passcode\":");
        body.push_str(&json_string(passcode));
    }
    body.push('}');
    Ok(FetchPlan::Manifest { url: link.url.clone(), body })
}

/// `text` as a JSON string literal.
fn json_string(text: &str) -> String {
    Value::String(text.to_owned()).to_string()
}

/// A manifest: the files a link shares at the time it was requested.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Manifest {
    /// The files, in the server's order.
    pub files: Vec<ManifestFile>,
}

/// One file of a [`Manifest`]: either embedded (a compact JWE, for
/// [`decrypt_file`](crate::decrypt_file)) or at a `location` to `GET` (whose body is the JWE).
///
/// The `Debug` output hides the location's path (a short-lived credential) and the embedded
/// text.
#[derive(Clone, PartialEq, Eq)]
pub struct ManifestFile {
    /// `contentType`: `application/smart-health-card`, `application/fhir+json`,
    /// `application/smart-api-access`, or something newer (see [`ManifestFile::kind`]).
    pub content_type: String,
    /// `location`: where to `GET` the encrypted file; `https://` (or `http://` to this machine).
    /// Valid for at most an hour after the manifest was requested.
    pub location: Option<String>,
    /// `embedded`: the encrypted file itself, a compact JWE.
    pub embedded: Option<String>,
    /// `lastUpdated`: when the file last changed (ISO 8601, as the server wrote it).
    pub last_updated: Option<String>,
    /// `status`: whether the file may change (`finalized`, `can-change`, `entered-in-error`,
    /// `no-longer-valid`, `retracted`), as the server wrote it.
    pub status: Option<String>,
    /// `fhirVersion`: the FHIR version of the file's content (absent: assume 4.0.1).
    pub fhir_version: Option<String>,
}

impl ManifestFile {
    /// What kind of file the manifest says this is.
    #[must_use]
    pub fn kind(&self) -> ContentKind {
        ContentKind::of(&self.content_type)
    }
}

/// The content types the specification defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ContentKind {
    /// `application/smart-health-card`: JSON with a `verifiableCredential` array of SMART Health
    /// Card JWS strings.
    SmartHealthCard,
    /// `application/fhir+json`: a FHIR resource (often a Bundle).
    FhirJson,
    /// `application/smart-api-access`: a SMART access token response (for a FHIR API).
    SmartApiAccess,
    /// Anything else; the specification's receivers skip what they do not know.
    Other,
}

impl ContentKind {
    /// The kind of a content type, ignoring letter case, surrounding spaces and parameters
    /// (`; charset=utf-8`).
    #[must_use]
    pub fn of(content_type: &str) -> Self {
        let essence = content_type.split(';').next().unwrap_or_default().trim();
        if essence.eq_ignore_ascii_case("application/smart-health-card") {
            Self::SmartHealthCard
        } else if essence.eq_ignore_ascii_case("application/fhir+json") {
            Self::FhirJson
        } else if essence.eq_ignore_ascii_case("application/smart-api-access") {
            Self::SmartApiAccess
        } else {
            Self::Other
        }
    }
}

impl fmt::Debug for Manifest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Manifest").field("files", &self.files).finish()
    }
}

impl fmt::Debug for ManifestFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ManifestFile")
            .field("content_type", &self.content_type)
            .field("location", &self.location.as_deref().map(url::redacted))
            .field("embedded", &self.embedded.as_ref().map(|e| format!("[{} bytes]", e.len())))
            .field("last_updated", &self.last_updated)
            .field("status", &self.status)
            .field("fhir_version", &self.fhir_version)
            .finish()
    }
}

/// Reads a manifest (the body of a 200 answer to the manifest request).
///
/// The body must be a JSON object with a `files` array; each entry an object with a string
/// `contentType` and a string `location` or `embedded` (or both). A `location` must be a secure
/// address, like the link's. `lastUpdated`, `status` and `fhirVersion` are kept when they are
/// strings; every other property (including the optional FHIR `list`) is ignored, as the
/// specification requires. An empty `files` array is accepted (nothing is shared now).
///
/// # Errors
///
/// [`LinkError::BadManifest`] saying what is wrong.
pub fn parse_manifest(json: &str) -> Result<Manifest, LinkError> {
    let bad = |problem| LinkError::BadManifest { problem };
    let json = json.trim_start_matches('\u{feff}');
    let value: Value = serde_json::from_str(json).map_err(|_| bad("it is not JSON"))?;
    let object = value.as_object().ok_or(bad("it is not a JSON object"))?;
    let entries = object.get("files").ok_or(bad("it has no list of files"))?;
    let entries = entries.as_array().ok_or(bad("its list of files is not a list"))?;
    let mut files = Vec::with_capacity(entries.len());
    for entry in entries {
        let entry = entry.as_object().ok_or(bad("a file entry is not a JSON object"))?;
        let optional_string = |name: &str| -> Result<Option<String>, LinkError> {
            match entry.get(name) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(bad("a file's location or contents is not text")),
            }
        };
        let content_type = match entry.get("contentType") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
            _ => return Err(bad("a file has no content type")),
        };
        let location = optional_string("location")?;
        let embedded = optional_string("embedded")?;
        if location.is_none() && embedded.is_none() {
            return Err(bad("a file has neither a location nor embedded contents"));
        }
        if let Some(location) = &location {
            url::check_secure(location).map_err(|_| bad("a file's location is not a secure web address"))?;
        }
        let informational = |name: &str| entry.get(name).and_then(Value::as_str).map(str::to_owned);
        files.push(ManifestFile {
            content_type,
            location,
            embedded,
            last_updated: informational("lastUpdated"),
            status: informational("status"),
            fhir_version: informational("fhirVersion"),
        });
    }
    Ok(Manifest { files })
}

/// Turns a failed manifest answer (any status but 200) into the error to show.
///
/// * 401: the passcode was wrong; `remainingAttempts` is read from the JSON body when it is a
///   non-negative integer (larger than `u32::MAX` counts as `u32::MAX`), otherwise `None`.
/// * 404 (and 410 Gone): the link is no longer active.
/// * 429: too many requests; wait (the `Retry-After` header, which this function does not see,
///   says how long).
/// * anything else: a server error carrying the status.
#[must_use]
pub fn manifest_failure(http_status: u16, body: &str) -> LinkError {
    match http_status {
        401 => {
            let remaining_attempts = serde_json::from_str::<Value>(body.trim_start_matches('\u{feff}'))
                .ok()
                .and_then(|v| v.get("remainingAttempts").and_then(Value::as_u64))
                .map(|n| u32::try_from(n).unwrap_or(u32::MAX));
            LinkError::WrongPasscode { remaining_attempts }
        }
        404 | 410 => LinkError::LinkNotFound,
        429 => LinkError::TooManyRequests,
        status => LinkError::ServerError { status },
    }
}
