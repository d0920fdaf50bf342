//! A FHIR Bundle of any size, a patient record at a time: the JSON is cut into entries as it
//! is read (`json_cut`), the entries grouped into records (`fhir_group`), and each record handed
//! on as a small Bundle of its own (the big one's other members, and its entries), which the
//! reader reads exactly as it reads a whole file.
//!
//! A bundle not in patient order can only be read whole. Up to the intake's limit (20 MB) every
//! byte is held until the end, so such a bundle falls back to a whole reading with nothing
//! written yet. A larger file is checked in a first pass before anything is written; a larger
//! standard input cannot be read twice, so it stops where the order breaks.

use std::collections::VecDeque;
use std::io::{self, Read};

use crate::fhir_group::{Closed, Facts, Grouper, OutOfOrder};
use crate::json_cut::{CutError, Cutter, Event, Position};

/// Members the reader does not read (it says nothing of them), so they may follow the entries.
const SILENT_MEMBERS: &[&str] = &["identifier", "total", "signature"];

#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Input up to this size is held, so it can be read whole when it is not in patient order.
    pub hold: usize,
    pub element: usize,
    pub record: usize,
    /// Every top-level member but `entry`, together.
    pub header: usize,
}

impl Default for Limits {
    fn default() -> Self {
        let max = recdesk_intake::MAX_INPUT_BYTES;
        Limits { hold: max, element: max, record: max, header: 1024 * 1024 }
    }
}

/// What the stream yields.
#[derive(Debug)]
pub enum Item {
    /// One record's small Bundle.
    Group(Group),
    /// The whole input (at most `Limits::hold`), to be read whole: it is not a bundle in patient
    /// order. Only ever the one item.
    Whole(Vec<u8>),
}

#[derive(Debug)]
pub struct Group {
    /// A Bundle of the big one's members and this record's entries, as JSON.
    pub bundle: Vec<u8>,
    /// Index in the big bundle's `entry` of the small one's first entry: `/entry/N` in the small
    /// bundle is `/entry/{first_entry + N}` in the big one.
    pub first_entry: usize,
    pub patient_entry: Option<usize>,
}

/// Copies what is read while it stays within `limit`, so a held input can be read whole.
#[derive(Debug)]
struct Tee<R> {
    inner: R,
    copy: Option<Vec<u8>>,
    limit: usize,
}

impl<R: Read> Read for Tee<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let read = self.inner.read(buf)?;
        if let Some(copy) = &mut self.copy {
            if copy.len() + read > self.limit {
                self.copy = None;
            } else {
                copy.extend_from_slice(&buf[..read]);
            }
        }
        Ok(read)
    }
}

impl<R: Read> Tee<R> {
    /// Reads the rest of the input into the copy; the copy when it all fitted.
    fn rest(&mut self) -> io::Result<Option<Vec<u8>>> {
        let mut scratch = vec![0; 64 * 1024];
        while self.copy.is_some() {
            match self.read(&mut scratch) {
                Ok(0) => break,
                Ok(_) => {}
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(error) => return Err(error),
            }
        }
        Ok(self.copy.take())
    }
}

/// The records of a bundle, as small bundles.
#[derive(Debug)]
pub struct Records<R> {
    cutter: Cutter<Tee<R>>,
    grouper: Grouper,
    header: Vec<(String, Vec<u8>)>,
    /// The first pass read every member; later ones are not collected again.
    header_complete: bool,
    /// Records found while the input is held.
    pending: VecDeque<Closed>,
    holding: bool,
    entries_read: usize,
    finished: bool,
}

/// What a first pass over a file found.
#[derive(Debug)]
pub enum Checked {
    /// In patient order (up to any break in the JSON, which the second pass reports where it
    /// is): the bundle's members but `entry`.
    InOrder(Vec<(String, Vec<u8>)>),
    NotABundle,
    Refused(String),
}

impl<R: Read> Records<R> {
    /// Reads `reader` holding what it reads up to `limits.hold`.
    pub fn held(reader: R, limits: Limits) -> Self {
        Self::new(Tee { inner: reader, copy: Some(Vec::new()), limit: limits.hold }, limits, Vec::new(), false)
    }

