//! Combined unit headings (`Văn phòng HĐND và UBND phường; Trung tâm Dịch vụ sự nghiệp công
//! phường`, `Ủy ban MTTQ Việt Nam phường và các tổ chức chính trị - xã hội`) split into the units
//! `data/units.toml` registers, each given the duties written under the heading. A heading is
//! split only where every piece is a registered unit (by name or other name); a heading that is
//! itself a registered name (`Phòng Kinh tế, Hạ tầng và Đô thị phường`) is left whole.

use std::collections::BTreeSet;

use super::parse::{Block, Parsed};
use crate::load::plan::part_kind;
use crate::locale::fold_diacritics;
use crate::model::{DocType, PartKind, Unit};
use crate::validate::unit_key;

/// What separates the names in a combined heading.
const SEPARATORS: &[&str] = &[";", ",", " và ", " cùng "];

/// The registered names `title` is made of, in order, when it is two or more of them.
fn pieces(title: &str, keys: &BTreeSet<String>) -> Option<Vec<String>> {
    fn rest(text: &str, keys: &BTreeSet<String>, depth: usize) -> Option<Vec<String>> {
        let known = |t: &str| keys.contains(&unit_key(t));
        if known(text) {
            return Some(vec![text.trim().to_owned()]);
        }
        if depth > 6 {
            return None;
        }
        let mut cuts: Vec<(usize, usize)> = SEPARATORS
            .iter()
            .flat_map(|sep| text.match_indices(sep).map(|(at, s)| (at, at + s.len())))
            .collect();
        cuts.sort_unstable();
        for (start, end) in cuts {
            let head = text[..start].trim();
            if !head.is_empty() && known(head) {
                let tail = text[end..].trim_start_matches([' ', ',', ';']);
                if let Some(mut more) = rest(tail, keys, depth + 1) {
                    more.insert(0, head.to_owned());
                    return Some(more);
                }
            }
        }
        None
    }
    let title = title.trim().trim_end_matches(['.', ':', ';', ',']);
    if keys.contains(&unit_key(title)) {
        return None;
    }
    rest(title, keys, 0).filter(|p| p.len() >= 2)
}

/// Splits each combined unit heading of the implementation part into its registered units.
pub fn split_combined(parsed: &mut Parsed, units: &[Unit]) {
    let keys: BTreeSet<String> = units
        .iter()
        .flat_map(|u| std::iter::once(&u.name).chain(&u.aliases))
        .map(|n| unit_key(n))
        .collect();
    if keys.is_empty() {
        return;
    }
    let mut kind = if parsed.doc_type == Some(DocType::OfficialLetter) {
        PartKind::Implementation
    } else {
        PartKind::Other
    };
    let blocks = std::mem::take(&mut parsed.body);
    let mut out = Vec::with_capacity(blocks.len());
    let mut i = 0;
    while i < blocks.len() {
        match &blocks[i] {
            Block::Part { title, .. } => kind = part_kind(title),
            Block::Item {
                number,
                title,
                line,
            } if kind == PartKind::Implementation => {
                let requested = fold_diacritics(title)
                    .to_lowercase()
                    .starts_with("de nghi ");
                let (prefix, name) = match title.char_indices().nth(8) {
                    Some((at, _)) if requested => title.split_at(at),
                    _ => ("", title.as_str()),
                };
                if let Some(names) = pieces(name, &keys) {
                    let end = (i + 1..blocks.len())
                        .find(|&k| matches!(blocks[k], Block::Item { .. } | Block::Part { .. }))
                        .unwrap_or(blocks.len());
                    for piece in names {
                        let title = if prefix.is_empty() {
                            super::parse::capitalise_first(&piece)
                        } else {
                            format!("{prefix}{piece}")
                        };
                        out.push(Block::Item {
                            number: number.clone(),
                            title,
                            line: *line,
                        });
                        out.extend(blocks[i + 1..end].iter().cloned());
                    }
                    i = end;
                    continue;
                }
            }
            _ => {}
        }
        out.push(blocks[i].clone());
        i += 1;
    }
    parsed.body = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|n| unit_key(n)).collect()
    }

    #[test]
    fn combined_headings_split_only_into_registered_names() {
        let k = keys(&[
            "Văn phòng HĐND và UBND phường",
            "Trung tâm Dịch vụ sự nghiệp công phường",
            "Ủy ban MTTQ Việt Nam phường",
            "Các tổ chức chính trị - xã hội phường",
            "Các tổ chức chính trị - xã hội",
            "Phòng Kinh tế, Hạ tầng và Đô thị phường",
        ]);
        assert_eq!(
            pieces(
                "Văn phòng HĐND và UBND phường; Trung tâm Dịch vụ sự nghiệp công phường",
                &k
            )
            .unwrap(),
            [
                "Văn phòng HĐND và UBND phường",
                "Trung tâm Dịch vụ sự nghiệp công phường"
            ]
        );
        assert_eq!(
            pieces(
                "Ủy ban MTTQ Việt Nam phường và các tổ chức chính trị - xã hội",
                &k
            )
            .unwrap(),
            [
                "Ủy ban MTTQ Việt Nam phường",
                "các tổ chức chính trị - xã hội"
            ]
        );
        assert_eq!(pieces("Phòng Kinh tế, Hạ tầng và Đô thị phường", &k), None);
        assert_eq!(pieces("Công an phường và Trạm Y tế phường", &k), None);
    }
}
