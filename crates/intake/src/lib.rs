//! Intake: the first steps of the pipeline (bytes → text → detected format → reader).
//! It decides how the bytes a user pasted or opened are decoded, recognises what they are,
//! and hands them to the reader for that format, for the browser app and the CLI alike.
//!
//! Architecture invariant: this crate does no I/O and never fails. Any byte sequence
//! decodes to some text, and how it was decoded is reported so a person can judge it;
//! anything unrecognised yields a diagnostic that says what was expected.

mod detect;
mod warm;

use std::fmt;

pub use detect::{InputKind, detect, detect_bytes};
use recdesk_record::{Diagnostic, Format, ReadOutcome};
pub use warm::warm_up_inputs;

/// Everything intake learned from one input. Serde, for the browser app, which reads in a module
/// of its own and hands this back as `recdesk_record::transfer` bytes.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Intake {
    pub encoding: TextEncoding,
    pub kind: InputKind,
    pub outcome: ReadOutcome,
    /// For a picture or a PDF: the text of the QR codes (and, in a PDF, of the `shc:/` text)
    /// found in it, one per line.
    pub text_from_image: Option<String>,
    /// For a PDF: where each card or link was found ("page 7: QR code (picture)").
    #[serde(default)]
    pub found_in: Vec<String>,
}

/// What a PDF reader found, as handed to the record readers: the payloads (`shc:/…`,
/// `shlink:/…`), notes for staff, and where each payload was found. The browser's PDF module
/// sends this as JSON.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FoundInPdf {
    pub payloads: Vec<String>,
    pub notes: Vec<String>,
    pub places: Vec<String>,
}

pub use recdesk_shc::TrustStore;

/// What reading needs from its host, like typst's `World`: the clock (to judge a card's
/// validity period) and the issuers trusted to sign cards. The browser and the CLI each
/// supply their own; tests supply fixed ones.
#[derive(Clone, Copy, Debug)]
pub struct ReadContext<'a> {
    pub now_unix_seconds: i64,
    pub trust: &'a TrustStore,
}

/// Reads an input: decodes it, detects its format and runs the matching reader.
pub fn read(bytes: &[u8], context: &ReadContext<'_>) -> Intake {
    match detect::detect_bytes(bytes) {
        #[cfg(feature = "qr")]
        Some(InputKind::Image) => read_image(bytes, context),
        #[cfg(feature = "pdf")]
        Some(InputKind::Pdf) => read_pdf(bytes, context),
        Some(kind) => Intake {
            encoding: TextEncoding::Utf8,
            kind,
            outcome: unread(kind),
            text_from_image: None,
            found_in: Vec::new(),
        },
        None => {
            let decoded = decode_text(bytes);
            let kind = detect(&decoded.text);
            let outcome = read_text(&decoded, kind, context);
            Intake { encoding: decoded.encoding, kind, outcome, text_from_image: None, found_in: Vec::new() }
        }
    }
}

/// Reads the text of the QR codes found in a picture (one per line), as if it had been pasted.
/// For hosts that decode pictures themselves (the browser app, which loads QR reading only
/// when a picture is opened).
pub fn read_qr_texts(texts: &[String], context: &ReadContext<'_>) -> Intake {
    read_found_texts(texts, InputKind::Image, Vec::new(), context)
}

/// The same for what was found in a PDF (see `recdesk_pdf_reader`), with its notes said as
/// warnings. For hosts that read PDFs themselves (the browser app loads that separately).
pub fn read_pdf_texts(found: &FoundInPdf, context: &ReadContext<'_>) -> Intake {
    let notes = found.notes.iter().map(|note| Diagnostic::warning(None, format!("In the PDF: {note}"))).collect();
    let mut intake = read_found_texts(&found.payloads, InputKind::Pdf, notes, context);
    intake.found_in.clone_from(&found.places);
    intake
}

fn read_found_texts(texts: &[String], source: InputKind, notes: Vec<Diagnostic>, context: &ReadContext<'_>) -> Intake {
    let text = texts.join("\n");
    let decoded = DecodedText { text, encoding: TextEncoding::Utf8 };
    let kind = detect(&decoded.text);
    let mut outcome = read_text(&decoded, kind, context);
    outcome.diagnostics.splice(0..0, notes);
    Intake {
        encoding: TextEncoding::Utf8,
        kind: source,
        outcome,
        text_from_image: Some(decoded.text),
        found_in: Vec::new(),
    }
}

