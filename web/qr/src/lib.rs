//! QR reading for the browser app, built as its own WebAssembly module (about 190 KB gzipped)
//! so the first screen does not carry it: `www/loader.js` imports it the first time a picture
//! is opened (and, later, when the camera is used). Glue only: the work is `recdesk-qr`'s.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::prelude::*;

/// The text of every QR code in a PNG or JPEG picture. The error is a sentence for the desk.
#[wasm_bindgen]
pub fn decode_image(bytes: &[u8]) -> Result<Vec<String>, String> {
    recdesk_qr::decode_image(bytes).map_err(|problem| problem.to_string())
}

/// The same for a grayscale camera frame (one byte per pixel, row-major).
#[wasm_bindgen]
pub fn decode_luma(width: u32, height: u32, luma: &[u8]) -> Result<Vec<String>, String> {
    recdesk_qr::decode_luma(width, height, luma).map_err(|problem| problem.to_string())
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::*;

    use super::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn a_blank_frame_has_no_code_and_says_so() {
        let problem = decode_luma(64, 64, &[255; 64 * 64]).expect_err("no code in a white frame");
        assert!(problem.contains("No QR code"), "{problem}");
    }

    #[wasm_bindgen_test]
    fn bytes_that_are_no_picture_are_refused_with_a_reason() {
        let problem = decode_image(b"MSH|^~\\&").expect_err("not a picture");
        assert!(!problem.is_empty());
    }
}
