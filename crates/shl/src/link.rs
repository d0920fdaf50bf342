//! The `shlink:/` payload: [`parse_link`] and [`LinkPayload`].

use core::fmt;

use serde_json::{Map, Value};

use crate::{LinkError, b64, url};

/// The longest label the specification allows, in characters.
pub const MAX_LABEL_CHARS: usize = 80;

/// The SMART Health Links protocol version this crate implements.
pub const SUPPORTED_VERSION: u32 = 1;

/// A decoded SMART Health Link payload: where the records are and the key that unlocks them.
///
/// The `Debug` output hides the key and the address's path (which is itself a secret: whoever
/// knows it can ask for the records); the fields are public, so treat the value as a secret.
#[derive(Clone, PartialEq, Eq)]
pub struct LinkPayload {
    /// The manifest address (or, with the `U` flag, the single file's address). Always
    /// `https://` (or `http://` to this machine, for tests).
    pub url: String,
    /// The AES-256 key that decrypts every file the link shares.
    pub key: [u8; 32],
    /// The link's flags (`L`, `P`, `U`); unknown flags are ignored, as the specification says.
    pub flags: LinkFlags,
    /// When the link stops working (`exp`), in seconds since 1970-01-01 00:00 UTC. A fractional
    /// value is rounded down.
    pub expires: Option<i64>,
    /// A short description of the shared records (`label`, at most 80 characters), for display.
    pub label: Option<String>,
    /// The protocol version the link declares (`v`); absent means 1.
    pub version: Option<u32>,
}

/// The flags of a link (`flag`: single characters, in alphabetical order).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct LinkFlags {
    /// `L`: long-term link; the shared files may change over time and the manifest may be
    /// fetched again later.
    pub long_term: bool,
    /// `P`: the manifest request needs a passcode.
    pub passcode: bool,
    /// `U`: the address is a single encrypted file fetched with `GET`, without a manifest.
    pub direct_file: bool,
}

impl LinkPayload {
    /// Whether the link's expiry time has passed at `now_unix_seconds` (seconds since
    /// 1970-01-01 00:00 UTC). A link is expired from its `exp` second on; a link without `exp`
    /// never expires.
    #[must_use]
    pub fn is_expired(&self, now_unix_seconds: i64) -> bool {
        self.expires.is_some_and(|exp| now_unix_seconds >= exp)
    }

    /// The host the link's address points to (e.g. `ehr.example.org`), safe to show: unlike the
    /// path, the host is not secret.
    #[must_use]
    pub fn host(&self) -> &str {
        url::host(&self.url)
    }

    /// The protocol version the link declares, 1 when it declares none.
    #[must_use]
    pub fn protocol_version(&self) -> u32 {
        self.version.unwrap_or(SUPPORTED_VERSION)
    }
}

impl fmt::Debug for LinkPayload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LinkPayload")
            .field("url", &url::redacted(&self.url))
            .field("key", &"[redacted]")
            .field("flags", &self.flags)
            .field("expires", &self.expires)
            .field("label", &self.label)
            .field("version", &self.version)
            .finish()
    }
}

/// Reads a SMART Health Link: `shlink:/<base64url JSON>` on its own, or at the end of a viewer
/// address after `#` (`https://viewer.example.org#shlink:/…`).
///
/// Surrounding whitespace and a byte-order mark are ignored, as is whitespace inside the encoded
/// payload (a link wrapped across lines in an e-mail). The scheme is matched without regard to
/// case. The payload must be a JSON object with:
///
/// * `url`: an `https://` address (`http://` only to `localhost`, `127.0.0.1` or `[::1]`), with
///   no user name in it;
/// * `key`: exactly 43 base64url characters (32 bytes);
/// * optionally `exp` (a number of seconds), `flag` (a string; letters other than `L`, `P` and
///   `U` are ignored), `label` (a string of at most 80 characters) and `v` (a non-negative
///   integer). Other properties are ignored, as the specification requires. `null` counts as
///   absent.
///
/// The link is not checked against a clock here (see [`LinkPayload::is_expired`] and
/// [`plan_fetch`](crate::plan_fetch)), and a newer `v` is accepted so that its label can still be
/// shown; [`plan_fetch`](crate::plan_fetch) refuses it.
///
/// # Errors
///
/// [`LinkError::NotALink`] when there is no `shlink:/`; [`LinkError::DamagedLink`] when the
/// payload is not base64url JSON object text; [`LinkError::MissingField`],
/// [`LinkError::InvalidField`], [`LinkError::BadKey`], [`LinkError::BadUrl`],
/// [`LinkError::InsecureUrl`] or [`LinkError::LabelTooLong`] for the properties above.
pub fn parse_link(text: &str) -> Result<LinkPayload, LinkError> {
    let encoded = encoded_payload(text).ok_or(LinkError::NotALink)?;
    let encoded: String = encoded.chars().filter(|c| !c.is_whitespace()).collect();
    let json = b64::decode(&encoded).ok_or(LinkError::DamagedLink)?;
    let Ok(Value::Object(object)) = serde_json::from_slice::<Value>(&json) else {
        return Err(LinkError::DamagedLink);
    };
    payload_from_object(&object)
}

