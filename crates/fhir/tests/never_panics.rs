//! Property tests for the reader's architecture invariant: `recdesk_fhir::read` and
//! `read_value` never panic, whatever they are given, and every location they return is a
//! JSON Pointer to an element of the input.
//!
//! * arbitrary JSON values, FHIR-shaped ones (element names, codes, references and dates
//!   from FHIR, in any arrangement), and Bundles of FHIR-shaped resources;
//! * the fixtures (tests/fixtures) mutated as JSON (a node replaced, removed, retyped,
//!   duplicated, a member added) and as text (bytes deleted, duplicated, inserted, cut);
//! * arbitrary text.
//!
//! Beyond not panicking, each case checks (see `common::check_locations`): every pointer
//! resolves in the input and names the right document, values taken verbatim (CVX, NDC, lot
//! numbers, notes, sent names) are the string at their pointer, every dose comes from its own
//! Immunization resource, and no Immunization entry of a Bundle is lost.
//!
//! The runs are seeded (fixed seed per test) so CI sees the same cases every time and nothing
//! is written to disk (`failure_persistence: None`). To explore other cases locally, set
//! `PROPTEST_RNG_SEED=<n>` (and `PROPTEST_CASES=<n>` for more of them).

mod common;

#[path = "../../../tests/support/proptest_config.rs"]
mod proptest_config;

use std::path::PathBuf;
use std::sync::OnceLock;

use proptest::prelude::*;
use recdesk_record::ReadOutcome;
use serde_json::{Map, Number, Value};

use common::check_locations;

// ── Configuration ────────────────────────────────────────────────────────────────────────

const CASES: u32 = 256;
const SEED: u64 = 0x5EED_F41B_2024_0002;

fn config() -> ProptestConfig {
    proptest_config::deterministic(CASES, SEED)
}

// ── The invariants ───────────────────────────────────────────────────────────────────────

fn doses(outcome: &ReadOutcome) -> usize {
    outcome.records.iter().map(|r| r.immunizations.len()).sum()
}

/// Immunization resources a Bundle (or a lone Immunization) holds at its top level: each
/// must come out as a dose.
fn top_level_immunizations(value: &Value) -> usize {
    let is_immunization =
        |v: &Value| v.is_object() && v.get("resourceType").and_then(Value::as_str) == Some("Immunization");
    if is_immunization(value) {
        return 1;
    }
    if value.get("resourceType").and_then(Value::as_str) != Some("Bundle") {
        return 0;
    }
    value
        .get("entry")
        .and_then(Value::as_array)
        .map_or(0, |entries| entries.iter().filter(|e| e.get("resource").is_some_and(is_immunization)).count())
}

fn read_value_and_check(value: &Value, document: u32) -> Result<ReadOutcome, TestCaseError> {
    let outcome = recdesk_fhir::read_value(value, document);
    check_locations(value, document, &outcome).map_err(TestCaseError::fail)?;
    let expected = top_level_immunizations(value);
    prop_assert!(doses(&outcome) >= expected, "{} doses read, {expected} Immunization entries", doses(&outcome));
    prop_assert!(
        outcome.diagnostics.iter().all(|d| !d.message.is_empty()),
        "an empty diagnostic message: {:?}",
        outcome.diagnostics
    );
    Ok(outcome)
}

/// Reads text; when it is JSON, checks the outcome against the parsed value.
fn read_text_and_check(text: &str) -> Result<ReadOutcome, TestCaseError> {
    let outcome = recdesk_fhir::read(text);
    match serde_json::from_str::<Value>(text.strip_prefix('\u{feff}').unwrap_or(text)) {
        Ok(value) => {
            check_locations(&value, 1, &outcome).map_err(TestCaseError::fail)?;
            prop_assert!(doses(&outcome) >= top_level_immunizations(&value));
        }
        Err(_) => {
            prop_assert!(outcome.records.is_empty() && outcome.has_errors(), "invalid JSON read as something");
        }
    }
    Ok(outcome)
}

