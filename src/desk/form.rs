//! Form values: what a file holds (as JSON), what a submitted form holds, and the controls of a
//! form page (a flat list the template walks, so nested records need no recursion in templates).

use serde::Serialize;
use serde_json::{Map, Value};

use super::fields::{Catalogue, Field, Shape};
use crate::locale::text::normalize;

/// The name prefix of the fields' controls (other names: `_token`, `_body`, ...).
pub const PREFIX: &str = "f";

/// A value the form cannot take, by field path (`chi_tieu.1.gia_tri`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// The field's path, rows numbered.
    pub path: String,
    /// The catalogue code of the reason.
    pub code: &'static str,
    /// What was typed.
    pub value: String,
}

/// Reads the submitted pairs into the fields' values (an object keyed like the file).
pub fn from_form(fields: &[Field], pairs: &[(String, String)]) -> (Value, Vec<Refused>) {
    let mut refused = Vec::new();
    let value = object_from(fields, PREFIX, "", pairs, &mut refused);
    (value, refused)
}

fn clean(text: &str) -> String {
    normalize(&text.replace("\r\n", "\n").replace('\r', "\n"))
        .trim()
        .to_owned()
}

fn get<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// The row numbers submitted under `name.` (sorted).
fn row_numbers(pairs: &[(String, String)], name: &str) -> Vec<usize> {
    let prefix = format!("{name}.");
    let mut rows: Vec<usize> = pairs
        .iter()
        .filter_map(|(n, _)| n.strip_prefix(&prefix))
        .filter_map(|rest| rest.split('.').next()?.parse().ok())
        .collect();
    rows.sort_unstable();
    rows.dedup();
    rows
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn object_from(
    fields: &[Field],
    name: &str,
    path: &str,
    pairs: &[(String, String)],
    refused: &mut Vec<Refused>,
) -> Value {
    let mut out = Map::new();
    for field in fields {
        let name = format!("{name}.{}", field.key);
        let path = join(path, &field.key);
        let value = match &field.shape {
            Shape::Text => Value::String(clean(get(pairs, &name).unwrap_or(""))),
            Shape::Boolean => Value::Bool(get(pairs, &name).is_some_and(|v| !v.is_empty())),
            Shape::Integer | Shape::Number => {
                let text = clean(get(pairs, &name).unwrap_or(""));
                if text.is_empty() {
                    Value::Null
                } else {
                    let number = if field.shape == Shape::Integer {
                        text.replace('.', "").parse::<i64>().ok().map(Value::from)
                    } else {
                        // As office staff type it: `96,5`, `1.234`, `96.5` (the figures files' reader).
                        crate::load::stats::parse_number(&text).and_then(|n| {
                            if n.fract() == 0.0 && n.abs() < 1e15 {
                                Some(Value::from(n as i64))
                            } else {
                                serde_json::Number::from_f64(n).map(Value::Number)
                            }
                        })
                    };
                    number.unwrap_or_else(|| {
                        refused.push(Refused {
                            path: path.clone(),
                            code: "desk_not_a_number",
                            value: text,
                        });
                        Value::Null
                    })
                }
            }
            Shape::List => Value::Array(
                row_numbers(pairs, &name)
                    .into_iter()
                    .filter_map(|row| get(pairs, &format!("{name}.{row}")).map(clean))
                    .filter(|text| !text.is_empty())
                    .map(Value::String)
                    .collect(),
            ),
            Shape::Rows(inner) => Value::Array(
                row_numbers(pairs, &name)
                    .into_iter()
                    .map(|row| {
                        object_from(
                            inner,
                            &format!("{name}.{row}"),
                            &format!("{path}.{row}"),
                            pairs,
                            refused,
                        )
                    })
                    .filter(|row| !is_empty(row))
                    .collect(),
            ),
            Shape::Group(inner) => object_from(inner, &name, &path, pairs, refused),
            Shape::Map => {
                let mut map = Map::new();
                for row in row_numbers(pairs, &name) {
                    let key = clean(get(pairs, &format!("{name}.{row}.khoa")).unwrap_or(""));
                    let value = clean(get(pairs, &format!("{name}.{row}.gia_tri")).unwrap_or(""));
                    if !key.is_empty() && !value.is_empty() {
                        map.insert(key, Value::String(value));
                    }
                }
                Value::Object(map)
            }
        };
        out.insert(field.key.clone(), value);
    }
    Value::Object(out)
}

/// Whether a value says nothing: `""`, `false`, no number, no rows, a record of such.
pub fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.iter().all(is_empty),
        Value::Object(o) => o.values().all(is_empty),
        Value::Number(_) => false,
    }
}

