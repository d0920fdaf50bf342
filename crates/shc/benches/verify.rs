//! Time to check a SMART Health Card from its QR text, offline:
//!
//! * `shc/decode_verify_qr_numeric`: the SMART spec's example card 00 as `shc:/` numeric QR text
//!   (`crates/intake/tests/fixtures/shc-example-00-qr-numeric.txt`, 1.6 KB): digits to compact
//!   JWS, base64url, raw DEFLATE inflation, JWT claims and FHIR Bundle parsing, then the ES256
//!   signature checked against the example issuer's keys (`example-issuer.jwks`, loaded by hand
//!   into an empty `TrustStore` before timing) at a fixed clock.
//!
//! Run with `cargo bench -p recdesk-shc --bench verify` (a quick look: add `-- --quick`).
//! Throughput is in cards. `cargo run --release -p recdesk-hl7 --example bench_inputs -- DIR`
//! copies the card and the keys to `DIR/shc-qr-numeric.txt` and `DIR/shc-issuer.jwks`, and
//! writes the JWS the QR text encodes to `DIR/shc-jws.txt`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use recdesk_record::{SourceVerification, VerificationStatus};
use recdesk_shc::{TrustStore, decode_cards, verify};

const CARD: &str = include_str!("../../intake/tests/fixtures/shc-example-00-qr-numeric.txt");
const JWKS: &str = include_str!("../../intake/tests/fixtures/example-issuer.jwks");
const ISSUER: &str = "https://spec.smarthealth.cards/examples/issuer";
/// A fixed "now" (2025-11-24), as the tests use, so the validity checks answer the same every day.
const NOW: i64 = 1_764_000_000;

/// Decodes every card in `text` and verifies each.
fn decode_verify(text: &str, trust: &TrustStore) -> Vec<SourceVerification> {
    decode_cards(text).iter().filter_map(|card| card.as_ref().ok()).map(|card| verify(card, trust, NOW)).collect()
}

fn bench(c: &mut Criterion) {
    let mut trust = TrustStore::empty();
    assert!(trust.add_issuer_jwks(ISSUER, JWKS).expect("the example issuer's keys load") > 0, "keys loaded");
    // The card must decode and its signature check out before it is timed: a key loaded by hand
    // for an issuer the directory does not list gives "valid signature, issuer not confirmed".
    let cards = decode_cards(CARD);
    assert_eq!(cards.len(), 1, "one card");
    let card = cards[0].as_ref().expect("the card decodes");
    assert!(card.warnings.is_empty(), "no warnings: {:?}", card.warnings.first());
    let outcome = verify(card, &trust, NOW);
    assert_eq!(outcome.status, VerificationStatus::ValidSignatureUnknownIssuer, "{}", outcome.reason);
    eprintln!("card: {} bytes of QR text, {}", CARD.len(), outcome.reason);

    let mut group = c.benchmark_group("shc");
    group.throughput(Throughput::Elements(1));
    group.bench_function("decode_verify_qr_numeric", |b| b.iter(|| decode_verify(black_box(CARD), &trust)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
