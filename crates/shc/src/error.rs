//! Why a card could not be read, and why a key or revocation list could not be loaded, in
//! words for the person at the desk. Messages never quote the input's values.

use std::fmt;

use recdesk_record::{SourceVerification, VerificationStatus};

/// A part of a compact JWS (`header.payload.signature`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JwsPart {
    /// The first part: the header (`alg`, `kid`, `zip`).
    Header,
    /// The middle part: the compressed claims.
    Payload,
    /// The last part: the ES256 signature.
    Signature,
}

impl JwsPart {
    fn words(self) -> &'static str {
        match self {
            JwsPart::Header => "header (its first part)",
            JwsPart::Payload => "contents (its middle part)",
            JwsPart::Signature => "signature (its last part)",
        }
    }
}

/// A time claim of the card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeClaim {
    /// `nbf`: when the card was issued; it is not valid before.
    NotBefore,
    /// `exp`: when the card stops being valid.
    Expires,
}

/// Why a card found in the text could not be read. Each variant is one distinct failure, and
/// its [`Display`](fmt::Display) text says what happened and what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CardError {
    /// The text is empty (or only whitespace and a byte-order mark).
    Empty,
    /// A line that is neither QR text (`shc:/…`) nor a compact JWS.
    NotACard,
    /// `shc:/` with no digits after it.
    QrNoDigits,
    /// The QR digits are not an even number: each character takes two digits.
    QrOddDigitCount,
    /// A pair of digits above 77: no JWS character (`-` … `z`) encodes to it.
    QrDigitPairOutOfRange,
    /// A chunked QR (`shc:/C/N/…`) whose part numbers are not valid (0, C > N, not numbers).
    QrBadChunkHeader,
    /// Parts of a chunked QR are missing: `missing` are their 1-based numbers.
    QrMissingChunks {
        /// The number of parts the codes announce.
        total: u32,
        /// The parts not found, 1-based, in order.
        missing: Vec<u32>,
    },
    /// Two different QR codes claim the same part number of the same card.
    QrConflictingChunks {
        /// The part number (1-based) found twice with different contents.
        index: u32,
    },
    /// Something other than whitespace follows the QR digits.
    TrailingTextAfterQr,
    /// Something other than whitespace follows the compact JWS.
    TrailingTextAfterJws,
    /// Something other than whitespace follows the `.smart-health-card` file's JSON.
    TrailingTextAfterFile,
    /// Text that starts like a `.smart-health-card` file (`{`) but is not valid JSON.
    FileNotJson,
    /// JSON without a `verifiableCredential` list of cards (or with an empty one).
    FileWithoutCards,
    /// An entry of `verifiableCredential` that is not a string; `index` is 1-based.
    FileEntryNotText {
        /// The entry's 1-based position in the list.
        index: usize,
    },
    /// Not three non-empty parts separated by dots.
    NotAJws,
    /// A JWS part that is not base64url.
    JwsBadEncoding(JwsPart),
    /// The JWS header is not a JSON object.
    HeaderNotJson,
    /// The header has no `alg`.
    MissingAlg,
    /// The header's `alg` is not `ES256`.
    UnsupportedAlg,
    /// The header has no `kid` (or an empty or non-text one).
    MissingKid,
    /// The header has no `zip`.
    MissingZip,
    /// The header's `zip` is not `DEF`.
    UnsupportedZip,
    /// The payload is zlib-wrapped DEFLATE instead of raw DEFLATE.
    PayloadZlibWrapped,
    /// The payload does not inflate as raw DEFLATE.
    PayloadNotDeflate,
    /// The payload inflates to more than `limit` bytes (a decompression bomb, or not a card).
    PayloadTooLarge {
        /// The limit that was reached, in bytes ([`MAX_INFLATED_PAYLOAD`](crate::MAX_INFLATED_PAYLOAD)).
        limit: usize,
    },
    /// The inflated payload is not a JSON object.
    PayloadNotJson,
    /// The payload has no `iss` text.
    MissingIssuer,
    /// `nbf` or `exp` is present but not a number of seconds.
    InvalidTimeClaim(TimeClaim),
    /// No `vc.credentialSubject.fhirBundle`.
    MissingFhirBundle,
    /// `fhirBundle` is not a FHIR resource with `resourceType` `Bundle`.
    NotABundle,
}

