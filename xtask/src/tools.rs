//! Finds, and where missing installs, the tools the build and the tests need.
//!
//! Everything comes from the package registries this project may reach: rustup for the
//! wasm32 target, crates.io for wasm-bindgen-cli, npm for binaryen (wasm-opt) and
//! playwright-core, Debian's packages for Chromium, ChromeDriver and poppler-utils.
//! No step downloads a prebuilt binary or a browser of its own.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::Result;

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Runs a command to completion, echoing it first; fails with its exit status.
pub fn run(command: &mut Command) -> Result {
    eprintln!("xtask: running {}", describe(command));
    let status = command.status().map_err(|e| format!("could not start `{}`: {e}", describe(command)))?;
    if status.success() { Ok(()) } else { Err(format!("`{}` failed ({status})", describe(command))) }
}

pub fn describe(command: &Command) -> String {
    let mut words = vec![command.get_program().to_string_lossy().into_owned()];
    words.extend(command.get_args().map(|a| a.to_string_lossy().into_owned()));
    words.join(" ")
}

/// The first line a tool prints for `--version`, or None when it cannot be run.
fn version_line(program: &Path) -> Option<String> {
    let output = Command::new(program).arg("--version").output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).lines().next().unwrap_or("").trim().to_owned())
}

/// Where `cargo install` puts binaries. Looked up directly so a PATH without it still works.
fn cargo_bin_dir() -> PathBuf {
    match std::env::var_os("CARGO_HOME") {
        Some(home) => PathBuf::from(home).join("bin"),
        None => PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo").join("bin"),
    }
}

/// A program from cargo's bin directory when it is there, else by name from PATH.
fn cargo_installed(name: &str) -> PathBuf {
    let candidate = cargo_bin_dir().join(name);
    if candidate.is_file() { candidate } else { PathBuf::from(name) }
}

pub fn ensure_wasm_target() -> Result {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map_err(|e| format!("rustup is needed to add the {WASM_TARGET} target but could not be run: {e}"))?;
    if String::from_utf8_lossy(&installed.stdout).lines().any(|line| line.trim() == WASM_TARGET) {
        return Ok(());
    }
    run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

/// The exact wasm-bindgen version Cargo.lock resolved: the CLI must match it to the letter.
pub fn locked_wasm_bindgen_version(root: &Path) -> Result<String> {
    let lock =
        std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| format!("could not read Cargo.lock: {e}"))?;
    version_in_lock(&lock, "wasm-bindgen").ok_or_else(|| "Cargo.lock has no wasm-bindgen package".to_owned())
}

fn version_in_lock(lock: &str, package: &str) -> Option<String> {
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == format!("name = \"{package}\"") {
            let version = lines.next()?.trim().strip_prefix("version = \"")?.strip_suffix('"')?;
            return Some(version.to_owned());
        }
    }
    None
}

/// wasm-bindgen and wasm-bindgen-test-runner at exactly `version`, installed with cargo if needed.
/// Returns the path of `wasm-bindgen`; the test runner sits beside it.
pub fn ensure_wasm_bindgen(version: &str) -> Result<PathBuf> {
    let wanted = format!("wasm-bindgen {version}");
    let program = cargo_installed("wasm-bindgen");
    if version_line(&program).as_deref() != Some(wanted.as_str()) {
        // Not --locked: the CLI's own lockfile pins a crate version the registry no longer serves.
        eprintln!("xtask: installing wasm-bindgen-cli {version} (about 2 minutes, once)");
        run(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &format!("={version}")]))?;
    }
    let program = cargo_installed("wasm-bindgen");
    match version_line(&program) {
        Some(found) if found == wanted => Ok(program),
        found => Err(format!("wasm-bindgen {version} is needed but `{}` reports {found:?}", program.display())),
    }
}

pub fn wasm_bindgen_test_runner() -> PathBuf {
    cargo_installed("wasm-bindgen-test-runner")
}

/// npm packages from package-lock.json (binaryen's wasm-opt, playwright-core), installed with
/// `npm ci` when node_modules is missing or older than the lockfile.
pub fn ensure_node_packages(root: &Path) -> Result {
    let lock = root.join("package-lock.json");
    let installed = root.join("node_modules").join(".package-lock.json");
    let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let fresh = matches!((modified(&lock), modified(&installed)), (Some(l), Some(i)) if i >= l);
    if fresh {
        return Ok(());
    }
    if Command::new("npm").arg("--version").output().is_err() {
        return Err("Node.js 20 or newer with npm is needed (for wasm-opt and the browser tests); \
                    install it, e.g. `apt-get install nodejs npm`, and run this again"
            .to_owned());
    }
    run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(root))
}

pub fn wasm_opt(root: &Path) -> PathBuf {
    root.join("node_modules").join(".bin").join("wasm-opt")
}

/// Debian's Chromium, ChromeDriver and poppler-utils: installed with apt when running as
/// root, otherwise a message that says what to install.
pub fn ensure_browser_and_pdf_tools() -> Result {
    ensure_debian_packages(
        &[("chromium", CHROMIUM), ("chromium-driver", CHROMEDRIVER), ("poppler-utils", PDFTOTEXT)],
        "the browser tests",
    )
}

/// poppler-utils alone: the host tests read PDFs back with pdftotext, pdffonts and pdfinfo.
pub fn ensure_pdf_tools() -> Result {
    ensure_debian_packages(&[("poppler-utils", PDFTOTEXT)], "the host tests")
}

const PDFTOTEXT: &str = "/usr/bin/pdftotext";

fn ensure_debian_packages(packages: &[(&str, &str)], who: &str) -> Result {
    let missing: Vec<&str> =
        packages.iter().filter(|(_, path)| !Path::new(path).is_file()).map(|(package, _)| *package).collect();
    if missing.is_empty() {
        return Ok(());
    }
    if !running_as_root() {
        return Err(format!(
            "{who} need Debian packages that are not installed: {0}. Install them with \
             `sudo apt-get install {0}` and run this again",
            missing.join(" ")
        ));
    }
    run(Command::new("apt-get").arg("update").arg("-qq"))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "-qq", "--no-install-recommends"])
        .args(&missing)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

fn running_as_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_package_version_in_a_lockfile() {
        let lock = "[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"0.2.1\"\n\n\
                    [[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\nsource = \"registry\"\n";
        assert_eq!(version_in_lock(lock, "wasm-bindgen").as_deref(), Some("0.2.130"));
        assert_eq!(version_in_lock(lock, "yew"), None);
    }

    #[test]
    fn the_workspace_lockfile_pins_wasm_bindgen_exactly_as_the_manifest_says() {
        let root = crate::workspace_root();
        let manifest = std::fs::read_to_string(root.join("Cargo.toml")).expect("root manifest");
        let locked = locked_wasm_bindgen_version(&root).expect("a locked version");
        assert!(
            manifest.contains(&format!("wasm-bindgen = \"={locked}\"")),
            "Cargo.toml must pin wasm-bindgen = \"={locked}\""
        );
    }
}
