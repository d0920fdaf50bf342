//! The intake screen: where a record arrives, pasted into the text area or opened from a file.
//!
//! State lives in one reducer (`IntakeState`), in the style of Yew's todomvc example, so
//! every change is an explicit `IntakeAction` that can be tested without a browser event.

use std::rc::Rc;

use recdesk_intake::{InputKind, TextEncoding, TextSummary, check_size, decode_text, summarize};
use recdesk_record::transfer;
use recdesk_record::{DoseStatus, Format, Severity, VerificationStatus};
use recdesk_web_glue::{ChosenRecord, SharedReading, count, modules};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::camera::CameraScanner;
use crate::directory::{self, DirectoryState};
use crate::language::ScreenLanguage;
use crate::{kiosk, link, scanner};

/// Where the text in the paste area came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IntakeSource {
    /// Typed or pasted into the text area (or a file's text edited there afterwards).
    Entered,
    /// Opened from a file; the encoding says how its bytes were read.
    File { name: String, encoding: TextEncoding },
    /// The QR codes in a picture (a photo or scan of a SMART Health Card).
    Picture { name: String },
    /// The cards (QR codes or `shc:/` text) in a PDF.
    Pdf { name: String },
    /// Typed by a barcode scanner.
    Scanner,
    /// A QR code held up to the camera.
    Camera,
    /// Fetched through a link (SMART Health Link or FHIR address) from this host.
    Link { host: String, skipped_files: usize },
    /// Staff chose one patient of several; the input and the other candidates were discarded.
    Chosen { discarded: usize },
}

/// The link being opened. The link and passcode are secrets (the link holds the key):
/// both are forgotten as soon as the link has been opened.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkState {
    pub text: String,
    pub passcode: String,
    pub asking_passcode: bool,
    pub opening: bool,
    pub problem: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct IntakeState {
    pub text: String,
    pub source: Option<IntakeSource>,
    /// A file being read right now (reads are asynchronous in the browser).
    pub reading: Option<String>,
    /// The last thing that went wrong, written for the person at the desk.
    pub problem: Option<String>,
    /// What the libraries read from the text, when there is any.
    pub reading_result: Option<ReadingResult>,
    /// The issuer directory that SMART Health Cards are checked against.
    pub directory: DirectoryState,
    pub link: LinkState,
    /// Counts the times the paste area must be written from here: `text` replaced by something
    /// other than typing (a file, a card, a link, Clear), a large text cut to its first lines,
    /// or all of it shown again. Typed text is already in the field, and writing a large record
    /// back into it on every keystroke costs the browser a second layout of the whole text.
    pub text_replaced: u32,
    /// Reading runs in the reader module, so it is asynchronous: this counts changes to what
    /// should be read, and an answer is taken only for the latest (an older one is dropped).
    pub read_generation: u32,
    /// `text` waits to be read (the intake screen's effect asks the reader); `reading_result`,
    /// if any, is for earlier text until the answer arrives.
    pub read_pending: bool,
    /// Staff asked to see and edit the whole of a large text (see [`LARGE_TEXT_BYTES`]).
    pub showing_all: bool,
    /// `summarize(&text)`, counted once per change: the status line shows it on every render.
    pub summary: TextSummary,
    /// The opening (a file, a picture, the camera's codes, a link) whose answer is awaited: an
    /// answer is taken only while it is still this one, so Clear, typing or a newer opening
    /// cancels an older one (a cleared patient's file must not come back when it finishes).
    pub awaiting: Option<u32>,
    /// The issuer directory arrived while `awaiting` was on its way: that opening's cards may have
    /// been checked without it, so they are read again when it comes.
    pub recheck_awaited_cards: bool,
}

/// A new token for an opening, see [`IntakeState::awaiting`].
pub fn new_opening() -> u32 {
    thread_local! { static LAST: std::cell::Cell<u32> = const { std::cell::Cell::new(0) }; }
    LAST.with(|last| {
        last.set(last.get().wrapping_add(1));
        last.get()
    })
}

/// Above this size the paste area shows only the text's first lines, read-only, until staff ask
/// for all of it: the browser alone takes 150–250 ms to lay out a 750 KB text in a text box,
/// more than the whole paste-to-read budget, and the box stays slow to scroll and type in. All
/// of the text is read either way. (A one-patient VXU is 2–20 KB; this is about 130 doses.)
pub const LARGE_TEXT_BYTES: usize = 100_000;
/// How much of a large text the paste area shows.
const PREVIEW_LINES: usize = 60;
const PREVIEW_BYTES: usize = 8_000;

impl Default for IntakeState {
    fn default() -> Self {
        Self {
            text: String::new(),
            source: None,
            reading: None,
            problem: None,
            reading_result: None,
            directory: DirectoryState::Loading,
            text_replaced: 0,
            link: LinkState::default(),
            read_generation: 0,
            read_pending: false,
            showing_all: false,
            summary: TextSummary::default(),
            awaiting: None,
            recheck_awaited_cards: false,
        }
    }
}

/// A card's verification as the screen shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardCheck {
    pub trusted: bool,
    /// e.g. "Card 1: verified (State of California)".
    pub title: String,
    pub reason: String,
    /// The issuer whose key file would let the card be checked, when none is known.
    pub needs_keys_for: Option<String>,
}

/// What was read, reduced to what the intake screen shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadingResult {
    /// e.g. "HL7 v2: 1 message, 1 patient record, 3 immunizations (1 entered in error)."
    pub headline: String,
    pub patients: Vec<String>,
    /// One per signed card.
    pub verifications: Vec<CardCheck>,
    /// (is an error, where, what) in plain words.
    pub diagnostics: Vec<(bool, String, String)>,
    /// What was read, for the verification that follows (staff choose one patient's record).
    pub reading: SharedReading,
}

impl ReadingResult {
    /// Takes the reading whole (a 1,000-dose record is not copied).
    fn of(intake: recdesk_intake::Intake) -> Self {
        let outcome = &intake.outcome;
        let doses: Vec<DoseStatus> = outcome.records.iter().flat_map(|r| &r.immunizations).map(|i| i.status).collect();
        let in_error = doses.iter().filter(|s| **s == DoseStatus::EnteredInError).count();
        let headline = if outcome.is_empty() {
            intake.kind.unread_reason().to_owned()
        } else {
            // HL7 v2 speaks of messages; FHIR and SMART Health Cards of documents.
            let unit = if outcome.format == Format::Hl7v2 { "message" } else { "document" };
            let mut headline = format!(
                "{}: {}, {}, {}",
                outcome.format.label(),
                count(outcome.messages.len(), unit),
                count(outcome.records.len(), "patient record"),
                count(doses.len() - in_error, "immunization"),
            );
            if in_error > 0 {
                headline.push_str(&format!(" (and {in_error} entered in error, not counted)"));
            }
            headline.push('.');
            headline
        };
        let patients = outcome
            .records
            .iter()
            .map(|record| {
                let name = record.patient.names.first().map_or("(no name)".to_owned(), |n| n.value.display());
                let born = record.patient.birth_date.as_ref().map_or(String::new(), |d| format!(", born {}", d.value));
                format!("{name}{born}")
            })
            .collect();
        let diagnostics = outcome
            .diagnostics
            .iter()
            .filter(|d| !(outcome.is_empty() && d.message == intake.kind.unread_reason()))
            .map(|d| {
                (
                    d.severity == Severity::Error,
                    d.location.as_ref().map_or(String::new(), |l| l.to_string()),
                    d.message.clone(),
                )
            })
            .collect();
        let verifications = outcome
            .verifications
            .iter()
            .map(|v| {
                let who = v.issuer_name.clone().unwrap_or_else(|| v.issuer.clone());
                let title = if who.is_empty() {
                    format!("Card {}: {}", v.document, v.status.label())
                } else {
                    format!("Card {}: {} ({who})", v.document, v.status.label())
                };
                CardCheck {
                    trusted: v.status == VerificationStatus::Verified,
                    title,
                    reason: v.reason.clone(),
                    needs_keys_for: (v.status == VerificationStatus::IssuerNotFound && !v.issuer.is_empty())
                        .then(|| v.issuer.clone()),
                }
            })
            .collect();
        Self { headline, patients, verifications, diagnostics, reading: SharedReading(Rc::new(intake.outcome)) }
    }
}

