//! `cargo xtask bench`: the performance baseline. Writes the benchmark inputs to files, runs the
//! criterion benchmarks of every stage (HL7 and FHIR parsing, SMART Health Card decode + verify,
//! redaction, PDF rendering, CDSi evaluation and forecast), times the peers on the same files
//! (bench/peers), times the app in headless Chromium (bench/browser.mjs), and writes one report
//! with the budgets checked.
//!
//! Budgets are reported, never a failing test: timings depend on the machine and what else runs.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use serde_json::Value;

use crate::server::StaticServer;
use crate::{Result, site, tools};

/// The criterion benchmarks the report covers: (package, bench target).
const CRITERION: &[(&str, &str)] = &[
    ("recdesk-hl7", "parse"),
    ("recdesk-fhir", "parse"),
    ("recdesk-shc", "verify"),
    ("recdesk-redact", "redact"),
    ("recdesk-pdf", "render"),
    ("recdesk-cdsi", "assess"),
    ("recdesk-report", "build"),
    ("recdesk-pdf-reader", "read"),
];

/// Patient records in the input of each benchmark that reads many (each bench asserts the count),
/// so a parse can be given in records per second beside its bytes per second.
const RECORDS: &[(&str, u64)] = &[("read/batch_10000_patients", 10_000), ("fhir/bundle_1000_patients", 1_000)];

/// Which of our benchmarks each peer operation is compared with: (operation, input, our bench id).
const COMPARED: &[(&str, &str, &str)] = &[
    ("hl7_parse", "hl7-batch.hl7", "read/batch_10000_patients"),
    ("hl7_parse", "hl7-one.hl7", "read/one_vxu_20_doses"),
    ("shc_decode_verify", "shc-qr-numeric.txt", "shc/decode_verify_qr_numeric"),
    ("pdf_table", "pdf-300.json", "pdf/render_300_doses"),
    ("fhir_parse", "fhir-bundle.json", "fhir/bundle_1000_patients"),
];

/// The CDSi engine's budget: every dose of a 30-dose child evaluated and every vaccine group
/// forecast in under 1 ms (native, supporting data already loaded).
const CDSI_ASSESS: &str = "cdsi/assess_child_30_doses";
const CDSI_ASSESS_BUDGET_SECONDS: f64 = 1e-3;

const MIB: f64 = 1024.0 * 1024.0;
/// The readers' budgets: (what, bench id, MiB/s, limit, what stands in the way when missed).
const READER_BUDGETS: &[(&str, &str, f64, &str, &str)] = &[
    (
        "HL7 reader, 10,000-patient batch (native)",
        "read/batch_10000_patients",
        200.0,
        "≥ 200 MiB/s",
        "allocation: the record model owns every value as a String, with its location; allocating, copying \
         and freeing them is about 40% of the time (perf), and a faster allocator (mimalloc, tried) gave only \
         a third more; a record that borrows from the input is the next step",
    ),
    (
        "FHIR reader, 1,000-patient bundle (native)",
        "fhir/bundle_1000_patients",
        150.0,
        "≥ 150 MiB/s",
        "serde_json's Value tree (a BTreeMap per object) and the record model's owned Strings and JSON \
         Pointers: allocation and freeing are about 40% of the time (perf); reading the bundle with a \
         borrowing, event-driven JSON reader instead of a tree is the next step",
    ),
];

/// What stands in the way of the browser budgets, as measured (said beside a miss).
const FIRST_SCREEN_OBSTACLE: &str = "the first module (the intake screen; links are already opened by the reader \
     module) is Yew 20%, the app's UI 17%, Rust's core/alloc 21%, static data (mostly sentences) 9%, JS and DOM \
     bindings 7%, decoding the whole reading 5%, JSON for the clinic's settings 3% (twiggy, before wasm-opt); \
     sending the screen a summary and reading the settings in the reader module would save about 8%; the rest \
     needs a first screen without Yew";
