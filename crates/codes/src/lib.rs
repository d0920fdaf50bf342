//! Codes: the CDC code tables an immunization record refers to, compiled into the program.
//!
//! - CVX codes name the vaccine given (RXA-5 in HL7 v2, `vaccineCode` in FHIR): [`vaccine`],
//!   [`vaccine_name`].
//! - MVX codes name its manufacturer (RXA-17): [`manufacturer`], [`manufacturer_name`].
//! - Vaccine groups say which school or clinic requirement a dose counts toward, so a record can
//!   be shown as "3 doses of DTaP, 3 of polio" rather than a list of product codes. A
//!   combination vaccine belongs to several groups: [`vaccine_groups`].
//!
//! Architecture invariant: this crate does no I/O. The tables (`data/cvx.txt`, `data/mvx.txt`,
//! see `data/README.md` for their source) are included at compile time and parsed once, at first
//! use. Lookups are tolerant of how codes arrive in messages (padding, leading zeros, case) and
//! never fail: an unknown code still gets a readable, non-empty name.
//!
//! ```
//! use recdesk_codes::{VaccineGroup, manufacturer_name, vaccine_groups, vaccine_name};
//!
//! assert_eq!(vaccine_name("110"), "DTaP-Hep B-IPV");
//! assert_eq!(
//!     vaccine_groups("110"),
//!     [VaccineGroup::DtapTdapTd, VaccineGroup::Polio, VaccineGroup::HepatitisB]
//! );
//! assert_eq!(vaccine_name(" 8 "), vaccine_name("08"));
//! assert_eq!(vaccine_name("124"), "Unknown vaccine (CVX 124)");
//! assert_eq!(manufacturer_name("msd"), "Merck and Co., Inc.");
//! ```

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

mod groups;
mod tables;

pub use tables::CodeTable;

/// The CDC CVX table (`data/cvx.txt`, see `data/README.md`) without its notes and dates (build.rs).
const CVX_TABLE: &str = include_str!(concat!(env!("OUT_DIR"), "/cvx.txt"));
/// The CDC MVX table (`data/mvx.txt`) without its notes and dates (build.rs).
const MVX_TABLE: &str = include_str!(concat!(env!("OUT_DIR"), "/mvx.txt"));

/// The groups given to a code that is not in the table, or has no reviewed entry.
const OTHER_ONLY: &[VaccineGroup] = &[VaccineGroup::Other];

/// Whether a code is in current use, from the status column of the CDC tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeStatus {
    /// "Active": in current use.
    Active,
    /// "Inactive": no longer used for new doses, but valid in historical records.
    Inactive,
    /// "Non-US": a product not licensed in the US (doses given abroad).
    NonUs,
    /// "Pending": announced but not yet in use.
    Pending,
    /// "Never Active": reserved for a product that never came to market.
    NeverActive,
    /// Any other value in the status column.
    Other,
}

impl CodeStatus {
    /// Reads the status column; unknown values become [`CodeStatus::Other`].
    fn parse(text: &str) -> CodeStatus {
        let text = text.trim();
        let is = |name: &str| text.eq_ignore_ascii_case(name);
        if is("Active") {
            CodeStatus::Active
        } else if is("Inactive") {
            CodeStatus::Inactive
        } else if is("Non-US") {
            CodeStatus::NonUs
        } else if is("Pending") {
            CodeStatus::Pending
        } else if is("Never Active") {
            CodeStatus::NeverActive
        } else {
            CodeStatus::Other
        }
    }
}

/// The vaccine (or requirement) a dose counts toward. Serialized as snake_case strings
/// (`"dtap_tdap_td"`, `"mmr"`, `"covid_19"`, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VaccineGroup {
    /// Diphtheria, tetanus and pertussis vaccines: DTaP, DTP, DT, Tdap, Td, tetanus toxoid.
    DtapTdapTd,
    /// Polio vaccines: IPV, OPV.
    Polio,
    /// Measles, mumps and rubella vaccines, alone or combined (MMR, MMRV).
    Mmr,
    /// Hepatitis B vaccines.
    HepatitisB,
    /// Varicella (chickenpox) vaccines, including MMRV.
    Varicella,
    /// Haemophilus influenzae type b vaccines.
    Hib,
    /// Pneumococcal conjugate and polysaccharide vaccines.
    Pneumococcal,
    /// Hepatitis A vaccines.
    HepatitisA,
    /// Human papillomavirus vaccines.
    Hpv,
    /// Quadrivalent meningococcal A, C, W, Y vaccines.
    MenAcwy,
    /// Meningococcal serogroup B vaccines.
    MenB,
    /// Influenza vaccines (seasonal, pandemic and avian).
    Influenza,
    /// COVID-19 vaccines.
    #[serde(rename = "covid_19")]
    Covid19,
    /// RSV vaccines and RSV monoclonal antibodies given to infants.
    Rsv,
    /// Rotavirus vaccines.
    Rotavirus,
    /// Zoster (shingles) vaccines.
    Zoster,
    /// Everything else: travel and special-purpose vaccines, immune globulins, skin tests,
    /// unknown vaccines.
    Other,
    /// CVX 998: no vaccine was administered.
    NoVaccine,
}

