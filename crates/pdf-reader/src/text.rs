//! Text a PDF shows → characters, and the SMART Health Card and Link payloads in that text.
//!
//! A card printed as text (`shc:/5676…`, often wrapped over many lines) is found by its prefix;
//! the digits after it are taken across line breaks and spaces. Characters come from the font's
//! ToUnicode map when it has one, else byte for byte (the standard Latin encodings agree on the
//! digits and letters a payload uses).

use std::collections::HashMap;

use crate::content::{Event, Operand, Tokenizer};

/// How one font's string bytes become characters.
#[derive(Debug, Default)]
pub struct FontText {
    /// Codes of this many bytes (2 for most composite fonts).
    code_bytes: usize,
    /// From the ToUnicode CMap; empty when the font has none.
    map: HashMap<u32, String>,
}

impl FontText {
    /// A simple font without a map: one byte, one character.
    pub fn bytes() -> Self {
        Self { code_bytes: 1, map: HashMap::new() }
    }

    /// A composite font without a map: its glyph codes say nothing readable.
    pub fn unreadable() -> Self {
        Self { code_bytes: 2, map: HashMap::new() }
    }

    /// Reads a ToUnicode CMap (`bfchar` and `bfrange` blocks).
    pub fn from_cmap(cmap: &[u8]) -> Self {
        let mut font = Self { code_bytes: 1, map: HashMap::new() };
        // Caps a hostile range; a real font maps at most 65,536 codes.
        const MAX_CODES: usize = 65_536;
        for event in Tokenizer::new(cmap) {
            let Event::Operator(word, operands) = event else { continue };
            match word.as_slice() {
                b"endbfchar" => {
                    for pair in operands.chunks_exact(2) {
                        if let (Operand::String(code), Operand::String(text)) = (&pair[0], &pair[1]) {
                            font.code_bytes = code.len().clamp(1, 4);
                            font.map.insert(code_value(code), utf16(text));
                        }
                    }
                }
                b"endbfrange" => {
                    for triple in operands.chunks_exact(3) {
                        let (Operand::String(low), Operand::String(high)) = (&triple[0], &triple[1]) else { continue };
                        font.code_bytes = low.len().clamp(1, 4);
                        let (low, high) = (code_value(low), code_value(high));
                        for (offset, code) in (low..=high).enumerate() {
                            if font.map.len() >= MAX_CODES {
                                break;
                            }
                            let text = match &triple[2] {
                                Operand::String(first) => {
                                    let mut units = utf16_units(first);
                                    if let Some(last) = units.last_mut() {
                                        *last = last.wrapping_add(offset as u16);
                                    }
                                    String::from_utf16_lossy(&units)
                                }
                                Operand::Array(texts) => match texts.get(offset) {
                                    Some(Operand::String(text)) => utf16(text),
                                    _ => continue,
                                },
                                _ => continue,
                            };
                            font.map.insert(code, text);
                        }
                    }
                }
                _ => {}
            }
        }
        font
    }

    /// Appends the characters a shown string stands for.
    pub fn decode(&self, bytes: &[u8], out: &mut String) {
        if self.map.is_empty() {
            if self.code_bytes == 1 {
                out.extend(bytes.iter().map(|&byte| char::from(byte)));
            }
            return;
        }
        for code in bytes.chunks(self.code_bytes) {
            if let Some(text) = self.map.get(&code_value(code)) {
                out.push_str(text);
            }
        }
    }
}

fn code_value(bytes: &[u8]) -> u32 {
    bytes.iter().take(4).fold(0, |value, &byte| value << 8 | u32::from(byte))
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    bytes.chunks(2).map(|pair| u16::from(pair[0]) << 8 | u16::from(pair.get(1).copied().unwrap_or(0))).collect()
}

fn utf16(bytes: &[u8]) -> String {
    String::from_utf16_lossy(&utf16_units(bytes))
}

/// The shortest payload worth reading: a real card is over a thousand digits.
const MIN_PAYLOAD: usize = 20;

/// Every `shc:/…` and `shlink:/…` payload in the text, white space inside it removed.
pub fn payloads(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let lower = text.to_ascii_lowercase();
    for (prefix, allowed) in [
        ("shc:/", (|c: char| c.is_ascii_digit() || c == '/') as fn(char) -> bool),
        ("shlink:/", |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
    ] {
        let mut from = 0;
        while let Some(at) = lower[from..].find(prefix) {
            let start = from + at + prefix.len();
            let mut payload = String::from(prefix);
            let mut end = start;
            for (offset, c) in text[start..].char_indices() {
                if allowed(c) {
                    payload.push(c);
                } else if !c.is_whitespace() {
                    end = start + offset;
                    break;
                }
                end = start + offset + c.len_utf8();
            }
            if payload.len() >= prefix.len() + MIN_PAYLOAD && !found.contains(&payload) {
                found.push(payload);
            }
            from = end.max(start);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrapped_card_is_joined_and_stops_at_words() {
        let text = "Your card:\nshc:/567629095243206034602924\n3745295725\n Page 1 of 1";
        assert_eq!(payloads(text), vec!["shc:/5676290952432060346029243745295725".to_owned()]);
    }

    #[test]
    fn chunked_cards_and_links_are_found_and_short_mentions_ignored() {
        let text = "shc:/1/2/56762909524320603460 shc:/2/2/56762909524320603461 see shc:/ for details \
                    https://viewer.example/#shlink:/eyJ1cmwiOiJodHRwczovL2V4YW1wbGUifQ";
        assert_eq!(
            payloads(text),
            vec![
                "shc:/1/2/56762909524320603460".to_owned(),
                "shc:/2/2/56762909524320603461".to_owned(),
                "shlink:/eyJ1cmwiOiJodHRwczovL2V4YW1wbGUifQ".to_owned(),
            ]
        );
    }

    #[test]
    fn a_to_unicode_map_decodes_two_byte_codes() {
        let cmap = b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
                     2 beginbfchar <0003> <0073> <0004> <0068> endbfchar\n\
                     1 beginbfrange <0010> <0019> <0030> endbfrange\n\
                     1 beginbfrange <0020> <0021> [<0063> <003A>] endbfrange";
        let font = FontText::from_cmap(cmap);
        let mut out = String::new();
        font.decode(&[0, 3, 0, 4, 0, 0x20, 0, 0x21, 0, 0x15], &mut out);
        assert_eq!(out, "shc:5");
    }

    #[test]
    fn a_hostile_range_is_capped() {
        let font = FontText::from_cmap(b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange");
        assert!(font.map.len() <= 65_536);
    }
}
