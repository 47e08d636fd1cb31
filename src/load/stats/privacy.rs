//! Privacy screening of the figure files: whether a column name, a note or a figure cell looks like
//! personal data. One classifier, [`personal_data_in`], for free text (notes and every cell that is
//! not a known period, group or indicator), and [`figure_problem`] for the cells that must hold a
//! figure. What is accepted and refused is listed in README, "What loa refuses".

use std::sync::OnceLock;

use regex::Regex;

use crate::locale::fold_diacritics;

/// A kind of personal data; each names its message in the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Personal {
    /// A citizen ID (12 digits) or an old identity card number (9 digits).
    CitizenId,
    /// A mobile or landline phone number.
    Phone,
    /// A full date (day, month and year), such as a birth date.
    Date,
    /// A person's name.
    Name,
    /// An e-mail address.
    Email,
    /// A long number of another kind: social insurance book, bank account, card.
    Account,
}

impl Personal {
    /// The catalogue key naming this kind.
    pub fn code(self) -> &'static str {
        match self {
            Personal::CitizenId => "privacy_kind_id",
            Personal::Phone => "privacy_kind_phone",
            Personal::Date => "privacy_kind_date",
            Personal::Name => "privacy_kind_name",
            Personal::Email => "privacy_kind_email",
            Personal::Account => "privacy_kind_account",
        }
    }
}

/// Column names that name personal data.
const PERSONAL_COLUMNS: [&str; 30] = [
    "ho_ten",
    "hoten",
    "ho_va_ten",
    "ten_nguoi",
    "nguoi_nhan",
    "ten_doi_tuong",
    "doi_tuong",
    "ngay_sinh",
    "nam_sinh",
    "sinh_ngay",
    "cccd",
    "cmnd",
    "can_cuoc",
    "so_dinh_danh",
    "dinh_danh",
    "dien_thoai",
    "sdt",
    "so_dt",
    "phone",
    "name",
    "birth",
    "dia_chi",
    "address",
    "ten",
    "email",
    "thu_dien_tu",
    "so_tai_khoan",
    "stk",
    "so_bhxh",
    "so_so_bhxh",
];

/// A column name folded to a key: `Họ và tên` -> `ho_va_ten`.
pub fn header_key(text: &str) -> String {
    let folded = fold_diacritics(text.trim()).to_lowercase();
    let mut key: String = folded
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    while key.contains("__") {
        key = key.replace("__", "_");
    }
    key.trim_matches('_').to_owned()
}

/// Whether a column name (as a [`header_key`]) names personal data.
pub fn is_personal_column(key: &str) -> bool {
    let words: Vec<&str> = key.split('_').collect();
    PERSONAL_COLUMNS.iter().any(|p| {
        let wanted: Vec<&str> = p.split('_').collect();
        words.windows(wanted.len()).any(|w| w == wanted.as_slice())
    })
}

/// Family names (as written with their marks). A name is a family name followed by given names.
const SURNAMES: [&str; 26] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Đào", "Lương", "Tạ", "Lưu", "Trương", "Đoàn",
    "Quách", "Triệu",
];

/// Common middle names (lower case, with marks). A name in capitals or without marks is only
/// taken for a name when its second word is one of these: `NGUYỄN VĂN AN`, `Nguyen Van An`, but
/// not `LƯƠNG HƯU` (a pension) or `HỒ SƠ` (a file).
const MIDDLE_NAMES: [&str; 56] = [
    "văn", "thị", "hữu", "đức", "đình", "công", "quang", "minh", "ngọc", "thanh", "xuân", "hồng",
    "kim", "trọng", "bá", "thế", "quốc", "anh", "phương", "tuấn", "mạnh", "duy", "gia", "hải",
    "huy", "khánh", "như", "bảo", "hoài", "thu", "tiến", "viết", "trung", "chí", "đăng", "tấn",
    "diệu", "mỹ", "tường", "hoàng", "nhật", "thúy", "thuý", "bích", "kiều", "lệ", "mai", "phú",
    "phúc", "sỹ", "sĩ", "trí", "tú", "vĩnh", "khắc", "hồ",
];

