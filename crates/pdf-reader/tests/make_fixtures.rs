//! Writes the fixtures made with the project's own PDF tools: printpdf (the report's PDF maker)
//! and lopdf (its writer), for the shapes ReportLab does not make: an inline image, a code
//! drawn square by square, a card in two chunks on two pages inside forms, text in a composite
//! font, and a link annotation. The PDFs are committed; run this only to remake them:
//! `cargo test -p recdesk-pdf-reader --test make_fixtures -- --ignored`.

use std::path::PathBuf;

use lopdf::{Dictionary, Document, Object, Stream, dictionary};
use qrcode::{EcLevel, QrCode};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn card() -> String {
    std::fs::read_to_string(fixtures().join("card.txt")).expect("card.txt").trim().to_owned()
}

/// `shc:/N/M/…` chunks of the card's JWS, as the specification splits a long card.
fn chunks(count: usize) -> Vec<String> {
    let jws = std::fs::read_to_string(fixtures().join("card.jws")).expect("card.jws");
    let jws = jws.trim();
    let size = jws.len().div_ceil(count);
    (0..count)
        .map(|i| {
            let part = &jws[i * size..((i + 1) * size).min(jws.len())];
            let digits: String = part.bytes().map(|b| format!("{:02}", b - 45)).collect();
            format!("shc:/{}/{count}/{digits}", i + 1)
        })
        .collect()
}

/// The dark modules, row by row, without a quiet zone (PDFs often crop it).
fn modules(text: &str) -> (usize, Vec<bool>) {
    let code = QrCode::with_error_correction_level(text, EcLevel::L).expect("fits");
    (code.width(), code.to_colors().into_iter().map(|c| c == qrcode::Color::Dark).collect())
}

fn page_doc(pages: Vec<(Vec<u8>, Dictionary)>, extra: impl FnOnce(&mut Document, &[lopdf::ObjectId])) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let mut kids = Vec::new();
    for (content, resources) in pages {
        let content_id = doc.add_object(Stream::new(Dictionary::new(), content));
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
            "Contents" => content_id,
            "Resources" => resources,
        });
        kids.push(page);
    }
    extra(&mut doc, &kids);
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids.iter().map(|&id| Object::Reference(id)).collect::<Vec<_>>(),
            "Count" => count,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    doc.compress();
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("written");
    out
}

fn write(name: &str, bytes: &[u8]) {
    std::fs::write(fixtures().join(name), bytes).expect("written");
}

fn printpdf_image() -> Vec<u8> {
    use printpdf::{
        Mm, Op, PdfDocument, PdfPage, PdfSaveOptions, RawImage, RawImageData, RawImageFormat, XObjectTransform,
    };
    let (width, dark) = modules(&card());
    let pixels = dark.iter().map(|&d| if d { 0 } else { 255 }).collect();
    let image = RawImage {
        pixels: RawImageData::U8(pixels),
        width,
        height: width,
        data_format: RawImageFormat::R8,
        tag: Vec::new(),
    };
    let mut doc = PdfDocument::new("Card");
    let id = doc.add_image(&image);
    let ops = vec![Op::UseXobject {
        id,
        transform: XObjectTransform {
            translate_x: Some(Mm(40.0).into()),
            translate_y: Some(Mm(80.0).into()),
            scale_x: Some(4.0),
            scale_y: Some(4.0),
            dpi: Some(72.0),
            ..XObjectTransform::default()
        },
    }];
    doc.with_pages(vec![PdfPage::new(Mm(215.9), Mm(279.4), ops)]);
    doc.save(&PdfSaveOptions::default(), &mut Vec::new())
}

/// A 1-bit inline image in ASCIIHex, drawn 4 points per module.
fn inline_image() -> Vec<u8> {
    let (width, dark) = modules(&card());
    let mut hex = String::new();
    for row in dark.chunks(width) {
        let mut bytes = vec![0u8; width.div_ceil(8)];
        for (x, &d) in row.iter().enumerate() {
            if !d {
                bytes[x / 8] |= 0x80 >> (x % 8);
            }
        }
        for byte in bytes {
            hex.push_str(&format!("{byte:02X}"));
        }
        hex.push('\n');
    }
    let side = width * 4;
    let content =
        format!("q {side} 0 0 {side} 100 200 cm\nBI /W {width} /H {width} /BPC 1 /CS /G /F /AHx\nID\n{hex}>\nEI\nQ\n");
    page_doc(vec![(content.into_bytes(), Dictionary::new())], |_, _| {})
}

/// Every dark module a filled square, on a white page background, in a scaled frame.
fn vector_squares() -> Vec<u8> {
    let (width, dark) = modules(&card());
    let mut content = String::from("1 g 0 0 612 792 re f\nq 3 0 0 3 120 180 cm 0 g\n");
    for (i, &d) in dark.iter().enumerate() {
        if d {
            let (x, y) = (i % width, width - 1 - i / width);
            content.push_str(&format!("{x} {y} 1 1 re f\n"));
        }
    }
    content.push_str("Q\n");
    page_doc(vec![(content.into_bytes(), Dictionary::new())], |_, _| {})
}

