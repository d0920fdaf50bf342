//! Base64url as links and JWEs use it: the URL-safe alphabet; `=` padding, which neither should
//! carry, is ignored when decoding.

use base64::Engine as _;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

/// Decodes base64url without padding. Non-zero trailing bits in the last
/// character are allowed, as JavaScript decoders (and so most senders' test tools) allow them.
const ENGINE: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone)
        .with_decode_allow_trailing_bits(true),
);

/// The bytes `text` encodes (any trailing `=` ignored), or `None` if it is not base64url.
pub(crate) fn decode(text: &str) -> Option<Vec<u8>> {
    ENGINE.decode(text.trim_end_matches('=')).ok()
}
