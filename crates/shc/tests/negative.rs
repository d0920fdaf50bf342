//! Cards and key files that must be refused, each with its own error or status and its own
//! words; and the irregular inputs that must still work (BOM, chunks out of order, whitespace).

// Test code: helpers outside #[test] functions unwrap too.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeSet;

use common::*;
use recdesk_record::{Severity, VerificationStatus};
use recdesk_shc::{
    CardError, CardSource, JwsPart, KeyProblem, MAX_INFLATED_PAYLOAD, NOT_BEFORE_LEEWAY_SECONDS, TimeClaim, TrustStore,
    TrustStoreError, decode_cards, verify,
};
use serde_json::{Value, json};

fn status_of(text: &str, store: &TrustStore, now: i64) -> (VerificationStatus, String) {
    let outcome = verify(&only_card(text), store, now);
    (outcome.status, outcome.reason)
}

/// Re-signs nothing: swaps the payload of `jws` for `payload` (already compressed).
fn with_payload(jws: &str, payload: &[u8]) -> String {
    let parts: Vec<&str> = jws.split('.').collect();
    format!("{}.{}.{}", parts[0], b64url(payload), parts[2])
}

fn header_without(key: &p256::ecdsa::SigningKey, member: &str) -> Value {
    let mut header = standard_header(key);
    header.as_object_mut().unwrap().remove(member);
    header
}

#[test]
fn a_good_test_card_verifies_in_every_form() {
    let key = test_key(0x11);
    let store = store_with(TEST_ISS, &[&key]);
    let jws = sign_card(&claims(TEST_ISS), &key);
    let file = json!({"verifiableCredential": [jws]}).to_string();
    for text in [jws.clone(), numeric(&jws), file] {
        let card = only_card(&text);
        assert_eq!(card.fhir_bundle, bundle());
        assert!(card.warnings.is_empty(), "{:?}", card.warnings);
        assert_eq!(verify(&card, &store, NOW).status, VerificationStatus::ValidSignatureUnknownIssuer);
    }
}

#[test]
fn tampered_payload_is_an_invalid_signature() {
    let key = test_key(0x11);
    let store = store_with(TEST_ISS, &[&key]);
    let jws = sign_card(&claims(TEST_ISS), &key);
    let mut changed = claims(TEST_ISS);
    changed["vc"]["credentialSubject"]["fhirBundle"]["entry"][1]["resource"]["occurrenceDateTime"] =
        "2020-12-01".into();
    let tampered = with_payload(&jws, &raw_deflate(changed.to_string().as_bytes()));
    let card = only_card(&tampered);
    assert_eq!(card.fhir_bundle["entry"][1]["resource"]["occurrenceDateTime"], "2020-12-01");
    let (status, reason) = status_of(&tampered, &store, NOW);
    assert_eq!(status, VerificationStatus::InvalidSignature);
    assert!(reason.contains("changed after it was issued"), "{reason}");

    // The same with the spec's example: another payload under the example's signature.
    let mut example_store = TrustStore::empty();
    example_store.add_issuer_jwks(EXAMPLE_ISS, &fixture("issuer-jwks.json")).unwrap();
    let example = fixture("example-00-d-jws.txt");
    let tampered = with_payload(example.trim(), &raw_deflate(claims(EXAMPLE_ISS).to_string().as_bytes()));
    assert_eq!(status_of(&tampered, &example_store, NOW).0, VerificationStatus::InvalidSignature);
}

#[test]
fn a_valid_signature_by_another_key_claiming_the_kid_is_invalid() {
    let trusted = test_key(0x11);
    let impostor = test_key(0x22);
    let store = store_with(TEST_ISS, &[&trusted]);
    // Header names the trusted key's kid; the impostor signs.
    let jws = sign_raw(&standard_header(&trusted), &raw_deflate(claims(TEST_ISS).to_string().as_bytes()), &impostor);
    let (status, _) = status_of(&jws, &store, NOW);
    assert_eq!(status, VerificationStatus::InvalidSignature);
    // Its own kid is simply unknown.
    let own = sign_card(&claims(TEST_ISS), &impostor);
    let (status, reason) = status_of(&own, &store, NOW);
    assert_eq!(status, VerificationStatus::IssuerNotFound);
    assert!(reason.contains("keys loaded for this issuer do not include"), "{reason}");
}

