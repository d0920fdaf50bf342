//! Calls into the separately loaded wasm modules (QR reading, PDF making, the desk) through the functions
//! `www/loader.js` puts on `globalThis`, which import a module the first time it is needed.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// Why a call gave no value.
#[derive(Debug)]
pub enum Failure {
    /// The module answered with its own sentence for the desk (modules reject with a string).
    Said(String),
    /// The function or its module could not be used; the loader's reason when it gave one.
    Unavailable(Option<String>),
}

impl Failure {
    /// The sentence to show: the module's, the loader's, or `unavailable`.
    pub fn sentence(self, unavailable: &str) -> String {
        match self {
            Failure::Said(sentence) | Failure::Unavailable(Some(sentence)) => sentence,
            Failure::Unavailable(None) => unavailable.to_owned(),
        }
    }
}

/// Calls `globalThis[function](...args)` and awaits the promise it returns.
pub async fn call(function: &str, args: &[JsValue]) -> Result<JsValue, Failure> {
    let function: js_sys::Function = js_sys::Reflect::get(&js_sys::global(), &function.into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or(Failure::Unavailable(None))?;
    let args: js_sys::Array = args.iter().collect();
    let promise: js_sys::Promise =
        function.apply(&JsValue::NULL, &args).ok().and_then(|p| p.dyn_into().ok()).ok_or(Failure::Unavailable(None))?;
    JsFuture::from(promise).await.map_err(|problem| match problem.as_string() {
        Some(sentence) => Failure::Said(sentence),
        // The loader's own errors carry the reason they wrap as `cause`; anything else (a crash
        // inside a module, "unreachable") is not a sentence for the desk.
        None => Failure::Unavailable(
            problem
                .dyn_ref::<js_sys::Error>()
                .filter(|error| !error.cause().is_undefined())
                .map(|error| String::from(error.message())),
        ),
    })
}

/// The strings of a JavaScript array (the QR module's texts).
pub fn strings(value: &JsValue) -> Vec<String> {
    js_sys::Array::from(value).iter().filter_map(|t| t.as_string()).collect()
}
