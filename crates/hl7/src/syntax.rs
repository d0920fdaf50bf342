//! HL7 v2 syntax: splitting input text into messages and segments, finding fields,
//! repetitions and components by position, and undoing escape sequences.
//!
//! Nothing here allocates per field unless an escape sequence has to be undone, and every
//! piece keeps its byte offset into the input so values can carry their provenance.

use std::borrow::Cow;

/// The delimiters a message declares in MSH-1 and MSH-2.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Delimiters {
    pub field: char,
    pub component: char,
    pub repetition: char,
    pub escape: Option<char>,
    pub subcomponent: char,
}

impl Default for Delimiters {
    fn default() -> Self {
        Self { field: '|', component: '^', repetition: '~', escape: Some('\\'), subcomponent: '&' }
    }
}

impl Delimiters {
    /// Reads the delimiters from a header segment (`MSH|^~\&...`, also FHS and BHS). Missing
    /// encoding characters fall back to the standard ones.
    pub fn from_header(segment: &str) -> Option<Self> {
        let mut chars = segment.chars().skip(3);
        let field = chars.next().filter(|c| is_delimiter(*c))?;
        let mut encoding = chars.take_while(|c| *c != field);
        let standard = Self::default();
        let component = encoding.next().filter(|c| is_delimiter(*c)).unwrap_or(standard.component);
        let repetition = encoding.next().filter(|c| is_delimiter(*c)).unwrap_or(standard.repetition);
        let escape = encoding.next().filter(|c| is_delimiter(*c));
        let subcomponent = encoding.next().filter(|c| is_delimiter(*c)).unwrap_or(standard.subcomponent);
        Some(Self { field, component, repetition, escape, subcomponent })
    }
}

fn is_delimiter(c: char) -> bool {
    c.is_ascii_punctuation()
}

/// A piece of the input: a segment, field, repetition, component or subcomponent, with
/// its byte offset into the whole input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece<'a> {
    pub text: &'a str,
    pub start: usize,
}

impl<'a> Piece<'a> {
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }

    /// The `n`th (1-based) part when split by `separator`; an empty piece (at the end of
    /// this one) when there are fewer parts.
    pub fn nth(&self, separator: char, n: usize) -> Piece<'a> {
        self.parts(separator).nth(n.wrapping_sub(1)).unwrap_or(Piece { text: "", start: self.end() })
    }

    /// The first `N` parts when split by `separator` (empty pieces at the end when there are
    /// fewer): one pass for a reader that wants several components of one field.
    pub fn first_parts<const N: usize>(self, separator: char) -> [Piece<'a>; N] {
        let mut parts = [Piece { text: "", start: self.end() }; N];
        for (slot, part) in parts.iter_mut().zip(self.parts(separator)) {
            *slot = part;
        }
        parts
    }

    /// The parts when split by `separator`, each with its offset.
    pub fn parts(self, separator: char) -> Parts<'a> {
        Parts { piece: self, separator, done: false }
    }

    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// The parts of a piece split by a separator (see [`Piece::parts`]). Delimiters are ASCII
/// punctuation (see [`Delimiters::from_header`]), so the search is a byte search: splitting a
/// UTF-8 text at an ASCII byte always falls on a character boundary. This is the reader's
/// innermost loop.
#[derive(Clone, Debug)]
pub struct Parts<'a> {
    piece: Piece<'a>,
    separator: char,
    done: bool,
}

impl<'a> Iterator for Parts<'a> {
    type Item = Piece<'a>;

    fn next(&mut self) -> Option<Piece<'a>> {
        if self.done {
            return None;
        }
        let Piece { text, start } = self.piece;
        let found = if self.separator.is_ascii() {
            let separator = self.separator as u8;
            memchr::memchr(separator, text.as_bytes()).map(|at| (at, 1))
        } else {
            text.find(self.separator).map(|at| (at, self.separator.len_utf8()))
        };
        match found {
            Some((at, width)) => {
                self.piece = Piece { text: &text[at + width..], start: start + at + width };
                Some(Piece { text: &text[..at], start })
            }
            None => {
                self.done = true;
                Some(self.piece)
            }
        }
    }
}

