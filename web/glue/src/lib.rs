//! What the browser app's modules share: the first (`web/app/`: the shell and reading the record) and
//! the second (`web/desk/`: verification, review and the report) are separate WebAssembly modules,
//! so this is compiled into each. Glue only, no policy and no UI.
#![cfg(target_arch = "wasm32")]

pub mod link;
pub mod modules;
mod reading;

pub use reading::{ChosenRecord, SharedReading, count};
