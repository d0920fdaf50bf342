//! The leak harness. Every sensitive position of real inputs (the CDC guide's HL7 examples, the
//! intake and FHIR fixtures) gets a unique marker token; segments and resources a message lacks
//! are added, with markers. Each planted input is read, redacted for every recipient, and the
//! copy searched for markers it may not carry.
//!
//! The oracle is independent of `recdesk_redact::policy`: what each recipient may see is written
//! out in `support/markers.rs` ([`organization_verdict`]) from shared/domain.md, "What each
//! recipient may see". The planting and the corpus live there too, shared with the PDF crate's
//! leak test.

#[path = "support/markers.rs"]
mod markers;

use std::collections::{BTreeMap, BTreeSet};

use recdesk_record::{DoseStatus, ReadOutcome, Record};
use recdesk_redact::{ItemKind, Profile, Recipient, Settings, StaffRedactions, redact};
use serde_json::{Value, json};

use markers::*;

// ── Checks ───────────────────────────────────────────────────────────────────────────────────

/// Failures, reported together (the first 40, and the count).
fn report(failures: &[String]) {
    if failures.is_empty() {
        return;
    }
    let shown: Vec<&str> = failures.iter().take(40).map(String::as_str).collect();
    panic!("{} failure(s):\n{}", failures.len(), shown.join("\n"));
}

/// The markers on a copy that `verdict` forbids, and any funding word or code.
fn leaks(case: &Case, copy: &Copy, verdict: impl Fn(Kind, &Profile) -> Verdict, funding: bool) -> Vec<String> {
    let mut failures = Vec::new();
    for plant in &case.plants {
        if verdict(plant.kind, &copy.profile) == Verdict::Forbidden && copy.markers.contains(&plant.marker) {
            failures.push(format!(
                "{}: {}: {} ({:?}) leaked: {}",
                case.name, copy.label, plant.what, plant.kind, plant.marker
            ));
        }
    }
    if funding {
        for word in &copy.funding {
            failures.push(format!("{}: {}: {word} is on the copy", case.name, copy.label));
        }
    }
    failures
}

fn organization_leaks(format: Format, verdict: fn(Kind, &Profile) -> Verdict) -> Vec<String> {
    let mut failures = Vec::new();
    for case in corpus().cases.iter().filter(|c| c.format == format) {
        for copy in case.copies.iter().filter(|c| c.profile.recipient.is_organization()) {
            failures.extend(leaks(case, copy, verdict, true));
        }
    }
    failures
}

fn copies_for(recipient: Recipient) -> impl Iterator<Item = (&'static Case, &'static Copy)> {
    corpus().cases.iter().flat_map(move |case| {
        case.copies.iter().filter(move |c| c.profile.recipient == recipient).map(move |c| (case, c))
    })
}

// ── Tests ────────────────────────────────────────────────────────────────────────────────────

/// The positions every HL7 message with a patient is planted in.
const HL7_POSITIONS: [&str; 31] = [
    "PID-3.1",
    "PID-5.1 rep",
    "PID-6.1",
    "PID-6.2",
    "PID-10.1",
    "PID-11.1",
    "PID-11.3",
    "PID-11.5",
    "PID-13.6",
    "PID-13.4 email",
    "PID-14.7",
    "PID-19",
    "PID-20.1",
    "PID-21.1",
    "PID-22.1",
    "PID-23",
    "PD1-11.1",
    "NK1-2.1",
    "NK1-4.1",
    "NK1-5.7",
    "NK1-33.1",
    "NK1-37",
    "PV1-20.1",
    "IN1-49.1",
    "IN2-1.1",
    "IN3-2.1",
    "GT1-2.1",
    "ORC-10.2",
    "RXA-10.2",
    "RXA-18.2",
    "NTE-3",
];

