use std::collections::HashSet;

use super::*;
use crate::VaccineGroup::*;

fn position(group: VaccineGroup) -> usize {
    VaccineGroup::DISPLAY_ORDER.iter().position(|&g| g == group).expect("group is in DISPLAY_ORDER")
}

fn non_blank_lines(text: &str) -> usize {
    text.lines().filter(|line| !line.trim().is_empty()).count()
}

// ---------------------------------------------------------------- the compiled-in tables

#[test]
fn every_table_line_is_loaded() {
    let tables = tables();
    assert_eq!(tables.vaccines.len(), non_blank_lines(CVX_TABLE), "a CVX line was skipped");
    assert_eq!(tables.manufacturers.len(), non_blank_lines(MVX_TABLE), "an MVX line was skipped");
    // The copy in data/ at IZGateway/v2tofhir e69158bd; update when the tables are refreshed.
    assert_eq!(tables.vaccines.len(), 279);
    assert_eq!(tables.manufacturers.len(), 89);
    assert_eq!(tables.vaccine_index.len(), tables.vaccines.len(), "CVX codes are unique");
    assert_eq!(tables.manufacturer_index.len(), tables.manufacturers.len(), "MVX codes are unique");
}

#[test]
fn tables_are_parsed_once() {
    assert!(std::ptr::eq(tables(), tables()));
    let first = vaccine("20").expect("DTaP");
    let second = vaccine("20").expect("DTaP");
    assert!(std::ptr::eq(first, second));
}

#[test]
fn statuses_are_read_from_the_table() {
    let count = |status| tables().vaccines.iter().filter(|v| v.status == status).count();
    assert_eq!(count(CodeStatus::Active), 110);
    assert_eq!(count(CodeStatus::Inactive), 112);
    assert_eq!(count(CodeStatus::NeverActive), 18);
    assert_eq!(count(CodeStatus::NonUs), 39);
    assert_eq!(count(CodeStatus::Other), 0);
    assert_eq!(vaccine("03").map(|v| v.status), Some(CodeStatus::Active));
    assert_eq!(vaccine("01").map(|v| v.status), Some(CodeStatus::Inactive));
    assert_eq!(vaccine("102").map(|v| v.status), Some(CodeStatus::NonUs));
    assert_eq!(vaccine("57").map(|v| v.status), Some(CodeStatus::NeverActive));
    assert!(tables().manufacturers.iter().all(|m| matches!(m.status, CodeStatus::Active | CodeStatus::Inactive)));
    assert_eq!(CodeStatus::parse(" never active "), CodeStatus::NeverActive);
    assert_eq!(CodeStatus::parse("Pending"), CodeStatus::Pending);
    assert_eq!(CodeStatus::parse("Retired"), CodeStatus::Other);
}

#[test]
fn names_are_trimmed_and_never_empty() {
    for v in &tables().vaccines {
        assert!(!v.short_name.is_empty() && !v.full_name.is_empty(), "CVX {}", v.cvx);
        assert_eq!(v.cvx, v.cvx.trim());
        assert_eq!(v.short_name, v.short_name.trim());
        assert_eq!(vaccine_name(v.cvx), v.short_name);
    }
    for m in &tables().manufacturers {
        assert!(!m.name.is_empty(), "MVX {}", m.mvx);
        assert_eq!(m.mvx, m.mvx.trim());
        assert_eq!(manufacturer_name(m.mvx), m.name);
    }
    let dtap_hepb_ipv = vaccine("110").expect("CVX 110");
    assert_eq!(dtap_hepb_ipv.cvx, "110");
    assert_eq!(dtap_hepb_ipv.short_name, "DTaP-Hep B-IPV");
    assert_eq!(dtap_hepb_ipv.full_name, "DTaP-hepatitis B and poliovirus vaccine");
}

#[test]
fn utf8_names_survive() {
    let with_kappa: Vec<&str> = tables().vaccines.iter().filter(|v| v.full_name.contains('κ')).map(|v| v.cvx).collect();
    assert_eq!(with_kappa, ["306", "307"]);
    let nirsevimab = vaccine("306").expect("CVX 306");
    assert!(nirsevimab.full_name.contains("monoclonal antibody, IgG1κ, (nirsevimab-alip)"), "{}", nirsevimab.full_name);
    assert_eq!(nirsevimab.groups, [Rsv]);
}

