//! URL slugs from Vietnamese text: marks dropped, `đ` -> `d`, lowercase, non-alphanumerics -> `-`.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds Vietnamese text for matching and search: NFD, combining marks stripped, `đ`/`Đ` -> `d`/`D`.
/// Case is kept.
pub fn fold_diacritics(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            other => other,
        })
        .collect()
}

/// Turns a title into a URL slug: `Kế hoạch Ngày Người cao tuổi` -> `ke-hoach-ngay-nguoi-cao-tuoi`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in fold_diacritics(text).chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_drop_marks_and_map_d() {
        assert_eq!(
            slugify("Kế hoạch Ngày Người cao tuổi"),
            "ke-hoach-ngay-nguoi-cao-tuoi"
        );
        assert_eq!(slugify("Đường Đông Sơn"), "duong-dong-son");
        assert_eq!(
            slugify("  Nghị định 20/2021/NĐ-CP  "),
            "nghi-dinh-20-2021-nd-cp"
        );
        assert_eq!(slugify("Tổ dân phố số 3"), "to-dan-pho-so-3");
        assert_eq!(slugify("ỗ ữ ặ ậ ễ ỹ"), "o-u-a-a-e-y");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn slugs_of_nfd_and_nfc_input_agree() {
        let nfc = "Người khuyết tật";
        let nfd: String = nfc.nfd().collect();
        assert_ne!(nfc, nfd);
        assert_eq!(slugify(nfc), slugify(&nfd));
    }

    #[test]
    fn folding_keeps_case_and_spaces() {
        assert_eq!(fold_diacritics("Trợ cấp Đông Sơn"), "Tro cap Dong Son");
    }
}
