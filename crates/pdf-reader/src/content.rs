//! A page's content stream → operators with their operands.
//!
//! Written here rather than taken from lopdf, whose content parser panics on some inline images
//! (an inline image without a colour space) and allocates every operand as a full PDF object.
//! Only what finding codes needs is kept: numbers, names, strings, arrays, and inline images.
//! Anything it does not understand is skipped; it never fails and never panics.

/// One operand. Dictionaries (marked-content properties) are skipped as [`Operand::Other`].
#[derive(Clone, Debug, PartialEq)]
pub enum Operand {
    Number(f32),
    Name(Vec<u8>),
    String(Vec<u8>),
    Array(Vec<Operand>),
    Other,
}

impl Operand {
    pub fn number(&self) -> Option<f32> {
        match self {
            Operand::Number(value) => Some(*value),
            _ => None,
        }
    }
}

/// An inline image (`BI … ID data EI`): its dictionary entries and its raw data.
#[derive(Debug, PartialEq)]
pub struct InlineImage {
    pub entries: Vec<(Vec<u8>, Operand)>,
    pub data: Vec<u8>,
}

/// What the tokenizer hands the interpreter.
#[derive(Debug, PartialEq)]
pub enum Event {
    Operator(Vec<u8>, Vec<Operand>),
    InlineImage(InlineImage),
}

/// Operands kept before an operator (a CMap's bfchar block has up to 200); more is malformed
/// content, and the surplus is dropped.
const MAX_OPERANDS: usize = 1024;
/// Arrays nested deeper than this are skipped.
const MAX_NESTING: usize = 16;
/// Elements kept in one array (a TJ array of a long line has a few hundred).
const MAX_ARRAY: usize = 100_000;

