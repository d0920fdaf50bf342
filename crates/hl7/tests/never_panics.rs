//! Property tests for the reader's architecture invariant: `recdesk_hl7::read` never panics,
//! whatever text it is given, and every value it returns points at a real place in that text.
//!
//! * arbitrary text, HL7-looking token soup and structured-but-random messages;
//! * the corpus messages (tests/corpus/izgw) mutated: byte ranges deleted or duplicated,
//!   delimiters and odd text inserted, segments swapped, truncation, new encoding characters
//!   (MSH-2) and a new field separator (MSH-1);
//! * cutting a message short at a segment boundary never yields more doses than the whole.
//!
//! The runs are seeded (fixed seed per test) so CI sees the same cases every time and nothing is
//! written to disk (`failure_persistence: None`). To explore other cases locally, set
//! `PROPTEST_RNG_SEED=<n>` (and `PROPTEST_CASES=<n>` for more of them).

#[path = "../../../tests/support/proptest_config.rs"]
mod proptest_config;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use proptest::prelude::*;
use recdesk_hl7::syntax::{self, Delimiters};
use recdesk_record::{Hl7Location, Located, Location, ReadOutcome};

// ── Configuration ────────────────────────────────────────────────────────────────────────

const CASES: u32 = 256;
const SEED: u64 = 0x5EED_2024_0101_0001;

fn config() -> ProptestConfig {
    proptest_config::deterministic(CASES, SEED)
}

// ── The corpus ───────────────────────────────────────────────────────────────────────────

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/izgw")
}

fn files_in(dir: &Path, extension: &str) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == extension))
        .map(|path| {
            let name = path.file_name().expect("a file name").to_string_lossy().into_owned();
            (name, std::fs::read(&path).expect("a corpus file"))
        })
        .collect();
    files.sort();
    files
}

/// The 64 complete messages (`*.hl7`).
fn messages() -> &'static [(String, Vec<u8>)] {
    static MESSAGES: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    MESSAGES.get_or_init(|| {
        let files = files_in(&corpus_dir(), "hl7");
        assert_eq!(files.len(), 64, "the corpus has 64 message files");
        files
    })
}

/// The messages and the segment fragments (`segments/*.txt`, mostly headerless).
fn seeds() -> &'static [(String, Vec<u8>)] {
    static SEEDS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut all = messages().to_vec();
        all.extend(files_in(&corpus_dir().join("segments"), "txt"));
        all
    })
}

// ── The invariants ───────────────────────────────────────────────────────────────────────

/// Every location in an outcome, labelled with what it locates.
#[derive(Default)]
struct Locations<'o> {
    all: Vec<(&'static str, &'o Location)>,
    /// Values that are the unescaped, trimmed text of exactly their span.
    verbatim: Vec<(&'static str, &'o Located<String>)>,
}

impl<'o> Locations<'o> {
    fn of(outcome: &'o ReadOutcome) -> Self {
        let mut at = Self::default();
        for record in &outcome.records {
            at.all.extend(record.locations());
            // The values this reader copies verbatim from one place in the input.
            let dose_texts = record.immunizations.iter().flat_map(|dose| {
                [("cvx", &dose.cvx), ("ndc", &dose.ndc), ("sent name", &dose.sent_name)]
                    .into_iter()
                    .filter_map(|(what, value)| value.as_ref().map(|v| (what, v)))
                    .chain(dose.lot_numbers.iter().map(|v| ("lot number", v)))
                    .chain(dose.notes.iter().map(|v| ("dose note", v)))
            });
            at.verbatim.extend(dose_texts);
            at.verbatim.extend(record.notes.iter().map(|v| ("record note", v)));
            at.verbatim.extend(record.patient.birth_place.iter().map(|v| ("birth place", v)));
        }
        at.all.extend(outcome.diagnostics.iter().filter_map(|d| d.location.as_ref()).map(|l| ("diagnostic", l)));
        at
    }
}

fn hl7(what: &str, at: &Location) -> Result<Hl7Location, TestCaseError> {
    match at {
        Location::Hl7(at) => Ok(*at),
        Location::Json { .. } => Err(TestCaseError::fail(format!("{what}: an HL7 reader returned a JSON location"))),
    }
}