/// Said when the reader module cannot be used; nothing entered is lost.
const READER_UNAVAILABLE: &str = "The record reader could not be loaded (is this device offline?). What was entered is kept: \
     edit it or open it again to try again, or reload Record Desk while connected.";

/// Reads bytes (typed text as UTF-8, or a file's) in the reader module (web/reader/), with this
/// browser's clock and the trust store the reader keeps. The error is a sentence for the desk.
pub async fn read_bytes(bytes: &[u8]) -> Result<recdesk_intake::Intake, String> {
    let answer = modules::call("recdeskRead", &[js_sys::Uint8Array::from(bytes).into(), now().into()])
        .await
        .map_err(|failure| failure.sentence(READER_UNAVAILABLE))?;
    reader_answer(&answer)
}

/// How many times [`warm_up`] reads each made-up record: enough for the browser to optimise the
/// hot code, not so many that the idle time it runs in is long (a few tens of milliseconds).
const WARM_UP_ROUNDS: usize = 6;

/// Reads made-up records (`recdesk_intake::warm_up_inputs`) through the whole path a paste takes:
/// the reader module, decoding its answer, and the summary the screen shows. The browser compiles
/// WebAssembly on first use and optimises it once it has run a while; doing that now, while the
/// first screen waits for staff, makes the first real paste as quick as the later ones.
pub async fn warm_up() {
    for _ in 0..WARM_UP_ROUNDS {
        for input in recdesk_intake::warm_up_inputs() {
            if let Ok(intake) = read_bytes(input.as_bytes()).await {
                drop(ReadingResult::of(intake));
            }
        }
    }
}

/// Reads the texts of the QR codes in a picture or a camera frame, in the reader module.
async fn read_picture_texts(texts: &[String]) -> Result<recdesk_intake::Intake, String> {
    let texts: js_sys::Array = texts.iter().map(|text| JsValue::from_str(text)).collect();
    let answer = modules::call("recdeskReadQrTexts", &[texts.into(), now().into()])
        .await
        .map_err(|failure| failure.sentence(READER_UNAVAILABLE))?;
    reader_answer(&answer)
}

/// This browser's clock, in seconds since 1970: a card's validity is judged against it.
fn now() -> f64 {
    js_sys::Date::now() / 1000.0
}

/// The reader's answer: `recdesk_record::transfer` bytes of a `recdesk_intake::Intake`.
fn reader_answer(answer: &JsValue) -> Result<recdesk_intake::Intake, String> {
    transfer::from_bytes(&js_sys::Uint8Array::new(answer).to_vec()).map_err(|_| READER_MISMATCH.to_owned())
}

/// The reader's answer was written by another version (a new copy was installed while this page
/// was open) or is damaged: only a reload brings the parts together again.
const READER_MISMATCH: &str = "The record reader's answer could not be used: parts of Record Desk are from different \
     versions. Reload Record Desk, then paste or open the record again.";

/// Reads an opened or dropped file: a picture through the QR module, anything else as a record.
fn open_file(dispatcher: UseReducerDispatcher<IntakeState>, file: web_sys::File) {
    let name = file.name();
    // File sizes are whole numbers of bytes; the cast saturates on absurd values.
    if let Err(refusal) = check_size(file.size() as usize) {
        dispatcher.dispatch(IntakeAction::FileRefused { name, reason: refusal.to_string() });
        return;
    }
    let opening = new_opening();
    dispatcher.dispatch(IntakeAction::FileReading { name: name.clone(), opening });
    spawn_local(async move {
        let action = match JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => {
                let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
                let kind = recdesk_intake::detect_bytes(&bytes);
                if kind == Some(InputKind::Image) {
                    let result = match read_picture(&bytes).await {
                        Ok(texts) => read_picture_texts(&texts).await,
                        Err(reason) => Err(reason),
                    };
                    IntakeAction::PictureRead { result, name }
                } else if kind == Some(InputKind::Pdf) {
                    IntakeAction::PdfRead { result: read_pdf(&bytes).await, name }
                } else {
                    let intake = read_bytes(&bytes).await;
                    IntakeAction::FileRead { name, bytes, intake }
                }
            }
            Err(_) => IntakeAction::FileRefused { name, reason: READ_FAILED.to_owned() },
        };
        dispatcher.dispatch(IntakeAction::Answer { opening, action: Box::new(action) });
    });
}

/// Finds the cards in a PDF with the separately loaded PDF module (see www/loader.js), then
/// reads them in the reader module.
async fn read_pdf(bytes: &[u8]) -> Result<recdesk_intake::Intake, String> {
    const UNAVAILABLE: &str =
        "The PDF reader is not available in this browser. Scan the card's QR code with the camera instead.";
    let found = modules::call("recdeskReadPdf", &[js_sys::Uint8Array::from(bytes).into()])
        .await
        .map_err(|failure| failure.sentence(UNAVAILABLE))?;
    let found = js_sys::Array::from(&found);
    let args: Vec<JsValue> = (0..3).map(|i| found.get(i)).chain([now().into()]).collect();
    let answer =
        modules::call("recdeskReadPdfFound", &args).await.map_err(|failure| failure.sentence(READER_UNAVAILABLE))?;
    reader_answer(&answer)
}

/// `Some(M)` for one part of a card sent as M codes (`shc:/N/M/…`).
fn chunk_total(text: &str) -> Option<u32> {
    let mut parts = text.trim().strip_prefix("shc:/")?.splitn(3, '/');
    let (_, total, _) = (parts.next()?.parse::<u32>().ok()?, parts.next()?.parse::<u32>().ok()?, parts.next()?);
    (total > 1).then_some(total)
}

/// Reads a picture's QR codes with the separately loaded QR module (see www/loader.js).
async fn read_picture(bytes: &[u8]) -> Result<Vec<String>, String> {
    const UNAVAILABLE: &str = "The QR reader is not available in this browser. Paste the card's text instead.";
    let texts = modules::call("recdeskReadQr", &[js_sys::Uint8Array::from(bytes).into()])
        .await
        .map_err(|failure| failure.sentence(UNAVAILABLE))?;
    Ok(modules::strings(&texts))
}

