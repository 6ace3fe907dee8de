//! Targets counted by default over HTTP (issue 11): the seed's sessions item counts held
//! online sessions from import, says so in words, and shows the units' reported figure
//! beside the count when they differ. Each runs on SQLite and PostgreSQL.

use crate::common::{self, TestApp, spawn_app};
use crate::events::create_event;
use crate::tracking::{post_report, report_form};
use domain::Role;
use reqwest::StatusCode;

const SESSIONS: &str = "Tham gia các phiên họp online";

#[tokio::test]
async fn the_sessions_item_counts_held_sessions_and_shows_a_reported_figure_beside_them() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let qlds = app.unit_id("Phòng Quản lý Di sản").await;
        let lead = TestApp::user_browser(&app, "lead", &[Role::Staff], &[qlds]).await;
        let item = app.item_id(SESSIONS).await;
        let target = app.store.item(item).await.unwrap().unwrap().targets[0].id;
        let path = format!("/items/{}", item.0);

        // Counted from import, in words; the report form still offers its figure box.
        let page = lead.get(&path).await.text().await.unwrap();
        assert!(
            page.contains("Đếm: phiên họp trực tuyến đã diễn ra trong năm 2025 gắn với mục này"),
            "{page}"
        );
        assert!(page.contains("class=\"actual\">0<"));
        assert!(page.contains(&format!("name=\"fig_{target}\"")));
        assert!(
            page.contains("name=\"source\" value=\"counted\" checked"),
            "the source form starts on the target's source"
        );

        // One held session linked to the item counts; nothing was changed by hand.
        let item_s = item.0.to_string();
        create_event(
            &lead,
            qlds,
            &[
                ("item", item_s.as_str()),
                ("zone", "Asia/Ho_Chi_Minh"),
                ("status", "held"),
            ],
        )
        .await;
        let page = lead.get(&path).await.text().await.unwrap();
        assert!(page.contains("class=\"actual\">1<"), "the session counted");

        // The unit reports 12: both figures and the difference, never one picked.
        let fig = format!("fig_{target}");
        let unit = qlds.0.to_string();
        let r = post_report(
            &lead,
            &format!("{path}/reports"),
            report_form(
                &[
                    ("unit", &unit),
                    ("period", "2025-Q2"),
                    ("text", "Đã tham gia 12 phiên họp trực tuyến"),
                    ("percent", "40"),
                    (&fig, "12"),
                ],
                vec![],
            ),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);
        let page = lead.get(&path).await.text().await.unwrap();
        assert!(
            page.contains("Báo cáo: 12 · Hồ sơ: 1 · chênh lệch 11"),
            "{page}"
        );
        let plan = lead
            .get(&format!("/plans/{}", app.plan_id().await))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            plan.contains("20–30 cuộc/năm · Báo cáo: 12 · Hồ sơ: 1 · chênh lệch 11 · Chưa đạt"),
            "the plan page shows both too"
        );

        // A clip's rule counts published clips.
        let clips = app.item_id("Xây dựng clip").await;
        let page = lead
            .get(&format!("/items/{}", clips.0))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            page.contains("Đếm: clip đã phát hành trong năm 2025 gắn với mục này"),
            "{page}"
        );
    }
}
