//! Scanning a SMART Health Card's QR code with the camera: frames are read in this tab by the QR
//! module (see www/loader.js), never recorded or sent. The camera is switched off as soon as a
//! code is read, when staff cancel, and when the component goes away (End session included).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlVideoElement, MediaStream, MediaStreamConstraints};
use yew::prelude::*;

use recdesk_web_glue::modules;

/// Frames are scaled down to at most this width: enough for a card held to the camera, and fast.
const MAX_FRAME_WIDTH: u32 = 1280;
/// Time between attempts, so an old PC stays responsive while scanning.
const FRAME_INTERVAL_MS: u32 = 250;

#[derive(Properties, PartialEq)]
pub struct CameraProps {
    /// The texts of the QR codes read from a frame.
    pub on_read: Callback<Vec<String>>,
    /// Why the camera cannot be used, in words for the desk; the scanner is closed.
    pub on_problem: Callback<String>,
    pub on_close: Callback<()>,
}

#[component]
pub fn CameraScanner(props: &CameraProps) -> Html {
    let video = use_node_ref();
    let status = use_state(|| "Starting the camera…".to_owned());
    {
        let (video, status) = (video.clone(), status.clone());
        let (on_read, on_problem) = (props.on_read.clone(), props.on_problem.clone());
        use_effect_with((), move |_| {
            let running = Rc::new(Cell::new(true));
            let stream: Rc<RefCell<Option<MediaStream>>> = Rc::default();
            {
                let (running, stream) = (running.clone(), stream.clone());
                spawn_local(async move {
                    match start(&video).await {
                        Ok(started) => {
                            *stream.borrow_mut() = Some(started);
                            if !running.get() {
                                stop(&stream);
                                return;
                            }
                            status.set("Hold the QR code steady in front of the camera.".to_owned());
                            scan(&video, &running, &on_read, &on_problem).await;
                            stop(&stream);
                        }
                        Err(problem) => on_problem.emit(problem),
                    }
                });
            }
            move || {
                running.set(false);
                stop(&stream);
            }
        });
    }
    let on_cancel = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <div class="camera" role="region" aria-label="Camera scanner">
            // Muted and inline so browsers play it without a gesture and not full screen.
            <video ref={video} class="camera-view" autoplay=true muted=true playsinline=true aria-hidden="true" />
            <p class="camera-status" role="status" aria-live="polite" id="camera-status">{ (*status).clone() }</p>
            <button type="button" class="back" id="camera-cancel" onclick={on_cancel}>{ "Stop the camera" }</button>
        </div>
    }
}

/// Asks for the (rear, where there is one) camera and shows it in `video`.
async fn start(video: &NodeRef) -> Result<MediaStream, String> {
    let devices = web_sys::window()
        .and_then(|w| w.navigator().media_devices().ok())
        .ok_or("This browser offers no camera here (a camera needs https or this computer's own address). Open a picture of the QR code instead.")?;
    let constraints = MediaStreamConstraints::new();
    let video_constraints = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&video_constraints, &"facingMode".into(), &"environment".into());
    constraints.set_video(&video_constraints);
    let promise = devices.get_user_media_with_constraints(&constraints).map_err(|e| camera_problem(&e))?;
    let stream: MediaStream = JsFuture::from(promise).await.map_err(|e| camera_problem(&e))?.unchecked_into();
    if let Some(video) = video.cast::<HtmlVideoElement>() {
        video.set_src_object(Some(&stream));
        if let Ok(playing) = video.play() {
            let _ = JsFuture::from(playing).await;
        }
    }
    Ok(stream)
}

