//! Inputs of any size, a part at a time: an HL7 v2 batch a message at a time (`hl7_stream`), a
//! FHIR Bundle a patient record at a time (`fhir_stream`); anything else is read whole, within
//! the intake's limit. `inspect`, `redact` and `evaluate` with `--jsonl`, and `report
//! --out-dir`, work on each part as it comes, so memory holds one part, never the file.

use std::io::{self, BufWriter, Read, Write};

use recdesk_intake::{InputKind, Intake, decode_text, detect, detect_bytes};
use recdesk_record::{Diagnostic, Format, Location, ReadOutcome, Record};

use crate::fhir_stream::{self, Checked, Item, Limits, Records};
use crate::hl7_stream::{CHUNK, Messages};
use crate::input;
use crate::progress::Progress;
use crate::relocate;

/// One part of the input, read.
pub struct Part {
    pub outcome: ReadOutcome,
    /// Records of the parts before this one: record numbers count across the whole input.
    pub records_before: usize,
    /// For a FHIR bundle read a record at a time: the entry (its index in `entry`) that begins
    /// this part's record, its Patient.
    pub entry: Option<usize>,
}

impl Part {
    /// Where `record` is in the input, in words that name no patient.
    pub fn place(&self, record: &Record) -> String {
        match (self.entry, self.outcome.format) {
            (Some(entry), _) => format!("entry {entry}"),
            (None, Format::Hl7v2) => format!("message {}", record.message),
            (None, _) => format!("document {}", record.message),
        }
    }
}

/// A record's small bundle, read: its places made places in the whole bundle, and the big
/// bundle's own diagnostics (of its type, its links) given with the first record only.
fn place_in_whole(outcome: &mut ReadOutcome, first_entry: usize, first_record: bool) {
    relocate::outcome(outcome, first_entry);
    if !first_record {
        outcome.diagnostics.retain(|diagnostic| match &diagnostic.location {
            Some(Location::Json { pointer, .. }) => pointer.starts_with("/entry/"),
            _ => true,
        });
    }
}

/// What the first bytes say to do.
enum Kind {
    Hl7,
    Fhir,
    Whole,
}

fn kind_of(head: &[u8]) -> Kind {
    if detect_bytes(head).is_some() {
        return Kind::Whole;
    }
    match detect(&decode_text(head).text) {
        InputKind::Hl7v2 => Kind::Hl7,
        InputKind::FhirJson => Kind::Fhir,
        _ => Kind::Whole,
    }
}

/// Reads `input` a part at a time and hands each part to `each` as it is read; `read` reads
/// bytes as the intake does (a whole input, or one record's small bundle). On a terminal, a
/// progress line goes to standard error. An error after some parts says how many records came
/// before it; they were handed on, complete.
pub fn each_part(
    input: &str,
    read: &dyn Fn(&[u8]) -> Intake,
    each: &mut dyn FnMut(&Part, &mut Progress) -> Result<(), String>,
) -> Result<(), String> {
    let input::Input { mut reader, file } = input::open(input)?;
    let head = input::head(&mut reader, CHUNK).map_err(|e| format!("{input}: could not be read: {e}"))?;
    match kind_of(&head) {
        Kind::Hl7 => hl7(input, io::Cursor::new(head).chain(reader), each),
        Kind::Fhir => fhir(input, head, reader, file, read, each),
        Kind::Whole => {
            let bytes = input::read_whole(input, head, &mut reader, file.map(|(size, _)| size))?;
            whole(input, &bytes, read, each)
        }
    }
}

/// The input read whole: one part, or an error when nothing could be read.
fn whole(
    input: &str,
    bytes: &[u8],
    read: &dyn Fn(&[u8]) -> Intake,
    each: &mut dyn FnMut(&Part, &mut Progress) -> Result<(), String>,
) -> Result<(), String> {
    let outcome = read(bytes).outcome;
    if outcome.is_empty() {
        let reason = outcome.diagnostics.first().map_or("nothing could be read", |d| d.message.as_str());
        return Err(format!("{input}: {reason}"));
    }
    each(&Part { outcome, records_before: 0, entry: None }, &mut Progress::new("parts"))
}

fn hl7(
    input: &str,
    source: impl Read,
    each: &mut dyn FnMut(&Part, &mut Progress) -> Result<(), String>,
) -> Result<(), String> {
    let mut progress = Progress::new("messages");
    let (mut messages, mut records) = (1u32, 0usize);
    let result = Messages::new(source).try_for_each(|part| {
        let part = part.map_err(|e| stopped(input, &e.to_string(), records))?;
        let text = decode_text(&part.bytes).text;
        let outcome = recdesk_hl7::read_part(&text, messages, part.offset);
        messages = messages.saturating_add(u32::try_from(outcome.messages.len()).unwrap_or(u32::MAX));
        let count = outcome.records.len();
        each(&Part { outcome, records_before: records, entry: None }, &mut progress)?;
        records += count;
        progress.update(messages as usize - 1, records, (part.offset + part.bytes.len()) as u64);
        Ok(())
    });
    progress.finish();
    result
}

