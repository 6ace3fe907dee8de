//! Deadlines in the month calendar (issue 16): "Hiện hạn nhiệm vụ" adds open items' due
//! dates to the grid, each linking to its item, within what the user may open. On SQLite
//! and PostgreSQL.

use crate::common::{self, TestApp, spawn_app};
use domain::Role;

const SESSIONS: &str = "Tham gia các phiên họp online";

#[tokio::test]
async fn the_month_calendar_shows_open_items_due_dates_when_asked() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        app.sign_in_ready().await;
        let item = app.item_id(SESSIONS).await;
        app.set_item_dates(item, "01/06/2025", "20/06/2025").await;
        let chip = format!("href=\"/items/{}\"", item.0);

        let plain = app.get("/events?month=2025-06").await.text().await.unwrap();
        assert!(!plain.contains(&chip), "not unless asked");
        let with = app
            .get("/events?month=2025-06&deadlines=1")
            .await
            .text()
            .await
            .unwrap();
        assert!(with.contains(&chip), "{with}");
        // Open and past its date on the server's day (16/11/2026): marked overdue.
        assert!(with.contains("ev-chip deadline overdue"));
        assert!(
            with.contains("month=2025-07&amp;deadlines=1"),
            "the month links keep it"
        );
        // Another month does not show it.
        let july = app
            .get("/events?month=2025-07&deadlines=1")
            .await
            .text()
            .await
            .unwrap();
        assert!(!july.contains(&chip));

        // A partner sees the deadlines of the items it may open, and only those.
        let tap_chi = app.unit_id("Tạp chí Kiến trúc").await;
        let partner = TestApp::user_browser(&app, "partner", &[Role::Partner], &[tap_chi]).await;
        let opens = partner
            .get(&format!("/items/{}", item.0))
            .await
            .status()
            .is_success();
        let seen = partner
            .get("/events?month=2025-06&deadlines=1")
            .await
            .text()
            .await
            .unwrap();
        assert_eq!(seen.contains(&chip), opens);
    }
}
