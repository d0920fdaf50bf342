//! Where the second module (`web/desk/`: verification, review, report) is mounted: this opens it on
//! the chosen record through `globalThis.recdeskOpenDesk` (www/loader.js) and closes it when the
//! screen goes away, whether staff went back to the record or the session ended.
//!
//! The desk gets its own `<main>` beside this app's root element, never inside it: each Yew app
//! handles the events under its root and marks elements with ids of its own, so a second app
//! nested inside the first would have its clicks and submits handled by the first as well.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use recdesk_web_glue::{ChosenRecord, modules};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

const UNAVAILABLE: &str = "The verification questions could not be loaded (is this device offline?). \
     Try again; if it keeps failing, reload Record Desk while connected.";

#[derive(Properties, PartialEq)]
pub struct DeskHostProps {
    /// The patient's record the request is about; None when no record was found.
    pub record: Option<ChosenRecord>,
    /// Back to the record (the desk's first question offers it, and so does a failure here).
    pub on_leave: Callback<()>,
    /// True once the desk shows (this app's own screen should then hide), false when it is gone.
    pub on_open: Callback<bool>,
    /// The clinic's settings file, when it was read and used (the desk reads it the same way).
    pub settings: Option<AttrValue>,
    /// The kiosk's language: its catalogue's text (None: English), handed to the desk at opening
    /// and whenever it changes.
    #[prop_or_default]
    pub words: Option<AttrValue>,
}

#[derive(Clone, PartialEq)]
enum Opening {
    Loading,
    Open,
    Failed(String),
}

#[component]
pub fn DeskHost(props: &DeskHostProps) -> Html {
    let opening = use_state(|| Opening::Loading);
    let catalogue = props.words.clone();
    let latest_catalogue = use_mut_ref(|| None::<AttrValue>);
    *latest_catalogue.borrow_mut() = catalogue.clone();
    let open_desk = use_mut_ref(|| None::<JsValue>);
    {
        let open_desk = open_desk.clone();
        use_effect_with(catalogue, move |catalogue| {
            if let Some(desk) = &*open_desk.borrow() {
                set_words(desk, catalogue.as_deref());
            }
        });
    }
    // Bumped by "Try again": a failed load is forgotten by the loader, so it is fetched anew.
    let attempt = use_state(|| 0_u32);
    {
        let (opening, on_leave, on_open) = (opening.clone(), props.on_leave.clone(), props.on_open.clone());
        use_effect_with((props.record.clone(), *attempt, props.settings.clone()), move |(record, _, settings)| {
            let root = desk_element();
            let closed = Rc::new(Cell::new(false));
            let handle = Rc::new(RefCell::new(None::<JsValue>));
            let leave = Rc::new(Closure::<dyn Fn()>::new(move || on_leave.emit(())));
            {
                let (closed, handle, leave, record, root, on_open) =
                    (closed.clone(), handle.clone(), leave.clone(), record.clone(), root.clone(), on_open.clone());
                let settings: JsValue = settings.as_deref().map_or(JsValue::NULL, JsValue::from_str);
                let words: JsValue = latest_catalogue.borrow().as_deref().map_or(JsValue::NULL, JsValue::from_str);
                let (open_desk, latest_catalogue) = (open_desk.clone(), latest_catalogue.clone());
                spawn_local(async move {
                    let Some(element) = root else {
                        opening.set(Opening::Failed(UNAVAILABLE.to_owned()));
                        return;
                    };
                    let hand_over: JsValue = match &record {
                        Some(chosen) => js_sys::Uint8Array::from(chosen.hand_over().as_slice()).into(),
                        None => JsValue::NULL,
                    };
                    let leave_fn: &JsValue = (*leave).as_ref();
                    match modules::call(
                        "recdeskOpenDesk",
                        &[element.clone().into(), hand_over, leave_fn.clone(), settings, words],
                    )
                    .await
                    {
                        // Gone while loading (End session, or back to the record): close at once.
                        Ok(desk) if closed.get() => close(&desk),
                        Ok(desk) => {
                            // The language may have changed while the module loaded.
                            set_words(&desk, latest_catalogue.borrow().as_deref());
                            *open_desk.borrow_mut() = Some(desk.clone());
                            *handle.borrow_mut() = Some(desk);
                            opening.set(Opening::Open);
                            on_open.emit(true);
                        }
                        Err(_) if closed.get() => {}
                        Err(failure) => opening.set(Opening::Failed(failure.sentence(UNAVAILABLE))),
                    }
                });
            }
            let open_desk = open_desk.clone();
            move || {
                closed.set(true);
                *open_desk.borrow_mut() = None;
                on_open.emit(false);
                // Deferred: this can run inside the desk's own "back" handler, which must return
                // before its app is destroyed and the closure it is calling is dropped.
                let desk = handle.borrow_mut().take();
                spawn_local(async move {
                    if let Some(desk) = desk {
                        close(&desk);
                    }
                    if let Some(root) = root {
                        root.remove();
                    }
                    drop(leave);
                });
            }
        });
    }
    let retry = {
        let (attempt, opening) = (attempt.clone(), opening.clone());
        Callback::from(move |_: MouseEvent| {
            opening.set(Opening::Loading);
            attempt.set(*attempt + 1);
        })
    };
    html! {
        <>
            if *opening == Opening::Loading {
                <div class="loading" role="status">
                    <p>{ "Opening the verification questions…" }</p>
                    <button type="button" onclick={props.on_leave.reform(|_: MouseEvent| ())}>{ "Back to the record" }</button>
                </div>
            }
            if let Opening::Failed(problem) = &*opening {
                <div class="problem" role="alert" id="desk-problem">
                    <p>{ problem.clone() }</p>
                    <button type="button" class="primary" onclick={retry}>{ "Try again" }</button>
                    { " " }
                    <button type="button" onclick={props.on_leave.reform(|_: MouseEvent| ())}>{ "Back to the record" }</button>
                </div>
            }
        </>
    }
}

/// A new, hidden `<main>` for the desk, placed right after this app's root element (or at the end
/// of the page when the app was mounted elsewhere, as in the browser tests).
fn desk_element() -> Option<web_sys::HtmlElement> {
    let document = web_sys::window()?.document()?;
    let main: web_sys::HtmlElement = document.create_element("main").ok()?.dyn_into().ok()?;
    main.set_class_name("screen desk");
    main.set_id("desk");
    main.set_hidden(true);
    match crate::app_root() {
        Some(app_root) => app_root.after_with_node_1(&main).ok()?,
        None => document.body()?.append_child(&main).map(|_| ()).ok()?,
    }
    Some(main)
}

/// Gives the open desk the kiosk's language (`DeskHandle::set_words`).
fn set_words(desk: &JsValue, catalogue: Option<&str>) {
    if let Some(function) =
        js_sys::Reflect::get(desk, &"set_words".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    {
        let catalogue = catalogue.map_or(JsValue::NULL, JsValue::from_str);
        let _ = function.call1(desk, &catalogue);
    }
}

/// Unmounts the desk's screens and frees its handle.
fn close(desk: &JsValue) {
    for method in ["close", "free"] {
        if let Some(function) =
            js_sys::Reflect::get(desk, &method.into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        {
            let _ = function.call0(desk);
        }
    }
}