#[test]
fn key_files_with_bad_keys_are_refused_with_a_reason() {
    let key = test_key(0x11);
    let good = public_jwk(&key);
    let load = |jwk: Value| {
        let mut store = TrustStore::empty();
        let result = store.add_issuer_jwks(TEST_ISS, &json!({"keys": [public_jwk(&test_key(0x33)), jwk]}).to_string());
        // All or nothing: the good first key is not kept either.
        if result.is_err() {
            assert_eq!(store.key_count(), 0);
        }
        result
    };
    assert_eq!(load(good.clone()), Ok(2));

    // A P-384 key (48-byte coordinates).
    let p384 = json!({"kty": "EC", "crv": "P-384", "use": "sig", "alg": "ES384",
        "x": b64url(&[7u8; 48]), "y": b64url(&[9u8; 48]), "kid": "p384"});
    let err = load(p384).unwrap_err();
    assert_eq!(err, TrustStoreError::Key { index: 2, problem: KeyProblem::WrongCurve });
    assert!(err.to_string().contains("P-256"), "{err}");

    let mut wrong_kid = good.clone();
    wrong_kid["kid"] = kid_of(&test_key(0x33)).into();
    let err = load(wrong_kid).unwrap_err();
    assert_eq!(err, TrustStoreError::Key { index: 2, problem: KeyProblem::KidMismatch });
    assert!(err.to_string().contains("thumbprint"), "{err}");

    let mut private = good.clone();
    private["d"] = b64url(&[0x11; 32]).into();
    assert_eq!(load(private), Err(TrustStoreError::Key { index: 2, problem: KeyProblem::PrivateKeyIncluded }));

    let mut store = TrustStore::empty();
    assert_eq!(store.add_issuer_jwks(TEST_ISS, "not json"), Err(TrustStoreError::NotJson));
    assert_eq!(store.add_issuer_jwks(TEST_ISS, r#"{"kty":"EC"}"#), Err(TrustStoreError::NotAKeySet));
    assert_eq!(store.add_issuer_jwks(TEST_ISS, r#"{"keys":[]}"#), Err(TrustStoreError::NoKeys));
    assert_eq!(store.add_issuer_jwks(" ", &jwks(&[&key])), Err(TrustStoreError::InvalidIssuer));
}

#[test]
fn header_rules() {
    let key = test_key(0x11);
    let payload = raw_deflate(claims(TEST_ISS).to_string().as_bytes());
    let card_with = |header: Value| only_error(&sign_raw(&header, &payload, &key));
    assert_eq!(card_with(header_without(&key, "kid")), CardError::MissingKid);
    assert_eq!(card_with(header_without(&key, "zip")), CardError::MissingZip);
    assert_eq!(card_with(header_without(&key, "alg")), CardError::MissingAlg);
    let mut rs256 = standard_header(&key);
    rs256["alg"] = "RS256".into();
    assert_eq!(card_with(rs256), CardError::UnsupportedAlg);
    let mut none = standard_header(&key);
    none["alg"] = "none".into();
    assert_eq!(card_with(none), CardError::UnsupportedAlg);
    let mut gzip = standard_header(&key);
    gzip["zip"] = "GZIP".into();
    assert_eq!(card_with(gzip), CardError::UnsupportedZip);
    assert_eq!(card_with(json!(["not", "an", "object"])), CardError::HeaderNotJson);
}

#[test]
fn qr_digit_damage() {
    let jws = sign_card(&claims(TEST_ISS), &test_key(0x11));
    let qr = numeric(&jws);
    assert_eq!(only_error(&qr[..qr.len() - 1]), CardError::QrOddDigitCount);
    // 78 is one past 'z'.
    let out_of_range = format!("{}78{}", &qr[..7], &qr[7..]);
    assert_eq!(only_error(&out_of_range), CardError::QrDigitPairOutOfRange);
    let mut example = fixture("example-00-f-qr-code-numeric-value-0.txt").trim().to_owned();
    example.replace_range(5..7, "99");
    assert_eq!(only_error(&example), CardError::QrDigitPairOutOfRange);
    assert_eq!(only_error("shc:/"), CardError::QrNoDigits);
    // Pairs in range but decoding to characters a JWS never has (':' is 13).
    assert_eq!(only_error("shc:/56761313"), CardError::NotAJws);
}

#[test]
fn trailing_garbage_is_refused() {
    let jws = sign_card(&claims(TEST_ISS), &test_key(0x11));
    assert_eq!(only_error(&format!("{} 12", numeric(&jws))), CardError::TrailingTextAfterQr);
    assert_eq!(only_error(&format!("{}x", numeric(&jws))), CardError::TrailingTextAfterQr);
    assert_eq!(only_error(&format!("{jws} and some words")), CardError::TrailingTextAfterJws);
    assert_eq!(only_error(&format!("{jws}!")), CardError::TrailingTextAfterJws);
    let file = json!({"verifiableCredential": [jws]}).to_string();
    assert_eq!(only_error(&format!("{file} trailing")), CardError::TrailingTextAfterFile);
    // A fourth JWS part is not a JWS.
    assert_eq!(only_error(&format!("{jws}.AAAA")), CardError::NotAJws);
    // Text on a line of its own after a good card is reported as not a card, the card still read.
    let cards = decode_cards(&format!("{jws}\nPlease verify this card\n"));
    assert_eq!(cards.len(), 2);
    assert!(cards[0].is_ok());
    assert_eq!(cards[1].as_ref().unwrap_err(), &CardError::NotACard);
}

#[test]
fn byte_order_mark_and_whitespace_are_tolerated() {
    let key = test_key(0x11);
    let store = store_with(TEST_ISS, &[&key]);
    let jws = sign_card(&claims(TEST_ISS), &key);
    for text in [
        format!("\u{feff}{}", numeric(&jws)),
        format!("\u{feff}  {jws}\r\n\r\n"),
        format!("\u{feff}\n{}\n", json!({"verifiableCredential": [format!(" {jws}\n")]})),
        format!("\t{}  \n", numeric(&jws)),
    ] {
        assert_eq!(verify(&only_card(&text), &store, NOW).status, VerificationStatus::ValidSignatureUnknownIssuer);
    }
    let example = format!("\u{feff}{}", fixture("example-00-f-qr-code-numeric-value-0.txt"));
    assert_eq!(only_card(&example).fhir_bundle, fixture_json("example-00-a-fhirBundle.json"));
}

#[test]
fn a_decompression_bomb_is_stopped() {
    let key = test_key(0x11);
    // 2 MiB of spaces compresses to about 2 KB.
    let bomb = raw_deflate(&vec![b' '; 2 * 1024 * 1024]);
    assert!(bomb.len() < 10_000);
    let jws = sign_raw(&standard_header(&key), &bomb, &key);
    let err = only_error(&jws);
    assert_eq!(err, CardError::PayloadTooLarge { limit: MAX_INFLATED_PAYLOAD });
    assert!(err.to_string().contains("1024 KiB"), "{err}");
    // Just under the limit inflates (and then is not JSON).
    let under = raw_deflate(&vec![b' '; MAX_INFLATED_PAYLOAD - 1]);
    assert_eq!(only_error(&sign_raw(&standard_header(&key), &under, &key)), CardError::PayloadNotJson);
}

#[test]
fn payload_encoding_errors() {
    let key = test_key(0x11);
    let json = claims(TEST_ISS).to_string();
    let zlib = miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), 9);
    assert_eq!(only_error(&sign_raw(&standard_header(&key), &zlib, &key)), CardError::PayloadZlibWrapped);
    assert_eq!(only_error(&sign_raw(&standard_header(&key), json.as_bytes(), &key)), CardError::PayloadNotDeflate);
    let not_json = raw_deflate(b"hello");
    assert_eq!(only_error(&sign_raw(&standard_header(&key), &not_json, &key)), CardError::PayloadNotJson);
    let jws = sign_card(&claims(TEST_ISS), &key);
    let parts: Vec<&str> = jws.split('.').collect();
    assert_eq!(only_error(&format!("{}.{}.{}", parts[0], "A", parts[2])), CardError::JwsBadEncoding(JwsPart::Payload));
    assert_eq!(only_error(&format!("{}.{}.A", parts[0], parts[1])), CardError::JwsBadEncoding(JwsPart::Signature));
    assert_eq!(only_error(&format!("eyJ..{}", parts[2])), CardError::NotAJws);
}

#[test]
fn claim_errors() {
    let key = test_key(0x11);
    let card_with = |claims: Value| only_error(&sign_card(&claims, &key));
    let mut no_iss = claims(TEST_ISS);
    no_iss.as_object_mut().unwrap().remove("iss");
    assert_eq!(card_with(no_iss), CardError::MissingIssuer);
    let mut text_exp = claims(TEST_ISS);
    text_exp["exp"] = "2030-01-01".into();
    assert_eq!(card_with(text_exp), CardError::InvalidTimeClaim(TimeClaim::Expires));
    let mut text_nbf = claims(TEST_ISS);
    text_nbf["nbf"] = json!({"seconds": 1});
    assert_eq!(card_with(text_nbf), CardError::InvalidTimeClaim(TimeClaim::NotBefore));
    let mut no_bundle = claims(TEST_ISS);
    no_bundle["vc"]["credentialSubject"].as_object_mut().unwrap().remove("fhirBundle");
    assert_eq!(card_with(no_bundle), CardError::MissingFhirBundle);
    let mut patient = claims(TEST_ISS);
    patient["vc"]["credentialSubject"]["fhirBundle"] = json!({"resourceType": "Patient"});
    assert_eq!(card_with(patient), CardError::NotABundle);
}

#[test]
fn expired_and_not_yet_valid() {
    let key = test_key(0x11);
    let store = store_with(TEST_ISS, &[&key]);
    let mut expiring = claims(TEST_ISS);
    expiring["exp"] = 1_800_000_000.into();
    let jws = sign_card(&expiring, &key);
    assert_eq!(status_of(&jws, &store, 1_800_000_000).0, VerificationStatus::ValidSignatureUnknownIssuer);
    let (status, reason) = status_of(&jws, &store, 1_800_000_001);
    assert_eq!(status, VerificationStatus::Expired);
    assert!(reason.contains("expiry date has passed"), "{reason}");

    // nbf is 1_700_000_000; a clock a little behind is tolerated, more is not.
    let jws = sign_card(&claims(TEST_ISS), &key);
    let nbf = 1_700_000_000;
    assert_eq!(
        status_of(&jws, &store, nbf - NOT_BEFORE_LEEWAY_SECONDS).0,
        VerificationStatus::ValidSignatureUnknownIssuer
    );
    let (status, reason) = status_of(&jws, &store, nbf - NOT_BEFORE_LEEWAY_SECONDS - 1);
    assert_eq!(status, VerificationStatus::Expired);
    assert!(reason.contains("not valid yet"), "{reason}");
}

#[test]
fn revocation_by_rid_with_and_without_timestamp() {
    let key = test_key(0x11);
    let kid = kid_of(&key);
    let mut with_rid = claims(TEST_ISS);
    with_rid["vc"]["rid"] = "Rk9PYmFy".into();
    let card = only_card(&sign_card(&with_rid, &key)); // nbf 1_700_000_000
    let crl = |rid: &str| json!({"kid": kid, "method": "rid", "ctr": "1", "rids": [rid]}).to_string();
    let revoked_with = |rid: &str| {
        let mut store = store_with(TEST_ISS, &[&key]);
        store.add_crl(TEST_ISS, &crl(rid)).unwrap();
        verify(&card, &store, NOW)
    };
    let outcome = revoked_with("Rk9PYmFy");
    assert_eq!(outcome.status, VerificationStatus::Revoked);
    assert!(outcome.reason.contains("revoked"));
    // Cards issued at or before the timestamp are revoked; later ones are not.
    assert_eq!(revoked_with("Rk9PYmFy.1700000000").status, VerificationStatus::Revoked);
    assert_eq!(revoked_with("Rk9PYmFy.1800000000").status, VerificationStatus::Revoked);
    assert_eq!(revoked_with("Rk9PYmFy.1699999999").status, VerificationStatus::ValidSignatureUnknownIssuer);
    assert_eq!(revoked_with("OtherRid").status, VerificationStatus::ValidSignatureUnknownIssuer);
    // A list for another issuer does not apply.
    let mut store = store_with(TEST_ISS, &[&key]);
    store.add_crl("https://other.example", &crl("Rk9PYmFy")).unwrap();
    assert_eq!(verify(&card, &store, NOW).status, VerificationStatus::ValidSignatureUnknownIssuer);
}

#[test]
fn a_payload_that_is_not_minified_is_only_a_warning() {
    let key = test_key(0x11);
    let store = store_with(TEST_ISS, &[&key]);
    let pretty = serde_json::to_string_pretty(&claims(TEST_ISS)).unwrap();
    let jws = sign_raw(&standard_header(&key), &raw_deflate(pretty.as_bytes()), &key);
    let card = only_card(&jws);
    assert_eq!(card.warnings.len(), 1);
    assert_eq!(card.warnings[0].severity, Severity::Warning);
    assert!(card.warnings[0].message.contains("not minified"));
    assert_eq!(card.fhir_bundle, bundle());
    assert_eq!(verify(&card, &store, NOW).status, VerificationStatus::ValidSignatureUnknownIssuer);
}

#[test]
fn a_payload_beginning_with_a_byte_order_mark_is_read_with_a_warning() {
    let key = test_key(0x11);
    let store = store_with(TEST_ISS, &[&key]);
    let mut payload = "\u{feff}".as_bytes().to_vec();
    payload.extend(serde_json::to_string(&claims(TEST_ISS)).unwrap().as_bytes());
    let jws = sign_raw(&standard_header(&key), &raw_deflate(&payload), &key);
    let card = only_card(&jws);
    assert_eq!(card.warnings.len(), 1, "{:?}", card.warnings);
    assert!(card.warnings[0].message.contains("byte-order mark (U+FEFF)"), "{}", card.warnings[0].message);
    assert_eq!(card.fhir_bundle, bundle());
    assert_eq!(verify(&card, &store, NOW).status, VerificationStatus::ValidSignatureUnknownIssuer);
}

#[test]
fn other_warnings() {
    let key = test_key(0x11);
    let mut odd = claims("http://issuer.test.example/");
    odd.as_object_mut().unwrap().remove("nbf");
    odd["vc"]["type"] = json!(["https://smarthealth.cards#immunization"]);
    odd["vc"]["rid"] = "not a valid rid because it is long".into();
    let card = only_card(&sign_card(&odd, &key));
    let pointers: Vec<String> = card.warnings.iter().map(|w| w.location.as_ref().unwrap().to_string()).collect();
    assert_eq!(pointers, ["document 1, /iss", "document 1, /nbf", "document 1, /vc/type", "document 1, /vc/rid"]);
}

fn split_chunks(jws: &str, n: usize) -> Vec<String> {
    let size = jws.len().div_ceil(n);
    jws.as_bytes()
        .chunks(size)
        .enumerate()
        .map(|(i, part)| {
            let digits = numeric(std::str::from_utf8(part).unwrap());
            format!("shc:/{}/{n}/{}", i + 1, &digits[5..])
        })
        .collect()
}

#[test]
fn chunked_qr_codes_join_in_any_order() {
    let key = test_key(0x11);
    let store = store_with(TEST_ISS, &[&key]);
    let jws = sign_card(&claims(TEST_ISS), &key);
    let chunks = split_chunks(&jws, 2);
    assert!(chunks[0].starts_with("shc:/1/2/") && chunks[1].starts_with("shc:/2/2/"));
    for text in [format!("{}\n{}", chunks[0], chunks[1]), format!("{}\n{}", chunks[1], chunks[0])] {
        let card = only_card(&text);
        assert_eq!(card.source, CardSource::QrChunks { count: 2 });
        assert_eq!(verify(&card, &store, NOW).status, VerificationStatus::ValidSignatureUnknownIssuer);
    }
    // The spec's example split in three, shuffled.
    let example = fixture("example-00-d-jws.txt");
    let three = split_chunks(example.trim(), 3);
    let card = only_card(&format!("{}\n{}\n{}\n", three[2], three[0], three[1]));
    assert_eq!(card.fhir_bundle, fixture_json("example-00-a-fhirBundle.json"));
}

#[test]
fn a_missing_chunk_is_an_error() {
    let jws = sign_card(&claims(TEST_ISS), &test_key(0x11));
    let chunks = split_chunks(&jws, 3);
    let err = only_error(&format!("{}\n{}", chunks[2], chunks[0]));
    assert_eq!(err, CardError::QrMissingChunks { total: 3, missing: vec![2] });
    assert!(err.to_string().contains("part 2 is missing"), "{err}");
    assert_eq!(only_error("shc:/3/2/5676"), CardError::QrBadChunkHeader);
    let other = split_chunks(&sign_card(&claims(TEST_ISS), &test_key(0x22)), 2);
    let two = split_chunks(&jws, 2);
    assert_eq!(
        only_error(&format!("{}\n{}\n{}", two[0], other[0], two[1])),
        CardError::QrConflictingChunks { index: 1 }
    );
}

#[test]
fn a_der_signature_is_malformed() {
    let key = test_key(0x11);
    let store = store_with(TEST_ISS, &[&key]);
    let jws = sign_card(&claims(TEST_ISS), &key);
    let (input, _) = jws.rsplit_once('.').unwrap();
    let signature: p256::ecdsa::Signature = p256::ecdsa::signature::Signer::sign(&key, input.as_bytes());
    let der = signature.to_der();
    let card = only_card(&format!("{input}.{}", b64url(der.as_bytes())));
    let outcome = verify(&card, &store, NOW);
    assert_eq!(outcome.status, VerificationStatus::Malformed);
    assert!(outcome.reason.contains("DER"), "{}", outcome.reason);
}

#[test]
fn file_errors() {
    assert_eq!(only_error("{\"verifiableCredential\": ["), CardError::FileNotJson);
    assert_eq!(only_error(r#"{"resourceType": "Bundle"}"#), CardError::FileWithoutCards);
    assert_eq!(only_error(r#"{"verifiableCredential": []}"#), CardError::FileWithoutCards);
    assert_eq!(only_error(r#"{"verifiableCredential": [5]}"#), CardError::FileEntryNotText { index: 1 });
    assert_eq!(only_error(""), CardError::Empty);
    assert_eq!(only_error("MSH|^~\\&|"), CardError::NotACard);
}

#[test]
fn malformed_cards_become_malformed_verifications() {
    let outcome = CardError::QrOddDigitCount.verification(3);
    assert_eq!(outcome.document, 3);
    assert_eq!(outcome.status, VerificationStatus::Malformed);
    assert!(outcome.reason.contains("odd number of digits"));
}

#[test]
fn every_error_has_its_own_words() {
    let errors = [
        CardError::Empty,
        CardError::NotACard,
        CardError::QrNoDigits,
        CardError::QrOddDigitCount,
        CardError::QrDigitPairOutOfRange,
        CardError::QrBadChunkHeader,
        CardError::QrMissingChunks { total: 2, missing: vec![1] },
        CardError::QrConflictingChunks { index: 1 },
        CardError::TrailingTextAfterQr,
        CardError::TrailingTextAfterJws,
        CardError::TrailingTextAfterFile,
        CardError::FileNotJson,
        CardError::FileWithoutCards,
        CardError::FileEntryNotText { index: 1 },
        CardError::NotAJws,
        CardError::JwsBadEncoding(JwsPart::Header),
        CardError::JwsBadEncoding(JwsPart::Payload),
        CardError::JwsBadEncoding(JwsPart::Signature),
        CardError::HeaderNotJson,
        CardError::MissingAlg,
        CardError::UnsupportedAlg,
        CardError::MissingKid,
        CardError::MissingZip,
        CardError::UnsupportedZip,
        CardError::PayloadZlibWrapped,
        CardError::PayloadNotDeflate,
        CardError::PayloadTooLarge { limit: MAX_INFLATED_PAYLOAD },
        CardError::PayloadNotJson,
        CardError::MissingIssuer,
        CardError::InvalidTimeClaim(TimeClaim::NotBefore),
        CardError::InvalidTimeClaim(TimeClaim::Expires),
        CardError::MissingFhirBundle,
        CardError::NotABundle,
    ];
    let messages: BTreeSet<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), errors.len(), "two errors share their words");
    for message in &messages {
        assert!(message.ends_with('.'), "{message}");
        assert!(message.len() > 40, "{message}");
    }
    let problems = [
        KeyProblem::NotAnObject,
        KeyProblem::NotEllipticCurve,
        KeyProblem::WrongCurve,
        KeyProblem::NotForSigning,
        KeyProblem::WrongAlgorithm,
        KeyProblem::BadCoordinates,
        KeyProblem::NotOnCurve,
        KeyProblem::KidMismatch,
        KeyProblem::PrivateKeyIncluded,
    ];
    let words: BTreeSet<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(words.len(), problems.len());
}

#[test]
fn every_verification_outcome_has_its_own_words() {
    let key = test_key(0x11);
    let other = test_key(0x22);
    let store = store_with(TEST_ISS, &[&key]);
    let mut expiring = claims(TEST_ISS);
    expiring["exp"] = 1_700_000_100.into();
    expiring["vc"]["rid"] = "abc".into();
    let jws = sign_card(&expiring, &key);
    let (input, _) = jws.rsplit_once('.').unwrap();
    let mut revoking = store.clone();
    revoking.add_crl(TEST_ISS, &json!({"kid": kid_of(&key), "method": "rid", "rids": ["abc"]}).to_string()).unwrap();
    let outcomes = [
        (verify(&only_card(&jws), &store, 1_700_000_000), VerificationStatus::ValidSignatureUnknownIssuer),
        (verify(&only_card(&jws), &TrustStore::empty(), 1_700_000_000), VerificationStatus::IssuerNotFound),
        (verify(&only_card(&sign_card(&expiring, &other)), &store, 1_700_000_000), VerificationStatus::IssuerNotFound),
        (
            verify(&only_card(&format!("{input}.{}", b64url(&[1; 64]))), &store, 1_700_000_000),
            VerificationStatus::InvalidSignature,
        ),
        (
            verify(&only_card(&format!("{input}.{}", b64url(&[0; 64]))), &store, 1_700_000_000),
            VerificationStatus::InvalidSignature,
        ),
        (verify(&only_card(&format!("{input}.AAAA")), &store, 1_700_000_000), VerificationStatus::Malformed),
        (verify(&only_card(&jws), &revoking, 1_700_000_000), VerificationStatus::Revoked),
        (verify(&only_card(&jws), &store, 1_700_000_101), VerificationStatus::Expired),
        (verify(&only_card(&jws), &store, 1_600_000_000), VerificationStatus::Expired),
    ];
    let mut reasons = BTreeSet::new();
    for (outcome, status) in &outcomes {
        assert_eq!(outcome.status, *status, "{}", outcome.reason);
        assert!(reasons.insert(outcome.reason.clone()), "shared reason: {}", outcome.reason);
    }
}
