//! Why a picture gave no text, in words for the person at the desk.

use std::fmt;

/// Why no QR code text could be taken from a picture. The [`Display`](fmt::Display) text is
/// written for the person at the front desk: what happened and what to try next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QrError {
    /// The bytes are neither a PNG nor a JPEG picture.
    NotAnImage,
    /// The picture is a PNG or JPEG but is corrupt or cut short, or a camera frame's size does
    /// not match its pixel data.
    ImageUnreadable,
    /// The picture is larger than [`MAX_PIXELS`](crate::MAX_PIXELS); refused before decoding.
    ImageTooLarge,
    /// The picture was read but no QR code was seen in it.
    NoCodeFound,
    /// A QR code was seen but could not be read: damaged, covered, blurred or too small.
    CodeUnreadable,
}

impl fmt::Display for QrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            QrError::NotAnImage => {
                "This file is not a picture that can be checked for a QR code. Please use a photo or \
                 screenshot saved as PNG or JPEG."
            }
            QrError::ImageUnreadable => {
                "This picture could not be opened: the file seems damaged or incomplete. Please take or \
                 save the picture again and try once more."
            }
            QrError::ImageTooLarge => {
                "This picture is too large to check (more than 50 megapixels). Please use a normal phone \
                 photo or a screenshot instead."
            }
            QrError::NoCodeFound => {
                "No QR code was found in this picture. Make sure the whole code is in the frame, in focus \
                 and well lit, then try again."
            }
            QrError::CodeUnreadable => {
                "A QR code was found but could not be read. It may be damaged, creased, covered or blurred. \
                 Flatten the card, hold it steady and closer, and try again; if it still fails, ask for a \
                 new copy of the card."
            }
        })
    }
}

impl std::error::Error for QrError {}
