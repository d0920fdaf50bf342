//! The benchmarks' generated inputs (no files, same bytes every run), shared by the HL7, FHIR
//! and redaction benches and by `examples/bench_inputs.rs`, which writes them to files so that
//! other implementations can be timed on the very same bytes:
//!
//! * [`batch`]: 10,000 VXU^V04 messages back to back, one patient each, 5–15 doses per patient
//!   (ORC/RXA/RXR and funding/VIS OBX rows), a mother (NK1), PD1, SS and MR identifiers, and a
//!   non-ASCII name every few patients; segments end in `\r`;
//! * [`one_patient`]: one such message with any number of doses, dates kept valid;
//! * [`fhir_bundle`]: a FHIR R4 collection Bundle of the same kind of patients (Patient,
//!   RelatedPerson mother, Coverage, Immunizations with CVX, lot, date, program eligibility).
//!
//! Included with `#[path]` (`crates/hl7/benches/parse.rs`, `crates/fhir/benches/parse.rs`,
//! `crates/redact/benches/redact.rs`, `crates/hl7/examples/bench_inputs.rs`); std only, so any
//! crate can include it. Each includer uses part of it.
#![allow(dead_code)]

use std::fmt::Write as _;

/// xorshift64*: small, deterministic, good enough to vary test data.
#[derive(Debug)]
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.next() as usize % items.len()]
    }
}

/// CVX code, CVX short name, MVX code, manufacturer.
pub const VACCINES: &[(&str, &str, &str, &str)] = &[
    ("08", "Hep B, adolescent or pediatric", "MSD", "Merck and Co., Inc."),
    ("20", "DTaP", "PMC", "sanofi pasteur"),
    ("10", "IPV", "PMC", "sanofi pasteur"),
    ("03", "MMR", "MSD", "Merck and Co., Inc."),
    ("21", "varicella", "MSD", "Merck and Co., Inc."),
    ("110", "DTaP-Hep B-IPV", "SKB", "GlaxoSmithKline"),
    ("133", "Pneumococcal conjugate PCV 13", "PFR", "Pfizer, Inc"),
    ("83", "Hep A, ped/adol, 2 dose", "SKB", "GlaxoSmithKline"),
    ("62", "HPV, quadrivalent", "MSD", "Merck and Co., Inc."),
    ("141", "Influenza, seasonal, injectable", "SKB", "GlaxoSmithKline"),
    ("208", "COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose", "PFR", "Pfizer, Inc"),
    ("116", "rotavirus, pentavalent", "MSD", "Merck and Co., Inc."),
    ("17", "Hib, unspecified formulation", "PMC", "sanofi pasteur"),
];

pub const FAMILY: &[&str] = &["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Wilson"];
pub const FAMILY_NON_ASCII: &[&str] = &["Müller", "Nguyễn", "Øyen", "Núñez", "Łukasiewicz", "Gärtner", "O’Brien"];
pub const GIVEN: &[&str] = &["Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "Mateo", "Mia", "Lucas"];
pub const GIVEN_NON_ASCII: &[&str] = &["José", "Zoë", "François", "Søren", "Anaïs", "Jürgen", "Renée"];
pub const MOTHERS: &[&str] = &["Maria", "Jennifer", "Linda", "Patricia", "Susan", "Ana", "Chloé"];
pub const STREETS: &[&str] = &["Main St", "Oak Ave", "Maple Dr", "Cedar Ln", "Elm St", "Pine Rd", "Lake Shore Blvd"];
pub const CITIES: &[(&str, &str, &str)] =
    &[("Madison", "WI", "53703"), ("Duluth", "MN", "55802"), ("Peoria", "IL", "61602"), ("Ames", "IA", "50010")];
pub const ROUTES: &[(&str, &str)] = &[("C28161", "Intramuscular"), ("C38299", "Subcutaneous"), ("C38284", "Oral")];
pub const SITES: &[(&str, &str)] =
    &[("LA", "Left Arm"), ("RA", "Right Arm"), ("LT", "Left Thigh"), ("RT", "Right Thigh")];
pub const FUNDING: &[(&str, &str)] = &[
    ("V01", "Not VFC eligible"),
    ("V02", "VFC eligible - Medicaid/Medicaid Managed Care"),
    ("V03", "VFC eligible - Uninsured"),
];

/// The last day [`date`] accepts: 2199-12-28, inside the record model's years (1800–2200) and
/// always four digits.
pub const LAST_DAY: u64 = 200 * 336 - 1;

/// A date `days` after 2000-01-01 on a simplified calendar, as YYYYMMDD: 12 months of 28 days,
/// so every date it gives exists (no month has fewer than 28 days). Panics past [`LAST_DAY`]
/// rather than give a year the readers refuse or one of five digits.
pub fn date(days: u64) -> String {
    assert!(days <= LAST_DAY, "day {days} is past 2199: generate fewer or closer doses");
    let (year, rest) = (2000 + days / 336, days % 336);
    format!("{year:04}{:02}{:02}", rest / 28 + 1, rest % 28 + 1)
}

/// [`date`] as FHIR writes it: YYYY-MM-DD.
pub fn iso_date(days: u64) -> String {
    let d = date(days);
    format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..])
}

