use super::*;

const PLAN_REF: &str = "Kế hoạch số 285/KH-SVHTT";

fn line(name: &str, amount: Option<i64>, unit: Option<&str>) -> FundingLine {
    FundingLine {
        name: name.into(),
        legal_basis: PLAN_REF.into(),
        year: None,
        amount,
        unit: unit.map(str::to_string),
    }
}

#[test]
fn the_seed_funds_everything_from_one_source_assigned_to_the_lead_unit() {
    // The seed plan's section III, read by the reader itself.
    let seed = include_str!("../../../sangtao/seed/hanoi-2025-uccn.txt");
    let parsed = vanban::parse_text(seed);
    let p = propose(&parsed);
    // The seed has no number yet: no plan to name as the legal basis.
    assert_eq!(parsed.document.number, None);
    assert_eq!(
        p.lines,
        vec![FundingLine {
            legal_basis: String::new(),
            ..line(
                "Kinh phí Các hoạt động của Hà Nội tham gia Mạng lưới các Thành phố Sáng tạo \
                 của UNESCO",
                None,
                Some("Phòng Quản lý Di sản văn hóa"),
            )
        }]
    );
    assert_eq!(p.stated_total, None, "the seed names no amount");
}

#[test]
fn a_source_granted_to_a_unit_for_a_year() {
    // corpus 01 (Hà Nội, Sở VHTT): "7. Kinh phí: …".
    let p = propose_text(
        "Kinh phí thực hiện từ nguồn ngân sách Nhà nước của UBND Thành phố cấp cho Sở Văn \
         hóa và Thể thao năm 2020.",
        PLAN_REF,
    );
    assert_eq!(
        p.lines,
        vec![FundingLine {
            year: Some(2020),
            ..line(
                "Ngân sách Nhà nước của UBND Thành phố",
                None,
                Some("Sở Văn hóa và Thể thao")
            )
        }]
    );
}

#[test]
fn a_list_of_sources_in_one_sentence_is_one_line_each() {
    // corpus 20 (Cần Thơ, KH 160).
    let p = propose_text(
        "Kinh phí thực hiện từ nguồn ngân sách Trung ương, nguồn ngân sách thành phố đối ứng \
         và các nguồn huy động, vận động, nguồn hợp pháp khác.",
        PLAN_REF,
    );
    let names: Vec<&str> = p.lines.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Ngân sách Trung ương",
            "Ngân sách thành phố đối ứng",
            "Các nguồn huy động, vận động",
            "Nguồn hợp pháp khác"
        ]
    );
    assert!(
        p.lines
            .iter()
            .all(|l| l.amount.is_none() && l.unit.is_none())
    );
}

#[test]
fn bulleted_sources_are_one_line_each() {
    // corpus 12 (Đắk Lắk, KH 0130), the bullets joined on one line as the reader keeps them.
    let p = propose_text(
        "- Từ ngân sách tỉnh, ngân sách địa phương theo phân cấp. - Nguồn dự phòng phòng \
         chống thiên tai và dịch bệnh. - Hỗ trợ từ trung ương, tổ chức quốc tế và các nguồn \
         hợp pháp khác.",
        PLAN_REF,
    );
    let names: Vec<&str> = p.lines.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Ngân sách tỉnh",
            "Ngân sách địa phương",
            "Nguồn dự phòng phòng chống thiên tai và dịch bệnh",
            "Hỗ trợ từ trung ương, tổ chức quốc tế",
            "Các nguồn hợp pháp khác"
        ]
    );
}

#[test]
fn a_source_named_twice_is_one_line() {
    // corpus 14 (Đồng Tháp, KH 556): point 2 names the state budget again.
    let p = propose_text(
        "1. Kinh phí bảo đảm thực hiện Kế hoạch này được bố trí từ nguồn ngân sách nhà nước \
         theo phân cấp quản lý ngân sách hiện hành; nguồn tài trợ, viện trợ, nguồn xã hội \
         hóa. 2. Các sở, ngành, địa phương có liên quan có trách nhiệm chủ động cân đối trong \
         nguồn ngân sách nhà nước được bố trí trong năm để triển khai thực hiện nhiệm vụ.",
        PLAN_REF,
    );
    let names: Vec<&str> = p.lines.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Ngân sách nhà nước",
            "Nguồn tài trợ",
            "Viện trợ",
            "Nguồn xã hội hóa"
        ]
    );
}

