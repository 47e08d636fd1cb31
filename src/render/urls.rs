//! The site's address scheme, in one place. Every address is root-relative and ends in `/`
//! (a folder with index.html) or a file name.

/// The site's own sections: the first part of every address loa makes, other than the standing
/// pages (`/<duong_dan>/`) and the files at the top (`/atom.xml`, `/404.html`, ...). A standing page
/// may not take one of these (`/lien-he/` is the contact page, whose text a page may give). The
/// validate stage checks pages against this list; a test here checks that every address builder
/// stays inside it.
pub const SECTIONS: &[&str] = &[
    "toi-can",
    "chia-se",
    "ke-hoach",
    "don-vi",
    "chinh-sach",
    "thu-tuc",
    "hoi-dap",
    "ngan-sach",
    "en",
    "lich",
    "ngay-ky-niem",
    "tin-tuc",
    "lien-he",
    "tim-kiem",
    "so-lieu",
    "chien-dich",
    "bao-cao",
    "du-lieu",
    "in",
    "static",
    "pagefind",
];

/// Home.
pub const HOME: &str = "/";
/// Plan list.
pub const PLANS: &str = "/ke-hoach/";
/// Unit list.
pub const UNITS: &str = "/don-vi/";
/// Policy registry.
pub const POLICIES: &str = "/chinh-sach/";
/// Administrative procedures page, grouped by field.
pub const PROCEDURES: &str = "/thu-tuc/";
/// Questions and answers, and how to ask.
pub const QUESTIONS: &str = "/hoi-dap/";
/// Budget disclosures (công khai ngân sách).
pub const BUDGETS: &str = "/ngan-sach/";
/// The National Public Service Portal, where a procedure is looked up by its code when the site
/// folder gives no page of its own for it.
pub const NATIONAL_PORTAL: &str = "https://dichvucong.gov.vn/";
/// The page in English (Nghị định 42/2022/NĐ-CP, Điều 7): the body, its functions and the
/// contacts of its officials.
pub const ENGLISH: &str = "/en/";
/// Calendar of the year.
pub const CALENDAR: &str = "/lich/";
/// Calendar subscription file.
pub const CALENDAR_ICS: &str = "/lich/ngay-ky-niem.ics";
/// News list.
pub const NEWS: &str = "/tin-tuc/";
/// Contact page.
pub const CONTACT: &str = "/lien-he/";
/// Atom feed.
pub const FEED: &str = "/atom.xml";
/// Stylesheet folder.
pub const STATIC: &str = "/static/";

/// The "Tôi cần..." front door: benefits and services by life situation.
pub const BENEFITS: &str = "/toi-can/";

/// A benefit or service page.
pub fn benefit(slug: &str) -> String {
    format!("/toi-can/{slug}/")
}

/// A form to download, beside its benefit's page.
pub fn benefit_form(slug: &str, file_name: &str) -> String {
    format!("/toi-can/{slug}/{file_name}")
}

/// A plan page.
pub fn plan(slug: &str) -> String {
    format!("/ke-hoach/{slug}/")
}

/// A plan's printable document view.
pub fn plan_print(slug: &str) -> String {
    format!("/ke-hoach/{slug}/ban-in/")
}

/// A unit page.
pub fn unit(id: &str) -> String {
    format!("/don-vi/{id}/")
}

/// A policy page.
pub fn policy(id: &str) -> String {
    format!("/chinh-sach/{id}/")
}

/// A procedure on the procedures page, by its portal code: `1.001776` ->
/// `/thu-tuc/#tt-1-001776`. Whether the site lists that code is `Site::procedure(code)`.
pub fn procedure(code: &str) -> String {
    procedure_anchor(&crate::model::Procedure::anchor_for_code(code))
}

/// A procedure on the procedures page by its anchor (`Procedure::anchor`, also set for one
/// without a code).
pub fn procedure_anchor(anchor: &str) -> String {
    format!("{PROCEDURES}#{anchor}")
}

/// A question and its answer on the questions page.
pub fn question(slug: &str) -> String {
    format!("{QUESTIONS}#{slug}")
}

/// A budget disclosure table's page.
pub fn budget(slug: &str) -> String {
    format!("{BUDGETS}{slug}/")
}

/// A budget disclosure table's rows as CSV.
pub fn budget_csv(slug: &str) -> String {
    format!("{BUDGETS}{slug}.csv")
}

/// A policy's full text to download, beside its page.
pub fn policy_file(id: &str, file_name: &str) -> String {
    format!("/chinh-sach/{id}/{file_name}")
}

/// A commemorative day page.
pub fn day(id: &str) -> String {
    format!("/ngay-ky-niem/{id}/")
}

/// A news item.
pub fn news(slug: &str) -> String {
    format!("/tin-tuc/{slug}/")
}

/// Page `n` (1-based) of the news list.
pub fn news_page(n: usize) -> String {
    if n <= 1 {
        NEWS.to_owned()
    } else {
        format!("/tin-tuc/trang/{n}/")
    }
}

/// A standing page.
pub fn page(slug: &str) -> String {
    format!("/{slug}/")
}