/// One segment of a message.
#[derive(Clone, Copy, Debug)]
pub struct Segment<'a> {
    pub piece: Piece<'a>,
    /// Position within its message, 1-based (MSH is 1).
    pub index: u32,
}

impl<'a> Segment<'a> {
    pub fn id(&self) -> &'a str {
        self.piece.text.get(..3).unwrap_or(self.piece.text)
    }

    /// Field `n` as HL7 numbers it. For MSH (and FHS/BHS), field 1 is the field separator
    /// itself and field 2 the encoding characters, so MSH-n is the (n-1)th split part.
    pub fn field(&self, d: &Delimiters, n: usize) -> Piece<'a> {
        let is_header = matches!(self.id(), "MSH" | "FHS" | "BHS");
        let part = if is_header { n.saturating_sub(1) } else { n };
        if part == 0 {
            return Piece { text: "", start: self.piece.start };
        }
        self.piece.nth(d.field, part + 1)
    }
}

/// Removes an escape sequence's delimiters: `\F\` `\S\` `\T\` `\R\` `\E\`, `\Xhh...\`
/// (hex bytes, read as UTF-8 when valid, else Latin-1) and `\.br\` (a line break).
/// Formatting and character-set escapes (`\H\`, `\N\`, `\Cxxyy\`, `\Mxxyyzz\`) are dropped;
/// anything else, including an unterminated escape, is kept as written.
pub fn unescape<'a>(text: &'a str, d: &Delimiters) -> Cow<'a, str> {
    let Some(escape) = d.escape else { return Cow::Borrowed(text) };
    if !text.contains(escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(escape) {
        out.push_str(&rest[..open]);
        let after = &rest[open + escape.len_utf8()..];
        let Some(close) = after.find(escape) else {
            out.push_str(&rest[open..]);
            return Cow::Owned(out);
        };
        let sequence = &after[..close];
        match sequence {
            "F" => out.push(d.field),
            "S" => out.push(d.component),
            "T" => out.push(d.subcomponent),
            "R" => out.push(d.repetition),
            "E" => out.push(escape),
            ".br" => out.push('\n'),
            "H" | "N" => {}
            _ if sequence.starts_with('C') || sequence.starts_with('M') => {}
            _ if sequence.starts_with('X') && decode_hex(&sequence[1..]).is_some() => {
                out.push_str(&decode_hex(&sequence[1..]).unwrap_or_default());
            }
            _ => {
                // Not an escape we know: keep it exactly as sent.
                out.push(escape);
                out.push_str(sequence);
                out.push(escape);
            }
        }
        rest = &after[close + escape.len_utf8()..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn decode_hex(hex: &str) -> Option<String> {
    if hex.is_empty() || hex.len() % 2 != 0 {
        return None;
    }
    let bytes: Option<Vec<u8>> =
        (0..hex.len()).step_by(2).map(|i| hex.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok())).collect();
    let bytes = bytes?;
    Some(match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(not_utf8) => not_utf8.into_bytes().into_iter().map(char::from).collect(),
    })
}

/// A line of the input that is not part of any message, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stray {
    /// Text that is not an HL7 segment at all (prose, a wrapped line, JSON...).
    NotASegment,
    /// A batch envelope segment (FHS, BHS, BTS, FTS): understood and not needed.
    BatchEnvelope,
}

#[derive(Debug)]
pub struct RawMessage<'a> {
    pub delimiters: Delimiters,
    pub segments: Vec<Segment<'a>>,
    /// True when the input had segments but no MSH before them.
    pub headerless: bool,
}

#[derive(Debug, Default)]
pub struct Split<'a> {
    pub messages: Vec<RawMessage<'a>>,
    pub strays: Vec<(Piece<'a>, Stray)>,
}

