//! Just enough of TrueType (ISO/IEC 14496-22, "OpenType") to measure text and to embed a subset:
//! the table directory, `head`, `hhea`, `maxp`, `hmtx`, a Unicode `cmap` (formats 4 and 12) and
//! `glyf`/`loca`, composite glyphs included.
//!
//! Why our own: the report's one font is a TrueType font compiled in, so reading it needs none of
//! what a general font library carries (WOFF2 and its Brotli dictionary, CFF, name-table text
//! encodings). Those were most of the PDF module's size in the browser. Every read is
//! bounds-checked and returns None on a malformed font; nothing here panics.

use std::collections::{BTreeMap, BTreeSet};

/// A parsed TrueType face: what measuring and subsetting need, borrowed from the font's bytes.
pub(crate) struct Face<'a> {
    tables: BTreeMap<[u8; 4], &'a [u8]>,
    pub(crate) units_per_em: u16,
    /// The font's bounding box (head): x min, y min, x max, y max.
    pub(crate) bounds: [i16; 4],
    pub(crate) ascender: i16,
    pub(crate) descender: i16,
    pub(crate) caret_slope: (i16, i16),
    /// OS/2 usWeightClass, 0 without an OS/2 table.
    pub(crate) weight_class: u16,
    /// Advance width of each glyph, in font units.
    pub(crate) advances: Vec<u16>,
    /// Left side bearing of each glyph, in font units.
    bearings: Vec<i16>,
    /// Unicode code point to glyph.
    pub(crate) glyph_of: BTreeMap<u32, u16>,
    /// Where each glyph's outline lies in `glyf` (long or short `loca`).
    outlines: Vec<std::ops::Range<usize>>,
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(data.get(at..at + 2)?.try_into().ok()?))
}

