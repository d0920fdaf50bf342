//! Why an answer was not accepted, in words for the person at the desk.

use std::fmt;

use serde::Serialize;

use crate::wizard::Step;

/// An answer the current question cannot take. The wizard stays where it was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum AnswerError {
    /// The answer belongs to another question than the one on screen.
    NotThisStep { step: Step },
    /// A choice this requester is not offered (a school ID from an adult, a document of another row).
    NotOffered,
    /// A name was left empty.
    EmptyName,
    /// Names have no digits; an ID number does not belong in any field.
    DigitsInName,
    /// Not a date in the form YYYY-MM-DD, MM/DD/YYYY or M/D/YYYY, or not a real date.
    UnreadableDate,
    /// A date after today.
    DateInFuture,
    /// A ZIP code is 5 digits, or 9 as ZIP+4.
    UnreadableZip,
    /// A knowledge check with nothing typed.
    NothingStated,
    /// The knowledge check failed as often as it may; only a photo ID can establish identity now.
    KnowledgeCheckTriesUsed,
    /// Forward from a question not answered yet.
    NotAnswered,
    /// The decision is made; go back to change an answer.
    Finished,
}

impl fmt::Display for AnswerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            AnswerError::NotThisStep { .. } => "That answer is for a different question.",
            AnswerError::NotOffered => "That choice does not apply to this requester.",
            AnswerError::EmptyName => "Type a name.",
            AnswerError::DigitsInName => "Names have no digits. Do not type ID or document numbers anywhere.",
            AnswerError::UnreadableDate => "Type the date as MM/DD/YYYY (or YYYY-MM-DD).",
            AnswerError::DateInFuture => "That date is after today.",
            AnswerError::UnreadableZip => "A ZIP code is 5 digits (or ZIP+4).",
            AnswerError::NothingStated => "Type at least one thing the requester said.",
            AnswerError::KnowledgeCheckTriesUsed => {
                "The knowledge check did not pass twice. Only a photo ID can establish identity now."
            }
            AnswerError::NotAnswered => "Answer this question first.",
            AnswerError::Finished => "The decision is made. Go back to change an answer.",
        };
        f.write_str(text)
    }
}

impl std::error::Error for AnswerError {}
