//! Reads CDC's CDSi supporting data (data/4.64) into the compact JSON the crate loads. A value the
//! schedule's shape cannot hold fails the build, naming it: the data is never read in part.

#[path = "src/antigen.rs"]
#[allow(dead_code)]
mod antigen;
#[path = "src/date.rs"]
#[allow(dead_code)]
mod date;
#[path = "src/schedule.rs"]
#[allow(dead_code)]
mod schedule;

use antigen::{
    AgeRule, AntigenData, Condition, ConditionKind, ConditionalSkip, Contraindication, CountLogic, Gender, Immunity,
    Indication, Interval, IntervalFrom, Series, SeriesDose, SeriesType, SkipContext, SkipSet, Vaccine,
    VaccineContraindication,
};
use date::Date;
use roxmltree::Node;
use schedule::{Association, CvxAntigens, Duration, LiveVirusConflict, ObservationData, Schedule, VaccineGroupData};

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

    let mut antigens = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("AntigenSupportingData") && n.ends_with(".xml"))
        })
        .collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        antigens.push(read_antigen(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display())));
    }
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("antigens.json");
    let json = serde_json::to_string(&antigens).expect("the antigens serialize");
    std::fs::write(&out, json).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}

fn read_antigen(text: &str) -> Result<AntigenData, String> {
    let document = roxmltree::Document::parse(text).map_err(|e| e.to_string())?;
    let root = document.root_element();
    let first_series = child(root, "series").ok_or("no <series>")?;
    let antigen = text_of(first_series, "targetDisease");
    let vaccine_group = text_of(first_series, "vaccineGroup");
    let context = antigen.clone();
    let age = |node: Node, name: &str| duration(&text_of(node, name), &context);
    let mut immunity = Immunity::default();
    if let Some(node) = child(root, "immunity") {
        immunity.clinical_history = children(node, "clinicalHistory").map(|h| text_of(h, "guidelineCode")).collect();
        if let Some(birth) = child(node, "dateOfBirth") {
            immunity.born_before = date_of(birth, "immunityBirthDate")?;
            immunity.birth_date_exclusions =
                children(birth, "exclusion").map(|e| text_of(e, "exclusionCode")).collect();
        }
    }
    let mut group_contraindications = Vec::new();
    let mut vaccine_contraindications = Vec::new();
    if let Some(node) = child(root, "contraindications") {
        for group in children(node, "vaccineGroup") {
            for c in children(group, "contraindication") {
                group_contraindications.push(Contraindication {
                    observation: text_of(c, "observationCode"),
                    text: text_of(c, "contraindicationText"),
                    begin_age: age(c, "beginAge")?,
                    end_age: age(c, "endAge")?,
                });
            }
        }
        for vaccine in children(node, "vaccine") {
            for c in children(vaccine, "contraindication") {
                vaccine_contraindications.push(VaccineContraindication {
                    observation: text_of(c, "observationCode"),
                    text: text_of(c, "contraindicationText"),
                    vaccines: children(c, "contraindicatedVaccine")
                        .map(|v| read_vaccine(v, &context))
                        .collect::<Result<_, _>>()?,
                });
            }
        }
    }
    let series = children(root, "series").map(|s| read_series(s, &context)).collect::<Result<_, _>>()?;
    Ok(AntigenData { antigen, vaccine_group, immunity, group_contraindications, vaccine_contraindications, series })
}

fn read_series(node: Node, antigen: &str) -> Result<Series, String> {
    let name = text_of(node, "seriesName");
    let context = format!("{antigen}: {name}");
    let select = child(node, "selectSeries").ok_or(format!("{context}: no <selectSeries>"))?;
    let series_type = match text_of(node, "seriesType").as_str() {
        "Standard" => SeriesType::Standard,
        "Risk" => SeriesType::Risk,
        "Evaluation Only" => SeriesType::EvaluationOnly,
        other => return Err(format!("{context}: series type `{other}`")),
    };
    let genders = children(node, "requiredGender")
        .map(|g| g.text().unwrap_or_default().trim().to_owned())
        .filter(|g| !g.is_empty())
        .map(|g| match g.as_str() {
            "Female" => Ok(Gender::Female),
            "Male" => Ok(Gender::Male),
            "Unknown" => Ok(Gender::Unknown),
            other => Err(format!("{context}: gender `{other}`")),
        })
        .collect::<Result<_, _>>()?;
    let indications = children(node, "indication")
        .map(|i| {
            Ok(Indication {
                observation: child(i, "observationCode").map(|c| text_of(c, "code")).unwrap_or_default(),
                begin_age: duration(&text_of(i, "beginAge"), &context)?,
                end_age: duration(&text_of(i, "endAge"), &context)?,
            })
        })
        .collect::<Result<_, String>>()?;
    let preference = match text_of(select, "seriesPreference").as_str() {
        "" => None,
        number => Some(number.parse().map_err(|_| format!("{context}: preference `{number}`"))?),
    };
    Ok(Series {
        series_type,
        equivalent_series_groups: list(&text_of(node, "equivalentSeriesGroups")),
        default_series: yes(&text_of(select, "defaultSeries")),
        product_path: yes(&text_of(select, "productPath")),
        series_group: text_of(select, "seriesGroup"),
        priority: text_of(select, "seriesPriority"),
        preference,
        min_age_to_start: duration(&text_of(select, "minAgeToStart"), &context)?,
        max_age_to_start: duration(&text_of(select, "maxAgeToStart"), &context)?,
        genders,
        indications,
        doses: children(node, "seriesDose").map(|d| read_dose(d, &context)).collect::<Result<_, _>>()?,
        name,
    })
}

