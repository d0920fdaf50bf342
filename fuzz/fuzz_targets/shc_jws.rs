//! Decoding and verifying must never panic. The trust store knows the spec example issuer's keys,
//! so inputs derived from the example cards (seed the corpus with crates/shc/tests/fixtures)
//! reach signature checking. The first byte picks how the rest is used:
//! - 0: as the raw DEFLATE payload of a JWS with example 00's header and signature;
//! - 1: as the claims JSON, compressed, in the same JWS (reaches the claim checks);
//! - anything else: the whole input as text (QR text, a file or a JWS).

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use recdesk_shc::{TrustStore, decode_cards, verify};

const EXAMPLE_ISS: &str = "https://spec.smarthealth.cards/examples/issuer";
const EXAMPLE_JWKS: &str = include_str!("../../crates/shc/tests/fixtures/issuer-jwks.json");
const EXAMPLE_JWS: &str = include_str!("../../crates/shc/tests/fixtures/example-00-d-jws.txt");
/// 2025-06-15, after the examples were issued.
const NOW: i64 = 1_750_000_000;

fn store() -> &'static TrustStore {
    static STORE: OnceLock<TrustStore> = OnceLock::new();
    STORE.get_or_init(|| {
        let mut store = TrustStore::empty();
        if store.add_issuer_jwks(EXAMPLE_ISS, EXAMPLE_JWKS).is_err() {
            panic!("the example key set must load");
        }
        store
    })
}

fn b64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let mut acc = 0u32;
        for (i, &b) in chunk.iter().enumerate() {
            acc |= u32::from(b) << (16 - 8 * i);
        }
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((acc >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// Example 00's header and signature around another payload.
fn with_payload(payload: &[u8]) -> String {
    let mut parts = EXAMPLE_JWS.trim().split('.');
    let header = parts.next().unwrap_or_default();
    let signature = parts.nth(1).unwrap_or_default();
    format!("{header}.{}.{signature}", b64url(payload))
}

fuzz_target!(|data: &[u8]| {
    let text = match data.split_first() {
        Some((0, payload)) => with_payload(payload),
        Some((1, claims)) => with_payload(&miniz_oxide::deflate::compress_to_vec(claims, 6)),
        _ => String::from_utf8_lossy(data).into_owned(),
    };
    for (i, card) in decode_cards(&text).into_iter().enumerate() {
        let outcome = match card {
            Ok(card) => verify(&card, store(), NOW),
            Err(e) => e.verification(u32::try_from(i + 1).unwrap_or(u32::MAX)),
        };
        std::hint::black_box(outcome);
    }
});