#[test]
fn every_input_is_planted_and_still_reads() {
    let corpus = corpus();
    let mut failures = Vec::new();
    let originals: BTreeMap<&str, &ReadOutcome> = corpus.originals.iter().map(|(n, o)| (n.as_str(), o)).collect();
    for case in &corpus.cases {
        let file = case.name.split(" [").next().unwrap_or("");
        let original = originals[file];
        if case.outcome.records.len() != original.records.len() {
            failures.push(format!(
                "{}: {} records after planting, {} before",
                case.name,
                case.outcome.records.len(),
                original.records.len()
            ));
        }
        let mut markers = BTreeSet::new();
        if case.plants.iter().any(|p| !markers.insert(p.marker.as_str())) {
            failures.push(format!("{}: a marker is planted twice", case.name));
        }
        if case.format == Format::Hl7 && !original.records.is_empty() {
            for position in HL7_POSITIONS {
                if position == "PV1-20.1" && case.variant != Variant::Markers {
                    continue;
                }
                if !case.plants.iter().any(|p| p.what.starts_with(position)) {
                    failures.push(format!("{}: nothing planted in {position}", case.name));
                }
            }
            let mothers = case.plants.iter().filter(|p| p.kind == Kind::MotherName).count();
            let guardians = case.plants.iter().filter(|p| p.kind == Kind::GuardianName).count();
            let funding = case.plants.iter().filter(|p| p.what.contains("30963-3")).count();
            if mothers == 0 || guardians == 0 || funding == 0 {
                failures.push(format!("{}: no mother, guardian or funding source planted", case.name));
            }
            if case.variant == Variant::Markers && !case.plants.iter().any(|p| p.what.contains("64994-7")) {
                failures.push(format!("{}: no eligibility planted", case.name));
            }
        }
    }
    // Every kind planted reaches the unredacted record somewhere, so the copies are tested.
    let read_kinds: BTreeSet<Kind> = corpus
        .cases
        .iter()
        .flat_map(|c| c.plants.iter().filter(|p| c.read.contains(&p.marker)).map(|p| p.kind))
        .collect();
    let expected = [
        Kind::Identifier,
        Kind::MemberId,
        Kind::Alias,
        Kind::MothersMaidenName,
        Kind::Race,
        Kind::Ethnicity,
        Kind::BirthPlace,
        Kind::Address,
        Kind::Telecom,
        Kind::MotherName,
        Kind::GuardianName,
        Kind::OtherPersonName,
        Kind::RelatedContact,
        Kind::Insurance,
        Kind::Funding,
        Kind::StaffName,
        Kind::RefusalReason,
        Kind::Note,
        Kind::Publicity,
    ];
    // The eligibility codes and words are read too (so their absence from a copy means something).
    for (k, code) in ELIGIBILITY_CODES.iter().enumerate() {
        let quoted = format!("\"{code}\"");
        let cases = corpus.cases.iter().filter(|c| c.variant == Variant::Codes(k));
        if !cases.clone().any(|c| serde_json::to_string(&c.outcome.records).is_ok_and(|j| j.contains(&quoted))) {
            failures.push(format!("eligibility code {code} was never read"));
        }
        let on_request = cases.flat_map(|c| &c.copies).filter(|c| c.profile.recipient == Recipient::Patient);
        if !on_request.filter(|c| c.profile.settings.insurance).any(|c| !c.funding.is_empty()) {
            failures.push(format!("no patient's copy with insurance on shows the eligibility {code}"));
        }
    }
    for kind in expected {
        if !read_kinds.contains(&kind) {
            failures
                .push(format!("no planted {kind:?} value was read into any record: the harness tests nothing there"));
        }
    }
    report(&failures);
}

#[test]
fn organization_copies_of_hl7_inputs_carry_no_forbidden_value() {
    report(&organization_leaks(Format::Hl7, organization_verdict));
}

#[test]
fn organization_copies_of_fhir_inputs_carry_no_forbidden_value() {
    report(&organization_leaks(Format::Fhir, organization_verdict));
}

