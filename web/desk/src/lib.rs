//! The browser app's second WebAssembly module: verification, review and the report, the screens
//! after the record is read. `www/loader.js` fetches it once the first screen is up, so the first
//! screen does not carry it; the first module (`web/app/`) opens it on the chosen record through
//! `globalThis.recdeskOpenDesk` and closes it when staff go back or the session ends.
//!
//! The same invariant as web/app: nothing here decides policy (`recdesk_access` and
//! `recdesk_redact` do) and nothing is persisted. The record arrives as the bytes of
//! `recdesk_record::transfer`, which keep every field and location.
#![cfg(target_arch = "wasm32")]

mod desk;
mod language;
mod report_view;
mod review;
mod verify;

use recdesk_web_glue::ChosenRecord;
use wasm_bindgen::prelude::*;
use yew::{AppHandle, Callback};

/// The mounted screens; `close` unmounts them and drops everything they hold.
#[wasm_bindgen]
pub struct DeskHandle {
    app: Option<AppHandle<desk::Desk>>,
    /// What the screens were given, for `set_words` to change one part of.
    props: desk::DeskProps,
}

impl std::fmt::Debug for DeskHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeskHandle").field("open", &self.app.is_some()).finish_non_exhaustive()
    }
}

#[wasm_bindgen]
impl DeskHandle {
    pub fn close(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }

    /// The kiosk's language changed on the first screen: `catalogue` is its file's text (None:
    /// English). The screens keep their state.
    pub fn set_words(&mut self, catalogue: Option<String>) {
        self.props.words = std::rc::Rc::new(words_of(catalogue.as_deref()));
        if let Some(app) = &mut self.app {
            app.update(self.props.clone());
        }
    }
}

/// The screen words of a catalogue's text; English when there is none or it cannot be read (the
/// first screen read the same file already and said so).
fn words_of(catalogue: Option<&str>) -> recdesk_words::Words {
    catalogue.and_then(|text| recdesk_words::Words::parse(text).ok()).unwrap_or_default()
}

/// Mounts the screens into `root` for the record `hand_over` holds (from `ChosenRecord::hand_over`;
/// None when no record of the patient was found). `on_leave` is called when staff go back to
/// the record. The error is a sentence for the desk.
#[wasm_bindgen]
pub fn open_desk(
    root: web_sys::Element,
    hand_over: Option<Vec<u8>>,
    on_leave: js_sys::Function,
    settings: Option<String>,
    words: Option<String>,
) -> Result<DeskHandle, String> {
    // The first module used the file only if it was valid; read the same way here.
    let settings = match settings {
        None => recdesk_access::ClinicSettings::default(),
        Some(text) => recdesk_access::ClinicSettings::parse(&text)
            .map_err(|problem| format!("The clinic's settings could not be passed on ({problem}). Reload the page."))?,
    };
    let record = match hand_over {
        None => None,
        Some(bytes) => Some(ChosenRecord::from_hand_over(&bytes).map_err(|_| {
            "The record could not be passed to the verification questions. Reload the page and read it again."
                .to_owned()
        })?),
    };
    let on_leave = Callback::from(move |()| {
        let _ = on_leave.call0(&JsValue::NULL);
    });
    // The host keeps the element hidden until now; shown before the first render, the first
    // question can take the keyboard focus as it appears.
    let _ = root.remove_attribute("hidden");
    let words = std::rc::Rc::new(words_of(words.as_deref()));
    let props = desk::DeskProps { record, on_leave, settings, words };
    let app = yew::Renderer::<desk::Desk>::with_root_and_props(root, props.clone()).render();
    // The dose evaluation's rules load while staff answer the questions, not when the review opens.
    gloo_timers::callback::Timeout::new(0, warm_up).forget();
    Ok(DeskHandle { app: Some(app), props })
}