/// Splits input text into messages. Segments end at CR, LF or CRLF; a message begins at
/// each MSH, including one glued to the end of the previous segment with no line break.
/// Leading white space on a line (from e-mail or indented text) is ignored.
pub fn split(input: &str) -> Split<'_> {
    let mut split = Split::default();
    let mut offset = 0;
    // A byte search for the line ends: both are ASCII, so every cut is a character boundary.
    let bytes = input.as_bytes();
    while offset < input.len() {
        let line_start = offset;
        let end = memchr::memchr2(b'\r', b'\n', &bytes[offset..]).map_or(input.len(), |at| offset + at);
        offset = (end + 1).min(input.len());
        let line = &input[line_start..end];
        let trimmed_start = line.len() - line.trim_start().len();
        let text = line.trim();
        if text.is_empty() {
            continue;
        }
        let mut piece = Piece { text, start: line_start + trimmed_start };
        // Messages glued together without a segment terminator: split before each inner MSH.
        while let Some(glued) = find_glued_header(piece.text) {
            let (before, after) = piece.text.split_at(glued);
            add_segment(&mut split, Piece { text: before.trim_end(), start: piece.start });
            piece = Piece { text: after, start: piece.start + glued };
        }
        add_segment(&mut split, piece);
    }
    split
}

fn find_glued_header(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (1..bytes.len().saturating_sub(2)).find(|&i| {
        bytes[i] == b'M'
            && bytes[i + 1] == b'S'
            && bytes[i + 2] == b'H'
            && text[i..].chars().skip(3).take(5).filter(|c| is_delimiter(*c)).count() >= 4
            && Delimiters::from_header(&text[i..]).is_some()
    })
}

fn add_segment<'a>(split: &mut Split<'a>, piece: Piece<'a>) {
    let id = piece.text.get(..3).unwrap_or("");
    if id == "MSH" {
        if let Some(delimiters) = Delimiters::from_header(piece.text) {
            split.messages.push(RawMessage {
                delimiters,
                segments: vec![Segment { piece, index: 1 }],
                headerless: false,
            });
            return;
        }
    }
    if matches!(id, "FHS" | "BHS" | "BTS" | "FTS") {
        split.strays.push((piece, Stray::BatchEnvelope));
        return;
    }
    let current_delimiter = split.messages.last().map_or('|', |m| m.delimiters.field);
    if !looks_like_segment(piece.text, current_delimiter) {
        split.strays.push((piece, Stray::NotASegment));
        return;
    }
    match split.messages.last_mut() {
        Some(message) => {
            let index = message.segments.len() as u32 + 1;
            message.segments.push(Segment { piece, index });
        }
        None => split.messages.push(RawMessage {
            delimiters: Delimiters::default(),
            segments: vec![Segment { piece, index: 1 }],
            headerless: true,
        }),
    }
}