#[test]
fn summaries_carry_nothing_planted() {
    let mut failures = Vec::new();
    for (case, copy) in copies_for(Recipient::DoseCounts) {
        if !copy.redacted.records.is_empty() {
            failures.push(format!("{}: a summary holds records", case.name));
        }
        failures.extend(leaks(case, copy, |_, _| Verdict::Forbidden, true));
    }
    report(&failures);
}

#[test]
fn patient_copies_never_carry_identifiers() {
    let mut failures = Vec::new();
    for (case, copy) in copies_for(Recipient::Patient) {
        let verdict = |kind, _: &Profile| if never_released(kind) { Verdict::Forbidden } else { Verdict::Allowed };
        failures.extend(leaks(case, copy, verdict, false));
    }
    report(&failures);
}

#[test]
fn diagnostics_never_quote_planted_values() {
    let mut failures = Vec::new();
    for case in &corpus().cases {
        let quoted = markers_in(&serde_json::to_string(&case.outcome.diagnostics).expect("diagnostics serialise"));
        for plant in case.plants.iter().filter(|p| quoted.contains(&p.marker)) {
            failures.push(format!("{}: a diagnostic quotes {} ({})", case.name, plant.what, plant.marker));
        }
        for copy in &case.copies {
            let log = (&copy.redacted.redactions, &copy.redacted.diagnostics);
            let quoted = markers_in(&serde_json::to_string(&log).expect("the log serialises"));
            for plant in case.plants.iter().filter(|p| quoted.contains(&p.marker)) {
                failures.push(format!("{}: {}: the redaction log quotes {}", case.name, copy.label, plant.what));
            }
        }
    }
    report(&failures);
}

/// The doses of a record: date and CVX as JSON (all of them, or those that are doses).
/// The doses of `record` as (date, CVX): every one (`Some(recipient)`: every one that recipient
/// may see; a copy's own doses: None). domain.md: entered in error is on no copy; refused and not
/// given are on the patient's copy only (§144.3351 covers vaccines "received").
fn doses(record: &Record, for_recipient: Option<Recipient>) -> Vec<(Value, Value)> {
    let shown = |d: &&recdesk_record::Immunization| match for_recipient {
        None => true,
        Some(_) if d.status == DoseStatus::EnteredInError => false,
        Some(Recipient::Patient) => true,
        Some(_) => !matches!(d.status, DoseStatus::Refused | DoseStatus::NotAdministered),
    };
    record
        .immunizations
        .iter()
        .filter(shown)
        .map(|d| (serde_json::to_value(&d.date).expect("date"), serde_json::to_value(&d.cvx).expect("cvx")))
        .collect()
}

#[test]
fn every_copy_keeps_every_dose_with_its_date_and_vaccine() {
    let mut failures = Vec::new();
    for case in &corpus().cases {
        for copy in case.copies.iter().filter(|c| c.profile.recipient != Recipient::DoseCounts) {
            let redacted = &copy.redacted;
            let blocked: BTreeSet<usize> = redacted.blocked.iter().map(|b| b.record).collect();
            let expected: Vec<&Record> = case
                .outcome
                .records
                .iter()
                .enumerate()
                .filter(|(i, _)| !blocked.contains(&(i + 1)))
                .map(|(_, r)| r)
                .collect();
            if expected.len() != redacted.records.len() {
                let (got, want) = (redacted.records.len(), expected.len());
                failures.push(format!("{}: {}: {got} records, expected {want}", case.name, copy.label));
                continue;
            }
            for (n, (original, copied)) in expected.iter().zip(&redacted.records).enumerate() {
                let (want, got) = (doses(original, Some(copy.profile.recipient)), doses(copied, None));
                if want != got {
                    let n = n + 1;
                    failures
                        .push(format!("{}: {}: record {n}: doses {got:?}, expected {want:?}", case.name, copy.label));
                }
            }
        }
    }
    report(&failures);
}

