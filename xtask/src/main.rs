//! Project automation, written in Rust so it runs wherever cargo does.
//!
//! `cargo xtask serve` builds the app and serves it; `cargo xtask dist` writes the static
//! site a clinic copies onto a web server; `cargo xtask test` runs every test suite; `cargo
//! xtask bench` writes the performance report. Each
//! installs what it needs and is missing first (see `tools.rs`).

mod bench;
mod server;
mod site;
mod suites;
mod tools;
mod wasm_exports;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const HELP: &str = "\
cargo xtask: build, serve and test Record Desk

USAGE:
    cargo xtask serve [--port N] [--host ADDR]
        Install what is missing, build the release app (wasm-opt -Oz) and serve it on
        http://127.0.0.1:8080 (or --port N) with the app's security headers. A second run
        with nothing changed skips the build steps and starts in seconds.

    cargo xtask dist [--out DIR]
        Build the release app and write the self-contained static site to DIR (default
        ./dist), then print each file's size, raw and gzipped. Copy DIR onto any web server;
        DIR/_headers lists the HTTP headers that server should send.

    cargo xtask test [--suite host|browser|e2e]...
        Install what is missing (as root: Debian's chromium, chromium-driver and
        poppler-utils), then run the suites: host (cargo test --workspace), browser (the web
        crate's wasm-bindgen tests in headless Chromium) and e2e (tests/e2e against the served
        release build, with playwright-core driving Debian's Chromium). Prints one summary line
        per suite and exits non-zero if anything failed. Default: all three suites.

    cargo xtask bench [--quick] [--no-criterion] [--no-peers] [--no-browser]
        The performance baseline: write the benchmark inputs (target/bench/inputs), run the
        criterion benchmarks (HL7 and FHIR parsing, SMART Health Card decode + verify,
        redaction, PDF rendering, CDSi, reports), time the peers on the same inputs
        (python-hl7, hl7apy, an npm HL7 parser; fhir.resources, Python's json and Node's
        JSON.parse for FHIR; jose + pako; jsPDF; installed into target/bench/peers, not the
        project), time the app in headless Chromium (cold load, paste, review, PDF) and its
        sizes, and write target/bench/report.md with the budgets checked. --quick shortens every
        measurement (for trying it out, not for figures). Takes about 10 minutes.

    cargo xtask help
        Print this text.
";

pub type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("serve") => serve(&args[1..]),
        Some("dist") => dist(&args[1..]),
        Some("test") => suites::run(&workspace_root(), &args[1..]),
        Some("bench") => bench::run(&workspace_root(), &args[1..]),
        None | Some("help" | "--help" | "-h") => {
            print!("{HELP}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`; run `cargo xtask help`")),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn serve(args: &[String]) -> Result {
    let mut port: u16 = 8080;
    let mut host = String::from("127.0.0.1");
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--port" => {
                port = value_of("--port", rest.next())?.parse().map_err(|_| "--port takes a number from 1 to 65535")?
            }
            "--host" => host = value_of("--host", rest.next())?.to_owned(),
            other => return Err(format!("unknown option `{other}` for serve; run `cargo xtask help`")),
        }
    }
    let root = workspace_root();
    let site = site::build(&root)?;
    let server = server::StaticServer::bind(&format!("{host}:{port}"), site)
        .map_err(|e| format!("could not listen on {host}:{port}: {e} (is another server using it? try --port)"))?;
    println!("Record Desk is being served at {}", server.url());
    println!("Press Ctrl+C to stop.");
    server.run();
    Ok(())
}

fn dist(args: &[String]) -> Result {
    let root = workspace_root();
    let mut out = root.join("dist");
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--out" => out = PathBuf::from(value_of("--out", rest.next())?),
            other => return Err(format!("unknown option `{other}` for dist; run `cargo xtask help`")),
        }
    }
    let site = site::build(&root)?;
    site::copy_site(&site, &out)?;
    println!("Static site written to {}", out.display());
    print!("{}", site::size_report(&out)?);
    Ok(())
}

fn value_of<'a>(option: &str, value: Option<&'a String>) -> Result<&'a str> {
    value.map(String::as_str).ok_or_else(|| format!("{option} needs a value"))
}

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives inside the workspace").to_path_buf()
}

/// Cargo's target directory for the builds xtask starts (they run in `root`): `CARGO_TARGET_DIR`
/// (or `CARGO_BUILD_TARGET_DIR`) when set, relative to `root` if relative, else `root/target`.
pub fn target_dir(root: &Path) -> PathBuf {
    target_dir_from(root, ["CARGO_TARGET_DIR", "CARGO_BUILD_TARGET_DIR"].into_iter().find_map(std::env::var_os))
}

fn target_dir_from(root: &Path, configured: Option<std::ffi::OsString>) -> PathBuf {
    match configured.filter(|dir| !dir.is_empty()) {
        Some(dir) => root.join(dir),
        None => root.join("target"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_target_dir_follows_cargo_target_dir() {
        let root = Path::new("/w");
        assert_eq!(target_dir_from(root, None), Path::new("/w/target"));
        assert_eq!(target_dir_from(root, Some("".into())), Path::new("/w/target"));
        assert_eq!(target_dir_from(root, Some("/elsewhere/t".into())), Path::new("/elsewhere/t"));
        assert_eq!(target_dir_from(root, Some("build".into())), Path::new("/w/build"));
    }
}
