//! View models: the data templates see. Built from the model and derived data; no wording here
//! beyond formatted numbers and dates (templates own the words).

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::derive::calendar::Occurrence;
use crate::derive::{Citer, Derived, lunar};
use crate::locale::format;
use crate::model::{Article, Comparison, Day, DayDate, LegalDoc, Plan, Site, Unit};
use crate::render::document;
use crate::render::inline::Linker;
use crate::render::urls;

/// A link.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// Shown text.
    pub title: String,
    /// Address.
    pub url: String,
}

/// The ward and site, for every page.
#[derive(Debug, Serialize)]
pub struct SiteView {
    pub name: String,
    pub level: String,
    pub full_name: String,
    pub province: String,
    pub issuing_body: String,
    pub parent_body: String,
    pub service_centre: String,
    pub address: String,
    pub phone: String,
    pub phone_link: String,
    pub email: String,
    pub base_url: String,
    pub fanpage: String,
    pub office_hours: String,
    pub description: String,
    pub officials: Vec<OfficialView>,
    pub area_kind: String,
    pub areas: Vec<crate::model::Area>,
    pub upcoming_days: u32,
    pub menu_pages: Vec<Link>,
    pub build_date: String,
    pub build_date_long: String,
    pub year: i32,
    pub calendar_ics: &'static str,
    pub feed: &'static str,
    /// Whether the site has figures (its `Số liệu` section exists).
    pub has_stats: bool,
    /// Whether the site has benefit pages (its `Tôi cần...` section exists).
    pub has_benefits: bool,
    /// Whether this build makes the icons (with the PDFs).
    pub icons: bool,
    /// The ward's logo, when site.toml names one.
    pub logo: Option<String>,
    /// The procedures page, when data/thu-tuc.toml lists some.
    pub procedures_url: Option<&'static str>,
    /// The page in English.
    pub english_url: &'static str,
    /// Questions and answers, and how to ask.
    pub questions_url: &'static str,
    /// Budget disclosures, when data/ngan-sach has some.
    pub budgets_url: Option<&'static str>,
    /// What the page in English says (site.toml `[tieng_anh]`).
    pub english: crate::model::EnglishInfo,
}

/// An official of the contact page, with the `tel:` form of the phone.
#[derive(Debug, Serialize)]
pub struct OfficialView {
    #[serde(flatten)]
    pub official: crate::model::Official,
    pub phone_link: String,
}

/// An official with the `tel:` form of the phone.
pub fn official_view(official: &crate::model::Official) -> OfficialView {
    OfficialView {
        phone_link: phone_link(&official.phone),
        official: official.clone(),
    }
}

/// Digits and a leading `+` only, for `tel:` links.
pub fn phone_link(phone: &str) -> String {
    phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect()
}

impl SiteView {
    /// Builds the site view.
    pub fn new(site: &Site, derived: &Derived) -> SiteView {
        let c = &site.config;
        SiteView {
            name: c.name.clone(),
            level: c.level.clone(),
            full_name: c.full_name(),
            province: c.province.clone(),
            issuing_body: c.issuing_body.clone(),
            parent_body: c.parent_body.clone(),
            service_centre: c.service_centre.clone(),
            address: c.address.clone(),
            phone: c.phone.clone(),
            phone_link: phone_link(&c.phone),
            email: c.email.clone(),
            base_url: c.base_url.clone(),
            fanpage: c.fanpage.clone(),
            office_hours: c.office_hours.clone(),
            description: c.description.clone(),
            officials: c.officials.iter().map(official_view).collect(),
            area_kind: c.area_kind.clone(),
            areas: c.areas.clone(),
            upcoming_days: c.upcoming_days,
            menu_pages: site
                .pages
                .iter()
                .filter(|p| p.menu_order.is_some() && p.slug != "lien-he")
                .map(|p| Link {
                    title: p.title.clone(),
                    url: urls::page(&p.slug),
                })
                .collect(),
            build_date: derived.build_date.format("%Y-%m-%d").to_string(),
            build_date_long: format::long_date(derived.build_date),
            year: derived.build_date.year(),
            calendar_ics: urls::CALENDAR_ICS,
            feed: urls::FEED,
            has_stats: !site.stats.indicators.is_empty(),
            has_benefits: !site.benefits.is_empty(),
            icons: site.outputs.pdf,
            logo: c.logo.as_ref().map(crate::model::Logo::url),
            procedures_url: (!site.procedures.is_empty()).then_some(urls::PROCEDURES),
            english_url: urls::ENGLISH,
            questions_url: urls::QUESTIONS,
            budgets_url: (!site.budgets.is_empty()).then_some(urls::BUDGETS),
            english: c.english.clone(),
        }
    }
}