/// What `recdesk_pdf_reader` found, in the form hosts hand over.
#[cfg(feature = "pdf")]
pub fn found_in_pdf(reading: &recdesk_pdf_reader::PdfReading) -> FoundInPdf {
    FoundInPdf {
        payloads: reading.payloads(),
        notes: reading.notes.clone(),
        places: reading.found.iter().map(|found| format!("page {}: {}", found.page, found.place)).collect(),
    }
}

/// Reads the cards and links a PDF carries; a PDF without one, or one that cannot be opened,
/// gets an error that says so (its printed words are never read as a record).
#[cfg(feature = "pdf")]
fn read_pdf(bytes: &[u8], context: &ReadContext<'_>) -> Intake {
    let problem = match recdesk_pdf_reader::read(bytes, &recdesk_pdf_reader::Limits::default()) {
        Ok(reading) if !reading.found.is_empty() => return read_pdf_texts(&found_in_pdf(&reading), context),
        Ok(reading) => reading.no_card_message(),
        Err(problem) => problem.to_string(),
    };
    refused(InputKind::Pdf, problem)
}

#[cfg(feature = "qr")]
fn read_image(bytes: &[u8], context: &ReadContext<'_>) -> Intake {
    match recdesk_qr::decode_image(bytes) {
        Ok(texts) => read_qr_texts(&texts, context),
        Err(problem) => refused(InputKind::Image, problem.to_string()),
    }
}

/// An input of `kind` that gave nothing, with the reason.
#[cfg(any(feature = "qr", feature = "pdf"))]
fn refused(kind: InputKind, reason: String) -> Intake {
    Intake {
        encoding: TextEncoding::Utf8,
        kind,
        outcome: ReadOutcome { diagnostics: vec![Diagnostic::error(None, reason)], ..ReadOutcome::default() },
        text_from_image: None,
        found_in: Vec::new(),
    }
}

fn read_text(decoded: &DecodedText, kind: InputKind, context: &ReadContext<'_>) -> ReadOutcome {
    match kind {
        InputKind::Hl7v2 => {
            let mut outcome = recdesk_hl7::read(&decoded.text);
            check_declared_character_sets(&mut outcome, decoded);
            outcome
        }
        InputKind::FhirJson => recdesk_fhir::read(&decoded.text),
        InputKind::SmartHealthCard => read_health_cards(&decoded.text, context),
        _ => unread(kind),
    }
}

/// Every card in the text is decoded, verified, and its FHIR bundle read. A card that cannot be
/// decoded still gets a verification entry (malformed) so the screen can say so beside the others.
fn read_health_cards(text: &str, context: &ReadContext<'_>) -> ReadOutcome {
    let mut outcome = ReadOutcome { format: Format::SmartHealthCard, ..ReadOutcome::default() };
    for (index, card) in recdesk_shc::decode_cards(text).into_iter().enumerate() {
        match card {
            Ok(card) => {
                outcome.verifications.push(recdesk_shc::verify(&card, context.trust, context.now_unix_seconds));
                outcome.diagnostics.extend(card.warnings.iter().cloned());
                let bundle = recdesk_fhir::read_value(&card.fhir_bundle, card.document);
                outcome.records.extend(bundle.records);
                outcome.messages.extend(bundle.messages);
                outcome.diagnostics.extend(bundle.diagnostics);
            }
            Err(error) => {
                let document = u32::try_from(index + 1).unwrap_or(u32::MAX);
                outcome.verifications.push(error.verification(document));
                outcome.diagnostics.push(Diagnostic::error(None, format!("Card {document}: {error}")));
            }
        }
    }
    outcome
}

/// Compares each message's MSH-18 with how the bytes actually decoded. The bytes win (a
/// wrong declaration is common); a mismatch is reported so staff can check names by eye.
fn check_declared_character_sets(outcome: &mut ReadOutcome, decoded: &DecodedText) {
    let non_ascii = !decoded.text.is_ascii();
    for message in &outcome.messages {
        let declared = message.character_set.to_ascii_uppercase().replace([' ', '-', '_'], "");
        let says_latin1 = declared.starts_with("8859");
        let says_utf8 = declared.contains("UTF8");
        let problem = match decoded.encoding {
            TextEncoding::Latin1 if says_utf8 => {
                Some("declares UTF-8 (MSH-18), but the text is not valid UTF-8; it was read as Latin-1")
            }
            TextEncoding::Utf8 | TextEncoding::Utf8WithByteOrderMark if says_latin1 && non_ascii => {
                Some("declares Latin-1 (MSH-18), but the text is valid UTF-8; it was read as UTF-8")
            }
            _ => None,
        };
        if let Some(problem) = problem {
            outcome.diagnostics.push(Diagnostic::warning(
                None,
                format!("Message {} {problem}. Check accented names against the source.", message.number),
            ));
        }
    }
}

