//! Finds SMART Health Cards and Links in a PDF.
//!
//! State portals and clinic systems export a person's card as a PDF with its QR code; some
//! print the card's `shc:/` text as well. This crate finds, page by page:
//! - QR codes in the pictures a page draws (image XObjects, also inside forms, and inline
//!   images; Flate, LZW, ASCII85, ASCIIHex, RunLength and JPEG data; see `image.rs`);
//! - QR codes drawn as filled squares (rendered from the page's fills; see `raster.rs`);
//! - `shc:/` and `shlink:/` payloads in the text a page shows and in its link annotations.
//!
//! It reads nothing else: a printout's words are never taken for a record. What it returns is
//! the payloads, for the card and link readers, and notes a person can act on.
//!
//! Like every reader here it never panics and bounds its work ([`Limits`]): pages, pictures,
//! pixels, decompressed bytes, content operators and form nesting. The file itself is parsed
//! by lopdf (cross-reference tables and streams, object streams, decryption with the empty
//! password that "protected" PDFs use); its content streams are interpreted here.

mod content;
mod image;
mod page;
mod raster;
mod text;

use std::fmt;

use lopdf::{Document, LoadOptions, Object};

/// Bounds on the work one PDF may cause, as for every other input.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Pages read; later pages are reported, not read.
    pub max_pages: usize,
    /// Pictures decoded in the whole document.
    pub max_pictures: usize,
    /// Pixels in one picture.
    pub max_image_pixels: usize,
    /// Bytes any one stream may decompress to.
    pub max_decompressed_bytes: usize,
    /// Content operators interpreted in the whole document.
    pub max_operations: usize,
    /// Forms drawn inside forms.
    pub max_form_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_pages: 50,
            max_pictures: 200,
            max_image_pixels: 40_000_000,
            max_decompressed_bytes: 64 * 1024 * 1024,
            max_operations: 5_000_000,
            max_form_depth: 8,
        }
    }
}

/// Where on a page a payload was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// A QR code in a picture.
    Picture,
    /// A QR code drawn as squares.
    Drawing,
    /// Text the page shows.
    Text,
    /// A link annotation's address.
    Link,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Place::Picture => "QR code (picture)",
            Place::Drawing => "QR code (drawn)",
            Place::Text => "text",
            Place::Link => "link",
        })
    }
}

/// One payload: `shc:/…` (a card or one chunk of one) or `shlink:/…` (a link).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// From 1.
    pub page: usize,
    pub place: Place,
    pub text: String,
}

/// What a PDF holds that can be read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PdfReading {
    pub pages: usize,
    pub pages_read: usize,
    pub found: Vec<Found>,
    /// Said to staff beside the result: codes that could not be read, pictures in formats not
    /// read, limits reached, QR codes that hold something other than a card.
    pub notes: Vec<String>,
}

impl PdfReading {
    /// The payloads in the order found, each once (a card shown as a QR code and as text
    /// counts once).
    pub fn payloads(&self) -> Vec<String> {
        let mut payloads: Vec<String> = Vec::new();
        for found in &self.found {
            if !payloads.contains(&found.text) {
                payloads.push(found.text.clone());
            }
        }
        payloads
    }

    /// Why nothing was found, in words for the person at the desk.
    pub fn no_card_message(&self) -> String {
        let pages = if self.pages == 1 { "its page".to_owned() } else { format!("its {} pages", self.pages) };
        let mut message = format!(
            "This PDF is a printout with no card in it: no SMART Health Card QR code or shc:/ text was found on \
             {pages}. Ask for the card itself (the QR code, or the file the portal offers as “SMART Health Card”), \
             or for the record as a file from the clinic or registry."
        );
        for note in &self.notes {
            message.push(' ');
            message.push_str(note);
        }
        message
    }
}

/// Why a PDF could not be read at all. The text is written for the person at the desk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PdfProblem {
    /// The bytes do not start like a PDF.
    NotPdf,
    /// The PDF needs a password to open.
    Encrypted,
    /// The file is damaged or cut short.
    Damaged,
}

impl fmt::Display for PdfProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PdfProblem::NotPdf => "This file is not a PDF.",
            PdfProblem::Encrypted => {
                "This PDF is protected with a password, so it cannot be read here. Ask the person to open it \
                 and show the QR code on screen (use the camera), or to download the card again without a \
                 password."
            }
            PdfProblem::Damaged => {
                "This PDF could not be opened: the file seems damaged or incomplete. Ask for the file again, \
                 or scan the QR code from the printout with the camera."
            }
        })
    }
}

impl std::error::Error for PdfProblem {}

