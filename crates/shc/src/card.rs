//! One compact JWS → a decoded card: header rules, raw DEFLATE with a size limit, the JWT
//! claims and the FHIR bundle. Nothing here checks the signature (see `verify`).

use recdesk_record::{Diagnostic, Location};
use serde_json::{Map, Value};

use crate::b64;
use crate::error::{CardError, JwsPart, TimeClaim};

/// The most a card's payload may inflate to. Real cards inflate to a few kilobytes (a QR code
/// holds at most ~1,200 characters of JWS); the limit stops decompression bombs.
pub const MAX_INFLATED_PAYLOAD: usize = 1024 * 1024;

/// The credential type every SMART Health Card lists in `vc.type`.
const HEALTH_CARD_TYPE: &str = "https://smarthealth.cards#health-card";

/// How the card reached the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardSource {
    /// One `shc:/` numeric QR text.
    QrCode,
    /// A card split over several QR codes (`shc:/C/N/…`, deprecated by the spec), joined.
    QrChunks {
        /// How many QR codes the card was split over.
        count: u32,
    },
    /// An entry of a `.smart-health-card` file's `verifiableCredential` list.
    File,
    /// A bare compact JWS.
    Jws,
}

/// The protected header of a card's JWS (after the checks: `alg` is `ES256`, `zip` is `DEF`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JwsHeader {
    /// The signing algorithm: always `ES256` (other values are refused).
    pub alg: String,
    /// The signing key's ID: its RFC 7638 thumbprint.
    pub kid: String,
    /// The payload's compression: always `DEF`, raw DEFLATE (other values are refused).
    pub zip: String,
}

/// A card read from the text, before or without verification: what the issuer put in it.
/// Nothing here is trustworthy until [`verify`](crate::verify) says so.
#[derive(Clone, Debug)]
pub struct DecodedCard {
    /// The card's 1-based position among the cards found in the text.
    pub document: u32,
    /// How the card reached the text (QR, chunked QR, file, bare JWS).
    pub source: CardSource,
    /// The JWS header: algorithm, key ID, compression.
    pub header: JwsHeader,
    /// `iss`: the issuer's address, as the card names it.
    pub issuer: String,
    /// `nbf`: when the card was issued (seconds since 1970, rounded down).
    pub not_before: Option<i64>,
    /// `exp`: when the card stops being valid (seconds since 1970, rounded down); most cards have none.
    pub expires: Option<i64>,
    /// `vc.rid`: the revocation identifier the issuer's revocation list refers to.
    pub revocation_id: Option<String>,
    /// `vc.type`: the credential types (`https://smarthealth.cards#immunization`…).
    pub credential_types: Vec<String>,
    /// `vc.credentialSubject.fhirVersion`, e.g. `4.0.1`.
    pub fhir_version: Option<String>,
    /// `vc.credentialSubject.fhirBundle`: a FHIR Bundle, as the card holds it (for recdesk-fhir).
    pub fhir_bundle: Value,
    /// What is wrong but not fatal (a payload that is not minified, a missing `nbf`…). Their
    /// locations are JSON Pointers into the card's payload (the JWT claims), e.g. `/vc/type`.
    pub warnings: Vec<Diagnostic>,
    /// `header.payload` exactly as in the JWS: the bytes the signature covers.
    pub(crate) signing_input: String,
    pub(crate) signature: Vec<u8>,
}

