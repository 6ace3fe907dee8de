//! The report composed from a hand-built plan shaped like the seed (bullets as numbering,
//! a heading without units, units inherited), without a database: section II by top-level
//! item in sentences, the assessment, the next tasks, the proposals, the intro's count of
//! reports, and the appendix's numbers and units.

use super::fixture::*;
use super::*;
use domain::{DelegationStatus, EventKind, ItemStatus, UnitRelation};
use std::collections::HashMap;
use store::{PlanDelegation, PlanView};

mod records;

fn seed_like() -> PlanView {
    let lead = |u| (u, UnitRelation::Lead);
    let coord = |u| (u, UnitRelation::Coordinating);
    let mut one = item(
        1,
        Some("1."),
        "Tham dự các Hội nghị, diễn đàn Mạng lưới trong khu vực Đông Nam Á",
        vec![lead(QLDS), coord(MUSEUM), coord(OFFICE)],
    );
    let mut sessions = item(
        12,
        Some("-"),
        "Tham gia các phiên họp online, các hoạt động khác trong hệ thống mạng lưới các Thành \
         phố sáng tạo (20-30 cuộc/năm)",
        vec![],
    );
    sessions.item.status = ItemStatus::InProgress;
    let mut clip = item(
        13,
        Some("-"),
        "Xây dựng clip (02-03 clip theo chủ đề diễn đàn) giới thiệu hoạt động sáng tạo",
        vec![],
    );
    clip.item.status = ItemStatus::Done;
    one.children = vec![
        item(
            11,
            Some("-"),
            "- Tham mưu UBND Thành phố xây dựng các chương trình giao lưu, kết nối với các \
             Thành phố Sáng tạo",
            vec![],
        ),
        sessions,
        clip,
        item(
            14,
            Some("-"),
            "Tổ chức tọa đàm, workshop, trưng bày, triển lãm (03-05 cuộc)",
            vec![],
        ),
    ];
    let mut two = item(
        2,
        Some("2."),
        "Tuyên truyền các hoạt động thúc đẩy sáng tạo",
        vec![],
    );
    let mut magazine = item(
        21,
        Some("2.1."),
        "Biên soạn và xuất bản với Tạp chí kiến trúc",
        vec![lead(QLDS)],
    );
    magazine.item.status = ItemStatus::InProgress;
    magazine.item.due = Some(d(2025, 3, 31));
    let mut added = item(24, None, "Triển lãm ảnh bổ sung", vec![lead(MUSEUM)]);
    added.item.added = true;
    added.item.due = Some(d(2025, 9, 30));
    two.children = vec![
        magazine,
        item(22, Some("2.2."), "Xây dựng phóng sự", vec![lead(QLDS)]),
        item(23, Some("2.3."), "Biên soạn tài liệu", vec![lead(QLDS)]),
        added,
    ];
    let mut three = item(
        3,
        Some("3."),
        "Kết nối, hình thành Mạng lưới các thành phố sáng tạo của Việt Nam",
        vec![lead(QLDS), lead(OFFICE)],
    );
    three.children = vec![
        item(
            31,
            Some("+"),
            "Kết nối, tham vấn hỗ trợ thành phố Hồ Chí Minh",
            vec![],
        ),
        item(
            32,
            Some("+"),
            "Tổ chức các hoạt động với thành phố Đà Lạt",
            vec![],
        ),
    ];
    plan(vec![one, two, three])
}

struct World {
    plan: PlanView,
    targets: Vec<store::TargetProgress>,
    texts: Vec<store::ReportText>,
    events: Vec<store::EventRecord>,
    delegations: Vec<PlanDelegation>,
    units: HashMap<domain::UnitId, String>,
    recipients: Option<store::PlanRecipients>,
    grades: HashMap<domain::ItemId, store::EvaluationRecord>,
    directions: Vec<store::DirectionRecord>,
    money: Vec<store::ItemMoney>,
}

