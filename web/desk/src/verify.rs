//! The verification wizard's screens: one question per step, back and forward, the statute on
//! request, a summary before the decision.
//!
//! Every question, choice, rule and decision comes from `recdesk_access::Wizard`; this module only
//! shows them and hands the staff member's answers back. Drafts (a choice ticked but not yet
//! confirmed) live in the step's own component, keyed by step, so they reset between questions;
//! the answers themselves live in the wizard and survive going back.

use std::rc::Rc;

use recdesk_access::{
    AddressSource, Answer, Attestation, ClinicSettings, Consent, ConsentSigner, CourtOrder, Decision,
    DelegationCoverage, Delivery, DocumentKind, DocumentScope, Identity, KnowledgeCheckResult, OrganizationIdentity,
    Outcome, OwnCare, Purpose, Recipient, ReleaseTime, RequesterKind, StatedFacts, Step, Wizard,
};
use recdesk_record::PartialDate;
use recdesk_report::{NameOnRecord, names_for_id_check};
use recdesk_web_glue::{ChosenRecord, count};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement};
use yew::prelude::*;

/// A decision to release, with what the report will say about it: the wizard's result.
#[derive(Clone, Debug, PartialEq)]
pub struct Release {
    pub decision: Rc<Decision>,
    pub attestation: Rc<Attestation>,
}

/// Today's date from this browser's clock (local time): the wizard itself reads no clock.
pub fn today() -> PartialDate {
    let now = js_sys::Date::new_0();
    PartialDate::new(now.get_full_year() as u16, Some(now.get_month() as u8 + 1), Some(now.get_date() as u8))
        .unwrap_or(PartialDate { year: now.get_full_year() as u16, month: None, day: None })
}

/// The release time for the attestation, from this browser's clock.
fn release_time() -> Option<ReleaseTime> {
    let now = js_sys::Date::new_0();
    ReleaseTime::new(today(), now.get_hours() as u8, now.get_minutes() as u8)
}

pub struct VerifyState {
    wizard: Wizard,
    /// Why the last answer was not taken, in the library's words.
    problem: Option<String>,
}

pub enum VerifyAction {
    Answer(Answer),
    Back,
    Revisit(Step),
    /// A clinician releases the held doses (their name, as typed); None takes it back.
    ReleaseHeldDoses(Option<String>),
}

impl Reducible for VerifyState {
    type Action = VerifyAction;

