//! The leak harness's inputs, shared by the redaction crate's leak tests and the PDF crate's:
//! real inputs (the CDC guide's HL7 examples, the intake and FHIR fixtures) with a unique marker
//! token planted in every sensitive position (segments and resources a message lacks are added,
//! with markers), each read and redacted for every recipient, and the oracle of what each
//! recipient may see, written from shared/domain.md independently of `recdesk_redact::policy`.
//!
//! Included with `#[path]` by `crates/redact/tests/leaks.rs` and `crates/pdf/tests/leaks.rs`.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use recdesk_intake::{ReadContext, TrustStore};
use recdesk_record::ReadOutcome;
use recdesk_redact::{Profile, Recipient, Redacted, Settings, StaffRedactions, redact};
use serde_json::{Value, json};

// ── What each recipient may see (shared/domain.md) ───────────────────────────────────────────

/// The kind of a planted value, as domain.md names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    /// SSN, MRN, registry IDs, Medicaid number, driver's licence, the mother's or a contact's ID.
    Identifier,
    /// An insurance member, subscriber or policy number (IN1-36, IN1-49, Coverage): for a
    /// Medicaid plan, the Medicaid number.
    MemberId,
    /// PID-5 after the first repetition, Patient.name other than the legal one.
    Alias,
    MothersMaidenName,
    Race,
    Ethnicity,
    BirthPlace,
    /// A Patient extension Record Desk does not read.
    OtherExtension,
    /// The patient's address.
    Address,
    Telecom,
    /// PD1-11.
    Publicity,
    /// The name of a person the record holds as the mother.
    MotherName,
    /// The name of a parent (not the mother) or guardian.
    GuardianName,
    /// The name of a related person who is neither a parent nor a guardian (emergency contact,
    /// aunt, neighbour) or whose relationship is not given.
    OtherPersonName,
    /// A related person's address, phone or e-mail.
    RelatedContact,
    /// IN1, IN2, IN3, GT1, PV1-20, Coverage.
    Insurance,
    /// Funding-program eligibility and funding source.
    Funding,
    StaffName,
    /// RXA-18, Immunization.statusReason.
    RefusalReason,
    Note,
    /// QPD-3..9.
    QueryEcho,
    /// ERR-8, MSA-3.
    AckText,
    /// Where the dose was given (an Organization performer): in no row of domain.md's table and
    /// in none of its sensitive positions, so the harness does not judge it.
    Place,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    Allowed,
    Forbidden,
    /// Where the crate's policy and a strict reading of domain.md part: left out of the main
    /// checks and checked by its own test (the `strict_*` tests at the end).
    Disputed,
}

/// What a school's or provider's copy may carry, with its settings (domain.md's table).
pub(crate) fn organization_verdict(kind: Kind, profile: &Profile) -> Verdict {
    let settings = &profile.settings;
    let optional = |on: bool| if on { Verdict::Allowed } else { Verdict::Forbidden };
    match kind {
        // "address | yes | yes (§144.3351), off by default | yes": the profile's setting decides.
        Kind::Address => optional(settings.address),
        // "parent/guardian name ... off by default ... never print a name the record holds as
        // the mother's".
        Kind::GuardianName => optional(settings.guardian_name),
        // §144.3351 says "parent or guardian's name": a neighbour or an aunt is neither.
        Kind::OtherPersonName if settings.guardian_name => Verdict::Disputed,
        // domain.md lists RXA-18 among the sensitive positions and gives it no row in the table;
        // the crate releases it to providers.
        Kind::RefusalReason if profile.recipient == Recipient::Provider => Verdict::Disputed,
        Kind::Place => Verdict::Allowed,
        // Everything else planted is a "never" for an organization: identifiers, mother's
        // names, insurance and funding, phone, e-mail, race, ethnicity, birthplace, notes,
        // staff names, aliases, contacts' details, the query echo and acknowledgment text.
        _ => Verdict::Forbidden,
    }
}

/// Never released to anyone, the patient included ("SSN, MRN, registry IDs, Medicaid number,
/// driver's licence | never").
pub(crate) fn never_released(kind: Kind) -> bool {
    kind == Kind::Identifier
}

/// A relationship as domain.md sorts people: the mother, a parent or guardian, or someone else.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Relation {
    Mother,
    ParentOrGuardian,
    Other,
}

pub(crate) const MOTHER_CODES: [&str; 7] = ["MTH", "NMTH", "BMTH", "GESTM", "ADOPTM", "STPMTH", "FMTH"];
pub(crate) const PARENT_CODES: [&str; 10] =
    ["FTH", "NFTH", "ADOPTF", "STPFTH", "FFTH", "GRD", "GUARD", "PAR", "PRN", "NPRN"];

/// Sorts a relationship from its codes and words (HL7 table 0063, v3 RoleCode, or text).
pub(crate) fn relation<'a>(
    codes: impl IntoIterator<Item = &'a str>,
    words: impl IntoIterator<Item = &'a str>,
) -> Relation {
    let codes: Vec<String> = codes.into_iter().map(|c| c.trim().to_ascii_uppercase()).collect();
    let words: Vec<String> = words
        .into_iter()
        .flat_map(|w| w.split(|c: char| !c.is_alphabetic()).map(str::to_lowercase).collect::<Vec<_>>())
        .collect();
    let has_word = |set: &[&str]| words.iter().any(|w| set.contains(&w.as_str()));
    if codes.iter().any(|c| MOTHER_CODES.contains(&c.as_str())) || has_word(&["mother", "mom", "mum", "mama"]) {
        Relation::Mother
    } else if codes.iter().any(|c| PARENT_CODES.contains(&c.as_str()))
        || has_word(&["father", "dad", "parent", "guardian"])
    {
        Relation::ParentOrGuardian
    } else {
        Relation::Other
    }
}

pub(crate) fn name_kind(relation: Relation) -> Kind {
    match relation {
        Relation::Mother => Kind::MotherName,
        Relation::ParentOrGuardian => Kind::GuardianName,
        Relation::Other => Kind::OtherPersonName,
    }
}

// ── Markers ──────────────────────────────────────────────────────────────────────────────────

/// Where a marker was planted, to match against the redaction log.
#[derive(Clone, Debug)]
pub(crate) enum Site {
    /// HL7: the segment's message number and index (as the reader numbers them) and the field.
    Hl7 { message: u32, segment: u32, id: String, field: usize },
    /// FHIR: the JSON Pointer of the planted value.
    Json { pointer: String },
}

#[derive(Clone, Debug)]
pub(crate) struct Plant {
    pub(crate) marker: String,
    pub(crate) kind: Kind,
    /// The position in words, e.g. "PID-6.1" or "Patient.telecom.value".
    pub(crate) what: String,
    pub(crate) site: Site,
}

/// Hands out markers: `LEAK` + the position (letters and digits, never `Z`) + `N` + a counter
/// + `Z`. No marker is a substring of another: the only `Z` is the last character.
#[derive(Default)]
pub(crate) struct Markers {
    pub(crate) counter: usize,
    pub(crate) plants: Vec<Plant>,
}

impl Markers {
    pub(crate) fn mark(&mut self, kind: Kind, what: &str, site: Site) -> String {
        self.counter += 1;
        let tag: String = what.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect();
        let marker = format!("LEAK{}N{}Z", tag.replace('Z', ""), self.counter);
        self.plants.push(Plant { marker: marker.clone(), kind, what: what.to_owned(), site });
        marker
    }
}