/// Chunk 1 inside a form on page 1 (8-bit gray, Flate); chunk 2 on page 2 as an indexed image.
fn chunked_in_forms() -> Vec<u8> {
    let chunks = chunks(2);
    let mut doc_pages = Vec::new();
    let mut images = Vec::new();
    for (index, chunk) in chunks.iter().enumerate() {
        let (width, dark) = modules(chunk);
        let dict = if index == 0 {
            dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => width as i64, "Height" => width as i64,
            "BitsPerComponent" => 8, "ColorSpace" => "DeviceGray" }
        } else {
            dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => width as i64, "Height" => width as i64,
            "BitsPerComponent" => 8,
            "ColorSpace" => vec![Object::Name(b"Indexed".to_vec()), Object::Name(b"DeviceRGB".to_vec()), 1.into(),
                Object::string_literal(vec![250, 250, 240, 10, 10, 60])] }
        };
        let samples: Vec<u8> =
            dark.iter().map(|&d| if index == 0 { if d { 0 } else { 255 } } else { u8::from(d) }).collect();
        images.push(Stream::new(dict, samples));
        doc_pages.push(width);
    }
    let mut pages = Vec::new();
    for (index, width) in doc_pages.iter().enumerate() {
        let side = width * 3;
        let content = if index == 0 {
            "q 1 0 0 1 50 50 cm /Card Do Q".to_owned()
        } else {
            format!("q {side} 0 0 {side} 150 250 cm /Im2 Do Q")
        };
        pages.push((content.into_bytes(), Dictionary::new()));
    }
    page_doc(pages, |doc, kids| {
        let mut images = images.into_iter();
        let first = doc.add_object(images.next().expect("chunk 1"));
        let second = doc.add_object(images.next().expect("chunk 2"));
        let side = (doc_pages[0] * 3) as i64;
        let form = doc.add_object(Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 500.into(), 500.into()],
                "Matrix" => vec![1.into(), 0.into(), 0.into(), 1.into(), 40.into(), 60.into()],
                "Resources" => dictionary! { "XObject" => dictionary! { "Im1" => first } } },
            format!("q {side} 0 0 {side} 0 0 cm /Im1 Do Q").into_bytes(),
        ));
        for (kid, resources) in kids.iter().zip([
            dictionary! { "XObject" => dictionary! { "Card" => form } },
            dictionary! { "XObject" => dictionary! { "Im2" => second } },
        ]) {
            if let Ok(Object::Dictionary(page)) = doc.get_object_mut(*kid) {
                page.set("Resources", resources);
            }
        }
    })
}

/// The card as text in a composite font (two-byte codes) with a ToUnicode map.
fn composite_font_text() -> Vec<u8> {
    let card = card();
    // Glyph code = character + 0x100, so the bytes alone say nothing.
    let mut content = String::from("BT /F1 9 Tf 50 700 Td 11 TL\n");
    for line in card.as_bytes().chunks(80) {
        content.push('<');
        for &b in line {
            content.push_str(&format!("{:04X}", u16::from(b) + 0x100));
        }
        content.push_str("> Tj T*\n");
    }
    content.push_str("ET\n");
    let cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
                1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
                1 beginbfrange <0120> <017E> <0020> endbfrange\nendcmap end end\n";
    page_doc(vec![(content.into_bytes(), Dictionary::new())], |doc, kids| {
        let to_unicode = doc.add_object(Stream::new(Dictionary::new(), cmap.as_bytes().to_vec()));
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "Helvetica", "Encoding" => "Identity-H",
            "ToUnicode" => to_unicode,
        });
        if let Ok(Object::Dictionary(page)) = doc.get_object_mut(kids[0]) {
            page.set("Resources", dictionary! { "Font" => dictionary! { "F1" => font } });
        }
    })
}

/// A viewer address carrying a SMART Health Link, as a link annotation.
fn link_annotation() -> Vec<u8> {
    let link = "https://viewer.example.org/#shlink:/eyJ1cmwiOiJodHRwczovL3NobC5leGFtcGxlLm9yZy9tYW5pZmVzdHMvYWJjIiwiZmxhZyI6IlAiLCJrZXkiOiJyeFRnWWxPYUtKUEZ0Y0VkMHFjY2VOOHdFVTRwOTRTcUFid0lRTHZxWWRFIn0";
    page_doc(
        vec![(b"BT /F1 12 Tf 72 700 Td (Open your immunization record) Tj ET".to_vec(), Dictionary::new())],
        |doc, kids| {
            let annotation = doc.add_object(dictionary! {
                "Type" => "Annot", "Subtype" => "Link", "Rect" => vec![72.into(), 690.into(), 300.into(), 715.into()],
                "A" => dictionary! { "S" => "URI", "URI" => Object::string_literal(link) },
            });
            if let Ok(Object::Dictionary(page)) = doc.get_object_mut(kids[0]) {
                page.set("Annots", vec![Object::Reference(annotation)]);
            }
        },
    )
}

#[test]
#[ignore = "remakes the committed fixtures"]
fn make_fixtures() {
    write("printpdf-image-qr.pdf", &printpdf_image());
    write("lopdf-inline-ahx.pdf", &inline_image());
    write("lopdf-vector-squares.pdf", &vector_squares());
    write("lopdf-chunked-in-forms.pdf", &chunked_in_forms());
    write("lopdf-composite-font-text.pdf", &composite_font_text());
    write("lopdf-link-annotation.pdf", &link_annotation());
    let whole = std::fs::read(fixtures().join("reportlab-png-qr.pdf")).expect("made by make_reportlab.py");
    write("damaged-cut-short.pdf", &whole[..whole.len() * 2 / 3]);
}