/// The outcome for an input no reader handles (yet): empty, with an error saying why.
fn unread(kind: InputKind) -> ReadOutcome {
    ReadOutcome {
        format: Format::Unknown,
        diagnostics: vec![Diagnostic::error(None, kind.unread_reason())],
        ..ReadOutcome::default()
    }
}

/// The largest input the desk accepts. A registry export of a few thousand doses is
/// well under 1 MB; anything near this limit is almost certainly the wrong file.
pub const MAX_INPUT_BYTES: usize = 20 * 1024 * 1024;

/// How input bytes were turned into text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum TextEncoding {
    /// Valid UTF-8 (plain ASCII included).
    Utf8,
    /// Valid UTF-8 that started with a byte-order mark, which was removed.
    Utf8WithByteOrderMark,
    /// Not valid UTF-8: read as ISO-8859-1 (Latin-1), one character per byte, which
    /// is what HL7 v2 senders declaring `8859/1` in MSH-18 send. Nothing is rejected.
    Latin1,
}

impl fmt::Display for TextEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TextEncoding::Utf8 | TextEncoding::Utf8WithByteOrderMark => "UTF-8",
            TextEncoding::Latin1 => "Latin-1 (ISO-8859-1)",
        })
    }
}

/// Text decoded from input bytes, with the encoding that was used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodedText {
    pub text: String,
    pub encoding: TextEncoding,
}

/// Decodes input bytes as UTF-8 when they are valid UTF-8, and as Latin-1 otherwise.
pub fn decode_text(bytes: &[u8]) -> DecodedText {
    const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";
    let (bytes, had_mark) = match bytes.strip_prefix(BYTE_ORDER_MARK) {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    match std::str::from_utf8(bytes) {
        Ok(text) => DecodedText {
            text: text.to_owned(),
            encoding: if had_mark { TextEncoding::Utf8WithByteOrderMark } else { TextEncoding::Utf8 },
        },
        // Latin-1 maps each byte to the code point of the same value.
        Err(_) => DecodedText { text: bytes.iter().map(|&b| char::from(b)).collect(), encoding: TextEncoding::Latin1 },
    }
}

/// What arrived, in terms a person can check against what they expected to paste.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextSummary {
    /// Unicode characters (not bytes): "Müller" is six.
    pub characters: usize,
    /// Non-empty lines, where CR, LF and CRLF all end a line (HL7 v2 uses CR alone).
    pub lines: usize,
}

/// Counts characters and non-empty lines.
pub fn summarize(text: &str) -> TextSummary {
    TextSummary {
        characters: text.chars().count(),
        lines: text.split(['\r', '\n']).filter(|line| !line.trim().is_empty()).count(),
    }
}

impl fmt::Display for TextSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: usize, one: &'static str, many: &'static str| if n == 1 { one } else { many };
        write!(
            f,
            "{} {} in {} {}",
            group_thousands(self.characters),
            plural(self.characters, "character", "characters"),
            group_thousands(self.lines),
            plural(self.lines, "line", "lines"),
        )
    }
}

/// Why an input was not accepted. The message is written for the person at the desk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IntakeRefusal {
    TooLarge { bytes: usize },
}

impl fmt::Display for IntakeRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IntakeRefusal::TooLarge { bytes } => write!(
                f,
                "This file is {} MB, larger than the {} MB an immunization record can be. \
                 Check that you chose the right file.",
                bytes.div_ceil(1024 * 1024),
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
        }
    }
}

/// Checks an input's size before any of it is read into memory.
pub fn check_size(bytes: usize) -> Result<(), IntakeRefusal> {
    if bytes > MAX_INPUT_BYTES { Err(IntakeRefusal::TooLarge { bytes }) } else { Ok(()) }
}

