//! The blind knowledge check: staff type what a requester without photo ID says, and the engine
//! says per item whether it agrees with the record, never what the record holds.
//!
//! Architecture invariant: a `KnowledgeCheckResult` holds only enums and fixed texts. It carries
//! neither the record's values nor what was typed (a correct answer *is* the record's value), so it
//! can be shown, logged and serialised safely.

use std::fmt;

use recdesk_record::{Address, PartialDate, PersonName};
use serde::Serialize;

use crate::error::AnswerError;
use crate::facts::RecordFacts;
use crate::fold::words;
use crate::nicknames::are_nickname_forms;

/// The rule that decides whether the knowledge check establishes identity.
pub const IDENTITY_RULE: &str = "The check passes when the birth date matches exactly, the name matches, and the \
     address or the parent/guardian name matches. A nickname or an extra name part, or only the street or only the ZIP \
     code, is a partial match: at most one of the name and that third item may be partial. A passed check is not \
     identity at the desk (anyone close to the family knows these facts): the copy can only be mailed to the \
     patient's address in the clinic's or the registry's own record.";

/// What the requester said, as staff typed it. An empty field was not asked.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct StatedFacts {
    /// The patient's name, in any order ("Jose Garcia", "Garcia, José").
    pub name: String,
    /// The patient's birth date: YYYY-MM-DD, MM/DD/YYYY or M/D/YYYY (US order: month first).
    pub birth_date: String,
    /// The street line of the patient's address ("123 Main St NE Apt 4").
    pub street: String,
    /// The ZIP code (5 digits or ZIP+4).
    pub postal_code: String,
    /// The name of a parent or guardian of the patient.
    pub guardian_name: String,
}

impl fmt::Debug for StatedFacts {
    // What was said may equal the record's values: a debug print shows only which items were typed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StatedFacts")
            .field("name", &!self.name.trim().is_empty())
            .field("birth_date", &!self.birth_date.trim().is_empty())
            .field("street", &!self.street.trim().is_empty())
            .field("postal_code", &!self.postal_code.trim().is_empty())
            .field("guardian_name", &!self.guardian_name.trim().is_empty())
            .finish()
    }
}

/// One thing the requester can be asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KnowledgeItem {
    Name,
    BirthDate,
    Address,
    GuardianName,
}

impl KnowledgeItem {
    pub fn label(self) -> &'static str {
        match self {
            KnowledgeItem::Name => "patient's name",
            KnowledgeItem::BirthDate => "birth date",
            KnowledgeItem::Address => "address",
            KnowledgeItem::GuardianName => "parent's or guardian's name",
        }
    }
}

/// How well one item agrees with the record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchLevel {
    Match,
    Partial,
    NoMatch,
    /// Staff left the item empty.
    NotStated,
    /// The record has nothing to compare with (no address, an incomplete birth date...).
    NotInRecord,
}

impl MatchLevel {
    pub fn label(self) -> &'static str {
        match self {
            MatchLevel::Match => "match",
            MatchLevel::Partial => "partial match",
            MatchLevel::NoMatch => "no match",
            MatchLevel::NotStated => "not asked",
            MatchLevel::NotInRecord => "not in the record",
        }
    }

    fn rank(self) -> u8 {
        match self {
            MatchLevel::Match => 3,
            MatchLevel::Partial => 2,
            MatchLevel::NoMatch => 1,
            MatchLevel::NotStated | MatchLevel::NotInRecord => 0,
        }
    }

    fn counts(self) -> bool {
        matches!(self, MatchLevel::Match | MatchLevel::Partial)
    }
}

/// The result for one item, with a reason that names no value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ItemCheck {
    pub item: KnowledgeItem,
    pub level: MatchLevel,
    pub reason: &'static str,
}

/// The whole check: each item's level, whether identity is established, and the rule applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KnowledgeCheckResult {
    items: Vec<ItemCheck>,
    passed: bool,
    rule: &'static str,
}

impl KnowledgeCheckResult {
    /// Name, birth date, address and parent/guardian name, in that order.
    pub fn items(&self) -> &[ItemCheck] {
        &self.items
    }