/// One control (or the opening or closing of a group) of a form page.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Control {
    /// `input`, `textarea`, `checkbox`, `list`, `map`, `open`, `close`.
    pub kind: &'static str,
    /// The control's `name`.
    pub name: String,
    /// The `id` (labels point at it).
    pub id: String,
    /// The label.
    pub label: String,
    /// Help under the label.
    pub help: String,
    /// The value shown.
    pub value: String,
    /// `text`, `number`, `date`.
    pub input: &'static str,
    /// Required by the loader.
    pub required: bool,
    /// The problems found in this field, as sentences.
    pub errors: Vec<String>,
    /// Rows of a list or map: (name, id, value) and for maps (key name, key id, key).
    pub rows: Vec<Row>,
    /// A group that is one row of a list of records (it can be removed).
    pub row: bool,
    /// The field path (`nguoi_ky.ten`), for tests and the error list.
    pub path: String,
}

/// One row of a list control.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Row {
    /// The row's `name` (for a map: the value's).
    pub name: String,
    /// The row's `id`.
    pub id: String,
    /// The text.
    pub value: String,
    /// For a map: the key's `name`.
    pub key_name: String,
    /// For a map: the key's `id`.
    pub key_id: String,
    /// For a map: the key.
    pub key: String,
    /// The blank row that adds one.
    pub blank: bool,
}

fn id_of(name: &str) -> String {
    name.replace('.', "-")
}

fn text_of(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => {
            let f = n.as_f64().unwrap_or_default();
            if n.is_i64() || n.is_u64() {
                n.to_string()
            } else {
                // Vietnamese decimal comma, as staff type it back.
                format!("{f}").replace('.', ",")
            }
        }
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// Everything the controls of one form need.
pub struct Layout<'a> {
    /// The kind's address (`tin-tuc`), for kind-specific labels.
    pub kind: &'a str,
    /// Labels.
    pub catalogue: &'a Catalogue,
    /// Help from the scaffold's comments, by top-level key.
    pub scaffold_help: &'a std::collections::BTreeMap<String, String>,
    /// Problems by field path.
    pub errors: &'a std::collections::BTreeMap<String, Vec<String>>,
}

/// The controls of `fields` showing `values`.
pub fn controls(layout: &Layout<'_>, fields: &[Field], values: &Value) -> Vec<Control> {
    let mut out = Vec::new();
    push_controls(layout, fields, values, PREFIX, "", "", &mut out);
    out
}

