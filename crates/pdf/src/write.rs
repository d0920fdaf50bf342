//! Laid-out pages into PDF bytes, through printpdf and the lopdf document it builds.

use std::collections::BTreeSet;

use lopdf::{Dictionary, Object, StringFormat};
use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Op, PaintMode, PdfDocument, PdfFont, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, TextItem, TextRenderingMode,
};
use recdesk_report::Report;

use crate::layout::{Item, Layout};
use crate::{RenderOptions, font};

/// The font's resource name in the file (fixed: a random one would change the bytes).
const FONT: &str = "F1";

pub(crate) fn write(report: &Report, options: &RenderOptions, layout: &Layout) -> Vec<u8> {
    let mut doc = PdfDocument::new(&report.metadata.title);
    let chars: BTreeSet<char> = layout
        .pages
        .iter()
        .flatten()
        .filter_map(|item| match item {
            Item::Text { text, .. } => Some(text.chars()),
            _ => None,
        })
        .flatten()
        .collect();
    let font = font::subset_for(&chars).or_else(font::whole_font);
    let font_id = FontId(FONT.to_owned());
    if let Some(font) = font {
        doc.resources.fonts.map.insert(font_id.clone(), PdfFont::new(font));
    }
    let pages = layout.pages.iter().map(|items| page(items, layout, &font_id)).collect();
    doc.with_pages(pages);
    let save = PdfSaveOptions { optimize: true, subset_fonts: false, secure: true, image_optimization: None };
    let mut warnings = Vec::new();
    let mut pdf = printpdf::serialize::to_lopdf_doc(&doc, &save, &mut warnings);
    set_information(&mut pdf, report, options, layout.pages.len());
    pdf.compress();
    let mut bytes = Vec::new();
    // Writing to memory cannot fail.
    let _ = pdf.save_to(&mut bytes);
    bytes
}

fn grey(value: f32) -> Color {
    Color::Greyscale(Greyscale::new(value.clamp(0.0, 1.0), None))
}

fn point(x: f32, y: f32, layout: &Layout) -> Point {
    Point { x: Pt(x), y: Pt(layout.height - y) }
}

/// One page's drawing operations. Text state changes only when it must, to keep pages small.
fn page(items: &[Item], layout: &Layout, font: &FontId) -> PdfPage {
    let mut ops = Vec::new();
    let mut size = None;
    let mut fill = None;
    let mut bold = None;
    for item in items {
        match item {
            Item::Shade { x, y, width, height, grey: g } => {
                ops.push(Op::SetFillColor { col: grey(*g) });
                fill = Some(*g);
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(*x),
                        y: Pt(layout.height - y - height),
                        width: Pt(*width),
                        height: Pt(*height),
                        mode: Some(PaintMode::Fill),
                        winding_order: None,
                    },
                });
            }
            Item::Rule { x1, y1, x2, y2, thickness, grey: g } => {
                ops.push(Op::SetOutlineColor { col: grey(*g) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*thickness) });
                bold = None;
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![
                            LinePoint { p: point(*x1, *y1, layout), bezier: false },
                            LinePoint { p: point(*x2, *y2, layout), bezier: false },
                        ],
                        is_closed: false,
                    },
                });
            }
            Item::Text { x, y, size: s, bold: b, grey: g, text } => {
                ops.push(Op::StartTextSection);
                if size != Some(*s) {
                    ops.push(Op::SetFont { font: PdfFontHandle::External(font.clone()), size: Pt(*s) });
                    size = Some(*s);
                }
                if fill != Some(*g) {
                    ops.push(Op::SetFillColor { col: grey(*g) });
                    fill = Some(*g);
                }
                if bold != Some((*b, *g, *s)) {
                    // Bold is drawn by stroking the outline too: one font file serves both.
                    if *b {
                        ops.push(Op::SetTextRenderingMode { mode: TextRenderingMode::FillStroke });
                        ops.push(Op::SetOutlineColor { col: grey(*g) });
                        ops.push(Op::SetOutlineThickness { pt: Pt(s * 0.035) });
                    } else {
                        ops.push(Op::SetTextRenderingMode { mode: TextRenderingMode::Fill });
                    }
                    bold = Some((*b, *g, *s));
                }
                ops.push(Op::SetTextCursor { pos: point(*x, *y, layout) });
                ops.push(Op::ShowText { items: vec![TextItem::Text(text.clone())] });
                ops.push(Op::EndTextSection);
            }
        }
    }
    let media = Rect::from_wh(Pt(layout.width), Pt(layout.height));
    PdfPage { media_box: media.clone(), trim_box: media.clone(), crop_box: media, ops }
}

/// The document information and ID: generic words, the release time, and an ID derived from
/// that time, the paper and the page count, so no patient is named and the bytes repeat.
fn set_information(pdf: &mut lopdf::Document, report: &Report, options: &RenderOptions, pages: usize) {
    let metadata = &report.metadata;
    let digits: String = metadata.created.to_string().chars().filter(char::is_ascii_digit).collect();
    let date = format!("D:{digits}00");
    let text = |s: &str| Object::String(utf16(s), StringFormat::Hexadecimal);
    let mut info = Dictionary::new();
    info.set("Title", text(&metadata.title));
    info.set("Subject", text(&metadata.subject));
    info.set("Creator", text(&metadata.creator));
    info.set("Producer", text(&metadata.creator));
    info.set("CreationDate", Object::String(date.clone().into_bytes(), StringFormat::Literal));
    info.set("ModDate", Object::String(date.into_bytes(), StringFormat::Literal));
    let info_id = pdf.add_object(info);
    if let Ok(old) = pdf.trailer.get(b"Info").and_then(Object::as_reference) {
        pdf.objects.remove(&old);
    }
    pdf.trailer.set("Info", Object::Reference(info_id));
    let seed = format!("Record Desk report|{}|{:?}|{pages}", metadata.created, options.paper);
    let mut id = fnv1a(seed.as_bytes(), 0).to_be_bytes().to_vec();
    id.extend(fnv1a(seed.as_bytes(), 1).to_be_bytes());
    pdf.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
}

/// A PDF text string: UTF-16BE with its byte-order mark.
fn utf16(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    bytes
}

/// FNV-1a, 64 bits, with a salt byte: a stable hash for the document ID.
fn fnv1a(bytes: &[u8], salt: u8) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in std::iter::once(&salt).chain(bytes) {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use printpdf::{PdfDocument, PdfSaveOptions};

    /// The patched printpdf (vendor/printpdf) leaves its CMYK profile out; that is sound only while
    /// our documents ask for no output intent, which this checks on what `write` starts from.
    #[test]
    fn our_documents_ask_for_no_colour_profile_so_printpdf_needs_none() {
        let doc = PdfDocument::new("Immunization record");
        assert!(!doc.metadata.info.conformance.must_have_icc_profile());
        let save = PdfSaveOptions { optimize: true, subset_fonts: false, secure: true, image_optimization: None };
        let mut warnings = Vec::new();
        let pdf = printpdf::serialize::to_lopdf_doc(&doc, &save, &mut warnings);
        assert!(warnings.is_empty(), "{warnings:?}");
        let catalog = pdf.catalog().expect("a catalog");
        assert!(!catalog.has(b"OutputIntents"));
    }
}