/// A plan in a list.
#[derive(Debug, Clone, Serialize)]
pub struct PlanSummary {
    pub url: String,
    pub title: String,
    pub type_name: String,
    pub type_code: String,
    pub number: String,
    pub number_symbol: String,
    pub is_draft: bool,
    pub date_text: String,
    pub date_iso: String,
    pub subject: String,
    pub tags: Vec<String>,
}

/// One row of the targets table.
#[derive(Debug, Serialize)]
pub struct TargetView {
    pub text_html: String,
    pub value_text: String,
    pub at_most: bool,
    pub deadline_text: String,
    pub indicator: Option<String>,
    /// Progress measured by the indicator (statistics).
    pub progress: Option<crate::derive::stats::TargetProgress>,
}

/// One row of the who-does-what table.
#[derive(Debug, Serialize)]
pub struct AssignmentView {
    pub number: String,
    pub unit_name: String,
    pub unit_url: Option<String>,
    pub requested: bool,
    pub anchor: String,
    pub duties_html: Vec<String>,
}

/// A cited policy.
#[derive(Debug, Clone, Serialize)]
pub struct PolicyLink {
    pub url: String,
    pub name: String,
    pub title: String,
    pub summary: String,
}

/// A whole plan page.
#[derive(Debug, Serialize)]
pub struct PlanView {
    #[serde(flatten)]
    pub summary: PlanSummary,
    pub print_url: String,
    /// The document's own parent and issuing bodies (the site's when it names none).
    pub parent_body: String,
    pub issuing_body: String,
    /// The same names as the header prints them: broken between the body and its place.
    pub parent_lines: Vec<String>,
    pub issuing_lines: Vec<String>,
    pub type_upper: String,
    pub number_line: String,
    pub place_date: String,
    pub addressees: Vec<String>,
    pub preamble_html: String,
    pub body_html: String,
    pub closing_html: Vec<String>,
    pub recipients: Vec<String>,
    pub signer: crate::model::Signer,
    pub targets: Vec<TargetView>,
    pub assignments: Vec<AssignmentView>,
    pub policies: Vec<PolicyLink>,
    pub toc: Vec<Link>,
    pub word_count: usize,
}

/// Builds a plan's list entry.
pub fn plan_summary(plan: &Plan) -> PlanSummary {
    PlanSummary {
        url: urls::plan(&plan.slug),
        title: plan.title(),
        type_name: plan.doc_type.name().to_owned(),
        type_code: plan.doc_type.code().to_owned(),
        number: plan.number.clone(),
        number_symbol: plan.number_and_symbol(),
        is_draft: plan.draft || plan.number.is_empty() || plan.date.to_date().is_none(),
        date_text: format::partial_short(plan.date.year, plan.date.month, plan.date.day),
        date_iso: plan.date.iso(),
        subject: plan.subject.clone(),
        tags: plan.tags.clone(),
    }
}

/// A policy link for a legal document.
pub fn policy_link(doc: &LegalDoc) -> PolicyLink {
    PolicyLink {
        url: urls::policy(&doc.id),
        name: doc.display_name(),
        title: doc.title.clone(),
        summary: doc.summary.clone(),
    }
}

fn target_value(value: Option<f64>, unit: Option<&str>) -> String {
    match (value, unit) {
        (Some(v), Some("%")) => format::percent(v),
        (Some(v), Some(u)) => format!("{} {u}", format::decimal(v, 2, false)),
        (Some(v), None) => format::decimal(v, 2, false),
        (None, _) => String::new(),
    }
}