/// Which values the eligibility and funding fields carry: markers, or real codes (to check
/// that no "Medicaid", "uninsured", "VFC" or V02..V05 reaches an organization).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Variant {
    Markers,
    Codes(usize),
}

pub(crate) const VARIANTS: [Variant; 5] =
    [Variant::Markers, Variant::Codes(0), Variant::Codes(1), Variant::Codes(2), Variant::Codes(3)];

pub(crate) const HL7_ELIGIBILITY_CODES: [&str; 4] =
    ["V02^VFC eligible - Medicaid^HL70064", "V03^Uninsured^HL70064", "V04", "V05"];
pub(crate) const ELIGIBILITY_CODES: [&str; 4] = ["V02", "V03", "V04", "V05"];
pub(crate) const FORBIDDEN_WORDS: [&str; 3] = ["medicaid", "uninsured", "vfc"];

// ── HL7: a minimal parser and writer ─────────────────────────────────────────────────────────

#[derive(Clone, Copy, Debug)]
pub(crate) struct Delims {
    pub(crate) field: char,
    pub(crate) component: char,
    pub(crate) repetition: char,
}

pub(crate) const STANDARD: Delims = Delims { field: '|', component: '^', repetition: '~' };

impl Delims {
    pub(crate) fn from_msh(line: &str) -> Option<Delims> {
        let mut chars = line.chars().skip(3);
        let field = chars.next().filter(char::is_ascii_punctuation)?;
        let mut next = || chars.next().filter(|c| c.is_ascii_punctuation() && *c != field);
        let component = next().unwrap_or('^');
        let repetition = next().unwrap_or('~');
        Some(Delims { field, component, repetition })
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Seg {
    pub(crate) uid: usize,
    /// Split at the field separator: `fields[n]` is field n (for MSH, field n+1).
    pub(crate) fields: Vec<String>,
}

impl Seg {
    pub(crate) fn id(&self) -> &str {
        &self.fields[0]
    }

    pub(crate) fn get(&self, n: usize) -> &str {
        self.fields.get(n).map_or("", String::as_str)
    }

    pub(crate) fn set(&mut self, n: usize, value: String) {
        if self.fields.len() <= n {
            self.fields.resize(n + 1, String::new());
        }
        self.fields[n] = value;
    }

    /// Component `c` (1-based) of the first repetition of field `n`, trimmed.
    pub(crate) fn component(&self, n: usize, c: usize, d: Delims) -> String {
        let first = self.get(n).split(d.repetition).next().unwrap_or("");
        first.split(d.component).nth(c - 1).unwrap_or("").trim().to_owned()
    }
}

#[derive(Clone, Debug)]
pub(crate) enum Item {
    Raw(String),
    Seg(Seg),
}

#[derive(Clone, Debug)]
pub(crate) struct Message {
    pub(crate) d: Delims,
    pub(crate) items: Vec<Item>,
}

#[derive(Clone, Debug)]
pub(crate) enum Block {
    Raw(String),
    Message(Message),
}

pub(crate) fn looks_like_segment(text: &str, field: char) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= 3
        && bytes[0].is_ascii_uppercase()
        && bytes[1..3].iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && text[3..].chars().next().is_none_or(|c| c == field)
}

/// Splits a line before each MSH glued to the end of the segment before it.
pub(crate) fn unglue(line: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = line;
    while let Some(at) = rest
        .match_indices("MSH")
        .map(|(i, _)| i)
        .find(|&i| i > 0 && rest[i..].chars().skip(3).take(5).filter(char::is_ascii_punctuation).count() >= 4)
    {
        pieces.push(rest[..at].trim_end());
        rest = &rest[at..];
    }
    pieces.push(rest);
    pieces
}

pub(crate) fn parse_hl7(text: &str, uids: &mut usize) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut new_seg = |fields: Vec<String>| {
        *uids += 1;
        Seg { uid: *uids, fields }
    };
    for line in text.split(['\r', '\n']).map(str::trim).filter(|l| !l.is_empty()) {
        for piece in unglue(line) {
            let current = blocks.iter_mut().rev().find_map(|b| match b {
                Block::Message(m) => Some(m),
                Block::Raw(_) => None,
            });
            let field = current.as_ref().map_or('|', |m| m.d.field);
            if piece.starts_with("MSH") {
                if let Some(d) = Delims::from_msh(piece) {
                    let fields = piece.split(d.field).map(str::to_owned).collect();
                    blocks.push(Block::Message(Message { d, items: vec![Item::Seg(new_seg(fields))] }));
                    continue;
                }
            }
            let envelope = ["FHS", "BHS", "BTS", "FTS"].iter().any(|e| piece.starts_with(e));
            if envelope || !looks_like_segment(piece, field) {
                match current {
                    Some(message) => message.items.push(Item::Raw(piece.to_owned())),
                    None => blocks.push(Block::Raw(piece.to_owned())),
                }
                continue;
            }
            let seg = Item::Seg(new_seg(piece.split(field).map(str::to_owned).collect()));
            match current {
                Some(message) => message.items.push(seg),
                None => blocks.push(Block::Message(Message { d: STANDARD, items: vec![seg] })),
            }
        }
    }
    blocks
}

pub(crate) fn write_hl7(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Raw(line) => {
                out.push_str(line);
                out.push('\r');
            }
            Block::Message(message) => {
                for item in &message.items {
                    match item {
                        Item::Raw(line) => out.push_str(line),
                        Item::Seg(seg) => out.push_str(&seg.fields.join(&message.d.field.to_string())),
                    }
                    out.push('\r');
                }
            }
        }
    }
    out
}

/// Where each segment sits, as the reader numbers it: (message, segment index), by uid.
pub(crate) fn segment_positions(blocks: &[Block]) -> BTreeMap<usize, (u32, u32)> {
    let mut positions = BTreeMap::new();
    let messages = blocks.iter().filter_map(|b| match b {
        Block::Message(m) => Some(m),
        Block::Raw(_) => None,
    });
    for (number, message) in messages.enumerate() {
        let segments = message.items.iter().filter_map(|i| match i {
            Item::Seg(s) => Some(s),
            Item::Raw(_) => None,
        });
        for (index, seg) in segments.enumerate() {
            positions.insert(seg.uid, (number as u32 + 1, index as u32 + 1));
        }
    }
    positions
}

// ── HL7: planting ────────────────────────────────────────────────────────────────────────────

pub(crate) struct Hl7Planter {
    pub(crate) markers: Markers,
    pub(crate) variant: Variant,
    /// Plants by segment uid, resolved to message and index once the message is complete.
    pub(crate) pending: Vec<(usize, Plant)>,
    pub(crate) uids: usize,
}

impl Hl7Planter {
    pub(crate) fn mark(&mut self, kind: Kind, seg: &Seg, field: usize, what: &str) -> String {
        let site = Site::Hl7 { message: 0, segment: 0, id: seg.id().to_owned(), field };
        let marker = self.markers.mark(kind, what, site);
        let plant = self.markers.plants.pop().expect("just planted");
        self.pending.push((seg.uid, plant));
        marker
    }

    pub(crate) fn seg(&mut self, d: Delims, fields: &[&str]) -> Item {
        self.uids += 1;
        let fields = fields.iter().map(|f| f.replace('^', &d.component.to_string())).collect();
        Item::Seg(Seg { uid: self.uids, fields })
    }

