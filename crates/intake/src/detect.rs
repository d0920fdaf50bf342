//! Recognises what an input is from its first bytes or characters, so the desk can say
//! "this is a PDF, not a record" instead of failing in a parser.

/// What an input looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum InputKind {
    Empty,
    Hl7v2,
    FhirJson,
    /// `shc:/…` text, a `.smart-health-card` file or a bare compact JWS.
    SmartHealthCard,
    /// `shlink:/…`, alone or at the end of a viewer URL.
    SmartHealthLink,
    /// A PNG or JPEG, e.g. a photo of a QR code.
    Image,
    Pdf,
    /// Another binary file: a word-processor document, an archive, a GIF/WebP/HEIC picture, or
    /// anything with NUL bytes. Never decoded as text, so it cannot fill the paste area with noise.
    OtherBinary,
    /// JSON that is neither FHIR nor a SMART Health Card.
    OtherJson,
    Unrecognised,
}

impl InputKind {
    pub fn label(self) -> &'static str {
        match self {
            InputKind::Empty => "empty",
            InputKind::Hl7v2 => "HL7 v2",
            InputKind::FhirJson => "FHIR JSON",
            InputKind::SmartHealthCard => "SMART Health Card",
            InputKind::SmartHealthLink => "SMART Health Link",
            InputKind::Image => "image",
            InputKind::Pdf => "PDF",
            InputKind::OtherBinary => "binary file",
            InputKind::OtherJson => "JSON",
            InputKind::Unrecognised => "unrecognised",
        }
    }

    /// Why no record was read from an input of this kind, for the person at the desk.
    pub fn unread_reason(self) -> &'static str {
        match self {
            InputKind::Empty => "There is nothing to read: the input is empty.",
            InputKind::Hl7v2 => "The HL7 v2 message could not be read.",
            InputKind::FhirJson => "The FHIR JSON could not be read.",
            InputKind::SmartHealthCard => "No SMART Health Card could be read.",
            InputKind::SmartHealthLink => {
                "This is a SMART Health Link. Open it with the link field (it needs the network to fetch the record)."
            }
            InputKind::Image => "This is a picture, and reading QR codes from pictures is not available here.",
            InputKind::Pdf => {
                "This is a PDF, and reading the cards in PDFs is not available here. Open the original HL7 or FHIR \
                 file, or scan the SMART Health Card's QR code."
            }
            InputKind::OtherBinary => {
                "This is not a text file (it looks like a document, an archive or a picture in another \
                 format). Open the original HL7 or FHIR file, or a PNG or JPEG picture of the QR code."
            }
            InputKind::OtherJson => {
                "This is JSON, but not FHIR (no resourceType) and not a SMART Health Card (no verifiableCredential)."
            }
            InputKind::Unrecognised => {
                "This does not look like an immunization record Record Desk can read. Expected an HL7 v2 message \
                 (starting with MSH|), FHIR JSON, or a SMART Health Card (shc:/…)."
            }
        }
    }
}

/// Kinds recognisable from bytes alone (binary formats), before any decoding.
pub fn detect_bytes(bytes: &[u8]) -> Option<InputKind> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") || bytes.starts_with(b"\xFF\xD8\xFF") {
        Some(InputKind::Image)
    } else if bytes.starts_with(b"%PDF-") {
        Some(InputKind::Pdf)
    } else if looks_binary(bytes) {
        Some(InputKind::OtherBinary)
    } else {
        None
    }
}

/// Signatures of common files people open by mistake, and NUL bytes (which no HL7, FHIR or card
/// text holds; MLLP's 0x0B and 0x1C framing bytes are not NUL and stay text).
fn looks_binary(bytes: &[u8]) -> bool {
    const SIGNATURES: &[&[u8]] = &[
        b"PK\x03\x04",       // zip, docx, xlsx, odt
        b"\xD0\xCF\x11\xE0", // Word 97, Excel 97
        b"GIF87a",
        b"GIF89a",
        b"\x1F\x8B", // gzip
        b"7z\xBC\xAF",
        b"{\\rtf",   // RTF is text, but not a record, and full of markup
        b"\xFF\xFE", // UTF-16 text, which no reader here decodes
        b"\xFE\xFF",
    ];
    let riff_webp = bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP";
    let iso_media = bytes.len() >= 12 && &bytes[4..8] == b"ftyp"; // HEIC photos, MP4, MOV
    SIGNATURES.iter().any(|signature| bytes.starts_with(signature))
        || riff_webp
        || iso_media
        || bytes.iter().take(8192).any(|byte| *byte == 0)
}

