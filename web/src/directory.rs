//! The SMART Health Card issuer directory (the VCI list of trusted issuers and their keys):
//! fetched once after the first screen, kept only in memory. It is a separate file so its
//! keys (80 KB, incompressible) do not slow the first load.

use std::cell::RefCell;
use std::rc::Rc;

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
    static DIRECTORY: RefCell<Option<Rc<TrustStore>>> = const { RefCell::new(None) };
}

/// Runs `read` with the directory when it has loaded, or with an empty store before that
/// (cards then read as "issuer not known", and are read again once it arrives).
pub fn with_trust_store<R>(read: impl FnOnce(&TrustStore) -> R) -> R {
    match DIRECTORY.with(|slot| slot.borrow().clone()) {
        Some(store) => read(&store),
        None => read(&TrustStore::empty()),
    }
}

/// Fetches and parses the directory, keeping it for [`with_trust_store`].
pub async fn load() -> DirectoryState {
    match fetch_text(ISSUER_DIRECTORY_URL).await {
        Ok(text) => match TrustStore::from_vci_snapshot(&text) {
            Ok(store) => {
                let issuers = store.issuer_count();
                DIRECTORY.with(|slot| *slot.borrow_mut() = Some(Rc::new(store)));
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
