//! The specification's own examples (see tests/fixtures/README.md for their sources): its
//! example link (bare and behind a viewer), its example encrypted SMART Health Card file, its
//! example manifest, and the implementation guide's `U`-flag example link.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use recdesk_shl::{ContentKind, FetchPlan, LinkError, LinkFlags, decrypt_file, parse_link, parse_manifest, plan_fetch};

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The key of the specification's examples, `rxTgYlOaKJPFtcEd0qcceN8wEU4p94SqAwIWQe6uX7Q`.
fn spec_key() -> [u8; 32] {
    let bytes = URL_SAFE_NO_PAD.decode("rxTgYlOaKJPFtcEd0qcceN8wEU4p94SqAwIWQe6uX7Q").expect("base64url");
    bytes.try_into().expect("32 bytes")
}

/// 2024-09-01 00:00 UTC.
const NOW: i64 = 1_725_148_800;

#[test]
fn spec_bare_link_is_read() {
    let link = parse_link(&fixture("spec-shlink-bare.txt")).expect("the specification's example link");
    assert_eq!(link.url, "https://ehr.example.org/qr/Y9xwkUdtmN9wwoJoN3ffJIhX2UGvCL1JnlPVNL3kDWM/m");
    assert_eq!(link.key, spec_key());
    assert_eq!(link.key[..4], [0xaf, 0x14, 0xe0, 0x62]);
    assert_eq!(link.flags, LinkFlags { long_term: true, passcode: true, direct_file: false });
    assert_eq!(link.label.as_deref(), Some("Back-to-school immunizations for Oliver Brown"));
    assert_eq!(link.expires, None);
    assert_eq!(link.version, None);
    assert_eq!(link.protocol_version(), 1);
    assert_eq!(link.host(), "ehr.example.org");
    assert!(!link.is_expired(NOW));
}

#[test]
fn spec_viewer_link_is_the_same_link() {
    let bare = parse_link(&fixture("spec-shlink-bare.txt")).expect("bare");
    let viewer = parse_link(&fixture("spec-shlink-viewer.txt")).expect("behind a viewer address");
    assert_eq!(viewer, bare);
}

#[test]
fn spec_link_needs_a_passcode_then_posts_it() {
    let link = parse_link(&fixture("spec-shlink-bare.txt")).expect("link");
    assert_eq!(plan_fetch(&link, "Lakeside Clinic front desk", None, NOW), Err(LinkError::PasscodeRequired));
    let plan = plan_fetch(&link, "Lakeside Clinic front desk", Some("1234"), NOW).expect("plan");
    assert_eq!(
        plan,
        FetchPlan::Manifest {
            url: "https://ehr.example.org/qr/Y9xwkUdtmN9wwoJoN3ffJIhX2UGvCL1JnlPVNL3kDWM/m".to_owned(),
            body: r#"{"recipient":"Lakeside Clinic front desk","passcode":"1234"}"#.to_owned(),
        }
    );
}

#[test]
fn implementation_guide_direct_file_link_plans_a_get() {
    let link = parse_link(&fixture("ig-examples-cgm-shlink.txt")).expect("the guide's example link");
    assert_eq!(link.url, "https://joshuamandel.com/cgm/shl/120day_raw_obs_unguessable_shl_id0000000000");
    assert_eq!(link.flags, LinkFlags { long_term: true, passcode: false, direct_file: true });
    assert_eq!(link.label.as_deref(), Some("Josh's CGM Data"));
    let expected_key = URL_SAFE_NO_PAD.decode("raw_obs_unguessable_random_key0000000000000").expect("base64url");
    assert_eq!(link.key.to_vec(), expected_key);

    let plan = plan_fetch(&link, "Lakeside Clinic", None, NOW).expect("plan");
    assert_eq!(plan.method(), "GET");
    assert_eq!(
        plan,
        FetchPlan::DirectFile {
            url: "https://joshuamandel.com/cgm/shl/120day_raw_obs_unguessable_shl_id0000000000?recipient=Lakeside%20Clinic"
                .to_owned()
        }
    );
}

#[test]
fn spec_encrypted_file_decrypts_to_the_example_health_card() {
    let file = decrypt_file(&fixture("spec-file.jwe"), &spec_key()).expect("the specification's example file");
    assert_eq!(file.content_type, "application/smart-health-card");
    assert_eq!(file.kind(), ContentKind::SmartHealthCard);

    let json: serde_json::Value = serde_json::from_slice(&file.bytes).expect("the plaintext is JSON");
    let credentials = json["verifiableCredential"].as_array().expect("a verifiableCredential array");
    assert_eq!(credentials.len(), 1);
    let jws = credentials[0].as_str().expect("a JWS string");
    // The specification shows the start of the decrypted JWS.
    assert!(jws.starts_with(
        "eyJ6aXAiOiJERUYiLCJhbGciOiJFUzI1NiIsImtpZCI6IjNLZmRnLVh3UC03Z1h5eXd0VWZVQUR3QnVtRE9QS01ReC1pRUxMMTFX"
    ));
    assert_eq!(jws.split('.').count(), 3, "a compact JWS");
}

#[test]
fn spec_encrypted_file_with_another_links_key_is_refused() {
    let link = parse_link(&fixture("ig-examples-cgm-shlink.txt")).expect("link");
    assert_eq!(decrypt_file(&fixture("spec-file.jwe"), &link.key), Err(LinkError::DecryptionFailed));
}

#[test]
fn spec_manifest_is_read() {
    let manifest = parse_manifest(&fixture("spec-manifest.json")).expect("the specification's example manifest");
    assert_eq!(manifest.files.len(), 3);

    let [first, second, third] = &manifest.files[..] else { panic!("three files") };
    assert_eq!(first.kind(), ContentKind::SmartHealthCard);
    assert_eq!(
        first.location.as_deref(),
        Some("https://bucket.cloud.example.org/file1?sas=MFXK6jL3oL3SI_lRfi_-cEfzIs5oHs6rRWmrsCAFzvk")
    );
    assert_eq!(first.embedded, None);
    assert_eq!(first.last_updated, None);

    assert_eq!(second.kind(), ContentKind::SmartHealthCard);
    assert_eq!(second.location, None);
    let embedded = second.embedded.as_deref().expect("embedded");
    assert!(embedded.starts_with("eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..8zH0NmUXGwMOqEya."));
    // The specification cuts this JWE short ("<snipped>"), so it cannot be decrypted.
    assert!(matches!(decrypt_file(embedded, &spec_key()), Err(LinkError::MalformedFile { .. })));

    assert_eq!(third.kind(), ContentKind::FhirJson);
    assert_eq!(third.content_type, "application/fhir+json");
    assert_eq!(third.last_updated.as_deref(), Some("2025-03-09T15:29:46Z"));
    assert_eq!(third.status.as_deref(), Some("finalized"));
    assert_eq!(third.fhir_version.as_deref(), Some("4.0.1"));
}
