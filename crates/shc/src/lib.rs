//! Reads and verifies SMART Health Cards offline.
//!
//! [`decode_cards`] finds every card in a text — `shc:/` numeric QR text (one per line, and the
//! deprecated chunked `shc:/C/N/…` parts joined in any order), a `.smart-health-card` file
//! (`{"verifiableCredential": [jws, …]}`) or bare compact JWS lines — and decodes each: the
//! JWS header rules (`alg` ES256, `kid`, `zip` DEF), raw DEFLATE with a size limit, the JWT
//! claims, and the FHIR Bundle, returned as JSON for `recdesk-fhir` to read.
//!
//! [`verify`] decides whether a decoded card is authentic against a [`TrustStore`] (the bundled
//! VCI directory, key files and revocation lists the user loads) and a clock, both supplied by
//! the caller: the crate does no I/O, reads no clock and uses no randomness, so it runs the same
//! in the browser (wasm32) and on the command line.
//!
//! Every error and outcome carries words for the person at the desk, which never quote the card's
//! contents.

#![warn(missing_docs)]

mod b64;
mod card;
mod error;
mod jwk;
mod text;
mod trust;
mod verify;

pub use card::{CardSource, DecodedCard, JwsHeader, MAX_INFLATED_PAYLOAD};
pub use error::{CardError, JwsPart, KeyProblem, TimeClaim, TrustStoreError};
pub use trust::TrustStore;
pub use verify::{NOT_BEFORE_LEEWAY_SECONDS, verify};

/// Every card found in the text, in order: `Ok` for a card that could be read (not yet
/// verified: see [`verify`]), `Err` for one that could not, and for a line that is not a card.
/// Card `i` of the result (0-based) is document `i + 1`. A leading byte-order mark and
/// surrounding whitespace are ignored; empty text gives one [`CardError::Empty`].
///
/// Never panics, whatever the text.
pub fn decode_cards(text: &str) -> Vec<Result<DecodedCard, CardError>> {
    text::find_cards(text)
        .into_iter()
        .enumerate()
        .map(|(i, found)| {
            let document = u32::try_from(i + 1).unwrap_or(u32::MAX);
            found.and_then(|(jws, source)| card::decode_jws(&jws, document, source))
        })
        .collect()
}
