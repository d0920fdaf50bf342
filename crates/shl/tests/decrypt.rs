//! `decrypt_file`: files encrypted here the way a sharing application does (fixed key and IV,
//! compact JWE built by hand) decrypt back, with and without `zip: "DEF"`; and every way a file
//! is refused.

mod common;

use common::{FHIR_BUNDLE, IV, KEY, SMART_HEALTH_CARD, b64, jwe, jwe_with};
use recdesk_shl::{ContentKind, DecryptedFile, LinkError, MAX_FILE_BYTES, decrypt_file, decrypt_file_with_limit};

const FHIR: &str = "application/fhir+json";
const SHC: &str = "application/smart-health-card";

fn parts(jwe: &str) -> Vec<String> {
    jwe.split('.').map(str::to_owned).collect()
}

fn malformed(error: Result<DecryptedFile, LinkError>) -> &'static str {
    match error {
        Err(LinkError::MalformedFile { problem }) => problem,
        other => panic!("expected MalformedFile, got {other:?}"),
    }
}

fn unsupported(error: Result<DecryptedFile, LinkError>) -> &'static str {
    match error {
        Err(LinkError::UnsupportedEncryption { problem }) => problem,
        other => panic!("expected UnsupportedEncryption, got {other:?}"),
    }
}

// ── Round trips ──────────────────────────────────────────────────────────────────────────

#[test]
fn fhir_json_round_trips_without_and_with_deflate() {
    for deflate in [false, true] {
        let file = decrypt_file(&jwe(FHIR, FHIR_BUNDLE.as_bytes(), &KEY, deflate), &KEY).expect("decrypts");
        assert_eq!(file.content_type, FHIR);
        assert_eq!(file.kind(), ContentKind::FhirJson);
        assert_eq!(file.bytes, FHIR_BUNDLE.as_bytes(), "deflate: {deflate}");
    }
}

#[test]
fn smart_health_card_round_trips_without_and_with_deflate() {
    for deflate in [false, true] {
        let file = decrypt_file(&jwe(SHC, SMART_HEALTH_CARD.as_bytes(), &KEY, deflate), &KEY).expect("decrypts");
        assert_eq!(file.content_type, SHC);
        assert_eq!(file.kind(), ContentKind::SmartHealthCard);
        assert_eq!(file.bytes, SMART_HEALTH_CARD.as_bytes(), "deflate: {deflate}");
    }
}

#[test]
fn the_compressed_file_really_is_compressed() {
    let plain = jwe(FHIR, FHIR_BUNDLE.as_bytes(), &KEY, false);
    let zipped = jwe(FHIR, FHIR_BUNDLE.as_bytes(), &KEY, true);
    assert!(parts(&zipped)[3].len() < parts(&plain)[3].len());
}

#[test]
fn header_properties_in_any_order_and_extra_ones_are_accepted() {
    let header = r#"{"zip":"DEF","cty":"application/smart-api-access","kid":"k1","enc":"A256GCM","alg":"dir"}"#;
    let body = br#"{"access_token":"t","token_type":"bearer","aud":"https://fhir.example.org"}"#;
    let file = decrypt_file(&jwe_with(header, body, &KEY, &IV, true), &KEY).expect("decrypts");
    assert_eq!(file.kind(), ContentKind::SmartApiAccess);
    assert_eq!(file.bytes, body);
}

#[test]
fn empty_plaintext_and_surrounding_whitespace_are_fine() {
    let file = decrypt_file(&format!("\u{feff}{}\r\n", jwe(FHIR, b"", &KEY, false)), &KEY).expect("decrypts");
    assert_eq!(file.bytes, b"");
    let file = decrypt_file(&format!("  {}\n", jwe(FHIR, b"{}", &KEY, true)), &KEY).expect("decrypts");
    assert_eq!(file.bytes, b"{}");
}