/// Search page.
pub const SEARCH: &str = "/tim-kiem/";

/// Page `n` (1-based) of a letter of the A–Z title index.
pub fn search_letter(letter_slug: &str, n: usize) -> String {
    if n <= 1 {
        format!("/tim-kiem/chu-{letter_slug}/")
    } else {
        format!("/tim-kiem/chu-{letter_slug}/trang/{n}/")
    }
}

/// The file an address is written to: `/a/b/` -> `a/b/index.html`, `/x.xml` -> `x.xml`.
pub fn file_for(url: &str) -> String {
    let trimmed = url.trim_start_matches('/');
    if trimmed.is_empty() || trimmed.ends_with('/') {
        format!("{trimmed}index.html")
    } else {
        trimmed.to_owned()
    }
}

/// A plan or letter as a print-ready PDF (Nghị định 30/2020 layout).
pub fn plan_pdf(slug: &str) -> String {
    format!("/in/van-ban/{slug}.pdf")
}

/// A leaflet, A4 landscape tri-fold.
pub fn leaflet_pdf(slug: &str) -> String {
    format!("/in/to-roi/{slug}.pdf")
}

/// A leaflet, A5 two pages.
pub fn leaflet_a5_pdf(slug: &str) -> String {
    format!("/in/to-roi/{slug}-a5.pdf")
}

/// The print-shop copy of a leaflet, poster or banner at `path` (`/in/...`): the same product
/// with 3 mm bleed and crop marks, in its own folder so the web downloads stay at trim size.
pub fn print_shop_pdf(path: &str) -> String {
    format!("/in/nha-in/{}", path.trim_start_matches("/in/"))
}

/// A commemorative day's A3 poster.
pub fn poster_pdf(day: &str) -> String {
    format!("/in/ap-phich/{day}.pdf")
}

/// A commemorative day's banner (băng-rôn) at true size.
pub fn banner_pdf(day: &str) -> String {
    format!("/in/bang-ron/{day}.pdf")
}

/// The ending of a loudspeaker script written for text-to-speech engines (máy đọc), every number
/// in words: `/in/phat-thanh/tin-tuc/x.doc-may.txt`.
pub const MACHINE_SCRIPT: &str = "doc-may.txt";

/// A commemorative day's loudspeaker script; `ext` is `txt`, `pdf` or [`MACHINE_SCRIPT`].
pub fn day_broadcast(day: &str, ext: &str) -> String {
    format!("/in/phat-thanh/ngay-ky-niem/{day}.{ext}")
}

/// A news item's loudspeaker script; `ext` is `txt`, `pdf` or [`MACHINE_SCRIPT`].
pub fn news_broadcast(slug: &str, ext: &str) -> String {
    format!("/in/phat-thanh/tin-tuc/{slug}.{ext}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_address_lies_in_a_listed_section() {
        use crate::render::stats::urls as stats;
        let section = |url: &str| {
            url.trim_start_matches('/')
                .split('/')
                .next()
                .unwrap()
                .to_owned()
        };
        let built = [
            PLANS.to_owned(),
            UNITS.to_owned(),
            POLICIES.to_owned(),
            PROCEDURES.to_owned(),
            procedure("1.001776"),
            ENGLISH.to_owned(),
            QUESTIONS.to_owned(),
            BUDGETS.to_owned(),
            budget("x"),
            budget_csv("x"),
            question("x"),
            CALENDAR.to_owned(),
            CALENDAR_ICS.to_owned(),
            NEWS.to_owned(),
            CONTACT.to_owned(),
            STATIC.to_owned(),
            SEARCH.to_owned(),
            plan("x"),
            plan_print("x"),
            unit("x"),
            policy("x"),
            day("x"),
            news("x"),
            news_page(2),
            search_letter("a", 2),
            plan_pdf("x"),
            leaflet_pdf("x"),
            leaflet_a5_pdf("x"),
            poster_pdf("x"),
            banner_pdf("x"),
            day_broadcast("x", "txt"),
            news_broadcast("x", "pdf"),
            stats::DASHBOARD.to_owned(),
            stats::OPEN_DATA.to_owned(),
            stats::OPEN_DATA_README.to_owned(),
            stats::indicator("x"),
            stats::campaign("x"),
            stats::report("x"),
            stats::report_pdf("x"),
            stats::csv("x"),
            stats::json("x"),
            format!("/{}/", crate::render::search::BUNDLE),
        ];
        for url in built {
            assert!(SECTIONS.contains(&section(&url).as_str()), "{url}");
        }
        assert_eq!(page("tin-tuc"), NEWS, "a page could take a section");
    }

    #[test]
    fn files_for_addresses() {
        assert_eq!(file_for("/"), "index.html");
        assert_eq!(file_for("/ke-hoach/a/"), "ke-hoach/a/index.html");
        assert_eq!(file_for("/atom.xml"), "atom.xml");
        assert_eq!(news_page(1), "/tin-tuc/");
        assert_eq!(news_page(3), "/tin-tuc/trang/3/");
        assert_eq!(procedure("1.001776"), "/thu-tuc/#tt-1-001776");
    }
}