    fn reduce(self: Rc<Self>, action: VerifyAction) -> Rc<Self> {
        let mut wizard = self.wizard.clone();
        let result = match action {
            VerifyAction::Answer(answer) => wizard.answer(answer),
            VerifyAction::Back => {
                wizard.back();
                Ok(())
            }
            VerifyAction::Revisit(step) => wizard.revisit(step),
            VerifyAction::ReleaseHeldDoses(Some(clinician)) => wizard.release_held_doses(&clinician),
            VerifyAction::ReleaseHeldDoses(None) => {
                wizard.withdraw_release_of_held_doses();
                Ok(())
            }
        };
        match result {
            Ok(()) => Rc::new(VerifyState { wizard, problem: None }),
            // A refused answer leaves the wizard as it was and says why.
            Err(problem) => Rc::new(VerifyState { wizard: self.wizard.clone(), problem: Some(problem.to_string()) }),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct VerifyProps {
    /// The patient's record the request is about; None when no record was found.
    pub record: Option<ChosenRecord>,
    /// Back to the record (from the first question), keeping everything entered there.
    pub on_leave: Callback<()>,
    /// The decision allows a release: on to the review.
    pub on_release: Callback<Release>,
    /// The clinic's settings for the decision.
    pub settings: ClinicSettings,
}

#[component]
pub fn Verify(props: &VerifyProps) -> Html {
    let (record, settings) = (props.record.clone(), props.settings);
    let state = use_reducer(move || VerifyState {
        wizard: Wizard::with_clinic_settings(record.as_ref().map(ChosenRecord::record), today(), &settings),
        problem: None,
    });
    let wizard = &state.wizard;
    let step = wizard.current_step();
    let steps = wizard.steps();

    let on_answer = {
        let dispatcher = state.dispatcher();
        Callback::from(move |answer: Answer| dispatcher.dispatch(VerifyAction::Answer(answer)))
    };
    let on_back = {
        let dispatcher = state.dispatcher();
        let on_leave = props.on_leave.clone();
        Callback::from(move |()| {
            if step == Step::StaffName { on_leave.emit(()) } else { dispatcher.dispatch(VerifyAction::Back) }
        })
    };
    let on_revisit = {
        let dispatcher = state.dispatcher();
        Callback::from(move |step: Step| dispatcher.dispatch(VerifyAction::Revisit(step)))
    };
    let frame = Frame {
        step,
        problem: state.problem.clone(),
        on_back: on_back.clone(),
        back_label: if step == Step::StaffName { "Back to the record" } else { "Back" },
        submit_label: if step == Step::Summary { "Confirm and decide" } else { "Continue" },
        onsubmit: Callback::noop(),
    };
    let a = wizard.answers();
    let key = format!("{step:?}");
    // What staff compare a photo ID with, and where a mailed copy goes: the record's own values,
    // for this screen only.
    let names: Rc<Vec<NameOnRecord>> =
        Rc::new(props.record.as_ref().map(|r| names_for_id_check(r.record())).unwrap_or_default());

    let body = match step {
        Step::StaffName => {
            html! { <StaffNameStep key={key} {frame} current={a.staff_name.clone()} on_answer={on_answer} /> }
        }
        Step::RequesterKind => {
            let choices: Vec<Choice> = wizard.requester_choices().iter().map(|kind| requester_choice(*kind)).collect();
            let current = a.requester.map(Answer::Requester);
            html! { <ChoiceStep key={key} {frame} {choices} {current} on_answer={on_answer} /> }
        }
        Step::Identity => html! {
            <IdentityStep key={key} {frame} photo_ids={wizard.photo_id_choices()} current={a.identity.clone()}
                can_check_knowledge={wizard.knowledge_check_offered()}
                knowledge_note={knowledge_tries_note(props.record.is_some(), wizard.failed_knowledge_checks())}
                names={names.clone()} on_answer={on_answer} />
        },
        Step::Evidence => html! {
            <DocumentsStep key={key} {frame} offered={wizard.document_choices()} current={a.documents.clone()}
                names={names.clone()} on_answer={on_answer} />
        },
        Step::CourtOrder => {
            simple_choice(frame, key, &CourtOrder::ALL, a.court_order, Answer::CourtOrder, CourtOrder::label, on_answer)
        }
        Step::DocumentScope => simple_choice(
            frame,
            key,
            &DocumentScope::ALL,
            a.document_scope,
            Answer::DocumentScope,
            DocumentScope::label,
            on_answer,
        ),
        Step::Delegation => simple_choice(
            frame,
            key,
            &DelegationCoverage::ALL,
            a.delegation,
            Answer::Delegation,
            DelegationCoverage::label,
            on_answer,
        ),
        Step::OwnCare => {
            simple_choice(frame, key, &OwnCare::ALL, a.own_care, Answer::OwnCare, OwnCare::label, on_answer)
        }
        Step::FosterHealthCare => {
            simple_choice(frame, key, &[true, false], a.foster_health_care, Answer::FosterHealthCare, yes_no, on_answer)
        }
        Step::OrganizationIdentity => simple_choice(
            frame,
            key,
            &OrganizationIdentity::ALL,
            a.organization_identity,
            Answer::OrganizationIdentity,
            OrganizationIdentity::label,
            on_answer,
        ),
        Step::ServesPatient => {
            simple_choice(frame, key, &[true, false], a.serves_patient, Answer::ServesPatient, yes_no, on_answer)
        }
        Step::Consent => html! { <ConsentStep key={key} {frame} current={a.consent} on_answer={on_answer} /> },
        Step::Purpose => {
            simple_choice(frame, key, &Purpose::ALL, a.purpose, Answer::Purpose, Purpose::label, on_answer)
        }
        Step::RegistryLock => {
            simple_choice(frame, key, &[true, false], a.registry_locked, Answer::RegistryLocked, yes_no, on_answer)
        }
        Step::ProtectionOrder => {
            simple_choice(frame, key, &[true, false], a.protection_order, Answer::ProtectionOrder, yes_no, on_answer)
        }
        Step::MailingAddress => {
            let choices: Vec<Choice> = AddressSource::ALL
                .iter()
                .map(|source| Choice { group: None, label: source.label(), answer: Answer::MailingAddress(*source) })
                .collect();
            let lines = props.record.as_ref().and_then(|r| recdesk_report::mailing_lines(r.record()));
            let before = html! {
                <div class="mailing-address" id="mailing-address">
                    <p class="field-label">{ "The copy goes to this address, printed where a window envelope shows it:" }</p>
                    <address>{ for lines.iter().flatten().map(|line| html! { <>{ line }<br /></> }) }</address>
                    <p class="verify-note">{ "Check it is the address your clinic or MIIC holds, not one the requester gave today. Nothing is handed over at the desk." }</p>
                </div>
            };
            let current = a.mailing_address.map(Answer::MailingAddress);
            html! { <ChoiceStep {key} {frame} {choices} {current} {on_answer} {before} /> }
        }
        Step::Summary => {
            let lines: Vec<(Step, &'static str, String)> =
                wizard.summary().into_iter().map(|line| (line.step, line.question, line.answer)).collect();
            html! {
                <StepFrame frame={frame.with_submit(on_answer.reform(|_: SubmitEvent| Answer::Confirm))}>
                    <dl class="summary-lines">
                        { for lines.into_iter().map(|(step, question, answer)| {
                            let on_change = on_revisit.reform(move |_: MouseEvent| step);
                            html! {
                                <div class="summary-line">
                                    <dt>{ question }</dt>
                                    <dd>
                                        <span class="summary-answer">{ answer }</span>
                                        <button type="button" class="link-button" onclick={on_change}
                                            aria-label={format!("Change the answer to: {}", step.title())}>{ "Change" }</button>
                                    </dd>
                                </div>
                            }
                        }) }
                    </dl>
                    if let Some(result) = wizard.knowledge_check() { { knowledge_panel(result) } }
                    if props.record.is_none() {
                        <p class="verify-note">{ "No record was loaded, so there is nothing to release here." }</p>
                    }
                </StepFrame>
            }
        }
        Step::Outcome => match wizard.outcome() {
            Some(decision) => html! {
                <OutcomeView decision={Rc::new(decision)} record={props.record.clone()} attestation={release_time().and_then(|t| wizard.attestation(t)).map(Rc::new)}
                    knowledge={wizard.knowledge_check().cloned()} on_back={on_back} on_leave={props.on_leave.clone()}
                    on_release={props.on_release.clone()} problem={state.problem.clone()}
                    on_release_held={{
                        let dispatcher = state.dispatcher();
                        Callback::from(move |clinician| dispatcher.dispatch(VerifyAction::ReleaseHeldDoses(clinician)))
                    }} />
            },
            None => html! {},
        },
    };

    html! {
        <section class="verify" aria-labelledby="verify-heading">
            <h2 id="verify-heading" class="verify-title">{ "Verify the requester" }</h2>
            <div class="verify-layout">
                <ol class="verify-steps" aria-label="Steps">
                    { for steps.iter().map(|s| {
                        let state = if *s == step { "current" } else if wizard.is_answered(*s) { "done" } else { "todo" };
                        html! {
                            <li class={classes!("verify-step", state)} aria-current={(*s == step).then_some("step")}>{ s.title() }</li>
                        }
                    }) }
                </ol>
                <div class="verify-body">{ body }</div>
            </div>
        </section>
    }
}

fn yes_no(answer: bool) -> &'static str {
    if answer { "Yes" } else { "No" }
}

/// A choice step whose answers are the values of one small enum (or yes/no).
fn simple_choice<T: Copy + PartialEq + 'static>(
    frame: Frame,
    key: String,
    values: &[T],
    current: Option<T>,
    to_answer: fn(T) -> Answer,
    label: fn(T) -> &'static str,
    on_answer: Callback<Answer>,
) -> Html {
    let choices: Vec<Choice> =
        values.iter().map(|v| Choice { group: None, label: label(*v), answer: to_answer(*v) }).collect();
    html! { <ChoiceStep {key} {frame} {choices} current={current.map(to_answer)} {on_answer} /> }
}

fn requester_choice(kind: RequesterKind) -> Choice {
    let group = match kind {
        RequesterKind::Organization(_) => "An organization",
        RequesterKind::AnyoneElse(_) => "Anyone else",
        RequesterKind::CourtOrSubpoena => "Legal process",
        _ => "The patient, or a person acting for the patient",
    };
    Choice { group: Some(group), label: kind.label(), answer: Answer::Requester(kind) }
}

/// The frame every question shares: the question, why it is asked, what went wrong, Back and Continue.
#[derive(PartialEq, Clone)]
pub struct Frame {
    step: Step,
    problem: Option<String>,
    on_back: Callback<()>,
    back_label: &'static str,
    submit_label: &'static str,
    onsubmit: Callback<SubmitEvent>,
}

impl Frame {
    fn with_submit(mut self, onsubmit: Callback<SubmitEvent>) -> Frame {
        self.onsubmit = onsubmit;
        self
    }

    fn with_problem(mut self, local: Option<String>) -> Frame {
        if local.is_some() {
            self.problem = local;
        }
        self
    }
}

#[derive(Properties, PartialEq)]
struct StepFrameProps {
    frame: Frame,
    #[prop_or_default]
    children: Html,
}

#[component]
fn StepFrame(StepFrameProps { frame: props, children }: &StepFrameProps) -> Html {
    let form = use_node_ref();
    {
        // Each question is a fresh component: put the keyboard on its first answer (or the checked one).
        // The summary has no answers: Enter there confirms, and its Change buttons are a Shift+Tab away.
        let form = form.clone();
        use_effect_with((), move |_| {
            if let Some(form) = form.cast::<HtmlElement>() {
                let target = form
                    .query_selector("input:checked")
                    .ok()
                    .flatten()
                    .or_else(|| form.query_selector("input, textarea, button[type=submit]").ok().flatten());
                if let Some(target) = target.and_then(|t| t.dyn_into::<HtmlElement>().ok()) {
                    let _ = target.focus();
                }
            }
        });
    }
    let onsubmit = {
        let onsubmit = props.onsubmit.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            onsubmit.emit(event);
        })
    };
    let on_back = props.on_back.reform(|_: MouseEvent| ());
    let step = props.step;
    html! {
        <form class="verify-question" ref={form} {onsubmit} novalidate=true aria-labelledby="verify-question">
            <h3 id="verify-question" class="verify-question-text">{ step.question() }</h3>
            <details class="verify-basis">
                <summary>{ "Why is this asked?" }</summary>
                <p>{ step.basis() }</p>
            </details>
            { children.clone() }
            if let Some(problem) = &props.problem {
                <p class="problem" role="alert" id="verify-problem">{ problem }</p>
            }
            <div class="verify-actions">
                <button type="button" class="back" onclick={on_back}>{ props.back_label }</button>
                <button type="submit" class="primary">{ props.submit_label }</button>
            </div>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct StaffNameProps {
    frame: Frame,
    current: Option<String>,
    on_answer: Callback<Answer>,
}

#[component]
fn StaffNameStep(props: &StaffNameProps) -> Html {
    let draft = use_state(|| props.current.clone().unwrap_or_default());
    let on_input = {
        let draft = draft.clone();
        Callback::from(move |event: InputEvent| draft.set(event.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let onsubmit = {
        let (draft, on_answer) = (draft.clone(), props.on_answer.clone());
        Callback::from(move |_: SubmitEvent| on_answer.emit(Answer::StaffName((*draft).clone())))
    };
    html! {
        <StepFrame frame={props.frame.clone().with_submit(onsubmit)}>
            <label for="staff-name" class="field-label">{ "Your name" }</label>
            <input id="staff-name" type="text" autocomplete="off" spellcheck="false" value={(*draft).clone()} oninput={on_input} />
            <p class="verify-note">{ "It is printed on the report as the person who released it, and kept nowhere else." }</p>
        </StepFrame>
    }
}

/// One answer among several (radio buttons), optionally under a group heading.
#[derive(Clone, PartialEq)]
struct Choice {
    group: Option<&'static str>,
    label: &'static str,
    answer: Answer,
}

#[derive(Properties, PartialEq)]
struct ChoiceProps {
    frame: Frame,
    choices: Vec<Choice>,
    current: Option<Answer>,
    on_answer: Callback<Answer>,
    /// Shown above the choices (what the question is about).
    #[prop_or_default]
    before: Html,
}

#[component]
fn ChoiceStep(props: &ChoiceProps) -> Html {
    let initial = props.current.as_ref().and_then(|current| props.choices.iter().position(|c| c.answer == *current));
    let selected = use_state(|| initial);
    let missing = use_state(|| None::<String>);
    let onsubmit = {
        let (selected, missing) = (selected.clone(), missing.clone());
        let (choices, on_answer) = (props.choices.clone(), props.on_answer.clone());
        Callback::from(move |_: SubmitEvent| match selected.and_then(|index| choices.get(index)) {
            Some(choice) => on_answer.emit(choice.answer.clone()),
            None => missing.set(Some("Choose one of the answers.".to_owned())),
        })
    };
    let radio = |index: usize, choice: &Choice| {
        let checked = *selected == Some(index);
        let selected = selected.clone();
        let onchange = Callback::from(move |_: Event| selected.set(Some(index)));
        let id = format!("choice-{index}");
        html! {
            <div class="choice">
                <input type="radio" name="choice" id={id.clone()} {checked} {onchange} />
                <label for={id}>{ choice.label }</label>
            </div>
        }
    };
    // Consecutive choices with the same group go under one heading.
    let mut groups: Vec<(Option<&'static str>, Vec<Html>)> = Vec::new();
    for (index, choice) in props.choices.iter().enumerate() {
        match groups.last_mut() {
            Some((group, items)) if *group == choice.group => items.push(radio(index, choice)),
            _ => groups.push((choice.group, vec![radio(index, choice)])),
        }
    }
    html! {
        <StepFrame frame={props.frame.clone().with_submit(onsubmit).with_problem((*missing).clone())}>
            { props.before.clone() }
            <fieldset class="choices">
                <legend class="visually-hidden">{ props.frame.step.question() }</legend>
                { for groups.into_iter().map(|(group, items)| match group {
                    Some(group) => html! {
                        <fieldset class="choice-group"><legend>{ group }</legend>{ for items }</fieldset>
                    },
                    None => html! { { for items } },
                }) }
            </fieldset>
        </StepFrame>
    }
}

/// How identity was shown: which photo ID, a knowledge check, or none.
#[derive(Clone, Copy, PartialEq)]
enum IdentityChoice {
    Photo(usize),
    Knowledge,
    None,
}

#[derive(Properties, PartialEq)]
struct IdentityProps {
    frame: Frame,
    photo_ids: &'static [recdesk_access::PhotoIdKind],
    current: Option<Identity>,
    can_check_knowledge: bool,
    /// Why the knowledge check is limited or gone, when it is.
    knowledge_note: Option<String>,
    /// The names the record holds, to compare with the ID.
    names: Rc<Vec<NameOnRecord>>,
    on_answer: Callback<Answer>,
}

/// The names the record holds for the patient and each parent or guardian, beside a question
/// that asks staff to compare a name with them.
fn names_panel(names: &[NameOnRecord]) -> Html {
    if names.is_empty() {
        return html! { <p class="verify-note" id="names-on-record">{ "The record holds no names to compare with." }</p> };
    }
    html! {
        <div class="names-on-record" id="names-on-record">
            <p class="field-label">{ "Names in the record (for you; not printed): the name on the ID must match one" }</p>
            <dl>
                { for names.iter().map(|entry| html! {
                    <div class="name-on-record"><dt>{ entry.role }</dt><dd>{ &entry.name }</dd></div>
                }) }
            </dl>
        </div>
    }
}

/// What the identity screen says about knowledge checks that did not pass.
fn knowledge_tries_note(has_record: bool, failed: u8) -> Option<String> {
    let left = recdesk_access::KNOWLEDGE_CHECK_TRIES.saturating_sub(failed);
    match (has_record, failed, left) {
        (false, _, _) | (true, 0, _) => None,
        (true, _, 0) => Some(format!(
            "The knowledge check did not pass {failed} times in this session, so it is no longer offered: \
             only a photo ID can establish identity now."
        )),
        (true, _, left) => Some(format!(
            "A knowledge check did not pass in this session; {left} more try is allowed, and the printed \
             release will say so."
        )),
    }
}

#[component]
fn IdentityStep(props: &IdentityProps) -> Html {
    let initial = match &props.current {
        Some(Identity::PhotoId(kind)) => props.photo_ids.iter().position(|k| k == kind).map(IdentityChoice::Photo),
        Some(Identity::KnowledgeCheck { .. }) => Some(IdentityChoice::Knowledge),
        Some(Identity::NotShown) => Some(IdentityChoice::None),
        None => None,
    };
    let choice = use_state(|| initial);
    // What was typed earlier is kept for correction: it is what the requester said, not the record.
    let stated = use_state(|| match &props.current {
        Some(Identity::KnowledgeCheck { stated, .. }) => stated.clone(),
        _ => StatedFacts::default(),
    });
    let missing = use_state(|| None::<String>);
    // A photo ID counts only when its name matches one the record (or the paper) holds.
    let name_matches = use_state(|| matches!(props.current, Some(Identity::PhotoId(_))));
    let onsubmit = {
        let (choice, stated, missing, name_matches) =
            (choice.clone(), stated.clone(), missing.clone(), name_matches.clone());
        let (photo_ids, on_answer) = (props.photo_ids, props.on_answer.clone());
        Callback::from(move |_: SubmitEvent| match *choice {
            Some(IdentityChoice::Photo(_)) if !*name_matches => missing.set(Some(
                "Confirm that the name on the ID matches a name in the record, or choose that the requester could \
                 not show who they are."
                    .to_owned(),
            )),
            Some(IdentityChoice::Photo(index)) => {
                if let Some(kind) = photo_ids.get(index) {
                    on_answer.emit(Answer::PhotoId(*kind));
                }
            }
            Some(IdentityChoice::Knowledge) => on_answer.emit(Answer::KnowledgeCheck((*stated).clone())),
            Some(IdentityChoice::None) => on_answer.emit(Answer::NoIdentity),
            None => missing.set(Some("Choose how the requester showed who they are.".to_owned())),
        })
    };
    let option = |value: IdentityChoice, id: String, label: &'static str| {
        let checked = *choice == Some(value);
        let choice = choice.clone();
        let onchange = Callback::from(move |_: Event| choice.set(Some(value)));
        html! {
            <div class="choice">
                <input type="radio" name="identity" id={id.clone()} {checked} {onchange} />
                <label for={id}>{ label }</label>
            </div>
        }
    };
    let field = |id: &'static str,
                 label: &'static str,
                 hint: &'static str,
                 get: fn(&StatedFacts) -> &String,
                 set: fn(&mut StatedFacts, String)| {
        let stated = stated.clone();
        let value = get(&stated).clone();
        let oninput = Callback::from(move |event: InputEvent| {
            let mut next = (*stated).clone();
            set(&mut next, event.target_unchecked_into::<HtmlInputElement>().value());
            stated.set(next);
        });
        html! {
            <div class="knowledge-field">
                <label for={id}>{ label }</label>
                <input id={id} type="text" autocomplete="off" spellcheck="false" {value} {oninput} aria-describedby={format!("{id}-hint")} />
                <span class="field-hint" id={format!("{id}-hint")}>{ hint }</span>
            </div>
        }
    };
    html! {
        <StepFrame frame={props.frame.clone().with_submit(onsubmit).with_problem((*missing).clone())}>
            <fieldset class="choices">
                <legend class="visually-hidden">{ "How the requester showed who they are" }</legend>
                <fieldset class="choice-group">
                    <legend>{ "Photo ID seen (do not type its number)" }</legend>
                    { for props.photo_ids.iter().enumerate().map(|(index, kind)| {
                        option(IdentityChoice::Photo(index), format!("photo-id-{index}"), kind.label())
                    }) }
                    if matches!(*choice, Some(IdentityChoice::Photo(_))) {
                        { names_panel(&props.names) }
                        <div class="choice">
                            <input type="checkbox" id="id-name-matches" checked={*name_matches}
                                onchange={{
                                    let name_matches = name_matches.clone();
                                    Callback::from(move |event: Event| name_matches.set(event.target_unchecked_into::<HtmlInputElement>().checked()))
                                }} />
                            <label for="id-name-matches">{ "The name on the ID matches a name above, or the name on the paper that gives authority" }</label>
                        </div>
                    }
                </fieldset>
                <fieldset class="choice-group">
                    <legend>{ "No photo ID" }</legend>
                    if props.can_check_knowledge {
                        { option(IdentityChoice::Knowledge, "identity-knowledge".to_owned(), "Ask the requester questions (knowledge check)") }
                    }
                    { option(IdentityChoice::None, "identity-none".to_owned(), "The requester could not show who they are") }
                    if props.can_check_knowledge {
                        <p class="verify-note">{ "A knowledge check hands nothing over at the desk: a copy can only be mailed to the patient's address in your clinic's record or MIIC." }</p>
                    }
                    if let Some(note) = &props.knowledge_note {
                        <p class="verify-note" id="knowledge-tries">{ note }</p>
                    }
                </fieldset>
            </fieldset>
            if *choice == Some(IdentityChoice::Knowledge) {
                <fieldset class="knowledge-check">
                    <legend>{ "Type exactly what the requester says. Leave empty what you did not ask." }</legend>
                    { field("stated-name", "Patient's name", "Any order, e.g. “García, José”.", |s| &s.name, |s, v| s.name = v) }
                    { field("stated-birth-date", "Patient's birth date", "MM/DD/YYYY or YYYY-MM-DD.", |s| &s.birth_date, |s, v| s.birth_date = v) }
                    { field("stated-street", "Street address", "e.g. 123 Main St NE Apt 4.", |s| &s.street, |s, v| s.street = v) }
                    { field("stated-zip", "ZIP code", "5 digits or ZIP+4.", |s| &s.postal_code, |s, v| s.postal_code = v) }
                    { field("stated-guardian", "A parent's or guardian's name", "Any order.", |s| &s.guardian_name, |s, v| s.guardian_name = v) }
                    <p class="verify-note">{ "The result shows only whether each answer matched. Do not tell the requester which ones did." }</p>
                </fieldset>
            }
        </StepFrame>
    }
}

#[derive(Properties, PartialEq)]
struct DocumentsProps {
    frame: Frame,
    offered: Vec<DocumentKind>,
    current: Option<Vec<DocumentKind>>,
    /// The names the record holds: "the record names the requester" is checked against them.
    names: Rc<Vec<NameOnRecord>>,
    on_answer: Callback<Answer>,
}

#[component]
fn DocumentsStep(props: &DocumentsProps) -> Html {
    let seen = use_state(|| props.current.clone().unwrap_or_default());
    let onsubmit = {
        let (seen, on_answer) = (seen.clone(), props.on_answer.clone());
        Callback::from(move |_: SubmitEvent| on_answer.emit(Answer::Documents((*seen).clone())))
    };
    html! {
        <StepFrame frame={props.frame.clone().with_submit(onsubmit)}>
            <fieldset class="choices">
                <legend>{ "Tick each one you saw; leave all unticked if none was shown." }</legend>
                { for props.offered.iter().enumerate().map(|(index, kind)| {
                    let kind = *kind;
                    let seen = seen.clone();
                    let checked = seen.contains(&kind);
                    let onchange = Callback::from(move |event: Event| {
                        let ticked = event.target_unchecked_into::<HtmlInputElement>().checked();
                        let mut next: Vec<DocumentKind> = seen.iter().copied().filter(|k| *k != kind).collect();
                        if ticked {
                            next.push(kind);
                        }
                        seen.set(next);
                    });
                    let id = format!("document-{index}");
                    html! {
                        <div class="choice">
                            <input type="checkbox" id={id.clone()} {checked} {onchange} />
                            <label for={id}>{ kind.label() }</label>
                        </div>
                    }
                }) }
            </fieldset>
            if props.offered.contains(&DocumentKind::RecordNamesRequester) { { names_panel(&props.names) } }
        </StepFrame>
    }
}

#[derive(Properties, PartialEq)]
struct ConsentProps {
    frame: Frame,
    current: Option<Consent>,
    on_answer: Callback<Answer>,
}

#[component]
fn ConsentStep(props: &ConsentProps) -> Html {
    // Some(true): a signed consent; Some(false): none.
    let signed = use_state(|| props.current.map(|c| matches!(c, Consent::Signed { .. })));
    let (date, signer, until, covers) = match props.current {
        Some(Consent::Signed { signed_on, signed_by, valid_until, covers_this_release }) => {
            (signed_on.to_string(), Some(signed_by), valid_until.map(|d| d.to_string()), covers_this_release)
        }
        _ => (String::new(), None, None, false),
    };
    let date = use_state(|| date);
    let signer = use_state(|| signer);
    let until = use_state(|| until.unwrap_or_default());
    let covers = use_state(|| covers);
    let missing = use_state(|| None::<String>);
    let onsubmit = {
        let (signed, date, signer, until, covers, missing) =
            (signed.clone(), date.clone(), signer.clone(), until.clone(), covers.clone(), missing.clone());
        let on_answer = props.on_answer.clone();
        Callback::from(move |_: SubmitEvent| {
            // A problem found here hides the wizard's own; it goes once the form is complete.
            missing.set(None);
            match (*signed, *signer) {
                (Some(true), Some(signed_by)) => on_answer.emit(Answer::ConsentSigned {
                    signed_on: (*date).clone(),
                    signed_by,
                    valid_until: (*until).clone(),
                    covers_this_release: *covers,
                }),
                (Some(true), None) => missing.set(Some("Choose who signed the consent.".to_owned())),
                (Some(false), _) => on_answer.emit(Answer::NoConsent),
                (None, _) => missing.set(Some("Choose whether a signed consent was shown.".to_owned())),
            }
        })
    };
    let option = |value: bool, id: &'static str, label: &'static str| {
        let checked = *signed == Some(value);
        let signed = signed.clone();
        let onchange = Callback::from(move |_: Event| signed.set(Some(value)));
        html! {
            <div class="choice">
                <input type="radio" name="consent" {id} {checked} {onchange} />
                <label for={id}>{ label }</label>
            </div>
        }
    };
    let text_input = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |event: InputEvent| state.set(event.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_covers = {
        let covers = covers.clone();
        Callback::from(move |event: Event| covers.set(event.target_unchecked_into::<HtmlInputElement>().checked()))
    };
    html! {
        <StepFrame frame={props.frame.clone().with_submit(onsubmit).with_problem((*missing).clone())}>
            <fieldset class="choices">
                <legend class="visually-hidden">{ "A signed consent" }</legend>
                { option(true, "consent-signed", "Yes, a signed consent") }
                { option(false, "consent-none", "No signed consent") }
            </fieldset>
            if *signed == Some(true) {
                <div class="consent-details">
                    <label for="consent-date" class="field-label">{ "Date it was signed" }</label>
                    <input id="consent-date" type="text" inputmode="numeric" autocomplete="off" placeholder="MM/DD/YYYY"
                        value={(*date).clone()} oninput={text_input(&date)} />
                    <fieldset class="choices consent-signer">
                        <legend>{ "Who signed it" }</legend>
                        { for ConsentSigner::ALL.iter().enumerate().map(|(index, kind)| {
                            let kind = *kind;
                            let state = signer.clone();
                            let id = format!("consent-signer-{index}");
                            html! {
                                <div class="choice">
                                    <input type="radio" name="consent-signer" id={id.clone()} checked={*signer == Some(kind)}
                                        onchange={Callback::from(move |_: Event| state.set(Some(kind)))} />
                                    <label for={id}>{ kind.label() }</label>
                                </div>
                            }
                        }) }
                    </fieldset>
                    <label for="consent-until" class="field-label">{ "Valid until (only if the consent states an end date)" }</label>
                    <input id="consent-until" type="text" inputmode="numeric" autocomplete="off" placeholder="MM/DD/YYYY"
                        aria-describedby="consent-until-hint" value={(*until).clone()} oninput={text_input(&until)} />
                    <span class="field-hint" id="consent-until-hint">{ "Empty: valid one year from the date it was signed." }</span>
                    <div class="choice">
                        <input type="checkbox" id="consent-covers" checked={*covers} onchange={on_covers} />
                        <label for="consent-covers">{ "It names this requester and covers immunization records" }</label>
                    </div>
                </div>
            }
        </StepFrame>
    }
}

/// The knowledge check's result: a level per item and whether identity is established, never a value.
fn knowledge_panel(result: &KnowledgeCheckResult) -> Html {
    html! {
        <div class={classes!("knowledge-result", if result.passed() { "passed" } else { "failed" })} id="knowledge-result">
            <p class="knowledge-verdict">
                { if result.passed() {
                    "Knowledge check passed. Without a photo ID nothing is handed over: a copy can only be mailed to the patient's address on record."
                } else { "Knowledge check: identity not established." } }
            </p>
            <table>
                <thead><tr><th scope="col">{ "Asked" }</th><th scope="col">{ "Result" }</th><th scope="col">{ "Why" }</th></tr></thead>
                <tbody>
                    { for result.items().iter().map(|check| html! {
                        <tr>
                            <th scope="row">{ check.item.label() }</th>
                            <td class={format!("level-{:?}", check.level).to_lowercase()}>{ check.level.label() }</td>
                            <td>{ check.reason }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <details class="verify-basis"><summary>{ "The rule" }</summary><p>{ result.rule() }</p></details>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct OutcomeProps {
    decision: Rc<Decision>,
    /// The record decided on: held doses are named from it.
    record: Option<ChosenRecord>,
    attestation: Option<Rc<Attestation>>,
    knowledge: Option<KnowledgeCheckResult>,
    on_back: Callback<()>,
    on_leave: Callback<()>,
    on_release: Callback<Release>,
    /// Why the last action was refused (a clinician's name that cannot be one).
    problem: Option<String>,
    /// A clinician releases the held doses (Some(name)) or the release is taken back (None).
    on_release_held: Callback<Option<String>>,
}

#[derive(Properties, PartialEq)]
struct ClinicianReleaseProps {
    on_release_held: Callback<Option<String>>,
}

/// Where a clinician who reviewed the held doses releases them, naming themselves.
#[component]
fn ClinicianRelease(props: &ClinicianReleaseProps) -> Html {
    let name = use_state(String::new);
    let on_input = {
        let name = name.clone();
        Callback::from(move |event: InputEvent| name.set(event.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let onsubmit = {
        let (name, on_release_held) = (name.clone(), props.on_release_held.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            on_release_held.emit(Some((*name).clone()));
        })
    };
    html! {
        <form class="clinician-release" {onsubmit} novalidate=true>
            <label for="clinician-name" class="field-label">{ "A clinician reviewed these doses and releases them to this requester. Clinician's name:" }</label>
            <input id="clinician-name" type="text" autocomplete="off" spellcheck="false" value={(*name).clone()} oninput={on_input} />
            <button type="submit" id="release-held">{ "Release the held doses" }</button>
            <p class="verify-note">{ "Minn. Stat. §144.346: the clinician decides whether the parent may know of this care. Their name is printed on the release." }</p>
        </form>
    }
}

/// The decision: what to do, why in plain words, its legal basis, and what the report will say.
#[component]
fn OutcomeView(props: &OutcomeProps) -> Html {
    let heading = use_node_ref();
    {
        // Screen readers and keyboards land on the decision itself.
        let heading = heading.clone();
        use_effect_with((), move |_| {
            if let Some(heading) = heading.cast::<HtmlElement>() {
                let _ = heading.focus();
            }
        });
    }
    let decision = &props.decision;
    let kind = match decision.outcome {
        Outcome::ReleaseFull | Outcome::ReleaseRedacted { .. } => "release",
        Outcome::Refer { .. } => "refer",
        Outcome::Deny { .. } => "deny",
    };
    let on_back = props.on_back.reform(|_: MouseEvent| ());
    // The kiosk's language, when one was chosen on the first screen (lib.rs's `set_words`).
    let words = use_context::<Rc<recdesk_words::Words>>().filter(|w| !w.language.is_empty());
    let lang = words.as_ref().map(|w| AttrValue::from(w.language.clone()));
    // Only a release goes on to the review, and only with its attestation.
    let on_review = props.attestation.clone().filter(|_| decision.outcome.is_release()).map(|attestation| {
        let release = Release { decision: decision.clone(), attestation };
        props.on_release.reform(move |_: MouseEvent| release.clone())
    });
    html! {
        <div class={classes!("verify-outcome", kind)} id="verify-outcome">
            <h3 class="outcome-label" ref={heading} tabindex="-1">{ "Decision: " }{ decision.outcome.label() }</h3>
            <p class="outcome-explanation">{ decision.explanation }</p>
            { match &decision.outcome {
                Outcome::Refer { why, .. } => html! { <p class="outcome-why">{ why }</p> },
                Outcome::Deny { why, bring_next_time } => html! {
                    <>
                        <p class="outcome-why">{ why }</p>
                        if !bring_next_time.is_empty() {
                            // In the kiosk's language too, under the English, for the requester to read.
                            <p class="outcome-next-title">
                                { "What the requester can bring next time:" }
                                if let Some(title) = words.as_ref().and_then(|w| w.translation("screen.bring_title")) {
                                    <span class="translation" lang={lang.clone()}>{ title.to_owned() }</span>
                                }
                            </p>
                            <ul class="outcome-next">{ for bring_next_time.iter().map(|item| {
                                let translated =
                                    words.as_ref().and_then(|w| w.translation_of(recdesk_access::bring_key(item)?, item));
                                html! {
                                    <li>
                                        { *item }
                                        if let Some(translated) = translated {
                                            <span class="translation" lang={lang.clone()}>{ translated.to_owned() }</span>
                                        }
                                    </li>
                                }
                            }) }</ul>
                        }
                    </>
                },
                _ => html! {},
            } }
            if decision.delivery == Delivery::MailedToThePatientsAddress {
                <p class="outcome-notice" id="outcome-mail" role="note">
                    <strong>{ "Mail it, do not hand it over: " }</strong>
                    { "the printed copy carries the patient's address where a window envelope shows it. Identity rests on a knowledge check, so nothing is given to the requester at the desk." }
                </p>
            }
            if decision.address_withheld {
                <p class="outcome-notice" id="outcome-no-address" role="note">
                    <strong>{ "No address on any copy: " }</strong>
                    { "an order for protection or Safe at Home may apply. The copy leaves every address off and does not say why." }
                </p>
            }
            if let Some(notice) = decision.notice {
                <p class="outcome-notice" id="outcome-notice" role="note"><strong>{ "Before you hand it over: " }</strong>{ notice }</p>
            }
            if let Some(review) = &decision.held_for_review {
                <div class="held-for-review" id="held-for-review">
                    <p>
                        <strong>{ format!("{} held for a clinician. ", count(review.doses.len(), "dose")) }</strong>
                        { review.why }
                        { " Held doses are on no copy and in no count on it." }
                    </p>
                    if let Some(record) = &props.record {
                        <ul class="held-doses">
                            { for recdesk_report::held_doses(record.record(), &review.doses).into_iter().map(|line| html! { <li>{ line }</li> }) }
                        </ul>
                    }
                    <p class="basis-inline">{ review.basis.join("; ") }</p>
                    if review.clinician_may_release {
                        <ClinicianRelease on_release_held={props.on_release_held.clone()} />
                    }
                    if let Some(problem) = &props.problem {
                        <p class="problem" role="alert">{ problem }</p>
                    }
                </div>
            }
            if let Some(clinician) = &decision.held_doses_released_by {
                <div class="held-for-review released" id="held-released">
                    <p>
                        <strong>{ "Held doses released by a clinician: " }</strong>{ clinician }
                        { ". They are on the copy, and the release names the clinician." }
                    </p>
                    <button type="button" class="link-button" onclick={props.on_release_held.reform(|_: MouseEvent| None)}>
                        { "Hold them again" }
                    </button>
                </div>
            }
            if !decision.not_the_minors.is_empty() {
                <div class="held-for-review" id="minors-own">
                    <p>
                        <strong>{ "Only the doses the minor consented to alone. " }</strong>
                        { format!("{} on this record are for a parent or guardian to ask for: they are on no copy and in no count on it.", count(decision.not_the_minors.len(), "other dose")) }
                    </p>
                </div>
            }
            if decision.outcome.is_release() {
                <p class="outcome-copies">
                    { "Copies this allows: " }
                    { decision.allowed_recipients().iter().map(|r| copy_name(*r)).collect::<Vec<_>>().join(", ") }
                    { ". A less redacted copy needs a new verification." }
                </p>
            }
            <div class="outcome-basis">
                <p class="outcome-basis-title">{ "Legal basis" }</p>
                <ul>{ for decision.basis.iter().map(|basis| html! { <li>{ *basis }</li> }) }</ul>
            </div>
            if let Some(result) = &props.knowledge { { knowledge_panel(result) } }
            if let Some(attestation) = props.attestation.as_ref().filter(|_| decision.outcome.is_release()) {
                <div class="attestation">
                    <p class="attestation-title">{ "The report will say" }</p>
                    <dl>
                        <dt>{ "Released by" }</dt><dd>{ &attestation.released_by }</dd>
                        <dt>{ "When" }</dt><dd>{ attestation.released_at.to_string() }</dd>
                        <dt>{ "Requester" }</dt><dd>{ attestation.requester }</dd>
                        <dt>{ "Evidence seen" }</dt>
                        <dd>{ if attestation.evidence_seen.is_empty() { "none".to_owned() } else { attestation.evidence_seen.join("; ") } }</dd>
                        if let Some(purpose) = attestation.purpose { <dt>{ "For" }</dt><dd>{ purpose }</dd> }
                        <dt>{ "Outcome" }</dt><dd>{ attestation.outcome_label }</dd>
                        if attestation.delivery == Delivery::MailedToThePatientsAddress {
                            <dt>{ "Delivery" }</dt><dd>{ attestation.delivery_text() }</dd>
                        }
                        if !attestation.settings.is_empty() {
                            <dt>{ "Clinic settings" }</dt><dd id="attested-settings">{ attestation.settings.join("; ") }</dd>
                        }
                        <dt>{ "Data as of" }</dt>
                        <dd>{ attestation.data_as_of.map_or("not stated in the record".to_owned(), |d| d.to_string()) }</dd>
                    </dl>
                </div>
            }
            <div class="verify-actions">
                <button type="button" class="back" onclick={on_back}>{ "Change an answer" }</button>
                if let Some(on_review) = on_review {
                    <button type="button" class="primary" id="to-review" onclick={on_review}>{ "Continue: review the copy" }</button>
                } else {
                    <button type="button" class="leave" onclick={props.on_leave.reform(|_: MouseEvent| ())}>{ "Back to the record" }</button>
                }
            </div>
        </div>
    }
}

fn copy_name(recipient: Recipient) -> &'static str {
    match recipient {
        Recipient::Patient => "the patient's full copy",
        Recipient::Provider => "the provider copy",
        Recipient::School => "the school copy",
        Recipient::DoseCounts => "dose counts (no personal details)",
    }
}
