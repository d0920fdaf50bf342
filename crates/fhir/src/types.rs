//! FHIR datatypes to the record model: HumanName, Address, ContactPoint, Identifier,
//! CodeableConcept / Coding and Reference.

use recdesk_record::{Address, Code, Identifier, Located, PersonName, Telecom};

use crate::json::{Ctx, Node};

// ── Codes ─────────────────────────────────────────────────────────────────────────────────

/// A Coding as a Code: code, display, system.
pub(crate) fn coding(ctx: &mut Ctx, node: &Node<'_>) -> Code {
    Code {
        code: ctx.text(node, "code"),
        text: ctx.text(node, "display"),
        system: ctx.text(node, "system"),
        not_in_table: false,
    }
}

/// Every coding of a CodeableConcept that has a code or a display, with its node.
pub(crate) fn codings<'a>(ctx: &mut Ctx, concept: &Node<'a>) -> Vec<(Node<'a>, Code)> {
    ctx.objects(concept, "coding")
        .into_iter()
        .map(|node| {
            let code = coding(ctx, &node);
            (node, code)
        })
        .filter(|(_, code)| !code.is_empty())
        .collect()
}

/// A CodeableConcept as one Code: its first coding with a code (display, else the concept's
/// text, as the text), located at that coding; else its text; else a display-only coding.
pub(crate) fn concept(ctx: &mut Ctx, node: &Node<'_>) -> Option<Located<Code>> {
    if !node.value.is_object() {
        return None;
    }
    let codings = codings(ctx, node);
    let text = ctx.string(node, "text");
    pick(codings, text, ctx, |_| true)
}

/// Like [`concept`], preferring the first coding for which `prefer` holds.
pub(crate) fn pick(
    codings: Vec<(Node<'_>, Code)>,
    text: Option<Located<String>>,
    ctx: &Ctx,
    prefer: impl Fn(&Code) -> bool,
) -> Option<Located<Code>> {
    let chosen = codings
        .iter()
        .find(|(_, c)| !c.code.is_empty() && prefer(c))
        .or_else(|| codings.iter().find(|(_, c)| !c.code.is_empty()));
    if let Some((node, code)) = chosen {
        let mut code = code.clone();
        if code.text.is_empty() {
            if let Some(text) = &text {
                code.text = text.value.clone();
            }
        }
        return Some(ctx.located(code, node));
    }
    if let Some(text) = text {
        return Some(text.map(|text| Code { text, ..Code::default() }));
    }
    codings.into_iter().next().map(|(node, code)| ctx.located(code, &node))
}

/// The member `key` read as a CodeableConcept.
pub(crate) fn concept_member(ctx: &mut Ctx, parent: &Node<'_>, key: &str) -> Option<Located<Code>> {
    let node = ctx.object(parent, key)?;
    concept(ctx, &node)
}

/// The first CodeableConcept with a value in the list `key`.
pub(crate) fn first_concept(ctx: &mut Ctx, parent: &Node<'_>, key: &str) -> Option<Located<Code>> {
    let concepts = ctx.objects(parent, key);
    concepts.iter().find_map(|node| concept(ctx, node))
}

/// A choice of positive integer or string (`doseNumberPositiveInt` / `doseNumberString`) as text.
pub(crate) fn int_or_string(ctx: &mut Ctx, parent: &Node<'_>, base: &str) -> Option<Located<String>> {
    ctx.number(parent, &format!("{base}PositiveInt")).or_else(|| ctx.string(parent, &format!("{base}String")))
}

// ── References ────────────────────────────────────────────────────────────────────────────

#[derive(Debug)]
pub(crate) struct Reference<'a> {
    pub node: Node<'a>,
    pub reference: Option<String>,
    pub display: Option<Located<String>>,
    /// `Reference.type`, reduced to the resource type (`Organization`).
    pub kind: Option<String>,
    /// `system|value` of a logical reference (`Reference.identifier`).
    pub identifier: Option<String>,
}

impl Reference<'_> {
    /// What names the target, for grouping references to the same missing resource.
    pub fn key(&self) -> Option<String> {
        self.reference.clone().or_else(|| self.identifier.clone())
    }
}

pub(crate) fn reference<'a>(ctx: &mut Ctx, parent: &Node<'a>, key: &str) -> Option<Reference<'a>> {
    let node = ctx.object(parent, key)?;
    Some(reference_at(ctx, node))
}

/// The object `node` read as a Reference.
pub(crate) fn reference_at<'a>(ctx: &mut Ctx, node: Node<'a>) -> Reference<'a> {
    let reference = ctx.string(&node, "reference").map(|r| r.value);
    let display = ctx.string(&node, "display");
    let kind = ctx.string(&node, "type").and_then(|t| t.value.rsplit('/').next().map(str::to_owned));
    let identifier = ctx.object(&node, "identifier").and_then(|id| {
        let value = ctx.text(&id, "value");
        (!value.is_empty()).then(|| format!("{}|{value}", ctx.text(&id, "system")))
    });
    Reference { node, reference, display, kind, identifier }
}