// ── Strategies: FHIR-shaped JSON ─────────────────────────────────────────────────────────

const RESOURCE_TYPES: &[&str] = &[
    "Bundle",
    "Patient",
    "Immunization",
    "ImmunizationRecommendation",
    "ImmunizationEvaluation",
    "RelatedPerson",
    "Coverage",
    "OperationOutcome",
    "Observation",
    "Composition",
    "Organization",
    "Practitioner",
];

const KEYS: &[&str] = &[
    "resourceType",
    "id",
    "meta",
    "text",
    "entry",
    "resource",
    "fullUrl",
    "contained",
    "type",
    "timestamp",
    "link",
    "relation",
    "lastUpdated",
    "patient",
    "beneficiary",
    "reference",
    "display",
    "identifier",
    "system",
    "value",
    "coding",
    "code",
    "vaccineCode",
    "status",
    "statusReason",
    "occurrenceDateTime",
    "occurrenceString",
    "primarySource",
    "reportOrigin",
    "lotNumber",
    "expirationDate",
    "manufacturer",
    "performer",
    "function",
    "actor",
    "location",
    "site",
    "route",
    "doseQuantity",
    "unit",
    "note",
    "reaction",
    "detail",
    "date",
    "education",
    "documentType",
    "publicationDate",
    "presentationDate",
    "programEligibility",
    "fundingSource",
    "protocolApplied",
    "doseNumberPositiveInt",
    "doseNumberString",
    "seriesDosesPositiveInt",
    "isSubpotent",
    "name",
    "family",
    "given",
    "prefix",
    "suffix",
    "use",
    "birthDate",
    "gender",
    "address",
    "line",
    "city",
    "state",
    "postalCode",
    "country",
    "telecom",
    "extension",
    "modifierExtension",
    "url",
    "valueString",
    "valueCoding",
    "valueAddress",
    "deceasedBoolean",
    "deceasedDateTime",
    "multipleBirthBoolean",
    "multipleBirthInteger",
    "contact",
    "relationship",
    "payor",
    "subscriberId",
    "recommendation",
    "dateCriterion",
    "forecastStatus",
    "targetDisease",
    "contraindicatedVaccineCode",
    "immunizationEvent",
    "doseStatus",
    "doseStatusReason",
    "authority",
    "issue",
    "severity",
    "details",
    "diagnostics",
    "search",
    "request",
    "_birthDate",
    "reasonCode",
    "a/b~c",
    "",
];

const STRINGS: &[&str] = &[
    "Bundle",
    "Patient",
    "Immunization",
    "ImmunizationRecommendation",
    "ImmunizationEvaluation",
    "RelatedPerson",
    "Coverage",
    "OperationOutcome",
    "Observation",
    "collection",
    "searchset",
    "document",
    "completed",
    "not-done",
    "entered-in-error",
    "PATOBJ",
    "IMMUNE",
    "http://hl7.org/fhir/sid/cvx",
    "http://hl7.org/fhir/sid/ndc",
    "http://hl7.org/fhir/sid/mvx",
    "urn:oid:2.16.840.1.114222.4.11.NIP002",
    "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race",
    "http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity",
    "http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName",
    "http://hl7.org/fhir/StructureDefinition/patient-birthPlace",
    "ombCategory",
    "detailed",
    "08",
    "207",
    "998",
    "124",
    "PMC",
    "30980-7",
    "30981-5",
    "59777-3",
    "59778-1",
    "Patient/1",
    "Patient/2",
    "Immunization/1",
    "Practitioner/1",
    "Organization/1",
    "#p",
    "#",
    "resource:0",
    "resource:1",
    "urn:uuid:1",
    "https://x.example/fhir/Patient/1/_history/2",
    "Patient/",
    "/",
    "2021-01-01",
    "2021-02-30",
    "2021",
    "2021-01-01T10:00:00Z",
    "not a date",
    "",
    " ",
    "official",
    "usual",
    "maiden",
    "home",
    "mobile",
    "phone",
    "email",
    "male",
    "female",
    "MTH",
    "GUARD",
    "NMTH",
    "AP",
    "OP",
    "valid",
    "notvalid",
    "error",
    "fatal",
    "warning",
    "next",
    "Nguyễn",
    "Dr. Jane Public, MD",
    "Public, Jane",
    "🩺",
    "\u{0}",
    "~1",
];