fn world() -> World {
    let mut talk = event(
        2,
        "Tọa đàm thiết kế sáng tạo",
        EventKind::Talk,
        d(2025, 5, 20),
        &[14, 21],
    );
    talk.format = domain::EventFormat::InPerson;
    talk.venue = "Bảo tàng Hà Nội".into();
    talk.outcome = "Giới thiệu 12 không gian sáng tạo".into();
    World {
        plan: seed_like(),
        targets: vec![
            target(1, 12, 20.0, 30.0, "cuộc", Some(21.0)),
            target(2, 13, 2.0, 3.0, "clip", Some(2.0)),
            target(3, 14, 3.0, 5.0, "cuộc", Some(1.0)),
            target(4, 21, 30.0, 40.0, "trang", None),
        ],
        texts: vec![
            text(
                12,
                QLDS,
                "- Đã tham gia 21 phiên họp trực tuyến của Mạng lưới.",
                "Thiếu phiên dịch viên",
                "Bổ sung kinh phí thuê phiên dịch",
            ),
            text(
                12,
                QLDS,
                "Đã tham gia 21 phiên họp trực tuyến của Mạng lưới",
                "",
                "",
            ),
            text(
                13,
                MUSEUM,
                "Hoàn thành 2 clip giới thiệu",
                "",
                "bổ sung kinh phí thuê phiên dịch.",
            ),
        ],
        events: vec![
            event(
                1,
                "Phiên họp mạng lưới Đông Nam Á",
                EventKind::OnlineSession,
                d(2025, 3, 12),
                &[12],
            ),
            talk,
        ],
        delegations: vec![
            PlanDelegation {
                delegation: delegation(
                    "Dự Hội nghị thường niên",
                    d(2025, 5, 3),
                    DelegationStatus::Reported,
                    "Ký biên bản hợp tác với Pécs.",
                ),
                items: vec![domain::ItemId(12)],
            },
            PlanDelegation {
                delegation: delegation(
                    "Đoàn chưa đi",
                    d(2025, 6, 3),
                    DelegationStatus::Submitted,
                    "",
                ),
                items: vec![domain::ItemId(12)],
            },
        ],
        units: [QLDS, MUSEUM, OFFICE]
            .into_iter()
            .map(|u| (u, unit_name(u).to_string()))
            .collect(),
        recipients: None,
        grades: HashMap::new(),
        directions: Vec::new(),
        money: Vec::new(),
    }
}

fn compose(w: &World, period: Period) -> (DraftContent, reports::official_report::OfficialReport) {
    compose_for(w, period, &domain::Department::hanoi())
}

fn compose_for(
    w: &World,
    period: Period,
    department: &domain::Department,
) -> (DraftContent, reports::official_report::OfficialReport) {
    compose_with(w, period, department, &states(&w.plan, period.end()))
}

/// [`compose_for`] over given item states (a test that moves them).
fn compose_with(
    w: &World,
    period: Period,
    department: &domain::Department,
    states: &[domain::tracking::ItemState],
) -> (DraftContent, reports::official_report::OfficialReport) {
    let i = Inputs {
        plan: &w.plan,
        period,
        targets: &w.targets,
        texts: &w.texts,
        grades: &w.grades,
        states,
        events: &w.events,
        delegations: &w.delegations,
        unit_names: &w.units,
        recipients: w.recipients.as_ref(),
        directions: &w.directions,
        department,
        money: &w.money,
    };
    let d = prefill(&i);
    let r = assemble(&i, &d);
    (d, r)
}

