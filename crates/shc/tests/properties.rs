//! Whatever the text, decoding and verifying never panic; and a changed card never verifies.

// Test code: helpers outside #[test] functions unwrap too.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use proptest::prelude::*;
use recdesk_record::VerificationStatus;
use recdesk_shc::{TrustStore, decode_cards, verify};

fn config() -> ProptestConfig {
    ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() }
}

fn example_store() -> TrustStore {
    let mut store = TrustStore::empty();
    store.add_issuer_jwks(EXAMPLE_ISS, &fixture("issuer-jwks.json")).unwrap();
    store
}

/// Decodes and verifies everything; returns the outcomes of the cards that were read.
fn run(text: &str, store: &TrustStore) -> Vec<(String, VerificationStatus)> {
    decode_cards(text)
        .into_iter()
        .enumerate()
        .map(|(i, result)| match result {
            Ok(card) => {
                assert_eq!(card.document as usize, i + 1);
                (card.issuer.clone(), verify(&card, store, NOW).status)
            }
            Err(e) => {
                assert!(!e.to_string().is_empty());
                (String::new(), e.verification(1).status)
            }
        })
        .collect()
}

#[derive(Clone, Debug)]
enum Mutation {
    Replace(usize, char),
    Delete(usize, usize),
    Insert(usize, char),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let ch =
        prop_oneof![proptest::char::range('-', 'z'), Just('.'), Just(' '), Just('\n'), Just('\u{feff}'), any::<char>()];
    prop_oneof![
        (any::<usize>(), ch.clone()).prop_map(|(i, c)| Mutation::Replace(i, c)),
        (any::<usize>(), 1usize..20).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (any::<usize>(), ch).prop_map(|(i, c)| Mutation::Insert(i, c)),
    ]
}

fn apply(text: &str, mutations: &[Mutation]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for m in mutations {
        let len = chars.len().max(1);
        match *m {
            Mutation::Replace(i, c) => {
                if !chars.is_empty() {
                    chars[i % len] = c;
                }
            }
            Mutation::Delete(i, n) => {
                let start = (i % len).min(chars.len());
                let end = (start + n).min(chars.len());
                chars.drain(start..end);
            }
            Mutation::Insert(i, c) => chars.insert((i % len).min(chars.len()), c),
        }
    }
    chars.into_iter().collect()
}

fn signed_part(jws: &str) -> Option<&str> {
    jws.trim().rsplit_once('.').map(|(input, _)| input)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        run(&text, &example_store());
    }

    #[test]
    fn arbitrary_card_like_text_never_panics(text in "(shc:/|ey|\\{\"verifiableCredential\":\\[\")[-.0-9A-Za-z_/\"\\]} \n]{0,300}") {
        run(&text, &example_store());
    }

    #[test]
    fn arbitrary_qr_digits_never_panic(digits in "[0-9]{0,600}", chunk in proptest::option::of((0u32..5, 0u32..5))) {
        let text = match chunk {
            Some((c, n)) => format!("shc:/{c}/{n}/{digits}"),
            None => format!("shc:/{digits}"),
        };
        let results = run(&text, &example_store());
        prop_assert_eq!(results.len(), 1);
    }

    #[test]
    fn mutated_example_jws_never_panics_and_never_verifies_changed(mutations in proptest::collection::vec(mutation(), 1..4)) {
        let original = fixture("example-00-d-jws.txt");
        let mutated = apply(original.trim(), &mutations);
        for (_, status) in run(&mutated, &example_store()) {
            if status == VerificationStatus::ValidSignatureUnknownIssuer {
                // Only the signature's unused last bits may change without breaking it.
                prop_assert_eq!(signed_part(&mutated), signed_part(&original));
            }
        }
    }

    #[test]
    fn mutated_example_qr_never_panics_and_never_verifies_changed(mutations in proptest::collection::vec(mutation(), 1..4)) {
        let original = fixture("example-01-f-qr-code-numeric-value-0.txt");
        let mutated = apply(original.trim(), &mutations);
        let jws = fixture("example-01-d-jws.txt");
        for card in decode_cards(&mutated).into_iter().flatten() {
            if verify(&card, &example_store(), NOW).status == VerificationStatus::ValidSignatureUnknownIssuer {
                prop_assert_eq!(card.fhir_bundle, fixture_json("example-01-a-fhirBundle.json"));
                prop_assert!(signed_part(&jws).is_some());
            }
        }
    }

    #[test]
    fn mutated_file_never_panics(mutations in proptest::collection::vec(mutation(), 1..4)) {
        let original = fixture("example-00-e-file.smart-health-card");
        static BUNDLED: std::sync::OnceLock<TrustStore> = std::sync::OnceLock::new();
        run(&apply(&original, &mutations), BUNDLED.get_or_init(TrustStore::bundled));
    }
}
