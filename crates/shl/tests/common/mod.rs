//! Test helpers shared by the integration tests: building links and encrypting files the way a
//! sharing application does (compact JWE, `alg: dir`, `enc: A256GCM`, optional raw DEFLATE).

// Each test file uses its own subset of these helpers.
#![allow(dead_code)]

use aes_gcm::aead::{AeadInOut, KeyInit};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// A fixed test key (bytes 0, 1, …, 31).
pub const KEY: [u8; 32] = {
    let mut key = [0u8; 32];
    let mut i = 0;
    while i < 32 {
        key[i] = i as u8;
        i += 1;
    }
    key
};

/// A fixed 96-bit IV.
pub const IV: [u8; 12] = *b"recdesk-iv12";

/// base64url without padding.
pub fn b64(bytes: impl AsRef<[u8]>) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// `shlink:/` + the base64url of `json`.
pub fn link(json: &str) -> String {
    format!("shlink:/{}", b64(json))
}

/// A compact JWE of `plaintext` with the protected header `header_json` (written as given, so
/// its exact text is the AAD), compressing with raw DEFLATE first when `deflate` is set.
pub fn jwe_with(header_json: &str, plaintext: &[u8], key: &[u8; 32], iv: &[u8], deflate: bool) -> String {
    let header = b64(header_json);
    let mut buffer = if deflate { miniz_oxide::deflate::compress_to_vec(plaintext, 6) } else { plaintext.to_vec() };
    let cipher = Aes256Gcm::new(&Key::<Aes256Gcm>::from(*key));
    let nonce = Nonce::try_from(iv).expect("a 96-bit IV");
    let tag = cipher
        .encrypt_inout_detached(&nonce, header.as_bytes(), buffer.as_mut_slice().into())
        .expect("AES-GCM encryption");
    format!("{header}..{}.{}.{}", b64(iv), b64(&buffer), b64(tag))
}

/// A compact JWE as the specification describes it, with the fixed IV.
pub fn jwe(content_type: &str, plaintext: &[u8], key: &[u8; 32], deflate: bool) -> String {
    let header = if deflate {
        format!(r#"{{"alg":"dir","enc":"A256GCM","cty":"{content_type}","zip":"DEF"}}"#)
    } else {
        format!(r#"{{"alg":"dir","enc":"A256GCM","cty":"{content_type}"}}"#)
    };
    jwe_with(&header, plaintext, key, &IV, deflate)
}

/// A small FHIR R4 Bundle with one Patient and one Immunization (made up).
pub const FHIR_BUNDLE: &str = r#"{"resourceType":"Bundle","type":"collection","entry":[{"fullUrl":"urn:uuid:1","resource":{"resourceType":"Patient","name":[{"family":"Rivera","given":["Mia"]}],"birthDate":"2016-04-02"}},{"fullUrl":"urn:uuid:2","resource":{"resourceType":"Immunization","status":"completed","vaccineCode":{"coding":[{"system":"http://hl7.org/fhir/sid/cvx","code":"03"}]},"patient":{"reference":"urn:uuid:1"},"occurrenceDateTime":"2017-05-10"}}]}"#;

/// A `.smart-health-card` file (made up; the JWS is a placeholder, never verified here).
pub const SMART_HEALTH_CARD: &str =
    r#"{"verifiableCredential":["eyJ6aXAiOiJERUYiLCJhbGciOiJFUzI1NiIsImtpZCI6InRlc3QifQ.cGF5bG9hZA.c2lnbmF0dXJl"]}"#;
