//! Finding and reading the QR codes in a grayscale picture.
//!
//! Finding: rxing's port of the zxing-cpp detector (hybrid binarisation, finder patterns,
//! sampling the module grid through the alignment pattern). Reading the sampled grid: rqrr's
//! decoder (format, error correction, numeric/alphanumeric/byte/kanji segments, mirrored codes).
//! Together they read what rxing reads, at about rqrr's size in wasm (see README.md).

use rxing::common::{BitMatrix, DetectorRXingResult, HybridBinarizer};
use rxing::qrcode::cpp_port::detector::{FindFinderPatterns, GenerateFinderPatternSets, SampleQR};
use rxing::{BinaryBitmap, Luma8Source};

use crate::QrError;

/// Pictures with a longer side than this are searched at a reduced size first.
const DOWNSCALE_ABOVE: usize = 2000;
/// The reduced size's longest side is at most this.
const DOWNSCALE_TO: usize = 1500;
/// The largest side ever searched. rxing's detector counts pixel runs in `u16` and doubles them
/// (`2 * run` overflows, a panic in debug builds, past 32767 pixels); no real code needs more.
const MAX_SEARCH_SIDE: usize = 8192;
/// A version 1 code is 21 modules wide; nothing smaller can hold one.
const MIN_SIDE: usize = 21;
/// Work limits per search, so that a picture full of finder-like squares (found by fuzzing: a
/// 1446×51 strip with 355 of them gave 8521 candidate sets and took 3 s) costs milliseconds. A
/// real picture has three patterns per code and its codes among the first few sets, which come
/// sorted by plausibility.
const MAX_PATTERNS: usize = 300;
const MAX_SETS: usize = 200;
const MAX_FAILED_GRIDS: usize = 24;

pub(crate) fn scan(width: usize, height: usize, luma: &[u8]) -> Result<Vec<String>, QrError> {
    if width.min(height) < MIN_SIDE || luma.len() != width * height {
        return Err(QrError::NoCodeFound);
    }
    let long = width.max(height);
    // The finest search: full size, or reduced just enough to stay within MAX_SEARCH_SIDE.
    let finest = long.div_ceil(MAX_SEARCH_SIDE);
    // A phone photo is searched reduced first: a code filling a useful part of it still has
    // several pixels per module after reduction, and finding it there is two to eight times
    // faster. Only if that reads nothing is the finest size searched.
    let first = if long > DOWNSCALE_ABOVE { long.div_ceil(DOWNSCALE_TO) } else { finest };
    let factors: &[usize] = if first == finest { &[finest] } else { &[first, finest] };
    let mut unreadable = false;
    for &factor in factors {
        if width.min(height) / factor < MIN_SIDE {
            continue;
        }
        let found = if factor == 1 {
            find_codes(width, height, luma)
        } else {
            let (small_width, small_height, small) = downscale(width, height, luma, factor);
            find_codes(small_width, small_height, &small)
        };
        if !found.texts.is_empty() {
            return Ok(found.texts);
        }
        unreadable |= found.unreadable;
    }
    if unreadable { Err(QrError::CodeUnreadable) } else { Err(QrError::NoCodeFound) }
}

#[derive(Debug, Default)]
struct Found {
    /// The texts read, in the order found, without repeats.
    texts: Vec<String>,
    /// A code's grid was sampled (three finder patterns, a plausible size) but not read.
    unreadable: bool,
}

fn find_codes(width: usize, height: usize, luma: &[u8]) -> Found {
    let mut found = Found::default();
    let (Ok(w), Ok(h)) = (u32::try_from(width), u32::try_from(height)) else { return found };
    let Ok(source) = Luma8Source::new_with_slice(luma, w, h) else { return found };
    let bitmap = BinaryBitmap::new(HybridBinarizer::new(source));
    let matrix = bitmap.get_black_matrix();
    let mut patterns = FindFinderPatterns(matrix, true, 0);
    if patterns.len() > MAX_PATTERNS {
        // Keep the largest, as the set generator ranks them (small ones are likelier noise).
        patterns.sort_by_key(|pattern| std::cmp::Reverse(pattern.size));
        patterns.truncate(MAX_PATTERNS);
    }
    let mut used = Vec::new();
    let mut failed = 0;
    for set in GenerateFinderPatternSets(&mut patterns).into_iter().take(MAX_SETS) {
        if failed >= MAX_FAILED_GRIDS {
            break;
        }
        let corners = [set.bl, set.tl, set.tr];
        // A finder pattern belongs to one code: skip sets reusing one of a code already read.
        if corners.iter().any(|corner| used.contains(corner)) {
            continue;
        }
        let Ok(sampled) = SampleQR(matrix, &set) else { continue };
        match read_grid(sampled.getBits()) {
            Some(text) => {
                used.extend(corners);
                if !found.texts.contains(&text) {
                    found.texts.push(text);
                }
            }
            None => {
                found.unreadable = true;
                failed += 1;
            }
        }
    }
    found
}

/// The text of a sampled module grid (dark = set), or `None` if it cannot be corrected.
fn read_grid(bits: &BitMatrix) -> Option<String> {
    let size = bits.getWidth();
    if size != bits.getHeight() {
        return None;
    }
    let grid = rqrr::SimpleGrid::from_func(size as usize, |x, y| bits.get(x as u32, y as u32));
    let mut bytes = Vec::new();
    rqrr::Grid::new(grid).decode_to(&mut bytes).ok()?;
    Some(match String::from_utf8(bytes) {
        Ok(text) => text,
        // Not UTF-8: one character per byte (Latin-1), as the QR standard's default.
        Err(error) => error.into_bytes().into_iter().map(char::from).collect(),
    })
}

/// Averages `factor × factor` blocks; the right and bottom remainders are dropped.
fn downscale(width: usize, height: usize, luma: &[u8], factor: usize) -> (usize, usize, Vec<u8>) {
    let (small_width, small_height) = (width / factor, height / factor);
    let area = (factor * factor) as u32;
    let mut small = Vec::with_capacity(small_width * small_height);
    let mut sums = vec![0u32; small_width];
    for band in luma.chunks_exact(width * factor).take(small_height) {
        sums.fill(0);
        for row in band.chunks_exact(width) {
            for (sum, block) in sums.iter_mut().zip(row.chunks_exact(factor)) {
                *sum += block.iter().map(|&v| u32::from(v)).sum::<u32>();
            }
        }
        small.extend(sums.iter().map(|&sum| ((sum + area / 2) / area) as u8));
    }
    (small_width, small_height, small)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn downscale_averages_blocks_and_drops_remainders() {
        #[rustfmt::skip]
        let luma = [
            0, 2, 10, 20, 99,
            4, 6, 30, 40, 99,
            99, 99, 99, 99, 99,
        ];
        assert_eq!(downscale(5, 3, &luma, 2), (2, 1, vec![3, 25]));
    }

    #[test]
    fn too_small_or_blank_pictures_have_no_code() {
        assert_eq!(scan(20, 100, &[255; 2000]), Err(QrError::NoCodeFound));
        assert_eq!(scan(100, 100, &[255; 10_000]), Err(QrError::NoCodeFound));
        assert_eq!(scan(100, 100, &[0; 10_000]), Err(QrError::NoCodeFound));
        assert_eq!(scan(100, 100, &[0; 10]), Err(QrError::NoCodeFound));
    }
}