impl fmt::Display for CardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const RESCAN: &str = "Scan it again or ask for a new card.";
        const REISSUE: &str = "The issuer made the card incorrectly; ask them for a new card.";
        match self {
            CardError::Empty => write!(f, "There is nothing to read: the text is empty."),
            CardError::NotACard => write!(
                f,
                "This text is not a SMART Health Card. A card is QR code text starting with shc:/, a \
                 .smart-health-card file, or a long code of three parts separated by dots."
            ),
            CardError::QrNoDigits => {
                write!(f, "The QR code's text has no digits after shc:/, so the card cannot be read. {RESCAN}")
            }
            CardError::QrOddDigitCount => write!(
                f,
                "The QR code's digits are damaged (an odd number of digits), so the card cannot be read. {RESCAN}"
            ),
            CardError::QrDigitPairOutOfRange => write!(
                f,
                "The QR code's digits are damaged (a pair of digits above 77, which no card uses), so the card \
                 cannot be read. {RESCAN}"
            ),
            CardError::QrBadChunkHeader => write!(
                f,
                "The QR code says it is one part of a card split over several codes, but its part number is not \
                 valid (such as part 3 of 2). Scan the codes again."
            ),
            CardError::QrMissingChunks { total, missing } => {
                let list: Vec<String> = missing.iter().map(u32::to_string).collect();
                let (noun, verb) = if missing.len() == 1 { ("part", "is") } else { ("parts", "are") };
                write!(
                    f,
                    "This card is split over {total} QR codes and {noun} {} {verb} missing, so it cannot be read. \
                     Scan every QR code of the card.",
                    list.join(", ")
                )
            }
            CardError::QrConflictingChunks { index } => write!(
                f,
                "Two different QR codes both say they are part {index} of the same card, so it cannot be put \
                 together. Scan the codes of one card only."
            ),
            CardError::TrailingTextAfterQr => write!(
                f,
                "There is extra text after the QR code's digits: the code may be damaged, or something was pasted \
                 with it. Remove the extra text or scan the code again."
            ),
            CardError::TrailingTextAfterJws => write!(
                f,
                "There is extra text after the card's code: it may be damaged, or something was pasted with it. \
                 Remove the extra text or ask for a new card."
            ),
            CardError::TrailingTextAfterFile => write!(
                f,
                "There is extra text after the end of the .smart-health-card file, so the file may be damaged or \
                 two files were joined. Ask for the file again."
            ),
            CardError::FileNotJson => write!(
                f,
                "This looks like a .smart-health-card file, but it is damaged (not valid JSON), so no card could \
                 be read. Ask for the file again."
            ),
            CardError::FileWithoutCards => write!(
                f,
                "This JSON holds no SMART Health Card (it has no \"verifiableCredential\" list of cards). If it is \
                 a plain FHIR record, it is read as FHIR, not as a card."
            ),
            CardError::FileEntryNotText { index } => write!(
                f,
                "Entry {index} in the file's list of cards is not a card (cards are text). The file was made \
                 incorrectly; ask for it again."
            ),
            CardError::NotAJws => {
                write!(f, "The card's code is damaged: it should be three parts separated by dots. {RESCAN}")
            }
            CardError::JwsBadEncoding(part) => write!(
                f,
                "The card's {} is damaged (it has characters that do not belong there). {RESCAN}",
                part.words()
            ),
            CardError::HeaderNotJson => {
                write!(f, "The card's header is damaged (it is not readable), so the card cannot be checked. {RESCAN}")
            }
            CardError::MissingAlg => write!(
                f,
                "The card's header does not say how it was signed (no \"alg\"), which every SMART Health Card \
                 must, so it cannot be checked. {REISSUE}"
            ),
            CardError::UnsupportedAlg => write!(
                f,
                "The card is signed with a method other than the one SMART Health Cards use (ES256), so it \
                 cannot be checked. {REISSUE}"
            ),
            CardError::MissingKid => write!(
                f,
                "The card's header does not name the key it was signed with (no \"kid\"), so its signature \
                 cannot be checked. {REISSUE}"
            ),
            CardError::MissingZip => write!(
                f,
                "The card's header does not say its contents are compressed (no \"zip\"), which every SMART \
                 Health Card must, so it cannot be read. {REISSUE}"
            ),
            CardError::UnsupportedZip => write!(
                f,
                "The card's contents use a compression other than the one SMART Health Cards use (DEFLATE), so \
                 it cannot be read. {REISSUE}"
            ),
            CardError::PayloadZlibWrapped => write!(
                f,
                "The card's contents are compressed with an extra zlib header instead of raw DEFLATE as SMART \
                 Health Cards require, so it cannot be trusted. {REISSUE}"
            ),
            CardError::PayloadNotDeflate => {
                write!(f, "The card's contents are damaged (they do not decompress), so it cannot be read. {RESCAN}")
            }
            CardError::PayloadTooLarge { limit } => write!(
                f,
                "The card's contents grow to more than {} KiB when decompressed, far more than any real card, so \
                 they were not read. The card may have been made to harm the computer that reads it.",
                limit / 1024
            ),
            CardError::PayloadNotJson => write!(
                f,
                "The card's contents are damaged (not readable after decompression), so it cannot be read. \
                 {RESCAN}"
            ),
            CardError::MissingIssuer => {
                write!(f, "The card does not say who issued it (no \"iss\"), so it cannot be checked. {REISSUE}")
            }
            CardError::InvalidTimeClaim(TimeClaim::NotBefore) => write!(
                f,
                "The card's issue date (\"nbf\") is not a number of seconds as required, so its validity cannot \
                 be checked. {REISSUE}"
            ),
            CardError::InvalidTimeClaim(TimeClaim::Expires) => write!(
                f,
                "The card's expiry date (\"exp\") is not a number of seconds as required, so its validity cannot \
                 be checked. {REISSUE}"
            ),
            CardError::MissingFhirBundle => write!(
                f,
                "The card holds no health record (no vc.credentialSubject.fhirBundle), so there is nothing to \
                 show. {REISSUE}"
            ),
            CardError::NotABundle => write!(
                f,
                "The card's health record is not a FHIR Bundle, as SMART Health Cards require, so it cannot be \
                 shown. {REISSUE}"
            ),
        }
    }
}

