//! A PDF image (an image XObject or an inline image) → grayscale pixels.
//!
//! Handles what PDF producers use for pictures of QR codes: FlateDecode (with PNG or TIFF
//! predictors), LZW, ASCII85, ASCIIHex, RunLength, and DCTDecode (JPEG) last; gray, RGB, CMYK,
//! ICC-based, indexed and separation colour; 1 to 16 bits per component; stencil masks and
//! inverted Decode arrays. JPEG 2000, JBIG2 and CCITT fax pictures are reported, not read.

use lopdf::{Dictionary, Object, Stream};
use recdesk_qr::Luma;

use crate::Limits;

/// Why an image gave no pixels. Only [`ImageSkip::Format`] is worth telling staff about.
#[derive(Debug, PartialEq, Eq)]
pub enum ImageSkip {
    /// Stored in a format this reader does not decode (the filter's name).
    Format(String),
    /// Too small to hold a QR code, too large for the limits, or damaged.
    Unusable,
}

/// An image's dictionary and data, whichever way it was stored.
#[derive(Debug)]
pub struct ImageSource<'a> {
    pub dict: &'a Dictionary,
    pub data: &'a [u8],
}

/// Looks a key up under its full name or (in inline images) its abbreviation.
fn entry<'a>(dict: &'a Dictionary, key: &[u8], abbreviation: &[u8]) -> Option<&'a Object> {
    dict.get(key).or_else(|_| dict.get(abbreviation)).ok()
}

fn integer(object: Option<&Object>) -> Option<i64> {
    match object? {
        Object::Integer(value) => Some(*value),
        Object::Real(value) => Some(*value as i64),
        _ => None,
    }
}

/// The pixels of one image, as luma, with white for "no ink".
pub fn to_luma(
    image: &ImageSource<'_>,
    resolve: &dyn Fn(&Object) -> Object,
    limits: &Limits,
) -> Result<Luma, ImageSkip> {
    let dict = image.dict;
    let width = integer(entry(dict, b"Width", b"W")).ok_or(ImageSkip::Unusable)?;
    let height = integer(entry(dict, b"Height", b"H")).ok_or(ImageSkip::Unusable)?;
    // A QR code needs at least 21 modules a side; anything smaller is a rule or an icon.
    if width < 21 || height < 21 {
        return Err(ImageSkip::Unusable);
    }
    let (width, height) = (
        usize::try_from(width).map_err(|_| ImageSkip::Unusable)?,
        usize::try_from(height).map_err(|_| ImageSkip::Unusable)?,
    );
    if width.saturating_mul(height) > limits.max_image_pixels {
        return Err(ImageSkip::Unusable);
    }
    let filters = filter_names(entry(dict, b"Filter", b"F").map(resolve));
    let params = entry(dict, b"DecodeParms", b"DP").map(resolve);
    let mut data = image.data.to_vec();
    for (index, filter) in filters.iter().enumerate() {
        let param = match &params {
            Some(Object::Array(list)) => list.get(index).map(resolve),
            other => other.clone(),
        };
        data = match filter.as_slice() {
            b"DCTDecode" | b"DCT" => return jpeg(&data, limits),
            b"FlateDecode" | b"Fl" => lopdf_filter(b"FlateDecode", param, data, limits)?,
            b"LZWDecode" | b"LZW" => lopdf_filter(b"LZWDecode", param, data, limits)?,
            b"ASCII85Decode" | b"A85" => lopdf_filter(b"ASCII85Decode", param, data, limits)?,
            b"ASCIIHexDecode" | b"AHx" => ascii_hex(&data),
            b"RunLengthDecode" | b"RL" => run_length(&data, limits)?,
            other => return Err(ImageSkip::Format(format_name(other))),
        };
    }
    let mask = matches!(entry(dict, b"ImageMask", b"IM"), Some(Object::Boolean(true)));
    let color = if mask { Color::Gray } else { color_space(entry(dict, b"ColorSpace", b"CS").map(resolve), resolve)? };
    let bits = if mask { 1 } else { integer(entry(dict, b"BitsPerComponent", b"BPC")).unwrap_or(8) };
    let bits = match bits {
        1 | 2 | 4 | 8 | 16 => bits as usize,
        _ => return Err(ImageSkip::Unusable),
    };
    let inverted = match entry(dict, b"Decode", b"D").map(resolve) {
        Some(Object::Array(values)) => values.first().and_then(|first| first.as_float().ok()).is_some_and(|v| v > 0.5),
        _ => false,
    };
    // A stencil mask paints (in the fill colour, taken as dark) where a sample is 0 with the
    // default Decode: the same as a 1-bit gray picture.
    let pixels = samples_to_luma(&data, width, height, bits, &color, inverted)?;
    Ok(Luma { width, height, pixels })
}