const PASTE_OBSTACLE: &str = "the reader's own time in WebAssembly (about 20 ms for the 1,000 doses, once warm), \
     the first module decoding the whole reading it gets back, and drawing the answer; having the reader module \
     send the screen's summary and keep the reading would take the decoding away";
const REVIEW_OBSTACLE: &str = "building the copy (redaction, the CDSi evaluation of 1,000 doses and its layout \
     model: about 25 ms), the staff pane's own redaction, then the first 60 rows of each pane as DOM and their layout";

/// The first screen's budget: 150 KiB gzipped.
const FIRST_SCREEN_BUDGET_BYTES: f64 = 150.0 * 1024.0;
/// The PDF maker's module: 500 KB gzipped.
const PDF_MODULE: &str = "recdesk_web_pdf_bg.wasm";
const PDF_MODULE_BUDGET_BYTES: f64 = 500_000.0;
/// What stands in the way of the PDF module's budget, as measured (said beside a miss).
const PDF_MODULE_OBSTACLE: &str = "printpdf's serializer carries a 654 KB CMYK ICC profile (Coated FOGRA39, for \
     PDF/X output) that our reports never use; the patched printpdf in vendor/printpdf leaves it out, so a miss now \
     means something new grew: look with twiggy";

struct Options {
    quick: bool,
    peers: bool,
    browser: bool,
    criterion: bool,
}

pub fn run(root: &Path, args: &[String]) -> Result {
    let mut options = Options { quick: false, peers: true, browser: true, criterion: true };
    for arg in args {
        match arg.as_str() {
            "--quick" => options.quick = true,
            "--no-peers" => options.peers = false,
            "--no-browser" => options.browser = false,
            "--no-criterion" => options.criterion = false,
            other => return Err(format!("unknown option `{other}` for bench; run `cargo xtask help`")),
        }
    }
    let out = crate::target_dir(root).join("bench");
    let inputs = out.join("inputs");
    std::fs::create_dir_all(&out).map_err(|e| format!("could not create {}: {e}", out.display()))?;

    eprintln!("\nxtask: ── benchmark inputs ──");
    tools::run(
        Command::new("cargo")
            .current_dir(root)
            .args(["run", "--quiet", "--release", "-p", "recdesk-hl7", "--example", "bench_inputs", "--"])
            .arg(&inputs),
    )?;

    let mut report = Report::default();
    if options.criterion {
        eprintln!("\nxtask: ── criterion benchmarks ──");
        report.ours = criterion(root, options.quick)?;
    } else {
        report.ours = read_criterion(&crate::target_dir(root).join("criterion"), None)?;
    }
    if options.peers {
        eprintln!("\nxtask: ── peers on the same inputs ──");
        let peers_json = out.join("peers.json");
        let runs = if options.quick { "3" } else { "5" };
        tools::run(
            Command::new("node")
                .current_dir(root)
                .arg("bench/peers/run.mjs")
                .arg("--inputs")
                .arg(&inputs)
                .arg("--peers")
                .arg(out.join("peers"))
                .arg("--out")
                .arg(&peers_json)
                .args(["--runs", runs]),
        )?;
        report.peers = Some(read_json(&peers_json)?);
    }
    if options.browser {
        eprintln!("\nxtask: ── the app in headless Chromium ──");
        tools::ensure_node_packages(root)?;
        tools::ensure_browser_and_pdf_tools()?;
        let site = site::build(root)?;
        let server = StaticServer::bind("127.0.0.1:0", site.clone())
            .map_err(|e| format!("could not start the benchmark server: {e}"))?;
        let url = server.url();
        std::thread::spawn(move || server.run());
        let browser_json = out.join("browser.json");
        let runs = if options.quick { "3" } else { "7" };
        tools::run(
            Command::new("node")
                .current_dir(root)
                .arg("bench/browser.mjs")
                .args(["--url", &url, "--runs", runs])
                .arg("--site")
                .arg(&site)
                .arg("--out")
                .arg(&browser_json)
                .env("RECDESK_CHROMIUM", tools::CHROMIUM),
        )?;
        report.browser = Some(read_json(&browser_json)?);
    }

    let text = report.render(&inputs);
    let path = out.join("report.md");
    std::fs::write(&path, &text).map_err(|e| format!("could not write {}: {e}", path.display()))?;
    println!("\n{text}");
    println!("Written to {}", path.display());
    Ok(())
}

