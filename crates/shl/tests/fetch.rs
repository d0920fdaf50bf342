//! `plan_fetch` for every flag combination (and the exact manifest request body),
//! `parse_manifest`, `manifest_failure`, and the messages a front desk sees.

mod common;

use common::link;
use recdesk_shl::{
    ContentKind, FetchPlan, LinkError, LinkPayload, manifest_failure, parse_link, parse_manifest, plan_fetch,
};

const URL: &str = "https://shl.example.org/manifests/I91rhba3VsuGXGchcnr6VHlQFKxfE28kuZ0ssbEuxno/manifest.json";
const KEY: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";
const RECIPIENT: &str = "Lakeside Clinic front desk";
/// 2024-09-01 00:00 UTC.
const NOW: i64 = 1_725_148_800;

fn with(extra: &str) -> LinkPayload {
    parse_link(&link(&format!(r#"{{"url":"{URL}","key":"{KEY}"{extra}}}"#))).expect("a valid link")
}

fn with_flag(flag: &str) -> LinkPayload {
    with(&format!(r#","flag":"{flag}""#))
}

fn manifest(body: &str) -> FetchPlan {
    FetchPlan::Manifest { url: URL.to_owned(), body: body.to_owned() }
}

// ── plan_fetch ───────────────────────────────────────────────────────────────────────────

#[test]
fn no_flag_and_long_term_post_the_recipient() {
    let expected = manifest(r#"{"recipient":"Lakeside Clinic front desk"}"#);
    for flag in ["", "L"] {
        assert_eq!(plan_fetch(&with_flag(flag), RECIPIENT, None, NOW), Ok(expected.clone()), "{flag:?}");
        // A passcode the link does not ask for is not sent.
        assert_eq!(plan_fetch(&with_flag(flag), RECIPIENT, Some("1234"), NOW), Ok(expected.clone()), "{flag:?}");
    }
    assert_eq!(plan_fetch(&with(""), RECIPIENT, None, NOW), Ok(expected));
}

#[test]
fn passcode_links_post_the_passcode() {
    for flag in ["P", "LP"] {
        let plan = plan_fetch(&with_flag(flag), RECIPIENT, Some("  73 19 "), NOW).expect(flag);
        assert_eq!(plan, manifest(r#"{"recipient":"Lakeside Clinic front desk","passcode":"  73 19 "}"#));
        assert_eq!(plan.method(), "POST");
        assert_eq!(plan.url(), URL);
    }
}

#[test]
fn passcode_links_without_a_passcode_need_one() {
    for flag in ["P", "LP"] {
        assert_eq!(plan_fetch(&with_flag(flag), RECIPIENT, None, NOW), Err(LinkError::PasscodeRequired));
        assert_eq!(plan_fetch(&with_flag(flag), RECIPIENT, Some(""), NOW), Err(LinkError::PasscodeRequired));
    }
    assert_eq!(
        LinkError::PasscodeRequired.to_string(),
        "This SMART Health Link needs a passcode. Ask the person who shared it for the passcode."
    );
}

#[test]
fn direct_file_links_get_the_file_with_the_recipient() {
    for flag in ["U", "LU"] {
        let plan = plan_fetch(&with_flag(flag), "Dr. Ana Müller & Co", None, NOW).expect(flag);
        assert_eq!(
            plan,
            FetchPlan::DirectFile { url: format!("{URL}?recipient=Dr.%20Ana%20M%C3%BCller%20%26%20Co") },
            "{flag:?}"
        );
        assert_eq!(plan.method(), "GET");
    }
    let with_query =
        parse_link(&link(&format!(r#"{{"url":"https://s.example.org/f?id=9","key":"{KEY}","flag":"U"}}"#)))
            .expect("link");
    assert_eq!(
        plan_fetch(&with_query, "Ana", None, NOW),
        Ok(FetchPlan::DirectFile { url: "https://s.example.org/f?id=9&recipient=Ana".to_owned() })
    );
}

#[test]
fn passcode_with_direct_file_is_refused() {
    for flag in ["PU", "LPU"] {
        assert_eq!(plan_fetch(&with_flag(flag), RECIPIENT, Some("1234"), NOW), Err(LinkError::ConflictingFlags));
    }
}

#[test]
fn manifest_body_escapes_the_recipient_and_passcode() {
    let plan = plan_fetch(&with_flag("P"), "Dr. \"Ana\" Müller\n", Some("p\\w\u{1}"), NOW).expect("plan");
    assert_eq!(plan, manifest("{\"recipient\":\"Dr. \\\"Ana\\\" Müller\\n\",\"passcode\":\"p\\\\w\\u0001\"}"));
    let FetchPlan::Manifest { body, .. } = plan else { panic!("a manifest request") };
    let json: serde_json::Value = serde_json::from_str(&body).expect("the body is JSON");
    assert_eq!(json["recipient"], "Dr. \"Ana\" Müller\n");
    assert_eq!(json["passcode"], "p\\w\u{1}");
}

#[test]
fn a_recipient_is_required() {
    for recipient in ["", "   ", "\n"] {
        assert_eq!(plan_fetch(&with(""), recipient, None, NOW), Err(LinkError::RecipientRequired), "{recipient:?}");
    }
}

#[test]
fn expired_links_are_not_fetched() {
    // Valid until 2024-05-01 12:00 UTC.
    let link = with(r#","exp":1714564800,"flag":"P""#);
    assert!(plan_fetch(&link, RECIPIENT, Some("1234"), 1_714_564_799).is_ok(), "one second before");
    let error = plan_fetch(&link, RECIPIENT, Some("1234"), NOW).expect_err("expired");
    assert_eq!(error, LinkError::Expired { expired_at: 1_714_564_800 });
    assert_eq!(
        error.to_string(),
        "The link has expired (it was valid until 2024-05-01 12:00 UTC). Ask the person who shared it for a new link."
    );
    // Expiry is reported before the missing passcode: asking for one would be pointless.
    assert_eq!(plan_fetch(&link, RECIPIENT, None, NOW), Err(LinkError::Expired { expired_at: 1_714_564_800 }));
}

#[test]
fn newer_protocol_versions_are_not_fetched() {
    assert!(plan_fetch(&with(r#","v":1"#), RECIPIENT, None, NOW).is_ok());
    assert_eq!(plan_fetch(&with(r#","v":2"#), RECIPIENT, None, NOW), Err(LinkError::UnsupportedVersion { version: 2 }));
}

#[test]
fn plan_debug_output_hides_the_path_and_the_passcode() {
    let plan = plan_fetch(&with_flag("P"), RECIPIENT, Some("secret-passcode"), NOW).expect("plan");
    let debug = format!("{plan:?}");
    assert!(!debug.contains("I91rhba3"), "{debug}");
    assert!(!debug.contains("secret-passcode"), "{debug}");
    assert!(debug.contains("https://shl.example.org/…"), "{debug}");
}

// ── parse_manifest ───────────────────────────────────────────────────────────────────────

#[test]
fn manifest_with_embedded_and_location_files_is_read() {
    let json = r#"{
        "list": {"resourceType": "List", "status": "current", "mode": "working"},
        "files": [
            {"contentType": "application/fhir+json", "embedded": "eyJhbGciOiJkaXIifQ..aXY.Y3Q.dGFn",
             "lastUpdated": "2024-08-30T10:00:00Z", "status": "can-change", "fhirVersion": "4.0.1"},
            {"contentType": "application/smart-health-card", "location": "https://files.example.org/f/1?sig=abc"},
            {"contentType": "application/smart-api-access", "location": "https://files.example.org/f/2",
             "embedded": "x.y.z", "somethingNew": 1},
            {"contentType": "application/pdf", "location": "http://localhost:8080/f/3", "lastUpdated": 5}
        ]
    }"#;
    let manifest = parse_manifest(json).expect("a manifest");
    let kinds: Vec<ContentKind> = manifest.files.iter().map(|f| f.kind()).collect();
    assert_eq!(
        kinds,
        [ContentKind::FhirJson, ContentKind::SmartHealthCard, ContentKind::SmartApiAccess, ContentKind::Other]
    );
    let [fhir, card, access, pdf] = &manifest.files[..] else { panic!("four files") };
    assert_eq!(fhir.embedded.as_deref(), Some("eyJhbGciOiJkaXIifQ..aXY.Y3Q.dGFn"));
    assert_eq!(fhir.location, None);
    assert_eq!(fhir.last_updated.as_deref(), Some("2024-08-30T10:00:00Z"));
    assert_eq!(fhir.status.as_deref(), Some("can-change"));
    assert_eq!(fhir.fhir_version.as_deref(), Some("4.0.1"));
    assert_eq!(card.location.as_deref(), Some("https://files.example.org/f/1?sig=abc"));
    assert_eq!(card.embedded, None);
    assert_eq!((access.location.is_some(), access.embedded.is_some()), (true, true));
    assert_eq!(pdf.last_updated, None, "a lastUpdated that is not text is ignored");

    let debug = format!("{manifest:?}");
    assert!(!debug.contains("sig=abc"), "{debug}");
    assert!(!debug.contains("eyJhbGci"), "{debug}");
}

#[test]
fn empty_manifest_and_byte_order_mark_are_accepted() {
    assert_eq!(parse_manifest(r#"{"files":[]}"#).map(|m| m.files.len()), Ok(0));
    assert_eq!(parse_manifest("\u{feff} {\"files\":[]} \n").map(|m| m.files.len()), Ok(0));
}

#[test]
fn malformed_manifests_are_refused_with_a_reason() {
    for (json, problem) in [
        ("", "it is not JSON"),
        ("<html>Error</html>", "it is not JSON"),
        ("[]", "it is not a JSON object"),
        ("{}", "it has no list of files"),
        (r#"{"files":{}}"#, "its list of files is not a list"),
        (r#"{"files":["x"]}"#, "a file entry is not a JSON object"),
        (r#"{"files":[{"location":"https://f.example.org/1"}]}"#, "a file has no content type"),
        (r#"{"files":[{"contentType":"","embedded":"a.b.c.d.e"}]}"#, "a file has no content type"),
        (r#"{"files":[{"contentType":3,"embedded":"a.b.c.d.e"}]}"#, "a file has no content type"),
        (
            r#"{"files":[{"contentType":"application/fhir+json"}]}"#,
            "a file has neither a location nor embedded contents",
        ),
        (
            r#"{"files":[{"contentType":"application/fhir+json","location":null,"embedded":null}]}"#,
            "a file has neither a location nor embedded contents",
        ),
        (
            r#"{"files":[{"contentType":"application/fhir+json","embedded":42}]}"#,
            "a file's location or contents is not text",
        ),
        (
            r#"{"files":[{"contentType":"application/fhir+json","location":"http://files.example.org/1"}]}"#,
            "a file's location is not a secure web address",
        ),
        (
            r#"{"files":[{"contentType":"application/fhir+json","location":"/relative/path"}]}"#,
            "a file's location is not a secure web address",
        ),
    ] {
        assert_eq!(parse_manifest(json), Err(LinkError::BadManifest { problem }), "{json}");
    }
}

// ── manifest_failure ─────────────────────────────────────────────────────────────────────

#[test]
fn wrong_passcode_reports_the_remaining_attempts() {
    assert_eq!(
        manifest_failure(401, r#"{"remainingAttempts":3}"#),
        LinkError::WrongPasscode { remaining_attempts: Some(3) }
    );
    assert_eq!(
        manifest_failure(401, r#"{"remainingAttempts":0}"#),
        LinkError::WrongPasscode { remaining_attempts: Some(0) }
    );
    assert_eq!(
        manifest_failure(401, r#"{"remainingAttempts":99999999999}"#),
        LinkError::WrongPasscode { remaining_attempts: Some(u32::MAX) }
    );
    for body in ["", "{}", "Unauthorized", r#"{"remainingAttempts":-1}"#, r#"{"remainingAttempts":"3"}"#, "[3]"] {
        assert_eq!(manifest_failure(401, body), LinkError::WrongPasscode { remaining_attempts: None }, "{body:?}");
    }
}

#[test]
fn other_statuses_map_to_their_errors() {
    assert_eq!(manifest_failure(404, ""), LinkError::LinkNotFound);
    assert_eq!(manifest_failure(410, "gone"), LinkError::LinkNotFound);
    assert_eq!(manifest_failure(429, ""), LinkError::TooManyRequests);
    assert_eq!(manifest_failure(500, "oops"), LinkError::ServerError { status: 500 });
    assert_eq!(manifest_failure(503, ""), LinkError::ServerError { status: 503 });
    assert_eq!(manifest_failure(400, r#"{"remainingAttempts":3}"#), LinkError::ServerError { status: 400 });
}

#[test]
fn failure_messages_say_what_to_do() {
    let message = |status, body| manifest_failure(status, body).to_string();
    assert_eq!(
        message(401, r#"{"remainingAttempts":3}"#),
        "The passcode is not correct. 3 more tries are allowed before the link is switched off."
    );
    assert!(message(401, r#"{"remainingAttempts":1}"#).contains("Only 1 more try"));
    assert!(message(401, r#"{"remainingAttempts":0}"#).contains("no tries are left"));
    assert!(message(401, "{}").contains("after too many wrong tries"));
    assert!(message(404, "").contains("no longer active"));
    assert!(message(429, "").contains("Wait a few minutes"));
    assert!(message(500, "").contains("HTTP status 500"));
}

#[test]
fn no_message_contains_the_key_the_path_or_the_passcode() {
    let link = with(r#","flag":"P","exp":1714564800,"label":"Vaccines""#);
    let errors = [
        parse_link("https://viewer.example.org").expect_err("not a link"),
        parse_link("shlink:/!!").expect_err("damaged"),
        plan_fetch(&link, RECIPIENT, Some("secret-passcode"), NOW).expect_err("expired"),
        plan_fetch(&link, RECIPIENT, None, 0).expect_err("passcode"),
        plan_fetch(&link, "", Some("secret-passcode"), 0).expect_err("recipient"),
        manifest_failure(401, r#"{"remainingAttempts":2}"#),
        manifest_failure(404, URL),
        manifest_failure(502, URL),
        parse_manifest(URL).expect_err("not a manifest"),
        recdesk_shl::decrypt_file(URL, &link.key).expect_err("not a JWE"),
    ];
    for error in errors {
        let message = error.to_string();
        for secret in ["I91rhba3", "AAECAwQF", "secret-passcode", "shl.example.org"] {
            assert!(!message.contains(secret), "{message}");
        }
        assert!(message.ends_with('.'), "{message}");
    }
}
