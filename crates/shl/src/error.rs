//! [`LinkError`]: everything that can go wrong between a pasted link and a decrypted file, each
//! with a message written for the person at the front desk.
//!
//! Messages never contain the link's key, its manifest address (whose path is a secret), a
//! passcode or any value taken from a file: they may be shown on screen or end up in a log.

use core::fmt;

/// Why a SMART Health Link could not be read, fetched or decrypted.
///
/// The [`Display`](fmt::Display) text is meant for the person at the front desk: it says what
/// happened and what to do next, and it never quotes the key, the address, the passcode or the
/// records. The `problem` strings carried by some variants are written by this crate, never
/// copied from the input.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LinkError {
    /// The text contains no `shlink:/` link (bare, or after a viewer address's `#`).
    NotALink,
    /// The part after `shlink:/` is not base64url-encoded JSON object text: the link was cut
    /// short or changed when it was copied.
    DamagedLink,
    /// A property the link must have (`url` or `key`) is missing.
    MissingField {
        /// The property's name in the link payload.
        field: &'static str,
    },
    /// A property is present but has the wrong type or an impossible value (`exp`, `flag`,
    /// `label`, `v`, or a `url`/`key` that is not a string).
    InvalidField {
        /// The property's name in the link payload.
        field: &'static str,
    },
    /// The key is not 43 base64url characters (32 bytes).
    BadKey,
    /// The address is not a usable web address (no host, user name in it, spaces, other scheme).
    BadUrl,
    /// The address is plain `http` to a host other than this machine (`localhost`, `127.0.0.1`,
    /// `[::1]`, which are allowed for tests).
    InsecureUrl,
    /// The label is longer than the 80 characters the specification allows.
    LabelTooLong {
        /// The label's length in characters.
        chars: usize,
    },
    /// The link declares a protocol version (`v`) newer than the one this crate implements (1).
    UnsupportedVersion {
        /// The version the link declares.
        version: u32,
    },
    /// The link's expiry time (`exp`) has passed.
    Expired {
        /// The expiry time, in seconds since 1970-01-01 00:00 UTC.
        expired_at: i64,
    },
    /// The link has both the `P` (passcode) and `U` (direct file) flags, which the
    /// specification forbids.
    ConflictingFlags,
    /// The link has the `P` flag and no passcode was given.
    PasscodeRequired,
    /// No recipient was given; the specification requires one with every request.
    RecipientRequired,
    /// The server answered 401: the passcode was wrong.
    WrongPasscode {
        /// How many more tries the server allows before it disables the link, if it said.
        remaining_attempts: Option<u32>,
    },
    /// The server answered 404 (or 410): the link is no longer active.
    LinkNotFound,
    /// The server answered 429: requests for this link came too often.
    TooManyRequests,
    /// The server answered with another error status.
    ServerError {
        /// The HTTP status code.
        status: u16,
    },
    /// The manifest (the server's list of files) is not in the form the specification gives.
    BadManifest {
        /// What is wrong, in words written by this crate.
        problem: &'static str,
    },
    /// The encrypted file is not a well-formed compact JWE.
    MalformedFile {
        /// What is wrong, in words written by this crate.
        problem: &'static str,
    },
    /// The file is encrypted or compressed with an algorithm other than the specification's
    /// (`alg: "dir"`, `enc: "A256GCM"`, optional `zip: "DEF"`), or declares critical headers.
    UnsupportedEncryption {
        /// What is unsupported, in words written by this crate.
        problem: &'static str,
    },
    /// AES-GCM authentication failed: the key is not this file's key, or the file (or its
    /// header) was changed after it was encrypted.
    DecryptionFailed,
    /// The decrypted (and inflated) file would be larger than the limit.
    FileTooLarge {
        /// The limit, in bytes.
        limit_bytes: usize,
    },
    /// The file says it is DEFLATE-compressed (`zip: "DEF"`) but its contents do not inflate.
    BadCompression,
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotALink => f.write_str(
                "This is not a SMART Health Link. A SMART Health Link starts with \"shlink:/\", or has \
                 \"#shlink:/\" after a web address.",
            ),
            Self::DamagedLink => f.write_str(
                "This SMART Health Link is damaged and cannot be read: it may have been cut short or changed \
                 when it was copied. Ask the person who shared it to send it again.",
            ),
            Self::MissingField { field } => write!(
                f,
                "This SMART Health Link is incomplete (it has no \"{field}\"). Ask the person who shared it to \
                 send it again."
            ),
            Self::InvalidField { field } => write!(
                f,
                "This SMART Health Link is not valid (its \"{field}\" is not in the form the standard requires). \
                 Ask the person who shared it for a new link."
            ),
            Self::BadKey => f.write_str(
                "This SMART Health Link's key is damaged (it must be 43 letters, digits, \"-\" or \"_\"), so the \
                 records could not be unlocked. Ask the person who shared it to send it again.",
            ),
            Self::BadUrl => f.write_str(
                "This SMART Health Link does not contain a usable web address for the records. Ask the person \
                 who shared it for a new link.",
            ),
            Self::InsecureUrl => f.write_str(
                "This SMART Health Link points to an address that is not secure (it does not start with \
                 https://), so it was not opened.",
            ),
            Self::LabelTooLong { chars } => write!(
                f,
                "This SMART Health Link is not valid: its description is {chars} characters long, and the \
                 standard allows at most 80. Ask the person who shared it for a new link."
            ),
            Self::UnsupportedVersion { version } => write!(
                f,
                "This SMART Health Link uses a newer version of the standard (version {version}) than this app \
                 supports, so it was not opened."
            ),
            Self::Expired { expired_at } => write!(
                f,
                "The link has expired (it was valid until {}). Ask the person who shared it for a new link.",
                UtcMinute(*expired_at)
            ),
            Self::ConflictingFlags => f.write_str(
                "This SMART Health Link is not valid: it asks for a passcode and also offers its file without \
                 one, which the standard does not allow. Ask the person who shared it for a new link.",
            ),
            Self::PasscodeRequired => {
                f.write_str("This SMART Health Link needs a passcode. Ask the person who shared it for the passcode.")
            }
            Self::RecipientRequired => f.write_str(
                "Enter who is receiving the records (your name or your organization's) before opening the link: \
                 the person who shared it can see who opened it.",
            ),
            Self::WrongPasscode { remaining_attempts } => match remaining_attempts {
                Some(0) => f.write_str(
                    "The passcode is not correct, and no tries are left: the link has been switched off. Ask \
                     the person who shared it for a new link.",
                ),
                Some(1) => f.write_str(
                    "The passcode is not correct. Only 1 more try is allowed before the link is switched off: \
                     check the passcode with the person who shared it first.",
                ),
                Some(n) => write!(
                    f,
                    "The passcode is not correct. {n} more tries are allowed before the link is switched off."
                ),
                None => f.write_str(
                    "The passcode is not correct. Check it with the person who shared the link: after too many \
                     wrong tries the link is switched off.",
                ),
            },
            Self::LinkNotFound => f.write_str(
                "This SMART Health Link is no longer active: it may have been withdrawn, used up or expired. Ask \
                 the person who shared it for a new link.",
            ),
            Self::TooManyRequests => f.write_str(
                "The server holding the records says this link was opened too often in a short time. Wait a few \
                 minutes, then try again.",
            ),
            Self::ServerError { status } => write!(
                f,
                "The server holding the records could not answer (HTTP status {status}). Try again later; if it \
                 keeps happening, ask the person who shared the link."
            ),
            Self::BadManifest { problem } => write!(
                f,
                "The server's list of shared files could not be read ({problem}). Try again later, or ask the \
                 person who shared the link."
            ),
            Self::MalformedFile { problem } => write!(
                f,
                "A shared file is damaged and cannot be opened ({problem}). Ask the person who shared the link \
                 to share it again."
            ),
            Self::UnsupportedEncryption { problem } => write!(
                f,
                "A shared file is locked in a way this app does not support ({problem}), so it was not opened."
            ),
            Self::DecryptionFailed => f.write_str(
                "A shared file could not be unlocked with this link's key: the link may have been copied \
                 incompletely, or the file was changed after it was shared. Ask the person who shared it to send \
                 the link again.",
            ),
            Self::FileTooLarge { limit_bytes } => {
                write!(f, "A shared file is too large to open here (more than {} once unpacked).", Size(*limit_bytes))
            }
            Self::BadCompression => f.write_str(
                "A shared file is damaged: it was unlocked, but its compressed contents could not be unpacked. \
                 Ask the person who shared the link to share it again.",
            ),
        }
    }
}

