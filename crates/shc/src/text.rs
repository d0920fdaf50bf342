//! Finding the cards in a text: `shc:/` numeric QR lines (joining chunked ones), a
//! `.smart-health-card` file, or bare compact JWS lines.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::b64;
use crate::card::CardSource;
use crate::error::CardError;

/// The largest chunk count accepted in `shc:/C/N/`: the spec's chunks are ~1,191 characters,
/// so 99 chunks would be a 118 KB card, far beyond any real one.
const MAX_CHUNKS: u32 = 99;

/// A card's JWS text located in the input, or why it could not be.
pub(crate) type Found = Result<(String, CardSource), CardError>;

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Every card in the text, in order of appearance, as JWS strings still to be decoded.
pub(crate) fn find_cards(text: &str) -> Vec<Found> {
    let text = text.trim_matches(is_space);
    if text.is_empty() {
        return vec![Err(CardError::Empty)];
    }
    if text.starts_with('{') {
        return read_file(text);
    }
    read_lines(text)
}

/// A `.smart-health-card` file: `{"verifiableCredential": [jws, …]}`.
fn read_file(text: &str) -> Vec<Found> {
    let mut values = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    let root = match values.next() {
        Some(Ok(root)) => root,
        _ => return vec![Err(CardError::FileNotJson)],
    };
    if !text[values.byte_offset()..].trim_matches(is_space).is_empty() {
        return vec![Err(CardError::TrailingTextAfterFile)];
    }
    let cards = match root.get("verifiableCredential").and_then(Value::as_array) {
        Some(cards) if !cards.is_empty() => cards,
        _ => return vec![Err(CardError::FileWithoutCards)],
    };
    cards
        .iter()
        .enumerate()
        .map(|(i, card)| match card.as_str() {
            Some(jws) => jws_token(jws.trim_matches(is_space)).map(|jws| (jws.to_owned(), CardSource::File)),
            None => Err(CardError::FileEntryNotText { index: i + 1 }),
        })
        .collect()
}

/// The JWS at the start of `text`: base64url characters and dots, then nothing but whitespace.
fn jws_token(text: &str) -> Result<&str, CardError> {
    let end = text.bytes().position(|b| !(b == b'.' || b64::is_b64url_byte(b))).unwrap_or(text.len());
    let (token, rest) = text.split_at(end);
    if token.is_empty() {
        Err(CardError::NotAJws)
    } else if !rest.trim_matches(is_space).is_empty() {
        Err(CardError::TrailingTextAfterJws)
    } else {
        Ok(token)
    }
}

/// A JWS header is a JSON object, so its base64url starts `ey`; a line of three dotted base64url
/// parts is read as a JWS too, to say what is wrong with it.
fn looks_like_jws(line: &str) -> bool {
    let token_end = line.bytes().position(|b| !(b == b'.' || b64::is_b64url_byte(b))).unwrap_or(line.len());
    line.starts_with("ey") || line[..token_end].matches('.').count() == 2
}

/// One slot of the output: a card found directly, or the place of a chunked card whose parts
/// are gathered from all lines first.
enum Slot {
    Done(Found),
    Chunked(u32),
}

#[derive(Default)]
struct ChunkSet {
    parts: BTreeMap<u32, String>,
    conflict: Option<u32>,
    error: Option<CardError>,
}

/// Line by line: each non-empty line is one QR text or one JWS.
fn read_lines(text: &str) -> Vec<Found> {
    let mut slots: Vec<Slot> = Vec::new();
    let mut chunk_sets: BTreeMap<u32, ChunkSet> = BTreeMap::new();
    for line in text.split(['\r', '\n']) {
        let line = line.trim_matches(is_space);
        if line.is_empty() {
            continue;
        }
        let Some(rest) = strip_prefix_ignore_case(line, "shc:/") else {
            let found = if looks_like_jws(line) {
                jws_token(line).map(|jws| (jws.to_owned(), CardSource::Jws))
            } else {
                Err(CardError::NotACard)
            };
            slots.push(Slot::Done(found));
            continue;
        };
        match split_chunk_header(rest) {
            Ok(None) => slots.push(Slot::Done(numeric_to_jws(rest).map(|jws| (jws, CardSource::QrCode)))),
            Ok(Some((index, total, digits))) => {
                if !chunk_sets.contains_key(&total) {
                    slots.push(Slot::Chunked(total));
                }
                let set = chunk_sets.entry(total).or_default();
                match numeric_to_jws(digits) {
                    Err(e) => {
                        set.error.get_or_insert(e);
                    }
                    Ok(part) => match set.parts.get(&index) {
                        Some(existing) if *existing != part => {
                            set.conflict.get_or_insert(index);
                        }
                        Some(_) => {} // The same code scanned twice.
                        None => {
                            set.parts.insert(index, part);
                        }
                    },
                }
            }
            Err(e) => slots.push(Slot::Done(Err(e))),
        }
    }
    slots
        .into_iter()
        .map(|slot| match slot {
            Slot::Done(found) => found,
            Slot::Chunked(total) => join_chunks(total, chunk_sets.remove(&total).unwrap_or_default()),
        })
        .collect()
}

