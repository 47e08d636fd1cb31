//! Writes form values into a file the way a person would: the TOML is edited in place with
//! `toml_edit`, so the order of fields, the comments and the blank lines of the file are kept;
//! only fields whose value changed are touched, a changed value keeps the comment beside it, a new
//! field is added after the others, and a list written one item per line stays so.

use serde_json::{Map, Value};
use toml_edit::{Array, ArrayOfTables, InlineTable, Item, Table, TableLike};

use super::fields::{Field, Shape};
use super::form::is_empty;

/// The value of a TOML item as JSON (dates as their text).
pub fn json_of_item(item: &Item) -> Value {
    match item {
        Item::None => Value::Null,
        Item::Value(v) => json_of_value(v),
        Item::Table(t) => json_of_table(t),
        Item::ArrayOfTables(a) => Value::Array(a.iter().map(|t| json_of_table(t)).collect()),
    }
}

/// The values of a table as JSON.
pub fn json_of_table(table: &dyn TableLike) -> Value {
    Value::Object(
        table
            .iter()
            .map(|(k, item)| (k.to_owned(), json_of_item(item)))
            .collect(),
    )
}

fn json_of_value(value: &toml_edit::Value) -> Value {
    use toml_edit::Value as V;
    match value {
        V::String(s) => Value::String(s.value().clone()),
        V::Integer(i) => Value::from(*i.value()),
        V::Float(f) => serde_json::Number::from_f64(*f.value()).map_or(Value::Null, Value::Number),
        V::Boolean(b) => Value::Bool(*b.value()),
        V::Datetime(d) => Value::String(d.value().to_string()),
        V::Array(a) => Value::Array(a.iter().map(json_of_value).collect()),
        V::InlineTable(t) => json_of_table(t),
    }
}

/// A JSON value as a TOML value (records inline).
fn value_of(json: &Value) -> toml_edit::Value {
    match json {
        Value::String(s) => s.as_str().into(),
        Value::Bool(b) => (*b).into(),
        Value::Number(n) => match n.as_i64() {
            Some(i) => i.into(),
            None => n.as_f64().unwrap_or_default().into(),
        },
        Value::Array(items) => {
            let mut array: Array = items.iter().map(value_of).collect();
            array.fmt();
            toml_edit::Value::Array(array)
        }
        Value::Object(map) => {
            let mut table = InlineTable::new();
            for (k, v) in map {
                if !is_empty(v) {
                    table.insert(k, value_of(v));
                }
            }
            table.fmt();
            toml_edit::Value::InlineTable(table)
        }
        Value::Null => "".into(),
    }
}

/// A record as a `[table]` (for the top level of a file).
fn table_of(fields: &[Field], json: &Value) -> Table {
    let mut table = Table::new();
    apply(&mut table, fields, json, false);
    table
}

/// Whether an array was written one item per line.
fn is_multiline(array: &Array) -> bool {
    array.iter().any(|v| {
        v.decor()
            .prefix()
            .and_then(|p| p.as_str())
            .is_some_and(|p| p.contains('\n'))
    })
}

/// Lays an array out one item per line, indented, with a trailing comma.
fn one_per_line(array: &mut Array) {
    for value in array.iter_mut() {
        value.decor_mut().set_prefix("\n    ");
        value.decor_mut().set_suffix("");
    }
    array.set_trailing("\n");
    array.set_trailing_comma(true);
}

/// A value as the loaders read it: texts without the whitespace around them (a `"""` text
/// ends with a line break the form does not keep).
fn trimmed(value: &Value) -> Value {
    match value {
        Value::String(s) => Value::String(s.trim().to_owned()),
        Value::Array(items) => Value::Array(items.iter().map(trimmed).collect()),
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), trimmed(v))).collect())
        }
        other => other.clone(),
    }
}

/// The same meaning: an absent field is the same as an empty one, texts are compared without
/// the whitespace around them, numbers by value.
fn same(old: Option<&Item>, new: &Value) -> bool {
    match old {
        None => is_empty(new),
        Some(item) => {
            let old = trimmed(&json_of_item(item));
            let new = trimmed(new);
            old == new
                || (is_empty(&old) && is_empty(&new))
                || matches!((old.as_f64(), new.as_f64()), (Some(a), Some(b)) if a == b)
        }
    }
}

