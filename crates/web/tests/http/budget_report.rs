//! Kinh phí in the results report (issue 17) over HTTP, on both databases: the report's
//! money (the sentence in section II of the DOCX, the annex's "Kinh phí" sheet) is the
//! plan's budget page's for the period's last day; a payment dated after the period's end
//! is left out of that period's report but counts on the page from its day.

use super::budget::fx;
use super::common::{self, TestApp, spawn_app, test_now};
use super::oversight::docx_text;
use domain::Role;
use reqwest::StatusCode;

/// Noon in Hanoi on the day.
fn hanoi(y: i32, m: u32, d: u32) -> chrono::DateTime<chrono::Utc> {
    chrono::NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(5, 0, 0)
        .unwrap()
        .and_utc()
}

/// "20.000.000 ₫" → 20000000.
fn dong(s: &str) -> i64 {
    s.chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap()
}

/// The plan's budget page's total row: planned, contracted, paid, settled.
async fn page_total(who: &TestApp, plan: i64) -> [i64; 4] {
    let html = who
        .get(&format!("/plans/{plan}/budget"))
        .await
        .text()
        .await
        .unwrap();
    let row = html
        .split("id=\"plan-money-total\"")
        .nth(1)
        .and_then(|r| r.split("</tr>").next())
        .expect("the total row");
    let cells: Vec<i64> = row
        .split("\"><strong>")
        .skip(1)
        .map(|c| dong(c.split('<').next().unwrap()))
        .collect();
    cells.try_into().expect("four figures")
}

/// The annex's "Kinh phí" total row for the period.
async fn annex_total(who: &TestApp, plan: i64, period: &str) -> [i64; 4] {
    use calamine::{Data, Reader};
    let r = who
        .get(&format!(
            "/plans/{plan}/official-report.xlsx?period={period}"
        ))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let bytes = r.bytes().await.unwrap().to_vec();
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range("Kinh phí").expect("a Kinh phí sheet");
    let total = sheet
        .rows()
        .find(|r| matches!(r.get(1), Some(Data::String(s)) if s == "Tổng cộng"))
        .expect("the total row");
    let n = |c: &Data| match c {
        Data::Float(x) => *x as i64,
        Data::Int(x) => *x,
        other => panic!("{other:?}"),
    };
    [n(&total[2]), n(&total[3]), n(&total[4]), n(&total[5])]
}

#[tokio::test]
async fn the_reports_money_is_the_budget_pages_at_the_periods_end() {
    for backend in common::backends().await {
        let f = fx(spawn_app(backend).await).await;
        let plan = f.app.plan_id().await;
        let office_unit = f.app.unit_id("Văn phòng Sở").await;
        let office = TestApp::user_browser(&f.app, "office", &[Role::Office], &[office_unit]).await;
        // Approved in April 2025, contracted in May; paid 6.000.000 on 30/06 (the first
        // half's last day) and 10.000.000 on 01/07.
        f.app.clock.set(hanoi(2025, 4, 1));
        f.approved().await;
        f.app.clock.set(hanoi(2025, 7, 2));
        let c = f.contracted(&office, "20.000.000").await;
        f.paid(&c, "advance", "6.000.000", "30/06/2025").await;
        f.paid(&c, "acceptance", "10.000.000", "01/07/2025").await;

        // On 30/06/2025 the page and the first half's report say the same figures.
        f.app.clock.set(hanoi(2025, 6, 30));
        let page = page_total(&f.board, plan).await;
        assert_eq!(page, [32_000_000, 20_000_000, 6_000_000, 0]);
        f.app.clock.set(test_now());
        assert_eq!(annex_total(&f.board, plan, "2025-H1").await, page);
        let r = f
            .board
            .get(&format!(
                "/plans/{plan}/official-report.docx?period=2025-H1"
            ))
            .await;
        let text = docx_text(&r.bytes().await.unwrap());
        assert!(
            text.contains(
                "Kinh phí thực hiện Kế hoạch tính đến ngày 30/06/2025: dự toán được phê duyệt \
                 32.000.000 đồng; đã ký hợp đồng 20.000.000 đồng; đã thanh toán 6.000.000 \
                 đồng, chưa quyết toán."
            ),
            "{text}"
        );
        // The report's page says the same sentence.
        let html = f
            .board
            .get(&format!("/plans/{plan}/official-report?period=2025-H1"))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            html.contains(
                "id=\"report-money\">Kinh phí thực hiện Kế hoạch tính đến ngày 30/06/2025"
            ) && html.contains("đã thanh toán 6.000.000 đồng, chưa quyết toán."),
            "{html}"
        );
        // Today the page counts the July payment; the nine months' report does too, the
        // first half's still does not.
        let today = page_total(&f.board, plan).await;
        assert_eq!(today, [32_000_000, 20_000_000, 16_000_000, 0]);
        assert_eq!(annex_total(&f.board, plan, "2025-9M").await, today);
        assert_eq!(annex_total(&f.board, plan, "2025-H1").await, page);
    }
}
