//! Pictures drawn at test time (see `common/mod.rs`) decode to exactly their source text; broken,
//! oversized, codeless and damaged pictures give the matching `QrError`.
//!
//! Photos here are 1280×720 (plus one 2400×1350 for the reduced-size search) so the suite stays
//! quick in a debug build; the 1080p and 12-megapixel cases are in `benches/decode.rs`.

mod common;

use common::{Photo, Picture, draw_codes, jpeg, modules, photo, png, png_bytes, rotate_90, screenshot, shc_example};
use qrcode::optimize::Parser;
use qrcode::types::{Mode, Version};
use recdesk_qr::{QrError, decode_image, decode_luma};

fn decode_picture(picture: &Picture) -> Result<Vec<String>, QrError> {
    decode_luma(picture.width as u32, picture.height as u32, &picture.luma)
}

// ── SMART Health Card codes ──────────────────────────────────────────────────────────────

#[test]
fn the_example_texts_need_dense_codes_with_a_byte_and_a_numeric_segment() {
    for (text, version) in [(shc_example(0), 18), (shc_example(1), 18), (common::shc_version_22(), 22)] {
        assert_eq!(modules(&text).1, version);
        let modes: Vec<Mode> =
            Parser::new(text.as_bytes()).optimize(Version::Normal(version)).map(|s| s.mode).collect();
        assert_eq!(modes, [Mode::Byte, Mode::Numeric], "`shc:/` as bytes, then the digits");
    }
    assert_eq!(common::shc_version_22().len(), "shc:/".len() + 2390);
}

#[test]
fn example_00_screenshot_png_decodes_to_one_string() {
    let text = shc_example(0);
    assert_eq!(decode_image(&png(&screenshot(&text, 4))), Ok(vec![text]));
}

#[test]
fn example_01_screenshot_png_decodes() {
    let text = shc_example(1);
    assert_eq!(decode_image(&png(&screenshot(&text, 3))), Ok(vec![text]));
}

#[test]
fn version_22_screenshot_and_photo_decode() {
    let text = common::shc_version_22();
    assert_eq!(decode_image(&png(&screenshot(&text, 3))), Ok(vec![text.clone()]));
    let frame = photo(&text, Photo { code: 0.6, angle_degrees: 9.0, seed: 3, ..Photo::new(1280, 720) });
    assert_eq!(decode_image(&png(&frame)), Ok(vec![text]));
}

#[test]
fn rotated_noisy_blurred_photo_png_decodes() {
    let text = shc_example(1);
    let frame = photo(&text, Photo { code: 0.55, angle_degrees: 12.0, seed: 2, ..Photo::new(1280, 720) });
    assert_eq!(decode_image(&png(&frame)), Ok(vec![text]));
}

#[test]
fn photo_turned_a_quarter_turn_decodes() {
    let text = shc_example(0);
    let frame = rotate_90(&photo(&text, Photo { code: 0.55, angle_degrees: 5.0, seed: 4, ..Photo::new(1280, 720) }));
    assert_eq!((frame.width, frame.height), (720, 1280));
    assert_eq!(decode_image(&png(&frame)), Ok(vec![text]));
}

#[test]
fn colour_jpeg_photo_decodes() {
    let text = shc_example(0);
    let frame = photo(&text, Photo { code: 0.55, angle_degrees: 8.0, seed: 5, ..Photo::new(1280, 720) });
    let bytes = jpeg(&frame, 85);
    assert_eq!(&bytes[..3], &[0xFF, 0xD8, 0xFF]);
    assert_eq!(decode_image(&bytes), Ok(vec![text]));
}

#[test]
fn grayscale_jpeg_screenshot_decodes() {
    let text = shc_example(1);
    let shot = screenshot(&text, 4);
    let mut bytes = Vec::new();
    jpeg_encoder::Encoder::new(&mut bytes, 90)
        .encode(&shot.luma, shot.width as u16, shot.height as u16, jpeg_encoder::ColorType::Luma)
        .expect("JPEG");
    assert_eq!(decode_image(&bytes), Ok(vec![text]));
}

