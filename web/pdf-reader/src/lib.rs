//! Finding cards in PDFs for the browser app, built as its own WebAssembly module so neither the
//! first screen nor a picture's QR reading carries it: `www/loader.js` imports it the first time
//! a PDF is opened. It holds the QR reader too (a PDF's codes are read here, in one call), so
//! opening a PDF fetches this module alone. Glue only: the work is `recdesk-pdf-reader`'s.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::prelude::*;

/// What a PDF carries: `[payloads, notes, places]`, three arrays of strings (see
/// `recdesk_intake::FoundInPdf`, which the reader module builds from them). The error is a
/// sentence for the desk: a PDF with no card in it, one that needs a password, or a damaged file.
#[wasm_bindgen]
pub fn read_pdf(bytes: &[u8]) -> Result<js_sys::Array, String> {
    let reading = recdesk_pdf_reader::read(bytes, &recdesk_pdf_reader::Limits::default())
        .map_err(|problem| problem.to_string())?;
    if reading.found.is_empty() {
        return Err(reading.no_card_message());
    }
    let strings = |list: Vec<String>| list.into_iter().map(JsValue::from).collect::<js_sys::Array>();
    let places = reading.found.iter().map(|found| format!("page {}: {}", found.page, found.place)).collect();
    Ok([strings(reading.payloads()), strings(reading.notes), strings(places)].into_iter().collect())
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::*;

    use super::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn a_card_in_a_pdf_is_found_in_the_browser() {
        let found = read_pdf(include_bytes!("../../../crates/pdf-reader/tests/fixtures/lopdf-inline-ahx.pdf"))
            .expect("the card");
        let payloads = js_sys::Array::from(&found.get(0));
        assert_eq!(payloads.length(), 1);
        assert!(payloads.get(0).as_string().is_some_and(|text| text.starts_with("shc:/")));
        assert_eq!(js_sys::Array::from(&found.get(2)).get(0).as_string().as_deref(), Some("page 1: QR code (picture)"));
    }

    #[wasm_bindgen_test]
    fn a_printout_and_a_broken_file_say_why() {
        let none = read_pdf(include_bytes!("../../../crates/pdf-reader/tests/fixtures/reportlab-no-card.pdf"))
            .expect_err("no card");
        assert!(none.starts_with("This PDF is a printout with no card in it"), "{none}");
        let broken = read_pdf(b"%PDF-1.7\n garbage").expect_err("damaged");
        assert!(broken.contains("damaged"), "{broken}");
    }
}
