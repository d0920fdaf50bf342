//! `cargo xtask test`: installs what is missing, then runs the three suites and prints one
//! summary line per suite. A suite that runs no test at all counts as failed, so a broken
//! harness cannot pass silently.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::server::StaticServer;
use crate::tools::{self, WASM_TARGET};
use crate::{Result, site};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Suite {
    Host,
    Browser,
    EndToEnd,
}

impl Suite {
    const ALL: [Suite; 3] = [Suite::Host, Suite::Browser, Suite::EndToEnd];

    fn parse(name: &str) -> Result<Suite> {
        match name {
            "host" => Ok(Suite::Host),
            "browser" => Ok(Suite::Browser),
            "e2e" => Ok(Suite::EndToEnd),
            other => Err(format!("unknown suite `{other}`: choose host, browser or e2e")),
        }
    }

    fn title(self) -> &'static str {
        match self {
            Suite::Host => "host (cargo test --workspace)",
            Suite::Browser => "browser (wasm-bindgen-test in headless Chromium)",
            Suite::EndToEnd => "e2e (tests/e2e, playwright-core + Chromium)",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Counts {
    passed: u64,
    failed: u64,
    ignored: u64,
}

impl Counts {
    /// Adds the counts from one line of output, if it carries any: cargo's
    /// `test result: ok. 5 passed; 0 failed; 1 ignored; ...` and node's spec reporter
    /// summary lines `ℹ pass 5`, `ℹ fail 0`, `ℹ skipped 1`.
    fn add_line(&mut self, line: &str) {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("test result: ") {
            for part in rest.split(';') {
                let mut words = part.split_whitespace().rev();
                let (Some(label), Some(number)) = (words.next(), words.next()) else { continue };
                let Ok(number) = number.parse::<u64>() else { continue };
                match label {
                    "passed" => self.passed += number,
                    "failed" => self.failed += number,
                    "ignored" => self.ignored += number,
                    _ => {}
                }
            }
        } else if let Some(rest) = line.strip_prefix("ℹ ") {
            let mut words = rest.split_whitespace();
            let (Some(label), Some(number), None) = (words.next(), words.next(), words.next()) else { return };
            let Ok(number) = number.parse::<u64>() else { return };
            match label {
                "pass" => self.passed += number,
                "fail" => self.failed += number,
                "skipped" | "todo" => self.ignored += number,
                _ => {}
            }
        }
    }
}

struct Outcome {
    suite: Suite,
    counts: Counts,
    problem: Option<String>,
}

pub fn run(root: &Path, args: &[String]) -> Result {
    let mut chosen = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--suite" => chosen.push(Suite::parse(rest.next().ok_or("--suite needs a name: host, browser or e2e")?)?),
            other => return Err(format!("unknown option `{other}` for test; run `cargo xtask help`")),
        }
    }
    if chosen.is_empty() {
        chosen = Suite::ALL.to_vec();
    }

    if chosen.iter().any(|s| *s != Suite::Host) {
        tools::ensure_browser_and_pdf_tools()?;
    } else {
        tools::ensure_pdf_tools()?;
    }

    let outcomes: Vec<Outcome> = chosen
        .iter()
        .map(|&suite| {
            eprintln!("\nxtask: ── suite {} ──", suite.title());
            let result = match suite {
                Suite::Host => host(root),
                Suite::Browser => browser(root),
                Suite::EndToEnd => end_to_end(root),
            };
            match result {
                Ok(counts) => {
                    let problem =
                        if counts.passed + counts.failed == 0 { Some("ran no tests".to_owned()) } else { None };
                    Outcome { suite, counts, problem }
                }
                Err((counts, problem)) => Outcome { suite, counts, problem: Some(problem) },
            }
        })
        .collect();

    println!("\nSummary");
    let mut total = Counts::default();
    let mut all_ok = true;
    for outcome in &outcomes {
        let Counts { passed, failed, ignored } = outcome.counts;
        let verdict = match &outcome.problem {
            None => "ok".to_owned(),
            Some(problem) => format!("FAILED: {problem}"),
        };
        println!(
            "  suite {:<52} {passed} passed, {failed} failed, {ignored} skipped — {verdict}",
            outcome.suite.title()
        );
        total.passed += passed;
        total.failed += failed;
        total.ignored += ignored;
        all_ok &= outcome.problem.is_none();
    }
    println!("total: {} passed, {} failed, {} skipped", total.passed, total.failed, total.ignored);
    if all_ok { Ok(()) } else { Err("some suites failed (see the summary above)".to_owned()) }
}

type SuiteResult = std::result::Result<Counts, (Counts, String)>;

/// Runs a test command, echoing its output while counting results.
fn counted(command: &mut Command) -> SuiteResult {
    eprintln!("xtask: running {}", tools::describe(command));
    let mut child = match command.stdout(Stdio::piped()).spawn() {
        Ok(child) => child,
        Err(e) => return Err((Counts::default(), format!("could not start `{}`: {e}", tools::describe(command)))),
    };
    let mut counts = Counts::default();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(std::result::Result::ok) {
            println!("{line}");
            counts.add_line(&line);
        }
    }
    match child.wait() {
        Ok(status) if status.success() => Ok(counts),
        Ok(status) => Err((counts, format!("exited with {status}"))),
        Err(e) => Err((counts, e.to_string())),
    }
}