// ---------------------------------------------------------------- lookups

#[test]
fn leading_zeros_and_spaces_do_not_matter() {
    let hep_b = vaccine("08").expect("CVX 08");
    assert_eq!(hep_b.cvx, "08", "the table's spelling is kept");
    for spelling in ["8", "08", "008", " 8", "08 ", "\t08\r\n"] {
        assert_eq!(vaccine(spelling), Some(hep_b), "{spelling:?}");
    }
    assert_eq!(vaccine_name("8"), "Hep B, adolescent or pediatric");
    assert_eq!(vaccine_groups("8"), [HepatitisB]);
    assert_eq!(vaccine("0110").map(|v| v.cvx), Some("110"));
    assert_eq!(vaccine("3"), vaccine("03"));
    assert_eq!(cvx_key("000"), "0");
    assert_eq!(cvx_key(""), "");
}

#[test]
fn unknown_vaccine_codes_get_a_readable_name_and_other() {
    // 124 is a gap in the table (123 is H5N1 influenza, which is known).
    assert_eq!(vaccine("124"), None);
    assert_eq!(vaccine_name("124"), "Unknown vaccine (CVX 124)");
    assert_eq!(vaccine_name(" 0777 "), "Unknown vaccine (CVX 0777)");
    assert_eq!(vaccine_name("abc"), "Unknown vaccine (CVX abc)");
    assert_eq!(vaccine_name("   "), "Unknown vaccine (no CVX code)");
    assert_eq!(vaccine_name(""), "Unknown vaccine (no CVX code)");
    assert_eq!(vaccine_groups("124"), [Other]);
    assert_eq!(vaccine_groups(""), [Other]);
    assert_eq!(vaccine_name("123"), "influenza, H5N1-1203");
    for odd in ["0", "000", "-8", "+8", "8.0", "\u{feff}", "💉", "٠٨", &"0".repeat(10_000), &"9".repeat(10_000)] {
        assert_eq!(vaccine(odd), None, "{odd:?}");
        assert!(!vaccine_name(odd).is_empty());
        assert_eq!(vaccine_groups(odd), [Other]);
    }
}

#[test]
fn no_vaccine_and_unknown_vaccine_codes() {
    assert_eq!(vaccine_groups("998"), [NoVaccine]);
    assert_eq!(vaccine_name("998"), "no vaccine administered");
    assert_eq!(vaccine_groups("999"), [Other]);
    let only_998: Vec<&str> =
        tables().vaccines.iter().filter(|v| v.groups.contains(&NoVaccine)).map(|v| v.cvx).collect();
    assert_eq!(only_998, ["998"]);
}

#[test]
fn manufacturer_lookup_ignores_case_and_spaces() {
    let merck = manufacturer("MSD").expect("MVX MSD");
    assert_eq!(merck.name, "Merck and Co., Inc.");
    assert_eq!(merck.status, CodeStatus::Active);
    for spelling in ["msd", "Msd", " mSd ", "MSD\r"] {
        assert_eq!(manufacturer(spelling), Some(merck), "{spelling:?}");
    }
    assert_eq!(manufacturer_name("pfr"), "Pfizer, Inc");
    assert_eq!(manufacturer_name("pmc"), "Sanofi Pasteur");
    assert_eq!(manufacturer_name("skb"), "GlaxoSmithKline");
    assert_eq!(manufacturer_name("Mod"), "Moderna US, Inc.");
    assert_eq!(manufacturer("ab").map(|m| m.status), Some(CodeStatus::Inactive));
    // The last line of mvx.txt has no newline after it.
    assert_eq!(manufacturer_name("can"), "CanSino Biologics, Inc");
    // Merck's MVX code is MSD; "MRK" is not in the CDC table.
    assert_eq!(manufacturer("mrk"), None);
    assert_eq!(manufacturer_name(" mrk "), "Unknown manufacturer (MVX mrk)");
    assert_eq!(manufacturer_name(""), "Unknown manufacturer (no MVX code)");
    assert_eq!(manufacturer("ms"), None);
    assert_eq!(manufacturer("💉"), None);
}

// ---------------------------------------------------------------- vaccine groups

