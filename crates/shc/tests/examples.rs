//! The SMART Health Card spec's own example cards, in every form, against the example issuer's
//! published keys.

// Test code: helpers outside #[test] functions unwrap too.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use recdesk_record::VerificationStatus;
use recdesk_shc::{CardSource, TrustStore, decode_cards, verify};

fn example_store() -> TrustStore {
    let mut store = TrustStore::empty();
    assert_eq!(store.add_issuer_jwks(EXAMPLE_ISS, &fixture("issuer-jwks.json")), Ok(2));
    store
}

const FORMS: [(&str, CardSource); 3] = [
    ("d-jws.txt", CardSource::Jws),
    ("e-file.smart-health-card", CardSource::File),
    ("f-qr-code-numeric-value-0.txt", CardSource::QrCode),
];

#[test]
fn every_example_form_decodes_to_the_example_bundle_and_verifies() {
    let store = example_store();
    for example in ["00", "01"] {
        let expected_bundle = fixture_json(&format!("example-{example}-a-fhirBundle.json"));
        for (form, source) in FORMS {
            let name = format!("example-{example}-{form}");
            let card = only_card(&fixture(&name));
            assert_eq!(card.document, 1);
            assert_eq!(card.source, source, "{name}");
            assert_eq!(card.issuer, EXAMPLE_ISS, "{name}");
            assert_eq!(card.header.alg, "ES256");
            assert_eq!(card.header.zip, "DEF");
            assert_eq!(card.fhir_bundle, expected_bundle, "{name}: bundle differs from the example's");
            assert_eq!(card.fhir_version.as_deref(), Some("4.0.1"));
            assert!(card.credential_types.iter().any(|t| t == "https://smarthealth.cards#health-card"));
            assert!(card.warnings.is_empty(), "{name}: {:?}", card.warnings);
            // nbf 1687450764.656 / .657 in the examples: fractional seconds, rounded down.
            assert_eq!(card.not_before, Some(1_687_450_764), "{name}");
            assert_eq!(card.expires, None);

            let outcome = verify(&card, &store, NOW);
            assert_eq!(outcome.status, VerificationStatus::ValidSignatureUnknownIssuer, "{name}: {}", outcome.reason);
            assert_eq!(outcome.document, 1);
            assert_eq!(outcome.issuer, EXAMPLE_ISS);
            assert_eq!(outcome.issuer_name, None);
            assert!(outcome.reason.contains("not in the trusted issuer directory"), "{}", outcome.reason);
        }
    }
}

#[test]
fn examples_are_signed_with_different_keys() {
    let kid_00 = only_card(&fixture("example-00-d-jws.txt")).header.kid;
    let kid_01 = only_card(&fixture("example-01-d-jws.txt")).header.kid;
    assert_eq!(kid_00, "3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s");
    assert_eq!(kid_01, "EBKOr72QQDcTBUuVzAzkfBTGew0ZA16GuWty64nS-sw");
    // Example 00 carries a revocation identifier, 01 none.
    assert_eq!(only_card(&fixture("example-00-d-jws.txt")).revocation_id.as_deref(), Some("MKyCxh7p6uQ"));
    assert_eq!(only_card(&fixture("example-01-d-jws.txt")).revocation_id, None);
}

#[test]
fn without_keys_the_issuer_is_not_found() {
    for store in [TrustStore::empty(), TrustStore::bundled()] {
        for example in ["00", "01"] {
            for (form, _) in FORMS {
                let card = only_card(&fixture(&format!("example-{example}-{form}")));
                let outcome = verify(&card, &store, NOW);
                assert_eq!(outcome.status, VerificationStatus::IssuerNotFound);
                assert!(outcome.reason.contains("may be genuine"), "{}", outcome.reason);
                assert!(outcome.reason.contains("/.well-known/jwks.json"), "{}", outcome.reason);
            }
        }
    }
}

