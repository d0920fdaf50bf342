//! The app shell: the product's name, its privacy promise, and the current screen.

use std::cell::Cell;
use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions, EventListenerPhase};
use gloo_timers::callback::Interval;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use recdesk_settings::DraftTranslations;
use recdesk_web_glue::ChosenRecord;

use crate::clinic::{self, Loaded};
use crate::desk_host::DeskHost;
use crate::intake::Intake;
use crate::language::{LanguageControl, ScreenLanguage};
use crate::{directory, kiosk};

/// How long before an idle session is wiped the warning shows.
const IDLE_WARNING_SECONDS: f64 = 20.0;

#[component]
pub fn App() -> Html {
    // Each session is a fresh subtree: ending one unmounts every screen and its state with it.
    let session = use_state(|| 0_u32);
    let has_data = use_state(|| false);
    // While the desk (the second module) shows, it has the page's <main>; this one hides.
    let desk_open = use_state(|| false);
    let on_desk_open = {
        let desk_open = desk_open.clone();
        Callback::from(move |open: bool| desk_open.set(open))
    };
    // The kiosk's language (language.rs): memory only, back to English when the session ends.
    let language = use_state(ScreenLanguage::default);
    // Bumped at each choice and at End session, so a language still loading then is dropped.
    let language_asked = use_mut_ref(|| 0_u32);
    let on_language = {
        let language = language.clone();
        Callback::from(move |chosen: ScreenLanguage| language.set(chosen))
    };
    let on_end = {
        let (session, has_data, language) = (session.clone(), has_data.clone(), language.clone());
        let language_asked = language_asked.clone();
        Callback::from(move |()| {
            directory::forget_user_keys();
            *language_asked.borrow_mut() += 1;
            language.set(ScreenLanguage::default());
            has_data.set(false);
            session.set(*session + 1);
            focus_top();
        })
    };
    // The clinic's settings: the safe defaults until (and unless) its file is read and valid.
    let loaded = use_state(|| Loaded::Loading);
    {
        let loaded = loaded.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move { loaded.set(clinic::load().await) });
        });
    }
    let settings = loaded.settings();
    let idle = settings.idle_seconds(kiosk::is_kiosk(), kiosk::idle_from_url());
    // A chosen language is the session's too: the idle wipe returns the kiosk to English.
    let warning = use_idle_wipe(idle.filter(|_| *has_data || language.code() != "en"), on_end.clone());
    let settings_text: Option<AttrValue> = loaded.text().map(|text| AttrValue::from(text.to_owned()));
    let settings_ready = *loaded != Loaded::Loading;
    let on_has_data = {
        let has_data = has_data.clone();
        Callback::from(move |value: bool| has_data.set(value))
    };
    {
        // The kiosk's large-type layout hangs off the body so it also covers the loading text.
        use_effect_with((), |_| {
            if kiosk::is_kiosk() {
                if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
                    let _ = body.class_list().add_1("kiosk");
                }
            }
            // The first screen has rendered and takes input: the point `cargo xtask bench` times
            // a cold load to (a performance mark holds no data and is gone with the page).
            if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
                let _ = performance.mark("recdesk:interactive");
            }
        });
    }
    html! {
        <>
            <header class="masthead" lang={language.lang()}>
                <div class="masthead-row">
                    <h1 class="product-name" id="top" tabindex="-1">{ "Record Desk" }</h1>
                    if kiosk::is_kiosk() {
                        <LanguageControl current={(*language).clone()} on_change={on_language}
                            drafts_allowed={settings.draft_translations == DraftTranslations::PrintMarked}
                            asked={language_asked.clone()} />
                    }
                    <button type="button" class="end-session no-print" id="end-session" onclick={on_end.reform(|_: MouseEvent| ())}>
                        { language.text("screen.end_session") }
                    </button>
                </div>
                // Said on every screen, in plain words, because staff and requesters both need to trust it.
                <p class="privacy-promise">{ language.text("screen.privacy_promise") }</p>
            </header>
            if *loaded == Loaded::Unreachable {
                <p class="settings-problem no-print" role="alert" id="settings-problem">
                    <strong>{ "The clinic's settings file (settings.json) could not be fetched" }</strong>
                    { " (is this device offline, and was it never online with Record Desk?). Until it can be, the safe \
                       defaults apply: every point the law leaves open is referred to a supervisor, hepatitis B doses are \
                       held from age 12, and a kiosk wipes an idle session after two minutes." }
                </p>
            }
            if let Loaded::Rejected(why) = &*loaded {
                <p class="settings-problem no-print" role="alert" id="settings-problem">
                    <strong>{ "The clinic's settings file (settings.json) was not used: " }</strong>
                    { why }
                    { ". Until it is fixed, the safe defaults apply: every point the law leaves open is referred to a supervisor, \
                       hepatitis B doses are held from age 12, and a kiosk wipes an idle session after two minutes." }
                </p>
            }
            if let Some(seconds) = warning {
                <div class="idle-warning no-print" role="alert" id="idle-warning" lang={language.lang()}>
                    { language.text("screen.idle_warning").replace("{seconds}", &seconds.to_string()) }{ " " }
                    <button type="button" class="primary">{ language.text("screen.keep_working") }</button>
                </div>
            }
            <main id="main" class="screen" hidden={*desk_open}>
                <Session key={*session} on_has_data={on_has_data} {on_desk_open} settings={settings_text} {settings_ready}
                    language={(*language).clone()} />
            </main>
        </>
    }
}