    /// Field `n` of `seg`, repetition by repetition (at least `min` of them), as components.
    pub(crate) fn edit(
        &mut self,
        seg: &mut Seg,
        n: usize,
        d: Delims,
        min: usize,
        mut f: impl FnMut(&mut Self, &Seg, usize, &mut Vec<String>),
    ) {
        let value = seg.get(n).to_owned();
        let mut reps: Vec<Vec<String>> = if value.trim().is_empty() {
            Vec::new()
        } else {
            value.split(d.repetition).map(|r| r.split(d.component).map(str::to_owned).collect()).collect()
        };
        while reps.len() < min {
            reps.push(Vec::new());
        }
        for (index, rep) in reps.iter_mut().enumerate() {
            f(self, seg, index + 1, rep);
        }
        let joined: Vec<String> = reps.iter().map(|r| r.join(&d.component.to_string())).collect();
        seg.set(n, joined.join(&d.repetition.to_string()));
    }

    /// Every component in `components` of every repetition gets a marker.
    pub(crate) fn mark_components(&mut self, seg: &mut Seg, n: usize, d: Delims, kind: Kind, components: &[usize]) {
        let id = seg.id().to_owned();
        self.edit(seg, n, d, 1, |p, seg, rep, comps| {
            for &c in components {
                let what = format!("{id}-{n}.{c} rep {rep}");
                put(comps, c, p.mark(kind, seg, n, &what));
            }
        });
    }

    pub(crate) fn mark_field(&mut self, seg: &mut Seg, n: usize, kind: Kind) {
        let what = format!("{}-{n}", seg.id());
        let marker = self.mark(kind, seg, n, &what);
        seg.set(n, marker);
    }

    /// XTN: the number components of each repetition (or the e-mail of an e-mail repetition);
    /// `with_email` adds an e-mail repetition.
    pub(crate) fn mark_telecoms(&mut self, seg: &mut Seg, n: usize, d: Delims, kind: Kind, with_email: bool) {
        let id = seg.id().to_owned();
        self.edit(seg, n, d, 1, |p, seg, rep, comps| {
            let is_email = comps.get(3).is_some_and(|c| !c.is_empty())
                || comps.get(2).is_some_and(|c| c.eq_ignore_ascii_case("Internet"));
            if is_email {
                put(comps, 4, p.mark(kind, seg, n, &format!("{id}-{n}.4 rep {rep}")));
                return;
            }
            if comps.first().is_some_and(|c| !c.is_empty()) {
                put(comps, 1, p.mark(kind, seg, n, &format!("{id}-{n}.1 rep {rep}")));
            }
            if comps.get(1).is_none_or(String::is_empty) {
                put(comps, 2, "PRN".to_owned());
                put(comps, 3, "PH".to_owned());
            }
            put(comps, 6, p.mark(kind, seg, n, &format!("{id}-{n}.6 rep {rep}")));
            put(comps, 7, p.mark(kind, seg, n, &format!("{id}-{n}.7 rep {rep}")));
        });
        if with_email {
            let marker = self.mark(kind, seg, n, &format!("{id}-{n}.4 email"));
            let mut value = seg.get(n).to_owned();
            let c = d.component;
            value.push_str(&format!("{}{c}NET{c}Internet{c}{marker}", d.repetition));
            seg.set(n, value);
        }
    }

    pub(crate) fn plant_message(&mut self, message: &mut Message) {
        let d = message.d;
        self.add_missing_segments(message);
        for item in &mut message.items {
            if let Item::Seg(seg) = item {
                self.plant_segment(seg, d);
            }
        }
    }

    /// Adds, for each patient, the segments it lacks, so every position is exercised.
    pub(crate) fn add_missing_segments(&mut self, message: &mut Message) {
        let d = message.d;
        let items = std::mem::take(&mut message.items);
        let info: Vec<(String, String)> = items
            .iter()
            .map(|item| match item {
                Item::Seg(seg) => {
                    let key = match seg.id() {
                        "OBX" => seg.component(3, 1, d),
                        "NK1" => seg.component(3, 1, d).to_ascii_uppercase(),
                        _ => String::new(),
                    };
                    (seg.id().to_owned(), key)
                }
                Item::Raw(_) => (String::new(), String::new()),
            })
            .collect();
        let span_end = |from: usize, stops: &[&str]| {
            (from + 1..info.len()).find(|&i| stops.contains(&info[i].0.as_str())).unwrap_or(info.len())
        };
        let mut out = Vec::new();
        let mut dose_owed = false;
        let mut first_dose = false;
        let mut ordered = false;
        for (index, item) in items.into_iter().enumerate() {
            let id = info[index].0.clone();
            if id == "PID" && dose_owed {
                self.add_dose(d, &mut out);
                dose_owed = false;
            }
            match id.as_str() {
                "ORC" => ordered = true,
                "PID" => ordered = false,
                "RXA" if !ordered => out.push(self.seg(d, &["ORC", "RE", "", "ORD2^DCS"])),
                "RXA" => ordered = false,
                _ => {}
            }
            out.push(item);
            if id == "PID" {
                let span = &info[index + 1..span_end(index, &["PID"])];
                let has = |segment: &str| span.iter().any(|(id, _)| id == segment);
                let has_nk1 = |code: &str| span.iter().any(|(id, key)| id == "NK1" && key == code);
                if !has("PD1") {
                    out.push(self.seg(d, &["PD1"]));
                }
                if !has_nk1("MTH") {
                    out.push(self.seg(d, &["NK1", "1", "", "MTH^Mother^HL70063"]));
                }
                if !has_nk1("GRD") {
                    out.push(self.seg(d, &["NK1", "2", "", "GRD^Guardian^HL70063"]));
                }
                if !has("PV1") {
                    out.push(self.seg(d, &["PV1", "1", "R"]));
                }
                for (segment, first) in [("IN1", "1"), ("IN2", ""), ("IN3", "1"), ("GT1", "1")] {
                    if !has(segment) {
                        out.push(self.seg(d, &[segment, first]));
                    }
                }
                // A note about the patient rather than a dose.
                out.push(self.seg(d, &["NTE", "1", "", "x"]));
                dose_owed = !has("RXA");
                first_dose = true;
            }
            if id == "RXA" {
                let block = &info[index + 1..span_end(index, &["RXA", "ORC", "PID"])];
                let has_obx = |code: &str| block.iter().any(|(id, key)| id == "OBX" && key == code);
                self.add_dose_details(d, &mut out, !has_obx("64994-7"), !has_obx("30963-3"));
                if first_dose && !block.iter().any(|(id, _)| id == "NTE") {
                    out.push(self.seg(d, &["NTE", "1", "", "x"]));
                }
                first_dose = false;
            }
        }
        if dose_owed {
            self.add_dose(d, &mut out);
        }
        message.items = out;
    }

    pub(crate) fn add_dose(&mut self, d: Delims, out: &mut Vec<Item>) {
        out.push(self.seg(d, &["ORC", "RE", "", "ORD1^DCS"]));
        let rxa = [
            "RXA",
            "0",
            "1",
            "20200101",
            "20200101",
            "08^Hep B, adolescent or pediatric^CVX",
            "0.5",
            "mL^mL^UCUM",
            "",
            "00^New immunization record^NIP001",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "CP",
            "A",
        ];
        out.push(self.seg(d, &rxa));
        self.add_dose_details(d, out, true, true);
        out.push(self.seg(d, &["NTE", "1", "", "x"]));
    }