fn join_chunks(total: u32, set: ChunkSet) -> Found {
    if let Some(error) = set.error {
        return Err(error);
    }
    if let Some(index) = set.conflict {
        return Err(CardError::QrConflictingChunks { index });
    }
    let missing: Vec<u32> = (1..=total).filter(|i| !set.parts.contains_key(i)).collect();
    if !missing.is_empty() {
        return Err(CardError::QrMissingChunks { total, missing });
    }
    Ok((set.parts.into_values().collect(), CardSource::QrChunks { count: total }))
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

/// `C/N/digits` → `Some((C, N, digits))`; plain digits → `None`.
fn split_chunk_header(rest: &str) -> Result<Option<(u32, u32, &str)>, CardError> {
    let mut pieces = rest.splitn(3, '/');
    let (Some(first), Some(second), Some(digits)) = (pieces.next(), pieces.next(), pieces.next()) else {
        return Ok(None);
    };
    let number = |s: &str| -> Option<u32> {
        if s.is_empty() || s.len() > 3 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    match (number(first), number(second)) {
        (Some(index), Some(total)) if index >= 1 && index <= total && total <= MAX_CHUNKS => {
            Ok(Some((index, total, digits)))
        }
        _ => Err(CardError::QrBadChunkHeader),
    }
}

/// Numeric QR digits → JWS characters: two digits per character, value + 45 (`-` is 45).
/// Pairs above 77 (`z` = 122) cannot come from a JWS.
fn numeric_to_jws(body: &str) -> Result<String, CardError> {
    let end = body.bytes().position(|b| !b.is_ascii_digit()).unwrap_or(body.len());
    let (digits, rest) = body.split_at(end);
    if !rest.trim_matches(is_space).is_empty() {
        return Err(if digits.is_empty() { CardError::QrNoDigits } else { CardError::TrailingTextAfterQr });
    }
    if digits.is_empty() {
        return Err(CardError::QrNoDigits);
    }
    if digits.len() % 2 == 1 {
        return Err(CardError::QrOddDigitCount);
    }
    let mut jws = String::with_capacity(digits.len() / 2);
    for pair in digits.as_bytes().chunks_exact(2) {
        let value = (pair[0] - b'0') * 10 + (pair[1] - b'0');
        if value > 77 {
            return Err(CardError::QrDigitPairOutOfRange);
        }
        jws.push(char::from(value + 45));
    }
    Ok(jws)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_decoding() {
        // 'e' = 101 → 56, 'y' = 121 → 76, '-' = 45 → 00, 'z' = 122 → 77.
        assert_eq!(numeric_to_jws("56760077").as_deref(), Ok("ey-z"));
        assert_eq!(numeric_to_jws("567"), Err(CardError::QrOddDigitCount));
        assert_eq!(numeric_to_jws("5678"), Err(CardError::QrDigitPairOutOfRange));
        assert_eq!(numeric_to_jws(""), Err(CardError::QrNoDigits));
        assert_eq!(numeric_to_jws("abc"), Err(CardError::QrNoDigits));
        assert_eq!(numeric_to_jws("5676x"), Err(CardError::TrailingTextAfterQr));
        assert_eq!(numeric_to_jws("5676  "), Ok("ey".to_owned()));
    }

    #[test]
    fn chunk_headers() {
        assert_eq!(split_chunk_header("1/2/5676"), Ok(Some((1, 2, "5676"))));
        assert_eq!(split_chunk_header("5676"), Ok(None));
        assert_eq!(split_chunk_header("0/2/5676"), Err(CardError::QrBadChunkHeader));
        assert_eq!(split_chunk_header("3/2/5676"), Err(CardError::QrBadChunkHeader));
        assert_eq!(split_chunk_header("a/2/5676"), Err(CardError::QrBadChunkHeader));
        assert_eq!(split_chunk_header("1/100/5676"), Err(CardError::QrBadChunkHeader));
    }

    #[test]
    fn lines_are_classified() {
        let found = find_cards("shc:/5676\n\n  hello\neyJ.a.b\neyJ.a.b and more\n");
        assert_eq!(found.len(), 4);
        assert_eq!(found[0].as_ref().map(|f| f.0.as_str()), Ok("ey"));
        assert_eq!(found[1], Err(CardError::NotACard));
        assert_eq!(found[2].as_ref().map(|f| f.0.as_str()), Ok("eyJ.a.b"));
        assert_eq!(found[3], Err(CardError::TrailingTextAfterJws));
        assert_eq!(find_cards(" \u{feff}\n"), vec![Err(CardError::Empty)]);
    }

    #[test]
    fn chunks_join_in_order_of_their_numbers() {
        let found = find_cards("shc:/2/3/5859\nshc:/3/3/6061\nshc:/1/3/5657\nshc:/2/3/5859");
        assert_eq!(found, vec![Ok(("efghij".to_owned(), CardSource::QrChunks { count: 3 }))]);
        let missing = find_cards("shc:/3/3/6061");
        assert_eq!(missing, vec![Err(CardError::QrMissingChunks { total: 3, missing: vec![1, 2] })]);
        let conflict = find_cards("shc:/1/2/5657\nshc:/1/2/5658\nshc:/2/2/5859");
        assert_eq!(conflict, vec![Err(CardError::QrConflictingChunks { index: 1 })]);
    }
}
