//! Markers split off lines, and markers that only continue the sentence above.

use super::*;

#[test]
fn markers() {
    let m = |s: &str| split_marker(s).map(|(m, r)| (m.style, m.text, r.to_string()));
    assert_eq!(
        m("II. Yêu cầu"),
        Some((Style::Roman, "II.".into(), "Yêu cầu".into()))
    );
    assert_eq!(
        m("B. NỘI DUNG"),
        Some((Style::UpperLetter, "B.".into(), "NỘI DUNG".into()))
    );
    assert_eq!(
        m("1.1. Nội dung:"),
        Some((Style::Decimal(2), "1.1.".into(), "Nội dung:".into()))
    );
    assert_eq!(
        m("2.1 Biên soạn"),
        Some((Style::Decimal(2), "2.1".into(), "Biên soạn".into()))
    );
    assert_eq!(
        m("a) Giáo dục"),
        Some((Style::LowerLetter, "a)".into(), "Giáo dục".into()))
    );
    assert_eq!(
        m("đ) Khác"),
        Some((Style::LowerLetter, "đ)".into(), "Khác".into()))
    );
    assert_eq!(
        m("- Tham gia"),
        Some((Style::Dash, "-".into(), "Tham gia".into()))
    );
    assert_eq!(
        m("+ Kết nối"),
        Some((Style::Plus, "+".into(), "Kết nối".into()))
    );
    assert_eq!(
        m("(ii) Khai thác"),
        Some((Style::ParenRoman, "(ii)".into(), "Khai thác".into()))
    );
    assert_eq!(
        m("Một là, tăng cường"),
        Some((Style::Ordinal, "Một là".into(), "tăng cường".into()))
    );
    assert_eq!(
        m("Điều 1. Ban hành"),
        Some((Style::Article, "Điều 1.".into(), "Ban hành".into()))
    );
    assert_eq!(
        m("IV - TỔ CHỨC"),
        Some((Style::Roman, "IV -".into(), "TỔ CHỨC".into()))
    );
    assert!(split_marker("10.000 tỷ đồng").is_none());
    assert!(split_marker("2025 là năm").is_none());
    assert!(split_marker("Việt Nam").is_none());
    assert!(split_marker("V/v tăng cường").is_none());
    assert!(split_marker("---").is_none());
    assert_eq!(
        m("PHẦN I. TÌNH HÌNH"),
        Some((Style::Part, "PHẦN I".into(), "TÌNH HÌNH".into()))
    );
    assert_eq!(
        m("Phần thứ hai: Nhiệm vụ"),
        Some((Style::Part, "Phần thứ hai".into(), "Nhiệm vụ".into()))
    );
}

#[test]
fn wrapped_markers() {
    assert!(is_wrapped_marker("giai đoạn 2021", "- 2025 theo hướng"));
    assert!(is_wrapped_marker("ứng phó sự cố cấp độ", "1. Cấp ngay"));
    assert!(!is_wrapped_marker(
        "thành phố sáng tạo",
        "- Tổ chức hội nghị"
    ));
    assert!(!is_wrapped_marker(
        "phố Sáng tạo của UNESCO",
        "1.1. Nội dung:"
    ));
}

#[test]
fn bullets_are_told_from_numbers_and_stripped_from_titles() {
    for b in ["-", "+", "•", "–", " - "] {
        assert!(is_bullet(b), "{b:?}");
    }
    for n in ["1.", "a)", "II.", "--", "-a", ""] {
        assert!(!is_bullet(n), "{n:?}");
    }
    assert_eq!(
        strip_bullets("- Tham mưu UBND Thành phố"),
        "Tham mưu UBND Thành phố"
    );
    assert_eq!(
        strip_bullets("+ - Kết nối các thành phố"),
        "Kết nối các thành phố"
    );
    assert_eq!(strip_bullets("• Hội nghị"), "Hội nghị");
    // A sign or a hyphenated word is not a bullet.
    assert_eq!(strip_bullets("-5% so với năm 2024"), "-5% so với năm 2024");
    assert_eq!(strip_bullets("+84 24 3825 3527"), "+84 24 3825 3527");
    assert_eq!(
        strip_bullets("Hà Nội - Thành phố sáng tạo"),
        "Hà Nội - Thành phố sáng tạo"
    );
    assert_eq!(strip_bullets("- "), "");
}

#[test]
fn a_heading_in_capitals_ending_with_a_counting_word_is_finished() {
    // "ĐỊA ĐIỂM" and "SỐ" end headings; "điểm" and "số" in a sentence count the number.
    for prev in [
        "II. ĐƠN VỊ TỔ CHỨC - THỜI GIAN - ĐỊA ĐIỂM",
        "III. XÂY DỰNG CHÍNH QUYỀN SỐ",
    ] {
        assert!(!is_wrapped_marker(prev, "1. Đơn vị tổ chức"), "{prev}");
    }
    assert!(is_wrapped_marker("theo quy định tại điểm", "1. khoản 2"));
    assert!(is_wrapped_marker(
        "Ứng phó sự cố theo cấp độ",
        "1. Cấp ngay"
    ));
}
