//! `recdesk`: glue between the command line and the Record Desk libraries. It reads files
//! and standard input and writes standard output; every decision is made by the libraries.

mod clock;
mod evaluate;
mod stream;
mod summary;
mod verify;

use std::io::{Read, Write};
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
                       \"diagnostics\"}, as it goes. An HL7 v2 batch (FHS/BHS or messages back
                       to back) is read a message at a time, so a registry export of any size
                       is read in memory that does not grow with it (one message is at most
                       20 MB); other inputs are read whole, up to 20 MB. On a terminal, a
                       progress line is written to standard error.
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
        streaming an HL7 v2 batch of any size as inspect --jsonl does.

    recdesk report [--for patient|school|provider|dose-counts] [--include ITEM]... [--exclude ITEM]...
                   [--answers ANSWERS.json [--settings FILE]]
                   -o OUT.pdf [--staff NAME] [--paper letter|a4] [--now YYYY-MM-DDTHH:MM]
                   [--grade child-care|K|1..12] [--full-history]
                   [--jwks ISS=FILE]... [--crl ISS=FILE]... FILE|-
        Read and redact a record as redact does and write the printable report as a PDF: the
        copy for the recipient (identity as the profile allows, immunizations by vaccine group
        in date order, the forecast when included), how many items were withheld and why, and
        the release: who released it (--staff, else \"not recorded\"), when, and that the
        requester and basis were not recorded (they are checked outside this tool). `-o -`
        writes the PDF to standard output.
        With --answers ANSWERS.json (and --settings FILE), the copy is the one the decision
        allows for each patient (as `recdesk verify` prints it): held doses withheld, the release
        filled from the answers, --for optional (each decision's own copy), --include, --exclude
        and --staff not taken; a patient the decision refuses gets no copy and a line saying why.
        Answers computed from the copy's own doses (CDC's CDSi logic, data 4.64, as of the release
        date) go on the copies that may carry them: each dose's number (\"2 of 5\") or why it does
        not count, on every copy but a provider's without consent and the dose counts; what is
        due next, on the patient's copy (and a consented provider's); Minnesota's school
        immunization status (Minn. Stat. §121A.15, Minn. R. ch. 4604), first on a school's copy
        and on the patient's when --grade is given.
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
        hepatitis_b_review_age, kiosk_idle_seconds): every key must be known and every value
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
                   batch of any size as inspect --jsonl does
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
        Some("report") => report(&args[1..]),
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
        let bytes = read_input(&self.input)?;
        let intake =
            recdesk_intake::read(&bytes, &recdesk_intake::ReadContext { now_unix_seconds, trust: &self.trust });
        if intake.outcome.is_empty() {
            let reason = intake.outcome.diagnostics.first().map_or("nothing could be read", |d| d.message.as_str());
            return Err(format!("{}: {reason}", self.input));
        }
        Ok(intake)
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
        stream::inspect_jsonl(&reading.input, || reading.read().map(|intake| intake.outcome))?;
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
        // One copy per record, each redacted on its own, as the batch is read.
        stream::jsonl(
            &reading.input,
            || reading.read().map(|intake| intake.outcome),
            |outcome, _, out| {
                for one in stream::each_record(outcome) {
                    let copy = recdesk_redact::redact(&one, &profile, &recdesk_redact::StaffRedactions::default());
                    serde_json::to_writer(&mut *out, &copy)?;
                    out.write_all(b"\n")?;
                }
                Ok(())
            },
        )?;
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
        stream::jsonl(
            &reading.input,
            || reading.read().map(|intake| intake.outcome),
            |outcome, before, out| {
                for mut assessment in evaluate::assess_records(&outcome.records, on, grade).records {
                    assessment.record += before;
                    serde_json::to_writer(&mut *out, &assessment)?;
                    out.write_all(b"\n")?;
                }
                Ok(())
            },
        )?;
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

