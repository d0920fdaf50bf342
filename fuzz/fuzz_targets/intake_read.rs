//! `recdesk_intake::read` must never panic on any bytes: decoding (UTF-8, BOM, Latin-1),
//! format detection and, for HL7 v2, the reader.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let intake = recdesk_intake::read(data);
    std::hint::black_box(intake);
});
