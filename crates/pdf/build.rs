//! Cuts the report's font at build time to the characters the report can print
//! (`recdesk-report`'s `printable_ranges.rs`: Latin, Greek and Cyrillic), so the PDF maker does not
//! carry DejaVu Sans's other scripts and symbols. The build fails if the font lacks one of them,
//! so the list the review screen warns by and the font the PDF prints with cannot disagree.
//! The cut is made by the crate's own TrueType subsetter, the one each document's font comes from.

use std::collections::BTreeSet;
use std::path::PathBuf;

// The subsetter's measuring half is not needed here.
#[allow(dead_code)]
#[path = "src/truetype.rs"]
mod truetype;

include!("../report/src/printable_ranges.rs");

const FONT: &str = "fonts/DejaVuSans.ttf";

fn main() {
    println!("cargo::rerun-if-changed={FONT}");
    println!("cargo::rerun-if-changed=src/truetype.rs");
    println!("cargo::rerun-if-changed=../report/src/printable_ranges.rs");
    let bytes = std::fs::read(FONT).expect("the font file");
    let face = truetype::Face::parse(&bytes).expect("a TrueType font with a Unicode character map");
    let mut chars = BTreeSet::new();
    let mut glyphs = BTreeSet::new();
    for &(low, high) in PRINTABLE_RANGES {
        for code in low..=high {
            let glyph = face.glyph_of.get(&code).copied();
            let glyph =
                glyph.unwrap_or_else(|| panic!("{FONT} has no glyph for U+{code:04X}: fix printable_ranges.rs"));
            chars.insert(char::from_u32(code).expect("printable ranges are characters"));
            glyphs.insert(glyph);
        }
    }
    // OS/2 (the weight the PDF's font descriptor names) and the naming table (the font's
    // copyright and licence) come along whole.
    let (cut, _) = face.subset(&glyphs, &chars, &[b"OS/2", b"name"]).expect("the font can be cut");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("DejaVuSans-cut.ttf");
    std::fs::write(out, cut).expect("written");
}
