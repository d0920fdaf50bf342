//! Property tests for the crate's invariant: no input makes `parse_link`, `plan_fetch`,
//! `parse_manifest`, `manifest_failure` or `decrypt_file` panic; and a changed file never
//! decrypts to anything but the original.
//!
//! Inputs: arbitrary text; `shlink:/` followed by base64url of arbitrary bytes and of
//! JSON-shaped payloads with random property values; JSON-shaped manifests; compact JWEs with
//! random parts and valid JWEs mutated character by character.
//!
//! The runs are seeded (fixed seed per test) so CI sees the same cases every time and nothing is
//! written to disk (`failure_persistence: None`). To explore other cases locally, set
//! `PROPTEST_RNG_SEED=<n>` (and `PROPTEST_CASES=<n>` for more of them).

mod common;

#[path = "../../../tests/support/proptest_config.rs"]
mod proptest_config;

use common::{FHIR_BUNDLE, KEY, b64, jwe};
use proptest::prelude::*;
use recdesk_shl::{decrypt_file, decrypt_file_with_limit, manifest_failure, parse_link, parse_manifest, plan_fetch};

const SEED: u64 = 0x5EED_2024_0501_0002;

fn config() -> ProptestConfig {
    proptest_config::deterministic(256, SEED)
}

/// Runs every step on a link text, as the app would, with several clocks.
fn exercise_link(text: &str) {
    if let Ok(link) = parse_link(text) {
        for now in [i64::MIN, 0, 1_725_148_800, i64::MAX] {
            let _ = link.is_expired(now);
            let _ = plan_fetch(&link, "Front desk", Some("1234"), now);
            let _ = plan_fetch(&link, "Front desk", None, now);
        }
        let _ = format!("{link:?} {}", link.host());
    } else if let Err(error) = parse_link(text) {
        let _ = error.to_string();
    }
}

/// A JSON value of the kinds a payload property might hold.
fn json_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("null".to_owned()),
        any::<bool>().prop_map(|b| b.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<u64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| format!("{f:e}")),
        "[A-Za-z0-9_-]{0,50}".prop_map(|s| format!("\"{s}\"")),
        "(https?|ftp)://[a-z0-9.:@\\[\\]]{0,20}(/[a-zA-Z0-9_?&=#-]{0,20}){0,3}".prop_map(|s| format!("\"{s}\"")),
        any::<String>().prop_map(|s| serde_json::Value::String(s).to_string()),
        Just("[]".to_owned()),
        Just("{}".to_owned()),
    ]
}

fn payload_json() -> impl Strategy<Value = String> {
    let property = (prop::sample::select(vec!["url", "key", "exp", "flag", "label", "v", "_x"]), json_value());
    prop::collection::vec(property, 0..8).prop_map(|properties| {
        let body: Vec<String> = properties.iter().map(|(name, value)| format!("\"{name}\":{value}")).collect();
        format!("{{{}}}", body.join(","))
    })
}

fn manifest_json() -> impl Strategy<Value = String> {
    let property =
        (prop::sample::select(vec!["contentType", "location", "embedded", "lastUpdated", "status"]), json_value());
    let entry = prop::collection::vec(property, 0..5).prop_map(|properties| {
        let body: Vec<String> = properties.iter().map(|(name, value)| format!("\"{name}\":{value}")).collect();
        format!("{{{}}}", body.join(","))
    });
    prop_oneof![
        prop::collection::vec(entry, 0..4).prop_map(|entries| format!("{{\"files\":[{}]}}", entries.join(","))),
        json_value().prop_map(|value| format!("{{\"files\":{value}}}")),
        json_value(),
    ]
}

/// A compact JWE built from random parts around a header that may or may not be valid.
fn random_jwe() -> impl Strategy<Value = String> {
    let header = prop_oneof![
        Just(r#"{"alg":"dir","enc":"A256GCM","cty":"application/fhir+json"}"#.to_owned()),
        Just(r#"{"alg":"dir","enc":"A256GCM","cty":"application/fhir+json","zip":"DEF"}"#.to_owned()),
        payload_json(),
    ];
    let bytes = |max| prop::collection::vec(any::<u8>(), 0..max);
    (header, bytes(20), bytes(16), bytes(200), bytes(20))
        .prop_map(|(h, k, iv, ct, tag)| format!("{}.{}.{}.{}.{}", b64(h), b64(k), b64(iv), b64(ct), b64(tag)))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        exercise_link(&text);
        exercise_link(&format!("shlink:/{text}"));
        exercise_link(&format!("https://viewer.example.org#shlink:/{text}"));
        let _ = parse_manifest(&text);
        let _ = decrypt_file(&text, &KEY);
        let _ = manifest_failure(401, &text);
    }

    #[test]
    fn base64url_of_arbitrary_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        exercise_link(&format!("shlink:/{}", b64(&bytes)));
    }

    #[test]
    fn payloads_with_random_properties_never_panic(json in payload_json()) {
        exercise_link(&format!("shlink:/{}", b64(&json)));
    }

    #[test]
    fn manifests_never_panic(json in manifest_json()) {
        if let Ok(manifest) = parse_manifest(&json) {
            for file in &manifest.files {
                prop_assert!(file.location.is_some() || file.embedded.is_some());
                let _ = file.kind();
                if let Some(embedded) = &file.embedded {
                    let _ = decrypt_file(embedded, &KEY);
                }
            }
            let _ = format!("{manifest:?}");
        }
    }

    #[test]
    fn manifest_failures_never_panic(status in any::<u16>(), body in any::<String>(), n in any::<i64>()) {
        let _ = manifest_failure(status, &body).to_string();
        let _ = manifest_failure(status, &format!("{{\"remainingAttempts\":{n}}}")).to_string();
    }

    #[test]
    fn random_jwes_never_panic(text in random_jwe(), limit in 0usize..1_000) {
        let _ = decrypt_file(&text, &KEY);
        let _ = decrypt_file_with_limit(&text, &KEY, limit);
    }

    #[test]
    fn a_changed_file_never_decrypts_to_something_else(
        deflate in any::<bool>(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<char>(), 0u8..3), 1..4),
    ) {
        let original = jwe("application/fhir+json", FHIR_BUNDLE.as_bytes(), &KEY, deflate);
        let mut chars: Vec<char> = original.chars().collect();
        for (index, replacement, operation) in edits {
            if chars.is_empty() {
                break;
            }
            let at = index.index(chars.len());
            match operation {
                0 => chars[at] = replacement,
                1 => { chars.remove(at); }
                _ => chars.insert(at, replacement),
            }
        }
        let changed: String = chars.into_iter().collect();
        match decrypt_file(&changed, &KEY) {
            // Only a change the encoding ignores (unused trailing bits, padding, surrounding
            // whitespace) may still decrypt, and then to exactly the original.
            Ok(file) => prop_assert_eq!(file.bytes, FHIR_BUNDLE.as_bytes()),
            Err(error) => { let _ = error.to_string(); }
        }
    }
}