/// Reads a content stream one operator at a time.
#[derive(Debug)]
pub struct Tokenizer<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Tokenizer<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, at: 0 }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while let Some(byte) = self.peek() {
            if is_space(byte) {
                self.at += 1;
            } else if byte == b'%' {
                while let Some(byte) = self.peek() {
                    if byte == b'\r' || byte == b'\n' {
                        break;
                    }
                    self.at += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The next operand or operator word; `None` at the end.
    fn token(&mut self, depth: usize) -> Option<Token> {
        self.skip_space();
        let byte = self.peek()?;
        Some(match byte {
            b'(' => Token::Operand(Operand::String(self.literal_string())),
            b'<' if self.bytes.get(self.at + 1) == Some(&b'<') => {
                self.skip_dictionary();
                Token::Operand(Operand::Other)
            }
            b'<' => Token::Operand(Operand::String(self.hex_string())),
            b'[' => {
                self.at += 1;
                Token::Operand(self.array(depth + 1))
            }
            b']' | b'>' | b')' | b'{' | b'}' => {
                self.at += 1;
                Token::Operand(Operand::Other)
            }
            b'/' => {
                self.at += 1;
                Token::Operand(Operand::Name(self.word()))
            }
            b'0'..=b'9' | b'+' | b'-' | b'.' => {
                let word = self.word();
                Token::Operand(parse_number(&word).map_or(Operand::Other, Operand::Number))
            }
            _ => Token::Word(self.word()),
        })
    }

    fn word(&mut self) -> Vec<u8> {
        let start = self.at;
        while let Some(byte) = self.peek() {
            if is_space(byte) || is_delimiter(byte) {
                break;
            }
            self.at += 1;
        }
        if self.at == start {
            // A lone delimiter: step over it so the tokenizer always advances.
            self.at += 1;
        }
        self.bytes[start..self.at.min(self.bytes.len())].to_vec()
    }

    fn array(&mut self, depth: usize) -> Operand {
        let mut items = Vec::new();
        loop {
            self.skip_space();
            match self.peek() {
                None => break,
                Some(b']') => {
                    self.at += 1;
                    break;
                }
                Some(_) if depth > MAX_NESTING => {
                    self.at += 1;
                }
                Some(_) => match self.token(depth) {
                    Some(Token::Operand(operand)) if items.len() < MAX_ARRAY => items.push(operand),
                    Some(_) => {}
                    None => break,
                },
            }
        }
        if depth > MAX_NESTING { Operand::Other } else { Operand::Array(items) }
    }

    fn literal_string(&mut self) -> Vec<u8> {
        self.at += 1; // (
        let mut out = Vec::new();
        let mut open = 1usize;
        while let Some(byte) = self.peek() {
            self.at += 1;
            match byte {
                b'(' => {
                    open += 1;
                    out.push(byte);
                }
                b')' => {
                    open -= 1;
                    if open == 0 {
                        break;
                    }
                    out.push(byte);
                }
                b'\\' => self.escape(&mut out),
                _ => out.push(byte),
            }
        }
        out
    }

    fn escape(&mut self, out: &mut Vec<u8>) {
        let Some(byte) = self.peek() else { return };
        self.at += 1;
        match byte {
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'0'..=b'7' => {
                let mut value = u32::from(byte - b'0');
                for _ in 0..2 {
                    match self.peek() {
                        Some(digit @ b'0'..=b'7') => {
                            value = value * 8 + u32::from(digit - b'0');
                            self.at += 1;
                        }
                        _ => break,
                    }
                }
                out.push((value & 0xFF) as u8);
            }
            // A backslash before an end of line continues the string on the next line.
            b'\r' => {
                if self.peek() == Some(b'\n') {
                    self.at += 1;
                }
            }
            b'\n' => {}
            other => out.push(other),
        }
    }

    fn hex_string(&mut self) -> Vec<u8> {
        self.at += 1; // <
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(byte) = self.peek() {
            self.at += 1;
            if byte == b'>' {
                break;
            }
            let Some(value) = hex_value(byte) else { continue };
            match high.take() {
                Some(high) => out.push(high << 4 | value),
                None => high = Some(value),
            }
        }
        if let Some(high) = high {
            out.push(high << 4);
        }
        out
    }

    fn skip_dictionary(&mut self) {
        let mut depth = 0usize;
        while self.at < self.bytes.len() {
            if self.bytes[self.at..].starts_with(b"<<") {
                depth += 1;
                self.at += 2;
            } else if self.bytes[self.at..].starts_with(b">>") {
                depth = depth.saturating_sub(1);
                self.at += 2;
                if depth == 0 {
                    return;
                }
            } else if self.bytes[self.at] == b'(' {
                self.literal_string();
            } else {
                self.at += 1;
            }
        }
    }

    /// After `BI`: the dictionary up to `ID`, then the data up to `EI`.
    fn inline_image(&mut self) -> InlineImage {
        let mut entries = Vec::new();
        loop {
            match self.token(0) {
                None => return InlineImage { entries, data: Vec::new() },
                Some(Token::Word(word)) if word == b"ID" => break,
                Some(Token::Operand(Operand::Name(key))) => {
                    if let Some(Token::Operand(value)) = self.token(0) {
                        entries.push((key, value));
                    }
                }
                Some(_) => {}
            }
        }
        // One white-space byte separates ID from the data.
        self.at += 1;
        let start = self.at.min(self.bytes.len());
        let end = find_end_of_inline_image(&self.bytes[start..]).map_or(self.bytes.len(), |end| start + end);
        self.at = (end + 2).min(self.bytes.len()).max(start);
        let mut data = self.bytes[start..end].to_vec();
        // The white space before EI is not data (unfiltered images are cut to size later anyway).
        if data.last().is_some_and(|&byte| is_space(byte)) {
            data.pop();
        }
        InlineImage { entries, data }
    }
}

impl Iterator for Tokenizer<'_> {
    type Item = Event;

    fn next(&mut self) -> Option<Event> {
        let mut operands = Vec::new();
        loop {
            match self.token(0)? {
                Token::Operand(operand) => {
                    if operands.len() < MAX_OPERANDS {
                        operands.push(operand);
                    }
                }
                Token::Word(word) if word == b"BI" => return Some(Event::InlineImage(self.inline_image())),
                Token::Word(word) => return Some(Event::Operator(word, operands)),
            }
        }
    }
}

enum Token {
    Operand(Operand),
    Word(Vec<u8>),
}

/// `EI` preceded by white space and followed by white space or the end: the usual reading, as the
/// data's length is not stated for filtered inline images.
fn find_end_of_inline_image(data: &[u8]) -> Option<usize> {
    (0..data.len().saturating_sub(1)).find(|&i| {
        data[i] == b'E'
            && data[i + 1] == b'I'
            && (i == 0 || is_space(data[i - 1]))
            && data.get(i + 2).is_none_or(|&byte| is_space(byte) || is_delimiter(byte))
    })
}

fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\r' | b'\n' | 0 | 12)
}