/// The text after `shlink:/`, from a bare link or a viewer address's fragment.
fn encoded_payload(text: &str) -> Option<&str> {
    const SCHEME: &str = "shlink:/";
    let text = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let starts_with_scheme = |s: &str| s.get(..SCHEME.len()).is_some_and(|prefix| prefix.eq_ignore_ascii_case(SCHEME));
    if starts_with_scheme(text) {
        return Some(&text[SCHEME.len()..]);
    }
    // A viewer address: the link is the fragment, after the first `#`.
    let (_, fragment) = text.split_once('#')?;
    starts_with_scheme(fragment).then(|| &fragment[SCHEME.len()..])
}

fn payload_from_object(object: &Map<String, Value>) -> Result<LinkPayload, LinkError> {
    let present = |field: &'static str| object.get(field).filter(|v| !v.is_null());

    let url = match present("url") {
        None => return Err(LinkError::MissingField { field: "url" }),
        Some(Value::String(url)) => url,
        Some(_) => return Err(LinkError::InvalidField { field: "url" }),
    };
    url::check_secure(url)?;

    let key = match present("key") {
        None => return Err(LinkError::MissingField { field: "key" }),
        Some(Value::String(key)) => decode_key(key)?,
        Some(_) => return Err(LinkError::InvalidField { field: "key" }),
    };

    let expires = match present("exp") {
        None => None,
        Some(Value::Number(n)) => Some(epoch_seconds(n).ok_or(LinkError::InvalidField { field: "exp" })?),
        Some(_) => return Err(LinkError::InvalidField { field: "exp" }),
    };

    let flags = match present("flag") {
        None => LinkFlags::default(),
        Some(Value::String(flag)) => {
            LinkFlags { long_term: flag.contains('L'), passcode: flag.contains('P'), direct_file: flag.contains('U') }
        }
        Some(_) => return Err(LinkError::InvalidField { field: "flag" }),
    };

    let label = match present("label") {
        None => None,
        Some(Value::String(label)) => {
            let chars = label.chars().count();
            if chars > MAX_LABEL_CHARS {
                return Err(LinkError::LabelTooLong { chars });
            }
            Some(label.clone())
        }
        Some(_) => return Err(LinkError::InvalidField { field: "label" }),
    };

    let version = match present("v") {
        None => None,
        Some(Value::Number(n)) => {
            Some(n.as_u64().and_then(|v| u32::try_from(v).ok()).ok_or(LinkError::InvalidField { field: "v" })?)
        }
        Some(_) => return Err(LinkError::InvalidField { field: "v" }),
    };

    Ok(LinkPayload { url: url.clone(), key, flags, expires, label, version })
}

/// 43 base64url characters → 32 bytes.
fn decode_key(key: &str) -> Result<[u8; 32], LinkError> {
    if key.len() != 43 {
        return Err(LinkError::BadKey);
    }
    b64::decode(key).and_then(|bytes| <[u8; 32]>::try_from(bytes).ok()).ok_or(LinkError::BadKey)
}

/// An `exp` number as whole seconds: integers as they are, finite fractions rounded down.
fn epoch_seconds(n: &serde_json::Number) -> Option<i64> {
    if let Some(i) = n.as_i64() {
        return Some(i);
    }
    if n.is_u64() {
        // Larger than i64::MAX: as good as never.
        return Some(i64::MAX);
    }
    let f = n.as_f64()?.floor();
    // `as` saturates for out-of-range floats; NaN cannot come from JSON.
    #[allow(clippy::cast_possible_truncation)]
    f.is_finite().then_some(f as i64)
}
