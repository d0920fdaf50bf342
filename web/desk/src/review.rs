//! The review: the whole record for staff beside the copy the recipient will receive, what was
//! withheld and why, then print. The decision fixes which copies may be made; staff can only
//! choose a more redacted one here (a less redacted copy needs the questions again).

use std::rc::Rc;

use gloo_timers::callback::Timeout;
use recdesk_access::Recipient;
use recdesk_record::{DoseStatus, VerificationStatus};
use recdesk_redact::{Profile, Redacted, StaffRedactions, redact};
use recdesk_report::{Language, Report, StatusRequest};
use recdesk_school::Grade;
use recdesk_web_glue::{ChosenRecord, modules};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::language::{CopyLanguage, LanguageChoice};
use crate::report_view::{ReportView, SteppedSections, section_html};
use crate::verify::Release;

#[derive(Properties, PartialEq)]
pub struct ReviewProps {
    pub chosen: ChosenRecord,
    pub release: Release,
    /// Back to the decision (and the questions), which are kept.
    pub on_back: Callback<()>,
    /// The clinic's settings: whether a draft translation may print.
    pub settings: recdesk_access::ClinicSettings,
}

/// The copy for `recipient`: redacted by the library with the decision's held doses, then laid out
/// with the answers computed from it (school status for `request`).
fn copy_for(
    chosen: &ChosenRecord,
    release: &Release,
    recipient: Recipient,
    request: StatusRequest,
    exemption_evidence: bool,
    language: &Language,
) -> (Rc<Redacted>, Rc<Report>) {
    let decision = &release.decision;
    let profile = if exemption_evidence {
        decision.profile_supporting_exemption(recipient)
    } else {
        decision.profile_for(recipient)
    };
    // Timed for `cargo xtask bench`: redaction, the copy's answers and its layout (a performance
    // measure holds no data and is gone with the page).
    let performance = web_sys::window().and_then(|w| w.performance());
    if let Some(performance) = &performance {
        let _ = performance.mark("recdesk:copy-start");
    }
    let redacted = redact(chosen.reading(), &profile, &decision.staff_redactions());
    let report = recdesk_report::build(&redacted, &release.attestation, request, language);
    if let Some(performance) = &performance {
        let _ = performance.measure_with_start_mark("recdesk:copy", "recdesk:copy-start");
    }
    (Rc::new(redacted), Rc::new(report))
}