/// Whether a redaction location names the planted position: for HL7 the message, the segment
/// and the field (or the whole segment); for FHIR a pointer on the same path.
fn logged_at(location: &str, site: &Site) -> bool {
    match site {
        Site::Hl7 { message, segment, id, field } => {
            let Some(rest) = location.strip_prefix(&format!("message {message}, segment {segment} ({id})")) else {
                return false;
            };
            if rest.is_empty() {
                return true;
            }
            let Some(rest) = rest.strip_prefix(&format!(", {id}-{field}")) else { return false };
            !rest.starts_with(|c: char| c.is_ascii_digit())
        }
        Site::Json { pointer } => {
            let Some((_, logged)) = location.split_once(", ") else { return false };
            let on_path = |long: &str, short: &str| long == short || long.starts_with(&format!("{short}/"));
            on_path(pointer, logged) || on_path(logged, pointer)
        }
    }
}

/// The planted values an organization's copy (or the summary) left out that the log does not
/// place: withheld markers (read, and not on the copy) with no redaction at their position. A
/// value inside a dose withheld whole, or a blocked record, is covered by that entry.
fn unlogged(case: &Case, copy: &Copy) -> Vec<(&'static str, String)> {
    let redacted = &copy.redacted;
    let blocked: BTreeSet<usize> = redacted.blocked.iter().map(|b| b.record).collect();
    let whole_doses: BTreeSet<String> = redacted
        .redactions
        .iter()
        .filter(|r| matches!(r.kind, ItemKind::Dose | ItemKind::DoseEnteredInError))
        .map(|r| r.location.clone())
        .collect();
    let mut covered = BTreeSet::new();
    for (i, record) in case.outcome.records.iter().enumerate() {
        if blocked.contains(&(i + 1)) {
            covered.extend(markers_in(&serde_json::to_string(record).expect("record")));
            continue;
        }
        for dose in &record.immunizations {
            if dose.origin.as_ref().is_some_and(|at| whole_doses.contains(&at.to_string())) {
                covered.extend(markers_in(&serde_json::to_string(dose).expect("dose")));
            }
        }
    }
    let removed: Vec<&Plant> = case
        .plants
        .iter()
        .filter(|p| case.read.contains(&p.marker) && !copy.markers.contains(&p.marker) && !covered.contains(&p.marker))
        .collect();
    if !removed.is_empty() && redacted.redactions.is_empty() {
        return vec![("", format!("{}: {}: values were withheld and nothing was logged", case.name, copy.label))];
    }
    removed
        .into_iter()
        .filter(|plant| !redacted.redactions.iter().any(|r| logged_at(&r.location, &plant.site)))
        .map(|plant| {
            let kind = if plant.kind == Kind::Publicity { "publicity" } else { "" };
            let message = format!(
                "{}: {}: {} ({:?}) was withheld with no log entry at {:?}",
                case.name, copy.label, plant.what, plant.kind, plant.site
            );
            (kind, message)
        })
        .collect()
}

fn unlogged_everywhere() -> Vec<(&'static str, String)> {
    let mut failures = Vec::new();
    for case in &corpus().cases {
        for copy in case.copies.iter().filter(|c| c.profile.recipient != Recipient::Patient) {
            failures.extend(unlogged(case, copy));
        }
    }
    failures
}

#[test]
fn every_value_withheld_from_an_organization_is_logged_where_it_was() {
    // PD1-11 (publicity) is left to its own test below.
    let failures: Vec<String> =
        unlogged_everywhere().into_iter().filter(|(kind, _)| *kind != "publicity").map(|(_, f)| f).collect();
    report(&failures);
}

/// PD1-12 `Y` on a planted copy of `text`.
fn protected_copy_of(text: &str) -> Vec<u8> {
    let (planted, _) = plant_hl7(text, Variant::Markers);
    let mut uids = 0;
    let mut blocks = parse_hl7(&planted, &mut uids);
    for block in &mut blocks {
        if let Block::Message(message) = block {
            for item in &mut message.items {
                if let Item::Seg(seg) = item {
                    if seg.id() == "PD1" {
                        seg.set(12, "Y".to_owned());
                    }
                }
            }
        }
    }
    write_hl7(&blocks).into_bytes()
}