    pub(crate) fn add_dose_details(&mut self, d: Delims, out: &mut Vec<Item>, eligibility: bool, source: bool) {
        if eligibility {
            let code = "64994-7^Vaccine funding program eligibility category^LN";
            out.push(self.seg(d, &["OBX", "1", "CE", code, "1", "x", "", "", "", "", "", "F"]));
        }
        if source {
            let code = "30963-3^Vaccine funding source^LN";
            out.push(self.seg(d, &["OBX", "2", "CE", code, "1", "x", "", "", "", "", "", "F"]));
        }
    }

    pub(crate) fn plant_segment(&mut self, seg: &mut Seg, d: Delims) {
        match seg.id() {
            "PID" => self.plant_pid(seg, d),
            "PD1" => self.mark_components(seg, 11, d, Kind::Publicity, &[1, 2]),
            "NK1" => {
                let relation = relation([seg.component(3, 1, d).as_str()], [seg.component(3, 2, d).as_str()]);
                self.mark_components(seg, 2, d, name_kind(relation), &[1, 2]);
                self.mark_components(seg, 4, d, Kind::RelatedContact, &[1, 3, 5]);
                self.mark_telecoms(seg, 5, d, Kind::RelatedContact, false);
                self.mark_telecoms(seg, 6, d, Kind::RelatedContact, false);
                self.mark_components(seg, 33, d, Kind::Identifier, &[1]);
                self.mark_field(seg, 37, Kind::Identifier);
            }
            "PV1" => match self.variant {
                Variant::Markers => self.mark_components(seg, 20, d, Kind::Insurance, &[1, 2]),
                Variant::Codes(_) => seg.set(20, format!("V02{}Medicaid", d.component)),
            },
            "IN1" => {
                for n in 2..=49 {
                    let kind = if n == 36 || n == 49 { Kind::MemberId } else { Kind::Insurance };
                    self.mark_components(seg, n, d, kind, &[1]);
                }
            }
            "IN2" => (1..=72).for_each(|n| self.mark_components(seg, n, d, Kind::Insurance, &[1])),
            "IN3" => (2..=28).for_each(|n| self.mark_components(seg, n, d, Kind::Insurance, &[1])),
            "GT1" => (2..=57).for_each(|n| self.mark_components(seg, n, d, Kind::Insurance, &[1])),
            "ORC" => {
                self.mark_components(seg, 10, d, Kind::StaffName, &[2, 3]);
                self.mark_components(seg, 12, d, Kind::StaffName, &[2, 3]);
            }
            "RXA" => {
                self.mark_components(seg, 10, d, Kind::StaffName, &[2, 3]);
                if seg.component(18, 1, d).is_empty() && seg.component(18, 2, d).is_empty() {
                    seg.set(18, ["00", "x", "NIP002"].join(&d.component.to_string()));
                }
                self.edit(seg, 18, d, 1, |p, seg, _, comps| {
                    if comps.first().is_some_and(|c| !c.is_empty()) || comps.get(1).is_some_and(|c| !c.is_empty()) {
                        put(comps, 2, p.mark(Kind::RefusalReason, seg, 18, "RXA-18.2"));
                    }
                });
            }
            "OBX" => match seg.component(3, 1, d).as_str() {
                "64994-7" => match self.variant {
                    Variant::Markers => {
                        let marker = self.mark(Kind::Funding, seg, 5, "OBX-5.2 64994-7");
                        seg.set(5, ["V02", &marker, "HL70064"].join(&d.component.to_string()));
                    }
                    Variant::Codes(k) => {
                        seg.set(5, HL7_ELIGIBILITY_CODES[k].replace('^', &d.component.to_string()));
                    }
                },
                "30963-3" => {
                    let code = self.mark(Kind::Funding, seg, 5, "OBX-5.1 30963-3");
                    let text = self.mark(Kind::Funding, seg, 5, "OBX-5.2 30963-3");
                    seg.set(5, [code.as_str(), &text, "CDCPHINVS"].join(&d.component.to_string()));
                }
                _ => {}
            },
            "NTE" => self.mark_field(seg, 3, Kind::Note),
            "QPD" => (3..=9).for_each(|n| self.mark_field(seg, n, Kind::QueryEcho)),
            "ERR" => self.mark_field(seg, 8, Kind::AckText),
            "MSA" => self.mark_field(seg, 3, Kind::AckText),
            _ => {}
        }
    }

    pub(crate) fn plant_pid(&mut self, seg: &mut Seg, d: Delims) {
        self.edit(seg, 3, d, 1, |p, seg, rep, comps| {
            let empty = comps.iter().all(String::is_empty);
            put(comps, 1, p.mark(Kind::Identifier, seg, 3, &format!("PID-3.1 rep {rep}")));
            if empty {
                put(comps, 4, "AUTH".to_owned());
                put(comps, 5, "MR".to_owned());
            }
        });
        // PID-5: the first repetition with a family or given name is the name (the reader skips
        // the others); every later one is an alias, and one is added when there is none.
        let names = seg.get(5).to_owned();
        let c = d.component.to_string();
        let blank = |rep: &str| rep.split(d.component).take(3).all(|part| part.trim().is_empty());
        let mut reps: Vec<String> = names.split(d.repetition).map(str::to_owned).collect();
        let legal = match reps.iter().position(|r| !blank(r)) {
            Some(legal) => legal,
            None => {
                reps = vec![["Anonymous", "Pat"].join(&c)];
                0
            }
        };
        if reps.len() < legal + 2 {
            reps.push(["", "", "", "", "", "", "A"].join(&c));
        }
        seg.set(5, reps.join(&d.repetition.to_string()));
        self.edit(seg, 5, d, 2, |p, seg, rep, comps| {
            if rep > legal + 1 {
                put(comps, 1, p.mark(Kind::Alias, seg, 5, &format!("PID-5.1 rep {rep}")));
                put(comps, 2, p.mark(Kind::Alias, seg, 5, &format!("PID-5.2 rep {rep}")));
            }
        });
        let family = self.mark(Kind::MothersMaidenName, seg, 6, "PID-6.1");
        let given = self.mark(Kind::MothersMaidenName, seg, 6, "PID-6.2");
        seg.set(6, [family.as_str(), &given, "", "", "", "", "M"].join(&c));
        self.mark_components(seg, 10, d, Kind::Race, &[1, 2]);
        self.mark_components(seg, 11, d, Kind::Address, &[1, 3, 5]);
        self.mark_telecoms(seg, 13, d, Kind::Telecom, true);
        self.mark_telecoms(seg, 14, d, Kind::Telecom, false);
        self.mark_field(seg, 19, Kind::Identifier);
        let licence = self.mark(Kind::Identifier, seg, 20, "PID-20.1");
        seg.set(20, [licence.as_str(), "MN"].join(&c));
        self.mark_components(seg, 21, d, Kind::Identifier, &[1]);
        self.mark_components(seg, 22, d, Kind::Ethnicity, &[1, 2]);
        self.mark_field(seg, 23, Kind::BirthPlace);
    }
}

/// Sets component `c` (1-based), padding with empty components.
pub(crate) fn put(comps: &mut Vec<String>, c: usize, value: String) {
    if comps.len() < c {
        comps.resize(c, String::new());
    }
    comps[c - 1] = value;
}

/// Plants markers in HL7 text; returns the planted text and the plants.
pub(crate) fn plant_hl7(text: &str, variant: Variant) -> (String, Vec<Plant>) {
    let mut uids = 0;
    let mut blocks = parse_hl7(text, &mut uids);
    let mut planter = Hl7Planter { markers: Markers::default(), variant, pending: Vec::new(), uids };
    for block in &mut blocks {
        if let Block::Message(message) = block {
            planter.plant_message(message);
        }
    }
    let positions = segment_positions(&blocks);
    let plants = planter
        .pending
        .into_iter()
        .map(|(uid, mut plant)| {
            if let Site::Hl7 { message, segment, .. } = &mut plant.site {
                (*message, *segment) = positions.get(&uid).copied().expect("every planted segment is written");
            }
            plant
        })
        .collect();
    (write_hl7(&blocks), plants)
}

