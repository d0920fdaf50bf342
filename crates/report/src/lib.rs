//! The printable report: what goes on paper for one release, as a model of sections, fields and
//! tables in display text, independent of how it is drawn (`recdesk-pdf` draws it; the app can
//! show the same model on screen).
//!
//! Architecture invariant: [`build`] reads only the redacted copy (`recdesk_redact::Redacted`)
//! and the release's [`Attestation`], so the report can hold no value the copy does not hold.
//! No I/O and no clock: the time printed is the attestation's release time, from the host.
//!
//! A report also crosses into the app's lazily loaded PDF module as JSON (serde both ways).

mod answers;
mod build;
pub mod catalogue;
mod held;
mod labels;
mod names;
pub mod printable;
mod school;
mod warm;

use recdesk_access::ReleaseTime;
use serde::{Deserialize, Serialize};

pub use answers::{StatusRequest, school_status};
pub use build::{build, build_with, chart_note, mailing_lines, records};
pub use catalogue::{Catalogue, CatalogueError, TranslationRefused, TranslationStatus};
pub use held::held_doses;
pub use labels::{Labels, Language};
pub use names::{NameOnRecord, names_for_id_check};
pub use warm::{made_up_copy, warm_up};

/// Between a text and its translation on a bilingual copy: a line break (U+2028 LINE SEPARATOR)
/// that also says the words after it are in the copy's second language ([`Report::translation`]),
/// so the print view can mark them for screen readers. Layout breaks the line there.
pub const TRANSLATION_BREAK: char = '\u{2028}';

/// Between a value and its translation inside a line (U+2063 INVISIBLE SEPARATOR): drawn as " / ",
/// and telling the print view the words after it are in the second language.
pub const INLINE_TRANSLATION: char = '\u{2063}';

/// How [`INLINE_TRANSLATION`] is drawn.
pub const INLINE_TRANSLATION_SHOWN: &str = " / ";

/// One report, ready to draw.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub title: String,
    /// Who the copy is for and what that means, printed under the title.
    pub banner: String,
    pub sections: Vec<Section>,
    /// Printed at the foot of every page.
    pub footer: String,
    /// The page number template: `{page}` and `{pages}` are replaced.
    pub page_label: String,
    /// The title repeated at the top of every page after the first.
    pub running_header: String,
    /// Added to a table's caption on the pages it runs onto: "(continued)".
    pub continued: String,
    /// What the file's metadata says: no patient is named there.
    pub metadata: Metadata,
    /// For a mailed copy: the patient's name and address, placed on the first page where a
    /// window envelope shows them. From the copy itself, which carries the address when mailed.
    #[serde(default)]
    pub mail_to: Option<Vec<String>>,
    /// The code of the language beside the English ("es"), on a bilingual copy: the text after
    /// each [`TRANSLATION_BREAK`] (to the end of its line) or [`INLINE_TRANSLATION`] is in it.
    #[serde(default)]
    pub translation: Option<String>,
}

impl Report {
    /// "Page 2 of 5", in the report's language.
    pub fn page_label(&self, page: usize, pages: usize) -> String {
        self.page_label.replace("{page}", &page.to_string()).replace("{pages}", &pages.to_string())
    }

    /// Every text the report prints (but page numbers), in reading order: for tests and for
    /// checks that nothing unexpected is printed.
    pub fn texts(&self) -> Vec<&str> {
        let mut texts: Vec<&str> = self.mail_to.iter().flatten().map(String::as_str).collect();
        texts.extend([self.title.as_str(), self.banner.as_str()]);
        for section in &self.sections {
            texts.push(&section.heading);
            for block in &section.blocks {
                match block {
                    Block::Fields(fields) => {
                        for field in fields {
                            texts.extend([field.label.as_str(), field.value.as_str()]);
                        }
                    }
                    Block::Table(table) => {
                        texts.extend(table.caption.as_deref());
                        texts.extend(table.columns.iter().map(|c| c.title.as_str()));
                        texts.extend(table.rows.iter().flatten().map(String::as_str));
                    }
                    Block::Paragraph(text) => texts.push(text),
                }
            }
        }
        texts.extend([self.footer.as_str(), self.running_header.as_str()]);
        texts
    }
}

/// The document information a PDF carries: generic words and the release time only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    pub title: String,
    pub subject: String,
    pub creator: String,
    /// When the report was made (the attestation's release time): the file's creation date.
    pub created: ReleaseTime,
}

/// A headed part of the report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub heading: String,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "content")]
pub enum Block {
    /// Label and value pairs (the patient's identity, the attestation).
    Fields(Vec<Field>),
    Table(Table),
    Paragraph(String),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    pub label: String,
    pub value: String,
}

/// A table whose header repeats on every page it runs onto.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// Printed above the header (a vaccine group); kept on the page with the header and a row.
    pub caption: Option<String>,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Column {
    pub title: String,
    /// The column's share of the table's width, relative to the others.
    pub weight: f32,
}
