//! Base64url without padding (RFC 4648 §5), the encoding of every part of a compact JWS and of
//! JWK coordinates.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn value(byte: u8) -> Option<u32> {
    match byte {
        b'A'..=b'Z' => Some(u32::from(byte - b'A')),
        b'a'..=b'z' => Some(u32::from(byte - b'a') + 26),
        b'0'..=b'9' => Some(u32::from(byte - b'0') + 52),
        b'-' => Some(62),
        b'_' => Some(63),
        _ => None,
    }
}

/// True for the characters base64url uses (padding `=` is not one: JWS omits it).
pub(crate) fn is_b64url_byte(byte: u8) -> bool {
    value(byte).is_some()
}

/// Decodes unpadded base64url. `None` for any other character or an impossible length (4n+1).
/// Leftover bits in the last character are ignored, as most decoders do.
pub(crate) fn decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    if bytes.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3 + 2);
    for chunk in bytes.chunks(4) {
        let mut acc: u32 = 0;
        for &b in chunk {
            acc = (acc << 6) | value(b)?;
        }
        // `chunk.len()` is 2, 3 or 4 here: 2 → 1 byte, 3 → 2 bytes, 4 → 3 bytes.
        let bits = 6 * chunk.len() as u32;
        let n = chunk.len() - 1;
        acc <<= 24 - bits;
        let full = acc.to_be_bytes();
        out.extend_from_slice(&full[1..1 + n]);
    }
    Some(out)
}

/// Encodes bytes as unpadded base64url.
pub(crate) fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let mut acc: u32 = 0;
        for (i, &b) in chunk.iter().enumerate() {
            acc |= u32::from(b) << (16 - 8 * i);
        }
        for i in 0..=chunk.len() {
            let index = (acc >> (18 - 6 * i)) & 63;
            out.push(char::from(ALPHABET[index as usize]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_length() {
        let data: Vec<u8> = (0..=255u8).collect();
        for len in 0..40 {
            let encoded = encode(&data[..len]);
            assert!(!encoded.contains('='));
            assert_eq!(decode(&encoded).as_deref(), Some(&data[..len]), "length {len}");
        }
    }

    #[test]
    fn known_values() {
        assert_eq!(encode(b"f"), "Zg");
        assert_eq!(encode(b"fo"), "Zm8");
        assert_eq!(encode(b"foo"), "Zm9v");
        assert_eq!(encode(&[0xfb, 0xff]), "-_8");
        assert_eq!(decode("eyJ6aXAiOiJERUYifQ").as_deref(), Some(&br#"{"zip":"DEF"}"#[..]));
    }

    #[test]
    fn rejects_other_characters_and_lengths() {
        assert_eq!(decode("Zm9v="), None);
        assert_eq!(decode("Zm+v"), None);
        assert_eq!(decode("Zm9vY"), None);
        assert_eq!(decode(""), Some(Vec::new()));
    }
}
