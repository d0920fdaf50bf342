//! What opening a link gives, and how it crosses from the reader module (which opens links) to
//! the first screen's (which shows the answer): both ends of that hand-over are here.

use wasm_bindgen::JsValue;

/// What opening a link gave.
#[derive(Debug, PartialEq)]
pub struct OpenedLink {
    /// Where it came from, safe to show (the server's host name).
    pub host: String,
    /// The document to read: a SMART Health Card file or FHIR JSON, as text.
    pub text: String,
    /// Files the link shared that Record Desk does not read (e.g. API access tokens).
    pub skipped_files: usize,
}

#[derive(Debug, PartialEq)]
pub enum LinkProblem {
    /// The link needs a passcode (or the one given was wrong): ask for it, keep the link.
    NeedsPasscode {
        message: String,
    },
    Failed(String),
}

/// The answer as it crosses between modules: `["opened", host, text, files skipped]`,
/// `["passcode", sentence]` or `["failed", sentence]`.
pub fn to_answer(opened: Result<OpenedLink, LinkProblem>) -> js_sys::Array {
    match opened {
        Ok(opened) => js_sys::Array::of4(
            &"opened".into(),
            &opened.host.into(),
            &opened.text.into(),
            &(opened.skipped_files as f64).into(),
        ),
        Err(LinkProblem::NeedsPasscode { message }) => js_sys::Array::of2(&"passcode".into(), &message.into()),
        Err(LinkProblem::Failed(message)) => js_sys::Array::of2(&"failed".into(), &message.into()),
    }
}

/// The answer [`to_answer`] wrote; None for anything else (a module of another version).
pub fn from_answer(answer: &JsValue) -> Option<Result<OpenedLink, LinkProblem>> {
    let answer = js_sys::Array::from(answer);
    let text_at = |i: u32| answer.get(i).as_string();
    match text_at(0)?.as_str() {
        "opened" => Some(Ok(OpenedLink {
            host: text_at(1)?,
            text: text_at(2)?,
            skipped_files: answer.get(3).as_f64()? as usize,
        })),
        "passcode" => Some(Err(LinkProblem::NeedsPasscode { message: text_at(1)? })),
        "failed" => Some(Err(LinkProblem::Failed(text_at(1)?))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::*;

    use super::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn every_answer_crosses_whole() {
        let opened = OpenedLink { host: "shl.example.org".into(), text: "{}".into(), skipped_files: 2 };
        let answers = [
            Ok(opened),
            Err(LinkProblem::NeedsPasscode { message: "needs a passcode".into() }),
            Err(LinkProblem::Failed("could not be reached".into())),
        ];
        for answer in answers {
            let expected = format!("{answer:?}");
            let back = from_answer(&to_answer(answer).into()).expect("read back");
            assert_eq!(format!("{back:?}"), expected);
        }
        assert!(from_answer(&JsValue::from_str("something else")).is_none());
    }
}
