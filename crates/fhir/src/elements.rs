//! Which elements of each resource (and backbone element) Record Desk reads, which it
//! knows and deliberately leaves aside, and which it does not read. Anything outside these
//! lists is not a FHIR R4 element of that resource: it is reported, once per element path.

use crate::json::{Ctx, Node, name_like};

/// The elements of one resource type or backbone element.
#[derive(Debug)]
pub(crate) struct Elements {
    /// Read into the record.
    pub read: &'static [&'static str],
    /// Known and deliberately left aside without a word (housekeeping, links, or data the
    /// record must not hold, such as an insurance subscriber's person).
    pub silent: &'static [&'static str],
    /// FHIR R4 elements the record has no place for: reported as not read.
    pub unread: &'static [&'static str],
    /// Whether the reader looks at `extension` itself (else every extension is reported).
    pub reads_extensions: bool,
}

/// Elements every resource has: `meta` (with SMART Health Card `meta.security`) and `text`
/// included. `contained` resources are read as resources of their own.
const RESOURCE: &[&str] = &["resourceType", "id", "meta", "text", "implicitRules", "language", "contained"];
const BACKBONE: &[&str] = &["id"];

pub(crate) const BUNDLE: Elements = Elements {
    read: &["type", "entry", "timestamp", "link"],
    silent: &["identifier", "total", "signature"],
    unread: &[],
    reads_extensions: false,
};

pub(crate) const BUNDLE_ENTRY: Elements = Elements {
    read: &["fullUrl", "resource"],
    silent: &["search", "request", "response", "link"],
    unread: &[],
    reads_extensions: false,
};

pub(crate) const PATIENT: Elements = Elements {
    read: &[
        "identifier",
        "name",
        "telecom",
        "gender",
        "birthDate",
        "deceasedBoolean",
        "deceasedDateTime",
        "address",
        "multipleBirthBoolean",
        "multipleBirthInteger",
        "contact",
    ],
    silent: &["active", "generalPractitioner", "managingOrganization", "link"],
    unread: &["maritalStatus", "photo", "communication"],
    reads_extensions: true,
};

pub(crate) const IMMUNIZATION: Elements = Elements {
    read: &[
        "status",
        "statusReason",
        "vaccineCode",
        "patient",
        "occurrenceDateTime",
        "occurrenceString",
        "primarySource",
        "reportOrigin",
        "location",
        "manufacturer",
        "lotNumber",
        "expirationDate",
        "site",
        "route",
        "doseQuantity",
        "performer",
        "note",
        "isSubpotent",
        "education",
        "programEligibility",
        "fundingSource",
        "reaction",
        "protocolApplied",
    ],
    silent: &["identifier", "encounter", "recorded"],
    unread: &["reasonCode", "reasonReference", "subpotentReason"],
    reads_extensions: false,
};

pub(crate) const IMMUNIZATION_PERFORMER: Elements =
    Elements { read: &["function", "actor"], silent: &[], unread: &[], reads_extensions: false };

pub(crate) const IMMUNIZATION_REACTION: Elements =
    Elements { read: &["date", "detail"], silent: &["reported"], unread: &[], reads_extensions: false };

pub(crate) const IMMUNIZATION_EDUCATION: Elements = Elements {
    read: &["documentType", "reference", "publicationDate", "presentationDate"],
    silent: &[],
    unread: &[],
    reads_extensions: false,
};

pub(crate) const IMMUNIZATION_PROTOCOL: Elements = Elements {
    read: &["doseNumberPositiveInt", "doseNumberString"],
    // The target disease and series follow from the vaccine (CVX) and its groups.
    silent: &["series", "authority", "targetDisease", "seriesDosesPositiveInt", "seriesDosesString"],
    unread: &[],
    reads_extensions: false,
};

pub(crate) const RECOMMENDATION: Elements = Elements {
    read: &["patient", "authority", "recommendation"],
    silent: &["identifier", "date"],
    unread: &[],
    reads_extensions: false,
};

pub(crate) const RECOMMENDATION_ITEM: Elements = Elements {
    read: &[
        "vaccineCode",
        "targetDisease",
        "contraindicatedVaccineCode",
        "forecastStatus",
        "dateCriterion",
        "doseNumberPositiveInt",
        "doseNumberString",
    ],
    silent: &["series", "seriesDosesPositiveInt", "seriesDosesString", "supportingImmunization"],
    unread: &["forecastReason", "description", "supportingPatientInformation"],
    reads_extensions: false,
};

