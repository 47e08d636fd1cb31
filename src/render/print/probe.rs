//! A leaflet far longer than its printed format is refused without typesetting all of it.
//!
//! Typesetting a leaflet costs time in proportion to its text, several times over (the templates
//! try each body size from 28 pt down before letting long content flow), so a leaflet with a
//! ten-thousand-line section took more than half a minute to be told it is too long. When the text
//! is clearly more than a leaflet holds, its beginning alone ([`PROBE_LINES`] lines) is typeset
//! first with the same template: content only adds pages, so a beginning that already passes the
//! page limit (or overflows a fixed panel) proves that the whole does, and the build says so at
//! once. A beginning that fits decides nothing, and the whole is typeset as before.

use serde_json::Value;

/// Characters counted as one line of text (the default templates set fewer on a line, 35 to 65).
const LINE_CHARS: usize = 60;

/// Lines of [`LINE_CHARS`] characters (each paragraph, item, fact or row at least one) that a
/// leaflet's sections, key facts or help lines may have before their beginning is tried first.
/// The default templates hold about 100 in the sections (a tri-fold's inside page, or the two
/// A5 pages) and about 30 in a panel, so a beginning this long passes the limit by far.
pub const PROBE_LINES: usize = 300;

/// The beginning of a long leaflet.
pub struct Beginning {
    /// The leaflet's data with only the beginning of its sections, key facts and help lines.
    pub data: Value,
    /// Where the sections were cut (section and block index), when they were.
    pub at: Option<(usize, usize)>,
}

/// Lines a piece of text takes at least.
fn lines_of(chars: usize) -> usize {
    chars.div_ceil(LINE_CHARS).max(1)
}

/// Characters of a run list (`[{"t": ...}]`).
fn run_chars(runs: &Value) -> usize {
    runs.as_array()
        .map(|runs| {
            runs.iter()
                .map(|r| r["t"].as_str().map_or(0, |t| t.chars().count()))
                .sum()
        })
        .unwrap_or(0)
}

/// Keeps the first `chars` characters of a run list.
fn cut_runs(runs: &mut Value, mut chars: usize) {
    let Some(list) = runs.as_array_mut() else {
        return;
    };
    let mut keep = 0;
    for run in list.iter_mut() {
        if chars == 0 {
            break;
        }
        keep += 1;
        if let Some(text) = run["t"].as_str() {
            let n = text.chars().count();
            if n > chars {
                run["t"] = Value::String(text.chars().take(chars).collect());
                chars = 0;
            } else {
                chars -= n;
            }
        }
    }
    list.truncate(keep.max(1));
}

/// Takes a piece of `lines` lines from `budget`; when it does not fit whole, `cut` keeps what
/// does and the budget is spent. Returns whether the piece was cut.
fn spend(budget: &mut usize, lines: usize, cut: impl FnOnce(usize)) -> bool {
    if lines <= *budget {
        *budget -= lines;
        return false;
    }
    cut(*budget * LINE_CHARS);
    *budget = 0;
    true
}

/// Cuts body blocks (paragraphs, headings, lists, tables) to `budget` lines; returns the index of
/// the block cut (kept in part), when one was.
fn cut_blocks(blocks: &mut Vec<Value>, budget: &mut usize) -> Option<usize> {
    for i in 0..blocks.len() {
        if *budget == 0 {
            blocks.truncate(i);
            return Some(i.saturating_sub(1));
        }
        let block = &mut blocks[i];
        let cut = match block["kind"].as_str() {
            Some("p" | "h") => {
                let lines = lines_of(run_chars(&block["runs"]));
                spend(budget, lines, |chars| cut_runs(&mut block["runs"], chars))
            }
            Some("list") => block["items"]
                .as_array_mut()
                .is_some_and(|items| cut_items(items, budget)),
            Some("table") => block["rows"].as_array_mut().is_some_and(|rows| {
                let keep = rows.len().min(*budget);
                *budget -= keep;
                let cut = keep < rows.len();
                rows.truncate(keep);
                cut
            }),
            _ => {
                *budget = budget.saturating_sub(1);
                false
            }
        };
        if cut {
            blocks.truncate(i + 1);
            return Some(i);
        }
    }
    None
}

/// Cuts list items (with their nested blocks) to `budget` lines; returns whether they were cut.
fn cut_items(items: &mut Vec<Value>, budget: &mut usize) -> bool {
    for i in 0..items.len() {
        if *budget == 0 {
            items.truncate(i);
            return true;
        }
        let item = &mut items[i];
        let lines = lines_of(run_chars(&item["runs"]));
        let mut cut = spend(budget, lines, |chars| cut_runs(&mut item["runs"], chars));
        if let Some(children) = item["children"].as_array_mut() {
            if cut {
                children.clear();
            } else {
                cut = cut_blocks(children, budget).is_some();
            }
        }
        if cut {
            items.truncate(i + 1);
            return true;
        }
    }
    false
}