/// 1234567 → "1,234,567" (English grouping; the app is English first).
pub fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_kept_as_is() {
        let decoded = decode_text("PID|||123||Nguyễn^Thị Ánh".as_bytes());
        assert_eq!(decoded.encoding, TextEncoding::Utf8);
        assert_eq!(decoded.text, "PID|||123||Nguyễn^Thị Ánh");
    }

    #[test]
    fn byte_order_mark_is_removed_and_reported() {
        let decoded = decode_text(b"\xEF\xBB\xBFMSH|^~\\&");
        assert_eq!(decoded.encoding, TextEncoding::Utf8WithByteOrderMark);
        assert_eq!(decoded.text, "MSH|^~\\&");
    }

    #[test]
    fn invalid_utf8_falls_back_to_latin1_without_loss() {
        // "Müller" and "José" as ISO-8859-1 bytes.
        let decoded = decode_text(b"M\xFCller^Jos\xE9");
        assert_eq!(decoded.encoding, TextEncoding::Latin1);
        assert_eq!(decoded.text, "Müller^José");
    }

    #[test]
    fn every_byte_value_decodes() {
        let all: Vec<u8> = (0..=255).collect();
        let decoded = decode_text(&all);
        assert_eq!(decoded.encoding, TextEncoding::Latin1);
        assert_eq!(decoded.text.chars().count(), 256);
    }

    #[test]
    fn lines_end_with_cr_lf_or_crlf_and_blank_lines_do_not_count() {
        assert_eq!(summarize("MSH\rPID\rRXA").lines, 3);
        assert_eq!(summarize("MSH\nPID\n\nRXA\n").lines, 3);
        assert_eq!(summarize("MSH\r\nPID\r\n  \r\nRXA").lines, 3);
        assert_eq!(summarize("").lines, 0);
    }

    #[test]
    fn characters_are_counted_not_bytes() {
        assert_eq!(summarize("Müller").characters, 6);
    }

    #[test]
    fn summary_reads_as_plain_english() {
        assert_eq!(summarize("a").to_string(), "1 character in 1 line");
        assert_eq!(summarize(&"x\n".repeat(1500)).to_string(), "3,000 characters in 1,500 lines");
    }

    #[test]
    fn oversized_input_is_refused_with_a_reason() {
        assert!(check_size(MAX_INPUT_BYTES).is_ok());
        let refusal = check_size(MAX_INPUT_BYTES + 1).unwrap_err();
        assert!(refusal.to_string().contains("right file"), "{refusal}");
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1000), "1,000");
        assert_eq!(group_thousands(1234567), "1,234,567");
    }
}

#[cfg(test)]
mod read_tests {
    use super::*;

    fn read(bytes: &[u8]) -> Intake {
        let trust = TrustStore::empty();
        super::read(bytes, &ReadContext { now_unix_seconds: 1_764_000_000, trust: &trust })
    }

    #[test]
    fn hl7_input_is_read_into_records() {
        let intake = read(b"MSH|^~\\&|A|B|||20240101||VXU^V04|1|P|2.5.1\rPID|1||1^^^A^MR||M\xFCller^Anna||20200101|F\rRXA|0|1|20210101|20210101|08^HepB^CVX|0.5|mL");
        assert_eq!(intake.encoding, TextEncoding::Latin1);
        assert_eq!(intake.kind, InputKind::Hl7v2);
        assert_eq!(intake.outcome.records.len(), 1);
        assert_eq!(intake.outcome.records[0].patient.names[0].value.family, "Müller");
    }

    #[test]
    fn a_character_set_that_disagrees_with_the_bytes_is_reported() {
        let utf8_declared =
            read(b"MSH|^~\\&|A|B|||20240101||VXU^V04|1|P|2.5.1||||||UNICODE UTF-8\rPID|1||1||M\xFCller");
        assert_eq!(utf8_declared.encoding, TextEncoding::Latin1);
        assert!(utf8_declared.outcome.diagnostics.iter().any(|d| d.message.contains("declares UTF-8")));
        let latin1_declared =
            read("MSH|^~\\&|A|B|||20240101||VXU^V04|1|P|2.5.1||||||8859/1\rPID|1||1||Müller".as_bytes());
        assert!(latin1_declared.outcome.diagnostics.iter().any(|d| d.message.contains("declares Latin-1")));
        let agreeing = read(b"MSH|^~\\&|A|B|||20240101||VXU^V04|1|P|2.5.1||||||8859/1\rPID|1||1||M\xFCller");
        assert!(agreeing.outcome.diagnostics.is_empty(), "{:?}", agreeing.outcome.diagnostics);
    }

    #[test]
    fn a_pdf_that_cannot_be_opened_says_why() {
        let intake = read(b"%PDF-1.7 binary");
        assert_eq!(intake.kind, InputKind::Pdf);
        assert!(intake.outcome.is_empty());
        assert!(
            intake.outcome.diagnostics[0].message.contains("PDF could not be opened"),
            "{:?}",
            intake.outcome.diagnostics
        );
    }
}
