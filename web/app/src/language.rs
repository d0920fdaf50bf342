//! The kiosk's language: one control on the shell switches the screens a family reads (the shell,
//! the intake screen, and what a denial asks them to bring) to Spanish, Somali or Hmong. The
//! catalogue is fetched when a language is chosen, never with the first screen, and the choice
//! lives in memory only: End session and the idle wipe go back to English. Staff screens (the
//! questions, the review) stay English.

use std::rc::Rc;

use recdesk_words::Words;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// The site folder the catalogues are copied to (xtask's `TRANSLATIONS`).
const TRANSLATIONS_URL: &str = "translations";

/// The languages offered, each named in itself. English first.
pub const LANGUAGES: [(&str, &str); 4] = [("en", "English"), ("es", "Español"), ("so", "Soomaali"), ("hmn", "Hmoob")];

/// The screens' language: the words, and the catalogue's text for the desk module (None: English).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScreenLanguage {
    pub words: Rc<Words>,
    pub catalogue: Option<AttrValue>,
}

impl ScreenLanguage {
    /// The code of the chosen language ("en" for English).
    pub fn code(&self) -> &str {
        if self.catalogue.is_some() { &self.words.language } else { "en" }
    }

    /// The word for `key` (recdesk_words::SCREEN) in the chosen language.
    pub fn text(&self, key: &str) -> String {
        self.words.text(key)
    }

    /// The `lang` attribute of what shows these words, when not English.
    pub fn lang(&self) -> Option<AttrValue> {
        self.catalogue.as_ref().map(|_| AttrValue::from(self.words.language.clone()))
    }
}

/// Fetches `code`'s catalogue and reads its screen words.
async fn load(code: &str) -> Result<ScreenLanguage, String> {
    let url = format!("{TRANSLATIONS_URL}/{code}.json");
    let unreachable = "The words for this language could not be loaded (is this device offline, and was it \
                       never online with Record Desk?). The screens stay in English."
        .to_owned();
    let response = gloo_net::http::Request::get(&url).send().await.map_err(|_| unreachable.clone())?;
    if !response.ok() {
        return Err(unreachable);
    }
    let text = response.text().await.map_err(|_| unreachable.clone())?;
    let words = Words::parse(&text).map_err(|why| format!("The words for this language were not used: {why}."))?;
    Ok(ScreenLanguage { words: Rc::new(words), catalogue: Some(text.into()) })
}

#[derive(Properties, PartialEq)]
pub struct LanguageControlProps {
    pub current: ScreenLanguage,
    pub on_change: Callback<ScreenLanguage>,
}

/// The one control: a list of the languages, each in its own name, and what became of the choice.
#[component]
pub fn LanguageControl(props: &LanguageControlProps) -> Html {
    let problem = use_state(|| None::<String>);
    // Each choice carries a number: an earlier one still loading is dropped when it arrives.
    let asked = use_mut_ref(|| 0_u32);
    let on_change = {
        let (on_change, problem, asked) = (props.on_change.clone(), problem.clone(), asked.clone());
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
                let loaded = load(&code).await;
                if *asked.borrow() != this {
                    return;
                }
                match loaded {
                    Ok(language) => on_change.emit(language),
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
                { for LANGUAGES.iter().map(|(c, name)| html! {
                    <option value={*c} selected={code == *c} lang={*c}>{ *name }</option>
                }) }
            </select>
            if current.words.draft && code != "en" {
                <p class="language-draft" id="language-draft">
                    { current.words.translation("draft_translation").unwrap_or_default().to_owned() }
                    <span lang="en">{ " (Draft translation: not yet reviewed by a qualified translator.)" }</span>
                </p>
            }
            if let Some(why) = &*problem {
                <p class="problem" role="alert" id="language-problem" lang="en">{ why.clone() }</p>
            }
        </div>
    }
}