// ── People ────────────────────────────────────────────────────────────────────────────────

/// A HumanName. A name with only `text` keeps the text whole as the family name, with a
/// warning (splitting it would be a guess).
pub(crate) fn human_name(ctx: &mut Ctx, node: &Node<'_>) -> Option<Located<PersonName>> {
    let mut name = PersonName {
        family: ctx.text(node, "family"),
        given: ctx.strings(node, "given").into_iter().map(|g| g.value).collect(),
        prefix: joined(ctx.strings(node, "prefix")),
        suffix: joined(ctx.strings(node, "suffix")),
        kind: name_kind(&ctx.text(node, "use")).to_owned(),
    };
    let text = ctx.string(node, "text");
    if name.is_empty() {
        let text = text?;
        ctx.warn_once(
            format!("text-only name {}", node.path),
            node,
            format!(
                "A {} has only text, no family or given names; the whole text was kept as the family name.",
                node.path
            ),
        );
        name.family = text.value;
    }
    Some(ctx.located(name, node))
}

fn joined(parts: Vec<Located<String>>) -> String {
    parts.into_iter().map(|p| p.value).collect::<Vec<_>>().join(" ")
}

/// HumanName.use as an HL7 table 0200 name type.
fn name_kind(name_use: &str) -> &'static str {
    match name_use {
        "official" => "L",
        "usual" => "D",
        "nickname" => "N",
        "maiden" => "M",
        "old" | "temp" => "A",
        "anonymous" => "S",
        _ => "",
    }
}