// ── FHIR: planting ───────────────────────────────────────────────────────────────────────────

pub(crate) fn resource_type(value: &Value) -> &str {
    value.get("resourceType").and_then(Value::as_str).unwrap_or("")
}

/// Every resource in the document, by JSON Pointer, with its type.
pub(crate) fn resources(value: &Value, at: &str, out: &mut Vec<(String, String)>) {
    let kind = resource_type(value);
    if kind.is_empty() {
        return;
    }
    if kind == "Bundle" {
        for (i, entry) in value.get("entry").and_then(Value::as_array).into_iter().flatten().enumerate() {
            if let Some(resource) = entry.get("resource") {
                resources(resource, &format!("{at}/entry/{i}/resource"), out);
            }
        }
        return;
    }
    out.push((at.to_owned(), kind.to_owned()));
    for (j, contained) in value.get("contained").and_then(Value::as_array).into_iter().flatten().enumerate() {
        resources(contained, &format!("{at}/contained/{j}"), out);
    }
}

/// The relationship codes and words of a RelatedPerson or Patient.contact.
pub(crate) fn fhir_relation(person: &Value) -> Relation {
    let concepts: Vec<&Value> = match person.get("relationship") {
        Some(Value::Array(list)) => list.iter().collect(),
        Some(concept) => vec![concept],
        None => Vec::new(),
    };
    let mut codes = Vec::new();
    let mut words = Vec::new();
    for concept in concepts {
        words.extend(concept.get("text").and_then(Value::as_str));
        for coding in concept.get("coding").and_then(Value::as_array).into_iter().flatten() {
            codes.extend(coding.get("code").and_then(Value::as_str));
            words.extend(coding.get("display").and_then(Value::as_str));
        }
    }
    relation(codes, words)
}

pub(crate) struct FhirPlanter {
    pub(crate) markers: Markers,
    pub(crate) variant: Variant,
    /// Resource type by every reference that names it (`Type/id`, full URL, `#id`).
    pub(crate) kinds: BTreeMap<String, String>,
}

impl FhirPlanter {
    pub(crate) fn mark(&mut self, kind: Kind, what: &str, pointer: String) -> String {
        self.markers.mark(kind, what, Site::Json { pointer })
    }

    /// Replaces the string at `key` of `object` (adding it) with a marker.
    pub(crate) fn set(&mut self, object: &mut Value, key: &str, kind: Kind, what: &str, at: &str) {
        if let Some(map) = object.as_object_mut() {
            let marker = self.mark(kind, what, format!("{at}/{key}"));
            map.insert(key.to_owned(), Value::String(marker));
        }
    }

