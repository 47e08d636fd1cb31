//! Entries proposed for the registries: units that receive duties and cited legal documents that
//! `data/units.toml` and `data/legal.toml` do not have yet. Proposals are printed, or appended
//! with `--update-registries`; they are never added silently.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::sync::LazyLock;

use regex::Regex;

use super::Context;
use super::emit::toml_string;
use super::parse::{Block, Parsed};
use crate::derive::citation::{CitationFinder, DocKind, KnownName, citation_key};
use crate::locale::{fold_diacritics, slugify};
use crate::messages;
use crate::model::Plan;
use crate::validate::unit_key;

/// A unit to add to data/units.toml.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposedUnit {
    /// `ma`.
    pub id: String,
    /// `ten`, as the document names it.
    pub name: String,
    /// `loai`, guessed from the name.
    pub kind: String,
    /// Line of the unit in the source document.
    pub source_line: usize,
}

/// The registry entries one imported document proposes, with the document's name (for the note
/// written above them).
#[derive(Debug, Clone, Default)]
pub struct RegistryProposals {
    /// Units not in data/units.toml.
    pub units: Vec<ProposedUnit>,
    /// Legal documents not in data/legal.toml.
    pub legal: Vec<ProposedLegal>,
    /// The document's file name.
    pub source: String,
}

impl RegistryProposals {
    /// What to append to data/units.toml and to data/legal.toml for the entries `chosen` (`u0`
    /// is the first unit, `l1` the second legal document); an empty text for none.
    pub fn appended(&self, chosen: &[&str]) -> (String, String) {
        let picked = |prefix: char, i: usize| chosen.contains(&format!("{prefix}{i}").as_str());
        let units: Vec<ProposedUnit> = (self.units.iter().enumerate())
            .filter(|(i, _)| picked('u', *i))
            .map(|(_, u)| u.clone())
            .collect();
        let legal: Vec<ProposedLegal> = (self.legal.iter().enumerate())
            .filter(|(i, _)| picked('l', *i))
            .map(|(_, d)| d.clone())
            .collect();
        (
            units_toml(&units, &self.source),
            legal_toml(&legal, &self.source),
        )
    }
}

/// A legal document to add to data/legal.toml.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposedLegal {
    /// The citation as written.
    pub cited_as: String,
    /// `loai`.
    pub kind: String,
    /// `so_ky_hieu` (numbered citations).
    pub symbol: Option<String>,
    /// `ten_goi` (laws cited by name).
    pub name: Option<String>,
    /// `trich_yeu` as the document states it (empty when it does not).
    pub title: String,
    /// `ngay` as `YYYY-MM-DD`, when the document states it.
    pub date: String,
    /// `co_quan`, when the document states it.
    pub issuer: String,
    /// Line of the first citation in the source document.
    pub source_line: usize,
}

/// What the import proposes and every citation it saw.
#[derive(Debug, Clone, Default)]
pub struct Proposals {
    /// New units.
    pub units: Vec<ProposedUnit>,
    /// New legal documents.
    pub legal: Vec<ProposedLegal>,
    /// Every citation as written, with whether the registry knows it (first occurrence each).
    pub citations: Vec<(String, bool)>,
}

fn unit_kind(name: &str) -> &'static str {
    let f = fold_diacritics(name).to_lowercase();
    let f = f.trim_start_matches("cac ");
    if f.starts_with("phong ") {
        "Phòng chuyên môn"
    } else if f.starts_with("cong an") {
        "Công an"
    } else if f.contains("y te") || f.contains("kham benh") || f.contains("benh vien") {
        "Y tế"
    } else if f.contains("truong") && !f.contains("truong thon") {
        "Trường học"
    } else if f.contains("mat tran") || f.contains("doan the") || f.contains("chinh tri - xa hoi") {
        "Mặt trận, đoàn thể"
    } else if f.contains("quan su") {
        "Quân sự"
    } else if f.starts_with("trung tam") {
        "Trung tâm"
    } else if f.contains("khu pho") || f.contains("to dan pho") || f.contains("thon") {
        "Khu dân cư"
    } else {
        "Cơ quan, đơn vị"
    }
}

