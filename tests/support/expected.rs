//! Expected-output files for golden tests: compare, or rewrite them when `UPDATE_EXPECT` is set.
//! Included with `#[path]` by the fixture tests of crates/intake and crates/fhir and by
//! crates/pdf's golden test, so the three keep one rule for refreshing.
// Each includer uses a part (the PDF test compares the text itself, the fixture tests only the verdict).
#![allow(dead_code)]

use std::path::Path;

/// What comparing `actual` with an expected-output file found.
pub enum Expected {
    /// `UPDATE_EXPECT` is set: the file now holds `actual`.
    Updated,
    Matches,
    /// The file's text, which is not `actual`.
    Differs(String),
    Missing,
}

impl Expected {
    pub fn check(path: &Path, actual: &str) -> Expected {
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            if let Some(folder) = path.parent() {
                std::fs::create_dir_all(folder).expect("the expectation's folder");
            }
            std::fs::write(path, actual).expect("write the expectation");
            return Expected::Updated;
        }
        match std::fs::read_to_string(path) {
            Ok(expected) if expected == actual => Expected::Matches,
            Ok(expected) => Expected::Differs(expected),
            Err(_) => Expected::Missing,
        }
    }

    /// Why the fixture `name` fails, when it does, saying how to refresh the file.
    pub fn problem(&self, name: &str, path: &Path) -> Option<String> {
        match self {
            Expected::Updated | Expected::Matches => None,
            Expected::Differs(_) => Some(format!(
                "{name}: output differs from {} (UPDATE_EXPECT=1 to refresh, then review)",
                path.display()
            )),
            Expected::Missing => {
                Some(format!("{name}: no {} (UPDATE_EXPECT=1 to create it, then review)", path.display()))
            }
        }
    }
}