/// Words after which a name is a place or an institution (`đường Lê Lợi`, `trường THCS Nguyễn
/// Du`, `tư tưởng Hồ Chí Minh`), folded to lower case without marks.
const PLACE_WORDS: [&str; 28] = [
    "duong", "pho", "phuong", "xa", "quan", "huyen", "tinh", "truong", "ngo", "hem", "kiet", "cau",
    "cho", "vien", "thcs", "thpt", "th", "tp", "khu", "thon", "ap", "lang", "tam", "tuong", "quy",
    "thuong", "dai", "lo",
];

/// Public names that start with a family name: places, and the name of the country's founder
/// (folded, lower case).
const PUBLIC_NAMES: [&str; 8] = [
    "ho chi minh",
    "ho guom",
    "ho tay",
    "le chan",
    "ngo quyen",
    "phan thiet",
    "ha noi",
    "tran hung dao",
];

/// Words before a number that make it an identity or account number (folded, lower case).
/// The first group names an identity paper, the second any other numbered book or account.
const NUMBER_WORDS: &str = r"(?:^|[^a-z])(?:(cmnd|cccd|cmt|can cuoc(?: cong dan)?|dinh danh|chung minh(?: nhan dan)?|ho chieu)|(bhxh|bhyt|so so|so the|tai khoan|stk|so tk|ma so))(?:\s*(?:so|:|#|la|-))*\s*$";

struct Patterns {
    digits: Regex,
    date_day_first: Regex,
    date_year_first: Regex,
    date_words: Regex,
    email: Regex,
    honorific: Regex,
    word: Regex,
    number_words: Regex,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| Patterns {
        digits: Regex::new(r"(\+\s?)?\d+(?:[ .\-]\d+)*").expect("valid pattern"),
        date_day_first: Regex::new(
            r"(?:^|\D)(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*([/.\-])\s*(\d{4}|\d{2})(?:\D|$)",
        )
        .expect("valid pattern"),
        date_year_first: Regex::new(
            r"(?:^|\D)((?:19|20)\d{2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\D|$)",
        )
        .expect("valid pattern"),
        date_words: Regex::new(r"\b\d{1,2}\s+thang\s+\d{1,2}\s*,?\s+nam\s+\d{2,4}\b")
            .expect("valid pattern"),
        email: Regex::new(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
            .expect("valid pattern"),
        honorific: Regex::new(
            r"\b(?:[Bb]à|[Ôô]ng|[Cc]ụ|[Aa]nh|[Cc]hị|[Cc]háu|[Ee]m)\s+\p{Lu}\p{Ll}*",
        )
        .expect("valid pattern"),
        word: Regex::new(r"\p{L}+").expect("valid pattern"),
        number_words: Regex::new(NUMBER_WORDS).expect("valid pattern"),
    })
}

/// What kind of personal data a free text (a note, a cell that is not a known value) holds, if
/// any. `allowed_names` are public names of the site (the ward, its groups) that are never taken
/// for a person's name.
pub fn personal_data_in(text: &str, allowed_names: &[String]) -> Option<Personal> {
    let p = patterns();
    if text.contains('@') && p.email.is_match(text) {
        return Some(Personal::Email);
    }
    if text.bytes().any(|b| b.is_ascii_digit()) {
        if let Some(kind) = number_in(text) {
            return Some(kind);
        }
        if has_date(text) {
            return Some(Personal::Date);
        }
    }
    name_in(text, allowed_names).then_some(Personal::Name)
}

