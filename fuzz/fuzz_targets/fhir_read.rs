//! `recdesk_fhir::read` must never panic, whatever text it is given. The bytes are decoded the
//! forgiving way (invalid UTF-8 becomes U+FFFD) so every input reaches the reader.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let outcome = recdesk_fhir::read(&text);
    // Touch the result so the read is not optimised away.
    std::hint::black_box(outcome);
});