/// Days between a patient's doses in the batch (plus 0–20 days of jitter each).
pub const DOSE_SPACING: u64 = 45;

/// One VXU^V04 for patient `n` with `doses` doses, [`DOSE_SPACING`] days apart.
pub fn vxu(rng: &mut Rng, n: u64, doses: u64) -> String {
    vxu_spaced(rng, n, doses, DOSE_SPACING)
}

/// One VXU^V04 for patient `n` with `doses` doses, `spacing` days apart (0: all on about the
/// same day). Every value is drawn from `rng` in the same order whatever the spacing.
pub fn vxu_spaced(rng: &mut Rng, n: u64, doses: u64, spacing: u64) -> String {
    let mut m = String::with_capacity(1024 + doses as usize * 640);
    let non_ascii = n % 4 == 3;
    let family = if non_ascii { rng.pick(FAMILY_NON_ASCII) } else { rng.pick(FAMILY) };
    let given = if non_ascii && n % 8 == 7 { rng.pick(GIVEN_NON_ASCII) } else { rng.pick(GIVEN) };
    let middle = rng.pick(GIVEN);
    let mother = rng.pick(MOTHERS);
    let maiden = rng.pick(FAMILY);
    let birth_day = rng.between(0, 20 * 360);
    let sex = if rng.next() % 2 == 0 { "F" } else { "M" };
    let (city, state, zip) = rng.pick(CITIES);
    let street = format!("{} {}", rng.between(1, 9999), rng.pick(STREETS));
    let (area, local) = (rng.between(200, 999), rng.between(2_000_000, 9_999_999));
    let ssn = format!("{:03}{:02}{:04}", rng.between(100, 899), rng.between(10, 99), rng.between(1000, 9999));
    let sent = date(birth_day + 20 * 360);

    let _ = write!(
        m,
        "MSH|^~\\&|MYEHR|DCS|MYIIS|MYIIS|{sent}103000-0500||VXU^V04^VXU_V04|MSG{n:08}|P|2.5.1|||ER|AL|||||Z22^CDCPHINVS\r\
         PID|1||MR{n:08}^^^DCS^MR~{ssn}^^^SSA^SS||{family}^{given}^{middle}^^^^L|{maiden}^{mother}^^^^^M|{birth}|{sex}||\
         2106-3^White^CDCREC|{street}^^{city}^{state}^{zip}^USA^L||^PRN^PH^^^{area}^{local}|||||||||\
         2186-5^not Hispanic or Latino^CDCREC\r\
         PD1|||||||||||02^Reminder/Recall - any method^HL70215|N|{sent}|||A|{sent}|{sent}\r\
         NK1|1|{family}^{mother}^^^^^L|MTH^Mother^HL70063|{street}^^{city}^{state}^{zip}^USA^L|^PRN^PH^^^{area}^{local}\r",
        birth = date(birth_day),
    );
    for dose in 0..doses {
        let &(cvx, name, mvx, manufacturer) = rng.pick(VACCINES);
        let given_on = date(birth_day + dose * spacing + rng.between(0, 20));
        let lot =
            format!("{}{:04}{}", (b'A' + (rng.next() % 26) as u8) as char, rng.between(0, 9999), rng.between(0, 9));
        let expires = date(birth_day + dose * spacing + 400);
        let (route, route_name) = rng.pick(ROUTES);
        let (site, site_name) = rng.pick(SITES);
        let (funding, funding_name) = rng.pick(FUNDING);
        let obx = dose * 4;
        let _ = write!(
            m,
            "ORC|RE||{n}{dose:02}^DCS||||||{given_on}|^Clerk^Myron||^Pediatric^Mary^^^^^^^^^^^^^^^^^^MD\r\
             RXA|0|1|{given_on}||{cvx}^{name}^CVX|0.5|mL^^UCUM||00^New immunization record^NIP001|\
             ^Sticker^Nurse^^^^^^^^^^^^^^^^^^RN|^^^DCS_DC||||{lot}|{expires}|{mvx}^{manufacturer}^MVX|||CP|A\r\
             RXR|{route}^{route_name}^NCIT|{site}^{site_name}^HL70163\r\
             OBX|{o1}|CE|64994-7^Vaccine funding program eligibility category^LN|1|{funding}^{funding_name}^HL70064||||||F|||\
             {given_on}|||VXC40^Eligibility captured at the immunization level^CDCPHINVS\r\
             OBX|{o2}|CE|30956-7^vaccine type^LN|2|{cvx}^{name}^CVX||||||F\r\
             OBX|{o3}|TS|29768-9^Date vaccine information statement published^LN|2|20210806||||||F\r\
             OBX|{o4}|TS|29769-7^Date vaccine information statement presented^LN|2|{given_on}||||||F\r",
            o1 = obx + 1,
            o2 = obx + 2,
            o3 = obx + 3,
            o4 = obx + 4,
        );
    }
    m
}