#[derive(Debug)]
pub enum IntakeAction {
    Edited(String),
    /// The reader's answer for the text as it was at `generation` (or why it could not read).
    TextRead {
        generation: u32,
        result: Result<recdesk_intake::Intake, String>,
    },
    /// Staff chose this record out of `of` patients the input held.
    Chose {
        chosen: ChosenRecord,
        of: usize,
    },
    /// A file is being opened (`opening`: see [`IntakeState::awaiting`]).
    FileReading {
        name: String,
        opening: u32,
    },
    /// The camera's codes are being read.
    CameraReading {
        opening: u32,
    },
    /// The answer to an opening: applied only while that opening is still awaited.
    Answer {
        opening: u32,
        action: Box<IntakeAction>,
    },
    FileRead {
        name: String,
        bytes: Vec<u8>,
        /// What the reader made of the bytes.
        intake: Result<recdesk_intake::Intake, String>,
    },
    /// A file could not be used; whatever was already entered is kept.
    FileRefused {
        name: String,
        reason: String,
    },
    Cleared,
    /// The issuer directory finished loading (or failed): cards are read again against it.
    DirectoryChanged(DirectoryState),
    LinkEdited(String),
    PasscodeEdited(String),
    LinkOpening {
        opening: u32,
    },
    LinkOpened(link::OpenedLink),
    LinkFailed(link::LinkProblem),
    /// The QR codes of an opened picture were found and read, or could not be (why).
    PictureRead {
        name: String,
        result: Result<recdesk_intake::Intake, String>,
    },
    /// What the cards in an opened PDF hold, or why none could be read.
    PdfRead {
        name: String,
        result: Result<recdesk_intake::Intake, String>,
    },
    /// A barcode scanner typed a card (`shc:/…`) or a link (`shlink:/…`) and Enter.
    Scanned(String),
    /// What the QR codes the camera saw hold, or why they could not be read.
    CameraRead(Result<recdesk_intake::Intake, String>),
    /// The camera could not be used (why, with what to do instead).
    CameraFailed(String),
    /// An issuer's key file was opened: added (cards are read again) or refused with the reason.
    IssuerKeysLoaded(Result<String, String>),
    /// Staff asked to see and edit all of a large text.
    ShowAll,
}

impl IntakeState {
    /// `text` is to be read: the intake screen asks the reader, and only this request's answer
    /// is taken. Blank text needs no reading.
    fn request_read(&mut self) {
        self.read_generation = self.read_generation.wrapping_add(1);
        self.read_pending = !self.text.trim().is_empty();
        if !self.read_pending {
            self.reading_result = None;
        }
    }

    /// Whether the reading on screen holds SMART Health Cards (checked against the directory).
    fn holds_cards(&self) -> bool {
        self.reading_result.as_ref().is_some_and(|r| !r.verifications.is_empty())
    }

    /// Forgets an opening in progress: its answer will be dropped when it comes.
    fn cancel_opening(&mut self) {
        self.awaiting = None;
        self.recheck_awaited_cards = false;
        self.reading = None;
        self.link.opening = false;
    }

    /// Whether the paste area shows only the first lines of `text`, read-only.
    pub fn shows_preview(&self) -> bool {
        self.text.len() > LARGE_TEXT_BYTES && !self.showing_all
    }

    /// What the paste area holds: the text, or for a large one its first lines and how many more.
    pub fn paste_area_text(&self) -> String {
        if !self.shows_preview() {
            return self.text.clone();
        }
        // Line ends as the status line counts them: CR (HL7), LF, or CR LF as one.
        let line_ends = |text: &str| -> Vec<usize> {
            let bytes = text.as_bytes();
            (0..bytes.len())
                .filter(|&i| bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
                .map(|i| i + 1)
                .collect()
        };
        let ends = line_ends(&self.text);
        let whole_lines = ends.iter().copied().take(PREVIEW_LINES).take_while(|&end| end <= PREVIEW_BYTES).last();
        // A first line longer than the preview (one-line JSON) is cut at a character boundary.
        let end = whole_lines
            .unwrap_or_else(|| (0..=PREVIEW_BYTES).rev().find(|&i| self.text.is_char_boundary(i)).unwrap_or(0));
        let rest = &self.text[end..];
        let more = line_ends(rest).len() + usize::from(!rest.ends_with(['\n', '\r']));
        format!("{}\n… {} not shown here (all of it is read).", self.text[..end].trim_end(), count(more, "more line"))
    }

    /// `reading_result` now belongs to `text` (read elsewhere): an answer still on its way for
    /// earlier text is dropped when it comes.
    fn settle_read(&mut self) {
        self.read_generation = self.read_generation.wrapping_add(1);
        self.read_pending = false;
    }

    /// A QR code's text replaces what is entered only when it holds a record, or when nothing is
    /// entered yet: a stray code (a web address, a damaged card) must not wipe a pasted message.
    /// An opened picture's or PDF's answer: its cards, or why it gave none.
    fn take_opened_scan(
        &mut self,
        result: Result<recdesk_intake::Intake, String>,
        source: IntakeSource,
        name: &str,
        what: &str,
    ) {
        self.reading = None;
        match result {
            Ok(intake) => self.take_scanned(intake, source, what),
            Err(reason) => self.problem = Some(format!("“{name}” was not read. {reason}")),
        }
    }

    fn take_scanned(&mut self, intake: recdesk_intake::Intake, source: IntakeSource, what: &str) {
        let holds_a_record = !intake.outcome.records.is_empty();
        if holds_a_record || self.text.trim().is_empty() {
            self.text = intake.text_from_image.clone().unwrap_or_default();
            self.source = Some(source);
            self.reading_result = Some(ReadingResult::of(intake));
            self.settle_read();
            self.problem = None;
        } else {
            let kind = recdesk_intake::detect(intake.text_from_image.as_deref().unwrap_or_default());
            self.problem = Some(format!(
                "{what} holds no record Record Desk can read. {} What was entered before is kept.",
                kind.unread_reason()
            ));
        }
    }
}

impl Reducible for IntakeState {
    type Action = IntakeAction;

