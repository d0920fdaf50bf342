//! PNG and JPEG bytes → one byte of luma per pixel, row-major.
//!
//! The size is checked from the header before any pixel buffer exists, so a small file that
//! declares an enormous picture costs nothing.

use std::io::Cursor;

use zune_jpeg::JpegDecoder;
use zune_jpeg::zune_core::bytestream::ZCursor;
use zune_jpeg::zune_core::colorspace::ColorSpace;
use zune_jpeg::zune_core::options::DecoderOptions;

use crate::{MAX_PIXELS, QrError};

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
/// Start of image, then the first marker's 0xFF.
const JPEG_SIGNATURE: &[u8] = &[0xFF, 0xD8, 0xFF];

/// A grayscale picture: one byte of luma per pixel, row-major.
#[derive(Debug)]
pub struct Luma {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<u8>,
}

pub(crate) fn to_luma(bytes: &[u8]) -> Result<Luma, QrError> {
    if bytes.starts_with(PNG_SIGNATURE) {
        png_to_luma(bytes)
    } else if bytes.starts_with(JPEG_SIGNATURE) {
        jpeg_to_luma(bytes)
    } else if !bytes.is_empty() && (PNG_SIGNATURE.starts_with(bytes) || JPEG_SIGNATURE.starts_with(bytes)) {
        // The very start of a PNG or JPEG, cut off.
        Err(QrError::ImageUnreadable)
    } else {
        Err(QrError::NotAnImage)
    }
}

/// Refuses an empty or oversized picture; returns its size in pixels.
fn checked_size(width: u64, height: u64) -> Result<usize, QrError> {
    let pixels = width.checked_mul(height).ok_or(QrError::ImageTooLarge)?;
    if pixels > MAX_PIXELS {
        return Err(QrError::ImageTooLarge);
    }
    if pixels == 0 {
        return Err(QrError::ImageUnreadable);
    }
    usize::try_from(pixels).map_err(|_| QrError::ImageTooLarge)
}

/// A buffer of `len` bytes, or `ImageTooLarge` if memory cannot be had (instead of aborting).
fn buffer(len: usize) -> Result<Vec<u8>, QrError> {
    let mut buffer = Vec::new();
    buffer.try_reserve_exact(len).map_err(|_| QrError::ImageTooLarge)?;
    Ok(buffer)
}

// ── PNG ──────────────────────────────────────────────────────────────────────────────────

fn png_error(error: png::DecodingError) -> QrError {
    match error {
        png::DecodingError::LimitsExceeded => QrError::ImageTooLarge,
        _ => QrError::ImageUnreadable,
    }
}

fn png_to_luma(bytes: &[u8]) -> Result<Luma, QrError> {
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    // Palette → RGB(A), gray below 8 bits → 8 bits, 16 bits → 8 bits.
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    // The header alone (IHDR) first: refuse a huge picture before reading further.
    let header = decoder.read_header_info().map_err(png_error)?;
    let pixels = checked_size(u64::from(header.width), u64::from(header.height))?;
    let mut reader = decoder.read_info().map_err(png_error)?;
    let info = reader.info();
    let (width, height, interlaced) = (info.width as usize, info.height as usize, info.interlaced);
    let (color, depth) = reader.output_color_type();
    if depth != png::BitDepth::Eight {
        return Err(QrError::ImageUnreadable);
    }
    let channels = match color {
        png::ColorType::Grayscale => 1,
        png::ColorType::GrayscaleAlpha => 2,
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        png::ColorType::Indexed => return Err(QrError::ImageUnreadable),
    };
    let row_len = width * channels;
    let mut luma = buffer(pixels)?;
    if interlaced {
        // Adam7 rows arrive in passes: decode the whole frame, then convert.
        let mut frame = buffer(reader.output_buffer_size().ok_or(QrError::ImageTooLarge)?)?;
        frame.resize(frame.capacity(), 0);
        let output = reader.next_frame(&mut frame).map_err(png_error)?;
        for row in frame.chunks(output.line_size.max(1)).take(height) {
            push_luma(&mut luma, row.get(..row_len).ok_or(QrError::ImageUnreadable)?, channels);
        }
    } else {
        // Row by row: only the luma picture is ever held in memory.
        while luma.len() < pixels {
            let Some(row) = reader.next_row().map_err(png_error)? else { break };
            push_luma(&mut luma, row.data().get(..row_len).ok_or(QrError::ImageUnreadable)?, channels);
        }
    }
    if luma.len() != pixels {
        return Err(QrError::ImageUnreadable);
    }
    Ok(Luma { width, height, pixels: luma })
}