/// One of our benchmarks: its id, the median time of one iteration, and its throughput.
#[derive(Clone, Debug, PartialEq)]
struct Measured {
    id: String,
    median_seconds: f64,
    throughput: Throughput,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Throughput {
    Bytes(u64),
    Elements(u64),
    None,
}

fn criterion(root: &Path, quick: bool) -> Result<Vec<Measured>> {
    let started = SystemTime::now();
    for (package, bench) in CRITERION {
        let mut command = Command::new("cargo");
        command.current_dir(root).args(["bench", "--quiet", "-p", package, "--bench", bench, "--"]);
        if quick {
            command.args(["--warm-up-time", "1", "--measurement-time", "2"]);
        }
        tools::run(&mut command)?;
    }
    read_criterion(&crate::target_dir(root).join("criterion"), Some(started))
}

/// Every benchmark criterion recorded under `dir` (only those written since `since`, if given,
/// so an old run of a benchmark no longer run is not reported as current).
fn read_criterion(dir: &Path, since: Option<SystemTime>) -> Result<Vec<Measured>> {
    let mut found = Vec::new();
    collect_benchmarks(dir, &mut found);
    let mut measured = Vec::new();
    for new in found {
        let benchmark = new.join("benchmark.json");
        if let Some(since) = since {
            let modified = std::fs::metadata(&benchmark).and_then(|m| m.modified()).ok();
            if modified.is_none_or(|m| m < since) {
                continue;
            }
        }
        let (Ok(description), Ok(estimates)) = (read_json(&benchmark), read_json(&new.join("estimates.json"))) else {
            continue;
        };
        if let Some(measurement) = measured_from(&description, &estimates) {
            measured.push(measurement);
        }
    }
    measured.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(measured)
}

fn collect_benchmarks(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if !path.is_dir() {
            continue;
        }
        if path.file_name().is_some_and(|name| name == "new") && path.join("benchmark.json").is_file() {
            found.push(path);
        } else {
            collect_benchmarks(&path, found);
        }
    }
}

fn measured_from(description: &Value, estimates: &Value) -> Option<Measured> {
    let id = description.get("full_id")?.as_str()?.to_owned();
    let median_ns = estimates.get("median")?.get("point_estimate")?.as_f64()?;
    let throughput = match description.get("throughput") {
        Some(Value::Object(t)) => match (t.get("Bytes"), t.get("Elements")) {
            (Some(bytes), _) => Throughput::Bytes(bytes.as_u64()?),
            (_, Some(elements)) => Throughput::Elements(elements.as_u64()?),
            _ => Throughput::None,
        },
        _ => Throughput::None,
    };
    Some(Measured { id, median_seconds: median_ns / 1e9, throughput })
}

fn read_json(path: &Path) -> Result<Value> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("could not read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{} is not JSON: {e}", path.display()))
}

#[derive(Default)]
struct Report {
    ours: Vec<Measured>,
    peers: Option<Value>,
    browser: Option<Value>,
}

/// A budget line: what, the figure, the limit, and whether it is met; for one missed, what was
/// measured to stand in the way (said beside the figure).
struct Budget {
    what: &'static str,
    figure: String,
    limit: &'static str,
    met: Option<bool>,
    obstacle: Option<&'static str>,
}

impl Report {
    fn ours(&self, id: &str) -> Option<&Measured> {
        self.ours.iter().find(|m| m.id == id)
    }

