//! The names staff compare a photo ID with (never printed on a copy): the patient's, and every
//! parent's or guardian's the record holds, the mother's included (a copy for an organization
//! never carries hers, but she is the parent who most often asks).

use recdesk_record::Record;

/// One name and whose it is, e.g. ("mother", "Lan Nguyễn").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameOnRecord {
    pub role: &'static str,
    pub name: String,
}

/// The patient's names, then each parent's or guardian's, in the record's order.
pub fn names_for_id_check(record: &Record) -> Vec<NameOnRecord> {
    let patient = record.patient.names.iter().enumerate().map(|(index, name)| NameOnRecord {
        role: if index == 0 { "patient" } else { "patient (another name)" },
        name: name.value.display(),
    });
    let parents = record.related_persons.iter().filter(|person| person.is_parent_or_guardian()).filter_map(|person| {
        let role = if person.is_mother() { "mother" } else { "parent or guardian" };
        person.name.as_ref().map(|name| NameOnRecord { role, name: name.value.display() })
    });
    patient.chain(parents).filter(|entry| !entry.name.trim().is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use recdesk_record::{Code, Located, Location, PersonName, RelatedPerson};

    use super::*;

    fn person(given: &str, family: &str) -> PersonName {
        PersonName { family: family.into(), given: vec![given.into()], ..PersonName::default() }
    }

    fn related(name: PersonName, code: &str) -> RelatedPerson {
        let at = Location::Json { document: 1, pointer: "/x".into() };
        RelatedPerson {
            name: Some(Located::new(name, at.clone())),
            relationship: Some(Located::new(Code { code: code.into(), ..Code::default() }, at)),
            ..RelatedPerson::default()
        }
    }

    #[test]
    fn the_mother_and_father_are_listed_and_an_emergency_contact_is_not() {
        let at = Location::Json { document: 1, pointer: "/name".into() };
        let mut record = Record::default();
        record.patient.names.push(Located::new(person("José", "García"), at));
        record.related_persons = vec![
            related(person("Lan", "Nguyễn"), "MTH"),
            related(person("Robert", "García"), "FTH"),
            related(person("Ana", "Friend"), "EMC"),
        ];
        let names: Vec<(&str, String)> =
            names_for_id_check(&record).into_iter().map(|entry| (entry.role, entry.name)).collect();
        assert_eq!(names.len(), 3, "{names:?}");
        assert_eq!(names[0].0, "patient");
        assert_eq!(names[1].0, "mother");
        assert!(names[1].1.contains("Lan"));
        assert_eq!(names[2].0, "parent or guardian");
        assert!(names.iter().all(|(_, name)| !name.contains("Friend")));
    }
}