#[test]
fn every_table_code_has_an_explicit_group_entry() {
    let table: HashSet<&str> = tables().vaccines.iter().map(|v| cvx_key(v.cvx)).collect();
    let mut reviewed = HashSet::new();
    for &(code, entry) in groups::CVX_GROUPS {
        assert!(reviewed.insert(cvx_key(code)), "CVX {code} has two entries in CVX_GROUPS");
        assert!(table.contains(cvx_key(code)), "CVX_GROUPS has CVX {code}, which is not in data/cvx.txt");
        assert!(!entry.is_empty(), "CVX {code} has no group");
        let positions: Vec<usize> = entry.iter().map(|&g| position(g)).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "CVX {code}: groups not in display order or repeated");
    }
    let missing: Vec<&str> =
        tables().vaccines.iter().map(|v| v.cvx).filter(|c| !reviewed.contains(cvx_key(c))).collect();
    assert!(missing.is_empty(), "CVX codes without a reviewed entry in CVX_GROUPS: {missing:?}");
}

#[test]
fn every_table_code_has_at_least_one_group() {
    for v in &tables().vaccines {
        assert!(!v.groups.is_empty(), "CVX {}", v.cvx);
        assert_eq!(vaccine_groups(v.cvx), v.groups);
    }
}

#[test]
fn combination_vaccines_count_in_every_group() {
    let cases: &[(&str, &[VaccineGroup])] = &[
        ("110", &[DtapTdapTd, Polio, HepatitisB]),      // Pediarix
        ("94", &[Mmr, Varicella]),                      // MMRV (ProQuad)
        ("104", &[HepatitisB, HepatitisA]),             // Twinrix
        ("146", &[DtapTdapTd, Polio, HepatitisB, Hib]), // Vaxelis
        ("120", &[DtapTdapTd, Polio, Hib]),             // Pentacel
        ("130", &[DtapTdapTd, Polio]),                  // Kinrix, Quadracel
        ("51", &[HepatitisB, Hib]),                     // Comvax
        ("22", &[DtapTdapTd, Hib]),                     // DTP-Hib
        ("50", &[DtapTdapTd, Hib]),                     // DTaP-Hib (TriHIBit)
        ("102", &[DtapTdapTd, HepatitisB, Hib]),        // DTP-Hib-HepB
        ("132", &[DtapTdapTd, Polio, HepatitisB, Hib]), // historical hexavalent
        ("170", &[DtapTdapTd, Polio, Hib]),             // non-US DTaP-IPV-Hib
        ("193", &[HepatitisB, HepatitisA]),             // non-US HepA-HepB, pediatric
        ("195", &[DtapTdapTd, Polio]),                  // DT-IPV
        ("198", &[DtapTdapTd, HepatitisB, Hib]),        // non-US pentavalent
        ("316", &[MenAcwy, MenB]),                      // Penbraya
        ("148", &[Hib]),                                // Hib-MenCY: a Hib dose, not a MenACWY dose
    ];
    for &(cvx, expected) in cases {
        assert_eq!(vaccine_groups(cvx), expected, "CVX {cvx} ({})", vaccine_name(cvx));
    }
    let mut multi: Vec<&str> = tables().vaccines.iter().filter(|v| v.groups.len() > 1).map(|v| v.cvx).collect();
    multi.sort_by_key(|c| cvx_key(c).parse::<u32>().unwrap_or(u32::MAX));
    let mut listed: Vec<&str> = cases.iter().filter(|(_, g)| g.len() > 1).map(|&(c, _)| c).collect();
    listed.sort_by_key(|c| c.parse::<u32>().unwrap_or(u32::MAX));
    assert_eq!(multi, listed, "every multi-group code is checked above");
}