    /// A list member, made an array of at least one object.
    pub(crate) fn list<'v>(object: &'v mut Value, key: &str, fill: impl Fn() -> Value) -> Option<&'v mut Vec<Value>> {
        let map = object.as_object_mut()?;
        let list = map.entry(key.to_owned()).or_insert_with(|| json!([]));
        if !list.is_array() {
            *list = json!([]);
        }
        let list = list.as_array_mut()?;
        if list.is_empty() {
            list.push(fill());
        }
        Some(list)
    }

    /// A HumanName: family and given (and text when there is text), or only the text of a
    /// name that has nothing else.
    pub(crate) fn name(&mut self, name: &mut Value, kind: Kind, what: &str, at: &str) {
        if !name.is_object() {
            *name = json!({});
        }
        let has_text = name.get("text").is_some();
        let text_only = has_text && name.get("family").is_none() && name.get("given").is_none();
        if !text_only {
            self.set(name, "family", kind, &format!("{what}.family"), at);
            let given = self.mark(kind, &format!("{what}.given"), format!("{at}/given/0"));
            name["given"] = json!([given]);
        }
        if has_text {
            self.set(name, "text", kind, &format!("{what}.text"), at);
        }
    }

    pub(crate) fn address(&mut self, address: &mut Value, kind: Kind, what: &str, at: &str) {
        if !address.is_object() {
            *address = json!({});
        }
        let line = self.mark(kind, &format!("{what}.line"), format!("{at}/line/0"));
        address["line"] = json!([line]);
        self.set(address, "city", kind, &format!("{what}.city"), at);
        self.set(address, "postalCode", kind, &format!("{what}.postalCode"), at);
    }

    pub(crate) fn addresses(&mut self, resource: &mut Value, kind: Kind, what: &str, at: &str) {
        if let Some(list) = Self::list(resource, "address", || json!({ "use": "home", "state": "MN" })) {
            for (i, address) in list.iter_mut().enumerate() {
                self.address(address, kind, what, &format!("{at}/address/{i}"));
            }
        }
    }

    pub(crate) fn telecoms(&mut self, resource: &mut Value, kind: Kind, what: &str, at: &str) {
        if let Some(list) = Self::list(resource, "telecom", || json!({ "system": "phone" })) {
            for (i, telecom) in list.iter_mut().enumerate() {
                if telecom.is_object() {
                    self.set(telecom, "value", kind, what, &format!("{at}/telecom/{i}"));
                }
            }
        }
    }

    pub(crate) fn identifiers(&mut self, resource: &mut Value, kind: Kind, what: &str, at: &str) {
        if let Some(list) = Self::list(resource, "identifier", || json!({ "system": "urn:oid:2.16.840.1.113883.4.1" }))
        {
            for (i, identifier) in list.iter_mut().enumerate() {
                if identifier.is_object() {
                    self.set(identifier, "value", kind, what, &format!("{at}/identifier/{i}"));
                }
            }
        }
    }

    pub(crate) fn patient(&mut self, patient: &mut Value, at: &str) {
        // The legal name is the first `official` one, else the first: every other is an alias.
        let names =
            Self::list(patient, "name", || json!({ "use": "official", "family": "Anonymous", "given": ["Pat"] }));
        if let Some(names) = names {
            if names.len() < 2 {
                names.push(json!({ "use": "old" }));
            }
        }
        let names = patient["name"].as_array().map_or(0, Vec::len);
        let legal = patient["name"]
            .as_array()
            .and_then(|names| names.iter().position(|n| n.get("use").and_then(Value::as_str) == Some("official")))
            .unwrap_or(0);
        for i in (0..names).filter(|i| *i != legal) {
            self.name(&mut patient["name"][i], Kind::Alias, "Patient.name(alias)", &format!("{at}/name/{i}"));
        }
        self.identifiers(patient, Kind::Identifier, "Patient.identifier.value", at);
        if let Some(telecoms) = Self::list(patient, "telecom", || json!({ "system": "phone" })) {
            telecoms.push(json!({ "system": "phone", "use": "mobile" }));
            telecoms.push(json!({ "system": "email" }));
        }
        self.telecoms(patient, Kind::Telecom, "Patient.telecom.value", at);
        self.addresses(patient, Kind::Address, "Patient.address", at);
        self.extensions(patient, at);
        if let Some(contacts) = patient.get_mut("contact").and_then(Value::as_array_mut) {
            for (i, contact) in contacts.iter_mut().enumerate() {
                let at = format!("{at}/contact/{i}");
                let kind = name_kind(fhir_relation(contact));
                if contact.get("name").is_some() {
                    self.name(&mut contact["name"], kind, "Patient.contact.name", &format!("{at}/name"));
                }
                if contact.get("telecom").is_some() {
                    self.telecoms(contact, Kind::RelatedContact, "Patient.contact.telecom.value", &at);
                }
                if contact.get("address").is_some() {
                    let address = &mut contact["address"];
                    self.address(address, Kind::RelatedContact, "Patient.contact.address", &format!("{at}/address"));
                }
            }
        }
    }

    /// Every extension's value[x] string (and a valueCoding's display, a valueAddress's parts);
    /// the race, ethnicity, mother's maiden name and birthplace extensions are added if absent.
    pub(crate) fn extensions(&mut self, patient: &mut Value, at: &str) {
        const BASE: &str = "http://hl7.org/fhir";
        let urls = [
            (format!("{BASE}/us/core/StructureDefinition/us-core-race"), Kind::Race),
            (format!("{BASE}/us/core/StructureDefinition/us-core-ethnicity"), Kind::Ethnicity),
            (format!("{BASE}/StructureDefinition/patient-mothersMaidenName"), Kind::MothersMaidenName),
            (format!("{BASE}/StructureDefinition/patient-birthPlace"), Kind::BirthPlace),
        ];
        let Some(list) = Self::list(patient, "extension", || json!(null)) else { return };
        list.retain(|e| !e.is_null());
        for (url, kind) in &urls {
            if list.iter().any(|e| e.get("url").and_then(Value::as_str) == Some(url)) {
                continue;
            }
            list.push(match kind {
                Kind::Race | Kind::Ethnicity => {
                    json!({ "url": url, "extension": [{ "url": "text", "valueString": "x" }] })
                }
                Kind::BirthPlace => json!({ "url": url, "valueAddress": { "city": "x", "state": "MN" } }),
                _ => json!({ "url": url, "valueString": "x" }),
            });
        }
        for (i, extension) in list.iter_mut().enumerate() {
            let url = extension.get("url").and_then(Value::as_str).unwrap_or("").to_owned();
            let kind = urls.iter().find(|(u, _)| *u == url).map_or(Kind::OtherExtension, |(_, k)| *k);
            self.extension(extension, kind, &format!("{at}/extension/{i}"));
        }
    }

    pub(crate) fn extension(&mut self, extension: &mut Value, kind: Kind, at: &str) {
        let Some(map) = extension.as_object_mut() else { return };
        let keys: Vec<String> = map.keys().filter(|k| k.starts_with("value")).cloned().collect();
        for key in keys {
            let what = format!("Patient.extension.{key}");
            let value = &mut map[&key];
            match value {
                Value::String(_) => {
                    *value = Value::String(self.mark(kind, &what, format!("{at}/{key}")));
                }
                Value::Object(_) if key == "valueCoding" => {
                    self.set(value, "display", kind, &what, &format!("{at}/{key}"))
                }
                Value::Object(_) if key == "valueAddress" => self.address(value, kind, &what, &format!("{at}/{key}")),
                _ => {}
            }
        }
        if let Some(parts) = map.get_mut("extension").and_then(Value::as_array_mut) {
            for (j, part) in parts.iter_mut().enumerate() {
                self.extension(part, kind, &format!("{at}/extension/{j}"));
            }
        }
    }

    pub(crate) fn related_person(&mut self, person: &mut Value, at: &str) {
        let kind = name_kind(fhir_relation(person));
        if let Some(names) = Self::list(person, "name", || json!({})) {
            let count = names.len();
            for i in 0..count {
                self.name(&mut person["name"][i], kind, "RelatedPerson.name", &format!("{at}/name/{i}"));
            }
        }
        self.telecoms(person, Kind::RelatedContact, "RelatedPerson.telecom.value", at);
        self.addresses(person, Kind::RelatedContact, "RelatedPerson.address", at);
        self.identifiers(person, Kind::Identifier, "RelatedPerson.identifier.value", at);
    }

    pub(crate) fn coverage(&mut self, coverage: &mut Value, at: &str) {
        self.set(coverage, "subscriberId", Kind::MemberId, "Coverage.subscriberId", at);
        self.identifiers(coverage, Kind::MemberId, "Coverage.identifier.value", at);
        if let Some(payors) = Self::list(coverage, "payor", || json!({})) {
            for (i, payor) in payors.iter_mut().enumerate() {
                if payor.is_object() {
                    self.set(payor, "display", Kind::Insurance, "Coverage.payor.display", &format!("{at}/payor/{i}"));
                }
            }
        }
        if !coverage.get("type").is_some_and(Value::is_object) {
            coverage["type"] = json!({});
        }
        self.set(&mut coverage["type"], "text", Kind::Insurance, "Coverage.type.text", &format!("{at}/type"));
    }

    /// Whether a performer's actor is a person (a staff name) or a place.
    pub(crate) fn actor_kind(&self, actor: &Value, container: &Value) -> Kind {
        let person = |kind: &str| matches!(kind, "Practitioner" | "PractitionerRole" | "Patient" | "RelatedPerson");
        if let Some(kind) = actor.get("type").and_then(Value::as_str) {
            return if person(kind) { Kind::StaffName } else { Kind::Place };
        }
        let reference = actor.get("reference").and_then(Value::as_str).unwrap_or("");
        let contained = reference.strip_prefix('#').and_then(|id| {
            container.get("contained")?.as_array()?.iter().find(|c| c.get("id").and_then(Value::as_str) == Some(id))
        });
        let kind = match contained {
            Some(resource) => resource_type(resource).to_owned(),
            None => self
                .kinds
                .get(reference)
                .cloned()
                .unwrap_or_else(|| reference.rsplit('/').nth(1).unwrap_or("").to_owned()),
        };
        if person(&kind) { Kind::StaffName } else { Kind::Place }
    }

    pub(crate) fn immunization(&mut self, dose: &mut Value, at: &str) {
        if let Some(notes) = Self::list(dose, "note", || json!({})) {
            for (i, note) in notes.iter_mut().enumerate() {
                if note.is_object() {
                    self.set(note, "text", Kind::Note, "Immunization.note.text", &format!("{at}/note/{i}"));
                }
            }
        }
        let container = dose.clone();
        if let Some(performers) = dose.get_mut("performer").and_then(Value::as_array_mut) {
            for (i, performer) in performers.iter_mut().enumerate() {
                let Some(actor) = performer.get_mut("actor").filter(|a| a.get("display").is_some()) else { continue };
                let kind = self.actor_kind(actor, &container);
                let at = format!("{at}/performer/{i}/actor");
                self.set(actor, "display", kind, "Immunization.performer.actor.display", &at);
            }
        }
        const FUNCTION: &str = "http://terminology.hl7.org/CodeSystem/v2-0443";
        let added = [("AP", "Practitioner/added-giver"), ("OP", "Practitioner/added-orderer")];
        if let Some(performers) = Self::list(dose, "performer", || json!(null)) {
            performers.retain(|p| !p.is_null());
            for (function, reference) in added {
                let at = format!("{at}/performer/{}/actor", performers.len());
                let display =
                    self.mark(Kind::StaffName, "Immunization.performer.actor.display", format!("{at}/display"));
                performers.push(json!({
                    "function": { "coding": [{ "system": FUNCTION, "code": function }] },
                    "actor": { "reference": reference, "type": "Practitioner", "display": display },
                }));
            }
        }
        const ELIGIBILITY: &str = "http://terminology.hl7.org/CodeSystem/v2-0064";
        let (eligibility, source) = match self.variant {
            Variant::Markers => {
                let what = "Immunization.programEligibility.coding.display";
                let display = self.mark(Kind::Funding, what, format!("{at}/programEligibility/0/coding/0/display"));
                let what = "Immunization.fundingSource.coding.display";
                let source = self.mark(Kind::Funding, what, format!("{at}/fundingSource/coding/0/display"));
                (
                    json!([{ "coding": [{ "system": ELIGIBILITY, "code": "V02", "display": display }] }]),
                    json!({ "coding": [{ "code": "VXC50", "display": source }] }),
                )
            }
            Variant::Codes(k) => {
                let coding = match k {
                    0 => json!({ "system": ELIGIBILITY, "code": "V02", "display": "Medicaid" }),
                    1 => json!({ "system": ELIGIBILITY, "code": "V03", "display": "Uninsured" }),
                    _ => json!({ "system": ELIGIBILITY, "code": ELIGIBILITY_CODES[k] }),
                };
                (
                    json!([{ "coding": [coding] }]),
                    json!({ "coding": [{ "code": "VXC50", "display": "Public VFC funds" }], "text": "VFC" }),
                )
            }
        };
        dose["programEligibility"] = eligibility;
        dose["fundingSource"] = source;
        if !dose.get("statusReason").is_some_and(Value::is_object) {
            dose["statusReason"] = json!({});
        }
        let at = format!("{at}/statusReason");
        self.set(&mut dose["statusReason"], "text", Kind::RefusalReason, "Immunization.statusReason.text", &at);
    }
}