fn i16_at(data: &[u8], at: usize) -> Option<i16> {
    u16_at(data, at).map(|v| v as i16)
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

impl<'a> Face<'a> {
    pub(crate) fn parse(font: &'a [u8]) -> Option<Face<'a>> {
        let count = usize::from(u16_at(font, 4)?);
        let mut tables = BTreeMap::new();
        for record in 0..count {
            let at = 12 + 16 * record;
            let tag: [u8; 4] = font.get(at..at + 4)?.try_into().ok()?;
            let offset = u32_at(font, at + 8)? as usize;
            let length = u32_at(font, at + 12)? as usize;
            tables.insert(tag, font.get(offset..offset.checked_add(length)?)?);
        }
        let head = *tables.get(b"head")?;
        let hhea = *tables.get(b"hhea")?;
        let glyphs = usize::from(u16_at(tables.get(b"maxp")?, 4)?);
        let metrics = usize::from(u16_at(hhea, 34)?).clamp(1, glyphs.max(1));
        let hmtx = *tables.get(b"hmtx")?;
        let mut advances = Vec::with_capacity(glyphs);
        let mut bearings = Vec::with_capacity(glyphs);
        for glyph in 0..glyphs {
            let advance = if glyph < metrics { u16_at(hmtx, 4 * glyph)? } else { *advances.last()? };
            let bearing = if glyph < metrics {
                i16_at(hmtx, 4 * glyph + 2)?
            } else {
                i16_at(hmtx, 4 * metrics + 2 * (glyph - metrics))?
            };
            advances.push(advance);
            bearings.push(bearing);
        }
        let outlines = outlines(tables.get(b"loca")?, i16_at(head, 50)?, glyphs, tables.get(b"glyf")?.len())?;
        let weight_class = tables.get(b"OS/2").and_then(|os2| u16_at(os2, 4)).unwrap_or(0);
        Some(Face {
            units_per_em: u16_at(head, 18)?,
            bounds: [i16_at(head, 36)?, i16_at(head, 38)?, i16_at(head, 40)?, i16_at(head, 42)?],
            ascender: i16_at(hhea, 4)?,
            descender: i16_at(hhea, 6)?,
            caret_slope: (i16_at(hhea, 18)?, i16_at(hhea, 20)?),
            weight_class,
            advances,
            bearings,
            glyph_of: unicode_map(tables.get(b"cmap")?)?,
            outlines,
            tables,
        })
    }

    /// A font holding only `glyphs` (glyph 0 and the parts of composite glyphs are added),
    /// numbered in their order here, with a Unicode map for `chars` and the tables `verbatim`
    /// copied as they are. Returns the font and the old to new glyph numbers.
    pub(crate) fn subset(
        &self,
        glyphs: &BTreeSet<u16>,
        chars: &BTreeSet<char>,
        verbatim: &[&[u8; 4]],
    ) -> Option<(Vec<u8>, BTreeMap<u16, u16>)> {
        let glyf = *self.tables.get(b"glyf")?;
        let mut keep: BTreeSet<u16> =
            glyphs.iter().copied().filter(|&g| usize::from(g) < self.outlines.len()).collect();
        keep.insert(0);
        // Composite glyphs name their parts, which must come along (and whose parts may be composite).
        let mut pending: Vec<u16> = keep.iter().copied().collect();
        while let Some(glyph) = pending.pop() {
            for (_, part) in components(&glyf[self.outlines[usize::from(glyph)].clone()])? {
                if usize::from(part) < self.outlines.len() && keep.insert(part) {
                    pending.push(part);
                }
            }
        }
        let renumber: BTreeMap<u16, u16> = keep.iter().enumerate().map(|(new, &old)| (old, new as u16)).collect();
        let mut new_glyf = Vec::new();
        let mut new_loca = Vec::new();
        let mut new_hmtx = Vec::new();
        for &old in &keep {
            new_loca.extend((new_glyf.len() as u32).to_be_bytes());
            let mut outline = glyf[self.outlines[usize::from(old)].clone()].to_vec();
            for (at, part) in components(&outline)? {
                // A part that is not in the font (a broken composite) becomes the empty glyph 0.
                outline[at..at + 2].copy_from_slice(&renumber.get(&part).copied().unwrap_or(0).to_be_bytes());
            }
            new_glyf.extend(&outline);
            new_glyf.resize(new_glyf.len().next_multiple_of(4), 0);
            new_hmtx.extend(self.advances[usize::from(old)].to_be_bytes());
            new_hmtx.extend(self.bearings[usize::from(old)].to_be_bytes());
        }
        new_loca.extend((new_glyf.len() as u32).to_be_bytes());
        let count = keep.len() as u16;

        let mut head = self.tables.get(b"head")?.to_vec();
        head.get_mut(8..12)?.copy_from_slice(&[0; 4]); // checkSumAdjustment, set once the file is whole
        head.get_mut(50..52)?.copy_from_slice(&1i16.to_be_bytes()); // long loca offsets
        let mut hhea = self.tables.get(b"hhea")?.to_vec();
        hhea.get_mut(34..36)?.copy_from_slice(&count.to_be_bytes());
        let mut maxp = self.tables.get(b"maxp")?.to_vec();
        maxp.get_mut(4..6)?.copy_from_slice(&count.to_be_bytes());
        // post version 3: no glyph names, which PDF viewers do not use.
        let mut post = self.tables.get(b"post")?.get(..32)?.to_vec();
        post[..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());
        let mapped: BTreeMap<u16, u16> = chars
            .iter()
            .filter_map(|&c| {
                let code = u16::try_from(u32::from(c)).ok()?;
                Some((code, *renumber.get(self.glyph_of.get(&u32::from(c))?)?))
            })
            .collect();
        let mut tables: BTreeMap<[u8; 4], Vec<u8>> = BTreeMap::from([
            (*b"cmap", cmap_format_4(&mapped)),
            (*b"glyf", new_glyf),
            (*b"head", head),
            (*b"hhea", hhea),
            (*b"hmtx", new_hmtx),
            (*b"loca", new_loca),
            (*b"maxp", maxp),
            (*b"post", post),
        ]);
        for tag in verbatim {
            tables.insert(**tag, self.tables.get(*tag)?.to_vec());
        }
        Some((assemble(&tables), renumber))
    }
}

/// Each glyph's byte range in `glyf`, from `loca` (short offsets are halved).
fn outlines(loca: &[u8], format: i16, glyphs: usize, glyf_length: usize) -> Option<Vec<std::ops::Range<usize>>> {
    let offset = |glyph: usize| -> Option<usize> {
        if format == 0 {
            u16_at(loca, 2 * glyph).map(|v| 2 * usize::from(v))
        } else {
            u32_at(loca, 4 * glyph).map(|v| v as usize)
        }
    };
    (0..glyphs)
        .map(|glyph| {
            let (start, end) = (offset(glyph)?, offset(glyph + 1)?);
            (start <= end && end <= glyf_length).then_some(start..end)
        })
        .collect()
}

/// The parts a composite glyph names: where each part's glyph number sits in `outline`, and the
/// number. Empty for a simple glyph; None for a composite that runs past its end.
fn components(outline: &[u8]) -> Option<Vec<(usize, u16)>> {
    const ARGS_ARE_WORDS: u16 = 0x0001;
    const SCALE: u16 = 0x0008;
    const MORE: u16 = 0x0020;
    const X_AND_Y_SCALE: u16 = 0x0040;
    const TWO_BY_TWO: u16 = 0x0080;
    let mut parts = Vec::new();
    if outline.len() < 10 || i16_at(outline, 0)? >= 0 {
        return Some(parts);
    }
    let mut at = 10;
    loop {
        let flags = u16_at(outline, at)?;
        parts.push((at + 2, u16_at(outline, at + 2)?));
        at += 4 + if flags & ARGS_ARE_WORDS != 0 { 4 } else { 2 };
        at += if flags & SCALE != 0 {
            2
        } else if flags & X_AND_Y_SCALE != 0 {
            4
        } else if flags & TWO_BY_TWO != 0 {
            8
        } else {
            0
        };
        if flags & MORE == 0 {
            return (at <= outline.len()).then_some(parts);
        }
    }
}

/// The font's Unicode character map: a (3,10) or (0,4) format-12 subtable, else a (3,1) or (0,x)
/// format-4 one.
fn unicode_map(cmap: &[u8]) -> Option<BTreeMap<u32, u16>> {
    let count = usize::from(u16_at(cmap, 2)?);
    let mut best: Option<(u8, usize)> = None;
    for record in 0..count {
        let at = 4 + 8 * record;
        let (platform, encoding) = (u16_at(cmap, at)?, u16_at(cmap, at + 2)?);
        let offset = u32_at(cmap, at + 4)? as usize;
        let format = u16_at(cmap, offset)?;
        let unicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10));
        let rank = match format {
            12 if unicode => 2,
            4 if unicode => 1,
            _ => continue,
        };
        if best.is_none_or(|(b, _)| rank > b) {
            best = Some((rank, offset));
        }
    }
    let (rank, offset) = best?;
    let table = cmap.get(offset..)?;
    if rank == 2 { format_12(table) } else { format_4(table) }
}