/// A full date: `12/03/1945`, `12/03/45`, `1945-03-12`, `1945/03/12`, `1945-03-12T00:00:00`,
/// `ngày 12 tháng 3 năm 1945`.
fn has_date(text: &str) -> bool {
    let p = patterns();
    let is_day = |d: &str| d.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d));
    let is_month = |m: &str| m.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m));
    for c in p.date_day_first.captures_iter(text) {
        let year = &c[5];
        let same_separator = c[2] == c[4];
        let full_year = year.len() == 4 && (year.starts_with("19") || year.starts_with("20"));
        if is_day(&c[1]) && is_month(&c[3]) && same_separator && (full_year || year.len() == 2) {
            return true;
        }
    }
    if p.date_year_first
        .captures_iter(text)
        .any(|c| is_month(&c[2]) && is_day(&c[3]))
    {
        return true;
    }
    text.contains(|c: char| c.is_alphabetic())
        && p.date_words.is_match(&fold_diacritics(text).to_lowercase())
}

/// Whether a run of digit groups reads as an amount written the Vietnamese way (`1.500.000`): the
/// first group of one to three digits without a leading zero, every other group of three, all
/// joined by dots (or all by spaces).
fn is_grouped_amount(groups: &[&str], separators: &[char]) -> bool {
    groups.len() > 1
        && separators.windows(2).all(|w| w[0] == w[1])
        && matches!(separators.first(), Some('.' | ' '))
        && (1..=3).contains(&groups[0].len())
        && !groups[0].starts_with('0')
        && groups[1..].iter().all(|g| g.len() == 3)
}

/// A phone, identity or account number among the digits of a text.
fn number_in(text: &str) -> Option<Personal> {
    let p = patterns();
    // `(0225) 3873 210`: an area code in brackets is part of the number.
    let unbracketed;
    let text = if text.contains('(') {
        unbracketed = text.replace(['(', ')'], "");
        unbracketed.as_str()
    } else {
        text
    };
    for m in p.digits.find_iter(text) {
        let run = m.as_str();
        let plus = run.starts_with('+');
        let body = run.trim_start_matches(['+', ' ']);
        let separators: Vec<char> = body.chars().filter(|c| !c.is_ascii_digit()).collect();
        let groups: Vec<&str> = body.split([' ', '.', '-']).collect();
        let digits: String = groups.concat();
        let n = digits.len();
        // A run directly after a year period (`2026-03-15`) is left to the date check.
        let phone = (plus && n >= 9)
            || (n == 10 && digits.starts_with('0') && !digits.starts_with("00"))
            || (n == 11 && (digits.starts_with("84") || digits.starts_with("02")));
        if phone && !has_date(run) {
            return Some(Personal::Phone);
        }
        if is_grouped_amount(&groups, &separators) {
            continue;
        }
        let words = if n >= 6 {
            p.number_words
                .captures(&fold_diacritics(&text[..m.start()]).to_lowercase())
                .map(|c| c.get(1).is_some())
        } else {
            None
        };
        let long = n >= 10 || (n == 9 && digits.starts_with('0')) || n == 12;
        if (long || words.is_some()) && !has_date(run) {
            return Some(match words {
                Some(true) => Personal::CitizenId,
                Some(false) => Personal::Account,
                None if n == 9 || n == 12 => Personal::CitizenId,
                None => Personal::Account,
            });
        }
    }
    None
}

/// How a word is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    /// `Nguyễn`.
    Title,
    /// `NGUYỄN`.
    Upper,
}

fn case_of(word: &str) -> Option<Case> {
    let mut chars = word.chars();
    let first = chars.next()?;
    if !first.is_uppercase() {
        return None;
    }
    let rest: Vec<char> = chars.collect();
    if rest.iter().all(|c| c.is_lowercase()) {
        Some(Case::Title)
    } else if rest.iter().all(|c| c.is_uppercase()) {
        Some(Case::Upper)
    } else {
        None
    }
}

fn folded(word: &str) -> String {
    fold_diacritics(word).to_lowercase()
}

