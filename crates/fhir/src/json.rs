//! Walking JSON with provenance: every value read carries the JSON Pointer (RFC 6901) of the
//! element it came from, and every surprise (a wrong JSON type, an element we do not read)
//! becomes a diagnostic that names the element, never its value.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use recdesk_record::{Diagnostic, Located, Location, PartialDate};
use serde_json::Value;

/// A JSON value and where it is: its JSON Pointer, and its FHIR path without indices
/// (`Immunization.vaccineCode.coding`) for messages.
#[derive(Clone, Debug)]
pub(crate) struct Node<'a> {
    pub value: &'a Value,
    pub pointer: String,
    pub path: String,
}

impl<'a> Node<'a> {
    pub fn root(value: &'a Value) -> Self {
        Node { value, pointer: String::new(), path: String::new() }
    }

    /// The member `key` of an object; None when this is not an object, or the member is
    /// absent or `null`.
    pub fn member(&self, key: &str) -> Option<Node<'a>> {
        let value = self.value.as_object()?.get(key)?;
        if value.is_null() {
            return None;
        }
        // Built by hand: this runs for every element read, and format! was a tenth of the time.
        let mut pointer = String::with_capacity(self.pointer.len() + 1 + key.len());
        pointer.push_str(&self.pointer);
        pointer.push('/');
        push_escaped(&mut pointer, key);
        let mut path = String::with_capacity(self.path.len() + 1 + key.len());
        if !self.path.is_empty() {
            path.push_str(&self.path);
            path.push('.');
        }
        path.push_str(key);
        Some(Node { value, pointer, path })
    }

    /// The items of an array (`null` items skipped); empty when this is not an array.
    pub fn items(&self) -> Vec<Node<'a>> {
        let Some(items) = self.value.as_array() else { return Vec::new() };
        items
            .iter()
            .enumerate()
            .filter(|(_, value)| !value.is_null())
            .map(|(index, value)| {
                let mut pointer = String::with_capacity(self.pointer.len() + 4);
                pointer.push_str(&self.pointer);
                pointer.push('/');
                let _ = write!(pointer, "{index}"); // writing to a String cannot fail
                Node { value, pointer, path: self.path.clone() }
            })
            .collect()
    }

    /// The same node, named as a resource of type `kind` in messages.
    pub fn as_resource(&self, kind: &str) -> Node<'a> {
        Node { value: self.value, pointer: self.pointer.clone(), path: kind.to_owned() }
    }

    pub fn str(&self) -> Option<&'a str> {
        self.value.as_str()
    }

    /// A member's text when it is a string, without diagnostics (for looking, not reading).
    pub fn peek(&self, key: &str) -> Option<&'a str> {
        self.value.as_object()?.get(key)?.as_str().map(str::trim)
    }
}

