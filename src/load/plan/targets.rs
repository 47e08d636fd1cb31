//! Targets (chỉ tiêu) of a plan: the figure, unit and comparison a target sentence states, its
//! deadline, the targets of the `Mục tiêu` part, and the annotations of the front matter that tie
//! a target to an indicator.

use std::sync::LazyLock;

use regex::Regex;

use super::RawTarget;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::locale::fold_diacritics;
use crate::model::{
    Block, BlockKind, Comparison, Document, Inline, Item, PartKind, PartialDate, Target,
};

static DEADLINE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:đến|tới|trước)\s+(?:hết\s+)?năm\s+(\d{4})").expect("valid regex")
});
static VALUE_AFTER_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:đạt|ít nhất|tối thiểu|trên|từ)\s+(\d+(?:,\d+)?)\s*(%|[\p{L}]+)?")
        .expect("valid regex")
});
static PERCENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d+(?:,\d+)?)\s*%").expect("valid regex"));
static NONE_LEFT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:không còn|không để)\b").expect("valid regex"));

pub(super) fn parse_number(text: &str) -> Option<f64> {
    text.replace('.', "").replace(',', ".").parse().ok()
}

/// Reads the figure, unit and comparison a target sentence states.
pub(super) fn read_target_figure(text: &str) -> (Option<f64>, Option<String>, Comparison) {
    if let Some(c) = VALUE_AFTER_VERB.captures(text) {
        let unit = c.get(2).map(|u| u.as_str().to_owned());
        return (parse_number(&c[1]), unit, Comparison::AtLeast);
    }
    if let Some(c) = PERCENT.captures(text) {
        return (
            parse_number(&c[1]),
            Some("%".to_owned()),
            Comparison::AtLeast,
        );
    }
    if NONE_LEFT.is_match(text) {
        return (Some(0.0), None, Comparison::AtMost);
    }
    (None, None, Comparison::AtLeast)
}

pub(super) fn deadline_in(text: &str) -> Option<PartialDate> {
    DEADLINE_YEAR.captures(text).map(|c| PartialDate {
        year: c[1].parse().ok(),
        month: None,
        day: None,
    })
}

pub(super) fn target_from(text: &Inline, line: usize, deadline: Option<PartialDate>) -> Target {
    let (value, unit, comparison) = read_target_figure(&text.plain);
    Target {
        text: text.clone(),
        line,
        value,
        unit,
        comparison,
        deadline: deadline_in(&text.plain).or(deadline),
        indicator: None,
    }
}

pub(super) fn targets_in_blocks(
    blocks: &[Block],
    deadline: Option<PartialDate>,
    out: &mut Vec<Target>,
) {
    for block in blocks {
        match &block.kind {
            BlockKind::List(list) => {
                for item in &list.items {
                    out.push(target_from(&item.text, item.line, deadline));
                }
            }
            BlockKind::Paragraph { text } if read_target_figure(&text.plain).0.is_some() => {
                out.push(target_from(text, block.line, deadline));
            }
            BlockKind::Table(table) => {
                super::table_targets::table_targets(table, block.line, deadline, out)
            }
            _ => {}
        }
    }
}

/// Targets: the bullets (or figures) of target parts. Where a target part has items titled
/// "chỉ tiêu", only those items hold targets (the others are general aims).
pub(super) fn find_targets(body: &Document, plan_date: PartialDate) -> Vec<Target> {
    let plan_deadline = plan_date.year.map(|year| PartialDate {
        year: Some(year),
        month: None,
        day: None,
    });
    let mut targets = Vec::new();
    for part in body.parts.iter().filter(|p| p.kind == PartKind::Targets) {
        let part_deadline = deadline_in(&part.title).or(plan_deadline);
        let titled: Vec<&Item> = part
            .items
            .iter()
            .filter(|i| {
                fold_diacritics(&i.title.plain)
                    .to_lowercase()
                    .contains("chi tieu")
            })
            .collect();
        if titled.is_empty() {
            targets_in_blocks(&part.intro, part_deadline, &mut targets);
            for item in &part.items {
                targets_in_blocks(
                    &item.blocks,
                    deadline_in(&item.title.plain).or(part_deadline),
                    &mut targets,
                );
            }
        } else {
            for item in titled {
                targets_in_blocks(
                    &item.blocks,
                    deadline_in(&item.title.plain).or(part_deadline),
                    &mut targets,
                );
            }
        }
    }
    targets
}

pub(super) fn apply_target_annotation(
    raw: &RawTarget,
    location: &Location,
    targets: &mut [Target],
    diagnostics: &mut Diagnostics,
) {
    let wanted = fold_diacritics(raw.khop.trim()).to_lowercase();
    let Some(target) = targets.iter_mut().find(|t| {
        !wanted.is_empty()
            && fold_diacritics(&t.text.plain)
                .to_lowercase()
                .contains(&wanted)
    }) else {
        diagnostics.push(
            Diagnostic::error("plan_target_unmatched", Some(location.clone()))
                .field("khop")
                .arg("text", raw.khop.clone()),
        );
        return;
    };
    if let Some(indicator) = &raw.chi_so {
        target.indicator = Some(indicator.trim().to_owned());
    }
    if let Some(value) = raw.gia_tri {
        target.value = Some(value);
    }
    if let Some(unit) = &raw.don_vi {
        target.unit = Some(unit.clone());
    }
    if let Some(deadline) = &raw.han {
        match PartialDate::parse(deadline) {
            Some(d) => target.deadline = Some(d),
            None => diagnostics.push(
                Diagnostic::error("date_invalid", Some(location.clone()))
                    .field("han")
                    .arg("value", deadline.clone()),
            ),
        }
    }
    match raw.so_sanh.as_deref().map(str::trim) {
        None => {}
        Some("toi_thieu") => target.comparison = Comparison::AtLeast,
        Some("toi_da") => target.comparison = Comparison::AtMost,
        Some(other) => diagnostics.push(
            Diagnostic::error("comparison_invalid", Some(location.clone()))
                .field("so_sanh")
                .arg("value", other.to_owned()),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn target_figures() {
        assert_eq!(
            read_target_figure("Tỷ lệ người dân tham gia bảo hiểm y tế đạt 96%."),
            (Some(96.0), Some("%".into()), Comparison::AtLeast)
        );
        assert_eq!(
            read_target_figure("100% đối tượng bảo trợ xã hội đủ điều kiện được hưởng trợ cấp"),
            (Some(100.0), Some("%".into()), Comparison::AtLeast)
        );
        assert_eq!(
            read_target_figure("Duy trì không còn hộ nghèo theo chuẩn nghèo đa chiều."),
            (Some(0.0), None, Comparison::AtMost)
        );
        assert_eq!(
            read_target_figure("Thực hiện có hiệu quả các chương trình nhà ở xã hội."),
            (None, None, Comparison::AtLeast)
        );
        assert_eq!(read_target_figure("đạt 96,5%").0, Some(96.5));
    }
}
