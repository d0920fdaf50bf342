//! Whether a decoded card is authentic: its key, its signature, revocation and validity
//! period, against a trust store and a clock the caller supplies.

use p256::ecdsa::Signature;
use p256::ecdsa::signature::Verifier;
use recdesk_record::{SourceVerification, VerificationStatus};

use crate::card::DecodedCard;
use crate::trust::{KeyLookup, KeyOrigin, TrustStore};

/// How far in the future a card's issue time (`nbf`) may be before it counts as not yet
/// valid: clocks differ, and an issuer's may be ahead of the desk's.
pub const NOT_BEFORE_LEEWAY_SECONDS: i64 = 300;

const LOAD_KEYS: &str =
    "load the issuer's key file (the issuer's address followed by /.well-known/jwks.json) to check it";

/// Checks a decoded card: the key it names (by issuer and `kid`), its ES256 signature,
/// the issuer's revocation list when one is loaded, and `exp` / `nbf` against
/// `now_unix_seconds`. The first problem decides the status, in this order: a malformed
/// signature, no key, a wrong signature, revoked, expired or not yet valid.
pub fn verify(card: &DecodedCard, trust: &TrustStore, now_unix_seconds: i64) -> SourceVerification {
    let issuer_name = trust.issuer_name(&card.issuer);
    let outcome = |status: VerificationStatus, reason: String| SourceVerification {
        document: card.document,
        status,
        issuer: card.issuer.clone(),
        issuer_name: issuer_name.map(str::to_owned),
        reason,
    };
    let the_issuer = issuer_name.unwrap_or("this issuer");

    if card.signature.len() != 64 {
        let der = card.signature.len() > 64 && card.signature.first() == Some(&0x30);
        let form = if der { " (it is in DER form, not the raw form SMART Health Cards use)" } else { "" };
        return outcome(
            VerificationStatus::Malformed,
            format!(
                "The card's signature has the wrong format{form}: it must be 64 bytes and is {}, so it cannot be \
                 checked. The issuer made the card incorrectly; ask them for a new card.",
                card.signature.len()
            ),
        );
    }

    let key = match trust.lookup(&card.issuer, &card.header.kid) {
        KeyLookup::Found(key) => key,
        KeyLookup::KeyNotFound { listed: true } => {
            return outcome(
                VerificationStatus::IssuerNotFound,
                format!(
                    "{the_issuer} is in the trusted issuer directory, but the key this card was signed with is not \
                     (it may be newer than the directory), so the signature could not be checked offline. The card \
                     may be genuine: {LOAD_KEYS}."
                ),
            );
        }
        KeyLookup::KeyNotFound { listed: false } => {
            return outcome(
                VerificationStatus::IssuerNotFound,
                format!(
                    "The keys loaded for this issuer do not include the one this card was signed with, so the \
                     signature could not be checked. The card may be genuine: {LOAD_KEYS}."
                ),
            );
        }
        KeyLookup::IssuerUnknown => {
            return outcome(
                VerificationStatus::IssuerNotFound,
                format!(
                    "The card's issuer is not in the trusted issuer directory and no key for it has been loaded, so \
                     the signature could not be checked offline. The card may be genuine: {LOAD_KEYS}."
                ),
            );
        }
    };

    let Ok(signature) = Signature::from_slice(&card.signature) else {
        return outcome(
            VerificationStatus::InvalidSignature,
            "The card's signature is not a valid signature value, so the card cannot be trusted. Do not accept it."
                .to_owned(),
        );
    };
    if key.parsed.key.verify(card.signing_input.as_bytes(), &signature).is_err() {
        return outcome(
            VerificationStatus::InvalidSignature,
            "The signature does not match the card: it was changed after it was issued, or it was not signed by \
             the issuer's key it names. Do not accept it."
                .to_owned(),
        );
    }

    if let Some(rid) = &card.revocation_id {
        if trust.is_revoked(&card.issuer, &card.header.kid, rid, card.not_before) {
            return outcome(
                VerificationStatus::Revoked,
                format!(
                    "The signature is valid, but {the_issuer} has revoked (withdrawn) this card. Do not accept it; \
                     the person can ask the issuer for a current card."
                ),
            );
        }
    }
    if card.expires.is_some_and(|exp| now_unix_seconds > exp) {
        return outcome(
            VerificationStatus::Expired,
            "The signature is valid, but the card's expiry date has passed, so the issuer no longer vouches for \
             it. Ask for a current card."
                .to_owned(),
        );
    }
    if card.not_before.is_some_and(|nbf| nbf > now_unix_seconds.saturating_add(NOT_BEFORE_LEEWAY_SECONDS)) {
        return outcome(
            VerificationStatus::Expired,
            "The signature is valid, but the card says it was issued in the future, so it is not valid yet. Check \
             this computer's date and time."
                .to_owned(),
        );
    }

    let revocation_note = if key.parsed.crl_version.is_some() && !trust.has_crl(&card.issuer, &card.header.kid) {
        " The issuer publishes a list of revoked cards, which has not been loaded, so revocation was not checked."
    } else {
        ""
    };
    match (key.origin, issuer_name) {
        (KeyOrigin::Directory, _) => {
            let as_of = trust.directory_time().and_then(|t| t.get(..10)).map(|d| format!(" (as of {d})"));
            outcome(
                VerificationStatus::Verified,
                format!(
                    "The signature is valid and was made with a key of {the_issuer}, which is listed in the trusted \
                     issuer directory{}.{revocation_note}",
                    as_of.unwrap_or_default()
                ),
            )
        }
        (KeyOrigin::UserLoaded, Some(name)) => outcome(
            VerificationStatus::ValidSignatureUnknownIssuer,
            format!(
                "The signature is valid with a key that was loaded by hand, but the trusted issuer directory does \
                 not list that key for {name}, so the card is not confirmed as theirs.{revocation_note}"
            ),
        ),
        (KeyOrigin::UserLoaded, None) => outcome(
            VerificationStatus::ValidSignatureUnknownIssuer,
            format!(
                "The signature is valid with a key that was loaded by hand, but the issuer is not in the trusted \
                 issuer directory, so who issued the card is not confirmed.{revocation_note}"
            ),
        ),
    }
}
