//! Patient (and Patient.contact, RelatedPerson) to the record model.

use recdesk_record::{Code, Located, Patient, PersonName, RelatedPerson};

use crate::elements::{self, Elements};
use crate::json::{Ctx, Node};
use crate::types;

const RACE: &str = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race";
const ETHNICITY: &str = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity";
const MOTHERS_MAIDEN_NAME: &str = "http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName";
const BIRTH_PLACE: &str = "http://hl7.org/fhir/StructureDefinition/patient-birthPlace";

const GENDER_SYSTEM: &str = "http://hl7.org/fhir/administrative-gender";

const CONTACT: Elements = Elements {
    read: &["relationship", "name", "telecom", "address"],
    silent: &["gender", "organization", "period"],
    unread: &[],
    reads_extensions: false,
};

/// The patient, and the people in Patient.contact (parents, guardians, emergency contacts).
pub(crate) fn read(ctx: &mut Ctx, node: &Node<'_>) -> (Patient, Vec<RelatedPerson>) {
    elements::check(ctx, node, &elements::PATIENT, true);
    let mut patient = Patient::default();

    let names = ctx.objects(node, "name");
    patient.names = names.iter().filter_map(|name| types::human_name(ctx, name)).collect();
    // The model's first name is the legal one when the sender marked one.
    if let Some(legal) = patient.names.iter().position(|n| n.value.kind == "L") {
        let name = patient.names.remove(legal);
        patient.names.insert(0, name);
    }
    if patient.names.is_empty() {
        ctx.warn(node, "The patient has no name (Patient.name is empty).");
    }
    patient.birth_date = ctx.date(node, "birthDate");
    patient.sex = ctx.string(node, "gender").map(|gender| {
        let text = match gender.value.as_str() {
            "male" => "Male",
            "female" => "Female",
            "other" => "Other",
            "unknown" => "Unknown",
            _ => {
                let at = node_of(node, "gender");
                ctx.warn(
                    &at,
                    "Patient.gender is not male, female, other or unknown; it is shown to staff as \"unknown (sent: …)\" \
                     and printed as unknown.",
                );
                ""
            }
        };
        gender.map(|code| {
            let known = recdesk_codes::CodeTable::FhirGender.knows(&code);
            let mut code = Code { code, text: text.to_owned(), system: GENDER_SYSTEM.to_owned(), not_in_table: false };
            if !known {
                code.mark_not_in_table();
            }
            code
        })
    });
    let addresses = ctx.objects(node, "address");
    patient.addresses = addresses.iter().filter_map(|a| types::address(ctx, a)).collect();
    let telecoms = ctx.objects(node, "telecom");
    patient.telecoms = telecoms.iter().filter_map(|t| types::telecom(ctx, t)).collect();
    let identifiers = ctx.objects(node, "identifier");
    patient.identifiers = identifiers.iter().filter_map(|i| types::identifier(ctx, i)).collect();

    if let Some(deceased) = ctx.boolean(node, "deceasedBoolean") {
        patient.deceased = Some(deceased);
    } else if let Some(when) = node.member("deceasedDateTime") {
        patient.death_date = ctx.date_at(&when, "so it was left out (the patient is shown as deceased)");
        if when.value.is_string() {
            patient.deceased = Some(ctx.located(true, &when));
        }
    }
    if let Some(multiple) = ctx.boolean(node, "multipleBirthBoolean") {
        patient.multiple_birth = Some(multiple.map(|m| if m { "Y" } else { "N" }.to_owned()));
    } else if let Some(order) = ctx.number(node, "multipleBirthInteger") {
        patient.multiple_birth = Some(ctx.located("Y".to_owned(), &node_of(node, "multipleBirthInteger")));
        patient.birth_order = Some(order);
    }

    for extension in ctx.objects(node, "extension") {
        match extension.peek("url").unwrap_or("") {
            RACE => patient.races.extend(race_or_ethnicity(ctx, &extension)),
            ETHNICITY => patient.ethnicities.extend(race_or_ethnicity(ctx, &extension)),
            MOTHERS_MAIDEN_NAME => {
                patient.mothers_maiden_name = ctx.string(&extension, "valueString").map(|family| {
                    family.map(|family| PersonName { family, kind: "M".to_owned(), ..PersonName::default() })
                });
            }
            BIRTH_PLACE => patient.birth_place = birth_place(ctx, &extension),
            _ => elements::unread_extension(ctx, &extension),
        }
    }

    let contacts = ctx.objects(node, "contact");
    let related = contacts
        .iter()
        .filter_map(|contact| {
            elements::check(ctx, contact, &CONTACT, false);
            let name = ctx.object(contact, "name").and_then(|name| types::human_name(ctx, &name));
            let person = person(ctx, contact, name);
            (person.name.is_some() || !person.telecoms.is_empty() || !person.addresses.is_empty()).then_some(person)
        })
        .collect();
    (patient, related)
}

fn node_of<'a>(parent: &Node<'a>, key: &str) -> Node<'a> {
    parent.member(key).unwrap_or_else(|| parent.clone())
}

/// The US Core race or ethnicity extension: its OMB category and detailed codings, or its
/// text when it has no coding.
fn race_or_ethnicity(ctx: &mut Ctx, extension: &Node<'_>) -> Vec<Located<Code>> {
    let mut codes = Vec::new();
    let mut text = None;
    for part in ctx.objects(extension, "extension") {
        match part.peek("url").unwrap_or("") {
            "ombCategory" | "detailed" => {
                if let Some(coding) = ctx.object(&part, "valueCoding") {
                    let code = types::coding(ctx, &coding);
                    if !code.is_empty() {
                        codes.push(ctx.located(code, &coding));
                    }
                }
            }
            "text" => text = ctx.string(&part, "valueString"),
            _ => elements::unread_extension(ctx, &part),
        }
    }
    if codes.is_empty() {
        codes.extend(text.map(|text| text.map(|text| Code { text, ..Code::default() })));
    }
    codes
}

/// patient-birthPlace: its address as one line of text ("City, State, Country").
fn birth_place(ctx: &mut Ctx, extension: &Node<'_>) -> Option<Located<String>> {
    let address = ctx.object(extension, "valueAddress")?;
    let address = types::address(ctx, &address)?;
    Some(address.map(|a| {
        let mut parts: Vec<String> = a.lines;
        parts.extend([a.city, a.state, a.country].into_iter().filter(|p| !p.is_empty()));
        parts.join(", ")
    }))
}

/// The people-parts shared by RelatedPerson and Patient.contact.
fn person(ctx: &mut Ctx, node: &Node<'_>, name: Option<Located<PersonName>>) -> RelatedPerson {
    let relationship = types::relationship(ctx, node);
    let addresses = ctx.objects(node, "address");
    let telecoms = ctx.objects(node, "telecom");
    RelatedPerson {
        name,
        relationship,
        addresses: addresses.iter().filter_map(|a| types::address(ctx, a)).collect(),
        telecoms: telecoms.iter().filter_map(|t| types::telecom(ctx, t)).collect(),
        identifiers: Vec::new(),
    }
}

/// A RelatedPerson resource (the first of its names).
pub(crate) fn related_person(ctx: &mut Ctx, node: &Node<'_>) -> RelatedPerson {
    elements::check(ctx, node, &elements::RELATED_PERSON, true);
    let names = ctx.objects(node, "name");
    let name = names.iter().find_map(|name| types::human_name(ctx, name));
    let mut person = person(ctx, node, name);
    let identifiers = ctx.objects(node, "identifier");
    person.identifiers = identifiers.iter().filter_map(|i| types::identifier(ctx, i)).collect();
    person
}
