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

/// A short plan around the given content and organisation sections.
fn plan_with(content: &str, organisation: &str) -> crate::ParsedPlan {
    crate::parse_text(&format!(
        "KẾ HOẠCH\nPhát triển văn hóa cơ sở năm 2025\n\
         Sở Văn hóa xây dựng kế hoạch như sau:\n\
         I. NỘI DUNG\n{content}\nII. TỔ CHỨC THỰC HIỆN\n{organisation}\n\
         Nơi nhận:\n- UBND tỉnh;\n- Lưu: VT.\nGIÁM ĐỐC\nLê Văn Tám\n"
    ))
}

fn leads(plan: &crate::ParsedPlan) -> Vec<(String, Vec<String>)> {
    plan.all_items()
        .map(|i| (i.title.clone(), i.lead_units.clone()))
        .collect()
}

#[test]
fn a_unit_named_before_a_colon_leads_its_task() {
    let plan = plan_with(
        "1. Rà soát thiết chế văn hóa\n\
         + Sở Xây dựng: hướng dẫn tiêu chuẩn thiết kế nhà văn hóa.\n\
         + Phòng Quản lý văn hóa: tổng hợp kết quả rà soát.\n\
         + Trường hợp cần thiết: tổ chức kiểm tra thực tế.",
        "Các đơn vị thực hiện theo kế hoạch.",
    );
    let got = leads(&plan);
    let lead_of = |start: &str| {
        got.iter()
            .find(|(t, _)| t.contains(start))
            .map(|(_, l)| l.clone())
            .unwrap_or_else(|| panic!("no item {start}: {got:?}"))
    };
    assert_eq!(lead_of("Sở Xây dựng"), ["Sở Xây dựng"]);
    assert_eq!(lead_of("Phòng Quản lý văn hóa"), ["Phòng Quản lý văn hóa"]);
    assert!(lead_of("Trường hợp").is_empty());
}

#[test]
fn a_unit_that_leads_and_advises_without_a_comma() {
    let plan = plan_with(
        "1. Sở Nội vụ chủ trì tham mưu UBND tỉnh ban hành quy chế thi đua.\n\
         2. Công an tỉnh chủ trì bảo đảm an ninh trật tự.",
        "",
    );
    let got = leads(&plan);
    assert_eq!(got[0].1, ["Sở Nội vụ"], "{got:?}");
    assert_eq!(got[1].1, ["Công an tỉnh"], "{got:?}");
}

#[test]
fn units_listed_as_bullets_under_their_label_belong_to_the_task() {
    let plan = plan_with(
        "1. Tổ chức liên hoan văn nghệ quần chúng\n\
         - Cơ quan thực hiện:\n\
         + Sở Văn hóa và Thể thao;\n\
         + Ủy ban nhân dân các huyện.\n\
         - Thời gian: Quý III/2025",
        "",
    );
    let item = &plan.items[0];
    assert_eq!(
        item.lead_units,
        ["Sở Văn hóa và Thể thao", "Ủy ban nhân dân các huyện"]
    );
    assert!(item.children.is_empty(), "{:?}", item.children);
}

#[test]
fn responsibilities_are_units_and_closing_remarks_are_not() {
    let plan = plan_with(
        "1. Tổ chức hội thi tuyên truyền.",
        "1. Phòng Quản lý văn hóa\nChủ trì tổ chức hội thi.\n\
         2. Các sở, ngành và UBND các xã, phường căn cứ chức năng, nhiệm vụ có trách nhiệm phối hợp triển khai kế hoạch.\n\
         3. Đề nghị: Liên đoàn Lao động tỉnh phối hợp tuyên truyền trong đoàn viên.\n\
         4. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các đơn vị báo cáo về Sở để tổng hợp.",
    );
    let units: Vec<&str> = plan
        .responsibilities
        .iter()
        .map(|r| r.unit.as_str())
        .collect();
    assert_eq!(
        units,
        [
            "Phòng Quản lý văn hóa",
            "Các sở, ngành và UBND các xã, phường",
            "Liên đoàn Lao động tỉnh",
        ],
        "{:?}",
        plan.responsibilities
    );
    assert!(plan.responsibilities[1].duties[0].contains("có trách nhiệm"));
}

#[test]
fn a_plan_issued_with_a_decision_has_no_number_of_its_own() {
    let plan = crate::parse_text(
        "ỦY BAN NHÂN DÂN\nTỈNH AN HÒA\nKẾ HOẠCH\nPhát triển du lịch năm 2026\n\
         (Ban hành kèm theo Quyết định số 215/QĐ-UBND ngày 05 tháng 02 năm 2026 của Ủy ban nhân dân tỉnh An Hòa)\n\
         I. MỤC TIÊU\n1. Thu hút khách du lịch.\n",
    );
    let d = &plan.document;
    assert_eq!((d.number.as_deref(), d.symbol.as_deref()), (None, None));
    assert_eq!(d.date, chrono::NaiveDate::from_ymd_opt(2026, 2, 5));
    let by = d.issued_by.as_ref().expect("the decision");
    assert_eq!(
        (
            by.kind_code.as_deref(),
            by.number.as_deref(),
            by.symbol.as_deref()
        ),
        (Some("QĐ"), Some("215"), Some("QĐ-UBND"))
    );
    assert_eq!(d.kind_code.as_deref(), Some("KH"));
}