#[test]
fn the_example_issuer_is_not_in_the_directory() {
    let directory = TrustStore::bundled();
    assert_eq!(directory.issuer_name(EXAMPLE_ISS), None);
    // Nor under any spelling of the spec's host.
    let snapshot = include_str!("../data/vci_issuers.json");
    assert!(!snapshot.contains("smarthealth.cards/examples"));
}

#[test]
fn a_key_for_one_issuer_does_not_verify_another_issuers_card() {
    let mut store = TrustStore::empty();
    store.add_issuer_jwks("https://someone.else.example", &fixture("issuer-jwks.json")).unwrap();
    let card = only_card(&fixture("example-00-d-jws.txt"));
    assert_eq!(verify(&card, &store, NOW).status, VerificationStatus::IssuerNotFound);
}

#[test]
fn all_forms_together_are_numbered_in_order() {
    let text = format!(
        "{}\n{}\n{}\n",
        fixture("example-00-f-qr-code-numeric-value-0.txt").trim(),
        fixture("example-01-d-jws.txt").trim(),
        fixture("example-01-f-qr-code-numeric-value-0.txt").trim()
    );
    let store = example_store();
    let cards = decode_cards(&text);
    assert_eq!(cards.len(), 3);
    for (i, card) in cards.iter().enumerate() {
        let card = card.as_ref().unwrap();
        assert_eq!(card.document as usize, i + 1);
        assert_eq!(verify(card, &store, NOW).document as usize, i + 1);
        assert_eq!(verify(card, &store, NOW).status, VerificationStatus::ValidSignatureUnknownIssuer);
    }
}

#[test]
fn a_file_with_two_cards_gives_two_documents() {
    let file = serde_json::json!({"verifiableCredential": [
        fixture("example-00-d-jws.txt").trim(),
        fixture("example-01-d-jws.txt").trim(),
    ]})
    .to_string();
    let cards = decode_cards(&file);
    assert_eq!(cards.len(), 2);
    assert_eq!(cards[1].as_ref().unwrap().document, 2);
    assert_eq!(cards[1].as_ref().unwrap().source, CardSource::File);
}

#[test]
fn the_spec_revoked_example_is_revoked_with_the_issuers_list() {
    let mut store = example_store();
    let card = only_card(&fixture("example-03-d-jws.txt"));
    assert_eq!(card.revocation_id.as_deref(), Some("vwAjHdarZuc"));
    assert_eq!(card.not_before, Some(1_668_545_475));
    assert_eq!(card.expires, Some(1_700_081_475));
    let before_expiry = 1_690_000_000;
    assert_eq!(verify(&card, &store, before_expiry).status, VerificationStatus::ValidSignatureUnknownIssuer);

    assert_eq!(store.add_crl(EXAMPLE_ISS, &fixture("example-issuer-crl-3Kfdg.json")), Ok(4));
    let outcome = verify(&card, &store, before_expiry);
    assert_eq!(outcome.status, VerificationStatus::Revoked, "{}", outcome.reason);
    assert!(outcome.reason.contains("revoked"));
    // Revocation outranks expiry.
    assert_eq!(verify(&card, &store, NOW).status, VerificationStatus::Revoked);
    // The list is for its own key and issuer: example 00 (same key, rid not listed) stays valid.
    let card_00 = only_card(&fixture("example-00-d-jws.txt"));
    assert_eq!(verify(&card_00, &store, NOW).status, VerificationStatus::ValidSignatureUnknownIssuer);
}

#[test]
fn the_example_key_publishes_a_revocation_list() {
    // Key 3Kfdg has "crlVersion": 1, so without the list loaded the reason says it was not checked.
    let store = example_store();
    let outcome = verify(&only_card(&fixture("example-00-d-jws.txt")), &store, NOW);
    assert!(outcome.reason.contains("revocation was not checked"), "{}", outcome.reason);
    let outcome = verify(&only_card(&fixture("example-01-d-jws.txt")), &store, NOW);
    assert!(!outcome.reason.contains("revocation"), "{}", outcome.reason);
}
