//! `recdesk_qr::decode_image` must never panic, whatever bytes it is given: PNG and JPEG
//! headers, pixel data, and the QR detector and decoder behind them. Seed it with small PNG and
//! JPEG pictures of QR codes (a few KB each) so the fuzzer reaches the detector quickly.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let result = recdesk_qr::decode_image(data);
    // Touch the result so the decoding is not optimised away.
    let _ = std::hint::black_box(result);
});
