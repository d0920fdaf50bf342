//! `recdesk`: glue between the command line and the Record Desk libraries. It reads files
//! and standard input and writes standard output; every decision is made by the libraries.

mod clock;
mod evaluate;
mod fhir_group;
mod fhir_stream;
mod hl7_stream;
mod input;
mod json_cut;
mod out_dir;
mod pool;
mod progress;
mod relocate;
mod report;
mod stream;
mod summary;
#[cfg(test)]
mod trickle;
mod verify;

use std::io::Write;
use std::process::ExitCode;

const HELP: &str = "\
recdesk: read immunization records on the command line

USAGE:
    recdesk inspect [--json] [--jwks ISS=FILE]... [--crl ISS=FILE]... FILE|-
        Read an immunization record and print what it holds: each patient record, every dose
        grouped by vaccine, the forecast, and the diagnostics. `-` reads standard input.
        Reads HL7 v2 (VXU, RSP, ACK; one message or many), FHIR R4 JSON (a Bundle or a lone
        resource) and SMART Health Cards (shc:/ text, a .smart-health-card file, a bare JWS, a
        PNG/JPEG picture of the QR code, or a PDF that carries the card as a QR code or shc:/
        text: where each was found is printed; a PDF with no card is refused with the reason),
        whose signatures are checked against the bundled VCI issuer directory. Codes no table
        knows (sex, race, ethnicity, relationship, route, site) show as \"unknown (sent: ...)\".
        --json         print {\"format\", \"records\", \"messages\", \"verifications\",
                       \"diagnostics\"} instead
        --jsonl        print one JSON object per patient record, {\"message\", \"record\",
                       \"diagnostics\"}, as it goes, so an export of any size is read in memory
                       that does not grow with it. An HL7 v2 batch (FHS/BHS or messages back to
                       back) is read a message at a time (one message is at most 20 MB).
                       A FHIR R4 Bundle (JSON) is read a record at a time: each Patient entry
                       begins a record that takes the entries after it, up to the next Patient,
                       and is read as a Bundle of its own (the big one's other elements and those
                       entries). Its locations are still the big bundle's (/entry/N counts every
                       entry of the file); its \"message\" describes that part of the bundle
                       (\"records\": its own); the bundle's own diagnostics (its type, its links)
                       come with the first record. An entry that names a patient (Immunization,
                       ImmunizationRecommendation and RelatedPerson.patient, Coverage.beneficiary)
                       must name that Patient, by its fullUrl or Patient/id, and an
                       ImmunizationEvaluation a dose of it. A bundle not in that order is read
                       whole when it is at most 20 MB, and refused otherwise: a file before
                       anything is written, standard input where the order breaks (and from
                       standard input, such a bundle must give its other elements before entry).
                       One entry, and one record's entries together, are at most 20 MB.
                       Other inputs are read whole, up to 20 MB. An input that breaks off (a file
                       cut short) ends with exit status 2 and the reason, after the records read
                       before it. On a terminal, a progress line is written to standard error.
        --jwks ISS=FILE  also trust the key set in FILE (an issuer's /.well-known/jwks.json)
                       for cards whose issuer is ISS; such cards are reported as a valid
                       signature from an issuer not in the directory, never as verified
        --crl ISS=FILE   load an issuer's revocation list (its /.well-known/crl/KID.json)
        Exit status: 0 when something was read (diagnostics allowed), 2 when nothing could be
        read, with the reason on standard error.

    recdesk redact --for patient|school|provider|dose-counts [--include ITEM]... [--exclude ITEM]...
                   [--json | --jsonl] [--jwks ISS=FILE]... [--crl ISS=FILE]... FILE|-
        Read a record as inspect does and print only what the recipient may see (Minn. Stat.
        §144.3351 and the MIIC data use agreement), then the log of what was withheld and why. A school or
        provider never gets identifiers, the mother's names, insurance or funding eligibility,
        contact details or free text, whatever is included; a record protected in the
        registry (PD1-12 = Y) is refused for them. A provider's copy holds only what §144.3351
        covers (no dose details, place, VIS, registry evaluations, death, immunity evidence or
        forecast) unless `--include consented` says the patient consented; a school's copy
        never has a forecast; refused and not-given doses are on the patient's copy only.
        `dose-counts` gives one person's doses counted by vaccine group and year, with no
        personal details (not de-identified: whoever holds it may know whose it is). ITEM is one
        of: address, lot, forecast, guardian, exemption, consented, mothers-names, insurance,
        personal (the last three only ever reach the patient's copy).
        --json prints {\"profile\", \"settings\", \"records\", \"dose_counts\", \"verifications\",
        \"redactions\": [{\"kind\", \"location\", \"rule\"}], \"blocked\", \"diagnostics\"}.
        --jsonl prints that object once per patient record, each record redacted on its own,
        streaming an HL7 v2 batch or a FHIR bundle of any size as inspect --jsonl does.

    recdesk report [--for patient|school|provider|dose-counts] [--include ITEM]... [--exclude ITEM]...
                   [--answers ANSWERS.json] [--settings FILE] [--lang es|so|hmn]
                   (-o OUT.pdf | --out-dir DIR) [--staff NAME] [--paper letter|a4]
                   [--now YYYY-MM-DDTHH:MM] [--grade child-care|K|1..12] [--full-history]
                   [--jwks ISS=FILE]... [--crl ISS=FILE]... FILE|-
        Read and redact a record as redact does and write the printable report as a PDF: the
        copy for the recipient (identity as the profile allows, immunizations by vaccine group
        in date order, the forecast when included), how many items were withheld and why, and
        the release: who released it (--staff, else \"not recorded\"), when, and that the
        requester and basis were not recorded (they are checked outside this tool).
        -o OUT.pdf     one PDF of every record in the input; `-o -` writes it to standard output
        --out-dir DIR  one PDF per patient record, each exactly the PDF -o writes for that
                   record alone with the same options, named by the record's place in the
                   input: record-000001.pdf, record-000002.pdf, ... (names carry no patient data;
                   past 999,999 the number has more digits). DIR is made if missing; a DIR that
                   already holds record-*.pdf files is refused, naming one, so no report is ever
                   written over. A record the redaction or the decision refuses gets no file (its
                   number is skipped) and a line on standard error, \"record 12 (message 12): no
                   copy: why\" (in a FHIR bundle, \"entry N\": its Patient's place in entry),
                   naming no patient; so does a message with no patient (an acknowledgement).
                   The input is read as inspect --jsonl reads it
                   (an HL7 v2 batch a message at a time, a FHIR bundle a record at a time), so
                   memory does not grow with the number of patients; the PDFs are made on every
                   core. At the end, one line on standard output: \"Wrote 9,998 reports to DIR;
                   2 records had no copy (see above).\" Exit status 2 when no report was written
                   or the input broke off (the reports written before stay). Not with -o.
        With --answers ANSWERS.json (and --settings FILE), the copy is the one the decision
        allows for each patient (as `recdesk verify` prints it): held doses withheld, the release
        filled from the answers, --for optional (each decision's own copy), --include, --exclude
        and --staff not taken; a patient the decision refuses gets no copy and a line saying why.
        With -o, patients whose decisions differ cannot share one report (use --out-dir).
        Answers computed from the copy's own doses (CDC's CDSi logic, data 4.64, as of the release
        date) go on the copies that may carry them: each dose's number (\"2 of 5\") or why it does
        not count, on every copy but a provider's without consent and the dose counts; what is
        due next, on the patient's copy (and a consented provider's); Minnesota's school
        immunization status (Minn. Stat. §121A.15, Minn. R. ch. 4604), first on a school's copy
        and on the patient's when --grade is given.
        --lang     the patient's copy in English and Spanish (es), Somali (so) or Hmong (hmn):
                   each heading and label in both, vaccine groups and statuses translated beside
                   the English (vaccine names stay as the CVX table gives them), and a line in
                   both languages that the English is the official record. Only the patient's
                   own copy: other copies stay English (--for school with --lang is refused; a
                   decision's copy for someone else prints in English, with a line on standard
                   error). Every shipped translation is still a draft, which prints only when the
                   settings file (--settings, also without --answers here) says
                   \"draft_translations\": \"print_marked\"; the paper then says \"draft
                   translation\" in both languages.
        --paper    US Letter (the default) or A4
        --now      the release time printed on the report and in the file's dates; without it,
                   the system clock in UTC. The same input and --now give the same bytes.
        --grade    the level for the school status: child-care, K, or 1 to 12 (without it, the
                   grade the child's age suggests on a school's copy; none from age 20)
        --full-history  staff confirmed the record is the child's full history (from MIIC or the
                   clinic's chart); without it the status says it is based on the doses in this
                   record only

    recdesk verify --answers ANSWERS.json [--settings FILE] [--now YYYY-MM-DDTHH:MM] [--json]
                   [--jwks ISS=FILE]... [--crl ISS=FILE]... FILE|-
        Read a record as inspect does and print the release decision the answers give for every
        patient in it, made by the same function as the app's verification questions (Minn.
        Stat. §§144.291-144.293, §144.3351, §§144.341-144.3441; 45 CFR 164.514(h)): the outcome
        and why, the copies it allows, held doses with every vaccine group they withhold, the
        basis, and what the release will say. --now sets today (ages, consent periods) and the
        release time; without it, the system clock in UTC.
        ANSWERS.json (format version 1) answers the questions, one key per question; a key left
        out was not asked, which counts against release:
          {\"version\": 1, \"staff_name\": \"Dana Front\", \"requester\": \"parent_of_minor\",
           \"identity\": {\"photo_id\": \"drivers_licence\"},
           \"documents\": [\"record_names_requester\"], \"court_order\": \"none_known\",
           \"own_care\": \"does_not\", \"purpose\": \"school\", \"protection_order\": false,
           \"registry_locked\": false}
        Keys: version, staff_name, requester (adult_patient, parent_of_minor,
        legal_guardian_of_adult, conservator, acting_as_parent, foster_parent, custodian,
        health_care_agent, surviving_spouse_or_parent, estate_representative,
        other_relative_of_deceased, minor_self, school, child_care, college, head_start, provider,
        health_plan, community_health_board, mdh, court_order_or_subpoena, employer, camp,
        relative, someone_else), identity ({\"photo_id\": KIND}, {\"knowledge_check\": {name,
        birth_date, street, postal_code, guardian_name}}, \"not_shown\"), documents, court_order,
        document_scope, delegation, foster_health_care, own_care, organization_identity,
        serves_patient, consent (\"not_shown\" or {\"signed\": {signed_on, signed_by, valid_until,
        covers_this_release}}), purpose, protection_order, mailing_address, registry_locked,
        held_doses_released_by. The README lists every value.
        --settings FILE is the clinic's settings file (format version 1; keys: version,
        conservator, other_relative_of_deceased, custodian, minor_own_record,
        hepatitis_b_review_age, kiosk_idle_seconds, draft_translations): every key must be known and every value
        valid, or the command stops and says which. Without it, the safe
        defaults apply (refer every point the law leaves open; hepatitis B held from age 12).
        --json prints [{\"patient\", \"decision\", \"allowed_copies\", \"held_doses\",
        \"attestation\"}].

    recdesk evaluate [--on YYYY-MM-DD] [--grade child-care|K|1..12] [--json | --jsonl]
                     [--jwks ISS=FILE]... [--crl ISS=FILE]... FILE|-
        Read a record as inspect does and judge every dose by CDC's Clinical Decision Support for
        Immunization (CDSi) logic and supporting data (version 4.64, November 2025): for each dose
        and each antigen it counts toward, the series, the dose number it satisfied, and whether it
        is valid, not valid (with every reason: too young, too soon, a live-virus conflict, a
        vaccine not allowed for that dose, given by mistake) or extraneous; then, for each vaccine
        group, whether the series is complete, and if not, the dose due with its earliest,
        recommended and past-due dates. Refused, not given and entered-in-error doses are not
        doses; a partial dose or an expired lot counts for nothing; a dose without a full date or
        a CVX code is listed as not evaluated. Evidence of immunity and contraindications the
        record codes (HL7 OBX 59784-9, 30945-0) are taken into account.
        --on       the assessment date; without it, today in UTC
        --jsonl    print each record's object (below) on a line of its own, streaming an HL7 v2
                   batch or a FHIR bundle of any size as inspect --jsonl does
        --grade    also print Minnesota's school or child-care status for this level from every
                   dose in the record (each required vaccine: complete, in process, not complete
                   with what is missing, or a medical exemption may apply; then the whole)
        --json     print {\"assessed_on\", \"source\", \"records\": [{\"record\", \"birth_date\",
                   \"evaluations\": [{\"immunization\", \"date\", \"cvx\", \"dose\", \"antigen\",
                   \"vaccine_group\", \"series\", \"dose_number\", \"series_doses\", \"status\",
                   \"reasons\", \"counts_from\" (a dose too early: the first date it would count)}],
                   \"forecasts\": [{\"vaccine_group\", \"status\", \"dose_number\", \"earliest\",
                   \"recommended\", \"past_due\", \"latest\", \"reason\", \"antigens\"}],
                   \"not_evaluated\": [{\"immunization\", \"why\"}], \"problems\", with --grade
                   \"school\": {\"grade\", \"level\", \"vaccines\": [{\"vaccine\", \"antigen\",
                   \"required_doses\", \"doses\", \"status\" (complete, in_process, not_complete,
                   exemption_may_apply, not_required, not_stated) and its \"next_due\", \"late_after\",
                   \"missing\", \"evidence\" or \"why\", \"note\"}], \"overall\", \"requirements\"}
                   or \"school_not_stated\"}]}; statuses
                   are valid, not_valid, extraneous, sub_standard; series statuses not_complete,
                   complete, aged_out, immune, contraindicated, not_recommended; immunization
                   counts from 0 in the record's order, dose from 0 among the doses evaluated.

    recdesk help | --help
    recdesk --version

Input in UTF-8 is read as such; anything else is read as Latin-1 (ISO-8859-1).
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(reason) => {
            eprintln!("recdesk: {reason}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    match args.first().map(String::as_str) {
        Some("inspect") => inspect(&args[1..]),
        Some("redact") => redact(&args[1..]),
        Some("report") => report::command(&args[1..]),
        Some("verify") => verify_command(&args[1..]),
        Some("evaluate") => evaluate_command(&args[1..]),
        Some("--version" | "-V") => {
            println!("recdesk {}", env!("CARGO_PKG_VERSION"));
            Ok(ExitCode::SUCCESS)
        }
        None | Some("help" | "--help" | "-h") => {
            print!("{HELP}");
            Ok(ExitCode::SUCCESS)
        }
        Some(other) => Err(format!("unknown command `{other}`; run `recdesk --help`")),
    }
}

/// What every reading command takes: one input and the trust store to check cards against.
struct Reading {
    input: String,
    json: bool,
    trust: recdesk_intake::TrustStore,
}

/// Parses the options shared by `inspect` and `redact`; `own` handles the command's others
/// (it returns false for an option it does not know).
fn parse_reading(
    command: &str,
    args: &[String],
    mut own: impl FnMut(&str, &mut dyn Iterator<Item = &String>) -> Result<bool, String>,
) -> Result<Option<Reading>, String> {
    let mut json = false;
    let mut input = None;
    let mut trust = recdesk_intake::TrustStore::bundled();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
            option @ ("--jwks" | "--crl") => {
                let value = args.next().ok_or(format!("{option} needs ISS=FILE"))?;
                let (iss, path) = value
                    .split_once('=')
                    .ok_or(format!("{option} needs ISS=FILE, e.g. https://issuer.example=keys.json"))?;
                let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: could not be read: {e}"))?;
                let loaded =
                    if option == "--jwks" { trust.add_issuer_jwks(iss, &text) } else { trust.add_crl(iss, &text) };
                loaded.map_err(|e| format!("{path}: {e}"))?;
            }
            "--help" | "-h" => {
                print!("{HELP}");
                return Ok(None);
            }
            option if option.starts_with("--") || option == "-o" => {
                if !own(option, &mut args)? {
                    return Err(format!("unknown option `{option}` for {command}"));
                }
            }
            path if input.is_none() => input = Some(path.to_owned()),
            _ => return Err(format!("{command} reads one input; give one FILE or `-`")),
        }
    }
    let input = input.ok_or(format!("{command} needs an input: a FILE, or `-` for standard input"))?;
    Ok(Some(Reading { input, json, trust }))
}

impl Reading {
    /// Reads the input with the system clock; an input that yields nothing is an error.
    fn read(&self) -> Result<recdesk_intake::Intake, String> {
        self.read_at(clock::system_unix_seconds())
    }

    /// Reads the input as at `now_unix_seconds` (card expiry is judged against it).
    fn read_at(&self, now_unix_seconds: i64) -> Result<recdesk_intake::Intake, String> {
        let input::Input { mut reader, file } = input::open(&self.input)?;
        let bytes = input::read_whole(&self.input, Vec::new(), &mut reader, file.map(|(size, _)| size))?;
        let intake = self.reader(now_unix_seconds)(&bytes);
        if intake.outcome.is_empty() {
            let reason = intake.outcome.diagnostics.first().map_or("nothing could be read", |d| d.message.as_str());
            return Err(format!("{}: {reason}", self.input));
        }
        Ok(intake)
    }

    /// Reads bytes as the intake does, as at `now_unix_seconds`: the whole input, or one part of
    /// it (`stream`).
    fn reader(&self, now_unix_seconds: i64) -> impl Fn(&[u8]) -> recdesk_intake::Intake + '_ {
        move |bytes| recdesk_intake::read(bytes, &recdesk_intake::ReadContext { now_unix_seconds, trust: &self.trust })
    }
}

fn inspect(args: &[String]) -> Result<ExitCode, String> {
    let mut jsonl = false;
    let reading = parse_reading("inspect", args, |option, _| {
        jsonl |= option == "--jsonl";
        Ok(option == "--jsonl")
    })?;
    let Some(reading) = reading else { return Ok(ExitCode::SUCCESS) };
    if jsonl {
        stream::inspect_jsonl(&reading.input, &reading.reader(clock::system_unix_seconds()))?;
        return Ok(ExitCode::SUCCESS);
    }
    let intake = reading.read()?;
    let text = if reading.json { to_json(&intake.outcome)? } else { summary::render(&reading.input, &intake) };
    write_out(&text)
}

/// The recipient options `redact` and `report` share: `--for`, `--include`, `--exclude`.
#[derive(Default)]
struct ProfileOptions {
    recipient: Option<recdesk_redact::Recipient>,
    changes: Vec<(String, bool)>,
}

impl ProfileOptions {
    /// Takes `option` if it is one of these; false otherwise.
    fn take(&mut self, option: &str, value: &mut dyn FnMut() -> Result<String, String>) -> Result<bool, String> {
        match option {
            "--for" => {
                let name = value()?;
                self.recipient = Some(
                    recdesk_redact::Recipient::parse(&name)
                        .ok_or(format!("--for takes patient, school, provider or dose-counts, not `{name}`"))?,
                );
            }
            "--include" => self.changes.push((value()?, true)),
            "--exclude" => self.changes.push((value()?, false)),
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn profile(self, command: &str) -> Result<recdesk_redact::Profile, String> {
        let recipient = self.recipient.ok_or(format!("{command} needs --for patient|school|provider|dose-counts"))?;
        let mut profile = recdesk_redact::Profile::default_for(recipient);
        for (item, on) in self.changes {
            set_item(&mut profile.settings, &item, on)?;
        }
        Ok(profile)
    }
}

fn redact(args: &[String]) -> Result<ExitCode, String> {
    let mut options = ProfileOptions::default();
    let mut jsonl = false;
    let reading = parse_reading("redact", args, |option, rest| {
        if option == "--jsonl" {
            jsonl = true;
            return Ok(true);
        }
        options.take(option, &mut || rest.next().cloned().ok_or(format!("{option} needs a value")))
    })?;
    let Some(reading) = reading else { return Ok(ExitCode::SUCCESS) };
    let profile = options.profile("redact")?;
    if jsonl {
        // One copy per record, each redacted on its own, as the input is read.
        stream::jsonl(&reading.input, &reading.reader(clock::system_unix_seconds()), |part, out| {
            for (index, one) in stream::each_record(&part.outcome).iter().enumerate() {
                let mut copy = recdesk_redact::redact(one, &profile, &recdesk_redact::StaffRedactions::default());
                // Numbered in the whole input, not in the one record redacted.
                for blocked in &mut copy.blocked {
                    blocked.record = part.records_before + index + 1;
                }
                serde_json::to_writer(&mut *out, &copy)?;
                out.write_all(b"\n")?;
            }
            Ok(())
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    let intake = reading.read()?;
    let redacted = recdesk_redact::redact(&intake.outcome, &profile, &recdesk_redact::StaffRedactions::default());
    let text = if reading.json { to_json(&redacted)? } else { summary::render_redacted(&reading.input, &redacted) };
    write_out(&text)
}

fn evaluate_command(args: &[String]) -> Result<ExitCode, String> {
    let mut on = None;
    let mut grade = None;
    let mut jsonl = false;
    let Some(reading) = parse_reading("evaluate", args, |option, rest| match option {
        "--on" => {
            on = Some(evaluate::parse_on(rest.next().ok_or("--on needs a date, YYYY-MM-DD")?)?);
            Ok(true)
        }
        "--grade" => {
            grade = Some(evaluate::parse_grade(rest.next().ok_or("--grade needs a grade: child-care, K or 1 to 12")?)?);
            Ok(true)
        }
        "--jsonl" => {
            jsonl = true;
            Ok(true)
        }
        _ => Ok(false),
    })?
    else {
        return Ok(ExitCode::SUCCESS);
    };
    let on = on.unwrap_or_else(evaluate::today);
    if jsonl {
        stream::jsonl(&reading.input, &reading.reader(clock::system_unix_seconds()), |part, out| {
            for mut assessment in evaluate::assess_records(&part.outcome.records, on, grade).records {
                assessment.record += part.records_before;
                serde_json::to_writer(&mut *out, &assessment)?;
                out.write_all(b"\n")?;
            }
            Ok(())
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    let intake = reading.read()?;
    let records = &intake.outcome.records;
    let output = evaluate::assess_records(records, on, grade);
    let text = if reading.json { to_json(&output)? } else { evaluate::render(&reading.input, records, &output) };
    write_out(&text)
}

fn verify_command(args: &[String]) -> Result<ExitCode, String> {
    let mut answers = None;
    let mut settings = None;
    let mut now = None;
    let reading = parse_reading("verify", args, |option, rest| {
        let mut value = || rest.next().cloned().ok_or(format!("{option} needs a value"));
        match option {
            "--answers" => answers = Some(value()?),
            "--settings" => settings = Some(value()?),
            "--now" => now = Some(clock::from_option(&value()?)?),
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    let Some(reading) = reading else { return Ok(ExitCode::SUCCESS) };
    let file = verify::answers_file(&answers.ok_or("verify needs --answers ANSWERS.json")?)?;
    let settings = verify::settings_file(settings.as_deref())?;
    let now = clock::given_or_system(now)?;
    let intake = reading.read_at(now.unix_seconds)?;
    let decisions = verify::decide_each(&file, &intake.outcome, &settings, now.release_time)?;
    let text = if reading.json { to_json(&decisions)? } else { verify::render(&decisions) };
    write_out(&text)
}

/// The optional items of a profile, by the names `--include` and `--exclude` take.
const ITEMS: &str = "address, lot, forecast, guardian, exemption, consented, mothers-names, insurance, personal";

fn set_item(settings: &mut recdesk_redact::Settings, item: &str, on: bool) -> Result<(), String> {
    let slot = match item {
        "address" => &mut settings.address,
        "lot" => &mut settings.lot_and_manufacturer,
        "forecast" => &mut settings.forecast,
        "consented" => &mut settings.with_consent,
        "guardian" => &mut settings.guardian_name,
        "exemption" => &mut settings.exemption_evidence,
        "mothers-names" => &mut settings.mothers_names,
        "insurance" => &mut settings.insurance,
        "personal" => &mut settings.personal_details,
        other => return Err(format!("unknown item `{other}`; the items are: {ITEMS}")),
    };
    *slot = on;
    Ok(())
}

fn to_json(value: &impl serde::Serialize) -> Result<String, String> {
    let mut text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    text.push('\n');
    Ok(text)
}

fn write_out(text: &str) -> Result<ExitCode, String> {
    std::io::stdout().write_all(text.as_bytes()).map_err(|e| format!("could not write the output: {e}"))?;
    Ok(ExitCode::SUCCESS)
}
