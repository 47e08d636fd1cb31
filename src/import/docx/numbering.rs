//! Word's automatic numbering: `numbering.xml` (abstract lists, their instances with level and
//! start overrides) and `styles.xml` (paragraph styles such as `List Number` or a numbered
//! `Heading 1` that carry the numbering, inherited through `basedOn`), and the running counters
//! that turn a numbered paragraph into its label (`I.`, `1.`, `1.2.`, `a)`, `-`, `+`).

use std::collections::BTreeMap;

use super::package::{is_w, on_off, w_attr, w_child};

/// Styles nest through `basedOn` at most this deep (Word itself stops far earlier); a longer
/// chain is a loop.
const BASED_ON_LIMIT: usize = 32;

/// One level of a list.
#[derive(Debug, Clone)]
struct Level {
    format: String,
    text: String,
    start: i64,
    /// Restarts after a use of a level shallower than this (0-based count; 0 = never).
    restart: usize,
    /// The paragraph style tied to this level (`Heading 2`).
    style: Option<String>,
}

impl Default for Level {
    fn default() -> Level {
        Level {
            format: "decimal".to_owned(),
            text: String::new(),
            start: 1,
            restart: usize::MAX,
            style: None,
        }
    }
}

/// A numbering instance (`w:num`): its abstract list and overrides.
#[derive(Debug, Clone, Default)]
struct Instance {
    abstract_id: String,
    /// Level -> start override.
    starts: BTreeMap<usize, i64>,
    /// Level -> level replaced by the instance.
    levels: BTreeMap<usize, Level>,
}

/// A paragraph style's numbering and emphasis, as declared (before `basedOn`).
#[derive(Debug, Clone, Default)]
struct StyleDef {
    based_on: Option<String>,
    num_id: Option<String>,
    level: Option<usize>,
    /// The outline level (`w:outlineLvl`: 0 for `Heading 1`), or the level a built-in heading
    /// style's id gives (`Heading2` -> 1).
    outline: Option<usize>,
    bold: Option<bool>,
    italic: Option<bool>,
}

/// What a style resolves to through its `basedOn` chain.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Emphasis {
    pub bold: bool,
    pub italic: bool,
}

/// The document's lists and styles, and the counters of the lists read so far.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: BTreeMap<String, Vec<Level>>,
    instances: BTreeMap<String, Instance>,
    styles: BTreeMap<String, StyleDef>,
    default_style: Option<String>,
    /// Abstract list -> counter per level (None: not used since its restart).
    counters: BTreeMap<String, [Option<i64>; 9]>,
    /// Instances whose start overrides have been applied.
    started: Vec<String>,
    /// Headings given by their style alone (no list): how many of outline levels 0 and 1 so far.
    outline_counts: [usize; 2],
}

fn level_of(node: roxmltree::Node<'_, '_>) -> (usize, Level) {
    let index = w_attr(node, "ilvl")
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(0)
        .min(8);
    let mut level = Level::default();
    let val = |name: &str| w_child(node, name).and_then(|c| w_attr(c, "val"));
    if let Some(format) = val("numFmt") {
        format.clone_into(&mut level.format);
    }
    if let Some(text) = val("lvlText") {
        text.clone_into(&mut level.text);
    }
    if let Some(start) = val("start").and_then(|v| v.parse().ok()) {
        level.start = start;
    }
    level.restart = val("lvlRestart")
        .and_then(|v| v.parse().ok())
        .unwrap_or(index);
    level.style = val("pStyle").map(str::to_owned);
    (index, level)
}