fn format_name(filter: &[u8]) -> String {
    match filter {
        b"JPXDecode" => "JPEG 2000".to_owned(),
        b"JBIG2Decode" => "JBIG2".to_owned(),
        b"CCITTFaxDecode" | b"CCF" => "CCITT fax".to_owned(),
        other => String::from_utf8_lossy(other).into_owned(),
    }
}

fn filter_names(filter: Option<Object>) -> Vec<Vec<u8>> {
    match filter {
        Some(Object::Name(name)) => vec![name],
        Some(Object::Array(names)) => {
            names.into_iter().filter_map(|name| name.as_name().ok().map(<[u8]>::to_vec)).collect()
        }
        _ => Vec::new(),
    }
}

/// One filter lopdf decodes (with predictors and its own output bound).
fn lopdf_filter(filter: &[u8], param: Option<Object>, data: Vec<u8>, limits: &Limits) -> Result<Vec<u8>, ImageSkip> {
    let mut dict = Dictionary::new();
    dict.set("Filter", Object::Name(filter.to_vec()));
    if let Some(param @ Object::Dictionary(_)) = param {
        dict.set("DecodeParms", param);
    }
    Stream::new(dict, data)
        .decompressed_content_with_limit(limits.max_decompressed_bytes)
        .map_err(|_| ImageSkip::Unusable)
}

fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> = data
        .iter()
        .take_while(|&&byte| byte != b'>')
        .filter_map(|&byte| char::from(byte).to_digit(16).map(|digit| digit as u8))
        .collect();
    digits.chunks(2).map(|pair| pair[0] << 4 | pair.get(1).copied().unwrap_or(0)).collect()
}

fn run_length(data: &[u8], limits: &Limits) -> Result<Vec<u8>, ImageSkip> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(&length) = data.get(at) {
        at += 1;
        match length {
            128 => break,
            0..=127 => {
                let run = usize::from(length) + 1;
                out.extend_from_slice(data.get(at..at + run).unwrap_or(&data[at.min(data.len())..]));
                at += run;
            }
            _ => {
                let Some(&byte) = data.get(at) else { break };
                out.extend(std::iter::repeat_n(byte, 257 - usize::from(length)));
                at += 1;
            }
        }
        if out.len() > limits.max_decompressed_bytes {
            return Err(ImageSkip::Unusable);
        }
    }
    Ok(out)
}

/// The JPEG's own size is used, not the dictionary's, which producers sometimes get wrong.
fn jpeg(data: &[u8], limits: &Limits) -> Result<Luma, ImageSkip> {
    let picture = recdesk_qr::picture_luma(data).map_err(|_| ImageSkip::Unusable)?;
    if picture.width.saturating_mul(picture.height) > limits.max_image_pixels {
        return Err(ImageSkip::Unusable);
    }
    Ok(picture)
}

/// How samples become luma.
#[derive(Debug)]
enum Color {
    Gray,
    Rgb,
    Cmyk,
    /// One component whose 0 is no ink (a spot colour).
    Tint,
    /// Palette index → base colour samples (already luma, one per index).
    Indexed(Vec<u8>),
}

impl Color {
    fn components(&self) -> usize {
        match self {
            Color::Rgb => 3,
            Color::Cmyk => 4,
            Color::Gray | Color::Tint | Color::Indexed(_) => 1,
        }
    }
}

fn color_space(space: Option<Object>, resolve: &dyn Fn(&Object) -> Object) -> Result<Color, ImageSkip> {
    let Some(space) = space else { return Ok(Color::Gray) };
    match &space {
        Object::Name(name) => simple_color(name).ok_or(ImageSkip::Unusable),
        Object::Array(parts) => {
            let family = parts.first().and_then(|part| part.as_name().ok()).unwrap_or_default();
            match family {
                b"ICCBased" => {
                    let components = parts.get(1).map(resolve).and_then(|profile| match profile {
                        Object::Stream(stream) => integer(stream.dict.get(b"N").ok()),
                        _ => None,
                    });
                    match components {
                        Some(1) => Ok(Color::Gray),
                        Some(3) => Ok(Color::Rgb),
                        Some(4) => Ok(Color::Cmyk),
                        _ => Err(ImageSkip::Unusable),
                    }
                }
                b"CalGray" => Ok(Color::Gray),
                b"CalRGB" | b"Lab" => Ok(Color::Rgb),
                b"Separation" => Ok(Color::Tint),
                b"Indexed" | b"I" => indexed(parts, resolve),
                _ => Err(ImageSkip::Unusable),
            }
        }
        _ => Err(ImageSkip::Unusable),
    }
}