/// Builds a plan page's view.
pub fn plan_view(site: &Site, derived: &Derived, index: usize, linker: &Linker<'_>) -> PlanView {
    let plan = &site.plans[index];
    let linker = &linker.at(&plan.source);
    let summary = plan_summary(plan);
    let targets = plan
        .targets
        .iter()
        .enumerate()
        .map(|(n, t)| TargetView {
            text_html: linker.inline_html(&t.text),
            value_text: target_value(t.value, t.unit.as_deref()),
            at_most: t.comparison == Comparison::AtMost,
            deadline_text: t
                .deadline
                .map(|d| format::partial_short(d.year, d.month, d.day))
                .unwrap_or_default(),
            indicator: t.indicator.clone(),
            progress: derived
                .stats
                .targets
                .get(index)
                .and_then(|p| p.get(n))
                .cloned(),
        })
        .collect();
    let assignments = plan
        .assignments
        .iter()
        .map(|a| AssignmentView {
            number: a.number.clone().unwrap_or_default(),
            unit_name: a.unit_name.clone(),
            unit_url: a.unit_id.as_deref().map(urls::unit),
            requested: a.requested,
            anchor: a.anchor.clone(),
            duties_html: a.duties.iter().map(|d| linker.inline_html(d)).collect(),
        })
        .collect();
    let toc = plan
        .body
        .parts
        .iter()
        .filter(|p| !p.title.is_empty())
        .map(|p| Link {
            title: match &p.numeral {
                Some(n) => format!("{n}. {}", p.title),
                None => p.title.clone(),
            },
            url: format!("#{}", p.anchor),
        })
        .collect();
    let body_text = plan.body.plain_text();
    PlanView {
        print_url: urls::plan_print(&plan.slug),
        parent_body: plan.parent_body.clone(),
        issuing_body: plan.issuing_body.clone(),
        parent_lines: crate::locale::text::header_lines(&plan.parent_body),
        issuing_lines: crate::locale::text::header_lines(&plan.issuing_body),
        type_upper: plan.doc_type.name().to_uppercase(),
        number_line: plan.number_and_symbol(),
        place_date: format!(
            "{}, {}",
            plan.place,
            format::partial_heading(plan.date.year, plan.date.month, plan.date.day)
        ),
        addressees: plan.addressees.clone(),
        preamble_html: document::preamble_html(&plan.body, linker),
        body_html: document::parts_html(&plan.body, linker),
        closing_html: plan.closing.iter().map(|c| linker.inline_html(c)).collect(),
        recipients: plan.recipients.clone(),
        signer: plan.signer.clone(),
        targets,
        assignments,
        policies: derived.plan_citations[index]
            .iter()
            .map(|&i| policy_link(&site.legal[i]))
            .collect(),
        toc,
        word_count: body_text.split_whitespace().count(),
        summary,
    }
}

/// A unit's duties in one plan.
#[derive(Debug, Serialize)]
pub struct UnitDuties {
    pub plan: PlanSummary,
    pub requested: bool,
    pub anchor_url: String,
    pub duties_html: Vec<String>,
}

/// A unit page.
#[derive(Debug, Serialize)]
pub struct UnitView {
    pub url: String,
    pub id: String,
    pub name: String,
    pub kind: String,
    pub description: String,
    pub address: String,
    pub phone: String,
    pub phone_link: String,
    pub email: String,
    pub duty_count: usize,
    pub plans: Vec<UnitDuties>,
}

/// Builds a unit view.
pub fn unit_view(site: &Site, derived: &Derived, index: usize, linker: &Linker<'_>) -> UnitView {
    let unit: &Unit = &site.units[index];
    let plans: Vec<UnitDuties> = derived.unit_duties[index]
        .iter()
        .map(|&(p, a)| {
            let plan = &site.plans[p];
            let assignment = &plan.assignments[a];
            UnitDuties {
                plan: plan_summary(plan),
                requested: assignment.requested,
                anchor_url: format!("{}#{}", urls::plan(&plan.slug), assignment.anchor),
                duties_html: assignment
                    .duties
                    .iter()
                    .map(|d| linker.inline_html(d))
                    .collect(),
            }
        })
        .collect();
    UnitView {
        url: urls::unit(&unit.id),
        id: unit.id.clone(),
        name: unit.name.clone(),
        kind: unit.kind.clone(),
        description: unit.description.clone(),
        address: unit.address.clone(),
        phone: unit.phone.clone(),
        phone_link: phone_link(&unit.phone),
        email: unit.email.clone(),
        duty_count: plans.iter().map(|p| p.duties_html.len()).sum(),
        plans,
    }
}