impl Numbering {
    /// Reads `numbering.xml` and `styles.xml` (either may be missing).
    pub fn new(
        numbering: Option<&roxmltree::Document<'_>>,
        styles: Option<&roxmltree::Document<'_>>,
    ) -> Numbering {
        let mut out = Numbering::default();
        if let Some(doc) = numbering {
            for node in doc.root_element().children() {
                if is_w(node, "abstractNum") {
                    let Some(id) = w_attr(node, "abstractNumId") else {
                        continue;
                    };
                    let mut levels = vec![Level::default(); 9];
                    for lvl in node.children().filter(|c| is_w(*c, "lvl")) {
                        let (i, level) = level_of(lvl);
                        levels[i] = level;
                    }
                    out.abstracts.insert(id.to_owned(), levels);
                } else if is_w(node, "num") {
                    let Some(id) = w_attr(node, "numId") else {
                        continue;
                    };
                    let mut instance = Instance {
                        abstract_id: w_child(node, "abstractNumId")
                            .and_then(|c| w_attr(c, "val"))
                            .unwrap_or_default()
                            .to_owned(),
                        ..Instance::default()
                    };
                    for over in node.children().filter(|c| is_w(*c, "lvlOverride")) {
                        let i = w_attr(over, "ilvl")
                            .and_then(|v| v.parse::<usize>().ok())
                            .unwrap_or(0)
                            .min(8);
                        if let Some(start) = w_child(over, "startOverride")
                            .and_then(|c| w_attr(c, "val"))
                            .and_then(|v| v.parse().ok())
                        {
                            instance.starts.insert(i, start);
                        }
                        if let Some(lvl) = w_child(over, "lvl") {
                            let (_, level) = level_of(lvl);
                            instance.levels.insert(i, level);
                        }
                    }
                    out.instances.insert(id.to_owned(), instance);
                }
            }
        }
        if let Some(doc) = styles {
            for node in doc.root_element().children().filter(|c| is_w(*c, "style")) {
                let Some(id) = w_attr(node, "styleId") else {
                    continue;
                };
                let mut def = StyleDef {
                    based_on: w_child(node, "basedOn")
                        .and_then(|c| w_attr(c, "val"))
                        .map(str::to_owned),
                    ..StyleDef::default()
                };
                if let Some(num) = w_child(node, "pPr").and_then(|p| w_child(p, "numPr")) {
                    def.num_id = Some(
                        w_child(num, "numId")
                            .and_then(|c| w_attr(c, "val"))
                            .unwrap_or("0")
                            .to_owned(),
                    );
                    def.level = w_child(num, "ilvl")
                        .and_then(|c| w_attr(c, "val"))
                        .and_then(|v| v.parse().ok());
                }
                def.outline = w_child(node, "pPr")
                    .and_then(|p| w_child(p, "outlineLvl"))
                    .and_then(|c| w_attr(c, "val"))
                    .and_then(|v| v.parse().ok())
                    .or_else(|| {
                        // Word's built-in heading styles keep their English ids in every language.
                        id.strip_prefix("Heading")
                            .or_else(|| id.strip_prefix("heading"))
                            .and_then(|n| n.parse::<usize>().ok())
                            .and_then(|n| n.checked_sub(1))
                    });
                if let Some(rpr) = w_child(node, "rPr") {
                    def.bold = w_child(rpr, "b").map(on_off);
                    def.italic = w_child(rpr, "i").map(on_off);
                }
                if w_attr(node, "type") == Some("paragraph")
                    && matches!(w_attr(node, "default"), Some("1" | "true"))
                {
                    out.default_style = Some(id.to_owned());
                }
                out.styles.insert(id.to_owned(), def);
            }
        }
        out
    }

    /// The `basedOn` chain of a style (itself first), bounded against loops.
    fn chain(&self, style: Option<&str>) -> Vec<&StyleDef> {
        let mut out = Vec::new();
        let mut at = style.or(self.default_style.as_deref());
        while let Some(id) = at {
            let Some(def) = self.styles.get(id) else {
                break;
            };
            if out.len() >= BASED_ON_LIMIT {
                break;
            }
            out.push(def);
            at = def.based_on.as_deref();
        }
        out
    }

    /// Bold and italic a style gives its text.
    pub fn emphasis(&self, style: Option<&str>) -> Emphasis {
        let chain = self.chain(style);
        Emphasis {
            bold: chain.iter().find_map(|d| d.bold).unwrap_or(false),
            italic: chain.iter().find_map(|d| d.italic).unwrap_or(false),
        }
    }

    /// The label of a heading whose number comes from its outline level alone (a `Heading 1`
    /// or `Heading 2` paragraph in no list): `I.`, `II.` for level 0, `1.`, `2.` under it for
    /// level 1, as the plan's parts and items are numbered; `None` for other paragraphs. The
    /// paragraph's own `w:outlineLvl` comes first. `typed` says the text starts with a number of
    /// its own: the count goes on, no label is added.
    pub fn outline_label(
        &mut self,
        style: Option<&str>,
        own: Option<usize>,
        typed: bool,
    ) -> Option<String> {
        let level = own.or_else(|| self.chain(style).iter().find_map(|d| d.outline))?;
        let label = match level {
            0 => {
                self.outline_counts = [self.outline_counts[0] + 1, 0];
                format!("{}.", roman(self.outline_counts[0]))
            }
            1 => {
                self.outline_counts[1] += 1;
                format!("{}.", self.outline_counts[1])
            }
            _ => return None,
        };
        (!typed).then_some(label)
    }