fn host(root: &Path) -> SuiteResult {
    let counts = counted(Command::new("cargo").current_dir(root).args(["test", "--workspace", "--color", "never"]))?;
    host_checks(root).map_err(|problem| (counts, problem))?;
    Ok(counts)
}

/// Checks that are not tests but must hold: formatting, lints (including the ban on storage
/// APIs in clippy.toml) on both targets, and no browser crate in the host build.
fn host_checks(root: &Path) -> Result {
    let cargo = || {
        let mut command = Command::new("cargo");
        command.current_dir(root);
        command
    };
    tools::run(cargo().args(["fmt", "--all", "--check"]))?;
    tools::run(cargo().args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]))?;
    tools::ensure_wasm_target()?;
    tools::run(cargo().arg("clippy").args(site::wasm_package_args()).args([
        "--target",
        WASM_TARGET,
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    let found = browser_crates_in_host_build(root)?;
    if found.is_empty() { Ok(()) } else { Err(format!("the host build compiles browser crates: {}", found.join(", "))) }
}

/// Packages named yew*, web-sys or js-sys in the host's dependency graph of the workspace.
fn browser_crates_in_host_build(root: &Path) -> std::result::Result<Vec<String>, String> {
    let output = Command::new("cargo")
        .current_dir(root)
        .args(["tree", "--workspace", "--edges", "normal,build,dev", "--prefix", "none", "--format", "{p}"])
        .output()
        .map_err(|e| format!("could not run cargo tree: {e}"))?;
    if !output.status.success() {
        return Err(format!("cargo tree failed: {}", String::from_utf8_lossy(&output.stderr)));
    }
    let mut found: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| name.starts_with("yew") || *name == "web-sys" || *name == "js-sys")
        .map(str::to_owned)
        .collect();
    found.sort();
    found.dedup();
    eprintln!("xtask: host build checked: {} browser crates in its dependency graph", found.len());
    Ok(found)
}

fn browser(root: &Path) -> SuiteResult {
    let setup = || -> Result {
        tools::ensure_wasm_target()?;
        tools::ensure_wasm_bindgen(&tools::locked_wasm_bindgen_version(root)?)?;
        Ok(())
    };
    setup().map_err(|problem| (Counts::default(), problem))?;
    counted(
        Command::new("cargo")
            .current_dir(root)
            .arg("test")
            .args(site::wasm_package_args())
            .args(["--target", WASM_TARGET])
            .args(["--color", "never"])
            .env(
                format!("CARGO_TARGET_{}_RUNNER", WASM_TARGET.to_uppercase().replace('-', "_")),
                tools::wasm_bindgen_test_runner(),
            )
            .env("CHROMEDRIVER", tools::CHROMEDRIVER)
            // One set of Chromium flags for every crate's tests (the runner looks for
            // webdriver.json in each crate's folder otherwise).
            .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", root.join("web/webdriver.json"))
            // The runner's own browser tests have no timeout of their own by default.
            .env("WASM_BINDGEN_TEST_TIMEOUT", "60"),
    )
}

fn end_to_end(root: &Path) -> SuiteResult {
    let site = crate::site::build(root).map_err(|problem| (Counts::default(), problem))?;
    let server = StaticServer::bind("127.0.0.1:0", site)
        .map_err(|e| (Counts::default(), format!("could not start the test server: {e}")))?;
    let url = server.url();
    std::thread::spawn(move || server.run());

    let mut tests: Vec<String> = std::fs::read_dir(root.join("tests/e2e"))
        .map_err(|e| (Counts::default(), format!("could not list tests/e2e: {e}")))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.to_string_lossy().ends_with(".test.mjs"))
        .map(|path| path.to_string_lossy().into_owned())
        .collect();
    tests.sort();
    counted(
        Command::new("node")
            .current_dir(root)
            .args(["--test", "--test-reporter=spec"])
            .args(&tests)
            .env("RECDESK_URL", &url)
            .env("RECDESK_CHROMIUM", tools::CHROMIUM)
            .env("RECDESK_ARTIFACTS", root.join("tests/artifacts")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts_of(lines: &[&str]) -> Counts {
        let mut counts = Counts::default();
        for line in lines {
            counts.add_line(line);
        }
        counts
    }

    #[test]
    fn cargo_result_lines_are_summed() {
        let counts = counts_of(&[
            "test result: ok. 9 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s",
            "running 0 tests",
            "test result: FAILED. 5 passed; 1 failed; 2 ignored; 0 measured; 0 filtered out; finished in 0.06s",
        ]);
        assert_eq!(counts, Counts { passed: 14, failed: 1, ignored: 2 });
    }

    #[test]
    fn node_spec_summary_lines_are_summed() {
        let counts = counts_of(&[
            "ℹ tests 6",
            "ℹ suites 0",
            "ℹ pass 5",
            "ℹ fail 1",
            "ℹ skipped 0",
            "ℹ todo 0",
            "ℹ duration_ms 812.5",
        ]);
        assert_eq!(counts, Counts { passed: 5, failed: 1, ignored: 0 });
    }

    #[test]
    fn test_names_that_look_like_summaries_are_not_counted() {
        let counts = counts_of(&["✔ ℹ pass the knowledge check (12ms)", "test it_passed ... ok", "ℹ pass many"]);
        assert_eq!(counts, Counts::default());
    }

    #[test]
    fn suites_are_chosen_by_name() {
        assert_eq!(Suite::parse("e2e"), Ok(Suite::EndToEnd));
        assert!(Suite::parse("unit").is_err());
    }
}
