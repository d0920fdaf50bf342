//! The trust store: which issuers' keys are known, where each key came from, and which cards
//! their issuers have revoked. Built from data the caller supplies (the bundled directory,
//! key files, revocation lists); it fetches nothing.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::b64;
use crate::error::TrustStoreError;
use crate::jwk::{self, ParsedKey};

/// The bundled VCI directory snapshot, trimmed to what verification needs (see `data/README.md`).
const BUNDLED_DIRECTORY: &str = include_str!("../data/vci_issuers.json");

/// Where a key came from, which decides how far a good signature vouches for the card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeyOrigin {
    /// Listed for this issuer in the trust directory.
    Directory,
    /// Loaded by the user from a key file ([`TrustStore::add_issuer_jwks`]).
    UserLoaded,
}

#[derive(Clone, Debug)]
pub(crate) struct IssuerKey {
    pub parsed: ParsedKey,
    pub origin: KeyOrigin,
}

#[derive(Clone, Debug, Default)]
struct Issuer {
    /// The directory's name for the issuer; `None` for issuers only known from user key files.
    name: Option<String>,
    keys: Vec<IssuerKey>,
}

/// What the store knows about an issuer and key ID.
#[derive(Debug)]
pub(crate) enum KeyLookup<'a> {
    Found(&'a IssuerKey),
    /// The issuer is known (listed, or has user-loaded keys) but not this key.
    KeyNotFound {
        listed: bool,
    },
    IssuerUnknown,
}

/// Issuers, their public keys and revocation lists: everything [`verify`](crate::verify)
/// needs to decide whether a card is authentic, supplied by the caller (nothing is fetched).
///
/// Keys from the directory ([`TrustStore::bundled`], [`TrustStore::from_vci_snapshot`]) make
/// a card `Verified`; keys the user loads ([`TrustStore::add_issuer_jwks`]) only show that the
/// signature is sound (`ValidSignatureUnknownIssuer`).
#[derive(Clone, Debug, Default)]
pub struct TrustStore {
    issuers: BTreeMap<String, Issuer>,
    /// (iss, kid) → revoked `rid` → cut-off time (`None`: every card with that rid).
    crls: BTreeMap<(String, String), BTreeMap<String, Option<i64>>>,
    directory_time: Option<String>,
    skipped_keys: usize,
}

impl TrustStore {
    /// The VCI directory snapshot shipped with Record Desk (about 650 issuers and 960 keys),
    /// parsed on every call: keep the result rather than calling this per card.
    pub fn bundled() -> TrustStore {
        // The bundled file is checked by a test; an unreadable one would leave an empty store
        // (every card `IssuerNotFound`) rather than fail.
        TrustStore::from_vci_snapshot(BUNDLED_DIRECTORY).unwrap_or_default()
    }

    /// A store that knows no issuer: every card is `IssuerNotFound` until keys are added.
    pub fn empty() -> TrustStore {
        TrustStore::default()
    }

    /// Reads a VCI directory snapshot (`vci_snapshot.json` of the-commons-project/vci-directory,
    /// or the bundled trimmed copy): `{"time", "issuerInfo": [{"issuer": {"iss", "name"},
    /// "keys": [JWK…], "crls": [CRL…]}]}`. A key that is not a valid SMART Health Card key
    /// (wrong curve, `kid` not its thumbprint…) is skipped and counted
    /// ([`TrustStore::skipped_key_count`]); one bad key does not lose the directory.
    pub fn from_vci_snapshot(json: &str) -> Result<TrustStore, TrustStoreError> {
        let root: Value = serde_json::from_str(json).map_err(|_| TrustStoreError::NotJson)?;
        let infos = root.get("issuerInfo").and_then(Value::as_array).ok_or(TrustStoreError::NotADirectory)?;
        let mut store = TrustStore {
            directory_time: root.get("time").and_then(Value::as_str).map(str::to_owned),
            ..TrustStore::default()
        };
        for info in infos {
            let Some(iss) = info.pointer("/issuer/iss").and_then(Value::as_str) else {
                continue;
            };
            let name = info.pointer("/issuer/name").and_then(Value::as_str).unwrap_or(iss);
            let issuer = store.issuers.entry(iss.to_owned()).or_default();
            issuer.name = Some(name.to_owned());
            for key in info.get("keys").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default() {
                match jwk::parse_jwk(key) {
                    Ok(parsed) => add_key(issuer, parsed, KeyOrigin::Directory),
                    Err(_) => store.skipped_keys += 1,
                }
            }
            for crl in info.get("crls").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default() {
                // A damaged list in the directory is ignored like a damaged key.
                if let Ok((kid, rids)) = parse_crl(crl) {
                    merge_crl(&mut store.crls, iss, kid, rids);
                }
            }
        }
        Ok(store)
    }

