//! Property tests for the crate's invariant: `decode_image` and `decode_luma` never panic,
//! whatever they are given, and always answer with text or a `QrError`.
//!
//! * arbitrary bytes, and arbitrary bytes after a PNG or JPEG signature;
//! * real PNG and JPEG files with bytes changed, inserted or cut;
//! * camera frames of arbitrary size and content, and real codes with modules scrambled (which
//!   drives the detector and the error correction through broken grids).
//!
//! The runs are seeded (fixed seed per test) so CI sees the same cases every time and nothing is
//! written to disk (`failure_persistence: None`). To explore other cases locally, set
//! `PROPTEST_RNG_SEED=<n>` (and `PROPTEST_CASES=<n>` for more of them).

mod common;

#[path = "../../../tests/support/proptest_config.rs"]
mod proptest_config;

use std::sync::OnceLock;

use common::{Picture, jpeg, png, screenshot, shc_example};
use proptest::prelude::*;
use recdesk_qr::{QrError, decode_image, decode_luma};

const SEED: u64 = 0x5EED_2024_0105_0001;

fn config() -> ProptestConfig {
    proptest_config::deterministic(64, SEED)
}

/// A small screenshot of a real code (version 2), as PNG and JPEG.
fn seeds() -> &'static (Picture, Vec<u8>, Vec<u8>) {
    static SEEDS: OnceLock<(Picture, Vec<u8>, Vec<u8>)> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let shot = screenshot(&shc_example(0)[..40], 3);
        let (png, jpeg) = (png(&shot), jpeg(&shot, 75));
        assert_eq!(decode_image(&png).map(|t| t.len()), Ok(1), "the seed PNG decodes");
        assert_eq!(decode_image(&jpeg).map(|t| t.len()), Ok(1), "the seed JPEG decodes");
        (shot, png, jpeg)
    })
}

/// Every answer is text or one of the errors; an empty list never comes back as success.
fn check(result: Result<Vec<String>, QrError>) {
    if let Ok(texts) = result {
        assert!(!texts.is_empty(), "success means at least one code");
    }
}

/// Changes, inserts or cuts bytes of `bytes` at positions chosen by `edits`.
fn mutate(bytes: &[u8], edits: &[(usize, u8, u8)]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for &(at, value, kind) in edits {
        if out.is_empty() {
            break;
        }
        let at = at % out.len();
        match kind % 4 {
            0 | 1 => out[at] = value,
            2 => out.insert(at, value),
            _ => out.truncate(at.max(1)),
        }
    }
    out
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        check(decode_image(&bytes));
    }

    #[test]
    fn bytes_after_an_image_signature_never_panic(
        jpeg_kind in any::<bool>(),
        tail in proptest::collection::vec(any::<u8>(), 0..2048),
    ) {
        let mut bytes = if jpeg_kind { vec![0xFF, 0xD8, 0xFF] } else { b"\x89PNG\r\n\x1a\n".to_vec() };
        bytes.extend(tail);
        check(decode_image(&bytes));
    }

    #[test]
    fn mutated_png_and_jpeg_never_panic(
        jpeg_kind in any::<bool>(),
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..8),
    ) {
        let (_, png, jpeg) = seeds();
        check(decode_image(&mutate(if jpeg_kind { jpeg } else { png }, &edits)));
    }

    #[test]
    fn arbitrary_frames_never_panic(
        width in 0u32..96,
        height in 0u32..96,
        luma in proptest::collection::vec(any::<u8>(), 0..96 * 96),
        exact in any::<bool>(),
    ) {
        let luma = if exact { (0..(width * height) as usize).map(|i| luma.get(i).copied().unwrap_or(0)).collect() } else { luma };
        check(decode_luma(width, height, &luma));
    }

    #[test]
    fn scrambled_codes_never_panic(
        blocks in proptest::collection::vec((0usize..100, 0usize..100, 1usize..12, any::<u8>()), 1..6),
    ) {
        let (shot, _, _) = seeds();
        let mut luma = shot.luma.clone();
        let side = shot.width;
        for (x, y, size, value) in blocks {
            let (x0, y0) = (x * side / 100, y * side / 100);
            for row in y0..(y0 + size * 3).min(side) {
                for col in x0..(x0 + size * 3).min(side) {
                    luma[row * side + col] = if (row / 3 + col / 3) % 2 == 0 { value } else { !value };
                }
            }
        }
        check(decode_luma(side as u32, side as u32, &luma));
    }
}