    /// Reads `reader`, a file the first pass found in patient order, with the header it found.
    pub fn checked(reader: R, header: Vec<(String, Vec<u8>)>, limits: Limits) -> Self {
        Self::new(Tee { inner: reader, copy: None, limit: 0 }, limits, header, true)
    }

    fn new(tee: Tee<R>, limits: Limits, header: Vec<(String, Vec<u8>)>, header_complete: bool) -> Self {
        Records {
            cutter: Cutter::new(tee, limits.element, limits.header),
            grouper: Grouper::new(true, limits.record),
            header,
            header_complete,
            pending: VecDeque::new(),
            holding: !header_complete,
            entries_read: 0,
            finished: false,
        }
    }

    /// Bytes read so far.
    pub fn bytes_read(&self) -> u64 {
        self.cutter.read_so_far()
    }

    pub fn entries_read(&self) -> usize {
        self.entries_read
    }

    /// A first pass over a file: is it a bundle in patient order, and what are its members?
    pub fn check(reader: R, limits: Limits) -> io::Result<Checked> {
        let mut cutter = Cutter::new(reader, limits.element, limits.header);
        let mut grouper = Grouper::new(false, limits.record);
        let mut header = Vec::new();
        loop {
            match cutter.next_event() {
                Ok(Event::Member { key, raw, .. }) => header.push((key, latin1_as_utf8(raw))),
                Ok(Event::Entry(element)) => {
                    let bytes = latin1_as_utf8(element.bytes);
                    // Broken JSON is reported by the second pass, after the records before it.
                    let Ok(facts) = Facts::of(&bytes) else { return Ok(Checked::InOrder(header)) };
                    if let Err(OutOfOrder(why)) = grouper.push(element.index, bytes, &facts) {
                        return Ok(Checked::Refused(why));
                    }
                }
                Ok(Event::End) => {
                    return Ok(match grouper.finish() {
                        Err(OutOfOrder(why)) => Checked::Refused(why),
                        Ok(_) if says_bundle(&header) => Checked::InOrder(header),
                        Ok(_) => Checked::NotABundle,
                    });
                }
                Err(CutError::NotABundle(_)) => return Ok(Checked::NotABundle),
                Err(CutError::Io(error)) => return Err(error),
                // Broken before it said it is a bundle: refused for its size, as any large input is.
                Err(CutError::Malformed { .. } | CutError::TooLarge { .. }) if !says_bundle(&header) => {
                    return Ok(Checked::NotABundle);
                }
                Err(CutError::Malformed { .. } | CutError::TooLarge { .. }) => return Ok(Checked::InOrder(header)),
            }
        }
    }

    /// The small bundle of a record's entries.
    fn group(&self, closed: Closed) -> Group {
        let size: usize = self.header.iter().map(|(_, raw)| raw.len() + 1).sum::<usize>()
            + closed.entries.iter().map(|entry| entry.len() + 1).sum::<usize>()
            + 16;
        let mut bundle = Vec::with_capacity(size);
        bundle.push(b'{');
        for (_, raw) in &self.header {
            bundle.extend_from_slice(raw);
            bundle.push(b',');
        }
        bundle.extend_from_slice(b"\"entry\":[");
        for (index, entry) in closed.entries.iter().enumerate() {
            if index > 0 {
                bundle.push(b',');
            }
            bundle.extend_from_slice(entry);
        }
        bundle.extend_from_slice(b"]}");
        Group { bundle, first_entry: closed.first_entry, patient_entry: closed.patient_entry }
    }

    /// The input cannot be streamed: read whole while it is held and fits, else `why`.
    fn cannot_stream(&mut self, why: String) -> Option<Result<Item, String>> {
        self.finished = true;
        self.pending.clear();
        if !self.holding {
            return Some(Err(why));
        }
        Some(match self.cutter.reader_mut().rest() {
            Ok(Some(whole)) => Ok(Item::Whole(whole)),
            Ok(None) => Err(why),
            Err(error) => Err(format!("could not be read: {error}")),
        })
    }