#[test]
fn each_source_takes_the_amount_written_beside_it_and_the_total_is_checked() {
    let text = "Tổng kinh phí thực hiện: 500.000.000 đồng (Năm trăm triệu đồng), trong đó: \
                ngân sách thành phố 300 triệu đồng; nguồn xã hội hóa: 200.000.000 đồng.";
    let p = propose_text(text, PLAN_REF);
    assert_eq!(
        p.lines,
        vec![
            line("Ngân sách thành phố", Some(300_000_000), None),
            line("Nguồn xã hội hóa", Some(200_000_000), None),
        ]
    );
    assert_eq!(p.stated_total, Some(500_000_000));
    assert_eq!(p.mismatch(), None, "the parts add up to the total");
    let wrong = text.replace("300 triệu", "250 triệu");
    let p = propose_text(&wrong, PLAN_REF);
    assert_eq!(p.mismatch(), Some((500_000_000, 450_000_000)));
}

#[test]
fn a_total_goes_to_the_only_source_and_stays_apart_from_several() {
    let p = propose_text(
        "Tổng kinh phí là 1.250.000.000 đồng từ nguồn ngân sách thành phố năm 2026 giao Sở \
         Văn hóa và Thể thao thực hiện theo Quyết định số 6012/QĐ-UBND ngày 20/12/2025.",
        PLAN_REF,
    );
    assert_eq!(
        p.lines,
        vec![FundingLine {
            legal_basis: "Quyết định số 6012/QĐ-UBND".into(),
            year: Some(2026),
            ..line(
                "Ngân sách thành phố",
                Some(1_250_000_000),
                Some("Sở Văn hóa và Thể thao")
            )
        }]
    );
    assert_eq!(p.stated_total, None, "the line's own amount");
    let p = propose_text(
        "Tổng kinh phí: 7.080 tỷ đồng, từ ngân sách Trung ương và ngân sách tỉnh.",
        PLAN_REF,
    );
    assert_eq!(
        p.lines,
        vec![
            line("Ngân sách Trung ương", None, None),
            line("Ngân sách tỉnh", None, None)
        ]
    );
    assert_eq!(p.stated_total, Some(7_080_000_000_000));
    assert_eq!(p.mismatch(), None, "no line has an amount to disagree");
}

#[test]
fn an_amount_with_no_source_is_one_unnamed_line_and_no_section_is_nothing() {
    let p = propose_text("Dự toán kinh phí: 120 triệu đồng.", "");
    assert_eq!(
        p.lines,
        vec![FundingLine {
            name: UNNAMED_SOURCE.into(),
            amount: Some(120_000_000),
            ..FundingLine::default()
        }]
    );
    assert_eq!(
        propose_text("Các đơn vị chủ động bố trí.", ""),
        Proposal::default()
    );
    assert_eq!(propose(&vanban::parse_text("")), Proposal::default());
}

#[test]
fn every_corpus_plan_with_a_budget_section_gives_bounded_named_lines() {
    // The reader's budget sections of the shared corpus, when it is there.
    let Ok(dir) = std::fs::read_dir("../../../shared/corpus/plans") else {
        return;
    };
    for e in dir.flatten() {
        let Ok(text) = std::fs::read_to_string(e.path()) else {
            continue;
        };
        let p = propose(&vanban::parse_text(&text));
        assert!(p.lines.len() <= MAX_LINES, "{:?}", e.path());
        for l in &p.lines {
            assert!(!l.name.trim().is_empty(), "{:?}", e.path());
            assert!(l.name.chars().count() <= MAX_NAME);
            assert!(
                l.name.starts_with(char::is_uppercase),
                "{:?}: {}",
                e.path(),
                l.name
            );
        }
    }
}
