//! Every HTML page of the site as a job: its address and its template, and the files published
//! as given (logo, forms, full texts).

use crate::model::Site;
use crate::render::urls;

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

    pub(super) fn template(self) -> &'static str {
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