/// Decodes one compact JWS. `jws` must already be trimmed and free of trailing text.
pub(crate) fn decode_jws(jws: &str, document: u32, source: CardSource) -> Result<DecodedCard, CardError> {
    let mut parts = jws.split('.');
    let (Some(header_b64), Some(payload_b64), Some(signature_b64), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(CardError::NotAJws);
    };
    if header_b64.is_empty() || payload_b64.is_empty() || signature_b64.is_empty() {
        return Err(CardError::NotAJws);
    }
    let header_bytes = b64::decode(header_b64).ok_or(CardError::JwsBadEncoding(JwsPart::Header))?;
    let payload_bytes = b64::decode(payload_b64).ok_or(CardError::JwsBadEncoding(JwsPart::Payload))?;
    let signature = b64::decode(signature_b64).ok_or(CardError::JwsBadEncoding(JwsPart::Signature))?;

    let header = parse_header(&header_bytes)?;
    let payload = inflate(&payload_bytes)?;
    let text = std::str::from_utf8(&payload).map_err(|_| CardError::PayloadNotJson)?;
    // A byte-order mark before the JSON is read as white space, as the SMART dev tools' reference
    // does; the card is still the issuer's mistake, and staff are told.
    let (text, byte_order_mark) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest, true),
        None => (text, false),
    };
    let claims = match parse_single_json(text) {
        Some(Value::Object(claims)) => claims,
        _ => return Err(CardError::PayloadNotJson),
    };

    let at = |pointer: &str| Some(Location::Json { document, pointer: pointer.to_owned() });
    let mut warnings = Vec::new();
    if byte_order_mark {
        warnings.push(Diagnostic::warning(
            at(""),
            "The card's contents begin with a byte-order mark (U+FEFF), which SMART Health Cards do not allow; \
             it was skipped as white space and the card read.",
        ));
    }
    if !is_minified(text) {
        warnings.push(Diagnostic::warning(
            at(""),
            "The card's contents are not minified (they contain spaces or line breaks), which SMART Health Cards \
             do not allow; the issuer made the card incorrectly, but it can still be read.",
        ));
    }

    let issuer = claims.get("iss").and_then(Value::as_str).filter(|s| !s.is_empty()).ok_or(CardError::MissingIssuer)?;
    if !issuer.starts_with("https://") || issuer.ends_with('/') {
        warnings.push(Diagnostic::warning(
            at("/iss"),
            "The card's issuer address does not follow the rules (it must start with https:// and not end \
             with /), so the issuer's keys may not be found.",
        ));
    }
    let not_before = time_claim(&claims, "nbf", TimeClaim::NotBefore)?;
    if not_before.is_none() {
        warnings.push(Diagnostic::warning(at("/nbf"), "The card does not say when it was issued (no \"nbf\")."));
    }
    let expires = time_claim(&claims, "exp", TimeClaim::Expires)?;

    let vc = claims.get("vc").and_then(Value::as_object);
    let subject = vc.and_then(|vc| vc.get("credentialSubject")).and_then(Value::as_object);
    let bundle = subject.and_then(|s| s.get("fhirBundle")).ok_or(CardError::MissingFhirBundle)?;
    if bundle.get("resourceType").and_then(Value::as_str) != Some("Bundle") {
        return Err(CardError::NotABundle);
    }
    let fhir_version = subject.and_then(|s| s.get("fhirVersion")).and_then(Value::as_str).map(str::to_owned);

    let credential_types: Vec<String> = vc
        .and_then(|vc| vc.get("type"))
        .and_then(Value::as_array)
        .map(|types| types.iter().filter_map(Value::as_str).map(str::to_owned).collect())
        .unwrap_or_default();
    if !credential_types.iter().any(|t| t == HEALTH_CARD_TYPE) {
        warnings.push(Diagnostic::warning(
            at("/vc/type"),
            "The card does not declare itself a SMART Health Card (its type list lacks the health-card type).",
        ));
    }

    let revocation_id = match vc.and_then(|vc| vc.get("rid")) {
        None => None,
        Some(Value::String(rid)) => {
            if rid.is_empty() || rid.len() > 24 || !rid.bytes().all(b64::is_b64url_byte) {
                warnings.push(Diagnostic::warning(
                    at("/vc/rid"),
                    "The card's revocation identifier does not follow the rules (up to 24 letters, digits, - \
                     or _), so revocation lists may not match it.",
                ));
            }
            Some(rid.clone())
        }
        Some(_) => {
            warnings.push(Diagnostic::warning(
                at("/vc/rid"),
                "The card's revocation identifier is not text, so whether it was revoked cannot be checked.",
            ));
            None
        }
    };

    Ok(DecodedCard {
        document,
        source,
        header,
        issuer: issuer.to_owned(),
        not_before,
        expires,
        revocation_id,
        credential_types,
        fhir_version,
        fhir_bundle: bundle.clone(),
        warnings,
        signing_input: format!("{header_b64}.{payload_b64}"),
        signature,
    })
}

fn parse_header(bytes: &[u8]) -> Result<JwsHeader, CardError> {
    let text = std::str::from_utf8(bytes).map_err(|_| CardError::HeaderNotJson)?;
    let Some(Value::Object(header)) = parse_single_json(text) else {
        return Err(CardError::HeaderNotJson);
    };
    let alg = header.get("alg").ok_or(CardError::MissingAlg)?;
    if alg.as_str() != Some("ES256") {
        return Err(CardError::UnsupportedAlg);
    }
    let zip = header.get("zip").ok_or(CardError::MissingZip)?;
    if zip.as_str() != Some("DEF") {
        return Err(CardError::UnsupportedZip);
    }
    let kid = header.get("kid").and_then(Value::as_str).filter(|k| !k.is_empty()).ok_or(CardError::MissingKid)?;
    Ok(JwsHeader { alg: "ES256".to_owned(), kid: kid.to_owned(), zip: "DEF".to_owned() })
}