/// Patients in the batch.
pub const PATIENTS: u64 = 10_000;

/// The batch: `PATIENTS` messages, 5–15 doses each. Returns the text and the number of doses.
pub fn batch() -> (String, u64) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut text = String::new();
    let mut doses = 0;
    for n in 0..PATIENTS {
        let count = rng.between(5, 15);
        doses += count;
        text.push_str(&vxu(&mut rng, n, count));
    }
    (text, doses)
}

/// Doses of [`one_patient`] fall within this many days after birth (the message is sent 7,200
/// days after it), however many there are.
const ONE_PATIENT_SPAN: u64 = 7_000;

/// One VXU^V04 for one patient with `doses` doses (seed 42, patient 1): for 20 doses, the
/// message `read/one_vxu_20_doses` times. Doses are [`DOSE_SPACING`] days apart, or closer when
/// that many would not fit before the message date (1,000 doses: 7 days apart), so every date
/// stays valid and before the message was sent whatever the count.
pub fn one_patient(doses: u64) -> String {
    let spacing = DOSE_SPACING.min(ONE_PATIENT_SPAN / doses.max(1));
    vxu_spaced(&mut Rng(42), 1, doses, spacing)
}

/// A string as a JSON string literal.
fn json_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Body sites (HL7 table 0163 codes are v3 ActSite codes) and routes, as FHIR codes them.
const FHIR_SITES: &[(&str, &str)] =
    &[("LA", "left arm"), ("RA", "right arm"), ("LT", "left thigh"), ("RT", "right thigh")];
const FHIR_ROUTES: &[(&str, &str)] =
    &[("IM", "Injection, intramuscular"), ("SQ", "Injection, subcutaneous"), ("PO", "Swallow, oral")];
const PAYORS: &[&str] =
    &["Blue Cross Blue Shield of Minnesota", "Medica", "HealthPartners", "Minnesota Medical Assistance"];