/// Reads `input` and checks what came back against the input:
/// * every location's span lies within the input, on character boundaries, inside one line;
/// * every location names a message that exists and a segment position from 1;
/// * values taken verbatim (CVX, NDC, sent name, lot numbers, notes, birth place) are the
///   unescaped, trimmed text of their span under their message's delimiters;
/// * each record belongs to a message that exists, and the messages' record counts add up.
fn read_and_check(input: &str) -> Result<ReadOutcome, TestCaseError> {
    let outcome = recdesk_hl7::read(input);
    let message_count = outcome.messages.len() as u32;
    let at = Locations::of(&outcome);
    for (what, location) in &at.all {
        let hl7 = hl7(what, location)?;
        let span = hl7.span;
        prop_assert!(
            span.start <= span.end && span.end <= input.len(),
            "{what} at {location}: span {span:?} is outside the input ({} bytes)",
            input.len()
        );
        prop_assert!(
            input.is_char_boundary(span.start) && input.is_char_boundary(span.end),
            "{what} at {location}: span {span:?} splits a character"
        );
        prop_assert!(
            !input[span.start..span.end].contains(['\r', '\n']),
            "{what} at {location}: span {span:?} crosses a line break"
        );
        prop_assert!(
            (1..=message_count).contains(&hl7.message) && hl7.segment_index >= 1,
            "{what} at {location}: no such message or segment ({message_count} messages)"
        );
    }
    if !at.verbatim.is_empty() {
        let delimiters: Vec<Delimiters> = syntax::split(input).messages.iter().map(|m| m.delimiters).collect();
        prop_assert_eq!(delimiters.len(), outcome.messages.len(), "split and read disagree on the messages");
        for (what, value) in &at.verbatim {
            let hl7 = hl7(what, &value.at)?;
            let d = &delimiters[hl7.message as usize - 1];
            let source = &input[hl7.span.start..hl7.span.end];
            let expected = syntax::unescape(source, d);
            prop_assert_eq!(
                value.value.as_str(),
                expected.trim(),
                "{} at {}: the value is not the text at its span {:?}",
                what,
                value.at,
                source
            );
        }
    }
    for record in &outcome.records {
        prop_assert!((1..=message_count).contains(&record.message), "record of message {}", record.message);
    }
    let counted: u32 = outcome.messages.iter().map(|m| m.records).sum();
    prop_assert_eq!(counted as usize, outcome.records.len(), "message summaries miscount the records");
    Ok(outcome)
}

fn doses(outcome: &ReadOutcome) -> usize {
    outcome.records.iter().map(|r| r.immunizations.len()).sum()
}

// ── Strategies: text ─────────────────────────────────────────────────────────────────────

/// Pieces of HL7-looking text: segment ids, delimiters, line ends, codes, dates and escape
/// sequences (valid, malformed and unterminated), and some awkward Unicode.
const TOKENS: &[&str] = &[
    "MSH",
    "PID",
    "PD1",
    "NK1",
    "ORC",
    "RXA",
    "RXR",
    "OBX",
    "NTE",
    "ERR",
    "MSA",
    "QAK",
    "QPD",
    "PV1",
    "IN1",
    "IN2",
    "IN3",
    "GT1",
    "FHS",
    "BHS",
    "BTS",
    "FTS",
    "ZXY",
    "Z",
    "|",
    "^",
    "~",
    "\\",
    "&",
    "#",
    "!",
    "$",
    "*",
    "@",
    "\r",
    "\n",
    "\r\n",
    "\n\r",
    " ",
    "\t",
    "0",
    "1",
    "2",
    "9",
    "00",
    "01",
    "08",
    "20",
    "110",
    "998",
    "999",
    "2011",
    "201104",
    "20110415",
    "20240230",
    "20091051132511",
    "2024-06-18",
    "-0500",
    "CVX",
    "NDC",
    "MVX",
    "HL70163",
    "CP",
    "RE",
    "NA",
    "PA",
    "D",
    "Y",
    "N",
    "W",
    "I",
    "E",
    "MTH",
    "SS",
    "MR",
    "L",
    "LN",
    "CE",
    "DT",
    "V02",
    "64994-7",
    "30963-3",
    "69764-9",
    "29768-9",
    "29769-7",
    "30956-7",
    "59779-9",
    "30973-2",
    "59781-5",
    "59783-1",
    "30980-7",
    "30981-5",
    "59784-9",
    "30945-0",
    "31044-1",
    "75505-8",
    "\\F\\",
    "\\S\\",
    "\\T\\",
    "\\R\\",
    "\\E\\",
    "\\.br\\",
    "\\H\\",
    "\\N\\",
    "\\X41\\",
    "\\Xzz\\",
    "\\XC3BC\\",
    "\\XFC\\",
    "\\XC3\\",
    "\\X\\",
    "\\X4\\",
    "\\X",
    "\\XF",
    "\\C2842\\",
    "\\M2442\\",
    "\\Q\\",
    "\\",
    "\\\\",
    "MSH|^~\\&|",
    "MSH#*@!$#",
    "MSH|",
    "MSH||",
    "MSH|^~|",
    "ü",
    "é",
    "ß",
    "Müller",
    "日本語",
    "🩺",
    "\u{FEFF}",
    "\u{2028}",
    "\u{85}",
    "\u{a0}",
    "\u{200B}",
    "\u{0}",
    "\u{FFFD}",
];

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(TOKENS).prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
        1 => "[0-9A-Za-z]{1,8}",
    ]
}