#[test]
fn single_vaccines_are_in_their_group() {
    let cases: &[(VaccineGroup, &[&str])] = &[
        (DtapTdapTd, &["01", "09", "20", "28", "106", "107", "113", "115", "138", "139", "196"]),
        (Polio, &["02", "10", "89", "178", "179", "182", "324"]),
        (Mmr, &["03", "04", "05", "06", "07", "38"]),
        (HepatitisB, &["08", "42", "43", "44", "45", "189", "220"]),
        (Varicella, &["21"]),
        (Hib, &["17", "46", "47", "48", "49"]),
        (Pneumococcal, &["33", "100", "109", "133", "152", "177", "215", "216"]),
        (HepatitisA, &["31", "52", "83", "84", "85", "169"]),
        (Hpv, &["62", "118", "137", "165"]),
        (MenAcwy, &["32", "108", "114", "136", "147", "167", "203"]),
        (MenB, &["162", "163", "164"]),
        (
            Influenza,
            &["15", "16", "88", "111", "135", "140", "141", "149", "150", "153", "155", "158", "171", "197", "320"],
        ),
        (
            Covid19,
            &["207", "208", "210", "211", "212", "213", "217", "221", "229", "300", "302", "308", "313", "500", "521"],
        ),
        (Rsv, &["93", "303", "304", "305", "306", "307", "314", "315", "326"]),
        (Rotavirus, &["74", "116", "119", "122"]),
        (Zoster, &["121", "187", "188"]),
    ];
    for &(group, codes) in cases {
        for cvx in codes {
            assert_eq!(vaccine_groups(cvx), [group], "CVX {cvx} ({})", vaccine_name(cvx));
        }
    }
}

#[test]
fn travel_special_and_non_vaccine_codes_are_other() {
    let other = [
        "18", "40", "90", "175", "176", // rabies
        "25", "41", "53", "91", "101", "190", // typhoid
        "37", "183", "184", // yellow fever
        "24", "318", "319", // anthrax
        "75", "105", "206", // smallpox, mpox
        "39", "129", "134", // Japanese encephalitis
        "77", "222", "223", "224", // tick-borne encephalitis
        "26", "172", "173", "174", // cholera
        "56", "317", "19", "204", "214", // dengue, chikungunya, BCG, Ebola
        "12", "13", "14", "27", "29", "30", "34", "36", "79", "86", "87", "117", "154", "156", "180", "181", // IG
        "95", "96", "97", "98", "801", "99", "999", // skin tests, adjuvant, reserved, unknown
        "103", "191", "192", // meningococcal C / A / AC: not an ACWY dose
    ];
    for cvx in other {
        assert_eq!(vaccine_groups(cvx), [Other], "CVX {cvx} ({})", vaccine_name(cvx));
    }
}

/// An independent cross-check of the hand-written table against the table's names: a word that
/// names a disease must agree with the group, both ways. Immune globulins and antitoxins are not
/// vaccines and must stay out of the disease groups (except RSV, see `groups.rs`).
#[test]
fn groups_agree_with_names() {
    let mut disagreements = Vec::new();
    for v in &tables().vaccines {
        // " word word ... " in lower case, so " hep a " cannot match "hep ab".
        let words: Vec<String> = format!("{} {}", v.short_name, v.full_name)
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        // A conjugate's carrier protein ("tetanus toxoid conjugate") is not a tetanus dose.
        let text = format!(" {} ", words.join(" "))
            .replace(" diphtheria toxoid conjugate ", " carrier conjugate ")
            .replace(" tetanus toxoid conjugate ", " carrier conjugate ");
        let says = |phrases: &[&str]| phrases.iter().any(|p| text.contains(&format!(" {p} ")));
        let globulin = says(&["immune globulin", "ig", "igiv", "hbig", "tig", "vzig", "antitoxin"]);
        let checks = [
            (DtapTdapTd, !globulin && says(&["tetanus", "pertussis", "diphtheria", "dtap", "dtp", "dt", "td", "tdap"])),
            (Polio, says(&["polio", "poliovirus", "poliomyelitis", "ipv", "opv", "fipv"])),
            (Mmr, says(&["measles", "mumps", "rubella", "mmr", "mmrv"])),
            (HepatitisB, !globulin && says(&["hepatitis b", "hep b", "hepb"])),
            (Varicella, !globulin && says(&["varicella"])),
            (Hib, says(&["haemophilus", "hib"])),
            (Pneumococcal, says(&["pneumococcal"])),
            (HepatitisA, !globulin && says(&["hepatitis a", "hep a"])),
            (Hpv, says(&["hpv", "hpv9", "papilloma", "papillomavirus"])),
            (MenAcwy, says(&["groups a c y", "mcv4", "mpsv4", "acwy", "menacwy", "unknown serogroups"])),
            (MenB, says(&["meningococcal b", "menb"])),
            (Influenza, says(&["influenza"]) && !says(&["haemophilus", "hib"])),
            (Covid19, says(&["covid", "covid 19"])),
            (Rsv, says(&["rsv", "respiratory syncytial"])),
            (Rotavirus, says(&["rotavirus"])),
            (Zoster, !globulin && says(&["zoster"])),
        ];
        for (group, named) in checks {
            if v.groups.contains(&group) != named {
                disagreements
                    .push(format!("CVX {} {:?} named={named} ({} | {})", v.cvx, group, v.short_name, v.full_name));
            }
        }
    }
    assert!(disagreements.is_empty(), "{} disagreements:\n{}", disagreements.len(), disagreements.join("\n"));
}

