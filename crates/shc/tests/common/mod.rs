//! Helpers shared by the integration tests: the spec's example fixtures and cards signed with
//! fixed test keys.
#![allow(dead_code)]

use p256::FieldBytes;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// The spec examples' issuer (not in the VCI directory).
pub const EXAMPLE_ISS: &str = "https://spec.smarthealth.cards/examples/issuer";
/// An issuer made up for the tests.
pub const TEST_ISS: &str = "https://issuer.test.example/shc";
/// 2025-06-15, after the examples' `nbf` (June 2023).
pub const NOW: i64 = 1_750_000_000;

pub fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn fixture_json(name: &str) -> Value {
    serde_json::from_str(&fixture(name)).unwrap()
}

pub fn b64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let mut acc = 0u32;
        for (i, &b) in chunk.iter().enumerate() {
            acc |= u32::from(b) << (16 - 8 * i);
        }
        for i in 0..=chunk.len() {
            out.push(ALPHABET[((acc >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

/// A deterministic test key: the scalar `byte` repeated 32 times.
pub fn test_key(byte: u8) -> SigningKey {
    SigningKey::from_bytes(&FieldBytes::from([byte; 32])).unwrap()
}

/// The public JWK of a test key, with `kid` set to its RFC 7638 thumbprint.
pub fn public_jwk(key: &SigningKey) -> Value {
    let point = key.verifying_key().to_encoded_point(false);
    let x = b64url(point.x().unwrap());
    let y = b64url(point.y().unwrap());
    let canonical = format!(r#"{{"crv":"P-256","kty":"EC","x":"{x}","y":"{y}"}}"#);
    let kid = b64url(&Sha256::digest(canonical.as_bytes()));
    json!({"kty": "EC", "kid": kid, "use": "sig", "alg": "ES256", "crv": "P-256", "x": x, "y": y})
}

pub fn kid_of(key: &SigningKey) -> String {
    public_jwk(key)["kid"].as_str().unwrap().to_owned()
}

pub fn jwks(keys: &[&SigningKey]) -> String {
    json!({ "keys": keys.iter().map(|k| public_jwk(k)).collect::<Vec<_>>() }).to_string()
}

pub fn raw_deflate(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(bytes, 9)
}

pub fn standard_header(key: &SigningKey) -> Value {
    json!({"zip": "DEF", "alg": "ES256", "kid": kid_of(key)})
}

/// A small FHIR bundle: one patient, one immunization.
pub fn bundle() -> Value {
    json!({
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {"fullUrl": "resource:0", "resource": {"resourceType": "Patient", "name": [{"family": "Test", "given": ["Card"]}], "birthDate": "1990-01-01"}},
            {"fullUrl": "resource:1", "resource": {"resourceType": "Immunization", "status": "completed",
                "vaccineCode": {"coding": [{"system": "http://hl7.org/fhir/sid/cvx", "code": "208"}]},
                "patient": {"reference": "resource:0"}, "occurrenceDateTime": "2021-01-01"}}
        ]
    })
}

pub fn claims(iss: &str) -> Value {
    json!({
        "iss": iss,
        "nbf": 1_700_000_000,
        "vc": {
            "type": ["https://smarthealth.cards#health-card", "https://smarthealth.cards#immunization"],
            "credentialSubject": {"fhirVersion": "4.0.1", "fhirBundle": bundle()}
        }
    })
}

/// `header.payload.signature` with the payload bytes as given (already compressed or not).
pub fn sign_raw(header: &Value, payload: &[u8], key: &SigningKey) -> String {
    let input = format!("{}.{}", b64url(header.to_string().as_bytes()), b64url(payload));
    let signature: Signature = key.sign(input.as_bytes());
    format!("{input}.{}", b64url(&signature.to_bytes()))
}

/// A correct card: minified claims, raw DEFLATE, standard header.
pub fn sign_card(claims: &Value, key: &SigningKey) -> String {
    sign_raw(&standard_header(key), &raw_deflate(claims.to_string().as_bytes()), key)
}

/// The numeric QR text of a JWS (`shc:/` + two digits per character).
pub fn numeric(jws: &str) -> String {
    let digits: String = jws.bytes().map(|b| format!("{:02}", b - 45)).collect();
    format!("shc:/{digits}")
}

/// A trust store that knows the test key for the test issuer, loaded by hand.
pub fn store_with(iss: &str, keys: &[&SigningKey]) -> recdesk_shc::TrustStore {
    let mut store = recdesk_shc::TrustStore::empty();
    store.add_issuer_jwks(iss, &jwks(keys)).unwrap();
    store
}

/// The only card in `text`, decoded, or the test fails.
pub fn only_card(text: &str) -> recdesk_shc::DecodedCard {
    let mut cards = recdesk_shc::decode_cards(text);
    assert_eq!(cards.len(), 1, "expected one card");
    cards.remove(0).unwrap_or_else(|e| panic!("card not read: {e}"))
}

/// The only result in `text`, which must be an error.
pub fn only_error(text: &str) -> recdesk_shc::CardError {
    let mut cards = recdesk_shc::decode_cards(text);
    assert_eq!(cards.len(), 1, "expected one result");
    match cards.remove(0) {
        Ok(card) => panic!("expected an error, read a card from {}", card.issuer),
        Err(e) => e,
    }
}
