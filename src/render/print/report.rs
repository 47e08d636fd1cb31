//! The periodic report (báo cáo quý) as a document in the Nghị định 30/2020 layout: the data
//! `bao-cao.typ` receives. The written narrative comes as blocks; the generated sections (key
//! figures with their changes, every plan target with its status, the charts, the appendix by
//! residential group, the figures the period lacks) come from [`ReportData`] as derived. No
//! wording here: the template owns the words.

use chrono::{Days, NaiveDate};
use serde_json::{Value, json};

use crate::derive::Derived;
use crate::derive::charts;
use crate::derive::stats::ReportData;
use crate::load::markdown::{Piece, pieces};
use crate::model::stats::ReportText;
use crate::model::{DocType, Site};

use super::data::{Heading, blocks, runs, site_data};

/// The narrative as print blocks: its headings as headings, the rest as written.
fn narrative(body: &str) -> Vec<Value> {
    pieces(body, &|_| 0)
        .into_iter()
        .flat_map(|piece| match piece {
            Piece::Heading { text, .. } => vec![json!({"kind": "h", "runs": runs(&text.markdown)})],
            Piece::Block(block) => blocks(std::slice::from_ref(&block)),
        })
        .collect()
}

/// The date a report's PDF carries: its issue date (the first day of what is filled in), else
/// the day after the period it reports on. Never the clock.
pub fn report_date(report: &ReportText) -> NaiveDate {
    report.date.earliest().unwrap_or_else(|| {
        let end = report.period.last_day();
        end.checked_add_days(Days::new(1)).unwrap_or(end)
    })
}

/// The data of report `r`, with its charts naming `font_family` (the family the PDF embeds).
pub fn report_data(site: &Site, derived: &Derived, r: usize, font_family: &str) -> Value {
    let report = &site.stats.reports[r];
    let data: &ReportData = &derived.stats.reports[r];
    let charts: Vec<Value> = data
        .charts
        .iter()
        .map(|c| {
            json!({
                "title": c.title,
                "description": c.description,
                "svg": charts::for_print(&c.print_svg, font_family),
            })
        })
        .collect();
    let targets: Vec<Value> = data
        .targets
        .iter()
        .map(|t| {
            json!({
                "text": t.text,
                "plan_title": t.plan_title,
                "goal_text": t.progress.goal_text,
                "deadline_text": t.progress.deadline_text,
                "value_text": t.progress.value_text,
                "period": t.progress.period,
                "status": t.progress.status,
            })
        })
        .collect();
    let mut problems = narrative(&data.narrative.problems);
    let mut direction = narrative(&data.narrative.direction);
    // The last written paragraph goes with the signature block, never leaving it alone on a page.
    let last = if direction.is_empty() {
        &mut problems
    } else {
        &mut direction
    };
    let tail: Vec<Value> = match last.last() {
        Some(b) if b["kind"] == "p" => last.pop().into_iter().collect(),
        _ => Vec::new(),
    };
    json!({
        "site": site_data(site),
        "doc": Heading {
            doc_type: DocType::Report,
            parent_body: &site.config.parent_body,
            issuing_body: &site.config.issuing_body,
            number: &report.number,
            symbol: &report.symbol,
            place: &report.place,
            date: report.date,
            subject: &report.subject,
            addressees: &report.addressees,
            recipients: &report.recipients,
            signer: &report.signer,
            draft: false,
        }
        .fields(),
        "report": {
            "title": report.title,
            "period": data.period_text,
            "results": narrative(&data.narrative.results),
            "problems": problems,
            "direction": direction,
            "tail": tail,
            "key_figures": data.key_figures,
            "missing": data.missing,
            "targets": targets,
            "charts": charts,
            "appendix": data.appendix,
            "area_kind": site.config.area_kind,
            "threshold": site.stats.threshold,
            "illustrative": site.stats.illustrative,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_narrative_keeps_headings_and_paragraphs_in_order() {
        let b = narrative("## Tình hình chung\n\nĐoạn **một**.\n\n- ý a\n- ý b\n");
        assert_eq!(b.len(), 3);
        assert_eq!(b[0]["kind"], "h");
        assert_eq!(b[0]["runs"][0]["t"], "Tình hình chung");
        assert_eq!(b[1]["kind"], "p");
        assert_eq!(b[1]["runs"][1]["b"], true);
        assert_eq!(b[2]["kind"], "list");
    }

    #[test]
    fn print_charts_name_the_document_font_and_a_fixed_size() {
        let web = r#"<svg width="100%" preserveAspectRatio="xMidYMid meet" role="img" font-family="Noto Sans, sans-serif" viewBox="0 0 720 360"><text font-family="Noto Sans, sans-serif">QI/26</text></svg>"#;
        let print = charts::for_print(web, "Libertinus Serif");
        assert!(!print.contains("Noto Sans"), "{print}");
        assert_eq!(print.matches("font-family=\"Libertinus Serif\"").count(), 2);
        assert!(print.contains("width=\"720\" height=\"360\""), "{print}");
    }
}