#[component]
pub fn Review(props: &ReviewProps) -> Html {
    let allowed = props.release.decision.allowed_recipients();
    let recipient = use_state(|| allowed.first().copied().unwrap_or(Recipient::DoseCounts));
    // Minnesota school status: the grade (None: the one the child's age suggests) and whether staff
    // confirmed the record is the child's full history.
    let grade = use_state(|| None::<Grade>);
    let full_history = use_state(|| false);
    // Staff add the record's exemption evidence to a school's copy when the family asks for one.
    let exemption_evidence = use_state(|| false);
    let request = StatusRequest { grade: *grade, full_history: *full_history };
    // English, or English with a second language on the patient's copy (language.rs).
    let copy_language = use_state(|| CopyLanguage::English);
    let copy_language_asked = use_mut_ref(|| 0_u32);
    let on_copy_language = {
        let copy_language = copy_language.clone();
        Callback::from(move |chosen: CopyLanguage| copy_language.set(chosen))
    };
    let copy = {
        let (chosen, release) = (props.chosen.clone(), props.release.clone());
        let language = copy_language.language();
        use_memo(
            (*recipient, request, *exemption_evidence, language),
            move |(recipient, request, evidence, language)| {
                copy_for(&chosen, &release, *recipient, *request, *evidence, language)
            },
        )
    };
    let on_exemption_evidence = {
        let exemption_evidence = exemption_evidence.clone();
        Callback::from(move |event: Event| {
            exemption_evidence.set(event.target_unchecked_into::<web_sys::HtmlInputElement>().checked())
        })
    };
    let record_has_evidence = !props.chosen.record().observations.is_empty()
        || props.chosen.record().immunizations.iter().any(|d| !d.observations.is_empty());
    // The staff view: the record's sections of the patient's own copy (everything it would hold),
    // as read; the answers computed from a copy are in the copy beside it.
    let staff_view = {
        let chosen = props.chosen.clone();
        use_memo((), move |_| {
            let redacted = redact(chosen.reading(), &Profile::whole_record(), &StaffRedactions::default());
            recdesk_report::records(&redacted, &Language::English)
        })
    };
    let on_grade = {
        let grade = grade.clone();
        Callback::from(move |event: Event| {
            let value = event.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            grade.set(Grade::parse(&value));
        })
    };
    let on_full_history = {
        let full_history = full_history.clone();
        Callback::from(move |event: Event| {
            full_history.set(event.target_unchecked_into::<web_sys::HtmlInputElement>().checked())
        })
    };
    let asks_status = matches!(*recipient, Recipient::School | Recipient::Patient);
    let (redacted, report) = (&copy.0, &copy.1);
    let record = props.chosen.record();
    let in_error = record.immunizations.iter().filter(|d| d.status == DoseStatus::EnteredInError).count();
    let reading = props.chosen.reading();

    // A long record is drawn in steps (report_view.rs): every row is drawn, then the page printed
    // in the task after (by then Yew has drawn them).
    let printing = use_state(|| false);
    let on_print = {
        let printing = printing.clone();
        Callback::from(move |_: MouseEvent| {
            printing.set(true);
            Timeout::new(0, || {
                if let Some(window) = web_sys::window() {
                    let _ = window.print();
                }
            })
            .forget();
        })
    };
    let on_back = props.on_back.reform(|_: MouseEvent| ());
    let copy_name = recipient_copy_name(*recipient);
    let paper = use_state(|| "letter".to_owned());
    let pdf = use_state(|| PdfState::Idle);
    let on_paper = {
        let paper = paper.clone();
        Callback::from(move |event: Event| {
            paper.set(event.target_unchecked_into::<web_sys::HtmlSelectElement>().value())
        })
    };
    // False once this screen is gone (Back, End session): a PDF still being made then is not
    // handed to the browser's downloads after the session it belongs to has ended.
    let shown = use_mut_ref(|| true);
    {
        let shown = shown.clone();
        use_effect_with((), move |_| move || *shown.borrow_mut() = false);
    }
    let file_name = format!(
        "immunization-record-{}.pdf",
        recipient_copy_name(*recipient).trim_start_matches("the ").replace(['\'', ' '], "-")
    );
    let on_pdf = pdf_download(&pdf, &paper, &shown, report.clone(), file_name);
    // The PDF's font holds Latin, Greek and Cyrillic; anything else prints as a square there
    // (the print view uses the browser's fonts and shows it).
    let unprintable = recdesk_report::printable::unprintable(report);
    // A release without consent is documented in the chart: a note built from the copy released.
    // The patient is named from the decision's own copy, so a note for printed dose counts names them too.
    let own_copy = {
        let (chosen, release) = (props.chosen.clone(), props.release.clone());
        use_memo((), move |_| {
            let decision = &release.decision;
            let own = decision.least_redacted().filter(|_| decision.needs_chart_note())?;
            Some(redact(chosen.reading(), &decision.profile_for(own), &decision.staff_redactions()))
        })
    };
    let chart_note = {
        let (own_copy, attestation) = (own_copy.clone(), props.release.attestation.clone());
        use_memo(*recipient, move |printed| {
            let identity = (*own_copy).as_ref()?;
            Some(Rc::new(recdesk_report::chart_note(identity, *printed, &attestation)))
        })
    };
    let chart_note = (*chart_note).clone();
    let on_chart_note_pdf = match &chart_note {
        Some(note) => pdf_download(&pdf, &paper, &shown, note.clone(), "chart-note.pdf".to_owned()),
        None => Callback::noop(),
    };
    html! {
        <section class="review" aria-labelledby="review-heading">
            <h2 id="review-heading" class="review-title">{ "Review the copy, then print" }</h2>
            <fieldset class="review-recipient no-print">
                <legend>{ "Which copy" }</legend>
                { for allowed.iter().map(|r| {
                    let r = *r;
                    let state = recipient.clone();
                    let id = format!("copy-{r:?}").to_lowercase();
                    html! {
                        <div class="choice">
                            <input type="radio" name="copy" id={id.clone()} checked={*recipient == r}
                                onchange={Callback::from(move |_: Event| state.set(r))} />
                            <label for={id}>{ recipient_copy_name(r) }{ " — for " }{ r.label() }</label>
                        </div>
                    }
                }) }
                <p class="verify-note">{ "Only the copies the decision allows are offered. A less redacted copy needs the questions again." }</p>
                if *recipient == Recipient::Patient {
                    <LanguageChoice chosen={(*copy_language).clone()} settings={props.settings} on_change={on_copy_language}
                        asked={copy_language_asked.clone()} />
                }
            </fieldset>
            if asks_status {
                <fieldset class="review-school no-print" id="school-status-options">
                    <legend>{ "Minnesota school status" }</legend>
                    <div class="choice">
                        <label for="school-grade">{ "Grade or child care" }</label>
                        <select id="school-grade" onchange={on_grade}>
                            <option value="" selected={grade.is_none()}>
                                { if *recipient == Recipient::School { "By the child's age" } else { "None on this copy" } }
                            </option>
                            { for Grade::all().into_iter().map(|g| html! {
                                <option value={g.code()} selected={*grade == Some(g)}>{ g.label() }</option>
                            }) }
                        </select>
                    </div>
                    <div class="choice">
                        <input type="checkbox" id="full-history" checked={*full_history} onchange={on_full_history} />
                        <label for="full-history">{ "This record is the child's full immunization history (from MIIC or the clinic's chart)" }</label>
                    </div>
                    <p class="verify-note">{ "Leave it unticked for a card, a paper or one clinic's record: the status then says it is based on the doses in this record only." }</p>
                    if *recipient == Recipient::School && record_has_evidence {
                        <div class="choice">
                            <input type="checkbox" id="exemption-evidence" checked={*exemption_evidence} onchange={on_exemption_evidence} />
                            <label for="exemption-evidence">{ "Add the record's contraindications and evidence of immunity, to support a medical exemption the family asks for" }</label>
                        </div>
                    }
                </fieldset>
            }
            <div class="review-panes">
                <div class="review-pane staff-pane no-print" aria-labelledby="staff-pane-heading">
                    <h3 id="staff-pane-heading" class="pane-heading">{ "The whole record (for you; not printed)" }</h3>
                    { for reading.verifications.iter().map(|v| {
                        let trusted = v.status == VerificationStatus::Verified;
                        html! {
                            <p class={classes!("card-verification", if trusted { "trusted" } else { "untrusted" })}>
                                <span class="card-verification-title">{ format!("Card {}: {}", v.document, v.status.label()) }</span>
                                if let Some(name) = &v.issuer_name { { format!(" ({name})") } }
                            </p>
                        }
                    }) }
                    if in_error > 0 {
                        <p class="verify-note">{ format!("{in_error} dose(s) entered in error are not shown and count on no copy.") }</p>
                    }
                    <SteppedSections sections={staff_view.clone()} draw_all={*printing} />
                    if !reading.diagnostics.is_empty() {
                        <details class="reading-diagnostics">
                            <summary>{ format!("{} note(s) about the input", reading.diagnostics.len()) }</summary>
                            <ul>
                                { for reading.diagnostics.iter().map(|d| html! {
                                    <li class="diagnostic">{ &d.message }</li>
                                }) }
                            </ul>
                        </details>
                    }
                </div>
                <div class="review-pane copy-pane" aria-labelledby="copy-pane-heading">
                    <h3 id="copy-pane-heading" class="pane-heading no-print">{ format!("What is printed: {copy_name}") }</h3>
                    <ReportView report={report.clone()} id="print-copy" draw_all={*printing} />
                </div>
            </div>
            <details class="withheld-log no-print" id="withheld-log">
                <summary>{ format!("{} item(s) withheld from this copy, and why", redacted.redactions.len()) }</summary>
                <table>
                    <thead><tr><th scope="col">{ "Item" }</th><th scope="col">{ "Where in the input" }</th><th scope="col">{ "Why" }</th></tr></thead>
                    <tbody>
                        { for redacted.redactions.iter().map(|r| html! {
                            <tr><td>{ r.kind.label() }</td><td>{ &r.location }</td><td>{ r.rule.basis() }</td></tr>
                        }) }
                    </tbody>
                </table>
            </details>
            if !unprintable.is_empty() {
                <p class="verify-note no-print" id="unprintable-note" role="note">
                    { format!(
                        "The PDF cannot print {} (outside the Latin, Greek and Cyrillic letters its font holds): each prints as {}. Print this page instead, or check those names against the source and write them in by hand.",
                        unprintable.iter().take(8).map(|c| format!("“{c}”")).collect::<Vec<_>>().join(", "),
                        recdesk_report::printable::PLACEHOLDER,
                    ) }
                </p>
            }
            <div class="verify-actions review-actions no-print">
                <button type="button" class="back" onclick={on_back}>{ "Back to the decision" }</button>
                <button type="button" class="primary" id="print" onclick={on_print}>{ format!("Print {copy_name}") }</button>
                <button type="button" id="download-pdf" onclick={on_pdf} disabled={*pdf == PdfState::Making}>
                    { if *pdf == PdfState::Making { "Making the PDF…".to_owned() } else { format!("Download {copy_name} as PDF") } }
                </button>
                <label for="paper" class="paper-label">{ "Paper" }</label>
                <select id="paper" onchange={on_paper}>
                    <option value="letter" selected={*paper == "letter"}>{ "US Letter" }</option>
                    <option value="a4" selected={*paper == "a4"}>{ "A4" }</option>
                </select>
            </div>
            if let Some(note) = &chart_note {
                <section class="chart-note no-print" id="chart-note" aria-labelledby="chart-note-heading">
                    <h3 id="chart-note-heading" class="pane-heading">{ "Chart note: for the patient's chart, not the recipient" }</h3>
                    <p class="verify-note">{ "This release is made without the patient's consent, so it is documented in the patient's record (Minn. Stat. §144.293 subd. 9). Enter these lines in the chart, or download the note and file it. Record Desk keeps nothing." }</p>
                    { for note.sections.iter().map(section_html) }
                    <button type="button" id="download-chart-note" onclick={on_chart_note_pdf}>{ "Download the chart note as PDF" }</button>
                </section>
            }
            <p class="pdf-status no-print" role="status" aria-live="polite" id="pdf-status">
                { match &*pdf {
                    PdfState::Idle | PdfState::Making => String::new(),
                    PdfState::Made => "The PDF was handed to the browser's downloads. Delete it when it has been printed or sent: Record Desk keeps no copy.".to_owned(),
                    PdfState::Failed(problem) => problem.clone(),
                } }
            </p>
        </section>
    }
}

