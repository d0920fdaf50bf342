//! `recdesk report`: the printable report as a PDF, of the whole input in one file (`-o`) or of
//! each patient record in a file of its own (`--out-dir`, see `out_dir`). Both make each copy
//! the same way, so a record's own PDF is the one `-o` writes for that record alone.

use std::io::Write;
use std::process::ExitCode;

use recdesk_access::{AnswersFile, Attestation, ClinicSettings};
use recdesk_record::ReadOutcome;
use recdesk_redact::{Profile, Recipient, Redacted};

use crate::clock::{self, Now};
use crate::{ProfileOptions, evaluate, out_dir, parse_reading, verify};

/// How each copy is made: under an answers file's decision, or for a recipient profile.
pub enum Copying {
    Decided { file: Box<AnswersFile>, settings: ClinicSettings, recipient: Option<Recipient>, now: Now },
    Profile { profile: Profile, released_by: String, now: Now },
}

/// A record's copy, or why it gets none (words that name no patient).
pub type OneCopy = Result<(Redacted, Attestation), String>;

impl Copying {
    /// The copy of every record in `outcome`, in one report (`-o`); the lines for patients the
    /// decision refuses go to standard error.
    fn whole(&self, outcome: &ReadOutcome) -> Result<(Redacted, Attestation), String> {
        match self {
            Copying::Decided { file, settings, recipient, now } => {
                let decisions = verify::decide_each(file, outcome, settings, now.release_time)?;
                let (redacted, attestation, refused) = verify::released_copy(&decisions, outcome, *recipient)?;
                for line in refused {
                    eprintln!("recdesk: {line}");
                }
                Ok((redacted, attestation))
            }
            Copying::Profile { profile, released_by, now } => {
                let redacted = recdesk_redact::redact(outcome, profile, &recdesk_redact::StaffRedactions::default());
                let data_as_of = redacted.records.iter().filter_map(|r| r.data_as_of.as_ref()).map(|d| d.value).max();
                let attestation = recdesk_access::Attestation::not_recorded(
                    released_by.clone(),
                    now.release_time,
                    profile.recipient,
                    data_as_of,
                );
                Ok((redacted, attestation))
            }
        }
    }

    /// The copy of `one`, an outcome of a single record (`--out-dir`): the same as
    /// [`Copying::whole`] of it, or why it gets none.
    pub fn one(&self, one: &ReadOutcome) -> Result<OneCopy, String> {
        match self {
            Copying::Decided { file, settings, recipient, now } => {
                let decisions = verify::decide_each(file, one, settings, now.release_time)?;
                if let Some(why) = decisions.first().and_then(|patient| verify::refused(&patient.decision, *recipient))
                {
                    return Ok(Err(why));
                }
                let (redacted, attestation, _) = verify::released_copy(&decisions, one, *recipient)?;
                Ok(Ok((redacted, attestation)))
            }
            Copying::Profile { .. } => {
                let (redacted, attestation) = self.whole(one)?;
                if redacted.records.is_empty() {
                    if let Some(blocked) = redacted.blocked.first() {
                        return Ok(Err(format!("not released: {}", blocked.reason)));
                    }
                }
                Ok(Ok((redacted, attestation)))
            }
        }
    }
}

/// What the PDF is made with, besides the copy.
#[derive(Clone)]
pub struct Printing {
    pub status_request: recdesk_report::StatusRequest,
    pub paper: recdesk_pdf::Paper,
    /// English, or English and a second language on the patient's copy (`--lang`).
    pub language: recdesk_report::Language,
}

impl Printing {
    pub fn pdf(&self, redacted: &Redacted, attestation: &Attestation) -> Vec<u8> {
        let report = recdesk_report::build(redacted, attestation, self.status_request, &self.language);
        recdesk_pdf::render(&report, &recdesk_pdf::RenderOptions { paper: self.paper })
    }
}

/// `--lang CODE`: the shipped catalogue, printed beside the English when the clinic's settings
/// allow what it holds (drafts only with "draft_translations": "print_marked").
fn language(code: Option<&str>, settings: &ClinicSettings) -> Result<recdesk_report::Language, String> {
    let Some(code) = code.filter(|code| *code != "en") else { return Ok(recdesk_report::Language::English) };
    let catalogue = recdesk_report::Catalogue::shipped(code)
        .ok_or_else(|| {
            let codes: Vec<String> =
                recdesk_report::catalogue::LANGUAGES.iter().map(|(code, name, _)| format!("{code} ({name})")).collect();
            format!("--lang takes {}, not `{code}`", codes.join(", "))
        })?
        .map_err(|e| format!("the {code} translation could not be used: {e}"))?;
    catalogue.bilingual(settings.draft_translations).map_err(|refused| refused.to_string())
}

