//! The PDF reader's own content-stream interpreter, reached directly: a minimal one-page PDF
//! around the fuzzer's bytes as the page's content, so every run tests the tokenizer, inline
//! images, paths and text rather than the file structure.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut pdf = b"%PDF-1.7\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>> endobj\n".to_vec();
    pdf.extend_from_slice(format!("4 0 obj <</Length {}>> stream\n", data.len()).as_bytes());
    pdf.extend_from_slice(data);
    pdf.extend_from_slice(b"\nendstream endobj\ntrailer <</Root 1 0 R/Size 5>>\n%%EOF\n");
    let limits = recdesk_pdf_reader::Limits { max_operations: 100_000, max_pictures: 4, ..recdesk_pdf_reader::Limits::default() };
    let _ = std::hint::black_box(recdesk_pdf_reader::read(&pdf, &limits));
});