/// Three characters (a capital letter, then capitals or digits) and the field separator or
/// the end of the line.
fn looks_like_segment(text: &str, field: char) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= 3
        && bytes[0].is_ascii_uppercase()
        && bytes[1..3].iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && text[3..].chars().next().is_none_or(|c| c == field)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(split: &Split<'_>) -> Vec<Vec<String>> {
        split.messages.iter().map(|m| m.segments.iter().map(|s| s.id().to_owned()).collect()).collect()
    }

    #[test]
    fn segments_end_at_cr_lf_or_crlf() {
        for input in ["MSH|^~\\&|A\rPID|1\rRXA|0", "MSH|^~\\&|A\nPID|1\nRXA|0\n", "MSH|^~\\&|A\r\nPID|1\r\nRXA|0\r\n"] {
            assert_eq!(ids(&split(input)), vec![vec!["MSH", "PID", "RXA"]], "{input:?}");
        }
    }

    #[test]
    fn each_msh_starts_a_message_even_when_glued_on() {
        let input = "MSH|^~\\&|A\rPID|1\rMSH|^~\\&|B\rPID|2MSH|^~\\&|C\rPID|3";
        let split = split(input);
        assert_eq!(ids(&split), vec![vec!["MSH", "PID"], vec!["MSH", "PID"], vec!["MSH", "PID"]]);
        assert_eq!(split.messages[1].segments[1].piece.text, "PID|2");
        let third = split.messages[2].segments[0].piece;
        assert_eq!(&input[third.start..third.end()], "MSH|^~\\&|C");
    }

    #[test]
    fn batch_envelopes_are_set_aside() {
        let input = "FHS|^~\\&\rBHS|^~\\&\rMSH|^~\\&|A\rPID|1\rBTS|1\rFTS|1";
        let split = split(input);
        assert_eq!(ids(&split), vec![vec!["MSH", "PID"]]);
        assert_eq!(split.strays.len(), 4);
        assert!(split.strays.iter().all(|(_, kind)| *kind == Stray::BatchEnvelope));
    }

    #[test]
    fn prose_is_not_a_segment_and_indentation_is_ignored() {
        let split = split("Here is the record:\n   MSH|^~\\&|A\n   PID|1\nthanks");
        assert_eq!(ids(&split), vec![vec!["MSH", "PID"]]);
        assert_eq!(split.strays.iter().map(|(p, _)| p.text).collect::<Vec<_>>(), ["Here is the record:", "thanks"]);
    }

    #[test]
    fn segments_without_a_header_form_a_headerless_message() {
        let split = split("PID|1||123\rRXA|0|1|20240101");
        assert!(split.messages[0].headerless);
        assert_eq!(ids(&split), vec![vec!["PID", "RXA"]]);
    }

    #[test]
    fn delimiters_come_from_the_header() {
        let d = Delimiters::from_header("MSH#*@!$#A").expect("delimiters");
        assert_eq!(d, Delimiters { field: '#', component: '*', repetition: '@', escape: Some('!'), subcomponent: '$' });
        let short = Delimiters::from_header("MSH|^~|A").expect("delimiters");
        assert_eq!((short.escape, short.subcomponent), (None, '&'));
        assert_eq!(Delimiters::from_header("MSH"), None);
    }

    #[test]
    fn msh_fields_are_numbered_from_the_separator() {
        let input = "MSH|^~\\&|SENDER|FAC|||20240101||VXU^V04^VXU_V04|ID1|P|2.5.1";
        let split = split(input);
        let msh = split.messages[0].segments[0];
        let d = split.messages[0].delimiters;
        assert_eq!(msh.field(&d, 2).text, "^~\\&");
        assert_eq!(msh.field(&d, 3).text, "SENDER");
        assert_eq!(msh.field(&d, 9).nth(d.component, 2).text, "V04");
        assert_eq!(msh.field(&d, 10).text, "ID1");
        assert_eq!(msh.field(&d, 40).text, "");
    }

    #[test]
    fn pieces_keep_their_offsets() {
        let input = "MSH|^~\\&\rPID|1||123^^^MIIC^SR~456^^^EHR^MR||Doe^Jane";
        let split = split(input);
        let d = split.messages[0].delimiters;
        let pid = split.messages[0].segments[1];
        let second_id = pid.field(&d, 3).parts(d.repetition).nth(1).expect("a second repetition");
        let kind = second_id.nth(d.component, 5);
        assert_eq!(&input[kind.start..kind.end()], "MR");
        let given = pid.field(&d, 5).nth(d.component, 2);
        assert_eq!(&input[given.start..given.end()], "Jane");
    }

    #[test]
    fn escapes_are_undone() {
        let d = Delimiters::default();
        assert_eq!(unescape("A\\F\\B\\S\\C\\T\\D\\R\\E\\E\\", &d), "A|B^C&D~E\\");
        assert_eq!(unescape("line one\\.br\\line two", &d), "line one\nline two");
        assert_eq!(unescape("M\\XC3BC\\ller", &d), "Müller");
        assert_eq!(unescape("M\\XFC\\ller", &d), "Müller");
        assert_eq!(unescape("\\H\\bold\\N\\", &d), "bold");
        assert_eq!(unescape("odd \\Q\\ and \\unterminated", &d), "odd \\Q\\ and \\unterminated");
        assert!(matches!(unescape("plain", &d), Cow::Borrowed("plain")));
    }
}
