//! `parse_link` and `LinkPayload`: where the link is found, what a valid payload holds, and
//! every way a payload is refused.

mod common;

use common::{b64, link};
use recdesk_shl::{LinkError, LinkFlags, LinkPayload, parse_link};

const URL: &str = "https://shl.example.org/manifests/I91rhba3VsuGXGchcnr6VHlQFKxfE28kuZ0ssbEuxno/manifest.json";
const KEY: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"; // bytes 0..=31

fn payload(extra: &str) -> String {
    format!(r#"{{"url":"{URL}","key":"{KEY}"{extra}}}"#)
}

fn parse(json: &str) -> Result<LinkPayload, LinkError> {
    parse_link(&link(json))
}

// ── Where the link is ────────────────────────────────────────────────────────────────────

#[test]
fn minimal_link_is_read() {
    let parsed = parse(&payload("")).expect("a minimal link");
    assert_eq!(parsed.url, URL);
    assert_eq!(parsed.key, common::KEY);
    assert_eq!(parsed.flags, LinkFlags::default());
    assert_eq!((parsed.expires, parsed.label, parsed.version), (None, None, None));
}

#[test]
fn link_after_a_viewer_address_is_read() {
    let bare = parse(&payload("")).expect("bare");
    for viewer in ["https://viewer.example.org#", "https://viewer.example.org/#", "https://viewer.example.org/app?x=1#"]
    {
        let text = format!("{viewer}{}", link(&payload("")));
        assert_eq!(parse_link(&text), Ok(bare.clone()), "{viewer}");
    }
}

#[test]
fn whitespace_byte_order_mark_and_scheme_case_are_tolerated() {
    let bare = parse(&payload("")).expect("bare");
    let encoded = &link(&payload(""))["shlink:/".len()..];
    let (head, tail) = encoded.split_at(40);
    for text in [
        format!("\u{feff}shlink:/{encoded}"),
        format!("  \n\tshlink:/{encoded}\r\n"),
        format!("shlink:/{head}\n  {tail}"),
        format!("SHLink:/{encoded}"),
        format!("https://viewer.example.org#SHLINK:/{encoded}"),
        format!("shlink:/{encoded}=="),
    ] {
        assert_eq!(parse_link(&text), Ok(bare.clone()), "{text:?}");
    }
}

#[test]
fn text_without_a_link_is_not_a_link() {
    for text in [
        "",
        "   ",
        "https://viewer.example.org",
        "https://viewer.example.org#somewhere",
        "shlink:",
        "shc:/5676290952432060346029243740",
        "see shlink:/eyJ1cmwiOiJ4In0",
    ] {
        assert_eq!(parse_link(text), Err(LinkError::NotALink), "{text:?}");
    }
}

#[test]
fn bad_base64_or_json_is_a_damaged_link() {
    for text in [
        "shlink:/".to_owned(),
        "shlink:/!!!!".to_owned(),
        "shlink:/eyJ1cmwi+/".to_owned(),
        format!("shlink:/{}", b64("not json")),
        format!("shlink:/{}", b64(r#"["url","key"]"#)),
        format!("shlink:/{}", b64("\"a string\"")),
        // Cut short: the JSON is incomplete.
        link(&payload(""))[..60].to_owned(),
    ] {
        assert_eq!(parse_link(&text), Err(LinkError::DamagedLink), "{text:?}");
    }
}

// ── The key ──────────────────────────────────────────────────────────────────────────────

#[test]
fn key_must_be_43_base64url_characters() {
    for key in [
        "",
        "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh",   // 42
        "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8A", // 44
        "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", // 44, padded
        "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdH+8",  // standard alphabet
        "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdH h8", // a space
        "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHéh",  // 43 bytes, not base64
    ] {
        let json = format!(r#"{{"url":"{URL}","key":"{key}"}}"#);
        assert_eq!(parse(&json), Err(LinkError::BadKey), "{key:?}");
    }
}

#[test]
fn missing_or_mistyped_url_and_key_are_named() {
    assert_eq!(parse(&format!(r#"{{"key":"{KEY}"}}"#)), Err(LinkError::MissingField { field: "url" }));
    assert_eq!(parse(&format!(r#"{{"url":"{URL}"}}"#)), Err(LinkError::MissingField { field: "key" }));
    assert_eq!(parse(&format!(r#"{{"url":null,"key":"{KEY}"}}"#)), Err(LinkError::MissingField { field: "url" }));
    assert_eq!(parse(&format!(r#"{{"url":42,"key":"{KEY}"}}"#)), Err(LinkError::InvalidField { field: "url" }));
    assert_eq!(parse(&format!(r#"{{"url":"{URL}","key":[1,2]}}"#)), Err(LinkError::InvalidField { field: "key" }));
}

// ── The address ──────────────────────────────────────────────────────────────────────────

#[test]
fn plain_http_is_refused_except_to_this_machine() {
    let with_url = |url: &str| parse(&format!(r#"{{"url":"{url}","key":"{KEY}"}}"#));
    assert_eq!(with_url("http://ehr.example.org/qr/abc/m"), Err(LinkError::InsecureUrl));
    assert_eq!(with_url("http://192.168.1.10/m"), Err(LinkError::InsecureUrl));
    for local in ["http://localhost:8080/m", "http://127.0.0.1/m", "http://[::1]:9000/m", "HTTP://LOCALHOST/m"] {
        assert_eq!(with_url(local).map(|l| l.url), Ok(local.to_owned()), "{local}");
    }
}

#[test]
fn addresses_that_are_not_web_addresses_are_refused() {
    let with_url = |url: &str| parse(&format!(r#"{{"url":"{url}","key":"{KEY}"}}"#));
    for url in [
        "",
        "ehr.example.org/qr/abc",
        "ftp://ehr.example.org/m",
        "javascript://alert(1)/",
        "https://",
        "https:///m",
        "https://ehr.example.org@evil.example.org/m",
        "https://ehr.example.org/a b",
        "https://ehr.example.org:x/m",
    ] {
        assert_eq!(with_url(url), Err(LinkError::BadUrl), "{url:?}");
    }
}

// ── Label, flags, exp, v ─────────────────────────────────────────────────────────────────

#[test]
fn label_of_80_characters_is_kept_and_81_refused() {
    let eighty = "é".repeat(80); // 160 bytes: the limit counts characters
    let parsed = parse(&payload(&format!(r#","label":"{eighty}""#))).expect("80 characters");
    assert_eq!(parsed.label.as_deref(), Some(eighty.as_str()));

    let long = "x".repeat(81);
    assert_eq!(parse(&payload(&format!(r#","label":"{long}""#))), Err(LinkError::LabelTooLong { chars: 81 }));
    assert_eq!(parse(&payload(r#","label":7"#)), Err(LinkError::InvalidField { field: "label" }));
    assert_eq!(parse(&payload(r#","label":null"#)).map(|l| l.label), Ok(None));
}

#[test]
fn flag_combinations_are_read_and_unknown_flags_ignored() {
    let flags = |long_term, passcode, direct_file| LinkFlags { long_term, passcode, direct_file };
    for (flag, expected) in [
        ("", flags(false, false, false)),
        ("L", flags(true, false, false)),
        ("P", flags(false, true, false)),
        ("U", flags(false, false, true)),
        ("LP", flags(true, true, false)),
        ("LU", flags(true, false, true)),
        // Forbidden by the specification, but readable: plan_fetch refuses it.
        ("PU", flags(false, true, true)),
        ("LPU", flags(true, true, true)),
        // Letters this crate does not know are ignored, as the specification requires.
        ("XZ", flags(false, false, false)),
        ("LQ", flags(true, false, false)),
        ("AUZ", flags(false, false, true)),
    ] {
        let parsed = parse(&payload(&format!(r#","flag":"{flag}""#))).expect(flag);
        assert_eq!(parsed.flags, expected, "{flag:?}");
    }
    assert_eq!(parse(&payload(r#","flag":["L"]"#)), Err(LinkError::InvalidField { field: "flag" }));
}

#[test]
fn expiry_is_read_as_whole_seconds() {
    let exp = |value: &str| parse(&payload(&format!(r#","exp":{value}"#))).map(|l| l.expires);
    assert_eq!(exp("1714564800"), Ok(Some(1_714_564_800)));
    assert_eq!(exp("1714564800.75"), Ok(Some(1_714_564_800)));
    assert_eq!(exp("1.7145648e9"), Ok(Some(1_714_564_800)));
    assert_eq!(exp("-5"), Ok(Some(-5)));
    assert_eq!(exp("18446744073709551615"), Ok(Some(i64::MAX)));
    assert_eq!(exp("1e300"), Ok(Some(i64::MAX)));
    assert_eq!(exp("null"), Ok(None));
    assert_eq!(exp(r#""1714564800""#), Err(LinkError::InvalidField { field: "exp" }));
}

#[test]
fn version_is_read_and_newer_versions_still_parse() {
    let v = |value: &str| parse(&payload(&format!(r#","v":{value}"#))).map(|l| l.version);
    assert_eq!(v("1"), Ok(Some(1)));
    assert_eq!(v("2"), Ok(Some(2)), "a newer version still shows its label; plan_fetch refuses it");
    for bad in ["-1", "1.5", "\"1\"", "4294967296"] {
        assert_eq!(v(bad), Err(LinkError::InvalidField { field: "v" }), "{bad}");
    }
}

#[test]
fn unknown_properties_are_ignored() {
    let parsed = parse(&payload(r#","extension":{"a":1},"_x":[true],"list":null"#)).expect("extensions ignored");
    assert_eq!(parsed, parse(&payload("")).expect("plain"));
}

// ── Expiry against a given clock ─────────────────────────────────────────────────────────

#[test]
fn expiry_is_judged_against_the_clock_given() {
    let parsed = parse(&payload(r#","exp":1714564800"#)).expect("link");
    assert!(!parsed.is_expired(1_714_564_799), "one second before");
    assert!(parsed.is_expired(1_714_564_800), "at the expiry second");
    assert!(parsed.is_expired(1_800_000_000), "long after");

    let forever = parse(&payload("")).expect("no exp");
    assert!(!forever.is_expired(i64::MAX));
}

// ── Secrets stay out of Debug and messages ──────────────────────────────────────────────

#[test]
fn debug_output_hides_the_key_and_the_secret_path() {
    let parsed = parse(&payload(r#","label":"Vaccines for school""#)).expect("link");
    let debug = format!("{parsed:?}");
    assert!(debug.contains("https://shl.example.org/…"), "{debug}");
    assert!(debug.contains("Vaccines for school"), "{debug}");
    assert!(!debug.contains("I91rhba3"), "{debug}");
    assert!(!debug.contains("AAECAwQF"), "{debug}");
    assert!(!debug.contains("0, 1, 2, 3"), "{debug}");
    assert_eq!(parsed.host(), "shl.example.org");
}
