use super::*;

fn table() -> SpokenTable {
    let mut diagnostics = crate::diagnostics::Diagnostics::new();
    crate::load::abbreviations::default_table(&mut diagnostics)
}

#[test]
fn abbreviations_are_said_in_full_as_whole_words_only() {
    let table = table();
    let cases = [
        (
            "Phó Chủ tịch UBND phường",
            "Phó Chủ tịch Ủy ban nhân dân phường",
        ),
        ("BHYT miễn phí.", "Bảo hiểm y tế miễn phí."),
        ("thẻ BHYT, BHXH.", "thẻ bảo hiểm y tế, bảo hiểm xã hội."),
        ("Xong. BHYT", "Xong. Bảo hiểm y tế"),
        ("(MTTQ)", "(Mặt trận Tổ quốc)"),
        (
            "Văn phòng HĐND-UBND",
            "Văn phòng Hội đồng nhân dân - Ủy ban nhân dân",
        ),
        ("Phòng VH-XH", "Phòng Văn hóa - Xã hội"),
        ("Sở LĐTBXH", "Sở Lao động - Thương binh và Xã hội"),
        ("cán bộ & nhân viên", "cán bộ và nhân viên"),
        // Inside a longer word, an address or another case: as written.
        ("UBNDX và ubnd", "UBNDX và ubnd"),
        (
            "https://luukiem.gov.vn/UBND/ và ubnd@luukiem.gov.vn",
            "https://luukiem.gov.vn/UBND/ và ubnd@luukiem.gov.vn",
        ),
        ("www.UBND.vn", "www.UBND.vn"),
        ("mã OTP", "mã OTP"),
    ];
    for (written, said) in cases {
        assert_eq!(abbreviations(written, &table), said, "{written}");
    }
}

#[test]
fn a_site_entry_is_used() {
    let mut table = table();
    table
        .abbreviations
        .insert("HND".to_owned(), "Hội Nông dân".to_owned());
    assert_eq!(
        abbreviations("Hội viên HND tổ 5", &table),
        "Hội viên Hội Nông dân tổ 5"
    );
}
