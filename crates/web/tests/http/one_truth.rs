//! One truth (issue 11) through the pages people compare in a meeting: on the built-in
//! Hanoi plan, the dashboard's overdue tile, the list's "quá hạn" filter, its CSV, the
//! plan tree's badges and the official report say the same number, today and as of the
//! first half's end; a unit's workload is the same on its dashboard, the list and its
//! page.

use super::common::{self, spawn_app};
use reqwest::StatusCode;

/// The number right after `marker` in `html`.
fn number_after(html: &str, marker: &str) -> usize {
    let at = html
        .find(marker)
        .unwrap_or_else(|| panic!("no {marker} in {html}"))
        + marker.len();
    let digits: String = html[at..]
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .filter(char::is_ascii_digit)
        .collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("no number after {marker}"))
}

/// The overdue items the report's prefilled "difficulties" counts ("Còn N nhiệm vụ chậm
/// tiến độ", said only when N > 0).
fn late_in_report(html: &str) -> usize {
    if html.contains("Không có nhiệm vụ chậm tiến độ") {
        return 0;
    }
    let Some(at) = html.find(" nhiệm vụ chậm tiến độ") else {
        return 0;
    };
    let before = &html[..at];
    let digits = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    assert!(digits > 0, "a count before \"nhiệm vụ chậm tiến độ\"");
    before[at - digits..].parse().unwrap()
}

/// The item list's total for `query`.
async fn listed(app: &common::TestApp, query: &str) -> usize {
    let html = app
        .get(&format!("/items?{query}"))
        .await
        .text()
        .await
        .unwrap();
    if html.contains("id=\"summary\">Không có nhiệm vụ nào") {
        return 0;
    }
    number_after(&html, "id=\"summary\">")
}

#[tokio::test]
async fn overdue_and_workload_are_the_same_on_every_page() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        app.sign_in_ready().await;
        let plan = app.plan_id().await;
        let qlds = app.unit_id("Phòng Quản lý Di sản").await.0;

        // Today (16/11/2026) every open item of the 2025 plan with a due date is late.
        let dash = app.get(&format!("/dashboard?plan={plan}")).await;
        let dash = dash.text().await.unwrap();
        let overdue = number_after(&dash, "id=\"overdue-count\">");
        assert!(overdue > 0, "the seed's 2025 deadlines have passed");
        assert_eq!(
            listed(&app, &format!("plan={plan}&overdue=1")).await,
            overdue
        );
        let csv = app.get(&format!("/items.csv?plan={plan}&overdue=1")).await;
        assert_eq!(csv.status(), StatusCode::OK);
        let bytes = csv.bytes().await.unwrap();
        let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(&bytes[3..])
            .records()
            .map(Result::unwrap)
            .collect();
        assert_eq!(rows.len(), overdue);
        assert!(
            rows.iter().all(|r| &r[7] == "Có"),
            "the Quá hạn column says so"
        );
        let tree = app
            .get(&format!("/plans/{plan}"))
            .await
            .text()
            .await
            .unwrap();
        assert_eq!(tree.matches("class=\"chip overdue\"").count(), overdue);

        // One item due in the first quarter: late at the half's and the year's end.
        let item = app.item_id("Tham gia các phiên họp online").await;
        app.set_item_dates(item, "01/01/2025", "31/03/2025").await;

        // As of 30/06/2025 the dashboard and the first-half report agree.
        let h1 = app
            .get(&format!("/dashboard?plan={plan}&period=2025-H1"))
            .await
            .text()
            .await
            .unwrap();
        assert!(h1.contains("30/06/2025"), "counted as of the half's end");
        let overdue_h1 = number_after(&h1, "id=\"overdue-count\">");
        assert!(overdue_h1 > 0, "the first-quarter item is late by 30/06");
        let report = app
            .get(&format!("/plans/{plan}/official-report?period=2025-H1"))
            .await
            .text()
            .await
            .unwrap();
        assert_eq!(late_in_report(&report), overdue_h1);
        let year = app
            .get(&format!("/plans/{plan}/official-report?period=2025"))
            .await
            .text()
            .await
            .unwrap();
        let dash_year = app
            .get(&format!("/dashboard?plan={plan}&period=2025"))
            .await
            .text()
            .await
            .unwrap();
        // An item due on 31/12 is not yet late on 31/12 (due before the day, as everywhere).
        let overdue_year = number_after(&dash_year, "id=\"overdue-count\">");
        assert!(overdue_year > 0);
        assert_eq!(late_in_report(&year), overdue_year);

        // A period outside the plan is refused, and the page opens on the plan's own.
        let far = app
            .get(&format!("/plans/{plan}/official-report?period=2099"))
            .await;
        assert_eq!(far.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let far = far.text().await.unwrap();
        assert!(far.contains("nằm ngoài thời gian của kế hoạch"), "{far}");
        assert!(!far.contains("value=\"2099\" selected"));

        // Workload: the unit's dashboard, the list and the unit page count alike, units
        // inherited from a parent item included.
        let unit_dash = app
            .get(&format!("/units/{qlds}/dashboard?plan={plan}"))
            .await
            .text()
            .await
            .unwrap();
        let total = number_after(&unit_dash, "<div class=\"tile\"><span class=\"big\">");
        assert_eq!(
            listed(&app, &format!("plan={plan}&unit={qlds}")).await,
            total
        );
        let led = listed(&app, &format!("plan={plan}&unit={qlds}&relation=lead")).await;
        let page = app
            .get(&format!("/units/{qlds}"))
            .await
            .text()
            .await
            .unwrap();
        assert_eq!(number_after(&page, "Nội dung chủ trì: "), led);
        assert!(
            page.contains("theo mục cấp trên"),
            "inherited rows are marked"
        );
        assert!(led > 5, "more than the items naming the unit themselves");
    }
}