    /// Adds an issuer's key set (its `/.well-known/jwks.json`) that the user loaded, for the
    /// issuer address `iss` exactly as cards name it. Every key must be a SMART Health Card
    /// key (EC P-256, `kid` equal to its RFC 7638 thumbprint, no private part), or nothing is
    /// loaded and the error names the first bad key. Returns the number of keys in the file.
    ///
    /// Signatures made with these keys verify, but the card's status is
    /// `ValidSignatureUnknownIssuer`: only the directory vouches for who an issuer is.
    pub fn add_issuer_jwks(&mut self, iss: &str, jwks_json: &str) -> Result<usize, TrustStoreError> {
        if iss.is_empty() || iss.chars().any(char::is_whitespace) {
            return Err(TrustStoreError::InvalidIssuer);
        }
        let root: Value = serde_json::from_str(jwks_json).map_err(|_| TrustStoreError::NotJson)?;
        let keys = root.get("keys").and_then(Value::as_array).ok_or(TrustStoreError::NotAKeySet)?;
        if keys.is_empty() {
            return Err(TrustStoreError::NoKeys);
        }
        let parsed = keys
            .iter()
            .enumerate()
            .map(|(i, key)| jwk::parse_jwk(key).map_err(|problem| TrustStoreError::Key { index: i + 1, problem }))
            .collect::<Result<Vec<_>, _>>()?;
        let count = parsed.len();
        let issuer = self.issuers.entry(iss.to_owned()).or_default();
        for key in parsed {
            add_key(issuer, key, KeyOrigin::UserLoaded);
        }
        Ok(count)
    }

    /// Adds an issuer's card revocation list (`/.well-known/crl/<kid>.json`):
    /// `{"kid", "method": "rid", "ctr", "rids": ["rid" or "rid.timestamp", …]}`. A `.timestamp`
    /// revokes only cards issued (`nbf`) at or before that time. Lists for the same key are
    /// merged (revocations are never withdrawn). Returns the number of entries read.
    pub fn add_crl(&mut self, iss: &str, crl_json: &str) -> Result<usize, TrustStoreError> {
        if iss.is_empty() || iss.chars().any(char::is_whitespace) {
            return Err(TrustStoreError::InvalidIssuer);
        }
        let root: Value = serde_json::from_str(crl_json).map_err(|_| TrustStoreError::NotJson)?;
        let (kid, rids) = parse_crl(&root)?;
        let count = rids.len();
        merge_crl(&mut self.crls, iss, kid, rids);
        Ok(count)
    }

    /// The number of issuers known (listed in the directory or with user-loaded keys).
    pub fn issuer_count(&self) -> usize {
        self.issuers.len()
    }

    /// The number of usable keys, over all issuers.
    pub fn key_count(&self) -> usize {
        self.issuers.values().map(|i| i.keys.len()).sum()
    }

    /// The directory's name for an issuer (`None` when `iss` is not listed in the directory).
    pub fn issuer_name(&self, iss: &str) -> Option<&str> {
        self.issuers.get(iss).and_then(|i| i.name.as_deref())
    }

    /// When the directory snapshot was taken (its `time`, e.g. `2026-08-22T04:43:50Z`).
    pub fn directory_time(&self) -> Option<&str> {
        self.directory_time.as_deref()
    }

    /// Keys in the directory that were skipped because they are not valid SMART Health Card keys.
    pub fn skipped_key_count(&self) -> usize {
        self.skipped_keys
    }

    pub(crate) fn lookup(&self, iss: &str, kid: &str) -> KeyLookup<'_> {
        match self.issuers.get(iss) {
            None => KeyLookup::IssuerUnknown,
            Some(issuer) => match issuer.keys.iter().find(|k| k.parsed.kid == kid) {
                Some(key) => KeyLookup::Found(key),
                None => KeyLookup::KeyNotFound { listed: issuer.name.is_some() },
            },
        }
    }

    /// Whether a loaded revocation list for (`iss`, `kid`) covers a card with `rid` issued at
    /// `not_before`. A `rid.timestamp` entry revokes cards whose `nbf` is at or before the
    /// timestamp, and cards without `nbf` (their issue time cannot be shown to be later).
    pub(crate) fn is_revoked(&self, iss: &str, kid: &str, rid: &str, not_before: Option<i64>) -> bool {
        let Some(list) = self.crls.get(&(iss.to_owned(), kid.to_owned())) else {
            return false;
        };
        match list.get(rid) {
            None => false,
            Some(None) => true,
            Some(Some(cutoff)) => not_before.is_none_or(|nbf| nbf <= *cutoff),
        }
    }

    /// Whether any revocation list is loaded for this key.
    pub(crate) fn has_crl(&self, iss: &str, kid: &str) -> bool {
        self.crls.contains_key(&(iss.to_owned(), kid.to_owned()))
    }
}

