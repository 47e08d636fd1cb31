//! The site's address scheme, in one place. Every address is root-relative and ends in `/`
//! (a folder with index.html) or a file name.

/// Home.
pub const HOME: &str = "/";
/// Plan list.
pub const PLANS: &str = "/ke-hoach/";
/// Unit list.
pub const UNITS: &str = "/don-vi/";
/// Policy registry.
pub const POLICIES: &str = "/chinh-sach/";
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

/// A commemorative day's A3 poster.
pub fn poster_pdf(day: &str) -> String {
    format!("/in/ap-phich/{day}.pdf")
}

/// A commemorative day's banner (băng-rôn) at true size.
pub fn banner_pdf(day: &str) -> String {
    format!("/in/bang-ron/{day}.pdf")
}

/// A commemorative day's loudspeaker script; `ext` is `txt` or `pdf`.
pub fn day_broadcast(day: &str, ext: &str) -> String {
    format!("/in/phat-thanh/ngay-ky-niem/{day}.{ext}")
}

/// A news item's loudspeaker script; `ext` is `txt` or `pdf`.
pub fn news_broadcast(slug: &str, ext: &str) -> String {
    format!("/in/phat-thanh/tin-tuc/{slug}.{ext}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_for_addresses() {
        assert_eq!(file_for("/"), "index.html");
        assert_eq!(file_for("/ke-hoach/a/"), "ke-hoach/a/index.html");
        assert_eq!(file_for("/atom.xml"), "atom.xml");
        assert_eq!(news_page(1), "/tin-tuc/");
        assert_eq!(news_page(3), "/tin-tuc/trang/3/");
    }
}
