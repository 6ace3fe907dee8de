//! Department setup in the browser (issue 13), continued: accounts and a plan's document
//! details, each form with bad input, a stale version and a user who may not use it.

use crate::common::{self, NEW_PASSWORD, TestApp, spawn_app};
use crate::setup::{actions, user_version};
use domain::Role;
use reqwest::StatusCode;

#[tokio::test]
async fn accounts_are_edited_deactivated_and_staff_need_a_unit() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        app.sign_in_ready().await;
        let qlds = app.unit_id("Phòng Quản lý Di sản").await;
        let khtc = app.unit_id("Phòng Kế hoạch").await;

        // A staff member without a unit is refused beside the units.
        let csrf = app.csrf_from("/admin/users").await;
        let r = app
            .post(
                "/admin/users",
                &[
                    ("_csrf", &csrf),
                    ("login", "khong.don.vi"),
                    ("display_name", "Không Đơn Vị"),
                    ("role", "staff"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(
            html.contains(r#"id="new-units-error">Cán bộ phải thuộc ít nhất một đơn vị"#),
            "{html}"
        );
        assert!(
            app.store
                .user_by_login("khong.don.vi")
                .await
                .unwrap()
                .is_none()
        );

        // A staff member of QLDS, signed in, with a personal calendar feed.
        let lan = TestApp::user_browser(&app, "lan", &[Role::Staff], &[qlds]).await;
        let id = app.store.user_by_login("lan").await.unwrap().unwrap().id;
        let csrf = lan.csrf_from("/feeds").await;
        let page = lan
            .post(
                "/feeds",
                &[("_csrf", csrf.as_str()), ("owner", "me"), ("label", "Lịch")],
            )
            .await
            .text()
            .await
            .unwrap();
        let start = page.find("id=\"feed-url\">").expect("feed URL") + "id=\"feed-url\">".len();
        let url = page[start..].split('<').next().unwrap();
        let feed_path = format!("/feeds/{}", url.split_once("/feeds/").unwrap().1);
        let feed = || async {
            app.fresh_client()
                .get(app.url(&feed_path))
                .send()
                .await
                .unwrap()
                .status()
        };
        assert_eq!(feed().await, StatusCode::OK);

        // Bad input on the edit form: each beside its field, what was typed kept.
        let path = format!("/admin/users/{id}");
        let edit = |fields: Vec<(&'static str, String)>| {
            let app = &app;
            let path = path.clone();
            async move {
                let csrf = app.csrf_from(&path).await;
                let mut form: Vec<(&str, String)> = vec![("_csrf", csrf)];
                form.extend(fields);
                let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                app.post(&path, &pairs).await
            }
        };
        let v = user_version(&app, id).await;
        let (q, k) = (qlds.to_string(), khtc.to_string());
        let r = edit(vec![
            ("version", v.clone()),
            ("display_name", " ".into()),
            ("email", "không phải thư".into()),
            ("role", "staff".into()),
        ])
        .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(
            html.contains(r#"id="edit-name-error">Hãy nhập tên."#),
            "{html}"
        );
        assert!(html.contains(r#"id="edit-email-error""#), "{html}");
        assert!(
            html.contains(r#"id="edit-units-error">Cán bộ phải thuộc ít nhất một đơn vị"#),
            "{html}"
        );
        assert!(html.contains(r#"value="không phải thư""#));
        let r = edit(vec![
            ("version", v.clone()),
            ("display_name", "Lan".into()),
            ("role", "emperor".into()),
            ("unit", q.clone()),
        ])
        .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains(r#"id="edit-roles-error""#));

        // Saved: name, e-mail, two roles, two units; audited with before and after.
        let r = edit(vec![
            ("version", v.clone()),
            ("display_name", " Nguyễn  Thị Lan ".into()),
            ("email", "lan@svhtt.hanoi.gov.vn".into()),
            ("role", "staff".into()),
            ("role", "finance".into()),
            ("unit", q.clone()),
            ("unit", k.clone()),
        ])
        .await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Đã lưu họ tên, thư điện tử")
        );
        let u = app.store.user(id).await.unwrap().unwrap();
        assert_eq!(u.display_name, "Nguyễn Thị Lan");
        assert_eq!(u.email.as_deref(), Some("lan@svhtt.hanoi.gov.vn"));
        let mut units = u.unit_ids();
        units.sort();
        let mut want = vec![qlds, khtc];
        want.sort();
        assert_eq!(units, want);
        assert!(u.roles.contains(&Role::Finance) && u.roles.contains(&Role::Staff));
        assert!(
            actions(&app, "user", id.0)
                .await
                .iter()
                .any(|a| a == "user.update")
        );
        // The same form sent again: its version is stale.
        let r = edit(vec![
            ("version", v.clone()),
            ("display_name", "Lan".into()),
            ("role", "staff".into()),
            ("unit", q.clone()),
        ])
        .await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Người khác vừa lưu thay đổi trước bạn")
        );
        assert_eq!(
            app.store.user(id).await.unwrap().unwrap().display_name,
            "Nguyễn Thị Lan"
        );

        // Nobody but an admin may edit or deactivate an account.
        let csrf = lan.csrf_from("/plans").await;
        let v = user_version(&app, id).await;
        for p in [path.clone(), format!("{path}/active")] {
            let r = lan
                .post(
                    &p,
                    &[
                        ("_csrf", &csrf),
                        ("version", &v),
                        ("display_name", "X"),
                        ("role", "admin"),
                        ("active", "0"),
                    ],
                )
                .await;
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{p}");
        }

        // Deactivated: the open session ends, the feed stops answering, no sign-in.
        let csrf = app.csrf_from(&path).await;
        let r = app
            .post(
                &format!("{path}/active"),
                &[("_csrf", &csrf), ("version", &v), ("active", "0")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.text().await.unwrap().contains("Đã khóa tài khoản"));
        assert_eq!(lan.get("/").await.url().path(), "/signin", "signed out");
        assert_eq!(
            feed().await,
            StatusCode::GONE,
            "the personal feed is closed"
        );
        let again = TestApp::new_browser(&app);
        let r = again.sign_in("lan", NEW_PASSWORD).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        assert!(r.text().await.unwrap().contains("Tài khoản này đã bị khóa"));
        assert!(
            actions(&app, "user", id.0)
                .await
                .iter()
                .any(|a| a == "user.active")
        );

        // Reactivated: sign-in and the feed work again.
        let v = user_version(&app, id).await;
        let r = app
            .post(
                &format!("{path}/active"),
                &[("_csrf", &csrf), ("version", &v), ("active", "1")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(again.sign_in("lan", NEW_PASSWORD).await.url().path(), "/");
        assert_eq!(feed().await, StatusCode::OK);

        // An admin cannot lock themselves out.
        let me = app.store.user_by_login("admin").await.unwrap().unwrap();
        let mine = format!("/admin/users/{}", me.id);
        let v = user_version(&app, me.id).await;
        let r = app
            .post(
                &format!("{mine}/active"),
                &[("_csrf", &csrf), ("version", &v), ("active", "0")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("không thể tự bỏ vai trò Quản trị hoặc tự khóa")
        );
        assert!(app.store.user(me.id).await.unwrap().unwrap().active);
    }
}

#[tokio::test]
async fn plan_details_are_corrected_by_admin_and_board_and_listed() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        app.sign_in_ready().await;
        let plan = app.plan_id().await;
        let path = format!("/plans/{plan}/metadata");

        // The built-in plan's text has no number or date: the list says so, and offers
        // the form to those who may fill them in.
        let html = app.get("/plans").await.text().await.unwrap();
        assert!(
            html.contains("Chưa có số") && html.contains("Chưa có ngày"),
            "{html}"
        );
        assert!(html.contains(&format!(r#"href="{path}""#)));

        let version = || async {
            app.store
                .plan_metadata(domain::PlanId(plan))
                .await
                .unwrap()
                .unwrap()
                .version
                .to_string()
        };
        let save = |date: &'static str, symbol: String, version: String| {
            let app = &app;
            let path = path.clone();
            async move {
                let csrf = app.csrf_from(&path).await;
                app.post(
                    &path,
                    &[
                        ("_csrf", csrf.as_str()),
                        ("version", &version),
                        ("number", " 85 "),
                        ("symbol", &symbol),
                        ("date", date),
                        ("signer_title", "giám đốc"),
                        ("signer_name", "Đỗ Đình Hồng"),
                        ("parent_issuer", "UBND thành phố Hà Nội"),
                    ],
                )
                .await
            }
        };
        // A date that is not one, and a symbol too long: beside their fields, kept.
        let r = save("31/02/2025", "kh-svhtt".into(), version().await).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(
            html.contains(r#"id="meta-date-error">"#) && html.contains("31/02/2025"),
            "{html}"
        );
        let r = save("15/01/2025", "K".repeat(41), version().await).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(
            html.contains(r#"id="meta-symbol-error">Ký hiệu dài quá 40 ký tự"#),
            "{html}"
        );

        // Saved, tidied; the list and the plan page show it.
        let opened = version().await;
        let r = save("15/01/2025", "kh-svhtt".into(), opened.clone()).await;
        assert_eq!(r.url().path(), format!("/plans/{plan}"));
        let html = r.text().await.unwrap();
        assert!(
            html.contains("85/KH-SVHTT") && html.contains("15/01/2025"),
            "{html}"
        );
        assert!(html.contains("UBND thành phố Hà Nội"));
        let list = app.get("/plans").await.text().await.unwrap();
        assert!(
            list.contains("85/KH-SVHTT") && list.contains("15/01/2025"),
            "{list}"
        );
        assert!(!list.contains("Chưa có số"));
        assert!(
            actions(&app, "plan", plan)
                .await
                .iter()
                .any(|a| a == "plan.metadata")
        );

        // The form opened before that save: a conflict, nothing overwritten.
        let r = save("16/01/2025", "kh-ubnd".into(), opened).await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let html = r.text().await.unwrap();
        assert!(
            html.contains(r#"value="16/01/2025""#),
            "what was typed stays"
        );
        assert!(
            html.contains(r#"id="plan-metadata-saved""#) && html.contains("<dd>15/01/2025</dd>")
        );
        let m = app
            .store
            .plan_metadata(domain::PlanId(plan))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(m.metadata.symbol.as_deref(), Some("KH-SVHTT"));

        // The Board may correct it too; staff may not open or send the form.
        let board = TestApp::user_browser(&app, "bgd", &[Role::Board], &[]).await;
        assert_eq!(board.get(&path).await.status(), StatusCode::OK);
        let qlds = app.unit_id("Phòng Quản lý Di sản").await;
        let staff = TestApp::user_browser(&app, "cb", &[Role::Staff], &[qlds]).await;
        assert_eq!(staff.get(&path).await.status(), StatusCode::FORBIDDEN);
        let csrf = staff.csrf_from("/plans").await;
        let v = version().await;
        let r = staff
            .post(&path, &[("_csrf", &csrf), ("version", &v), ("number", "1")])
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let html = staff.get("/plans").await.text().await.unwrap();
        assert!(
            !html.contains(&format!(r#"href="{path}""#)),
            "no link for staff"
        );
    }
}