static DATE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*,?\s*ngày\s+(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})").expect("valid regex")
});
static ISSUER_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*của\s+(.+?)(?:\s+(?:về|quy định|sửa đổi|hướng dẫn|ban hành|phê duyệt)\b|[,;.:(]|$)",
    )
    .expect("valid regex")
});
static TITLE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*((?:về|quy định|sửa đổi|hướng dẫn|ban hành|phê duyệt)\b[^;]*?)(?:;|\.\s|\.$|$)",
    )
    .expect("valid regex")
});
static LAW_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bLuật\s+(\p{Lu}\p{Ll}*(?:\s+\p{L}+){0,6})").expect("valid regex")
});
const NAME_STOP: &[&str] = &[
    "năm", "về", "và", "của", "theo", "số", "ngày", "đã", "được", "quy", "trong", "tại", "cho",
    "để", "đối", "hiện", "có", "sửa", "thì", "với", "các",
];

/// Words a subject cut short before the next citation may end on: dropped.
const TRAILING_JOINERS: &[&str] = &["và", "các", "cùng", "của", "theo", "tại", "với", "số"];

/// The words that introduce a list of citations (`và các Quyết định của Thủ tướng Chính phủ: số`)
/// at the end of the text before the next citation: they belong to that one, not to this subject.
static LIST_INTRODUCER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)[,;]?\s*(?:và\s+|cùng\s+)?(?:các|những)\s+(?:nghị quyết|nghị định|quyết định|thông tư|thông tri|kế hoạch|công văn|chỉ thị|hướng dẫn|chương trình|văn bản)\b[^.;]*?:?\s*(?:số\s*)?$",
    )
    .expect("valid regex")
});

/// Reads what the text says right after a citation, up to the next one: date, issuer, subject.
fn details_after(rest: &str) -> (String, String, String) {
    let rest = LIST_INTRODUCER
        .find(rest)
        .map_or(rest, |introducer| &rest[..introducer.start()]);
    let mut rest = rest;
    let mut date = String::new();
    if let Some(c) = DATE_AFTER.captures(rest) {
        date = format!("{}-{:0>2}-{:0>2}", &c[3], &c[2], &c[1]);
        rest = &rest[c.get(0).map_or(0, |m| m.end())..];
    }
    let mut issuer = String::new();
    if let Some(c) = ISSUER_AFTER.captures(rest) {
        let found = c[1].trim();
        if found.split_whitespace().count() <= 12 {
            issuer = found.to_owned();
            rest = &rest[c.get(1).map_or(0, |m| m.end())..];
        }
    }
    let mut title = String::new();
    if let Some(c) = TITLE_AFTER.captures(rest) {
        let t = c[1].trim();
        let t = t
            .strip_prefix("về việc ")
            .or(t.strip_prefix("về "))
            .unwrap_or(t);
        let mut words: Vec<&str> = t.split_whitespace().collect();
        // Cut short before the next citation, the subject may end on a joining word (`và`).
        while let Some(last) = words.last() {
            let bare = last.trim_end_matches([',', ';', ':']);
            if bare.is_empty() || TRAILING_JOINERS.contains(&bare.to_lowercase().as_str()) {
                words.pop();
            } else {
                break;
            }
        }
        if !words.is_empty() && words.len() <= 60 {
            let joined = words.join(" ");
            let mut chars = joined
                .trim_end_matches([',', ';', ':'])
                .chars()
                .collect::<Vec<_>>();
            if let Some(first) = chars.first_mut() {
                *first = first.to_uppercase().next().unwrap_or(*first);
            }
            title = chars.into_iter().collect();
        }
    }
    (date, issuer, title)
}