fn format_4(table: &[u8]) -> Option<BTreeMap<u32, u16>> {
    let segments = usize::from(u16_at(table, 6)? / 2);
    let ends = 14;
    let starts = ends + 2 * segments + 2;
    let deltas = starts + 2 * segments;
    let range_offsets = deltas + 2 * segments;
    let mut map = BTreeMap::new();
    for segment in 0..segments {
        let (start, end) = (u16_at(table, starts + 2 * segment)?, u16_at(table, ends + 2 * segment)?);
        let delta = u16_at(table, deltas + 2 * segment)?;
        let range_offset_at = range_offsets + 2 * segment;
        let range_offset = usize::from(u16_at(table, range_offset_at)?);
        if start == 0xFFFF || start > end {
            continue;
        }
        for code in start..=end {
            let glyph = if range_offset == 0 {
                code.wrapping_add(delta)
            } else {
                let at = range_offset_at + range_offset + 2 * usize::from(code - start);
                match u16_at(table, at)? {
                    0 => 0,
                    glyph => glyph.wrapping_add(delta),
                }
            };
            if glyph != 0 {
                map.insert(u32::from(code), glyph);
            }
        }
    }
    Some(map)
}

fn format_12(table: &[u8]) -> Option<BTreeMap<u32, u16>> {
    let groups = u32_at(table, 12)? as usize;
    let mut map = BTreeMap::new();
    for group in 0..groups {
        let at = 16 + 12 * group;
        let (start, end, first) = (u32_at(table, at)?, u32_at(table, at + 4)?, u32_at(table, at + 8)?);
        // Real fonts have tens of thousands of characters at most; a huge range is a broken table.
        if end < start || end - start > 0x10_FFFF {
            return None;
        }
        for code in start..=end {
            match first.checked_add(code - start).map(u16::try_from) {
                Some(Ok(0) | Err(_)) | None => {}
                Some(Ok(glyph)) => {
                    map.insert(code, glyph);
                }
            }
        }
    }
    Some(map)
}

/// A `cmap` with one (3,1) format-4 subtable for `mapped` (character to glyph, Basic
/// Multilingual Plane only: the printable characters all are), a segment per run of characters
/// whose glyphs run alongside.
fn cmap_format_4(mapped: &BTreeMap<u16, u16>) -> Vec<u8> {
    let mut segments: Vec<(u16, u16, u16)> = Vec::new(); // start, end, delta
    for (&code, &glyph) in mapped.iter().filter(|(code, _)| **code != 0xFFFF) {
        let delta = glyph.wrapping_sub(code);
        match segments.last_mut() {
            Some((_, end, last_delta)) if *end + 1 == code && *last_delta == delta => *end = code,
            _ => segments.push((code, code, delta)),
        }
    }
    segments.push((0xFFFF, 0xFFFF, 1));
    let count = segments.len() as u16;
    let search_range = 2 * (1u16 << (15 - count.leading_zeros()));
    let mut subtable = Vec::new();
    let length = 16 + 8 * segments.len();
    for value in [
        4,
        length as u16,
        0,
        2 * count,
        search_range,
        search_range.trailing_zeros() as u16 - 1,
        2 * count - search_range,
    ] {
        subtable.extend(value.to_be_bytes());
    }
    segments.iter().for_each(|(_, end, _)| subtable.extend(end.to_be_bytes()));
    subtable.extend([0, 0]); // reserved pad
    segments.iter().for_each(|(start, _, _)| subtable.extend(start.to_be_bytes()));
    segments.iter().for_each(|(_, _, delta)| subtable.extend(delta.to_be_bytes()));
    segments.iter().for_each(|_| subtable.extend([0, 0])); // no glyph-id arrays
    let mut cmap = vec![0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12];
    cmap.extend(subtable);
    cmap
}