/// Raw DEFLATE (RFC 1951), stopping at [`MAX_INFLATED_PAYLOAD`] bytes of output.
fn inflate(compressed: &[u8]) -> Result<Vec<u8>, CardError> {
    use miniz_oxide::inflate::{TINFLStatus, decompress_to_vec_with_limit, decompress_to_vec_zlib_with_limit};
    match decompress_to_vec_with_limit(compressed, MAX_INFLATED_PAYLOAD) {
        Ok(bytes) => Ok(bytes),
        Err(e) if e.status == TINFLStatus::HasMoreOutput => {
            Err(CardError::PayloadTooLarge { limit: MAX_INFLATED_PAYLOAD })
        }
        Err(_) => {
            // Tell a zlib-wrapped payload (a common issuer mistake) from damage.
            if decompress_to_vec_zlib_with_limit(compressed, MAX_INFLATED_PAYLOAD).is_ok() {
                Err(CardError::PayloadZlibWrapped)
            } else {
                Err(CardError::PayloadNotDeflate)
            }
        }
    }
}

/// One JSON value and nothing but whitespace after it.
pub(crate) fn parse_single_json(text: &str) -> Option<Value> {
    let mut values = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    let value = values.next()?.ok()?;
    text[values.byte_offset()..].trim().is_empty().then_some(value)
}

/// True when the JSON text has no whitespace outside strings.
fn is_minified(json: &str) -> bool {
    let mut in_string = false;
    let mut escaped = false;
    for b in json.bytes() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else if b == b'"' {
            in_string = true;
        } else if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
            return false;
        }
    }
    true
}

/// A NumericDate (RFC 7519): seconds since 1970, possibly with a fraction (the spec's own
/// examples have `"nbf": 1687450764.656`), rounded down.
fn time_claim(claims: &Map<String, Value>, name: &str, claim: TimeClaim) -> Result<Option<i64>, CardError> {
    let Some(value) = claims.get(name) else {
        return Ok(None);
    };
    if let Some(seconds) = value.as_i64() {
        return Ok(Some(seconds));
    }
    match value.as_f64() {
        // ±1e15 s is ±31 million years: anything beyond is not a date, and the cast below is exact.
        Some(seconds) if seconds.is_finite() && seconds.abs() < 1e15 => Ok(Some(seconds.floor() as i64)),
        _ => Err(CardError::InvalidTimeClaim(claim)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minified_detection_ignores_strings() {
        assert!(is_minified(r#"{"a":"x y\" z","b":[1,2]}"#));
        assert!(!is_minified(r#"{"a": 1}"#));
        assert!(!is_minified("{\"a\":1}\n"));
        assert!(is_minified(r#"{"a":"\\"}"#));
    }

    #[test]
    fn single_json_rejects_trailing_text() {
        assert!(parse_single_json(r#"{"a":1}  "#).is_some());
        assert!(parse_single_json(r#"{"a":1}x"#).is_none());
        assert!(parse_single_json(r#"{"a":1}{}"#).is_none());
        assert!(parse_single_json("").is_none());
    }

    #[test]
    fn time_claims_round_down_and_reject_non_numbers() {
        let claims: Map<String, Value> =
            serde_json::from_str(r#"{"a":1687450764.656,"b":5,"c":"2021","d":-1.5,"e":1e300}"#).unwrap();
        assert_eq!(time_claim(&claims, "a", TimeClaim::NotBefore), Ok(Some(1_687_450_764)));
        assert_eq!(time_claim(&claims, "b", TimeClaim::NotBefore), Ok(Some(5)));
        assert_eq!(time_claim(&claims, "c", TimeClaim::Expires), Err(CardError::InvalidTimeClaim(TimeClaim::Expires)));
        assert_eq!(time_claim(&claims, "d", TimeClaim::NotBefore), Ok(Some(-2)));
        assert!(time_claim(&claims, "e", TimeClaim::NotBefore).is_err());
        assert_eq!(time_claim(&claims, "missing", TimeClaim::NotBefore), Ok(None));
    }
}
