//! The language of the patient's copy: English alone, or English with Spanish, Somali or Hmong
//! beside it. The catalogue is fetched from the site by the reader module when staff choose it
//! (never with the first screen), read and checked by `recdesk_report::Catalogue`, and printed only when the clinic's
//! settings allow what it holds; the choice lives in this screen's memory only.

use std::rc::Rc;

use recdesk_access::ClinicSettings;
use recdesk_report::catalogue::LANGUAGES;
use recdesk_report::{Catalogue, Language};
use recdesk_web_glue::modules;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// The patient's copy's language, as chosen and as loaded.
#[derive(Clone, PartialEq)]
pub enum CopyLanguage {
    English,
    Loading {
        code: String,
    },
    /// Printed beside the English; `draft`: with strings not yet reviewed (the paper says so).
    Ready {
        code: String,
        language: Rc<Language>,
        draft: bool,
    },
    /// Not printed (a draft the settings refuse, or a catalogue that could not be fetched or read):
    /// the copy stays English and staff are told why.
    NotUsed {
        code: String,
        why: String,
    },
}

impl CopyLanguage {
    pub fn code(&self) -> &str {
        match self {
            CopyLanguage::English => "en",
            CopyLanguage::Loading { code } | CopyLanguage::Ready { code, .. } | CopyLanguage::NotUsed { code, .. } => {
                code
            }
        }
    }

    /// What the copy is built with.
    pub fn language(&self) -> Rc<Language> {
        match self {
            CopyLanguage::Ready { language, .. } => language.clone(),
            _ => Rc::new(Language::English),
        }
    }
}

/// Fetches, reads and checks `code`'s catalogue under the clinic's settings.
async fn load(code: &str, settings: ClinicSettings) -> CopyLanguage {
    let name = recdesk_words::english_name(code);
    let not_used = |why: String| CopyLanguage::NotUsed { code: code.to_owned(), why };
    // The reader module fetches catalogues (for the kiosk's screens too).
    let unavailable = format!("The {name} words could not be loaded (the record reader is not available).");
    let fetched = modules::call("recdeskFetchCatalogue", &[code.into()]).await.map_err(|f| f.sentence(&unavailable));
    let text = match fetched.map(|text| text.as_string()) {
        Ok(Some(text)) => text,
        Ok(None) => return not_used(unavailable),
        Err(why) => return not_used(why),
    };
    let catalogue = match Catalogue::parse(&text) {
        Ok(catalogue) => catalogue,
        Err(problem) => return not_used(format!("The {name} words were not used: {problem}.")),
    };
    let draft = catalogue.drafts_on_paper() > 0;
    match catalogue.bilingual(settings.draft_translations) {
        Ok(language) => CopyLanguage::Ready { code: code.to_owned(), language: Rc::new(language), draft },
        Err(refused) => not_used(refused.to_string()),
    }
}

#[derive(Properties, PartialEq)]
pub struct LanguageChoiceProps {
    pub chosen: CopyLanguage,
    pub settings: ClinicSettings,
    pub on_change: Callback<CopyLanguage>,
    /// Bumped by each choice; kept by the review, so a load answered after a newer choice is
    /// dropped even when this control was hidden and shown again in between.
    pub asked: Rc<std::cell::RefCell<u32>>,
}

/// The choice of the patient's copy's language, with what became of it.
#[component]
pub fn LanguageChoice(props: &LanguageChoiceProps) -> Html {
    let on_change = {
        let (on_change, settings, asked) = (props.on_change.clone(), props.settings, props.asked.clone());
        Callback::from(move |event: Event| {
            let code = event.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            *asked.borrow_mut() += 1;
            let this = *asked.borrow();
            if code == "en" {
                on_change.emit(CopyLanguage::English);
                return;
            }
            on_change.emit(CopyLanguage::Loading { code: code.clone() });
            let (on_change, asked) = (on_change.clone(), asked.clone());
            spawn_local(async move {
                let loaded = load(&code, settings).await;
                if *asked.borrow() == this {
                    on_change.emit(loaded);
                }
            });
        })
    };
    let code = props.chosen.code();
    let status = match &props.chosen {
        CopyLanguage::English => String::new(),
        CopyLanguage::Loading { code } => format!("Loading the {} words…", recdesk_words::english_name(code)),
        CopyLanguage::Ready { code, draft, .. } => format!(
            "The patient's copy is printed in English with {} beside it; the English is the official record.{}",
            recdesk_words::english_name(code),
            if *draft {
                " The translation is a draft no qualified translator has reviewed yet, which the paper says in both \
                 languages."
            } else {
                ""
            }
        ),
        CopyLanguage::NotUsed { why, .. } => format!("{why} The copy is printed in English only."),
    };
    html! {
        <div class="choice copy-language">
            <label for="copy-language">{ "Language of the patient's copy" }</label>
            <select id="copy-language" onchange={on_change}>
                <option value="en" selected={code == "en"}>{ "English only" }</option>
                { for LANGUAGES.iter().map(|(c, name, own_name)| html! {
                    <option value={*c} selected={code == *c} lang={*c}>
                        { format!("English and {name} ({own_name})") }
                    </option>
                }) }
            </select>
            <p class={classes!("verify-note", matches!(props.chosen, CopyLanguage::NotUsed { .. }).then_some("problem"))}
                id="copy-language-status" role="status" aria-live="polite">{ status }</p>
        </div>
    }
}
