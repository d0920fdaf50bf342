//! Time to find the card in a PDF, from the file's bytes to its payloads (parsing, decompressing,
//! interpreting every page, decoding pictures and reading their QR codes):
//!
//! * `one_page/picture`: ReportLab's one-page PDF with the card as a PNG picture.
//! * `one_page/drawn`: ReportLab's card drawn as vector squares (rendered, then read).
//! * `ten_pages/picture`: ten pages of text with the card on page 7.
//!
//! Run with `cargo bench -p recdesk-pdf-reader --bench read`.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use recdesk_pdf_reader::{Limits, read};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).expect("a fixture")
}

fn bench(c: &mut Criterion) {
    let limits = Limits::default();
    for (id, name) in [
        ("pdf/one_page/picture", "reportlab-png-qr.pdf"),
        ("pdf/one_page/drawn", "reportlab-vector-qr.pdf"),
        ("pdf/ten_pages/picture", "reportlab-ten-pages.pdf"),
    ] {
        let bytes = fixture(name);
        let found = read(&bytes, &limits).expect("readable");
        assert_eq!(found.payloads().len(), 1, "{name}: the card is found");
        c.bench_function(id, |b| b.iter(|| read(black_box(&bytes), &limits)));
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