/// A font file of `tables`: the table directory (in tag order), each table on a four-byte
/// boundary with its checksum, and head's checkSumAdjustment.
fn assemble(tables: &BTreeMap<[u8; 4], Vec<u8>>) -> Vec<u8> {
    let count = tables.len() as u16;
    let entry_selector = 15 - count.leading_zeros() as u16;
    let search_range = 16 * (1u16 << entry_selector);
    let mut font = Vec::new();
    for value in [1u16, 0, count, search_range, entry_selector, 16 * count - search_range] {
        font.extend(value.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, data) in tables {
        font.extend(tag);
        font.extend(checksum(data).to_be_bytes());
        font.extend((offset as u32).to_be_bytes());
        font.extend((data.len() as u32).to_be_bytes());
        if tag == b"head" {
            head_at = Some(offset);
        }
        offset += data.len().next_multiple_of(4);
    }
    for data in tables.values() {
        font.extend(data);
        font.resize(font.len().next_multiple_of(4), 0);
    }
    if let Some(at) = head_at {
        let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&font));
        font[at + 8..at + 12].copy_from_slice(&adjustment.to_be_bytes());
    }
    font
}

/// The OpenType table checksum: the sum of its big-endian 32-bit words, zero-padded.
fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FONT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/DejaVuSans-cut.ttf"));

    #[test]
    fn the_report_font_is_read_whole() {
        let face = Face::parse(FONT).expect("the compiled-in font parses");
        assert_eq!(face.units_per_em, 2048);
        assert!(face.glyph_of.len() >= 2038, "{} characters mapped", face.glyph_of.len());
        let a = face.glyph_of[&u32::from('A')];
        assert_eq!(face.advances[usize::from(a)], 1401);
        assert!(face.glyph_of.contains_key(&u32::from('ễ')));
    }

    #[test]
    fn a_subset_keeps_the_parts_of_composite_glyphs_and_maps_each_character() {
        let face = Face::parse(FONT).unwrap();
        let chars: BTreeSet<char> = "Nguyễn Ħ".chars().collect();
        let glyphs: BTreeSet<u16> = chars.iter().map(|c| face.glyph_of[&u32::from(*c)]).collect();
        let (bytes, renumber) = face.subset(&glyphs, &chars, &[b"OS/2"]).expect("subset");
        let small = Face::parse(&bytes).expect("the subset parses");
        // Every character maps to its renumbered glyph, with the same advance.
        for c in &chars {
            let old = face.glyph_of[&u32::from(*c)];
            let new = small.glyph_of[&u32::from(*c)];
            assert_eq!(new, renumber[&old]);
            assert_eq!(small.advances[usize::from(new)], face.advances[usize::from(old)], "{c}");
        }
        assert_eq!(small.glyph_of.len(), chars.len());
        assert_eq!(small.weight_class, face.weight_class, "OS/2 was copied");
        // Glyph parts are kept and renumbered: every composite in the subset names glyphs it holds.
        let glyf = small.tables[b"glyf"];
        let mut composites = 0;
        for range in &small.outlines {
            for (_, part) in components(&glyf[range.clone()]).unwrap() {
                composites += 1;
                assert!(usize::from(part) < small.outlines.len());
            }
        }
        assert!(composites > 0, "ễ is drawn from parts in DejaVu Sans");
        assert!(small.outlines.len() < 30);
        // The whole file sums to the magic number (head's checkSumAdjustment is right).
        assert_eq!(checksum(&bytes), 0xB1B0_AFBA);
    }

    #[test]
    fn broken_fonts_are_refused_without_a_panic() {
        for cut in [0, 11, 12, 100, 1000, FONT.len() / 2, FONT.len() - 1] {
            let _ = Face::parse(&FONT[..cut]);
        }
        let mut wrong = FONT.to_vec();
        for at in (0..wrong.len()).step_by(97) {
            wrong[at] ^= 0xA5;
        }
        if let Some(face) = Face::parse(&wrong) {
            let glyphs: BTreeSet<u16> = (0..200).collect();
            let _ = face.subset(&glyphs, &"abc".chars().collect(), &[]);
        }
    }
}
