//! Names and street lines reduced to comparable words: case, accents, hyphens, apostrophes and
//! punctuation ignored, so "José Smith-Jones" and "jose smith jones" compare equal.

/// Latin letters with diacritics (lowercase) and the plain letters they fold to. Covers Western
/// and Central European letters and Vietnamese (Latin Extended Additional), which the desk sees.
const FOLDS: &[(&str, &str)] = &[
    ("àáâãäåāăąǎǟǡǻȁȃȧạảấầẩẫậắằẳẵặ", "a"),
    ("çćĉċč", "c"),
    ("ďđð", "d"),
    ("èéêëēĕėęěȅȇȩẹẻẽếềểễệ", "e"),
    ("ĝğġģǧǵ", "g"),
    ("ĥħ", "h"),
    ("ìíîïĩīĭįıǐȉȋỉị", "i"),
    ("ĵǰ", "j"),
    ("ķǩ", "k"),
    ("ĺļľŀł", "l"),
    ("ñńņňŉǹ", "n"),
    ("òóôõöøōŏőơǒǫǭǿȍȏȫȭȯȱọỏốồổỗộớờởỡợ", "o"),
    ("ŕŗřȑȓ", "r"),
    ("śŝşšș", "s"),
    ("ţťŧț", "t"),
    ("ùúûüũūŭůűųưǔǖǘǚǜȕȗụủứừửữự", "u"),
    ("ŵẁẃẅ", "w"),
    ("ýÿŷỳỵỷỹ", "y"),
    ("źżž", "z"),
    ("ß", "ss"),
    ("æ", "ae"),
    ("œ", "oe"),
    ("þ", "th"),
];

/// Words of `text`, lowercased with accents removed. Hyphens, commas, slashes and spaces separate
/// words; apostrophes and periods join (O'Brien = OBrien, N.E. = NE); `#` becomes the word "apt".
pub(crate) fn words(text: &str) -> Vec<String> {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            // Combining marks (text typed in decomposed form): drop them, keep the letter.
            '\u{0300}'..='\u{036f}' => {}
            '\'' | '’' | '‘' | '`' | 'ʼ' | '.' => {}
            '#' => folded.push_str(" apt "),
            c if c.is_alphanumeric() => match FOLDS.iter().find(|(from, _)| from.contains(c)) {
                Some((_, to)) => folded.push_str(to),
                None => folded.push(c),
            },
            _ => folded.push(' '),
        }
    }
    folded.split_whitespace().map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_case_and_punctuation_fold_away() {
        assert_eq!(words("José"), ["jose"]);
        assert_eq!(words("NGUYỄN"), ["nguyen"]);
        assert_eq!(words("Nguyễn"), ["nguyen"]);
        // Decomposed: e + combining circumflex + combining tilde.
        assert_eq!(words("Nguye\u{0302}\u{0303}n"), ["nguyen"]);
        assert_eq!(words("Smith-Jones"), ["smith", "jones"]);
        assert_eq!(words("O'Brien, Mary-Kate"), ["obrien", "mary", "kate"]);
        assert_eq!(words("Müller Straße"), ["muller", "strasse"]);
        assert_eq!(words("12 Main St. N.E. #4"), ["12", "main", "st", "ne", "apt", "4"]);
    }
}
