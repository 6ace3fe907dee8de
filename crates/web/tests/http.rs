//! The web app over HTTP: a real server on 127.0.0.1:0 with a fresh database per test
//! (SQLite always; PostgreSQL too when SANGTAO_TEST_PG_URL is set).

#[path = "http/budget.rs"]
mod budget;
#[path = "http/budget_categories.rs"]
mod budget_categories;
#[path = "http/budget_delegation.rs"]
mod budget_delegation;
#[path = "http/budget_money.rs"]
mod budget_money;
#[path = "http/budget_paging.rs"]
mod budget_paging;
#[path = "http/budget_report.rs"]
mod budget_report;
#[path = "http/calendar.rs"]
mod calendar;
#[path = "http/candidacies.rs"]
mod candidacies;
#[path = "http/candidacy_view.rs"]
mod candidacy_view;
#[path = "http/cities.rs"]
mod cities;
#[path = "http/cities_projects.rs"]
mod cities_projects;
#[path = "http/cities_records.rs"]
mod cities_records;
mod common;
#[path = "http/connections.rs"]
mod connections;
#[path = "http/daily.rs"]
mod daily;
#[path = "http/deadlines.rs"]
mod deadlines;
#[path = "http/demo.rs"]
mod demo;
#[path = "http/directions.rs"]
mod directions;
#[path = "http/events.rs"]
mod events;
#[path = "http/exports.rs"]
mod exports;
#[path = "http/faults.rs"]
mod faults;
#[path = "http/forms.rs"]
mod forms;
#[path = "http/guiding_forms.rs"]
mod guiding_forms;
#[path = "http/import.rs"]
mod import;
#[path = "http/import_funding.rs"]
mod import_funding;
#[path = "http/import_revise.rs"]
mod import_revise;
#[path = "http/lists.rs"]
mod lists;
// The Vietnamese network space (issue 19, part 2).
// Media works (issue 18).
#[path = "http/media.rs"]
mod media;
#[path = "http/network.rs"]
mod network;
#[path = "http/network_board.rs"]
mod network_board;
#[path = "http/network_edits.rs"]
mod network_edits;
#[path = "http/network_events.rs"]
mod network_events;
#[path = "http/once.rs"]
mod once;
#[path = "http/one_truth.rs"]
mod one_truth;
#[path = "http/oversight.rs"]
mod oversight;
// The public site and publishing (issue 18).
#[path = "http/public.rs"]
mod public;
#[path = "http/public_site.rs"]
mod public_site;
#[path = "http/publishing.rs"]
mod publishing;
#[path = "http/report_edits.rs"]
mod report_edits;
#[path = "http/role_matrix.rs"]
mod role_matrix;
#[path = "http/scheduler.rs"]
mod scheduler;
#[path = "http/search.rs"]
mod search;
#[path = "http/setup.rs"]
mod setup;
#[path = "http/setup_accounts.rs"]
mod setup_accounts;
#[path = "http/signin.rs"]
mod signin;
#[path = "http/sub_forms.rs"]
mod sub_forms;
#[path = "http/targets.rs"]
mod targets;
#[path = "http/tracking.rs"]
mod tracking;
#[path = "http/words.rs"]
mod words;

use common::{Backend, NEW_PASSWORD, TestApp, spawn_app, spawn_app_with};
use reqwest::StatusCode;

/// Runs `f` once per available backend.
macro_rules! each_backend {
    (|$app:ident| $body:block) => {{
        for backend in common::backends().await {
            let $app = spawn_app(backend).await;
            $body
        }
    }};
}

