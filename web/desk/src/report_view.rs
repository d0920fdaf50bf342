//! A report (`recdesk_report::Report`) as HTML: the print view, and the panes of the review.
//! The same model the PDF is drawn from, so the screen, the printer and the PDF say the same.
//!
//! A long record is drawn in steps: the first screenful at once, the rest a few hundred rows at
//! a time in the tasks after, so the review opens quickly and every row is then in the page for
//! find-in-page, screen readers and printing. While rows are still to come, the element is
//! `aria-busy`.

use std::rc::Rc;

use gloo_timers::callback::Timeout;
use recdesk_report::{Block, INLINE_TRANSLATION, INLINE_TRANSLATION_SHOWN, Report, Section, TRANSLATION_BREAK};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

/// Rows (table rows, label/value pairs, paragraphs) drawn at once: more than a screenful.
const FIRST_ROWS: usize = 60;
/// Rows added in each later step: a step takes a few tens of milliseconds, so the page stays
/// responsive between them.
const STEP_ROWS: usize = 400;

/// How many rows `sections` hold, as [`sections_html`] counts them.
pub fn rows_in(sections: &[Section]) -> usize {
    sections.iter().flat_map(|section| &section.blocks).map(rows_of).sum()
}

/// A block's rows: its label/value pairs, its table rows, or the paragraph itself.
fn rows_of(block: &Block) -> usize {
    match block {
        Block::Fields(fields) => fields.len(),
        Block::Table(table) => table.rows.len(),
        Block::Paragraph(_) => 1,
    }
}

/// How many rows of a report to draw now: [`FIRST_ROWS`] for a report not seen before (named by
/// `identity`), then [`STEP_ROWS`] more in each task after, up to `total`; all of them at once when
/// `all` (the page is about to be printed).
#[hook]
pub fn use_stepped_rows(total: usize, identity: usize, all: bool) -> usize {
    let drawn = use_state(|| (identity, FIRST_ROWS));
    let shown = match (all, drawn.0 == identity) {
        (true, _) => usize::MAX,
        (false, true) => drawn.1,
        (false, false) => FIRST_ROWS,
    };
    {
        // Printing from the browser (its menu, Ctrl+P) lays the page out as it is then: every row is
        // drawn first. Yew draws in a microtask, which runs before the print layout. (The Print
        // button sets `all` and prints in the task after.)
        let drawn = drawn.clone();
        use_effect_with(identity, move |&identity| {
            let listener = Closure::<dyn Fn()>::new(move || drawn.set((identity, usize::MAX)));
            let window = web_sys::window();
            if let Some(window) = &window {
                let _ = window.add_event_listener_with_callback("beforeprint", listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(window) = &window {
                    let _ =
                        window.remove_event_listener_with_callback("beforeprint", listener.as_ref().unchecked_ref());
                }
            }
        });
    }
    use_effect_with((identity, shown, total), move |&(identity, shown, total)| {
        let step = (shown < total).then(|| Timeout::new(0, move || drawn.set((identity, shown + STEP_ROWS))));
        // Gone with the report (or the screen): a step never lands on a later one.
        move || drop(step)
    });
    shown.min(total)
}

/// One section of an English report as HTML: its heading, then label/value pairs, tables and
/// paragraphs.
pub fn section_html(section: &Section) -> Html {
    let mut unlimited = usize::MAX;
    limited_section_html(section, &mut unlimited, None)
}

/// The first `limit` rows of `sections` as HTML: whole sections, then the part of the one the
/// limit falls in. `lang`: the second language of a bilingual copy.
pub fn sections_html(sections: &[Section], limit: usize, lang: Option<&str>) -> Html {
    let mut left = limit;
    let mut drawn = Vec::new();
    for section in sections {
        if left == 0 {
            break;
        }
        drawn.push(limited_section_html(section, &mut left, lang));
    }
    drawn.into_iter().collect()
}

/// A report text as HTML. On a bilingual copy the words after each `TRANSLATION_BREAK` (to the end
/// of their line) are the translation, put on a line of their own, and those after an
/// `INLINE_TRANSLATION` follow " / "; either is marked with its language, so a screen reader reads
/// it in that language.
fn text_html(text: &str, lang: Option<&str>) -> Html {
    if !text.contains([TRANSLATION_BREAK, INLINE_TRANSLATION]) {
        return html! { { text } };
    }
    let lang = lang.map(|code| AttrValue::from(code.to_owned()));
    let marked = |text: &str| html! { <span class="translation-line" lang={lang.clone()}>{ text.to_owned() }</span> };
    let drawn = |text: &str| text.replace(INLINE_TRANSLATION, INLINE_TRANSLATION_SHOWN);
    let mut parts = Vec::new();
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            parts.push(html! { { "\n" } });
        }
        let (english, translated) = line.split_once(TRANSLATION_BREAK).map_or((line, None), |(e, t)| (e, Some(t)));
        match english.split_once(INLINE_TRANSLATION) {
            // One value and its translation: the translation is marked.
            Some((value, translation)) if !translation.contains(INLINE_TRANSLATION) => {
                parts.push(html! { <>{ value.to_owned() }{ INLINE_TRANSLATION_SHOWN }</> });
                parts.push(marked(translation));
            }
            _ => parts.push(html! { { drawn(english) } }),
        }
        if let Some(translated) = translated {
            parts.push(html! { <br /> });
            parts.push(marked(&drawn(translated)));
        }
    }
    parts.into_iter().collect()
}