fn token_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(token(), 0..300).prop_map(|tokens| tokens.concat())
}

/// Characters a sender might declare as delimiters (any ASCII punctuation qualifies).
fn punctuation() -> impl Strategy<Value = char> {
    prop::sample::select((b'!'..=b'~').map(char::from).filter(char::is_ascii_punctuation).collect::<Vec<_>>())
}

const SEGMENT_IDS: &[&str] = &[
    "PID", "PD1", "NK1", "ORC", "RXA", "RXR", "OBX", "NTE", "ERR", "MSA", "QAK", "QPD", "PV1", "IN1", "GT1", "ZXY",
    "MSH", "EVN", "ABC", "P1D",
];

/// A message shaped like HL7 (a header, then segments of fields made of tokens) but with
/// random delimiters, random segment order and random line ends.
fn structured_message() -> impl Strategy<Value = String> {
    let field = prop::collection::vec(token(), 0..4).prop_map(|t| t.concat());
    let segment = (prop::sample::select(SEGMENT_IDS), prop::collection::vec(field, 0..25));
    let line_end = prop::sample::select(&["\r", "\n", "\r\n", "\r\r", ""][..]);
    (
        punctuation(),
        prop::collection::vec(punctuation(), 0..6),
        prop::collection::vec((segment, line_end), 0..40),
        any::<bool>(),
    )
        .prop_map(|(separator, encoding, segments, standard)| {
            let separator = if standard { '|' } else { separator };
            let encoding: String = if standard { "^~\\&".to_owned() } else { encoding.into_iter().collect() };
            let mut text = format!("MSH{separator}{encoding}{separator}APP{separator}FAC\r");
            for ((id, fields), end) in segments {
                text.push_str(id);
                for field in fields {
                    text.push(separator);
                    text.push_str(&field);
                }
                text.push_str(end);
            }
            text
        })
}

// ── Strategies: mutations of real messages ───────────────────────────────────────────────

/// One change to a message's bytes. Positions are taken modulo the length at the time, so any
/// `usize` is a valid position and shrinking works.
#[derive(Clone, Debug)]
enum Mutation {
    Delete {
        at: usize,
        len: usize,
    },
    Duplicate {
        from: usize,
        len: usize,
        to: usize,
    },
    Insert {
        at: usize,
        text: String,
    },
    /// Overwrite one byte (may break UTF-8: the input is then read as from_utf8_lossy reads it).
    Overwrite {
        at: usize,
        byte: u8,
    },
    SwapSegments {
        a: usize,
        b: usize,
    },
    Truncate {
        at: usize,
    },
    /// Replace MSH-2 (the encoding characters) of every header.
    EncodingCharacters {
        chars: String,
    },
    /// Declare another field separator in MSH-1 but keep using `|` (a lying header).
    DeclaredSeparator {
        separator: char,
    },
    /// Change the field separator consistently, in MSH-1 and in every segment.
    FieldSeparator {
        separator: char,
    },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let small = 0usize..64;
    prop_oneof![
        (any::<usize>(), small.clone()).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), small, any::<usize>()).prop_map(|(from, len, to)| Mutation::Duplicate { from, len, to }),
        (any::<usize>(), prop::collection::vec(token(), 1..6))
            .prop_map(|(at, tokens)| Mutation::Insert { at, text: tokens.concat() }),
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Overwrite { at, byte }),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapSegments { a, b }),
        any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        prop::collection::vec(prop_oneof![4 => punctuation(), 1 => any::<char>()], 0..7)
            .prop_map(|chars| Mutation::EncodingCharacters { chars: chars.into_iter().collect() }),
        punctuation().prop_map(|separator| Mutation::DeclaredSeparator { separator }),
        prop_oneof![4 => punctuation(), 1 => any::<char>()]
            .prop_map(|separator| Mutation::FieldSeparator { separator }),
    ]
}

fn position(at: usize, len: usize) -> usize {
    at % (len + 1)
}