/// Finds every card and link payload in a PDF.
///
/// # Errors
/// [`PdfProblem`] when the file is not a PDF, needs a password, or cannot be parsed at all.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<PdfReading, PdfProblem> {
    let start = bytes.iter().take(1024).position(|&b| b == b'%');
    if !start.is_some_and(|at| bytes[at..].starts_with(b"%PDF-")) {
        return Err(PdfProblem::NotPdf);
    }
    let options = LoadOptions { max_decompressed_size: Some(limits.max_decompressed_bytes), ..LoadOptions::default() };
    let doc = match Document::load_mem_with_options(bytes, options) {
        Ok(doc) => doc,
        Err(lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_)) => return Err(PdfProblem::Encrypted),
        Err(_) if bytes.windows(8).any(|w| w == b"/Encrypt") => return Err(PdfProblem::Encrypted),
        Err(_) => return Err(PdfProblem::Damaged),
    };
    if doc.trailer.get(b"Encrypt").is_ok() && doc.encryption_state.is_none() {
        return Err(PdfProblem::Encrypted);
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(PdfProblem::Damaged);
    }
    let mut reading = PdfReading { pages: pages.len(), ..PdfReading::default() };
    let mut state = page::DocumentState::default();
    let mut unread_formats: Vec<String> = Vec::new();
    let mut unreadable_codes = Vec::new();
    let mut other_codes = Vec::new();
    let mut truncated = false;
    for (&number, &page_id) in pages.iter().take(limits.max_pages) {
        let number = number as usize;
        reading.pages_read += 1;
        let content = page::PageReader::read(&doc, page_id, limits, &mut state);
        truncated |= content.truncated;
        for format in content.unread_formats {
            if !unread_formats.contains(&format) {
                unread_formats.push(format);
            }
        }
        let drawing = raster::render(&content.fills, 50);
        let pictures = content.pictures.iter().map(|picture| (Place::Picture, image::with_quiet_zone(picture)));
        for (place, picture) in pictures.chain(drawing.map(|drawing| (Place::Drawing, drawing))) {
            let width = u32::try_from(picture.width).unwrap_or(u32::MAX);
            let height = u32::try_from(picture.height).unwrap_or(u32::MAX);
            match recdesk_qr::decode_luma(width, height, &picture.pixels) {
                Ok(texts) => {
                    for text in texts {
                        if is_payload(&text) {
                            reading.found.push(Found { page: number, place, text: payload_of(&text) });
                        } else if !other_codes.contains(&number) {
                            other_codes.push(number);
                        }
                    }
                }
                Err(recdesk_qr::QrError::CodeUnreadable) if !unreadable_codes.contains(&number) => {
                    unreadable_codes.push(number);
                }
                Err(_) => {}
            }
        }
        for text in text::payloads(&content.text) {
            reading.found.push(Found { page: number, place: Place::Text, text });
        }
        for address in link_addresses(&doc, page_id) {
            for text in text::payloads(&address) {
                reading.found.push(Found { page: number, place: Place::Link, text });
            }
        }
    }
    if reading.pages > reading.pages_read {
        reading.notes.push(format!("Only the first {} of its {} pages were read.", reading.pages_read, reading.pages));
    }
    if truncated {
        reading.notes.push("Part of it was not read: it holds more than Record Desk reads from one PDF.".to_owned());
    }
    if !unreadable_codes.is_empty() {
        reading.notes.push(format!(
            "A QR code on {} could not be read (damaged, blurred or too small).",
            page_list(&unreadable_codes)
        ));
    }
    if !other_codes.is_empty() {
        reading.notes.push(format!("A QR code on {} holds something other than a card.", page_list(&other_codes)));
    }
    if !unread_formats.is_empty() {
        reading.notes.push(format!(
            "It has pictures stored as {}, which Record Desk does not read; if the QR code is one of them, scan \
             the printout with the camera.",
            unread_formats.join(" and ")
        ));
    }
    Ok(reading)
}

fn is_payload(text: &str) -> bool {
    let lower = text.trim().to_ascii_lowercase();
    lower.starts_with("shc:/") || lower.contains("shlink:/")
}

/// A QR code's text as a payload: a link viewer's address keeps only its `shlink:/` part.
fn payload_of(text: &str) -> String {
    let trimmed = text.trim();
    match trimmed.to_ascii_lowercase().find("shlink:/") {
        Some(at) => trimmed[at..].to_owned(),
        None => trimmed.to_owned(),
    }
}

fn page_list(pages: &[usize]) -> String {
    let numbers: Vec<String> = pages.iter().map(usize::to_string).collect();
    if numbers.len() == 1 { format!("page {}", numbers[0]) } else { format!("pages {}", numbers.join(", ")) }
}

/// The addresses of a page's link annotations.
fn link_addresses(doc: &Document, page: lopdf::ObjectId) -> Vec<String> {
    let Ok(annotations) = doc.get_page_annotations(page) else { return Vec::new() };
    annotations
        .iter()
        .filter_map(|annotation| {
            let action = page::resolve(doc, annotation.get(b"A").ok()?);
            match action.as_dict().ok()?.get(b"URI").ok().map(|uri| page::resolve(doc, uri)) {
                Some(Object::String(bytes, _)) => Some(String::from_utf8_lossy(&bytes).into_owned()),
                _ => None,
            }
        })
        .collect()
}
