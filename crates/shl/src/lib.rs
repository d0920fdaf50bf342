//! Reads SMART Health Links (HL7 SMART Health Cards and Links IG, STU1; the `shlink:/`
//! protocol, version 1).
//!
//! A receiving application goes through four steps; this crate is each step as a pure
//! function, and the browser app performs the requests in between:
//!
//! 1. [`parse_link`]: the `shlink:/…` text (bare, or after a viewer address's `#`) becomes a
//!    [`LinkPayload`]: the manifest address, the 32-byte key, flags, expiry and label.
//! 2. [`plan_fetch`]: given who is asking, an optional passcode and the current time, say what
//!    to request: `POST` a manifest request ([`FetchPlan::Manifest`]) or, for a `U` link, `GET`
//!    the single file ([`FetchPlan::DirectFile`]).
//! 3. [`parse_manifest`] reads a 200 answer into [`ManifestFile`]s (embedded, or at a
//!    `location` to `GET`); [`manifest_failure`] turns any other answer into a [`LinkError`]
//!    (wrong passcode with the tries left, link no longer active, too many requests).
//! 4. [`decrypt_file`]: each file is a compact JWE (`alg: "dir"`, `enc: "A256GCM"`, optional
//!    `zip: "DEF"`), decrypted with the link's key into a [`DecryptedFile`] whose content type
//!    says how to read it (SMART Health Card, FHIR JSON, SMART API access).
//!
//! Architecture invariants: no I/O, no clock (the caller passes the time), no randomness, and
//! no panics whatever the input (a property test and a cargo-fuzz target hold it to that); the
//! crate builds for `wasm32-unknown-unknown`. Error messages ([`LinkError`]'s `Display`) are
//! written for the person at the front desk and never contain the key, the address's secret
//! path, the passcode or the records; the `Debug` output of every type hides them too.

#![warn(missing_docs)]

mod b64;
mod error;
mod fetch;
mod jwe;
mod link;
mod url;

pub use error::LinkError;
pub use fetch::{ContentKind, FetchPlan, Manifest, ManifestFile, manifest_failure, parse_manifest, plan_fetch};
pub use jwe::{DecryptedFile, MAX_FILE_BYTES, decrypt_file, decrypt_file_with_limit};
pub use link::{LinkFlags, LinkPayload, MAX_LABEL_CHARS, SUPPORTED_VERSION, parse_link};
