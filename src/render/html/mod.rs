//! The site's HTML pages, rendered in parallel with the theme's Tera templates.

mod jobs;
mod lists;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::derive::Derived;
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::render::inline::Linker;
use crate::render::view::{self, Link, OccurrenceView, SiteView};
use crate::render::{Renderer, Sink, Stats, Templates, benefit, template_diagnostic, urls};
pub use jobs::{Job, downloads, jobs, news_pages};

/// How many plans and news items the home page lists.
pub const HOME_LIST_LENGTH: usize = 5;

/// A month of the calendar page.
#[derive(Debug, Serialize)]
struct MonthView {
    number: u32,
    name: String,
    days: Vec<OccurrenceView>,
}

/// The pager of the news list.
#[derive(Debug, Serialize)]
struct Pager {
    current: usize,
    total: usize,
    previous: Option<String>,
    next: Option<String>,
    pages: Vec<Link>,
}

/// Renders the HTML pages and copies the theme's static files.
pub struct HtmlRenderer<'a> {
    /// Compiled templates.
    pub templates: &'a Templates,
}

impl HtmlRenderer<'_> {
    fn context(&self, site: &Site, derived: &Derived, job: Job, linker: &Linker<'_>) -> Context {
        let mut c = Context::new();
        c.insert("url", &job.url(site));
        let today = derived.build_date;
        match job {
            Job::Home => {
                let upcoming: Vec<OccurrenceView> = derived
                    .upcoming
                    .iter()
                    .map(|o| view::occurrence_view(site, o, today))
                    .collect();
                c.insert("upcoming", &upcoming);
                let plans: Vec<_> = site
                    .plans
                    .iter()
                    .take(HOME_LIST_LENGTH)
                    .map(view::plan_summary)
                    .collect();
                c.insert("plans", &plans);
                let news: Vec<_> = site
                    .news
                    .iter()
                    .take(HOME_LIST_LENGTH)
                    .map(|a| view::article_view(site, a, urls::news(&a.slug), &[], None))
                    .collect();
                c.insert("news", &news);
                c.insert("benefits", &benefit::all_links(site));
                c.insert("plan_count", &site.plans.len());
                c.insert("unit_count", &site.units.len());
                c.insert("policy_count", &site.legal.len());
            }
            Job::PlanList => {
                let plans: Vec<_> = site.plans.iter().map(view::plan_summary).collect();
                c.insert("plans", &plans);
            }
            Job::Plan(i) | Job::PlanPrint(i) => {
                c.insert("plan", &view::plan_view(site, derived, i, linker));
                c.insert(
                    "benefits",
                    &benefit::links(site, &derived.benefits_of.plans[i]),
                );
            }
            Job::UnitList => {
                c.insert("units", &lists::unit_rows(site, derived));
            }
            Job::Unit(i) => c.insert("unit", &view::unit_view(site, derived, i, linker)),
            Job::PolicyList => {
                let rows = lists::policy_rows(site, derived);
                c.insert("policies", &rows);
                c.insert("policy_groups", &lists::policy_groups(site, &rows));
                c.insert("policy_years", &lists::policy_years(site, &rows));
            }
            Job::Policy(i) => {
                c.insert("policy", &view::policy_view(site, derived, i));
                c.insert(
                    "benefits",
                    &benefit::links(site, &derived.benefits_of.policies[i]),
                );
                let id = &site.legal[i].id;
                let questions: Vec<Link> = site
                    .questions
                    .iter()
                    .filter(|q| q.policies.contains(id))
                    .map(|q| Link {
                        title: q.question.clone(),
                        url: urls::question(&q.slug),
                    })
                    .collect();
                c.insert("questions", &questions);
            }
            Job::ProcedureList => c.insert("groups", &view::procedure_groups(site)),
            Job::English => {}
            Job::BudgetList => {
                let tables: Vec<_> = site
                    .budgets
                    .iter()
                    .map(crate::render::budget::budget_view)
                    .collect();
                c.insert("budgets", &tables);
            }
            Job::Budget(i) => {
                c.insert(
                    "budget",
                    &crate::render::budget::budget_view(&site.budgets[i]),
                );
            }
            Job::QuestionList => {
                let questions: Vec<_> = site
                    .questions
                    .iter()
                    .map(|q| view::question_view(site, q, linker))
                    .collect();
                c.insert("questions", &questions);
            }
            Job::Calendar => {
                let months: Vec<MonthView> = (1..=12)
                    .map(|m| MonthView {
                        number: m,
                        name: crate::locale::format::month_name(m),
                        days: derived
                            .calendar
                            .iter()
                            .filter(|o| chrono::Datelike::month(&o.start) == m)
                            .map(|o| view::occurrence_view(site, o, today))
                            .collect(),
                    })
                    .collect();
                c.insert("months", &months);
            }
            Job::Day(i) => {
                c.insert("day", &view::day_view(site, derived, i));
                c.insert(
                    "benefits",
                    &benefit::links(site, &derived.benefits_of.days[i]),
                );
            }
            Job::BenefitList => c.insert("groups", &benefit::groups(site)),
            Job::Benefit(i) => c.insert("benefit", &benefit::benefit_view(site, i, linker)),
            Job::NewsList(n) => {
                let per_page = site.config.news_per_page;
                let total = news_pages(site);
                let items: Vec<_> = site
                    .news
                    .iter()
                    .skip((n - 1) * per_page)
                    .take(per_page)
                    .map(|a| view::article_view(site, a, urls::news(&a.slug), &[], None))
                    .collect();
                c.insert("news", &items);
                c.insert(
                    "pager",
                    &Pager {
                        current: n,
                        total,
                        previous: (n > 1).then(|| urls::news_page(n - 1)),
                        next: (n < total).then(|| urls::news_page(n + 1)),
                        pages: (1..=total)
                            .map(|k| Link {
                                title: k.to_string(),
                                url: urls::news_page(k),
                            })
                            .collect(),
                    },
                );
            }
            Job::News(i) => {
                let a = &site.news[i];
                c.insert(
                    "article",
                    &view::article_view(
                        site,
                        a,
                        urls::news(&a.slug),
                        &derived.news_citations[i],
                        Some(linker),
                    ),
                );
            }
            Job::Page(i) => {
                let a = &site.pages[i];
                c.insert(
                    "article",
                    &view::article_view(
                        site,
                        a,
                        urls::page(&a.slug),
                        &derived.page_citations[i],
                        Some(linker),
                    ),
                );
            }
            Job::Contact => {
                if let Some(i) = site.pages.iter().position(|p| p.slug == "lien-he") {
                    let a = &site.pages[i];
                    c.insert(
                        "article",
                        &view::article_view(
                            site,
                            a,
                            urls::CONTACT.to_owned(),
                            &derived.page_citations[i],
                            Some(linker),
                        ),
                    );
                }
                let units: Vec<Link> = site
                    .units
                    .iter()
                    .map(|u| Link {
                        title: u.name.clone(),
                        url: urls::unit(&u.id),
                    })
                    .collect();
                c.insert("units", &units);
            }
            Job::NotFound => {}
        }
        c.insert("print", &super::print::links(site, job));
        use crate::render::share::{ShareKind, image_for};
        let own = match job {
            Job::News(i) => Some((ShareKind::News, site.news[i].slug.as_str())),
            Job::Plan(i) | Job::PlanPrint(i) => {
                Some((ShareKind::Plan, site.plans[i].slug.as_str()))
            }
            Job::Day(i) => Some((ShareKind::Day, site.days[i].id.as_str())),
            Job::Benefit(i) => Some((ShareKind::Benefit, site.benefits[i].slug.as_str())),
            _ => None,
        };
        c.insert("share_image", &image_for(site, own));
        c
    }

    /// Renders `jobs` into `sink` in parallel; returns how many pages were written. Every page
    /// that fails is reported (one problem once).
    pub fn render_jobs(
        &self,
        site: &Site,
        derived: &Derived,
        jobs: &[Job],
        sink: &dyn Sink,
    ) -> Result<usize, Vec<Diagnostic>> {
        let mut tera = self.templates.tera.clone();
        tera.global_context()
            .insert("site", &SiteView::new(site, derived));
        let linker = Linker {
            citations: &derived.citations,
            legal: &site.legal,
            photos: &site.photos,
            source: None,
        };
        // A plan's page and its print page show the same document: when both are asked for
        // (always, in a full build), the plan is turned into HTML once for the two.
        let mut work: Vec<(Job, Option<Job>)> = Vec::with_capacity(jobs.len());
        for &job in jobs {
            match (work.last_mut(), job) {
                (Some((Job::Plan(p), print @ None)), Job::PlanPrint(q)) if *p == q => {
                    *print = Some(job)
                }
                _ => work.push((job, None)),
            }
        }
        // Each worker renders into one reused buffer; templates and escaped text are UTF-8 already,
        // so the page goes to the sink as bytes without a second validation.
        let errors: Vec<Diagnostic> = work
            .par_iter()
            .map_init(Vec::new, |html: &mut Vec<u8>, &(job, same_document)| {
                let mut context = self.context(site, derived, job, &linker);
                let mut errors = Vec::new();
                for (n, job) in std::iter::once(job).chain(same_document).enumerate() {
                    let url = job.url(site);
                    if n > 0 {
                        context.insert("url", &url);
                        context.insert("print", &super::print::links(site, job));
                    }
                    html.clear();
                    let result = tera
                        .render_to(job.template(), &context, &mut *html)
                        .map_err(|e| template_diagnostic(&e, &self.templates.paths, Some(&url)))
                        .and_then(|()| {
                            sink.put(&urls::file_for(&url), html).map_err(|e| {
                                Diagnostic::error("output_error", None)
                                    .arg("path", url.clone())
                                    .arg("reason", e.to_string())
                            })
                        });
                    errors.extend(result.err());
                }
                errors
            })
            .flatten_iter()
            .collect();
        if errors.is_empty() {
            Ok(jobs.len())
        } else {
            Err(errors)
        }
    }
}