#[test]
fn camera_frame_as_luma_decodes() {
    let text = shc_example(1);
    let frame = photo(&text, Photo { code: 0.5, angle_degrees: 15.0, seed: 6, ..Photo::new(1280, 720) });
    assert_eq!(decode_picture(&frame), Ok(vec![text]));
}

#[test]
fn large_photo_is_read_through_the_reduced_size_search() {
    // 2400×1350 is searched at 1200×675 first (long side above 2000 pixels).
    let text = shc_example(0);
    let frame = photo(&text, Photo { code: 0.5, angle_degrees: 11.0, blur: 2, seed: 7, ..Photo::new(2400, 1350) });
    assert_eq!(decode_picture(&frame), Ok(vec![text]));
}

#[test]
fn small_code_in_a_large_photo_falls_back_to_full_size() {
    // About 2.5 pixels per module: too fine once halved, readable at full size.
    let text = "shc:/5676290952432060346029243740446031222959532654603460292540772804336028702864716745222809286133314564376531415906402203064504590856435503414245413640370636654171372412363803043756220467374075323239254334433260573601064529315312707424283950386922127667683";
    let frame = photo(
        text,
        Photo { code: 0.1, at: (0.3, 0.6), angle_degrees: 0.0, blur: 0, noise: 0, ..Photo::new(2400, 1350) },
    );
    let pixels_per_module = 0.1 * 1350.0 / (modules(text).0 + 8) as f32;
    assert!((2.0..3.0).contains(&pixels_per_module), "{pixels_per_module}");
    assert_eq!(decode_picture(&frame), Ok(vec![text.to_owned()]));
    // The same picture halved (as the reduced-size search sees it) has no readable code.
    let (w, h) = (frame.width / 2, frame.height / 2);
    let halved: Vec<u8> = (0..w * h)
        .map(|i| {
            let (x, y) = (2 * (i % w), 2 * (i / w));
            let at = |dx: usize, dy: usize| u32::from(frame.luma[(y + dy) * frame.width + x + dx]);
            ((at(0, 0) + at(1, 0) + at(0, 1) + at(1, 1) + 2) / 4) as u8
        })
        .collect();
    assert!(decode_picture(&Picture { width: w, height: h, luma: halved }).is_err());
}

#[test]
fn very_wide_picture_is_searched_within_the_detector_limits() {
    // 36000×600: searched at most 8192 pixels wide (here 7200×120), so the detector never meets
    // pixel runs longer than it can count; the code, 15 pixels per module at full size, is read.
    let text = "shc:/1234";
    let shot = screenshot(text, 15);
    let (width, height) = (36_000, 600);
    let mut luma = vec![255u8; width * height];
    for (y, row) in shot.luma.chunks_exact(shot.width).enumerate() {
        let at = (y + 80) * width + 30_000;
        luma[at..at + shot.width].copy_from_slice(row);
    }
    assert_eq!(decode_luma(width as u32, height as u32, &luma), Ok(vec![text.to_owned()]));
    // Found by the fuzzer: a JPEG declaring 65323×66 pixels.
    let wide = std::fs::read(format!("{}/tests/fixtures/fuzz-wide-65323x66.jpg", env!("CARGO_MANIFEST_DIR")))
        .expect("fixture");
    assert!(decode_image(&wide).is_err());
}

#[test]
fn picture_full_of_finder_like_squares_is_given_up_quickly() {
    // Found by the fuzzer: thousands of candidate codes. The search caps its work, so this
    // returns in milliseconds (it took 3 s in a release build before the caps).
    let path = format!("{}/tests/fixtures/fuzz-many-patterns-7234x255.jpg", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(path).expect("fixture");
    let started = std::time::Instant::now();
    assert_eq!(decode_image(&bytes), Err(QrError::CodeUnreadable));
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "{:?}", started.elapsed());
}

