//! Report rendering time: a report model to PDF bytes (font subsetting, layout, writing).
//!
//! * `pdf/render_10_doses`: a school copy of a record with 10 doses (one page);
//! * `pdf/render_300_doses`: the same with 300 doses (a table over several pages).
//!
//! The model comes from `support/report.rs` (built through the real redaction and report
//! code); `cargo run --release -p recdesk-hl7 --example bench_inputs -- DIR` writes the
//! 300-dose table to `DIR/pdf-300.json` for other renderers. Throughput is in doses.
//!
//! Run with `cargo bench -p recdesk-pdf --bench render` (a quick look: add `-- --quick`).

#[path = "support/report.rs"]
mod support;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use recdesk_pdf::RenderOptions;

fn render(c: &mut Criterion) {
    let mut group = c.benchmark_group("pdf");
    for doses in [10, 300] {
        let report = support::report(doses);
        let options = RenderOptions::default();
        let pdf = recdesk_pdf::render(&report, &options);
        assert!(pdf.starts_with(b"%PDF-"), "{doses} doses: a PDF is rendered");
        eprintln!("{doses} doses: {} bytes of PDF", pdf.len());
        group.throughput(Throughput::Elements(doses as u64));
        group.bench_function(format!("render_{doses}_doses"), |b| {
            b.iter(|| recdesk_pdf::render(black_box(&report), &options))
        });
    }
    group.finish();
}

criterion_group!(benches, render);
criterion_main!(benches);