/// Where each MSH-2 starts and ends (bytes), for every header at the start of a line.
fn encoding_fields(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for start in 0..bytes.len() {
        let at_line_start = start == 0 || matches!(bytes[start - 1], b'\r' | b'\n');
        if at_line_start && bytes[start..].starts_with(b"MSH") && bytes.len() > start + 3 {
            let separator = bytes[start + 3];
            let from = start + 4;
            let to = bytes[from..]
                .iter()
                .position(|b| *b == separator || matches!(b, b'\r' | b'\n'))
                .map_or(bytes.len(), |p| from + p);
            found.push((from, to));
        }
    }
    found
}

impl Mutation {
    fn apply(&self, bytes: &mut Vec<u8>) {
        let len = bytes.len();
        match self {
            Mutation::Delete { at, len: count } => {
                let at = position(*at, len);
                bytes.drain(at..(at + count).min(len));
            }
            Mutation::Duplicate { from, len: count, to } => {
                let from = position(*from, len);
                let copy = bytes[from..(from + count).min(len)].to_vec();
                let to = position(*to, len);
                bytes.splice(to..to, copy);
            }
            Mutation::Insert { at, text } => {
                let at = position(*at, len);
                bytes.splice(at..at, text.bytes());
            }
            Mutation::Overwrite { at, byte } => {
                if len > 0 {
                    bytes[at % len] = *byte;
                }
            }
            Mutation::SwapSegments { a, b } => {
                let mut segments: Vec<Vec<u8>> = bytes.split(|b| *b == b'\r').map(<[u8]>::to_vec).collect();
                let count = segments.len();
                segments.swap(a % count, b % count);
                *bytes = segments.join(&b'\r');
            }
            Mutation::Truncate { at } => bytes.truncate(position(*at, len)),
            Mutation::EncodingCharacters { chars } => {
                for (from, to) in encoding_fields(bytes).into_iter().rev() {
                    bytes.splice(from..to, chars.bytes());
                }
            }
            Mutation::DeclaredSeparator { separator } => {
                for (from, _) in encoding_fields(bytes) {
                    bytes[from - 1] = *separator as u8;
                }
            }
            Mutation::FieldSeparator { separator } => {
                let text = String::from_utf8_lossy(bytes).replace('|', separator.encode_utf8(&mut [0; 4]));
                *bytes = text.into_bytes();
            }
        }
    }
}

/// A corpus file (messages and fragments) with a few mutations applied.
fn mutated_seed() -> impl Strategy<Value = (String, Vec<Mutation>, String)> {
    (0..seeds().len(), prop::collection::vec(mutation(), 1..5)).prop_map(|(index, mutations)| {
        let (name, original) = &seeds()[index];
        let mut bytes = original.clone();
        for mutation in &mutations {
            mutation.apply(&mut bytes);
        }
        (name.clone(), mutations, String::from_utf8_lossy(&bytes).into_owned())
    })
}

/// Several corpus messages back to back (a batch, or messages pasted one after another),
/// with the line end between segments chosen per input.
fn batch() -> impl Strategy<Value = String> {
    (prop::collection::vec(0..messages().len(), 1..6), prop::sample::select(&["\r", "\n", "\r\n"][..])).prop_map(
        |(indices, line_end)| {
            indices
                .into_iter()
                .map(|i| String::from_utf8_lossy(&messages()[i].1).replace('\r', line_end))
                .collect::<String>()
        },
    )
}

/// Cuts after `segments` segments (CR-separated), keeping the CR.
fn first_segments(text: &str, segments: usize) -> &str {
    let Some(last) = segments.checked_sub(1) else { return "" };
    let end = text.match_indices('\r').nth(last).map_or(text.len(), |(i, _)| i + 1);
    &text[..end]
}

// ── (a) Arbitrary text ───────────────────────────────────────────────────────────────────

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_text_never_panics(input in any::<String>()) {
        read_and_check(&input)?;
    }

    #[test]
    fn arbitrary_printable_unicode_never_panics(input in "\\PC{0,400}") {
        read_and_check(&input)?;
    }

    #[test]
    fn arbitrary_text_after_a_header_never_panics(input in "\\PC{0,300}", header in "MSH[[:punct:]]{0,6}") {
        read_and_check(&format!("{header}{input}"))?;
        read_and_check(&format!("{header}\r{input}"))?;
    }

    #[test]
    fn hl7_token_soup_never_panics(input in token_soup()) {
        read_and_check(&input)?;
    }

    #[test]
    fn structured_messages_with_random_delimiters_never_panic(input in structured_message()) {
        read_and_check(&input)?;
    }

    /// The syntax layer on its own: every segment is exactly the input text at its offsets,
    /// and unescaping under any declared delimiters never panics.
    #[test]
    fn split_pieces_are_the_input_at_their_offsets(input in token_soup(), header in "MSH[[:punct:]]{1,6}") {
        let split = syntax::split(&input);
        for message in &split.messages {
            for segment in &message.segments {
                let piece = segment.piece;
                prop_assert_eq!(input.get(piece.start..piece.end()), Some(piece.text));
            }
        }
        for (piece, _) in &split.strays {
            prop_assert_eq!(input.get(piece.start..piece.end()), Some(piece.text));
        }
        if let Some(d) = Delimiters::from_header(&header) {
            let _ = syntax::unescape(&input, &d);
        }
        let _ = syntax::unescape(&input, &Delimiters::default());
    }
}