impl std::error::Error for LinkError {}

/// A byte count in decimal units, rounded down (so "more than" stays true).
struct Size(usize);

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            n if n >= 1_000_000 => write!(f, "{} MB", n / 1_000_000),
            n if n >= 1_000 => write!(f, "{} kB", n / 1_000),
            n => write!(f, "{n} bytes"),
        }
    }
}

/// Seconds since the Unix epoch, shown as `2024-05-01 12:00 UTC` (proleptic Gregorian calendar).
struct UtcMinute(i64);

impl fmt::Display for UtcMinute {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.0.div_euclid(86_400);
        let seconds = self.0.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        write!(f, "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC", seconds / 3600, seconds % 3600 / 60)
    }
}

/// Days since 1970-01-01 to (year, month, day); Howard Hinnant's `civil_from_days`. Cannot
/// overflow for any `i64` number of seconds divided by 86,400.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11], March-based
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_minute_formats_known_instants() {
        assert_eq!(UtcMinute(0).to_string(), "1970-01-01 00:00 UTC");
        assert_eq!(UtcMinute(1_714_564_800).to_string(), "2024-05-01 12:00 UTC");
        assert_eq!(UtcMinute(951_825_599).to_string(), "2000-02-29 11:59 UTC");
        assert_eq!(UtcMinute(-1).to_string(), "1969-12-31 23:59 UTC");
        assert_eq!(UtcMinute(4_102_444_800).to_string(), "2100-01-01 00:00 UTC");
        // The extremes format without overflowing.
        assert!(UtcMinute(i64::MAX).to_string().ends_with(" UTC"));
        assert!(UtcMinute(i64::MIN).to_string().ends_with(" UTC"));
    }

    #[test]
    fn sizes_round_down() {
        assert_eq!(Size(32 * 1024 * 1024).to_string(), "33 MB");
        assert_eq!(Size(4_999).to_string(), "4 kB");
        assert_eq!(Size(999).to_string(), "999 bytes");
    }
}
