//! JSON Web Keys as SMART Health Cards use them: EC P-256 signing keys whose `kid` is their
//! RFC 7638 thumbprint.

use p256::ecdsa::VerifyingKey;
use p256::{EncodedPoint, FieldBytes};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::b64;
use crate::error::KeyProblem;

/// A checked issuer key.
#[derive(Clone, Debug)]
pub(crate) struct ParsedKey {
    /// The RFC 7638 thumbprint, computed (never taken from the file unchecked).
    pub kid: String,
    pub key: VerifyingKey,
    /// `crlVersion`: the issuer publishes a revocation list for this key.
    pub crl_version: Option<u64>,
}

/// The RFC 7638 thumbprint of an EC P-256 key: base64url(SHA-256) of the required members
/// in lexicographic order, without whitespace. `x` and `y` must already be base64url text
/// (so they need no JSON escaping).
pub(crate) fn thumbprint(x: &str, y: &str) -> String {
    let canonical = format!(r#"{{"crv":"P-256","kty":"EC","x":"{x}","y":"{y}"}}"#);
    b64::encode(&Sha256::digest(canonical.as_bytes()))
}

/// A coordinate: 32 bytes of base64url. RFC 7518 requires the full 32 bytes, but some issuers
/// in the VCI directory drop a leading zero byte (31 bytes, 42 characters); such a coordinate
/// is read as the same number, padded on the left.
fn coordinate(value: Option<&Value>) -> Result<(&str, [u8; 32]), KeyProblem> {
    let text = value.and_then(Value::as_str).ok_or(KeyProblem::BadCoordinates)?;
    let bytes = b64::decode(text).ok_or(KeyProblem::BadCoordinates)?;
    if bytes.is_empty() || bytes.len() > 32 {
        return Err(KeyProblem::BadCoordinates);
    }
    let mut array = [0u8; 32];
    array[32 - bytes.len()..].copy_from_slice(&bytes);
    Ok((text, array))
}

/// Checks one JWK and builds its verifying key. A `kid`, when present, must equal the
/// thumbprint; when absent (the trimmed bundled directory) the thumbprint becomes the kid.
pub(crate) fn parse_jwk(value: &Value) -> Result<ParsedKey, KeyProblem> {
    let jwk = value.as_object().ok_or(KeyProblem::NotAnObject)?;
    if jwk.contains_key("d") {
        return Err(KeyProblem::PrivateKeyIncluded);
    }
    if jwk.get("kty").and_then(Value::as_str) != Some("EC") {
        return Err(KeyProblem::NotEllipticCurve);
    }
    if jwk.get("crv").and_then(Value::as_str) != Some("P-256") {
        return Err(KeyProblem::WrongCurve);
    }
    if jwk.get("use").is_some_and(|u| u.as_str() != Some("sig")) {
        return Err(KeyProblem::NotForSigning);
    }
    if jwk.get("alg").is_some_and(|a| a.as_str() != Some("ES256")) {
        return Err(KeyProblem::WrongAlgorithm);
    }
    let (x_text, x) = coordinate(jwk.get("x"))?;
    let (y_text, y) = coordinate(jwk.get("y"))?;
    let point = EncodedPoint::from_affine_coordinates(&FieldBytes::from(x), &FieldBytes::from(y), false);
    let key = VerifyingKey::from_encoded_point(&point).map_err(|_| KeyProblem::NotOnCurve)?;
    let kid = thumbprint(x_text, y_text);
    if let Some(claimed) = jwk.get("kid") {
        if claimed.as_str() != Some(kid.as_str()) {
            return Err(KeyProblem::KidMismatch);
        }
    }
    let crl_version = match jwk.get("crlVersion") {
        Some(Value::String(s)) => s.parse().ok(),
        Some(v) => v.as_u64(),
        None => None,
    };
    Ok(ParsedKey { kid, key, crl_version })
}

#[cfg(test)]
mod tests {
    use super::*;

    // The example issuer's first key (smart-on-fhir/health-cards, examples/issuer).
    const X: &str = "11XvRWy1I2S0EyJlyf_bWfw_TQ5CJJNLw78bHXNxcgw";
    const Y: &str = "eZXwxvO1hvCY0KucrPfKo7yAyMT6Ajc3N7OkAB6VYy8";
    const KID: &str = "3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s";

    #[test]
    fn thumbprint_matches_the_published_kid() {
        assert_eq!(thumbprint(X, Y), KID);
    }

    #[test]
    fn a_coordinate_without_its_leading_zero_byte_is_accepted() {
        // A real directory key (soap.bassett.org) whose x is 31 bytes; its kid is the thumbprint
        // of the coordinates as published.
        let jwk = serde_json::json!({"kty": "EC", "crv": "P-256", "use": "sig", "alg": "ES256",
            "x": "qeN2jYAeFe9gOoOxSDDWn47kbmqQ5_5rYBq0XM5JrA", "y": "IPEbYlKpMuu-gAxA9SJd9519YkgNiKrQ1isk12uwG_U",
            "kid": "-IgAJf77qAqSQGRHMXqAik9MDgFc2jk3JiLZQpuSQ2A"});
        assert_eq!(parse_jwk(&jwk).map(|k| k.kid).as_deref(), Ok("-IgAJf77qAqSQGRHMXqAik9MDgFc2jk3JiLZQpuSQ2A"));
    }

    #[test]
    fn key_problems_are_told_apart() {
        let good =
            serde_json::json!({"kty": "EC", "crv": "P-256", "x": X, "y": Y, "kid": KID, "use": "sig", "alg": "ES256"});
        assert_eq!(parse_jwk(&good).map(|k| k.kid).as_deref(), Ok(KID));
        let with = |key: &str, value: Value| {
            let mut jwk = good.clone();
            jwk[key] = value;
            parse_jwk(&jwk).map(|k| k.kid)
        };
        assert_eq!(with("kty", "RSA".into()), Err(KeyProblem::NotEllipticCurve));
        assert_eq!(with("crv", "P-384".into()), Err(KeyProblem::WrongCurve));
        assert_eq!(with("use", "enc".into()), Err(KeyProblem::NotForSigning));
        assert_eq!(with("alg", "ES384".into()), Err(KeyProblem::WrongAlgorithm));
        assert_eq!(with("x", "abc!".into()), Err(KeyProblem::BadCoordinates));
        assert_eq!(with("y", Value::Null), Err(KeyProblem::BadCoordinates));
        assert_eq!(with("x", "".into()), Err(KeyProblem::BadCoordinates));
        assert_eq!(with("x", b64::encode(&[1; 33]).into()), Err(KeyProblem::BadCoordinates));
        assert_eq!(with("kid", "not-the-thumbprint".into()), Err(KeyProblem::KidMismatch));
        assert_eq!(with("d", "secret".into()), Err(KeyProblem::PrivateKeyIncluded));
        // x and y swapped: 32-byte coordinates, but not a point on the curve.
        let mut swapped = good.clone();
        swapped["x"] = Y.into();
        swapped["y"] = X.into();
        swapped.as_object_mut().map(|o| o.remove("kid"));
        assert_eq!(parse_jwk(&swapped).map(|k| k.kid), Err(KeyProblem::NotOnCurve));
        assert_eq!(parse_jwk(&Value::Null).map(|k| k.kid), Err(KeyProblem::NotAnObject));
    }
}
