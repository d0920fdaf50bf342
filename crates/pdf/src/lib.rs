//! The report as a PDF: a pure function from a report model to bytes, used by the command-line
//! tool and the browser app alike.
//!
//! Architecture invariant: no I/O, no clock, no randomness. The same report and options give the
//! same bytes: the file's dates are the report's release time and its document ID is derived
//! from that time and the paper, never from the record. The metadata (title, subject, creator)
//! is the report's generic wording and names no patient. The font (DejaVu Sans) is compiled in
//! and embedded as a subset of the glyphs the report shows.

mod font;
mod layout;
mod truetype;
mod write;

use serde::Serialize;

pub use layout::{Item, Layout};

/// The paper the report is laid out for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    /// US Letter, 8.5 × 11 in.
    #[default]
    Letter,
    /// ISO A4, 210 × 297 mm.
    A4,
}

impl Paper {
    /// `letter` or `a4`.
    pub fn parse(name: &str) -> Option<Paper> {
        match name.to_ascii_lowercase().as_str() {
            "letter" => Some(Paper::Letter),
            "a4" => Some(Paper::A4),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RenderOptions {
    pub paper: Paper,
}

/// The report's pages: where everything goes, before it becomes PDF.
pub fn layout(report: &recdesk_report::Report, options: &RenderOptions) -> Layout {
    layout::layout(report, options)
}

/// The report as PDF bytes.
pub fn render(report: &recdesk_report::Report, options: &RenderOptions) -> Vec<u8> {
    let layout = layout::layout(report, options);
    write::write(report, options, &layout)
}