// ---------------------------------------------------------------- the group enum

/// Lists every variant; the match without a wildcard stops compiling when one is added.
fn all_groups() -> Vec<VaccineGroup> {
    let every = [
        DtapTdapTd,
        Polio,
        Mmr,
        HepatitisB,
        Varicella,
        Hib,
        Pneumococcal,
        HepatitisA,
        Hpv,
        MenAcwy,
        MenB,
        Influenza,
        Covid19,
        Rsv,
        Rotavirus,
        Zoster,
        Other,
        NoVaccine,
    ];
    for group in every {
        match group {
            DtapTdapTd | Polio | Mmr | HepatitisB | Varicella | Hib | Pneumococcal | HepatitisA | Hpv | MenAcwy
            | MenB | Influenza | Covid19 | Rsv | Rotavirus | Zoster | Other | NoVaccine => {}
        }
    }
    every.to_vec()
}

#[test]
fn display_order_has_every_group_once() {
    let order = VaccineGroup::DISPLAY_ORDER;
    let distinct: HashSet<VaccineGroup> = order.iter().copied().collect();
    assert_eq!(distinct.len(), order.len(), "a group is listed twice");
    for group in all_groups() {
        assert!(distinct.contains(&group), "{group:?} missing from DISPLAY_ORDER");
    }
    assert!(order.windows(2).all(|w| w[0] < w[1]), "Ord follows DISPLAY_ORDER");
    assert_eq!(order.last(), Some(&NoVaccine));
}

#[test]
fn labels_are_present_and_distinct() {
    let mut seen = HashSet::new();
    for group in VaccineGroup::DISPLAY_ORDER {
        let label = group.label();
        assert!(!label.trim().is_empty(), "{group:?}");
        assert!(seen.insert(label), "label {label:?} used twice");
    }
    assert_eq!(DtapTdapTd.label(), "DTaP / Tdap / Td");
    assert_eq!(Varicella.label(), "Varicella (chickenpox)");
    assert_eq!(MenAcwy.label(), "Meningococcal ACWY");
    assert_eq!(Covid19.label(), "COVID-19");
    assert_eq!(Zoster.label(), "Zoster (shingles)");
    assert_eq!(Other.label(), "Other vaccines");
    assert_eq!(NoVaccine.label(), "No vaccine given");
}

#[test]
fn serialized_as_snake_case() {
    assert_eq!(json(&DtapTdapTd), "\"dtap_tdap_td\"");
    assert_eq!(json(&Mmr), "\"mmr\"");
    assert_eq!(json(&Covid19), "\"covid_19\"");
    assert_eq!(json(&HepatitisB), "\"hepatitis_b\"");
    assert_eq!(json(&MenAcwy), "\"men_acwy\"");
    assert_eq!(json(&NoVaccine), "\"no_vaccine\"");
    assert_eq!(json(&CodeStatus::NonUs), "\"non_us\"");
    assert_eq!(json(&CodeStatus::NeverActive), "\"never_active\"");
    for group in VaccineGroup::DISPLAY_ORDER {
        let text = serde_json::to_string(&group).expect("serializes");
        assert_eq!(serde_json::from_str::<VaccineGroup>(&text).ok(), Some(group));
    }
    let pediarix = serde_json::to_value(vaccine("110").expect("CVX 110")).expect("serializes");
    assert_eq!(pediarix["cvx"], "110");
    assert_eq!(pediarix["status"], "active");
    assert_eq!(pediarix["groups"], serde_json::json!(["dtap_tdap_td", "polio", "hepatitis_b"]));
    let merck = serde_json::to_value(manufacturer("msd").expect("MSD")).expect("serializes");
    assert_eq!(merck, serde_json::json!({"mvx": "MSD", "name": "Merck and Co., Inc.", "status": "active"}));
}

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("serializes")
}

