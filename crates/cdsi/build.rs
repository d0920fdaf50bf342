//! Reads CDC's CDSi supporting data (data/4.64) into the compact JSON the crate loads. A value the
//! schedule's shape cannot hold fails the build, naming it: the data is never read in part.

#[path = "src/schedule.rs"]
#[allow(dead_code)]
mod schedule;

use schedule::{Association, CvxAntigens, Duration, LiveVirusConflict, Schedule, VaccineGroupData};

const VERSION: &str = "4.64";
const RELEASED: &str = "November 2025";

fn main() {
    let dir = std::path::Path::new("data").join(VERSION);
    println!("cargo::rerun-if-changed={}", dir.display());
    let path = dir.join("ScheduleSupportingData.xml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let schedule = read_schedule(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("schedule.json");
    let json = serde_json::to_string(&schedule).expect("the schedule serializes");
    std::fs::write(&out, json).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}

fn read_schedule(text: &str) -> Result<Schedule, String> {
    let document = roxmltree::Document::parse(text).map_err(|e| e.to_string())?;
    let root = document.root_element();
    let section = |name: &str| child(root, name).ok_or(format!("no <{name}>"));
    let mut vaccine_groups = Vec::new();
    let full: Vec<(String, bool)> = children(section("vaccineGroups")?, "vaccineGroup")
        .map(|group| (text_of(group, "name"), text_of(group, "administerFullVaccineGroup") == "Yes"))
        .collect();
    for map in children(section("vaccineGroupToAntigenMap")?, "vaccineGroupMap") {
        let name = text_of(map, "name");
        let antigens = children(map, "antigen").map(|a| a.text().unwrap_or_default().trim().to_owned()).collect();
        let administer_full_group = full.iter().any(|(group, yes)| *group == name && *yes);
        vaccine_groups.push(VaccineGroupData { name, antigens, administer_full_group });
    }
    let mut cvx = Vec::new();
    for map in children(section("cvxToAntigenMap")?, "cvxMap") {
        let code = text_of(map, "cvx");
        let associations = children(map, "association")
            .map(|a| {
                Ok(Association {
                    antigen: text_of(a, "antigen"),
                    begin_age: duration(&text_of(a, "associationBeginAge"), &code)?,
                    end_age: duration(&text_of(a, "associationEndAge"), &code)?,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        cvx.push(CvxAntigens { description: text_of(map, "shortDescription"), cvx: code, associations });
    }
    let mut live_virus_conflicts = Vec::new();
    for conflict in children(section("liveVirusConflicts")?, "liveVirusConflict") {
        let cvx_of = |side: &str| child(conflict, side).map(|s| text_of(s, "cvx")).unwrap_or_default();
        let (previous_cvx, current_cvx) = (cvx_of("previous"), cvx_of("current"));
        let required = |name: &str| {
            duration(&text_of(conflict, name), &previous_cvx)?.ok_or(format!("{previous_cvx}/{current_cvx}: no {name}"))
        };
        live_virus_conflicts.push(LiveVirusConflict {
            begin: required("conflictBeginInterval")?,
            min_end: required("minConflictEndInterval")?,
            end: required("conflictEndInterval")?,
            previous_cvx,
            current_cvx,
        });
    }
    Ok(Schedule {
        version: VERSION.to_owned(),
        released: RELEASED.to_owned(),
        vaccine_groups,
        cvx,
        live_virus_conflicts,
    })
}

fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|c| c.has_tag_name(name))
}

fn children<'a, 'i: 'a>(
    node: roxmltree::Node<'a, 'i>,
    name: &'a str,
) -> impl Iterator<Item = roxmltree::Node<'a, 'i>> + 'a {
    node.children().filter(move |c| c.has_tag_name(name))
}

fn text_of(node: roxmltree::Node<'_, '_>, name: &str) -> String {
    child(node, name).and_then(|c| c.text()).unwrap_or_default().trim().to_owned()
}

/// An empty value is no duration; anything else must read.
fn duration(text: &str, context: &str) -> Result<Option<Duration>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    Duration::parse(text).map(Some).ok_or(format!("{context}: unreadable duration `{text}`"))
}