/// A person's name: a family name followed by given names (`Trần Thị Bình`, `NGUYỄN VĂN AN`,
/// `Nguyen Van An`), or a form of address followed by a name (`bà Hoa`, `cụ An`); not a public
/// name of the site or the country, nor a name after a place word (`đường Lê Lợi`).
fn name_in(text: &str, allowed_names: &[String]) -> bool {
    let p = patterns();
    let is_public = |found: &str| {
        let found = folded(found);
        PUBLIC_NAMES.iter().any(|n| found.starts_with(n))
            || allowed_names.iter().any(|a| folded(a).contains(&found))
    };
    let words: Vec<regex::Match> = p.word.find_iter(text).collect();
    for (i, word) in words.iter().enumerate() {
        let Some(case) = case_of(word.as_str()) else {
            continue;
        };
        let key = folded(word.as_str());
        let Some(surname) = SURNAMES.iter().find(|s| folded(s) == key) else {
            continue;
        };
        // The words written right after it, in the same case.
        let mut end = i;
        while end + 1 < words.len()
            && end - i < 3
            && text[words[end].end()..words[end + 1].start()]
                .chars()
                .all(char::is_whitespace)
            && case_of(words[end + 1].as_str()) == Some(case)
        {
            end += 1;
        }
        if end == i {
            continue;
        }
        let marked = word.as_str().to_lowercase() == surname.to_lowercase();
        let second = words[i + 1].as_str().to_lowercase();
        let name_like = if case == Case::Title && marked {
            true
        } else if marked {
            MIDDLE_NAMES.contains(&second.as_str())
        } else {
            MIDDLE_NAMES.iter().any(|m| folded(m) == second)
        };
        if !name_like {
            continue;
        }
        let after_place = i > 0 && PLACE_WORDS.contains(&folded(words[i - 1].as_str()).as_str());
        let span = &text[word.start()..words[end].end()];
        if !after_place && !is_public(span) {
            return true;
        }
    }
    p.honorific
        .find_iter(text)
        .any(|m| !allowed_names.iter().any(|a| a.contains(m.as_str())))
}

/// Why the text of a figure cell is not a figure, when it is not: a number written with a leading
/// zero, or in digit groups of a phone or ID shape, is personal data or a code, never a count.
pub fn figure_problem(text: &str) -> Option<FigureProblem> {
    let core = text.trim().trim_end_matches('%').trim();
    let core = core.strip_prefix('-').unwrap_or(core).trim_start();
    let groups: Vec<&str> = core.split([' ', '.', '\u{a0}']).collect();
    let separators: Vec<char> = core
        .chars()
        .filter(|c| matches!(c, ' ' | '.' | '\u{a0}'))
        .map(|c| if c == '\u{a0}' { ' ' } else { c })
        .collect();
    let whole = core.split(',').next().unwrap_or("");
    if !core.contains(',') {
        let digits: String = groups.concat();
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let leading_zero = digits.len() > 1 && digits.starts_with('0') && groups[0].len() > 1;
        let odd_groups = groups.len() > 1
            && !is_grouped_amount(&groups, &separators)
            && !(groups.len() == 2 && separators == ['.']);
        if leading_zero || odd_groups {
            let n = digits.len();
            return Some(
                if (n == 10 && digits.starts_with('0')) || (n == 11 && digits.starts_with("84")) {
                    FigureProblem::Personal(Personal::Phone)
                } else if n == 9 || n == 12 {
                    FigureProblem::Personal(Personal::CitizenId)
                } else if n >= 9 {
                    FigureProblem::Personal(Personal::Account)
                } else {
                    FigureProblem::NotAFigure
                },
            );
        }
    } else if whole.len() > 1 && whole.starts_with('0') {
        return Some(FigureProblem::NotAFigure);
    }
    let significant = core
        .bytes()
        .filter(u8::is_ascii_digit)
        .skip_while(|&b| b == b'0')
        .count();
    (significant > MAX_DIGITS).then_some(FigureProblem::TooLong)
}