// ── (b) Mutated real messages ────────────────────────────────────────────────────────────

proptest! {
    #![proptest_config(config())]

    #[test]
    fn mutated_corpus_messages_never_panic_and_stay_in_bounds((name, mutations, input) in mutated_seed()) {
        read_and_check(&input).map_err(|e| TestCaseError::fail(format!("{name} after {mutations:?}: {e}")))?;
    }

    #[test]
    fn corpus_batches_never_panic_and_stay_in_bounds(input in batch(), mutations in prop::collection::vec(mutation(), 0..3)) {
        let mut bytes = input.into_bytes();
        for mutation in &mutations {
            mutation.apply(&mut bytes);
        }
        read_and_check(&String::from_utf8_lossy(&bytes))?;
    }
}

/// Every corpus file as it is, plus each message with a consistent new field separator: the
/// invariants hold and a separator the message does not otherwise use reads the same doses.
#[test]
fn corpus_messages_hold_the_invariants_under_any_field_separator() {
    for (name, bytes) in seeds() {
        let text = String::from_utf8_lossy(bytes);
        let original = read_and_check(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        if !text.starts_with("MSH") {
            // Without a header the standard delimiters are assumed, so another separator is
            // rightly not read as HL7.
            continue;
        }
        let unused = ['#', '!', '$', '*', '@', '%', ';', '+', '=', '?'].into_iter().filter(|c| !text.contains(*c));
        for separator in unused.take(3) {
            let changed = text.replace('|', &separator.to_string());
            let outcome = read_and_check(&changed).unwrap_or_else(|e| panic!("{name} with {separator:?}: {e}"));
            let cvx = |o: &ReadOutcome| -> Vec<Option<String>> {
                o.records
                    .iter()
                    .flat_map(|r| &r.immunizations)
                    .map(|i| i.cvx.as_ref().map(|c| c.value.clone()))
                    .collect()
            };
            assert_eq!(outcome.records.len(), original.records.len(), "{name} with {separator:?}: records");
            assert_eq!(cvx(&outcome), cvx(&original), "{name} with {separator:?}: doses");
        }
    }
}

// ── (c) Truncation at segment boundaries ─────────────────────────────────────────────────

/// Exhaustive over the corpus: every prefix of whole segments reads no more doses than the
/// message, and adding a segment never takes a dose away.
#[test]
fn truncating_at_a_segment_boundary_never_adds_doses() {
    let mut prefixes = 0;
    for (name, bytes) in messages() {
        let text = String::from_utf8_lossy(bytes);
        let full = doses(&recdesk_hl7::read(&text));
        let segments = text.matches('\r').count();
        let mut previous = 0;
        for n in 0..=segments {
            let prefix = first_segments(&text, n);
            let count = doses(&read_and_check(prefix).unwrap_or_else(|e| panic!("{name}, {n} segments: {e}")));
            assert!(count <= full, "{name}: the first {n} segments read {count} doses, the whole message {full}");
            assert!(count >= previous, "{name}: {n} segments read {count} doses, {} segments {previous}", n - 1);
            previous = count;
            prefixes += 1;
        }
        assert_eq!(previous, full, "{name}: all segments read as the whole");
    }
    assert!(prefixes > 64, "checked {prefixes} prefixes");
}

proptest! {
    #![proptest_config(config())]

    /// Batches of corpus messages (any line ends) cut at a random segment boundary.
    #[test]
    fn truncated_batches_never_report_more_doses(input in batch(), cut in any::<prop::sample::Index>()) {
        let full = doses(&read_and_check(&input)?);
        let boundaries: Vec<usize> = input
            .match_indices(['\r', '\n'])
            .map(|(i, _)| i + 1)
            .filter(|&i| !input[..i].ends_with('\r') || !input[i..].starts_with('\n'))
            .chain([0, input.len()])
            .collect();
        let end = boundaries[cut.index(boundaries.len())];
        let truncated = doses(&read_and_check(&input[..end])?);
        prop_assert!(truncated <= full, "cut at byte {}: {} doses, whole {}", end, truncated, full);
    }
}
