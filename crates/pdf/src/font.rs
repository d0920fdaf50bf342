//! The report's one typeface: DejaVu Sans (Bitstream Vera licence, `fonts/LICENSE-DejaVu.txt`),
//! compiled in, cut at build time (build.rs) to the characters the report prints
//! (`recdesk_report::printable`): Latin with every diacritic Vietnamese, Hmong, Somali and
//! European names use, Greek and Cyrillic. Any other character is drawn as the placeholder.
//! Text is measured with the cut font; each PDF embeds a subset holding only the glyphs it shows.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use printpdf::{FontMetrics, FontType, ParsedFont, PdfFontMetricsStub};

use crate::truetype::Face;

const DEJAVU_SANS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/DejaVuSans-cut.ttf"));

/// `c`, or the placeholder when the report's font cannot print it.
pub(crate) fn printable(c: char) -> char {
    if recdesk_report::printable::is_printable(c) { c } else { recdesk_report::printable::PLACEHOLDER }
}

/// The name of the embedded font. The `XXXXXX+` tag marks a subset (ISO 32000-1, 9.6.4); it is
/// fixed so the same report gives the same bytes.
pub(crate) const SUBSET_NAME: &str = "RDSKAA+DejaVuSans";

/// The whole font, parsed once: its character map and advance widths, for measuring.
fn whole() -> Option<&'static Face<'static>> {
    static FONT: OnceLock<Option<Face<'static>>> = OnceLock::new();
    FONT.get_or_init(|| Face::parse(DEJAVU_SANS)).as_ref()
}

/// The width of `text` set in `size` points, without kerning (the PDF is written without it).
pub(crate) fn width(text: &str, size: f32) -> f32 {
    let Some(font) = whole() else { return 0.0 };
    let units: u32 = text
        .chars()
        .map(|c| {
            let glyph = font.glyph_of.get(&u32::from(printable(c))).copied().unwrap_or(0);
            u32::from(font.advances.get(usize::from(glyph)).copied().unwrap_or(0))
        })
        .sum();
    units as f32 * size / f32::from(font.units_per_em.max(1))
}

/// The font to embed for a document showing `chars`: the glyphs they map to and nothing else,
/// renumbered, with a character map of its own. None if the font cannot be subset, in which
/// case the caller embeds the whole font.
pub(crate) fn subset_for(chars: &BTreeSet<char>) -> Option<ParsedFont> {
    let whole = whole()?;
    let glyphs: BTreeSet<u16> = chars.iter().filter_map(|c| whole.glyph_of.get(&u32::from(*c)).copied()).collect();
    // Outlines, metrics and a Unicode map: no naming or OS/2 table, which PDF viewers do not need.
    let (bytes, renumber) = whole.subset(&glyphs, chars, &[])?;
    let codepoint_to_glyph = chars
        .iter()
        .filter_map(|c| Some((u32::from(*c), *renumber.get(whole.glyph_of.get(&u32::from(*c))?)?)))
        .collect();
    let glyph_widths = renumber.iter().map(|(&old, &new)| (new, whole.advances[usize::from(old)])).collect();
    Some(parsed_font(whole, bytes, SUBSET_NAME, codepoint_to_glyph, glyph_widths))
}

/// The whole font, when subsetting fails.
pub(crate) fn whole_font() -> Option<ParsedFont> {
    let whole = whole()?;
    let glyph_widths = whole.advances.iter().enumerate().map(|(glyph, &advance)| (glyph as u16, advance)).collect();
    Some(parsed_font(whole, DEJAVU_SANS.to_vec(), "DejaVuSans", whole.glyph_of.clone(), glyph_widths))
}

/// printpdf's font, filled in from our reading of the face (printpdf's own parser would bring
/// a general font library into the browser module).
fn parsed_font(
    face: &Face<'_>,
    bytes: Vec<u8>,
    name: &str,
    codepoint_to_glyph: BTreeMap<u32, u16>,
    glyph_widths: BTreeMap<u16, u16>,
) -> ParsedFont {
    let [x_min, y_min, x_max, y_max] = face.bounds;
    ParsedFont {
        original_bytes: bytes,
        font_index: 0,
        font_name: Some(name.to_owned()),
        codepoint_to_glyph,
        glyph_widths,
        units_per_em: face.units_per_em,
        font_metrics: FontMetrics { ascent: face.ascender, descent: face.descender },
        font_type: FontType::TrueType,
        pdf_font_metrics: PdfFontMetricsStub {
            units_per_em: face.units_per_em,
            x_min,
            y_min,
            x_max,
            y_max,
            caret_slope_rise: face.caret_slope.0,
            caret_slope_run: face.caret_slope.1,
            us_weight_class: face.weight_class,
        },
    }
}
