//! Builds the static site: the release wasm (size-optimised), its JavaScript glue, and the
//! shell in `www/`. Steps whose inputs have not changed are skipped, so a second
//! `cargo xtask serve` starts in seconds.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use flate2::Compression;
use flate2::write::GzEncoder;

use crate::Result;
use crate::server::{CONTENT_SECURITY_POLICY, SECURITY_HEADERS};
use crate::tools::{self, WASM_TARGET};

/// The app's WebAssembly modules: the first screen (the shell and the intake screen); the readers
/// and the desk (verification, review, report), which the loader fetches once the first screen
/// is up; QR reading, imported only when a picture is opened; the PDF maker, on the first PDF
/// made; and the PDF reader (with its own QR reading), only when a PDF is opened.
const MODULES: [WasmModule; 6] = [
    WasmModule { package: "recdesk-web", name: "recdesk_web", unused_exports: None },
    WasmModule { package: "recdesk-web-reader", name: "recdesk_web_reader", unused_exports: None },
    WasmModule { package: "recdesk-web-desk", name: "recdesk_web_desk", unused_exports: None },
    WasmModule { package: "recdesk-web-qr", name: "recdesk_web_qr", unused_exports: None },
    // printpdf's own JavaScript API (see wasm_exports.rs).
    WasmModule { package: "recdesk-web-pdf", name: "recdesk_web_pdf", unused_exports: Some("Pdf_") },
    WasmModule { package: "recdesk-web-pdf-reader", name: "recdesk_web_pdf_reader", unused_exports: None },
];
const PROFILE: &str = "wasm-release";

/// The browser-only library the modules share (web/glue/): linted and tested with them.
const SHARED_BROWSER_CRATES: [&str; 1] = ["recdesk-web-glue"];

/// `--package NAME` for each wasm module's crate and the glue they share: the crates the wasm32
/// lints and browser tests cover.
pub fn wasm_package_args() -> Vec<&'static str> {
    MODULES
        .iter()
        .map(|module| module.package)
        .chain(SHARED_BROWSER_CRATES)
        .flat_map(|package| ["--package", package])
        .collect()
}
/// The folder of translation catalogues; must match `fetch_catalogue` in web/reader/src/lib.rs.
const TRANSLATIONS: &str = "translations";
/// Must match `ISSUER_DIRECTORY_URL` in web/app/src/directory.rs.
const ISSUER_DIRECTORY: &str = "vci-issuers.json";

struct WasmModule {
    package: &'static str,
    /// The module's file stem: `NAME.js` and `NAME_bg.wasm` in the site.
    name: &'static str,
    /// Exports from dependencies that nothing calls, by name prefix: removed before wasm-opt so
    /// the code only they reach is dropped.
    unused_exports: Option<&'static str>,
}

/// The service worker's template in `www/`; the built copy lists the files it precaches.
const SERVICE_WORKER: &str = "sw.js";
/// Placeholders in the template, replaced at build time (see [`service_worker`]).
const VERSION_PLACEHOLDER: &str = "'RECDESK_BUILD_VERSION'";
const PRECACHE_PLACEHOLDER: &str = "['RECDESK_PRECACHE_LIST']";
/// Files in the site that are not part of the app: the worker itself, the header list, and the
/// clinic's settings file (which the worker serves network-first and keeps apart: the clinic edits
/// it after deploying, and a new build must not bring back the old one).
const NOT_PRECACHED: [&str; 3] = [SERVICE_WORKER, "_headers", "settings.json"];