/// Makes a made-up child's copies and draws them where no one sees them (an element never put in
/// the page), while staff answer the questions: the browser compiles WebAssembly on first use, so
/// the code that builds and draws a copy is then ready when the first real review opens.
fn warm_up() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    for recipient in [recdesk_access::Recipient::School, recdesk_access::Recipient::Patient] {
        let (Some(report), Ok(root)) = (recdesk_report::made_up_copy(recipient), document.create_element("div")) else {
            continue;
        };
        let props =
            report_view::ReportViewProps { report: std::rc::Rc::new(report), id: "warm-up".into(), draw_all: false };
        let drawn = yew::Renderer::<report_view::ReportView>::with_root_and_props(root, props).render();
        gloo_timers::callback::Timeout::new(0, move || drawn.destroy()).forget();
    }
}

#[cfg(test)]
mod tests {
    use recdesk_record::{Format, Located, Location, PersonName, ReadOutcome, Record};
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;
    use web_sys::HtmlElement;

    use super::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn new_root() -> web_sys::Element {
        let document = web_sys::window().and_then(|w| w.document()).expect("a document");
        let root = document.create_element("div").expect("a div");
        document.body().expect("a body").append_child(&root).expect("appended");
        root
    }

    fn hand_over() -> Vec<u8> {
        let mut record = Record::default();
        let at = Location::Json { document: 1, pointer: "/entry/0/resource/name/0".into() };
        record.patient.names.push(Located::new(
            PersonName { family: "Garcia".into(), given: vec!["José".into()], ..PersonName::default() },
            at,
        ));
        let reading = ReadOutcome { format: Format::FhirJson, records: vec![record], ..ReadOutcome::default() };
        ChosenRecord::choose(&reading, 0).expect("a record").hand_over()
    }

    #[wasm_bindgen_test]
    async fn the_desk_opens_on_the_record_and_close_unmounts_it() {
        let root = new_root();
        let leave = js_sys::Function::new_no_args("globalThis.deskLeft = (globalThis.deskLeft ?? 0) + 1;");
        let mut desk = open_desk(root.clone(), Some(hand_over()), leave, None, None).expect("opened");
        yew::scheduler::flush().await;
        let text = root.text_content().unwrap_or_default();
        assert!(text.contains("Verify the requester"), "{text}");
        assert!(text.contains("Your name"), "{text}");

        desk.close();
        yew::scheduler::flush().await;
        assert_eq!(root.child_element_count(), 0, "{}", root.inner_html());
        desk.close(); // a second close is harmless
    }

    #[wasm_bindgen_test]
    async fn going_back_from_the_first_question_calls_on_leave() {
        let root = new_root();
        let leave = js_sys::Function::new_no_args("globalThis.deskLeft = (globalThis.deskLeft ?? 0) + 1;");
        let before = js_sys::Reflect::get(&js_sys::global(), &"deskLeft".into()).ok().and_then(|v| v.as_f64());
        let _desk = open_desk(root.clone(), None, leave, None, None).expect("opened without a record");
        yew::scheduler::flush().await;
        let buttons = root.query_selector_all("button").expect("a query");
        let back: HtmlElement = (0..buttons.length())
            .filter_map(|i| buttons.item(i))
            .find(|b| b.text_content().unwrap_or_default().trim() == "Back to the record")
            .expect("a Back to the record button")
            .unchecked_into();
        back.click();
        yew::scheduler::flush().await;
        let after = js_sys::Reflect::get(&js_sys::global(), &"deskLeft".into()).ok().and_then(|v| v.as_f64());
        assert_eq!(after.unwrap_or(0.0), before.unwrap_or(0.0) + 1.0);
    }

