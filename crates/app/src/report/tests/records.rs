//! The report against records of a period: statuses of the period's end, online sessions
//! in one line, section I's directives, inspections and meetings, and the department
//! profile in the header.

use super::*;

#[test]
fn statuses_are_those_of_the_periods_end_not_todays() {
    // Today the clip item is done; at the half's end nothing was. The report counts and
    // lists the statuses of the period's end, as the dashboard for that date does.
    let w = world();
    let period = Period::Half(2025, 1);
    let mut states = states(&w.plan, period.end());
    for s in &mut states {
        s.status = ItemStatus::NotStarted;
    }
    let (d, r) = compose_with(&w, period, &domain::Department::hanoi(), &states);
    assert!(
        d.achievements.contains("chưa có nhiệm vụ hoàn thành"),
        "{}",
        d.achievements
    );
    assert!(
        !d.achievements.contains("đã hoàn thành,"),
        "{}",
        d.achievements
    );
    assert!(
        r.appendix.iter().all(|row| row.status != "Hoàn thành"),
        "no row says done"
    );
    let one = &r.sections[0].paragraphs;
    assert!(
        !one.iter().any(|p| p.starts_with("Đã hoàn thành")),
        "{one:?}"
    );
}

#[test]
fn online_sessions_are_told_in_one_line() {
    let mut w = world();
    for (n, day) in [(10, 16), (11, 28)] {
        w.events.push(event(
            n,
            "Phiên họp nhóm Thành phố Thiết kế",
            EventKind::OnlineSession,
            d(2025, 1, day),
            &[12],
        ));
    }
    let (_, r) = compose(&w, Period::Half(2025, 1));
    let one = &r.sections[0].paragraphs;
    assert!(
        one.contains(
            &"- 3 phiên họp trực tuyến trong Mạng lưới, từ ngày 16/01/2025 đến ngày 12/03/2025 \
              (quy mô Đông Nam Á)."
                .to_string()
        ),
        "{one:#?}"
    );
    assert!(one.contains(&"Trong kỳ đã diễn ra 4 sự kiện:".to_string()));
    assert!(
        !one.iter()
            .any(|p| p.contains("Phiên họp nhóm Thành phố Thiết kế"))
    );
}

fn direction(
    id: i64,
    kind: domain::oversight::DirectionKind,
    number: Option<&str>,
    date: chrono::NaiveDate,
    summary: &str,
) -> store::DirectionRecord {
    store::DirectionRecord {
        id: domain::DirectionId(id),
        plan_id: domain::PlanId(1),
        kind,
        number: number.map(str::to_string),
        date,
        summary: summary.into(),
        created_by: None,
        created_at: 0,
        updated_at: 0,
        version: 1,
        files: Vec::new(),
    }
}

#[test]
fn section_one_tells_the_directives_inspections_and_meetings_of_the_period() {
    use domain::oversight::DirectionKind::{Directive, Inspection, Meeting};
    let mut w = world();
    let (plain, _) = compose(&w, Period::Half(2025, 1));
    assert_eq!(
        plain.direction.lines().count(),
        1,
        "nothing said without records"
    );
    w.directions = vec![
        direction(
            4,
            Directive,
            Some("40/QĐ-SVHTT"),
            d(2025, 11, 18),
            "Về việc khen thưởng",
        ),
        direction(
            3,
            Inspection,
            None,
            d(2025, 5, 15),
            "Kiểm tra Bảo tàng Hà Nội.",
        ),
        direction(
            1,
            Directive,
            Some("285/SVHTT-QLDS"),
            d(2025, 3, 12),
            "V/v triển khai Kế hoạch tham gia Mạng lưới",
        ),
        direction(
            2,
            Directive,
            Some("12/KH-SVHTT"),
            d(2025, 4, 2),
            "Tổ chức tọa đàm",
        ),
        direction(5, Meeting, None, d(2024, 12, 30), "Họp năm trước"),
    ];
    let (h1, r) = compose(&w, Period::Half(2025, 1));
    let lines: Vec<&str> = h1.direction.lines().collect();
    assert_eq!(lines.len(), 3, "{}", h1.direction);
    assert!(
        lines[0].starts_with("Thực hiện Kế hoạch"),
        "the plan sentence first"
    );
    assert_eq!(
        lines[1],
        "Để triển khai Kế hoạch, Sở đã ban hành 2 văn bản chỉ đạo, triển khai: Công văn số \
         285/SVHTT-QLDS ngày 12/03/2025 về việc triển khai Kế hoạch tham gia Mạng lưới; Kế \
         hoạch số 12/KH-SVHTT ngày 02/04/2025 về việc tổ chức tọa đàm."
    );
    assert_eq!(
        lines[2],
        "Ban Giám đốc Sở đã tổ chức 1 cuộc kiểm tra (ngày 15/05/2025): kiểm tra Bảo tàng Hà Nội."
    );
    assert!(
        !h1.direction.contains("18/11/2025"),
        "outside the half-year"
    );
    assert!(!h1.direction.contains("Họp năm trước"), "before the period");
    assert_eq!(r.narrative.direction, h1.direction);
    let (year, _) = compose(&w, Period::Year(2025));
    assert!(
        year.direction
            .contains("3 văn bản chỉ đạo, triển khai: Công văn số 285/SVHTT-QLDS ngày 12/03/2025")
    );
    assert!(
        year.direction
            .contains("; Quyết định số 40/QĐ-SVHTT ngày 18/11/2025 về việc khen thưởng.")
    );
    assert!(!year.direction.contains("về việc về việc"));
}

#[test]
fn the_header_symbol_place_and_closing_come_from_the_department_profile() {
    // The fixture plan names its issuer "Sở Văn hóa và Thể thao Hà Nội", no parent issuer
    // and no place: the profile, not the plan, heads the report.
    let w = world();
    let hue = domain::Department {
        parent: "UBND TỈNH THỪA THIÊN HUẾ".into(),
        issuer: "SỞ VĂN HÓA VÀ THỂ THAO".into(),
        full_name: "Sở Văn hóa và Thể thao Thừa Thiên Huế".into(),
        place: "Huế".into(),
        code: "SVHTT-TTH".into(),
    };
    let (d, r) = compose_for(&w, Period::Year(2025), &hue);
    assert_eq!(r.parent_agency, "UBND TỈNH THỪA THIÊN HUẾ");
    assert_eq!(r.agency, "SỞ VĂN HÓA VÀ THỂ THAO");
    assert_eq!(r.symbol, "BC-SVHTT-TTH");
    assert_eq!(r.place, "Huế");
    assert!(
        d.closing
            .starts_with("Trên đây là báo cáo của Sở Văn hóa và Thể thao Thừa Thiên Huế về "),
        "{}",
        d.closing
    );
    // The Hanoi profile gives the seed's header, the parent body on its own line.
    let (_, r) = compose(&w, Period::Year(2025));
    assert_eq!(
        (
            r.parent_agency.as_str(),
            r.agency.as_str(),
            r.symbol.as_str(),
            r.place.as_str()
        ),
        (
            "UBND THÀNH PHỐ HÀ NỘI",
            "SỞ VĂN HÓA VÀ THỂ THAO",
            "BC-SVHTT",
            "Hà Nội"
        )
    );
    // Without a saved profile, the plan's header implies the same (crate::department).
    let derived = crate::department::in_effect(None, Some(&w.plan.plan));
    assert_eq!(derived.department, domain::Department::hanoi());
    assert!(!derived.saved);
}