/// Writes `values` (keyed like the file) into `table`. `inline`: the table is written on one line
/// (records inside it are inline too).
pub fn apply(table: &mut dyn TableLike, fields: &[Field], values: &Value, inline: bool) {
    for field in fields {
        let new = values.get(&field.key).unwrap_or(&Value::Null);
        if same(table.get(&field.key), new) {
            continue;
        }
        if is_empty(new) && (field.optional || !field.required) {
            // An emptied field: an `Option` is removed; a text keeps its line, empty.
            let keep_line = !field.optional
                && table.get(&field.key).is_some()
                && matches!(field.shape, Shape::Text | Shape::List | Shape::Boolean);
            if keep_line {
                set_value(table, &field.key, &empty_of(&field.shape));
            } else {
                table.remove(&field.key);
            }
            continue;
        }
        match &field.shape {
            Shape::Group(inner) => match table.get_mut(&field.key) {
                Some(item) if item.is_table_like() => {
                    let inline = item.is_inline_table();
                    if let Some(t) = item.as_table_like_mut() {
                        apply(t, inner, new, inline);
                    }
                }
                _ if inline => set_value(table, &field.key, &compact(inner, new)),
                _ => {
                    table.insert(&field.key, Item::Table(table_of(inner, new)));
                }
            },
            Shape::Rows(inner) => {
                let rows: &[Value] = new.as_array().map_or(&[], Vec::as_slice);
                match table.get_mut(&field.key) {
                    Some(Item::ArrayOfTables(old)) => {
                        while old.len() > rows.len() {
                            old.remove(old.len() - 1);
                        }
                        for (i, row) in rows.iter().enumerate() {
                            match old.get_mut(i) {
                                Some(t) => apply(t, inner, row, false),
                                None => old.push(table_of(inner, row)),
                            }
                        }
                    }
                    _ if inline => {
                        let values: Vec<Value> = rows.iter().map(|r| compact(inner, r)).collect();
                        set_value(table, &field.key, &Value::Array(values));
                    }
                    Some(Item::Value(toml_edit::Value::Array(_))) => {
                        let values: Vec<Value> = rows.iter().map(|r| compact(inner, r)).collect();
                        set_value(table, &field.key, &Value::Array(values));
                    }
                    _ => {
                        let mut array = ArrayOfTables::new();
                        for row in rows {
                            array.push(table_of(inner, row));
                        }
                        table.insert(&field.key, Item::ArrayOfTables(array));
                    }
                }
            }
            _ => set_value(table, &field.key, new),
        }
    }
}

/// A record without its empty fields (how a person writes an inline table).
fn compact(fields: &[Field], value: &Value) -> Value {
    let mut map = Map::new();
    for field in fields {
        if let Some(v) = value.get(&field.key).filter(|v| !is_empty(v)) {
            map.insert(field.key.clone(), v.clone());
        }
    }
    Value::Object(map)
}

fn empty_of(shape: &Shape) -> Value {
    match shape {
        Shape::Boolean => Value::Bool(false),
        Shape::List => Value::Array(Vec::new()),
        _ => Value::String(String::new()),
    }
}

/// Sets a plain value, keeping the comment beside the old one and a list's one-per-line layout.
fn set_value(table: &mut dyn TableLike, key: &str, json: &Value) {
    let mut value = value_of(json);
    match table.get_mut(key) {
        Some(Item::Value(old)) => {
            let multiline = matches!(old, toml_edit::Value::Array(a) if is_multiline(a));
            if let toml_edit::Value::Array(array) = &mut value
                && multiline
            {
                one_per_line(array);
            }
            *value.decor_mut() = old.decor().clone();
            *old = value;
        }
        _ => {
            table.insert(key, Item::Value(value));
        }
    }
}