#[derive(Clone, PartialEq)]
enum PdfState {
    Idle,
    Making,
    Made,
    Failed(String),
}

/// Makes `report`'s PDF on the chosen paper and hands it to the browser's downloads as `file_name`,
/// saying how it went in `pdf`; nothing once the review is gone (`shown` false).
fn pdf_download(
    pdf: &UseStateHandle<PdfState>,
    paper: &UseStateHandle<String>,
    shown: &Rc<std::cell::RefCell<bool>>,
    report: Rc<Report>,
    file_name: String,
) -> Callback<MouseEvent> {
    let (pdf, paper, shown) = (pdf.clone(), paper.clone(), shown.clone());
    Callback::from(move |_: MouseEvent| {
        pdf.set(PdfState::Making);
        let (pdf, paper, report, file_name) = (pdf.clone(), (*paper).clone(), report.clone(), file_name.clone());
        let shown = shown.clone();
        spawn_local(async move {
            let made = make_pdf(&report, &paper).await;
            if !*shown.borrow() {
                return;
            }
            pdf.set(match made.and_then(|bytes| download(&bytes, &file_name)) {
                Ok(()) => PdfState::Made,
                Err(problem) => PdfState::Failed(problem),
            });
        });
    })
}

/// The report's PDF from the lazily loaded PDF module (see www/loader.js).
async fn make_pdf(report: &Report, paper: &str) -> Result<Vec<u8>, String> {
    const UNAVAILABLE: &str = "The PDF maker is not available in this browser. Use Print instead.";
    let json = serde_json::to_string(report).map_err(|_| UNAVAILABLE.to_owned())?;
    let bytes = modules::call("recdeskRenderPdf", &[json.into(), paper.into()])
        .await
        .map_err(|failure| failure.sentence(UNAVAILABLE))?;
    Ok(js_sys::Uint8Array::new(&bytes).to_vec())
}

/// Hands the PDF to the browser's downloads through a short-lived object URL, revoked soon after.
fn download(bytes: &[u8], file_name: &str) -> Result<(), String> {
    let failed = || "The browser would not save the PDF. Use Print instead.".to_owned();
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/pdf");
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(|_| failed())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| failed())?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or_else(failed)?;
    let anchor: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(|_| failed())?.dyn_into().map_err(|_| failed())?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    // The download has started from the URL; it must not outlive that (or the session).
    // Forgotten, not dropped: it must fire even when the review is gone by then.
    Timeout::new(2000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

fn recipient_copy_name(recipient: Recipient) -> &'static str {
    match recipient {
        Recipient::Patient => "the patient's copy",
        Recipient::Provider => "the provider copy",
        Recipient::School => "the school copy",
        Recipient::DoseCounts => "the dose counts",
    }
}
