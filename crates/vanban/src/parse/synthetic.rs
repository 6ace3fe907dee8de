//! A small plan written to exercise every construct the reader promises, including
//! old tone placement (Uỷ, Quí, hoá) and wrapped lines that start with a number.

use crate::model::ParsedPlan;

const PLAN: &str = "\
UỶ BAN NHÂN DÂN
TỈNH THỬ NGHIỆM
CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 0125/KH-UBND
Thử Nghiệm, ngày 05 tháng 3 năm 2025

KẾ HOẠCH
Phát triển văn hoá sáng tạo năm 2025

Căn cứ Quyết định số 12/QĐ-UBND ngày 02/01/2025 của Uỷ ban nhân dân tỉnh về việc giao chỉ tiêu;

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Nâng cao chất lượng hoạt động sáng tạo.
2. Yêu cầu
- Bảo đảm tiết kiệm.

II. NHIỆM VỤ
1. Tổ chức hội thảo chuyên đề
a) Nội dung: tổ chức từ 3 đến 5 buổi hội thảo, xây dựng 01 khu trưng bày.
b) Cơ quan chủ trì: Sở Văn hoá, Thể thao và Du lịch
c) Cơ quan phối hợp: Sở Tài chính; Sở Nội vụ (Phòng Tổ chức, biên chế)
d) Thời gian: Quí IV/2025 - Quý II/2026
2. Sở Thông tin chủ trì, phối hợp với Báo tỉnh, Đài Phát thanh tỉnh đăng ít nhất 04 tin, bài mỗi tháng trong giai đoạn 2021
- 2025 theo kế hoạch.
3. Ứng phó sự cố theo cấp độ
1. Cấp ngay khi có yêu cầu, hoàn thành trước ngày 30/6/2025.
IV. KINH PHÍ
Tổng kinh phí dự kiến 285 tỷ đồng.
IV. TỔ CHỨC THỰC HIỆN
1. Sở Tài chính: bảo đảm kinh phí.
2. Sở Nội vụ
- Theo dõi, đôn đốc.
- Tổng hợp báo cáo hằng năm.
Trên đây là Kế hoạch./.

Nơi nhận:
- Bộ Văn hoá (b/c);
- Lưu: VT, VX.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn Thử

PHỤ LỤC I
DANH MỤC NHIỆM VỤ
STT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian
I | NHÓM NHIỆM VỤ VĂN HÓA |  |  | 
1 | Xây dựng cơ sở dữ liệu | Sở Văn hóa | Sở Tài chính, UBND các xã | Quý II/2025
2 | Số hoá di sản | Sở Thông tin | Sở Văn hóa | Thường xuyên
";

fn plan() -> ParsedPlan {
    crate::parse_text(PLAN)
}

#[test]
fn header_with_old_tone_marks() {
    let p = plan();
    let d = &p.document;
    assert_eq!(
        (d.kind.as_str(), d.kind_code.as_deref()),
        ("Kế hoạch", Some("KH"))
    );
    assert_eq!(
        (d.number.as_deref(), d.symbol.as_deref()),
        (Some("0125"), Some("KH-UBND"))
    );
    assert_eq!(d.issuer.as_deref(), Some("UỶ BAN NHÂN DÂN TỈNH THỬ NGHIỆM"));
    assert_eq!(d.date, chrono::NaiveDate::from_ymd_opt(2025, 3, 5));
    assert_eq!(d.title, "Phát triển văn hoá sáng tạo năm 2025");
    assert_eq!(d.year, Some(2025));
    assert_eq!(p.legal_basis.len(), 1);
    assert_eq!(
        p.legal_basis[0].refs[0].issuer.as_deref(),
        Some("Uỷ ban nhân dân tỉnh")
    );
    assert_eq!((p.purposes.len(), p.requirements.len()), (1, 1));
}

