//! Decrypting a shared file: a compact JWE with `alg: "dir"`, `enc: "A256GCM"` and optionally
//! `zip: "DEF"` (RFC 7516 with RFC 7518's AES-GCM; raw DEFLATE, RFC 1951).

use core::fmt;

use aes_gcm::aead::{AeadInOut, KeyInit};
use aes_gcm::{Aes256Gcm, Key, Nonce, Tag};
use miniz_oxide::inflate::TINFLStatus;
use serde_json::Value;

use crate::fetch::ContentKind;
use crate::{LinkError, b64};

/// The largest decrypted (and inflated) file [`decrypt_file`] returns: 32 MiB.
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;

/// A decrypted file: its content type (the JWE's `cty`) and its bytes (normally UTF-8 JSON).
///
/// The `Debug` output shows the size, not the bytes (they are health records).
#[derive(Clone, PartialEq, Eq)]
pub struct DecryptedFile {
    /// The content type from the protected header's `cty`, e.g. `application/fhir+json`.
    pub content_type: String,
    /// The plaintext, inflated if the header says `zip: "DEF"`.
    pub bytes: Vec<u8>,
}

impl DecryptedFile {
    /// What kind of file the header says this is.
    #[must_use]
    pub fn kind(&self) -> ContentKind {
        ContentKind::of(&self.content_type)
    }
}

impl fmt::Debug for DecryptedFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecryptedFile")
            .field("content_type", &self.content_type)
            .field("bytes", &format_args!("[{} bytes]", self.bytes.len()))
            .finish()
    }
}

/// Decrypts a shared file with the link's key, refusing plaintexts over [`MAX_FILE_BYTES`].
///
/// See [`decrypt_file_with_limit`].
///
/// # Errors
///
/// As [`decrypt_file_with_limit`].
pub fn decrypt_file(jwe_compact: &str, key: &[u8; 32]) -> Result<DecryptedFile, LinkError> {
    decrypt_file_with_limit(jwe_compact, key, MAX_FILE_BYTES)
}

/// Decrypts a shared file (a compact JWE: an embedded manifest entry, or the body of a
/// `location` or direct-file `GET`) with the link's key.
///
/// The JWE must have five base64url parts separated by `.`: a protected header that is a JSON
/// object with `alg: "dir"`, `enc: "A256GCM"`, a string `cty`, optionally `zip: "DEF"` and no
/// `crit`; an empty encrypted key; a 96-bit IV; the ciphertext; a 128-bit tag. The additional
/// authenticated data is the header part exactly as written (its ASCII bytes), so any change to
/// the header fails authentication. Surrounding whitespace and a byte-order mark are ignored.
/// With `zip: "DEF"` the plaintext is inflated as raw DEFLATE (no zlib header), stopping at
/// `max_bytes`; without it the plaintext itself must not exceed `max_bytes`.
///
/// # Errors
///
/// [`LinkError::MalformedFile`] for a JWE that is not shaped as above;
/// [`LinkError::UnsupportedEncryption`] for another `alg`, `enc` or `zip`, or any `crit`;
/// [`LinkError::DecryptionFailed`] when authentication fails (wrong key, or the file or its
/// header was changed); [`LinkError::FileTooLarge`] over the limit;
/// [`LinkError::BadCompression`] when `zip: "DEF"` content does not inflate.
pub fn decrypt_file_with_limit(
    jwe_compact: &str,
    key: &[u8; 32],
    max_bytes: usize,
) -> Result<DecryptedFile, LinkError> {
    let malformed = |problem| LinkError::MalformedFile { problem };
    let unsupported = |problem| LinkError::UnsupportedEncryption { problem };

    let text = jwe_compact.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let parts: Vec<&str> = text.split('.').collect();
    let [header_part, encrypted_key, iv, ciphertext, tag] = parts[..] else {
        return Err(malformed("it does not have the five parts of an encrypted file"));
    };

    let header = b64::decode(header_part).ok_or(malformed("its header is not base64url"))?;
    let header: Value = serde_json::from_slice(&header).map_err(|_| malformed("its header is not JSON"))?;
    let header = header.as_object().ok_or(malformed("its header is not a JSON object"))?;
    match header.get("alg") {
        Some(Value::String(alg)) if alg == "dir" => {}
        Some(_) => return Err(unsupported("the key is not used directly: \"alg\" is not \"dir\"")),
        None => return Err(malformed("its header has no \"alg\"")),
    }
    match header.get("enc") {
        Some(Value::String(enc)) if enc == "A256GCM" => {}
        Some(_) => return Err(unsupported("the cipher is not AES-256-GCM: \"enc\" is not \"A256GCM\"")),
        None => return Err(malformed("its header has no \"enc\"")),
    }
    let compressed = match header.get("zip") {
        None | Some(Value::Null) => false,
        Some(Value::String(zip)) if zip == "DEF" => true,
        Some(_) => return Err(unsupported("the compression is not DEFLATE: \"zip\" is not \"DEF\"")),
    };
    if header.contains_key("crit") {
        return Err(unsupported("the header lists critical extensions (\"crit\")"));
    }
    let content_type = match header.get("cty") {
        Some(Value::String(cty)) if !cty.trim().is_empty() => cty.clone(),
        _ => return Err(malformed("its header has no content type (\"cty\")")),
    };

    if !encrypted_key.is_empty() {
        return Err(malformed("it carries an encrypted key, which a directly keyed file must not"));
    }
    let iv = b64::decode(iv).ok_or(malformed("its IV is not base64url"))?;
    let nonce = Nonce::try_from(iv.as_slice()).map_err(|_| malformed("its IV is not 96 bits long"))?;
    let tag = b64::decode(tag).ok_or(malformed("its authentication tag is not base64url"))?;
    let tag = Tag::try_from(tag.as_slice()).map_err(|_| malformed("its authentication tag is not 128 bits long"))?;
    // A base64url text of n characters holds at most 3n/4 bytes: refuse early what cannot fit.
    if !compressed && ciphertext.len() / 4 * 3 > max_bytes.saturating_add(2) {
        return Err(LinkError::FileTooLarge { limit_bytes: max_bytes });
    }
    let mut buffer = b64::decode(ciphertext).ok_or(malformed("its contents are not base64url"))?;
    if !compressed && buffer.len() > max_bytes {
        return Err(LinkError::FileTooLarge { limit_bytes: max_bytes });
    }

    let cipher = Aes256Gcm::new(&Key::<Aes256Gcm>::from(*key));
    cipher
        .decrypt_inout_detached(&nonce, header_part.as_bytes(), buffer.as_mut_slice().into(), &tag)
        .map_err(|_| LinkError::DecryptionFailed)?;

    let bytes = if compressed {
        miniz_oxide::inflate::decompress_to_vec_with_limit(&buffer, max_bytes).map_err(|e| match e.status {
            TINFLStatus::HasMoreOutput => LinkError::FileTooLarge { limit_bytes: max_bytes },
            _ => LinkError::BadCompression,
        })?
    } else {
        buffer
    };
    Ok(DecryptedFile { content_type, bytes })
}
