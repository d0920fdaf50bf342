//! Every input the readers' tests and the shared corpus hold, for the sweeps that must cover
//! them all (the hand-over between the app's modules, the CDSi engine over every record).

use std::path::{Path, PathBuf};

pub fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every fixture of every reader and every file of the shared corpus, sorted.
pub fn every_input() -> Vec<PathBuf> {
    let mut inputs = Vec::new();
    for reader in ["hl7", "fhir", "shc", "shl", "intake"] {
        files_in(&workspace().join("crates").join(reader).join("tests/fixtures"), &mut inputs);
    }
    files_in(&workspace().join("../shared/corpus"), &mut inputs);
    inputs.sort();
    inputs
}

/// The files under `folder`, expected outputs, notes and key sets aside.
pub fn files_in(folder: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_owned();
        if path.is_dir() {
            files_in(&path, out);
        } else if !name.ends_with(".expected.json") && !name.ends_with(".md") && !name.ends_with(".jwks") {
            out.push(path);
        }
    }
}