fn read_dose(node: Node, series: &str) -> Result<SeriesDose, String> {
    let context = format!("{series}: {}", text_of(node, "doseNumber"));
    let d = |n: Node, name: &str| duration(&text_of(n, name), &context);
    let ages = children(node, "age")
        .map(|a| {
            Ok(AgeRule {
                absolute_minimum: d(a, "absMinAge")?,
                minimum: d(a, "minAge")?,
                earliest_recommended: d(a, "earliestRecAge")?,
                latest_recommended: d(a, "latestRecAge")?,
                maximum: d(a, "maxAge")?,
                effective: date_of(a, "effectiveDate")?,
                cessation: date_of(a, "cessationDate")?,
            })
        })
        .collect::<Result<_, String>>()?;
    let interval = |i: Node| -> Result<Option<Interval>, String> {
        let from = if text_of(i, "fromPrevious") == "Y" {
            IntervalFrom::Previous
        } else if let Some(target) = Some(text_of(i, "fromTargetDose")).filter(|t| !t.is_empty()) {
            IntervalFrom::TargetDose(target.parse().map_err(|_| format!("{context}: target dose `{target}`"))?)
        } else if let Some(recent) = Some(text_of(i, "fromMostRecent")).filter(|t| !t.is_empty()) {
            IntervalFrom::MostRecent(list(&recent))
        } else if let Some(code) = child(i, "fromRelevantObs").map(|o| text_of(o, "code")).filter(|c| !c.is_empty()) {
            IntervalFrom::Observation(code)
        } else {
            return Ok(None);
        };
        Ok(Some(Interval {
            from,
            absolute_minimum: d(i, "absMinInt")?,
            minimum: d(i, "minInt")?,
            earliest_recommended: d(i, "earliestRecInt")?,
            latest_recommended: d(i, "latestRecInt")?,
            overrides: text_of(i, "intervalPriority").eq_ignore_ascii_case("override"),
            effective: date_of(i, "effectiveDate")?,
            cessation: date_of(i, "cessationDate")?,
        }))
    };
    let mut intervals = Vec::new();
    for i in children(node, "interval") {
        intervals.extend(interval(i)?);
    }
    let mut allowable_intervals = Vec::new();
    for i in children(node, "allowableInterval") {
        allowable_intervals.extend(interval(i)?);
    }
    let vaccines = |name: &str| {
        children(node, name)
            .filter(|v| !text_of(*v, "cvx").is_empty())
            .map(|v| read_vaccine(v, &context))
            .collect::<Result<Vec<_>, _>>()
    };
    let season = child(node, "seasonalRecommendation");
    Ok(SeriesDose {
        ages,
        intervals,
        allowable_intervals,
        preferable_vaccines: vaccines("preferableVaccine")?,
        allowable_vaccines: vaccines("allowableVaccine")?,
        inadvertent_vaccines: children(node, "inadvertentVaccine")
            .map(|v| text_of(v, "cvx"))
            .filter(|c| !c.is_empty())
            .collect(),
        conditional_skips: children(node, "conditionalSkip")
            .filter(|c| child(*c, "set").is_some())
            .map(|c| read_skip(c, &context))
            .collect::<Result<_, _>>()?,
        recurring: yes(&text_of(node, "recurringDose")),
        season_start: season.map(|s| date_of(s, "startDate")).transpose()?.flatten(),
        season_end: season.map(|s| date_of(s, "endDate")).transpose()?.flatten(),
    })
}

