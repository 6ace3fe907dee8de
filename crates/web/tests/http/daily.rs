//! The daily loop between units and the Board (issue 11) over HTTP: the Board accepts or
//! returns a progress report and the unit sees the comment and answers it; grades reach
//! the unit read-only; the header counts unread notifications. Each runs on SQLite and
//! PostgreSQL.

use crate::common::{self, TestApp, csrf_of, spawn_app};
use crate::tracking::{post_report, report_form};
use domain::Role;
use reqwest::StatusCode;

/// The seed's "online sessions" activity: no units of its own, item 1's (Phòng QLDS) apply.
const SESSIONS: &str = "Tham gia các phiên họp online";

struct Cast {
    lead: TestApp,
    outsider: TestApp,
    board: TestApp,
    qlds: domain::UnitId,
}

async fn cast(app: &TestApp) -> Cast {
    let qlds = app.unit_id("Phòng Quản lý Di sản").await;
    let khtc = app.unit_id("Phòng Kế hoạch").await;
    Cast {
        lead: TestApp::user_browser(app, "lead", &[Role::Staff], &[qlds]).await,
        outsider: TestApp::user_browser(app, "outsider", &[Role::Staff], &[khtc]).await,
        board: TestApp::user_browser(app, "board", &[Role::Board], &[]).await,
        qlds,
    }
}

async fn page(b: &TestApp, path: &str) -> String {
    let r = b.get(path).await;
    assert_eq!(r.status(), StatusCode::OK, "{path}");
    r.text().await.unwrap()
}