/// Recognises decoded text.
pub fn detect(text: &str) -> InputKind {
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.is_empty() {
        return InputKind::Empty;
    }
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        // Key names are enough; the reader checks the rest.
        return if trimmed.contains("\"verifiableCredential\"") {
            InputKind::SmartHealthCard
        } else if trimmed.contains("\"resourceType\"") {
            InputKind::FhirJson
        } else {
            InputKind::OtherJson
        };
    }
    let lower_start: String = trimmed.chars().take(8).collect::<String>().to_ascii_lowercase();
    if lower_start.starts_with("shc:/") {
        return InputKind::SmartHealthCard;
    }
    if lower_start.starts_with("shlink:/") || (trimmed.starts_with("http") && trimmed.contains("shlink:/")) {
        return InputKind::SmartHealthLink;
    }
    if is_compact_jws(trimmed) {
        return InputKind::SmartHealthCard;
    }
    if has_hl7_segment(trimmed) {
        return InputKind::Hl7v2;
    }
    InputKind::Unrecognised
}

fn is_compact_jws(text: &str) -> bool {
    let parts: Vec<&str> = text.split('.').collect();
    parts.len() == 3
        && parts[0].starts_with("ey")
        && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
}

/// An MSH, FHS or BHS header anywhere at the start of a line, or text that starts with a
/// segment such as `PID|` (segments pasted without their header).
fn has_hl7_segment(text: &str) -> bool {
    let is_header = |line: &str| {
        let line = line.trim_start();
        ["MSH", "FHS", "BHS"].iter().any(|h| line.starts_with(h))
            && line[3..].chars().next().is_some_and(|c| c.is_ascii_punctuation())
    };
    if text.split(['\r', '\n']).any(is_header) {
        return true;
    }
    let bytes = text.as_bytes();
    bytes.len() > 4
        && bytes[..3].iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && bytes[0].is_ascii_uppercase()
        && bytes[3] == b'|'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hl7_is_recognised_by_its_header_or_a_segment() {
        assert_eq!(detect("MSH|^~\\&|A"), InputKind::Hl7v2);
        assert_eq!(detect("\n\n  MSH|^~\\&|A"), InputKind::Hl7v2);
        assert_eq!(detect("FHS|^~\\&\rBHS|^~\\&\rMSH|^~\\&"), InputKind::Hl7v2);
        assert_eq!(detect("Dear clinic,\nMSH|^~\\&|A\rPID|1"), InputKind::Hl7v2);
        assert_eq!(detect("PID|1||123"), InputKind::Hl7v2);
    }

    #[test]
    fn json_kinds_are_told_apart() {
        assert_eq!(detect(r#"{"resourceType": "Bundle"}"#), InputKind::FhirJson);
        assert_eq!(detect(r#"{"verifiableCredential": ["ey..."]}"#), InputKind::SmartHealthCard);
        assert_eq!(detect(r#"{"name": "x"}"#), InputKind::OtherJson);
    }

    #[test]
    fn smart_health_cards_and_links_are_recognised() {
        assert_eq!(detect("shc:/5676290952432060346029243740"), InputKind::SmartHealthCard);
        assert_eq!(detect("SHC:/5676"), InputKind::SmartHealthCard);
        assert_eq!(detect("eyJ6aXAiOiJERUYifQ.abc-_1.sig_-2"), InputKind::SmartHealthCard);
        assert_eq!(detect("shlink:/eyJ1cmwiOi"), InputKind::SmartHealthLink);
        assert_eq!(detect("https://viewer.example/#shlink:/eyJ1cmwiOi"), InputKind::SmartHealthLink);
    }

    #[test]
    fn binary_files_are_recognised_before_decoding() {
        assert_eq!(detect_bytes(b"\x89PNG\r\n\x1a\n...."), Some(InputKind::Image));
        assert_eq!(detect_bytes(b"\xFF\xD8\xFF\xE0"), Some(InputKind::Image));
        assert_eq!(detect_bytes(b"%PDF-1.7"), Some(InputKind::Pdf));
        assert_eq!(detect_bytes(b"MSH|"), None);
    }

    #[test]
    fn other_binary_files_are_not_read_as_text() {
        let binary = |bytes: &[u8]| detect_bytes(bytes) == Some(InputKind::OtherBinary);
        assert!(binary(b"PK\x03\x04\x14\x00\x06\x00word/document.xml"));
        assert!(binary(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"));
        assert!(binary(b"GIF89a\x01\x00"));
        assert!(binary(b"RIFF\x24\x00\x00\x00WEBPVP8 "));
        assert!(binary(b"\x00\x00\x00\x18ftypheic\x00\x00"));
        assert!(binary(b"\xFF\xFEM\x00S\x00H\x00"));
        assert!(binary(b"MSH|^~\\&|A\x00\x00\x00"));
        // MLLP framing (0x0B before, 0x1C 0x0D after) is an HL7 message, not a binary file.
        assert_eq!(detect_bytes(b"\x0bMSH|^~\\&|A|B\r\x1c\r"), None);
        // Latin-1 names are text.
        assert_eq!(detect_bytes(b"PID|1||X||M\xfcller^J\xfcrgen"), None);
    }

    #[test]
    fn anything_else_is_unrecognised_or_empty() {
        assert_eq!(detect("  \n "), InputKind::Empty);
        assert_eq!(detect("hello world"), InputKind::Unrecognised);
        assert_eq!(detect("MSHx"), InputKind::Unrecognised);
    }
}