fn read_vaccine(node: Node, context: &str) -> Result<Vaccine, String> {
    Ok(Vaccine {
        cvx: text_of(node, "cvx"),
        begin_age: duration(&text_of(node, "beginAge"), context)?,
        end_age: duration(&text_of(node, "endAge"), context)?,
        mvx: Some(text_of(node, "mvx")).filter(|m| !m.is_empty()),
        forecast: text_of(node, "forecastVaccineType") == "Y",
    })
}

fn read_skip(node: Node, context: &str) -> Result<ConditionalSkip, String> {
    let context_kind = match text_of(node, "context").as_str() {
        "Evaluation" => SkipContext::Evaluation,
        "Forecast" => SkipContext::Forecast,
        // Older data leaves it out: both.
        "Both" | "" => SkipContext::Both,
        other => return Err(format!("{context}: skip context `{other}`")),
    };
    let sets = children(node, "set")
        .map(|set| {
            let conditions =
                children(set, "condition").map(|c| read_condition(c, context)).collect::<Result<_, _>>()?;
            Ok(SkipSet {
                description: text_of(set, "setDescription"),
                effective: date_of(set, "effectiveDate")?,
                cessation: date_of(set, "cessationDate")?,
                all_conditions: text_of(set, "conditionLogic").eq_ignore_ascii_case("and"),
                conditions,
            })
        })
        .collect::<Result<_, String>>()?;
    Ok(ConditionalSkip { context: context_kind, all_sets: text_of(node, "setLogic").eq_ignore_ascii_case("and"), sets })
}

fn read_condition(node: Node, context: &str) -> Result<Condition, String> {
    let kind = match text_of(node, "conditionType").to_ascii_lowercase().as_str() {
        "age" => ConditionKind::Age,
        "completed series" => ConditionKind::CompletedSeries,
        "interval" => ConditionKind::Interval,
        "vaccine count by age" => ConditionKind::VaccineCountByAge,
        "vaccine count by date" => ConditionKind::VaccineCountByDate,
        "vaccine count by date and age" => ConditionKind::VaccineCountByDateAndAge,
        other => return Err(format!("{context}: condition type `{other}`")),
    };
    let count_logic = match text_of(node, "doseCountLogic").to_ascii_lowercase().as_str() {
        "greater than" | "" => CountLogic::GreaterThan,
        "equal to" => CountLogic::EqualTo,
        "less than" => CountLogic::LessThan,
        other => return Err(format!("{context}: count logic `{other}`")),
    };
    let dose_count = match text_of(node, "doseCount").as_str() {
        "" => 0,
        count => count.parse().map_err(|_| format!("{context}: dose count `{count}`"))?,
    };
    Ok(Condition {
        kind,
        start_date: date_of(node, "startDate")?,
        end_date: date_of(node, "endDate")?,
        begin_age: duration(&text_of(node, "beginAge"), context)?,
        end_age: duration(&text_of(node, "endAge"), context)?,
        interval: duration(&text_of(node, "interval"), context)?,
        dose_count,
        valid_only: text_of(node, "doseType").eq_ignore_ascii_case("valid"),
        count_logic,
        vaccine_types: list(&text_of(node, "vaccineTypes")),
        series_groups: list(&text_of(node, "seriesGroups")),
    })
}

fn yes(text: &str) -> bool {
    text.eq_ignore_ascii_case("yes") || text.eq_ignore_ascii_case("y")
}

/// "210; 211;212" -> ["210", "211", "212"].
fn list(text: &str) -> Vec<String> {
    text.split([';', ',']).map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect()
}

fn date_of(node: Node, name: &str) -> Result<Option<Date>, String> {
    let text = text_of(node, name);
    if text.is_empty() {
        return Ok(None);
    }
    Date::parse_cdc(&text).map(Some).ok_or(format!("unreadable date `{text}` in <{name}>"))
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
    let observations = children(section("observations")?, "observation")
        .map(|o| ObservationData {
            code: text_of(o, "observationCode"),
            title: text_of(o, "observationTitle"),
            coded: child(o, "codedValues")
                .map(|values| {
                    children(values, "codedValue").map(|v| (text_of(v, "codeSystem"), text_of(v, "code"))).collect()
                })
                .unwrap_or_default(),
        })
        .collect();
    Ok(Schedule {
        version: VERSION.to_owned(),
        released: RELEASED.to_owned(),
        vaccine_groups,
        cvx,
        live_virus_conflicts,
        observations,
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