#[test]
fn a_protected_record_goes_to_the_patient_and_to_no_organization() {
    let fixtures = manifest().parent().expect("crates/").join("intake/tests/fixtures");
    let mut inputs = Vec::new();
    for name in ["protected.hl7", "vxu-complete.hl7", "insurance-and-eligibility.hl7"] {
        let bytes = std::fs::read(fixtures.join(name)).expect("fixture");
        let (text, _) = decode(&bytes);
        inputs.push((format!("{name} with PD1-12 Y"), protected_copy_of(&text)));
    }
    inputs.push(("protected.hl7 as it is".to_owned(), std::fs::read(fixtures.join("protected.hl7")).expect("fixture")));
    for (name, bytes) in inputs {
        let outcome = read(&bytes);
        assert_eq!(outcome.records.len(), 1, "{name}");
        let doses = outcome.records[0].immunizations.iter().filter(|d| d.status != DoseStatus::EnteredInError).count();
        assert!(doses > 0, "{name}");
        for recipient in [Recipient::School, Recipient::Provider] {
            for settings in [Settings::default_for(recipient), Settings::everything()] {
                let redacted = redact(
                    &outcome,
                    &Profile { recipient, settings, requested_by_a_person: false, address_withheld: false },
                    &StaffRedactions::default(),
                );
                assert!(redacted.records.is_empty(), "{name}: {recipient:?} got the record");
                assert_eq!(redacted.blocked.len(), 1, "{name}: {recipient:?}");
                assert_eq!(redacted.blocked[0].record, 1, "{name}: {recipient:?}");
                assert!(!redacted.blocked[0].reason.is_empty(), "{name}: {recipient:?}");
                assert!(markers_in(&shown(&redacted).to_string()).is_empty(), "{name}: {recipient:?}");
            }
        }
        for settings in [Settings::default_for(Recipient::Patient), Settings::everything()] {
            let copy = redact(
                &outcome,
                &Profile {
                    recipient: Recipient::Patient,
                    settings,
                    requested_by_a_person: false,
                    address_withheld: false,
                },
                &StaffRedactions::default(),
            );
            assert!(copy.blocked.is_empty(), "{name}: the patient's copy is blocked");
            assert_eq!(copy.records.len(), 1, "{name}");
            assert_eq!(copy.records[0].immunizations.len(), doses, "{name}");
            assert!(!copy.records[0].patient.names.is_empty(), "{name}: the patient's copy has no name");
        }
    }
}

// ── Findings: where the crate and a strict reading of domain.md part ─────────────────────────
//
// Each test below fails today and is ignored with the reason; run them with
// `cargo test -p recdesk-redact --test leaks -- --ignored`.

/// §144.3351 lets organizations have the "parent or guardian's name"; an emergency contact, a
/// neighbour or an aunt is neither, yet with `guardian_name` on their names are printed.
#[test]
fn strict_only_a_parent_or_guardian_is_named_on_an_organization_copy() {
    let verdict = |kind, profile: &Profile| match kind {
        Kind::OtherPersonName => Verdict::Forbidden,
        Kind::RefusalReason => Verdict::Allowed,
        _ => organization_verdict(kind, profile),
    };
    let mut failures = organization_leaks(Format::Hl7, verdict);
    failures.extend(organization_leaks(Format::Fhir, verdict));
    report(&failures);
}

/// domain.md lists RXA-18 (refusal reason) among the sensitive positions, and its table gives a
/// provider no row for it; the crate's policy releases it to providers.
#[test]
fn strict_no_refusal_reason_on_an_organization_copy() {
    let verdict = |kind, profile: &Profile| match kind {
        Kind::RefusalReason => Verdict::Forbidden,
        Kind::OtherPersonName => Verdict::Allowed,
        _ => organization_verdict(kind, profile),
    };
    let mut failures = organization_leaks(Format::Hl7, verdict);
    failures.extend(organization_leaks(Format::Fhir, verdict));
    report(&failures);
}