    fn next_item(&mut self) -> Option<Result<Item, String>> {
        loop {
            if !self.holding {
                if let Some(closed) = self.pending.pop_front() {
                    return Some(Ok(Item::Group(self.group(closed))));
                }
            }
            if self.finished {
                return None;
            }
            match self.cutter.next_event() {
                Ok(Event::Member { key, raw, after_entries }) => {
                    if self.header_complete {
                        continue;
                    }
                    if after_entries && !self.holding && !SILENT_MEMBERS.contains(&key.as_str()) {
                        // The records already handed on were read without it.
                        let why = format!("Bundle.{key} comes after the entries; {}", before_entries());
                        return self.cannot_stream(why);
                    }
                    self.header.push((key, latin1_as_utf8(raw)));
                }
                Ok(Event::Entry(element)) => {
                    self.entries_read += 1;
                    let at = element.at;
                    let bytes = latin1_as_utf8(element.bytes);
                    let facts = match Facts::of(&bytes) {
                        Ok(facts) => facts,
                        Err(error) => return self.cannot_stream(not_json(&error, at, element.index)),
                    };
                    match self.grouper.push(element.index, bytes, &facts) {
                        Ok(closed) => self.pending.extend(closed),
                        Err(OutOfOrder(why)) => return self.cannot_stream(not_in_order(&why)),
                    }
                }
                Ok(Event::End) => {
                    if self.entries_read == 0 || !says_bundle(&self.header) {
                        // No entries, or not a Bundle: nothing to stream.
                        return self.cannot_stream(too_large());
                    }
                    match self.grouper.finish() {
                        Ok(closed) => self.pending.extend(closed),
                        Err(OutOfOrder(why)) => return self.cannot_stream(not_in_order(&why)),
                    }
                    self.finished = true;
                    self.holding = false;
                }
                Err(CutError::Io(error)) => {
                    self.finished = true;
                    return Some(Err(format!("could not be read: {error}")));
                }
                Err(CutError::NotABundle(what)) => {
                    let why = if self.entries_read > 0 { not_in_order(what) } else { too_large() };
                    return self.cannot_stream(why);
                }
                Err(CutError::Malformed { what, at }) => {
                    return self.cannot_stream(format!(
                        "the FHIR JSON breaks off or goes wrong at line {}, column {} (byte {}): {what}",
                        at.line, at.column, at.offset
                    ));
                }
                Err(CutError::TooLarge { what, at }) => {
                    return self.cannot_stream(format!("{what} (it starts at line {}, column {})", at.line, at.column));
                }
            }
            if self.holding && self.cutter.reader_mut().copy.is_none() {
                // Past the limit: what is held goes on, and the rest streams. The records are read
                // with the members seen so far, so the bundle must have said what it is.
                self.holding = false;
                if !says_bundle(&self.header) {
                    return self.cannot_stream(format!(
                        "resourceType comes after the entries, or is not \"Bundle\"; {}",
                        before_entries()
                    ));
                }
            }
        }
    }
}

impl<R: Read> Iterator for Records<R> {
    type Item = Result<Item, String>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_item()
    }
}

/// Whether the members read so far say this is a Bundle.
fn says_bundle(header: &[(String, Vec<u8>)]) -> bool {
    header.iter().rfind(|(key, _)| key == "resourceType").is_some_and(|(_, raw)| {
        let value = raw.splitn(2, |&b| b == b':').nth(1).unwrap_or_default();
        serde_json::from_slice::<String>(value).is_ok_and(|kind| kind.trim() == "Bundle")
    })
}

/// JSON is UTF-8; bytes that are not are read as Latin-1, as the intake reads a whole file.
fn latin1_as_utf8(bytes: Vec<u8>) -> Vec<u8> {
    match String::from_utf8(bytes) {
        Ok(text) => text.into_bytes(),
        Err(error) => recdesk_intake::decode_text(error.as_bytes()).text.into_bytes(),
    }
}