#[test]
fn debug_output_hides_the_contents() {
    let file = decrypt_file(&jwe(FHIR, FHIR_BUNDLE.as_bytes(), &KEY, false), &KEY).expect("decrypts");
    let debug = format!("{file:?}");
    assert!(debug.contains(&format!("[{} bytes]", FHIR_BUNDLE.len())), "{debug}");
    assert!(!debug.contains("Rivera"), "{debug}");
}

// ── Authentication ───────────────────────────────────────────────────────────────────────

#[test]
fn wrong_key_fails_authentication_with_its_own_message() {
    let mut other_key = KEY;
    other_key[31] ^= 1;
    let error = decrypt_file(&jwe(FHIR, FHIR_BUNDLE.as_bytes(), &KEY, false), &other_key).expect_err("wrong key");
    assert_eq!(error, LinkError::DecryptionFailed);
    let message = error.to_string();
    assert!(message.contains("could not be unlocked with this link's key"), "{message}");
    assert_ne!(message, LinkError::MalformedFile { problem: "x" }.to_string());
}

#[test]
fn tampered_ciphertext_fails_authentication() {
    let good = parts(&jwe(FHIR, FHIR_BUNDLE.as_bytes(), &KEY, false));
    let mut ciphertext = good[3].clone().into_bytes();
    ciphertext[10] = if ciphertext[10] == b'A' { b'B' } else { b'A' };
    let tampered = [good[0].as_str(), "", &good[2], &String::from_utf8(ciphertext).expect("ascii"), &good[4]].join(".");
    assert_eq!(decrypt_file(&tampered, &KEY), Err(LinkError::DecryptionFailed));

    // A byte cut off the end, or the tag changed, fails the same way.
    let shortened = [good[0].as_str(), "", &good[2], &good[3][..good[3].len() - 4], &good[4]].join(".");
    assert_eq!(decrypt_file(&shortened, &KEY), Err(LinkError::DecryptionFailed));
    let other_tag = b64([0u8; 16]);
    let retagged = [good[0].as_str(), "", &good[2], &good[3], &other_tag].join(".");
    assert_eq!(decrypt_file(&retagged, &KEY), Err(LinkError::DecryptionFailed));
}

#[test]
fn tampered_header_fails_authentication() {
    let good = parts(&jwe(FHIR, FHIR_BUNDLE.as_bytes(), &KEY, false));
    // Same ciphertext under another (still valid) header: the AAD no longer matches.
    for header in [
        r#"{"alg":"dir","enc":"A256GCM","cty":"application/smart-health-card"}"#,
        // The same properties, written with a space: the AAD is the header's exact text.
        r#"{"alg":"dir", "enc":"A256GCM","cty":"application/fhir+json"}"#,
    ] {
        let tampered = [b64(header).as_str(), "", &good[2], &good[3], &good[4]].join(".");
        assert_eq!(decrypt_file(&tampered, &KEY), Err(LinkError::DecryptionFailed), "{header}");
    }
}

#[test]
fn changed_iv_fails_authentication() {
    let good = parts(&jwe(FHIR, FHIR_BUNDLE.as_bytes(), &KEY, false));
    let tampered = [good[0].as_str(), "", &b64(*b"recdesk-iv13"), &good[3], &good[4]].join(".");
    assert_eq!(decrypt_file(&tampered, &KEY), Err(LinkError::DecryptionFailed));
}

// ── Unsupported algorithms ───────────────────────────────────────────────────────────────

