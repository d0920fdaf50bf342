//! The screens after the record is read: the verification questions, then the review of the copy
//! once the decision allows a release. The questions stay mounted (hidden) under the review, so
//! going back to the decision loses nothing.

use recdesk_web_glue::ChosenRecord;
use yew::prelude::*;

use crate::review::Review;
use crate::verify::{Release, Verify};

#[derive(Clone, Properties, PartialEq)]
pub struct DeskProps {
    /// The patient's record the request is about; None when no record was found.
    pub record: Option<ChosenRecord>,
    /// Back to the record, from the first question.
    pub on_leave: Callback<()>,
    /// The clinic's settings for the decision.
    pub settings: recdesk_access::ClinicSettings,
    /// The kiosk's language for what the requester reads (empty: English).
    pub words: std::rc::Rc<recdesk_words::Words>,
}

#[component]
pub fn Desk(props: &DeskProps) -> Html {
    let release = use_state(|| None::<Release>);
    let on_release = {
        let release = release.clone();
        Callback::from(move |decided: Release| release.set(Some(decided)))
    };
    let back_to_decision = {
        let release = release.clone();
        Callback::from(move |()| release.set(None))
    };
    html! {
        <ContextProvider<std::rc::Rc<recdesk_words::Words>> context={props.words.clone()}>
            <div hidden={release.is_some()}>
                <Verify record={props.record.clone()} on_leave={props.on_leave.clone()} {on_release} settings={props.settings} />
            </div>
            if let (Some(chosen), Some(release)) = (&props.record, &*release) {
                <Review chosen={chosen.clone()} release={release.clone()} on_back={back_to_decision} settings={props.settings} />
            }
        </ContextProvider<std::rc::Rc<recdesk_words::Words>>>
    }
}
