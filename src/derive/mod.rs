//! Derive: what the build computes from the immutable [`Site`]: citations and who cites what,
//! each unit's duties across plans, the year's commemorative calendar and what is coming up.

pub mod bands;
pub mod budget;
pub mod calendar;
pub mod charts;
pub mod citation;
pub mod lunar;
pub mod stats;

use chrono::{Datelike, NaiveDate};

use crate::diagnostics::Location;
use crate::model::Site;
use calendar::Occurrence;
pub use citation::CitationIndex;

/// Something that cites a legal document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Citer {
    /// A plan, by index in `Site::plans`.
    Plan(usize),
    /// A news item, by index in `Site::news`.
    News(usize),
    /// A page, by index in `Site::pages`.
    Page(usize),
    /// A commemorative day (its related policies), by index in `Site::days`.
    Day(usize),
}

/// A citation of a document that the registry does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnresolvedCitation {
    /// Where it is.
    pub location: Location,
    /// The citation as written.
    pub text: String,
    /// What to register it as: the number/symbol as written (stray spaces dropped), or the key of
    /// a name.
    pub key: String,
}

/// What an unresolved citation is registered as: its symbol as written, spaces dropped
/// (`57/KH- SYT` -> `57/KH-SYT`, never upper-cased), else its key.
fn register_as(text: &str, citation: &citation::Citation) -> String {
    match &citation.symbol {
        Some(symbol) => text[symbol.clone()].split_whitespace().collect(),
        None => citation.key.clone(),
    }
}

/// Everything derived from the site.
#[derive(Debug)]
pub struct Derived {
    /// The date the build is for (`--date`, else today).
    pub build_date: NaiveDate,
    /// Citation finder and registry lookup.
    pub citations: CitationIndex,
    /// Legal documents cited by each plan (indices into `Site::legal`), in order of first citation.
    pub plan_citations: Vec<Vec<usize>>,
    /// Legal documents cited by each news item.
    pub news_citations: Vec<Vec<usize>>,
    /// Legal documents cited by each page.
    pub page_citations: Vec<Vec<usize>>,
    /// For each legal document, who cites it.
    pub cited_by: Vec<Vec<Citer>>,
    /// For each unit, its assignments as `(plan index, assignment index)`.
    pub unit_duties: Vec<Vec<(usize, usize)>>,
    /// Assignments whose body is not in the unit registry: `(plan index, assignment index)`.
    pub unregistered_assignments: Vec<(usize, usize)>,
    /// The build year's commemorative calendar.
    pub calendar: Vec<Occurrence>,
    /// The next year's (for the subscription file).
    pub next_calendar: Vec<Occurrence>,
    /// Days running now or coming up within the configured window.
    pub upcoming: Vec<Occurrence>,
    /// For each day (by index), the occurrence its print products and script are for: the one
    /// running on the build date, else the next.
    pub next: Vec<Option<Occurrence>>,
    /// Citations the registry lacks (reported as warnings).
    pub unresolved: Vec<UnresolvedCitation>,
    /// Statistics: roll-ups, target progress, campaign results, reports.
    pub stats: stats::StatsDerived,
    /// The benefits each plan, day and policy concerns.
    pub benefits_of: BenefitLinks,
    /// Lead photos of printed products at print resolution (JPEG), by the photo's digest: made
    /// by the media step before the print renderer runs (`media::prepare_print`); empty until then.
    pub print_photos: std::collections::BTreeMap<String, std::sync::Arc<Vec<u8>>>,
}

/// For each plan, day and legal document (by index), the benefits (indices into
/// `Site::benefits`) that name it, in front-door order.
#[derive(Debug, Clone, Default)]
pub struct BenefitLinks {
    /// By plan.
    pub plans: Vec<Vec<usize>>,
    /// By commemorative day.
    pub days: Vec<Vec<usize>>,
    /// By legal document.
    pub policies: Vec<Vec<usize>>,
}

impl BenefitLinks {
    /// Who names what, from the benefits' validated references.
    pub fn new(site: &Site) -> BenefitLinks {
        let mut links = BenefitLinks {
            plans: vec![Vec::new(); site.plans.len()],
            days: vec![Vec::new(); site.days.len()],
            policies: vec![Vec::new(); site.legal.len()],
        };
        // Position of each plan, day and policy by the name a benefit gives it.
        fn index<'a>(
            names: impl Iterator<Item = &'a str>,
        ) -> std::collections::HashMap<&'a str, usize> {
            names.enumerate().map(|(i, n)| (n, i)).collect()
        }
        let plans = index(site.plans.iter().map(|p| p.slug.as_str()));
        let days = index(site.days.iter().map(|d| d.id.as_str()));
        let policies = index(site.legal.iter().map(|l| l.id.as_str()));
        for (b, benefit) in site.benefits.iter().enumerate() {
            for (names, targets, list) in [
                (&benefit.plans, &plans, &mut links.plans),
                (&benefit.days, &days, &mut links.days),
                (&benefit.policies, &policies, &mut links.policies),
            ] {
                for name in names {
                    if let Some(&i) = targets.get(name.as_str()) {
                        push_unique(&mut list[i], b);
                    }
                }
            }
        }
        links
    }
}

fn push_unique(list: &mut Vec<usize>, value: usize) {
    if !list.contains(&value) {
        list.push(value);
    }
}

/// The registry entries one text cites (in order of first citation) and its unresolved citations.
type Scanned = (Vec<usize>, Vec<UnresolvedCitation>);