/// Something that cites a policy, for its page.
#[derive(Debug, Serialize)]
pub struct CiterView {
    pub kind: &'static str,
    pub title: String,
    pub url: String,
    pub date_text: String,
}

/// A policy page.
#[derive(Debug, Serialize)]
pub struct PolicyView {
    #[serde(flatten)]
    pub link: PolicyLink,
    pub id: String,
    pub kind: String,
    pub symbol: String,
    pub names: Vec<String>,
    pub date_text: String,
    pub issuer: String,
    pub status: String,
    pub official_link: Option<String>,
    /// `ngày 01 tháng 7 năm 2021`, empty when not known.
    pub effective_text: String,
    /// Its full text to download.
    pub download: Option<crate::render::benefit::FormView>,
    pub citers: Vec<CiterView>,
    pub plan_count: usize,
}

/// Builds a policy view.
pub fn policy_view(site: &Site, derived: &Derived, index: usize) -> PolicyView {
    let doc = &site.legal[index];
    let citers: Vec<CiterView> = derived.cited_by[index]
        .iter()
        .map(|c| match *c {
            Citer::Plan(p) => {
                let plan = &site.plans[p];
                CiterView {
                    kind: "plan",
                    title: plan.title(),
                    url: urls::plan(&plan.slug),
                    date_text: format::partial_short(
                        plan.date.year,
                        plan.date.month,
                        plan.date.day,
                    ),
                }
            }
            Citer::News(n) => article_citer("news", &site.news[n], urls::news(&site.news[n].slug)),
            Citer::Page(n) => {
                article_citer("page", &site.pages[n], urls::page(&site.pages[n].slug))
            }
            Citer::Day(d) => CiterView {
                kind: "day",
                title: site.days[d].name.clone(),
                url: urls::day(&site.days[d].id),
                date_text: String::new(),
            },
        })
        .collect();
    PolicyView {
        link: policy_link(doc),
        id: doc.id.clone(),
        kind: doc.kind.clone(),
        symbol: doc.symbol.clone().unwrap_or_default(),
        names: doc.names.clone(),
        date_text: format::partial_short(doc.date.year, doc.date.month, doc.date.day),
        issuer: doc.issuer.clone(),
        status: doc.status.clone(),
        official_link: doc.link.clone(),
        effective_text: effective_text(doc),
        download: doc.download.as_ref().map(|f| {
            crate::render::benefit::form_view(f, urls::policy_file(&doc.id, &f.file_name))
        }),
        plan_count: citers.iter().filter(|c| c.kind == "plan").count(),
        citers,
    }
}

/// When a legal document takes effect, in words (`ngày 01 tháng 7 năm 2021`, `tháng 7 năm 2021`).
pub fn effective_text(doc: &LegalDoc) -> String {
    doc.effective
        .map_or_else(String::new, |d| match d.to_date() {
            Some(date) => format::heading_date(date),
            None => format::partial_short(d.year, d.month, d.day),
        })
}

fn article_citer(kind: &'static str, article: &Article, url: String) -> CiterView {
    CiterView {
        kind,
        title: article.title.clone(),
        url,
        date_text: article.date.map(format::short_date).unwrap_or_default(),
    }
}

/// A commemorative day placed on the calendar.
#[derive(Debug, Clone, Serialize)]
pub struct OccurrenceView {
    pub url: String,
    pub name: String,
    pub start_iso: String,
    pub end_iso: String,
    pub start_text: String,
    pub start_long: String,
    pub end_text: String,
    pub end_long: String,
    pub is_span: bool,
    pub lunar_text: String,
    pub is_lunar: bool,
    pub days_until: i64,
    pub ongoing: bool,
    pub month: u32,
    /// Solar year of its start.
    pub year: i32,
    /// The theme for this occurrence's year (that year's own, else the standing one).
    pub theme: String,
}