/// Builds the site into `TARGET/site` (TARGET: cargo's target directory, which follows
/// `CARGO_TARGET_DIR`) and returns that folder.
pub fn build(root: &Path) -> Result<PathBuf> {
    tools::ensure_wasm_target()?;
    let bindgen = tools::ensure_wasm_bindgen(&tools::locked_wasm_bindgen_version(root)?)?;
    tools::ensure_node_packages(root)?;

    let target = crate::target_dir(root);
    let mut command = Command::new("cargo");
    command.current_dir(root).args(["build", "--target", WASM_TARGET, "--profile", PROFILE]);
    // The modules hand readings to each other as recdesk_record::transfer bytes, tagged with
    // this, so modules of two builds with different models refuse each other's bytes.
    command.env("RECDESK_SCHEMA", model_schema(root)?);
    for module in &MODULES {
        command.args(["--package", module.package]);
    }
    tools::run(&mut command)?;

    let generated = target.join("xtask").join("wasm");
    for module in &MODULES {
        generate_module(root, &target, module, &bindgen, &generated)?;
    }

    let site = target.join("site");
    let _ = fs::remove_dir_all(&site);
    fs::create_dir_all(&site).map_err(|e| format!("could not create {}: {e}", site.display()))?;
    copy_files(&root.join("www"), &site)?;
    for module in &MODULES {
        for name in [format!("{}.js", module.name), format!("{}_bg.wasm", module.name)] {
            copy(&generated.join(module.name).join(&name), &site.join(&name))?;
        }
    }
    // The SMART Health Card issuer directory is fetched by the app after the first screen,
    // so its 80 KB of keys do not slow the first load.
    copy(&root.join("crates/shc/data/vci_issuers.json"), &site.join(ISSUER_DIRECTORY))?;
    // The report's translations, fetched when staff choose a language for the patient's copy.
    fs::create_dir_all(site.join(TRANSLATIONS))
        .map_err(|e| format!("could not create the translations folder: {e}"))?;
    copy_files(&root.join("crates/report/translations"), &site.join(TRANSLATIONS))?;
    write(&site.join("_headers"), headers_file().as_bytes())?;
    let worker = site.join(SERVICE_WORKER);
    let template = fs::read_to_string(&worker).map_err(|e| format!("could not read {}: {e}", worker.display()))?;
    write(&worker, service_worker(&template, &site)?.as_bytes())?;
    Ok(site)
}

/// The built service worker: the template with the list of files to precache (every file of
/// the site but the worker and `_headers`) and a version, a hash of those files and the
/// template, so each build gets its own cache and a changed file is noticed by browsers.
fn service_worker(template: &str, site: &Path) -> Result<String> {
    let mut files = Vec::new();
    collect_files(site, site, &mut files)?;
    files.retain(|file| !NOT_PRECACHED.contains(&file.as_str()));
    files.sort();
    let mut hash = Fnv1a::default();
    hash.write(template.as_bytes());
    for file in &files {
        if !file.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-/".contains(&b)) {
            return Err(format!("the site file {file:?} needs a plainer name to be listed in the service worker"));
        }
        let bytes = fs::read(site.join(file)).map_err(|e| e.to_string())?;
        hash.write(file.as_bytes());
        hash.write(&(bytes.len() as u64).to_le_bytes());
        hash.write(&bytes);
    }
    let list = files.iter().map(|file| format!("'{file}'")).collect::<Vec<_>>().join(", ");
    fill(
        &fill(template, VERSION_PLACEHOLDER, &format!("'{:016x}'", hash.0))?,
        PRECACHE_PLACEHOLDER,
        &format!("[{list}]"),
    )
}

/// Replaces the one occurrence of `placeholder` in a template.
fn fill(template: &str, placeholder: &str, value: &str) -> Result<String> {
    match template.matches(placeholder).count() {
        1 => Ok(template.replacen(placeholder, value, 1)),
        n => Err(format!("www/{SERVICE_WORKER} must contain {placeholder} once (found {n} times)")),
    }
}

/// The sources whose types cross between the modules (see `RECDESK_SCHEMA` in
/// crates/record/src/transfer.rs).
const MODEL_SOURCES: [&str; 3] = ["crates/record/src", "crates/codes/src", "crates/intake/src"];

/// A hash of the model's sources: changes whenever a type that crosses between modules may have.
fn model_schema(root: &Path) -> Result<String> {
    let mut hash = Fnv1a::default();
    for folder in MODEL_SOURCES {
        let mut files = Vec::new();
        collect_files(&root.join(folder), &root.join(folder), &mut files)?;
        files.sort();
        for file in files {
            let bytes = fs::read(root.join(folder).join(&file)).map_err(|e| format!("could not read {file}: {e}"))?;
            hash.write(file.as_bytes());
            hash.write(&bytes);
        }
    }
    Ok(format!("{:016x}", hash.0))
}

