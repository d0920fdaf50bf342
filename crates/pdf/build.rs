//! Cuts the report's font at build time to the characters the report can print
//! (`recdesk-report`'s `printable_ranges.rs`: Latin, Greek and Cyrillic), so the PDF maker does not
//! carry DejaVu Sans's other scripts and symbols. The build fails if the font lacks one of them,
//! so the list the review screen warns by and the font the PDF prints with cannot disagree.

use std::path::PathBuf;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile, subset};
use allsorts::tables::FontTableProvider;
use allsorts::tables::cmap::{Cmap, CmapSubtable, EncodingId, PlatformId};
use allsorts::tag;

include!("../report/src/printable_ranges.rs");

const FONT: &str = "fonts/DejaVuSans.ttf";

fn main() {
    println!("cargo::rerun-if-changed={FONT}");
    println!("cargo::rerun-if-changed=../report/src/printable_ranges.rs");
    let bytes = std::fs::read(FONT).expect("the font file");
    let data = ReadScope::new(&bytes).read::<FontData<'_>>().expect("a TrueType font");
    let provider = data.table_provider(0).expect("one face");
    let cmap_data = provider.read_table_data(tag::CMAP).expect("a character map");
    let cmap = ReadScope::new(&cmap_data).read::<Cmap<'_>>().expect("a character map");
    let encoding = cmap
        .find_subtable(PlatformId::WINDOWS, EncodingId::WINDOWS_UNICODE_UCS4)
        .or_else(|| cmap.find_subtable(PlatformId::WINDOWS, EncodingId::WINDOWS_UNICODE_BMP_UCS2))
        .expect("a Unicode character map");
    let subtable = ReadScope::new(cmap.scope.data().get(encoding.offset as usize..).expect("in the table"))
        .read::<CmapSubtable<'_>>()
        .expect("a Unicode character map");
    let mut glyphs = vec![0u16];
    for &(low, high) in PRINTABLE_RANGES {
        for code in low..=high {
            let glyph = subtable.map_glyph(code).ok().flatten().filter(|&g| g != 0);
            let glyph =
                glyph.unwrap_or_else(|| panic!("{FONT} has no glyph for U+{code:04X}: fix printable_ranges.rs"));
            glyphs.push(glyph);
        }
    }
    glyphs.sort_unstable();
    glyphs.dedup();
    // The tables the PDF maker reads to measure and to cut each document's own subset.
    let profile = SubsetProfile::Custom(vec![
        tag::CMAP,
        tag::HEAD,
        tag::HHEA,
        tag::HMTX,
        tag::MAXP,
        tag::POST,
        tag::NAME,
        tag::OS_2,
    ]);
    let cut = subset(&provider, &glyphs, &profile, CmapTarget::Unicode).expect("the font can be cut");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("DejaVuSans-cut.ttf");
    std::fs::write(out, cut).expect("written");
}