/// Finds the proposals for an imported plan.
pub fn propose(plan: &Plan, parsed: &Parsed, context: &Context<'_>) -> Proposals {
    let mut proposals = Proposals::default();

    // Units.
    let mut known: BTreeSet<String> = BTreeSet::new();
    let mut ids: BTreeSet<String> = BTreeSet::new();
    for unit in context.units {
        known.insert(unit_key(&unit.name));
        known.extend(unit.aliases.iter().map(|a| unit_key(a)));
        ids.insert(unit.id.clone());
    }
    for assignment in &plan.assignments {
        let key = unit_key(&assignment.unit_name);
        // A numbered point that names no body (`Đối tượng`, `Mức quà tặng`) is never proposed.
        if key.is_empty()
            || known.contains(&key)
            || !super::parse::looks_like_unit(&assignment.unit_name)
        {
            continue;
        }
        known.insert(key);
        let mut id = slugify(&assignment.unit_name);
        let mut n = 2;
        while ids.contains(&id) {
            id = format!("{}-{n}", slugify(&assignment.unit_name));
            n += 1;
        }
        ids.insert(id.clone());
        let source_line = parsed
            .body
            .iter()
            .find_map(|b| match b {
                Block::Item { title, line, .. } if title.contains(&assignment.unit_name) => {
                    Some(*line)
                }
                _ => None,
            })
            .unwrap_or(1);
        proposals.units.push(ProposedUnit {
            id,
            kind: unit_kind(&assignment.unit_name).to_owned(),
            name: assignment.unit_name.clone(),
            source_line,
        });
    }

    // Citations, found as the site will find them.
    let mut names = Vec::new();
    let mut keys: BTreeSet<String> = BTreeSet::new();
    for doc in context.legal {
        if let Some(symbol) = &doc.symbol {
            keys.insert(citation_key(symbol));
        }
        keys.insert(doc.id.clone());
        for name in &doc.names {
            names.push(KnownName {
                key: doc.id.clone(),
                name: name.clone(),
            });
        }
    }
    let finder = CitationFinder::new(&names);
    let mut texts: Vec<String> = Vec::new();
    plan.body
        .for_each_inline(&mut |text: &crate::model::Inline, _| texts.push(text.plain.clone()));
    texts.extend(plan.closing.iter().map(|c| c.plain.clone()));
    let mut seen: BTreeMap<String, ()> = BTreeMap::new();
    let mut law_names: BTreeSet<String> = BTreeSet::new();
    for text in &texts {
        let found = finder.find(text);
        for (n, c) in found.iter().enumerate() {
            let written = text[c.start..c.end].to_owned();
            let known = keys.contains(&c.key);
            if seen.insert(c.key.clone(), ()).is_none() {
                proposals.citations.push((written.clone(), known));
                if !known {
                    // The symbol as written, without a stray space (`57/KH- SYT`).
                    let symbol = c
                        .symbol
                        .clone()
                        .map(|s| text[s].split_whitespace().collect());
                    // What is said of it stops where the next citation begins.
                    let next = found.get(n + 1).map_or(text.len(), |next| next.start);
                    let (date, issuer, title) = details_after(&text[c.end..next]);
                    proposals.legal.push(ProposedLegal {
                        source_line: source_line_of(parsed, &written),
                        cited_as: written,
                        kind: c.kind.vietnamese().to_owned(),
                        symbol,
                        name: None,
                        title,
                        date,
                        issuer,
                    });
                }
            }
        }
        // Laws cited by a name the registry does not know.
        for m in LAW_NAME.captures_iter(text) {
            let whole = m.get(0).map_or(0..0, |g| g.range());
            if found
                .iter()
                .any(|c| c.start <= whole.start && whole.start < c.end)
            {
                continue;
            }
            let words: Vec<&str> = m[1]
                .split_whitespace()
                .take_while(|w| !NAME_STOP.contains(&w.to_lowercase().as_str()))
                .collect();
            if words.is_empty() {
                continue;
            }
            let name = format!("Luật {}", words.join(" "));
            let folded = fold_diacritics(&name).to_lowercase();
            if !law_names.insert(folded) {
                continue;
            }
            proposals.citations.push((name.clone(), false));
            proposals.legal.push(ProposedLegal {
                source_line: source_line_of(parsed, &name),
                cited_as: name.clone(),
                kind: DocKind::Law.vietnamese().to_owned(),
                symbol: None,
                title: name.clone(),
                name: Some(name),
                date: String::new(),
                issuer: String::new(),
            });
        }
    }
    proposals
}