impl VaccineGroup {
    /// Every group once, in the order a record is shown: childhood series first, then
    /// adolescent, seasonal and adult vaccines, then the rest.
    pub const DISPLAY_ORDER: [VaccineGroup; 18] = [
        VaccineGroup::DtapTdapTd,
        VaccineGroup::Polio,
        VaccineGroup::Mmr,
        VaccineGroup::HepatitisB,
        VaccineGroup::Varicella,
        VaccineGroup::Hib,
        VaccineGroup::Pneumococcal,
        VaccineGroup::HepatitisA,
        VaccineGroup::Hpv,
        VaccineGroup::MenAcwy,
        VaccineGroup::MenB,
        VaccineGroup::Influenza,
        VaccineGroup::Covid19,
        VaccineGroup::Rsv,
        VaccineGroup::Rotavirus,
        VaccineGroup::Zoster,
        VaccineGroup::Other,
        VaccineGroup::NoVaccine,
    ];

    /// The name shown to people, e.g. "DTaP / Tdap / Td" or "Hepatitis B". Never empty.
    pub fn label(self) -> &'static str {
        match self {
            VaccineGroup::DtapTdapTd => "DTaP / Tdap / Td",
            VaccineGroup::Polio => "Polio",
            VaccineGroup::Mmr => "MMR",
            VaccineGroup::HepatitisB => "Hepatitis B",
            VaccineGroup::Varicella => "Varicella (chickenpox)",
            VaccineGroup::Hib => "Hib",
            VaccineGroup::Pneumococcal => "Pneumococcal",
            VaccineGroup::HepatitisA => "Hepatitis A",
            VaccineGroup::Hpv => "HPV",
            VaccineGroup::MenAcwy => "Meningococcal ACWY",
            VaccineGroup::MenB => "Meningococcal B",
            VaccineGroup::Influenza => "Influenza",
            VaccineGroup::Covid19 => "COVID-19",
            VaccineGroup::Rsv => "RSV",
            VaccineGroup::Rotavirus => "Rotavirus",
            VaccineGroup::Zoster => "Zoster (shingles)",
            VaccineGroup::Other => "Other vaccines",
            VaccineGroup::NoVaccine => "No vaccine given",
        }
    }
}

/// One row of the CVX table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Vaccine {
    /// The code as the table spells it, trimmed (e.g. `"08"`, `"110"`).
    pub cvx: &'static str,
    /// The table's short name (e.g. `"DTaP-Hep B-IPV"`). Never empty.
    pub short_name: &'static str,
    /// The table's full name.
    pub full_name: &'static str,
    /// The table's status column.
    pub status: CodeStatus,
    /// The groups a dose of this vaccine counts toward, in display order; at least one.
    pub groups: &'static [VaccineGroup],
}

/// One row of the MVX table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Manufacturer {
    /// The code as the table spells it, trimmed (e.g. `"MSD"`).
    pub mvx: &'static str,
    /// The manufacturer's name (e.g. `"Merck and Co., Inc."`). Never empty.
    pub name: &'static str,
    /// The table's status column.
    pub status: CodeStatus,
}

/// Finds a vaccine by CVX code. Tolerant of how codes arrive: surrounding spaces are ignored
/// and leading zeros do not matter (`"8"`, `"08"` and `" 008 "` are the same code).
pub fn vaccine(cvx: &str) -> Option<&'static Vaccine> {
    let tables = tables();
    tables.vaccine_index.get(cvx_key(cvx)).and_then(|&index| tables.vaccines.get(index))
}

/// The short name of a vaccine, for display. For a code not in the table:
/// `"Unknown vaccine (CVX 123)"` with the trimmed code as given, or
/// `"Unknown vaccine (no CVX code)"` when the code is blank. Never empty.
pub fn vaccine_name(cvx: &str) -> String {
    match vaccine(cvx) {
        Some(found) => found.short_name.to_string(),
        None => unknown_name("vaccine", "CVX", cvx),
    }
}

/// The groups a dose with this CVX code counts toward (several for a combination vaccine).
/// A code not in the table gives `[VaccineGroup::Other]`. Never empty.
pub fn vaccine_groups(cvx: &str) -> &'static [VaccineGroup] {
    vaccine(cvx).map_or(OTHER_ONLY, |found| found.groups)
}

/// Finds a manufacturer by MVX code, ignoring surrounding spaces and case (`"msd"` is `"MSD"`).
pub fn manufacturer(mvx: &str) -> Option<&'static Manufacturer> {
    let tables = tables();
    tables.manufacturer_index.get(&normalise_mvx(mvx)).and_then(|&index| tables.manufacturers.get(index))
}

