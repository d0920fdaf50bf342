//! A report (`recdesk_report::Report`) as HTML: the print view, and the panes of the review.
//! The same model the PDF is drawn from, so the screen, the printer and the PDF say the same.

use recdesk_report::{Block, Report, Section};
use yew::prelude::*;

/// One section of a report as HTML: its heading, then label/value pairs, tables and paragraphs.
pub fn section_html(section: &Section) -> Html {
    html! {
        <section class="report-section">
            <h4 class="report-heading">{ &section.heading }</h4>
            { for section.blocks.iter().map(block_html) }
        </section>
    }
}

fn block_html(block: &Block) -> Html {
    match block {
        Block::Fields(fields) => html! {
            <dl class="report-fields">
                { for fields.iter().map(|field| html! {
                    <div class="report-field"><dt>{ &field.label }</dt><dd>{ &field.value }</dd></div>
                }) }
            </dl>
        },
        Block::Table(table) => html! {
            <div class="table-scroll">
            <table class={classes!("report-table", format!("columns-{}", table.columns.len()))}>
                if let Some(caption) = &table.caption { <caption>{ caption }</caption> }
                <thead>
                    <tr>{ for table.columns.iter().map(|c| html! { <th scope="col">{ &c.title }</th> }) }</tr>
                </thead>
                <tbody>
                    { for table.rows.iter().map(|row| html! {
                        <tr>{ for row.iter().map(|cell| html! { <td>{ cell_html(cell) }</td> }) }</tr>
                    }) }
                </tbody>
            </table>
            </div>
        },
        Block::Paragraph(text) => html! { <p class="report-paragraph">{ text }</p> },
    }
}

/// A cell's text; a date ("2021-10-15") may break after its year and nowhere else, so a narrow
/// column of dates stays readable on screen.
fn cell_html(cell: &str) -> Html {
    let bytes = cell.as_bytes();
    let is_date = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes.iter().enumerate().all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if is_date {
        html! { <>{ &cell[..5] }<wbr />{ &cell[5..] }</> }
    } else {
        html! { { cell } }
    }
}

#[derive(Properties, PartialEq)]
pub struct ReportViewProps {
    pub report: std::rc::Rc<Report>,
    /// The id of the element, for the print CSS and tests.
    pub id: AttrValue,
}

/// The whole report as it will print: title, banner, sections and footer.
#[component]
pub fn ReportView(props: &ReportViewProps) -> Html {
    let report = &props.report;
    html! {
        <article class={classes!("report", report.mail_to.is_some().then_some("mailed"))} id={props.id.clone()}>
            <header class="report-letterhead">
                <h3 class="report-title">{ &report.title }</h3>
                <p class="report-banner">{ &report.banner }</p>
            </header>
            if let Some(lines) = &report.mail_to {
                // Placed by the print style where a window envelope shows it, as the PDF places it.
                <address class="report-mail-to" id="report-mail-to">
                    { for lines.iter().map(|line| html! { <>{ line }<br /></> }) }
                </address>
            }
            { for report.sections.iter().map(section_html) }
            <p class="report-footer">{ &report.footer }</p>
        </article>
    }
}