    fn reduce(self: Rc<Self>, action: IntakeAction) -> Rc<Self> {
        let action = match action {
            IntakeAction::Answer { opening, action } if self.awaiting == Some(opening) => {
                let mut answered = (*self).clone();
                answered.awaiting = None;
                let recheck = std::mem::take(&mut answered.recheck_awaited_cards);
                let next = Rc::new(answered).reduce(*action);
                if !(recheck && next.holds_cards()) {
                    return next;
                }
                let mut next = (*next).clone();
                next.request_read();
                return Rc::new(next);
            }
            // Cancelled by Clear, typing or a newer opening.
            IntakeAction::Answer { .. } => return self,
            action => action,
        };
        let mut next = (*self).clone();
        let typed = matches!(action, IntakeAction::Edited(_));
        match action {
            IntakeAction::Answer { .. } => {}
            IntakeAction::Edited(text) => {
                next.cancel_opening();
                next.source = (!text.is_empty()).then_some(IntakeSource::Entered);
                next.text = text;
                next.request_read();
                next.problem = None;
            }
            IntakeAction::TextRead { generation, result } => {
                if !self.read_pending || generation != self.read_generation {
                    return self; // for text that has changed since
                }
                next.read_pending = false;
                match result {
                    Ok(intake) => next.reading_result = Some(ReadingResult::of(intake)),
                    Err(reason) => {
                        next.reading_result = None;
                        next.problem = Some(reason);
                    }
                }
            }
            IntakeAction::Chose { chosen, of } if of > 1 => {
                // The other candidates are someone else's records: nothing of them stays, not even
                // in the hidden intake screen or its paste area.
                let intake = recdesk_intake::Intake {
                    encoding: TextEncoding::Utf8,
                    kind: recdesk_intake::detect(&next.text),
                    outcome: chosen.reading().clone(),
                    text_from_image: None,
                    found_in: Vec::new(),
                };
                next.text = String::new();
                next.source = Some(IntakeSource::Chosen { discarded: of - 1 });
                next.reading_result = Some(ReadingResult::of(intake));
                next.settle_read();
                next.problem = None;
            }
            IntakeAction::Chose { .. } => {}
            IntakeAction::FileReading { name, opening } => {
                next.cancel_opening();
                next.reading = Some(name);
                next.awaiting = Some(opening);
            }
            IntakeAction::CameraReading { opening } => {
                next.cancel_opening();
                next.awaiting = Some(opening);
            }
            IntakeAction::FileRead { name, bytes, intake } => {
                next.reading = None;
                match intake {
                    Err(reason) => next.problem = Some(format!("“{name}” was not opened. {reason}")),
                    Ok(intake) if matches!(intake.kind, InputKind::Image | InputKind::Pdf | InputKind::OtherBinary) => {
                        // Binary files would fill the paste area with noise: keep what is there and say why.
                        next.problem = Some(format!("“{name}” was not opened. {}", intake.kind.unread_reason()));
                    }
                    Ok(intake) => {
                        let decoded = decode_text(&bytes);
                        next.text = decoded.text;
                        next.source = Some(IntakeSource::File { name, encoding: decoded.encoding });
                        next.reading_result = Some(ReadingResult::of(intake));
                        next.settle_read();
                        next.problem = None;
                    }
                }
            }
            IntakeAction::FileRefused { name, reason } => {
                next.reading = None;
                next.problem = Some(format!("“{name}” was not opened. {reason}"));
            }
            IntakeAction::Cleared => {
                next = IntakeState { directory: next.directory, ..IntakeState::default() };
                // An answer still on its way is for the text just cleared.
                next.read_generation = self.read_generation.wrapping_add(1);
            }
            IntakeAction::LinkEdited(text) => {
                next.link.text = text;
                next.link.problem = None;
            }
            IntakeAction::PasscodeEdited(passcode) => next.link.passcode = passcode,
            IntakeAction::LinkOpening { opening } => {
                next.cancel_opening();
                next.awaiting = Some(opening);
                next.link.opening = true;
                next.link.problem = None;
            }
            IntakeAction::LinkOpened(opened) => {
                next.link = LinkState::default();
                next.text = opened.text;
                next.request_read();
                next.source = Some(IntakeSource::Link { host: opened.host, skipped_files: opened.skipped_files });
                next.problem = None;
            }
            IntakeAction::LinkFailed(problem) => {
                next.link.opening = false;
                next.link.passcode.clear();
                match problem {
                    link::LinkProblem::NeedsPasscode { message } => {
                        next.link.asking_passcode = true;
                        next.link.problem = Some(message);
                    }
                    link::LinkProblem::Failed(message) => next.link.problem = Some(message),
                }
            }
            IntakeAction::Scanned(text) if text.starts_with("shlink:/") => {
                // A link is opened from its own field, by staff (it uses the network).
                next.link.text = text;
                next.link.problem = None;
                next.problem = None;
            }
            IntakeAction::Scanned(text) => {
                next.cancel_opening();
                // A long card comes as several codes ("shc:/1/3/…", "shc:/2/3/…"), scanned one
                // after another: each part joins the ones already scanned of the same card.
                let joins = next.source == Some(IntakeSource::Scanner)
                    && chunk_total(&text).is_some_and(|total| {
                        next.text.lines().all(|line| chunk_total(line) == Some(total) && line != text)
                    });
                next.text = if joins { format!("{}\n{text}", next.text) } else { text };
                next.source = Some(IntakeSource::Scanner);
                next.request_read();
                next.problem = None;
            }
            IntakeAction::PictureRead { name, result } => {
                let what = format!("The QR code in “{name}”");
                next.take_opened_scan(result, IntakeSource::Picture { name: name.clone() }, &name, &what);
            }
            IntakeAction::PdfRead { name, result } => {
                let what = format!("The card in “{name}”");
                next.take_opened_scan(result, IntakeSource::Pdf { name: name.clone() }, &name, &what);
            }
            IntakeAction::CameraRead(Ok(intake)) => {
                next.take_scanned(intake, IntakeSource::Camera, "The QR code the camera saw");
            }
            IntakeAction::CameraRead(Err(reason)) => next.problem = Some(reason),
            IntakeAction::CameraFailed(problem) => next.problem = Some(problem),
            IntakeAction::IssuerKeysLoaded(Ok(_)) => {
                next.problem = None;
                next.request_read();
            }
            IntakeAction::IssuerKeysLoaded(Err(problem)) => next.problem = Some(problem),
            IntakeAction::DirectoryChanged(directory) => {
                next.directory = directory;
                // Whatever was read before may have been checked without the directory: a card on
                // screen, text whose answer is on its way, and an opening still being read.
                if next.holds_cards() || next.read_pending {
                    next.request_read();
                }
                next.recheck_awaited_cards = next.awaiting.is_some();
            }
            IntakeAction::ShowAll => next.showing_all = true,
        }
        let replaced = !typed && next.text != self.text;
        if typed || replaced {
            next.summary = summarize(&next.text);
        }
        if replaced {
            // A new text (a file, a card, a link) starts with the short view again if it is large.
            next.showing_all = false;
        }
        // The paste area is written only when what it should hold differs from what was typed
        // into it: replaced text, a large paste cut to its first lines, or all of it shown again.
        next.text_replaced = self.text_replaced;
        let preview_changed = next.shows_preview() != self.shows_preview() || (typed && next.shows_preview());
        if replaced || preview_changed {
            next.text_replaced = self.text_replaced.wrapping_add(1);
        }
        Rc::new(next)
    }
}

impl IntakeState {
    /// The one-line description of what has arrived, shown under the paste area.
    pub fn status_line(&self) -> String {
        if let Some(name) = &self.reading {
            return format!("Reading “{name}”…");
        }
        let summary = self.summary;
        match &self.source {
            None => "Nothing entered yet. Paste a record above, or open a file.".to_owned(),
            Some(IntakeSource::Entered) => format!("{summary} entered."),
            Some(IntakeSource::File { name, encoding: TextEncoding::Latin1 }) => {
                format!("Opened “{name}”: {summary}, read as Latin-1 (ISO-8859-1) because it is not UTF-8.")
            }
            Some(IntakeSource::File { name, .. }) => format!("Opened “{name}”: {summary}."),
            Some(IntakeSource::Picture { name }) => format!("Read the QR code in “{name}”: {summary}."),
            Some(IntakeSource::Pdf { name }) => format!("Read the card in the PDF “{name}”: {summary}."),
            Some(IntakeSource::Scanner) => format!("Read the code the scanner typed: {summary}."),
            Some(IntakeSource::Camera) => format!("Read a QR code with the camera: {summary}."),
            Some(IntakeSource::Chosen { discarded }) => format!(
                "Kept only the chosen patient's record; {} discarded. Clear to start again.",
                count(*discarded, "other candidate")
            ),
            Some(IntakeSource::Link { host, skipped_files: 0 }) => format!("Opened a link from {host}: {summary}."),
            Some(IntakeSource::Link { host, skipped_files }) => format!(
                "Opened a link from {host}: {summary}. {skipped_files} other shared file(s) are not records Record Desk reads."
            ),
        }
    }
}

const READ_FAILED: &str = "The browser could not read it (it may have been moved or deleted). Try opening it again.";

#[derive(Properties, PartialEq)]
pub struct IntakeProps {
    /// Staff chose the patient whose record is asked for (None: the input holds no record of
    /// them): verify the requester next.
    pub on_verify: Callback<Option<ChosenRecord>>,
    /// Whether anything has been entered (so an idle session has something to wipe).
    pub on_has_data: Callback<bool>,
    /// The kiosk's language for what a family reads here (language.rs); English elsewhere.
    #[prop_or_default]
    pub language: ScreenLanguage,
}

#[component]
pub fn Intake(props: &IntakeProps) -> Html {
    let state = use_reducer(IntakeState::default);
    let text_area = use_node_ref();
    {
        // The paste area is not bound to the state: see `IntakeState::text_replaced`. This runs
        // before the browser lays the page out again, so a large paste is never laid out whole.
        // The handle gives the state as it is when the effect runs; the text is only built then.
        let (text_area, state) = (text_area.clone(), state.clone());
        use_effect_with(state.text_replaced, move |_| {
            if let Some(area) = text_area.cast::<web_sys::HtmlTextAreaElement>() {
                area.set_value(&state.paste_area_text());
            }
        });
    }
    {
        let has_data = state.source.is_some() || !state.link.text.is_empty();
        let on_has_data = props.on_has_data.clone();
        use_effect_with(has_data, move |has_data| on_has_data.emit(*has_data));
    }

    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            spawn_local(async move { dispatcher.dispatch(IntakeAction::DirectoryChanged(directory::load().await)) });
        });
    }
    {
        // Asks the reader for the text when the reducer says it waits to be read. The handle
        // gives the state as it is when the effect runs: the text is copied only then, not on
        // every render.
        let (dispatcher, state) = (state.dispatcher(), state.clone());
        use_effect_with(state.read_generation, move |&generation| {
            if state.read_pending {
                let text = state.text.clone();
                spawn_local(async move {
                    let result = read_bytes(text.as_bytes()).await;
                    dispatcher.dispatch(IntakeAction::TextRead { generation, result });
                });
            }
        });
    }

    {
        let dispatcher = state.dispatcher();
        scanner::use_scanner(
            text_area.clone(),
            Callback::from(move |text| dispatcher.dispatch(IntakeAction::Scanned(text))),
        );
    }

    let on_input = {
        let dispatcher = state.dispatcher();
        // While the short view of a large text shows, the box is read-only and holds only the
        // first lines: an input event then (some tools send one after the paste) is not an edit.
        let showing_preview = state.shows_preview();
        Callback::from(move |event: InputEvent| {
            if showing_preview {
                return;
            }
            let area: web_sys::HtmlTextAreaElement = event.target_unchecked_into();
            dispatcher.dispatch(IntakeAction::Edited(area.value()));
        })
    };

    let on_file_chosen = {
        let dispatcher = state.dispatcher();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
            // Forget the choice so the same file can be chosen again and no name lingers in the form.
            input.set_value("");
            open_file(dispatcher.clone(), file);
        })
    };
    // A file dropped anywhere on the intake screen opens like a chosen one. Without the
    // dragover default prevented, the browser would navigate to the file and lose the session.
    let on_drag_over = Callback::from(|event: DragEvent| event.prevent_default());
    let on_drop = {
        let dispatcher = state.dispatcher();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            let file = event.data_transfer().and_then(|transfer| transfer.files()).and_then(|files| files.get(0));
            if let Some(file) = file {
                open_file(dispatcher.clone(), file);
            }
        })
    };

    let on_link_input = {
        let dispatcher = state.dispatcher();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            dispatcher.dispatch(IntakeAction::LinkEdited(input.value()));
        })
    };
    let on_passcode_input = {
        let dispatcher = state.dispatcher();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            dispatcher.dispatch(IntakeAction::PasscodeEdited(input.value()));
        })
    };
    let on_open_link = {
        let dispatcher = state.dispatcher();
        let (text, passcode) = (state.link.text.clone(), state.link.passcode.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let dispatcher = dispatcher.clone();
            let (text, passcode) = (text.clone(), (!passcode.is_empty()).then(|| passcode.clone()));
            let opening = new_opening();
            dispatcher.dispatch(IntakeAction::LinkOpening { opening });
            spawn_local(async move {
                let action = match link::open(&text, passcode).await {
                    Ok(opened) => IntakeAction::LinkOpened(opened),
                    Err(problem) => IntakeAction::LinkFailed(problem),
                };
                dispatcher.dispatch(IntakeAction::Answer { opening, action: Box::new(action) });
            });
        })
    };

    let on_issuer_keys = {
        let dispatcher = state.dispatcher();
        Callback::from(move |(issuer, file): (String, web_sys::File)| {
            let dispatcher = dispatcher.clone();
            let name = file.name();
            spawn_local(async move {
                let result = match JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string()) {
                    Some(jwks) => directory::add_issuer_keys(&issuer, &jwks)
                        .await
                        .map(|count| format!("{count} key(s) loaded"))
                        .map_err(|reason| format!("“{name}” was not loaded: {reason}")),
                    None => Err(format!("“{name}” was not loaded. {READ_FAILED}")),
                };
                dispatcher.dispatch(IntakeAction::IssuerKeysLoaded(result));
            });
        })
    };

    let camera_open = use_state(|| false);
    let on_camera_toggle = {
        let camera_open = camera_open.clone();
        Callback::from(move |_: MouseEvent| camera_open.set(!*camera_open))
    };
    let on_camera_close = {
        let camera_open = camera_open.clone();
        Callback::from(move |()| camera_open.set(false))
    };
    let on_camera_read = {
        let (dispatcher, camera_open) = (state.dispatcher(), camera_open.clone());
        Callback::from(move |texts: Vec<String>| {
            camera_open.set(false);
            let dispatcher = dispatcher.clone();
            let opening = new_opening();
            dispatcher.dispatch(IntakeAction::CameraReading { opening });
            spawn_local(async move {
                let action = IntakeAction::CameraRead(read_picture_texts(&texts).await);
                dispatcher.dispatch(IntakeAction::Answer { opening, action: Box::new(action) });
            });
        })
    };
    let on_camera_problem = {
        let (dispatcher, camera_open) = (state.dispatcher(), camera_open.clone());
        Callback::from(move |problem: String| {
            camera_open.set(false);
            dispatcher.dispatch(IntakeAction::CameraFailed(problem));
        })
    };

    let on_verify = {
        let (dispatcher, on_verify) = (state.dispatcher(), props.on_verify.clone());
        let of = state.reading_result.as_ref().map_or(0, |result| result.patients.len());
        Callback::from(move |chosen: Option<ChosenRecord>| {
            if let Some(chosen) = &chosen {
                dispatcher.dispatch(IntakeAction::Chose { chosen: chosen.clone(), of });
            }
            on_verify.emit(chosen);
        })
    };
    let on_show_all = {
        let (dispatcher, text_area) = (state.dispatcher(), text_area.clone());
        Callback::from(move |_: MouseEvent| {
            dispatcher.dispatch(IntakeAction::ShowAll);
            if let Some(area) = text_area.cast::<web_sys::HtmlElement>() {
                let _ = area.focus();
            }
        })
    };
    let on_clear = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(IntakeAction::Cleared))
    };
    let words = &props.language;

    html! {
        <section class="intake" aria-labelledby="intake-heading" ondragover={on_drag_over} ondrop={on_drop}>
            <h2 id="intake-heading" lang={words.lang()}>{ words.text("screen.intake_heading") }</h2>
            <label for="intake-text" lang={words.lang()}>{ words.text("screen.intake_label") }</label>
            <textarea
                id="intake-text"
                ref={text_area}
                oninput={on_input}
                rows="12"
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                readonly={state.shows_preview()}
                aria-describedby={if state.shows_preview() { "intake-status intake-preview-note" } else { "intake-status" }}
            />
            if state.shows_preview() {
                <p class="preview-note" id="intake-preview-note">
                    { "This record is large, so the box shows only its first lines and this screen stays quick. All of it is read. Clear to paste another. " }
                    <button type="button" class="secondary" id="show-all" onclick={on_show_all}>{ "Show and edit all of it" }</button>
                </p>
            }
            <div class="intake-actions">
                // The input comes first so CSS can draw its keyboard focus ring on the label after it.
                <input id="intake-file" class="visually-hidden" type="file" onchange={on_file_chosen} />
                <label class="file-chooser" for="intake-file" lang={words.lang()}>{ words.text("screen.open_file") }</label>
                <button type="button" class="scan" id="camera-toggle" onclick={on_camera_toggle} lang={words.lang()}
                    aria-pressed={if *camera_open { "true" } else { "false" }}>
                    { words.text(if *camera_open { "screen.camera_stop" } else { "screen.camera_start" }) }
                </button>
                <button type="button" class="clear" onclick={on_clear} disabled={state.source.is_none() && state.problem.is_none()}
                    lang={words.lang()}>
                    { words.text("screen.clear") }
                </button>
            </div>
            if kiosk::is_kiosk() {
                <p class="link-intake kiosk-note" id="link-off" lang={words.lang()}>{ words.text("screen.kiosk_no_links") }</p>
            } else {
            <form class="link-intake" onsubmit={on_open_link}>
                <label for="link-text">{ "Or open a SMART Health Link (shlink:/…) or a FHIR address (https://…); this uses the network" }</label>
                <div class="link-row">
                    <input id="link-text" type="text" inputmode="url" autocomplete="off" spellcheck="false"
                        value={state.link.text.clone()} oninput={on_link_input} />
                    if state.link.asking_passcode {
                        <label for="link-passcode" class="passcode-label">{ "Passcode" }</label>
                        <input id="link-passcode" type="password" autocomplete="off"
                            value={state.link.passcode.clone()} oninput={on_passcode_input} />
                    }
                    <button type="submit" class="open-link"
                        disabled={state.link.opening || !link::is_link(&state.link.text)}>
                        { if state.link.opening { "Opening…" } else { "Open link" } }
                    </button>
                </div>
                if let Some(problem) = &state.link.problem {
                    <p class="problem" role="alert" id="link-problem">{ problem }</p>
                }
            </form>
            }
            if *camera_open {
                <CameraScanner on_read={on_camera_read} on_problem={on_camera_problem} on_close={on_camera_close} />
            }
            <p id="intake-status" class="intake-status" role="status" aria-live="polite">{ state.status_line() }</p>
            if let Some(problem) = &state.problem {
                <p class="problem" role="alert">{ problem }</p>
            }
            if let Some(result) = &state.reading_result {
                <ReadingPanel result={result.clone()} directory={state.directory.clone()} on_issuer_keys={on_issuer_keys}
                    on_verify={on_verify} stale={state.read_pending} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ReadingPanelProps {
    result: ReadingResult,
    directory: DirectoryState,
    /// A key file chosen for an issuer: (issuer, file).
    on_issuer_keys: Callback<(String, web_sys::File)>,
    on_verify: Callback<Option<ChosenRecord>>,
    /// The text has changed and is being read again: this result is for the earlier text, so
    /// nothing in it can be chosen until the new answer comes.
    stale: bool,
}

/// What was read: the headline, the patients found, and the diagnostics in plain words.
#[component]
fn ReadingPanel(props: &ReadingPanelProps) -> Html {
    let result = &props.result;
    html! {
        <div class="reading-result" aria-live="polite" aria-busy={if props.stale { "true" } else { "false" }}>
            <p class="reading-headline" id="reading-headline">{ &result.headline }</p>
            if !result.verifications.is_empty() {
                { directory_note(&props.directory) }
            }
            { for result.verifications.iter().enumerate().map(|(index, check)| {
                let key_chooser = check.needs_keys_for.clone().map(|issuer| {
                    let on_issuer_keys = props.on_issuer_keys.clone();
                    let on_change = Callback::from(move |event: Event| {
                        let input: HtmlInputElement = event.target_unchecked_into();
                        if let Some(file) = input.files().and_then(|files| files.get(0)) {
                            input.set_value("");
                            on_issuer_keys.emit((issuer.clone(), file));
                        }
                    });
                    let id = format!("issuer-keys-{index}");
                    html! {
                        <>
                            <input id={id.clone()} class="visually-hidden issuer-keys" type="file" accept=".json,application/json" onchange={on_change} />
                            <label class="file-chooser secondary" for={id}>{ "Load the issuer's key file…" }</label>
                        </>
                    }
                });
                html! {
                    <div class={if check.trusted { "card-verification trusted" } else { "card-verification untrusted" }}>
                        <p class="card-verification-title">{ &check.title }</p>
                        <p class="card-verification-reason">{ &check.reason }</p>
                        { for key_chooser }
                    </div>
                }
            }) }
            if !result.patients.is_empty() {
                <ul class="reading-patients">
                    { for result.patients.iter().enumerate().map(|(index, patient)| {
                        let (reading, on_verify) = (result.reading.clone(), props.on_verify.clone());
                        let onclick = Callback::from(move |_: MouseEvent| {
                            if let Some(chosen) = ChosenRecord::choose(&reading.0, index) {
                                on_verify.emit(Some(chosen));
                            }
                        });
                        let id = format!("patient-{index}");
                        html! {
                            <li>
                                <span id={id.clone()}>{ patient }</span>
                                <button type="button" class="verify-requester" {onclick} aria-describedby={id} disabled={props.stale}>
                                    { if result.patients.len() == 1 { "Verify the requester" } else { "This patient: verify the requester" } }
                                </button>
                            </li>
                        }
                    }) }
                </ul>
            }
            if result.patients.is_empty() {
                // A query answered "no match", or an input with no patient in it: the request is
                // still answered, by a referral the wizard explains.
                <p class="no-record">
                    <button type="button" class="secondary" id="no-record" disabled={props.stale}
                        onclick={props.on_verify.reform(|_: MouseEvent| None)}>
                        { "No record of this person here: tell the requester where to ask" }
                    </button>
                </p>
            }
            if !result.diagnostics.is_empty() {
                <details class="reading-diagnostics">
                    <summary>{ count(result.diagnostics.len(), "note") }{ " about the input" }</summary>
                    <ul>
                        { for result.diagnostics.iter().map(|(is_error, at, message)| html! {
                            <li class={if *is_error { "diagnostic error" } else { "diagnostic warning" }}>
                                if !at.is_empty() { <span class="diagnostic-location">{ at }{ ": " }</span> }
                                { message }
                            </li>
                        }) }
                    </ul>
                </details>
            }
        </div>
    }
}

/// Said beside a card while the directory it is checked against is not available.
fn directory_note(directory: &DirectoryState) -> Html {
    match directory {
        DirectoryState::Ready { .. } => html! {},
        DirectoryState::Loading => html! {
            <p class="directory-note" id="directory-note">{ "Loading the directory of trusted card issuers; the card will be checked again in a moment." }</p>
        },
        DirectoryState::Failed(reason) => html! {
            <p class="directory-note problem" id="directory-note">
                { format!("The directory of trusted card issuers could not be loaded: {reason}. Cards cannot be checked against it; reload the page to try again.") }
            </p>
        },
    }
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::*;

    use super::*;

    fn reduce(state: IntakeState, action: IntakeAction) -> IntakeState {
        (*Rc::new(state).reduce(action)).clone()
    }

    /// What the reader module would answer (it runs the same library, with no issuer trusted).
    fn read_here(bytes: &[u8]) -> Result<recdesk_intake::Intake, String> {
        let trust = recdesk_intake::TrustStore::empty();
        Ok(recdesk_intake::read(bytes, &recdesk_intake::ReadContext { now_unix_seconds: 1_764_000_000, trust: &trust }))
    }

    /// Typing, then the reader's answer arriving.
    fn typed(state: IntakeState, text: &str) -> IntakeState {
        let typed = reduce(state, IntakeAction::Edited(text.into()));
        let generation = typed.read_generation;
        reduce(typed, IntakeAction::TextRead { generation, result: read_here(text.as_bytes()) })
    }

    #[wasm_bindgen_test]
    fn opening_a_latin1_file_decodes_it_and_says_so() {
        let state = reduce(
            IntakeState::default(),
            IntakeAction::FileRead {
                name: "vxu.hl7".into(),
                bytes: b"PID|||1||M\xFCller".to_vec(),
                intake: read_here(b"PID|||1||M\xFCller"),
            },
        );
        assert_eq!(state.text, "PID|||1||Müller");
        assert_eq!(
            state.status_line(),
            "Opened “vxu.hl7”: 15 characters in 1 line, read as Latin-1 (ISO-8859-1) because it is not UTF-8."
        );
    }

    #[wasm_bindgen_test]
    fn a_refused_file_keeps_what_was_already_entered() {
        let entered = reduce(IntakeState::default(), IntakeAction::Edited("MSH|^~\\&".into()));
        let state = reduce(entered, IntakeAction::FileRefused { name: "huge.bin".into(), reason: "Too big.".into() });
        assert_eq!(state.text, "MSH|^~\\&");
        assert_eq!(state.problem.as_deref(), Some("“huge.bin” was not opened. Too big."));
        assert_eq!(state.status_line(), "8 characters in 1 line entered.");
    }

    #[wasm_bindgen_test]
    fn editing_to_empty_returns_to_the_initial_prompt() {
        let entered = typed(IntakeState::default(), "x");
        assert!(entered.reading_result.is_some());
        let state = reduce(entered, IntakeAction::Edited(String::new()));
        assert_eq!(IntakeState { read_generation: 0, ..state }, IntakeState::default());
    }

    #[wasm_bindgen_test]
    fn an_answer_for_text_that_has_changed_since_is_dropped() {
        let first = reduce(IntakeState::default(), IntakeAction::Edited("hello".into()));
        let old_generation = first.read_generation;
        let second = reduce(first, IntakeAction::Edited("PID|1".into()));
        assert!(second.read_pending);
        let late =
            reduce(second.clone(), IntakeAction::TextRead { generation: old_generation, result: read_here(b"hello") });
        assert_eq!(late, second, "the answer for \"hello\" must not show beside \"PID|1\"");
        // Cleared while an answer is on its way: nothing comes back.
        let cleared = reduce(second.clone(), IntakeAction::Cleared);
        let after = reduce(
            cleared.clone(),
            IntakeAction::TextRead { generation: second.read_generation, result: read_here(b"PID|1") },
        );
        assert_eq!(after, cleared);
        assert!(after.reading_result.is_none());
    }

    #[wasm_bindgen_test]
    fn a_reader_that_cannot_be_loaded_is_said_and_the_text_kept() {
        let typed = reduce(IntakeState::default(), IntakeAction::Edited("PID|1".into()));
        let generation = typed.read_generation;
        let state = reduce(typed, IntakeAction::TextRead { generation, result: Err(READER_UNAVAILABLE.into()) });
        assert_eq!(state.text, "PID|1");
        assert_eq!(state.problem.as_deref(), Some(READER_UNAVAILABLE));
        assert!(state.reading_result.is_none() && !state.read_pending);
    }

    #[wasm_bindgen_test]
    fn entered_hl7_is_read_and_summarised() {
        let text = "MSH|^~\\&|A|B|||20240101||VXU^V04|1|P|2.5.1\rPID|1||1^^^A^MR||Roe^Rae||20200101|F\r\
                    RXA|0|1|20200301|20200301|110^DTaP-HepB-IPV^CVX|0.5|mL\r\
                    RXA|0|1|20200401|20200401|08^HepB^CVX|0.5|mL|||||||||||||CP|D\r";
        let state = typed(IntakeState::default(), text);
        let result = state.reading_result.expect("a result");
        assert_eq!(
            result.headline,
            "HL7 v2: 1 message, 1 patient record, 1 immunization (and 1 entered in error, not counted)."
        );
        assert_eq!(result.patients, ["Rae Roe, born 2020-01-01"]);
        assert!(result.diagnostics.is_empty());
    }

    #[wasm_bindgen_test]
    fn a_pdf_is_refused_and_what_was_entered_is_kept() {
        let entered = reduce(IntakeState::default(), IntakeAction::Edited("PID|1".into()));
        let state = reduce(
            entered,
            IntakeAction::FileRead {
                name: "scan.pdf".into(),
                bytes: b"%PDF-1.7 ...".to_vec(),
                intake: read_here(b"%PDF-1.7 ..."),
            },
        );
        assert_eq!(state.text, "PID|1");
        assert!(state.problem.as_deref().is_some_and(|p| p.starts_with("“scan.pdf” was not opened. This is a PDF")));
    }

    #[wasm_bindgen_test]
    fn scanned_parts_of_one_card_are_joined_and_a_link_goes_to_its_field() {
        let first = reduce(IntakeState::default(), IntakeAction::Scanned("shc:/1/2/5676".into()));
        assert_eq!(first.text, "shc:/1/2/5676");
        assert_eq!(first.source, Some(IntakeSource::Scanner));
        let both = reduce(first, IntakeAction::Scanned("shc:/2/2/2909".into()));
        assert_eq!(both.text, "shc:/1/2/5676\nshc:/2/2/2909");
        // The same part again, or a card of its own, starts over.
        let again = reduce(both, IntakeAction::Scanned("shc:/2/2/2909".into()));
        assert_eq!(again.text, "shc:/2/2/2909");
        let other = reduce(again, IntakeAction::Scanned("shc:/567629".into()));
        assert_eq!(other.text, "shc:/567629");
        let link = reduce(other, IntakeAction::Scanned("shlink:/eyJ1cmwi".into()));
        assert_eq!(link.link.text, "shlink:/eyJ1cmwi");
        assert_eq!(link.text, "shc:/567629", "a link does not replace the record being read");
    }

    #[wasm_bindgen_test]
    fn a_pdf_without_a_card_says_so_and_keeps_what_was_typed() {
        let entered = reduce(IntakeState::default(), IntakeAction::Edited("PID|1".into()));
        let opening = reduce(entered, IntakeAction::FileReading { name: "visit.pdf".into(), opening: 7 });
        let reason = "This PDF is a printout with no card in it: no SMART Health Card QR code or shc:/ text was found on its page.";
        let state = reduce(
            opening,
            IntakeAction::Answer {
                opening: 7,
                action: Box::new(IntakeAction::PdfRead { name: "visit.pdf".into(), result: Err(reason.into()) }),
            },
        );
        assert_eq!(state.text, "PID|1");
        assert_eq!(state.problem.as_deref(), Some(format!("“visit.pdf” was not read. {reason}").as_str()));
        assert_eq!(state.reading, None);
    }

    #[wasm_bindgen_test]
    fn unrecognised_text_says_what_was_expected() {
        let state = typed(IntakeState::default(), "hello");
        let result = state.reading_result.expect("a result");
        assert!(result.headline.contains("Expected an HL7 v2 message"), "{}", result.headline);
        assert!(result.diagnostics.is_empty());
    }

    #[wasm_bindgen_test]
    fn a_pictures_qr_text_is_read_and_a_failure_keeps_what_was_entered() {
        let card = EXAMPLE_CARD;
        let state = reduce(
            IntakeState::default(),
            IntakeAction::PictureRead {
                name: "card.png".into(),
                result: Ok(recdesk_intake::read_qr_texts(
                    &[card.into()],
                    &recdesk_intake::ReadContext {
                        now_unix_seconds: 1_764_000_000,
                        trust: &recdesk_intake::TrustStore::empty(),
                    },
                )),
            },
        );
        assert_eq!(state.text, card);
        assert_eq!(state.source, Some(IntakeSource::Picture { name: "card.png".into() }));
        assert!(state.reading_result.is_some());

        let entered = reduce(IntakeState::default(), IntakeAction::Edited("PID|1".into()));
        let failed = reduce(
            entered,
            IntakeAction::PictureRead { name: "blur.jpg".into(), result: Err("No QR code was found.".into()) },
        );
        assert_eq!(failed.text, "PID|1");
        assert_eq!(failed.problem.as_deref(), Some("“blur.jpg” was not read. No QR code was found."));
    }

    #[wasm_bindgen_test]
    fn a_large_text_is_shown_by_its_first_lines_until_staff_ask_for_all() {
        let line = format!("RXA|0|1|20200301|20200301|08^HepB^CVX|0.5|mL|{}\r", "x".repeat(90));
        let text = format!("MSH|^~\\&|A\r{}", line.repeat(1_200));
        assert!(text.len() > LARGE_TEXT_BYTES);
        let pasted = reduce(IntakeState::default(), IntakeAction::Edited(text.clone()));
        assert!(pasted.shows_preview());
        assert_ne!(pasted.text_replaced, 0, "the paste area is written with the short view");
        assert_eq!(pasted.text, text, "all of it is kept and read");
        let shown = pasted.paste_area_text();
        assert!(shown.len() <= 8_100 && shown.starts_with("MSH|"), "{} bytes", shown.len());
        assert!(shown.ends_with("more lines not shown here (all of it is read)."), "{shown}");
        assert!(pasted.read_pending);

        let all = reduce(pasted.clone(), IntakeAction::ShowAll);
        assert!(!all.shows_preview());
        assert_eq!(all.paste_area_text(), text);
        assert_ne!(all.text_replaced, pasted.text_replaced, "the whole text is written back");
        // Typing in the whole text keeps it whole; Clear starts again.
        let typed = reduce(all.clone(), IntakeAction::Edited(format!("{text}\r")));
        assert!(!typed.shows_preview());
        assert_eq!(typed.text_replaced, all.text_replaced, "typed text is already in the field");
        assert!(!reduce(typed, IntakeAction::Cleared).showing_all);
        // A small text never gets the short view.
        assert!(!reduce(IntakeState::default(), IntakeAction::Edited("PID|1".into())).shows_preview());
    }

    #[wasm_bindgen_test]
    fn clear_typing_or_a_newer_opening_cancels_a_file_still_being_read() {
        let file = |opening| IntakeAction::Answer {
            opening,
            action: Box::new(IntakeAction::FileRead {
                name: "a.hl7".into(),
                bytes: b"PID|1||1||Roe^Rae".to_vec(),
                intake: read_here(b"PID|1||1||Roe^Rae"),
            }),
        };
        let opening = reduce(IntakeState::default(), IntakeAction::FileReading { name: "a.hl7".into(), opening: 7 });
        // Answered while awaited: taken.
        assert_eq!(reduce(opening.clone(), file(7)).text, "PID|1||1||Roe^Rae");
        // Cleared first: the cleared patient's file does not come back.
        let cleared = reduce(opening.clone(), IntakeAction::Cleared);
        assert_eq!(reduce(cleared.clone(), file(7)), cleared);
        // Typed over: the typing stays.
        let typed = reduce(opening.clone(), IntakeAction::Edited("MSH|".into()));
        assert_eq!(reduce(typed.clone(), file(7)).text, "MSH|");
        assert_eq!(typed.status_line(), "4 characters in 1 line entered.");
        // A newer opening wins over the older one.
        let newer = reduce(opening, IntakeAction::LinkOpening { opening: 8 });
        assert_eq!(reduce(newer.clone(), file(7)), newer);
        assert!(newer.link.opening);
        let typed_over_link = reduce(newer, IntakeAction::Edited("x".into()));
        assert!(!typed_over_link.link.opening, "the link button does not stay at Opening…");
    }

    /// The SMART Health Card specification's example card 00 as QR text.
    const EXAMPLE_CARD: &str = "shc:/56762909524320603460292437404460312229595326546034602925407728043360287028647167452228092861333145643765314159064022030645045908564355034142454136403706366541713724123638030437562204673740753232392543344332605736010645293353127074232843503869";

    #[wasm_bindgen_test]
    fn cards_read_before_the_directory_arrived_are_read_again_against_it() {
        let ready = || IntakeAction::DirectoryChanged(DirectoryState::Ready { issuers: 1 });
        // A card whose answer is on its way: it may come from a reader without the directory.
        let typed = reduce(IntakeState::default(), IntakeAction::Edited(EXAMPLE_CARD.into()));
        let directory_came = reduce(typed.clone(), ready());
        assert!(directory_came.read_pending);
        assert_ne!(directory_came.read_generation, typed.read_generation, "the earlier answer is dropped");

        // A file still being opened: its cards are read again once it comes.
        let file = |intake| IntakeAction::Answer {
            opening: 3,
            action: Box::new(IntakeAction::FileRead {
                name: "card.smart-health-card".into(),
                bytes: EXAMPLE_CARD.as_bytes().to_vec(),
                intake,
            }),
        };
        let opening = reduce(IntakeState::default(), IntakeAction::FileReading { name: "card".into(), opening: 3 });
        let opened = reduce(reduce(opening.clone(), ready()), file(read_here(EXAMPLE_CARD.as_bytes())));
        assert!(opened.reading_result.is_some() && opened.read_pending, "shown, and checked again");
        assert!(!opened.recheck_awaited_cards);
        // Opened after the directory: read once. A record with no card: nothing to check again.
        assert!(
            !reduce(reduce(IntakeState::default(), ready()), file(read_here(EXAMPLE_CARD.as_bytes()))).read_pending
        );
        let hl7 = b"MSH|^~\\&|A|B|||20240101||VXU^V04|1|P|2.5.1\rPID|1||1^^^A^MR||Roe^Rae||20200101|F\r";
        assert!(!reduce(reduce(opening, ready()), file(read_here(hl7))).read_pending);
    }

    #[wasm_bindgen_test]
    fn a_file_being_read_is_announced() {
        let state = reduce(IntakeState::default(), IntakeAction::FileReading { name: "card.png".into(), opening: 1 });
        assert_eq!(state.status_line(), "Reading “card.png”…");
    }
}