/// The figure the dashboard shows for the first target of the item titled `item`.
fn dashboard_actual(html: &str, item: &str) -> usize {
    let table = &html[html.find("id=\"targets\"").expect("the targets table")..];
    let row = &table[table.find(item).unwrap_or_else(|| panic!("no {item} row"))..];
    number_after(row, "<strong>")
}

/// The DOCX's main part as text.
async fn report_docx(app: &common::TestApp, plan: i64, period: &str) -> String {
    let r = app
        .get(&format!(
            "/plans/{plan}/official-report.docx?period={period}"
        ))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    super::oversight::docx_text(&r.bytes().await.unwrap())
}

#[tokio::test]
async fn held_sessions_in_section_two_are_the_dashboards_as_of_the_periods_end() {
    use super::events::create_event;
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        app.sign_in_ready().await;
        let plan = app.plan_id().await;
        let qlds = app.unit_id("Phòng Quản lý Di sản").await;
        let lead =
            common::TestApp::user_browser(&app, "lead", &[domain::Role::Staff], &[qlds]).await;
        let item = app
            .item_id("Tham gia các phiên họp online")
            .await
            .0
            .to_string();
        // Three sessions held in the first half, one on 18/11 and one only planned.
        for (day, status) in [
            ("10/02/2025", "held"),
            ("15/04/2025", "held"),
            ("28/06/2025", "held"),
            ("18/11/2025", "held"),
            ("20/05/2025", "planned"),
        ] {
            create_event(
                &lead,
                qlds,
                &[
                    ("item", item.as_str()),
                    ("zone", "Asia/Ho_Chi_Minh"),
                    ("start_date", day),
                    ("status", status),
                ],
            )
            .await;
        }
        // The unit's report on the second quarter: its words reach section II and III.3.
        let form = super::tracking::report_form(
            &[
                ("unit", &qlds.0.to_string()),
                ("period", "2025-Q2"),
                (
                    "text",
                    "- Đã tham dự các phiên họp trực tuyến của Mạng lưới khu vực Đông Nam Á.",
                ),
                (
                    "difficulties",
                    "Thiếu phiên dịch viên tiếng Anh chuyên ngành thiết kế.",
                ),
                ("proposals", "Đề nghị bổ sung kinh phí thuê phiên dịch."),
            ],
            vec![],
        );
        let path = format!("/items/{item}/reports");
        let r = super::tracking::post_report(&lead, &path, form).await;
        assert_eq!(r.status(), StatusCode::OK);
        for (period, held) in [("2025-H1", 3), ("2025-9M", 3), ("2025", 4)] {
            let dash = app
                .get(&format!("/dashboard?plan={plan}&period={period}"))
                .await
                .text()
                .await
                .unwrap();
            let counted = dashboard_actual(&dash, "Tham gia các phiên họp online");
            assert_eq!(counted, held, "the dashboard as of the end of {period}");
            let xml = report_docx(&app, plan, period).await;
            // Section II says the same figure, and as many held events.
            let said = number_after(&xml, "Tham gia các phiên họp online: mới đạt ");
            assert_eq!(said, counted, "section II of {period}");
            assert_eq!(
                number_after(&xml, "Trong kỳ đã diễn ra "),
                held,
                "the events of {period}"
            );
            assert_eq!(
                xml.contains("ngày 18/11/2025"),
                period == "2025",
                "an event of 18/11 is only in the year's report"
            );
            for dump in [
                "Tình trạng: ",
                "0 đơn vị",
                "năm 2025 6 tháng",
                "năm 2025 năm 2025",
            ] {
                assert!(!xml.contains(dump), "{dump} in the {period} report");
            }
        }
    }
}