/// What a bundle entry's patient is called in references.
pub(crate) fn patient_reference(entry: &Value, index: usize) -> String {
    let full_url = entry.get("fullUrl").and_then(Value::as_str);
    let id = entry["resource"].get("id").and_then(Value::as_str);
    match (full_url, id) {
        (Some(url), _) if url.starts_with("urn:") => url.to_owned(),
        (_, Some(id)) => format!("Patient/{id}"),
        (Some(url), None) => url.to_owned(),
        (None, None) => format!("Patient/added-patient-{index}"),
    }
}

pub(crate) fn refers_to(reference: &str, target: &str) -> bool {
    reference == target || reference.ends_with(&format!("/{target}")) || target.ends_with(&format!("/{reference}"))
}

pub(crate) const ROLE_CODE: &str = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";

pub(crate) fn added_person(code: &str, display: &str, reference: &str, id: &str) -> Value {
    json!({
        "resourceType": "RelatedPerson",
        "id": id,
        "patient": { "reference": reference },
        "relationship": [{ "coding": [{ "system": ROLE_CODE, "code": code, "display": display }] }],
        "name": [{ "family": "x", "given": ["x"] }],
        "telecom": [{ "system": "phone", "value": "x" }],
        "address": [{ "line": ["x"], "city": "x", "postalCode": "x" }],
        "identifier": [{ "value": "x" }],
    })
}

pub(crate) fn added_coverage(reference: &str, id: &str) -> Value {
    json!({
        "resourceType": "Coverage",
        "id": id,
        "status": "active",
        "beneficiary": { "reference": reference },
        "subscriberId": "x",
        "identifier": [{ "value": "x" }],
        "payor": [{ "display": "x" }],
        "type": { "text": "x" },
    })
}

/// Adds a mother, a guardian and a coverage to each patient that lacks them.
pub(crate) fn add_missing_resources(root: &mut Value) {
    if resource_type(root) == "Patient" {
        let patient = std::mem::take(root);
        let entry = json!({ "fullUrl": "urn:uuid:7b0c5f0e-1d7e-4c55-9d0e-000000000001", "resource": patient });
        *root = json!({ "resourceType": "Bundle", "type": "collection", "entry": [entry] });
    }
    if resource_type(root) == "Bundle" {
        let Some(entries) = root.get_mut("entry").and_then(Value::as_array_mut) else { return };
        let mut added = Vec::new();
        for index in 0..entries.len() {
            if resource_type(&entries[index]["resource"]) != "Patient" {
                continue;
            }
            if entries[index]["resource"].get("id").is_none() && entries[index].get("fullUrl").is_none() {
                entries[index]["resource"]["id"] = json!(format!("added-patient-{index}"));
            }
            let reference = patient_reference(&entries[index], index);
            let about = |kind: &str, element: &str, code: Option<&str>| {
                entries.iter().any(|e| {
                    let resource = &e["resource"];
                    let target = resource[element]["reference"].as_str().unwrap_or("");
                    resource_type(resource) == kind
                        && refers_to(target, &reference)
                        && code.is_none_or(|code| {
                            let relation = fhir_relation(resource);
                            relation == if code == "MTH" { Relation::Mother } else { Relation::ParentOrGuardian }
                        })
                })
            };
            let id = |what: &str| format!("added-{what}-{index}");
            if !about("RelatedPerson", "patient", Some("MTH")) {
                added.push(added_person("MTH", "mother", &reference, &id("mth")));
            }
            if !about("RelatedPerson", "patient", Some("GRD")) {
                added.push(added_person("GRD", "guardian", &reference, &id("grd")));
            }
            if !about("Coverage", "beneficiary", None) {
                added.push(added_coverage(&reference, &id("coverage")));
            }
        }
        for (n, resource) in added.into_iter().enumerate() {
            let url = format!("urn:uuid:7b0c5f0e-1d7e-4c55-9d0e-1{n:011}");
            entries.push(json!({ "fullUrl": url, "resource": resource }));
        }
        return;
    }
    // A lone resource with its patient contained: the additions are contained too.
    let patients: Vec<String> = root
        .get("contained")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|c| resource_type(c) == "Patient")
        .filter_map(|c| c.get("id").and_then(Value::as_str).map(|id| format!("#{id}")))
        .collect();
    for (n, reference) in patients.iter().enumerate() {
        let contained = root["contained"].as_array().cloned().unwrap_or_default();
        let has = |relation: Relation| {
            contained.iter().any(|c| resource_type(c) == "RelatedPerson" && fhir_relation(c) == relation)
        };
        let mut added = Vec::new();
        if !has(Relation::Mother) {
            added.push(added_person("MTH", "mother", reference, &format!("added-mth-{n}")));
        }
        if !has(Relation::ParentOrGuardian) {
            added.push(added_person("GRD", "guardian", reference, &format!("added-grd-{n}")));
        }
        added.push(added_coverage(reference, &format!("added-coverage-{n}")));
        if let Some(list) = root["contained"].as_array_mut() {
            list.extend(added);
        }
    }
}

pub(crate) fn plant_fhir(text: &str, variant: Variant) -> Option<(String, Vec<Plant>)> {
    let mut root: Value = serde_json::from_str(text).ok()?;
    if !root.is_object() || resource_type(&root).is_empty() {
        return None;
    }
    add_missing_resources(&mut root);
    let mut found = Vec::new();
    resources(&root, "", &mut found);
    let mut kinds = BTreeMap::new();
    for entry in root.get("entry").and_then(Value::as_array).into_iter().flatten() {
        let resource = &entry["resource"];
        let kind = resource_type(resource).to_owned();
        if let Some(url) = entry.get("fullUrl").and_then(Value::as_str) {
            kinds.insert(url.to_owned(), kind.clone());
        }
        if let Some(id) = resource.get("id").and_then(Value::as_str) {
            kinds.insert(format!("{kind}/{id}"), kind.clone());
        }
    }
    let mut planter = FhirPlanter { markers: Markers::default(), variant, kinds };
    for (pointer, kind) in found {
        let Some(resource) = root.pointer_mut(&pointer) else { continue };
        match kind.as_str() {
            "Patient" => planter.patient(resource, &pointer),
            "RelatedPerson" => planter.related_person(resource, &pointer),
            "Coverage" => planter.coverage(resource, &pointer),
            "Immunization" => planter.immunization(resource, &pointer),
            _ => {}
        }
    }
    Some((serde_json::to_string_pretty(&root).expect("serialises"), planter.markers.plants))
}