fn report(args: &[String]) -> Result<ExitCode, String> {
    let mut options = ProfileOptions::default();
    let mut output = None;
    let mut staff = None;
    let mut paper = recdesk_pdf::Paper::default();
    let mut now = None;
    let mut answers = None;
    let mut settings = None;
    let mut status_request = recdesk_report::StatusRequest::default();
    let reading = parse_reading("report", args, |option, rest| {
        let mut value = || rest.next().cloned().ok_or(format!("{option} needs a value"));
        match option {
            "-o" | "--output" => output = Some(value()?),
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
            _ => return options.take(option, &mut value),
        }
        Ok(true)
    })?;
    let Some(reading) = reading else { return Ok(ExitCode::SUCCESS) };
    if reading.json {
        return Err("report writes a PDF; --json is for inspect and redact".to_owned());
    }
    let output = output.ok_or("report needs -o OUT.pdf (or `-o -` for standard output)")?;
    let now = clock::given_or_system(now)?;
    let (redacted, attestation) = match answers {
        // The decision fixes the copy: which items, which doses, and what the release says.
        Some(path) => {
            if !options.changes.is_empty() || staff.is_some() {
                return Err("with --answers the decision fixes the copy's items and the answers name the staff: \
                            leave out --include, --exclude and --staff"
                    .to_owned());
            }
            let file = verify::answers_file(&path)?;
            let settings = verify::settings_file(settings.as_deref())?;
            let intake = reading.read_at(now.unix_seconds)?;
            let decisions = verify::decide_each(&file, &intake.outcome, &settings, now.release_time)?;
            let (redacted, attestation, refused) =
                verify::released_copy(&decisions, &intake.outcome, options.recipient)?;
            for line in refused {
                eprintln!("recdesk: {line}");
            }
            (redacted, attestation)
        }
        None => {
            if settings.is_some() {
                return Err("--settings applies to a decision: give --answers too".to_owned());
            }
            let profile = options.profile("report")?;
            let intake = reading.read_at(now.unix_seconds)?;
            let redacted =
                recdesk_redact::redact(&intake.outcome, &profile, &recdesk_redact::StaffRedactions::default());
            let data_as_of = redacted.records.iter().filter_map(|r| r.data_as_of.as_ref()).map(|d| d.value).max();
            let released_by = staff.filter(|s| !s.trim().is_empty()).unwrap_or_else(|| "not recorded".to_owned());
            let attestation =
                recdesk_access::Attestation::not_recorded(released_by, now.release_time, profile.recipient, data_as_of);
            (redacted, attestation)
        }
    };
    let report = recdesk_report::build(&redacted, &attestation, status_request, recdesk_report::Language::English);
    let pdf = recdesk_pdf::render(&report, &recdesk_pdf::RenderOptions { paper });
    if output == "-" {
        std::io::stdout().write_all(&pdf).map_err(|e| format!("could not write the output: {e}"))?;
    } else {
        std::fs::write(&output, &pdf).map_err(|e| format!("{output}: could not be written: {e}"))?;
        println!("{output}: report for {}, {} bytes", redacted.profile.label(), pdf.len());
    }
    Ok(ExitCode::SUCCESS)
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

/// Reads at most the intake's limit (and one byte more, to know the input is larger). A file's
/// size is checked first, so the refusal states its true size; standard input's cannot be known
/// without reading it all, so its refusal says "more than".
fn read_input(input: &str) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let limit = recdesk_intake::MAX_INPUT_BYTES as u64 + 1;
    let result = if input == "-" {
        std::io::stdin().take(limit).read_to_end(&mut bytes)
    } else {
        let file = std::fs::File::open(input).map_err(|e| format!("{input}: could not be read: {e}"))?;
        if let Ok(metadata) = file.metadata() {
            let size = usize::try_from(metadata.len()).unwrap_or(usize::MAX);
            recdesk_intake::check_size(size).map_err(|refusal| format!("{input}: {refusal}"))?;
        }
        file.take(limit).read_to_end(&mut bytes)
    };
    result.map_err(|e| format!("{input}: could not be read: {e}"))?;
    if bytes.len() > recdesk_intake::MAX_INPUT_BYTES {
        return Err(format!(
            "{input}: the input is more than {} MB, larger than an immunization record can be. Check that you chose \
             the right file.",
            recdesk_intake::MAX_INPUT_BYTES / (1024 * 1024)
        ));
    }
    Ok(bytes)
}
