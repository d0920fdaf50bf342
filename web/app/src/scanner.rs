//! A 2D barcode scanner at the front desk "types" what it reads (`shc:/…` or `shlink:/…`, a
//! thousand characters or more, fast) and then Enter, into whatever has focus. It is recognised
//! by what it types, never by how fast: a `shc:/` or `shlink:/` begun where a word could begin,
//! then Enter. Until the Enter, its keys are held back (nothing reaches the paste area or a
//! focused button, so no half-typed card is left anywhere and nothing is read per keystroke);
//! the Enter itself is swallowed, so it cannot press End session or Continue. Keys that turn out
//! not to be a scan are given back to the paste area, at once.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions, EventListenerPhase};
use wasm_bindgen::JsCast;
use yew::prelude::*;

const PREFIXES: [&str; 2] = ["shc:/", "shlink:/"];
/// Far beyond the largest card (a version 22 code holds under 2,400 digits; a chunked card is
/// typed as several scans). Past this, the keys are given back.
const MAX_HELD: usize = 64 * 1024;

/// What to do with one key.
#[derive(Debug, PartialEq, Eq)]
pub enum KeyOutcome {
    /// Not a scan: let the key do what it does.
    Pass,
    /// Part of a scan (or maybe): keep it from its target.
    Hold,
    /// What was held is not a scan: give it back (it includes this key when this key is a
    /// character, which is then kept from its target, as the text is given back in its place).
    Release(String),
    /// A whole scan, ended by Enter (which is kept from its target).
    Complete(String),
}

/// The keys held back while they may be a scan.
#[derive(Debug, Default)]
pub struct ScanBuffer {
    held: String,
}

impl ScanBuffer {
    /// `key` is the key event's `key`; `at_word_start` whether a typed character would begin a
    /// word where it lands (always true outside the paste area).
    pub fn key(&mut self, key: &str, at_word_start: bool) -> KeyOutcome {
        let mut chars = key.chars();
        let character = match (chars.next(), chars.next()) {
            (Some(c), None) => Some(c),
            _ => None,
        };
        match (key, character) {
            ("Enter", _) if self.is_scan() => KeyOutcome::Complete(std::mem::take(&mut self.held)),
            (_, Some(c)) => {
                if self.held.is_empty() && !(c == 's' && at_word_start) {
                    return KeyOutcome::Pass;
                }
                self.held.push(c);
                let may_be_scan = PREFIXES.iter().any(|p| p.starts_with(&self.held) || self.held.starts_with(p));
                if may_be_scan && self.held.len() <= MAX_HELD {
                    KeyOutcome::Hold
                } else {
                    KeyOutcome::Release(std::mem::take(&mut self.held))
                }
            }
            // Modifier keys alone come with the characters of some scanners' layouts.
            ("Shift" | "CapsLock" | "NumLock", _) => {
                if self.held.is_empty() {
                    KeyOutcome::Pass
                } else {
                    KeyOutcome::Hold
                }
            }
            _ if self.held.is_empty() => KeyOutcome::Pass,
            _ => KeyOutcome::Release(std::mem::take(&mut self.held)),
        }
    }

    fn is_scan(&self) -> bool {
        PREFIXES.iter().any(|p| self.held.len() > p.len() && self.held.starts_with(p))
    }
}

/// Listens for scans while the intake screen is shown: `on_scan` gets each whole scan. Keys given
/// back go into the paste area (`text_area`) when it has focus.
#[hook]
pub fn use_scanner(text_area: NodeRef, on_scan: Callback<String>) {
    use_effect_with((), move |_| {
        let buffer = Rc::new(RefCell::new(ScanBuffer::default()));
        let listener = web_sys::window().map(|window| {
            // Capture phase: the scan is seen before the focused element acts on its keys.
            let options = EventListenerOptions { phase: EventListenerPhase::Capture, passive: false };
            EventListener::new_with_options(&window, "keydown", options, move |event| {
                let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                if event.ctrl_key() || event.meta_key() || event.alt_key() || event.is_composing() {
                    return;
                }
                let area = text_area.cast::<web_sys::HtmlTextAreaElement>();
                let focused = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
                let in_area = matches!((&area, &focused), (Some(a), Some(f)) if a.is_same_node(Some(f)));
                // Other fields (the link, a passcode, the grade) take what is typed into them.
                if !in_area && focused.as_ref().is_some_and(takes_text) {
                    return;
                }
                let at_word_start = !in_area || area.as_ref().is_none_or(caret_at_word_start);
                let key = event.key();
                let outcome = buffer.borrow_mut().key(&key, at_word_start);
                match outcome {
                    KeyOutcome::Pass => {}
                    KeyOutcome::Hold => {
                        event.prevent_default();
                        event.stop_propagation();
                    }
                    KeyOutcome::Release(text) => {
                        if key.chars().count() == 1 {
                            event.prevent_default();
                        }
                        if let Some(area) = area.filter(|_| in_area) {
                            give_back(&area, &text);
                        }
                    }
                    KeyOutcome::Complete(text) => {
                        event.prevent_default();
                        event.stop_propagation();
                        on_scan.emit(text);
                    }
                }
            })
        });
        move || drop(listener)
    });
}

