//! The fields of a kind of content, read from the loader's own serde definition (a JSON Schema
//! made by `schemars` from the same struct, field names, defaults and `deny_unknown_fields`), so a
//! field added to a loader appears in the desk's form without writing HTML. Labels and help come
//! from `locales/desk.toml` and from the comments of the `loa new` scaffolds.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;
use serde_json::Value;

/// What a field holds, and so which control edits it.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// One line of text (or a paragraph, when the catalogue says so).
    Text,
    /// A tick box.
    Boolean,
    /// A whole number.
    Integer,
    /// A number (Vietnamese decimal comma accepted).
    Number,
    /// A list of texts, one row each (slogans, recipients).
    List,
    /// A list of records, one group of fields each (targets, amounts, forms).
    Rows(Vec<Field>),
    /// A record inside the item (the signer).
    Group(Vec<Field>),
    /// Named texts (a year's theme: `"2026" = "..."`).
    Map,
}

/// One field as the loader reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The key in the file (`tieu_de`).
    pub key: String,
    /// What it holds.
    pub shape: Shape,
    /// The loader refuses the file without it.
    pub required: bool,
    /// The loader takes its absence as "none" (`Option`): an emptied field is removed from the file.
    pub optional: bool,
}

/// Reads the fields of an object schema.
pub fn fields(schema: &schemars::Schema) -> Vec<Field> {
    let root = schema.as_value();
    object_fields(root, root)
}

fn resolve<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let name = reference.rsplit('/').next().unwrap_or_default();
            root.get("$defs")
                .and_then(|defs| defs.get(name))
                .map_or(node, |target| resolve(root, target))
        }
        None => node,
    }
}

/// The node without its `null` alternative, and whether there was one.
fn without_null<'a>(root: &'a Value, node: &'a Value) -> (&'a Value, bool) {
    let node = resolve(root, node);
    for key in ["anyOf", "oneOf"] {
        if let Some(options) = node.get(key).and_then(Value::as_array) {
            let non_null: Vec<&Value> = options
                .iter()
                .filter(|o| o.get("type").and_then(Value::as_str) != Some("null"))
                .collect();
            if non_null.len() == 1 && non_null.len() < options.len() {
                return (resolve(root, non_null[0]), true);
            }
        }
    }
    (node, false)
}

/// The type name of a node (`"string"`, ...), ignoring `null` in a list of types.
fn type_of(node: &Value) -> (Option<&str>, bool) {
    match node.get("type") {
        Some(Value::String(t)) => (Some(t.as_str()), false),
        Some(Value::Array(types)) => {
            let nullable = types.iter().any(|t| t == "null");
            let t = types
                .iter()
                .filter_map(Value::as_str)
                .find(|t| *t != "null");
            (t, nullable)
        }
        _ => (None, false),
    }
}

fn shape_of(root: &Value, node: &Value) -> (Shape, bool) {
    let (node, nullable_ref) = without_null(root, node);
    let (kind, nullable) = type_of(node);
    let shape = match kind {
        Some("boolean") => Shape::Boolean,
        Some("integer") => Shape::Integer,
        Some("number") => Shape::Number,
        Some("array") => {
            let items = node.get("items").map_or(&Value::Null, |i| resolve(root, i));
            let (item_shape, _) = shape_of(root, items);
            match item_shape {
                Shape::Group(fields) => Shape::Rows(fields),
                _ => Shape::List,
            }
        }
        Some("object") if node.get("properties").is_some() => {
            Shape::Group(object_fields(root, node))
        }
        Some("object") => Shape::Map,
        _ => Shape::Text,
    };
    (shape, nullable || nullable_ref)
}

fn object_fields(root: &Value, node: &Value) -> Vec<Field> {
    let node = resolve(root, node);
    let required: Vec<&str> = node
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let Some(properties) = node.get("properties").and_then(Value::as_object) else {
        return Vec::new();
    };
    properties
        .iter()
        .map(|(key, property)| {
            let (shape, optional) = shape_of(root, property);
            Field {
                key: key.clone(),
                shape,
                required: required.contains(&key.as_str()),
                optional,
            }
        })
        .collect()
}

/// What the catalogue says of a field.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldText {
    /// The label (`Tiêu đề`).
    pub nhan: String,
    /// Help under the field.
    #[serde(default)]
    pub goi_y: String,
    /// `doan` for a paragraph (a text area), `ngay` for a date.
    #[serde(default)]
    pub kieu: String,
}

/// What the catalogue says of a kind of content.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindText {
    /// One item (`Tin bài`).
    pub ten: String,
    /// The list (`Tin tức`).
    pub nhieu: String,
    /// One sentence on what it is for.
    #[serde(default)]
    pub mo_ta: String,
}

/// The desk's catalogue (`locales/desk.toml`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// Kinds by their address (`tin-tuc`).
    pub loai: BTreeMap<String, KindText>,
    /// Fields by `kind.path`, `path` or key (`nguoi_ky.ten`, `tieu_de`).
    pub truong: BTreeMap<String, FieldText>,
}

