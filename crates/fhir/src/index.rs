//! Every resource in a document (Bundle entries, nested Bundles, `contained` resources), and
//! how a reference finds one: by `fullUrl` (`urn:uuid:…`, `resource:0`, absolute URLs), by
//! `ResourceType/id` (also the tail of an absolute URL, `_history` ignored), and `#id`
//! within the containing resource.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::elements;
use crate::json::{Ctx, Node, name_like};

/// Resource types Record Desk reads; the others are reported once per type.
pub(crate) const READ_TYPES: &[&str] = &[
    "Bundle",
    "Patient",
    "Immunization",
    "ImmunizationRecommendation",
    "ImmunizationEvaluation",
    "RelatedPerson",
    "Coverage",
    "OperationOutcome",
];

/// Bundles inside Bundles and resources inside `contained`: deeper than this is not read.
const MAX_DEPTH: usize = 16;

#[derive(Debug)]
pub(crate) struct Resource<'a> {
    pub kind: String,
    pub node: Node<'a>,
    pub id: Option<String>,
    /// The resource that contains this one (`contained`).
    pub container: Option<usize>,
    pub contained: Vec<usize>,
}

#[derive(Debug, Default)]
pub(crate) struct Index<'a> {
    pub resources: Vec<Resource<'a>>,
    by_url: BTreeMap<String, usize>,
    by_type_id: BTreeMap<String, usize>,
}

impl<'a> Index<'a> {
    /// Indexes the document whose root is `root` (an object with a resourceType).
    pub fn build(ctx: &mut Ctx, root: &'a Value) -> Index<'a> {
        let mut index = Index::default();
        index.add(ctx, Node::root(root), None, None, 0);
        index
    }

    fn add(&mut self, ctx: &mut Ctx, node: Node<'a>, full_url: Option<String>, container: Option<usize>, depth: usize) {
        let kind = match node.value.get("resourceType") {
            Some(Value::String(kind)) => kind.trim(),
            _ => {
                ctx.warn(
                    &node,
                    format!("{} has no resourceType, so it is not a FHIR resource; it was not read.", node.path),
                );
                return;
            }
        };
        if !name_like(kind) {
            ctx.warn_once(
                "unusual resource type",
                &node,
                "A resource of an unrecognised type is not part of an immunization record and was not read.",
            );
            return;
        }
        if depth > MAX_DEPTH {
            ctx.warn_once("too deep", &node, "Resources nested too deeply (Bundles in Bundles) were not read.");
            return;
        }
        let node = node.as_resource(kind);
        let id = node.peek("id").filter(|id| !id.is_empty()).map(str::to_owned);
        let position = self.resources.len();
        if let Some(url) = full_url.filter(|url| !url.is_empty()) {
            self.by_url.entry(url.clone()).or_insert(position);
            if container.is_none() {
                // `https://example.org/fhir/Patient/123` also answers to `Patient/123`.
                if let Some((url_kind, url_id)) = type_and_id(&url).filter(|(k, _)| *k == kind) {
                    self.by_type_id.entry(format!("{url_kind}/{url_id}")).or_insert(position);
                }
            }
        }
        if let (Some(id), None) = (&id, container) {
            self.by_type_id.entry(format!("{kind}/{id}")).or_insert(position);
        }
        self.resources.push(Resource {
            kind: kind.to_owned(),
            node: node.clone(),
            id,
            container,
            contained: Vec::new(),
        });
        if let Some(parent) = container.and_then(|c| self.resources.get_mut(c)) {
            parent.contained.push(position);
        }

        if kind == "Bundle" {
            elements::check(ctx, &node, &elements::BUNDLE, true);
            for entry in ctx.objects(&node, "entry") {
                elements::check(ctx, &entry, &elements::BUNDLE_ENTRY, false);
                let full_url = ctx.string(&entry, "fullUrl").map(|url| url.value);
                match ctx.object(&entry, "resource") {
                    Some(resource) => self.add(ctx, resource, full_url, None, depth + 1),
                    None if entry.member("request").is_some() || entry.member("response").is_some() => {}
                    None => ctx.warn_once(
                        "entry without resource",
                        &entry,
                        "A Bundle entry has no resource; there was nothing to read in it.",
                    ),
                }
            }
        }
        if READ_TYPES.contains(&kind) {
            for resource in ctx.objects(&node, "contained") {
                self.add(ctx, resource, None, Some(position), depth + 1);
            }
        }
    }

    pub fn get(&self, index: usize) -> Option<&Resource<'a>> {
        self.resources.get(index)
    }

