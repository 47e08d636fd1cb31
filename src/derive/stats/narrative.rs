//! The written narrative of a periodic report, in the order a report is read: what was done
//! (with the figures loa computes after it), then the problems met, then the direction for the
//! next period. Staff write the sections in any order; each top-level section is placed by its
//! heading (`## Khó khăn, vướng mắc`, `## Phương hướng quý IV`), text before any heading counting
//! as results.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag};
use serde::Serialize;

use crate::locale::slug::fold_diacritics;

/// Where a section of a report stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Results (tình hình, kết quả): before the computed figures.
    Results,
    /// Problems (khó khăn, vướng mắc, tồn tại, hạn chế): after the figures.
    Problems,
    /// Direction (phương hướng, nhiệm vụ tới, kiến nghị, đề xuất): last, before the signature.
    Direction,
}

/// The narrative as three Markdown texts, each the sections of one role in the order written.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Narrative {
    /// Results (and anything before the first heading).
    pub results: String,
    /// Problems met.
    pub problems: String,
    /// Direction and recommendations.
    pub direction: String,
}

/// The role of a section from its heading's words (marks folded, any case).
pub fn role(heading: &str) -> Role {
    let words = fold_diacritics(heading).to_lowercase();
    let has = |list: &[&str]| list.iter().any(|w| words.contains(w));
    if has(&[
        "kho khan",
        "vuong mac",
        "ton tai",
        "han che",
        "bat cap",
        "nguyen nhan",
    ]) {
        Role::Problems
    } else if has(&["ket qua", "tinh hinh", "da lam", "da thuc hien"]) {
        Role::Results
    } else if has(&[
        "phuong huong",
        "nhiem vu",
        "ke hoach",
        "giai phap",
        "de xuat",
        "kien nghi",
        "thoi gian toi",
        "trong tam",
    ]) {
        Role::Direction
    } else {
        Role::Results
    }
}

/// Splits `body` at its top-level headings (the highest level it uses) and gathers the sections
/// by role.
pub fn ordered(body: &str) -> Narrative {
    let mut headings: Vec<(HeadingLevel, usize, String)> = Vec::new();
    let mut open: Option<(HeadingLevel, usize, String)> = None;
    for (event, range) in Parser::new_ext(body, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                open = Some((level, range.start, String::new()))
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, _, words)) = open.as_mut() {
                    words.push_str(&text);
                }
            }
            Event::End(pulldown_cmark::TagEnd::Heading(_)) => headings.extend(open.take()),
            _ => {}
        }
    }
    let Some(top) = headings.iter().map(|(level, ..)| *level).min() else {
        return Narrative {
            results: body.to_owned(),
            ..Narrative::default()
        };
    };
    let starts: Vec<(usize, Role)> = headings
        .into_iter()
        .filter(|(level, ..)| *level == top)
        .map(|(_, start, words)| (start, role(&words)))
        .collect();
    let mut narrative = Narrative {
        results: body[..starts[0].0].to_owned(),
        ..Narrative::default()
    };
    for (n, (start, role)) in starts.iter().enumerate() {
        let end = starts.get(n + 1).map_or(body.len(), |(next, _)| *next);
        let target = match role {
            Role::Results => &mut narrative.results,
            Role::Problems => &mut narrative.problems,
            Role::Direction => &mut narrative.direction,
        };
        if !target.is_empty() && !target.ends_with("\n\n") {
            target.push_str(if target.ends_with('\n') { "\n" } else { "\n\n" });
        }
        target.push_str(&body[*start..end]);
    }
    narrative
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_placed_by_their_heading() {
        assert_eq!(role("Tình hình chung"), Role::Results);
        assert_eq!(role("Kết quả thực hiện nhiệm vụ"), Role::Results);
        assert_eq!(role("Khó khăn, vướng mắc"), Role::Problems);
        assert_eq!(role("Tồn tại, hạn chế và nguyên nhân"), Role::Problems);
        assert_eq!(role("Phương hướng quý IV năm 2026"), Role::Direction);
        assert_eq!(role("NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI"), Role::Direction);
        assert_eq!(role("Đề xuất, kiến nghị"), Role::Direction);
        assert_eq!(role("Công tác chi trả"), Role::Results);
    }

    #[test]
    fn a_report_written_out_of_order_is_read_results_problems_direction() {
        let body = "Mở đầu.\n\n## Phương hướng quý IV\n\nTổ chức mừng thọ.\n\n### Cụ thể\n\n- rà soát\n\n## Tình hình chung\n\nĐã chi trả.\n\n## Khó khăn, vướng mắc\n\nNgười cao tuổi chưa quen tài khoản.\n\n## Kiến nghị\n\nĐề nghị cấp kinh phí.\n";
        let n = ordered(body);
        assert_eq!(
            n.results,
            "Mở đầu.\n\n## Tình hình chung\n\nĐã chi trả.\n\n"
        );
        assert_eq!(
            n.problems,
            "## Khó khăn, vướng mắc\n\nNgười cao tuổi chưa quen tài khoản.\n\n"
        );
        // A subsection stays with its section; sections of one role keep the order written.
        assert_eq!(
            n.direction,
            "## Phương hướng quý IV\n\nTổ chức mừng thọ.\n\n### Cụ thể\n\n- rà soát\n\n## Kiến nghị\n\nĐề nghị cấp kinh phí.\n"
        );
    }

    #[test]
    fn a_narrative_without_headings_is_all_results() {
        let n = ordered("Một đoạn.\n\nHai đoạn.\n");
        assert_eq!(n.results, "Một đoạn.\n\nHai đoạn.\n");
        assert!(n.problems.is_empty() && n.direction.is_empty());
    }
}