#[tokio::test]
async fn anonymous_requests_go_to_sign_in_and_health_and_assets_are_public() {
    each_backend!(|app| {
        let r = app.get("/plans").await;
        assert!(
            r.url().path() == "/signin",
            "redirected to sign-in, got {}",
            r.url()
        );
        let body = r.text().await.unwrap();
        assert!(body.contains("Vui lòng đăng nhập"), "{body}");
        let r = app.get("/healthz").await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.text().await.unwrap().contains("\"ok\""));
        let r = app.get("/static/vendor/htmx/htmx.min.js").await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(
            r.headers()["cache-control"]
                .to_str()
                .unwrap()
                .contains("immutable")
        );
        let r = app.get("/static/app.css").await;
        assert_eq!(r.status(), StatusCode::OK);
        // Nothing else is served without a session.
        for path in [
            "/units",
            "/items/1",
            "/plans/1",
            "/admin/users",
            "/admin/abbreviations",
            "/password",
        ] {
            let r = app.get(path).await;
            assert_eq!(r.url().path(), "/signin", "{path}");
        }
    });
}

#[tokio::test]
async fn sign_in_forces_a_password_change_then_works_with_the_new_password() {
    each_backend!(|app| {
        let r = app.sign_in("admin", &app.admin_password).await;
        assert_eq!(
            r.url().path(),
            "/password",
            "first sign-in goes to the password change"
        );
        let body = r.text().await.unwrap();
        assert!(body.contains("lần đăng nhập đầu tiên"), "{body}");
        // Other pages wait until the password is changed.
        assert_eq!(app.get("/plans").await.url().path(), "/password");
        // Session cookie flags.
        let raw = app.raw_sign_in_cookie("admin", &app.admin_password).await;
        assert!(
            raw.contains("HttpOnly") && raw.contains("SameSite=Lax") && !raw.contains("Secure"),
            "{raw}"
        );

        // A wrong current password is explained.
        let csrf = app.csrf_from("/password").await;
        let r = app
            .post(
                "/password",
                &[
                    ("_csrf", &csrf),
                    ("current", "nope"),
                    ("new", NEW_PASSWORD),
                    ("confirm", NEW_PASSWORD),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Mật khẩu hiện tại không đúng")
        );
        let r = app
            .post(
                "/password",
                &[
                    ("_csrf", &csrf),
                    ("current", &app.admin_password),
                    ("new", "short"),
                    ("confirm", "short"),
                ],
            )
            .await;
        assert!(r.text().await.unwrap().contains("ít nhất 10 ký tự"));
        let r = app
            .post(
                "/password",
                &[
                    ("_csrf", &csrf),
                    ("current", &app.admin_password),
                    ("new", NEW_PASSWORD),
                    ("confirm", NEW_PASSWORD),
                ],
            )
            .await;
        assert_eq!(r.url().path(), "/", "the home page after the change");
        assert!(r.text().await.unwrap().contains("Đã đổi mật khẩu"));

        app.sign_out().await;
        let r = app.sign_in("admin", &app.admin_password).await;
        assert!(
            r.text().await.unwrap().contains("không đúng"),
            "the one-time password no longer works"
        );
        let r = app.sign_in("admin", NEW_PASSWORD).await;
        assert_eq!(r.url().path(), "/", "sign-in lands on Việc của tôi");
    });
}

#[tokio::test]
async fn wrong_password_is_explained_and_sign_in_is_throttled_after_five_failures() {
    each_backend!(|app| {
        for i in 1..=5 {
            let r = app.sign_in("admin", "wrong-password").await;
            assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "attempt {i}");
            let body = r.text().await.unwrap();
            if i < 5 {
                assert!(
                    body.contains("Tên đăng nhập hoặc mật khẩu không đúng"),
                    "{body}"
                );
                assert!(body.contains(&format!("còn {} lần thử", 5 - i)), "{body}");
            } else {
                assert!(body.contains("thử lại sau"), "{body}");
            }
        }
        // Even the right password waits now, and the message says until when.
        let r = app.sign_in("admin", &app.admin_password).await;
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
        let body = r.text().await.unwrap();
        assert!(
            body.contains("Vui lòng thử lại sau") && body.contains("phút"),
            "{body}"
        );
        // Unknown logins get the same message as wrong passwords.
        let r = app.sign_in("khong-co-ai", "x").await;
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Tên đăng nhập hoặc mật khẩu không đúng")
        );
    });
}

