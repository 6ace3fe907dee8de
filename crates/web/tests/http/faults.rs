//! Faults under the server (issue 14, finding 2): a full disk says so, keeps the form,
//! shows in `/healthz`, and writes work again once there is room, without a restart.
//!
//! The disk is filled with SQLite's own limit (`PRAGMA max_page_count` on the writer's
//! connection): the same SQLITE_FULL a full file system gives, on any machine.
//! `scripts/check-full-disk.sh` does it for real on a small tmpfs.

use crate::common::{Backend, TestApp, spawn_app};
use crate::tracking::{post_report, report_form};
use domain::Role;
use reqwest::StatusCode;
use store::Db;

const SESSIONS: &str = "Tham gia các phiên họp online";

/// Sets the writer connection's page limit: `None` to the pages in use now (full).
async fn limit_pages(app: &TestApp, pages: Option<i64>) {
    let Db::Sqlite(pools) = app.store.db() else {
        unreachable!("SQLite only")
    };
    let mut conn = pools.write.acquire().await.unwrap();
    let used: i64 = sqlx::query_scalar("PRAGMA page_count")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    let limit = pages.unwrap_or(used);
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "PRAGMA max_page_count = {limit}"
    )))
    .execute(&mut *conn)
    .await
    .unwrap();
}

async fn health(app: &TestApp) -> (StatusCode, String) {
    let r = app.get("/healthz").await;
    (r.status(), r.text().await.unwrap())
}

#[tokio::test]
async fn a_full_disk_is_said_plainly_keeps_the_form_and_heals_without_a_restart() {
    let app = spawn_app(Backend::Sqlite).await;
    let qlds = app.unit_id("Phòng Quản lý Di sản").await;
    let lead = TestApp::user_browser(&app, "lead", &[Role::Staff], &[qlds]).await;
    let item = app.item_id(SESSIONS).await;
    let path = format!("/items/{}/reports", item.0);
    let unit = qlds.0.to_string();
    // Long enough to need pages the full database does not have.
    let text = format!(
        "Đã tham gia phiên họp mạng lưới. {}",
        "Ghi chép chi tiết. ".repeat(900)
    );
    let fields = [
        ("unit", unit.as_str()),
        ("period", "2025-Q2"),
        ("text", text.as_str()),
        ("percent", "40"),
    ];
    assert_eq!(health(&app).await.0, StatusCode::OK);

    limit_pages(&app, None).await;
    let r = post_report(&lead, &path, report_form(&fields, vec![])).await;
    assert_ne!(r.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_ne!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Ổ đĩa máy chủ đã đầy, chưa lưu được"),
        "the cause in words: {html}"
    );
    assert!(
        !html.contains("Dữ liệu không hợp lệ"),
        "not the user's fault"
    );
    assert!(
        html.contains("Ghi chép chi tiết."),
        "what was typed is still on the page"
    );
    assert!(app.store.item_reports(item).await.unwrap().is_empty());
    let (status, body) = health(&app).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert!(body.contains("\"problem\":\"disk_full\""), "{body}");

    // Room again (on whatever writer connection there is now): the very next write
    // works, sign-in included; no "non-zero transaction depth" until restart.
    limit_pages(&app, Some(1 << 30)).await;
    let r = post_report(&lead, &path, report_form(&fields, vec![])).await;
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    assert_eq!(app.store.item_reports(item).await.unwrap().len(), 1);
    let again = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
    assert_eq!(again.get("/").await.status(), StatusCode::OK);
    // `/healthz` stays 503 for a minute after the failure, then is 200 again.
    assert_eq!(health(&app).await.0, StatusCode::SERVICE_UNAVAILABLE);
    app.clock.advance(chrono::Duration::seconds(61));
    let (status, body) = health(&app).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn health_checks_that_files_can_be_written() {
    let app = spawn_app(Backend::Sqlite).await;
    assert_eq!(health(&app).await.0, StatusCode::OK);
    // The uploads' folder cannot be made: a file stands where it would be.
    let evidence = app.data_dir.join("evidence");
    let _ = std::fs::remove_dir_all(&evidence);
    std::fs::write(&evidence, b"not a folder").unwrap();
    let (status, body) = health(&app).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert!(body.contains("files_not_writable"), "{body}");
    std::fs::remove_file(&evidence).unwrap();
    assert_eq!(health(&app).await.0, StatusCode::OK);
}