/// Splits a content file into its front matter text and its body (`None`: no front matter).
pub fn split_front(text: &str) -> Option<(&str, &str)> {
    let rest = text.trim_start_matches(['\u{feff}', '\n', '\r', ' ']);
    let rest = rest.strip_prefix("+++")?;
    let rest = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Some((&rest[..offset], &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}

/// Puts a content file together again.
pub fn join_front(front: &str, body: &str) -> String {
    let mut text = String::from("+++\n");
    text.push_str(front);
    if !front.is_empty() && !front.ends_with('\n') {
        text.push('\n');
    }
    text.push_str("+++\n");
    let body = body.trim_start_matches('\n').trim_end();
    if !body.is_empty() {
        text.push('\n');
        text.push_str(body);
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desk::fields::fields;
    use serde_json::json;

    fn edit(text: &str, values: Value) -> String {
        let fields = fields(&crate::load::article::schema());
        let mut doc: toml_edit::DocumentMut = text.parse().unwrap();
        apply(doc.as_table_mut(), &fields, &values, false);
        doc.to_string()
    }

    #[test]
    fn a_changed_field_keeps_the_comments_order_and_blank_lines() {
        let text = "# Tiêu đề bài viết.\ntieu_de = \"Cũ\"\n\n# Ngày đăng.\nngay = \"2026-03-04\" # theo kế hoạch\ntom_tat = \"\"\n";
        let out = edit(
            text,
            json!({"tieu_de": "Mới", "ngay": "2026-03-04", "tom_tat": "", "the": [], "phat_thanh": false}),
        );
        assert_eq!(
            out,
            "# Tiêu đề bài viết.\ntieu_de = \"Mới\"\n\n# Ngày đăng.\nngay = \"2026-03-04\" # theo kế hoạch\ntom_tat = \"\"\n"
        );
    }

    #[test]
    fn new_fields_come_after_and_emptied_options_go() {
        let text = "tieu_de = \"A\"\nngay = \"2026-03-04\"\n";
        let out = edit(
            text,
            json!({"tieu_de": "A", "ngay": "", "the": ["người cao tuổi"], "phat_thanh": true}),
        );
        assert_eq!(
            out,
            "tieu_de = \"A\"\nthe = [\"người cao tuổi\"]\nphat_thanh = true\n"
        );
    }

    #[test]
    fn a_list_written_one_per_line_stays_so() {
        let text = "tieu_de = \"A\"\nthe = [\n    \"a\",\n    \"b\",\n]\n";
        let out = edit(text, json!({"tieu_de": "A", "the": ["a", "c", "d"]}));
        assert_eq!(
            out,
            "tieu_de = \"A\"\nthe = [\n    \"a\",\n    \"c\",\n    \"d\",\n]\n"
        );
    }

    #[test]
    fn rows_of_a_table_array_are_edited_in_place() {
        let fields = fields(&crate::load::stats::campaign_schema());
        let text = "ten = \"A\"\nky = \"2026\"\n\n[[muc_tieu]]\n# Số người được thăm.\nchi_so = \"tham\"\ngia_tri = 10\n\n[[muc_tieu]]\nchi_so = \"qua\"\ngia_tri = 5\n";
        let mut doc: toml_edit::DocumentMut = text.parse().unwrap();
        apply(
            doc.as_table_mut(),
            &fields,
            &json!({"ten": "A", "ky": "2026", "muc_tieu": [{"chi_so": "tham", "gia_tri": 12}]}),
            false,
        );
        assert_eq!(
            doc.to_string(),
            "ten = \"A\"\nky = \"2026\"\n\n[[muc_tieu]]\n# Số người được thăm.\nchi_so = \"tham\"\ngia_tri = 12\n"
        );
    }

    #[test]
    fn front_matter_is_split_and_joined() {
        let (front, body) = split_front("+++\ntieu_de = \"A\"\n+++\n\nNội dung.\n").unwrap();
        assert_eq!(front, "tieu_de = \"A\"\n");
        assert_eq!(
            join_front(front, body),
            "+++\ntieu_de = \"A\"\n+++\n\nNội dung.\n"
        );
    }
}
