//! The site's HTML pages, rendered in parallel with the theme's Tera templates.

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::derive::Derived;
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::render::inline::Linker;
use crate::render::view::{self, Link, OccurrenceView, SiteView};
use crate::render::{Renderer, Sink, Stats, Templates, benefit, template_diagnostic, urls};

/// How many plans and news items the home page lists.
pub const HOME_LIST_LENGTH: usize = 5;

/// One page to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    /// Home.
    Home,
    /// Plan list.
    PlanList,
    /// A plan page.
    Plan(usize),
    /// A plan's printable document.
    PlanPrint(usize),
    /// Unit list.
    UnitList,
    /// A unit page.
    Unit(usize),
    /// Policy registry.
    PolicyList,
    /// A policy page.
    Policy(usize),
    /// Administrative procedures, grouped by field (only when data/thu-tuc.toml lists some).
    ProcedureList,
    /// The page in English: the body, its functions and its officials' contacts.
    English,
    /// Questions and answers, and how to ask.
    QuestionList,
    /// Budget disclosures (only when data/ngan-sach has some).
    BudgetList,
    /// A budget disclosure table.
    Budget(usize),
    /// Calendar of the year.
    Calendar,
    /// A commemorative day page.
    Day(usize),
    /// Page n (1-based) of the news list.
    NewsList(usize),
    /// A news item.
    News(usize),
    /// A standing page.
    Page(usize),
    /// Contact page.
    Contact,
    /// The "Tôi cần..." front door.
    BenefitList,
    /// A benefit or service.
    Benefit(usize),
    /// The 404 page.
    NotFound,
}

/// Number of news list pages.
pub fn news_pages(site: &Site) -> usize {
    site.news.len().div_ceil(site.config.news_per_page).max(1)
}

/// Every page of the site.
pub fn jobs(site: &Site) -> Vec<Job> {
    let mut jobs = vec![
        Job::Home,
        Job::PlanList,
        Job::UnitList,
        Job::PolicyList,
        Job::Calendar,
        Job::Contact,
        Job::NotFound,
        Job::English,
        Job::QuestionList,
    ];
    if !site.procedures.is_empty() {
        jobs.push(Job::ProcedureList);
    }
    if !site.budgets.is_empty() {
        jobs.push(Job::BudgetList);
    }
    jobs.extend((0..site.budgets.len()).map(Job::Budget));
    jobs.extend((0..site.plans.len()).flat_map(|i| [Job::Plan(i), Job::PlanPrint(i)]));
    if !site.benefits.is_empty() {
        jobs.push(Job::BenefitList);
        jobs.extend((0..site.benefits.len()).map(Job::Benefit));
    }
    jobs.extend((0..site.units.len()).map(Job::Unit));
    jobs.extend((0..site.legal.len()).map(Job::Policy));
    jobs.extend((0..site.days.len()).map(Job::Day));
    jobs.extend((1..=news_pages(site)).map(Job::NewsList));
    jobs.extend((0..site.news.len()).map(Job::News));
    jobs.extend(
        (0..site.pages.len())
            .filter(|&i| site.pages[i].slug != "lien-he")
            .map(Job::Page),
    );
    jobs
}

impl Job {
    /// The page's address.
    pub fn url(self, site: &Site) -> String {
        match self {
            Job::Home => urls::HOME.to_owned(),
            Job::PlanList => urls::PLANS.to_owned(),
            Job::Plan(i) => urls::plan(&site.plans[i].slug),
            Job::PlanPrint(i) => urls::plan_print(&site.plans[i].slug),
            Job::UnitList => urls::UNITS.to_owned(),
            Job::Unit(i) => urls::unit(&site.units[i].id),
            Job::PolicyList => urls::POLICIES.to_owned(),
            Job::Policy(i) => urls::policy(&site.legal[i].id),
            Job::ProcedureList => urls::PROCEDURES.to_owned(),
            Job::English => urls::ENGLISH.to_owned(),
            Job::QuestionList => urls::QUESTIONS.to_owned(),
            Job::BudgetList => urls::BUDGETS.to_owned(),
            Job::Budget(i) => urls::budget(&site.budgets[i].slug),
            Job::Calendar => urls::CALENDAR.to_owned(),
            Job::Day(i) => urls::day(&site.days[i].id),
            Job::NewsList(n) => urls::news_page(n),
            Job::News(i) => urls::news(&site.news[i].slug),
            Job::Page(i) => urls::page(&site.pages[i].slug),
            Job::Contact => urls::CONTACT.to_owned(),
            Job::BenefitList => urls::BENEFITS.to_owned(),
            Job::Benefit(i) => urls::benefit(&site.benefits[i].slug),
            Job::NotFound => "/404.html".to_owned(),
        }
    }

    /// Whether the page belongs in the sitemap and feeds.
    pub fn is_public_listing(self) -> bool {
        !matches!(self, Job::NotFound | Job::PlanPrint(_))
    }

    fn template(self) -> &'static str {
        match self {
            Job::Home => "index.html",
            Job::PlanList => "plans.html",
            Job::Plan(_) => "plan.html",
            Job::PlanPrint(_) => "plan_print.html",
            Job::UnitList => "units.html",
            Job::Unit(_) => "unit.html",
            Job::PolicyList => "policies.html",
            Job::Policy(_) => "policy.html",
            Job::ProcedureList => "procedures.html",
            Job::English => "english.html",
            Job::QuestionList => "questions.html",
            Job::BudgetList => "budgets.html",
            Job::Budget(_) => "budget.html",
            Job::Calendar => "calendar.html",
            Job::Day(_) => "day.html",
            Job::NewsList(_) => "news_list.html",
            Job::News(_) => "article.html",
            Job::Page(_) => "page.html",
            Job::Contact => "contact.html",
            Job::BenefitList => "toi_can.html",
            Job::Benefit(_) => "quyen_loi.html",
            Job::NotFound => "404.html",
        }
    }
}

