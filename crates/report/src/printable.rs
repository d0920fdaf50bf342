//! Which characters the printed report can show (see `printable_ranges.rs`).

use crate::Report;

include!("printable_ranges.rs");

/// What the PDF prints for a character outside [`PRINTABLE_RANGES`]: a white square, so the gap
/// is seen and the name can be checked against the source.
pub const PLACEHOLDER: char = '\u{25A1}';

/// Whether the PDF can print `c` as itself. Line breaks (a translation's too) and tabs count, as
/// layout handles them.
pub fn is_printable(c: char) -> bool {
    let c = u32::from(c);
    c == u32::from('\n')
        || c == u32::from('\t')
        || c == u32::from(crate::TRANSLATION_BREAK)
        || c == u32::from(crate::INLINE_TRANSLATION)
        || PRINTABLE_RANGES
            .binary_search_by(|&(low, high)| {
                if high < c {
                    std::cmp::Ordering::Less
                } else if low > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
}

/// The characters of a report its PDF cannot print, each once, in the order they first appear:
/// the review screen names them before staff print.
pub fn unprintable(report: &Report) -> Vec<char> {
    let mut found = Vec::new();
    for text in report.texts() {
        for c in text.chars().filter(|&c| !is_printable(c)) {
            if !found.contains(&c) {
                found.push(c);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_greek_and_cyrillic_names_print_and_others_do_not() {
        for name in [
            "Nguyễn Thị Ánh",
            "Xyooj Paj Ntaub",
            "Maxamed Cabdullaahi",
            "Müller-Lüdenscheidt",
            "Παπαδόπουλος",
            "Иванова",
            "Łukasz Żółć",
            "ʻOhana",
        ] {
            assert!(name.chars().all(is_printable), "{name}");
        }
        for c in ['李', 'ß', '—', '§', '·', '×', PLACEHOLDER] {
            assert_eq!(is_printable(c), c != '李', "{c}");
        }
        assert!(!is_printable('\u{0628}'), "Arabic is not in the report's font");
    }

    #[test]
    fn the_ranges_are_sorted_and_apart() {
        for pair in PRINTABLE_RANGES.windows(2) {
            assert!(pair[0].0 <= pair[0].1 && pair[0].1 + 1 < pair[1].0, "{pair:?}");
        }
    }
}