/// Why a large bundle from standard input must give its members first: the records handed on
/// are read with the members seen before them.
fn before_entries() -> String {
    format!(
        "a bundle larger than {} MB read from standard input must give every element but entry (resourceType, \
         type, timestamp, meta, link) before the entries. Give the file's name instead of standard input: a file is \
         read twice, and may give them anywhere",
        recdesk_intake::MAX_INPUT_BYTES / (1024 * 1024)
    )
}

/// What the intake says of an input too large to read whole.
fn too_large() -> String {
    format!(
        "the input is more than {} MB, larger than an immunization record can be, and not a FHIR Bundle that can be \
         read a record at a time. Check that you chose the right file.",
        recdesk_intake::MAX_INPUT_BYTES / (1024 * 1024)
    )
}

pub fn not_in_order(why: &str) -> String {
    format!(
        "this FHIR bundle is larger than {} MB and cannot be read a record at a time: {why}. A bundle this large must \
         list each Patient's own resources (Immunization, ImmunizationRecommendation, RelatedPerson, Coverage, \
         ImmunizationEvaluation) after that Patient and before the next one, naming it by its fullUrl or Patient/id",
        recdesk_intake::MAX_INPUT_BYTES / (1024 * 1024)
    )
}

/// An entry that is not JSON, placed in the whole input.
fn not_json(error: &serde_json::Error, at: Position, index: usize) -> String {
    let line = at.line + error.line() as u64 - 1;
    let column = if error.line() <= 1 { at.column + error.column() as u64 - 1 } else { error.column() as u64 };
    let full = error.to_string();
    let what = full.rsplit_once(" at line ").map_or(full.as_str(), |(what, _)| what);
    format!("entry {index} is not valid JSON ({what}) at line {line}, column {column}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundle(entries: &[String]) -> String {
        format!(r#"{{"resourceType":"Bundle","type":"collection","entry":[{}]}}"#, entries.join(","))
    }

    fn patient(id: &str) -> String {
        format!(r#"{{"fullUrl":"urn:uuid:{id}","resource":{{"resourceType":"Patient","id":"{id}"}}}}"#)
    }

    fn dose(id: &str) -> String {
        format!(r#"{{"resource":{{"resourceType":"Immunization","patient":{{"reference":"urn:uuid:{id}"}}}}}}"#)
    }

    fn small(hold: usize) -> Limits {
        Limits { hold, ..Limits::default() }
    }

    fn items(input: &str, limits: Limits) -> Vec<Result<Item, String>> {
        Records::held(input.as_bytes(), limits).collect()
    }

    #[test]
    fn each_record_becomes_a_small_bundle_with_the_big_ones_members() {
        let input = bundle(&[patient("a"), dose("a"), dose("a"), patient("b"), dose("b")]);
        let groups: Vec<Group> = items(&input, Limits::default())
            .into_iter()
            .map(|item| match item {
                Ok(Item::Group(group)) => group,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(groups.len(), 2);
        assert_eq!(String::from_utf8(groups[1].bundle.clone()).expect("UTF-8"), bundle(&[patient("b"), dose("b")]));
        assert_eq!((groups[0].first_entry, groups[1].first_entry), (0, 3));
        assert_eq!(groups[1].patient_entry, Some(3));
    }

    #[test]
    fn a_held_input_out_of_order_is_handed_back_whole() {
        let input = bundle(&[patient("a"), patient("b"), dose("a")]);
        let all = items(&input, Limits::default());
        assert!(matches!(&all[..], [Ok(Item::Whole(whole))] if whole == input.as_bytes()), "{all:?}");
        // Broken JSON and a lone resource too: the whole reading says what it says of them.
        for input in [&input[..input.len() - 3], r#"{"resourceType":"Patient","id":"a"}"#] {
            let all = items(input, Limits::default());
            assert!(matches!(&all[..], [Ok(Item::Whole(whole))] if whole == input.as_bytes()), "{all:?}");
        }
    }

    #[test]
    fn past_the_hold_records_stream_and_a_break_stops_them() {
        let mut entries = Vec::new();
        for n in 0..50 {
            entries.push(patient(&format!("p{n}")));
            entries.push(dose(&format!("p{n}")));
        }
        let input = bundle(&entries);
        // Cut short inside the 41st patient's dose.
        let cut = input.find(&dose("p40")).expect("there") + 20;
        let all = items(&input[..cut], small(1000));
        let groups = all.iter().filter(|item| matches!(item, Ok(Item::Group(_)))).count();
        assert_eq!(groups, 40, "every record closed before the break");
        let Some(Err(why)) = all.last() else { panic!("{all:?}") };
        assert!(why.contains("the FHIR JSON breaks off or goes wrong at line 1"), "{why}");
        // Out of order after the hold: refused with the reason, nothing more.
        let mut late = entries.clone();
        late.push(dose("p3"));
        let all = items(&bundle(&late), small(1000));
        let Some(Err(why)) = all.last() else { panic!("{all:?}") };
        assert!(why.contains("entry 100 (Immunization) names a patient other than the Patient of entry 98"), "{why}");
        assert!(why.contains("must list each Patient's own resources"), "{why}");
    }

    #[test]
    fn a_first_pass_finds_the_order_and_every_member() {
        let input = format!(
            r#"{{"resourceType":"Bundle","entry":[{},{}],"timestamp":"2024-01-01","signature":{{}}}}"#,
            patient("a"),
            dose("a")
        );
        let Ok(Checked::InOrder(header)) = Records::check(input.as_bytes(), Limits::default()) else { panic!() };
        let keys: Vec<&str> = header.iter().map(|(key, _)| key.as_str()).collect();
        assert_eq!(keys, ["resourceType", "timestamp", "signature"]);
        let groups: Vec<_> = Records::checked(input.as_bytes(), header, Limits::default()).collect();
        let [Ok(Item::Group(group))] = &groups[..] else { panic!("{groups:?}") };
        assert!(String::from_utf8_lossy(&group.bundle).contains(r#""timestamp":"2024-01-01""#));
        let out_of_order = bundle(&[patient("a"), patient("b"), dose("a")]);
        assert!(matches!(Records::check(out_of_order.as_bytes(), Limits::default()), Ok(Checked::Refused(_))));
        assert!(matches!(Records::check(&b"[1]"[..], Limits::default()), Ok(Checked::NotABundle)));
    }

    #[test]
    fn members_may_follow_the_entries_as_sorted_keys_put_them() {
        // As a serializer that sorts keys writes it: entry, then resourceType, then type.
        let input = format!(
            r#"{{"entry":[{},{},{}],"resourceType":"Bundle","type":"collection"}}"#,
            patient("a"),
            dose("a"),
            patient("b")
        );
        let held = items(&input, Limits::default());
        assert_eq!(held.len(), 2, "{held:?}");
        let Ok(Item::Group(first)) = &held[0] else { panic!("{held:?}") };
        assert!(String::from_utf8_lossy(&first.bundle).starts_with(r#"{"resourceType":"Bundle","type":"collection","#));
        assert!(matches!(Records::check(input.as_bytes(), Limits::default()), Ok(Checked::InOrder(_))));
        // From standard input past the hold, the records would be read without them: refused.
        let all = items(&input, small(10));
        let [Err(why)] = &all[..] else { panic!("{all:?}") };
        assert!(why.starts_with("resourceType comes after the entries"), "{why}");
    }

    #[test]
    fn a_member_after_the_entries_of_a_large_stream_stops_it() {
        let mut entries = Vec::new();
        for n in 0..20 {
            entries.push(patient(&format!("p{n}")));
        }
        let input = format!(r#"{{"resourceType":"Bundle","entry":[{}],"timestamp":"2024-01-01"}}"#, entries.join(","));
        let all = items(&input, small(200));
        let Some(Err(why)) = all.last() else { panic!("{all:?}") };
        assert!(why.starts_with("Bundle.timestamp comes after the entries"), "{why}");
        // Held, it is simply part of every record's bundle.
        let all = items(&input, Limits::default());
        assert_eq!(all.len(), 20);
        let Ok(Item::Group(first)) = &all[0] else { panic!() };
        assert!(String::from_utf8_lossy(&first.bundle).contains("timestamp"));
    }
}