/// The most significant digits a figure may have: a double holds 15 exactly.
pub const MAX_DIGITS: usize = 15;

/// The largest figure loa shows: at most 15 digits before the decimal mark.
pub const MAX_FIGURE: f64 = 999_999_999_999_999.0;

/// Why a figure cell's text is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureProblem {
    /// It looks like personal data (a phone number, an ID).
    Personal(Personal),
    /// A leading zero or digit groups that no figure has (a code, a number of some other kind).
    NotAFigure,
    /// More significant digits than can be shown exactly.
    TooLong,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed() -> Vec<String> {
        [
            "Lưu Kiếm",
            "phường Lưu Kiếm",
            "Tổ dân phố 3",
            "Tổ dân phố Trần Phú",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    /// Notes refused, each with the kind of personal data it is taken for.
    const REFUSED_NOTES: &[(&str, Personal)] = &[
        ("031095001234", Personal::CitizenId),
        ("gọi 0912 345 678", Personal::Phone),
        ("+84912345678", Personal::Phone),
        ("+84 912 345 678", Personal::Phone),
        ("84912345678", Personal::Phone),
        ("0912.345.678", Personal::Phone),
        ("liên hệ 0912-345-678", Personal::Phone),
        ("(0225) 3873 210", Personal::Phone),
        ("0225.3873.210", Personal::Phone),
        ("CMND 012345678", Personal::CitizenId),
        ("cmnd số 123456789", Personal::CitizenId),
        ("CCCD: 001045012345", Personal::CitizenId),
        ("001-045-012-345", Personal::CitizenId),
        ("0010 4501 2345", Personal::CitizenId),
        ("số định danh 001.045.012.345", Personal::CitizenId),
        ("số sổ BHXH 3112345678", Personal::Account),
        ("mã số BHXH: 7912345", Personal::Account),
        ("STK 19034567890123", Personal::Account),
        ("tài khoản số 1234 5678 9012 3456", Personal::Account),
        ("chuyển khoản vào tài khoản 102345678", Personal::Account),
        ("hộ chiếu số 123456", Personal::CitizenId),
        // A dated reference is a full date too: write the number (45/KH-UBND) without the day.
        ("Kế hoạch 45/KH-UBND ngày 04/3/2026", Personal::Date),
        ("sinh 12/05/1948", Personal::Date),
        ("12/03/45", Personal::Date),
        ("sinh ngày 12-3-1945", Personal::Date),
        ("12.03.1945", Personal::Date),
        ("1945/03/12", Personal::Date),
        ("1945-03-12", Personal::Date),
        ("1945-03-12T00:00:00", Personal::Date),
        ("ngày 12 tháng 3 năm 1945", Personal::Date),
        ("NGÀY 12 THÁNG 3 NĂM 1945", Personal::Date),
        ("sinh ngay 12 thang 3 nam 1945", Personal::Date),
        ("an.nguyen@example.com", Personal::Email),
        ("liên hệ: hoa_tran99@gmail.com.vn", Personal::Email),
        ("cụ Nguyễn Văn An", Personal::Name),
        ("Trần Thị Bình", Personal::Name),
        ("bà Hoa", Personal::Name),
        ("NGUYỄN VĂN AN", Personal::Name),
        ("hộ ông NGUYỄN VĂN AN mới chuyển đến", Personal::Name),
        ("Nguyen Van An", Personal::Name),
        ("NGUYEN THI BINH", Personal::Name),
        ("hộ Lê Văn Cường", Personal::Name),
    ];

    /// Notes that must pass: ordinary notes on aggregates.
    const ACCEPTED_NOTES: &[&str] = &[
        "chi trả qua tài khoản",
        "phường Lưu Kiếm",
        "Tổ dân phố 3",
        "Tổ dân phố Trần Phú",
        "1.234",
        "2026-Q3",
        "96,5",
        "Quý I/2026",
        "tháng 3/2026",
        "03/2026",
        "năm 2025-2026",
        "giai đoạn 2021-2025",
        "1.500.000 đồng",
        "chi 1.500.000 đồng/người/tháng qua tài khoản 1.500.000 đồng",
        "tổng 25.432 người, 7.120 hộ",
        "12.345.678.900 đồng",
        "người, hộ, lượt, đồng, %",
        "kết quả rà soát cuối năm",
        "số liệu từ BHXH thành phố, 4.500 thẻ BHYT",
        "đường Lê Lợi, phố Trần Hưng Đạo",
        "trường THCS Nguyễn Du",
        "học tập và làm theo tư tưởng Hồ Chí Minh",
        "Thành phố Hồ Chí Minh",
        "LƯƠNG HƯU THÁNG 3",
        "HỒ SƠ ĐỀ NGHỊ",
        "ĐÀO TẠO NGHỀ",
        "LÝ DO: CHUYỂN ĐI",
        "Do UBND phường chi trả",
        "bà con tổ dân phố",
        "Hồ sơ đang xét duyệt",
        "theo Quyết định số 1234/QĐ-UBND",
        "Nghị định 20/2021/NĐ-CP",
        "tăng 12 hộ so với quý trước",
        "TDP 1-12",
    ];

    #[test]
    fn every_refused_note_is_refused_as_its_kind() {
        let allowed = allowed();
        for (text, kind) in REFUSED_NOTES {
            assert_eq!(personal_data_in(text, &allowed), Some(*kind), "{text}");
        }
    }

    #[test]
    fn ordinary_notes_pass() {
        let allowed = allowed();
        for text in ACCEPTED_NOTES {
            assert_eq!(personal_data_in(text, &allowed), None, "{text}");
        }
    }

    #[test]
    fn figure_cells_hold_figures() {
        let refused: &[(&str, FigureProblem)] = &[
            ("0912345678", FigureProblem::Personal(Personal::Phone)),
            ("0912.345.678", FigureProblem::Personal(Personal::Phone)),
            ("0912 345 678", FigureProblem::Personal(Personal::Phone)),
            (
                "0010 4501 2345",
                FigureProblem::Personal(Personal::CitizenId),
            ),
            ("012345678", FigureProblem::Personal(Personal::CitizenId)),
            ("0123", FigureProblem::NotAFigure),
            ("007", FigureProblem::NotAFigure),
            ("01,5", FigureProblem::NotAFigure),
            ("12 34", FigureProblem::NotAFigure),
            ("99999999999999999999", FigureProblem::TooLong),
            ("123456789012345678", FigureProblem::TooLong),
            ("1.234.567.890.123.456", FigureProblem::TooLong),
            ("0,1234567890123456", FigureProblem::TooLong),
        ];
        for (text, problem) in refused {
            assert_eq!(figure_problem(text), Some(*problem), "{text}");
        }
        for fine in [
            "0",
            "0,5",
            "0.5",
            "54",
            "1234",
            "1.234",
            "25.432",
            "25 432",
            "96,5",
            "96.5",
            "96,5%",
            "1.234,5",
            "-3",
            "36720000",
            "123456789012345",
            "khoảng 40",
        ] {
            assert_eq!(figure_problem(fine), None, "{fine}");
        }
    }

    #[test]
    fn personal_columns() {
        for bad in [
            "Họ và tên",
            "ho_ten",
            "Ngày sinh",
            "Số CCCD",
            "Điện thoại",
            "Tên",
            "Email",
            "Số tài khoản",
            "Số sổ BHXH",
        ] {
            assert!(is_personal_column(&header_key(bad)), "{bad}");
        }
        for fine in ["ky", "khu_vuc", "chi_so", "ghi_chu", "so_luong", "gia_tri"] {
            assert!(!is_personal_column(&header_key(fine)), "{fine}");
        }
    }
}