impl std::error::Error for CardError {}

impl CardError {
    /// The verification outcome for a card that could not be read: `Malformed`, with this
    /// error's words as the reason. `document` is the card's 1-based position in the text
    /// (its index in [`decode_cards`](crate::decode_cards)'s result plus one).
    pub fn verification(&self, document: u32) -> SourceVerification {
        SourceVerification {
            document,
            status: VerificationStatus::Malformed,
            issuer: String::new(),
            issuer_name: None,
            reason: self.to_string(),
        }
    }
}

/// Why one key of a key set (JWKS) cannot be used to check SMART Health Cards.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyProblem {
    /// The entry is not a JSON object.
    NotAnObject,
    /// `kty` is not `EC`.
    NotEllipticCurve,
    /// `crv` is not `P-256` (for example a P-384 key).
    WrongCurve,
    /// `use` is present and not `sig`.
    NotForSigning,
    /// `alg` is present and not `ES256`.
    WrongAlgorithm,
    /// `x` or `y` missing, not base64url, or not 32 bytes.
    BadCoordinates,
    /// `x`, `y` are not a point on P-256.
    NotOnCurve,
    /// `kid` is not the key's RFC 7638 JWK thumbprint.
    KidMismatch,
    /// The key includes its private part `d`.
    PrivateKeyIncluded,
}

