//! The product across the calendar (issue: tests and rules read the wall clock). The
//! server's clock is set, never read from the machine: the built-in 2025 plan is looked
//! at before its year, during it, and in the years after, and each page must follow the
//! set date: the report pages' periods, overdue flags, the month calendar, feed ranges
//! and reminders.

use crate::common::{self, NEW_PASSWORD, TestApp, spawn_app};
use chrono::{DateTime, TimeZone, Utc};
use domain::Role;
use reqwest::StatusCode;

/// 10:00 in Hanoi on that day.
fn hanoi(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 3, 0, 0).unwrap()
}

/// Moves the server's clock and signs the browsers in again (a jump of days ends the
/// sessions made before it, as it would for real).
async fn set_day(app: &TestApp, at: DateTime<Utc>, browsers: &[(&TestApp, &str)]) {
    app.clock.set(at);
    for (b, login) in browsers {
        let r = b.sign_in(login, NEW_PASSWORD).await;
        assert_eq!(r.url().path(), "/", "{login} signed in on {at}");
    }
}

/// The `value` of the `<select id="{id}">` option marked selected.
fn selected(html: &str, id: &str) -> String {
    let at = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id} in {html}"));
    let rest = &html[at..];
    let end = rest.find("</select>").expect("select closed");
    let opts = &rest[..end];
    let sel = opts.find(" selected>").expect("an option is selected");
    let open = opts[..sel].rfind("value=\"").expect("option value") + "value=\"".len();
    opts[open..sel].trim_end_matches('"').to_string()
}

/// The values of a select's options, in order.
fn options(html: &str, id: &str) -> Vec<String> {
    let at = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id} in {html}"));
    let rest = &html[at..];
    let opts = &rest[..rest.find("</select>").expect("select closed")];
    opts.split("<option value=\"")
        .skip(1)
        .filter_map(|o| o.split('"').next())
        .map(str::to_string)
        .collect()
}

/// The number inside `<span … id="{id}">N</span>`.
fn count(html: &str, id: &str) -> usize {
    let tag = format!("id=\"{id}\">");
    let at = html.find(&tag).unwrap_or_else(|| panic!("no #{id}")) + tag.len();
    html[at..]
        .split('<')
        .next()
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn a_2025_plan_opens_on_its_own_periods_before_during_and_after_its_year() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let plan = app.plan_id().await;
        let qlds = app.unit_id("Phòng Quản lý Di sản").await;
        let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
        let lead = TestApp::user_browser(&app, "lead", &[Role::Staff], &[qlds]).await;
        let item = app.item_id("Tham gia các phiên họp online").await;
        let report = format!("/plans/{plan}/official-report");
        let evaluation = format!("/items/{}/evaluation", item.0);
        let item_page = format!("/items/{}", item.0);
        // (today, results report, evaluation, progress report form): the results report
        // opens on the latest ended of its year's periods (6 tháng, 9 tháng, năm); an
        // evaluation on the report due around the day.
        let cases = [
            (hanoi(2024, 10, 1), "2025-H1", "2025-H1", "2025-Q1"),
            (hanoi(2025, 2, 1), "2025-H1", "2025-H1", "2025-Q1"),
            (hanoi(2025, 6, 15), "2025-H1", "2025-H1", "2025-Q2"),
            (hanoi(2025, 8, 10), "2025-H1", "2025-H1", "2025-Q3"),
            (hanoi(2025, 11, 2), "2025-9M", "2025", "2025-Q4"),
            (hanoi(2026, 2, 1), "2025", "2025", "2025"),
            (hanoi(2026, 12, 3), "2025", "2025", "2025"),
            (hanoi(2028, 3, 1), "2025", "2025", "2025"),
        ];
        for (today, results, graded, progress) in cases {
            set_day(&app, today, &[(&board, "board"), (&lead, "lead")]).await;
            let html = board.get(&report).await.text().await.unwrap();
            assert_eq!(selected(&html, "or-period"), results, "report on {today}");
            // Only the plan's own year's periods are offered.
            assert_eq!(
                options(&html, "or-period"),
                ["2025-H1", "2025-9M", "2025"],
                "offered on {today}"
            );
            let html = board.get(&evaluation).await.text().await.unwrap();
            assert_eq!(
                selected(&html, "ev-period"),
                graded,
                "evaluation on {today}"
            );
            let html = lead.get(&item_page).await.text().await.unwrap();
            assert_eq!(selected(&html, "r-period"), progress, "item on {today}");
        }
    }
}