fn fhir_string() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(STRINGS).prop_map(str::to_owned),
        1 => any::<String>(),
    ]
}

fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        prop::sample::select(&[0.5, 1.0, 0.25, -0.0, 1e300, 2.5e-8][..])
            .prop_map(|f| Number::from_f64(f).map_or(Value::Null, Value::Number)),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::Bool),
        2 => number(),
        8 => fhir_string().prop_map(Value::String),
        // Shapes that make references and codes meet each other often.
        2 => prop::sample::select(STRINGS).prop_map(|r| serde_json::json!({"reference": r})),
        2 => (prop::sample::select(STRINGS), prop::sample::select(STRINGS))
            .prop_map(|(system, code)| serde_json::json!({"coding": [{"system": system, "code": code}]})),
        1 => (fhir_string(), fhir_string()).prop_map(|(family, given)| serde_json::json!([{"family": family, "given": [given]}])),
    ]
}

fn fhir_value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(5, 96, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(
                (prop_oneof![8 => prop::sample::select(KEYS).prop_map(str::to_owned), 1 => any::<String>()], inner),
                0..8
            )
            .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A resource of a known type: a resourceType, an id, and FHIR-ish members.
fn resource() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(RESOURCE_TYPES),
        prop::sample::select(&["1", "2", "p", ""][..]),
        prop::collection::vec((prop::sample::select(KEYS), fhir_value()), 0..10),
    )
        .prop_map(|(kind, id, members)| {
            let mut object: Map<String, Value> = members.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
            object.insert("resourceType".to_owned(), Value::from(kind));
            object.insert("id".to_owned(), Value::from(id));
            Value::Object(object)
        })
}

/// A Bundle of such resources, with fullUrls from a small set so references meet them.
fn bundle() -> impl Strategy<Value = Value> {
    let entry = (prop::option::of(prop::sample::select(STRINGS)), prop_oneof![5 => resource(), 1 => fhir_value()])
        .prop_map(|(full_url, resource)| {
            let mut entry = Map::new();
            if let Some(url) = full_url {
                entry.insert("fullUrl".to_owned(), Value::from(url));
            }
            entry.insert("resource".to_owned(), resource);
            Value::Object(entry)
        });
    (
        prop::sample::select(&["collection", "searchset", "document", "transaction", "odd"][..]),
        prop::collection::vec(entry, 0..12),
        prop::collection::vec((prop::sample::select(KEYS), fhir_value()), 0..3),
    )
        .prop_map(|(kind, entries, extra)| {
            let mut bundle: Map<String, Value> = extra.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
            bundle.insert("resourceType".to_owned(), Value::from("Bundle"));
            bundle.insert("type".to_owned(), Value::from(kind));
            bundle.insert("entry".to_owned(), Value::Array(entries));
            Value::Object(bundle)
        })
}

/// Any JSON value at all (keys and strings unconstrained).
fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number(),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 128, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::btree_map(any::<String>(), inner, 0..8)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

// ── Strategies: mutated fixtures ─────────────────────────────────────────────────────────

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The fixtures (inputs only): (name, text).
fn fixtures() -> &'static [(String, String)] {
    static FIXTURES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    FIXTURES.get_or_init(|| {
        let mut files: Vec<(String, String)> = std::fs::read_dir(fixture_dir())
            .expect("the fixtures folder")
            .map(|entry| entry.expect("an entry").path())
            .filter(|path| {
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                name.ends_with(".json") && !name.ends_with(".expected.json")
            })
            .map(|path| {
                let name = path.file_name().expect("a name").to_string_lossy().into_owned();
                (name, std::fs::read_to_string(&path).expect("a fixture"))
            })
            .collect();
        files.sort();
        assert!(files.len() >= 26, "{} fixtures", files.len());
        files
    })
}