#[test]
fn two_codes_in_one_picture_are_both_read() {
    let (a, b) = (shc_example(0), shc_example(1));
    let place = |x: f32, angle: f32| Photo { code: 0.5, at: (x, 0.5), angle_degrees: angle, ..Photo::new(1280, 720) };
    let picture = draw_codes(&[(&a, place(0.27, 4.0)), (&b, place(0.73, -6.0))]);
    let mut texts = decode_image(&png(&picture)).expect("two codes");
    texts.sort();
    assert_eq!(texts, [a, b]);
}

#[test]
fn the_same_code_twice_is_returned_once() {
    let text = "shc:/56762909524320603460292437404460";
    let place = |x: f32| Photo { code: 0.3, at: (x, 0.5), angle_degrees: 0.0, blur: 0, ..Photo::new(1280, 720) };
    let picture = draw_codes(&[(text, place(0.25)), (text, place(0.75))]);
    assert_eq!(decode_picture(&picture), Ok(vec![text.to_owned()]));
}

#[test]
fn png_colour_types_are_read_as_gray() {
    let text = shc_example(0);
    let shot = screenshot(&text, 3);
    let (w, h) = (shot.width, shot.height);
    // RGB, with the dark modules in navy.
    let rgb: Vec<u8> = shot.luma.iter().flat_map(|&v| if v == 0 { [10, 20, 90] } else { [250, 250, 250] }).collect();
    assert_eq!(decode_image(&png_bytes(w, h, &rgb, 3)), Ok(vec![text.clone()]));
    // RGBA with a transparent background: shown over white.
    let rgba: Vec<u8> = shot.luma.iter().flat_map(|&v| if v == 0 { [0, 0, 0, 255] } else { [0, 0, 0, 0] }).collect();
    assert_eq!(decode_image(&png_bytes(w, h, &rgba, 4)), Ok(vec![text.clone()]));
    // Gray + alpha.
    let gray_alpha: Vec<u8> = shot.luma.iter().flat_map(|&v| [v, 255]).collect();
    assert_eq!(decode_image(&png_bytes(w, h, &gray_alpha, 2)), Ok(vec![text.clone()]));
    // 16-bit gray.
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, w as u32, h as u32);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Sixteen);
    let wide: Vec<u8> = shot.luma.iter().flat_map(|&v| [v, v]).collect();
    encoder.write_header().expect("header").write_image_data(&wide).expect("data");
    assert_eq!(decode_image(&bytes), Ok(vec![text]));
}

#[test]
fn non_ascii_text_survives() {
    let text = "Record Desk · Zoë Ångström · 予防接種";
    assert_eq!(decode_image(&png(&screenshot(text, 4))), Ok(vec![text.to_owned()]));
}

// ── Pictures that give no text ───────────────────────────────────────────────────────────

#[test]
fn picture_without_a_code_is_no_code_found() {
    // A desk with dark, sharp-edged shapes (a card's text, a pen) but no code.
    let mut picture = common::desk_photo(Photo::new(1280, 720));
    for (i, (x, y, w, h)) in
        [(100, 100, 300, 12), (100, 130, 250, 12), (700, 400, 40, 200), (900, 150, 120, 120)].into_iter().enumerate()
    {
        for row in y..y + h {
            for col in x..x + w {
                picture.luma[row * 1280 + col] = if i == 3 && (row / 20 + col / 20) % 2 == 0 { 230 } else { 30 };
            }
        }
    }
    assert_eq!(decode_image(&png(&picture)), Err(QrError::NoCodeFound));
    assert_eq!(decode_image(&jpeg(&picture, 80)), Err(QrError::NoCodeFound));
    assert_eq!(
        decode_picture(&Picture { width: 640, height: 480, luma: vec![255; 640 * 480] }),
        Err(QrError::NoCodeFound)
    );
}