fn push_controls(
    layout: &Layout<'_>,
    fields: &[Field],
    values: &Value,
    name: &str,
    path: &str,
    label_path: &str,
    out: &mut Vec<Control>,
) {
    for field in fields {
        let name = format!("{name}.{}", field.key);
        let path = join(path, &field.key);
        let label_path = join(label_path, &field.key);
        let text = layout.catalogue.field(layout.kind, &label_path);
        // The `loa new` comment of a top-level field first, else the catalogue's help. A tick
        // box takes the catalogue's when it has one: the file's comment speaks of `true`.
        let help = layout
            .scaffold_help
            .get(&field.key)
            .filter(|_| !label_path.contains('.'))
            .filter(|_| !matches!(field.shape, Shape::Boolean) || text.goi_y.is_empty())
            .cloned()
            .unwrap_or_else(|| text.goi_y.clone());
        let value = values.get(&field.key);
        let base = Control {
            name: name.clone(),
            id: id_of(&name),
            label: text.nhan.clone(),
            help,
            required: field.required,
            errors: layout.errors.get(&path).cloned().unwrap_or_default(),
            path: path.clone(),
            ..Control::default()
        };
        match &field.shape {
            Shape::Text | Shape::Integer | Shape::Number => out.push(Control {
                kind: if text.kieu == "doan" {
                    "textarea"
                } else {
                    "input"
                },
                value: text_of(value),
                input: match (&field.shape, text.kieu.as_str()) {
                    (Shape::Text, _) => "text",
                    // A decimal comma is typed as text; `inputmode` brings up digits.
                    _ => "number",
                },
                ..base
            }),
            Shape::Boolean => out.push(Control {
                kind: "checkbox",
                value: if value.and_then(Value::as_bool).unwrap_or(false) {
                    "true".into()
                } else {
                    String::new()
                },
                ..base
            }),
            Shape::List => {
                let items: Vec<String> = value
                    .and_then(Value::as_array)
                    .map(|a| a.iter().map(|v| text_of(Some(v))).collect())
                    .unwrap_or_default();
                let mut rows: Vec<Row> = items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| Row {
                        name: format!("{name}.{i}"),
                        id: id_of(&format!("{name}.{i}")),
                        value: v.clone(),
                        ..Row::default()
                    })
                    .collect();
                let n = rows.len();
                rows.push(Row {
                    name: format!("{name}.{n}"),
                    id: id_of(&format!("{name}.{n}")),
                    blank: true,
                    ..Row::default()
                });
                out.push(Control {
                    kind: "list",
                    rows,
                    ..base
                });
            }
            Shape::Map => {
                let entries: Vec<(String, String)> = value
                    .and_then(Value::as_object)
                    .map(|o| {
                        o.iter()
                            .map(|(k, v)| (k.clone(), text_of(Some(v))))
                            .collect()
                    })
                    .unwrap_or_default();
                let n = entries.len();
                let rows = entries
                    .into_iter()
                    .chain(std::iter::once((String::new(), String::new())))
                    .enumerate()
                    .map(|(i, (k, v))| Row {
                        name: format!("{name}.{i}.gia_tri"),
                        id: id_of(&format!("{name}.{i}.gia_tri")),
                        value: v,
                        key_name: format!("{name}.{i}.khoa"),
                        key_id: id_of(&format!("{name}.{i}.khoa")),
                        key: k,
                        blank: i == n,
                    })
                    .collect();
                out.push(Control {
                    kind: "map",
                    rows,
                    ..base
                });
            }
            Shape::Group(inner) => {
                out.push(Control {
                    kind: "open",
                    ..base.clone()
                });
                let empty = Value::Object(Map::new());
                push_controls(
                    layout,
                    inner,
                    value.unwrap_or(&empty),
                    &name,
                    &path,
                    &label_path,
                    out,
                );
                out.push(Control {
                    kind: "close",
                    ..Control::default()
                });
            }
            Shape::Rows(inner) => {
                out.push(Control {
                    kind: "open",
                    ..base.clone()
                });
                let rows: Vec<Value> = value.and_then(Value::as_array).cloned().unwrap_or_default();
                let empty = Value::Object(Map::new());
                for (i, row) in rows.iter().chain(std::iter::once(&empty)).enumerate() {
                    let row_name = format!("{name}.{i}");
                    out.push(Control {
                        kind: "open",
                        row: true,
                        name: row_name.clone(),
                        id: id_of(&row_name),
                        label: (i + 1).to_string(),
                        value: if i == rows.len() {
                            "blank".into()
                        } else {
                            String::new()
                        },
                        path: format!("{path}.{i}"),
                        errors: layout
                            .errors
                            .get(&format!("{path}.{i}"))
                            .cloned()
                            .unwrap_or_default(),
                        ..Control::default()
                    });
                    push_controls(
                        layout,
                        inner,
                        row,
                        &row_name,
                        &format!("{path}.{i}"),
                        &label_path,
                        out,
                    );
                    out.push(Control {
                        kind: "close",
                        ..Control::default()
                    });
                }
                out.push(Control {
                    kind: "close",
                    ..Control::default()
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desk::fields::fields;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    }

    #[test]
    fn a_submitted_plan_becomes_the_values_the_file_holds() {
        let fields = fields(&crate::load::plan::schema());
        let (value, refused) = from_form(
            &fields,
            &pairs(&[
                ("f.trich_yeu", "  Tổ chức Tháng hành động  "),
                ("f.kinh_gui.0", "Các tổ dân phố"),
                ("f.kinh_gui.1", ""),
                ("f.kinh_gui.2", "Hội Người cao tuổi"),
                ("f.du_thao", "true"),
                ("f.chi_tieu.0.khop", "thăm hỏi"),
                ("f.chi_tieu.0.gia_tri", "96,5"),
                ("f.chi_tieu.1.khop", ""),
                ("f.chi_tieu.1.gia_tri", ""),
                ("f.nguoi_ky.ho_ten", "Nguyễn Văn A"),
            ]),
        );
        assert!(refused.is_empty(), "{refused:?}");
        assert_eq!(value["trich_yeu"], "Tổ chức Tháng hành động");
        assert_eq!(
            value["kinh_gui"],
            serde_json::json!(["Các tổ dân phố", "Hội Người cao tuổi"])
        );
        assert_eq!(value["du_thao"], true);
        assert_eq!(value["chi_tieu"].as_array().unwrap().len(), 1);
        assert_eq!(value["chi_tieu"][0]["gia_tri"], 96.5);
        assert_eq!(value["nguoi_ky"]["ho_ten"], "Nguyễn Văn A");
    }

    #[test]
    fn a_number_that_is_not_one_is_refused_at_its_row() {
        let fields = fields(&crate::load::plan::schema());
        let (_, refused) = from_form(
            &fields,
            &pairs(&[("f.chi_tieu.0.khop", "x"), ("f.chi_tieu.0.gia_tri", "chín")]),
        );
        assert_eq!(refused[0].path, "chi_tieu.0.gia_tri");
    }
}