/// A person named only by a display string (a performer): "Given Middle Family", "Family,
/// Given" or "Given Family, MD", best effort.
pub(crate) fn display_name(text: &str) -> PersonName {
    const PREFIXES: &[&str] = &["dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "prof", "prof."];
    let mut name = PersonName::default();
    let mut main = text.trim();
    if let Some((before, after)) = main.split_once(',') {
        let after = after.trim();
        if is_credential(after) {
            name.suffix = after.to_owned();
            main = before.trim();
        } else {
            name.family = before.trim().to_owned();
            name.given = after.split_whitespace().map(str::to_owned).collect();
            return name;
        }
    }
    let mut words: Vec<&str> = main.split_whitespace().collect();
    if words.len() > 1 && PREFIXES.contains(&words[0].to_lowercase().as_str()) {
        name.prefix = words.remove(0).to_owned();
    }
    if let Some(family) = words.pop() {
        name.family = family.to_owned();
    }
    name.given = words.into_iter().map(str::to_owned).collect();
    name
}

/// "MD", "RN, BSN", "M.D.", "PharmD", "Jr.": capitals and dots, or a known mixed-case one.
fn is_credential(text: &str) -> bool {
    const MIXED: &[&str] = &["PhD", "PharmD", "DrPH", "MSc", "BSc", "Jr", "Sr"];
    !text.is_empty()
        && text.split(',').map(str::trim).all(|part| {
            let letters: String = part.chars().filter(|c| *c != '.').collect();
            (1..=8).contains(&letters.len())
                && (letters.chars().all(|c| c.is_ascii_uppercase()) || MIXED.contains(&letters.as_str()))
        })
}

/// An Address (the text alone when it has no parts).
pub(crate) fn address(ctx: &mut Ctx, node: &Node<'_>) -> Option<Located<Address>> {
    let mut lines: Vec<String> = ctx.strings(node, "line").into_iter().map(|l| l.value).collect();
    let address_use = ctx.text(node, "use");
    let address_type = ctx.text(node, "type");
    let kind = match (address_use.as_str(), address_type.as_str()) {
        ("home", _) => "H",
        ("work", _) => "O",
        ("temp", _) => "C",
        ("old", _) => "BA",
        (_, "postal") => "M",
        _ => "",
    };
    let city = ctx.text(node, "city");
    let state = ctx.text(node, "state");
    let postal_code = ctx.text(node, "postalCode");
    let country = ctx.text(node, "country");
    let text = ctx.string(node, "text");
    let has_parts =
        !(lines.is_empty() && city.is_empty() && state.is_empty() && postal_code.is_empty() && country.is_empty());
    if !has_parts {
        lines.push(text?.value);
    }
    Some(ctx.located(Address { lines, city, state, postal_code, country, kind: kind.to_owned() }, node))
}

/// A ContactPoint: phones (and SMS) as `phone`, email as `email`, the rest `other`; the use
/// as an HL7 table 0201 code.
pub(crate) fn telecom(ctx: &mut Ctx, node: &Node<'_>) -> Option<Located<Telecom>> {
    let value = ctx.string(node, "value")?;
    let system = ctx.text(node, "system");
    let contact_use = ctx.text(node, "use");
    let (system, usage) = match (system.as_str(), contact_use.as_str()) {
        ("email", _) => ("email", "NET"),
        ("pager", _) => ("phone", "BPN"),
        ("phone" | "sms", "home") => ("phone", "PRN"),
        ("phone" | "sms", "work") => ("phone", "WPN"),
        ("phone" | "sms", "mobile") => ("phone", "PRS"),
        ("phone" | "sms", _) => ("phone", ""),
        (_, "home") => ("other", "PRN"),
        (_, "work") => ("other", "WPN"),
        _ => ("other", ""),
    };
    Some(value.map(|value| Telecom { system: system.to_owned(), value, usage: usage.to_owned() }))
}

/// An Identifier: the type's code (HL7 table 0203: MR, SS, MA, SR, DL…) as the kind, the
/// system (else the assigner's name) as the authority.
pub(crate) fn identifier(ctx: &mut Ctx, node: &Node<'_>) -> Option<Located<Identifier>> {
    let value = ctx.string(node, "value")?;
    let system = ctx.text(node, "system");
    let kind = ctx
        .object(node, "type")
        .and_then(|concept| {
            let codings = codings(ctx, &concept);
            pick(codings, None, ctx, |c| c.system.ends_with("v2-0203"))
        })
        .map(|code| code.value.code)
        .filter(|code| !code.is_empty())
        .unwrap_or_else(|| match system.as_str() {
            "http://hl7.org/fhir/sid/us-ssn" | "urn:oid:2.16.840.1.113883.4.1" => "SS".to_owned(),
            _ => String::new(),
        });
    let authority = if system.is_empty() {
        ctx.object(node, "assigner").map(|assigner| ctx.text(&assigner, "display")).unwrap_or_default()
    } else {
        system
    };
    Some(value.map(|value| Identifier { value, kind, authority }))
}

/// A relationship (RelatedPerson.relationship, Patient.contact.relationship) as an HL7 table
/// 0063 code. v3 RoleCode family codes are translated (`GUARD` → `GRD`, `NMTH` → `MTH`);
/// every kind of mother becomes `MTH`, so her name is withheld wherever a mother's is.
pub(crate) fn relationship(ctx: &mut Ctx, parent: &Node<'_>) -> Option<Located<Code>> {
    let concepts = ctx.objects(parent, "relationship");
    let mut all = Vec::new();
    let mut text = None;
    for concept in &concepts {
        all.extend(codings(ctx, concept));
        if text.is_none() {
            text = ctx.string(concept, "text");
        }
    }
    let chosen = pick(all, text, ctx, |c| family_code(&c.code).is_some())?;
    Some(chosen.map(|mut code| {
        if let Some(mapped) = family_code(&code.code).filter(|mapped| *mapped != code.code) {
            code.code = mapped.to_owned();
            code.system = "HL70063".to_owned();
        }
        code
    }))
}

fn family_code(code: &str) -> Option<&'static str> {
    Some(match code.to_ascii_uppercase().as_str() {
        "MTH" | "NMTH" | "GESTM" | "ADOPTM" | "STPMTH" | "FMTH" => "MTH",
        "FTH" | "NFTH" | "ADOPTF" | "STPFTH" | "FFTH" => "FTH",
        "GRD" | "GUARD" => "GRD",
        "PAR" | "PRN" | "NPRN" => "PAR",
        "SIB" => "SIB",
        "BRO" => "BRO",
        "SIS" => "SIS",
        "CHD" | "CHILD" => "CHD",
        "SPO" | "SPS" | "HUSB" | "WIFE" => "SPO",
        "GRP" | "GRPRN" | "GRMTH" | "GRFTH" => "GRP",
        "DOM" | "DOMPART" => "DOM",
        "FND" | "FRND" => "FND",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(text: &str) -> (String, Vec<String>, String, String) {
        let n = display_name(text);
        (n.prefix, n.given, n.family, n.suffix)
    }

    #[test]
    fn display_names_split_best_effort() {
        let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(name("Jane Q Public"), ("".into(), s(&["Jane", "Q"]), "Public".into(), "".into()));
        assert_eq!(name("Public, Jane Q"), ("".into(), s(&["Jane", "Q"]), "Public".into(), "".into()));
        assert_eq!(name("Dr. Jane Public, MD"), ("Dr.".into(), s(&["Jane"]), "Public".into(), "MD".into()));
        assert_eq!(name("Nurse"), ("".into(), s(&[]), "Nurse".into(), "".into()));
        assert_eq!(name("Jane Public, RN, BSN").3, "RN, BSN");
        assert_eq!(name("Okonkwo, Adaeze"), ("".into(), s(&["Adaeze"]), "Okonkwo".into(), "".into()));
        assert_eq!(name("John Smith, Jr."), ("".into(), s(&["John"]), "Smith".into(), "Jr.".into()));
    }

    #[test]
    fn every_mother_is_a_mother() {
        for code in ["MTH", "NMTH", "gestm", "ADOPTM", "STPMTH", "FMTH"] {
            assert_eq!(family_code(code), Some("MTH"), "{code}");
        }
        assert_eq!(family_code("GUARD"), Some("GRD"));
        assert_eq!(family_code("N"), None);
    }
}