/// Whether a focused element takes typed text itself (so a scan is not taken from it).
fn takes_text(element: &web_sys::Element) -> bool {
    match element.tag_name().to_ascii_lowercase().as_str() {
        "input" => {
            let kind = element.get_attribute("type").unwrap_or_default().to_ascii_lowercase();
            !matches!(kind.as_str(), "button" | "submit" | "reset" | "checkbox" | "radio" | "file")
        }
        "textarea" | "select" => true,
        _ => element.get_attribute("contenteditable").is_some_and(|value| value != "false"),
    }
}

fn caret_at_word_start(area: &web_sys::HtmlTextAreaElement) -> bool {
    let Ok(Some(caret)) = area.selection_start() else { return true };
    let value = area.value();
    // selectionStart counts UTF-16 code units.
    let before: Vec<u16> = value.encode_utf16().take(caret as usize).collect();
    before.last().is_none_or(|&unit| char::from_u32(u32::from(unit)).is_none_or(char::is_whitespace))
}

/// Puts keys that were not a scan where they would have gone, and tells the app they were typed.
fn give_back(area: &web_sys::HtmlTextAreaElement, text: &str) {
    let start = area.selection_start().ok().flatten().unwrap_or(0);
    let end = area.selection_end().ok().flatten().unwrap_or(start);
    if area.set_range_text_with_start_and_end_and_mode(text, start, end, "end").is_ok()
        && let Ok(event) = web_sys::InputEvent::new("input")
    {
        let _ = area.dispatch_event(&event);
    }
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::*;

    use super::*;

    fn feed(buffer: &mut ScanBuffer, keys: &str) -> Vec<KeyOutcome> {
        keys.chars().map(|c| buffer.key(&c.to_string(), true)).collect()
    }

    #[wasm_bindgen_test]
    fn a_scan_is_held_and_given_whole_at_enter() {
        let mut buffer = ScanBuffer::default();
        let outcomes = feed(&mut buffer, "shc:/5676290952");
        assert!(outcomes.iter().all(|o| *o == KeyOutcome::Hold));
        assert_eq!(buffer.key("Enter", true), KeyOutcome::Complete("shc:/5676290952".into()));
        // The next Enter is an ordinary key again.
        assert_eq!(buffer.key("Enter", true), KeyOutcome::Pass);
    }

    #[wasm_bindgen_test]
    fn a_link_scan_works_the_same() {
        let mut buffer = ScanBuffer::default();
        feed(&mut buffer, "shlink:/eyJ1cmwi");
        assert_eq!(buffer.key("Enter", true), KeyOutcome::Complete("shlink:/eyJ1cmwi".into()));
    }

    #[wasm_bindgen_test]
    fn words_that_only_begin_like_a_scan_are_given_back_at_once() {
        let mut buffer = ScanBuffer::default();
        assert_eq!(buffer.key("s", true), KeyOutcome::Hold);
        assert_eq!(buffer.key("o", true), KeyOutcome::Release("so".into()));
        assert_eq!(buffer.key("m", true), KeyOutcome::Pass);
        assert_eq!(feed(&mut buffer, "sh").last(), Some(&KeyOutcome::Hold));
        assert_eq!(buffer.key("Backspace", true), KeyOutcome::Release("sh".into()));
        // "shc:/" and Enter with nothing after it is no scan: the text is given back.
        feed(&mut buffer, "shc:/");
        assert_eq!(buffer.key("Enter", true), KeyOutcome::Release("shc:/".into()));
    }

    #[wasm_bindgen_test]
    fn an_s_inside_a_word_is_typed_as_usual() {
        let mut buffer = ScanBuffer::default();
        assert_eq!(buffer.key("s", false), KeyOutcome::Pass);
        assert_eq!(buffer.key("Shift", true), KeyOutcome::Pass);
        assert_eq!(buffer.key("S", true), KeyOutcome::Pass, "cards begin with a lower-case shc:/");
    }
}