/// Appends `key` escaped for a JSON Pointer: `~` as `~0`, `/` as `~1`.
fn push_escaped(pointer: &mut String, key: &str) {
    if !key.contains(['~', '/']) {
        pointer.push_str(key);
        return;
    }
    for c in key.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// What kind of JSON value this is, in words.
pub(crate) fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Whether `text` looks like an element or resource name (safe to name in a message).
pub(crate) fn name_like(text: &str) -> bool {
    let mut bytes = text.bytes();
    matches!(bytes.next(), Some(b) if b.is_ascii_alphabetic() || b == b'_')
        && text.len() <= 64
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Whether `text` looks like a code (safe to name in a message).
pub(crate) fn code_like(text: &str) -> bool {
    !text.is_empty() && text.len() <= 64 && text.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
}

/// The reading context of one document: its number and the diagnostics so far.
#[derive(Debug)]
pub(crate) struct Ctx {
    pub document: u32,
    pub diagnostics: Vec<Diagnostic>,
    reported: BTreeSet<String>,
}

impl Ctx {
    pub fn new(document: u32) -> Self {
        Ctx { document, diagnostics: Vec::new(), reported: BTreeSet::new() }
    }

    pub fn at(&self, node: &Node<'_>) -> Location {
        Location::Json { document: self.document, pointer: node.pointer.clone() }
    }

    pub fn located<T>(&self, value: T, node: &Node<'_>) -> Located<T> {
        Located::new(value, self.at(node))
    }

    pub fn warn(&mut self, node: &Node<'_>, message: impl Into<String>) {
        let at = self.at(node);
        self.diagnostics.push(Diagnostic::warning(Some(at), message));
    }

    /// A warning given once per `key` in this document (the first place it happens).
    pub fn warn_once(&mut self, key: impl Into<String>, node: &Node<'_>, message: impl Into<String>) {
        if self.reported.insert(key.into()) {
            self.warn(node, message);
        }
    }

    fn wrong_type(&mut self, node: &Node<'_>, expected: &str) {
        let message = format!("{} should be {expected} but is {}; it was not read.", node.path, describe(node.value));
        self.warn_once(format!("type {} {expected}", node.path), node, message);
    }

    /// The member `key` when it is an object.
    pub fn object<'a>(&mut self, parent: &Node<'a>, key: &str) -> Option<Node<'a>> {
        let node = parent.member(key)?;
        if node.value.is_object() {
            Some(node)
        } else {
            self.wrong_type(&node, "an object");
            None
        }
    }

    /// The items of the list `key`. A lone value where a list belongs is read as a list of
    /// one, with a warning (a common slip that should not lose data).
    pub fn list<'a>(&mut self, parent: &Node<'a>, key: &str) -> Vec<Node<'a>> {
        let Some(node) = parent.member(key) else { return Vec::new() };
        if node.value.is_array() {
            node.items()
        } else {
            let message = format!(
                "{} should be a list but is {}; it was read as a list of one.",
                node.path,
                describe(node.value)
            );
            self.warn_once(format!("list {}", node.path), &node, message);
            vec![node]
        }
    }

    /// The items of the list `key` that are objects.
    pub fn objects<'a>(&mut self, parent: &Node<'a>, key: &str) -> Vec<Node<'a>> {
        let mut objects = Vec::new();
        for item in self.list(parent, key) {
            if item.value.is_object() {
                objects.push(item);
            } else {
                self.wrong_type(&item, "an object");
            }
        }
        objects
    }

    /// A string, trimmed; None when absent, blank or not a string.
    pub fn string(&mut self, parent: &Node<'_>, key: &str) -> Option<Located<String>> {
        let node = parent.member(key)?;
        self.string_at(&node)
    }

    pub fn string_at(&mut self, node: &Node<'_>) -> Option<Located<String>> {
        match node.value.as_str() {
            Some(text) => {
                let text = text.trim();
                (!text.is_empty()).then(|| self.located(text.to_owned(), node))
            }
            None => {
                self.wrong_type(node, "a string");
                None
            }
        }
    }

    /// A string's value, or empty.
    pub fn text(&mut self, parent: &Node<'_>, key: &str) -> String {
        self.string(parent, key).map(|s| s.value).unwrap_or_default()
    }

    /// A list of strings (blank ones skipped).
    pub fn strings(&mut self, parent: &Node<'_>, key: &str) -> Vec<Located<String>> {
        self.list(parent, key).iter().filter_map(|item| self.string_at(item)).collect()
    }

    pub fn boolean(&mut self, parent: &Node<'_>, key: &str) -> Option<Located<bool>> {
        let node = parent.member(key)?;
        match node.value.as_bool() {
            Some(value) => Some(self.located(value, &node)),
            None => {
                self.wrong_type(&node, "true or false");
                None
            }
        }
    }

    /// A number (integer or decimal) as written.
    pub fn number(&mut self, parent: &Node<'_>, key: &str) -> Option<Located<String>> {
        let node = parent.member(key)?;
        match &node.value {
            Value::Number(number) => Some(self.located(number.to_string(), &node)),
            _ => {
                self.wrong_type(&node, "a number");
                None
            }
        }
    }

    /// A FHIR date or dateTime, kept to the day; a warning when it is not a real date.
    pub fn date(&mut self, parent: &Node<'_>, key: &str) -> Option<Located<PartialDate>> {
        let node = parent.member(key)?;
        self.date_at(&node, "so it was left out")
    }

    pub fn date_at(&mut self, node: &Node<'_>, consequence: &str) -> Option<Located<PartialDate>> {
        let text = self.string_at(node)?;
        match PartialDate::parse(&text.value) {
            Some(date) => Some(text.map(|_| date)),
            None => {
                self.warn(node, format!("{} is not a real date, {consequence}.", node.path));
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pointers_escape_tilde_and_slash() {
        let value = json!({"a/b": {"c~d": [null, "x"]}});
        let root = Node::root(&value);
        let inner = root.member("a/b").and_then(|n| n.member("c~d")).expect("a member");
        let items = inner.items();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].pointer, "/a~1b/c~0d/1");
        assert_eq!(value.pointer(&items[0].pointer), Some(&json!("x")));
    }

    #[test]
    fn wrong_types_are_reported_once_per_path() {
        let value = json!({"lotNumber": 12, "name": {"family": "X"}});
        let root = Node::root(&value).as_resource("Immunization");
        let mut ctx = Ctx::new(1);
        assert_eq!(ctx.string(&root, "lotNumber"), None);
        assert_eq!(ctx.string(&root, "lotNumber"), None);
        assert_eq!(ctx.diagnostics.len(), 1);
        assert_eq!(
            ctx.diagnostics[0].message,
            "Immunization.lotNumber should be a string but is a number; it was not read."
        );
        let names = ctx.objects(&root, "name");
        assert_eq!(names.len(), 1, "a lone object is read as a list of one");
        assert_eq!(names[0].pointer, "/name");
    }

    #[test]
    fn names_and_codes_are_told_apart_from_free_text() {
        assert!(name_like("vaccineCode") && name_like("_birthDate"));
        assert!(!name_like("John Smith") && !name_like("") && !name_like("1abc"));
        assert!(code_like("not-found") && code_like("PATOBJ") && code_like("30980-7"));
        assert!(!code_like("two words") && !code_like(""));
    }
}