pub(crate) const EVALUATION: Elements = Elements {
    read: &[
        "status",
        "immunizationEvent",
        "targetDisease",
        "authority",
        "doseStatus",
        "doseStatusReason",
        "doseNumberPositiveInt",
        "doseNumberString",
        "seriesDosesPositiveInt",
        "seriesDosesString",
    ],
    silent: &["identifier", "patient", "date", "series"],
    unread: &["description"],
    reads_extensions: false,
};

pub(crate) const RELATED_PERSON: Elements = Elements {
    read: &["identifier", "patient", "relationship", "name", "telecom", "address"],
    // A relative's own sex, birth date, photo and languages are not part of the patient's record.
    silent: &["active", "period", "gender", "birthDate", "photo", "communication"],
    unread: &[],
    reads_extensions: false,
};

pub(crate) const COVERAGE: Elements = Elements {
    read: &["identifier", "type", "subscriberId", "beneficiary", "payor"],
    // Only the plan and the insurer are kept (as for HL7 IN1): never the subscriber's or
    // policy holder's person, nor cost details.
    silent: &[
        "status",
        "policyHolder",
        "subscriber",
        "dependent",
        "relationship",
        "period",
        "class",
        "order",
        "network",
        "costToBeneficiary",
        "subrogation",
        "contract",
    ],
    unread: &[],
    reads_extensions: false,
};

pub(crate) const OPERATION_OUTCOME: Elements =
    Elements { read: &["issue"], silent: &[], unread: &[], reads_extensions: false };

/// Reports the members of `node` that are not read: elements outside the lists once per
/// element path, extensions Record Desk does not read, and modifier extensions (which may
/// change what the resource means).
pub(crate) fn check(ctx: &mut Ctx, node: &Node<'_>, elements: &Elements, resource: bool) {
    let Some(object) = node.value.as_object() else { return };
    let common: &[&str] = if resource { RESOURCE } else { BACKBONE };
    let known = |key: &str| {
        common.contains(&key)
            || elements.read.contains(&key)
            || elements.silent.contains(&key)
            || elements.unread.contains(&key)
    };
    let mut keys: Vec<&String> = object.keys().collect();
    keys.sort();
    for key in keys {
        let Some(member) = node.member(key) else { continue };
        match key.as_str() {
            "extension" => {
                if !elements.reads_extensions {
                    for extension in ctx.list(node, "extension") {
                        unread_extension(ctx, &extension);
                    }
                }
            }
            "modifierExtension" => {
                let message = format!(
                    "{}: the {} carries a modifier extension, which may change its meaning, and Record Desk does not \
                     understand it. Check it against the source.",
                    member.path,
                    if resource { "resource" } else { "element" }
                );
                ctx.warn_once(format!("modifier {}", member.path), &member, message);
            }
            key if elements.unread.contains(&key) => {
                let message = format!("{} is not part of the record Record Desk keeps; it was not read.", member.path);
                ctx.warn_once(format!("unread {}", member.path), &member, message);
            }
            // `_birthDate` and the like carry a primitive element's id and extensions.
            key if known(key) || key.strip_prefix('_').is_some_and(known) => {}
            key if name_like(key) => {
                let message = format!(
                    "{} is not an element of a FHIR R4 {}; it was not read.",
                    member.path,
                    if resource { node.path.clone() } else { format!("{} element", node.path) }
                );
                ctx.warn_once(format!("unknown {}", member.path), &member, message);
            }
            _ => {
                let message = format!("{} has an element with an unusual name; it was not read.", node.path);
                ctx.warn_once(format!("unusual {}", node.path), &member, message);
            }
        }
    }
}

/// An extension that is not read: named by the last part of its URL when that looks like a
/// name (`us-core-birthsex`), reported once per element path and name.
pub(crate) fn unread_extension(ctx: &mut Ctx, extension: &Node<'_>) {
    let url = extension.peek("url").unwrap_or("");
    let name = url.rsplit('/').next().unwrap_or("");
    let name = if crate::json::code_like(name) { name } else { "" };
    let message = if name.is_empty() {
        format!("{} (an extension Record Desk does not read) was not read.", extension.path)
    } else {
        format!("{} {name} is not one Record Desk reads; it was not read.", extension.path)
    };
    ctx.warn_once(format!("extension {} {name}", extension.path), extension, message);
}
