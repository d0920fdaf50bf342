//! PDF rendering for the browser app, built as its own WebAssembly module so the first screen
//! does not carry printpdf and the font: `www/loader.js` imports it the first time a PDF is asked
//! for (the service worker precaches it, so an offline kiosk can still make PDFs). Glue only: the
//! report arrives as JSON (the same `recdesk_report::Report` the print view shows) and
//! `recdesk_pdf::render` does the work.
#![cfg(target_arch = "wasm32")]

use recdesk_pdf::{Paper, RenderOptions};
use wasm_bindgen::prelude::*;

/// The PDF of a report given as JSON, on `paper` ("letter" or "a4"). The error is a sentence for the desk.
#[wasm_bindgen]
pub fn render_pdf(report_json: &str, paper: &str) -> Result<Vec<u8>, String> {
    let report: recdesk_report::Report = serde_json::from_str(report_json)
        .map_err(|_| "The report could not be passed to the PDF maker. Use Print instead.".to_owned())?;
    let paper = match paper {
        "a4" => Paper::A4,
        _ => Paper::Letter,
    };
    Ok(recdesk_pdf::render(&report, &RenderOptions { paper }))
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::*;

    use super::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn a_report_becomes_a_pdf() {
        let report = r#"{"title":"Immunization record","banner":"Prepared for the patient","sections":[
            {"heading":"Patient","blocks":[{"kind":"fields","content":[{"label":"Name","value":"Thị Ánh Nguyễn"}]}]}],
            "footer":"Made here","page_label":"Page {page} of {pages}","running_header":"Immunization record",
            "continued":"(continued)","metadata":{"title":"Immunization record","subject":"Prepared for the patient",
            "creator":"Record Desk","created":"2026-01-02 03:04"}}"#;
        let pdf = render_pdf(report, "a4").expect("a PDF");
        assert!(pdf.starts_with(b"%PDF-"));
        assert_eq!(render_pdf(report, "a4").expect("a PDF"), pdf, "the same bytes each time");
    }

    #[wasm_bindgen_test]
    fn a_damaged_report_is_refused_with_a_sentence() {
        let problem = render_pdf("{\"title\": 1}", "letter").expect_err("not a report");
        assert!(problem.contains("Use Print instead"), "{problem}");
    }
}