    pub fn level(&self, item: KnowledgeItem) -> MatchLevel {
        self.items.iter().find(|c| c.item == item).map_or(MatchLevel::NotStated, |c| c.level)
    }

    /// Whether the check passed by [`IDENTITY_RULE`] (enough for a mailed copy, never a handed-over one).
    pub fn passed(&self) -> bool {
        self.passed
    }

    pub fn rule(&self) -> &'static str {
        self.rule
    }
}

const MATCHES: &str = "matches the record";
const MATCHES_REORDERED: &str = "matches the record, with the name parts in another order";
const NICKNAME: &str = "the family name matches and the given name is a common nickname of the record's: partial";
const EXTRA_PART: &str = "the family and given names match, another name part does not: partial";
const FAMILY_ONLY_RECORD: &str = "the record holds only a family name, which matches: partial";
const NO_MATCH: &str = "does not match";
const DATE_EXACT: &str = "matches the record exactly";
const DATE_NO_MATCH: &str = "does not match (a birth date must match exactly)";
const ADDRESS_MATCH: &str = "street and ZIP code match the record";
const ADDRESS_PART: &str = "only part of the address (street or ZIP code) matches: partial";
const NOT_STATED: &str = "not asked";
const NOT_IN_RECORD: &str = "the record has nothing to compare with";

/// Compares what the requester said with the record. Errors are typing problems staff can fix
/// (an unreadable date, digits in a name); a wrong answer is a `NoMatch`, not an error.
pub fn check_knowledge(stated: &StatedFacts, record: &RecordFacts) -> Result<KnowledgeCheckResult, AnswerError> {
    let typed = |text: &str| !text.trim().is_empty();
    if ![&stated.name, &stated.birth_date, &stated.street, &stated.postal_code, &stated.guardian_name]
        .iter()
        .any(|t| typed(t))
    {
        return Err(AnswerError::NothingStated);
    }
    if [&stated.name, &stated.guardian_name].iter().any(|t| t.chars().any(|c| c.is_ascii_digit())) {
        return Err(AnswerError::DigitsInName);
    }
    let birth_date = if typed(&stated.birth_date) {
        Some(parse_date_input(&stated.birth_date).ok_or(AnswerError::UnreadableDate)?)
    } else {
        None
    };
    let zip = if typed(&stated.postal_code) {
        Some(zip5(&stated.postal_code).ok_or(AnswerError::UnreadableZip)?)
    } else {
        None
    };

    let name = if typed(&stated.name) { best_name(&words(&stated.name), &record.names) } else { not_stated() };
    let birth = match (birth_date, record.birth_date) {
        (None, _) => not_stated(),
        (Some(_), Some(recorded)) if recorded.day.is_none() => (MatchLevel::NotInRecord, NOT_IN_RECORD),
        (Some(_), None) => (MatchLevel::NotInRecord, NOT_IN_RECORD),
        // Exact only: 03/04 and 04/03 are different days, whatever the requester meant.
        (Some(said), Some(recorded)) if said == recorded => (MatchLevel::Match, DATE_EXACT),
        (Some(_), Some(_)) => (MatchLevel::NoMatch, DATE_NO_MATCH),
    };
    let address = if typed(&stated.street) || zip.is_some() {
        best_address(&stated.street, zip.as_deref(), &record.addresses)
    } else {
        not_stated()
    };
    let guardian = if typed(&stated.guardian_name) {
        best_name(&words(&stated.guardian_name), &record.related_names)
    } else {
        not_stated()
    };
    let items = vec![
        ItemCheck { item: KnowledgeItem::Name, level: name.0, reason: name.1 },
        ItemCheck { item: KnowledgeItem::BirthDate, level: birth.0, reason: birth.1 },
        ItemCheck { item: KnowledgeItem::Address, level: address.0, reason: address.1 },
        ItemCheck { item: KnowledgeItem::GuardianName, level: guardian.0, reason: guardian.1 },
    ];
    let passed = identity_rule(name.0, birth.0, address.0, guardian.0);
    Ok(KnowledgeCheckResult { items, passed, rule: IDENTITY_RULE })
}