/// The files the site publishes as they were given, by address: the ward's logo, the benefits'
/// forms and the full texts of legal documents. What the build writes and what links are checked
/// against.
pub fn downloads(site: &Site) -> Vec<(String, &[u8])> {
    let mut out: Vec<(String, &[u8])> = Vec::new();
    if let Some(logo) = &site.config.logo {
        out.push((logo.url(), &logo.bytes[..]));
    }
    for b in &site.benefits {
        for form in &b.forms {
            out.push((
                urls::benefit_form(&b.slug, &form.file_name),
                &form.bytes[..],
            ));
        }
    }
    for doc in &site.legal {
        if let Some(file) = &doc.download {
            out.push((urls::policy_file(&doc.id, &file.file_name), &file.bytes[..]));
        }
    }
    out
}

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

/// A unit in the unit list.
#[derive(Debug, Serialize)]
struct UnitRow {
    url: String,
    name: String,
    kind: String,
    plan_count: usize,
    duty_count: usize,
}

/// A policy in the registry list.
#[derive(Debug, Serialize)]
struct PolicyRow {
    url: String,
    name: String,
    kind: String,
    title: String,
    date_text: String,
    status: String,
    /// When it takes effect, in words; empty when not known.
    effective_text: String,
    /// Its full text to download.
    download: Option<String>,
    citer_count: usize,
}

/// The policies of one type (Luật, Nghị định, ...), newest first, under an anchor.
#[derive(Debug, Serialize)]
struct PolicyGroup<'a> {
    kind: String,
    anchor: String,
    rows: Vec<&'a PolicyRow>,
}

/// The policy list grouped by type, types in the order the registry first names them, each
/// group newest first (a document search that needs no script: jump to a type, then read down).
fn policy_groups<'a>(site: &Site, rows: &'a [PolicyRow]) -> Vec<PolicyGroup<'a>> {
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, d) in site.legal.iter().enumerate() {
        match groups.iter_mut().find(|(k, _)| *k == d.kind) {
            Some((_, members)) => members.push(i),
            None => groups.push((d.kind.clone(), vec![i])),
        }
    }
    groups
        .into_iter()
        .map(|(kind, mut members)| {
            members.sort_by(|&a, &b| {
                site.legal[b]
                    .date
                    .earliest()
                    .cmp(&site.legal[a].date.earliest())
            });
            PolicyGroup {
                anchor: format!("loai-{}", crate::locale::slugify(&kind)),
                kind,
                rows: members.into_iter().map(|i| &rows[i]).collect(),
            }
        })
        .collect()
}

/// The policies by year of issue, newest year first, each year under an anchor.
#[derive(Debug, Serialize)]
struct PolicyYear {
    year: i32,
    anchor: String,
    links: Vec<Link>,
}

fn policy_years(site: &Site, rows: &[PolicyRow]) -> Vec<PolicyYear> {
    let mut years: std::collections::BTreeMap<i32, Vec<Link>> = Default::default();
    for (d, row) in site.legal.iter().zip(rows) {
        if let Some(year) = d.date.year {
            years.entry(year).or_default().push(Link {
                title: row.name.clone(),
                url: row.url.clone(),
            });
        }
    }
    years
        .into_iter()
        .rev()
        .map(|(year, links)| PolicyYear {
            year,
            anchor: format!("nam-{year}"),
            links,
        })
        .collect()
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
                let rows: Vec<UnitRow> = site
                    .units
                    .iter()
                    .enumerate()
                    .map(|(i, u)| {
                        let duties = &derived.unit_duties[i];
                        let mut plans: Vec<usize> = duties.iter().map(|(p, _)| *p).collect();
                        plans.dedup();
                        UnitRow {
                            url: urls::unit(&u.id),
                            name: u.name.clone(),
                            kind: u.kind.clone(),
                            plan_count: plans.len(),
                            duty_count: duties
                                .iter()
                                .map(|&(p, a)| site.plans[p].assignments[a].duties.len())
                                .sum(),
                        }
                    })
                    .collect();
                c.insert("units", &rows);
            }
            Job::Unit(i) => c.insert("unit", &view::unit_view(site, derived, i, linker)),
            Job::PolicyList => {
                let rows: Vec<PolicyRow> = site
                    .legal
                    .iter()
                    .enumerate()
                    .map(|(i, d)| PolicyRow {
                        url: urls::policy(&d.id),
                        name: d.display_name(),
                        kind: d.kind.clone(),
                        title: d.title.clone(),
                        date_text: crate::locale::format::partial_short(
                            d.date.year,
                            d.date.month,
                            d.date.day,
                        ),
                        status: d.status.clone(),
                        effective_text: view::effective_text(d),
                        download: d
                            .download
                            .as_ref()
                            .map(|f| urls::policy_file(&d.id, &f.file_name)),
                        citer_count: derived.cited_by[i].len(),
                    })
                    .collect();
                c.insert("policies", &rows);
                c.insert("policy_groups", &policy_groups(site, &rows));
                c.insert("policy_years", &policy_years(site, &rows));
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
