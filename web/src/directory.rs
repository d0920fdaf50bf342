//! The SMART Health Card issuer directory (the VCI list of trusted issuers and their keys):
//! fetched once after the first screen, kept only in memory. It is a separate file so its
//! keys (80 KB, incompressible) do not slow the first load.

use std::cell::RefCell;

use recdesk_intake::TrustStore;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Beside index.html in the built site (see xtask/src/site.rs).
pub const ISSUER_DIRECTORY_URL: &str = "vci-issuers.json";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DirectoryState {
    Loading,
    Ready {
        issuers: usize,
    },
    /// Why it could not be loaded, in words for the desk.
    Failed(String),
}

thread_local! {
    /// The directory once loaded (empty before), plus the key sets the user loaded.
    static TRUST_STORE: RefCell<TrustStore> = RefCell::new(TrustStore::empty());
    /// Key sets the user loaded, (issuer, JWKS text): applied again when the directory arrives.
    static USER_KEY_SETS: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
    /// The directory alone, as loaded: what the trust store returns to when a session ends.
    static DIRECTORY: RefCell<TrustStore> = RefCell::new(TrustStore::empty());
}

/// Forgets the key sets the user loaded (a session's choices end with it); the directory stays.
pub fn forget_user_keys() {
    USER_KEY_SETS.with(|sets| sets.borrow_mut().clear());
    let directory = DIRECTORY.with(|directory| directory.borrow().clone());
    TRUST_STORE.with(|store| *store.borrow_mut() = directory);
}

/// Runs `read` with the trust store: the directory when it has loaded (cards read before it
/// arrives are read again then), and any key sets the user loaded.
pub fn with_trust_store<R>(read: impl FnOnce(&TrustStore) -> R) -> R {
    TRUST_STORE.with(|store| read(&store.borrow()))
}

/// Adds an issuer's key set (its /.well-known/jwks.json) that the user opened. Cards it
/// verifies are reported as "valid signature, issuer not in the directory", never "verified".
pub fn add_issuer_keys(issuer: &str, jwks: &str) -> Result<usize, String> {
    let added =
        TRUST_STORE.with(|store| store.borrow_mut().add_issuer_jwks(issuer, jwks)).map_err(|e| e.to_string())?;
    USER_KEY_SETS.with(|sets| sets.borrow_mut().push((issuer.to_owned(), jwks.to_owned())));
    Ok(added)
}

/// Fetches and parses the directory, keeping it for [`with_trust_store`].
pub async fn load() -> DirectoryState {
    match fetch_text(ISSUER_DIRECTORY_URL).await {
        Ok(text) => match TrustStore::from_vci_snapshot(&text) {
            Ok(mut store) => {
                let issuers = store.issuer_count();
                DIRECTORY.with(|directory| *directory.borrow_mut() = store.clone());
                USER_KEY_SETS.with(|sets| {
                    for (issuer, jwks) in sets.borrow().iter() {
                        // These loaded once already, so they load again.
                        let _ = store.add_issuer_jwks(issuer, jwks);
                    }
                });
                TRUST_STORE.with(|slot| *slot.borrow_mut() = store);
                DirectoryState::Ready { issuers }
            }
            Err(error) => DirectoryState::Failed(format!("the directory file is damaged ({error})")),
        },
        Err(reason) => DirectoryState::Failed(reason),
    }
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("there is no browser window")?;
    let unreachable = || "it could not be fetched (is this device offline?)".to_owned();
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| unreachable())?
        .dyn_into()
        .map_err(|_| unreachable())?;
    if !response.ok() {
        return Err(format!("the server answered {} {}", response.status(), response.status_text()));
    }
    let text = JsFuture::from(response.text().map_err(|_| unreachable())?).await.map_err(|_| unreachable())?;
    text.as_string().ok_or_else(unreachable)
}