/// The name of a manufacturer, for display. For a code not in the table:
/// `"Unknown manufacturer (MVX XYZ)"` with the trimmed code as given, or
/// `"Unknown manufacturer (no MVX code)"` when the code is blank. Never empty.
pub fn manufacturer_name(mvx: &str) -> String {
    match manufacturer(mvx) {
        Some(found) => found.name.to_string(),
        None => unknown_name("manufacturer", "MVX", mvx),
    }
}

fn unknown_name(what: &str, system: &str, code: &str) -> String {
    let code = code.trim();
    if code.is_empty() {
        format!("Unknown {what} (no {system} code)")
    } else {
        format!("Unknown {what} ({system} {code})")
    }
}

/// The comparison key of a CVX code: trimmed, without leading zeros (`"000"` becomes `"0"`).
fn cvx_key(cvx: &str) -> &str {
    let trimmed = cvx.trim();
    let without_zeros = trimmed.trim_start_matches('0');
    if without_zeros.is_empty() && !trimmed.is_empty() { "0" } else { without_zeros }
}

/// The comparison key of an MVX code: trimmed, upper case.
fn normalise_mvx(mvx: &str) -> String {
    mvx.trim().to_ascii_uppercase()
}

/// Both tables, parsed, with their lookup indexes.
#[derive(Debug)]
struct Tables {
    vaccines: Vec<Vaccine>,
    vaccine_index: HashMap<&'static str, usize>,
    manufacturers: Vec<Manufacturer>,
    manufacturer_index: HashMap<String, usize>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let vaccines = parse_cvx(CVX_TABLE);
        let vaccine_index = vaccines.iter().enumerate().map(|(i, v)| (cvx_key(v.cvx), i)).collect();
        let manufacturers = parse_mvx(MVX_TABLE);
        let manufacturer_index = manufacturers.iter().enumerate().map(|(i, m)| (normalise_mvx(m.mvx), i)).collect();
        Tables { vaccines, vaccine_index, manufacturers, manufacturer_index }
    })
}

/// The reviewed groups of each table code by its key, or `[Other]` for a code without an entry.
/// Built once per table parse: a search per code would be quadratic, and the browser pays for it
/// on the first record it reads.
fn group_index() -> HashMap<&'static str, &'static [VaccineGroup]> {
    let mut index = HashMap::with_capacity(groups::CVX_GROUPS.len());
    for &(code, groups) in groups::CVX_GROUPS {
        // The first entry for a key wins, as a search in table order would find it.
        index.entry(cvx_key(code)).or_insert(groups);
    }
    index
}

/// The fields of one table line, trimmed (which also drops a CR), without a byte-order mark.
fn fields(line: &str) -> Vec<&str> {
    line.trim_start_matches('\u{feff}').split('|').map(str::trim).collect()
}

/// Parses the CVX table: `code|short name|full name|note|status|...`. A line with fewer than
/// five columns, a code that is not 1–4 ASCII digits, no name at all, or a code already seen
/// (in any spelling) is skipped. A missing short name falls back to the full name.
fn parse_cvx(text: &'static str) -> Vec<Vaccine> {
    let groups = group_index();
    let mut vaccines: Vec<Vaccine> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for line in text.lines() {
        let columns = fields(line);
        let [cvx, short_name, full_name, _note, status, ..] = columns[..] else { continue };
        if cvx.is_empty() || cvx.len() > 4 || !cvx.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let short_name = if short_name.is_empty() { full_name } else { short_name };
        if short_name.is_empty() {
            continue;
        }
        if !seen.insert(cvx_key(cvx)) {
            continue;
        }
        vaccines.push(Vaccine {
            cvx,
            short_name,
            full_name: if full_name.is_empty() { short_name } else { full_name },
            status: CodeStatus::parse(status),
            groups: groups.get(cvx_key(cvx)).copied().unwrap_or(OTHER_ONLY),
        });
    }
    vaccines
}

/// Parses the MVX table: `code|name|note|status|...`. A line with fewer than four columns, a
/// code that is not 1–8 ASCII letters or digits, an empty name, or a code already seen (in any
/// case) is skipped.
fn parse_mvx(text: &'static str) -> Vec<Manufacturer> {
    let mut manufacturers: Vec<Manufacturer> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for line in text.lines() {
        let columns = fields(line);
        let [mvx, name, _note, status, ..] = columns[..] else { continue };
        if mvx.is_empty() || mvx.len() > 8 || !mvx.bytes().all(|b| b.is_ascii_alphanumeric()) || name.is_empty() {
            continue;
        }
        if !seen.insert(normalise_mvx(mvx)) {
            continue;
        }
        manufacturers.push(Manufacturer { mvx, name, status: CodeStatus::parse(status) });
    }
    manufacturers
}

#[cfg(test)]
mod tests;