#[test]
fn labelled_fields_fold_into_the_task() {
    let p = plan();
    let t = &p.items[0];
    assert_eq!(t.numbering.as_deref(), Some("1."));
    assert!(
        t.children.is_empty(),
        "a) b) c) d) are fields: {:#?}",
        t.children
    );
    assert_eq!(t.lead_units, vec!["Sở Văn hoá, Thể thao và Du lịch"]);
    assert_eq!(
        t.coordinating_units,
        vec!["Sở Tài chính", "Sở Nội vụ (Phòng Tổ chức, biên chế)"]
    );
    let ranges: Vec<_> = t
        .targets
        .iter()
        .map(|x| (x.min, x.max, x.unit.as_str()))
        .collect();
    assert!(
        ranges.contains(&(Some(3.0), Some(5.0), "buổi")),
        "{ranges:?}"
    );
    assert!(
        ranges.contains(&(Some(1.0), Some(1.0), "khu")),
        "{ranges:?}"
    );
    let d = &t.deadlines[0];
    assert_eq!(d.start, chrono::NaiveDate::from_ymd_opt(2025, 10, 1));
    assert_eq!(d.due, chrono::NaiveDate::from_ymd_opt(2026, 6, 30));
}

#[test]
fn inline_units_floor_targets_and_wrapped_lines() {
    let p = plan();
    let t = &p.items[1];
    assert_eq!(t.lead_units, vec!["Sở Thông tin"]);
    assert_eq!(
        t.coordinating_units,
        vec!["Báo tỉnh", "Đài Phát thanh tỉnh"]
    );
    assert!(
        t.text.contains("giai đoạn 2021 - 2025"),
        "the '- 2025' line continues: {}",
        t.text
    );
    assert!(t.children.is_empty());
    let floor = t
        .targets
        .iter()
        .find(|x| x.unit == "tin, bài")
        .expect("target");
    assert_eq!(
        (floor.min, floor.max, floor.per.as_deref()),
        (Some(4.0), None, Some("tháng"))
    );
    let levels = &p.items[2];
    assert!(
        levels.text.contains("cấp độ 1. Cấp ngay"),
        "{}",
        levels.text
    );
    assert_eq!(
        levels.deadlines[0].due,
        chrono::NaiveDate::from_ymd_opt(2025, 6, 30)
    );
    assert!(
        p.warnings
            .iter()
            .any(|w| w.message.contains("continuation")),
        "{:#?}",
        p.warnings
    );
}

#[test]
fn repeated_section_numbers_keep_the_tree() {
    let p = plan();
    assert_eq!(
        p.budget.as_ref().map(|b| b.amounts_vnd.clone()),
        Some(vec![285_000_000_000])
    );
    let units: Vec<_> = p
        .responsibilities
        .iter()
        .map(|r| (r.unit.as_str(), r.duties.len()))
        .collect();
    assert_eq!(units, vec![("Sở Tài chính", 1), ("Sở Nội vụ", 2)]);
}

#[test]
fn closing_and_appendix() {
    let p = plan();
    assert_eq!(p.recipients.len(), 1);
    assert_eq!(p.recipients[0].note.as_deref(), Some("b/c"));
    assert_eq!(p.archive.as_deref(), Some("VT, VX"));
    let s = p.signer.as_ref().expect("signer");
    assert_eq!(
        (
            s.authority.as_deref(),
            s.title.as_deref(),
            s.name.as_deref()
        ),
        (
            Some("KT. CHỦ TỊCH"),
            Some("PHÓ CHỦ TỊCH"),
            Some("Nguyễn Văn Thử")
        )
    );
    let a = &p.appendices[0];
    assert_eq!(a.label.as_deref(), Some("PHỤ LỤC I"));
    assert_eq!(a.items.len(), 1, "one group row: {:#?}", a.items);
    let g = &a.items[0];
    assert_eq!(g.children.len(), 2);
    assert_eq!(
        g.children[0].coordinating_units,
        vec!["Sở Tài chính", "UBND các xã"]
    );
    assert_eq!(
        g.children[0].deadlines[0].due,
        chrono::NaiveDate::from_ymd_opt(2025, 6, 30)
    );
    assert_eq!(
        g.children[1].deadlines[0].recurrence.as_deref(),
        Some("thường xuyên")
    );
}

#[test]
fn issuer_from_the_body_when_the_header_is_missing() {
    let p = crate::parse_text(
        "KẾ HOẠCH\nThử nghiệm\n\nPhòng Văn hóa và Thông tin xây dựng Kế hoạch như sau:\n\nI. NỘI DUNG\n1. Việc một\n",
    );
    assert_eq!(
        p.document.issuer.as_deref(),
        Some("Phòng Văn hóa và Thông tin")
    );
    assert_eq!(p.items.len(), 1);
}