/// Builds an occurrence view relative to the build date.
pub fn occurrence_view(site: &Site, occurrence: &Occurrence, today: NaiveDate) -> OccurrenceView {
    let day = &site.days[occurrence.day];
    let l = occurrence.lunar_start;
    OccurrenceView {
        url: urls::day(&day.id),
        name: day.name.clone(),
        start_iso: occurrence.start.format("%Y-%m-%d").to_string(),
        end_iso: occurrence.end.format("%Y-%m-%d").to_string(),
        start_text: format::short_date(occurrence.start),
        start_long: format::long_date(occurrence.start),
        end_text: format::short_date(occurrence.end),
        end_long: format::long_date(occurrence.end),
        is_span: occurrence.end != occurrence.start,
        lunar_text: format::lunar_date(l.day, l.month, l.leap, &lunar::year_name(l.year)),
        is_lunar: matches!(day.date, DayDate::Lunar { .. }),
        days_until: (occurrence.start - today).num_days(),
        ongoing: occurrence.start <= today && occurrence.end >= today,
        month: occurrence.start.month(),
        year: occurrence.start.year(),
        theme: day.theme_for(occurrence.start.year()).to_owned(),
    }
}

/// A commemorative day page.
#[derive(Debug, Serialize)]
pub struct DayView {
    pub url: String,
    pub id: String,
    pub name: String,
    pub rule_text: String,
    pub rule_kind: &'static str,
    pub theme: String,
    pub slogans: Vec<String>,
    pub groups: Vec<String>,
    pub basis: String,
    pub description: String,
    pub policies: Vec<PolicyLink>,
    pub this_year: Vec<OccurrenceView>,
    pub next_year: Vec<OccurrenceView>,
    /// The occurrence running on the build date, else the next: the one its print products and
    /// loudspeaker script are for.
    pub next: Option<OccurrenceView>,
}

/// Builds a day view.
pub fn day_view(site: &Site, derived: &Derived, index: usize) -> DayView {
    let day: &Day = &site.days[index];
    let (rule_kind, rule_text) = match day.date {
        DayDate::Solar { day, month } => ("solar", format::day_month(day, month)),
        DayDate::Lunar { day, month } => ("lunar", format::day_month(day, month)),
        DayDate::Month { month } => ("month", month.to_string()),
        DayDate::Range {
            from_day,
            from_month,
            to_day,
            to_month,
        } => (
            "range",
            format!(
                "{} – {}",
                format::day_month(from_day, from_month),
                format::day_month(to_day, to_month)
            ),
        ),
    };
    let pick = |list: &[Occurrence]| -> Vec<OccurrenceView> {
        list.iter()
            .filter(|o| o.day == index)
            .map(|o| occurrence_view(site, o, derived.build_date))
            .collect()
    };
    let next = derived
        .next
        .get(index)
        .and_then(Option::as_ref)
        .map(|o| occurrence_view(site, o, derived.build_date));
    DayView {
        url: urls::day(&day.id),
        id: day.id.clone(),
        name: day.name.clone(),
        rule_text,
        rule_kind,
        theme: next
            .as_ref()
            .map_or_else(|| day.theme.clone(), |o| o.theme.clone()),
        slogans: day.slogans.clone(),
        groups: day.groups.clone(),
        basis: day.basis.clone(),
        description: day.description.clone(),
        policies: day
            .policies
            .iter()
            .filter_map(|id| site.legal.iter().find(|d| &d.id == id))
            .map(policy_link)
            .collect(),
        this_year: pick(&derived.calendar),
        next_year: pick(&derived.next_calendar),
        next,
    }
}

/// A news item or page.
#[derive(Debug, Serialize)]
pub struct ArticleView {
    pub url: String,
    pub title: String,
    pub date_text: String,
    pub date_long: String,
    pub date_iso: String,
    pub summary: String,
    pub tags: Vec<String>,
    pub body_html: String,
    /// The lead photo with its caption (item pages).
    pub lead_html: String,
    /// The lead photo, small (list entries).
    pub thumb_html: String,
    pub policies: Vec<PolicyLink>,
    pub broadcast: bool,
}