pub fn command(args: &[String]) -> Result<ExitCode, String> {
    let mut options = ProfileOptions::default();
    let mut output = None;
    let mut out_dir = None;
    let mut staff = None;
    let mut paper = recdesk_pdf::Paper::default();
    let mut now = None;
    let mut answers = None;
    let mut settings = None;
    let mut status_request = recdesk_report::StatusRequest::default();
    let mut lang = None;
    let reading = parse_reading("report", args, |option, rest| {
        let mut value = || rest.next().cloned().ok_or(format!("{option} needs a value"));
        match option {
            "-o" | "--output" => output = Some(value()?),
            "--out-dir" => out_dir = Some(value()?),
            "--grade" => status_request.grade = Some(evaluate::parse_grade(&value()?)?),
            "--full-history" => status_request.full_history = true,
            "--staff" => staff = Some(value()?),
            "--answers" => answers = Some(value()?),
            "--settings" => settings = Some(value()?),
            "--paper" => {
                let name = value()?;
                paper = recdesk_pdf::Paper::parse(&name).ok_or(format!("--paper takes letter or a4, not `{name}`"))?;
            }
            "--now" => now = Some(clock::from_option(&value()?)?),
            "--lang" => lang = Some(value()?),
            _ => return options.take(option, &mut value),
        }
        Ok(true)
    })?;
    let Some(reading) = reading else { return Ok(ExitCode::SUCCESS) };
    if reading.json {
        return Err("report writes a PDF; --json is for inspect and redact".to_owned());
    }
    if output.is_some() && out_dir.is_some() {
        return Err("-o and --out-dir cannot be used together: -o writes one PDF of the whole input, --out-dir one \
                    PDF per patient record"
            .to_owned());
    }
    if output.is_none() && out_dir.is_none() {
        return Err("report needs -o OUT.pdf (or `-o -` for standard output), or --out-dir DIR for one PDF per \
                    patient record"
            .to_owned());
    }
    let now = clock::given_or_system(now)?;
    let translating = lang.as_deref().is_some_and(|code| code != "en");
    let clinic = verify::settings_file(settings.as_deref())?;
    let language = language(lang.as_deref(), &clinic)?;
    let copying = match answers {
        // The decision fixes the copy: which items, which doses, and what the release says.
        Some(path) => {
            if !options.changes.is_empty() || staff.is_some() {
                return Err("with --answers the decision fixes the copy's items and the answers name the staff: \
                            leave out --include, --exclude and --staff"
                    .to_owned());
            }
            let file = verify::answers_file(&path)?;
            Copying::Decided { file: Box::new(file), settings: clinic, recipient: options.recipient, now }
        }
        None => {
            if settings.is_some() && !translating {
                return Err(
                    "--settings applies to a decision or a translation: give --answers or --lang too".to_owned()
                );
            }
            let profile = options.profile("report")?;
            if translating && profile.recipient != Recipient::Patient {
                return Err(format!(
                    "--lang prints the patient's own copy in two languages; the copy for {} is printed in English \
                     only (leave out --lang, or use --for patient)",
                    profile.recipient.label()
                ));
            }
            let released_by = staff.filter(|s| !s.trim().is_empty()).unwrap_or_else(|| "not recorded".to_owned());
            Copying::Profile { profile, released_by, now }
        }
    };
    let printing = Printing { status_request, paper, language };
    if let Some(dir) = out_dir {
        return out_dir::write_each(
            &reading.input,
            &reading.reader(now.unix_seconds),
            dir.as_ref(),
            &copying,
            printing,
        );
    }
    let output = output.unwrap_or_default();
    let intake = reading.read_at(now.unix_seconds)?;
    let (redacted, attestation) = copying.whole(&intake.outcome)?;
    if translating && redacted.profile != Recipient::Patient {
        eprintln!(
            "recdesk: the decision's copy is for {}: printed in English only (a translation is for the patient's \
             own copy)",
            redacted.profile.label()
        );
    }
    let pdf = printing.pdf(&redacted, &attestation);
    if output == "-" {
        std::io::stdout().write_all(&pdf).map_err(|e| format!("could not write the output: {e}"))?;
    } else {
        std::fs::write(&output, &pdf).map_err(|e| format!("{output}: could not be written: {e}"))?;
        println!("{output}: report for {}, {} bytes", redacted.profile.label(), pdf.len());
    }
    Ok(ExitCode::SUCCESS)
}
