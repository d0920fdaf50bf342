//! `recdesk report --out-dir DIR`: one PDF per patient record, read a part at a time (`stream`:
//! an HL7 v2 batch a message at a time, a FHIR bundle a record at a time), each the PDF `report
//! -o` writes for that record alone. File names carry no patient data: `record-000001.pdf`,
//! numbered by the record's place in the input. A record the redaction or the decision refuses
//! gets no file (its number is skipped) and a line saying why; a file is never written over.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

use recdesk_access::Attestation;
use recdesk_intake::{Intake, group_thousands};
use recdesk_record::Severity;
use recdesk_redact::Redacted;

use crate::pool;
use crate::report::{Copying, Printing};
use crate::stream::{self, Part};

/// `record-000001.pdf`: the record's number in the input, six digits at least, so a listing
/// sorts in input order.
fn file_name(record: usize) -> String {
    format!("record-{record:06}.pdf")
}

/// Whether `name` is a report this command writes.
fn is_report(name: &str) -> bool {
    name.strip_prefix("record-")
        .and_then(|rest| rest.strip_suffix(".pdf"))
        .is_some_and(|number| !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()))
}

/// Creates `dir` when missing; refuses one that holds reports already, so two runs are never
/// mixed and nothing is written over.
fn prepare(dir: &Path) -> Result<(), String> {
    let shown = dir.display();
    std::fs::create_dir_all(dir).map_err(|e| format!("{shown}: the folder could not be made: {e}"))?;
    let mut earlier: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("{shown}: the folder could not be read: {e}"))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| is_report(name))
        .collect();
    earlier.sort();
    match (earlier.first(), earlier.len()) {
        (None, _) => Ok(()),
        (Some(name), 1) => Err(format!(
            "{shown}: already holds {name}, a report of an earlier run; reports are never written over. Choose \
             another folder, or move that file away first."
        )),
        (Some(name), count) => Err(format!(
            "{shown}: already holds {name} and {} more reports of an earlier run; reports are never written over. \
             Choose another folder, or move those files away first.",
            group_thousands(count - 1)
        )),
    }
}

/// Writes `pdf` to a new file at `path`; an existing file is never opened for writing, and a
/// file left half-written is removed.
fn write_new(path: &Path, pdf: &[u8]) -> Result<(), String> {
    let shown = path.display();
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            format!("{shown}: already exists; reports are never written over")
        } else {
            format!("{shown}: could not be written: {e}")
        }
    })?;
    file.write_all(pdf).map_err(|e| {
        let _ = std::fs::remove_file(path);
        format!("{shown}: could not be written: {e}")
    })
}

#[derive(Default)]
struct Tally {
    written: usize,
    without_copy: usize,
    without_record: usize,
}

impl Tally {
    fn summary(&self, dir: &Path) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{} {}", group_thousands(n), if n == 1 { one } else { many });
        let mut line = format!("Wrote {} to {}", plural(self.written, "report", "reports"), dir.display());
        if self.without_copy > 0 {
            line += &format!("; {} had no copy", plural(self.without_copy, "record", "records"));
        }
        if self.without_record > 0 {
            line += &format!("; {} no patient record", plural(self.without_record, "message held", "messages held"));
        }
        if self.without_copy + self.without_record > 0 {
            line += " (see above)";
        }
        line + "."
    }
}

/// Writes every record's report into `dir`, then a summary line on standard output. Exit 0
/// when at least one report was written.
///
/// This thread reads and makes each copy (so the lines about records without one come in
/// input order); laying out and rendering the PDFs, most of the time, is shared by one worker
/// per core (`pool`).
pub fn write_each(
    input: &str,
    read: &dyn Fn(&[u8]) -> Intake,
    dir: &Path,
    copying: &Copying,
    printing: Printing,
) -> Result<ExitCode, String> {
    prepare(dir)?;
    let workers = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let written = AtomicUsize::new(0);
    let mut tally = Tally::default();
    let print = |(number, redacted, attestation): (usize, Redacted, Attestation)| {
        write_new(&dir.join(file_name(number)), &printing.pdf(&redacted, &attestation))?;
        written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    };
    let result = pool::run(workers, print, |feeder| {
        stream::each_part(input, read, &mut |part, progress| {
            for (index, one) in stream::each_record(&part.outcome).iter().enumerate() {
                let number = part.records_before + index + 1;
                match copying.one(one)? {
                    Ok((redacted, attestation)) => feeder.send((number, redacted, attestation))?,
                    Err(why) => {
                        progress.note(&format!("record {number} ({}): no copy: {why}", part.place(&one.records[0])));
                        tally.without_copy += 1;
                    }
                }
            }
            for line in without_record(part) {
                progress.note(&line);
                tally.without_record += 1;
            }
            Ok(())
        })
    });
    tally.written = written.into_inner();
    println!("{}", tally.summary(dir));
    result?;
    match (tally.written, tally.without_copy) {
        (0, 0) => Err(format!("{input}: no patient record was found, so no report was written")),
        (0, _) => Err("no report was written: no record may be released (see above)".to_owned()),
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// A line for each message (or document) of `part` that holds no patient record: an
/// acknowledgement, or one that could not be read, with its first error.
fn without_record(part: &Part) -> Vec<String> {
    let outcome = &part.outcome;
    outcome
        .messages
        .iter()
        .filter(|message| !outcome.records.iter().any(|record| record.message == message.number))
        .map(|message| {
            let kind = if outcome.format == recdesk_record::Format::Hl7v2 { "message" } else { "document" };
            let mut line = format!("{kind} {} ({}) holds no patient record", message.number, message.message_type);
            let error = outcome.diagnostics.iter().find(|d| {
                d.severity == Severity::Error
                    && match &d.location {
                        Some(recdesk_record::Location::Hl7(at)) => at.message == message.number,
                        _ => true,
                    }
            });
            if let Some(error) = error {
                line += &format!(": {}", error.message);
            }
            line
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_numbers_that_sort_in_input_order() {
        assert_eq!(file_name(1), "record-000001.pdf");
        assert_eq!(file_name(1_234_567), "record-1234567.pdf");
        assert!(is_report("record-000001.pdf") && is_report("record-1234567.pdf"));
        assert!(!is_report("record-.pdf") && !is_report("record-1.pdf.tmp") && !is_report("notes.pdf"));
    }

    #[test]
    fn the_summary_counts_in_words() {
        let dir = Path::new("out");
        let tally =
            |written, without_copy, without_record| Tally { written, without_copy, without_record }.summary(dir);
        assert_eq!(tally(9_998, 2, 0), "Wrote 9,998 reports to out; 2 records had no copy (see above).");
        assert_eq!(tally(1, 0, 0), "Wrote 1 report to out.");
        assert_eq!(
            tally(3, 1, 1),
            "Wrote 3 reports to out; 1 record had no copy; 1 message held no patient record (see above)."
        );
    }
}