impl fmt::Display for KeyProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            KeyProblem::NotAnObject => "is not a key (not a JSON object)",
            KeyProblem::NotEllipticCurve => {
                "is not an elliptic-curve key (\"kty\": \"EC\"), the only kind SMART Health Cards use"
            }
            KeyProblem::WrongCurve => "uses a curve other than P-256, the only one SMART Health Cards use",
            KeyProblem::NotForSigning => "is marked for a use other than signing (\"use\" is not \"sig\")",
            KeyProblem::WrongAlgorithm => "is for a signing method other than ES256, the one SMART Health Cards use",
            KeyProblem::BadCoordinates => "has missing or damaged coordinates (\"x\" and \"y\" must be 32 bytes each)",
            KeyProblem::NotOnCurve => "is not a valid P-256 public key (its point is not on the curve)",
            KeyProblem::KidMismatch => {
                "has a key ID (\"kid\") that is not the key's thumbprint, as SMART Health Cards require; the file \
                 may have been altered"
            }
            KeyProblem::PrivateKeyIncluded => {
                "includes its private part (\"d\"), which must never be shared; do not use this file, and tell \
                 whoever sent it"
            }
        })
    }
}

/// Why a key set, directory snapshot or revocation list could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TrustStoreError {
    /// The text is not JSON.
    NotJson,
    /// JSON without a `keys` list.
    NotAKeySet,
    /// A `keys` list with nothing in it.
    NoKeys,
    /// The issuer address given with a key set is empty or has spaces.
    InvalidIssuer,
    /// Key `index` (1-based) of a key set cannot be used; nothing from the file was loaded.
    Key {
        /// The key's 1-based position in the file's `keys` list.
        index: usize,
        /// What is wrong with it.
        problem: KeyProblem,
    },
    /// JSON without an `issuerInfo` list.
    NotADirectory,
    /// A revocation list that is not `{"kid", "method": "rid", "rids": [...]}`.
    CrlNotARevocationList,
    /// A revocation list whose `method` is not `rid`.
    CrlUnsupportedMethod,
    /// Entry `index` (1-based) of a revocation list's `rids` is not `rid` or `rid.timestamp`.
    CrlBadEntry {
        /// The entry's 1-based position in `rids`.
        index: usize,
    },
}

impl fmt::Display for TrustStoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrustStoreError::NotJson => write!(f, "This file is damaged or not a key file (it is not valid JSON)."),
            TrustStoreError::NotAKeySet => write!(
                f,
                "This file is not an issuer's key set: it has no \"keys\" list. An issuer's key set is found at \
                 the issuer's address followed by /.well-known/jwks.json."
            ),
            TrustStoreError::NoKeys => write!(f, "This key set has no keys in it, so nothing was loaded."),
            TrustStoreError::InvalidIssuer => write!(
                f,
                "The issuer's address is empty or has spaces in it; give the address exactly as the card names it \
                 (https://…)."
            ),
            TrustStoreError::Key { index, problem } => {
                write!(f, "Key {index} in this key set {problem}. No key from this file was loaded.")
            }
            TrustStoreError::NotADirectory => {
                write!(f, "This file is not an issuer directory snapshot (it has no \"issuerInfo\" list).")
            }
            TrustStoreError::CrlNotARevocationList => write!(
                f,
                "This file is not a SMART Health Card revocation list (it needs \"kid\", \"method\" and a \"rids\" \
                 list), so nothing was loaded."
            ),
            TrustStoreError::CrlUnsupportedMethod => write!(
                f,
                "This revocation list uses a method other than \"rid\", the only one Record Desk understands, so \
                 nothing was loaded."
            ),
            TrustStoreError::CrlBadEntry { index } => write!(
                f,
                "Entry {index} of this revocation list is damaged (it should be an identifier, optionally \
                 followed by a dot and a time in seconds), so nothing was loaded."
            ),
        }
    }
}

impl std::error::Error for TrustStoreError {}