/// A FHIR R4 collection Bundle of `patients` patients with `doses_each` doses each: per patient
/// a Patient (MR and SSN identifiers, name, sex, birth date, address, phone, mother's maiden
/// name, a non-ASCII name every few patients), a RelatedPerson (the mother, with her maiden
/// name), a Coverage, and the Immunizations (CVX code and name, date, lot, expiry, MVX
/// manufacturer, site, route, amount, place, VFC program eligibility). `urn:uuid:` references,
/// compact JSON (one line), as a server's export would send it. Same bytes every run.
pub fn fhir_bundle(patients: u64, doses_each: u64) -> String {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let mut out = String::with_capacity((patients * (2_000 + doses_each * 1_000)) as usize);
    out.push_str(
        r#"{"resourceType":"Bundle","id":"bench-collection","meta":{"lastUpdated":"2024-06-18T08:31:01-05:00"},"type":"collection","timestamp":"2024-06-18T08:31:01-05:00","entry":["#,
    );
    let spacing = DOSE_SPACING.min(ONE_PATIENT_SPAN / doses_each.max(1));
    for n in 0..patients {
        let non_ascii = n % 4 == 3;
        let family = if non_ascii { rng.pick(FAMILY_NON_ASCII) } else { rng.pick(FAMILY) };
        let given = if non_ascii && n % 8 == 7 { rng.pick(GIVEN_NON_ASCII) } else { rng.pick(GIVEN) };
        let middle = rng.pick(GIVEN);
        let mother = rng.pick(MOTHERS);
        let maiden = rng.pick(FAMILY);
        let birth_day = rng.between(0, 20 * 360);
        let gender = if rng.next() % 2 == 0 { "female" } else { "male" };
        let (city, state, zip) = rng.pick(CITIES);
        let street = format!("{} {}", rng.between(1, 9999), rng.pick(STREETS));
        let phone = format!("{}-555-{:04}", rng.between(200, 999), rng.between(0, 9999));
        let ssn = format!("{:03}-{:02}-{:04}", rng.between(100, 899), rng.between(10, 99), rng.between(1000, 9999));
        let (family, given, middle, mother, maiden, street) = (
            json_str(family),
            json_str(given),
            json_str(middle),
            json_str(mother),
            json_str(maiden),
            json_str(&street),
        );
        let patient = format!("urn:uuid:00000001-0000-4000-8000-{n:012x}");
        if n > 0 {
            out.push(',');
        }
        let _ = write!(
            out,
            r#"{{"fullUrl":"{patient}","resource":{{"resourceType":"Patient","identifier":[{{"type":{{"coding":[{{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"MR"}}]}},"system":"urn:oid:1.2.3.4.5.6","value":"MR{n:08}"}},{{"system":"http://hl7.org/fhir/sid/us-ssn","value":"{ssn}"}}],"name":[{{"use":"official","family":{family},"given":[{given},{middle}]}}],"telecom":[{{"system":"phone","value":"{phone}","use":"home"}}],"gender":"{gender}","birthDate":"{birth}","address":[{{"use":"home","line":[{street}],"city":"{city}","state":"{state}","postalCode":"{zip}","country":"US"}}],"extension":[{{"url":"http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName","valueString":{maiden}}}]}}}},"#,
            birth = iso_date(birth_day),
        );
        let _ = write!(
            out,
            r#"{{"fullUrl":"urn:uuid:00000002-0000-4000-8000-{n:012x}","resource":{{"resourceType":"RelatedPerson","patient":{{"reference":"{patient}"}},"relationship":[{{"coding":[{{"system":"http://terminology.hl7.org/CodeSystem/v3-RoleCode","code":"MTH","display":"mother"}}]}}],"name":[{{"use":"official","family":{family},"given":[{mother}]}},{{"use":"maiden","family":{maiden}}}],"telecom":[{{"system":"phone","value":"{phone}","use":"home"}}],"address":[{{"use":"home","line":[{street}],"city":"{city}","state":"{state}","postalCode":"{zip}"}}]}}}},"#,
        );
        let _ = write!(
            out,
            r#"{{"fullUrl":"urn:uuid:00000003-0000-4000-8000-{n:012x}","resource":{{"resourceType":"Coverage","status":"active","identifier":[{{"system":"urn:oid:1.2.840.114350","value":"POL-{policy}"}}],"type":{{"coding":[{{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"EHCPOL","display":"extended healthcare"}}]}},"subscriberId":"SUB-{subscriber}","beneficiary":{{"reference":"{patient}"}},"relationship":{{"coding":[{{"code":"child"}}]}},"payor":[{{"display":"{payor}"}}]}}}}"#,
            policy = rng.between(100_000, 999_999),
            subscriber = rng.between(100_000, 999_999),
            payor = rng.pick(PAYORS),
        );
        for dose in 0..doses_each {
            let &(cvx, name, mvx, _) = rng.pick(VACCINES);
            let given_on = iso_date(birth_day + dose * spacing + rng.between(0, 20));
            let lot =
                format!("{}{:04}{}", (b'A' + (rng.next() % 26) as u8) as char, rng.between(0, 9999), rng.between(0, 9));
            let expires = iso_date(birth_day + dose * spacing + 400);
            let (route, route_name) = rng.pick(FHIR_ROUTES);
            let (site, site_name) = rng.pick(FHIR_SITES);
            let (funding, funding_name) = rng.pick(FUNDING);
            let _ = write!(
                out,
                r#",{{"fullUrl":"urn:uuid:00000004-0000-4000-8000-{id:012x}","resource":{{"resourceType":"Immunization","status":"completed","vaccineCode":{{"coding":[{{"system":"http://hl7.org/fhir/sid/cvx","code":"{cvx}","display":"{name}"}}]}},"patient":{{"reference":"{patient}"}},"occurrenceDateTime":"{given_on}","primarySource":true,"location":{{"display":"Northside Pediatrics"}},"manufacturer":{{"identifier":{{"system":"http://hl7.org/fhir/sid/mvx","value":"{mvx}"}}}},"lotNumber":"{lot}","expirationDate":"{expires}","site":{{"coding":[{{"system":"http://terminology.hl7.org/CodeSystem/v3-ActSite","code":"{site}","display":"{site_name}"}}]}},"route":{{"coding":[{{"system":"http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration","code":"{route}","display":"{route_name}"}}]}},"doseQuantity":{{"value":0.5,"unit":"mL","system":"http://unitsofmeasure.org","code":"mL"}},"programEligibility":[{{"coding":[{{"system":"http://terminology.hl7.org/CodeSystem/v2-0064","code":"{funding}","display":"{funding_name}"}}]}}],"protocolApplied":[{{"doseNumberPositiveInt":{number}}}]}}}}"#,
                id = n * doses_each + dose,
                number = dose + 1,
            );
        }
    }
    out.push_str("]}");
    out
}
