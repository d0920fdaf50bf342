//! Finds and reads the QR codes in a picture: a PNG or JPEG file, or a grayscale camera frame.
//!
//! Built for SMART Health Cards, whose QR codes are dense (up to version 22, error correction
//! level L) and hold `shc:/` followed by digits, stored as a byte segment and a numeric segment
//! that decode to one string.
//!
//! How a picture is read:
//! 1. PNG (`png`) or JPEG (`zune-jpeg`) → 8-bit grayscale. The dimensions are checked against
//!    [`MAX_PIXELS`] from the header, before any pixel buffer is allocated.
//! 2. A picture whose long side exceeds 2000 pixels (a phone photo) is first searched at a
//!    reduced size (box-averaged to at most 1500 pixels on the long side), which is several
//!    times faster; if nothing is read there, the full-size picture is searched (reduced, if
//!    need be, to 8192 pixels on the long side: rxing's detector counts pixel runs in 16 bits).
//! 3. Finding codes: rxing's port of the zxing-cpp QR detector (binarise, find the finder
//!    patterns, sample the module grid); reading a grid: rqrr's decoder (error correction and
//!    data segments). `README.md` has the measurements behind these choices.
//!
//! The crate is pure computation: no I/O, no threads, no clock, so it runs the same in the
//! browser (wasm32) as on the host. It never panics on any input; a property test and a
//! cargo-fuzz target (`fuzz/fuzz_targets/qr_image.rs`) hold it to that.

mod error;
mod image;
mod scan;

pub use error::QrError;
pub use image::{Luma, rgb_to_luma};

/// The largest picture read, in pixels (width × height): 50 megapixels, about four times a
/// 12-megapixel phone photo. Larger pictures are refused with [`QrError::ImageTooLarge`]
/// before their pixels are decoded.
pub const MAX_PIXELS: u64 = 50_000_000;

/// Every QR code found in a PNG or JPEG image, as text (a SMART Health Card QR holds `shc:/` +
/// digits; mixed byte+numeric segments decode to one string).
///
/// Codes are returned in the order they were found; a text found twice is returned once. Byte
/// segments are read as UTF-8, or as Latin-1 (one character per byte) when they are not valid
/// UTF-8.
///
/// # Errors
/// [`QrError::NotAnImage`] when the bytes are neither PNG nor JPEG, [`QrError::ImageUnreadable`]
/// when the file is corrupt or cut short, [`QrError::ImageTooLarge`] above [`MAX_PIXELS`],
/// [`QrError::NoCodeFound`] when no QR code is seen and [`QrError::CodeUnreadable`] when a code
/// is seen but none could be read.
pub fn decode_image(bytes: &[u8]) -> Result<Vec<String>, QrError> {
    let picture = image::to_luma(bytes)?;
    scan::scan(picture.width, picture.height, &picture.pixels)
}

/// A PNG or JPEG picture as grayscale, without looking for codes: for hosts that prepare the
/// pixels first (the PDF reader, which places a small embedded picture in a quiet zone).
///
/// # Errors
/// As [`decode_image`], before any code is looked for.
pub fn picture_luma(bytes: &[u8]) -> Result<Luma, QrError> {
    image::to_luma(bytes)
}

/// The same for a grayscale camera frame: one byte per pixel, row-major, `width × height` bytes
/// (for example the Y plane of a YUV frame, or the luma of the canvas's RGBA pixels).
///
/// # Errors
/// [`QrError::ImageTooLarge`] above [`MAX_PIXELS`]; [`QrError::ImageUnreadable`] when a side is
/// zero or `luma` is not exactly `width × height` bytes; otherwise as [`decode_image`].
pub fn decode_luma(width: u32, height: u32, luma: &[u8]) -> Result<Vec<String>, QrError> {
    let pixels = u64::from(width) * u64::from(height);
    if pixels > MAX_PIXELS {
        return Err(QrError::ImageTooLarge);
    }
    if pixels == 0 || u64::try_from(luma.len()).ok() != Some(pixels) {
        return Err(QrError::ImageUnreadable);
    }
    let (Ok(width), Ok(height)) = (usize::try_from(width), usize::try_from(height)) else {
        return Err(QrError::ImageTooLarge);
    };
    scan::scan(width, height, luma)
}
