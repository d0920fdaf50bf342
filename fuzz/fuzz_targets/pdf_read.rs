//! `recdesk_pdf_reader::read` must never panic, whatever bytes it is given: the file structure
//! (lopdf's parser), content streams, pictures in every filter and colour space, fonts' ToUnicode
//! maps, and drawn codes. Seed it with the reader's fixtures (crates/pdf-reader/tests/fixtures,
//! a few KB each) so the fuzzer starts from real PDFs; the limits are small so each run is fast.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = recdesk_pdf_reader::Limits {
        max_pages: 4,
        max_pictures: 8,
        max_image_pixels: 4_000_000,
        max_decompressed_bytes: 8 * 1024 * 1024,
        max_operations: 200_000,
        max_form_depth: 8,
    };
    let _ = std::hint::black_box(recdesk_pdf_reader::read(data, &limits));
});