/// Builds an article view (the body rendered only when `with_body`).
pub fn article_view(
    site: &Site,
    article: &Article,
    url: String,
    citations: &[usize],
    linker: Option<&Linker<'_>>,
) -> ArticleView {
    ArticleView {
        url,
        title: article.title.clone(),
        date_text: article.date.map(format::short_date).unwrap_or_default(),
        date_long: article.date.map(format::long_date).unwrap_or_default(),
        date_iso: article
            .date
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        summary: article.summary.clone(),
        tags: article.tags.clone(),
        body_html: linker
            .map(|l| l.at(&article.source).block_html(&article.body))
            .unwrap_or_default(),
        lead_html: if linker.is_some() {
            crate::render::photos::article_lead_html(site, article)
        } else {
            String::new()
        },
        thumb_html: crate::render::photos::article_thumb_html(site, article),
        policies: citations
            .iter()
            .map(|&i| policy_link(&site.legal[i]))
            .collect(),
        broadcast: article.broadcast,
    }
}

/// A procedure on the procedures page.
#[derive(Debug, Serialize)]
pub struct ProcedureView {
    pub anchor: String,
    pub code: Option<String>,
    pub name: String,
    pub level: String,
    pub place: String,
    pub duration: String,
    pub fees: String,
    pub papers: Vec<String>,
    /// The procedure's own page on a portal, else the national portal's front page.
    pub portal_url: String,
    /// Whether `portal_url` is the procedure's own page.
    pub own_page: bool,
}

/// The procedures of one field.
#[derive(Debug, Serialize)]
pub struct ProcedureGroup {
    pub field: String,
    pub anchor: String,
    pub procedures: Vec<ProcedureView>,
}

/// The procedures grouped by field, fields in the order the registry first names them.
pub fn procedure_groups(site: &Site) -> Vec<ProcedureGroup> {
    let mut groups: Vec<ProcedureGroup> = Vec::new();
    for p in &site.procedures {
        let view = ProcedureView {
            anchor: p.anchor.clone(),
            code: p.code.clone(),
            name: p.name.clone(),
            level: p.level.clone(),
            place: p.place.clone(),
            duration: p.duration.clone(),
            fees: p.fees.clone(),
            papers: p.papers.clone(),
            portal_url: p
                .link
                .clone()
                .unwrap_or_else(|| urls::NATIONAL_PORTAL.to_owned()),
            own_page: p.link.is_some(),
        };
        match groups.iter_mut().find(|g| g.field == p.field) {
            Some(group) => group.procedures.push(view),
            None => groups.push(ProcedureGroup {
                field: p.field.clone(),
                anchor: format!("linh-vuc-{}", crate::locale::slugify(&p.field)),
                procedures: vec![view],
            }),
        }
    }
    groups
}

/// A question and its answer on the questions page.
#[derive(Debug, Serialize)]
pub struct QuestionView {
    pub anchor: String,
    pub question: String,
    pub date_text: String,
    pub answer_html: String,
    pub topics: Vec<String>,
    pub policies: Vec<PolicyLink>,
    /// The procedures it concerns: name (or code) and address on the procedures page.
    pub procedures: Vec<Link>,
}

/// Builds a question's view; its answer is Markdown, with citations linked.
pub fn question_view(site: &Site, q: &crate::model::Question, linker: &Linker<'_>) -> QuestionView {
    QuestionView {
        anchor: q.slug.clone(),
        question: q.question.clone(),
        date_text: q.date.map(format::short_date).unwrap_or_default(),
        answer_html: linker.block_html(&q.answer),
        topics: q.topics.clone(),
        policies: q
            .policies
            .iter()
            .filter_map(|id| site.legal.iter().find(|d| &d.id == id))
            .map(policy_link)
            .collect(),
        procedures: q
            .procedures
            .iter()
            .map(|code| Link {
                title: site
                    .procedure(code)
                    .map_or_else(|| code.clone(), |p| p.name.clone()),
                url: urls::procedure(code),
            })
            .collect(),
    }
}