fn simple_color(name: &[u8]) -> Option<Color> {
    match name {
        b"DeviceGray" | b"G" | b"CalGray" => Some(Color::Gray),
        b"DeviceRGB" | b"RGB" | b"CalRGB" => Some(Color::Rgb),
        b"DeviceCMYK" | b"CMYK" => Some(Color::Cmyk),
        _ => None,
    }
}

/// `[/Indexed base hival lookup]`: the lookup table turned into one luma value per index.
fn indexed(parts: &[Object], resolve: &dyn Fn(&Object) -> Object) -> Result<Color, ImageSkip> {
    let base = parts.get(1).map(resolve).ok_or(ImageSkip::Unusable)?;
    let base = color_space(Some(base), resolve)?;
    if matches!(base, Color::Indexed(_)) {
        return Err(ImageSkip::Unusable);
    }
    let table = match parts.get(3).map(resolve) {
        Some(Object::String(bytes, _)) => bytes,
        Some(Object::Stream(stream)) => stream.decompressed_content_with_limit(1 << 16).unwrap_or_default(),
        _ => return Err(ImageSkip::Unusable),
    };
    let components = base.components();
    let palette = table.chunks_exact(components).map(|color| luma_of(&base, color, false)).collect();
    Ok(Color::Indexed(palette))
}

fn luma_of(color: &Color, samples: &[u8], inverted: bool) -> u8 {
    let value = match color {
        Color::Gray => samples[0],
        Color::Rgb => recdesk_qr::rgb_to_luma(samples[0], samples[1], samples[2]),
        Color::Cmyk => {
            let ink = |c: u8| 255 - u32::from(c.max(samples[3]));
            recdesk_qr::rgb_to_luma(ink(samples[0]) as u8, ink(samples[1]) as u8, ink(samples[2]) as u8)
        }
        Color::Tint => 255 - samples[0],
        Color::Indexed(palette) => return palette.get(usize::from(samples[0])).copied().unwrap_or(255),
    };
    if inverted { 255 - value } else { value }
}

/// Unpacks rows of `bits`-bit samples (rows start on a byte boundary) and converts them.
fn samples_to_luma(
    data: &[u8],
    width: usize,
    height: usize,
    bits: usize,
    color: &Color,
    inverted: bool,
) -> Result<Vec<u8>, ImageSkip> {
    let components = color.components();
    let row_bytes = (width * components * bits).div_ceil(8);
    if data.len() < row_bytes * height {
        return Err(ImageSkip::Unusable);
    }
    let indexed = matches!(color, Color::Indexed(_));
    let max = (1u32 << bits.min(8)) - 1;
    let mut pixels = Vec::with_capacity(width * height);
    let mut samples = [0u8; 4];
    for row in data.chunks_exact(row_bytes).take(height) {
        for x in 0..width {
            for (c, sample) in samples.iter_mut().enumerate().take(components) {
                let index = x * components + c;
                let raw = match bits {
                    16 => u32::from(row[index * 2]),
                    8 => u32::from(row[index]),
                    _ => {
                        let bit = index * bits;
                        (u32::from(row[bit / 8]) >> (8 - bits - bit % 8)) & max
                    }
                };
                // Indexed samples are palette positions; others scale to 0..=255.
                *sample = if indexed || bits >= 8 { raw as u8 } else { (raw * 255 / max) as u8 };
            }
            pixels.push(luma_of(color, &samples[..components], inverted && !indexed));
        }
    }
    Ok(pixels)
}