#[test]
fn algorithms_other_than_dir_are_unsupported() {
    for alg in ["A256KW", "RSA-OAEP-256", "none", "DIR"] {
        let header = format!(r#"{{"alg":"{alg}","enc":"A256GCM","cty":"{FHIR}"}}"#);
        let problem = unsupported(decrypt_file(&jwe_with(&header, b"{}", &KEY, &IV, false), &KEY));
        assert!(problem.contains("\"alg\""), "{alg}: {problem}");
    }
    let header = format!(r#"{{"alg":7,"enc":"A256GCM","cty":"{FHIR}"}}"#);
    unsupported(decrypt_file(&jwe_with(&header, b"{}", &KEY, &IV, false), &KEY));
}

#[test]
fn encryptions_other_than_a256gcm_are_unsupported() {
    for enc in ["A128GCM", "A256CBC-HS512", "a256gcm"] {
        let header = format!(r#"{{"alg":"dir","enc":"{enc}","cty":"{FHIR}"}}"#);
        let problem = unsupported(decrypt_file(&jwe_with(&header, b"{}", &KEY, &IV, false), &KEY));
        assert!(problem.contains("\"enc\""), "{enc}: {problem}");
    }
}

#[test]
fn other_compression_and_critical_headers_are_unsupported() {
    let header = format!(r#"{{"alg":"dir","enc":"A256GCM","cty":"{FHIR}","zip":"GZIP"}}"#);
    assert!(unsupported(decrypt_file(&jwe_with(&header, b"{}", &KEY, &IV, false), &KEY)).contains("\"zip\""));
    let header = format!(r#"{{"alg":"dir","enc":"A256GCM","cty":"{FHIR}","crit":["exp"],"exp":1}}"#);
    assert!(unsupported(decrypt_file(&jwe_with(&header, b"{}", &KEY, &IV, false), &KEY)).contains("\"crit\""));
}

// ── Malformed files ──────────────────────────────────────────────────────────────────────

#[test]
fn non_empty_encrypted_key_is_refused() {
    let good = parts(&jwe(FHIR, b"{}", &KEY, false));
    let with_key = [good[0].as_str(), &b64([7u8; 40]), &good[2], &good[3], &good[4]].join(".");
    assert!(malformed(decrypt_file(&with_key, &KEY)).contains("encrypted key"));
}

#[test]
fn iv_of_the_wrong_length_is_refused() {
    let header = format!(r#"{{"alg":"dir","enc":"A256GCM","cty":"{FHIR}"}}"#);
    for iv in [&[1u8; 16][..], &[1u8; 8][..], &[][..]] {
        // Encrypt with a valid IV, then swap in one of the wrong length.
        let good = parts(&jwe_with(&header, b"{}", &KEY, &IV, false));
        let bad = [good[0].as_str(), "", &b64(iv), &good[3], &good[4]].join(".");
        assert!(malformed(decrypt_file(&bad, &KEY)).contains("IV is not 96 bits"), "{} bytes", iv.len());
    }
    let good = parts(&jwe(FHIR, b"{}", &KEY, false));
    let not_base64 = [good[0].as_str(), "", "#iv#", &good[3], &good[4]].join(".");
    assert!(malformed(decrypt_file(&not_base64, &KEY)).contains("IV is not base64url"));
}

#[test]
fn tag_of_the_wrong_length_is_refused() {
    let good = parts(&jwe(FHIR, b"{}", &KEY, false));
    let short = [good[0].as_str(), "", &good[2], &good[3], &good[4][..16]].join(".");
    assert!(malformed(decrypt_file(&short, &KEY)).contains("tag is not 128 bits"));
}

#[test]
fn anything_but_five_parts_is_refused() {
    let good = jwe(FHIR, b"{}", &KEY, false);
    let four = good.rsplit_once('.').expect("dots").0.to_owned();
    let six = format!("{good}.extra");
    for text in ["", "   ", "abc", "a.b", four.as_str(), six.as_str(), "...", "......"] {
        let problem = malformed(decrypt_file(text, &KEY));
        assert!(problem.contains("five parts"), "{text:?}: {problem}");
    }
}

#[test]
fn header_must_be_a_base64url_json_object_with_a_content_type() {
    let good = parts(&jwe(FHIR, b"{}", &KEY, false));
    let with_header = |header: &str| [header, "", &good[2], &good[3], &good[4]].join(".");
    assert!(malformed(decrypt_file(&with_header("%%%"), &KEY)).contains("not base64url"));
    assert!(malformed(decrypt_file(&with_header(&b64("not json")), &KEY)).contains("not JSON"));
    assert!(malformed(decrypt_file(&with_header(&b64("[1]")), &KEY)).contains("not a JSON object"));
    assert!(malformed(decrypt_file(&with_header(&b64(r#"{"enc":"A256GCM"}"#)), &KEY)).contains("\"alg\""));
    assert!(malformed(decrypt_file(&with_header(&b64(r#"{"alg":"dir"}"#)), &KEY)).contains("\"enc\""));
    // No `cty` (checked before decryption, so the header need not match the ciphertext).
    for header in [r#"{"alg":"dir","enc":"A256GCM"}"#, r#"{"alg":"dir","enc":"A256GCM","cty":""}"#] {
        assert!(malformed(decrypt_file(&with_header(&b64(header)), &KEY)).contains("\"cty\""), "{header}");
    }
}

#[test]
fn ciphertext_that_is_not_base64url_is_refused() {
    let good = parts(&jwe(FHIR, b"{}", &KEY, false));
    let bad = [good[0].as_str(), "", &good[2], "a+b/c", &good[4]].join(".");
    assert!(malformed(decrypt_file(&bad, &KEY)).contains("contents are not base64url"));
}

// ── Compression and size limits ──────────────────────────────────────────────────────────

#[test]
fn deflate_header_over_content_that_does_not_inflate_is_refused() {
    let header = format!(r#"{{"alg":"dir","enc":"A256GCM","cty":"{FHIR}","zip":"DEF"}}"#);
    // Encrypted without compressing: the plaintext is not a DEFLATE stream.
    let not_deflated = jwe_with(&header, &[0xff; 64], &KEY, &IV, false);
    assert_eq!(decrypt_file(&not_deflated, &KEY), Err(LinkError::BadCompression));
    // A DEFLATE stream cut short.
    let mut stream = miniz_oxide::deflate::compress_to_vec(FHIR_BUNDLE.as_bytes(), 6);
    stream.truncate(stream.len() / 2);
    let truncated = jwe_with(&header, &stream, &KEY, &IV, false);
    assert_eq!(decrypt_file(&truncated, &KEY), Err(LinkError::BadCompression));
}

#[test]
fn inflating_past_the_limit_is_refused() {
    let big = vec![b' '; 5_000];
    let zipped = jwe(FHIR, &big, &KEY, true);
    assert_eq!(decrypt_file_with_limit(&zipped, &KEY, 4_999), Err(LinkError::FileTooLarge { limit_bytes: 4_999 }));
    assert_eq!(decrypt_file_with_limit(&zipped, &KEY, 5_000).map(|f| f.bytes.len()), Ok(5_000));
}

#[test]
fn a_deflate_bomb_stops_at_the_default_limit() {
    // 40 MiB of zeros compress to about 40 KB; inflating stops at 32 MiB.
    let zipped = jwe(FHIR, &vec![0u8; 40 * 1024 * 1024], &KEY, true);
    assert!(zipped.len() < 200_000, "{}", zipped.len());
    let error = decrypt_file(&zipped, &KEY).expect_err("too large");
    assert_eq!(error, LinkError::FileTooLarge { limit_bytes: MAX_FILE_BYTES });
    assert_eq!(error.to_string(), "A shared file is too large to open here (more than 33 MB once unpacked).");
}

#[test]
fn uncompressed_files_past_the_limit_are_refused() {
    let file = jwe(FHIR, &[b'x'; 1_000], &KEY, false);
    assert_eq!(decrypt_file_with_limit(&file, &KEY, 999), Err(LinkError::FileTooLarge { limit_bytes: 999 }));
    assert_eq!(decrypt_file_with_limit(&file, &KEY, 1_000).map(|f| f.bytes.len()), Ok(1_000));
    assert_eq!(decrypt_file_with_limit(&file, &KEY, 10), Err(LinkError::FileTooLarge { limit_bytes: 10 }));
}