/// [`IDENTITY_RULE`] as code.
fn identity_rule(name: MatchLevel, birth: MatchLevel, address: MatchLevel, guardian: MatchLevel) -> bool {
    let third = if address.rank() >= guardian.rank() { address } else { guardian };
    let partials = [name, third].iter().filter(|level| **level == MatchLevel::Partial).count();
    birth == MatchLevel::Match && name.counts() && third.counts() && partials <= 1
}

fn not_stated() -> (MatchLevel, &'static str) {
    (MatchLevel::NotStated, NOT_STATED)
}

/// Reads a date as US staff type it: YYYY-MM-DD, MM/DD/YYYY or M/D/YYYY. Always month before day;
/// two-digit years and other orders are refused rather than guessed.
pub fn parse_date_input(text: &str) -> Option<PartialDate> {
    let text = text.trim();
    let number = |part: &str, digits: std::ops::RangeInclusive<usize>| -> Option<u16> {
        if digits.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()) { part.parse().ok() } else { None }
    };
    let parts: Vec<&str>;
    let (year, month, day) = if text.contains('/') {
        parts = text.split('/').collect();
        let [month, day, year] = parts.as_slice() else { return None };
        (number(year, 4..=4)?, number(month, 1..=2)?, number(day, 1..=2)?)
    } else {
        parts = text.split('-').collect();
        let [year, month, day] = parts.as_slice() else { return None };
        (number(year, 4..=4)?, number(month, 2..=2)?, number(day, 2..=2)?)
    };
    PartialDate::new(year, Some(u8::try_from(month).ok()?), Some(u8::try_from(day).ok()?))
}

/// The first five digits of a ZIP or ZIP+4 as typed ("55401", "55401-1234", "554011234").
fn zip5(text: &str) -> Option<String> {
    let digits: String = text.trim().chars().filter(|c| *c != '-' && *c != ' ').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !(digits.len() == 5 || digits.len() == 9) {
        return None;
    }
    Some(digits[..5].to_owned())
}

fn best_name(stated: &[String], names: &[PersonName]) -> (MatchLevel, &'static str) {
    if names.is_empty() {
        return (MatchLevel::NotInRecord, NOT_IN_RECORD);
    }
    names
        .iter()
        .map(|name| compare_name(stated, name))
        .max_by_key(|(level, _)| level.rank())
        .unwrap_or((MatchLevel::NoMatch, NO_MATCH))
}

/// Compares a stated name with one name of the record. The family name must be there (its words
/// or the words run together: Smith-Jones = Smith Jones = SmithJones); the first given name exactly
/// or as a nickname; other words may be middle names, their initials or a suffix. Order is free.
fn compare_name(stated: &[String], name: &PersonName) -> (MatchLevel, &'static str) {
    let mut remaining: Vec<(usize, &str)> = stated.iter().map(String::as_str).enumerate().collect();
    let family = words(&name.family);
    let given: Vec<Vec<String>> = name.given.iter().map(|g| words(g)).filter(|g| !g.is_empty()).collect();
    let Some(family_at) = take(&mut remaining, &family) else { return (MatchLevel::NoMatch, NO_MATCH) };
    let Some(first_given) = given.first() else {
        return if remaining.is_empty() {
            (MatchLevel::Partial, FAMILY_ONLY_RECORD)
        } else {
            (MatchLevel::NoMatch, NO_MATCH)
        };
    };
    let (given_at, nickname) = match take(&mut remaining, first_given) {
        Some(at) => (at, false),
        None => {
            let Some(index) = remaining.iter().position(|(_, word)| are_nickname_forms(word, &first_given[0])) else {
                return (MatchLevel::NoMatch, NO_MATCH);
            };
            (remaining.remove(index).0, true)
        }
    };
    let suffix = words(&name.suffix);
    let other_words: Vec<&str> = given.iter().flatten().chain(&suffix).map(String::as_str).collect();
    let extra = remaining.iter().any(|(_, word)| {
        let initial = word.chars().count() == 1 && other_words.iter().any(|w| w.starts_with(word));
        !(other_words.contains(word) || initial || ["jr", "sr", "ii", "iii", "iv"].contains(word))
    });
    match (nickname, extra) {
        (true, _) => (MatchLevel::Partial, NICKNAME),
        (false, true) => (MatchLevel::Partial, EXTRA_PART),
        (false, false) if family_at < given_at => (MatchLevel::Match, MATCHES_REORDERED),
        (false, false) => (MatchLevel::Match, MATCHES),
    }
}