#[test]
fn section_two_tells_each_top_level_item_in_sentences() {
    let (_, r) = compose(&world(), Period::Half(2025, 1));
    let heads: Vec<&str> = r.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(
        heads,
        [
            "1. Tham dự các Hội nghị, diễn đàn Mạng lưới trong khu vực Đông Nam Á",
            "2. Tuyên truyền các hoạt động thúc đẩy sáng tạo",
            "3. Kết nối, hình thành Mạng lưới các thành phố sáng tạo của Việt Nam",
        ]
    );
    let one = &r.sections[0].paragraphs;
    let expected = [
        "Đã hoàn thành 1/4 nhiệm vụ; 1 nhiệm vụ đang thực hiện.",
        // Said twice by one unit, once by another: each statement once, units named.
        "- Đã tham gia 21 phiên họp trực tuyến của Mạng lưới (Phòng Quản lý Di sản văn hóa).",
        "- Hoàn thành 2 clip giới thiệu (Bảo tàng Hà Nội).",
        "- Tham gia các phiên họp online: 21 cuộc, đạt 105% chỉ tiêu kế hoạch (20–30 cuộc/năm).",
        "- Xây dựng clip giới thiệu hoạt động sáng tạo: 2 clip, đạt 100% chỉ tiêu kế hoạch (2–3 clip).",
        "- Tổ chức tọa đàm, workshop, trưng bày, triển lãm: mới đạt 1/3 cuộc, bằng 33% mức tối \
         thiểu của chỉ tiêu kế hoạch (3–5 cuộc/năm).",
        "Trong kỳ đã diễn ra 2 sự kiện:",
        "- Phiên họp trực tuyến “Phiên họp mạng lưới Đông Nam Á” (ngày 12/03/2025, trực tuyến, \
         quy mô Đông Nam Á, Phòng Quản lý Di sản văn hóa chủ trì).",
        // The title names its kind: not said twice.
        "- Tọa đàm thiết kế sáng tạo (ngày 20/05/2025, tại Bảo tàng Hà Nội, quy mô \
         Đông Nam Á, Phòng Quản lý Di sản văn hóa chủ trì); kết quả: Giới thiệu 12 không gian \
         sáng tạo.",
        // Only the delegation that went.
        "- Đoàn công tác “Dự Hội nghị thường niên” đi Pécs, Hungary từ 03/05/2025 đến \
         08/05/2025; kết quả: Ký biên bản hợp tác với Pécs.",
        "Đơn vị thực hiện: Phòng Quản lý Di sản văn hóa (chủ trì); Bảo tàng Hà Nội, Văn phòng \
         Sở (phối hợp).",
        "Còn 2 nhiệm vụ chưa triển khai: tham mưu UBND Thành phố xây dựng các chương trình \
         giao lưu; tổ chức tọa đàm, workshop, trưng bày, triển lãm.",
    ];
    assert_eq!(one, &expected.map(String::from).to_vec());
    // A part nobody reported on says so, and its unset target and late item are figures.
    let two = &r.sections[1].paragraphs;
    assert_eq!(
        two[..2],
        [
            "1/4 nhiệm vụ đang thực hiện.".to_string(),
            "Trong kỳ, các đơn vị chưa báo cáo kết quả thực hiện nội dung này.".to_string()
        ]
    );
    assert!(two.contains(
        &"- Biên soạn và xuất bản với Tạp chí kiến trúc: chưa có số liệu thực hiện (chỉ tiêu kế \
          hoạch 30–40 trang)."
            .to_string()
    ));
    assert!(
        two.last()
            .unwrap()
            .starts_with("Còn 3 nhiệm vụ chưa triển khai: xây dựng phóng sự")
    );
    // No dump: no per-item unit or status lines, no bullets in titles.
    let all: String = r
        .sections
        .iter()
        .flat_map(|s| std::iter::once(&s.heading).chain(&s.paragraphs))
        .cloned()
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!all.contains("Tình trạng") && !all.contains("Chưa triển khai"));
    assert!(!all.contains("- - ") && !all.contains("- + ") && !all.contains(": - "));
    // The XLSX annex still has every item.
    assert_eq!(r.results.len(), 13);
}

#[test]
fn the_intro_says_who_reported_and_never_zero_units() {
    let w = world();
    let (d, _) = compose(&w, Period::Half(2025, 1));
    assert_eq!(
        d.results_intro,
        "Trong 6 tháng đầu năm 2025, Phòng Quản lý Di sản văn hóa và Bảo tàng Hà Nội đã gửi 3 \
         báo cáo tiến độ về 2 nội dung, nhiệm vụ; 2 sự kiện gắn với Kế hoạch đã diễn ra. Kết \
         quả thực hiện từng nội dung như sau:"
    );
    let silent = World {
        texts: vec![],
        events: vec![],
        ..world()
    };
    let (d, _) = compose(&silent, Period::Year(2025));
    assert_eq!(
        d.results_intro,
        "Trong năm 2025, chưa có đơn vị nào gửi báo cáo tiến độ. Kết quả dưới đây tổng hợp từ \
         số liệu và tình trạng các nhiệm vụ tính đến ngày 31/12/2025:"
    );
    assert!(!d.results_intro.contains(" 0 "));
}