/// Cuts a list of texts (key facts `{"text": ...}` or help lines) to `budget` lines; returns
/// whether it was cut.
fn cut_texts(texts: &mut Vec<Value>, budget: &mut usize) -> bool {
    for i in 0..texts.len() {
        let entry = &mut texts[i];
        let slot = if entry.is_string() {
            entry
        } else {
            &mut entry["text"]
        };
        let Some(text) = slot.as_str().map(str::to_owned) else {
            continue;
        };
        let lines = lines_of(text.chars().count());
        let cut = spend(budget, lines, |chars| {
            *slot = Value::String(text.chars().take(chars.max(1)).collect());
        });
        if cut || *budget == 0 {
            let more = i + 1 < texts.len();
            texts.truncate(i + 1);
            return cut || more;
        }
    }
    false
}

/// The beginning of the leaflet in `data` (`{"leaflet": {"sections", "facts", "help"}}`) when its
/// sections, key facts or help lines are longer than [`PROBE_LINES`]; `None` when none is.
pub fn beginning(data: &Value) -> Option<Beginning> {
    let mut data = data.clone();
    let leaflet = &mut data["leaflet"];
    let mut cut = false;
    let mut at = None;
    if let Some(sections) = leaflet["sections"].as_array_mut() {
        let mut budget = PROBE_LINES;
        for s in 0..sections.len() {
            budget = budget.saturating_sub(1); // the heading
            let cut_block = sections[s]["blocks"]
                .as_array_mut()
                .and_then(|blocks| cut_blocks(blocks, &mut budget));
            if let Some(b) = cut_block {
                sections.truncate(s + 1);
                at = Some((s, b));
                cut = true;
                break;
            }
            if budget == 0 && s + 1 < sections.len() {
                sections.truncate(s + 1);
                at = Some((s, 0));
                cut = true;
                break;
            }
        }
    }
    for list in ["facts", "help"] {
        if let Some(texts) = leaflet[list].as_array_mut() {
            cut |= cut_texts(texts, &mut PROBE_LINES.clone());
        }
    }
    cut.then_some(Beginning { data, at })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn paragraph(text: &str) -> Value {
        json!({"kind": "p", "runs": [{"t": text, "b": false, "i": false}]})
    }

    #[test]
    fn a_short_leaflet_is_typeset_whole() {
        let data = json!({"leaflet": {
            "sections": [{"title": null, "blocks": [paragraph("Ngắn."), paragraph("Cũng ngắn.")]}],
            "facts": [{"key": null, "text": "Một điểm."}],
            "help": ["Bộ phận Một cửa"],
        }});
        assert!(beginning(&data).is_none());
    }

    #[test]
    fn a_long_section_is_cut_to_its_beginning() {
        let long = "chữ ".repeat(10_000 * 15);
        let items: Vec<Value> = (0..5_000)
            .map(|i| json!({"runs": [{"t": format!("mục {i}")}], "children": []}))
            .collect();
        let data = json!({"leaflet": {
            "sections": [
                {"title": null, "blocks": [paragraph("Mở đầu.")]},
                {"title": null, "blocks": [paragraph("Đoạn."), paragraph(&long), paragraph("Sau.")]},
                {"title": null, "blocks": [{"kind": "list", "items": items}]},
            ],
            "facts": [],
            "help": [],
        }});
        let cut = beginning(&data).unwrap();
        assert_eq!(cut.at, Some((1, 1)));
        let sections = cut.data["leaflet"]["sections"].as_array().unwrap();
        assert_eq!(sections.len(), 2);
        let kept = sections[1]["blocks"][1]["runs"][0]["t"].as_str().unwrap();
        let chars = kept.chars().count();
        assert!(
            chars < PROBE_LINES * LINE_CHARS && chars > 200 * LINE_CHARS,
            "{chars}"
        );

        let many = json!({"leaflet": {"sections": [{"title": null, "blocks": [{"kind": "list", "items": (0..5_000)
            .map(|i| json!({"runs": [{"t": format!("mục {i}")}], "children": []}))
            .collect::<Vec<_>>()}]}]}});
        let cut = beginning(&many).unwrap();
        let kept = cut.data["leaflet"]["sections"][0]["blocks"][0]["items"]
            .as_array()
            .unwrap()
            .len();
        assert_eq!(kept, PROBE_LINES - 1);
    }

    #[test]
    fn long_key_facts_are_cut_too() {
        let facts: Vec<Value> = (0..2_000)
            .map(|i| json!({"key": null, "text": format!("Điểm {i}")}))
            .collect();
        let data = json!({"leaflet": {"sections": [], "facts": facts, "help": []}});
        let cut = beginning(&data).unwrap();
        assert_eq!(cut.at, None);
        assert_eq!(
            cut.data["leaflet"]["facts"].as_array().unwrap().len(),
            PROBE_LINES
        );
    }
}
