//! Test pictures drawn at test time: QR codes from the `qrcode` crate, on paper, on a light-gray
//! desk, rotated (nearest neighbour), with mild noise and a box blur, like a phone photo; or a
//! clean screenshot. Encoded as PNG (`png`) or JPEG (`jpeg-encoder`).
//!
//! Shared by the integration tests and the benchmark (`#[path]`), so not every helper is used
//! by each of them.

#![allow(dead_code)]

use qrcode::{EcLevel, QrCode, Version};

/// The numeric QR text of SMART Health Card example `00` or `01`.
pub fn shc_example(n: u8) -> String {
    let path = format!("{}/tests/fixtures/example-0{n}-f-qr-code-numeric-value-0.txt", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.trim().to_owned()
}

/// The largest SMART Health Card text a version 22 code holds: the spec's limit of 1195 JWS
/// characters, two digits each (2390 digits), here example 00's digits repeated.
pub fn shc_version_22() -> String {
    let digits: String = shc_example(0)["shc:/".len()..].chars().cycle().take(2390).collect();
    format!("shc:/{digits}")
}

/// The modules of `text` at error correction level L (as SMART Health Cards use): the width in
/// modules, the QR version and the dark modules row by row.
pub fn modules(text: &str) -> (usize, i16, Vec<bool>) {
    let code = QrCode::with_error_correction_level(text, EcLevel::L).expect("text fits in a QR code");
    let version = match code.version() {
        Version::Normal(v) => v,
        Version::Micro(v) => -v,
    };
    let dark = code.to_colors().into_iter().map(|c| c == qrcode::Color::Dark).collect();
    (code.width(), version, dark)
}

/// A grayscale picture.
#[derive(Clone, Debug)]
pub struct Picture {
    pub width: usize,
    pub height: usize,
    pub luma: Vec<u8>,
}

/// How a code is photographed.
#[derive(Clone, Copy, Debug)]
pub struct Photo {
    pub width: usize,
    pub height: usize,
    /// Side of the code with its 4-module quiet zone, as a fraction of the picture's short side.
    pub code: f32,
    /// Where the code's centre is, as fractions of the width and height.
    pub at: (f32, f32),
    pub angle_degrees: f32,
    /// Box blur radius in pixels (0: none).
    pub blur: usize,
    /// Uniform noise amplitude (± levels).
    pub noise: u8,
    pub seed: u64,
}

impl Photo {
    /// A phone-camera-like frame: the code fills 45% of the short side, rotated 7°, mild noise
    /// and a 1 px box blur.
    pub fn new(width: usize, height: usize) -> Photo {
        Photo { width, height, code: 0.45, at: (0.52, 0.48), angle_degrees: 7.0, blur: 1, noise: 8, seed: 1 }
    }
}

/// A photo-like picture of the code for `text` (or of several codes: see [`draw_codes`]).
pub fn photo(text: &str, photo: Photo) -> Picture {
    let mut picture = desk(photo.width, photo.height);
    draw_code(&mut picture, text, photo);
    finish(&mut picture, photo);
    picture
}

/// The desk alone, photographed the same way (noise, blur) but without any code.
pub fn desk_photo(photo: Photo) -> Picture {
    let mut picture = desk(photo.width, photo.height);
    finish(&mut picture, photo);
    picture
}

/// Several codes on one desk, each placed by its own `Photo` (size, place and angle).
pub fn draw_codes(codes: &[(&str, Photo)]) -> Picture {
    let first = codes[0].1;
    let mut picture = desk(first.width, first.height);
    for (text, photo) in codes {
        draw_code(&mut picture, text, *photo);
    }
    finish(&mut picture, first);
    picture
}

fn desk(width: usize, height: usize) -> Picture {
    let mut luma = Vec::with_capacity(width * height);
    for _ in 0..height {
        for x in 0..width {
            // A light-gray desk, a little darker towards the edges.
            let centre = (x as f32 / width as f32 - 0.5).abs();
            luma.push((210.0 - 30.0 * centre) as u8);
        }
    }
    Picture { width, height, luma }
}

fn draw_code(picture: &mut Picture, text: &str, photo: Photo) {
    let (n, _, dark) = modules(text);
    let total = (n + 8) as f32;
    let module = photo.code * photo.width.min(photo.height) as f32 / total;
    let (cx, cy) = (photo.at.0 * photo.width as f32, photo.at.1 * photo.height as f32);
    let (sin, cos) = photo.angle_degrees.to_radians().sin_cos();
    for y in 0..picture.height {
        for x in 0..picture.width {
            let (dx, dy) = (x as f32 + 0.5 - cx, y as f32 + 0.5 - cy);
            // Rotate back into the code's frame (nearest neighbour).
            let mx = ((dx * cos + dy * sin) / module + total / 2.0).floor();
            let my = ((-dx * sin + dy * cos) / module + total / 2.0).floor();
            if mx < 0.0 || my < 0.0 || mx >= total || my >= total {
                continue;
            }
            let (mx, my) = (mx as usize, my as usize);
            let inside = (4..n + 4).contains(&mx) && (4..n + 4).contains(&my);
            let is_dark = inside && dark[(my - 4) * n + (mx - 4)];
            picture.luma[y * picture.width + x] = if is_dark { 40 } else { 232 };
        }
    }
}

fn finish(picture: &mut Picture, photo: Photo) {
    if photo.noise > 0 {
        let mut state = photo.seed | 1;
        let span = 2 * u64::from(photo.noise) + 1;
        for v in &mut picture.luma {
            // xorshift64: deterministic noise.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let delta = (state % span) as i32 - i32::from(photo.noise);
            *v = (i32::from(*v) + delta).clamp(0, 255) as u8;
        }
    }
    box_blur(picture, photo.blur);
}

/// A separable box blur of radius `r` (edges clamped).
pub fn box_blur(picture: &mut Picture, r: usize) {
    if r == 0 {
        return;
    }
    let (w, h) = (picture.width, picture.height);
    let k = (2 * r + 1) as u32;
    let mut tmp = vec![0u8; w * h];
    for y in 0..h {
        for x in 0..w {
            let sum: u32 =
                (0..=2 * r).map(|i| u32::from(picture.luma[y * w + (x + i).saturating_sub(r).min(w - 1)])).sum();
            tmp[y * w + x] = (sum / k) as u8;
        }
    }
    for y in 0..h {
        for x in 0..w {
            let sum: u32 = (0..=2 * r).map(|i| u32::from(tmp[(y + i).saturating_sub(r).min(h - 1) * w + x])).sum();
            picture.luma[y * w + x] = (sum / k) as u8;
        }
    }
}

/// Rotates a picture a quarter turn clockwise.
pub fn rotate_90(picture: &Picture) -> Picture {
    let (w, h) = (picture.width, picture.height);
    let mut luma = vec![0u8; w * h];
    for y in 0..h {
        for x in 0..w {
            luma[x * h + (h - 1 - y)] = picture.luma[y * w + x];
        }
    }
    Picture { width: h, height: w, luma }
}

/// A clean screenshot: black modules on white, `pixels` per module, 4-module quiet zone.
pub fn screenshot(text: &str, pixels: usize) -> Picture {
    let (n, _, dark) = modules(text);
    let side = (n + 8) * pixels;
    let mut luma = vec![255u8; side * side];
    for y in 0..side {
        for x in 0..side {
            let (mx, my) = (x / pixels, y / pixels);
            if (4..n + 4).contains(&mx) && (4..n + 4).contains(&my) && dark[(my - 4) * n + (mx - 4)] {
                luma[y * side + x] = 0;
            }
        }
    }
    Picture { width: side, height: side, luma }
}

/// Encodes pixels as PNG (`channels`: 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA; 8 bits).
pub fn png_bytes(width: usize, height: usize, pixels: &[u8], channels: usize) -> Vec<u8> {
    let color = match channels {
        1 => png::ColorType::Grayscale,
        2 => png::ColorType::GrayscaleAlpha,
        3 => png::ColorType::Rgb,
        _ => png::ColorType::Rgba,
    };
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width as u32, height as u32);
    encoder.set_color(color);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().expect("PNG header");
    writer.write_image_data(pixels).expect("PNG data");
    writer.finish().expect("PNG end");
    bytes
}

/// A grayscale PNG of the picture.
pub fn png(picture: &Picture) -> Vec<u8> {
    png_bytes(picture.width, picture.height, &picture.luma, 1)
}

/// A colour JPEG of the picture, as a phone writes (a faint warm tint so the chroma is not
/// empty), at the given quality.
pub fn jpeg(picture: &Picture, quality: u8) -> Vec<u8> {
    let rgb: Vec<u8> = picture.luma.iter().flat_map(|&v| [v, v, v.saturating_sub(6)]).collect();
    let mut bytes = Vec::new();
    let encoder = jpeg_encoder::Encoder::new(&mut bytes, quality);
    encoder
        .encode(&rgb, picture.width as u16, picture.height as u16, jpeg_encoder::ColorType::Rgb)
        .expect("JPEG encoding");
    bytes
}