/// The catalogue compiled into the binary.
pub fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        toml::from_str(include_str!("../../locales/desk.toml"))
            .expect("locales/desk.toml is checked by the tests")
    })
}

impl Catalogue {
    /// The text of field `path` (keys joined by `.`, no row numbers) in kind `kind`: the kind's own
    /// entry, then the path's, then the last key's; else the key itself.
    pub fn field(&self, kind: &str, path: &str) -> FieldText {
        let last = path.rsplit('.').next().unwrap_or(path);
        self.truong
            .get(&format!("{kind}.{path}"))
            .or_else(|| self.truong.get(path))
            .or_else(|| self.truong.get(last))
            .cloned()
            .unwrap_or_else(|| FieldText {
                nhan: last.replace('_', " "),
                ..FieldText::default()
            })
    }

    /// Whether a field has a label of its own in the catalogue.
    pub fn has_field(&self, kind: &str, path: &str) -> bool {
        let last = path.rsplit('.').next().unwrap_or(path);
        self.truong.contains_key(&format!("{kind}.{path}"))
            || self.truong.contains_key(path)
            || self.truong.contains_key(last)
    }
}

/// The comment above each top-level key of a `loa new` scaffold (its help text), by key.
pub fn scaffold_help(scaffold: &str) -> BTreeMap<String, String> {
    let mut help = BTreeMap::new();
    let mut comment: Vec<String> = Vec::new();
    let front = super::edit::split_front(scaffold).map_or("", |(front, _)| front);
    for line in front.lines() {
        let line = line.trim();
        if let Some(text) = line.strip_prefix('#') {
            let text = text.trim();
            // Section rulers (`# ── ... ──`) are not help.
            if !text.starts_with('─') && !text.is_empty() {
                comment.push(text.to_owned());
            }
        } else if let Some((key, _)) = line.split_once('=') {
            let key = key.trim();
            if !key.is_empty() && !key.contains(['[', ' ']) && !comment.is_empty() {
                help.insert(key.to_owned(), comment.join(" "));
            }
            comment.clear();
        } else {
            comment.clear();
        }
    }
    help
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_news_fields_come_from_the_loader_with_their_shapes() {
        let fields = fields(&crate::load::article::schema());
        let find = |key: &str| fields.iter().find(|f| f.key == key).unwrap().clone();
        assert_eq!(find("tieu_de").shape, Shape::Text);
        assert!(find("tieu_de").required);
        assert_eq!(find("the").shape, Shape::List);
        assert_eq!(find("phat_thanh").shape, Shape::Boolean);
        assert_eq!(find("thu_tu_menu").shape, Shape::Integer);
        assert!(find("ngay").optional && !find("ngay").required);
        // The order is the loader's.
        assert_eq!(fields[0].key, "tieu_de");
    }

    #[test]
    fn records_and_rows_are_read_through_references() {
        let plan = fields(&crate::load::plan::schema());
        let signer = plan.iter().find(|f| f.key == "nguoi_ky").unwrap();
        let Shape::Group(inner) = &signer.shape else {
            panic!("{signer:?}")
        };
        assert!(inner.iter().any(|f| f.key == "ho_ten"));
        assert!(signer.optional);
        let targets = plan.iter().find(|f| f.key == "chi_tieu").unwrap();
        let Shape::Rows(inner) = &targets.shape else {
            panic!("{targets:?}")
        };
        assert!(inner.iter().any(|f| f.key == "khop" && f.required));
        let days = fields(&crate::load::registry::day_schema());
        assert_eq!(
            days.iter().find(|f| f.key == "chu_de_nam").unwrap().shape,
            Shape::Map
        );
    }

    fn paths(fields: &[Field], prefix: &str, out: &mut Vec<String>) {
        for f in fields {
            let path = if prefix.is_empty() {
                f.key.clone()
            } else {
                format!("{prefix}.{}", f.key)
            };
            if let Shape::Group(inner) | Shape::Rows(inner) = &f.shape {
                paths(inner, &path, out);
            }
            out.push(path);
        }
    }

    #[test]
    fn every_field_of_every_kind_has_a_vietnamese_label() {
        let catalogue = catalogue();
        let mut missing = Vec::new();
        for kind in crate::desk::kinds::KINDS {
            assert!(catalogue.loai.contains_key(kind.id), "{}", kind.id);
            let mut all = Vec::new();
            paths(&fields(&(kind.schema)()), "", &mut all);
            assert!(!all.is_empty(), "{}", kind.id);
            for path in all {
                if !catalogue.has_field(kind.id, &path) {
                    missing.push(format!("{}: {path}", kind.id));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "no label in locales/desk.toml: {missing:#?}"
        );
    }

    #[test]
    fn the_scaffold_comments_are_the_help() {
        let help = scaffold_help(include_str!("../../locales/scaffold/news.md"));
        assert!(help["ngay"].contains("NĂM-THÁNG-NGÀY"), "{help:?}");
        assert!(help["phat_thanh"].contains("loa phát thanh"));
    }
}