    #[wasm_bindgen_test]
    async fn every_string_of_every_catalogue_shows_in_the_print_view() {
        use recdesk_report::{Block, Catalogue, Labels, Metadata, Report, Section};
        for (code, _, _) in recdesk_report::catalogue::LANGUAGES {
            let catalogue = Catalogue::shipped(code).expect("shipped").expect("a catalogue");
            let texts: Vec<String> = catalogue.strings.values().map(|entry| entry.text.clone()).collect();
            let english = Labels::ENGLISH;
            let created = recdesk_access::ReleaseTime::new(
                recdesk_record::PartialDate::new(2024, Some(7), Some(1)).expect("a date"),
                14,
                5,
            )
            .expect("a time");
            let report = Report {
                title: catalogue.name.clone(),
                banner: catalogue.english_name.clone(),
                sections: vec![Section {
                    heading: code.to_owned(),
                    blocks: texts.iter().cloned().map(Block::Paragraph).collect(),
                }],
                footer: english.footer.to_string(),
                page_label: english.page.to_string(),
                running_header: english.running_header.to_string(),
                continued: english.continued.to_string(),
                metadata: Metadata {
                    title: "Immunization record".into(),
                    subject: String::new(),
                    creator: "Record Desk".into(),
                    created,
                },
                mail_to: None,
                translation: Some(code.to_owned()),
            };
            let root = new_root();
            let props = report_view::ReportViewProps {
                report: std::rc::Rc::new(report),
                id: "every-string".into(),
                draw_all: true,
            };
            let view = yew::Renderer::<report_view::ReportView>::with_root_and_props(root.clone(), props).render();
            yew::scheduler::flush().await;
            let shown = root.text_content().unwrap_or_default();
            for text in &texts {
                assert!(shown.contains(text.as_str()), "{code}: {text:?} is not in the print view");
            }
            view.destroy();
        }
    }

    #[wasm_bindgen_test]
    async fn a_bilingual_copys_translations_are_marked_with_their_language() {
        use recdesk_report::{Block, Field, Section, TRANSLATION_BREAK};
        let mut report = recdesk_report::made_up_copy(recdesk_access::Recipient::Patient).expect("a made-up copy");
        report.translation = Some("so".into());
        report.sections.insert(
            0,
            Section {
                heading: format!("Immunizations{TRANSLATION_BREAK}Tallaallada"),
                blocks: vec![Block::Fields(vec![
                    Field {
                        label: format!("Date of birth{TRANSLATION_BREAK}Taariikhda dhalashada"),
                        value: "2019-03-01".into(),
                    },
                    Field {
                        label: format!("Sex{TRANSLATION_BREAK}Jinsi"),
                        value: format!("female{}dhedig", recdesk_report::INLINE_TRANSLATION),
                    },
                ])],
            },
        );
        report.banner =
            format!("Prepared for the patient{TRANSLATION_BREAK}Bukaanka\nOfficial{TRANSLATION_BREAK}Rasmi");
        let root = new_root();
        let props =
            report_view::ReportViewProps { report: std::rc::Rc::new(report), id: "bilingual".into(), draw_all: true };
        let view = yew::Renderer::<report_view::ReportView>::with_root_and_props(root.clone(), props).render();
        yew::scheduler::flush().await;
        let marked = root.query_selector_all("[lang=so]").expect("a query");
        let texts: Vec<String> =
            (0..marked.length()).filter_map(|i| marked.item(i)).filter_map(|n| n.text_content()).collect();
        assert_eq!(texts, ["Bukaanka", "Rasmi", "Tallaallada", "Taariikhda dhalashada", "Jinsi", "dhedig"]);
        let shown = root.text_content().unwrap_or_default();
        assert!(!shown.contains(TRANSLATION_BREAK), "the break itself is not shown");
        assert!(shown.contains("female / dhedig"), "{shown}");
        assert!(shown.contains("Prepared for the patient"), "{shown}");
        view.destroy();
    }

    #[wasm_bindgen_test]
    fn bytes_that_are_not_a_hand_over_are_refused_with_a_sentence() {
        let leave = js_sys::Function::new_no_args("");
        let problem = open_desk(new_root(), Some(b"not a record".to_vec()), leave, None, None).expect_err("refused");
        assert!(problem.contains("read it again"), "{problem}");
    }
}