/// Overwrites a block of modules (in the data area, clear of the finder, timing and version
/// patterns) with a checkerboard.
fn damaged_screenshot(text: &str, pixels: usize, block: std::ops::Range<usize>) -> Picture {
    let mut shot = screenshot(text, pixels);
    for my in block.clone() {
        for mx in block.clone() {
            let dark = (mx + my) % 2 == 0;
            for y in (my + 4) * pixels..(my + 5) * pixels {
                for x in (mx + 4) * pixels..(mx + 5) * pixels {
                    shot.luma[y * shot.width + x] = if dark { 0 } else { 255 };
                }
            }
        }
    }
    shot
}

#[test]
fn damage_within_error_correction_is_repaired() {
    let text = shc_example(0);
    // 6×6 modules of 89×89: well within level L's ~7% of codewords.
    assert_eq!(decode_image(&png(&damaged_screenshot(&text, 4, 40..46))), Ok(vec![text]));
}

#[test]
fn damage_beyond_error_correction_is_code_unreadable() {
    // 30×30 of 89×89 modules overwritten (11% of the code): the finder patterns are intact, so
    // the code is found and its grid sampled, but Reed–Solomon at level L cannot repair it.
    // That is `CodeUnreadable`, not `NoCodeFound`: the person is told the code itself is bad.
    let text = shc_example(0);
    assert_eq!(decode_image(&png(&damaged_screenshot(&text, 4, 30..60))), Err(QrError::CodeUnreadable));
    let frame = photo(&text, Photo { code: 0.55, angle_degrees: 6.0, seed: 8, ..Photo::new(1280, 720) });
    let mut stained = frame.clone();
    // An ink stain over the middle of the photographed code.
    let (cx, cy) = (0.52 * 1280.0, 0.48 * 720.0);
    for y in 0..720 {
        for x in 0..1280 {
            if (x as f32 - cx).hypot(y as f32 - cy) < 70.0 {
                stained.luma[y * 1280 + x] = 45;
            }
        }
    }
    assert_eq!(decode_picture(&stained), Err(QrError::CodeUnreadable));
}

#[test]
fn truncated_png_is_image_unreadable() {
    let bytes = png(&screenshot(&shc_example(0), 4));
    // Cut in the signature, the header, before the pixel data and inside it.
    for len in [8, 20, 33, 40, bytes.len() / 2, bytes.len() * 9 / 10] {
        assert_eq!(decode_image(&bytes[..len]), Err(QrError::ImageUnreadable), "cut at {len} of {}", bytes.len());
    }
    // A file cut after its last pixel row (only the checksum and end marker lost) is still read:
    // every pixel is there.
    assert!(decode_image(&bytes[..bytes.len() - 12]).is_ok());
    let mut corrupt = bytes.clone();
    corrupt[60] ^= 0xFF; // inside the compressed data: its checksum fails
    assert_eq!(decode_image(&corrupt), Err(QrError::ImageUnreadable));
}

#[test]
fn truncated_jpeg_header_is_image_unreadable() {
    let bytes = jpeg(&screenshot(&shc_example(0), 2), 80);
    for len in [3, 10, 100] {
        assert_eq!(decode_image(&bytes[..len]), Err(QrError::ImageUnreadable), "cut at {len}");
    }
}

