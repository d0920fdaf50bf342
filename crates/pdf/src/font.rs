//! The report's one typeface: DejaVu Sans (Bitstream Vera licence, `fonts/LICENSE-DejaVu.txt`),
//! compiled in, cut at build time (build.rs) to the characters the report prints
//! (`recdesk_report::printable`): Latin with every diacritic Vietnamese, Hmong, Somali and
//! European names use, Greek and Cyrillic. Any other character is drawn as the placeholder.
//! Text is measured with the cut font; each PDF embeds a subset holding only the glyphs it shows.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile, subset};
use allsorts::tag;
use printpdf::ParsedFont;

const DEJAVU_SANS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/DejaVuSans-cut.ttf"));

/// `c`, or the placeholder when the report's font cannot print it.
pub(crate) fn printable(c: char) -> char {
    if recdesk_report::printable::is_printable(c) { c } else { recdesk_report::printable::PLACEHOLDER }
}

/// The name of the embedded font. The `XXXXXX+` tag marks a subset (ISO 32000-1, 9.6.4); it is
/// fixed so the same report gives the same bytes.
pub(crate) const SUBSET_NAME: &str = "RDSKAA+DejaVuSans";

/// The whole font, parsed once: its character map and advance widths, for measuring.
fn whole() -> Option<&'static ParsedFont> {
    static FONT: OnceLock<Option<ParsedFont>> = OnceLock::new();
    FONT.get_or_init(|| ParsedFont::from_bytes(DEJAVU_SANS, 0, &mut Vec::new())).as_ref()
}

/// The width of `text` set in `size` points, without kerning (the PDF is written without it).
pub(crate) fn width(text: &str, size: f32) -> f32 {
    let Some(font) = whole() else { return 0.0 };
    let units: u32 = text
        .chars()
        .map(|c| {
            let glyph = font.lookup_glyph_index(u32::from(printable(c))).unwrap_or(0);
            u32::from(font.get_glyph_width(glyph).unwrap_or(0))
        })
        .sum();
    units as f32 * size / f32::from(font.units_per_em.max(1))
}

/// The font to embed for a document showing `chars`: the glyphs they map to and nothing else,
/// renumbered, with a character map of its own. None if the font cannot be subset, in which
/// case the caller embeds the whole font.
pub(crate) fn subset_for(chars: &BTreeSet<char>) -> Option<ParsedFont> {
    let whole = whole()?;
    let mut glyphs: BTreeSet<u16> = chars.iter().filter_map(|c| whole.lookup_glyph_index(u32::from(*c))).collect();
    glyphs.insert(0);
    let glyphs: Vec<u16> = glyphs.into_iter().collect();
    let data = ReadScope::new(DEJAVU_SANS).read::<FontData<'_>>().ok()?;
    let provider = data.table_provider(0).ok()?;
    // Outlines, metrics and a Unicode map; no hinting programs or naming table, which PDF viewers
    // do not need and which would be most of the subset's size.
    let profile = SubsetProfile::Custom(vec![tag::CMAP, tag::HEAD, tag::HHEA, tag::HMTX, tag::MAXP, tag::POST]);
    let bytes = subset(&provider, &glyphs, &profile, CmapTarget::Unicode).ok()?;
    let mut font = ParsedFont::from_bytes(&bytes, 0, &mut Vec::new())?;
    font.font_name = Some(SUBSET_NAME.to_owned());
    Some(font)
}

/// The whole font, when subsetting fails.
pub(crate) fn whole_font() -> Option<ParsedFont> {
    let mut font = whole()?.clone();
    font.font_name = Some("DejaVuSans".to_owned());
    Some(font)
}