impl Renderer for HtmlRenderer<'_> {
    fn name(&self) -> &'static str {
        "html"
    }

    fn render(
        &self,
        site: &Site,
        derived: &Derived,
        sink: &dyn Sink,
    ) -> Result<Stats, Vec<Diagnostic>> {
        let jobs = jobs(site);
        let errors = match self.render_jobs(site, derived, &jobs, sink) {
            Ok(_) => Vec::new(),
            Err(e) => e,
        };
        let mut static_errors = Vec::new();
        for (path, bytes) in &site.theme.static_files {
            let target = format!("{}{}", urls::STATIC.trim_start_matches('/'), path);
            if let Err(e) = sink.put(&target, bytes) {
                static_errors.push(
                    Diagnostic::error("output_error", None)
                        .arg("path", target)
                        .arg("reason", e.to_string()),
                );
            }
        }
        let files = downloads(site);
        for (url, bytes) in &files {
            let target = urls::file_for(url);
            if let Err(e) = sink.put(&target, bytes) {
                static_errors.push(super::write_error(&target, &e));
            }
        }
        if errors.is_empty() && static_errors.is_empty() {
            Ok(Stats {
                pages: jobs.len(),
                files: jobs.len() + site.theme.static_files.len() + files.len(),
            })
        } else {
            let mut all = errors;
            all.extend(static_errors);
            // One broken template fails every page that uses it: report each distinct problem once.
            all.sort_by_key(|d| (d.location.clone(), d.args.clone()));
            all.dedup_by(|a, b| a.location == b.location && a.code == b.code);
            Err(all)
        }
    }
}
