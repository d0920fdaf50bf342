//! The PDF reader's own content-stream interpreter, reached directly: a minimal one-page PDF
//! (with a correct cross-reference table, which lopdf needs) around the fuzzer's bytes as the
//! page's content, so every run tests the tokenizer, inline images, paths, fills and text
//! rather than the file structure.

#![no_main]

use libfuzzer_sys::fuzz_target;

fn pdf_around(content: &[u8]) -> Vec<u8> {
    let mut pdf = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    let objects: [&[u8]; 3] = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>",
    ];
    for (index, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", index + 1).as_bytes());
        pdf.extend_from_slice(object);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    offsets.push(pdf.len());
    pdf.extend_from_slice(format!("4 0 obj\n<</Length {}>>\nstream\n", content.len()).as_bytes());
    pdf.extend_from_slice(content);
    pdf.extend_from_slice(b"\nendstream\nendobj\n");
    let xref = pdf.len();
    pdf.extend_from_slice(b"xref\n0 5\n0000000000 65535 f \n");
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(format!("trailer\n<</Size 5/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n").as_bytes());
    pdf
}

fuzz_target!(|data: &[u8]| {
    let limits =
        recdesk_pdf_reader::Limits { max_operations: 100_000, max_pictures: 4, ..recdesk_pdf_reader::Limits::default() };
    let _ = std::hint::black_box(recdesk_pdf_reader::read(&pdf_around(data), &limits));
});