/// The fixtures that are JSON, parsed.
fn parsed_fixtures() -> &'static [(String, Value)] {
    static PARSED: OnceLock<Vec<(String, Value)>> = OnceLock::new();
    PARSED.get_or_init(|| {
        fixtures().iter().filter_map(|(name, text)| Some((name.clone(), serde_json::from_str(text).ok()?))).collect()
    })
}

/// Every JSON Pointer in a value (the root included), depth first.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, member) in map {
                pointers(member, format!("{at}/{}", key.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                pointers(item, format!("{at}/{index}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

/// One change to a JSON value. Positions are taken modulo the number of nodes at the time.
#[derive(Clone, Debug)]
enum JsonMutation {
    Replace {
        at: usize,
        with: Value,
    },
    Remove {
        at: usize,
    },
    /// A string becomes a number, a number a string, an object a list of itself, a list its
    /// first item.
    Retype {
        at: usize,
    },
    DuplicateItem {
        at: usize,
    },
    AddMember {
        at: usize,
        key: String,
        value: Value,
    },
}

fn json_mutation() -> impl Strategy<Value = JsonMutation> {
    prop_oneof![
        (any::<usize>(), fhir_value()).prop_map(|(at, with)| JsonMutation::Replace { at, with }),
        any::<usize>().prop_map(|at| JsonMutation::Remove { at }),
        any::<usize>().prop_map(|at| JsonMutation::Retype { at }),
        any::<usize>().prop_map(|at| JsonMutation::DuplicateItem { at }),
        (any::<usize>(), prop::sample::select(KEYS), fhir_value())
            .prop_map(|(at, key, value)| JsonMutation::AddMember { at, key: key.to_owned(), value }),
    ]
}

fn split_parent(pointer: &str) -> Option<(&str, String)> {
    let (parent, last) = pointer.rsplit_once('/')?;
    Some((parent, last.replace("~1", "/").replace("~0", "~")))
}

impl JsonMutation {
    fn apply(&self, value: &mut Value) {
        let mut all = Vec::new();
        pointers(value, String::new(), &mut all);
        let pick = |at: usize| all[at % all.len()].clone();
        match self {
            JsonMutation::Replace { at, with } => {
                if let Some(node) = value.pointer_mut(&pick(*at)) {
                    *node = with.clone();
                }
            }
            JsonMutation::Remove { at } => {
                let target = pick(*at);
                let Some((parent, last)) = split_parent(&target) else { return };
                match value.pointer_mut(parent) {
                    Some(Value::Object(map)) => {
                        map.remove(&last);
                    }
                    Some(Value::Array(items)) => {
                        if let Ok(index) = last.parse::<usize>() {
                            if index < items.len() {
                                items.remove(index);
                            }
                        }
                    }
                    _ => {}
                }
            }
            JsonMutation::Retype { at } => {
                if let Some(node) = value.pointer_mut(&pick(*at)) {
                    *node = match node.take() {
                        Value::String(s) => s.trim().parse::<i64>().map_or(Value::from(s.len()), Value::from),
                        Value::Number(n) => Value::String(n.to_string()),
                        Value::Bool(b) => Value::String(b.to_string()),
                        Value::Object(map) => Value::Array(vec![Value::Object(map)]),
                        Value::Array(mut items) => {
                            if items.is_empty() {
                                Value::Null
                            } else {
                                items.swap_remove(0)
                            }
                        }
                        Value::Null => Value::Bool(true),
                    };
                }
            }
            JsonMutation::DuplicateItem { at } => {
                let target = pick(*at);
                let Some((parent, last)) = split_parent(&target) else { return };
                if let Some(Value::Array(items)) = value.pointer_mut(parent) {
                    if let Some(item) = last.parse::<usize>().ok().and_then(|i| items.get(i)).cloned() {
                        items.push(item);
                    }
                }
            }
            JsonMutation::AddMember { at, key, value: member } => {
                if let Some(Value::Object(map)) = value.pointer_mut(&pick(*at)) {
                    map.insert(key.clone(), member.clone());
                }
            }
        }
    }
}

fn mutated_fixture() -> impl Strategy<Value = (String, Vec<JsonMutation>, Value)> {
    (0..parsed_fixtures().len(), prop::collection::vec(json_mutation(), 1..6)).prop_map(|(index, mutations)| {
        let (name, original) = &parsed_fixtures()[index];
        let mut value = original.clone();
        for mutation in &mutations {
            mutation.apply(&mut value);
        }
        (name.clone(), mutations, value)
    })
}

/// One change to a fixture's bytes; positions are taken modulo the length at the time.
#[derive(Clone, Debug)]
enum TextMutation {
    Delete { at: usize, len: usize },
    Duplicate { from: usize, len: usize, to: usize },
    Insert { at: usize, text: String },
    Overwrite { at: usize, byte: u8 },
    Truncate { at: usize },
}

fn text_mutation() -> impl Strategy<Value = TextMutation> {
    let small = 0usize..48;
    let json_bits = prop::sample::select(
        &[
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"",
            "\\",
            "\\u",
            "\\ud800",
            "null",
            "true",
            "1e999",
            "-",
            " ",
            "\"resourceType\":",
        ][..],
    );
    prop_oneof![
        (any::<usize>(), small.clone()).prop_map(|(at, len)| TextMutation::Delete { at, len }),
        (any::<usize>(), small, any::<usize>()).prop_map(|(from, len, to)| TextMutation::Duplicate { from, len, to }),
        (any::<usize>(), prop::collection::vec(json_bits, 1..4))
            .prop_map(|(at, bits)| TextMutation::Insert { at, text: bits.concat() }),
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| TextMutation::Overwrite { at, byte }),
        any::<usize>().prop_map(|at| TextMutation::Truncate { at }),
    ]
}

impl TextMutation {
    fn apply(&self, bytes: &mut Vec<u8>) {
        let len = bytes.len();
        let position = |at: usize| at % (len + 1);
        match self {
            TextMutation::Delete { at, len: count } => {
                let at = position(*at);
                bytes.drain(at..(at + count).min(len));
            }
            TextMutation::Duplicate { from, len: count, to } => {
                let from = position(*from);
                let copy = bytes[from..(from + count).min(len)].to_vec();
                let to = position(*to);
                bytes.splice(to..to, copy);
            }
            TextMutation::Insert { at, text } => {
                let at = position(*at);
                bytes.splice(at..at, text.bytes());
            }
            TextMutation::Overwrite { at, byte } => {
                if len > 0 {
                    bytes[at % len] = *byte;
                }
            }
            TextMutation::Truncate { at } => bytes.truncate(position(*at)),
        }
    }
}

// ── (a) Arbitrary values and text ────────────────────────────────────────────────────────

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_json_values_never_panic(value in arbitrary_json(), document in 1u32..5) {
        read_value_and_check(&value, document)?;
    }

    #[test]
    fn arbitrary_json_with_a_resource_type_never_panics(
        mut value in arbitrary_json(),
        kind in prop::sample::select(RESOURCE_TYPES),
    ) {
        if let Value::Object(map) = &mut value {
            map.insert("resourceType".to_owned(), Value::from(kind));
        }
        read_value_and_check(&value, 1)?;
    }

    #[test]
    fn fhir_shaped_values_never_panic(value in fhir_value()) {
        read_value_and_check(&value, 1)?;
    }

    #[test]
    fn fhir_shaped_resources_never_panic(value in resource()) {
        read_value_and_check(&value, 2)?;
    }

    #[test]
    fn bundles_of_fhir_shaped_resources_never_panic(value in bundle()) {
        read_value_and_check(&value, 1)?;
    }

    /// Reading the text of a value is reading the value.
    #[test]
    fn text_and_value_read_alike(value in bundle()) {
        let text = serde_json::to_string(&value).expect("serialisable");
        let from_text = read_text_and_check(&text)?;
        let from_value = recdesk_fhir::read_value(&value, 1);
        prop_assert_eq!(
            serde_json::to_string(&from_text).expect("json"),
            serde_json::to_string(&from_value).expect("json")
        );
    }

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        read_text_and_check(&text)?;
    }

    #[test]
    fn json_looking_text_never_panics(text in "[\\[\\]{}\":, 0-9a-zA-Z\\\\\\-.eE]{0,200}") {
        read_text_and_check(&text)?;
    }
}

// ── (b) Mutated fixtures ─────────────────────────────────────────────────────────────────

proptest! {
    #![proptest_config(config())]

    #[test]
    fn mutated_fixtures_never_panic_and_point_into_their_input((name, mutations, value) in mutated_fixture()) {
        read_value_and_check(&value, 1)
            .map_err(|e| TestCaseError::fail(format!("{name} after {mutations:?}: {e}")))?;
    }

    #[test]
    fn fixtures_with_mutated_text_never_panic(
        index in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(text_mutation(), 1..5),
    ) {
        let (name, text) = &fixtures()[index.index(fixtures().len())];
        let mut bytes = text.clone().into_bytes();
        for mutation in &mutations {
            mutation.apply(&mut bytes);
        }
        read_text_and_check(&String::from_utf8_lossy(&bytes))
            .map_err(|e| TestCaseError::fail(format!("{name} after {mutations:?}: {e}")))?;
    }
}

/// Every fixture with each node removed, and each node retyped, one at a time: exhaustive, so
/// every element's absence and every wrong type is tried once.
#[test]
fn every_fixture_survives_losing_any_one_node() {
    let mut cases = 0;
    for (name, value) in parsed_fixtures() {
        recdesk_fhir::read_value(value, 1);
        let mut all = Vec::new();
        pointers(value, String::new(), &mut all);
        for (at, pointer) in all.iter().enumerate() {
            let mut changed = value.clone();
            JsonMutation::Remove { at }.apply(&mut changed);
            let outcome = recdesk_fhir::read_value(&changed, 1);
            check_locations(&changed, 1, &outcome).unwrap_or_else(|e| panic!("{name} without {pointer}: {e}"));
            let mut retyped = value.clone();
            JsonMutation::Retype { at }.apply(&mut retyped);
            let outcome = recdesk_fhir::read_value(&retyped, 1);
            check_locations(&retyped, 1, &outcome).unwrap_or_else(|e| panic!("{name} retyping {pointer}: {e}"));
            cases += 2;
        }
    }
    assert!(cases > 1000, "{cases} cases");
}

/// Bundles nested far deeper than any real input, and deeply nested JSON text.
#[test]
fn deep_nesting_is_refused_not_followed() {
    let mut value = serde_json::json!({"resourceType": "Immunization", "status": "completed"});
    for _ in 0..200 {
        value = serde_json::json!({"resourceType": "Bundle", "type": "collection", "entry": [{"resource": value}]});
    }
    let outcome = recdesk_fhir::read_value(&value, 1);
    assert!(outcome.diagnostics.iter().any(|d| d.message.contains("nested too deeply")), "{:?}", outcome.diagnostics);
    check_locations(&value, 1, &outcome).expect("locations");
    let deep = "[".repeat(100_000);
    assert!(recdesk_fhir::read(&deep).has_errors());
    let deep_object = "{\"a\":".repeat(50_000);
    assert!(recdesk_fhir::read(&deep_object).has_errors());
}