/// Citations in one plan's body and closing.
fn scan_plan(index: &CitationIndex, plan: &crate::model::Plan) -> Scanned {
    let mut found = Vec::new();
    let mut unresolved = Vec::new();
    let mut visit = |text: &crate::model::Inline, line: usize| {
        for (citation, entry) in index.find(&text.plain) {
            match entry {
                Some(i) => push_unique(&mut found, i),
                None => unresolved.push(UnresolvedCitation {
                    location: Location::new(&plan.source, line, 1),
                    text: text.plain[citation.start..citation.end].to_owned(),
                    key: register_as(&text.plain, &citation),
                }),
            }
        }
    };
    plan.body.for_each_inline(&mut visit);
    for closing in &plan.closing {
        visit(closing, 1);
    }
    (found, unresolved)
}

/// Citations in one news item or page, located at their line and column in its source file.
fn scan_article(index: &CitationIndex, article: &crate::model::Article) -> Scanned {
    let mut found = Vec::new();
    let mut unresolved = Vec::new();
    let body = &article.body;
    for (citation, entry) in index.find(body) {
        match entry {
            Some(i) => push_unique(&mut found, i),
            None => {
                let (line, column) = citation::line_col(body, citation.start);
                unresolved.push(UnresolvedCitation {
                    location: Location::new(&article.source, article.body_line + line - 1, column),
                    text: body[citation.start..citation.end].to_owned(),
                    key: register_as(body, &citation),
                });
            }
        }
    }
    (found, unresolved)
}

/// Each text's citations, found on every core, then recorded in the order of the texts (so the
/// result and the warnings do not depend on which core finished first).
fn collect_citations(
    scanned: Vec<Scanned>,
    citer: fn(usize) -> Citer,
    cited_by: &mut [Vec<Citer>],
    unresolved: &mut Vec<UnresolvedCitation>,
) -> Vec<Vec<usize>> {
    scanned
        .into_iter()
        .enumerate()
        .map(|(i, (found, missing))| {
            for &doc in &found {
                cited_by[doc].push(citer(i));
            }
            unresolved.extend(missing);
            found
        })
        .collect()
}

/// Computes everything derived from `site` for `build_date`. The citations, the statistics and
/// the calendar do not depend on one another and are computed side by side.
pub fn derive(site: &Site, build_date: NaiveDate) -> Derived {
    use rayon::prelude::*;
    let citations = CitationIndex::new(site);
    let ((plans, news, pages), stats) = rayon::join(
        || {
            let plans: Vec<Scanned> = site
                .plans
                .par_iter()
                .map(|plan| scan_plan(&citations, plan))
                .collect();
            let news: Vec<Scanned> = site
                .news
                .par_iter()
                .map(|article| scan_article(&citations, article))
                .collect();
            let pages: Vec<Scanned> = site
                .pages
                .iter()
                .map(|article| scan_article(&citations, article))
                .collect();
            (plans, news, pages)
        },
        || stats::derive(site, build_date),
    );
    let mut unresolved = Vec::new();
    let mut cited_by: Vec<Vec<Citer>> = vec![Vec::new(); site.legal.len()];
    let plan_citations = collect_citations(plans, Citer::Plan, &mut cited_by, &mut unresolved);
    let news_citations = collect_citations(news, Citer::News, &mut cited_by, &mut unresolved);
    let page_citations = collect_citations(pages, Citer::Page, &mut cited_by, &mut unresolved);
    for (d, day) in site.days.iter().enumerate() {
        for policy in &day.policies {
            if let Some(i) = citations.lookup(policy) {
                cited_by[i].push(Citer::Day(d));
            }
        }
    }

    let unit_index: std::collections::HashMap<&str, usize> = site
        .units
        .iter()
        .enumerate()
        .map(|(u, unit)| (unit.id.as_str(), u))
        .collect();
    let mut unit_duties = vec![Vec::new(); site.units.len()];
    let mut unregistered_assignments = Vec::new();
    for (p, plan) in site.plans.iter().enumerate() {
        for (a, assignment) in plan.assignments.iter().enumerate() {
            match assignment
                .unit_id
                .as_deref()
                .and_then(|id| unit_index.get(id))
            {
                Some(&u) => unit_duties[u].push((p, a)),
                None => unregistered_assignments.push((p, a)),
            }
        }
    }

    let year = build_date.year();
    Derived {
        build_date,
        plan_citations,
        news_citations,
        page_citations,
        cited_by,
        unit_duties,
        unregistered_assignments,
        calendar: calendar::year_calendar(&site.days, year),
        next_calendar: calendar::year_calendar(&site.days, year + 1),
        upcoming: calendar::upcoming(&site.days, build_date, site.config.upcoming_days),
        next: calendar::next_occurrences(&site.days, build_date),
        unresolved,
        citations,
        stats,
        benefits_of: BenefitLinks::new(site),
        print_photos: Default::default(),
    }
}

/// Recomputes the citations of news item `index` after it was edited in place (`loa serve`):
/// its list, who cites what, and its unresolved citations.
pub fn rescan_news(site: &Site, derived: &mut Derived, index: usize) {
    let article = &site.news[index];
    for citers in &mut derived.cited_by {
        citers.retain(|c| *c != Citer::News(index));
    }
    derived
        .unresolved
        .retain(|u| u.location.file != article.source);
    let (found, missing) = scan_article(&derived.citations, article);
    derived.unresolved.extend(missing);
    for &i in &found {
        derived.cited_by[i].push(Citer::News(index));
        // A full build lists plans, news, pages, days, each by index: the order of `Citer`.
        derived.cited_by[i].sort();
    }
    derived.news_citations[index] = found;
}