#[test]
fn the_assessment_names_what_falls_short_and_why() {
    let (d, _) = compose(&world(), Period::Half(2025, 1));
    let lines: Vec<&str> = d.difficulties.lines().collect();
    assert_eq!(
        lines,
        [
            // 1 of 3 by 30/06 keeps the year's pace (1.49 due): not a shortfall yet.
            "1 chỉ tiêu chưa đạt mức tối thiểu của năm nhưng đúng tiến độ:",
            "- Tổ chức tọa đàm, workshop, trưng bày, triển lãm: mới đạt 1 cuộc, còn thiếu 2 cuộc \
             so với mức tối thiểu 3 cuộc (chỉ tiêu 3–5 cuộc/năm).",
            "1 chỉ tiêu chưa có số liệu thực hiện:",
            "- Biên soạn và xuất bản với Tạp chí kiến trúc: chỉ tiêu 30–40 trang.",
            "Còn 1 nhiệm vụ chậm tiến độ (quá hạn tính đến ngày 30/06/2025):",
            "- 2.1. Biên soạn và xuất bản với Tạp chí kiến trúc (hạn 31/03/2025; chủ trì: Phòng \
             Quản lý Di sản văn hóa).",
        ]
    );
    assert_eq!(
        d.causes,
        "- Thiếu phiên dịch viên (Phòng Quản lý Di sản văn hóa)."
    );
    // By 30/09 the same 1 of 3 is behind (2 due), named with the pace; at the year's end
    // it is a shortfall against the minimum.
    let (nine, _) = compose(&world(), Period::NineMonths(2025));
    assert!(
        nine.difficulties.contains(
            "Còn 1 chỉ tiêu chậm so với tiến độ của năm, có nguy cơ không đạt:\n- Tổ chức tọa \
             đàm, workshop, trưng bày, triển lãm: mới đạt 1 cuộc, còn thiếu 2 cuộc so với mức \
             tối thiểu 3 cuộc (chỉ tiêu 3–5 cuộc/năm); đến 30/09/2025 cần khoảng 2 cuộc theo \
             tiến độ của năm."
        ),
        "{}",
        nine.difficulties
    );
    let (year, _) = compose(&world(), Period::Year(2025));
    assert!(
        year.difficulties
            .starts_with("Còn 1 chỉ tiêu chưa đạt mức tối thiểu:"),
        "{}",
        year.difficulties
    );
    // One proposal from two units, with both.
    assert_eq!(
        d.proposals,
        "- Bổ sung kinh phí thuê phiên dịch (Phòng Quản lý Di sản văn hóa, Bảo tàng Hà Nội)."
    );
    assert!(
        d.achievements
            .contains("2/4 chỉ tiêu đã đạt hoặc vượt kế hoạch:")
    );
    assert!(d.achievements.contains(
        "Trong kỳ đã diễn ra 2 sự kiện gắn với Kế hoạch (1 phiên họp trực tuyến, 1 tọa đàm)."
    ));
    assert!(
        d.achievements
            .contains("1 đoàn công tác đã đi Pécs, Hungary.")
    );
    let quiet = World {
        texts: vec![],
        ..world()
    };
    let (d, _) = compose(&quiet, Period::Half(2025, 1));
    assert!(d.causes.starts_with("Các đơn vị chưa nêu khó khăn"));
    assert_eq!(d.proposals, "");
}

#[test]
fn next_tasks_follow_the_period() {
    let w = world();
    let (h1, _) = compose(&w, Period::Half(2025, 1));
    let lines: Vec<&str> = h1.next_tasks.lines().collect();
    assert_eq!(
        lines[0],
        "Trong 6 tháng cuối năm 2025, tập trung thực hiện 8 nhiệm vụ đến hạn:"
    );
    assert!(
        lines.contains(&"- 2.4. Triển lãm ảnh bổ sung (hạn 30/09/2025; chủ trì: Bảo tàng Hà Nội).")
    );
    assert!(lines.contains(&"Khẩn trương hoàn thành 1 nhiệm vụ đã quá hạn nêu tại mục III."));
    assert!(
        lines.contains(
            &"- Tổ chức tọa đàm, workshop, trưng bày, triển lãm: hiện đạt 1/3–5 cuộc/năm."
        )
    );
    assert!(!h1.next_tasks.contains("Xây dựng clip"), "done");
    let (nine, _) = compose(&w, Period::NineMonths(2025));
    assert!(
        nine.next_tasks
            .starts_with("Trong quý 4/2025, tập trung thực hiện 7 nhiệm vụ")
    );
    assert!(
        !nine.next_tasks.contains("2.4."),
        "due on 30/09, inside the nine months"
    );
    let (year, _) = compose(&w, Period::Year(2025));
    assert!(
        year.next_tasks
            .starts_with("Tiếp tục thực hiện 9 nhiệm vụ chưa hoàn thành")
    );
}