// ── The corpus ───────────────────────────────────────────────────────────────────────────────

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    Hl7,
    Fhir,
}

/// One planted input, read, and its copy for each recipient.
pub(crate) struct Case {
    /// The input file and variant, for failure messages.
    pub(crate) name: String,
    pub(crate) format: Format,
    pub(crate) variant: Variant,
    pub(crate) plants: Vec<Plant>,
    pub(crate) outcome: ReadOutcome,
    /// The markers in the unredacted records.
    pub(crate) read: BTreeSet<String>,
    pub(crate) copies: Vec<Copy>,
}

/// A redacted copy, and the markers and funding words on what it shows.
pub(crate) struct Copy {
    pub(crate) label: String,
    pub(crate) profile: Profile,
    pub(crate) redacted: Redacted,
    pub(crate) markers: BTreeSet<String>,
    pub(crate) funding: Vec<String>,
}

pub(crate) struct Corpus {
    pub(crate) cases: Vec<Case>,
    /// Each input read as it is, without planting: (file, outcome).
    pub(crate) originals: Vec<(String, ReadOutcome)>,
}

pub(crate) fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub(crate) fn files(dir: &Path, keep: impl Fn(&str) -> bool) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.file_name().and_then(|n| n.to_str()).is_some_and(&keep))
        .collect();
    files.sort();
    files
}

pub(crate) fn read(bytes: &[u8]) -> ReadOutcome {
    let trust = TrustStore::empty();
    recdesk_intake::read(bytes, &ReadContext { now_unix_seconds: 1_720_000_000, trust: &trust }).outcome
}

/// HL7 text as the reader would decode it: UTF-8, else Latin-1 (kept so when written back).
pub(crate) fn decode(bytes: &[u8]) -> (String, bool) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.trim_start_matches('\u{feff}').to_owned(), false),
        Err(_) => (bytes.iter().map(|&b| char::from(b)).collect(), true),
    }
}

pub(crate) fn encode(text: &str, latin1: bool) -> Vec<u8> {
    if latin1 {
        text.chars().map(|c| u8::try_from(u32::from(c)).expect("Latin-1 text stays Latin-1")).collect()
    } else {
        text.as_bytes().to_vec()
    }
}

/// Every marker in `text`: `LEAK` up to the first `Z`.
pub(crate) fn markers_in(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(at) = rest.find("LEAK") {
        let tail = &rest[at..];
        let token = &tail[..tail.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(tail.len())];
        if let Some(z) = token.find('Z') {
            found.insert(token[..=z].to_owned());
        }
        rest = &tail[4..];
    }
    found
}

/// Every recipient, each with its defaults and (but the summary) with every setting ticked.
pub(crate) fn profiles() -> Vec<(String, Profile)> {
    let mut profiles = Vec::new();
    for recipient in [Recipient::School, Recipient::Provider, Recipient::Patient] {
        profiles.push((format!("{recipient:?} (defaults)"), Profile::default_for(recipient)));
        profiles.push((
            format!("{recipient:?} (every setting on)"),
            Profile {
                recipient,
                settings: Settings::everything(),
                requested_by_a_person: false,
                address_withheld: false,
            },
        ));
    }
    profiles.push(("Summary".to_owned(), Profile::default_for(Recipient::DoseCounts)));
    profiles
}

/// What a copy shows: everything but the settings, the redaction log and the diagnostics.
pub(crate) fn shown(redacted: &Redacted) -> Value {
    let mut value = serde_json::to_value(redacted).expect("redacted copies serialise");
    if let Value::Object(map) = &mut value {
        for key in ["settings", "redactions", "diagnostics"] {
            map.remove(key);
        }
    }
    value
}

pub(crate) fn strings<'v>(value: &'v Value, out: &mut Vec<&'v str>) {
    match value {
        Value::String(s) => out.push(s),
        Value::Array(list) => list.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// Eligibility codes and words that may never be on an organization's copy.
pub(crate) fn funding_words(shown: &Value) -> Vec<String> {
    let text = shown.to_string().to_lowercase();
    let mut found: Vec<String> =
        FORBIDDEN_WORDS.iter().filter(|w| text.contains(*w)).map(|w| format!("the word {w:?}")).collect();
    let mut values = Vec::new();
    strings(shown, &mut values);
    for value in values {
        if ELIGIBILITY_CODES.iter().any(|code| value.trim().eq_ignore_ascii_case(code)) {
            found.push(format!("the eligibility code {value:?}"));
        }
    }
    found
}

pub(crate) fn copy(outcome: &ReadOutcome, label: String, profile: Profile) -> Copy {
    let redacted = redact(outcome, &profile, &StaffRedactions::default());
    let shown = shown(&redacted);
    Copy { label, profile, markers: markers_in(&shown.to_string()), funding: funding_words(&shown), redacted }
}

pub(crate) fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let root = manifest();
        let crates = root.parent().expect("crates/");
        let mut inputs: Vec<(PathBuf, Format)> = Vec::new();
        let hl7 = |name: &str| name.ends_with(".hl7");
        inputs.extend(files(&crates.join("hl7/tests/corpus/izgw"), hl7).into_iter().map(|p| (p, Format::Hl7)));
        inputs.extend(files(&crates.join("intake/tests/fixtures"), hl7).into_iter().map(|p| (p, Format::Hl7)));
        let fhir = |name: &str| name.ends_with(".json") && !name.ends_with(".expected.json");
        inputs.extend(files(&crates.join("fhir/tests/fixtures"), fhir).into_iter().map(|p| (p, Format::Fhir)));
        inputs.push((crates.join("intake/tests/fixtures/fhir-example-bundle.json"), Format::Fhir));

        let profiles = profiles();
        let mut cases = Vec::new();
        let mut originals = Vec::new();
        for (path, format) in inputs {
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let file = path.strip_prefix(crates).unwrap_or(&path).display().to_string();
            originals.push((file.clone(), read(&bytes)));
            for variant in VARIANTS {
                let planted = match format {
                    Format::Hl7 => {
                        let (text, latin1) = decode(&bytes);
                        let (planted, plants) = plant_hl7(&text, variant);
                        Some((encode(&planted, latin1), plants))
                    }
                    Format::Fhir => {
                        let text = String::from_utf8_lossy(&bytes);
                        plant_fhir(&text, variant).map(|(text, plants)| (text.into_bytes(), plants))
                    }
                };
                // An input that is not a FHIR resource is read as it is (nothing to plant).
                let (input, plants) = planted.unwrap_or_else(|| (bytes.clone(), Vec::new()));
                let outcome = read(&input);
                let read = markers_in(&serde_json::to_string(&outcome.records).expect("records serialise"));
                let copies = profiles.iter().map(|(label, profile)| copy(&outcome, label.clone(), *profile)).collect();
                let name = format!("{file} [{variant:?}]");
                cases.push(Case { name, format, variant, plants, outcome, read, copies });
            }
        }
        Corpus { cases, originals }
    })
}