    /// The resource `reference` names, as seen from the resource `from`.
    pub fn resolve(&self, from: usize, reference: &str) -> Option<usize> {
        let reference = reference.trim();
        if reference.is_empty() {
            return None;
        }
        if let Some(id) = reference.strip_prefix('#') {
            // `#id` is a resource contained in the referring resource (or in its container,
            // for contained resources pointing at each other); `#` alone is the container.
            let mut current = Some(from);
            while let Some(at) = current {
                let resource = self.resources.get(at)?;
                if id.is_empty() && resource.container.is_none() {
                    return Some(at);
                }
                let found = resource
                    .contained
                    .iter()
                    .copied()
                    .find(|&c| self.resources.get(c).and_then(|c| c.id.as_deref()) == Some(id));
                if found.is_some() {
                    return found;
                }
                current = resource.container;
            }
            return None;
        }
        if let Some(&found) = self.by_url.get(reference) {
            return Some(found);
        }
        let plain = reference.split("/_history/").next().unwrap_or(reference);
        if let Some(&found) = self.by_url.get(plain) {
            return Some(found);
        }
        let (kind, id) = type_and_id(plain)?;
        self.by_type_id.get(&format!("{kind}/{id}")).copied()
    }

    /// The resource type a reference names, from the reference text (`Practitioner/1`) when
    /// it does not resolve.
    pub fn kind_of(&self, from: usize, reference: &str) -> Option<String> {
        if let Some(kind) = self.resolve(from, reference).and_then(|i| self.resources.get(i)).map(|r| r.kind.clone()) {
            return Some(kind);
        }
        let plain = reference.trim().split("/_history/").next().unwrap_or("");
        type_and_id(plain).map(|(kind, _)| kind.to_owned())
    }
}

/// `Patient` and `123` from `Patient/123` or `https://example.org/fhir/Patient/123`.
fn type_and_id(reference: &str) -> Option<(&str, &str)> {
    let mut parts = reference.trim_end_matches('/').rsplit('/');
    let (id, kind) = (parts.next()?, parts.next()?);
    (!id.is_empty() && name_like(kind) && kind.starts_with(|c: char| c.is_ascii_uppercase())).then_some((kind, id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn references_of_every_kind_resolve() {
        let bundle = json!({
            "resourceType": "Bundle",
            "type": "collection",
            "entry": [
                {"fullUrl": "https://example.org/fhir/Patient/a", "resource": {"resourceType": "Patient", "id": "a"}},
                {"fullUrl": "urn:uuid:1f0c", "resource": {"resourceType": "Patient"}},
                {"fullUrl": "resource:2", "resource": {"resourceType": "Immunization",
                    "contained": [{"resourceType": "Patient", "id": "p"}, {"resourceType": "Organization", "id": "o"}]}},
            ]
        });
        let mut ctx = Ctx::new(1);
        let index = Index::build(&mut ctx, &bundle);
        assert!(ctx.diagnostics.is_empty(), "{:?}", ctx.diagnostics);
        let kinds: Vec<&str> = index.resources.iter().map(|r| r.kind.as_str()).collect();
        assert_eq!(kinds, ["Bundle", "Patient", "Patient", "Immunization", "Patient", "Organization"]);
        assert_eq!(index.resolve(3, "Patient/a"), Some(1));
        assert_eq!(index.resolve(3, "https://example.org/fhir/Patient/a"), Some(1));
        assert_eq!(index.resolve(3, "https://other.example/Patient/a/_history/3"), Some(1));
        assert_eq!(index.resolve(3, "urn:uuid:1f0c"), Some(2));
        assert_eq!(index.resolve(0, "resource:2"), Some(3));
        assert_eq!(index.resolve(3, "#p"), Some(4));
        assert_eq!(index.resolve(5, "#p"), Some(4), "contained resources see each other");
        assert_eq!(index.resolve(4, "#"), Some(3), "# is the container");
        assert_eq!(index.resolve(1, "#p"), None, "another resource's contained ids are private");
        assert_eq!(index.resolve(3, "Patient/p"), None, "contained resources have no Type/id");
        assert_eq!(index.resolve(3, "Patient/zzz"), None);
        assert_eq!(index.kind_of(3, "Practitioner/9").as_deref(), Some("Practitioner"));
        assert_eq!(index.kind_of(3, "#o").as_deref(), Some("Organization"));
    }
}
