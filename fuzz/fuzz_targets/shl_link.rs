//! `recdesk_shl` must never panic, whatever text it is given. The bytes are decoded the
//! forgiving way (invalid UTF-8 becomes U+FFFD) and read as a SMART Health Link (then planned
//! with a clock), as a compact JWE (with a fixed key, and with the link's own key when the text
//! is a link), as a manifest and as a manifest error body.

#![no_main]

use libfuzzer_sys::fuzz_target;

/// Any key: random data never authenticates, so this exercises the JWE parsing before AES-GCM.
const KEY: [u8; 32] = [7; 32];
/// 2024-09-01 00:00 UTC.
const NOW: i64 = 1_725_148_800;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match recdesk_shl::parse_link(&text) {
        Ok(link) => {
            let _ = link.is_expired(NOW);
            let _ = std::hint::black_box(recdesk_shl::plan_fetch(&link, "Front desk", Some("1234"), NOW));
            let _ = std::hint::black_box(recdesk_shl::plan_fetch(&link, "Front desk", None, NOW));
            let _ = std::hint::black_box(recdesk_shl::decrypt_file(&text, &link.key));
        }
        Err(error) => {
            std::hint::black_box(error.to_string());
        }
    }
    let _ = std::hint::black_box(recdesk_shl::decrypt_file(&text, &KEY));
    let _ = std::hint::black_box(recdesk_shl::parse_manifest(&text));
    let _ = std::hint::black_box(recdesk_shl::manifest_failure(401, &text));
});