/// The source line of the first block whose text holds `needle` (spacing aside); 1 if none.
fn source_line_of(parsed: &Parsed, needle: &str) -> usize {
    let squeeze = crate::locale::text::collapse_whitespace;
    let needle = squeeze(needle);
    parsed
        .body
        .iter()
        .map(Block::line_and_text)
        .find(|(_, text)| squeeze(&super::lines::plain(text)).contains(&needle))
        .map_or(1, |(line, _)| line)
}

/// TOML entries for data/units.toml.
pub fn units_toml(units: &[ProposedUnit], source: &str) -> String {
    let mut out = String::new();
    if units.is_empty() {
        return out;
    }
    let note = messages::text("import_registry_note", &[("source", source.to_owned())]).vi;
    let _ = writeln!(out, "\n# {note}");
    for unit in units {
        let _ = writeln!(out, "\n[[don_vi]]");
        let _ = writeln!(out, "ma = {}", toml_string(&unit.id));
        let _ = writeln!(out, "ten = {}", toml_string(&unit.name));
        let _ = writeln!(out, "loai = {}", toml_string(&unit.kind));
    }
    out
}

/// TOML entries for data/legal.toml.
pub fn legal_toml(docs: &[ProposedLegal], source: &str) -> String {
    let mut out = String::new();
    if docs.is_empty() {
        return out;
    }
    let note = messages::text("import_registry_note", &[("source", source.to_owned())]).vi;
    let _ = writeln!(out, "\n# {note}");
    for doc in docs {
        let _ = writeln!(out, "\n[[van_ban]]");
        let _ = writeln!(out, "loai = {}", toml_string(&doc.kind));
        if let Some(symbol) = &doc.symbol {
            let _ = writeln!(out, "so_ky_hieu = {}", toml_string(symbol));
        }
        if let Some(name) = &doc.name {
            let _ = writeln!(out, "ten_goi = [{}]", toml_string(name));
        }
        let title = if doc.title.is_empty() {
            doc.cited_as.clone()
        } else {
            doc.title.clone()
        };
        let _ = writeln!(out, "trich_yeu = {}", toml_string(&title));
        if !doc.date.is_empty() {
            let _ = writeln!(out, "ngay = {}", toml_string(&doc.date));
        }
        if !doc.issuer.is_empty() {
            let _ = writeln!(out, "co_quan = {}", toml_string(&doc.issuer));
        }
    }
    out
}

#[cfg(test)]
mod subject_tests {
    use super::details_after;

    #[test]
    fn a_subject_stops_before_the_words_that_introduce_the_next_citations() {
        let (date, issuer, title) = details_after(
            " ngày 04/3/2026 của Sở Y tế về triển khai công tác trợ giúp xã hội và các Quyết định của Thủ tướng Chính phủ: số ",
        );
        assert_eq!(date, "2026-03-04");
        assert_eq!(issuer, "Sở Y tế");
        assert_eq!(title, "Triển khai công tác trợ giúp xã hội");
        let (_, _, title) = details_after(" của Sở Y tế về hướng dẫn chi trả; các Quyết định: ");
        assert_eq!(title, "Hướng dẫn chi trả");
    }
}