/// Appends one row of 8-bit gray, gray+alpha, RGB or RGBA pixels as luma. Transparent pixels
/// are shown over white, as a browser or viewer shows a transparent screenshot.
fn push_luma(luma: &mut Vec<u8>, row: &[u8], channels: usize) {
    match channels {
        1 => luma.extend_from_slice(row),
        2 => luma.extend(row.chunks_exact(2).map(|p| over_white(p[0], p[1]))),
        3 => luma.extend(row.chunks_exact(3).map(|p| rgb_to_luma(p[0], p[1], p[2]))),
        _ => luma.extend(row.chunks_exact(4).map(|p| over_white(rgb_to_luma(p[0], p[1], p[2]), p[3]))),
    }
}

/// ITU-R BT.601 luma, as JPEG uses: 0.299 R + 0.587 G + 0.114 B.
/// ITU-R BT.601 luma in 8.8 fixed point.
pub fn rgb_to_luma(r: u8, g: u8, b: u8) -> u8 {
    let y = (77 * u32::from(r) + 150 * u32::from(g) + 29 * u32::from(b) + 128) >> 8;
    y.min(255) as u8
}

/// `value` with opacity `alpha`, over a white background.
fn over_white(value: u8, alpha: u8) -> u8 {
    let (v, a) = (u32::from(value), u32::from(alpha));
    ((v * a + 255 * (255 - a) + 127) / 255) as u8
}

// ── JPEG ─────────────────────────────────────────────────────────────────────────────────

fn jpeg_to_luma(bytes: &[u8]) -> Result<Luma, QrError> {
    let options = DecoderOptions::default()
        // Only the Y (brightness) channel: no colour conversion is done at all.
        .jpeg_set_out_colorspace(ColorSpace::Luma)
        // The format's own limit; the pixel count is checked against MAX_PIXELS below.
        .set_max_width(usize::from(u16::MAX))
        .set_max_height(usize::from(u16::MAX));
    let mut decoder = JpegDecoder::new_with_options(ZCursor::new(bytes), options);
    decoder.decode_headers().map_err(|_| QrError::ImageUnreadable)?;
    let info = decoder.info().ok_or(QrError::ImageUnreadable)?;
    let (width, height) = (usize::from(info.width), usize::from(info.height));
    let pixels = checked_size(u64::from(info.width), u64::from(info.height))?;
    let expected = decoder.output_buffer_size().ok_or(QrError::ImageTooLarge)?;
    let mut out = buffer(expected)?;
    out.resize(expected, 0);
    decoder.decode_into(&mut out).map_err(|_| QrError::ImageUnreadable)?;
    let luma = match out.len() / pixels {
        1 => out,
        3 => out.chunks_exact(3).map(|p| rgb_to_luma(p[0], p[1], p[2])).collect(),
        4 => out.chunks_exact(4).map(|p| over_white(rgb_to_luma(p[0], p[1], p[2]), p[3])).collect(),
        _ => return Err(QrError::ImageUnreadable),
    };
    if luma.len() != pixels {
        return Err(QrError::ImageUnreadable);
    }
    Ok(Luma { width, height, pixels: luma })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luma_of_primaries_and_extremes() {
        assert_eq!(rgb_to_luma(0, 0, 0), 0);
        assert_eq!(rgb_to_luma(255, 255, 255), 255);
        assert_eq!(rgb_to_luma(255, 0, 0), 77);
        assert_eq!(rgb_to_luma(0, 255, 0), 149);
        assert_eq!(rgb_to_luma(0, 0, 255), 29);
    }

    #[test]
    fn transparency_is_shown_over_white() {
        assert_eq!(over_white(0, 0), 255);
        assert_eq!(over_white(0, 255), 0);
        assert_eq!(over_white(100, 255), 100);
        assert_eq!(over_white(0, 128), 127);
    }

    #[test]
    fn signatures() {
        assert_eq!(to_luma(b"").unwrap_err(), QrError::NotAnImage);
        assert_eq!(to_luma(b"GIF89a").unwrap_err(), QrError::NotAnImage);
        assert_eq!(to_luma(b"\x89PN").unwrap_err(), QrError::ImageUnreadable);
        assert_eq!(to_luma(&[0xFF, 0xD8]).unwrap_err(), QrError::ImageUnreadable);
        assert_eq!(to_luma(PNG_SIGNATURE).unwrap_err(), QrError::ImageUnreadable);
        assert_eq!(to_luma(&[0xFF, 0xD8, 0xFF, 0xE0]).unwrap_err(), QrError::ImageUnreadable);
    }

    #[test]
    fn sizes() {
        assert_eq!(checked_size(0, 10), Err(QrError::ImageUnreadable));
        assert_eq!(checked_size(10_000, 5_000), Ok(50_000_000));
        assert_eq!(checked_size(10_000, 5_001), Err(QrError::ImageTooLarge));
        assert_eq!(checked_size(u64::MAX, u64::MAX), Err(QrError::ImageTooLarge));
    }
}
