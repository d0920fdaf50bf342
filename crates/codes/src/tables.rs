//! The small code tables a record's coded values are checked against, so a code no table
//! knows is said to staff ("unknown (sent: …)") and never printed as if it were a value.
//!
//! Sources: HL7 v2.5.1 tables 0001 (administrative sex), 0063 (relationship), 0162 (route) and
//! 0163 (body site); the CDC Race & Ethnicity code set (CDCREC) v1.0 and the NCI thesaurus
//! route codes, as the CDC HL7 v2.5.1 Implementation Guide for Immunization Messaging (release
//! 1.5, 2018 update) uses them; FHIR R4 AdministrativeGender.

/// A table a coded value must come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeTable {
    /// HL7 table 0001 (PID-8).
    Sex,
    /// CDCREC race (PID-10), or the null flavours the guide allows.
    Race,
    /// CDCREC ethnicity (PID-22), or HL7 table 0189's older codes.
    Ethnicity,
    /// HL7 table 0063 (NK1-3).
    Relationship,
    /// NCI thesaurus route codes or HL7 table 0162 (RXR-1).
    Route,
    /// HL7 table 0163 (RXR-2).
    Site,
    /// FHIR AdministrativeGender (Patient.gender).
    FhirGender,
}

const SEX: &[&str] = &["F", "M", "U", "A", "N", "O", "X"];
/// The five OMB race categories and "other race", then the null flavours.
const RACE: &[&str] = &["1002-5", "2028-9", "2054-5", "2076-8", "2106-3", "2131-1", "ASKU", "UNK", "PHC1175"];
const ETHNICITY: &[&str] = &["2135-2", "2186-5", "H", "N", "U", "ASKU", "UNK", "PHC1175"];
const RELATIONSHIP: &[&str] = &[
    "ASC", "BRO", "CGV", "CHD", "DEP", "DOM", "EMC", "EME", "EMR", "EXF", "FCH", "FND", "FTH", "GCH", "GRD", "GRP",
    "MGR", "MTH", "NCH", "NON", "OAD", "OTH", "OWN", "PAR", "SCH", "SEL", "SIB", "SIS", "SPO", "TRA", "UNK", "WRD",
];
const ROUTE: &[&str] = &[
    "C38238", "C28161", "C38284", "C38276", "C38288", "C38676", "C38299", "C38305", "C38216", "C38192", "C38193", "AP",
    "B", "DT", "GU", "ID", "IH", "IHA", "IM", "IMR", "IN", "IO", "IV", "MM", "MTH", "NG", "NP", "NS", "NT", "OP", "OT",
    "OTH", "PF", "PO", "PR", "RM", "SC", "SD", "SL", "TD", "TL", "TP", "TRA", "UR", "VG", "VM", "WND",
];
const SITE: &[&str] = &[
    "BE", "BN", "BU", "CT", "LA", "LAC", "LACF", "LD", "LE", "LEJ", "LF", "LG", "LH", "LIJ", "LLAQ", "LLFA", "LMFA",
    "LN", "LPC", "LSC", "LT", "LUA", "LUAQ", "LUFA", "LVG", "LVL", "MOUTH", "NB", "NOSE", "OD", "OS", "OU", "PA",
    "PERIN", "RA", "RAC", "RACF", "RD", "RE", "REJ", "RF", "RG", "RH", "RIJ", "RLAQ", "RLFA", "RMFA", "RN", "RPC",
    "RSC", "RT", "RUA", "RUAQ", "RUFA", "RVG", "RVL",
];
const FHIR_GENDER: &[&str] = &["male", "female", "other", "unknown"];

impl CodeTable {
    /// The table's name, as staff and the specifications call it.
    pub fn name(self) -> &'static str {
        match self {
            CodeTable::Sex => "HL7 table 0001 (administrative sex)",
            CodeTable::Race => "the CDC race code set (CDCREC)",
            CodeTable::Ethnicity => "the CDC ethnicity code set (CDCREC)",
            CodeTable::Relationship => "HL7 table 0063 (relationship)",
            CodeTable::Route => "the route codes (NCI thesaurus, HL7 table 0162)",
            CodeTable::Site => "HL7 table 0163 (body site)",
            CodeTable::FhirGender => "FHIR's administrative genders",
        }
    }

    /// Whether `code` is one of the table's. HL7 codes are matched without regard to case or
    /// padding; a detailed CDCREC race code (`2029-7`, "Asian Indian") is accepted by its form.
    pub fn knows(self, code: &str) -> bool {
        let code = code.trim();
        let list = match self {
            CodeTable::Sex => SEX,
            CodeTable::Race => return RACE.iter().any(|c| c.eq_ignore_ascii_case(code)) || is_cdcrec_form(code),
            CodeTable::Ethnicity => ETHNICITY,
            CodeTable::Relationship => RELATIONSHIP,
            CodeTable::Route => ROUTE,
            CodeTable::Site => SITE,
            CodeTable::FhirGender => return FHIR_GENDER.contains(&code),
        };
        list.iter().any(|c| c.eq_ignore_ascii_case(code))
    }
}

/// CDCREC concept codes are four digits, a hyphen and a check digit.
fn is_cdcrec_form(code: &str) -> bool {
    let bytes = code.as_bytes();
    bytes.len() == 6 && bytes[4] == b'-' && bytes.iter().enumerate().all(|(i, b)| i == 4 || b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_know_their_codes_and_nothing_else() {
        assert!(CodeTable::Sex.knows("F") && CodeTable::Sex.knows(" m "));
        assert!(!CodeTable::Sex.knows("Female") && !CodeTable::Sex.knows("20190402"));
        assert!(CodeTable::Race.knows("2106-3") && CodeTable::Race.knows("2029-7") && CodeTable::Race.knows("ASKU"));
        assert!(!CodeTable::Race.knows("W") && !CodeTable::Race.knows("2106"));
        assert!(CodeTable::Ethnicity.knows("2186-5") && !CodeTable::Ethnicity.knows("2106-3"));
        assert!(CodeTable::Relationship.knows("MTH") && !CodeTable::Relationship.knows("MOM"));
        assert!(CodeTable::Route.knows("C28161") && CodeTable::Route.knows("IM") && !CodeTable::Route.knows("ARM"));
        assert!(CodeTable::Site.knows("LD") && !CodeTable::Site.knows("left arm"));
        assert!(CodeTable::FhirGender.knows("female") && !CodeTable::FhirGender.knows("F"));
    }
}
