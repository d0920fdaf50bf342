//! `recdesk`: glue between the command line and the Record Desk libraries. It reads files
//! and standard input and writes standard output; every decision is made by the libraries.

mod summary;

use std::io::{Read, Write};
use std::process::ExitCode;

const HELP: &str = "\
recdesk: read immunization records on the command line

USAGE:
    recdesk inspect [--json] [--jwks ISS=FILE]... [--crl ISS=FILE]... FILE|-
        Read an immunization record and print what it holds: each patient record, every dose
        grouped by vaccine, the forecast, and the diagnostics. `-` reads standard input.
        Reads HL7 v2 (VXU, RSP, ACK; one message or many), FHIR R4 JSON (a Bundle or a lone
        resource) and SMART Health Cards (shc:/ text, a .smart-health-card file, a bare JWS, or
        a PNG/JPEG picture of the QR code), whose signatures are checked against the bundled VCI
        issuer directory.
        --json         print {\"format\", \"records\", \"messages\", \"verifications\",
                       \"diagnostics\"} instead
        --jwks ISS=FILE  also trust the key set in FILE (an issuer's /.well-known/jwks.json)
                       for cards whose issuer is ISS; such cards are reported as a valid
                       signature from an issuer not in the directory, never as verified
        --crl ISS=FILE   load an issuer's revocation list (its /.well-known/crl/KID.json)
        Exit status: 0 when something was read (diagnostics allowed), 2 when nothing could be
        read, with the reason on standard error.

    recdesk redact --for patient|school|provider|summary [--include ITEM]... [--exclude ITEM]...
                   [--json] [--jwks ISS=FILE]... [--crl ISS=FILE]... FILE|-
        Read a record as inspect does and print only what the recipient may see (Minnesota
        rules; see shared/domain.md), then the log of what was withheld and why. A school or
        provider never gets identifiers, the mother's names, insurance or funding eligibility,
        contact details or free text, whatever is included; a record protected in the
        registry (PD1-12 = Y) is refused for them. `summary` gives counts by vaccine group and
        year only. ITEM is one of: address, lot, forecast, guardian, exemption, mothers-names,
        insurance, personal (the last three only ever reach the patient's copy).
        --json prints {\"profile\", \"settings\", \"records\", \"summary\", \"verifications\",
        \"redactions\": [{\"kind\", \"location\", \"rule\"}], \"blocked\", \"diagnostics\"}.

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
            option if option.starts_with("--") => {
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
        let bytes = read_input(&self.input)?;
        let now_unix_seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |elapsed| i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX));
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
    let Some(reading) = parse_reading("inspect", args, |_, _| Ok(false))? else { return Ok(ExitCode::SUCCESS) };
    let intake = reading.read()?;
    let text = if reading.json { to_json(&intake.outcome)? } else { summary::render(&reading.input, &intake) };
    write_out(&text)
}

fn redact(args: &[String]) -> Result<ExitCode, String> {
    let mut recipient = None;
    let mut changes: Vec<(String, bool)> = Vec::new();
    let reading = parse_reading("redact", args, |option, rest| {
        let mut value = || rest.next().cloned().ok_or(format!("{option} needs a value"));
        match option {
            "--for" => {
                let name = value()?;
                recipient = Some(
                    recdesk_redact::Recipient::parse(&name)
                        .ok_or(format!("--for takes patient, school, provider or summary, not `{name}`"))?,
                );
            }
            "--include" => changes.push((value()?, true)),
            "--exclude" => changes.push((value()?, false)),
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    let Some(reading) = reading else { return Ok(ExitCode::SUCCESS) };
    let recipient = recipient.ok_or("redact needs --for patient|school|provider|summary")?;
    let mut profile = recdesk_redact::Profile::default_for(recipient);
    for (item, on) in changes {
        set_item(&mut profile.settings, &item, on)?;
    }
    let intake = reading.read()?;
    let redacted = recdesk_redact::redact(&intake.outcome, &profile, &recdesk_redact::StaffRedactions::default());
    let text = if reading.json { to_json(&redacted)? } else { summary::render_redacted(&reading.input, &redacted) };
    write_out(&text)
}

/// The optional items of a profile, by the names `--include` and `--exclude` take.
const ITEMS: &str = "address, lot, forecast, guardian, exemption, mothers-names, insurance, personal";

fn set_item(settings: &mut recdesk_redact::Settings, item: &str, on: bool) -> Result<(), String> {
    let slot = match item {
        "address" => &mut settings.address,
        "lot" => &mut settings.lot_and_manufacturer,
        "forecast" => &mut settings.forecast,
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

fn read_input(input: &str) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let limit = recdesk_intake::MAX_INPUT_BYTES as u64 + 1;
    let result = if input == "-" {
        std::io::stdin().take(limit).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(input).and_then(|file| file.take(limit).read_to_end(&mut bytes))
    };
    result.map_err(|e| format!("{input}: could not be read: {e}"))?;
    recdesk_intake::check_size(bytes.len()).map_err(|refusal| format!("{input}: {refusal}"))?;
    Ok(bytes)
}