/// Removes `target` from `remaining` (its words anywhere, or a run of words that spells it run
/// together) and returns where in the stated name it began.
fn take(remaining: &mut Vec<(usize, &str)>, target: &[String]) -> Option<usize> {
    if target.is_empty() {
        return None;
    }
    let mut found: Vec<usize> = Vec::new();
    for word in target {
        match (0..remaining.len()).find(|i| !found.contains(i) && remaining[*i].1 == word) {
            Some(i) => found.push(i),
            None => break,
        }
    }
    if found.len() == target.len() {
        let at = found.iter().map(|i| remaining[*i].0).min();
        found.sort_unstable();
        for i in found.into_iter().rev() {
            remaining.remove(i);
        }
        return at;
    }
    let joined = target.concat();
    for start in 0..remaining.len() {
        let mut spelled = String::new();
        for end in start..remaining.len() {
            spelled.push_str(remaining[end].1);
            if spelled == joined {
                let at = remaining[start].0;
                remaining.drain(start..=end);
                return Some(at);
            }
            if !joined.starts_with(&spelled) {
                break;
            }
        }
    }
    None
}

/// Street words with the usual abbreviations, up to any unit designator (a unit is often left out).
fn street_words(text: &str) -> Vec<String> {
    const ABBREVIATIONS: &[(&str, &str)] = &[
        ("street", "st"),
        ("avenue", "ave"),
        ("av", "ave"),
        ("road", "rd"),
        ("drive", "dr"),
        ("boulevard", "blvd"),
        ("lane", "ln"),
        ("court", "ct"),
        ("place", "pl"),
        ("circle", "cir"),
        ("parkway", "pkwy"),
        ("highway", "hwy"),
        ("terrace", "ter"),
        ("trail", "trl"),
        ("square", "sq"),
        ("north", "n"),
        ("south", "s"),
        ("east", "e"),
        ("west", "w"),
        ("northeast", "ne"),
        ("northwest", "nw"),
        ("southeast", "se"),
        ("southwest", "sw"),
        ("apartment", "apt"),
        ("suite", "ste"),
        ("first", "1st"),
        ("second", "2nd"),
        ("third", "3rd"),
        ("fourth", "4th"),
        ("fifth", "5th"),
    ];
    let mut result = Vec::new();
    for word in words(text) {
        let word = ABBREVIATIONS.iter().find(|(long, _)| *long == word).map_or(word, |(_, short)| (*short).to_owned());
        if ["apt", "unit", "ste"].contains(&word.as_str()) {
            break;
        }
        result.push(word);
    }
    result
}

fn best_address(street: &str, zip: Option<&str>, addresses: &[Address]) -> (MatchLevel, &'static str) {
    let stated_street = street_words(street);
    let mut best = (MatchLevel::NotInRecord, NOT_IN_RECORD);
    for address in addresses {
        let recorded_street = address.lines.first().map(|line| street_words(line)).unwrap_or_default();
        let recorded_zip = zip5(&address.postal_code);
        if recorded_street.is_empty() && recorded_zip.is_none() {
            continue;
        }
        let street_matches = !stated_street.is_empty() && stated_street == recorded_street;
        let zip_matches = zip.is_some() && zip == recorded_zip.as_deref();
        let found = match (street_matches, zip_matches) {
            (true, true) => (MatchLevel::Match, ADDRESS_MATCH),
            (true, false) | (false, true) => (MatchLevel::Partial, ADDRESS_PART),
            (false, false) => (MatchLevel::NoMatch, NO_MATCH),
        };
        if found.0.rank() > best.0.rank() {
            best = found;
        }
    }
    best
}