/// "SSN, MRN, registry IDs, Medicaid number ... never", the patient's copy included, whatever
/// staff tick: the member number of a Medicaid plan is the Medicaid number.
#[test]
fn strict_patient_copies_never_carry_member_numbers() {
    let mut failures = Vec::new();
    for (case, copy) in copies_for(Recipient::Patient) {
        let verdict = |kind, _: &Profile| {
            if never_released(kind) || kind == Kind::MemberId { Verdict::Forbidden } else { Verdict::Allowed }
        };
        failures.extend(leaks(case, copy, verdict, false));
    }
    report(&failures);
}

/// "Never print a name the record holds as the mother's": a relationship given only in words
/// ("Mother", "natural mother") still says who the mother is.
#[test]
fn strict_a_mother_named_only_in_words_is_still_the_mother() {
    let hl7 = "MSH|^~\\&|A|B|C|D|20240305||VXU^V04^VXU_V04|M-1|P|2.5.1\r\
               PID|1||M1^^^CLINIC^MR||Kid^Kim||20200101|F\r\
               NK1|1|Mumword^Mara|^Mother\r\
               NK1|2|Mumtext^Mina|^natural mother^L\r\
               RXA|0|1|20240101|20240101|08^Hep B^CVX|0.5|mL\r";
    let fhir = json!({
        "resourceType": "Bundle", "type": "collection",
        "entry": [
            { "fullUrl": "urn:uuid:00000000-0000-4000-8000-000000000001",
              "resource": { "resourceType": "Patient", "name": [{ "family": "Kid", "given": ["Kim"] }] } },
            { "resource": { "resourceType": "RelatedPerson",
                "patient": { "reference": "urn:uuid:00000000-0000-4000-8000-000000000001" },
                "relationship": [{ "text": "Mother" }],
                "name": [{ "family": "Mumfhir", "given": ["Mona"] }] } }
        ]
    })
    .to_string();
    let mut failures = Vec::new();
    for (input, names) in [(hl7.to_owned(), ["Mumword", "Mumtext"].as_slice()), (fhir, ["Mumfhir"].as_slice())] {
        let outcome = read(input.as_bytes());
        for recipient in [Recipient::School, Recipient::Provider] {
            let profile = Profile {
                recipient,
                settings: Settings::everything(),
                requested_by_a_person: false,
                address_withheld: false,
            };
            let shown = shown(&redact(&outcome, &profile, &StaffRedactions::default())).to_string();
            for name in names.iter().filter(|n| shown.contains(*n)) {
                failures.push(format!("{recipient:?} (every setting on): the mother {name} is on the copy"));
            }
        }
    }
    report(&failures);
}

/// The patient's name on an organization's copy is the legal one (PID-5 type `L`), not an
/// alias that happens to come first.
#[test]
fn strict_the_legal_name_is_printed_and_never_an_alias() {
    let hl7 = "MSH|^~\\&|A|B|C|D|20240305||VXU^V04^VXU_V04|N-1|P|2.5.1\r\
               PID|1||N1^^^CLINIC^MR||Aliasname^Ally^^^^^A~Legalname^Lena^^^^^L||20200101|F\r\
               RXA|0|1|20240101|20240101|08^Hep B^CVX|0.5|mL\r";
    let outcome = read(hl7.as_bytes());
    let mut failures = Vec::new();
    for recipient in [Recipient::School, Recipient::Provider] {
        let shown = shown(&redact(&outcome, &Profile::default_for(recipient), &StaffRedactions::default())).to_string();
        if shown.contains("Aliasname") || !shown.contains("Legalname") {
            failures.push(format!("{recipient:?}: the copy names the patient by the alias"));
        }
    }
    report(&failures);
}

/// Every value left out is logged (brief item 6): PD1-11 (publicity code) is read into
/// `Record::protection` and never copied, but nothing in the log says so.
#[test]
fn strict_withheld_registry_flags_are_logged() {
    let failures: Vec<String> =
        unlogged_everywhere().into_iter().filter(|(kind, _)| *kind == "publicity").map(|(_, f)| f).collect();
    report(&failures);
}
