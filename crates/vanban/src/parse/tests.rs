//! The parts read on their own: number and symbol, issuer levels, fields, recipients,
//! signer.

use super::closing::{read_signer, recipient_of};
use super::fields::{Field, field_of, labelled_units};
use super::header::{number_and_symbol, split_issuer};
use crate::model::Recipient;

#[test]
fn number_symbol() {
    assert_eq!(
        number_and_symbol("2954/QĐ-UBND"),
        (Some("2954".into()), Some("QĐ-UBND".into()))
    );
    assert_eq!(
        number_and_symbol("          /KH-SVHTT"),
        (None, Some("KH-SVHTT".into()))
    );
    assert_eq!(
        number_and_symbol("5973 /UBND-KT"),
        (Some("5973".into()), Some("UBND-KT".into()))
    );
    assert_eq!(
        number_and_symbol("0204/KH-UBND"),
        (Some("0204".into()), Some("KH-UBND".into()))
    );
}

#[test]
fn issuer_levels() {
    let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        split_issuer(&v(&["ỦY BAN NHÂN DÂN", "TỈNH SƠN LA"])),
        (None, Some("ỦY BAN NHÂN DÂN TỈNH SƠN LA".into()))
    );
    assert_eq!(
        split_issuer(&v(&["UBND THÀNH PHỐ HÀ NỘI", "SỞ VĂN HÓA VÀ THỂ THAO"])),
        (
            Some("UBND THÀNH PHỐ HÀ NỘI".into()),
            Some("SỞ VĂN HÓA VÀ THỂ THAO".into())
        )
    );
}

#[test]
fn fields() {
    assert_eq!(
        field_of("Đơn vị thực hiện: Phòng A"),
        Some((Field::Lead, "Phòng A".into()))
    );
    assert_eq!(field_of("Nội dung:"), Some((Field::Content, String::new())));
    assert_eq!(
        field_of("Thời gian tổ chức diễn đàn: tháng 10/2020"),
        Some((Field::Time, "tháng 10/2020".into()))
    );
    assert_eq!(
        field_of("Số lượng trang: 30- 40 trang"),
        Some((Field::Quantity, "30- 40 trang".into()))
    );
    assert!(field_of("Nội dung các hoạt động trong năm").is_none());
    let (l, c) = labelled_units(
        "Đơn vị chủ trì: Phòng Quản lý Công nghiệp; Đơn vị phối hợp: Phòng Quản lý Năng lượng, Văn phòng Sở.",
    );
    assert_eq!(l, vec!["Phòng Quản lý Công nghiệp"]);
    assert_eq!(c, vec!["Phòng Quản lý Năng lượng", "Văn phòng Sở"]);
}

#[test]
fn recipients_and_notes() {
    assert_eq!(
        recipient_of("- Đ/c Giám đốc Sở; (để chỉ đạo)"),
        Recipient {
            name: "Đ/c Giám đốc Sở".into(),
            note: Some("để chỉ đạo".into())
        }
    );
    assert_eq!(
        recipient_of("- Bộ Công Thương (b/c);"),
        Recipient {
            name: "Bộ Công Thương".into(),
            note: Some("b/c".into())
        }
    );
    assert_eq!(
        recipient_of("- Phòng KHTC, VP;"),
        Recipient {
            name: "Phòng KHTC, VP".into(),
            note: None
        }
    );
}

#[test]
fn signer_blocks() {
    let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let s = read_signer(&v(&[
        "TM. UỶ BAN NHÂN",
        "DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Thành Công",
    ]))
    .unwrap();
    assert_eq!(
        s.authority.as_deref(),
        Some("TM. UỶ BAN NHÂN DÂN KT. CHỦ TỊCH")
    );
    assert_eq!(s.title.as_deref(), Some("PHÓ CHỦ TỊCH"));
    assert_eq!(s.name.as_deref(), Some("Nguyễn Thành Công"));
    let s = read_signer(&v(&["GIÁM ĐỐC", "Đỗ Đình Hồng"])).unwrap();
    assert_eq!(
        (s.authority, s.title.as_deref(), s.name.as_deref()),
        (None, Some("GIÁM ĐỐC"), Some("Đỗ Đình Hồng"))
    );
}

#[test]
fn a_plan_without_headings_is_warned_about_and_its_recipients_are_not_items() {
    // The headings were lost in copying: plain paragraphs, then the closing block, in
    // either of its two usual forms (a table row from Word, or lines).
    let body = "KẾ HOẠCH\nTổ chức hội thi năm 2025\n\
                Sở Y tế xây dựng kế hoạch tổ chức hội thi như sau.\n\
                Hội thi được tổ chức trong quý III năm 2025.\n\
                Phòng Nghiệp vụ chủ trì xây dựng thể lệ.\n";
    for closing in [
        "Nơi nhận:\n- UBND tỉnh;\n- Các phòng thuộc Sở;\n- Lưu: VT.\nGIÁM ĐỐC\nLê Thị Hoa\n",
        "Nơi nhận: / - UBND tỉnh; / - Các phòng thuộc Sở; / - Lưu: VT. | GIÁM ĐỐC / Lê Thị Hoa\n",
    ] {
        let plan = crate::parse_text(&format!("{body}{closing}"));
        assert!(plan.all_items().next().is_none(), "{:?}", plan.items);
        let names: Vec<&str> = plan.recipients.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["UBND tỉnh", "Các phòng thuộc Sở"]);
        assert_eq!(plan.archive.as_deref(), Some("VT"));
        assert!(
            plan.warnings
                .iter()
                .any(|w| w.message.contains("structure") && w.message.contains("not recognised")),
            "{:?}",
            plan.warnings
        );
    }
}