#[test]
fn a_preamble_opening_with_trien_khai_is_legal_basis() {
    let plan = crate::parse_text(
        "KẾ HOẠCH\nChuyển đổi số năm 2026\n\
         Triển khai thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;\n\
         Căn cứ Luật Giao dịch điện tử ngày 22 tháng 6 năm 2023;\n\
         Triển khai nhiệm vụ được giao, Sở xây dựng kế hoạch như sau:\n\
         I. NỘI DUNG\n1. Số hóa hồ sơ.\n",
    );
    let texts: Vec<&str> = plan.legal_basis.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(texts[0].starts_with("Triển khai thực hiện Nghị quyết"));
    assert_eq!(plan.legal_basis[0].refs[0].number.as_deref(), Some("57"));
    assert_eq!(
        plan.legal_basis[1].refs.len(),
        1,
        "the law by its name and date"
    );
}

/// The warning a document copied without its ND30 header gets.
fn says_no_header(plan: &crate::ParsedPlan) -> bool {
    plan.warnings
        .iter()
        .any(|w| w.message.starts_with("no document header was found"))
}

#[test]
fn a_document_without_its_header_is_read_from_its_title_with_a_warning() {
    // Scrapes and conversions that start at the title: a Markdown heading naming the kind in
    // lowercase or in capitals, or an HTML page whose tasks are a <table>.
    let tasks = "1. Tổ chức vòng sơ khảo\n\n- Đơn vị chủ trì: Phòng Quản lý nghệ thuật\n\n\
                 2. Tổ chức vòng chung khảo\n\n- Đơn vị chủ trì: Trung tâm Văn hóa Hà Nội\n";
    let html_tasks = "<table>\n<tr><th>TT</th><th>Nội dung</th><th>Đơn vị chủ trì</th>\
                      <th>Thời gian</th></tr>\n\
                      <tr><td>1</td><td>Tổ chức vòng sơ khảo</td>\
                      <td>Phòng Quản lý nghệ thuật</td><td>Quý II/2026</td></tr>\n\
                      <tr><td>2</td><td>Tổ chức vòng chung khảo</td>\
                      <td>Trung tâm Văn hóa Hà Nội</td><td>Quý III/2026</td></tr>\n</table>\n";
    let documents = [
        format!(
            "# Kế hoạch tổ chức Liên hoan nghệ thuật năm 2026\n\n## I. NỘI DUNG\n\n{tasks}\n\
             ## II. TỔ CHỨC THỰC HIỆN\n\n### 1. Phòng Quản lý nghệ thuật\n\nChủ trì.\n"
        ),
        format!(
            "# KẾ HOẠCH\n\n## Tổ chức Liên hoan nghệ thuật năm 2026\n\n## I. NỘI DUNG\n\n{tasks}"
        ),
        format!(
            "<html><body>\n<h1>KẾ HOẠCH</h1>\n<h2>Tổ chức Liên hoan nghệ thuật năm 2026</h2>\n\
             <h3>I. NHIỆM VỤ</h3>\n{html_tasks}<h3>II. TỔ CHỨC THỰC HIỆN</h3>\n\
             <p>1. Phòng Quản lý nghệ thuật: chủ trì.</p>\n</body></html>\n"
        ),
    ];
    for text in &documents {
        let plan = crate::parse_text(text);
        let d = &plan.document;
        assert_eq!(d.kind_code.as_deref(), Some("KH"), "{text}");
        assert!(
            crate::text::fold(&d.title).contains("lien hoan nghe thuat nam 2026"),
            "{:?}",
            d.title
        );
        assert_eq!(
            leads(&plan),
            [
                (
                    "Tổ chức vòng sơ khảo".to_string(),
                    vec!["Phòng Quản lý nghệ thuật".to_string()]
                ),
                (
                    "Tổ chức vòng chung khảo".to_string(),
                    vec!["Trung tâm Văn hóa Hà Nội".to_string()]
                ),
            ],
            "{text}"
        );
        assert!(says_no_header(&plan), "{:?}", plan.warnings);
    }
}

#[test]
fn a_document_with_its_header_gets_no_header_warning() {
    let plan = crate::parse_text(
        "SỞ VĂN HÓA VÀ THỂ THAO\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\
         Số: 12/KH-SVHTT\nHà Nội, ngày 05 tháng 3 năm 2026\n\nKẾ HOẠCH\nTổ chức Liên hoan năm 2026\n\n\
         I. NỘI DUNG\n1. Tổ chức vòng sơ khảo\n",
    );
    assert_eq!(plan.document.number.as_deref(), Some("12"));
    assert!(!says_no_header(&plan), "{:?}", plan.warnings);
}