#[tokio::test]
async fn an_expired_session_leads_to_sign_in_with_a_message() {
    for backend in common::backends().await {
        // The server's clock stands still until moved: no sleeping.
        let app = spawn_app_with(backend, |c| c.session_ttl = chrono::Duration::seconds(4)).await;
        app.sign_in_ready().await;
        assert_eq!(app.get("/plans").await.status(), StatusCode::OK);
        app.clock.advance(chrono::Duration::seconds(3));
        assert_eq!(
            app.get("/plans").await.status(),
            StatusCode::OK,
            "used: kept alive"
        );
        app.clock.advance(chrono::Duration::seconds(5));
        let r = app.get("/plans").await;
        assert_eq!(r.url().path(), "/signin");
        assert!(r.url().query().unwrap_or("").contains("next=%2Fplans"));
        let body = r.text().await.unwrap();
        assert!(body.contains("Phiên làm việc đã hết hạn"), "{body}");
    }
}

#[tokio::test]
async fn csrf_missing_or_wrong_is_refused_and_changes_nothing() {
    each_backend!(|app| {
        app.sign_in_ready().await;
        let r = app
            .post(
                "/admin/abbreviations",
                &[("alias", "DVTN-X"), ("unit_name", "Đơn vị thử nghiệm")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let body = r.text().await.unwrap();
        assert!(
            body.contains("Biểu mẫu đã hết hạn") && body.contains("tải lại trang"),
            "{body}"
        );
        let wrong = "0".repeat(64);
        let r = app
            .post(
                "/admin/abbreviations",
                &[
                    ("_csrf", wrong.as_str()),
                    ("alias", "DVTN-X"),
                    ("unit_name", "Đơn vị thử nghiệm"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        // The header route used by htmx is checked too.
        let r = app
            .client
            .post(app.url("/admin/abbreviations"))
            .header("X-CSRF-Token", &wrong)
            .form(&[("alias", "DVTN-X"), ("unit_name", "Đơn vị thử nghiệm")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        assert!(
            !app.get("/admin/abbreviations")
                .await
                .text()
                .await
                .unwrap()
                .contains("DVTN-X")
        );
        // The sign-in form needs its pre-session token as well.
        let fresh = app.fresh_client();
        let r = fresh
            .post(app.url("/signin"))
            .form(&[
                ("login", "admin"),
                ("password", app.admin_password.as_str()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        // With the token, the same change is made.
        let csrf = app.csrf_from("/admin/abbreviations").await;
        let r = app
            .post(
                "/admin/abbreviations",
                &[
                    ("_csrf", csrf.as_str()),
                    ("alias", "DVTN-X"),
                    ("unit_name", "Đơn vị thử nghiệm"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.text().await.unwrap().contains("DVTN-X"));
    });
}

#[tokio::test]
async fn a_stale_form_is_explained_and_nothing_is_changed() {
    each_backend!(|app| {
        app.sign_in_ready().await;
        let old = app.csrf_from("/admin/users").await;
        app.sign_out().await;
        app.sign_in("admin", NEW_PASSWORD).await;
        let r = app
            .post(
                "/admin/users",
                &[
                    ("_csrf", old.as_str()),
                    ("login", "cu.ban"),
                    ("display_name", "Nguyễn Văn Cũ"),
                    ("role", "staff"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let body = r.text().await.unwrap();
        assert!(
            body.contains("Biểu mẫu đã cũ") && body.contains("Không có thay đổi nào được lưu"),
            "{body}"
        );
        assert!(
            !app.get("/admin/users")
                .await
                .text()
                .await
                .unwrap()
                .contains("cu.ban")
        );
    });
}

#[tokio::test]
async fn unknown_urls_get_a_helpful_404_page_in_the_users_language() {
    each_backend!(|app| {
        app.sign_in_ready().await;
        for path in [
            "/khong-co",
            "/plans/999999",
            "/items/999999",
            "/units/999999",
            "/plans/abc",
        ] {
            let r = app.get(path).await;
            assert_eq!(r.status(), StatusCode::NOT_FOUND, "{path}");
            let body = r.text().await.unwrap();
            assert!(
                body.contains("Không tìm thấy trang") && body.contains("danh sách kế hoạch"),
                "{body}"
            );
        }
        app.switch_language("en").await;
        let body = app.get("/khong-co").await.text().await.unwrap();
        assert!(body.contains("Page not found"), "{body}");
        // Anonymous visitors get the 404 page as well (in the cookie's language).
        let fresh = app.fresh_client();
        let r = fresh.get(app.url("/khong-co")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
    });
}

#[tokio::test]
async fn admin_pages_are_forbidden_to_other_roles_and_units() {
    each_backend!(|app| {
        app.sign_in_ready().await;
        let units = app.store.list_units().await.unwrap();
        assert!(units.len() >= 2, "the seed names several units");
        let staff = app
            .create_user("can.bo", "Trần Thị Cán Bộ", "staff", units[1].id.0)
            .await;
        let board = app
            .create_user("ban.gd", "Lê Văn Giám Đốc", "board", units[0].id.0)
            .await;
        for (login, otp) in [("can.bo", staff), ("ban.gd", board)] {
            app.sign_out().await;
            app.sign_in(login, &otp).await;
            let csrf = app.csrf_from("/password").await;
            let r = app
                .post(
                    "/password",
                    &[
                        ("_csrf", &csrf),
                        ("current", &otp),
                        ("new", NEW_PASSWORD),
                        ("confirm", NEW_PASSWORD),
                    ],
                )
                .await;
            assert_eq!(r.url().path(), "/");
            for path in ["/admin/users", "/admin/abbreviations", "/admin/users/1"] {
                let r = app.get(path).await;
                assert_eq!(r.status(), StatusCode::FORBIDDEN, "{login} {path}");
                assert!(r.text().await.unwrap().contains("không có quyền"));
            }
            let csrf = app.csrf_from("/plans").await;
            let r = app
                .post("/admin/users/1/reset", &[("_csrf", csrf.as_str())])
                .await;
            assert_eq!(
                r.status(),
                StatusCode::FORBIDDEN,
                "{login} cannot reset passwords"
            );
            // Reading the plan is allowed.
            assert_eq!(app.get("/plans").await.status(), StatusCode::OK);
        }
    });
}

#[tokio::test]
async fn the_plan_page_shows_the_seed_tree_with_targets_units_and_items() {
    each_backend!(|app| {
        app.sign_in_ready().await;
        let plans = app.get("/plans").await.text().await.unwrap();
        let plan_id = app.plan_id().await;
        assert!(plans.contains(&format!("/plans/{plan_id}")), "{plans}");
        let body = app
            .get(&format!("/plans/{plan_id}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            body.contains("20–30 cuộc/năm"),
            "target shown with an en dash and its period"
        );
        assert!(body.contains("class=\"chip lead"), "lead units as chips");
        assert!(body.contains("/units/"), "chips link to unit pages");
        assert!(body.contains("UNESCO"));
        // An item page with breadcrumbs.
        let item = body
            .split("href=\"/items/")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string();
        let r = app.get(&format!("/items/{item}")).await;
        assert_eq!(r.status(), StatusCode::OK);
        let page = r.text().await.unwrap();
        assert!(page.contains("class=\"crumbs\"") && page.contains(&format!("/plans/{plan_id}")));
        // A unit page lists what the unit leads.
        let unit = body
            .split("href=\"/units/")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string();
        let page = app
            .get(&format!("/units/{unit}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            page.contains("Nội dung chủ trì") && page.contains("/items/"),
            "{page}"
        );
        // htmx gets the inside of <main> only.
        let r = app
            .client
            .get(app.url(&format!("/plans/{plan_id}")))
            .header("HX-Request", "true")
            .send()
            .await
            .unwrap();
        let partial = r.text().await.unwrap();
        assert!(!partial.contains("<html") && partial.contains("20–30 cuộc/năm"));
    });
}

#[tokio::test]
async fn the_language_switch_is_remembered_per_user() {
    each_backend!(|app| {
        // Before sign-in, a cookie remembers it.
        let page = app.get("/signin").await.text().await.unwrap();
        assert!(page.contains("Đăng nhập") && page.contains("lang=\"vi\""));
        app.switch_language("en").await;
        let page = app.get("/signin").await.text().await.unwrap();
        assert!(
            page.contains("Sign in") && page.contains("lang=\"en\""),
            "{page}"
        );
        app.switch_language("vi").await;
        app.sign_in_ready().await;
        assert!(
            app.get("/plans")
                .await
                .text()
                .await
                .unwrap()
                .contains("Danh sách kế hoạch")
        );
        app.switch_language("en").await;
        assert!(
            app.get("/plans")
                .await
                .text()
                .await
                .unwrap()
                .contains(">Plans<")
        );
        // A new browser: the account's choice wins after sign-in.
        let other = TestApp::new_browser(&app);
        other.sign_in("admin", NEW_PASSWORD).await;
        let page = other.get("/plans").await.text().await.unwrap();
        assert!(page.contains("lang=\"en\""), "{page}");
        app.switch_language("vi").await;
        assert!(
            app.get("/plans")
                .await
                .text()
                .await
                .unwrap()
                .contains("Danh sách kế hoạch")
        );
    });
}

#[tokio::test]
async fn admin_creates_a_user_assigns_units_and_resets_the_password() {
    each_backend!(|app| {
        app.sign_in_ready().await;
        let units = app.store.list_units().await.unwrap();
        let otp = app
            .create_user("nhan.vien", "Phạm Thu Hà", "staff", units[0].id.0)
            .await;
        assert!(otp.len() >= 16);
        let user = app.store.user_by_login("nhan.vien").await.unwrap().unwrap();
        assert!(user.must_change_password);
        assert_eq!(user.unit_ids(), vec![units[0].id]);
        let csrf = app.csrf_from(&format!("/admin/users/{}", user.id)).await;
        let unit_b = units[1].id.0.to_string();
        let version = user.version.to_string();
        let r = app
            .post(
                &format!("/admin/users/{}", user.id),
                &[
                    ("_csrf", csrf.as_str()),
                    ("version", &version),
                    ("display_name", "Phạm Thu Hà"),
                    ("role", "staff"),
                    ("role", "finance"),
                    ("unit", unit_b.as_str()),
                ],
            )
            .await;
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Đã lưu họ tên, thư điện tử, vai trò")
        );
        let user = app.store.user_by_login("nhan.vien").await.unwrap().unwrap();
        assert_eq!(user.unit_ids(), vec![units[1].id]);
        assert_eq!(user.roles.len(), 2);
        let r = app
            .post(
                &format!("/admin/users/{}/reset", user.id),
                &[("_csrf", csrf.as_str())],
            )
            .await;
        let page = r.text().await.unwrap();
        let new_otp = common::otp_of(&page);
        assert_ne!(new_otp, otp);
        // The login rule is explained.
        let r = app
            .post(
                "/admin/users",
                &[
                    ("_csrf", csrf.as_str()),
                    ("login", "Có Dấu"),
                    ("display_name", "X"),
                    ("role", "staff"),
                ],
            )
            .await;
        assert!(r.text().await.unwrap().contains("Tên đăng nhập chỉ gồm"));
        let _ = Backend::Sqlite;
    });
}
