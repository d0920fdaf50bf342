//! CDC's CVX -> antigen map and Record Desk's CVX -> vaccine-group table (crates/codes) agree
//! wherever they overlap, but for the differences listed, each with why, in codes-differences.txt.

use recdesk_codes::VaccineGroup;

/// Our vaccine group for a CDSi vaccine group's name (CDC's groups Record Desk shows apart: Other).
fn ours(cdsi_group: &str) -> VaccineGroup {
    match cdsi_group {
        "DTaP/Tdap/Td" => VaccineGroup::DtapTdapTd,
        "Polio" => VaccineGroup::Polio,
        "MMR" => VaccineGroup::Mmr,
        "HepB" => VaccineGroup::HepatitisB,
        "Varicella" => VaccineGroup::Varicella,
        "Hib" => VaccineGroup::Hib,
        "Pneumococcal" => VaccineGroup::Pneumococcal,
        "HepA" => VaccineGroup::HepatitisA,
        "HPV" => VaccineGroup::Hpv,
        "Meningococcal" => VaccineGroup::MenAcwy,
        "Meningococcal B" => VaccineGroup::MenB,
        "Influenza" => VaccineGroup::Influenza,
        "COVID-19" => VaccineGroup::Covid19,
        "RSV" => VaccineGroup::Rsv,
        "Rotavirus" => VaccineGroup::Rotavirus,
        "Zoster" => VaccineGroup::Zoster,
        _ => VaccineGroup::Other,
    }
}

fn names(groups: &[VaccineGroup]) -> String {
    let mut names: Vec<String> = groups.iter().map(|g| format!("{g:?}")).collect();
    names.sort();
    names.join(" ")
}

#[test]
fn cdcs_antigen_map_and_our_vaccine_groups_differ_only_where_listed() {
    let schedule = recdesk_cdsi::schedule();
    let mut found = Vec::new();
    for map in &schedule.cvx {
        let mut cdc: Vec<VaccineGroup> =
            map.associations.iter().filter_map(|a| schedule.group_of(&a.antigen)).map(ours).collect();
        cdc.sort_by_key(|g| format!("{g:?}"));
        cdc.dedup();
        let listed = recdesk_codes::vaccine(&map.cvx).is_some();
        let our =
            if listed { names(recdesk_codes::vaccine_groups(&map.cvx)) } else { "(not in our CVX table)".to_owned() };
        if our != names(&cdc) {
            found.push(format!("{} | {our} | {}", map.cvx, names(&cdc)));
        }
    }
    let listed: Vec<String> = include_str!("codes-differences.txt")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| line.rsplit_once(" | ").map_or(line, |(rest, _why)| rest).to_owned())
        .collect();
    assert_eq!(found, listed, "update codes-differences.txt (and say why) or reconcile the tables");
}