    fn render(&self, inputs: &Path) -> String {
        let mut text = String::from("# Record Desk performance report\n\n");
        let _ = writeln!(text, "Inputs: `{}` (written by `recdesk-hl7`'s `bench_inputs` example).\n", inputs.display());
        let mut budgets = Vec::new();

        text.push_str("## Library (criterion, native release build, median per iteration)\n\n");
        text.push_str("| benchmark | time | throughput | records/s |\n|---|---:|---:|---:|\n");
        for m in &self.ours {
            let throughput = match m.throughput {
                Throughput::Bytes(bytes) => format!("{:.1} MB/s", bytes as f64 / m.median_seconds / 1e6),
                Throughput::Elements(n) => format!("{} /s", si(n as f64 / m.median_seconds)),
                Throughput::None => "—".to_owned(),
            };
            let records = RECORDS
                .iter()
                .find(|(id, _)| *id == m.id)
                .map_or("—".to_owned(), |(_, n)| si(*n as f64 / m.median_seconds));
            let _ = writeln!(text, "| {} | {} | {throughput} | {records} |", m.id, duration(m.median_seconds));
        }
        text.push('\n');
        let cdsi = self.ours(CDSI_ASSESS).map(|m| m.median_seconds);
        budgets.push(Budget {
            what: "CDSi evaluation + forecast of a 30-dose child (native)",
            figure: cdsi.map_or("not measured".to_owned(), duration),
            limit: "≤ 1 ms",
            met: cdsi.map(|s| s <= CDSI_ASSESS_BUDGET_SECONDS),
            obstacle: None,
        });
        for (what, id, limit_mib, limit, obstacle) in READER_BUDGETS {
            let speed = self.ours(id).and_then(|m| match m.throughput {
                Throughput::Bytes(bytes) => Some(bytes as f64 / m.median_seconds / MIB),
                _ => None,
            });
            budgets.push(Budget {
                what,
                figure: speed.map_or("not measured".to_owned(), |s| format!("{s:.0} MiB/s")),
                limit,
                met: speed.map(|s| s >= *limit_mib),
                obstacle: Some(obstacle),
            });
        }

        if let Some(peers) = &self.peers {
            text.push_str("## Peers on the same inputs (median of runs; ratio = peer time ÷ ours)\n\n");
            text.push_str("| operation | input | peer | peer time | ours | ratio |\n|---|---|---|---:|---:|---:|\n");
            let mut fastest_hl7_peer: Option<f64> = None;
            for result in peers.get("results").and_then(Value::as_array).into_iter().flatten() {
                let field = |name: &str| result.get(name).and_then(Value::as_str).unwrap_or("?");
                let (operation, input, peer) = (field("operation"), field("input"), field("peer"));
                let ours = COMPARED
                    .iter()
                    .find(|(op, file, _)| *op == operation && *file == input)
                    .and_then(|(_, _, id)| self.ours(id));
                let Some(measured) = result.get("median_seconds").and_then(Value::as_f64) else {
                    let error = result.get("error").and_then(Value::as_str).unwrap_or("no time reported");
                    let _ = writeln!(text, "| {operation} | {input} | {peer} | failed: {} | | |", one_line(error));
                    continue;
                };
                // A slow peer parses only the first part of the input within its time budget
                // (bench/peers): its time for the whole input is then the estimate, never the
                // part's time, which would flatter us less than the truth but still be wrong.
                // The part is counted in HL7 messages, or in FHIR patients.
                let estimate = result
                    .get("partial")
                    .and_then(Value::as_bool)
                    .filter(|partial| *partial)
                    .and_then(|_| result.get("estimated_full_input_seconds").and_then(Value::as_f64));
                let seconds = estimate.unwrap_or(measured);
                let peer_time = match estimate {
                    Some(estimate) => {
                        let number = |name: &str| result.get(name).and_then(Value::as_u64).unwrap_or(0);
                        let unit = if result.get("patients_in_input").is_some() { "patients" } else { "messages" };
                        format!(
                            "{} (estimated: {} of {} {unit} took {})",
                            duration(estimate),
                            number(unit),
                            number(&format!("{unit}_in_input")),
                            duration(measured)
                        )
                    }
                    None => duration(measured),
                };
                if operation == "hl7_parse" && input == "hl7-batch.hl7" {
                    fastest_hl7_peer = Some(fastest_hl7_peer.map_or(seconds, |f| f.min(seconds)));
                }
                let (ours_text, ratio) = match ours {
                    Some(m) => (duration(m.median_seconds), format!("{:.1}×", seconds / m.median_seconds)),
                    None => ("—".to_owned(), "—".to_owned()),
                };
                let _ = writeln!(text, "| {operation} | {input} | {peer} | {peer_time} | {ours_text} | {ratio} |");
            }
            text.push('\n');
            let ours = self.ours("read/batch_10000_patients");
            let ratio = fastest_hl7_peer.zip(ours).map(|(peer, ours)| peer / ours.median_seconds);
            budgets.push(Budget {
                what: "HL7 parse vs the fastest peer (10,000-patient batch)",
                figure: ratio.map_or("not measured".to_owned(), |r| format!("{r:.1}× faster")),
                limit: "≥ 10×",
                met: ratio.map(|r| r >= 10.0),
                obstacle: None,
            });
        }

        if let Some(browser) = &self.browser {
            text.push_str("## The app in headless Chromium (median of runs)\n\n");
            let chromium = browser.get("chromium").and_then(Value::as_str).unwrap_or("Chromium");
            let _ = writeln!(text, "{chromium}.\n");
            text.push_str("| measurement | median | min | max |\n|---|---:|---:|---:|\n");
            let measurements = browser.get("measurements");
            let labels = [
                ("cold_load_ms", "cold load to interactive, first visit"),
                ("cached_load_ms", "cold load to interactive, from the service-worker cache"),
                ("cached_offline_load_ms", "the same with the network cut"),
                ("paste_1000_ms", "paste to rendered, 1,000-dose record"),
                ("review_1000_ms", "review's first screenful rendered, 1,000-dose record"),
                ("review_1000_all_ms", "review with every row rendered, 1,000-dose record"),
                ("pdf_300_first_ms", "PDF of 300 doses, first (loads the PDF module)"),
                ("pdf_300_warm_ms", "PDF of 300 doses, later ones"),
            ];
            for (key, label) in labels {
                let m = measurements.and_then(|m| m.get(key));
                let number = |name: &str| m.and_then(|m| m.get(name)).and_then(Value::as_f64);
                match number("median") {
                    Some(median) => {
                        let _ = writeln!(
                            text,
                            "| {label} | {median:.0} ms | {} | {} |",
                            number("min").map_or("—".to_owned(), |v| format!("{v:.0} ms")),
                            number("max").map_or("—".to_owned(), |v| format!("{v:.0} ms")),
                        );
                    }
                    None => {
                        let _ = writeln!(text, "| {label} | not measured | | |");
                    }
                }
            }
            text.push('\n');
            let median =
                |key: &str| measurements.and_then(|m| m.get(key)).and_then(|m| m.get("median")).and_then(Value::as_f64);
            let ms_budget = |what, key: &str, limit_ms: f64, limit| Budget {
                what,
                figure: median(key).map_or("not measured".to_owned(), |v| {
                    if v < 10.0 { format!("{v:.1} ms") } else { format!("{v:.0} ms") }
                }),
                limit,
                met: median(key).map(|v| v <= limit_ms),
                obstacle: None,
            };
            budgets.push(ms_budget("cold load to interactive from cache", "cached_load_ms", 150.0, "≤ 150 ms"));
            budgets.push(Budget {
                obstacle: Some(PASTE_OBSTACLE),
                ..ms_budget("1,000-dose paste to rendered", "paste_1000_ms", 60.0, "≤ 60 ms")
            });
            budgets.push(Budget {
                obstacle: Some(REVIEW_OBSTACLE),
                ..ms_budget(
                    "review of a 1,000-dose record, first screenful rendered",
                    "review_1000_ms",
                    150.0,
                    "≤ 150 ms",
                )
            });
            budgets.push(ms_budget("300-dose PDF in the browser (warm)", "pdf_300_warm_ms", 300.0, "≤ 300 ms"));
            budgets.push(ms_budget("300-dose PDF in the browser (first)", "pdf_300_first_ms", 300.0, "≤ 300 ms"));
            // The budget is what the answers add to opening the review; the whole copy's
            // work (redaction and layout too) bounds it from above.
            budgets.push(ms_budget(
                "30-dose copy as the review opens, in the browser (redaction, CDSi answers, layout: bounds what the answers add)",
                "copy_30_first_ms",
                2.0,
                "≤ 2 ms",
            ));
            budgets.push(ms_budget(
                "30-dose copy with the school status asked, in the browser (the whole copy)",
                "copy_30_status_ms",
                2.0,
                "≤ 2 ms",
            ));

            let sizes = browser.get("sizes");
            text.push_str("## Size: what the first screen loads, and what loads later (gzip -9)\n\n");
            text.push_str("| when | file | raw | gzip |\n|---|---|---:|---:|\n");
            for (when, key) in [("first screen", "first_screen"), ("later", "later")] {
                for file in sizes.and_then(|s| s.get(key)).and_then(Value::as_array).into_iter().flatten() {
                    let name = file.get("file").and_then(Value::as_str).unwrap_or("?");
                    let number = |k: &str| file.get(k).and_then(Value::as_u64).unwrap_or(0);
                    let _ = writeln!(text, "| {when} | {name} | {} | {} |", number("raw"), number("gzip"));
                }
            }
            let total = |key: &str| sizes.and_then(|s| s.get(key)).and_then(Value::as_f64);
            for (label, key) in [("first screen", "first_screen_gzip_total"), ("later", "later_gzip_total")] {
                if let Some(bytes) = total(key) {
                    let _ = writeln!(text, "| **{label} total** | | | **{bytes:.0}** |");
                }
            }
            text.push('\n');
            let first = total("first_screen_gzip_total");
            budgets.push(Budget {
                what: "first screen, gzipped",
                figure: first.map_or("not measured".to_owned(), |b| format!("{:.1} KiB", b / 1024.0)),
                limit: "≤ 150 KiB",
                met: first.map(|b| b <= FIRST_SCREEN_BUDGET_BYTES),
                obstacle: Some(FIRST_SCREEN_OBSTACLE),
            });
            let pdf_module = sizes
                .and_then(|s| s.get("later"))
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .find(|file| file.get("file").and_then(Value::as_str) == Some(PDF_MODULE))
                .and_then(|file| file.get("gzip").and_then(Value::as_f64));
            let met = pdf_module.map(|b| b <= PDF_MODULE_BUDGET_BYTES);
            budgets.push(Budget {
                what: "PDF maker module, gzipped",
                figure: pdf_module.map_or("not measured".to_owned(), |bytes| format!("{:.0} KB", bytes / 1000.0)),
                limit: "≤ 500 KB",
                met,
                obstacle: Some(PDF_MODULE_OBSTACLE),
            });
        }

        text.push_str("## Budgets\n\n| budget | measured | limit | |\n|---|---:|---:|---|\n");
        for budget in budgets {
            let verdict = match budget.met {
                Some(true) => "met",
                Some(false) => "MISSED",
                None => "not measured",
            };
            let figure = match (budget.met, budget.obstacle) {
                (Some(false), Some(obstacle)) => format!("{} ({obstacle})", budget.figure),
                _ => budget.figure,
            };
            let _ = writeln!(text, "| {} | {figure} | {} | {verdict} |", budget.what, budget.limit);
        }
        text
    }
}

