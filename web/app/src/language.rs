//! The kiosk's language: one control on the shell switches the screens a family reads (the shell,
//! the intake screen, and what a denial asks them to bring) to Spanish, Somali or Hmong. The reader
//! module fetches and reads the catalogue when a language is chosen (never with the first screen,
//! and this module carries no catalogue reading); the choice lives in memory only: End session and
//! the idle wipe go back to English. Staff screens (the questions, the review) stay English.

use std::cell::RefCell;
use std::rc::Rc;

use recdesk_web_glue::modules;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// The screens' language (English by default): the reader module's answer to `recdeskLoadWords`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScreenLanguage {
    /// The language's code, for the elements' `lang`; None in English.
    code: Option<AttrValue>,
    /// `{key: text}` of the translated words.
    texts: JsValue,
    /// Whether any of the words is still a draft.
    pub draft: bool,
    /// The catalogue's text, for the desk module (the denial's list); None in English.
    pub catalogue: Option<AttrValue>,
}

impl ScreenLanguage {
    fn from_answer(answer: &JsValue) -> Option<ScreenLanguage> {
        let get = |name: &str| js_sys::Reflect::get(answer, &name.into()).ok();
        Some(ScreenLanguage {
            code: Some(get("language")?.as_string()?.into()),
            texts: get("texts")?,
            draft: get("draft")?.as_bool()?,
            catalogue: Some(get("catalogue")?.as_string()?.into()),
        })
    }

    /// The code of the chosen language ("en" for English).
    pub fn code(&self) -> &str {
        self.code.as_deref().unwrap_or("en")
    }

    /// The word for `key` (recdesk_words::SCREEN) in the chosen language, or its English.
    pub fn text(&self, key: &str) -> String {
        self.translation(key).unwrap_or_else(|| recdesk_words::english(key).to_owned())
    }

    /// The translation of `key`, when a language with one is chosen.
    pub fn translation(&self, key: &str) -> Option<String> {
        self.code.as_ref()?;
        js_sys::Reflect::get(&self.texts, &key.into()).ok()?.as_string()
    }

    /// The `lang` attribute of what shows these words, when not English.
    pub fn lang(&self) -> Option<AttrValue> {
        self.code.clone()
    }
}

#[derive(Properties, PartialEq)]
pub struct LanguageControlProps {
    pub current: ScreenLanguage,
    pub on_change: Callback<ScreenLanguage>,
    /// The clinic's settings allow draft words (the reader module decides with them).
    pub drafts_allowed: bool,
    /// Bumped by each choice and by End session: a load answered after either is dropped.
    pub asked: Rc<RefCell<u32>>,
}

/// The one control: a list of the languages, each in its own name, and what became of the choice.
#[component]
pub fn LanguageControl(props: &LanguageControlProps) -> Html {
    let problem = use_state(|| None::<String>);
    let on_change = {
        let (on_change, problem, asked) = (props.on_change.clone(), problem.clone(), props.asked.clone());
        let drafts_allowed = props.drafts_allowed;
        Callback::from(move |event: Event| {
            let code = event.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            *asked.borrow_mut() += 1;
            let this = *asked.borrow();
            problem.set(None);
            if code == "en" {
                on_change.emit(ScreenLanguage::default());
                return;
            }
            let (on_change, problem, asked) = (on_change.clone(), problem.clone(), asked.clone());
            spawn_local(async move {
                let answer = modules::call("recdeskLoadWords", &[code.into(), drafts_allowed.into()]).await;
                if *asked.borrow() != this {
                    return;
                }
                const UNAVAILABLE: &str =
                    "The words for this language could not be loaded. The screens stay in English.";
                match answer.map_err(|failure| failure.sentence(UNAVAILABLE)) {
                    Ok(answer) => match ScreenLanguage::from_answer(&answer) {
                        Some(language) => on_change.emit(language),
                        None => problem.set(Some(UNAVAILABLE.to_owned())),
                    },
                    Err(why) => problem.set(Some(why)),
                }
            });
        })
    };
    let current = &props.current;
    let code = current.code();
    html! {
        <div class="language-control no-print" lang={current.lang()}>
            <label for="screen-language">{ current.text("screen.language") }
                if code != "en" { { " (Language)" } }
            </label>
            <select id="screen-language" onchange={on_change}>
                <option value="en" selected={code == "en"} lang="en">{ "English" }</option>
                { for recdesk_words::LANGUAGES.iter().map(|(c, _, own_name)| html! {
                    <option value={*c} selected={code == *c} lang={*c}>{ *own_name }</option>
                }) }
            </select>
            if current.draft {
                <p class="language-draft" id="language-draft">
                    { current.translation("draft_translation").unwrap_or_default() }
                    <span lang="en">{ " (Draft translation: not yet reviewed by a qualified translator.)" }</span>
                </p>
            }
            if let Some(why) = &*problem {
                <p class="problem" role="alert" id="language-problem" lang="en">{ why.clone() }</p>
            }
        </div>
    }
}