#[tokio::test]
async fn overdue_and_due_soon_follow_the_clock() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
        // Before the plan's year nothing is overdue.
        set_day(&app, hanoi(2024, 12, 1), &[(&board, "board")]).await;
        let html = board.get("/dashboard").await.text().await.unwrap();
        assert_eq!(count(&html, "overdue-count"), 0);
        assert!(
            html.contains("01/12/2024"),
            "the page says which day it counts on"
        );
        // After it, every open item with a due date is overdue and none is due soon.
        set_day(&app, hanoi(2026, 12, 2), &[(&board, "board")]).await;
        let html = board.get("/dashboard").await.text().await.unwrap();
        let late = count(&html, "overdue-count");
        assert!(late > 0, "the 2025 plan's items are overdue in 2026");
        assert_eq!(count(&html, "soon-count"), 0);
        assert!(html.contains("02/12/2026"));
        // The same late items, and no more, three years on.
        set_day(&app, hanoi(2029, 12, 2), &[(&board, "board")]).await;
        let html = board.get("/dashboard").await.text().await.unwrap();
        assert_eq!(count(&html, "overdue-count"), late);
    }
}

#[tokio::test]
async fn the_month_calendar_and_feeds_follow_the_clock() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let qlds = app.unit_id("Phòng Quản lý Di sản").await;
        let lead = TestApp::user_browser(&app, "lead", &[Role::Staff], &[qlds]).await;
        set_day(&app, hanoi(2025, 3, 10), &[(&lead, "lead")]).await;
        // The month view opens on the clock's month.
        let html = lead.get("/events").await.text().await.unwrap();
        assert!(html.contains(r#"name="month" value="2025-03""#), "{html}");
        let csrf = lead.csrf_from("/events/new").await;
        let unit = qlds.0.to_string();
        let r = lead
            .post(
                "/events",
                &[
                    ("_csrf", csrf.as_str()),
                    ("title", "Phiên họp tháng Ba"),
                    ("kind", "online_session"),
                    ("scope", "global"),
                    ("format", "online"),
                    ("organiser", "unesco"),
                    ("zone", "Asia/Ho_Chi_Minh"),
                    ("start_date", "20/03/2025"),
                    ("start_time", "09:00"),
                    ("end_time", "11:00"),
                    ("lead", unit.as_str()),
                    ("status", "planned"),
                ],
            )
            .await;
        assert!(r.url().path().starts_with("/events/"), "created");
        let r = lead
            .post(
                "/feeds",
                &[("_csrf", csrf.as_str()), ("owner", "me"), ("label", "Lịch")],
            )
            .await;
        let page = r.text().await.unwrap();
        let start = page.find("id=\"feed-url\">").expect("feed URL") + "id=\"feed-url\">".len();
        let url = page[start..].split('<').next().unwrap();
        let path = format!("/feeds/{}", url.split_once("/feeds/").unwrap().1);
        // The feed covers about three years back from the clock.
        let feed = || async { app.fresh_client().get(app.url(&path)).send().await.unwrap() };
        app.clock.set(hanoi(2027, 3, 10));
        let r = feed().await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.text().await.unwrap().contains("Phiên họp tháng Ba"));
        app.clock.set(hanoi(2029, 3, 10));
        let ics = feed().await.text().await.unwrap();
        assert!(ics.contains("BEGIN:VCALENDAR"));
        assert!(
            !ics.contains("Phiên họp tháng Ba"),
            "older than the feed's range"
        );
    }
}