// ---------------------------------------------------------------- the parsers

#[test]
fn malformed_cvx_lines_are_skipped() {
    let text = "\u{feff}20        |DTaP|diphtheria, tetanus toxoids and acellular pertussis vaccine||Active|False|2010/05/28\r\n\
        \n\
        just some words\n\
        |no code|no code vaccine||Active|False|2010/05/28\n\
        21|varicella|varicella virus vaccine\n\
        CVX|Short name|Full name|Note|Status|Nonvaccine|Last updated\n\
        12a|bad code|bad code||Active|False|2010/05/28\n\
        ٠٨|arabic digits|arabic digits||Active|False|2010/05/28\n\
        12345|too long|too long||Active|False|2010/05/28\n\
        33|   |  ||Active|False|2010/05/28\n\
        08   |Hep B, adolescent or pediatric|hepatitis B vaccine||Active|False|2010/05/28\n\
        8|duplicate|duplicate of 08||Active|False|2010/05/28\n\
        998|no vaccine administered|no vaccine administered||Inactive|True\n\
        94||measles, mumps, rubella, and varicella virus vaccine||Bogus\n\
        |||||||\n\
        ||||\n";
    let parsed = parse_cvx(text);
    let codes: Vec<&str> = parsed.iter().map(|v| v.cvx).collect();
    assert_eq!(codes, ["20", "08", "998", "94"]);
    assert_eq!(parsed[0].short_name, "DTaP");
    assert_eq!(parsed[0].status, CodeStatus::Active);
    assert_eq!(parsed[0].groups, [DtapTdapTd]);
    assert_eq!(parsed[1].short_name, "Hep B, adolescent or pediatric", "the first of two spellings wins");
    assert_eq!(parsed[2].groups, [NoVaccine]);
    assert_eq!(parsed[3].short_name, "measles, mumps, rubella, and varicella virus vaccine", "falls back to full");
    assert_eq!(parsed[3].status, CodeStatus::Other);
    assert_eq!(parsed[3].groups, [Mmr, Varicella]);
    assert!(parse_cvx("").is_empty());
    assert!(parse_cvx("\n\n|\n").is_empty());
}

#[test]
fn cvx_code_without_a_reviewed_entry_is_other() {
    let parsed = parse_cvx("777|future vaccine|future vaccine||Pending|False|2030/01/01");
    assert_eq!(parsed.len(), 1);
    assert_eq!(parsed[0].groups, [Other]);
    assert_eq!(parsed[0].status, CodeStatus::Pending);
}

#[test]
fn malformed_mvx_lines_are_skipped() {
    let text = "MSD|Merck and Co., Inc.||Active|2012/10/18\r\n\
        PFR|Pfizer, Inc\n\
        |No code||Active|2010/05/28\n\
        M S D|spaces||Active|2010/05/28\n\
        TOOLONGCODE|too long||Active|2010/05/28\n\
        XYZ|||Active|2010/05/28\n\
        msd|Merck again||Active|2012/10/18\n\
        sph|Sinopharm-Biotech|Non-US COVID-19 Vaccine Manufacturer|Active|2021/07/15\n\
        BN|Bavarian Nordic A/S|note|Something else";
    let parsed = parse_mvx(text);
    let codes: Vec<&str> = parsed.iter().map(|m| m.mvx).collect();
    assert_eq!(codes, ["MSD", "sph", "BN"]);
    assert_eq!(parsed[0].name, "Merck and Co., Inc.");
    assert_eq!(parsed[2].status, CodeStatus::Other);
    assert!(parse_mvx("").is_empty());
}

#[test]
fn the_compiled_in_tables_read_the_same_as_the_downloaded_files() {
    // build.rs drops the notes and dates; every code, name and status must survive that.
    let (cvx, mvx) = (include_str!("../data/cvx.txt"), include_str!("../data/mvx.txt"));
    assert_eq!(parse_cvx(CVX_TABLE), parse_cvx(cvx));
    assert_eq!(parse_mvx(MVX_TABLE), parse_mvx(mvx));
    assert!(parse_cvx(CVX_TABLE).len() >= 270 && parse_mvx(MVX_TABLE).len() >= 85);
    assert!(CVX_TABLE.len() < cvx.len() * 2 / 3, "{} of {} bytes", CVX_TABLE.len(), cvx.len());
}