fn one_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    line.chars().take(120).collect::<String>().replace('|', "/")
}

/// A duration in the unit that reads best.
fn duration(seconds: f64) -> String {
    match seconds {
        s if s >= 1.0 => format!("{s:.2} s"),
        s if s >= 1e-3 => format!("{:.2} ms", s * 1e3),
        s => format!("{:.1} µs", s * 1e6),
    }
}

/// A rate with a thousands prefix.
fn si(per_second: f64) -> String {
    match per_second {
        r if r >= 1e6 => format!("{:.2} M", r / 1e6),
        r if r >= 1e3 => format!("{:.1} k", r / 1e3),
        r => format!("{r:.1}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn criterion_files_become_measurements() {
        let description = serde_json::json!({
            "group_id": "read", "function_id": "batch_10000_patients", "full_id": "read/batch_10000_patients",
            "throughput": { "Bytes": 80_000_000 }
        });
        let estimates =
            serde_json::json!({ "median": { "point_estimate": 1.25e9 }, "mean": { "point_estimate": 1.3e9 } });
        assert_eq!(
            measured_from(&description, &estimates),
            Some(Measured {
                id: "read/batch_10000_patients".into(),
                median_seconds: 1.25,
                throughput: Throughput::Bytes(80_000_000)
            })
        );
    }

    #[test]
    fn the_report_gives_ratios_and_checks_the_budgets() {
        let report = Report {
            ours: vec![
                Measured {
                    id: "read/batch_10000_patients".into(),
                    median_seconds: 0.5,
                    throughput: Throughput::Bytes(50_000_000),
                },
                Measured { id: CDSI_ASSESS.into(), median_seconds: 0.000_412, throughput: Throughput::Elements(30) },
            ],
            peers: Some(serde_json::json!({ "results": [
                { "peer": "python-hl7 0.4.5", "operation": "hl7_parse", "input": "hl7-batch.hl7", "median_seconds": 20.0 },
                { "peer": "hl7apy 1.3.5", "operation": "hl7_parse", "input": "hl7-batch.hl7", "error": "boom\nmore" },
                { "peer": "slowpy 1.0", "operation": "hl7_parse", "input": "hl7-batch.hl7", "median_seconds": 10.0,
                  "partial": true, "messages": 100, "messages_in_input": 10000, "estimated_full_input_seconds": 1000.0 },
            ]})),
            browser: Some(serde_json::json!({
                "measurements": { "cached_load_ms": { "median": 120.0, "min": 100.0, "max": 150.0 },
                                  "paste_1000_ms": { "median": 140.0, "min": 130.0, "max": 150.0 } },
                "sizes": { "first_screen": [{ "file": "recdesk_web_bg.wasm", "raw": 900000, "gzip": 240000 }],
                           "first_screen_gzip_total": 250000.0,
                           "later": [{ "file": "recdesk_web_pdf_bg.wasm", "raw": 1962825, "gzip": 1150690 }],
                           "later_gzip_total": 1150690.0 }
            })),
        };
        let text = report.render(Path::new("/tmp/inputs"));
        assert!(text.contains("| read/batch_10000_patients | 500.00 ms | 100.0 MB/s | 20.0 k |"), "{text}");
        assert!(text.contains("| python-hl7 0.4.5 | 20.00 s | 500.00 ms | 40.0× |"), "{text}");
        assert!(text.contains("failed: boom |"), "{text}");
        // A partial run is compared by its estimate for the whole input, and says so.
        assert!(
            text.contains(
                "| slowpy 1.0 | 1000.00 s (estimated: 100 of 10000 messages took 10.00 s) | 500.00 ms | 2000.0× |"
            ),
            "{text}"
        );
        assert!(text.contains("| HL7 parse vs the fastest peer (10,000-patient batch) | 40.0× faster | ≥ 10× | met |"));
        assert!(text.contains("| cold load to interactive from cache | 120 ms | ≤ 150 ms | met |"));
        assert!(text.contains("| 1,000-dose paste to rendered | 140 ms (the reader's own time"), "{text}");
        // 50 MB in 0.5 s is 95 MiB/s: missed, with what stands in the way.
        assert!(text.contains("| HL7 reader, 10,000-patient batch (native) | 95 MiB/s (allocation:"), "{text}");
        assert!(
            text.contains("| FHIR reader, 1,000-patient bundle (native) | not measured | ≥ 150 MiB/s | not measured |")
        );
        assert!(text.contains("| 300-dose PDF in the browser (warm) | not measured | ≤ 300 ms | not measured |"));
        assert!(text.contains("| first screen, gzipped | 244.1 KiB (the first module"), "{text}");
        assert!(text.contains("| PDF maker module, gzipped | 1151 KB (printpdf's serializer"), "{text}");
        assert!(text.contains("| cdsi/assess_child_30_doses | 412.0 µs | 72.8 k /s | — |"), "{text}");
        assert!(text.contains("| CDSi evaluation + forecast of a 30-dose child (native) | 412.0 µs | ≤ 1 ms | met |"));
    }

    #[test]
    fn fhir_peers_are_compared_with_the_bundle() {
        let report = Report {
            ours: vec![
                Measured {
                    id: "fhir/bundle_1000_patients".into(),
                    median_seconds: 0.25,
                    throughput: Throughput::Bytes(12_738_544),
                },
                Measured {
                    id: "read/batch_10000_patients".into(),
                    median_seconds: 0.5,
                    throughput: Throughput::Bytes(50_000_000),
                },
            ],
            peers: Some(serde_json::json!({ "results": [
                { "peer": "python-hl7 0.4.5", "operation": "hl7_parse", "input": "hl7-batch.hl7", "median_seconds": 20.0 },
                { "peer": "JSON.parse (Node v20.20.2)", "operation": "fhir_parse", "input": "fhir-bundle.json",
                  "median_seconds": 0.125, "patients": 1000, "immunizations": 10000 },
                { "peer": "slowfhir 1.0", "operation": "fhir_parse", "input": "fhir-bundle.json", "median_seconds": 8.0,
                  "partial": true, "patients": 250, "patients_in_input": 1000, "estimated_full_input_seconds": 32.0 },
                { "peer": "brokenfhir 1.0", "operation": "fhir_parse", "input": "fhir-bundle.json",
                  "error": "found 0 patients / 0 immunizations grouped by patient, the input has 1000 / 10000" },
            ]})),
            browser: None,
        };
        let text = report.render(Path::new("/tmp/inputs"));
        assert!(
            text.contains(
                "| fhir_parse | fhir-bundle.json | JSON.parse (Node v20.20.2) | 125.00 ms | 250.00 ms | 0.5× |"
            ),
            "{text}"
        );
        // A partial FHIR run is counted in patients, and compared by its estimate.
        assert!(
            text.contains(
                "| slowfhir 1.0 | 32.00 s (estimated: 250 of 1000 patients took 8.00 s) | 250.00 ms | 128.0× |"
            ),
            "{text}"
        );
        assert!(text.contains("| brokenfhir 1.0 | failed: found 0 patients"), "{text}");
        // FHIR peers do not count for the HL7 budget.
        assert!(text.contains("| HL7 parse vs the fastest peer (10,000-patient batch) | 40.0× faster | ≥ 10× | met |"));
    }

    #[test]
    fn the_cdsi_budget_is_reported_without_peers_or_browser() {
        let slow = Report {
            ours: vec![Measured { id: CDSI_ASSESS.into(), median_seconds: 0.0012, throughput: Throughput::None }],
            ..Report::default()
        };
        let text = slow.render(Path::new("/tmp/inputs"));
        assert!(
            text.contains("| CDSi evaluation + forecast of a 30-dose child (native) | 1.20 ms | ≤ 1 ms | MISSED |")
        );
        let text = Report::default().render(Path::new("/tmp/inputs"));
        assert!(
            text.contains(
                "| CDSi evaluation + forecast of a 30-dose child (native) | not measured | ≤ 1 ms | not measured |"
            ),
            "{text}"
        );
    }
}