#[test]
fn text_and_other_formats_are_not_an_image() {
    let text_file = std::fs::read(format!(
        "{}/tests/fixtures/example-00-f-qr-code-numeric-value-0.txt",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture");
    assert_eq!(decode_image(&text_file), Err(QrError::NotAnImage));
    assert_eq!(decode_image(b""), Err(QrError::NotAnImage));
    assert_eq!(decode_image(b"GIF89a\x01\x00\x01\x00"), Err(QrError::NotAnImage));
    assert_eq!(decode_image(b"%PDF-1.7\n"), Err(QrError::NotAnImage));
    assert_eq!(decode_image(b"RIFF\x00\x00\x00\x00WEBPVP8 "), Err(QrError::NotAnImage));
}

/// CRC-32 (ISO-HDLC), as PNG chunks use.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// A small, complete PNG whose header declares `width × height`.
fn png_declaring(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = png_bytes(2, 2, &[0, 255, 255, 0], 1);
    // Signature (8), IHDR length (4) and type (4), then width and height; the CRC after 13 bytes.
    bytes[16..20].copy_from_slice(&width.to_be_bytes());
    bytes[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    bytes
}

#[test]
fn huge_declared_dimensions_are_refused_before_decoding() {
    // The header is consistent (valid CRC) and the file complete: only the size is wrong. Had
    // the pixels been decoded, the 4-pixel data would have made it `ImageUnreadable`.
    assert_eq!(decode_image(&png_declaring(2, 2)).map(|_| ()), Err(QrError::NoCodeFound), "the patch is valid");
    assert_eq!(decode_image(&png_declaring(8000, 8000)), Err(QrError::ImageTooLarge));
    assert_eq!(decode_image(&png_declaring(0x7FFF_FFFF, 0x7FFF_FFFF)), Err(QrError::ImageTooLarge));
    assert_eq!(decode_image(&png_declaring(1_000_000, 51)), Err(QrError::ImageTooLarge));
    assert_eq!(decode_image(&png_declaring(10_000, 5_000)), Err(QrError::ImageUnreadable), "50 MP is allowed");

    // A JPEG whose frame header (SOF0) claims 65535×65535.
    let mut bytes = jpeg(&screenshot("shc:/0", 2), 80);
    let sof = bytes.windows(2).position(|w| w == [0xFF, 0xC0]).expect("a baseline JPEG has SOF0");
    bytes[sof + 5..sof + 9].copy_from_slice(&[0xFF, 0xFF, 0xFF, 0xFF]);
    assert_eq!(decode_image(&bytes), Err(QrError::ImageTooLarge));
}

#[test]
fn camera_frames_of_the_wrong_size_are_refused() {
    assert_eq!(decode_luma(100, 100, &[255; 9_999]), Err(QrError::ImageUnreadable));
    assert_eq!(decode_luma(100, 100, &[255; 10_001]), Err(QrError::ImageUnreadable));
    assert_eq!(decode_luma(0, 100, &[]), Err(QrError::ImageUnreadable));
    assert_eq!(decode_luma(0, 0, &[]), Err(QrError::ImageUnreadable));
    assert_eq!(decode_luma(100_000, 100_000, &[]), Err(QrError::ImageTooLarge));
    assert_eq!(decode_luma(u32::MAX, u32::MAX, &[0; 16]), Err(QrError::ImageTooLarge));
    assert_eq!(decode_luma(10, 10, &[255; 100]), Err(QrError::NoCodeFound), "too small to hold a code");
}

#[test]
fn messages_speak_to_the_front_desk() {
    let all = [
        QrError::NotAnImage,
        QrError::ImageUnreadable,
        QrError::ImageTooLarge,
        QrError::NoCodeFound,
        QrError::CodeUnreadable,
    ];
    let messages: Vec<String> = all.iter().map(ToString::to_string).collect();
    for message in &messages {
        assert!(message.ends_with('.'), "{message}");
        assert!(message.split('.').count() >= 3, "says what happened and what to do: {message}");
        for jargon in ["luma", "PNG decoder", "ECC", "Reed", "error:", "buffer", "bytes"] {
            assert!(!message.contains(jargon), "{message}");
        }
    }
    assert_eq!(
        messages[3],
        "No QR code was found in this picture. Make sure the whole code is in the frame, in focus and well lit, then try again."
    );
    let mut unique = messages.clone();
    unique.dedup();
    assert_eq!(unique.len(), messages.len());
}