/// Reads frames until a QR code is read or scanning stops.
async fn scan(video: &NodeRef, running: &Cell<bool>, on_read: &Callback<Vec<String>>, on_problem: &Callback<String>) {
    let Some(canvas) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("canvas").ok())
        .and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok())
    else {
        return;
    };
    while running.get() {
        TimeoutFuture::new(FRAME_INTERVAL_MS).await;
        let Some(video) = video.cast::<HtmlVideoElement>() else { return };
        let Some((width, height, luma)) = frame_luma(&video, &canvas) else { continue };
        match read_frame(width, height, &luma).await {
            Ok(texts) if !texts.is_empty() && running.get() => {
                on_read.emit(texts);
                return;
            }
            Ok(_) => {}
            Err(FrameError::NoCode) => {}
            Err(FrameError::Unavailable(problem)) => {
                on_problem.emit(problem);
                return;
            }
        }
    }
}

/// The current frame as 8-bit luma, scaled down to [`MAX_FRAME_WIDTH`].
fn frame_luma(video: &HtmlVideoElement, canvas: &HtmlCanvasElement) -> Option<(u32, u32, Vec<u8>)> {
    let (video_width, video_height) = (video.video_width(), video.video_height());
    if video_width == 0 || video_height == 0 {
        return None;
    }
    let scale = f64::from(MAX_FRAME_WIDTH.min(video_width)) / f64::from(video_width);
    let (width, height) = ((f64::from(video_width) * scale) as u32, (f64::from(video_height) * scale) as u32);
    canvas.set_width(width);
    canvas.set_height(height);
    let context: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    context
        .draw_image_with_html_video_element_and_dw_and_dh(video, 0.0, 0.0, f64::from(width), f64::from(height))
        .ok()?;
    let rgba = context.get_image_data(0.0, 0.0, f64::from(width), f64::from(height)).ok()?.data();
    // ITU-R BT.601 weights, in integers.
    let luma = rgba
        .chunks_exact(4)
        .map(|p| ((77 * u32::from(p[0]) + 150 * u32::from(p[1]) + 29 * u32::from(p[2])) >> 8) as u8);
    Some((width, height, luma.collect()))
}

enum FrameError {
    /// Nothing readable in this frame: try the next.
    NoCode,
    /// The QR module cannot be used; scanning stops with this sentence.
    Unavailable(String),
}

async fn read_frame(width: u32, height: u32, luma: &[u8]) -> Result<Vec<String>, FrameError> {
    const UNAVAILABLE: &str = "The QR reader is not available in this browser. Paste the card's text instead.";
    let args = [width.into(), height.into(), js_sys::Uint8Array::from(luma).into()];
    match modules::call("recdeskReadQrFrame", &args).await {
        Ok(texts) => Ok(modules::strings(&texts)),
        // The module's sentence means this frame holds no readable code.
        Err(modules::Failure::Said(_)) => Err(FrameError::NoCode),
        Err(failure) => Err(FrameError::Unavailable(failure.sentence(UNAVAILABLE))),
    }
}

fn stop(stream: &RefCell<Option<MediaStream>>) {
    if let Some(stream) = stream.borrow_mut().take() {
        for track in stream.get_tracks().iter() {
            if let Ok(track) = track.dyn_into::<web_sys::MediaStreamTrack>() {
                track.stop();
            }
        }
    }
}

/// getUserMedia's refusal in words for the desk, with what to do instead.
fn camera_problem(error: &JsValue) -> String {
    let name = error.dyn_ref::<web_sys::DomException>().map(|e| e.name()).unwrap_or_default();
    match name.as_str() {
        "NotAllowedError" | "SecurityError" => "The camera was not allowed. To scan, allow the camera for this page \
            (the camera symbol in the address bar), or open a picture of the QR code instead."
            .to_owned(),
        "NotFoundError" | "OverconstrainedError" => {
            "No camera was found on this device. Open a picture of the QR code instead.".to_owned()
        }
        "NotReadableError" | "AbortError" => "The camera is in use by another program or could not start. Close \
            the other program and try again, or open a picture of the QR code instead."
            .to_owned(),
        _ => "The camera could not be started. Open a picture of the QR code instead.".to_owned(),
    }
}