fn limited_section_html(section: &Section, left: &mut usize, lang: Option<&str>) -> Html {
    let mut blocks = Vec::new();
    for block in &section.blocks {
        if *left == 0 {
            break;
        }
        blocks.push(block_html(block, left, lang));
    }
    html! {
        <section class="report-section">
            <h4 class="report-heading">{ text_html(&section.heading, lang) }</h4>
            { for blocks }
        </section>
    }
}

fn block_html(block: &Block, left: &mut usize, lang: Option<&str>) -> Html {
    let shown = rows_of(block).min(*left);
    *left -= shown;
    match block {
        Block::Fields(fields) => {
            html! {
                <dl class="report-fields">
                    { for fields.iter().take(shown).map(|field| html! {
                        <div class="report-field"><dt>{ text_html(&field.label, lang) }</dt><dd>{ text_html(&field.value, lang) }</dd></div>
                    }) }
                </dl>
            }
        }
        Block::Table(table) => {
            html! {
                <div class="table-scroll">
                <table class={classes!("report-table", format!("columns-{}", table.columns.len()))}>
                    if let Some(caption) = &table.caption { <caption>{ text_html(caption, lang) }</caption> }
                    <thead>
                        <tr>{ for table.columns.iter().map(|c| html! { <th scope="col">{ text_html(&c.title, lang) }</th> }) }</tr>
                    </thead>
                    <tbody>
                        { for table.rows.iter().take(shown).map(|row| html! {
                            <tr>{ for row.iter().map(|cell| html! { <td>{ cell_html(cell, lang) }</td> }) }</tr>
                        }) }
                    </tbody>
                </table>
                </div>
            }
        }
        Block::Paragraph(text) => html! { <p class="report-paragraph">{ text_html(text, lang) }</p> },
    }
}

/// A cell's text; a date ("2021-10-15") may break after its year and nowhere else, so a narrow
/// column of dates stays readable on screen.
fn cell_html(cell: &str, lang: Option<&str>) -> Html {
    let bytes = cell.as_bytes();
    let is_date = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes.iter().enumerate().all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if is_date {
        html! { <>{ &cell[..5] }<wbr />{ &cell[5..] }</> }
    } else {
        text_html(cell, lang)
    }
}

#[derive(Properties, PartialEq)]
pub struct ReportViewProps {
    pub report: Rc<Report>,
    /// The id of the element, for the print CSS and tests.
    pub id: AttrValue,
    /// Draw every row now (the page is about to be printed).
    #[prop_or_default]
    pub draw_all: bool,
}

/// The whole report as it will print: title, banner, sections and footer.
#[component]
pub fn ReportView(props: &ReportViewProps) -> Html {
    let report = &props.report;
    let total = rows_in(&report.sections);
    let shown = use_stepped_rows(total, Rc::as_ptr(report) as usize, props.draw_all);
    let lang = report.translation.as_deref();
    html! {
        <article class={classes!("report", report.mail_to.is_some().then_some("mailed"))} id={props.id.clone()}
            aria-busy={if shown < total { "true" } else { "false" }}>
            <header class="report-letterhead">
                <h3 class="report-title">{ text_html(&report.title, lang) }</h3>
                <p class="report-banner">{ text_html(&report.banner, lang) }</p>
            </header>
            if let Some(lines) = &report.mail_to {
                // Placed by the print style where a window envelope shows it, as the PDF places it.
                <address class="report-mail-to" id="report-mail-to">
                    { for lines.iter().map(|line| html! { <>{ line }<br /></> }) }
                </address>
            }
            { sections_html(&report.sections, shown, lang) }
            <p class="report-footer">{ text_html(&report.footer, lang) }</p>
        </article>
    }
}

/// Sections drawn in steps (see [`use_stepped_rows`]), as the staff's pane of the review shows
/// the whole record.
#[derive(Properties)]
pub struct SteppedSectionsProps {
    pub sections: Rc<Vec<Section>>,
    /// Draw every row now (the page is about to be printed).
    #[prop_or_default]
    pub draw_all: bool,
}

impl PartialEq for SteppedSectionsProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.sections, &other.sections) && self.draw_all == other.draw_all
    }
}

#[component]
pub fn SteppedSections(props: &SteppedSectionsProps) -> Html {
    let total = rows_in(&props.sections);
    let shown = use_stepped_rows(total, Rc::as_ptr(&props.sections) as usize, props.draw_all);
    html! {
        <div class="stepped-sections" aria-busy={if shown < total { "true" } else { "false" }}>
            { sections_html(&props.sections, shown, None) }
        </div>
    }
}