    /// Bold and italic a character style (`Strong`) gives its text.
    pub fn character_emphasis(&self, style: &str) -> Emphasis {
        self.emphasis(Some(style))
    }

    /// The list (numId) and level of a paragraph: its own `w:numPr` first, then its style's.
    /// `numId` 0 switches numbering off.
    pub fn list_of(
        &self,
        style: Option<&str>,
        num_id: Option<&str>,
        level: Option<usize>,
    ) -> Option<(String, usize)> {
        let chain = self.chain(style);
        let from_style = chain.iter().find_map(|d| d.num_id.as_deref());
        let id = num_id.or(from_style)?;
        if id == "0" {
            return None;
        }
        let level = level
            .or_else(|| chain.iter().find_map(|d| d.level))
            .or_else(|| {
                // A heading numbered through its list: the level tied to the style.
                let instance = self.instances.get(id)?;
                let levels = self.abstracts.get(&instance.abstract_id)?;
                let style = style?;
                levels
                    .iter()
                    .position(|l| l.style.as_deref() == Some(style))
            })
            .unwrap_or(0)
            .min(8);
        Some((id.to_owned(), level))
    }

    fn level(&self, id: &str, level: usize) -> Option<Level> {
        let instance = self.instances.get(id)?;
        if let Some(l) = instance.levels.get(&level) {
            return Some(l.clone());
        }
        self.abstracts
            .get(&instance.abstract_id)?
            .get(level)
            .cloned()
    }

    /// The label of the next paragraph in list `id` at `level`: `I.`, `1.2.`, `a)`, `-` or `+`
    /// for bullets, `None` for a level that shows no number or a list that does not exist.
    pub fn next(&mut self, id: &str, level: usize) -> Option<String> {
        let instance = self.instances.get(id)?.clone();
        let this = self.level(id, level)?;
        if this.format == "bullet" {
            return Some(if level == 0 { "-" } else { "+" }.to_owned());
        }
        let levels: Vec<Level> = (0..9)
            .map(|i| self.level(id, i).unwrap_or_default())
            .collect();
        let counters = self
            .counters
            .entry(instance.abstract_id.clone())
            .or_insert([None; 9]);
        if !self.started.iter().any(|s| s == id) {
            self.started.push(id.to_owned());
            for (&l, &start) in &instance.starts {
                counters[l] = Some(start - 1);
            }
        }
        counters[level] = Some(counters[level].map_or(levels[level].start, |c| c + 1));
        for (deeper, counter) in counters.iter_mut().enumerate().skip(level + 1) {
            if level < levels[deeper].restart {
                *counter = None;
            }
        }
        if this.format == "none" {
            return None;
        }
        let text = if this.text.is_empty() {
            format!("%{}.", level + 1)
        } else {
            this.text.clone()
        };
        let mut label = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d @ 1..=9)) => {
                    chars.next();
                    let i = d as usize - 1;
                    let value = counters[i].unwrap_or(levels[i].start);
                    label.push_str(&format_number(value, &levels[i].format));
                }
                _ => label.push(c),
            }
        }
        let label = label.trim().to_owned();
        (!label.is_empty()).then_some(label)
    }
}

fn format_number(n: i64, format: &str) -> String {
    let n = n.max(0) as usize;
    match format {
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperLetter" => letter(n).to_uppercase(),
        "lowerLetter" => letter(n),
        "decimalZero" if n < 10 => format!("0{n}"),
        _ => n.to_string(),
    }
}

/// Vietnamese letter order for lettered items: a b c d đ e g h i k l m n o p q r s t u v x y
/// (a Word list in Vietnamese documents is typed or corrected to this order).
fn letter(n: usize) -> String {
    const LETTERS: [char; 23] = [
        'a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's',
        't', 'u', 'v', 'x', 'y',
    ];
    if n == 0 {
        return String::new();
    }
    LETTERS[(n - 1) % LETTERS.len()].to_string()
}

/// Roman numerals for part numbers.
pub fn roman(mut n: usize) -> String {
    const TABLE: &[(usize, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for &(value, numeral) in TABLE {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}
