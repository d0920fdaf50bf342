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

fn inspect(args: &[String]) -> Result<ExitCode, String> {
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
                return Ok(ExitCode::SUCCESS);
            }
            option if option.starts_with("--") => return Err(format!("unknown option `{option}` for inspect")),
            path if input.is_none() => input = Some(path.to_owned()),
            _ => return Err("inspect reads one input; give one FILE or `-`".to_owned()),
        }
    }
    let input = input.ok_or("inspect needs an input: a FILE, or `-` for standard input")?;
    let bytes = read_input(&input)?;
    let now_unix_seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX));
    let intake = recdesk_intake::read(&bytes, &recdesk_intake::ReadContext { now_unix_seconds, trust: &trust });
    if intake.outcome.is_empty() {
        let reason = intake.outcome.diagnostics.first().map_or("nothing could be read", |d| d.message.as_str());
        return Err(format!("{input}: {reason}"));
    }
    let text = if json {
        let mut text = serde_json::to_string_pretty(&intake.outcome).map_err(|e| e.to_string())?;
        text.push('\n');
        text
    } else {
        summary::render(&input, &intake)
    };
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
