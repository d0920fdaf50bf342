//! The app shell: the product's name, its privacy promise, and the current screen.

use yew::prelude::*;

use crate::intake::Intake;
use crate::verify::{SharedRecord, Verify};

/// Said on every screen, in plain words, because staff and requesters both need to trust it.
pub const PRIVACY_PROMISE: &str = "Nothing leaves or stays on this device. What you paste or open is read \
     here, in this browser tab: it is never sent anywhere and never saved, and closing the tab erases it.";

#[component]
pub fn App() -> Html {
    // The record being verified for. The intake stays mounted (hidden) meanwhile, so going back
    // loses nothing entered there.
    let verifying = use_state(|| None::<SharedRecord>);
    let on_verify = {
        let verifying = verifying.clone();
        Callback::from(move |record: SharedRecord| verifying.set(Some(record)))
    };
    let on_leave = {
        let verifying = verifying.clone();
        Callback::from(move |()| verifying.set(None))
    };
    html! {
        <>
            <header class="masthead">
                <h1 class="product-name">{ "Record Desk" }</h1>
                <p class="privacy-promise">{ PRIVACY_PROMISE }</p>
            </header>
            <main id="main" class="screen">
                <div hidden={verifying.is_some()}>
                    <Intake {on_verify} />
                </div>
                if let Some(record) = &*verifying {
                    <Verify record={Some(record.clone())} {on_leave} />
                }
            </main>
        </>
    }
}

#[cfg(test)]
mod tests {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;
    use web_sys::{HtmlElement, HtmlTextAreaElement, InputEvent, InputEventInit};

    use super::*;

    wasm_bindgen_test_configure!(run_in_browser);

    async fn mount_app() -> HtmlElement {
        let document = web_sys::window().and_then(|w| w.document()).expect("a document");
        let root: HtmlElement = document.create_element("div").expect("a div").unchecked_into();
        document.body().expect("a body").append_child(&root).expect("appended");
        yew::Renderer::<App>::with_root(root.clone().into()).render();
        yew::scheduler::flush().await;
        root
    }

    async fn type_into(root: &HtmlElement, text: &str) {
        let area: HtmlTextAreaElement =
            root.query_selector("textarea").expect("a query").expect("a paste area").unchecked_into();
        area.set_value(text);
        let init = InputEventInit::new();
        init.set_bubbles(true);
        let event = InputEvent::new_with_event_init_dict("input", &init).expect("an input event");
        area.dispatch_event(&event).expect("dispatched");
        yew::scheduler::flush().await;
    }

    fn status_text(root: &HtmlElement) -> String {
        root.query_selector("#intake-status")
            .expect("a query")
            .expect("a status line")
            .text_content()
            .unwrap_or_default()
    }

    #[wasm_bindgen_test]
    async fn shell_shows_product_name_promise_and_intake() {
        let root = mount_app().await;
        let text = root.text_content().unwrap_or_default();
        assert!(text.contains("Record Desk"), "{text}");
        assert!(text.contains("never sent anywhere and never saved"), "{text}");
        assert!(root.query_selector("textarea#intake-text").expect("a query").is_some());
        assert!(root.query_selector("input[type=file]#intake-file").expect("a query").is_some());
        assert!(status_text(&root).contains("Nothing entered yet"));
    }

    #[wasm_bindgen_test]
    async fn typing_updates_the_status_and_clear_empties_it() {
        let root = mount_app().await;
        type_into(&root, "MSH|^~\\&|A\rPID|||1||Müller^Anna").await;
        assert_eq!(status_text(&root), "31 characters in 2 lines entered.");

        let clear: HtmlElement =
            root.query_selector("button.clear").expect("a query").expect("a clear button").unchecked_into();
        clear.click();
        yew::scheduler::flush().await;
        assert!(status_text(&root).contains("Nothing entered yet"));
        let area: HtmlTextAreaElement =
            root.query_selector("textarea").expect("a query").expect("a paste area").unchecked_into();
        assert_eq!(area.value(), "");
    }
}