fn is_delimiter(byte: u8) -> bool {
    matches!(byte, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

fn hex_value(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

fn parse_number(word: &[u8]) -> Option<f32> {
    let text = std::str::from_utf8(word).ok()?;
    // PDF numbers are plain decimals; "--5" and "5." appear in the wild.
    let text = text.trim_start_matches('+');
    let text = if text.starts_with("--") { &text[1..] } else { text };
    text.parse::<f32>().ok().filter(|value| value.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(content: &[u8]) -> Vec<Event> {
        Tokenizer::new(content).collect()
    }

    #[test]
    fn operators_get_their_operands() {
        let read = events(b"q 10 0 0 10 5.5 -6 cm /Im1 Do Q");
        assert_eq!(read.len(), 4);
        assert_eq!(
            read[1],
            Event::Operator(
                b"cm".to_vec(),
                [10.0, 0.0, 0.0, 10.0, 5.5, -6.0].into_iter().map(Operand::Number).collect()
            )
        );
        assert_eq!(read[2], Event::Operator(b"Do".to_vec(), vec![Operand::Name(b"Im1".to_vec())]));
    }

    #[test]
    fn strings_decode_their_escapes_and_hex() {
        let read = events(b"(shc:/\\060\\(1\\)) Tj <7368633a2f3> Tj [(a) -120 (b)] TJ");
        assert_eq!(read[0], Event::Operator(b"Tj".to_vec(), vec![Operand::String(b"shc:/0(1)".to_vec())]));
        assert_eq!(read[1], Event::Operator(b"Tj".to_vec(), vec![Operand::String(b"shc:/0".to_vec())]));
        let Event::Operator(_, operands) = &read[2] else { panic!("TJ") };
        assert_eq!(
            operands[0],
            Operand::Array(vec![
                Operand::String(b"a".to_vec()),
                Operand::Number(-120.0),
                Operand::String(b"b".to_vec())
            ])
        );
    }

    #[test]
    fn an_inline_image_keeps_its_data_and_the_stream_goes_on() {
        let read = events(b"BI /W 2 /H 1 /CS /G /BPC 8 ID \x00\xFF EI Q");
        let Event::InlineImage(image) = &read[0] else { panic!("image") };
        assert_eq!(image.data, vec![0x00, 0xFF]);
        assert_eq!(image.entries[0], (b"W".to_vec(), Operand::Number(2.0)));
        assert_eq!(read[1], Event::Operator(b"Q".to_vec(), vec![]));
    }

    #[test]
    fn marked_content_dictionaries_and_comments_are_skipped() {
        let read = events(b"/Span <</MCID 0 /Alt (x>>y)>> BDC % note\nEMC");
        assert_eq!(read[0], Event::Operator(b"BDC".to_vec(), vec![Operand::Name(b"Span".to_vec()), Operand::Other]));
        assert_eq!(read[1], Event::Operator(b"EMC".to_vec(), vec![]));
    }

    #[test]
    fn garbage_ends_without_panicking() {
        for content in [&b"((((("[..], b"<<<<", b"[[[[[[", b"BI /W", b"BI ID", b"\\", b")>]}", b"-.", b"(\\"] {
            let _ = events(content);
        }
        let deep = "[".repeat(10_000);
        let _ = events(deep.as_bytes());
    }
}
