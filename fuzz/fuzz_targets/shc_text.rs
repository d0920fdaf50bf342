//! `recdesk_shc::decode_cards` must never panic, whatever text it is given: QR text, files, JWS
//! or anything else. The bytes are decoded the forgiving way (invalid UTF-8 becomes U+FFFD).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let cards = recdesk_shc::decode_cards(&text);
    // Touch the result (and every error's words) so nothing is optimised away.
    for card in &cards {
        if let Err(e) = card {
            std::hint::black_box(e.to_string());
        }
    }
    std::hint::black_box(cards);
});
