//! The plan's budget page and the Finance/Board queues paged (issue 17 at 100,000 lines),
//! on both databases: page 2 shows other items under the same whole-plan totals; a page
//! number that does not read, or past the last page, shows a page and says which; the
//! queues page on their own with the whole queue's count.

use super::common::{self, TestApp, spawn_app};
use domain::Role;
use domain::budget::EstimateStatus;
use reqwest::StatusCode;

/// The item links of the page's `#id` table, in order.
fn item_links(html: &str, id: &str) -> Vec<String> {
    let table = html
        .split(&format!("id=\"{id}\""))
        .nth(1)
        .and_then(|t| t.split("</table>").next())
        .unwrap_or("");
    table
        .split("<a href=\"/items/")
        .skip(1)
        .map(|s| s.split('"').next().unwrap_or("").to_string())
        .collect()
}

/// The text of the element with `id` up to its end tag `end`.
fn part<'a>(html: &'a str, id: &str, end: &str) -> &'a str {
    html.split(&format!("id=\"{id}\""))
        .nth(1)
        .and_then(|t| t.split(end).next())
        .unwrap_or("")
}

#[tokio::test]
async fn the_plans_budget_and_the_queues_page_with_whole_totals() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let spec = store::SyntheticSpec {
            plans: 1,
            items: 600,
            reports: 0,
            events: 0,
            seed: 17,
        };
        app.store.generate_synthetic(spec).await.unwrap();
        app.store.generate_synthetic_budget(6000, 17).await.unwrap();
        let plans = app.store.list_plans().await.unwrap();
        let plan = plans.iter().map(|p| p.id).max().unwrap();
        let finance = TestApp::user_browser(&app, "ketoan", &[Role::Finance], &[]).await;
        let today = app.store.clock().today();
        let money = app.store.plan_money(plan, today).await.unwrap();
        assert_eq!(money.len(), 600);
        let total = store::MoneyFigures::sum(money.iter().map(|i| &i.figures));

        let page = format!("/plans/{}/budget", plan.0);
        let first = finance.get(&page).await.text().await.unwrap();
        let second = finance
            .get(&format!("{page}?page=2"))
            .await
            .text()
            .await
            .unwrap();
        let (one, two) = (
            item_links(&first, "plan-money"),
            item_links(&second, "plan-money"),
        );
        assert_eq!((one.len(), two.len()), (100, 100));
        let ids = |from: usize| -> Vec<String> {
            money[from..from + 100]
                .iter()
                .map(|i| format!("{}/budget", i.item_id.0))
                .collect()
        };
        assert_eq!((one.clone(), two.clone()), (ids(0), ids(100)));
        assert!(second.contains("Nhiệm vụ 101–200 trong 600 · trang 2/6"));
        assert!(second.contains("href=\"/plans/") && second.contains("?page=3#plan-money\""));
        // The totals and the units' table are the whole plan's on every page.
        let planned = domain::format_vnd(total.planned);
        for html in [&first, &second] {
            let foot = part(html, "plan-money-total", "</tr>");
            assert!(foot.contains("Tổng cộng cả kế hoạch"), "{foot}");
            assert!(foot.contains(&planned), "{planned} in {foot}");
            assert!(foot.contains(&domain::format_vnd(total.paid)));
        }
        assert_eq!(
            part(&first, "unit-money", "</table>"),
            part(&second, "unit-money", "</table>")
        );
        assert!(!first.contains("id=\"page-note\""));

        // A page number that does not read is the first page, said; past the last, the last.
        for (asked, shown, says) in [
            (
                "abc",
                0,
                "Số trang “abc” không đọc được nên đang hiện trang 1",
            ),
            ("0", 0, "Số trang “0” không đọc được"),
            ("-3", 0, "Số trang “-3” không đọc được"),
            ("99999999999999999999", 0, "không đọc được"),
            (
                "9",
                500,
                "Danh sách chỉ có 6 trang nên đang hiện trang cuối.",
            ),
        ] {
            let r = finance.get(&format!("{page}?page={asked}")).await;
            assert_eq!(r.status(), StatusCode::OK, "{asked}");
            let html = r.text().await.unwrap();
            assert!(part(&html, "page-note", "</p>").contains(says), "{asked}");
            assert_eq!(item_links(&html, "plan-money")[0], ids(shown)[0], "{asked}");
        }
        // The settlement summary stays whole: every item and the total row.
        let r = finance.get(&format!("{page}.xlsx?page=2")).await;
        use calamine::Reader;
        let bytes = r.bytes().await.unwrap().to_vec();
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range("Tổng hợp quyết toán").unwrap();
        assert_eq!(range.height(), 1 + 600 + 1);

        // The Finance queue: 50 a page, the whole count in its heading and summary.
        let queue = app.store.estimate_queue(EstimateStatus::Submitted).await;
        let queue = queue.unwrap();
        assert!(queue.len() > 50, "the seed fills more than a page");
        let count = queue.len().to_string();
        let html = finance.get("/budget").await.text().await.unwrap();
        assert!(part(&html, "finance-queue-count", "</span>").contains(&count));
        assert!(
            !html.contains("id=\"board-queue\""),
            "Finance sees its own queue"
        );
        let links = |html: &str| item_links(html, "finance-queue");
        let page1 = links(&html);
        assert_eq!(page1.len(), 50);
        let next = finance
            .get("/budget?finance_page=2")
            .await
            .text()
            .await
            .unwrap();
        let page2 = links(&next);
        assert_eq!(page2.len(), (queue.len() - 50).min(50));
        assert_eq!(page2[0], format!("{}/budget", queue[50].item_id.0));
        assert!(part(&next, "finance-queue-count", "</span>").contains(&count));
        assert!(next.contains(&format!(
            "Dự toán 51–{} trong {count} đang chờ",
            50 + page2.len()
        )));
        let bad = finance.get("/budget?finance_page=hai").await;
        assert_eq!(bad.status(), StatusCode::OK);
        let bad = bad.text().await.unwrap();
        assert!(part(&bad, "finance-queue-note", "</p>").contains("Số trang “hai” không đọc được"));
        assert_eq!(links(&bad), page1);
        // The Board's queue pages on its own.
        let board = TestApp::user_browser(&app, "bgd", &[Role::Board], &[]).await;
        let html = board
            .get("/budget?board_page=2")
            .await
            .text()
            .await
            .unwrap();
        let verified = app.store.estimate_queue(EstimateStatus::Verified).await;
        let verified = verified.unwrap().len();
        assert!(part(&html, "board-queue-count", "</span>").contains(&verified.to_string()));
        assert!(!html.contains("id=\"finance-queue\""));
    }
}