/// The number after `marker` in `html`.
fn number_after(html: &str, marker: &str) -> i64 {
    html.split(marker)
        .nth(1)
        .and_then(|s| {
            s.split(|c: char| !c.is_ascii_digit())
                .next()
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or_else(|| panic!("no {marker} in {html}"))
}

/// Posts a review of report `report` as the card showed version `version`.
async fn review(
    b: &TestApp,
    report: i64,
    version: &str,
    decision: &str,
    comment: &str,
) -> reqwest::Response {
    let csrf = csrf_of(&page(b, "/plans").await);
    b.post(
        &format!("/reports/{report}/review"),
        &[
            ("_csrf", &csrf),
            ("version", version),
            ("decision", decision),
            ("comment", comment),
        ],
    )
    .await
}

#[tokio::test]
async fn the_board_returns_a_report_the_unit_answers_and_the_board_accepts() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let c = cast(&app).await;
        let item = app.item_id(SESSIONS).await;
        let path = format!("/items/{}", item.0);
        let qlds = c.qlds.0.to_string();
        let fields = [
            ("unit", qlds.as_str()),
            ("period", "2025-Q2"),
            ("text", "Đã tham gia 6 phiên họp"),
            ("percent", "40"),
        ];
        let r = post_report(
            &c.lead,
            &format!("{path}/reports"),
            report_form(&fields, vec![]),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.unwrap();
        let report = number_after(&html, "href=\"/reports/");
        assert!(html.contains("Chờ duyệt"), "the unit sees it waits: {html}");
        assert!(!html.contains("review-form-"), "a unit does not review");

        // A unit's user posting by hand: 403, nothing decided.
        let r = review(&c.lead, report, "1", "accepted", "").await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let r = review(&c.outsider, report, "1", "returned", "Không đạt").await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        assert!(app.store.report_reviews(report).await.unwrap().is_empty());

        // The Board sees the buttons; a return without a comment is refused on the card.
        let html = page(&c.board, &path).await;
        assert!(
            html.contains(&format!("id=\"review-form-{report}\"")),
            "{html}"
        );
        let r = review(&c.board, report, "1", "returned", "   ").await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(html.contains("Trả lại báo cáo cần ghi ý kiến"), "{html}");
        assert!(html.contains(&format!("id=\"review-form-{report}\"")));
        let r = review(&c.board, report, "1", "approve", "").await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

        let comment = "Bổ sung ảnh và danh sách các phiên họp";
        let r = review(&c.board, report, "1", "returned", comment).await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.unwrap();
        assert!(html.contains("Đã trả lại báo cáo"), "{html}");
        assert!(html.contains("Bị trả lại") && html.contains(comment));
        // The same click twice: a conflict that says what happened, one decision kept.
        let r = review(&c.board, report, "1", "returned", comment).await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let html = r.text().await.unwrap();
        assert!(html.contains("đã được trả lại trước đó"), "{html}");
        assert_eq!(app.store.report_reviews(report).await.unwrap().len(), 1);

        // The unit sees the comment above its form, on the item page and the report's.
        let html = page(&c.lead, &path).await;
        let returned = format!("id=\"returned-{report}\"");
        assert!(html.contains(&returned) && html.contains(comment), "{html}");
        assert!(
            html.find(&returned) < html.find("id=\"report-form\""),
            "above the form"
        );
        assert!(html.contains(&format!("/reports/{report}#report-form")));
        let history = page(&c.lead, &format!("/reports/{report}")).await;
        assert!(history.find(&returned) < history.find("id=\"report-form\""));
        let notes = page(&c.lead, "/notifications").await;
        assert!(
            notes.contains("[Trả lại báo cáo]") && notes.contains(comment),
            "{notes}"
        );

        // Version 2 answers the return and links to it.
        let v1 = number_after(&history, "class=\"card report\" id=\"r");
        let edit = [
            ("version", "1"),
            ("text", "Đã bổ sung 6 ảnh"),
            ("percent", "50"),
        ];
        let r = post_report(
            &c.lead,
            &format!("/reports/{report}"),
            report_form(&edit, vec![]),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = page(&c.lead, &path).await;
        assert!(html.contains("Đã bổ sung theo ý kiến, chờ duyệt"), "{html}");
        assert!(html.contains(&format!("href=\"/reports/{report}#r{v1}\"")));
        assert!(!html.contains(&returned), "answered: no longer asked");

        // A review from a page opened before version 2: a conflict, not an overwrite.
        let r = review(&c.board, report, "1", "accepted", "").await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let html = r.text().await.unwrap();
        assert!(html.contains("Đơn vị đã gửi phiên bản 2"), "{html}");
        let r = review(&c.board, report, "2", "accepted", "Đạt yêu cầu").await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.unwrap();
        assert!(html.contains("Đã duyệt báo cáo") && html.contains("Đạt yêu cầu"));
        assert!(!html.contains("review-form-"), "decided: no buttons");
        let html = page(&c.lead, &path).await;
        assert!(html.contains("Đã duyệt") && !html.contains("review-form-"));

        // The history marks each version; the audit log has both decisions.
        let history = page(&c.board, &format!("/reports/{report}")).await;
        assert!(history.contains("Trả lại") && history.contains("Đã duyệt"));
        let audit = page(&c.board, &format!("{path}/audit")).await;
        assert!(audit.contains("Duyệt hoặc trả lại báo cáo"), "{audit}");

        // English.
        c.board.switch_language("en").await;
        let html = page(&c.board, &path).await;
        assert!(html.contains("Accepted"), "{html}");
    }
}

#[tokio::test]
async fn a_grade_reaches_the_items_units_read_only_and_notifies_the_lead() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let c = cast(&app).await;
        let bao_tang = app.unit_id("Bảo tàng Hà Nội").await;
        let coord = TestApp::user_browser(&app, "coord", &[Role::Staff], &[bao_tang]).await;
        let item = app.item_id(SESSIONS).await;
        let path = format!("/items/{}", item.0);
        let evaluation = format!("{path}/evaluation");

        let html = page(&c.lead, &path).await;
        assert!(html.contains("id=\"grades\"") && html.contains("Chưa có đánh giá"));
        let csrf = csrf_of(&page(&c.board, &evaluation).await);
        let comment = "Cần bổ sung minh chứng các phiên họp";
        let r = c
            .board
            .post(
                &evaluation,
                &[
                    ("_csrf", csrf.as_str()),
                    ("period", "2025-H1"),
                    ("grade", "fair"),
                    ("comment", comment),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);

        // The lead and coordinating units read it on the item page, without a form.
        for unit_user in [&c.lead, &coord] {
            let html = page(unit_user, &path).await;
            assert!(html.contains("id=\"grades\""), "{html}");
            assert!(html.contains("Khá") && html.contains(comment));
            assert!(html.contains("không sửa được"));
            assert!(!html.contains(&format!("href=\"{evaluation}\"")));
            assert_eq!(
                unit_user.get(&evaluation).await.status(),
                StatusCode::FORBIDDEN
            );
            let token = csrf_of(&page(unit_user, "/plans").await);
            let r = unit_user
                .post(
                    &evaluation,
                    &[
                        ("_csrf", token.as_str()),
                        ("period", "2025-H1"),
                        ("grade", "good"),
                        ("comment", ""),
                    ],
                )
                .await;
            assert_eq!(r.status(), StatusCode::FORBIDDEN);
        }
        assert_eq!(app.store.evaluations(item).await.unwrap().len(), 1);
        // Another unit reads the item but not how it was judged; the Board gets the link.
        let html = page(&c.outsider, &path).await;
        assert!(!html.contains("id=\"grades\"") && !html.contains(comment));
        let html = page(&c.board, &path).await;
        assert!(html.contains(&format!("href=\"{evaluation}\"")));

        // The lead unit is told; the coordinating unit is not.
        let notes = page(&c.lead, "/notifications").await;
        assert!(
            notes.contains("[Đánh giá]") && notes.contains("Khá"),
            "{notes}"
        );
        assert!(notes.contains(comment));
        let notes = page(&coord, "/notifications").await;
        assert!(!notes.contains("[Đánh giá]"));

        // A later grade stands; the earlier one stays in the history.
        let r = c
            .board
            .post(
                &evaluation,
                &[
                    ("_csrf", csrf.as_str()),
                    ("period", "2025-H1"),
                    ("grade", "good"),
                    ("comment", "Đã bổ sung đủ"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = page(&c.lead, &path).await;
        let grades = html.split("id=\"grades\"").nth(1).unwrap();
        let standing = grades.split("<details>").next().unwrap();
        assert!(
            standing.contains("Tốt") && !standing.contains("Khá"),
            "{grades}"
        );
        assert!(grades.contains("Các lần đánh giá trước") && grades.contains(comment));
    }
}

/// The header's unread count on a page, or None when it shows none.
fn unread_badge(html: &str) -> Option<i64> {
    html.contains("id=\"unread-count\"")
        .then(|| number_after(html, "id=\"unread-count\">"))
}

#[tokio::test]
async fn the_header_counts_unread_notifications_until_they_are_read() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let c = cast(&app).await;
        let item = app.item_id(SESSIONS).await;
        let html = page(&c.lead, "/plans").await;
        assert!(
            html.contains("href=\"/notifications\""),
            "the link is always there"
        );
        assert_eq!(unread_badge(&html), None);

        // A return and a grade reach the lead unit: two unread.
        let qlds = c.qlds.0.to_string();
        let fields = [
            ("unit", qlds.as_str()),
            ("period", "2025-Q2"),
            ("percent", "10"),
        ];
        let path = format!("/items/{}/reports", item.0);
        post_report(&c.lead, &path, report_form(&fields, vec![])).await;
        let report = app.store.item_reports(item).await.unwrap()[0].report_id;
        let r = review(&c.board, report, "1", "returned", "Thiếu nội dung").await;
        assert_eq!(r.status(), StatusCode::OK);
        let notice = store::NewEvaluation {
            item_id: item,
            period: domain::Period::Half(2025, 1),
            grade: domain::oversight::Grade::Average,
            comment: String::new(),
            notice: "[Đánh giá] Trung bình".into(),
        };
        let board = app.store.user_by_login("board").await.unwrap().unwrap();
        app.store
            .add_evaluation(&notice, &board.actor())
            .await
            .unwrap();
        let html = page(&c.lead, "/plans").await;
        assert_eq!(unread_badge(&html), Some(2), "{html}");
        assert_eq!(unread_badge(&page(&c.outsider, "/plans").await), None);
        // A page htmx swaps into <main> carries the count out of band.
        let partial = c
            .lead
            .client
            .get(c.lead.url("/items"))
            .header("HX-Request", "true")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(!partial.contains("<html") && partial.contains("hx-swap-oob=\"true\""));
        assert_eq!(unread_badge(&partial), Some(2));

        // Reading them clears the count.
        let notes = page(&c.lead, "/notifications").await;
        let link = notes.split("id=\"nav-notifications\"").nth(1).unwrap();
        let link = link.split('>').next().unwrap();
        assert!(link.contains("aria-current=\"page\""), "{link}");
        let upto = number_after(&notes, "name=\"upto\" value=\"").to_string();
        let csrf = csrf_of(&notes);
        let r = c
            .lead
            .post("/notifications/read", &[("_csrf", &csrf), ("upto", &upto)])
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(unread_badge(&r.text().await.unwrap()), None);
        assert_eq!(unread_badge(&page(&c.lead, "/plans").await), None);
    }
}

/// The `/items` list's total ("id=summary"), as a number.
fn list_total(html: &str) -> i64 {
    let at = html.find("id=\"summary\">").expect("summary") + "id=\"summary\">".len();
    if html[at..].starts_with("Không có nhiệm vụ nào") {
        return 0;
    }
    html[at..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .expect("a total")
}

/// The block `id` of the home page: its HTML up to the next block.
fn block<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no block {id} in {html}"));
    let rest = &html[start..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

/// The block's count and its "see all" link (none under an empty block: an empty list
/// is not worth a click, the block says why it is empty).
fn count_and_link(block: &str) -> (i64, String) {
    let count = number_after(block, "class=\"work-count\">");
    let see_all = block.rfind(">Xem tất cả</a>");
    assert_eq!(see_all.is_some(), count > 0, "{block}");
    let Some(end) = see_all else {
        return (0, String::new());
    };
    let link = block[..end]
        .rsplit("<a href=\"")
        .next()
        .and_then(|s| s.split('"').next())
        .unwrap()
        .replace("&#38;", "&")
        .replace("&amp;", "&")
        .replace("&#x2f;", "/")
        .replace("&#47;", "/");
    (count, link)
}

#[tokio::test]
async fn everyone_lands_on_their_own_work_with_links_to_the_lists() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        // Monday 11/08/2025, 10:00 in Hanoi: the seed plan's year, its third quarter.
        app.clock.set("2025-08-11T03:00:00Z".parse().unwrap());
        let c = cast(&app).await;
        let tap_chi = app.unit_id("Tạp chí Kiến trúc").await;
        let partner = TestApp::user_browser(&app, "partner", &[Role::Partner], &[tap_chi]).await;
        let loner = TestApp::user_browser(&app, "loner", &[Role::Staff], &[]).await;
        let item = app.item_id(SESSIONS).await;
        let q = c.qlds.0;
        // Something of the unit's falls due within the fortnight (on 20/08/2025), so that
        // its block links to the list of what is due soon.
        let it = app.store.item_tracking(item).await.unwrap().unwrap();
        let path = format!("/items/{}", item.0);
        let csrf = c.lead.csrf_from(&path).await;
        let version = it.version.to_string();
        let form = [
            ("_csrf", csrf.as_str()),
            ("version", &version),
            ("title", &it.title),
            ("text", &it.text),
            ("start", ""),
            ("due", "20/08/2025"),
        ];
        let saved = c.lead.post(&format!("{path}/details"), &form).await;
        assert!(saved.status().is_success(), "{}", saved.status());

        let html = page(&c.lead, "/").await;
        assert!(
            html.contains("Việc của tôi") && html.contains("quý 3/2025"),
            "{html}"
        );
        assert!(html.contains("aria-current=\"page\">Việc của tôi"));
        let silent = block(&html, &format!("unit-{q}-not_reported"));
        assert!(
            silent.contains(&format!("href=\"/items/{}\"", item.0)),
            "{silent}"
        );
        // Each count is what its list shows.
        for name in ["not_reported", "overdue", "due_soon"] {
            let (count, link) = count_and_link(block(&html, &format!("unit-{q}-{name}")));
            if count == 0 {
                continue;
            }
            assert!(
                link.starts_with(&format!("/items?unit={q}")),
                "{name}: {link}"
            );
            let list = page(&c.lead, &link).await;
            // One rule: the block's count is the list's total (not reported: the same
            // filter, `unreported=2025-Q3`).
            assert_eq!(list_total(&list), count, "{name}: {link}");
            if name == "not_reported" {
                assert!(link.contains("unreported=2025-Q3"), "{link}");
                assert!(list.contains("Chỉ việc chưa báo cáo quý 3/2025"));
            }
        }
        let board_home = page(&c.board, "/").await;
        let (count, link) = count_and_link(block(&board_home, "board-not_reported"));
        assert!(count > 0, "{link}");
        assert_eq!(list_total(&page(&c.board, &link).await), count, "{link}");
        let bad = page(&c.board, "/items?unreported=2025-Q9").await;
        assert!(
            bad.contains("không đọc được"),
            "a bad period is said, not dropped"
        );
        let (_, soon) = count_and_link(block(&html, &format!("unit-{q}-due_soon")));
        assert!(soon.contains("due_from=11%2F08%2F2025") && soon.contains("due_to=25%2F08%2F2025"));
        assert!(
            block(&html, &format!("unit-{q}-returned"))
                .contains("Không có báo cáo nào bị trả lại.")
        );

        // A report for this quarter takes the item off; the Board sees it waiting.
        let qs = q.to_string();
        let fields = [
            ("unit", qs.as_str()),
            ("period", "2025-08"),
            ("percent", "20"),
        ];
        let path = format!("/items/{}/reports", item.0);
        post_report(&c.lead, &path, report_form(&fields, vec![])).await;
        let html = page(&c.lead, "/").await;
        let silent = block(&html, &format!("unit-{q}-not_reported"));
        assert!(!silent.contains(&format!("href=\"/items/{}\"", item.0)));
        let html = page(&c.board, "/").await;
        assert!(html.contains("Ban Giám đốc"));
        let waiting = block(&html, "board-awaiting");
        assert!(
            waiting.contains(&format!("/items/{}#r", item.0)),
            "{waiting}"
        );
        assert_eq!(number_after(waiting, "class=\"work-count\">"), 1);
        // The escalations block links to their list, once there is something in it.
        let (escalated, link) = count_and_link(block(&html, "board-escalations"));
        assert!(escalated == 0 || link == "/escalations", "{link}");
        assert!(!block(&html, "board-not_reported").contains(&format!("/items/{}\"", item.0)));

        // Returned: the unit's home page says so, with the comment and where to answer.
        let report = app.store.item_reports(item).await.unwrap()[0].report_id;
        review(&c.board, report, "1", "returned", "Ghi rõ số phiên").await;
        let html = page(&c.lead, "/").await;
        let returned = block(&html, &format!("unit-{q}-returned"));
        assert!(returned.contains("Ghi rõ số phiên"), "{returned}");
        assert!(returned.contains(&format!("/reports/{report}#report-form")));
        assert!(!block(&page(&c.board, "/").await, "board-awaiting").contains("#r"));

        // A partner lands on what is shared with it; someone of no unit is told why.
        let html = page(&partner, "/").await;
        assert!(
            html.contains("Được chia sẻ với Tạp chí Kiến trúc"),
            "{html}"
        );
        assert!(block(&html, &format!("unit-{}-not_reported", tap_chi.0)).contains("/items/"));
        let html = page(&loner, "/").await;
        assert!(html.contains("id=\"work-nobody\""), "{html}");

        // Near the year's end the plan's items fall due, then overdue: the counts are
        // the lists' (sessions end with a jump of days: sign in again).
        for (at, name) in [
            ("2025-12-20T03:00:00Z", "due_soon"),
            ("2026-01-05T03:00:00Z", "overdue"),
        ] {
            app.clock.set(at.parse().unwrap());
            c.lead.sign_in("lead", common::NEW_PASSWORD).await;
            let html = page(&c.lead, "/").await;
            let (count, link) = count_and_link(block(&html, &format!("unit-{q}-{name}")));
            if count == 0 {
                continue;
            }
            assert!(count > 0, "{name} on {at}");
            assert_eq!(list_total(&page(&c.lead, &link).await), count, "{link}");
        }
    }
}