/// Makes a picture of a code easy to find: small pictures (one pixel per module is common in
/// PDFs) are enlarged by a whole factor, and every picture gets a white margin, since a PDF
/// often crops the quiet zone off and draws it as page background instead.
pub fn with_quiet_zone(picture: &Luma) -> Luma {
    const TARGET_SIDE: usize = 600;
    const MAX_SIDE: usize = 4000;
    let shorter = picture.width.min(picture.height).max(1);
    let longer = picture.width.max(picture.height).max(1);
    let factor = TARGET_SIDE.div_ceil(shorter).clamp(1, (MAX_SIDE / longer).max(1));
    let margin = (shorter * factor / 8).max(16);
    let width = picture.width * factor + 2 * margin;
    let height = picture.height * factor + 2 * margin;
    let mut pixels = vec![255u8; width * height];
    for y in 0..picture.height * factor {
        let source = &picture.pixels[(y / factor) * picture.width..][..picture.width];
        let target = &mut pixels[(y + margin) * width + margin..][..picture.width * factor];
        for (x, value) in target.iter_mut().enumerate() {
            *value = source[x / factor];
        }
    }
    Luma { width, height, pixels }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_refs(object: &Object) -> Object {
        object.clone()
    }

    fn image(dict: Dictionary, data: &[u8]) -> Result<Luma, ImageSkip> {
        to_luma(&ImageSource { dict: &dict, data }, &no_refs, &Limits::default())
    }

    fn dict(entries: &[(&str, Object)]) -> Dictionary {
        let mut dict = Dictionary::new();
        for (key, value) in entries {
            dict.set(*key, value.clone());
        }
        dict
    }

    #[test]
    fn one_bit_gray_unpacks_black_and_white() {
        let mut data = vec![0u8; 3 * 21];
        data[0] = 0b0101_0101;
        let luma = image(
            dict(&[
                ("Width", 21.into()),
                ("Height", 21.into()),
                ("BitsPerComponent", 1.into()),
                ("ColorSpace", Object::Name(b"DeviceGray".to_vec())),
            ]),
            &data,
        )
        .expect("pixels");
        assert_eq!(&luma.pixels[..4], &[0, 255, 0, 255]);
    }

    #[test]
    fn a_stencil_mask_paints_its_zero_samples() {
        let data = vec![0u8; 3 * 21];
        let luma = image(dict(&[("Width", 21.into()), ("Height", 21.into()), ("ImageMask", true.into())]), &data)
            .expect("pixels");
        assert!(luma.pixels.iter().all(|&p| p == 0), "0 samples are painted");
    }

    #[test]
    fn indexed_rgb_looks_up_its_palette() {
        let data = vec![1u8; 21 * 21];
        let luma = image(
            dict(&[
                ("Width", 21.into()),
                ("Height", 21.into()),
                ("BitsPerComponent", 8.into()),
                (
                    "ColorSpace",
                    Object::Array(vec![
                        Object::Name(b"Indexed".to_vec()),
                        Object::Name(b"DeviceRGB".to_vec()),
                        1.into(),
                        Object::string_literal(vec![255, 255, 255, 0, 0, 0]),
                    ]),
                ),
            ]),
            &data,
        )
        .expect("pixels");
        assert!(luma.pixels.iter().all(|&p| p == 0));
    }

    #[test]
    fn unread_formats_are_named_and_tiny_pictures_skipped() {
        let jbig =
            dict(&[("Width", 100.into()), ("Height", 100.into()), ("Filter", Object::Name(b"JBIG2Decode".to_vec()))]);
        assert_eq!(image(jbig, b"").err(), Some(ImageSkip::Format("JBIG2".to_owned())));
        assert_eq!(
            image(dict(&[("Width", 8.into()), ("Height", 8.into())]), &[0; 64]).err(),
            Some(ImageSkip::Unusable)
        );
    }

    #[test]
    fn short_data_and_absurd_sizes_are_refused() {
        let short = dict(&[
            ("Width", 100.into()),
            ("Height", 100.into()),
            ("ColorSpace", Object::Name(b"DeviceGray".to_vec())),
        ]);
        assert_eq!(image(short, &[0; 10]).err(), Some(ImageSkip::Unusable));
        let huge = dict(&[("Width", i64::MAX.into()), ("Height", i64::MAX.into())]);
        assert_eq!(image(huge, &[]).err(), Some(ImageSkip::Unusable));
    }

    #[test]
    fn small_pictures_are_enlarged_inside_a_margin() {
        let picture = Luma { width: 25, height: 25, pixels: vec![0; 625] };
        let ready = with_quiet_zone(&picture);
        assert!(ready.width >= 600 && ready.width == ready.height);
        assert_eq!(ready.pixels[0], 255);
        assert_eq!(ready.pixels[ready.width * (ready.height / 2) + ready.width / 2], 0);
    }
}