fn focus_top() {
    if let Some(top) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("top"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = top.focus();
    }
}

/// Where the session is: reading a record, or at the desk (verifying the requester, then reviewing
/// the copy), which the second module shows.
#[derive(Clone, PartialEq)]
enum Screen {
    Intake,
    /// None: no record of the patient was found; the wizard ends in a referral.
    Desk(Option<ChosenRecord>),
}

#[derive(Properties, PartialEq)]
struct SessionProps {
    /// Whether anything about a patient is on screen (so an idle wipe has something to erase).
    on_has_data: Callback<bool>,
    /// Whether the desk shows (see `DeskHost`).
    on_desk_open: Callback<bool>,
    /// The clinic's settings file, when it was read and used.
    settings: Option<AttrValue>,
    /// Whether the settings file has been fetched (or found missing): the desk opens only then, so
    /// it never decides under defaults the clinic's file would have changed.
    settings_ready: bool,
    /// The kiosk's language, for what a family reads.
    language: ScreenLanguage,
}

/// One request, from the record to the printout. The record's screen stays mounted (hidden) while
/// the desk shows, so going back loses nothing.
#[component]
fn Session(props: &SessionProps) -> Html {
    let screen = use_state(|| Screen::Intake);
    let intake_has_data = use_state(|| false);
    {
        let has_data = *intake_has_data || *screen != Screen::Intake;
        let on_has_data = props.on_has_data.clone();
        use_effect_with(has_data, move |has_data| on_has_data.emit(*has_data));
    }
    let on_verify = {
        let screen = screen.clone();
        Callback::from(move |chosen: Option<ChosenRecord>| screen.set(Screen::Desk(chosen)))
    };
    let on_intake_data = {
        let intake_has_data = intake_has_data.clone();
        Callback::from(move |value: bool| intake_has_data.set(value))
    };
    let to_intake = {
        let screen = screen.clone();
        Callback::from(move |()| screen.set(Screen::Intake))
    };
    let desk = match &*screen {
        Screen::Intake => None,
        Screen::Desk(chosen) => Some(chosen.clone()),
    };
    html! {
        <>
            <div hidden={desk.is_some()}>
                <Intake {on_verify} on_has_data={on_intake_data} language={props.language.clone()} />
            </div>
            if let Some(record) = desk {
                if props.settings_ready {
                    <DeskHost {record} on_leave={to_intake} on_open={props.on_desk_open.clone()} settings={props.settings.clone()}
                        words={props.language.catalogue.clone()} />
                } else {
                    <p class="verify-note" role="status">{ "Reading the clinic's settings…" }</p>
                }
            }
        </>
    }
}

/// Wipes the session after `timeout` seconds without a key, pointer or touch (None: never); says
/// so [`IDLE_WARNING_SECONDS`] before. Returns the seconds left while the warning shows.
///
/// The listeners and the one-second tick are installed once, for as long as the app is mounted:
/// they read the current timeout and wipe callback from a shared cell, so nothing is torn down
/// while a tick that ends the session is still running. Dropping them (on unmount) removes them.
#[hook]
fn use_idle_wipe(timeout: Option<u32>, on_wipe: Callback<()>) -> Option<u32> {
    let warning = use_state_eq(|| None::<u32>);
    let current = use_mut_ref(|| (timeout, on_wipe.clone()));
    *current.borrow_mut() = (timeout, on_wipe);
    let setter = warning.setter();
    use_effect_with((), move |_| {
        let last_activity = Rc::new(Cell::new(js_sys::Date::now()));
        let listeners: Vec<EventListener> = match web_sys::window() {
            // Captured, so activity inside any screen counts, whatever it does with the event.
            Some(window) => ["keydown", "pointerdown", "touchstart", "wheel", "input"]
                .into_iter()
                .map(|event| {
                    let (last_activity, setter) = (last_activity.clone(), setter.clone());
                    let options = EventListenerOptions { phase: EventListenerPhase::Capture, passive: true };
                    EventListener::new_with_options(&window, event, options, move |_| {
                        last_activity.set(js_sys::Date::now());
                        setter.set(None);
                    })
                })
                .collect(),
            None => Vec::new(),
        };
        let tick = Interval::new(1000, move || {
            let (timeout, on_wipe) = current.borrow().clone();
            let Some(timeout) = timeout else {
                // Nothing to wipe: idle time starts counting when there is.
                last_activity.set(js_sys::Date::now());
                setter.set(None);
                return;
            };
            let idle = (js_sys::Date::now() - last_activity.get()) / 1000.0;
            let left = f64::from(timeout) - idle;
            if left <= 0.0 {
                last_activity.set(js_sys::Date::now());
                setter.set(None);
                on_wipe.emit(());
            } else if left <= IDLE_WARNING_SECONDS {
                setter.set(Some(left.ceil() as u32));
            }
        });
        move || drop((listeners, tick))
    });
    *warning
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