#[test]
fn every_appendix_row_is_numbered_with_its_units_in_effect() {
    let (_, r) = compose(&world(), Period::Year(2025));
    let rows: Vec<(&str, &str, &str)> = r
        .appendix
        .iter()
        .map(|a| {
            (
                a.numbering.as_str(),
                a.title.as_str(),
                a.lead_units.as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows[0],
        (
            "1.",
            "Tham dự các Hội nghị, diễn đàn Mạng lưới trong khu vực Đông Nam Á",
            "Phòng Quản lý Di sản văn hóa"
        )
    );
    assert_eq!(rows[1].0, "1.1.");
    assert!(
        rows[1].1.starts_with("Tham mưu UBND"),
        "no bullet: {}",
        rows[1].1
    );
    assert_eq!(
        rows[1].2,
        "Phòng Quản lý Di sản văn hóa (theo mục cấp trên)"
    );
    let numbers: Vec<&str> = rows.iter().map(|r| r.0).collect();
    assert_eq!(
        numbers,
        [
            "1.", "1.1.", "1.2.", "1.3.", "1.4.", "2.", "2.1.", "2.2.", "2.3.", "2.4.", "3.",
            "3.1.", "3.2."
        ]
    );
    assert_eq!(
        rows[9],
        ("2.4.", "Triển lãm ảnh bổ sung", "Bảo tàng Hà Nội")
    );
    assert_eq!(rows[5].2, "", "a heading without units");
}

#[test]
fn the_subject_and_recipients_of_the_seed_plan() {
    let mut w = world();
    w.recipients = Some(store::PlanRecipients {
        recipients: vec![
            ("Đ/c Giám đốc Sở".into(), Some("để chỉ đạo".into())),
            ("Bảo tàng Hà Nội".into(), None),
        ],
        archive: Some("VT, QLDSVH (6b)".into()),
    });
    let (d, r) = compose(&w, Period::Half(2025, 1));
    assert_eq!(
        d.subject,
        "Kết quả 6 tháng đầu năm 2025 thực hiện Kế hoạch tham gia với vai trò thành viên, tham \
         dự hội nghị, diễn đàn Mạng lưới các thành phố Sáng tạo của UNESCO"
    );
    assert_eq!(r.recipients, ["Bảo tàng Hà Nội", "Lưu: VT, QLDSVH"]);
    assert_eq!(d.signer_name, "Đỗ Đình Hồng");
}

fn money(item: i64, planned: i64, contracted: i64, paid: i64, settled: i64) -> store::ItemMoney {
    store::ItemMoney {
        item_id: domain::ItemId(item),
        numbering: None,
        title: String::new(),
        lead_units: vec![QLDS],
        figures: domain::budget::MoneyFigures {
            planned,
            contracted,
            paid,
            settled,
        },
    }
}

#[test]
fn the_money_is_summed_per_section_and_told_in_section_two() {
    let mut w = world();
    let (_, r) = compose(&w, Period::Half(2025, 1));
    assert_eq!(r.money, None, "no estimate, no money");
    w.money = vec![
        money(12, 32_000_000, 20_000_000, 16_000_000, 0),
        money(13, 8_000_000, 8_000_000, 8_000_000, 8_000_000),
        money(22, 5_000_000, 0, 0, 0),
    ];
    let (_, r) = compose(&w, Period::Half(2025, 1));
    let m = r.money.expect("the plan has money");
    let rows: Vec<(&str, i64, i64, i64, i64)> = m
        .sections
        .iter()
        .chain([&m.total])
        .map(|r| {
            (
                r.numbering.as_str(),
                r.planned,
                r.contracted,
                r.paid,
                r.settled,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("1.", 40_000_000, 28_000_000, 24_000_000, 8_000_000),
            ("2.", 5_000_000, 0, 0, 0),
            ("", 45_000_000, 28_000_000, 24_000_000, 8_000_000),
        ]
    );
    assert_eq!(
        m.sentence,
        "Kinh phí thực hiện Kế hoạch tính đến ngày 30/06/2025: dự toán được phê duyệt \
         45.000.000 đồng; đã ký hợp đồng 28.000.000 đồng; đã thanh toán 24.000.000 đồng, \
         trong đó đã quyết toán 8.000.000 đồng."
    );
    // The annex's "Kinh phí đã sử dụng" is what was paid.
    let spent = |t: &str| {
        r.results
            .iter()
            .find(|x| x.title.starts_with(t))
            .unwrap()
            .spent
    };
    assert_eq!(spent("Tham gia các phiên họp online"), Some(16_000_000));
    assert_eq!(spent("Biên soạn tài liệu"), None);
}
