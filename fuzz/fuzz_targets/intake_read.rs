//! `recdesk_intake::read` must never panic on any bytes: decoding (UTF-8, BOM, Latin-1),
//! format detection and every reader behind it (HL7 v2, FHIR, SMART Health Cards, QR pictures).

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use recdesk_intake::{ReadContext, TrustStore};

/// The bundled issuer directory, parsed once (parsing it per input would swamp the fuzzer).
fn trust() -> &'static TrustStore {
    static TRUST: OnceLock<TrustStore> = OnceLock::new();
    TRUST.get_or_init(TrustStore::bundled)
}

fuzz_target!(|data: &[u8]| {
    let intake = recdesk_intake::read(data, &ReadContext { now_unix_seconds: 1_764_000_000, trust: trust() });
    std::hint::black_box(intake);
});