fn add_key(issuer: &mut Issuer, parsed: ParsedKey, origin: KeyOrigin) {
    // The same key twice (a user loading a key the directory already has) keeps the first.
    if !issuer.keys.iter().any(|k| k.parsed.kid == parsed.kid) {
        issuer.keys.push(IssuerKey { parsed, origin });
    }
}

type RidList = Vec<(String, Option<i64>)>;

fn parse_crl(root: &Value) -> Result<(&str, RidList), TrustStoreError> {
    let kid = root.get("kid").and_then(Value::as_str).filter(|k| !k.is_empty());
    let method = root.get("method").and_then(Value::as_str);
    let rids = root.get("rids").and_then(Value::as_array);
    let (Some(kid), Some(method), Some(rids)) = (kid, method, rids) else {
        return Err(TrustStoreError::CrlNotARevocationList);
    };
    if method != "rid" {
        return Err(TrustStoreError::CrlUnsupportedMethod);
    }
    let entries = rids
        .iter()
        .enumerate()
        .map(|(i, entry)| parse_rid_entry(entry).ok_or(TrustStoreError::CrlBadEntry { index: i + 1 }))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((kid, entries))
}

/// `rid` or `rid.timestamp`: the rid in the base64url alphabet, the timestamp decimal seconds.
fn parse_rid_entry(entry: &Value) -> Option<(String, Option<i64>)> {
    let text = entry.as_str()?;
    let (rid, cutoff) = match text.split_once('.') {
        None => (text, None),
        Some((rid, ts)) => {
            if ts.is_empty() || !ts.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            (rid, Some(ts.parse::<i64>().ok()?))
        }
    };
    (!rid.is_empty() && rid.bytes().all(b64::is_b64url_byte)).then(|| (rid.to_owned(), cutoff))
}

fn merge_crl(
    crls: &mut BTreeMap<(String, String), BTreeMap<String, Option<i64>>>,
    iss: &str,
    kid: &str,
    rids: RidList,
) {
    let list = crls.entry((iss.to_owned(), kid.to_owned())).or_default();
    for (rid, cutoff) in rids {
        let merged = match (list.get(&rid), cutoff) {
            // Revoking every card with the rid covers any cut-off; a later cut-off covers more cards.
            (Some(None), _) | (_, None) => None,
            (Some(Some(old)), Some(new)) => Some((*old).max(new)),
            (None, Some(new)) => Some(new),
        };
        list.insert(rid, merged);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rid_entries() {
        assert_eq!(parse_rid_entry(&"abc_-1".into()), Some(("abc_-1".to_owned(), None)));
        assert_eq!(parse_rid_entry(&"abc.1636977600".into()), Some(("abc".to_owned(), Some(1_636_977_600))));
        assert_eq!(parse_rid_entry(&"abc.".into()), None);
        assert_eq!(parse_rid_entry(&"abc.12.3".into()), None);
        assert_eq!(parse_rid_entry(&"a c".into()), None);
        assert_eq!(parse_rid_entry(&".123".into()), None);
        assert_eq!(parse_rid_entry(&Value::from(5)), None);
    }

    #[test]
    fn revocation_cutoffs_merge_towards_revoking_more() {
        let mut store = TrustStore::empty();
        let iss = "https://issuer.example";
        store.add_crl(iss, r#"{"kid":"k","method":"rid","ctr":1,"rids":["a.100","b"]}"#).unwrap();
        store.add_crl(iss, r#"{"kid":"k","method":"rid","ctr":"2","rids":["a.200","b.50"]}"#).unwrap();
        assert!(store.is_revoked(iss, "k", "a", Some(200)));
        assert!(!store.is_revoked(iss, "k", "a", Some(201)));
        assert!(store.is_revoked(iss, "k", "a", None));
        assert!(store.is_revoked(iss, "k", "b", Some(i64::MAX)));
        assert!(!store.is_revoked(iss, "other", "a", Some(0)));
        assert!(!store.is_revoked(iss, "k", "c", Some(0)));
    }

    #[test]
    fn crl_errors() {
        let mut store = TrustStore::empty();
        let iss = "https://issuer.example";
        assert_eq!(store.add_crl(iss, "nope"), Err(TrustStoreError::NotJson));
        assert_eq!(store.add_crl(iss, r#"{"kid":"k","rids":[]}"#), Err(TrustStoreError::CrlNotARevocationList));
        assert_eq!(
            store.add_crl(iss, r#"{"kid":"k","method":"x","rids":[]}"#),
            Err(TrustStoreError::CrlUnsupportedMethod)
        );
        assert_eq!(
            store.add_crl(iss, r#"{"kid":"k","method":"rid","rids":["ok","bad.x"]}"#),
            Err(TrustStoreError::CrlBadEntry { index: 2 })
        );
        assert_eq!(store.add_crl("", r#"{"kid":"k","method":"rid","rids":[]}"#), Err(TrustStoreError::InvalidIssuer));
        assert!(!store.has_crl(iss, "k"));
    }
}
