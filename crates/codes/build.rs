//! Compiles in only the columns the tables are read for: the CDC files in `data/` stay byte for
//! byte as downloaded, but their notes and last-updated dates (half the CVX file) would otherwise
//! ride in every build, the browser app's first screen among them.

use std::path::Path;

/// Keeps the first `keep` columns of each line but blanks the column `note` (the count stays the
/// same, so the parser reads the same columns). Lines with fewer columns are kept as they are:
/// the parser skips them either way.
fn trimmed(text: &str, keep: usize, note: usize) -> String {
    let mut out = String::with_capacity(text.len() / 2);
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let columns: Vec<&str> = body.split('|').collect();
        if columns.len() < keep {
            out.push_str(body);
        } else {
            let kept: Vec<&str> =
                columns[..keep].iter().enumerate().map(|(i, column)| if i == note { "" } else { column }).collect();
            out.push_str(&kept.join("|"));
        }
        out.push('\n');
    }
    out
}

fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    // CVX: code|short name|full name|note|status|...; MVX: code|name|note|status|...
    for (file, keep, note) in [("cvx.txt", 5, 3), ("mvx.txt", 4, 2)] {
        let source = Path::new("data").join(file);
        println!("cargo::rerun-if-changed={}", source.display());
        let text = std::fs::read_to_string(&source).expect("the CDC table in data/");
        std::fs::write(Path::new(&out_dir).join(file), trimmed(&text, keep, note)).expect("written to OUT_DIR");
    }
}
