//! The Record Desk browser app: UI and browser glue over the library crates.
//!
//! Architecture invariant: nothing here decides policy (what a recipient may see, who may
//! receive a record). This crate shows what the libraries decide and carries the user's
//! input to them. It persists nothing: no storage APIs, no cookies, no data in the URL.
#![cfg(target_arch = "wasm32")]

mod app;
mod camera;
mod directory;
mod intake;
mod kiosk;
mod link;
mod modules;
mod report_view;
mod review;
mod verify;

use wasm_bindgen::prelude::*;

/// Mounts the app into `root`. Called by `www/loader.js` once the module is initialised.
#[wasm_bindgen]
pub fn start(root: web_sys::Element) {
    yew::Renderer::<app::App>::with_root(root).render();
}