fn fhir(
    input: &str,
    head: Vec<u8>,
    reader: Box<dyn Read>,
    file: Option<(u64, std::path::PathBuf)>,
    read: &dyn Fn(&[u8]) -> Intake,
    each: &mut dyn FnMut(&Part, &mut Progress) -> Result<(), String>,
) -> Result<(), String> {
    let limits = Limits::default();
    let could_not_read = |e: io::Error| format!("{input}: could not be read: {e}");
    let mut source = io::Cursor::new(head).chain(reader);
    let mut records = match &file {
        // Too large to hold: a first pass checks the order before anything is written.
        Some((size, path)) if *size > limits.hold as u64 => {
            let again = std::fs::File::open(path).map_err(could_not_read)?;
            match Records::check(io::BufReader::with_capacity(CHUNK, again), limits).map_err(could_not_read)? {
                Checked::InOrder(header) => Records::checked(source, header, limits),
                // Not a bundle: refused for its size, as any input this large is.
                Checked::NotABundle => {
                    let bytes = input::read_whole(input, Vec::new(), &mut source, Some(*size))?;
                    return whole(input, &bytes, read, each);
                }
                Checked::Refused(why) => return Err(format!("{input}: {}", fhir_stream::not_in_order(&why))),
            }
        }
        _ => Records::held(source, limits),
    };
    let mut progress = Progress::new("entries");
    let (mut count, mut first) = (0usize, true);
    let result = loop {
        let Some(item) = records.next() else { break Ok(()) };
        let group = match item {
            Ok(Item::Group(group)) => group,
            Ok(Item::Whole(bytes)) => break whole(input, &bytes, read, each),
            Err(why) => break Err(stopped(input, &why, count)),
        };
        let mut outcome = read(&group.bundle).outcome;
        place_in_whole(&mut outcome, group.first_entry, std::mem::take(&mut first));
        let entry = group.patient_entry.unwrap_or(group.first_entry);
        let part = Part { outcome, records_before: count, entry: Some(entry) };
        if let Err(error) = each(&part, &mut progress) {
            break Err(error);
        }
        count += part.outcome.records.len();
        progress.update(records.entries_read(), count, records.bytes_read());
    };
    progress.finish();
    result
}

/// An error after `records` records were handed on.
fn stopped(input: &str, why: &str, records: usize) -> String {
    match records {
        0 => format!("{input}: {why}"),
        1 => format!("{input}: {why}. The record before it was read; nothing after it was."),
        n => format!("{input}: {why}. The {n} records before it were read; nothing after it was."),
    }
}

/// Reads `input` part by part as [`each_part`] does and lets `write` turn each part into lines
/// on standard output; what was written is flushed even when the input breaks off.
pub fn jsonl(
    input: &str,
    read: &dyn Fn(&[u8]) -> Intake,
    mut write: impl FnMut(&Part, &mut dyn Write) -> io::Result<()>,
) -> Result<(), String> {
    let write_error = |e: io::Error| format!("could not write the output: {e}");
    let mut out = BufWriter::new(io::stdout().lock());
    let result = each_part(input, read, &mut |part, _| write(part, &mut out).map_err(write_error));
    let flushed = out.flush().map_err(write_error);
    result.and(flushed)
}

/// `recdesk inspect --jsonl`: each patient record as one JSON line, `{"message", "record",
/// "diagnostics"}` (a message without records gets a line with `"record": null`, so its
/// diagnostics are not lost).
pub fn inspect_jsonl(input: &str, read: &dyn Fn(&[u8]) -> Intake) -> Result<(), String> {
    jsonl(input, read, |part, out| write_outcome(out, &part.outcome))
}

/// Each of `outcome`'s records as an outcome of its own: its message, its record, and the
/// diagnostics of its message (so a command can work on one record at a time).
pub fn each_record(outcome: &ReadOutcome) -> Vec<ReadOutcome> {
    outcome
        .records
        .iter()
        .map(|record| ReadOutcome {
            format: outcome.format,
            messages: outcome.messages.iter().filter(|m| m.number == record.message).cloned().collect(),
            records: vec![record.clone()],
            diagnostics: outcome
                .diagnostics
                .iter()
                .filter(|d| message_of(d).is_none_or(|number| number == record.message))
                .cloned()
                .collect(),
            verifications: outcome.verifications.iter().filter(|v| v.document == record.message).cloned().collect(),
        })
        .collect()
}

fn message_of(diagnostic: &Diagnostic) -> Option<u32> {
    match &diagnostic.location {
        Some(Location::Hl7(at)) => Some(at.message),
        _ => None,
    }
}

/// One line per record of `outcome`, each with its message's summary and diagnostics.
fn write_outcome(out: &mut dyn Write, outcome: &ReadOutcome) -> io::Result<()> {
    for message in &outcome.messages {
        let diagnostics: Vec<&Diagnostic> = outcome
            .diagnostics
            .iter()
            .filter(|d| message_of(d).is_none_or(|number| number == message.number))
            .collect();
        let records: Vec<_> = outcome.records.iter().filter(|r| r.message == message.number).collect();
        if records.is_empty() {
            writeln!(out, "{}", serde_json::json!({ "message": message, "record": null, "diagnostics": diagnostics }))?;
        }
        for record in records {
            writeln!(
                out,
                "{}",
                serde_json::json!({ "message": message, "record": record, "diagnostics": diagnostics })
            )?;
        }
    }
    if outcome.messages.is_empty() {
        // Not HL7 (read whole): its records and diagnostics, without message summaries.
        for record in &outcome.records {
            writeln!(
                out,
                "{}",
                serde_json::json!({ "message": null, "record": record, "diagnostics": outcome.diagnostics })
            )?;
        }
    }
    Ok(())
}
