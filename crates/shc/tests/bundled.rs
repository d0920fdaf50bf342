//! The bundled VCI directory snapshot as a trust store.

// Test code: helpers outside #[test] functions unwrap too.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use recdesk_record::VerificationStatus;
use recdesk_shc::{TrustStore, TrustStoreError, verify};

const CALIFORNIA: &str = "https://myvaccinerecord.cdph.ca.gov/creds";

#[test]
fn the_bundled_directory_loads_every_issuer_and_key() {
    let store = TrustStore::bundled();
    assert_eq!(store.issuer_count(), 651);
    assert_eq!(store.key_count(), 961);
    assert_eq!(store.skipped_key_count(), 0);
    assert_eq!(store.directory_time(), Some("2026-08-22T04:43:50Z"));
}

#[test]
fn the_bundled_directory_is_the_trimmed_snapshot() {
    // Same issuers and keys as the full snapshot in shared/corpus, when that is at hand.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/shc/vci_snapshot.json");
    let Ok(full) = std::fs::read_to_string(path) else {
        return;
    };
    let full = TrustStore::from_vci_snapshot(&full).unwrap();
    let bundled = TrustStore::bundled();
    assert_eq!(full.issuer_count(), bundled.issuer_count());
    assert_eq!(full.key_count(), bundled.key_count());
    assert_eq!(full.skipped_key_count(), 0, "every kid in the snapshot is its key's thumbprint");
}

#[test]
fn real_issuers_are_known_by_name() {
    let store = TrustStore::bundled();
    assert_eq!(store.issuer_name(CALIFORNIA), Some("State of California"));
    assert_eq!(store.issuer_name("https://ekeys.ny.gov/epass/doh/dvc/2021"), Some("State of New York"));
    assert_eq!(
        store.issuer_name("https://immunize.nyc/shc/mvr"),
        Some("New York City - Citywide Immunization Registry (CIR)")
    );
    assert_eq!(store.issuer_name("https://myvaccinerecord.cdph.ca.gov/creds/"), None, "iss is matched exactly");
    assert_eq!(store.issuer_name(EXAMPLE_ISS), None);
}

#[test]
fn a_card_under_a_real_issuer_signed_with_an_unknown_key_is_not_found() {
    let store = TrustStore::bundled();
    let forged = sign_card(&claims(CALIFORNIA), &test_key(0x11));
    let outcome = verify(&only_card(&forged), &store, NOW);
    assert_eq!(outcome.status, VerificationStatus::IssuerNotFound);
    assert_eq!(outcome.issuer, CALIFORNIA);
    assert_eq!(outcome.issuer_name.as_deref(), Some("State of California"));
    assert!(outcome.reason.contains("State of California is in the trusted issuer directory"), "{}", outcome.reason);
}

#[test]
fn a_hand_loaded_key_does_not_make_a_directory_issuer_verified() {
    // Someone hands over a card "from California" together with a key file for it: the signature
    // checks out, but the directory does not vouch for that key.
    let key = test_key(0x11);
    let mut store = TrustStore::bundled();
    store.add_issuer_jwks(CALIFORNIA, &jwks(&[&key])).unwrap();
    let outcome = verify(&only_card(&sign_card(&claims(CALIFORNIA), &key)), &store, NOW);
    assert_eq!(outcome.status, VerificationStatus::ValidSignatureUnknownIssuer);
    assert!(outcome.reason.contains("does not list that key for State of California"), "{}", outcome.reason);
}

#[test]
fn a_directory_key_makes_a_card_verified() {
    // A directory of its own with the test key: the same path the bundled keys take.
    let key = test_key(0x11);
    let jwk = public_jwk(&key);
    let snapshot = serde_json::json!({
        "time": "2026-01-02T03:04:05Z",
        "issuerInfo": [{"issuer": {"iss": TEST_ISS, "name": "Test Registry"}, "keys": [jwk]}]
    });
    let store = TrustStore::from_vci_snapshot(&snapshot.to_string()).unwrap();
    let outcome = verify(&only_card(&sign_card(&claims(TEST_ISS), &key)), &store, NOW);
    assert_eq!(outcome.status, VerificationStatus::Verified, "{}", outcome.reason);
    assert_eq!(outcome.issuer_name.as_deref(), Some("Test Registry"));
    assert!(
        outcome.reason.contains("Test Registry") && outcome.reason.contains("as of 2026-01-02"),
        "{}",
        outcome.reason
    );
}

#[test]
fn a_bad_key_in_a_directory_is_skipped_not_fatal() {
    let good = public_jwk(&test_key(0x11));
    let mut bad = public_jwk(&test_key(0x22));
    bad["kid"] = "wrong".into();
    let snapshot = serde_json::json!({"issuerInfo": [{"issuer": {"iss": TEST_ISS, "name": "T"}, "keys": [good, bad]}]});
    let store = TrustStore::from_vci_snapshot(&snapshot.to_string()).unwrap();
    assert_eq!((store.key_count(), store.skipped_key_count()), (1, 1));
    assert_eq!(TrustStore::from_vci_snapshot("{}").unwrap_err(), TrustStoreError::NotADirectory);
    assert_eq!(TrustStore::from_vci_snapshot("[").unwrap_err(), TrustStoreError::NotJson);
}
