//! The Record Desk browser app: UI and browser glue over the library crates. This is the first
//! module the browser loads: the shell and reading the record. The screens after it (verification,
//! review, report) are a second module, `web/desk/`, which `desk_host` opens on the chosen record.
//!
//! Architecture invariant: nothing here decides policy (what a recipient may see, who may
//! receive a record). This crate shows what the libraries decide and carries the user's
//! input to them. It persists nothing: no storage APIs, no cookies, no data in the URL.
#![cfg(target_arch = "wasm32")]

mod app;
mod camera;
mod clinic;
mod desk_host;
mod directory;
mod intake;
mod kiosk;
mod language;
mod link;
mod scanner;

use wasm_bindgen::prelude::*;

thread_local! {
    /// The element the app is mounted in: the desk's own element goes beside it, never inside.
    static APP_ROOT: std::cell::RefCell<Option<web_sys::Element>> = const { std::cell::RefCell::new(None) };
}

/// Mounts the app into `root`. Called by `www/loader.js` once the module is initialised.
#[wasm_bindgen]
pub fn start(root: web_sys::Element) {
    APP_ROOT.with(|app_root| *app_root.borrow_mut() = Some(root.clone()));
    yew::Renderer::<app::App>::with_root(root).render();
}

/// Warms the reading path up (see `intake::warm_up`). Called by `www/loader.js` once the
/// browser is idle after the first screen; it shows nothing and keeps nothing.
#[wasm_bindgen]
pub async fn warm_up() {
    intake::warm_up().await;
}

/// Where [`start`] mounted the app, if it did (the browser tests mount it elsewhere).
pub(crate) fn app_root() -> Option<web_sys::Element> {
    APP_ROOT.with(|app_root| app_root.borrow().clone())
}