/// 64-bit FNV-1a: a stable content hash for the cache version (not for security).
struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv1a {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Runs wasm-bindgen and wasm-opt for one module into `generated/NAME/`, unless the compiled
/// module is unchanged since the last time (the two take about 10 s).
fn generate_module(root: &Path, target: &Path, module: &WasmModule, bindgen: &Path, generated: &Path) -> Result {
    let compiled = target.join(WASM_TARGET).join(PROFILE).join(format!("{}.wasm", module.name));
    let out = generated.join(module.name);
    let stamp_path = out.join("built-from.txt");
    let stamp = build_stamp(&compiled, bindgen)?;
    if fs::read_to_string(&stamp_path).ok().as_deref() == Some(stamp.as_str()) {
        eprintln!("xtask: {} unchanged since the last build; reusing it", module.name);
        return Ok(());
    }
    let _ = fs::remove_dir_all(&out);
    tools::run(
        Command::new(bindgen)
            .arg("--target")
            .arg("web")
            .arg("--no-typescript")
            .arg("--out-dir")
            .arg(&out)
            .arg(&compiled),
    )?;
    let glue_wasm = out.join(format!("{}_bg.wasm", module.name));
    if let Some(prefix) = module.unused_exports {
        let bytes = fs::read(&glue_wasm).map_err(|e| format!("could not read {}: {e}", glue_wasm.display()))?;
        let trimmed = crate::wasm_exports::without_exports(&bytes, |name| name.starts_with(prefix))
            .map_err(|e| format!("{}: {e}", glue_wasm.display()))?;
        write(&glue_wasm, &trimmed)?;
    }
    tools::run(
        Command::new(tools::wasm_opt(root))
            .args([
                "-Oz",
                "--strip-debug",
                "--strip-producers",
                "--enable-bulk-memory",
                "--enable-reference-types",
                "--enable-nontrapping-float-to-int",
                "--enable-sign-ext",
                "--enable-mutable-globals",
                "--enable-multivalue",
            ])
            .arg(&glue_wasm)
            .arg("-o")
            .arg(&glue_wasm),
    )?;
    write(&stamp_path, stamp.as_bytes())
}

/// Identifies a build by the compiled module (size + modification time) and the tools used.
fn build_stamp(compiled: &Path, bindgen: &Path) -> Result<String> {
    let meta = fs::metadata(compiled).map_err(|e| format!("the build produced no {}: {e}", compiled.display()))?;
    let modified =
        meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map(|d| d.as_nanos());
    Ok(format!("{} {} {:?} {}\n", compiled.display(), meta.len(), modified, bindgen.display()))
}

/// The headers a production web server should send, in the `_headers` format several
/// static hosts read, with a comment for everyone else.
fn headers_file() -> String {
    let mut text = String::from(
        "# Record Desk: send these HTTP headers with every file of this site.\n\
         # (Netlify and Cloudflare Pages read this file as is; for nginx or Apache, add them to the site's configuration.)\n/*\n",
    );
    text.push_str(&format!("  Content-Security-Policy: {CONTENT_SECURITY_POLICY}\n"));
    for (name, value) in SECURITY_HEADERS {
        text.push_str(&format!("  {name}: {value}\n"));
    }
    text
}

pub fn copy_site(site: &Path, out: &Path) -> Result {
    let _ = fs::remove_dir_all(out);
    fs::create_dir_all(out).map_err(|e| format!("could not create {}: {e}", out.display()))?;
    copy_files(site, out)
}

fn copy_files(from: &Path, to: &Path) -> Result {
    for entry in fs::read_dir(from).map_err(|e| format!("could not read {}: {e}", from.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let destination = to.join(entry.file_name());
        if entry.path().is_dir() {
            fs::create_dir_all(&destination).map_err(|e| e.to_string())?;
            copy_files(&entry.path(), &destination)?;
        } else {
            copy(&entry.path(), &destination)?;
        }
    }
    Ok(())
}

fn copy(from: &Path, to: &Path) -> Result {
    fs::copy(from, to).map(|_| ()).map_err(|e| format!("could not copy {} to {}: {e}", from.display(), to.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    fs::write(path, bytes).map_err(|e| format!("could not write {}: {e}", path.display()))
}

pub fn gzipped_len(bytes: &[u8]) -> usize {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes).expect("writing to memory cannot fail");
    encoder.finish().expect("writing to memory cannot fail").len()
}

/// One line per file with its raw and gzipped size, and a total.
pub fn size_report(site: &Path) -> Result<String> {
    let mut files = Vec::new();
    collect_files(site, site, &mut files)?;
    files.sort();
    let mut report = format!("{:<28} {:>12} {:>12}\n", "file", "raw bytes", "gzip bytes");
    let (mut raw_total, mut gzip_total) = (0, 0);
    for relative in files {
        let bytes = fs::read(site.join(&relative)).map_err(|e| e.to_string())?;
        let gzip = gzipped_len(&bytes);
        raw_total += bytes.len();
        gzip_total += gzip;
        report.push_str(&format!("{:<28} {:>12} {:>12}\n", relative, bytes.len(), gzip));
    }
    report.push_str(&format!("{:<28} {:>12} {:>12}\n", "total", raw_total, gzip_total));
    Ok(report)
}

fn collect_files(base: &Path, dir: &Path, files: &mut Vec<String>) -> Result {
    for entry in fs::read_dir(dir).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            collect_files(base, &path, files)?;
        } else if let Ok(relative) = path.strip_prefix(base) {
            files.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shell_repeats_the_served_policy_except_what_only_a_header_can_say() {
        let index = fs::read_to_string(crate::workspace_root().join("www/index.html")).expect("www/index.html");
        let meta_policy = index
            .split("http-equiv=\"Content-Security-Policy\" content=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("a CSP meta tag in index.html");
        let header_without_frame_ancestors: Vec<&str> =
            CONTENT_SECURITY_POLICY.split("; ").filter(|d| !d.starts_with("frame-ancestors")).collect();
        assert_eq!(meta_policy, header_without_frame_ancestors.join("; "));
    }

    #[test]
    fn the_shell_has_no_inline_script_or_style() {
        let index = fs::read_to_string(crate::workspace_root().join("www/index.html")).expect("www/index.html");
        for script in index.split("<script").skip(1) {
            assert!(
                script.split('>').next().is_some_and(|attrs| attrs.contains("src=")),
                "inline <script> in index.html"
            );
        }
        assert!(!index.contains("<style") && !index.contains("style=\""), "inline style in index.html");
    }

    #[test]
    fn the_service_worker_precaches_every_app_file_and_nothing_else() {
        let site = std::env::temp_dir().join(format!("recdesk-sw-test-{}", std::process::id()));
        let _ = fs::remove_dir_all(&site);
        fs::create_dir_all(&site).expect("temp dir");
        for file in ["index.html", "app_bg.wasm", "sw.js", "_headers", "settings.json"] {
            fs::write(site.join(file), file).expect("write");
        }
        let template = fs::read_to_string(crate::workspace_root().join("www/sw.js")).expect("www/sw.js");
        let built = service_worker(&template, &site).expect("a worker");
        assert!(built.contains("['app_bg.wasm', 'index.html']"), "{built}");
        assert!(!built.contains("RECDESK_"), "a placeholder left in {built}");
        let version = |text: &str| text.split("const VERSION = '").nth(1).map(|rest| rest[..16].to_owned());
        let first = version(&built).expect("a version");
        assert!(first.bytes().all(|b| b.is_ascii_hexdigit()), "{first}");
        assert_eq!(service_worker(&template, &site).expect("a worker"), built, "the same files give the same worker");
        fs::write(site.join("app_bg.wasm"), "changed").expect("write");
        let changed = service_worker(&template, &site).expect("a worker");
        fs::remove_dir_all(&site).expect("cleanup");
        assert_ne!(version(&changed), Some(first), "a changed file changes the version");
        assert!(fill("no placeholders", VERSION_PLACEHOLDER, "x").is_err());
    }

    #[test]
    fn headers_file_lists_every_security_header() {
        let text = headers_file();
        assert!(text.contains(CONTENT_SECURITY_POLICY));
        for (name, value) in SECURITY_HEADERS {
            assert!(text.contains(&format!("{name}: {value}")));
        }
    }

    #[test]
    fn the_print_view_numbers_its_pages_inside_its_margins() {
        // A browser's print of the report says "Page x of y" at the foot of every page (a
        // page-margin box, which Chromium draws), and keeps the margins.
        let style = fs::read_to_string(crate::workspace_root().join("www/style.css")).expect("www/style.css");
        let squeezed: String = style.split_whitespace().collect::<Vec<_>>().join(" ");
        let page = squeezed.split("@page {").nth(1).expect("an @page rule");
        assert!(page.trim_start().starts_with("margin: 16mm 14mm;"), "the print margins: {page}");
        let bottom = page.split("@bottom-right {").nth(1).expect("a bottom-right page-margin box");
        let content = bottom.split("content:").nth(1).and_then(|c| c.split(';').next()).expect("its content");
        assert_eq!(content.trim(), r#""Page " counter(page) " of " counter(pages)"#);
        let before = &squeezed[..squeezed.find("@page {").unwrap_or(0)];
        assert_eq!(before.matches('{').count(), before.matches('}').count(), "the @page rule is at the top level");
    }

    #[test]
    fn size_report_counts_raw_and_gzipped_bytes() {
        let dir = std::env::temp_dir().join(format!("recdesk-size-report-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("sub")).expect("temp dir");
        fs::write(dir.join("a.txt"), "a".repeat(1000)).expect("write");
        fs::write(dir.join("sub/b.txt"), "b").expect("write");
        let report = size_report(&dir).expect("a report");
        fs::remove_dir_all(&dir).expect("cleanup");
        assert!(report.contains("a.txt"), "{report}");
        assert!(report.contains("sub/b.txt"), "{report}");
        let total = report.lines().last().expect("a total line");
        assert!(total.starts_with("total") && total.contains("1001"), "{report}");
    }
}
